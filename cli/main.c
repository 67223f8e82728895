/* main.c — the storyline command: global options, dispatch, help, and the
 * small helpers every command uses (options, errors, JSON, opening the store).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The story commands (cmd_story.c); declared here until cli.h has them. */

static const char usage_main[] =
    "usage: storyline [--db FILE] COMMAND [options]\n"
    "\n"
    "Turn raw news (HTML, text, transcripts, JSONL, WARC) into clean dated\n"
    "articles in a SQLite store, group them into events and storylines, and\n"
    "browse them.\n"
    "\n"
    "commands:\n"
    "  ingest PATH...|-     read files, directories or stdin into the store\n"
    "  extract FILE|-       print the article(s) of one input as JSON or text\n"
    "  articles             list stored articles, newest first\n"
    "  show ID              show one stored article\n"
    "  search QUERY         full-text search with ranked snippets\n"
    "  stats                counts of the store\n"
    "  stories              list storylines, newest first\n"
    "  story ID             one storyline (S12) or event (E34) with its articles\n"
    "  cluster              group new articles into events and storylines\n"
    "  annotate PATH|-      who, said what, when, how many, for each article\n"
    "  report [ID]          the story: summary, timeline, quotes, conflicts, sources\n"
    "  summarize --jsonl    cited extractive summaries of JSONL clusters\n"
    "  serve                the JSON API and web pages over HTTP\n"
    "  help [COMMAND]       this text, or a command's\n"
    "\n"
    "global options:\n"
    "  --db FILE            the database (default: $STORYLINE_DB, else ./storyline.db)\n"
    "  --help               help (also after any command)\n"
    "  --version            print the version\n"
    "\n"
    "exit status:\n"
    "  0    success\n"
    "  1    some input or item failed (the rest was done), or no such article\n"
    "  2    usage error: bad command, option or search query\n"
    "  3    store error: the database cannot be opened, read or written\n"
    "  130  interrupted; finished batches are saved\n";

static const struct {
    const char *name;
    const char *usage;
} usages[] = {
    {"ingest",
     "usage: storyline ingest [options] PATH...|-\n"
     "\n"
     "Read files, directories (recursively, dot-files skipped) or stdin (-)\n"
     "into the store. Content already stored is not stored again; only where\n"
     "it was seen is recorded. Articles are committed in batches: an\n"
     "interrupted run keeps every finished batch, and a re-run completes it.\n"
     "\n"
     "On a terminal a progress line is drawn on stderr. Otherwise the run is\n"
     "quiet and ends with one JSON line on stdout:\n"
     "  {\"files\":N,\"articles\":N,\"new\":N,\"duplicates\":N,\"errors\":N,\n"
     "   \"bytes\":N,\"events\":N,\"storylines\":N,\"copies\":N,\"seconds\":X}\n"
     "Each failed input or item gives one line \"storyline: FILE: reason\" on\n"
     "stderr, and the run goes on.\n"
     "\n"
     "options:\n"
     "  --db FILE        the database\n"
     "  --batch N        articles per transaction (default 500)\n"
     "  --json           print the JSON summary even on a terminal\n"
     "  --quiet          no progress line\n"
     "  --no-cluster     do not group the new articles into stories\n"
     "\n"
     "At the end the new articles are grouped into events and storylines\n"
     "(storyline cluster); the summary then counts the new \"events\",\n"
     "\"storylines\" and \"copies\".\n"
     "\n"
     "exit: 0 all stored, 1 some input failed (the rest is stored),\n"
     "      2 usage error, 3 store error, 130 interrupted\n"},
    {"extract",
     "usage: storyline extract [options] FILE|-\n"
     "\n"
     "Print the first article of the input as one JSON object. Nothing is\n"
     "stored.\n"
     "\n"
     "options:\n"
     "  --all            every article of a multi-article input, as JSON lines\n"
     "  --segments       include sentence and token spans\n"
     "  --text           print only the clean text\n"
     "\n"
     "exit: 0 ok, 1 the input or an item failed (one line on stderr), 2 usage\n"},
    {"articles",
     "usage: storyline articles [--limit N] [--offset N] [--json]\n"
     "\n"
     "List stored articles, newest first (unknown dates last): id, date,\n"
     "outlet, title; --json gives one JSON object per line.\n"
     "\n"
     "options:\n"
     "  --limit N        at most N articles (default 50; 0 for all)\n"
     "  --offset N       skip the first N\n"
     "  --json           JSON lines\n"
     "  --db FILE        the database\n"
     "\n"
     "exit: 0 ok, 2 usage, 3 store error\n"},
    {"show",
     "usage: storyline show ID [--json] [--facts]\n"
     "\n"
     "Show one stored article: title, date and how it was found, outlet, url,\n"
     "authors, where it was read from, then its text (transcript turns as\n"
     "\"SPEAKER: text\"). --json prints the article as JSON with its store id.\n"
     "--facts shows what was found in it instead: entities with their roles,\n"
     "quotes with their speakers, dates with their values, numbers with their\n"
     "units and bounds, each with its byte offset (with --json: as annotate).\n"
     "\n"
     "exit: 0 ok, 1 no such article, 2 usage, 3 store error\n"},
    {"search",
     "usage: storyline search QUERY [--limit N] [--json]\n"
     "\n"
     "Full-text search over titles and texts, best first, with snippets\n"
     "marking matches as [word]. QUERY is plain words or FTS5 syntax:\n"
     "\"a phrase\", prefix*, AND / OR / NOT, NEAR(a b), title:word.\n"
     "Accents are ignored (cafe finds café).\n"
     "\n"
     "options:\n"
     "  --limit N        at most N hits (default 20; 0 for all)\n"
     "  --json           JSON lines: id, rank (higher is better), title,\n"
     "                   published, outlet, snippet\n"
     "  --db FILE        the database\n"
     "\n"
     "exit: 0 ok (even with no hits), 2 usage or bad query syntax, 3 store error\n"},
    {"stats",
     "usage: storyline stats [--json]\n"
     "\n"
     "Counts of the store: articles and sources (places they were read from).\n"
     "\n"
     "exit: 0 ok, 2 usage, 3 store error\n"},
    {"stories",
     "usage: storyline stories [--limit N] [--json]\n"
     "\n"
     "List storylines, newest first by their last day (undated last): id\n"
     "(S<n>), first and last day, events, articles (copies not counted),\n"
     "copies, outlets, title. --json gives one JSON object per line.\n"
     "\n"
     "options:\n"
     "  --limit N        at most N storylines (default 50; 0 for all)\n"
     "  --json           JSON lines\n"
     "  --db FILE        the database\n"
     "\n"
     "exit: 0 ok, 2 usage, 3 store error\n"},
    {"story",
     "usage: storyline story ID [--all] [--json]\n"
     "\n"
     "Show one storyline (ID S12, or a bare 12) with its events newest first,\n"
     "or one event (ID E34); under each event its articles oldest first: id,\n"
     "date (\"undated\" when unknown), outlet, title. Copies of an article are\n"
     "folded under the most complete one as \"+2 copies\".\n"
     "\n"
     "options:\n"
     "  --all            list the copies too, with how they copy (exact, near,\n"
     "                   contained, contains) and their similarity\n"
     "  --json           one JSON object: events, their articles, each with\n"
     "                   its copies\n"
     "  --db FILE        the database\n"
     "\n"
     "exit: 0 ok, 1 no such storyline or event, 2 usage, 3 store error\n"},
    {"cluster",
     "usage: storyline cluster [--rebuild] [--json]\n"
     "\n"
     "Group the articles not yet clustered into events and storylines, in\n"
     "publication order, continuing where the last run stopped (ingest does\n"
     "this at its end). Ids already given never change. Copies are marked,\n"
     "never deleted.\n"
     "\n"
     "options:\n"
     "  --rebuild        forget every event and storyline and cluster the whole\n"
     "                   store again from scratch\n"
     "  --json           the counts as one JSON object\n"
     "  --jsonl          stream mode: see docs/CLI.md\n"
     "  --db FILE        the database\n"
     "\n"
     "exit: 0 ok, 2 usage, 3 store error\n"},
    {"annotate",
     "usage: storyline annotate [--json] PATH|-\n"
     "       storyline annotate --jsonl [FILE|-] [--timing]\n"
     "\n"
     "Entities, quotes, time expressions and quantities of each article of\n"
     "a file, a directory or stdin (any format ingest reads), without touching the store. Spans\n"
     "are byte offsets into the clean text (`storyline extract --text`).\n"
     "\n"
     "options:\n"
     "  --json           one JSON line per article: {\"id\", \"facts\": {\"entities\",\n"
     "                   \"quotes\", \"timexes\", \"quantities\"}}\n"
     "  --jsonl          read JSONL {\"id\", \"text\", \"date\"?} and take each text\n"
     "                   as given (spans are offsets into it); output as --json\n"
     "  --xdoc           add \"entity_clusters\": one cluster id per entity, the\n"
     "                   same for one real entity across all the input's articles\n"
     "  --timing         print articles, sentences and sentences/s to stderr\n"
     "\n"
     "exit: 0 ok, 1 some article failed (the rest was done), 2 usage\n"},
    {"report",
     "usage: storyline report [ID] [--format md|json|html] [-o DIR]\n"
     "\n"
     "The story as an editor would write it from the stored articles: a cited\n"
     "summary, the timeline, quotes by speaker, merged entities, numbers and\n"
     "dates with the sources that agree and where they disagree, the sources.\n"
     "ID is a storyline (S12) or an event (E34); without ID, every storyline.\n"
     "\n"
     "options:\n"
     "  --format F       md (default), json or html (one self-contained page)\n"
     "  -o, --output DIR write one file per storyline (S12.md, ...) and an index\n"
     "                   into DIR instead of printing to stdout\n"
     "  --words N        summary length in words (default 100)\n"
     "  --quiet          no progress line on stderr\n"
     "  --progress       a progress line even when stderr is not a terminal\n"
     "  --db FILE        the database\n"
     "\n"
     "exit: 0 ok, 1 no such story or some story failed (the rest was done),\n"
     "2 usage, 3 store error\n"},
    {"serve",
     "usage: storyline serve [--host ADDR] [--port N] [--allow-ingest]\n"
     "                       [--query-ms N] [--idle-seconds N]\n"
     "\n"
     "Serve the store over HTTP until SIGINT or SIGTERM: the JSON API under\n"
     "/api/v1/ (docs/API.md). Another process may ingest into the same store\n"
     "meanwhile; answers follow its commits.\n"
     "\n"
     "options:\n"
     "  --host ADDR      the address to listen on (default 127.0.0.1, loopback)\n"
     "  --port N         the TCP port (default 8080; 0 picks a free one)\n"
     "  --allow-ingest   accept POST /api/v1/articles (off by default)\n"
     "  --query-ms N     one request's store time; past it the answer is 503\n"
     "                   over_time_limit (default 2000)\n"
     "  --idle-seconds N close a connection with no complete request for N\n"
     "                   seconds, however slowly it trickles bytes (default 15)\n"
     "  --db FILE        the database\n"
     "\n"
     "exit: 0 stopped by a signal, 1 cannot listen, 2 usage, 3 store error\n"},
    {"summarize",
     "usage: storyline summarize --jsonl [FILE|-] [--words N]\n"
     "\n"
     "Read one cluster a line, {\"id\", \"documents\": [{\"id\", \"title\", \"date\",\n"
     "\"text\"}]}, and write one line each, {\"id\", \"sentences\": [...],\n"
     "\"citations\": [[doc ids], ...]}: an extractive summary of at most N words\n"
     "(default 100) whose every sentence cites the documents that state it.\n"
     "\n"
     "exit: 0 ok, 1 some cluster failed (the rest was done), 2 usage\n"},
};

void cli_usage(FILE *f, const char *cmd) {
    for (size_t i = 0; cmd && i < sizeof usages / sizeof *usages; i++)
        if (strcmp(cmd, usages[i].name) == 0) {
            fputs(usages[i].usage, f);
            return;
        }
    fputs(usage_main, f);
}

void cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("storyline: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ------------------------------------------------------------ options */

void cli_args_init(cli_args *a, int argc, char **argv, const char *cmd) {
    memset(a, 0, sizeof *a);
    a->argc = argc;
    a->argv = argv;
    a->cmd = cmd;
}

int cli_args_next(cli_args *a) {
    while (a->i < a->argc) {
        a->arg = a->argv[a->i++];
        a->val = NULL;
        if (a->opts_done || a->arg[0] != '-' || a->arg[1] == 0)
            return 2;
        if (strcmp(a->arg, "--") == 0) {
            a->opts_done = 1;
            continue;
        }
        return 1;
    }
    return 0;
}

int cli_flag(const cli_args *a, const char *name) {
    return strcmp(a->arg, name) == 0;
}

int cli_opt(cli_args *a, const char *name) {
    size_t n = strlen(name);
    if (strncmp(a->arg, name, n) != 0)
        return 0;
    if (a->arg[n] == '=') {
        a->val = a->arg + n + 1;
        return 1;
    }
    if (a->arg[n] != 0)
        return 0;
    if (a->i >= a->argc) {
        cli_error("%s: option %s needs a value", a->cmd, name);
        return -1;
    }
    a->val = a->argv[a->i++];
    return 1;
}

int cli_common_opt(cli_args *a, cli_ctx *ctx, int *help) {
    if (cli_flag(a, "--help") || cli_flag(a, "-h")) {
        *help = 1;
        return 1;
    }
    int m = cli_opt(a, "--db");
    if (m > 0)
        ctx->db = a->val;
    return m;
}

int cli_unknown(const cli_args *a) {
    cli_error("%s: unknown option %s (see storyline %s --help)", a->cmd, a->arg, a->cmd);
    return CLI_USAGE;
}

int cli_parse_count(const char *cmd, const char *opt, const char *s, int64_t *out) {
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < 0) {
        cli_error("%s: %s wants a number >= 0, not '%s'", cmd, opt, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* ------------------------------------------------------------ helpers */

sl_store *cli_open_store(const cli_ctx *ctx, int must_exist) {
    if (must_exist && access(ctx->db, F_OK) != 0) {
        cli_error("no database at %s (run 'storyline ingest' first, or give --db)", ctx->db);
        return NULL;
    }
    sl_store *s = NULL;
    sl_error err = {0};
    if (sl_store_open(ctx->db, &s, &err) != SL_OK) {
        cli_error("%s", err.msg);
        return NULL;
    }
    return s;
}

void cli_json_str(FILE *f, const char *s) {
    if (!s) {
        fputs("null", f);
        return;
    }
    putc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                putc(*p, f);
        }
    }
    putc('"', f);
}

void cli_json_field(FILE *f, const char *key, const char *val) {
    fprintf(f, ",\"%s\":", key);
    cli_json_str(f, val);
}

/* ------------------------------------------------------------ dispatch */

static const struct {
    const char *name;
    int (*run)(cli_ctx *, int, char **);
} commands[] = {
    {"ingest", cli_cmd_ingest},     {"extract", cli_cmd_extract}, {"articles", cli_cmd_articles},
    {"show", cli_cmd_show},         {"search", cli_cmd_search},   {"stats", cli_cmd_stats},
    {"stories", cli_cmd_stories},   {"story", cli_cmd_story},     {"cluster", cli_cmd_cluster},
    {"annotate", cli_cmd_annotate}, {"report", cli_cmd_report},   {"summarize", cli_cmd_summarize},
    {"serve", cli_cmd_serve},
};

ssize_t cli_read_line(FILE *in, char **buf, size_t *cap, size_t max, int *too_long) {
    size_t n = 0;
    int c, any = 0;
    *too_long = 0;
    while ((c = getc(in)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        if (n >= max) {
            *too_long = 1;
            continue;
        }
        if (n + 1 >= *cap) {
            size_t ncap = *cap ? 2 * *cap : 4096;
            char *p = realloc(*buf, ncap);
            if (!p)
                return -1;
            *buf = p;
            *cap = ncap;
        }
        (*buf)[n++] = (char)c;
    }
    return any ? (ssize_t)n : -1;
}

int main(int argc, char **argv) {
    cli_ctx ctx = {0};
    const char *env = getenv("STORYLINE_DB");
    ctx.db = env && *env ? env : "./storyline.db";

    /* Global options come before the command; the command sees the rest. */
    cli_args a;
    cli_args_init(&a, argc - 1, argv + 1, "storyline");
    int kind, help = 0;
    while ((kind = cli_args_next(&a)) == 1) {
        if (cli_flag(&a, "--version") || cli_flag(&a, "-V")) {
            printf("storyline %s\n", SL_VERSION);
            return CLI_OK;
        }
        int m = cli_common_opt(&a, &ctx, &help);
        if (m < 0)
            return CLI_USAGE;
        if (m == 0) {
            cli_error("unknown option %s", a.arg);
            cli_usage(stderr, NULL);
            return CLI_USAGE;
        }
    }
    if (kind == 0) {
        cli_usage(help ? stdout : stderr, NULL);
        return help ? CLI_OK : CLI_USAGE;
    }
    const char *cmd = a.arg;
    int rest = a.argc - a.i;
    char **rest_argv = a.argv + a.i;
    if (strcmp(cmd, "help") == 0) {
        cli_usage(stdout, rest > 0 ? rest_argv[0] : NULL);
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0) {
            if (help) {
                cli_usage(stdout, cmd);
                return CLI_OK;
            }
            return commands[i].run(&ctx, rest, rest_argv);
        }
    cli_error("unknown command '%s' (see storyline --help)", cmd);
    return CLI_USAGE;
}

/* cmd_report.c — `storyline report`: the synthesis of stored stories as
 * Markdown, JSON or one HTML page each.
 *
 * One story (S12, E34) goes to stdout or into -o DIR. Without an ID every
 * storyline is reported: into DIR with an index (index.md, index.json or
 * index.html) linking them, or to stdout (Markdown stories one after the
 * other, JSON one story a line; HTML needs DIR, a page per story). A store
 * of 100,000 articles holds thousands of storylines, so the ids are listed
 * first (no statement stays open across syntheses) and a progress line
 * is drawn on a terminal. A story that fails gets one error line and the
 * run goes on. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

typedef struct report_opts {
    const char *id, *dir;
    sl_report_format format;
    int64_t words;
    int quiet, progress;
} report_opts;

static const char *const EXT[] = {"json", "md", "html"};

static int parse_format(const char *v, sl_report_format *f) {
    if (strcmp(v, "md") == 0 || strcmp(v, "markdown") == 0)
        *f = SL_REPORT_MD;
    else if (strcmp(v, "json") == 0)
        *f = SL_REPORT_JSON;
    else if (strcmp(v, "html") == 0)
        *f = SL_REPORT_HTML;
    else
        return -1;
    return 0;
}

/* -1 after --help, else an exit code. */
static int parse(cli_ctx *ctx, int argc, char **argv, report_opts *o) {
    cli_args a;
    cli_args_init(&a, argc, argv, "report");
    int kind, help = 0, m;
    while ((kind = cli_args_next(&a)) != 0) {
        if (kind == 2) {
            if (o->id) {
                cli_error("report: unexpected argument '%s'", a.arg);
                return CLI_USAGE;
            }
            o->id = a.arg;
        } else if ((m = cli_opt(&a, "--format")) != 0) {
            if (m < 0)
                return CLI_USAGE;
            if (parse_format(a.val, &o->format)) {
                cli_error("report: --format is md, json or html, not '%s'", a.val);
                return CLI_USAGE;
            }
        } else if ((m = cli_opt(&a, "-o")) != 0 || (m = cli_opt(&a, "--output")) != 0) {
            if (m < 0)
                return CLI_USAGE;
            o->dir = a.val;
        } else if ((m = cli_opt(&a, "--words")) != 0) {
            if (m < 0 || cli_parse_count("report", "--words", a.val, &o->words))
                return CLI_USAGE;
            if (o->words == 0) {
                cli_error("report: --words wants a number > 0");
                return CLI_USAGE;
            }
        } else if (cli_flag(&a, "--quiet")) {
            o->quiet = 1;
        } else if (cli_flag(&a, "--progress")) {
            o->progress = 1; /* draw it even when stderr is not a terminal */
        } else if ((m = cli_common_opt(&a, ctx, &help)) <= 0) {
            return m < 0 ? CLI_USAGE : cli_unknown(&a);
        }
    }
    if (help) {
        cli_usage(stdout, "report");
        return -1;
    }
    if (!o->id && !o->dir && o->format == SL_REPORT_HTML) {
        cli_error("report: HTML for every storyline needs -o DIR (one page each)");
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* S12 a storyline, E34 an event, 12 a storyline (as `story`). */
static int parse_story_id(const char *s, sl_story_kind *kind, int64_t *id) {
    *kind = SL_STORY_STORYLINE;
    if (*s == 'S' || *s == 's' || *s == 'E' || *s == 'e') {
        *kind = (*s == 'E' || *s == 'e') ? SL_STORY_EVENT : SL_STORY_STORYLINE;
        s++;
    }
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0 || errno)
        return -1;
    *id = v;
    return 0;
}

static int make_dir(const char *dir) {
    if (mkdir(dir, 0777) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
            return 0;
    }
    cli_error("report: cannot create the directory %s: %s", dir, strerror(errno ? errno : ENOTDIR));
    return -1;
}

/* Open DIR/NAME for writing; NULL after an error line. */
static FILE *open_out(const char *dir, const char *name, char *path, size_t cap) {
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        cli_error("report: cannot write %s: %s", path, strerror(errno));
    return f;
}

static int close_out(FILE *f, const char *path) {
    int bad = ferror(f) != 0;
    bad |= fclose(f) != 0;
    if (bad)
        cli_error("report: cannot write %s", path);
    return bad ? -1 : 0;
}

/* One story: synthesis, then the report. Returns an exit code and prints
 * the error line itself. */
static int report_one(sl_store *st, sl_story_kind kind, int64_t id, const report_opts *o,
                      FILE *out, const char *label) {
    sl_synth_options so;
    sl_synth_options_default(&so);
    if (o->words)
        so.summary_words = (size_t)o->words;
    sl_synthesis *syn = NULL;
    sl_error err = {0};
    sl_status s = sl_store_synthesis(st, kind, id, &so, &syn, &err);
    if (s == SL_END) {
        cli_error("report: no such %s %s", kind == SL_STORY_EVENT ? "event" : "storyline", label);
        return CLI_FAILED;
    }
    if (s != SL_OK) {
        cli_error("report: %s: %s", label, err.msg);
        return s == SL_ERR_STORE ? CLI_STORE : CLI_FAILED;
    }
    s = sl_report_write(syn, o->format, out, &err);
    sl_synthesis_free(syn);
    if (s != SL_OK) {
        cli_error("report: %s: %s", label, err.msg);
        return CLI_FAILED;
    }
    return CLI_OK;
}

/* ------------------------------------------------------------ every story */

typedef struct story_list {
    sl_storyline_row *rows;
    size_t n, cap;
    int oom;
} story_list;

static char *dup_or_null(const char *s) {
    return s ? strdup(s) : NULL;
}

static int collect(void *ud, const sl_storyline_row *r) {
    story_list *l = ud;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 256;
        sl_storyline_row *p = realloc(l->rows, nc * sizeof *p);
        if (!p) {
            l->oom = 1;
            return 1;
        }
        l->rows = p;
        l->cap = nc;
    }
    sl_storyline_row c = *r;
    c.title = strdup(r->title ? r->title : "");
    c.first_day = dup_or_null(r->first_day);
    c.last_day = dup_or_null(r->last_day);
    l->rows[l->n++] = c;
    return 0;
}

static void list_free(story_list *l) {
    for (size_t i = 0; i < l->n; i++) {
        free((char *)l->rows[i].title);
        free((char *)l->rows[i].first_day);
        free((char *)l->rows[i].last_day);
    }
    free(l->rows);
}

/* The progress line: a bar over the storylines, their rate and an ETA. */
static void progress_draw(cli_progress *p, size_t done, size_t total, size_t failed, int force) {
    double el;
    if (!cli_progress_due(p, force, &el))
        return;
    char head[64];
    cli_progress_bar(head, sizeof head, total ? (double)done / (double)total : 1, el);
    fprintf(stderr, "\r%sstorylines %zu/%zu  %.1f/s", head, done, total, (double)done / el);
    if (failed)
        fprintf(stderr, "  %zu failed", failed);
    fputs("\033[K", stderr);
    fflush(stderr);
    p->drawn = 1;
}

static void index_md(FILE *f, const story_list *l, const char *ok) {
    fputs("# Storylines\n\n| Story | Dates | Articles | Outlets | Title |\n|---|---|---|---|---|\n", f);
    for (size_t i = 0; i < l->n; i++) {
        const sl_storyline_row *r = &l->rows[i];
        if (!ok[i])
            continue;
        fprintf(f, "| [S%lld](S%lld.md) | %s%s%s | %lld | %lld | ", (long long)r->id,
                (long long)r->id, r->first_day ? r->first_day : "undated",
                r->last_day && r->first_day && strcmp(r->first_day, r->last_day) ? " to " : "",
                r->last_day && r->first_day && strcmp(r->first_day, r->last_day) ? r->last_day
                                                                                 : "",
                (long long)r->n_articles, (long long)r->n_outlets);
        for (const char *p = *r->title ? r->title : "(untitled)"; *p; p++) {
            if (strchr("\\`*_[]<>#|~!", *p))
                putc('\\', f);
            putc(*p == '\n' || *p == '\r' ? ' ' : *p, f);
        }
        fputs(" |\n", f);
    }
}

static void index_json(FILE *f, const story_list *l, const char *ok) {
    fputs("{\"stories\":[", f);
    int first = 1;
    for (size_t i = 0; i < l->n; i++) {
        const sl_storyline_row *r = &l->rows[i];
        if (!ok[i])
            continue;
        fprintf(f, "%s{\"id\":\"S%lld\",\"file\":\"S%lld.json\"", first ? "" : ",",
                (long long)r->id, (long long)r->id);
        cli_json_field(f, "title", r->title);
        cli_json_field(f, "first_day", r->first_day);
        cli_json_field(f, "last_day", r->last_day);
        fprintf(f, ",\"events\":%lld,\"articles\":%lld,\"copies\":%lld,\"outlets\":%lld}",
                (long long)r->n_events, (long long)r->n_articles, (long long)r->n_copies,
                (long long)r->n_outlets);
        first = 0;
    }
    fputs("]}\n", f);
}

static void html_text(FILE *f, const char *s) {
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: putc(*s, f);
        }
    }
}

static void index_html(FILE *f, const story_list *l, const char *ok) {
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'\">\n<title>Storylines</title>\n<style>"
          "body{margin:0;font:17px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
          "color:#1c1c21}main{max-width:48rem;margin:0 auto;padding:1rem}"
          "ol{list-style:none;padding:0}li{margin:0 0 .8rem}a{color:#0a58a8;font-weight:600}"
          ".meta{display:block;color:#5d5d6b;font-size:.9rem}"
          "</style>\n</head>\n<body>\n<main>\n<h1>Storylines</h1>\n<ol>\n",
          f);
    for (size_t i = 0; i < l->n; i++) {
        const sl_storyline_row *r = &l->rows[i];
        if (!ok[i])
            continue;
        fprintf(f, "<li><a href=\"S%lld.html\">", (long long)r->id);
        html_text(f, *r->title ? r->title : "(untitled)");
        fprintf(f, "</a><span class=\"meta\">S%lld · ", (long long)r->id);
        html_text(f, r->first_day ? r->first_day : "undated");
        if (r->first_day && r->last_day && strcmp(r->first_day, r->last_day)) {
            fputs(" to ", f);
            html_text(f, r->last_day);
        }
        fprintf(f, " · %lld article%s from %lld outlet%s</span></li>\n", (long long)r->n_articles,
                r->n_articles == 1 ? "" : "s", (long long)r->n_outlets,
                r->n_outlets == 1 ? "" : "s");
    }
    fputs("</ol>\n</main>\n</body>\n</html>\n", f);
}

static int write_index(const report_opts *o, const story_list *l, const char *ok) {
    char path[4096], name[32];
    snprintf(name, sizeof name, "index.%s", EXT[o->format]);
    FILE *f = open_out(o->dir, name, path, sizeof path);
    if (!f)
        return -1;
    if (o->format == SL_REPORT_MD)
        index_md(f, l, ok);
    else if (o->format == SL_REPORT_JSON)
        index_json(f, l, ok);
    else
        index_html(f, l, ok);
    return close_out(f, path);
}

static int report_all(sl_store *st, const report_opts *o) {
    story_list l = {0};
    sl_error err = {0};
    sl_status s = sl_store_stories(st, 0, 0, collect, &l, &err);
    if (s != SL_OK || l.oom) {
        cli_error("report: %s", l.oom ? "out of memory" : err.msg);
        list_free(&l);
        return l.oom ? CLI_FAILED : CLI_STORE;
    }
    char *ok = calloc(l.n + 1, 1);
    if (!ok) {
        list_free(&l);
        cli_error("report: out of memory");
        return CLI_FAILED;
    }
    cli_progress p;
    cli_progress_start(&p,
                       !o->quiet && (o->progress || isatty(STDERR_FILENO)) &&
                           (o->dir || o->progress || !isatty(STDOUT_FILENO)),
                       0, 0);
    size_t failed = 0;
    int rc = CLI_OK;
    for (size_t i = 0; i < l.n && rc != CLI_STORE; i++) {
        char label[32], path[4096], name[48];
        snprintf(label, sizeof label, "S%lld", (long long)l.rows[i].id);
        FILE *out = stdout;
        if (o->dir) {
            snprintf(name, sizeof name, "%s.%s", label, EXT[o->format]);
            out = open_out(o->dir, name, path, sizeof path);
        } else if (o->format == SL_REPORT_MD && i > 0) {
            fputs("\n---\n\n", stdout);
        }
        int r = out ? CLI_OK : CLI_FAILED;
        if (out) {
            cli_progress_clear(&p);
            r = report_one(st, SL_STORY_STORYLINE, l.rows[i].id, o, out, label);
            if (o->dir && close_out(out, path) && r == CLI_OK)
                r = CLI_FAILED;
        }
        if (r == CLI_OK) {
            ok[i] = 1;
        } else {
            failed++;
            rc = r == CLI_STORE ? CLI_STORE : CLI_FAILED;
        }
        progress_draw(&p, i + 1, l.n, failed, i + 1 == l.n);
    }
    cli_progress_clear(&p);
    if (o->dir && rc != CLI_STORE && write_index(o, &l, ok))
        rc = CLI_FAILED;
    if (failed)
        cli_error("report: %zu of %zu storylines failed", failed, l.n);
    free(ok);
    list_free(&l);
    return rc;
}

int cli_cmd_report(cli_ctx *ctx, int argc, char **argv) {
    report_opts o = {.format = SL_REPORT_MD};
    int rc = parse(ctx, argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    sl_story_kind kind = SL_STORY_STORYLINE;
    int64_t id = 0;
    if (o.id && parse_story_id(o.id, &kind, &id)) {
        cli_error("report: ID is S12 (a storyline), E34 (an event) or 12, not '%s'", o.id);
        return CLI_USAGE;
    }
    if (o.dir && make_dir(o.dir))
        return CLI_FAILED;
    sl_store *st = cli_open_store(ctx, 1);
    if (!st)
        return CLI_STORE;
    if (!o.id) {
        rc = report_all(st, &o);
    } else {
        char label[32], name[48], path[4096];
        snprintf(label, sizeof label, "%c%lld", kind == SL_STORY_EVENT ? 'E' : 'S', (long long)id);
        FILE *out = stdout;
        if (o.dir) {
            snprintf(name, sizeof name, "%s.%s", label, EXT[o.format]);
            out = open_out(o.dir, name, path, sizeof path);
        }
        rc = out ? report_one(st, kind, id, &o, out, label) : CLI_FAILED;
        if (out && o.dir && close_out(out, path) && rc == CLI_OK)
            rc = CLI_FAILED;
        if (rc != CLI_OK && o.dir && out)
            unlink(path); /* no half or empty report left behind */
    }
    sl_store_close(st);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("report: cannot write the output");
        return CLI_FAILED;
    }
    return rc;
}

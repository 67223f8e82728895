/* cmd_annotate.c — `storyline annotate`: who, said what, when, how many,
 * for the articles of one input, without touching the store.
 *
 * Two ways in. FILE|- is read like ingest reads it (any format, cleaned),
 * so the spans are offsets into the clean text `extract --text` shows.
 * --jsonl reads {"id","text","date"} lines and takes each text as given,
 * so the spans are offsets into exactly those bytes: what benchmarks need. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

typedef struct annotate_opts {
    int json, jsonl, timing;
    sl_entity_index *xdoc; /* --xdoc: entity clusters across the input */
    const char *path;
} annotate_opts;

typedef struct annotate_counts {
    uint64_t articles, sentences, failed;
    double seconds; /* in sl_annotate only */
} annotate_counts;

static int parse(cli_ctx *ctx, int argc, char **argv, annotate_opts *o) {
    cli_args a;
    cli_args_init(&a, argc, argv, "annotate");
    int kind, help = 0;
    while ((kind = cli_args_next(&a)) != 0) {
        if (kind == 2) {
            if (o->path) {
                cli_error("annotate: one input only ('%s' and '%s')", o->path, a.arg);
                return CLI_USAGE;
            }
            o->path = a.arg;
        } else if (cli_flag(&a, "--json")) {
            o->json = 1;
        } else if (cli_flag(&a, "--jsonl")) {
            o->jsonl = 1;
        } else if (cli_flag(&a, "--xdoc")) {
            if (!o->xdoc && !(o->xdoc = sl_entity_index_new())) {
                cli_error("annotate: out of memory");
                return CLI_FAILED;
            }
        } else if (cli_flag(&a, "--timing")) {
            o->timing = 1;
        } else {
            int m = cli_common_opt(&a, ctx, &help);
            if (m < 0)
                return CLI_USAGE;
            if (m == 0)
                return cli_unknown(&a);
        }
    }
    if (help) {
        cli_usage(stdout, "annotate");
        return -1;
    }
    if (!o->path && !o->jsonl) {
        cli_error("annotate: which file? (see storyline annotate --help)");
        return CLI_USAGE;
    }
    return CLI_OK;
}

static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* ,"entity_clusters":[…]: each entity's cluster across the whole input. */
static void print_clusters(sl_entity_index *x, uint64_t doc, const sl_facts *f) {
    fputs(",\"entity_clusters\":[", stdout);
    for (size_t i = 0; i < f->n_entities; i++) {
        uint32_t cl = 0;
        if (sl_entity_index_add(x, doc, f->entities[i].name ? f->entities[i].name : "",
                                f->entities[i].type, &cl) < 0)
            cl = UINT32_MAX;
        printf("%s%u", i ? "," : "", cl);
    }
    fputc(']', stdout);
}

/* Annotate and print one article; 0, or -1 after an error line. */
static int annotate_one(const sl_article *a, const char *name, const annotate_opts *o,
                        annotate_counts *c) {
    sl_error err = {0};
    sl_facts *f = NULL;
    double t0 = cpu_now();
    sl_status st = sl_annotate(a, &f, &err);
    c->seconds += cpu_now() - t0;
    if (st != SL_OK) {
        cli_error("%s: %s", name, err.msg);
        return -1;
    }
    c->articles++;
    c->sentences += a->n_sentences;
    if (o->json || o->jsonl) {
        fputs("{\"id\":", stdout);
        cli_json_str(stdout, a->prov.record_id ? a->prov.record_id : name);
        fputs(",\"facts\":", stdout);
        sl_facts_write_json(f, a, stdout);
        if (o->xdoc)
            print_clusters(o->xdoc, c->articles, f);
        fputs("}\n", stdout);
    } else {
        printf("== %s%s%s\n", name, a->title && *a->title ? ": " : "", a->title ? a->title : "");
        cli_print_facts(a, f);
        putchar('\n');
    }
    sl_facts_free(f);
    return 0;
}

static void annotate_jsonl(FILE *in, const char *name, const annotate_opts *o,
                           annotate_counts *c) {
    sl_limits lim;
    sl_limits_default(&lim);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int too_long;
    for (uint64_t no = 1; (n = cli_read_line(in, &line, &cap, lim.max_line_bytes, &too_long)) >= 0;
         no++) {
        char where[PATH_MAX + 32]; /* the whole path: a cut name hides the line number */
        snprintf(where, sizeof where, "%s:%llu", name, (unsigned long long)no);
        if (too_long) {
            cli_error("%s: line longer than the %zu-byte limit, skipped", where,
                      lim.max_line_bytes);
            c->failed++;
            continue;
        }
        while (n > 0 && line[n - 1] == '\r')
            n--;
        if (!n)
            continue;
        sl_article *a = NULL;
        sl_error err = {0};
        if (sl_article_from_json(line, (size_t)n, &a, &err) != SL_OK) {
            cli_error("%s: %s", where, err.msg);
            c->failed++;
            continue;
        }
        if (annotate_one(a, where, o, c) < 0)
            c->failed++;
        sl_article_free(a);
    }
    free(line);
}

static void annotate_input(const char *path, const annotate_opts *o, annotate_counts *c) {
    int from_stdin = strcmp(path, "-") == 0;
    const char *name = from_stdin ? "<stdin>" : path;
    sl_reader *r = NULL;
    sl_error err = {0};
    sl_status st = from_stdin ? sl_reader_open_file(stdin, name, NULL, &r, &err)
                              : sl_reader_open(path, NULL, &r, &err);
    if (st != SL_OK) {
        cli_error("%s: %s", name, err.msg);
        c->failed++;
        return;
    }
    int stuck = 0;
    sl_article *a = NULL;
    while ((st = sl_reader_next(r, &a, &err)) != SL_END) {
        if (st != SL_OK) {
            cli_error("%s: %s", name, err.msg);
            c->failed++;
            if (++stuck >= CLI_MAX_STUCK_ERRORS || st == SL_ERR_IO)
                break;
            continue;
        }
        stuck = 0;
        if (annotate_one(a, name, o, c) < 0)
            c->failed++;
        sl_article_free(a);
    }
    sl_reader_close(r);
}

static void walk_error(void *ud, const char *path, const char *msg) {
    ((annotate_counts *)ud)->failed++;
    cli_error("%s: %s", path, msg);
}

/* A file, or every file under a directory in sorted order. */
static void annotate_tree(const char *path, const annotate_opts *o, annotate_counts *c) {
    char **paths = NULL;
    size_t n = 0;
    sl_error err = {0};
    if (sl_walk(path, &paths, &n, walk_error, c, &err) != SL_OK) {
        cli_error("%s: %s", path, err.msg);
        c->failed++;
        return;
    }
    for (size_t i = 0; i < n; i++)
        annotate_input(paths[i], o, c);
    sl_paths_free(paths, n);
}

int cli_cmd_annotate(cli_ctx *ctx, int argc, char **argv) {
    annotate_opts o = {0};
    int rc = parse(ctx, argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    annotate_counts c = {0};
    if (o.jsonl) {
        const char *path = o.path ? o.path : "-";
        FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
        if (!in) {
            cli_error("%s: cannot open: %s", path, strerror(errno));
            return CLI_FAILED;
        }
        annotate_jsonl(in, in == stdin ? "<stdin>" : path, &o, &c);
        if (in != stdin)
            fclose(in);
    } else if (!strcmp(o.path, "-")) {
        annotate_input(o.path, &o, &c);
    } else {
        annotate_tree(o.path, &o, &c);
    }
    sl_entity_index_free(o.xdoc);
    if (o.timing)
        fprintf(stderr,
                "{\"articles\":%llu,\"sentences\":%llu,\"seconds\":%.3f,"
                "\"sentences_per_second\":%.0f}\n",
                (unsigned long long)c.articles, (unsigned long long)c.sentences, c.seconds,
                c.seconds > 0 ? c.sentences / c.seconds : 0);
    if (fflush(stdout) != 0) {
        cli_error("annotate: cannot write the output");
        return CLI_FAILED;
    }
    return c.failed ? CLI_FAILED : CLI_OK;
}

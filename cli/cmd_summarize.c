/* cmd_summarize.c — `storyline summarize --jsonl`: clusters in, cited summaries out.
 *
 * One cluster a line, {"id", "documents": [{"id","title","date","text"}]};
 * each document's text is taken as given (sl_article_from_json), so the
 * sentences printed are exactly bytes of the input. The line is only
 * scanned here for the id and the document objects (a skip over strings
 * and brackets, linear, no recursion); each object is parsed by the
 * library. A bad line gets an error naming it, the others are answered. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct sum_opts {
    const char *path;
    int64_t words;
} sum_opts;

static int parse(cli_ctx *ctx, int argc, char **argv, sum_opts *o)
{
    cli_args a;
    cli_args_init(&a, argc, argv, "summarize");
    int kind, m, help = 0;
    while ((kind = cli_args_next(&a)) != 0) {
        if (kind == 2) {
            if (o->path) {
                cli_error("summarize: one input only ('%s' and '%s')", o->path, a.arg);
                return CLI_USAGE;
            }
            o->path = a.arg;
        } else if (cli_flag(&a, "--jsonl")) {
            continue;
        } else if ((m = cli_opt(&a, "--words")) != 0) {
            if (m < 0 || cli_parse_count("summarize", "--words", a.val, &o->words) < 0)
                return CLI_USAGE;
        } else {
            m = cli_common_opt(&a, ctx, &help);
            if (m < 0)
                return CLI_USAGE;
            if (m == 0)
                return cli_unknown(&a);
        }
    }
    if (help) {
        cli_usage(stdout, "summarize");
        return -1;
    }
    return CLI_OK;
}

/* ---- a scanner over one JSON line: where values start and end */

static const char *ws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* p at '"': just past the closing quote, or NULL. */
static const char *skip_string(const char *p, const char *e)
{
    for (p++; p < e; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '"')
            return p + 1;
    }
    return NULL;
}

/* Just past the value at p, or NULL when it is not well formed. Brackets
 * are matched by kind with a counter per kind and a check at each close. */
static const char *skip_value(const char *p, const char *e)
{
    size_t depth = 0;
    do {
        p = ws(p, e);
        if (p >= e)
            return NULL;
        if (*p == '"') {
            if (!(p = skip_string(p, e)))
                return NULL;
        } else if (*p == '{' || *p == '[') {
            depth++;
            p++;
        } else if (*p == '}' || *p == ']') {
            if (!depth)
                return NULL;
            depth--;
            p++;
        } else if (*p == ',' || *p == ':') {
            if (!depth)
                return NULL;
            p++;
        } else {
            const char *q = p;
            while (p < e && !strchr(" \t\r\n,:]}[{\"", *p))
                p++;
            if (p == q)
                return NULL;
        }
    } while (depth);
    return p;
}

typedef struct cluster_line {
    const char *id;
    size_t id_len; /* the id as written (a JSON string or number) */
    const char *docs, *docs_end; /* the documents array */
} cluster_line;

static int key_is(const char *k, const char *kend, const char *name)
{
    size_t n = strlen(name);
    return (size_t)(kend - k) == n + 2 && memcmp(k + 1, name, n) == 0;
}

/* The top-level members of the line; NULL, or what is wrong. */
static const char *scan_line(const char *s, size_t n, cluster_line *c)
{
    const char *p = ws(s, s + n), *e = s + n;
    memset(c, 0, sizeof *c);
    if (p >= e || *p != '{')
        return "not a JSON object";
    p = ws(p + 1, e);
    while (p < e && *p != '}') {
        const char *k = p, *kend;
        if (*p != '"' || !(kend = skip_string(p, e)))
            return "bad member name";
        p = ws(kend, e);
        if (p >= e || *p != ':')
            return "':' expected";
        const char *v = ws(p + 1, e), *vend = skip_value(v, e);
        if (!vend)
            return "malformed JSON";
        if (key_is(k, kend, "id")) {
            c->id = v;
            c->id_len = (size_t)(vend - v);
        } else if (key_is(k, kend, "documents")) {
            if (*v != '[')
                return "\"documents\" is not an array";
            c->docs = v;
            c->docs_end = vend;
        }
        p = ws(vend, e);
        if (p < e && *p == ',')
            p = ws(p + 1, e);
        else if (p >= e || *p != '}')
            return "',' or '}' expected";
    }
    if (p >= e || ws(p + 1, e) != e)
        return "trailing bytes after the object";
    if (!c->docs)
        return "no \"documents\"";
    return NULL;
}

/* ---- one cluster */

typedef struct doc_set {
    sl_article **a;
    size_t n, cap;
} doc_set;

static void docs_clear(doc_set *d)
{
    for (size_t i = 0; i < d->n; i++)
        sl_article_free(d->a[i]);
    d->n = 0;
}

/* Parse the documents array; 0, or -1 after an error line. */
static int read_docs(const cluster_line *c, doc_set *d, const char *where)
{
    const char *p = ws(c->docs + 1, c->docs_end), *e = c->docs_end - 1;
    for (size_t k = 0; p < e; k++) {
        const char *v = p, *vend = skip_value(p, e);
        if (!vend || *v != '{') {
            cli_error("%s: document %zu is not a JSON object", where, k + 1);
            return -1;
        }
        if (d->n == d->cap) {
            size_t nc = d->cap ? 2 * d->cap : 64;
            sl_article **q = realloc(d->a, nc * sizeof *q);
            if (!q) {
                cli_error("%s: out of memory", where);
                return -1;
            }
            d->a = q;
            d->cap = nc;
        }
        sl_error err = {0};
        if (sl_article_from_json(v, (size_t)(vend - v), &d->a[d->n], &err) != SL_OK) {
            cli_error("%s: document %zu: %s", where, k + 1, err.msg);
            return -1;
        }
        d->n++;
        p = ws(vend, e);
        if (p < e && *p == ',')
            p = ws(p + 1, e);
        else if (p < e) {
            cli_error("%s: ',' expected after document %zu", where, k + 1);
            return -1;
        }
    }
    return 0;
}

/* The words shown with each run of white space made one space. */
static void print_words(const char *t, size_t n)
{
    char *buf = malloc(n + 2);
    if (!buf) {
        fputs("\"\"", stdout);
        return;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = t[i];
        int sp = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
        if (!sp || (o && buf[o - 1] != ' '))
            buf[o++] = sp ? ' ' : (ch ? ch : ' ');
    }
    while (o && buf[o - 1] == ' ')
        o--;
    /* Display only: a span the summarizer trimmed (a trailing ", officials
     * said.") gets a "." where the cut took the final period. The span
     * itself, and so the citation, is unchanged. */
    if (o && !strchr(".!?\"'", buf[o - 1]))
        buf[o++] = '.';
    buf[o] = 0;
    cli_json_str(stdout, buf);
    free(buf);
}

static void print_summary(const cluster_line *c, const doc_set *d, const sl_summary *s)
{
    fputs("{\"id\":", stdout);
    if (c->id)
        fwrite(c->id, 1, c->id_len, stdout);
    else
        fputs("null", stdout);
    fputs(",\"sentences\":[", stdout);
    for (size_t i = 0; i < s->n_sentences; i++) {
        fputs(i ? "," : "", stdout);
        const sl_summary_sentence *ss = &s->sentences[i];
        const sl_evidence *ev = &ss->sources[0];
        if (ss->text)
            print_words(ss->text, strlen(ss->text));
        else
            print_words(d->a[ev->member]->text + ev->start,
                        ev->end > ev->start ? ev->end - ev->start : 0);
    }
    fputs("],\"citations\":[", stdout);
    for (size_t i = 0; i < s->n_sentences; i++) {
        fputs(i ? ",[" : "[", stdout);
        for (size_t k = 0; k < s->sentences[i].n_sources; k++) {
            const sl_article *a = d->a[s->sentences[i].sources[k].member];
            fputs(k ? "," : "", stdout);
            cli_json_str(stdout, a->prov.record_id ? a->prov.record_id : "");
        }
        fputc(']', stdout);
    }
    fputs("]}\n", stdout);
}

/* 0 when answered, -1 after an error line. */
static int summarize_line(const char *line, size_t n, const char *where, const sum_opts *o,
                          doc_set *d)
{
    cluster_line c;
    const char *why = scan_line(line, n, &c);
    if (why) {
        cli_error("%s: %s", where, why);
        return -1;
    }
    int rc = read_docs(&c, d, where);
    if (rc == 0) {
        sl_summary_options so;
        sl_summary_options_default(&so);
        so.max_words = (size_t)o->words;
        sl_summary *s = NULL;
        sl_error err = {0};
        if (sl_summarize((const sl_article *const *)d->a, d->n, &so, &s, &err) != SL_OK) {
            cli_error("%s: %s", where, err.msg);
            rc = -1;
        } else {
            print_summary(&c, d, s);
            sl_summary_free(s);
        }
    }
    docs_clear(d);
    return rc;
}

int cli_cmd_summarize(cli_ctx *ctx, int argc, char **argv)
{
    sum_opts o = {.words = 100};
    int rc = parse(ctx, argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    const char *path = o.path ? o.path : "-";
    FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!in) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        return CLI_FAILED;
    }
    const char *name = in == stdin ? "<stdin>" : path;
    sl_limits lim;
    sl_limits_default(&lim);
    /* A cluster line holds many documents: allow it many documents' bytes. */
    size_t max = lim.max_line_bytes * 16;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int too_long;
    uint64_t failed = 0;
    doc_set d = {0};
    for (uint64_t no = 1; (n = cli_read_line(in, &line, &cap, max, &too_long)) >= 0; no++) {
        char where[PATH_MAX + 32]; /* the whole path: a cut name hides the line number */
        snprintf(where, sizeof where, "%s:%llu", name, (unsigned long long)no);
        if (too_long) {
            cli_error("%s: line longer than the %zu-byte limit, skipped", where, max);
            failed++;
            continue;
        }
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
            n--;
        if (n && summarize_line(line, (size_t)n, where, &o, &d) < 0)
            failed++;
    }
    free(line);
    free(d.a);
    if (in != stdin)
        fclose(in);
    if (fflush(stdout) != 0) {
        cli_error("summarize: cannot write the output");
        return CLI_FAILED;
    }
    return failed ? CLI_FAILED : CLI_OK;
}

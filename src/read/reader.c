/* reader.c — sl_reader: open an input, detect its format from content, and
 * hand out articles one by one; single documents go through sl_extract. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reader_int.h"
#include "../core/draft.h"

enum { SNIFF_BYTES = 4096 };

const char *sl_article_strdup(sl_article *a, const char *s) {
    if (!s)
        return NULL;
    return sl_arena_strdup(&((sl_article_owner *)a)->arena, s);
}

uint64_t sl_reader_skipped(const sl_reader *r) { return r->n_skipped; }

/* "page.html.gz" hints like "page.html": the name is only a tie-breaker. */
static void path_hint(const char *name, char *out, size_t cap) {
    snprintf(out, cap, "%s", name);
    size_t n = strlen(out);
    if (n > 3 && strcmp(out + n - 3, ".gz") == 0)
        out[n - 3] = '\0';
}

static sl_format sniff(sl_reader *r) {
    size_t n = sl_gz_fill(&r->in, SNIFF_BYTES);
    if (n == 0)
        return SL_FORMAT_UNKNOWN;
    const char *p = sl_gz_data(&r->in);
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (n - i >= 7 && memcmp(p + i, "WARC/1.", 7) == 0)
        return SL_FORMAT_WARC;
    if (i < n && p[i] == '{')
        return SL_FORMAT_JSONL;
    /* A single document: sl_extract decides again on the whole content;
     * this answer is for sl_reader_format. */
    char hint[512];
    path_hint(r->name, hint, sizeof hint);
    sl_format f = sl_detect_format(p, n, hint);
    return f == SL_FORMAT_HTML || f == SL_FORMAT_HEADERTEXT ? f : SL_FORMAT_TEXT;
}

static sl_status reader_new(FILE *f, int own, const char *name, const sl_limits *lim,
                            sl_reader **out, sl_error *err) {
    sl_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->name = strdup(name ? name : "-")) || sl_gz_open(&r->in, f)) {
        if (r) {
            sl_gz_close(&r->in);
            free(r->name);
        }
        free(r);
        if (own)
            fclose(f);
        return sl_fail(err, SL_ERR_NOMEM, "out of memory opening %s", name ? name : "-");
    }
    r->f = f;
    r->own_f = own;
    sl_limits_default(&r->lim);
    if (lim) { /* zero fields keep their defaults */
        if (lim->max_doc_bytes) r->lim.max_doc_bytes = lim->max_doc_bytes;
        if (lim->max_line_bytes) r->lim.max_line_bytes = lim->max_line_bytes;
        if (lim->max_depth) r->lim.max_depth = lim->max_depth;
        if (lim->max_record_bytes) r->lim.max_record_bytes = lim->max_record_bytes;
        if (lim->max_doc_seconds > 0) r->lim.max_doc_seconds = lim->max_doc_seconds;
    }
    sl_buf_init(&r->line);
    sl_buf_init(&r->rec);
    sl_buf_init(&r->body);
    sl_arena_init(&r->scratch, 0);
    r->format = sniff(r);
    if (r->in.io_error) {
        sl_reader_close(r);
        return sl_fail(err, SL_ERR_IO, "%s: read error", name ? name : "-");
    }
    *out = r;
    return SL_OK;
}

sl_status sl_reader_open(const char *path, const sl_limits *lim, sl_reader **out,
                         sl_error *err) {
    *out = NULL;
    if (!path)
        return sl_fail(err, SL_ERR_ARG, "no path");
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return sl_fail(err, SL_ERR_IO, "%s: is a directory", path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return sl_fail(err, SL_ERR_IO, "%s: %s", path, strerror(errno));
    return reader_new(f, 1, path, lim, out, err);
}

sl_status sl_reader_open_file(FILE *f, const char *name, const sl_limits *lim, sl_reader **out,
                              sl_error *err) {
    *out = NULL;
    if (!f)
        return sl_fail(err, SL_ERR_ARG, "no stream");
    return reader_new(f, 0, name, lim, out, err);
}

/* The whole input is one document, read up to max_doc_bytes. */
static sl_status doc_next(sl_reader *r, sl_article **out, sl_error *err) {
    r->done = 1;
    sl_buf *b = &r->rec;
    sl_buf_clear(b);
    size_t cap = r->lim.max_doc_bytes;
    for (;;) {
        size_t n = sl_gz_fill(&r->in, 1);
        if (n == 0)
            break;
        if (b->len + n > cap)
            return sl_fail(err, SL_ERR_LIMIT, "%s: document larger than the %zu-byte limit",
                           r->name, cap);
        if (sl_buf_append(b, sl_gz_data(&r->in), n))
            return sl_fail(err, SL_ERR_NOMEM, "%s: out of memory", r->name);
        sl_gz_consume(&r->in, n);
    }
    if (r->in.io_error)
        return sl_fail(err, SL_ERR_IO, "%s: read error", r->name);
    if (r->in.truncated || r->in.corrupt)
        return sl_fail(err, SL_ERR_TRUNCATED, "%s: gzip data %s", r->name,
                       r->in.truncated ? "ends early" : "is corrupt");
    if (b->len == 0) /* a file that should have held a document: say so */
        return sl_fail(err, SL_ERR_EMPTY, "%s: empty file", r->name);
    char hint[512];
    path_hint(r->name, hint, sizeof hint);
    sl_extract_opts o = {.path = hint, .limits = &r->lim};
    sl_error e = {0};
    sl_status st = sl_extract(b->data, b->len, &o, out, &e);
    if (st != SL_OK)
        return sl_fail(err, st, "%s: %.200s", r->name, e.msg);
    (*out)->prov.path = sl_article_strdup(*out, r->name);
    (*out)->prov.offset = 0;
    (*out)->prov.length = b->len;
    return SL_OK;
}

sl_status sl_reader_next(sl_reader *r, sl_article **out, sl_error *err) {
    *out = NULL;
    if (!r)
        return sl_fail(err, SL_ERR_ARG, "no reader");
    if (r->done)
        return SL_END;
    switch (r->format) {
    case SL_FORMAT_JSONL:
        return sl_jsonl_next(r, out, err);
    case SL_FORMAT_WARC:
        return sl_warc_next(r, out, err);
    default: /* one document, or an empty input */
        return doc_next(r, out, err);
    }
}

sl_format sl_reader_format(const sl_reader *r) { return r ? r->format : SL_FORMAT_UNKNOWN; }

uint64_t sl_reader_bytes_read(const sl_reader *r) { return r ? sl_gz_raw_tell(&r->in) : 0; }

void sl_reader_close(sl_reader *r) {
    if (!r)
        return;
    sl_gz_close(&r->in);
    if (r->own_f && r->f)
        fclose(r->f);
    free(r->name);
    sl_buf_free(&r->line);
    sl_buf_free(&r->rec);
    sl_buf_free(&r->body);
    sl_arena_free(&r->scratch);
    free(r);
}

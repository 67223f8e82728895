/* warc.c — WARC 1.0/1.1 records, plain or gzip, one article per HTML/text
 * response. Records stream through the input window: only the content block
 * of a wanted record (at most max_record_bytes) is copied; everything else
 * is read past. A broken record gives one error and the reader resyncs on
 * the next "WARC/1." line. The crawl date (WARC-Date) is never used as the
 * publication date: a page can be crawled years after it was written. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http.h"
#include "reader_int.h"
#include "../core/draft.h"

enum { MAX_HEAD = 64 * 1024 };

typedef struct warc_head {
    char type[32];
    char uri[4096];
    char id[160];
    char ctype[160];
    char truncated[32];
    uint64_t length;
    int has_length;
} warc_head;

/* Where a record sits, for errors and provenance. */
typedef struct rec_pos {
    uint64_t start, end; /* decoded offsets */
    uint64_t name_off;   /* offset reported to the user */
    int on_member;       /* start is a gzip member boundary */
    uint64_t coff;
} rec_pos;

#define REC_FAIL(r, err, pos, st, ...) rec_fail((r), (err), (pos), (st), __VA_ARGS__)

static sl_status rec_fail(sl_reader *r, sl_error *err, const rec_pos *pos, sl_status st,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static sl_status rec_fail(sl_reader *r, sl_error *err, const rec_pos *pos, sl_status st,
                          const char *fmt, ...) {
    char why[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return sl_fail(err, st, "%s: record at offset %llu: %s", r->name,
                   (unsigned long long)pos->name_off, why);
}

/* Copy a header value, trimmed, dropping the <> some writers put around
 * URIs and record ids. */
static void copy_value(char *dst, size_t cap, const char *v, size_t n) {
    while (n && (*v == ' ' || *v == '\t'))
        v++, n--;
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r'))
        n--;
    if (n >= 2 && v[0] == '<' && v[n - 1] == '>')
        v++, n -= 2;
    if (n >= cap) { /* too long to be used faithfully: keep nothing */
        dst[0] = '\0';
        return;
    }
    memcpy(dst, v, n);
    dst[n] = '\0';
}

static int parse_u64(const char *s, uint64_t *out) {
    uint64_t v = 0;
    int any = 0;
    while (*s == ' ')
        s++;
    for (; *s >= '0' && *s <= '9'; s++, any = 1) {
        if (v > (UINT64_MAX - 9) / 10)
            return 0;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return any;
}

static void head_field(warc_head *h, const char *name, size_t nn, const char *v, size_t vn) {
    char num[32];
#define IS(lit) (nn == sizeof(lit) - 1 && strncasecmp(name, lit, nn) == 0)
    if (IS("WARC-Type"))
        copy_value(h->type, sizeof h->type, v, vn);
    else if (IS("WARC-Target-URI"))
        copy_value(h->uri, sizeof h->uri, v, vn);
    else if (IS("WARC-Record-ID"))
        copy_value(h->id, sizeof h->id, v, vn);
    else if (IS("Content-Type"))
        copy_value(h->ctype, sizeof h->ctype, v, vn);
    else if (IS("WARC-Truncated"))
        copy_value(h->truncated, sizeof h->truncated, v, vn);
    else if (IS("Content-Length")) {
        copy_value(num, sizeof num, v, vn);
        h->has_length = parse_u64(num, &h->length);
    }
#undef IS
}

static void parse_head(warc_head *h, const char *p, size_t n) {
    memset(h, 0, sizeof *h);
    const char *end = p + n;
    const char *line = memchr(p, '\n', n); /* past the version line */
    while (line && line + 1 < end) {
        const char *s = line + 1;
        line = memchr(s, '\n', (size_t)(end - s));
        const char *e = line ? line : end;
        const char *colon = memchr(s, ':', (size_t)(e - s));
        if (colon)
            head_field(h, s, (size_t)(colon - s), colon + 1, (size_t)(e - colon - 1));
    }
}

/* Scan forward to the next line starting with "WARC/1.", consuming at
 * least one byte so a record that failed at its own start is passed. */
static void resync(sl_gz *g) {
    static const char pat[] = "\nWARC/1.";
    const size_t m = sizeof pat - 1;
    for (;;) {
        size_t n = sl_gz_fill(g, 64 * 1024);
        if (n == 0)
            return;
        const char *d = sl_gz_data(g);
        const char *hit = sl_find(d, n, pat, m);
        if (hit) {
            sl_gz_consume(g, (size_t)(hit - d) + 1);
            return;
        }
        if (g->eof) {
            sl_gz_consume(g, n);
            return;
        }
        /* Keep a possible partial match at the end of the window. */
        sl_gz_consume(g, n > m ? n - m + 1 : 1);
    }
}

static int skip_newlines(sl_gz *g) {
    for (;;) {
        if (sl_gz_fill(g, 1) == 0)
            return 0;
        char c = sl_gz_data(g)[0];
        if (c != '\r' && c != '\n')
            return 1;
        sl_gz_consume(g, 1);
    }
}

/* After a content block: the CRLF CRLF, then the next record or the end.
 * Anything else means the Content-Length did not match the content. */
static int trailer_ok(sl_gz *g) {
    if (!skip_newlines(g))
        return 1;
    size_t n = sl_gz_fill(g, 7);
    return n >= 7 && memcmp(sl_gz_data(g), "WARC/1.", 7) == 0;
}

/* Read past or copy `len` content bytes; *got: the bytes actually there.
 * -1 when the copy ran out of memory. */
static int take_content(sl_gz *g, uint64_t len, sl_buf *keep, uint64_t *got) {
    uint64_t done = 0;
    /* Trust the declared length only up to a window's worth: a lying
     * Content-Length must not make a small file reserve 64 MiB. Larger
     * contents grow the buffer as their bytes actually arrive. */
    size_t first = len < (1u << 20) ? (size_t)len : (1u << 20);
    if (keep && sl_buf_reserve(keep, first))
        return -1;
    while (done < len) {
        size_t n = sl_gz_fill(g, 1);
        uint64_t at = sl_gz_tell(g);
        if (n == 0 || at == g->gap_at) /* a damaged member ends the content */
            break;
        if (g->gap_at > at && g->gap_at - at < n)
            n = (size_t)(g->gap_at - at);
        if (n > len - done)
            n = (size_t)(len - done);
        if (keep && sl_buf_append(keep, sl_gz_data(g), n))
            return -1;
        sl_gz_consume(g, n);
        done += n;
    }
    *got = done;
    return 0;
}

static const char *gz_why(const sl_gz *g) {
    if (g->truncated)
        return " (gzip member truncated)";
    if (g->corrupt)
        return " (gzip data corrupt)";
    return "";
}

/* Corrupt compressed data is malformed input; anything else ending a
 * record early is a truncation. */
static sl_status gz_status(const sl_gz *g) {
    return g->corrupt ? SL_ERR_FORMAT : SL_ERR_TRUNCATED;
}

typedef enum { HEAD_OK, HEAD_END, HEAD_BAD } head_rc;

static head_rc read_head(sl_reader *r, const rec_pos *pos, warc_head *h, sl_status *st,
                         sl_error *err) {
    sl_gz *g = &r->in;
    size_t n = sl_gz_fill(g, 7);
    const char *d = sl_gz_data(g);
    if (n < 7 || memcmp(d, "WARC/1.", 7) != 0) {
        *st = REC_FAIL(r, err, pos, SL_ERR_FORMAT, "not a WARC record header");
        resync(g);
        return HEAD_BAD;
    }
    size_t want = 1024;
    for (;;) {
        size_t avail = sl_gz_fill(g, want);
        d = sl_gz_data(g);
        /* Scan the header's share of the window only, and never past the
         * next record: the window holds up to 1 MiB, and scanning all of it
         * for each small or broken record made the reader quadratic. */
        n = avail < want ? avail : want;
        const char *next = sl_find(d + 1, n - 1, "\nWARC/1.", 8);
        size_t lim = next ? (size_t)(next - d) + 1 : n;
        const char *e = sl_find(d, lim, "\r\n\r\n", 4);
        size_t skip = 4;
        const char *e2 = sl_find(d, e ? (size_t)(e - d) : lim, "\n\n", 2);
        if (e2)
            e = e2, skip = 2;
        if (!e && next) {
            *st = REC_FAIL(r, err, pos, SL_ERR_FORMAT,
                           "header does not end before the next record");
            resync(g);
            return HEAD_BAD;
        }
        if (e) {
            parse_head(h, d, (size_t)(e - d));
            sl_gz_consume(g, (size_t)(e - d) + skip);
            if (!h->has_length) {
                *st = REC_FAIL(r, err, pos, SL_ERR_FORMAT, "no valid Content-Length");
                resync(g);
                return HEAD_BAD;
            }
            return HEAD_OK;
        }
        if (avail < want) { /* the input ended inside the header */
            sl_gz_consume(g, n);
            *st = REC_FAIL(r, err, pos, SL_ERR_TRUNCATED, "input ends inside the header%s",
                           gz_why(g));
            r->done = 1;
            return HEAD_END;
        }
        if (want >= MAX_HEAD) {
            *st = REC_FAIL(r, err, pos, SL_ERR_FORMAT, "header longer than %d bytes", MAX_HEAD);
            resync(g);
            return HEAD_BAD;
        }
        want *= 4;
    }
}

/* Could this record hold an article? Called with the content's first
 * bytes in the window, so an image or a 404 is known before any copy. */
static int wanted(sl_gz *g, const warc_head *h) {
    if (strcasecmp(h->type, "response") == 0) {
        if (h->ctype[0] && strncasecmp(h->ctype, "application/http", 16) != 0)
            return 0;
        size_t peek = h->length < 16384 ? (size_t)h->length : 16384;
        size_t n = sl_gz_fill(g, peek);
        return !sl_http_surely_skipped(sl_gz_data(g), n < peek ? n : peek);
    }
    if (strcasecmp(h->type, "resource") == 0)
        return sl_http_media_ok(h->ctype, NULL, 0);
    return 0;
}

static void set_provenance(sl_reader *r, sl_article *a, const warc_head *h, const rec_pos *pos) {
    uint64_t cend;
    a->format = SL_FORMAT_WARC;
    a->prov.path = sl_article_strdup(a, r->name);
    a->prov.offset = pos->name_off;
    if (pos->on_member && sl_gz_member_at(&r->in, pos->end, &cend))
        a->prov.length = cend - pos->coff;
    else
        a->prov.length = pos->end - pos->start;
    a->prov.record_id = h->id[0] ? sl_article_strdup(a, h->id) : NULL;
    if (h->truncated[0]) {
        char w[sizeof a->warning];
        if (a->warning[0])
            snprintf(w, sizeof w, "WARC record truncated (%.20s); %.80s", h->truncated, a->warning);
        else
            snprintf(w, sizeof w, "WARC record truncated (%.20s)", h->truncated);
        memcpy(a->warning, w, sizeof w);
    }
}

/* One wanted record whose content is in r->rec: an article, or *skip. */
static sl_status record_article(sl_reader *r, const warc_head *h, const rec_pos *pos,
                                int *skip, sl_article **out, sl_error *err) {
    sl_http_doc doc;
    sl_error e = {0};
    int is_http = strcasecmp(h->type, "response") == 0;
    sl_status st = is_http ? sl_http_payload(r->rec.data, r->rec.len, &r->body, &r->lim, &doc, &e)
                           : sl_http_resource(r->rec.data, r->rec.len, h->ctype, &doc);
    if (st != SL_OK)
        return REC_FAIL(r, err, pos, st, "%.150s", e.msg);
    if (doc.skip) {
        *skip = 1;
        return SL_OK;
    }
    sl_extract_opts o = {.url = h->uri[0] ? h->uri : NULL,
                         .content_type = doc.content_type[0] ? doc.content_type : NULL,
                         .limits = &r->lim};
    st = sl_extract(doc.body, doc.len, &o, out, &e);
    if (st != SL_OK)
        return REC_FAIL(r, err, pos, st, "%.150s", e.msg);
    set_provenance(r, *out, h, pos);
    return SL_OK;
}

/* End of input between records: clean, or the gzip layer broke. */
static sl_status at_end(sl_reader *r, const rec_pos *pos, sl_error *err) {
    r->done = 1;
    if (r->in.io_error)
        return sl_fail(err, SL_ERR_IO, "%s: read error", r->name);
    if (r->in.truncated || r->in.corrupt)
        return REC_FAIL(r, err, pos, gz_status(&r->in), "input ends early%s", gz_why(&r->in));
    return SL_END;
}

/* Content read: check the trailer and build the article (or skip). */
static sl_status finish_record(sl_reader *r, const warc_head *h, rec_pos *pos, int want,
                               int *skip, sl_article **out, sl_error *err) {
    sl_gz *g = &r->in;
    if (!trailer_ok(g)) {
        sl_status st = REC_FAIL(r, err, pos, SL_ERR_FORMAT,
                                "Content-Length %llu does not end at a record boundary",
                                (unsigned long long)h->length);
        resync(g);
        return st;
    }
    pos->end = sl_gz_tell(g);
    if (g->gap_at > pos->start && g->gap_at <= pos->end) /* its member failed its check */
        return REC_FAIL(r, err, pos, SL_ERR_FORMAT, "gzip data damaged");
    if (want && h->length > r->lim.max_record_bytes) /* a big video is no error */
        return REC_FAIL(r, err, pos, SL_ERR_LIMIT, "record of %llu bytes exceeds the %zu-byte limit",
                        (unsigned long long)h->length, r->lim.max_record_bytes);
    if (!want) {
        *skip = 1;
        return SL_OK;
    }
    return record_article(r, h, pos, skip, out, err);
}

sl_status sl_warc_next(sl_reader *r, sl_article **out, sl_error *err) {
    sl_gz *g = &r->in;
    warc_head h;
    for (;;) {
        rec_pos pos = {0};
        int have = skip_newlines(g);
        pos.start = pos.name_off = sl_gz_tell(g);
        if (g->gzip && sl_gz_member_at(g, pos.start, &pos.coff)) {
            pos.on_member = 1;
            pos.name_off = pos.coff;
        }
        if (!have)
            return at_end(r, &pos, err);
        sl_status st = SL_OK;
        head_rc hr = read_head(r, &pos, &h, &st, err);
        if (hr != HEAD_OK)
            return st;
        r->n_records++;
        int want = wanted(g, &h);
        int keep = want && h.length <= r->lim.max_record_bytes;
        sl_buf_clear(&r->rec);
        if (r->rec.cap > (8u << 20)) /* do not hold on to one huge record */
            sl_buf_free(&r->rec);
        uint64_t got;
        if (take_content(g, h.length, keep ? &r->rec : NULL, &got))
            return REC_FAIL(r, err, &pos, SL_ERR_NOMEM, "out of memory");
        if (got < h.length && sl_gz_tell(g) == g->gap_at && sl_gz_avail(g) > 0)
            return REC_FAIL(r, err, &pos, SL_ERR_FORMAT,
                            "gzip data damaged; reading goes on at the next member");
        if (got < h.length) {
            r->done = 1;
            return REC_FAIL(r, err, &pos, gz_status(g),
                            "content ends after %llu of %llu bytes%s", (unsigned long long)got,
                            (unsigned long long)h.length, gz_why(g));
        }
        int skip = 0;
        st = finish_record(r, &h, &pos, want, &skip, out, err);
        if (st != SL_OK || !skip)
            return st;
        r->n_skipped++;
    }
}

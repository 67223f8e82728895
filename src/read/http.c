/* http.c — HTTP responses stored in WARC records (see http.h). Crawlers
 * differ: some store the payload as sent (chunked, gzipped), Common Crawl
 * stores it decoded and renames the headers; so each transformation is
 * applied only when the bytes actually look like it. */
#include "http.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "../core/draft.h"

enum { MAX_HTTP_HEAD = 64 * 1024 };

const char *sl_find(const char *s, size_t n, const char *needle, size_t m) {
    if (m == 0 || n < m)
        return m == 0 ? s : NULL;
    const char *end = s + n - m + 1;
    for (const char *p = s; p < end; p++) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p)
            return NULL;
        if (memcmp(p, needle, m) == 0)
            return p;
    }
    return NULL;
}

/* Case-insensitive "contains" for short header values. */
static int has_token(const char *v, const char *tok) {
    size_t m = strlen(tok);
    for (; *v; v++)
        if (strncasecmp(v, tok, m) == 0)
            return 1;
    return 0;
}

static void media_type(const char *ct, char *out, size_t cap) {
    size_t i = 0;
    while (*ct == ' ')
        ct++;
    for (; ct[i] && ct[i] != ';' && ct[i] != ' ' && i + 1 < cap; i++)
        out[i] = ct[i];
    out[i] = '\0';
}

int sl_http_media_ok(const char *content_type, const char *body, size_t n) {
    char mt[64];
    media_type(content_type ? content_type : "", mt, sizeof mt);
    if (!mt[0])
        return body && sl_detect_format(body, n < 4096 ? n : 4096, NULL) == SL_FORMAT_HTML;
    return strcasecmp(mt, "text/html") == 0 || strcasecmp(mt, "application/xhtml+xml") == 0 ||
           strcasecmp(mt, "text/plain") == 0;
}

static int parse_status(const char *p, size_t n) {
    if (n < 12 || memcmp(p, "HTTP/", 5) != 0)
        return -1;
    const char *sp = memchr(p, ' ', n < 32 ? n : 32);
    if (!sp || (size_t)(sp - p) + 4 > n)
        return -1;
    int code = 0;
    for (int k = 1; k <= 3; k++) {
        char c = sp[k];
        if (c < '0' || c > '9')
            return -1;
        code = code * 10 + (c - '0');
    }
    return code;
}

static void header_value(const char *v, size_t n, char *out, size_t cap) {
    while (n && (*v == ' ' || *v == '\t'))
        v++, n--;
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\r' || v[n - 1] == '\t'))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, v, n);
    out[n] = '\0';
}

typedef struct http_head {
    char ctype[160], encoding[32], transfer[32];
} http_head;

static void parse_headers(const char *p, size_t n, http_head *h) {
    memset(h, 0, sizeof *h);
    const char *end = p + n;
    const char *line = memchr(p, '\n', n); /* past the status line */
    while (line && line + 1 < end) {
        const char *s = line + 1;
        line = memchr(s, '\n', (size_t)(end - s));
        const char *e = line ? line : end;
        const char *colon = memchr(s, ':', (size_t)(e - s));
        if (!colon)
            continue;
        size_t nn = (size_t)(colon - s), vn = (size_t)(e - colon - 1);
        if (nn == 12 && strncasecmp(s, "Content-Type", 12) == 0)
            header_value(colon + 1, vn, h->ctype, sizeof h->ctype);
        else if (nn == 16 && strncasecmp(s, "Content-Encoding", 16) == 0)
            header_value(colon + 1, vn, h->encoding, sizeof h->encoding);
        else if (nn == 17 && strncasecmp(s, "Transfer-Encoding", 17) == 0)
            header_value(colon + 1, vn, h->transfer, sizeof h->transfer);
    }
}

static int hexval(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Chunk size line at p[i]: size and the offset after its newline, or -1. */
static int chunk_line(const char *p, size_t n, size_t i, size_t *size, size_t *next) {
    size_t v = 0, k = i;
    for (; k < n && hexval(p[k]) >= 0; k++) {
        if (v > ((size_t)-1 >> 5))
            return -1;
        v = v * 16 + (size_t)hexval(p[k]);
    }
    if (k == i)
        return -1;
    const char *nl = memchr(p + k, '\n', n - k);
    if (!nl || (size_t)(nl - (p + k)) > 256) /* chunk extensions stay short */
        return -1;
    *size = v;
    *next = (size_t)(nl - p) + 1;
    return 0;
}

/* Dechunk in place (output never longer than input); a body that does not
 * start like a chunk was already dechunked by the crawler and stays. */
static size_t dechunk(char *p, size_t n) {
    size_t i = 0, o = 0, size, next;
    if (chunk_line(p, n, 0, &size, &next))
        return n;
    while (i < n && chunk_line(p, n, i, &size, &next) == 0 && size > 0) {
        i = next;
        if (size > n - i)
            size = n - i;
        memmove(p + o, p + i, size);
        o += size;
        i += size;
        while (i < n && (p[i] == '\r' || p[i] == '\n'))
            i++;
    }
    return o;
}

/* Inflate gzip/zlib (auto-detected) or raw deflate into out, at most cap
 * bytes. 1: decoded (possibly a truncated stream), 0: not compressed data,
 * -1: over the cap, -2: out of memory. */
static int inflate_body(const char *p, size_t n, sl_buf *out, size_t cap, int raw) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, raw ? -MAX_WBITS : 15 + 32) != Z_OK)
        return -2;
    sl_buf_clear(out);
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)n;
    int rc;
    do {
        if (sl_buf_reserve(out, 64 * 1024)) {
            inflateEnd(&z);
            return -2;
        }
        z.next_out = (Bytef *)out->data + out->len;
        z.avail_out = (uInt)(out->cap - out->len - 1);
        rc = inflate(&z, Z_NO_FLUSH);
        out->len = out->cap - 1 - z.avail_out;
        if (out->len > cap) {
            inflateEnd(&z);
            return -1;
        }
    } while (rc == Z_OK); /* Z_BUF_ERROR: input used up (a truncated stream) */
    inflateEnd(&z);
    out->data[out->len] = '\0';
    if (rc == Z_MEM_ERROR)
        return -2;
    return rc == Z_STREAM_END || out->len > 0;
}

static sl_status decode_body(sl_http_doc *doc, const char *enc, sl_buf *scratch,
                             const sl_limits *lim, sl_error *err) {
    /* A gzip body whose header was dropped by the crawler is still gzip. */
    int magic = doc->len >= 3 && memcmp(doc->body, "\x1f\x8b\x08", 3) == 0;
    if ((!enc[0] || strcasecmp(enc, "identity") == 0) && !magic)
        return SL_OK;
    int gz = magic || strcasecmp(enc, "gzip") == 0 || strcasecmp(enc, "x-gzip") == 0;
    if (!gz && strcasecmp(enc, "deflate") != 0)
        return sl_fail(err, SL_ERR_ENCODING, "unsupported Content-Encoding %.32s", enc);
    int rc = inflate_body(doc->body, doc->len, scratch, lim->max_doc_bytes, 0);
    if (rc == 0 && !gz)
        rc = inflate_body(doc->body, doc->len, scratch, lim->max_doc_bytes, 1);
    if (rc == -1)
        return sl_fail(err, SL_ERR_LIMIT, "decoded payload exceeds the %zu-byte limit",
                       lim->max_doc_bytes);
    if (rc == -2)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory decoding the payload");
    if (rc == 1) { /* rc 0: labelled compressed but sent plain; keep as is */
        doc->body = scratch->data;
        doc->len = scratch->len;
    }
    return SL_OK;
}

sl_status sl_http_payload(char *p, size_t n, sl_buf *scratch, const sl_limits *lim,
                          sl_http_doc *doc, sl_error *err) {
    memset(doc, 0, sizeof *doc);
    doc->status = parse_status(p, n);
    if (doc->status < 0)
        return sl_fail(err, SL_ERR_FORMAT, "no HTTP status line");
    if (doc->status != 200) {
        doc->skip = 1;
        return SL_OK;
    }
    size_t scan = n < MAX_HTTP_HEAD ? n : MAX_HTTP_HEAD;
    const char *e = sl_find(p, scan, "\r\n\r\n", 4);
    size_t sep = 4;
    const char *e2 = sl_find(p, e ? (size_t)(e - p) : scan, "\n\n", 2);
    if (e2)
        e = e2, sep = 2;
    if (!e)
        return sl_fail(err, SL_ERR_FORMAT, "HTTP header does not end");
    http_head h;
    parse_headers(p, (size_t)(e - p), &h);
    size_t off = (size_t)(e - p) + sep;
    doc->body = p + off;
    doc->len = n - off;
    snprintf(doc->content_type, sizeof doc->content_type, "%s", h.ctype);
    if (h.ctype[0] && !sl_http_media_ok(h.ctype, NULL, 0)) { /* before any decoding */
        doc->skip = 1;
        return SL_OK;
    }
    if (has_token(h.transfer, "chunked"))
        doc->len = dechunk(p + off, n - off);
    sl_status st = decode_body(doc, h.encoding, scratch, lim, err);
    if (st != SL_OK)
        return st;
    if (!h.ctype[0] && !sl_http_media_ok(NULL, doc->body, doc->len))
        doc->skip = 1;
    return SL_OK;
}

int sl_http_surely_skipped(const char *p, size_t n) {
    int status = parse_status(p, n);
    if (status < 0)
        return 0;
    if (status != 200)
        return 1;
    const char *e = sl_find(p, n, "\r\n\r\n", 4);
    const char *e2 = sl_find(p, e ? (size_t)(e - p) : n, "\n\n", 2);
    if (e2)
        e = e2;
    if (!e)
        return 0;
    http_head h;
    parse_headers(p, (size_t)(e - p), &h);
    return h.ctype[0] && !sl_http_media_ok(h.ctype, NULL, 0);
}

sl_status sl_http_resource(char *p, size_t n, const char *content_type, sl_http_doc *doc) {
    memset(doc, 0, sizeof *doc);
    doc->body = p;
    doc->len = n;
    snprintf(doc->content_type, sizeof doc->content_type, "%s", content_type ? content_type : "");
    doc->skip = !sl_http_media_ok(content_type, p, n);
    return SL_OK;
}

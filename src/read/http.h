/* http.h — the HTTP response inside a WARC response record: status,
 * headers, and the payload decoded (dechunked, gunzipped) for extraction. */
#ifndef SL_HTTP_H
#define SL_HTTP_H

#include <stddef.h>

#include "storyline.h"
#include "../util/buf.h"

typedef struct sl_http_doc {
    const char *body;      /* payload ready for sl_extract */
    size_t len;
    char content_type[160];/* as sent, with its charset parameter */
    int status;            /* HTTP status code (0 for resource records) */
    int skip;              /* not an article: non-200, or not HTML/text */
} sl_http_doc;

/* First occurrence of a short needle (m is a few bytes: the scan is
 * linear in n), or NULL; memmem is not in C11/POSIX. */
const char *sl_find(const char *s, size_t n, const char *needle, size_t m);

/* 1 if the media type is one we extract (HTML, XHTML, plain text). With no
 * type, the body (if given) is sniffed for HTML. */
int sl_http_media_ok(const char *content_type, const char *body, size_t n);

/* Parse an HTTP response held in p[0..n) (modified in place when chunked).
 * A decompressed payload goes to scratch, bounded by lim->max_doc_bytes. */
sl_status sl_http_payload(char *p, size_t n, sl_buf *scratch, const sl_limits *lim,
                          sl_http_doc *doc, sl_error *err);

/* From the first bytes of a response (p[0..n), possibly cut short): 1 if
 * it is surely no article (non-200, or a media type we do not extract), so
 * the record can be passed without copying. 0 when unsure. */
int sl_http_surely_skipped(const char *p, size_t n);

/* A WARC resource record: the content is the document itself. */
sl_status sl_http_resource(char *p, size_t n, const char *content_type, sl_http_doc *doc);

#endif

/* extract.c — one raw document to one article: charset, format, dispatch. */
#include <string.h>

#include "draft.h"
#include "../html/html.h"
#include "../text/charset.h"
#include "../text/plain.h"

static int has_suffix(const char *path, const char *suf) {
    size_t n = strlen(path), m = strlen(suf);
    return n >= m && strcasecmp(path + n - m, suf) == 0;
}

/* Content decides; the file name only breaks ties for tiny inputs. */
sl_format sl_detect_format(const char *data, size_t len, const char *path) {
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    if (len >= 2 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b)
        return SL_FORMAT_UNKNOWN; /* gzip: readers decompress, then detect */
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    const char *p = data + i;
    size_t n = len - i;
    if (n >= 5 && memcmp(p, "WARC/", 5) == 0)
        return SL_FORMAT_WARC;
    if (n >= 1 && p[0] == '{')
        return SL_FORMAT_JSONL;
    /* HTML: a tag near the top, or a doctype/html/head/body tag early on. */
    size_t scan = n < 2048 ? n : 2048;
    if (n >= 1 && p[0] == '<')
        return SL_FORMAT_HTML;
    for (size_t k = 0; k + 5 < scan; k++) {
        if (p[k] != '<')
            continue;
        if (strncasecmp(p + k, "<html", 5) == 0 || strncasecmp(p + k, "<body", 5) == 0 ||
            strncasecmp(p + k, "<head", 5) == 0 || strncasecmp(p + k, "<!doc", 5) == 0)
            return SL_FORMAT_HTML;
    }
    if (sl_plain_is_headertext(p, n))
        return SL_FORMAT_HEADERTEXT;
    if (path && (has_suffix(path, ".html") || has_suffix(path, ".htm")))
        return SL_FORMAT_HTML;
    return SL_FORMAT_TEXT;
}

sl_status sl_extract(const char *data, size_t len, const sl_extract_opts *opts,
                     sl_article **out, sl_error *err) {
    sl_extract_opts none = {0};
    if (!opts)
        opts = &none;
    sl_limits lim;
    sl_limits_default(&lim);
    if (opts->limits)
        lim = *opts->limits;
    *out = NULL;
    if (len > lim.max_doc_bytes)
        return sl_fail(err, SL_ERR_LIMIT, "document of %zu bytes exceeds the %zu-byte limit", len,
                       lim.max_doc_bytes);
    sl_format fmt = opts->format ? opts->format : sl_detect_format(data, len, opts->path);
    if (fmt == SL_FORMAT_JSONL || fmt == SL_FORMAT_WARC)
        return sl_fail(err, SL_ERR_ARG, "%s holds many documents: read it with a reader",
                       sl_format_name(fmt));
    if (len == 0)
        return sl_fail(err, SL_ERR_EMPTY, "empty document");

    sl_draft d;
    sl_draft_init(&d, fmt);
    d.url = opts->url ? sl_arena_strdup(&d.arena, opts->url) : NULL;
    d.prov.path = opts->path;
    sl_draft_set_deadline(&d, lim.max_doc_seconds);
    d.prov.length = len;
    char *utf8;
    size_t n;
    sl_charset_info cs;
    sl_status st = sl_charset_decode(data, len, opts->content_type, fmt == SL_FORMAT_HTML,
                                     &d.arena, &utf8, &n, &cs, err);
    if (st == SL_OK) {
        if (cs.lied)
            strcpy(d.warning, "declared charset did not decode; detected instead");
        if (fmt == SL_FORMAT_HTML)
            st = sl_html_extract(utf8, n, opts, &d, err);
        else
            st = sl_plain_extract(utf8, n, fmt, &d, err);
    }
    if (st == SL_OK)
        st = sl_draft_finish(&d, out, err);
    if (st != SL_OK)
        sl_draft_discard(&d);
    return st;
}

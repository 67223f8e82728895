/* html.c — sl_html_extract: parse the page, read its metadata, extract
 * the main article into the draft. The DOM lives in a private arena that
 * is freed before returning, so the article keeps only its own text. */
#include "html.h"

#include "hx.h"
#include <stdio.h>

#include "../util/arena.h"

sl_status sl_html_extract(const char *utf8, size_t n, const sl_extract_opts *opts, sl_draft *d,
                          sl_error *err) {
    size_t max_depth = opts && opts->limits && opts->limits->max_depth ? opts->limits->max_depth
                                                                       : 512;
    sl_arena arena;
    sl_arena_init(&arena, 0);
    sl_hdoc doc;
    sl_status st = sl_hdoc_parse(&doc, utf8, n, max_depth, &arena, err);
    if (st != SL_OK) {
        sl_arena_free(&arena);
        return st;
    }
    sl_hx_meta(&doc, d, max_depth);
    st = sl_hx_content(&doc, d->title, d, err);
    if (st == SL_OK && doc.truncated_depth && !d->warning[0])
        snprintf(d->warning, sizeof d->warning, "HTML nested deeper than %zu; flattened",
                 max_depth);
    sl_hdoc_free(&doc);
    sl_arena_free(&arena);
    return st;
}

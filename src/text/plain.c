/* STUB: replaced by the plain-text module. */
#include "plain.h"
#include <string.h>
int sl_plain_is_headertext(const char *s, size_t n) { (void)s; (void)n; return 0; }
sl_status sl_plain_body(const char *s, size_t n, sl_draft *d, sl_error *err) {
    (void)err;
    size_t i = 0;
    while (i < n) {
        const char *e = memchr(s + i, '\n', n - i);
        size_t j = e ? (size_t)(e - s) : n;
        if (sl_draft_add_block(d, SL_BLOCK_PARAGRAPH, s + i, j - i, NULL)) return SL_ERR_NOMEM;
        i = j + 1;
    }
    return SL_OK;
}
sl_status sl_plain_extract(const char *s, size_t n, sl_format fmt, sl_draft *d, sl_error *err) {
    (void)fmt;
    return sl_plain_body(s, n, d, err);
}

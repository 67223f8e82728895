/* STUB: replaced by the normalize module. */
#include "normalize.h"
int sl_normalize_inline(const char *s, size_t n, sl_buf *out) {
    int space = 0;
    size_t start = out->len;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = 1; continue; }
        if (space && out->len > start) sl_buf_putc(out, ' ');
        space = 0;
        sl_buf_putc(out, c);
    }
    return out->oom ? -1 : 0;
}

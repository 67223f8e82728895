/* normalize.h — inline text cleanup applied to every block and field. */
#ifndef SL_NORMALIZE_H
#define SL_NORMALIZE_H

#include <stddef.h>
#include "../util/buf.h"

/* Append s to out with: whitespace runs (incl. NBSP, tabs, newlines,
 * zero-width chars) collapsed to one space, leading/trailing space trimmed,
 * control characters dropped, invalid UTF-8 replaced by U+FFFD, and the
 * result in Unicode NFC. Returns 0 or -1 (OOM). */
int sl_normalize_inline(const char *s, size_t n, sl_buf *out);

#endif

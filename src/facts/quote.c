/* quote.c — quotes (stub until the quote module lands). */
#include "quote.h"

sl_status sl_find_quotes(const sl_article *a, const sl_mention *ments, size_t n_ments,
                         sl_arena *ar, sl_quote **out, size_t *n, sl_error *err) {
    (void)a, (void)ments, (void)n_ments, (void)ar, (void)err;
    *out = NULL;
    *n = 0;
    return SL_OK;
}

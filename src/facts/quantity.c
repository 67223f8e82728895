/* quantity.c — quantities (stub until the quantity module lands). */
#include "quantity.h"

sl_status sl_find_quantities(const sl_article *a, sl_arena *ar, sl_quantity **out, size_t *n,
                             sl_error *err) {
    (void)a, (void)ar, (void)err;
    *out = NULL;
    *n = 0;
    return SL_OK;
}

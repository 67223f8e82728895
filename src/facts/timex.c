/* timex.c — time expressions (stub until the timex module lands). */
#include "timex.h"

sl_status sl_find_timexes(const sl_article *a, sl_arena *ar, sl_timex **out, size_t *n,
                          sl_error *err) {
    (void)a, (void)ar, (void)err;
    *out = NULL;
    *n = 0;
    return SL_OK;
}

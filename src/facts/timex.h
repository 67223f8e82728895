/* timex.h — time expressions normalized to TIMEX3 values.
 *
 * Dates, times, durations and sets, resolved against the article's
 * publication date (a->published; relative expressions stay unresolved,
 * e.g. "XXXX-12-30", when there is none). */
#ifndef SL_TIMEX_H
#define SL_TIMEX_H
#include "storyline.h"
#include "../util/arena.h"

/* Time expressions of a segmented article, in text order, from arena ar. */
sl_status sl_find_timexes(const sl_article *a, sl_arena *ar, sl_timex **out, size_t *n,
                          sl_error *err);
#endif

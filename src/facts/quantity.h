/* quantity.h — numbers with what they count, their unit and hedges.
 *
 * "100,000 troops", "$650 million", "almost 300 tons", "tens of thousands
 * of Russian troops": value normalized, hedge kept as bounds, unit
 * normalized, and what the number is about where the sentence says. */
#ifndef SL_QUANTITY_H
#define SL_QUANTITY_H
#include "storyline.h"
#include "../util/arena.h"

/* Quantities of a segmented article, in text order, from arena ar. Unit
 * strings point into static tables or ar. */
sl_status sl_find_quantities(const sl_article *a, sl_arena *ar, sl_quantity **out, size_t *n,
                             sl_error *err);
#endif

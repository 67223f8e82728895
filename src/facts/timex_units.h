/* timex_units.h — word units of a sentence for the timex scanner. */
#ifndef SL_TIMEX_UNITS_H
#define SL_TIMEX_UNITS_H
#include "storyline.h"
#include "timex_int.h"

/* Upper bound of the units tokens [first,end) give. */
size_t tx_units_cap(const sl_article *a, size_t first, size_t end);
/* Fill out (sized by tx_units_cap) with the units of tokens [first,end). */
size_t tx_units(const sl_article *a, size_t first, size_t end, tx_unit *out);
#endif

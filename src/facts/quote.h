/* quote.h — who said what: direct, partial, reported speech, transcript turns.
 *
 * Each quote has its content span, speaker span, cue span and kind; the
 * speaker is linked to an entity through the article's mentions. */
#ifndef SL_QUOTE_H
#define SL_QUOTE_H
#include "storyline.h"
#include "../util/arena.h"

/* Quotes of a segmented article in text order, from ar. ments (in text
 * order, may be empty) resolve speakers to entities; quote.entity is -1
 * where none is found. */
sl_status sl_find_quotes(const sl_article *a, const sl_mention *ments, size_t n_ments,
                         sl_arena *ar, sl_quote **out, size_t *n, sl_error *err);
#endif

/* slots_words.h — words as the synthesis passes compare them.
 *
 * Two reports of one fact rarely share their wording, so the passes compare
 * stems of content words (lowercased, Snowball-stemmed, stopwords and
 * numbers dropped), as 64-bit hashes, and read the hedge a writer put in
 * front of a number ("close to", "well over"). Shared by the quote, slot
 * and timeline passes. */
#ifndef SL_SYNTH_SLOTS_WORDS_H
#define SL_SYNTH_SLOTS_WORDS_H
#include "storyline.h"

typedef struct sl_sw sl_sw;

sl_sw *sl_sw_new(void);
void sl_sw_free(sl_sw *w);

/* The stem hash of word s[0..n), 0 for a stopword, a number or no word.
 * keep_stop keeps stopwords (quotes compare every word); in span keys it
 * also keeps numbers, so quotes with other figures stay apart. */
uint64_t sl_sw_key(sl_sw *w, const char *s, size_t n, int keep_stop);

/* The sorted, distinct word keys of text[start, end) (of a's tokens) into
 * out (at most cap); their count. */
size_t sl_sw_span_keys(sl_sw *w, const sl_article *a, uint32_t start, uint32_t end,
                       int keep_stop, uint64_t *out, size_t cap);

/* Distinct keys shared by two sorted key arrays. */
size_t sl_sw_common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* The index of the first token starting at or after byte pos. */
size_t sl_sw_token_at(const sl_article *a, uint32_t pos);

/* The sentence holding byte pos, or NULL. */
const sl_sentence *sl_sw_sentence_at(const sl_article *a, uint32_t pos);

/* The hedge written just before byte pos ("about", "close to", "well
 * over", "nearly", "more than", "up to"): an sl_bound, SL_BOUND_EXACT when
 * none; *hedge_start receives where it starts. */
sl_bound sl_sw_hedge_before(const sl_article *a, uint32_t pos, uint32_t *hedge_start);

/* 1 if the lowercased word is w0 (ASCII compare of a token). */
int sl_sw_tok_is(const sl_article *a, size_t t, const char *w0);

#endif

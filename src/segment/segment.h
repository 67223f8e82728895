/* segment.h — sentences and tokens with byte offsets into clean text.
 *
 * Knows news abbreviations (U.S., Jan., p.m., Mr., Sen., Gov., initials),
 * numbers (3.5, 8,500, $650), quotes that close after the period, and never
 * lets a sentence cross a block (paragraph or transcript turn). */
#ifndef SL_SEGMENT_H
#define SL_SEGMENT_H

#include "storyline.h"
#include "../util/arena.h"

sl_status sl_segment(const char *text, size_t n, const sl_block *blocks, size_t n_blocks,
                     sl_arena *a, sl_sentence **sents, size_t *n_sents, sl_token **toks,
                     size_t *n_toks);

#endif

/* plain.h — articles from plain text: page scrapes with chrome, radio
 * transcripts with speaker turns, and header-style text (title line,
 * YYYYMMDD line, URL line, body). */
#ifndef SL_PLAIN_H
#define SL_PLAIN_H

#include "storyline.h"
#include "../core/draft.h"

/* 1 if text looks like header-style text (title, YYYYMMDD, URL lines). */
int sl_plain_is_headertext(const char *s, size_t n);

/* Fill d from UTF-8 text: title, blocks (paragraphs, turns), date
 * candidates; chrome, bios and player lines dropped. fmt is
 * SL_FORMAT_TEXT or SL_FORMAT_HEADERTEXT. */
sl_status sl_plain_extract(const char *s, size_t n, sl_format fmt, sl_draft *d, sl_error *err);

/* Clean an already-extracted body (JSONL maintext): the same chrome and
 * transcript rules, without title/date guessing. */
sl_status sl_plain_body(const char *s, size_t n, sl_draft *d, sl_error *err);

/* "SHAPIRO: ..." opens a transcript turn: the offset of the spoken text
 * and the label's length in *name_n, or 0 when the line has no label. */
size_t sl_plain_turn_label(const char *s, size_t n, size_t *name_n);
#endif

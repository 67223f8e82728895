/* glue.h — split words glued together by lost markup ("remainsunclear").
 *
 * Uses an English word list built at compile time from a Debian word list.
 * A token is split only when it is not itself a word, is all lowercase
 * letters (so names, acronyms and URLs are left alone) and splits into two
 * or three known words with a confident segmentation. */
#ifndef SL_GLUE_H
#define SL_GLUE_H

#include <stddef.h>
#include "../util/buf.h"

/* Append s to out with glued words split; returns the number of splits
 * made, or -1 on OOM. */
int sl_glue_split(const char *s, size_t n, sl_buf *out);
/* 1 if w (lowercase ASCII) is in the word list. */
int sl_glue_is_word(const char *w, size_t n);

#endif

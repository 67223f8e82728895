/* TEMP stub until wt/dedup merges */
#ifndef SL_DEDUP_H
#define SL_DEDUP_H
#include "storyline.h"
typedef struct sl_dedup sl_dedup;
typedef struct { size_t max_docs; } sl_dedup_options;
typedef struct { sl_dup_kind kind; uint64_t of; float similarity; } sl_dup_match;
void sl_dedup_options_default(sl_dedup_options *o);
sl_dedup *sl_dedup_new(const sl_dedup_options *o);
void sl_dedup_free(sl_dedup *d);
sl_status sl_dedup_add(sl_dedup *d, uint64_t key, const char *text, size_t len, sl_dup_match *m);
size_t sl_dedup_memory(const sl_dedup *d);
#endif

/* tindex.h — an inverted term index over open centroids.
 *
 * Scoring a new article against every open event or storyline costs one
 * probe per article term per centroid, and most centroids share no term
 * with it. The index keeps, per term, the centroids that hold it with their
 * weight, so one walk over the article's terms gives the dot product with
 * every centroid sharing a term, and no work for the others. A centroid is
 * named by a small handle (recycled on release); its postings follow its
 * sum through sl_tindex_sync, which touches only the terms that changed.
 *
 * Postings live in buckets by term hash: no per-term table to grow or
 * shrink, memory is proportional to the postings of the open centroids. */
#ifndef SL_CLUSTER_TINDEX_H
#define SL_CLUSTER_TINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "terms.h"

typedef struct sl_tindex sl_tindex;

sl_tindex *sl_tindex_new(void);
void sl_tindex_free(sl_tindex *x);

/* A fresh handle with no postings: 0, or -1 when out of memory. */
int sl_tindex_handle(sl_tindex *x, uint32_t *h);
/* Drop the postings of handle h (its current sum) and recycle h. */
void sl_tindex_release(sl_tindex *x, uint32_t h, const sl_tvec *sum);
/* h's sum went from old to cur (both sorted by term): postings of the
 * terms that left are dropped, new ones added, changed weights set.
 * 0, or -1 when out of memory (the index is then incomplete for h). */
int sl_tindex_sync(sl_tindex *x, uint32_t h, const sl_tvec *old, const sl_tvec *cur);

/* sum + doc (both sorted by term; finite weights) into ot, ow (room for
 * sum->n + doc->n), sorted by term: returns its length, and *sq the sum
 * of its squared weights (sl_tvec_norm's float before its root); or
 * UINT32_MAX when out of memory. The changes of postings from sum to it
 * are noted for sl_tindex_commit: a centroid's merge with an article
 * knows them, where a sync walked both vectors again to find them. */
uint32_t sl_tindex_merge(sl_tindex *x, const sl_tvec *sum, const sl_tvec *doc, uint64_t *ot,
                         float *ow, float *sq);
/* Makes the changes the last sl_tindex_merge noted to the postings of h,
 * whose sum was that merge's sum: what sl_tindex_sync(x, h, sum, merged)
 * would do. 0, or -1 when out of memory (the index is then incomplete
 * for h). */
int sl_tindex_commit(sl_tindex *x, uint32_t h);

/* The dot product of doc with every handle sharing a term with it, summed
 * in doc's term order (bit-identical to a merge or probe over doc's terms).
 * Returns how many; *hs and *dots are valid until the next call. */
uint32_t sl_tindex_dots(sl_tindex *x, const sl_tvec *doc, const uint32_t **hs,
                        const float **dots);

/* A caller's number per handle (e.g. its position in an array). */
void sl_tindex_set_slot(sl_tindex *x, uint32_t h, uint32_t slot);
uint32_t sl_tindex_slot(const sl_tindex *x, uint32_t h);

size_t sl_tindex_memory(const sl_tindex *x);

#endif

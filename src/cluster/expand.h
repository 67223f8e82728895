/* expand.h — pseudo-relevance feedback over the recent articles.
 *
 * A short news text names its story with a few of the story's words; its
 * nearest recent articles name the rest. Before an article is placed, its
 * vector gets the vectors of its closest recent articles added, each
 * weighted by its cosine, and is cut back to its strongest terms: two
 * articles of one topic that share few words of their own then share the
 * words of their common neighbours. The recent articles are a fixed ring
 * with a term index, so memory and time per article do not grow with the
 * stream. */
#ifndef SL_CLUSTER_EXPAND_H
#define SL_CLUSTER_EXPAND_H

#include <stddef.h>

#include "terms.h"

typedef struct sl_expander sl_expander;

sl_expander *sl_expander_new(void);
void sl_expander_free(sl_expander *x);

/* Add the neighbours of doc (unit, sorted by term) to it, keep its k
 * strongest terms, renormalize. 0, or -1 when out of memory (doc is then
 * unchanged). */
int sl_expander_expand(sl_expander *x, sl_tvec *doc, uint32_t k);

/* Remember doc as a recent article (its first SL_EXPAND_TERMS terms).
 * 0, or -1 when out of memory (its terms may then be missing from the
 * index: later expansions may miss it as a neighbour). */
int sl_expander_add(sl_expander *x, const sl_tvec *doc);

size_t sl_expander_memory(const sl_expander *x);

/* The recent articles, oldest first, for the saved state: how many, and
 * the i-th into out. Adding them in that order to a new expander restores it. */
uint32_t sl_expander_count(const sl_expander *x);
int sl_expander_get(const sl_expander *x, uint32_t i, sl_tvec *out);

#define SL_EXPAND_TERMS 64

#endif

/* cluster.h — internals of the stream clusterer shared with its state file.
 *
 * Open events and open storylines are centroids (sums of their articles'
 * unit term vectors, pruned to the strongest terms). An article joins the
 * open event it is closest to, its cosine damped by the days between them;
 * failing that it opens an event in the closest open storyline, failing
 * that a new storyline. Copies found by the dedup stage take their
 * original's event without moving any centroid, so a burst of copies costs
 * one lookup each. */
#ifndef SL_CLUSTER_H
#define SL_CLUSTER_H

#include "storyline.h"
#include "../dedup/dedup.h"
#include "expand.h"
#include "terms.h"
#include "tindex.h"

typedef struct sl_centroid {
    sl_tvec sum; /* sorted by term, unnormalized */
    float norm; /* its terms are found through the term index (tindex.h) */
} sl_centroid;

typedef struct sl_event {
    uint64_t id, storyline;
    int32_t first, last; /* days; SL_NO_DAY when only undated articles */
    int32_t touched;     /* stream clock at the last article */
    uint32_t n;
    uint32_t h; /* handle in the event term index */
    uint8_t wdays; /* weekdays its dated members' leads name (bit 0 = Monday) */
    sl_centroid c;
} sl_event;

typedef struct sl_story {
    uint64_t id;
    int32_t touched;
    uint32_t n;
    uint32_t h; /* handle in the storyline term index */
    sl_centroid c;
} sl_story;

/* Where a recent article went, for its copies: a ring indexed by arrival. */
typedef struct sl_recent {
    uint64_t key, event, storyline;
} sl_recent;

struct sl_clusterer {
    sl_cluster_options o;
    sl_df df;
    sl_termer *termer;
    sl_dedup *dedup;
    sl_expander *expander; /* recent vectors for expansion (expand.h) */
    sl_event *events;
    size_t n_events, cap_events;
    sl_story *stories;
    size_t n_stories, cap_stories;
    sl_recent *recent; /* o.max_recent_articles slots */
    uint64_t seq;      /* articles added */
    uint64_t next_event, next_storyline;
    int32_t clock; /* the newest day seen, SL_NO_DAY before any */
    sl_tvec doc, scratch, scratch2;
    sl_word *words; /* the current text read once, for copies and terms */
    size_t words_cap;
    /* Open events and storylines by term, so an article is scored only
     * against those sharing a term with it (tindex.h). */
    sl_tindex *eidx, *sidx;
};

/* Postings of a loaded centroid (sum set directly) into the term index. */
int sl_centroid_post(sl_tindex *x, uint32_t h, const sl_centroid *c);
/* Append a zeroed event / storyline to the open set, with a term index
 * handle (NULL when out of memory). */
sl_event *sl_cluster_event_slot(sl_clusterer *c);
sl_story *sl_cluster_story_slot(sl_clusterer *c);

#endif

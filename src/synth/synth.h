/* synth.h — the synthesis under construction, shared by its passes.
 *
 * sl_synthesize (synth.c) runs the passes in order, each filling its part
 * of the sl_synthesis from the members and what earlier passes built:
 * the members' days (merge_days.c: an undated member's weekday anchored
 * to another member's dated happening), then entities, then quotes
 * (speakers are story entities), then slots and conflicts, then the
 * timeline (which points at disputed dates), then the summary. Everything
 * is allocated from priv->arena. */
#ifndef SL_SYNTH_H
#define SL_SYNTH_H
#include "storyline.h"
#include "../util/arena.h"

struct sl_synthesis_priv {
    sl_arena arena;
    /* entity_of[m][e]: the story entity of member m's entity e, -1 when it
     * was not merged (filled by sl_synth_entities; NULL rows for members
     * without facts). */
    int32_t **entity_of;
    /* Owned by sl_store_synthesis, else NULL. */
    sl_synth_member *owned_members;
    sl_article **owned_articles;
    sl_facts **owned_facts;
    size_t n_owned;
    /* Filled by sl_synth_days, per member (NULL rows before it ran): the
     * day the passes order reports by, how it is known, and for an undated
     * member whose day stays unknown the day its writing must precede
     * (SL_NO_DAY: no bound). */
    int32_t *day;
    uint8_t *day_how; /* SL_DAY_* */
    int32_t *before;
    /* The weekday mentions that anchored a member's day, by member then
     * position: the observation passes resolve them to that day. */
    struct sl_day_anchor *anchors;
    size_t n_anchors;
    /* Per timeline item (sl_synth_timeline): SL_NO_DAY, or for an item of
     * an undated member the day it must precede; and 1 when every source's
     * day is an inferred one. */
    int32_t *tl_before;
    uint8_t *tl_inferred;
    /* The members' observations as first collected (slots_obs.c): the
     * days, slots and timeline passes read the same ones, so they are
     * collected once and copied; freed after the timeline. */
    struct sl_obs *obs_cache;
    size_t n_obs_cache;
};

/* How a member's day is known: stated by the article, inferred here from
 * another member's dated happening, or only a guess (the event's first
 * day, kept for ordering) or nothing. */
enum { SL_DAY_GUESS = 0, SL_DAY_STATED = 1, SL_DAY_INFERRED = 2 };

typedef struct sl_day_anchor {
    uint32_t member, start; /* the weekday mention */
    int32_t day;
} sl_day_anchor;

/* merge_days.c: runs first. Gives each member its day (see priv). */
sl_status sl_synth_days(sl_synthesis *s, sl_error *err);
/* The member's day for ordering reports (members[m].day until
 * sl_synth_days ran), SL_NO_DAY if none. */
int32_t sl_synth_day(const sl_synthesis *s, size_t m);
/* SL_DAY_STATED, SL_DAY_INFERRED, or SL_DAY_GUESS (a guess or none). */
int sl_synth_day_how(const sl_synthesis *s, size_t m);
/* An undated member's upper bound (see priv->before), SL_NO_DAY if none. */
int32_t sl_synth_day_before(const sl_synthesis *s, size_t m);
/* The anchoring day of member m's mention at byte start, SL_NO_DAY. */
int32_t sl_synth_day_anchor(const sl_synthesis *s, uint32_t m, uint32_t start);

/* merge.c */
sl_status sl_synth_entities(sl_synthesis *s, sl_error *err);
sl_status sl_synth_quotes(sl_synthesis *s, sl_error *err);
/* slots.c: slots, their conflicts, and spelling variants of entities */
sl_status sl_synth_slots(sl_synthesis *s, sl_error *err);
/* timeline.c */
sl_status sl_synth_timeline(sl_synthesis *s, sl_error *err);

#endif

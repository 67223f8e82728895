/* synth.h — the synthesis under construction, shared by its passes.
 *
 * sl_synthesize (synth.c) runs the passes in order, each filling its part
 * of the sl_synthesis from the members and what earlier passes built:
 * entities, then quotes (speakers are story entities), then slots and
 * conflicts, then the timeline (which points at disputed dates), then the
 * summary. Everything is allocated from priv->arena. */
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
};

/* merge.c */
sl_status sl_synth_entities(sl_synthesis *s, sl_error *err);
sl_status sl_synth_quotes(sl_synthesis *s, sl_error *err);
/* slots.c: slots, their conflicts, and spelling variants of entities */
sl_status sl_synth_slots(sl_synthesis *s, sl_error *err);
/* timeline.c */
sl_status sl_synth_timeline(sl_synthesis *s, sl_error *err);

#endif

/* entity.c — named entities (stub until the entity module lands). */
#include "entity.h"

sl_status sl_find_entities(const sl_article *a, sl_arena *ar, sl_entity **ents, size_t *n_ents,
                           sl_mention **ments, size_t *n_ments, sl_error *err) {
    (void)a, (void)ar, (void)err;
    *ents = NULL;
    *ments = NULL;
    *n_ents = *n_ments = 0;
    return SL_OK;
}

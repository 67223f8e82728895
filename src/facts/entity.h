/* entity.h — named entities and their mentions within one article.
 *
 * People, organizations, places and other named things, with later short
 * forms, descriptions, pronouns (where they matter for quotes) and
 * transcript speaker labels linked to the full name, and roles kept. */
#ifndef SL_ENTITY_H
#define SL_ENTITY_H
#include "storyline.h"
#include "../util/arena.h"

/* Entities and mentions (in text order) of a segmented article, from ar. */
sl_status sl_find_entities(const sl_article *a, sl_arena *ar, sl_entity **ents, size_t *n_ents,
                           sl_mention **ments, size_t *n_ments, sl_error *err);
#endif

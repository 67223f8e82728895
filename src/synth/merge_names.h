/* merge_names.h — the spellings of story entities: which one is the name,
 * which are variants of it, and the spelling-variant conflicts. */
#ifndef SL_SYNTH_MERGE_NAMES_H
#define SL_SYNTH_MERGE_NAMES_H
#include "synth.h"
#include "../core/draft.h"

/* A key of a person's full name without spaces, case or accents, so that
 * "Vandermeer" and "van der Meer" meet; 0 for anything else. */
uint64_t sl_mn_compact_key(const char *name, sl_entity_type t);

/* Fill name, type, role and variants of s->entities (entity_of set). */
sl_status sl_mn_name_entities(sl_synthesis *s, sl_error *err);

/* A growable list of conflicts in the synthesis arena. */
typedef struct sl_conflict_list {
    sl_conflict *v;
    size_t n, cap;
} sl_conflict_list;
int sl_conflict_push(sl_arena *ar, sl_conflict_list *l, const sl_conflict *c);

/* One VARIANT conflict per entity whose full name is spelled two ways by
 * different members, appended to l. */
sl_status sl_mn_variant_conflicts(sl_synthesis *s, sl_conflict_list *l, sl_error *err);

#endif

/* slots.c — numbers and dates grouped by what they are about; conflicts. */
#include "synth.h"
#include "merge_names.h"

const char *sl_conflict_kind_name(sl_conflict_kind k)
{
    switch (k) {
    case SL_CONFLICT_HARD: return "hard";
    case SL_CONFLICT_SOFT: return "soft";
    case SL_CONFLICT_CHANGE: return "change";
    case SL_CONFLICT_VARIANT: return "variant";
    }
    return "?";
}

sl_status sl_synth_slots(sl_synthesis *s, sl_error *err)
{
    sl_conflict_list l = {0};
    sl_status st = sl_mn_variant_conflicts(s, &l, err);
    s->conflicts = l.v;
    s->n_conflicts = l.n;
    return st;
}

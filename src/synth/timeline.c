/* timeline.c — the dated happenings of a story, in order. */
#include "synth.h"

sl_status sl_synth_timeline(sl_synthesis *s, sl_error *err) { (void)s; (void)err; return SL_OK; }

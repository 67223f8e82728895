/* facts.h — building an sl_facts outside the annotators (the store loads
 * stored facts into one). */
#ifndef SL_FACTS_H
#define SL_FACTS_H
#include "storyline.h"
#include "../util/arena.h"

/* An empty sl_facts whose arrays and strings come from its own arena;
 * NULL when out of memory. Free with sl_facts_free. */
sl_facts *sl_facts_new(void);
sl_arena *sl_facts_arena(sl_facts *f);
#endif

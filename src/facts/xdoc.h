/* xdoc.h — one entity per real person across the articles of a storyline.
 *
 * Merges names that are spelling or transliteration variants ("Yury" /
 * "Yuri Ushakov") and short forms of a full name, never two people who
 * only share a surname. Online: names arrive one at a time and get a
 * stable cluster id. */
#ifndef SL_XDOC_H
#define SL_XDOC_H
#include <stdint.h>
#include "storyline.h"

typedef struct sl_xdoc sl_xdoc;

sl_xdoc *sl_xdoc_new(void);
void sl_xdoc_free(sl_xdoc *x);
/* The cluster of entity name (of type t) seen in document doc; a new one
 * if it matches none. Returns 0, or -1 when out of memory. */
int sl_xdoc_add(sl_xdoc *x, uint64_t doc, const char *name, sl_entity_type t,
                uint32_t *cluster);
#endif

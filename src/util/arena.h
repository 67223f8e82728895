/* arena.h — bump allocator for per-document work.
 *
 * Everything derived from one document (DOM nodes, strings, blocks) is
 * allocated from one arena and freed at once; no per-object free exists.
 * Allocation failure returns NULL and the caller turns it into SL_ERR_NOMEM.
 */
#ifndef SL_ARENA_H
#define SL_ARENA_H

#include <stddef.h>

typedef struct sl_arena_chunk sl_arena_chunk;

typedef struct sl_arena {
    sl_arena_chunk *head;
    size_t used;  /* bytes used in head */
    size_t total; /* bytes reserved across chunks, for limits */
    size_t limit; /* 0: unlimited; else allocation beyond it fails */
} sl_arena;

void sl_arena_init(sl_arena *a, size_t limit);
void sl_arena_free(sl_arena *a);
void *sl_arena_alloc(sl_arena *a, size_t n);   /* 16-byte aligned, uninitialized */
void *sl_arena_calloc(sl_arena *a, size_t n);
char *sl_arena_strndup(sl_arena *a, const char *s, size_t n);
char *sl_arena_strdup(sl_arena *a, const char *s);
/* Grow the most recent allocation p from old to n bytes when possible,
 * else copy; returns the new pointer or NULL. */
void *sl_arena_realloc(sl_arena *a, void *p, size_t old, size_t n);

#endif

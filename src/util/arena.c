/* arena.c — chunked bump allocator (see arena.h). */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

struct sl_arena_chunk {
    sl_arena_chunk *next;
    size_t size;
    _Alignas(16) unsigned char data[];
};

enum { CHUNK_MIN = 64 * 1024 };

void sl_arena_init(sl_arena *a, size_t limit) {
    a->head = NULL;
    a->used = 0;
    a->total = 0;
    a->limit = limit;
}

void sl_arena_free(sl_arena *a) {
    sl_arena_chunk *c = a->head;
    while (c) {
        sl_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->used = a->total = 0;
}

void *sl_arena_alloc(sl_arena *a, size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    if (!a->head || a->head->size - a->used < n) {
        size_t size = n > CHUNK_MIN ? n : CHUNK_MIN;
        /* Grow chunks geometrically so big documents need few mallocs. */
        if (a->head && a->head->size * 2 > size && a->head->size < (64u << 20))
            size = a->head->size * 2;
        if (a->limit && a->total + size > a->limit) {
            if (a->total + n > a->limit)
                return NULL;
            size = n;
        }
        sl_arena_chunk *c = malloc(sizeof *c + size);
        if (!c)
            return NULL;
        c->next = a->head;
        c->size = size;
        a->head = c;
        a->used = 0;
        a->total += size;
    }
    void *p = a->head->data + a->used;
    a->used += n;
    return p;
}

void *sl_arena_calloc(sl_arena *a, size_t n) {
    void *p = sl_arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

char *sl_arena_strndup(sl_arena *a, const char *s, size_t n) {
    char *p = sl_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *sl_arena_strdup(sl_arena *a, const char *s) {
    return s ? sl_arena_strndup(a, s, strlen(s)) : NULL;
}

void *sl_arena_realloc(sl_arena *a, void *p, size_t old, size_t n) {
    size_t old_al = (old + 15) & ~(size_t)15;
    if (p && a->head && (unsigned char *)p + old_al == a->head->data + a->used &&
        (unsigned char *)p >= a->head->data) {
        size_t start = (size_t)((unsigned char *)p - a->head->data);
        size_t need = (n + 15) & ~(size_t)15;
        if (start + need <= a->head->size) {
            a->used = start + need;
            return p;
        }
    }
    void *q = sl_arena_alloc(a, n);
    if (q && p && old)
        memcpy(q, p, old < n ? old : n);
    return q;
}

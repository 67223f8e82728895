/* map64.c — linear probing at most half full, so lookups stay short. */
#include <stdlib.h>

#include "map64.h"

static int grow(sl_map64 *m) {
    size_t cap = m->cap ? 2 * m->cap : 256;
    uint64_t *ks = calloc(cap, sizeof *ks);
    int32_t *vs = malloc(cap * sizeof *vs);
    if (!ks || !vs) {
        free(ks);
        free(vs);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t j = m->keys[i] & (cap - 1);
            while (ks[j])
                j = (j + 1) & (cap - 1);
            ks[j] = m->keys[i];
            vs[j] = m->vals[i];
        }
    free(m->keys);
    free(m->vals);
    m->keys = ks;
    m->vals = vs;
    m->cap = cap;
    return 0;
}

int sl_map64_put(sl_map64 *m, uint64_t k, int32_t v) {
    if (2 * (m->n + 1) > m->cap && grow(m) < 0)
        return -1;
    size_t j = k & (m->cap - 1);
    while (m->keys[j] && m->keys[j] != k)
        j = (j + 1) & (m->cap - 1);
    if (!m->keys[j])
        m->n++;
    m->keys[j] = k;
    m->vals[j] = v;
    return 0;
}

int32_t sl_map64_get(const sl_map64 *m, uint64_t k) {
    if (!m->cap)
        return -1;
    for (size_t j = k & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (m->keys[j] == k)
            return m->vals[j];
    return -1;
}

void sl_map64_free(sl_map64 *m) {
    free(m->keys);
    free(m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->n = 0;
}

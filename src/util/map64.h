/* map64.h — an open-addressing map from non-zero 64-bit keys (hashes) to
 * int32 values, for per-document and per-stream lookups that must stay
 * O(1) whatever the input. */
#ifndef SL_MAP64_H
#define SL_MAP64_H
#include <stddef.h>
#include <stdint.h>

typedef struct sl_map64 {
    uint64_t *keys; /* 0 = empty slot */
    int32_t *vals;
    size_t cap, n;
} sl_map64;

/* Set k (non-zero) to v; 0, or -1 when out of memory (the map is unchanged). */
int sl_map64_put(sl_map64 *m, uint64_t k, int32_t v);
/* The value of k, or -1 when absent. */
int32_t sl_map64_get(const sl_map64 *m, uint64_t k);
void sl_map64_free(sl_map64 *m);
#endif

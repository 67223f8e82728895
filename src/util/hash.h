/* hash.h — non-cryptographic hashes for content identity and tables. */
#ifndef SL_HASH_H
#define SL_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The finalizer of sl_hash64: spreads the bits of one 64-bit value. */
uint64_t sl_hash_mix64(uint64_t h);
uint64_t sl_hash64(const void *p, size_t n, uint64_t seed);
/* 128-bit content hash (two independent 64-bit lanes), little-endian out. */
void sl_hash128(const void *p, size_t n, uint8_t out[16]);

#endif

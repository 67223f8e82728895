/* hash.c — 64-bit multiply-xorshift hash over 8-byte words.
 * Good enough for dedup keys and hash tables; not for adversarial keys. */
#include "hash.h"

#include <string.h>

uint64_t sl_hash_mix64(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

uint64_t sl_hash64(const void *p, size_t n, uint64_t seed) {
    const unsigned char *s = p;
    uint64_t h = seed ^ (n * 0x9E3779B97F4A7C15ULL);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ sl_hash_mix64(w)) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ sl_hash_mix64(w ^ n)) * 0x9E3779B97F4A7C15ULL;
    return sl_hash_mix64(h);
}

void sl_hash128(const void *p, size_t n, uint8_t out[16]) {
    uint64_t a = sl_hash64(p, n, 0x243F6A8885A308D3ULL);
    uint64_t b = sl_hash64(p, n, 0x13198A2E03707344ULL);
    for (int i = 0; i < 8; i++) {
        out[i] = (uint8_t)(a >> (8 * i));
        out[8 + i] = (uint8_t)(b >> (8 * i));
    }
}

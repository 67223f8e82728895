/* utf8.h — small UTF-8 helpers shared by every stage. */
#ifndef SL_UTF8_H
#define SL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid/incomplete.
 * Rejects overlongs, surrogates and code points above U+10FFFF. */
size_t sl_utf8_valid_seq(const char *s, size_t n);
/* Decode one code point; returns bytes consumed (>=1). Invalid bytes decode
 * as U+FFFD consuming one byte. */
size_t sl_utf8_decode(const char *s, size_t n, int32_t *cp);
/* Encode cp into out (>= 4 bytes); returns length. */
size_t sl_utf8_encode(int32_t cp, char *out);
/* 1 if the whole buffer is valid UTF-8. */
int sl_utf8_valid(const char *s, size_t n);

#endif

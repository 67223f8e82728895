/* json.h — a small JSON parser for JSONL records.
 *
 * Parses one JSON text into a tree allocated from an arena. The parser is
 * iterative (no recursion), so nesting depth is bounded only by the explicit
 * max_depth, and linear in the input. Strings are decoded to UTF-8 with
 * \uXXXX escapes (surrogate pairs joined; lone surrogates and \u0000 become
 * U+FFFD) and NUL-terminated; numbers keep their source text.
 */
#ifndef SL_JSON_H
#define SL_JSON_H

#include <stddef.h>

#include "../util/arena.h"

typedef enum sl_json_type {
    SL_JSON_NULL = 0,
    SL_JSON_FALSE,
    SL_JSON_TRUE,
    SL_JSON_NUMBER,
    SL_JSON_STRING,
    SL_JSON_ARRAY,
    SL_JSON_OBJECT
} sl_json_type;

typedef struct sl_json sl_json;
struct sl_json {
    sl_json_type type;
    const char *str;  /* STRING: decoded text; NUMBER: source text */
    size_t len;
    const char *key;  /* member name when inside an object, else NULL */
    size_t key_len;
    sl_json *parent, *child, *last, *next; /* children of arrays/objects */
    size_t n;         /* number of children */
};

typedef struct sl_json_error {
    size_t offset;    /* byte offset of the problem */
    char msg[96];
} sl_json_error;

/* Parse s[0..n) as exactly one JSON value (whitespace around allowed).
 * Returns the root, or NULL with e filled (syntax, depth, or OOM). */
sl_json *sl_json_parse(const char *s, size_t n, size_t max_depth, sl_arena *a,
                       sl_json_error *e);

/* First member named key of an object, or NULL. */
const sl_json *sl_json_get(const sl_json *obj, const char *key);

#endif

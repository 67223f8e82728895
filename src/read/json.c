/* json.c — iterative JSON parser into an arena tree (see json.h). */
#include "json.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../util/utf8.h"

typedef struct parser {
    const char *s;
    size_t n, i;
    sl_arena *a;
    sl_json_error *e;
} parser;

static int fail(parser *p, const char *msg) {
    p->e->offset = p->i;
    snprintf(p->e->msg, sizeof p->e->msg, "%s at byte %zu", msg, p->i);
    return -1;
}

static void skip_ws(parser *p) {
    while (p->i < p->n) {
        char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->i++;
    }
}

static int hex4(const char *s, uint32_t *out) {
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* \uXXXX at s[i] (after the backslash-u): returns the code point and the
 * number of source bytes used, joining a surrogate pair when present. */
static int unicode_escape(parser *p, uint32_t *cp, size_t *used) {
    const char *s = p->s + p->i;
    size_t left = p->n - p->i;
    uint32_t hi, lo;
    if (left < 6 || hex4(s + 2, &hi))
        return fail(p, "bad \\u escape");
    *used = 6;
    if (hi >= 0xD800 && hi <= 0xDBFF) {
        if (left >= 12 && s[6] == '\\' && s[7] == 'u' && hex4(s + 8, &lo) == 0 &&
            lo >= 0xDC00 && lo <= 0xDFFF) {
            *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            *used = 12;
            return 0;
        }
        hi = 0xFFFD;
    } else if ((hi >= 0xDC00 && hi <= 0xDFFF) || hi == 0) {
        hi = 0xFFFD;
    }
    *cp = hi;
    return 0;
}

static char simple_escape(char c) {
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return 0;
    }
}

/* Decoded output never exceeds the source length: every escape is at least
 * as long as what it encodes (6 bytes of \uXXXX give at most 3, 12 give 4). */
static int parse_string(parser *p, const char **out, size_t *out_len) {
    size_t start = ++p->i; /* past the opening quote */
    size_t end = start;
    while (end < p->n && p->s[end] != '"') {
        if (p->s[end] == '\\')
            end++;
        end++;
    }
    if (end >= p->n)
        return fail(p, "unterminated string");
    char *d = sl_arena_alloc(p->a, end - start + 1);
    if (!d)
        return fail(p, "out of memory");
    size_t k = 0;
    while (p->i < end) {
        const char *run = p->s + p->i;
        const char *bs = memchr(run, '\\', end - p->i);
        size_t plain = bs ? (size_t)(bs - run) : end - p->i;
        memcpy(d + k, run, plain);
        k += plain;
        p->i += plain;
        if (p->i >= end)
            break;
        char c = simple_escape(p->s[p->i + 1]);
        if (c) {
            d[k++] = c;
            p->i += 2;
        } else if (p->s[p->i + 1] == 'u') {
            uint32_t cp;
            size_t used;
            if (unicode_escape(p, &cp, &used))
                return -1;
            k += sl_utf8_encode((int32_t)cp, d + k);
            p->i += used;
        } else {
            p->i++;
            return fail(p, "bad escape");
        }
    }
    d[k] = '\0';
    p->i = end + 1;
    *out = d;
    *out_len = k;
    return 0;
}

static size_t digits(const char *s, size_t i, size_t n) {
    size_t j = i;
    while (j < n && s[j] >= '0' && s[j] <= '9')
        j++;
    return j - i;
}

static int parse_number(parser *p, sl_json *v) {
    size_t start = p->i, i = p->i;
    if (i < p->n && p->s[i] == '-')
        i++;
    size_t d = digits(p->s, i, p->n);
    if (d == 0 || (d > 1 && p->s[i] == '0'))
        return fail(p, "bad number");
    i += d;
    if (i < p->n && p->s[i] == '.') {
        d = digits(p->s, i + 1, p->n);
        if (d == 0)
            return fail(p, "bad number");
        i += 1 + d;
    }
    if (i < p->n && (p->s[i] == 'e' || p->s[i] == 'E')) {
        i++;
        if (i < p->n && (p->s[i] == '+' || p->s[i] == '-'))
            i++;
        d = digits(p->s, i, p->n);
        if (d == 0)
            return fail(p, "bad number");
        i += d;
    }
    v->type = SL_JSON_NUMBER;
    v->str = p->s + start;
    v->len = i - start;
    p->i = i;
    return 0;
}

static int parse_literal(parser *p, sl_json *v) {
    static const struct { const char *word; sl_json_type t; } lits[] = {
        {"true", SL_JSON_TRUE}, {"false", SL_JSON_FALSE}, {"null", SL_JSON_NULL}};
    for (size_t k = 0; k < 3; k++) {
        size_t m = strlen(lits[k].word);
        if (p->n - p->i >= m && memcmp(p->s + p->i, lits[k].word, m) == 0) {
            v->type = lits[k].t;
            p->i += m;
            return 0;
        }
    }
    return fail(p, "unexpected character");
}

/* A scalar or the opening of a container. */
static int parse_value_start(parser *p, sl_json *v) {
    if (p->i >= p->n)
        return fail(p, "unexpected end");
    char c = p->s[p->i];
    if (c == '{' || c == '[') {
        v->type = c == '{' ? SL_JSON_OBJECT : SL_JSON_ARRAY;
        p->i++;
        return 0;
    }
    if (c == '"') {
        v->type = SL_JSON_STRING;
        return parse_string(p, &v->str, &v->len);
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return parse_number(p, v);
    return parse_literal(p, v);
}

static void attach(sl_json *parent, sl_json *v) {
    v->parent = parent;
    if (parent->last)
        parent->last->next = v;
    else
        parent->child = v;
    parent->last = v;
    parent->n++;
}

static int is_container(const sl_json *v) {
    return v->type == SL_JSON_OBJECT || v->type == SL_JSON_ARRAY;
}

/* Read a member name and its colon; the value follows. */
static int parse_key(parser *p, const char **key, size_t *key_len) {
    skip_ws(p);
    if (p->i >= p->n || p->s[p->i] != '"')
        return fail(p, "expected a member name");
    if (parse_string(p, key, key_len))
        return -1;
    skip_ws(p);
    if (p->i >= p->n || p->s[p->i] != ':')
        return fail(p, "expected ':'");
    p->i++;
    return 0;
}

sl_json *sl_json_parse(const char *s, size_t n, size_t max_depth, sl_arena *a,
                       sl_json_error *e) {
    parser p = {s, n, 0, a, e};
    sl_json *root = NULL, *cur = NULL; /* cur: innermost open container */
    size_t depth = 0;
    const char *key = NULL;
    size_t key_len = 0;
    for (;;) {
        /* Expecting a value (top level, after '[', ',' or ':'). */
        skip_ws(&p);
        sl_json *v = sl_arena_calloc(a, sizeof *v);
        if (!v) {
            fail(&p, "out of memory");
            return NULL;
        }
        if (parse_value_start(&p, v))
            return NULL;
        v->key = key;
        v->key_len = key_len;
        key = NULL;
        if (cur)
            attach(cur, v);
        else
            root = v;
        if (is_container(v)) {
            if (++depth > max_depth) {
                fail(&p, "nesting too deep");
                return NULL;
            }
            cur = v;
            skip_ws(&p);
            char close = v->type == SL_JSON_OBJECT ? '}' : ']';
            if (p.i < n && p.s[p.i] == close) {
                p.i++;
                cur = v->parent;
                depth--;
            } else if (v->type == SL_JSON_OBJECT) {
                if (parse_key(&p, &key, &key_len))
                    return NULL;
                continue;
            } else {
                continue;
            }
        }
        /* After a complete value: ',' or closers until a value is expected. */
        for (;;) {
            skip_ws(&p);
            if (!cur) {
                if (p.i != n) {
                    fail(&p, "trailing data");
                    return NULL;
                }
                return root;
            }
            if (p.i >= n) {
                fail(&p, "unexpected end");
                return NULL;
            }
            char c = p.s[p.i++];
            if (c == ',') {
                if (cur->type == SL_JSON_OBJECT && parse_key(&p, &key, &key_len))
                    return NULL;
                break;
            }
            if ((c == '}' && cur->type == SL_JSON_OBJECT) ||
                (c == ']' && cur->type == SL_JSON_ARRAY)) {
                cur = cur->parent;
                depth--;
                continue;
            }
            p.i--;
            fail(&p, "expected ',' or a closing bracket");
            return NULL;
        }
    }
}

const sl_json *sl_json_get(const sl_json *obj, const char *key) {
    if (!obj || obj->type != SL_JSON_OBJECT)
        return NULL;
    size_t m = strlen(key);
    for (const sl_json *c = obj->child; c; c = c->next)
        if (c->key_len == m && memcmp(c->key, key, m) == 0)
            return c;
    return NULL;
}

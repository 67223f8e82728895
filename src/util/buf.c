/* buf.c — growable byte buffer (see buf.h). */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

void sl_buf_init(sl_buf *b) { memset(b, 0, sizeof *b); }

void sl_buf_free(sl_buf *b) {
    free(b->data);
    sl_buf_init(b);
}

void sl_buf_clear(sl_buf *b) {
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

int sl_buf_reserve(sl_buf *b, size_t extra) {
    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

int sl_buf_append(sl_buf *b, const void *p, size_t n) {
    if (sl_buf_reserve(b, n))
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

int sl_buf_puts(sl_buf *b, const char *s) { return sl_buf_append(b, s, strlen(s)); }

int sl_buf_putc(sl_buf *b, char c) { return sl_buf_append(b, &c, 1); }

int sl_buf_printf(sl_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof tmp)
        return sl_buf_append(b, tmp, (size_t)n);
    if (sl_buf_reserve(b, (size_t)n))
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int sl_buf_json_str(sl_buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    if (sl_buf_reserve(b, n + 2))
        return -1;
    sl_buf_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '"': sl_buf_append(b, "\\\"", 2); break;
            case '\\': sl_buf_append(b, "\\\\", 2); break;
            case '\n': sl_buf_append(b, "\\n", 2); break;
            case '\r': sl_buf_append(b, "\\r", 2); break;
            case '\t': sl_buf_append(b, "\\t", 2); break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                    sl_buf_append(b, e, 6);
                } else {
                    sl_buf_putc(b, (char)c);
                }
            }
            i++;
            continue;
        }
        size_t k = sl_utf8_valid_seq(s + i, n - i);
        if (k == 0) {
            sl_buf_append(b, "\xEF\xBF\xBD", 3);
            i++;
        } else {
            sl_buf_append(b, s + i, k);
            i += k;
        }
    }
    sl_buf_putc(b, '"');
    return b->oom ? -1 : 0;
}

char *sl_buf_take(sl_buf *b, size_t *len) {
    if (!b->data && sl_buf_reserve(b, 0))
        return NULL;
    char *p = b->data;
    if (len)
        *len = b->len;
    sl_buf_init(b);
    return p;
}

void *sl_grow(void *items, size_t *cap, size_t need, size_t size, size_t first) {
    if (need <= *cap)
        return items;
    size_t n = *cap ? *cap : first ? first : 1;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return NULL;
        n *= 2;
    }
    if (n > SIZE_MAX / size)
        return NULL;
    void *p = realloc(items, n * size);
    if (p)
        *cap = n;
    return p;
}

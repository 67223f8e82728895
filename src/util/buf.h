/* buf.h — growable byte buffer (owned, malloc-backed, always NUL-terminated).
 *
 * sl_buf is the owned counterpart of a (pointer, length) view. Functions
 * return 0 on success and -1 when memory runs out; after a failure the
 * buffer keeps its old content and a sticky flag so callers may check once.
 */
#ifndef SL_BUF_H
#define SL_BUF_H

#include <stddef.h>

typedef struct sl_buf {
    char *data;
    size_t len, cap;
    int oom; /* sticky: set once an append failed */
} sl_buf;

void sl_buf_init(sl_buf *b);
void sl_buf_free(sl_buf *b);
void sl_buf_clear(sl_buf *b);
int sl_buf_reserve(sl_buf *b, size_t extra);
int sl_buf_append(sl_buf *b, const void *p, size_t n);
int sl_buf_puts(sl_buf *b, const char *s);
int sl_buf_putc(sl_buf *b, char c);
int sl_buf_printf(sl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append s as a JSON string literal with quotes (invalid UTF-8 -> U+FFFD). */
int sl_buf_json_str(sl_buf *b, const char *s, size_t n);
/* Hand the data to the caller (malloc'ed) and reset the buffer. */
char *sl_buf_take(sl_buf *b, size_t *len);

/* The growable array's one rule: room for `need` items of `size` bytes in
 * the malloc'ed `items` of capacity *cap, which doubles from `first`.
 * Returns the array, moved or not, or NULL when memory runs out or the size
 * overflows; then `items` and *cap are as they were. */
void *sl_grow(void *items, size_t *cap, size_t need, size_t size, size_t first);

#endif

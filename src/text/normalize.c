/* normalize.c — inline text cleanup for every block and field (see normalize.h).
 *
 * This runs on every block of every article, so the common case is kept
 * cheap: runs of printable ASCII are copied in bulk, and utf8proc's NFC is
 * skipped unless a character that could change under NFC was written.
 */
#include "normalize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../util/utf8.h"

typedef enum cp_class { CP_KEEP, CP_SPACE, CP_DROP } cp_class;

/* How a non-ASCII code point is written. */
static cp_class classify(int32_t cp) {
    if (cp <= 0x9F)
        return cp == 0x85 ? CP_SPACE : CP_DROP; /* C1 controls; NEL is a line break */
    switch (cp) {
    case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return CP_SPACE;
    case 0xAD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return CP_DROP; /* soft hyphen and zero-width characters */
    default:
        return cp >= 0x2000 && cp <= 0x200A ? CP_SPACE : CP_KEEP;
    }
}

/* Code points that are NFC, have combining class 0 and are never the second
 * half of a composition are left to the fast path: only a following mark
 * (which is not in these ranges) could change them. Covers Latin, General
 * Punctuation, currency, Greek, Cyrillic, Hebrew and Arabic letters, kana,
 * CJK ideographs and Hangul syllables; the unit test checks the claim
 * against utf8proc. */
static int nfc_safe(int32_t cp) {
    if (cp < 0x300)
        return 1;
    if (cp < 0x2000)
        return cp == 0x386 || (cp >= 0x388 && cp <= 0x3CE) || (cp >= 0x400 && cp <= 0x482) ||
               (cp >= 0x48A && cp <= 0x52F) || (cp >= 0x5D0 && cp <= 0x5EA) ||
               (cp >= 0x621 && cp <= 0x64A);
    return (cp >= 0x2010 && cp <= 0x205E) || (cp >= 0x20A0 && cp <= 0x20BF) ||
           (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

/* printable ASCII, copied as is */
static int plain(unsigned char c) {
    return c > 0x20 && c < 0x7F;
}

/* Replace out[start..] with its NFC form. */
static int to_nfc(sl_buf *out, size_t start) {
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)out->data + start,
                                      (utf8proc_ssize_t)(out->len - start), &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0) {
        /* the text is valid UTF-8 by construction: only OOM gets here */
        free(nfc);
        return r == UTF8PROC_ERROR_NOMEM ? -1 : 0;
    }
    out->len = start;
    int rc = sl_buf_append(out, nfc, (size_t)r);
    free(nfc);
    return rc;
}

int sl_normalize_inline(const char *s, size_t n, sl_buf *out) {
    size_t start = out->len, i = 0;
    int space = 0, need_nfc = 0;
    if (sl_buf_reserve(out, n))
        return -1;
    out->data[out->len] = 0; /* reserve leaves it unset; n may yield nothing */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (plain(c)) {
            /* whole phrases at once: single spaces between words stay */
            size_t j = i + 1;
            while (j < n && (plain((unsigned char)s[j]) ||
                             (s[j] == ' ' && j + 1 < n && plain((unsigned char)s[j + 1]))))
                j++;
            if (space && out->len > start)
                sl_buf_putc(out, ' ');
            space = 0;
            sl_buf_append(out, s + i, j - i);
            i = j;
            continue;
        }
        if (c < 0x80) {
            space |= c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
            i++; /* other C0 controls and DEL are dropped */
            continue;
        }
        int32_t cp;
        size_t k = sl_utf8_decode(s + i, n - i, &cp); /* invalid -> U+FFFD, 1 byte */
        i += k;
        cp_class cl = classify(cp);
        if (cl == CP_SPACE)
            space = 1;
        if (cl != CP_KEEP)
            continue;
        if (space && out->len > start)
            sl_buf_putc(out, ' ');
        space = 0;
        char enc[4];
        sl_buf_append(out, enc, sl_utf8_encode(cp, enc));
        need_nfc |= !nfc_safe(cp);
    }
    if (out->oom)
        return -1;
    return need_nfc ? to_nfc(out, start) : 0;
}

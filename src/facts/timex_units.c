/* timex_units.c — turns a sentence's tokens into the word units the timex
 * scanner matches on: lower-cased, hyphenated words split into glued parts
 * ("mid-February", "four-week", "30-year-old"), a possessive "'s" set
 * apart ("Friday's"), a trailing abbreviation dot noted ("Jan."). */
#include <string.h>

#include "timex_units.h"

static char lower(char ch) { return (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch; }

static void fill(tx_unit *u, const char *text, uint32_t s, uint32_t e, uint8_t kind) {
    memset(u, 0, sizeof *u);
    u->s = s;
    u->e = e;
    u->kind = kind;
    u->num = -1;
    u->cap = text[s] >= 'A' && text[s] <= 'Z';
    size_t n = e - s;
    if (n > 1 && text[e - 1] == '.') {
        u->dot = 1;
        n--;
    }
    if (n >= sizeof u->w)
        return;
    int digits = n > 0 && n <= 9;
    for (size_t k = 0; k < n; k++) {
        char ch = lower(text[s + k]);
        u->w[k] = ch;
        if (ch < '0' || ch > '9')
            digits = 0;
    }
    u->w[n] = 0;
    if (digits) {
        int32_t v = 0;
        for (size_t k = 0; k < n; k++)
            v = v * 10 + (u->w[k] - '0');
        u->num = v;
        u->kind = SL_TOK_NUMBER; /* "30" of "30-year" counts like a number */
    }
}

/* Length of a trailing possessive ("'s" or "’s") in [s,e), 0 if none. */
static size_t possessive(const char *text, uint32_t s, uint32_t e) {
    if (e - s > 2 && lower(text[e - 1]) == 's' && text[e - 2] == '\'')
        return 2;
    if (e - s > 4 && lower(text[e - 1]) == 's' && (unsigned char)text[e - 2] == 0x99 &&
        (unsigned char)text[e - 3] == 0x80 && (unsigned char)text[e - 4] == 0xE2)
        return 4;
    return 0;
}

/* A number token is split at a hyphen only for year and day ranges
 * ("1861-1865", "1990-91", "12-14 July"); ISO dates and other shapes
 * stay whole. */
static int split_number(const char *t, size_t n) {
    size_t h = 0, hy = 0;
    for (size_t k = 0; k < n; k++)
        if (t[k] == '-') {
            hy++;
            h = k;
        } else if (t[k] < '0' || t[k] > '9') {
            return 0;
        }
    if (hy != 1)
        return 0;
    size_t tail = n - h - 1;
    return (h == 4 && (tail == 2 || tail == 4)) || (h <= 2 && tail <= 2 && tail > 0);
}

size_t tx_units_cap(const sl_article *a, size_t first, size_t end) {
    size_t cap = 0;
    for (size_t t = first; t < end; t++) {
        const sl_token *tk = &a->tokens[t];
        cap += 2;
        for (uint32_t k = tk->start; k < tk->end; k++)
            cap += a->text[k] == '-';
    }
    return cap;
}

size_t tx_units(const sl_article *a, size_t first, size_t end, tx_unit *out) {
    size_t n = 0;
    const char *text = a->text;
    for (size_t t = first; t < end; t++) {
        const sl_token *tk = &a->tokens[t];
        uint32_t s = tk->start, e = tk->end;
        int splittable = tk->kind == SL_TOK_WORD ||
                         (tk->kind == SL_TOK_NUMBER && split_number(text + s, e - s));
        size_t ps = tk->kind == SL_TOK_WORD ? possessive(text, s, e) : 0;
        uint32_t body = e - (uint32_t)ps;
        uint32_t p = s;
        if (splittable) {
            for (uint32_t k = s; k < body; k++) {
                if (text[k] != '-' || k == p || k + 1 >= body)
                    continue;
                fill(&out[n], text, p, k, (uint8_t)tk->kind);
                out[n++].glued = 1;
                p = k + 1;
            }
        }
        fill(&out[n++], text, p, body, (uint8_t)tk->kind);
        if (ps) {
            fill(&out[n], text, body, e, SL_TOK_PUNCT);
            strcpy(out[n++].w, "'s");
        }
    }
    return n;
}

/* tokenize.c — splits one block of clean text into word, number,
 * punctuation, symbol and URL tokens with byte offsets.
 *
 * Every scanner only moves forward. The one look-ahead that could be
 * repeated from many start positions (the run of characters that might be
 * an e-mail address or a bare host name) remembers where the last failed
 * run ended, so runs of dots or digits stay linear. */
#include <string.h>
#include <utf8proc.h>

#include "seg_internal.h"
#include "../util/utf8.h"

static seg_class ascii_class(unsigned char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return SC_LETTER;
    if (c >= '0' && c <= '9')
        return SC_DIGIT;
    if (c <= ' ' || c == 0x7f)
        return SC_SPACE;
    switch (c) {
    case '$': case '%': case '&': case '*': case '+': case '<': case '=':
    case '>': case '^': case '`': case '|': case '~': case '#': case '@':
        return SC_SYMBOL;
    default:
        return SC_PUNCT;
    }
}

static seg_class unicode_class(int32_t cp) {
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return SC_SPACE;
    case UTF8PROC_CATEGORY_CF:
        /* Zero-width spaces separate; soft hyphens and joiners stay inside words. */
        return (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF) ? SC_SPACE : SC_LETTER;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return SC_PUNCT;
    case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
        return SC_SYMBOL;
    default:
        /* Letters, marks, other-script digits, unassigned: part of a word. */
        return SC_LETTER;
    }
}

seg_class seg_classify(const char *s, size_t n, size_t *len, int32_t *cp) {
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        *len = 1;
        *cp = c;
        return ascii_class(c);
    }
    *len = sl_utf8_decode(s, n, cp);
    if (*cp == 0xFFFD && *len == 1)
        return SC_LETTER; /* a stray byte: keep it glued to its word */
    return unicode_class(*cp);
}

int seg_case(const char *s, size_t n) {
    if (n == 0)
        return 0;
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? 1 : (c >= 'a' && c <= 'z') ? -1 : 0;
    int32_t cp;
    sl_utf8_decode(s, n, &cp);
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_LM:
        return 1;
    case UTF8PROC_CATEGORY_LL:
        return -1;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------ scanner */

typedef struct tz {
    const char *s;
    size_t end;     /* end of the block */
    size_t run_end; /* the host/e-mail run ending here was not one */
} tz;

static int is_ascii_alpha(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_ascii_alnum(unsigned char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

static unsigned char at(const tz *z, size_t p) {
    return p < z->end ? (unsigned char)z->s[p] : 0;
}

/* Class of the code point at p (SC_SPACE past the end); *len its size. */
static seg_class class_at(const tz *z, size_t p, size_t *len) {
    int32_t cp;
    if (p >= z->end) {
        *len = 0;
        return SC_SPACE;
    }
    return seg_classify(z->s + p, z->end - p, len, &cp);
}

static int alnum_at(const tz *z, size_t p) {
    size_t l;
    seg_class c = class_at(z, p, &l);
    return c == SC_LETTER || c == SC_DIGIT;
}

static size_t scan_alnum(const tz *z, size_t p) {
    while (p < z->end) {
        unsigned char c = (unsigned char)z->s[p];
        if (c < 0x80) {
            if (!is_ascii_alnum(c))
                break;
            p++;
            continue;
        }
        size_t l;
        if (class_at(z, p, &l) != SC_LETTER)
            break;
        p += l;
    }
    return p;
}

/* Byte length of an apostrophe (' or U+2019) or hyphen (-, U+2010, U+2011)
 * at p, which join word parts; 0 if none. */
static size_t joiner_at(const tz *z, size_t p) {
    unsigned char c = at(z, p);
    if (c == '\'' || c == '-')
        return 1;
    if (c == 0xE2 && p + 2 < z->end && at(z, p + 1) == 0x80) {
        unsigned char d = at(z, p + 2);
        if (d == 0x99 || d == 0x90 || d == 0x91)
            return 3;
    }
    return 0;
}

static int ci_prefix(const tz *z, size_t p, const char *pre) {
    size_t n = strlen(pre);
    if (z->end - p < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)z->s[p + i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c != (unsigned char)pre[i])
            return 0;
    }
    return 1;
}

/* Rest of a URL from p: up to white space or a character that cannot be
 * in one, minus trailing sentence punctuation. */
static size_t scan_url_tail(const tz *z, size_t p) {
    size_t lo = p, opens = 0;
    while (p < z->end) {
        unsigned char c = (unsigned char)z->s[p];
        if (c < 0x80) {
            if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '`' || c == 0x7f)
                break;
            opens += (c == '(');
            p++;
            continue;
        }
        size_t l;
        if (class_at(z, p, &l) != SC_LETTER)
            break;
        p += l;
    }
    while (p > lo) {
        unsigned char c = (unsigned char)z->s[p - 1];
        if (!strchr(".,;:!?'*", c) && !((c == ')' || c == ']') && opens == 0))
            break;
        p--;
    }
    return p;
}

/* "http://", "https://", "ftp://", "www." at p: end of the URL, or 0. */
static size_t url_with_prefix(const tz *z, size_t p) {
    static const char *const PREFIXES[] = {"http://", "https://", "ftp://", "www."};
    for (size_t i = 0; i < sizeof PREFIXES / sizeof PREFIXES[0]; i++) {
        if (!ci_prefix(z, p, PREFIXES[i]))
            continue;
        size_t pre = strlen(PREFIXES[i]);
        size_t e = scan_url_tail(z, p + pre);
        return e > p + pre ? e : 0;
    }
    return 0;
}

static int run_char(unsigned char c) {
    return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* Domain after an '@' at p: labels of [A-Za-z0-9-] joined by dots, at
 * least two. Returns its end or 0. */
static size_t scan_domain(const tz *z, size_t p) {
    size_t labels = 0, last = 0;
    for (;;) {
        size_t l = p;
        while (p < z->end && (is_ascii_alnum(at(z, p)) || at(z, p) == '-'))
            p++;
        if (p == l)
            break;
        labels++;
        last = p;
        if (at(z, p) != '.' || !is_ascii_alnum(at(z, p + 1)))
            break;
        p++;
    }
    return labels >= 2 ? last : 0;
}

/* A bare host name "marrowbay.gov" in run [p, r): its end (with any
 * path), or 0. The last label must be a known top-level domain. */
static size_t bare_host(const tz *z, size_t p, size_t r) {
    size_t e = r;
    while (e > p && (at(z, e - 1) == '.' || at(z, e - 1) == '-'))
        e--;
    size_t dot = e;
    while (dot > p && e - dot <= 5 && at(z, dot - 1) != '.')
        dot--;
    if (dot <= p + 1 || at(z, dot - 1) != '.' || !seg_is_tld(z->s + dot, e - dot))
        return 0;
    return at(z, e) == '/' ? scan_url_tail(z, e) : e;
}

/* An e-mail address or bare host name starting at p, or 0. */
static size_t host_or_email(tz *z, size_t p) {
    if (p < z->run_end)
        return 0; /* inside a run already found to be neither */
    size_t r = p;
    while (r < z->end && run_char(at(z, r)))
        r++;
    z->run_end = r;
    if (at(z, r) == '@')
        return r > p ? scan_domain(z, r + 1) : 0;
    return bare_host(z, p, r);
}

/* A one- or two-letter segment after the period at p, of the same case
 * as the acronym's first letter and followed by a period: "S" in "U.S.".
 * Returns the segment's end or 0. */
static size_t acronym_segment(const tz *z, size_t p, int upper) {
    size_t q = p + 1, r = q;
    while (r < z->end && r - q < 3 && is_ascii_alpha(at(z, r)))
        r++;
    if (r == q || r - q > 2 || at(z, r) != '.')
        return 0;
    return is_upper(at(z, q)) == upper ? r : 0;
}

/* Only spaces, then a digit, after p: "No. 5". */
static int digit_follows(const tz *z, size_t p) {
    size_t q = p;
    while (q < z->end && at(z, q) == ' ')
        q++;
    return q > p && is_ascii_digit(at(z, q));
}

/* Does the period at p belong to the word [start, p)? */
static int keeps_period(const tz *z, size_t start, size_t p, int acronym, int plain) {
    if (acronym && !plain)
        return 1; /* "U.S" -> "U.S." */
    if (!plain)
        return 0;
    if (p - start == 1 && is_upper(at(z, start)) && at(z, start) != 'I')
        return 1; /* an initial; "I." is the pronoun ending a sentence */
    seg_abbr ab = seg_abbr_lookup(z->s + start, p - start);
    if (ab == AB_NUMBER)
        return digit_follows(z, p + 1);
    return ab != AB_NONE;
}

/* A word from start whose first letter run ends at p: joins apostrophes,
 * hyphens, "AT&T", dotted acronyms and an abbreviation's period. */
static size_t scan_word(const tz *z, size_t start, size_t p) {
    int acronym = p - start <= 2 && is_ascii_alpha(at(z, start)) &&
                  (p - start == 1 || is_ascii_alpha(at(z, start + 1)));
    int upper = is_upper(at(z, start));
    int plain = 1;
    for (;;) {
        unsigned char c = at(z, p);
        size_t l;
        if (c == '.') {
            size_t r = acronym ? acronym_segment(z, p, upper) : 0;
            if (r) {
                p = r;
                plain = 0;
                continue;
            }
            if (!keeps_period(z, start, p, acronym, plain))
                break;
            p++;
            l = joiner_at(z, p);
            if (at(z, p) != '-' || !alnum_at(z, p + l))
                break; /* "U.S.-Russian" goes on */
            p = scan_alnum(z, p + l);
        } else if ((l = joiner_at(z, p)) && alnum_at(z, p + l)) {
            p = scan_alnum(z, p + l);
        } else if (c == '&' && p > start && is_upper(at(z, p - 1)) && is_upper(at(z, p + 1))) {
            p = scan_alnum(z, p + 1);
        } else {
            break;
        }
        acronym = 0;
        plain = 0;
    }
    return p;
}

/* A number from p: digit groups joined by , . : / ("8,500", "3:35",
 * "1/6/2021"); letters or hyphenated parts make it a word ("1990s",
 * "50-minute"). */
static size_t scan_number(const tz *z, size_t p, sl_token_kind *kind) {
    size_t start = p;
    for (;;) {
        while (is_ascii_digit(at(z, p)))
            p++;
        unsigned char c = at(z, p);
        if ((c == ',' || c == '.' || c == ':' || c == '/') && is_ascii_digit(at(z, p + 1))) {
            p++;
            continue;
        }
        break;
    }
    p = scan_alnum(z, p);
    size_t l;
    while ((l = joiner_at(z, p)) && alnum_at(z, p + l))
        p = scan_alnum(z, p + l);
    *kind = SL_TOK_NUMBER;
    for (size_t i = start; i < p; i++) {
        unsigned char c = at(z, i);
        if (c >= 0x80 || is_ascii_alpha(c)) {
            *kind = SL_TOK_WORD;
            break;
        }
    }
    return p;
}

static size_t scan_alnum_token(tz *z, size_t p, seg_class cls, sl_token_kind *kind) {
    size_t e;
    *kind = SL_TOK_URL;
    if (cls == SC_LETTER && (e = url_with_prefix(z, p)))
        return e;
    size_t q = scan_alnum(z, p);
    if ((run_char(at(z, q)) || at(z, q) == '@') && (e = host_or_email(z, p)))
        return e;
    if (cls == SC_DIGIT)
        return scan_number(z, p, kind);
    *kind = SL_TOK_WORD;
    return scan_word(z, p, q);
}

/* Runs that read as one mark: "...", "?!", "--", "……". */
static size_t scan_punct(const tz *z, size_t p, int32_t cp, size_t len) {
    if (cp == '.' || cp == '-') {
        while (at(z, p) == (unsigned char)cp)
            p++;
        return p;
    }
    if (cp == '!' || cp == '?') {
        while (at(z, p) == '!' || at(z, p) == '?')
            p++;
        return p;
    }
    if (cp == 0x2026) {
        while (p + 2 < z->end && memcmp(z->s + p, "\xE2\x80\xA6", 3) == 0)
            p += 3;
        return p;
    }
    return p + len;
}

/* "@handle" and "#tag" are words; any other symbol stands alone. */
static size_t scan_symbol(const tz *z, size_t start, size_t p, size_t len,
                          sl_token_kind *kind) {
    unsigned char c = at(z, p);
    *kind = SL_TOK_SYMBOL;
    if (c == '@' && (p == start || !is_ascii_alnum(at(z, p - 1))) &&
        (is_ascii_alnum(at(z, p + 1)) || at(z, p + 1) == '_')) {
        p++;
        while (is_ascii_alnum(at(z, p)) || at(z, p) == '_')
            p++;
        *kind = SL_TOK_WORD;
        return p;
    }
    size_t l;
    if (c == '#' && class_at(z, p + 1, &l) == SC_LETTER) {
        p++;
        while (p < z->end && (alnum_at(z, p) || at(z, p) == '_'))
            p = at(z, p) == '_' ? p + 1 : scan_alnum(z, p);
        *kind = SL_TOK_WORD;
        return p;
    }
    return p + len;
}

static int push(seg_tokvec *tv, size_t s, size_t e, sl_token_kind kind) {
    if (tv->n == tv->cap) {
        size_t cap = tv->cap ? tv->cap * 2 : 64;
        sl_token *v = sl_arena_realloc(tv->a, tv->v, tv->cap * sizeof *v, cap * sizeof *v);
        if (!v)
            return -1;
        tv->v = v;
        tv->cap = cap;
    }
    tv->v[tv->n++] = (sl_token){(uint32_t)s, (uint32_t)e, kind};
    return 0;
}

int seg_tokenize(const char *text, size_t start, size_t end, seg_tokvec *tv) {
    tz z = {text, end, 0};
    size_t p = start;
    while (p < end) {
        size_t len, q;
        int32_t cp;
        seg_class c = seg_classify(text + p, end - p, &len, &cp);
        sl_token_kind kind = SL_TOK_PUNCT;
        if (c == SC_SPACE) {
            p += len;
            continue;
        }
        if (c == SC_LETTER || c == SC_DIGIT)
            q = scan_alnum_token(&z, p, c, &kind);
        else if (c == SC_PUNCT)
            q = scan_punct(&z, p, cp, len);
        else
            q = scan_symbol(&z, start, p, len, &kind);
        if (push(tv, p, q, kind))
            return -1;
        p = q;
    }
    return 0;
}

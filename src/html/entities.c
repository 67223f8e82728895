/* entities.c — HTML character references: the common named entities
 * (every legacy one plus typographic and Greek names) and numeric ones.
 * Rare names are left as written, which is harmless for article text. */
#include <string.h>

#include "dom.h"
#include "../util/buf.h"
#include "../util/utf8.h"

typedef struct entity {
    const char *name;
    int32_t cp;
    int legacy; /* recognized without the trailing ';' */
} entity;

/* Sorted by byte order for binary search. */
static const entity ENTITIES[] = {
    {"Alpha", 0x391, 0},
    {"Beta", 0x392, 0},
    {"Chi", 0x3A7, 0},
    {"Dagger", 0x2021, 0},
    {"Delta", 0x394, 0},
    {"Epsilon", 0x395, 0},
    {"Eta", 0x397, 0},
    {"Gamma", 0x393, 0},
    {"Iota", 0x399, 0},
    {"Kappa", 0x39A, 0},
    {"Lambda", 0x39B, 0},
    {"Mu", 0x39C, 0},
    {"NewLine", 0xA, 0},
    {"Nu", 0x39D, 0},
    {"OElig", 0x152, 0},
    {"Omega", 0x3A9, 0},
    {"Omicron", 0x39F, 0},
    {"Phi", 0x3A6, 0},
    {"Pi", 0x3A0, 0},
    {"Prime", 0x2033, 0},
    {"Psi", 0x3A8, 0},
    {"Rho", 0x3A1, 0},
    {"Scaron", 0x160, 0},
    {"Sigma", 0x3A3, 0},
    {"Tab", 0x9, 0},
    {"Tau", 0x3A4, 0},
    {"Theta", 0x398, 0},
    {"Upsilon", 0x3A5, 0},
    {"Xi", 0x39E, 0},
    {"Yuml", 0x178, 0},
    {"Zeta", 0x396, 0},
    {"alpha", 0x3B1, 0},
    {"apos", 0x27, 0},
    {"ast", 0x2A, 0},
    {"asymp", 0x2248, 0},
    {"bdquo", 0x201E, 0},
    {"beta", 0x3B2, 0},
    {"bsol", 0x5C, 0},
    {"bull", 0x2022, 0},
    {"cap", 0x2229, 0},
    {"check", 0x2713, 0},
    {"chi", 0x3C7, 0},
    {"circ", 0x2C6, 0},
    {"clubs", 0x2663, 0},
    {"colon", 0x3A, 0},
    {"comma", 0x2C, 0},
    {"commat", 0x40, 0},
    {"crarr", 0x21B5, 0},
    {"cross", 0x2717, 0},
    {"cup", 0x222A, 0},
    {"dagger", 0x2020, 0},
    {"darr", 0x2193, 0},
    {"dash", 0x2010, 0},
    {"deg", 0xB0, 0},
    {"delta", 0x3B4, 0},
    {"diams", 0x2666, 0},
    {"dollar", 0x24, 0},
    {"ecir", 0x2256, 1},
    {"emsp", 0x2003, 0},
    {"ensp", 0x2002, 0},
    {"epsilon", 0x3B5, 0},
    {"equals", 0x3D, 0},
    {"equiv", 0x2261, 0},
    {"eta", 0x3B7, 0},
    {"euro", 0x20AC, 0},
    {"excl", 0x21, 0},
    {"female", 0x2640, 0},
    {"flat", 0x266D, 0},
    {"fnof", 0x192, 0},
    {"frac13", 0x2153, 0},
    {"frac15", 0x2155, 0},
    {"frac16", 0x2159, 0},
    {"frac18", 0x215B, 0},
    {"frac23", 0x2154, 0},
    {"frac25", 0x2156, 0},
    {"frac35", 0x2157, 0},
    {"frac38", 0x215C, 0},
    {"frac45", 0x2158, 0},
    {"frac56", 0x215A, 0},
    {"frac58", 0x215D, 0},
    {"frac78", 0x215E, 0},
    {"gamma", 0x3B3, 0},
    {"ge", 0x2265, 0},
    {"grave", 0x60, 0},
    {"hArr", 0x21D4, 0},
    {"half", 0xBD, 0},
    {"harr", 0x2194, 0},
    {"hearts", 0x2665, 0},
    {"hellip", 0x2026, 0},
    {"hyphen", 0x2010, 0},
    {"infin", 0x221E, 0},
    {"int", 0x222B, 0},
    {"iota", 0x3B9, 0},
    {"isin", 0x2208, 0},
    {"kappa", 0x3BA, 0},
    {"lArr", 0x21D0, 0},
    {"lambda", 0x3BB, 0},
    {"laquo", 0xAB, 0},
    {"larr", 0x2190, 0},
    {"lcub", 0x7B, 0},
    {"ldquo", 0x201C, 0},
    {"le", 0x2264, 0},
    {"lowast", 0x2217, 0},
    {"lowbar", 0x5F, 0},
    {"loz", 0x25CA, 0},
    {"lpar", 0x28, 0},
    {"lrm", 0x200E, 0},
    {"lsaquo", 0x2039, 0},
    {"lsqb", 0x5B, 0},
    {"lsquo", 0x2018, 0},
    {"male", 0x2642, 0},
    {"mdash", 0x2014, 0},
    {"minus", 0x2212, 0},
    {"mu", 0x3BC, 0},
    {"nabla", 0x2207, 0},
    {"nbsp", 0xA0, 0},
    {"ndash", 0x2013, 0},
    {"ne", 0x2260, 0},
    {"notin", 0x2209, 0},
    {"nu", 0x3BD, 0},
    {"num", 0x23, 0},
    {"ocir", 0x229A, 1},
    {"oelig", 0x153, 0},
    {"oline", 0x203E, 0},
    {"omega", 0x3C9, 0},
    {"omicron", 0x3BF, 0},
    {"ord", 0x2A5D, 1},
    {"par", 0x2225, 1},
    {"part", 0x2202, 0},
    {"percnt", 0x25, 0},
    {"period", 0x2E, 0},
    {"permil", 0x2030, 0},
    {"phi", 0x3C6, 0},
    {"phone", 0x260E, 0},
    {"pi", 0x3C0, 0},
    {"plus", 0x2B, 0},
    {"prime", 0x2032, 0},
    {"prod", 0x220F, 0},
    {"psi", 0x3C8, 0},
    {"quest", 0x3F, 0},
    {"rArr", 0x21D2, 0},
    {"radic", 0x221A, 0},
    {"raquo", 0xBB, 0},
    {"rarr", 0x2192, 0},
    {"rcub", 0x7D, 0},
    {"rdquo", 0x201D, 0},
    {"rho", 0x3C1, 0},
    {"rlm", 0x200F, 0},
    {"rpar", 0x29, 0},
    {"rsaquo", 0x203A, 0},
    {"rsqb", 0x5D, 0},
    {"rsquo", 0x2019, 0},
    {"sbquo", 0x201A, 0},
    {"scaron", 0x161, 0},
    {"semi", 0x3B, 0},
    {"sharp", 0x266F, 0},
    {"sigma", 0x3C3, 0},
    {"sigmaf", 0x3C2, 0},
    {"sim", 0x223C, 0},
    {"sol", 0x2F, 0},
    {"spades", 0x2660, 0},
    {"star", 0x2606, 0},
    {"starf", 0x2605, 0},
    {"sum", 0x2211, 0},
    {"sup", 0x2283, 1},
    {"tau", 0x3C4, 0},
    {"there4", 0x2234, 0},
    {"theta", 0x3B8, 0},
    {"thinsp", 0x2009, 0},
    {"tilde", 0x2DC, 0},
    {"trade", 0x2122, 0},
    {"uarr", 0x2191, 0},
    {"upsilon", 0x3C5, 0},
    {"verbar", 0x7C, 0},
    {"vert", 0x7C, 0},
    {"xi", 0x3BE, 0},
    {"zeta", 0x3B6, 0},
    {"zwj", 0x200D, 0},
    {"zwnj", 0x200C, 0},
};

static const entity *find_entity(const char *s, size_t n) {
    size_t lo = 0, hi = sizeof ENTITIES / sizeof ENTITIES[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *m = ENTITIES[mid].name;
        size_t ml = strlen(m);
        int c = memcmp(s, m, n < ml ? n : ml);
        if (c == 0)
            c = n < ml ? -1 : n > ml;
        if (c == 0)
            return &ENTITIES[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* Windows-1252 meanings of C1 code points, as browsers apply them. */
static const uint16_t C1[32] = {
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};

static int is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int hexval(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Numeric reference at s[0] == '#'; returns bytes used (0: not one). */
static size_t numeric_ref(const char *s, size_t n, int32_t *cp) {
    size_t i = 1;
    int hex = i < n && (s[i] == 'x' || s[i] == 'X');
    i += hex;
    size_t start = i;
    int64_t v = 0;
    for (; i < n; i++) {
        int d = hex ? hexval(s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
        if (d < 0)
            break;
        if (v <= 0x10FFFF)
            v = v * (hex ? 16 : 10) + d;
    }
    if (i == start)
        return 0;
    if (i < n && s[i] == ';')
        i++;
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        v = 0xFFFD;
    else if (v >= 0x80 && v <= 0x9F)
        v = C1[v - 0x80];
    *cp = (int32_t)v;
    return i;
}

/* Named reference at s (just after '&'); returns bytes used (0: none). */
static size_t named_ref(const char *s, size_t n, int in_attr, int32_t *cp) {
    size_t run = 0;
    while (run < n && run < 32 && is_alnum(s[run]))
        run++;
    if (run == 0)
        return 0;
    if (run < n && s[run] == ';') {
        const entity *e = find_entity(s, run);
        if (e) {
            *cp = e->cp;
            return run + 1;
        }
    }
    /* Legacy names match as the longest prefix, without ';'. */
    for (size_t k = run < 6 ? run : 6; k >= 2; k--) {
        const entity *e = find_entity(s, k);
        if (!e || !e->legacy)
            continue;
        if (in_attr && k < n && (s[k] == '=' || is_alnum(s[k])))
            return 0;
        *cp = e->cp;
        return k;
    }
    return 0;
}

int sl_html_decode(const char *s, size_t n, sl_buf *out, int in_attr) {
    size_t i = 0;
    while (i < n) {
        const char *amp = memchr(s + i, '&', n - i);
        if (!amp) {
            sl_buf_append(out, s + i, n - i);
            break;
        }
        size_t k = (size_t)(amp - s);
        sl_buf_append(out, s + i, k - i);
        int32_t cp = 0;
        size_t used = k + 1 < n && s[k + 1] == '#'
                          ? numeric_ref(s + k + 1, n - k - 1, &cp)
                          : named_ref(s + k + 1, n - k - 1, in_attr, &cp);
        if (used == 0) {
            sl_buf_putc(out, '&');
            i = k + 1;
            continue;
        }
        char enc[4];
        sl_buf_append(out, enc, sl_utf8_encode(cp, enc));
        i = k + 1 + used;
    }
    return out->oom ? -1 : 0;
}

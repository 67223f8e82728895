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
    {"AElig", 0xC6, 1},
    {"AMP", 0x26, 1},
    {"Aacute", 0xC1, 1},
    {"Acirc", 0xC2, 1},
    {"Agrave", 0xC0, 1},
    {"Alpha", 0x391, 0},
    {"Aring", 0xC5, 1},
    {"Atilde", 0xC3, 1},
    {"Auml", 0xC4, 1},
    {"Beta", 0x392, 0},
    {"COPY", 0xA9, 1},
    {"Ccedil", 0xC7, 1},
    {"Chi", 0x3A7, 0},
    {"Dagger", 0x2021, 0},
    {"Delta", 0x394, 0},
    {"ETH", 0xD0, 1},
    {"Eacute", 0xC9, 1},
    {"Ecirc", 0xCA, 1},
    {"Egrave", 0xC8, 1},
    {"Epsilon", 0x395, 0},
    {"Eta", 0x397, 0},
    {"Euml", 0xCB, 1},
    {"GT", 0x3E, 1},
    {"Gamma", 0x393, 0},
    {"Iacute", 0xCD, 1},
    {"Icirc", 0xCE, 1},
    {"Igrave", 0xCC, 1},
    {"Iota", 0x399, 0},
    {"Iuml", 0xCF, 1},
    {"Kappa", 0x39A, 0},
    {"LT", 0x3C, 1},
    {"Lambda", 0x39B, 0},
    {"Mu", 0x39C, 0},
    {"NewLine", 0xA, 0},
    {"Ntilde", 0xD1, 1},
    {"Nu", 0x39D, 0},
    {"OElig", 0x152, 0},
    {"Oacute", 0xD3, 1},
    {"Ocirc", 0xD4, 1},
    {"Ograve", 0xD2, 1},
    {"Omega", 0x3A9, 0},
    {"Omicron", 0x39F, 0},
    {"Oslash", 0xD8, 1},
    {"Otilde", 0xD5, 1},
    {"Ouml", 0xD6, 1},
    {"Phi", 0x3A6, 0},
    {"Pi", 0x3A0, 0},
    {"Prime", 0x2033, 0},
    {"Psi", 0x3A8, 0},
    {"QUOT", 0x22, 1},
    {"REG", 0xAE, 1},
    {"Rho", 0x3A1, 0},
    {"Scaron", 0x160, 0},
    {"Sigma", 0x3A3, 0},
    {"THORN", 0xDE, 1},
    {"Tab", 0x9, 0},
    {"Tau", 0x3A4, 0},
    {"Theta", 0x398, 0},
    {"Uacute", 0xDA, 1},
    {"Ucirc", 0xDB, 1},
    {"Ugrave", 0xD9, 1},
    {"Upsilon", 0x3A5, 0},
    {"Uuml", 0xDC, 1},
    {"Xi", 0x39E, 0},
    {"Yacute", 0xDD, 1},
    {"Yuml", 0x178, 0},
    {"Zeta", 0x396, 0},
    {"aacute", 0xE1, 1},
    {"acirc", 0xE2, 1},
    {"acute", 0xB4, 1},
    {"aelig", 0xE6, 1},
    {"agrave", 0xE0, 1},
    {"alpha", 0x3B1, 0},
    {"amp", 0x26, 1},
    {"apos", 0x27, 0},
    {"aring", 0xE5, 1},
    {"ast", 0x2A, 0},
    {"asymp", 0x2248, 0},
    {"atilde", 0xE3, 1},
    {"auml", 0xE4, 1},
    {"bdquo", 0x201E, 0},
    {"beta", 0x3B2, 0},
    {"brvbar", 0xA6, 1},
    {"bsol", 0x5C, 0},
    {"bull", 0x2022, 0},
    {"cap", 0x2229, 0},
    {"ccedil", 0xE7, 1},
    {"cedil", 0xB8, 1},
    {"cent", 0xA2, 1},
    {"check", 0x2713, 0},
    {"chi", 0x3C7, 0},
    {"circ", 0x2C6, 0},
    {"clubs", 0x2663, 0},
    {"colon", 0x3A, 0},
    {"comma", 0x2C, 0},
    {"commat", 0x40, 0},
    {"copy", 0xA9, 1},
    {"crarr", 0x21B5, 0},
    {"cross", 0x2717, 0},
    {"cup", 0x222A, 0},
    {"curren", 0xA4, 1},
    {"dagger", 0x2020, 0},
    {"darr", 0x2193, 0},
    {"dash", 0x2010, 0},
    {"deg", 0xB0, 1},
    {"delta", 0x3B4, 0},
    {"diams", 0x2666, 0},
    {"divide", 0xF7, 1},
    {"dollar", 0x24, 0},
    {"eacute", 0xE9, 1},
    {"ecir", 0x2256, 0},
    {"ecirc", 0xEA, 1},
    {"egrave", 0xE8, 1},
    {"emsp", 0x2003, 0},
    {"ensp", 0x2002, 0},
    {"epsilon", 0x3B5, 0},
    {"equals", 0x3D, 0},
    {"equiv", 0x2261, 0},
    {"eta", 0x3B7, 0},
    {"eth", 0xF0, 1},
    {"euml", 0xEB, 1},
    {"euro", 0x20AC, 0},
    {"excl", 0x21, 0},
    {"female", 0x2640, 0},
    {"flat", 0x266D, 0},
    {"fnof", 0x192, 0},
    {"frac12", 0xBD, 1},
    {"frac13", 0x2153, 0},
    {"frac14", 0xBC, 1},
    {"frac15", 0x2155, 0},
    {"frac16", 0x2159, 0},
    {"frac18", 0x215B, 0},
    {"frac23", 0x2154, 0},
    {"frac25", 0x2156, 0},
    {"frac34", 0xBE, 1},
    {"frac35", 0x2157, 0},
    {"frac38", 0x215C, 0},
    {"frac45", 0x2158, 0},
    {"frac56", 0x215A, 0},
    {"frac58", 0x215D, 0},
    {"frac78", 0x215E, 0},
    {"gamma", 0x3B3, 0},
    {"ge", 0x2265, 0},
    {"grave", 0x60, 0},
    {"gt", 0x3E, 1},
    {"hArr", 0x21D4, 0},
    {"half", 0xBD, 0},
    {"harr", 0x2194, 0},
    {"hearts", 0x2665, 0},
    {"hellip", 0x2026, 0},
    {"hyphen", 0x2010, 0},
    {"iacute", 0xED, 1},
    {"icirc", 0xEE, 1},
    {"iexcl", 0xA1, 1},
    {"igrave", 0xEC, 1},
    {"infin", 0x221E, 0},
    {"int", 0x222B, 0},
    {"iota", 0x3B9, 0},
    {"iquest", 0xBF, 1},
    {"isin", 0x2208, 0},
    {"iuml", 0xEF, 1},
    {"kappa", 0x3BA, 0},
    {"lArr", 0x21D0, 0},
    {"lambda", 0x3BB, 0},
    {"laquo", 0xAB, 1},
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
    {"lt", 0x3C, 1},
    {"macr", 0xAF, 1},
    {"male", 0x2642, 0},
    {"mdash", 0x2014, 0},
    {"micro", 0xB5, 1},
    {"middot", 0xB7, 1},
    {"minus", 0x2212, 0},
    {"mu", 0x3BC, 0},
    {"nabla", 0x2207, 0},
    {"nbsp", 0xA0, 1},
    {"ndash", 0x2013, 0},
    {"ne", 0x2260, 0},
    {"not", 0xAC, 1},
    {"notin", 0x2209, 0},
    {"ntilde", 0xF1, 1},
    {"nu", 0x3BD, 0},
    {"num", 0x23, 0},
    {"oacute", 0xF3, 1},
    {"ocir", 0x229A, 0},
    {"ocirc", 0xF4, 1},
    {"oelig", 0x153, 0},
    {"ograve", 0xF2, 1},
    {"oline", 0x203E, 0},
    {"omega", 0x3C9, 0},
    {"omicron", 0x3BF, 0},
    {"ord", 0x2A5D, 0},
    {"ordf", 0xAA, 1},
    {"ordm", 0xBA, 1},
    {"oslash", 0xF8, 1},
    {"otilde", 0xF5, 1},
    {"ouml", 0xF6, 1},
    {"par", 0x2225, 0},
    {"para", 0xB6, 1},
    {"part", 0x2202, 0},
    {"percnt", 0x25, 0},
    {"period", 0x2E, 0},
    {"permil", 0x2030, 0},
    {"phi", 0x3C6, 0},
    {"phone", 0x260E, 0},
    {"pi", 0x3C0, 0},
    {"plus", 0x2B, 0},
    {"plusmn", 0xB1, 1},
    {"pound", 0xA3, 1},
    {"prime", 0x2032, 0},
    {"prod", 0x220F, 0},
    {"psi", 0x3C8, 0},
    {"quest", 0x3F, 0},
    {"quot", 0x22, 1},
    {"rArr", 0x21D2, 0},
    {"radic", 0x221A, 0},
    {"raquo", 0xBB, 1},
    {"rarr", 0x2192, 0},
    {"rcub", 0x7D, 0},
    {"rdquo", 0x201D, 0},
    {"reg", 0xAE, 1},
    {"rho", 0x3C1, 0},
    {"rlm", 0x200F, 0},
    {"rpar", 0x29, 0},
    {"rsaquo", 0x203A, 0},
    {"rsqb", 0x5D, 0},
    {"rsquo", 0x2019, 0},
    {"sbquo", 0x201A, 0},
    {"scaron", 0x161, 0},
    {"sect", 0xA7, 1},
    {"semi", 0x3B, 0},
    {"sharp", 0x266F, 0},
    {"shy", 0xAD, 1},
    {"sigma", 0x3C3, 0},
    {"sigmaf", 0x3C2, 0},
    {"sim", 0x223C, 0},
    {"sol", 0x2F, 0},
    {"spades", 0x2660, 0},
    {"star", 0x2606, 0},
    {"starf", 0x2605, 0},
    {"sum", 0x2211, 0},
    {"sup", 0x2283, 0},
    {"sup1", 0xB9, 1},
    {"sup2", 0xB2, 1},
    {"sup3", 0xB3, 1},
    {"szlig", 0xDF, 1},
    {"tau", 0x3C4, 0},
    {"there4", 0x2234, 0},
    {"theta", 0x3B8, 0},
    {"thinsp", 0x2009, 0},
    {"thorn", 0xFE, 1},
    {"tilde", 0x2DC, 0},
    {"times", 0xD7, 1},
    {"trade", 0x2122, 0},
    {"uacute", 0xFA, 1},
    {"uarr", 0x2191, 0},
    {"ucirc", 0xFB, 1},
    {"ugrave", 0xF9, 1},
    {"uml", 0xA8, 1},
    {"upsilon", 0x3C5, 0},
    {"uuml", 0xFC, 1},
    {"verbar", 0x7C, 0},
    {"vert", 0x7C, 0},
    {"xi", 0x3BE, 0},
    {"yacute", 0xFD, 1},
    {"yen", 0xA5, 1},
    {"yuml", 0xFF, 1},
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

/* quantity.c — numbers with their unit, hedge, change and what they count.
 *
 * Each sentence is cut into small items (numbers, words, symbols) with a
 * note of whether space precedes them, because the segmenter keeps "10kW",
 * "USD10m" and "27-year-old" whole and the unit hides inside. Then one left
 * to right pass tries a quantity at every item: currency sign, number (in
 * digits or words), scale, range, unit; hedge and change are read backwards
 * from where it starts. Dates, clock times, ordinals, ids and names with a
 * number ("G7", "S&P 500") are refused there. Lexicons: quantity_lex.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "../core/draft.h"
#include "quantity.h"
#include "quantity_lex.h"

enum { IT_NUM, IT_WORD, IT_SYM };

typedef struct qi {
    uint32_t s, e;
    uint8_t kind, sp, cap, dot, comma, lead0;
    uint8_t ndig;
    double v;
    char lw[24]; /* lower case text, "" when longer */
} qi;

typedef struct scan {
    const char *t;
    qi *it;
    size_t n, cap;
} scan;

/* ------------------------------------------------------------ items */

static int is_space_at(const unsigned char *p, size_t left, size_t *len) {
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
        *len = 1;
        return 1;
    }
    if (left >= 2 && p[0] == 0xc2 && p[1] == 0xa0) {
        *len = 2;
        return 1;
    }
    if (left >= 3 && p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x89 || p[2] == 0xaf)) {
        *len = 3;
        return 1;
    }
    return 0;
}

static size_t utf8_len(unsigned char c) {
    return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* UTF-8 characters that are symbols, not letters, for our purposes. */
static int is_symbol_char(const unsigned char *p, size_t left) {
    if (left >= 2 && p[0] == 0xc2 && (p[1] == 0xa3 || p[1] == 0xa5 || p[1] == 0xb0 ||
                                      p[1] == 0xb2 || p[1] == 0xbd || p[1] == 0xbc))
        return 1;
    if (left >= 3 && p[0] == 0xe2 && (p[1] == 0x82 || p[1] == 0x80 || p[1] == 0x88))
        return 1; /* currency signs, dashes, quotes, primes, minus */
    return 0;
}

static int is_word_start(const unsigned char *p, size_t left) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
        return 1;
    return *p >= 0xc0 && !is_symbol_char(p, left);
}

static int push_item(scan *sc, qi *x) {
    if (sc->n == sc->cap) {
        size_t cap = sc->cap ? 2 * sc->cap : 64;
        qi *it = realloc(sc->it, cap * sizeof *it);
        if (!it)
            return -1;
        sc->it = it;
        sc->cap = cap;
    }
    sc->it[sc->n++] = *x;
    return 0;
}

static int digit(const char *t, size_t j, size_t end) {
    return j < end && t[j] >= '0' && t[j] <= '9';
}

/* Digits with thousands groups and one decimal part: "1,200", "3.5", ".534". */
static size_t scan_number(const char *t, size_t i, size_t end, qi *x) {
    double v = 0, f = 0.1;
    size_t j = i;
    int ndig = 0;
    x->lead0 = t[i] == '0';
    while (digit(t, j, end))
        v = v * 10 + (t[j++] - '0'), ndig++;
    while (ndig && j < end && t[j] == ',' && digit(t, j + 1, end) && digit(t, j + 2, end) &&
           digit(t, j + 3, end) && !digit(t, j + 4, end)) {
        v = v * 1000 + (t[j + 1] - '0') * 100 + (t[j + 2] - '0') * 10 + (t[j + 3] - '0');
        x->comma = 1;
        ndig += 3;
        j += 4;
    }
    if (j < end && t[j] == '.' && digit(t, j + 1, end)) {
        x->dot = 1;
        for (j++; digit(t, j, end); j++)
            v += f * (t[j] - '0'), f /= 10;
    }
    x->v = v;
    x->ndig = (uint8_t)(ndig > 255 ? 255 : ndig);
    return j;
}

static void set_lower(const char *t, qi *x) {
    size_t n = x->e - x->s;
    if (n >= sizeof x->lw) {
        x->lw[0] = 0;
        return;
    }
    for (size_t k = 0; k < n; k++) {
        char c = t[x->s + k];
        x->lw[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    x->lw[n] = 0;
}

static int scan_items(scan *sc, size_t start, size_t end) {
    const char *t = sc->t;
    int sp = 1;
    sc->n = 0;
    for (size_t i = start; i < end;) {
        const unsigned char *p = (const unsigned char *)t + i;
        size_t len;
        if (is_space_at(p, end - i, &len)) {
            sp = 1;
            i += len;
            continue;
        }
        qi x;
        memset(&x, 0, sizeof x);
        x.s = (uint32_t)i;
        x.sp = (uint8_t)sp;
        int prev_alnum = sc->n && !sp && sc->it[sc->n - 1].kind != IT_SYM;
        if ((*p >= '0' && *p <= '9') ||
            (*p == '.' && i + 1 < end && p[1] >= '0' && p[1] <= '9' && !prev_alnum)) {
            x.kind = IT_NUM;
            i = scan_number(t, i, end, &x);
        } else if (is_word_start(p, end - i)) {
            x.kind = IT_WORD;
            x.cap = *p >= 'A' && *p <= 'Z';
            for (size_t k = i; k < end && is_word_start((const unsigned char *)t + k, end - k);
                 k += utf8_len((unsigned char)t[k]))
                if (t[k] >= 'A' && t[k] <= 'Z')
                    x.cap = 1; /* iPhone */
            while (i < end) {
                const unsigned char *q = (const unsigned char *)t + i;
                if (is_word_start(q, end - i))
                    i += utf8_len(*q);
                else if ((*q == '\'' || (end - i >= 3 && q[0] == 0xe2 && q[1] == 0x80 &&
                                         q[2] == 0x99)) &&
                         i + (*q == '\'' ? 1 : 3) < end &&
                         is_word_start(q + (*q == '\'' ? 1 : 3), end - i - 1))
                    i += *q == '\'' ? 1 : 3;
                else
                    break;
            }
            if (i > end)
                i = end;
        } else {
            x.kind = IT_SYM;
            i += utf8_len(*p);
            if (i > end)
                i = end;
        }
        x.e = (uint32_t)i;
        set_lower(t, &x);
        if (push_item(sc, &x) < 0)
            return -1;
        sp = 0;
    }
    return 0;
}

/* ------------------------------------------------------------ matching */

static int ieq(const char *a, size_t an, const char *b, size_t bn) {
    if (an != bn)
        return 0;
    for (size_t k = 0; k < an; k++) {
        char x = a[k], y = b[k];
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (y >= 'A' && y <= 'Z')
            y += 32;
        if (x != y)
            return 0;
    }
    return 1;
}

static int piece_eq(const scan *sc, size_t i, const char *p, size_t pn, int cs, int plural) {
    const qi *x = &sc->it[i];
    const char *s = sc->t + x->s;
    size_t n = x->e - x->s;
    if (cs ? (n == pn && !memcmp(s, p, pn)) : ieq(s, n, p, pn))
        return 1;
    if (!plural)
        return 0;
    if (n == pn + 1 && (s[n - 1] == 's' || s[n - 1] == 'S'))
        return cs ? !memcmp(s, p, pn) : ieq(s, pn, p, pn);
    if (n == pn + 2 && s[n - 2] == 'e' && s[n - 1] == 's')
        return cs ? !memcmp(s, p, pn) : ieq(s, pn, p, pn);
    return 0;
}

/* Items matched by a space-separated phrase at i, 0 if none. */
static size_t match_phrase(const scan *sc, size_t i, size_t end, const char *form, int cs,
                           int plural) {
    size_t k = i;
    const char *p = form;
    while (*p) {
        const char *q = strchr(p, ' ');
        size_t pn = q ? (size_t)(q - p) : strlen(p);
        if (k >= end || !piece_eq(sc, k, p, pn, cs, plural && !q))
            return 0;
        k++;
        p += pn;
        if (*p == ' ')
            p++;
    }
    return k - i;
}

/* The longest unit of table tab at i; attached says whether i follows the
 * number without space. */
static const ql_unit *match_unit(const scan *sc, size_t i, size_t end, const ql_unit *tab,
                                 size_t n, int attached, size_t *len) {
    const ql_unit *best = NULL;
    size_t bl = 0;
    for (size_t k = 0; k < n; k++) {
        const ql_unit *u = &tab[k];
        if (attached >= 0 && !(u->flags & (attached ? QU_ATTACH : QU_SEP)))
            continue;
        size_t l = match_phrase(sc, i, end, u->form, (u->flags & QU_CASE) != 0,
                                (u->flags & QU_PLURAL) != 0);
        if (l > bl)
            best = u, bl = l;
    }
    *len = bl;
    return best;
}

/* A phrase of list ending right before item i: its kind, its first item. */
static int match_before(const scan *sc, size_t lo, size_t i, const ql_word *l, size_t n,
                        size_t *from) {
    int kind = 0;
    size_t best = i;
    for (size_t k = 0; k < n; k++) {
        size_t pieces = 1;
        for (const char *p = l[k].form; *p; p++)
            pieces += *p == ' ';
        if (pieces > i - lo)
            continue;
        if (match_phrase(sc, i - pieces, i, l[k].form, 0, 0) == pieces && i - pieces < best)
            best = i - pieces, kind = l[k].kind;
    }
    *from = best;
    return kind;
}

static int lw_is(const qi *x, const char *w) {
    return !strcmp(x->lw, w);
}

/* "6.5 percent over two years": a bare "over" or "under" right after an
 * amount spans time, it does not hedge the number that follows. */
static int over_a_span(const scan *sc, size_t hs, size_t i) {
    if (hs + 1 != i || hs == 0 || !(lw_is(&sc->it[hs], "over") || lw_is(&sc->it[hs], "under")))
        return 0;
    const char *p = sc->it[hs - 1].lw;
    return (*p >= '0' && *p <= '9') || !strcmp(p, "percent") || !strcmp(p, "%") ||
           !strcmp(p, "points");
}

/* ------------------------------------------------------------ numbers */

static int small_number(const char *w, double *v) {
    static const char *const ones[] = {
        "zero",    "one",     "two",       "three",    "four",    "five",    "six",
        "seven",   "eight",   "nine",      "ten",      "eleven",  "twelve",  "thirteen",
        "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
    static const char *const tens[] = {"twenty", "thirty",  "forty",  "fifty",
                                       "sixty",  "seventy", "eighty", "ninety"};
    for (int k = 0; k < 20; k++)
        if (!strcmp(w, ones[k]))
            return *v = k, 1;
    for (int k = 0; k < 8; k++)
        if (!strcmp(w, tens[k]))
            return *v = 20 + 10 * k, 1;
    return 0;
}

static int multiplier(const char *w, double *v) {
    static const struct {
        const char *w;
        double v;
    } m[] = {{"hundred", 1e2}, {"thousand", 1e3}, {"million", 1e6},
             {"billion", 1e9}, {"trillion", 1e12}, {"dozen", 12}};
    for (size_t k = 0; k < sizeof m / sizeof m[0]; k++)
        if (!strcmp(w, m[k].w))
            return *v = m[k].v, 1;
    return 0;
}

/* Scale words after a number: "million", "bn", and glued "m", "k". */
static int scale_word(const qi *x, int attached, double *v) {
    static const struct {
        const char *w;
        double v;
        int glued_only;
    } s[] = {{"thousand", 1e3, 0}, {"million", 1e6, 0},  {"billion", 1e9, 0},
             {"trillion", 1e12, 0}, {"mn", 1e6, 0},      {"mln", 1e6, 0},
             {"bn", 1e9, 0},       {"bln", 1e9, 0},      {"tn", 1e12, 0},
             {"trn", 1e12, 0},     {"k", 1e3, 1},        {"b", 1e9, 1},
             {"lakh", 1e5, 0},     {"crore", 1e7, 0}};
    if (x->kind != IT_WORD)
        return 0;
    for (size_t k = 0; k < sizeof s / sizeof s[0]; k++)
        if (!strcmp(x->lw, s[k].w) && (attached || !s[k].glued_only))
            return *v = s[k].v, 1;
    return 0;
}

typedef struct core {
    size_t b, e;     /* items [b, e) */
    double v, hi;    /* hi > v only for vague plurals */
    int words, dot, scaled, vague, frac;
    const char *cur; /* currency from a sign before the number */
    size_t num;      /* item of the digits, or of the first number word */
} core;

/* "twenty five" adds up, "two three" does not. */
static int can_add(double cur, double v) {
    long c = (long)fmod(cur, 100); /* fmod: cur may be past long's range */
    if (c == 0)
        return 1;
    return c >= 20 && c % 10 == 0 && v < 10;
}

/* "twenty-five", "two hundred and ten", "a dozen", "two-thirds". */
static size_t parse_words(const scan *sc, size_t i, size_t end, double *out) {
    double total = 0, cur = 0, v;
    int any = 0;
    size_t k = i;
    if (k + 1 < end && (lw_is(&sc->it[k], "a") || lw_is(&sc->it[k], "an")) &&
        multiplier(sc->it[k + 1].lw, &v)) {
        cur = v;
        k += 2;
        any = 1;
        if (v >= 1e3) {
            total = cur;
            cur = 0;
        }
    }
    while (k < end && sc->it[k].kind == IT_WORD) {
        const char *w = sc->it[k].lw;
        if (small_number(w, &v)) {
            if (any && !can_add(cur, v))
                break;
            cur += v;
            k++;
            any = 1;
            double u;
            if (v >= 20 && k + 1 < end && lw_is(&sc->it[k], "-") && !sc->it[k].sp &&
                !sc->it[k + 1].sp && small_number(sc->it[k + 1].lw, &u) && u < 10) {
                cur += u;
                k += 2;
            }
        } else if (any && multiplier(w, &v) && v != 12) {
            if (v == 100)
                cur = (cur ? cur : 1) * 100;
            else
                total += (cur ? cur : 1) * v, cur = 0;
            k++;
        } else if (any && lw_is(&sc->it[k], "and") && k + 1 < end &&
                   small_number(sc->it[k + 1].lw, &v) && (cur >= 100 || total > 0) &&
                   (int)cur % 100 == 0) {
            k++;
        } else
            break;
    }
    if (!any)
        return i;
    *out = total + cur;
    /* "two-thirds", "one-quarter" */
    static const struct {
        const char *w;
        double d;
    } fr[] = {{"half", 2},    {"halves", 2},  {"third", 3},   {"thirds", 3},
              {"quarter", 4}, {"quarters", 4}, {"fifth", 5},  {"fifths", 5},
              {"tenth", 10},  {"tenths", 10}};
    if (k + 1 < end && lw_is(&sc->it[k], "-") && !sc->it[k].sp && !sc->it[k + 1].sp)
        for (size_t f = 0; f < sizeof fr / sizeof fr[0]; f++)
            if (lw_is(&sc->it[k + 1], fr[f].w) && *out < fr[f].d) {
                *out /= fr[f].d;
                k += 2;
                break;
            }
    return k;
}

/* A currency sign or code before the number: "$", "US$", "Y=", "RM", "USD". */
static size_t parse_currency_pre(const scan *sc, size_t i, size_t end, const char **cur) {
    size_t len;
    const ql_unit *u = match_unit(sc, i, end, sl_ql_currency_pre, sl_ql_n_currency_pre, -1, &len);
    if (!u || i + len >= end)
        return i;
    const qi *first = &sc->it[i], *next = &sc->it[i + len];
    int letters = first->kind == IT_WORD && len == 1;
    /* a bare code must touch the number or be a three-letter code */
    if (letters && next->sp && strlen(first->lw) != 3)
        return i;
    if (letters && first->sp == 0 && i > 0 && sc->it[i - 1].kind != IT_SYM)
        return i;
    *cur = u->norm;
    return i + len;
}

static int is_dash(const qi *x) {
    return !strcmp(x->lw, "-") || !strcmp(x->lw, "\xe2\x80\x93") || !strcmp(x->lw, "\xe2\x80\x94");
}

/* Vague plurals: "dozens of", "tens of thousands of", "millions of". */
static size_t parse_vague(const scan *sc, size_t i, size_t end, core *c) {
    static const struct {
        const char *w;
        double v;
    } vp[] = {{"dozens", 12},   {"hundreds", 1e2}, {"thousands", 1e3},
              {"millions", 1e6}, {"billions", 1e9}, {"tens", 10}};
    double v = 0, m;
    size_t k = i;
    for (size_t j = 0; j < sizeof vp / sizeof vp[0]; j++)
        if (lw_is(&sc->it[k], vp[j].w))
            v = vp[j].v;
    if (!v || k + 1 >= end || !lw_is(&sc->it[k + 1], "of"))
        return i;
    k += 2;
    if (k < end && (v == 10 || v == 100)) {
        const char *w = sc->it[k].lw;
        m = !strcmp(w, "thousands") ? 1e3 : !strcmp(w, "millions") ? 1e6
            : !strcmp(w, "billions") ? 1e9 : 0;
        if (m) {
            v *= m;
            k++;
            if (k < end && lw_is(&sc->it[k], "of"))
                k++;
        } else if (v == 10)
            return i;
    } else if (v == 10)
        return i;
    c->v = v;
    c->hi = v * 10;
    c->vague = 1;
    c->words = 1;
    c->num = i;
    return k;
}

/* Sign, digits or number words, then a scale word. */
static size_t parse_core(const scan *sc, size_t i, size_t end, core *c) {
    memset(c, 0, sizeof *c);
    c->b = i;
    size_t k = parse_currency_pre(sc, i, end, &c->cur);
    double sign = 1;
    if (k < end && k + 1 < end && sc->it[k + 1].kind == IT_NUM && !sc->it[k + 1].sp &&
        (lw_is(&sc->it[k], "-") || lw_is(&sc->it[k], "\xe2\x88\x92") ||
         lw_is(&sc->it[k], "+")) &&
        (sc->it[k].sp || k == 0 || k > i)) {
        sign = sc->it[k].lw[0] == '+' ? 1 : -1;
        k++;
    } else if (k + 1 < end && lw_is(&sc->it[k], "minus")) {
        sign = -1;
        k++;
        if (k + 1 < end && lw_is(&sc->it[k], "-"))
            k++;
    }
    if (k >= end)
        return i;
    const qi *x = &sc->it[k];
    c->num = k;
    if (x->kind == IT_NUM) {
        c->v = x->v;
        c->dot = x->dot;
        k++;
        if (k < end && lw_is(&sc->it[k], "/") && !sc->it[k].sp && k + 1 < end &&
            sc->it[k + 1].kind == IT_NUM && !sc->it[k + 1].sp && x->v < sc->it[k + 1].v &&
            !x->dot && sc->it[k + 1].v > 0 && sc->it[k + 1].v <= 10) {
            c->v = x->v / sc->it[k + 1].v; /* "1/2" */
            c->dot = 1;
            k += 2;
        }
    } else if (x->kind == IT_WORD) {
        size_t w = parse_words(sc, k, end, &c->v);
        if (w == k) {
            if (c->cur || sign < 0)
                return i;
            w = parse_vague(sc, k, end, c);
            if (w == k)
                return i;
            c->e = w;
            return w;
        }
        c->words = 1;
        c->frac = c->v != floor(c->v); /* "two-thirds" */
        k = w;
    } else
        return i;
    c->v *= sign;
    /* scale: "650 million", "1.5m", "2.8bn", "billion-mile" */
    double s;
    if (k < end && !c->words && lw_is(&sc->it[k], "hundred") && k + 1 < end &&
        scale_word(&sc->it[k + 1], 0, &s)) {
        c->v *= 100; /* "4 hundred million" */
        k++;
    }
    if (k < end && scale_word(&sc->it[k], !sc->it[k].sp, &s)) {
        c->v *= s;
        c->scaled = 1;
        k++;
    } else if (k < end && !sc->it[k].sp && (lw_is(&sc->it[k], "m") || lw_is(&sc->it[k], "mn")) &&
               (c->cur || c->dot)) {
        c->v *= 1e6;
        c->scaled = 1;
        k++;
    }
    c->e = k;
    return k;
}

/* ------------------------------------------------------------ units */

enum { UK_NONE, UK_STRONG, UK_NOUN };

typedef struct unit {
    int kind;
    const char *norm; /* static, or buf */
    char buf[96];
    size_t b, e;      /* items */
    size_t noun_e;    /* a noun unit's end before its rate ("people" of "people a day") */
    int percent, currency, time;
} unit;

static void lemma(const char *w, char *out, size_t cap) {
    static const char *const irr[][2] = {
        {"people", "people"}, {"children", "child"}, {"men", "man"},  {"women", "woman"},
        {"feet", "foot"},     {"teeth", "tooth"},    {"mice", "mouse"}, {"geese", "goose"},
        {"lives", "life"},    {"wives", "wife"},     {"knives", "knife"}, {"leaves", "leaf"},
        {"halves", "half"},   {"shelves", "shelf"},  {"thieves", "thief"}, {"wolves", "wolf"},
        {"police", "police"}, {"staff", "staff"},    {"personnel", "personnel"},
        {"data", "data"},     {"series", "series"},  {"species", "species"}};
    for (size_t k = 0; k < sizeof irr / sizeof irr[0]; k++)
        if (!strcmp(w, irr[k][0])) {
            snprintf(out, cap, "%s", irr[k][1]);
            return;
        }
    size_t n = strlen(w);
    if (n > 4 && !strcmp(w + n - 3, "men")) {
        snprintf(out, cap, "%.*sman", (int)(n - 3), w);
        return;
    }
    if (n > 4 && !strcmp(w + n - 3, "ies"))
        snprintf(out, cap, "%.*sy", (int)(n - 3), w);
    else if (n > 4 && (!strcmp(w + n - 4, "sses") || !strcmp(w + n - 4, "ches") ||
                       !strcmp(w + n - 4, "shes") || !strcmp(w + n - 3, "xes") ||
                       !strcmp(w + n - 3, "zes")))
        snprintf(out, cap, "%.*s", (int)(n - 2), w);
    else if (n > 2 && w[n - 1] == 's' && w[n - 2] != 's')
        snprintf(out, cap, "%.*s", (int)(n - 1), w);
    else
        snprintf(out, cap, "%s", w);
}

static int is_plural_noun(const char *w) {
    static const char *const irr[] = {"people", "children", "men", "women", "police",
                                      "staff", "personnel", "cattle", "teeth", "mice",
                                      "geese", "data", NULL};
    static const char *const no[] = {"was", "has", "is", "its", "this", "his", "us",
                                     "as", "yes", "does", "says", "thus", "plus",
                                     "less", "unless", "whereas", "across", "always",
                                     "perhaps", "afterwards", "towards", "besides",
                                     "sometimes", "news", "series", "means", NULL};
    for (const char *const *p = irr; *p; p++)
        if (!strcmp(*p, w))
            return 1;
    for (const char *const *p = no; *p; p++)
        if (!strcmp(*p, w))
            return 0;
    size_t n = strlen(w);
    if (n > 4 && !strcmp(w + n - 3, "men"))
        return 1; /* fishermen */
    if (n < 3 || w[n - 1] != 's')
        return 0;
    return w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i' && w[n - 2] != '\'';
}

static int alpha_word(const qi *x) {
    if (x->kind != IT_WORD || !x->lw[0])
        return 0;
    for (const char *p = x->lw; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '\''))
            return 0;
    return 1;
}

/* Counted noun phrase: up to two modifiers then a plural head ("European
 * countries", "heart transplants"); singular heads only for one. */
static size_t noun_phrase(const scan *sc, size_t i, size_t end, int singular, unit *u) {
    size_t k = i;
    for (; k < end && k < i + 3; k++) {
        const qi *x = &sc->it[k];
        if (!alpha_word(x) || (k > i && !x->sp) || sl_ql_is_function_word(x->lw) ||
            sl_ql_is_month(x->lw))
            return i;
        size_t n = strlen(x->lw);
        if (n > 3 && !strcmp(x->lw + n - 2, "ly"))
            return i;
        if (n > 3 && (!strcmp(x->lw + n - 2, "ed") || !strcmp(x->lw + n - 3, "ing")) &&
            !(k + 1 < end && k + 1 < i + 3 && alpha_word(&sc->it[k + 1])))
            return i; /* a verb, unless it modifies a noun after it */
        if (is_plural_noun(x->lw) || (singular && k == i && k + 1 < end &&
                                      (sc->it[k + 1].kind != IT_WORD ||
                                       sl_ql_is_function_word(sc->it[k + 1].lw))))
            break;
    }
    if (k >= end || k >= i + 3)
        return i;
    size_t o = 0;
    u->buf[0] = 0;
    for (size_t j = i; j < k; j++)
        o += (size_t)snprintf(u->buf + o, sizeof u->buf - o, "%s ", sc->it[j].lw),
            o = o < sizeof u->buf ? o : sizeof u->buf - 1;
    lemma(sc->it[k].lw, u->buf + o, sizeof u->buf - o);
    u->norm = u->buf;
    u->kind = UK_NOUN;
    u->b = i;
    u->e = k + 1;
    return k + 1;
}

/* "Australian dollars", "Danish crowns". */
static size_t national_currency(const scan *sc, size_t i, size_t end, unit *u) {
    for (size_t words = 1; words <= 2; words++) {
        size_t k = i + words;
        if (k >= end || sc->it[k].kind != IT_WORD || !sc->it[k].lw[0])
            return i;
        char key[96], cw[24];
        lemma(sc->it[k].lw, cw, sizeof cw);
        if (words == 1)
            snprintf(key, sizeof key, "%s %s", sc->it[i].lw, cw);
        else
            snprintf(key, sizeof key, "%s %s %s", sc->it[i].lw, sc->it[i + 1].lw, cw);
        for (size_t j = 0; j < sl_ql_n_national; j++)
            if (!strcmp(key, sl_ql_national[j].form)) {
                u->norm = sl_ql_national[j].norm;
                u->kind = UK_STRONG;
                u->currency = 1;
                u->b = i;
                u->e = k + 1;
                return k + 1;
            }
    }
    return i;
}

/* "a month", "per share", "/ ounce", "a-year": a rate's denominator. */
static size_t rate(const scan *sc, size_t i, size_t end, unit *u) {
    if (i + 1 >= end)
        return i;
    const qi *x = &sc->it[i];
    if (!(lw_is(x, "a") || lw_is(x, "an") || lw_is(x, "per") || lw_is(x, "/")))
        return i;
    size_t k = i + 1;
    if (lw_is(&sc->it[k], "-") && k + 1 < end)
        k++;
    size_t len;
    char d[48];
    const ql_unit *m = match_unit(sc, k, end, sl_ql_units, sl_ql_n_units, 0, &len);
    if (m && !(m->flags & QU_PERCENT) && strcmp(m->norm, "count")) {
        snprintf(d, sizeof d, "%s", m->norm);
        k += len;
    } else if (alpha_word(&sc->it[k]) && !sl_ql_is_function_word(sc->it[k].lw) &&
               !sc->it[k].cap && strlen(sc->it[k].lw) > 2) {
        const char *w = sc->it[k].lw;
        size_t n = strlen(w);
        if (n > 3 && (!strcmp(w + n - 2, "ed") || !strcmp(w + n - 3, "ing")))
            return i;
        lemma(w, d, sizeof d);
        k++;
    } else
        return i;
    char tmp[sizeof u->buf];
    int w = snprintf(tmp, sizeof tmp, "%s per ", u->norm);
    if (w < 0 || (size_t)w + strlen(d) >= sizeof tmp)
        return i;
    memcpy(tmp + w, d, strlen(d) + 1);
    memcpy(u->buf, tmp, sizeof u->buf);
    u->norm = u->buf;
    u->e = k;
    return k;
}

/* "3,000 people a day": a count per unit of time follows at i; not "a day
 * later", which dates something else. */
static int per_time(const scan *sc, size_t i, size_t end) {
    static const char *const after[] = {"ago", "later", "earlier", "before", "after", "early",
                                        "late", NULL};
    if (i + 1 >= end || !(lw_is(&sc->it[i], "a") || lw_is(&sc->it[i], "an") ||
                          lw_is(&sc->it[i], "per")))
        return 0;
    size_t len;
    const ql_unit *m = match_unit(sc, i + 1, end, sl_ql_units, sl_ql_n_units, 0, &len);
    if (!m || !(m->flags & QU_TIME))
        return 0;
    size_t k = i + 1 + len;
    for (size_t j = 0; k < end && after[j]; j++)
        if (lw_is(&sc->it[k], after[j]))
            return 0;
    return 1;
}

/* The unit written after the number at i. */
static size_t parse_unit(const scan *sc, size_t i, size_t end, int allow_noun, int singular,
                         unit *u) {
    memset(u, 0, sizeof *u);
    if (i >= end)
        return i;
    int attached = !sc->it[i].sp;
    size_t k = i, len;
    /* "6.1-inch", "five-year", "barrel-a-day" */
    if (attached && lw_is(&sc->it[k], "-") && k + 1 < end && !sc->it[k + 1].sp &&
        sc->it[k + 1].kind == IT_WORD) {
        const ql_unit *m = match_unit(sc, k, end, sl_ql_units, sl_ql_n_units, 1, &len);
        if (!m) {
            k++;
            attached = 0;
        }
    }
    const ql_unit *m = match_unit(sc, k, end, sl_ql_units, sl_ql_n_units, attached, &len);
    size_t clen;
    const ql_unit *c = match_unit(sc, k, end, sl_ql_currency_post, sl_ql_n_currency_post,
                                  0, &clen);
    size_t nk = national_currency(sc, k, end, u);
    if (nk > k) {
        k = nk;
    } else if (c && (!m || clen >= len) && !attached) {
        u->norm = c->norm;
        u->kind = UK_STRONG;
        u->currency = 1;
        u->b = k;
        k += clen;
        u->e = k;
    } else if (m) {
        u->norm = m->norm;
        u->kind = UK_STRONG;
        u->percent = (m->flags & QU_PERCENT) != 0;
        u->time = (m->flags & QU_TIME) != 0;
        u->b = k;
        k += len;
        u->e = k;
    } else if (allow_noun && !attached) {
        size_t e = noun_phrase(sc, k, end, singular, u);
        if (e > k && per_time(sc, e, end)) {
            u->noun_e = u->e;
            e = rate(sc, e, end, u);
        }
        return e;
    } else
        return i;
    if (!u->percent && k < end)
        k = rate(sc, k, end, u) > k ? u->e : k;
    return k;
}

/* ------------------------------------------------------------ refusals */

static int is_clock_suffix(const scan *sc, size_t k, size_t end) {
    if (k >= end)
        return 0;
    const qi *x = &sc->it[k];
    if (lw_is(x, "am") || lw_is(x, "pm") || lw_is(x, "gmt") || lw_is(x, "utc") ||
        lw_is(x, "edt") || lw_is(x, "est") || lw_is(x, "bst") || lw_is(x, "cet") ||
        lw_is(x, "pdt") || lw_is(x, "pst") || lw_is(x, "hrs"))
        return 1;
    return (lw_is(x, "a") || lw_is(x, "p")) && k + 2 < end && lw_is(&sc->it[k + 1], ".") &&
           lw_is(&sc->it[k + 2], "m");
}

static int month_at(const scan *sc, size_t k, size_t end) {
    if (k >= end || sc->it[k].kind != IT_WORD || !sl_ql_is_month(sc->it[k].lw))
        return 0;
    return sc->it[k].cap || strlen(sc->it[k].lw) > 5;
}

/* Items glued by ":", "-", "." or "/" to the number at k: clock times,
 * ISO dates, phone numbers, versions. Returns the chain's end. */
static size_t glued_chain(const scan *sc, size_t k, size_t end, int *links, char *sep) {
    *links = 0;
    *sep = 0;
    while (k + 2 < end) {
        const qi *s = &sc->it[k + 1], *n = &sc->it[k + 2];
        if (s->sp || n->sp || n->kind != IT_NUM || s->kind != IT_SYM ||
            !(s->lw[0] == ':' || s->lw[0] == '-' || s->lw[0] == '.' || s->lw[0] == '/'))
            break;
        if (!*sep)
            *sep = s->lw[0];
        (*links)++;
        k += 2;
    }
    return k + 1;
}

/* Why the number core c cannot be a quantity; next item in *next. */
static int refused(const scan *sc, size_t end, const core *c, size_t *next) {
    size_t k = c->num;
    const qi *x = &sc->it[k];
    *next = c->e;
    if (c->words || c->cur)
        return 0;
    int links;
    char sep;
    size_t ce = glued_chain(sc, k, end, &links, &sep);
    if (links && (sep == ':' || links >= 2 || sep == '/' || sep == '.')) {
        *next = ce;
        return 1; /* 3:35, 2019-09-01, 555-01-23, 1.2.3, 9/11 */
    }
    if (links == 1 && sep == '-' && !x->dot && !sc->it[k + 2].dot && sc->it[k + 2].v <= x->v) {
        *next = ce;
        return 1; /* a score: 2-0 */
    }
    if (links == 1 && sep == '-' && x->ndig == 3 && sc->it[k + 2].ndig == 4 && !x->comma) {
        *next = ce;
        return 1; /* phone */
    }
    if (is_clock_suffix(sc, c->e, end) || is_clock_suffix(sc, k + 1, end))
        return 1;
    if (k + 1 < end && !sc->it[k + 1].sp) {
        const char *w = sc->it[k + 1].lw;
        if (!strcmp(w, "st") || !strcmp(w, "nd") || !strcmp(w, "rd") || !strcmp(w, "th"))
            return *next = k + 2, 1;
        if (!strcmp(w, "s") && !x->dot && fmod(x->v, 10) == 0)
            return *next = k + 2, 1; /* 1990s */
    }
    if (x->lead0 && x->ndig >= 2 && !x->dot)
        return 1; /* ids, "0401 GMT" */
    if (x->ndig > 12 && !x->comma)
        return 1;
    if (k > 0 && !x->sp) {
        const qi *p = &sc->it[k - 1];
        if (p->kind == IT_WORD)
            return 1; /* G7, iPhone11 */
        if (p->kind == IT_SYM && (lw_is(p, "-") || lw_is(p, "/") || lw_is(p, ".") || lw_is(p, ":") ||
                                  lw_is(p, "#")) &&
            k >= 2 && !p->sp && sc->it[k - 2].kind != IT_SYM && !lw_is(&sc->it[k - 2], "minus") &&
            !lw_is(&sc->it[k - 2], "sub"))
            return 1; /* TA-35, tail of a refused chain */
        if (lw_is(p, "#"))
            return 1;
    }
    if (!x->dot && !x->comma && x->v >= 1 && x->v <= 31 &&
        (month_at(sc, k - (k > 0), end) && k > 0 ? 1
         : k >= 2 && lw_is(&sc->it[k - 1], ".") && month_at(sc, k - 2, end) ? 1
         : month_at(sc, k + 1, end) ? 1
         : k + 2 < end && lw_is(&sc->it[k + 1], "of") && month_at(sc, k + 2, end)))
        return 1; /* Jan. 10, 10 January */
    if (k >= 2 && lw_is(&sc->it[k - 1], ".") && (lw_is(&sc->it[k - 2], "no") ||
                                                 lw_is(&sc->it[k - 2], "nos")))
        return 1;
    return 0;
}

static int is_year(const core *c, const qi *x) {
    return !c->words && !c->cur && !c->scaled && !x->dot && !x->comma && x->ndig == 4 &&
           x->v >= 1800 && x->v <= 2100;
}

/* A capitalized word right before the number names it: "Big 12", "Game 2". */
static int named_number(const scan *sc, const core *c) {
    size_t k = c->b;
    if (k == 0 || c->cur || c->words)
        return 0;
    const qi *p = &sc->it[k - 1];
    if (p->kind == IT_SYM && (lw_is(p, "&") || lw_is(p, "-")) && k >= 2 && !p->sp)
        p = &sc->it[k - 2];
    if (p->kind != IT_WORD || !p->cap)
        return 0;
    size_t tmp;
    if (sl_ql_is_function_word(p->lw) || sl_ql_is_month(p->lw) ||
        match_before(sc, 0, k, sl_ql_hedges, sl_ql_n_hedges, &tmp) ||
        match_before(sc, 0, k, sl_ql_changes, sl_ql_n_changes, &tmp))
        return 0;
    return 1;
}

/* A bare number in its own brackets ("Prescott (4)") or naming what
 * follows ("787 Dreamliner", "49 Zorro Ranch Road"). */
static int bare_refused(const scan *sc, size_t end, const core *c, size_t k) {
    if (c->b > 0 && k < end && lw_is(&sc->it[c->b - 1], "(") && lw_is(&sc->it[k], ")"))
        return 1;
    const qi *x = &sc->it[c->num];
    if (c->words || x->dot || x->comma || x->v >= 1000)
        return 0; /* "63000 Model 3 sedans" counts */
    return k < end && sc->it[k].kind == IT_WORD && sc->it[k].cap && sc->it[k].sp;
}

/* "Maddon, 66, said": an age between commas after a name. */
static int age_apposition(const scan *sc, size_t end, const core *c, size_t k) {
    const qi *x = &sc->it[c->num];
    if (c->words || c->cur || x->dot || x->v < 1 || x->v > 120 || c->b < 2 || k >= end)
        return 0;
    if (!lw_is(&sc->it[c->b - 1], ",") || !sc->it[c->b - 2].cap ||
        sc->it[c->b - 2].kind != IT_WORD)
        return 0;
    return lw_is(&sc->it[k], ",") || lw_is(&sc->it[k], ")") || lw_is(&sc->it[k], ";");
}

/* ------------------------------------------------------------ about */

static size_t np_after_of(const scan *sc, size_t i, size_t end, size_t *e) {
    size_t k = i;
    if (k < end && (lw_is(&sc->it[k], "the") || lw_is(&sc->it[k], "a") || lw_is(&sc->it[k], "an")))
        k++;
    size_t s = k;
    while (k < end && k < s + 4 && sc->it[k].kind == IT_WORD &&
           !sl_ql_is_function_word(sc->it[k].lw))
        k++;
    *e = k;
    return s;
}

/* "a 4% raise", "its 4.5 percent pay offer": after a determiner the number
 * modifies the noun that follows it, so that noun (and one more, for a
 * compound) is what it is about. Lower case only: a name after the number
 * starts another phrase ("the 4.5 percent Bayline had offered"). */
static size_t np_modified(const scan *sc, size_t first, size_t k, size_t end, size_t *e) {
    static const char *const det[] = {"a", "an", "the", "its", "their", "his", "her", "our",
                                      "this", "that", NULL};
    *e = k;
    if (first == 0)
        return k;
    size_t d = 0;
    while (det[d] && !lw_is(&sc->it[first - 1], det[d]))
        d++;
    if (!det[d])
        return k;
    size_t m = k;
    while (m < end && m < k + 2 && sc->it[m].kind == IT_WORD && !sc->it[m].cap &&
           sc->it[m].lw[0] && !sl_ql_is_function_word(sc->it[m].lw))
        m++;
    *e = m;
    return k;
}

/* The words before item k back to a function word or punctuation. */
static size_t np_before(const scan *sc, size_t lo, size_t k) {
    size_t s = k;
    while (s > lo && s > k - (k >= 5 ? 5 : k) && sc->it[s - 1].kind == IT_WORD &&
           !sl_ql_is_function_word(sc->it[s - 1].lw))
        s--;
    return s;
}

/* ------------------------------------------------------------ quantity */

typedef struct qctx {
    const scan *sc;
    size_t end;
    sl_arena *ar;
    sl_quantity *out;
    size_t n, cap;
} qctx;

static int emit(qctx *q, const sl_quantity *x, const char *norm) {
    if (q->n == q->cap) {
        size_t cap = q->cap ? 2 * q->cap : 16;
        sl_quantity *o = sl_arena_realloc(q->ar, q->out, q->cap * sizeof *o, cap * sizeof *o);
        if (!o)
            return -1;
        q->out = o;
        q->cap = cap;
    }
    sl_quantity *d = &q->out[q->n++];
    *d = *x;
    d->unit = "";
    if (norm && *norm) {
        /* static norms are used as they are; built ones are copied */
        d->unit = sl_arena_strdup(q->ar, norm);
        if (!d->unit)
            return -1;
    }
    return 0;
}

/* A second number after "to", "-", "and": a range's high end. */
static size_t range_end(const scan *sc, size_t i, size_t end, const core *a, int between,
                        int from, core *b) {
    if (i + 1 >= end)
        return i;
    const qi *x = &sc->it[i];
    int ok = lw_is(x, "to") || is_dash(x) || (between && lw_is(x, "and"));
    if (!ok)
        return i;
    size_t k = parse_core(sc, i + 1, end, b);
    if (k == i + 1 || b->vague)
        return i;
    double av = a->v;
    if (!a->scaled && b->scaled) {
        double raw = sc->it[b->num].kind == IT_NUM ? sc->it[b->num].v : b->v;
        if (a->v <= raw)
            av = a->v * (b->v / raw);
    }
    if (!from && !between && !(b->v > av))
        return i;
    if (is_dash(x) && !x->sp && sc->it[i + 1].kind == IT_NUM && !sc->it[i + 1].sp &&
        sc->it[b->num].ndig == 4 && !b->scaled && b->v >= 1800 && b->v <= 2100)
        return i; /* 2019-2020 */
    return k;
}

static void set_span(sl_quantity *q, const scan *sc, size_t b, size_t e) {
    q->start = sc->it[b].s;
    q->end = sc->it[e - 1].e;
}

/* Tries a quantity at item i: 1 found (*next after it), 0 none, -1 refused. */
static int parse_quantity(qctx *q, size_t i, size_t *next, sl_quantity *out, unit *u) {
    const scan *sc = q->sc;
    size_t end = q->end;
    core a, b;
    size_t k = parse_core(sc, i, end, &a);
    if (k == i)
        return 0;
    if (refused(sc, end, &a, next))
        return -1;
    const qi *ax = &sc->it[a.num];
    memset(out, 0, sizeof *out);
    size_t hs;
    int between = i > 0 && lw_is(&sc->it[i - 1], "between");
    int from = i > 0 && lw_is(&sc->it[i - 1], "from");
    int change = 0;
    size_t cs = i;
    int hedge = match_before(sc, 0, i, sl_ql_hedges, sl_ql_n_hedges, &hs);
    if (hedge && over_a_span(sc, hs, i))
        hedge = 0, hs = i;
    size_t before = hedge ? hs : i;
    if (before > 0 && lw_is(&sc->it[before - 1], "by"))
        change = match_before(sc, 0, before - 1, sl_ql_changes, sl_ql_n_changes, &cs);
    else
        change = match_before(sc, 0, before, sl_ql_changes, sl_ql_n_changes, &cs);
    if (!change && a.num > a.b && lw_is(&sc->it[a.num - 1], "+") && !sc->it[a.num].sp)
        change = QC_UP, cs = a.num - 1;
    /* unit between the two ends of a range: "5 per cent to 20 per cent" */
    unit u1;
    size_t k1 = parse_unit(sc, k, end, 0, 0, &u1);
    size_t r = range_end(sc, k1, end, &a, between, from || !change ? from : 0, &b);
    if (r == k1 && k1 != k)
        r = range_end(sc, k, end, &a, between, from, &b), k1 = r == k ? k1 : k;
    int ranged = r != k1 && r != k;
    if (ranged && change && !from)
        ranged = 0, r = k1;
    double lo = a.v, hi = a.v;
    const char *cur = a.cur;
    if (ranged) {
        if (!a.scaled && b.scaled) {
            double raw = sc->it[b.num].kind == IT_NUM ? sc->it[b.num].v : b.v;
            if (a.v <= raw && raw)
                lo = a.v * (b.v / raw);
        }
        hi = b.v;
        if (!cur)
            cur = b.cur;
        k = r;
    } else if (a.vague)
        hi = a.hi;
    /* unit after everything; vague plurals take theirs after "of" */
    size_t ue;
    int singular = !ranged && lo == 1 && hi == 1;
    if (ranged && k1 != k && u1.kind == UK_STRONG && r == k1)
        *u = u1, ue = k1;
    else {
        ue = parse_unit(sc, k, end, !cur, singular && !a.words, u);
        if (u->kind == UK_NONE && ranged && u1.kind == UK_STRONG)
            *u = u1;
    }
    if (a.vague && u->kind == UK_NONE && !cur && ue == k)
        return 0;
    if (cur && !u->currency) {
        /* the sign is the unit; "$5 a share" makes it a rate */
        memset(u, 0, sizeof *u);
        u->kind = UK_STRONG;
        u->currency = 1;
        u->norm = cur;
        u->b = u->e = k;
        size_t re = rate(sc, k, end, u);
        if (re > k)
            ue = re;
        else
            u->b = a.b, u->e = a.num;
    }
    if (ue > k)
        k = ue;
    /* refusals that need the unit */
    int old_year = !a.words && !a.cur && !a.scaled && !ax->dot && !ax->comma && ax->ndig == 4 &&
                   u->kind == UK_NONE && a.b > 0 &&
                   (lw_is(&sc->it[a.b - 1], "in") || lw_is(&sc->it[a.b - 1], "since") ||
                    lw_is(&sc->it[a.b - 1], "until") || lw_is(&sc->it[a.b - 1], "circa"));
    if ((is_year(&a, ax) && (u->kind != UK_STRONG || u->time)) || old_year) {
        *next = k;
        return -1;
    }
    if (u->kind != UK_STRONG && named_number(sc, &a)) {
        *next = k;
        return -1;
    }
    if (a.words && u->kind == UK_NONE && !a.frac)
        return 0;
    if (u->kind == UK_NONE && !ranged && bare_refused(sc, end, &a, k)) {
        *next = k;
        return -1;
    }
    if (u->kind == UK_NONE && !ranged && age_apposition(sc, end, &a, k))
        u->kind = UK_STRONG, u->norm = "year of age", u->b = u->e = 0;
    if (k < end && u->kind == UK_NONE && !a.frac && lw_is(&sc->it[k], "of") && k + 1 < end &&
        (lw_is(&sc->it[k + 1], "the") || lw_is(&sc->it[k + 1], "those") ||
         lw_is(&sc->it[k + 1], "these") || lw_is(&sc->it[k + 1], "them") ||
         lw_is(&sc->it[k + 1], "his") || lw_is(&sc->it[k + 1], "her") ||
         lw_is(&sc->it[k + 1], "its") || lw_is(&sc->it[k + 1], "their") ||
         lw_is(&sc->it[k + 1], "our") || lw_is(&sc->it[k + 1], "my")))
        return 0; /* "one of the" */
    size_t first = hedge ? hs : i;
    set_span(out, sc, first, k);
    out->value = lo;
    out->low = lo;
    out->high = hi;
    if (ranged)
        out->value = (lo + hi) / 2;
    static const sl_bound bmap[] = {SL_BOUND_EXACT,     SL_BOUND_APPROX,  SL_BOUND_AT_LEAST,
                                    SL_BOUND_MORE_THAN, SL_BOUND_AT_MOST, SL_BOUND_LESS_THAN};
    out->bound = bmap[hedge];
    if (a.vague && !hedge)
        out->bound = SL_BOUND_APPROX;
    if (change)
        snprintf(out->change, sizeof out->change, "%s", change == QC_UP ? "up" : "down");
    if (u->kind != UK_NONE && u->e > u->b) {
        out->unit_start = sc->it[u->b].s;
        out->unit_end = sc->it[u->e - 1].e;
    }
    /* what it is about */
    size_t ae = 0, as = 0;
    if (u->kind == UK_NOUN) {
        as = u->b, ae = u->noun_e ? u->noun_e : u->e;
    } else if (k + 1 < end && lw_is(&sc->it[k], "of")) {
        as = np_after_of(sc, k + 1, end, &ae);
    } else if (first >= 2 && lw_is(&sc->it[first - 1], "of")) {
        as = np_before(sc, 0, first - 1), ae = first - 1;
    } else if (change && cs > 0) {
        size_t v = cs;
        while (v > 0 && (lw_is(&sc->it[v - 1], "was") || lw_is(&sc->it[v - 1], "were") ||
                         lw_is(&sc->it[v - 1], "is") || lw_is(&sc->it[v - 1], "has") ||
                         lw_is(&sc->it[v - 1], "have") || lw_is(&sc->it[v - 1], "had")))
            v--;
        as = np_before(sc, 0, v), ae = v;
    }
    if (ae == as && u->kind != UK_NONE)
        as = np_modified(sc, first, k, end, &ae);
    if (ae > as) {
        out->about_start = sc->it[as].s;
        out->about_end = sc->it[ae - 1].e;
    }
    *next = k;
    return 1;
}

static sl_status scan_sentence(qctx *q, scan *sc, size_t start, size_t end, sl_error *err) {
    if (scan_items(sc, start, end) < 0)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory scanning quantities");
    q->sc = sc;
    q->end = sc->n;
    for (size_t i = 0; i < sc->n;) {
        size_t next = i + 1;
        sl_quantity x;
        unit u;
        int r = parse_quantity(q, i, &next, &x, &u);
        if (r > 0 && emit(q, &x, u.kind == UK_NONE ? "" : u.norm) < 0)
            return sl_fail(err, SL_ERR_NOMEM, "out of memory for quantities");
        i = next > i ? next : i + 1;
    }
    return SL_OK;
}

sl_status sl_find_quantities(const sl_article *a, sl_arena *ar, sl_quantity **out, size_t *n,
                             sl_error *err) {
    *out = NULL;
    *n = 0;
    scan sc = {a->text, NULL, 0, 0};
    qctx q = {&sc, 0, ar, NULL, 0, 0};
    sl_status st = SL_OK;
    for (size_t s = 0; s < a->n_sentences && st == SL_OK; s++)
        st = scan_sentence(&q, &sc, a->sentences[s].start, a->sentences[s].end, err);
    free(sc.it);
    if (st != SL_OK)
        return st;
    *out = q.out;
    *n = q.n;
    return SL_OK;
}

/* xdoc.c — cross-document entities: one cluster per real person or thing.
 *
 * Names are reduced to a spelling key (accents folded, case and titles
 * dropped, transliteration habits evened out: y/i, th/t, ph/f, doubled
 * letters), so "Yury Ushakov" meets "Yuri Ushakov" and "Zelenskyy" meets
 * "Zelensky". A person's full name joins the cluster of the same surname
 * only when the first names agree (or one side has none), so "Joe Biden"
 * and "Hunter Biden" stay apart, while a bare "Putin" joins the most
 * mentioned person of that surname. Acronyms ("NATO") join the
 * organization they abbreviate. Lookups are hashed: each add costs the
 * name's length plus a bounded walk of same-surname clusters. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "../util/map64.h"
#include "xdoc.h"
#include "entity_lex.h"
#include "../util/hash.h"

enum { MAX_TOK = 12, MAX_WALK = 64, MAX_NAME = 256 };

typedef struct cluster {
    sl_entity_type type;
    uint64_t first;   /* spelling key of the first name, 0 if unknown */
    uint64_t last;    /* of the surname (last word) */
    int32_t next_last; /* next cluster with the same surname key, -1 at end */
    uint32_t mentions;
    int multi;        /* a name of several words has been seen */
    int known;        /* named by a WordNet synset: a place or body of its own */
} cluster;


struct sl_xdoc {
    cluster *c;
    size_t n, cap;
    sl_map64 full, surname, acronym, org_first;
};

sl_xdoc *sl_xdoc_new(void) { return calloc(1, sizeof(sl_xdoc)); }

void sl_xdoc_free(sl_xdoc *x) {
    if (!x)
        return;
    free(x->c);
    sl_map64_free(&x->full);
    sl_map64_free(&x->surname);
    sl_map64_free(&x->acronym);
    sl_map64_free(&x->org_first);
    free(x);
}

/* ------------------------------------------------------------ spelling key */

typedef struct words {
    char buf[MAX_NAME];
    size_t start[MAX_TOK], len[MAX_TOK];
    size_t n;
    int caps; /* the name was written in capitals only ("NATO") */
} words;

static int title_word(const char *w, size_t n) {
    static const char *const l[] = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen",
                                    "president", "prof", "sir", "the", "st", "lt", "col",
                                    "capt", "rev", "minister", "secretary", "senator", NULL};
    for (size_t i = 0; l[i]; i++)
        if (strlen(l[i]) == n && !memcmp(l[i], w, n))
            return 1;
    return 0;
}

/* Fold to lowercase ASCII letters and digits, one space between words;
 * possessives, titles and punctuation go. */
static void split_name(const char *name, words *w) {
    memset(w, 0, sizeof *w);
    utf8proc_uint8_t *f = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)name, 0, &f,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                          UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    const char *s = n >= 0 && f ? (const char *)f : name;
    size_t len = n >= 0 && f ? (size_t)n : strlen(name);
    int upper = 0, lowerc = 0;
    for (const char *p = name; *p; p++) {
        upper += *p >= 'A' && *p <= 'Z';
        lowerc += *p >= 'a' && *p <= 'z';
    }
    w->caps = upper >= 2 && !lowerc;
    size_t m = 0;
    for (size_t i = 0; i < len && w->n < MAX_TOK;) {
        while (i < len && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
            i++;
        size_t st = m;
        while (i < len && m + 1 < MAX_NAME) {
            char ch = s[i];
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
                w->buf[m++] = ch;
            else if (ch != '.' && ch != '-' && ch != '\'')
                break;
            else if (ch == '\'' && i + 1 < len && s[i + 1] == 's' &&
                     (i + 2 == len || s[i + 2] == ' ')) {
                i += 2; /* possessive */
                break;
            } else if (ch == '-' && m > st)
                break; /* "al-Assad" keeps "al" and "assad" apart */
            i++;
        }
        if (m == st)
            continue;
        if (title_word(w->buf + st, m - st) && w->n + 1 < MAX_TOK && i < len) {
            m = st;
            continue;
        }
        w->start[w->n] = st;
        w->len[w->n++] = m - st;
    }
    free(f);
}

/* A key that ignores common transliteration differences. */
static uint64_t spell_key(const char *s, size_t n) {
    char out[MAX_NAME];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == 'y')
            ch = 'i';
        else if (ch == 'h' && m > 0 && strchr("tpkcgz", out[m - 1]) && i > 0) {
            if (out[m - 1] == 'p')
                out[m - 1] = 'f';
            continue; /* th -> t, kh -> k, ph -> f */
        } else if (ch == 'w')
            ch = 'v';
        else if (ch == 'j' && m == 0 && n > 1 && s[1] != 'o')
            ch = 'i'; /* Jevgeny/Yevgeny, but not John */
        if (m > 0 && out[m - 1] == ch)
            continue;
        out[m++] = ch;
    }
    /* a final -iy/-ii/-i ending is one sound: Zelenskyy/Zelensky/Zelenskiy */
    while (m > 1 && out[m - 1] == 'i' && out[m - 2] == 'i')
        m--;
    uint64_t h = sl_hash64(out, m, 0x7d0c);
    return h ? h : 1;
}

static uint64_t words_key(const words *w, size_t from) {
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (size_t i = from; i < w->n; i++)
        h = sl_hash_mix64(h ^ spell_key(w->buf + w->start[i], w->len[i]));
    return h ? h : 1;
}

/* "Apple Inc." is "Apple": legal-form words say nothing of identity. */
static void strip_org_suffix(words *w) {
    static const char *const l[] = {"inc", "corp", "corporation", "co", "company", "llc",
                                    "plc", "ltd", "limited", "group", "sa", "ag", "nv",
                                    "gmbh", "holdings", NULL};
    while (w->n > 1) {
        const char *s = w->buf + w->start[w->n - 1];
        size_t n = w->len[w->n - 1], i = 0;
        while (l[i] && !(strlen(l[i]) == n && !memcmp(l[i], s, n)))
            i++;
        if (!l[i])
            return;
        w->n--;
    }
}

/* The WordNet synset of a place or organization name: "US", "U.S.",
 * "United States" and "America" share one. 0 when unknown. */
static unsigned synset_of(const words *w) {
    char buf[MAX_NAME];
    size_t m = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (m + w->len[i] + 1 >= sizeof buf)
            return 0;
        if (i)
            buf[m++] = ' ';
        memcpy(buf + m, w->buf + w->start[i], w->len[i]);
        m += w->len[i];
    }
    const sl_entlex_entry *e = sl_entlex_find(buf, m);
    return e && (e->flags & (SL_LEX_LOC | SL_LEX_ORG)) && !(e->flags & SL_LEX_PER) ? e->synset
                                                                                    : 0;
}

/* ------------------------------------------------------------------ adding */

static int32_t new_cluster(sl_xdoc *x, sl_entity_type t) {
    if (x->n == x->cap) {
        size_t cap = x->cap ? 2 * x->cap : 256;
        cluster *p = realloc(x->c, cap * sizeof *p);
        if (!p)
            return -1;
        x->c = p;
        x->cap = cap;
    }
    x->c[x->n] = (cluster){t, 0, 0, -1, 0, 0, 0};
    return (int32_t)x->n++;
}

static int person_like(sl_entity_type t) { return t == SL_ENT_PERSON || t == SL_ENT_OTHER; }

/* Same first name: equal keys, or an initial that starts the other. */
static int first_agrees(uint64_t a, uint64_t b, char ia, char ib) {
    (void)ia, (void)ib;
    return a == b;
}

/* The cluster a surname-bearing name belongs to, or -1. */
static int32_t by_surname(sl_xdoc *x, const words *w, sl_entity_type t, uint64_t last) {
    int32_t head = sl_map64_get(&x->surname, last), best = -1;
    uint64_t first = w->n > 1 ? spell_key(w->buf + w->start[0], w->len[0]) : 0;
    int fullname_seen = 0;
    int k = 0;
    for (int32_t c = head; c >= 0 && k < MAX_WALK; c = x->c[c].next_last, k++) {
        const cluster *cl = &x->c[c];
        if (!person_like(cl->type) && !(person_like(t) && cl->type == t))
            continue;
        if (w->n > 1 && cl->first) {
            fullname_seen = 1;
            if (first_agrees(first, cl->first, 0, 0))
                return c;
            continue;
        }
        if (best < 0 || cl->mentions > x->c[best].mentions ||
            (w->n == 1 && cl->first && !x->c[best].first))
            best = c;
    }
    /* a full name never joins a bare surname another full name has claimed */
    if (w->n > 1 && best >= 0 && x->c[best].first)
        return -1;
    (void)fullname_seen;
    return best;
}

static int link_surname(sl_xdoc *x, int32_t c, uint64_t last) {
    if (x->c[c].last)
        return 0;
    x->c[c].last = last;
    x->c[c].next_last = sl_map64_get(&x->surname, last);
    return sl_map64_put(&x->surname, last, c);
}

int sl_xdoc_add(sl_xdoc *x, uint64_t doc, const char *name, sl_entity_type t,
                uint32_t *cluster_out) {
    (void)doc;
    words w;
    split_name(name, &w);
    if (w.n == 0) {
        int32_t c = new_cluster(x, t);
        if (c < 0)
            return -1;
        x->c[c].mentions++;
        *cluster_out = (uint32_t)c;
        return 0;
    }
    if (t == SL_ENT_ORG || t == SL_ENT_OTHER)
        strip_org_suffix(&w);
    /* Whether a phrase of several words ("Apple Computer", "United Auto
     * Workers") was typed an organization or left untyped depends on
     * cues of one article: its links across articles must not, so
     * untyped names of several words take the organization's paths. */
    int org = t == SL_ENT_ORG || (t == SL_ENT_OTHER && w.n > 1);
    int per = t == SL_ENT_PERSON || (t == SL_ENT_OTHER && w.n == 1);
    uint64_t full = words_key(&w, 0);
    unsigned syn = synset_of(&w);
    if (syn)
        full = sl_hash_mix64(0x5ca1ab1eull ^ syn);
    uint64_t last = spell_key(w.buf + w.start[w.n - 1], w.len[w.n - 1]);
    uint64_t first_word = spell_key(w.buf + w.start[0], w.len[0]);
    int32_t c = sl_map64_get(&x->full, full);
    if (c < 0 && per)
        c = by_surname(x, &w, t, last);
    if (c < 0 && w.n == 1 && w.caps)
        c = sl_map64_get(&x->acronym, full);
    /* "Ford" and "Ford Motor": an organization by its first word */
    if (c < 0 && org && w.n == 1)
        c = sl_map64_get(&x->org_first, first_word);
    if (c < 0 && org && w.n > 1) {
        words one = w;
        one.n = 1;
        int32_t o = sl_map64_get(&x->full, words_key(&one, 0));
        if (o >= 0 && !x->c[o].multi && !x->c[o].known && !x->c[o].first &&
            (x->c[o].type == SL_ENT_ORG || x->c[o].type == SL_ENT_PERSON))
            c = o;
    }
    if (c < 0 && (c = new_cluster(x, t)) < 0)
        return -1;
    cluster *cl = &x->c[c];
    cl->mentions++;
    if (syn)
        cl->known = 1;
    if (cl->type == SL_ENT_OTHER && t != SL_ENT_OTHER)
        cl->type = t;
    if (sl_map64_get(&x->full, full) < 0 && sl_map64_put(&x->full, full, c))
        return -1;
    if (w.n > 1 && !cl->first && per && w.len[0] > 1)
        cl->first = spell_key(w.buf + w.start[0], w.len[0]);
    if (w.n > 1)
        cl->multi = 1;
    if (per && link_surname(x, c, last))
        return -1;
    if (org && (sl_map64_get(&x->org_first, first_word) < 0 ||
                            x->c[sl_map64_get(&x->org_first, first_word)].mentions < cl->mentions) &&
        sl_map64_put(&x->org_first, first_word, c))
        return -1;
    if (w.n > 1 && (org || t == SL_ENT_PLACE)) {
        char acr[MAX_TOK];
        size_t m = 0;
        for (size_t i = 0; i < w.n; i++)
            if (!(w.len[i] == 2 && !memcmp(w.buf + w.start[i], "of", 2)) &&
                !(w.len[i] == 3 && !memcmp(w.buf + w.start[i], "and", 3)))
                acr[m++] = w.buf[w.start[i]];
        if (m >= 2) {
            words a = {.n = 1};
            memcpy(a.buf, acr, m);
            a.len[0] = m;
            uint64_t k = words_key(&a, 0);
            if (sl_map64_get(&x->acronym, k) < 0 && sl_map64_put(&x->acronym, k, c))
                return -1;
        }
    }
    *cluster_out = (uint32_t)c;
    return 0;
}

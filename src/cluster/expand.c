/* expand.c — a doc vector plus its nearest recent articles (see expand.h). */
#include "expand.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    RING = 300,      /* recent articles looked at: a few days of a busy feed */
    NEIGHBOURS = 5,  /* articles added to a vector at most */
    MAX_MERGED = (NEIGHBOURS + 1) * SL_EXPAND_TERMS,
};

/* Below this cosine a "neighbour" shares only common words: adding it
 * would drag the article towards whatever came before it. */
static const float MIN_SIMILARITY = 0.2f;

/* The recent articles' vectors sit in a ring of slots (slot-major arrays),
 * and their terms in buckets of postings by term hash. A topic word of the
 * week is in a hundred recent articles: its postings are one contiguous
 * run, where a chain through the ring was a hundred dependent misses.
 * Nothing is removed when a slot is overwritten: a posting names its
 * article's number, which is live while within the last RING; dead ones
 * are squeezed out when their bucket is full, so a bucket holds at most
 * twice its live postings. */
enum { BUCKET_BITS = 14, SWEEP_EVERY = 2048, SWEEP = (1 << BUCKET_BITS) / SWEEP_EVERY };

/* 16 bytes, where the full number and its slot made 24: the scan reads
 * a third less. The low 32 bits of the number tell its age (a posting
 * lives RING articles and no bucket keeps a dead one past a sweep, far
 * short of a wrap), and its age the slot. */
typedef struct xpost {
    uint64_t term;
    float w;
    uint32_t seq; /* the article's number, low 32 bits */
} xpost;

typedef struct xbucket {
    xpost *p;
    uint32_t n, cap;
} xbucket;

struct sl_expander {
    uint64_t *term; /* RING * SL_EXPAND_TERMS */
    float *w;
    uint32_t *n_terms; /* per ring slot */
    uint64_t *slot_seq; /* per ring slot: the article's number */
    uint64_t seq;       /* articles added */
    xbucket *b;         /* 1 << BUCKET_BITS */
    uint32_t sweep;     /* next bucket to sweep */
    float acc[RING];
    uint32_t cand[RING + 1]; /* candidates of one call, in scan order (+1: written ahead) */
    float cand_dot[RING];
    uint64_t *mterm; /* merge buffers */
    float *mw, *keep;
};

sl_expander *sl_expander_new(void) {
    sl_expander *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->term = calloc((size_t)RING * SL_EXPAND_TERMS, sizeof *x->term);
    x->w = calloc((size_t)RING * SL_EXPAND_TERMS, sizeof *x->w);
    x->n_terms = calloc(RING, sizeof *x->n_terms);
    x->slot_seq = calloc(RING, sizeof *x->slot_seq);
    x->b = calloc((size_t)1 << BUCKET_BITS, sizeof *x->b);
    x->mterm = malloc(2 * MAX_MERGED * sizeof *x->mterm);
    x->mw = malloc(2 * MAX_MERGED * sizeof *x->mw);
    x->keep = malloc(MAX_MERGED * sizeof *x->keep);
    if (!x->term || !x->w || !x->n_terms || !x->slot_seq || !x->b || !x->mterm || !x->mw ||
        !x->keep) {
        sl_expander_free(x);
        return NULL;
    }
    return x;
}

void sl_expander_free(sl_expander *x) {
    if (!x)
        return;
    free(x->term);
    free(x->w);
    free(x->n_terms);
    free(x->slot_seq);
    for (size_t i = 0; x->b && i < (size_t)1 << BUCKET_BITS; i++)
        free(x->b[i].p);
    free(x->b);
    free(x->mterm);
    free(x->mw);
    free(x->keep);
    free(x);
}

size_t sl_expander_memory(const sl_expander *x) {
    size_t posts = 0;
    for (size_t i = 0; i < (size_t)1 << BUCKET_BITS; i++)
        posts += x->b[i].cap;
    return sizeof *x + (size_t)RING * SL_EXPAND_TERMS * (sizeof *x->term + sizeof *x->w) +
           RING * (sizeof *x->n_terms + sizeof *x->slot_seq) +
           ((size_t)1 << BUCKET_BITS) * sizeof *x->b + posts * sizeof(xpost) +
           2 * MAX_MERGED * (sizeof *x->mterm + sizeof *x->mw) + MAX_MERGED * sizeof *x->keep;
}

uint32_t sl_expander_count(const sl_expander *x) {
    return x->seq < RING ? (uint32_t)x->seq : RING;
}

int sl_expander_get(const sl_expander *x, uint32_t i, sl_tvec *out) {
    uint32_t slot = (uint32_t)((x->seq - sl_expander_count(x) + i) % RING), n = x->n_terms[slot];
    if (sl_tvec_reserve(out, n ? n : 1) < 0)
        return -1;
    memcpy(out->term, x->term + (size_t)slot * SL_EXPAND_TERMS, n * sizeof *out->term);
    memcpy(out->w, x->w + (size_t)slot * SL_EXPAND_TERMS, n * sizeof *out->w);
    out->n = n;
    return 0;
}

static uint32_t bucket_of(uint64_t term) {
    return (uint32_t)(term >> 40) & ((1u << BUCKET_BITS) - 1);
}

/* Whether article number seq is in the ring when `newest` is the last
 * article in it (both their low 32 bits). */
static int live(uint32_t newest, uint32_t seq) {
    return newest - seq < RING;
}

/* Drops the dead postings of b (x->seq: the article being added is the
 * newest); with trim, gives back an empty block or half of a quarter-full
 * one (the sweep does, not a full bucket about to take a posting). */
static void squeeze(sl_expander *x, xbucket *b, int trim) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < b->n; i++)
        if (live((uint32_t)x->seq, b->p[i].seq))
            b->p[n++] = b->p[i];
    b->n = n;
    if (!trim)
        return;
    if (!n) {
        free(b->p);
        b->p = NULL;
        b->cap = 0;
    } else if (b->cap > 4 && n * 4 <= b->cap) {
        xpost *p = realloc(b->p, (b->cap / 2) * sizeof *p);
        if (p) { /* else keep the larger block */
            b->p = p;
            b->cap /= 2;
        }
    }
}

/* A posting appended; a full bucket first drops its dead postings. */
static int post(sl_expander *x, uint64_t term, float w) {
    xbucket *b = &x->b[bucket_of(term)];
    if (b->n == b->cap)
        squeeze(x, b, 0);
    if (b->n == b->cap) {
        uint32_t cap = b->cap ? b->cap * 2 : 4;
        xpost *p = realloc(b->p, cap * sizeof *p);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    b->p[b->n++] = (xpost){term, w, (uint32_t)x->seq};
    return 0;
}

int sl_expander_add(sl_expander *x, const sl_tvec *doc) {
    uint32_t slot = (uint32_t)(x->seq % RING), n = doc->n;
    if (n > SL_EXPAND_TERMS)
        n = SL_EXPAND_TERMS;
    uint64_t *t = x->term + (size_t)slot * SL_EXPAND_TERMS;
    float *w = x->w + (size_t)slot * SL_EXPAND_TERMS;
    if (n) { /* an empty vector may have no arrays */
        memcpy(t, doc->term, n * sizeof *t);
        memcpy(w, doc->w, n * sizeof *w);
    }
    x->n_terms[slot] = n;
    x->slot_seq[slot] = x->seq;
    int rc = 0;
    for (uint32_t i = 0; i < n && !rc; i++)
        rc = post(x, t[i], w[i]);
    /* Buckets no new term falls into would keep their dead postings: a
     * few are swept each time, all of them every SWEEP_EVERY articles. */
    for (uint32_t i = 0; i < SWEEP; i++)
        squeeze(x, &x->b[x->sweep++ & ((1u << BUCKET_BITS) - 1)], 1);
    x->seq++;
    return rc;
}

/* The recent articles sharing a term with doc, with their cosines, in the
 * order a scan of doc's terms meets them, newest first among those met at
 * the same term (the order ties are settled in); returns how many.
 *
 * A bucket keeps its postings in arrival order (appends at the end,
 * squeezing keeps order), so its dead postings are a prefix: it is read
 * from the end back to the first dead one, newest first, and the dead
 * ones (half of what a front-to-back scan met) are never read. */
static uint32_t candidates(sl_expander *x, const sl_tvec *doc) {
    uint32_t n = 0;
    uint32_t newest = (uint32_t)(x->seq - 1), newest_slot = (uint32_t)((x->seq - 1) % RING);
    enum { PF = 6 }; /* postings asked for PF terms ahead of their scan */
    for (uint32_t i = 0; i < doc->n; i++)
        __builtin_prefetch(&x->b[bucket_of(doc->term[i])]);
    for (uint32_t i = 0; i < PF && i < doc->n; i++) {
        const xbucket *b = &x->b[bucket_of(doc->term[i])];
        if (b->n)
            __builtin_prefetch(&b->p[b->n - 1]);
    }
    for (uint32_t i = 0; i < doc->n; i++) {
        if (i + PF < doc->n) {
            const xbucket *a = &x->b[bucket_of(doc->term[i + PF])];
            if (a->n) {
                __builtin_prefetch(&a->p[a->n - 1]);
                __builtin_prefetch(&a->p[a->n > 4 ? a->n - 5 : 0]);
            }
        }
        const xbucket *b = &x->b[bucket_of(doc->term[i])];
        uint64_t t = doc->term[i];
        float w = doc->w[i];
        for (uint32_t k = b->n; k-- > 0;) {
            const xpost *p = &b->p[k];
            uint32_t age = newest - p->seq;
            if (age >= RING)
                break; /* dead, and so is all before it */
            /* no branch on whether the posting is of this term or its
             * article met before (as in tindex.c's dots) */
            uint32_t match = p->term == t;
            uint32_t slot = age <= newest_slot ? newest_slot - age : newest_slot + RING - age;
            x->cand[n] = slot;
            n += match & (x->acc[slot] == 0);
            x->acc[slot] += w * p->w * (float)match;
        }
    }
    for (uint32_t k = 0; k < n; k++) {
        x->cand_dot[k] = x->acc[x->cand[k]];
        x->acc[x->cand[k]] = 0;
    }
    return n;
}

/* The NEIGHBOURS best slots at or above MIN_SIMILARITY. */
static uint32_t best_slots(sl_expander *x, uint32_t nc, uint32_t *best, float *sim) {
    uint32_t n = 0;
    for (uint32_t t = 0; t < nc; t++) {
        uint32_t slot = x->cand[t];
        float s = x->cand_dot[t];
        if (s < MIN_SIMILARITY)
            continue;
        uint32_t j = n < NEIGHBOURS ? n++ : NEIGHBOURS;
        if (j == NEIGHBOURS && s <= sim[NEIGHBOURS - 1])
            continue;
        if (j == NEIGHBOURS)
            j--;
        while (j > 0 && sim[j - 1] < s) { /* insertion into a short sorted list */
            best[j] = best[j - 1];
            sim[j] = sim[j - 1];
            j--;
        }
        best[j] = slot;
        sim[j] = s;
    }
    return n;
}

/* out = a + s * (slot's vector), both sorted by term; returns out's length.
 * Which side comes next is a coin toss to the branch predictor, so each
 * step takes the smaller term and adds what each side has there (adding
 * 0 leaves a weight as it was, as does a product by 1: the same sums as
 * a branching merge). */
static uint32_t merge(const uint64_t *at, const float *aw, uint32_t an, const uint64_t *bt,
                      const float *bw, uint32_t bn, float s, uint64_t *ot, float *ow) {
    uint32_t i = 0, j = 0, n = 0;
    while (i < an && j < bn) {
        uint64_t a = at[i], b = bt[j];
        float va = aw[i], vb = s * bw[j];
        uint32_t ta = a <= b, tb = b <= a;
        ot[n] = ta ? a : b;
        ow[n++] = va * (float)ta + vb * (float)tb; /* times 1 or 0: no branch */
        i += ta;
        j += tb;
    }
    for (; i < an; i++, n++) {
        ot[n] = at[i];
        ow[n] = aw[i];
    }
    for (; j < bn; j++, n++) {
        ot[n] = bt[j];
        ow[n] = s * bw[j];
    }
    return n;
}

int sl_expander_expand(sl_expander *x, sl_tvec *doc, uint32_t k) {
    if (!doc->n)
        return 0;
    uint32_t nc = candidates(x, doc);
    uint32_t best[NEIGHBOURS];
    float sim[NEIGHBOURS];
    uint32_t nb = best_slots(x, nc, best, sim);
    if (!nb)
        return 0;
    uint64_t *t0 = x->mterm, *t1 = x->mterm + MAX_MERGED;
    float *w0 = x->mw, *w1 = x->mw + MAX_MERGED;
    uint32_t n = doc->n > SL_EXPAND_TERMS ? SL_EXPAND_TERMS : doc->n;
    memcpy(t0, doc->term, n * sizeof *t0);
    memcpy(w0, doc->w, n * sizeof *w0);
    for (uint32_t i = 0; i < nb; i++) {
        size_t at = (size_t)best[i] * SL_EXPAND_TERMS;
        n = merge(t0, w0, n, x->term + at, x->w + at, x->n_terms[best[i]], sim[i], t1, w1);
        uint64_t *tt = t0;
        float *tw = w0;
        t0 = t1, w0 = w1, t1 = tt, w1 = tw;
    }
    float cut = 0;
    if (n > k) {
        memcpy(x->keep, w0, n * sizeof *w0);
        cut = sl_kth_largest(x->keep, n, k);
    }
    if (sl_tvec_reserve(doc, k < n ? k : n) < 0)
        return -1;
    /* Kept or not is a coin toss to the branch predictor (a quarter of
     * the terms are): each is written, and the count moves past the kept
     * ones only (m <= i, and m < k: within what was reserved). */
    uint32_t m = 0;
    for (uint32_t i = 0; i < n && m < k; i++) {
        float w = w0[i];
        doc->term[m] = t0[i];
        doc->w[m] = w;
        m += (w >= cut) & (w > 0);
    }
    doc->n = m;
    float norm = sl_tvec_norm(doc);
    for (uint32_t i = 0; norm > 0 && i < m; i++)
        doc->w[i] /= norm;
    return 0;
}

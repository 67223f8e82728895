/* expand.c — a doc vector plus its nearest recent articles (see expand.h). */
#include "expand.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    RING = 300,      /* recent articles looked at: a few days of a busy feed */
    NEIGHBOURS = 5,  /* articles added to a vector at most */
    BUCKET_BITS = 15, /* term index heads; RING * 64 live entries */
    MAX_MERGED = (NEIGHBOURS + 1) * SL_EXPAND_TERMS,
};

/* Below this cosine a "neighbour" shares only common words: adding it
 * would drag the article towards whatever came before it. */
static const float MIN_SIMILARITY = 0.2f;

#define NO_ENTRY UINT32_MAX

/* One term of one recent article. Entries of a bucket are chained newest
 * first, and an article's own entries by falling position, so a true chain
 * falls strictly in (article, position). A ring slot is overwritten in
 * place: a chain ends at the first entry that breaks that order (it was
 * overwritten) or has left the ring; nothing is ever unlinked. */
typedef struct entry {
    uint64_t term;
    uint64_t seq;
    float w;
    uint32_t next;
} entry;

struct sl_expander {
    entry *ent;        /* RING * SL_EXPAND_TERMS, slot-major */
    uint32_t *n_terms; /* per ring slot */
    uint32_t *head;    /* 1 << BUCKET_BITS */
    uint64_t seq;      /* articles added */
    float acc[RING];
    uint32_t touched[RING], n_touched;
    uint64_t *mterm; /* merge buffers */
    float *mw, *keep;
};

sl_expander *sl_expander_new(void) {
    sl_expander *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->ent = calloc((size_t)RING * SL_EXPAND_TERMS, sizeof *x->ent);
    x->n_terms = calloc(RING, sizeof *x->n_terms);
    x->head = malloc(((size_t)1 << BUCKET_BITS) * sizeof *x->head);
    x->mterm = malloc(2 * MAX_MERGED * sizeof *x->mterm);
    x->mw = malloc(2 * MAX_MERGED * sizeof *x->mw);
    x->keep = malloc(MAX_MERGED * sizeof *x->keep);
    if (!x->ent || !x->n_terms || !x->head || !x->mterm || !x->mw || !x->keep) {
        sl_expander_free(x);
        return NULL;
    }
    memset(x->head, 0xff, ((size_t)1 << BUCKET_BITS) * sizeof *x->head);
    return x;
}

void sl_expander_free(sl_expander *x) {
    if (!x)
        return;
    free(x->ent);
    free(x->n_terms);
    free(x->head);
    free(x->mterm);
    free(x->mw);
    free(x->keep);
    free(x);
}

size_t sl_expander_memory(const sl_expander *x) {
    return sizeof *x + (size_t)RING * SL_EXPAND_TERMS * sizeof *x->ent +
           RING * sizeof *x->n_terms + ((size_t)1 << BUCKET_BITS) * sizeof *x->head +
           2 * MAX_MERGED * (sizeof *x->mterm + sizeof *x->mw) + MAX_MERGED * sizeof *x->keep;
}

uint32_t sl_expander_count(const sl_expander *x) {
    return x->seq < RING ? (uint32_t)x->seq : RING;
}

int sl_expander_get(const sl_expander *x, uint32_t i, sl_tvec *out) {
    uint32_t slot = (uint32_t)((x->seq - sl_expander_count(x) + i) % RING), n = x->n_terms[slot];
    if (sl_tvec_reserve(out, n ? n : 1) < 0)
        return -1;
    const entry *e = &x->ent[(size_t)slot * SL_EXPAND_TERMS];
    for (uint32_t k = 0; k < n; k++) {
        out->term[k] = e[k].term;
        out->w[k] = e[k].w;
    }
    out->n = n;
    return 0;
}

static uint32_t bucket(uint64_t term) {
    return (uint32_t)(term >> 17) & ((1u << BUCKET_BITS) - 1);
}

void sl_expander_add(sl_expander *x, const sl_tvec *doc) {
    uint32_t slot = (uint32_t)(x->seq % RING), n = doc->n;
    if (n > SL_EXPAND_TERMS)
        n = SL_EXPAND_TERMS;
    entry *e = &x->ent[(size_t)slot * SL_EXPAND_TERMS];
    for (uint32_t i = 0; i < n; i++) {
        uint32_t b = bucket(doc->term[i]);
        e[i] = (entry){doc->term[i], x->seq, doc->w[i], x->head[b]};
        x->head[b] = slot * SL_EXPAND_TERMS + i;
    }
    x->n_terms[slot] = n;
    x->seq++;
}

/* Cosines of doc to the recent articles sharing a term with it, into acc. */
static void score_recent(sl_expander *x, const sl_tvec *doc) {
    x->n_touched = 0;
    uint64_t oldest = x->seq > RING ? x->seq - RING : 0;
    /* The heads, then the first two entries, are asked for all at once: the
     * ring is larger than the near caches, and the walks would otherwise
     * wait for their misses one after another. */
    uint32_t first[MAX_MERGED];
    uint32_t n = doc->n < MAX_MERGED ? doc->n : MAX_MERGED;
    for (uint32_t i = 0; i < n; i++)
        __builtin_prefetch(&x->head[bucket(doc->term[i])]);
    for (uint32_t i = 0; i < n; i++) {
        first[i] = x->head[bucket(doc->term[i])];
        if (first[i] != NO_ENTRY)
            __builtin_prefetch(&x->ent[first[i]]);
    }
    for (uint32_t i = 0; i < n; i++) /* and the second: chains are short */
        if (first[i] != NO_ENTRY && x->ent[first[i]].next != NO_ENTRY)
            __builtin_prefetch(&x->ent[x->ent[first[i]].next]);
    for (uint32_t i = 0; i < doc->n; i++) {
        uint64_t before = UINT64_MAX;
        uint32_t before_k = NO_ENTRY;
        for (uint32_t k = i < n ? first[i] : x->head[bucket(doc->term[i])]; k != NO_ENTRY;) {
            const entry *e = &x->ent[k];
            if (e->seq > before || (e->seq == before && k >= before_k) || e->seq < oldest)
                break;
            before = e->seq;
            before_k = k;
            if (e->term == doc->term[i]) {
                uint32_t slot = k / SL_EXPAND_TERMS;
                if (x->acc[slot] == 0)
                    x->touched[x->n_touched++] = slot;
                x->acc[slot] += doc->w[i] * e->w;
            }
            k = e->next;
        }
    }
}

/* The NEIGHBOURS best slots at or above MIN_SIMILARITY; acc is cleared. */
static uint32_t best_slots(sl_expander *x, uint32_t *best, float *sim) {
    uint32_t n = 0;
    for (uint32_t t = 0; t < x->n_touched; t++) {
        uint32_t slot = x->touched[t];
        float s = x->acc[slot];
        x->acc[slot] = 0;
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

/* out = a + s * (slot's vector), both sorted by term; returns out's length. */
static uint32_t merge(const uint64_t *at, const float *aw, uint32_t an, const entry *b,
                      uint32_t bn, float s, uint64_t *ot, float *ow) {
    uint32_t i = 0, j = 0, n = 0;
    while (i < an || j < bn) {
        if (j >= bn || (i < an && at[i] < b[j].term)) {
            ot[n] = at[i];
            ow[n++] = aw[i++];
        } else if (i >= an || b[j].term < at[i]) {
            ot[n] = b[j].term;
            ow[n++] = s * b[j++].w;
        } else {
            ot[n] = at[i];
            ow[n++] = aw[i++] + s * b[j++].w;
        }
    }
    return n;
}

/* The k-th largest of v[0..n) (v is reordered): quickselect, linear on
 * average; n is at most MAX_MERGED, so even its worst case is bounded. */
static float kth_largest(float *v, uint32_t n, uint32_t k) {
    uint32_t lo = 0, hi = n - 1, want = k - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2, s = lo;
        float t = v[mid];
        v[mid] = v[hi];
        v[hi] = t;
        for (uint32_t i = lo; i < hi; i++)
            if (v[i] > t) {
                float u = v[i];
                v[i] = v[s];
                v[s++] = u;
            }
        v[hi] = v[s];
        v[s] = t;
        if (want == s)
            return t;
        if (want < s)
            hi = s - 1;
        else
            lo = s + 1;
    }
    return v[lo];
}

int sl_expander_expand(sl_expander *x, sl_tvec *doc, uint32_t k) {
    if (!doc->n)
        return 0;
    score_recent(x, doc);
    uint32_t best[NEIGHBOURS];
    float sim[NEIGHBOURS];
    uint32_t nb = best_slots(x, best, sim);
    if (!nb)
        return 0;
    uint64_t *t0 = x->mterm, *t1 = x->mterm + MAX_MERGED;
    float *w0 = x->mw, *w1 = x->mw + MAX_MERGED;
    uint32_t n = doc->n > SL_EXPAND_TERMS ? SL_EXPAND_TERMS : doc->n;
    memcpy(t0, doc->term, n * sizeof *t0);
    memcpy(w0, doc->w, n * sizeof *w0);
    for (uint32_t i = 0; i < nb; i++) {
        const entry *e = &x->ent[(size_t)best[i] * SL_EXPAND_TERMS];
        n = merge(t0, w0, n, e, x->n_terms[best[i]], sim[i], t1, w1);
        uint64_t *tt = t0;
        float *tw = w0;
        t0 = t1, w0 = w1, t1 = tt, w1 = tw;
    }
    float cut = 0;
    if (n > k) {
        memcpy(x->keep, w0, n * sizeof *w0);
        cut = kth_largest(x->keep, n, k);
    }
    if (sl_tvec_reserve(doc, k < n ? k : n) < 0)
        return -1;
    uint32_t m = 0;
    for (uint32_t i = 0; i < n && m < k; i++)
        if (w0[i] >= cut && w0[i] > 0) {
            doc->term[m] = t0[i];
            doc->w[m++] = w0[i];
        }
    doc->n = m;
    float norm = sl_tvec_norm(doc);
    for (uint32_t i = 0; norm > 0 && i < m; i++)
        doc->w[i] /= norm;
    return 0;
}

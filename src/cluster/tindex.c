/* tindex.c — postings of open centroids by term (see tindex.h). */
#include "tindex.h"

#include <stdlib.h>
#include <string.h>

enum {
    BUCKET_BITS = 15,
    SWEEP = 8, /* buckets trimmed per update: all of them every 4096 updates */
};

typedef struct posting {
    uint64_t term;
    uint32_t h;
    float w;
} posting;

/* A bucket is one cache line holding its first INLINE postings, and a
 * block for the rest: most buckets hold one to three postings, and a
 * lookup then costs one miss, where the header and its block were two
 * dependent ones. */
enum { INLINE = 3, LINE = 64 };

typedef struct bucket {
    uint32_t n, cap; /* postings; the block's size */
    posting *more;   /* postings INLINE..n-1 */
    posting in[INLINE];
} bucket;

_Static_assert(sizeof(bucket) == LINE, "a bucket is one cache line");

static inline posting *at(bucket *b, uint32_t i) {
    return i < INLINE ? &b->in[i] : &b->more[i - INLINE];
}

struct sl_tindex {
    bucket *b; /* 1 << BUCKET_BITS */
    size_t postings;
    uint32_t sweep; /* next bucket to trim */
    uint32_t n_handles, cap_handles;
    uint32_t *free_h, n_free;
    uint32_t *slot;    /* per handle, the caller's */
    float *acc;        /* per handle, zero between calls */
    uint8_t *seen;     /* per handle, zero between calls */
    uint32_t *touched; /* handles met by the current call */
    float *dots;
    struct op *ops; /* sync's changes, or those sl_tindex_merge noted */
    uint32_t cap_ops, n_ops;
};

/* The high bits: the low ones already pick slots in the centroid and DF
 * tables, and a bucket should not follow them. */
static uint32_t bucket_of(uint64_t term) {
    return (uint32_t)(term >> 40) & ((1u << BUCKET_BITS) - 1);
}

sl_tindex *sl_tindex_new(void) {
    sl_tindex *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    /* 2 MiB of buckets, read at random: on a huge page (aligned, so also
     * one cache line a bucket) they stop missing the TLB too */
    x->b = sl_big_zalloc(((size_t)1 << BUCKET_BITS) * sizeof *x->b);
    if (!x->b) {
        free(x);
        return NULL;
    }
    return x;
}

void sl_tindex_free(sl_tindex *x) {
    if (!x)
        return;
    for (size_t i = 0; i < (size_t)1 << BUCKET_BITS; i++)
        free(x->b[i].more);
    free(x->b);
    free(x->free_h);
    free(x->slot);
    free(x->acc);
    free(x->seen);
    free(x->touched);
    free(x->dots);
    free(x->ops);
    free(x);
}

size_t sl_tindex_memory(const sl_tindex *x) {
    size_t m = sizeof *x + ((size_t)1 << BUCKET_BITS) * sizeof *x->b;
    for (size_t i = 0; i < (size_t)1 << BUCKET_BITS; i++)
        m += x->b[i].cap * sizeof(posting);
    return m + (size_t)x->cap_handles * (3 * sizeof(uint32_t) + 2 * sizeof(float) + 1);
}

#define GROW(p, cap)                                                   \
    do {                                                               \
        void *q_ = realloc((p), (size_t)(cap) * sizeof *(p));          \
        if (!q_)                                                       \
            return -1;                                                 \
        (p) = q_;                                                      \
    } while (0)

static int grow_handles(sl_tindex *x) {
    uint32_t cap = x->cap_handles ? x->cap_handles * 2 : 64;
    GROW(x->free_h, cap);
    GROW(x->slot, cap);
    GROW(x->acc, cap);
    GROW(x->seen, cap);
    GROW(x->touched, cap + 1); /* + 1: dots writes one ahead */
    GROW(x->dots, cap);
    memset(x->acc + x->cap_handles, 0, (cap - x->cap_handles) * sizeof *x->acc);
    memset(x->seen + x->cap_handles, 0, (cap - x->cap_handles) * sizeof *x->seen);
    x->cap_handles = cap;
    return 0;
}

int sl_tindex_handle(sl_tindex *x, uint32_t *h) {
    if (x->n_free) {
        *h = x->free_h[--x->n_free];
        return 0;
    }
    if (x->n_handles == x->cap_handles && grow_handles(x) < 0)
        return -1;
    *h = x->n_handles++;
    x->slot[*h] = 0;
    return 0;
}

void sl_tindex_set_slot(sl_tindex *x, uint32_t h, uint32_t slot) {
    x->slot[h] = slot;
}

uint32_t sl_tindex_slot(const sl_tindex *x, uint32_t h) {
    return x->slot[h];
}

static posting *find(bucket *b, uint64_t term, uint32_t h) {
    for (uint32_t i = 0; i < b->n; i++) {
        posting *p = at(b, i);
        if (p->term == term && p->h == h)
            return p;
    }
    return NULL;
}

/* Order inside a bucket does not matter: a handle has one posting per term. */
static void drop(sl_tindex *x, uint64_t term, uint32_t h) {
    bucket *b = &x->b[bucket_of(term)];
    posting *p = find(b, term, h);
    if (!p)
        return;
    *p = *at(b, --b->n);
    x->postings--;
}

/* A quarter-full block gives back half of itself, and a block whose
 * postings all fit inline again is freed, so memory follows the open
 * centroids down as the vocabulary moves on (kept, such blocks added up
 * over a long replay). Done by a sweep over a few buckets per update, not
 * on each drop, and never below MIN_CAP postings otherwise: freeing an
 * emptied block only to allocate it again an article later was most of
 * the index's upkeep. */
enum { MIN_CAP = 4 };

static void trim(bucket *b) {
    uint32_t over = b->n > INLINE ? b->n - INLINE : 0;
    if (!over && b->cap) { /* all inline again: the sweep comes by rarely, so no churn */
        free(b->more);
        b->more = NULL;
        b->cap = 0;
    } else if (b->cap > MIN_CAP && over * 4 <= b->cap) {
        posting *q = realloc(b->more, (b->cap / 2) * sizeof *q);
        if (q) { /* else keep the larger block */
            b->more = q;
            b->cap /= 2;
        }
    }
}

static void sweep(sl_tindex *x) {
    for (uint32_t i = 0; i < SWEEP; i++)
        trim(&x->b[x->sweep++ & ((1u << BUCKET_BITS) - 1)]);
}

static int add(sl_tindex *x, uint64_t term, uint32_t h, float w) {
    bucket *b = &x->b[bucket_of(term)];
    if (b->n >= INLINE && b->n - INLINE == b->cap) {
        uint32_t cap = b->cap ? b->cap * 2 : MIN_CAP;
        posting *p = realloc(b->more, cap * sizeof *p);
        if (!p)
            return -1;
        b->more = p;
        b->cap = cap;
    }
    *at(b, b->n++) = (posting){term, h, w};
    x->postings++;
    return 0;
}

void sl_tindex_release(sl_tindex *x, uint32_t h, const sl_tvec *sum) {
    enum { AHEAD = 8 }; /* buckets asked for ahead: their misses overlap */
    for (uint32_t i = 0; i < AHEAD && i < sum->n; i++)
        __builtin_prefetch(&x->b[bucket_of(sum->term[i])]);
    for (uint32_t i = 0; i < sum->n; i++) {
        if (i + AHEAD < sum->n)
            __builtin_prefetch(&x->b[bucket_of(sum->term[i + AHEAD])]);
        drop(x, sum->term[i], h);
    }
    sweep(x);
    x->free_h[x->n_free++] = h; /* free_h has room for every handle */
}

/* One change of a sync: its term's posting dropped, added or set to w. */
enum { OP_DROP, OP_ADD, OP_SET };

typedef struct op {
    uint64_t term;
    float w;
    uint32_t kind;
} op;

static int apply(sl_tindex *x, const op *o, uint32_t h) {
    if (o->kind == OP_DROP) {
        drop(x, o->term, h);
        return 0;
    }
    if (o->kind == OP_SET) {
        posting *p = find(&x->b[bucket_of(o->term)], o->term, h);
        if (p) {
            p->w = o->w;
            return 0;
        }
    }
    return add(x, o->term, h, o->w);
}

static int grow_ops(sl_tindex *x, uint32_t need) {
    if (need <= x->cap_ops)
        return 0;
    op *o = realloc(x->ops, (size_t)need * sizeof *o);
    if (!o)
        return -1;
    x->ops = o;
    x->cap_ops = need;
    return 0;
}

/* Makes the n listed changes for h, the buckets of those AHEAD on asked
 * for meanwhile: each change is a bucket of a 2 MiB table, and made in one
 * pass the misses came one after another. */
static int apply_all(sl_tindex *x, uint32_t h, uint32_t n) {
    enum { AHEAD = 8 };
    const op *ops = x->ops;
    for (uint32_t k = 0; k < AHEAD && k < n; k++)
        __builtin_prefetch(&x->b[bucket_of(ops[k].term)]);
    for (uint32_t k = 0; k < n; k++) {
        if (k + AHEAD < n)
            __builtin_prefetch(&x->b[bucket_of(ops[k + AHEAD].term)]);
        if (apply(x, &ops[k], h) < 0)
            return -1;
    }
    sweep(x);
    return 0;
}

int sl_tindex_sync(sl_tindex *x, uint32_t h, const sl_tvec *old, const sl_tvec *cur) {
    if (grow_ops(x, old->n + cur->n) < 0)
        return -1;
    op *ops = x->ops;
    uint32_t i = 0, j = 0, n = 0;
    while (i < old->n || j < cur->n) {
        if (j >= cur->n || (i < old->n && old->term[i] < cur->term[j])) {
            ops[n++] = (op){old->term[i++], 0, OP_DROP};
        } else if (i >= old->n || cur->term[j] < old->term[i]) {
            ops[n++] = (op){cur->term[j], cur->w[j], OP_ADD};
            j++;
        } else {
            if (old->w[i] != cur->w[j])
                ops[n++] = (op){cur->term[j], cur->w[j], OP_SET};
            i++, j++;
        }
    }
    return apply_all(x, h, n);
}

uint32_t sl_tindex_merge(sl_tindex *x, const sl_tvec *sum, const sl_tvec *doc, uint64_t *ot,
                         float *ow, float *sq) {
    x->n_ops = 0;
    if (grow_ops(x, doc->n) < 0)
        return UINT32_MAX;
    op *ops = x->ops;
    uint32_t i = 0, j = 0, n = 0, no = 0;
    float s = 0;
    /* Which side comes next is a coin toss to the branch predictor: each
     * step takes the smaller term and adds what each side has there
     * (times 1 or 0: a weight plus 0 is itself, so the sums are a
     * branching merge's, to the bit). The squares are summed on the way
     * in sl_tvec_norm's order, their chain of additions beside the
     * merge's; and a term of doc's is noted as a change, as sl_tindex_sync
     * would find it: new (add) or with another weight (set). */
    while (i < sum->n && j < doc->n) {
        uint64_t a = sum->term[i], b = doc->term[j];
        float va = sum->w[i], vb = doc->w[j];
        uint32_t ta = a <= b, tb = b <= a;
        float v = va * (float)ta + vb * (float)tb;
        uint64_t t = ta ? a : b;
        ot[n] = t;
        ow[n++] = v;
        s += v * v;
        ops[no] = (op){t, v, ta ? OP_SET : OP_ADD};
        no += tb & ((ta ^ 1) | (v != va));
        i += ta;
        j += tb;
    }
    for (; i < sum->n; i++, n++) {
        ot[n] = sum->term[i];
        ow[n] = sum->w[i];
        s += sum->w[i] * sum->w[i];
    }
    for (; j < doc->n; j++, n++) {
        ot[n] = doc->term[j];
        ow[n] = doc->w[j];
        s += doc->w[j] * doc->w[j];
        ops[no++] = (op){doc->term[j], doc->w[j], OP_ADD};
    }
    x->n_ops = no;
    *sq = s;
    return n;
}

int sl_tindex_commit(sl_tindex *x, uint32_t h) {
    uint32_t n = x->n_ops;
    x->n_ops = 0;
    return apply_all(x, h, n);
}

uint32_t sl_tindex_dots(sl_tindex *x, const sl_tvec *doc, const uint32_t **hs,
                        const float **dots) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < doc->n; i++)
        __builtin_prefetch(&x->b[bucket_of(doc->term[i])]);
    enum { PF = 4 }; /* a full bucket's block asked for PF terms ahead */
    for (uint32_t i = 0; i < doc->n; i++) {
        if (i + PF < doc->n) {
            const bucket *a = &x->b[bucket_of(doc->term[i + PF])];
            if (a->n > INLINE)
                __builtin_prefetch(a->more);
        }
        const bucket *b = &x->b[bucket_of(doc->term[i])];
        uint64_t t = doc->term[i];
        float w = doc->w[i];
        for (uint32_t k = 0; k < b->n; k++) {
            const posting *p = k < INLINE ? &b->in[k] : &b->more[k - INLINE];
            /* no branch on whether the posting is of this term or its
             * handle met before: both are data (times 1 or 0 adds the
             * same as the product alone, or nothing) */
            uint32_t match = p->term == t, h = p->h;
            x->touched[n] = h;
            n += match & !x->seen[h];
            x->seen[h] |= (uint8_t)match;
            x->acc[h] += w * p->w * (float)match;
        }
    }
    for (uint32_t k = 0; k < n; k++) {
        uint32_t h = x->touched[k];
        x->dots[k] = x->acc[h];
        x->acc[h] = 0;
        x->seen[h] = 0;
    }
    *hs = x->touched;
    *dots = x->dots;
    return n;
}

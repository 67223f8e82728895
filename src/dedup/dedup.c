/* dedup.c — streaming exact / near-duplicate / containment detection over
 * word shingles with a content-defined, per-document bottom-k sample (see
 * dedup.h for the method and why). Two multimaps share one open-addressing
 * layout: sampled shingle -> documents, exact hash -> document. Entries name
 * documents by a 32-bit sequence number into a FIFO ring, so eviction is
 * free: an entry whose document left the ring is dead and is skipped, reused
 * by inserts and dropped when the table is rebuilt. Documents leave the
 * ring by count (max_docs) or by age in days (sl_dedup_expire); the ring
 * and the tables shrink when they are four times what the live set needs. */
#include "dedup.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../util/hash.h"

/* sl_hash_mix64, inlined here: it runs once per word and per shingle, and
 * the call costs more than its five operations. Same values. */
static inline uint64_t mix64(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}
#include "../util/utf8.h"

/* Tuning, measured with bench/dedup.sh; -D overrides are for that bench. */
#ifndef SL_DEDUP_SHINGLE
#define SL_DEDUP_SHINGLE 5      /* words per shingle */
#endif
#ifndef SL_DEDUP_SAMPLE_P
#define SL_DEDUP_SAMPLE_P 4     /* keep shingle hashes below 2^64/P */
#endif
#ifndef SL_DEDUP_BOTTOM_K
#define SL_DEDUP_BOTTOM_K 64    /* at most this many indexed per document */
#endif
#ifndef SL_DEDUP_MIN_HITS
#define SL_DEDUP_MIN_HITS 6     /* fewer shared samples: not evidence */
#endif
#ifndef SL_DEDUP_NEAR
#define SL_DEDUP_NEAR 0.55      /* resemblance for NEAR */
#endif
#ifndef SL_DEDUP_CONTAIN
#define SL_DEDUP_CONTAIN 0.70   /* containment for CONTAINED / CONTAINS */
#endif
#ifndef SL_DEDUP_POST_CAP
#define SL_DEDUP_POST_CAP 24    /* a shingle in more live docs is boilerplate */
#endif

#define MIN_TABLE 1024
#define SCRATCH_KEEP (1u << 20) /* scratch above this many items is released */

typedef struct {
    uint32_t fp;  /* 0 = empty slot */
    uint32_t seq; /* low 32 bits of the document's sequence number */
} ent;

typedef struct {
    ent *e;
    size_t cap;  /* slots, 0 before first use */
    size_t used; /* non-empty slots, dead ones included */
} mtab;

typedef struct {
    uint64_t key, canon;
    uint64_t exact; /* hash of the word sequence */
    uint64_t thr;   /* largest sampled hash indexed (or the sampling bound) */
    uint32_t n;     /* sampled shingles indexed */
    int32_t day;    /* the stream's day when indexed (SL_NO_DAY before any) */
} doc;

struct sl_dedup {
    size_t max_docs;
    doc *ring;
    size_t ring_cap;     /* live documents fit; full sequence % ring_cap */
    uint64_t next_seq;   /* documents indexed so far */
    uint64_t oldest;     /* first live document: the ring is [oldest, next_seq) */
    uint64_t live_posts; /* postings of the live documents, to shrink the tables */
    int32_t day;         /* stamp for the documents indexed now */
    uint64_t rebuilt_at; /* next_seq at the last full rebuild */
    mtab shingles, exacts;
    /* per-call scratch, reused */
    uint64_t *w;   /* word hashes, then shingle samples */
    size_t wcap;
    uint64_t *s;   /* samples not ignored as boilerplate, sorted */
    size_t scap;
    uint32_t *hits;
    size_t hcap;
    sl_word *words; /* sl_dedup_add's reading of its text */
    size_t words_cap;
};

static uint32_t fp_of(uint64_t h) {
    return (uint32_t)(h ^ (h >> 32)) | 1u;
}

void sl_dedup_options_default(sl_dedup_options *o) {
    o->max_docs = 200000;
}

sl_dedup *sl_dedup_new(const sl_dedup_options *o) {
    sl_dedup_options def;
    if (!o) {
        sl_dedup_options_default(&def);
        o = &def;
    }
    sl_dedup *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->max_docs = o->max_docs ? o->max_docs : 200000;
    if (d->max_docs > (1u << 30)) /* sequence arithmetic is 32-bit */
        d->max_docs = 1u << 30;
    d->day = SL_NO_DAY;
    return d;
}

static void scratch_free(sl_dedup *d) {
    free(d->w);
    free(d->s);
    free(d->hits);
    free(d->words);
    d->w = d->s = NULL;
    d->hits = NULL;
    d->words = NULL;
    d->wcap = d->scap = d->hcap = d->words_cap = 0;
}

void sl_dedup_free(sl_dedup *d) {
    if (!d)
        return;
    free(d->ring);
    free(d->shingles.e);
    free(d->exacts.e);
    scratch_free(d);
    free(d);
}

size_t sl_dedup_memory(const sl_dedup *d) {
    if (!d)
        return 0;
    return sizeof *d + d->ring_cap * sizeof(doc) +
           (d->shingles.cap + d->exacts.cap) * sizeof(ent) +
           (d->wcap + d->scap) * sizeof(uint64_t) + d->hcap * sizeof(uint32_t) +
           d->words_cap * sizeof(sl_word);
}

static int grow(void **p, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap)
        return 1;
    size_t n = *cap ? *cap : 256;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * elem);
    if (!q)
        return 0;
    *p = q;
    *cap = n;
    return 1;
}

/* ------------------------------------------------------------ liveness */

/* Whether an entry's document is still in the ring; its full sequence. */
static int live(const sl_dedup *d, uint32_t seq, uint64_t *full) {
    uint32_t age = (uint32_t)d->next_seq - seq;
    if (age == 0 || age > d->next_seq - d->oldest)
        return 0;
    if (full)
        *full = d->next_seq - age;
    return 1;
}

static doc *doc_at(const sl_dedup *d, uint64_t full) {
    return &d->ring[full % d->ring_cap];
}

/* -------------------------------------------------------------- tables */

/* Any table size: the scrambled fingerprint scaled to [0, cap). */
static size_t bucket(const mtab *t, uint32_t fp) {
    return (size_t)(((uint64_t)(uint32_t)(fp * 0x9E3779B1u) * t->cap) >> 32);
}

static size_t next_slot(const mtab *t, size_t i) {
    return i + 1 == t->cap ? 0 : i + 1;
}

static void place(mtab *t, ent x) {
    size_t i = bucket(t, x.fp);
    while (t->e[i].fp)
        i = next_slot(t, i);
    t->e[i] = x;
    t->used++;
}

/* Rebuild with only live entries at load 1/3 (rebuilt again at 3/4), so
 * the table holds about three slots of 8 bytes per live posting. At load
 * 1/2 a table full of a month's live postings was rebuilt every quarter
 * of its size in inserts, a tenth of the copy detector's time. */
static int rebuild(sl_dedup *d, mtab *t) {
    size_t nlive = 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->e[i].fp && live(d, t->e[i].seq, NULL))
            nlive++;
    size_t cap = nlive * 3 > MIN_TABLE ? nlive * 3 : MIN_TABLE;
    ent *e = calloc(cap, sizeof *e);
    if (!e)
        return 0;
    mtab nt = {e, cap, 0};
    for (size_t i = 0; i < t->cap; i++)
        if (t->e[i].fp && live(d, t->e[i].seq, NULL))
            place(&nt, t->e[i]);
    free(t->e);
    *t = nt;
    return 1;
}

/* Asks for the cache lines of the n samples' buckets up front, so that the
 * misses of a large index overlap instead of queueing one by one. */
static void prefetch(const mtab *t, const uint64_t *h, size_t n) {
#if defined(__GNUC__)
    if (!t->cap)
        return;
    for (size_t i = 0; i < n; i++)
        __builtin_prefetch(&t->e[bucket(t, fp_of(h[i]))]);
#else
    (void)t, (void)h, (void)n;
#endif
}

/* Live documents under fp, written to out (up to max); returns how many
 * there are, counting past max. Inlined into its loops: as a call, its
 * setup cost about what its probe does (2-3% of the stage, paired). */
static inline __attribute__((always_inline)) size_t lookup(const sl_dedup *d, const mtab *t,
                                                           uint32_t fp, uint32_t *out,
                                                           size_t max) {
    if (!t->cap)
        return 0;
    size_t n = 0;
    for (size_t i = bucket(t, fp); t->e[i].fp; i = next_slot(t, i)) {
        if (t->e[i].fp != fp || !live(d, t->e[i].seq, NULL))
            continue;
        if (n < max)
            out[n] = t->e[i].seq;
        n++;
    }
    return n;
}

/* Adds (fp, seq) unless fp already has cap live entries: 1 added, 0 not,
 * -1 on OOM. Dead slots on the probe path are reused. */
static int insert(sl_dedup *d, mtab *t, uint32_t fp, uint32_t seq, size_t cap) {
    if ((t->used + 1) * 4 > t->cap * 3 && !rebuild(d, t))
        return -1;
    size_t same = 0, dead = SIZE_MAX, i;
    for (i = bucket(t, fp); t->e[i].fp; i = next_slot(t, i)) {
        if (!live(d, t->e[i].seq, NULL)) {
            if (dead == SIZE_MAX)
                dead = i;
        } else if (t->e[i].fp == fp) {
            same++;
        }
    }
    if (same >= cap)
        return 0;
    if (dead != SIZE_MAX) {
        i = dead;
    } else {
        t->used++;
    }
    t->e[i].fp = fp;
    t->e[i].seq = seq;
    return 1;
}

/* ------------------------------------------------------- normalization */

/* 1: part of a word (lowercased into *lc); 0: separator; 2: invisible
 * format character (soft hyphen, zero-width joiner) that neither adds to
 * nor breaks a word. */
static int word_char(int32_t cp, int32_t *lc) {
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') {
            *lc = cp + 32;
            return 1;
        }
        *lc = cp;
        return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        *lc = utf8proc_tolower(cp);
        return 1;
    case UTF8PROC_CATEGORY_CF:
        return 2;
    default:
        return 0;
    }
}

/* ASCII: the lowercased byte for letters and digits, 0 for separators
 * (a constant table: no lazy init to race on between threads). */
static const uint8_t ascii_word[128] = {
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
     48,  49,  50,  51,  52,  53,  54,  55,  56,  57,   0,   0,   0,   0,   0,   0,
      0,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122,   0,   0,   0,   0,   0,
      0,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122,   0,   0,   0,   0,   0,
};

/* A word's hash is taken over its lowercased UTF-8 in 8-byte blocks counted
 * from the word's start: one multiply per block, where a byte-wise hash
 * spent one per byte, and the same value however the bytes arrive. */
typedef struct whash {
    uint64_t h, acc; /* blocks folded so far; the open block's bytes */
    uint32_t n;      /* bytes so far */
} whash;

#define WH_SEED 0x243f6a8885a308d3ULL
#define WH_MUL 0x9e3779b97f4a7c15ULL

/* Appends k (1..8) bytes held in the low bytes of x (the rest zero). */
static inline void wh_push(whash *w, uint64_t x, uint32_t k) {
    uint32_t r = w->n & 7;
    w->acc |= x << (8 * r);
    w->n += k;
    if (r + k >= 8) {
        w->h = (w->h ^ w->acc) * WH_MUL;
        w->h ^= w->h >> 32;
        w->acc = r ? x >> (8 * (8 - r)) : 0;
    }
}

/* Finalized: every bit of the word moves every bit of the hash, so the
 * copy detector and the term reader use it as it is. */
static inline uint64_t wh_end(const whash *w) {
    return mix64(((w->h ^ w->acc) * WH_MUL) ^ w->n);
}

/* Eight bytes at a time over ASCII: for each byte below the first one with
 * its high bit set, 0x80 where lo <= byte <= hi (no carry crosses a byte:
 * both sums stay below 0x100 for bytes below 0x80). */
#define ONES 0x0101010101010101ULL
#define HIGH 0x8080808080808080ULL
static inline uint64_t in_range(uint64_t v, unsigned lo, unsigned hi) {
    return (v + ONES * (0x80 - lo)) & ~(v + ONES * (0x7f - hi)) & HIGH;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR 1
#else
#define SWAR 0
#endif

static inline uint64_t load8(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Reads the ASCII letters and digits from t[*i] on into the hash: eight
 * bytes a step while eight remain, a word's end found by a bit scan rather
 * than by a loop exit that mispredicts once per word. Returns the digits. */
static uint32_t ascii_run(const unsigned char *t, size_t len, size_t *i, whash *w) {
    uint32_t digits = 0;
    size_t at = *i;
#if SWAR
    while (at + 8 <= len) {
        uint64_t v = load8(t + at);
        uint64_t dg = in_range(v, '0', '9'), up = in_range(v, 'A', 'Z');
        uint64_t stop = (~(dg | up | in_range(v, 'a', 'z')) | v) & HIGH;
        uint32_t k = stop ? (uint32_t)__builtin_ctzll(stop) >> 3 : 8;
        if (!k)
            break;
        uint64_t keep = k == 8 ? ~0ULL : (1ULL << (8 * k)) - 1;
        wh_push(w, (v | up >> 2) & keep, k);
        digits += (uint32_t)((((dg & keep) >> 7) * ONES) >> 56); /* bytes summed: no popcnt call */
        at += k;
        if (k < 8) {
            *i = at;
            return digits;
        }
    }
#endif
    unsigned char c;
    while (at < len && (c = t[at]) < 0x80 && ascii_word[c]) {
        wh_push(w, ascii_word[c], 1);
        digits += c <= '9';
        at++;
    }
    *i = at;
    return digits;
}

/* Skips ASCII separators from t[*i]: to the next letter, digit or
 * non-ASCII byte. */
static size_t skip_ascii_gap(const unsigned char *t, size_t len, size_t i) {
#if SWAR
    while (i + 8 <= len) {
        uint64_t v = load8(t + i);
        uint64_t go = (in_range(v, '0', '9') | in_range(v, 'A', 'Z') | in_range(v, 'a', 'z') | v) &
                      HIGH;
        if (go)
            return i + ((uint32_t)__builtin_ctzll(go) >> 3);
        i += 8;
    }
#endif
    while (i < len && t[i] < 0x80 && !ascii_word[t[i]])
        i++;
    return i;
}

static int put_word(sl_word **buf, size_t *cap, size_t *n, sl_word w) {
    if (*n == *cap && !grow((void **)buf, cap, *n + 1, sizeof **buf))
        return 0;
    (*buf)[(*n)++] = w;
    return 1;
}

/* The fast path: 64 bytes classified at once (SSE2, part of every x86-64),
 * and each ASCII word that ends inside them found by two bit scans and
 * hashed in whole 8-byte blocks, the same value as the byte reader below
 * gives it. Words that reach a non-ASCII byte or the window's end are left
 * to that reader, which also reads all the text on other machines. */
#if defined(__SSE2__) && SWAR
#include <emmintrin.h>
#define WINDOW 64
/* A window's words read whole blocks: up to 7 bytes past it. */
#define WINDOW_READ (WINDOW + 8)

/* Masks of the 64 bytes at p, bit j for byte j: ASCII letters and digits,
 * ASCII digits, bytes with the high bit set. */
static inline void classify64(const unsigned char *p, uint64_t *word, uint64_t *dig,
                              uint64_t *high) {
    /* (b | 0x20) + 0x1f is -128..-103 (signed) just for letters, b + 0x50
     * is -128..-119 just for digits; no byte from 0x80 on reaches either. */
    const __m128i k20 = _mm_set1_epi8(0x20), ka = _mm_set1_epi8(0x1f),
                  kz = _mm_set1_epi8(-102), k0 = _mm_set1_epi8(0x50), k9 = _mm_set1_epi8(-118);
    uint64_t w = 0, d = 0, h = 0;
    for (int j = 0; j < 4; j++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * j));
        __m128i let = _mm_cmpgt_epi8(kz, _mm_add_epi8(_mm_or_si128(v, k20), ka));
        __m128i dg = _mm_cmpgt_epi8(k9, _mm_add_epi8(v, k0));
        w |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_or_si128(let, dg)) << (16 * j);
        d |= (uint64_t)(uint32_t)_mm_movemask_epi8(dg) << (16 * j);
        h |= (uint64_t)(uint32_t)_mm_movemask_epi8(v) << (16 * j);
    }
    *word = w;
    *dig = d;
    *high = h;
}

/* The hash of the ASCII word t[0..len) as wh_push and wh_end make it. */
static inline uint64_t ascii_word_hash(const unsigned char *t, uint32_t len) {
    uint64_t h = WH_SEED, acc = 0;
    uint32_t k = len;
    for (; k >= 8; k -= 8, t += 8) {
        uint64_t v = load8(t);
        h = (h ^ (v | in_range(v, 'A', 'Z') >> 2)) * WH_MUL;
        h ^= h >> 32;
    }
    if (k) {
        uint64_t v = load8(t) & ((1ULL << (8 * k)) - 1);
        acc = v | in_range(v, 'A', 'Z') >> 2;
    }
    return mix64(((h ^ acc) * WH_MUL) ^ len);
}

/* Reads the words that end inside the window at t[i..i+64) (i + 72 <= the
 * text's length) into *buf; returns where the byte reader takes over: the
 * start of a word that reaches a non-ASCII byte or the window's end, the
 * first non-ASCII byte, or the window's end. SIZE_MAX when out of memory. */
static size_t window(const unsigned char *t, size_t i, sl_word **buf, size_t *cap, size_t *n) {
    uint64_t word, dig, high;
    classify64(t + i, &word, &dig, &high);
    unsigned limit = high ? (unsigned)__builtin_ctzll(high) : WINDOW;
    uint64_t below = limit == WINDOW ? ~0ULL : (1ULL << limit) - 1;
    uint64_t m = word & below;
    if (!m)
        return i + limit;
    if (*n + WINDOW / 2 > *cap && !grow((void **)buf, cap, *n + WINDOW / 2, sizeof **buf))
        return SIZE_MAX; /* a window holds at most 32 words */
    sl_word *out = *buf + *n;
    while (m) {
        unsigned s = (unsigned)__builtin_ctzll(m);
        uint64_t after = ~word & below & (~0ULL << s); /* separators from s on */
        if (!after)
            break; /* the word goes on past what this window can tell */
        unsigned e = (unsigned)__builtin_ctzll(after); /* < limit <= 64 */
        uint64_t span = ((1ULL << e) - 1) & (~0ULL << s);
        uint32_t digits = 0;
        for (uint64_t dm = dig & span; dm; dm &= dm - 1)
            digits++;
        *out++ = (sl_word){ascii_word_hash(t + i + s, e - s), (uint32_t)(i + s), e - s, e - s, 0,
                           digits};
        m &= ~0ULL << e;
    }
    *n = (size_t)(out - *buf);
    return m ? i + (unsigned)__builtin_ctzll(m) : i + limit;
}
#endif

size_t sl_words_read(const char *text, size_t len, sl_word **buf, size_t *cap, int *odd) {
    const unsigned char *t = (const unsigned char *)text;
    size_t n = 0, i = 0;
    *odd = 0;
    while (i < len) {
#ifdef WINDOW
        if (i + WINDOW_READ <= len) {
            size_t next = window(t, i, buf, cap, &n);
            if (next == SIZE_MAX)
                return SIZE_MAX;
            if (next > i) {
                i = next;
                continue;
            }
            /* a word from i on that the window could not finish, or a
             * non-ASCII byte: the byte reader's step */
        }
#endif
        int32_t cp, lc;
        size_t l;
        if (t[i] < 0x80) {
            if (!ascii_word[t[i]]) {
                i = skip_ascii_gap(t, len, i + 1);
                continue;
            }
        } else {
            l = sl_utf8_decode(text + i, len - i, &cp);
            int k = word_char(cp, &lc);
            if (k != 1) {
                *odd |= k == 2; /* CF */
                i += l;
                continue;
            }
        }
        size_t start = i, end = i;
        whash w = {WH_SEED, 0, 0};
        uint32_t wide = 0, digits = 0;
        for (;;) {
            size_t run = i;
            digits += ascii_run(t, len, &i, &w);
            if (i > run)
                end = i;
            if (i >= len || t[i] < 0x80)
                break; /* an ASCII separator or the end */
            l = sl_utf8_decode(text + i, len - i, &cp);
            int k = word_char(cp, &lc);
            i += l;
            if (k == 0)
                break;
            if (k == 2) { /* CF: inside a word here, a split for the term reader */
                *odd = 1;
                continue;
            }
            if (utf8proc_category(cp) >= UTF8PROC_CATEGORY_NL)
                *odd = 1; /* NL, NO */
            unsigned char enc[4] = {0};
            uint32_t el = (uint32_t)sl_utf8_encode(lc, (char *)enc);
            wide = w.n + 1;
            wh_push(&w, (uint64_t)enc[0] | (uint64_t)enc[1] << 8 | (uint64_t)enc[2] << 16 |
                            (uint64_t)enc[3] << 24, el);
            end = i;
        }
        if (!put_word(buf, cap, &n,
                      (sl_word){wh_end(&w), (uint32_t)start, (uint32_t)(end - start), w.n, wide,
                                digits}))
            return SIZE_MAX;
    }
    return n;
}

/* LSD radix sort of a[0..n) using tmp[0..n): linear whatever the input,
 * and several times faster than qsort on a few hundred hashes. Passes whose
 * byte is the same for every key are skipped. */
static void radix_sort(uint64_t *a, uint64_t *tmp, size_t n) {
    size_t cnt[256];
    uint64_t *src = a, *dst = tmp;
    if (n < 2)
        return;
    for (unsigned shift = 0; shift < 64; shift += 8) {
        memset(cnt, 0, sizeof cnt);
        for (size_t i = 0; i < n; i++)
            cnt[(src[i] >> shift) & 255]++;
        if (cnt[(src[0] >> shift) & 255] == n)
            continue;
        size_t sum = 0;
        for (int b = 0; b < 256; b++) {
            size_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[cnt[(src[i] >> shift) & 255]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
}

/* The usual sample of a news text is a few hundred hashes, where the radix
 * sort's eight passes over 256 counters cost more than the keys. They are
 * uniform below SAMPLE_BOUND, so one counting pass on their top bits puts
 * them in 256 buckets of a few each, and an insertion sort finishes an
 * array already in bucket order: few branches to mispredict, where a
 * quicksort mispredicted about every other comparison. */
enum { SMALL_SORT = 1024, BUCKETS = 256 };

static void bucket_sort(uint64_t *a, uint64_t *tmp, size_t n) {
    uint32_t at[BUCKETS + 1] = {0};
    for (size_t i = 0; i < n; i++) /* below SAMPLE_BOUND, so below BUCKETS */
        at[(uint32_t)(((unsigned __int128)a[i] * (BUCKETS * SL_DEDUP_SAMPLE_P)) >> 64) + 1]++;
    for (size_t b = 1; b <= BUCKETS; b++)
        at[b] += at[b - 1];
    for (size_t i = 0; i < n; i++)
        tmp[at[(uint32_t)(((unsigned __int128)a[i] * (BUCKETS * SL_DEDUP_SAMPLE_P)) >> 64)]++] =
            a[i];
    for (size_t i = 0; i < n; i++) {
        uint64_t x = tmp[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > x; j--)
            a[j] = a[j - 1];
        a[j] = x;
    }
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

#define SAMPLE_BOUND (UINT64_MAX / SL_DEDUP_SAMPLE_P)

static inline uint64_t rot23(uint64_t x) {
    return (x << 23) | (x >> 41);
}

/* x rotated left by 23 * k bits. */
static inline uint64_t rot23_pow(uint64_t x, unsigned k) {
    unsigned r = (23u * k) & 63u;
    return r ? (x << r) | (x >> (64 - r)) : x;
}

/* Replaces the n word hashes in d->w by the sorted, distinct sampled
 * shingle hashes; returns their count, or SIZE_MAX on OOM. In place:
 * shingle i only reads words i.. and is written at or before i. */
static size_t sample(sl_dedup *d, size_t n) {
    if (n < SL_DEDUP_SHINGLE)
        return 0;
    if (!grow((void **)&d->s, &d->scap, n + 1, sizeof *d->s))
        return SIZE_MAX;
    size_t m = 0;
    /* The shingle at i is the words i..i+S-1 folded by x = rot23(x) ^ w,
     * that is the XOR of word i+j rotated by 23 * (S-1-j): the next one
     * rotates it once more, drops word i (now rotated 23 * S) and takes
     * word i+S. Same values as folding each shingle afresh. */
    uint64_t x = 0;
    for (size_t j = 0; j < SL_DEDUP_SHINGLE; j++)
        x = rot23(x) ^ d->w[j];
    for (size_t i = 0;; i++) {
        uint64_t y = mix64(x);
        uint64_t first = d->w[i]; /* read before slot m <= i is written */
        d->w[m] = y; /* kept or overwritten next: one in four is kept, at random, */
        m += y < SAMPLE_BOUND; /* which a branch would mispredict */
        if (i + SL_DEDUP_SHINGLE >= n)
            break;
        x = rot23(x ^ rot23_pow(first, SL_DEDUP_SHINGLE - 1)) ^ d->w[i + SL_DEDUP_SHINGLE];
    }
    if (m <= SMALL_SORT)
        bucket_sort(d->w, d->s, m);
    else
        radix_sort(d->w, d->s, m);
    size_t u = 0;
    for (size_t i = 0; i < m; i++)
        if (u == 0 || d->w[u - 1] != d->w[i])
            d->w[u++] = d->w[i];
    return u;
}

/* Count of s[0..n) (sorted) that are <= x. */
static size_t upto(const uint64_t *s, size_t n, uint64_t x) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ------------------------------------------------------------- matching */

/* Verdict against one candidate; kept in *best when it is stronger (a
 * copy over a containment, then higher similarity, then more samples). */
static void judge(const sl_dedup *d, uint32_t seq, size_t h, size_t ns, sl_dup_match *best,
                  size_t *best_h) {
    uint64_t full;
    if (h < SL_DEDUP_MIN_HITS || !live(d, seq, &full))
        return;
    const doc *c = doc_at(d, full);
    size_t nq = upto(d->s, ns, c->thr);
    if (nq < h)
        nq = h; /* 32-bit fingerprint collisions: never above 1 */
    size_t nc = c->n > h ? c->n : h;
    float res = (float)h / (float)(nq + nc - h);
    float cn = (float)h / (float)nq, co = (float)h / (float)nc;
    sl_dup_kind k = SL_DUP_NONE;
    float sim = 0;
    if (res >= SL_DEDUP_NEAR) {
        k = SL_DUP_NEAR;
        sim = res;
    } else if (cn >= SL_DEDUP_CONTAIN && cn >= co) {
        k = SL_DUP_CONTAINED;
        sim = cn;
    } else if (co >= SL_DEDUP_CONTAIN) {
        k = SL_DUP_CONTAINS;
        sim = co;
    } else if (cn >= SL_DEDUP_CONTAIN) {
        k = SL_DUP_CONTAINED;
        sim = cn;
    }
    if (k == SL_DUP_NONE)
        return;
    /* Being a copy of one text says more than including another (a roundup
     * that quotes a whole brief), so CONTAINS yields to any other kind. */
    int weak = k == SL_DUP_CONTAINS, best_weak = best->kind == SL_DUP_CONTAINS;
    if (best->kind != SL_DUP_NONE && weak != best_weak) {
        if (weak)
            return;
    } else if (sim < best->similarity || (sim == best->similarity && h <= *best_h)) {
        return;
    }
    *best_h = h;
    best->kind = k;
    best->of = c->canon;
    best->similarity = sim;
}

/* Looks up the ns samples in d->w; keeps the non-boilerplate ones in d->s
 * and returns their count, or SIZE_MAX on OOM. */
static size_t find_near(sl_dedup *d, size_t ns, sl_dup_match *m) {
    if (!grow((void **)&d->s, &d->scap, ns + 1, sizeof *d->s))
        return SIZE_MAX;
    size_t nh = 0, kept = 0;
    prefetch(&d->shingles, d->w, ns);
    for (size_t i = 0; i < ns; i++) {
        if (!grow((void **)&d->hits, &d->hcap, nh + SL_DEDUP_POST_CAP, sizeof *d->hits))
            return SIZE_MAX;
        size_t c = lookup(d, &d->shingles, fp_of(d->w[i]), d->hits + nh, SL_DEDUP_POST_CAP);
        if (c >= SL_DEDUP_POST_CAP)
            continue; /* boilerplate: evidence for nobody */
        nh += c;
        d->s[kept++] = d->w[i];
    }
    if (nh > 1)
        qsort(d->hits, nh, sizeof *d->hits, cmp_u32);
    size_t best_h = 0;
    for (size_t i = 0; i < nh;) {
        size_t j = i;
        while (j < nh && d->hits[j] == d->hits[i])
            j++;
        judge(d, d->hits[i], j - i, kept, m, &best_h);
        i = j;
    }
    return kept;
}

static int find_exact(const sl_dedup *d, uint64_t ex, sl_dup_match *m) {
    uint32_t seqs[SL_DEDUP_POST_CAP];
    size_t c = lookup(d, &d->exacts, fp_of(ex), seqs, SL_DEDUP_POST_CAP);
    for (size_t i = 0; i < c && i < SL_DEDUP_POST_CAP; i++) {
        uint64_t full;
        if (live(d, seqs[i], &full) && doc_at(d, full)->exact == ex) {
            m->kind = SL_DUP_EXACT;
            m->of = doc_at(d, full)->canon;
            m->similarity = 1.0f;
            return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------- indexing */

/* The ring resized to n slots (n >= live documents): live ones move to
 * their new positions. */
static int ring_resize(sl_dedup *d, size_t n) {
    doc *r = malloc(n * sizeof *r);
    if (!r)
        return 0;
    for (uint64_t s = d->oldest; s < d->next_seq; s++)
        r[s % n] = d->ring[s % d->ring_cap];
    free(d->ring);
    d->ring = r;
    d->ring_cap = n;
    return 1;
}

/* Drops the oldest document from the live set; its postings die with it. */
static void forget_oldest(sl_dedup *d) {
    d->live_posts -= doc_at(d, d->oldest)->n + 1;
    d->oldest++;
}

/* Room for one more document: the oldest leaves when max_docs are live,
 * else the ring doubles when full. */
static int ring_room(sl_dedup *d) {
    if (d->next_seq - d->oldest >= d->max_docs)
        forget_oldest(d);
    if (d->next_seq - d->oldest < d->ring_cap)
        return 1;
    size_t n = d->ring_cap ? d->ring_cap * 2 : 1024;
    if (n > d->max_docs)
        n = d->max_docs;
    return ring_resize(d, n);
}

/* After documents were forgotten by day: a ring or table four times larger
 * than the live set needs is rebuilt smaller, so memory follows the window
 * down after a burst. */
static int shrink(sl_dedup *d) {
    uint64_t nlive = d->next_seq - d->oldest;
    if (d->ring_cap > 1024 && nlive * 4 < d->ring_cap) {
        size_t n = 1024;
        while (n < nlive * 2)
            n *= 2;
        if (!ring_resize(d, n))
            return 0;
    }
    if (d->shingles.cap > MIN_TABLE && d->live_posts * 8 < d->shingles.cap &&
        !rebuild(d, &d->shingles))
        return 0;
    if (d->exacts.cap > MIN_TABLE && nlive * 8 < d->exacts.cap && !rebuild(d, &d->exacts))
        return 0;
    return 1;
}

sl_status sl_dedup_expire(sl_dedup *d, int32_t day, int32_t window) {
    if (!d || day == SL_NO_DAY)
        return SL_OK;
    d->day = day;
    int64_t cut = (int64_t)day - window;
    while (d->oldest < d->next_seq) {
        doc *o = doc_at(d, d->oldest);
        if (o->day == SL_NO_DAY)
            o->day = day; /* indexed before any date: counts from the first one */
        if (o->day >= cut)
            break;
        forget_oldest(d);
    }
    return shrink(d) ? SL_OK : SL_ERR_NOMEM;
}

static sl_status index_doc(sl_dedup *d, uint64_t key, uint64_t canon, uint64_t ex, size_t ns) {
    if (!ring_room(d))
        return SL_ERR_NOMEM;
    uint64_t seq = d->next_seq++;
    doc *r = doc_at(d, seq);
    r->key = key;
    r->canon = canon;
    r->exact = ex;
    r->thr = ns > SL_DEDUP_BOTTOM_K ? d->w[SL_DEDUP_BOTTOM_K - 1] : SAMPLE_BOUND;
    r->n = 0;
    r->day = d->day;
    d->live_posts++; /* the exact hash */
    if (ns > SL_DEDUP_BOTTOM_K)
        ns = SL_DEDUP_BOTTOM_K;
    /* Every 2^31 documents drop dead entries before 32-bit ages wrap. */
    if (d->next_seq - d->rebuilt_at >= (1ULL << 31)) {
        if (!rebuild(d, &d->shingles) || !rebuild(d, &d->exacts))
            return SL_ERR_NOMEM;
        d->rebuilt_at = d->next_seq;
    }
    if (insert(d, &d->exacts, fp_of(ex), (uint32_t)seq, SL_DEDUP_POST_CAP) < 0)
        return SL_ERR_NOMEM;
    prefetch(&d->shingles, d->w, ns);
    for (size_t i = 0; i < ns; i++) {
        int rc = insert(d, &d->shingles, fp_of(d->w[i]), (uint32_t)seq, SL_DEDUP_POST_CAP);
        if (rc < 0)
            return SL_ERR_NOMEM;
        r->n += (uint32_t)rc;
        d->live_posts += (uint64_t)rc;
    }
    return SL_OK;
}

/* The verdict on the nw word hashes in d->w (ex: their sequence's hash),
 * and the text indexed unless it was a copy. */
static sl_status add_hashed(sl_dedup *d, uint64_t key, size_t nw, uint64_t ex, sl_dup_match *m) {
    if (nw == 0)
        return SL_OK;
    ex = mix64(ex ^ nw);
    sl_status st = SL_OK;
    if (!find_exact(d, ex, m)) {
        size_t ns = sample(d, nw);
        if (ns == SIZE_MAX || find_near(d, ns, m) == SIZE_MAX) {
            st = SL_ERR_NOMEM;
        } else if (m->kind == SL_DUP_NONE || m->kind == SL_DUP_CONTAINS) {
            /* A text that contains an earlier one is its own root: what it
             * adds may be another story (a roundup quoting a brief). */
            st = index_doc(d, key, key, ex, ns);
        }
    }
    if (d->wcap > SCRATCH_KEEP || d->hcap > SCRATCH_KEEP || d->words_cap > SCRATCH_KEEP)
        scratch_free(d);
    return st;
}

sl_status sl_dedup_add(sl_dedup *d, uint64_t key, const char *text, size_t len, sl_dup_match *m) {
    sl_dup_match tmp;
    if (!m)
        m = &tmp;
    memset(m, 0, sizeof *m);
    if (!d || (!text && len))
        return SL_ERR_ARG;
    int odd;
    size_t nw = sl_words_read(text, len, &d->words, &d->words_cap, &odd);
    if (nw == SIZE_MAX)
        return SL_ERR_NOMEM;
    return sl_dedup_add_words(d, key, d->words, nw, m);
}

/* The word hashes (mixed) into d->w, their sequence's hash (the exact-copy
 * key) folded on the way. */
sl_status sl_dedup_add_words(sl_dedup *d, uint64_t key, const sl_word *w, size_t n,
                             sl_dup_match *m) {
    sl_dup_match tmp;
    if (!m)
        m = &tmp;
    memset(m, 0, sizeof *m);
    if (!d || (!w && n))
        return SL_ERR_ARG;
    if (n > d->wcap && !grow((void **)&d->w, &d->wcap, n, sizeof *d->w))
        return SL_ERR_NOMEM;
    /* Four chains, word i in chain i % 4, folded in order at the end: one
     * chain was a multiply and two shifts of latency per word, the longest
     * wait of the copy detector. Any order-sensitive hash serves: it is
     * only compared with itself, never stored. */
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t e0 = 0x5eedd0c5ULL, e1 = 0x5eedd0c6ULL, e2 = 0x5eedd0c7ULL, e3 = 0x5eedd0c8ULL;
    size_t i = 0;
#define EX_STEP(e, h) ((e) = ((e) ^ (h)) * k, (e) ^= (e) >> 29)
    for (; i + 4 <= n; i += 4) {
        uint64_t h0 = w[i].h, h1 = w[i + 1].h, h2 = w[i + 2].h, h3 = w[i + 3].h;
        d->w[i] = h0;
        d->w[i + 1] = h1;
        d->w[i + 2] = h2;
        d->w[i + 3] = h3;
        EX_STEP(e0, h0);
        EX_STEP(e1, h1);
        EX_STEP(e2, h2);
        EX_STEP(e3, h3);
    }
    for (; i < n; i++) {
        d->w[i] = w[i].h;
        EX_STEP(e0, w[i].h);
    }
    EX_STEP(e0, e1);
    EX_STEP(e0, e2);
    EX_STEP(e0, e3);
#undef EX_STEP
    return add_hashed(d, key, n, e0, m);
}

sl_status sl_dedup_compare(const char *a, size_t alen, const char *b, size_t blen,
                           sl_dup_match *m) {
    sl_dedup_options o = {.max_docs = 1};
    sl_dedup *d = sl_dedup_new(&o);
    if (!d)
        return SL_ERR_NOMEM;
    sl_dup_match first;
    sl_status st = sl_dedup_add(d, 1, b, blen, &first);
    if (st == SL_OK)
        st = sl_dedup_add(d, 0, a, alen, m);
    sl_dedup_free(d);
    return st;
}

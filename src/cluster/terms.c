/* terms.c — tokenize, stem, weight: the article's term vector. */
#include "terms.h"

#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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
#include "stopwords.h"

enum {
    MAX_WORD = 64,          /* longer "words" are junk (URLs, base64) */
    MAX_TEXT = 64 * 1024,   /* the first 64 KiB say what an article is about */
    TITLE_WEIGHT = 2,       /* a title word counts as two body words */
    SPELLING_BITS = 14,
    WORD_CACHE_BITS = 17, /* 2 MiB: a month of news's words stay stemmed */
    SPELLING_LEN = 24,
    PENDING_SPELLINGS = 256,
    N_LANGS = 8,
    /* IDF as if the stream began after this many unrelated articles: on a
     * store of five articles about one story their shared words are not
     * "common", they are the story. The stream's own counts take over as
     * it grows. */
    PRIOR_DOCS = 100,
};

enum { LOG_TF = 256 };

typedef struct tf_slot {
    uint64_t term;
    float tf;
} tf_slot;

/* A word that made a term (the first spelling met, lowercased): evidence
 * reads "ferry", where the term's stem is "ferri". */
typedef struct spelling {
    uint64_t term;
    char word[SPELLING_LEN];
} spelling;

typedef struct lang_stemmer {
    char code[4];
    struct sb_stemmer *sb; /* NULL: no stemmer for that language */
} lang_stemmer;

/* Stemming is the dear part of vectorizing; news repeats its words, so
 * each distinct word is stemmed once and then found by its hash. */
typedef struct word_entry {
    uint64_t word; /* hash of the lowercased word and its stemmer */
    uint64_t term; /* 0: a stopword or number, skipped */
} word_entry;

struct sl_termer {
    word_entry *words;
    tf_slot *tf; /* open addressing, power of two, reset per article */
    uint32_t tf_cap, tf_n;
    uint64_t *used; /* slots filled, for a cheap reset */
    lang_stemmer langs[N_LANGS];
    size_t n_langs;
    spelling *spellings;
    const sl_df *df; /* of the article being read, for prefetching */
    /* Spellings met since the last flush, written to spellings in order at the
     * end of the article: the table is larger than the near caches, and
     * writing each at once stalled the scan on its miss. */
    spelling pend[PENDING_SPELLINGS];
    uint32_t n_pend;
    tf_slot *rank; /* scratch for choosing the top k: 2 * tf_cap (the second half for ties) */
    float *wts;    /* tf_cap: the weights alone, for the cut */
    /* logf of the small whole counts a term's tf nearly always is (a word
     * counts 1, a title word 2): a lookup where a call was made per term
     * (1,600 of some 96,000 cycles an article). Same floats: logf's own. */
    float log_tf[LOG_TF];
};

/* The DF table and the word cache are read at random, hundreds of times
 * per article: on 2 MiB pages those reads stop missing the TLB as well as
 * the cache. Zeroed; released with free(). */
enum { HUGE_PAGE = 2 << 20 };

void *sl_big_zalloc(size_t n) {
    void *p = NULL;
    size_t align = 64; /* a cache line, at least */
#ifdef MADV_HUGEPAGE
    if (n >= HUGE_PAGE)
        align = HUGE_PAGE;
#endif
    if (posix_memalign(&p, align, n ? n : 1) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    if (align == HUGE_PAGE)
        madvise(p, n, MADV_HUGEPAGE); /* advice only: fine if refused */
#endif
    memset(p, 0, n);
    return p;
}

/* Snowball's names for the ISO 639-1 codes we may see. */
static const char *snowball_name(const char *code) {
    static const char *const map[][2] = {
        {"en", "english"},   {"de", "german"},    {"fr", "french"},     {"es", "spanish"},
        {"it", "italian"},   {"pt", "portuguese"}, {"nl", "dutch"},     {"sv", "swedish"},
        {"no", "norwegian"}, {"da", "danish"},    {"fi", "finnish"},    {"ru", "russian"},
        {"hu", "hungarian"}, {"ro", "romanian"},  {"tr", "turkish"},    {"el", "greek"},
        {"ar", "arabic"},    {"id", "indonesian"}, {"ga", "irish"},     {"lt", "lithuanian"},
        {"ne", "nepali"},    {"sr", "serbian"},   {"ta", "tamil"},      {"ca", "catalan"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], code) == 0)
            return map[i][1];
    return NULL;
}

sl_termer *sl_termer_new(void) {
    sl_termer *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    for (uint32_t i = 1; i < LOG_TF; i++)
        t->log_tf[i] = logf((float)i);
    t->tf_cap = 1024; /* 16 KiB: an article's terms probe within L1; grows for long ones */
    t->tf = calloc(t->tf_cap + 1, sizeof *t->tf); /* + the sink (tf_add) */
    t->used = malloc(t->tf_cap * sizeof *t->used);
    t->spellings = calloc((size_t)1 << SPELLING_BITS, sizeof *t->spellings);
    t->words = sl_big_zalloc(((size_t)1 << WORD_CACHE_BITS) * sizeof *t->words);
    t->rank = malloc(2 * (size_t)t->tf_cap * sizeof *t->rank);
    t->wts = malloc(t->tf_cap * sizeof *t->wts);
    if (!t->tf || !t->used || !t->spellings || !t->words || !t->rank || !t->wts) {
        sl_termer_free(t);
        return NULL;
    }
    return t;
}

void sl_termer_free(sl_termer *t) {
    if (!t)
        return;
    for (size_t i = 0; i < t->n_langs; i++)
        if (t->langs[i].sb)
            sb_stemmer_delete(t->langs[i].sb);
    free(t->tf);
    free(t->used);
    free(t->spellings);
    free(t->words);
    free(t->rank);
    free(t->wts);
    free(t);
}

/* The stemmer for a language code, created once; English when unknown,
 * none for languages Snowball lacks (words are then used unstemmed). */
static struct sb_stemmer *stemmer_for(sl_termer *t, const char *lang) {
    char code[4] = "en";
    if (lang && lang[0] && lang[1] && (!lang[2] || lang[2] == '-' || lang[2] == '_')) {
        code[0] = (char)(lang[0] | 0x20);
        code[1] = (char)(lang[1] | 0x20);
    }
    for (size_t i = 0; i < t->n_langs; i++)
        if (strcmp(t->langs[i].code, code) == 0)
            return t->langs[i].sb;
    const char *name = snowball_name(code);
    struct sb_stemmer *sb = name ? sb_stemmer_new(name, "UTF_8") : NULL;
    if (t->n_langs < N_LANGS) {
        memcpy(t->langs[t->n_langs].code, code, 3);
        t->langs[t->n_langs++].sb = sb;
    } else if (sb) {
        sb_stemmer_delete(sb); /* too many languages at once: leave unstemmed */
        sb = NULL;
    }
    return sb;
}

static int tf_grow(sl_termer *t) {
    uint32_t cap = t->tf_cap * 2;
    tf_slot *tf = calloc(cap + 1, sizeof *tf);
    uint64_t *used = malloc(cap * sizeof *used);
    tf_slot *rank = malloc(2 * (size_t)cap * sizeof *rank);
    float *wts = malloc(cap * sizeof *wts);
    if (!tf || !used || !rank || !wts) {
        free(tf);
        free(used);
        free(rank);
        free(wts);
        return -1;
    }
    uint32_t n = 0;
    for (uint32_t i = 0; i < t->tf_n; i++) {
        tf_slot s = t->tf[t->used[i]];
        uint64_t j = s.term & (cap - 1);
        while (tf[j].term)
            j = (j + 1) & (cap - 1);
        tf[j] = s;
        used[n++] = j;
    }
    free(t->tf);
    free(t->used);
    free(t->rank);
    free(t->wts);
    t->tf = tf;
    t->used = used;
    t->rank = rank;
    t->wts = wts;
    t->tf_cap = cap;
    return 0;
}

/* Counts w for term; term 0 (a stopword or number) goes to the sink, the
 * slot past the table, which is never read. Whether a word is a stopword,
 * and whether its term is new to the article, are coin tosses to a branch
 * predictor: both are data here, not branches (the probe loop itself
 * almost always stops at once). */
static int tf_add(sl_termer *t, uint64_t term, float w) {
    if (t->tf_n * 2 >= t->tf_cap && tf_grow(t) < 0)
        return -1;
    uint64_t mask = t->tf_cap - 1, j = term ? term & mask : t->tf_cap;
    uint64_t at = t->tf[j].term;
    for (;;) {
        uint32_t busy = (uint32_t)(at != 0) & (uint32_t)(at != term);
#if defined(__GNUC__)
        __asm__("" : "+r"(busy)); /* one test: the compiler made two branches of it */
#endif
        if (!busy)
            break;
        j = (j + 1) & mask;
        at = t->tf[j].term;
    }
    uint32_t fresh = (at == 0) & (term != 0);
    t->tf[j].term = term;
    t->used[t->tf_n] = j; /* kept only when fresh */
    t->tf_n += fresh;
    t->tf[j].tf += w;
    /* its DF counter is read once the text is done: asked for now, while
     * the rest of the text is read, it is there by then */
    if (t->df)
        __builtin_prefetch(&t->df->count[term & (((uint64_t)1 << SL_DF_BITS) - 1)]);
    return 0;
}

static void flush_spellings(sl_termer *t) {
    for (uint32_t i = 0; i < t->n_pend; i++) {
        spelling *e = &t->spellings[t->pend[i].term & (((uint64_t)1 << SPELLING_BITS) - 1)];
        if (e->term != t->pend[i].term)
            *e = t->pend[i];
    }
    t->n_pend = 0;
}

static void remember_spelling(sl_termer *t, uint64_t term, const char *s, size_t n) {
    if (t->n_pend == PENDING_SPELLINGS)
        flush_spellings(t);
    spelling *e = &t->pend[t->n_pend++];
    if (n >= SPELLING_LEN)
        n = SPELLING_LEN - 1;
    e->term = term;
    memcpy(e->word, s, n);
    e->word[n] = 0;
    __builtin_prefetch(&t->spellings[term & (((uint64_t)1 << SPELLING_BITS) - 1)], 1);
}

const char *sl_termer_word(const sl_termer *t, uint64_t term) {
    const spelling *e = &t->spellings[term & (((uint64_t)1 << SPELLING_BITS) - 1)];
    return e->term == term ? e->word : NULL;
}

/* The term of one lowercased word: 0 for stopwords and bare numbers. */
static uint64_t word_term(sl_termer *t, struct sb_stemmer *sb, const char *w, size_t n,
                          int digits) {
    if (n < 2 || digits == (int)n || sl_stopword(w, n))
        return 0;
    const char *s = w;
    size_t sn = n;
    if (sb) {
        const sb_symbol *r = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)n);
        if (r) {
            s = (const char *)r;
            sn = (size_t)sb_stemmer_length(sb);
        }
    }
    uint64_t term = sl_hash64(s, sn, 0x5eed7e5u) | 1; /* 0 marks an empty slot */
    remember_spelling(t, term, w, n);
    return term;
}

/* The word cache is keyed by a hash of the lowercased word taken while
 * it is read, with the stemmer mixed in: a body word by the copy detector's
 * reader (sl_words_read), a title word by scan below (FNV-1a over its code
 * points; a word may so hold two slots, never a wrong term). A word already
 * met costs no copy and no second pass; the lowercased text is rebuilt from
 * the source only when the word misses the cache and must be stemmed. */
#define FNV_OFF 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* ASCII letters and digits lowercased; 0 for everything else. */
static const uint8_t ascii_lower[128] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
    ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
    ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g',
    ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
    ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u',
    ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
    ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g',
    ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
    ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't', ['u'] = 'u',
    ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

static int word_cp(int32_t cp) {
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) || c == UTF8PROC_CATEGORY_ND;
}

/* The lowercased UTF-8 of a word read from src[0..len) (all word
 * characters, short enough to fit MAX_WORD) into out; returns its length. */
static size_t lower_word(const char *src, size_t len, char *out) {
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char ch = (unsigned char)src[i];
        if (ch < 0x80) {
            out[n++] = (char)ascii_lower[ch];
            i++;
        } else {
            int32_t cp;
            i += sl_utf8_decode(src + i, len - i, &cp);
            n += sl_utf8_encode(utf8proc_tolower(cp), out + n);
        }
    }
    return n;
}

/* Words wait in a short queue between being read and being looked up in
 * the word cache, their cache slot prefetched meanwhile: new vocabulary
 * misses the cache, and the misses of several words then overlap instead
 * of stalling the scan one by one. */
enum { PENDING = 8 };

typedef struct pending_word {
    uint64_t h;
    const char *src; /* the word as written */
    uint32_t len;    /* its bytes in the source */
    uint32_t n;      /* bytes once lowercased */
    uint32_t digits;
} pending_word;

typedef struct word_queue {
    pending_word q[PENDING];
    uint32_t head, n;
} word_queue;

/* The cache is two-way: a word's pair of slots shares one cache line, and
 * two common words that hash to one slot no longer evict each other at
 * every meeting (each eviction was a stemming). The newer word of a pair
 * sits first; a new word pushes the older one out. */
static word_entry *word_slot(const sl_termer *t, uint64_t h) {
    return &t->words[h & (((uint64_t)1 << WORD_CACHE_BITS) - 2)];
}

/* A word missing from both ways of its slot: stemmed, and put first. Out
 * of line, so that the hit path stays small enough to inline. */
static __attribute__((noinline)) uint64_t word_miss(sl_termer *t, struct sb_stemmer *sb,
                                                    word_entry *e, const pending_word *p) {
    char w[MAX_WORD + 4];
    size_t n = lower_word(p->src, p->len, w);
    e[1] = e[0];
    e[0].word = p->h;
    e[0].term = word_term(t, sb, w, n, (int)p->digits);
    return e[0].term;
}

static inline int add_word(sl_termer *t, struct sb_stemmer *sb, const pending_word *p,
                           float weight) {
    word_entry *e = word_slot(t, p->h);
    uint64_t term;
    if (e[0].word == p->h)
        term = e[0].term;
    else if (e[1].word == p->h)
        term = e[1].term;
    else
        term = word_miss(t, sb, e, p);
    return tf_add(t, term, weight);
}

/* Queue one word; the oldest is looked up when the queue is full. */
static int push_word(sl_termer *t, struct sb_stemmer *sb, word_queue *wq, const pending_word *w,
                     float weight) {
    if (wq->n == PENDING) {
        if (add_word(t, sb, &wq->q[wq->head], weight) < 0)
            return -1;
        wq->head = (wq->head + 1) % PENDING;
        wq->n--;
    }
    wq->q[(wq->head + wq->n++) % PENDING] = *w;
    __builtin_prefetch(word_slot(t, w->h));
    return 0;
}

static int drain(sl_termer *t, struct sb_stemmer *sb, word_queue *wq, float weight) {
    for (; wq->n; wq->n--, wq->head = (wq->head + 1) % PENDING)
        if (add_word(t, sb, &wq->q[wq->head], weight) < 0)
            return -1;
    return 0;
}

/* One word from p[*i] (a word character) to its end; *i moves past it.
 * Returns 0 when it is longer than MAX_WORD (junk, skipped). */
static int read_word(const char *p, size_t n, size_t *i, uint64_t seed, pending_word *w) {
    size_t at = *i, wn = 0, digits = 0;
    uint64_t h = FNV_OFF;
    int too_long = 0;
    while (at < n) {
        unsigned char ch = (unsigned char)p[at];
        if (ch < 0x80) {
            unsigned char lc = ascii_lower[ch];
            if (!lc)
                break;
            if (wn + 1 > MAX_WORD) {
                too_long = 1;
            } else {
                h = (h ^ lc) * FNV_PRIME;
                wn++;
            }
            digits += (ch >= '0' && ch <= '9');
            at++;
            continue;
        }
        int32_t cp;
        size_t len = sl_utf8_decode(p + at, n - at, &cp);
        if (!word_cp(cp))
            break;
        if (wn + 4 > MAX_WORD) {
            too_long = 1;
        } else {
            char enc[4];
            int32_t lc = utf8proc_tolower(cp);
            h = (h ^ (uint64_t)(uint32_t)lc) * FNV_PRIME;
            wn += sl_utf8_encode(lc, enc);
        }
        at += len;
    }
    w->h = mix64(h ^ seed) | 1;
    w->src = p + *i;
    w->len = (uint32_t)(at - *i);
    w->n = (uint32_t)wn;
    w->digits = (uint32_t)digits;
    *i = at;
    return !too_long;
}

static uint64_t seed_of(const struct sb_stemmer *sb) {
    return mix64((uint64_t)(uintptr_t)sb ^ 0x77c0de5eedULL);
}

/* The words the copy detector read (sl_words_read), as scan would have
 * read them: same words, same order, the too long ones skipped. The caller
 * has checked that the text has no character the two readers split
 * differently and fits MAX_TEXT. The words are all known up front, so
 * the cache slot of the word AHEAD on is asked for while this one is
 * looked up: no queue to copy them through, and a longer reach than its
 * eight words. */
enum { AHEAD = 16 }; /* 32 measured no better */

static int from_words(sl_termer *t, struct sb_stemmer *sb, const char *text, const sl_word *w,
                      size_t nw, float weight) {
    uint64_t seed = seed_of(sb);
    for (size_t i = 0; i < nw && i < AHEAD; i++)
        __builtin_prefetch(word_slot(t, (w[i].h ^ seed) | 1));
    for (size_t i = 0; i < nw; i++) {
        if (i + AHEAD < nw)
            __builtin_prefetch(word_slot(t, (w[i + AHEAD].h ^ seed) | 1));
        /* scan's cap: a non-ASCII character counts 4 bytes against it */
        if (w[i].n > MAX_WORD || (w[i].last_wide && w[i].last_wide - 1 + 4 > MAX_WORD))
            continue;
        pending_word p = {(w[i].h ^ seed) | 1, text + w[i].at, w[i].len, w[i].n,
                          w[i].digits};
        if (add_word(t, sb, &p, weight) < 0)
            return -1;
    }
    return 0;
}

static int scan(sl_termer *t, struct sb_stemmer *sb, const char *p, size_t n, float weight) {
    word_queue wq;
    wq.head = wq.n = 0;
    uint64_t seed = seed_of(sb);
    if (n > MAX_TEXT)
        n = MAX_TEXT;
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)p[i];
        if (ch < 0x80) {
            if (!ascii_lower[ch]) {
                i++;
                continue;
            }
        } else {
            int32_t cp;
            size_t len = sl_utf8_decode(p + i, n - i, &cp);
            if (!word_cp(cp)) {
                i += len;
                continue;
            }
        }
        pending_word w;
        if (read_word(p, n, &i, seed, &w) && push_word(t, sb, &wq, &w, weight) < 0)
            return -1;
    }
    return drain(t, sb, &wq, weight);
}

static int by_term_cmp(const void *a, const void *b) {
    const tf_slot *x = a, *y = b;
    return x->term < y->term ? -1 : x->term > y->term;
}

/* Total order: heavier first, then by term, so the chosen set does not
 * depend on the order terms were met in. */
static int better(const tf_slot *x, const tf_slot *y) {
    return (x->tf > y->tf) | ((x->tf == y->tf) & (x->term < y->term)); /* no branch */
}

/* Moves the k best of r[0..n) to r[0..k), in no particular order:
 * quickselect with a median-of-three pivot, linear on average, instead of
 * sorting hundreds of terms to keep 64. */
static void select_top(tf_slot *r, uint32_t n, uint32_t k) {
    uint32_t lo = 0, hi = n;
    while (hi - lo > 1 && k > lo && k < hi) {
        uint32_t mid = lo + (hi - lo) / 2, last = hi - 1;
        if (better(&r[mid], &r[lo])) { tf_slot t = r[mid]; r[mid] = r[lo]; r[lo] = t; }
        if (better(&r[last], &r[lo])) { tf_slot t = r[last]; r[last] = r[lo]; r[lo] = t; }
        if (better(&r[mid], &r[last])) { tf_slot t = r[mid]; r[mid] = r[last]; r[last] = t; }
        tf_slot pivot = r[last]; /* the median of the three */
        /* Lomuto's partition without a branch: every item is swapped
         * with the first one not better than the pivot, which moves on
         * only past a better one (when it does not, the swap exchanges two
         * items of the same side). Which of hundreds of terms beats the
         * pivot is a coin toss the predictor lost half the time. */
        uint32_t s = lo;
        for (uint32_t i = lo; i < last; i++) {
            tf_slot t = r[i];
            uint32_t b = (uint32_t)better(&t, &pivot);
            r[i] = r[s];
            r[s] = t;
            s += b;
        }
        r[last] = r[s];
        r[s] = pivot;
        if (s + 1 == k || s == k)
            return;
        if (s + 1 < k)
            lo = s + 1;
        else
            hi = s;
    }
}

/* Moves the k best of t->rank[0..n) (k < n) to its front, as select_top
 * would, but the cut is found on the weights alone (4 bytes an item, not
 * 16): those above it are kept, and of those at it the ones with the
 * smallest terms, as many as are missing. */
static void choose_top(sl_termer *t, uint32_t n, uint32_t k) {
    tf_slot *r = t->rank, *tie = t->rank + t->tf_cap;
    for (uint32_t i = 0; i < n; i++)
        t->wts[i] = r[i].tf;
    float cut = sl_kth_largest(t->wts, n, k);
    uint32_t g = 0, e = 0;
    for (uint32_t i = 0; i < n; i++) { /* in place: r[g] with g <= i */
        tf_slot x = r[i];
        tie[e] = x;
        e += x.tf == cut;
        r[g] = x;
        g += x.tf > cut;
    }
    uint32_t need = k - g; /* g < k <= g + e */
    if (e > need)
        select_top(tie, e, need); /* equal weights: by term */
    memcpy(r + g, tie, need * sizeof *r);
}

/* Sorts r[0..n) by term (n <= 256; terms distinct): the terms are
 * hashes, even over their range, so one counting pass on their top six
 * bits puts them in 64 runs of a few each, and an insertion sort finishes
 * an array already nearly in order: few branches to mispredict, where an
 * insertion sort of the raw order mispredicted at every item. */
static void sort_by_term(tf_slot *r, uint32_t n) {
    tf_slot tmp[256];
    uint32_t at[65] = {0};
    for (uint32_t i = 0; i < n; i++)
        at[(r[i].term >> 58) + 1]++;
    for (uint32_t b = 1; b <= 64; b++)
        at[b] += at[b - 1];
    for (uint32_t i = 0; i < n; i++)
        tmp[at[r[i].term >> 58]++] = r[i];
    for (uint32_t i = 0; i < n; i++) {
        tf_slot x = tmp[i];
        uint32_t j = i;
        for (; j > 0 && r[j - 1].term > x.term; j--)
            r[j] = r[j - 1];
        r[j] = x;
    }
}

static int vectorize(sl_termer *t, sl_df *df, int rc, uint32_t k, sl_tvec *out);

int sl_termer_vector(sl_termer *t, sl_df *df, const char *lang, const char *title,
                     size_t title_len, const char *text, size_t text_len, uint32_t k,
                     sl_tvec *out) {
    return sl_termer_vector_words(t, df, lang, title, title_len, text, text_len, NULL, 0, 1, k,
                                  out);
}

int sl_termer_vector_words(sl_termer *t, sl_df *df, const char *lang, const char *title,
                           size_t title_len, const char *text, size_t text_len,
                           const sl_word *w, size_t nw, int odd, uint32_t k, sl_tvec *out) {
    struct sb_stemmer *sb = stemmer_for(t, lang);
    out->n = 0;
    t->tf_n = 0;
    t->df = df;
    int rc = 0;
    if (title && scan(t, sb, title, title_len, TITLE_WEIGHT) < 0)
        rc = -1;
    if (!rc && text) {
        if (!odd && text_len <= MAX_TEXT)
            rc = from_words(t, sb, text, w, nw, 1);
        else
            rc = scan(t, sb, text, text_len, 1);
    }
    return vectorize(t, df, rc, k, out);
}

/* The counted terms weighted, the k best kept, sorted and normalized. */
static int vectorize(sl_termer *t, sl_df *df, int rc, uint32_t k, sl_tvec *out) {
    flush_spellings(t);
    df->docs++;
    t->df = NULL; /* its counters were prefetched as terms were first met (tf_add) */
    uint32_t n = 0;
    for (uint32_t i = 0; i < t->tf_n; i++) {
        tf_slot *s = &t->tf[t->used[i]];
        uint32_t *c = &df->count[s->term & (((uint64_t)1 << SL_DF_BITS) - 1)];
        if (*c < UINT32_MAX)
            (*c)++;
        float idf = logf((float)(df->docs + PRIOR_DOCS + 1) / ((float)*c + 0.5f));
        t->rank[n].term = s->term;
        uint32_t whole = (uint32_t)s->tf; /* tf >= 1 */
        float log_tf = (float)whole == s->tf && whole < LOG_TF ? t->log_tf[whole] : logf(s->tf);
        t->rank[n++].tf = (1.0f + log_tf) * (idf > 0 ? idf : 0);
        s->term = 0;
        s->tf = 0;
    }
    t->tf_n = 0;
    t->tf[t->tf_cap].tf = 0; /* the sink, so that it never grows without end */
    if (rc)
        return rc;
    if (n > k) {
        choose_top(t, n, k);
        n = k;
    }
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++)
        if (t->rank[i].tf > 0)
            t->rank[m++] = t->rank[i];
    n = m;
    if (n <= 256)
        sort_by_term(t->rank, n);
    else
        qsort(t->rank, n, sizeof *t->rank, by_term_cmp);
    if (sl_tvec_reserve(out, n) < 0)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        out->term[i] = t->rank[i].term;
        out->w[i] = t->rank[i].tf;
    }
    out->n = n;
    float norm = sl_tvec_norm(out);
    for (uint32_t i = 0; norm > 0 && i < n; i++)
        out->w[i] /= norm;
    return 0;
}

/* ---------------------------------------------------------------- vectors */

void sl_tvec_free(sl_tvec *v) {
    free(v->term);
    free(v->w);
    memset(v, 0, sizeof *v);
}

int sl_tvec_reserve(sl_tvec *v, uint32_t cap) {
    if (cap <= v->cap)
        return 0;
    uint64_t *term = realloc(v->term, cap * sizeof *term);
    if (!term)
        return -1;
    v->term = term;
    float *w = realloc(v->w, cap * sizeof *w);
    if (!w)
        return -1;
    v->w = w;
    v->cap = cap;
    return 0;
}

float sl_tvec_dot(const sl_tvec *a, const sl_tvec *b) {
    float s = 0;
    uint32_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->term[i] < b->term[j])
            i++;
        else if (a->term[i] > b->term[j])
            j++;
        else
            s += a->w[i++] * b->w[j++];
    }
    return s;
}

float sl_tvec_norm(const sl_tvec *v) {
    float s = 0;
    for (uint32_t i = 0; i < v->n; i++)
        s += v->w[i] * v->w[i];
    return sqrtf(s);
}

int sl_df_init(sl_df *df) {
    df->docs = 0;
    df->count = sl_big_zalloc(((size_t)1 << SL_DF_BITS) * sizeof *df->count);
    return df->count ? 0 : -1;
}

void sl_df_free(sl_df *df) {
    free(df->count);
    df->count = NULL;
}

/* Quickselect, linear on average, where a full sort of hundreds of weights
 * was done to read one of them. */
float sl_kth_largest(float *v, uint32_t n, uint32_t k) {
    uint32_t lo = 0, hi = n - 1, want = k - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2, s = lo;
        float t = v[mid];
        v[mid] = v[hi];
        v[hi] = t;
        for (uint32_t i = lo; i < hi; i++) { /* branchless, as in select_top */
            float u = v[i];
            uint32_t b = u > t;
            v[i] = v[s];
            v[s] = u;
            s += b;
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

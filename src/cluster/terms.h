/* terms.h — an article as a short weighted term vector.
 *
 * Words are lowercased, split at anything that is not a letter or digit,
 * stripped of stopwords and stemmed with the Snowball stemmer of the
 * article's language (libstemmer). A term is the 64-bit hash of its stem.
 * Weights are sublinear TF times an IDF counted over the stream so far, the
 * title's words counting several times, and only the strongest terms are
 * kept: topic words, not the long tail, decide what an article is about. */
#ifndef SL_CLUSTER_TERMS_H
#define SL_CLUSTER_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "../dedup/dedup.h"

/* Sorted by term so two vectors meet in one merge pass. */
typedef struct sl_tvec {
    uint64_t *term;
    float *w;
    uint32_t n, cap;
} sl_tvec;

void sl_tvec_free(sl_tvec *v);
int sl_tvec_reserve(sl_tvec *v, uint32_t cap);
float sl_tvec_dot(const sl_tvec *a, const sl_tvec *b);
float sl_tvec_norm(const sl_tvec *v);

/* Document frequencies in a fixed table of counters indexed by term hash:
 * memory is fixed whatever the vocabulary; collisions only blur rare terms. */
#define SL_DF_BITS 21
typedef struct sl_df {
    uint32_t *count; /* 1 << SL_DF_BITS */
    uint64_t docs;
} sl_df;

int sl_df_init(sl_df *df);
void sl_df_free(sl_df *df);

typedef struct sl_termer sl_termer;
sl_termer *sl_termer_new(void);
void sl_termer_free(sl_termer *t);

/* Vectorize one article into out (L2-normalized, at most k terms), counting
 * its terms into df first. Returns 0, or -1 when out of memory. An article
 * with no words gives an empty vector. */
int sl_termer_vector(sl_termer *t, sl_df *df, const char *lang, const char *title,
                     size_t title_len, const char *text, size_t text_len, uint32_t k,
                     sl_tvec *out);

/* The same, with the text's words already read by sl_words_read (w, nw,
 * odd), so that copy detection and vectorizing read the text once. */
int sl_termer_vector_words(sl_termer *t, sl_df *df, const char *lang, const char *title,
                           size_t title_len, const char *text, size_t text_len,
                           const sl_word *w, size_t nw, int odd, uint32_t k, sl_tvec *out);

/* A word behind a term of the last vectors made (the first spelling met,
 * lowercased), for evidence; NULL if it has been forgotten (a small ring of
 * recent spellings is kept). */
const char *sl_termer_word(const sl_termer *t, uint64_t term);

/* n zeroed bytes, on 2 MiB pages when n is that large and the system
 * agrees: a table read at random stops missing the TLB as well as the
 * cache. Released with free(); NULL when out of memory. */
void *sl_big_zalloc(size_t n);

/* The k-th largest of v[0..n) (1 <= k <= n); v is reordered. */
float sl_kth_largest(float *v, uint32_t n, uint32_t k);

#endif

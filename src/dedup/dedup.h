/* dedup.h — streaming exact / near-duplicate / containment detection.
 *
 * Syndicated wire copies arrive as the same words with a new lede, byline or
 * dateline, dropped or added trailing paragraphs, excerpts, reordered
 * paragraphs, or exact copies. Each text is reduced to its word sequence
 * (Unicode letters, digits and marks, lowercased; punctuation, whitespace
 * and format characters ignored), so markup and punctuation noise vanish.
 *
 * Exact: a 64-bit hash of the word-hash sequence, looked up in a table.
 *
 * Near / containment: word 5-shingles hashed to 64 bits. A document keeps a
 * content-defined sample: the shingle hashes below 2^64/4 (one in four,
 * chosen by content, so two copies sample the same shingles of the text they
 * share), of which at most the 64 smallest are indexed ("bottom-k"); the doc
 * records the largest kept value as its threshold. A new text looks up its
 * whole sample, counts hits per earlier document c, and compares on the hash
 * range both sides sampled completely (<= c's threshold):
 *   containment of new in c = hits / |new sample <= thr(c)|
 *   containment of c in new = hits / |sample(c)|
 *   resemblance             = hits / (both - hits)
 * Why this and not MinHash-LSH or SimHash: both estimate resemblance of whole
 * documents and cannot see that a 30% excerpt lies inside a longer article
 * (its resemblance is 0.3); the shared-range sample estimates containment in
 * both directions from the same index, with a fixed cost per document.
 *
 * Thresholds (precision first): at least 6 sampled hits with resemblance
 * >= 0.55 is NEAR, else containment >= 0.70 of the new text in an earlier
 * one is CONTAINED, else >= 0.70 of an earlier one in the new text is
 * CONTAINS. Short texts, whose samples hold fewer than 6 shingles (roughly
 * under 30 words), are matched exactly or not at all.
 *
 * Bounds: shingles shared by more than 24 live documents are boilerplate
 * and are ignored on both sides, so no lookup is quadratic. Documents live
 * in a FIFO ring of at most max_docs, and of the last days when the caller
 * gives days (sl_dedup_expire); postings of evicted ones are dead and dropped
 * at the next table rebuild; memory is proportional to the live documents.
 * Copies (EXACT, NEAR, CONTAINED) are not indexed; a CONTAINS text is
 * indexed (it holds text its family's first member lacks) under that
 * member's canonical key, so later excerpts of it still find the family.
 */
#ifndef SL_DEDUP_H
#define SL_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "storyline.h"

/* sl_dup_kind is public (storyline.h). */
typedef struct sl_dedup sl_dedup;
typedef struct {
    size_t max_docs;      /* indexed documents kept; oldest evicted first (bounded memory). default 200000 */
} sl_dedup_options;
typedef struct {
    sl_dup_kind kind;
    uint64_t of;          /* caller key of the matched earlier document (its canonical if that one was itself a copy) */
    float similarity;     /* estimated resemblance (EXACT/NEAR) or containment (CONTAINED/CONTAINS), 0..1 */
} sl_dup_match;
void sl_dedup_options_default(sl_dedup_options *o);
sl_dedup *sl_dedup_new(const sl_dedup_options *o);   /* NULL on OOM */
void sl_dedup_free(sl_dedup *d);
/* Look up `text` against everything indexed so far, fill *m (kind NONE if no match),
   then index it under `key` unless it was a copy (copies are not indexed: 10,000
   identical copies must cost 10,000 cheap lookups, not 10,000^2 comparisons). */
sl_status sl_dedup_add(sl_dedup *d, uint64_t key, const char *text, size_t len, sl_dup_match *m);
size_t sl_dedup_memory(const sl_dedup *d);  /* bytes held, for the memory bench */

/* One word of a text as the copy detector reads it, with what a term
 * reader needs to use the same pass (the clusterer reads each text once). */
typedef struct sl_word {
    uint64_t h;         /* hash of its lowercased UTF-8, finalized */
    uint32_t at, len;   /* its bytes in the text */
    uint32_t n;         /* UTF-8 bytes once lowercased */
    uint32_t last_wide; /* 1 + lowercased bytes before its last non-ASCII character; 0: none */
    uint32_t digits;    /* ASCII digits */
} sl_word;

/* The words of text into *buf (grown as needed, *cap its size). *odd is
 * set when the text holds characters that this reader takes into or
 * within words and a plain letter/digit/mark reader would split at (format
 * characters, letter-like and other numbers). Returns the count, or
 * SIZE_MAX when out of memory. */
size_t sl_words_read(const char *text, size_t len, sl_word **buf, size_t *cap, int *odd);
/* sl_dedup_add on a text already read by sl_words_read. */
sl_status sl_dedup_add_words(sl_dedup *d, uint64_t key, const sl_word *w, size_t n,
                             sl_dup_match *m);

/* The stream has reached `day`: documents indexed from now on are stamped
 * with it, and those stamped before day - window are forgotten (a copy is
 * looked for among the texts of the last `window` days and the last
 * max_docs texts), so memory follows the window, not the stream. Documents
 * indexed before any day count as indexed on the first one. SL_NO_DAY is
 * ignored. SL_ERR_NOMEM if shrinking the index failed (it stays usable). */
sl_status sl_dedup_expire(sl_dedup *d, int32_t day, int32_t window);

/* Compare two texts alone (b as the earlier one): the verdict sl_dedup_add
 * would give for `a` if only `b` had been indexed. SL_ERR_NOMEM on OOM. */
sl_status sl_dedup_compare(const char *a, size_t alen, const char *b, size_t blen,
                           sl_dup_match *m);

#endif

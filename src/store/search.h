/* search.h — fast full-text search for the server: the newest matches,
 * ranked in C, with cheap snippets.
 *
 * sl_store_search ranks every match with FTS5's ORDER BY rank, which on a
 * large store means scoring tens of thousands of rows for a common word,
 * and builds snippets with FTS5's snippet(), which re-reads and re-tokenizes
 * each hit. A server answering thousands of different queries a second
 * cannot afford either, so this search:
 *
 *   - takes at most SL_SEARCH_WINDOW matches, newest first (rowid order,
 *     which FTS5 walks without sorting), and ranks those by BM25 over title
 *     and text (title words weigh 5, as the store's own rank does), from
 *     per-row term counts an FTS5 auxiliary function hands back; document
 *     frequencies are estimated from the window (exact when all matches fit);
 *   - reads the shown hits' rows in one statement and cuts each snippet in
 *     one pass over the text (sl_snip);
 *   - says how much was ranked (ranked_over) and about how many articles
 *     match in all (total_estimate, exact when exact is 1).
 */
#ifndef SL_SEARCH_H
#define SL_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "storyline.h"

enum { SL_SEARCH_WINDOW = 256 };

typedef struct sl_search_stats {
    int64_t ranked_over;    /* matches ranked (at most SL_SEARCH_WINDOW) */
    int64_t total_estimate; /* matching articles in the store, about */
    int exact;              /* total_estimate is a count */
} sl_search_stats;

/* The limit best of the newest SL_SEARCH_WINDOW matches of an FTS5 query,
 * best first; the same query syntax, plain-word rescue and errors as
 * sl_store_search. stats may be NULL. */
sl_status sl_store_search_recent(sl_store *s, const char *query, int64_t limit, sl_hit_fn cb,
                                 void *ud, sl_search_stats *stats, sl_error *err);

/* Load what the first search would (the search function, every document's
 * length), so that it does not pay for it; a server calls it at start. */
sl_status sl_store_search_warm(sl_store *s, sl_error *err);

/* The words of an FTS5 query worth marking in a snippet: barewords and
 * phrase words, lowercased, "word*" as a prefix; operators, column names
 * and what follows NOT are left out. */
enum { SL_SNIP_TERMS = 32 };
typedef struct sl_snip_terms {
    struct {
        unsigned short off, len;
        int prefix;
    } t[SL_SNIP_TERMS];
    size_t n;
    char buf[512];
    unsigned char first[256]; /* 1 for each term's first (folded) byte */
} sl_snip_terms;
void sl_snip_terms_parse(sl_snip_terms *t, const char *query);

/* A window of about SL_SNIP_WORDS words of text with the most query words,
 * each marked [like this], "..." where the text goes on; NUL-terminated in
 * out (cap bytes, cut at a word). The length written. The first words of
 * the text when nothing matches. hint: the word offset of a match as FTS5
 * counts words (-1: unknown), so the text before it is skipped without
 * comparing words; the window then starts a few words before it. */
enum { SL_SNIP_WORDS = 16 };
size_t sl_snip(const char *text, size_t len, const sl_snip_terms *t, int64_t hint, char *out,
               size_t cap);

#endif

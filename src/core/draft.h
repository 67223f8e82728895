/* draft.h — the article under construction, shared by every extractor.
 *
 * An extractor (HTML, plain text, JSONL fields) does not build sl_article
 * directly: it adds blocks of raw text and metadata candidates to a draft.
 * sl_draft_add_block normalizes each block as it arrives (whitespace, NFC,
 * glued words), so block spans are final at once. sl_draft_finish picks the
 * date, segments the text, hashes it and hands over an sl_article that owns
 * the draft's arena.
 */
#ifndef SL_DRAFT_H
#define SL_DRAFT_H

#include "storyline.h"
#include "../util/arena.h"
#include "../util/buf.h"

typedef struct sl_date_cand {
    char iso[32];          /* YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|±hh:mm] */
    sl_date_source source;
} sl_date_cand;

enum { SL_DRAFT_MAX_DATES = 16 };

typedef struct sl_draft {
    sl_arena arena;        /* owns every string below; moves into the article */
    sl_buf text;           /* blocks joined by "\n\n" */
    sl_buf scratch;        /* normalization of the block or field at hand */
    sl_block *blocks;
    size_t n_blocks, cap_blocks;
    const char *title, *url, *outlet, *authors, *language;
    sl_date_cand dates[SL_DRAFT_MAX_DATES];
    size_t n_dates;
    sl_format format;
    sl_provenance prov;
    int split_glued;       /* 1: split words glued by lost markup (default) */
    int title_only_ok;     /* 1: a record with a title and no text is kept
                              (headline feeds); 0: no text is an error */
    double deadline;       /* thread CPU seconds; 0: none */
    int expired;           /* sticky: the deadline passed */
    char warning[128];
} sl_draft;

void sl_draft_init(sl_draft *d, sl_format format);
/* Free a draft that was not finished. */
void sl_draft_discard(sl_draft *d);

/* Give the document a time budget (sl_limits.max_doc_seconds). Once it is
 * spent, blocks are refused and sl_draft_finish fails with SL_ERR_LIMIT;
 * long extractor loops may poll sl_draft_expired to stop early. */
void sl_draft_set_deadline(sl_draft *d, double seconds);
int sl_draft_expired(sl_draft *d);

/* Normalize raw (UTF-8) text and append it as a block; empty text after
 * normalization adds nothing. speaker is copied. Returns 0 or -1 (OOM). */
int sl_draft_add_block(sl_draft *d, sl_block_kind kind, const char *s, size_t n,
                       const char *speaker);
/* Remove the last block (trailing chrome found after the fact). */
void sl_draft_drop_last(sl_draft *d);
/* Copy a metadata string into the arena after whitespace/NFC cleanup;
 * NULL or empty gives NULL. */
const char *sl_draft_str(sl_draft *d, const char *s, size_t n);
/* Record a date candidate; later sources are ranked by sl_date_source order. */
void sl_draft_add_date(sl_draft *d, const char *iso, sl_date_source src);

/* A finished article lives in the first allocation of its own arena, so
 * sl_article_free needs nothing but the article pointer. */
typedef struct sl_article_owner {
    sl_article a; /* first: an sl_article* is an sl_article_owner* */
    sl_arena arena;
} sl_article_owner;

/* Finish: choose the date, segment, hash. On success the draft is consumed. */
sl_status sl_draft_finish(sl_draft *d, sl_article **out, sl_error *err);

/* Set err (if non-NULL) and return status; used by every module. */
sl_status sl_fail(sl_error *err, sl_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif

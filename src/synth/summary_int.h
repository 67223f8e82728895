/* summary_int.h — the summarizer's working state, shared by its passes:
 * summary_sents.c reads the documents into candidate sentences and weighted
 * concepts, summary_select.c chooses sentences and finds their citations,
 * summary.c orders them and builds the result. */
#ifndef SL_SUMMARY_INT_H
#define SL_SUMMARY_INT_H

#include <stddef.h>
#include <stdint.h>

#include "storyline.h"
#include "../util/arena.h"

struct sl_summary_priv {
    sl_arena arena; /* everything of the result but the two structs */
    char **texts;   /* per sentence: the text shown when cuts make it differ
                     * from its span, else NULL (in the arena) */
};

/* The text shown for summary sentence i when it is not its span's text
 * (a compressed sentence with pieces cut out of the middle), else NULL.
 * The span (sources[0]) stays the source sentence's. */
const char *sm_summary_text(const sl_summary *s, size_t i);

/* ---- compression: shorter variants of a sentence (summary_compress.c) */

typedef struct sm_span {
    uint32_t start, end;
} sm_span;

enum { SM_MAX_CUTS = 8 };
/* A sentence and its variants: the sentence, a lead trim, one per rule,
 * all rules at once. */
enum { SM_MAX_VARIANTS = 11 };

/* A variant: the span [start, end) of the source text without its cuts
 * (sorted, disjoint, inside the span). */
typedef struct sm_variant {
    uint32_t start, end;
    uint32_t n_cuts;
    sm_span cut[SM_MAX_CUTS];
} sm_variant;

/* The compression rules, each alone safe to apply. */
enum {
    SM_C_PAREN = 1,      /* ( ... ) and [ ... ] asides */
    SM_C_DASH = 2,       /* " -- ... -- " asides */
    SM_C_APPOS = 4,      /* ", 45," ", a spokesman for X," after a name */
    SM_C_ATTR_MID = 8,   /* ", police said," ", according to X," */
    SM_C_REL = 16,       /* ", who ...," after a name */
    SM_C_ATTR_LEAD = 32, /* "Officials said Tuesday that" in front (moves start) */
    SM_C_TAIL_REL = 64,  /* a trailing ", which ..." (moves end) */
    SM_C_DAY = 128,      /* a day of the week: "said Tuesday that", "on Monday night" */
    SM_C_ALL = 255
};

/* Apply rules to the variant v of text s (its span set, no cuts yet):
 * 1 when something was cut and at least min_words words are left. */
int sm_compress(const char *s, unsigned rules, uint32_t min_words, sm_variant *v);
/* The words (whitespace-separated) of the variant's text. */
uint32_t sm_variant_words(const char *s, const sm_variant *v);
/* The variant's text into out (room for end - start bytes); its length. */
size_t sm_variant_text(const char *s, const sm_variant *v, char *out);

/* Trimming a candidate's span: a leading adverbial of time or linking
 * ("On Tuesday,", "Meanwhile,"), a trailing attribution (", officials
 * said."), days of the week (SM_C_DAY, cut from the sentence and so from
 * all its variants). The first two keep the span one contiguous piece of
 * the sentence; the third shows a text with cuts. */
enum { SM_TRIM_LEAD = 1, SM_TRIM_TAIL = 2, SM_TRIM_DAY = 4 };

/* The few knobs of the method, round numbers. */
typedef struct sm_params {
    uint32_t min_words;  /* a shorter sentence is no candidate */
    uint32_t min_df;     /* a concept counts from this many documents */
    double copy_share;   /* content-word containment from which two documents are
                          * near copies, counted as one report (0: never, nor
                          * a sentence reprinted by another report) */
    double df_share;     /* ... or this share of the documents, if more */
    uint32_t lead;       /* sentences of a document that make its lead */
    double lead_bonus;   /* a concept's weight per document with it in the lead */
    double cost_power;   /* greedy gain / words^cost_power */
    double cite_dice;    /* word overlap (Dice) from which a sentence cites another */
    double dup_share;    /* word containment from which two sentences are one */
    int no_quotes;       /* 1: drop sentences that hold quotation marks */
    int no_dangling;     /* 1: drop sentences opening with a pronoun */
    double unigram;      /* weight of a content-word concept against a bigram */
    int trim;            /* SM_TRIM_LEAD | SM_TRIM_TAIL: what trimming may cut */
    unsigned compress;   /* SM_C_* rules whose variants compete with the sentence */
    int lead_variant;    /* 1: the lead-adverbial trim is a variant, not forced */
} sm_params;

void sm_params_default(sm_params *p);

/* sl_summarize with the method's parameters given. */
sl_status sm_summarize_with(const sl_article *const *docs, size_t n, const sl_summary_options *o,
                            const sm_params *p, sl_summary **out, sl_error *err);

typedef struct sm_sent {
    uint32_t doc, pos;   /* document index, sentence index in it */
    uint32_t start, end; /* the span shown */
    uint32_t words;      /* whitespace-separated words of the span */
    uint32_t c0, nc;     /* its weighted concepts: w->cocc[c0 .. c0+nc), unique */
    uint32_t u0, nu;     /* its content words: w->uni[u0 .. u0+nu), sorted unique */
    uint32_t cut0, ncut; /* pieces cut out of the span: w->cuts[cut0 .. cut0+ncut) */
    uint8_t ok;          /* a candidate */
    uint8_t variant;     /* a compressed variant of the sentence before it */
} sm_sent;

typedef struct sm_work {
    const sl_article *const *docs;
    size_t n_docs;
    sm_params p;
    sm_sent *sents;
    size_t n_sents;
    uint32_t *cocc; /* concept occurrences, per sentence */
    size_t n_cocc;
    uint64_t *uni;  /* content-word stems (hashes), per sentence */
    size_t n_uni;
    double *weight; /* per concept */
    size_t n_concepts;
    sm_span *cuts;
    size_t n_cuts;
    uint32_t *chosen; /* sentence indices */
    size_t n_chosen;
} sm_work;

/* Read the documents: candidates, concepts and their weights. 0 or -1 (OOM). */
int sm_work_init(sm_work *w, const sl_article *const *docs, size_t n, const sm_params *p);
void sm_work_free(sm_work *w);
/* Choose the sentences of a summary of at most max_words words, with
 * latest, the latest development's sentence first (sl_summary_options).
 * 0 or -1. */
int sm_select(sm_work *w, size_t max_words, int latest);
/* The citations of sentence s: itself first, then the best nearly equal
 * sentence of every other document. 0 or -1 (OOM). */
int sm_cite(const sm_work *w, uint32_t s, sl_arena *a, sl_evidence **out, size_t *n);
/* Dice overlap of two sentences' content words. */
double sm_overlap_dice(const sm_work *w, const sm_sent *a, const sm_sent *b);
/* |a ∩ b| / min(|a|, |b|). */
double sm_overlap_min(const sm_work *w, const sm_sent *a, const sm_sent *b);

#endif

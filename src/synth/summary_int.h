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
};

/* Trimming a candidate's span: a leading adverbial of time or linking
 * ("On Tuesday,", "Meanwhile,"), a trailing attribution (", officials
 * said."). The span stays one contiguous piece of the sentence. */
enum { SM_TRIM_LEAD = 1, SM_TRIM_TAIL = 2 };

/* The few knobs of the method, round numbers. */
typedef struct sm_params {
    uint32_t min_words;  /* a shorter sentence is no candidate */
    uint32_t min_df;     /* a concept counts from this many documents */
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
} sm_params;

void sm_params_default(sm_params *p);

typedef struct sm_sent {
    uint32_t doc, pos;   /* document index, sentence index in it */
    uint32_t start, end; /* the span shown */
    uint32_t words;      /* whitespace-separated words of the span */
    uint32_t c0, nc;     /* its weighted concepts: w->cocc[c0 .. c0+nc), unique */
    uint32_t u0, nu;     /* its content words: w->uni[u0 .. u0+nu), sorted unique */
    uint8_t ok;          /* a candidate */
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
    uint32_t *chosen; /* sentence indices */
    size_t n_chosen;
} sm_work;

/* Read the documents: candidates, concepts and their weights. 0 or -1 (OOM). */
int sm_work_init(sm_work *w, const sl_article *const *docs, size_t n, const sm_params *p);
void sm_work_free(sm_work *w);
/* Choose the sentences of a summary of at most max_words words. 0 or -1. */
int sm_select(sm_work *w, size_t max_words);
/* The citations of sentence s: itself first, then the best nearly equal
 * sentence of every other document. 0 or -1 (OOM). */
int sm_cite(const sm_work *w, uint32_t s, sl_arena *a, sl_evidence **out, size_t *n);
/* Dice overlap of two sentences' content words. */
double sm_overlap_dice(const sm_work *w, const sm_sent *a, const sm_sent *b);
/* |a ∩ b| / min(|a|, |b|). */
double sm_overlap_min(const sm_work *w, const sm_sent *a, const sm_sent *b);

#endif

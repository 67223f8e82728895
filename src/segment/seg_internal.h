/* seg_internal.h — private pieces of the segmenter: character classes,
 * the tokenizer and the word lists it shares with the sentence splitter. */
#ifndef SL_SEG_INTERNAL_H
#define SL_SEG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "storyline.h"
#include "../util/arena.h"

/* What a code point is for tokenizing purposes. */
typedef enum seg_class {
    SC_SPACE = 0,
    SC_LETTER,
    SC_DIGIT,
    SC_PUNCT,
    SC_SYMBOL
} seg_class;

/* Class of the code point at s[0..n); *len gets its byte length (>= 1). */
seg_class seg_classify(const char *s, size_t n, size_t *len, int32_t *cp);
/* Case of the first code point of s: 1 upper (or caseless letter),
 * -1 lower, 0 not a letter. */
int seg_case(const char *s, size_t n);

/* Abbreviation classes: how an abbreviation's period behaves before a
 * capitalized word. */
typedef enum seg_abbr {
    AB_NONE = 0,
    AB_TITLE,   /* Mr. Sen. Gov. vs. e.g.: precedes a name, never ends a sentence */
    AB_MONTH,   /* Jan. Sept.: before a day number, rarely final */
    AB_END,     /* Inc. Jr. Calif.: may end a sentence */
    AB_NUMBER,  /* No. Vol.: an abbreviation only before a number */
    AB_ETC,     /* etc.: any capital after it starts a new sentence */
    AB_ACRONYM, /* U.S. p.m. F.B.I.: dotted letters */
    AB_INITIAL  /* R. in "Joe R. Biden" */
} seg_abbr;

/* Class of the word s[0..n) (without its final period) from the fixed list. */
seg_abbr seg_abbr_lookup(const char *s, size_t n);
/* 1 if s[0..n) is a word that usually opens a sentence ("The", "He"). */
int seg_is_starter(const char *s, size_t n);
/* 1 if s[0..n) is a top-level domain we accept in bare host names. */
int seg_is_tld(const char *s, size_t n);
/* 1 if every fixed list is sorted (bsearch needs it); for the unit test. */
int sl_segment_lists_sorted(void);

/* A growable token array in an arena. */
typedef struct seg_tokvec {
    sl_token *v;
    size_t n, cap;
    sl_arena *a;
} seg_tokvec;

/* Tokenize text[start, end) and append the tokens to tv.
 * Returns 0, or -1 when the arena is exhausted. */
int seg_tokenize(const char *text, size_t start, size_t end, seg_tokvec *tv);

#endif

/* quote_lex.h — closed word lists of the quote scanner (private). */
#ifndef SL_QUOTE_LEX_H
#define SL_QUOTE_LEX_H
#include <stddef.h>

enum {
    Q_SAY = 1,        /* reports speech: "said", "wrote" */
    Q_TELL = 2,       /* takes a hearer before the content: "told reporters" */
    Q_BEL = 4,        /* reports a stance, indirect only: "believes", "suggested" */
    Q_ING = 8,        /* participle: the speaker is the clause's subject */
    Q_DQ = 16,        /* only next to a direct quote: "continued", "shouted" */
    Q_ACCORDING = 32, /* "according" (to X) */
    Q_STANCE = 64     /* an attitude or finding, reported speech only: "called", "showed" */
};

/* Cue flags of a word (any case), 0 when it is no cue. */
int sl_quote_cue(const char *w, size_t n);
int sl_quote_is_aux(const char *w, size_t n);
int sl_quote_is_stop(const char *w, size_t n);
int sl_quote_is_pronoun(const char *w, size_t n);
int sl_quote_is_det(const char *w, size_t n);
#endif

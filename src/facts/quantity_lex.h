/* quantity_lex.h — the static word lists the quantity scanner reads.
 *
 * Units are matched as phrases of scanner items ("per cent", "km / h",
 * "m . p . h"), so a form holds space-separated pieces. Kept out of
 * quantity.c so the grammar stays readable. */
#ifndef SL_QUANTITY_LEX_H
#define SL_QUANTITY_LEX_H
#include <stddef.h>

enum {
    QU_ATTACH = 1,  /* may be glued to the number: "10kW", "24pc" */
    QU_SEP = 2,     /* may stand as a separate word: "10 kW" */
    QU_CASE = 4,    /* case-sensitive form: "W", "G", "F" */
    QU_PLURAL = 8,  /* the last piece also takes -s / -es */
    QU_CURRENCY = 16,
    QU_PERCENT = 32,
    QU_TIME = 64    /* a time unit, also a good rate denominator */
};

typedef struct ql_unit {
    const char *form;
    const char *norm;
    unsigned flags;
} ql_unit;

typedef struct ql_pair {
    const char *form;
    const char *norm;
} ql_pair;

typedef struct ql_word {
    const char *form;
    int kind;
} ql_word;

extern const ql_unit sl_ql_units[];       /* measures, time, percent, counts */
extern const size_t sl_ql_n_units;
extern const ql_unit sl_ql_currency_pre[]; /* "$", "US $", "USD", "Y =" before the number */
extern const size_t sl_ql_n_currency_pre;
extern const ql_unit sl_ql_currency_post[]; /* "dollars", "USD", "yen" after it */
extern const size_t sl_ql_n_currency_post;
extern const ql_pair sl_ql_national[];    /* "australian dollar" -> "australian dollar" */
extern const size_t sl_ql_n_national;

/* Hedges and change words, matched as phrases ending just before a number. */
enum { QH_APPROX = 1, QH_AT_LEAST, QH_MORE_THAN, QH_AT_MOST, QH_LESS_THAN };
extern const ql_word sl_ql_hedges[];
extern const size_t sl_ql_n_hedges;
enum { QC_UP = 1, QC_DOWN };
extern const ql_word sl_ql_changes[];
extern const size_t sl_ql_n_changes;

/* Words that are never the name before a number ("In 2", "About 300"). */
int sl_ql_is_function_word(const char *lw);
/* Month names and abbreviations, lower case. */
int sl_ql_is_month(const char *lw);

#endif

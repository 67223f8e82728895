/* timex_int.h — private pieces shared by the timex scanner (timex.c) and
 * its lexicons and calendar arithmetic (timex_lex.c). */
#ifndef SL_TIMEX_INT_H
#define SL_TIMEX_INT_H
#include <stddef.h>
#include <stdint.h>

/* One word-like unit of a sentence: a token, or a hyphen-separated part of
 * one ("four-week" gives "four" and "week", the first glued to the next). */
typedef struct tx_unit {
    uint32_t s, e; /* byte span in the article text */
    char w[24];    /* lower-cased, a trailing '.' dropped; "" when too long */
    int32_t num;   /* value when w is all digits (at most 9), else -1 */
    uint8_t kind;  /* sl_token_kind of the token it came from */
    uint8_t cap;   /* written with an upper-case first letter */
    uint8_t glued; /* joined to the next unit by a hyphen */
    uint8_t dot;   /* a trailing '.' was dropped */
} tx_unit;

/* Duration units, in the order of their TIMEX3 letters. */
enum { TXU_NONE = 0, TXU_SEC, TXU_MIN, TXU_HOUR, TXU_DAY, TXU_WEEK, TXU_FORTNIGHT, TXU_MONTH,
       TXU_QUARTER, TXU_YEAR, TXU_DECADE, TXU_CENTURY };

int tx_month(const char *w);          /* 1..12 for names and abbreviations, else 0 */
int tx_month_abbrev(const char *w);   /* 1 when w is an abbreviation ("jan", "sept") */
int tx_weekday(const char *w);        /* ISO 1..7 for names, else 0 */
int tx_weekday_plural(const char *w); /* ISO 1..7 for "mondays", else 0 */
int tx_weekday_abbrev(const char *w); /* ISO 1..7 for "mon", "tues", else 0 */
int tx_cardinal(const char *w);       /* "one".."ninety", "hundred": value, else -1 */
int tx_ordinal(const char *w);        /* "first".."thirty-first" parts, "10th": value, else -1 */
int tx_unitw(const char *w, int *plural); /* TXU_* for "day", "days", ..., else 0 */
const char *tx_daypart(const char *w); /* "MO", "AF", "EV", "NI", else NULL */
const char *tx_season(const char *w);  /* "SP", "SU", "FA", "WI", else NULL */
int tx_in(const char *w, const char *const *list); /* w is in a NULL-ended list */

/* Proleptic Gregorian calendar on day numbers (0 = 1970-01-01). */
int64_t tx_days(int y, int m, int d);
void tx_civil(int64_t z, int *y, int *m, int *d);
int tx_isowd(int64_t z); /* Monday 1 .. Sunday 7 */
void tx_isoweek(int64_t z, int *wy, int *wn);
int tx_mdays(int y, int m);
#endif

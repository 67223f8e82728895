/* timex_lex.c — the small word lists of the timex scanner (months, days,
 * number words, units) and calendar arithmetic on day numbers.
 *
 * Lists are short fixed tables, so a lookup costs a bounded number of
 * string compares per unit whatever the input. */
#include <string.h>

#include "timex_int.h"

int tx_in(const char *w, const char *const *list) {
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}

static int index_of(const char *w, const char *const *list) {
    for (int i = 0; list[i]; i++)
        if (strcmp(w, list[i]) == 0)
            return i;
    return -1;
}

static const char *const MONTHS[] = {"january", "february", "march",     "april",
                                     "may",     "june",     "july",      "august",
                                     "september", "october", "november", "december", NULL};
static const char *const MONTH_AB[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
                                       "aug", "sep", "oct", "nov", "dec", NULL};

int tx_month(const char *w) {
    int i = index_of(w, MONTHS);
    if (i >= 0)
        return i + 1;
    if (strcmp(w, "sept") == 0)
        return 9;
    i = index_of(w, MONTH_AB);
    return i >= 0 ? i + 1 : 0;
}

int tx_month_abbrev(const char *w) {
    return index_of(w, MONTHS) < 0 && tx_month(w) > 0;
}

static const char *const DAYS[] = {"monday", "tuesday", "wednesday", "thursday",
                                   "friday", "saturday", "sunday", NULL};
static const char *const DAYS_PL[] = {"mondays", "tuesdays", "wednesdays", "thursdays",
                                      "fridays", "saturdays", "sundays", NULL};

int tx_weekday(const char *w) { return index_of(w, DAYS) + 1; }
int tx_weekday_plural(const char *w) { return index_of(w, DAYS_PL) + 1; }

int tx_weekday_abbrev(const char *w) {
    static const char *const AB[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};
    int i = index_of(w, AB);
    if (i >= 0)
        return i + 1;
    if (strcmp(w, "tues") == 0)
        return 2;
    if (strcmp(w, "thur") == 0 || strcmp(w, "thurs") == 0)
        return 4;
    return 0;
}

static const char *const ONES[] = {"zero",    "one",     "two",       "three",    "four",
                                   "five",    "six",     "seven",     "eight",    "nine",
                                   "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                   "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                                   NULL};
static const char *const TENS[] = {"twenty", "thirty", "forty",  "fifty",
                                   "sixty",  "seventy", "eighty", "ninety", NULL};

int tx_cardinal(const char *w) {
    int i = index_of(w, ONES);
    if (i >= 0)
        return i;
    i = index_of(w, TENS);
    if (i >= 0)
        return 20 + 10 * i;
    if (strcmp(w, "hundred") == 0)
        return 100;
    return -1;
}

static const char *const ORD[] = {
    "zeroth",     "first",      "second",      "third",      "fourth",     "fifth",
    "sixth",      "seventh",    "eighth",      "ninth",      "tenth",      "eleventh",
    "twelfth",    "thirteenth", "fourteenth",  "fifteenth",  "sixteenth",  "seventeenth",
    "eighteenth", "nineteenth", "twentieth",   NULL};

int tx_ordinal(const char *w) {
    int i = index_of(w, ORD);
    if (i > 0)
        return i;
    if (strcmp(w, "thirtieth") == 0)
        return 30;
    /* digits with a suffix: 1st, 22nd, 3rd, 10th */
    int v = 0, n = 0;
    while (w[n] >= '0' && w[n] <= '9' && n < 3)
        v = v * 10 + (w[n++] - '0');
    if (n == 0 || n > 2)
        return -1;
    const char *sfx = w + n;
    if (strcmp(sfx, "st") == 0 || strcmp(sfx, "nd") == 0 || strcmp(sfx, "rd") == 0 ||
        strcmp(sfx, "th") == 0)
        return v;
    return -1;
}

int tx_unitw(const char *w, int *plural) {
    static const struct { const char *s, *p; int u; } U[] = {
        {"second", "seconds", TXU_SEC},   {"minute", "minutes", TXU_MIN},
        {"hour", "hours", TXU_HOUR},      {"day", "days", TXU_DAY},
        {"week", "weeks", TXU_WEEK},      {"fortnight", "fortnights", TXU_FORTNIGHT},
        {"month", "months", TXU_MONTH},   {"quarter", "quarters", TXU_QUARTER},
        {"year", "years", TXU_YEAR},      {"decade", "decades", TXU_DECADE},
        {"century", "centuries", TXU_CENTURY}, {"hr", "hrs", TXU_HOUR},
        {"min", "mins", TXU_MIN},         {"yr", "yrs", TXU_YEAR},
    };
    for (size_t i = 0; i < sizeof U / sizeof U[0]; i++) {
        if (strcmp(w, U[i].s) == 0) {
            *plural = 0;
            return U[i].u;
        }
        if (strcmp(w, U[i].p) == 0) {
            *plural = 1;
            return U[i].u;
        }
    }
    *plural = 0;
    return TXU_NONE;
}

const char *tx_daypart(const char *w) {
    if (strcmp(w, "morning") == 0)
        return "MO";
    if (strcmp(w, "afternoon") == 0)
        return "AF";
    if (strcmp(w, "evening") == 0)
        return "EV";
    if (strcmp(w, "night") == 0 || strcmp(w, "overnight") == 0)
        return "NI";
    return NULL;
}

const char *tx_season(const char *w) {
    if (strcmp(w, "spring") == 0)
        return "SP";
    if (strcmp(w, "summer") == 0)
        return "SU";
    if (strcmp(w, "fall") == 0 || strcmp(w, "autumn") == 0)
        return "FA";
    if (strcmp(w, "winter") == 0)
        return "WI";
    return NULL;
}

/* Day numbers after H. Hinnant's civil-calendar algorithms. */
int64_t tx_days(int y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tx_civil(int64_t z, int *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int tx_isowd(int64_t z) {
    int64_t r = (z + 3) % 7;
    if (r < 0)
        r += 7;
    return (int)r + 1;
}

void tx_isoweek(int64_t z, int *wy, int *wn) {
    int64_t thu = z - (tx_isowd(z) - 1) + 3;
    int m, d;
    tx_civil(thu, wy, &m, &d);
    *wn = (int)((thu - tx_days(*wy, 1, 1)) / 7 + 1);
}

int tx_mdays(int y, int m) {
    static const int D[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return D[(m - 1) % 12];
}

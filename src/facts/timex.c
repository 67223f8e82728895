/* timex.c — time expressions normalized to TIMEX3 values (TempEval-3
 * conventions), resolved against the article's publication date.
 *
 * A hand-written scanner over each sentence's word units: at each unit it
 * tries an optional "the" and modifier ("more than", "early", "mid-")
 * followed by one core pattern (clock time, calendar date, weekday,
 * deictic word, relative period, quarter, decade, year, duration, set).
 * Every pattern reads a bounded number of units ahead, so a sentence is
 * scanned in linear time. Values that would be guesses are not emitted:
 * a wrong value costs as much as a miss. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timex.h"
#include "../core/draft.h"
#include "../util/buf.h"
#include "timex_int.h"
#include "timex_units.h"

typedef struct cand {
    size_t a, b; /* unit range [a,b) */
    sl_timex_type type;
    char value[32];
    char mod[12];
    int emit;    /* 0: a non-timex that should be skipped whole (an age) */
    int theok;   /* a leading "the" belongs to the expression */
    int isdur;   /* a duration or "N units ago": takes number modifiers */
    int hasday;  /* resolved to one calendar day z */
    int year;    /* a year written out in it, 0 if none */
    int64_t z;
} cand;

typedef struct ctx {
    const tx_unit *u;
    size_t n;
    int dct; /* the publication date is known */
    int y, m, d;
    int64_t z;
    int quarterly;      /* the sentence talks about quarters */
    int last_year;      /* the last year written out so far, 0 if none */
    int year_here;      /* ... and it was in this sentence */
    int near, far;      /* years written within a year of the date, and not */
    int has_day;        /* the sentence already named a day */
    int64_t day;
} ctx;

/* ------------------------------------------------------------ helpers */

static const char *W(const ctx *c, size_t i) { return i < c->n ? c->u[i].w : ""; }
static int is(const ctx *c, size_t i, const char *w) { return strcmp(W(c, i), w) == 0; }

static void setv(cand *o, sl_timex_type t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->value, sizeof o->value, fmt, ap);
    va_end(ap);
    o->type = t;
}

static void put_day(cand *o, int64_t z) {
    int y, m, d;
    tx_civil(z, &y, &m, &d);
    setv(o, SL_TIMEX_DATE, "%04d-%02d-%02d", y, m, d);
    o->hasday = 1;
    o->z = z;
}

static void put_week(cand *o, int64_t z, const char *sfx) {
    int wy, wn;
    tx_isoweek(z, &wy, &wn);
    setv(o, SL_TIMEX_DATE, "%04d-W%02d%s", wy, wn, sfx);
}

static void put_month(cand *o, int y, int m) {
    while (m < 1) {
        m += 12;
        y--;
    }
    while (m > 12) {
        m -= 12;
        y++;
    }
    setv(o, SL_TIMEX_DATE, "%04d-%02d", y, m);
}

static void put_quarter(cand *o, int y, int q) {
    while (q < 1) {
        q += 4;
        y--;
    }
    while (q > 4) {
        q -= 4;
        y++;
    }
    setv(o, SL_TIMEX_DATE, "%04d-Q%d", y, q);
}

static int dct_quarter(const ctx *c) { return (c->m - 1) / 3 + 1; }

static int is_year_num(const ctx *c, size_t i) {
    return i < c->n && c->u[i].kind == SL_TOK_NUMBER && strlen(c->u[i].w) == 4 &&
           c->u[i].num >= 1000 && c->u[i].num <= 2099;
}

/* --------------------------------------------------------- modifiers */

enum { MOD_NONE = 0, MOD_DATE, MOD_NUM };

/* A modifier at i: "more than", "about", "early", "mid-", "the end of".
 * Returns the unit after it (i when none) and its class. */
static size_t parse_mod(const ctx *c, size_t i, const char **mod, int *cls) {
    static const struct { const char *a, *b, *c3; const char *mod; int cls; } M[] = {
        {"more", "than", NULL, "MORE_THAN", MOD_NUM},
        {"less", "than", NULL, "LESS_THAN", MOD_NUM},
        {"fewer", "than", NULL, "LESS_THAN", MOD_NUM},
        {"no", "more", "than", "EQUAL_OR_LESS", MOD_NUM},
        {"no", "less", "than", "EQUAL_OR_MORE", MOD_NUM},
        {"at", "least", NULL, "EQUAL_OR_MORE", MOD_NUM},
        {"at", "most", NULL, "EQUAL_OR_LESS", MOD_NUM},
        {"up", "to", NULL, "EQUAL_OR_LESS", MOD_NUM},
        {"just", "over", NULL, "MORE_THAN", MOD_NUM},
        {"just", "under", NULL, "LESS_THAN", MOD_NUM},
        {"over", NULL, NULL, "MORE_THAN", MOD_NUM},
        {"nearly", NULL, NULL, "LESS_THAN", MOD_NUM},
        {"almost", NULL, NULL, "LESS_THAN", MOD_NUM},
        {"about", NULL, NULL, "APPROX", MOD_NUM},
        {"around", NULL, NULL, "APPROX", MOD_NUM},
        {"roughly", NULL, NULL, "APPROX", MOD_NUM},
        {"approximately", NULL, NULL, "APPROX", MOD_NUM},
        {"some", NULL, NULL, "APPROX", MOD_NUM},
        {"the", "end", "of", "END", MOD_DATE},
        {"the", "close", "of", "END", MOD_DATE},
        {"the", "middle", "of", "MID", MOD_DATE},
        {"the", "beginning", "of", "START", MOD_DATE},
        {"the", "start", "of", "START", MOD_DATE},
        {"end", "of", NULL, "END", MOD_DATE},
        {"early", NULL, NULL, "START", MOD_DATE},
        {"late", NULL, NULL, "END", MOD_DATE},
        {"mid", NULL, NULL, "MID", MOD_DATE},
        {"earlier", NULL, NULL, "", MOD_DATE},
        {"later", NULL, NULL, "", MOD_DATE},
    };
    for (size_t k = 0; k < sizeof M / sizeof M[0]; k++) {
        size_t j = i;
        if (!is(c, j++, M[k].a))
            continue;
        if (M[k].b && !is(c, j++, M[k].b))
            continue;
        if (M[k].c3 && !is(c, j++, M[k].c3))
            continue;
        *mod = M[k].mod;
        *cls = M[k].cls;
        return j;
    }
    *mod = "";
    *cls = MOD_NONE;
    return i;
}

/* --------------------------------------------------------- numbers */

/* A count at i: digits, number words ("twenty-five"), "a"/"an", or a
 * vague one ("several", "a few": -2). Returns the unit after it. */
static size_t parse_count(const ctx *c, size_t i, int *val) {
    const tx_unit *u = i < c->n ? &c->u[i] : NULL;
    if (!u)
        return i;
    if (u->kind == SL_TOK_NUMBER && u->num >= 0) {
        *val = u->num;
        return i + 1;
    }
    if (is(c, i, "a") || is(c, i, "an")) {
        if (is(c, i + 1, "few") || is(c, i + 1, "couple")) {
            *val = -2;
            return i + 2 + is(c, i + 2, "of");
        }
        if (is(c, i + 1, "dozen")) {
            *val = 12;
            return i + 2;
        }
        *val = 1;
        return i + 1;
    }
    if (is(c, i, "several") || is(c, i, "few") || is(c, i, "many")) {
        *val = -2;
        return i + 1;
    }
    if (is(c, i, "dozens") && is(c, i + 1, "of")) {
        *val = -2;
        return i + 2;
    }
    int v = tx_cardinal(u->w);
    if (v < 0)
        return i;
    size_t j = i + 1;
    if (v >= 20 && v < 100 && v % 10 == 0) {
        int o = tx_cardinal(W(c, j));
        if (o > 0 && o < 10) {
            v += o;
            j++;
        }
    }
    if (v > 0 && v < 100 && is(c, j, "hundred")) {
        v *= 100;
        j++;
    }
    if (v == 100 && i == j - 1)
        return i; /* a bare "hundred" is no count */
    *val = v;
    return j;
}

/* ------------------------------------------------------------ durations */

static void put_duration(cand *o, int unit, int n) {
    char nb[16];
    if (n < 0)
        strcpy(nb, "X");
    else
        snprintf(nb, sizeof nb, "%d", n);
    int x = n < 0;
    switch (unit) {
    case TXU_SEC: setv(o, SL_TIMEX_DURATION, "PT%sS", nb); break;
    case TXU_MIN: setv(o, SL_TIMEX_DURATION, "PT%sM", nb); break;
    case TXU_HOUR: setv(o, SL_TIMEX_DURATION, "PT%sH", nb); break;
    case TXU_DAY: setv(o, SL_TIMEX_DURATION, "P%sD", nb); break;
    case TXU_WEEK: setv(o, SL_TIMEX_DURATION, "P%sW", nb); break;
    case TXU_FORTNIGHT:
        if (x) setv(o, SL_TIMEX_DURATION, "PXW");
        else setv(o, SL_TIMEX_DURATION, "P%dW", 2 * n);
        break;
    case TXU_MONTH: setv(o, SL_TIMEX_DURATION, "P%sM", nb); break;
    case TXU_QUARTER:
        if (x) setv(o, SL_TIMEX_DURATION, "PXM");
        else setv(o, SL_TIMEX_DURATION, "P%dM", 3 * n);
        break;
    case TXU_YEAR: setv(o, SL_TIMEX_DURATION, "P%sY", nb); break;
    case TXU_DECADE:
        if (x) setv(o, SL_TIMEX_DURATION, "PXDE");
        else setv(o, SL_TIMEX_DURATION, "P%dY", 10 * n);
        break;
    default:
        if (x) setv(o, SL_TIMEX_DURATION, "PXCE");
        else setv(o, SL_TIMEX_DURATION, "P%dY", 100 * n);
        break;
    }
}

/* "N units ago": the date N units before the publication date, at the
 * unit's granularity. */
static int put_ago(const ctx *c, cand *o, int unit, int n, int sign) {
    if (n < 0) {
        setv(o, SL_TIMEX_DATE, sign < 0 ? "PAST_REF" : "FUTURE_REF");
        return 1;
    }
    if (!c->dct)
        return 0;
    int k = sign * n;
    switch (unit) {
    case TXU_DAY: put_day(o, c->z + k); return 1;
    case TXU_WEEK: put_week(o, c->z + 7 * k, ""); return 1;
    case TXU_FORTNIGHT: put_week(o, c->z + 14 * k, ""); return 1;
    case TXU_MONTH: put_month(o, c->y, c->m + k); return 1;
    case TXU_QUARTER: put_quarter(o, c->y, dct_quarter(c) + k); return 1;
    case TXU_YEAR:
        if (c->quarterly && n == 1)
            put_quarter(o, c->y - 1, dct_quarter(c) - 1);
        else
            setv(o, SL_TIMEX_DATE, "%04d", c->y + k);
        return 1;
    case TXU_DECADE: setv(o, SL_TIMEX_DATE, "%03d", (c->y + 10 * k) / 10); return 1;
    default: return 0;
    }
}

static const char *const BARE_PLURAL_BEFORE[] = {"for", "in", "within", "over", "recent",
                                                 "past", "coming", "next", "last", NULL};
static const char *const DUR_LEAD[] = {"past", "last", "next", "first", "coming", "previous",
                                       "following", "final", "latest", "remaining", NULL};
static const char *const NOT_TIME_AFTER_YEAR[] = {
    "percent", "people", "men", "women", "troops", "soldiers", "residents", "workers",
    "employees", "jobs", "votes", "cases", "deaths", "km", "kilometers", "miles", "meters",
    "feet", "tons", "pounds", "dollars", "euros", "points", "cars", "homes", "houses",
    "students", "children", "shares", "acres", "hectares", "barrels", "units", "rooms", NULL};

/* [lead] [count] unit [ago|earlier|old|from now], with "the" already seen
 * when had_the. "four-week", "the past two years", "a decade", "for years". */
static size_t core_duration(const ctx *c, size_t i, int had_the, cand *o) {
    size_t j = i;
    int lead = 0;
    if (had_the && tx_in(W(c, j), DUR_LEAD)) {
        lead = 1;
        j++;
    }
    int pl0;
    if (lead && is(c, i, "coming") && tx_unitw(W(c, j), &pl0) && pl0)
        return 0; /* "the coming days": the future */
    int n = 0, plural;
    size_t k = parse_count(c, j, &n);
    int counted = k > j;
    if (counted && c->u[k - 1].glued && tx_unitw(W(c, k), &plural) == TXU_NONE)
        return 0;
    int unit = tx_unitw(W(c, k), &plural);
    if (unit == TXU_NONE)
        return 0;
    if (counted && (is(c, j, "a") || is(c, j, "an")) && (plural || unit == TXU_SEC))
        return 0; /* "a second attack" */
    if (!counted) {
        if (plural) {
            if (!lead && !(i > 0 && tx_in(W(c, i - 1), BARE_PLURAL_BEFORE)))
                return 0;
            if (!lead && i > 0 && (is(c, i - 1, "coming") || is(c, i - 1, "next") ||
                                   is(c, i - 1, "past") || is(c, i - 1, "last")))
                return 0;
            n = -2;
        } else {
            if (!lead)
                return 0;
            n = 1;
        }
    }
    if (unit == TXU_QUARTER && counted &&
        ((n == 1 && !plural && !is(c, j, "one")) || c->u[k - 1].glued))
        return 0; /* "a quarter", "three-quarters" of something */
    size_t e = k + 1;
    int glued = counted && c->u[k - 1].glued;
    /* ages: "30-year-old", "30 years old", "30 years of age" */
    if ((c->u[k].glued && is(c, e, "old")) || is(c, e, "old") ||
        (is(c, e, "of") && is(c, e + 1, "age"))) {
        o->emit = 0;
        return e + 1 + is(c, e, "of") + (e + 2 < c->n && c->u[e + 1].glued);
    }
    if (glued && c->u[k].glued && !(is(c, e, "ago") || is(c, e, "earlier")))
        e = k + 1; /* "four-week-long": keep the duration part */
    o->isdur = 1;
    o->theok = (lead || had_the) && !glued;
    if (!lead && (is(c, e, "ago") || is(c, e, "earlier") || is(c, e, "before"))) {
        if (is(c, e, "before") && !is(c, e + 1, "now"))
            goto plain;
        if (!put_ago(c, o, unit, n, -1))
            return 0;
        return e + 1 + (is(c, e, "before") ? 1 : 0);
    }
plain:
    if (n >= 1000 && unit != TXU_YEAR)
        return 0;
    put_duration(o, unit, n);
    return e;
}

/* ------------------------------------------------------------ clock times */

static int is_ampm(const char *w) {
    return strcmp(w, "a.m") == 0 || strcmp(w, "p.m") == 0 || strcmp(w, "am") == 0 ||
           strcmp(w, "pm") == 0;
}

static int is_zone(const tx_unit *u) {
    static const char *const Z[] = {"et",  "est", "edt", "ct",  "cst", "cdt", "mt", "mst",
                                    "mdt", "pt",  "pst", "pdt", "gmt", "utc", "bst", "cet",
                                    "cest", "jst", "ist", NULL};
    return u->cap && tx_in(u->w, Z);
}

/* h:mm, h a.m., 5pm, noon, midnight. Returns the unit after; *mi is -1
 * when no minutes were written. */
static size_t parse_clock(const ctx *c, size_t i, int *h, int *mi) {
    const char *w = W(c, i);
    if (strcmp(w, "noon") == 0 || strcmp(w, "midday") == 0) {
        *h = 12, *mi = -1;
        return i + 1;
    }
    if (strcmp(w, "midnight") == 0) {
        *h = 24, *mi = -1;
        return i + 1;
    }
    int hh = 0, mm = -1, k = 0;
    while (w[k] >= '0' && w[k] <= '9' && k < 3)
        hh = hh * 10 + (w[k++] - '0');
    if (k == 0 || k > 2)
        return i;
    if (w[k] == ':') {
        if (!(w[k + 1] >= '0' && w[k + 1] <= '5' && w[k + 2] >= '0' && w[k + 2] <= '9'))
            return i;
        mm = (w[k + 1] - '0') * 10 + (w[k + 2] - '0');
        k += 3;
    }
    const char *rest = w + k;
    size_t j = i + 1;
    int pm = -1;
    if (*rest) {
        if (!is_ampm(rest))
            return i;
        pm = rest[0] == 'p';
    } else if (is_ampm(W(c, j))) {
        pm = W(c, j)[0] == 'p';
        j++;
    }
    if (pm < 0) {
        /* a bare h:mm is a time only when it cannot be a score or a ratio */
        if (mm < 0)
            return i;
        int zone = j < c->n && is_zone(&c->u[j]);
        int at = i > 0 && is(c, i - 1, "at");
        if (!(zone || at || hh >= 13 || w[0] == '0'))
            return i;
        if (hh > 24)
            return i;
    } else {
        if (hh < 1 || hh > 12)
            return i;
        if (pm && hh != 12)
            hh += 12;
        else if (!pm && hh == 12)
            hh = 0;
    }
    *h = hh, *mi = mm;
    return j;
}

static size_t core_day(const ctx *c, size_t i, cand *o);

static size_t core_time(const ctx *c, size_t i, cand *o) {
    int h, mi;
    size_t j = parse_clock(c, i, &h, &mi);
    if (j == i)
        return 0;
    if (j < c->n && is_zone(&c->u[j]))
        j++;
    int64_t z = c->z;
    int dated = c->dct;
    if (c->has_day) {
        z = c->day;
        dated = 1;
    }
    /* an attached day: "5 p.m. EST, Nov. 6", "15:00 GMT Saturday" */
    cand dc;
    memset(&dc, 0, sizeof dc);
    size_t k = j + is(c, j, ",");
    size_t e = core_day(c, k, &dc);
    if (e > k && dc.hasday) {
        z = dc.z;
        dated = 1;
        j = e;
    }
    char day[16];
    if (dated) {
        int y, m, d;
        tx_civil(z, &y, &m, &d);
        snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
    } else {
        strcpy(day, "XXXX-XX-XX");
    }
    if (mi < 0)
        setv(o, SL_TIMEX_TIME, "%sT%02d", day, h);
    else
        setv(o, SL_TIMEX_TIME, "%sT%02d:%02d", day, h, mi);
    return j;
}

/* ------------------------------------------------------------ calendar dates */

/* The year that puts month m, day d nearest the publication date. */
static int nearest_year(const ctx *c, int m, int d) {
    int best = c->y;
    int64_t bd = -1;
    for (int y = c->y - 1; y <= c->y + 1; y++) {
        int dd = d > tx_mdays(y, m) ? tx_mdays(y, m) : d;
        int64_t diff = tx_days(y, m, dd) - c->z;
        int64_t ad = diff < 0 ? -diff : diff;
        /* ties lean to the past, news reports what happened */
        if (bd < 0 || ad < bd || (ad == bd && diff < 0)) {
            bd = ad;
            best = y;
        }
    }
    return best;
}

static int nearest_month_year(const ctx *c, int m) {
    int diff = m - c->m;
    if (diff > 6)
        return c->y - 1;
    if (diff < -6 || (diff == -6 && 0))
        return c->y + 1;
    return c->y;
}

/* The year a month or day without one belongs to: the publication
 * year, unless the text has been telling of another time (a history,
 * "in 1951 ... in September"); 0 when neither is known. */
static int future_cue(const ctx *c, size_t i);

static int ref_year(const ctx *c, size_t i) {
    int history = c->far >= 3 && c->near == 0 && !future_cue(c, i);
    if (c->last_year && (!c->dct || c->year_here || history) &&
        (c->last_year < c->y - 1 || c->last_year > c->y + 1 || !c->dct))
        return c->last_year;
    return c->dct ? c->y : 0;
}

/* A month name usable here: capitalized; an abbreviation needs its dot or
 * a day after it; words that are also common words ("May", "March")
 * need a day, a year or a preposition around them. */
static int month_ok(const ctx *c, size_t i) {
    const tx_unit *u = &c->u[i];
    int m = tx_month(u->w);
    if (!m || !u->cap)
        return 0;
    int next_num = i + 1 < c->n && (c->u[i + 1].num >= 0 || tx_ordinal(W(c, i + 1)) > 0);
    if (tx_month_abbrev(u->w)) {
        if (strcmp(u->w, "may") == 0)
            goto ambiguous;
        return (u->dot || next_num) && !(strcmp(u->w, "mar") == 0 && !u->dot && !next_num);
    }
    if (strcmp(u->w, "may") && strcmp(u->w, "march") && strcmp(u->w, "april") &&
        strcmp(u->w, "june") && strcmp(u->w, "august"))
        return 1;
ambiguous:;
    static const char *const PREP[] = {"in", "since", "until", "till", "by", "of", "last",
                                       "next", "this", "early", "late", "mid", "during",
                                       "through", "from", "before", "after", "to", "between",
                                       "and", "or", "around", "end", "beginning", "middle",
                                       "that", "each", "every", "previous", NULL};
    if (next_num)
        return 1;
    if (i > 0 && tx_in(W(c, i - 1), PREP))
        return 1;
    return 0;
}

static int day_num(const ctx *c, size_t i) {
    if (i >= c->n)
        return -1;
    const tx_unit *u = &c->u[i];
    if (u->kind == SL_TOK_NUMBER && u->num >= 1 && u->num <= 31 && strlen(u->w) <= 2)
        return u->num;
    int o = tx_ordinal(u->w);
    if (o >= 1 && o <= 31)
        return o;
    /* "twenty-first" */
    int t = tx_cardinal(u->w);
    if ((t == 20 || t == 30) && u->glued) {
        int o2 = tx_ordinal(W(c, i + 1));
        if (o2 >= 1 && o2 <= 9)
            return -100 - (t + o2); /* two units */
    }
    return -1;
}

/* "2022", ", 2022", "of 2022", "this year", "last year": the year after a
 * month or date; 0 when none. */
static size_t year_after(const ctx *c, size_t i, int *y) {
    size_t j = i + (is(c, i, ",") || is(c, i, "of"));
    if (is_year_num(c, j) && !c->u[j].glued) {
        *y = c->u[j].num;
        return j + 1;
    }
    if (c->dct && (is(c, j, "this") || is(c, j, "last") || is(c, j, "next")) &&
        is(c, j + 1, "year")) {
        *y = c->y + (is(c, j, "last") ? -1 : is(c, j, "next") ? 1 : 0);
        return j + 2;
    }
    return i;
}

static size_t core_month_date(const ctx *c, size_t i, cand *o) {
    if (i >= c->n || !month_ok(c, i))
        return 0;
    int m = tx_month(c->u[i].w);
    size_t j = i + 1;
    int d = day_num(c, j);
    if (d <= -100) {
        d = -d - 100;
        j += 2;
    } else if (d > 0) {
        j++;
    }
    int y = 0;
    size_t e = year_after(c, j, &y);
    if (y)
        o->year = y;
    if (d > 0) {
        if (d > tx_mdays(y ? y : 2000, m))
            return 0;
        if (!y) {
            if (!(y = ref_year(c, i))) {
                setv(o, SL_TIMEX_DATE, "XXXX-%02d-%02d", m, d);
                return j;
            }
            if (y == c->y && c->dct)
                y = nearest_year(c, m, d);
        }
        put_day(o, tx_days(y, m, d));
        return e;
    }
    if (!y) {
        if (!(y = ref_year(c, i))) {
            setv(o, SL_TIMEX_DATE, "XXXX-%02d", m);
            return j;
        }
        if (y == c->y && c->dct)
            y = nearest_month_year(c, m);
    }
    put_month(o, y, m);
    return e;
}

/* "10 January 2022", "the 10th of January". */
static size_t core_day_month(const ctx *c, size_t i, cand *o) {
    int d = day_num(c, i);
    if (d < 1)
        return 0;
    size_t j = i + 1 + is(c, i + 1, "of");
    size_t end = 0; /* "12-14 July": the first day of a range ends at itself */
    if (c->u[i].glued && day_num(c, i + 1) > 0) {
        j = i + 2;
        end = i + 1;
    }
    /* a day number before it is cue enough for "May", "March" */
    if (j >= c->n || !c->u[j].cap || !tx_month(c->u[j].w))
        return 0;
    int m = tx_month(c->u[j].w);
    if (d > tx_mdays(2000, m))
        return 0;
    int y = 0;
    size_t e = year_after(c, j + 1, &y);
    if (y)
        o->year = y;
    else if (!(y = ref_year(c, i))) {
        setv(o, SL_TIMEX_DATE, "XXXX-%02d-%02d", m, d);
        return end ? end : j + 1;
    } else if (y == c->y && c->dct) {
        y = nearest_year(c, m, d);
    }
    put_day(o, tx_days(y, m, d));
    o->theok = 1;
    return end ? end : e;
}

/* 2022-01-10, 1/10/2022, 1/10/22. */
static size_t core_numeric_date(const ctx *c, size_t i, cand *o) {
    if (i >= c->n || c->u[i].kind != SL_TOK_NUMBER)
        return 0;
    if (i > 0 && c->u[i - 1].kind == SL_TOK_SYMBOL)
        return 0;
    const char *w = c->u[i].w;
    int p[3] = {0, 0, 0}, len[3] = {0, 0, 0}, np = 0;
    char sep = 0;
    for (const char *s = w; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (++len[np] > 4)
                return 0; /* no date part has more than four digits */
            p[np] = p[np] * 10 + (*s - '0');
        } else if ((*s == '-' || *s == '/') && np < 2 && (!sep || sep == *s)) {
            sep = *s;
            np++;
        } else {
            return 0;
        }
    }
    if (np != 2)
        return 0;
    int y, m, d;
    if (len[0] == 4 && len[1] <= 2 && len[2] <= 2) {
        y = p[0], m = p[1], d = p[2];
    } else if (sep == '/' && len[0] <= 2 && len[1] <= 2 && (len[2] == 4 || len[2] == 2)) {
        m = p[0], d = p[1], y = len[2] == 4 ? p[2] : (p[2] < 50 ? 2000 + p[2] : 1900 + p[2]);
    } else {
        return 0;
    }
    if (y < 1000 || y > 2099 || m < 1 || m > 12 || d < 1 || d > tx_mdays(y, m))
        return 0;
    put_day(o, tx_days(y, m, d));
    o->year = y;
    return i + 1;
}

/* ------------------------------------------------------------ weekdays */

static int weekday_at(const ctx *c, size_t i) {
    if (i >= c->n || !c->u[i].cap)
        return 0;
    int wd = tx_weekday(c->u[i].w);
    if (!wd && c->u[i].dot)
        wd = tx_weekday_abbrev(c->u[i].w);
    return wd;
}

static int future_cue(const ctx *c, size_t i) {
    static const char *const PAST[] = {"said", "says", "announced", "reported", "told",
                                       "was", "were", "had", "did", NULL};
    static const char *const FUT[] = {"will", "shall", "next", "tomorrow",
                                      "scheduled", "expected", "due", "plans", "planned",
                                      "upcoming", "wo", "ll", "'ll", NULL};
    if (i > 0 && tx_in(W(c, i - 1), PAST))
        return 0;
    if (i > 1 && is(c, i - 1, "on") && tx_in(W(c, i - 2), PAST))
        return 0;
    /* Eight back: "will strike from 5 a.m. on Wednesday" puts the verb
     * seven units before the day. */
    /* Five words back, not counting a clock time between: "will strike
     * from 5 a.m. on Wednesday". */
    static const char *const CLOCK[] = {"a", "m", "p", ".", "a.m", "p.m", "a.m.", "p.m.",
                                        "am", "pm", NULL};
    size_t from = i, words = 0;
    while (from > 0 && words < 5) {
        from--;
        const char *w = W(c, from);
        if (!(c->u[from].kind == SL_TOK_NUMBER || tx_in(w, CLOCK)))
            words++;
    }
    for (size_t k = from; k < i + 2 && k < c->n; k++) {
        if (k == i)
            continue;
        const char *w = W(c, k);
        size_t n = strlen(w);
        if (tx_in(w, FUT) || (n > 3 && strcmp(w + n - 3, "'ll") == 0))
            return 1;
    }
    return 0;
}

/* dir: -1 "last", +1 "next", 0 from the tense around it. */
static int64_t weekday_day(const ctx *c, size_t i, int wd, int dir) {
    int dw = tx_isowd(c->z);
    if (dir == 0)
        dir = (wd == dw) ? 2 : future_cue(c, i) ? 1 : -1;
    if (dir == 2)
        return c->z;
    if (dir < 0) {
        int back = (dw - wd + 7) % 7;
        return c->z - (back ? back : 7);
    }
    int fwd = (wd - dw + 7) % 7;
    return c->z + (fwd ? fwd : 7);
}

/* After a resolved day: "night", "morning" turn it into a TIME. */
static size_t daypart_after(const ctx *c, size_t j, cand *o) {
    const char *p = tx_daypart(W(c, j));
    if (!p || !o->hasday)
        return j;
    int y, m, d;
    tx_civil(o->z, &y, &m, &d);
    setv(o, SL_TIMEX_TIME, "%04d-%02d-%02dT%s", y, m, d, p);
    return j + 1;
}

static size_t core_weekday(const ctx *c, size_t i, int dir, cand *o) {
    int wd = weekday_at(c, i);
    if (!wd)
        return 0;
    size_t j = i + 1;
    /* "Thursday, Dec. 30": the date decides */
    cand dc;
    memset(&dc, 0, sizeof dc);
    size_t k = j + is(c, j, ",");
    size_t e = core_month_date(c, k, &dc);
    if (e > k && dc.hasday) {
        dc.emit = o->emit; /* the caller's choice, not the inner match's */
        *o = dc;
        return daypart_after(c, e, o);
    }
    if (!c->dct) {
        if (tx_daypart(W(c, j))) {
            setv(o, SL_TIMEX_TIME, "XXXX-WXX-%dT%s", wd, tx_daypart(W(c, j)));
            return j + 1;
        }
        setv(o, SL_TIMEX_DATE, "XXXX-WXX-%d", wd);
        return j;
    }
    put_day(o, weekday_day(c, i, wd, dir));
    return daypart_after(c, j, o);
}

/* ------------------------------------------------------------ deictic words */

static size_t core_deictic(const ctx *c, size_t i, int had_the, cand *o) {
    const char *w = W(c, i);
    int off = 99;
    if (!strcmp(w, "today"))
        off = 0;
    else if (!strcmp(w, "yesterday"))
        off = -1;
    else if (!strcmp(w, "tomorrow"))
        off = 1;
    if (off != 99) {
        if (!c->dct) {
            setv(o, SL_TIMEX_DATE, off == 0 ? "PRESENT_REF" : "XXXX-XX-XX");
            return off == 0 ? i + 1 : 0;
        }
        put_day(o, c->z + off);
        return daypart_after(c, i + 1, o);
    }
    if (!strcmp(w, "tonight")) {
        if (!c->dct)
            return 0;
        put_day(o, c->z);
        char day[16];
        snprintf(day, sizeof day, "%.10s", o->value);
        setv(o, SL_TIMEX_TIME, "%sTNI", day);
        return i + 1;
    }
    if (had_the) {
        int prep = i > 1 && (is(c, i - 2, "in") || is(c, i - 2, "into") || is(c, i - 2, "for"));
        if ((!strcmp(w, "past") || (!strcmp(w, "future") && prep)) &&
            !(i + 1 < c->n && (c->u[i + 1].num >= 0 || tx_cardinal(W(c, i + 1)) >= 0 ||
                               tx_unitw(W(c, i + 1), &off) || is(c, i + 1, "few") ||
                               is(c, i + 1, "several")))) {
            setv(o, SL_TIMEX_DATE, w[0] == 'p' ? "PAST_REF" : "FUTURE_REF");
            o->theok = 1;
            return i + 1;
        }
        if (!strcmp(w, "near") && is(c, i + 1, "future")) {
            setv(o, SL_TIMEX_DATE, "FUTURE_REF");
            o->theok = 1;
            return i + 2;
        }
        if (!strcmp(w, "coming") && tx_unitw(W(c, i + 1), &off) && off) {
            setv(o, SL_TIMEX_DATE, "FUTURE_REF");
            o->theok = 1;
            return i + 2;
        }
    }
    if (!strcmp(w, "now") || !strcmp(w, "currently") || !strcmp(w, "nowadays")) {
        setv(o, SL_TIMEX_DATE, "PRESENT_REF");
        return i + 1;
    }
    if (!strcmp(w, "these") && is(c, i + 1, "days")) {
        setv(o, SL_TIMEX_DATE, "PRESENT_REF");
        return i + 2;
    }
    if (!strcmp(w, "current") && !had_the && !tx_unitw(W(c, i + 1), &off) &&
        !is(c, i + 1, "fiscal") && !is(c, i + 1, "account") && !is(c, i + 1, "accounts")) {
        setv(o, SL_TIMEX_DATE, "PRESENT_REF");
        return i + 1;
    }
    if (!strcmp(w, "recently") || !strcmp(w, "lately")) {
        setv(o, SL_TIMEX_DATE, "PAST_REF");
        return i + 1;
    }
    if (!strcmp(w, "recent") && !had_the) {
        int pl = 0;
        int u = tx_unitw(W(c, i + 1), &pl);
        if (u && pl) { /* "recent months": some months */
            put_duration(o, u, -1);
            return i + 2;
        }
        setv(o, SL_TIMEX_DATE, "PAST_REF");
        return i + 1;
    }
    if (!strcmp(w, "coming") && tx_unitw(W(c, i + 1), &off) && off) {
        setv(o, SL_TIMEX_DATE, "FUTURE_REF");
        return i + 2;
    }
    return 0;
}

/* ------------------------------------------------------------ relative periods */

static int rel_dir(const char *w) {
    if (!strcmp(w, "this") || !strcmp(w, "current"))
        return 0;
    if (!strcmp(w, "last") || !strcmp(w, "past") || !strcmp(w, "previous"))
        return -1;
    if (!strcmp(w, "next") || !strcmp(w, "coming") || !strcmp(w, "following"))
        return 1;
    return 9;
}

static int season_year(const ctx *c, const char *s, int dir) {
    int end = !strcmp(s, "SP") ? 5 : !strcmp(s, "SU") ? 8 : !strcmp(s, "FA") ? 11 : 14;
    int start = end - 2;
    if (dir < 0)
        return c->m > end ? c->y : c->y - 1;
    if (dir > 0)
        return c->m < start ? c->y : c->y + 1;
    return (!strcmp(s, "WI") && c->m <= 2) ? c->y - 1 : c->y;
}

static size_t rel_target(const ctx *c, size_t i, size_t k, int dir, int had_the, cand *o) {
    int pl = 0;
    int unit = tx_unitw(W(c, k), &pl);
    if (unit && !pl) {
        if (had_the && dir != 0)
            return 0; /* "the past year": a duration */
        switch (unit) {
        case TXU_DAY: return 0;
        case TXU_WEEK: put_week(o, c->z + 7 * dir, ""); return k + 1;
        case TXU_MONTH: put_month(o, c->y, c->m + dir); return k + 1;
        case TXU_QUARTER: put_quarter(o, c->y, dct_quarter(c) + dir); return k + 1;
        case TXU_YEAR: setv(o, SL_TIMEX_DATE, "%04d", c->y + dir); return k + 1;
        case TXU_DECADE: setv(o, SL_TIMEX_DATE, "%03d", c->y / 10 + dir); return k + 1;
        case TXU_CENTURY: setv(o, SL_TIMEX_DATE, "%02d", c->y / 100 + dir); return k + 1;
        default: return 0;
        }
    }
    if (is(c, k, "weekend")) {
        put_week(o, c->z + 7 * dir, "-WE");
        return k + 1;
    }
    if (is(c, k, "fiscal") && is(c, k + 1, "year")) {
        setv(o, SL_TIMEX_DATE, "%04d", c->y + dir);
        return k + 2;
    }
    if (k < c->n && c->u[k].cap && tx_month(c->u[k].w) && !tx_month_abbrev(c->u[k].w)) {
        int m = tx_month(c->u[k].w);
        int y = dir < 0 ? (m < c->m ? c->y : c->y - 1) : dir > 0 ? (m > c->m ? c->y : c->y + 1)
                                                               : c->y;
        put_month(o, y, m);
        return k + 1;
    }
    int wd = weekday_at(c, k);
    if (wd) {
        put_day(o, weekday_day(c, k, wd, dir));
        return daypart_after(c, k + 1, o);
    }
    const char *s = tx_season(W(c, k));
    if (s) {
        setv(o, SL_TIMEX_DATE, "%04d-%s", season_year(c, s, dir), s);
        return k + 1;
    }
    const char *p = tx_daypart(W(c, k));
    if (p && dir == 0) {
        put_day(o, c->z);
        return daypart_after(c, k, o);
    }
    if (p && dir < 0 && !strcmp(p, "NI") && !strcmp(W(c, i), "last")) {
        put_day(o, c->z - 1);
        return daypart_after(c, k, o);
    }
    return 0;
}

/* "the weekend": the one just past unless the sentence looks ahead;
 * "the year": a year, or this year under "the end of". */
static size_t core_the_period(const ctx *c, size_t i, int had_the, int datemod, cand *o) {
    if (!had_the || !c->dct)
        return 0;
    if (is(c, i, "weekend")) {
        int dw = tx_isowd(c->z);
        int cur = dw >= 6 || future_cue(c, i);
        put_week(o, c->z - (cur ? 0 : 7), "-WE");
        o->theok = 1;
        return i + 1;
    }
    if (is(c, i, "year") && !c->u[i].glued && !is_year_num(c, i + 1) &&
        tx_cardinal(W(c, i + 1)) < 0) {
        if (datemod)
            setv(o, SL_TIMEX_DATE, "%04d", c->y);
        else
            put_duration(o, TXU_YEAR, 1);
        o->theok = 1;
        return i + 1;
    }
    if (is(c, i, "month") && datemod) {
        put_month(o, c->y, c->m);
        o->theok = 1;
        return i + 1;
    }
    return 0;
}

static size_t core_relative(const ctx *c, size_t i, int had_the, cand *o) {
    if (!c->dct)
        return 0;
    int dir = rel_dir(W(c, i));
    if (dir == 9)
        return 0;
    if (had_the && dir == 0 && strcmp(W(c, i), "current"))
        return 0;
    size_t k = i + 1;
    if (is(c, k, "coming")) { /* "this coming Sunday" */
        dir = 1;
        k++;
    }
    size_t e = rel_target(c, i, k, dir, had_the, o);
    if (e)
        o->theok = had_the;
    return e;
}

/* "year-earlier", "year-ago": a year before; a quarter in quarterly talk. */
static size_t core_year_ago(const ctx *c, size_t i, int had_the, cand *o) {
    if (!c->dct || !is(c, i, "year") || !c->u[i].glued ||
        !(is(c, i + 1, "earlier") || is(c, i + 1, "ago")))
        return 0;
    if (c->quarterly)
        put_quarter(o, c->y - 1, dct_quarter(c) - 1);
    else
        setv(o, SL_TIMEX_DATE, "%04d", c->y - 1);
    size_t e = i + 2;
    int q = tx_ordinal(W(c, e));
    if (q >= 1 && q <= 4 && is(c, e + 1, "quarter")) {
        put_quarter(o, c->y - 1, q);
        o->theok = 1;
        return e + 2;
    }
    if (is(c, e, "quarter") && had_the) {
        put_quarter(o, c->y - 1, dct_quarter(c) - 1);
        o->theok = 1;
        return e + 1;
    }
    if (had_the && (is(c, e, "quarter") || is(c, e, "period"))) {
        o->theok = 1;
        return e + 1;
    }
    return e;
}

/* ------------------------------------------------------------ quarters, years */

static size_t core_quarter(const ctx *c, size_t i, int had_the, cand *o) {
    int q = tx_ordinal(W(c, i));
    size_t j = i + 1;
    if (q >= 1 && q <= 4 && is(c, j, "quarter")) {
        j++;
    } else if (W(c, i)[0] == 'q' && W(c, i)[1] >= '1' && W(c, i)[1] <= '4' && !W(c, i)[2] &&
               c->u[i].cap) {
        q = W(c, i)[1] - '0';
    } else if (had_the && (is(c, i, "quarter") || ((is(c, i, "latest") || is(c, i, "recent")) &&
                                                   is(c, i + 1, "quarter")))) {
        if (!c->dct)
            return 0;
        put_quarter(o, c->y, dct_quarter(c) - 1);
        o->theok = 1;
        return i + 1 + !is(c, i, "quarter");
    } else {
        return 0;
    }
    int y = 0;
    size_t e = j;
    size_t k = j + is(c, j, "of");
    if (is(c, k, "fiscal"))
        k++;
    if (is_year_num(c, k)) {
        y = c->u[k].num;
        o->year = y;
        e = k + 1;
    } else if (c->dct && (is(c, k, "this") || is(c, k, "last") || is(c, k, "next")) &&
               is(c, k + 1, "year")) {
        y = c->y + rel_dir(W(c, k));
        e = k + 2;
    } else if (i > 0 && is_year_num(c, i - 1)) {
        return 0; /* "1989 third quarter": the year stands alone */
    } else if (c->dct) {
        y = q > dct_quarter(c) ? c->y - 1 : c->y;
    } else {
        setv(o, SL_TIMEX_DATE, "XXXX-Q%d", q);
        o->theok = 1;
        return e;
    }
    put_quarter(o, y, q);
    o->theok = 1;
    return e;
}

static size_t core_fiscal(const ctx *c, size_t i, int had_the, cand *o) {
    const char *w = W(c, i);
    if (!strcmp(w, "fiscal")) {
        size_t j = i + 1 + is(c, i + 1, "year");
        if (is_year_num(c, j)) {
            setv(o, SL_TIMEX_DATE, "%04d", c->u[j].num);
            return j + 1;
        }
        if (had_the && is(c, i + 1, "year") && c->dct) {
            setv(o, SL_TIMEX_DATE, "%04d", c->y);
            o->theok = 1;
            return i + 2;
        }
        return 0;
    }
    if (w[0] == 'f' && w[1] == 'y' && c->u[i].cap) {
        const char *d = w + 2;
        size_t n = strlen(d);
        if (n == 4 && d[0] >= '1' && d[0] <= '2') {
            setv(o, SL_TIMEX_DATE, "%.4s", d);
            return i + 1;
        }
        if (n == 0 && is_year_num(c, i + 1)) {
            setv(o, SL_TIMEX_DATE, "%04d", c->u[i + 1].num);
            return i + 2;
        }
    }
    return 0;
}

static const char *const DECADE_WORDS[] = {"twenties", "thirties", "forties", "fifties",
                                           "sixties",  "seventies", "eighties", "nineties",
                                           NULL};

static size_t core_decade(const ctx *c, size_t i, int had_the, cand *o) {
    const char *w = W(c, i);
    size_t n = strlen(w);
    /* 1990s, 1800s */
    if (n == 5 && w[4] == 's' && w[0] >= '1' && w[0] <= '2') {
        for (int k = 1; k < 4; k++)
            if (w[k] < '0' || w[k] > '9')
                return 0;
        if (w[2] == '0' && w[3] == '0')
            setv(o, SL_TIMEX_DATE, "%.2s", w);
        else
            setv(o, SL_TIMEX_DATE, "%.3s", w);
        o->theok = 1;
        return i + 1;
    }
    /* '90s */
    if (n == 3 && w[2] == 's' && w[0] >= '0' && w[0] <= '9' && w[1] == '0' && i > 0 &&
        (is(c, i - 1, "'") || is(c, i - 1, "\xe2\x80\x99"))) {
        setv(o, SL_TIMEX_DATE, "%d%c", w[0] >= '3' ? 19 : 20, w[0]);
        o->theok = 1;
        return i + 1;
    }
    if (had_the) {
        for (int k = 0; DECADE_WORDS[k]; k++)
            if (!strcmp(w, DECADE_WORDS[k])) {
                setv(o, SL_TIMEX_DATE, "19%d", k + 2);
                o->theok = 1;
                return i + 1;
            }
    }
    /* 20th century, twentieth century */
    int ord = tx_ordinal(w);
    if (ord >= 1 && ord <= 21 && is(c, i + 1, "century")) {
        setv(o, SL_TIMEX_DATE, "%02d", ord - 1);
        o->theok = 1;
        return i + 2;
    }
    return 0;
}

static size_t core_year(const ctx *c, size_t i, int had_the, cand *o) {
    /* "1990-91": the second year of a range */
    if (i > 0 && c->u[i - 1].glued && is_year_num(c, i - 1) && strlen(W(c, i)) == 2 &&
        c->u[i].num >= 0) {
        int y = c->u[i - 1].num / 100 * 100 + c->u[i].num;
        if (y <= c->u[i - 1].num)
            return 0;
        setv(o, SL_TIMEX_DATE, "%04d", y);
        o->year = y;
        return i + 1;
    }
    /* "450 BC" */
    if (i + 1 < c->n && c->u[i].num > 0 && c->u[i].num < 10000 &&
        (is(c, i + 1, "bc") || is(c, i + 1, "b.c") || is(c, i + 1, "bce"))) {
        setv(o, SL_TIMEX_DATE, "BC%04d", c->u[i].num);
        return i + 2;
    }
    if (!is_year_num(c, i))
        return 0;
    if (i > 0 && (c->u[i - 1].kind == SL_TOK_SYMBOL || is(c, i - 1, "no") ||
                  is(c, i - 1, "number") || is(c, i - 1, "route") || is(c, i - 1, "flight") ||
                  is(c, i - 1, "boeing") || is(c, i - 1, "model") || is(c, i - 1, "page") ||
                  is(c, i - 1, "room") || is(c, i - 1, "#")))
        return 0;
    if (i + 1 < c->n && (c->u[i + 1].kind == SL_TOK_SYMBOL || tx_in(W(c, i + 1), NOT_TIME_AFTER_YEAR)))
        return 0;
    setv(o, SL_TIMEX_DATE, "%04d", c->u[i].num);
    o->year = c->u[i].num;
    /* "the year 2000" */
    (void)had_the;
    return i + 1;
}

static size_t core_season(const ctx *c, size_t i, int had_the, cand *o) {
    const char *s = tx_season(W(c, i));
    if (!s)
        return 0;
    int y = 0;
    size_t e = year_after(c, i + 1, &y);
    if (!y) {
        if (!strcmp(s, "FA"))
            return 0; /* the verb, "the fall of the city" */
        if (!c->dct)
            return 0;
        if (!had_the && !(i > 0 && (is(c, i - 1, "in") || is(c, i - 1, "this") ||
                                    is(c, i - 1, "during") || is(c, i - 1, "by"))))
            return 0;
        y = season_year(c, s, 0);
    }
    setv(o, SL_TIMEX_DATE, "%04d-%s", y, s);
    o->theok = 1;
    return e;
}

/* ------------------------------------------------------------ sets */

static size_t core_set(const ctx *c, size_t i, cand *o) {
    const char *w = W(c, i);
    static const struct { const char *w, *v; } ADV[] = {
        {"daily", "P1D"}, {"weekly", "P1W"}, {"monthly", "P1M"},
{"hourly", "PT1H"}, {"nightly", "XXXX-XX-XXTNI"},
    };
    for (size_t k = 0; k < sizeof ADV / sizeof ADV[0]; k++)
        if (!strcmp(w, ADV[k].w)) {
            setv(o, SL_TIMEX_SET, "%s", ADV[k].v);
            return i + 1;
        }
    int wdp = c->u[i].cap ? tx_weekday_plural(w) : 0;
    if (wdp) {
        const char *p = tx_daypart(W(c, i + 1));
        if (!p && is(c, i + 1, "nights"))
            p = "NI";
        if (p) {
            setv(o, SL_TIMEX_SET, "XXXX-WXX-%dT%s", wdp, p);
            return i + 2;
        }
        setv(o, SL_TIMEX_SET, "XXXX-WXX-%d", wdp);
        return i + 1;
    }
    if (strcmp(w, "every") && strcmp(w, "each") && strcmp(w, "per"))
        return 0;
    size_t j = i + 1;
    int wd = weekday_at(c, j);
    if (wd && strcmp(w, "per")) {
        setv(o, SL_TIMEX_SET, "XXXX-WXX-%d", wd);
        return j + 1;
    }
    const char *p = tx_daypart(W(c, j));
    if (p && strcmp(w, "per")) {
        setv(o, SL_TIMEX_SET, "XXXX-XX-XXT%s", p);
        return j + 1;
    }
    int n = 1;
    if (is(c, j, "other")) {
        n = 2;
        j++;
    } else {
        size_t k = parse_count(c, j, &n);
        if (k > j && n < 1)
            return 0;
        j = k;
    }
    int pl;
    int unit = tx_unitw(W(c, j), &pl);
    if (!unit)
        return 0;
    put_duration(o, unit, n);
    o->type = SL_TIMEX_SET;
    return j + 1;
}

/* "$5 a year", "three times a day": a rate after a quantity. */
static size_t core_rate(const ctx *c, size_t i, cand *o) {
    if (!(is(c, i, "a") || is(c, i, "an")) || i == 0)
        return 0;
    int pl;
    int unit = tx_unitw(W(c, i + 1), &pl);
    if (!unit || pl)
        return 0;
    const tx_unit *p = &c->u[i - 1];
    static const char *const Q[] = {"times", "percent", "million", "billion", "dollars",
                                    "cents", "once", "twice", NULL};
    if (!(p->kind == SL_TOK_NUMBER || tx_in(p->w, Q)))
        return 0;
    put_duration(o, unit, 1);
    o->type = SL_TIMEX_SET;
    return i + 2;
}

/* ------------------------------------------------------------ dispatch */

/* "Jan. 10", "Thursday", "today": a core naming one day (for times). */
static size_t core_day(const ctx *c, size_t i, cand *o) {
    size_t e;
    if ((e = core_month_date(c, i, o)) && o->hasday)
        return e;
    memset(o, 0, sizeof *o);
    if ((e = core_weekday(c, i, 0, o)) && o->hasday && o->type == SL_TIMEX_DATE)
        return e;
    memset(o, 0, sizeof *o);
    if (c->dct && (is(c, i, "today") || is(c, i, "yesterday") || is(c, i, "tomorrow"))) {
        put_day(o, c->z + (is(c, i, "today") ? 0 : is(c, i, "tomorrow") ? 1 : -1));
        return i + 1;
    }
    return 0;
}

static size_t core(const ctx *c, size_t i, int had_the, int datemod, cand *o) {
    size_t e;
#define TRY(call)                                                                          \
    do {                                                                                   \
        memset(o, 0, sizeof *o);                                                           \
        o->emit = 1;                                                                       \
        if ((e = (call)) > i)                                                              \
            return e;                                                                      \
    } while (0)
    TRY(core_time(c, i, o));
    TRY(core_numeric_date(c, i, o));
    TRY(core_month_date(c, i, o));
    TRY(core_day_month(c, i, o));
    TRY(core_weekday(c, i, 0, o));
    TRY(core_quarter(c, i, had_the, o));
    TRY(core_year_ago(c, i, had_the, o));
    TRY(core_fiscal(c, i, had_the, o));
    TRY(core_decade(c, i, had_the, o));
    TRY(core_duration(c, i, had_the, o));
    TRY(core_deictic(c, i, had_the, o));
    TRY(core_relative(c, i, had_the, o));
    TRY(core_the_period(c, i, had_the, datemod, o));
    TRY(core_season(c, i, had_the, o));
    TRY(core_year(c, i, had_the, o));
    TRY(core_set(c, i, o));
    TRY(core_rate(c, i, o));
#undef TRY
    return 0;
}

/* [the] [modifier] [the] core, at unit i. */
static size_t match_at(const ctx *c, size_t i, cand *o) {
    size_t j = i;
    int the = is(c, j, "the");
    j += the;
    const char *mod;
    int cls;
    size_t k = parse_mod(c, j, &mod, &cls);
    if (cls == MOD_DATE && !strncmp(W(c, j), "the", 3))
        the = 0; /* "the end of" carries its own article */
    int the2 = 0;
    if (cls != MOD_NONE && is(c, k, "the")) {
        the2 = 1;
        k++;
    }
    if (cls != MOD_NONE && k < c->n) {
        size_t e = core(c, k, the2 || the, cls == MOD_DATE, o);
        int fits = e > k && o->emit &&
                   (cls == MOD_NUM ? o->isdur : !o->isdur && o->type != SL_TIMEX_SET) &&
                   (!the2 || o->theok);
        /* "over" and "some" only hedge numbers: "over the weekend" is no modifier */
        if (fits && (!strcmp(W(c, j), "over") || !strcmp(W(c, j), "some")) &&
            (the2 || c->u[k].num < 0) && tx_cardinal(W(c, k)) < 0)
            fits = 0;
        if (fits && the && !o->theok && cls != MOD_DATE)
            the = 0;
        if (fits) {
            snprintf(o->mod, sizeof o->mod, "%s", mod);
            o->a = (the && o->theok) || cls == MOD_DATE || cls == MOD_NUM ? (the ? i : j) : j;
            if (cls == MOD_DATE && !strncmp(W(c, j), "the", 3))
                o->a = j;
            o->b = e;
            return e;
        }
    }
    size_t e = core(c, j, the, 0, o);
    if (e > j) {
        if (the && !o->theok)
            return 0; /* retried without "the" at the next unit */
        o->a = i;
        o->b = e;
        return e;
    }
    return 0;
}

/* ------------------------------------------------------------ driver */

static int parse_dct(const char *s, ctx *c) {
    int y, m, d;
    if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
        d > tx_mdays(y, m))
        return 0;
    c->y = y, c->m = m, c->d = d;
    c->z = tx_days(y, m, d);
    return 1;
}

typedef struct vec {
    sl_timex *v;
    size_t n, cap;
} vec;

static int push(vec *v, const ctx *c, const cand *o) {
    sl_timex *nv = sl_grow(v->v, &v->cap, v->n + 1, sizeof *nv, 16);
    if (!nv)
        return -1;
    v->v = nv;
    sl_timex *t = &v->v[v->n++];
    memset(t, 0, sizeof *t);
    t->start = c->u[o->a].s;
    t->end = c->u[o->b - 1].e;
    t->type = o->type;
    snprintf(t->value, sizeof t->value, "%s", o->value);
    snprintf(t->mod, sizeof t->mod, "%s", o->mod);
    return 0;
}

static int scan_sentence(ctx *c, vec *out) {
    c->quarterly = 0;
    c->has_day = 0;
    c->year_here = 0;
    for (size_t k = 0; k < c->n; k++)
        if (!strcmp(c->u[k].w, "quarter") || !strcmp(c->u[k].w, "quarters"))
            c->quarterly = 1;
    size_t i = 0;
    while (i < c->n) {
        cand o;
        memset(&o, 0, sizeof o);
        size_t e = match_at(c, i, &o);
        if (e <= i) {
            i++;
            continue;
        }
        if (o.emit) {
            if (push(out, c, &o) < 0)
                return -1;
            if (o.year) {
                c->last_year = o.year;
                c->year_here = 1;
                if (c->dct && o.year >= c->y - 1 && o.year <= c->y + 1)
                    c->near++;
                else
                    c->far++;
            }
            if (o.hasday) {
                c->has_day = 1;
                c->day = o.z;
            }
        }
        i = e;
    }
    return 0;
}

sl_status sl_find_timexes(const sl_article *a, sl_arena *ar, sl_timex **out, size_t *n,
                          sl_error *err) {
    *out = NULL;
    *n = 0;
    ctx c;
    memset(&c, 0, sizeof c);
    c.dct = parse_dct(a->published, &c);
    size_t cap = 0;
    for (size_t s = 0; s < a->n_sentences; s++) {
        size_t k = tx_units_cap(a, a->sentences[s].token_first, a->sentences[s].token_end);
        if (k > cap)
            cap = k;
    }
    if (cap == 0)
        return SL_OK;
    tx_unit *units = malloc(cap * sizeof *units);
    vec v = {0};
    if (!units)
        return sl_fail(err, SL_ERR_NOMEM, "timex: out of memory");
    for (size_t s = 0; s < a->n_sentences; s++) {
        const sl_sentence *se = &a->sentences[s];
        c.u = units;
        c.n = tx_units(a, se->token_first, se->token_end, units);
        if (scan_sentence(&c, &v) < 0) {
            free(units);
            free(v.v);
            return sl_fail(err, SL_ERR_NOMEM, "timex: out of memory");
        }
    }
    free(units);
    if (v.n) {
        *out = sl_arena_alloc(ar, v.n * sizeof **out);
        if (!*out) {
            free(v.v);
            return sl_fail(err, SL_ERR_NOMEM, "timex: out of memory");
        }
        memcpy(*out, v.v, v.n * sizeof **out);
        *n = v.n;
    }
    free(v.v);
    return SL_OK;
}

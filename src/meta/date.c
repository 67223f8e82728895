/* date.c — publication dates: one lenient-but-validating parser for the
 * shapes news sites actually print, plus the two places a date hides
 * outside metadata: the URL path and the top of the text.
 *
 * Everything scans forward over bounded windows, so hostile input (a
 * 200 MB line, a URL of digits) costs linear time at most. */
#include "date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* A parsed moment; fields the source did not give stay unset. */
typedef struct dt {
    int y, mo, d;
    int has_time, h, mi, s;
    int has_zone, zone_min; /* offset east of UTC in minutes */
} dt;

/* ------------------------------------------------------------ small lexing */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
static char lower(char c) { return is_upper(c) ? (char)(c - 'A' + 'a') : c; }

/* Read exactly k digits at s[*i]; the next char must not be a digit. */
static int digits(const char *s, size_t n, size_t *i, int k, int *out) {
    int v = 0;
    for (int j = 0; j < k; j++) {
        if (*i + (size_t)j >= n || !is_digit(s[*i + (size_t)j]))
            return 0;
        v = v * 10 + (s[*i + (size_t)j] - '0');
    }
    if (*i + (size_t)k < n && is_digit(s[*i + (size_t)k]))
        return 0;
    *i += (size_t)k;
    *out = v;
    return 1;
}

/* Read 1 or 2 digits (day, hour, month in numeric forms). */
static int digits12(const char *s, size_t n, size_t *i, int *out) {
    size_t j = *i;
    if (j < n && is_digit(s[j]) && j + 1 < n && is_digit(s[j + 1]))
        return digits(s, n, i, 2, out);
    return digits(s, n, i, 1, out);
}

static void skip_spaces(const char *s, size_t n, size_t *i) {
    while (*i < n && is_space(s[*i]))
        (*i)++;
}

/* Case-insensitive match of word w at s[*i], not followed by a letter. */
static int word_at(const char *s, size_t n, size_t i, const char *w) {
    size_t k = strlen(w);
    if (i + k > n)
        return 0;
    for (size_t j = 0; j < k; j++)
        if (lower(s[i + j]) != w[j])
            return 0;
    return i + k == n || !is_alpha(s[i + k]);
}

/* Length of the letter run at s[i]. */
static size_t alpha_run(const char *s, size_t n, size_t i) {
    size_t j = i;
    while (j < n && is_alpha(s[j]))
        j++;
    return j - i;
}

/* ------------------------------------------------------------- calendar */

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(int y, int m) {
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : md[m - 1];
}

static int valid_dt(const dt *t) {
    if (t->y < 1000 || t->y > 9999 || t->mo < 1 || t->mo > 12 || t->d < 1 ||
        t->d > month_days(t->y, t->mo))
        return 0;
    if (t->has_time && (t->h < 0 || t->h > 23 || t->mi < 0 || t->mi > 59 || t->s < 0 || t->s > 60))
        return 0;
    return !t->has_zone || (t->zone_min >= -14 * 60 && t->zone_min <= 14 * 60);
}

/* Days since 1970-01-01 (proleptic Gregorian), Howard Hinnant's method. */
static long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void format_dt(const dt *t, char iso[32]) {
    int n = snprintf(iso, 32, "%04d-%02d-%02d", t->y, t->mo, t->d);
    if (!t->has_time)
        return;
    n += snprintf(iso + n, 32 - (size_t)n, "T%02d:%02d:%02d", t->h, t->mi, t->s);
    if (!t->has_zone)
        return;
    if (t->zone_min == 0) {
        snprintf(iso + n, 32 - (size_t)n, "Z");
        return;
    }
    int z = t->zone_min < 0 ? -t->zone_min : t->zone_min;
    snprintf(iso + n, 32 - (size_t)n, "%c%02d:%02d", t->zone_min < 0 ? '-' : '+', z / 60, z % 60);
}

/* ---------------------------------------------------------- names, zones */

static const char *const MONTHS[12] = {"january",   "february", "march",    "april",
                                       "may",       "june",     "july",     "august",
                                       "september", "october",  "november", "december"};
static const char *const WEEKDAYS[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};

/* A full name, its 3-letter prefix, or "sept"; optional '.' after an
 * abbreviation. Returns 1..12 and advances, or 0. */
static int month_name(const char *s, size_t n, size_t *i) {
    size_t k = alpha_run(s, n, *i);
    if (k < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(MONTHS[m]);
        int ok = k == full || k == 3 || (m == 8 && k == 4);
        for (size_t j = 0; ok && j < k; j++)
            ok = j < full && lower(s[*i + j]) == MONTHS[m][j];
        if (!ok)
            continue;
        *i += k;
        if (k < full && *i < n && s[*i] == '.')
            (*i)++;
        return m + 1;
    }
    return 0;
}

/* Optional weekday ("Thursday", "Thu", "Thu.") and a following comma. */
static void skip_weekday(const char *s, size_t n, size_t *i) {
    size_t k = alpha_run(s, n, *i);
    for (int w = 0; w < 7 && k >= 3; w++) {
        size_t full = strlen(WEEKDAYS[w]);
        int ok = k == full || k == 3 || (k == 4 && (w == 1 || w == 3)); /* Tues, Thur */
        for (size_t j = 0; ok && j < k; j++)
            ok = j < full && lower(s[*i + j]) == WEEKDAYS[w][j];
        if (!ok)
            continue;
        size_t j = *i + k;
        if (j < n && s[j] == '.')
            j++;
        skip_spaces(s, n, &j);
        if (j < n && s[j] == ',')
            j++;
        skip_spaces(s, n, &j);
        *i = j;
        return;
    }
}

/* Numeric zone "+05:30", "-0800", "+01", or "Z". */
static int zone_numeric(const char *s, size_t n, size_t *i, dt *t) {
    size_t j = *i;
    if (j < n && (s[j] == 'Z' || s[j] == 'z') && (j + 1 == n || !is_alpha(s[j + 1]))) {
        t->has_zone = 1;
        t->zone_min = 0;
        *i = j + 1;
        return 1;
    }
    if (j >= n || (s[j] != '+' && s[j] != '-'))
        return 0;
    int sign = s[j] == '-' ? -1 : 1, hh, mm = 0;
    j++;
    if (j + 4 <= n && is_digit(s[j]) && is_digit(s[j + 1]) && is_digit(s[j + 2]) &&
        is_digit(s[j + 3]) && (j + 4 == n || !is_digit(s[j + 4]))) {
        hh = (s[j] - '0') * 10 + (s[j + 1] - '0');
        mm = (s[j + 2] - '0') * 10 + (s[j + 3] - '0');
        j += 4;
    } else {
        if (!digits(s, n, &j, 2, &hh))
            return 0;
        if (j < n && s[j] == ':') {
            j++;
            if (!digits(s, n, &j, 2, &mm))
                return 0;
        }
    }
    if (hh > 14 || mm > 59)
        return 0;
    t->has_zone = 1;
    t->zone_min = sign * (hh * 60 + mm);
    *i = j;
    return 1;
}

/* Named zones. US "ET"/"PT" say which coast but not which season, so they
 * are consumed without giving an offset rather than guessed. */
static int zone_named(const char *s, size_t n, size_t *i, dt *t) {
    static const struct {
        const char *name;
        int off;
        int known;
    } Z[] = {
        {"utc", 0, 1},    {"gmt", 0, 1},    {"ut", 0, 1},     {"est", -300, 1}, {"edt", -240, 1},
        {"cst", -360, 1}, {"cdt", -300, 1}, {"mst", -420, 1}, {"mdt", -360, 1}, {"pst", -480, 1},
        {"pdt", -420, 1}, {"cet", 60, 1},   {"cest", 120, 1}, {"msk", 180, 1},  {"et", 0, 0},
        {"ct", 0, 0},     {"mt", 0, 0},     {"pt", 0, 0},
    };
    for (size_t k = 0; k < sizeof Z / sizeof Z[0]; k++) {
        if (!word_at(s, n, *i, Z[k].name))
            continue;
        *i += strlen(Z[k].name);
        if (Z[k].known) {
            t->has_zone = 1;
            t->zone_min = Z[k].off;
            /* "GMT+2", "UTC-05:00" */
            size_t j = *i;
            dt tmp = *t;
            if (j < n && (s[j] == '+' || s[j] == '-') && zone_numeric(s, n, &j, &tmp)) {
                *t = tmp;
                *i = j;
            }
        }
        return 1;
    }
    return 0;
}

/* "15:35", "15:35:00.123", "3:35 PM", "3 p.m." — then an optional zone. */
static int parse_time(const char *s, size_t n, size_t *i, dt *t) {
    size_t j = *i;
    int h, mi = 0, sec = 0, colon = 0;
    if (!digits12(s, n, &j, &h))
        return 0;
    if (j < n && s[j] == ':') {
        j++;
        if (!digits(s, n, &j, 2, &mi))
            return 0;
        colon = 1;
        if (j < n && s[j] == ':') {
            j++;
            if (!digits(s, n, &j, 2, &sec))
                return 0;
            if (j < n && (s[j] == '.' || s[j] == ',') && j + 1 < n && is_digit(s[j + 1]))
                for (j++; j < n && is_digit(s[j]); j++)
                    ; /* fractional seconds carry no publication meaning */
        }
    }
    size_t k = j;
    skip_spaces(s, n, &k);
    int pm = -1;
    if (word_at(s, n, k, "am") || word_at(s, n, k, "pm")) {
        pm = lower(s[k]) == 'p';
        k += 2;
    } else if (k + 3 <= n && (lower(s[k]) == 'a' || lower(s[k]) == 'p') && s[k + 1] == '.' &&
               lower(s[k + 2]) == 'm' && (k + 3 == n || !is_alpha(s[k + 3]))) {
        pm = lower(s[k]) == 'p'; /* "p.m." (the last dot may be trimmed) */
        k += 3 + (k + 3 < n && s[k + 3] == '.');
    }
    if (pm >= 0) {
        if (h < 1 || h > 12)
            return 0;
        h = h % 12 + (pm ? 12 : 0);
        j = k;
    } else if (!colon) {
        return 0; /* a bare number is not a time without am/pm */
    }
    t->has_time = 1;
    t->h = h;
    t->mi = mi;
    t->s = sec;
    k = j;
    skip_spaces(s, n, &k);
    if (zone_numeric(s, n, &k, t) || zone_named(s, n, &k, t))
        j = k;
    *i = j;
    return 1;
}

/* After a date: optional ", at 3:35 PM ET" / " 15:35:00 GMT" / " - 10:00". */
static void opt_time(const char *s, size_t n, size_t *i, dt *t) {
    size_t j = *i;
    skip_spaces(s, n, &j);
    if (j < n && (s[j] == ',' || s[j] == '-' || s[j] == '|'))
        j++;
    else if (j + 3 <= n &&
             (memcmp(s + j, "\xE2\x80\x94", 3) == 0 || memcmp(s + j, "\xE2\x80\x93", 3) == 0 ||
              (j + 2 <= n && memcmp(s + j, "\xC2\xB7", 2) == 0)))
        j += memcmp(s + j, "\xC2\xB7", 2) == 0 ? 2 : 3;
    skip_spaces(s, n, &j);
    if (word_at(s, n, j, "at")) {
        j += 2;
        skip_spaces(s, n, &j);
    }
    dt tmp = *t;
    if (parse_time(s, n, &j, &tmp)) {
        *t = tmp;
        *i = j;
    }
}

/* ------------------------------------------------------------ date shapes */

/* ISO 8601: "2021-12-30", "2021-12-30T15:35:00.5+01:00", "2021-12-30 15:35". */
static size_t p_iso(const char *s, size_t n, dt *t) {
    size_t i = 0;
    if (!digits(s, n, &i, 4, &t->y) || i >= n || s[i] != '-')
        return 0;
    i++;
    if (!digits(s, n, &i, 2, &t->mo) || i >= n || s[i] != '-')
        return 0;
    i++;
    if (!digits(s, n, &i, 2, &t->d))
        return 0;
    if (i < n && (s[i] == 'T' || s[i] == 't' || (s[i] == ' ' && i + 1 < n && is_digit(s[i + 1])))) {
        size_t j = i + 1;
        dt tmp = *t;
        if (parse_time(s, n, &j, &tmp)) {
            *t = tmp;
            i = j;
        } else if (s[i] != ' ') {
            return 0;
        }
    }
    return i;
}

/* "20211230" (a bare run of exactly eight digits). */
static size_t p_compact(const char *s, size_t n, dt *t) {
    size_t i = 0;
    int v;
    if (!digits(s, n, &i, 8, &v))
        return 0;
    t->y = v / 10000;
    t->mo = v / 100 % 100;
    t->d = v % 100;
    return i;
}

/* "2021/12/30", "12/30/2021" (US order unless the first field cannot be a
 * month), "30.12.2021" (European order unless the second cannot be one). */
static size_t p_numeric(const char *s, size_t n, dt *t) {
    size_t i = 0;
    int a, b, c;
    if (digits(s, n, &i, 4, &a)) {
        if (i >= n || (s[i] != '/' && s[i] != '.'))
            return 0;
        char sep = s[i++];
        if (!digits12(s, n, &i, &b) || i >= n || s[i] != sep)
            return 0;
        i++;
        if (!digits12(s, n, &i, &c))
            return 0;
        t->y = a, t->mo = b, t->d = c;
        return i;
    }
    i = 0;
    if (!digits12(s, n, &i, &a) || i >= n || (s[i] != '/' && s[i] != '.'))
        return 0;
    char sep = s[i++];
    if (!digits12(s, n, &i, &b) || i >= n || s[i] != sep)
        return 0;
    i++;
    if (!digits(s, n, &i, 4, &c))
        return 0;
    int month_first = sep == '/' ? a <= 12 : b > 12;
    t->y = c;
    t->mo = month_first ? a : b;
    t->d = month_first ? b : a;
    return i;
}

static void skip_ordinal(const char *s, size_t n, size_t *i) {
    if (*i + 2 <= n && (word_at(s, n, *i, "st") || word_at(s, n, *i, "nd") ||
                        word_at(s, n, *i, "rd") || word_at(s, n, *i, "th")))
        *i += 2;
}

/* "December 30, 2021", "Dec. 30 2021", "30 December 2021", "30 Dec 2021",
 * each after an optional weekday. */
static size_t p_text(const char *s, size_t n, dt *t) {
    size_t i = 0;
    skip_weekday(s, n, &i);
    size_t j = i;
    int m = month_name(s, n, &j);
    if (m) {
        skip_spaces(s, n, &j);
        if (!digits12(s, n, &j, &t->d))
            return 0;
        skip_ordinal(s, n, &j);
        skip_spaces(s, n, &j);
        if (j < n && s[j] == ',')
            j++;
        skip_spaces(s, n, &j);
    } else {
        if (!digits12(s, n, &j, &t->d))
            return 0;
        skip_ordinal(s, n, &j);
        skip_spaces(s, n, &j);
        if (j < n && s[j] == '-') /* "30-Dec-2021" */
            j++;
        if (!(m = month_name(s, n, &j)))
            return 0;
        skip_spaces(s, n, &j);
        if (j < n && (s[j] == ',' || s[j] == '-'))
            j++;
        skip_spaces(s, n, &j);
    }
    if (!digits(s, n, &j, 4, &t->y))
        return 0;
    t->mo = m;
    return j;
}

/* Longest date at the start of s; 0 if none. */
static size_t parse_prefix(const char *s, size_t n, dt *t) {
    size_t k;
    memset(t, 0, sizeof *t);
    if ((k = p_iso(s, n, t)))
        return valid_dt(t) ? k : 0;
    memset(t, 0, sizeof *t);
    if ((k = p_compact(s, n, t)))
        return valid_dt(t) ? k : 0;
    memset(t, 0, sizeof *t);
    if (!(k = p_numeric(s, n, t))) {
        memset(t, 0, sizeof *t);
        k = p_text(s, n, t);
    }
    if (!k)
        return 0;
    opt_time(s, n, &k, t);
    return valid_dt(t) ? k : 0;
}

int sl_date_parse(const char *s, size_t n, char iso[32]) {
    if (!s)
        return 0;
    while (n && is_space(*s))
        s++, n--;
    while (n && (is_space(s[n - 1]) || s[n - 1] == '.'))
        n--;
    if (n == 0 || n > 80)
        return 0;
    dt t;
    if (parse_prefix(s, n, &t) != n)
        return 0;
    format_dt(&t, iso);
    return 1;
}

/* ---------------------------------------------------------- plausibility */

int sl_date_plausible(const char *iso) {
    if (!iso)
        return 0;
    size_t n = strlen(iso);
    dt t;
    size_t k = n <= 40 ? parse_prefix(iso, n, &t) : 0;
    if (k != n || t.y < 1990)
        return 0;
    long today = (long)(time(NULL) / 86400);
    return days_from_civil(t.y, t.mo, t.d) <= today + 1;
}

/* ------------------------------------------------------------------ URL */

static int url_sep(char c) { return c == '/' || c == '-' || c == '_' || c == '.'; }

/* Try the date shapes at p (just after a separator) in a URL path. */
static int url_date_at(const char *p, size_t n, dt *t) {
    size_t i = 0;
    int v;
    memset(t, 0, sizeof *t);
    if (digits(p, n, &i, 8, &v)) {
        t->y = v / 10000, t->mo = v / 100 % 100, t->d = v % 100;
    } else {
        if (!digits(p, n, &i, 4, &t->y) || i >= n || (p[i] != '/' && p[i] != '-' && p[i] != '_'))
            return 0;
        char sep = p[i++];
        if (!digits12(p, n, &i, &t->mo) || i >= n || p[i] != sep)
            return 0; /* "/2021/12/" is a month archive, not a date */
        i++;
        if (!digits12(p, n, &i, &t->d))
            return 0;
    }
    return (i == n || url_sep(p[i]) || p[i] == '?' || p[i] == '#') && valid_dt(t);
}

int sl_date_from_url(const char *url, char iso[32]) {
    if (!url)
        return 0;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    p = strchr(p, '/'); /* digits in the host name are not dates */
    if (!p)
        return 0;
    size_t n = strlen(p);
    for (size_t i = 0; i + 1 < n; i++) {
        if (!url_sep(p[i]) || !is_digit(p[i + 1]))
            continue;
        dt t;
        if (url_date_at(p + i + 1, n - i - 1, &t)) {
            format_dt(&t, iso);
            if (sl_date_plausible(iso))
                return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ copyright */

static int has_ci(const char *s, size_t n, const char *w) {
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && lower(s[i + j]) == w[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

int sl_is_copyright_line(const char *s, size_t n) {
    if (!s)
        return 0;
    while (n && is_space(*s))
        s++, n--;
    while (n && is_space(s[n - 1]))
        n--;
    if (n == 0 || n > 200) /* a paragraph that mentions copyright is prose */
        return 0;
    if (has_ci(s, n, "\xC2\xA9") || has_ci(s, n, "all rights reserved"))
        return 1;
    for (size_t i = 0; i + 3 <= n; i++) {
        if (s[i] == '(' && lower(s[i + 1]) == 'c' && s[i + 2] == ')') {
            size_t j = i + 3;
            skip_spaces(s, n, &j);
            if (j < n && is_digit(s[j]))
                return 1;
        }
        if (lower(s[i]) == 'c' && (i == 0 || !is_alpha(s[i - 1])) &&
            word_at(s, n, i, "copyright")) {
            size_t j = i + 9;
            if (j < n && s[j] == ':')
                j++;
            skip_spaces(s, n, &j);
            if (j < n && (is_digit(s[j]) || is_upper(s[j]) || s[j] == '('))
                return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ from text */

/* Labels that may precede a date line; "updated" dates are a fallback. */
static size_t date_label(const char *s, size_t n, int *updated) {
    static const char *const L[] = {"first published",
                                    "originally published",
                                    "published",
                                    "posted",
                                    "last updated",
                                    "updated",
                                    "date",
                                    "dated"};
    *updated = 0;
    for (size_t k = 0; k < sizeof L / sizeof L[0]; k++) {
        if (!word_at(s, n, 0, L[k]))
            continue;
        size_t i = strlen(L[k]);
        *updated = strstr(L[k], "updated") != NULL;
        skip_spaces(s, n, &i);
        if (i < n && (s[i] == ':' || s[i] == '-' || s[i] == '|'))
            i++;
        skip_spaces(s, n, &i);
        if (word_at(s, n, i, "on")) {
            i += 2;
            skip_spaces(s, n, &i);
        }
        return i;
    }
    return 0;
}

/* A dash (hyphen, en, em, "--") or "(" after a dateline's date. */
static int dateline_tail(const char *s, size_t n, size_t i) {
    skip_spaces(s, n, &i);
    if (i >= n)
        return 0;
    if (s[i] == '-' || s[i] == '(')
        return 1;
    return i + 3 <= n &&
           (memcmp(s + i, "\xE2\x80\x94", 3) == 0 || memcmp(s + i, "\xE2\x80\x93", 3) == 0);
}

/* "WASHINGTON, Dec. 30, 2021 —", "MARROW BAY, Ore., March 3, 2023 --":
 * a place in capitals, up to two more comma fields, then a date and a dash. */
static int dateline(const char *s, size_t n, dt *t) {
    size_t i = 0, caps = 0;
    if (n > 160)
        n = 160;
    while (i < n && (is_upper(s[i]) || s[i] == ' ' || s[i] == '.' || s[i] == '\'' || s[i] == '-'))
        caps += is_upper(s[i++]);
    if (caps < 2 || i > 40 || i >= n || s[i] != ',')
        return 0;
    for (int field = 0; field < 3 && i < n && s[i] == ','; field++) {
        i++;
        skip_spaces(s, n, &i);
        size_t k = parse_prefix(s + i, n - i, t);
        if (k && dateline_tail(s, n, i + k))
            return 1;
        size_t start = i;
        while (i < n && s[i] != ',' && !is_digit(s[i]) && i - start < 30)
            i++;
    }
    return 0;
}

/* Standalone date line: the whole line (after a label) is one date. */
static int date_line(const char *s, size_t n, dt *t, int *updated) {
    if (n > 100)
        return 0;
    size_t i = date_label(s, n, updated);
    while (n > i && (is_space(s[n - 1]) || s[n - 1] == '.'))
        n--;
    return n > i && parse_prefix(s + i, n - i, t) == n - i;
}

int sl_date_from_text(const char *text, size_t n, char iso[32], sl_date_source *src) {
    if (!text)
        return 0;
    char fallback[32] = "";
    size_t pos = 0;
    for (int lines = 0; pos < n && lines < 15;) {
        const char *nl = memchr(text + pos, '\n', n - pos);
        size_t end = nl ? (size_t)(nl - text) : n;
        const char *s = text + pos;
        size_t len = end - pos;
        pos = end + 1;
        while (len && is_space(*s))
            s++, len--;
        while (len && is_space(s[len - 1]))
            len--;
        if (!len)
            continue;
        lines++;
        if (sl_is_copyright_line(s, len))
            continue;
        dt t;
        int updated = 0;
        if (date_line(s, len, &t, &updated) || dateline(s, len, &t)) {
            format_dt(&t, iso);
            if (!sl_date_plausible(iso))
                continue;
            if (!updated) {
                *src = SL_DATE_DATELINE;
                return 1;
            }
            if (!fallback[0])
                memcpy(fallback, iso, 32);
        }
    }
    if (!fallback[0])
        return 0;
    memcpy(iso, fallback, 32);
    *src = SL_DATE_DATELINE;
    return 1;
}

/* slots_obs.h — the numbers and dates of the members, read for comparison.
 *
 * An observation is one number (with its hedge and unit brought to a base:
 * an hour is 60 minutes) or one calendar date (a day, or a run of days:
 * "March 14 and 15") in one member, with the content words around it, which
 * say what it is about. Shared by the slot pass and the timeline. */
#ifndef SL_SYNTH_SLOTS_OBS_H
#define SL_SYNTH_SLOTS_OBS_H
#include "synth.h"
#include "slots_words.h"

enum { SL_OBS_CTX = 24 };

typedef enum sl_obs_kind { SL_OBS_QTY = 0, SL_OBS_DATE } sl_obs_kind;

/* Unit classes: numbers of different classes never meet. */
enum { SL_UC_TIME = 1, SL_UC_PERCENT = 2, SL_UC_PEOPLE = 3, SL_UC_BARE = 4 };

typedef struct sl_obs {
    sl_obs_kind kind;
    uint32_t member, start, end; /* the value as written, hedge included */
    uint64_t uclass;     /* unit class (dates: 0) */
    double value;        /* in the class's base unit; dates: first day */
    double lo, hi;       /* what the hedge allows; dates: first and last day */
    sl_bound bound;
    int vague;           /* "hundreds", "a thousand": a magnitude, not a count */
    int range;           /* "9 to 10", "between 270 and 480": a span, not a value */
    double gran;         /* the rounding the number shows (50: 10), in base units */
    int explicit_date;   /* a calendar date as written, not "Tuesday" */
    int precision;       /* dates: 0 a day, 1 a month, 2 a year */
    int anchored;        /* dates: "two days later", counted from a written date */
    const char *unit;    /* as normalized by the facts ("minute"), "" for dates */
    double raw;          /* the number in that unit */
    uint32_t about_start, about_end; /* what the facts say it counts, 0,0 */
    char tvalue[32];     /* dates: TIMEX3 value or a run "2023-03-14/2023-03-15" */
    uint64_t ctx[SL_OBS_CTX]; /* sorted content-word keys around it */
    uint32_t n_ctx;
    uint32_t event_start, event_end; /* dates: the nearest event word, 0,0 */
} sl_obs;

/* Every observation of the canonical members and copies, in member and
 * text order, malloc'ed into *out. */
sl_status sl_obs_collect(const sl_synthesis *s, sl_sw *w, sl_obs **out, size_t *n,
                         sl_error *err);

/* merge_days.c: the weekday mentions that anchored an undated member's
 * day resolve to that day (and count as anchored). */
void sl_synth_days_obs(const sl_synthesis *s, sl_obs *o, size_t n);

/* "YYYY-MM-DD" of a day number. */
void sl_obs_iso(int32_t day, char out[32]);

/* The day number (days since 1970) of a TIMEX3 day value, SL_NO_DAY. */
int32_t sl_obs_day(const char *v);

#endif

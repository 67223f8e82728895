/* slots_obs.c — numbers and dates of the members as comparable observations.
 *
 * The facts give quantities and time expressions; here they are brought to
 * what a comparison needs: one base unit per class (durations in minutes,
 * so "close to an hour" meets "50 minutes"), the hedge's range, the run of
 * days of "March 14 and 15" (the facts see "March 14" and a bare 15), and
 * the content words of the clause around the value, which tell what it is
 * about. Durations the quantity reader missed ("an hour") come from the
 * time expressions; round magnitudes with a hedge ("well over a thousand")
 * from the tokens. */
#include "slots_obs.h"
#include "../core/draft.h"
#include "../util/buf.h"
#include "../util/hash.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int32_t sl_obs_day(const char *v)
{
    if (!v || strlen(v) < 10 || v[4] != '-' || v[7] != '-')
        return SL_NO_DAY;
    char buf[11];
    memcpy(buf, v, 10);
    buf[10] = 0;
    return sl_day_from_iso(buf);
}

static int tok_in(const sl_article *a, size_t t, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (sl_sw_tok_is(a, t, list[i]))
            return 1;
    return 0;
}

static const char *const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", NULL};

/* ------------------------------------------------------------ units */

static const struct {
    const char *w;
    double minutes;
} time_units[] = {{"second", 1.0 / 60}, {"minute", 1}, {"hour", 60}, {"day", 1440},
                  {"week", 10080}, {"month", 43830}, {"year", 525960}, {NULL, 0}};

static const char *const people[] = {"people", "person", "passenger", "traveler", "traveller",
                                     "resident", "visitor", "civilian", "commuter",
                                     "individual", NULL};

static const char *head_word(const char *unit, size_t *n)
{
    const char *h = strrchr(unit, ' ');
    h = h ? h + 1 : unit;
    *n = strlen(h);
    return h;
}

/* The class of a unit and its factor to the class's base; 0 when the
 * unit is not compared (ages, bare numbers). */
static uint64_t unit_class(const char *unit, double *factor)
{
    *factor = 1;
    if (!unit || !*unit || strstr(unit, "of age"))
        return 0;
    if (strstr(unit, " per ") || !strncmp(unit, "per ", 4)) {
        uint64_t h = sl_hash64(unit, strlen(unit), 0x0c1a);
        return h > 16 ? h : h + 16;
    }
    size_t n;
    const char *h = head_word(unit, &n);
    for (size_t i = 0; time_units[i].w; i++)
        if (strlen(time_units[i].w) == n && !memcmp(h, time_units[i].w, n)) {
            *factor = time_units[i].minutes;
            return SL_UC_TIME;
        }
    if (n == 7 && !memcmp(h, "percent", 7))
        return SL_UC_PERCENT;
    for (size_t i = 0; people[i]; i++)
        if (strlen(people[i]) == n && !memcmp(h, people[i], n))
            return SL_UC_PEOPLE;
    uint64_t k = sl_hash64(h, n, 0x0c1b);
    return k > 16 ? k : k + 16;
}

/* ------------------------------------------------------------ context */

static int clause_break(const sl_article *a, size_t t)
{
    const sl_token *tk = &a->tokens[t];
    if (tk->kind != SL_TOK_PUNCT)
        return 0;
    char c = a->text[tk->start];
    return c == ';' || c == ':' || c == '(' || c == ')' ||
           (tk->end - tk->start == 3 && !memcmp(a->text + tk->start, "\xe2\x80\x94", 3));
}

/* Two people talking is one thing however it is told: "the leaders spoke
 * for close to an hour", "the call lasted 50 minutes", "their
 * conversation". */
static uint64_t talk_key(sl_sw *w, const sl_article *a, size_t t, uint64_t k)
{
    static const char *const talk[] = {"spoke", "speak", "talked", "conversation", "phone", NULL};
    return tok_in(a, t, talk) ? sl_sw_key(w, "call", 4, 0) : k;
}

/* A clock time ("10:35 a.m.") is when, not another count: the words
 * before it still belong to the number after it ("The call began at
 * 10:35 a.m. and lasted 50 minutes"). */
static int clock_time(const sl_article *a, size_t t)
{
    const sl_token *tk = &a->tokens[t];
    return tk->kind == SL_TOK_NUMBER && memchr(a->text + tk->start, ':', tk->end - tk->start);
}

/* Content words of the clause around [start, end): up to 10 (dates 16) tokens on
 * each side, not across a clause break or another number. */
static void context(sl_sw *w, const sl_article *a, uint32_t start, uint32_t end, sl_obs *o)
{
    /* a date's happening is often named further away ("talks in Geneva,
     * which now appear to run on ...") than a number's noun */
    size_t win = o->kind == SL_OBS_DATE ? 16 : 10;
    const sl_sentence *se = sl_sw_sentence_at(a, start);
    if (!se)
        return;
    size_t t0 = sl_sw_token_at(a, start), t1 = sl_sw_token_at(a, end);
    size_t lo = t0, hi = t1;
    for (size_t k = 0; k < win && lo > se->token_first; k++) {
        if (clause_break(a, lo - 1) ||
            (a->tokens[lo - 1].kind == SL_TOK_NUMBER && !clock_time(a, lo - 1)))
            break;
        lo--;
    }
    for (size_t k = 0; k < win && hi < se->token_end; k++) {
        if (clause_break(a, hi) || a->tokens[hi].kind == SL_TOK_NUMBER)
            break;
        hi++;
    }
    uint64_t keys[48];
    size_t n = 0;
    for (size_t t = lo; t < hi && n < 48; t++) {
        if (t >= t0 && t < t1)
            continue;
        const sl_token *tk = &a->tokens[t];
        if (tk->kind != SL_TOK_WORD || tok_in(a, t, months))
            continue;
        uint64_t k = sl_sw_key(w, a->text + tk->start, tk->end - tk->start, 0);
        if (k)
            keys[n++] = talk_key(w, a, t, k);
    }
    /* sort, dedupe, keep the first SL_OBS_CTX */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && keys[j - 1] > keys[j]; j--) {
            uint64_t x = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = x;
        }
    o->n_ctx = 0;
    for (size_t i = 0; i < n && o->n_ctx < SL_OBS_CTX; i++)
        if (!o->n_ctx || o->ctx[o->n_ctx - 1] != keys[i])
            o->ctx[o->n_ctx++] = keys[i];
}

/* ------------------------------------------------------------ ranges */

static int round_number(double v)
{
    if (v <= 0)
        return 0;
    while (v >= 10 && fmod(v, 10) == 0) /* fmod: v may be past any integer type */
        v /= 10;
    return v < 10 && v == floor(v);
}

/* The rounding a written number shows: 1,200 to the hundred, 4.5 to the
 * tenth. */
static double granularity(double x)
{
    if (x <= 0 || x > 1e15)
        return 1;
    double g = 1;
    if (x != floor(x)) {
        for (int k = 0; k < 4 && x / g != floor(x / g + 1e-9); k++)
            g /= 10;
        return g;
    }
    while (g < 1e12 && fmod(x, g * 10) == 0)
        g *= 10;
    return g;
}

static void hedge_range(sl_obs *o)
{
    double v = o->value;
    o->gran = o->raw > 0 ? granularity(o->raw) * (v / o->raw) : 0;
    if (o->lo < o->hi) { /* a range or a vague magnitude as the facts give it */
        o->vague |= o->bound != SL_BOUND_EXACT;
        o->range = !o->vague;
        return;
    }
    switch (o->bound) {
    case SL_BOUND_EXACT:
        o->lo = o->hi = v;
        break;
    case SL_BOUND_APPROX: {
        double t = round_number(v) ? 0.2 : 0.1;
        o->lo = v * (1 - t);
        o->hi = v * (1 + t);
        break;
    }
    case SL_BOUND_AT_LEAST:
    case SL_BOUND_MORE_THAN:
        o->lo = v;
        o->hi = v * (round_number(v) ? 2 : 1.5);
        break;
    case SL_BOUND_AT_MOST: /* "as many as", "up to": a count near its top */
        o->lo = v * 0.85;
        o->hi = v;
        break;
    case SL_BOUND_LESS_THAN:
        o->lo = v * (round_number(v) ? 0.5 : 0.67);
        o->hi = v;
        break;
    }
}

/* ------------------------------------------------------------ collect */

typedef struct obs_list {
    sl_obs *v;
    size_t n, cap;
} obs_list;

static sl_obs *push(obs_list *l)
{
    sl_obs *p = sl_grow(l->v, &l->cap, l->n + 1, sizeof *p, 256);
    if (!p)
        return NULL;
    l->v = p;
    sl_obs *o = &l->v[l->n++];
    memset(o, 0, sizeof *o);
    return o;
}

static int overlaps_quantity(const sl_facts *f, size_t *qi, uint32_t start, uint32_t end)
{
    while (*qi < f->n_quantities && f->quantities[*qi].end <= start)
        (*qi)++;
    return *qi < f->n_quantities && f->quantities[*qi].start < end;
}

static void event_word(sl_sw *w, const sl_article *a, uint32_t start, uint32_t end, sl_obs *o);

static int add_quantities(sl_sw *w, const sl_synthesis *s, size_t m, obs_list *l)
{
    const sl_article *a = s->members[m].article;
    const sl_facts *f = s->members[m].facts;
    for (size_t i = 0; i < f->n_quantities; i++) {
        const sl_quantity *q = &f->quantities[i];
        double factor;
        uint64_t uc = unit_class(q->unit, &factor);
        if (!uc || q->change[0])
            continue;
        sl_obs *o = push(l);
        if (!o)
            return -1;
        o->kind = SL_OBS_QTY;
        o->member = (uint32_t)m;
        o->start = q->start;
        o->end = q->end;
        o->uclass = uc;
        o->unit = q->unit;
        o->value = q->value * factor;
        o->raw = q->value;
        o->about_start = q->about_start;
        o->about_end = q->about_end;
        o->lo = q->low * factor;
        o->hi = q->high * factor;
        o->bound = q->bound;
        uint32_t hs;
        sl_bound hb = sl_sw_hedge_before(a, q->start, &hs);
        if (o->bound == SL_BOUND_EXACT && hb != SL_BOUND_EXACT) {
            o->bound = hb;
            o->start = hs;
        }
        hedge_range(o);
        context(w, a, o->start, q->end, o);
        if (uc == SL_UC_TIME)
            event_word(w, a, o->start, q->end, o);
    }
    return 0;
}

/* PT1H, P2D, P3W: minutes, or -1 when not a plain count of one unit. */
static double duration_minutes(const char *v)
{
    if (v[0] != 'P')
        return -1;
    const char *p = v + 1;
    int t = *p == 'T';
    p += t;
    char *e;
    double n = strtod(p, &e);
    if (e == p || e[0] == 0 || e[1] != 0)
        return -1;
    switch (*e) {
    case 'S': return t ? n / 60 : -1;
    case 'M': return t ? n : n * 43830;
    case 'H': return n * 60;
    case 'D': return n * 1440;
    case 'W': return n * 10080;
    case 'Y': return n * 525960;
    }
    return -1;
}

static const char *duration_unit(const char *v)
{
    size_t n = strlen(v);
    switch (v[n - 1]) {
    case 'S': return "second";
    case 'M': return v[1] == 'T' ? "minute" : "month";
    case 'H': return "hour";
    case 'D': return "day";
    case 'W': return "week";
    }
    return "year";
}

/* A date run written around a day: "14 and 15", "9-10", "9 to 10": the
 * other day of the run, 0 if none. */
static int run_day(const sl_article *a, const sl_timex *x, int *before)
{
    static const char *const links[] = {"and", "to", "through", "-", "\xe2\x80\x93", NULL};
    size_t t = sl_sw_token_at(a, x->end);
    *before = 0;
    if (t + 1 < a->n_tokens && tok_in(a, t, links) && a->tokens[t + 1].kind == SL_TOK_NUMBER) {
        int d = atoi(a->text + a->tokens[t + 1].start);
        size_t u = t + 2;
        int unit_follows = u < a->n_tokens && a->tokens[u].kind == SL_TOK_WORD &&
                           !tok_in(a, u, (const char *const[]){"in", "at", "for", "on", NULL}) &&
                           a->tokens[u].start == a->tokens[t + 1].end + 1 &&
                           (a->text[a->tokens[u].start] >= 'a' && a->text[a->tokens[u].start] <= 'z');
        if (d >= 1 && d <= 31 && !unit_follows && a->tokens[t + 1].end - a->tokens[t + 1].start <= 2)
            return d;
    }
    size_t s0 = sl_sw_token_at(a, x->start);
    if (s0 >= 2 && tok_in(a, s0 - 1, links) && a->tokens[s0 - 2].kind == SL_TOK_NUMBER) {
        int d = atoi(a->text + a->tokens[s0 - 2].start);
        if (d >= 1 && d <= 31 && a->tokens[s0 - 2].end - a->tokens[s0 - 2].start <= 2) {
            *before = 1;
            return d;
        }
    }
    return 0;
}

/* A written year ("2014") or numeric date ("2022-01-10", "1/10/2022"). */
static int year_or_numeric_date(const sl_article *a, size_t t)
{
    const sl_token *tk = &a->tokens[t];
    size_t n = tk->end - tk->start, digits = 0, seps = 0;
    for (size_t i = tk->start; i < tk->end; i++) {
        char c = a->text[i];
        digits += c >= '0' && c <= '9';
        seps += c == '-' || c == '/';
    }
    return (n == 4 && digits == 4) || (seps == 2 && digits >= 6 && digits + seps == n);
}

static int explicit_date(const sl_article *a, const sl_timex *x)
{
    for (size_t t = sl_sw_token_at(a, x->start); t < a->n_tokens && a->tokens[t].start < x->end; t++)
        if (tok_in(a, t, months) ||
            (a->tokens[t].kind == SL_TOK_NUMBER && year_or_numeric_date(a, t)))
            return 1;
    return 0;
}

/* The nearest content word of the clause: before a date (what happens
 * then: "talks on March 14"), after a duration (what lasts: "an eight-day
 * strike", "50 minutes on the phone"), else on the other side. Names and
 * time words are skipped. */
static void event_word(sl_sw *w, const sl_article *a, uint32_t start, uint32_t end, sl_obs *o)
{
    static const char *const weak[] = {"day", "days", "week", "weeks", "month", "months",
                                       "year", "years", "morning", "afternoon", "evening",
                                       "night", "ago", "later", "earlier", "hour", "hours", NULL};
    const sl_sentence *se = sl_sw_sentence_at(a, start);
    if (!se)
        return;
    size_t t0 = sl_sw_token_at(a, start), t1 = sl_sw_token_at(a, end);
    int first = o->kind == SL_OBS_DATE ? 0 : 1;
    for (int pass = 0; pass < 2 && !o->event_end; pass++)
        for (size_t k = 1; k <= 6; k++) {
            int dir = pass ? !first : first;
            size_t t;
            if (dir == 0) {
                if (t0 < se->token_first + k)
                    break;
                t = t0 - k;
            } else {
                t = t1 + k - 1;
                if (t >= se->token_end)
                    break;
            }
            const sl_token *tk = &a->tokens[t];
            if (clause_break(a, t) || tk->kind == SL_TOK_NUMBER)
                break;
            if (tk->kind != SL_TOK_WORD || tok_in(a, t, months) || tok_in(a, t, weak))
                continue;
            char c = a->text[tk->start];
            if (c >= 'A' && c <= 'Z')
                continue;
            if (sl_sw_key(w, a->text + tk->start, tk->end - tk->start, 0)) {
                o->event_start = tk->start;
                o->event_end = tk->end;
                break;
            }
        }
}

/* The first day of a written year or month ("2014", "2022-10"). */
static int32_t period_day(const char *v, int *precision)
{
    char buf[11];
    size_t n = strlen(v);
    if (n == 4 && v[0] >= '0' && v[0] <= '9' && v[3] >= '0' && v[3] <= '9') {
        snprintf(buf, sizeof buf, "%.4s-01-01", v);
        *precision = 2;
    } else if (n == 7 && v[4] == '-' && v[5] >= '0' && v[5] <= '1') {
        snprintf(buf, sizeof buf, "%.7s-01", v);
        *precision = 1;
    } else
        return SL_NO_DAY;
    return sl_day_from_iso(buf);
}

void sl_obs_iso(int32_t day, char out[32])
{
    /* civil from days (Howard Hinnant's algorithm) */
    int64_t z = (int64_t)day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1, mo = mp < 10 ? mp + 3 : mp - 9;
    snprintf(out, 32, "%04d-%02u-%02u", (int)(y + (mo <= 2)) % 10000, mo % 100, d % 100);
}

static int add_timexes(sl_sw *w, const sl_synthesis *s, size_t m, obs_list *l)
{
    const sl_article *a = s->members[m].article;
    const sl_facts *f = s->members[m].facts;
    size_t qi = 0;
    int32_t last_written = SL_NO_DAY; /* the anchor of "two days later" */
    for (size_t i = 0; i < f->n_timexes; i++) {
        const sl_timex *x = &f->timexes[i];
        if (x->type == SL_TIMEX_DURATION && last_written != SL_NO_DAY &&
            sl_sw_tok_is(a, sl_sw_token_at(a, x->end), "later")) {
            double mins = duration_minutes(x->value);
            if (mins >= 1440 && mins <= 1440 * 62) {
                sl_obs *o = push(l);
                if (!o)
                    return -1;
                int32_t day = last_written + (int32_t)(mins / 1440);
                o->kind = SL_OBS_DATE;
                o->member = (uint32_t)m;
                o->start = x->start;
                o->end = a->tokens[sl_sw_token_at(a, x->end)].end;
                o->unit = "";
                o->value = o->lo = o->hi = day;
                o->anchored = 1;
                sl_obs_iso(day, o->tvalue);
                context(w, a, o->start, o->end, o);
                event_word(w, a, o->start, o->end, o);
            }
            continue;
        }
        if (x->type == SL_TIMEX_DURATION) {
            static const char *const period[] = {"the", "this", "last", "past", "next",
                                                 "recent", "coming", NULL};
            double mins = duration_minutes(x->value);
            if (mins <= 0 || overlaps_quantity(f, &qi, x->start, x->end) ||
                tok_in(a, sl_sw_token_at(a, x->start), period))
                continue; /* "the past year" names a stretch of time, measures nothing */
            sl_obs *o = push(l);
            if (!o)
                return -1;
            o->kind = SL_OBS_QTY;
            o->member = (uint32_t)m;
            o->start = x->start;
            o->end = x->end;
            o->uclass = SL_UC_TIME;
            o->unit = duration_unit(x->value);
            o->value = mins;
            o->raw = mins;
            uint32_t hs;
            o->bound = sl_sw_hedge_before(a, x->start, &hs);
            if (!strcmp(x->mod, "MORE_THAN"))
                o->bound = SL_BOUND_MORE_THAN;
            else if (!strcmp(x->mod, "APPROX"))
                o->bound = SL_BOUND_APPROX;
            if (o->bound != SL_BOUND_EXACT && hs < o->start)
                o->start = hs;
            hedge_range(o);
            /* the hedge ("close to") is part of the value, not its context */
            context(w, a, o->start, x->end, o);
            event_word(w, a, o->start, x->end, o);
            continue;
        }
        if (x->type != SL_TIMEX_DATE && x->type != SL_TIMEX_TIME)
            continue;
        /* "at 5 a.m. on Wednesday": the day is the next expression's; the
         * clock time alone resolved against the writing day */
        if (x->type == SL_TIMEX_TIME && i + 1 < f->n_timexes &&
            sl_sw_token_at(a, f->timexes[i + 1].start) <= sl_sw_token_at(a, x->end) + 2)
            continue;
        int precision = 0;
        int32_t day = sl_obs_day(x->value);
        if (day == SL_NO_DAY && explicit_date(a, x))
            day = period_day(x->value, &precision);
        if (day == SL_NO_DAY)
            continue;
        sl_obs *o = push(l);
        if (!o)
            return -1;
        o->kind = SL_OBS_DATE;
        o->member = (uint32_t)m;
        o->start = x->start;
        o->end = x->end;
        o->unit = "";
        o->value = o->lo = o->hi = day;
        o->precision = precision;
        o->explicit_date = explicit_date(a, x);
        if (o->explicit_date && !precision)
            last_written = day;
        size_t vlen = precision == 2 ? 4 : precision == 1 ? 7 : 10;
        memcpy(o->tvalue, x->value, vlen);
        o->tvalue[vlen] = 0;
        int before, d = o->explicit_date && !precision ? run_day(a, x, &before) : 0;
        int dom = atoi(x->value + 8);
        if (d && d != dom && abs(d - dom) <= 6) {
            int32_t other = day + (d - dom);
            o->lo = other < day ? other : day;
            o->hi = other < day ? day : other;
            o->value = o->lo;
            size_t t = sl_sw_token_at(a, before ? x->start : x->end);
            if (before)
                o->start = a->tokens[t - 2].start;
            else
                o->end = a->tokens[t + 1].end;
            char lo_iso[32], hi_iso[32];
            sl_obs_iso((int32_t)o->lo, lo_iso);
            sl_obs_iso((int32_t)o->hi, hi_iso);
            snprintf(o->tvalue, sizeof o->tvalue, "%.10s/%.10s", lo_iso, hi_iso);
        }
        context(w, a, o->start, o->end, o);
        event_word(w, a, o->start, o->end, o);
    }
    return 0;
}

/* Round magnitudes after a hedge that the quantity reader leaves alone:
 * "well over a thousand", "nearly a hundred". */
static int add_magnitudes(sl_sw *w, const sl_synthesis *s, size_t m, obs_list *l)
{
    static const char *const art[] = {"a", "an", "one", NULL};
    static const struct {
        const char *w;
        double v;
    } mag[] = {{"dozen", 12}, {"hundred", 100}, {"thousand", 1000}, {"million", 1e6},
               {"billion", 1e9}, {NULL, 0}};
    const sl_article *a = s->members[m].article;
    const sl_facts *f = s->members[m].facts;
    size_t qi = 0;
    for (size_t t = 0; t + 1 < a->n_tokens; t++) {
        if (!tok_in(a, t, art))
            continue;
        size_t k = 0;
        while (mag[k].w && !sl_sw_tok_is(a, t + 1, mag[k].w))
            k++;
        if (!mag[k].w)
            continue;
        uint32_t hs;
        sl_bound b = sl_sw_hedge_before(a, a->tokens[t].start, &hs);
        if (b == SL_BOUND_EXACT || overlaps_quantity(f, &qi, hs, a->tokens[t + 1].end))
            continue;
        sl_obs *o = push(l);
        if (!o)
            return -1;
        o->kind = SL_OBS_QTY;
        o->member = (uint32_t)m;
        o->start = hs;
        o->end = a->tokens[t + 1].end;
        o->uclass = SL_UC_BARE;
        o->unit = "";
        o->value = o->raw = mag[k].v;
        o->bound = b;
        hedge_range(o);
        context(w, a, a->tokens[t].start, o->end, o);
    }
    return 0;
}

sl_status sl_obs_collect(const sl_synthesis *s, sl_sw *w, sl_obs **out, size_t *n, sl_error *err)
{
    struct sl_synthesis_priv *pv = s->priv;
    if (pv && pv->obs_cache) { /* an earlier pass collected them */
        sl_obs *v = malloc((pv->n_obs_cache + 1) * sizeof *v);
        if (!v)
            return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
        memcpy(v, pv->obs_cache, pv->n_obs_cache * sizeof *v);
        sl_synth_days_obs(s, v, pv->n_obs_cache);
        *out = v;
        *n = pv->n_obs_cache;
        return SL_OK;
    }
    obs_list l = {0};
    for (size_t m = 0; m < s->n_members; m++) {
        if (!s->members[m].facts)
            continue;
        if (add_quantities(w, s, m, &l) || add_timexes(w, s, m, &l) ||
            add_magnitudes(w, s, m, &l)) {
            free(l.v);
            return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
        }
    }
    /* kept for the later passes; without memory they collect again */
    if (pv && (pv->obs_cache = malloc((l.n + 1) * sizeof *l.v))) {
        if (l.n)
            memcpy(pv->obs_cache, l.v, l.n * sizeof *l.v);
        pv->n_obs_cache = l.n;
    }
    sl_synth_days_obs(s, l.v, l.n);
    *out = l.v;
    *n = l.n;
    return SL_OK;
}

/* merge_days.c — the days of undated members, from what the others date.
 *
 * An article without a publication date cannot resolve its own "on
 * Tuesday": the store dates it by its event's first day, which is a guess
 * for ordering, and the passes ignore its relative dates. Yet another
 * member often dates the same happening: "their earlier call, on
 * December 7" beside an undated "a secure video call Tuesday". When an
 * undated member's weekday mention names the same happening as exactly
 * one dated happening of another member that falls on that weekday (the
 * same head word, the noun or verb the date attaches to, and at least one
 * more content word around it), the member takes that day, marked as
 * inferred, and the mention resolves to it.
 *
 * Precision first: a weekday that could be two days (two candidates on
 * different days), two weekday mentions anchoring to different days, a
 * "said Tuesday" (the telling, not the happening) all leave the member as
 * it was.
 *
 * A member that stays undated may still bound its writing day from above:
 * a written date it speaks of as still to come ("the Olympics begin on
 * February 4", "talks will run on January 9 and 10") was in the future when
 * it was written. The earliest such date is the bound. The storyline's
 * last publication day would be no bound at all: an undated report may
 * well be the latest one, so that "bound" could be false. */
#include "synth.h"
#include "../core/draft.h"
#include "../util/buf.h"
#include "slots_obs.h"
#include "../util/hash.h"
#include "../util/map64.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_CHAIN = 64 };

static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday", NULL};

/* 0 Monday .. 6 Sunday; day 0 (1970-01-01) was a Thursday. */
static int weekday_of(int32_t day)
{
    int r = (int)(((int64_t)day + 3) % 7);
    return r < 0 ? r + 7 : r;
}

static int tok_in(const sl_article *a, size_t t, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (sl_sw_tok_is(a, t, list[i]))
            return 1;
    return 0;
}

/* The weekday a mention names ("Tuesday", "on Tuesday", "Tuesday
 * morning"), -1 if none. */
static int named_weekday(const sl_article *a, const sl_obs *o)
{
    for (size_t t = sl_sw_token_at(a, o->start); t < a->n_tokens && a->tokens[t].start < o->end;
         t++)
        for (int d = 0; weekdays[d]; d++)
            if (sl_sw_tok_is(a, t, weekdays[d]))
                return d;
    return -1;
}

/* "said Tuesday", "told reporters on Tuesday": the day of the telling;
 * "since Tuesday": the edge of a stretch. Neither dates a happening. */
static int telling(const sl_article *a, const sl_obs *o)
{
    static const char *const tell[] = {"said", "says", "told", "tells", "added", "say",
                                       "telling", "reporters", "since", "until", "till", NULL};
    static const char *const skip[] = {"on", "last", "this", "early", "late", "the", NULL};
    size_t t = sl_sw_token_at(a, o->start);
    for (size_t k = 0; k < 3 && t > 0; k++) {
        t--;
        if (tok_in(a, t, tell))
            return 1;
        if (!tok_in(a, t, skip))
            break;
    }
    size_t e = sl_sw_token_at(a, o->end);
    return e < a->n_tokens && tok_in(a, e, (const char *const[]){"said", "says", NULL});
}

/* The stem key of the word a date attaches to, 0 when none. */
static uint64_t head_key(sl_sw *w, const sl_synthesis *s, const sl_obs *o)
{
    if (o->event_end <= o->event_start)
        return 0;
    const sl_article *a = s->members[o->member].article;
    return sl_sw_key(w, a->text + o->event_start, o->event_end - o->event_start, 0);
}

/* Content words the two mentions share besides the head word. */
static size_t shared_besides(const sl_obs *a, const sl_obs *b, uint64_t head)
{
    size_t i = 0, j = 0, n = 0;
    while (i < a->n_ctx && j < b->n_ctx) {
        if (a->ctx[i] == b->ctx[j]) {
            n += a->ctx[i] != head;
            i++;
            j++;
        } else if (a->ctx[i] < b->ctx[j])
            i++;
        else
            j++;
    }
    return n;
}

static int32_t family(const sl_synthesis *s, size_t m)
{
    int32_t c = s->members[m].copy_of;
    return c >= 0 ? c : (int32_t)m;
}

/* A dated happening: one day, written ("December 7", "two days later"),
 * or resolved in a member whose publication day is stated. */
static int dated_happening(const sl_synthesis *s, const sl_obs *o)
{
    if (o->kind != SL_OBS_DATE || o->precision || o->lo != o->hi)
        return 0;
    if (!o->explicit_date && !o->anchored && !s->members[o->member].article->published[0])
        return 0;
    return !telling(s->members[o->member].article, o);
}

static uint64_t cand_key(uint64_t head, int wd)
{
    uint64_t k = sl_hash_mix64(head ^ (0x51ed270b27a1f3c5ull * (uint64_t)(wd + 1)));
    return k ? k : 1;
}

typedef struct days {
    sl_synthesis *s;
    sl_sw *w;
    sl_obs *o;
    size_t n;
    sl_map64 first; /* (head, weekday) -> first candidate */
    int32_t *next;  /* chain of candidates */
    uint64_t *head; /* per observation, 0 when not needed */
} days;

static int index_candidates(days *d)
{
    d->next = malloc((d->n + 1) * sizeof *d->next);
    d->head = calloc(d->n + 1, sizeof *d->head);
    if (!d->next || !d->head)
        return -1;
    /* filed in reverse so each chain runs in observation order */
    for (size_t i = d->n; i-- > 0;) {
        const sl_obs *o = &d->o[i];
        d->next[i] = -1;
        if (!dated_happening(d->s, o) || !(d->head[i] = head_key(d->w, d->s, o)))
            continue;
        uint64_t k = cand_key(d->head[i], weekday_of((int32_t)o->lo));
        d->next[i] = sl_map64_get(&d->first, k);
        if (sl_map64_put(&d->first, k, (int32_t)i))
            return -1;
    }
    return 0;
}

/* The one day a weekday mention of an undated member can be: SL_NO_DAY
 * when no dated happening matches, and *ambiguous when two days do. */
static int32_t anchor_of(days *d, size_t i, int *ambiguous)
{
    const sl_obs *o = &d->o[i];
    const sl_article *a = d->s->members[o->member].article;
    int wd = named_weekday(a, o);
    uint64_t head = head_key(d->w, d->s, o);
    *ambiguous = 0;
    if (wd < 0 || !head || telling(a, o))
        return SL_NO_DAY;
    int32_t day = SL_NO_DAY;
    int32_t fam = family(d->s, o->member);
    size_t seen = 0;
    for (int32_t c = sl_map64_get(&d->first, cand_key(head, wd)); c >= 0 && seen < MAX_CHAIN;
         c = d->next[c], seen++) {
        const sl_obs *x = &d->o[c];
        if (family(d->s, x->member) == fam || d->head[c] != head ||
            shared_besides(o, x, head) < 1)
            continue;
        if (day != SL_NO_DAY && day != (int32_t)x->lo) {
            *ambiguous = 1;
            return SL_NO_DAY;
        }
        day = (int32_t)x->lo;
    }
    if (seen == MAX_CHAIN) /* too common to tell */
        *ambiguous = 1;
    return *ambiguous ? SL_NO_DAY : day;
}

typedef struct anchor_list {
    sl_day_anchor *v;
    size_t n, cap;
} anchor_list;

static int anchor_push(anchor_list *l, uint32_t m, uint32_t start, int32_t day)
{
    sl_day_anchor *p = sl_grow(l->v, &l->cap, l->n + 1, sizeof *p, 16);
    if (!p)
        return -1;
    l->v = p;
    l->v[l->n++] = (sl_day_anchor){m, start, day};
    return 0;
}

/* Anchor the member whose observations are o[b, e): every weekday mention
 * that matches must give the same day, and none may be ambiguous. */
static int anchor_member(days *d, size_t b, size_t e, anchor_list *l)
{
    size_t n0 = l->n;
    int32_t day = SL_NO_DAY;
    for (size_t i = b; i < e; i++) {
        const sl_obs *o = &d->o[i];
        if (o->kind != SL_OBS_DATE || o->explicit_date || o->anchored)
            continue;
        int amb;
        int32_t x = anchor_of(d, i, &amb);
        if (amb || (x != SL_NO_DAY && day != SL_NO_DAY && x != day)) {
            l->n = n0;
            return 0;
        }
        if (x == SL_NO_DAY)
            continue;
        day = x;
        if (anchor_push(l, o->member, o->start, x))
            return -1;
    }
    int32_t before = d->s->priv->before[d->o[b].member];
    if (day != SL_NO_DAY && before != SL_NO_DAY && day >= before) {
        l->n = n0;
        return 0;
    }
    if (day != SL_NO_DAY) {
        d->s->priv->day[d->o[b].member] = day;
        d->s->priv->day_how[d->o[b].member] = SL_DAY_INFERRED;
    }
    return 0;
}

/* A written date the text speaks of as to come: a cue of the future or
 * of a schedule just before it in its clause, with no past-tense word
 * between ("was set for" is told afterwards). */
static int spoken_of_as_future(const sl_article *a, const sl_obs *o)
{
    static const char *const future[] = {"will", "upcoming", "scheduled", "begin", "begins",
                                         "start", "starts", "opens", "due", NULL};
    static const char *const past[] = {"was", "were", "had", "did", "been", "would", NULL};
    size_t t = sl_sw_token_at(a, o->start);
    for (size_t k = 0; k < 5 && t > 0; k++) {
        t--;
        const sl_token *tk = &a->tokens[t];
        if (tk->kind == SL_TOK_PUNCT || tk->kind == SL_TOK_NUMBER || tok_in(a, t, past))
            return 0;
        if (tok_in(a, t, future))
            return !(t > 0 && tok_in(a, t - 1, past));
    }
    return 0;
}

static void bound_member(days *d, size_t b, size_t e)
{
    uint32_t m = d->o[b].member;
    int32_t best = SL_NO_DAY;
    for (size_t i = b; i < e; i++) {
        const sl_obs *o = &d->o[i];
        if (o->kind != SL_OBS_DATE || !o->explicit_date || o->precision)
            continue;
        if (spoken_of_as_future(d->s->members[m].article, o) &&
            (best == SL_NO_DAY || (int32_t)o->lo < best))
            best = (int32_t)o->lo;
    }
    d->s->priv->before[m] = best;
}

static int undated(const sl_synthesis *s, size_t m)
{
    return s->members[m].facts && !s->members[m].article->published[0];
}

sl_status sl_synth_days(sl_synthesis *s, sl_error *err)
{
    struct sl_synthesis_priv *pv = s->priv;
    size_t n = s->n_members;
    pv->day = sl_arena_alloc(&pv->arena, (n + 1) * sizeof *pv->day);
    pv->day_how = sl_arena_calloc(&pv->arena, n + 1);
    pv->before = sl_arena_alloc(&pv->arena, (n + 1) * sizeof *pv->before);
    if (!pv->day || !pv->day_how || !pv->before)
        return sl_fail(err, SL_ERR_NOMEM, "days: out of memory");
    size_t n_undated = 0;
    for (size_t m = 0; m < n; m++) {
        pv->day[m] = s->members[m].day;
        pv->before[m] = SL_NO_DAY;
        if (s->members[m].article->published[0] && s->members[m].day != SL_NO_DAY)
            pv->day_how[m] = SL_DAY_STATED;
        n_undated += undated(s, m);
    }
    if (!n_undated)
        return SL_OK; /* nothing to anchor: no pass over the observations */
    days d = {.s = s};
    anchor_list al = {0};
    sl_status st = SL_OK;
    if (!(d.w = sl_sw_new()))
        return sl_fail(err, SL_ERR_NOMEM, "days: out of memory");
    st = sl_obs_collect(s, d.w, &d.o, &d.n, err);
    if (st == SL_OK && index_candidates(&d))
        st = sl_fail(err, SL_ERR_NOMEM, "days: out of memory");
    /* observations come in member order: one run per member */
    for (size_t b = 0; st == SL_OK && b < d.n;) {
        size_t e = b;
        while (e < d.n && d.o[e].member == d.o[b].member)
            e++;
        if (undated(s, d.o[b].member)) {
            /* the bound first: a day at or after a date the member
             * speaks of as to come cannot be its own */
            bound_member(&d, b, e);
            if (anchor_member(&d, b, e, &al))
                st = sl_fail(err, SL_ERR_NOMEM, "days: out of memory");
            else if (pv->day_how[d.o[b].member] == SL_DAY_INFERRED)
                pv->before[d.o[b].member] = SL_NO_DAY; /* the day says more */
        }
        b = e;
    }
    if (st == SL_OK && al.n) {
        pv->anchors = sl_arena_alloc(&pv->arena, al.n * sizeof *pv->anchors);
        if (!pv->anchors)
            st = sl_fail(err, SL_ERR_NOMEM, "days: out of memory");
        else {
            memcpy(pv->anchors, al.v, al.n * sizeof *al.v);
            pv->n_anchors = al.n;
        }
    }
    free(al.v);
    free(d.next);
    free(d.head);
    free(d.o);
    sl_map64_free(&d.first);
    sl_sw_free(d.w);
    return st;
}

/* ------------------------------------------------------------ queries */

int32_t sl_synth_day(const sl_synthesis *s, size_t m)
{
    return s->priv && s->priv->day ? s->priv->day[m] : s->members[m].day;
}

int sl_synth_day_how(const sl_synthesis *s, size_t m)
{
    if (s->priv && s->priv->day_how)
        return s->priv->day_how[m];
    return s->members[m].article->published[0] && s->members[m].day != SL_NO_DAY
               ? SL_DAY_STATED
               : SL_DAY_GUESS;
}

int32_t sl_synth_day_before(const sl_synthesis *s, size_t m)
{
    return s->priv && s->priv->before ? s->priv->before[m] : SL_NO_DAY;
}

int32_t sl_synth_day_anchor(const sl_synthesis *s, uint32_t m, uint32_t start)
{
    const struct sl_synthesis_priv *pv = s->priv;
    if (!pv || !pv->n_anchors || pv->day_how[m] != SL_DAY_INFERRED)
        return SL_NO_DAY;
    size_t lo = 0, hi = pv->n_anchors;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const sl_day_anchor *x = &pv->anchors[mid];
        if (x->member < m || (x->member == m && x->start < start))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < pv->n_anchors && pv->anchors[lo].member == m && pv->anchors[lo].start == start)
        return pv->anchors[lo].day;
    return SL_NO_DAY;
}

void sl_synth_days_obs(const sl_synthesis *s, sl_obs *o, size_t n)
{
    if (!s->priv || !s->priv->n_anchors)
        return;
    for (size_t i = 0; i < n; i++) {
        if (o[i].kind != SL_OBS_DATE || o[i].explicit_date)
            continue;
        int32_t day = sl_synth_day_anchor(s, o[i].member, o[i].start);
        if (day == SL_NO_DAY)
            continue;
        /* resolved through another member's written date: as good as
         * "two days later" counted from one */
        o[i].value = o[i].lo = o[i].hi = day;
        o[i].precision = 0;
        o[i].anchored = 1;
        sl_obs_iso(day, o[i].tvalue);
    }
}

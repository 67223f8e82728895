/* slots.c — numbers and dates grouped by what they are about; conflicts.
 *
 * Observations with the same value (same unit class, same day or run of
 * days) are one value, with every source that states it. Two values are
 * one slot when the words around them agree (the informative ones: words
 * near most values of the story say nothing), when no member states both
 * (a member giving 4.5% and 9% is telling two things, not disagreeing with
 * itself), when they are within a factor of two, and when each is the
 * other's best match (in a long story many values look alike). Only values
 * linked that way can conflict, and a conflict is typed by what could
 * reconcile it: the hedges, a round number's own rounding (soft), the
 * publication days, when the reports are days but not months apart
 * (change), or nothing (hard). Magnitudes ("thousands"), spans ("9 to
 * 10") and dates resolved from a weekday never start a dispute. Precision
 * first: every rule above errs toward silence. */
#include "synth.h"
#include "../core/draft.h"
#include "merge_names.h"
#include "slots_obs.h"
#include "../util/hash.h"
#include "../util/map64.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *sl_conflict_kind_name(sl_conflict_kind k)
{
    switch (k) {
    case SL_CONFLICT_HARD: return "hard";
    case SL_CONFLICT_SOFT: return "soft";
    case SL_CONFLICT_CHANGE: return "change";
    case SL_CONFLICT_VARIANT: return "variant";
    }
    return "?";
}

enum { NODE_CTX = 64, MAX_GROUP = 128, OBS_SAMPLE = 8, CHANGE_GAP_DAYS = 3, MAX_CHANGE_DAYS = 90 };

typedef struct node {
    sl_obs_kind kind;
    uint64_t uclass;
    double center, lo, hi;
    int exact, vague, range, explicit_date;
    double gran;       /* the coarsest rounding its reports show */
    uint32_t *members; /* distinct, ascending */
    size_t n_members;
    size_t *obs;       /* its observations */
    size_t n_obs, cap_obs;
    uint64_t ctx[NODE_CTX];
    size_t n_ctx;
    int32_t first_day, last_day;
    int32_t pub_first, pub_last; /* of members whose day is published */
    int32_t parent;    /* union-find: the slot */
    int32_t slot, value;
    int soft_done;
} node;

typedef struct work {
    sl_synthesis *s;
    sl_sw *sw;
    sl_obs *o;
    size_t n_obs;
    node *nd;
    size_t n_nodes;
    struct cand *pairs; /* values linked into slots */
    size_t n_pairs;
    sl_map64 node_map; /* value key -> node */
    sl_map64 df; /* context key -> nodes holding it */
    uint32_t *odf; /* per observation context word: nodes holding it */
    size_t *df_count;
    size_t n_df;
} work;

static uint64_t node_key(const sl_obs *o)
{
    double k[4] = {(double)o->kind, o->kind == SL_OBS_DATE ? o->lo : o->value,
                   o->kind == SL_OBS_DATE ? o->hi : 0, o->vague ? (double)o->bound + 1 : 0};
    uint64_t h = sl_hash64(k, sizeof k, o->uclass);
    return h ? h : 1;
}

static int add_ctx(node *n, const sl_obs *o)
{
    uint64_t m[NODE_CTX];
    size_t i = 0, j = 0, k = 0;
    while ((i < n->n_ctx || j < o->n_ctx) && k < NODE_CTX) {
        uint64_t x = i < n->n_ctx ? n->ctx[i] : UINT64_MAX;
        uint64_t y = j < o->n_ctx ? o->ctx[j] : UINT64_MAX;
        m[k++] = x < y ? x : y;
        i += x <= y;
        j += y <= x;
    }
    memcpy(n->ctx, m, k * sizeof *m);
    n->n_ctx = k;
    return 0;
}

/* Add report i to value n: its source, its member (kept in order), what
 * its hedge allows, its words and days. */
static int node_add(work *w, node *n, size_t i)
{
    const sl_obs *o = &w->o[i];
    const sl_synth_member *mb = &w->s->members[o->member];
    if (n->n_obs == n->cap_obs) {
        size_t cap = n->cap_obs ? n->cap_obs * 2 : 4;
        size_t *p = realloc(n->obs, cap * sizeof *p);
        uint32_t *mp = realloc(n->members, cap * sizeof *mp);
        if (!p || !mp) {
            free(p ? p : n->obs);
            free(mp ? mp : n->members);
            n->obs = NULL;
            n->members = NULL;
            return -1;
        }
        n->obs = p;
        n->members = mp;
        n->cap_obs = cap;
    }
    n->obs[n->n_obs++] = i;
    size_t at = n->n_members;
    while (at > 0 && n->members[at - 1] > o->member)
        at--;
    if (!at || n->members[at - 1] != o->member) {
        memmove(n->members + at + 1, n->members + at, (n->n_members - at) * sizeof *n->members);
        n->members[at] = o->member;
        n->n_members++;
    }
    if (o->kind == SL_OBS_QTY && o->bound == SL_BOUND_EXACT && !o->vague) {
        n->exact = 1;
        n->lo = o->lo;
        n->hi = o->hi;
    } else if (!n->exact) {
        n->lo = o->lo < n->lo ? o->lo : n->lo;
        n->hi = o->hi > n->hi ? o->hi : n->hi;
    }
    if (o->kind == SL_OBS_DATE)
        n->exact = 1;
    n->explicit_date |= o->explicit_date;
    n->range |= o->range;
    n->gran = o->gran > n->gran ? o->gran : n->gran;
    /* copies repeat their canonical's words: they count as sources,
     * not as evidence of what the value is about */
    if (mb->copy_of < 0)
        add_ctx(n, o);
    int32_t day = sl_synth_day(w->s, o->member);
    if (day != SL_NO_DAY) {
        if (n->first_day == SL_NO_DAY || day < n->first_day)
            n->first_day = day;
        if (n->last_day == SL_NO_DAY || day > n->last_day)
            n->last_day = day;
        /* only a day the member states (or one inferred from another
         * member's dated happening) orders reports in time */
        if (sl_synth_day_how(w->s, o->member) != SL_DAY_GUESS) {
            if (n->pub_first == SL_NO_DAY || day < n->pub_first)
                n->pub_first = day;
            if (n->pub_last == SL_NO_DAY || day > n->pub_last)
                n->pub_last = day;
        }
    }
    return 0;
}

static sl_status build_nodes(work *w, sl_error *err)
{
    sl_map64 *map = &w->node_map;
    w->nd = calloc(w->n_obs + 1, sizeof *w->nd);
    if (!w->nd)
        return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
    for (size_t i = 0; i < w->n_obs; i++) {
        const sl_obs *o = &w->o[i];
        int32_t day = sl_synth_day(w->s, o->member);
        /* a date compares only as written ("March 14", not a resolved
         * "Tuesday"), and never the writing day itself (a dateline) */
        if (o->kind == SL_OBS_DATE &&
            (!o->explicit_date || o->precision || (day != SL_NO_DAY && o->lo <= day && o->hi >= day)))
            continue;
        uint64_t k = node_key(o);
        int32_t x = sl_map64_get(map, k);
        if (x < 0) {
            x = (int32_t)w->n_nodes++;
            node *n = &w->nd[x];
            n->kind = o->kind;
            n->uclass = o->uclass;
            n->center = o->value;
            n->lo = o->lo;
            n->hi = o->hi;
            n->vague = o->vague;
            n->parent = x;
            n->first_day = n->last_day = n->pub_first = n->pub_last = SL_NO_DAY;
            n->slot = n->value = -1;
            if (sl_map64_put(map, k, x))
                goto nomem;
        }
        if (node_add(w, &w->nd[x], i))
            goto nomem;
    }
    return SL_OK;
nomem:
    return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
}

/* How many nodes hold each context key: words around most values of the
 * story ("ferry", "strike") tell nothing about which thing a value is. */
static sl_status count_df(work *w, sl_error *err)
{
    w->df_count = calloc(w->n_nodes * NODE_CTX + 1, sizeof *w->df_count);
    if (!w->df_count)
        return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
    for (size_t i = 0; i < w->n_nodes; i++)
        for (size_t j = 0; j < w->nd[i].n_ctx; j++) {
            int32_t x = sl_map64_get(&w->df, w->nd[i].ctx[j]);
            if (x < 0) {
                x = (int32_t)w->n_df++;
                if (sl_map64_put(&w->df, w->nd[i].ctx[j], x))
                    return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
            }
            w->df_count[x]++; /* nodes holding the word */
        }
    /* each report's words with their counts, so comparisons need no lookup */
    w->odf = malloc((w->n_obs * SL_OBS_CTX + 1) * sizeof *w->odf);
    if (!w->odf)
        return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
    for (size_t i = 0; i < w->n_obs; i++)
        for (size_t j = 0; j < w->o[i].n_ctx; j++) {
            int32_t x = sl_map64_get(&w->df, w->o[i].ctx[j]);
            w->odf[i * SL_OBS_CTX + j] = x >= 0 ? (uint32_t)w->df_count[x] : UINT32_MAX;
        }
    return SL_OK;
}

typedef struct match {
    size_t words;  /* informative words shared */
    double weight; /* their rarity: sum of ln(nodes / nodes holding it) */
} match;

static match obs_common(const work *w, const sl_obs *a, const sl_obs *b, size_t limit)
{
    size_t i = 0, j = 0;
    match m = {0, 0};
    while (i < a->n_ctx && j < b->n_ctx) {
        if (a->ctx[i] == b->ctx[j]) {
            uint32_t df = w->odf[(size_t)(a - w->o) * SL_OBS_CTX + i];
            if (df <= limit) {
                m.words++;
                m.weight += log((double)(w->n_nodes + 1) / df);
            }
            i++;
            j++;
        } else if (a->ctx[i] < b->ctx[j])
            i++;
        else
            j++;
    }
    return m;
}

/* The most informative words one report of a shares with one report of b:
 * pooled words of much-reported values would meet everything. Bounded to
 * the first reports of each value. */
/* A word around more values than this says nothing of which one it is. */
static size_t common_limit(const work *w)
{
    return w->n_nodes / 6 > 3 ? w->n_nodes / 6 : 3;
}

static match informative_common(const work *w, const node *a, const node *b, size_t limit)
{
    match best = {0, 0};
    size_t na = a->n_obs < OBS_SAMPLE ? a->n_obs : OBS_SAMPLE;
    size_t nb = b->n_obs < OBS_SAMPLE ? b->n_obs : OBS_SAMPLE;
    for (size_t i = 0; i < na; i++) {
        const sl_obs *x = &w->o[a->obs[i]];
        if (w->s->members[x->member].copy_of >= 0)
            continue;
        for (size_t j = 0; j < nb; j++) {
            const sl_obs *y = &w->o[b->obs[j]];
            if (w->s->members[y->member].copy_of >= 0)
                continue;
            match c = obs_common(w, x, y, limit);
            if (c.weight > best.weight)
                best = c;
        }
    }
    return best;
}

/* A resolved weekday ("talks set for Tuesday") agrees with a written date
 * of the same day when its words say it is the same happening: it joins
 * that value as one more source. It never makes a value of its own, so it
 * can add agreement, never a dispute. */
static sl_status join_resolved_dates(work *w, sl_error *err)
{
    size_t limit = w->n_nodes / 6 > 3 ? w->n_nodes / 6 : 3;
    size_t n0 = w->n_obs;
    for (size_t i = 0; i < n0; i++) {
        const sl_obs *o = &w->o[i];
        const sl_synth_member *mb = &w->s->members[o->member];
        if (o->kind != SL_OBS_DATE || o->explicit_date || o->precision || o->lo != o->hi ||
            !mb->article->published[0] || mb->day == (int32_t)o->lo)
            continue;
        sl_obs probe = *o;
        probe.explicit_date = 1; /* the key of the written date of that day */
        int32_t x = sl_map64_get(&w->node_map, node_key(&probe));
        if (x < 0)
            continue;
        node *n = &w->nd[x];
        int member_there = 0, near = 0;
        for (size_t j = 0; j < n->n_members && !member_there; j++)
            member_there = n->members[j] == o->member;
        for (size_t j = 0; j < n->n_obs && j < OBS_SAMPLE && !near && !member_there; j++)
            near = obs_common(w, o, &w->o[n->obs[j]], limit).words >= 2;
        if (near && node_add(w, n, i))
            return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
    }
    return SL_OK;
}

static int share_member(const node *a, const node *b)
{
    size_t i = 0, j = 0;
    while (i < a->n_members && j < b->n_members) {
        if (a->members[i] == b->members[j])
            return 1;
        if (a->members[i] < b->members[j])
            i++;
        else
            j++;
    }
    return 0;
}

static int count_class(uint64_t uc) { return uc != SL_UC_TIME && uc != SL_UC_PERCENT && uc > 2; }

/* How strongly a and b look like values of one slot; 0 when they cannot
 * be (another kind or unit, a member stating both, too far apart, too few
 * shared words). */
static double link_score(const work *w, const node *a, const node *b)
{
    if (a->kind != b->kind || a->vague || b->vague || share_member(a, b))
        return 0;
    match m;
    if (a->kind == SL_OBS_DATE) {
        if (fabs(a->lo - b->lo) > 3)
            return 0;
        m = informative_common(w, a, b, common_limit(w));
        return m.words >= 2 ? m.weight : 0;
    }
    if (a->uclass == SL_UC_BARE || b->uclass == SL_UC_BARE || a->uclass != b->uclass)
        return 0;
    double x = a->center, y = b->center;
    if (x <= 0 || y <= 0 || x > 2 * y || y > 2 * x)
        return 0;
    /* close short durations need less to say they are the same thing: the
     * length of a call or a strike is told in few words ("nine days without
     * a boat"), while counts and sums are many in a story and need two
     * words, rates and years (ages, terms, sentences) three */
    size_t need = a->uclass == SL_UC_PERCENT || (a->uclass == SL_UC_TIME && x >= 365 * 1440) ? 3 : 2;
    size_t limit = common_limit(w);
    if (a->uclass == SL_UC_TIME && x <= 1.25 * y && y <= 1.25 * x && x <= 31 * 1440) {
        need = 1;
        /* and the word may be the story's own ("call" in a story of calls) */
        limit = w->n_nodes / 2 > limit ? w->n_nodes / 2 : limit;
    }
    m = informative_common(w, a, b, limit);
    return m.words >= need ? m.weight : 0;
}

static int32_t root(node *nd, int32_t x)
{
    while (nd[x].parent != x)
        x = nd[x].parent = nd[nd[x].parent].parent;
    return x;
}

/* ------------------------------------------------------------ output */

static const char *obs_text(work *w, const sl_obs *o)
{
    const sl_article *a = w->s->members[o->member].article;
    return sl_arena_strndup(&w->s->priv->arena, a->text + o->start, o->end - o->start);
}

static int fill_sources(work *w, const node *n, sl_evidence **ev, size_t *nev)
{
    *ev = sl_arena_alloc(&w->s->priv->arena, (n->n_obs + 1) * sizeof **ev);
    if (!*ev)
        return -1;
    for (size_t i = 0; i < n->n_obs; i++) {
        const sl_obs *o = &w->o[n->obs[i]];
        (*ev)[i] = (sl_evidence){o->member, o->start, o->end};
    }
    *nev = n->n_obs;
    return 0;
}

static int cmp_by_sources(const void *x, const void *y)
{
    const node *a = *(node *const *)x, *b = *(node *const *)y;
    if (a->n_obs != b->n_obs)
        return a->n_obs > b->n_obs ? -1 : 1;
    return (a->obs[0] > b->obs[0]) - (a->obs[0] < b->obs[0]);
}

/* What a slot is about: the facts' "about" words of its counts, else the
 * word its reports attach to the value (the talks a date is of, the strike
 * a duration measures) or share around it, the attached word counting
 * double (ties go to the word more reports share), lowercase words only
 * (names say where, not what); else the unit.
 * Slots of one value take the first report's word: only disputed slots
 * are worth the longer look. */
enum { ABOUT_OBS = 32, ABOUT_KEYS = 256 };

typedef struct about_acc {
    uint64_t key[ABOUT_KEYS];
    uint32_t start[ABOUT_KEYS], end[ABOUT_KEYS], member[ABOUT_KEYS];
    double score[ABOUT_KEYS];
    uint32_t hits[ABOUT_KEYS];
    size_t n;
} about_acc;

static void about_add(about_acc *acc, uint64_t k, const sl_obs *o, uint32_t s0, uint32_t e0,
                      double sc)
{
    size_t j = 0;
    while (j < acc->n && acc->key[j] != k)
        j++;
    if (j == acc->n) {
        if (acc->n == ABOUT_KEYS)
            return;
        acc->key[j] = k;
        acc->start[j] = s0;
        acc->end[j] = e0;
        acc->member[j] = o->member;
        acc->score[j] = 0;
        acc->hits[j] = 0;
        acc->n++;
    }
    acc->score[j] += sc;
    acc->hits[j] += sc < 2; /* words around the value, not the attached one */
}

static void about_words(work *w, const sl_obs *o, about_acc *acc)
{
    const sl_article *a = w->s->members[o->member].article;
    const sl_sentence *se = sl_sw_sentence_at(a, o->start);
    if (o->event_end > o->event_start) {
        uint64_t k = sl_sw_key(w->sw, a->text + o->event_start, o->event_end - o->event_start, 0);
        if (k)
            about_add(acc, k, o, o->event_start, o->event_end, 2);
    }
    if (!se)
        return;
    size_t t0 = sl_sw_token_at(a, o->start), t1 = sl_sw_token_at(a, o->end);
    size_t lo = t0 > se->token_first + 16 ? t0 - 16 : se->token_first;
    size_t hi = t1 + 16 < se->token_end ? t1 + 16 : se->token_end;
    uint64_t seen[40];
    size_t ns = 0;
    for (size_t t = lo; t < hi; t++) {
        const sl_token *tk = &a->tokens[t];
        if ((t >= t0 && t < t1) || tk->kind != SL_TOK_WORD || a->text[tk->start] < 'a' ||
            a->text[tk->start] > 'z')
            continue;
        uint64_t k = sl_sw_key(w->sw, a->text + tk->start, tk->end - tk->start, 0);
        size_t j = 0;
        while (j < ns && seen[j] != k)
            j++;
        if (!k || j < ns || ns == 40)
            continue;
        seen[ns++] = k;
        about_add(acc, k, o, tk->start, tk->end, 1);
    }
}

static const char *slot_about(work *w, node **vals, size_t nv)
{
    sl_arena *ar = &w->s->priv->arena;
    int is_time = vals[0]->kind == SL_OBS_DATE || vals[0]->uclass == SL_UC_TIME;
    for (size_t v = 0; v < nv && !is_time; v++)
        for (size_t i = 0; i < vals[v]->n_obs && i < ABOUT_OBS; i++) {
            const sl_obs *o = &w->o[vals[v]->obs[i]];
            const sl_article *a = w->s->members[o->member].article;
            if (o->about_end > o->about_start)
                return sl_arena_strndup(ar, a->text + o->about_start, o->about_end - o->about_start);
        }
    const sl_obs *o0 = &w->o[vals[0]->obs[0]];
    if (nv > 1) {
        about_acc *acc = malloc(sizeof *acc);
        if (acc) {
            acc->n = 0;
            size_t seen = 0;
            for (size_t v = 0; v < nv && seen < ABOUT_OBS; v++)
                for (size_t i = 0; i < vals[v]->n_obs && seen < ABOUT_OBS; i++, seen++)
                    about_words(w, &w->o[vals[v]->obs[i]], acc);
            size_t best = acc->n;
            for (size_t j = 0; j < acc->n; j++)
                if (best == acc->n || acc->score[j] > acc->score[best] ||
                    (acc->score[j] == acc->score[best] && acc->hits[j] > acc->hits[best]))
                    best = j;
            const char *r = NULL;
            if (best < acc->n) {
                const sl_article *a = w->s->members[acc->member[best]].article;
                r = sl_arena_strndup(ar, a->text + acc->start[best], acc->end[best] - acc->start[best]);
            }
            free(acc);
            if (r)
                return r;
        }
    } else if (o0->event_end > o0->event_start) {
        const sl_article *a = w->s->members[o0->member].article;
        return sl_arena_strndup(ar, a->text + o0->event_start, o0->event_end - o0->event_start);
    }
    if (o0->kind == SL_OBS_DATE)
        return "date";
    return vals[0]->uclass == SL_UC_TIME ? "duration" : o0->unit && *o0->unit ? o0->unit : "number";
}

static sl_status emit_slots(work *w, sl_error *err)
{
    sl_synthesis *s = w->s;
    sl_arena *ar = &s->priv->arena;
    node **order = malloc((w->n_nodes + 1) * sizeof *order);
    size_t *start = calloc(w->n_nodes + 2, sizeof *start);
    int32_t *slot_of_root = malloc((w->n_nodes + 1) * sizeof *slot_of_root);
    if (!order || !start || !slot_of_root) {
        free(order);
        free(start);
        free(slot_of_root);
        return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
    }
    /* slots in order of first appearance of their most stated value */
    for (size_t i = 0; i < w->n_nodes; i++)
        order[i] = &w->nd[i];
    qsort(order, w->n_nodes, sizeof *order, cmp_by_sources);
    size_t ns = 0;
    for (size_t i = 0; i < w->n_nodes; i++)
        slot_of_root[i] = -1;
    for (size_t i = 0; i < w->n_nodes; i++) {
        int32_t r = root(w->nd, (int32_t)(order[i] - w->nd));
        if (slot_of_root[r] < 0)
            slot_of_root[r] = (int32_t)ns++;
        order[i]->slot = slot_of_root[r];
        start[order[i]->slot + 1]++;
    }
    for (size_t i = 0; i < ns; i++)
        start[i + 1] += start[i];
    node **byslot = malloc((w->n_nodes + 1) * sizeof *byslot);
    size_t *fill = calloc(ns + 1, sizeof *fill);
    s->slots = sl_arena_calloc(ar, (ns + 1) * sizeof *s->slots);
    sl_status st = SL_OK;
    if (!byslot || !fill || !s->slots) {
        st = sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
        goto done;
    }
    for (size_t i = 0; i < w->n_nodes; i++) /* stays in sources order */
        byslot[start[order[i]->slot] + fill[order[i]->slot]++] = order[i];
    for (size_t k = 0; k < ns && st == SL_OK; k++) {
        sl_slot *sl = &s->slots[k];
        node **vals = byslot + start[k];
        size_t nv = start[k + 1] - start[k];
        sl->kind = vals[0]->kind == SL_OBS_DATE ? SL_SLOT_DATE : SL_SLOT_QUANTITY;
        sl->about = slot_about(w, vals, nv);
        sl->values = sl_arena_calloc(ar, nv * sizeof *sl->values);
        if (!sl->values || !sl->about) {
            st = sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
            break;
        }
        for (size_t v = 0; v < nv; v++) {
            node *n = vals[v];
            sl_slot_value *sv = &sl->values[v];
            const sl_obs *o = &w->o[n->obs[0]];
            n->value = (int32_t)v;
            sv->text = obs_text(w, o);
            if (n->kind == SL_OBS_DATE) {
                snprintf(sv->value, sizeof sv->value, "%s", o->tvalue);
                sv->unit = "";
            } else {
                snprintf(sv->value, sizeof sv->value, "%g", n->center);
                sv->unit = n->uclass == SL_UC_TIME ? "minute" : o->unit;
            }
            sv->low = n->lo;
            sv->high = n->hi;
            sv->first_day = n->first_day;
            sv->last_day = n->last_day;
            if (!sv->text || fill_sources(w, n, &sv->sources, &sv->n_sources))
                st = sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
        }
        sl->n_values = nv;
    }
    s->n_slots = ns;
done:
    free(order);
    free(start);
    free(slot_of_root);
    free(byslot);
    free(fill);
    return st;
}

/* ------------------------------------------------------------ conflicts */

static int compatible(const node *a, const node *b)
{
    if (a->kind == SL_OBS_DATE)
        return a->lo == b->lo && a->hi == b->hi;
    /* a round number is a hedge of its own: "50 percent" allows 49, "$4
     * billion" allows $4.2 billion, "1,200" does not allow 1,400, nor
     * "100,000" 70,000 (never more than a tenth either way) */
    const node *r = a->gran > b->gran ? a : b, *p = r == a ? b : a;
    double tol = r->gran / 2 < r->center / 10 ? r->gran / 2 : r->center / 10;
    if (r->gran > p->gran && fabs(p->center - r->center) <= tol)
        return 1;
    double ca = a->kind == SL_OBS_DATE ? a->lo : a->center;
    double cb = b->kind == SL_OBS_DATE ? b->lo : b->center;
    return (cb >= a->lo && cb <= a->hi) || (ca >= b->lo && ca <= b->hi);
}

/* "how many passengers" when the slot is about the counted thing itself,
 * "the average price" when it is about something the number measures. */
static int counts_about(const work *w, const node *n, const char *about)
{
    const char *unit = w->o[n->obs[0]].unit;
    if (!count_class(n->uclass) || !unit || !*unit)
        return 0;
    if (n->uclass == SL_UC_PEOPLE)
        return 1;
    const char *h = strrchr(unit, ' ');
    h = h ? h + 1 : unit;
    return strstr(about, h) != NULL;
}

static int add_conflict(work *w, sl_conflict_list *l, sl_conflict_kind k, node *a, node *b)
{
    sl_synthesis *s = w->s;
    sl_arena *ar = &s->priv->arena;
    if (k == SL_CONFLICT_CHANGE ? a->pub_last > b->pub_first : b->n_obs > a->n_obs) {
        node *t = a;
        a = b;
        b = t;
    }
    sl_conflict c = {.kind = k, .slot = a->slot, .entity = -1};
    if (fill_sources(w, a, &c.a.sources, &c.a.n_sources) ||
        fill_sources(w, b, &c.b.sources, &c.b.n_sources))
        return -1;
    c.a.text = s->slots[a->slot].values[a->value].text;
    c.b.text = s->slots[b->slot].values[b->value].text;
    const char *about = s->slots[a->slot].about;
    char why[512], d1[32], d2[32];
    size_t na = a->n_members, nb = b->n_members;
    switch (k) {
    case SL_CONFLICT_HARD:
        snprintf(why, sizeof why,
                 "sources disagree on %s%s: \"%s\" (%zu article%s) vs \"%s\" (%zu)",
                 a->kind == SL_OBS_DATE ? "the date of the "
                 : a->uclass == SL_UC_TIME ? "the length of the "
                 : counts_about(w, a, about) ? "how many " : "the ",
                 about, c.a.text, na, na == 1 ? "" : "s", c.b.text, nb);
        break;
    case SL_CONFLICT_SOFT:
        snprintf(why, sizeof why,
                 "\"%s\" and \"%s\" (%s) differ, but the hedge allows both: no real dispute",
                 c.a.text, c.b.text, about);
        break;
    case SL_CONFLICT_CHANGE:
        sl_obs_iso(a->pub_last, d1);
        sl_obs_iso(b->pub_first, d2);
        snprintf(why, sizeof why,
                 "%s changed over time: \"%s\" in reports up to %s, \"%s\" from %s on", about,
                 c.a.text, d1, c.b.text, d2);
        break;
    case SL_CONFLICT_VARIANT:
        break;
    }
    c.why = sl_arena_strdup(ar, why);
    return c.why ? sl_conflict_push(ar, l, &c) : -1;
}

static int conflict_of(work *w, sl_conflict_list *l, node *a, node *b)
{
    if (a->vague || b->vague || a->range || b->range)
        return 0; /* "thousands", "9 to 10": a magnitude or a span, no count to weigh */
    if (compatible(a, b)) {
        if (a->kind == SL_OBS_DATE || (a->exact && b->exact))
            return 0;
        /* one soft note per hedged value, against its best-attested match */
        node *h = a->exact ? b : a;
        if (h->soft_done)
            return 0;
        h->soft_done = 1;
        return add_conflict(w, l, SL_CONFLICT_SOFT, a, b);
    }
    if (a->vague || b->vague)
        return 0; /* a magnitude ("hundreds") is no count to disagree with */
    if (a->kind == SL_OBS_QTY && (!a->exact || !b->exact) && (a->uclass == SL_UC_BARE || b->uclass == SL_UC_BARE))
        return 0;
    /* a count can change between reports: when one side has no stated
     * publication day, change and contradiction cannot be told apart, and
     * a wrong "contradiction" is worse than silence */
    if (a->kind == SL_OBS_QTY && (a->pub_first == SL_NO_DAY || b->pub_first == SL_NO_DAY))
        return 0;
    /* a happening keeps its date whenever it is reported: two dates of one
     * happening disagree (a postponement would need its own words). The
     * reports whose day is known (stated, or inferred from another
     * member's dated happening) order a count's values; an undated report
     * of one value adds a source to it and cannot undo that order: when
     * the dated reports are days apart, the figure moved between them.
     * This only ever turns a "contradiction" into a change, never adds
     * one. */
    int ordered = a->kind == SL_OBS_QTY && a->pub_first != SL_NO_DAY && b->pub_first != SL_NO_DAY &&
                  (a->pub_last + CHANGE_GAP_DAYS <= b->pub_first ||
                   b->pub_last + CHANGE_GAP_DAYS <= a->pub_first);
    /* reports months apart tell of different moments, or different things */
    if (ordered && (a->pub_last + MAX_CHANGE_DAYS < b->pub_first ||
                    b->pub_last + MAX_CHANGE_DAYS < a->pub_first))
        return 0;
    return add_conflict(w, l, ordered ? SL_CONFLICT_CHANGE : SL_CONFLICT_HARD, a, b);
}

static int cmp_nodes_by_class(const void *x, const void *y)
{
    const node *a = *(node *const *)x, *b = *(node *const *)y;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->uclass != b->uclass)
        return a->uclass < b->uclass ? -1 : 1;
    return cmp_by_sources(x, y);
}

/* Candidate pairs within one unit class, the best-attested MAX_GROUP
 * values of a class only, so the pass stays bounded. A pair is kept when
 * each is the other's best match: in a long story many values look alike,
 * and only the closest pairing is evidence of one slot. */
typedef struct cand {
    node *a, *b;
    double score;
} cand;

typedef int (*pair_fn)(work *w, void *ud, node *a, node *b);

static sl_status find_pairs(work *w, cand **out, size_t *n_out, sl_error *err)
{
    node **v = malloc((w->n_nodes + 1) * sizeof *v);
    double *best = calloc(w->n_nodes + 1, sizeof *best);
    cand *c = NULL;
    size_t n = 0, cap = 0;
    if (!v || !best)
        goto nomem;
    for (size_t i = 0; i < w->n_nodes; i++)
        v[i] = &w->nd[i];
    qsort(v, w->n_nodes, sizeof *v, cmp_nodes_by_class);
    for (size_t i = 0; i < w->n_nodes;) {
        size_t j = i;
        while (j < w->n_nodes && v[j]->kind == v[i]->kind && v[j]->uclass == v[i]->uclass)
            j++;
        size_t end = j - i > MAX_GROUP ? i + MAX_GROUP : j;
        for (size_t x = i; x < end; x++)
            for (size_t y = x + 1; y < end; y++) {
                double sc = link_score(w, v[x], v[y]);
                if (sc <= 0)
                    continue;
                if (n == cap) {
                    cap = cap ? cap * 2 : 64;
                    cand *p = realloc(c, cap * sizeof *p);
                    if (!p)
                        goto nomem;
                    c = p;
                }
                c[n++] = (cand){v[x], v[y], sc};
                size_t ia = (size_t)(v[x] - w->nd), ib = (size_t)(v[y] - w->nd);
                best[ia] = sc > best[ia] ? sc : best[ia];
                best[ib] = sc > best[ib] ? sc : best[ib];
            }
        i = j;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (c[i].score >= best[c[i].a - w->nd] - 1e-9 && c[i].score >= best[c[i].b - w->nd] - 1e-9)
            c[k++] = c[i];
    free(v);
    free(best);
    *out = c;
    *n_out = k;
    return SL_OK;
nomem:
    free(v);
    free(best);
    free(c);
    return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
}

static sl_status each_pair(work *w, pair_fn fn, void *ud, sl_error *err)
{
    for (size_t i = 0; i < w->n_pairs; i++)
        if (fn(w, ud, w->pairs[i].a, w->pairs[i].b))
            return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
    return SL_OK;
}

static int do_union(work *w, void *ud, node *a, node *b);

/* A hedged round magnitude with no unit ("well over a thousand") is set
 * beside the one counted value whose reports share most words with it, and
 * only noted when the hedge allows that value. */
static sl_status place_magnitudes(work *w, int emit, sl_conflict_list *l, sl_error *err)
{
    for (size_t i = 0; i < w->n_nodes; i++) {
        node *m = &w->nd[i], *best = NULL;
        double best_c = 0;
        if (m->kind != SL_OBS_QTY || m->uclass != SL_UC_BARE)
            continue;
        for (size_t j = 0; j < w->n_nodes; j++) {
            node *n = &w->nd[j];
            if (n->kind != SL_OBS_QTY || !count_class(n->uclass) || n->uclass == SL_UC_BARE ||
                n->vague || n->center < m->lo / 2 || n->center > m->hi * 2 || share_member(m, n))
                continue; /* only counts of the magnitude's size can be what it counts */
            double c = informative_common(w, m, n, common_limit(w)).weight;
            if (c > best_c + 1e-9 || (c > 0 && c >= best_c - 1e-9 && best && n->n_obs > best->n_obs)) {
                best_c = c;
                best = n;
            }
        }
        if (!best || !compatible(m, best))
            continue;
        if (!emit)
            do_union(w, NULL, m, best);
        else if (add_conflict(w, l, SL_CONFLICT_SOFT, best, m))
            return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
    }
    return SL_OK;
}

static int do_union(work *w, void *ud, node *a, node *b)
{
    (void)ud;
    int32_t x = root(w->nd, (int32_t)(a - w->nd)), y = root(w->nd, (int32_t)(b - w->nd));
    if (x != y)
        w->nd[x > y ? x : y].parent = x > y ? y : x;
    return 0;
}

static int do_conflict(work *w, void *ud, node *a, node *b)
{
    return conflict_of(w, ud, a, b);
}

static int conflict_rank(sl_conflict_kind k) { return (int)k; }

static int cmp_conflicts(const void *x, const void *y)
{
    const sl_conflict *a = x, *b = y;
    if (a->kind != b->kind)
        return conflict_rank(a->kind) - conflict_rank(b->kind);
    size_t na = a->a.n_sources + a->b.n_sources, nb = b->a.n_sources + b->b.n_sources;
    return (na < nb) - (na > nb);
}

sl_status sl_synth_slots(sl_synthesis *s, sl_error *err)
{
    work w = {.s = s};
    sl_conflict_list l = {0};
    sl_sw *sw = sl_sw_new();
    if (!sw)
        return sl_fail(err, SL_ERR_NOMEM, "slots: out of memory");
    w.sw = sw;
    sl_status st = sl_obs_collect(s, sw, &w.o, &w.n_obs, err);
    if (st == SL_OK)
        st = build_nodes(&w, err);
    if (st == SL_OK)
        st = count_df(&w, err);
    if (st == SL_OK)
        st = join_resolved_dates(&w, err);
    if (st == SL_OK)
        st = find_pairs(&w, &w.pairs, &w.n_pairs, err);
    if (st == SL_OK)
        st = each_pair(&w, do_union, NULL, err);
    if (st == SL_OK)
        st = place_magnitudes(&w, 0, NULL, err);
    if (st == SL_OK)
        st = emit_slots(&w, err);
    if (st == SL_OK)
        st = place_magnitudes(&w, 1, &l, err);
    if (st == SL_OK)
        st = each_pair(&w, do_conflict, &l, err);
    if (st == SL_OK)
        st = sl_mn_variant_conflicts(s, &l, err);
    if (st == SL_OK && l.n) {
        /* stable enough: kinds first, then the best-attested */
        qsort(l.v, l.n, sizeof *l.v, cmp_conflicts);
    }
    s->conflicts = l.v;
    s->n_conflicts = l.n;
    for (size_t i = 0; w.nd && i < w.n_nodes; i++) {
        free(w.nd[i].obs);
        free(w.nd[i].members);
    }
    free(w.nd);
    free(w.pairs);
    free(w.o);
    free(w.df_count);
    free(w.odf);
    sl_map64_free(&w.df);
    sl_map64_free(&w.node_map);
    sl_sw_free(sw);
    return st;
}

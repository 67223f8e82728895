/* timeline.c — the dated happenings of a story, in order.
 *
 * A happening is a date in a clause that says what happened or will happen
 * then: the date resolves to a day (or a written month or year) and the
 * clause has a content word that is no time word or reporting verb ("said
 * on Monday" dates the saying, not the news). Relative dates ("Thursday",
 * "today") count only in members whose publication day is known, since
 * they resolve against it. Mentions of one day in several members are one
 * item when their clauses share an informative word; otherwise two things
 * happened that day and both are kept. */
#include "synth.h"
#include "../core/draft.h"
#include "../util/buf.h"
#include "slots_obs.h"
#include "../util/hash.h"
#include "../util/map64.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bounds that keep every pass linear on hostile input: mentions compared
 * per item, items of one day compared per mention, runs of days filed. */
enum { MAX_CMP = 16, MAX_DAY_ITEMS = 64, MAX_RUNS = 256, WHAT_MAX_TOKENS = 32 };

static const char *const weak_words[] = {
    "morning", "afternoon", "evening", "night", "day", "days", "week", "weeks", "month",
    "months", "year", "years", "ago", "later", "earlier", "today", "yesterday", "tomorrow",
    "time", "said", "says", "say", "told", "tell", "added", "according", "reported",
    "reports", "wrote", "writes", "published", "updated", "posted", "am", "pm", "early",
    "late", "last", "next", "this", "since", "until", NULL};

static int weak_word(const sl_article *a, size_t t)
{
    for (size_t i = 0; weak_words[i]; i++)
        if (sl_sw_tok_is(a, t, weak_words[i]))
            return 1;
    return 0;
}

/* A happening word near the date: a lowercase content word of its clause,
 * within a few words, that is no time word or reporting verb. */
static int has_happening(sl_sw *w, const sl_article *a, const sl_obs *o)
{
    const sl_sentence *se = sl_sw_sentence_at(a, o->start);
    if (!se)
        return 0;
    size_t t0 = sl_sw_token_at(a, o->start), t1 = sl_sw_token_at(a, o->end);
    size_t lo = t0 > se->token_first + 8 ? t0 - 8 : se->token_first;
    size_t hi = t1 + 8 < se->token_end ? t1 + 8 : se->token_end;
    for (size_t t = lo; t < hi; t++) {
        if (t >= t0 && t < t1)
            continue;
        const sl_token *tk = &a->tokens[t];
        if (tk->kind != SL_TOK_WORD || weak_word(a, t))
            continue;
        char c = a->text[tk->start];
        if (c < 'a' || c > 'z')
            continue;
        if (sl_sw_key(w, a->text + tk->start, tk->end - tk->start, 0))
            return 1;
    }
    return 0;
}

/* "said on Monday", "told reporters Monday": the date of the telling; "since
 * 2019", "until Tuesday": the edge of a stretch, not a happening. */
static int dates_no_happening(const sl_article *a, const sl_obs *o)
{
    static const char *const telling[] = {"said", "says", "told", "tells", "added", "say",
                                          "telling", "reporters", NULL};
    static const char *const edge[] = {"since", "until", "till", "through", "throughout", NULL};
    static const char *const skip[] = {"on", "last", "this", "early", "late", "the", "of",
                                       NULL};
    size_t t = sl_sw_token_at(a, o->start);
    for (size_t k = 0; k < 3 && t > 0; k++) {
        t--;
        int sk = 0;
        for (size_t i = 0; edge[i]; i++)
            if (sl_sw_tok_is(a, t, edge[i]))
                return 1;
        for (size_t i = 0; telling[i]; i++)
            if (sl_sw_tok_is(a, t, telling[i]))
                return 1;
        for (size_t i = 0; skip[i]; i++)
            sk |= sl_sw_tok_is(a, t, skip[i]);
        if (!sk)
            break;
    }
    size_t e = sl_sw_token_at(a, o->end);
    if (e < a->n_tokens && a->tokens[e].kind == SL_TOK_PUNCT)
        e++;
    return sl_sw_tok_is(a, e, "said") || sl_sw_tok_is(a, e, "says");
}

static int usable(const sl_synthesis *s, sl_sw *w, const sl_obs *o)
{
    const sl_synth_member *mb = &s->members[o->member];
    if (o->kind != SL_OBS_DATE || dates_no_happening(mb->article, o))
        return 0;
    /* "in March" in a March article is the writing month */
    if (o->precision == 1 && mb->day != SL_NO_DAY && mb->day >= o->lo && mb->day < o->lo + 31)
        return 0;
    if (!o->explicit_date && !o->anchored && !mb->article->published[0])
        return 0; /* resolved against a guessed day (a weekday anchored by
                     merge_days.c is anchored) */
    return has_happening(w, mb->article, o);
}

/* ------------------------------------------------------------ clusters */

typedef struct item {
    size_t *obs;
    size_t n, cap;
    int32_t day;
    int precision;
} item;

typedef struct tl {
    const sl_synthesis *s;
    sl_obs *o;
    size_t n_obs;
    int32_t *key;  /* the day an observation is filed under */
    size_t *use;   /* usable observations, by day */
    size_t n_use;
    item *it;
    size_t n_items;
    sl_map64 df;
    uint32_t *dfc;
    uint32_t *odf; /* per mention context word: mentions holding it */
    size_t n_df, limit;
} tl;

/* Sort keys carried with the index: qsort has no context argument, and
 * syntheses may run in several threads (the server). */
typedef struct use_key {
    int32_t day;
    int precision;
    size_t obs;
} use_key;

static int cmp_use(const void *x, const void *y)
{
    const use_key *a = x, *b = y;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->precision != b->precision)
        return a->precision > b->precision ? -1 : 1;
    return (a->obs > b->obs) - (a->obs < b->obs);
}

static int sort_use(tl *t)
{
    use_key *k = malloc((t->n_use + 1) * sizeof *k);
    if (!k)
        return -1;
    for (size_t i = 0; i < t->n_use; i++)
        k[i] = (use_key){t->key[t->use[i]], t->o[t->use[i]].precision, t->use[i]};
    qsort(k, t->n_use, sizeof *k, cmp_use);
    for (size_t i = 0; i < t->n_use; i++)
        t->use[i] = k[i].obs;
    free(k);
    return 0;
}

static int count_df(tl *t)
{
    t->dfc = calloc(t->n_use * SL_OBS_CTX + 1, sizeof *t->dfc);
    if (!t->dfc)
        return -1;
    for (size_t i = 0; i < t->n_use; i++) {
        const sl_obs *o = &t->o[t->use[i]];
        for (size_t j = 0; j < o->n_ctx; j++) {
            int32_t x = sl_map64_get(&t->df, o->ctx[j]);
            if (x < 0) {
                x = (int32_t)t->n_df++;
                if (sl_map64_put(&t->df, o->ctx[j], x))
                    return -1;
            }
            t->dfc[x]++;
        }
    }
    /* each mention's words with their counts, so comparisons need no lookup */
    t->odf = malloc((t->n_obs * SL_OBS_CTX + 1) * sizeof *t->odf);
    if (!t->odf)
        return -1;
    for (size_t i = 0; i < t->n_use; i++) {
        const sl_obs *o = &t->o[t->use[i]];
        for (size_t j = 0; j < o->n_ctx; j++)
            t->odf[t->use[i] * SL_OBS_CTX + j] = t->dfc[sl_map64_get(&t->df, o->ctx[j])];
    }
    t->limit = t->n_use / 5 > 3 ? t->n_use / 5 : 3;
    return 0;
}

/* The weight of the informative words two mentions share; two written
 * dates of one day need only share a word (the date itself is already
 * specific). */
static double shared(const tl *t, const sl_obs *a, const sl_obs *b)
{
    size_t i = 0, j = 0;
    double c = 0;
    int written = (a->explicit_date || a->anchored) && (b->explicit_date || b->anchored);
    while (i < a->n_ctx && j < b->n_ctx) {
        if (a->ctx[i] == b->ctx[j]) {
            uint32_t df = t->odf[(size_t)(a - t->o) * SL_OBS_CTX + i];
            if (df <= t->limit) /* rarer words weigh more */
                c += log((double)(t->n_use + 1) / df);
            else if (written)
                c += 0.1;
            i++;
            j++;
        } else if (a->ctx[i] < b->ctx[j])
            i++;
        else
            j++;
    }
    return c;
}

static int item_add(item *it, size_t obs)
{
    size_t *p = sl_grow(it->obs, &it->cap, it->n + 1, sizeof *p, 4);
    if (!p)
        return -1;
    it->obs = p;
    it->obs[it->n++] = obs;
    return 0;
}

/* A run of days ("January 9 and 10") is filed under the single day that
 * other mentions of the same happening give, so the two meet (and the
 * disagreement shows on one item). Runs are rare: a scan each is cheap. */
static void file_runs(tl *t)
{
    for (size_t i = 0; i < t->n_use; i++)
        t->key[t->use[i]] = (int32_t)t->o[t->use[i]].lo;
    size_t runs = 0;
    for (size_t i = 0; i < t->n_use && runs < MAX_RUNS; i++) {
        const sl_obs *o = &t->o[t->use[i]];
        if (o->hi <= o->lo)
            continue;
        runs++;
        double best = 0;
        for (size_t j = 0; j < t->n_use; j++) {
            const sl_obs *p = &t->o[t->use[j]];
            if (p->hi > p->lo || p->precision || p->lo < o->lo || p->lo > o->hi)
                continue;
            double c = shared(t, o, p);
            if (c > best) {
                best = c;
                t->key[t->use[i]] = (int32_t)p->lo;
            }
        }
    }
}

/* Greedy: a mention joins the first item of its day whose mentions share
 * an informative word with it. */
static int cluster(tl *t)
{
    t->it = calloc(t->n_use + 1, sizeof *t->it);
    if (!t->it)
        return -1;
    size_t day_first = 0;
    for (size_t i = 0; i < t->n_use; i++) {
        const sl_obs *o = &t->o[t->use[i]];
        if (i && (t->key[t->use[i]] != t->key[t->use[i - 1]] ||
                  o->precision != t->o[t->use[i - 1]].precision))
            day_first = t->n_items;
        item *home = NULL;
        double best = 0;
        size_t k0 = t->n_items - day_first > MAX_DAY_ITEMS ? t->n_items - MAX_DAY_ITEMS : day_first;
        for (size_t k = k0; k < t->n_items; k++) {
            item *it = &t->it[k];
            for (size_t j = 0; j < it->n && j < MAX_CMP; j++) {
                double c = shared(t, o, &t->o[it->obs[j]]);
                if (c > best) {
                    best = c;
                    home = it;
                }
            }
        }
        if (!home) {
            home = &t->it[t->n_items++];
            home->day = t->key[t->use[i]];
            home->precision = o->precision;
        }
        if (item_add(home, t->use[i]))
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ output */

static int clause_stop(const sl_article *a, size_t t)
{
    const sl_token *tk = &a->tokens[t];
    if (tk->kind != SL_TOK_PUNCT)
        return 0;
    char c = a->text[tk->start];
    return c == ';' || c == ':' || c == '(' || c == ')' || c == '"' ||
           (tk->end - tk->start == 3 && !memcmp(a->text + tk->start, "\xe2\x80\x94", 3));
}

/* The clause around the date, the whole sentence when short. */
static const char *what_text(sl_arena *ar, const sl_article *a, const sl_obs *o)
{
    const sl_sentence *se = sl_sw_sentence_at(a, o->start);
    if (!se)
        return sl_arena_strndup(ar, a->text + o->start, o->end - o->start);
    size_t lo = se->token_first, hi = se->token_end;
    size_t t0 = sl_sw_token_at(a, o->start), t1 = sl_sw_token_at(a, o->end);
    int cut_lo = 0, cut_hi = 0;
    if (hi - lo > WHAT_MAX_TOKENS) {
        size_t l = t0, h = t1;
        while (l > lo && t0 - l < 16 && !clause_stop(a, l - 1))
            l--;
        while (h < hi && h - t1 < 14 && !clause_stop(a, h))
            h++;
        cut_lo = l > lo;
        cut_hi = h < hi;
        lo = l;
        hi = h;
    }
    while (lo < hi && a->tokens[lo].kind == SL_TOK_PUNCT)
        lo++;
    while (hi > lo && a->tokens[hi - 1].kind == SL_TOK_PUNCT && a->text[a->tokens[hi - 1].start] == ',')
        hi--;
    if (lo >= hi)
        return "";
    size_t b = a->tokens[lo].start, e = a->tokens[hi - 1].end;
    size_t n = e - b;
    char *out = sl_arena_alloc(ar, n + 8);
    if (!out)
        return NULL;
    size_t m = 0;
    if (cut_lo) {
        memcpy(out, "\xe2\x80\xa6", 3);
        m = 3;
    }
    for (size_t i = b; i < e; i++)
        out[m++] = a->text[i] == '\n' ? ' ' : a->text[i];
    if (cut_hi) {
        memcpy(out + m, "\xe2\x80\xa6", 3);
        m += 3;
    }
    out[m] = 0;
    return out;
}

static uint64_t span_key(uint32_t member, uint32_t start)
{
    uint64_t k = sl_hash_mix64(((uint64_t)member << 32 | start) + 0x9e3779b97f4a7c15ull);
    return k ? k : 1;
}

/* Where each date conflict's sources are, to find a disputed item in one
 * lookup per mention. */
static int index_disputes(const sl_synthesis *s, sl_map64 *m)
{
    for (size_t c = 0; c < s->n_conflicts; c++) {
        const sl_conflict *cf = &s->conflicts[c];
        if (cf->slot < 0 || s->slots[cf->slot].kind != SL_SLOT_DATE)
            continue;
        for (int side = 0; side < 2; side++) {
            const sl_conflict_side *sd = side ? &cf->b : &cf->a;
            for (size_t k = 0; k < sd->n_sources; k++) {
                uint64_t key = span_key(sd->sources[k].member, sd->sources[k].start);
                if (sl_map64_get(m, key) < 0 && sl_map64_put(m, key, (int32_t)c))
                    return -1;
            }
        }
    }
    return 0;
}

/* The conflict that disputes one of the item's mentions, -1 if none. */
static int32_t disputed(const sl_map64 *m, const sl_obs *all, const item *it)
{
    for (size_t i = 0; i < it->n; i++) {
        int32_t c = sl_map64_get(m, span_key(all[it->obs[i]].member, all[it->obs[i]].start));
        if (c >= 0)
            return c;
    }
    return -1;
}

/* The first source of the item's value: a written date before a resolved
 * one, then the earliest member that is no copy and whose day is its own. */
static const sl_obs *first_source(const tl *t, const item *it, const char *value)
{
    const sl_obs *best = NULL;
    for (size_t i = 0; i < it->n; i++) {
        const sl_obs *o = &t->o[it->obs[i]];
        int ex = o->explicit_date || o->anchored;
        int cp = t->s->members[o->member].copy_of >= 0 ||
                 !t->s->members[o->member].article->published[0]; /* a guessed day */
        if (strcmp(o->tvalue, value))
            continue;
        if (!best) {
            best = o;
            continue;
        }
        int bex = best->explicit_date || best->anchored;
        int bcp = t->s->members[best->member].copy_of >= 0 ||
                  !t->s->members[best->member].article->published[0];
        if (ex != bex ? ex : cp != bcp ? !cp : o->member < best->member)
            best = o;
    }
    return best;
}

/* A written date with its happening stands on one report; a resolved
 * weekday needs two members that are no copies of each other, since one
 * report's "Thursday" may date anything. */
static int worth_showing(const tl *t, const item *it)
{
    int32_t m1 = -1;
    for (size_t i = 0; i < it->n; i++) {
        const sl_obs *o = &t->o[it->obs[i]];
        if (o->explicit_date || o->anchored)
            return 1;
        int32_t c = t->s->members[o->member].copy_of;
        int32_t canon = c >= 0 ? c : (int32_t)o->member;
        if (m1 < 0)
            m1 = canon;
        else if (canon != m1)
            return 1;
    }
    return 0;
}

static int emit(tl *t, sl_synthesis *s)
{
    sl_arena *ar = &s->priv->arena;
    sl_map64 disputes = {0};
    s->timeline = sl_arena_calloc(ar, (t->n_items + 1) * sizeof *s->timeline);
    s->priv->tl_inferred = sl_arena_calloc(ar, t->n_items + 1);
    if (!s->timeline || !s->priv->tl_inferred || index_disputes(s, &disputes)) {
        sl_map64_free(&disputes);
        return -1;
    }
    size_t n = 0;
    for (size_t k = 0; k < t->n_items; k++) {
        item *it = &t->it[k];
        sl_timeline_item *ti = &s->timeline[n];
        if (!it->n || !worth_showing(t, it))
            continue;
        /* the value most members state (a day before a run of days) */
        const sl_obs *val = NULL;
        size_t val_n = 0;
        for (size_t i = 0; i < it->n && i < 64; i++) { /* enough to know the usual value */
            const sl_obs *o = &t->o[it->obs[i]];
            size_t c = 0;
            for (size_t j = 0; j < it->n; j++)
                c += !strcmp(t->o[it->obs[j]].tvalue, o->tvalue);
            if (!val || c > val_n || (c == val_n && o->hi - o->lo < val->hi - val->lo)) {
                val = o;
                val_n = c;
            }
        }
        const sl_obs *first = first_source(t, it, val->tvalue);
        memcpy(ti->value, val->tvalue, sizeof ti->value);
        ti->day = it->day;
        ti->what = what_text(ar, s->members[first->member].article, first);
        ti->sources = sl_arena_alloc(ar, it->n * sizeof *ti->sources);
        if (!ti->what || !ti->sources) {
            sl_map64_free(&disputes);
            return -1;
        }
        /* the first mention in each member, first source first; an item's
         * mentions come in member order, so one look back finds a repeat */
        ti->sources[ti->n_sources++] = (sl_evidence){first->member, first->start, first->end};
        uint32_t last = UINT32_MAX;
        for (size_t i = 0; i < it->n; i++) {
            const sl_obs *o = &t->o[it->obs[i]];
            if (o->member != first->member && o->member != last)
                ti->sources[ti->n_sources++] = (sl_evidence){o->member, o->start, o->end};
            last = o->member;
        }
        ti->conflict = disputed(&disputes, t->o, it);
        /* a day only merge_days.c inferred is shown as such */
        int inferred = 1;
        for (size_t i = 0; i < it->n && inferred; i++) {
            const sl_obs *o = &t->o[it->obs[i]];
            inferred = !o->explicit_date &&
                       sl_synth_day_how(s, o->member) == SL_DAY_INFERRED;
        }
        s->priv->tl_inferred[n] = (uint8_t)inferred;
        n++;
    }
    s->n_timeline = n;
    sl_map64_free(&disputes);
    return 0;
}

/* ------------------------------------------------------------ undated */

/* "today", "tonight", "this morning": the writing day itself. */
static int says_today(const sl_article *a, const sl_obs *o)
{
    static const char *const part[] = {"morning", "afternoon", "evening", NULL};
    for (size_t t = sl_sw_token_at(a, o->start); t < a->n_tokens && a->tokens[t].start < o->end;
         t++) {
        if (sl_sw_tok_is(a, t, "today") || sl_sw_tok_is(a, t, "tonight"))
            return 1;
        for (size_t i = 0; part[i] && sl_sw_tok_is(a, t, "this") && t + 1 < a->n_tokens; i++)
            if (sl_sw_tok_is(a, t + 1, part[i]))
                return 1;
    }
    return 0;
}

/* An undated member whose writing day merge_days.c bounds from above
 * tells what happened "today" with no day to put it on: its first such
 * happening (a lead states the news) is shown once, as undated before that
 * bound, placed before the bound's day. One per member: a transcript's
 * every "today" would fill the timeline with one report's unplaced day. */
static int add_undated(tl *t, sl_synthesis *s, sl_sw *w)
{
    sl_arena *ar = &s->priv->arena;
    size_t n = s->n_timeline, u = 0;
    const sl_obs **pick = NULL;
    for (size_t i = 0; i < t->n_obs; i++) {
        const sl_obs *o = &t->o[i];
        const sl_article *a = s->members[o->member].article;
        if (o->kind != SL_OBS_DATE || o->explicit_date || o->anchored ||
            sl_synth_day_before(s, o->member) == SL_NO_DAY ||
            sl_synth_day_how(s, o->member) != SL_DAY_GUESS ||
            s->members[o->member].copy_of >= 0 || (u && pick[u - 1]->member == o->member) ||
            !says_today(a, o) || dates_no_happening(a, o) || !has_happening(w, a, o))
            continue;
        if (!pick && !(pick = malloc(s->n_members * sizeof *pick)))
            return -1;
        pick[u++] = o; /* members in order, so one per member */
    }
    if (!u)
        return 0;
    /* by bound (stable: member order within one bound) */
    for (size_t i = 1; i < u; i++)
        for (size_t j = i; j > 0 && sl_synth_day_before(s, pick[j - 1]->member) >
                                       sl_synth_day_before(s, pick[j]->member); j--) {
            const sl_obs *x = pick[j];
            pick[j] = pick[j - 1];
            pick[j - 1] = x;
        }
    sl_timeline_item *tl2 = sl_arena_calloc(ar, (n + u) * sizeof *tl2);
    int32_t *before = sl_arena_alloc(ar, (n + u) * sizeof *before);
    uint8_t *inf = sl_arena_calloc(ar, n + u);
    if (!tl2 || !before || !inf) {
        free(pick);
        return -1;
    }
    size_t k = 0, j = 0;
    for (size_t i = 0; i <= n; i++) {
        while (j < u && (i == n || s->timeline[i].day >= sl_synth_day_before(s, pick[j]->member))) {
            const sl_obs *o = pick[j++];
            sl_timeline_item *ti = &tl2[k];
            snprintf(ti->value, sizeof ti->value, "XXXX-XX-XX");
            ti->day = before[k] = sl_synth_day_before(s, o->member);
            ti->what = what_text(ar, s->members[o->member].article, o);
            ti->sources = sl_arena_alloc(ar, sizeof *ti->sources);
            if (!ti->what || !ti->sources) {
                free(pick);
                return -1;
            }
            ti->sources[0] = (sl_evidence){o->member, o->start, o->end};
            ti->n_sources = 1;
            ti->conflict = -1;
            k++;
        }
        if (i < n) {
            tl2[k] = s->timeline[i];
            before[k] = SL_NO_DAY;
            inf[k++] = s->priv->tl_inferred[i];
        }
    }
    free(pick);
    s->timeline = tl2;
    s->n_timeline = k;
    s->priv->tl_before = before;
    s->priv->tl_inferred = inf;
    return 0;
}

sl_status sl_synth_timeline(sl_synthesis *s, sl_error *err)
{
    tl t = {.s = s};
    sl_sw *w = sl_sw_new();
    if (!w)
        return sl_fail(err, SL_ERR_NOMEM, "timeline: out of memory");
    sl_status st = sl_obs_collect(s, w, &t.o, &t.n_obs, err);
    if (st == SL_OK) {
        t.use = malloc((t.n_obs + 1) * sizeof *t.use);
        if (!t.use)
            st = sl_fail(err, SL_ERR_NOMEM, "timeline: out of memory");
    }
    for (size_t i = 0; st == SL_OK && i < t.n_obs; i++)
        if (usable(s, w, &t.o[i]))
            t.use[t.n_use++] = i;
    if (st == SL_OK && !(t.key = malloc((t.n_obs + 1) * sizeof *t.key)))
        st = sl_fail(err, SL_ERR_NOMEM, "timeline: out of memory");
    if (st == SL_OK && count_df(&t))
        st = sl_fail(err, SL_ERR_NOMEM, "timeline: out of memory");
    if (st == SL_OK) {
        file_runs(&t);
        if (sort_use(&t) || cluster(&t) || emit(&t, s) || add_undated(&t, s, w))
            st = sl_fail(err, SL_ERR_NOMEM, "timeline: out of memory");
    }
    for (size_t k = 0; t.it && k < t.n_items; k++)
        free(t.it[k].obs);
    free(t.it);
    free(t.use);
    free(t.key);
    free(t.dfc);
    free(t.odf);
    free(t.o);
    sl_map64_free(&t.df);
    sl_sw_free(w);
    return st;
}

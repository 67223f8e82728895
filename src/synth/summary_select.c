/* summary_select.c — which sentences, and who else states them.
 *
 * Maximum concept coverage under a word budget is a budgeted max-coverage
 * problem: greedy by gain per word (cost-scaled, as Lin & Bilmes) gets most
 * of the optimum, then local search (add one, swap one for one) repairs it
 * and fills the budget: among sets of equal coverage the longer one wins,
 * since a reader (and ROUGE) gets more of the story. Each pass is linear in
 * the concept occurrences of the candidates, the number of passes small. */
#include "summary_int.h"
#include "slots_words.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static size_t inter(const sm_work *w, const sm_sent *a, const sm_sent *b)
{
    return sl_sw_common(w->uni + a->u0, a->nu, w->uni + b->u0, b->nu);
}

double sm_overlap_dice(const sm_work *w, const sm_sent *a, const sm_sent *b)
{
    if (!a->nu || !b->nu)
        return 0;
    return 2.0 * (double)inter(w, a, b) / (double)(a->nu + b->nu);
}

double sm_overlap_min(const sm_work *w, const sm_sent *a, const sm_sent *b)
{
    size_t m = a->nu < b->nu ? a->nu : b->nu;
    return m ? (double)inter(w, a, b) / (double)m : 0;
}

typedef struct state {
    sm_work *w;
    uint32_t *cnt;   /* per concept: chosen sentences covering it */
    uint8_t *in;     /* per sentence: chosen */
    double *cost;    /* per sentence: words^cost_power */
    double value;    /* covered weight */
    size_t used;     /* words */
    size_t budget;
    uint32_t pinned; /* a sentence local search keeps, or UINT32_MAX */
} state;

static double gain(const state *s, uint32_t i)
{
    const sm_sent *t = &s->w->sents[i];
    double g = 0;
    for (uint32_t k = 0; k < t->nc; k++) {
        uint32_t c = s->w->cocc[t->c0 + k];
        if (!s->cnt[c])
            g += s->w->weight[c];
    }
    return g;
}

/* Adding (+1) or removing (-1) sentence i; returns the change of value. */
static double apply(state *s, uint32_t i, int dir)
{
    sm_work *w = s->w;
    const sm_sent *t = &w->sents[i];
    double dv = 0;
    for (uint32_t k = 0; k < t->nc; k++) {
        uint32_t c = w->cocc[t->c0 + k];
        if (dir > 0 && s->cnt[c]++ == 0)
            dv += w->weight[c];
        else if (dir < 0 && --s->cnt[c] == 0)
            dv -= w->weight[c];
    }
    return dv;
}

/* Whether i repeats a chosen sentence (other than skip). */
static int repeats(const state *s, uint32_t i, uint32_t skip)
{
    const sm_work *w = s->w;
    for (size_t k = 0; k < w->n_chosen; k++) {
        uint32_t c = w->chosen[k];
        if (c == skip)
            continue;
        const sm_sent *a = &w->sents[i], *b = &w->sents[c];
        if ((a->doc == b->doc && a->pos == b->pos) || sm_overlap_min(w, a, b) >= w->p.dup_share)
            return 1;
    }
    return 0;
}

static void add(state *s, uint32_t i)
{
    s->value += apply(s, i, +1);
    s->used += s->w->sents[i].words;
    s->in[i] = 1;
    s->w->chosen[s->w->n_chosen++] = i;
}

static void drop(state *s, size_t slot)
{
    sm_work *w = s->w;
    uint32_t i = w->chosen[slot];
    s->value += apply(s, i, -1);
    s->used -= w->sents[i].words;
    s->in[i] = 0;
    w->chosen[slot] = w->chosen[--w->n_chosen];
}

static void greedy(state *s)
{
    sm_work *w = s->w;
    for (;;) {
        uint32_t best = UINT32_MAX;
        double best_score = 0;
        for (uint32_t i = 0; i < w->n_sents; i++) {
            const sm_sent *t = &w->sents[i];
            if (!t->ok || s->in[i] || !t->nc || s->used + t->words > s->budget)
                continue;
            double g = gain(s, i);
            if (g <= 0 || g / s->cost[i] <= best_score)
                continue;
            if (repeats(s, i, UINT32_MAX))
                continue;
            best = i;
            best_score = g / s->cost[i];
        }
        if (best == UINT32_MAX)
            return;
        add(s, best);
    }
}

/* (value, words) compared lexicographically; values within a hair are equal. */
static int better(double v, size_t words, double bv, size_t bwords)
{
    if (v > bv + 1e-9)
        return 1;
    return v > bv - 1e-9 && words > bwords;
}

/* One round of local search: the best single add or one-for-one swap.
 * Returns 1 when it improved the summary. */
static int improve(state *s)
{
    sm_work *w = s->w;
    double best_v = s->value;
    size_t best_words = s->used;
    size_t best_slot = SIZE_MAX; /* SIZE_MAX - 1: a pure add */
    uint32_t best_in = UINT32_MAX;
    for (size_t slot = 0; slot <= w->n_chosen; slot++) {
        uint32_t out = slot < w->n_chosen ? w->chosen[slot] : UINT32_MAX;
        if (out != UINT32_MAX && out == s->pinned)
            continue;
        double base = s->value;
        size_t words = s->used;
        if (out != UINT32_MAX) {
            base += apply(s, out, -1);
            words -= w->sents[out].words;
        }
        for (uint32_t i = 0; i < w->n_sents; i++) {
            const sm_sent *t = &w->sents[i];
            if (!t->ok || s->in[i] || !t->nc || words + t->words > s->budget)
                continue;
            double v = base + gain(s, i);
            if (!better(v, words + t->words, best_v, best_words) || repeats(s, i, out))
                continue;
            best_v = v;
            best_words = words + t->words;
            best_slot = out == UINT32_MAX ? SIZE_MAX - 1 : slot;
            best_in = i;
        }
        if (out != UINT32_MAX)
            apply(s, out, +1);
    }
    if (best_in == UINT32_MAX)
        return 0;
    if (best_slot != SIZE_MAX - 1)
        drop(s, best_slot);
    add(s, best_in);
    return 1;
}

static int cmp_day(const void *x, const void *y)
{
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

/* The day of the story's latest development among the documents' days:
 * the newest day that two documents report (one late blog post is an
 * afterword, not the news), else the newest day; SL_NO_DAY when they span
 * one day or none. sorted is scratch of n. */
static int32_t latest_day(const int32_t *days, int32_t *sorted, size_t n)
{
    size_t m = 0;
    for (size_t d = 0; d < n; d++)
        if (days[d] != SL_NO_DAY)
            sorted[m++] = days[d];
    if (!m)
        return SL_NO_DAY;
    qsort(sorted, m, sizeof *sorted, cmp_day);
    if (sorted[0] == sorted[m - 1])
        return SL_NO_DAY;
    for (size_t i = m - 1; i > 0; i--)
        if (sorted[i - 1] == sorted[i])
            return sorted[i];
    return sorted[m - 1];
}

/* The sentence of the latest development's day that says most of what is
 * new that day (its concepts no earlier document has, by weight per word),
 * in at most half the budget; else UINT32_MAX. */
static uint32_t latest_sentence(state *s)
{
    sm_work *w = s->w;
    uint32_t best = UINT32_MAX;
    int32_t *days = malloc(2 * (w->n_docs ? w->n_docs : 1) * sizeof *days);
    uint8_t *old = calloc(w->n_concepts ? w->n_concepts : 1, 1); /* said before that day */
    if (!days || !old)
        goto out;
    for (size_t d = 0; d < w->n_docs; d++) {
        const char *p = w->docs[d]->published;
        days[d] = sl_day_from_iso(p[0] ? p : NULL);
    }
    int32_t day = latest_day(days, days + w->n_docs, w->n_docs);
    if (day == SL_NO_DAY)
        goto out;
    for (uint32_t i = 0; i < w->n_sents; i++) {
        int32_t d = days[w->sents[i].doc];
        if (d != SL_NO_DAY && d < day)
            for (uint32_t k = 0; k < w->sents[i].nc; k++)
                old[w->cocc[w->sents[i].c0 + k]] = 1;
    }
    double best_score = 0;
    for (uint32_t i = 0; i < w->n_sents; i++) {
        const sm_sent *t = &w->sents[i];
        if (!t->ok || !t->nc || t->words > s->budget / 2 || days[t->doc] != day)
            continue;
        double g = 0;
        for (uint32_t k = 0; k < t->nc; k++) {
            uint32_t c = w->cocc[t->c0 + k];
            g += old[c] ? 0 : w->weight[c];
        }
        g /= s->cost[i];
        if (g > best_score) {
            best = i;
            best_score = g;
        }
    }
out:
    free(days);
    free(old);
    return best;
}

/* Greedy at one cost power, then local search, from an empty summary (or
 * one holding the latest development). */
static void search(state *s, double power, int latest)
{
    sm_work *w = s->w;
    memset(s->cnt, 0, w->n_concepts * sizeof *s->cnt);
    memset(s->in, 0, w->n_sents);
    w->n_chosen = 0;
    s->value = 0;
    s->used = 0;
    for (size_t i = 0; i < w->n_sents; i++)
        s->cost[i] = pow(w->sents[i].words ? w->sents[i].words : 1, power);
    s->pinned = latest ? latest_sentence(s) : UINT32_MAX;
    if (s->pinned != UINT32_MAX)
        add(s, s->pinned);
    greedy(s);
    /* Each round costs the chosen times the candidates' concepts: only for
     * summaries of a readable length. */
    for (int round = 0; round < 50 && w->n_chosen <= 40 && improve(s); round++)
        ;
}

int sm_select(sm_work *w, size_t max_words, int latest)
{
    w->n_chosen = 0;
    if (!w->n_sents || !max_words)
        return 0;
    state s = {.w = w, .budget = max_words};
    s.cnt = calloc(w->n_concepts ? w->n_concepts : 1, sizeof *s.cnt);
    s.in = calloc(w->n_sents, 1);
    s.cost = malloc(w->n_sents * sizeof *s.cost);
    if (!s.cnt || !s.in || !s.cost) {
        free(s.cnt);
        free(s.in);
        free(s.cost);
        return -1;
    }
    search(&s, w->p.cost_power, latest);
    free(s.cnt);
    free(s.in);
    free(s.cost);
    return 0;
}

int sm_cite(const sm_work *w, uint32_t si, sl_arena *a, sl_evidence **out, size_t *n)
{
    const sm_sent *t = &w->sents[si];
    /* best[d]: the sentence of document d nearest to t, if near enough. */
    uint32_t *best = malloc((w->n_docs ? w->n_docs : 1) * sizeof *best);
    double *score = malloc((w->n_docs ? w->n_docs : 1) * sizeof *score);
    if (!best || !score) {
        free(best);
        free(score);
        return -1;
    }
    for (size_t d = 0; d < w->n_docs; d++) {
        best[d] = UINT32_MAX;
        score[d] = 0;
    }
    for (uint32_t i = 0; i < w->n_sents; i++) {
        const sm_sent *u = &w->sents[i];
        /* Another document's sentence is cited whole: its variants aside. */
        if (u->doc == t->doc || u->variant)
            continue;
        double dice = sm_overlap_dice(w, t, u);
        if (dice >= w->p.cite_dice && dice > score[u->doc]) {
            score[u->doc] = dice;
            best[u->doc] = i;
        }
    }
    size_t k = 1;
    for (size_t d = 0; d < w->n_docs; d++)
        k += best[d] != UINT32_MAX;
    sl_evidence *ev = sl_arena_alloc(a, k * sizeof *ev);
    if (!ev) {
        free(best);
        free(score);
        return -1;
    }
    ev[0] = (sl_evidence){t->doc, t->start, t->end};
    k = 1;
    for (size_t d = 0; d < w->n_docs; d++)
        if (best[d] != UINT32_MAX) {
            const sm_sent *u = &w->sents[best[d]];
            ev[k++] = (sl_evidence){u->doc, u->start, u->end};
        }
    free(best);
    free(score);
    *out = ev;
    *n = k;
    return 0;
}

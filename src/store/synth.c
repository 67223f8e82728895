/* synth.c (store) — loads a storyline's or event's members for synthesis.
 *
 * The members come from the story walk (sl_store_story), so copies are
 * folded exactly as `storyline story` shows them: a copy row follows its
 * family's canonical article. They are then put oldest first, each loaded
 * with its facts; the synthesis owns them all. */
#include "store_int.h"
#include "../synth/synth.h"
#include "../core/draft.h"
#include "../util/buf.h"

#include <stdlib.h>
#include <string.h>

typedef struct pick {
    int64_t id, event;
    int32_t copy_of; /* index into the picks, -1 */
    int32_t day;
} pick;

typedef struct collect {
    pick *p;
    size_t n, cap;
    int32_t last_canonical;
    char *title;
    int failed;
} collect;

static int on_row(void *ud, const sl_story_row *r)
{
    collect *c = ud;
    if (r->kind == SL_STORY_STORYLINE || r->kind == SL_STORY_EVENT) {
        if (!c->title && !(c->title = strdup(r->title ? r->title : "")))
            return c->failed = 1;
        return 0;
    }
    pick *np = sl_grow(c->p, &c->cap, c->n + 1, sizeof *np, 32);
    if (!np)
        return c->failed = 1;
    c->p = np;
    pick *p = &c->p[c->n];
    p->id = r->id;
    p->event = r->event;
    p->day = sl_day_from_iso(r->published);
    p->copy_of = r->kind == SL_STORY_COPY ? c->last_canonical : -1;
    if (r->kind == SL_STORY_ARTICLE)
        c->last_canonical = (int32_t)c->n;
    c->n++;
    return 0;
}

static int cmp_day_id(const void *a, const void *b)
{
    const sl_synth_member *x = a, *y = b;
    /* Undated last: SL_NO_DAY is the smallest int32. */
    int64_t dx = x->day == SL_NO_DAY ? INT64_MAX : x->day;
    int64_t dy = y->day == SL_NO_DAY ? INT64_MAX : y->day;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Load every member with its facts into owned arrays, then sort oldest
 * first and turn copy_of from pick indices into member indices. */
static sl_status load_members(sl_store *s, const collect *c, struct sl_synthesis_priv *pv,
                              sl_error *err)
{
    size_t n = c->n;
    pv->owned_members = calloc(n ? n : 1, sizeof *pv->owned_members);
    pv->owned_articles = calloc(n ? n : 1, sizeof *pv->owned_articles);
    pv->owned_facts = calloc(n ? n : 1, sizeof *pv->owned_facts);
    if (!pv->owned_members || !pv->owned_articles || !pv->owned_facts)
        return sl_fail(err, SL_ERR_NOMEM, "story: out of memory");
    for (size_t i = 0; i < n; i++) {
        sl_status st = sl_store_load(s, c->p[i].id, &pv->owned_articles[i], err);
        if (st != SL_OK)
            return st;
        pv->n_owned = i + 1;
        st = sl_store_facts(s, c->p[i].id, &pv->owned_facts[i], err);
        if (st != SL_OK && st != SL_END)
            return st;
        sl_synth_member *m = &pv->owned_members[i];
        m->article = pv->owned_articles[i];
        m->facts = pv->owned_facts[i];
        m->id = c->p[i].id;
        m->event = c->p[i].event;
        m->day = c->p[i].day;
        if (m->day == SL_NO_DAY && m->facts && m->facts->inferred_date[0])
            m->day = sl_day_from_iso(m->facts->inferred_date);
        /* Remember the pick index in copy_of for now; remapped below. */
        m->copy_of = (int32_t)i;
    }
    qsort(pv->owned_members, n, sizeof *pv->owned_members, cmp_day_id);
    int32_t *where = malloc((n ? n : 1) * sizeof *where);
    if (!where)
        return sl_fail(err, SL_ERR_NOMEM, "story: out of memory");
    for (size_t i = 0; i < n; i++)
        where[pv->owned_members[i].copy_of] = (int32_t)i;
    for (size_t i = 0; i < n; i++) {
        int32_t orig = c->p[pv->owned_members[i].copy_of].copy_of;
        pv->owned_members[i].copy_of = orig < 0 ? -1 : where[orig];
    }
    free(where);
    return SL_OK;
}

sl_status sl_store_synthesis(sl_store *s, sl_story_kind kind, int64_t id,
                             const sl_synth_options *o, sl_synthesis **out, sl_error *err)
{
    *out = NULL;
    if (kind != SL_STORY_STORYLINE && kind != SL_STORY_EVENT)
        return sl_fail(err, SL_ERR_ARG, "story: a synthesis is of a storyline or an event");
    collect c = {.last_canonical = -1};
    sl_status st = sl_store_story(s, kind, id, on_row, &c, err);
    if (st == SL_OK && c.failed)
        st = sl_fail(err, SL_ERR_NOMEM, "story: out of memory");
    struct sl_synthesis_priv *pv = calloc(1, sizeof *pv);
    if (st == SL_OK && !pv)
        st = sl_fail(err, SL_ERR_NOMEM, "story: out of memory");
    if (st == SL_OK)
        st = load_members(s, &c, pv, err);
    sl_synthesis *syn = NULL;
    if (st == SL_OK)
        st = sl_synthesize(pv->owned_members, c.n, o, &syn, err);
    if (st == SL_OK) {
        /* Hand the loaded members over to the synthesis's own priv. */
        syn->priv->owned_members = pv->owned_members;
        syn->priv->owned_articles = pv->owned_articles;
        syn->priv->owned_facts = pv->owned_facts;
        syn->priv->n_owned = pv->n_owned;
        syn->kind = kind;
        syn->id = id;
        syn->title = sl_arena_strdup(&syn->priv->arena, c.title ? c.title : "");
        if (!syn->title) {
            sl_synthesis_free(syn);
            syn = NULL;
            st = sl_fail(err, SL_ERR_NOMEM, "story: out of memory");
        }
        free(pv);
        pv = NULL;
    }
    if (pv) {
        for (size_t i = 0; i < pv->n_owned; i++) {
            sl_facts_free(pv->owned_facts[i]);
            sl_article_free(pv->owned_articles[i]);
        }
        free(pv->owned_members);
        free(pv->owned_articles);
        free(pv->owned_facts);
        free(pv);
    }
    free(c.p);
    free(c.title);
    *out = syn;
    return st;
}

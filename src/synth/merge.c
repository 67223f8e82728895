/* merge.c — entities merged across members, quotes grouped by speaker.
 *
 * Entities meet through the public cross-document index (spelling and
 * transliteration variants, short forms), and also when two names differ
 * only in their spaces ("Vandermeer" / "van der Meer"), which the index's
 * word-based keys cannot see. A story entity's name is the spelling most
 * members use; the other full spellings are its variants.
 *
 * Quotes fold when one wording holds most of the other's content words: a
 * copy, a rewrite that trims the quote, a partial quote of a longer one. */
#include "synth.h"
#include "../core/draft.h"
#include "../util/buf.h"
#include "slots_words.h"
#include "merge_names.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/map64.h"

/* ------------------------------------------------------------ entities */

typedef struct ent_acc {
    int32_t parent;      /* union-find over index clusters */
    uint32_t n_members, last_member1; /* last member seen + 1 */
    uint32_t first_member, first_pos;
    size_t n_mentions;
    int32_t story;       /* final index, after sorting */
} ent_acc;

typedef struct ent_build {
    ent_acc *c;
    size_t n, cap;
} ent_build;

static int32_t find(ent_build *b, int32_t x)
{
    while (b->c[x].parent != x) {
        b->c[x].parent = b->c[b->c[x].parent].parent;
        x = b->c[x].parent;
    }
    return x;
}

static int grow_clusters(ent_build *b, size_t need)
{
    if (need <= b->n)
        return 0;
    ent_acc *p = sl_grow(b->c, &b->cap, need, sizeof *p, 256);
    if (!p)
        return -1;
    b->c = p;
    for (size_t i = b->n; i < need; i++)
        b->c[i] = (ent_acc){(int32_t)i, 0, 0, UINT32_MAX, UINT32_MAX, 0, -1};
    b->n = need;
    return 0;
}

/* First pass: every member entity to a cluster (union of index cluster and
 * its no-space spelling), written into entity_of as cluster ids. */
static sl_status cluster_entities(sl_synthesis *s, ent_build *b, sl_error *err)
{
    sl_entity_index *ix = sl_entity_index_new();
    sl_map64 compact = {0};
    sl_status st = SL_OK;
    if (!ix)
        return sl_fail(err, SL_ERR_NOMEM, "entities: out of memory");
    for (size_t m = 0; m < s->n_members && st == SL_OK; m++) {
        const sl_facts *f = s->members[m].facts;
        if (!f || !f->n_entities)
            continue;
        int32_t *row = sl_arena_alloc(&s->priv->arena, f->n_entities * sizeof *row);
        if (!row) {
            st = sl_fail(err, SL_ERR_NOMEM, "entities: out of memory");
            break;
        }
        s->priv->entity_of[m] = row;
        for (size_t e = 0; e < f->n_entities; e++) {
            const sl_entity *en = &f->entities[e];
            uint32_t c = 0;
            if (sl_entity_index_add(ix, m, en->name, en->type, &c) != 0 || grow_clusters(b, c + 1)) {
                st = sl_fail(err, SL_ERR_NOMEM, "entities: out of memory");
                break;
            }
            int32_t root = find(b, (int32_t)c);
            uint64_t k = sl_mn_compact_key(en->name, en->type);
            if (k) {
                int32_t other = sl_map64_get(&compact, k);
                if (other < 0) {
                    if (sl_map64_put(&compact, k, root)) {
                        st = sl_fail(err, SL_ERR_NOMEM, "entities: out of memory");
                        break;
                    }
                } else {
                    other = find(b, other);
                    if (other != root) /* the older cluster stays the root */
                        b->c[root > other ? root : other].parent = root > other ? other : root;
                }
            }
            row[e] = (int32_t)c;
        }
    }
    /* Resolve to roots now that every union is known. */
    for (size_t m = 0; m < s->n_members && st == SL_OK; m++) {
        const sl_facts *f = s->members[m].facts;
        for (size_t e = 0; f && s->priv->entity_of[m] && e < f->n_entities; e++)
            s->priv->entity_of[m][e] = find(b, s->priv->entity_of[m][e]);
    }
    sl_map64_free(&compact);
    sl_entity_index_free(ix);
    return st;
}

/* Member counts, mention counts and first appearance per root cluster. */
static void count_entities(sl_synthesis *s, ent_build *b)
{
    for (size_t m = 0; m < s->n_members; m++) {
        const sl_facts *f = s->members[m].facts;
        int32_t *row = s->priv->entity_of[m];
        if (!f || !row)
            continue;
        for (size_t i = 0; i < f->n_mentions; i++) {
            const sl_mention *mn = &f->mentions[i];
            if (mn->entity < 0 || (size_t)mn->entity >= f->n_entities)
                continue;
            ent_acc *a = &b->c[row[mn->entity]];
            a->n_mentions++;
            if (a->last_member1 != m + 1) {
                a->last_member1 = (uint32_t)m + 1;
                a->n_members++;
            }
            if (a->first_member == UINT32_MAX) {
                a->first_member = (uint32_t)m;
                a->first_pos = mn->start;
            }
        }
    }
}

/* Sort keys carried with the index: qsort has no context argument, and
 * syntheses may run in several threads (the server). */
typedef struct root_key {
    uint32_t n_members, first_member, first_pos;
    int32_t root;
} root_key;

static int cmp_roots(const void *x, const void *y)
{
    const root_key *a = x, *b = y;
    if (a->n_members != b->n_members)
        return a->n_members > b->n_members ? -1 : 1;
    if (a->first_member != b->first_member)
        return a->first_member < b->first_member ? -1 : 1;
    if (a->first_pos != b->first_pos)
        return a->first_pos < b->first_pos ? -1 : 1;
    return (a->root > b->root) - (a->root < b->root);
}

/* Story entities in order, with their mentions; entity_of rewritten to
 * story indices. */
static sl_status build_entities(sl_synthesis *s, ent_build *b, sl_error *err)
{
    size_t nroots = 0;
    for (size_t i = 0; i < b->n; i++)
        nroots += find(b, (int32_t)i) == (int32_t)i && b->c[i].n_mentions > 0;
    root_key *roots = malloc((nroots + 1) * sizeof *roots);
    if (!roots)
        return sl_fail(err, SL_ERR_NOMEM, "entities: out of memory");
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++)
        if (find(b, (int32_t)i) == (int32_t)i && b->c[i].n_mentions > 0)
            roots[k++] = (root_key){b->c[i].n_members, b->c[i].first_member, b->c[i].first_pos,
                                    (int32_t)i};
    qsort(roots, nroots, sizeof *roots, cmp_roots);
    sl_arena *ar = &s->priv->arena;
    s->entities = sl_arena_calloc(ar, (nroots + 1) * sizeof *s->entities);
    if (!s->entities) {
        free(roots);
        return sl_fail(err, SL_ERR_NOMEM, "entities: out of memory");
    }
    for (size_t i = 0; i < nroots; i++) {
        ent_acc *a = &b->c[roots[i].root];
        a->story = (int32_t)i;
        sl_story_entity *se = &s->entities[i];
        se->n_members = a->n_members;
        se->mentions = sl_arena_alloc(ar, a->n_mentions * sizeof *se->mentions);
        if (!se->mentions) {
            free(roots);
            return sl_fail(err, SL_ERR_NOMEM, "entities: out of memory");
        }
    }
    s->n_entities = nroots;
    free(roots);
    for (size_t m = 0; m < s->n_members; m++) {
        const sl_facts *f = s->members[m].facts;
        int32_t *row = s->priv->entity_of[m];
        if (!f || !row)
            continue;
        for (size_t e = 0; e < f->n_entities; e++)
            row[e] = b->c[row[e]].story; /* -1 for an entity never mentioned */
        for (size_t i = 0; i < f->n_mentions; i++) {
            const sl_mention *mn = &f->mentions[i];
            if (mn->entity < 0 || (size_t)mn->entity >= f->n_entities || row[mn->entity] < 0)
                continue;
            sl_story_entity *se = &s->entities[row[mn->entity]];
            se->mentions[se->n_mentions++] = (sl_evidence){(uint32_t)m, mn->start, mn->end};
        }
    }
    return SL_OK;
}

sl_status sl_synth_entities(sl_synthesis *s, sl_error *err)
{
    s->priv->entity_of = sl_arena_calloc(&s->priv->arena, (s->n_members + 1) * sizeof(int32_t *));
    if (!s->priv->entity_of)
        return sl_fail(err, SL_ERR_NOMEM, "entities: out of memory");
    ent_build b = {0};
    sl_status st = cluster_entities(s, &b, err);
    if (st == SL_OK) {
        count_entities(s, &b);
        st = build_entities(s, &b, err);
    }
    free(b.c);
    if (st == SL_OK)
        st = sl_mn_name_entities(s, err);
    return st;
}

/* -------------------------------------------------------------- quotes */

enum { QKEYS = 96 };

typedef struct qinst {
    uint32_t member, start, end;
    sl_quote_kind kind;
    int32_t speaker;
    int32_t group;
} qinst;

typedef struct qgroup {
    uint64_t keys[QKEYS]; /* of the fullest wording so far */
    size_t nkeys;
    int32_t speaker;
    uint32_t len;         /* of the fullest wording */
    uint32_t member, start, end; /* where the fullest wording is */
    size_t n;             /* instances */
    size_t order;         /* first report */
} qgroup;

/* Same quote: most of the shorter wording's content words are in the
 * longer one, and enough of them to say so. */
static int same_quote(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t c = sl_sw_common(a, na, b, nb), mn = na < nb ? na : nb;
    if (!mn)
        return 0;
    if (mn < 5)
        return c == na && c == nb;
    return c >= 5 && c * 10 >= mn * 8;
}

/* A transcript turn of fewer than four words ("Hi, Rory.", "Thank you.")
 * or a short courtesy ("Thanks for having me, Ari.", "Happy to do it.") is
 * the talk passing between speakers, not something said of the story. */
static int small_talk(const sl_article *a, const sl_quote *q)
{
    static const char *const courtesy[] = {"thank", "thanks", "happy", "glad", "hi",
                                           "hello", "welcome", "pleasure", "good", "great"};
    if (q->kind != SL_QUOTE_TRANSCRIPT)
        return 0;
    size_t words = 0;
    for (uint32_t i = q->start; i < q->end && words < 8; i++)
        words += a->text[i] != ' ' && a->text[i] != '\n' &&
                 (i == q->start || a->text[i - 1] == ' ' || a->text[i - 1] == '\n');
    if (words < 4)
        return 1;
    if (words >= 8)
        return 0;
    /* its first word a courtesy, or a thanks anywhere ("That was Nina
     * Okafor. Thanks, Nina.") */
    for (uint32_t i = q->start; i < q->end; i++) {
        if (i > q->start && ((a->text[i - 1] | 32) >= 'a' && (a->text[i - 1] | 32) <= 'z'))
            continue;
        uint32_t e = i;
        while (e < q->end && ((a->text[e] | 32) >= 'a' && (a->text[e] | 32) <= 'z'))
            e++;
        for (size_t k = 0; k < sizeof courtesy / sizeof *courtesy && e > i; k++)
            if ((i == q->start || k < 2) && e - i == strlen(courtesy[k]) &&
                !strncasecmp(a->text + i, courtesy[k], e - i))
                return 1;
    }
    return 0;
}

static sl_status collect_quotes(sl_synthesis *s, qinst **out, size_t *n_out, sl_error *err)
{
    size_t n = 0;
    for (size_t m = 0; m < s->n_members; m++)
        n += s->members[m].facts ? s->members[m].facts->n_quotes : 0;
    qinst *q = malloc((n + 1) * sizeof *q);
    if (!q)
        return sl_fail(err, SL_ERR_NOMEM, "quotes: out of memory");
    size_t k = 0;
    for (size_t m = 0; m < s->n_members; m++) {
        const sl_facts *f = s->members[m].facts;
        for (size_t i = 0; f && i < f->n_quotes; i++) {
            const sl_quote *qq = &f->quotes[i];
            if (qq->end <= qq->start || small_talk(s->members[m].article, qq))
                continue;
            int32_t sp = -1;
            if (qq->entity >= 0 && (size_t)qq->entity < f->n_entities && s->priv->entity_of[m])
                sp = s->priv->entity_of[m][qq->entity];
            q[k++] = (qinst){(uint32_t)m, qq->start, qq->end, qq->kind, sp, -1};
        }
    }
    *out = q;
    *n_out = k;
    return SL_OK;
}

/* Fold instances into groups. A word map points at the latest group that
 * holds the word, so each instance checks at most its own words' groups. */
static sl_status group_quotes(sl_synthesis *s, qinst *q, size_t n, qgroup **gout, size_t *ng_out,
                              sl_error *err)
{
    sl_sw *w = sl_sw_new();
    qgroup *g = malloc((n + 1) * sizeof *g);
    sl_map64 last = {0};
    if (!w || !g) {
        sl_sw_free(w);
        free(g);
        return sl_fail(err, SL_ERR_NOMEM, "quotes: out of memory");
    }
    size_t ng = 0;
    sl_status st = SL_OK;
    for (size_t i = 0; i < n && st == SL_OK; i++) {
        const sl_article *a = s->members[q[i].member].article;
        uint64_t keys[QKEYS];
        size_t nk = sl_sw_span_keys(w, a, q[i].start, q[i].end, 1, keys, QKEYS);
        int32_t best = -1;
        for (size_t j = 0; j < nk && best < 0; j++) {
            int32_t c = sl_map64_get(&last, keys[j]);
            if (c < 0)
                continue;
            qgroup *gc = &g[c];
            if (q[i].speaker >= 0 && gc->speaker >= 0 && gc->speaker != q[i].speaker)
                continue;
            /* one article's quote inside another ("Blinken said ..." in
             * the host's question) is a second quote, not the same */
            if (gc->member == q[i].member && gc->start < q[i].end && q[i].start < gc->end)
                continue;
            if (same_quote(keys, nk, gc->keys, gc->nkeys))
                best = c;
        }
        if (best < 0) {
            best = (int32_t)ng++;
            g[best] = (qgroup){.speaker = q[i].speaker, .order = i, .len = 0, .nkeys = 0};
        }
        qgroup *gb = &g[best];
        if (gb->speaker < 0)
            gb->speaker = q[i].speaker;
        if (q[i].end - q[i].start > gb->len) {
            gb->len = q[i].end - q[i].start;
            gb->member = q[i].member;
            gb->start = q[i].start;
            gb->end = q[i].end;
            memcpy(gb->keys, keys, nk * sizeof *keys);
            gb->nkeys = nk;
        }
        gb->n++;
        q[i].group = best;
        for (size_t j = 0; j < nk; j++)
            if (sl_map64_put(&last, keys[j], best)) {
                st = sl_fail(err, SL_ERR_NOMEM, "quotes: out of memory");
                break;
            }
    }
    sl_map64_free(&last);
    sl_sw_free(w);
    *gout = g;
    *ng_out = ng;
    return st;
}

typedef struct group_key {
    int32_t speaker;
    size_t total; /* the speaker's quotes, all reports */
    size_t order; /* first report */
    int32_t group;
} group_key;

static int cmp_groups(const void *x, const void *y)
{
    const group_key *a = x, *b = y;
    if ((a->speaker < 0) != (b->speaker < 0))
        return a->speaker < 0 ? 1 : -1;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    if (a->speaker != b->speaker)
        return a->speaker < b->speaker ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

typedef struct inst_key {
    uint32_t len, inst;
} inst_key;

static int cmp_inst_len(const void *x, const void *y)
{
    const inst_key *a = x, *b = y;
    if (a->len != b->len)
        return a->len > b->len ? -1 : 1;
    return (a->inst > b->inst) - (a->inst < b->inst);
}

static sl_status emit_quotes(sl_synthesis *s, const qinst *q, size_t n, const qgroup *g, size_t ng,
                             sl_error *err)
{
    sl_arena *ar = &s->priv->arena;
    size_t *total = calloc(s->n_entities + 1, sizeof *total);
    group_key *order = malloc((ng + 1) * sizeof *order);
    inst_key *inst = malloc((n + 1) * sizeof *inst);
    size_t *pos = calloc(ng + 1, sizeof *pos);
    s->quotes = sl_arena_calloc(ar, (ng + 1) * sizeof *s->quotes);
    sl_status st = SL_OK;
    if (!total || !order || !inst || !pos || !s->quotes) {
        st = sl_fail(err, SL_ERR_NOMEM, "quotes: out of memory");
        goto done;
    }
    for (size_t i = 0; i < ng; i++)
        if (g[i].speaker >= 0)
            total[g[i].speaker] += g[i].n;
    for (size_t i = 0; i < ng; i++)
        order[i] = (group_key){g[i].speaker, g[i].speaker >= 0 ? total[g[i].speaker] : 0,
                               g[i].order, (int32_t)i};
    qsort(order, ng, sizeof *order, cmp_groups);
    /* instances bucketed by group (counting sort), then fullest first */
    for (size_t i = 0; i < ng; i++)
        pos[i + 1] = pos[i] + g[i].n;
    for (size_t i = 0; i < n; i++)
        inst[pos[q[i].group]++] = (inst_key){q[i].end - q[i].start, (uint32_t)i};
    for (size_t r = 0; r < ng; r++) {
        const qgroup *gr = &g[order[r].group];
        size_t from = pos[order[r].group] - gr->n;
        qsort(inst + from, gr->n, sizeof *inst, cmp_inst_len);
        sl_story_quote *sq = &s->quotes[r];
        sq->speaker = gr->speaker;
        sq->kind = q[inst[from].inst].kind;
        sq->sources = sl_arena_alloc(ar, gr->n * sizeof *sq->sources);
        if (!sq->sources) {
            st = sl_fail(err, SL_ERR_NOMEM, "quotes: out of memory");
            goto done;
        }
        for (size_t j = 0; j < gr->n; j++) {
            const qinst *qi = &q[inst[from + j].inst];
            sq->sources[j] = (sl_evidence){qi->member, qi->start, qi->end};
        }
        sq->n_sources = gr->n;
    }
    s->n_quotes = ng;
done:
    free(total);
    free(order);
    free(inst);
    free(pos);
    return st;
}

sl_status sl_synth_quotes(sl_synthesis *s, sl_error *err)
{
    qinst *q = NULL;
    qgroup *g = NULL;
    size_t n = 0, ng = 0;
    sl_status st = collect_quotes(s, &q, &n, err);
    if (st == SL_OK)
        st = group_quotes(s, q, n, &g, &ng, err);
    if (st == SL_OK)
        st = emit_quotes(s, q, n, g, ng, err);
    free(q);
    free(g);
    return st;
}

/* merge_names.c — how a story entity is called, and its spelling variants.
 *
 * Each member names an entity by its fullest spelling there. Spellings are
 * compared folded (case, accents, punctuation gone), so "ILSE VAN DER MEER"
 * in a transcript label is not a variant of "Ilse van der Meer"; a short
 * form ("Vandermeer") is not a variant of the full name either. Two full
 * spellings are variants when their letters nearly agree ignoring spaces,
 * which keeps an acronym or a nickname out: those are other names, not
 * other spellings. */
#include "merge_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../util/hash.h"

enum { FOLD_MAX = 128 };

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && !memcmp(list[i], w, n))
            return 1;
    return 0;
}

/* Titles before a name and legal forms after it say nothing of how the
 * name is spelled: "Mr. Lawrence" and "Mrs. Lawrence", "Apple Computer
 * Inc." and "Apple Computer Co." are no spelling variants. */
static size_t strip_name_words(char *s, size_t m)
{
    static const char *const titles[] = {"mr", "mrs", "ms", "miss", "dr", "sir", "prof", "gen",
                                         "sen", "rep", "gov", "president", "minister", "the",
                                         "lord", "lady", "judge", "rev", "st", NULL};
    static const char *const forms[] = {"inc", "co", "corp", "corporation", "company", "ltd",
                                        "limited", "llc", "plc", "group", "sa", "ag", "nv",
                                        "gmbh", "holdings", "jr", "sr", NULL};
    size_t b = 0;
    for (;;) {
        const char *sp = memchr(s + b, ' ', m - b);
        if (!sp || !word_in(s + b, (size_t)(sp - s) - b, titles))
            break;
        b = (size_t)(sp - s) + 1;
    }
    for (;;) {
        char *sp = NULL;
        for (size_t i = m; i > b && !sp; i--)
            if (s[i - 1] == ' ')
                sp = s + i - 1;
        if (!sp || !word_in(sp + 1, m - (size_t)(sp + 1 - s), forms))
            break;
        m = (size_t)(sp - s);
    }
    memmove(s, s + b, m - b);
    s[m - b] = 0;
    return m - b;
}

/* "u s russian" is "us russian": a run of single letters is one written
 * abbreviation ("U.S.", "US"), while a lone initial ("Stephen P. Yokich")
 * stays a word. */
static size_t join_initials(char *s, size_t m)
{
    size_t o = 0;
    for (size_t i = 0; i < m; i++) {
        int lone = (i == 0 || s[i - 1] == ' ') && i + 1 < m && s[i + 1] == ' ';
        int next_lone = i + 3 <= m && (i + 3 == m || s[i + 3] == ' ');
        s[o++] = s[i];
        if (lone && next_lone) {
            i++; /* drop the space between two initials */
            continue;
        }
    }
    s[o] = 0;
    return o;
}

/* Lowercase ASCII letters and digits, one space between words, without
 * titles and legal forms. */
static size_t fold_name(const char *name, char *out, size_t cap)
{
    utf8proc_uint8_t *f = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)name, 0, &f,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                          UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    const char *s = n >= 0 && f ? (const char *)f : name;
    size_t m = 0;
    int space = 0;
    for (; *s && m + 1 < cap; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (space && m)
                out[m++] = ' ';
            space = 0;
            if (m + 1 < cap)
                out[m++] = c;
        } else if (c != '\'')
            space = 1; /* "P.Yokich" is "P. Yokich" */
    }
    out[m] = 0;
    free(f);
    return strip_name_words(out, join_initials(out, m));
}

static size_t count_words(const char *f)
{
    size_t n = *f ? 1 : 0;
    for (; *f; f++)
        n += *f == ' ';
    return n;
}

static uint64_t compact_hash(const char *f)
{
    char buf[FOLD_MAX];
    size_t m = 0;
    for (; *f; f++)
        if (*f != ' ')
            buf[m++] = *f;
    uint64_t h = sl_hash64(buf, m, 0xc0a1);
    return h ? h : 1;
}

uint64_t sl_mn_compact_key(const char *name, sl_entity_type t)
{
    char f[FOLD_MAX];
    if (t != SL_ENT_PERSON || !fold_name(name, f, sizeof f) || count_words(f) < 2)
        return 0;
    return compact_hash(f);
}

/* Edit distance of two folded names, spaces ignored, capped. */
static size_t compact_distance(const char *a, const char *b)
{
    char x[FOLD_MAX], y[FOLD_MAX];
    size_t nx = 0, ny = 0;
    for (; *a; a++)
        if (*a != ' ')
            x[nx++] = *a;
    for (; *b; b++)
        if (*b != ' ')
            y[ny++] = *b;
    size_t row[FOLD_MAX + 1];
    for (size_t j = 0; j <= ny; j++)
        row[j] = j;
    for (size_t i = 1; i <= nx; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= ny; j++) {
            size_t up = row[j];
            size_t best = diag + (x[i - 1] != y[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[ny];
}

/* Every word of s is a word of t, or s is t's ending without spaces. */
static int short_form_of(const char *s, const char *t)
{
    if (count_words(s) >= count_words(t) && strlen(s) >= strlen(t))
        return 0;
    int all = 1;
    for (const char *p = s; *p && all;) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        int found = 0;
        for (const char *q = t; *q && !found;) {
            const char *qe = strchr(q, ' ');
            size_t qn = qe ? (size_t)(qe - q) : strlen(q);
            found = qn == n && !memcmp(p, q, n);
            q += qn + (qe != NULL);
        }
        all = found;
        p += n + (e != NULL);
    }
    if (all)
        return 1;
    char cs[FOLD_MAX], ct[FOLD_MAX];
    size_t ns = 0, nt = 0;
    for (; *s; s++)
        if (*s != ' ')
            cs[ns++] = *s;
    for (; *t; t++)
        if (*t != ' ')
            ct[nt++] = *t;
    return ns < nt && !memcmp(cs, ct + nt - ns, ns);
}

/* ------------------------------------------------------------ spellings */

typedef struct rec {
    int32_t entity;
    uint32_t member, local;
    uint64_t key;
    const char *fold, *name;
} rec;

typedef struct spelling {
    const char *fold, *name;
    uint32_t n_members, first_member;
    size_t from, to; /* its records */
    int full;
} spelling;

typedef struct spellings {
    rec *r;
    size_t n;
    spelling *sp;
    size_t nsp;
    size_t *ent_from; /* spellings of entity e: sp[ent_from[e] .. ent_from[e+1]) */
    sl_arena tmp;
} spellings;

static int cmp_rec(const void *x, const void *y)
{
    const rec *a = x, *b = y;
    if (a->entity != b->entity)
        return a->entity < b->entity ? -1 : 1;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->member != b->member)
        return a->member < b->member ? -1 : 1;
    return (a->local > b->local) - (a->local < b->local);
}

static int all_caps(const char *s)
{
    int up = 0;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z')
            return 0;
        up += *s >= 'A' && *s <= 'Z';
    }
    return up > 1;
}

static void spellings_free(spellings *sp)
{
    free(sp->r);
    free(sp->sp);
    free(sp->ent_from);
    sl_arena_free(&sp->tmp);
}

static int build_spellings(const sl_synthesis *s, spellings *sp)
{
    memset(sp, 0, sizeof *sp);
    sl_arena_init(&sp->tmp, 0);
    size_t n = 0;
    for (size_t m = 0; m < s->n_members; m++)
        n += s->members[m].facts && s->priv->entity_of[m] ? s->members[m].facts->n_entities : 0;
    sp->r = malloc((n + 1) * sizeof *sp->r);
    sp->sp = malloc((n + 1) * sizeof *sp->sp);
    sp->ent_from = calloc(s->n_entities + 2, sizeof *sp->ent_from);
    if (!sp->r || !sp->sp || !sp->ent_from)
        return -1;
    for (size_t m = 0; m < s->n_members; m++) {
        const sl_facts *f = s->members[m].facts;
        const int32_t *row = s->priv->entity_of[m];
        for (size_t e = 0; f && row && e < f->n_entities; e++) {
            if (row[e] < 0 || !f->entities[e].name)
                continue;
            char buf[FOLD_MAX];
            fold_name(f->entities[e].name, buf, sizeof buf);
            char *fo = sl_arena_strdup(&sp->tmp, buf);
            if (!fo)
                return -1;
            uint64_t k = sl_hash64(buf, strlen(buf), 0xf01d);
            sp->r[sp->n++] = (rec){row[e], (uint32_t)m, (uint32_t)e, k ? k : 1, fo,
                                   f->entities[e].name};
        }
    }
    qsort(sp->r, sp->n, sizeof *sp->r, cmp_rec);
    for (size_t i = 0; i < sp->n;) {
        size_t j = i;
        spelling *g = &sp->sp[sp->nsp++];
        *g = (spelling){sp->r[i].fold, sp->r[i].name, 0, UINT32_MAX, i, i, 1};
        uint32_t last = UINT32_MAX;
        while (j < sp->n && sp->r[j].entity == sp->r[i].entity && sp->r[j].key == sp->r[i].key) {
            if (sp->r[j].member != last) {
                g->n_members++;
                last = sp->r[j].member;
            }
            if (sp->r[j].member < g->first_member)
                g->first_member = sp->r[j].member;
            if (all_caps(g->name) && !all_caps(sp->r[j].name))
                g->name = sp->r[j].name;
            j++;
        }
        g->to = j;
        sp->ent_from[sp->r[i].entity + 1] = sp->nsp;
        i = j;
    }
    /* entities without records keep an empty range */
    for (size_t e = 1; e <= s->n_entities; e++)
        if (sp->ent_from[e] < sp->ent_from[e - 1])
            sp->ent_from[e] = sp->ent_from[e - 1];
    /* a short form of another spelling is no full spelling */
    for (size_t e = 0; e < s->n_entities; e++) {
        size_t a = sp->ent_from[e], b = sp->ent_from[e + 1];
        if (b - a > 64)
            b = a + 64; /* bounded: the spellings of one entity are few */
        for (size_t i = a; i < b; i++)
            for (size_t j = a; j < b && sp->sp[i].full; j++)
                if (i != j && short_form_of(sp->sp[i].fold, sp->sp[j].fold))
                    sp->sp[i].full = 0;
    }
    return 0;
}

/* The full spelling most members use (then the earliest). */
static spelling *main_spelling(spellings *sp, size_t e)
{
    spelling *best = NULL;
    for (size_t i = sp->ent_from[e]; i < sp->ent_from[e + 1]; i++) {
        spelling *g = &sp->sp[i];
        if (!g->full)
            continue;
        if (!best || g->n_members > best->n_members ||
            (g->n_members == best->n_members && g->first_member < best->first_member))
            best = g;
    }
    return best;
}

static int is_variant(const spelling *name, const spelling *g)
{
    if (g == name || !g->full)
        return 0;
    size_t d = compact_distance(name->fold, g->fold), len = strlen(name->fold);
    return d <= (len / 6 > 2 ? len / 6 : 2) && count_words(g->fold) > 1;
}

/* The most frequent role of entity e (case-folded), NULL if none. */
static const char *main_role(const sl_synthesis *s, const spellings *sp, size_t e)
{
    const char *best = NULL;
    size_t best_n = 0;
    size_t from = sp->sp[sp->ent_from[e]].from, to = sp->sp[sp->ent_from[e + 1] - 1].to;
    if (to - from > 256)
        to = from + 256; /* enough to find the usual role */
    for (size_t i = from; i < to; i++) {
        const sl_entity *en = &s->members[sp->r[i].member].facts->entities[sp->r[i].local];
        if (!en->role)
            continue;
        size_t c = 0;
        for (size_t j = from; j < to; j++) {
            const sl_entity *o = &s->members[sp->r[j].member].facts->entities[sp->r[j].local];
            c += o->role && !strcasecmp(o->role, en->role);
        }
        if (c > best_n) {
            best_n = c;
            best = en->role;
        }
    }
    return best;
}

sl_status sl_mn_name_entities(sl_synthesis *s, sl_error *err)
{
    spellings sp;
    sl_arena *ar = &s->priv->arena;
    if (build_spellings(s, &sp)) {
        spellings_free(&sp);
        return sl_fail(err, SL_ERR_NOMEM, "entities: out of memory");
    }
    for (size_t e = 0; e < s->n_entities; e++) {
        sl_story_entity *se = &s->entities[e];
        se->name = "";
        if (sp.ent_from[e] == sp.ent_from[e + 1])
            continue;
        spelling *name = main_spelling(&sp, e);
        if (!name)
            name = &sp.sp[sp.ent_from[e]];
        se->name = name->name;
        const rec *r0 = &sp.r[name->from];
        se->type = s->members[r0->member].facts->entities[r0->local].type;
        se->role = main_role(s, &sp, e);
        size_t nv = 0;
        for (size_t i = sp.ent_from[e]; i < sp.ent_from[e + 1]; i++)
            nv += is_variant(name, &sp.sp[i]);
        if (!nv)
            continue;
        se->variants = sl_arena_alloc(ar, nv * sizeof *se->variants);
        if (!se->variants) {
            spellings_free(&sp);
            return sl_fail(err, SL_ERR_NOMEM, "entities: out of memory");
        }
        for (size_t i = sp.ent_from[e]; i < sp.ent_from[e + 1]; i++)
            if (is_variant(name, &sp.sp[i]))
                se->variants[se->n_variants++] = sp.sp[i].name;
    }
    spellings_free(&sp);
    return SL_OK;
}

/* ------------------------------------------------------------ conflicts */

int sl_conflict_push(sl_arena *ar, sl_conflict_list *l, const sl_conflict *c)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        sl_conflict *v = sl_arena_realloc(ar, l->v, l->cap * sizeof *v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *c;
    return 0;
}

/* The full-name mentions of the spelling's records: where a reader sees
 * the spelling (the first mention of the entity when none is a name). */
static int side_sources(const sl_synthesis *s, const spellings *sp, const spelling *g,
                        sl_arena *ar, sl_conflict_side *side)
{
    size_t n = 0;
    for (size_t i = g->from; i < g->to; i++)
        n += s->members[sp->r[i].member].facts->n_mentions;
    side->sources = sl_arena_alloc(ar, (n + 1) * sizeof *side->sources);
    if (!side->sources)
        return -1;
    side->text = g->name;
    side->n_sources = 0;
    for (size_t i = g->from; i < g->to; i++) {
        const sl_facts *f = s->members[sp->r[i].member].facts;
        const sl_mention *first = NULL;
        size_t before = side->n_sources;
        for (size_t k = 0; k < f->n_mentions; k++) {
            const sl_mention *mn = &f->mentions[k];
            if (mn->entity != (int32_t)sp->r[i].local)
                continue;
            if (!first)
                first = mn;
            if (mn->kind == SL_MENTION_NAME || mn->kind == SL_MENTION_LABEL)
                side->sources[side->n_sources++] =
                    (sl_evidence){sp->r[i].member, mn->start, mn->end};
        }
        if (side->n_sources == before && first)
            side->sources[side->n_sources++] =
                (sl_evidence){sp->r[i].member, first->start, first->end};
    }
    return 0;
}

/* Members of g that do not use h. */
static size_t members_only(const spellings *sp, const spelling *g, const spelling *h)
{
    size_t n = 0;
    for (size_t i = g->from; i < g->to; i++) {
        if (i > g->from && sp->r[i].member == sp->r[i - 1].member)
            continue;
        int both = 0;
        for (size_t j = h->from; j < h->to && !both; j++)
            both = sp->r[j].member == sp->r[i].member;
        n += !both;
    }
    return n;
}

sl_status sl_mn_variant_conflicts(sl_synthesis *s, sl_conflict_list *l, sl_error *err)
{
    spellings sp;
    sl_arena *ar = &s->priv->arena;
    sl_status st = SL_OK;
    if (build_spellings(s, &sp)) {
        spellings_free(&sp);
        return sl_fail(err, SL_ERR_NOMEM, "variants: out of memory");
    }
    for (size_t e = 0; e < s->n_entities && st == SL_OK; e++) {
        if (!s->entities[e].n_variants)
            continue;
        spelling *name = main_spelling(&sp, e), *other = NULL;
        for (size_t i = sp.ent_from[e]; name && i < sp.ent_from[e + 1]; i++) {
            spelling *g = &sp.sp[i];
            if (is_variant(name, g) && (!other || g->n_members > other->n_members) &&
                members_only(&sp, g, name) && members_only(&sp, name, g))
                other = g;
        }
        if (!other)
            continue;
        sl_conflict c = {.kind = SL_CONFLICT_VARIANT, .slot = -1, .entity = (int32_t)e};
        char why[512];
        snprintf(why, sizeof why,
                 "one name, two spellings: \"%s\" in %u article%s, \"%s\" in %u",
                 name->name, name->n_members, name->n_members == 1 ? "" : "s", other->name,
                 other->n_members);
        c.why = sl_arena_strdup(ar, why);
        if (!c.why || side_sources(s, &sp, name, ar, &c.a) ||
            side_sources(s, &sp, other, ar, &c.b) || sl_conflict_push(ar, l, &c))
            st = sl_fail(err, SL_ERR_NOMEM, "variants: out of memory");
    }
    spellings_free(&sp);
    return st;
}

/* report_md.c — the story as Markdown for a reader: title, dates and
 * outlets, the cited summary, timeline, where sources disagree, quotes by
 * speaker, key entities, figures, and the numbered source list the [n]
 * markers point to (copies folded under their original).
 *
 * Text from the articles is escaped so it can never become markup; the
 * markers are left as plain [n] with no link definitions, which Markdown
 * renders as written. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../core/draft.h"

enum { MD_MAX_ENTITIES = 20 };

/* " [1][3][4]", at most RP_MAX_CITES then "+N more"; -1 out of memory. */
static int cites(rp *r, const sl_evidence *ev, size_t n)
{
    long k = rp_cite_set(r, ev, n);
    if (k < 0)
        return -1;
    if (k > 0)
        putc(' ', r->out);
    for (long i = 0; i < k && i < RP_MAX_CITES; i++)
        fprintf(r->out, "[%u]", r->cites[i]);
    if (k > RP_MAX_CITES)
        fprintf(r->out, " +%ld more", k - RP_MAX_CITES);
    return 0;
}

/* "Outlet [1], Other [4]": who says it. */
static int outlets(rp *r, const sl_evidence *ev, size_t n)
{
    long k = rp_cite_set(r, ev, n);
    if (k < 0)
        return -1;
    for (long i = 0; i < k && i < RP_MAX_CITES; i++) {
        fputs(i ? ", " : "", r->out);
        rp_md_cstr(r->out, rp_outlet(r, r->order[r->cites[i] - 1]));
        fprintf(r->out, " [%u]", r->cites[i]);
    }
    if (k > RP_MAX_CITES)
        fprintf(r->out, " and %ld more", k - RP_MAX_CITES);
    if (k == 0)
        fputs("no source", r->out);
    return 0;
}

/* A quote's words, cut when very long. */
static int quote_text(const rp *r, const sl_evidence *e)
{
    uint32_t a, b;
    int cut;
    if (!rp_span(r, e, &a, &b))
        return 0;
    const char *t = r->s->members[e->member].article->text;
    uint32_t z = rp_quote_end(t, a, b, &cut);
    rp_md(r->out, t + a, z - a);
    if (cut)
        fputs(" …", r->out);
    return 1;
}

static int summary(rp *r)
{
    FILE *f = r->out;
    fputs("## Summary\n\n", f);
    const sl_summary *s = r->s->summary;
    int any = 0;
    for (size_t i = 0; s && i < s->n_sentences; i++) {
        const sl_summary_sentence *ss = &s->sentences[i];
        if (!ss->n_sources)
            continue;
        if (any)
            putc(' ', f);
        const char *t;
        size_t n;
        if (!rp_summary_words(r, ss, &t, &n))
            continue;
        rp_md(f, t, n);
        fputs(rp_sentence_close(t, n), f);
        if (cites(r, ss->sources, ss->n_sources))
            return -1;
        any = 1;
    }
    fputs(any ? "\n\n" : "*No summary could be made from these articles.*\n\n", f);
    return 0;
}

static int timeline(rp *r)
{
    FILE *f = r->out;
    if (!r->s->n_timeline)
        return 0;
    fputs("## Timeline\n\n", f);
    for (size_t i = 0; i < r->s->n_timeline; i++) {
        const sl_timeline_item *t = &r->s->timeline[i];
        char when[64];
        rp_item_when(r, i, when);
        fputs("- **", f);
        rp_md_cstr(f, when);
        fputs("**", f);
        if (t->what && *t->what) {
            fputs(": ", f);
            rp_md_cstr(f, t->what);
        }
        if (cites(r, t->sources, t->n_sources))
            return -1;
        if (t->conflict >= 0 && (size_t)t->conflict < r->s->n_conflicts)
            fputs(" *(sources disagree on this date: see below)*", f);
        putc('\n', f);
    }
    putc('\n', f);
    return 0;
}

static int side(rp *r, const sl_conflict_side *sd)
{
    fputs("  - “", r->out);
    rp_md_cstr(r->out, sd->text ? sd->text : "");
    fputs("”: ", r->out);
    if (outlets(r, sd->sources, sd->n_sources))
        return -1;
    putc('\n', r->out);
    return 0;
}

static int conflicts(rp *r)
{
    FILE *f = r->out;
    if (!r->s->n_conflicts)
        return 0;
    fputs("## Where sources disagree\n\n", f);
    for (size_t i = 0; i < r->s->n_conflicts; i++) {
        const sl_conflict *c = &r->s->conflicts[i];
        fprintf(f, "- **%s", rp_conflict_label(c->kind));
        const char *ent = rp_entity_name(r, c->entity);
        if (c->slot >= 0 && (size_t)c->slot < r->s->n_slots && r->s->slots[c->slot].about) {
            fputs(" (", f);
            rp_md_cstr(f, r->s->slots[c->slot].about);
            putc(')', f);
        } else if (*ent) {
            fputs(" (", f);
            rp_md_cstr(f, ent);
            putc(')', f);
        }
        fputs("**", f);
        if (c->why && *c->why) {
            fputs(": ", f);
            rp_md_cstr(f, c->why);
        }
        putc('\n', f);
        if (side(r, &c->a) || side(r, &c->b))
            return -1;
    }
    putc('\n', f);
    return 0;
}

static int quote_group(rp *r, const rp_groups *g, size_t i)
{
    FILE *f = r->out;
    const sl_synthesis *s = r->s;
    int32_t sp = s->quotes[g->order[g->start[i]]].speaker;
    const char *name = rp_entity_name(r, sp);
    fputs("### ", f);
    rp_md_cstr(f, *name ? name : "Unattributed");
    if (*name && s->entities[sp].role && *s->entities[sp].role) {
        fputs(", ", f);
        rp_md_cstr(f, s->entities[sp].role);
    }
    fputs("\n\n", f);
    for (size_t k = g->start[i]; k < g->start[i + 1]; k++) {
        const sl_story_quote *q = &s->quotes[g->order[k]];
        if (!q->n_sources)
            continue;
        int direct = q->kind != SL_QUOTE_INDIRECT;
        fputs(direct ? "> “" : "> ", f);
        if (!quote_text(r, &q->sources[0]))
            fputs("…", f);
        fputs(direct ? "”\n>\n> — " : "\n>\n> — ", f);
        if (sp < 0) {
            char who[96];
            rp_quote_who(r, &q->sources[0], who, sizeof who);
            if (*who) {
                rp_md_cstr(f, who);
                fputs(", in ", f);
            }
        }
        if (outlets(r, q->sources, q->n_sources))
            return -1;
        fputs("\n\n", f);
    }
    return 0;
}

static int quotes(rp *r, sl_error *err)
{
    if (!r->s->n_quotes)
        return 0;
    rp_groups g;
    if (rp_quote_groups(r, &g, err) != SL_OK)
        return -1;
    fputs("## Quotes\n\n", r->out);
    int rc = 0;
    for (size_t i = 0; i < g.n && rc == 0; i++)
        rc = quote_group(r, &g, i);
    rp_groups_free(&g);
    return rc;
}

static void entities(rp *r)
{
    FILE *f = r->out;
    if (!r->s->n_entities)
        return;
    fputs("## Key entities\n\n", f);
    for (size_t i = 0; i < r->s->n_entities && i < MD_MAX_ENTITIES; i++) {
        const sl_story_entity *e = &r->s->entities[i];
        fputs("- **", f);
        rp_md_cstr(f, e->name ? e->name : "");
        fprintf(f, "** (%s", rp_entity_type_label(e->type));
        if (e->role && *e->role) {
            fputs("; ", f);
            rp_md_cstr(f, e->role);
        }
        putc(')', f);
        for (size_t v = 0; e->variants && v < e->n_variants; v++) {
            fputs(v ? ", “" : ", also written “", f);
            rp_md_cstr(f, e->variants[v] ? e->variants[v] : "");
            fputs("”", f);
        }
        fprintf(f, ": in %u article%s\n", e->n_members, e->n_members == 1 ? "" : "s");
    }
    if (r->s->n_entities > MD_MAX_ENTITIES)
        fprintf(f, "- and %zu more\n", r->s->n_entities - MD_MAX_ENTITIES);
    putc('\n', f);
}

static int slots(rp *r)
{
    FILE *f = r->out;
    if (!r->s->n_slots)
        return 0;
    fputs("## Figures and dates\n\n", f);
    size_t lone = 0;
    for (size_t i = 0; i < r->s->n_slots; i++) {
        const sl_slot *sl = &r->s->slots[i];
        if (rp_slot_lone(r, sl)) {
            lone++;
            continue;
        }
        fputs("- **", f);
        rp_md_cstr(f, sl->about && *sl->about ? sl->about : "(unnamed)");
        fputs("**:", f);
        for (size_t v = 0; v < sl->n_values; v++) {
            fputs(v ? "; “" : " “", f);
            rp_md_cstr(f, sl->values[v].text ? sl->values[v].text : sl->values[v].value);
            fputs("”", f);
            if (cites(r, sl->values[v].sources, sl->values[v].n_sources))
                return -1;
        }
        putc('\n', f);
    }
    if (lone)
        fprintf(f, "\n%zu more, each stated by one source only, are in `--format json` and the web page.\n",
                lone);
    putc('\n', f);
    return 0;
}

static void source(rp *r, uint32_t m, int copy)
{
    FILE *f = r->out;
    const sl_synth_member *mm = &r->s->members[m];
    const sl_article *a = mm->article;
    char date[48];
    rp_member_when(r, m, date);
    fprintf(f, "%s- **[%u]** %s", copy ? "  " : "", r->num[m], copy ? "copy: " : "");
    rp_md_cstr(f, rp_outlet(r, m));
    if (a && a->title && *a->title) {
        fputs(", “", f);
        rp_md_cstr(f, a->title);
        fputs("”", f);
    }
    fprintf(f, ", %s", *date ? date : "undated");
    if (a && rp_url_ok(a->url))
        fprintf(f, ", <%s>", a->url);
    putc('\n', f);
}

static void sources(rp *r)
{
    fputs("## Sources\n\n", r->out);
    for (size_t i = 0; i < r->n; i++) {
        uint32_t m = r->order[i];
        source(r, m, r->canon[m] != m);
    }
    if (!r->n)
        fputs("*No articles.*\n", r->out);
}

sl_status rp_write_md(rp *r, sl_error *err)
{
    FILE *f = r->out;
    char *byline = NULL;
    sl_status st = rp_byline(r, &byline, err);
    if (st != SL_OK)
        return st;
    fputs("# ", f);
    rp_md_cstr(f, rp_title(r));
    fputs("\n\n", f);
    rp_md_cstr(f, byline);
    fputs("\n\n", f);
    free(byline);
    if (summary(r) || timeline(r) || conflicts(r) || quotes(r, err) || slots(r))
        return sl_fail(err, SL_ERR_NOMEM, "report: out of memory");
    entities(r);
    sources(r);
    return SL_OK;
}

/* report_html.c — one self-contained HTML page per story: inline CSS, no
 * script, no network (a Content-Security-Policy forbids any load), fluid
 * so it reads on a phone.
 *
 * Every cited item links to the exact span in the article's text, which
 * the page carries below (<article id="m3">, the span as <mark
 * id="m3-120-180">); CSS :target highlights it, so it works without JS.
 * The only links out are the source list's links to the articles' URLs.
 * All text comes from the open web and is escaped. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../core/draft.h"

enum { HTML_MAX_ENTITIES = 20 };

/* One cited span: which member, where. */
typedef struct hspan {
    uint32_t member, start, end;
} hspan;

typedef struct hx {
    rp *r;
    FILE *f;
    hspan *pick; /* scratch: one span per cited source */
    size_t pick_cap;
    int oom;
} hx;

static const char CSS[] =
    ":root{--fg:#1c1c21;--muted:#5d5d6b;--bg:#fff;--card:#f5f5f8;--line:#dedee6;"
    "--link:#0a58a8;--hard:#b3261e;--soft:#8a6400;--change:#23704a;--variant:#5a3e9e}"
    "*{box-sizing:border-box}"
    "html{-webkit-text-size-adjust:100%}"
    "body{margin:0;background:var(--bg);color:var(--fg);"
    "font:17px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}"
    "main{max-width:48rem;margin:0 auto;padding:1rem 1rem 4rem}"
    "a{color:var(--link)}"
    "h1{font-size:1.75rem;line-height:1.2;margin:.6rem 0 .4rem}"
    "h2{font-size:1.3rem;margin:2.2rem 0 .7rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}"
    "h3{font-size:1.05rem;margin:1.2rem 0 .4rem}"
    ".byline{color:var(--muted);font-size:.95rem;margin:0 0 .8rem}"
    "nav.toc{display:flex;flex-wrap:wrap;gap:.35rem .9rem;font-size:.9rem;margin:.4rem 0 1rem}"
    ".summary p{margin:0 0 .7rem}"
    "a.cite{font-size:.72em;vertical-align:super;line-height:0;text-decoration:none;"
    "padding:0 .08em;white-space:nowrap}"
    "a.cite:hover,a.cite:focus{text-decoration:underline}"
    ".more{font-size:.8em;color:var(--muted)}"
    "ol.timeline{list-style:none;padding:0;margin:0;border-left:3px solid var(--line)}"
    "ol.timeline li{position:relative;padding:.15rem 0 .75rem 1.1rem}"
    "ol.timeline li:before{content:'';position:absolute;left:-.5rem;top:.55rem;width:.7rem;height:.7rem;"
    "border-radius:50%;background:var(--link)}"
    "ol.timeline time{display:block;font-weight:600;font-variant-numeric:tabular-nums}"
    ".flag{font-size:.8rem;color:var(--hard);margin-left:.3rem}"
    ".conflict{background:var(--card);border-left:4px solid var(--muted);border-radius:6px;"
    "padding:.6rem .8rem;margin:0 0 .8rem}"
    ".conflict.hard{border-color:var(--hard)}.conflict.soft{border-color:var(--soft)}"
    ".conflict.change{border-color:var(--change)}.conflict.variant{border-color:var(--variant)}"
    ".badge{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;"
    "letter-spacing:.03em;color:#fff;background:var(--muted);border-radius:3px;padding:.05rem .4rem;"
    "margin-right:.4rem}"
    ".hard .badge{background:var(--hard)}.soft .badge{background:var(--soft)}"
    ".change .badge{background:var(--change)}.variant .badge{background:var(--variant)}"
    ".why{margin:.3rem 0 .5rem}"
    ".sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.5rem}"
    ".side{background:var(--bg);border:1px solid var(--line);border-radius:5px;padding:.4rem .6rem}"
    ".side .val{font-weight:600;margin:0 0 .2rem}.side .who{margin:0;font-size:.9rem}"
    "blockquote{margin:0 0 .8rem;padding:.3rem 0 .3rem .9rem;border-left:3px solid var(--line)}"
    "blockquote p{margin:0}blockquote footer{font-size:.9rem;color:var(--muted);margin-top:.2rem}"
    ".role,.type,.meta{color:var(--muted);font-size:.9rem;font-weight:400}"
    "ul.plain{padding-left:1.1rem}ul.plain li{margin:.2rem 0}"
    "ol.sources{list-style:none;padding:0}"
    "ol.sources li{margin:.45rem 0}"
    "ol.sources ul{list-style:none;padding-left:1.4rem;margin:.2rem 0}"
    ".num{font-variant-numeric:tabular-nums;color:var(--muted);margin-right:.3rem}"
    "article{border-top:1px solid var(--line);padding-top:.6rem;margin-top:1.2rem}"
    "article h3{margin:.2rem 0}"
    ".body{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.95rem}"
    "mark{background:#fff4bf;color:inherit;padding:0 .05em;scroll-margin-top:35vh}"
    "mark:target{background:#ffcf3f;outline:2px solid #d99a00;border-radius:2px}"
    "article:target h3{color:var(--link)}"
    "footer.page{margin-top:3rem;color:var(--muted);font-size:.85rem}"
    "@media (max-width:30rem){body{font-size:16px}main{padding:.7rem .8rem 3rem}h1{font-size:1.45rem}}";

/* ------------------------------------------------------------ citations */

static int cmp_span(const void *pa, const void *pb)
{
    const hspan *a = pa, *b = pb;
    if (a->member != b->member)
        return a->member < b->member ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1; /* the enclosing span opens first */
    return 0;
}

typedef struct pick_key {
    uint32_t num, idx;
} pick_key;

static int cmp_key(const void *pa, const void *pb)
{
    const pick_key *a = pa, *b = pb;
    if (a->num != b->num)
        return a->num < b->num ? -1 : 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* One span per cited source, in source-list order: each member's first
 * evidence. O(k log k) in the evidence. */
static long pick_sources(hx *h, const sl_evidence *ev, size_t n)
{
    if (2 * (n + 1) > h->pick_cap) {
        hspan *p = realloc(h->pick, (n + 1) * 2 * sizeof *p);
        if (!p) {
            h->oom = 1;
            return 0;
        }
        h->pick = p;
        h->pick_cap = (n + 1) * 2;
    }
    pick_key *keys = malloc((n + 1) * sizeof *keys);
    if (!keys) {
        h->oom = 1;
        return 0;
    }
    /* The second half of pick holds the candidates, the first the result. */
    hspan *cand = h->pick + n + 1;
    size_t k = 0;
    for (size_t i = 0; ev && i < n; i++) {
        uint32_t a, b;
        if (!rp_span(h->r, &ev[i], &a, &b))
            continue;
        cand[k] = (hspan){ev[i].member, a, b};
        keys[k] = (pick_key){h->r->num[ev[i].member], (uint32_t)k};
        k++;
    }
    qsort(keys, k, sizeof *keys, cmp_key);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (i == 0 || keys[i].num != keys[i - 1].num)
            h->pick[u++] = cand[keys[i].idx];
    free(keys);
    return (long)u;
}

static void cite_link(hx *h, const hspan *p)
{
    char date[48];
    rp_member_when(h->r, p->member, date);
    fprintf(h->f, "<a class=\"cite\" href=\"#m%u-%u-%u\" title=\"", p->member, p->start, p->end);
    rp_html_cstr(h->f, rp_outlet(h->r, p->member));
    fprintf(h->f, "%s%s\">[%u]</a>", *date ? ", " : "", date, h->r->num[p->member]);
}

/* [1][3] links to each source's span; long lists end in "+N more". */
static void cites(hx *h, const sl_evidence *ev, size_t n)
{
    long k = pick_sources(h, ev, n);
    for (long i = 0; i < k && i < RP_MAX_CITES; i++)
        cite_link(h, &h->pick[i]);
    if (k > RP_MAX_CITES)
        fprintf(h->f, " <span class=\"more\">+%ld more</span>", k - RP_MAX_CITES);
}

/* "Outlet [1], Other [4]": who says it, each linked to its span. */
static void outlets(hx *h, const sl_evidence *ev, size_t n)
{
    long k = pick_sources(h, ev, n);
    for (long i = 0; i < k && i < RP_MAX_CITES; i++) {
        fputs(i ? ", " : "", h->f);
        rp_html_cstr(h->f, rp_outlet(h->r, h->pick[i].member));
        fputs("&#160;", h->f);
        cite_link(h, &h->pick[i]);
    }
    if (k > RP_MAX_CITES)
        fprintf(h->f, " <span class=\"more\">and %ld more</span>", k - RP_MAX_CITES);
    if (k == 0)
        fputs("<span class=\"more\">no source</span>", h->f);
}

/* A quote's words, cut when very long. */
static int quote_text(hx *h, const sl_evidence *e)
{
    uint32_t a, b;
    int cut;
    if (!rp_span(h->r, e, &a, &b))
        return 0;
    const char *t = h->r->s->members[e->member].article->text;
    uint32_t z = rp_quote_end(t, a, b, &cut);
    rp_html(h->f, t + a, z - a);
    if (cut)
        fputs(" …", h->f);
    return 1;
}

/* ------------------------------------------------------------ sections */

static void head(hx *h)
{
    FILE *f = h->f;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src data:\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"generator\" "
          "content=\"storyline\">\n<title>",
          f);
    rp_html_cstr(f, rp_title(h->r));
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", CSS);
}

static void header(hx *h, const char *byline)
{
    const sl_synthesis *s = h->r->s;
    FILE *f = h->f;
    char id[32];
    rp_story_id(s, id);
    fputs("<header>\n<h1>", f);
    rp_html_cstr(f, rp_title(h->r));
    fputs("</h1>\n<p class=\"byline\">", f);
    if (*id)
        fprintf(f, "%s · ", id);
    rp_html_cstr(f, byline);
    fputs("</p>\n<nav class=\"toc\"><a href=\"#summary\">Summary</a>", f);
    if (s->n_timeline)
        fputs("<a href=\"#timeline\">Timeline</a>", f);
    if (s->n_conflicts)
        fputs("<a href=\"#disagree\">Where sources disagree</a>", f);
    if (s->n_quotes)
        fputs("<a href=\"#quotes\">Quotes</a>", f);
    if (s->n_entities)
        fputs("<a href=\"#entities\">Who and what</a>", f);
    if (s->n_slots)
        fputs("<a href=\"#figures\">Figures</a>", f);
    fputs("<a href=\"#sources\">Sources</a><a href=\"#texts\">Article texts</a></nav>\n"
          "</header>\n",
          f);
}

static void summary(hx *h)
{
    FILE *f = h->f;
    const sl_summary *s = h->r->s->summary;
    fputs("<section id=\"summary\" class=\"summary\">\n<h2>Summary</h2>\n", f);
    int any = 0;
    for (size_t i = 0; s && i < s->n_sentences; i++) {
        const sl_summary_sentence *ss = &s->sentences[i];
        if (!ss->n_sources)
            continue;
        fputs("<p>", f);
        const char *t;
        size_t n;
        if (rp_summary_words(h->r, ss, &t, &n)) {
            rp_html(f, t, n);
            fputs(rp_sentence_close(t, n), f);
            cites(h, ss->sources, ss->n_sources);
            any = 1;
        }
        fputs("</p>\n", f);
    }
    if (!any)
        fputs("<p class=\"more\">No summary could be made from these articles.</p>\n", f);
    fputs("</section>\n", f);
}

static void timeline(hx *h)
{
    const sl_synthesis *s = h->r->s;
    FILE *f = h->f;
    if (!s->n_timeline)
        return;
    fputs("<section id=\"timeline\">\n<h2>Timeline</h2>\n<ol class=\"timeline\">\n", f);
    for (size_t i = 0; i < s->n_timeline; i++) {
        const sl_timeline_item *t = &s->timeline[i];
        char when[64];
        rp_item_when(h->r, i, when);
        fputs("<li><time>", f);
        rp_html_cstr(f, when);
        fputs("</time>", f);
        rp_html_cstr(f, t->what);
        cites(h, t->sources, t->n_sources);
        if (t->conflict >= 0 && (size_t)t->conflict < s->n_conflicts)
            fprintf(f, "<a class=\"flag\" href=\"#c%d\">sources disagree</a>", t->conflict);
        fputs("</li>\n", f);
    }
    fputs("</ol>\n</section>\n", f);
}

static void side(hx *h, const sl_conflict_side *sd)
{
    fputs("<div class=\"side\"><p class=\"val\">“", h->f);
    rp_html_cstr(h->f, sd->text);
    fputs("”</p><p class=\"who\">", h->f);
    outlets(h, sd->sources, sd->n_sources);
    fputs("</p></div>", h->f);
}

static const char *kind_class(sl_conflict_kind k)
{
    const char *n = sl_conflict_kind_name(k);
    return n && strcmp(n, "?") != 0 ? n : "other";
}

static void conflicts(hx *h)
{
    const sl_synthesis *s = h->r->s;
    FILE *f = h->f;
    if (!s->n_conflicts)
        return;
    fputs("<section id=\"disagree\">\n<h2>Where sources disagree</h2>\n", f);
    for (size_t i = 0; i < s->n_conflicts; i++) {
        const sl_conflict *c = &s->conflicts[i];
        fprintf(f, "<div class=\"conflict %s\" id=\"c%zu\"><p><span class=\"badge\">%s</span>",
                kind_class(c->kind), i, rp_conflict_label(c->kind));
        const char *ent = rp_entity_name(h->r, c->entity);
        if (c->slot >= 0 && (size_t)c->slot < s->n_slots && s->slots[c->slot].about) {
            fputs("<b>", f);
            rp_html_cstr(f, s->slots[c->slot].about);
            fputs("</b>", f);
        } else if (*ent) {
            fputs("<b>", f);
            rp_html_cstr(f, ent);
            fputs("</b>", f);
        }
        fputs("</p>", f);
        if (c->why && *c->why) {
            fputs("<p class=\"why\">", f);
            rp_html_cstr(f, c->why);
            fputs("</p>", f);
        }
        fputs("<div class=\"sides\">", f);
        side(h, &c->a);
        side(h, &c->b);
        fputs("</div></div>\n", f);
    }
    fputs("</section>\n", f);
}

static void quote_group(hx *h, const rp_groups *g, size_t i)
{
    const sl_synthesis *s = h->r->s;
    FILE *f = h->f;
    int32_t sp = s->quotes[g->order[g->start[i]]].speaker;
    const char *name = rp_entity_name(h->r, sp);
    fputs("<h3>", f);
    rp_html_cstr(f, *name ? name : "Unattributed");
    if (*name && s->entities[sp].role && *s->entities[sp].role) {
        fputs(" <span class=\"role\">", f);
        rp_html_cstr(f, s->entities[sp].role);
        fputs("</span>", f);
    }
    fputs("</h3>\n", f);
    for (size_t k = g->start[i]; k < g->start[i + 1]; k++) {
        const sl_story_quote *q = &s->quotes[g->order[k]];
        if (!q->n_sources)
            continue;
        int direct = q->kind != SL_QUOTE_INDIRECT;
        fputs(direct ? "<blockquote><p>“" : "<blockquote><p>", f);
        if (!quote_text(h, &q->sources[0]))
            fputs("…", f);
        fputs(direct ? "”</p><footer>— " : "</p><footer>— ", f);
        if (sp < 0) {
            char who[96];
            rp_quote_who(h->r, &q->sources[0], who, sizeof who);
            if (*who) {
                rp_html_cstr(f, who);
                fputs(", in ", f);
            }
        }
        outlets(h, q->sources, q->n_sources);
        fputs("</footer></blockquote>\n", f);
    }
}

static sl_status quotes(hx *h, sl_error *err)
{
    if (!h->r->s->n_quotes)
        return SL_OK;
    rp_groups g;
    sl_status st = rp_quote_groups(h->r, &g, err);
    if (st != SL_OK)
        return st;
    fputs("<section id=\"quotes\">\n<h2>Quotes by speaker</h2>\n", h->f);
    for (size_t i = 0; i < g.n; i++)
        quote_group(h, &g, i);
    fputs("</section>\n", h->f);
    rp_groups_free(&g);
    return SL_OK;
}

static void entities(hx *h)
{
    const sl_synthesis *s = h->r->s;
    FILE *f = h->f;
    if (!s->n_entities)
        return;
    fputs("<section id=\"entities\">\n<h2>Who and what</h2>\n<ul class=\"plain\">\n", f);
    for (size_t i = 0; i < s->n_entities && i < HTML_MAX_ENTITIES; i++) {
        const sl_story_entity *e = &s->entities[i];
        fputs("<li><b>", f);
        rp_html_cstr(f, e->name);
        fprintf(f, "</b> <span class=\"type\">%s", rp_entity_type_label(e->type));
        if (e->role && *e->role) {
            fputs(", ", f);
            rp_html_cstr(f, e->role);
        }
        fputs("</span>", f);
        for (size_t v = 0; e->variants && v < e->n_variants; v++) {
            fputs(v ? ", “" : " · also written “", f);
            rp_html_cstr(f, e->variants[v]);
            fputs("”", f);
        }
        fprintf(f, " · in %u article%s", e->n_members, e->n_members == 1 ? "" : "s");
        cites(h, e->mentions, e->n_mentions ? 1 : 0); /* its first mention */
        fputs("</li>\n", f);
    }
    if (s->n_entities > HTML_MAX_ENTITIES)
        fprintf(f, "<li class=\"more\">and %zu more</li>\n", s->n_entities - HTML_MAX_ENTITIES);
    fputs("</ul>\n</section>\n", f);
}

static void slot_item(hx *h, const sl_slot *sl)
{
    FILE *f = h->f;
    fputs("<li><b>", f);
    rp_html_cstr(f, sl->about && *sl->about ? sl->about : "(unnamed)");
    fputs("</b>:", f);
    for (size_t v = 0; v < sl->n_values; v++) {
        const sl_slot_value *sv = &sl->values[v];
        fputs(v ? "; “" : " “", f);
        rp_html_cstr(f, sv->text ? sv->text : sv->value);
        fputs("”", f);
        cites(h, sv->sources, sv->n_sources);
    }
    fputs("</li>\n", f);
}

static void slots(hx *h)
{
    const sl_synthesis *s = h->r->s;
    FILE *f = h->f;
    if (!s->n_slots)
        return;
    fputs("<section id=\"figures\">\n<h2>Figures and dates</h2>\n<ul class=\"plain\">\n", f);
    size_t lone = 0;
    for (size_t i = 0; i < s->n_slots; i++)
        if (rp_slot_lone(h->r, &s->slots[i]))
            lone++;
        else
            slot_item(h, &s->slots[i]);
    fputs("</ul>\n", f);
    if (lone) {
        fprintf(f, "<details><summary>%zu more, each stated by one source only</summary>\n"
                   "<ul class=\"plain\">\n", lone);
        for (size_t i = 0; i < s->n_slots; i++)
            if (rp_slot_lone(h->r, &s->slots[i]))
                slot_item(h, &s->slots[i]);
        fputs("</ul>\n</details>\n", f);
    }
    fputs("</section>\n", f);
}

static void source_item(hx *h, uint32_t m)
{
    FILE *f = h->f;
    const sl_synth_member *mm = &h->r->s->members[m];
    const sl_article *a = mm->article;
    char date[48];
    rp_member_when(h->r, m, date);
    fprintf(f, "<li id=\"src%u\"><span class=\"num\">[%u]</span><a href=\"#m%u\">", h->r->num[m],
            h->r->num[m], m);
    rp_html_cstr(f, a && a->title && *a->title ? a->title : "(untitled)");
    fputs("</a> <span class=\"meta\">", f);
    if (h->r->canon[m] != m)
        fputs("copy · ", f);
    rp_html_cstr(f, rp_outlet(h->r, m));
    fprintf(f, " · %s</span>", *date ? date : "undated");
    if (a && rp_url_ok(a->url)) {
        fputs(" <a class=\"orig\" rel=\"noopener noreferrer nofollow\" href=\"", f);
        rp_html_cstr(f, a->url);
        fputs("\">original</a>", f);
    }
}

static void sources(hx *h)
{
    rp *r = h->r;
    FILE *f = h->f;
    fputs("<section id=\"sources\">\n<h2>Sources</h2>\n<ol class=\"sources\">\n", f);
    for (size_t i = 0; i < r->n;) {
        uint32_t m = r->order[i++];
        source_item(h, m);
        if (i < r->n && r->canon[r->order[i]] == m) {
            fputs("\n<ul>\n", f);
            while (i < r->n && r->canon[r->order[i]] == m) {
                source_item(h, r->order[i++]);
                fputs("</li>\n", f);
            }
            fputs("</ul>", f);
        }
        fputs("</li>\n", f);
    }
    fputs("</ol>\n</section>\n", f);
}

/* ------------------------------------------------------------ texts */

/* Every span the page links to, sorted by member then position, once. */
static hspan *collect(hx *h, size_t *out_n)
{
    const sl_synthesis *s = h->r->s;
    size_t n = 0, cap = 64;
    hspan *v = malloc(cap * sizeof *v);
#define ADD(ev, cnt)                                                                          \
    for (size_t i_ = 0; v && (ev) && i_ < (cnt); i_++) {                                      \
        uint32_t a_, b_;                                                                      \
        if (!rp_span(h->r, &(ev)[i_], &a_, &b_))                                              \
            continue;                                                                         \
        if (n == cap) {                                                                       \
            hspan *p_ = realloc(v, (cap *= 2) * sizeof *v);                                   \
            if (!p_) {                                                                        \
                free(v);                                                                      \
                v = NULL;                                                                     \
                break;                                                                        \
            }                                                                                 \
            v = p_;                                                                           \
        }                                                                                     \
        v[n++] = (hspan){(ev)[i_].member, a_, b_};                                            \
    }
    for (size_t i = 0; s->summary && i < s->summary->n_sentences; i++)
        ADD(s->summary->sentences[i].sources, s->summary->sentences[i].n_sources);
    for (size_t i = 0; i < s->n_timeline; i++)
        ADD(s->timeline[i].sources, s->timeline[i].n_sources);
    for (size_t i = 0; i < s->n_conflicts; i++) {
        ADD(s->conflicts[i].a.sources, s->conflicts[i].a.n_sources);
        ADD(s->conflicts[i].b.sources, s->conflicts[i].b.n_sources);
    }
    for (size_t i = 0; i < s->n_quotes; i++)
        ADD(s->quotes[i].sources, s->quotes[i].n_sources);
    for (size_t i = 0; i < s->n_slots; i++)
        for (size_t k = 0; k < s->slots[i].n_values; k++)
            ADD(s->slots[i].values[k].sources, s->slots[i].values[k].n_sources);
    for (size_t i = 0; i < s->n_entities && i < HTML_MAX_ENTITIES; i++)
        ADD(s->entities[i].mentions, s->entities[i].n_mentions ? 1 : 0);
#undef ADD
    if (!v)
        return NULL;
    qsort(v, n, sizeof *v, cmp_span);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || cmp_span(&v[u - 1], &v[i]) != 0)
            v[u++] = v[i];
    *out_n = u;
    return v;
}

/* A boundary inside a UTF-8 sequence moves to the next character, so a
 * mark never splits one. */
static uint32_t snap(const char *t, size_t len, uint32_t x)
{
    while (x < len && ((unsigned char)t[x] & 0xC0) == 0x80)
        x++;
    return x;
}

/* The text with its marks. Spans nest when one holds another; a span that
 * crosses the end of an open one is cut there (HTML cannot overlap), its
 * id unchanged so links still land on it. */
static int marked_text(hx *h, uint32_t m, const hspan *sp, size_t n)
{
    const sl_article *a = h->r->s->members[m].article;
    const char *t = a->text;
    size_t len = a->text_len;
    uint32_t *stack = malloc((n + 1) * sizeof *stack);
    if (!stack)
        return -1;
    size_t depth = 0;
    uint32_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t s = snap(t, len, sp[i].start), e = snap(t, len, sp[i].end);
        while (depth && stack[depth - 1] <= s) {
            rp_html(h->f, t + pos, stack[depth - 1] - pos);
            pos = stack[--depth];
            fputs("</mark>", h->f);
        }
        if (depth && e > stack[depth - 1])
            e = stack[depth - 1];
        if (e < s)
            e = s;
        rp_html(h->f, t + pos, s - pos);
        pos = s;
        fprintf(h->f, "<mark id=\"m%u-%u-%u\">", m, sp[i].start, sp[i].end);
        stack[depth++] = e;
    }
    while (depth) {
        rp_html(h->f, t + pos, stack[depth - 1] - pos);
        pos = stack[--depth];
        fputs("</mark>", h->f);
    }
    rp_html(h->f, t + pos, len - pos);
    free(stack);
    return 0;
}

static int texts(hx *h)
{
    rp *r = h->r;
    FILE *f = h->f;
    size_t n = 0;
    hspan *sp = collect(h, &n);
    if (!sp)
        return -1;
    fputs("<section id=\"texts\">\n<h2>Article texts</h2>\n", f);
    size_t at = 0;
    int rc = 0;
    for (size_t i = 0; i < r->n && rc == 0; i++) {
        uint32_t m = r->order[i];
        const sl_synth_member *mm = &r->s->members[m];
        const sl_article *a = mm->article;
        char date[48];
        rp_member_when(r, m, date);
        fprintf(f, "<article id=\"m%u\"><h3><span class=\"num\">[%u]</span>", m, r->num[m]);
        rp_html_cstr(f, a && a->title && *a->title ? a->title : "(untitled)");
        fputs("</h3><p class=\"meta\">", f);
        rp_html_cstr(f, rp_outlet(r, m));
        fprintf(f, " · %s", *date ? date : "undated");
        if (r->canon[m] != m)
            fprintf(f, " · copy of <a href=\"#m%u\">[%u]</a>", r->canon[m], r->num[r->canon[m]]);
        fputs(" · <a href=\"#sources\">back to sources</a></p>\n<div class=\"body\">", f);
        /* The spans are sorted by member; find this member's run. */
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (sp[mid].member < m)
                lo = mid + 1;
            else
                hi = mid;
        }
        at = lo;
        size_t end = at;
        while (end < n && sp[end].member == m)
            end++;
        if (a && a->text)
            rc = marked_text(h, m, sp + at, end - at);
        fputs("</div></article>\n", f);
    }
    fputs("</section>\n", f);
    free(sp);
    return rc;
}

sl_status rp_write_html(rp *r, sl_error *err)
{
    hx h = {.r = r, .f = r->out};
    char *byline = NULL;
    sl_status st = rp_byline(r, &byline, err);
    if (st != SL_OK)
        return st;
    head(&h);
    header(&h, byline);
    free(byline);
    summary(&h);
    timeline(&h);
    conflicts(&h);
    st = quotes(&h, err);
    if (st == SL_OK) {
        entities(&h);
        slots(&h);
        sources(&h);
        if (texts(&h))
            h.oom = 1;
        fputs("<footer class=\"page\">Made by storyline from the articles listed above; every "
              "highlighted passage is the words of its source.</footer>\n</main>\n</body>\n"
              "</html>\n",
              h.f);
    }
    free(h.pick);
    if (st == SL_OK && h.oom)
        st = sl_fail(err, SL_ERR_NOMEM, "report: out of memory");
    return st;
}

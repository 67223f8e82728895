/* extract.c — find the main article in a parsed page and emit its blocks.
 *
 * Readability-style scoring over the index DOM, all in linear passes:
 *   1. mark boilerplate subtrees (tags, ARIA roles, hidden, class/id words);
 *   2. bottom-up text statistics (text, link text, commas, inline text);
 *   3. every block holding >= 25 chars of its own inline text is a
 *      "paragraph unit" whose score flows to its five nearest ancestors;
 *   4. the best container (score scaled by 1 - link density) wins, climbs
 *      to a better parent when several strong candidates share one, and
 *      takes along siblings that score well or read like prose;
 *   5. inside the chosen subtrees, link farms, image galleries and forms
 *      are cleaned out, then blocks are emitted in document order.
 * If the result is short, the page is retried with gentler cleaning. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hx.h"
#include "../util/buf.h"

enum {
    F_DROP = 1 << 0,    /* boilerplate subtree, ignored */
    F_CAND = 1 << 1,    /* scored candidate */
    F_CLEAN = 1 << 2,   /* removed by conditional cleaning */
    F_KEEP = 1 << 3,    /* selected root of article content */
    F_SELF_DROP = 1 << 4,
    F_CLASS_DROP = 1 << 5 /* dropped only for its class/id words */
};

/* Retry levels: each drops one of the more aggressive rules. */
enum { R_STRIP_CLASS = 1, R_WEIGHT = 2, R_CLEAN = 4 };

typedef struct nstat {
    uint32_t text, link, itext, commas, icommas;
    uint32_t n_p, n_img, n_li, n_input, n_embed;
    int32_t end; /* subtree is [i, end) */
    unsigned cw; /* class words */
    float score;
} nstat;

typedef struct ctx {
    const sl_hdoc *doc;
    nstat *st;
    uint8_t *fl;
    unsigned rules;
    uint32_t total_text;
} ctx;

static int is_space(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

static int attr_is(const sl_hattr *a, const char *name) {
    size_t n = strlen(name);
    return a->name_len == n && strncasecmp(a->name, name, n) == 0;
}

static int val_has(const sl_hattr *a, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= a->val_len; i++)
        if (strncasecmp(a->val + i, needle, n) == 0)
            return 1;
    return 0;
}

/* Styles hide with "display:none" (spaces allowed around ':'). */
static int style_hidden(const sl_hattr *a) {
    const char *v = a->val;
    size_t n = a->val_len;
    for (size_t i = 0; i + 4 <= n; i++) {
        if (strncasecmp(v + i, "none", 4) && strncasecmp(v + i, "hidd", 4))
            continue;
        size_t k = i;
        while (k > 0 && is_space(v[k - 1]))
            k--;
        if (k == 0 || v[k - 1] != ':')
            continue;
        k--;
        while (k > 0 && is_space(v[k - 1]))
            k--;
        if ((k >= 7 && strncasecmp(v + k - 7, "display", 7) == 0) ||
            (k >= 10 && strncasecmp(v + k - 10, "visibility", 10) == 0))
            return 1;
    }
    return 0;
}

static const char *const DROP_ROLES[] = {"navigation", "menu", "menubar", "complementary",
                                         "dialog", "alertdialog", "search", "contentinfo",
                                         "banner"};

static int drop_role(const sl_hattr *a) {
    for (size_t i = 0; i < sizeof DROP_ROLES / sizeof *DROP_ROLES; i++) {
        size_t n = strlen(DROP_ROLES[i]);
        if (a->val_len == n && strncasecmp(a->val, DROP_ROLES[i], n) == 0)
            return 1;
    }
    return 0;
}

static int tag_dropped(int tag) {
    switch (tag) {
    case SL_T_NAV: case SL_T_ASIDE: case SL_T_FOOTER: case SL_T_BUTTON: case SL_T_SELECT:
    case SL_T_TEXTAREA: case SL_T_INPUT: case SL_T_IFRAME: case SL_T_OBJECT: case SL_T_EMBED:
    case SL_T_DIALOG: case SL_T_MENU: case SL_T_HEAD: case SL_T_LABEL: case SL_T_FIGCAPTION:
    case SL_T_CANVAS: case SL_T_VIDEO: case SL_T_AUDIO: case SL_T_MAP: case SL_T_DATALIST:
    case SL_T_OPTION: case SL_T_FRAMESET: case SL_T_SEARCH: case SL_T_HEADER: case SL_T_FIGURE:
        return 1;
    default:
        return 0;
    }
}

/* Self-decided drop flags and class words of element i. */
static void classify(ctx *c, int32_t i) {
    const sl_hnode *e = &c->doc->nodes[i];
    unsigned f = 0, cw = 0;
    if (tag_dropped(e->tag))
        f |= F_SELF_DROP;
    for (size_t k = 0; k < e->n_attrs; k++) {
        const sl_hattr *a = &e->attrs[k];
        if (attr_is(a, "class") || attr_is(a, "id"))
            cw |= sl_hx_class_words(a->val, a->val_len);
        else if (attr_is(a, "hidden"))
            f |= F_SELF_DROP;
        else if (attr_is(a, "style") && style_hidden(a))
            f |= F_SELF_DROP;
        else if (attr_is(a, "aria-hidden") && val_has(a, "true"))
            f |= F_SELF_DROP;
        else if (attr_is(a, "role") && drop_role(a))
            f |= F_SELF_DROP;
    }
    if (e->tag == SL_T_HTML || e->tag == SL_T_BODY || e->tag == SL_T_MAIN)
        f = 0;
    else if ((cw & SL_CW_DROP) && e->tag != SL_T_A)
        f |= F_CLASS_DROP;
    c->st[i].cw = cw;
    c->fl[i] = (uint8_t)f;
}

/* Text statistics of text node i: non-space bytes and commas. */
static void text_stats(const sl_hnode *t, uint32_t *len, uint32_t *commas) {
    uint32_t l = 0, cm = 0;
    for (uint32_t k = 0; k < t->text_len; k++) {
        char ch = t->text[k];
        l += !is_space(ch);
        cm += ch == ',';
    }
    *len = l;
    *commas = cm;
}

/* Bottom-up statistics over kept nodes; text nodes' counts cached in tl/tc. */
static void compute_stats(ctx *c, const uint32_t *tl, const uint32_t *tc) {
    const sl_hdoc *doc = c->doc;
    size_t n = doc->n;
    for (size_t i = 0; i < n; i++) {
        nstat *s = &c->st[i];
        unsigned cw = s->cw;
        memset(s, 0, sizeof *s);
        s->cw = cw;
        s->end = (int32_t)i + 1;
        c->fl[i] &= (uint8_t)~(F_CAND | F_CLEAN | F_KEEP);
    }
    for (size_t i = n; i-- > 1;) {
        const sl_hnode *e = &doc->nodes[i];
        nstat *s = &c->st[i];
        nstat *p = &c->st[e->parent];
        if (s->end > p->end)
            p->end = s->end;
        if (c->fl[i] & F_DROP)
            continue;
        if (e->type == SL_HN_TEXT) {
            p->text += tl[i];
            p->itext += tl[i];
            p->commas += tc[i];
            p->icommas += tc[i];
            continue;
        }
        unsigned tf = sl_htag_flags(e->tag);
        s->n_p += e->tag == SL_T_P;
        s->n_img += e->tag == SL_T_IMG;
        s->n_li += e->tag == SL_T_LI;
        s->n_input += e->tag == SL_T_INPUT;
        s->n_embed += e->tag == SL_T_EMBED || e->tag == SL_T_OBJECT || e->tag == SL_T_IFRAME;
        if (e->tag == SL_T_A)
            s->link = s->text;
        p->text += s->text;
        p->link += s->link;
        p->commas += s->commas;
        p->n_p += s->n_p;
        p->n_img += s->n_img;
        p->n_li += s->n_li;
        p->n_input += s->n_input;
        p->n_embed += s->n_embed;
        if (!(tf & SL_TF_BLOCK)) {
            p->itext += s->itext;
            p->icommas += s->icommas;
        }
    }
}

/* Drop flags top-down: a node is dropped when it or an ancestor is. */
static void apply_drops(ctx *c, const uint32_t *raw_text) {
    const sl_hdoc *doc = c->doc;
    uint32_t total = raw_text[0];
    for (size_t i = 1; i < doc->n; i++) {
        uint8_t f = c->fl[i] & (uint8_t)~F_DROP;
        int32_t par = doc->nodes[i].parent;
        int self = (f & F_SELF_DROP) != 0;
        /* A class-dropped wrapper that holds most of the page's text is a
         * layout wrapper ("page-with-sidebar"), not boilerplate. */
        if ((f & F_CLASS_DROP) && (c->rules & R_STRIP_CLASS) &&
            (uint64_t)raw_text[i] * 10 < (uint64_t)total * 8)
            self = 1;
        if (self || (par > 0 && (c->fl[par] & F_DROP)))
            f |= F_DROP;
        c->fl[i] = f;
    }
}

static int tag_base_score(int tag) {
    switch (tag) {
    case SL_T_DIV: return 5;
    case SL_T_PRE: case SL_T_TD: case SL_T_BLOCKQUOTE: return 3;
    case SL_T_ADDRESS: case SL_T_OL: case SL_T_UL: case SL_T_DL: case SL_T_DD: case SL_T_DT:
    case SL_T_LI: case SL_T_FORM: return -3;
    case SL_T_H1: case SL_T_H2: case SL_T_H3: case SL_T_H4: case SL_T_H5: case SL_T_H6:
    case SL_T_TH: return -5;
    default: return 0;
    }
}

static float class_weight(const ctx *c, int32_t i) {
    if (!(c->rules & R_WEIGHT))
        return 0;
    unsigned cw = c->st[i].cw;
    float w = 0;
    if (cw & SL_CW_POS)
        w += 25;
    if (cw & (SL_CW_NEG | SL_CW_DROP))
        w -= 25;
    return w;
}

static int is_unit(const sl_hnode *e, const nstat *s) {
    if (e->type != SL_HN_ELEM || s->itext < 25)
        return 0;
    switch (e->tag) {
    case SL_T_LI: case SL_T_H1: case SL_T_TH: case SL_T_A: case SL_T_DT: case SL_T_DD:
        return 0;
    default:
        return (sl_htag_flags(e->tag) & SL_TF_BLOCK) != 0;
    }
}

static void touch(ctx *c, int32_t a) {
    if (c->fl[a] & F_CAND)
        return;
    c->fl[a] |= F_CAND;
    c->st[a].score = (float)tag_base_score(c->doc->nodes[a].tag) + class_weight(c, a);
}

static void score_units(ctx *c) {
    const sl_hdoc *doc = c->doc;
    for (size_t i = 1; i < doc->n; i++) {
        const sl_hnode *e = &doc->nodes[i];
        if ((c->fl[i] & F_DROP) || !is_unit(e, &c->st[i]))
            continue;
        const nstat *s = &c->st[i];
        uint32_t len100 = s->itext / 85;
        float sc = 1.0f + (float)s->icommas + (float)(len100 < 3 ? len100 : 3);
        /* A div holding its own text scores itself, like readability's
         * div-to-p conversion. */
        int32_t a = e->tag == SL_T_P || e->tag == SL_T_PRE || e->tag == SL_T_TD ? e->parent
                                                                                 : (int32_t)i;
        for (int level = 0; a > 0 && level < 5; level++, a = doc->nodes[a].parent) {
            touch(c, a);
            float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            c->st[a].score += sc / div;
        }
    }
}

static float link_density(const nstat *s) {
    return s->text ? (float)s->link / (float)s->text : 0;
}

enum { N_TOP = 5 };

static int32_t pick_top(ctx *c) {
    const sl_hdoc *doc = c->doc;
    int32_t top[N_TOP];
    float ts[N_TOP];
    int nt = 0;
    for (size_t i = 1; i < doc->n; i++) {
        if (!(c->fl[i] & F_CAND) || (c->fl[i] & F_DROP))
            continue;
        float sc = c->st[i].score * (1.0f - link_density(&c->st[i]));
        c->st[i].score = sc;
        int k = nt < N_TOP ? nt++ : N_TOP;
        while (k > 0 && ts[k - 1] < sc) {
            if (k < N_TOP) {
                ts[k] = ts[k - 1];
                top[k] = top[k - 1];
            }
            k--;
        }
        if (k < N_TOP) {
            ts[k] = sc;
            top[k] = (int32_t)i;
        }
    }
    if (nt == 0)
        return -1;
    int32_t best = top[0];
    /* Several strong candidates under one ancestor: the ancestor is the
     * article (its paragraphs were split over sibling divs). */
    int32_t anc = doc->nodes[best].parent;
    for (; anc > 0; anc = doc->nodes[anc].parent) {
        int shared = 0;
        for (int k = 1; k < nt; k++) {
            if (ts[k] < ts[0] * 0.75f)
                continue;
            if (top[k] >= anc && top[k] < c->st[anc].end)
                shared++;
        }
        if (shared >= 3 || (nt - 1 >= 1 && shared >= nt - 1 && shared >= 2))
            break;
    }
    if (anc > 0 && doc->nodes[anc].tag != SL_T_BODY && doc->nodes[anc].tag != SL_T_HTML)
        best = anc;
    /* Climb while the parent scores better, or holds nothing but best. */
    float last = c->st[best].score;
    for (int32_t p = doc->nodes[best].parent; p > 0; p = doc->nodes[p].parent) {
        const sl_hnode *pe = &doc->nodes[p];
        if (pe->tag == SL_T_BODY || pe->tag == SL_T_HTML)
            break;
        if ((c->fl[p] & F_CAND) && c->st[p].score > last && c->st[p].score > ts[0] / 3) {
            best = p;
            last = c->st[p].score;
            continue;
        }
        if (c->st[p].text == c->st[best].text) {
            best = p;
            continue;
        }
        break;
    }
    return best;
}

/* Ends in sentence punctuation, a sign of prose rather than a link list. */
static int looks_like_sentence(const sl_hnode *nodes, const nstat *st, int32_t i) {
    (void)st;
    for (int32_t k = st[i].end - 1; k >= i; k--) {
        const sl_hnode *t = &nodes[k];
        if (t->type != SL_HN_TEXT)
            continue;
        for (uint32_t j = t->text_len; j-- > 0;) {
            char ch = t->text[j];
            if (is_space(ch))
                continue;
            return ch == '.' || ch == '!' || ch == '?' || ch == '"';
        }
    }
    return 0;
}

static void select_siblings(ctx *c, int32_t best) {
    const sl_hdoc *doc = c->doc;
    int32_t parent = doc->nodes[best].parent;
    if (parent < 0) {
        c->fl[best] |= F_KEEP;
        return;
    }
    float bs = c->st[best].score;
    float thr = bs * 0.2f > 10 ? bs * 0.2f : 10;
    for (int32_t s = doc->nodes[parent].first; s >= 0; s = doc->nodes[s].next) {
        if (s == best) {
            c->fl[s] |= F_KEEP;
            continue;
        }
        const sl_hnode *e = &doc->nodes[s];
        if (e->type != SL_HN_ELEM || (c->fl[s] & F_DROP))
            continue;
        const nstat *ss = &c->st[s];
        float bonus = (ss->cw && ss->cw == c->st[best].cw) ? bs * 0.2f : 0;
        if ((c->fl[s] & F_CAND) && ss->score + bonus >= thr) {
            c->fl[s] |= F_KEEP;
        } else if (e->tag == SL_T_P || is_unit(e, ss)) {
            float ld = link_density(ss);
            if ((ss->text > 68 && ld < 0.25f) ||
                (ss->text <= 68 && ss->text > 0 && ld == 0 &&
                 looks_like_sentence(doc->nodes, c->st, s)))
                c->fl[s] |= F_KEEP;
        }
    }
}

static int in_figure(const ctx *c, int32_t i) {
    for (int32_t a = c->doc->nodes[i].parent, k = 0; a > 0 && k < 8;
         a = c->doc->nodes[a].parent, k++)
        if (c->doc->nodes[a].tag == SL_T_FIGURE)
            return 1;
    return 0;
}

/* Link text written as a URL is a cited source, not a teaser. */
static int starts_with_url(const ctx *c, int32_t i) {
    for (int32_t k = i + 1; k < c->st[i].end; k++) {
        const sl_hnode *t = &c->doc->nodes[k];
        if (t->type != SL_HN_TEXT)
            continue;
        const char *s = t->text;
        uint32_t n = t->text_len;
        while (n && is_space(*s))
            s++, n--;
        if (!n)
            continue;
        return (n >= 4 && strncasecmp(s, "http", 4) == 0) || (n >= 4 && strncasecmp(s, "www.", 4) == 0);
    }
    return 0;
}

/* readability's conditional cleaning for containers inside the article. */
static int clean_out(const ctx *c, int32_t i) {
    const sl_hnode *e = &c->doc->nodes[i];
    /* A paragraph that is mostly links is a "read more" teaser. */
    if (e->tag == SL_T_P && c->st[i].text && link_density(&c->st[i]) > 0.5f &&
        !starts_with_url(c, i))
        return 1;
    switch (e->tag) {
    case SL_T_FORM: case SL_T_FIELDSET: case SL_T_TABLE: case SL_T_UL: case SL_T_OL:
    case SL_T_DIV: case SL_T_SECTION: case SL_T_DL:
        break;
    default:
        return 0;
    }
    const nstat *s = &c->st[i];
    float w = class_weight(c, i);
    if (w < 0)
        return 1;
    if (s->commas >= 10)
        return 0;
    int is_list = e->tag == SL_T_UL || e->tag == SL_T_OL || e->tag == SL_T_DL;
    float ld = link_density(s);
    uint32_t p = s->n_p, img = s->n_img;
    int64_t li = (int64_t)s->n_li - 100;
    if (img > 1 && (float)p / (float)img < 0.5f && !in_figure(c, i))
        return 1;
    if (!is_list && li > (int64_t)p)
        return 1;
    if (s->n_input > p / 3)
        return 1;
    if (!is_list && s->text < 21 && (img == 0 || img > 2) && !in_figure(c, i))
        return 1;
    if (!is_list && w < 25 && ld > 0.2f)
        return 1;
    if (w >= 25 && ld > 0.5f)
        return 1;
    if ((s->n_embed == 1 && s->text < 64) || s->n_embed > 1)
        return 1;
    if (is_list && ld > 0.5f)
        return 1;
    return 0;
}

/* ------------------------------------------------------------- output */

typedef struct emitter {
    sl_buf buf;
    sl_draft *d;
    const char *title;
    sl_block_kind kind;
    int oom;
} emitter;

static sl_block_kind kind_of(int tag, sl_block_kind outer) {
    if (sl_htag_flags(tag) & SL_TF_HEADING)
        return SL_BLOCK_HEADING;
    switch (tag) {
    case SL_T_LI: case SL_T_DD: case SL_T_DT: return SL_BLOCK_LIST_ITEM;
    case SL_T_BLOCKQUOTE: return SL_BLOCK_QUOTE;
    case SL_T_PRE: return SL_BLOCK_PRE;
    default: return outer == SL_BLOCK_QUOTE || outer == SL_BLOCK_PRE ? outer : SL_BLOCK_PARAGRAPH;
    }
}

static int same_text(const char *a, size_t an, const char *b) {
    /* Compare ignoring whitespace and case: the title as a heading. */
    size_t i = 0, j = 0, bn = strlen(b);
    for (;;) {
        while (i < an && is_space(a[i]))
            i++;
        while (j < bn && is_space(b[j]))
            j++;
        if (i == an || j == bn)
            return i == an && j == bn;
        char x = a[i], y = b[j];
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (y >= 'A' && y <= 'Z')
            y += 32;
        if (x != y)
            return 0;
        i++, j++;
    }
}

static void flush(emitter *em) {
    if (em->buf.len) {
        int skip = em->kind == SL_BLOCK_HEADING && em->title &&
                   same_text(em->buf.data, em->buf.len, em->title);
        if (!skip && sl_draft_add_block(em->d, em->kind, em->buf.data, em->buf.len, NULL))
            em->oom = 1;
        sl_buf_clear(&em->buf);
    }
    if (em->buf.oom)
        em->oom = 1;
}

/* Emit the subtree of root in document order. Block boundaries flush the
 * pending inline text; an explicit stack of open blocks (bounded by the
 * tree's depth) replaces recursion. */
static void emit_subtree(ctx *c, emitter *em, int32_t root, int32_t *stack) {
    const sl_hdoc *doc = c->doc;
    size_t depth = 0;
    sl_block_kind kinds[1];
    (void)kinds;
    em->kind = SL_BLOCK_PARAGRAPH;
    int32_t end = c->st[root].end;
    for (int32_t i = root; i < end;) {
        /* Close blocks that ended before i. */
        while (depth && c->st[stack[depth - 1]].end <= i) {
            flush(em);
            depth--;
            em->kind = SL_BLOCK_PARAGRAPH;
            for (size_t k = 0; k < depth; k++)
                em->kind = kind_of(doc->nodes[stack[k]].tag, em->kind);
        }
        const sl_hnode *e = &doc->nodes[i];
        if (c->fl[i] & (F_DROP | F_CLEAN)) {
            i = c->st[i].end;
            continue;
        }
        if (e->type == SL_HN_TEXT) {
            if (sl_html_decode(e->text, e->text_len, &em->buf, 0))
                em->oom = 1;
            i++;
            continue;
        }
        if (e->tag == SL_T_BR || e->tag == SL_T_HR) {
            flush(em);
            i++;
            continue;
        }
        if (sl_htag_flags(e->tag) & SL_TF_BLOCK) {
            flush(em);
            stack[depth++] = i;
            em->kind = kind_of(e->tag, em->kind);
        }
        i++;
    }
    flush(em);
}

static void mark_clean(ctx *c, int32_t root) {
    if (!(c->rules & R_CLEAN))
        return;
    for (int32_t i = root + 1; i < c->st[root].end;) {
        if (c->fl[i] & F_DROP) {
            i = c->st[i].end;
            continue;
        }
        if (c->doc->nodes[i].type == SL_HN_ELEM && clean_out(c, i)) {
            c->fl[i] |= F_CLEAN;
            i = c->st[i].end;
            continue;
        }
        i++;
    }
}

static size_t run_pass(ctx *c, const uint32_t *tl, const uint32_t *tc, const uint32_t *raw,
                       emitter *em, int32_t *stack) {
    apply_drops(c, raw);
    compute_stats(c, tl, tc);
    score_units(c);
    int32_t best = pick_top(c);
    if (best < 0)
        best = 0;
    select_siblings(c, best);
    size_t before = em->d->text.len;
    int32_t parent = c->doc->nodes[best].parent;
    if (parent < 0) {
        mark_clean(c, best);
        emit_subtree(c, em, best, stack);
    } else {
        for (int32_t s = c->doc->nodes[parent].first; s >= 0; s = c->doc->nodes[s].next) {
            if (!(c->fl[s] & F_KEEP))
                continue;
            mark_clean(c, s);
            emit_subtree(c, em, s, stack);
        }
    }
    return em->d->text.len - before;
}

sl_status sl_hx_content(const sl_hdoc *doc, const char *title, sl_draft *d, sl_error *err) {
    size_t n = doc->n;
    ctx c = {.doc = doc};
    c.st = malloc(n * sizeof *c.st);
    c.fl = malloc(n);
    uint32_t *tl = malloc(n * sizeof *tl), *tc = malloc(n * sizeof *tc);
    uint32_t *raw = malloc(n * sizeof *raw);
    int32_t *stack = malloc(n * sizeof *stack);
    emitter em = {.d = d, .title = title};
    sl_buf_init(&em.buf);
    sl_status st = SL_OK;
    if (!c.st || !c.fl || !tl || !tc || !raw || !stack) {
        st = sl_fail(err, SL_ERR_NOMEM, "out of memory scoring HTML");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const sl_hnode *e = &doc->nodes[i];
        tl[i] = tc[i] = raw[i] = 0;
        c.st[i].cw = 0;
        c.fl[i] = 0;
        if (e->type == SL_HN_TEXT)
            text_stats(e, &tl[i], &tc[i]);
        else if (i > 0)
            classify(&c, (int32_t)i);
    }
    for (size_t i = n; i-- > 1;) /* raw text per subtree, before any drop */
        raw[doc->nodes[i].parent] += doc->nodes[i].type == SL_HN_TEXT ? tl[i] : raw[i];

    /* Gentler rules on retry: keep the first result that is long enough,
     * else re-run the rules that gave the longest one. */
    static const unsigned LEVELS[] = {R_STRIP_CLASS | R_WEIGHT | R_CLEAN, R_WEIGHT | R_CLEAN,
                                      R_CLEAN, 0};
    size_t best_len = 0;
    unsigned best_rules = LEVELS[0];
    int kept = 0;
    for (size_t lv = 0; lv < sizeof LEVELS / sizeof *LEVELS && !em.oom; lv++) {
        c.rules = LEVELS[lv];
        size_t mark_len = d->text.len, mark_blocks = d->n_blocks;
        size_t got = run_pass(&c, tl, tc, raw, &em, stack);
        if (got >= 500) {
            kept = 1;
            break;
        }
        d->text.len = mark_len; /* too short: measure it, try gentler rules */
        if (d->text.data)
            d->text.data[mark_len] = 0;
        d->n_blocks = mark_blocks;
        if (got > best_len) {
            best_len = got;
            best_rules = c.rules;
        }
    }
    if (!kept && !em.oom) {
        c.rules = best_rules;
        run_pass(&c, tl, tc, raw, &em, stack);
    }
    if (em.oom)
        st = sl_fail(err, SL_ERR_NOMEM, "out of memory extracting HTML text");
done:
    sl_buf_free(&em.buf);
    free(c.st);
    free(c.fl);
    free(tl);
    free(tc);
    free(raw);
    free(stack);
    return st;
}

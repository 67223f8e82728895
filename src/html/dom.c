/* dom.c — HTML tokenizer and tree builder (see dom.h).
 *
 * One forward pass over the input: memchr to the next '<', then a small
 * hand-written state machine for tags, comments and raw-text elements.
 * Every construct is consumed in time linear in its length, and every walk
 * of the open-element stack is bounded by the depth limit, so hostile input
 * (unclosed quotes, 100,000-deep nesting, huge lines) stays linear. */
#include "dom.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/draft.h"
#include "../util/arena.h"

enum { V = SL_TF_VOID, R = SL_TF_RAW, B = SL_TF_BLOCK, CP = SL_TF_CLOSES_P, SC = SL_TF_SCOPE,
       HD = SL_TF_HEADING };

typedef struct tag_info {
    const char *name;
    unsigned flags;
} tag_info;

/* Indexed by sl_htag - 1; names sorted, so the table is also searchable. */
static const tag_info TAGS[SL_T_COUNT - 1] = {
    {"a", 0},
    {"abbr", 0},
    {"address", B|CP},
    {"area", V},
    {"article", B|CP},
    {"aside", B|CP},
    {"audio", B},
    {"b", 0},
    {"base", V},
    {"bdi", 0},
    {"bdo", 0},
    {"big", 0},
    {"blockquote", B|CP},
    {"body", B|SC},
    {"br", V|B},
    {"button", SC},
    {"canvas", 0},
    {"caption", B|SC},
    {"center", B|CP},
    {"cite", 0},
    {"code", 0},
    {"col", V},
    {"colgroup", 0},
    {"datalist", 0},
    {"dd", B|CP},
    {"del", 0},
    {"details", B|CP},
    {"dfn", 0},
    {"dialog", B|CP},
    {"div", B|CP},
    {"dl", B|CP},
    {"dt", B|CP},
    {"em", 0},
    {"embed", V},
    {"fieldset", B|CP},
    {"figcaption", B|CP},
    {"figure", B|CP},
    {"font", 0},
    {"footer", B|CP},
    {"form", B|CP},
    {"frame", V},
    {"frameset", B},
    {"h1", B|CP|HD},
    {"h2", B|CP|HD},
    {"h3", B|CP|HD},
    {"h4", B|CP|HD},
    {"h5", B|CP|HD},
    {"h6", B|CP|HD},
    {"head", B},
    {"header", B|CP},
    {"hgroup", B|CP},
    {"hr", V|B|CP},
    {"html", B|SC},
    {"i", 0},
    {"iframe", R|B},
    {"img", V|B},
    {"input", V},
    {"ins", 0},
    {"kbd", 0},
    {"label", 0},
    {"legend", B},
    {"li", B|CP},
    {"link", V},
    {"main", B|CP},
    {"map", 0},
    {"mark", 0},
    {"math", R},
    {"menu", B|CP},
    {"meta", V},
    {"meter", 0},
    {"nav", B|CP},
    {"noembed", R},
    {"noframes", R},
    {"noscript", R},
    {"object", SC},
    {"ol", B|CP},
    {"optgroup", 0},
    {"option", B},
    {"output", 0},
    {"p", B|CP},
    {"param", V},
    {"picture", B},
    {"plaintext", R|CP},
    {"pre", B|CP},
    {"progress", 0},
    {"q", 0},
    {"rp", 0},
    {"rt", 0},
    {"ruby", 0},
    {"s", 0},
    {"samp", 0},
    {"script", R},
    {"search", B|CP},
    {"section", B|CP},
    {"select", B},
    {"small", 0},
    {"source", V},
    {"span", 0},
    {"strike", 0},
    {"strong", 0},
    {"style", R},
    {"sub", 0},
    {"summary", B|CP},
    {"sup", 0},
    {"svg", R},
    {"table", B|CP|SC},
    {"tbody", B},
    {"td", B|SC},
    {"template", R|SC},
    {"textarea", R},
    {"tfoot", B},
    {"th", B|SC},
    {"thead", B},
    {"time", 0},
    {"title", R},
    {"tr", B},
    {"track", V},
    {"tt", 0},
    {"u", 0},
    {"ul", B|CP},
    {"var", 0},
    {"video", B},
    {"wbr", V},
    {"xmp", R|CP},
};

unsigned sl_htag_flags(int tag) {
    return tag > 0 && tag < SL_T_COUNT ? TAGS[tag - 1].flags : 0;
}

const char *sl_htag_name(int tag) {
    return tag > 0 && tag < SL_T_COUNT ? TAGS[tag - 1].name : "";
}

int sl_htag_lookup(const char *name, size_t n) {
    char low[16];
    if (n == 0 || n >= sizeof low)
        return SL_T_UNKNOWN;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    low[n] = 0;
    size_t lo = 0, hi = SL_T_COUNT - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(low, TAGS[mid].name);
        if (c == 0)
            return (int)mid + 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return SL_T_UNKNOWN;
}

const char *sl_hattr_get(const sl_hnode *e, const char *name, size_t *len) {
    size_t nl = strlen(name);
    for (size_t i = 0; i < e->n_attrs; i++) {
        const sl_hattr *a = &e->attrs[i];
        if (a->name_len == nl && strncasecmp(a->name, name, nl) == 0) {
            if (len)
                *len = a->val_len;
            return a->val;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------ builder */

enum { MAX_ATTRS = 64 };

typedef struct builder {
    sl_hdoc *doc;
    sl_arena *arena;
    int32_t *stack;
    size_t depth, max_depth;
    size_t open_p;
} builder;

static int is_space(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

static int is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int32_t new_node(builder *b, int type) {
    sl_hdoc *doc = b->doc;
    if (doc->n == doc->cap) {
        size_t cap = doc->cap * 2;
        sl_hnode *nn = realloc(doc->nodes, cap * sizeof *nn);
        if (!nn) {
            doc->oom = 1;
            return -1;
        }
        doc->nodes = nn;
        doc->cap = cap;
    }
    int32_t id = (int32_t)doc->n++;
    sl_hnode *x = &doc->nodes[id];
    memset(x, 0, sizeof *x);
    x->type = (uint8_t)type;
    x->first = x->last = x->next = -1;
    int32_t parent = b->stack[b->depth - 1];
    x->parent = parent;
    sl_hnode *p = &doc->nodes[parent];
    if (p->last >= 0)
        doc->nodes[p->last].next = id;
    else
        p->first = id;
    p->last = id;
    return id;
}

static void add_text(builder *b, const char *s, size_t n) {
    if (n == 0)
        return;
    sl_hnode *top = &b->doc->nodes[b->stack[b->depth - 1]];
    if (top->last >= 0) {
        sl_hnode *prev = &b->doc->nodes[top->last];
        if (prev->type == SL_HN_TEXT && prev->text + prev->text_len == s &&
            prev->text_len + n < UINT32_MAX) {
            prev->text_len += (uint32_t)n;
            return;
        }
    }
    size_t off = 0;
    while (off < n) { /* text longer than 4 GiB splits into nodes */
        size_t k = n - off < UINT32_MAX ? n - off : UINT32_MAX - 1;
        int32_t id = new_node(b, SL_HN_TEXT);
        if (id < 0)
            return;
        b->doc->nodes[id].text = s + off;
        b->doc->nodes[id].text_len = (uint32_t)k;
        off += k;
    }
}

static void pop_to(builder *b, size_t k) { /* keep stack[0..k) */
    while (b->depth > k) {
        b->depth--;
        if (b->doc->nodes[b->stack[b->depth]].tag == SL_T_P)
            b->open_p--;
    }
}

/* Index in the stack of the nearest open `tag`, not crossing an element
 * whose flags intersect `stop` (or a tag in stop_tags); 0 if none. */
static size_t find_open(builder *b, int tag, unsigned stop, int stop_tag1, int stop_tag2) {
    for (size_t k = b->depth; k-- > 1;) {
        int t = b->doc->nodes[b->stack[k]].tag;
        if (t == tag)
            return k;
        if ((sl_htag_flags(t) & stop) || t == stop_tag1 || t == stop_tag2)
            return 0;
    }
    return 0;
}

static void close_if_open(builder *b, int tag, unsigned stop, int st1, int st2) {
    size_t k = find_open(b, tag, stop, st1, st2);
    if (k)
        pop_to(b, k);
}

/* The implied end tags a start tag causes. */
static void implied_ends(builder *b, int tag, unsigned flags) {
    if ((flags & SL_TF_CLOSES_P) && b->open_p)
        close_if_open(b, SL_T_P, SL_TF_SCOPE, -1, -1);
    switch (tag) {
    case SL_T_LI:
        close_if_open(b, SL_T_LI, SL_TF_SCOPE, SL_T_UL, SL_T_OL);
        break;
    case SL_T_DT:
    case SL_T_DD:
        close_if_open(b, SL_T_DD, SL_TF_SCOPE, SL_T_DL, -1);
        close_if_open(b, SL_T_DT, SL_TF_SCOPE, SL_T_DL, -1);
        break;
    case SL_T_TR:
        close_if_open(b, SL_T_TR, 0, SL_T_TABLE, -1);
        break;
    case SL_T_TD:
    case SL_T_TH:
        close_if_open(b, SL_T_TD, 0, SL_T_TABLE, SL_T_TR);
        close_if_open(b, SL_T_TH, 0, SL_T_TABLE, SL_T_TR);
        break;
    case SL_T_TBODY:
    case SL_T_THEAD:
    case SL_T_TFOOT:
        close_if_open(b, SL_T_TBODY, 0, SL_T_TABLE, -1);
        close_if_open(b, SL_T_THEAD, 0, SL_T_TABLE, -1);
        close_if_open(b, SL_T_TFOOT, 0, SL_T_TABLE, -1);
        break;
    case SL_T_OPTION:
        if (b->doc->nodes[b->stack[b->depth - 1]].tag == SL_T_OPTION)
            pop_to(b, b->depth - 1);
        break;
    default:
        if ((flags & SL_TF_HEADING) &&
            (sl_htag_flags(b->doc->nodes[b->stack[b->depth - 1]].tag) & SL_TF_HEADING))
            pop_to(b, b->depth - 1);
        break;
    }
}

static size_t skip_ws(const char *s, size_t i, size_t n) {
    while (i < n && is_space(s[i]))
        i++;
    return i;
}

/* Parse attributes from s[i] up to and including '>'. Returns the index
 * after '>', or SIZE_MAX when the input ends inside the tag. */
static size_t parse_attrs(const char *s, size_t i, size_t n, sl_hattr *attrs, size_t *n_attrs,
                          int *self_closing) {
    size_t na = 0;
    *self_closing = 0;
    for (;;) {
        while (i < n && (is_space(s[i]) || s[i] == '/')) {
            if (s[i] == '/' && i + 1 < n && s[i + 1] == '>')
                *self_closing = 1;
            i++;
        }
        if (i >= n) {
            *n_attrs = na;
            return SIZE_MAX;
        }
        if (s[i] == '>')
            break;
        size_t ns = i++;
        while (i < n && !is_space(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=')
            i++;
        size_t ne = i;
        i = skip_ws(s, i, n);
        size_t vs = i, ve = i;
        if (i < n && s[i] == '=') {
            i = skip_ws(s, i + 1, n);
            if (i < n && (s[i] == '"' || s[i] == '\'')) {
                const char *q = memchr(s + i + 1, s[i], n - i - 1);
                if (!q) {
                    *n_attrs = na;
                    return SIZE_MAX;
                }
                vs = i + 1;
                ve = (size_t)(q - s);
                i = ve + 1;
            } else {
                vs = i;
                while (i < n && !is_space(s[i]) && s[i] != '>')
                    i++;
                ve = i;
            }
        }
        if (na < MAX_ATTRS && ne - ns < UINT32_MAX && ve - vs < UINT32_MAX) {
            attrs[na].name = s + ns;
            attrs[na].name_len = (uint32_t)(ne - ns);
            attrs[na].val = s + vs;
            attrs[na].val_len = (uint32_t)(ve - vs);
            na++;
        }
    }
    *n_attrs = na;
    return i + 1;
}

/* End of a raw-text element's content: index of "</name" or n. */
static size_t find_raw_end(const char *s, size_t i, size_t n, const char *name, size_t nl) {
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            return n;
        size_t k = (size_t)(lt - s);
        if (k + 2 + nl <= n && s[k + 1] == '/' && strncasecmp(s + k + 2, name, nl) == 0 &&
            (k + 2 + nl == n || is_space(s[k + 2 + nl]) || s[k + 2 + nl] == '>' ||
             s[k + 2 + nl] == '/'))
            return k;
        i = k + 1;
    }
    return n;
}

static int is_jsonld(const sl_hnode *e) {
    size_t n;
    const char *t = sl_hattr_get(e, "type", &n);
    return t && n >= 19 && strncasecmp(t, "application/ld+json", 19) == 0;
}

static void keep_jsonld(builder *b, const char *s, size_t n) {
    sl_hdoc *doc = b->doc;
    if (doc->n_jsonld == doc->cap_jsonld) {
        size_t cap = doc->cap_jsonld ? doc->cap_jsonld * 2 : 4;
        const char **a = sl_arena_alloc(b->arena, cap * sizeof *a);
        size_t *l = sl_arena_alloc(b->arena, cap * sizeof *l);
        if (!a || !l) {
            doc->oom = 1;
            return;
        }
        if (doc->n_jsonld) {
            memcpy(a, doc->jsonld, doc->n_jsonld * sizeof *a);
            memcpy(l, doc->jsonld_len, doc->n_jsonld * sizeof *l);
        }
        doc->jsonld = a;
        doc->jsonld_len = l;
        doc->cap_jsonld = cap;
    }
    doc->jsonld[doc->n_jsonld] = s;
    doc->jsonld_len[doc->n_jsonld++] = n;
}

/* A raw-text element: skip its content, keeping what metadata needs. */
static size_t raw_content(builder *b, int32_t id, const char *s, size_t i, size_t n) {
    sl_hnode *e = &b->doc->nodes[id];
    if (e->tag == SL_T_PLAINTEXT)
        return n;
    const char *name = sl_htag_name(e->tag);
    size_t end = find_raw_end(s, i, n, name, strlen(name));
    if (e->tag == SL_T_TITLE && !b->doc->title) {
        b->doc->title = s + i;
        b->doc->title_len = end - i;
    } else if (e->tag == SL_T_SCRIPT && is_jsonld(e)) {
        keep_jsonld(b, s + i, end - i);
    }
    if (end == n)
        return n;
    const char *gt = memchr(s + end, '>', n - end);
    return gt ? (size_t)(gt - s) + 1 : n;
}

static int same_unknown(const sl_hnode *e, const char *name, size_t nl) {
    return e->tag == SL_T_UNKNOWN && e->text_len == nl && strncasecmp(e->text, name, nl) == 0;
}

static size_t start_tag(builder *b, const char *s, size_t i, size_t n) {
    size_t ns = i;
    while (i < n && !is_space(s[i]) && s[i] != '/' && s[i] != '>')
        i++;
    size_t nl = i - ns;
    int tag = sl_htag_lookup(s + ns, nl);
    sl_hattr attrs[MAX_ATTRS];
    size_t na;
    int self_closing;
    i = parse_attrs(s, i, n, attrs, &na, &self_closing);
    if (i == SIZE_MAX)
        return n; /* the input ends inside the tag: drop it */
    unsigned flags = sl_htag_flags(tag);
    if (tag == SL_T_HTML || tag == SL_T_BODY || tag == SL_T_HEAD) {
        /* A second <html>/<body> adds no node; the first carries lang. */
        for (size_t k = 1; k < b->depth; k++)
            if (b->doc->nodes[b->stack[k]].tag == tag)
                return i;
    }
    if (tag == SL_T_BR)
        flags = SL_TF_VOID; /* a line break does not close an open <p> */
    implied_ends(b, tag, flags);
    int32_t id = new_node(b, SL_HN_ELEM);
    if (id < 0)
        return n;
    sl_hnode *e = &b->doc->nodes[id];
    e->tag = (uint8_t)tag;
    if (tag == SL_T_UNKNOWN) {
        e->text = s + ns;
        e->text_len = nl < UINT32_MAX ? (uint32_t)nl : 0;
    }
    if (na) {
        e->attrs = sl_arena_alloc(b->arena, na * sizeof *attrs);
        if (!e->attrs) {
            b->doc->oom = 1;
            return n;
        }
        memcpy(e->attrs, attrs, na * sizeof *attrs);
        e->n_attrs = (uint16_t)na;
    }
    if (flags & SL_TF_RAW)
        return raw_content(b, id, s, i, n);
    if ((flags & SL_TF_VOID) || (self_closing && tag == SL_T_UNKNOWN))
        return i;
    if (b->depth >= b->max_depth) {
        b->doc->truncated_depth = 1; /* flattened: children go to the top */
        return i;
    }
    b->stack[b->depth++] = id;
    if (tag == SL_T_P)
        b->open_p++;
    return i;
}

static size_t end_tag(builder *b, const char *s, size_t i, size_t n) {
    size_t ns = i;
    while (i < n && !is_space(s[i]) && s[i] != '/' && s[i] != '>')
        i++;
    size_t nl = i - ns;
    sl_hattr attrs[MAX_ATTRS];
    size_t na;
    int sc;
    i = parse_attrs(s, i, n, attrs, &na, &sc);
    if (i == SIZE_MAX)
        return n;
    int tag = sl_htag_lookup(s + ns, nl);
    if (tag == SL_T_BR) {
        int32_t id = new_node(b, SL_HN_ELEM);
        if (id >= 0)
            b->doc->nodes[id].tag = SL_T_BR;
        return i;
    }
    if (tag == SL_T_P && !b->open_p)
        return i;
    unsigned flags = sl_htag_flags(tag);
    /* Inline end tags cannot close through a block; block end tags not
     * through a table cell or table; table parts stop at their table. */
    unsigned stop = (flags & SL_TF_BLOCK) ? SL_TF_SCOPE : (SL_TF_BLOCK | SL_TF_SCOPE);
    if (tag == SL_T_TD || tag == SL_T_TH || tag == SL_T_TR || tag == SL_T_TBODY ||
        tag == SL_T_THEAD || tag == SL_T_TFOOT || tag == SL_T_CAPTION)
        stop = 0;
    for (size_t k = b->depth; k-- > 1;) {
        const sl_hnode *e = &b->doc->nodes[b->stack[k]];
        if (tag != SL_T_UNKNOWN ? e->tag == tag : same_unknown(e, s + ns, nl)) {
            pop_to(b, k);
            break;
        }
        unsigned ef = sl_htag_flags(e->tag);
        if ((ef & stop) || (stop == 0 && e->tag == SL_T_TABLE))
            break;
        if (tag == SL_T_UNKNOWN && (ef & SL_TF_SCOPE))
            break;
    }
    return i;
}

/* Comments, doctype, CDATA, processing instructions: skipped. */
static size_t markup_decl(const char *s, size_t i, size_t n) {
    if (i + 3 <= n && s[i + 1] == '-' && s[i + 2] == '-') {
        size_t k = i + 3;
        if (k < n && s[k] == '>')
            return k + 1;
        if (k + 1 < n && s[k] == '-' && s[k + 1] == '>')
            return k + 2;
        for (;;) {
            const char *d = memchr(s + k, '-', n - k);
            if (!d)
                return n;
            k = (size_t)(d - s);
            if (k + 2 < n && s[k + 1] == '-' && s[k + 2] == '>')
                return k + 3;
            if (k + 3 < n && s[k + 1] == '-' && s[k + 2] == '!' && s[k + 3] == '>')
                return k + 4;
            k++;
        }
    }
    if (i + 8 <= n && memcmp(s + i + 1, "[CDATA[", 7) == 0) {
        for (size_t k = i + 8;;) {
            const char *d = memchr(s + k, ']', n - k);
            if (!d)
                return n;
            k = (size_t)(d - s);
            if (k + 2 < n && s[k + 1] == ']' && s[k + 2] == '>')
                return k + 3;
            k++;
        }
    }
    const char *gt = memchr(s + i, '>', n - i);
    return gt ? (size_t)(gt - s) + 1 : n;
}

sl_status sl_hdoc_parse(sl_hdoc *doc, const char *s, size_t n, size_t max_depth,
                        sl_arena *arena, sl_error *err) {
    memset(doc, 0, sizeof *doc);
    if (max_depth == 0)
        max_depth = 512;
    builder b = {.doc = doc, .arena = arena, .max_depth = max_depth + 1};
    doc->cap = n / 64 + 64;
    doc->nodes = malloc(doc->cap * sizeof *doc->nodes);
    b.stack = malloc(b.max_depth * sizeof *b.stack);
    if (!doc->nodes || !b.stack) {
        free(b.stack);
        sl_hdoc_free(doc);
        return sl_fail(err, SL_ERR_NOMEM, "out of memory parsing HTML");
    }
    memset(&doc->nodes[0], 0, sizeof doc->nodes[0]);
    doc->nodes[0].parent = doc->nodes[0].first = doc->nodes[0].last = doc->nodes[0].next = -1;
    doc->n = 1;
    b.stack[0] = 0;
    b.depth = 1;
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && !doc->oom) {
        const char *lt = memchr(s + i, '<', n - i);
        size_t k = lt ? (size_t)(lt - s) : n;
        if (k + 1 >= n) {
            add_text(&b, s + i, n - i);
            break;
        }
        char c = s[k + 1];
        if (is_alpha(c)) {
            add_text(&b, s + i, k - i);
            i = start_tag(&b, s, k + 1, n);
        } else if (c == '/' && k + 2 < n && is_alpha(s[k + 2])) {
            add_text(&b, s + i, k - i);
            i = end_tag(&b, s, k + 2, n);
        } else if (c == '!' || c == '?' || c == '/') {
            add_text(&b, s + i, k - i);
            i = markup_decl(s, k + 1, n);
        } else {
            add_text(&b, s + i, k + 1 - i); /* a literal '<' */
            i = k + 1;
        }
    }
    free(b.stack);
    if (doc->oom) {
        sl_hdoc_free(doc);
        return sl_fail(err, SL_ERR_NOMEM, "out of memory parsing HTML");
    }
    return SL_OK;
}

void sl_hdoc_free(sl_hdoc *doc) {
    free(doc->nodes);
    doc->nodes = NULL;
    doc->n = doc->cap = 0;
}

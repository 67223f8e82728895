/* htmlmeta.c — page metadata: title, dates, authors, outlet, canonical URL
 * and language, from JSON-LD, <meta>, <link>, <time>, <title>, <h1> and
 * author bylines. Dates come only from structured markup here; a
 * copyright footer is never read. The JSON-LD scanner is iterative with
 * an explicit, depth-limited stack. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hx.h"
#include "../meta/date.h"
#include "../util/buf.h"
#include "../util/utf8.h"

enum { MAX_AUTHORS = 8 };

typedef struct meta {
    sl_draft *d;
    sl_buf tmp;
    const char *og_title, *ld_title, *h1_title, *og_url;
    const char *authors[MAX_AUTHORS];
    size_t n_authors;
    int authors_from_ld;
} meta;

static int is_space(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

static int eq(const char *s, size_t n, const char *lit) {
    size_t m = strlen(lit);
    return n == m && strncasecmp(s, lit, m) == 0;
}

/* Decoded, trimmed copy of a raw attribute/text slice in the arena. */
static const char *dup_decoded(meta *m, const char *s, size_t n) {
    sl_buf_clear(&m->tmp);
    if (sl_html_decode(s, n, &m->tmp, 1))
        return NULL;
    return sl_draft_str(m->d, m->tmp.data, m->tmp.len);
}

static void add_date(meta *m, const char *s, size_t n, sl_date_source src) {
    char iso[32];
    while (n && is_space(*s))
        s++, n--;
    if (n && n < 128 && sl_date_parse(s, n, iso))
        sl_draft_add_date(m->d, iso, src);
}

static void add_author(meta *m, const char *s, size_t n) {
    const char *a = dup_decoded(m, s, n);
    if (!a || m->n_authors == MAX_AUTHORS || strlen(a) > 80)
        return;
    /* Profile URLs and "By" prefixes are not names. */
    if (strncasecmp(a, "http", 4) == 0 || strchr(a, '/'))
        return;
    if (strncasecmp(a, "by ", 3) == 0)
        a += 3;
    for (size_t i = 0; i < m->n_authors; i++)
        if (strcasecmp(m->authors[i], a) == 0)
            return;
    m->authors[m->n_authors++] = a;
}

/* ------------------------------------------------------------ JSON-LD */

typedef struct jframe {
    const char *key; /* key this container sits under in its parent */
    size_t key_len;
    int is_array;
} jframe;

/* Decode the JSON string at s[i] == '"'; returns index after the closing
 * quote (n if unterminated). The decoded text goes to out. */
static size_t json_string(const char *s, size_t i, size_t n, sl_buf *out) {
    i++;
    while (i < n) {
        size_t k = i;
        while (k < n && s[k] != '"' && s[k] != '\\')
            k++;
        if (out)
            sl_buf_append(out, s + i, k - i);
        if (k >= n)
            return n;
        if (s[k] == '"')
            return k + 1;
        if (k + 1 >= n)
            return n;
        char e = s[k + 1];
        i = k + 2;
        if (!out)
            continue;
        switch (e) {
        case 'n': case 'r': case 't': case 'b': case 'f': sl_buf_putc(out, ' '); break;
        case 'u': {
            int32_t cp = 0;
            size_t j = 0;
            for (; j < 4 && i + j < n; j++) {
                char h = s[i + j];
                int v = h >= '0' && h <= '9' ? h - '0'
                        : (h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10 : -1;
                if (v < 0)
                    break;
                cp = cp * 16 + v;
            }
            i += j;
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= n && s[i] == '\\' && s[i + 1] == 'u') {
                int32_t lo = (int32_t)strtol((char[]){s[i + 2], s[i + 3], s[i + 4], s[i + 5], 0},
                                             NULL, 16);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD;
            char enc[4];
            sl_buf_append(out, enc, sl_utf8_encode(cp, enc));
            break;
        }
        default: sl_buf_putc(out, e); break;
        }
    }
    return n;
}

static void ld_value(meta *m, const jframe *fr, size_t depth, const char *key, size_t kl,
                     const char *v, size_t vn) {
    const jframe *cur = &fr[depth - 1];
    /* The key a value is "under": an array's items take the array's key. */
    const char *owner = cur->key;
    size_t owner_len = cur->key_len;
    if (depth >= 2 && cur->is_array == 0 && owner == NULL) {
        owner = fr[depth - 2].key;
        owner_len = fr[depth - 2].key_len;
    }
    if (cur->is_array) {
        key = cur->key;
        kl = cur->key_len;
    }
    if (!key)
        return;
    if (eq(key, kl, "datePublished")) {
        add_date(m, v, vn, SL_DATE_JSONLD);
    } else if (eq(key, kl, "headline") && !m->ld_title) {
        m->ld_title = dup_decoded(m, v, vn);
    } else if (eq(key, kl, "author") || eq(key, kl, "creator")) {
        m->authors_from_ld = 1;
        add_author(m, v, vn);
    } else if (eq(key, kl, "name") && owner) {
        if (eq(owner, owner_len, "author") || eq(owner, owner_len, "creator")) {
            m->authors_from_ld = 1;
            add_author(m, v, vn);
        } else if (eq(owner, owner_len, "publisher") && !m->d->outlet) {
            m->d->outlet = dup_decoded(m, v, vn);
        }
    }
}

static void scan_jsonld(meta *m, const char *s, size_t n, size_t max_depth) {
    jframe fr[64];
    size_t cap = max_depth < 64 ? max_depth : 64;
    size_t depth = 0, skipped = 0; /* containers beyond cap are only counted */
    const char *key = NULL;
    size_t kl = 0;
    int expect_key = 0;
    sl_buf val;
    sl_buf_init(&val);
    for (size_t i = 0; i < n;) {
        char ch = s[i];
        if (ch == '{' || ch == '[') {
            if (depth < cap && !skipped) {
                fr[depth].key = depth ? key : NULL;
                fr[depth].key_len = depth ? kl : 0;
                if (depth && fr[depth - 1].is_array) {
                    fr[depth].key = NULL;
                    fr[depth].key_len = 0;
                }
                fr[depth].is_array = ch == '[';
                depth++;
            } else {
                skipped++;
            }
            key = NULL;
            expect_key = ch == '{';
            i++;
        } else if (ch == '}' || ch == ']') {
            if (skipped)
                skipped--;
            else if (depth)
                depth--;
            key = NULL;
            expect_key = 0;
            i++;
        } else if (ch == ',') {
            expect_key = depth && !fr[depth - 1].is_array;
            key = NULL;
            i++;
        } else if (ch == '"') {
            if (expect_key && !skipped) {
                size_t start = i + 1;
                i = json_string(s, i, n, NULL);
                key = s + start;
                kl = i > start ? i - start - 1 : 0;
                expect_key = 0;
            } else {
                sl_buf_clear(&val);
                i = json_string(s, i, n, &val);
                if (depth && !skipped && val.len)
                    ld_value(m, fr, depth, key, kl, val.data, val.len);
                key = NULL;
            }
        } else {
            i++;
        }
    }
    sl_buf_free(&val);
}

/* --------------------------------------------------------------- title */

static int count_words(const char *s, size_t n) {
    int w = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = is_space(s[i]);
        w += !sp && !in;
        in = !sp;
    }
    return w;
}

/* "Ferry strike ends | Marrow Bay Gazette" -> "Ferry strike ends". */
static const char *clean_title(meta *m, const char *t) {
    static const char *const SEPS[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ",
                                       " \xc2\xbb ", " \xc2\xab ", " \xc2\xb7 ", " / "};
    if (!t)
        return NULL;
    size_t n = strlen(t);
    for (int round = 0; round < 2; round++) {
        size_t best = 0, sl = 0;
        for (size_t k = 0; k < sizeof SEPS / sizeof *SEPS; k++) {
            size_t ln = strlen(SEPS[k]);
            for (size_t i = n; i-- > 0;) {
                if (i + ln <= n && memcmp(t + i, SEPS[k], ln) == 0) {
                    if (i > best) {
                        best = i;
                        sl = ln;
                    }
                    break;
                }
            }
        }
        if (!best)
            break;
        int tail = count_words(t + best + sl, n - best - sl);
        int head = count_words(t, best);
        if (tail > 5 || head < 2)
            break;
        n = best;
    }
    return sl_draft_str(m->d, t, n);
}

/* -------------------------------------------------------------- <meta> */

static int name_is_date(const char *s, size_t n) {
    static const char *const NAMES[] = {
        "article:published_time", "og:article:published_time", "datePublished", "date",
        "pubdate", "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued",
        "dc.date.created", "dcterms.created", "dcterms.date", "dcterms.issued", "sailthru.date",
        "parsely-pub-date", "article.published", "originalpublicationdate", "citation_date",
        "citation_publication_date", "og:published_time", "published_time", "article_date_original",
        "release_date", "displaydate"};
    for (size_t k = 0; k < sizeof NAMES / sizeof *NAMES; k++)
        if (eq(s, n, NAMES[k]))
            return 1;
    return 0;
}

static int name_is_author(const char *s, size_t n) {
    return eq(s, n, "author") || eq(s, n, "article:author") || eq(s, n, "dc.creator") ||
           eq(s, n, "sailthru.author") || eq(s, n, "parsely-author") || eq(s, n, "byl") ||
           eq(s, n, "dcterms.creator") || eq(s, n, "citation_author");
}

static void meta_tag(meta *m, const sl_hnode *e) {
    size_t kl = 0, cl = 0;
    const char *k = sl_hattr_get(e, "property", &kl);
    if (!k)
        k = sl_hattr_get(e, "name", &kl);
    if (!k)
        k = sl_hattr_get(e, "itemprop", &kl);
    const char *c = sl_hattr_get(e, "content", &cl);
    if (!k || !c)
        return;
    sl_draft *d = m->d;
    if (eq(k, kl, "og:title") || eq(k, kl, "twitter:title")) {
        if (!m->og_title)
            m->og_title = dup_decoded(m, c, cl);
    } else if (eq(k, kl, "og:site_name")) {
        if (!d->outlet)
            d->outlet = dup_decoded(m, c, cl);
    } else if (eq(k, kl, "og:url")) {
        if (!m->og_url)
            m->og_url = dup_decoded(m, c, cl);
    } else if (name_is_date(k, kl)) {
        add_date(m, c, cl, SL_DATE_META);
    } else if (name_is_author(k, kl)) {
        if (!m->authors_from_ld)
            add_author(m, c, cl);
    }
}

/* Text of element i's subtree (decoded), at most cap bytes. */
static void subtree_text(const sl_hdoc *doc, int32_t i, sl_buf *out, size_t cap) {
    int32_t stop = doc->nodes[i].next;
    for (int32_t a = i; stop < 0 && a >= 0; a = doc->nodes[a].parent)
        stop = doc->nodes[a].next;
    if (stop < 0)
        stop = (int32_t)doc->n;
    for (int32_t k = i + 1; k < stop && out->len < cap; k++) {
        const sl_hnode *t = &doc->nodes[k];
        if (t->type == SL_HN_TEXT) {
            sl_html_decode(t->text, t->text_len, out, 0);
            sl_buf_putc(out, ' ');
        }
    }
}

static void byline(meta *m, const sl_hdoc *doc, int32_t i) {
    sl_buf_clear(&m->tmp);
    subtree_text(doc, i, &m->tmp, 200);
    const char *s = m->tmp.data;
    size_t n = m->tmp.len;
    while (n && is_space(*s))
        s++, n--;
    while (n && is_space(s[n - 1]))
        n--;
    if (n == 0 || n > 80 || count_words(s, n) > 8)
        return;
    if (n > 3 && strncasecmp(s, "by ", 3) == 0)
        s += 3, n -= 3;
    const char *a = sl_draft_str(m->d, s, n);
    if (a && m->n_authors < MAX_AUTHORS)
        m->authors[m->n_authors++] = a;
}

static void join_authors(meta *m) {
    if (!m->n_authors || m->d->authors)
        return;
    sl_buf_clear(&m->tmp);
    for (size_t i = 0; i < m->n_authors; i++) {
        if (i)
            sl_buf_append(&m->tmp, "; ", 2);
        sl_buf_puts(&m->tmp, m->authors[i]);
    }
    m->d->authors = sl_draft_str(m->d, m->tmp.data, m->tmp.len);
}

static void set_language(meta *m, const char *v, size_t n) {
    char lang[4];
    size_t k = 0;
    while (k < n && k < 3 && ((v[k] | 0x20) >= 'a' && (v[k] | 0x20) <= 'z')) {
        lang[k] = (char)(v[k] | 0x20);
        k++;
    }
    if (k >= 2 && (k == n || v[k] == '-' || v[k] == '_'))
        m->d->language = sl_arena_strndup(&m->d->arena, lang, k);
}

void sl_hx_meta(const sl_hdoc *doc, sl_draft *d, size_t max_depth) {
    meta m = {.d = d};
    sl_buf_init(&m.tmp);
    if (max_depth == 0)
        max_depth = 512;
    for (size_t j = 0; j < doc->n_jsonld; j++)
        scan_jsonld(&m, doc->jsonld[j], doc->jsonld_len[j], max_depth);
    const char *canonical = NULL;
    size_t canon_len = 0;
    int32_t byline_node = -1;
    int seen_time = 0;
    for (size_t i = 1; i < doc->n; i++) {
        const sl_hnode *e = &doc->nodes[i];
        if (e->type != SL_HN_ELEM)
            continue;
        size_t vl;
        const char *v;
        switch (e->tag) {
        case SL_T_META:
            meta_tag(&m, e);
            break;
        case SL_T_HTML:
            if (!d->language && (v = sl_hattr_get(e, "lang", &vl)) != NULL)
                set_language(&m, v, vl);
            break;
        case SL_T_LINK:
            if ((v = sl_hattr_get(e, "rel", &vl)) && eq(v, vl, "canonical") && !canonical)
                canonical = sl_hattr_get(e, "href", &canon_len);
            break;
        case SL_T_TIME:
            if ((v = sl_hattr_get(e, "itemprop", &vl)) && eq(v, vl, "datePublished")) {
                const char *dt = sl_hattr_get(e, "datetime", &vl);
                if (dt)
                    add_date(&m, dt, vl, SL_DATE_META);
            } else if ((sl_hattr_get(e, "pubdate", NULL) || !seen_time) &&
                       (v = sl_hattr_get(e, "datetime", &vl)) != NULL) {
                /* Without a marker only the page's first <time> counts: later
                 * ones date comments and related links. Declared meta tags
                 * come first in the page and so still win. */
                add_date(&m, v, vl, SL_DATE_META);
            }
            seen_time = 1;
            break;
        case SL_T_H1:
            if (!m.h1_title) {
                sl_buf_clear(&m.tmp);
                subtree_text(doc, (int32_t)i, &m.tmp, 400);
                m.h1_title = sl_draft_str(d, m.tmp.data, m.tmp.len);
            }
            break;
        default:
            break;
        }
        if (byline_node < 0 && e->tag != SL_T_META && e->tag != SL_T_LINK &&
            e->tag != SL_T_HTML && e->tag != SL_T_BODY) {
            for (size_t k = 0; k < e->n_attrs; k++) {
                const sl_hattr *a = &e->attrs[k];
                if ((eq(a->name, a->name_len, "class") &&
                     (sl_hx_class_words(a->val, a->val_len) & SL_CW_BYLINE)) ||
                    (eq(a->name, a->name_len, "rel") && eq(a->val, a->val_len, "author")) ||
                    (eq(a->name, a->name_len, "itemprop") && eq(a->val, a->val_len, "author")))
                    byline_node = (int32_t)i;
            }
        }
    }
    if (!d->url && canonical && canon_len)
        d->url = dup_decoded(&m, canonical, canon_len);
    if (!d->url)
        d->url = m.og_url;
    if (m.n_authors == 0 && byline_node >= 0)
        byline(&m, doc, byline_node);
    join_authors(&m);
    if (!d->title) {
        const char *t = m.og_title ? m.og_title : m.ld_title ? m.ld_title : m.h1_title;
        if (!t && doc->title)
            t = dup_decoded(&m, doc->title, doc->title_len);
        d->title = clean_title(&m, t);
    }
    sl_buf_free(&m.tmp);
}

/* jsonl.c — JSONL dumps: one JSON object per line, as written by news-please,
 * trafilatura or a plain exporter. Lines are parsed in place in the input
 * window; only a line longer than the window is copied, and a line over
 * max_line_bytes is skipped without being held in memory. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "reader_int.h"
#include "../core/draft.h"
#include "../meta/date.h"
#include "../meta/meta.h"
#include "../text/plain.h"

typedef enum { LINE_OK, LINE_END, LINE_LONG, LINE_NOMEM } line_rc;

typedef struct line {
    const char *p;
    size_t n;          /* bytes without the newline */
    uint64_t off;      /* decoded offset of the first byte */
} line;

/* Whole line in the window: no copy. The pointer stays valid until the
 * next fill, i.e. while the line is handled. */
static line_rc line_in_window(sl_reader *r, const char *d, size_t k, size_t eat, line *l) {
    sl_gz_consume(&r->in, eat);
    if (r->line.len == 0) {
        l->p = d;
        l->n = k;
        return LINE_OK;
    }
    if (sl_buf_append(&r->line, d, k))
        return LINE_NOMEM;
    l->p = r->line.data;
    l->n = r->line.len;
    return LINE_OK;
}

static line_rc next_line(sl_reader *r, line *l) {
    sl_gz *g = &r->in;
    size_t max = r->lim.max_line_bytes;
    sl_buf_clear(&r->line);
    l->off = sl_gz_tell(g);
    uint64_t spilled = 0; /* bytes before the window (copied or skipped) */
    int too_long = 0;
    size_t scanned = 0;   /* window bytes known to hold no newline */
    for (;;) {
        size_t avail = sl_gz_avail(g);
        const char *d = sl_gz_data(g);
        const char *nl = memchr(d + scanned, '\n', avail - scanned);
        int at_end = !nl && g->eof;
        if (nl || at_end) {
            size_t k = nl ? (size_t)(nl - d) : avail;
            l->n = (size_t)(spilled + k);
            if (!nl && spilled == 0 && k == 0)
                return LINE_END;
            if (too_long || spilled + k > max) {
                sl_gz_consume(g, nl ? k + 1 : k);
                l->n = (size_t)(spilled + k);
                return LINE_LONG;
            }
            return line_in_window(r, d, k, nl ? k + 1 : k, l);
        }
        if (avail < sl_gz_window(g)) { /* room left: read more first */
            scanned = avail;
            sl_gz_fill(g, avail + 1);
            continue;
        }
        /* A full window without a newline: copy it aside, or drop it once
         * the line is known to be over the limit. */
        if (!too_long && spilled + avail > max) {
            too_long = 1;
            sl_buf_free(&r->line);
        }
        if (!too_long && sl_buf_append(&r->line, d, avail))
            return LINE_NOMEM;
        spilled += avail;
        sl_gz_consume(g, avail);
        scanned = 0;
        sl_gz_fill(g, 1);
    }
}

static const char *str_field(const sl_json *o, const char *const *keys) {
    for (; *keys; keys++) {
        const sl_json *v = sl_json_get(o, *keys);
        if (v && v->type == SL_JSON_STRING && v->len)
            return v->str;
    }
    return NULL;
}

static int is_url(const char *s) {
    return s && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0);
}

/* news-please: "authors": ["A", "B"]; trafilatura: "author": "A; B". */
static const char *authors_field(sl_draft *d, const sl_json *o) {
    const sl_json *v = sl_json_get(o, "authors");
    if (!v || (v->type != SL_JSON_ARRAY && v->type != SL_JSON_STRING))
        v = sl_json_get(o, "author");
    if (!v)
        return NULL;
    if (v->type == SL_JSON_STRING)
        return sl_draft_str(d, v->str, v->len);
    if (v->type != SL_JSON_ARRAY)
        return NULL;
    sl_buf b;
    sl_buf_init(&b);
    for (const sl_json *c = v->child; c; c = c->next) {
        const sl_json *s = c->type == SL_JSON_OBJECT ? sl_json_get(c, "name") : c;
        if (!s || s->type != SL_JSON_STRING || !s->len)
            continue;
        if (b.len)
            sl_buf_append(&b, "; ", 2);
        sl_buf_append(&b, s->str, s->len);
    }
    const char *r = b.oom ? NULL : sl_draft_str(d, b.data, b.len);
    sl_buf_free(&b);
    return r;
}

static const char *id_field(sl_draft *d, const sl_json *o) {
    const sl_json *v = sl_json_get(o, "id");
    if (v && (v->type == SL_JSON_STRING || v->type == SL_JSON_NUMBER) && v->len)
        return sl_arena_strndup(&d->arena, v->str, v->len);
    return NULL;
}

static const char *const title_keys[] = {"title", "headline", NULL};

static void meta_fields(sl_draft *d, const sl_json *o) {
    static const char *const *const title = title_keys;
    static const char *const date[] = {"date_publish", "date", "date_published",
                                       "datePublished", "published", "publish_date", NULL};
    static const char *const url[] = {"url", "source", "link", NULL};
    static const char *const outlet[] = {"source_domain", "source-hostname", "sitename",
                                         "hostname", "outlet", NULL};
    static const char *const lang[] = {"language", "lang", NULL};
    const char *s;
    if ((s = str_field(o, title)))
        d->title = sl_draft_str(d, s, strlen(s));
    for (const char *const *k = url; *k; k++) {
        const sl_json *v = sl_json_get(o, *k);
        if (v && v->type == SL_JSON_STRING && is_url(v->str)) {
            d->url = sl_arena_strndup(&d->arena, v->str, v->len);
            break;
        }
    }
    if ((s = str_field(o, outlet))) {
        /* A domain ("www.example.org") names the outlet as its URL would;
         * a name with spaces ("Meridian Wire") is kept as written. */
        char host[256];
        if (!strchr(s, ' ') && strchr(s, '.') && sl_url_host(s, host, sizeof host))
            s = host;
        d->outlet = sl_draft_str(d, s, strlen(s));
    }
    if ((s = str_field(o, lang)))
        d->language = sl_draft_str(d, s, strlen(s));
    d->authors = authors_field(d, o);
    if ((s = str_field(o, date))) {
        char iso[32];
        if (sl_date_parse(s, strlen(s), iso))
            sl_draft_add_date(d, iso, SL_DATE_FIELD);
    }
}

static sl_status line_article(sl_reader *r, const line *l, sl_article **out, sl_error *err) {
    static const char *const body[] = {"maintext", "text", "raw_text", "content", "body", NULL};
    sl_arena_free(&r->scratch);
    /* A hostile line of tiny values must not balloon into a huge tree. */
    sl_arena_init(&r->scratch, 64u * 1024 * 1024 + 8 * l->n);
    sl_json_error je = {0};
    sl_json *o = sl_json_parse(l->p, l->n, r->lim.max_depth, &r->scratch, &je);
    if (!o)
        return sl_fail(err, strstr(je.msg, "deep") ? SL_ERR_LIMIT : SL_ERR_FORMAT,
                       "%s:%llu: bad JSON: %s", r->name, (unsigned long long)r->line_no, je.msg);
    if (o->type != SL_JSON_OBJECT)
        return sl_fail(err, SL_ERR_FORMAT, "%s:%llu: not a JSON object", r->name,
                       (unsigned long long)r->line_no);
    const char *text = str_field(o, body);
    if (!text && !str_field(o, title_keys))
        return sl_fail(err, SL_ERR_EMPTY, "%s:%llu: no text field", r->name,
                       (unsigned long long)r->line_no);
    sl_draft d;
    sl_draft_init(&d, SL_FORMAT_JSONL);
    d.title_only_ok = 1; /* headline feeds: a title is enough to cluster on */
    if (!text)
        text = "";
    meta_fields(&d, o);
    d.prov.path = r->name;
    d.prov.offset = l->off;
    d.prov.length = l->n;
    d.prov.record_id = id_field(&d, o);
    sl_error e = {0};
    sl_status st = sl_plain_body(text, strlen(text), &d, &e);
    if (st == SL_OK)
        st = sl_draft_finish(&d, out, &e);
    if (st != SL_OK) {
        sl_draft_discard(&d);
        return sl_fail(err, st, "%s:%llu: %.200s", r->name, (unsigned long long)r->line_no,
                       e.msg);
    }
    return SL_OK;
}

static int blank(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
            return 0;
    return 1;
}

sl_status sl_jsonl_next(sl_reader *r, sl_article **out, sl_error *err) {
    for (;;) {
        line l;
        line_rc rc = next_line(r, &l);
        if (rc == LINE_END) {
            r->done = 1;
            if (r->in.truncated || r->in.corrupt)
                return sl_fail(err, SL_ERR_TRUNCATED, "%s: gzip data %s", r->name,
                               r->in.truncated ? "ends early" : "is corrupt");
            return SL_END;
        }
        r->line_no++;
        if (rc == LINE_NOMEM)
            return sl_fail(err, SL_ERR_NOMEM, "%s:%llu: out of memory", r->name,
                           (unsigned long long)r->line_no);
        if (rc == LINE_LONG)
            return sl_fail(err, SL_ERR_LIMIT, "%s:%llu: line of %zu bytes exceeds the %zu-byte limit",
                           r->name, (unsigned long long)r->line_no, l.n, r->lim.max_line_bytes);
        if (r->line_no == 1 && l.n >= 3 && memcmp(l.p, "\xEF\xBB\xBF", 3) == 0) {
            l.p += 3;
            l.n -= 3;
        }
        if (blank(l.p, l.n))
            continue;
        if (l.p[l.n - 1] == '\r')
            l.n--;
        sl_status st = line_article(r, &l, out, err);
        if (r->line.cap > (4u << 20)) /* give back the memory of a huge line */
            sl_buf_free(&r->line);
        return st;
    }
}

/* ui.c — the web pages of `storyline serve`.
 *
 * Every page is complete HTML from the server, so reading needs no
 * JavaScript; the only script makes the search box answer as you type,
 * through the JSON API. No external resource is referenced: the pages work
 * offline and leak nothing. Text from the store is escaped everywhere. */
#include "ui.h"
#include "../store/search.h"
#include "../store/store_int.h"

#include <stdlib.h>
#include <string.h>

static const char css[] =
    "body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:52rem;padding:0 1rem;"
    "color:#1d1d1f}"
    "header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.8rem 0;"
    "border-bottom:1px solid #ddd}"
    "header a.home{font-weight:700;color:inherit;text-decoration:none}"
    "form{flex:1;display:flex;gap:.4rem}input[type=search]{flex:1;min-width:8rem;padding:.4rem;"
    "font:inherit}"
    "a.ent{color:inherit;text-decoration:none}"
    "li{margin:.6rem 0}.meta{color:#666;font-size:.9em}.snip b{background:#fff3a8}"
    "nav.pages{margin:1rem 0}nav.pages a{margin-right:1rem}"
    "article p{white-space:pre-wrap}"
    ".f-per{border-bottom:2px solid #4263eb}.f-org{border-bottom:2px solid #0ca678}"
    ".f-loc{border-bottom:2px solid #f08c00}.f-misc{border-bottom:2px dotted #868e96}"
    ".f-quote{background:#f3f0ff}.f-date{background:#e7f5ff}.f-num{background:#fff4e6}"
    ".legend{display:flex;flex-wrap:wrap;gap:.3rem .8rem}.legend span{padding:0 .2rem}"
    /* After the fact colours, so a cited span shows through a quote. */
    "mark,mark[class]{background:#ffe066;outline:1px solid #e8590c}";

static const char search_js[] =
    "(function(){var i=document.getElementById('q'),o=document.getElementById('live'),t;"
    "if(!i||!o||!window.fetch)return;i.addEventListener('input',function(){clearTimeout(t);"
    "t=setTimeout(function(){var q=i.value.trim();if(q.length<2){o.innerHTML='';return;}"
    "fetch('/api/v1/search?limit=10&q='+encodeURIComponent(q)).then(function(r){return r.json();})"
    ".then(function(d){o.innerHTML='';(d.hits||[]).forEach(function(h){var li=document."
    "createElement('li'),a=document.createElement('a');a.href='/a/'+h.id;a.textContent=h.title"
    "||('article '+h.id);li.appendChild(a);var s=document.createElement('div');s.className="
    "'meta';s.textContent=(h.outlet||'')+' '+(h.published||'').slice(0,10)+' \\u2014 '+h.snippet;"
    "li.appendChild(s);o.appendChild(li);});}).catch(function(){});},200);});})();";

/* ------------------------------------------------------------ HTML bits */

static void esc(sl_buf *b, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        sl_buf_append(b, s + from, i - from);
        sl_buf_puts(b, rep);
        from = i + 1;
    }
    sl_buf_append(b, s + from, n - from);
}

static void esc0(sl_buf *b, const char *s)
{
    if (s)
        esc(b, s, strlen(s));
}

static void page_start(sl_buf *b, const char *title, const char *q)
{
    sl_buf_puts(b, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                   "<title>");
    esc0(b, title);
    sl_buf_printf(b, " \xE2\x80\x94 storyline</title><style>%s</style></head><body><header>"
                     "<a class=\"home\" href=\"/\">storyline</a>"
                     "<form action=\"/\" method=\"get\" role=\"search\">"
                     "<input type=\"search\" id=\"q\" name=\"q\" placeholder=\"Search articles\" "
                     "autocomplete=\"off\" value=\"",
                  css);
    esc0(b, q);
    sl_buf_puts(b, "\"><button>Search</button></form></header><ul id=\"live\"></ul><main>");
}

static void page_end(sl_buf *b)
{
    sl_buf_printf(b, "</main><script>%s</script></body></html>\n", search_js);
}

static void day10(sl_buf *b, const char *iso)
{
    if (iso && *iso)
        esc(b, iso, strnlen(iso, 10));
    else
        sl_buf_puts(b, "undated");
}

/* ------------------------------------------------------------ the list */

typedef struct list_ctx {
    sl_buf *b;
    int64_t n;
} list_ctx;

static int storyline_li(void *ud, const sl_storyline_row *row)
{
    list_ctx *l = ud;
    sl_buf *b = l->b;
    l->n++;
    sl_buf_printf(b, "<li><a href=\"/s/%lld\">", (long long)row->id);
    esc0(b, row->title && *row->title ? row->title : "(untitled)");
    sl_buf_puts(b, "</a><div class=\"meta\">");
    day10(b, row->first_day);
    if (row->last_day && row->first_day && strcmp(row->first_day, row->last_day)) {
        sl_buf_puts(b, " \xE2\x80\x93 ");
        day10(b, row->last_day);
    }
    sl_buf_printf(b, " \xC2\xB7 %lld events \xC2\xB7 %lld articles \xC2\xB7 %lld outlets</div></li>",
                  (long long)row->n_events, (long long)row->n_articles,
                  (long long)row->n_outlets);
    return 0;
}

static int hit_li(void *ud, const sl_search_hit *h)
{
    list_ctx *l = ud;
    sl_buf *b = l->b;
    l->n++;
    sl_buf_printf(b, "<li><a href=\"/a/%lld\">", (long long)h->id);
    esc0(b, h->title && *h->title ? h->title : "(untitled)");
    sl_buf_puts(b, "</a><div class=\"meta\">");
    esc0(b, h->outlet);
    sl_buf_puts(b, " \xC2\xB7 ");
    day10(b, h->published);
    sl_buf_puts(b, "</div><div class=\"snip\">");
    /* The store marks matches with [ ]: bold them, escape the rest. */
    for (const char *p = h->snippet ? h->snippet : ""; *p; p++) {
        if (*p == '[')
            sl_buf_puts(b, "<b>");
        else if (*p == ']')
            sl_buf_puts(b, "</b>");
        else
            esc(b, p, 1);
    }
    sl_buf_puts(b, "</div></li>");
    return 0;
}

static int64_t arg_int(const sl_request *rq, const char *name)
{
    const char *s = rq->arg(rq->ud, name);
    if (!s || !*s)
        return 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    return *end || v < 0 ? 0 : v;
}

static void home(sl_api *api, const sl_request *rq, sl_reply *r)
{
    const char *q = rq->arg(rq->ud, "q");
    int64_t offset = arg_int(rq, "offset"), limit = 50;
    sl_buf *b = &r->body;
    page_start(b, q && *q ? q : "Stories", q);
    list_ctx l = {b, 0};
    sl_error err = {0};
    sl_status st;
    if (q && *q) {
        sl_buf_puts(b, "<h1>Articles matching \xE2\x80\x9C");
        esc0(b, q);
        sl_buf_puts(b, "\xE2\x80\x9D</h1><ol>");
        sl_search_stats ss;
        st = sl_store_search_recent(api->store, q, 100, hit_li, &l, &ss, &err);
        sl_buf_puts(b, "</ol>");
        if (st == SL_OK && !ss.exact)
            sl_buf_printf(b, "<p>The best of the %lld newest of about %lld matching articles.</p>",
                          (long long)ss.ranked_over, (long long)ss.total_estimate);
    } else {
        sl_buf_puts(b, "<h1>Stories, newest first</h1><ol>");
        st = sl_store_stories(api->store, limit, offset, storyline_li, &l, &err);
        sl_buf_puts(b, "</ol><nav class=\"pages\">");
        if (offset > 0)
            sl_buf_printf(b, "<a href=\"/?offset=%lld\">Newer</a>",
                          (long long)(offset > limit ? offset - limit : 0));
        if (l.n == limit)
            sl_buf_printf(b, "<a href=\"/?offset=%lld\">Older</a>", (long long)(offset + limit));
        sl_buf_puts(b, "</nav>");
    }
    if (st != SL_OK) {
        sl_buf_puts(b, "<p role=\"alert\">");
        esc0(b, err.msg);
        sl_buf_puts(b, "</p>");
        r->status = st == SL_ERR_ARG ? 400 : 503;
    } else if (!l.n) {
        sl_buf_puts(b, q && *q ? "<p>No article matches.</p>" : "<p>The store holds no story yet.</p>");
    }
    page_end(b);
    r->type = "text/html; charset=utf-8";
    r->cacheable = st == SL_OK;
}

/* ------------------------------------------------------------ an article */

enum {
    F_PER = 1, F_ORG = 2, F_LOC = 4, F_MISC = 8, F_QUOTE = 16, F_DATE = 32, F_NUM = 64, F_HL = 128
};

static void mark(uint8_t *m, size_t n, uint32_t start, uint32_t end, uint8_t flag)
{
    for (size_t i = start; i < end && i < n; i++)
        m[i] |= flag;
}

static void open_span(sl_buf *b, uint8_t f)
{
    static const struct {
        uint8_t flag;
        const char *cls;
    } names[] = {{F_PER, "f-per"},     {F_ORG, "f-org"},   {F_LOC, "f-loc"}, {F_MISC, "f-misc"},
                 {F_QUOTE, "f-quote"}, {F_DATE, "f-date"}, {F_NUM, "f-num"}};
    sl_buf_puts(b, f & F_HL ? "<mark class=\"" : "<span class=\"");
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (f & names[i].flag)
            sl_buf_printf(b, "%s ", names[i].cls);
    sl_buf_puts(b, "\">");
}

/* A name as a path segment: unreserved bytes as they are, the rest %XX. */
static void url_segment(sl_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            sl_buf_putc(b, (char)*p);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            sl_buf_append(b, e, 3);
        }
    }
}

/* The text with every fact's span marked: one pass over a per-byte flag
 * map, so overlapping spans (a name inside a quote) simply combine; a
 * mention links to its entity's page. */
static int marked_text(sl_buf *b, const sl_article *a, const sl_facts *f, uint32_t hl0,
                       uint32_t hl1)
{
    size_t n = a->text_len;
    uint8_t *m = calloc(n ? n : 1, 1);
    int32_t *ent = malloc((n ? n : 1) * sizeof *ent);
    if (!m || !ent) {
        free(m);
        free(ent);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        ent[i] = -1;
    static const uint8_t type_flag[] = {F_PER, F_ORG, F_LOC, F_MISC};
    for (size_t i = 0; f && i < f->n_mentions; i++) {
        const sl_mention *me = &f->mentions[i];
        if (me->entity < 0 || (size_t)me->entity >= f->n_entities)
            continue;
        mark(m, n, me->start, me->end, type_flag[f->entities[me->entity].type & 3]);
        for (size_t k = me->start; k < me->end && k < n; k++)
            ent[k] = me->entity;
    }
    for (size_t i = 0; f && i < f->n_quotes; i++)
        mark(m, n, f->quotes[i].start, f->quotes[i].end, F_QUOTE);
    for (size_t i = 0; f && i < f->n_timexes; i++)
        mark(m, n, f->timexes[i].start, f->timexes[i].end, F_DATE);
    for (size_t i = 0; f && i < f->n_quantities; i++)
        mark(m, n, f->quantities[i].start, f->quantities[i].end, F_NUM);
    if (hl1 > hl0)
        mark(m, n, hl0, hl1, F_HL);
    size_t i = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && m[j] == m[i] && ent[j] == ent[i])
            j++;
        if (m[i] & F_HL && (i == 0 || !(m[i - 1] & F_HL)))
            sl_buf_puts(b, "<a id=\"hl\"></a>");
        if (ent[i] >= 0) {
            sl_buf_puts(b, "<a class=\"ent\" href=\"/entity/");
            url_segment(b, f->entities[ent[i]].name);
            sl_buf_puts(b, "\">");
        }
        if (m[i])
            open_span(b, m[i]);
        esc(b, a->text + i, j - i);
        if (m[i])
            sl_buf_puts(b, m[i] & F_HL ? "</mark>" : "</span>");
        if (ent[i] >= 0)
            sl_buf_puts(b, "</a>");
        i = j;
    }
    free(m);
    free(ent);
    return 0;
}

/* ?hl=START-END, byte offsets of a cited span; 0,0 when absent or bad. */
static void hl_arg(const sl_request *rq, size_t n, uint32_t *s, uint32_t *e)
{
    *s = *e = 0;
    const char *v = rq->arg(rq->ud, "hl");
    if (!v)
        return;
    char *end;
    unsigned long a = strtoul(v, &end, 10), z;
    if (*end != '-')
        return;
    z = strtoul(end + 1, &end, 10);
    if (!*end && a < z && z <= n) {
        *s = (uint32_t)a;
        *e = (uint32_t)z;
    }
}

static void article_page(sl_api *api, const sl_request *rq, int64_t id, sl_reply *r)
{
    sl_article *a = NULL;
    sl_facts *f = NULL;
    sl_error err = {0};
    sl_status st = sl_store_load(api->store, id, &a, &err);
    if (st == SL_OK && (st = sl_store_facts(api->store, id, &f, &err)) == SL_END)
        st = SL_OK;
    sl_buf *b = &r->body;
    r->type = "text/html; charset=utf-8";
    if (st != SL_OK) {
        page_start(b, "Not found", NULL);
        sl_buf_puts(b, "<h1>No such article</h1><p>");
        esc0(b, err.msg);
        sl_buf_puts(b, "</p>");
        page_end(b);
        r->status = st == SL_END ? 404 : 503;
        sl_article_free(a);
        return;
    }
    page_start(b, a->title, NULL);
    sl_buf_puts(b, "<article><h1>");
    esc0(b, *a->title ? a->title : "(untitled)");
    sl_buf_puts(b, "</h1><p class=\"meta\">");
    esc0(b, a->outlet ? a->outlet : "unknown outlet");
    sl_buf_puts(b, " \xC2\xB7 ");
    day10(b, a->published);
    if (a->url) {
        sl_buf_puts(b, " \xC2\xB7 <a rel=\"noreferrer\" href=\"");
        esc0(b, a->url);
        sl_buf_puts(b, "\">original</a>");
    }
    int64_t sid, eid, copy_of;
    if (sl_store_article_story(api->store, id, &sid, &eid, &copy_of, &err) == SL_OK) {
        sl_buf_printf(b, " \xC2\xB7 in <a href=\"/s/%lld\">storyline S%lld</a>, "
                         "<a href=\"/e/%lld\">event E%lld</a>",
                      (long long)sid, (long long)sid, (long long)eid, (long long)eid);
        if (copy_of)
            sl_buf_printf(b, " \xC2\xB7 a copy of <a href=\"/a/%lld\">article %lld</a>",
                          (long long)copy_of, (long long)copy_of);
    }
    sl_buf_puts(b, "</p><p class=\"legend meta\"><span class=\"f-per\">person</span>"
                   "<span class=\"f-org\">organization</span><span class=\"f-loc\">place</span>"
                   "<span class=\"f-quote\">quote</span><span class=\"f-date\">date</span>"
                   "<span class=\"f-num\">number</span></p><p>");
    uint32_t h0, h1;
    hl_arg(rq, a->text_len, &h0, &h1);
    if (marked_text(b, a, f, h0, h1) != 0)
        b->oom = 1;
    sl_buf_puts(b, "</p></article>");
    page_end(b);
    r->cacheable = 1;
    sl_facts_free(f);
    sl_article_free(a);
}

/* ------------------------------------------------------------ an entity */

typedef struct entity_ctx {
    sl_buf *b;
    int64_t n;
    int quotes; /* which kind this pass lists */
} entity_ctx;

static int entity_li(void *ud, const sl_entity_span *e)
{
    entity_ctx *c = ud;
    if (e->is_quote != c->quotes)
        return 0;
    sl_buf *b = c->b;
    c->n++;
    /* Quote marks only around words said as written; reported speech is
     * the outlet's paraphrase. */
    int marks = c->quotes && e->kind && strcmp(e->kind, "indirect") != 0;
    sl_buf_printf(b, "<li>%s", marks ? "\xE2\x80\x9C" : c->quotes ? "(reported) " : "");
    esc0(b, e->text);
    sl_buf_printf(b, "%s <span class=\"meta\">\xE2\x80\x94 <a href=\"/a/%lld?hl=%u-%u#hl\">",
                  marks ? "\xE2\x80\x9D" : "", (long long)e->article, e->start, e->end);
    esc0(b, e->outlet ? e->outlet : "unknown outlet");
    sl_buf_puts(b, ", ");
    day10(b, e->published);
    sl_buf_puts(b, "</a></span></li>");
    return 0;
}

static void entity_page(sl_api *api, const char *name, sl_reply *r)
{
    sl_buf *b = &r->body;
    page_start(b, name, NULL);
    sl_buf_puts(b, "<h1>");
    esc0(b, name);
    sl_buf_puts(b, "</h1>");
    sl_error err = {0};
    sl_status st = SL_OK;
    int64_t total = 0;
    for (int q = 1; q >= 0 && st == SL_OK; q--) {
        entity_ctx c = {b, 0, q};
        sl_buf_puts(b, q ? "<h2>Quotes</h2><ul>" : "<h2>Mentions</h2><ul>");
        st = sl_store_entity_spans(api->store, name, 1000, entity_li, &c, &err);
        sl_buf_puts(b, "</ul>");
        if (!c.n)
            sl_buf_puts(b, q ? "<p class=\"meta\">No quote.</p>" : "<p class=\"meta\">No mention.</p>");
        total += c.n;
    }
    page_end(b);
    r->status = st != SL_OK ? 503 : total ? 200 : 404;
    r->cacheable = st == SL_OK;
}

/* ------------------------------------------------------------ a story */

static int report_html(void *ud, FILE *f)
{
    sl_error err = {0};
    return sl_report_write(ud, SL_REPORT_HTML, f, &err) == SL_OK ? 0 : -1;
}

static void story_page(sl_api *api, sl_story_kind kind, int64_t id, sl_reply *r)
{
    sl_synthesis *y = NULL;
    sl_error err = {0};
    sl_status st = sl_store_synthesis(api->store, kind, id, NULL, &y, &err);
    r->type = "text/html; charset=utf-8";
    if (st != SL_OK) {
        page_start(&r->body, "Not found", NULL);
        sl_buf_puts(&r->body, "<h1>No such story</h1><p>");
        esc0(&r->body, err.msg);
        sl_buf_puts(&r->body, "</p>");
        page_end(&r->body);
        r->status = st == SL_END ? 404 : 503;
        return;
    }
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    int rc = f ? report_html(y, f) : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    if (rc == 0) {
        /* The report page is self-contained; the server adds only a way
         * back to the list, right after <body>. */
        const char *body = mem ? strstr(mem, "<body") : NULL;
        const char *gt = body ? strchr(body, '>') : NULL;
        size_t cut = gt ? (size_t)(gt + 1 - mem) : 0;
        sl_buf_append(&r->body, mem, cut);
        sl_buf_puts(&r->body, "<nav style=\"font:14px system-ui,sans-serif;padding:.5rem 1rem\">"
                              "<a href=\"/\">\xE2\x86\x90 all stories</a></nav>");
        sl_buf_append(&r->body, mem + cut, len - cut);
    } else {
        r->body.oom = 1;
    }
    free(mem);
    sl_synthesis_free(y);
    r->cacheable = 1;
}

/* ------------------------------------------------------------ routing */

void sl_ui_handle(sl_api *api, const sl_request *rq, sl_reply *r)
{
    int64_t id;
    r->status = 200;
    r->type = "text/html; charset=utf-8";
    if (!strcmp(rq->path, "/"))
        home(api, rq, r);
    else if ((id = sl_api_path_id(rq->path, "/a/")) > 0)
        article_page(api, rq, id, r);
    else if ((id = sl_api_path_id(rq->path, "/s/")) > 0)
        story_page(api, SL_STORY_STORYLINE, id, r);
    else if ((id = sl_api_path_id(rq->path, "/e/")) > 0)
        story_page(api, SL_STORY_EVENT, id, r);
    else if (!strncmp(rq->path, "/entity/", 8) && rq->path[8])
        entity_page(api, rq->path + 8, r);
    else {
        page_start(&r->body, "Not found", NULL);
        sl_buf_puts(&r->body, "<h1>Not found</h1><p>There is no page here. "
                              "<a href=\"/\">All stories</a>.</p>");
        page_end(&r->body);
        r->status = 404;
    }
}

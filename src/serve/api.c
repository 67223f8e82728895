/* api.c — the JSON API under /api/v1/: routes, arguments, JSON bodies.
 *
 * Every answer is JSON; every failure is {"error": {"code", "message"}}
 * with a stable code. Lists are paged (limit, offset) and bounded by
 * max_page; a store statement past the request's time budget gives 503. */
#include "api.h"
#include "story_json.h"
#include "ui.h"
#include "../store/search.h"
#include "../store/store_int.h"
#include "../util/utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sl_api_error(sl_reply *r, unsigned status, const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sl_buf_clear(&r->body);
    r->status = status;
    r->type = "application/json";
    r->cacheable = 0;
    sl_buf_printf(&r->body, "{\"error\":{\"code\":\"%s\",\"message\":", code);
    sl_buf_json_str(&r->body, msg, strlen(msg));
    sl_buf_puts(&r->body, "}}\n");
}

/* A library failure as an HTTP error: limits are the server's 503, a bad
 * argument (an FTS syntax error) the client's 400. */
static void store_error(sl_reply *r, sl_status st, const sl_error *err)
{
    if (st == SL_ERR_LIMIT)
        sl_api_error(r, 503, "over_time_limit", "%s", err->msg);
    else if (st == SL_ERR_ARG)
        sl_api_error(r, 400, "bad_query", "%s", err->msg);
    else if (st == SL_ERR_NOMEM)
        sl_api_error(r, 503, "out_of_memory", "%s", err->msg);
    else
        sl_api_error(r, 500, "store_error", "%s", err->msg);
}

static void json_key_str(sl_buf *b, const char *key, const char *v)
{
    sl_buf_printf(b, "\"%s\":", key);
    if (v)
        sl_buf_json_str(b, v, strlen(v));
    else
        sl_buf_puts(b, "null");
}

/* Parse a non-negative integer argument; -1 when malformed. */
static int64_t arg_count(const sl_request *rq, const char *name, int64_t def)
{
    const char *s = rq->arg(rq->ud, name);
    if (!s || !*s)
        return def;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (*end || errno || v < 0)
        return -1;
    return v;
}

/* limit and offset, bounded; 0 when the reply already holds an error. */
static int paging(const sl_api *api, const sl_request *rq, sl_reply *r, int64_t *limit,
                  int64_t *offset)
{
    *limit = arg_count(rq, "limit", 20);
    *offset = arg_count(rq, "offset", 0);
    if (*limit < 0 || *offset < 0) {
        sl_api_error(r, 400, "bad_argument", "limit and offset are non-negative integers");
        return 0;
    }
    if (*limit == 0 || *limit > api->o->max_page)
        *limit = api->o->max_page;
    return 1;
}

/* Close a paged list: ],"limit","offset","next" (null on the last page). */
static void page_tail(sl_buf *b, int64_t n, int64_t limit, int64_t offset)
{
    sl_buf_printf(b, "],\"limit\":%lld,\"offset\":%lld,\"next\":", (long long)limit,
                  (long long)offset);
    if (n == limit)
        sl_buf_printf(b, "%lld}\n", (long long)(offset + limit));
    else
        sl_buf_puts(b, "null}\n");
}

/* "k1":"v1","k2":"v2",... for NULL-terminated key, value pairs (a NULL
 * value is null), each pair after the first preceded by a comma. */
static void json_strs(sl_buf *b, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    for (int i = 0; key; i++, key = va_arg(ap, const char *)) {
        if (i)
            sl_buf_putc(b, ',');
        json_key_str(b, key, va_arg(ap, const char *));
    }
    va_end(ap);
}

/* Capture a FILE*-writing function's output into the reply body. */
typedef int (*file_writer)(void *ud, FILE *f);

static int write_via_file(sl_buf *b, file_writer fn, void *ud)
{
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    if (!f)
        return -1;
    int rc = fn(ud, f);
    if (fclose(f) != 0)
        rc = -1;
    if (rc == 0)
        rc = sl_buf_append(b, mem, len);
    free(mem);
    return rc;
}

/* ------------------------------------------------------------ health */

static void health(sl_api *api, sl_reply *r)
{
    int64_t n_articles = 0, n_sources = 0;
    sl_error err = {0};
    sl_status st = sl_store_count(api->store, &n_articles, &n_sources, &err);
    if (st != SL_OK) {
        store_error(r, st, &err);
        return;
    }
    sl_buf_printf(&r->body,
                  "{\"status\":\"ok\",\"version\":\"%s\",\"api\":1,\"articles\":%lld,"
                  "\"sources\":%lld,\"ingest\":%s,\"limits\":{\"query_ms\":%u,"
                  "\"idle_seconds\":%u,\"max_page\":%u,\"max_body_bytes\":%zu}}\n",
                  SL_VERSION, (long long)n_articles, (long long)n_sources,
                  api->o->allow_ingest ? "true" : "false", api->o->query_ms,
                  api->o->idle_seconds, api->o->max_page, api->o->max_body_bytes);
    /* Counting a large store's rows takes a scan: the answer is kept until
     * the store changes, like any other. */
    r->cacheable = 1;
}

/* ------------------------------------------------------------ storylines */

typedef struct list_ctx {
    sl_buf *b;
    int64_t n;
} list_ctx;

static int storyline_item(void *ud, const sl_storyline_row *row)
{
    list_ctx *l = ud;
    sl_buf *b = l->b;
    sl_buf_printf(b, "%s{\"id\":%lld,", l->n++ ? "," : "", (long long)row->id);
    json_strs(b, "title", row->title, "first_day", row->first_day, "last_day", row->last_day,
              NULL);
    sl_buf_printf(b, ",\"events\":%lld,\"articles\":%lld,\"copies\":%lld,\"outlets\":%lld}",
                  (long long)row->n_events, (long long)row->n_articles,
                  (long long)row->n_copies, (long long)row->n_outlets);
    return 0;
}

static void storylines(sl_api *api, const sl_request *rq, sl_reply *r)
{
    int64_t limit, offset;
    if (!paging(api, rq, r, &limit, &offset))
        return;
    list_ctx l = {&r->body, 0};
    sl_buf_puts(&r->body, "{\"storylines\":[");
    sl_error err = {0};
    sl_story_filter f = {rq->arg(rq->ud, "from"), rq->arg(rq->ud, "to"),
                         rq->arg(rq->ud, "outlet"), rq->arg(rq->ud, "entity")};
    sl_status st = sl_store_stories_where(api->store, &f, limit, offset, storyline_item, &l, &err);
    if (st != SL_OK) {
        store_error(r, st, &err);
        return;
    }
    page_tail(&r->body, l.n, limit, offset);
    r->cacheable = 1;
}

static int report_json(void *ud, FILE *f)
{
    sl_error err = {0};
    return sl_report_write(ud, SL_REPORT_JSON, f, &err) == SL_OK ? 0 : -1;
}

/* The compact by-reference JSON (story_json.h), or with ?full=1 the whole
 * report JSON (article texts and every span's text repeated). */
static void story(sl_api *api, const sl_request *rq, sl_story_kind kind, int64_t id,
                  sl_reply *r)
{
    const char *full = rq->arg(rq->ud, "full");
    int want_full = full && strcmp(full, "0") != 0;
    sl_synthesis *y = NULL;
    sl_error err = {0};
    sl_status st = sl_store_synthesis(api->store, kind, id, NULL, &y, &err);
    if (st == SL_END) {
        sl_api_error(r, 404, "not_found", "no %s %lld",
                     kind == SL_STORY_STORYLINE ? "storyline" : "event", (long long)id);
        return;
    }
    if (st != SL_OK) {
        store_error(r, st, &err);
        return;
    }
    if (want_full ? write_via_file(&r->body, report_json, y) != 0
                  : sl_story_json(y, &r->body) != 0)
        sl_api_error(r, 500, "internal", "could not write the story");
    else
        r->cacheable = 1;
    sl_synthesis_free(y);
}

/* ------------------------------------------------------------ articles */

static int article_item(void *ud, const sl_article_row *row)
{
    list_ctx *l = ud;
    sl_buf *b = l->b;
    sl_buf_printf(b, "%s{\"id\":%lld,", l->n++ ? "," : "", (long long)row->id);
    json_strs(b, "title", row->title, "published", row->published, "outlet", row->outlet, "url",
              row->url, NULL);
    sl_buf_printf(b, ",\"sources\":%lld}", (long long)row->n_sources);
    return 0;
}

static void articles(sl_api *api, const sl_request *rq, sl_reply *r)
{
    int64_t limit, offset;
    if (!paging(api, rq, r, &limit, &offset))
        return;
    list_ctx l = {&r->body, 0};
    sl_buf_puts(&r->body, "{\"articles\":[");
    sl_error err = {0};
    sl_status st = sl_store_list(api->store, limit, offset, article_item, &l, &err);
    if (st != SL_OK) {
        store_error(r, st, &err);
        return;
    }
    page_tail(&r->body, l.n, limit, offset);
    r->cacheable = 1;
}

typedef struct article_out {
    const sl_article *a;
    const sl_facts *f;
} article_out;

static int write_article(void *ud, FILE *f)
{
    const article_out *o = ud;
    fputs("{\"article\":", f);
    if (sl_article_write_json(o->a, f, 1) != 0)
        return -1;
    fputs(",\"facts\":", f);
    if (o->f) {
        if (sl_facts_write_json(o->f, o->a, f) != 0)
            return -1;
    } else {
        fputs("null", f);
    }
    fputs("}\n", f);
    return 0;
}

static void article(sl_api *api, int64_t id, sl_reply *r)
{
    sl_article *a = NULL;
    sl_facts *f = NULL;
    sl_error err = {0};
    sl_status st = sl_store_load(api->store, id, &a, &err);
    if (st == SL_END) {
        sl_api_error(r, 404, "not_found", "no article %lld", (long long)id);
        return;
    }
    if (st == SL_OK) {
        st = sl_store_facts(api->store, id, &f, &err);
        if (st == SL_END)
            st = SL_OK;
    }
    if (st != SL_OK)
        store_error(r, st, &err);
    else if (write_via_file(&r->body, write_article, &(article_out){a, f}) != 0)
        sl_api_error(r, 500, "internal", "could not write article %lld", (long long)id);
    else
        r->cacheable = 1;
    sl_facts_free(f);
    sl_article_free(a);
}

/* ------------------------------------------------------------ search */

static int hit_item(void *ud, const sl_search_hit *h)
{
    list_ctx *l = ud;
    sl_buf *b = l->b;
    sl_buf_printf(b, "%s{\"id\":%lld,", l->n++ ? "," : "", (long long)h->id);
    json_strs(b, "title", h->title, "published", h->published, "outlet", h->outlet, "snippet",
              h->snippet, NULL);
    sl_buf_printf(b, ",\"rank\":%.6g}", h->rank);
    return 0;
}

static void search(sl_api *api, const sl_request *rq, sl_reply *r)
{
    const char *q = rq->arg(rq->ud, "q");
    if (!q || !*q) {
        sl_api_error(r, 400, "bad_argument", "search needs q, an FTS5 query");
        return;
    }
    int64_t limit = arg_count(rq, "limit", 20);
    if (limit < 0) {
        sl_api_error(r, 400, "bad_argument", "limit is a non-negative integer");
        return;
    }
    if (limit == 0 || limit > api->o->max_page)
        limit = api->o->max_page;
    sl_buf_puts(&r->body, "{\"query\":");
    sl_buf_json_str(&r->body, q, strlen(q));
    sl_buf_puts(&r->body, ",\"hits\":[");
    list_ctx l = {&r->body, 0};
    sl_error err = {0};
    sl_search_stats ss;
    sl_status st = sl_store_search_recent(api->store, q, limit, hit_item, &l, &ss, &err);
    if (st != SL_OK) {
        store_error(r, st, &err);
        return;
    }
    sl_buf_printf(&r->body, "],\"ranked_over\":%lld,\"total_estimate\":%lld,\"exact\":%s}\n",
                  (long long)ss.ranked_over, (long long)ss.total_estimate,
                  ss.exact ? "true" : "false");
    r->cacheable = 1;
}

/* ------------------------------------------------------------ entities */

static int entity_item(void *ud, const sl_entity_row *e)
{
    list_ctx *l = ud;
    sl_buf *b = l->b;
    sl_buf_puts(b, l->n++ ? "," : "");
    sl_buf_putc(b, '{');
    json_strs(b, "name", e->name, "type", e->type, NULL);
    sl_buf_printf(b, ",\"articles\":%lld,\"mentions\":%lld}", (long long)e->n_articles,
                  (long long)e->n_mentions);
    return 0;
}

static void entities(sl_api *api, const sl_request *rq, sl_reply *r)
{
    int64_t limit, offset;
    if (!paging(api, rq, r, &limit, &offset))
        return;
    list_ctx l = {&r->body, 0};
    sl_buf_puts(&r->body, "{\"entities\":[");
    sl_error err = {0};
    sl_status st = sl_store_entities(api->store, rq->arg(rq->ud, "q"), limit, offset,
                                     entity_item, &l, &err);
    if (st != SL_OK) {
        store_error(r, st, &err);
        return;
    }
    page_tail(&r->body, l.n, limit, offset);
    r->cacheable = 1;
}

typedef struct spans_ctx {
    sl_buf mentions, quotes;
    int64_t n_mentions, n_quotes;
} spans_ctx;

static int span_item(void *ud, const sl_entity_span *e)
{
    spans_ctx *c = ud;
    sl_buf *b = e->is_quote ? &c->quotes : &c->mentions;
    int64_t *n = e->is_quote ? &c->n_quotes : &c->n_mentions;
    sl_buf_puts(b, (*n)++ ? "," : "");
    sl_buf_printf(b, "{\"article\":%lld,", (long long)e->article);
    json_strs(b, "title", e->title, "published", e->published, "outlet", e->outlet, "kind",
              e->kind, NULL);
    sl_buf_printf(b, ",\"start\":%u,\"end\":%u,", e->start, e->end);
    json_key_str(b, "text", e->text);
    sl_buf_putc(b, '}');
    return 0;
}

static void entity(sl_api *api, const sl_request *rq, const char *name, sl_reply *r)
{
    int64_t limit = arg_count(rq, "limit", api->o->max_page * 5);
    if (limit < 0) {
        sl_api_error(r, 400, "bad_argument", "limit is a non-negative integer");
        return;
    }
    spans_ctx c;
    sl_buf_init(&c.mentions);
    sl_buf_init(&c.quotes);
    c.n_mentions = c.n_quotes = 0;
    sl_error err = {0};
    sl_status st = sl_store_entity_spans(api->store, name, limit, span_item, &c, &err);
    if (st != SL_OK) {
        store_error(r, st, &err);
    } else if (!c.n_mentions && !c.n_quotes) {
        sl_api_error(r, 404, "not_found", "no entity named %s", name);
    } else {
        sl_buf *b = &r->body;
        sl_buf_puts(b, "{");
        json_key_str(b, "name", name);
        sl_buf_puts(b, ",\"mentions\":[");
        sl_buf_append(b, c.mentions.data ? c.mentions.data : "", c.mentions.len);
        sl_buf_puts(b, "],\"quotes\":[");
        sl_buf_append(b, c.quotes.data ? c.quotes.data : "", c.quotes.len);
        sl_buf_puts(b, "]}\n");
        if (c.mentions.oom || c.quotes.oom)
            b->oom = 1;
        r->cacheable = 1;
    }
    sl_buf_free(&c.mentions);
    sl_buf_free(&c.quotes);
}

/* ------------------------------------------------------------ ingest */

static void ingest(sl_api *api, const sl_request *rq, sl_reply *r)
{
    if (!api->o->allow_ingest) {
        sl_api_error(r, 403, "ingest_disabled", "start the server with --allow-ingest");
        return;
    }
    if (!rq->body_len) {
        sl_api_error(r, 400, "empty_body", "POST a document: JSON, JSONL, HTML or text");
        return;
    }
    FILE *f = fmemopen((void *)rq->body, rq->body_len, "r");
    sl_reader *rd = NULL;
    sl_error err = {0};
    sl_status st = f ? sl_reader_open_file(f, "POST", NULL, &rd, &err) : SL_ERR_IO;
    if (st != SL_OK) {
        if (f)
            fclose(f);
        sl_api_error(r, 400, "unreadable", "%s", f ? err.msg : "cannot read the body");
        return;
    }
    if ((st = sl_store_begin(api->store, &err)) != SL_OK) {
        sl_reader_close(rd);
        fclose(f);
        store_error(r, st, &err);
        return;
    }
    sl_buf *b = &r->body;
    sl_buf_puts(b, "{\"articles\":[");
    int n = 0, failed = 0;
    for (;;) {
        sl_article *a = NULL;
        int64_t id = 0;
        int is_new = 0;
        st = sl_reader_next(rd, &a, &err);
        if (st == SL_END)
            break;
        if (st == SL_OK)
            st = sl_store_add(api->store, a, &id, &is_new, &err);
        sl_article_free(a);
        sl_buf_puts(b, n++ ? "," : "");
        if (st == SL_OK) {
            sl_buf_printf(b, "{\"id\":%lld,\"new\":%s}", (long long)id,
                          is_new ? "true" : "false");
            continue;
        }
        failed++;
        sl_buf_puts(b, "{\"error\":");
        sl_buf_json_str(b, err.msg, strlen(err.msg));
        sl_buf_putc(b, '}');
        if (st == SL_ERR_STORE || st == SL_ERR_NOMEM)
            break;
    }
    sl_reader_close(rd);
    fclose(f);
    /* Articles stay stored when clustering fails: the next ingest or
     * `cluster` groups them. */
    sl_cluster_stats cs;
    sl_error cerr = {0};
    int clustered = sl_store_cluster(api->store, 0, &cs, &cerr) == SL_OK;
    if ((st = sl_store_commit(api->store, &err)) != SL_OK) {
        store_error(r, st, &err);
        return;
    }
    sl_buf_printf(b, "],\"failed\":%d,\"clustered\":%s}\n", failed,
                  clustered ? "true" : "false");
    r->status = n && failed == n ? 400 : 201;
    r->changed = 1;
}

/* ------------------------------------------------------------ routing */

int64_t sl_api_path_id(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(path, prefix, n) != 0)
        return -1;
    const char *p = path + n;
    if (*p == 'S' || *p == 'E')
        p++;
    if (*p < '1' || *p > '9')
        return -1;
    int64_t v = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*p - '0');
    }
    return *p ? -1 : v;
}

void sl_api_handle(sl_api *api, const sl_request *rq, sl_reply *r)
{
    const char *p = rq->path;
    int get = !strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD");
    int64_t id;
    r->status = 200;
    r->type = "application/json";
    if (!sl_utf8_valid(p, strlen(p))) {
        sl_api_error(r, 400, "bad_path", "the path is not valid UTF-8");
    } else if (!strcmp(p, "/api/v1/articles") && !strcmp(rq->method, "POST")) {
        ingest(api, rq, r);
    } else if (!get) {
        sl_api_error(r, 405, "method_not_allowed", "%s is not allowed here", rq->method);
    } else if (strncmp(p, "/api/", 5) != 0) {
        sl_ui_handle(api, rq, r);
    } else if (!strcmp(p, "/api/v1/health")) {
        health(api, r);
    } else if (!strcmp(p, "/api/v1/storylines")) {
        storylines(api, rq, r);
    } else if ((id = sl_api_path_id(p, "/api/v1/storylines/")) > 0) {
        story(api, rq, SL_STORY_STORYLINE, id, r);
    } else if ((id = sl_api_path_id(p, "/api/v1/events/")) > 0) {
        story(api, rq, SL_STORY_EVENT, id, r);
    } else if (!strcmp(p, "/api/v1/articles")) {
        articles(api, rq, r);
    } else if ((id = sl_api_path_id(p, "/api/v1/articles/")) > 0) {
        article(api, id, r);
    } else if (!strcmp(p, "/api/v1/entities")) {
        entities(api, rq, r);
    } else if (!strncmp(p, "/api/v1/entities/", 17) && p[17]) {
        entity(api, rq, p + 17, r);
    } else if (!strcmp(p, "/api/v1/search")) {
        search(api, rq, r);
    } else {
        sl_api_error(r, 404, "not_found", "no such resource: %s", p);
    }
    if (r->body.oom)
        sl_api_error(r, 503, "out_of_memory", "the answer did not fit in memory");
}

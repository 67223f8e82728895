/* server.c — sl_server: the HTTP side of `storyline serve` (libmicrohttpd).
 *
 * One internal thread with epoll serves every connection, so the store
 * handle is only ever used from that thread. GET answers that depend only
 * on the store are kept in a bounded cache, valid while SQLite's
 * data_version says no other connection has committed: a storyline's JSON
 * is built once per change of the store, not once per request. */
#include "api.h"
#include "../core/draft.h"
#include "../store/search.h"
#include "../store/store_int.h"
#include "../util/utf8.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define CACHE_SLOTS 1024
#define CACHE_BYTES (64u << 20)

typedef struct cached {
    uint64_t hash;
    char *key;
    struct MHD_Response *resp;
    unsigned status;
    size_t bytes;
} cached;

/* One open connection, for the slow-client watchdog: libmicrohttpd's own
 * timeout restarts on every byte, so a client sending a header byte every
 * few seconds would hold its connection forever. Here the clock runs from
 * the connection's start or its last answered request until the next
 * request has been read whole. */
typedef struct watched {
    struct watched *prev, *next;
    int fd;
    int in_request; /* headers complete: the request is being served */
    int64_t since;  /* CLOCK_MONOTONIC ns: waiting for a request since */
} watched;

struct sl_server {
    struct MHD_Daemon *d;
    pthread_t watchdog;
    pthread_mutex_t lock; /* guards conns and stopping */
    pthread_cond_t wake;
    watched conns;        /* list head */
    int stopping, watching;
    sl_store *store;
    sl_server_options o;
    sl_api api;
    cached cache[CACHE_SLOTS];
    size_t cache_next, cache_bytes;
    int64_t version;
    uint16_t port;
};

/* The body of a POST, gathered across calls; too_big once past the limit. */
typedef struct conn_ctx {
    sl_buf body;
    int too_big;
} conn_ctx;

void sl_server_options_default(sl_server_options *o)
{
    memset(o, 0, sizeof *o);
    o->host = "127.0.0.1";
    o->port = 8080;
    o->max_body_bytes = 8u << 20;
    o->max_header_bytes = 16u << 10;
    o->max_connections = 16000;
    o->idle_seconds = 15;
    o->max_page = 200;
    o->query_ms = 2000;
}

/* ------------------------------------------------------------ watchdog */

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_ctx,
                          enum MHD_ConnectionNotificationCode code)
{
    sl_server *s = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        watched *w = calloc(1, sizeof *w);
        if (!w || !ci) {
            free(w);
            return; /* unwatched: libmicrohttpd's own timeout still applies */
        }
        w->fd = ci->connect_fd;
        w->since = now_ns();
        pthread_mutex_lock(&s->lock);
        w->next = s->conns.next;
        w->prev = &s->conns;
        s->conns.next->prev = w;
        s->conns.next = w;
        pthread_mutex_unlock(&s->lock);
        *socket_ctx = w;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_ctx) {
        /* Called before libmicrohttpd closes the descriptor, so the
         * watchdog never shuts down a reused one. */
        watched *w = *socket_ctx;
        pthread_mutex_lock(&s->lock);
        w->prev->next = w->next;
        w->next->prev = w->prev;
        pthread_mutex_unlock(&s->lock);
        free(w);
        *socket_ctx = NULL;
    }
}

static watched *watched_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* The whole request is in (in_request 1: its answer is being made or sent),
 * or its answer went out and the connection waits for the next one (0). A
 * body trickled in byte by byte counts against the wait, as headers do. */
static void watch_mark(sl_server *s, struct MHD_Connection *c, int in_request)
{
    watched *w = watched_of(c);
    if (!w || w->in_request == in_request)
        return;
    pthread_mutex_lock(&s->lock);
    w->in_request = in_request;
    w->since = now_ns();
    pthread_mutex_unlock(&s->lock);
}

/* Once a second, shut down the socket of every connection that has waited
 * idle_seconds for a complete request; libmicrohttpd then sees the
 * connection end and closes it in its own thread. */
static void *watchdog(void *ud)
{
    sl_server *s = ud;
    int64_t limit = (int64_t)s->o.idle_seconds * 1000000000;
    pthread_mutex_lock(&s->lock);
    while (!s->stopping) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        t.tv_sec += 1;
        pthread_cond_timedwait(&s->wake, &s->lock, &t);
        int64_t now = now_ns();
        for (watched *w = s->conns.next; w != &s->conns; w = w->next)
            if (!w->in_request && w->fd >= 0 && now - w->since > limit) {
                shutdown(w->fd, SHUT_RDWR);
                w->fd = -1; /* once */
            }
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* ------------------------------------------------------------ cache */

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static void cache_drop(sl_server *s, cached *c)
{
    if (!c->resp)
        return;
    MHD_destroy_response(c->resp);
    s->cache_bytes -= c->bytes;
    free(c->key);
    memset(c, 0, sizeof *c);
}

static void cache_clear(sl_server *s)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        cache_drop(s, &s->cache[i]);
}

static cached *cache_find(sl_server *s, const sl_buf *key, uint64_t h)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        cached *c = &s->cache[i];
        if (c->resp && c->hash == h && !strcmp(c->key, key->data))
            return c;
    }
    return NULL;
}

/* Keep resp under key, taking over the caller's reference; oldest entries
 * make room. 0 when it was not kept (the caller still owns resp). */
static int cache_put(sl_server *s, const sl_buf *key, uint64_t h, struct MHD_Response *resp,
                      unsigned status, size_t bytes)
{
    if (bytes > CACHE_BYTES / 8)
        return 0;
    for (size_t tries = 0; s->cache_bytes + bytes > CACHE_BYTES && tries < CACHE_SLOTS; tries++)
        cache_drop(s, &s->cache[(s->cache_next + tries) % CACHE_SLOTS]);
    cached *c = &s->cache[s->cache_next];
    s->cache_next = (s->cache_next + 1) % CACHE_SLOTS;
    cache_drop(s, c);
    if (!(c->key = strdup(key->data)))
        return 0;
    c->hash = h;
    c->resp = resp;
    c->status = status;
    c->bytes = bytes;
    s->cache_bytes += bytes;
    return 1;
}

/* ------------------------------------------------------------ requests */

typedef struct args_ctx {
    struct MHD_Connection *c;
    sl_buf *key;
    int bad;
} args_ctx;

static enum MHD_Result add_arg(void *ud, enum MHD_ValueKind kind, const char *k, const char *v)
{
    args_ctx *a = ud;
    (void)kind;
    if (!sl_utf8_valid(k, strlen(k)) || (v && !sl_utf8_valid(v, strlen(v))))
        a->bad = 1;
    sl_buf_putc(a->key, '\n');
    sl_buf_puts(a->key, k);
    sl_buf_putc(a->key, '=');
    sl_buf_puts(a->key, v ? v : "");
    return MHD_YES;
}

static const char *get_arg(void *ud, const char *name)
{
    return MHD_lookup_connection_value(ud, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result send_reply(struct MHD_Connection *c, struct MHD_Response *resp,
                                  unsigned status)
{
    return MHD_queue_response(c, status, resp);
}

static struct MHD_Response *make_response(sl_reply *r, size_t *bytes)
{
    size_t len = 0;
    char *data = sl_buf_take(&r->body, &len);
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, data ? data : (char *)"", data ? MHD_RESPMEM_MUST_FREE
                                                                             : MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        free(data);
        return NULL;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    /* Pages load nothing from elsewhere: inline style and script, fetches
     * to this server only. */
    if (!strncmp(r->type, "text/html", 9))
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; "
                                "script-src 'unsafe-inline'; connect-src 'self'; img-src data:; "
                                "form-action 'self'; base-uri 'none'");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    *bytes = len;
    return resp;
}

static enum MHD_Result dispatch(sl_server *s, struct MHD_Connection *c, const char *url,
                                const char *method, const sl_buf *body, const char *ctype)
{
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    watch_mark(s, c, 1); /* the whole request is in, body too */
    sl_buf key;
    sl_buf_init(&key);
    sl_buf_puts(&key, url);
    args_ctx a = {c, &key, 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &a);

    sl_reply r = {0};
    sl_buf_init(&r.body);
    uint64_t h = fnv(key.data ? key.data : "", key.len);
    enum MHD_Result ret;
    if (get && !a.bad && !key.oom) {
        int64_t v = sl_store_data_version(s->store);
        if (v != s->version) {
            cache_clear(s);
            s->version = v;
        }
        cached *hit = cache_find(s, &key, h);
        if (hit) {
            ret = send_reply(c, hit->resp, hit->status);
            sl_buf_free(&key);
            return ret;
        }
    }
    if (a.bad || key.oom) {
        sl_api_error(&r, 400, "bad_query", "the query string is not valid UTF-8");
    } else {
        sl_request rq = {method, url, get_arg, c, body ? body->data : NULL,
                         body ? body->len : 0, ctype};
        sl_store_set_deadline(s->store, s->o.query_ms);
        sl_api_handle(&s->api, &rq, &r);
        sl_store_set_deadline(s->store, 0);
    }
    size_t bytes = 0;
    struct MHD_Response *resp = make_response(&r, &bytes);
    sl_buf_free(&r.body);
    if (!resp) {
        sl_buf_free(&key);
        return MHD_NO; /* out of memory: MHD closes the connection */
    }
    if (r.changed)
        cache_clear(s);
    int kept = get && r.cacheable && r.status == 200 && !a.bad &&
               cache_put(s, &key, h, resp, r.status, bytes);
    ret = send_reply(c, resp, r.status);
    if (!kept)
        MHD_destroy_response(resp);
    sl_buf_free(&key);
    return ret;
}

static enum MHD_Result reply_error(struct MHD_Connection *c, unsigned status, const char *code,
                                   const char *msg)
{
    sl_reply r = {0};
    sl_buf_init(&r.body);
    sl_api_error(&r, status, code, "%s", msg);
    size_t bytes;
    struct MHD_Response *resp = make_response(&r, &bytes);
    sl_buf_free(&r.body);
    if (!resp)
        return MHD_NO;
    enum MHD_Result ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* A GET's per-request context: its headers have been seen. */
static char get_marker_byte;
#define get_marker ((void *)&get_marker_byte)

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *data, size_t *size, void **con_cls)
{
    sl_server *s = cls;
    (void)version;
    if (strcmp(method, "POST") != 0) {
        /* Answer on the second call, once libmicrohttpd has read the whole
         * request: a response queued on the first call (headers only) makes
         * it close the connection, since it cannot tell where the next
         * request would start; every client would reconnect per request. */
        if (!*con_cls) {
            *con_cls = get_marker;
            return MHD_YES;
        }
        if (*size) { /* a body on a GET means nothing: read past it */
            *size = 0;
            return MHD_YES;
        }
        return dispatch(s, c, url, method, NULL, NULL);
    }
    conn_ctx *cx = *con_cls;
    if (!cx) {
        if (!(cx = calloc(1, sizeof *cx)))
            return MHD_NO;
        sl_buf_init(&cx->body);
        *con_cls = cx;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        /* Refuse a declared oversize body before reading any of it. */
        if (cl && strtoull(cl, NULL, 10) > s->o.max_body_bytes)
            return reply_error(c, 413, "body_too_large", "the request body is over the limit");
        return MHD_YES;
    }
    if (*size) {
        if (!cx->too_big && cx->body.len + *size <= s->o.max_body_bytes)
            sl_buf_append(&cx->body, data, *size);
        else
            cx->too_big = 1;
        *size = 0;
        return MHD_YES;
    }
    if (cx->too_big || cx->body.oom)
        return reply_error(c, 413, "body_too_large", "the request body is over the limit");
    return dispatch(s, c, url, method, &cx->body,
                    MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"));
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)toe;
    watch_mark(cls, c, 0);
    conn_ctx *cx = *con_cls;
    if (cx && cx != get_marker) {
        sl_buf_free(&cx->body);
        free(cx);
    }
    *con_cls = NULL;
}

/* ------------------------------------------------------------ lifecycle */

sl_status sl_server_start(const sl_server_options *o, sl_server **out, sl_error *err)
{
    *out = NULL;
    sl_server *s = calloc(1, sizeof *s);
    if (!s)
        return sl_fail(err, SL_ERR_NOMEM, "serve: out of memory");
    s->o = *o;
    s->version = -2;
    s->conns.next = s->conns.prev = &s->conns;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    sl_status st = sl_store_open(o->db, &s->store, err);
    if (st != SL_OK) {
        free(s);
        return st;
    }
    /* Map the file: the store is mostly read, and searches touch pages
     * all over the index; reading them through mmap saves a pread per page
     * the 32 MiB page cache misses. Best effort. */
    sqlite3_exec(s->store->db, "PRAGMA mmap_size=4294967296", NULL, NULL, NULL);
    sl_error werr = {0}; /* best effort too: a failure shows on the first search */
    sl_store_search_warm(s->store, &werr);
    s->api.store = s->store;
    s->api.o = &s->o;

    struct sockaddr_in6 a6 = {0};
    struct sockaddr_in a4 = {0};
    struct sockaddr *addr;
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_TURBO;
    if (inet_pton(AF_INET, o->host, &a4.sin_addr) == 1) {
        a4.sin_family = AF_INET;
        a4.sin_port = htons(o->port);
        addr = (struct sockaddr *)&a4;
    } else if (inet_pton(AF_INET6, o->host, &a6.sin6_addr) == 1) {
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons(o->port);
        addr = (struct sockaddr *)&a6;
        flags |= MHD_USE_IPv6;
    } else {
        sl_store_close(s->store);
        free(s);
        return sl_fail(err, SL_ERR_ARG, "serve: %s is not an IP address", o->host);
    }
    s->d = MHD_start_daemon(
        flags, o->port, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, addr,
        MHD_OPTION_NOTIFY_COMPLETED, on_done, s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)o->max_connections, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->idle_seconds,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(o->max_header_bytes + 16384),
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_END);
    if (!s->d) {
        sl_store_close(s->store);
        free(s);
        return sl_fail(err, SL_ERR_IO, "serve: cannot listen on %s port %u", o->host,
                       (unsigned)o->port);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    s->watching = o->idle_seconds && pthread_create(&s->watchdog, NULL, watchdog, s) == 0;
    *out = s;
    return SL_OK;
}

uint16_t sl_server_port(const sl_server *s) { return s ? s->port : 0; }

void sl_server_stop(sl_server *s)
{
    if (!s)
        return;
    if (s->watching) {
        pthread_mutex_lock(&s->lock);
        s->stopping = 1;
        pthread_cond_signal(&s->wake);
        pthread_mutex_unlock(&s->lock);
        pthread_join(s->watchdog, NULL);
    }
    MHD_stop_daemon(s->d);
    cache_clear(s);
    sl_store_close(s->store);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

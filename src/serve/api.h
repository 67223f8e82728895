/* api.h — the JSON API's routes, independent of the HTTP library.
 *
 * server.c turns an HTTP request into an sl_request and sends back the
 * sl_reply that sl_api_handle fills; everything here is plain functions
 * over the store, so it is tested without sockets too. */
#ifndef SL_API_H
#define SL_API_H
#include "storyline.h"
#include "../util/buf.h"

typedef struct sl_request {
    const char *method; /* GET, HEAD, POST */
    const char *path;   /* without the query string */
    /* A query argument by name, NULL when absent. */
    const char *(*arg)(void *ud, const char *name);
    void *ud;
    const char *body; /* POST only */
    size_t body_len;
    const char *content_type; /* may be NULL */
} sl_request;

typedef struct sl_reply {
    unsigned status;
    const char *type; /* Content-Type */
    sl_buf body;
    int cacheable;    /* a GET answer that only changes when the store does */
    int changed;      /* the request changed the store (ingest) */
} sl_reply;

typedef struct sl_api {
    sl_store *store;
    const sl_server_options *o;
} sl_api;

void sl_api_handle(sl_api *api, const sl_request *rq, sl_reply *r);
/* "/api/v1/articles/12" (or ".../S12") with prefix "/api/v1/articles/"
 * gives 12; -1 when the rest is not a positive integer. */
int64_t sl_api_path_id(const char *path, const char *prefix);
/* A JSON error body {"error": {"code", "message"}} with that status. */
void sl_api_error(sl_reply *r, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif

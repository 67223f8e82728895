/* fuzz_api.c — libFuzzer target for the JSON API and the web pages: the
 * routes, path ids, paging and filter arguments, the search query
 * (FTS5 syntax from the outside), and POST bodies, over a store holding
 * the bundled sample (built once, in memory).
 *
 * Input: METHOD '\n' PATH ['?' a=v ('&' a=v)*] '\n' BODY. Arguments are
 * percent-decoded and must be UTF-8, as the server guarantees before it
 * calls the API. Every answer must have a status in 200..599 and, when it
 * says JSON, parse as JSON. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/json.h"
#include "serve/api.h"
#include "store/store_int.h"
#include "util/arena.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sl_store *store;
static sl_server_options opts;

static void load_sample(void) {
    sl_error err = {0};
    if (sl_store_open(":memory:", &store, &err) != SL_OK)
        abort();
    char **paths = NULL;
    size_t n = 0;
    if (sl_walk("sample", &paths, &n, NULL, NULL, &err) != SL_OK)
        abort(); /* run from the repository's root */
    sl_store_begin(store, &err);
    for (size_t i = 0; i < n; i++) {
        sl_reader *r = NULL;
        if (sl_reader_open(paths[i], NULL, &r, &err) != SL_OK)
            continue;
        sl_article *a;
        sl_status st;
        while ((st = sl_reader_next(r, &a, &err)) != SL_END) {
            if (st != SL_OK)
                continue;
            int64_t id;
            int is_new;
            sl_store_add(store, a, &id, &is_new, &err);
            sl_article_free(a);
        }
        sl_reader_close(r);
    }
    sl_store_commit(store, &err);
    sl_cluster_stats cs;
    if (sl_store_cluster(store, 0, &cs, &err) != SL_OK)
        abort();
    sl_paths_free(paths, n);
    sl_server_options_default(&opts);
    opts.allow_ingest = 1;
}

enum { MAX_ARGS = 16 };
typedef struct args {
    char *name[MAX_ARGS], *value[MAX_ARGS];
    int n;
} args;

static const char *get_arg(void *ud, const char *name) {
    args *a = ud;
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->name[i], name) == 0)
            return a->value[i];
    return NULL;
}

static int hex(int c) {
    return c >= '0' && c <= '9' ? c - '0'
           : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10
                                                : -1;
}

/* Percent-decode s in place ('+' is a space, as in a form). */
static void decode(char *s) {
    char *o = s;
    for (; *s; s++) {
        if (*s == '%' && hex(s[1]) >= 0 && hex(s[2]) >= 0) {
            *o++ = (char)(hex(s[1]) * 16 + hex(s[2]));
            s += 2;
        } else {
            *o++ = *s == '+' ? ' ' : *s;
        }
    }
    *o = '\0';
}

/* Split "a=v&b=w" into a; 0 when an argument is not UTF-8 (the server
 * answers those itself). */
static int split_args(char *q, args *a) {
    for (char *tok = strtok(q, "&"); tok && a->n < MAX_ARGS; tok = strtok(NULL, "&")) {
        char *eq = strchr(tok, '=');
        if (eq)
            *eq++ = '\0';
        decode(tok);
        if (eq)
            decode(eq);
        if (!sl_utf8_valid(tok, strlen(tok)) || (eq && !sl_utf8_valid(eq, strlen(eq))))
            return 0;
        a->name[a->n] = tok;
        a->value[a->n++] = eq ? eq : "";
    }
    return 1;
}

static void check_reply(const sl_reply *r) {
    if (r->status < 200 || r->status > 599)
        __builtin_trap();
    if (r->type && strstr(r->type, "json") && r->body.len) {
        sl_arena ar;
        sl_arena_init(&ar, 0);
        sl_json_error e;
        if (!sl_json_parse(r->body.data, r->body.len, 4096, &ar, &e))
            __builtin_trap(); /* the API wrote broken JSON */
        sl_arena_free(&ar);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!store)
        load_sample();
    if (size > 1 << 16)
        return 0;
    char *in = malloc(size + 1);
    memcpy(in, data, size);
    in[size] = '\0';
    char *method = in, *nl = memchr(in, '\n', size);
    if (!nl)
        goto out;
    *nl = '\0';
    char *url = nl + 1, *nl2 = strchr(url, '\n');
    const char *body = "";
    size_t body_len = 0;
    if (nl2) {
        *nl2 = '\0';
        body = nl2 + 1;
        body_len = size - (size_t)(body - in);
    }
    args a = {.n = 0};
    char *q = strchr(url, '?');
    if (q) {
        *q++ = '\0';
        if (!split_args(q, &a))
            goto out;
    }
    if (strcmp(method, "POST") != 0)
        method = strcmp(method, "HEAD") == 0 ? "HEAD" : "GET";
    sl_api api = {store, &opts};
    sl_request rq = {method, url, get_arg, &a, body, body_len, "application/json"};
    sl_reply r = {0};
    sl_buf_init(&r.body);
    sl_store_set_deadline(store, 200);
    sl_api_handle(&api, &rq, &r); /* the pages too, as in the server */
    sl_store_set_deadline(store, 0);
    check_reply(&r);
    sl_buf_free(&r.body);
out:
    free(in);
    return 0;
}

/* query.c — the read side of the store: listing, one article, full
 * reconstruction of an sl_article, and full-text search.
 *
 * Row and hit strings point into SQLite's memory: they are valid during the
 * callback only. "Not found" is SL_END (not an error) with err naming the id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "../core/draft.h"
#include "../segment/segment.h"

static const char *col_text(sqlite3_stmt *st, int i) {
    return (const char *)sqlite3_column_text(st, i);
}

static void fill_row(sqlite3_stmt *st, sl_article_row *r) {
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->title = col_text(st, 1);
    r->url = col_text(st, 2);
    r->outlet = col_text(st, 3);
    r->authors = col_text(st, 4);
    r->language = col_text(st, 5);
    r->published = col_text(st, 6);
    r->published_from = col_text(st, 7);
    r->format = col_text(st, 8);
    r->text = col_text(st, 9);
    r->n_sources = sqlite3_column_int64(st, 10);
    if (!r->title)
        r->title = "";
}

/* Step through rows, handing each to cb until it asks to stop. */
static sl_status each_row(sl_store *s, sqlite3_stmt *st, sl_row_fn cb, void *ud, int *n,
                          sl_error *err) {
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sl_article_row row;
        fill_row(st, &row);
        ++*n;
        if (cb && cb(ud, &row))
            break;
    }
    sl_status res = rc == SQLITE_ROW || rc == SQLITE_DONE ? SL_OK
                                                          : sl_store_fail(s, err, "reading");
    sqlite3_reset(st);
    return res;
}

sl_status sl_store_list(sl_store *s, int64_t limit, int64_t offset, sl_row_fn cb, void *ud,
                        sl_error *err) {
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_LIST, err);
    if (!st)
        return SL_ERR_STORE;
    sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
    sqlite3_bind_int64(st, 2, offset > 0 ? offset : 0);
    int n;
    return each_row(s, st, cb, ud, &n, err);
}

sl_status sl_store_get(sl_store *s, int64_t id, sl_row_fn cb, void *ud, sl_error *err) {
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_GET, err);
    if (!st)
        return SL_ERR_STORE;
    sqlite3_bind_int64(st, 1, id);
    int n;
    sl_status res = each_row(s, st, cb, ud, &n, err);
    if (res == SL_OK && n == 0)
        return sl_fail(err, SL_END, "no article with id %lld", (long long)id);
    return res;
}

/* ------------------------------------------------------------ load */

static const char *arena_col(sl_arena *a, sqlite3_stmt *st, int i) {
    const char *v = col_text(st, i);
    return v ? sl_arena_strndup(a, v, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static void parse_hash(const char *hex, uint8_t out[16]) {
    memset(out, 0, 16);
    for (int i = 0; hex && i < 16; i++) {
        int hi = hexval(hex[2 * i]), lo = hi < 0 ? -1 : hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
}

static sl_date_source date_source_from(const char *name) {
    for (int i = SL_DATE_FIELD; name && i <= SL_DATE_TEXT; i++)
        if (strcmp(name, sl_date_source_name((sl_date_source)i)) == 0)
            return (sl_date_source)i;
    return SL_DATE_NONE;
}

static sl_format format_from(const char *name) {
    for (int i = SL_FORMAT_HTML; name && i <= SL_FORMAT_WARC; i++)
        if (strcmp(name, sl_format_name((sl_format)i)) == 0)
            return (sl_format)i;
    return SL_FORMAT_UNKNOWN;
}

/* The article row; 1 when the id does not exist. */
static int load_fields(sl_store *s, int64_t id, sl_arena *ar, sl_article *a, sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_LOAD_ARTICLE, err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        if (rc == SQLITE_DONE)
            return 1;
        sl_store_fail(s, err, "loading an article");
        return -1;
    }
    parse_hash(col_text(st, 0), a->hash);
    a->title = arena_col(ar, st, 1);
    a->url = arena_col(ar, st, 2);
    a->outlet = arena_col(ar, st, 3);
    a->authors = arena_col(ar, st, 4);
    a->language = arena_col(ar, st, 5);
    const char *pub = col_text(st, 6);
    snprintf(a->published, sizeof a->published, "%s", pub ? pub : "");
    a->published_from = date_source_from(col_text(st, 7));
    a->format = format_from(col_text(st, 8));
    a->text = arena_col(ar, st, 9);
    a->text_len = a->text ? (size_t)sqlite3_column_bytes(st, 9) : 0;
    const char *warn = col_text(st, 10);
    snprintf(a->warning, sizeof a->warning, "%s", warn ? warn : "");
    sqlite3_reset(st);
    if (!a->title)
        a->title = "";
    if (!a->text)
        a->text = sl_arena_strdup(ar, "");
    return a->text ? 0 : -1;
}

/* Spans from the file are checked against the text: a hand-edited or
 * damaged row must not send a reader past the end of the text. */
static size_t clamp(int64_t v, size_t max) {
    return v < 0 ? 0 : (uint64_t)v > max ? max : (size_t)v;
}

/* Rows are counted first so each array is one arena allocation. */
static int64_t count_rows(sqlite3_stmt *st) {
    int64_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        n++;
    sqlite3_reset(st);
    return n;
}

static int load_blocks(sl_store *s, int64_t id, sl_arena *ar, sl_article *a, sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_LOAD_BLOCKS, err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int64_t n = count_rows(st);
    a->blocks = sl_arena_calloc(ar, (size_t)(n ? n : 1) * sizeof *a->blocks);
    if (!a->blocks)
        return -1;
    size_t i = 0;
    while (i < (size_t)n && sqlite3_step(st) == SQLITE_ROW) {
        sl_block *b = &a->blocks[i++];
        b->kind = sl_store_block_kind(col_text(st, 0));
        b->start = clamp(sqlite3_column_int64(st, 1), a->text_len);
        b->end = clamp(sqlite3_column_int64(st, 2), a->text_len);
        if (b->end < b->start)
            b->end = b->start;
        b->speaker = arena_col(ar, st, 3);
    }
    sqlite3_reset(st);
    a->n_blocks = i;
    return 0;
}

static int load_sentences(sl_store *s, int64_t id, sl_arena *ar, sl_article *a, sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_LOAD_SENTENCES, err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int64_t n = count_rows(st);
    a->sentences = sl_arena_calloc(ar, (size_t)(n ? n : 1) * sizeof *a->sentences);
    if (!a->sentences)
        return -1;
    size_t i = 0;
    while (i < (size_t)n && sqlite3_step(st) == SQLITE_ROW) {
        sl_sentence *se = &a->sentences[i++];
        se->start = clamp(sqlite3_column_int64(st, 0), a->text_len);
        se->end = clamp(sqlite3_column_int64(st, 1), a->text_len);
        if (se->end < se->start)
            se->end = se->start;
        se->block = sqlite3_column_int(st, 2);
    }
    sqlite3_reset(st);
    a->n_sentences = i;
    return 0;
}

/* Tokens are recomputed; each stored sentence gets the tokens that start
 * inside it. Both lists are ordered by position, so one merge walk does. */
static int retokenize(sl_arena *ar, sl_article *a) {
    sl_sentence *sents;
    size_t n_sents;
    if (sl_segment(a->text, a->text_len, a->blocks, a->n_blocks, ar, &sents, &n_sents,
                   &a->tokens, &a->n_tokens) != SL_OK)
        return -1;
    if (a->n_sentences == 0) {
        /* Stored before sentences were kept: use the fresh ones. */
        a->sentences = sents;
        a->n_sentences = n_sents;
        return 0;
    }
    size_t k = 0;
    for (size_t i = 0; i < a->n_sentences; i++) {
        sl_sentence *se = &a->sentences[i];
        while (k < a->n_tokens && a->tokens[k].start < se->start)
            k++;
        se->token_first = k;
        while (k < a->n_tokens && a->tokens[k].start < se->end)
            k++;
        se->token_end = k;
    }
    return 0;
}

static int load_source(sl_store *s, int64_t id, sl_arena *ar, sl_article *a, sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_LOAD_SOURCE, err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *path = col_text(st, 0);
        a->prov.path = path && *path ? arena_col(ar, st, 0) : NULL;
        a->prov.offset = (uint64_t)sqlite3_column_int64(st, 1);
        a->prov.length = (uint64_t)sqlite3_column_int64(st, 2);
        a->prov.record_id = arena_col(ar, st, 3);
    }
    sqlite3_reset(st);
    return 0;
}

sl_status sl_store_load(sl_store *s, int64_t id, sl_article **out, sl_error *err) {
    *out = NULL;
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    /* Same ownership as sl_draft_finish: the article is the first member of
     * an owner allocated in its own arena; the arena struct is copied in
     * last, after every allocation. */
    sl_arena ar;
    sl_arena_init(&ar, 0);
    sl_article_owner *h = sl_arena_calloc(&ar, sizeof *h);
    sl_error local;
    if (!err)
        err = &local;
    err->status = SL_OK;
    int rc = h ? load_fields(s, id, &ar, &h->a, err) : -1;
    if (rc == 0)
        rc = load_blocks(s, id, &ar, &h->a, err) || load_sentences(s, id, &ar, &h->a, err) ||
             retokenize(&ar, &h->a) || load_source(s, id, &ar, &h->a, err);
    if (rc != 0) {
        sl_arena_free(&ar);
        if (rc == 1)
            return sl_fail(err, SL_END, "no article with id %lld", (long long)id);
        if (err->status == SL_ERR_STORE)
            return SL_ERR_STORE;
        return sl_fail(err, SL_ERR_NOMEM, "out of memory loading article %lld", (long long)id);
    }
    h->arena = ar;
    *out = &h->a;
    return SL_OK;
}

sl_status sl_store_sources(sl_store *s, int64_t id, sl_source_fn cb, void *ud,
                           sl_error *err) {
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_SOURCES, err);
    if (!st)
        return SL_ERR_STORE;
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sl_provenance p = {col_text(st, 0), (uint64_t)sqlite3_column_int64(st, 1),
                           (uint64_t)sqlite3_column_int64(st, 2), col_text(st, 3)};
        if (cb && cb(ud, &p))
            break;
    }
    sl_status res = rc == SQLITE_ROW || rc == SQLITE_DONE ? SL_OK
                                                          : sl_store_fail(s, err, "reading sources");
    sqlite3_reset(st);
    return res;
}

/* ------------------------------------------------------------ search */

/* Words an FTS5 query treats as operators when written in capitals. */
static int has_operator(const char *q) {
    static const char *const ops[] = {"AND", "OR", "NOT", "NEAR"};
    const char *p = q;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        size_t n = strcspn(p, " \t\n");
        for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
            if (strlen(ops[i]) == n && strncmp(p, ops[i], n) == 0)
                return 1;
        if (n >= 5 && strncmp(p, "NEAR(", 5) == 0)
            return 1;
        p += n;
    }
    return 0;
}

/* A query of plain words (no quotes, parentheses or operators) that FTS5
 * cannot parse, like "Marrow-Bay" or "10:30", is searched again with each
 * word as a quoted phrase. A query that uses the syntax and gets it wrong
 * is the user's to fix: NULL here, and the parse error is reported. */
static char *as_phrases(const char *q) {
    if (strpbrk(q, "\"()") || has_operator(q))
        return NULL;
    size_t n = strlen(q);
    char *out = malloc(3 * n + 1);
    if (!out)
        return NULL;
    char *o = out;
    const char *p = q;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        size_t w = strcspn(p, " \t\n\r");
        if (!w)
            break;
        if (o != out)
            *o++ = ' ';
        *o++ = '"';
        memcpy(o, p, w);
        o += w;
        *o++ = '"';
        p += w;
    }
    *o = 0;
    return out;
}

/* 1 when the error is about the query rather than the database. */
static int query_error(sl_store *s) {
    return sqlite3_errcode(s->db) == SQLITE_ERROR;
}

/* Run one MATCH; *hits counts rows handed out. */
static sl_status run_search(sl_store *s, const char *q, int64_t limit, sl_hit_fn cb, void *ud,
                            int *hits, sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_SEARCH, err);
    if (!st)
        return SL_ERR_STORE;
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
    int rc;
    *hits = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sl_search_hit h;
        h.id = sqlite3_column_int64(st, 0);
        h.title = col_text(st, 1);
        h.published = col_text(st, 2);
        h.outlet = col_text(st, 3);
        h.snippet = col_text(st, 4);
        /* bm25 is "lower is better"; hits carry "higher is better". */
        h.rank = -sqlite3_column_double(st, 5);
        if (!h.title)
            h.title = "";
        if (!h.snippet)
            h.snippet = "";
        ++*hits;
        if (cb && cb(ud, &h))
            break;
    }
    sl_status res = SL_OK;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        res = query_error(s) ? sl_fail(err, SL_ERR_ARG, "bad search query: %s",
                                       sqlite3_errmsg(s->db))
                             : sl_store_fail(s, err, "searching");
    sqlite3_reset(st);
    return res;
}

sl_status sl_store_search(sl_store *s, const char *query, int64_t limit, sl_hit_fn cb, void *ud,
                          sl_error *err) {
    if (!s || !query)
        return sl_fail(err, SL_ERR_ARG, "no store or no query");
    if (query[strspn(query, " \t\r\n")] == 0)
        return sl_fail(err, SL_ERR_ARG, "empty search query");
    int hits;
    sl_status st = run_search(s, query, limit, cb, ud, &hits, err);
    if (st != SL_ERR_ARG || hits)
        return st;
    char *retry = as_phrases(query);
    if (!retry)
        return st;
    sl_error second;
    sl_status st2 = run_search(s, retry, limit, cb, ud, &hits, &second);
    free(retry);
    /* When the rescue fails too, the first message says more. */
    if (st2 == SL_ERR_ARG)
        return st;
    if (st2 != SL_OK && err)
        *err = second;
    return st2;
}

/* query.c — the read side of the store: listing, one article, full
 * reconstruction of an sl_article, and full-text search.
 *
 * Row and hit strings point into SQLite's memory: they are valid during the
 * callback only. "Not found" is SL_END (not an error) with err naming the id.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
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

/* ------------------------------------------------------------ recent search
 *
 * search.h: the newest SL_SEARCH_WINDOW matches, ranked here by BM25. */

enum { TF_PHRASES = 32 };  /* phrases scored; later ones still match */
static const double TITLE_WEIGHT = 5.0, BM25_K1 = 1.2, BM25_B = 0.75;

/* Per store handle: the FTS5 function is registered, and every indexed
 * row's length in tokens by id (capped at 65,535; 0: unknown), loaded
 * past `loaded` on demand. A row re-indexed in place keeps its old length
 * until the handle is reopened: BM25 barely moves, and ids only grow. */
struct sl_search_state {
    int tf_registered;
    uint16_t *len;
    int64_t cap, loaded;
};

void sl_search_state_free(struct sl_search_state *ss) {
    if (ss)
        free(ss->len);
    free(ss);
}

typedef struct cand {
    int64_t id;
    double score;
    int64_t first; /* token offset of its first match in the text, or -1 */
} cand;

typedef struct window {
    cand c[SL_SEARCH_WINDOW];
    int32_t tf[SL_SEARCH_WINDOW][TF_PHRASES];
    int64_t doc_tokens[SL_SEARCH_WINDOW];
    size_t n;
    int np;
    int have_totals;
    int64_t rows, tokens;
} window;

/* sl_tf(article_fts, window): called for each matching row, newest first;
 * appends the row to the window (passed as a pointer: no value is made
 * and read back per row) with, per phrase, the weighted count of its
 * matches (title x5, text x1) and the word offset of its first match in
 * the text. The index totals are asked once per query (FTS5 re-reads its
 * averages record on each ask); the row's own length is not asked here
 * (xColumnSize runs a statement per row) but kept in memory
 * (window_lengths). Returns NULL. */
static void tf_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nv,
                  sqlite3_value **v) {
    window *w = nv == 1 ? sqlite3_value_pointer(v[0], "sl_window") : NULL;
    if (!w || w->n >= SL_SEARCH_WINDOW) {
        sqlite3_result_error(ctx, "sl_tf: no window", -1);
        return;
    }
    int np = api->xPhraseCount(fts), n_inst = 0, rc = SQLITE_OK;
    if (np > TF_PHRASES)
        np = TF_PHRASES;
    if (!w->have_totals) {
        sqlite3_int64 rows = 0, tokens = 0;
        rc = api->xRowCount(fts, &rows);
        if (rc == SQLITE_OK)
            rc = api->xColumnTotalSize(fts, -1, &tokens);
        w->rows = rows;
        w->tokens = tokens;
        w->have_totals = rc == SQLITE_OK;
    }
    size_t i = w->n;
    memset(w->tf[i], 0, sizeof w->tf[i]);
    int64_t first = -1;
    if (rc == SQLITE_OK)
        rc = api->xInstCount(fts, &n_inst);
    for (int k = 0; rc == SQLITE_OK && k < n_inst; k++) {
        int ph, col, off;
        rc = api->xInst(fts, k, &ph, &col, &off);
        if (rc == SQLITE_OK && ph < np)
            w->tf[i][ph] += col == 0 ? (int32_t)TITLE_WEIGHT : 1;
        if (rc == SQLITE_OK && col == 1 && (first < 0 || off < first))
            first = off;
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    w->c[i].id = api->xRowid(fts);
    w->c[i].first = first;
    w->np = np;
    w->n++;
}

/* Register sl_tf on this connection once. */
static int register_tf(sl_store *s, sl_error *err) {
    if (!s->search && !(s->search = calloc(1, sizeof *s->search))) {
        sl_fail(err, SL_ERR_NOMEM, "searching: out of memory");
        return -1;
    }
    if (s->search->tf_registered)
        return 0;
    fts5_api *fts = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&fts, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (!fts || fts->xCreateFunction(fts, "sl_tf", NULL, tf_fn, NULL) != SQLITE_OK) {
        sl_fail(err, SL_ERR_STORE, "%s: cannot register the search function", s->path);
        return -1;
    }
    s->search->tf_registered = 1;
    return 0;
}

/* Read the newest matches and their counts; SL_ERR_ARG for a bad query. */
static sl_status read_window(sl_store *s, const char *q, window *w, sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_SEARCH_RECENT, err);
    if (!st)
        return SL_ERR_STORE;
    w->n = 0;
    w->np = 0;
    w->have_totals = 0;
    w->rows = w->tokens = 0;
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, SL_SEARCH_WINDOW);
    sqlite3_bind_pointer(st, 3, w, "sl_window", NULL);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    sl_status res = SL_OK;
    if (rc != SQLITE_DONE)
        res = query_error(s) ? sl_fail(err, SL_ERR_ARG, "bad search query: %s",
                                       sqlite3_errmsg(s->db))
                             : sl_store_fail(s, err, "searching");
    sqlite3_reset(st);
    return res;
}

/* "[id,id,...]" of the first n candidates into buf (n <= the window). */
static size_t id_list(const window *w, size_t n, char buf[SL_SEARCH_WINDOW * 21 + 2]) {
    char *o = buf;
    *o++ = '[';
    for (size_t i = 0; i < n; i++)
        o += sprintf(o, "%s%lld", i ? "," : "", (long long)w->c[i].id);
    *o++ = ']';
    *o = 0;
    return (size_t)(o - buf);
}

/* Lengths of every row with an id above ss->loaded. */
static sl_status load_lengths(sl_store *s, struct sl_search_state *ss, sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_SEARCH_LENGTHS, err);
    if (!st)
        return SL_ERR_STORE;
    sqlite3_bind_int64(st, 1, ss->loaded);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (id <= 0 || id > INT32_MAX)
            continue;
        if (id >= ss->cap) {
            int64_t cap = ss->cap ? ss->cap : 4096;
            while (cap <= id)
                cap *= 2;
            uint16_t *len = realloc(ss->len, (size_t)cap * sizeof *len);
            if (!len) {
                sqlite3_reset(st);
                return sl_fail(err, SL_ERR_NOMEM, "searching: out of memory");
            }
            memset(len + ss->cap, 0, (size_t)(cap - ss->cap) * sizeof *len);
            ss->len = len;
            ss->cap = cap;
        }
        const unsigned char *p = sqlite3_column_blob(st, 1);
        const unsigned char *end = p + sqlite3_column_bytes(st, 1);
        int64_t tokens = 0;
        while (p && p < end) { /* SQLite varints: 7 bits a byte, high bit: more */
            uint64_t v = 0;
            for (int b = 0; p < end && b < 9; b++) {
                v = (v << 7) | (*p & 0x7f);
                if (!(*p++ & 0x80))
                    break;
            }
            tokens += (int64_t)v;
        }
        ss->len[id] = (uint16_t)(tokens > 65535 ? 65535 : tokens < 1 ? 1 : tokens);
        ss->loaded = id;
    }
    sl_status res = rc == SQLITE_DONE ? SL_OK : sl_store_fail(s, err, "searching");
    sqlite3_reset(st);
    return res;
}

/* Each candidate's length; rows newer than the loaded ones load first. */
static sl_status window_lengths(sl_store *s, window *w, sl_error *err) {
    struct sl_search_state *ss = s->search;
    if (w->n && w->c[0].id > ss->loaded) {
        sl_status st = load_lengths(s, ss, err);
        if (st != SL_OK)
            return st;
    }
    int64_t avg = w->rows > 0 ? w->tokens / w->rows : 1;
    for (size_t i = 0; i < w->n; i++) {
        int64_t id = w->c[i].id;
        uint16_t l = id > 0 && id < ss->cap ? ss->len[id] : 0;
        w->doc_tokens[i] = l ? l : avg;
    }
    return SL_OK;
}

/* About how many articles match: the window's share of the id range it
 * covers, scaled to all ids (ids are dense: articles are never renumbered). */
static int64_t estimate_total(sl_store *s, const window *w, int *exact) {
    *exact = w->n < SL_SEARCH_WINDOW;
    if (*exact)
        return (int64_t)w->n;
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_MAX_ID, NULL);
    int64_t max_id = 0;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        max_id = sqlite3_column_int64(st, 0);
    if (st)
        sqlite3_reset(st);
    int64_t span = max_id - w->c[w->n - 1].id + 1;
    int64_t est = span > 0 ? (int64_t)((double)w->n * (double)max_id / (double)span) : 0;
    if (est < (int64_t)w->n)
        est = (int64_t)w->n;
    return w->rows > 0 && est > w->rows ? w->rows : est;
}

static int by_score(const void *a, const void *b) {
    const cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->id < y->id ? 1 : x->id > y->id ? -1 : 0; /* newer first on ties */
}

/* BM25 as FTS5 computes it (title words weighted; the IDF of Lucene's
 * variant, never negative), with each phrase's
 * document frequency taken from the window: exact when every match is in
 * it, else its share of the window times the estimated total. */
static void score_window(window *w, int64_t total, size_t k) {
    double idf[TF_PHRASES];
    double n_rows = w->rows > 0 ? (double)w->rows : 1;
    double avgdl = w->tokens > 0 ? (double)w->tokens / n_rows : 1;
    for (int p = 0; p < w->np; p++) {
        size_t with = 0;
        for (size_t i = 0; i < w->n; i++)
            with += w->tf[i][p] > 0;
        double df = w->n ? (double)with * (double)total / (double)w->n : 0;
        if (df < 1)
            df = 1;
        /* The "+ 1" keeps a word in most articles slightly positive (FTS5
         * floors it to 1e-6, which flattens every score of a common word). */
        idf[p] = log(1 + (n_rows - df + 0.5) / (df + 0.5));
    }
    for (size_t i = 0; i < w->n; i++) {
        double norm = BM25_K1 * (1 - BM25_B + BM25_B * (double)w->doc_tokens[i] / avgdl);
        double sc = 0;
        for (int p = 0; p < w->np; p++) {
            double f = w->tf[i][p];
            sc += idf[p] * f * (BM25_K1 + 1) / (f + norm);
        }
        w->c[i].score = sc;
    }
    /* Only the first k need order: for a page of 10, ten passes of
     * selection beat sorting all 256. */
    if (k > 32 || k >= w->n) {
        qsort(w->c, w->n, sizeof *w->c, by_score);
        return;
    }
    for (size_t i = 0; i < k; i++) {
        size_t best = i;
        for (size_t j = i + 1; j < w->n; j++)
            if (by_score(&w->c[j], &w->c[best]) < 0)
                best = j;
        cand tmp = w->c[i];
        w->c[i] = w->c[best];
        w->c[best] = tmp;
    }
}

/* Hand out the top hits: their rows in one statement, in rank order. */
static sl_status emit_hits(sl_store *s, const window *w, size_t n, const char *query,
                           sl_hit_fn cb, void *ud, sl_error *err) {
    char ids[SL_SEARCH_WINDOW * 21 + 2];
    size_t len = id_list(w, n, ids);
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_SEARCH_FETCH, err);
    if (!st)
        return SL_ERR_STORE;
    sqlite3_bind_text(st, 1, ids, (int)len, SQLITE_STATIC);
    sl_snip_terms terms;
    sl_snip_terms_parse(&terms, query);
    char snip[1024];
    size_t k = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sl_search_hit h;
        h.id = sqlite3_column_int64(st, 0);
        h.title = col_text(st, 1);
        h.published = col_text(st, 2);
        h.outlet = col_text(st, 3);
        const char *text = col_text(st, 4);
        while (k < n && w->c[k].id != h.id)
            k++; /* a row deleted meanwhile is skipped */
        sl_snip(text ? text : "", text ? (size_t)sqlite3_column_bytes(st, 4) : 0, &terms,
                k < n ? w->c[k].first : -1, snip, sizeof snip);
        h.snippet = snip;
        h.rank = k < n ? w->c[k].score : 0;
        if (!h.title)
            h.title = "";
        if (cb && cb(ud, &h))
            break;
    }
    sl_status res = rc == SQLITE_ROW || rc == SQLITE_DONE ? SL_OK
                                                          : sl_store_fail(s, err, "searching");
    sqlite3_reset(st);
    return res;
}

static sl_status search_recent(sl_store *s, const char *q, int64_t limit, sl_hit_fn cb,
                               void *ud, sl_search_stats *stats, size_t *hits, sl_error *err) {
    window *w = malloc(sizeof *w);
    if (!w)
        return sl_fail(err, SL_ERR_NOMEM, "searching: out of memory");
    sl_status st = read_window(s, q, w, err);
    *hits = 0;
    if (st == SL_OK)
        st = window_lengths(s, w, err);
    if (st == SL_OK) {
        int exact;
        int64_t total = estimate_total(s, w, &exact);
        size_t n = limit > 0 && (uint64_t)limit < w->n ? (size_t)limit : w->n;
        score_window(w, total, n);
        if (stats) {
            stats->ranked_over = (int64_t)w->n;
            stats->total_estimate = total;
            stats->exact = exact;
        }
        *hits = w->n;
        if (n)
            st = emit_hits(s, w, n, q, cb, ud, err);
    }
    free(w);
    return st;
}

sl_status sl_store_search_warm(sl_store *s, sl_error *err) {
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    if (register_tf(s, err) != 0)
        return err && err->status == SL_ERR_NOMEM ? SL_ERR_NOMEM : SL_ERR_STORE;
    return load_lengths(s, s->search, err);
}

sl_status sl_store_search_recent(sl_store *s, const char *query, int64_t limit, sl_hit_fn cb,
                                 void *ud, sl_search_stats *stats, sl_error *err) {
    if (stats)
        memset(stats, 0, sizeof *stats);
    if (!s || !query)
        return sl_fail(err, SL_ERR_ARG, "no store or no query");
    if (query[strspn(query, " \t\r\n")] == 0)
        return sl_fail(err, SL_ERR_ARG, "empty search query");
    if (register_tf(s, err) != 0)
        return err && err->status == SL_ERR_NOMEM ? SL_ERR_NOMEM : SL_ERR_STORE;
    size_t hits;
    sl_status st = search_recent(s, query, limit, cb, ud, stats, &hits, err);
    if (st != SL_ERR_ARG || hits)
        return st;
    char *retry = as_phrases(query);
    if (!retry)
        return st;
    sl_error second;
    sl_status st2 = search_recent(s, retry, limit, cb, ud, stats, &hits, &second);
    free(retry);
    if (st2 == SL_ERR_ARG)
        return st;
    if (st2 != SL_OK && err)
        *err = second;
    return st2;
}

/* ------------------------------------------------------------ snippets */

/* Letters of Latin-1 (U+00C0..U+00FF, bytes C3 80..BF) without their
 * accents, lowercased, as FTS5's remove_diacritics folds them; 0 for the
 * two signs (multiplication, division). */
static const char latin1_fold[64] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
                                    "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";

/* Whether the character at p is part of a word, as FTS5's unicode61
 * tokenizer sees it for the text news uses: ASCII letters and digits, and
 * any other character but the Latin-1 signs and the general and CJK
 * punctuation blocks (curly quotes, dashes, ellipsis). *len: its bytes. */
static const unsigned char ascii_word[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['_'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1,
    ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1,
    ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
    ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1,
    ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1,
    ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1,
    ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
};

static int word_char(const char *s, const char *end, size_t *len) {
    const unsigned char *p = (const unsigned char *)s;
    unsigned char c = *p;
    *len = 1;
    if (c < 0x80)
        return ascii_word[c];
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if ((size_t)((const unsigned char *)end - p) < n)
        n = (size_t)((const unsigned char *)end - p);
    *len = n;
    if (c == 0xC2 || (c == 0xC3 && n > 1 && (p[1] == 0x97 || p[1] == 0xB7)))
        return 0;
    if (n == 3 && ((c == 0xE2 && (p[1] == 0x80 || p[1] == 0x81)) || (c == 0xE3 && p[1] == 0x80)))
        return 0;
    return 1;
}

/* Skip to the next word character; then past the word. */
static const char *skip_sep(const char *p, const char *end) {
    size_t n;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) { /* most bytes: no call */
            if (ascii_word[c])
                break;
            p++;
        } else if (!word_char(p, end, &n)) {
            p += n;
        } else {
            break;
        }
    }
    return p;
}

static const char *skip_word(const char *p, const char *end) {
    size_t n;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            if (!ascii_word[c])
                break;
            p++;
        } else if (word_char(p, end, &n)) {
            p += n;
        } else {
            break;
        }
    }
    return p;
}

/* The folded character at p (before end): its byte value, *step set to the
 * bytes it takes. */
static unsigned char fold_at(const unsigned char *p, const unsigned char *end, size_t *step) {
    *step = 1;
    if (*p < 0x80)
        return (unsigned char)((*p >= 'A' && *p <= 'Z') ? *p | 0x20 : *p);
    if (*p == 0xC3 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0xBF && latin1_fold[p[1] - 0x80]) {
        *step = 2;
        return (unsigned char)latin1_fold[p[1] - 0x80];
    }
    return *p;
}

/* Append the folded word [p, end) to the terms; 0 when full. */
static int add_term(sl_snip_terms *t, const char *p, const char *end, int prefix) {
    size_t used = t->n ? t->t[t->n - 1].off + t->t[t->n - 1].len : 0;
    if (t->n >= SL_SNIP_TERMS)
        return 0;
    size_t len = 0;
    const unsigned char *u = (const unsigned char *)p, *e = (const unsigned char *)end;
    while (u < e && used + len < sizeof t->buf) {
        size_t step;
        t->buf[used + len++] = (char)fold_at(u, e, &step);
        u += step;
    }
    if (!len || u < e)
        return 0;
    t->first[(unsigned char)t->buf[used]] = 1;
    t->t[t->n].off = (unsigned short)used;
    t->t[t->n].len = (unsigned short)len;
    t->t[t->n].prefix = prefix;
    t->n++;
    return 1;
}

static int is_operator(const char *p, size_t n) {
    return (n == 3 && (!strncmp(p, "AND", 3) || !strncmp(p, "NOT", 3))) ||
           (n == 2 && !strncmp(p, "OR", 2)) || (n == 4 && !strncmp(p, "NEAR", 4));
}

void sl_snip_terms_parse(sl_snip_terms *t, const char *q) {
    memset(t, 0, sizeof *t);
    int skip_next = 0; /* after NOT: that term is not marked */
    const char *p = q;
    while (*p) {
        if (*p == '"') { /* a phrase: every word in it */
            const char *z = strchr(p + 1, '"');
            const char *end = z ? z : p + strlen(p);
            int prefix = z && z[1] == '*';
            for (const char *w = p + 1; w < end;) {
                w = skip_sep(w, end);
                const char *we = skip_word(w, end);
                if (we > w && !skip_next)
                    add_term(t, w, we, prefix && we == end);
                w = we;
            }
            skip_next = 0;
            p = z ? z + 1 : end;
            continue;
        }
        const char *qend = p + strlen(p);
        if (skip_sep(p, qend) != p) {
            p = skip_sep(p, qend);
            continue;
        }
        const char *we = skip_word(p, qend);
        if (*we == ':') { /* a column name */
            p = we + 1;
            continue;
        }
        if (is_operator(p, (size_t)(we - p))) {
            skip_next = we - p == 3 && *p == 'N';
        } else {
            if (!skip_next)
                add_term(t, p, we, *we == '*');
            skip_next = 0;
        }
        p = we;
    }
}

/* 1 when the text word [p, end) is one of the terms. */
static int word_matches(const sl_snip_terms *t, const char *p, const char *end) {
    const unsigned char *e = (const unsigned char *)end;
    size_t step0;
    if (!t->first[fold_at((const unsigned char *)p, e, &step0)])
        return 0; /* most words: no term starts like them */
    for (size_t i = 0; i < t->n; i++) {
        const char *term = t->buf + t->t[i].off;
        size_t len = t->t[i].len, k = 0;
        const unsigned char *u = (const unsigned char *)p;
        while (u < e && k < len) {
            size_t step;
            if (fold_at(u, e, &step) != (unsigned char)term[k])
                break;
            u += step;
            k++;
        }
        if (k == len && (u == e || t->t[i].prefix))
            return 1;
    }
    return 0;
}

/* The next word at or after *p: [*ws, *we); 0 at the end. */
static int next_word(const char **p, const char *end, const char **ws, const char **we) {
    const char *q = skip_sep(*p, end);
    if (q >= end)
        return 0;
    *ws = q;
    *p = *we = skip_word(q, end);
    return 1;
}

/* With FTS5's word offset of a match: walk to it without comparing words,
 * and take the first match within a few words of it; 0 when there is
 * none there (the tokenizers disagree), and the caller scans. */
static int snip_from_hint(const char *text, const char *end, const sl_snip_terms *t,
                          int64_t hint, const char **from) {
    const char *ring[5], *p = text, *ws, *we;
    for (int64_t i = 0; next_word(&p, end, &ws, &we) && i <= hint + 4; i++) {
        ring[i % 5] = ws;
        if (i + 4 >= hint && word_matches(t, ws, we)) {
            *from = ring[(i >= 4 ? i - 4 : 0) % 5];
            return 1;
        }
    }
    return 0;
}

size_t sl_snip(const char *text, size_t len, const sl_snip_terms *t, int64_t hint, char *out,
               size_t cap) {
    const char *end = text + len, *p = text, *ws, *we;
    const char *from = text;
    int found = hint >= 0 && t->n && snip_from_hint(text, end, t, hint, &from);
    /* One pass: a ring of the last SL_SNIP_WORDS words, counting matches;
     * the window with the most wins, started a few words before its first
     * match. It stops early once a window holds as many matches as terms. */
    const char *starts[SL_SNIP_WORDS];
    unsigned char hit[SL_SNIP_WORDS] = {0};
    size_t n = 0, in = 0, best = 0;
    while (!found && t->n && next_word(&p, end, &ws, &we)) {
        size_t slot = n % SL_SNIP_WORDS;
        in -= hit[slot];
        starts[slot] = ws;
        hit[slot] = (unsigned char)word_matches(t, ws, we);
        in += hit[slot];
        n++;
        if (in > best) {
            best = in;
            size_t first = n > SL_SNIP_WORDS ? n - SL_SNIP_WORDS : 0, m = first;
            while (!hit[m % SL_SNIP_WORDS])
                m++;
            from = starts[(m >= first + 4 ? m - 4 : first) % SL_SNIP_WORDS];
            if (best >= t->n || best >= SL_SNIP_WORDS / 2)
                break;
        }
    }
    /* Write the window's words with what lies between them, marking hits. */
    size_t o = 0;
    if (cap < 16)
        return cap ? (out[0] = 0) : 0;
    cap -= 8; /* room for "..." and the NUL */
    const char *first_word = text, *fw_end;
    if (!next_word(&first_word, end, &ws, &fw_end))
        ws = end;
    p = from;
    if (from > ws)
        memcpy(out, "...", 3), o = 3;
    const char *last = from;
    size_t words = 0;
    while (words < SL_SNIP_WORDS && next_word(&p, end, &ws, &we)) {
        int m = word_matches(t, ws, we);
        size_t need = (size_t)(we - last) + 2 * (size_t)m;
        if (o + need > cap)
            break;
        for (const char *c = words ? last : ws; c < ws; c++) {
            int space = *c == ' ' || *c == '\n' || *c == '\r' || *c == '\t';
            if (!space)
                out[o++] = *c;
            else if (o && out[o - 1] != ' ')
                out[o++] = ' ';
        }
        if (m)
            out[o++] = '[';
        memcpy(out + o, ws, (size_t)(we - ws));
        o += (size_t)(we - ws);
        if (m)
            out[o++] = ']';
        last = we;
        words++;
    }
    const char *rest = last;
    if (next_word(&rest, end, &ws, &we)) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = 0;
    return o;
}

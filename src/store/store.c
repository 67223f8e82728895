/* store.c — opening the SQLite store, batches, and idempotent adds.
 *
 * Durability model: WAL with synchronous=NORMAL makes every committed batch
 * survive a killed process (only a power cut may lose the last commits), and
 * an open batch is simply rolled back. Each sl_store_add runs inside its own
 * savepoint, so a failed add leaves neither half an article nor a poisoned
 * batch, whether or not a batch is open.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_int.h"
#include "../meta/meta.h"
#include "../core/draft.h"

static const char *const stmt_sql[SL_ST__N] = {
    [SL_ST_FIND_HASH] = "SELECT id FROM article WHERE hash=?1",
    [SL_ST_INS_ARTICLE] =
        "INSERT INTO article(hash, title, url, outlet, authors, language, published,"
        " published_from, format, text, warning, site)"
        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,sl_site(?3))",
    /* A site's articles go by the name any of them states: a page that
     * gave only its host borrows the first stated name, and a newly stated
     * name reaches the site's host-only pages (?1: the new article). */
    [SL_ST_NAME_SITE] = "UPDATE article SET outlet=" SL_SITE_NAME
                        " WHERE site=(SELECT site FROM article WHERE id=?1) AND "
                        SL_HOST_ONLY("outlet"),
    [SL_ST_INS_SOURCE] = "INSERT OR IGNORE INTO source(article_id, path, \"offset\", length,"
                         " record_id) VALUES (?1,?2,?3,?4,?5)",
    [SL_ST_INS_BLOCK] = "INSERT INTO block(article_id, idx, kind, start, \"end\", speaker)"
                        " VALUES (?1,?2,?3,?4,?5,?6)",
    [SL_ST_INS_SENTENCE] = "INSERT INTO sentence(article_id, idx, start, \"end\", block)"
                           " VALUES (?1,?2,?3,?4,?5)",
    [SL_ST_SAVEPOINT] = "SAVEPOINT sl_add",
    [SL_ST_RELEASE] = "RELEASE sl_add",
    [SL_ST_ROLLBACK_TO] = "ROLLBACK TO sl_add",
    /* DESC puts NULL (unknown date) last in SQLite, and matches the index. */
    [SL_ST_LIST] = "SELECT id, title, url, outlet, authors, language, published, published_from,"
                   " format, NULL, (SELECT count(*) FROM source WHERE article_id=article.id)"
                   " FROM article ORDER BY published DESC, id LIMIT ?1 OFFSET ?2",
    [SL_ST_GET] = "SELECT id, title, url, outlet, authors, language, published, published_from,"
                  " format, text, (SELECT count(*) FROM source WHERE article_id=article.id)"
                  " FROM article WHERE id=?1",
    [SL_ST_LOAD_ARTICLE] = "SELECT hash, title, url, outlet, authors, language, published,"
                           " published_from, format, text, warning FROM article WHERE id=?1",
    [SL_ST_LOAD_BLOCKS] = "SELECT kind, start, \"end\", speaker FROM block"
                          " WHERE article_id=?1 ORDER BY idx",
    [SL_ST_LOAD_SENTENCES] = "SELECT start, \"end\", block FROM sentence"
                             " WHERE article_id=?1 ORDER BY idx",
    [SL_ST_LOAD_SOURCE] = "SELECT path, \"offset\", length, record_id FROM source"
                          " WHERE article_id=?1 ORDER BY id LIMIT 1",
    [SL_ST_SOURCES] = "SELECT path, \"offset\", length, record_id FROM source"
                      " WHERE article_id=?1 ORDER BY id",
    /* FTS5 sorts by rank itself and stops at the limit, so snippets are
     * only built for the hits returned. */
    /* Snippets only for the hits shown: computed inside the ranking query
     * they would be made for every match before the sort. */
    [SL_ST_SEARCH] = "WITH top AS (SELECT rowid, rank FROM article_fts WHERE article_fts"
                     " MATCH ?1 ORDER BY rank LIMIT ?2)"
                     " SELECT a.id, a.title, a.published, a.outlet,"
                     " (SELECT snippet(article_fts, -1, '[', ']', '...', 16) FROM article_fts"
                     "  WHERE article_fts MATCH ?1 AND rowid = top.rowid), top.rank"
                     " FROM top JOIN article a ON a.id = top.rowid ORDER BY top.rank",
    [SL_ST_INS_FACTS] = "INSERT OR REPLACE INTO article_facts(article, version, inferred_date,"
                        " inferred_from, inferred_by) VALUES (?1,?2,?3,?4,?5)",
    [SL_ST_INS_ENTITY] = "INSERT INTO entity(article, idx, name, type, role, role_start, role_end,"
                         " n_mentions) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
    [SL_ST_INS_MENTION] = "INSERT INTO mention(article, idx, start, \"end\", kind, entity)"
                          " VALUES (?1,?2,?3,?4,?5,?6)",
    [SL_ST_INS_QUOTE] = "INSERT INTO quote(article, idx, start, \"end\", kind, speaker_start,"
                        " speaker_end, cue_start, cue_end, entity)"
                        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
    [SL_ST_INS_TIMEX] = "INSERT INTO timex(article, idx, start, \"end\", type, value, mod)"
                        " VALUES (?1,?2,?3,?4,?5,?6,?7)",
    [SL_ST_INS_QUANTITY] = "INSERT INTO quantity(article, idx, start, \"end\", value, low, high,"
                           " bound, change, unit, unit_start, unit_end, about_start, about_end)"
                           " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
    /* sl_tf is query.c's FTS5 function: it collects term counts for BM25.
     * FTS5 walks rowids backwards without sorting, so only the window's
     * rows are ever scored. */
    [SL_ST_SEARCH_RECENT] = "SELECT sl_tf(article_fts, ?3) FROM article_fts"
                            " WHERE article_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
    /* CROSS JOIN keeps json_each outside: a primary-key look-up per hit. */
    [SL_ST_SEARCH_FETCH] = "SELECT a.id, a.title, a.published, a.outlet, a.text"
                           " FROM json_each(?1) AS j CROSS JOIN article AS a ON a.id = j.value"
                           " ORDER BY j.key",
    /* Every document's length in tokens (a varint per column), loaded
     * once and then for new rows only: a look-up per ranked row costs more
     * than the rest of a search. */
    [SL_ST_SEARCH_LENGTHS] = "SELECT id, sz FROM article_fts_docsize WHERE id > ?1 ORDER BY id",
    [SL_ST_MAX_ID] = "SELECT max(id) FROM article",
    [SL_ST_COUNT] = "SELECT (SELECT count(*) FROM article), (SELECT count(*) FROM source)",
    [SL_ST_DATA_VERSION] = "PRAGMA data_version",
};

sl_status sl_store_fail(sl_store *s, sl_error *err, const char *what) {
    if (sqlite3_errcode(s->db) == SQLITE_INTERRUPT && s->deadline_ns)
        return sl_fail(err, SL_ERR_LIMIT, "%s: over the time limit", what);
    return sl_fail(err, SL_ERR_STORE, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

sqlite3_stmt *sl_store_stmt(sl_store *s, sl_stmt_id id, sl_error *err) {
    sqlite3_stmt *st = s->st[id];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
        SQLITE_OK) {
        sl_store_fail(s, err, "preparing a statement");
        return NULL;
    }
    s->st[id] = st;
    return st;
}

int sl_store_bind_str(sqlite3_stmt *st, int col, const char *v, int empty_null) {
    if (!v || (empty_null && !*v))
        return sqlite3_bind_null(st, col);
    return sqlite3_bind_text(st, col, v, -1, SQLITE_STATIC);
}

/* Run a statement that returns no rows. */
static int exec_stmt(sl_store *s, sl_stmt_id id, sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, id, err);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        sl_store_fail(s, err, stmt_sql[id]);
        return -1;
    }
    return 0;
}

static int64_t monotonic_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* Called by SQLite every few thousand VM steps: non-zero interrupts. */
static int past_deadline(void *ud) {
    const sl_store *s = ud;
    return s->deadline_ns && monotonic_ns() > s->deadline_ns;
}

void sl_store_set_deadline(sl_store *s, unsigned ms) {
    s->deadline_ns = ms ? monotonic_ns() + (int64_t)ms * 1000000 : 0;
}

int64_t sl_store_data_version(sl_store *s) {
    /* Asked on every request the server answers from its cache: prepared once. */
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_DATA_VERSION, NULL);
    int64_t v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    if (st)
        sqlite3_reset(st);
    return v;
}

/* sl_site(url): the URL's host without "www.", lowercased, or NULL. The
 * store keys an outlet's site by it (schema version with article.site). */
static void sql_site(sqlite3_context *cx, int argc, sqlite3_value **argv) {
    (void)argc;
    const char *url = (const char *)sqlite3_value_text(argv[0]);
    char host[256];
    if (url && sl_url_host(url, host, sizeof host))
        sqlite3_result_text(cx, host, -1, SQLITE_TRANSIENT);
    else
        sqlite3_result_null(cx);
}

static sl_status configure(sl_store *s, sl_error *err) {
    /* journal_mode answers with the mode it got; an in-memory database says
     * "memory", which is fine. Debian builds SQLite with secure_delete on,
     * which zeroes every page FTS5 merges free: needless writes for public
     * news. Any failure here is usually "file is not a database". */
    static const char *const pragmas =
        "PRAGMA foreign_keys=ON;"
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA secure_delete=OFF;"
        "PRAGMA cache_size=-32768;";
    sqlite3_busy_timeout(s->db, 10000);
    sqlite3_progress_handler(s->db, 4000, past_deadline, s);
    if (sqlite3_create_function(s->db, "sl_site", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                sql_site, NULL, NULL) != SQLITE_OK)
        return sl_store_fail(s, err, "opening");
    if (sqlite3_exec(s->db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
        return sl_store_fail(s, err, "opening");
    return SL_OK;
}

sl_status sl_store_open(const char *path, sl_store **out, sl_error *err) {
    *out = NULL;
    if (!path || !*path)
        return sl_fail(err, SL_ERR_ARG, "no database path given");
    sl_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return sl_fail(err, SL_ERR_NOMEM, "out of memory opening the store");
    }
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    sl_status st = rc == SQLITE_OK ? configure(s, err) : sl_store_fail(s, err, "opening");
    if (st == SL_OK)
        st = sl_store_migrate(s, err);
    if (st != SL_OK) {
        sl_store_close(s);
        return st;
    }
    *out = s;
    return SL_OK;
}

/* Closing with a batch open rolls it back: only commit makes data stay. */
void sl_store_close(sl_store *s) {
    if (!s)
        return;
    for (int i = 0; i < SL_ST__N; i++)
        sqlite3_finalize(s->st[i]);
    sl_search_state_free(s->search);
    sqlite3_close_v2(s->db);
    free(s->path);
    free(s);
}

sl_status sl_store_begin(sl_store *s, sl_error *err) {
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    if (s->in_batch)
        return sl_fail(err, SL_ERR_ARG, "a batch is already open");
    /* IMMEDIATE takes the write lock now (waiting up to busy_timeout), so a
     * concurrent writer cannot make the batch fail halfway. */
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return sl_store_fail(s, err, "starting a batch");
    s->in_batch = 1;
    return SL_OK;
}

sl_status sl_store_commit(sl_store *s, sl_error *err) {
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    if (!s->in_batch)
        return sl_fail(err, SL_ERR_ARG, "no batch is open");
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        sl_status st = sl_store_fail(s, err, "committing a batch");
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->in_batch = 0;
        return st;
    }
    s->in_batch = 0;
    return SL_OK;
}

/* FTS5 keeps each batch's postings as a new segment and merges them lazily,
 * so a store built by a large ingest answers a term from many b-trees.
 * 'optimize' merges them into one; it rewrites the whole index, so it runs
 * only when this run grew the store by a tenth or more: the rewrites then
 * cost a bounded amount per article over the store's life. */
sl_status sl_store_compact_index(sl_store *s, int64_t added, sl_error *err) {
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    if (s->in_batch)
        return sl_fail(err, SL_ERR_ARG, "a batch is open");
    int64_t n = 0;
    sl_status st = sl_store_count(s, &n, NULL, err);
    if (st != SL_OK || added <= 0 || added * 10 < n)
        return st;
    if (sqlite3_exec(s->db, "INSERT INTO article_fts(article_fts) VALUES('optimize')", NULL, NULL,
                     NULL) != SQLITE_OK)
        return sl_store_fail(s, err, "merging the search index");
    return SL_OK;
}

sl_block_kind sl_store_block_kind(const char *name) {
    for (int k = SL_BLOCK_PARAGRAPH; k <= SL_BLOCK_PRE; k++)
        if (name && strcmp(name, sl_block_kind_name((sl_block_kind)k)) == 0)
            return (sl_block_kind)k;
    return SL_BLOCK_PARAGRAPH;
}

static int step_done(sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int insert_article(sl_store *s, const sl_article *a, const char *hex, int64_t *id,
                          sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_INS_ARTICLE, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
    sl_store_bind_str(st, 2, a->title ? a->title : "", 0);
    sl_store_bind_str(st, 3, a->url, 1);
    sl_store_bind_str(st, 4, a->outlet, 1);
    sl_store_bind_str(st, 5, a->authors, 1);
    sl_store_bind_str(st, 6, a->language, 1);
    sl_store_bind_str(st, 7, a->published, 1);
    sl_store_bind_str(st, 8, sl_date_source_name(a->published_from), 1);
    sl_store_bind_str(st, 9, sl_format_name(a->format), 0);
    sqlite3_bind_text(st, 10, a->text ? a->text : "", a->text ? (int)a->text_len : 0,
                      SQLITE_STATIC);
    sl_store_bind_str(st, 11, a->warning, 1);
    if (step_done(st)) {
        sl_store_fail(s, err, "adding an article");
        return -1;
    }
    *id = sqlite3_last_insert_rowid(s->db);
    if (!(st = sl_store_stmt(s, SL_ST_NAME_SITE, err)))
        return -1;
    sqlite3_bind_int64(st, 1, *id);
    if (step_done(st)) {
        sl_store_fail(s, err, "naming an outlet");
        return -1;
    }
    return 0;
}

static int insert_blocks(sl_store *s, const sl_article *a, int64_t id, sl_error *err) {
    for (size_t i = 0; i < a->n_blocks; i++) {
        const sl_block *b = &a->blocks[i];
        sqlite3_stmt *st = sl_store_stmt(s, SL_ST_INS_BLOCK, err);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        sqlite3_bind_text(st, 3, sl_block_kind_name(b->kind), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, (int64_t)b->start);
        sqlite3_bind_int64(st, 5, (int64_t)b->end);
        sl_store_bind_str(st, 6, b->speaker, 0);
        if (step_done(st)) {
            sl_store_fail(s, err, "adding a block");
            return -1;
        }
    }
    return 0;
}

static int insert_sentences(sl_store *s, const sl_article *a, int64_t id, sl_error *err) {
    for (size_t i = 0; i < a->n_sentences; i++) {
        const sl_sentence *se = &a->sentences[i];
        sqlite3_stmt *st = sl_store_stmt(s, SL_ST_INS_SENTENCE, err);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        sqlite3_bind_int64(st, 3, (int64_t)se->start);
        sqlite3_bind_int64(st, 4, (int64_t)se->end);
        sqlite3_bind_int(st, 5, se->block);
        if (step_done(st)) {
            sl_store_fail(s, err, "adding a sentence");
            return -1;
        }
    }
    return 0;
}

static int insert_source(sl_store *s, const sl_provenance *p, int64_t id, sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_INS_SOURCE, err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    /* "" rather than NULL: NULLs never collide in a UNIQUE index, which
     * would let an unnamed source be recorded again on every add. */
    sl_store_bind_str(st, 2, p->path ? p->path : "", 0);
    sqlite3_bind_int64(st, 3, (int64_t)p->offset);
    sqlite3_bind_int64(st, 4, (int64_t)p->length);
    sl_store_bind_str(st, 5, p->record_id, 0);
    if (step_done(st)) {
        sl_store_fail(s, err, "adding a source");
        return -1;
    }
    return 0;
}

/* 0 found (*id set), 1 absent, -1 error. */
static int find_hash(sl_store *s, const char *hex, int64_t *id, sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_FIND_HASH, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return 1;
    sl_store_fail(s, err, "looking up a content hash");
    return -1;
}

static int add_in_savepoint(sl_store *s, const sl_article *a, int64_t *id, int *is_new,
                            sl_error *err) {
    char hex[33];
    sl_article_hash_hex(a, hex);
    int found = find_hash(s, hex, id, err);
    if (found < 0)
        return -1;
    *is_new = found == 1;
    if (*is_new && (insert_article(s, a, hex, id, err) || insert_blocks(s, a, *id, err) ||
                    insert_sentences(s, a, *id, err) || sl_store_insert_facts(s, a, *id, err)))
        return -1;
    return insert_source(s, &a->prov, *id, err);
}

sl_status sl_store_add(sl_store *s, const sl_article *a, int64_t *id, int *is_new,
                       sl_error *err) {
    int64_t id_tmp = 0;
    int new_tmp = 0;
    if (!id)
        id = &id_tmp;
    if (!is_new)
        is_new = &new_tmp;
    *id = 0;
    *is_new = 0;
    if (!s || !a)
        return sl_fail(err, SL_ERR_ARG, "no store or no article");
    if (exec_stmt(s, SL_ST_SAVEPOINT, err))
        return SL_ERR_STORE;
    if (add_in_savepoint(s, a, id, is_new, err) == 0 && exec_stmt(s, SL_ST_RELEASE, err) == 0)
        return SL_OK;
    /* Undo this article only; err already holds the first failure. */
    exec_stmt(s, SL_ST_ROLLBACK_TO, NULL);
    exec_stmt(s, SL_ST_RELEASE, NULL);
    *id = 0;
    *is_new = 0;
    return SL_ERR_STORE;
}

sl_status sl_store_count(sl_store *s, int64_t *n_articles, int64_t *n_sources, sl_error *err) {
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_COUNT, err);
    if (!st)
        return SL_ERR_STORE;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        if (n_articles)
            *n_articles = sqlite3_column_int64(st, 0);
        if (n_sources)
            *n_sources = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? SL_OK : sl_store_fail(s, err, "counting");
}

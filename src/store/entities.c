/* entities.c (store) — entities across the store, for the server: which
 * names the stored articles mention, and where each name is mentioned and
 * quoted. A name is matched as written (ignoring case); merging spellings
 * across a whole store is the synthesis's job, per story. */
#include "store_int.h"
#include "../core/draft.h"

static int prepare(sl_store *s, const char *sql, sqlite3_stmt **st, sl_error *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) == SQLITE_OK)
        return 0;
    sl_store_fail(s, err, "preparing an entity query");
    return -1;
}

static sl_status finish(sl_store *s, sqlite3_stmt *st, int rc, sl_error *err)
{
    sl_status res = rc == SQLITE_ROW || rc == SQLITE_DONE ? SL_OK
                                                          : sl_store_fail(s, err, "reading entities");
    sqlite3_finalize(st);
    return res;
}

sl_status sl_store_entities(sl_store *s, const char *prefix, int64_t limit, int64_t offset,
                            sl_entity_row_fn cb, void *ud, sl_error *err)
{
    sqlite3_stmt *st;
    /* LIKE is case-insensitive for ASCII; '\' escapes the user's % and _. */
    if (prepare(s,
                "SELECT name, type, count(DISTINCT article), sum(n_mentions) FROM entity"
                " WHERE ?1 IS NULL OR name LIKE ?1 || '%' ESCAPE '\\'"
                " GROUP BY name, type ORDER BY 3 DESC, 4 DESC, name LIMIT ?2 OFFSET ?3",
                &st, err))
        return SL_ERR_STORE;
    if (prefix && *prefix) {
        char esc[512];
        size_t n = 0;
        for (const char *p = prefix; *p && n + 2 < sizeof esc; p++) {
            if (*p == '%' || *p == '_' || *p == '\\')
                esc[n++] = '\\';
            esc[n++] = *p;
        }
        esc[n] = 0;
        sqlite3_bind_text(st, 1, esc, -1, SQLITE_TRANSIENT);
    }
    sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
    sqlite3_bind_int64(st, 3, offset > 0 ? offset : 0);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sl_entity_row r = {(const char *)sqlite3_column_text(st, 0),
                           (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2),
                           sqlite3_column_int64(st, 3)};
        if (cb(ud, &r))
            break;
    }
    return finish(s, st, rc, err);
}

sl_status sl_store_entity_spans(sl_store *s, const char *name, int64_t limit,
                                sl_entity_span_fn cb, void *ud, sl_error *err)
{
    sqlite3_stmt *st;
#define SPAN_TEXT(t) "CAST(substr(CAST(a.text AS BLOB), " t ".start + 1, " t ".\"end\" - " t ".start) AS TEXT)"
    if (prepare(s,
                "SELECT * FROM ("
                " SELECT a.id, a.title, a.published, a.outlet, 0, m.kind, m.start, m.\"end\", "
                SPAN_TEXT("m") " FROM entity e JOIN mention m ON m.article=e.article"
                " AND m.entity=e.idx JOIN article a ON a.id=e.article"
                " WHERE e.name=?1 COLLATE NOCASE"
                " UNION ALL"
                " SELECT a.id, a.title, a.published, a.outlet, 1, q.kind, q.start, q.\"end\", "
                SPAN_TEXT("q") " FROM entity e JOIN quote q ON q.article=e.article"
                " AND q.entity=e.idx JOIN article a ON a.id=e.article"
                " WHERE e.name=?1 COLLATE NOCASE)"
                " ORDER BY 3 DESC, 1, 7 LIMIT ?2",
                &st, err))
        return SL_ERR_STORE;
#undef SPAN_TEXT
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sl_entity_span r = {sqlite3_column_int64(st, 0),
                            (const char *)sqlite3_column_text(st, 1),
                            (const char *)sqlite3_column_text(st, 2),
                            (const char *)sqlite3_column_text(st, 3),
                            sqlite3_column_int(st, 4),
                            (const char *)sqlite3_column_text(st, 5),
                            (uint32_t)sqlite3_column_int64(st, 6),
                            (uint32_t)sqlite3_column_int64(st, 7),
                            (const char *)sqlite3_column_text(st, 8)};
        if (cb(ud, &r))
            break;
    }
    return finish(s, st, rc, err);
}

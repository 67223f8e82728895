/* schema.c — the store's schema as an ordered list of migrations.
 *
 * PRAGMA user_version holds the number of migrations applied. Opening a file
 * applies the missing ones in one transaction, so a file is never left half
 * migrated; a file from a newer storyline (a higher version) is refused
 * rather than misread. Append new migrations; never edit an applied one.
 */
#include <stdio.h>

#include "store_int.h"
#include "../core/draft.h"

/* Version 1: articles, where their bytes came from, their blocks and
 * sentences, and full-text search.
 *
 * - article.hash is the content hash of the clean text: ingesting the same
 *   text again finds it and only records the new provenance.
 * - Token spans are not stored: they are cheap to recompute from the text
 *   and would triple the file. Sentences are stored because later stages
 *   refer to them by index.
 * - article_fts is an external-content FTS5 index (no second copy of the
 *   text), kept in step by triggers. bm25 weighs a title hit 5x a body hit.
 * - "offset" and "end" are SQL keywords, hence the quotes. */
static const char *const migrations[] = {
    "CREATE TABLE article("
    "  id INTEGER PRIMARY KEY,"
    "  hash TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL DEFAULT '',"
    "  url TEXT, outlet TEXT, authors TEXT, language TEXT,"
    "  published TEXT,"
    "  published_from TEXT,"
    "  format TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  warning TEXT,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE INDEX article_by_published ON article(published DESC, id);"
    "CREATE TABLE source("
    "  id INTEGER PRIMARY KEY,"
    "  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    "  path TEXT NOT NULL,"
    "  \"offset\" INTEGER NOT NULL,"
    "  length INTEGER NOT NULL,"
    "  record_id TEXT,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  UNIQUE(article_id, path, \"offset\"));"
    "CREATE TABLE block("
    "  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  speaker TEXT,"
    "  PRIMARY KEY(article_id, idx)) WITHOUT ROWID;"
    "CREATE TABLE sentence("
    "  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  block INTEGER NOT NULL,"
    "  PRIMARY KEY(article_id, idx)) WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE article_fts USING fts5(title, text,"
    "  content='article', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO article_fts(article_fts, rank) VALUES('rank', 'bm25(5.0, 1.0)');"
    "CREATE TRIGGER article_fts_ai AFTER INSERT ON article BEGIN"
    "  INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    "END;"
    "CREATE TRIGGER article_fts_ad AFTER DELETE ON article BEGIN"
    "  INSERT INTO article_fts(article_fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "END;"
    "CREATE TRIGGER article_fts_au AFTER UPDATE OF title, text ON article BEGIN"
    "  INSERT INTO article_fts(article_fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "  INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    "END;",

    /* Version 2: copies, events and storylines (sl_store_cluster).
     *
     * - article_cluster has one row per clustered article; an article with
     *   no row is not clustered yet. Copies are rows with dup_of set: the
     *   article itself stays, so folding is reversible.
     * - event and storyline keep running counts and first/last day as
     *   "YYYY-MM-DD" text (NULL while no member is dated); titles are chosen
     *   as members arrive (event.title_score is the winner's similarity).
     * - cluster_state holds the clusterer's saved state, so the next ingest
     *   continues the same stream with the same ids. */
    "CREATE TABLE storyline("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT NOT NULL DEFAULT '',"
    "  first_day TEXT, last_day TEXT,"
    "  n_events INTEGER NOT NULL DEFAULT 0,"
    "  n_articles INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX storyline_by_last_day ON storyline(last_day DESC, id);"
    "CREATE TABLE event("
    "  id INTEGER PRIMARY KEY,"
    "  storyline INTEGER NOT NULL REFERENCES storyline(id),"
    "  title TEXT NOT NULL DEFAULT '',"
    "  title_article INTEGER REFERENCES article(id),"
    "  title_score REAL NOT NULL DEFAULT 0,"
    "  first_day TEXT, last_day TEXT,"
    "  n_articles INTEGER NOT NULL DEFAULT 0,"
    "  n_copies INTEGER NOT NULL DEFAULT 0,"
    "  link_terms TEXT);"
    "CREATE INDEX event_by_storyline ON event(storyline, last_day DESC, id);"
    "CREATE TABLE article_cluster("
    "  article INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,"
    "  event INTEGER NOT NULL REFERENCES event(id),"
    "  storyline INTEGER NOT NULL REFERENCES storyline(id),"
    "  similarity REAL NOT NULL DEFAULT 0,"
    "  dup_of INTEGER REFERENCES article(id),"
    "  dup_kind TEXT,"
    "  dup_similarity REAL,"
    "  undated INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX article_cluster_by_event ON article_cluster(event);"
    "CREATE INDEX article_cluster_by_storyline ON article_cluster(storyline);"
    "CREATE TABLE cluster_state("
    "  id INTEGER PRIMARY KEY CHECK(id=1),"
    "  state BLOB NOT NULL,"
    "  options TEXT);",
    /* 3: facts, one row per item, spans as byte offsets into article.text.
     * article_facts marks an article as annotated (by which version of the
     * annotators) and holds a date inferred for an undated article: by 'text' (the
     * timex inferred_from) or by 'event' (its event's first day). */
    "CREATE TABLE article_facts("
    "  article INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,"
    "  version INTEGER NOT NULL,"
    "  inferred_date TEXT, inferred_from INTEGER, inferred_by TEXT);"
    "CREATE TABLE entity("
    "  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  name TEXT NOT NULL, type TEXT NOT NULL,"
    "  role TEXT, role_start INTEGER, role_end INTEGER,"
    "  n_mentions INTEGER NOT NULL,"
    "  PRIMARY KEY(article, idx)) WITHOUT ROWID;"
    "CREATE INDEX entity_by_name ON entity(name);"
    "CREATE TABLE mention("
    "  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
    "  kind TEXT NOT NULL, entity INTEGER NOT NULL,"
    "  PRIMARY KEY(article, idx)) WITHOUT ROWID;"
    "CREATE TABLE quote("
    "  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, kind TEXT NOT NULL,"
    "  speaker_start INTEGER, speaker_end INTEGER,"
    "  cue_start INTEGER, cue_end INTEGER, entity INTEGER,"
    "  PRIMARY KEY(article, idx)) WITHOUT ROWID;"
    "CREATE TABLE timex("
    "  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
    "  type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT,"
    "  PRIMARY KEY(article, idx)) WITHOUT ROWID;"
    "CREATE INDEX timex_by_value ON timex(value);"
    "CREATE TABLE quantity("
    "  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
    "  value REAL NOT NULL, low REAL NOT NULL, high REAL NOT NULL,"
    "  bound TEXT NOT NULL, change TEXT, unit TEXT NOT NULL,"
    "  unit_start INTEGER, unit_end INTEGER, about_start INTEGER, about_end INTEGER,"
    "  PRIMARY KEY(article, idx)) WITHOUT ROWID;",

    /* 4: an article's site (its URL's host without "www.", by the
     * store's SQL function sl_site), so one outlet is one name: pages that
     * state only their host ("meridianwire.example") take the name another
     * page of the site states ("Meridian Wire"), and the storylines'
     * outlet counts count outlets, not spellings. */
    "ALTER TABLE article ADD COLUMN site TEXT;"
    "UPDATE article SET site=sl_site(url) WHERE url IS NOT NULL;"
    "CREATE INDEX article_by_site ON article(site) WHERE site IS NOT NULL;"
    "UPDATE article SET outlet=" SL_SITE_NAME " WHERE site IS NOT NULL AND "
    SL_HOST_ONLY("outlet") ";",
};

enum { N_MIGRATIONS = sizeof migrations / sizeof *migrations };

int sl_store_schema_version(void) { return N_MIGRATIONS; }

static sl_status user_version(sl_store *s, int *v, sl_error *err) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return sl_store_fail(s, err, "reading the schema version");
    int rc = sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? SL_OK : sl_store_fail(s, err, "reading the schema version");
}

static sl_status too_new(sl_store *s, int v, sl_error *err) {
    return sl_fail(err, SL_ERR_STORE,
                   "%s: schema version %d is newer than this storyline knows (%d); "
                   "use a newer storyline",
                   s->path, v, N_MIGRATIONS);
}

/* The version is read twice: once cheaply, and again under the write lock,
 * because another process may have migrated the file in between. */
sl_status sl_store_migrate(sl_store *s, sl_error *err) {
    int v;
    sl_status st = user_version(s, &v, err);
    if (st != SL_OK)
        return st;
    if (v > N_MIGRATIONS)
        return too_new(s, v, err);
    if (v == N_MIGRATIONS)
        return SL_OK;
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return sl_store_fail(s, err, "starting the migration");
    st = user_version(s, &v, err);
    if (st == SL_OK && v > N_MIGRATIONS)
        st = too_new(s, v, err);
    for (; st == SL_OK && v < N_MIGRATIONS; v++) {
        char what[64];
        snprintf(what, sizeof what, "migration to schema version %d", v + 1);
        if (sqlite3_exec(s->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK)
            st = sl_store_fail(s, err, what);
    }
    if (st == SL_OK) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", N_MIGRATIONS);
        if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            st = sl_store_fail(s, err, "finishing the migration");
    }
    if (st != SL_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

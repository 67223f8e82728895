/* stories.c — copies, events and storylines in the store: clustering the
 * articles not yet clustered (sl_store_cluster), and reading storylines and
 * events back with copies folded (sl_store_stories, sl_store_story).
 *
 * The clusterer sees articles in publication order and its state is saved
 * in the same transaction as the rows it produced, so a later ingest
 * continues the same stream: ids already given never change. Statements
 * are prepared per call: clustering and story views are rare next to adds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "../core/draft.h"
#include "../util/arena.h"
#include "../util/buf.h"

static const char *col_text(sqlite3_stmt *st, int i) {
    return (const char *)sqlite3_column_text(st, i);
}

static int prepare(sl_store *s, const char *sql, sqlite3_stmt **st, sl_error *err) {
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) == SQLITE_OK)
        return 0;
    sl_store_fail(s, err, "preparing a stories statement");
    return -1;
}

static int exec(sl_store *s, const char *sql, sl_error *err) {
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
        return 0;
    sl_store_fail(s, err, sql);
    return -1;
}

/* ------------------------------------------------------------ days */

/* "YYYY-MM-DD" of a day number (days since 1970-01-01), so that stored
 * days are what the clusterer saw, whatever the published string held. */
static void day_text(int32_t day, char out[32]) {
    /* Day number to civil date, proleptic Gregorian, eras of 400 years. */
    int64_t z = (int64_t)day + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = yoe + era * 400 + (m <= 2);
    snprintf(out, 32, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
}

/* ------------------------------------------------------------ clustering */

static const char *const cluster_sql[] = {
#define Q_LOAD 0
    "SELECT title, text, language, published FROM article WHERE id=?1",
#define Q_STORY 1
    "INSERT INTO storyline(id, first_day, last_day, n_events, n_articles)"
    " VALUES (?1, ?2, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET"
    "  first_day=coalesce(min(first_day, excluded.first_day), first_day, excluded.first_day),"
    "  last_day=coalesce(max(last_day, excluded.last_day), last_day, excluded.last_day),"
    "  n_events=n_events+excluded.n_events, n_articles=n_articles+excluded.n_articles",
/* A title wins when it is not empty and the current one is, or when its
 * similarity beats the current one's; a tie keeps the earlier. */
#define Q_EVENT 2
    "INSERT INTO event(id, storyline, title, title_article, title_score, first_day, last_day,"
    " n_articles, n_copies, link_terms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9)"
    " ON CONFLICT(id) DO UPDATE SET"
    "  first_day=coalesce(min(first_day, excluded.first_day), first_day, excluded.first_day),"
    "  last_day=coalesce(max(last_day, excluded.last_day), last_day, excluded.last_day),"
    "  n_articles=n_articles+excluded.n_articles, n_copies=n_copies+excluded.n_copies,"
    "  link_terms=coalesce(link_terms, excluded.link_terms),"
    "  title=CASE WHEN excluded.title<>'' AND (title='' OR excluded.title_score>title_score)"
    "    THEN excluded.title ELSE title END,"
    "  title_article=CASE WHEN excluded.title<>'' AND (title='' OR"
    "    excluded.title_score>title_score) THEN excluded.title_article ELSE title_article END,"
    "  title_score=CASE WHEN excluded.title<>'' AND (title='' OR"
    "    excluded.title_score>title_score) THEN excluded.title_score ELSE title_score END",
#define Q_MEMBER 3
    "INSERT INTO article_cluster(article, event, storyline, similarity, dup_of, dup_kind,"
    " dup_similarity, undated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
#define Q_TOUCH 4
    "INSERT OR IGNORE INTO temp.sl_touched(id) VALUES (?1)",
#define Q_EVENT_DAY 5
    "SELECT coalesce(e.first_day, s.first_day) FROM event e JOIN storyline s ON s.id=e.storyline"
    " WHERE e.id=?1 AND coalesce(e.first_day, s.first_day) IS NOT NULL",
#define Q_N 6
};

typedef struct writer {
    sl_store *s;
    sl_clusterer *c;
    sqlite3_stmt *q[Q_N];
    sl_cluster_stats *stats;
} writer;

static void writer_done(writer *w) {
    for (int i = 0; i < Q_N; i++)
        sqlite3_finalize(w->q[i]);
    sl_clusterer_free(w->c);
}

static int step_done(writer *w, sqlite3_stmt *st, const char *what, sl_error *err) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_DONE)
        return 0;
    sl_store_fail(w->s, err, what);
    return -1;
}

static void bind_day(sqlite3_stmt *st, int col, int32_t day) {
    char text[32];
    if (day == SL_NO_DAY) {
        sqlite3_bind_null(st, col);
        return;
    }
    day_text(day, text);
    sqlite3_bind_text(st, col, text, -1, SQLITE_TRANSIENT);
}

/* An untitled article's stand-in title: its opening words, in quotation
 * marks so that they read as the article's words and not as a headline
 * (none is invented), up to the first sentence's end or about LEAD_MAX
 * bytes cut at a space. Empty when the text has no words. */
enum { LEAD_MAX = 110 };

static void lead_title(const char *text, size_t n, char *out, size_t cap) {
    size_t start = 0; /* the first line with a letter: not a rule of dashes */
    while (start < n && !(((unsigned char)text[start] | 32) >= 'a' &&
                          ((unsigned char)text[start] | 32) <= 'z'))
        start++;
    while (start > 0 && start < n && text[start - 1] != '\n')
        start--;
    while (start < n && (text[start] == ' ' || text[start] == '\t'))
        start++;
    size_t end = start, space = 0;
    int whole = 0;
    for (; end < n && end - start < LEAD_MAX; end++) {
        char c = text[end];
        if (c == '\n' || c == '\r') {
            whole = 1;
            break;
        }
        if ((c == '.' || c == '!' || c == '?') && end - start > 20 &&
            (end + 1 == n || text[end + 1] == ' ')) {
            end++, whole = 1;
            break;
        }
        if (c == ' ')
            space = end;
    }
    if (end == n)
        whole = 1;
    if (!whole && space > start)
        end = space; /* at a space: never inside a word or a UTF-8 sequence */
    out[0] = 0;
    if (end > start)
        snprintf(out, cap, "\u201c%.*s%s\u201d", (int)(end - start), text + start,
                 whole ? "" : "\u2026");
}

/* The article's storyline and event rows, then its own row. A headline
 * always wins over an opening quoted by lead_title: the opening's score is
 * its similarity less 3, below any headline's (copies' are -1). */
static int record(writer *w, int64_t id, const char *title, const char *text, size_t text_len,
                  int32_t day, const sl_cluster_result *r, sl_error *err) {
    int copy = r->dup_kind != SL_DUP_NONE;
    sqlite3_stmt *st = w->q[Q_STORY];
    sqlite3_bind_int64(st, 1, (int64_t)r->storyline);
    bind_day(st, 2, day);
    sqlite3_bind_int(st, 3, r->new_event ? 1 : 0);
    sqlite3_bind_int(st, 4, copy ? 0 : 1);
    if (step_done(w, st, "recording a storyline", err))
        return -1;

    st = w->q[Q_EVENT];
    sqlite3_bind_int64(st, 1, (int64_t)r->event);
    sqlite3_bind_int64(st, 2, (int64_t)r->storyline);
    char lead[LEAD_MAX + 16];
    int quoted = !title || !*title;
    if (quoted)
        lead_title(text, text_len, lead, sizeof lead);
    sqlite3_bind_text(st, 3, quoted ? lead : title, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, id);
    /* A copy's title only fills an empty one: its family is shown under
     * the canonical, which is a member in its own right. */
    sqlite3_bind_double(st, 5, (copy ? -1.0 : (double)r->similarity) - (quoted ? 3.0 : 0.0));
    bind_day(st, 6, day);
    sqlite3_bind_int(st, 7, copy ? 0 : 1);
    sqlite3_bind_int(st, 8, copy ? 1 : 0);
    char terms[256] = "";
    if (r->new_event)
        sl_clusterer_link_terms(w->c, r->event, terms, sizeof terms);
    sl_store_bind_str(st, 9, terms, 1);
    if (step_done(w, st, "recording an event", err))
        return -1;

    st = w->q[Q_MEMBER];
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, (int64_t)r->event);
    sqlite3_bind_int64(st, 3, (int64_t)r->storyline);
    sqlite3_bind_double(st, 4, (double)r->similarity);
    if (copy) {
        sqlite3_bind_int64(st, 5, (int64_t)r->duplicate_of);
        sqlite3_bind_text(st, 6, sl_dup_kind_name(r->dup_kind), -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 7, (double)r->dup_similarity);
    }
    sqlite3_bind_int(st, 8, day == SL_NO_DAY);
    if (step_done(w, st, "recording an article's cluster", err))
        return -1;

    st = w->q[Q_TOUCH];
    sqlite3_bind_int64(st, 1, (int64_t)r->storyline);
    return step_done(w, st, "noting a storyline", err);
}

static void count(writer *w, const sl_cluster_result *r) {
    w->stats->articles++;
    w->stats->copies += r->dup_kind != SL_DUP_NONE;
    w->stats->events += r->new_event != 0;
    w->stats->storylines += r->new_storyline != 0;
}

/* An undated article placed in a dated event is dated by it, in an event
 * of undated articles by its storyline's first day (a reference day for
 * its "Tuesday", which synthesis may anchor better): undated articles come
 * last, so the dated members are all in by now. */
static int date_by_event(writer *w, int64_t id, uint64_t event, sl_error *err) {
    sqlite3_stmt *st = w->q[Q_EVENT_DAY];
    sqlite3_bind_int64(st, 1, (int64_t)event);
    char day[16] = "";
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(day, sizeof day, "%s", col_text(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sl_store_fail(w->s, err, "reading an event's day");
        return -1;
    }
    return day[0] ? sl_store_date_by_event(w->s, id, day, err) : 0;
}

/* Read one article, hand it to the clusterer, record the answer. */
static int cluster_one(writer *w, int64_t id, sl_error *err) {
    sqlite3_stmt *st = w->q[Q_LOAD];
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        if (rc == SQLITE_DONE)
            return 0; /* gone meanwhile: nothing to cluster */
        sl_store_fail(w->s, err, "reading an article to cluster");
        return -1;
    }
    const char *title = col_text(st, 0), *published = col_text(st, 3);
    sl_cluster_input in = {
        .title = title ? title : "",
        .title_len = title ? (size_t)sqlite3_column_bytes(st, 0) : 0,
        .text = col_text(st, 1) ? col_text(st, 1) : "",
        .text_len = (size_t)sqlite3_column_bytes(st, 1),
        .day = sl_day_from_iso(published),
        .lang = col_text(st, 2),
    };
    sl_cluster_result r;
    rc = sl_clusterer_add(w->c, (uint64_t)id, &in, &r, err) == SL_OK
             ? record(w, id, in.title, in.text, in.text_len, in.day, &r, err)
             : -1;
    if (rc == 0)
        count(w, &r);
    sqlite3_reset(st);
    if (rc == 0 && in.day == SL_NO_DAY)
        rc = date_by_event(w, id, r.event, err);
    return rc;
}

/* The ids not clustered yet, in the order the clusterer wants them. They
 * are read out first so that no query runs over the tables being written. */
static int pending(sl_store *s, int64_t **ids, size_t *n, sl_error *err) {
    sqlite3_stmt *st;
    *ids = NULL;
    *n = 0;
    if (prepare(s,
                "SELECT id FROM article a WHERE NOT EXISTS"
                " (SELECT 1 FROM article_cluster c WHERE c.article=a.id)"
                " ORDER BY published IS NULL, published, id",
                &st, err))
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 256;
            int64_t *g = realloc(*ids, cap * sizeof *g);
            if (!g) {
                sqlite3_finalize(st);
                sl_fail(err, SL_ERR_NOMEM, "out of memory listing articles to cluster");
                return -1;
            }
            *ids = g;
        }
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        sl_store_fail(s, err, "listing articles to cluster");
        return -1;
    }
    return 0;
}

/* The saved clusterer, or a new one with the default options. */
static int open_clusterer(sl_store *s, sl_clusterer **c, int *fresh, sl_error *err) {
    sqlite3_stmt *st;
    if (prepare(s, "SELECT state FROM cluster_state WHERE id=1", &st, err))
        return -1;
    int rc = sqlite3_step(st);
    sl_status res;
    *fresh = rc != SQLITE_ROW;
    if (rc == SQLITE_ROW) {
        res = sl_clusterer_load(sqlite3_column_blob(st, 0),
                                (size_t)sqlite3_column_bytes(st, 0), c, err);
    } else if (rc == SQLITE_DONE) {
        sl_cluster_options o;
        sl_cluster_options_default(&o);
        res = sl_clusterer_new(&o, c, err);
    } else {
        res = sl_store_fail(s, err, "reading the clusterer state");
    }
    sqlite3_finalize(st);
    return res == SL_OK ? 0 : -1;
}

static void options_text(char *buf, size_t cap) {
    sl_cluster_options o;
    sl_cluster_options_default(&o);
    snprintf(buf, cap,
             "event_threshold=%g storyline_threshold=%g event_window_days=%d"
             " storyline_window_days=%d max_open_events=%zu max_open_storylines=%zu"
             " max_recent_articles=%zu",
             o.event_threshold, o.storyline_threshold, (int)o.event_window_days,
             (int)o.storyline_window_days, o.max_open_events, o.max_open_storylines,
             o.max_recent_articles);
}

static int save_state(sl_store *s, const sl_clusterer *c, int fresh, sl_error *err) {
    unsigned char *buf = NULL;
    size_t n = 0;
    if (sl_clusterer_save(c, &buf, &n, err) != SL_OK)
        return -1;
    sqlite3_stmt *st;
    int rc = -1;
    if (prepare(s,
                "INSERT INTO cluster_state(id, state, options) VALUES (1, ?1, ?2)"
                " ON CONFLICT(id) DO UPDATE SET state=excluded.state",
                &st, err) == 0) {
        char opts[256];
        options_text(opts, sizeof opts);
        sqlite3_bind_blob64(st, 1, buf, n, SQLITE_STATIC);
        if (fresh)
            sqlite3_bind_text(st, 2, opts, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        if (rc)
            sl_store_fail(s, err, "saving the clusterer state");
        sqlite3_finalize(st);
    }
    free(buf);
    return rc;
}

/* A storyline is named after its biggest event with a headline (ties: the
 * earliest), failing that its biggest event's quoted opening (scored -2 or
 * less by record()); only storylines that got members in this run are
 * renamed. */
static const char rename_sql[] =
    "UPDATE storyline SET title=coalesce((SELECT title FROM event e"
    "  WHERE e.storyline=storyline.id AND e.title<>''"
    "  ORDER BY e.title_score < -1.5, e.n_articles DESC, e.id LIMIT 1), '')"
    " WHERE id IN (SELECT id FROM temp.sl_touched)";

static int cluster_all(sl_store *s, const int64_t *ids, size_t n, sl_cluster_stats *stats,
                       sl_error *err) {
    writer w = {.s = s, .stats = stats};
    int fresh = 0;
    if (open_clusterer(s, &w.c, &fresh, err))
        return -1;
    int rc = 0;
    for (int i = 0; i < Q_N && rc == 0; i++)
        rc = prepare(s, cluster_sql[i], &w.q[i], err);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = cluster_one(&w, ids[i], err);
    if (rc == 0)
        rc = exec(s, rename_sql, err);
    if (rc == 0)
        rc = save_state(s, w.c, fresh, err);
    writer_done(&w);
    return rc;
}

static int totals(sl_store *s, sl_cluster_stats *stats, sl_error *err) {
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT (SELECT count(*) FROM event), (SELECT count(*) FROM storyline),"
                " (SELECT count(*) FROM article_cluster WHERE dup_of IS NOT NULL)",
                &st, err))
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        stats->total_events = sqlite3_column_int64(st, 0);
        stats->total_storylines = sqlite3_column_int64(st, 1);
        stats->total_copies = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    sl_store_fail(s, err, "counting stories");
    return -1;
}

static int cluster_in_tx(sl_store *s, int rebuild, sl_cluster_stats *stats, sl_error *err) {
    if (exec(s,
             "CREATE TEMP TABLE IF NOT EXISTS sl_touched(id INTEGER PRIMARY KEY);"
             "DELETE FROM temp.sl_touched",
             err))
        return -1;
    /* Children before parents: the foreign keys are enforced. */
    if (rebuild && exec(s,
                        "DELETE FROM article_cluster; DELETE FROM event;"
                        " DELETE FROM storyline; DELETE FROM cluster_state",
                        err))
        return -1;
    int64_t *ids = NULL;
    size_t n = 0;
    int rc = pending(s, &ids, &n, err);
    if (rc == 0 && n > 0)
        rc = cluster_all(s, ids, n, stats, err);
    free(ids);
    return rc == 0 ? totals(s, stats, err) : -1;
}

sl_status sl_store_cluster(sl_store *s, int rebuild, sl_cluster_stats *stats, sl_error *err) {
    sl_cluster_stats tmp;
    if (!stats)
        stats = &tmp;
    memset(stats, 0, sizeof *stats);
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    /* Inside an open batch, a savepoint: the batch's commit makes it stay. */
    int nested = s->in_batch;
    if (exec(s, nested ? "SAVEPOINT sl_cluster" : "BEGIN IMMEDIATE", err))
        return SL_ERR_STORE;
    sl_error first = {0};
    if (cluster_in_tx(s, rebuild, stats, &first) == 0 &&
        exec(s, nested ? "RELEASE sl_cluster" : "COMMIT", &first) == 0)
        return SL_OK;
    if (nested)
        sqlite3_exec(s->db, "ROLLBACK TO sl_cluster; RELEASE sl_cluster", NULL, NULL, NULL);
    else
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    memset(stats, 0, sizeof *stats);
    if (err)
        *err = first;
    return first.status ? first.status : SL_ERR_STORE;
}

/* ------------------------------------------------------------ listings */

/* Copies are counted per event; outlets over every member. */
#define STORYLINE_COLS                                                                      \
    "SELECT s.id, s.title, s.first_day, s.last_day, s.n_events, s.n_articles,"              \
    " (SELECT coalesce(sum(e.n_copies), 0) FROM event e WHERE e.storyline=s.id),"           \
    " (SELECT count(DISTINCT a.outlet) FROM article_cluster c JOIN article a ON a.id=c.article" \
    "  WHERE c.storyline=s.id) FROM storyline s"

static void fill_storyline(sqlite3_stmt *st, sl_storyline_row *r) {
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->title = col_text(st, 1) ? col_text(st, 1) : "";
    r->first_day = col_text(st, 2);
    r->last_day = col_text(st, 3);
    r->n_events = sqlite3_column_int64(st, 4);
    r->n_articles = sqlite3_column_int64(st, 5);
    r->n_copies = sqlite3_column_int64(st, 6);
    r->n_outlets = sqlite3_column_int64(st, 7);
}

sl_status sl_store_stories(sl_store *s, int64_t limit, int64_t offset, sl_storyline_fn cb,
                           void *ud, sl_error *err) {
    return sl_store_stories_where(s, NULL, limit, offset, cb, ud, err);
}

static void bind_opt(sqlite3_stmt *st, int col, const char *v) {
    if (v && *v)
        sqlite3_bind_text(st, col, v, -1, SQLITE_TRANSIENT);
}

sl_status sl_store_stories_where(sl_store *s, const sl_story_filter *f, int64_t limit,
                                 int64_t offset, sl_storyline_fn cb, void *ud, sl_error *err) {
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    sqlite3_stmt *st;
    /* A storyline matches a day range it overlaps, an outlet one of its
     * members comes from, an entity one of its members names. DESC puts
     * storylines without any dated member last. */
    if (prepare(s,
                STORYLINE_COLS
                " WHERE (?3 IS NULL OR s.last_day >= ?3) AND (?4 IS NULL OR s.first_day <= ?4)"
                " AND (?5 IS NULL OR EXISTS (SELECT 1 FROM article_cluster c JOIN article a"
                "  ON a.id=c.article WHERE c.storyline=s.id AND a.outlet=?5 COLLATE NOCASE))"
                " AND (?6 IS NULL OR EXISTS (SELECT 1 FROM article_cluster c JOIN entity e"
                "  ON e.article=c.article WHERE c.storyline=s.id AND e.name=?6 COLLATE NOCASE))"
                " ORDER BY s.last_day DESC, s.id LIMIT ?1 OFFSET ?2",
                &st, err))
        return SL_ERR_STORE;
    sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
    sqlite3_bind_int64(st, 2, offset > 0 ? offset : 0);
    if (f) {
        bind_opt(st, 3, f->from);
        bind_opt(st, 4, f->to);
        bind_opt(st, 5, f->outlet);
        bind_opt(st, 6, f->entity);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sl_storyline_row r;
        fill_storyline(st, &r);
        if (cb && cb(ud, &r))
            break;
    }
    sl_status res =
        rc == SQLITE_ROW || rc == SQLITE_DONE ? SL_OK : sl_store_fail(s, err, "listing stories");
    sqlite3_finalize(st);
    return res;
}

sl_status sl_store_article_story(sl_store *s, int64_t id, int64_t *storyline, int64_t *event,
                                 int64_t *copy_of, sl_error *err) {
    *storyline = *event = *copy_of = 0;
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    sqlite3_stmt *st;
    if (prepare(s, "SELECT storyline, event, coalesce(dup_of, 0) FROM article_cluster"
                   " WHERE article=?1", &st, err))
        return SL_ERR_STORE;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sl_status res = SL_END;
    if (rc == SQLITE_ROW) {
        *storyline = sqlite3_column_int64(st, 0);
        *event = sqlite3_column_int64(st, 1);
        *copy_of = sqlite3_column_int64(st, 2);
        res = SL_OK;
    } else if (rc != SQLITE_DONE) {
        res = sl_store_fail(s, err, "finding an article's story");
    }
    sqlite3_finalize(st);
    return res;
}

/* ------------------------------------------------------------ one story */

/* One member of an event, copied out of SQLite: families are only known
 * once every member has been read. */
typedef struct member {
    int64_t id, dup_of;
    const char *title, *published, *outlet, *url;
    int64_t text_len;
    double similarity, dup_similarity;
    sl_dup_kind dup_kind;
    int undated;
    size_t root, next; /* family: its root, the next member of the family */
    size_t canon;      /* for a root: the member shown for the family */
    int64_t size;      /* for a root: members in the family */
} member;

/* The names an event shares with the rest of its storyline. */
typedef struct event_link {
    int64_t event;
    const char *names; /* "; "-separated */
} event_link;

typedef struct walk {
    sl_store *s;
    sl_story_fn cb;
    void *ud;
    sl_arena arena; /* one event's members, reset per event */
    member *m;
    size_t n, cap;
    int stopped;
    sl_arena link_arena; /* the names of links */
    event_link *links;   /* the storyline's events, by id */
    size_t n_links, cap_links;
} walk;

static sl_dup_kind dup_kind_from(const char *name) {
    for (int k = SL_DUP_EXACT; name && k <= SL_DUP_CONTAINS; k++)
        if (strcmp(name, sl_dup_kind_name((sl_dup_kind)k)) == 0)
            return (sl_dup_kind)k;
    return SL_DUP_NONE;
}

static const char *keep(walk *w, sqlite3_stmt *st, int i) {
    const char *v = col_text(st, i);
    return v ? sl_arena_strndup(&w->arena, v, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

static int push_member(walk *w, sqlite3_stmt *st, sl_error *err) {
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 32;
        member *g = realloc(w->m, cap * sizeof *g);
        if (!g)
            return sl_fail(err, SL_ERR_NOMEM, "out of memory reading an event"), -1;
        w->m = g;
        w->cap = cap;
    }
    member *m = &w->m[w->n];
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    m->title = keep(w, st, 1);
    m->published = keep(w, st, 2);
    m->outlet = keep(w, st, 3);
    m->url = keep(w, st, 4);
    m->text_len = sqlite3_column_int64(st, 5);
    m->similarity = sqlite3_column_double(st, 6);
    m->dup_of = sqlite3_column_type(st, 7) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 7);
    m->dup_kind = dup_kind_from(col_text(st, 8));
    m->dup_similarity = sqlite3_column_double(st, 9);
    m->undated = sqlite3_column_int(st, 10);
    if (!m->title)
        m->title = "";
    w->n++;
    return 0;
}

static int read_members(walk *w, int64_t event, sl_error *err) {
    sqlite3_stmt *st;
    if (prepare(w->s,
                "SELECT a.id, a.title, a.published, a.outlet, a.url,"
                " length(CAST(a.text AS BLOB)), c.similarity, c.dup_of, c.dup_kind,"
                " c.dup_similarity, c.undated FROM article_cluster c"
                " JOIN article a ON a.id=c.article WHERE c.event=?1"
                " ORDER BY c.undated, a.published, a.id",
                &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, event);
    w->n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (push_member(w, st, err)) {
            sqlite3_finalize(st);
            return -1;
        }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        sl_store_fail(w->s, err, "reading an event's articles");
        return -1;
    }
    return 0;
}

/* Member indexes by article id, to resolve dup_of in O(log n). */
typedef struct id_idx {
    int64_t id;
    size_t idx;
} id_idx;

static int cmp_id(const void *a, const void *b) {
    int64_t x = ((const id_idx *)a)->id, y = ((const id_idx *)b)->id;
    return (x > y) - (x < y);
}

/* Index of the member with that article id, or n. */
static size_t find(const id_idx *order, size_t n, int64_t id) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (order[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && order[lo].id == id ? order[lo].idx : n;
}

/* Families: follow dup_of to a member that is no copy (or whose original
 * is outside this event); chains are cut short rather than trusted. */
static int families(walk *w, sl_error *err) {
    id_idx *order = malloc((w->n ? w->n : 1) * sizeof *order);
    if (!order)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory reading an event"), -1;
    for (size_t i = 0; i < w->n; i++)
        order[i] = (id_idx){w->m[i].id, i};
    qsort(order, w->n, sizeof *order, cmp_id);
    for (size_t i = 0; i < w->n; i++) {
        size_t r = i;
        for (int hop = 0; hop < 16 && w->m[r].dup_of; hop++) {
            size_t up = find(order, w->n, w->m[r].dup_of);
            if (up == w->n || up == r)
                break;
            r = up;
        }
        w->m[i].root = r;
    }
    free(order);
    /* The shown member: the longest text, then the earliest (the order). */
    for (size_t i = 0; i < w->n; i++)
        w->m[i].canon = w->n;
    for (size_t i = 0; i < w->n; i++) {
        member *root = &w->m[w->m[i].root];
        root->size++;
        if (root->canon == w->n || w->m[i].text_len > w->m[root->canon].text_len)
            root->canon = i;
    }
    /* Link each family in member order, for a linear walk. */
    size_t *tail = malloc((w->n ? w->n : 1) * sizeof *tail);
    if (!tail)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory reading an event"), -1;
    for (size_t i = 0; i < w->n; i++)
        tail[i] = w->n;
    for (size_t i = 0; i < w->n; i++) {
        size_t r = w->m[i].root;
        w->m[i].next = w->n;
        if (tail[r] != w->n)
            w->m[tail[r]].next = i;
        tail[r] = i;
    }
    free(tail);
    return 0;
}

static sl_dup_kind inverse(sl_dup_kind k) {
    return k == SL_DUP_CONTAINS ? SL_DUP_CONTAINED : k == SL_DUP_CONTAINED ? SL_DUP_CONTAINS : k;
}

static int emit_member(walk *w, const member *m, sl_story_kind kind, int64_t event,
                       int64_t storyline) {
    sl_story_row r;
    memset(&r, 0, sizeof r);
    r.kind = kind;
    r.id = m->id;
    r.event = event;
    r.storyline = storyline;
    r.title = m->title;
    r.published = m->published;
    r.outlet = m->outlet;
    r.url = m->url;
    r.undated = m->undated;
    r.similarity = m->similarity;
    r.dup_kind = m->dup_kind;
    r.dup_similarity = m->dup_similarity;
    if (kind == SL_STORY_ARTICLE) {
        r.n_folded = w->m[m->root].size - 1;
        r.dup_kind = SL_DUP_NONE;
        r.dup_similarity = 0;
    }
    return w->stopped = w->cb && w->cb(w->ud, &r);
}

/* A family's root shown as a copy: how the shown member relates to it,
 * seen from the root's side. */
static int emit_copy(walk *w, const member *m, const member *canon, int64_t event,
                     int64_t storyline) {
    member c = *m;
    if (c.dup_kind == SL_DUP_NONE) {
        c.dup_kind = inverse(canon->dup_kind);
        c.dup_similarity = canon->dup_similarity;
    }
    return emit_member(w, &c, SL_STORY_COPY, event, storyline);
}

static int emit_members(walk *w, int64_t event, int64_t storyline) {
    for (size_t i = 0; i < w->n && !w->stopped; i++) {
        const member *m = &w->m[i];
        if (w->m[m->root].canon != i)
            continue;
        emit_member(w, m, SL_STORY_ARTICLE, event, storyline);
        for (size_t j = m->root; j < w->n && !w->stopped; j = w->m[j].next)
            if (j != i)
                emit_copy(w, &w->m[j], m, event, storyline);
    }
    return 0;
}

static int walk_event(walk *w, int64_t event, int64_t storyline, sl_error *err) {
    sl_arena_free(&w->arena);
    sl_arena_init(&w->arena, 0);
    if (read_members(w, event, err) || families(w, err))
        return -1;
    return emit_members(w, event, storyline);
}

/* Per event of storyline ?1, the people, organizations and places its
 * articles share with the storyline's other events, at most five each,
 * first those most reported on both sides (articles naming it in the event
 * times articles naming it elsewhere in the storyline). One pass over the
 * storyline's entity rows, not one per event; copies repeat their original
 * and are not counted. */
static const char LINKS_SQL[] =
    "WITH m AS (SELECT c.event AS ev, n.name AS name, n.type AS type,"
    "  count(DISTINCT c.article) AS k FROM article_cluster c JOIN entity n ON n.article=c.article"
    "  WHERE c.storyline=?1 AND c.dup_of IS NULL AND n.type IN ('PER', 'ORG', 'LOC')"
    "  GROUP BY c.event, n.name, n.type),"
    " t AS (SELECT name, type, sum(k) AS total FROM m GROUP BY name, type)"
    " SELECT ev, name FROM (SELECT m.ev AS ev, m.name AS name, row_number() OVER"
    "  (PARTITION BY m.ev ORDER BY m.k * (t.total - m.k) DESC, m.name) AS rn"
    "  FROM m JOIN t ON t.name=m.name AND t.type=m.type WHERE t.total > m.k)"
    " WHERE rn <= 5 ORDER BY ev, rn";

static int add_link(walk *w, int64_t event, const sl_buf *names) {
    event_link *l = sl_grow(w->links, &w->cap_links, w->n_links + 1, sizeof *l, 16);
    if (!l)
        return -1;
    w->links = l;
    char *s = sl_arena_strndup(&w->link_arena, names->data, names->len);
    if (!s)
        return -1;
    w->links[w->n_links++] = (event_link){event, s};
    return 0;
}

static int load_links(walk *w, int64_t storyline, sl_error *err) {
    sqlite3_stmt *st;
    if (prepare(w->s, LINKS_SQL, &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, storyline);
    sl_buf names;
    sl_buf_init(&names);
    int64_t ev = 0;
    int rc, oom = 0;
    while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t e = sqlite3_column_int64(st, 0);
        if (e != ev && names.len)
            oom = add_link(w, ev, &names) < 0;
        if (e != ev)
            sl_buf_clear(&names);
        ev = e;
        oom |= (names.len && sl_buf_puts(&names, "; ") < 0) ||
               sl_buf_puts(&names, (const char *)sqlite3_column_text(st, 1)) < 0;
    }
    if (!oom && rc == SQLITE_DONE && names.len)
        oom = add_link(w, ev, &names) < 0;
    sl_buf_free(&names);
    sqlite3_finalize(st);
    if (oom) {
        sl_fail(err, SL_ERR_NOMEM, "out of memory reading link entities");
        return -1;
    }
    if (rc != SQLITE_DONE) {
        sl_store_fail(w->s, err, "reading link entities");
        return -1;
    }
    return 0;
}

static int by_event(const void *key, const void *elem) {
    int64_t a = *(const int64_t *)key, b = ((const event_link *)elem)->event;
    return (a > b) - (a < b);
}

static const char *link_of(const walk *w, int64_t event) {
    const event_link *l =
        w->n_links ? bsearch(&event, w->links, w->n_links, sizeof *w->links, by_event) : NULL;
    return l ? l->names : NULL;
}

#define EVENT_COLS                                                                             \
    "SELECT e.id, e.storyline, e.title, e.first_day, e.last_day, e.n_articles, e.n_copies,"    \
    " e.link_terms, (SELECT count(DISTINCT a.outlet) FROM article_cluster c"                   \
    "  JOIN article a ON a.id=c.article WHERE c.event=e.id) FROM event e"

/* The event rows of the statement, each followed by its members. */
static int walk_events(walk *w, sqlite3_stmt *st, int *n, sl_error *err) {
    int rc;
    *n = 0;
    while (!w->stopped && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        sl_story_row r;
        memset(&r, 0, sizeof r);
        r.kind = SL_STORY_EVENT;
        r.id = r.event = sqlite3_column_int64(st, 0);
        r.storyline = sqlite3_column_int64(st, 1);
        r.title = col_text(st, 2) ? col_text(st, 2) : "";
        r.first_day = col_text(st, 3);
        r.last_day = col_text(st, 4);
        r.n_events = 1;
        r.n_articles = sqlite3_column_int64(st, 5);
        r.n_copies = sqlite3_column_int64(st, 6);
        r.link_terms = col_text(st, 7);
        r.n_outlets = sqlite3_column_int64(st, 8);
        r.link_entities = link_of(w, r.id);
        ++*n;
        if ((w->stopped = w->cb && w->cb(w->ud, &r)) != 0)
            break;
        if (walk_event(w, r.id, r.storyline, err))
            return -1;
    }
    if (w->stopped)
        return 0;
    if (rc != SQLITE_DONE) {
        sl_store_fail(w->s, err, "reading events");
        return -1;
    }
    return 0;
}

static int walk_storyline_row(walk *w, int64_t id, int *found, sl_error *err) {
    sqlite3_stmt *st;
    if (prepare(w->s, STORYLINE_COLS " WHERE s.id=?1", &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW) {
        sl_storyline_row l;
        fill_storyline(st, &l);
        sl_story_row r = {.kind = SL_STORY_STORYLINE, .id = l.id, .storyline = l.id,
                          .title = l.title, .first_day = l.first_day, .last_day = l.last_day,
                          .n_events = l.n_events, .n_articles = l.n_articles,
                          .n_copies = l.n_copies, .n_outlets = l.n_outlets};
        w->stopped = w->cb && w->cb(w->ud, &r);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return 0;
    sl_store_fail(w->s, err, "reading a storyline");
    return -1;
}

/* The storyline an event belongs to, or 0 when there is no such event. */
static int64_t storyline_of(walk *w, int64_t event, sl_error *err) {
    sqlite3_stmt *st;
    if (prepare(w->s, "SELECT storyline FROM event WHERE id=?1", &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, event);
    int rc = sqlite3_step(st);
    int64_t s = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sl_store_fail(w->s, err, "reading an event");
        return -1;
    }
    return s;
}

static int walk_story(walk *w, sl_story_kind kind, int64_t id, int *found, sl_error *err) {
    if (kind == SL_STORY_STORYLINE) {
        if (walk_storyline_row(w, id, found, err))
            return -1;
        if (!*found || w->stopped)
            return 0;
    }
    int64_t storyline = kind == SL_STORY_STORYLINE ? id : storyline_of(w, id, err);
    if (storyline < 0 || (storyline > 0 && load_links(w, storyline, err)))
        return -1;
    sqlite3_stmt *st;
    const char *sql = kind == SL_STORY_STORYLINE
                          ? EVENT_COLS " WHERE e.storyline=?1 ORDER BY e.last_day DESC, e.id"
                          : EVENT_COLS " WHERE e.id=?1";
    if (prepare(w->s, sql, &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int n, rc = walk_events(w, st, &n, err);
    sqlite3_finalize(st);
    if (kind == SL_STORY_EVENT)
        *found = n > 0;
    return rc;
}

sl_status sl_store_story(sl_store *s, sl_story_kind kind, int64_t id, sl_story_fn cb, void *ud,
                         sl_error *err) {
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    if (kind != SL_STORY_STORYLINE && kind != SL_STORY_EVENT)
        return sl_fail(err, SL_ERR_ARG, "a story is a storyline or an event");
    walk w = {.s = s, .cb = cb, .ud = ud};
    sl_arena_init(&w.arena, 0);
    sl_arena_init(&w.link_arena, 0);
    int found = 0;
    sl_error first = {0};
    int rc = walk_story(&w, kind, id, &found, &first);
    free(w.m);
    free(w.links);
    sl_arena_free(&w.arena);
    sl_arena_free(&w.link_arena);
    if (rc) {
        if (err)
            *err = first;
        return first.status ? first.status : SL_ERR_STORE;
    }
    if (!found)
        return sl_fail(err, SL_END, "no %s %c%lld", kind == SL_STORY_EVENT ? "event" : "storyline",
                       kind == SL_STORY_EVENT ? 'E' : 'S', (long long)id);
    return SL_OK;
}

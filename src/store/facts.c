/* facts.c — an article's facts in the store: written with the article in
 * the same savepoint (an article is never stored without its facts), read
 * back into an sl_facts for `show --facts`.
 *
 * Spans are bound as integers, 0,0 spans (none) as NULL, so a reader of
 * the tables sees "no speaker" rather than an empty span at offset 0. */
#include <stdlib.h>
#include <string.h>

#include "../core/draft.h"
#include "../facts/facts.h"
#include "../facts/timex.h"
#include "../util/arena.h"
#include "store_int.h"

/* Bumped when the annotators change what they find: stored facts of an
 * older version can then be told apart and redone. */
enum { FACTS_VERSION = 1 };

static void bind_span(sqlite3_stmt *st, int col, uint32_t s, uint32_t e) {
    if (e > s) {
        sqlite3_bind_int64(st, col, s);
        sqlite3_bind_int64(st, col + 1, e);
    } else {
        sqlite3_bind_null(st, col);
        sqlite3_bind_null(st, col + 1);
    }
}

static int done(sl_store *s, sqlite3_stmt *st, sl_error *err, const char *what) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return 0;
    sl_store_fail(s, err, what);
    return -1;
}

/* The cached insert statement k with the article id and item index bound. */
static sqlite3_stmt *row(sl_store *s, sl_stmt_id k, int64_t id, size_t idx, sl_error *err) {
    sqlite3_stmt *st = sl_store_stmt(s, k, err);
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)idx);
    }
    return st;
}

static int put_entities(sl_store *s, int64_t id, const sl_facts *f, sl_error *err) {
    for (size_t i = 0; i < f->n_entities; i++) {
        const sl_entity *e = &f->entities[i];
        sqlite3_stmt *st = row(s, SL_ST_INS_ENTITY, id, i, err);
        if (!st)
            return -1;
        sl_store_bind_str(st, 3, e->name ? e->name : "", 0);
        sl_store_bind_str(st, 4, sl_entity_type_name(e->type), 0);
        sl_store_bind_str(st, 5, e->role, 1);
        bind_span(st, 6, e->role_start, e->role_end);
        sqlite3_bind_int64(st, 8, e->n_mentions);
        if (done(s, st, err, "adding an entity"))
            return -1;
    }
    static const char *const kinds[] = {"name", "short", "nominal", "pronoun", "label"};
    for (size_t i = 0; i < f->n_mentions; i++) {
        const sl_mention *m = &f->mentions[i];
        sqlite3_stmt *st = row(s, SL_ST_INS_MENTION, id, i, err);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 3, m->start);
        sqlite3_bind_int64(st, 4, m->end);
        sl_store_bind_str(st, 5, kinds[(unsigned)m->kind < 5 ? m->kind : 0], 0);
        sqlite3_bind_int64(st, 6, m->entity);
        if (done(s, st, err, "adding a mention"))
            return -1;
    }
    return 0;
}

static int put_quotes(sl_store *s, int64_t id, const sl_facts *f, sl_error *err) {
    for (size_t i = 0; i < f->n_quotes; i++) {
        const sl_quote *q = &f->quotes[i];
        sqlite3_stmt *st = row(s, SL_ST_INS_QUOTE, id, i, err);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 3, q->start);
        sqlite3_bind_int64(st, 4, q->end);
        sl_store_bind_str(st, 5, sl_quote_kind_name(q->kind), 0);
        bind_span(st, 6, q->speaker_start, q->speaker_end);
        bind_span(st, 8, q->cue_start, q->cue_end);
        if (q->entity >= 0)
            sqlite3_bind_int64(st, 10, q->entity);
        if (done(s, st, err, "adding a quote"))
            return -1;
    }
    return 0;
}

static int put_timexes(sl_store *s, int64_t id, const sl_facts *f, sl_error *err) {
    for (size_t i = 0; i < f->n_timexes; i++) {
        const sl_timex *t = &f->timexes[i];
        sqlite3_stmt *st = row(s, SL_ST_INS_TIMEX, id, i, err);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 3, t->start);
        sqlite3_bind_int64(st, 4, t->end);
        sl_store_bind_str(st, 5, sl_timex_type_name(t->type), 0);
        sl_store_bind_str(st, 6, t->value, 0);
        sl_store_bind_str(st, 7, t->mod, 1);
        if (done(s, st, err, "adding a time expression"))
            return -1;
    }
    return 0;
}

static int put_quantities(sl_store *s, int64_t id, const sl_facts *f, sl_error *err) {
    for (size_t i = 0; i < f->n_quantities; i++) {
        const sl_quantity *q = &f->quantities[i];
        sqlite3_stmt *st = row(s, SL_ST_INS_QUANTITY, id, i, err);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 3, q->start);
        sqlite3_bind_int64(st, 4, q->end);
        sqlite3_bind_double(st, 5, q->value);
        sqlite3_bind_double(st, 6, q->low);
        sqlite3_bind_double(st, 7, q->high);
        sl_store_bind_str(st, 8, sl_bound_name(q->bound), 0);
        sl_store_bind_str(st, 9, q->change, 1);
        sl_store_bind_str(st, 10, q->unit ? q->unit : "", 0);
        bind_span(st, 11, q->unit_start, q->unit_end);
        bind_span(st, 13, q->about_start, q->about_end);
        if (done(s, st, err, "adding a quantity"))
            return -1;
    }
    return 0;
}

int sl_store_insert_facts(sl_store *s, const sl_article *a, int64_t id, sl_error *err) {
    sl_facts *f = NULL;
    if (sl_annotate(a, &f, err) != SL_OK)
        return -1;
    sqlite3_stmt *st = sl_store_stmt(s, SL_ST_INS_FACTS, err);
    int rc = -1;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, FACTS_VERSION);
        sl_store_bind_str(st, 3, f->inferred_date, 1);
        if (f->inferred_from >= 0)
            sqlite3_bind_int(st, 4, f->inferred_from);
        sl_store_bind_str(st, 5, f->inferred_date[0] ? "text" : NULL, 1);
        rc = done(s, st, err, "adding facts");
    }
    if (!rc)
        rc = put_entities(s, id, f, err) || put_quotes(s, id, f, err) ||
                     put_timexes(s, id, f, err) || put_quantities(s, id, f, err)
                 ? -1
                 : 0;
    sl_facts_free(f);
    return rc;
}

/* ------------------------------------------------------------- redate */

static int exec_id(sl_store *s, const char *sql, int64_t id, const char *text, sl_error *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        sl_store_fail(s, err, "dating an article");
        return -1;
    }
    sqlite3_bind_int64(st, 1, id);
    if (text)
        sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return 0;
    sl_store_fail(s, err, "dating an article");
    return -1;
}

/* 1 when the article has a date of its own or one from its text; a date
 * from an event is redone, since a rebuild may place it elsewhere. */
static int has_date(sl_store *s, int64_t id) {
    sqlite3_stmt *st = NULL;
    int yes = 1;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT coalesce(a.published, '') <> '' OR coalesce(f.inferred_by, '') = 'text'"
                           " FROM article a LEFT JOIN article_facts f ON f.article=a.id"
                           " WHERE a.id=?1",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW)
            yes = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    return yes;
}

int sl_store_date_by_event(sl_store *s, int64_t id, const char *day, sl_error *err) {
    if (has_date(s, id))
        return 0;
    sl_article *a = NULL;
    if (sl_store_load(s, id, &a, err) != SL_OK)
        return -1;
    snprintf(a->published, sizeof a->published, "%.10s", day);
    sl_arena ar;
    sl_arena_init(&ar, 0);
    sl_timex *tx = NULL;
    size_t n = 0;
    int rc = sl_find_timexes(a, &ar, &tx, &n, err) == SL_OK ? 0 : -1;
    if (!rc)
        rc = exec_id(s, "DELETE FROM timex WHERE article=?1", id, NULL, err);
    sl_facts f = {.timexes = tx, .n_timexes = n};
    if (!rc)
        rc = put_timexes(s, id, &f, err);
    if (!rc)
        rc = exec_id(s,
                     "UPDATE article_facts SET inferred_date=?2, inferred_from=NULL,"
                     " inferred_by='event' WHERE article=?1",
                     id, a->published, err);
    sl_arena_free(&ar);
    sl_article_free(a);
    return rc;
}

/* ---------------------------------------------------------------- load */

typedef struct loader {
    sl_store *s;
    int64_t id;
    sl_arena *ar;
    sl_error *err;
} loader;

/* Run sql (article id as ?1) and hand each row to fn; the row count in *n. */
static int each_row(loader *l, const char *sql, void *items, size_t size, size_t *n,
                    void (*fn)(loader *, sqlite3_stmt *, void *)) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(l->s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        sl_store_fail(l->s, l->err, "reading facts");
        return -1;
    }
    sqlite3_bind_int64(st, 1, l->id);
    size_t cap = 0;
    char **arr = items;
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? 2 * cap : 16;
            char *p = sl_arena_realloc(l->ar, *arr, cap * size, ncap * size);
            if (!p) {
                sqlite3_finalize(st);
                sl_fail(l->err, SL_ERR_NOMEM, "out of memory for facts");
                return -1;
            }
            *arr = p;
            cap = ncap;
        }
        memset(*arr + *n * size, 0, size);
        fn(l, st, *arr + (*n)++ * size);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        sl_store_fail(l->s, l->err, "reading facts");
        return -1;
    }
    return 0;
}

static const char *col_str(loader *l, sqlite3_stmt *st, int c) {
    const char *v = (const char *)sqlite3_column_text(st, c);
    return v ? sl_arena_strdup(l->ar, v) : NULL;
}

static int name_index(const char *v, const char *const *names, int n) {
    for (int i = 0; v && i < n; i++)
        if (!strcmp(v, names[i]))
            return i;
    return 0;
}

static void row_entity(loader *l, sqlite3_stmt *st, void *p) {
    static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};
    sl_entity *e = p;
    e->name = col_str(l, st, 0);
    e->type = (sl_entity_type)name_index((const char *)sqlite3_column_text(st, 1), types, 4);
    e->role = col_str(l, st, 2);
    e->role_start = (uint32_t)sqlite3_column_int64(st, 3);
    e->role_end = (uint32_t)sqlite3_column_int64(st, 4);
    e->n_mentions = (uint32_t)sqlite3_column_int64(st, 5);
}

static void row_mention(loader *l, sqlite3_stmt *st, void *p) {
    static const char *const kinds[] = {"name", "short", "nominal", "pronoun", "label"};
    (void)l;
    sl_mention *m = p;
    m->start = (uint32_t)sqlite3_column_int64(st, 0);
    m->end = (uint32_t)sqlite3_column_int64(st, 1);
    m->kind = (sl_mention_kind)name_index((const char *)sqlite3_column_text(st, 2), kinds, 5);
    m->entity = (int32_t)sqlite3_column_int64(st, 3);
}

static void row_quote(loader *l, sqlite3_stmt *st, void *p) {
    static const char *const kinds[] = {"direct", "indirect", "partial", "transcript"};
    (void)l;
    sl_quote *q = p;
    q->start = (uint32_t)sqlite3_column_int64(st, 0);
    q->end = (uint32_t)sqlite3_column_int64(st, 1);
    q->kind = (sl_quote_kind)name_index((const char *)sqlite3_column_text(st, 2), kinds, 4);
    q->speaker_start = (uint32_t)sqlite3_column_int64(st, 3);
    q->speaker_end = (uint32_t)sqlite3_column_int64(st, 4);
    q->cue_start = (uint32_t)sqlite3_column_int64(st, 5);
    q->cue_end = (uint32_t)sqlite3_column_int64(st, 6);
    q->entity = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 7);
}

static void row_timex(loader *l, sqlite3_stmt *st, void *p) {
    static const char *const types[] = {"DATE", "TIME", "DURATION", "SET"};
    (void)l;
    sl_timex *t = p;
    t->start = (uint32_t)sqlite3_column_int64(st, 0);
    t->end = (uint32_t)sqlite3_column_int64(st, 1);
    t->type = (sl_timex_type)name_index((const char *)sqlite3_column_text(st, 2), types, 4);
    const char *v = (const char *)sqlite3_column_text(st, 3), *m = (const char *)sqlite3_column_text(st, 4);
    snprintf(t->value, sizeof t->value, "%s", v ? v : "");
    snprintf(t->mod, sizeof t->mod, "%s", m ? m : "");
}

static void row_quantity(loader *l, sqlite3_stmt *st, void *p) {
    static const char *const bounds[] = {"exact",     "approx",  "at_least",
                                         "more_than", "at_most", "less_than"};
    sl_quantity *q = p;
    q->start = (uint32_t)sqlite3_column_int64(st, 0);
    q->end = (uint32_t)sqlite3_column_int64(st, 1);
    q->value = sqlite3_column_double(st, 2);
    q->low = sqlite3_column_double(st, 3);
    q->high = sqlite3_column_double(st, 4);
    q->bound = (sl_bound)name_index((const char *)sqlite3_column_text(st, 5), bounds, 6);
    const char *c = (const char *)sqlite3_column_text(st, 6);
    snprintf(q->change, sizeof q->change, "%s", c ? c : "");
    q->unit = col_str(l, st, 7);
    q->unit_start = (uint32_t)sqlite3_column_int64(st, 8);
    q->unit_end = (uint32_t)sqlite3_column_int64(st, 9);
    q->about_start = (uint32_t)sqlite3_column_int64(st, 10);
    q->about_end = (uint32_t)sqlite3_column_int64(st, 11);
}

static int load_all(loader *l, sl_facts *f) {
    return each_row(l,
                    "SELECT name, type, role, role_start, role_end, n_mentions FROM entity"
                    " WHERE article=?1 ORDER BY idx",
                    &f->entities, sizeof *f->entities, &f->n_entities, row_entity) ||
           each_row(l,
                    "SELECT start, \"end\", kind, entity FROM mention WHERE article=?1"
                    " ORDER BY idx",
                    &f->mentions, sizeof *f->mentions, &f->n_mentions, row_mention) ||
           each_row(l,
                    "SELECT start, \"end\", kind, speaker_start, speaker_end, cue_start,"
                    " cue_end, entity FROM quote WHERE article=?1 ORDER BY idx",
                    &f->quotes, sizeof *f->quotes, &f->n_quotes, row_quote) ||
           each_row(l,
                    "SELECT start, \"end\", type, value, mod FROM timex WHERE article=?1"
                    " ORDER BY idx",
                    &f->timexes, sizeof *f->timexes, &f->n_timexes, row_timex) ||
           each_row(l,
                    "SELECT start, \"end\", value, low, high, bound, change, unit, unit_start,"
                    " unit_end, about_start, about_end FROM quantity WHERE article=?1"
                    " ORDER BY idx",
                    &f->quantities, sizeof *f->quantities, &f->n_quantities, row_quantity);
}

sl_status sl_store_facts(sl_store *s, int64_t id, sl_facts **out, sl_error *err) {
    *out = NULL;
    if (!s)
        return sl_fail(err, SL_ERR_ARG, "no store");
    sl_facts *f = sl_facts_new();
    if (!f)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory for facts");
    loader l = {s, id, sl_facts_arena(f), err};
    sqlite3_stmt *st = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT inferred_date, inferred_from FROM article_facts WHERE article=?1", -1,
                           &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            found = 1;
            const char *d = (const char *)sqlite3_column_text(st, 0);
            snprintf(f->inferred_date, sizeof f->inferred_date, "%s", d ? d : "");
            if (sqlite3_column_type(st, 1) != SQLITE_NULL)
                f->inferred_from = sqlite3_column_int(st, 1);
        }
    }
    sqlite3_finalize(st);
    sl_status rc = SL_OK;
    if (!found)
        rc = sl_fail(err, SL_END, "article %lld has no stored facts", (long long)id);
    else if (load_all(&l, f))
        rc = err && err->status != SL_OK ? err->status : SL_ERR_STORE;
    if (rc != SL_OK) {
        sl_facts_free(f);
        return rc;
    }
    *out = f;
    return SL_OK;
}

/* store_int.h — the store handle and helpers shared by the store's files.
 *
 * The store is one SQLite file in WAL mode. store.c holds the public
 * sl_store_* entry points, schema.c the versioned migrations, query.c the
 * read side (list, get, load, search). Prepared statements are cached on the
 * handle, one slot per statement kind, and prepared on first use.
 */
#ifndef SL_STORE_INT_H
#define SL_STORE_INT_H

#include <sqlite3.h>

#include "storyline.h"

typedef enum sl_stmt_id {
    SL_ST_FIND_HASH = 0,
    SL_ST_INS_ARTICLE,
    SL_ST_NAME_SITE,
    SL_ST_INS_SOURCE,
    SL_ST_INS_BLOCK,
    SL_ST_INS_SENTENCE,
    SL_ST_SAVEPOINT,
    SL_ST_RELEASE,
    SL_ST_ROLLBACK_TO,
    SL_ST_LIST,
    SL_ST_GET,
    SL_ST_LOAD_ARTICLE,
    SL_ST_LOAD_BLOCKS,
    SL_ST_LOAD_SENTENCES,
    SL_ST_LOAD_SOURCE,
    SL_ST_SOURCES,
    SL_ST_SEARCH,
    SL_ST_COUNT,
    SL_ST_DATA_VERSION,
    SL_ST_INS_FACTS,
    SL_ST_INS_ENTITY,
    SL_ST_INS_MENTION,
    SL_ST_INS_QUOTE,
    SL_ST_INS_TIMEX,
    SL_ST_INS_QUANTITY,
    SL_ST_SEARCH_RECENT, /* search.h: the newest matches with their term counts */
    SL_ST_SEARCH_FETCH,  /* search.h: the shown hits' rows, in rank order */
    SL_ST_SEARCH_LENGTHS, /* search.h: document lengths past an id */
    SL_ST_MAX_ID,
    SL_ST__N
} sl_stmt_id;

/* SQL: the outlet column x holds no name, only a host ("meridianwire.example") or nothing. */
#define SL_HOST_ONLY(x) "(" x " IS NULL OR (instr(" x ",' ')=0 AND instr(" x ",'.')>0))"
/* SQL: the first name a page of the row's site states, or the row's own
 * outlet when none does. Run over a site's host-only rows, it names them. */
#define SL_SITE_NAME                                                                       \
    "coalesce((SELECT o.outlet FROM article o WHERE o.site=article.site AND NOT "            \
    SL_HOST_ONLY("o.outlet") " ORDER BY o.id LIMIT 1), outlet)"

struct sl_store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *st[SL_ST__N];
    int in_batch;
    int64_t deadline_ns; /* CLOCK_MONOTONIC; 0: statements run unbounded */
    struct sl_search_state *search; /* query.c, for search.h; NULL until used */
};

/* Free search.h's per-handle state (sl_store_close). */
void sl_search_state_free(struct sl_search_state *ss);

/* Bound every statement from now on to ms milliseconds of wall time (0:
 * no bound): a statement past it fails with SQLITE_INTERRUPT, which the
 * caller reports as SL_ERR_LIMIT. The server sets it per request. */
void sl_store_set_deadline(sl_store *s, unsigned ms);
/* A number that changes whenever another connection commits to the file,
 * so a reader can tell its cached answers are stale; -1 on error. */
int64_t sl_store_data_version(sl_store *s);

/* Entities across the store (entities.c), for the server. Strings live
 * during the callback only. */
typedef struct sl_entity_row {
    const char *name, *type;
    int64_t n_articles, n_mentions;
} sl_entity_row;
typedef int (*sl_entity_row_fn)(void *ud, const sl_entity_row *r);
/* Names starting with prefix (any case; NULL: all), most articles first. */
sl_status sl_store_entities(sl_store *s, const char *prefix, int64_t limit, int64_t offset,
                            sl_entity_row_fn cb, void *ud, sl_error *err);

typedef struct sl_entity_span {
    int64_t article;
    const char *title, *published, *outlet;
    int is_quote;      /* 0: a mention of the name, 1: a quote it speaks */
    const char *kind;  /* mention or quote kind */
    uint32_t start, end;
    const char *text;
} sl_entity_span;
typedef int (*sl_entity_span_fn)(void *ud, const sl_entity_span *r);
/* Every mention and quote of the entity written name, newest article first. */
sl_status sl_store_entity_spans(sl_store *s, const char *name, int64_t limit,
                                sl_entity_span_fn cb, void *ud, sl_error *err);

/* The schema version this build knows; a newer file is refused. */
int sl_store_schema_version(void);

/* Bring the schema up to date inside one transaction. */
sl_status sl_store_migrate(sl_store *s, sl_error *err);

/* The cached statement of that kind, reset and unbound, or NULL (err set). */
sqlite3_stmt *sl_store_stmt(sl_store *s, sl_stmt_id id, sl_error *err);

/* SL_ERR_STORE with what failed and SQLite's message. */
sl_status sl_store_fail(sl_store *s, sl_error *err, const char *what);

/* Bind a C string, NULL as SQL NULL; an empty string too when empty_null. */
int sl_store_bind_str(sqlite3_stmt *st, int col, const char *v, int empty_null);

/* Annotate a new article and insert its facts (inside the add's savepoint).
 * 0, or -1 with err set. */
int sl_store_insert_facts(sl_store *s, const sl_article *a, int64_t id, sl_error *err);

/* An undated article with no date in its text takes day (YYYY-MM-DD), its
 * event's first day, as its inferred date, and its time expressions are
 * resolved again against it. 0, or -1 with err set. */
int sl_store_date_by_event(sl_store *s, int64_t id, const char *day, sl_error *err);

/* The block kind stored under that name (paragraph when unknown). */
sl_block_kind sl_store_block_kind(const char *name);

#endif

/* Unit tests for the SQLite store: schema versions, idempotent adds,
 * search, round trips, ordering and what a rolled-back batch leaves. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storyline.h"
#include "util/hash.h"

/* A fresh database path per test, in a private directory. */
typedef struct fixture {
    char dir[64];
    char db[128];
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/sl_store_XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/test.db", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    const char *suffix[] = {"", "-wal", "-shm", "-journal"};
    for (int i = 0; i < 4; i++) {
        char p[160];
        snprintf(p, sizeof p, "%s%s", f->db, suffix[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

/* A hand-built article: the store takes any sl_article, owned or not. */
typedef struct test_article {
    sl_article a;
    sl_block blocks[3];
    sl_sentence sents[4];
} test_article;

static void make_article(test_article *t, const char *title, const char *text,
                         const char *published, const char *path) {
    memset(t, 0, sizeof *t);
    sl_article *a = &t->a;
    a->title = title;
    a->text = text;
    a->text_len = strlen(text);
    a->url = "https://example.test/marrow-bay";
    a->outlet = "example.test";
    a->language = "en";
    snprintf(a->published, sizeof a->published, "%s", published ? published : "");
    a->published_from = published ? SL_DATE_META : SL_DATE_NONE;
    a->format = SL_FORMAT_HTML;
    a->blocks = t->blocks;
    a->n_blocks = 1;
    t->blocks[0] = (sl_block){SL_BLOCK_PARAGRAPH, 0, a->text_len, NULL};
    a->sentences = t->sents;
    a->n_sentences = 1;
    t->sents[0] = (sl_sentence){0, a->text_len, 0, 0, 0};
    a->prov.path = path;
    a->prov.length = a->text_len;
    sl_hash128(text, a->text_len, a->hash);
}

static sl_store *open_ok(const fixture *f) {
    sl_store *s = NULL;
    sl_error err = {0};
    sl_status st = sl_store_open(f->db, &s, &err);
    if (st != SL_OK)
        fail_msg("open failed: %s", err.msg);
    return s;
}

static int64_t add_ok(sl_store *s, const sl_article *a, int *is_new) {
    int64_t id = 0;
    sl_error err = {0};
    if (sl_store_add(s, a, &id, is_new, &err) != SL_OK)
        fail_msg("add failed: %s", err.msg);
    return id;
}

static int sql_int(const char *db, const char *sql) {
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

static void migrates_new_file_and_reopens(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    sl_store_close(s);
    int v = sql_int(f->db, "PRAGMA user_version");
    assert_true(v >= 1);
    s = open_ok(f); /* already current: nothing to do, no error */
    sl_store_close(s);
    assert_int_equal(sql_int(f->db, "PRAGMA user_version"), v);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM sqlite_schema WHERE name='article_fts'"),
                     1);
}

static void refuses_newer_schema(void **state) {
    fixture *f = *state;
    sl_store_close(open_ok(f));
    sql_int(f->db, "PRAGMA user_version=999");
    sl_store *s = NULL;
    sl_error err = {0};
    assert_int_equal(sl_store_open(f->db, &s, &err), SL_ERR_STORE);
    assert_null(s);
    assert_non_null(strstr(err.msg, "newer"));
}

static void refuses_a_file_that_is_not_a_database(void **state) {
    fixture *f = *state;
    FILE *fp = fopen(f->db, "w");
    assert_non_null(fp);
    for (int i = 0; i < 200; i++)
        fputs("This is a note about the Marrow Bay ferry, not a database.\n", fp);
    fclose(fp);
    sl_store *s = NULL;
    sl_error err = {0};
    assert_int_equal(sl_store_open(f->db, &s, &err), SL_ERR_STORE);
    assert_null(s);
    assert_non_null(strstr(err.msg, "not a database"));
}

static int collect_path(void *ud, const sl_provenance *p) {
    strcat((char *)ud, p->path);
    strcat((char *)ud, ";");
    return 0;
}

static void same_content_twice_is_one_article_two_sources(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    test_article t;
    make_article(&t, "Ferry crews walk out", "Ferry crews in Marrow Bay walked out on Monday.",
                 "2031-03-03", "a.html");
    int is_new = -1;
    int64_t id1 = add_ok(s, &t.a, &is_new);
    assert_int_equal(is_new, 1);
    t.a.prov.path = "b.html";
    int64_t id2 = add_ok(s, &t.a, &is_new);
    assert_int_equal(is_new, 0);
    assert_int_equal(id1, id2);
    t.a.prov.path = "a.html"; /* the very same source again: nothing new */
    add_ok(s, &t.a, &is_new);
    assert_int_equal(is_new, 0);
    int64_t na = 0, ns = 0;
    assert_int_equal(sl_store_count(s, &na, &ns, NULL), SL_OK);
    assert_int_equal(na, 1);
    assert_int_equal(ns, 2);
    char seen[64] = "";
    assert_int_equal(sl_store_sources(s, id1, collect_path, seen, NULL), SL_OK);
    assert_string_equal(seen, "a.html;b.html;");
    sl_store_close(s);
}

static void extracted_article_is_stored_once(void **state) {
    fixture *f = *state;
    static const char doc[] = "Harbour pilots join the strike\n\n"
                              "Pilots at Marrow Bay said they would stop guiding ships.\n";
    sl_extract_opts o = {0};
    o.path = "pilots.txt";
    sl_article *a = NULL;
    sl_error err = {0};
    assert_int_equal(sl_extract(doc, sizeof doc - 1, &o, &a, &err), SL_OK);
    sl_store *s = open_ok(f);
    int is_new;
    add_ok(s, a, &is_new);
    assert_int_equal(is_new, 1);
    add_ok(s, a, &is_new);
    assert_int_equal(is_new, 0);
    int64_t na = 0, ns = 0;
    sl_store_count(s, &na, &ns, NULL);
    assert_int_equal(na, 1);
    assert_int_equal(ns, 1);
    sl_article_free(a);
    sl_store_close(s);
}

typedef struct hits {
    int n;
    int64_t ids[8];
    char snippets[8][256];
    double rank[8];
} hits;

static int collect_hit(void *ud, const sl_search_hit *h) {
    hits *r = ud;
    if (r->n < 8) {
        r->ids[r->n] = h->id;
        snprintf(r->snippets[r->n], sizeof r->snippets[0], "%s", h->snippet);
        r->rank[r->n] = h->rank;
    }
    r->n++;
    return 0;
}

static sl_store *three_articles(const fixture *f, int64_t ids[3]) {
    sl_store *s = open_ok(f);
    test_article t;
    make_article(&t, "Council budget debate",
                 "The council of Marrow Bay argued about the harbour budget. "
                 "A ferry was mentioned once.",
                 "2031-03-01", "council.html");
    ids[0] = add_ok(s, &t.a, NULL);
    make_article(&t, "Ferry strike enters second week",
                 "The ferry strike in Marrow Bay continued. Ferry crews said the ferry "
                 "timetable would stay empty. Caf\xC3\xA9 owners near the ferry pier worried.",
                 "2031-03-09", "strike.html");
    ids[1] = add_ok(s, &t.a, NULL);
    make_article(&t, "Lighthouse repaired", "Workers repaired the old lighthouse at Gull Point.",
                 "2031-02-20", "lighthouse.html");
    ids[2] = add_ok(s, &t.a, NULL);
    return s;
}

static void search_ranks_and_marks_matches(void **state) {
    fixture *f = *state;
    int64_t ids[3];
    sl_store *s = three_articles(f, ids);
    hits r = {0};
    sl_error err = {0};
    assert_int_equal(sl_store_search(s, "ferry", 10, collect_hit, &r, &err), SL_OK);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.ids[0], ids[1]); /* title hit and many body hits first */
    assert_int_equal(r.ids[1], ids[0]);
    assert_true(r.rank[0] > r.rank[1]);
    assert_non_null(strstr(r.snippets[0], "[Ferry]"));
    assert_non_null(strstr(r.snippets[1], "[ferry]"));

    memset(&r, 0, sizeof r); /* diacritics are folded: cafe finds Café */
    assert_int_equal(sl_store_search(s, "cafe", 10, collect_hit, &r, &err), SL_OK);
    assert_int_equal(r.n, 1);
    memset(&r, 0, sizeof r);
    assert_int_equal(sl_store_search(s, "light*", 10, collect_hit, &r, &err), SL_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.ids[0], ids[2]);
    memset(&r, 0, sizeof r);
    assert_int_equal(sl_store_search(s, "ferry", 1, collect_hit, &r, &err), SL_OK);
    assert_int_equal(r.n, 1);
    sl_store_close(s);
}

/* Each committed batch leaves its own index segment; a run that grew the
 * store by a tenth or more merges them into one, and searches still find
 * everything; a small run leaves the index alone. */
static void a_large_run_merges_the_search_index(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    sl_error err = {0};
    char title[64], text[128], path[32];
    test_article t;
    for (int i = 0; i < 40; i++) {
        assert_int_equal(sl_store_begin(s, &err), SL_OK);
        snprintf(title, sizeof title, "Ferry timetable %d", i);
        snprintf(text, sizeof text, "The ferry timetable for week %d was posted at the pier.", i);
        snprintf(path, sizeof path, "t%d.html", i);
        make_article(&t, title, text, "2031-03-01", path);
        add_ok(s, &t.a, NULL);
        assert_int_equal(sl_store_commit(s, &err), SL_OK);
    }
    const char *segs = "SELECT count(DISTINCT segid) FROM article_fts_idx";
    int before = sql_int(f->db, segs);
    assert_true(before > 1);
    assert_int_equal(sl_store_compact_index(s, 3, &err), SL_OK); /* 3 of 40: too few */
    assert_int_equal(sql_int(f->db, segs), before);
    assert_int_equal(sl_store_compact_index(s, 4, &err), SL_OK);
    assert_int_equal(sql_int(f->db, segs), 1);
    hits r = {0};
    assert_int_equal(sl_store_search(s, "timetable", 50, collect_hit, &r, &err), SL_OK);
    assert_int_equal(r.n, 40);
    sl_store_close(s);
}

static void plain_words_are_searched_safely(void **state) {
    fixture *f = *state;
    int64_t ids[3];
    sl_store *s = three_articles(f, ids);
    const char *queries[] = {"Marrow-Bay", "Gull Point.", "harbour: budget", "ferry,"};
    int expect[] = {2, 1, 1, 2};
    for (int i = 0; i < 4; i++) {
        hits r = {0};
        sl_error err = {0};
        sl_status st = sl_store_search(s, queries[i], 10, collect_hit, &r, &err);
        if (st != SL_OK)
            fail_msg("query '%s': %s", queries[i], err.msg);
        assert_int_equal(r.n, expect[i]);
    }
    sl_store_close(s);
}

static void syntax_error_is_an_error_not_a_crash(void **state) {
    fixture *f = *state;
    int64_t ids[3];
    sl_store *s = three_articles(f, ids);
    const char *bad[] = {"\"ferry strike", "ferry AND", "(ferry", "NEAR(ferry", "AND OR NOT"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        hits r = {0};
        sl_error err = {0};
        assert_int_equal(sl_store_search(s, bad[i], 10, collect_hit, &r, &err), SL_ERR_ARG);
        assert_true(strlen(err.msg) > 0);
        assert_int_equal(r.n, 0);
    }
    sl_error err = {0};
    assert_int_equal(sl_store_search(s, "   ", 10, collect_hit, NULL, &err), SL_ERR_ARG);
    hits r = {0}; /* the store still works */
    assert_int_equal(sl_store_search(s, "lighthouse", 10, collect_hit, &r, &err), SL_OK);
    assert_int_equal(r.n, 1);
    sl_store_close(s);
}

static void load_round_trips_blocks_sentences_and_source(void **state) {
    fixture *f = *state;
    static const char text[] = "Strike talks resume\n\nMAYOR: We want the boats back.\n\n"
                               "Talks resume on Friday. Both sides agreed.";
    test_article t;
    make_article(&t, "Talks resume", text, "2031-03-12T09:30:00Z", "radio.txt");
    t.a.format = SL_FORMAT_TEXT;
    t.a.authors = "Ana Quill; Tom Reed";
    t.a.prov.offset = 4096;
    t.a.prov.record_id = "<urn:uuid:1234>";
    snprintf(t.a.warning, sizeof t.a.warning, "truncated record");
    t.a.n_blocks = 3;
    t.blocks[0] = (sl_block){SL_BLOCK_HEADING, 0, 19, NULL};
    t.blocks[1] = (sl_block){SL_BLOCK_TURN, 21, 51, "MAYOR"};
    t.blocks[2] = (sl_block){SL_BLOCK_PARAGRAPH, 53, sizeof text - 1, NULL};
    t.a.n_sentences = 4;
    t.sents[0] = (sl_sentence){0, 19, 0, 0, 0};
    t.sents[1] = (sl_sentence){21, 51, 0, 0, 1};
    t.sents[2] = (sl_sentence){53, 76, 0, 0, 2};
    t.sents[3] = (sl_sentence){77, sizeof text - 1, 0, 0, 2};

    sl_store *s = open_ok(f);
    int64_t id = add_ok(s, &t.a, NULL);
    sl_store_close(s);
    s = open_ok(f);
    sl_article *b = NULL;
    sl_error err = {0};
    assert_int_equal(sl_store_load(s, id, &b, &err), SL_OK);
    assert_string_equal(b->title, "Talks resume");
    assert_int_equal(b->text_len, sizeof text - 1);
    assert_memory_equal(b->text, text, sizeof text - 1);
    assert_string_equal(b->published, "2031-03-12T09:30:00Z");
    assert_int_equal(b->published_from, SL_DATE_META);
    assert_int_equal(b->format, SL_FORMAT_TEXT);
    assert_string_equal(b->authors, "Ana Quill; Tom Reed");
    assert_string_equal(b->url, "https://example.test/marrow-bay");
    assert_string_equal(b->warning, "truncated record");
    assert_memory_equal(b->hash, t.a.hash, 16);
    assert_int_equal(b->n_blocks, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(b->blocks[i].kind, t.blocks[i].kind);
        assert_int_equal(b->blocks[i].start, t.blocks[i].start);
        assert_int_equal(b->blocks[i].end, t.blocks[i].end);
    }
    assert_string_equal(b->blocks[1].speaker, "MAYOR");
    assert_null(b->blocks[0].speaker);
    assert_int_equal(b->n_sentences, 4);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(b->sentences[i].start, t.sents[i].start);
        assert_int_equal(b->sentences[i].end, t.sents[i].end);
        assert_int_equal(b->sentences[i].block, t.sents[i].block);
        assert_true(b->sentences[i].token_first <= b->sentences[i].token_end);
        assert_true(b->sentences[i].token_end <= b->n_tokens);
    }
    assert_string_equal(b->prov.path, "radio.txt");
    assert_int_equal(b->prov.offset, 4096);
    assert_string_equal(b->prov.record_id, "<urn:uuid:1234>");
    sl_article_free(b);

    assert_int_equal(sl_store_load(s, id + 100, &b, &err), SL_END);
    assert_null(b);
    assert_int_equal(sl_store_get(s, id + 100, NULL, NULL, &err), SL_END);
    sl_store_close(s);
}

typedef struct listing {
    int n;
    int64_t ids[8];
    char published[8][32];
    const char *text_seen;
} listing;

static int collect_row(void *ud, const sl_article_row *row) {
    listing *l = ud;
    if (l->n < 8) {
        l->ids[l->n] = row->id;
        snprintf(l->published[l->n], 32, "%s", row->published ? row->published : "");
    }
    l->text_seen = row->text;
    l->n++;
    return 0;
}

static int stop_after_one(void *ud, const sl_article_row *row) {
    (void)row;
    ++*(int *)ud;
    return 1;
}

static void list_is_newest_first_unknown_dates_last(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    test_article t;
    const char *dates[] = {"2031-03-01", NULL, "2031-03-09", "2031-03-01"};
    int64_t ids[4];
    for (int i = 0; i < 4; i++) {
        char text[64];
        snprintf(text, sizeof text, "Ferry story number %d from Marrow Bay.", i);
        make_article(&t, "Ferry", text, dates[i], "x.html");
        ids[i] = add_ok(s, &t.a, NULL);
    }
    listing l = {0};
    assert_int_equal(sl_store_list(s, 0, 0, collect_row, &l, NULL), SL_OK);
    assert_int_equal(l.n, 4);
    assert_int_equal(l.ids[0], ids[2]);
    assert_int_equal(l.ids[1], ids[0]);
    assert_int_equal(l.ids[2], ids[3]);
    assert_int_equal(l.ids[3], ids[1]);
    assert_string_equal(l.published[3], "");
    assert_null(l.text_seen);

    memset(&l, 0, sizeof l);
    assert_int_equal(sl_store_list(s, 2, 1, collect_row, &l, NULL), SL_OK);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.ids[0], ids[0]);
    int calls = 0;
    assert_int_equal(sl_store_list(s, 0, 0, stop_after_one, &calls, NULL), SL_OK);
    assert_int_equal(calls, 1);

    memset(&l, 0, sizeof l);
    assert_int_equal(sl_store_get(s, ids[1], collect_row, &l, NULL), SL_OK);
    assert_int_equal(l.n, 1);
    assert_non_null(l.text_seen);
    sl_store_close(s);
}

static char *sql_text(const char *db, const char *sql) {
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    char *v = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)
                  ? strdup((const char *)sqlite3_column_text(st, 0))
                  : NULL;
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

/* A page of a site: its text (distinct per page), URL and stated outlet. */
static void add_page(sl_store *s, const char *text, const char *url, const char *outlet) {
    test_article t;
    make_article(&t, "Ferry", text, NULL, "page.html");
    t.a.url = url;
    t.a.outlet = outlet;
    add_ok(s, &t.a, NULL);
}

/* One site is one outlet: a page stating only its host takes the name
 * another page of the same site states, whichever came first, and
 * "www." or not is the same site. */
static void a_site_is_named_once(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    add_page(s, "Host-only page about the ferry strike.", "https://meridianwire.example/national/a",
             "meridianwire.example");
    add_page(s, "Named page about the ferry strike.", "https://www.meridianwire.example/national/b",
             "Meridian Wire");
    add_page(s, "A later host-only page about the ferry.", "https://MeridianWire.example/national/c",
             "meridianwire.example");
    add_page(s, "Another site's page about the ferry.", "https://tidewatertimes.example/news/d",
             "tidewatertimes.example");
    sl_store_close(s);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM article WHERE outlet='Meridian Wire'"),
                     3);
    char *other = sql_text(f->db, "SELECT outlet FROM article WHERE url LIKE '%tidewater%'");
    assert_string_equal(other, "tidewatertimes.example");
    free(other);
}

/* A store made before sites were kept (schema 3) names its host-only
 * pages when it is opened: the migration fills article.site and applies
 * the same rule. */
static void an_older_store_names_its_sites_on_open(void **state) {
    fixture *f = *state;
    if (sqlite3_libversion_number() < 3035000) { /* no DROP COLUMN to make the old file */
        print_message("skipped: SQLite %s cannot drop a column\n", sqlite3_libversion());
        skip();
    }
    sl_store *s = open_ok(f);
    add_page(s, "Named page about the ferry strike.", "https://www.meridianwire.example/national/b",
             "Meridian Wire");
    add_page(s, "Host-only page about the ferry strike.", "https://meridianwire.example/national/a",
             "meridianwire.example");
    sl_store_close(s);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(f->db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
                                  "DROP INDEX article_by_site; ALTER TABLE article DROP COLUMN site;"
                                  "UPDATE article SET outlet='meridianwire.example'"
                                  " WHERE url LIKE '%/a'; PRAGMA user_version=3;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM article WHERE outlet='Meridian Wire'"),
                     1);
    sl_store_close(open_ok(f));
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM article WHERE outlet='Meridian Wire'"),
                     2);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM article WHERE site='meridianwire.example'"),
                     2);
}

static void uncommitted_batch_leaves_nothing(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    test_article t;
    make_article(&t, "Committed", "This one was committed before the crash.", NULL, "a.txt");
    assert_int_equal(sl_store_begin(s, NULL), SL_OK);
    add_ok(s, &t.a, NULL);
    assert_int_equal(sl_store_commit(s, NULL), SL_OK);

    assert_int_equal(sl_store_begin(s, NULL), SL_OK);
    sl_error err = {0};
    assert_int_equal(sl_store_begin(s, &err), SL_ERR_ARG); /* no nesting */
    make_article(&t, "Lost", "This one was in the open batch and is lost.", NULL, "b.txt");
    add_ok(s, &t.a, NULL);
    t.a.prov.path = "c.txt";
    add_ok(s, &t.a, NULL);
    sl_store_close(s); /* no commit: the batch is rolled back */

    s = open_ok(f);
    int64_t na = 0, ns = 0;
    sl_store_count(s, &na, &ns, NULL);
    assert_int_equal(na, 1);
    assert_int_equal(ns, 1);
    hits r = {0};
    assert_int_equal(sl_store_search(s, "lost", 10, collect_hit, &r, NULL), SL_OK);
    assert_int_equal(r.n, 0);
    assert_int_equal(sl_store_commit(s, &err), SL_ERR_ARG);
    sl_store_close(s);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM block"), 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(migrates_new_file_and_reopens, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_newer_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_a_file_that_is_not_a_database, setup, teardown),
        cmocka_unit_test_setup_teardown(same_content_twice_is_one_article_two_sources, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(extracted_article_is_stored_once, setup, teardown),
        cmocka_unit_test_setup_teardown(search_ranks_and_marks_matches, setup, teardown),
        cmocka_unit_test_setup_teardown(a_large_run_merges_the_search_index, setup, teardown),
        cmocka_unit_test_setup_teardown(plain_words_are_searched_safely, setup, teardown),
        cmocka_unit_test_setup_teardown(syntax_error_is_an_error_not_a_crash, setup, teardown),
        cmocka_unit_test_setup_teardown(load_round_trips_blocks_sentences_and_source, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(list_is_newest_first_unknown_dates_last, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_site_is_named_once, setup, teardown),
        cmocka_unit_test_setup_teardown(an_older_store_names_its_sites_on_open, setup, teardown),
        cmocka_unit_test_setup_teardown(uncommitted_batch_leaves_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

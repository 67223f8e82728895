/* Unit tests for stories in the store: incremental clustering keeps what
 * was given, a rebuild gives the one-pass result, copies are folded but
 * stay loadable, undated articles are marked, an empty store is fine.
 * The articles are invented (a ferry strike in the fictional Marrow Bay). */
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

typedef struct fixture {
    char dir[64];
    char db[128];
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/sl_stories_XXXXXX");
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

/* ------------------------------------------------------------ articles */

/* The common body of the wire story; the syndicated copy changes the lede. */
#define WIRE_BODY                                                                              \
    "Crews on the Corran Island crossing stopped work at dawn after talks with Bayline "      \
    "Ferries broke down over pay and rest days. The harbor master said no sailings would "     \
    "leave Marrow Bay until further notice, and the ticket office closed at noon.\n\n"         \
    "Shopkeepers on the island said bread and milk would run short within days. The "          \
    "union's regional secretary said members had waited two years for an offer that kept "    \
    "pace with prices, and that the crews would stay out until one arrived."

typedef struct fake {
    const char *title, *published, *outlet, *text;
} fake;

static const fake strike[] = {
    {"Marrow Bay ferry crews vote to walk out", "2023-03-06", "courier.example",
     "Ferry crews in Marrow Bay voted on Monday to strike, with nine in ten members in "
     "favour. The walkout would halt the only crossing to Corran Island.\n\n"
     "Bayline Ferries said it was disappointed and still hoped to avoid disruption."},
    {"Ferries halted in Marrow Bay as strike begins", "2023-03-08", "wire.example",
     "Marrow Bay's ferries stood idle on Wednesday as the strike began.\n\n" WIRE_BODY},
    {"Strike stops Corran Island ferries", "2023-03-08", "gazette.example",
     "The Corran Island ferry did not sail on Wednesday, the Gazette can report, as a long "
     "threatened strike took hold on the Marrow Bay waterfront.\n\n" WIRE_BODY},
    {"Island stores ration bread on day three of ferry strike", "2023-03-10",
     "islandnotes.example",
     "The two shops on Corran Island limited bread to one loaf per household on Friday as "
     "the ferry strike reached its third day.\n\n"
     "Farmers said milk was being poured away because no lorry could cross."},
    {"Marrow Bay bakery wins regional pie contest", "2023-03-11", "courier.example",
     "A family bakery on Quay Street won the regional pie contest with a smoked haddock "
     "pie, beating forty entries from along the coast.\n\n"
     "The judges praised the pastry and the generous filling."},
    {"Ferry union and Bayline agree to talks", "", "radio.example",
     "The ferry workers' union and Bayline Ferries agreed on a call with the regional "
     "minister to meet for talks in Port Aske next week.\n\n"
     "Neither side would say whether the strike could end before the talks."},
};
enum { N_STRIKE = sizeof strike / sizeof *strike };

static sl_store *open_ok(const fixture *f) {
    sl_store *s = NULL;
    sl_error err = {0};
    sl_status st = sl_store_open(f->db, &s, &err);
    if (st != SL_OK)
        fail_msg("open: %s", err.msg);
    return s;
}

static int64_t add(sl_store *s, const fake *k) {
    sl_article a;
    sl_block b;
    memset(&a, 0, sizeof a);
    a.title = k->title;
    a.text = k->text;
    a.text_len = strlen(k->text);
    a.outlet = k->outlet;
    a.language = "en";
    snprintf(a.published, sizeof a.published, "%s", k->published);
    a.published_from = *k->published ? SL_DATE_META : SL_DATE_NONE;
    a.format = SL_FORMAT_HTML;
    b = (sl_block){SL_BLOCK_PARAGRAPH, 0, a.text_len, NULL};
    a.blocks = &b;
    a.n_blocks = 1;
    a.prov.path = "/invented/marrow-bay";
    sl_hash128(a.text, a.text_len, a.hash);
    int64_t id = 0;
    int is_new = 0;
    sl_error err = {0};
    if (sl_store_add(s, &a, &id, &is_new, &err) != SL_OK)
        fail_msg("add: %s", err.msg);
    assert_true(is_new);
    return id;
}

static void cluster_ok(sl_store *s, int rebuild, sl_cluster_stats *st) {
    sl_error err = {0};
    sl_status rc = sl_store_cluster(s, rebuild, st, &err);
    if (rc != SL_OK)
        fail_msg("cluster: %s", err.msg);
}

/* ------------------------------------------------------------ snapshots */

/* Every article_cluster row as one line, in article order. */
static char *snapshot(const fixture *f) {
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT article, event, storyline, similarity,"
                                        " coalesce(dup_of, 0), coalesce(dup_kind, '-'), undated"
                                        " FROM article_cluster ORDER BY article",
                                        -1, &st, NULL),
                     SQLITE_OK);
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    while (sqlite3_step(st) == SQLITE_ROW)
        fprintf(m, "%lld %lld %lld %.4f %lld %s %d\n", (long long)sqlite3_column_int64(st, 0),
                (long long)sqlite3_column_int64(st, 1), (long long)sqlite3_column_int64(st, 2),
                sqlite3_column_double(st, 3), (long long)sqlite3_column_int64(st, 4),
                (const char *)sqlite3_column_text(st, 5), sqlite3_column_int(st, 6));
    fclose(m);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

static int count_rows(const fixture *f, const char *sql) {
    sqlite3 *db;
    sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_stmt *st;
    int n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* What a story walk handed out, flattened. */
typedef struct seen {
    int n;
    sl_story_kind kind[32];
    int64_t id[32], folded[32];
    sl_dup_kind dup[32];
    int undated[32];
} seen;

static int collect(void *ud, const sl_story_row *r) {
    seen *s = ud;
    if (s->n < 32) {
        s->kind[s->n] = r->kind;
        s->id[s->n] = r->id;
        s->folded[s->n] = r->n_folded;
        s->dup[s->n] = r->dup_kind;
        s->undated[s->n] = r->undated;
        s->n++;
    }
    return 0;
}

typedef struct lines {
    int n;
    sl_storyline_row row[16];
} lines;

static int collect_line(void *ud, const sl_storyline_row *r) {
    lines *l = ud;
    if (l->n < 16) {
        l->row[l->n] = *r;
        l->row[l->n].title = NULL; /* strings die with the callback */
        l->row[l->n].first_day = r->first_day ? "dated" : NULL;
        l->row[l->n].last_day = NULL;
        l->n++;
    }
    return 0;
}

/* ------------------------------------------------------------ tests */

static void test_empty_store(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    sl_cluster_stats st;
    cluster_ok(s, 0, &st);
    assert_int_equal(st.articles, 0);
    assert_int_equal(st.total_storylines, 0);
    cluster_ok(s, 1, &st);
    assert_int_equal(st.articles, 0);
    lines l = {0};
    sl_error err = {0};
    assert_int_equal(sl_store_stories(s, 0, 0, collect_line, &l, &err), SL_OK);
    assert_int_equal(l.n, 0);
    seen v = {0};
    assert_int_equal(sl_store_story(s, SL_STORY_STORYLINE, 1, collect, &v, &err), SL_END);
    assert_non_null(strstr(err.msg, "S1"));
    assert_int_equal(sl_store_story(s, SL_STORY_EVENT, 1, collect, &v, &err), SL_END);
    assert_int_equal(v.n, 0);
    sl_store_close(s);
}

/* Clustering batch 2 adds rows and never rewrites batch 1's. */
static void test_incremental_keeps_ids(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    for (int i = 0; i < 3; i++)
        add(s, &strike[i]);
    sl_cluster_stats st;
    cluster_ok(s, 0, &st);
    assert_int_equal(st.articles, 3);
    char *before = snapshot(f);

    for (int i = 3; i < N_STRIKE; i++)
        add(s, &strike[i]);
    cluster_ok(s, 0, &st);
    assert_int_equal(st.articles, N_STRIKE - 3);
    char *after = snapshot(f);
    assert_true(strlen(after) > strlen(before));
    assert_memory_equal(before, after, strlen(before));

    /* Nothing new: nothing clustered, nothing changed. */
    cluster_ok(s, 0, &st);
    assert_int_equal(st.articles, 0);
    char *again = snapshot(f);
    assert_string_equal(after, again);
    free(before);
    free(after);
    free(again);
    sl_store_close(s);
}

/* Articles stored in date order and clustered once, then rebuilt: the
 * same events, storylines and copies. */
static void test_rebuild_same_grouping(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    for (int i = 0; i < N_STRIKE; i++)
        add(s, &strike[i]);
    sl_cluster_stats one, re;
    cluster_ok(s, 0, &one);
    char *first = snapshot(f);
    cluster_ok(s, 1, &re);
    char *second = snapshot(f);
    assert_string_equal(first, second);
    assert_int_equal(one.articles, N_STRIKE);
    assert_int_equal(re.articles, N_STRIKE);
    assert_int_equal(one.total_events, re.total_events);
    assert_int_equal(one.total_storylines, re.total_storylines);
    assert_int_equal(one.total_copies, re.total_copies);
    assert_int_equal(count_rows(f, "SELECT count(*) FROM cluster_state"), 1);
    free(first);
    free(second);
    sl_store_close(s);
}

/* The syndicated near-copy is folded under the longer text, and both
 * articles are still in the store. */
static void test_copies_folded_not_deleted(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    int64_t wire = add(s, &strike[1]), gazette = add(s, &strike[2]);
    sl_cluster_stats st;
    cluster_ok(s, 0, &st);
    assert_int_equal(st.copies, 1);
    assert_int_equal(st.total_copies, 1);

    lines l = {0};
    sl_error err = {0};
    assert_int_equal(sl_store_stories(s, 0, 0, collect_line, &l, &err), SL_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.row[0].n_articles, 1);
    assert_int_equal(l.row[0].n_copies, 1);
    assert_int_equal(l.row[0].n_outlets, 2);

    seen v = {0};
    assert_int_equal(sl_store_story(s, SL_STORY_STORYLINE, l.row[0].id, collect, &v, &err),
                     SL_OK);
    assert_int_equal(v.n, 4);
    assert_int_equal(v.kind[0], SL_STORY_STORYLINE);
    assert_int_equal(v.kind[1], SL_STORY_EVENT);
    /* The Gazette's lede is longer: it is the most complete, shown first. */
    assert_int_equal(v.kind[2], SL_STORY_ARTICLE);
    assert_int_equal(v.id[2], gazette);
    assert_int_equal(v.folded[2], 1);
    assert_int_equal(v.kind[3], SL_STORY_COPY);
    assert_int_equal(v.id[3], wire);
    assert_int_not_equal(v.dup[3], SL_DUP_NONE);

    sl_article *a = NULL;
    assert_int_equal(sl_store_load(s, wire, &a, &err), SL_OK);
    assert_string_equal(a->title, strike[1].title);
    sl_article_free(a);
    assert_int_equal(count_rows(f, "SELECT count(*) FROM article"), 2);
    sl_store_close(s);
}

/* A storyline's synthesis loads every member, oldest first, with the
 * wire copy pointing at its family's most complete member. */
static void test_synthesis_members(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    int64_t vote = add(s, &strike[0]), wire = add(s, &strike[1]), gazette = add(s, &strike[2]);
    add(s, &strike[3]);
    sl_cluster_stats st;
    cluster_ok(s, 0, &st);
    lines l = {0};
    sl_error err = {0};
    assert_int_equal(sl_store_stories(s, 0, 0, collect_line, &l, &err), SL_OK);
    assert_int_equal(l.n, 1);

    sl_synthesis *y = NULL;
    assert_int_equal(sl_store_synthesis(s, SL_STORY_STORYLINE, l.row[0].id, NULL, &y, &err),
                     SL_OK);
    assert_int_equal(y->n_members, 4);
    assert_int_equal(y->kind, SL_STORY_STORYLINE);
    assert_true(y->title[0] != '\0');
    assert_int_equal(y->members[0].id, vote);
    int w = -1, g = -1;
    for (size_t i = 0; i < y->n_members; i++) {
        if (i)
            assert_true(y->members[i - 1].day <= y->members[i].day);
        assert_non_null(y->members[i].article);
        if (y->members[i].id == wire)
            w = (int)i;
        if (y->members[i].id == gazette)
            g = (int)i;
    }
    assert_true(w >= 0 && g >= 0);
    assert_int_equal(y->members[w].copy_of, g);
    assert_int_equal(y->members[g].copy_of, -1);
    sl_synthesis_free(y);

    assert_int_equal(sl_store_synthesis(s, SL_STORY_EVENT, 999, NULL, &y, &err), SL_END);
    assert_null(y);
    sl_store_close(s);
}

/* An article without a date is clustered last and marked; a storyline of
 * undated articles only has no days and lists last. */
static void test_undated_marked(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    int64_t undated = add(s, &strike[5]);
    add(s, &strike[4]);
    sl_cluster_stats st;
    cluster_ok(s, 0, &st);
    assert_int_equal(st.articles, 2);
    char q[128];
    snprintf(q, sizeof q, "SELECT undated FROM article_cluster WHERE article=%lld",
             (long long)undated);
    assert_int_equal(count_rows(f, q), 1);

    lines l = {0};
    sl_error err = {0};
    assert_int_equal(sl_store_stories(s, 0, 0, collect_line, &l, &err), SL_OK);
    assert_true(l.n >= 1);
    /* The storyline holding the undated article: listed last, no days
     * unless a dated article joined it. */
    seen v = {0};
    int64_t last = l.row[l.n - 1].id;
    assert_int_equal(sl_store_story(s, SL_STORY_STORYLINE, last, collect, &v, &err), SL_OK);
    int found = 0;
    for (int i = 0; i < v.n; i++)
        if (v.kind[i] == SL_STORY_ARTICLE && v.id[i] == undated) {
            found = 1;
            assert_true(v.undated[i]);
        }
    assert_true(found);
    if (l.n == 2)
        assert_null(l.row[1].first_day);
    sl_store_close(s);
}

/* Clustering inside an open batch rides on the batch's transaction. */
static void test_cluster_in_batch(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    sl_error err = {0};
    assert_int_equal(sl_store_begin(s, &err), SL_OK);
    add(s, &strike[0]);
    sl_cluster_stats st;
    cluster_ok(s, 0, &st);
    assert_int_equal(st.articles, 1);
    assert_int_equal(sl_store_commit(s, &err), SL_OK);
    sl_store_close(s);
    assert_int_equal(count_rows(f, "SELECT count(*) FROM article_cluster"), 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_incremental_keeps_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rebuild_same_grouping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copies_folded_not_deleted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undated_marked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_synthesis_members, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cluster_in_batch, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

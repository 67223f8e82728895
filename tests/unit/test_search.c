/* test_search.c — the server's search (src/store/search.h): BM25 over the
 * newest matches, the window's counts, the plain-word rescue, snippets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storyline.h"
#include "store/search.h"
#include "util/hash.h"

typedef struct fixture {
    char dir[64];
    char db[128];
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/sl_search_XXXXXX");
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

static int64_t add(sl_store *s, const char *title, const char *text) {
    sl_article a;
    sl_block b;
    sl_sentence se;
    memset(&a, 0, sizeof a);
    a.title = title;
    a.text = text;
    a.text_len = strlen(text);
    a.outlet = "example.test";
    a.language = "en";
    snprintf(a.published, sizeof a.published, "2031-03-01");
    a.published_from = SL_DATE_META;
    a.format = SL_FORMAT_TEXT;
    b = (sl_block){SL_BLOCK_PARAGRAPH, 0, a.text_len, NULL};
    a.blocks = &b;
    a.n_blocks = 1;
    se = (sl_sentence){0, a.text_len, 0, 0, 0};
    a.sentences = &se;
    a.n_sentences = 1;
    a.prov.path = "t.txt";
    char key[600];
    snprintf(key, sizeof key, "%s\n%s", title, text);
    sl_hash128(key, strlen(key), a.hash);
    int64_t id = 0;
    sl_error err = {0};
    if (sl_store_add(s, &a, &id, NULL, &err) != SL_OK)
        fail_msg("add: %s", err.msg);
    return id;
}

typedef struct hits {
    int n;
    int64_t ids[300];
    double rank[300];
    char snippets[4][256];
} hits;

static int collect(void *ud, const sl_search_hit *h) {
    hits *r = ud;
    if (r->n < 4)
        snprintf(r->snippets[r->n], sizeof r->snippets[0], "%s", h->snippet);
    r->rank[r->n] = h->rank;
    r->ids[r->n++] = h->id;
    return 0;
}

static sl_store *open_ok(const fixture *f) {
    sl_store *s = NULL;
    sl_error err = {0};
    if (sl_store_open(f->db, &s, &err) != SL_OK)
        fail_msg("open: %s", err.msg);
    return s;
}

static void title_match_outranks_body_only(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    /* The body-only match is newer, so rowid order alone would put it first. */
    int64_t in_title = add(s, "Lighthouse keeper retires",
                           "After forty years at Gull Point the keeper handed over the keys. "
                           "The lighthouse will be automated.");
    int64_t in_body = add(s, "Harbour news",
                          "The council met on Monday. Repairs to the lighthouse were approved, "
                          "along with new moorings and a budget for dredging the channel.");
    add(s, "Weather", "Rain all week on the coast, and wind on Thursday.");
    hits r = {0};
    sl_search_stats st;
    sl_error err = {0};
    assert_int_equal(sl_store_search_recent(s, "lighthouse", 10, collect, &r, &st, &err), SL_OK);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.ids[0], in_title);
    assert_int_equal(r.ids[1], in_body);
    assert_true(r.rank[0] > r.rank[1] && r.rank[1] > 0);
    assert_int_equal(st.ranked_over, 2);
    assert_int_equal(st.total_estimate, 2);
    assert_true(st.exact);
    assert_non_null(strstr(r.snippets[1], "[lighthouse]"));
    /* Plain words FTS5 cannot parse are searched as phrases; bad syntax
     * is an error; diacritics are folded. */
    memset(&r, 0, sizeof r);
    assert_int_equal(sl_store_search_recent(s, "Gull-Point", 10, collect, &r, NULL, &err), SL_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(sl_store_search_recent(s, "\"open", 10, collect, &r, NULL, &err),
                     SL_ERR_ARG);
    memset(&r, 0, sizeof r);
    assert_int_equal(sl_store_search_recent(s, "ligh* NOT keeper", 10, collect, &r, NULL, &err),
                     SL_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.ids[0], in_body);
    sl_store_close(s);
}

static void window_holds_the_newest_matches(void **state) {
    fixture *f = *state;
    sl_store *s = open_ok(f);
    assert_int_equal(sl_store_begin(s, NULL), SL_OK);
    int64_t last = 0;
    for (int i = 0; i < 400; i++) {
        char title[64], text[128];
        snprintf(title, sizeof title, "Tide table %d", i);
        snprintf(text, sizeof text, "High tide number %d at the pier%s.", i,
                 i % 2 ? " and the beacon" : "");
        last = add(s, title, text);
    }
    assert_int_equal(sl_store_commit(s, NULL), SL_OK);
    hits r = {0};
    sl_search_stats st;
    sl_error err = {0};
    assert_int_equal(sl_store_search_recent(s, "tide", 300, collect, &r, &st, &err), SL_OK);
    assert_int_equal(st.ranked_over, SL_SEARCH_WINDOW);
    assert_int_equal(r.n, SL_SEARCH_WINDOW);
    assert_false(st.exact);
    assert_true(st.total_estimate >= 380 && st.total_estimate <= 420);
    for (int i = 0; i < r.n; i++)
        assert_true(r.ids[i] > last - SL_SEARCH_WINDOW);
    memset(&r, 0, sizeof r);
    assert_int_equal(sl_store_search_recent(s, "beacon", 5, collect, &r, &st, &err), SL_OK);
    assert_int_equal(r.n, 5);
    assert_true(st.total_estimate >= 180 && st.total_estimate <= 220);
    sl_store_close(s);
}

static void snippets_mark_query_words(void **state) {
    (void)state;
    sl_snip_terms t;
    sl_snip_terms_parse(&t, "\"talks in\" AND ferr* NOT strike title:Bay");
    assert_int_equal(t.n, 4); /* talks, in, ferr*, bay; strike is negated */
    char out[256];
    const char *text = "Before anything else. The strike went on as the ferry crews\n\nwaited for "
                       "talks in Marrow Bay’s town hall, and nothing else happened for days "
                       "and days and days and days.";
    sl_snip(text, strlen(text), &t, -1, out, sizeof out);
    assert_non_null(strstr(out, "[ferry]"));
    assert_non_null(strstr(out, "[talks] [in]"));
    assert_non_null(strstr(out, "[Bay]’s"));
    assert_null(strstr(out, "[strike]"));
    assert_null(strstr(out, "\n"));
    assert_true(strncmp(out, "...", 3) == 0);
    char hinted[256]; /* FTS5's offset of "ferry" (word 9) gives the same window */
    sl_snip(text, strlen(text), &t, 9, hinted, sizeof hinted);
    assert_non_null(strstr(hinted, "[ferry]"));
    sl_snip(text, strlen(text), &t, 40, hinted, sizeof hinted); /* a wrong hint: scanned */
    assert_non_null(strstr(hinted, "[ferry]"));
    sl_snip_terms_parse(&t, "cafe");
    sl_snip("Le Café", 8, &t, -1, out, sizeof out);
    assert_string_equal(out, "Le [Café]");
    sl_snip("", 0, &t, -1, out, sizeof out);
    assert_string_equal(out, "");
    sl_snip("tiny café text", 15, &t, -1, out, 16); /* cut at a word, never inside one */
    assert_true(strlen(out) < 16);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(title_match_outranks_body_only, setup, teardown),
        cmocka_unit_test_setup_teardown(window_holds_the_newest_matches, setup, teardown),
        cmocka_unit_test(snippets_mark_query_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

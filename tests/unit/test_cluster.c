/* Unit tests for cluster/: events, storylines, copies, state, bad input.
 * The articles are invented (the Marrow Bay ferry strike and unrelated
 * stories); the seeds test reads ../shared and skips when it is absent. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/cluster.h"
#include "cluster/stopwords.h"
#include "storyline.h"

static const char *STRIKE_A =
    "Ferry crews in Marrow Bay walked off the job on Monday, stranding commuters at the "
    "harbour terminal. The deckhands union said the strike over pay and rest periods would "
    "continue until the ferry company returned to talks. Harbour minister Ilse Vandermeer "
    "urged both sides to resume negotiations.";
static const char *STRIKE_B =
    "Commuters crowded the Marrow Bay harbour terminal as the ferry strike entered its "
    "second day. Union leaders for the deckhands said crews want higher pay and longer rest "
    "periods; the ferry company called the walkout unlawful. Minister van der Meer asked for "
    "negotiations to resume.";
static const char *STRIKE_TALKS =
    "Talks between the Marrow Bay ferry company and the deckhands union resumed at the "
    "harbour office after the strike that stranded commuters last week. The union said pay "
    "and rest periods remain the sticking points of the ferry dispute; minister Vandermeer "
    "chaired the negotiations.";
static const char *BAKERY =
    "The annual bread festival in the hill village of Orrin drew bakers from twelve valleys. "
    "Judges awarded the golden loaf to a rye sourdough baked in a wood oven, and children "
    "queued for honey buns at the market square.";
static const char *ES_A =
    "Los pescadores del puerto de Villaluz iniciaron una huelga por el precio del gasoil. "
    "La cofradía de pescadores pide ayudas al gobierno regional para mantener la flota.";
static const char *ES_B =
    "La huelga de los pescadores de Villaluz continúa: la cofradía exige ayudas por el "
    "precio del gasoil y el gobierno regional promete una reunión con la flota.";

static sl_clusterer *new_clusterer(void) {
    sl_clusterer *c = NULL;
    sl_error err = {0};
    assert_int_equal(sl_clusterer_new(NULL, &c, &err), SL_OK);
    return c;
}

static sl_cluster_result add(sl_clusterer *c, uint64_t key, const char *title, const char *text,
                             const char *date, const char *lang) {
    sl_cluster_input in = {title, title ? strlen(title) : 0, text, text ? strlen(text) : 0,
                           sl_day_from_iso(date), lang};
    sl_cluster_result r;
    sl_error err = {0};
    assert_int_equal(sl_clusterer_add(c, key, &in, &r, &err), SL_OK);
    assert_true(r.event > 0 && r.storyline > 0);
    return r;
}

static void same_happening_is_one_event_other_topic_is_not(void **state) {
    (void)state;
    sl_clusterer *c = new_clusterer();
    sl_cluster_result a = add(c, 1, "Ferry strike strands Marrow Bay commuters", STRIKE_A,
                              "2031-03-14", "en");
    sl_cluster_result b = add(c, 2, "Marrow Bay ferry strike enters second day", STRIKE_B,
                              "2031-03-15", "en");
    sl_cluster_result x = add(c, 3, "Orrin bread festival", BAKERY, "2031-03-15", "en");
    assert_true(a.new_event && a.new_storyline);
    assert_int_equal(b.event, a.event);
    assert_false(b.new_event);
    assert_true(b.similarity > 0);
    assert_int_not_equal(x.event, a.event);
    assert_int_not_equal(x.storyline, a.storyline);
    sl_clusterer_free(c);
}

static void follow_up_weeks_later_is_a_new_event_of_the_storyline(void **state) {
    (void)state;
    sl_clusterer *c = new_clusterer();
    sl_cluster_result a = add(c, 1, "Ferry strike strands Marrow Bay commuters", STRIKE_A,
                              "2031-03-14", "en");
    add(c, 2, "Marrow Bay ferry strike enters second day", STRIKE_B, "2031-03-15", "en");
    sl_cluster_result t = add(c, 3, "Ferry talks resume in Marrow Bay", STRIKE_TALKS,
                              "2031-03-29", "en");
    assert_int_not_equal(t.event, a.event);
    assert_true(t.new_event);
    assert_int_equal(t.storyline, a.storyline);
    char terms[256];
    sl_clusterer_link_terms(c, t.event, terms, sizeof terms);
    assert_non_null(strstr(terms, "ferri")); /* the evidence names shared stems */
    sl_clusterer_free(c);
}

static void undated_article_is_placed_by_content(void **state) {
    (void)state;
    sl_clusterer *c = new_clusterer();
    sl_cluster_result a = add(c, 1, "Ferry strike strands Marrow Bay commuters", STRIKE_A,
                              "2031-03-14", "en");
    add(c, 2, "Orrin bread festival", BAKERY, "2031-03-14", "en");
    sl_cluster_result u = add(c, 3, "Marrow Bay ferry strike enters second day", STRIKE_B,
                              NULL, "en");
    assert_int_equal(u.event, a.event);
    sl_clusterer_free(c);
}

static void empty_and_huge_articles_are_handled(void **state) {
    (void)state;
    sl_clusterer *c = new_clusterer();
    sl_cluster_result e = add(c, 1, "", "", "2031-03-14", "en");
    sl_cluster_result n = add(c, 2, NULL, NULL, NULL, NULL);
    assert_true(e.new_event);
    assert_true(n.new_event); /* nothing to compare: never glued to another */
    size_t big = 16u << 20;
    char *huge = malloc(big + 1);
    assert_non_null(huge);
    for (size_t i = 0; i < big; i++)
        huge[i] = "ferry strike harbour "[i % 21];
    huge[big] = 0;
    add(c, 3, "A very long page", huge, "2031-03-14", "en");
    free(huge);
    sl_clusterer_free(c);
}

static void burst_of_copies_lands_in_one_event(void **state) {
    (void)state;
    sl_clusterer *c = new_clusterer();
    sl_cluster_result first = add(c, 1, "Ferry strike", STRIKE_A, "2031-03-14", "en");
    size_t mem = 0;
    for (uint64_t k = 2; k <= 10001; k++) {
        sl_cluster_result r = add(c, k, "Ferry strike", STRIKE_A, "2031-03-14", "en");
        assert_int_equal(r.event, first.event);
        assert_int_equal(r.dup_kind, SL_DUP_EXACT);
        assert_int_equal(r.duplicate_of, 1);
        if (k == 2)
            mem = sl_clusterer_memory(c);
    }
    assert_int_equal(sl_clusterer_memory(c), mem); /* copies add no state */
    sl_clusterer_free(c);
}

static void other_languages_cluster_by_their_own_words(void **state) {
    (void)state;
    sl_clusterer *c = new_clusterer();
    sl_cluster_result a = add(c, 1, "Huelga de pescadores en Villaluz", ES_A, "2031-05-02", "es");
    add(c, 2, "Orrin bread festival", BAKERY, "2031-05-02", "en");
    sl_cluster_result b = add(c, 3, "Sigue la huelga en Villaluz", ES_B, "2031-05-03", "es");
    assert_int_equal(b.event, a.event);
    sl_clusterer_free(c);
}

static void saved_state_continues_the_same_stream(void **state) {
    (void)state;
    sl_error err = {0};
    sl_clusterer *c = new_clusterer();
    add(c, 1, "Ferry strike strands Marrow Bay commuters", STRIKE_A, "2031-03-14", "en");
    add(c, 2, "Orrin bread festival", BAKERY, "2031-03-14", "en");
    unsigned char *blob;
    size_t n;
    assert_int_equal(sl_clusterer_save(c, &blob, &n, &err), SL_OK);
    sl_clusterer *d = NULL;
    assert_int_equal(sl_clusterer_load(blob, n, &d, &err), SL_OK);
    sl_cluster_result r1 = add(c, 3, "Marrow Bay ferry strike enters second day", STRIKE_B,
                               "2031-03-15", "en");
    sl_cluster_result r2 = add(d, 3, "Marrow Bay ferry strike enters second day", STRIKE_B,
                               "2031-03-15", "en");
    assert_int_equal(r1.event, r2.event);
    assert_int_equal(r1.storyline, r2.storyline);
    assert_true(r1.similarity == r2.similarity);
    sl_cluster_result n1 = add(c, 4, "Orrin", "Something else entirely about tides", NULL, "en");
    sl_cluster_result n2 = add(d, 4, "Orrin", "Something else entirely about tides", NULL, "en");
    assert_int_equal(n1.event, n2.event); /* new ids continue from the same counter */
    /* A damaged blob is an error, never a crash. */
    blob[n / 2] ^= 0x5a;
    sl_clusterer *bad = NULL;
    assert_int_not_equal(sl_clusterer_load(blob, n, &bad, &err), SL_OK);
    assert_null(bad);
    assert_int_not_equal(sl_clusterer_load(blob, 5, &bad, &err), SL_OK);
    free(blob);
    sl_clusterer_free(c);
    sl_clusterer_free(d);
}

static void days_and_options(void **state) {
    (void)state;
    assert_int_equal(sl_day_from_iso("1970-01-01"), 0);
    assert_int_equal(sl_day_from_iso("2021-12-30T10:00:00Z"), 18991);
    assert_int_equal(sl_day_from_iso("2000-03-01"), 11017);
    assert_int_equal(sl_day_from_iso("not a date"), SL_NO_DAY);
    assert_int_equal(sl_day_from_iso(NULL), SL_NO_DAY);
    sl_cluster_options o;
    sl_cluster_options_default(&o);
    o.event_threshold = 2;
    sl_clusterer *c = NULL;
    sl_error err = {0};
    assert_int_equal(sl_clusterer_new(&o, &c, &err), SL_ERR_ARG);
    assert_null(c);
    assert_true(sl_stopword("the", 3));
    assert_false(sl_stopword("ferry", 5));
    assert_false(sl_stopword("th", 2));
}

static void open_events_are_bounded(void **state) {
    (void)state;
    sl_cluster_options o;
    sl_cluster_options_default(&o);
    o.max_open_events = 8;
    o.max_open_storylines = 4;
    sl_clusterer *c = NULL;
    sl_error err = {0};
    assert_int_equal(sl_clusterer_new(&o, &c, &err), SL_OK);
    char text[128];
    for (int i = 0; i < 200; i++) {
        snprintf(text, sizeof text, "zq%dx unique%dword topic%dterm", i, i, i);
        add(c, (uint64_t)i + 1, NULL, text, "2031-01-01", "en");
    }
    assert_true(c->n_events <= 8 && c->n_stories <= 4);
    sl_clusterer_free(c);
}

/* A unit vector over the given terms, equal weights. */
static void make_vec(sl_tvec *v, const uint64_t *terms, uint32_t n) {
    assert_int_equal(sl_tvec_reserve(v, n), 0);
    for (uint32_t i = 0; i < n; i++) {
        v->term[i] = terms[i];
        v->w[i] = 1.0f / sqrtf((float)n);
    }
    v->n = n;
}

static int has_term(const sl_tvec *v, uint64_t t) {
    for (uint32_t i = 0; i < v->n; i++)
        if (v->term[i] == t)
            return 1;
    return 0;
}

static void articles_borrow_words_of_close_recent_articles_only(void **state) {
    (void)state;
    sl_expander *x = sl_expander_new();
    assert_non_null(x);
    sl_tvec v = {0};
    const uint64_t strike[] = {11, 13, 15, 17}, bakery[] = {101, 103, 105};
    const uint64_t query[] = {11, 13, 19};
    make_vec(&v, strike, 4);
    sl_expander_add(x, &v);
    make_vec(&v, bakery, 3);
    sl_expander_add(x, &v);
    make_vec(&v, query, 3);
    assert_int_equal(sl_expander_expand(x, &v, 64), 0);
    assert_true(has_term(&v, 15) && has_term(&v, 17) && has_term(&v, 19));
    assert_false(has_term(&v, 101));
    assert_true(fabsf(sl_tvec_norm(&v) - 1.0f) < 1e-4f);
    for (uint32_t i = 1; i < v.n; i++)
        assert_true(v.term[i - 1] < v.term[i]); /* still sorted for merges */
    make_vec(&v, query, 3);
    assert_int_equal(sl_expander_expand(x, &v, 3), 0);
    assert_int_equal(v.n, 3); /* cut back to the strongest terms */
    assert_true(has_term(&v, 11) && has_term(&v, 13));
    /* The ring forgets: after many unrelated articles nothing is borrowed. */
    for (uint64_t i = 0; i < 5000; i++) {
        const uint64_t other[] = {1000 + 2 * i, 1001 + 2 * i};
        make_vec(&v, other, 2);
        sl_expander_add(x, &v);
    }
    make_vec(&v, query, 3);
    assert_int_equal(sl_expander_expand(x, &v, 64), 0);
    assert_int_equal(v.n, 3);
    assert_false(has_term(&v, 15));
    sl_tvec_free(&v);
    sl_expander_free(x);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_happening_is_one_event_other_topic_is_not),
        cmocka_unit_test(follow_up_weeks_later_is_a_new_event_of_the_storyline),
        cmocka_unit_test(undated_article_is_placed_by_content),
        cmocka_unit_test(empty_and_huge_articles_are_handled),
        cmocka_unit_test(burst_of_copies_lands_in_one_event),
        cmocka_unit_test(other_languages_cluster_by_their_own_words),
        cmocka_unit_test(saved_state_continues_the_same_stream),
        cmocka_unit_test(days_and_options),
        cmocka_unit_test(open_events_are_bounded),
        cmocka_unit_test(articles_borrow_words_of_close_recent_articles_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

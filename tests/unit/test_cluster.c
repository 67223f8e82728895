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
    assert_non_null(strstr(terms, "ferry")); /* the evidence names shared words as written */
    assert_null(strstr(terms, "ferri"));   /* not their stems */
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
    /* A damaged blob is an error, never a crash, unless the damage decodes
     * to the same state (a back-reference moved within a run of zeros of
     * the DF table): then the stream goes on as before. */
    sl_clusterer *bad = NULL;
    int errors = 0;
    for (size_t i = 8; i < n; i += 997) {
        blob[i] ^= 0x5a;
        if (sl_clusterer_load(blob, n, &bad, &err) == SL_OK) {
            sl_cluster_result b = add(bad, 4, "Orrin", "Something else entirely about tides", NULL,
                                      "en");
            assert_int_equal(b.event, n1.event);
            sl_clusterer_free(bad);
            bad = NULL;
        } else
            errors++;
        blob[i] ^= 0x5a;
    }
    assert_true(errors > 0);
    blob[n - 1] ^= 0x5a; /* the checksum */
    assert_int_not_equal(sl_clusterer_load(blob, n, &bad, &err), SL_OK);
    assert_null(bad);
    assert_int_not_equal(sl_clusterer_load(blob, 5, &bad, &err), SL_OK);
    free(blob);
    sl_clusterer_free(c);
    sl_clusterer_free(d);
}

/* An undated report of "a call on Tuesday" is not the event of a call that
 * every dated report puts on a Thursday: same story, another event. A
 * report naming no weekday joins it by its words. */
static void an_undated_weekday_other_than_the_events_is_another_event(void **state) {
    (void)state;
    sl_clusterer *c = new_clusterer();
    /* 2031-03-13 is a Thursday. Each report in its own words, so that none
     * is a copy of another. */
    sl_cluster_result a = add(c, 1, "Minister phones union chief over ferry strike",
                              "The harbor minister phoned the union chief on Thursday about the "
                              "ferry strike in Marrow Bay. They spoke for an hour about crew pay "
                              "and night shifts.",
                              "2031-03-13", "en");
    sl_cluster_result b = add(c, 2, "Ferry strike: minister and union chief speak",
                              "An hour on the phone between the minister and the union chief "
                              "ended with a promise of talks on ferry crew pay, Marrow Bay "
                              "officials said.",
                              "2031-03-14", "en");
    assert_int_equal(b.event, a.event);
    sl_cluster_result tue = add(c, 3, "Minister and union chief in video call",
                                "Marrow Bay's harbor minister held a video call with the union "
                                "chief on Tuesday as the ferry strike loomed; crew pay and night "
                                "shifts were on the agenda.",
                                NULL, "en");
    assert_int_not_equal(tue.event, a.event);
    assert_int_equal(tue.storyline, a.storyline);
    sl_cluster_result none = add(c, 4, "Union chief and minister talk ferry pay",
                                 "The union chief said the call with the harbor minister about "
                                 "ferry crew pay and night shifts in Marrow Bay lasted an hour.",
                                 NULL, "en");
    assert_int_equal(none.event, a.event);
    sl_clusterer_free(c);
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

/* A vector keeps its k heaviest terms, and among terms of equal weight at
 * the cut the smallest (hashes): a text of 150 words met once and 10 met
 * three times, all new (equal document frequencies), keeps the 10 and the
 * 54 smallest of the rest, as the whole vector ranked by hand says. */
typedef struct ranked {
    uint64_t term;
    float w;
} ranked;

static int heavier_then_smaller(const void *a, const void *b) {
    const ranked *x = a, *y = b;
    if (x->w != y->w)
        return x->w > y->w ? -1 : 1;
    return (x->term > y->term) - (x->term < y->term);
}

static int by_term(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void top_terms_are_the_heaviest_then_the_smallest(void **state) {
    (void)state;
    static const char cons[] = "bcdfghjkmnpqrtvwxz";
    char text[4096];
    size_t n = 0;
    for (int i = 0; i < 160; i++) {
        char word[8] = {'k', 'z', cons[i % 18], cons[i / 18 % 18], cons[(i * 7) % 18], 0};
        for (int r = 0; r < (i < 10 ? 3 : 1); r++) {
            memcpy(text + n, word, 5);
            n += 5;
            text[n++] = ' ';
        }
    }
    sl_termer *ta = sl_termer_new(), *tb = sl_termer_new();
    sl_df da, db;
    assert_true(ta && tb && sl_df_init(&da) == 0 && sl_df_init(&db) == 0);
    sl_tvec all = {0}, top = {0};
    assert_int_equal(sl_termer_vector(ta, &da, "en", NULL, 0, text, n, 1000, &all), 0);
    assert_int_equal(sl_termer_vector(tb, &db, "en", NULL, 0, text, n, 64, &top), 0);
    assert_true(all.n > 64);
    assert_int_equal(top.n, 64);
    ranked r[256];
    for (uint32_t i = 0; i < all.n; i++)
        r[i] = (ranked){all.term[i], all.w[i]};
    qsort(r, all.n, sizeof *r, heavier_then_smaller);
    uint64_t want[64];
    for (int i = 0; i < 64; i++)
        want[i] = r[i].term;
    qsort(want, 64, sizeof *want, by_term);
    assert_memory_equal(top.term, want, sizeof want);
    sl_tvec_free(&all);
    sl_tvec_free(&top);
    sl_df_free(&da);
    sl_df_free(&db);
    sl_termer_free(ta);
    sl_termer_free(tb);
}

/* Vectorizing from the copy detector's words (one read of the text) gives
 * the vector the term reader's own scan gives, bit for bit: accents, curly
 * quotes, digits, words over the 64-byte cap (one with a non-ASCII letter
 * at the cap), format characters (the text then falls back to a scan). */
static void vectors_from_read_words_equal_own_scan(void **state) {
    (void)state;
    static char big[70000];
    for (size_t i = 0; i < sizeof big - 1; i++)
        big[i] = "ferry strike harbour "[i % 21];
    big[sizeof big - 1] = 0;
    char longw[200];
    memset(longw, 'a', 63);
    memcpy(longw + 63, " ", 1);
    memset(longw + 64, 'b', 61);
    memcpy(longw + 125, "\xC3\xA9 ", 3);
    memset(longw + 128, 'c', 70);
    longw[198] = 0;
    const char *texts[] = {
        "Ferry crews in Marrow Bay walked off the job on Tuesday, 2021 pay 4x4 talks.",
        "Caf\xC3\xA9 owners in Z\xC3\xBCrich said \xE2\x80\x9Cno\xE2\x80\x9D to the "
        "STRASSE plan \xE2\x80\x94 \xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 too.",
        longw,
        "soft\xC2\xADhyphen and \xE2\x85\xAB twelve, \xC2\xBD half",
        "",
        big,
    };
    sl_termer *ta = sl_termer_new(), *tb = sl_termer_new();
    sl_df da, db;
    assert_true(ta && tb && sl_df_init(&da) == 0 && sl_df_init(&db) == 0);
    sl_tvec va = {0}, vb = {0};
    sl_word *w = NULL;
    size_t cap = 0;
    for (int round = 0; round < 2; round++) /* the second meets the word cache */
        for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
            size_t len = strlen(texts[i]);
            int odd;
            size_t n = sl_words_read(texts[i], len, &w, &cap, &odd);
            assert_true(n != SIZE_MAX);
            const char *lang = i == 1 ? "de" : "en";
            assert_int_equal(sl_termer_vector(ta, &da, lang, "Harbour strike", 14, texts[i], len,
                                              64, &va), 0);
            assert_int_equal(sl_termer_vector_words(tb, &db, lang, "Harbour strike", 14,
                                                    texts[i], len, w, n, odd, 64, &vb), 0);
            assert_int_equal(va.n, vb.n);
            assert_memory_equal(va.term, vb.term, va.n * sizeof *va.term);
            assert_memory_equal(va.w, vb.w, va.n * sizeof *va.w);
        }
    free(w);
    sl_tvec_free(&va);
    sl_tvec_free(&vb);
    sl_df_free(&da);
    sl_df_free(&db);
    sl_termer_free(ta);
    sl_termer_free(tb);
}

/* The term index gives the dot products a merge gives, through adds,
 * weight changes, terms leaving and handles released and reused. */
static void term_index_dots_equal_merged_dots(void **state) {
    (void)state;
    enum { N = 40, T = 300 };
    sl_tindex *x = sl_tindex_new();
    assert_non_null(x);
    sl_tvec cur[N], old = {0}, doc = {0};
    uint32_t h[N];
    int open[N] = {0};
    memset(cur, 0, sizeof cur);
    uint64_t r = 12345;
    for (int step = 0; step < 2000; step++) {
        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        uint32_t i = (uint32_t)(r >> 33) % N;
        if (open[i] && (r >> 20) % 7 == 0) { /* close it */
            sl_tindex_release(x, h[i], &cur[i]);
            open[i] = 0;
            continue;
        }
        if (!open[i]) {
            assert_int_equal(sl_tindex_handle(x, &h[i]), 0);
            sl_tindex_set_slot(x, h[i], i);
            cur[i].n = 0;
            open[i] = 1;
        }
        /* a new sum: some terms kept (some reweighted), some new */
        assert_int_equal(sl_tvec_reserve(&old, cur[i].n + 1), 0);
        if (cur[i].n) {
            memcpy(old.term, cur[i].term, cur[i].n * sizeof *old.term);
            memcpy(old.w, cur[i].w, cur[i].n * sizeof *old.w);
        }
        old.n = cur[i].n;
        assert_int_equal(sl_tvec_reserve(&cur[i], T), 0);
        uint32_t n = 0;
        for (uint64_t t = 1; t <= T; t++) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            if ((r >> 40) % 5 == 0) {
                cur[i].term[n] = t * 0x9E3779B97F4A7C15ULL;
                cur[i].w[n++] = (float)((r >> 33) % 100 + 1) / 100.0f;
            }
        }
        cur[i].n = n;
        /* sorted by term, as sums are */
        for (uint32_t a = 1; a < n; a++)
            for (uint32_t b = a; b > 0 && cur[i].term[b - 1] > cur[i].term[b]; b--) {
                uint64_t tt = cur[i].term[b];
                float tw = cur[i].w[b];
                cur[i].term[b] = cur[i].term[b - 1];
                cur[i].w[b] = cur[i].w[b - 1];
                cur[i].term[b - 1] = tt;
                cur[i].w[b - 1] = tw;
            }
        assert_int_equal(sl_tindex_sync(x, h[i], &old, &cur[i]), 0);
        if (step % 50 == 0) { /* a query: every open sum's dot, none else */
            make_vec(&doc, cur[(i + 1) % N].term, cur[(i + 1) % N].n < 64 ? cur[(i + 1) % N].n : 64);
            const uint32_t *hs;
            const float *dots;
            uint32_t m = sl_tindex_dots(x, &doc, &hs, &dots), seen = 0;
            for (uint32_t k = 0; k < m; k++) {
                uint32_t j = sl_tindex_slot(x, hs[k]);
                assert_true(open[j] && h[j] == hs[k]);
                assert_true(dots[k] == sl_tvec_dot(&doc, &cur[j]));
            }
            for (uint32_t j = 0; j < N; j++)
                seen += open[j] && sl_tvec_dot(&doc, &cur[j]) > 0;
            assert_int_equal(seen, m);
        }
    }
    for (uint32_t j = 0; j < N; j++)
        sl_tvec_free(&cur[j]);
    sl_tvec_free(&old);
    sl_tvec_free(&doc);
    sl_tindex_free(x);
}

/* A centroid's merge with an article (sl_tindex_merge) gives the sum a
 * branching merge gives and sl_tvec_norm's squares, to the bit, and its
 * noted changes (sl_tindex_commit) leave the postings a sync leaves:
 * two indexes, one kept by each, answer every query alike. */
static void term_index_merge_commit_equals_sync(void **state) {
    (void)state;
    enum { N = 24, T = 400 };
    sl_tindex *x = sl_tindex_new(), *y = sl_tindex_new();
    assert_non_null(x);
    assert_non_null(y);
    sl_tvec sum[N], doc = {0}, merged = {0}, ref = {0}, q = {0};
    uint32_t hx[N], hy[N];
    int open[N] = {0};
    memset(sum, 0, sizeof sum);
    uint64_t r = 777;
    for (int step = 0; step < 3000; step++) {
        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        uint32_t i = (uint32_t)(r >> 33) % N;
        if (open[i] && (r >> 20) % 11 == 0) {
            sl_tindex_release(x, hx[i], &sum[i]);
            sl_tindex_release(y, hy[i], &sum[i]);
            open[i] = 0;
            continue;
        }
        if (!open[i]) {
            assert_int_equal(sl_tindex_handle(x, &hx[i]), 0);
            assert_int_equal(sl_tindex_handle(y, &hy[i]), 0);
            sl_tindex_set_slot(x, hx[i], i);
            sl_tindex_set_slot(y, hy[i], i);
            sum[i].n = 0;
            open[i] = 1;
        }
        /* an article: distinct terms in order, some the sum's, some not */
        assert_int_equal(sl_tvec_reserve(&doc, T), 0);
        doc.n = 0;
        for (uint64_t t = 1; t <= T; t++) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            if ((r >> 40) % 9 == 0) {
                doc.term[doc.n] = t * 0x9E3779B97F4A7C15ULL;
                /* tiny weights too: a sum plus one may equal the sum */
                doc.w[doc.n++] = (r >> 30) % 13 == 0 ? 1e-9f : (float)((r >> 33) % 97 + 1) / 97.0f;
            }
        }
        for (uint32_t a = 1; a < doc.n; a++) /* by term */
            for (uint32_t b = a; b > 0 && doc.term[b - 1] > doc.term[b]; b--) {
                uint64_t tt = doc.term[b];
                float tw = doc.w[b];
                doc.term[b] = doc.term[b - 1];
                doc.w[b] = doc.w[b - 1];
                doc.term[b - 1] = tt;
                doc.w[b - 1] = tw;
            }
        /* the reference: a branching merge, and its norm */
        assert_int_equal(sl_tvec_reserve(&ref, sum[i].n + doc.n + 1), 0);
        uint32_t a = 0, b = 0;
        ref.n = 0;
        while (a < sum[i].n || b < doc.n) {
            if (b >= doc.n || (a < sum[i].n && sum[i].term[a] < doc.term[b])) {
                ref.term[ref.n] = sum[i].term[a];
                ref.w[ref.n++] = sum[i].w[a++];
            } else if (a >= sum[i].n || doc.term[b] < sum[i].term[a]) {
                ref.term[ref.n] = doc.term[b];
                ref.w[ref.n++] = doc.w[b++];
            } else {
                ref.term[ref.n] = sum[i].term[a];
                ref.w[ref.n++] = sum[i].w[a++] + doc.w[b++];
            }
        }
        assert_int_equal(sl_tvec_reserve(&merged, sum[i].n + doc.n + 1), 0);
        float sq;
        merged.n = sl_tindex_merge(y, &sum[i], &doc, merged.term, merged.w, &sq);
        assert_int_equal(merged.n, ref.n);
        assert_memory_equal(merged.term, ref.term, ref.n * sizeof *ref.term);
        assert_memory_equal(merged.w, ref.w, ref.n * sizeof *ref.w);
        float norm = sqrtf(sq), want = sl_tvec_norm(&ref);
        assert_memory_equal(&norm, &want, sizeof norm);
        assert_int_equal(sl_tindex_commit(y, hy[i]), 0);
        assert_int_equal(sl_tindex_sync(x, hx[i], &sum[i], &ref), 0);
        sl_tvec t = sum[i];
        sum[i] = ref;
        ref = t;
        if (step % 25 == 0) { /* a query: both indexes answer alike */
            make_vec(&q, sum[(i + 1) % N].term, sum[(i + 1) % N].n < 64 ? sum[(i + 1) % N].n : 64);
            const uint32_t *hs;
            const float *dots;
            uint32_t m = sl_tindex_dots(x, &q, &hs, &dots);
            float dx[N];
            int in_x[N] = {0};
            for (uint32_t k = 0; k < m; k++) {
                uint32_t j = sl_tindex_slot(x, hs[k]);
                dx[j] = dots[k];
                in_x[j] = 1;
            }
            uint32_t my = sl_tindex_dots(y, &q, &hs, &dots);
            assert_int_equal(my, m);
            for (uint32_t k = 0; k < my; k++) {
                uint32_t j = sl_tindex_slot(y, hs[k]);
                assert_true(in_x[j] && open[j]);
                assert_memory_equal(&dots[k], &dx[j], sizeof dx[j]);
            }
        }
    }
    for (uint32_t j = 0; j < N; j++)
        sl_tvec_free(&sum[j]);
    sl_tvec_free(&doc);
    sl_tvec_free(&merged);
    sl_tvec_free(&ref);
    sl_tvec_free(&q);
    sl_tindex_free(x);
    sl_tindex_free(y);
}

/* An article whose terms all share one bucket of the expansion index (a
 * full bucket is squeezed while the article is being added) is still
 * found whole by the next one: its own postings are live. */
static void expansion_keeps_an_article_filling_one_bucket(void **state) {
    (void)state;
    sl_expander *x = sl_expander_new();
    assert_non_null(x);
    sl_tvec v = {0};
    uint64_t terms[64];
    for (uint64_t i = 0; i < 64; i++)
        terms[i] = (0x2aULL << 40) | (i + 1); /* same bits 40.. : one bucket */
    for (int round = 0; round < 3; round++) { /* fills, squeezes, reuses */
        make_vec(&v, terms, 64);
        assert_int_equal(sl_expander_add(x, &v), 0);
    }
    make_vec(&v, terms, 3);
    assert_int_equal(sl_expander_expand(x, &v, 64), 0);
    assert_true(has_term(&v, terms[40]) && has_term(&v, terms[63]));
    sl_tvec_free(&v);
    sl_expander_free(x);
}

/* An article that shares words with the live event of one story but says
 * more of another storyline's is that storyline's news: the cable car
 * inquiry's report, published while a tunnel fire is the event of the
 * week, is a new event of the cable car story. */
static void an_event_is_joined_only_by_news_of_its_own_storyline(void **state) {
    (void)state;
    static const char *CABLE_A =
        "A cable car of the Orrin mountain lift fell forty metres after its haul rope "
        "snapped, killing six skiers. The lift operator closed the cable car line and "
        "investigators examined the broken rope and the cabin wreck below the summit "
        "station.";
    static const char *CABLE_B =
        "Investigators at the Orrin mountain lift said the haul rope of the cable car had "
        "worn through at a clamp. Families of the six skiers killed in the cabin gathered "
        "at the summit station as the lift operator kept the cable car line closed.";
    static const char *TUNNEL_A =
        "Fire broke out in a freight train inside the Kettlewick rail tunnel, and smoke "
        "trapped two drivers for hours. Firefighters reached the locomotive through the "
        "service gallery; investigators said a brake overheated on a wagon of timber.";
    static const char *TUNNEL_B =
        "The Kettlewick rail tunnel stayed shut as firefighters cooled the burnt freight "
        "wagons. Investigators said the overheated brake set the timber alight; the two "
        "drivers rescued from the smoke left hospital.";
    static const char *CABLE_REPORT =
        "Investigators published their report on the Orrin cable car disaster: the haul "
        "rope that snapped and killed six skiers had worn through at a clamp the lift "
        "operator never inspected, as a brake overheated. Firefighters who rescued two "
        "drivers from smoke in the Kettlewick tunnel also reached the cabin wreck.";
    sl_clusterer *c = new_clusterer();
    sl_cluster_result a = add(c, 1, "Orrin cable car falls, six skiers killed", CABLE_A,
                              "2031-01-10", "en");
    add(c, 2, "Worn rope blamed for Orrin cable car fall", CABLE_B, "2031-01-11", "en");
    sl_cluster_result t = add(c, 3, "Freight train fire in Kettlewick tunnel", TUNNEL_A,
                              "2031-02-20", "en");
    add(c, 4, "Kettlewick tunnel shut after train fire", TUNNEL_B, "2031-02-21", "en");
    sl_cluster_result r = add(c, 5, "Orrin cable car report: rope never inspected",
                              CABLE_REPORT, "2031-02-22", "en");
    assert_int_not_equal(t.storyline, a.storyline);
    assert_int_equal(r.storyline, a.storyline);
    assert_int_not_equal(r.event, t.event);
    sl_clusterer_free(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_happening_is_one_event_other_topic_is_not),
        cmocka_unit_test(follow_up_weeks_later_is_a_new_event_of_the_storyline),
        cmocka_unit_test(an_event_is_joined_only_by_news_of_its_own_storyline),
        cmocka_unit_test(undated_article_is_placed_by_content),
        cmocka_unit_test(empty_and_huge_articles_are_handled),
        cmocka_unit_test(burst_of_copies_lands_in_one_event),
        cmocka_unit_test(other_languages_cluster_by_their_own_words),
        cmocka_unit_test(saved_state_continues_the_same_stream),
        cmocka_unit_test(an_undated_weekday_other_than_the_events_is_another_event),
        cmocka_unit_test(days_and_options),
        cmocka_unit_test(open_events_are_bounded),
        cmocka_unit_test(articles_borrow_words_of_close_recent_articles_only),
        cmocka_unit_test(vectors_from_read_words_equal_own_scan),
        cmocka_unit_test(top_terms_are_the_heaviest_then_the_smallest),
        cmocka_unit_test(expansion_keeps_an_article_filling_one_bucket),
        cmocka_unit_test(term_index_dots_equal_merged_dots),
        cmocka_unit_test(term_index_merge_commit_equals_sync),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

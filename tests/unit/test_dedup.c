/* Unit tests for dedup/: exact, near and containment verdicts on invented
 * wire copies of a ferry strike in the fictional port town of Marrow Bay. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup.h"

static const char *const P[] = {
    "Ferry crews in Marrow Bay walked off the job on Tuesday morning, stranding "
    "hundreds of commuters on both sides of the harbour as the dispute over night "
    "shift pay entered its third week.",
    "The harbour authority said the last boat left the north pier at six o'clock "
    "and that no crossings would run until the union and the operator returned "
    "to the table with a written offer.",
    "Union steward Hala Brennick told a crowd outside the ticket hall that the "
    "crews had waited long enough and that the operator had ignored three letters "
    "since the spring.",
    "The operator, Grey Gull Lines, said it had offered a four percent rise over "
    "two years and called the walkout reckless at the start of the tourist season.",
    "Shopkeepers on the quay reported empty tills by noon, and the fish market "
    "moved its morning auction to a car park on the southern shore.",
    "Schools on the island of Tamsel Rock, which depends on the ferry, told pupils "
    "to study at home until the crossings resume.",
    "A mediator from the regional labour office is expected to arrive on Thursday, "
    "according to a statement from the mayor's office.",
    "Talks broke down last month after the operator proposed merging the two "
    "evening routes, a plan the crews said would cut forty jobs.",
    "Residents queued for the single water taxi still running, paying triple the "
    "usual fare to reach the hospital on the mainland.",
    "The last strike in Marrow Bay, in the winter of the great storm, lasted nine "
    "days and ended with a pay deal brokered by the harbour master.",
};
#define NP (sizeof P / sizeof *P)

/* Paragraphs [from, to) joined by blank lines, after an optional head. */
static size_t join(char *out, size_t cap, const char *head, size_t from, size_t to) {
    size_t n = 0;
    if (head)
        n += (size_t)snprintf(out + n, cap - n, "%s", head);
    for (size_t i = from; i < to && n < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "%s%s", i > from ? "\n\n" : "", P[i]);
    return n;
}

static sl_dedup *fresh(size_t max_docs) {
    sl_dedup_options o;
    sl_dedup_options_default(&o);
    if (max_docs)
        o.max_docs = max_docs;
    sl_dedup *d = sl_dedup_new(&o);
    assert_non_null(d);
    return d;
}

static sl_dup_match add(sl_dedup *d, uint64_t key, const char *s, size_t n) {
    sl_dup_match m;
    assert_int_equal(sl_dedup_add(d, key, s, n, &m), SL_OK);
    return m;
}

static void exact_copy_ignores_whitespace_and_punctuation(void **state) {
    (void)state;
    char a[4096], b[4096];
    size_t na = join(a, sizeof a, NULL, 0, NP);
    sl_dedup *d = fresh(0);
    assert_int_equal(add(d, 1, a, na).kind, SL_DUP_NONE);
    /* Same words: guillemets, doubled spaces, no commas, curly apostrophes. */
    size_t nb = 0;
    nb += (size_t)snprintf(b, sizeof b, "\xC2\xAB ");
    for (size_t i = 0; i < na; i++) {
        if (a[i] == ',')
            continue;
        if (a[i] == '\'') {
            memcpy(b + nb, "\xE2\x80\x99", 3);
            nb += 3;
        } else if (a[i] == ' ') {
            b[nb++] = ' ';
            b[nb++] = ' ';
        } else {
            b[nb++] = a[i] == '\n' ? ' ' : a[i];
        }
    }
    memcpy(b + nb, " \xC2\xBB", 3);
    nb += 3;
    sl_dup_match m = add(d, 2, b, nb);
    assert_int_equal(m.kind, SL_DUP_EXACT);
    assert_int_equal(m.of, 1);
    assert_true(m.similarity == 1.0f);
    sl_dedup_free(d);
}

static void new_lede_and_byline_is_near(void **state) {
    (void)state;
    char a[4096], b[4096];
    size_t na = join(a, sizeof a, NULL, 0, NP);
    size_t nb = join(b, sizeof b,
                     "By Ona Pellier (Coastal Wire) \xE2\x80\x94 Commuters in Marrow Bay faced "
                     "a long wait on Tuesday as ferry workers stopped work.\n\n",
                     1, NP);
    sl_dedup *d = fresh(0);
    add(d, 10, a, na);
    sl_dup_match m = add(d, 11, b, nb);
    assert_int_equal(m.kind, SL_DUP_NEAR);
    assert_int_equal(m.of, 10);
    assert_true(m.similarity > 0.55f && m.similarity < 1.0f);
    sl_dedup_free(d);
}

static void excerpt_is_contained_and_full_after_excerpt_contains(void **state) {
    (void)state;
    char a[4096], ex[4096];
    size_t na = join(a, sizeof a, NULL, 0, NP);
    size_t ne = join(ex, sizeof ex, NULL, 2, 6); /* 4 of 10 paragraphs */
    sl_dedup *d = fresh(0);
    add(d, 1, a, na);
    sl_dup_match m = add(d, 2, ex, ne);
    assert_int_equal(m.kind, SL_DUP_CONTAINED);
    assert_int_equal(m.of, 1);
    assert_true(m.similarity >= 0.7f);
    sl_dedup_free(d);

    /* Excerpt first, the full article later. */
    d = fresh(0);
    assert_int_equal(add(d, 5, ex, ne).kind, SL_DUP_NONE);
    m = add(d, 6, a, na);
    assert_int_equal(m.kind, SL_DUP_CONTAINS);
    assert_int_equal(m.of, 5);
    sl_dedup_free(d);

    sl_dup_match c;
    assert_int_equal(sl_dedup_compare(ex, ne, a, na, &c), SL_OK);
    assert_int_equal(c.kind, SL_DUP_CONTAINED);
}

static void same_topic_sharing_a_quote_is_not_a_copy(void **state) {
    (void)state;
    const char *quote = " \"The crews had waited long enough and the operator had ignored three "
                        "letters since the spring,\" Hala Brennick said.";
    char a[4096], b[2048];
    size_t na = join(a, sizeof a, NULL, 0, 5);
    memcpy(a + na, quote, strlen(quote));
    na += strlen(quote);
    size_t nb = (size_t)snprintf(b, sizeof b,
        "Negotiators for the Marrow Bay ferry crews met the operator behind closed doors on "
        "Friday, the first meeting since the strike began. Neither side spoke to reporters "
        "after the four hour session in the old customs house.%s The regional labour office "
        "said a second round was planned for Monday and that both sides had agreed to keep "
        "the details private. Water taxi owners, meanwhile, asked the council for permission "
        "to add evening trips while the big boats stay tied up at the north pier, and a "
        "petition from island parents gathered six hundred names in a single afternoon.",
        quote);
    sl_dedup *d = fresh(0);
    add(d, 1, a, na);
    sl_dup_match m = add(d, 2, b, nb);
    assert_int_equal(m.kind, SL_DUP_NONE);
    sl_dedup_free(d);
}

static void empty_and_one_word_texts_are_no_match(void **state) {
    (void)state;
    char a[4096];
    size_t na = join(a, sizeof a, NULL, 0, NP);
    sl_dedup *d = fresh(0);
    add(d, 1, a, na);
    assert_int_equal(add(d, 2, "", 0).kind, SL_DUP_NONE);
    assert_int_equal(add(d, 3, NULL, 0).kind, SL_DUP_NONE);
    assert_int_equal(add(d, 4, " ,;  -- ", 8).kind, SL_DUP_NONE);
    assert_int_equal(add(d, 5, "ferry", 5).kind, SL_DUP_NONE);
    assert_int_equal(add(d, 6, "Marrow", 6).kind, SL_DUP_NONE);
    sl_dedup_free(d);
}

static void copy_of_a_copy_points_to_the_root(void **state) {
    (void)state;
    char a[4096], b[4096], c[4096];
    size_t na = join(a, sizeof a, NULL, 0, NP);
    size_t nb = join(b, sizeof b, "MARROW BAY (Coastal Wire) -- ", 0, NP - 1);
    size_t nc = join(c, sizeof c, "By Staff | ", 0, NP - 2);
    sl_dedup *d = fresh(0);
    add(d, 100, a, na);
    sl_dup_match m = add(d, 200, b, nb);
    assert_int_not_equal(m.kind, SL_DUP_NONE);
    assert_int_equal(m.of, 100);
    m = add(d, 300, c, nc);
    assert_int_not_equal(m.kind, SL_DUP_NONE);
    assert_int_equal(m.of, 100);
    m = add(d, 400, b, nb); /* an exact copy of the copy */
    assert_int_not_equal(m.kind, SL_DUP_NONE);
    assert_int_equal(m.of, 100);
    sl_dedup_free(d);
}

static void identical_burst_does_not_grow_memory(void **state) {
    (void)state;
    char a[4096];
    size_t na = join(a, sizeof a, NULL, 0, NP);
    sl_dedup *d = fresh(0);
    add(d, 0, a, na);
    assert_int_equal(add(d, 1, a, na).kind, SL_DUP_EXACT);
    size_t mem = sl_dedup_memory(d);
    for (uint64_t k = 2; k <= 10000; k++) {
        sl_dup_match m = add(d, k, a, na);
        assert_int_equal(m.kind, SL_DUP_EXACT);
        assert_int_equal(m.of, 0);
    }
    assert_int_equal(sl_dedup_memory(d), mem);
    sl_dedup_free(d);
}

static void oldest_documents_are_evicted(void **state) {
    (void)state;
    char a[4096];
    size_t na = join(a, sizeof a, NULL, 0, NP);
    sl_dedup *d = fresh(3);
    add(d, 1, a, na);
    assert_int_equal(add(d, 2, a, na).kind, SL_DUP_EXACT);
    static const char *const others[] = {
        "The lighthouse keeper counted gulls and terns on the breakwater before the "
        "tide turned and mist rolled over the grey slate roofs of the old town.",
        "A bakery on Kettle Lane won the county prize for its seed loaf, beating "
        "forty entries from villages along the estuary and the hills beyond.",
        "Council members voted to repaint the bandstand in green and gold after a "
        "long debate about the colours used when it first opened a century ago.",
    };
    for (int i = 0; i < 3; i++) /* three unrelated texts push it out */
        assert_int_equal(add(d, 50 + i, others[i], strlen(others[i])).kind, SL_DUP_NONE);
    sl_dup_match m = add(d, 3, a, na);
    assert_int_equal(m.kind, SL_DUP_NONE); /* 1 was evicted; 3 is indexed anew */
    assert_int_equal(add(d, 4, a, na).of, 3);
    sl_dedup_free(d);
}

/* A text is a copy within the day window and new news after it; memory
 * falls back after a burst of unrelated texts leaves the window. */
static void documents_older_than_the_window_are_forgotten(void **state) {
    (void)state;
    char a[4096], t[256];
    size_t na = join(a, sizeof a, NULL, 0, NP);
    sl_dedup *d = fresh(0);
    assert_int_equal(sl_dedup_expire(d, 1000, 30), SL_OK);
    add(d, 1, a, na);
    assert_int_equal(sl_dedup_expire(d, 1020, 30), SL_OK);
    assert_int_equal(add(d, 2, a, na).of, 1); /* twenty days on: a copy */
    size_t small = sl_dedup_memory(d);
    for (int i = 0; i < 20000; i++) { /* a busy day of unrelated briefs */
        int n = snprintf(t, sizeof t, "Brief %d: the tide table for pier %d moved by %d "
                         "minutes after gauge %d was serviced at dawn.", i, i * 7, i % 13, i * 3);
        add(d, 100 + (uint64_t)i, t, (size_t)n);
    }
    size_t big = sl_dedup_memory(d);
    assert_true(big > small * 4);
    assert_int_equal(sl_dedup_expire(d, 1060, 30), SL_OK);
    assert_true(sl_dedup_memory(d) < big / 4);
    assert_int_equal(add(d, 3, a, na).kind, SL_DUP_NONE); /* sixty days on: new */
    assert_int_equal(add(d, 4, a, na).of, 3);
    sl_dedup_free(d);
}

static void greek_and_cyrillic_texts_work(void **state) {
    (void)state;
    const char *el =
        "\xCE\x9F\xCE\xB9 \xCE\xBD\xCE\xB1\xCF\x8D\xCF\x84\xCE\xB5\xCF\x82 \xCF\x84\xCE\xBF\xCF\x85 "
        "\xCE\xBB\xCE\xB9\xCE\xBC\xCE\xB1\xCE\xBD\xCE\xB9\xCE\xBF\xCF\x8D \xCF\x83\xCF\x84\xCE\xB1"
        "\xCE\xBC\xCE\xAC\xCF\x84\xCE\xB7\xCF\x83\xCE\xB1\xCE\xBD \xCF\x84\xCE\xB7\xCE\xBD "
        "\xCE\xB4\xCE\xBF\xCF\x85\xCE\xBB\xCE\xB5\xCE\xB9\xCE\xAC \xCF\x83\xCF\x84\xCE\xB9\xCF\x82 "
        "\xCE\xAD\xCE\xBE\xCE\xB9 \xCF\x84\xCE\xBF \xCF\x80\xCF\x81\xCF\x89\xCE\xAF \xCE\xBA\xCE\xB1"
        "\xCE\xB9 \xCE\xBA\xCE\xB1\xCE\xBD\xCE\xAD\xCE\xBD\xCE\xB1 \xCF\x80\xCE\xBB\xCE\xBF\xCE\xAF"
        "\xCE\xBF \xCE\xB4\xCE\xB5\xCE\xBD \xCE\xB1\xCF\x80\xCE\xAD\xCF\x80\xCE\xBB\xCE\xB5\xCF\x85"
        "\xCF\x83\xCE\xB5 \xCE\xB1\xCF\x80\xCF\x8C \xCF\x84\xCE\xB7\xCE\xBD \xCE\xB2\xCF\x8C\xCF\x81"
        "\xCE\xB5\xCE\xB9\xCE\xB1 \xCE\xB1\xCF\x80\xCE\xBF\xCE\xB2\xCE\xB1\xCF\x84\xCE\xAE\xCF\x81"
        "\xCE\xB1 \xCE\xBC\xCE\xAD\xCF\x87\xCF\x81\xCE\xB9 \xCF\x84\xCE\xBF \xCE\xB2\xCF\x81\xCE\xAC"
        "\xCE\xB4\xCF\x85 \xCE\xB5\xCE\xBD\xCF\x8E \xCE\xBF\xCE\xB9 \xCE\xB5\xCF\x80\xCE\xB9\xCE\xB2"
        "\xCE\xAC\xCF\x84\xCE\xB5\xCF\x82 \xCF\x80\xCE\xB5\xCF\x81\xCE\xAF\xCE\xBC\xCE\xB5\xCE\xBD"
        "\xCE\xB1\xCE\xBD \xCF\x83\xCF\x84\xCE\xB7\xCE\xBD \xCF\x80\xCE\xB1\xCF\x81\xCE\xB1\xCE\xBB"
        "\xCE\xAF\xCE\xB1 \xCF\x87\xCF\x89\xCF\x81\xCE\xAF\xCF\x82 \xCE\xBD\xCE\xB1 \xCE\xBE\xCE\xAD"
        "\xCF\x81\xCE\xBF\xCF\x85\xCE\xBD \xCF\x80\xCF\x8C\xCF\x84\xCE\xB5 \xCE\xB8\xCE\xB1 "
        "\xCE\xBE\xCE\xB1\xCE\xBD\xCE\xB1\xCF\x81\xCF\x87\xCE\xAF\xCF\x83\xCE\xBF\xCF\x85\xCE\xBD "
        "\xCE\xBF\xCE\xB9 \xCE\xB4\xCF\x81\xCE\xBF\xCE\xBC\xCE\xBF\xCE\xBB\xCE\xBF\xCE\xB3\xCE\xAF"
        "\xCE\xB5\xCF\x82.";
    /* The same text in capitals where ASCII would fold: check case folding
     * through an all-uppercase first word (Οι -> ΟΙ). */
    char up[2048];
    size_t n = strlen(el);
    memcpy(up, el, n);
    up[2] = '\xCE', up[3] = '\x99'; /* ι -> Ι */
    sl_dedup *d = fresh(0);
    assert_int_equal(add(d, 1, el, n).kind, SL_DUP_NONE);
    sl_dup_match m = add(d, 2, up, n);
    assert_int_equal(m.kind, SL_DUP_EXACT);
    assert_int_equal(m.of, 1);
    /* Cyrillic: a text and the same text with a byline is a near copy. */
    const char *ru =
        "\xD0\x9F\xD0\xB0\xD1\x80\xD0\xBE\xD0\xBC \xD0\xBD\xD0\xB5 \xD1\x85\xD0\xBE\xD0\xB4\xD0\xB8\xD1\x82 "
        "\xD1\x83\xD0\xB6\xD0\xB5 \xD1\x82\xD1\x80\xD0\xB5\xD1\x82\xD0\xB8\xD0\xB9 \xD0\xB4\xD0\xB5\xD0\xBD\xD1\x8C "
        "\xD0\xBF\xD0\xBE\xD1\x82\xD0\xBE\xD0\xBC\xD1\x83 \xD1\x87\xD1\x82\xD0\xBE \xD0\xBC\xD0\xB0\xD1\x82\xD1\x80\xD0\xBE\xD1\x81\xD1\x8B "
        "\xD1\x82\xD1\x80\xD0\xB5\xD0\xB1\xD1\x83\xD1\x8E\xD1\x82 \xD0\xBD\xD0\xBE\xD0\xB2\xD1\x8B\xD1\x85 "
        "\xD1\x81\xD1\x82\xD0\xB0\xD0\xB2\xD0\xBE\xD0\xBA \xD0\xB7\xD0\xB0 \xD0\xBD\xD0\xBE\xD1\x87\xD0\xBD\xD1\x8B\xD0\xB5 "
        "\xD1\x81\xD0\xBC\xD0\xB5\xD0\xBD\xD1\x8B, \xD0\xB0 \xD0\xB6\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD0\xB8 "
        "\xD0\xBE\xD1\x81\xD1\x82\xD1\x80\xD0\xBE\xD0\xB2\xD0\xB0 \xD0\xB6\xD0\xB4\xD1\x83\xD1\x82 "
        "\xD0\xBD\xD0\xB0 \xD0\xBF\xD1\x80\xD0\xB8\xD1\x87\xD0\xB0\xD0\xBB\xD0\xB5 \xD0\xB2\xD0\xBE\xD0\xB4\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE "
        "\xD1\x82\xD0\xB0\xD0\xBA\xD1\x81\xD0\xB8, \xD0\xBA\xD0\xBE\xD1\x82\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB5 "
        "\xD0\xB1\xD0\xB5\xD1\x80\xD1\x91\xD1\x82 \xD0\xB2\xD1\x82\xD1\x80\xD0\xBE\xD0\xB5 "
        "\xD0\xB4\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB6\xD0\xB5 \xD0\xBE\xD0\xB1\xD1\x8B\xD1\x87\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE "
        "\xD0\xB8 \xD0\xB2\xD0\xB5\xD0\xB7\xD1\x91\xD1\x82 \xD0\xBB\xD1\x8E\xD0\xB4\xD0\xB5\xD0\xB9 "
        "\xD0\xB2 \xD0\xB1\xD0\xBE\xD0\xBB\xD1\x8C\xD0\xBD\xD0\xB8\xD1\x86\xD1\x83 \xD0\xBD\xD0\xB0 "
        "\xD0\xBC\xD0\xB0\xD1\x82\xD0\xB5\xD1\x80\xD0\xB8\xD0\xBA\xD0\xB5. \xD0\x9F\xD1\x80\xD0\xBE\xD1\x84\xD1\x81\xD0\xBE\xD1\x8E\xD0\xB7 "
        "\xD0\xB3\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x80\xD0\xB8\xD1\x82, \xD1\x87\xD1\x82\xD0\xBE "
        "\xD0\xBA\xD0\xBE\xD0\xBC\xD0\xBF\xD0\xB0\xD0\xBD\xD0\xB8\xD1\x8F \xD1\x82\xD1\x80\xD0\xB8 "
        "\xD1\x80\xD0\xB0\xD0\xB7\xD0\xB0 \xD0\xBD\xD0\xB5 \xD0\xBE\xD1\x82\xD0\xB2\xD0\xB5\xD1\x82\xD0\xB8\xD0\xBB\xD0\xB0 "
        "\xD0\xBD\xD0\xB0 \xD0\xBF\xD0\xB8\xD1\x81\xD1\x8C\xD0\xBC\xD0\xB0 \xD1\x81 \xD0\xB2\xD0\xB5\xD1\x81\xD0\xBD\xD1\x8B. "
        "\xD0\x92\xD0\xBB\xD0\xB0\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB5\xD1\x86 \xD0\xBB\xD0\xB8\xD0\xBD\xD0\xB8\xD0\xB8 "
        "\xD1\x81\xD1\x87\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB5\xD1\x82 \xD0\xB7\xD0\xB0\xD0\xB1\xD0\xB0\xD1\x81\xD1\x82\xD0\xBE\xD0\xB2\xD0\xBA\xD1\x83 "
        "\xD0\xB1\xD0\xB5\xD0\xB7\xD0\xBE\xD1\x82\xD0\xB2\xD0\xB5\xD1\x82\xD1\x81\xD1\x82\xD0\xB2\xD0\xB5\xD0\xBD\xD0\xBD\xD0\xBE\xD0\xB9 "
        "\xD0\xB2 \xD0\xBD\xD0\xB0\xD1\x87\xD0\xB0\xD0\xBB\xD0\xB5 \xD0\xBB\xD0\xB5\xD1\x82\xD0\xBD\xD0\xB5\xD0\xB3\xD0\xBE "
        "\xD1\x81\xD0\xB5\xD0\xB7\xD0\xBE\xD0\xBD\xD0\xB0 \xD0\xB8 \xD0\xBE\xD0\xB1\xD0\xB5\xD1\x89\xD0\xB0\xD0\xB5\xD1\x82 "
        "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB1\xD0\xB0\xD0\xB2\xD0\xBA\xD1\x83 \xD0\xB2 \xD1\x87\xD0\xB5\xD1\x82\xD1\x8B\xD1\x80\xD0\xB5 "
        "\xD0\xBF\xD1\x80\xD0\xBE\xD1\x86\xD0\xB5\xD0\xBD\xD1\x82\xD0\xB0 \xD0\xB7\xD0\xB0 "
        "\xD0\xB4\xD0\xB2\xD0\xB0 \xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0. \xD0\xA2\xD0\xBE\xD1\x80\xD0\xB3\xD0\xBE\xD0\xB2\xD1\x86\xD1\x8B "
        "\xD0\xBD\xD0\xB0 \xD0\xBD\xD0\xB0\xD0\xB1\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB6\xD0\xBD\xD0\xBE\xD0\xB9 "
        "\xD0\xB6\xD0\xB0\xD0\xBB\xD1\x83\xD1\x8E\xD1\x82\xD1\x81\xD1\x8F \xD0\xBD\xD0\xB0 "
        "\xD0\xBF\xD1\x83\xD1\x81\xD1\x82\xD1\x8B\xD0\xB5 \xD0\xBA\xD0\xB0\xD1\x81\xD1\x81\xD1\x8B, "
        "\xD0\xB0 \xD1\x80\xD1\x8B\xD0\xB1\xD0\xBD\xD1\x8B\xD0\xB9 \xD1\x80\xD1\x8B\xD0\xBD\xD0\xBE\xD0\xBA "
        "\xD0\xBF\xD0\xB5\xD1\x80\xD0\xB5\xD0\xBD\xD1\x91\xD1\x81 \xD1\x83\xD1\x82\xD1\x80\xD0\xB5\xD0\xBD\xD0\xBD\xD0\xB8\xD0\xB9 "
        "\xD0\xB0\xD1\x83\xD0\xBA\xD1\x86\xD0\xB8\xD0\xBE\xD0\xBD \xD0\xBD\xD0\xB0 \xD1\x81\xD1\x82\xD0\xBE\xD1\x8F\xD0\xBD\xD0\xBA\xD1\x83 "
        "\xD1\x83 \xD1\x8E\xD0\xB6\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE \xD0\xB1\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB3\xD0\xB0. "
        "\xD0\x9F\xD0\xBE\xD1\x81\xD1\x80\xD0\xB5\xD0\xB4\xD0\xBD\xD0\xB8\xD0\xBA \xD0\xB8\xD0\xB7 "
        "\xD0\xBE\xD0\xB1\xD0\xBB\xD0\xB0\xD1\x81\xD1\x82\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE "
        "\xD1\x83\xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2\xD0\xBB\xD0\xB5\xD0\xBD\xD0\xB8\xD1\x8F "
        "\xD1\x82\xD1\x80\xD1\x83\xD0\xB4\xD0\xB0 \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB5\xD0\xB4\xD0\xB5\xD1\x82 "
        "\xD0\xB2 \xD1\x87\xD0\xB5\xD1\x82\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB3, \xD1\x81\xD0\xBE\xD0\xBE\xD0\xB1\xD1\x89\xD0\xB8\xD0\xBB\xD0\xB0 "
        "\xD0\xBA\xD0\xB0\xD0\xBD\xD1\x86\xD0\xB5\xD0\xBB\xD1\x8F\xD1\x80\xD0\xB8\xD1\x8F "
        "\xD0\xBC\xD1\x8D\xD1\x80\xD0\xB0.";
    char ru2[2048];
    int n2 = snprintf(ru2, sizeof ru2, "\xD0\x9E\xD1\x82 \xD0\xBA\xD0\xBE\xD1\x80\xD1\x80. "
                      "(\xD0\x92\xD0\xB5\xD1\x81\xD1\x82\xD0\xB8) \xE2\x80\x94 %s", ru);
    assert_int_equal(add(d, 3, ru, strlen(ru)).kind, SL_DUP_NONE);
    m = add(d, 4, ru2, (size_t)n2);
    assert_int_equal(m.kind, SL_DUP_NEAR);
    assert_int_equal(m.of, 3);
    sl_dedup_free(d);
}

static void invalid_utf8_and_repeated_words_do_not_crash(void **state) {
    (void)state;
    static char junk[200000];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i % 7 == 0 ? 0xC3 : i % 5 == 0 ? ' ' : 0xFF);
    static char same[100000];
    for (size_t i = 0; i < sizeof same; i += 5)
        memcpy(same + i, "tide ", 5);
    sl_dedup *d = fresh(0);
    add(d, 1, junk, sizeof junk);
    add(d, 2, same, sizeof same);
    assert_int_equal(add(d, 3, same, sizeof same).kind, SL_DUP_EXACT);
    sl_dedup_free(d);
}

/* The clusterer reads a text once (sl_words_read) for copies and terms;
 * the store's copy detector reads the raw text (sl_dedup_add). A text
 * indexed through one entry point is found as an exact copy through the
 * other, and the words read lie in the text, in order. */
static void words_read_once_give_the_same_verdicts(void **state) {
    (void)state;
    static char texts[8][4096];
    size_t lens[8];
    lens[0] = join(texts[0], sizeof texts[0], NULL, 0, 6);
    lens[1] = join(texts[1], sizeof texts[1], "MARROW BAY (Wire) \xE2\x80\x94 ", 0, 6);
    lens[2] = join(texts[2], sizeof texts[2], NULL, 2, 5);
    lens[3] = join(texts[3], sizeof texts[3], "Caf\xC3\xA9 Z\xC3\xBCrich \xE2\x80\x9Cquoted\xE2\x80\x9D: ",
                   3, 9);
    lens[4] = join(texts[4], sizeof texts[4], "soft\xC2\xADhyphen \xE2\x85\xAB \xC2\xBD ", 0, 4);
    lens[5] = join(texts[5], sizeof texts[5], NULL, 7, 10);
    lens[6] = 0;
    lens[7] = join(texts[7], sizeof texts[7], "\xFF\xC3 broken ", 0, 10);
    sl_dedup *a = fresh(0), *b = fresh(0);
    sl_word *w = NULL;
    size_t cap = 0;
    sl_dup_kind first[8];
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < 8; i++) {
            uint64_t key = round * 8 + i;
            int odd = -1;
            size_t n = sl_words_read(texts[i], lens[i], &w, &cap, &odd);
            assert_true(n != SIZE_MAX);
            assert_int_equal(odd, i == 4);
            for (size_t k = 0; k < n; k++) /* spans lie in the text, in order */
                assert_true(w[k].len && w[k].at + w[k].len <= lens[i] &&
                            (k == 0 || w[k - 1].at + w[k - 1].len < w[k].at));
            /* a: read words first, raw text second; b: the other way */
            sl_dup_match x, y;
            if (round == 0) {
                assert_int_equal(sl_dedup_add_words(a, key, w, n, &x), SL_OK);
                y = add(b, key, texts[i], lens[i]);
                assert_int_equal(x.kind, y.kind);
                first[i] = x.kind;
            } else {
                x = add(a, key, texts[i], lens[i]);
                assert_int_equal(sl_dedup_add_words(b, key, w, n, &y), SL_OK);
                if (lens[i] && first[i] == SL_DUP_NONE) { /* indexed in round 0 */
                    assert_int_equal(x.kind, SL_DUP_EXACT);
                    assert_int_equal(y.kind, SL_DUP_EXACT);
                    assert_int_equal(x.of, i);
                    assert_int_equal(y.of, i);
                }
            }
        }
    free(w);
    sl_dedup_free(a);
    sl_dedup_free(b);
}

/* The reader hashes ASCII eight bytes at a time while eight remain and
 * byte by byte near the end of a text: a word must hash the same wherever
 * it stands and however it is cased, and different words differently. */
static uint64_t hash_at(const char *word, size_t pad, size_t tail, sl_word *out) {
    char buf[256];
    size_t n = 0;
    for (size_t i = 0; i < pad; i++)
        buf[n++] = i % 3 ? ' ' : ',';
    size_t wl = strlen(word);
    memcpy(buf + n, word, wl);
    n += wl;
    for (size_t i = 0; i < tail; i++)
        buf[n++] = i % 2 ? '.' : ' ';
    sl_word *w = NULL;
    size_t cap = 0;
    int odd;
    assert_int_equal(sl_words_read(buf, n, &w, &cap, &odd), 1);
    *out = w[0];
    free(w);
    return out->h;
}

static void a_word_hashes_the_same_wherever_it_stands(void **state) {
    (void)state;
    static const char *const words[][2] = {
        {"ferry", "FERRY"},
        {"sailings", "SaIlInGs"},
        {"harbourmaster", "HarbourMaster"},
        {"night2024shift", "NIGHT2024SHIFT"},
        {"z\xC3\xBCrichbergstrasse", "Z\xC3\x9CRICHBERGSTRASSE"},
        {"abcdefghijklmnopq", "ABCDEFGHIJKLMNOPQ"},
    };
    uint64_t seen[6];
    for (size_t k = 0; k < 6; k++) {
        sl_word ref, got;
        seen[k] = hash_at(words[k][0], 0, 0, &ref);
        for (size_t pad = 0; pad < 10; pad++)
            for (size_t tail = 0; tail < 100; tail += tail < 9 ? 3 : 80) /* 89: a long text */
                for (int c = 0; c < 2; c++) {
                    assert_true(hash_at(words[k][c], pad, tail, &got) == ref.h);
                    assert_int_equal(got.at, pad);
                    assert_int_equal(got.len, strlen(words[k][c]));
                    assert_int_equal(got.n, ref.n);
                    assert_int_equal(got.digits, k == 3 ? 4 : 0);
                }
        for (size_t j = 0; j < k; j++)
            assert_true(seen[j] != seen[k]);
    }
    sl_word a, b;
    assert_true(hash_at("abcdefgh", 0, 0, &a) != hash_at("abcdefgh0", 0, 0, &b));
    assert_true(hash_at("abcdefgh", 0, 9, &a) != hash_at("abcdefghabcdefgh", 0, 9, &b));
}

/* Long texts are read 64 bytes at a time where they are ASCII, short ones
 * and the rest byte by byte: a text read with any number of spaces before
 * it gives the same words (its 64-byte windows then fall elsewhere), and
 * every word, read alone (byte by byte), hashes as it did in the text. */
static size_t random_text(char *buf, size_t cap, uint32_t *seed) {
    static const char *const odd[] = {"caf\xC3\xA9", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xC3\x9C",
                                      "na\xC3\xAFve", "\xE2\x80\x94", "\xFF", "\xCE\xB1\xCE\xB2"};
    static const char seps[] = " ,.;:'\"-()\n\t/!?_@[]`{}";
    size_t n = 0;
    while (n + 80 < cap) {
        *seed = *seed * 1103515245u + 12345u;
        uint32_t r = *seed >> 8;
        if (r % 23 == 0) { /* a non-ASCII piece, inside a word or alone */
            const char *o = odd[(r >> 5) % 8];
            memcpy(buf + n, o, strlen(o));
            n += strlen(o);
        } else { /* a word of 1 to 20 letters and digits, rarely 40 to 79 */
            size_t len = r % 31 == 0 ? 40 + (r >> 6) % 40 : 1 + (r >> 6) % 20;
            for (size_t k = 0; k < len; k++) {
                *seed = *seed * 1103515245u + 12345u;
                uint32_t c = (*seed >> 8) % 64;
                buf[n++] = c < 26 ? (char)('a' + c) : c < 52 ? (char)('A' + c - 26)
                                                             : (char)('0' + (c - 52) % 10);
            }
        }
        *seed = *seed * 1103515245u + 12345u;
        uint32_t g = (*seed >> 8) % 8; /* 0: glued to the next piece */
        size_t gap = g == 0 ? 0 : g < 6 ? 1 : 1 + (*seed >> 12) % 5;
        for (size_t k = 0; k < gap; k++)
            buf[n++] = seps[((*seed >> 16) + k * 7) % (sizeof seps - 1)];
    }
    return n;
}

static void the_window_and_the_byte_reader_agree(void **state) {
    (void)state;
    static char text[4096], padded[4096 + 80];
    sl_word *w = NULL, *v = NULL, *one = NULL;
    size_t cap = 0, vcap = 0, cap1 = 0;
    uint32_t seed = 7;
    for (int round = 0; round < 40; round++) {
        size_t len = random_text(text, round < 20 ? 600 : sizeof text, &seed);
        int odd, vodd, odd1;
        size_t n = sl_words_read(text, len, &w, &cap, &odd);
        assert_true(n != SIZE_MAX && n > 0);
        for (size_t k = 0; k < n; k++) {
            size_t m = sl_words_read(text + w[k].at, w[k].len, &one, &cap1, &odd1);
            assert_int_equal(m, 1);
            assert_true(one[0].h == w[k].h);
            assert_int_equal(one[0].n, w[k].n);
            assert_int_equal(one[0].digits, w[k].digits);
            assert_int_equal(one[0].last_wide, w[k].last_wide);
        }
        for (size_t pad = 1; pad < 72; pad += pad < 8 ? 1 : 9) {
            memset(padded, ' ', pad);
            memcpy(padded + pad, text, len);
            size_t m = sl_words_read(padded, len + pad, &v, &vcap, &vodd);
            assert_int_equal(m, n);
            assert_int_equal(vodd, odd);
            for (size_t k = 0; k < n; k++) {
                assert_true(v[k].h == w[k].h);
                assert_int_equal(v[k].at, w[k].at + pad);
                assert_int_equal(v[k].len, w[k].len);
                assert_int_equal(v[k].n, w[k].n);
                assert_int_equal(v[k].digits, w[k].digits);
                assert_int_equal(v[k].last_wide, w[k].last_wide);
            }
        }
    }
    free(w);
    free(v);
    free(one);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_copy_ignores_whitespace_and_punctuation),
        cmocka_unit_test(new_lede_and_byline_is_near),
        cmocka_unit_test(excerpt_is_contained_and_full_after_excerpt_contains),
        cmocka_unit_test(same_topic_sharing_a_quote_is_not_a_copy),
        cmocka_unit_test(empty_and_one_word_texts_are_no_match),
        cmocka_unit_test(copy_of_a_copy_points_to_the_root),
        cmocka_unit_test(identical_burst_does_not_grow_memory),
        cmocka_unit_test(oldest_documents_are_evicted),
        cmocka_unit_test(documents_older_than_the_window_are_forgotten),
        cmocka_unit_test(greek_and_cyrillic_texts_work),
        cmocka_unit_test(invalid_utf8_and_repeated_words_do_not_crash),
        cmocka_unit_test(words_read_once_give_the_same_verdicts),
        cmocka_unit_test(a_word_hashes_the_same_wherever_it_stands),
        cmocka_unit_test(the_window_and_the_byte_reader_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

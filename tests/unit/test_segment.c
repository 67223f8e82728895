/* Unit tests for segment/: tokens and sentences of clean article text,
 * written around an invented ferry strike in the port town of Marrow Bay. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment/seg_internal.h"
#include "segment/segment.h"

/* One segmented text; the arena owns the arrays. */
typedef struct seg {
    const char *text;
    size_t n;
    sl_arena arena;
    sl_sentence *s;
    size_t ns;
    sl_token *t;
    size_t nt;
} seg;

/* Every structural promise of sl_segment, for any input. */
static void check_invariants(const seg *g, const sl_block *blocks, size_t nb) {
    size_t prev_end = 0, next_tok = 0;
    for (size_t i = 0; i < g->ns; i++) {
        const sl_sentence *s = &g->s[i];
        assert_true(s->start <= s->end && s->end <= g->n);
        assert_true(s->start >= prev_end);
        assert_int_equal(s->token_first, next_tok);
        assert_true(s->token_first <= s->token_end && s->token_end <= g->nt);
        for (size_t k = s->token_first; k < s->token_end; k++)
            assert_true(g->t[k].start >= s->start && g->t[k].end <= s->end);
        if (blocks) {
            assert_true(s->block >= 0 && (size_t)s->block < nb);
            assert_true(s->start >= blocks[s->block].start || s->start == s->end);
            assert_true(s->end <= blocks[s->block].end || s->start == s->end);
        }
        if (i > 0)
            assert_true(s->block >= g->s[i - 1].block);
        prev_end = s->end;
        next_tok = s->token_end;
    }
    assert_int_equal(next_tok, g->nt);
    for (size_t k = 0; k < g->nt; k++) {
        assert_true(g->t[k].start < g->t[k].end && g->t[k].end <= g->n);
        if (k > 0)
            assert_true(g->t[k].start >= g->t[k - 1].end);
        assert_true(g->t[k].kind <= SL_TOK_URL);
    }
}

static void run_blocks(seg *g, const char *text, size_t n, const sl_block *b, size_t nb) {
    g->text = text;
    g->n = n;
    sl_arena_init(&g->arena, 0);
    assert_int_equal(sl_segment(text, n, b, nb, &g->arena, &g->s, &g->ns, &g->t, &g->nt), SL_OK);
    check_invariants(g, b, nb);
}

static void run(seg *g, const char *text) { run_blocks(g, text, strlen(text), NULL, 0); }

static void done(seg *g) { sl_arena_free(&g->arena); }

static void assert_sentence(const seg *g, size_t i, const char *want) {
    assert_true(i < g->ns);
    size_t len = g->s[i].end - g->s[i].start;
    char got[512];
    snprintf(got, sizeof got, "%.*s", (int)len, g->text + g->s[i].start);
    assert_string_equal(got, want);
}

/* Index of the first token spelled exactly like s, asserting it exists. */
static size_t find_token(const seg *g, const char *s) {
    for (size_t k = 0; k < g->nt; k++)
        if (g->t[k].end - g->t[k].start == strlen(s) &&
            memcmp(g->text + g->t[k].start, s, strlen(s)) == 0)
            return k;
    fail_msg("no token \"%s\"", s);
    return 0;
}

static void assert_token(const seg *g, const char *s, sl_token_kind kind) {
    assert_int_equal(g->t[find_token(g, s)].kind, kind);
}

/* ------------------------------------------------------------ tokens */

static void numbers_money_and_time(void **state) {
    (void)state;
    seg g;
    run(&g, "The strike cost $650 million, 8,500 fares and 3.5% of revenue; the 1990s "
            "deal ended at 3:35 p.m. on 1/6/2021 after a 50-minute vote, \xE2\x82\xAC" "12.");
    assert_token(&g, "$", SL_TOK_SYMBOL);
    assert_token(&g, "650", SL_TOK_NUMBER);
    assert_token(&g, "8,500", SL_TOK_NUMBER);
    assert_token(&g, "3.5", SL_TOK_NUMBER);
    assert_token(&g, "%", SL_TOK_SYMBOL);
    assert_token(&g, "1990s", SL_TOK_WORD);
    assert_token(&g, "3:35", SL_TOK_NUMBER);
    assert_token(&g, "p.m.", SL_TOK_WORD);
    assert_token(&g, "1/6/2021", SL_TOK_NUMBER);
    assert_token(&g, "50-minute", SL_TOK_WORD);
    assert_token(&g, "\xE2\x82\xAC", SL_TOK_SYMBOL);
    assert_token(&g, "12", SL_TOK_NUMBER);
    assert_int_equal(g.ns, 1);
    done(&g);
}

static void words_keep_apostrophes_hyphens_and_accents(void **state) {
    (void)state;
    seg g;
    run(&g, "Marrow Bay's skippers don't want the ferry board\xE2\x80\x99s de-escalate plan, "
            "nor the U.S.-Russian deal, said Zo\xC3\xAB of \xC5\x81\xC3\xB3" "d\xC5\xBA and AT&T.");
    assert_token(&g, "Bay's", SL_TOK_WORD);
    assert_token(&g, "don't", SL_TOK_WORD);
    assert_token(&g, "board\xE2\x80\x99s", SL_TOK_WORD);
    assert_token(&g, "de-escalate", SL_TOK_WORD);
    assert_token(&g, "U.S.-Russian", SL_TOK_WORD);
    assert_token(&g, "Zo\xC3\xAB", SL_TOK_WORD);
    assert_token(&g, "\xC5\x81\xC3\xB3" "d\xC5\xBA", SL_TOK_WORD);
    assert_token(&g, "AT&T", SL_TOK_WORD);
    assert_int_equal(g.t[g.nt - 1].kind, SL_TOK_PUNCT);
    done(&g);
}

static void abbreviations_keep_their_period(void **state) {
    (void)state;
    seg g;
    run(&g, "Mr. Finch, Sen. Ada Moss, Gov. Pike and Dr. Lee met Marrow Ferries Inc. "
            "staff on Jan. 10 in the U.K. and at No. 4 Quay St. in Ore.");
    const char *abbrs[] = {"Mr.", "Sen.", "Gov.", "Dr.", "Inc.", "Jan.", "U.K.", "No.", "St.",
                           "Ore."};
    for (size_t i = 0; i < sizeof abbrs / sizeof abbrs[0]; i++)
        assert_token(&g, abbrs[i], SL_TOK_WORD);
    assert_int_equal(g.ns, 1);
    /* The final "Ore." is the abbreviation, its period ends the text. */
    assert_int_equal(g.t[g.nt - 1].end, g.n);
    done(&g);

    /* "No" is only an abbreviation before a number. */
    run(&g, "Will the ferries sail? No. The union said so.");
    assert_token(&g, "No", SL_TOK_WORD);
    assert_int_equal(g.ns, 3);
    done(&g);
}

static void urls_emails_handles_and_tags(void **state) {
    (void)state;
    seg g;
    run(&g, "See https://marrowbay.gov/ferry?id=4, www.marrowferries.org or "
            "strike.info@marrowbay.gov, follow @marrow_ferry and #FerryStrike, or "
            "visit marrowbay.gov.");
    assert_token(&g, "https://marrowbay.gov/ferry?id=4", SL_TOK_URL);
    assert_token(&g, "www.marrowferries.org", SL_TOK_URL);
    assert_token(&g, "strike.info@marrowbay.gov", SL_TOK_URL);
    assert_token(&g, "@marrow_ferry", SL_TOK_WORD);
    assert_token(&g, "#FerryStrike", SL_TOK_WORD);
    assert_int_equal(g.t[g.nt - 2].kind, SL_TOK_URL);
    assert_int_equal(g.t[g.nt - 1].kind, SL_TOK_PUNCT);
    assert_int_equal(g.ns, 1);
    done(&g);
}

static void punctuation_marks_are_tokens(void **state) {
    (void)state;
    seg g;
    run(&g, "\xE2\x80\x9CWait\xE2\x80\x9D \xE2\x80\x94 \xC2\xAB" "Ferry\xC2\xBB \xE2\x80\x93 "
            "\xE2\x80\x98now\xE2\x80\x99... then?! (yes)\xE2\x80\xA6");
    const char *marks[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x94", "\xC2\xAB",
                           "\xC2\xBB",     "\xE2\x80\x93", "\xE2\x80\x98", "\xE2\x80\x99",
                           "...",          "?!",           "(",            "\xE2\x80\xA6"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        assert_token(&g, marks[i], SL_TOK_PUNCT);
    done(&g);
}

/* --------------------------------------------------------- sentences */

static void splits_plain_sentences(void **state) {
    (void)state;
    seg g;
    run(&g, "The ferries stopped. Did anyone notice? Everyone did! 2021 was quiet.");
    assert_int_equal(g.ns, 4);
    assert_sentence(&g, 0, "The ferries stopped.");
    assert_sentence(&g, 1, "Did anyone notice?");
    assert_sentence(&g, 2, "Everyone did!");
    assert_sentence(&g, 3, "2021 was quiet.");
    assert_int_equal(g.s[1].token_end - g.s[1].token_first, 4);
    done(&g);
}

static void abbreviations_do_not_split(void **state) {
    (void)state;
    seg g;
    run(&g, "Sen. Ada Moss and Mrs. Pike of Marrow Ferries Co. Ltd. spoke with Lt. Col. "
            "Ivo Grant at 3:35 p.m. ET on Sept. 4 about the U.S. Coast Guard vs. the union.");
    assert_int_equal(g.ns, 1);
    done(&g);

    run(&g, "The strike began at 6 a.m. Tuesday in Marrow Bay, Calif. (AP) and spread.");
    assert_int_equal(g.ns, 1);
    done(&g);
}

static void abbreviations_end_sentences_before_openers(void **state) {
    (void)state;
    seg g;
    run(&g, "The walkout began at 6 a.m. The harbor went silent. Spare parts came from the "
            "U.S. They were late. Crews packed nets, ropes, etc. Nobody complained. The "
            "owner is Marrow Ferries Inc. It has 40 boats. Ada Finch Jr. He runs it.");
    assert_int_equal(g.ns, 10);
    assert_sentence(&g, 0, "The walkout began at 6 a.m.");
    assert_sentence(&g, 2, "Spare parts came from the U.S.");
    assert_sentence(&g, 4, "Crews packed nets, ropes, etc.");
    assert_sentence(&g, 6, "The owner is Marrow Ferries Inc.");
    assert_sentence(&g, 8, "Ada Finch Jr.");
    done(&g);

    run(&g, "Marrow Ferries Inc. Chief Executive Ada Finch agreed.");
    assert_int_equal(g.ns, 1);
    done(&g);
}

static void initials_are_not_sentence_ends(void **state) {
    (void)state;
    seg g;
    run(&g, "Captain Ada R. Finch and J. K. Moss signed. Crew chief Ivo T. Grant did too.");
    assert_int_equal(g.ns, 2);
    assert_token(&g, "R.", SL_TOK_WORD);
    assert_token(&g, "J.", SL_TOK_WORD);
    assert_token(&g, "K.", SL_TOK_WORD);
    assert_sentence(&g, 1, "Crew chief Ivo T. Grant did too.");
    done(&g);

    /* "I." is the pronoun ending a sentence, not an initial. */
    run(&g, "Nobody sails but I. The others stay.");
    assert_int_equal(g.ns, 2);
    done(&g);
}

static void quotes_close_with_their_sentence(void **state) {
    (void)state;
    seg g;
    run(&g, "\"We will not sail until this is fixed, it is impossible,\" the official said.");
    assert_int_equal(g.ns, 1);
    done(&g);

    run(&g, "\"It's great to see you!\" With a chuckle, Finch waved. \"Is it over?\" she "
            "asked. \xE2\x80\x9CWe wait.\xE2\x80\x9D The crowd left.");
    assert_int_equal(g.ns, 5);
    assert_sentence(&g, 0, "\"It's great to see you!\"");
    assert_sentence(&g, 1, "With a chuckle, Finch waved.");
    assert_sentence(&g, 2, "\"Is it over?\" she asked.");
    assert_sentence(&g, 3, "\xE2\x80\x9CWe wait.\xE2\x80\x9D");
    done(&g);
}

static void quotes_spanning_sentences(void **state) {
    (void)state;
    seg g;
    run(&g, "\xE2\x80\x9CWe will not sail. Not today, not tomorrow,\xE2\x80\x9D said Finch. "
            "(The boats stayed in port.) Then the mayor came.");
    assert_int_equal(g.ns, 4);
    assert_sentence(&g, 0, "\xE2\x80\x9CWe will not sail.");
    assert_sentence(&g, 1, "Not today, not tomorrow,\xE2\x80\x9D said Finch.");
    assert_sentence(&g, 2, "(The boats stayed in port.)");
    done(&g);
}

static void ellipses(void **state) {
    (void)state;
    seg g;
    run(&g, "\"We waited... and waited,\" Finch said. The talks stalled\xE2\x80\xA6 Then the "
            "mayor arrived. \"I wonder...\" The captain paused.");
    assert_int_equal(g.ns, 5);
    assert_sentence(&g, 0, "\"We waited... and waited,\" Finch said.");
    assert_sentence(&g, 1, "The talks stalled\xE2\x80\xA6");
    assert_sentence(&g, 3, "\"I wonder...\"");
    done(&g);
}

static void glued_and_listed_sentences(void **state) {
    (void)state;
    seg g;
    run(&g, "The strike remains unclear.Officials met at 10.30 on Pier 3.5 of the bay.");
    assert_int_equal(g.ns, 2);
    assert_sentence(&g, 0, "The strike remains unclear.");
    done(&g);

    run(&g, "1. The ferries stop. 2. The pier closes.");
    assert_int_equal(g.ns, 2);
    assert_sentence(&g, 0, "1. The ferries stop.");
    done(&g);
}

static void blocks_bound_sentences(void **state) {
    (void)state;
    const char *text = "Ferry strike ends\n\nFINCH: We sail at dawn. Mr.\n\n"
                       "MOSS: Not yet\n\n\n\nThe union agreed.";
    sl_block b[5] = {{SL_BLOCK_HEADING, 0, 17, NULL},
                     {SL_BLOCK_TURN, 19, 46, "FINCH"},
                     {SL_BLOCK_TURN, 48, 61, "MOSS"},
                     {SL_BLOCK_PARAGRAPH, 63, 63, NULL},
                     {SL_BLOCK_PARAGRAPH, 65, strlen(text), NULL}};
    seg g;
    run_blocks(&g, text, strlen(text), b, 5);
    assert_int_equal(g.ns, 6);
    assert_sentence(&g, 0, "Ferry strike ends");
    assert_sentence(&g, 1, "FINCH: We sail at dawn.");
    assert_sentence(&g, 2, "Mr.");
    assert_sentence(&g, 3, "MOSS: Not yet");
    assert_int_equal(g.s[4].start, g.s[4].end); /* the empty block still has one */
    assert_sentence(&g, 5, "The union agreed.");
    const int want_block[6] = {0, 1, 1, 2, 3, 4};
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(g.s[i].block, want_block[i]);
    done(&g);

    /* Without spans, blocks are the pieces between blank lines. */
    run(&g, text);
    assert_int_equal(g.ns, 5);
    assert_int_equal(g.s[4].block, 3);
    done(&g);
}

static void bad_block_spans_are_clamped(void **state) {
    (void)state;
    const char *text = "One ferry. Two ferries.";
    sl_block b[3] = {{SL_BLOCK_PARAGRAPH, 11, 23, NULL},
                     {SL_BLOCK_PARAGRAPH, 0, 10, NULL},
                     {SL_BLOCK_PARAGRAPH, 20, 999, NULL}};
    seg g;
    g.text = text;
    g.n = strlen(text);
    sl_arena_init(&g.arena, 0);
    assert_int_equal(sl_segment(text, g.n, b, 3, &g.arena, &g.s, &g.ns, &g.t, &g.nt), SL_OK);
    check_invariants(&g, NULL, 0);
    assert_int_equal(g.ns, 3);
    done(&g);
}

static void empty_text(void **state) {
    (void)state;
    seg g;
    run_blocks(&g, "", 0, NULL, 0);
    assert_int_equal(g.ns, 0);
    assert_int_equal(g.nt, 0);
    done(&g);

    sl_block one = {SL_BLOCK_PARAGRAPH, 0, 0, NULL};
    run_blocks(&g, "", 0, &one, 1);
    assert_int_equal(g.ns, 1);
    assert_int_equal(g.nt, 0);
    done(&g);

    run(&g, "   \n  ");
    assert_int_equal(g.ns, 1);
    assert_int_equal(g.nt, 0);
    done(&g);
}

static void refuses_bad_arguments(void **state) {
    (void)state;
    sl_arena a;
    sl_arena_init(&a, 0);
    sl_sentence *s;
    sl_token *t;
    size_t ns, nt;
    assert_int_equal(sl_segment(NULL, 5, NULL, 0, &a, &s, &ns, &t, &nt), SL_ERR_ARG);
    assert_int_equal(sl_segment("abc", 3, NULL, 2, &a, &s, &ns, &t, &nt), SL_ERR_ARG);
    sl_arena_free(&a);
    /* An arena too small to hold the arrays reports out-of-memory. */
    sl_arena_init(&a, 1024);
    char big[8192];
    memset(big, 'a', sizeof big);
    for (size_t i = 1; i < sizeof big; i += 2)
        big[i] = ' ';
    assert_int_equal(sl_segment(big, sizeof big, NULL, 0, &a, &s, &ns, &t, &nt), SL_ERR_NOMEM);
    sl_arena_free(&a);
}

/* ------------------------------------------------------ pathological */

static char *repeat(const char *unit, size_t times, size_t *n) {
    size_t u = strlen(unit);
    char *s = malloc(u * times + 1);
    assert_non_null(s);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * u, unit, u);
    s[u * times] = 0;
    *n = u * times;
    return s;
}

static void pathological_runs_stay_sane(void **state) {
    (void)state;
    static const char *const units[] = {
        ".",    "\"",   "\xE2\x80\x9C", ". ",   "\" ",   "1",    "1.",   "1,",  "a.",
        "A. ",  "Mr. ", "U.S. ",        "etc. ", "...", "\xE2\x80\xA6", "x@", "a.b", "-",
        "'",    "www.", "Ferry. ",      "\n",   "?! ",  "#",    "@"};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t n;
        char *s = repeat(units[u], 100000, &n);
        seg g;
        run(&g, s);
        assert_true(g.ns >= 1);
        done(&g);
        free(s);
    }
    size_t n;
    char *dots = repeat(".", 100000, &n);
    seg g;
    run(&g, dots);
    assert_int_equal(g.ns, 1);
    assert_int_equal(g.nt, 1); /* one long ellipsis */
    done(&g);
    free(dots);

    char *quotes = repeat("\"", 100000, &n);
    run(&g, quotes);
    assert_int_equal(g.ns, 1);
    assert_int_equal(g.nt, 100000);
    done(&g);
    free(quotes);

    char *words = repeat("Ferry. ", 100000, &n);
    run(&g, words);
    assert_int_equal(g.ns, 100000);
    done(&g);
    free(words);
}

/* Random soup of the tricky pieces, including broken UTF-8. */
static void random_soup_keeps_invariants(void **state) {
    (void)state;
    static const char *const pieces[] = {
        "Ferry", "bay",  " ",   ". ",  ".",   "U.S.", "\"",  "\xE2\x80\x9C", "\xE2\x80\x9D",
        "Mr.",   "a.m.", "3",   ",",   ":",   "-",    "'",   "\xE2\x80\x99", "\xE2\x80\xA6",
        "@",     "#",    "$",   "www.", "http://", "\n\n", "\n", "?",  "!",  "(",  ")",
        "\xC3\xA9", "\xFF", "\xE2\x80", "\xC2\xA0", "A", "The", "etc.", "x.com", "@m.org"};
    srand(7);
    char buf[600];
    for (int it = 0; it < 3000; it++) {
        size_t n = 0;
        while (n < 500) {
            const char *p = pieces[rand() % (int)(sizeof pieces / sizeof pieces[0])];
            size_t l = strlen(p);
            memcpy(buf + n, p, l);
            n += l;
        }
        seg g;
        run_blocks(&g, buf, n, NULL, 0);
        done(&g);
    }
}

static void word_lists_are_sorted(void **state) {
    (void)state;
    assert_true(sl_segment_lists_sorted());
}

/* Real noisy texts from the shared corpus: the invariants hold. */
static void shared_seeds_keep_invariants(void **state) {
    (void)state;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/corpus/seeds", SL_SHARED_DIR);
    DIR *d = opendir(dir);
    if (!d) {
        print_message("shared seeds not found at %s\n", dir);
        skip();
    }
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        static char text[1 << 20];
        size_t n = fread(text, 1, sizeof text, f);
        fclose(f);
        seg g;
        run_blocks(&g, text, n, NULL, 0);
        assert_true(n == 0 || g.ns > 0);
        done(&g);
        files++;
    }
    closedir(d);
    assert_true(files > 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_money_and_time),
        cmocka_unit_test(words_keep_apostrophes_hyphens_and_accents),
        cmocka_unit_test(abbreviations_keep_their_period),
        cmocka_unit_test(urls_emails_handles_and_tags),
        cmocka_unit_test(punctuation_marks_are_tokens),
        cmocka_unit_test(splits_plain_sentences),
        cmocka_unit_test(abbreviations_do_not_split),
        cmocka_unit_test(abbreviations_end_sentences_before_openers),
        cmocka_unit_test(initials_are_not_sentence_ends),
        cmocka_unit_test(quotes_close_with_their_sentence),
        cmocka_unit_test(quotes_spanning_sentences),
        cmocka_unit_test(ellipses),
        cmocka_unit_test(glued_and_listed_sentences),
        cmocka_unit_test(blocks_bound_sentences),
        cmocka_unit_test(bad_block_spans_are_clamped),
        cmocka_unit_test(empty_text),
        cmocka_unit_test(refuses_bad_arguments),
        cmocka_unit_test(pathological_runs_stay_sane),
        cmocka_unit_test(random_soup_keeps_invariants),
        cmocka_unit_test(word_lists_are_sorted),
        cmocka_unit_test(shared_seeds_keep_invariants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

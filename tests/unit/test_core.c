/* Unit tests for core/: the draft (date choice, limits) and format detection. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <time.h>

#include "core/draft.h"

static sl_article *finish(sl_draft *d) {
    sl_article *a = NULL;
    sl_error e;
    assert_int_equal(sl_draft_finish(d, &a, &e), SL_OK);
    return a;
}

static void strongest_date_source_wins(void **state) {
    (void)state;
    sl_draft d;
    sl_draft_init(&d, SL_FORMAT_HTML);
    sl_draft_add_block(&d, SL_BLOCK_PARAGRAPH, "The ferry sailed at dawn.", 25, NULL);
    sl_draft_add_date(&d, "2023-03-08", SL_DATE_URL);
    sl_draft_add_date(&d, "2023-03-09T08:15:00Z", SL_DATE_JSONLD);
    sl_draft_add_date(&d, "2023-03-10", SL_DATE_META);
    sl_article *a = finish(&d);
    assert_string_equal(a->published, "2023-03-09T08:15:00Z");
    assert_int_equal(a->published_from, SL_DATE_JSONLD);
    sl_article_free(a);
}

static void implausible_dates_never_enter(void **state) {
    (void)state;
    sl_draft d;
    sl_draft_init(&d, SL_FORMAT_TEXT);
    sl_draft_add_block(&d, SL_BLOCK_PARAGRAPH, "Harbour news.", 13, NULL);
    sl_draft_add_date(&d, "2999-01-01", SL_DATE_META);
    sl_draft_add_date(&d, "1901-05-05", SL_DATE_META);
    sl_draft_add_date(&d, "2023-02-30", SL_DATE_META);
    sl_article *a = finish(&d);
    assert_string_equal(a->published, ""); /* missing stays missing */
    assert_int_equal(a->published_from, SL_DATE_NONE);
    sl_article_free(a);
}

static void blocks_are_normalized_and_spans_exact(void **state) {
    (void)state;
    sl_draft d;
    sl_draft_init(&d, SL_FORMAT_TEXT);
    sl_draft_add_block(&d, SL_BLOCK_HEADING, "  Strike   ends \n", 17, NULL);
    sl_draft_add_block(&d, SL_BLOCK_TURN, "We are back at work.", 20, "MARA OSEI");
    sl_draft_add_block(&d, SL_BLOCK_PARAGRAPH, " \t\n ", 4, NULL); /* dropped */
    sl_article *a = finish(&d);
    assert_string_equal(a->text, "Strike ends\n\nWe are back at work.");
    assert_int_equal(a->n_blocks, 2);
    assert_int_equal(a->blocks[1].start, 13);
    assert_int_equal(a->blocks[1].end, a->text_len);
    assert_string_equal(a->blocks[1].speaker, "MARA OSEI");
    assert_true(a->n_sentences >= 2);
    sl_article_free(a);
}

static void empty_draft_is_an_error(void **state) {
    (void)state;
    sl_draft d;
    sl_draft_init(&d, SL_FORMAT_TEXT);
    sl_article *a = NULL;
    sl_error e;
    assert_int_equal(sl_draft_finish(&d, &a, &e), SL_ERR_EMPTY);
    assert_null(a);
    sl_draft_discard(&d);
}

static void time_budget_ends_in_a_limit_error(void **state) {
    (void)state;
    sl_draft d;
    sl_draft_init(&d, SL_FORMAT_TEXT);
    sl_draft_set_deadline(&d, 1e-9);
    struct timespec ts = {0, 2000000};
    nanosleep(&ts, NULL);
    sl_draft_add_block(&d, SL_BLOCK_PARAGRAPH, "Too late.", 9, NULL);
    sl_article *a = NULL;
    sl_error e;
    assert_int_equal(sl_draft_finish(&d, &a, &e), SL_ERR_LIMIT);
    assert_non_null(strstr(e.msg, "time limit"));
    sl_draft_discard(&d);
}

static void format_is_detected_from_content(void **state) {
    (void)state;
    assert_int_equal(sl_detect_format("WARC/1.1\r\n", 10, "x.txt"), SL_FORMAT_WARC);
    assert_int_equal(sl_detect_format("{\"title\":1}\n", 12, "x.html"), SL_FORMAT_JSONL);
    assert_int_equal(sl_detect_format("\xEF\xBB\xBF<!DOCTYPE html>", 18, NULL), SL_FORMAT_HTML);
    const char *hdr = "Ferry strike ends\n20230310\nhttps://example.org/a\nBody.\n";
    assert_int_equal(sl_detect_format(hdr, strlen(hdr), NULL), SL_FORMAT_HEADERTEXT);
    assert_int_equal(sl_detect_format("Just words.", 11, "page.txt"), SL_FORMAT_TEXT);
}

static void a_lying_charset_is_decoded_and_noted(void **state) {
    (void)state;
    const char *page = "<html><head><meta charset=\"utf-8\"><title>Caf\xE9</title></head>"
                       "<body><p>The harbour caf\xE9 reopened on Monday after the ferry strike "
                       "ended, and the owner said trade was already back to normal.</p></body></html>";
    sl_article *a = NULL;
    sl_error e;
    assert_int_equal(sl_extract(page, strlen(page), NULL, &a, &e), SL_OK);
    assert_non_null(strstr(a->text, "caf\xC3\xA9 reopened"));
    assert_non_null(strstr(a->warning, "charset"));
    sl_article_free(a);
}

static void extract_refuses_oversized_documents(void **state) {
    (void)state;
    sl_limits lim;
    sl_limits_default(&lim);
    lim.max_doc_bytes = 10;
    sl_extract_opts o = {.limits = &lim};
    sl_article *a = NULL;
    sl_error e;
    assert_int_equal(sl_extract("A long enough text.", 19, &o, &a, &e), SL_ERR_LIMIT);
    assert_null(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strongest_date_source_wins),
        cmocka_unit_test(implausible_dates_never_enter),
        cmocka_unit_test(blocks_are_normalized_and_spans_exact),
        cmocka_unit_test(empty_draft_is_an_error),
        cmocka_unit_test(time_budget_ends_in_a_limit_error),
        cmocka_unit_test(format_is_detected_from_content),
        cmocka_unit_test(a_lying_charset_is_decoded_and_noted),
        cmocka_unit_test(extract_refuses_oversized_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

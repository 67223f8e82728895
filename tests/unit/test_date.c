/* Unit tests for meta/date: parsing the shapes news sites print, validity,
 * plausibility, dates in URLs and at the top of text, copyright lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "meta/date.h"

static const char *parse(const char *s) {
    static char iso[32];
    if (!sl_date_parse(s, strlen(s), iso))
        return "(none)";
    return iso;
}

static void parses_iso_8601(void **state) {
    (void)state;
    assert_string_equal(parse("2023-03-03"), "2023-03-03");
    assert_string_equal(parse("2023-03-03T09:15:00Z"), "2023-03-03T09:15:00Z");
    assert_string_equal(parse("2023-03-03T09:15:00.250+01:00"), "2023-03-03T09:15:00+01:00");
    assert_string_equal(parse("2023-03-03T09:15-0800"), "2023-03-03T09:15:00-08:00");
    assert_string_equal(parse("2023-03-03 09:15:30"), "2023-03-03T09:15:30");
    assert_string_equal(parse("  2023-03-03  "), "2023-03-03");
}

static void parses_rfc_2822_and_1123(void **state) {
    (void)state;
    assert_string_equal(parse("Fri, 03 Mar 2023 17:40:00 GMT"), "2023-03-03T17:40:00Z");
    assert_string_equal(parse("Fri, 3 Mar 2023 17:40:00 +0200"), "2023-03-03T17:40:00+02:00");
    assert_string_equal(parse("Fri, 03 Mar 2023 17:40:00 EST"), "2023-03-03T17:40:00-05:00");
}

static void parses_written_dates(void **state) {
    (void)state;
    assert_string_equal(parse("March 3, 2023"), "2023-03-03");
    assert_string_equal(parse("Mar. 3, 2023"), "2023-03-03");
    assert_string_equal(parse("Sept. 14, 2022"), "2022-09-14");
    assert_string_equal(parse("3 March 2023"), "2023-03-03");
    assert_string_equal(parse("3rd March 2023"), "2023-03-03");
    assert_string_equal(parse("December 30th, 2021"), "2021-12-30");
    assert_string_equal(parse("Friday, March 3, 2023 4:05 PM"), "2023-03-03T16:05:00");
    assert_string_equal(parse("Friday, March 3, 2023 at 12:30 a.m."), "2023-03-03T00:30:00");
    assert_string_equal(parse("March 3, 2023 10:00 AM ET"), "2023-03-03T10:00:00");
}

static void parses_numeric_dates(void **state) {
    (void)state;
    assert_string_equal(parse("20230303"), "2023-03-03");
    assert_string_equal(parse("2023/03/03"), "2023-03-03");
    assert_string_equal(parse("12/30/2021"), "2021-12-30");
    /* ambiguous: US order; unambiguous day-first is understood */
    assert_string_equal(parse("03/04/2023"), "2023-03-04");
    assert_string_equal(parse("30/12/2021"), "2021-12-30");
}

static void rejects_invalid_and_partial_dates(void **state) {
    (void)state;
    const char *bad[] = {"",
                         "ferry",
                         "2023-02-29",
                         "2023-13-01",
                         "2021-04-31",
                         "February 30, 2024",
                         "March 2023",
                         "2023",
                         "20231301",
                         "13/13/2023",
                         "2023-03-03T25:00",
                         "March 3, 2023 and more",
                         "3:35 PM",
                         "Dec 32, 2021"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char iso[32];
        if (sl_date_parse(bad[i], strlen(bad[i]), iso))
            fail_msg("accepted \"%s\" as %s", bad[i], iso);
    }
    assert_string_equal(parse("2024-02-29"), "2024-02-29"); /* leap day */
}

static void plausible_is_1990_to_tomorrow(void **state) {
    (void)state;
    char iso[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    assert_true(sl_date_plausible(iso));
    time_t later = now + 3 * 86400;
    gmtime_r(&later, &tm);
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    assert_false(sl_date_plausible(iso));
    assert_true(sl_date_plausible("1990-01-01"));
    assert_true(sl_date_plausible("2023-03-03T09:15:00+01:00"));
    assert_false(sl_date_plausible("1989-12-31"));
    assert_false(sl_date_plausible("2999-01-01"));
    assert_false(sl_date_plausible("2023-02-30"));
    assert_false(sl_date_plausible("not a date"));
    assert_false(sl_date_plausible(NULL));
}

static const char *from_url(const char *url) {
    static char iso[32];
    return sl_date_from_url(url, iso) ? iso : "(none)";
}

static void finds_dates_in_url_paths(void **state) {
    (void)state;
    assert_string_equal(from_url("https://kmbr.example/2023/03/03/ferry-strike/"), "2023-03-03");
    assert_string_equal(from_url("https://kmbr.example/news/2023-03-03-ferry-strike"),
                        "2023-03-03");
    assert_string_equal(from_url("https://kmbr.example/news/20230303/ferry"), "2023-03-03");
    assert_string_equal(from_url("https://kmbr.example/audio/ferry_20230303_pilots.mp3"),
                        "2023-03-03");
    /* a month archive is not a publication date */
    assert_string_equal(from_url("https://kmbr.example/2023/03/ferry-strike/"), "(none)");
    /* article ids, host names and impossible dates are not dates */
    assert_string_equal(from_url("https://kmbr.example/news/ferry/3473091/"), "(none)");
    assert_string_equal(from_url("https://20230303.kmbr.example/ferry"), "(none)");
    assert_string_equal(from_url("https://kmbr.example/story/20231345/"), "(none)");
    assert_string_equal(from_url("https://kmbr.example/2999/01/01/future/"), "(none)");
    assert_string_equal(from_url("https://kmbr.example/"), "(none)");
}

static int from_text(const char *text, char iso[32]) {
    sl_date_source src = SL_DATE_NONE;
    int ok = sl_date_from_text(text, strlen(text), iso, &src);
    if (ok)
        assert_int_equal(src, SL_DATE_DATELINE);
    return ok;
}

static void finds_date_lines_and_datelines(void **state) {
    (void)state;
    char iso[32];
    assert_true(
        from_text("Ferry strike enters second week\n\nMarch 3, 2023\n\nCrews stayed ashore.", iso));
    assert_string_equal(iso, "2023-03-03");
    assert_true(from_text("Headline here\nPublished: Mar 3, 2023 10:00 AM\nBody.", iso));
    assert_string_equal(iso, "2023-03-03T10:00:00");
    assert_true(from_text("MARROW BAY, Ore., March 7, 2023 -- The pilots joined the strike.", iso));
    assert_string_equal(iso, "2023-03-07");
    assert_true(from_text("MARROW BAY, Mar. 7, 2023 \xE2\x80\x94 The pilots joined.", iso));
    assert_string_equal(iso, "2023-03-07");
    /* a publication line wins over an update line above it */
    assert_true(from_text("Updated: March 9, 2023\nPublished March 7, 2023\nText.", iso));
    assert_string_equal(iso, "2023-03-07");
    assert_true(from_text("Updated March 9, 2023\nText follows here.", iso));
    assert_string_equal(iso, "2023-03-09");
}

static void ignores_copyright_and_dates_in_sentences(void **state) {
    (void)state;
    char iso[32];
    assert_false(
        from_text("\xC2\xA9 2024 KMBR\nPublic radio for the coast\nPlay Live Radio\n", iso));
    assert_false(from_text("Copyright March 3, 2023 KMBR\nText.", iso));
    assert_false(from_text("Crews walked out on March 3, 2023 after talks failed.\n", iso));
    assert_false(from_text("The union voted on Friday, March 3.\n", iso));
    assert_false(from_text("0:00 0:00\n", iso));
    /* only the top of the text counts */
    char buf[512] = "";
    for (int i = 0; i < 20; i++)
        strcat(buf, "A line of ferry news.\n");
    strcat(buf, "March 3, 2023\n");
    assert_false(from_text(buf, iso));
}

static void recognises_copyright_lines(void **state) {
    (void)state;
    const char *yes[] = {"\xC2\xA9 2024 KMBR",   "(c) 2024 Marrow Bay Gazette",
                         "Copyright 2023 KMBR",  "Copyright \xC2\xA9 KMBR",
                         "All Rights Reserved.", "Transcript provided by KMBR, Copyright KMBR."};
    const char *no[] = {"Copyright law in Marrow Bay is strict.", "The ferry left at 6.",
                        "(c) the third option", ""};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!sl_is_copyright_line(yes[i], strlen(yes[i])))
            fail_msg("missed copyright line \"%s\"", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (sl_is_copyright_line(no[i], strlen(no[i])))
            fail_msg("\"%s\" taken for a copyright line", no[i]);
    char para[400];
    memset(para, 'a', sizeof para);
    memcpy(para, "\xC2\xA9 ", 3);
    assert_false(sl_is_copyright_line(para, sizeof para)); /* prose, not a rights line */
}

static void hostile_input_is_bounded(void **state) {
    (void)state;
    size_t n = 8u << 20;
    char *big = test_malloc(n);
    memset(big, '1', n);
    char iso[32];
    sl_date_source src;
    assert_false(sl_date_parse(big, n, iso));
    assert_false(sl_date_from_text(big, n, iso, &src));
    memset(big, '\n', n);
    assert_false(sl_date_from_text(big, n, iso, &src));
    for (size_t i = 0; i + 1 < n; i += 2)
        big[i] = '/', big[i + 1] = '2';
    big[n - 1] = 0;
    assert_false(sl_date_from_url(big, iso));
    test_free(big);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_iso_8601),
        cmocka_unit_test(parses_rfc_2822_and_1123),
        cmocka_unit_test(parses_written_dates),
        cmocka_unit_test(parses_numeric_dates),
        cmocka_unit_test(rejects_invalid_and_partial_dates),
        cmocka_unit_test(plausible_is_1990_to_tomorrow),
        cmocka_unit_test(finds_dates_in_url_paths),
        cmocka_unit_test(finds_date_lines_and_datelines),
        cmocka_unit_test(ignores_copyright_and_dates_in_sentences),
        cmocka_unit_test(recognises_copyright_lines),
        cmocka_unit_test(hostile_input_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

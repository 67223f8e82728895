/* Unit tests for text/normalize: whitespace, controls, repair and NFC. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/normalize.h"
#include "util/utf8.h"

/* Normalize s into a fresh buffer and compare with want. */
static void check(const char *s, size_t n, const char *want) {
    sl_buf b;
    sl_buf_init(&b);
    assert_int_equal(sl_normalize_inline(s, n, &b), 0);
    assert_string_equal(b.data ? b.data : "", want);
    sl_buf_free(&b);
}

#define CHECK(s, want) check(s, sizeof(s) - 1, want)

static void whitespace_runs_collapse_and_trim(void **state) {
    (void)state;
    CHECK("  Ferry\t\tcrews \r\n walked   out.\n", "Ferry crews walked out.");
    CHECK("\n\n \t", "");
    CHECK("", "");
}

static void unicode_spaces_collapse_and_zero_width_vanish(void **state) {
    (void)state;
    /* NBSP, thin space, narrow NBSP, ideographic space */
    CHECK("Marrow\xC2\xA0" "Bay\xE2\x80\x89\xE2\x80\xAF" "harbour\xE3\x80\x80" "master",
          "Marrow Bay harbour master");
    /* zero-width space/joiners and BOM are dropped, not turned into spaces */
    CHECK("\xEF\xBB\xBFstri\xE2\x80\x8Bke\xE2\x80\x8D pay", "strike pay");
    CHECK("\xC2\xA0\xC2\xA0 quay \xC2\xA0", "quay");
}

static void controls_are_dropped(void **state) {
    (void)state;
    CHECK("pier\x01\x02 7\x7F", "pier 7");
    CHECK("dock\xC2\x80\xC2\x9F" "side", "dockside"); /* C1 controls */
}

static void invalid_utf8_becomes_replacement(void **state) {
    (void)state;
    CHECK("fare \xFF rise \xC3", "fare \xEF\xBF\xBD rise \xEF\xBF\xBD");
    CHECK("\xED\xA0\x80x", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx"); /* surrogate bytes */
}

static void decomposed_accents_are_composed(void **state) {
    (void)state;
    CHECK("cafe\xCC\x81 ferry", "caf\xC3\xA9 ferry"); /* e + U+0301 -> U+00E9 */
    CHECK("A\xCC\x8A", "\xC3\x85");                   /* A + ring above */
    CHECK("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "\xED\x95\x9C"); /* Hangul jamo */
    CHECK("\xE2\x84\xAB", "\xC3\x85"); /* ANGSTROM SIGN singleton */
}

static void appends_after_existing_content(void **state) {
    (void)state;
    sl_buf b;
    sl_buf_init(&b);
    sl_buf_puts(&b, "Title: ");
    assert_int_equal(sl_normalize_inline("  cafe\xCC\x81  strike ", 17, &b), 0);
    assert_string_equal(b.data, "Title: caf\xC3\xA9 strike");
    sl_buf_free(&b);
}

/* The fast path skips utf8proc for code points it calls NFC-safe; check
 * that claim against utf8proc itself. */
static void fast_path_ranges_are_nfc_stable(void **state) {
    (void)state;
    const int32_t ranges[][2] = {{0xA0, 0x2FF},     {0x388, 0x3CE},   {0x400, 0x482},
                                 {0x48A, 0x52F},    {0x5D0, 0x5EA},   {0x621, 0x64A},
                                 {0x2010, 0x205E},  {0x20A0, 0x20BF}, {0x3041, 0x3096},
                                 {0x30A1, 0x30FA},  {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}};
    for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++)
        for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            assert_int_equal(utf8proc_get_property(cp)->combining_class, 0);
            char in[8];
            size_t n = sl_utf8_encode(cp, in);
            in[n] = 0;
            utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)in);
            assert_non_null(nfc);
            assert_string_equal((const char *)nfc, in);
            free(nfc);
        }
}

static void long_input_stays_valid(void **state) {
    (void)state;
    enum { N = 1 << 20 };
    static char big[N];
    for (size_t i = 0; i < N; i++)
        big[i] = "ab \xC3\xA9\t\xFF\n"[i % 8];
    sl_buf b;
    sl_buf_init(&b);
    assert_int_equal(sl_normalize_inline(big, N, &b), 0);
    assert_true(sl_utf8_valid(b.data, b.len));
    assert_null(strstr(b.data, "  "));
    sl_buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whitespace_runs_collapse_and_trim),
        cmocka_unit_test(unicode_spaces_collapse_and_zero_width_vanish),
        cmocka_unit_test(controls_are_dropped),
        cmocka_unit_test(invalid_utf8_becomes_replacement),
        cmocka_unit_test(decomposed_accents_are_composed),
        cmocka_unit_test(appends_after_existing_content),
        cmocka_unit_test(fast_path_ranges_are_nfc_stable),
        cmocka_unit_test(long_input_stays_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

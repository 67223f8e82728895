/* Unit tests for text/charset: charset decisions and transcoding to UTF-8. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "text/charset.h"
#include "util/utf8.h"

typedef struct result {
    sl_arena arena;
    char *text;
    size_t len;
    sl_charset_info info;
    sl_error err;
    sl_status st;
} result;

static void decode(result *r, const char *data, size_t len, const char *ctype, int html) {
    memset(r, 0, sizeof *r);
    sl_arena_init(&r->arena, 0);
    r->st = sl_charset_decode(data, len, ctype, html, &r->arena, &r->text, &r->len, &r->info,
                              &r->err);
    if (r->st == SL_OK) {
        assert_int_equal(strlen(r->text), r->len); /* NUL-terminated, no inner NUL */
        assert_true(sl_utf8_valid(r->text, r->len));
    }
}

static void done(result *r) {
    sl_arena_free(&r->arena);
}

static void windows1252_smart_quotes_become_unicode(void **state) {
    (void)state;
    const char *s = "The \x93Marrow Bay\x94 ferry crews\x92 strike \x96 day two\x85";
    result r;
    decode(&r, s, strlen(s), "text/plain; charset=windows-1252", 0);
    assert_int_equal(r.st, SL_OK);
    assert_string_equal(r.text, "The \xE2\x80\x9CMarrow Bay\xE2\x80\x9D ferry crews\xE2\x80\x99"
                                " strike \xE2\x80\x93 day two\xE2\x80\xA6");
    assert_string_equal(r.info.name, "windows-1252");
    assert_int_equal(r.info.from, SL_CS_HTTP);
    assert_int_equal(r.info.lied, 0);
    done(&r);
}

static void latin1_label_decodes_as_windows1252(void **state) {
    (void)state;
    const char *s = "<html><head><meta charset=\"ISO-8859-1\"></head><body>"
                    "Caf\xE9 owners said \x93no\x94.</body></html>";
    result r;
    decode(&r, s, strlen(s), NULL, 1);
    assert_int_equal(r.st, SL_OK);
    assert_non_null(strstr(r.text, "Caf\xC3\xA9 owners said \xE2\x80\x9Cno\xE2\x80\x9D."));
    assert_int_equal(r.info.from, SL_CS_META);
    assert_string_equal(r.info.name, "windows-1252");
    done(&r);
}

static void unknown_label_falls_back_to_detection(void **state) {
    (void)state;
    const char *s = "<html><head><meta charset=\"x-harbourspeak\"></head><body>"
                    "The ferry caf\xE9 in Marrow Bay opened again after the strike.</body></html>";
    result r;
    decode(&r, s, strlen(s), "text/html; charset=also-unknown", 1);
    assert_int_equal(r.st, SL_OK);
    assert_non_null(strstr(r.text, "caf\xC3\xA9 in Marrow Bay"));
    assert_true(r.info.from >= SL_CS_UTF8); /* neither label was used */
    done(&r);
}

static void page_declaring_utf8_but_latin1_is_caught(void **state) {
    (void)state;
    const char *s = "<html><head><meta http-equiv=\"Content-Type\" "
                    "content=\"text/html; charset=utf-8\"></head><body><p>"
                    "Le p\xEA" "cheur de Marrow Bay a d\xE9" "clar\xE9 que la gr\xE8ve "
                    "co\xFBte cher \xE0 toute la r\xE9gion.</p></body></html>";
    result r;
    decode(&r, s, strlen(s), NULL, 1);
    assert_int_equal(r.st, SL_OK);
    assert_int_equal(r.info.lied, 1);
    assert_non_null(strstr(r.text, "p\xC3\xAA" "cheur"));
    assert_non_null(strstr(r.text, "d\xC3\xA9" "clar\xC3\xA9"));
    assert_null(strstr(r.text, "\xEF\xBF\xBD")); /* no replacement characters */
    done(&r);
}

static void page_declaring_latin1_but_utf8_is_caught(void **state) {
    (void)state;
    const char *s = "<meta charset=\"iso-8859-1\"><p>Caf\xC3\xA9 \xE2\x80\x94 open</p>";
    result r;
    decode(&r, s, strlen(s), NULL, 1);
    assert_int_equal(r.st, SL_OK);
    assert_int_equal(r.info.lied, 1);
    assert_string_equal(r.info.name, "utf-8");
    assert_non_null(strstr(r.text, "Caf\xC3\xA9 \xE2\x80\x94 open"));
    done(&r);
}

static void utf16le_with_bom(void **state) {
    (void)state;
    const char *word = "Ferry \xE2\x82\xAC"; /* "Ferry €" */
    unsigned char s[64];
    size_t n = 0;
    s[n++] = 0xFF;
    s[n++] = 0xFE;
    for (const char *p = "Ferry "; *p; p++) {
        s[n++] = (unsigned char)*p;
        s[n++] = 0;
    }
    s[n++] = 0xAC; /* U+20AC */
    s[n++] = 0x20;
    s[n++] = 0x3D; /* U+1F600 as a surrogate pair D83D DE00 */
    s[n++] = 0xD8;
    s[n++] = 0x00;
    s[n++] = 0xDE;
    result r;
    decode(&r, (const char *)s, n, NULL, 0);
    assert_int_equal(r.st, SL_OK);
    assert_int_equal(r.info.from, SL_CS_BOM);
    assert_memory_equal(r.text, word, strlen(word));
    assert_string_equal(r.text + strlen(word), "\xF0\x9F\x98\x80");
    done(&r);
}

static void utf16le_without_bom_is_recognised(void **state) {
    (void)state;
    const char *text = "Harbour pilots joined the strike on Monday morning.";
    char s[256];
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        s[n++] = *p;
        s[n++] = 0;
    }
    result r;
    decode(&r, s, n, NULL, 0);
    assert_int_equal(r.st, SL_OK);
    assert_string_equal(r.text, text);
    done(&r);
}

static void ascii_page_mislabelled_utf16_is_read_as_text(void **state) {
    (void)state;
    const char *s = "<p>Ferry timetable: \xE2\x80\x9Cno sailings\xE2\x80\x9D</p>";
    result r;
    decode(&r, s, strlen(s), "text/html; charset=utf-16", 1);
    assert_int_equal(r.st, SL_OK);
    assert_string_equal(r.text, s);
    assert_int_equal(r.info.lied, 1);
    done(&r);
}

static void binary_blob_is_rejected(void **state) {
    (void)state;
    unsigned char blob[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof blob; i++) {
        x = x * 1103515245u + 12345u;
        blob[i] = (unsigned char)(x >> 16);
    }
    result r;
    decode(&r, (const char *)blob, sizeof blob, NULL, 0);
    assert_int_equal(r.st, SL_ERR_ENCODING);
    assert_non_null(strstr(r.err.msg, "binary"));
    done(&r);

    const char pdf[] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
    decode(&r, pdf, sizeof pdf - 1, NULL, 0);
    assert_int_equal(r.st, SL_ERR_ENCODING);
    assert_non_null(strstr(r.err.msg, "PDF"));
    done(&r);
}

static void stray_bad_bytes_in_utf8_become_replacement(void **state) {
    (void)state;
    const char *s = "Na\xC3\xAFve crew \xE2\x80\x94 \xFF r\xC3\xA9sum\xC3\xA9 \xC3\xA0 la \xC3";
    result r;
    decode(&r, s, strlen(s), "text/html; charset=UTF-8", 0);
    assert_int_equal(r.st, SL_OK);
    assert_int_equal(r.info.lied, 0);
    assert_string_equal(r.text, "Na\xC3\xAFve crew \xE2\x80\x94 \xEF\xBF\xBD r\xC3\xA9sum\xC3\xA9"
                                " \xC3\xA0 la \xEF\xBF\xBD");
    done(&r);
}

static void plain_utf8_takes_the_fast_path(void **state) {
    (void)state;
    const char *s = "Ferry strike enters its third week in Marrow Bay \xE2\x80\x94 again.";
    result r;
    decode(&r, s, strlen(s), NULL, 1);
    assert_int_equal(r.st, SL_OK);
    assert_string_equal(r.text, s);
    assert_int_equal(r.info.from, SL_CS_UTF8);
    assert_string_equal(r.info.name, "utf-8");
    done(&r);

    decode(&r, "", 0, NULL, 0);
    assert_int_equal(r.st, SL_OK);
    assert_string_equal(r.text, "");
    done(&r);
}

static void koi8r_and_windows1251_declared(void **state) {
    (void)state;
    /* "Паром" (ferry) in KOI8-R and in windows-1251 */
    const char koi[] = "\xF0\xC1\xD2\xCF\xCD";
    const char cp1251[] = "\xCF\xE0\xF0\xEE\xEC";
    const char *want = "\xD0\x9F\xD0\xB0\xD1\x80\xD0\xBE\xD0\xBC";
    result r;
    decode(&r, koi, 5, "text/plain; charset=\"KOI8-R\"", 0);
    assert_int_equal(r.st, SL_OK);
    assert_string_equal(r.text, want);
    done(&r);
    decode(&r, cp1251, 5, "text/plain;charset=cp1251", 0);
    assert_int_equal(r.st, SL_OK);
    assert_string_equal(r.text, want);
    done(&r);
}

static void iso8859_2_and_15(void **state) {
    (void)state;
    result r;
    decode(&r, "\xB1\xE6", 2, "text/plain; charset=iso-8859-2", 0); /* ą ć */
    assert_int_equal(r.st, SL_OK);
    assert_string_equal(r.text, "\xC4\x85\xC4\x87");
    done(&r);
    decode(&r, "10 \xA4", 4, "text/plain; charset=latin9", 0); /* euro sign */
    assert_int_equal(r.st, SL_OK);
    assert_string_equal(r.text, "10 \xE2\x82\xAC");
    done(&r);
}

static void undeclared_cyrillic_is_detected(void **state) {
    (void)state;
    /* A few sentences of Russian in windows-1251, no declaration. */
    const char *ru = "\xCF\xE0\xF0\xEE\xEC \xED\xE5 \xF5\xEE\xE4\xE8\xF2 \xF3\xE6\xE5 "
                     "\xF2\xF0\xE5\xF2\xE8\xE9 \xE4\xE5\xED\xFC. \xCA\xEE\xEC\xE0\xED\xE4\xE0 "
                     "\xE1\xE0\xF1\xF2\xF3\xE5\xF2, \xE0 \xE3\xEE\xF0\xEE\xE4 \xE6\xE4\xB8\xF2 "
                     "\xED\xEE\xE2\xEE\xF1\xF2\xE5\xE9 \xEE\xF2 \xEF\xEE\xF0\xF2\xE0. "
                     "\xCF\xE0\xF1\xF1\xE0\xE6\xE8\xF0\xFB \xE6\xE4\xF3\xF2 \xED\xE0 "
                     "\xEF\xF0\xE8\xF7\xE0\xEB\xE5 \xF1 \xF3\xF2\xF0\xE0 \xE4\xEE "
                     "\xE2\xE5\xF7\xE5\xF0\xE0.";
    result r;
    decode(&r, ru, strlen(ru), NULL, 0);
    assert_int_equal(r.st, SL_OK);
    assert_int_equal(r.info.from, SL_CS_DETECTED);
    /* "Паром не ходит" */
    assert_non_null(strstr(r.text, "\xD0\x9F\xD0\xB0\xD1\x80\xD0\xBE\xD0\xBC "
                                   "\xD0\xBD\xD0\xB5 \xD1\x85\xD0\xBE\xD0\xB4\xD0\xB8\xD1\x82"));
    done(&r);
}

static void undeclared_latin1_falls_back_sensibly(void **state) {
    (void)state;
    const char *s = "Le ferry de Marrow Bay ne part plus: la gr\xE8ve continue, "
                    "et les p\xEA" "cheurs sont d\xE9\xE7us.";
    result r;
    decode(&r, s, strlen(s), NULL, 0);
    assert_int_equal(r.st, SL_OK);
    assert_non_null(strstr(r.text, "gr\xC3\xA8ve"));
    assert_non_null(strstr(r.text, "d\xC3\xA9\xC3\xA7us"));
    done(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(windows1252_smart_quotes_become_unicode),
        cmocka_unit_test(latin1_label_decodes_as_windows1252),
        cmocka_unit_test(unknown_label_falls_back_to_detection),
        cmocka_unit_test(page_declaring_utf8_but_latin1_is_caught),
        cmocka_unit_test(page_declaring_latin1_but_utf8_is_caught),
        cmocka_unit_test(utf16le_with_bom),
        cmocka_unit_test(utf16le_without_bom_is_recognised),
        cmocka_unit_test(ascii_page_mislabelled_utf16_is_read_as_text),
        cmocka_unit_test(binary_blob_is_rejected),
        cmocka_unit_test(stray_bad_bytes_in_utf8_become_replacement),
        cmocka_unit_test(plain_utf8_takes_the_fast_path),
        cmocka_unit_test(koi8r_and_windows1251_declared),
        cmocka_unit_test(iso8859_2_and_15),
        cmocka_unit_test(undeclared_cyrillic_is_detected),
        cmocka_unit_test(undeclared_latin1_falls_back_sensibly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for read/json: the small JSON parser behind the JSONL reader. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "read/json.h"

static sl_json *parse(sl_arena *a, const char *s, size_t depth, sl_json_error *e) {
    return sl_json_parse(s, strlen(s), depth, a, e);
}

static void object_members_and_types(void **state) {
    (void)state;
    sl_arena a;
    sl_arena_init(&a, 0);
    sl_json_error e;
    sl_json *o = parse(&a,
                       " {\"title\": \"Ferry strike\", \"n\": -12.5e3, \"ok\": true, \"no\": false,"
                       " \"nil\": null, \"tags\": [\"port\", {\"k\": []}], \"empty\": {}} ",
                       64, &e);
    assert_non_null(o);
    assert_int_equal(o->type, SL_JSON_OBJECT);
    assert_int_equal(o->n, 7);
    assert_string_equal(sl_json_get(o, "title")->str, "Ferry strike");
    const sl_json *n = sl_json_get(o, "n");
    assert_int_equal(n->type, SL_JSON_NUMBER);
    assert_int_equal(n->len, 7);
    assert_memory_equal(n->str, "-12.5e3", 7);
    assert_int_equal(sl_json_get(o, "ok")->type, SL_JSON_TRUE);
    assert_int_equal(sl_json_get(o, "no")->type, SL_JSON_FALSE);
    assert_int_equal(sl_json_get(o, "nil")->type, SL_JSON_NULL);
    const sl_json *tags = sl_json_get(o, "tags");
    assert_int_equal(tags->type, SL_JSON_ARRAY);
    assert_int_equal(tags->n, 2);
    assert_string_equal(tags->child->str, "port");
    assert_int_equal(tags->child->next->type, SL_JSON_OBJECT);
    assert_int_equal(sl_json_get(o, "empty")->n, 0);
    assert_null(sl_json_get(o, "missing"));
    sl_arena_free(&a);
}

static void string_escapes_and_surrogates(void **state) {
    (void)state;
    sl_arena a;
    sl_arena_init(&a, 0);
    sl_json_error e;
    /* é as \u00e9, the euro sign, a surrogate pair (U+1F6A2 ship), a lone
     * surrogate and \u0000 (both become U+FFFD). */
    sl_json *v = parse(&a, "\"a\\\"b\\\\c\\/d\\n\\t caf\\u00e9 \\u20AC \\ud83d\\udea2 \\ud800x \\u0000\"",
                       8, &e);
    assert_non_null(v);
    assert_int_equal(v->type, SL_JSON_STRING);
    assert_string_equal(v->str, "a\"b\\c/d\n\t caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x9A\xA2 "
                                "\xEF\xBF\xBDx \xEF\xBF\xBD");
    assert_int_equal(v->len, strlen(v->str));
    sl_arena_free(&a);
}

static void syntax_errors_are_reported(void **state) {
    (void)state;
    static const char *bad[] = {
        "{\"a\": 1",          /* unterminated object */
        "{\"a\" 1}",          /* missing colon */
        "{\"a\": 1,}",        /* trailing comma */
        "[1 2]",              /* missing comma */
        "\"open",             /* unterminated string */
        "\"bad \\x escape\"", /* unknown escape */
        "\"\\u12\"",          /* short \u */
        "01",                 /* leading zero */
        "{} {}",              /* two values */
        "tru",                /* broken literal */
        "",                   /* nothing */
        "[1, 2]]",            /* extra closer */
        "{\"a\": ]",          /* closer where a value goes */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        sl_arena a;
        sl_arena_init(&a, 0);
        sl_json_error e = {0};
        assert_null(parse(&a, bad[i], 64, &e));
        assert_true(e.msg[0] != '\0');
        sl_arena_free(&a);
    }
}

static char *nested(size_t depth) {
    char *s = malloc(2 * depth + 1);
    memset(s, '[', depth);
    memset(s + depth, ']', depth);
    s[2 * depth] = '\0';
    return s;
}

static void deep_nesting_is_an_error_not_a_crash(void **state) {
    (void)state;
    char *s = nested(100000);
    sl_arena a;
    sl_arena_init(&a, 0);
    sl_json_error e = {0};
    assert_null(parse(&a, s, 512, &e));
    assert_non_null(strstr(e.msg, "deep"));
    sl_arena_free(&a);
    /* Even a limit far above what a recursive parser survives is safe. */
    sl_arena_init(&a, 0);
    sl_json *v = parse(&a, s, 200000, &e);
    assert_non_null(v);
    assert_int_equal(v->type, SL_JSON_ARRAY);
    sl_arena_free(&a);
    free(s);
}

static void nesting_at_the_limit_is_accepted(void **state) {
    (void)state;
    char *s = nested(512);
    sl_arena a;
    sl_arena_init(&a, 0);
    sl_json_error e;
    assert_non_null(parse(&a, s, 512, &e));
    sl_arena_free(&a);
    free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(object_members_and_types),
        cmocka_unit_test(string_escapes_and_surrogates),
        cmocka_unit_test(syntax_errors_are_reported),
        cmocka_unit_test(deep_nesting_is_an_error_not_a_crash),
        cmocka_unit_test(nesting_at_the_limit_is_accepted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

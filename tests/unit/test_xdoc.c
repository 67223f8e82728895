/* Unit tests for facts/xdoc: one cluster per person across articles. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "storyline.h"
#include "facts/xdoc.h"

static uint32_t add(sl_xdoc *x, uint64_t doc, const char *name, sl_entity_type t) {
    uint32_t c = 0;
    assert_int_equal(sl_xdoc_add(x, doc, name, t, &c), 0);
    return c;
}

static void spelling_variants_merge(void **state) {
    (void)state;
    sl_xdoc *x = sl_xdoc_new();
    assert_non_null(x);
    uint32_t a = add(x, 1, "Tomas Vell", SL_ENT_PERSON);
    assert_int_equal(add(x, 2, "Thomas Vell", SL_ENT_PERSON), a);
    assert_int_equal(add(x, 3, "Vell", SL_ENT_PERSON), a);
    assert_int_equal(add(x, 4, "Mr. Vell", SL_ENT_PERSON), a);
    uint32_t z = add(x, 1, "Oleksiy Zaritsky", SL_ENT_PERSON);
    assert_int_equal(add(x, 2, "Oleksiy Zaritskyy", SL_ENT_PERSON), z);
    assert_int_equal(add(x, 3, "Oleksiy Zaritskiy", SL_ENT_PERSON), z);
    assert_int_equal(add(x, 3, "Tom\xC3\xA1s Vell", SL_ENT_PERSON), a); /* accent folded */
    assert_true(z != a);
    sl_xdoc_free(x);
}

static void shared_surname_stays_apart(void **state) {
    (void)state;
    sl_xdoc *x = sl_xdoc_new();
    uint32_t ida = add(x, 1, "Ida Quarles", SL_ENT_PERSON);
    uint32_t ben = add(x, 2, "Ben Quarles", SL_ENT_PERSON);
    assert_true(ida != ben);
    assert_int_equal(add(x, 3, "Ida Quarles", SL_ENT_PERSON), ida);
    assert_int_equal(add(x, 4, "Ben Quarles", SL_ENT_PERSON), ben);
    sl_xdoc_free(x);
}

static void short_form_first_then_full_name(void **state) {
    (void)state;
    sl_xdoc *x = sl_xdoc_new();
    uint32_t s = add(x, 1, "Vell", SL_ENT_PERSON);
    assert_int_equal(add(x, 2, "Tomas Vell", SL_ENT_PERSON), s);
    /* another Vell with another first name is someone else */
    assert_true(add(x, 3, "Marta Vell", SL_ENT_PERSON) != s);
    sl_xdoc_free(x);
}

static void organizations_and_acronyms(void **state) {
    (void)state;
    sl_xdoc *x = sl_xdoc_new();
    uint32_t o = add(x, 1, "Marrow Bay Ferry Company", SL_ENT_ORG);
    assert_int_equal(add(x, 2, "MBF", SL_ENT_ORG), o);
    assert_int_equal(add(x, 3, "Marrow Bay Ferry Co.", SL_ENT_ORG), o);
    uint32_t p = add(x, 1, "Marrow Bay", SL_ENT_PLACE);
    assert_true(p != o);
    assert_int_equal(add(x, 4, "marrow  bay", SL_ENT_PLACE), p);
    sl_xdoc_free(x);
}

/* Whether one article typed a phrase of common words an organization or
 * left it untyped must not split the company across articles. */
static void untyped_phrase_links_like_an_organization(void **state) {
    (void)state;
    sl_xdoc *x = sl_xdoc_new();
    uint32_t a = add(x, 1, "Lantern Works", SL_ENT_OTHER);
    assert_int_equal(add(x, 2, "Lantern Works", SL_ENT_ORG), a);
    assert_int_equal(add(x, 3, "Lantern", SL_ENT_ORG), a);
    assert_int_equal(add(x, 4, "LW", SL_ENT_ORG), a);
    uint32_t b = add(x, 5, "Harbour Ferry Guild", SL_ENT_ORG);
    assert_int_equal(add(x, 6, "Harbour Ferry Guild", SL_ENT_OTHER), b);
    /* an untyped phrase is no person: its last word is no surname */
    uint32_t p = add(x, 7, "Ida Works", SL_ENT_PERSON);
    assert_true(p != a);
    sl_xdoc_free(x);
}

static void many_names_stay_bounded(void **state) {
    (void)state;
    sl_xdoc *x = sl_xdoc_new();
    char name[64];
    for (int i = 0; i < 20000; i++) {
        snprintf(name, sizeof name, "Person%d Quarles", i);
        add(x, (uint64_t)i, name, SL_ENT_PERSON);
    }
    uint32_t a = add(x, 1, "Person7 Quarles", SL_ENT_PERSON);
    assert_int_equal(add(x, 2, "Person7 Quarles", SL_ENT_PERSON), a);
    sl_xdoc_free(x);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spelling_variants_merge),
        cmocka_unit_test(shared_surname_stays_apart),
        cmocka_unit_test(short_form_first_then_full_name),
        cmocka_unit_test(organizations_and_acronyms),
        cmocka_unit_test(untyped_phrase_links_like_an_organization),
        cmocka_unit_test(many_names_stay_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

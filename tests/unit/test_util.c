/* Unit tests for util/: arena, buffer, UTF-8, hashing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/utf8.h"

static void arena_survives_many_and_big_allocations(void **state) {
    (void)state;
    sl_arena a;
    sl_arena_init(&a, 0);
    for (int i = 0; i < 10000; i++) {
        char *p = sl_arena_alloc(&a, 100);
        assert_non_null(p);
        assert_int_equal(((uintptr_t)p) % 16, 0);
        memset(p, 'x', 100);
    }
    char *big = sl_arena_alloc(&a, 1 << 22);
    assert_non_null(big);
    memset(big, 0, 1 << 22);
    sl_arena_free(&a);
}

static void arena_limit_refuses_instead_of_growing(void **state) {
    (void)state;
    sl_arena a;
    sl_arena_init(&a, 1 << 20);
    assert_non_null(sl_arena_alloc(&a, 1000));
    assert_null(sl_arena_alloc(&a, 2 << 20));
    sl_arena_free(&a);
}

static void buf_json_escapes_and_repairs(void **state) {
    (void)state;
    sl_buf b;
    sl_buf_init(&b);
    sl_buf_json_str(&b, "a\"b\\\n\x01\xff", 7);
    assert_string_equal(b.data, "\"a\\\"b\\\\\\n\\u0001\xEF\xBF\xBD\"");
    sl_buf_free(&b);
}

/* A list grown one item at a time keeps every item; a size that cannot be
 * counted leaves the list as it was instead of wrapping to a small block. */
static void grow_keeps_items_and_refuses_overflow(void **state) {
    (void)state;
    int *v = NULL;
    size_t cap = 0;
    for (int i = 0; i < 1000; i++) {
        int *p = sl_grow(v, &cap, (size_t)i + 1, sizeof *p, 16);
        assert_non_null(p);
        v = p;
        v[i] = i;
    }
    assert_int_equal(cap, 1024); /* doubled from 16 */
    for (int i = 0; i < 1000; i++)
        assert_int_equal(v[i], i);
    assert_null(sl_grow(v, &cap, SIZE_MAX / 2, sizeof *v, 16));
    assert_null(sl_grow(v, &cap, SIZE_MAX, 1, 16));
    assert_int_equal(cap, 1024);
    assert_int_equal(v[999], 999);
    free(v);
}

static void utf8_rejects_overlong_and_surrogates(void **state) {
    (void)state;
    assert_int_equal(sl_utf8_valid("\xC0\xAF", 2), 0);
    assert_int_equal(sl_utf8_valid("\xED\xA0\x80", 3), 0);
    assert_int_equal(sl_utf8_valid("caf\xC3\xA9 \xE2\x80\x94", 9), 1);
    char out[4];
    assert_int_equal(sl_utf8_encode(0x20AC, out), 3);
    assert_memory_equal(out, "\xE2\x82\xAC", 3);
}

static void hash_differs_on_one_byte(void **state) {
    (void)state;
    uint8_t a[16], b[16];
    sl_hash128("storyline", 9, a);
    sl_hash128("storylinf", 9, b);
    assert_memory_not_equal(a, b, 16);
    sl_hash128("storyline", 9, b);
    assert_memory_equal(a, b, 16);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_survives_many_and_big_allocations),
        cmocka_unit_test(arena_limit_refuses_instead_of_growing),
        cmocka_unit_test(buf_json_escapes_and_repairs),
        cmocka_unit_test(grow_keeps_items_and_refuses_overflow),
        cmocka_unit_test(utf8_rejects_overlong_and_surrogates),
        cmocka_unit_test(hash_differs_on_one_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

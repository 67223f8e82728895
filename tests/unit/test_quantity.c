/* Unit tests for facts/quantity: values, hedges, ranges, units, changes,
 * and what is not a quantity. Fixtures: the fictional Marrow Bay ferry strike. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storyline.h"
#include "facts/quantity.h"

typedef struct found {
    sl_article *a;
    sl_arena ar;
    sl_quantity *q;
    size_t n;
} found;

static void find(found *f, const char *text) {
    sl_error err;
    assert_int_equal(sl_article_from_text(text, strlen(text), "2024-03-02", &f->a, &err), SL_OK);
    sl_arena_init(&f->ar, 0);
    assert_int_equal(sl_find_quantities(f->a, &f->ar, &f->q, &f->n, &err), SL_OK);
}

static void done(found *f) {
    sl_arena_free(&f->ar);
    sl_article_free(f->a);
}

static void assert_close(double got, double want) {
    if (fabs(got - want) > 1e-6 * (fabs(want) + 1))
        fail_msg("got %.10g, want %.10g", got, want);
}

static const char *span(const found *f, uint32_t s, uint32_t e, char *buf, size_t cap) {
    snprintf(buf, cap, "%.*s", (int)(e - s), f->a->text + s);
    return buf;
}

static void hedged_counts_and_money(void **state) {
    (void)state;
    found f;
    find(&f, "About 1,200 dock workers walked out in Marrow Bay, costing the ferry line "
             "$4.5 million a week.");
    assert_int_equal(f.n, 2);
    assert_close(f.q[0].value, 1200);
    assert_int_equal(f.q[0].bound, SL_BOUND_APPROX);
    assert_string_equal(f.q[0].unit, "dock worker");
    char b[64];
    assert_string_equal(span(&f, f.q[0].start, f.q[0].end, b, sizeof b), "About 1,200 dock workers");
    assert_string_equal(span(&f, f.q[0].about_start, f.q[0].about_end, b, sizeof b),
                        "dock workers");
    assert_close(f.q[1].value, 4.5e6);
    assert_int_equal(f.q[1].bound, SL_BOUND_EXACT);
    assert_string_equal(f.q[1].unit, "dollar per week");
    done(&f);
}

static void bounds_from_hedges(void **state) {
    (void)state;
    found f;
    find(&f, "The harbour master said more than 40 sailings were cancelled, at least 3 ferries "
             "stayed tied up for close to an hour and up to 600 passengers waited under 2 hours.");
    assert_int_equal(f.n, 4);
    assert_int_equal(f.q[0].bound, SL_BOUND_MORE_THAN);
    assert_string_equal(f.q[0].unit, "sailing");
    assert_int_equal(f.q[1].bound, SL_BOUND_AT_LEAST);
    assert_string_equal(f.q[1].unit, "ferry");
    assert_int_equal(f.q[2].bound, SL_BOUND_AT_MOST);
    assert_close(f.q[2].value, 600);
    assert_string_equal(f.q[2].unit, "passenger");
    assert_int_equal(f.q[3].bound, SL_BOUND_LESS_THAN);
    assert_string_equal(f.q[3].unit, "hour");
    done(&f);
}

/* "over" right after an amount spans time: no hedge on what follows. */
static void over_after_an_amount_is_a_span(void **state) {
    (void)state;
    found f;
    find(&f, "The deal gives crews 6.5 percent over two years, and over 300 crew members voted.");
    assert_int_equal(f.n, 3);
    assert_string_equal(f.q[1].unit, "year");
    assert_int_equal(f.q[1].bound, SL_BOUND_EXACT);
    assert_int_equal(f.q[2].bound, SL_BOUND_MORE_THAN);
    done(&f);
}

static void words_scales_and_fractions(void **state) {
    (void)state;
    found f;
    find(&f, "Two-thirds of the crews backed the union, which has a dozen branches, a "
             "1.2 billion yuan pension fund and tens of thousands of members across the coast.");
    assert_int_equal(f.n, 4);
    assert_close(f.q[0].value, 2.0 / 3.0);
    assert_close(f.q[1].value, 12);
    assert_string_equal(f.q[1].unit, "branch");
    assert_close(f.q[2].value, 1.2e9);
    assert_string_equal(f.q[2].unit, "chinese yuan");
    assert_close(f.q[3].low, 1e4);
    assert_close(f.q[3].high, 1e5);
    assert_string_equal(f.q[3].unit, "member");
    done(&f);
}

static void ranges_keep_both_ends(void **state) {
    (void)state;
    found f;
    find(&f, "Tickets will cost between 9 and 10 euros, and the crossing takes 50 to 55 minutes "
             "at 5 mph.");
    assert_int_equal(f.n, 3);
    assert_close(f.q[0].low, 9);
    assert_close(f.q[0].high, 10);
    assert_string_equal(f.q[0].unit, "euro");
    assert_close(f.q[1].low, 50);
    assert_close(f.q[1].high, 55);
    assert_string_equal(f.q[1].unit, "minute");
    assert_string_equal(f.q[2].unit, "mile per hour");
    done(&f);
}

static void percent_change_and_age(void **state) {
    (void)state;
    found f;
    find(&f, "Fares rose 3.5% in March, freight fell 12 percent, and the 27-year-old deckhand "
             "Ona Pell, 31, said wages were up 3 per cent.");
    assert_int_equal(f.n, 5);
    assert_close(f.q[0].value, 3.5);
    assert_string_equal(f.q[0].unit, "percent");
    assert_string_equal(f.q[0].change, "up");
    char b[64];
    assert_string_equal(span(&f, f.q[0].about_start, f.q[0].about_end, b, sizeof b), "Fares");
    assert_string_equal(f.q[1].change, "down");
    assert_string_equal(f.q[2].unit, "year of age");
    assert_close(f.q[2].value, 27);
    assert_string_equal(f.q[3].unit, "year of age");
    assert_close(f.q[3].value, 31);
    assert_string_equal(f.q[4].change, "up");
    assert_string_equal(f.q[4].unit, "percent");
    done(&f);
}

/* After a determiner a number modifies the noun that follows: "a 4% raise"
 * is about the raise; a name after it starts another phrase. */
static void a_modified_noun_is_what_it_is_about(void **state) {
    (void)state;
    found f;
    find(&f, "Crews get a 4% raise, the union wanted a 9 percent pay rise, Bayline signed "
             "a $400,000 contract, and the 4.5 percent Bayline offered was called final.");
    assert_int_equal(f.n, 4);
    char b[64];
    assert_string_equal(span(&f, f.q[0].about_start, f.q[0].about_end, b, sizeof b), "raise");
    assert_string_equal(span(&f, f.q[1].about_start, f.q[1].about_end, b, sizeof b), "pay rise");
    assert_string_equal(span(&f, f.q[2].about_start, f.q[2].about_end, b, sizeof b), "contract");
    assert_int_equal(f.q[3].about_end, f.q[3].about_start);
    done(&f);
}

/* "3,000 people a day" counts people per day; "a day later" is not a rate. */
static void a_count_per_day_is_a_rate(void **state) {
    (void)state;
    found f;
    find(&f, "The route carries about 3,000 people a day in winter. Two people a day later "
             "fell ill.");
    assert_int_equal(f.n, 2);
    char b[64];
    assert_string_equal(f.q[0].unit, "people per day");
    assert_string_equal(span(&f, f.q[0].start, f.q[0].end, b, sizeof b),
                        "about 3,000 people a day");
    assert_string_equal(span(&f, f.q[0].about_start, f.q[0].about_end, b, sizeof b), "people");
    assert_string_equal(f.q[1].unit, "people");
    done(&f);
}

static void currency_signs_and_codes(void **state) {
    (void)state;
    found f;
    find(&f, "The owners offered \xc2\xa3" "1,000 each, or US$1.1m, or 5,000 Danish crowns, "
             "against a \xe2\x82\xac" "2bn budget and 25k in fines.");
    assert_int_equal(f.n, 5);
    assert_string_equal(f.q[0].unit, "pound sterling");
    assert_close(f.q[0].value, 1000);
    assert_string_equal(f.q[1].unit, "dollar");
    assert_close(f.q[1].value, 1.1e6);
    assert_string_equal(f.q[2].unit, "danish krone");
    assert_string_equal(f.q[3].unit, "euro");
    assert_close(f.q[3].value, 2e9);
    assert_close(f.q[4].value, 25000);
    assert_string_equal(f.q[4].unit, "");
    done(&f);
}

static void dates_times_and_names_are_not_quantities(void **state) {
    (void)state;
    found f;
    find(&f, "The strike began in 2014 and resumed on Jan. 10 at 3:35 p.m., two days after the "
             "G7 talks, when Pier 9 closed. Call 555-0142 or see Route 66. It was one of the "
             "longest since the Second World War, and 10 March 2019 was quiet too.");
    for (size_t i = 0; i < f.n; i++) {
        char b[64];
        span(&f, f.q[i].start, f.q[i].end, b, sizeof b);
        assert_string_equal(b, "two days");
    }
    assert_int_equal(f.n, 1);
    assert_string_equal(f.q[0].unit, "day");
    done(&f);
}

static void negative_and_bare_numbers(void **state) {
    (void)state;
    found f;
    find(&f, "Water near the pier was minus 2 degrees Celsius and the gauge read 16369.03.");
    assert_int_equal(f.n, 2);
    assert_close(f.q[0].value, -2);
    assert_string_equal(f.q[0].unit, "celsius");
    assert_close(f.q[1].value, 16369.03);
    assert_string_equal(f.q[1].unit, "");
    assert_int_equal(f.q[1].unit_start, 0);
    done(&f);
}

static void hostile_input_stays_linear(void **state) {
    (void)state;
    size_t n = 200000;
    char *t = malloc(n + 1);
    assert_non_null(t);
    for (size_t i = 0; i < n; i++)
        t[i] = "1,-$ %a"[i % 7];
    t[n] = 0;
    found f;
    find(&f, t);
    assert_true(f.n < n);
    done(&f);
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hedged_counts_and_money),
        cmocka_unit_test(bounds_from_hedges),
        cmocka_unit_test(over_after_an_amount_is_a_span),
        cmocka_unit_test(words_scales_and_fractions),
        cmocka_unit_test(ranges_keep_both_ends),
        cmocka_unit_test(percent_change_and_age),
        cmocka_unit_test(a_modified_noun_is_what_it_is_about),
        cmocka_unit_test(a_count_per_day_is_a_rate),
        cmocka_unit_test(currency_signs_and_codes),
        cmocka_unit_test(dates_times_and_names_are_not_quantities),
        cmocka_unit_test(negative_and_bare_numbers),
        cmocka_unit_test(hostile_input_stays_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

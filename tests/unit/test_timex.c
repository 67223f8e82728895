/* Unit tests for facts/timex: time expressions and their TIMEX3 values,
 * on an invented story (a ferry strike in the port town of Marrow Bay). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "storyline.h"
#include "facts/timex.h"

typedef struct found {
    sl_article *a;
    sl_arena ar;
    sl_timex *x;
    size_t n;
} found;

static void scan(found *f, const char *text, const char *dct) {
    sl_error err;
    assert_int_equal(sl_article_from_text(text, strlen(text), dct, &f->a, &err), SL_OK);
    sl_arena_init(&f->ar, 0);
    assert_int_equal(sl_find_timexes(f->a, &f->ar, &f->x, &f->n, &err), SL_OK);
}

static void done(found *f) {
    sl_arena_free(&f->ar);
    sl_article_free(f->a);
}

/* The timex whose span is exactly `surface`, or NULL. */
static const sl_timex *span(const found *f, const char *surface) {
    size_t n = strlen(surface);
    for (size_t i = 0; i < f->n; i++) {
        const sl_timex *t = &f->x[i];
        if (t->end - t->start == n && memcmp(f->a->text + t->start, surface, n) == 0)
            return t;
    }
    return NULL;
}

static void expect(const found *f, const char *surface, sl_timex_type type, const char *value) {
    const sl_timex *t = span(f, surface);
    if (!t)
        fail_msg("no timex spans \"%s\"", surface);
    assert_string_equal(t->value, value);
    assert_int_equal(t->type, type);
}

static void weekdays_resolve_in_the_article_week(void **state) {
    (void)state;
    found f;
    /* 2021-12-30 is a Thursday */
    scan(&f,
         "Ferry crews in Marrow Bay walked off the job on Tuesday.\n"
         "The harbour board said it will meet the union on Friday.\n"
         "Talks broke down Thursday night after a long session.\n",
         "2021-12-30");
    expect(&f, "Tuesday", SL_TIMEX_DATE, "2021-12-28");
    expect(&f, "Friday", SL_TIMEX_DATE, "2021-12-31");
    expect(&f, "Thursday night", SL_TIMEX_TIME, "2021-12-30TNI");
    done(&f);
}

/* "Tuesday, March 14": the date decides; a clock time between the verb and
 * the weekday does not hide the future tense. */
static void weekday_with_date_and_future_across_a_clock_time(void **state) {
    (void)state;
    found f;
    /* 2023-03-06 is a Monday */
    scan(&f,
         "The talks open on Tuesday, March 14, in Port Aske.\n"
         "Crews will strike from 5 a.m. on Wednesday, the union said.\n",
         "2023-03-06");
    expect(&f, "Tuesday, March 14", SL_TIMEX_DATE, "2023-03-14");
    expect(&f, "Wednesday", SL_TIMEX_DATE, "2023-03-08");
    done(&f);
}

static void month_day_takes_the_year_nearest_the_article(void **state) {
    (void)state;
    found f;
    scan(&f, "Sailings resume Jan. 10, the union said. The dispute began on 2 December.",
         "2021-12-30");
    expect(&f, "Jan. 10", SL_TIMEX_DATE, "2022-01-10");
    expect(&f, "2 December", SL_TIMEX_DATE, "2021-12-02");
    done(&f);
    scan(&f, "The walkout started Dec. 28 and the vote was January 10, 2022.", "2022-01-05");
    expect(&f, "Dec. 28", SL_TIMEX_DATE, "2021-12-28");
    expect(&f, "January 10, 2022", SL_TIMEX_DATE, "2022-01-10");
    done(&f);
}

static void durations_keep_their_hedges(void **state) {
    (void)state;
    found f;
    scan(&f,
         "Passengers waited more than two hours at the pier. The four-week stoppage "
         "follows a 50 minutes meeting and nearly a decade of disputes.",
         "2021-12-30");
    const sl_timex *t = span(&f, "more than two hours");
    assert_non_null(t);
    assert_string_equal(t->value, "PT2H");
    assert_string_equal(t->mod, "MORE_THAN");
    assert_int_equal(t->type, SL_TIMEX_DURATION);
    expect(&f, "four-week", SL_TIMEX_DURATION, "P4W");
    expect(&f, "50 minutes", SL_TIMEX_DURATION, "PT50M");
    expect(&f, "nearly a decade", SL_TIMEX_DURATION, "P10Y");
    done(&f);
}

static void clock_times_take_the_article_day(void **state) {
    (void)state;
    found f;
    scan(&f, "The last ferry left at 3:35 p.m. ET, and pickets arrived by 9 a.m.",
         "2021-12-30");
    expect(&f, "3:35 p.m. ET", SL_TIMEX_TIME, "2021-12-30T15:35");
    expect(&f, "9 a.m.", SL_TIMEX_TIME, "2021-12-30T09");
    done(&f);
}

static void relative_periods_resolve_against_the_date(void **state) {
    (void)state;
    found f;
    scan(&f,
         "Fares rose earlier this month and will rise again next month. "
         "Crews last struck in 2014, two years ago the port was sold, and "
         "the pier was built in the 1990s. A vote is due mid-February. "
         "Last week the mayor spoke. Yesterday the union met. Talks are now stalled. "
         "The board meets every Monday and publishes a weekly notice.",
         "2021-12-30");
    expect(&f, "earlier this month", SL_TIMEX_DATE, "2021-12");
    expect(&f, "next month", SL_TIMEX_DATE, "2022-01");
    expect(&f, "2014", SL_TIMEX_DATE, "2014");
    expect(&f, "two years ago", SL_TIMEX_DATE, "2019");
    expect(&f, "the 1990s", SL_TIMEX_DATE, "199");
    const sl_timex *t = span(&f, "mid-February");
    assert_non_null(t);
    assert_string_equal(t->value, "2022-02");
    assert_string_equal(t->mod, "MID");
    expect(&f, "Last week", SL_TIMEX_DATE, "2021-W51");
    expect(&f, "Yesterday", SL_TIMEX_DATE, "2021-12-29");
    expect(&f, "now", SL_TIMEX_DATE, "PRESENT_REF");
    expect(&f, "every Monday", SL_TIMEX_SET, "XXXX-WXX-1");
    expect(&f, "weekly", SL_TIMEX_SET, "P1W");
    done(&f);
}

static void numbers_and_ages_are_no_times(void **state) {
    (void)state;
    found f;
    scan(&f,
         "The 747 jet flew over the harbour. Tickets cost $2,014 in total. "
         "A 30-year-old deckhand, 45 years old by his account, joined 1,200 passengers on 12 boats.",
         "2021-12-30");
    assert_int_equal(f.n, 0);
    done(&f);
}

static void undated_articles_keep_unknowns(void **state) {
    (void)state;
    found f;
    scan(&f, "The ferry sailed on Tuesday and returned in 2019.", "");
    expect(&f, "Tuesday", SL_TIMEX_DATE, "XXXX-WXX-2");
    expect(&f, "2019", SL_TIMEX_DATE, "2019");
    done(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weekdays_resolve_in_the_article_week),
        cmocka_unit_test(weekday_with_date_and_future_across_a_clock_time),
        cmocka_unit_test(month_day_takes_the_year_nearest_the_article),
        cmocka_unit_test(durations_keep_their_hedges),
        cmocka_unit_test(clock_times_take_the_article_day),
        cmocka_unit_test(relative_periods_resolve_against_the_date),
        cmocka_unit_test(numbers_and_ages_are_no_times),
        cmocka_unit_test(undated_articles_keep_unknowns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

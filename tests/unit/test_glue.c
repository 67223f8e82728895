/* Unit tests for text/glue: splitting words glued by lost markup, and
 * leaving everything else alone. Shared-corpus checks measure precision on
 * clean human text and recall on a real scraped seed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/glue.h"
#include "text/normalize.h"
#include "util/utf8.h"

static void expect(const char *in, const char *want, int splits) {
    sl_buf b;
    sl_buf_init(&b);
    int k = sl_glue_split(in, strlen(in), &b);
    assert_string_equal(b.data, want);
    assert_int_equal(k, splits);
    sl_buf_free(&b);
}

static void same(const char *in) {
    expect(in, in, 0);
}

static void word_list_is_compiled_in(void **state) {
    (void)state;
    assert_true(sl_glue_is_word("ferry", 5));
    assert_true(sl_glue_is_word("harbors", 7));
    assert_true(sl_glue_is_word("a", 1));
    assert_false(sl_glue_is_word("remainsunclear", 14));
    assert_false(sl_glue_is_word("ferry's", 7)); /* no possessives */
    assert_false(sl_glue_is_word("Ferry", 5));   /* lowercase lookups only */
    assert_false(sl_glue_is_word("", 0));
}

static void glued_words_are_split(void **state) {
    (void)state;
    expect("The ferry disputeremains unresolved.", "The ferry dispute remains unresolved.", 1);
    expect("Talks collapsed againstpassengers' wishes",
           "Talks collapsed against passengers' wishes", 1);
    expect("She called it aprovocation, then left.", "She called it a provocation, then left.",
           1);
    expect("Crews blockedtheferryterminal on Monday",
           "Crews blockedtheferryterminal on Monday", 0); /* 4 pieces: too doubtful */
    expect("They reached theferryterminal early", "They reached the ferry terminal early", 1);
    expect("\"Negotiationscollapsed,\" said the union; managementrefused.",
           "\"Negotiationscollapsed,\" said the union; management refused.", 1);
    expect("(regionalauthorities)", "(regional authorities)", 1);
    expect("Whether the offer stands is stillunclear.", "Whether the offer stands is still unclear.", 1);
}

static void names_acronyms_and_cased_words_untouched(void **state) {
    (void)state;
    same("Marrowbay Ferries and the MarrowBayUnion met Kowalczyk.");
    same("The HARBOURMASTERS statement");
    same("nevertheless counterintelligence businesslike brinkmanship");
}

static void urls_mails_handles_and_hashtags_untouched(void **state) {
    (void)state;
    same("See www.marrowbayferries.com/strikeupdates for times.");
    same("Write to pressoffice@marrowbayferries.com today");
    same("Trending: #ferrystrikeupdates and @marrowbayunion");
    same("path /var/ferryschedules/wintertimetable is empty");
    same("mailto:unionsecretary");
}

static void hyphens_digits_and_accents_untouched(void **state) {
    (void)state;
    same("a well-meaningpassenger and pier7remainsclosed");
    same("the militaryaction2 file");
    same("caf\xC3\xA9remainsclosed");
}

static void unknown_compounds_and_real_words_untouched(void **state) {
    (void)state;
    /* compounds a word list may lack: short pieces mean a compound */
    same("the tagline airflow groundwater storytelling mindset teardown");
    /* derived forms of known words */
    same("nonaggression reopenings unsinkable overbooking");
}

static void non_english_blocks_untouched(void **state) {
    (void)state;
    same("Die Kosten, die anfallen, sind hoch und die F\xC3\xA4hre nach Marrow Bay "
         "f\xC3\xA4hrt heute nicht mehr.");
}

static void long_and_hostile_input_is_linear(void **state) {
    (void)state;
    enum { N = 4 << 20 };
    char *s = malloc(N + 1);
    assert_non_null(s);
    for (size_t i = 0; i < N; i++)
        s[i] = "remainsunclear"[i % 14]; /* one 4 MB token */
    s[N] = 0;
    sl_buf b;
    sl_buf_init(&b);
    assert_int_equal(sl_glue_split(s, N, &b), 0);
    assert_int_equal(b.len, N);
    sl_buf_free(&b);
    free(s);
}

/* ------------------------------------------------- shared corpus */

static char *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    rewind(f);
    char *s = malloc((size_t)len + 1);
    if (s && fread(s, 1, (size_t)len, f) != (size_t)len) {
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s) {
        s[len] = 0;
        *n = (size_t)len;
    }
    return s;
}

/* Unescape the JSON string starting after its opening quote at *p into b. */
static void json_string(const char **p, sl_buf *b) {
    const char *s = *p;
    while (*s && *s != '"') {
        if (*s != '\\') {
            sl_buf_putc(b, *s++);
            continue;
        }
        s++;
        char c = *s ? *s++ : 0;
        if (c == 'n')
            sl_buf_putc(b, '\n');
        else if (c == 'u' && strlen(s) >= 4) {
            char enc[4];
            int32_t cp = (int32_t)strtol((char[]){s[0], s[1], s[2], s[3], 0}, NULL, 16);
            s += 4;
            sl_buf_append(b, enc, sl_utf8_encode(cp, enc)); /* surrogates -> U+FFFD */
        } else if (c == 't' || c == 'r')
            sl_buf_putc(b, ' ');
        else if (c)
            sl_buf_putc(b, c);
    }
    *p = s;
}

/* Normalize + glue each line of text like the draft does with blocks;
 * returns the number of splits and adds the bytes processed. */
static int run_blocks(const char *text, size_t n, size_t *bytes, int verbose) {
    sl_buf t, o;
    sl_buf_init(&t);
    sl_buf_init(&o);
    int splits = 0;
    for (const char *p = text, *end = text + n; p < end;) {
        const char *q = memchr(p, '\n', (size_t)(end - p));
        if (!q)
            q = end;
        sl_buf_clear(&t);
        sl_buf_clear(&o);
        assert_int_equal(sl_normalize_inline(p, (size_t)(q - p), &t), 0);
        int k = sl_glue_split(t.data, t.len, &o);
        assert_true(k >= 0);
        if (k && verbose)
            printf("  split in: %.*s\n", (int)(o.len < 160 ? o.len : 160), o.data);
        splits += k;
        *bytes += (size_t)(q - p);
        p = q + 1;
    }
    sl_buf_free(&t);
    sl_buf_free(&o);
    return splits;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Clean human-written article bodies: every split there is a false one. */
static void ground_truth_has_almost_no_false_splits(void **state) {
    (void)state;
    size_t n;
    char *json = slurp(SL_SHARED_DIR "/bench/extraction/data/dev/ground_truth.json", &n);
    if (!json)
        skip();
    sl_buf text;
    sl_buf_init(&text);
    for (const char *p = json; (p = strstr(p, "\"articleBody\"")) != NULL;) {
        p = strchr(p + 13, '"');
        if (!p)
            break;
        p++;
        json_string(&p, &text);
        sl_buf_putc(&text, '\n');
    }
    free(json);
    size_t bytes = 0;
    int splits = run_blocks(text.data, text.len, &bytes, 1);
    double t0 = now();
    size_t timed = 0;
    for (int r = 0; r < 5; r++)
        run_blocks(text.data, text.len, &timed, 0);
    double mbs = (double)timed / (now() - t0) / 1e6;
    printf("  ground truth: %zu bytes, %d false splits; normalize+glue %.0f MB/s\n", bytes,
           splits, mbs);
    assert_true(bytes > 100000);
    assert_true(splits <= 3);
    sl_buf_free(&text);
}

/* A real scraped article with words glued by lost markup. */
static void seed_glued_words_are_split(void **state) {
    (void)state;
    size_t n;
    char *seed = slurp(SL_SHARED_DIR "/corpus/seeds/001_ae63795ac6cd1bd6.txt", &n);
    if (!seed)
        skip();
    size_t bytes = 0;
    int splits = run_blocks(seed, n, &bytes, 1);
    printf("  seed 001: %d splits\n", splits);
    assert_true(splits >= 5);
    free(seed);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(word_list_is_compiled_in),
        cmocka_unit_test(glued_words_are_split),
        cmocka_unit_test(names_acronyms_and_cased_words_untouched),
        cmocka_unit_test(urls_mails_handles_and_hashtags_untouched),
        cmocka_unit_test(hyphens_digits_and_accents_untouched),
        cmocka_unit_test(unknown_compounds_and_real_words_untouched),
        cmocka_unit_test(non_english_blocks_untouched),
        cmocka_unit_test(long_and_hostile_input_is_linear),
        cmocka_unit_test(ground_truth_has_almost_no_false_splits),
        cmocka_unit_test(seed_glued_words_are_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

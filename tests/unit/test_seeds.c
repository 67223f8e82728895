/* Acceptance tests on the five real seed articles, read at test time from
 * SL_SHARED_DIR/corpus/seeds (never copied into the repository). Each test
 * runs the public sl_extract() on the file bytes and is skipped visibly
 * when the shared corpus is absent. Assertions are about structure (turns,
 * speakers, dates, what must be gone), so they hold whatever the
 * normalization and glued-word modules do to the words. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storyline.h"

#define SEED_DIR SL_SHARED_DIR "/corpus/seeds"

/* Read the seed whose file name starts with prefix ("000_"); NULL if the
 * corpus is not there. */
static char *load_seed(const char *prefix, size_t *n) {
    DIR *dir = opendir(SEED_DIR);
    if (!dir)
        return NULL;
    char path[2048] = "";
    struct dirent *e;
    while ((e = readdir(dir)))
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            snprintf(path, sizeof path, "%s/%s", SEED_DIR, e->d_name);
    closedir(dir);
    FILE *f = path[0] ? fopen(path, "rb") : NULL;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    *n = buf ? fread(buf, 1, (size_t)len, f) : 0;
    fclose(f);
    return buf;
}

/* The title is one whole line of the seed (the headline as written, not a
 * body sentence or chrome) and starts with the given words. The expected
 * headline is read from ../shared, never copied here. */
static void assert_title_is_line(const sl_article *a, const char *prefix, const char *start) {
    size_t n;
    char *s = load_seed(prefix, &n);
    assert_non_null(s);
    s[n] = 0;
    size_t tl = strlen(a->title);
    assert_true(strncmp(a->title, start, strlen(start)) == 0);
    int found = 0;
    for (char *p = strstr(s, a->title); p && !found; p = strstr(p + 1, a->title))
        found = (p == s || p[-1] == '\n') && (p[tl] == '\n' || p[tl] == '\r' || !p[tl]);
    free(s);
    if (!found)
        fail_msg("title '%s' is not a line of seed %s", a->title, prefix);
}

static sl_article *seed(const char *prefix) {
    size_t n;
    char *s = load_seed(prefix, &n);
    if (!s) {
        fprintf(stderr, "seed %s not found under %s\n", prefix, SEED_DIR);
        skip();
    }
    sl_article *a = NULL;
    sl_error err = {0};
    sl_extract_opts o = {.path = prefix};
    sl_status st = sl_extract(s, n, &o, &a, &err);
    free(s);
    if (st != SL_OK)
        fail_msg("seed %s: %s", prefix, err.msg);
    return a;
}

static void assert_absent(const sl_article *a, const char *needle) {
    if (strstr(a->text, needle))
        fail_msg("\"%s\" should not be in the text", needle);
}

static int has_speaker(const sl_article *a, const char *speaker) {
    for (size_t i = 0; i < a->n_blocks; i++)
        if (a->blocks[i].kind == SL_BLOCK_TURN && a->blocks[i].speaker &&
            strcmp(a->blocks[i].speaker, speaker) == 0)
            return 1;
    return 0;
}

/* No speaker label leaks into the turn text and no label keeps its role. */
static void assert_turns_clean(const sl_article *a) {
    for (size_t i = 0; i < a->n_blocks; i++) {
        const sl_block *b = &a->blocks[i];
        if (b->kind != SL_BLOCK_TURN)
            continue;
        assert_non_null(b->speaker);
        assert_null(strchr(b->speaker, ','));
        assert_null(strchr(b->speaker, ':'));
        size_t k = strlen(b->speaker);
        if (b->end - b->start > k && memcmp(a->text + b->start, b->speaker, k) == 0 &&
            a->text[b->start + k] == ':')
            fail_msg("turn %zu still starts with its label", i);
    }
}

/* The last block is speech: bios and chrome after the final turn are gone. */
static void assert_ends_with_turn(const sl_article *a) {
    assert_true(a->n_blocks > 0);
    assert_int_equal(a->blocks[a->n_blocks - 1].kind, SL_BLOCK_TURN);
}

static void seed_000_transcript(void **state) {
    (void)state;
    sl_article *a = seed("000_");
    assert_int_equal(a->format, SL_FORMAT_TEXT);
    assert_title_is_line(a, "000_", "President Biden speaks");
    assert_string_equal(a->published, ""); /* not 2024 from the copyright line */
    assert_string_equal(a->outlet, "WGLT"); /* the copyright line names the outlet */
    assert_int_equal(a->published_from, SL_DATE_NONE);
    assert_true(has_speaker(a, "SHAPIRO"));
    assert_true(has_speaker(a, "KHALID"));
    assert_true(has_speaker(a, "MAYNES"));
    assert_turns_clean(a);
    assert_absent(a, "Play Live Radio");
    assert_absent(a, "0:00");
    assert_absent(a, "\xC2\xA9 2024");
    assert_absent(a, "Transcript provided by");
    assert_absent(a, "SOUNDBITE");
    assert_absent(a, "Khalid is a");
    assert_ends_with_turn(a);
    assert_string_equal(a->blocks[a->n_blocks - 1].speaker, "KHALID");
    /* the title is not repeated as the first paragraph */
    assert_int_equal(a->blocks[0].kind, SL_BLOCK_PARAGRAPH);
    assert_null(strstr(a->text, a->title));
    sl_article_free(a);
}

static void seed_001_header_text(void **state) {
    (void)state;
    sl_article *a = seed("001_");
    assert_int_equal(a->format, SL_FORMAT_HEADERTEXT);
    assert_true(strlen(a->title) > 20);
    assert_null(strchr(a->title, '\n'));
    assert_string_equal(a->published, "2021-12-30");
    assert_int_equal(a->published_from, SL_DATE_HEADER);
    assert_non_null(a->url);
    assert_memory_equal(a->url, "https://www.nbcnewyork.com/", 27);
    /* header lines are metadata, not text */
    assert_absent(a, "20211230");
    assert_absent(a, "https://");
    assert_true(a->n_blocks >= 20);
    sl_article_free(a);
}

static void seed_002_kept_whole(void **state) {
    (void)state;
    size_t n;
    char *raw = load_seed("002_", &n);
    sl_article *a = seed("002_");
    size_t lines = 0;
    for (size_t i = 0; raw && i < n; i++)
        lines += raw[i] == '\n';
    lines += raw && n && raw[n - 1] != '\n';
    free(raw);
    assert_string_equal(a->published, "");
    assert_int_equal(a->published_from, SL_DATE_NONE);
    assert_int_equal(a->n_blocks, lines); /* one paragraph per line, none lost */
    for (size_t i = 0; i < a->n_blocks; i++)
        assert_int_equal(a->blocks[i].kind, SL_BLOCK_PARAGRAPH);
    sl_article_free(a);
}

static void seed_003_transcript_with_bios(void **state) {
    (void)state;
    sl_article *a = seed("003_");
    assert_true(strlen(a->title) > 20);
    assert_string_equal(a->published, "");
    assert_int_equal(a->published_from, SL_DATE_NONE);
    assert_true(has_speaker(a, "NED PRICE"));
    assert_true(has_speaker(a, "MICHELE KELEMEN"));
    assert_true(has_speaker(a, "PRICE"));
    assert_true(has_speaker(a, "SHAPIRO"));
    assert_true(has_speaker(a, "SERGEY LAVROV"));
    assert_turns_clean(a);
    assert_absent(a, "Play Live Radio");
    assert_absent(a, "\xC2\xA9");
    /* the four staff bios after the last turn are gone */
    assert_ends_with_turn(a);
    assert_string_equal(a->blocks[a->n_blocks - 1].speaker, "PRICE");
    assert_absent(a, "Kelemen has been");
    assert_absent(a, "(he/him)");
    sl_article_free(a);
}

static void seed_004_scrape_with_dateline(void **state) {
    (void)state;
    sl_article *a = seed("004_");
    assert_title_is_line(a, "004_", "Biden phones Putin");
    assert_string_equal(a->published, "2022-01-03");
    assert_int_equal(a->published_from, SL_DATE_DATELINE);
    assert_absent(a, "Posts tagged with");
    assert_absent(a, "Research contact");
    assert_null(strstr(a->text, a->title));
    for (size_t i = 0; i < a->n_blocks; i++)
        assert_int_equal(a->blocks[i].kind, SL_BLOCK_PARAGRAPH);
    sl_article_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_000_transcript),
        cmocka_unit_test(seed_001_header_text),
        cmocka_unit_test(seed_002_kept_whole),
        cmocka_unit_test(seed_003_transcript_with_bios),
        cmocka_unit_test(seed_004_scrape_with_dateline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

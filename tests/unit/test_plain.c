/* Unit tests for text/plain: scrapes with page chrome, radio transcripts,
 * header-style text and hard-wrapped text, on our own fictional fixtures
 * (a ferry strike in the invented port town of Marrow Bay). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/draft.h"
#include "text/plain.h"

static char *load(const char *name, size_t *n) {
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/text/%s", SL_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open fixture %s", path);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    *n = fread(buf, 1, (size_t)len, f);
    buf[*n] = 0;
    fclose(f);
    return buf;
}

static sl_article *extract_str(const char *s, size_t n) {
    sl_article *a = NULL;
    sl_error err = {0};
    if (sl_extract(s, n, NULL, &a, &err) != SL_OK)
        fail_msg("extract failed: %s", err.msg);
    return a;
}

static sl_article *extract_fixture(const char *name) {
    size_t n;
    char *s = load(name, &n);
    sl_article *a = extract_str(s, n);
    free(s);
    return a;
}

/* The text of block i as a NUL-terminated copy (static, one at a time). */
static const char *block_text(const sl_article *a, size_t i) {
    static char buf[4096];
    size_t n = a->blocks[i].end - a->blocks[i].start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, a->text + a->blocks[i].start, n);
    buf[n] = 0;
    return buf;
}

/* Index of the first block containing needle, or -1. */
static int find_block(const sl_article *a, const char *needle) {
    for (size_t i = 0; i < a->n_blocks; i++)
        if (strstr(block_text(a, i), needle))
            return (int)i;
    return -1;
}

static void assert_absent(const sl_article *a, const char *needle) {
    if (strstr(a->text, needle))
        fail_msg("\"%s\" should not be in the text", needle);
}

static void assert_turn(const sl_article *a, int i, const char *speaker, const char *starts) {
    assert_true(i >= 0 && (size_t)i < a->n_blocks);
    assert_int_equal(a->blocks[i].kind, SL_BLOCK_TURN);
    assert_non_null(a->blocks[i].speaker);
    assert_string_equal(a->blocks[i].speaker, speaker);
    assert_memory_equal(block_text(a, (size_t)i), starts, strlen(starts));
}

/* ---------------------------------------------------------- transcripts */

static void transcript_drops_chrome_and_keeps_title(void **state) {
    (void)state;
    sl_article *a = extract_fixture("ferry_transcript.txt");
    assert_int_equal(a->format, SL_FORMAT_TEXT);
    assert_string_equal(a->title, "Ferry crews walk off the job as Marrow Bay talks stall");
    /* the only year on the page is the site's copyright: no date */
    assert_string_equal(a->published, "");
    assert_int_equal(a->published_from, SL_DATE_NONE);
    assert_absent(a, "\xC2\xA9");
    assert_absent(a, "2024");
    assert_absent(a, "Public radio for the Marrow Bay coast");
    assert_absent(a, "Play Live Radio");
    assert_absent(a, "Next Up");
    assert_absent(a, "0:00");
    assert_absent(a, "Available On Air");
    assert_absent(a, "SOUNDBITE");
    assert_absent(a, "Transcript provided by");
    assert_int_equal(a->blocks[0].kind, SL_BLOCK_PARAGRAPH);
    assert_memory_equal(block_text(a, 0), "The ferries that link", 21);
    sl_article_free(a);
}

static void transcript_turns_carry_speakers(void **state) {
    (void)state;
    sl_article *a = extract_fixture("ferry_transcript.txt");
    assert_turn(a, find_block(a, "how many boats"), "TOVE BRANDT", "Lena, how many");
    /* "NAME, BYLINE:" keeps the name part */
    assert_turn(a, find_block(a, "None of them"), "LENA OSTRANDER", "None of them");
    /* an unlabelled paragraph continues the current speaker */
    assert_turn(a, find_block(a, "ninety crew members"), "LENA OSTRANDER", "The union says");
    assert_turn(a, find_block(a, "islanders doing"), "BRANDT", "What are");
    /* mixed-case notes are speech context, not production markers */
    assert_turn(a, find_block(a, "medicine"), "PIM ADEYEMI", "(Speaking through interpreter)");
    assert_turn(a, find_block(a, "KMBR News, Marrow Bay."), "OSTRANDER", "Lena Ostrander, KMBR");
    assert_turn(a, (int)a->n_blocks - 1, "BRANDT", "Thanks, Lena.");
    sl_article_free(a);
}

static void transcript_bios_at_the_end_are_cut(void **state) {
    (void)state;
    sl_article *a = extract_fixture("ferry_transcript.txt");
    assert_absent(a, "is a harbor reporter");
    assert_absent(a, "morning hosts");
    assert_absent(a, "associate producer");
    sl_article_free(a);
}

static void markers_end_a_speaker_but_not_a_following_turn(void **state) {
    (void)state;
    const char *s = "BRANDT: We go now to the pier.\n\n"
                    "The harbor was quiet this morning, she said.\n\n"
                    "(SOUNDBITE OF ARCHIVED BROADCAST) A recorded voice read the sailing times.\n\n"
                    "(SOUNDBITE OF FOGHORN) OSTRANDER: That was the last whistle, Tove.\n\n"
                    "[LAUGHTER]\n\n"
                    "OSTRANDER: The union (AP) and the port agree on nothing.\n";
    sl_article *a = extract_str(s, strlen(s));
    assert_int_equal(a->n_blocks, 5);
    assert_turn(a, 0, "BRANDT", "We go now");
    assert_turn(a, 1, "BRANDT", "The harbor was quiet");
    assert_int_equal(a->blocks[2].kind, SL_BLOCK_PARAGRAPH);
    assert_null(a->blocks[2].speaker);
    assert_string_equal(block_text(a, 2), "A recorded voice read the sailing times.");
    assert_turn(a, 3, "OSTRANDER", "That was the last whistle");
    assert_string_equal(block_text(a, 4), "The union (AP) and the port agree on nothing.");
    assert_absent(a, "SOUNDBITE");
    assert_absent(a, "LAUGHTER");
    sl_article_free(a);
}

static void uppercase_notices_are_not_speakers(void **state) {
    (void)state;
    const char *s = "UPDATE: Ferry service resumed at noon on the island routes.\n"
                    "EDITOR'S NOTE: An earlier version misspelled the mediator's name.\n"
                    "At 10:30: the first boat left the slip with forty passengers aboard.\n";
    sl_article *a = extract_str(s, strlen(s));
    for (size_t i = 0; i < a->n_blocks; i++) {
        assert_int_equal(a->blocks[i].kind, SL_BLOCK_PARAGRAPH);
        assert_null(a->blocks[i].speaker);
    }
    sl_article_free(a);
}

/* --------------------------------------------------------------- scrapes */

static void scrape_title_dateline_and_byline(void **state) {
    (void)state;
    sl_article *a = extract_fixture("ferry_scrape.txt");
    assert_string_equal(a->title, "Marrow Bay ferry strike enters its second week");
    assert_string_equal(a->published, "2023-03-03");
    assert_int_equal(a->published_from, SL_DATE_DATELINE);
    assert_non_null(a->authors);
    assert_string_equal(a->authors, "Hanne Solberg; Ravi Mott");
    assert_absent(a, "Posts tagged with");
    assert_absent(a, "Research contact");
    assert_absent(a, "Share this story");
    assert_absent(a, "By Hanne");
    assert_int_equal(a->n_blocks, 4);
    assert_memory_equal(block_text(a, 0), "Crews on the Marrow Bay", 23);
    assert_memory_equal(block_text(a, 3), "A mediator", 10);
    sl_article_free(a);
}

static void date_inside_a_sentence_is_not_the_date(void **state) {
    (void)state;
    const char *s = "Crews on the ferry line walked out on March 3, 2023, after talks failed.\n"
                    "The union said the strike would last until the port returned to talks.\n";
    sl_article *a = extract_str(s, strlen(s));
    assert_string_equal(a->published, "");
    assert_string_equal(a->title, "");
    assert_int_equal(a->n_blocks, 2);
    sl_article_free(a);
}

static void one_paragraph_per_line_stays_whole(void **state) {
    (void)state;
    /* no title block, no chrome: every line is kept as written */
    const char *s = "Ferry crews stayed ashore on Monday, the port said.\n"
                    "Islanders queued for the water taxi before dawn.\n"
                    "\"We will wait,\" said one grocer.\n"
                    "The mediator is due on Thursday.\n";
    sl_article *a = extract_str(s, strlen(s));
    assert_int_equal(a->n_blocks, 4);
    assert_string_equal(block_text(a, 2), "\"We will wait,\" said one grocer.");
    assert_string_equal(a->title, "");
    sl_article_free(a);
}

/* ----------------------------------------------------------- header text */

static void header_text_gives_title_date_url(void **state) {
    (void)state;
    size_t n;
    char *s = load("ferry_header.txt", &n);
    assert_true(sl_plain_is_headertext(s, n));
    sl_article *a = extract_str(s, n);
    free(s);
    assert_int_equal(a->format, SL_FORMAT_HEADERTEXT);
    assert_string_equal(a->title, "Marrow Bay Ferry Union Rejects Final Offer");
    assert_string_equal(a->published, "2023-03-03");
    assert_int_equal(a->published_from, SL_DATE_HEADER);
    assert_non_null(a->url);
    assert_string_equal(a->url, "https://www.kmbr.example/news/ferry-union-rejects-offer/88123/");
    assert_int_equal(a->n_blocks, 4);
    assert_memory_equal(block_text(a, 0), "The union representing", 22);
    assert_absent(a, "20230303");
    assert_absent(a, "https://");
    sl_article_free(a);
}

static void header_text_shape_is_strict(void **state) {
    (void)state;
    const char *no[] = {
        "Ferry strike\n2023-03-03\nhttps://kmbr.example/a\nBody.\n",
        "Ferry strike\n20231345\nhttps://kmbr.example/a\nBody.\n",
        "Ferry strike\n20230303\nnot a url\nBody.\n",
        "Ferry strike\n20230303\n",
        "Ferry strike\n29990101\nhttps://kmbr.example/a\nBody.\n",
        "",
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (sl_plain_is_headertext(no[i], strlen(no[i])))
            fail_msg("case %zu taken for header text", i);
    const char *yes = "\nFerry strike\n20230303\nhttp://kmbr.example/a\nBody.\n";
    assert_true(sl_plain_is_headertext(yes, strlen(yes)));
}

/* ---------------------------------------------------------- wrapped text */

static void wrapped_lines_join_into_paragraphs(void **state) {
    (void)state;
    sl_article *a = extract_fixture("ferry_wrapped.txt");
    assert_string_equal(a->title, "Harbor pilots join Marrow Bay walkout");
    assert_string_equal(a->published, "2023-03-07");
    assert_int_equal(a->published_from, SL_DATE_DATELINE);
    assert_int_equal(a->n_blocks, 3);
    assert_non_null(strstr(block_text(a, 0), "guide cargo ships into Marrow Bay"));
    assert_non_null(strstr(block_text(a, 0), "storms of 2011."));
    assert_non_null(strstr(block_text(a, 1), "stay ashore until the port"));
    sl_article_free(a);
}

static void wrapped_without_blank_lines_breaks_at_short_lines(void **state) {
    (void)state;
    const char *s = "The ferry union met in the net loft on Water Street on Saturday and\n"
                    "voted to keep the boats tied up until the port authority improves its\n"
                    "offer on wages and on the hours crews spend waiting between sailings.\n"
                    "Port managers did not attend.\n"
                    "A spokesman for the authority said later that it would answer in\n"
                    "writing, and that the mediator had asked both sides to stay calm and\n"
                    "keep talking through the weekend, even if no meeting was scheduled.\n";
    sl_article *a = extract_str(s, strlen(s));
    assert_int_equal(a->n_blocks, 2);
    assert_non_null(strstr(block_text(a, 0), "Saturday and voted"));
    assert_non_null(strstr(block_text(a, 0), "did not attend."));
    assert_memory_equal(block_text(a, 1), "A spokesman", 11);
    sl_article_free(a);
}

/* ------------------------------------------------------------------ body */

static void body_cleans_without_guessing_title_or_date(void **state) {
    (void)state;
    const char *s = "Marrow Bay ferry talks resume\n"
                    "March 9, 2023\n"
                    "BRANDT: Talks resumed this morning at the harbor office.\n"
                    "OSTRANDER, BYLINE: Both sides arrived early, Tove.\n"
                    "(SOUNDBITE OF MUSIC)\n"
                    "\xC2\xA9 2024 KMBR\n"
                    "Lena Ostrander is a harbor reporter for KMBR.\n";
    sl_draft d;
    sl_draft_init(&d, SL_FORMAT_JSONL);
    sl_error err = {0};
    assert_int_equal(sl_plain_body(s, strlen(s), &d, &err), SL_OK);
    assert_null(d.title);
    assert_int_equal(d.n_dates, 0);
    /* the body keeps its own first lines: only chrome rules apply */
    assert_int_equal(d.n_blocks, 4);
    assert_int_equal(d.blocks[2].kind, SL_BLOCK_TURN);
    assert_string_equal(d.blocks[2].speaker, "BRANDT");
    assert_string_equal(d.blocks[3].speaker, "OSTRANDER");
    assert_null(strstr(d.text.data, "harbor reporter for"));
    assert_null(strstr(d.text.data, "2024"));
    sl_draft_discard(&d);
}

/* --------------------------------------------------------------- hostile */

static void hostile_input_finishes(void **state) {
    (void)state;
    size_t n = 1u << 20;
    char *s = malloc(n);
    assert_non_null(s);
    sl_article *a = NULL;
    sl_error err;
    const char *fill[] = {
        "a", "\n", "(", "A", "SHAPIRO: x\n", "0:00\n", "Jane Doe is a reporter.\n"};
    for (size_t f = 0; f < sizeof fill / sizeof fill[0]; f++) {
        size_t k = strlen(fill[f]);
        for (size_t i = 0; i < n; i++)
            s[i] = fill[f][i % k];
        sl_status st = sl_extract(s, n, NULL, &a, &err);
        assert_true(st == SL_OK || st == SL_ERR_EMPTY);
        if (a)
            sl_article_free(a);
        a = NULL;
    }
    free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(transcript_drops_chrome_and_keeps_title),
        cmocka_unit_test(transcript_turns_carry_speakers),
        cmocka_unit_test(transcript_bios_at_the_end_are_cut),
        cmocka_unit_test(markers_end_a_speaker_but_not_a_following_turn),
        cmocka_unit_test(uppercase_notices_are_not_speakers),
        cmocka_unit_test(scrape_title_dateline_and_byline),
        cmocka_unit_test(date_inside_a_sentence_is_not_the_date),
        cmocka_unit_test(one_paragraph_per_line_stays_whole),
        cmocka_unit_test(header_text_gives_title_date_url),
        cmocka_unit_test(header_text_shape_is_strict),
        cmocka_unit_test(wrapped_lines_join_into_paragraphs),
        cmocka_unit_test(wrapped_without_blank_lines_breaks_at_short_lines),
        cmocka_unit_test(body_cleans_without_guessing_title_or_date),
        cmocka_unit_test(hostile_input_finishes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

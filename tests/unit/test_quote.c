/* Unit tests for the quote finder: who said what in the (invented) Marrow
 * Bay ferry strike. Each test states what a reader expects: the words said,
 * their kind, and who said them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/quote.h"
#include "storyline.h"

typedef struct found {
    sl_article *a;
    sl_arena ar;
    sl_quote *q;
    size_t n;
} found;

static void find(found *f, const char *text) {
    sl_error err = {0};
    memset(f, 0, sizeof *f);
    assert_int_equal(sl_article_from_text(text, strlen(text), "2031-03-13", &f->a, &err), SL_OK);
    sl_arena_init(&f->ar, 0);
    assert_int_equal(sl_find_quotes(f->a, NULL, 0, &f->ar, &f->q, &f->n, &err), SL_OK);
}

static void done(found *f) {
    sl_arena_free(&f->ar);
    sl_article_free(f->a);
}

/* The quote whose content holds words, or NULL. */
static const sl_quote *holding(const found *f, const char *words) {
    for (size_t i = 0; i < f->n; i++) {
        const sl_quote *q = &f->q[i];
        size_t n = strlen(words);
        for (size_t s = q->start; s + n <= q->end; s++)
            if (!memcmp(f->a->text + s, words, n))
                return q;
    }
    return NULL;
}

static void assert_speaker(const found *f, const sl_quote *q, const char *who) {
    assert_non_null(q);
    char buf[128];
    size_t n = q->speaker_end - q->speaker_start;
    assert_true(n < sizeof buf);
    memcpy(buf, f->a->text + q->speaker_start, n);
    buf[n] = 0;
    assert_string_equal(buf, who);
}

static void assert_span(const found *f, uint32_t s, uint32_t e, const char *text) {
    assert_int_equal(e - s, strlen(text));
    assert_memory_equal(f->a->text + s, text, strlen(text));
}

static void direct_quote_with_said_x(void **state) {
    (void)state;
    found f;
    find(&f, "\"The ferries stay in port until the rota is fixed,\" said Ada Brenn, the "
             "union's leader.\n"
             "\xE2\x80\x9CWe have waited three weeks,\xE2\x80\x9D Brenn told reporters.\n"
             "Harbour Minister Tomas Vell said: \"The harbour stays open.\"\n");
    const sl_quote *q = holding(&f, "stay in port");
    assert_non_null(q);
    assert_int_equal(q->kind, SL_QUOTE_DIRECT);
    assert_span(&f, q->start, q->end, "The ferries stay in port until the rota is fixed,");
    assert_speaker(&f, q, "Ada Brenn");
    assert_span(&f, q->cue_start, q->cue_end, "said");
    assert_int_equal(q->entity, -1);

    q = holding(&f, "three weeks");
    assert_int_equal(q->kind, SL_QUOTE_DIRECT);
    assert_speaker(&f, q, "Brenn");
    assert_span(&f, q->cue_start, q->cue_end, "told");

    q = holding(&f, "harbour stays open");
    assert_int_equal(q->kind, SL_QUOTE_DIRECT);
    assert_speaker(&f, q, "Harbour Minister Tomas Vell");
    done(&f);
}

static void quote_continued_over_paragraphs(void **state) {
    (void)state;
    found f;
    find(&f, "\"The crossing has carried this town for ninety years. We are not asking "
             "for much.\n"
             "\n"
             "\"We want a rota that lets people sleep,\" said deckhand Pia Mott.\n");
    const sl_quote *q = holding(&f, "ninety years");
    assert_non_null(q);
    assert_int_equal(q->kind, SL_QUOTE_DIRECT);
    assert_ptr_equal(q, holding(&f, "lets people sleep"));
    assert_speaker(&f, q, "deckhand Pia Mott");
    done(&f);
}

static void quote_then_he_added(void **state) {
    (void)state;
    found f;
    find(&f, "\"Nobody crosses tonight,\" Vell said. \"Perhaps tomorrow.\"\n"
             "He added: \"The board meets at noon.\"\n");
    const sl_quote *q = holding(&f, "Nobody crosses");
    assert_speaker(&f, q, "Vell");
    /* the next quote in the same paragraph is the same speaker going on */
    assert_ptr_equal(q, holding(&f, "Perhaps tomorrow"));
    assert_speaker(&f, holding(&f, "board meets"), "He");
    done(&f);
}

static void partial_quote(void **state) {
    (void)state;
    found f;
    find(&f, "Brenn laughed off the offer as \"a rounding error\" on Friday.\n"
             "Vell said the offer was \"fair and final\" and would not change.\n");
    const sl_quote *q = holding(&f, "rounding error");
    assert_non_null(q);
    assert_int_equal(q->kind, SL_QUOTE_PARTIAL);
    assert_span(&f, q->start, q->end, "a rounding error");
    assert_speaker(&f, q, "Brenn");
    /* quoted words inside reported speech are part of that report */
    q = holding(&f, "fair and final");
    assert_int_equal(q->kind, SL_QUOTE_INDIRECT);
    assert_speaker(&f, q, "Vell");
    done(&f);
}

static void according_to(void **state) {
    (void)state;
    found f;
    find(&f, "\"Two boats will run on Sunday,\" according to the harbour board.\n"
             "According to Brenn, the strike fund can last another month.\n");
    const sl_quote *q = holding(&f, "Two boats");
    assert_int_equal(q->kind, SL_QUOTE_DIRECT);
    assert_speaker(&f, q, "the harbour board");
    assert_span(&f, q->cue_start, q->cue_end, "according to");
    q = holding(&f, "strike fund");
    assert_int_equal(q->kind, SL_QUOTE_INDIRECT);
    assert_speaker(&f, q, "Brenn");
    assert_span(&f, q->start, q->end, "the strike fund can last another month");
    done(&f);
}

static void anonymous_sources(void **state) {
    (void)state;
    found f;
    find(&f, "\"We expect the talks to collapse,\" a senior harbour official said.\n"
             "Port officials said the night ferry had been cancelled twice.\n");
    assert_speaker(&f, holding(&f, "talks to collapse"), "a senior harbour official");
    const sl_quote *q = holding(&f, "night ferry");
    assert_int_equal(q->kind, SL_QUOTE_INDIRECT);
    assert_speaker(&f, q, "Port officials");
    done(&f);
}

static void reported_speech(void **state) {
    (void)state;
    found f;
    find(&f, "Vell told reporters on Tuesday that the harbour would reopen within days.\n"
             "The crossing will stay shut until March, the ministry warned.\n");
    const sl_quote *q = holding(&f, "reopen within days");
    assert_non_null(q);
    assert_int_equal(q->kind, SL_QUOTE_INDIRECT);
    assert_span(&f, q->start, q->end, "the harbour would reopen within days");
    assert_speaker(&f, q, "Vell");
    assert_span(&f, q->cue_start, q->cue_end, "told");
    q = holding(&f, "stay shut");
    assert_int_equal(q->kind, SL_QUOTE_INDIRECT);
    assert_speaker(&f, q, "the ministry");
    done(&f);

    find(&f, "The skipper, who said the engines were failing, stayed ashore.\n"
             "Pia Mott, a deckhand for twenty years, said the rota breaks families.\n");
    assert_speaker(&f, holding(&f, "engines were failing"), "The skipper, who");
    assert_speaker(&f, holding(&f, "rota breaks families"), "Pia Mott, a deckhand for twenty years");
    done(&f);
}

static void nested_attribution_keeps_outer_speaker(void **state) {
    (void)state;
    found f;
    find(&f, "Brenn said the mayor had told her the boats were unsafe.\n");
    assert_int_equal(f.n, 1);
    const sl_quote *q = &f.q[0];
    assert_int_equal(q->kind, SL_QUOTE_INDIRECT);
    assert_speaker(&f, q, "Brenn");
    assert_span(&f, q->start, q->end, "the mayor had told her the boats were unsafe");
    done(&f);
}

static void transcript_turns(void **state) {
    (void)state;
    found f;
    find(&f, "HOST: Is the ferry running tomorrow?\n"
             "BRENN: Not while the rota stands.\n");
    assert_int_equal(f.n, 2);
    assert_int_equal(f.q[0].kind, SL_QUOTE_TRANSCRIPT);
    assert_speaker(&f, &f.q[0], "HOST");
    assert_span(&f, f.q[0].start, f.q[0].end, "Is the ferry running tomorrow?");
    assert_int_equal(f.q[1].kind, SL_QUOTE_TRANSCRIPT);
    assert_speaker(&f, &f.q[1], "BRENN");
    assert_span(&f, f.q[1].start, f.q[1].end, "Not while the rota stands.");
    done(&f);
}

static void speakers_link_to_entities(void **state) {
    (void)state;
    found f;
    find(&f, "\"We will hold the line,\" Ada Brenn said.\n");
    const char *t = f.a->text;
    uint32_t s = (uint32_t)(strstr(t, "Ada") - t);
    sl_mention m = {s, s + 9, SL_MENTION_NAME, 3};
    sl_error err = {0};
    assert_int_equal(sl_find_quotes(f.a, &m, 1, &f.ar, &f.q, &f.n, &err), SL_OK);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.q[0].entity, 3);
    done(&f);
}

/* The names of a relative clause in the speaker's phrase say what the
 * speaker does, not who it is: "Kell Ferries, which sails between Aske and
 * Dunmore, said" is Kell Ferries. */
static void a_relative_clause_is_not_the_speaker(void **state) {
    (void)state;
    found f;
    find(&f, "Kell Ferries, which sails between Aske and Dunmore, said its offer was final.\n");
    const char *t = f.a->text;
    uint32_t k = (uint32_t)(strstr(t, "Kell") - t), d = (uint32_t)(strstr(t, "Dunmore") - t);
    sl_mention m[2] = {{k, k + 12, SL_MENTION_NAME, 1}, {d, d + 7, SL_MENTION_NAME, 2}};
    sl_error err = {0};
    assert_int_equal(sl_find_quotes(f.a, m, 2, &f.ar, &f.q, &f.n, &err), SL_OK);
    const sl_quote *q = holding(&f, "its offer was final");
    assert_non_null(q);
    assert_int_equal(q->entity, 1);
    done(&f);
}

/* "A spokesman for the minister confirmed": the speaker is the spokesman,
 * whose phrase names the minister without being her. */
static void a_spokesman_for_someone_is_not_that_someone(void **state) {
    (void)state;
    found f;
    find(&f, "A spokesman for the minister confirmed the call took place on Thursday.\n");
    const char *t = f.a->text;
    uint32_t m = (uint32_t)(strstr(t, "the minister") - t);
    sl_mention men[1] = {{m, m + 12, SL_MENTION_NOMINAL, 1}};
    sl_error err = {0};
    assert_int_equal(sl_find_quotes(f.a, men, 1, &f.ar, &f.q, &f.n, &err), SL_OK);
    const sl_quote *q = holding(&f, "the call took place");
    assert_speaker(&f, q, "A spokesman for the minister");
    assert_int_equal(q->entity, -1);
    done(&f);
}

/* The head of "The Kell administration", "Ferry workers in Dunmore" is no
 * name in it; "Ada Brenn, a professor at Vellan College," is Ada Brenn. */
static void a_name_that_modifies_is_not_the_speaker(void **state) {
    (void)state;
    found f;
    find(&f, "The Kell administration feels it needs to see a deal by Friday.\n"
             "Ferry workers in Dunmore agreed to end the strike on Thursday morning.\n"
             "Ada Brenn, a professor at Vellan College, said the talks had been productive.\n");
    const char *t = f.a->text;
    uint32_t k = (uint32_t)(strstr(t, "Kell") - t), d = (uint32_t)(strstr(t, "Dunmore") - t);
    uint32_t b = (uint32_t)(strstr(t, "Ada Brenn") - t), v = (uint32_t)(strstr(t, "Vellan College") - t);
    sl_mention m[4] = {{k, k + 4, SL_MENTION_NAME, 1},
                       {d, d + 7, SL_MENTION_NAME, 2},
                       {b, b + 9, SL_MENTION_NAME, 3},
                       {v, v + 14, SL_MENTION_NAME, 4}};
    sl_error err = {0};
    assert_int_equal(sl_find_quotes(f.a, m, 4, &f.ar, &f.q, &f.n, &err), SL_OK);
    const sl_quote *q = holding(&f, "needs to see a deal");
    assert_non_null(q);
    assert_int_equal(q->entity, -1);
    q = holding(&f, "to end the strike");
    assert_non_null(q);
    assert_speaker(&f, q, "Ferry workers in Dunmore");
    assert_int_equal(q->entity, -1);
    q = holding(&f, "the talks had been productive");
    assert_non_null(q);
    assert_int_equal(q->entity, 3);
    done(&f);
    /* "Today the minister said": when, not who */
    find(&f, "Today the regional transport minister said both sides will sit down next week.\n");
    q = holding(&f, "both sides will sit down");
    assert_speaker(&f, q, "the regional transport minister");
    done(&f);
}

static void hostile_marks_stay_linear(void **state) {
    (void)state;
    /* many unmatched marks and no cue: nothing is said, and fast */
    size_t n = 200000;
    char *t = malloc(n + 1);
    assert_non_null(t);
    for (size_t i = 0; i < n; i++)
        t[i] = (i % 4 == 0) ? '"' : (i % 4 == 2 ? ' ' : 'a');
    t[n] = 0;
    found f;
    find(&f, t);
    for (size_t i = 0; i < f.n; i++)
        assert_true(f.q[i].end <= n);
    done(&f);
    free(t);
}

static void hostile_cues_stay_linear(void **state) {
    (void)state;
    /* one endless sentence of cues that each fail late: still linear */
    const char *unit = "Ann said, and Bo, adding, ";
    size_t un = strlen(unit), reps = 40000;
    char *t = malloc(un * reps + 1);
    assert_non_null(t);
    for (size_t i = 0; i < reps; i++)
        memcpy(t + i * un, unit, un);
    t[un * reps] = 0;
    found f;
    find(&f, t);
    for (size_t i = 0; i < f.n; i++)
        assert_true(f.q[i].start < f.q[i].end && f.q[i].end <= un * reps);
    done(&f);
    free(t);
}

/* ---------------------------------------------------------------- seeds
 * The real seed articles are read from SL_SHARED_DIR at test time, never
 * copied here. Every direct quote has its speaker; every transcript turn is
 * a quote, with its speaker wherever the text names the label. */

static char *slurp(const char *path, size_t *n) {
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = len >= 0 ? malloc((size_t)len + 1) : NULL;
    *n = buf ? fread(buf, 1, (size_t)len, f) : 0;
    fclose(f);
    return buf;
}

static int names_label(const char *text, const char *label) {
    const char *w = strrchr(label, ' ');
    w = w ? w + 1 : label;
    size_t n = strlen(w);
    for (const char *p = text; *p; p++) {
        size_t j = 0;
        while (j < n && p[j] && tolower((unsigned char)p[j]) == tolower((unsigned char)w[j]))
            j++;
        if (j == n && isupper((unsigned char)p[0]) && islower((unsigned char)p[1]))
            return 1;
    }
    return 0;
}

static void check_seed(const char *path) {
    size_t n = 0;
    char *s = slurp(path, &n);
    assert_non_null(s);
    sl_article *a = NULL;
    sl_error err = {0};
    sl_extract_opts o = {.path = path};
    assert_int_equal(sl_extract(s, n, &o, &a, &err), SL_OK);
    free(s);
    found f = {.a = a};
    sl_arena_init(&f.ar, 0);
    assert_int_equal(sl_find_quotes(a, NULL, 0, &f.ar, &f.q, &f.n, &err), SL_OK);
    for (size_t i = 0; i < f.n; i++)
        if (f.q[i].kind == SL_QUOTE_DIRECT && f.q[i].speaker_end == f.q[i].speaker_start)
            fail_msg("%s: direct quote at %u has no speaker", path, f.q[i].start);
    for (size_t b = 0; b < a->n_blocks; b++) {
        const sl_block *bl = &a->blocks[b];
        if (bl->kind != SL_BLOCK_TURN)
            continue;
        const sl_quote *t = NULL;
        for (size_t i = 0; i < f.n && !t; i++)
            if (f.q[i].kind == SL_QUOTE_TRANSCRIPT && f.q[i].start >= bl->start &&
                f.q[i].start < bl->end)
                t = &f.q[i];
        if (!t)
            fail_msg("%s: turn at %zu is no quote", path, bl->start);
        if (names_label(a->text, bl->speaker) && t->speaker_end == t->speaker_start)
            fail_msg("%s: turn of %s at %zu has no speaker", path, bl->speaker, bl->start);
    }
    done(&f);
}

static void seeds_quotes_have_speakers(void **state) {
    (void)state;
    DIR *dir = opendir(SL_SHARED_DIR "/corpus/seeds");
    if (!dir) {
        fprintf(stderr, "no seeds under %s\n", SL_SHARED_DIR);
        skip();
    }
    struct dirent *e;
    int seen = 0;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/corpus/seeds/%s", SL_SHARED_DIR, e->d_name);
        check_seed(path);
        seen++;
    }
    closedir(dir);
    assert_true(seen > 0);
}

/* "urged both sides to keep talking": the hearer is "both sides", what was
 * said runs from "to"; "told union members that ...", "told reporters in
 * the lobby that ...", "said only that ...": from after "that".
 * What was said ends without its closing punctuation, but not without the
 * mark closing a quotation inside it. */
/* "first reported by Meridian Wire" names who reported, not what; "called
 * the meeting" convenes; "responded by saying that" still reports. */
static void passives_and_convening_are_no_reports(void **state) {
    (void)state;
    found f;
    find(&f, "About 900 riders were stranded, according to figures first reported by Tide Wire.\n"
             "Harbour Minister Tomas Vell called the meeting on Thursday after a long call.\n"
             "Ada Brenn called off the strike at noon on the second day.\n"
             "The company responded by saying that the boats would run again soon.\n");
    assert_null(holding(&f, "by Tide Wire"));
    assert_non_null(holding(&f, "About 900 riders were stranded"));
    assert_null(holding(&f, "the meeting on Thursday"));
    assert_null(holding(&f, "the strike at noon"));
    const sl_quote *q = holding(&f, "the boats would run");
    assert_non_null(q);
    assert_span(&f, q->start, q->end, "the boats would run again soon");
    done(&f);
    /* "asked to talk to Vell": no hearer, the request is whole */
    find(&f, "Ada Brenn asked to talk to Tomas Vell in a call on Monday night.\n");
    q = holding(&f, "talk to Tomas Vell");
    assert_non_null(q);
    assert_span(&f, q->start, q->end, "to talk to Tomas Vell in a call on Monday night");
    done(&f);
}

/* "who I think was one of the guests" and "how you know things are back to
 * normal" report nobody; after "said that was", "that" is the subject. */
static void asides_and_anyone_s_knowing_are_no_reports(void **state) {
    (void)state;
    found f;
    find(&f, "So did the man next to me, who I think was one of the stranded guests going home.\n"
             "They talked about the weather, which is how you know things are back to normal.\n"
             "Ada Brenn said that was a mistake the company would not make twice.\n");
    assert_null(holding(&f, "one of the stranded guests"));
    assert_null(holding(&f, "back to normal"));
    const sl_quote *q = holding(&f, "was a mistake");
    assert_non_null(q);
    assert_speaker(&f, q, "Ada Brenn");
    assert_span(&f, q->start, q->end, "that was a mistake the company would not make twice");
    done(&f);
}

static void a_told_hearer_is_not_part_of_what_was_said(void **state) {
    (void)state;
    found f;
    find(&f, "Harbour Minister Tomas Vell urged both sides to keep talking.\n"
             "Ada Brenn told union members that the offer was final.\n"
             "Tomas Vell told reporters in the harbour lobby that the gap had narrowed.\n"
             "Ada Brenn said only that the crews wanted the boats running.\n");
    const sl_quote *q = holding(&f, "keep talking");
    assert_speaker(&f, q, "Harbour Minister Tomas Vell");
    assert_span(&f, q->start, q->end, "to keep talking");
    q = holding(&f, "the offer was final");
    assert_speaker(&f, q, "Ada Brenn");
    assert_span(&f, q->start, q->end, "the offer was final");
    q = holding(&f, "the gap had narrowed");
    assert_speaker(&f, q, "Tomas Vell");
    assert_span(&f, q->start, q->end, "the gap had narrowed");
    q = holding(&f, "the boats running");
    assert_span(&f, q->start, q->end, "the crews wanted the boats running");
    done(&f);
    /* a quotation inside what was said keeps its closing mark */
    find(&f, "Ada Brenn said the crews would stay out \"as long as it takes.\"\n"
             "Tomas Vell said the gap had \xE2\x80\x9Cnarrowed a great deal.\xE2\x80\x9D\n");
    q = holding(&f, "as long as");
    assert_non_null(q);
    assert_span(&f, q->start, q->end, "the crews would stay out \"as long as it takes.\"");
    q = holding(&f, "narrowed");
    assert_non_null(q);
    assert_span(&f, q->start, q->end, "the gap had \xE2\x80\x9Cnarrowed a great deal.\xE2\x80\x9D");
    done(&f);
}

/* A subheading that quotes a phrase says nothing of whose words they are:
 * it is not the speaker of the paragraph above it. */
static void a_quoted_subheading_is_nobody_s_words(void **state) {
    (void)state;
    static const char page[] =
        "<html><head><title>Ferry crews vote to strike</title></head><body><article>"
        "<h1>Ferry crews vote to strike</h1>"
        "<p>\"Nobody on those boats wants to leave the island without a ferry,\" said Ada "
        "Brenn, the union's general secretary, outside the union hall.</p>"
        "<h2>\"Fair and final\"</h2>"
        "<p>The company has offered a raise of 4.5 percent this year and calls the offer "
        "final. The union is asking for 9 percent and says rents have risen faster.</p>"
        "</article></body></html>";
    found f;
    memset(&f, 0, sizeof f);
    sl_error err = {0};
    assert_int_equal(sl_extract(page, strlen(page), NULL, &f.a, &err), SL_OK);
    sl_arena_init(&f.ar, 0);
    assert_int_equal(sl_find_quotes(f.a, NULL, 0, &f.ar, &f.q, &f.n, &err), SL_OK);
    assert_speaker(&f, holding(&f, "Nobody on those boats"), "Ada Brenn");
    assert_null(holding(&f, "Fair and final"));
    done(&f);
}

/* "The aides, who asked not to be named because ..., said X": the report
 * is X, said by the aides; "asked not to be named" reports nothing. */
static void asking_not_to_be_named_is_no_report(void **state) {
    (void)state;
    found f;
    find(&f, "The aides, who asked not to be named because the call was private, said Vell "
             "pressed Brenn to suspend the strike.\n");
    assert_null(holding(&f, "to be named"));
    const sl_quote *q = holding(&f, "pressed Brenn");
    assert_non_null(q);
    assert_span(&f, q->start, q->end, "Vell pressed Brenn to suspend the strike");
    done(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(direct_quote_with_said_x),
        cmocka_unit_test(quote_continued_over_paragraphs),
        cmocka_unit_test(quote_then_he_added),
        cmocka_unit_test(partial_quote),
        cmocka_unit_test(according_to),
        cmocka_unit_test(anonymous_sources),
        cmocka_unit_test(reported_speech),
        cmocka_unit_test(nested_attribution_keeps_outer_speaker),
        cmocka_unit_test(transcript_turns),
        cmocka_unit_test(speakers_link_to_entities),
        cmocka_unit_test(a_relative_clause_is_not_the_speaker),
        cmocka_unit_test(hostile_marks_stay_linear),
        cmocka_unit_test(hostile_cues_stay_linear),
        cmocka_unit_test(seeds_quotes_have_speakers),
        cmocka_unit_test(a_told_hearer_is_not_part_of_what_was_said),
        cmocka_unit_test(passives_and_convening_are_no_reports),
        cmocka_unit_test(a_spokesman_for_someone_is_not_that_someone),
        cmocka_unit_test(a_name_that_modifies_is_not_the_speaker),
        cmocka_unit_test(asides_and_anyone_s_knowing_are_no_reports),
        cmocka_unit_test(a_quoted_subheading_is_nobody_s_words),
        cmocka_unit_test(asking_not_to_be_named_is_no_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

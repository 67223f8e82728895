/* Unit tests for the extractive summary: word bound, citations with valid
 * spans, a sentence two reports share cites both, no repeats, reading
 * order. The cluster is an invented story written for these tests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storyline.h"
#include "synth/summary_int.h"

/* Three reports of a landslide on an invented mountain railway, given out
 * of date order. The second and third share one sentence word for word. */
static const char *const texts[] = {
    /* 2031-03-05 */
    "Engineers reopened the Kettlewick mountain railway on Wednesday after clearing the "
    "landslide that buried the tracks near Orrin Pass.\n"
    "The landslide had stranded about 300 passengers in the village of Orrin for three days.\n"
    "Railway officials said the first train left Kettlewick station at dawn with only a few "
    "passengers aboard.\n"
    "Local traders said the closure of the Kettlewick mountain railway cost them a week of "
    "winter tourism.\n",
    /* 2031-03-02 */
    "A landslide buried the tracks of the Kettlewick mountain railway near Orrin Pass on "
    "Sunday night after days of heavy rain.\n"
    "About 300 passengers were stranded in the village of Orrin when the landslide cut the "
    "only line into the valley.\n"
    "Nobody was hurt when the mud and rocks reached the line shortly before midnight.\n"
    "The regional council opened the Orrin school hall to the stranded passengers for the "
    "night.\n",
    /* 2031-03-03 */
    "Crews with heavy diggers started clearing the landslide on the Kettlewick mountain "
    "railway on Monday morning.\n"
    "About 300 passengers were stranded in the village of Orrin when the landslide cut the "
    "only line into the valley.\n"
    "The railway company expects the line near Orrin Pass to stay closed until at least "
    "Wednesday.\n"
    "Buses will carry the stranded passengers from Orrin to Kettlewick station on Tuesday.\n",
};
static const char *const dates[] = {"2031-03-05", "2031-03-02", "2031-03-03"};
enum { NDOCS = 3 };

typedef struct fixture {
    sl_article *a[NDOCS];
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    for (int i = 0; i < NDOCS; i++) {
        sl_error err = {0};
        if (sl_article_from_text(texts[i], strlen(texts[i]), dates[i], &f->a[i], &err) != SL_OK)
            return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    for (int i = 0; i < NDOCS; i++)
        sl_article_free(f->a[i]);
    free(f);
    return 0;
}

static sl_summary *summarize(fixture *f, size_t words) {
    sl_summary_options o;
    sl_summary_options_default(&o);
    assert_int_equal(o.max_words, 100);
    o.max_words = words;
    sl_summary *s = NULL;
    sl_error err = {0};
    assert_int_equal(sl_summarize((const sl_article *const *)f->a, NDOCS, &o, &s, &err), SL_OK);
    assert_non_null(s);
    return s;
}

static size_t span_words(const sl_article *a, const sl_evidence *e) {
    size_t n = 0;
    for (size_t i = e->start; i < e->end; i++)
        n += a->text[i] != ' ' && a->text[i] != '\n' &&
             (i == e->start || a->text[i - 1] == ' ' || a->text[i - 1] == '\n');
    return n;
}

static size_t text_words(const char *t) {
    size_t n = 0;
    for (int in = 0; *t; t++) {
        int sp = *t == ' ' || *t == '\n' || *t == '\t';
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

static int same_span_text(const sl_article *a, const sl_evidence *x, const sl_article *b,
                          const sl_evidence *y) {
    return x->end - x->start == y->end - y->start &&
           memcmp(a->text + x->start, b->text + y->start, x->end - x->start) == 0;
}

static void respects_the_word_bound(void **state) {
    fixture *f = *state;
    static const size_t bounds[] = {15, 25, 40, 100};
    for (size_t b = 0; b < sizeof bounds / sizeof *bounds; b++) {
        sl_summary *s = summarize(f, bounds[b]);
        size_t words = 0;
        /* the words shown: the span's, or fewer when cuts make a text */
        for (size_t i = 0; i < s->n_sentences; i++)
            words += s->sentences[i].text ? text_words(s->sentences[i].text)
                                          : span_words(f->a[s->sentences[i].sources[0].member],
                                                       &s->sentences[i].sources[0]);
        assert_true(words <= bounds[b]);
        if (bounds[b] >= 25)
            assert_true(s->n_sentences >= 1);
        sl_summary_free(s);
    }
}

static void every_sentence_cites_valid_spans(void **state) {
    fixture *f = *state;
    sl_summary *s = summarize(f, 100);
    assert_true(s->n_sentences >= 3);
    for (size_t i = 0; i < s->n_sentences; i++) {
        const sl_summary_sentence *ss = &s->sentences[i];
        assert_true(ss->n_sources >= 1);
        for (size_t k = 0; k < ss->n_sources; k++) {
            const sl_evidence *e = &ss->sources[k];
            assert_true(e->member < NDOCS);
            assert_true(e->start < e->end);
            assert_true(e->end <= f->a[e->member]->text_len);
            /* a whole sentence: starts with a capital, ends with a period */
            const char *t = f->a[e->member]->text;
            assert_true(t[e->start] >= 'A' && t[e->start] <= 'Z');
            assert_int_equal(t[e->end - 1], '.');
        }
    }
    sl_summary_free(s);
}

static void a_shared_sentence_cites_both_reports(void **state) {
    fixture *f = *state;
    sl_summary *s = summarize(f, 100);
    int found = 0;
    for (size_t i = 0; i < s->n_sentences; i++) {
        const sl_summary_sentence *ss = &s->sentences[i];
        const sl_evidence *e = &ss->sources[0];
        const char *t = f->a[e->member]->text + e->start;
        if (strncmp(t, "About 300 passengers were stranded", 34) != 0)
            continue;
        found = 1;
        /* the other report with the same words, not the one that only
         * shares a few of them */
        assert_int_equal(ss->n_sources, 2);
        assert_true(ss->sources[0].member != ss->sources[1].member);
        assert_true(same_span_text(f->a[e->member], e, f->a[ss->sources[1].member],
                                   &ss->sources[1]));
    }
    assert_true(found); /* the fact every report repeats makes the summary */
    sl_summary_free(s);
}

/* Share of the shorter sentence's words found in the other. */
static double overlap(const char *a, size_t an, const char *b, size_t bn) {
    size_t hit = 0, total = 0;
    for (size_t i = 0; i < an;) {
        while (i < an && a[i] == ' ')
            i++;
        size_t j = i;
        while (j < an && a[j] != ' ')
            j++;
        if (j > i) {
            total++;
            for (size_t k = 0; k + (j - i) <= bn; k++)
                if (memcmp(b + k, a + i, j - i) == 0 && (k == 0 || b[k - 1] == ' ')) {
                    hit++;
                    break;
                }
        }
        i = j;
    }
    return total ? (double)hit / (double)total : 0;
}

static void never_repeats_itself(void **state) {
    fixture *f = *state;
    sl_summary *s = summarize(f, 100);
    for (size_t i = 0; i < s->n_sentences; i++)
        for (size_t j = i + 1; j < s->n_sentences; j++) {
            const sl_evidence *x = &s->sentences[i].sources[0], *y = &s->sentences[j].sources[0];
            const char *a = f->a[x->member]->text + x->start;
            const char *b = f->a[y->member]->text + y->start;
            assert_true(overlap(a, x->end - x->start, b, y->end - y->start) < 0.8);
        }
    sl_summary_free(s);
}

static void reads_in_date_order(void **state) {
    fixture *f = *state;
    sl_summary *s = summarize(f, 100);
    int32_t last_day = INT32_MIN;
    uint32_t last_member = UINT32_MAX, last_start = 0;
    for (size_t i = 0; i < s->n_sentences; i++) {
        const sl_evidence *e = &s->sentences[i].sources[0];
        int32_t day = sl_day_from_iso(f->a[e->member]->published);
        assert_true(day >= last_day);
        if (e->member == last_member)
            assert_true(e->start > last_start);
        last_day = day;
        last_member = e->member;
        last_start = e->start;
    }
    /* the first sentence comes from the first report (2031-03-02) */
    assert_int_equal(s->sentences[0].sources[0].member, 1);
    sl_summary_free(s);
}

/* The synthesis swaps sources arrays for longer copies it owns: freeing the
 * summary must not touch them. */
static void frees_only_its_own_memory(void **state) {
    fixture *f = *state;
    sl_summary *s = summarize(f, 100);
    sl_evidence *mine = calloc(4, sizeof *mine);
    s->sentences[0].sources = mine;
    s->sentences[0].n_sources = 4;
    sl_summary_free(s);
    free(mine);
    sl_summary_free(NULL);
}

static void empty_inputs_give_empty_summaries(void **state) {
    fixture *f = *state;
    sl_summary *s = NULL;
    sl_error err = {0};
    assert_int_equal(sl_summarize(NULL, 0, NULL, &s, &err), SL_OK);
    assert_int_equal(s->n_sentences, 0);
    sl_summary_free(s);
    s = summarize(f, 0);
    assert_int_equal(s->n_sentences, 0);
    sl_summary_free(s);
    /* one document: still a summary, citing only itself */
    sl_summary_options o;
    sl_summary_options_default(&o);
    assert_int_equal(sl_summarize((const sl_article *const *)f->a, 1, &o, &s, &err), SL_OK);
    assert_true(s->n_sentences >= 1);
    for (size_t i = 0; i < s->n_sentences; i++)
        assert_int_equal(s->sentences[i].n_sources, 1);
    sl_summary_free(s);
}


/* Trimming: one invented report whose sentences carry a leading adverbial
 * of time, a trailing attribution, or a phrase that must stay. */
static const char trim_text[] =
    "On Tuesday, the ferry crews of Marrow Bay walked off the job over unpaid night shifts, "
    "harbour officials said.\n"
    "In Marrow Bay, the strike left hundreds of islanders without a crossing to the mainland.\n"
    "The port authority offered the crews a new wage deal after two days of talks, "
    "said Ona Pell, a spokeswoman for the authority.\n"
    "Nadia Roe, the union's treasurer, said that the crews would vote on the offer on Friday.\n";

static int span_has(const sl_article *a, const sl_evidence *e, const char *w) {
    size_t n = strlen(w);
    for (size_t i = e->start; i + n <= e->end; i++)
        if (memcmp(a->text + i, w, n) == 0)
            return 1;
    return 0;
}

static const char *span_of(const sl_article *a, const sm_sent *t, char *buf, size_t cap) {
    size_t n = t->end - t->start < cap - 1 ? t->end - t->start : cap - 1;
    memcpy(buf, a->text + t->start, n);
    buf[n] = 0;
    return buf;
}

static void trims_stay_inside_their_sentence(void **state) {
    (void)state;
    sl_article *a = NULL;
    sl_error err = {0};
    assert_int_equal(sl_article_from_text(trim_text, strlen(trim_text), "2031-05-01", &a, &err),
                     SL_OK);
    const sl_article *docs[] = {a};
    sm_params p;
    sm_params_default(&p);
    p.trim = SM_TRIM_LEAD | SM_TRIM_TAIL;
    p.compress = 0;
    sm_work w;
    assert_int_equal(sm_work_init(&w, docs, 1, &p), 0);
    assert_int_equal(w.n_sents, a->n_sentences); /* no compression: no variants */
    char buf[256];
    for (size_t i = 0; i < w.n_sents; i++) {
        const sm_sent *t = &w.sents[i];
        const sl_sentence *se = &a->sentences[t->pos];
        assert_true(t->start >= se->start && t->start < t->end && t->end <= se->end);
        sl_evidence e = {0, t->start, t->end};
        assert_int_equal(span_words(a, &e), t->words); /* the bound counts the kept span */
    }
    /* the date and the attribution go, the report stays */
    assert_string_equal(span_of(a, &w.sents[0], buf, sizeof buf),
                        "the ferry crews of Marrow Bay walked off the job over unpaid night shifts");
    /* a place is what the sentence says: kept */
    assert_string_equal(span_of(a, &w.sents[1], buf, sizeof buf),
                        "In Marrow Bay, the strike left hundreds of islanders without a crossing "
                        "to the mainland.");
    /* ", said X, a spokeswoman." names a source */
    assert_string_equal(span_of(a, &w.sents[2], buf, sizeof buf),
                        "The port authority offered the crews a new wage deal after two days of "
                        "talks");
    /* ", said that ..." is the sentence's own verb: nothing cut */
    assert_string_equal(span_of(a, &w.sents[3], buf, sizeof buf),
                        "Nadia Roe, the union's treasurer, said that the crews would vote on the "
                        "offer on Friday.");
    sm_work_free(&w);
    sl_article_free(a);
}

/* "BANNISTER: Nina, the two sides met ...": the host speaks to the
 * reporter the transcript introduced as Nina Okafor; her name goes, the
 * news stays. A name no speaker has stays ("Ona, the ferry ..."). */
static void a_transcript_turn_drops_its_vocative(void **state) {
    (void)state;
    static const char tx[] =
        "Talks resumed in Port Aske on Tuesday, and host Rory Bannister spoke with reporter "
        "Nina Okafor at the terminal.\n\n"
        "BANNISTER: Nina, the two sides met for close to an hour on the quay this afternoon.\n\n"
        "OKAFOR: Ona, the ferry crews said the talks would go on at the terminal tomorrow.\n";
    sl_article *a = NULL;
    sl_error err = {0};
    assert_int_equal(sl_article_from_text(tx, strlen(tx), "2031-05-01", &a, &err), SL_OK);
    const sl_article *docs[] = {a};
    sm_params p;
    sm_params_default(&p);
    sm_work w;
    assert_int_equal(sm_work_init(&w, docs, 1, &p), 0);
    int met = 0, ona = 0;
    char buf[256];
    for (size_t i = 0; i < w.n_sents; i++) {
        span_of(a, &w.sents[i], buf, sizeof buf);
        met += !strncmp(buf, "the two sides met", 17);
        assert_false(!strncmp(buf, "Nina,", 5));
        ona += strstr(buf, "Ona, the ferry crews") != NULL;
    }
    assert_true(met && ona);
    sm_work_free(&w);
    sl_article_free(a);
}

static void trimmed_summaries_keep_the_word_bound(void **state) {
    (void)state;
    sl_article *a[2] = {NULL, NULL};
    sl_error err = {0};
    for (int i = 0; i < 2; i++)
        assert_int_equal(
            sl_article_from_text(trim_text, strlen(trim_text), i ? "2031-05-02" : "2031-05-01",
                                 &a[i], &err),
            SL_OK);
    static const size_t bounds[] = {10, 14, 20, 30, 60};
    for (size_t b = 0; b < sizeof bounds / sizeof *bounds; b++) {
        sl_summary_options o;
        sl_summary_options_default(&o);
        o.max_words = bounds[b];
        sl_summary *s = NULL;
        assert_int_equal(sl_summarize((const sl_article *const *)a, 2, &o, &s, &err), SL_OK);
        size_t words = 0;
        for (size_t i = 0; i < s->n_sentences; i++) {
            const sl_evidence *e = &s->sentences[i].sources[0];
            const sl_article *d = a[e->member];
            int inside = 0;
            for (size_t k = 0; k < d->n_sentences; k++)
                inside |= e->start >= d->sentences[k].start && e->end <= d->sentences[k].end;
            assert_true(inside && e->start < e->end);
            /* the bound counts the words shown: compressed text, else the span */
            words += s->sentences[i].text ? text_words(s->sentences[i].text) : span_words(d, e);
            /* the default trims the attribution off */
            assert_false(span_has(d, e, "officials said"));
        }
        assert_true(words <= bounds[b]);
        sl_summary_free(s);
    }
    sl_article_free(a[0]);
    sl_article_free(a[1]);
}

/* ---- compression rules, one at a time, on sentences of an invented
 * ferry strike in Marrow Bay */

/* The text of rules applied to sentence s: "" when the rule does not apply. */
static const char *compressed(const char *s, unsigned rules, char *buf)
{
    sm_variant v = {0, (uint32_t)strlen(s), 0, {{0, 0}}};
    if (!sm_compress(s, rules, 8, &v))
        return "";
    size_t n = sm_variant_text(s, &v, buf);
    buf[n] = 0;
    /* the bound counts the words shown */
    size_t words = 0;
    for (size_t i = 0; i < n; i++)
        words += buf[i] != ' ' && (i == 0 || buf[i - 1] == ' ');
    assert_int_equal(words, sm_variant_words(s, &v));
    return buf;
}

static void cuts_bracketed_asides(void **state)
{
    (void)state;
    char b[512];
    assert_string_equal(
        compressed("The ferry Gull sailed 40 kilometers (25 miles) to the island of Skerra on Monday.",
                   SM_C_PAREN, b),
        "The ferry Gull sailed 40 kilometers to the island of Skerra on Monday.");
    assert_string_equal(
        compressed("The strike began at 6 a.m. [0400 GMT], when the first ferry of the day was due.",
                   SM_C_PAREN, b),
        "The strike began at 6 a.m., when the first ferry of the day was due.");
    assert_string_equal(
        compressed("The strike -- the third this year -- closed the port of Marrow Bay for a week.",
                   SM_C_DASH, b),
        "The strike closed the port of Marrow Bay for a week.");
    /* no closing bracket: nothing cut */
    assert_string_equal(
        compressed("The ferry Gull sailed 40 kilometers (25 miles to the island of Skerra on Monday.",
                   SM_C_PAREN, b),
        "");
}

static void cuts_appositives_after_names(void **state)
{
    (void)state;
    char b[512];
    assert_string_equal(
        compressed("Harbour master Ona Pell, 52, closed the port of Marrow Bay to all ferries.",
                   SM_C_APPOS, b),
        "Harbour master Ona Pell closed the port of Marrow Bay to all ferries.");
    assert_string_equal(
        compressed("Ona Pell, a spokeswoman for the port authority, said the ferries would resume on "
                   "Friday.",
                   SM_C_APPOS, b),
        "Ona Pell said the ferries would resume on Friday.");
    /* a fronted phrase, then the subject: not an appositive */
    assert_string_equal(
        compressed("Unlike Skerra, the port of Marrow Bay and the island of Tull, the town kept its "
                   "ferry running.",
                   SM_C_APPOS, b),
        "");
    /* a list */
    assert_string_equal(
        compressed("Crews from Marrow Bay, the island of Tull, and Skerra joined the strike on Monday.",
                   SM_C_APPOS, b),
        "");
    /* an inverted attribution far into the sentence names its source */
    assert_string_equal(
        compressed("The crews walked out on Monday after a long night of talks in the harbour office "
                   "with the Gull Line, a company owned by the council, said the union.",
                   SM_C_APPOS, b),
        "");
}

static void cuts_attributions_in_the_middle(void **state)
{
    (void)state;
    char b[512];
    assert_string_equal(
        compressed("The strike, union leaders said, cost the ferry company a week of fares.",
                   SM_C_ATTR_MID, b),
        "The strike cost the ferry company a week of fares.");
    assert_string_equal(
        compressed("Last spring, officials said Tuesday, the ferry company cut the pay for night "
                   "shifts.",
                   SM_C_ATTR_MID, b),
        "Last spring, the ferry company cut the pay for night shifts.");
    assert_string_equal(
        compressed("The ferry Gull, according to the harbour master, has not sailed since Monday.",
                   SM_C_ATTR_MID, b),
        "The ferry Gull has not sailed since Monday.");
    /* ", said X," is mostly a trailing attribution with more after it */
    assert_string_equal(
        compressed("The ferries stopped at noon, said Nadia Roe, the union's treasurer, and will not "
                   "sail before Friday.",
                   SM_C_ATTR_MID, b),
        "");
}

static void cuts_days_of_the_week(void **state)
{
    (void)state;
    char b[512];
    assert_string_equal(
        compressed("The union said Thursday that the crews would return to the ferries.", SM_C_DAY, b),
        "The union said that the crews would return to the ferries.");
    assert_string_equal(
        compressed("On Monday, the harbour master closed the port of Marrow Bay to all ferries.",
                   SM_C_DAY, b),
        "the harbour master closed the port of Marrow Bay to all ferries.");
    assert_string_equal(
        compressed("The Gull sailed for Skerra late Sunday night with 40 passengers aboard.",
                   SM_C_DAY, b),
        "The Gull sailed for Skerra with 40 passengers aboard.");
    assert_string_equal(
        compressed("Nadia Roe Tuesday called the offer an insult to the ferry crews.", SM_C_DAY, b),
        "Nadia Roe called the offer an insult to the ferry crews.");
    assert_string_equal(
        compressed("The Gull Line, in a dispute with its crews, Tuesday cancelled all ferries.",
                   SM_C_DAY, b),
        "The Gull Line, in a dispute with its crews, cancelled all ferries.");
    assert_string_equal(
        compressed("The ferries sailed to Skerra, Tull, Monday, and Marrow Bay all week.", SM_C_DAY,
                   b),
        "");
    /* the day is what the sentence says: after a preposition, a verb "be",
     * in a name, a possessive or a range */
    assert_string_equal(
        compressed("The ferry Gull has not sailed to Skerra since Monday.", SM_C_DAY, b), "");
    assert_string_equal(
        compressed("The port of Marrow Bay stays closed until at least Friday.", SM_C_DAY, b), "");
    assert_string_equal(
        compressed("The vote of the crews on the new offer is Friday.", SM_C_DAY, b), "");
    assert_string_equal(
        compressed("The strike was called on the eve of Super Tuesday in Marrow Bay.", SM_C_DAY, b),
        "");
    assert_string_equal(
        compressed("Sunday's strike closed the port of Marrow Bay to all ferries.", SM_C_DAY, b), "");
    assert_string_equal(
        compressed("The ferries will not sail Monday and Tuesday in Marrow Bay.", SM_C_DAY, b), "");
    assert_string_equal(
        compressed("The crews read the Sunday Times in the harbour office all week.", SM_C_DAY, b),
        "");
}

static void cuts_relative_clauses_on_names(void **state)
{
    (void)state;
    char b[512];
    assert_string_equal(
        compressed("Nadia Roe, who leads the ferry union, called the offer an insult to the crews.",
                   SM_C_REL, b),
        "Nadia Roe called the offer an insult to the crews.");
    assert_string_equal(
        compressed("The strike hit Tull, whose only link is the ferry, and Skerra as well this week.",
                   SM_C_REL, b),
        "");
}

static void cuts_leading_attributions(void **state)
{
    (void)state;
    char b[512];
    assert_string_equal(
        compressed("Port officials said on Tuesday that the ferries would sail again by the end of the "
                   "week.",
                   SM_C_ATTR_LEAD, b),
        "the ferries would sail again by the end of the week.");
    assert_string_equal(
        compressed("According to the union, the crews lost a month of night shift pay last winter.",
                   SM_C_ATTR_LEAD, b),
        "the crews lost a month of night shift pay last winter.");
    /* no "that": the verb's object may be anything */
    assert_string_equal(
        compressed("Port officials said they would meet the union on Friday in Marrow Bay.",
                   SM_C_ATTR_LEAD, b),
        "");
    /* a pronoun would open the rest: it needs its antecedent */
    assert_string_equal(
        compressed("Officials said that it would take a week to clear the harbour of wrecks.",
                   SM_C_ATTR_LEAD, b),
        "");
}

static void cuts_a_trailing_which_clause(void **state)
{
    (void)state;
    char b[512];
    assert_string_equal(
        compressed("The crews walked off the job at the port of Marrow Bay, which serves three islands.",
                   SM_C_TAIL_REL, b),
        "The crews walked off the job at the port of Marrow Bay");
    /* too few words left */
    assert_string_equal(compressed("The crews struck, which closed the port of Marrow Bay for days.",
                                   SM_C_TAIL_REL, b),
                        "");
}

static const char compress_text[] =
    "Nadia Roe, who leads the ferry union, called the Gull Line offer an insult to the crews.\n"
    "The strike, union leaders said, cost the Gull Line a week of fares in Marrow Bay.\n"
    "The Gull Line ferry crews of Marrow Bay walked off the job over unpaid night shifts.\n";

static void variants_compete_and_never_repeat(void **state)
{
    (void)state;
    sl_article *a[2] = {NULL, NULL};
    sl_error err = {0};
    for (int i = 0; i < 2; i++)
        assert_int_equal(sl_article_from_text(compress_text, strlen(compress_text),
                                              i ? "2031-06-02" : "2031-06-01", &a[i], &err),
                         SL_OK);
    sm_params p;
    sm_params_default(&p);
    p.compress = SM_C_ALL;
    p.copy_share = 0; /* the same text twice: copies, but each is a source here */
    sm_work w;
    assert_int_equal(sm_work_init(&w, (const sl_article *const *)a, 2, &p), 0);
    assert_true(w.n_sents > a[0]->n_sentences + a[1]->n_sentences); /* variants exist */
    assert_int_equal(sm_select(&w, 60, 0), 0);
    size_t words = 0;
    for (size_t i = 0; i < w.n_chosen; i++) {
        const sm_sent *t = &w.sents[w.chosen[i]];
        words += t->words;
        for (size_t k = 0; k < i; k++) {
            const sm_sent *u = &w.sents[w.chosen[k]];
            assert_false(t->doc == u->doc && t->pos == u->pos); /* one variant per sentence */
        }
    }
    assert_true(words <= 60);
    sm_work_free(&w);

    /* A summary with cuts shows their text, and its span is still the
     * source sentence's. */
    sl_summary_options o;
    sl_summary_options_default(&o);
    o.max_words = 12;
    sl_summary *s = NULL;
    assert_int_equal(sm_summarize_with((const sl_article *const *)a, 2, &o, &p, &s, &err), SL_OK);
    assert_true(s->n_sentences >= 1);
    for (size_t i = 0; i < s->n_sentences; i++) {
        const sl_evidence *e = &s->sentences[i].sources[0];
        const sl_sentence *se = NULL;
        for (size_t k = 0; k < a[e->member]->n_sentences; k++)
            if (e->start >= a[e->member]->sentences[k].start &&
                e->end <= a[e->member]->sentences[k].end)
                se = &a[e->member]->sentences[k];
        assert_non_null(se);
        const char *t = sm_summary_text(s, i);
        if (t)
            assert_true(strlen(t) < e->end - e->start);
    }
    sl_summary_free(s);
    sl_article_free(a[0]);
    sl_article_free(a[1]);
}

/* A story told over days ends with where it stands: with latest, a sentence
 * of the newest day several reports share says what is new that day. A
 * sentence that speaks to someone ("Thank you to the crews") is never
 * chosen. */
/* A sentence another report reprints word for word is one source's: its
 * concepts count once, and two documents saying it make no concept. */
static void a_reprinted_sentence_counts_once(void **state) {
    (void)state;
    static const char *const t[] = {
        "The harbour master closed the port of Marrow Bay to all ferries after the storm.\n",
        "The harbour master closed the port of Marrow Bay to all ferries after the storm.\n"
        "Crews in Skerra waited for the wind to drop before the first crossing.\n",
        "A council meeting in Tull voted to rebuild the old sea wall next spring.\n",
    };
    sl_article *a[3];
    sl_error err = {0};
    for (int i = 0; i < 3; i++)
        assert_int_equal(sl_article_from_text(t[i], strlen(t[i]), "2031-06-01", &a[i], &err), SL_OK);
    for (int copies = 0; copies < 2; copies++) {
        sm_params p;
        sm_params_default(&p);
        if (!copies)
            p.copy_share = 0;
        sm_work w;
        assert_int_equal(sm_work_init(&w, (const sl_article *const *)a, 3, &p), 0);
        size_t nc = 0;
        for (size_t i = 0; i < w.n_sents; i++)
            if (w.sents[i].pos == 0 && w.sents[i].doc < 2)
                nc += w.sents[i].nc;
        if (copies)
            assert_int_equal(nc, 0);
        else
            assert_true(nc > 0);
        sm_work_free(&w);
    }
    for (int i = 0; i < 3; i++)
        sl_article_free(a[i]);
}

static void a_story_ends_with_its_latest_development(void **state) {
    (void)state;
    static const char *const t[] = {
        "A landslide on the Kettlewick mountain railway stranded about 300 passengers in "
        "Orrin on Sunday night.\nRain had loosened the slope above the line for days.\n",
        "About 300 passengers were stranded in Orrin after a landslide on the Kettlewick "
        "mountain railway.\nThe regional council opened the school hall for the night.\n",
        "The landslide on the Kettlewick mountain railway left about 300 passengers stranded "
        "in Orrin.\nThank you to the crews who freed the 300 passengers stranded by the "
        "landslide on the Kettlewick mountain railway.\n",
        "Some 300 passengers stranded in Orrin by the landslide on the Kettlewick mountain "
        "railway spent a second night in the school hall.\n",
        "Crews began clearing the landslide on the Kettlewick mountain railway while 300 "
        "passengers waited in Orrin.\n",
        "Engineers reopened the line and the first train reached Orrin.\nTraders in Orrin "
        "counted the cost of a lost week of winter tourism.\n",
        "The first train reached Orrin at noon on Wednesday after engineers reopened the "
        "line.\nPassengers cheered as it pulled into the station.\n",
        "Engineers reopened the line on Wednesday, and the first train reached Orrin at "
        "noon.\nThe railway thanked the people of Orrin for their patience.\n",
    };
    static const char *const d[] = {"2031-03-02", "2031-03-02", "2031-03-03", "2031-03-03",
                                    "2031-03-04", "2031-03-05", "2031-03-05", "2031-03-05"};
    enum { N = 8 };
    sl_article *a[N];
    sl_error err = {0};
    for (int i = 0; i < N; i++)
        assert_int_equal(sl_article_from_text(t[i], strlen(t[i]), d[i], &a[i], &err), SL_OK);
    for (int run = 0; run < 3; run++) {
        int latest = run == 1;
        sl_summary_options o;
        sl_summary_options_default(&o);
        assert_int_equal(o.latest, 0);
        /* one sentence of the first days, or the latest and a short one;
         * then room for every sentence that may stand alone */
        o.max_words = run < 2 ? 20 : 200;
        o.latest = latest;
        sl_summary *s = NULL;
        assert_int_equal(sl_summarize((const sl_article *const *)a, N, &o, &s, &err), SL_OK);
        int newest = 0;
        for (size_t i = 0; i < s->n_sentences; i++) {
            const sl_evidence *e = &s->sentences[i].sources[0];
            char x[256];
            snprintf(x, sizeof x, "%.*s", (int)(e->end - e->start), a[e->member]->text + e->start);
            assert_null(strstr(x, "Thank you"));
            newest |= e->member >= 5 && strstr(x, "reopened") != NULL;
        }
        if (run < 2)
            assert_int_equal(newest, latest); /* coverage alone tells the first days */
        sl_summary_free(s);
    }
    for (int i = 0; i < N; i++)
        sl_article_free(a[i]);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(respects_the_word_bound),
        cmocka_unit_test(every_sentence_cites_valid_spans),
        cmocka_unit_test(a_shared_sentence_cites_both_reports),
        cmocka_unit_test(never_repeats_itself),
        cmocka_unit_test(reads_in_date_order),
        cmocka_unit_test(frees_only_its_own_memory),
        cmocka_unit_test(empty_inputs_give_empty_summaries),
        cmocka_unit_test(trims_stay_inside_their_sentence),
        cmocka_unit_test(a_transcript_turn_drops_its_vocative),
        cmocka_unit_test(trimmed_summaries_keep_the_word_bound),
        cmocka_unit_test(cuts_bracketed_asides),
        cmocka_unit_test(cuts_appositives_after_names),
        cmocka_unit_test(cuts_attributions_in_the_middle),
        cmocka_unit_test(cuts_relative_clauses_on_names),
        cmocka_unit_test(cuts_days_of_the_week),
        cmocka_unit_test(cuts_leading_attributions),
        cmocka_unit_test(cuts_a_trailing_which_clause),
        cmocka_unit_test(variants_compete_and_never_repeat),
        cmocka_unit_test(a_reprinted_sentence_counts_once),
        cmocka_unit_test(a_story_ends_with_its_latest_development),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

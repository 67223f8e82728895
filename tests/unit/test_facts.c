/* Unit tests for the facts plumbing: articles over raw text keep their
 * bytes (spans are offsets into exactly what was given), transcript labels
 * become turns, JSONL records name their problem, the JSON is well formed,
 * and the store keeps what the annotators found. Texts are invented (the
 * fictional Marrow Bay ferry strike). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storyline.h"

static const char STORY[] =
    "Harbour Minister Tomas Vell said on Thursday that about 1,200 ferry workers had "
    "walked out.\n"
    "\n"
    "  \"We will not sail until the rota is fixed,\" union leader Ada Brenn said.  \n"
    "VELL: The harbour stays open.\n";

static void raw_text_keeps_bytes_and_lines(void **state) {
    (void)state;
    sl_article *a = NULL;
    sl_error err = {0};
    assert_int_equal(sl_article_from_text(STORY, strlen(STORY), "2031-03-13", &a, &err), SL_OK);
    assert_int_equal(a->text_len, strlen(STORY));
    assert_memory_equal(a->text, STORY, strlen(STORY));
    assert_string_equal(a->published, "2031-03-13");
    /* Three non-empty lines, trimmed; the last opens with a speaker label. */
    assert_int_equal(a->n_blocks, 3);
    assert_int_equal(STORY[a->blocks[1].start], '"');
    assert_int_equal(STORY[a->blocks[1].end - 1], '.');
    assert_int_equal(a->blocks[2].kind, SL_BLOCK_TURN);
    assert_string_equal(a->blocks[2].speaker, "VELL");
    assert_true(a->n_sentences >= 3);
    for (size_t i = 0; i < a->n_sentences; i++)
        assert_true(a->sentences[i].end <= a->text_len);
    sl_article_free(a);
}

static void json_records(void **state) {
    (void)state;
    const char *ok = "{\"doc_id\":\"mb-7\",\"dct\":\"2031-03-14\",\"title\":\"Strike\","
                     "\"text\":\"Crews walked out.\\nVELL: No comment.\"}";
    sl_article *a = NULL;
    sl_error err = {0};
    assert_int_equal(sl_article_from_json(ok, strlen(ok), &a, &err), SL_OK);
    assert_string_equal(a->prov.record_id, "mb-7");
    assert_string_equal(a->published, "2031-03-14");
    assert_string_equal(a->title, "Strike");
    assert_int_equal(a->n_blocks, 2);
    sl_article_free(a);

    const char *bad = "{\"id\":\"x\",\"text\":";
    assert_int_equal(sl_article_from_json(bad, strlen(bad), &a, &err), SL_ERR_FORMAT);
    assert_null(a);
    const char *no_text = "{\"id\":\"x\",\"title\":\"only\"}";
    assert_int_equal(sl_article_from_json(no_text, strlen(no_text), &a, &err), SL_ERR_EMPTY);
    assert_non_null(strstr(err.msg, "text"));
    const char *not_object = "[1,2]";
    assert_int_equal(sl_article_from_json(not_object, 5, &a, &err), SL_ERR_FORMAT);
}

static void annotate_writes_json(void **state) {
    (void)state;
    sl_article *a = NULL;
    sl_facts *f = NULL;
    sl_error err = {0};
    assert_int_equal(sl_article_from_text(STORY, strlen(STORY), "2031-03-13", &a, &err), SL_OK);
    assert_int_equal(sl_annotate(a, &f, &err), SL_OK);
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    assert_int_equal(sl_facts_write_json(f, a, out), 0);
    fclose(out);
    assert_int_equal(buf[0], '{');
    assert_int_equal(buf[n - 1], '}');
    for (const char *k = "entities\0quotes\0timexes\0quantities\0"; *k; k += strlen(k) + 1) {
        char key[32];
        snprintf(key, sizeof key, "\"%s\":[", k);
        assert_non_null(strstr(buf, key));
    }
    /* Every span lies inside the text. */
    for (size_t i = 0; i < f->n_mentions; i++)
        assert_true(f->mentions[i].start < f->mentions[i].end &&
                    f->mentions[i].end <= a->text_len);
    for (size_t i = 0; i < f->n_quotes; i++)
        assert_true(f->quotes[i].end <= a->text_len);
    for (size_t i = 0; i < f->n_timexes; i++)
        assert_true(f->timexes[i].end <= a->text_len);
    for (size_t i = 0; i < f->n_quantities; i++)
        assert_true(f->quantities[i].end <= a->text_len);
    free(buf);
    sl_facts_free(f);
    sl_article_free(a);
}

static void empty_text_has_no_facts(void **state) {
    (void)state;
    sl_article *a = NULL;
    sl_facts *f = NULL;
    sl_error err = {0};
    assert_int_equal(sl_article_from_text("", 0, NULL, &a, &err), SL_OK);
    assert_int_equal(sl_annotate(a, &f, &err), SL_OK);
    assert_int_equal(f->n_entities + f->n_quotes + f->n_timexes + f->n_quantities, 0);
    sl_facts_free(f);
    sl_article_free(a);
}

/* A new store in a new directory dir (a mkdtemp template). */
static sl_store *temp_store(char *dir) {
    char db[64];
    sl_store *s = NULL;
    sl_error err = {0};
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/f.db", dir);
    assert_int_equal(sl_store_open(db, &s, &err), SL_OK);
    return s;
}

static void drop_store(sl_store *s, const char *dir) {
    sl_store_close(s);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

/* What the store returns is what sl_annotate found for the same article. */
static void store_keeps_facts(void **state) {
    (void)state;
    char dir[] = "/tmp/sl_facts_XXXXXX";
    sl_store *s = temp_store(dir);
    sl_error err = {0};
    sl_article *a = NULL;
    assert_int_equal(sl_article_from_text(STORY, strlen(STORY), "2031-03-13", &a, &err), SL_OK);
    memset(a->hash, 7, sizeof a->hash);
    int64_t id = 0;
    int is_new = 0;
    assert_int_equal(sl_store_add(s, a, &id, &is_new, &err), SL_OK);
    assert_true(is_new);
    sl_facts *want = NULL, *got = NULL;
    assert_int_equal(sl_annotate(a, &want, &err), SL_OK);
    assert_int_equal(sl_store_facts(s, id, &got, &err), SL_OK);
    assert_int_equal(got->n_entities, want->n_entities);
    assert_int_equal(got->n_mentions, want->n_mentions);
    assert_int_equal(got->n_quotes, want->n_quotes);
    assert_int_equal(got->n_timexes, want->n_timexes);
    assert_int_equal(got->n_quantities, want->n_quantities);
    for (size_t i = 0; i < want->n_entities; i++)
        assert_string_equal(got->entities[i].name, want->entities[i].name);
    for (size_t i = 0; i < want->n_quotes; i++) {
        assert_int_equal(got->quotes[i].start, want->quotes[i].start);
        assert_int_equal(got->quotes[i].entity, want->quotes[i].entity);
    }
    for (size_t i = 0; i < want->n_timexes; i++)
        assert_string_equal(got->timexes[i].value, want->timexes[i].value);
    for (size_t i = 0; i < want->n_quantities; i++)
        assert_true(got->quantities[i].value == want->quantities[i].value);
    sl_facts_free(want);
    sl_facts_free(got);
    assert_int_equal(sl_store_facts(s, id + 1, &got, &err), SL_END);
    sl_article_free(a);
    drop_store(s, dir);
}

static void add_text(sl_store *s, const char *text, const char *date, int salt) {
    sl_article *a = NULL;
    sl_error err = {0};
    assert_int_equal(sl_article_from_text(text, strlen(text), date, &a, &err), SL_OK);
    a->title = "Marrow Bay ferry strike";
    memset(a->hash, salt, sizeof a->hash);
    assert_int_equal(sl_store_add(s, a, NULL, NULL, &err), SL_OK);
    sl_article_free(a);
}

/* An undated report of a dated event takes the event's day, and its
 * relative dates resolve against it; a dated article is left alone. */
static void undated_article_dated_by_its_event(void **state) {
    (void)state;
    char dir[] = "/tmp/sl_facts_XXXXXX";
    sl_store *s = temp_store(dir);
    sl_error err = {0};
    add_text(s,
             "Ferry crews in Marrow Bay walked off the job on Wednesday, stranding commuters "
             "at the harbour terminal. The deckhands union said the ferry strike over pay and "
             "rest periods would go on until the ferry company returned to talks.",
             "2031-03-12", 1);
    add_text(s,
             "The Marrow Bay ferry strike stranded commuters at the harbour terminal on "
             "Wednesday as deckhands walked off the job. The union said the strike over pay "
             "and rest periods goes on until the ferry company returns to talks on March 20.",
             NULL, 2);
    sl_cluster_stats cs;
    assert_int_equal(sl_store_cluster(s, 0, &cs, &err), SL_OK);
    assert_int_equal(cs.events, 1);
    sl_facts *f = NULL;
    assert_int_equal(sl_store_facts(s, 2, &f, &err), SL_OK);
    assert_string_equal(f->inferred_date, "2031-03-12");
    int wednesday = 0, march20 = 0;
    for (size_t i = 0; i < f->n_timexes; i++) {
        wednesday += !strcmp(f->timexes[i].value, "2031-03-12");
        march20 += !strcmp(f->timexes[i].value, "2031-03-20");
    }
    assert_int_equal(wednesday, 1);
    assert_int_equal(march20, 1);
    sl_facts_free(f);
    assert_int_equal(sl_store_facts(s, 1, &f, &err), SL_OK);
    assert_string_equal(f->inferred_date, "");
    sl_facts_free(f);
    drop_store(s, dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(raw_text_keeps_bytes_and_lines),
        cmocka_unit_test(json_records),
        cmocka_unit_test(annotate_writes_json),
        cmocka_unit_test(empty_text_has_no_facts),
        cmocka_unit_test(store_keeps_facts),
        cmocka_unit_test(undated_article_dated_by_its_event),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

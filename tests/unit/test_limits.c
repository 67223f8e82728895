/* Every input limit of sl_limits at its value and one past it: at the
 * limit the item is read whole; one byte or level past, that item alone is
 * refused with SL_ERR_LIMIT (or, for HTML nesting, flattened with a
 * warning) and the reader goes on with the next one. docs/ROBUSTNESS.md
 * lists the limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "storyline.h"
#include "read/json.h"
#include "util/arena.h"
#include "util/buf.h"

static char tmp_dir[] = "/tmp/sl_limits_XXXXXX";

static const char *tmp_path(const char *name) {
    static char p[128];
    snprintf(p, sizeof p, "%s/%s", tmp_dir, name);
    return p;
}

static void write_file(const char *path, const char *data, size_t n) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

/* A text of exactly n bytes: sentences about the pier, padded with 'a's. */
static char *text_of(size_t n) {
    static const char s[] = "The pier reopened after the storm. ";
    char *t = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        t[i] = i + 8 < n ? s[i % (sizeof s - 1)] : 'a';
    t[n] = 0;
    return t;
}

static sl_status read_one(sl_reader *r, sl_article **a) {
    sl_error e;
    *a = NULL;
    return sl_reader_next(r, a, &e);
}

/* A file of three items, "at" the limit, "past" it and one "after": the
 * first and last are read, the middle one alone is a limit error. */
static const char *title_of(const sl_article *a) { return a->title; }
static const char *record_of(const sl_article *a) { return a->prov.record_id; }

static void read_at_past_after(const char *path, const sl_limits *lim, const char *at,
                               const char *after, const char *(*name)(const sl_article *)) {
    sl_reader *r;
    sl_error e;
    sl_article *a;
    assert_int_equal(sl_reader_open(path, lim, &r, &e), SL_OK);
    assert_int_equal(read_one(r, &a), SL_OK);
    assert_string_equal(name(a), at);
    sl_article_free(a);
    assert_int_equal(read_one(r, &a), SL_ERR_LIMIT);
    assert_int_equal(read_one(r, &a), SL_OK);
    assert_string_equal(name(a), after);
    sl_article_free(a);
    assert_int_equal(read_one(r, &a), SL_END);
    sl_reader_close(r);
}

/* ---------------------------------------------------------------- document */

static void document_at_and_past_max_doc_bytes(void **state) {
    (void)state;
    sl_limits lim;
    sl_limits_default(&lim);
    lim.max_doc_bytes = 4096;
    sl_extract_opts o = {.format = SL_FORMAT_TEXT, .limits = &lim};
    char *t = text_of(4097);
    sl_article *a = NULL;
    sl_error e;
    assert_int_equal(sl_extract(t, 4096, &o, &a, &e), SL_OK);
    sl_article_free(a);
    a = NULL;
    assert_int_equal(sl_extract(t, 4097, &o, &a, &e), SL_ERR_LIMIT);
    assert_null(a);

    /* The same through a reader of one whole file. */
    write_file(tmp_path("at.txt"), t, 4096);
    write_file(tmp_path("past.txt"), t, 4097);
    sl_reader *r;
    assert_int_equal(sl_reader_open(tmp_path("at.txt"), &lim, &r, &e), SL_OK);
    assert_int_equal(read_one(r, &a), SL_OK);
    sl_article_free(a);
    sl_reader_close(r);
    assert_int_equal(sl_reader_open(tmp_path("past.txt"), &lim, &r, &e), SL_OK);
    assert_int_equal(read_one(r, &a), SL_ERR_LIMIT);
    sl_reader_close(r);
    free(t);
}

/* ---------------------------------------------------------------- JSONL line */

/* A JSONL line of exactly n bytes (newline not counted). */
static void jsonl_line(sl_buf *b, const char *title, size_t n) {
    size_t start = b->len;
    sl_buf_printf(b, "{\"title\": \"%s\", \"text\": \"", title);
    size_t body = n - (b->len - start) - 2;
    char *t = text_of(body);
    sl_buf_append(b, t, body);
    sl_buf_puts(b, "\"}\n");
    free(t);
    assert_int_equal(b->len - start, n + 1);
}

static void jsonl_line_at_and_past_max_line_bytes(void **state) {
    (void)state;
    sl_limits lim;
    sl_limits_default(&lim);
    lim.max_line_bytes = 3000;
    sl_buf b;
    sl_buf_init(&b);
    jsonl_line(&b, "at", 3000);
    jsonl_line(&b, "past", 3001);
    jsonl_line(&b, "after", 200);
    write_file(tmp_path("lines.jsonl"), b.data, b.len);
    read_at_past_after(tmp_path("lines.jsonl"), &lim, "at", "after", title_of);
    sl_buf_free(&b);
}

/* ---------------------------------------------------------------- nesting */

static void json_at_and_past_max_depth(void **state) {
    (void)state;
    char s[64];
    for (int i = 0; i < 20; i++)
        s[i] = '[', s[39 - i] = ']';
    sl_arena arena;
    sl_arena_init(&arena, 4096);
    sl_json_error je;
    /* 20 arrays inside each other: depth 20. */
    assert_non_null(sl_json_parse(s, 40, 20, &arena, &je));
    assert_null(sl_json_parse(s, 40, 19, &arena, &je));
    sl_arena_free(&arena);
}

/* n <div>s around one paragraph: n + 1 levels of elements. */
static const char *html_depth_warning(int divs, size_t max_depth) {
    static char warning[128];
    sl_buf b;
    sl_buf_init(&b);
    for (int i = 0; i < divs; i++)
        sl_buf_puts(&b, "<div>");
    sl_buf_puts(&b, "<p>The pier reopened after the storm, long enough a text to keep.</p>");
    sl_limits lim;
    sl_limits_default(&lim);
    lim.max_depth = max_depth;
    sl_extract_opts o = {.format = SL_FORMAT_HTML, .limits = &lim};
    sl_article *a = NULL;
    sl_error e;
    assert_int_equal(sl_extract(b.data, b.len, &o, &a, &e), SL_OK);
    assert_non_null(strstr(a->text, "The pier reopened"));
    snprintf(warning, sizeof warning, "%s", a->warning);
    sl_article_free(a);
    sl_buf_free(&b);
    return warning;
}

static void html_at_and_past_max_depth(void **state) {
    (void)state;
    assert_string_equal(html_depth_warning(15, 16), ""); /* 16 levels */
    assert_non_null(strstr(html_depth_warning(16, 16), "flattened")); /* 17 */
}

/* ---------------------------------------------------------------- WARC record */

/* A response record whose block (HTTP head and page) is exactly n bytes. */
static void warc_record(sl_buf *w, const char *id, size_t n) {
    sl_buf block;
    sl_buf_init(&block);
    sl_buf_puts(&block, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>");
    size_t tail = strlen("</p></body></html>");
    size_t body = n - block.len - tail;
    char *t = text_of(body);
    sl_buf_append(&block, t, body);
    sl_buf_puts(&block, "</p></body></html>");
    free(t);
    assert_int_equal(block.len, n);
    sl_buf_printf(w,
                  "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://pier.example/%s\r\n"
                  "WARC-Date: 2031-03-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\n"
                  "Content-Type: application/http; msgtype=response\r\nContent-Length: %zu\r\n\r\n",
                  id, id, n);
    sl_buf_append(w, block.data, block.len);
    sl_buf_puts(w, "\r\n\r\n");
    sl_buf_free(&block);
}

static void warc_record_at_and_past_max_record_bytes(void **state) {
    (void)state;
    sl_limits lim;
    sl_limits_default(&lim);
    lim.max_record_bytes = 5000;
    sl_buf w;
    sl_buf_init(&w);
    warc_record(&w, "at", 5000);
    warc_record(&w, "past", 5001);
    warc_record(&w, "after", 600);
    write_file(tmp_path("records.warc"), w.data, w.len);
    read_at_past_after(tmp_path("records.warc"), &lim, "urn:uuid:at", "urn:uuid:after", record_of);
    sl_buf_free(&w);
}

static int setup(void **state) {
    (void)state;
    return mkdtemp(tmp_dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    const char *files[] = {"at.txt", "past.txt", "lines.jsonl", "records.warc"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        unlink(tmp_path(files[i]));
    return rmdir(tmp_dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(document_at_and_past_max_doc_bytes),
        cmocka_unit_test(jsonl_line_at_and_past_max_line_bytes),
        cmocka_unit_test(json_at_and_past_max_depth),
        cmocka_unit_test(html_at_and_past_max_depth),
        cmocka_unit_test(warc_record_at_and_past_max_record_bytes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/* Regression tests for inputs the fuzzers (fuzz/) once broke: every file in
 * tests/fixtures/regress/ goes through sl_extract under each format hint,
 * through a reader, through the JSON parser, the segmenter, and (taken as
 * raw text, cut at form feeds as fuzz_synth cuts it) the annotators and
 * the synthesis with its three report formats. Each
 * must end without a crash, leak or sanitizer report, with a sane status: an
 * article, or an error that says why. The file names say which bug each
 * reproduces. */
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
#include "read/json.h"
#include "segment/segment.h"

#define REGRESS_DIR SL_SOURCE_DIR "/tests/fixtures/regress"

static char *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long len = ftell(f);
    assert_true(len >= 0);
    rewind(f);
    char *p = malloc((size_t)len + 1);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)len, f), (size_t)len);
    p[len] = '\0';
    fclose(f);
    *n = (size_t)len;
    return p;
}

static void assert_sane(sl_status st, const sl_article *a, const sl_error *e, const char *what) {
    if (st == SL_OK) {
        assert_non_null(a);
        assert_non_null(a->text);
        assert_true(a->text_len == strlen(a->text));
    } else {
        assert_null(a);
        if (e->msg[0] == '\0')
            fail_msg("%s: %s without a message", what, sl_status_name(st));
    }
}

static void through_extract(const char *path, const char *data, size_t n) {
    static const sl_format hints[] = {SL_FORMAT_UNKNOWN, SL_FORMAT_HTML, SL_FORMAT_TEXT,
                                      SL_FORMAT_HEADERTEXT};
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        sl_extract_opts o = {.format = hints[i], .path = path};
        sl_article *a = NULL;
        sl_error e = {0};
        sl_status st = sl_extract(data, n, &o, &a, &e);
        assert_sane(st, a, &e, path);
        sl_article_free(a);
    }
}

static void through_reader(const char *path) {
    sl_reader *r = NULL;
    sl_error e = {0};
    assert_int_equal(sl_reader_open(path, NULL, &r, &e), SL_OK);
    int items = 0;
    for (; items < 100000; items++) {
        sl_article *a = NULL;
        sl_status st = sl_reader_next(r, &a, &e);
        if (st == SL_END)
            break;
        assert_sane(st, a, &e, path);
        sl_article_free(a);
    }
    assert_true(items < 100000); /* the reader always reaches its end */
    sl_reader_close(r);
}

static void through_json_and_segment(const char *data, size_t n) {
    sl_arena a;
    sl_arena_init(&a, 0);
    sl_json_error je = {0};
    if (!sl_json_parse(data, n, 512, &a, &je))
        assert_true(je.msg[0] != '\0');
    sl_block b = {.kind = SL_BLOCK_PARAGRAPH, .start = 0, .end = n};
    sl_sentence *s;
    sl_token *t;
    size_t ns, nt;
    assert_int_equal(sl_segment(data, n, &b, 1, &a, &s, &ns, &t, &nt), SL_OK);
    for (size_t i = 0; i < nt; i++)
        assert_true(t[i].start < t[i].end && t[i].end <= n);
    sl_arena_free(&a);
}

/* The story stage over the input's form-feed-separated texts: the first
 * byte is fuzz_synth's mode byte. */
static void through_synthesis(const char *data, size_t n) {
    enum { MAX_DOCS = 8 };
    sl_article *a[MAX_DOCS] = {0};
    sl_facts *f[MAX_DOCS] = {0};
    sl_synth_member m[MAX_DOCS];
    size_t k = 0;
    sl_error e = {0};
    const char *p = n ? data + 1 : data, *end = data + n;
    while (p <= end && k < MAX_DOCS) {
        const char *q = memchr(p, '\f', (size_t)(end - p));
        if (!q)
            q = end;
        if (sl_article_from_text(p, (size_t)(q - p), "2031-03-14", &a[k], &e) == SL_OK) {
            if (sl_annotate(a[k], &f[k], &e) != SL_OK)
                f[k] = NULL;
            m[k] = (sl_synth_member){a[k], f[k], (int64_t)k + 1, 1, -1, 22000 + (int32_t)k};
            k++;
        }
        p = q + 1;
    }
    sl_synthesis *s = NULL;
    if (sl_synthesize(m, k, NULL, &s, &e) == SL_OK) {
        FILE *out = fopen("/dev/null", "w");
        assert_non_null(out);
        for (int fmt = SL_REPORT_JSON; fmt <= SL_REPORT_HTML; fmt++)
            assert_int_equal(sl_report_write(s, (sl_report_format)fmt, out, &e), SL_OK);
        fclose(out);
        sl_synthesis_free(s);
    }
    for (size_t i = 0; i < k; i++) {
        sl_facts_free(f[i]);
        sl_article_free(a[i]);
    }
}

static void every_regress_input_is_handled(void **state) {
    (void)state;
    DIR *d = opendir(REGRESS_DIR);
    if (!d)
        skip();
    int files = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", REGRESS_DIR, de->d_name);
        size_t n;
        char *data = slurp(path, &n);
        through_extract(path, data, n);
        through_reader(path);
        through_json_and_segment(data, n);
        through_synthesis(data, n);
        free(data);
        files++;
    }
    closedir(d);
    assert_true(files > 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_regress_input_is_handled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

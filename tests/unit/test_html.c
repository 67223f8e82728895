/* Unit tests for html/: tokenizer, entities, DOM limits, article
 * extraction and page metadata, on our own small fictional pages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storyline.h"
#include "core/draft.h"
#include "html/dom.h"
#include "html/html.h"
#include "util/buf.h"

static char *slurp_fixture(const char *name, size_t *len) {
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/html/%s", SL_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = malloc((size_t)n + 1);
    assert_non_null(d);
    assert_int_equal(fread(d, 1, (size_t)n, f), (size_t)n);
    d[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return d;
}

static sl_article *extract_html(const char *html, size_t n) {
    sl_extract_opts o = {.format = SL_FORMAT_HTML};
    sl_article *a = NULL;
    sl_error err = {0};
    sl_status st = sl_extract(html, n, &o, &a, &err);
    if (st != SL_OK)
        fail_msg("extract failed: %s %s", sl_status_name(st), err.msg);
    return a;
}

static int has(const sl_article *a, const char *s) { return strstr(a->text, s) != NULL; }

static int contains(const char *h, size_t hn, const char *needle) {
    size_t nn = strlen(needle);
    for (size_t i = 0; i + nn <= hn; i++)
        if (memcmp(h + i, needle, nn) == 0)
            return 1;
    return 0;
}

static int has_block(const sl_article *a, sl_block_kind k, const char *s) {
    for (size_t i = 0; i < a->n_blocks; i++) {
        const sl_block *b = &a->blocks[i];
        if (b->kind == k && contains(a->text + b->start, b->end - b->start, s))
            return 1;
    }
    return 0;
}

static void article_text_kept_and_chrome_gone(void **state) {
    (void)state;
    size_t n;
    char *html = slurp_fixture("ferry_strike.html", &n);
    sl_article *a = extract_html(html, n);
    assert_true(has(a, "Crews on the Marrow Bay to Gullrock ferry stopped work at dawn"));
    assert_true(has(a, "three extra night crossings"));
    assert_true(has(a, "safety was its first concern"));
    assert_true(has_block(a, SL_BLOCK_HEADING, "Traders count the cost"));
    assert_true(has_block(a, SL_BLOCK_QUOTE, "The tide waits for no one"));
    assert_true(has_block(a, SL_BLOCK_LIST_ITEM, "next talks are planned for Thursday"));
    const char *chrome[] = {"cookies", "Share on Facebook", "Related stories", "Harbour fees",
                            "Typical harbour board", "daughter could not", "Storm warning",
                            "Most read", "in your inbox", "All rights reserved", "Weather",
                            "SCRIPT-LEAK", "STYLE-LEAK", "document.write"};
    for (size_t i = 0; i < sizeof chrome / sizeof *chrome; i++)
        if (has(a, chrome[i]))
            fail_msg("page chrome kept: %s", chrome[i]);
    /* The headline is the title, not a body paragraph. */
    assert_false(has_block(a, SL_BLOCK_HEADING, "Ferry crews walk out"));
    sl_article_free(a);
    free(html);
}

static void metadata_from_jsonld_and_meta(void **state) {
    (void)state;
    size_t n;
    char *html = slurp_fixture("ferry_strike.html", &n);
    sl_article *a = extract_html(html, n);
    assert_string_equal(a->title, "Ferry crews walk out over night shifts");
    assert_string_equal(a->outlet, "Marrow Bay Courier");
    assert_non_null(a->authors);
    assert_string_equal(a->authors, "Isla Thorncastle; Bram O\xe2\x80\x99Leary");
    assert_string_equal(a->url, "https://courier.example/news/ferry-strike");
    assert_string_equal(a->language, "en");
    assert_int_equal(strncmp(a->published, "2024-03-05", 10), 0);
    assert_int_equal(a->published_from, SL_DATE_JSONLD);
    /* The copyright footer's year never becomes the date. */
    assert_null(strstr(a->published, "2025"));
    sl_article_free(a);
    free(html);
}

static void entities_decoded(void **state) {
    (void)state;
    size_t n;
    char *html = slurp_fixture("ferry_strike.html", &n);
    sl_article *a = extract_html(html, n);
    assert_true(has(a, "\xe2\x80\x9cWe don\xe2\x80\x99t take this lightly,\xe2\x80\x9d"));
    assert_true(has(a, "\xe2\x80\x9cunsafe and unpaid\xe2\x80\x9d"));
    assert_true(has(a, "Reyes"));
    assert_true(has(a, "Sons"));
    assert_null(strstr(a->text, "&amp;"));
    assert_null(strstr(a->text, "&nbsp;"));
    assert_null(strstr(a->text, "&#8217;"));
    sl_article_free(a);
    free(html);

    sl_buf b;
    sl_buf_init(&b);
    const char *in = "a&amp;b &lt;c&gt; &#8217;&#x2014;&nbsp;&copy 2024 &bogus; &#0; &#150; AT&T";
    assert_int_equal(sl_html_decode(in, strlen(in), &b, 0), 0);
    assert_string_equal(b.data, "a&b <c> \xe2\x80\x99\xe2\x80\x94\xc2\xa0\xc2\xa9 2024 &bogus; "
                                "\xef\xbf\xbd \xe2\x80\x93 AT&T");
    sl_buf_free(&b);
}

static void br_separated_divs_and_unclosed_tags(void **state) {
    (void)state;
    size_t n;
    char *html = slurp_fixture("br_divs.html", &n);
    sl_article *a = extract_html(html, n);
    assert_true(has(a, "lantern festival returns to Gullrock harbour"));
    assert_true(has(a, "four thousand visitors"));
    assert_true(has(a, "The parade sets off at seven"));
    assert_true(has(a, "Unclosed paragraph one"));
    assert_true(has(a, "Unclosed paragraph two"));
    assert_false(has(a, "About"));
    assert_true(a->n_blocks >= 5); /* <br><br> and implied </p> split blocks */
    assert_string_equal(a->title, "Lantern festival returns");
    sl_article_free(a);
    free(html);
}

static void unquoted_attributes_and_unclosed_quotes(void **state) {
    (void)state;
    const char *html =
        "<html><head><meta property=og:title content=Quayside></head><body>"
        "<div class=comments id=c><p>A reader comment that goes on for quite a while, "
        "about nothing at all, really.</p></div>"
        "<div class=story><p>Harbour works begin on Monday, the council said, and will last "
        "until the end of the summer season, with the slipway closed throughout.</p></div>"
        "<p title='never closed>tail text";
    sl_article *a = extract_html(html, strlen(html));
    assert_true(has(a, "Harbour works begin on Monday"));
    assert_false(has(a, "reader comment"));
    assert_false(has(a, "tail text"));
    assert_string_equal(a->title, "Quayside");
    sl_article_free(a);
}

static char *repeat(const char *unit, size_t times, const char *mid, size_t *len) {
    size_t ul = strlen(unit), ml = strlen(mid);
    char *s = malloc(ul * times + ml + 1);
    assert_non_null(s);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * ul, unit, ul);
    memcpy(s + ul * times, mid, ml + 1);
    *len = ul * times + ml;
    return s;
}

static void deep_nesting_is_flattened(void **state) {
    (void)state;
    const char *units[] = {"<div>", "<b>", "<p><span>", "<table><tr><td>", "<ul><li>"};
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        size_t n;
        char *html = repeat(units[u], 100000,
                            "The lifeboat launched twice in one night, and both crews came home "
                            "safe before dawn, the station said.</div></b>",
                            &n);
        sl_extract_opts o = {.format = SL_FORMAT_HTML};
        sl_article *a = NULL;
        sl_error err = {0};
        sl_status st = sl_extract(html, n, &o, &a, &err);
        assert_true(st == SL_OK || st == SL_ERR_LIMIT);
        if (st == SL_OK) {
            assert_true(has(a, "lifeboat launched twice"));
            sl_article_free(a);
        }
        free(html);
    }
    /* An explicit small limit also works. */
    size_t n;
    char *html = repeat("<div>", 1000, "Deep text about the pier, long enough to count.", &n);
    sl_limits lim;
    sl_limits_default(&lim);
    lim.max_depth = 16;
    sl_extract_opts o = {.format = SL_FORMAT_HTML, .limits = &lim};
    sl_article *a = NULL;
    assert_int_equal(sl_extract(html, n, &o, &a, NULL), SL_OK);
    assert_true(has(a, "Deep text about the pier"));
    sl_article_free(a);
    free(html);
}

static void script_content_never_appears(void **state) {
    (void)state;
    const char *html =
        "<body><p>The pier cafe reopens on Friday with a new menu of chowder, crab rolls "
        "and strong tea, the owners said.</p><SCRIPT type=text/javascript>var s = '</p>"
        "<p>LEAK one</p>';</script ><noscript><p>LEAK two</p></noscript>"
        "<template><p>LEAK three</p></template><style>p{}</style ><p>More about the cafe "
        "and its long history on the seafront, since the storm of 1987.</p>"
        "<!-- <p>LEAK four</p> --><![CDATA[ LEAK five ]]><svg><text>LEAK six</text></svg>"
        "<script>unterminated LEAK seven <p>";
    sl_article *a = extract_html(html, strlen(html));
    assert_true(has(a, "pier cafe reopens"));
    assert_true(has(a, "storm of 1987"));
    assert_false(has(a, "LEAK"));
    sl_article_free(a);
}

static void empty_and_garbage_input(void **state) {
    (void)state;
    const char *inputs[] = {"", "<", "<<<<>>>>", "</", "<!--", "<!-- never closed", "&", "&#",
                            "&#x110000;", "<a href='x", "<a b=\"", "</p></p></div>",
                            "<html><body></body></html>", "<p>\xff\xfe\x00 binary</p>",
                            "<title>only a title</title>"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        sl_draft d;
        sl_draft_init(&d, SL_FORMAT_HTML);
        sl_error err = {0};
        size_t n = strlen(inputs[i]);
        sl_status st = sl_html_extract(inputs[i], n, NULL, &d, &err);
        assert_int_equal(st, SL_OK);
        sl_draft_discard(&d);
    }
    /* Pseudo-random bytes with many '<' and '&'. */
    size_t n = 1 << 16;
    char *junk = malloc(n);
    assert_non_null(junk);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        const char alphabet[] = "<>/!-&#;=\"' abcpdivx\n";
        junk[i] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
    }
    sl_draft d;
    sl_draft_init(&d, SL_FORMAT_HTML);
    assert_int_equal(sl_html_extract(junk, n, NULL, &d, NULL), SL_OK);
    sl_draft_discard(&d);
    free(junk);
    sl_article *a = NULL;
    sl_extract_opts o = {.format = SL_FORMAT_HTML};
    assert_int_not_equal(sl_extract("<html></html>", 13, &o, &a, NULL), SL_OK);
    assert_null(a);
}

static void dom_implied_end_tags(void **state) {
    (void)state;
    const char *html = "<ul><li>one<li>two</ul><p>a<p>b<table><tr><td>x<td>y</table>";
    sl_arena ar;
    sl_arena_init(&ar, 0);
    sl_hdoc doc;
    assert_int_equal(sl_hdoc_parse(&doc, html, strlen(html), 0, &ar, NULL), SL_OK);
    int li = 0, td = 0, p = 0;
    for (size_t i = 0; i < doc.n; i++) {
        const sl_hnode *e = &doc.nodes[i];
        if (e->type != SL_HN_ELEM)
            continue;
        int ptag = e->parent >= 0 ? doc.nodes[e->parent].tag : -1;
        if (e->tag == SL_T_LI) {
            li++;
            assert_int_equal(ptag, SL_T_UL); /* siblings, not nested */
        } else if (e->tag == SL_T_TD) {
            td++;
            assert_int_equal(ptag, SL_T_TR);
        } else if (e->tag == SL_T_P) {
            p++;
            assert_int_not_equal(ptag, SL_T_P);
        }
    }
    assert_int_equal(li, 2);
    assert_int_equal(td, 2);
    assert_int_equal(p, 2);
    sl_hdoc_free(&doc);
    sl_arena_free(&ar);
}

static void dev_pages_give_text(void **state) {
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/bench/extraction/data/dev/ids.txt", SL_SHARED_DIR);
    FILE *ids = fopen(path, "r");
    if (!ids) {
        skip();
        return;
    }
    char id[256];
    int pages = 0;
    while (fgets(id, sizeof id, ids) && pages < 20) {
        id[strcspn(id, "\r\n")] = 0;
        snprintf(path, sizeof path, "%s/bench/extraction/data/dev/%s.html", SL_SHARED_DIR, id);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *d = malloc((size_t)n);
        assert_int_equal(fread(d, 1, (size_t)n, f), (size_t)n);
        fclose(f);
        sl_article *a = extract_html(d, (size_t)n);
        assert_true(a->text_len > 200);
        sl_article_free(a);
        free(d);
        pages++;
    }
    fclose(ids);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(article_text_kept_and_chrome_gone),
        cmocka_unit_test(metadata_from_jsonld_and_meta),
        cmocka_unit_test(entities_decoded),
        cmocka_unit_test(br_separated_divs_and_unclosed_tags),
        cmocka_unit_test(unquoted_attributes_and_unclosed_quotes),
        cmocka_unit_test(deep_nesting_is_flattened),
        cmocka_unit_test(script_content_never_appears),
        cmocka_unit_test(empty_and_garbage_input),
        cmocka_unit_test(dom_implied_end_tags),
        cmocka_unit_test(dev_pages_give_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

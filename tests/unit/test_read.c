/* Unit tests for read/: JSONL, WARC and WARC.gz readers, single documents
 * (plain and gzip), and sl_walk. Fixtures are built here, in a temporary
 * directory, from a fictional story (a ferry strike in Marrow Bay), so that
 * each test shows the exact bytes it reads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "storyline.h"
#include "meta/date.h"
#include "read/reader_int.h"
#include "util/buf.h"

static char g_dir[64];

static const char *tmp_path(const char *name) {
    static char paths[8][256];
    static int k;
    char *p = paths[k++ % 8];
    snprintf(p, 256, "%s/%s", g_dir, name);
    return p;
}

static void write_file(const char *path, const void *p, size_t n) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

/* Append p as one complete gzip member. */
static void gz_member(sl_buf *out, const void *p, size_t n) {
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t bound = deflateBound(&z, (uLong)n) + 64;
    assert_int_equal(sl_buf_reserve(out, bound), 0);
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out->data + out->len;
    z.avail_out = (uInt)bound;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->len += bound - z.avail_out;
    deflateEnd(&z);
}

static const char PAGE1[] =
    "<html><head><title>Ferry crews walk out in Marrow Bay</title></head><body>"
    "<article><p>Ferry crews in the port town of Marrow Bay stopped work on Tuesday morning, "
    "leaving the island route without a single crossing.</p>"
    "<p>The harbour master said the dispute over night shifts remained open.</p>"
    "</article></body></html>";
static const char PAGE2[] =
    "<html><head><title>Marrow Bay talks resume</title></head><body>"
    "<p>Talks between the ferry operator and the crews resumed in the town hall, "
    "with both sides promising a statement before the weekend.</p></body></html>";

/* An HTTP response as a crawler stores it. */
static void http_response(sl_buf *b, int status, const char *ctype, const char *extra,
                          const char *body, size_t n) {
    sl_buf_clear(b);
    sl_buf_printf(b, "HTTP/1.1 %d %s\r\n", status, status == 200 ? "OK" : "Not Found");
    if (ctype)
        sl_buf_printf(b, "Content-Type: %s\r\n", ctype);
    if (extra)
        sl_buf_puts(b, extra);
    sl_buf_puts(b, "Server: test\r\n\r\n");
    sl_buf_append(b, body, n);
}

/* One WARC record; the crawl date is deliberately far from any story date. */
static void warc_record(sl_buf *out, const char *type, const char *uri, const char *id,
                        const char *extra, const char *content, size_t n, long lie) {
    sl_buf_printf(out, "WARC/1.1\r\nWARC-Type: %s\r\n", type);
    if (uri)
        sl_buf_printf(out, "WARC-Target-URI: %s\r\n", uri);
    sl_buf_printf(out, "WARC-Date: 2030-05-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\n", id);
    if (strcmp(type, "response") == 0)
        sl_buf_puts(out, "Content-Type: application/http; msgtype=response\r\n");
    else if (strcmp(type, "warcinfo") == 0)
        sl_buf_puts(out, "Content-Type: application/warc-fields\r\n");
    if (extra)
        sl_buf_puts(out, extra);
    sl_buf_printf(out, "Content-Length: %ld\r\n\r\n", (long)n + lie);
    sl_buf_append(out, content, n);
    sl_buf_puts(out, "\r\n\r\n");
}

static void response_record(sl_buf *out, const char *uri, const char *id, int status,
                            const char *ctype, const char *page, const char *warc_extra) {
    sl_buf http;
    sl_buf_init(&http);
    http_response(&http, status, ctype, NULL, page, strlen(page));
    warc_record(out, "response", uri, id, warc_extra, http.data, http.len, 0);
    sl_buf_free(&http);
}

static void warcinfo_record(sl_buf *out) {
    const char *info = "software: storyline-tests\r\nformat: WARC File Format 1.1\r\n";
    warc_record(out, "warcinfo", NULL, "info-0", NULL, info, strlen(info), 0);
}

static sl_reader *open_ok(const char *path, const sl_limits *lim) {
    sl_reader *r = NULL;
    sl_error e = {0};
    sl_status st = sl_reader_open(path, lim, &r, &e);
    if (st != SL_OK)
        fail_msg("open %s: %s", path, e.msg);
    return r;
}

/* Next article, asserting success; the caller frees it. */
static sl_article *next_ok(sl_reader *r) {
    sl_article *a = NULL;
    sl_error e = {0};
    sl_status st = sl_reader_next(r, &a, &e);
    if (st != SL_OK)
        fail_msg("expected an article, got %s: %s", sl_status_name(st), e.msg);
    return a;
}

static void next_err(sl_reader *r, sl_status want, const char *msg_part) {
    sl_article *a = NULL;
    sl_error e = {0};
    sl_status st = sl_reader_next(r, &a, &e);
    if (st != want)
        fail_msg("expected %s, got %s: %s", sl_status_name(want), sl_status_name(st), e.msg);
    assert_null(a);
    if (msg_part && !strstr(e.msg, msg_part))
        fail_msg("error '%s' does not mention '%s'", e.msg, msg_part);
}

/* ------------------------------------------------------------- JSONL */

static void check_date(const sl_article *a, const char *raw) {
    char iso[32];
    if (sl_date_parse(raw, strlen(raw), iso)) {
        assert_string_equal(a->published, iso);
        assert_int_equal(a->published_from, SL_DATE_FIELD);
    }
}

static void jsonl_news_please_fields(void **state) {
    (void)state;
    const char *line =
        "{\"title\": \"Ferry crews walk out\", \"maintext\": \"Ferry crews in Marrow Bay stopped "
        "work on Tuesday.\\nThe island route has no crossing.\", \"date_publish\": "
        "\"2021-12-30 10:15:00\", \"date_download\": \"2030-01-01 00:00:00\", \"url\": "
        "\"https://marrowbay.example/news/ferry-strike\", \"source_domain\": "
        "\"marrowbay.example\", \"authors\": [\"Ada Quill\", \"Ben Harrow\"], \"language\": "
        "\"en\"}\n";
    const char *path = tmp_path("np.jsonl");
    write_file(path, line, strlen(line));
    sl_reader *r = open_ok(path, NULL);
    assert_int_equal(sl_reader_format(r), SL_FORMAT_JSONL);
    sl_article *a = next_ok(r);
    assert_string_equal(a->title, "Ferry crews walk out");
    assert_string_equal(a->url, "https://marrowbay.example/news/ferry-strike");
    assert_string_equal(a->outlet, "marrowbay.example");
    assert_string_equal(a->authors, "Ada Quill; Ben Harrow");
    assert_string_equal(a->language, "en");
    assert_non_null(strstr(a->text, "Ferry crews in Marrow Bay stopped work"));
    assert_non_null(strstr(a->text, "island route"));
    assert_int_equal(a->format, SL_FORMAT_JSONL);
    check_date(a, "2021-12-30 10:15:00");
    assert_string_equal(a->prov.path, path);
    assert_int_equal(a->prov.offset, 0);
    assert_int_equal(a->prov.length, strlen(line) - 1);
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    next_err(r, SL_END, NULL); /* stays at the end */
    assert_int_equal(sl_reader_bytes_read(r), strlen(line));
    sl_reader_close(r);
}

static void jsonl_trafilatura_and_plain_fields(void **state) {
    (void)state;
    const char *text =
        "{\"title\": \"Talks resume\", \"author\": \"Cora Vell; Dan Osk\", \"hostname\": "
        "\"harbourpost.example\", \"date\": \"2022-01-04\", \"source\": "
        "\"https://harbourpost.example/talks\", \"id\": \"tf-7\", \"raw_text\": \"raw\", "
        "\"text\": \"Talks between the operator and crews resumed at the town hall.\"}\r\n"
        "\n" /* blank lines are not items */
        "{\"id\": 42, \"title\": \"Plain export\", \"text\": \"The last ferry left at noon.\", "
        "\"date\": \"2022-01-05\", \"url\": \"https://plain.example/a\", \"lang\": \"en\"}";
    const char *path = tmp_path("tf.jsonl");
    write_file(path, text, strlen(text));
    sl_reader *r = open_ok(path, NULL);
    sl_article *a = next_ok(r);
    assert_string_equal(a->title, "Talks resume");
    assert_string_equal(a->authors, "Cora Vell; Dan Osk");
    assert_string_equal(a->outlet, "harbourpost.example");
    assert_string_equal(a->url, "https://harbourpost.example/talks");
    assert_string_equal(a->prov.record_id, "tf-7");
    assert_non_null(strstr(a->text, "resumed at the town hall"));
    assert_null(strstr(a->text, "raw")); /* text wins over raw_text */
    check_date(a, "2022-01-04");
    sl_article_free(a);
    a = next_ok(r); /* last line has no newline */
    assert_string_equal(a->title, "Plain export");
    assert_string_equal(a->prov.record_id, "42");
    assert_string_equal(a->url, "https://plain.example/a");
    assert_string_equal(a->language, "en");
    assert_int_equal(a->prov.offset, strchr(text, '\n') - text + 2);
    assert_int_equal(a->prov.length, strlen(text) - a->prov.offset);
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
}

/* A headline field holding only a markup code ("&HT;", as newswire
 * archives have it) or a rule is no title; a real one with a reference in
 * it stays as written. */
static void jsonl_title_of_only_markup_codes_is_no_title(void **state) {
    (void)state;
    const char *text =
        "{\"title\": \"&HT;\", \"text\": \"Ferry crews in Marrow Bay voted to strike.\"}\n"
        "{\"title\": \" -- \", \"text\": \"The operator called the vote premature.\"}\n"
        "{\"title\": \"Crews &amp; operator meet\", \"text\": \"Talks opened at noon.\"}\n"
        "{\"title\": \"&HT;\"}\n"; /* a headline feed's record with no headline: nothing */
    const char *path = tmp_path("codes.jsonl");
    write_file(path, text, strlen(text));
    sl_reader *r = open_ok(path, NULL);
    sl_article *a = next_ok(r);
    assert_string_equal(a->title, "");
    sl_article_free(a);
    a = next_ok(r);
    assert_string_equal(a->title, "");
    sl_article_free(a);
    a = next_ok(r);
    assert_non_null(strstr(a->title, "operator meet"));
    sl_article_free(a);
    next_err(r, SL_ERR_EMPTY, "no article text");
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
}

static void jsonl_bad_lines_give_errors_and_reading_goes_on(void **state) {
    (void)state;
    const char *text = "{\"title\": \"one\", \"text\": \"First ferry note.\"}\n"
                       "{\"title\": \"two\", \"text\": \"broken\n"
                       "[\"an array\"]\n"
                       "{\"title\": \"no body\"}\n"
                       "{\"id\": \"x\"}\n"
                       "{\"title\": \"five\", \"text\": \"Fifth ferry note.\"}\n";
    const char *path = tmp_path("bad.jsonl");
    write_file(path, text, strlen(text));
    sl_reader *r = open_ok(path, NULL);
    sl_article *a = next_ok(r);
    assert_string_equal(a->title, "one");
    sl_article_free(a);
    char where[300];
    snprintf(where, sizeof where, "%s:2:", path);
    next_err(r, SL_ERR_FORMAT, where);
    snprintf(where, sizeof where, "%s:3:", path);
    next_err(r, SL_ERR_FORMAT, where);
    a = next_ok(r); /* a headline feed's record: kept, marked title-only */
    assert_string_equal(a->title, "no body");
    assert_int_equal(a->text_len, 0);
    assert_non_null(strstr(a->warning, "title only"));
    sl_article_free(a);
    snprintf(where, sizeof where, "%s:5:", path);
    next_err(r, SL_ERR_EMPTY, where);
    a = next_ok(r);
    assert_string_equal(a->title, "five");
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
}

static void jsonl_giant_line_is_skipped_without_buffering(void **state) {
    (void)state;
    const char *path = tmp_path("giant.jsonl");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("{\"title\": \"before\", \"text\": \"Ferry note before.\"}\n", f);
    fputs("{\"title\": \"giant\", \"text\": \"", f);
    char chunk[4096];
    memset(chunk, 'x', sizeof chunk);
    for (int i = 0; i < 5 * 256; i++) /* 5 MiB, larger than the input window */
        fwrite(chunk, 1, sizeof chunk, f);
    fputs("\"}\n{\"title\": \"after\", \"text\": \"Ferry note after.\"}\n", f);
    fclose(f);
    sl_limits lim = {.max_line_bytes = 64 * 1024};
    sl_reader *r = open_ok(path, &lim);
    sl_article *a = next_ok(r);
    assert_string_equal(a->title, "before");
    sl_article_free(a);
    char where[300];
    snprintf(where, sizeof where, "%s:2:", path);
    next_err(r, SL_ERR_LIMIT, where);
    assert_true(r->line.cap <= 2 * lim.max_line_bytes); /* never held the line */
    a = next_ok(r);
    assert_string_equal(a->title, "after");
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
}

static void jsonl_long_line_under_the_limit_is_read(void **state) {
    (void)state;
    const char *path = tmp_path("long.jsonl");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("{\"title\": \"long\", \"text\": \"", f);
    for (int i = 0; i < 150000; i++) /* 3 MB over several windows */
        fputs("Ferry news. ", f);
    fputs("\"}\n", f);
    fclose(f);
    sl_reader *r = open_ok(path, NULL);
    sl_article *a = next_ok(r);
    assert_string_equal(a->title, "long");
    assert_true(a->text_len > 1000000);
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
}

static void jsonl_deep_nesting_is_an_error(void **state) {
    (void)state;
    sl_buf b;
    sl_buf_init(&b);
    sl_buf_puts(&b, "{\"text\": \"deep\", \"x\": ");
    for (int i = 0; i < 100000; i++)
        sl_buf_putc(&b, '[');
    for (int i = 0; i < 100000; i++)
        sl_buf_putc(&b, ']');
    sl_buf_puts(&b, "}\n{\"title\": \"flat\", \"text\": \"A flat ferry note.\"}\n");
    const char *path = tmp_path("deep.jsonl");
    write_file(path, b.data, b.len);
    sl_buf_free(&b);
    sl_reader *r = open_ok(path, NULL);
    next_err(r, SL_ERR_LIMIT, ":1:");
    sl_article *a = next_ok(r);
    assert_string_equal(a->title, "flat");
    sl_article_free(a);
    sl_reader_close(r);
}

static void jsonl_gz_and_open_file_streams(void **state) {
    (void)state;
    const char *text = "{\"title\": \"zipped\", \"text\": \"A compressed ferry note.\"}\n";
    sl_buf gz;
    sl_buf_init(&gz);
    gz_member(&gz, text, strlen(text));
    const char *path = tmp_path("notes.jsonl.gz");
    write_file(path, gz.data, gz.len);
    sl_reader *r = open_ok(path, NULL);
    assert_int_equal(sl_reader_format(r), SL_FORMAT_JSONL);
    sl_article *a = next_ok(r);
    assert_string_equal(a->title, "zipped");
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    assert_int_equal(sl_reader_bytes_read(r), gz.len);
    sl_reader_close(r);
    sl_buf_free(&gz);

    /* A stream (stdin) is named by the caller. */
    FILE *f = fopen(tmp_path("tf.jsonl"), "rb");
    assert_non_null(f);
    sl_error e;
    assert_int_equal(sl_reader_open_file(f, "<stdin>", NULL, &r, &e), SL_OK);
    a = next_ok(r);
    assert_string_equal(a->prov.path, "<stdin>");
    sl_article_free(a);
    sl_reader_close(r);
    fclose(f); /* not closed by the reader */
}

/* -------------------------------------------------------------- WARC */

/* warcinfo, an HTML page, a JPEG, a 404, and a second HTML page, one gzip
 * member each; offsets[] receives each member's compressed offset. */
static void build_cc_warc(sl_buf *gz, uint64_t offsets[6]) {
    sl_buf rec;
    sl_buf_init(&rec);
    for (int i = 0; i < 5; i++) {
        sl_buf_clear(&rec);
        offsets[i] = gz->len;
        if (i == 0)
            warcinfo_record(&rec);
        else if (i == 1)
            response_record(&rec, "https://marrowbay.example/ferry", "rec-1", 200,
                            "text/html; charset=utf-8", PAGE1, NULL);
        else if (i == 2)
            response_record(&rec, "https://marrowbay.example/photo.jpg", "rec-2", 200,
                            "image/jpeg", "\xFF\xD8\xFF\xE0 not really a jpeg", NULL);
        else if (i == 3)
            response_record(&rec, "https://marrowbay.example/gone", "rec-3", 404, "text/html",
                            "<html>gone</html>", NULL);
        else
            response_record(&rec, "https://marrowbay.example/talks", "rec-4", 200, "text/html",
                            PAGE2, NULL);
        gz_member(gz, rec.data, rec.len);
    }
    offsets[5] = gz->len;
    sl_buf_free(&rec);
}

static void warc_gz_per_record_members(void **state) {
    (void)state;
    sl_buf gz;
    sl_buf_init(&gz);
    uint64_t off[6];
    build_cc_warc(&gz, off);
    const char *path = tmp_path("cc.warc.gz");
    write_file(path, gz.data, gz.len);
    sl_reader *r = open_ok(path, NULL);
    assert_int_equal(sl_reader_format(r), SL_FORMAT_WARC);
    sl_article *a = next_ok(r);
    assert_string_equal(a->url, "https://marrowbay.example/ferry");
    assert_string_equal(a->prov.record_id, "urn:uuid:rec-1");
    assert_string_equal(a->prov.path, path);
    assert_int_equal(a->prov.offset, off[1]); /* compressed member offset, as in CC indexes */
    assert_int_equal(a->prov.length, off[2] - off[1]);
    assert_non_null(strstr(a->text, "Ferry crews in the port town of Marrow Bay"));
    assert_string_equal(a->published, ""); /* the crawl date is not a publication date */
    assert_int_equal(a->format, SL_FORMAT_WARC);
    assert_string_equal(a->warning, "");
    sl_article_free(a);
    a = next_ok(r); /* the JPEG and the 404 were skipped silently */
    assert_string_equal(a->prov.record_id, "urn:uuid:rec-4");
    assert_int_equal(a->prov.offset, off[4]);
    assert_int_equal(a->prov.length, off[5] - off[4]);
    assert_non_null(strstr(a->text, "Talks between the ferry operator"));
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    assert_int_equal(sl_reader_skipped(r), 3);
    assert_int_equal(sl_reader_bytes_read(r), gz.len);
    sl_reader_close(r);
    sl_buf_free(&gz);
}

/* A record bigger than the input window is streamed through zlib; its
 * neighbours still go the fast whole-member way. */
static void warc_gz_member_larger_than_the_window(void **state) {
    (void)state;
    sl_buf big, rec, gz;
    sl_buf_init(&big);
    sl_buf_init(&rec);
    sl_buf_init(&gz);
    sl_buf_puts(&big, "<html><body>");
    for (int i = 0; i < 60000; i++)
        sl_buf_printf(&big, "<p>Ferry bulletin %d from Marrow Bay.</p>", i);
    sl_buf_puts(&big, "</body></html>");
    assert_true(big.len > 2u << 20);
    uint64_t off[4];
    for (int i = 0; i < 3; i++) {
        sl_buf_clear(&rec);
        off[i] = gz.len;
        char id[16];
        snprintf(id, sizeof id, "big-%d", i);
        response_record(&rec, "https://marrowbay.example/b", id, 200, "text/html",
                        i == 1 ? big.data : PAGE2, NULL);
        gz_member(&gz, rec.data, rec.len);
    }
    off[3] = gz.len;
    const char *path = tmp_path("bigmember.warc.gz");
    write_file(path, gz.data, gz.len);
    sl_reader *r = open_ok(path, NULL);
    for (int i = 0; i < 3; i++) {
        sl_article *a = next_ok(r);
        assert_int_equal(a->prov.offset, off[i]);
        assert_int_equal(a->prov.length, off[i + 1] - off[i]);
        if (i == 1)
            assert_non_null(strstr(a->text, "Ferry bulletin 59999 from Marrow Bay"));
        sl_article_free(a);
    }
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
    sl_buf_free(&big);
    sl_buf_free(&rec);
    sl_buf_free(&gz);
}

static void warc_plain_and_single_gzip_stream(void **state) {
    (void)state;
    sl_buf w;
    sl_buf_init(&w);
    warcinfo_record(&w);
    size_t start = w.len;
    response_record(&w, "https://marrowbay.example/ferry", "p-1", 200, "text/html", PAGE1, NULL);
    const char *path = tmp_path("plain.warc");
    write_file(path, w.data, w.len);
    sl_reader *r = open_ok(path, NULL);
    sl_article *a = next_ok(r);
    assert_int_equal(a->prov.offset, start);
    assert_int_equal(a->prov.length, w.len - start);
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);

    sl_buf gz;
    sl_buf_init(&gz);
    gz_member(&gz, w.data, w.len);
    path = tmp_path("single.warc.gz");
    write_file(path, gz.data, gz.len);
    r = open_ok(path, NULL);
    a = next_ok(r);
    assert_int_equal(a->prov.offset, start); /* offset inside the one stream */
    assert_string_equal(a->prov.record_id, "urn:uuid:p-1");
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
    sl_buf_free(&gz);
    sl_buf_free(&w);
}

static void warc_gz_truncated_member_ends_with_an_error(void **state) {
    (void)state;
    sl_buf gz;
    sl_buf_init(&gz);
    uint64_t off[6];
    build_cc_warc(&gz, off);
    size_t cut = (size_t)(off[4] + (off[5] - off[4]) / 2); /* half of the last member */
    const char *path = tmp_path("cut.warc.gz");
    write_file(path, gz.data, cut);
    sl_reader *r = open_ok(path, NULL);
    sl_article *a = next_ok(r);
    assert_string_equal(a->prov.record_id, "urn:uuid:rec-1");
    sl_article_free(a);
    char where[64];
    snprintf(where, sizeof where, "record at offset %llu", (unsigned long long)off[4]);
    next_err(r, SL_ERR_TRUNCATED, where);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
    sl_buf_free(&gz);
}

/* Damage inside one member costs that record only. */
static void warc_gz_damaged_member_costs_one_record(void **state) {
    (void)state;
    sl_buf gz;
    sl_buf_init(&gz);
    uint64_t off[6];
    build_cc_warc(&gz, off);
    for (int where = 0; where < 2; where++) {
        sl_buf bad;
        sl_buf_init(&bad);
        sl_buf_append(&bad, gz.data, gz.len);
        /* in the deflate data of the first page, or in its CRC trailer */
        size_t at = where == 0 ? (size_t)(off[1] + (off[2] - off[1]) / 2) : (size_t)off[2] - 6;
        bad.data[at] ^= 0x55;
        const char *path = tmp_path("damaged.warc.gz");
        write_file(path, bad.data, bad.len);
        sl_reader *r = open_ok(path, NULL);
        char msg[64];
        snprintf(msg, sizeof msg, "record at offset %llu", (unsigned long long)off[1]);
        next_err(r, SL_ERR_FORMAT, msg);
        sl_article *a = next_ok(r);
        assert_string_equal(a->prov.record_id, "urn:uuid:rec-4");
        assert_int_equal(a->prov.offset, off[4]);
        sl_article_free(a);
        next_err(r, SL_END, NULL);
        sl_reader_close(r);
        sl_buf_free(&bad);
    }
    sl_buf_free(&gz);
}

static void warc_content_length_longer_than_file(void **state) {
    (void)state;
    sl_buf w, http;
    sl_buf_init(&w);
    sl_buf_init(&http);
    response_record(&w, "https://marrowbay.example/ferry", "ok-1", 200, "text/html", PAGE1, NULL);
    size_t second = w.len;
    http_response(&http, 200, "text/html", NULL, PAGE2, strlen(PAGE2));
    warc_record(&w, "response", "https://marrowbay.example/talks", "liar", NULL, http.data,
                http.len, 5000);
    const char *path = tmp_path("long.warc");
    write_file(path, w.data, w.len);
    sl_reader *r = open_ok(path, NULL);
    sl_article_free(next_ok(r));
    char where[64];
    snprintf(where, sizeof where, "record at offset %zu", second);
    next_err(r, SL_ERR_TRUNCATED, where);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
    sl_buf_free(&w);
    sl_buf_free(&http);
}

static void warc_content_length_shorter_resyncs(void **state) {
    (void)state;
    sl_buf w, http;
    sl_buf_init(&w);
    sl_buf_init(&http);
    http_response(&http, 200, "text/html", NULL, PAGE1, strlen(PAGE1));
    warc_record(&w, "response", "https://marrowbay.example/ferry", "short", NULL, http.data,
                http.len, -40);
    response_record(&w, "https://marrowbay.example/talks", "next", 200, "text/html", PAGE2,
                    NULL);
    const char *path = tmp_path("short.warc");
    write_file(path, w.data, w.len);
    sl_reader *r = open_ok(path, NULL);
    next_err(r, SL_ERR_FORMAT, "record at offset 0");
    sl_article *a = next_ok(r);
    assert_string_equal(a->prov.record_id, "urn:uuid:next");
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
    sl_buf_free(&w);
    sl_buf_free(&http);
}

static void warc_truncated_record_is_extracted_with_a_warning(void **state) {
    (void)state;
    sl_buf w;
    sl_buf_init(&w);
    response_record(&w, "https://marrowbay.example/ferry", "t-1", 200, "text/html", PAGE1,
                    "WARC-Truncated: length\r\n");
    const char *path = tmp_path("trunc.warc");
    write_file(path, w.data, w.len);
    sl_reader *r = open_ok(path, NULL);
    sl_article *a = next_ok(r);
    assert_non_null(strstr(a->warning, "truncated"));
    assert_non_null(strstr(a->text, "Marrow Bay"));
    sl_article_free(a);
    sl_reader_close(r);
    sl_buf_free(&w);
}

/* A payload sent chunked and gzip-encoded, as some crawlers keep it. */
static void warc_chunked_gzip_payload_is_decoded(void **state) {
    (void)state;
    sl_buf zipped, chunked, http, w;
    sl_buf_init(&zipped);
    sl_buf_init(&chunked);
    sl_buf_init(&http);
    sl_buf_init(&w);
    gz_member(&zipped, PAGE1, strlen(PAGE1));
    size_t half = zipped.len / 2;
    sl_buf_printf(&chunked, "%zx;ext=1\r\n", half);
    sl_buf_append(&chunked, zipped.data, half);
    sl_buf_printf(&chunked, "\r\n%zx\r\n", zipped.len - half);
    sl_buf_append(&chunked, zipped.data + half, zipped.len - half);
    sl_buf_puts(&chunked, "\r\n0\r\n\r\n");
    http_response(&http, 200, "text/html; charset=utf-8",
                  "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", chunked.data,
                  chunked.len);
    warc_record(&w, "response", "https://marrowbay.example/ferry", "z-1", NULL, http.data,
                http.len, 0);
    /* gzip bytes with no Content-Encoding header (dropped by a crawler) */
    http_response(&http, 200, "text/html", NULL, zipped.data, zipped.len);
    warc_record(&w, "response", "https://marrowbay.example/ferry2", "z-2", NULL, http.data,
                http.len, 0);
    const char *path = tmp_path("chunked.warc");
    write_file(path, w.data, w.len);
    sl_reader *r = open_ok(path, NULL);
    sl_article *a = next_ok(r);
    assert_non_null(strstr(a->text, "Ferry crews in the port town of Marrow Bay"));
    sl_article_free(a);
    a = next_ok(r);
    assert_non_null(strstr(a->text, "Ferry crews in the port town of Marrow Bay"));
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
    sl_buf_free(&zipped);
    sl_buf_free(&chunked);
    sl_buf_free(&http);
    sl_buf_free(&w);
}

static void warc_record_over_the_limit_is_skipped(void **state) {
    (void)state;
    sl_buf w, big;
    sl_buf_init(&w);
    sl_buf_init(&big);
    sl_buf_puts(&big, "<html><body>");
    for (int i = 0; i < 20000; i++)
        sl_buf_puts(&big, "<p>Ferry.</p>");
    sl_buf_puts(&big, "</body></html>");
    /* A big record that would be skipped anyway (an image) is no error. */
    response_record(&w, "https://marrowbay.example/big.png", "png", 200, "image/png", big.data,
                    NULL);
    size_t second = w.len;
    response_record(&w, "https://marrowbay.example/big", "big", 200, "text/html", big.data, NULL);
    response_record(&w, "https://marrowbay.example/talks", "small", 200, "text/html", PAGE2,
                    NULL);
    const char *path = tmp_path("big.warc");
    write_file(path, w.data, w.len);
    sl_limits lim = {.max_record_bytes = 8192};
    sl_reader *r = open_ok(path, &lim);
    char where[64];
    snprintf(where, sizeof where, "record at offset %zu", second);
    next_err(r, SL_ERR_LIMIT, where);
    assert_true(r->rec.cap <= 16384); /* the big record was never buffered */
    sl_article *a = next_ok(r);
    assert_string_equal(a->prov.record_id, "urn:uuid:small");
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
    sl_buf_free(&w);
    sl_buf_free(&big);
}

static void warc_garbage_header_is_an_error_then_resync(void **state) {
    (void)state;
    sl_buf w;
    sl_buf_init(&w);
    sl_buf_puts(&w, "this is not a warc header\r\nat all\r\n\r\n");
    response_record(&w, "https://marrowbay.example/talks", "after", 200, "text/html", PAGE2,
                    NULL);
    /* WARC detection needs the magic first: put a record before the junk. */
    sl_buf f;
    sl_buf_init(&f);
    warcinfo_record(&f);
    sl_buf_append(&f, w.data, w.len);
    const char *path = tmp_path("junk.warc");
    write_file(path, f.data, f.len);
    sl_reader *r = open_ok(path, NULL);
    next_err(r, SL_ERR_FORMAT, "record at offset");
    sl_article *a = next_ok(r);
    assert_string_equal(a->prov.record_id, "urn:uuid:after");
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
    sl_buf_free(&w);
    sl_buf_free(&f);
}

/* ------------------------------------------------------ single files */

static void empty_file_is_one_error_then_end(void **state) {
    (void)state;
    const char *path = tmp_path("empty.txt");
    write_file(path, "", 0);
    sl_reader *r = open_ok(path, NULL);
    next_err(r, SL_ERR_EMPTY, "empty file");
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
}

static void gzip_of_a_single_html_file(void **state) {
    (void)state;
    sl_buf gz;
    sl_buf_init(&gz);
    gz_member(&gz, PAGE1, strlen(PAGE1));
    const char *path = tmp_path("page.html.gz");
    write_file(path, gz.data, gz.len);
    sl_reader *r = open_ok(path, NULL);
    assert_int_equal(sl_reader_format(r), SL_FORMAT_HTML);
    sl_article *a = next_ok(r);
    assert_non_null(strstr(a->text, "Marrow Bay"));
    assert_string_equal(a->prov.path, path);
    assert_int_equal(a->prov.length, strlen(PAGE1));
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
    sl_buf_free(&gz);
}

static void document_over_the_limit(void **state) {
    (void)state;
    const char *path = tmp_path("huge.txt");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (int i = 0; i < 10000; i++)
        fputs("The ferry did not sail today.\n", f);
    fclose(f);
    sl_limits lim = {.max_doc_bytes = 4096};
    sl_reader *r = open_ok(path, &lim);
    next_err(r, SL_ERR_LIMIT, path);
    next_err(r, SL_END, NULL);
    sl_reader_close(r);
}

static void missing_file_and_directory_cannot_be_opened(void **state) {
    (void)state;
    sl_reader *r = (sl_reader *)1;
    sl_error e;
    assert_int_equal(sl_reader_open(tmp_path("nope.warc"), NULL, &r, &e), SL_ERR_IO);
    assert_null(r);
    assert_int_equal(sl_reader_open(g_dir, NULL, &r, &e), SL_ERR_IO);
}

/* The committed fixtures (tests/fixtures/read) read as their script says. */
static void committed_fixtures(void **state) {
    (void)state;
    sl_reader *r = open_ok(SL_SOURCE_DIR "/tests/fixtures/read/marrow_bay.jsonl", NULL);
    int ok = 0, bad = 0;
    for (;;) {
        sl_article *a = NULL;
        sl_error e;
        sl_status st = sl_reader_next(r, &a, &e);
        if (st == SL_END)
            break;
        if (st == SL_OK) {
            ok++;
            sl_article_free(a);
        } else {
            bad++;
            assert_non_null(strstr(e.msg, "marrow_bay.jsonl:3:"));
        }
    }
    assert_int_equal(ok, 3);
    assert_int_equal(bad, 1);
    sl_reader_close(r);

    r = open_ok(SL_SOURCE_DIR "/tests/fixtures/read/marrow_bay.warc.gz", NULL);
    sl_article *a = next_ok(r);
    assert_string_equal(a->url, "https://marrowbay.example/2023/03/14/ferry-strike");
    assert_true(strncmp(a->published, "2030", 4) != 0); /* never the crawl date */
    sl_article_free(a);
    a = next_ok(r);
    assert_string_equal(a->prov.record_id, "urn:uuid:00000000-0000-4000-8000-000000000004");
    sl_article_free(a);
    next_err(r, SL_END, NULL);
    assert_int_equal(sl_reader_skipped(r), 3);
    sl_reader_close(r);
}

/* ------------------------------------------------------ hostile input */

static uint32_t rnd(uint32_t *seed) {
    *seed = *seed * 1664525u + 1013904223u;
    return *seed >> 8;
}

/* Read a file to the end: every call returns, errors are per item, and
 * the reader always ends (no endless resync). */
static void read_to_end(const char *path) {
    sl_reader *r = NULL;
    sl_error e;
    if (sl_reader_open(path, NULL, &r, &e) != SL_OK)
        return;
    int calls = 0;
    for (;; calls++) {
        assert_true(calls < 100000);
        sl_article *a = NULL;
        sl_status st = sl_reader_next(r, &a, &e);
        if (st == SL_END)
            break;
        if (st == SL_OK) {
            assert_non_null(a);
            assert_non_null(a->text);
            sl_article_free(a);
        }
    }
    sl_reader_close(r);
}

static void mutated_inputs_never_crash_or_hang(void **state) {
    (void)state;
    sl_buf inputs[3];
    for (int i = 0; i < 3; i++)
        sl_buf_init(&inputs[i]);
    uint64_t off[6];
    build_cc_warc(&inputs[0], off);
    warcinfo_record(&inputs[1]);
    response_record(&inputs[1], "https://marrowbay.example/ferry", "m-1", 200, "text/html",
                    PAGE1, NULL);
    response_record(&inputs[1], "https://marrowbay.example/talks", "m-2", 200, "text/html",
                    PAGE2, "WARC-Truncated: length\r\n");
    sl_buf_puts(&inputs[2], "{\"title\": \"a\", \"text\": \"Ferry \\u00e9 note.\", "
                            "\"authors\": [\"X\", {\"name\": \"Y\"}], \"id\": 7}\n"
                            "{\"title\": \"b\", \"maintext\": \"Second ferry note.\"}\n");
    uint32_t seed = 12345;
    sl_buf m;
    sl_buf_init(&m);
    const char *path = tmp_path("mutant");
    for (int it = 0; it < 300; it++) {
        const sl_buf *in = &inputs[it % 3];
        sl_buf_clear(&m);
        sl_buf_append(&m, in->data, in->len);
        int edits = 1 + (int)(rnd(&seed) % 4);
        for (int k = 0; k < edits && m.len > 0; k++) {
            size_t at = rnd(&seed) % m.len;
            switch (rnd(&seed) % 4) {
            case 0: /* flip a byte */
                m.data[at] = (char)rnd(&seed);
                break;
            case 1: /* cut */
                m.len = at;
                break;
            case 2: /* a stray record start */
                if (at + 9 < m.len)
                    memcpy(m.data + at, "\nWARC/1.0", 9);
                break;
            default: /* a digit in a length field becomes a 9 */
                for (size_t j = at; j < m.len; j++)
                    if (m.data[j] >= '0' && m.data[j] <= '8') {
                        m.data[j] = '9';
                        break;
                    }
            }
        }
        write_file(path, m.data, m.len);
        read_to_end(path);
    }
    sl_buf_free(&m);
    for (int i = 0; i < 3; i++)
        sl_buf_free(&inputs[i]);
}

/* -------------------------------------------------------------- walk */

static void touch(const char *rel) {
    write_file(tmp_path(rel), "x", 1);
}

static void walk_lists_files_in_byte_order(void **state) {
    (void)state;
    char root[256];
    snprintf(root, sizeof root, "%s/tree", g_dir);
    mkdir(root, 0755);
    mkdir(tmp_path("tree/a"), 0755);
    mkdir(tmp_path("tree/c"), 0755);
    mkdir(tmp_path("tree/c/d"), 0755);
    mkdir(tmp_path("tree/.git"), 0755);
    touch("tree/b.txt");
    touch("tree/a/z.html");
    touch("tree/a-c.jsonl");
    touch("tree/B.warc");
    touch("tree/.hidden");
    touch("tree/a/.x");
    touch("tree/.git/config");
    touch("tree/c/d/e.warc.gz");
    char **paths;
    size_t n;
    sl_error e;
    assert_int_equal(sl_walk(root, &paths, &n, NULL, NULL, &e), SL_OK);
    const char *want[] = {"B.warc", "a-c.jsonl", "a/z.html", "b.txt", "c/d/e.warc.gz"};
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++) {
        char full[300];
        snprintf(full, sizeof full, "%s/%s", root, want[i]);
        assert_string_equal(paths[i], full);
    }
    sl_paths_free(paths, n);

    /* A file path lists itself, even a dot-file; a missing path is an error. */
    assert_int_equal(sl_walk(tmp_path("tree/.hidden"), &paths, &n, NULL, NULL, &e), SL_OK);
    assert_int_equal(n, 1);
    sl_paths_free(paths, n);
    assert_int_equal(sl_walk(tmp_path("tree/none"), &paths, &n, NULL, NULL, &e), SL_ERR_IO);
    assert_null(paths);
}

static void count_error(void *ud, const char *path, const char *msg) {
    (void)msg;
    if (strstr(path, "locked"))
        ++*(int *)ud;
}

static void walk_reports_unreadable_directories(void **state) {
    (void)state;
    if (geteuid() == 0)
        skip(); /* root reads every directory: nothing to report */
    mkdir(tmp_path("t2"), 0755);
    mkdir(tmp_path("t2/locked"), 0755);
    touch("t2/locked/f.txt");
    touch("t2/open.txt");
    chmod(tmp_path("t2/locked"), 0);
    char **paths;
    size_t n;
    sl_error e;
    int errors = 0;
    assert_int_equal(sl_walk(tmp_path("t2"), &paths, &n, count_error, &errors, &e), SL_OK);
    chmod(tmp_path("t2/locked"), 0755);
    assert_int_equal(errors, 1);
    assert_int_equal(n, 1);
    sl_paths_free(paths, n);
}

static int setup(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/sl_test_read_XXXXXX");
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_news_please_fields),
        cmocka_unit_test(jsonl_trafilatura_and_plain_fields),
        cmocka_unit_test(jsonl_title_of_only_markup_codes_is_no_title),
        cmocka_unit_test(jsonl_bad_lines_give_errors_and_reading_goes_on),
        cmocka_unit_test(jsonl_giant_line_is_skipped_without_buffering),
        cmocka_unit_test(jsonl_long_line_under_the_limit_is_read),
        cmocka_unit_test(jsonl_deep_nesting_is_an_error),
        cmocka_unit_test(jsonl_gz_and_open_file_streams),
        cmocka_unit_test(warc_gz_per_record_members),
        cmocka_unit_test(warc_gz_member_larger_than_the_window),
        cmocka_unit_test(warc_plain_and_single_gzip_stream),
        cmocka_unit_test(warc_gz_truncated_member_ends_with_an_error),
        cmocka_unit_test(warc_gz_damaged_member_costs_one_record),
        cmocka_unit_test(warc_content_length_longer_than_file),
        cmocka_unit_test(warc_content_length_shorter_resyncs),
        cmocka_unit_test(warc_truncated_record_is_extracted_with_a_warning),
        cmocka_unit_test(warc_chunked_gzip_payload_is_decoded),
        cmocka_unit_test(warc_record_over_the_limit_is_skipped),
        cmocka_unit_test(warc_garbage_header_is_an_error_then_resync),
        cmocka_unit_test(committed_fixtures),
        cmocka_unit_test(mutated_inputs_never_crash_or_hang),
        cmocka_unit_test(empty_file_is_one_error_then_end),
        cmocka_unit_test(gzip_of_a_single_html_file),
        cmocka_unit_test(document_over_the_limit),
        cmocka_unit_test(missing_file_and_directory_cannot_be_opened),
        cmocka_unit_test(walk_lists_files_in_byte_order),
        cmocka_unit_test(walk_reports_unreadable_directories),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

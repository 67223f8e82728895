/* fuzz_reader.c — libFuzzer target for sl_reader over an in-memory stream.
 * First byte: bit 0 gzips the rest (one member, or bit 1: two members split
 * at the middle, as Common Crawl writes one member per record); the reader
 * must handle JSONL, WARC, WARC.gz and single documents without crashing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "storyline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_ITEMS = 10000 };

/* Append one gzip member of src to out (capacity checked by the caller). */
static size_t gzip_member(const uint8_t *src, size_t n, uint8_t *out, size_t cap) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return 0;
    z.next_in = (Bytef *)src;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    size_t got = rc == Z_STREAM_END ? cap - z.avail_out : 0;
    deflateEnd(&z);
    return got;
}

static void read_all(const uint8_t *buf, size_t n) {
    if (n == 0)
        return; /* fmemopen refuses an empty buffer */
    FILE *f = fmemopen((void *)buf, n, "rb");
    if (!f)
        return;
    sl_limits lim = {.max_doc_seconds = 2};
    sl_reader *r = NULL;
    sl_error e = {0};
    if (sl_reader_open_file(f, "fuzz-input", &lim, &r, &e) == SL_OK) {
        for (int i = 0; i < MAX_ITEMS; i++) {
            sl_article *a = NULL;
            sl_status st = sl_reader_next(r, &a, &e);
            if (st == SL_END)
                break;
            if (st == SL_OK && !a)
                __builtin_trap();
            if (st != SL_OK && a)
                __builtin_trap();
            sl_article_free(a);
        }
        sl_reader_close(r);
    }
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    const uint8_t *body = data + 1;
    size_t n = size - 1;
    if (!(mode & 1)) {
        read_all(body, n);
        return 0;
    }
    size_t cap = 2 * (compressBound((uLong)n) + 64);
    uint8_t *gz = malloc(cap);
    if (!gz)
        return 0;
    size_t len;
    if (mode & 2) {
        size_t half = n / 2;
        len = gzip_member(body, half, gz, cap / 2);
        len += gzip_member(body + half, n - half, gz + len, cap - len);
    } else {
        len = gzip_member(body, n, gz, cap);
    }
    /* Bit 2: cut the compressed stream short, the truncated-download case. */
    if ((mode & 4) && len > 8)
        len -= 1 + (mode >> 3) % (len / 2);
    read_all(gz, len);
    free(gz);
    return 0;
}

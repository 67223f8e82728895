/* read_speed.c — reader throughput on one input file.
 *
 *   read_speed FILE             every article through sl_reader_next
 *   read_speed --zlib FILE      raw streaming inflate of all gzip members
 *   read_speed --libdeflate FILE  whole-member libdeflate (file in memory)
 *
 * Prints one "key=value" line; bench/ingest_warc.sh turns it into a table.
 * Uses the public header only, plus zlib/libdeflate for the baselines. */
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "storyline.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds of this process: steadier than wall time on a shared machine. */
static double cpu(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int run_reader(const char *path) {
    sl_reader *r;
    sl_error e;
    double t0 = now(), c0 = cpu();
    if (sl_reader_open(path, NULL, &r, &e) != SL_OK) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    long articles = 0, errors = 0;
    size_t text = 0;
    for (;;) {
        sl_article *a;
        sl_status st = sl_reader_next(r, &a, &e);
        if (st == SL_END)
            break;
        if (st != SL_OK) {
            if (errors++ < 5)
                fprintf(stderr, "error: %s\n", e.msg);
            continue;
        }
        articles++;
        text += a->text_len;
        sl_article_free(a);
    }
    double dt = now() - t0, dc = cpu() - c0;
    double mb = sl_reader_bytes_read(r) / 1e6;
    printf("mode=reader cpu_seconds=%.3f seconds=%.3f compressed_mb=%.1f articles=%ld errors=%ld text_mb=%.1f "
           "compressed_mb_s=%.1f articles_s=%.0f\n",
           dc, dt, mb, articles, errors, text / 1e6, mb / dt, articles / dt);
    sl_reader_close(r);
    return 0;
}

/* Streaming inflate as the reader does it: fixed buffers, member by member. */
static int run_zlib(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    static unsigned char in[1 << 18], out[1 << 20];
    z_stream z;
    memset(&z, 0, sizeof z);
    inflateInit2(&z, 16 + MAX_WBITS);
    double t0 = now();
    uint64_t cin = 0, uout = 0, members = 0;
    size_t n;
    while ((n = fread(in, 1, sizeof in, f)) > 0) {
        cin += n;
        z.next_in = in;
        z.avail_in = (uInt)n;
        while (z.avail_in > 0) {
            z.next_out = out;
            z.avail_out = sizeof out;
            int rc = inflate(&z, Z_NO_FLUSH);
            uout += sizeof out - z.avail_out;
            if (rc == Z_STREAM_END) {
                members++;
                inflateReset(&z);
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                fprintf(stderr, "inflate error %d\n", rc);
                return 1;
            }
        }
    }
    double dt = now() - t0;
    printf("mode=zlib seconds=%.3f compressed_mb=%.1f uncompressed_mb=%.1f members=%llu "
           "compressed_mb_s=%.1f uncompressed_mb_s=%.1f\n",
           dt, cin / 1e6, uout / 1e6, (unsigned long long)members, cin / 1e6 / dt,
           uout / 1e6 / dt);
    inflateEnd(&z);
    fclose(f);
    return 0;
}

/* libdeflate needs each member whole in memory: read the file first (not
 * timed), then decompress member after member. */
static int run_libdeflate(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *in = malloc((size_t)size);
    size_t cap = 64u << 20;
    unsigned char *out = malloc(cap);
    if (!in || !out || fread(in, 1, (size_t)size, f) != (size_t)size)
        return 1;
    fclose(f);
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    double t0 = now();
    size_t pos = 0, uout = 0, members = 0;
    while (pos < (size_t)size) {
        size_t used, got;
        enum libdeflate_result rc = libdeflate_gzip_decompress_ex(
            d, in + pos, (size_t)size - pos, out, cap, &used, &got);
        if (rc != LIBDEFLATE_SUCCESS) {
            fprintf(stderr, "libdeflate error %d at %zu\n", rc, pos);
            return 1;
        }
        pos += used;
        uout += got;
        members++;
    }
    double dt = now() - t0;
    printf("mode=libdeflate seconds=%.3f compressed_mb=%.1f uncompressed_mb=%.1f members=%zu "
           "compressed_mb_s=%.1f uncompressed_mb_s=%.1f\n",
           dt, size / 1e6, uout / 1e6, members, size / 1e6 / dt, uout / 1e6 / dt);
    libdeflate_free_decompressor(d);
    free(in);
    free(out);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--zlib") == 0)
        return run_zlib(argv[2]);
    if (argc == 3 && strcmp(argv[1], "--libdeflate") == 0)
        return run_libdeflate(argv[2]);
    if (argc == 2)
        return run_reader(argv[1]);
    fprintf(stderr, "usage: read_speed [--zlib|--libdeflate] FILE\n");
    return 2;
}

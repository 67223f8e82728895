/* segment_speed.c — throughput of sl_segment on a text file, or on a
 * synthetic text of one-word sentences, and a printout of random sentence
 * boundaries for eyeballing.
 *
 * Not wired into CMake; build against the library of a build dir:
 *   cc -O2 -Iinclude -Isrc bench/segment_speed.c build/libstoryline.a \
 *      $(pkg-config --libs sqlite3 zlib libdeflate libutf8proc uchardet) -lm \
 *      -o build/segment_speed
 *   build/segment_speed FILE [ROUNDS [SAMPLES]]   # blocks split on blank lines
 *   build/segment_speed --words 1000000          # "Word. Word. ..." */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "segment/segment.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)len + 1);
    if (!s || fread(s, 1, (size_t)len, f) != (size_t)len) {
        fclose(f);
        free(s);
        return NULL;
    }
    fclose(f);
    s[len] = 0;
    *n = (size_t)len;
    return s;
}

static char *synth_words(size_t count, size_t *n) {
    char *s = malloc(count * 6 + 1);
    if (!s)
        return NULL;
    for (size_t i = 0; i < count; i++)
        memcpy(s + i * 6, "Word. ", 6);
    *n = count * 6;
    s[*n] = 0;
    return s;
}

/* Blocks between blank lines, as the draft builder joins them. */
static sl_block *split_blocks(const char *s, size_t n, size_t *nb) {
    size_t cap = 16, k = 0, p = 0;
    sl_block *b = malloc(cap * sizeof *b);
    while (b && p <= n) {
        const char *e = p < n ? strstr(s + p, "\n\n") : NULL;
        size_t end = e ? (size_t)(e - s) : n;
        if (k == cap)
            b = realloc(b, (cap *= 2) * sizeof *b);
        if (!b)
            break;
        b[k++] = (sl_block){SL_BLOCK_PARAGRAPH, p, end, NULL};
        if (!e)
            break;
        p = end + 2;
    }
    *nb = k;
    return b;
}

static void show_boundaries(const char *s, const sl_sentence *st, size_t ns, size_t samples,
                            unsigned seed) {
    srand(seed);
    for (size_t k = 0; k < samples && ns > 1; k++) {
        size_t i = (size_t)rand() % (ns - 1);
        if (st[i].block != st[i + 1].block) {
            k--;
            continue;
        }
        size_t a = st[i].end > st[i].start + 60 ? st[i].end - 60 : st[i].start;
        size_t e = st[i + 1].start + 60 < st[i + 1].end ? st[i + 1].start + 60 : st[i + 1].end;
        while (a < st[i].end && ((unsigned char)s[a] & 0xC0) == 0x80)
            a++; /* print whole characters */
        while (e > st[i + 1].start && ((unsigned char)s[e] & 0xC0) == 0x80)
            e--;
        printf("%3zu: ...%.*s  ||  %.*s...\n", k + 1, (int)(st[i].end - a), s + a,
               (int)(e - st[i + 1].start), s + st[i + 1].start);
    }
}

int main(int argc, char **argv) {
    size_t n = 0, rounds = 5, samples = 0;
    char *s;
    if (argc >= 3 && strcmp(argv[1], "--words") == 0) {
        s = synth_words(strtoul(argv[2], NULL, 10), &n);
        rounds = 1;
    } else if (argc >= 2) {
        s = read_file(argv[1], &n);
        if (argc >= 3)
            rounds = strtoul(argv[2], NULL, 10);
        if (argc >= 4)
            samples = strtoul(argv[3], NULL, 10);
    } else {
        fprintf(stderr, "usage: %s FILE [ROUNDS [SAMPLES]] | --words COUNT\n", argv[0]);
        return 2;
    }
    if (!s) {
        fprintf(stderr, "cannot read input\n");
        return 1;
    }
    size_t nb;
    sl_block *blocks = split_blocks(s, n, &nb);
    sl_sentence *st = NULL;
    sl_token *tk = NULL;
    size_t ns = 0, nt = 0;
    double best = 1e30;
    sl_arena a;
    for (size_t r = 0; r < (rounds ? rounds : 1); r++) {
        sl_arena_init(&a, 0);
        double t0 = now();
        if (sl_segment(s, n, blocks, nb, &a, &st, &ns, &tk, &nt) != SL_OK) {
            fprintf(stderr, "sl_segment failed\n");
            return 1;
        }
        double dt = now() - t0;
        best = dt < best ? dt : best;
        if (r + 1 < rounds)
            sl_arena_free(&a);
    }
    printf("%zu bytes, %zu blocks, %zu sentences, %zu tokens: best %.1f ms, %.1f MB/s\n", n, nb,
           ns, nt, best * 1e3, (double)n / 1e6 / best);
    show_boundaries(s, st, ns, samples, (unsigned)time(NULL));
    sl_arena_free(&a);
    free(blocks);
    free(s);
    return 0;
}

/* extraction_speed.c — runs sl_extract over HTML pages held in memory:
 * writes each article's text to OUT/ID.txt (ID = file name without .html)
 * and reports throughput over REPEAT in-process passes.
 * Usage: extraction_speed [-o OUTDIR] [-r REPEAT] FILE.html... */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "storyline.h"

typedef struct page {
    const char *path;
    char *data;
    size_t len;
} page;

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = malloc((size_t)n + 1);
    if (d && fread(d, 1, (size_t)n, f) != (size_t)n) {
        free(d);
        d = NULL;
    }
    fclose(f);
    if (d)
        *len = (size_t)n;
    return d;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void write_text(const char *outdir, const char *path, const sl_article *a) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char id[512];
    snprintf(id, sizeof id, "%s", base);
    char *dot = strstr(id, ".html");
    if (dot)
        *dot = 0;
    char out[1024];
    snprintf(out, sizeof out, "%s/%s.txt", outdir, id);
    FILE *f = fopen(out, "wb");
    if (!f)
        return;
    if (a)
        fwrite(a->text, 1, a->text_len, f);
    fclose(f);
}

int main(int argc, char **argv) {
    const char *outdir = NULL;
    int repeat = 5, first = 1;
    while (first < argc && argv[first][0] == '-') {
        if (!strcmp(argv[first], "-o") && first + 1 < argc)
            outdir = argv[++first];
        else if (!strcmp(argv[first], "-r") && first + 1 < argc)
            repeat = atoi(argv[++first]);
        first++;
    }
    size_t np = (size_t)(argc - first), bytes = 0;
    page *pages = calloc(np ? np : 1, sizeof *pages);
    for (size_t i = 0; i < np; i++) {
        pages[i].path = argv[first + i];
        pages[i].data = slurp(pages[i].path, &pages[i].len);
        if (!pages[i].data) {
            fprintf(stderr, "cannot read %s\n", pages[i].path);
            return 1;
        }
        bytes += pages[i].len;
    }
    sl_extract_opts opts = {.format = SL_FORMAT_HTML};
    size_t empty = 0;
    for (size_t i = 0; i < np; i++) {
        sl_article *a = NULL;
        sl_error err = {0};
        sl_status st = sl_extract(pages[i].data, pages[i].len, &opts, &a, &err);
        if (st != SL_OK || !a || a->text_len == 0) {
            empty++;
            fprintf(stderr, "%s: %s %s\n", pages[i].path, sl_status_name(st), err.msg);
        }
        if (outdir)
            write_text(outdir, pages[i].path, st == SL_OK ? a : NULL);
        sl_article_free(a);
    }
    double t0 = now();
    for (int r = 0; r < repeat; r++)
        for (size_t i = 0; i < np; i++) {
            sl_article *a = NULL;
            if (sl_extract(pages[i].data, pages[i].len, &opts, &a, NULL) == SL_OK)
                sl_article_free(a);
        }
    double dt = now() - t0;
    double n_done = (double)np * repeat;
    if (repeat > 0 && dt > 0)
        printf("pages=%zu bytes=%zu repeat=%d empty=%zu seconds=%.3f pages_per_s=%.0f "
               "mb_per_s=%.1f\n",
               np, bytes, repeat, empty, dt, n_done / dt, bytes * (double)repeat / dt / 1e6);
    else
        printf("pages=%zu bytes=%zu empty=%zu\n", np, bytes, empty);
    for (size_t i = 0; i < np; i++)
        free(pages[i].data);
    free(pages);
    return 0;
}

/* dedup_run.c — driver for the dedup bench: reads JSONL articles ("id",
 * "text") on stdin, loads them all, then feeds them in order to
 * sl_dedup_add and writes one verdict line per article on stdout:
 *   {"id":..,"duplicate_of":..|null,"kind":..,"similarity":..}
 * Timing covers sl_dedup_add only (best of -r passes, each on a fresh
 * detector) and goes to stderr with the detector's memory:
 *   docs=N docs_per_s=.. mb_per_s=.. memory_bytes=..
 * -b N  instead: add the first article N+1 times (a burst of identical
 *       copies); reports the time and the memory after the 1st and last copy.
 * -s N  instead: index N synthetic unique articles (random word draws from
 *       the loaded texts) with -m max_docs, to measure memory at a full ring.
 * Usage: dedup_run [-r passes] [-m max_docs] [-b N | -s N] < copies.jsonl */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dedup/dedup.h"
#include "read/json.h"
#include "util/arena.h"
#include "util/buf.h"

typedef struct {
    const char *id, *text;
    size_t len;
} art;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static size_t load(sl_arena *a, art **out) {
    size_t n = 0, cap = 0, lcap = 0;
    char *line = NULL;
    ssize_t got;
    art *v = NULL;
    while ((got = getline(&line, &lcap, stdin)) > 0) {
        sl_json_error e;
        sl_json *j = sl_json_parse(line, (size_t)got, 64, a, &e);
        const sl_json *id = j ? sl_json_get(j, "id") : NULL;
        const sl_json *tx = j ? sl_json_get(j, "text") : NULL;
        if (!id || !tx || id->type != SL_JSON_STRING || tx->type != SL_JSON_STRING)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            v = realloc(v, cap * sizeof *v);
            if (!v)
                exit(2);
        }
        v[n++] = (art){id->str, tx->str, tx->len};
    }
    free(line);
    *out = v;
    return n;
}

static double pass(const art *v, size_t n, size_t max_docs, sl_dup_match *res, size_t *mem) {
    sl_dedup_options o;
    sl_dedup_options_default(&o);
    if (max_docs)
        o.max_docs = max_docs;
    sl_dedup *d = sl_dedup_new(&o);
    double t0 = now();
    for (size_t i = 0; i < n; i++)
        if (sl_dedup_add(d, i, v[i].text, v[i].len, &res[i]) != SL_OK)
            exit(3);
    double t = now() - t0;
    *mem = sl_dedup_memory(d);
    sl_dedup_free(d);
    return t;
}

static void burst(const art *v, size_t copies) {
    sl_dedup *d = sl_dedup_new(NULL);
    sl_dup_match m;
    sl_dedup_add(d, 0, v[0].text, v[0].len, &m);
    sl_dedup_add(d, 1, v[0].text, v[0].len, &m);
    size_t mem1 = sl_dedup_memory(d);
    double t0 = now();
    size_t exact = 1;
    for (size_t i = 2; i <= copies; i++) {
        sl_dedup_add(d, i, v[0].text, v[0].len, &m);
        exact += m.kind == SL_DUP_EXACT && m.of == 0;
    }
    double t = now() - t0;
    printf("burst copies=%zu exact=%zu seconds=%.4f copies_per_s=%.0f memory_after_1st=%zu "
           "memory_after_last=%zu\n", copies, exact, t, (copies - 1) / t, mem1, sl_dedup_memory(d));
    sl_dedup_free(d);
}

static void synthetic(const art *v, size_t n, size_t docs, size_t max_docs) {
    sl_dedup_options o;
    sl_dedup_options_default(&o);
    if (max_docs)
        o.max_docs = max_docs;
    sl_dedup *d = sl_dedup_new(&o);
    sl_buf b;
    sl_buf_init(&b);
    srand(12345);
    size_t dups = 0, bytes = 0;
    double t = 0;
    for (size_t k = 0; k < docs; k++) {
        sl_buf_clear(&b);
        for (int w = 0; w < 400; w++) { /* a random word of a random article */
            const art *a = &v[(size_t)rand() % n];
            size_t p = (size_t)rand() % a->len, e;
            while (p > 0 && a->text[p - 1] != ' ')
                p--;
            for (e = p; e < a->len && a->text[e] != ' '; e++)
                ;
            sl_buf_append(&b, a->text + p, e - p);
            sl_buf_putc(&b, ' ');
        }
        sl_dup_match m;
        double t0 = now();
        sl_dedup_add(d, k, b.data, b.len, &m);
        t += now() - t0;
        dups += m.kind != SL_DUP_NONE;
        bytes += b.len;
    }
    printf("synthetic docs=%zu max_docs=%zu false_matches=%zu docs_per_s=%.0f mb_per_s=%.1f "
           "memory_bytes=%zu bytes_per_kept_doc=%.0f\n", docs, o.max_docs, dups, docs / t,
           bytes / t / 1e6, sl_dedup_memory(d),
           (double)sl_dedup_memory(d) / (double)(docs < o.max_docs ? docs : o.max_docs));
    sl_buf_free(&b);
    sl_dedup_free(d);
}

int main(int argc, char **argv) {
    int passes = 1, opt;
    size_t max_docs = 0, burst_n = 0, synth_n = 0;
    while ((opt = getopt(argc, argv, "r:m:b:s:")) != -1) {
        if (opt == 'r')
            passes = atoi(optarg);
        else if (opt == 'm')
            max_docs = strtoul(optarg, NULL, 10);
        else if (opt == 'b')
            burst_n = strtoul(optarg, NULL, 10);
        else if (opt == 's')
            synth_n = strtoul(optarg, NULL, 10);
        else
            return 2;
    }
    sl_arena a;
    sl_arena_init(&a, 0);
    art *v;
    size_t n = load(&a, &v);
    if (!n)
        return 1;
    if (burst_n) {
        burst(v, burst_n);
        return 0;
    }
    if (synth_n) {
        synthetic(v, n, synth_n, max_docs);
        return 0;
    }
    sl_dup_match *res = calloc(n, sizeof *res);
    double best = 1e30;
    size_t mem = 0, bytes = 0;
    for (int p = 0; p < passes; p++) {
        double t = pass(v, n, max_docs, res, &mem);
        if (t < best)
            best = t;
    }
    for (size_t i = 0; i < n; i++)
        bytes += v[i].len;
    sl_buf b;
    sl_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        sl_buf_clear(&b);
        sl_buf_puts(&b, "{\"id\":");
        sl_buf_json_str(&b, v[i].id, strlen(v[i].id));
        sl_buf_puts(&b, ",\"duplicate_of\":");
        if (res[i].kind == SL_DUP_NONE)
            sl_buf_puts(&b, "null");
        else
            sl_buf_json_str(&b, v[res[i].of].id, strlen(v[res[i].of].id));
        sl_buf_printf(&b, ",\"kind\":\"%s\",\"similarity\":%.3f}\n", sl_dup_kind_name(res[i].kind),
                      res[i].similarity);
        fwrite(b.data, 1, b.len, stdout);
    }
    fprintf(stderr, "docs=%zu docs_per_s=%.0f mb_per_s=%.1f memory_bytes=%zu\n", n, n / best,
            bytes / best / 1e6, mem);
    sl_buf_free(&b);
    free(res);
    free(v);
    sl_arena_free(&a);
    return 0;
}

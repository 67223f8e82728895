/* cluster_replay.c — the dedup + clustering stage alone, on a JSONL stream
 * replayed N times with its dates shifted forward each time: articles/s of
 * the stage and peak memory after each pass (flat when memory is bounded by
 * the open-event window, not by the length of the stream).
 *
 * With RESPELL set, every pass after the first gives each word of four
 * letters or more its own two-letter suffix ("strike" -> "strikeab"), so
 * a replayed article is new news, not a copy of its first pass: the copy
 * detector would otherwise answer most of the stream by itself. The
 * respelling is done before the clock starts.
 *
 * Each line also gives articles_per_cpu_second (user + system time of the
 * process over the clocked part, from getrusage: fair on a shared machine)
 * and digest, a 64-bit FNV-1a hash of every placement so far (key, event,
 * storyline, copy kind and original), so that a speedup can be checked to
 * place every article exactly as before with one number.
 *
 * usage: cluster_replay PASSES SHIFT_DAYS [RESPELL] < stream.jsonl */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "storyline.h"

typedef struct item {
    char *title, *text, *lang;
    int32_t day;
} item;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* text with every ASCII letter run of 4+ letters suffixed by the pass's
 * two letters (malloc'ed). */
static char *respell(const char *t, int pass) {
    size_t n = strlen(t), run = 0, o = 0;
    char *out = malloc(n * 2 + 3);
    if (!out)
        return NULL;
    char a = (char)('a' + pass / 26 % 26), b = (char)('a' + pass % 26);
    for (size_t i = 0; i <= n; i++) {
        int letter = i < n && ((t[i] | 32) >= 'a' && (t[i] | 32) <= 'z');
        if (!letter && run >= 4) {
            out[o++] = a;
            out[o++] = b;
        }
        run = letter ? run + 1 : 0;
        if (i < n)
            out[o++] = t[i];
    }
    out[o] = 0;
    return out;
}

static double cpu_seconds(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
           (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

/* FNV-1a over the bytes of v. */
static uint64_t fnv(uint64_t h, uint64_t v) {
    for (int i = 0; i < 8; i++) {
        h ^= (v >> (8 * i)) & 0xff;
        h *= 0x100000001b3ULL;
    }
    return h;
}

static long peak_rss_kb(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

int main(int argc, char **argv) {
    int passes = argc > 1 ? atoi(argv[1]) : 100;
    int shift = argc > 2 ? atoi(argv[2]) : 3650;
    int fresh = argc > 3 && atoi(argv[3]);
    sl_error err = {0};
    sl_reader *rd;
    if (sl_reader_open_file(stdin, "-", NULL, &rd, &err) != SL_OK)
        return fprintf(stderr, "%s\n", err.msg), 1;
    item *items = NULL;
    size_t n = 0, cap = 0;
    sl_article *a;
    sl_status st;
    while ((st = sl_reader_next(rd, &a, &err)) != SL_END) {
        if (st != SL_OK)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            items = realloc(items, cap * sizeof *items);
        }
        items[n].title = strdup(a->title ? a->title : "");
        items[n].text = strdup(a->text ? a->text : "");
        items[n].lang = a->language ? strdup(a->language) : NULL;
        items[n].day = sl_day_from_iso(a->published[0] ? a->published : NULL);
        n++;
        sl_article_free(a);
    }
    sl_reader_close(rd);
    sl_clusterer *c;
    if (sl_clusterer_new(NULL, &c, &err) != SL_OK)
        return fprintf(stderr, "%s\n", err.msg), 1;
    long rss_before = peak_rss_kb();
    double spent = 0, cpu = 0;
    uint64_t key = 0, digest = 0xcbf29ce484222325ULL;
    char **titles = calloc(n ? n : 1, sizeof *titles), **texts = calloc(n ? n : 1, sizeof *texts);
    size_t *title_len = calloc(n ? n : 1, sizeof *title_len), *text_len = calloc(n ? n : 1, sizeof *text_len);
    for (int p = 0; p < passes; p++) {
        for (size_t i = 0; i < n; i++) {
            free(titles[i]);
            free(texts[i]);
            titles[i] = fresh && p ? respell(items[i].title, p) : strdup(items[i].title);
            texts[i] = fresh && p ? respell(items[i].text, p) : strdup(items[i].text);
            title_len[i] = strlen(titles[i]); /* a reader knows them: not the stage's work */
            text_len[i] = strlen(texts[i]);
        }
        double t0 = now(), c0 = cpu_seconds();
        for (size_t i = 0; i < n; i++) {
            sl_cluster_input in = {titles[i], title_len[i], texts[i], text_len[i],
                                   items[i].day == SL_NO_DAY ? SL_NO_DAY : items[i].day + p * shift,
                                   items[i].lang};
            sl_cluster_result r;
            if (sl_clusterer_add(c, key++, &in, &r, &err) != SL_OK)
                return fprintf(stderr, "%s\n", err.msg), 1;
            digest = fnv(fnv(fnv(fnv(fnv(digest, key), r.event), r.storyline),
                             (uint64_t)r.dup_kind), r.dup_kind ? r.duplicate_of : 0);
        }
        spent += now() - t0;
        cpu += cpu_seconds() - c0;
        if (p == 0 || p + 1 == passes || (p + 1) % 10 == 0)
            printf("{\"pass\":%d,\"articles\":%llu,\"articles_per_second\":%.0f,"
                   "\"articles_per_cpu_second\":%.0f,\"digest\":\"%016llx\","
                   "\"clusterer_bytes\":%zu,\"peak_rss_kb\":%ld,\"input_rss_kb\":%ld}\n",
                   p + 1, (unsigned long long)key, (double)key / spent, (double)key / cpu,
                   (unsigned long long)digest, sl_clusterer_memory(c), peak_rss_kb(),
                   rss_before);
    }
    sl_clusterer_free(c);
    for (size_t i = 0; i < n; i++) {
        free(titles[i]);
        free(texts[i]);
        free(items[i].title);
        free(items[i].text);
        free(items[i].lang);
    }
    free(items);
    free(titles);
    free(texts);
    free(title_len);
    free(text_len);
    return 0;
}

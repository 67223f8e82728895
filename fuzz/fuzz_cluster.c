/* fuzz_cluster.c — libFuzzer target for the copy detector and the stream
 * clusterer on arbitrary bytes: the input is cut at form feeds into up to
 * 16 articles (first line the title, the rest the text), clustered in
 * order. Checks: ids are from counters (an event or storyline id is never
 * above the articles added so far), a copy names an earlier article, a
 * similarity is a number in [0, 1]; the word reader keeps spans inside the
 * text and in order, and a word read on its own hashes as it did inside
 * the text. The first byte picks the days, a language and whether the
 * state is saved and loaded halfway. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "storyline.h"
#include "dedup/dedup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_DOCS = 16 };

static void check_words(const char *text, size_t len) {
    sl_word *w = NULL, *one = NULL;
    size_t cap = 0, cap1 = 0;
    int odd;
    size_t n = sl_words_read(text, len, &w, &cap, &odd);
    if (n == SIZE_MAX)
        goto out;
    for (size_t i = 0; i < n; i++) {
        if (!w[i].len || w[i].at + w[i].len > len || (i && w[i - 1].at + w[i - 1].len > w[i].at))
            __builtin_trap();
        if (i < 8) {
            size_t m = sl_words_read(text + w[i].at, w[i].len, &one, &cap1, &odd);
            if (m != SIZE_MAX && (m != 1 || one[0].h != w[i].h || one[0].n != w[i].n ||
                                  one[0].digits != w[i].digits))
                __builtin_trap();
        }
    }
out:
    free(w);
    free(one);
}

static void check_result(const sl_cluster_result *r, uint64_t key, uint64_t added) {
    if (r->event < 1 || r->event > added || r->storyline < 1 || r->storyline > added)
        __builtin_trap();
    if (r->dup_kind != SL_DUP_NONE && r->duplicate_of >= key)
        __builtin_trap();
    if (!(r->similarity >= 0 && r->similarity <= 1.0001f) ||
        !(r->dup_similarity >= 0 && r->dup_similarity <= 1.0001f))
        __builtin_trap();
}

/* The state saved and loaded into a new clusterer, which replaces *c. */
static int reload(sl_clusterer **c) {
    sl_error err;
    unsigned char *buf;
    size_t n;
    if (sl_clusterer_save(*c, &buf, &n, &err) != SL_OK)
        return 0;
    sl_clusterer *d;
    sl_status st = sl_clusterer_load(buf, n, &d, &err);
    free(buf);
    if (st != SL_OK)
        __builtin_trap(); /* what we saved must load */
    sl_clusterer_free(*c);
    *c = d;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    char *buf = malloc(size);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, size - 1);
    size_t len = size - 1;
    /* small windows: a new clusterer per input stays cheap, and the caps
     * (closing the least recent) are reached */
    sl_cluster_options o;
    sl_cluster_options_default(&o);
    o.max_open_events = 4;
    o.max_open_storylines = 3;
    o.max_recent_articles = 8;
    sl_clusterer *c;
    sl_error err;
    if (sl_clusterer_new(&o, &c, &err) != SL_OK) {
        free(buf);
        return 0;
    }
    static const char *const langs[] = {NULL, "en", "de", "ru", "xx", "zh"};
    const char *lang = langs[(mode >> 4) % 6];
    size_t at = 0;
    uint64_t key = 0;
    while (at <= len && key < MAX_DOCS) {
        char *ff = memchr(buf + at, '\f', len - at);
        size_t end = ff ? (size_t)(ff - buf) : len;
        char *nl = memchr(buf + at, '\n', end - at);
        size_t tend = nl ? (size_t)(nl - buf) : at;
        sl_cluster_input in = {buf + at, tend - at, buf + tend, end - tend, SL_NO_DAY, lang};
        if (mode & 1) /* dated: days drift forward, sometimes back, by the text's first byte */
            in.day = 19000 + (int32_t)(key * (mode >> 1 & 7)) +
                     (end > tend ? (int8_t)buf[tend] % 40 : 0);
        check_words(in.text, in.text_len);
        sl_cluster_result r;
        if (sl_clusterer_add(c, key, &in, &r, &err) == SL_OK)
            check_result(&r, key, key + 1);
        key++;
        if ((mode & 0x80) && key == MAX_DOCS / 2 && !reload(&c))
            break;
        if (!ff)
            break;
        at = end + 1;
    }
    if (len > 1) {
        sl_dup_match m;
        if (sl_dedup_compare(buf, len / 2, buf + len / 2, len - len / 2, &m) == SL_OK &&
            !(m.similarity >= 0 && m.similarity <= 1.0001f))
            __builtin_trap();
    }
    sl_clusterer_free(c);
    free(buf);
    return 0;
}

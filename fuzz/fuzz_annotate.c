/* fuzz_annotate.c — libFuzzer target for the annotators on arbitrary bytes
 * taken as raw text (one block per line, speaker labels as turns): every
 * span stays inside the text and every entity index is valid. The first
 * byte picks whether the article has a publication date. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "storyline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define IN(s, e, n) ((s) <= (e) && (e) <= (n))

static void check(const sl_article *a, const sl_facts *f) {
    size_t n = a->text_len;
    for (size_t i = 0; i < f->n_mentions; i++)
        if (!IN(f->mentions[i].start, f->mentions[i].end, n) || f->mentions[i].entity < 0 ||
            (size_t)f->mentions[i].entity >= f->n_entities)
            __builtin_trap();
    for (size_t i = 0; i < f->n_quotes; i++) {
        const sl_quote *q = &f->quotes[i];
        if (!IN(q->start, q->end, n) || !IN(q->speaker_start, q->speaker_end, n) ||
            !IN(q->cue_start, q->cue_end, n) || q->entity >= (int32_t)f->n_entities)
            __builtin_trap();
    }
    for (size_t i = 0; i < f->n_timexes; i++)
        if (!IN(f->timexes[i].start, f->timexes[i].end, n) || !memchr(f->timexes[i].value, 0, 32))
            __builtin_trap();
    for (size_t i = 0; i < f->n_quantities; i++)
        if (!IN(f->quantities[i].start, f->quantities[i].end, n))
            __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    const char *date = data[0] & 1 ? "2031-03-14" : NULL;
    sl_article *a = NULL;
    sl_facts *f = NULL;
    sl_error err;
    if (sl_article_from_text((const char *)data + 1, size - 1, date, &a, &err) != SL_OK)
        return 0;
    if (sl_annotate(a, &f, &err) == SL_OK) {
        check(a, f);
        FILE *out = fopen("/dev/null", "w");
        if (out) {
            sl_facts_write_json(f, a, out);
            fclose(out);
        }
    }
    sl_facts_free(f);
    sl_article_free(a);
    return 0;
}

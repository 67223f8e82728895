/* fuzz_synth.c — libFuzzer target for the story stage on arbitrary bytes:
 * the input is cut at form feeds into up to 8 articles (raw text, one
 * block per line), each annotated; the synthesis of all of them must give
 * only spans inside their member's text and valid indices, and every
 * report format must be written without failing. The first byte picks
 * dates and which members are copies. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storyline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_DOCS = 8 };

static void span_ok(const sl_synthesis *s, const sl_evidence *e)
{
    if (e->member >= s->n_members || e->start > e->end ||
        e->end > s->members[e->member].article->text_len)
        __builtin_trap();
}

static void spans_ok(const sl_synthesis *s, const sl_evidence *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        span_ok(s, &e[i]);
}

static void check(const sl_synthesis *s)
{
    for (size_t i = 0; i < s->n_entities; i++)
        spans_ok(s, s->entities[i].mentions, s->entities[i].n_mentions);
    for (size_t i = 0; i < s->n_quotes; i++) {
        if (s->quotes[i].speaker >= (int32_t)s->n_entities)
            __builtin_trap();
        spans_ok(s, s->quotes[i].sources, s->quotes[i].n_sources);
    }
    for (size_t i = 0; i < s->n_slots; i++)
        for (size_t v = 0; v < s->slots[i].n_values; v++)
            spans_ok(s, s->slots[i].values[v].sources, s->slots[i].values[v].n_sources);
    for (size_t i = 0; i < s->n_conflicts; i++) {
        const sl_conflict *c = &s->conflicts[i];
        if (c->slot >= (int32_t)s->n_slots || c->entity >= (int32_t)s->n_entities)
            __builtin_trap();
        spans_ok(s, c->a.sources, c->a.n_sources);
        spans_ok(s, c->b.sources, c->b.n_sources);
    }
    for (size_t i = 0; i < s->n_timeline; i++) {
        if (s->timeline[i].conflict >= (int32_t)s->n_conflicts)
            __builtin_trap();
        spans_ok(s, s->timeline[i].sources, s->timeline[i].n_sources);
    }
    for (size_t i = 0; s->summary && i < s->summary->n_sentences; i++)
        spans_ok(s, s->summary->sentences[i].sources, s->summary->sentences[i].n_sources);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    const char *p = (const char *)data + 1, *end = (const char *)data + size;
    sl_article *a[MAX_DOCS] = {0};
    sl_facts *f[MAX_DOCS] = {0};
    sl_synth_member m[MAX_DOCS];
    size_t n = 0;
    sl_error err;
    while (p <= end && n < MAX_DOCS) {
        const char *q = memchr(p, '\f', (size_t)(end - p));
        if (!q)
            q = end;
        const char *date = (mode >> (n % 4)) & 1 ? "2031-03-14" : NULL;
        if (sl_article_from_text(p, (size_t)(q - p), date, &a[n], &err) == SL_OK) {
            if (sl_annotate(a[n], &f[n], &err) != SL_OK)
                f[n] = NULL;
            m[n] = (sl_synth_member){a[n], f[n], (int64_t)n + 1, 1,
                                     (mode & 0x80) && n ? 0 : -1,
                                     date ? sl_day_from_iso(date) + (int32_t)n : SL_NO_DAY};
            n++;
        }
        p = q + 1;
    }
    sl_synthesis *s = NULL;
    if (sl_synthesize(m, n, NULL, &s, &err) == SL_OK) {
        check(s);
        FILE *out = fopen("/dev/null", "w");
        if (out) {
            for (int k = SL_REPORT_JSON; k <= SL_REPORT_HTML; k++)
                if (sl_report_write(s, (sl_report_format)k, out, &err) != SL_OK)
                    __builtin_trap();
            fclose(out);
        }
        sl_synthesis_free(s);
    }
    for (size_t i = 0; i < n; i++) {
        sl_facts_free(f[i]);
        sl_article_free(a[i]);
    }
    return 0;
}

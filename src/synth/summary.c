/* summary.c — extractive multi-document summary with citations.
 *
 * Concept coverage (Gillick & Favre's ICSISumm): a concept is a stemmed word
 * bigram that is not made of two stopwords (or, at a quarter of the
 * weight, a content word), worth the number of documents that contain it
 * (more when documents put it in their lead), and only if enough
 * documents do: what many reports repeat is what the story is. Near
 * copies of one report (most of the smaller's content words in the other)
 * count once between them, and so does a sentence one report reprints
 * word for word from another: a story filed twice is no second source.
 * The summary is the set of whole sentences covering the most concept
 * weight within the word budget. Covering a concept twice earns nothing,
 * so redundancy costs by itself. The set is built greedily by gain per
 * word, then improved by local search (add, swap one for one), which also
 * fills the budget tightly: ties go to the longer summary.
 *
 * Sentences that cannot stand alone never compete: short ones, questions,
 * quotations, headlines and bylines, pieces the segmenter cut inside a
 * token; a dateline opening an article and a trailing attribution (",
 * officials said.") are cut off the span shown, which stays one
 * contiguous piece of the sentence: the words freed buy more of the
 * story. A day of the week is cut from the text shown ("said Thursday
 * that"): across several days' reports it dates nothing. A sentence also
 * competes through shorter variants (summary_compress.c: a leading
 * "Officials said that", an appositive, a relative clause on a name cut),
 * one variant per sentence at most.
 * Each chosen sentence then cites every other document that states nearly
 * the same words. */
#include "summary_int.h"

#include <stdlib.h>
#include <string.h>

#include "../core/draft.h"

void sl_summary_options_default(sl_summary_options *o)
{
    o->max_words = 100;
    o->latest = 0;
}

void sl_summary_free(sl_summary *s)
{
    if (!s)
        return;
    if (s->priv) {
        sl_arena_free(&s->priv->arena);
        free(s->priv);
    }
    free(s);
}

/* The chosen sentences in reading order: the oldest document first
 * (undated last), then by position. */
static int32_t doc_day(const sl_article *a)
{
    int32_t d = sl_day_from_iso(a->published);
    return d == SL_NO_DAY ? INT32_MAX : d;
}

typedef struct order_key {
    int32_t day;
    uint32_t doc, start, sent;
} order_key;

static int order_cmp(const void *x, const void *y)
{
    const order_key *a = x, *b = y;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* The text of a candidate with cuts, or whose span starts in lower case
 * (a leading phrase cut: shown as a sentence, capitalized), else NULL:
 * its span is its text. */
static int shown_text(const sm_work *w, uint32_t si, sl_arena *a, char **out)
{
    const sm_sent *t = &w->sents[si];
    const char *text = w->docs[t->doc]->text;
    *out = NULL;
    int lower = t->end > t->start && text[t->start] >= 'a' && text[t->start] <= 'z';
    if (!t->ncut && !lower)
        return 0;
    sm_variant v = {t->start, t->end, t->ncut, {{0, 0}}};
    memcpy(v.cut, w->cuts + t->cut0, t->ncut * sizeof *v.cut);
    char *buf = sl_arena_alloc(a, t->end - t->start + 1);
    if (!buf)
        return -1;
    buf[sm_variant_text(text, &v, buf)] = 0;
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 32);
    *out = buf;
    return 0;
}

const char *sm_summary_text(const sl_summary *s, size_t i)
{
    return s && s->priv && s->priv->texts && i < s->n_sentences ? s->priv->texts[i] : NULL;
}

static sl_status build_result(const sl_article *const *docs, sm_work *w, sl_summary **out,
                              sl_error *err)
{
    sl_summary *s = calloc(1, sizeof *s);
    if (!s || !(s->priv = calloc(1, sizeof *s->priv))) {
        free(s);
        return sl_fail(err, SL_ERR_NOMEM, "summary: out of memory");
    }
    sl_arena_init(&s->priv->arena, 0);
    size_t k = w->n_chosen;
    order_key *ord = k ? malloc(k * sizeof *ord) : NULL;
    s->sentences = k ? sl_arena_calloc(&s->priv->arena, k * sizeof *s->sentences) : NULL;
    if (k && (!ord || !s->sentences)) {
        free(ord);
        sl_summary_free(s);
        return sl_fail(err, SL_ERR_NOMEM, "summary: out of memory");
    }
    for (size_t i = 0; i < k; i++) {
        const sm_sent *t = &w->sents[w->chosen[i]];
        ord[i] = (order_key){doc_day(docs[t->doc]), t->doc, t->start, w->chosen[i]};
    }
    if (k)
        qsort(ord, k, sizeof *ord, order_cmp);
    s->priv->texts = k ? sl_arena_calloc(&s->priv->arena, k * sizeof *s->priv->texts) : NULL;
    for (size_t i = 0; i < k; i++) {
        sl_summary_sentence *ss = &s->sentences[i];
        if ((k && !s->priv->texts) || shown_text(w, ord[i].sent, &s->priv->arena, &s->priv->texts[i]) < 0 ||
            sm_cite(w, ord[i].sent, &s->priv->arena, &ss->sources, &ss->n_sources) < 0) {
            free(ord);
            sl_summary_free(s);
            return sl_fail(err, SL_ERR_NOMEM, "summary: out of memory");
        }
    }
    for (size_t i = 0; i < k; i++)
        s->sentences[i].text = s->priv->texts[i];
    s->n_sentences = k;
    free(ord);
    *out = s;
    return SL_OK;
}

sl_status sl_summarize(const sl_article *const *docs, size_t n, const sl_summary_options *o,
                       sl_summary **out, sl_error *err)
{
    sm_params p;
    sm_params_default(&p);
    return sm_summarize_with(docs, n, o, &p, out, err);
}

sl_status sm_summarize_with(const sl_article *const *docs, size_t n, const sl_summary_options *o,
                            const sm_params *p, sl_summary **out, sl_error *err)
{
    sl_summary_options def;
    if (!o) {
        sl_summary_options_default(&def);
        o = &def;
    }
    if (!out || (n && !docs))
        return sl_fail(err, SL_ERR_ARG, "summary: no output or no documents");
    *out = NULL;
    sm_work w;
    int rc = sm_work_init(&w, docs, n, p);
    if (rc == 0)
        rc = sm_select(&w, o->max_words, o->latest);
    if (rc < 0) {
        sm_work_free(&w);
        return sl_fail(err, SL_ERR_NOMEM, "summary: out of memory");
    }
    sl_status st = build_result(docs, &w, out, err);
    sm_work_free(&w);
    return st;
}

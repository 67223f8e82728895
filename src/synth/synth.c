/* synth.c — sl_synthesize: runs the synthesis passes over the members.
 *
 * The summary sees only the canonical members (copies add nothing new); a
 * chosen sentence then cites every other member that contains the same
 * sentence, copies included, so a reader sees how widely it was carried. */
#include "synth.h"
#include "../core/draft.h"

#include <stdlib.h>
#include <string.h>

void sl_synth_options_default(sl_synth_options *o) { o->summary_words = 100; }

void sl_synthesis_free(sl_synthesis *s)
{
    if (!s)
        return;
    sl_summary_free(s->summary);
    if (s->priv) {
        for (size_t i = 0; i < s->priv->n_owned; i++) {
            if (s->priv->owned_facts)
                sl_facts_free(s->priv->owned_facts[i]);
            if (s->priv->owned_articles)
                sl_article_free(s->priv->owned_articles[i]);
        }
        free(s->priv->owned_facts);
        free(s->priv->owned_articles);
        free(s->priv->owned_members);
        free(s->priv->obs_cache);
        sl_arena_free(&s->priv->arena);
        free(s->priv);
    }
    free(s);
}

/* A hash of a sentence's words, lowercased, so that the same sentence in
 * two copies meets whatever the whitespace and quote marks. */
static uint64_t sentence_key(const sl_article *a, const sl_sentence *se)
{
    uint64_t h = 1469598103934665603ull;
    size_t words = 0;
    for (size_t t = se->token_first; t < se->token_end; t++) {
        const sl_token *tk = &a->tokens[t];
        if (tk->kind != SL_TOK_WORD && tk->kind != SL_TOK_NUMBER)
            continue;
        for (uint32_t i = tk->start; i < tk->end; i++) {
            unsigned char c = (unsigned char)a->text[i];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            h = (h ^ c) * 1099511628211ull;
        }
        h = (h ^ ' ') * 1099511628211ull;
        words++;
    }
    return words >= 4 ? h : 0; /* too short to say two members agree */
}

static const sl_sentence *sentence_at(const sl_article *a, uint32_t start)
{
    size_t lo = 0, hi = a->n_sentences;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->sentences[mid].end <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < a->n_sentences && a->sentences[lo].start <= start ? &a->sentences[lo] : NULL;
}

/* Add to each summary sentence the other members that state it. Linear in
 * the members' sentences: each is hashed once and compared with the few
 * summary sentences. */
static sl_status cite_repeats(sl_synthesis *s, sl_error *err)
{
    sl_summary *sum = s->summary;
    size_t k = sum->n_sentences;
    if (!k)
        return SL_OK;
    uint64_t *keys = calloc(k, sizeof *keys);
    size_t *cap = calloc(k, sizeof *cap);
    if (!keys || !cap) {
        free(keys);
        free(cap);
        return sl_fail(err, SL_ERR_NOMEM, "summary citations: out of memory");
    }
    for (size_t i = 0; i < k; i++) {
        const sl_evidence *e = &sum->sentences[i].sources[0];
        const sl_sentence *se = sentence_at(s->members[e->member].article, e->start);
        keys[i] = se ? sentence_key(s->members[e->member].article, se) : 0;
    }
    sl_status st = SL_OK;
    for (size_t m = 0; m < s->n_members && st == SL_OK; m++) {
        const sl_article *a = s->members[m].article;
        for (size_t j = 0; j < a->n_sentences && st == SL_OK; j++) {
            uint64_t key = sentence_key(a, &a->sentences[j]);
            for (size_t i = 0; key && i < k; i++) {
                sl_summary_sentence *ss = &sum->sentences[i];
                if (keys[i] != key)
                    continue;
                int seen = 0;
                for (size_t q = 0; q < ss->n_sources; q++)
                    seen |= ss->sources[q].member == m;
                if (seen)
                    continue;
                /* Grow in the synthesis arena: summary arrays stay read-only
                 * for sl_summary_free, which frees its own. */
                if (ss->n_sources + 1 > cap[i]) {
                    size_t nc = cap[i] ? cap[i] * 2 : 8;
                    sl_evidence *ne = sl_arena_alloc(&s->priv->arena, nc * sizeof *ne);
                    if (!ne) {
                        st = sl_fail(err, SL_ERR_NOMEM, "summary citations: out of memory");
                        break;
                    }
                    memcpy(ne, ss->sources, ss->n_sources * sizeof *ne);
                    ss->sources = ne;
                    cap[i] = nc;
                }
                ss->sources[ss->n_sources++] = (sl_evidence){(uint32_t)m,
                    (uint32_t)a->sentences[j].start, (uint32_t)a->sentences[j].end};
            }
        }
    }
    free(keys);
    free(cap);
    return st;
}

/* The summary in the order things happened: by the day of each sentence's
 * member, inferred days included (the summarizer only knows publication
 * dates, and puts undated documents last); stable, so a member's sentences
 * keep their order. */
static int64_t sentence_day(const sl_synthesis *s, const sl_summary_sentence *x)
{
    int32_t d = x->n_sources ? sl_synth_day(s, x->sources[0].member) : SL_NO_DAY;
    return d == SL_NO_DAY ? INT64_MAX : d;
}

static void order_by_day(sl_synthesis *s)
{
    sl_summary_sentence *v = s->summary->sentences;
    for (size_t i = 1; i < s->summary->n_sentences; i++) {
        sl_summary_sentence x = v[i];
        int64_t d = sentence_day(s, &x);
        size_t j = i;
        for (; j > 0 && sentence_day(s, &v[j - 1]) > d; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static sl_status summarize(sl_synthesis *s, const sl_synth_options *o, sl_error *err)
{
    const sl_article **docs = malloc((s->n_members + 1) * sizeof *docs);
    uint32_t *member = malloc((s->n_members + 1) * sizeof *member);
    if (!docs || !member) {
        free(docs);
        free(member);
        return sl_fail(err, SL_ERR_NOMEM, "summary: out of memory");
    }
    size_t n = 0;
    for (size_t m = 0; m < s->n_members; m++) {
        if (s->members[m].copy_of >= 0)
            continue;
        docs[n] = s->members[m].article;
        member[n++] = (uint32_t)m;
    }
    sl_summary_options so;
    sl_summary_options_default(&so);
    so.max_words = o->summary_words;
    so.latest = 1; /* a story's page says where it stands now */
    sl_status st = sl_summarize(docs, n, &so, &s->summary, err);
    if (st == SL_OK) {
        for (size_t i = 0; i < s->summary->n_sentences; i++) {
            sl_summary_sentence *ss = &s->summary->sentences[i];
            for (size_t q = 0; q < ss->n_sources; q++)
                ss->sources[q].member = member[ss->sources[q].member];
        }
        order_by_day(s);
        st = cite_repeats(s, err);
    }
    free(docs);
    free(member);
    return st;
}

sl_status sl_synthesize(const sl_synth_member *m, size_t n, const sl_synth_options *o,
                        sl_synthesis **out, sl_error *err)
{
    sl_synth_options def;
    if (!o) {
        sl_synth_options_default(&def);
        o = &def;
    }
    *out = NULL;
    sl_synthesis *s = calloc(1, sizeof *s);
    if (!s || !(s->priv = calloc(1, sizeof *s->priv))) {
        free(s);
        return sl_fail(err, SL_ERR_NOMEM, "synthesis: out of memory");
    }
    sl_arena_init(&s->priv->arena, 0);
    s->members = m;
    s->n_members = n;
    s->title = "";
    sl_status st = sl_synth_days(s, err);
    if (st == SL_OK)
        st = sl_synth_entities(s, err);
    if (st == SL_OK)
        st = sl_synth_quotes(s, err);
    if (st == SL_OK)
        st = sl_synth_slots(s, err);
    if (st == SL_OK)
        st = sl_synth_timeline(s, err);
    free(s->priv->obs_cache); /* the passes that read observations are done */
    s->priv->obs_cache = NULL;
    s->priv->n_obs_cache = 0;
    if (st == SL_OK)
        st = summarize(s, o, err);
    if (st != SL_OK) {
        sl_synthesis_free(s);
        return st;
    }
    *out = s;
    return SL_OK;
}

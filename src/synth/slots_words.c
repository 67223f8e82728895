/* slots_words.c — content-word stems and hedges for the synthesis passes.
 *
 * Stems make "stranded"/"strands" and "offer"/"offered" meet; hedges are
 * read from the words before a number because that is where English puts
 * them ("close to an hour", "well over a thousand"). */
#include "slots_words.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "../cluster/stopwords.h"
#include "../util/buf.h"
#include "../util/hash.h"
#include "../util/map64.h"

/* Stemming is the cost of every comparison here, and a story repeats its
 * words: each written form is stemmed once and remembered. */
typedef struct stem_memo {
    uint64_t key;
    int stop;
} stem_memo;

struct sl_sw {
    struct sb_stemmer *sb;
    sl_map64 seen;   /* hash of the lowercased form -> index in memo */
    stem_memo *memo;
    size_t n, cap;
};

sl_sw *sl_sw_new(void)
{
    sl_sw *w = calloc(1, sizeof *w);
    if (w)
        w->sb = sb_stemmer_new("english", "UTF_8");
    return w;
}

void sl_sw_free(sl_sw *w)
{
    if (!w)
        return;
    if (w->sb)
        sb_stemmer_delete(w->sb);
    sl_map64_free(&w->seen);
    free(w->memo);
    free(w);
}

static uint64_t stem_key(sl_sw *w, const char *buf, size_t m)
{
    const char *st = buf;
    size_t sn = m;
    if (w && w->sb) {
        const sb_symbol *r = sb_stemmer_stem(w->sb, (const sb_symbol *)buf, (int)m);
        if (r) {
            st = (const char *)r;
            sn = (size_t)sb_stemmer_length(w->sb);
        }
    }
    uint64_t h = sl_hash64(st, sn, 0x5107);
    return h ? h : 1;
}

uint64_t sl_sw_key(sl_sw *w, const char *s, size_t n, int keep_stop)
{
    char buf[64];
    size_t m = 0, digits = 0;
    for (size_t i = 0; i < n && m < sizeof buf; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c == '\'' || c == '-' || c == '.')
            continue;
        digits += c >= '0' && c <= '9';
        buf[m++] = (char)c;
    }
    if (!m || digits == m)
        return 0;
    uint64_t form = sl_hash64(buf, m, 0xf0f0) | 1;
    int32_t x = w ? sl_map64_get(&w->seen, form) : -1;
    if (x < 0) {
        stem_memo e = {stem_key(w, buf, m), m < 2 || sl_stopword(buf, m)};
        if (!w)
            return !keep_stop && e.stop ? 0 : e.key;
        stem_memo *p = sl_grow(w->memo, &w->cap, w->n + 1, sizeof *p, 1024);
        if (!p)
            return !keep_stop && e.stop ? 0 : e.key; /* no memo, still right */
        w->memo = p;
        if (sl_map64_put(&w->seen, form, (int32_t)w->n))
            return !keep_stop && e.stop ? 0 : e.key;
        w->memo[w->n] = e;
        x = (int32_t)w->n++;
    }
    const stem_memo *e = &w->memo[x];
    return !keep_stop && e->stop ? 0 : e->key;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

size_t sl_sw_token_at(const sl_article *a, uint32_t pos)
{
    size_t lo = 0, hi = a->n_tokens;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->tokens[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const sl_sentence *sl_sw_sentence_at(const sl_article *a, uint32_t pos)
{
    size_t lo = 0, hi = a->n_sentences;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->sentences[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < a->n_sentences && a->sentences[lo].start <= pos ? &a->sentences[lo] : NULL;
}

size_t sl_sw_span_keys(sl_sw *w, const sl_article *a, uint32_t start, uint32_t end,
                       int keep_stop, uint64_t *out, size_t cap)
{
    size_t n = 0;
    for (size_t t = sl_sw_token_at(a, start); t < a->n_tokens && n < cap; t++) {
        const sl_token *tk = &a->tokens[t];
        if (tk->start >= end)
            break;
        uint64_t k = 0;
        if (tk->kind == SL_TOK_NUMBER && keep_stop)
            k = sl_hash64(a->text + tk->start, tk->end - tk->start, 0x2b3) | 1;
        else if (tk->kind == SL_TOK_WORD)
            k = sl_sw_key(w, a->text + tk->start, tk->end - tk->start, keep_stop);
        if (k)
            out[n++] = k;
    }
    qsort(out, n, sizeof *out, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || out[u - 1] != out[i])
            out[u++] = out[i];
    return u;
}

size_t sl_sw_common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, c = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            c++;
            i++;
            j++;
        } else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return c;
}

int sl_sw_tok_is(const sl_article *a, size_t t, const char *w0)
{
    if (t >= a->n_tokens)
        return 0;
    const sl_token *tk = &a->tokens[t];
    char c0 = a->text[tk->start];
    if (c0 >= 'A' && c0 <= 'Z')
        c0 = (char)(c0 + 32);
    if (c0 != w0[0]) /* most words fail here, before any length is taken */
        return 0;
    size_t n = tk->end - tk->start, m = strlen(w0);
    if (n != m)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = a->text[tk->start + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w0[i])
            return 0;
    }
    return 1;
}

/* Hedges as word sequences ending right before the number; longest first
 * so "well over" wins over "over". */
static const struct {
    const char *w[3];
    sl_bound b;
} hedges[] = {
    {{"well", "over", NULL}, SL_BOUND_MORE_THAN},
    {{"well", "above", NULL}, SL_BOUND_MORE_THAN},
    {{"more", "than", NULL}, SL_BOUND_MORE_THAN},
    {{"upwards", "of", NULL}, SL_BOUND_MORE_THAN},
    {{"in", "excess", "of"}, SL_BOUND_MORE_THAN},
    {{"at", "least", NULL}, SL_BOUND_AT_LEAST},
    {{"as", "many", "as"}, SL_BOUND_AT_MOST},
    {{"up", "to", NULL}, SL_BOUND_AT_MOST},
    {{"no", "more", "than"}, SL_BOUND_AT_MOST},
    {{"fewer", "than", NULL}, SL_BOUND_LESS_THAN},
    {{"less", "than", NULL}, SL_BOUND_LESS_THAN},
    {{"close", "to", NULL}, SL_BOUND_APPROX},
    {{"just", "under", NULL}, SL_BOUND_APPROX},
    {{"just", "over", NULL}, SL_BOUND_APPROX},
    {{"some", NULL, NULL}, SL_BOUND_APPROX},
    {{"about", NULL, NULL}, SL_BOUND_APPROX},
    {{"around", NULL, NULL}, SL_BOUND_APPROX},
    {{"roughly", NULL, NULL}, SL_BOUND_APPROX},
    {{"approximately", NULL, NULL}, SL_BOUND_APPROX},
    {{"nearly", NULL, NULL}, SL_BOUND_APPROX},
    {{"almost", NULL, NULL}, SL_BOUND_APPROX},
    {{"estimated", NULL, NULL}, SL_BOUND_APPROX},
    {{"over", NULL, NULL}, SL_BOUND_MORE_THAN},
    {{"under", NULL, NULL}, SL_BOUND_LESS_THAN},
};

sl_bound sl_sw_hedge_before(const sl_article *a, uint32_t pos, uint32_t *hedge_start)
{
    size_t t = sl_sw_token_at(a, pos);
    *hedge_start = pos;
    for (size_t h = 0; h < sizeof hedges / sizeof *hedges; h++) {
        size_t n = 0;
        while (n < 3 && hedges[h].w[n])
            n++;
        if (t < n)
            continue;
        size_t i = 0;
        while (i < n && sl_sw_tok_is(a, t - n + i, hedges[h].w[i]))
            i++;
        if (i == n) {
            *hedge_start = a->tokens[t - n].start;
            return hedges[h].b;
        }
    }
    return SL_BOUND_EXACT;
}

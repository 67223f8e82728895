/* draft.c — building an article from blocks and metadata candidates. */
#include "draft.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../meta/date.h"
#include "../meta/meta.h"
#include "../segment/segment.h"
#include "../text/glue.h"
#include "../text/normalize.h"
#include "../util/hash.h"

sl_status sl_fail(sl_error *err, sl_status st, const char *fmt, ...) {
    if (err) {
        err->status = st;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return st;
}

void sl_draft_init(sl_draft *d, sl_format format) {
    memset(d, 0, sizeof *d);
    sl_arena_init(&d->arena, 0);
    sl_buf_init(&d->text);
    sl_buf_init(&d->scratch);
    d->format = format;
    d->split_glued = 1;
}

void sl_draft_discard(sl_draft *d) {
    sl_arena_free(&d->arena);
    sl_buf_free(&d->text);
    sl_buf_free(&d->scratch);
    free(d->blocks);
    d->blocks = NULL;
}

/* The limit is on CPU time (sl_limits.max_doc_seconds), so a loaded
 * machine does not turn a good document into an error. */
static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void sl_draft_set_deadline(sl_draft *d, double seconds) {
    d->deadline = seconds > 0 ? now_seconds() + seconds : 0;
}

int sl_draft_expired(sl_draft *d) {
    if (!d->expired && d->deadline > 0 && now_seconds() > d->deadline)
        d->expired = 1;
    return d->expired;
}

/* Normalize into a scratch buffer, then glue-split into the text. Two passes
 * keep each module simple; blocks are short, so the copy is cheap. */
int sl_draft_add_block(sl_draft *d, sl_block_kind kind, const char *s, size_t n,
                       const char *speaker) {
    if (sl_draft_expired(d))
        return 0;
    sl_buf *tmp = &d->scratch;
    sl_buf_clear(tmp);
    if (sl_normalize_inline(s, n, tmp))
        return -1;
    if (tmp->len == 0)
        return 0;
    if (d->n_blocks == d->cap_blocks) {
        size_t cap = d->cap_blocks ? d->cap_blocks * 2 : 32;
        sl_block *b = realloc(d->blocks, cap * sizeof *b);
        if (!b)
            return -1;
        d->blocks = b;
        d->cap_blocks = cap;
    }
    if (d->text.len)
        sl_buf_append(&d->text, "\n\n", 2);
    size_t start = d->text.len;
    int rc = d->split_glued ? sl_glue_split(tmp->data, tmp->len, &d->text)
                            : sl_buf_append(&d->text, tmp->data, tmp->len);
    if (rc < 0 || d->text.oom)
        return -1;
    sl_block *b = &d->blocks[d->n_blocks++];
    b->kind = kind;
    b->start = start;
    b->end = d->text.len;
    b->speaker = speaker ? sl_draft_str(d, speaker, strlen(speaker)) : NULL;
    return 0;
}

void sl_draft_drop_last(sl_draft *d) {
    if (!d->n_blocks)
        return;
    d->n_blocks--;
    d->text.len = d->n_blocks ? d->blocks[d->n_blocks - 1].end : 0;
    if (d->text.data)
        d->text.data[d->text.len] = 0;
}

const char *sl_draft_str(sl_draft *d, const char *s, size_t n) {
    if (!s || !n)
        return NULL;
    sl_buf *tmp = &d->scratch;
    sl_buf_clear(tmp);
    if (sl_normalize_inline(s, n, tmp) || tmp->len == 0)
        return NULL;
    return sl_arena_strndup(&d->arena, tmp->data, tmp->len);
}

void sl_draft_add_date(sl_draft *d, const char *iso, sl_date_source src) {
    if (!iso || !*iso || d->n_dates == SL_DRAFT_MAX_DATES || !sl_date_plausible(iso))
        return;
    sl_date_cand *c = &d->dates[d->n_dates++];
    snprintf(c->iso, sizeof c->iso, "%s", iso);
    c->source = src;
}

/* The strongest source wins; among equals, the first found, which keeps
 * the choice predictable. */
static const sl_date_cand *pick_date(const sl_draft *d) {
    const sl_date_cand *best = NULL;
    for (size_t i = 0; i < d->n_dates; i++)
        if (!best || d->dates[i].source < best->source)
            best = &d->dates[i];
    return best;
}

/* A title says something only with a letter or digit outside character
 * references: a record whose headline field is an undecoded markup code
 * ("&HT;" in newswire archives) or a rule of dashes has no title. */
static int says_something(const char *t) {
    for (const char *p = t; p && *p; p++) {
        if (*p == '&') {
            const char *q = p + 1;
            while ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') ||
                   (*q >= '0' && *q <= '9') || *q == '#')
                q++;
            if (*q == ';' && q > p + 1) {
                p = q;
                continue;
            }
        }
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            (unsigned char)*p >= 0x80)
            return 1;
    }
    return 0;
}

sl_status sl_draft_finish(sl_draft *d, sl_article **out, sl_error *err) {
    *out = NULL;
    if (d->title && !says_something(d->title))
        d->title = NULL;
    if (d->text.oom)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory building text");
    if (d->expired)
        return sl_fail(err, SL_ERR_LIMIT, "document took longer than its time limit");
    if (d->text.len == 0 && !(d->title_only_ok && d->title && d->title[0]))
        return sl_fail(err, SL_ERR_EMPTY, "no article text found");
    if (d->text.len == 0 && !d->warning[0])
        snprintf(d->warning, sizeof d->warning, "title only, no text");
    if (d->url && !d->outlet) {
        char host[256];
        if (sl_url_host(d->url, host, sizeof host))
            d->outlet = sl_arena_strdup(&d->arena, host);
    }
    if (d->n_dates == 0) {
        char iso[32];
        sl_date_source src;
        if (d->url && sl_date_from_url(d->url, iso))
            sl_draft_add_date(d, iso, SL_DATE_URL);
        else if (sl_date_from_text(d->text.data, d->text.len, iso, &src))
            sl_draft_add_date(d, iso, src);
    }

    /* The article and its arena become one allocation owner: the arena
     * struct lives inside the article's first allocation. */
    sl_arena arena = d->arena;
    sl_article_owner *h = sl_arena_calloc(&arena, sizeof *h);
    if (!h)
        goto oom;
    sl_article *a = &h->a;
    a->text = sl_arena_strndup(&arena, d->text.data ? d->text.data : "", d->text.len);
    a->blocks = sl_arena_alloc(&arena, (d->n_blocks ? d->n_blocks : 1) * sizeof(sl_block));
    if (!a->text || !a->blocks)
        goto oom;
    a->text_len = d->text.len;
    if (d->n_blocks) /* a title-only record has none */
        memcpy(a->blocks, d->blocks, d->n_blocks * sizeof(sl_block));
    a->n_blocks = d->n_blocks;
    a->title = d->title ? d->title : "";
    a->url = d->url;
    a->outlet = d->outlet;
    a->authors = d->authors;
    a->language = d->language ? d->language : sl_lang_guess(a->text, a->text_len);
    a->format = d->format;
    a->prov = d->prov;
    a->prov.path = d->prov.path ? sl_arena_strdup(&arena, d->prov.path) : NULL;
    a->prov.record_id = d->prov.record_id ? sl_arena_strdup(&arena, d->prov.record_id) : NULL;
    snprintf(a->warning, sizeof a->warning, "%s", d->warning);
    const sl_date_cand *date = pick_date(d);
    if (date) {
        snprintf(a->published, sizeof a->published, "%s", date->iso);
        a->published_from = date->source;
    }
    sl_status st = sl_segment(a->text, a->text_len, a->blocks, a->n_blocks, &arena,
                              &a->sentences, &a->n_sentences, &a->tokens, &a->n_tokens);
    if (st != SL_OK) {
        d->arena = arena;
        return sl_fail(err, st, "cannot segment the text: %s", sl_status_name(st));
    }
    sl_hash128(a->text, a->text_len, a->hash);
    h->arena = arena;
    sl_buf_free(&d->text);
    sl_buf_free(&d->scratch);
    free(d->blocks);
    d->blocks = NULL;
    memset(&d->arena, 0, sizeof d->arena);
    *out = a;
    return SL_OK;
oom:
    d->arena = arena;
    return sl_fail(err, SL_ERR_NOMEM, "out of memory finishing article");
}

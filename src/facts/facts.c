/* facts.c — runs the annotators over one article and writes their result.
 *
 * Order matters: entities first, since quotes resolve their speakers
 * through the entity mentions. Everything lives in one arena owned by the
 * sl_facts, freed at once. */
#include <stdlib.h>
#include <string.h>
#include "../core/draft.h"
#include "../segment/segment.h"
#include "../read/json.h"
#include "../text/plain.h"
#include "../util/buf.h"
#include "entity.h"
#include "facts.h"
#include "quantity.h"
#include "quote.h"
#include "timex.h"
#include "xdoc.h"

struct sl_facts_priv {
    sl_arena arena;
};

const char *sl_entity_type_name(sl_entity_type t) {
    static const char *const n[] = {"PER", "ORG", "LOC", "MISC"};
    return (unsigned)t < 4 ? n[t] : "MISC";
}

const char *sl_quote_kind_name(sl_quote_kind k) {
    static const char *const n[] = {"direct", "indirect", "partial", "transcript"};
    return (unsigned)k < 4 ? n[k] : "direct";
}

const char *sl_quote_label(const sl_article *a, const sl_quote *q) {
    if (q->kind != SL_QUOTE_TRANSCRIPT || !a->n_blocks)
        return NULL;
    size_t lo = 0, hi = a->n_blocks; /* the last block starting at or before q */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->blocks[mid].start <= q->start)
            lo = mid;
        else
            hi = mid;
    }
    const sl_block *b = &a->blocks[lo];
    return b->kind == SL_BLOCK_TURN && b->start <= q->start && q->start <= b->end ? b->speaker
                                                                                  : NULL;
}

const char *sl_timex_type_name(sl_timex_type t) {
    static const char *const n[] = {"DATE", "TIME", "DURATION", "SET"};
    return (unsigned)t < 4 ? n[t] : "DATE";
}

const char *sl_bound_name(sl_bound b) {
    static const char *const n[] = {"exact",     "approx",  "at_least",
                                    "more_than", "at_most", "less_than"};
    return (unsigned)b < 6 ? n[b] : "exact";
}

/* The public name of the cross-document index; xdoc.c is the whole of it. */
sl_entity_index *sl_entity_index_new(void) { return (sl_entity_index *)sl_xdoc_new(); }

void sl_entity_index_free(sl_entity_index *x) { sl_xdoc_free((sl_xdoc *)x); }

int sl_entity_index_add(sl_entity_index *x, uint64_t doc, const char *name, sl_entity_type t,
                        uint32_t *cluster) {
    return sl_xdoc_add((sl_xdoc *)x, doc, name, t, cluster);
}

void sl_facts_free(sl_facts *f) {
    if (!f)
        return;
    if (f->priv) {
        sl_arena_free(&f->priv->arena);
        free(f->priv);
    }
    free(f);
}

sl_facts *sl_facts_new(void) {
    sl_facts *f = calloc(1, sizeof *f);
    if (!f || !(f->priv = calloc(1, sizeof *f->priv))) {
        free(f);
        return NULL;
    }
    sl_arena_init(&f->priv->arena, 0);
    f->inferred_from = -1;
    return f;
}

sl_arena *sl_facts_arena(sl_facts *f) { return &f->priv->arena; }

static int is_full_date(const char *v) {
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? v[i] != '-' : !(v[i] >= '0' && v[i] <= '9'))
            return 0;
    return v[10] == 0 || v[10] == 'T';
}

/* An undated article is dated by the latest full date it states: news
 * reports what has happened, so the last dated happening is the nearest
 * evidence of when it was written. A date announced for later makes the
 * guess late; the timex is kept as evidence so a reader can judge. */
static void infer_date(sl_facts *f) {
    f->inferred_from = -1;
    for (size_t i = 0; i < f->n_timexes; i++) {
        const sl_timex *t = &f->timexes[i];
        if ((t->type == SL_TIMEX_DATE || t->type == SL_TIMEX_TIME) && is_full_date(t->value) &&
            (f->inferred_from < 0 || memcmp(t->value, f->inferred_date, 10) > 0)) {
            memcpy(f->inferred_date, t->value, 10);
            f->inferred_date[10] = 0;
            f->inferred_from = (int32_t)i;
        }
    }
}

sl_status sl_annotate(const sl_article *a, sl_facts **out, sl_error *err) {
    *out = NULL;
    sl_facts *f = sl_facts_new();
    if (!f)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory for facts");
    sl_arena *ar = &f->priv->arena;
    sl_status st = sl_find_entities(a, ar, &f->entities, &f->n_entities, &f->mentions,
                                    &f->n_mentions, err);
    if (st == SL_OK)
        st = sl_find_quotes(a, f->mentions, f->n_mentions, ar, &f->quotes, &f->n_quotes, err);
    if (st == SL_OK)
        st = sl_find_timexes(a, ar, &f->timexes, &f->n_timexes, err);
    if (st == SL_OK)
        st = sl_find_quantities(a, ar, &f->quantities, &f->n_quantities, err);
    if (st == SL_OK && !a->published[0])
        infer_date(f);
    if (st != SL_OK) {
        sl_facts_free(f);
        return st;
    }
    *out = f;
    return SL_OK;
}

/* ------------------------------------------------------------ raw text */

typedef struct block_list {
    sl_arena *ar;
    sl_block *b;
    size_t n, cap;
} block_list;

/* One block per non-empty line, trimmed; a leading speaker label makes it
 * a transcript turn. */
static int add_line(block_list *l, const char *s, size_t start, size_t end) {
    while (start < end && (s[start] == ' ' || s[start] == '\t' || s[start] == '\r'))
        start++;
    while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
        end--;
    if (start == end)
        return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        sl_block *b = sl_arena_realloc(l->ar, l->b, l->cap * sizeof *b, cap * sizeof *b);
        if (!b)
            return -1;
        l->b = b;
        l->cap = cap;
    }
    sl_block *b = &l->b[l->n++];
    memset(b, 0, sizeof *b);
    b->kind = SL_BLOCK_PARAGRAPH;
    b->start = start;
    b->end = end;
    size_t name_n = 0;
    if (sl_plain_turn_label(s + start, end - start, &name_n)) {
        b->kind = SL_BLOCK_TURN;
        if (!(b->speaker = sl_arena_strndup(l->ar, s + start, name_n)))
            return -1;
    }
    return 0;
}

sl_status sl_article_from_text(const char *text, size_t len, const char *published,
                               sl_article **out, sl_error *err) {
    *out = NULL;
    sl_arena arena;
    sl_arena_init(&arena, 0);
    sl_article_owner *o = sl_arena_calloc(&arena, sizeof *o);
    char *copy = o ? sl_arena_alloc(&arena, len + 1) : NULL;
    if (!copy) {
        sl_arena_free(&arena);
        return sl_fail(err, SL_ERR_NOMEM, "out of memory for an article");
    }
    memcpy(copy, text, len);
    copy[len] = 0;
    block_list l = {&arena, NULL, 0, 0};
    for (size_t i = 0, line = 0; i <= len; i++)
        if (i == len || copy[i] == '\n') {
            if (add_line(&l, copy, line, i) < 0) {
                sl_arena_free(&arena);
                return sl_fail(err, SL_ERR_NOMEM, "out of memory for blocks");
            }
            line = i + 1;
        }
    sl_article *a = &o->a;
    a->title = "";
    a->format = SL_FORMAT_TEXT;
    a->text = copy;
    a->text_len = len;
    a->blocks = l.b;
    a->n_blocks = l.n;
    if (published && *published) {
        snprintf(a->published, sizeof a->published, "%s", published);
        a->published_from = SL_DATE_FIELD;
    }
    sl_status st = sl_segment(copy, len, a->blocks, a->n_blocks, &arena, &a->sentences,
                              &a->n_sentences, &a->tokens, &a->n_tokens);
    o->arena = arena; /* the owner lives inside the arena it records */
    if (st != SL_OK) {
        sl_arena_free(&arena);
        return sl_fail(err, st, "cannot segment the text");
    }
    *out = a;
    return SL_OK;
}

/* The first string member among names, or NULL. */
static const sl_json *first_str(const sl_json *o, const char *const *names) {
    for (; *names; names++) {
        const sl_json *v = sl_json_get(o, *names);
        if (v && v->type == SL_JSON_STRING)
            return v;
    }
    return NULL;
}

sl_status sl_article_from_json(const char *line, size_t n, sl_article **out, sl_error *err) {
    static const char *const ids[] = {"id", "doc_id", NULL};
    static const char *const texts[] = {"text", "maintext", NULL};
    static const char *const dates[] = {"date", "dct", "published", "publication_date",
                                        "date_publish", NULL};
    *out = NULL;
    sl_arena ar;
    sl_arena_init(&ar, 0);
    sl_json_error je;
    const sl_json *root = sl_json_parse(line, n, 512, &ar, &je);
    sl_status st = SL_OK;
    if (!root)
        st = sl_fail(err, SL_ERR_FORMAT, "invalid JSON at byte %zu: %s", je.offset, je.msg);
    else if (root->type != SL_JSON_OBJECT)
        st = sl_fail(err, SL_ERR_FORMAT, "a JSON object is expected");
    const sl_json *text = st == SL_OK ? first_str(root, texts) : NULL;
    if (st == SL_OK && !text)
        st = sl_fail(err, SL_ERR_EMPTY, "no \"text\" string");
    if (st == SL_OK) {
        const sl_json *date = first_str(root, dates), *id = first_str(root, ids);
        const sl_json *title = sl_json_get(root, "title");
        st = sl_article_from_text(text->str, text->len, date ? date->str : NULL, out, err);
        sl_arena *own = st == SL_OK ? &((sl_article_owner *)*out)->arena : NULL;
        if (own && id && !((*out)->prov.record_id = sl_arena_strndup(own, id->str, id->len)))
            st = SL_ERR_NOMEM;
        if (own && title && title->type == SL_JSON_STRING &&
            !((*out)->title = sl_arena_strndup(own, title->str, title->len)))
            st = SL_ERR_NOMEM;
        if (st == SL_ERR_NOMEM) {
            sl_article_free(*out);
            *out = NULL;
            sl_fail(err, st, "out of memory for an article");
        }
    }
    sl_arena_free(&ar);
    return st;
}

/* ---------------------------------------------------------------- JSON */

static void span_json(sl_buf *b, const sl_article *a, const char *key, uint32_t s, uint32_t e) {
    if (e <= s || e > a->text_len) {
        sl_buf_printf(b, ",\"%s\":null", key);
        return;
    }
    sl_buf_printf(b, ",\"%s\":{\"start\":%u,\"end\":%u,\"text\":", key, s, e);
    sl_buf_json_str(b, a->text + s, e - s);
    sl_buf_putc(b, '}');
}

static void str_json(sl_buf *b, const char *key, const char *v) {
    sl_buf_printf(b, ",\"%s\":", key);
    if (v)
        sl_buf_json_str(b, v, strlen(v));
    else
        sl_buf_puts(b, "null");
}

static void text_json(sl_buf *b, const sl_article *a, uint32_t s, uint32_t e) {
    sl_buf_printf(b, "\"start\":%u,\"end\":%u,\"text\":", s, e);
    sl_buf_json_str(b, a->text + s, e > s && e <= a->text_len ? e - s : 0);
}

static void entities_json(sl_buf *b, const sl_facts *f, const sl_article *a) {
    static const char *const kinds[] = {"name", "short", "nominal", "pronoun", "label"};
    sl_buf_puts(b, "\"entities\":[");
    for (size_t i = 0; i < f->n_entities; i++) {
        const sl_entity *e = &f->entities[i];
        sl_buf_printf(b, "%s{\"id\":%zu", i ? "," : "", i);
        str_json(b, "name", e->name);
        str_json(b, "type", sl_entity_type_name(e->type));
        str_json(b, "role", e->role);
        sl_buf_puts(b, ",\"mentions\":[");
        int first = 1;
        for (size_t k = 0; k < f->n_mentions; k++) {
            const sl_mention *m = &f->mentions[k];
            if (m->entity != (int32_t)i)
                continue;
            sl_buf_puts(b, first ? "{" : ",{");
            text_json(b, a, m->start, m->end);
            sl_buf_printf(b, ",\"kind\":\"%s\"}", kinds[m->kind < 5 ? m->kind : 0]);
            first = 0;
        }
        sl_buf_puts(b, "]}");
    }
    sl_buf_putc(b, ']');
}

static void quotes_json(sl_buf *b, const sl_facts *f, const sl_article *a) {
    sl_buf_puts(b, ",\"quotes\":[");
    for (size_t i = 0; i < f->n_quotes; i++) {
        const sl_quote *q = &f->quotes[i];
        sl_buf_puts(b, i ? ",{" : "{");
        text_json(b, a, q->start, q->end);
        str_json(b, "kind", sl_quote_kind_name(q->kind));
        span_json(b, a, "speaker", q->speaker_start, q->speaker_end);
        span_json(b, a, "cue", q->cue_start, q->cue_end);
        sl_buf_printf(b, ",\"entity\":%d", (int)q->entity);
        str_json(b, "speaker_name", q->entity >= 0 && (size_t)q->entity < f->n_entities
                                        ? f->entities[q->entity].name
                                        : NULL);
        if (q->kind == SL_QUOTE_TRANSCRIPT)
            str_json(b, "speaker_label", sl_quote_label(a, q));
        sl_buf_putc(b, '}');
    }
    sl_buf_putc(b, ']');
}

static void timexes_json(sl_buf *b, const sl_facts *f, const sl_article *a) {
    sl_buf_puts(b, ",\"timexes\":[");
    for (size_t i = 0; i < f->n_timexes; i++) {
        const sl_timex *t = &f->timexes[i];
        sl_buf_puts(b, i ? ",{" : "{");
        text_json(b, a, t->start, t->end);
        str_json(b, "type", sl_timex_type_name(t->type));
        str_json(b, "value", t->value);
        if (t->mod[0])
            str_json(b, "mod", t->mod);
        sl_buf_putc(b, '}');
    }
    sl_buf_putc(b, ']');
}

static void quantities_json(sl_buf *b, const sl_facts *f, const sl_article *a) {
    sl_buf_puts(b, ",\"quantities\":[");
    for (size_t i = 0; i < f->n_quantities; i++) {
        const sl_quantity *q = &f->quantities[i];
        sl_buf_puts(b, i ? ",{" : "{");
        text_json(b, a, q->start, q->end);
        sl_buf_printf(b, ",\"value\":%.17g,\"low\":%.17g,\"high\":%.17g", q->value, q->low,
                      q->high);
        str_json(b, "bound", sl_bound_name(q->bound));
        if (q->change[0])
            str_json(b, "change", q->change);
        str_json(b, "unit", q->unit ? q->unit : "");
        span_json(b, a, "about", q->about_start, q->about_end);
        sl_buf_putc(b, '}');
    }
    sl_buf_putc(b, ']');
}

int sl_facts_write_json(const sl_facts *f, const sl_article *a, FILE *out) {
    sl_buf b;
    sl_buf_init(&b);
    sl_buf_putc(&b, '{');
    entities_json(&b, f, a);
    quotes_json(&b, f, a);
    timexes_json(&b, f, a);
    quantities_json(&b, f, a);
    if (f->inferred_date[0]) {
        str_json(&b, "inferred_date", f->inferred_date);
        int by_text = f->inferred_from >= 0 && (size_t)f->inferred_from < f->n_timexes;
        str_json(&b, "inferred_by", by_text ? "text" : "event");
        if (by_text) {
            const sl_timex *t = &f->timexes[f->inferred_from];
            span_json(&b, a, "inferred_from", t->start, t->end);
        }
    }
    sl_buf_putc(&b, '}');
    int rc = b.oom ? -1 : (fwrite(b.data, 1, b.len, out) == b.len ? 0 : -1);
    sl_buf_free(&b);
    return rc;
}

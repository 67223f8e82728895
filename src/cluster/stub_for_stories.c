/* stub_for_stories.c — TEMPORARY stand-in for the clusterer, so that the
 * store and CLI side of stories builds and runs before src/cluster lands.
 * Delete when main has the real clusterer.
 *
 * Rules: the same text after the first paragraph as an earlier article is a
 * copy of it (exact when the whole text is the same, near otherwise); the
 * same non-empty title joins that title's event; anything else opens a new
 * event and a new storyline.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/draft.h"
#include "../util/hash.h"

typedef struct stub_entry {
    uint64_t key, text_hash, whole_hash, title_hash, event, storyline;
} stub_entry;

struct sl_clusterer {
    sl_cluster_options o;
    stub_entry *e;
    size_t n, cap;
    uint64_t next_event, next_storyline;
};

const char *sl_dup_kind_name(sl_dup_kind k) {
    static const char *const names[] = {"none", "exact", "near", "contained", "contains"};
    return (unsigned)k < 5 ? names[k] : "none";
}

void sl_cluster_options_default(sl_cluster_options *o) {
    memset(o, 0, sizeof *o);
    o->event_threshold = 0.3;
    o->storyline_threshold = 0.2;
    o->event_window_days = 3;
    o->storyline_window_days = 30;
    o->max_open_events = 1000;
    o->max_open_storylines = 1000;
    o->max_recent_articles = 5000;
}

sl_status sl_clusterer_new(const sl_cluster_options *o, sl_clusterer **out, sl_error *err) {
    sl_clusterer *c = calloc(1, sizeof *c);
    if (!c)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory");
    if (o)
        c->o = *o;
    else
        sl_cluster_options_default(&c->o);
    c->next_event = c->next_storyline = 1;
    *out = c;
    return SL_OK;
}

void sl_clusterer_free(sl_clusterer *c) {
    if (c)
        free(c->e);
    free(c);
}

sl_status sl_clusterer_add(sl_clusterer *c, uint64_t key, const sl_cluster_input *in,
                           sl_cluster_result *out, sl_error *err) {
    memset(out, 0, sizeof *out);
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        stub_entry *n = realloc(c->e, cap * sizeof *n);
        if (!n)
            return sl_fail(err, SL_ERR_NOMEM, "out of memory");
        c->e = n;
        c->cap = cap;
    }
    const char *body = in->text;
    const char *cut = in->text_len ? strstr(in->text, "\n\n") : NULL;
    if (cut && (size_t)(cut - in->text) < in->text_len)
        body = cut + 2;
    uint64_t th = sl_hash64(body, in->text_len - (size_t)(body - in->text), 1);
    uint64_t whole = sl_hash64(in->text, in->text_len, 3);
    uint64_t tt = in->title_len ? sl_hash64(in->title, in->title_len, 2) : 0;
    stub_entry *same_text = NULL, *same_title = NULL;
    for (size_t i = 0; i < c->n; i++) {
        if (!same_text && c->e[i].text_hash == th)
            same_text = &c->e[i];
        if (!same_title && tt && c->e[i].title_hash == tt)
            same_title = &c->e[i];
    }
    stub_entry e = {key, th, whole, tt, 0, 0};
    if (same_text) {
        e.event = same_text->event;
        e.storyline = same_text->storyline;
        out->similarity = 1;
        out->dup_kind = same_text->whole_hash == whole ? SL_DUP_EXACT : SL_DUP_NEAR;
        out->duplicate_of = same_text->key;
        out->dup_similarity = out->dup_kind == SL_DUP_EXACT ? 1.0f : 0.9f;
    } else if (same_title) {
        e.event = same_title->event;
        e.storyline = same_title->storyline;
        out->similarity = 0.5f;
    } else {
        e.event = c->next_event++;
        e.storyline = c->next_storyline++;
        out->new_event = out->new_storyline = 1;
    }
    out->event = e.event;
    out->storyline = e.storyline;
    c->e[c->n++] = e;
    return SL_OK;
}

void sl_clusterer_link_terms(const sl_clusterer *c, uint64_t event, char *buf, size_t cap) {
    (void)c;
    (void)event;
    if (cap)
        buf[0] = 0;
}

sl_status sl_clusterer_save(const sl_clusterer *c, unsigned char **buf, size_t *n,
                            sl_error *err) {
    size_t len = 2 * sizeof(uint64_t) + c->n * sizeof(stub_entry);
    unsigned char *b = malloc(len ? len : 1);
    if (!b)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory");
    memcpy(b, &c->next_event, sizeof(uint64_t));
    memcpy(b + 8, &c->next_storyline, sizeof(uint64_t));
    if (c->n)
        memcpy(b + 16, c->e, c->n * sizeof(stub_entry));
    *buf = b;
    *n = len;
    return SL_OK;
}

sl_status sl_clusterer_load(const unsigned char *buf, size_t n, sl_clusterer **out,
                            sl_error *err) {
    if (n < 16 || (n - 16) % sizeof(stub_entry))
        return sl_fail(err, SL_ERR_FORMAT, "bad clusterer state");
    sl_status st = sl_clusterer_new(NULL, out, err);
    if (st != SL_OK)
        return st;
    sl_clusterer *c = *out;
    memcpy(&c->next_event, buf, 8);
    memcpy(&c->next_storyline, buf + 8, 8);
    c->n = c->cap = (n - 16) / sizeof(stub_entry);
    if (c->n) {
        c->e = malloc(n - 16);
        if (!c->e) {
            sl_clusterer_free(c);
            *out = NULL;
            return sl_fail(err, SL_ERR_NOMEM, "out of memory");
        }
        memcpy(c->e, buf + 16, n - 16);
    }
    return SL_OK;
}

size_t sl_clusterer_memory(const sl_clusterer *c) {
    return sizeof *c + c->cap * sizeof(stub_entry);
}

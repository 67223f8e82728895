/* state.c — the clusterer's state as bytes, so that the next ingest run
 * continues the same stream: same open events, same document frequencies,
 * same next ids. The copy-detection index is not kept (see ARCHITECTURE).
 *
 * Layout, all little-endian as the machine writes it, then zlib-compressed:
 * "SLCLUST3", options, counters, DF table, events, storylines, recent ring,
 * the expansion ring (recent vectors, oldest first). A "SLCLUST1" state,
 * written before expansion existed, loads with an empty expansion ring; a
 * "SLCLUST2" one, before events kept their weekdays, with none known.
 * Loading checks every length against what is left, so a damaged blob is an
 * error, never a crash. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../core/draft.h"
#include "../util/buf.h"
#include "cluster.h"

static const char MAGIC[8] = {'S', 'L', 'C', 'L', 'U', 'S', 'T', '3'};
static const char MAGIC_V2[8] = {'S', 'L', 'C', 'L', 'U', 'S', 'T', '2'};
static const char MAGIC_V1[8] = {'S', 'L', 'C', 'L', 'U', 'S', 'T', '1'};

static int put(sl_buf *b, const void *p, size_t n) {
    return sl_buf_append(b, p, n);
}

static int put_centroid(sl_buf *b, const sl_centroid *c) {
    return put(b, &c->sum.n, sizeof c->sum.n) ||
           put(b, c->sum.term, c->sum.n * sizeof *c->sum.term) ||
           put(b, c->sum.w, c->sum.n * sizeof *c->sum.w);
}

static int put_expander(const sl_expander *x, sl_buf *b) {
    uint32_t n = sl_expander_count(x);
    sl_tvec v = {0};
    int rc = put(b, &n, sizeof n);
    for (uint32_t i = 0; i < n && !rc; i++)
        rc = sl_expander_get(x, i, &v) < 0 || put(b, &v.n, sizeof v.n) ||
             put(b, v.term, v.n * sizeof *v.term) || put(b, v.w, v.n * sizeof *v.w);
    sl_tvec_free(&v);
    return rc;
}

static int serialize(const sl_clusterer *c, sl_buf *b) {
    uint64_t n_ev = c->n_events, n_st = c->n_stories;
    uint64_t n_recent = c->seq < c->o.max_recent_articles ? c->seq : c->o.max_recent_articles;
    if (put(b, MAGIC, sizeof MAGIC) || put(b, &c->o, sizeof c->o) ||
        put(b, &c->seq, sizeof c->seq) || put(b, &c->next_event, sizeof c->next_event) ||
        put(b, &c->next_storyline, sizeof c->next_storyline) ||
        put(b, &c->clock, sizeof c->clock) || put(b, &c->df.docs, sizeof c->df.docs) ||
        put(b, c->df.count, ((size_t)1 << SL_DF_BITS) * sizeof *c->df.count) ||
        put(b, &n_ev, sizeof n_ev) || put(b, &n_st, sizeof n_st) ||
        put(b, &n_recent, sizeof n_recent))
        return -1;
    for (size_t i = 0; i < c->n_events; i++) {
        const sl_event *e = &c->events[i];
        if (put(b, &e->id, sizeof e->id) || put(b, &e->storyline, sizeof e->storyline) ||
            put(b, &e->first, sizeof e->first) || put(b, &e->last, sizeof e->last) ||
            put(b, &e->touched, sizeof e->touched) || put(b, &e->n, sizeof e->n) ||
            put(b, &e->wdays, sizeof e->wdays) || put_centroid(b, &e->c))
            return -1;
    }
    for (size_t i = 0; i < c->n_stories; i++) {
        const sl_story *s = &c->stories[i];
        if (put(b, &s->id, sizeof s->id) || put(b, &s->touched, sizeof s->touched) ||
            put(b, &s->n, sizeof s->n) || put_centroid(b, &s->c))
            return -1;
    }
    /* The ring in arrival order, oldest first. */
    for (uint64_t k = c->seq - n_recent; k < c->seq; k++)
        if (put(b, &c->recent[k % c->o.max_recent_articles], sizeof *c->recent))
            return -1;
    return put_expander(c->expander, b) || b->oom ? -1 : 0;
}

sl_status sl_clusterer_save(const sl_clusterer *c, unsigned char **out, size_t *n,
                            sl_error *err) {
    *out = NULL;
    *n = 0;
    sl_buf b;
    sl_buf_init(&b);
    if (serialize(c, &b) < 0) {
        sl_buf_free(&b);
        return sl_fail(err, SL_ERR_NOMEM, "out of memory saving the clusterer");
    }
    uLongf cap = compressBound((uLong)b.len);
    unsigned char *z = malloc(cap + 8);
    if (!z) {
        sl_buf_free(&b);
        return sl_fail(err, SL_ERR_NOMEM, "out of memory saving the clusterer");
    }
    uint64_t raw = b.len;
    memcpy(z, &raw, 8);
    int rc = compress2(z + 8, &cap, (const Bytef *)b.data, (uLong)b.len, 1);
    sl_buf_free(&b);
    if (rc != Z_OK) {
        free(z);
        return sl_fail(err, SL_ERR_NOMEM, "could not compress the clusterer state");
    }
    *out = z;
    *n = cap + 8;
    return SL_OK;
}

/* ---------------------------------------------------------------- loading */

typedef struct rd {
    const unsigned char *p;
    size_t n, at;
} rd;

static int get(rd *r, void *dst, size_t n) {
    if (n > r->n - r->at)
        return -1;
    memcpy(dst, r->p + r->at, n);
    r->at += n;
    return 0;
}

static int get_centroid(rd *r, sl_centroid *c) {
    uint32_t n;
    if (get(r, &n, sizeof n) || n > (r->n - r->at) / (sizeof(uint64_t) + sizeof(float)) ||
        sl_tvec_reserve(&c->sum, n ? n : 1) < 0 || get(r, c->sum.term, n * sizeof(uint64_t)) ||
        get(r, c->sum.w, n * sizeof(float)))
        return -1;
    c->sum.n = n;
    c->norm = sl_tvec_norm(&c->sum);
    return 0;
}

static int get_expander(rd *r, sl_expander *x) {
    uint32_t n;
    sl_tvec v = {0};
    int rc = get(r, &n, sizeof n);
    for (uint32_t i = 0; i < n && !rc; i++) {
        rc = get(r, &v.n, sizeof v.n) || v.n > SL_EXPAND_TERMS ||
             sl_tvec_reserve(&v, SL_EXPAND_TERMS) < 0 ||
             get(r, v.term, v.n * sizeof *v.term) || get(r, v.w, v.n * sizeof *v.w);
        if (!rc)
            rc = sl_expander_add(x, &v) < 0;
    }
    sl_tvec_free(&v);
    return rc ? -1 : 0;
}

static int deserialize(sl_clusterer **out, rd *r, sl_error *err) {
    char magic[8];
    sl_cluster_options o;
    if (get(r, magic, sizeof magic) ||
        (memcmp(magic, MAGIC, sizeof MAGIC) && memcmp(magic, MAGIC_V2, sizeof MAGIC) &&
         memcmp(magic, MAGIC_V1, sizeof MAGIC)) ||
        get(r, &o, sizeof o))
        return -1;
    int v1 = memcmp(magic, MAGIC_V1, sizeof MAGIC) == 0;
    int v3 = memcmp(magic, MAGIC, sizeof MAGIC) == 0;
    if (sl_clusterer_new(&o, out, err) != SL_OK)
        return -2;
    sl_clusterer *c = *out;
    uint64_t n_ev, n_st, n_recent;
    if (get(r, &c->seq, sizeof c->seq) || get(r, &c->next_event, sizeof c->next_event) ||
        get(r, &c->next_storyline, sizeof c->next_storyline) ||
        get(r, &c->clock, sizeof c->clock) || get(r, &c->df.docs, sizeof c->df.docs) ||
        get(r, c->df.count, ((size_t)1 << SL_DF_BITS) * sizeof *c->df.count) ||
        get(r, &n_ev, sizeof n_ev) || get(r, &n_st, sizeof n_st) ||
        get(r, &n_recent, sizeof n_recent) || n_ev > o.max_open_events ||
        n_st > o.max_open_storylines || n_recent > o.max_recent_articles || n_recent > c->seq)
        return -1;
    for (uint64_t i = 0; i < n_ev; i++) {
        sl_event *e = sl_cluster_event_slot(c);
        if (!e || get(r, &e->id, sizeof e->id) || get(r, &e->storyline, sizeof e->storyline) ||
            get(r, &e->first, sizeof e->first) || get(r, &e->last, sizeof e->last) ||
            get(r, &e->touched, sizeof e->touched) || get(r, &e->n, sizeof e->n) ||
            (v3 && get(r, &e->wdays, sizeof e->wdays)) || get_centroid(r, &e->c) ||
            sl_centroid_post(c->eidx, e->h, &e->c) < 0)
            return -1;
    }
    for (uint64_t i = 0; i < n_st; i++) {
        sl_story *s = sl_cluster_story_slot(c);
        if (!s || get(r, &s->id, sizeof s->id) || get(r, &s->touched, sizeof s->touched) ||
            get(r, &s->n, sizeof s->n) || get_centroid(r, &s->c) ||
            sl_centroid_post(c->sidx, s->h, &s->c) < 0)
            return -1;
    }
    for (uint64_t k = c->seq - n_recent; k < c->seq; k++)
        if (get(r, &c->recent[k % o.max_recent_articles], sizeof *c->recent))
            return -1;
    if (!v1 && get_expander(r, c->expander) < 0)
        return -1;
    if (sl_dedup_expire(c->dedup, c->clock, 0) != SL_OK) /* stamps what comes next */
        return -2;
    return r->at == r->n ? 0 : -1;
}

sl_status sl_clusterer_load(const unsigned char *buf, size_t n, sl_clusterer **out,
                            sl_error *err) {
    *out = NULL;
    uint64_t raw;
    if (n < 8)
        return sl_fail(err, SL_ERR_FORMAT, "clusterer state is truncated");
    memcpy(&raw, buf, 8);
    if (raw > (uint64_t)1 << 34)
        return sl_fail(err, SL_ERR_FORMAT, "clusterer state is damaged");
    unsigned char *p = malloc(raw ? raw : 1);
    if (!p)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory loading the clusterer");
    uLongf len = (uLongf)raw;
    if (uncompress(p, &len, buf + 8, (uLong)(n - 8)) != Z_OK || len != raw) {
        free(p);
        return sl_fail(err, SL_ERR_FORMAT, "clusterer state is damaged");
    }
    rd r = {p, len, 0};
    int rc = deserialize(out, &r, err);
    free(p);
    if (rc == 0)
        return SL_OK;
    sl_clusterer_free(*out);
    *out = NULL;
    return rc == -2 ? SL_ERR_NOMEM : sl_fail(err, SL_ERR_FORMAT, "clusterer state is damaged");
}

/* cluster.c — copies, events and storylines in one pass over a stream. */
#include "cluster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/draft.h"
#include "../util/buf.h"

enum {
    DOC_TERMS = 64,       /* terms kept per article */
    CENTROID_TERMS = 256, /* terms kept per centroid after pruning */
    WORDS_KEEP = 1 << 16, /* word buffer kept between texts, in words */
};

/* Same-event articles are days apart, not months: the cosine to an event is
 * damped by a Gaussian of the days since its last article. */
static const float EVENT_SIGMA_DAYS = 3.0f;

/* Copies are looked for among the texts of the last month (and the last
 * max_recent_articles): syndication follows the original within days, and
 * the copy index then holds a month of news, not the whole stream. */
enum { COPY_WINDOW_DAYS = 30 };

const char *sl_dup_kind_name(sl_dup_kind k) {
    static const char *const names[] = {"none", "exact", "near", "contained", "contains"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "none";
}

static void centroid_free(sl_centroid *c);

void sl_cluster_options_default(sl_cluster_options *o) {
    o->event_threshold = 0.15;
    o->storyline_threshold = 0.15;
    o->event_window_days = 14;
    o->storyline_window_days = 730;
    o->max_open_events = 4096;
    o->max_open_storylines = 16384;
    o->max_recent_articles = 100000;
}

static int options_ok(const sl_cluster_options *o) {
    return o->event_threshold > 0 && o->event_threshold <= 1 && o->storyline_threshold > 0 &&
           o->storyline_threshold <= 1 && o->event_window_days >= 0 &&
           o->storyline_window_days >= 0 && o->max_open_events > 0 &&
           o->max_open_storylines > 0 && o->max_recent_articles > 0;
}

sl_status sl_clusterer_new(const sl_cluster_options *o, sl_clusterer **out, sl_error *err) {
    *out = NULL;
    sl_cluster_options def;
    if (!o) {
        sl_cluster_options_default(&def);
        o = &def;
    }
    if (!options_ok(o))
        return sl_fail(err, SL_ERR_ARG, "cluster options out of range");
    sl_clusterer *c = calloc(1, sizeof *c);
    if (!c)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory for the clusterer");
    c->o = *o;
    c->clock = SL_NO_DAY;
    c->next_event = c->next_storyline = 1;
    sl_dedup_options dopt;
    sl_dedup_options_default(&dopt);
    dopt.max_docs = o->max_recent_articles;
    c->termer = sl_termer_new();
    c->dedup = sl_dedup_new(&dopt);
    c->expander = sl_expander_new();
    c->recent = calloc(o->max_recent_articles, sizeof *c->recent);
    c->eidx = sl_tindex_new();
    c->sidx = sl_tindex_new();
    if (sl_df_init(&c->df) < 0 || !c->termer || !c->dedup || !c->expander ||
        !c->recent || !c->eidx || !c->sidx) {
        sl_clusterer_free(c);
        return sl_fail(err, SL_ERR_NOMEM, "out of memory for the clusterer");
    }
    *out = c;
    return SL_OK;
}

void sl_clusterer_free(sl_clusterer *c) {
    if (!c)
        return;
    for (size_t i = 0; i < c->n_events; i++)
        centroid_free(&c->events[i].c);
    for (size_t i = 0; i < c->n_stories; i++)
        centroid_free(&c->stories[i].c);
    free(c->events);
    free(c->stories);
    free(c->recent);
    sl_tvec_free(&c->doc);
    sl_tvec_free(&c->scratch);
    sl_tvec_free(&c->scratch2);
    free(c->words);
    sl_tindex_free(c->eidx);
    sl_tindex_free(c->sidx);
    sl_df_free(&c->df);
    sl_termer_free(c->termer);
    sl_dedup_free(c->dedup);
    sl_expander_free(c->expander);
    free(c);
}

/* ---------------------------------------------------------------- centroids */

static void centroid_free(sl_centroid *c) {
    sl_tvec_free(&c->sum);
}

int sl_centroid_post(sl_tindex *x, uint32_t h, const sl_centroid *c) {
    sl_tvec none = {0};
    return sl_tindex_sync(x, h, &none, &c->sum);
}

/* Keep the CENTROID_TERMS strongest terms: the k-th largest weight is the
 * cut, found on a copy of the weights. */
static int prune(sl_centroid *c, sl_tvec *scratch) {
    sl_tvec *v = &c->sum;
    if (v->n <= 2 * CENTROID_TERMS)
        return 0;
    if (sl_tvec_reserve(scratch, v->n) < 0)
        return -1;
    memcpy(scratch->w, v->w, v->n * sizeof *v->w);
    float cut = sl_kth_largest(scratch->w, v->n, CENTROID_TERMS);
    uint32_t n = 0;
    for (uint32_t i = 0; i < v->n && n < CENTROID_TERMS; i++)
        if (v->w[i] >= cut) {
            v->term[n] = v->term[i];
            v->w[n++] = v->w[i];
        }
    v->n = n;
    return 0;
}

/* sum += doc, merged through scratch, then pruned (with scratch2); the
 * norm and the postings of handle h in x follow. */
static int centroid_add(sl_centroid *c, const sl_tvec *doc, sl_tvec *scratch, sl_tvec *scratch2,
                        sl_tindex *x, uint32_t h) {
    sl_tvec *s = &c->sum;
    if (sl_tvec_reserve(scratch, s->n + doc->n) < 0)
        return -1;
    float sq; /* the merged weights' squares, summed as sl_tvec_norm sums them */
    uint32_t merged = sl_tindex_merge(x, s, doc, scratch->term, scratch->w, &sq);
    if (merged == UINT32_MAX)
        return -1;
    scratch->n = merged;
    sl_tvec t = *s; /* swap buffers: the merged one becomes the sum */
    *s = *scratch;
    *scratch = t; /* the old sum, for the postings */
    if (prune(c, scratch2) < 0)
        return -1;
    if (s->n != merged) { /* pruned: the merge's noted changes are not all */
        c->norm = sl_tvec_norm(s);
        return sl_tindex_sync(x, h, scratch, s);
    }
    c->norm = sqrtf(sq);
    return sl_tindex_commit(x, h);
}

/* ---------------------------------------------------------------- open sets */

/* What was touched before the first dated article counts as touched then. */
static int idle_past(int32_t clock, int32_t *touched, int32_t window) {
    if (*touched == SL_NO_DAY)
        *touched = clock;
    return (int64_t)clock - *touched > window;
}

static void close_event(sl_clusterer *c, size_t i) {
    sl_tindex_release(c->eidx, c->events[i].h, &c->events[i].c.sum);
    centroid_free(&c->events[i].c);
    c->events[i] = c->events[--c->n_events];
    if (i < c->n_events)
        sl_tindex_set_slot(c->eidx, c->events[i].h, (uint32_t)i);
}

static void close_story(sl_clusterer *c, size_t i) {
    uint64_t id = c->stories[i].id;
    for (size_t e = c->n_events; e-- > 0;)
        if (c->events[e].storyline == id)
            close_event(c, e); /* an event never outlives its storyline */
    sl_tindex_release(c->sidx, c->stories[i].h, &c->stories[i].c.sum);
    centroid_free(&c->stories[i].c);
    c->stories[i] = c->stories[--c->n_stories];
    if (i < c->n_stories)
        sl_tindex_set_slot(c->sidx, c->stories[i].h, (uint32_t)i);
}

/* Close what has been idle past its window, as the clock moves on. */
static void expire(sl_clusterer *c) {
    for (size_t i = c->n_events; i-- > 0;)
        if (idle_past(c->clock, &c->events[i].touched, c->o.event_window_days))
            close_event(c, i);
    for (size_t i = c->n_stories; i-- > 0;)
        if (idle_past(c->clock, &c->stories[i].touched, c->o.storyline_window_days))
            close_story(c, i);
}

/* Index of the least recently touched entry (undated ones count as now). */
#define OLDEST(arr, n, clock, out)                                                       \
    do {                                                                                 \
        (out) = 0;                                                                       \
        for (size_t k_ = 1; k_ < (n); k_++) {                                            \
            int32_t a_ = (arr)[k_].touched == SL_NO_DAY ? (clock) : (arr)[k_].touched;   \
            int32_t b_ = (arr)[out].touched == SL_NO_DAY ? (clock) : (arr)[out].touched; \
            if (a_ < b_)                                                                 \
                (out) = k_;                                                              \
        }                                                                                \
    } while (0)

static sl_story *story_by_id(sl_clusterer *c, uint64_t id) {
    for (size_t i = 0; i < c->n_stories; i++)
        if (c->stories[i].id == id)
            return &c->stories[i];
    return NULL;
}

static sl_story *open_story(sl_clusterer *c) {
    if (c->n_stories >= c->o.max_open_storylines) {
        size_t old;
        OLDEST(c->stories, c->n_stories, c->clock, old);
        close_story(c, old);
    }
    sl_story *s = sl_cluster_story_slot(c);
    if (s)
        s->id = c->next_storyline++;
    return s;
}

sl_story *sl_cluster_story_slot(sl_clusterer *c) {
    sl_story *grown = sl_grow(c->stories, &c->cap_stories, c->n_stories + 1, sizeof *grown, 64);
    if (!grown)
        return NULL;
    c->stories = grown;
    uint32_t h;
    if (sl_tindex_handle(c->sidx, &h) < 0)
        return NULL;
    sl_tindex_set_slot(c->sidx, h, (uint32_t)c->n_stories);
    sl_story *s = &c->stories[c->n_stories++];
    memset(s, 0, sizeof *s);
    s->h = h;
    return s;
}

sl_event *sl_cluster_event_slot(sl_clusterer *c) {
    sl_event *grown = sl_grow(c->events, &c->cap_events, c->n_events + 1, sizeof *grown, 64);
    if (!grown)
        return NULL;
    c->events = grown;
    uint32_t h;
    if (sl_tindex_handle(c->eidx, &h) < 0)
        return NULL;
    sl_tindex_set_slot(c->eidx, h, (uint32_t)c->n_events);
    sl_event *e = &c->events[c->n_events++];
    memset(e, 0, sizeof *e);
    e->h = h;
    return e;
}

static sl_event *open_event(sl_clusterer *c, uint64_t storyline) {
    if (c->n_events >= c->o.max_open_events) {
        size_t old;
        OLDEST(c->events, c->n_events, c->clock, old);
        close_event(c, old);
    }
    sl_event *e = sl_cluster_event_slot(c);
    if (!e)
        return NULL;
    e->id = c->next_event++;
    e->storyline = storyline;
    e->first = e->last = SL_NO_DAY;
    return e;
}

/* ---------------------------------------------------------------- adding */

/* The weekday an article's lead names (0 = Monday), when it names exactly
 * one in its title and first LEAD_BYTES of text; else -1. "squared off in a
 * video call Tuesday" dates the happening even when the page has no date. */
enum { LEAD_BYTES = 400 };

static int weekday_in(const char *s, size_t n, int found) {
    static const char *const names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
    /* the names' initials, F M S T W, as bits from F: most capitals are none */
    const uint32_t initials = 1u << 0 | 1u << ('M' - 'F') | 1u << ('S' - 'F') |
                              1u << ('T' - 'F') | 1u << ('W' - 'F');
    for (size_t i = 0; s && i + 6 <= n; i++) {
        uint32_t c = (uint32_t)(unsigned char)s[i] - 'F';
        if (c > 'W' - 'F' || !(initials >> c & 1) ||
            (i > 0 && ((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z')))
            continue;
        for (int k = 0; k < 7; k++) {
            if (names[k][0] != s[i] || names[k][1] != s[i + 1])
                continue;
            size_t m = strlen(names[k]);
            if (i + m <= n && !memcmp(s + i, names[k], m) &&
                (i + m == n || !((s[i + m] | 32) >= 'a' && (s[i + m] | 32) <= 'z'))) {
                if (found >= 0 && found != k)
                    return -2; /* two weekdays: no single one */
                found = k;
            }
        }
    }
    return found;
}

static int lead_weekday(const sl_cluster_input *in) {
    int w = weekday_in(in->title, in->title_len, -1);
    if (w != -2)
        w = weekday_in(in->text, in->text_len < LEAD_BYTES ? in->text_len : LEAD_BYTES, w);
    return w < 0 ? -1 : w;
}

/* An undated article whose lead names a weekday is not an event whose dated
 * members all name one other weekday in their leads: it reports another
 * happening of the story (the call of the week before, not this one). Events
 * spread over several weekdays say nothing, and neither do dated articles,
 * which the time factor places. */
static int weekday_rules_out(const sl_event *e, int32_t day, int wd) {
    return day == SL_NO_DAY && wd >= 0 && e->wdays && !(e->wdays & (e->wdays - 1)) &&
           !(e->wdays & (1u << wd));
}

static float time_factor(int32_t day, int32_t last) {
    if (day == SL_NO_DAY || last == SL_NO_DAY)
        return 1.0f; /* an undated article is placed by its content alone */
    float d = (float)(day - last);
    return expf(-d * d / (2 * EVENT_SIGMA_DAYS * EVENT_SIGMA_DAYS));
}

/* The cosine from a dot product, as cosine() gives it. */
static float by_norm(float dot, const sl_centroid *c) {
    if (!(c->norm > 0))
        return 0;
    return dot / c->norm;
}

/* Only events sharing a term with the article can score above 0; among
 * equal scores the first in the open set wins, as in a scan of the set. */
static sl_event *best_event(sl_clusterer *c, int32_t day, int wd, float *score) {
    const uint32_t *hs;
    const float *dots;
    uint32_t n = sl_tindex_dots(c->eidx, &c->doc, &hs, &dots);
    size_t best = SIZE_MAX;
    *score = 0;
    for (uint32_t k = 0; k < n; k++) {
        size_t i = sl_tindex_slot(c->eidx, hs[k]);
        sl_event *e = &c->events[i];
        if (weekday_rules_out(e, day, wd))
            continue;
        float s = by_norm(dots[k], &e->c) * time_factor(day, e->last);
        if (s > *score || (s == *score && s > 0 && i < best)) {
            *score = s;
            best = i;
        }
    }
    return best == SIZE_MAX ? NULL : &c->events[best];
}

/* The open storyline closest to the article; *of gets its cosine to the
 * storyline of_id (0 if they share no term). */
static sl_story *best_story(sl_clusterer *c, float *score, uint64_t of_id, float *of) {
    const uint32_t *hs;
    const float *dots;
    uint32_t n = sl_tindex_dots(c->sidx, &c->doc, &hs, &dots);
    size_t best = SIZE_MAX;
    *score = 0;
    *of = 0;
    for (uint32_t k = 0; k < n; k++) {
        size_t i = sl_tindex_slot(c->sidx, hs[k]);
        float s = by_norm(dots[k], &c->stories[i].c);
        if (c->stories[i].id == of_id)
            *of = s;
        if (s > *score || (s == *score && s > 0 && i < best)) {
            *score = s;
            best = i;
        }
    }
    return best == SIZE_MAX ? NULL : &c->stories[best];
}

static void event_touch(sl_event *e, int32_t day, int wd, int32_t clock) {
    if (day != SL_NO_DAY) {
        if (wd >= 0) /* a weekday its lead names; the day it was published may be later */
            e->wdays |= (uint8_t)(1u << wd);
        if (e->first == SL_NO_DAY || day < e->first)
            e->first = day;
        if (e->last == SL_NO_DAY || day > e->last)
            e->last = day;
    }
    e->touched = clock;
    e->n++;
}

/* A copy of a recent article goes where its original went. */
static int place_copy(sl_clusterer *c, const sl_dup_match *m, sl_cluster_result *r) {
    if (m->kind == SL_DUP_NONE || m->of >= c->seq || c->seq - m->of > c->o.max_recent_articles)
        return 0;
    const sl_recent *o = &c->recent[m->of % c->o.max_recent_articles];
    r->dup_kind = m->kind;
    r->duplicate_of = o->key;
    r->dup_similarity = m->similarity;
    r->event = o->event;
    r->storyline = o->storyline;
    r->similarity = 1;
    for (size_t i = 0; i < c->n_events; i++)
        if (c->events[i].id == o->event) {
            c->events[i].touched = c->clock;
            c->events[i].n++;
        }
    return 1;
}

static sl_status place_new(sl_clusterer *c, int32_t day, int wd, sl_cluster_result *r,
                           sl_error *err) {
    float es, ss;
    sl_event *e = best_event(c, day, wd, &es);
    float own;
    sl_story *s = best_story(c, &ss, e ? e->storyline : 0, &own);
    /* An event is one happening of one storyline: an article whose words
     * match another storyline better than the event's own shares words
     * with the event, not the happening (the crash report of one airline
     * beside the live event of another airline's crash). */
    if (e && s && s->id != e->storyline && ss > own && ss >= c->o.storyline_threshold)
        e = NULL;
    if (e && es >= c->o.event_threshold) {
        r->similarity = es;
        s = story_by_id(c, e->storyline);
    } else {
        if (!s || ss < c->o.storyline_threshold) {
            if (!(s = open_story(c)))
                return sl_fail(err, SL_ERR_NOMEM, "out of memory for a storyline");
            r->new_storyline = 1;
        }
        /* Opening an event may close another event, never a storyline: s stays valid. */
        if (!(e = open_event(c, s->id)))
            return sl_fail(err, SL_ERR_NOMEM, "out of memory for an event");
        r->new_event = 1;
    }
    event_touch(e, day, wd, c->clock);
    if (centroid_add(&e->c, &c->doc, &c->scratch, &c->scratch2, c->eidx, e->h) < 0 ||
        (s && centroid_add(&s->c, &c->doc, &c->scratch, &c->scratch2, c->sidx, s->h) < 0))
        return sl_fail(err, SL_ERR_NOMEM, "out of memory for a centroid");
    if (s) {
        s->touched = c->clock;
        s->n++;
    }
    r->event = e->id;
    r->storyline = e->storyline;
    return SL_OK;
}

sl_status sl_clusterer_add(sl_clusterer *c, uint64_t key, const sl_cluster_input *in,
                           sl_cluster_result *r, sl_error *err) {
    memset(r, 0, sizeof *r);
    if (in->day != SL_NO_DAY && (c->clock == SL_NO_DAY || in->day > c->clock)) {
        c->clock = in->day;
        expire(c);
        if (sl_dedup_expire(c->dedup, c->clock, COPY_WINDOW_DAYS) != SL_OK)
            return sl_fail(err, SL_ERR_NOMEM, "out of memory shrinking the copy index");
    }
    sl_dup_match m;
    int odd = 0;
    size_t nw = in->text ? sl_words_read(in->text, in->text_len, &c->words, &c->words_cap, &odd)
                         : 0;
    if (nw == SIZE_MAX)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory reading a text");
    sl_status st = sl_dedup_add_words(c->dedup, c->seq, c->words, nw, &m);
    if (st != SL_OK)
        return sl_fail(err, st, "copy detection failed");
    if (!place_copy(c, &m, r)) {
        if (sl_termer_vector_words(c->termer, &c->df, in->lang, in->title, in->title_len,
                                   in->text, in->text_len, c->words, nw, odd, DOC_TERMS,
                                   &c->doc) < 0)
            return sl_fail(err, SL_ERR_NOMEM, "out of memory for a term vector");
        if (sl_expander_expand(c->expander, &c->doc, DOC_TERMS) < 0)
            return sl_fail(err, SL_ERR_NOMEM, "out of memory for a term vector");
        if ((st = place_new(c, in->day, lead_weekday(in), r, err)) != SL_OK)
            return st;
        if (sl_expander_add(c->expander, &c->doc) < 0)
            return sl_fail(err, SL_ERR_NOMEM, "out of memory for the expansion index");
    }
    if (c->words_cap > WORDS_KEEP) { /* one huge text must not pin its buffer */
        free(c->words);
        c->words = NULL;
        c->words_cap = 0;
    }
    sl_recent *slot = &c->recent[c->seq % c->o.max_recent_articles];
    slot->key = key;
    slot->event = r->event;
    slot->storyline = r->storyline;
    c->seq++;
    return SL_OK;
}

/* ---------------------------------------------------------------- evidence */

typedef struct shared_term {
    uint64_t term;
    float w;
} shared_term;

static int by_shared_desc(const void *a, const void *b) {
    const shared_term *x = a, *y = b;
    return (x->w < y->w) - (x->w > y->w);
}

void sl_clusterer_link_terms(const sl_clusterer *c, uint64_t event, char *buf, size_t cap) {
    if (!cap)
        return;
    buf[0] = 0;
    const sl_event *e = NULL;
    for (size_t i = 0; i < c->n_events && !e; i++)
        if (c->events[i].id == event)
            e = &c->events[i];
    const sl_story *s = NULL;
    for (size_t i = 0; e && i < c->n_stories && !s; i++)
        if (c->stories[i].id == e->storyline)
            s = &c->stories[i];
    if (!e || !s)
        return;
    shared_term top[CENTROID_TERMS];
    size_t n = 0;
    const sl_tvec *a = &e->c.sum, *b = &s->c.sum;
    for (uint32_t i = 0, j = 0; i < a->n && j < b->n && n < CENTROID_TERMS;) {
        if (a->term[i] < b->term[j])
            i++;
        else if (a->term[i] > b->term[j])
            j++;
        else {
            top[n].term = a->term[i];
            top[n++].w = a->w[i++] * b->w[j++];
        }
    }
    qsort(top, n, sizeof *top, by_shared_desc);
    size_t used = 0;
    for (size_t i = 0, shown = 0; i < n && shown < 8; i++) {
        const char *word = sl_termer_word(c->termer, top[i].term);
        size_t len = word ? strlen(word) : 0;
        if (!len || used + len + 2 > cap)
            continue;
        if (used)
            buf[used++] = ' ';
        memcpy(buf + used, word, len);
        used += len;
        buf[used] = 0;
        shown++;
    }
}

size_t sl_clusterer_memory(const sl_clusterer *c) {
    size_t m = sizeof *c + ((size_t)1 << SL_DF_BITS) * sizeof *c->df.count +
               c->o.max_recent_articles * sizeof *c->recent + sl_dedup_memory(c->dedup) +
               sl_expander_memory(c->expander) +
               c->cap_events * sizeof *c->events + c->cap_stories * sizeof *c->stories +
               sl_tindex_memory(c->eidx) + sl_tindex_memory(c->sidx);
    for (size_t i = 0; i < c->n_events; i++)
        m += c->events[i].c.sum.cap * (sizeof(uint64_t) + sizeof(float));
    for (size_t i = 0; i < c->n_stories; i++)
        m += c->stories[i].c.sum.cap * (sizeof(uint64_t) + sizeof(float));
    return m;
}

/* ---------------------------------------------------------------- days */

static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int32_t sl_day_from_iso(const char *iso) {
    if (!iso || strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-')
        return SL_NO_DAY;
    int y = digits(iso, 4), m = digits(iso + 5, 2), d = digits(iso + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31)
        return SL_NO_DAY;
    /* Days from the civil date: years counted from March so that the leap
     * day falls at the end of the year. */
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

/* story_json.c — the by-reference story JSON (see story_json.h).
 *
 * Nothing in the synthesis is trusted to be in range: evidence naming a
 * member past the list, or a span past its text, is left out (a span's end
 * is clamped to the text), so the answer is always well-formed. */
#include "story_json.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <time.h>

typedef struct sj {
    const sl_synthesis *s;
    sl_buf *b;
} sj;

static void str(sj *j, const char *v)
{
    if (v)
        sl_buf_json_str(j->b, v, strlen(v));
    else
        sl_buf_puts(j->b, "null");
}

/* A non-empty string or null. */
static void opt_str(sj *j, const char *v)
{
    str(j, v && *v ? v : NULL);
}

static void day(sj *j, int32_t d)
{
    struct tm tm;
    time_t t = (time_t)d * 86400;
    char iso[16];
    if (d == SL_NO_DAY || !gmtime_r(&t, &tm) ||
        !strftime(iso, sizeof iso, "%Y-%m-%d", &tm)) {
        sl_buf_puts(j->b, "null");
        return;
    }
    sl_buf_printf(j->b, "\"%s\"", iso);
}

static void number(sj *j, double v)
{
    if (isfinite(v))
        sl_buf_printf(j->b, "%.10g", v);
    else
        sl_buf_puts(j->b, "null");
}

/* The checked span of e in its member's text: 0 when it points nowhere. */
static int span(const sj *j, const sl_evidence *e, uint32_t *a, uint32_t *z)
{
    if (e->member >= j->s->n_members)
        return 0;
    const sl_article *art = j->s->members[e->member].article;
    if (!art || !art->text || e->start > art->text_len || e->end < e->start)
        return 0;
    *a = e->start;
    *z = e->end > art->text_len ? (uint32_t)art->text_len : e->end;
    return 1;
}

/* [[article, start, end], ...] */
static void evidence(sj *j, const sl_evidence *ev, size_t n)
{
    sl_buf_putc(j->b, '[');
    int first = 1;
    for (size_t i = 0; ev && i < n; i++) {
        uint32_t a, z;
        if (!span(j, &ev[i], &a, &z))
            continue;
        sl_buf_printf(j->b, "%s[%" PRId64 ",%u,%u]", first ? "" : ",",
                      j->s->members[ev[i].member].id, a, z);
        first = 0;
    }
    sl_buf_putc(j->b, ']');
}

static void articles(sj *j)
{
    const sl_synthesis *s = j->s;
    sl_buf_puts(j->b, ",\"articles\":[");
    for (size_t i = 0; i < s->n_members; i++) {
        const sl_synth_member *m = &s->members[i];
        const sl_article *a = m->article;
        sl_buf_printf(j->b, "%s{\"id\":%" PRId64 ",\"title\":", i ? "," : "", m->id);
        str(j, a && a->title ? a->title : "");
        sl_buf_puts(j->b, ",\"outlet\":");
        opt_str(j, a ? a->outlet : NULL);
        sl_buf_puts(j->b, ",\"published\":");
        opt_str(j, a ? a->published : NULL);
        sl_buf_puts(j->b, ",\"day\":");
        day(j, m->day);
        if (m->event > 0)
            sl_buf_printf(j->b, ",\"event\":\"E%" PRId64 "\"", m->event);
        else
            sl_buf_puts(j->b, ",\"event\":null");
        sl_buf_puts(j->b, ",\"copy_of\":");
        if (m->copy_of >= 0 && (size_t)m->copy_of < s->n_members && (size_t)m->copy_of != i)
            sl_buf_printf(j->b, "%" PRId64, s->members[m->copy_of].id);
        else
            sl_buf_puts(j->b, "null");
        sl_buf_puts(j->b, ",\"url\":");
        opt_str(j, a ? a->url : NULL);
        sl_buf_putc(j->b, '}');
    }
    sl_buf_putc(j->b, ']');
}

/* Each sentence with the words shown: the compressed text when the
 * summarizer cut pieces out of the span, else the span's own text. */
static void summary(sj *j)
{
    const sl_summary *sm = j->s->summary;
    sl_buf_puts(j->b, ",\"summary\":[");
    int first = 1;
    for (size_t i = 0; sm && i < sm->n_sentences; i++) {
        const sl_summary_sentence *ss = &sm->sentences[i];
        uint32_t a, z;
        if (!ss->n_sources || !span(j, &ss->sources[0], &a, &z))
            continue;
        sl_buf_puts(j->b, first ? "{\"text\":" : ",{\"text\":");
        if (ss->text) {
            str(j, ss->text);
        } else {
            const sl_article *art = j->s->members[ss->sources[0].member].article;
            sl_buf_json_str(j->b, art->text + a, z - a);
        }
        sl_buf_printf(j->b, ",\"compressed\":%s,\"sources\":", ss->text ? "true" : "false");
        evidence(j, ss->sources, ss->n_sources);
        sl_buf_putc(j->b, '}');
        first = 0;
    }
    sl_buf_putc(j->b, ']');
}

static void entities(sj *j)
{
    sl_buf_puts(j->b, ",\"entities\":[");
    for (size_t i = 0; i < j->s->n_entities; i++) {
        const sl_story_entity *e = &j->s->entities[i];
        sl_buf_puts(j->b, i ? ",{\"name\":" : "{\"name\":");
        str(j, e->name ? e->name : "");
        sl_buf_puts(j->b, ",\"type\":");
        str(j, sl_entity_type_name(e->type));
        sl_buf_puts(j->b, ",\"role\":");
        opt_str(j, e->role);
        sl_buf_puts(j->b, ",\"variants\":[");
        for (size_t v = 0; e->variants && v < e->n_variants; v++) {
            sl_buf_puts(j->b, v ? "," : "");
            str(j, e->variants[v] ? e->variants[v] : "");
        }
        sl_buf_printf(j->b, "],\"n_articles\":%u,\"mentions\":", e->n_members);
        evidence(j, e->mentions, e->n_mentions);
        sl_buf_putc(j->b, '}');
    }
    sl_buf_putc(j->b, ']');
}

/* In the synthesis's order: by speaker, the most quoted first. */
static void quotes(sj *j)
{
    sl_buf_puts(j->b, ",\"quotes\":[");
    for (size_t i = 0; i < j->s->n_quotes; i++) {
        const sl_story_quote *q = &j->s->quotes[i];
        sl_buf_puts(j->b, i ? ",{\"speaker\":" : "{\"speaker\":");
        if (q->speaker >= 0 && (size_t)q->speaker < j->s->n_entities)
            sl_buf_printf(j->b, "%d", q->speaker);
        else
            sl_buf_puts(j->b, "null");
        sl_buf_puts(j->b, ",\"kind\":");
        str(j, sl_quote_kind_name(q->kind));
        sl_buf_puts(j->b, ",\"sources\":");
        evidence(j, q->sources, q->n_sources);
        sl_buf_putc(j->b, '}');
    }
    sl_buf_putc(j->b, ']');
}

static void slots(sj *j)
{
    sl_buf_puts(j->b, ",\"slots\":[");
    for (size_t i = 0; i < j->s->n_slots; i++) {
        const sl_slot *sl = &j->s->slots[i];
        sl_buf_printf(j->b, "%s{\"kind\":\"%s\",\"about\":", i ? "," : "",
                      sl->kind == SL_SLOT_DATE ? "date" : "quantity");
        str(j, sl->about ? sl->about : "");
        sl_buf_puts(j->b, ",\"values\":[");
        for (size_t v = 0; v < sl->n_values; v++) {
            const sl_slot_value *sv = &sl->values[v];
            sl_buf_puts(j->b, v ? ",{\"text\":" : "{\"text\":");
            str(j, sv->text ? sv->text : "");
            sl_buf_puts(j->b, ",\"value\":");
            sl_buf_json_str(j->b, sv->value, strnlen(sv->value, sizeof sv->value));
            sl_buf_puts(j->b, ",\"low\":");
            number(j, sv->low);
            sl_buf_puts(j->b, ",\"high\":");
            number(j, sv->high);
            sl_buf_puts(j->b, ",\"unit\":");
            str(j, sv->unit ? sv->unit : "");
            sl_buf_puts(j->b, ",\"sources\":");
            evidence(j, sv->sources, sv->n_sources);
            sl_buf_putc(j->b, '}');
        }
        sl_buf_puts(j->b, "]}");
    }
    sl_buf_putc(j->b, ']');
}

static void side(sj *j, const char *k, const sl_conflict_side *sd)
{
    sl_buf_printf(j->b, ",\"%s\":{\"text\":", k);
    str(j, sd->text ? sd->text : "");
    sl_buf_puts(j->b, ",\"sources\":");
    evidence(j, sd->sources, sd->n_sources);
    sl_buf_putc(j->b, '}');
}

static void index_or_null(sj *j, const char *k, int32_t v, size_t n)
{
    if (v >= 0 && (size_t)v < n)
        sl_buf_printf(j->b, ",\"%s\":%d", k, v);
    else
        sl_buf_printf(j->b, ",\"%s\":null", k);
}

static void conflicts(sj *j)
{
    sl_buf_puts(j->b, ",\"conflicts\":[");
    for (size_t i = 0; i < j->s->n_conflicts; i++) {
        const sl_conflict *c = &j->s->conflicts[i];
        sl_buf_puts(j->b, i ? ",{\"kind\":" : "{\"kind\":");
        str(j, sl_conflict_kind_name(c->kind));
        sl_buf_puts(j->b, ",\"why\":");
        str(j, c->why ? c->why : "");
        index_or_null(j, "slot", c->slot, j->s->n_slots);
        index_or_null(j, "entity", c->entity, j->s->n_entities);
        side(j, "a", &c->a);
        side(j, "b", &c->b);
        sl_buf_putc(j->b, '}');
    }
    sl_buf_putc(j->b, ']');
}

static void timeline(sj *j)
{
    sl_buf_puts(j->b, ",\"timeline\":[");
    for (size_t i = 0; i < j->s->n_timeline; i++) {
        const sl_timeline_item *t = &j->s->timeline[i];
        sl_buf_puts(j->b, i ? ",{\"value\":" : "{\"value\":");
        sl_buf_json_str(j->b, t->value, strnlen(t->value, sizeof t->value));
        sl_buf_puts(j->b, ",\"day\":");
        day(j, t->day);
        sl_buf_puts(j->b, ",\"what\":");
        str(j, t->what ? t->what : "");
        index_or_null(j, "conflict", t->conflict, j->s->n_conflicts);
        sl_buf_puts(j->b, ",\"sources\":");
        evidence(j, t->sources, t->n_sources);
        sl_buf_putc(j->b, '}');
    }
    sl_buf_putc(j->b, ']');
}

int sl_story_json(const sl_synthesis *s, sl_buf *b)
{
    sj j = {s, b};
    const char *kind = s->kind == SL_STORY_STORYLINE ? "storyline"
                       : s->kind == SL_STORY_EVENT   ? "event"
                                                     : NULL;
    sl_buf_puts(b, "{\"kind\":");
    str(&j, kind);
    if (kind && s->id > 0)
        sl_buf_printf(b, ",\"id\":\"%c%" PRId64 "\"", kind[0] == 's' ? 'S' : 'E', s->id);
    else
        sl_buf_puts(b, ",\"id\":null");
    sl_buf_puts(b, ",\"title\":");
    str(&j, s->title && *s->title ? s->title
            : s->n_members && s->members[0].article && s->members[0].article->title
                ? s->members[0].article->title
                : "");
    articles(&j);
    summary(&j);
    entities(&j);
    quotes(&j);
    slots(&j);
    conflicts(&j);
    timeline(&j);
    sl_buf_puts(b, "}\n");
    return b->oom ? -1 : 0;
}

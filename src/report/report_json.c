/* report_json.c — the whole synthesis as one JSON object on one line:
 * members (with their texts, so every span can be checked), summary,
 * entities, quotes by speaker, slots, conflicts, timeline. Every evidence
 * carries the text it spans. Output depends only on the synthesis, so two
 * runs give the same bytes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../core/draft.h"
#include "../synth/synth.h"

static void key(FILE *f, int first, const char *k)
{
    fprintf(f, "%s\"%s\":", first ? "" : ",", k);
}

static void day_value(FILE *f, int32_t day)
{
    char d[16];
    rp_day_iso(day, d);
    if (*d)
        fprintf(f, "\"%s\"", d);
    else
        fputs("null", f);
}

/* Non-finite numbers are not JSON: an unbounded hedge is null. */
static void number(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.10g", v);
    else
        fputs("null", f);
}

/* [{"member","start","end","text"}...]; evidence pointing nowhere is left
 * out rather than written with a made-up text. */
static void evidence(const rp *r, const sl_evidence *ev, size_t n)
{
    FILE *f = r->out;
    putc('[', f);
    int first = 1;
    for (size_t i = 0; ev && i < n; i++) {
        uint32_t a, b;
        if (!rp_span(r, &ev[i], &a, &b))
            continue;
        fprintf(f, "%s{\"member\":%u,\"start\":%u,\"end\":%u,\"text\":", first ? "" : ",",
                ev[i].member, a, b);
        rp_json_str(f, r->s->members[ev[i].member].article->text + a, b - a);
        putc('}', f);
        first = 0;
    }
    putc(']', f);
}

static void members(const rp *r)
{
    FILE *f = r->out;
    fputs(",\"members\":[", f);
    for (size_t i = 0; i < r->n; i++) {
        const sl_synth_member *m = &r->s->members[i];
        const sl_article *a = m->article;
        fprintf(f, "%s{\"index\":%zu,\"source\":%u,\"id\":%lld,\"event\":", i ? "," : "", i,
                r->num[i], (long long)m->id);
        if (m->event > 0)
            fprintf(f, "\"E%lld\"", (long long)m->event);
        else
            fputs("null", f);
        key(f, 0, "title");
        rp_json_cstr(f, a ? a->title : NULL);
        key(f, 0, "outlet");
        rp_json_cstr(f, a && a->outlet && *a->outlet ? a->outlet : NULL);
        key(f, 0, "url");
        rp_json_cstr(f, a && a->url && *a->url ? a->url : NULL);
        key(f, 0, "published");
        rp_json_cstr(f, a && *a->published ? a->published : NULL);
        key(f, 0, "day");
        day_value(f, sl_synth_day(r->s, i));
        /* keys only when they say something, so older readers see the
         * same members */
        if (sl_synth_day_how(r->s, i) == SL_DAY_INFERRED)
            fputs(",\"day_inferred\":true", f);
        if (sl_synth_day_before(r->s, i) != SL_NO_DAY) {
            key(f, 0, "before");
            day_value(f, sl_synth_day_before(r->s, i));
        }
        key(f, 0, "copy_of");
        if (r->canon[i] != i)
            fprintf(f, "%u", r->canon[i]);
        else
            fputs("null", f);
        key(f, 0, "text");
        if (a && a->text)
            rp_json_str(f, a->text, a->text_len);
        else
            fputs("\"\"", f);
        putc('}', f);
    }
    putc(']', f);
}

static void summary(const rp *r)
{
    FILE *f = r->out;
    fputs(",\"summary\":[", f);
    const sl_summary *s = r->s->summary;
    int first = 1;
    for (size_t i = 0; s && i < s->n_sentences; i++) {
        const sl_summary_sentence *ss = &s->sentences[i];
        const char *t;
        size_t n;
        if (!rp_summary_words(r, ss, &t, &n))
            continue;
        fputs(first ? "{\"text\":" : ",{\"text\":", f);
        rp_json_str(f, t, n);
        fputs(",\"sources\":", f);
        evidence(r, ss->sources, ss->n_sources);
        putc('}', f);
        first = 0;
    }
    putc(']', f);
}

static void entities(const rp *r)
{
    FILE *f = r->out;
    fputs(",\"entities\":[", f);
    for (size_t i = 0; i < r->s->n_entities; i++) {
        const sl_story_entity *e = &r->s->entities[i];
        fprintf(f, "%s{\"index\":%zu,\"name\":", i ? "," : "", i);
        rp_json_cstr(f, e->name ? e->name : "");
        key(f, 0, "type");
        rp_json_cstr(f, sl_entity_type_name(e->type));
        key(f, 0, "role");
        rp_json_cstr(f, e->role && *e->role ? e->role : NULL);
        fputs(",\"variants\":[", f);
        for (size_t v = 0; e->variants && v < e->n_variants; v++) {
            if (v)
                putc(',', f);
            rp_json_cstr(f, e->variants[v] ? e->variants[v] : "");
        }
        fprintf(f, "],\"n_members\":%u,\"mentions\":", e->n_members);
        evidence(r, e->mentions, e->n_mentions);
        putc('}', f);
    }
    putc(']', f);
}

/* Quotes grouped by speaker, in the order rp_quote_groups gives. */
static sl_status quotes(const rp *r, sl_error *err)
{
    FILE *f = r->out;
    const sl_synthesis *s = r->s;
    rp_groups g;
    if (rp_quote_groups(r, &g, err) != SL_OK)
        return SL_ERR_NOMEM;
    fputs(",\"quotes\":[", f);
    for (size_t i = 0; i < g.n; i++) {
        int32_t sp = s->quotes[g.order[g.start[i]]].speaker;
        fputs(i ? ",{\"speaker\":" : "{\"speaker\":", f);
        if (*rp_entity_name(r, sp)) {
            fprintf(f, "%d,\"name\":", sp);
            rp_json_cstr(f, rp_entity_name(r, sp));
        } else {
            fputs("null,\"name\":null", f);
        }
        fputs(",\"quotes\":[", f);
        for (size_t k = g.start[i]; k < g.start[i + 1]; k++) {
            const sl_story_quote *sq = &s->quotes[g.order[k]];
            uint32_t a = 0, b = 0;
            int ok = sq->n_sources && rp_span(r, &sq->sources[0], &a, &b);
            fprintf(f, "%s{\"kind\":", k == g.start[i] ? "" : ",");
            rp_json_cstr(f, sl_quote_kind_name(sq->kind));
            fputs(",\"text\":", f);
            if (ok)
                rp_json_str(f, s->members[sq->sources[0].member].article->text + a, b - a);
            else
                fputs("null", f);
            fputs(",\"sources\":", f);
            evidence(r, sq->sources, sq->n_sources);
            putc('}', f);
        }
        fputs("]}", f);
    }
    putc(']', f);
    rp_groups_free(&g);
    return SL_OK;
}

static void slots(const rp *r)
{
    FILE *f = r->out;
    fputs(",\"slots\":[", f);
    for (size_t i = 0; i < r->s->n_slots; i++) {
        const sl_slot *sl = &r->s->slots[i];
        fprintf(f, "%s{\"index\":%zu,\"kind\":\"%s\",\"about\":", i ? "," : "", i,
                sl->kind == SL_SLOT_DATE ? "date" : "quantity");
        rp_json_cstr(f, sl->about ? sl->about : "");
        fputs(",\"values\":[", f);
        for (size_t v = 0; v < sl->n_values; v++) {
            const sl_slot_value *sv = &sl->values[v];
            fputs(v ? ",{\"text\":" : "{\"text\":", f);
            rp_json_cstr(f, sv->text ? sv->text : "");
            key(f, 0, "value");
            rp_json_str(f, sv->value, strnlen(sv->value, sizeof sv->value));
            key(f, 0, "low");
            number(f, sv->low);
            key(f, 0, "high");
            number(f, sv->high);
            key(f, 0, "unit");
            rp_json_cstr(f, sv->unit ? sv->unit : "");
            key(f, 0, "first_day");
            day_value(f, sv->first_day);
            key(f, 0, "last_day");
            day_value(f, sv->last_day);
            key(f, 0, "sources");
            evidence(r, sv->sources, sv->n_sources);
            putc('}', f);
        }
        fputs("]}", f);
    }
    putc(']', f);
}

static void side(const rp *r, const char *k, const sl_conflict_side *sd)
{
    FILE *f = r->out;
    fprintf(f, ",\"%s\":{\"text\":", k);
    rp_json_cstr(f, sd->text ? sd->text : "");
    fputs(",\"sources\":", f);
    evidence(r, sd->sources, sd->n_sources);
    putc('}', f);
}

static void conflicts(const rp *r)
{
    FILE *f = r->out;
    fputs(",\"conflicts\":[", f);
    for (size_t i = 0; i < r->s->n_conflicts; i++) {
        const sl_conflict *c = &r->s->conflicts[i];
        fprintf(f, "%s{\"index\":%zu,\"kind\":", i ? "," : "", i);
        rp_json_cstr(f, sl_conflict_kind_name(c->kind));
        key(f, 0, "why");
        rp_json_cstr(f, c->why ? c->why : "");
        key(f, 0, "slot");
        if (c->slot >= 0 && (size_t)c->slot < r->s->n_slots)
            fprintf(f, "%d", c->slot);
        else
            fputs("null", f);
        key(f, 0, "entity");
        if (c->entity >= 0 && (size_t)c->entity < r->s->n_entities)
            fprintf(f, "%d", c->entity);
        else
            fputs("null", f);
        side(r, "a", &c->a);
        side(r, "b", &c->b);
        putc('}', f);
    }
    putc(']', f);
}

static void timeline(const rp *r)
{
    FILE *f = r->out;
    fputs(",\"timeline\":[", f);
    for (size_t i = 0; i < r->s->n_timeline; i++) {
        const sl_timeline_item *t = &r->s->timeline[i];
        fputs(i ? ",{\"value\":" : "{\"value\":", f);
        rp_json_str(f, t->value, strnlen(t->value, sizeof t->value));
        int32_t before;
        key(f, 0, "day");
        if (rp_item_before(r, i, &before)) {
            fputs("null", f);
            key(f, 0, "before");
            day_value(f, before);
        } else
            day_value(f, t->day);
        if (rp_item_inferred(r, i))
            fputs(",\"day_inferred\":true", f);
        else if (rp_item_expected(r, t))
            fputs(",\"expected\":true", f);
        key(f, 0, "what");
        rp_json_cstr(f, t->what ? t->what : "");
        key(f, 0, "conflict");
        if (t->conflict >= 0 && (size_t)t->conflict < r->s->n_conflicts)
            fprintf(f, "%d", t->conflict);
        else
            fputs("null", f);
        key(f, 0, "sources");
        evidence(r, t->sources, t->n_sources);
        putc('}', f);
    }
    putc(']', f);
}

sl_status rp_write_json(rp *r, sl_error *err)
{
    FILE *f = r->out;
    char id[32];
    rp_story_id(r->s, id);
    fputs("{\"kind\":", f);
    rp_json_cstr(f, r->s->kind == SL_STORY_STORYLINE ? "storyline"
                    : r->s->kind == SL_STORY_EVENT   ? "event"
                                                     : NULL);
    key(f, 0, "id");
    rp_json_cstr(f, *id ? id : NULL);
    key(f, 0, "title");
    rp_json_cstr(f, rp_title(r));
    members(r);
    summary(r);
    entities(r);
    sl_status st = quotes(r, err);
    if (st != SL_OK)
        return st;
    slots(r);
    conflicts(r);
    timeline(r);
    fputs("}\n", f);
    return SL_OK;
}

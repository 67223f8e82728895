/* facts_print.c — an article's facts as a reader wants them on a terminal:
 * entities with their roles, who said what, dates with their values,
 * numbers with their bounds. Shared by `annotate` and `show --facts`. */
#include <string.h>

#include "cli.h"

/* The span's text on one line, cut at max bytes (on a UTF-8 boundary). */
static void put_span(const sl_article *a, uint32_t s, uint32_t e, size_t max) {
    if (e > a->text_len || e <= s)
        return;
    size_t n = e - s, cut = n > max ? max : n;
    while (cut < n && cut > 0 && ((unsigned char)a->text[s + cut] & 0xC0) == 0x80)
        cut--;
    for (size_t i = 0; i < cut; i++) {
        char c = a->text[s + i];
        putchar(c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
    }
    if (cut < n)
        fputs("…", stdout);
}

static void print_entities(const sl_article *a, const sl_facts *f) {
    printf("Entities (%zu)\n", f->n_entities);
    for (size_t i = 0; i < f->n_entities; i++) {
        const sl_entity *e = &f->entities[i];
        printf("  %-4s %s", sl_entity_type_name(e->type), e->name ? e->name : "");
        if (e->role)
            printf(", %s", e->role);
        printf("  (%u mention%s)\n", e->n_mentions, e->n_mentions == 1 ? "" : "s");
    }
    (void)a;
}

static void print_quotes(const sl_article *a, const sl_facts *f) {
    printf("Quotes (%zu)\n", f->n_quotes);
    for (size_t i = 0; i < f->n_quotes; i++) {
        const sl_quote *q = &f->quotes[i];
        printf("  [%s] ", sl_quote_kind_name(q->kind));
        const char *label = sl_quote_label(a, q);
        if (q->entity >= 0 && (size_t)q->entity < f->n_entities)
            fputs(f->entities[q->entity].name, stdout);
        else if (q->speaker_end > q->speaker_start)
            put_span(a, q->speaker_start, q->speaker_end, 60);
        else
            fputs(label ? label : "(unknown)", stdout);
        fputs(": \"", stdout);
        put_span(a, q->start, q->end, 160);
        printf("\"  @%u\n", q->start);
    }
}

static void print_timexes(const sl_article *a, const sl_facts *f) {
    printf("Times (%zu)\n", f->n_timexes);
    for (size_t i = 0; i < f->n_timexes; i++) {
        const sl_timex *t = &f->timexes[i];
        fputs("  \"", stdout);
        put_span(a, t->start, t->end, 60);
        printf("\"  %s %s%s%s  @%u\n", sl_timex_type_name(t->type), t->value,
               t->mod[0] ? " " : "", t->mod, t->start);
    }
}

static void print_quantities(const sl_article *a, const sl_facts *f) {
    printf("Quantities (%zu)\n", f->n_quantities);
    for (size_t i = 0; i < f->n_quantities; i++) {
        const sl_quantity *q = &f->quantities[i];
        fputs("  \"", stdout);
        put_span(a, q->start, q->end, 60);
        if (q->low != q->high)
            printf("\"  %g–%g", q->low, q->high);
        else
            printf("\"  %g", q->value);
        if (q->unit && *q->unit)
            printf(" %s", q->unit);
        if (q->bound != SL_BOUND_EXACT)
            printf(" (%s)", sl_bound_name(q->bound));
        if (q->change[0])
            printf(" (%s)", q->change);
        if (q->about_end > q->about_start) {
            fputs("  about: ", stdout);
            put_span(a, q->about_start, q->about_end, 60);
        }
        printf("  @%u\n", q->start);
    }
}

void cli_print_facts(const sl_article *a, const sl_facts *f) {
    print_entities(a, f);
    print_quotes(a, f);
    print_timexes(a, f);
    print_quantities(a, f);
    if (f->inferred_date[0] && f->inferred_from >= 0 && (size_t)f->inferred_from < f->n_timexes)
        printf("Date inferred: %s, the latest full date the text states (@%u)\n",
               f->inferred_date, f->timexes[f->inferred_from].start);
    else if (f->inferred_date[0])
        printf("Date inferred: %s, the first day of its event\n", f->inferred_date);
}

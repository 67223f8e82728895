/* report.c — sl_report_write and what the three writers share: the numbered
 * source list (originals in member order, each followed by its copies, so
 * a citation [3] means the same article in every part of a report), checked
 * spans, dates, bylines and the escapers for JSON, HTML and Markdown. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report.h"
#include "../core/draft.h"
#include "../synth/synth.h"
#include "../util/buf.h"
#include "../util/utf8.h"

/* ------------------------------------------------------------ source list */

/* Copies point at their original; anything else (out of range, a copy of
 * a copy, itself) is treated as an original so every member is listed. */
static uint32_t original_of(const sl_synthesis *s, size_t m)
{
    int32_t c = s->members[m].copy_of;
    if (c < 0 || (size_t)c >= s->n_members || (size_t)c == m || s->members[c].copy_of >= 0)
        return (uint32_t)m;
    return (uint32_t)c;
}

static void name_outlets(rp *r);

/* Numbering in two linear passes: count copies per original, then lay the
 * originals out with room for their copies behind them. */
static void number_sources(rp *r)
{
    size_t n = r->n;
    uint32_t *slot = r->cites; /* scratch of n + 1, reused below */
    memset(slot, 0, (n + 1) * sizeof *slot);
    for (size_t m = 0; m < n; m++) {
        r->canon[m] = original_of(r->s, m);
        if (r->canon[m] != m)
            slot[r->canon[m]]++;
    }
    uint32_t next = 0;
    for (size_t m = 0; m < n; m++) {
        if (r->canon[m] != m)
            continue;
        uint32_t copies = slot[m];
        r->order[next] = (uint32_t)m;
        r->num[m] = next + 1;
        slot[m] = next + 1; /* where its next copy goes */
        next += 1 + copies;
    }
    for (size_t m = 0; m < n; m++) {
        if (r->canon[m] == m)
            continue;
        uint32_t at = slot[r->canon[m]]++;
        r->order[at] = (uint32_t)m;
        r->num[m] = at + 1;
    }
}

sl_status rp_init(rp *r, const sl_synthesis *s, FILE *out, sl_error *err)
{
    memset(r, 0, sizeof *r);
    r->s = s;
    r->out = out;
    r->n = s->n_members;
    size_t n = r->n + 1;
    r->num = calloc(n, sizeof *r->num);
    r->order = calloc(n, sizeof *r->order);
    r->canon = calloc(n, sizeof *r->canon);
    r->cites = calloc(n, sizeof *r->cites);
    r->cites_cap = n;
    r->outlet = calloc(n, sizeof *r->outlet);
    if (!r->num || !r->order || !r->canon || !r->cites || !r->outlet) {
        rp_free(r);
        return sl_fail(err, SL_ERR_NOMEM, "report: out of memory");
    }
    name_outlets(r);
    number_sources(r);
    return SL_OK;
}

void rp_free(rp *r)
{
    free(r->num);
    free(r->order);
    free(r->canon);
    free(r->cites);
    free(r->outlet);
    r->outlet = NULL;
    r->num = r->order = r->canon = r->cites = NULL;
}

int rp_span(const rp *r, const sl_evidence *e, uint32_t *start, uint32_t *end)
{
    if (e->member >= r->n)
        return 0;
    const sl_article *a = r->s->members[e->member].article;
    if (!a || !a->text || e->start > a->text_len)
        return 0;
    *start = e->start;
    *end = e->end > a->text_len ? (uint32_t)a->text_len : e->end;
    if (*end < *start)
        *end = *start;
    return 1;
}

int rp_summary_words(const rp *r, const sl_summary_sentence *ss, const char **t, size_t *n)
{
    uint32_t a, b;
    if (!ss->n_sources || !rp_span(r, &ss->sources[0], &a, &b))
        return 0;
    if (ss->text) {
        *t = ss->text;
        *n = strlen(ss->text);
    } else {
        *t = r->s->members[ss->sources[0].member].article->text + a;
        *n = b - a;
    }
    return 1;
}

const char *rp_sentence_close(const char *t, size_t n)
{
    size_t a = 0, b = n;
    while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\n'))
        b--;
    if (b == a)
        return "";
    unsigned char c = (unsigned char)t[b - 1];
    /* . ! ? " ' ) and the closing curly quotes (their UTF-8 ends in 0x9D or 0x99). */
    int closed = c == '.' || c == '!' || c == '?' || c == '"' || c == '\'' || c == ')' ||
                 (b - a >= 3 && (unsigned char)t[b - 3] == 0xE2 && (c == 0x9D || c == 0x99));
    return closed ? "" : ".";
}

uint32_t rp_quote_end(const char *text, uint32_t a, uint32_t b, int *cut)
{
    *cut = 0;
    if (b - a <= RP_MAX_QUOTE)
        return b;
    uint32_t e = a + RP_MAX_QUOTE;
    while (e > a + RP_MAX_QUOTE / 2 && text[e] != ' ' && text[e] != '\n')
        e--;
    while (e < b && ((unsigned char)text[e] & 0xC0) == 0x80)
        e++; /* never inside a character */
    *cut = e < b;
    return e;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

long rp_cite_set(rp *r, const sl_evidence *ev, size_t n)
{
    if (n > r->cites_cap) {
        uint32_t *p = realloc(r->cites, n * sizeof *p);
        if (!p)
            return -1;
        r->cites = p;
        r->cites_cap = n;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (ev[i].member < r->n)
            r->cites[k++] = r->num[ev[i].member];
    qsort(r->cites, k, sizeof *r->cites, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || r->cites[u - 1] != r->cites[i])
            r->cites[u++] = r->cites[i];
    return (long)u;
}

/* ------------------------------------------------------------ quotes */

/* Linear: a counting sort on the speaker, groups ordered by first quote. */
sl_status rp_quote_groups(const rp *r, rp_groups *g, sl_error *err)
{
    const sl_synthesis *s = r->s;
    size_t ne = s->n_entities, nq = s->n_quotes;
    size_t *first = malloc((ne + 1) * sizeof *first), *count = calloc(ne + 1, sizeof *count);
    memset(g, 0, sizeof *g);
    g->order = malloc((nq + 1) * sizeof *g->order);
    g->start = malloc((ne + 2) * sizeof *g->start);
    if (!first || !count || !g->order || !g->start) {
        free(first);
        free(count);
        rp_groups_free(g);
        return sl_fail(err, SL_ERR_NOMEM, "report: out of memory");
    }
    size_t *rank = first; /* first[k]: speaker of the k-th group */
    for (size_t q = 0; q < nq; q++) {
        int32_t sp = s->quotes[q].speaker;
        size_t k = sp >= 0 && (size_t)sp < ne ? (size_t)sp : ne;
        if (count[k]++ == 0)
            rank[g->n++] = k;
    }
    /* count[k] becomes the write position of speaker k's next quote. */
    size_t at = 0;
    for (size_t i = 0; i < g->n; i++) {
        size_t k = rank[i], c = count[k];
        g->start[i] = at;
        count[k] = at;
        at += c;
    }
    g->start[g->n] = at;
    for (size_t q = 0; q < nq; q++) {
        int32_t sp = s->quotes[q].speaker;
        size_t k = sp >= 0 && (size_t)sp < ne ? (size_t)sp : ne;
        g->order[count[k]++] = q;
    }
    free(first);
    free(count);
    return SL_OK;
}

void rp_groups_free(rp_groups *g)
{
    free(g->order);
    free(g->start);
    g->order = g->start = NULL;
}

/* ------------------------------------------------------------ labels */

const char *rp_outlet(const rp *r, uint32_t m)
{
    return m < r->n && r->outlet[m] ? r->outlet[m] : "unknown outlet";
}

/* ------------------------------------------------------------ outlets */

/* The store names each outlet once per site (a host-only page borrows the
 * name another page of its site states), so the member's outlet is shown
 * as stored; an empty one is no outlet. */
static void name_outlets(rp *r)
{
    for (size_t m = 0; m < r->n; m++) {
        const sl_article *a = r->s->members[m].article;
        r->outlet[m] = a && a->outlet && *a->outlet ? a->outlet : NULL;
    }
}

/* Civil date from days since 1970 (the proleptic Gregorian calendar, via
 * 400-year eras so any int32 day converts without loops). */
void rp_day_iso(int32_t day, char out[16])
{
    if (day == SL_NO_DAY) {
        out[0] = 0;
        return;
    }
    int64_t z = (int64_t)day + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t mo = mp < 10 ? mp + 3 : mp - 9;
    y += mo <= 2;
    if (y < 0 || y > 9999) {
        out[0] = 0;
        return;
    }
    snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)mo % 100u, (unsigned)d % 100u);
}

void rp_member_date(const sl_synth_member *m, char out[16])
{
    const char *p = m->article ? m->article->published : "";
    if (strlen(p) >= 10 && p[4] == '-' && p[7] == '-') {
        memcpy(out, p, 10);
        out[10] = 0;
        return;
    }
    out[0] = 0; /* a day the store inferred is for ordering, not for a reader */
}

void rp_member_when(const rp *r, uint32_t m, char out[48])
{
    char d[16];
    out[0] = 0;
    if (m >= r->s->n_members)
        return;
    rp_member_date(&r->s->members[m], out);
    if (*out)
        return;
    int how = sl_synth_day_how(r->s, m);
    int32_t before = sl_synth_day_before(r->s, m);
    if (how == SL_DAY_INFERRED) {
        rp_day_iso(sl_synth_day(r->s, m), d);
        if (*d)
            snprintf(out, 48, "%s (day inferred)", d);
    } else if (before != SL_NO_DAY) {
        rp_day_iso(before, d);
        snprintf(out, 48, "undated, before %s", d);
    }
}

int rp_item_before(const rp *r, size_t i, int32_t *before)
{
    const struct sl_synthesis_priv *pv = r->s->priv;
    if (!pv || !pv->tl_before || i >= r->s->n_timeline || pv->tl_before[i] == SL_NO_DAY)
        return 0;
    *before = pv->tl_before[i];
    return 1;
}

int rp_item_inferred(const rp *r, size_t i)
{
    const struct sl_synthesis_priv *pv = r->s->priv;
    return pv && pv->tl_inferred && i < r->s->n_timeline && pv->tl_inferred[i];
}

int rp_item_expected(const rp *r, const sl_timeline_item *t)
{
    if (t->day == SL_NO_DAY || !t->n_sources)
        return 0;
    for (size_t k = 0; k < t->n_sources; k++) {
        int32_t d = sl_synth_day(r->s, t->sources[k].member);
        if (d == SL_NO_DAY || d >= t->day)
            return 0;
    }
    return 1;
}

void rp_item_when(const rp *r, size_t i, char out[64])
{
    const sl_timeline_item *t = &r->s->timeline[i];
    char d[16];
    int32_t before;
    if (rp_item_before(r, i, &before)) {
        rp_day_iso(before, d);
        snprintf(out, 64, "undated, before %s", d);
    } else
        snprintf(out, 64, "%.*s%s", (int)strnlen(t->value, sizeof t->value), t->value,
                 rp_item_inferred(r, i) ? " (day inferred)" : rp_item_expected(r, t) ? " (expected)" : "");
}

const char *rp_title(const rp *r)
{
    if (r->s->title && *r->s->title)
        return r->s->title;
    for (size_t i = 0; i < r->n; i++) {
        const sl_article *a = r->s->members[r->order[i]].article;
        if (a && a->title && *a->title)
            return a->title;
    }
    return "Untitled story";
}

void rp_story_id(const sl_synthesis *s, char out[32])
{
    out[0] = 0;
    if (s->kind == SL_STORY_STORYLINE)
        snprintf(out, 32, "S%lld", (long long)s->id);
    else if (s->kind == SL_STORY_EVENT)
        snprintf(out, 32, "E%lld", (long long)s->id);
}

const char *rp_entity_name(const rp *r, int32_t i)
{
    if (i < 0 || (size_t)i >= r->s->n_entities || !r->s->entities[i].name)
        return "";
    return r->s->entities[i].name;
}

const char *rp_entity_type_label(sl_entity_type t)
{
    switch (t) {
    case SL_ENT_PERSON: return "person";
    case SL_ENT_ORG: return "organization";
    case SL_ENT_PLACE: return "place";
    default: return "other";
    }
}

const char *rp_conflict_label(sl_conflict_kind k)
{
    switch (k) {
    case SL_CONFLICT_HARD: return "Contradiction";
    case SL_CONFLICT_SOFT: return "Differ, but compatible";
    case SL_CONFLICT_CHANGE: return "Changed over time";
    case SL_CONFLICT_VARIANT: return "Spelling differs";
    }
    return "Differ";
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

enum { RP_BYLINE_OUTLETS = 8 };

/* Outlet names are copied into one block so the URL-host fallback, which
 * lives in a stack buffer, survives the sort. */
sl_status rp_byline(const rp *r, char **out, sl_error *err)
{
    size_t n = r->n;
    char **names = calloc(n + 1, sizeof *names);
    sl_buf b;
    sl_buf_init(&b);
    if (!names)
        return sl_fail(err, SL_ERR_NOMEM, "report: out of memory");
    int32_t lo = SL_NO_DAY, hi = SL_NO_DAY;
    size_t originals = 0, copies = 0, k = 0;
    for (size_t m = 0; m < n; m++) {
        int32_t day = sl_synth_day(r->s, m); /* inferred ones included */
        if (r->canon[m] == m)
            originals++;
        else
            copies++;
        if (day != SL_NO_DAY) {
            if (lo == SL_NO_DAY || day < lo)
                lo = day;
            if (hi == SL_NO_DAY || day > hi)
                hi = day;
        }
        names[k] = strdup(rp_outlet(r, (uint32_t)m));
        if (!names[k])
            break;
        k++;
    }
    qsort(names, k, sizeof *names, cmp_str);
    size_t outlets = 0;
    for (size_t i = 0; i < k; i++)
        if (outlets == 0 || strcmp(names[i], names[outlets - 1]) != 0)
            names[outlets++] = names[i];
        else
            free(names[i]);
    char a[16], z[16];
    rp_day_iso(lo, a);
    rp_day_iso(hi, z);
    if (!*a)
        sl_buf_puts(&b, "undated");
    else if (strcmp(a, z) == 0)
        sl_buf_puts(&b, a);
    else
        sl_buf_printf(&b, "%s to %s", a, z);
    sl_buf_printf(&b, " · %zu article%s", originals, originals == 1 ? "" : "s");
    if (copies)
        sl_buf_printf(&b, " and %zu cop%s", copies, copies == 1 ? "y" : "ies");
    sl_buf_printf(&b, " from %zu outlet%s", outlets, outlets == 1 ? "" : "s");
    for (size_t i = 0; i < outlets; i++) {
        if (i < RP_BYLINE_OUTLETS)
            sl_buf_printf(&b, "%s%s", i ? ", " : ": ", names[i]);
        free(names[i]);
    }
    if (outlets > RP_BYLINE_OUTLETS)
        sl_buf_printf(&b, " and %zu more", outlets - RP_BYLINE_OUTLETS);
    free(names);
    if (b.oom || k < n) {
        sl_buf_free(&b);
        return sl_fail(err, SL_ERR_NOMEM, "report: out of memory");
    }
    *out = sl_buf_take(&b, NULL);
    return *out ? SL_OK : sl_fail(err, SL_ERR_NOMEM, "report: out of memory");
}

/* ------------------------------------------------------------ escaping */

/* The next character of s: its length, and whether it is plain ASCII (*c)
 * or a valid multibyte sequence (*c = 0); invalid bytes give length 1 and
 * *c = -1 (written as U+FFFD). */
static size_t next_char(const char *s, size_t n, int *c)
{
    unsigned char b = (unsigned char)s[0];
    if (b < 0x80) {
        *c = b;
        return 1;
    }
    size_t k = sl_utf8_valid_seq(s, n);
    *c = k ? 0 : -1;
    return k ? k : 1;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

void rp_json_str(FILE *f, const char *s, size_t n)
{
    putc('"', f);
    for (size_t i = 0; i < n;) {
        int c;
        size_t k = next_char(s + i, n - i, &c);
        if (c < 0)
            fputs(REPLACEMENT, f);
        else if (c == 0)
            fwrite(s + i, 1, k, f);
        else if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\u%04x", c);
        else
            putc(c, f);
        i += k;
    }
    putc('"', f);
}

void rp_json_cstr(FILE *f, const char *s)
{
    if (s)
        rp_json_str(f, s, strlen(s));
    else
        fputs("null", f);
}

void rp_html(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int c;
        size_t k = next_char(s + i, n - i, &c);
        switch (c) {
        case -1: fputs(REPLACEMENT, f); break;
        case 0: fwrite(s + i, 1, k, f); break;
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default:
            if (c >= 0x20 && c != 0x7f)
                putc(c, f);
            else if (c == '\n' || c == '\t')
                putc(c, f);
            else if (c == '\r')
                ;
            else
                putc(' ', f);
        }
        i += k;
    }
}

void rp_html_cstr(FILE *f, const char *s)
{
    if (s)
        rp_html(f, s, strlen(s));
}

void rp_md(FILE *f, const char *s, size_t n)
{
    int space = 0;
    for (size_t i = 0; i < n;) {
        int c;
        size_t k = next_char(s + i, n - i, &c);
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = 1; /* runs of whitespace, line breaks included, are one space */
            i += k;
            continue;
        }
        if (space)
            putc(' ', f);
        space = 0;
        if (c < 0)
            fputs(REPLACEMENT, f);
        else if (c == 0)
            fwrite(s + i, 1, k, f);
        else if (strchr("\\`*_[]<>#|~!", c))
            fprintf(f, "\\%c", c);
        else if (c >= 0x20 && c != 0x7f)
            putc(c, f);
        i += k;
    }
    if (space)
        putc(' ', f);
}

void rp_md_cstr(FILE *f, const char *s)
{
    if (s)
        rp_md(f, s, strlen(s));
}

static int pronoun_only(const char *s, size_t n)
{
    static const char *const pro[] = {"he",   "she",   "it",   "they", "we",  "i",
                                      "you",  "who",   "which", "that", "i've", NULL};
    for (size_t k = 0; pro[k]; k++)
        if (n == strlen(pro[k]) && !strncasecmp(s, pro[k], n))
            return 1;
    return 0;
}

/* A speaker phrase worth showing: ", who" and commas off its end; none
 * that opens on no letter, holds a digit (a date taken for a speaker) or
 * is a bare possessive or pronoun. Its new length, 0 if none. */
static size_t who_phrase(const char *w, size_t n)
{
    for (;;) {
        while (n && (w[n - 1] == ',' || w[n - 1] == ' '))
            n--;
        if (n >= 4 && !strncasecmp(w + n - 4, " who", 4))
            n -= 4;
        else if (n >= 6 && !strncasecmp(w + n - 6, " which", 6))
            n -= 6;
        else
            break;
    }
    if (!n || !((w[0] | 32) >= 'a' && (w[0] | 32) <= 'z') || pronoun_only(w, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] >= '0' && w[i] <= '9')
            return 0;
    if ((n >= 2 && !memcmp(w + n - 2, "'s", 2)) || (n >= 4 && !memcmp(w + n - 4, "\xE2\x80\x99s", 4)))
        return 0;
    return n;
}

void rp_quote_who(const rp *r, const sl_evidence *ev, char *out, size_t cap)
{
    out[0] = 0;
    const sl_synth_member *m = ev->member < r->s->n_members ? &r->s->members[ev->member] : NULL;
    const sl_facts *f = m ? m->facts : NULL;
    for (size_t i = 0; f && i < f->n_quotes; i++) {
        const sl_quote *q = &f->quotes[i];
        if (q->start != ev->start || q->end != ev->end)
            continue;
        const char *w = NULL;
        size_t n = 0;
        if (q->speaker_end > q->speaker_start && q->speaker_end <= m->article->text_len) {
            w = m->article->text + q->speaker_start;
            n = q->speaker_end - q->speaker_start;
        } else if ((w = sl_quote_label(m->article, q)) != NULL) {
            n = strlen(w);
        }
        if (!w || !(n = who_phrase(w, n)) || n >= cap)
            return;
        memcpy(out, w, n);
        out[n] = 0;
        return;
    }
}

int rp_slot_lone(const rp *r, const sl_slot *sl)
{
    if (r->s->n_members < 2 || !sl->n_values || !sl->values[0].n_sources)
        return 0;
    uint32_t m = sl->values[0].sources[0].member;
    for (size_t v = 0; v < sl->n_values; v++)
        for (size_t k = 0; k < sl->values[v].n_sources; k++)
            if (sl->values[v].sources[k].member != m)
                return 0;
    return 1;
}

int rp_url_ok(const char *url)
{
    if (!url || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0))
        return 0;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f || strchr("\"'<>\\`", *p))
            return 0;
    return 1;
}

/* ------------------------------------------------------------ entry */

sl_status sl_report_write(const sl_synthesis *s, sl_report_format f, FILE *out, sl_error *err)
{
    if (!s || !out)
        return sl_fail(err, SL_ERR_ARG, "report: no synthesis or no output");
    if (f != SL_REPORT_JSON && f != SL_REPORT_MD && f != SL_REPORT_HTML)
        return sl_fail(err, SL_ERR_ARG, "report: unknown format %d", (int)f);
    rp r;
    sl_status st = rp_init(&r, s, out, err);
    if (st != SL_OK)
        return st;
    if (f == SL_REPORT_JSON)
        st = rp_write_json(&r, err);
    else if (f == SL_REPORT_MD)
        st = rp_write_md(&r, err);
    else
        st = rp_write_html(&r, err);
    rp_free(&r);
    if (st == SL_OK && ferror(out))
        st = sl_fail(err, SL_ERR_IO, "report: cannot write the output");
    return st;
}

/* report.h — what the three report writers (JSON, Markdown, HTML) share:
 * the numbered source list, citation sets, checked evidence spans, dates,
 * and escaping. Private to src/report.
 *
 * Every writer reads the synthesis only; nothing it holds is trusted to be
 * in range (spans past the text, members past the list): such evidence is
 * clamped or skipped so a report is always well-formed. */
#ifndef SL_REPORT_H
#define SL_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "storyline.h"

/* Citation lists longer than this are cut with "+N more" in MD and HTML
 * (a sentence carried by 300 copies would otherwise bury the page). */
enum { RP_MAX_CITES = 12 };

typedef struct rp {
    const sl_synthesis *s;
    FILE *out;
    size_t n;         /* members */
    uint32_t *num;    /* member -> its number in the source list, from 1 */
    uint32_t *order;  /* number - 1 -> member: originals, each followed by its copies */
    uint32_t *canon;  /* member -> its original (itself when it is one) */
    const char **outlet; /* member -> its outlet's display name */
    uint32_t *cites;  /* scratch: a sorted set of source numbers */
    size_t cites_cap;
} rp;

sl_status rp_init(rp *r, const sl_synthesis *s, FILE *out, sl_error *err);
void rp_free(rp *r);

/* The words a summary sentence shows: its compressed text, else its
 * span's. 0 when its span is not valid. */
int rp_summary_words(const rp *r, const sl_summary_sentence *ss, const char **t, size_t *n);
/* "." when those words end without closing punctuation (the summarizer
 * trims a trailing attribution: ", officials said."), else "": printed
 * after them, never part of them. */
const char *rp_sentence_close(const char *t, size_t n);
/* The span of e, clamped into its member's text; 0 when it points nowhere. */
int rp_span(const rp *r, const sl_evidence *e, uint32_t *start, uint32_t *end);
/* A quote shown in MD or HTML is cut to about this many bytes (at a word)
 * with "…": a transcript turn can run for pages; the link shows it all. */
enum { RP_MAX_QUOTE = 600 };
/* The end to show of the span [a, b) of text: b, or a word boundary near
 * a + RP_MAX_QUOTE (*cut set). */
uint32_t rp_quote_end(const char *text, uint32_t a, uint32_t b, int *cut);

/* Distinct source numbers of the evidence, ascending, into r->cites; the
 * count (-1 when memory runs out). */
long rp_cite_set(rp *r, const sl_evidence *ev, size_t n);

/* Quotes grouped by speaker: order[start[g] .. start[g+1]) are the quote
 * indices of group g; groups in the order of their first quote (the
 * synthesis puts the most quoted speaker first), unknown speakers (and
 * speakers out of range) together as one group. */
typedef struct rp_groups {
    size_t *order, *start;
    size_t n;
} rp_groups;
sl_status rp_quote_groups(const rp *r, rp_groups *g, sl_error *err);
void rp_groups_free(rp_groups *g);

/* A member's outlet: the stated one, else the name another member from
 * the same web site states, else the URL's host, else "unknown outlet". */
const char *rp_outlet(const rp *r, uint32_t m);
/* "YYYY-MM-DD" of a member's stated publication, "" when undated (an
 * inferred day is not shown as a date). */
void rp_member_date(const sl_synth_member *m, char out[16]);
/* What a reader is told of a member's day: its stated date, an inferred
 * one marked "2021-12-07 (day inferred)" (an undated member's weekday
 * anchored to another member's dated happening), "undated, before
 * 2022-02-04" when only a bound is known, else "". */
void rp_member_when(const rp *r, uint32_t m, char out[48]);
/* A timeline item's date as shown: its value, "2021-12-07 (day
 * inferred)", or "undated, before 2022-02-04". */
void rp_item_when(const rp *r, size_t i, char out[64]);
/* 1 when timeline item i is an undated member's, bounded from above
 * (*before set), 0 otherwise. */
int rp_item_before(const rp *r, size_t i, int32_t *before);
/* 1 when the timeline item's day is only an inferred one. */
int rp_item_inferred(const rp *r, size_t i);
/* 1 when every source of t was written before its day: a date still to
 * come when reported ("the Olympics begin on February 4"). */
int rp_item_expected(const rp *r, const sl_timeline_item *t);
/* Days since 1970 as "YYYY-MM-DD", "" for SL_NO_DAY. */
void rp_day_iso(int32_t day, char out[16]);
/* The story's title: the synthesis's, else the first original's, else a
 * placeholder. Never NULL. */
const char *rp_title(const rp *r);
/* The story's id as "S12" / "E34", "" when it has none. */
void rp_story_id(const sl_synthesis *s, char out[32]);
/* Dates and outlets in one line: "2023-03-06 to 2023-03-17 · 16 articles
 * from 9 outlets: A, B, C". Plain text (caller escapes). */
sl_status rp_byline(const rp *r, char **out, sl_error *err);
/* Display name of entity i, "" when out of range. */
const char *rp_entity_name(const rp *r, int32_t i);
/* "person", "organization", "place", "other" */
const char *rp_entity_type_label(sl_entity_type t);
/* "hard conflict", "soft difference", ... */
const char *rp_conflict_label(sl_conflict_kind k);
/* Who said the quote at ev when no entity is known, as its article words
 * it ("A spokesman for the minister", a transcript label): into out (cap
 * bytes), "" when nobody or only a pronoun. */
void rp_quote_who(const rp *r, const sl_evidence *ev, char *out, size_t cap);
/* 1 when only one member states slot sl in a story of several: the pages
 * list the figures sources share first and fold these away. */
int rp_slot_lone(const rp *r, const sl_slot *sl);

/* Escapers: invalid UTF-8 becomes U+FFFD, control characters (but \n, \t)
 * are dropped. */
void rp_json_str(FILE *f, const char *s, size_t n);
void rp_json_cstr(FILE *f, const char *s); /* NULL writes null */
void rp_html(FILE *f, const char *s, size_t n);
void rp_html_cstr(FILE *f, const char *s);
/* Markdown inline text: specials backslash-escaped, newlines as spaces. */
void rp_md(FILE *f, const char *s, size_t n);
void rp_md_cstr(FILE *f, const char *s);
/* 1 when a URL is safe to link: http(s), no spaces, quotes or brackets. */
int rp_url_ok(const char *url);

sl_status rp_write_json(rp *r, sl_error *err);
sl_status rp_write_md(rp *r, sl_error *err);
sl_status rp_write_html(rp *r, sl_error *err);

#endif

/* plain.c — articles from plain text: page scrapes, radio transcripts and
 * header-style text.
 *
 * The input is read as a stream of paragraphs (one per line, or hard-wrapped
 * lines joined back when the layout says the text was wrapped). Each
 * paragraph is then, in order: stripped of production markers
 * ("(SOUNDBITE OF MUSIC)"), dropped if it is page chrome, turned into a
 * transcript turn if it opens with a speaker label, or kept as a paragraph.
 * Scrapes additionally lose the run of short lines above the first real
 * paragraph (station name, player controls, tags), from which the title is
 * taken, and trailing chrome and staff bios are cut from the end.
 *
 * Rules are about shapes (short line without sentence punctuation, "<Name>
 * is a ... correspondent"), never about particular outlets. Memory is O(one
 * paragraph) beyond the draft itself and every pass is linear.
 */
#include "plain.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../meta/date.h"
#include "../util/buf.h"

enum {
    TOP_MAX_PARAS = 15,     /* the title block sits within the first lines */
    CHROME_MAX_BYTES = 120, /* chrome lines are short; longer text is prose */
    TAIL_MAX_BLOCKS = 12,   /* trailing chrome/bios scanned from the end */
    LABEL_MAX_BYTES = 60,
    TITLE_MAX_BYTES = 300,
};

typedef struct span {
    const char *s;
    size_t n;
} span;

/* ------------------------------------------------------------ lexing */

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(char c) { return is_upper(c) || is_lower(c); }
static char lower(char c) { return is_upper(c) ? (char)(c - 'A' + 'a') : c; }

/* Bytes of whitespace at s[i] (ASCII or NBSP), 0 if none. */
static size_t ws_at(const char *s, size_t n, size_t i) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    return i + 1 < n && (unsigned char)c == 0xC2 && (unsigned char)s[i + 1] == 0xA0 ? 2 : 0;
}

static span trim(span x) {
    size_t k;
    while (x.n && (k = ws_at(x.s, x.n, 0)))
        x.s += k, x.n -= k;
    for (;;) {
        if (x.n && ws_at(x.s, x.n, x.n - 1) == 1)
            x.n--;
        else if (x.n >= 2 && ws_at(x.s, x.n, x.n - 2) == 2)
            x.n -= 2;
        else
            return x;
    }
}

/* The next raw line (without its newline); 0 at the end of input. */
static int next_line(const char *s, size_t n, size_t *pos, span *line) {
    if (*pos >= n)
        return 0;
    const char *nl = memchr(s + *pos, '\n', n - *pos);
    size_t end = nl ? (size_t)(nl - s) : n;
    line->s = s + *pos;
    line->n = end - *pos;
    *pos = nl ? end + 1 : n;
    return 1;
}

/* Length in code points, saturating: only comparisons with small widths
 * are ever made, so a 200 MB line need not be counted to its end. */
static size_t cp_len(span x) {
    size_t k = 0;
    for (size_t i = 0; i < x.n && k < 4096; i++)
        k += ((unsigned char)x.s[i] & 0xC0) != 0x80;
    return k;
}

static size_t first_word_len(span x) {
    size_t i = 0;
    while (i < x.n && x.s[i] != ' ' && x.s[i] != '\t')
        i++;
    return cp_len((span){x.s, i});
}

static int starts_ci(span x, const char *w) {
    size_t k = strlen(w);
    if (x.n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (lower(x.s[i]) != w[i])
            return 0;
    return 1;
}

/* Last byte after closing quotes/brackets, so '."' and '.)' end sentences. */
static char last_meaningful(span x) {
    size_t n = x.n;
    while (n) {
        unsigned char c = (unsigned char)x.s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']')
            n--;
        else if (n >= 3 && (unsigned char)x.s[n - 3] == 0xE2 && (unsigned char)x.s[n - 2] == 0x80 &&
                 (c == 0x9D || c == 0x99)) /* ” ’ */
            n -= 3;
        else if (n >= 3 && (unsigned char)x.s[n - 3] == 0xE2 && (unsigned char)x.s[n - 2] == 0x80 &&
                 c == 0xA6) /* … */
            return '.';
        else
            return (char)c;
    }
    return 0;
}

static int ends_sentence(span x) {
    char c = last_meaningful(x);
    return c == '.' || c == '!' || c == '?';
}

static size_t word_count(span x) {
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < x.n; i++) {
        int sp = x.s[i] == ' ' || x.s[i] == '\t';
        w += !sp && !in;
        in = !sp;
    }
    return w;
}

/* --------------------------------------------------------- speaker labels */

/* Uppercase words that open a line with a colon but name no speaker. */
static int non_speaker_label(span name) {
    static const char *const L[] = {
        "update",  "updated", "correction", "clarification", "editor's note", "note",
        "watch",   "read",    "read more",  "related",       "photos",        "photo",
        "video",   "listen",  "breaking",   "exclusive",     "advertisement", "source",
        "sources", "also",    "more",       "warning",       "transcript",    "credit",
        "tags",    "audio",   "analysis",   "opinion",       "live",          "see also",
        "caption", "graphic", "map",        "editor’s note", "disclaimer",    "by"};
    for (size_t k = 0; k < sizeof L / sizeof L[0]; k++)
        if (name.n == strlen(L[k]) && starts_ci(name, L[k]))
            return 1;
    return 0;
}

/* "SHAPIRO: ...", "MICHELE KELEMEN, BYLINE: ...", "UNIDENTIFIED PERSON #1: ...".
 * Returns the offset of the spoken text (possibly x.n) and the name part's
 * length in *name_n, or 0 when the line does not open with a label. */
static size_t turn_label(span x, size_t *name_n) {
    size_t i = 0, caps = 0, name_end = 0, words = 1;
    if (!x.n || !is_upper(x.s[0]))
        return 0;
    for (; i < x.n && i <= LABEL_MAX_BYTES; i++) {
        char c = x.s[i];
        if (c == ':')
            break;
        if (is_lower(c))
            return 0;
        if (c == ',' && !name_end)
            name_end = i;
        else if (c == ' ')
            words += i + 1 < x.n && x.s[i + 1] != ' ';
        else if (!(is_upper(c) || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80 || c == '.' ||
                   c == '\'' || c == '-' || c == '#' || c == '(' || c == ')'))
            return 0;
        caps += is_upper(c);
    }
    if (i >= x.n || x.s[i] != ':' || caps < 2 || words > 7)
        return 0;
    if (i + 1 < x.n && x.s[i + 1] != ' ' && x.s[i + 1] != '\t')
        return 0; /* "10:30", "http:" */
    span name = trim((span){x.s, name_end ? name_end : i});
    if (!name.n || non_speaker_label(name))
        return 0;
    *name_n = name.n;
    return i + 1;
}

/* -------------------------------------------------------------- markers */

/* "(SOUNDBITE OF MUSIC)", "[LAUGHTER]": production notes in capitals. A
 * single short capital word is an acronym in prose ("(AP)", "(NATO)"). */
static size_t marker_len(const char *s, size_t n) {
    char close = s[0] == '(' ? ')' : s[0] == '[' ? ']' : 0;
    if (!close)
        return 0;
    size_t letters = 0, spaces = 0;
    for (size_t i = 1; i < n && i < 80; i++) {
        char c = s[i];
        if (c == close) {
            int ok = letters >= 2 && (spaces > 0 || letters >= 7);
            return ok ? i + 1 : 0;
        }
        if (is_lower(c) || c == '(' || c == '[')
            return 0;
        letters += is_upper(c);
        spaces += c == ' ';
    }
    return 0;
}

/* Copy x into out without markers; *lead is set when one opened the text. */
static void strip_markers(span x, sl_buf *out, int *had, int *lead) {
    *had = *lead = 0;
    size_t i = 0, from = 0;
    while (i < x.n) {
        size_t k = (x.s[i] == '(' || x.s[i] == '[') ? marker_len(x.s + i, x.n - i) : 0;
        if (!k) {
            i++;
            continue;
        }
        sl_buf_append(out, x.s + from, i - from);
        if (!*had && trim((span){out->data, out->len}).n == 0)
            *lead = 1;
        *had = 1;
        i += k;
        from = i;
    }
    sl_buf_append(out, x.s + from, x.n - from);
}

/* ---------------------------------------------------------------- chrome */

/* Site and player controls that stand alone on a line. */
static int ui_phrase(span x) {
    static const char *const P[] = {"play live radio",
                                    "listen live",
                                    "live radio",
                                    "next up",
                                    "available on air stations",
                                    "on air now",
                                    "listen",
                                    "listen now",
                                    "listen to this article",
                                    "share",
                                    "share this",
                                    "share this story",
                                    "share this article",
                                    "tweet",
                                    "email",
                                    "print",
                                    "donate",
                                    "subscribe",
                                    "sign up",
                                    "sign in",
                                    "log in",
                                    "advertisement",
                                    "skip to main content",
                                    "skip to content",
                                    "menu",
                                    "search",
                                    "close",
                                    "loading...",
                                    "read more",
                                    "related",
                                    "related stories",
                                    "more stories",
                                    "you may also like",
                                    "toggle navigation",
                                    "back to top",
                                    "comments",
                                    "comments are closed",
                                    "show comments",
                                    "hide caption",
                                    "toggle caption",
                                    "enlarge this image",
                                    "download",
                                    "embed",
                                    "all stations",
                                    "play",
                                    "pause",
                                    "now playing"};
    while (x.n && (x.s[x.n - 1] == ':' || x.s[x.n - 1] == '.' || x.s[x.n - 1] == ' '))
        x.n--;
    for (size_t k = 0; k < sizeof P / sizeof P[0]; k++)
        if (x.n == strlen(P[k]) && starts_ci(x, P[k]))
            return 1;
    return 0;
}

/* "Share this article: Facebook | X | Email", "Home | News | Sport":
 * three or more short items between bars or bullets, no sentence. */
static int bar_line(span x) {
    size_t items = 1, item_len = 0, longest = 0;
    for (size_t i = 0; i < x.n; i++) {
        unsigned char c = (unsigned char)x.s[i];
        int sep = c == '|' || (c == 0xC2 && i + 1 < x.n && (unsigned char)x.s[i + 1] == 0xB7);
        if (sep) {
            items++;
            longest = item_len > longest ? item_len : longest;
            item_len = 0;
        } else {
            item_len++;
        }
    }
    longest = item_len > longest ? item_len : longest;
    return items >= 3 && longest <= 40 && !ends_sentence(x);
}

/* "0:00 0:00", "3:45 / 12:10": a player's clock. */
static int timecode_line(span x) {
    int colon = 0;
    for (size_t i = 0; i < x.n; i++) {
        char c = x.s[i];
        if (c == ':')
            colon = 1;
        else if (!((c >= '0' && c <= '9') || c == ' ' || c == '/' || c == '|' || c == '-'))
            return 0;
    }
    return colon;
}

/* A short line pointing at a social handle or address ("Follow us @KMBR",
 * "Research contact: @desk") rather than saying anything. */
static int handle_line(span x) {
    if (x.n > 80 || ends_sentence(x))
        return 0;
    for (size_t i = 0; i + 1 < x.n; i++)
        if (x.s[i] == '@' && (is_alpha(x.s[i + 1]) || (x.s[i + 1] >= '0' && x.s[i + 1] <= '9')))
            return 1;
    return 0;
}

static int is_chrome(span x) {
    static const char *const PREFIX[] = {
        "posts tagged with",      "tagged with",        "tags:", "filed under",
        "transcript provided by", "this transcript was"};
    if (x.n > CHROME_MAX_BYTES)
        return 0;
    if (sl_is_copyright_line(x.s, x.n) || ui_phrase(x) || timecode_line(x) || handle_line(x) ||
        bar_line(x))
        return 1;
    for (size_t k = 0; k < sizeof PREFIX / sizeof PREFIX[0]; k++)
        if (starts_ci(x, PREFIX[k]))
            return 1;
    return 0;
}

static void take_outlet(sl_draft *d, span x);

/* ------------------------------------------------------------------ bios */

static int role_word(span w, span prev) {
    static const char *const R[] = {"correspondent", "reporter",  "editor",       "producer",
                                    "host",          "anchor",    "writer",       "contributor",
                                    "journalist",    "columnist", "photographer", "photojournalist",
                                    "co-host",       "cohost",    "newscaster"};
    if (w.n && w.s[w.n - 1] == 's')
        w.n--; /* plurals: "one of the hosts" */
    for (size_t k = 0; k < sizeof R / sizeof R[0]; k++)
        if (w.n == strlen(R[k]) && starts_ci(w, R[k]))
            return 1;
    return w.n == 5 && starts_ci(w, "chief") && prev.n == 6 && starts_ci(prev, "bureau");
}

/* A capitalised name of two to four words, optional "(he/him)"; returns the
 * offset after it or 0. */
static size_t bio_name(span x) {
    size_t i = 0, words = 0;
    while (i < x.n && words < 5) {
        size_t st = i;
        if (!(is_upper(x.s[i]) || (unsigned char)x.s[i] >= 0xC3))
            break;
        while (i < x.n && x.s[i] != ' ' && x.s[i] != ',')
            i++;
        for (size_t j = st + 1; j < i; j++)
            if (!(is_alpha(x.s[j]) || x.s[j] == '.' || x.s[j] == '-' || x.s[j] == '\'' ||
                  (unsigned char)x.s[j] >= 0x80))
                return 0;
        words++;
        if (i >= x.n || x.s[i] != ' ')
            break;
        i++;
    }
    if (words < 2 || words > 4)
        return 0;
    if (i < x.n && x.s[i] == '(') { /* pronouns */
        const char *e = memchr(x.s + i, ')', x.n - i < 16 ? x.n - i : 16);
        if (!e)
            return 0;
        i = (size_t)(e - x.s) + 1;
        while (i < x.n && x.s[i] == ' ')
            i++;
    }
    return i;
}

/* "<Name> is a White House correspondent ...", "<Name> has been one of the
 * hosts ...": a staff biography, judged on its first sentence. */
static int is_bio(span x) {
    static const char *const VERB[] = {"is ",     "was ",    "has been ", "has ",
                                       "joined ", "covers ", "serves ",   "reports "};
    size_t i = bio_name(x);
    if (!i)
        return 0;
    span rest = {x.s + i, x.n - i};
    size_t v = 0;
    for (size_t k = 0; k < sizeof VERB / sizeof VERB[0] && !v; k++)
        if (starts_ci(rest, VERB[k]))
            v = strlen(VERB[k]);
    if (!v)
        return 0;
    /* "covers the waterfront for KMBR": a beat at a named outlet. */
    int beat = starts_ci(rest, "covers ") || starts_ci(rest, "reports ") || starts_ci(rest, "joined ");
    span prev = {0, 0};
    for (size_t j = v; j < rest.n && j < 300;) {
        if (rest.s[j] == '.' && (j + 1 == rest.n || rest.s[j + 1] == ' '))
            break;
        if (beat && j + 5 < rest.n && memcmp(rest.s + j, " for ", 5) == 0 &&
            is_upper(rest.s[j + 5]))
            return 1;
        if (!is_alpha(rest.s[j])) {
            j++;
            continue;
        }
        size_t st = j;
        while (j < rest.n && (is_alpha(rest.s[j]) || rest.s[j] == '-'))
            j++;
        span w = {rest.s + st, j - st};
        if (role_word(w, prev))
            return 1;
        prev = w;
    }
    return 0;
}

/* --------------------------------------------------------------- layout */

/* Paragraph reader: either one line is one paragraph, or (hard-wrapped
 * text) consecutive lines join until a blank line, a short line, a
 * speaker label or chrome. */
typedef struct para_it {
    const char *s;
    size_t n, pos;
    int wrapped, blank_paras;
    size_t width;
} para_it;

/* Wrapped text has most inner lines (a line followed by another) near one
 * width, below ~110 columns, and mostly not ending a sentence; a file with
 * one paragraph per line has neither property. */
static void detect_layout(para_it *it) {
    size_t hist[128] = {0}, inner = 0, inner_end = 0, pos = 0, blank_between = 0;
    span prev = {0, 0}, line;
    int seen = 0;
    while (next_line(it->s, it->n, &pos, &line)) {
        line = trim(line);
        seen |= line.n > 0;
        blank_between += seen && !line.n && prev.n;
        if (prev.n && line.n) {
            size_t k = cp_len(prev);
            hist[k < 127 ? k : 127]++;
            inner++;
            inner_end += ends_sentence(prev);
        }
        prev = line;
    }
    it->wrapped = 0;
    if (inner < 3 || inner_end * 2 >= inner)
        return;
    size_t acc = 0, w = 0;
    while (w < 127 && (acc += hist[w]) * 10 < inner * 9)
        w++;
    if (w < 30 || w > 110)
        return;
    size_t near = 0;
    for (size_t k = w * 6 / 10; k < 128; k++)
        near += hist[k];
    if (near * 2 < inner)
        return;
    /* The wrapper's width is the longest ordinary line, not a percentile:
     * a line that could have taken the next word must end a paragraph. */
    it->width = w;
    for (size_t k = w; k <= 110; k++)
        if (hist[k])
            it->width = k;
    it->wrapped = 1;
    it->blank_paras = blank_between >= 2;
}

static int wrap_break(const para_it *it, span prev, span next) {
    size_t dummy;
    if (turn_label(next, &dummy) || is_chrome(prev) || is_chrome(next))
        return 1;
    /* Wrappers that balance lines (fmt, par) leave room at line ends, so
     * "the next word would have fit" is only trusted with a margin; when
     * blank lines separate paragraphs, only a clearly short line ends one. */
    size_t room = it->blank_paras ? it->width / 2 : it->width - it->width / 8;
    return cp_len(prev) + 1 + first_word_len(next) <= room;
}

/* Next paragraph into out; *blanks gets the blank lines before it. */
static int para_next(para_it *it, sl_buf *out, int *blanks) {
    span line;
    *blanks = 0;
    sl_buf_clear(out);
    for (;;) {
        if (!next_line(it->s, it->n, &it->pos, &line))
            return 0;
        line = trim(line);
        if (line.n)
            break;
        (*blanks)++;
    }
    sl_buf_append(out, line.s, line.n);
    while (it->wrapped) {
        size_t save = it->pos;
        span next;
        if (!next_line(it->s, it->n, &it->pos, &next))
            break;
        next = trim(next);
        if (!next.n || wrap_break(it, line, next)) {
            it->pos = save;
            break;
        }
        sl_buf_putc(out, ' ');
        sl_buf_append(out, next.s, next.n);
        line = next;
    }
    return 1;
}

/* ------------------------------------------------------------ paragraphs */

/* Looks like the start of the article proper rather than a title block
 * line: a speaker turn, a sentence, or simply long. */
static int body_like(span x) {
    size_t dummy;
    if (is_chrome(x))
        return 0;
    if (turn_label(x, &dummy) || x.n >= 200)
        return 1;
    size_t w = word_count(x);
    if (w >= 6 && last_meaningful(x) == '.')
        return 1;
    for (size_t i = 0; w >= 12 && i + 2 < x.n; i++)
        if (x.s[i] == '.' && x.s[i + 1] == ' ' && is_upper(x.s[i + 2]))
            return 1;
    return 0;
}

static int headline_like(span x) {
    char iso[32];
    sl_date_source src;
    if (x.n > TITLE_MAX_BYTES || word_count(x) < 3 || is_chrome(x) || last_meaningful(x) == '.' ||
        last_meaningful(x) == ':' || starts_ci(x, "by "))
        return 0;
    return !sl_date_from_text(x.s, x.n, iso, &src);
}

/* The per-document state of the paragraph loop. */
typedef struct proc {
    sl_draft *d;
    size_t first_block;
    unsigned char *labelled; /* per block added: 1 if it opened with a label */
    size_t cap;
    char speaker[LABEL_MAX_BYTES + 4];
    int active, pending; /* a speaker continues / a bare label awaits text */
    sl_buf strip;
} proc;

static int emit(proc *p, sl_block_kind kind, span t, const char *speaker, int labelled) {
    size_t before = p->d->n_blocks;
    if (sl_draft_add_block(p->d, kind, t.s, t.n, speaker))
        return -1;
    if (p->d->n_blocks == before)
        return 0;
    size_t idx = p->d->n_blocks - 1 - p->first_block;
    unsigned char *f = sl_grow(p->labelled, &p->cap, idx + 1, 1, 64);
    if (!f)
        return -1;
    p->labelled = f;
    p->labelled[idx] = (unsigned char)labelled;
    return 0;
}

/* Continuation paragraphs stay with the last speaker (a reader of a
 * transcript expects that) until a new label, a production marker, or a
 * gap of two or more blank lines, which in scrapes separates segments. */
static int body_para(proc *p, span raw, int blanks) {
    int had, lead;
    sl_buf_clear(&p->strip);
    strip_markers(raw, &p->strip, &had, &lead);
    if (p->strip.oom)
        return -1;
    span t = trim((span){p->strip.data, p->strip.len});
    if (blanks >= 2 || lead)
        p->active = p->pending = 0;
    if (!t.n)
        return 0;
    if (is_chrome(t)) {
        take_outlet(p->d, t); /* "© 2024 BayNews Now." at the foot names the outlet */
        return 0;
    }
    size_t name_n, off = turn_label(t, &name_n);
    if (off) {
        memcpy(p->speaker, t.s, name_n);
        p->speaker[name_n] = 0;
        p->active = 1;
        span said = trim((span){t.s + off, t.n - off});
        p->pending = said.n == 0;
        return said.n ? emit(p, SL_BLOCK_TURN, said, p->speaker, 1) : 0;
    }
    int labelled = p->pending;
    p->pending = 0;
    if (p->active)
        return emit(p, SL_BLOCK_TURN, t, p->speaker, labelled);
    return emit(p, SL_BLOCK_PARAGRAPH, t, NULL, 0);
}

/* End of text: short lines without sentence punctuation, chrome and staff
 * bios, scanning back over a bounded number of blocks. Labelled turns are
 * speech and always stay; so does the first block. */
static void trim_tail(proc *p) {
    sl_draft *d = p->d;
    for (int k = 0; k < TAIL_MAX_BLOCKS && d->n_blocks > p->first_block + 1; k++) {
        size_t i = d->n_blocks - 1;
        const sl_block *b = &d->blocks[i];
        span t = {d->text.data + b->start, b->end - b->start};
        if (p->labelled[i - p->first_block])
            return;
        int tail = is_chrome(t) || is_bio(t) || (t.n <= 80 && !ends_sentence(t));
        if (!tail)
            return;
        sl_draft_drop_last(d);
    }
}

/* "By Ana Ortiz and Tom Reyes" in the title block. */
static void take_byline(sl_draft *d, span x) {
    if (d->authors || x.n > 80 || !starts_ci(x, "by ") || x.s[0] != 'B' || x.n < 4 ||
        !is_upper(x.s[3]) || ends_sentence(x))
        return;
    sl_buf b;
    sl_buf_init(&b);
    for (size_t i = 3; i < x.n; i++) {
        if (i + 5 <= x.n && memcmp(x.s + i, " and ", 5) == 0) {
            sl_buf_append(&b, "; ", 2);
            i += 4;
        } else if (x.s[i] == ',' && i + 1 < x.n && x.s[i + 1] == ' ') {
            sl_buf_append(&b, ";", 1);
        } else {
            sl_buf_putc(&b, x.s[i]);
        }
    }
    if (!b.oom)
        d->authors = sl_draft_str(d, b.data, b.len);
    sl_buf_free(&b);
}

/* How many leading paragraphs form the title block: those before the first
 * body-like paragraph, if that comes early enough; else none. */
static int title_block_len(const char *s, size_t n, sl_buf *tmp, sl_buf *strip) {
    para_it it = {s, n, 0, 0, 0, 0};
    detect_layout(&it);
    int blanks, had, lead;
    for (int k = 0; k < TOP_MAX_PARAS && para_next(&it, tmp, &blanks); k++) {
        sl_buf_clear(strip);
        strip_markers((span){tmp->data, tmp->len}, strip, &had, &lead);
        if (body_like(trim((span){strip->data, strip->len})))
            return k;
    }
    return 0;
}

/* "© 2024 WGLT" at the top of a scrape names the outlet even though its year
 * is not the story's: the name after the symbol and years, if short. */
static void take_outlet(sl_draft *d, span x) {
    if (d->outlet || !sl_is_copyright_line(x.s, x.n))
        return;
    size_t i = 0;
    while (i < x.n) {
        if (starts_ci((span){x.s + i, x.n - i}, "copyright"))
            i += 9;
        else if (starts_ci((span){x.s + i, x.n - i}, "(c)"))
            i += 3;
        else if (x.n - i >= 2 && memcmp(x.s + i, "\xC2\xA9", 2) == 0)
            i += 2;
        else if ((x.s[i] >= '0' && x.s[i] <= '9') || x.s[i] == ' ' || x.s[i] == '-' ||
                 x.s[i] == ',')
            i++;
        else
            break;
    }
    span name = trim((span){x.s + i, x.n - i});
    size_t end = 0;
    while (end < name.n && name.s[end] != '.' && name.s[end] != '|' && name.s[end] != ',')
        end++;
    name = trim((span){name.s, end});
    if (name.n >= 2 && name.n <= 60 && word_count(name) <= 6 && is_alpha(name.s[0]))
        d->outlet = sl_draft_str(d, name.s, name.n);
}

/* The shared loop: n_top leading paragraphs are the title block (title,
 * byline, date line, chrome), the rest is body. */
static sl_status run(const char *s, size_t n, sl_draft *d, int n_top, sl_error *err) {
    proc p = {.d = d, .first_block = d->n_blocks};
    sl_buf para, title;
    sl_buf_init(&para);
    sl_buf_init(&title);
    sl_buf_init(&p.strip);
    para_it it = {s, n, 0, 0, 0, 0};
    detect_layout(&it);
    int blanks, rc = 0;
    for (int k = 0; rc == 0 && para_next(&it, &para, &blanks); k++) {
        if (k < n_top) {
            int had, lead;
            sl_buf_clear(&p.strip);
            strip_markers((span){para.data, para.len}, &p.strip, &had, &lead);
            span t = trim((span){p.strip.data, p.strip.len});
            take_byline(d, t);
            take_outlet(d, t);
            if (headline_like(t)) {
                sl_buf_clear(&title);
                sl_buf_append(&title, t.s, t.n);
            }
            continue;
        }
        rc = body_para(&p, (span){para.data, para.len}, blanks);
    }
    if (rc == 0 && !para.oom && !p.strip.oom && !title.oom) {
        trim_tail(&p);
        if (title.len && !d->title)
            d->title = sl_draft_str(d, title.data, title.len);
    } else {
        rc = -1;
    }
    sl_buf_free(&para);
    sl_buf_free(&title);
    sl_buf_free(&p.strip);
    free(p.labelled);
    return rc ? sl_fail(err, SL_ERR_NOMEM, "out of memory reading plain text") : SL_OK;
}

/* ------------------------------------------------------------ header text */

/* The first three non-blank lines of header-style text. */
static int header_lines(const char *s, size_t n, span out[3], size_t *body) {
    size_t pos = 0;
    int k = 0;
    span line;
    while (k < 3 && next_line(s, n, &pos, &line)) {
        line = trim(line);
        if (line.n)
            out[k++] = line;
    }
    *body = pos;
    return k == 3;
}

static int is_url(span x) {
    if (!(starts_ci(x, "http://") || starts_ci(x, "https://")) || x.n > 4096)
        return 0;
    for (size_t i = 0; i < x.n; i++)
        if (x.s[i] == ' ' || x.s[i] == '\t')
            return 0;
    return 1;
}

static int yyyymmdd(span x, char iso[32]) {
    if (x.n != 8)
        return 0;
    for (size_t i = 0; i < 8; i++)
        if (x.s[i] < '0' || x.s[i] > '9')
            return 0;
    return sl_date_parse(x.s, x.n, iso) && sl_date_plausible(iso);
}

int sl_plain_is_headertext(const char *s, size_t n) {
    span h[3];
    size_t body;
    char iso[32];
    if (!s || !header_lines(s, n, h, &body))
        return 0;
    return h[0].n <= TITLE_MAX_BYTES && !is_url(h[0]) && yyyymmdd(h[1], iso) && is_url(h[2]);
}

static sl_status extract_headertext(const char *s, size_t n, sl_draft *d, sl_error *err) {
    span h[3];
    size_t body;
    char iso[32];
    header_lines(s, n, h, &body);
    if (!d->title)
        d->title = sl_draft_str(d, h[0].s, h[0].n);
    if (yyyymmdd(h[1], iso))
        sl_draft_add_date(d, iso, SL_DATE_HEADER);
    if (!d->url) /* a URL the caller knew (WARC target) is authoritative */
        d->url = sl_arena_strndup(&d->arena, h[2].s, h[2].n);
    if (!d->url)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory reading header text");
    return run(s + body, n - body, d, 0, err);
}

/* -------------------------------------------------------------- public */

sl_status sl_plain_extract(const char *s, size_t n, sl_format fmt, sl_draft *d, sl_error *err) {
    if (!s || !d)
        return sl_fail(err, SL_ERR_ARG, "no text to read");
    if (fmt == SL_FORMAT_HEADERTEXT && sl_plain_is_headertext(s, n))
        return extract_headertext(s, n, d, err);
    char iso[32];
    sl_date_source src;
    if (sl_date_from_text(s, n, iso, &src))
        sl_draft_add_date(d, iso, src);
    sl_buf tmp, strip;
    sl_buf_init(&tmp);
    sl_buf_init(&strip);
    int n_top = title_block_len(s, n, &tmp, &strip);
    int oom = tmp.oom || strip.oom;
    sl_buf_free(&tmp);
    sl_buf_free(&strip);
    if (oom)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory reading plain text");
    return run(s, n, d, n_top, err);
}

sl_status sl_plain_body(const char *s, size_t n, sl_draft *d, sl_error *err) {
    if (!s || !d)
        return sl_fail(err, SL_ERR_ARG, "no text to read");
    return run(s, n, d, 0, err);
}

size_t sl_plain_turn_label(const char *s, size_t n, size_t *name_n) {
    return turn_label((span){s, n}, name_n);
}

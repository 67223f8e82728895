/* quote.c — who said what: direct quotes with their speakers, partial
 * quotes, reported speech and transcript turns.
 *
 * One linear pass pairs quote marks block by block into quote units (a
 * unit may run over paragraphs that reopen with a quote mark); each unit
 * then looks a bounded number of tokens around itself for a cue verb and
 * the noun phrase that speaks. A second pass over sentences finds reported
 * speech among the cues no quote used. Every look-around is capped at
 * SCAN_MAX tokens, so the whole is linear in the article. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "quote.h"
#include "quote_lex.h"
#include "../core/draft.h"

enum {
    F_OPEN = 1,   /* “ « „ */
    F_CLOSE = 2,  /* ” » */
    F_AMBIG = 4,  /* " or '' : opens or closes by position */
    F_INQ = 8,    /* inside a quote's content */
    F_USED = 16,  /* cue already attributed to a direct quote */
    F_QBEG = 32,  /* first token of an opening mark */
    F_QEND = 64,  /* last token of a closing mark */
    F_MARK2 = 128, /* second half of a '' mark */
    F_REP = 256,   /* inside the content of reported speech */
    F_SBEG = 512,  /* first token of a sentence */
    F_DQ = 1024,   /* inside the content of a direct quote */
    F_RCUE = 2048  /* cue of reported speech */
};

#define SCAN_MAX 40 /* tokens looked at on each side of a quote */
#define NP_MAX 8    /* longest speaker phrase, in tokens */
#define PARTIAL_MAX 8 /* a partial quote is a few words */

typedef struct unit {
    size_t open, c0, c1, after; /* opening mark, content [c0,c1), first token after */
    int b0, b1;                 /* first and last block */
    int closed;
} unit;

typedef struct span {
    size_t s, e; /* token range, empty when s == e */
} span;

typedef struct qctx {
    const sl_article *a;
    const char *t;
    const sl_token *tk;
    size_t nt;
    uint16_t *fl;
    int *blk;       /* block of each token, -1 if none */
    size_t *bfirst; /* first token of each block (nt if empty) */
    size_t *bend;
    sl_arena *ar;
    sl_quote *q;
    size_t nq, capq;
    unit *u;
    size_t nu, capu;
    span *qsp;     /* speaker of each quote, as tokens */
    int32_t *cue_q; /* quote of each cue token used by a direct quote, else -1 */
} qctx;

/* ------------------------------------------------------------ tokens */

static size_t tlen(const qctx *c, size_t k) {
    return c->tk[k].end - c->tk[k].start;
}

static const char *ttxt(const qctx *c, size_t k) {
    return c->t + c->tk[k].start;
}

static int teq(const qctx *c, size_t k, const char *s) {
    size_t n = strlen(s);
    return k < c->nt && tlen(c, k) == n && memcmp(ttxt(c, k), s, n) == 0;
}

static int is_word(const qctx *c, size_t k) {
    return c->tk[k].kind == SL_TOK_WORD || c->tk[k].kind == SL_TOK_NUMBER;
}

static int is_lower(const qctx *c, size_t k) {
    unsigned char ch = (unsigned char)ttxt(c, k)[0];
    return ch >= 'a' && ch <= 'z';
}

static int is_upper(const qctx *c, size_t k) {
    unsigned char ch = (unsigned char)ttxt(c, k)[0];
    return (ch >= 'A' && ch <= 'Z') || ch >= 0xC3;
}

static int is_end(const qctx *c, size_t k) {
    return c->tk[k].kind == SL_TOK_PUNCT && (teq(c, k, ".") || teq(c, k, "!") || teq(c, k, "?"));
}

/* Cue flags of token k: only lower-case words count, so "States" and a
 * name like "Said" never cue. */
static int cue_at(const qctx *c, size_t k) {
    if (k >= c->nt || c->tk[k].kind != SL_TOK_WORD)
        return 0;
    int f = sl_quote_cue(ttxt(c, k), tlen(c, k));
    if (!is_lower(c, k) && !(f & Q_ACCORDING)) /* "According to …" opens sentences */
        return 0;
    if ((f & Q_ACCORDING) && !teq(c, k + 1, "to"))
        return 0;
    return f;
}

static int stop_at(const qctx *c, size_t k) {
    return sl_quote_is_stop(ttxt(c, k), tlen(c, k));
}

/* ------------------------------------------------------------ marks */

static int mark_kind(const qctx *c, size_t k, int *two) {
    const char *s = ttxt(c, k);
    size_t n = tlen(c, k);
    *two = 0;
    if (c->tk[k].kind != SL_TOK_PUNCT && c->tk[k].kind != SL_TOK_SYMBOL)
        return 0;
    if ((n == 3 && (!memcmp(s, "\xE2\x80\x9C", 3) || !memcmp(s, "\xE2\x80\x9E", 3))) ||
        (n == 2 && !memcmp(s, "\xC2\xAB", 2)))
        return F_OPEN;
    if ((n == 3 && !memcmp(s, "\xE2\x80\x9D", 3)) || (n == 2 && !memcmp(s, "\xC2\xBB", 2)))
        return F_CLOSE;
    if (n == 1 && s[0] == '"')
        return F_AMBIG;
    if (n == 1 && s[0] == '\'' && k + 1 < c->nt && teq(c, k + 1, "'") &&
        c->tk[k + 1].start == c->tk[k].end) {
        *two = 1;
        return F_AMBIG;
    }
    if (n == 2 && s[0] == '\'' && s[1] == '\'')
        return F_AMBIG;
    return 0;
}

static unit *new_unit(qctx *c) {
    if (c->nu == c->capu) {
        size_t cap = c->capu ? 2 * c->capu : 32;
        unit *u = sl_arena_realloc(c->ar, c->u, c->capu * sizeof *u, cap * sizeof *u);
        if (!u)
            return NULL;
        c->u = u;
        c->capu = cap;
    }
    unit *u = &c->u[c->nu++];
    memset(u, 0, sizeof *u);
    return u;
}

/* Pairs the marks of one block. *cont is a unit left open by the block
 * before: a block that opens with a mark continues it. */
static int pair_block(qctx *c, int b, long *cont) {
    size_t f = c->bfirst[b], e = c->bend[b];
    long open = -1;
    for (size_t k = f; k < e; k++) {
        int two, m = mark_kind(c, k, &two);
        if (!m)
            continue;
        size_t mend = k + 1 + (size_t)two;
        if (m == F_CLOSE && open < 0 && mend < e && c->tk[mend].start == c->tk[k].end &&
            is_word(c, mend))
            m = F_OPEN; /* "Ukraine.”We’re …": a closing mark typed to open */
        if (two)
            c->fl[k + 1] |= F_MARK2;
        if (open < 0 && m == F_CLOSE)
            continue;
        if (open >= 0 && m != F_OPEN) {
            unit *u = &c->u[open];
            u->c1 = k;
            u->after = mend;
            u->b1 = b;
            u->closed = 1;
            c->fl[mend - 1] |= F_QEND;
            open = -1;
        } else {
            if (open >= 0) { /* a new opening: the last one never closed */
                c->u[open].c1 = c->u[open].after = k;
                c->u[open].b1 = b;
            }
            if (k == f && *cont >= 0) {
                open = *cont;
            } else {
                unit *u = new_unit(c);
                if (!u)
                    return -1;
                u->open = k;
                u->c0 = mend;
                u->b0 = b;
                open = (long)(u - c->u);
            }
            c->fl[k] |= F_QBEG;
        }
        k = mend - 1;
    }
    *cont = -1;
    if (open >= 0) {
        unit *u = &c->u[open];
        u->c1 = u->after = e;
        u->b1 = b;
        *cont = open;
    }
    return 0;
}

/* ------------------------------------------------------------ speakers */

static int is_weekday(const qctx *c, size_t k) {
    static const char *const d[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                    "Saturday", "Sunday", "Monday's", "yesterday", "today"};
    for (size_t i = 0; i < sizeof d / sizeof *d; i++)
        if (teq(c, k, d[i]))
            return 1;
    return 0;
}

/* "don't", "didn’t": negated auxiliaries end no noun phrase. */
static int negated(const qctx *c, size_t k) {
    size_t n = tlen(c, k);
    const char *w = ttxt(c, k);
    return (n > 3 && !memcmp(w + n - 3, "n't", 3)) ||
           (n > 5 && !memcmp(w + n - 5, "n\xE2\x80\x99t", 5));
}

static int np_token(const qctx *c, size_t k) {
    if (is_word(c, k) && negated(c, k))
        return 0;
    if (is_word(c, k))
        return !stop_at(c, k) && !(is_lower(c, k) && cue_at(c, k)) &&
               !(is_lower(c, k) && sl_quote_is_aux(ttxt(c, k), tlen(c, k)));
    return teq(c, k, "-") || teq(c, k, "&") || teq(c, k, "\xE2\x80\x99s") || teq(c, k, "'s");
}

/* "one said", "said another": a lone quantifier stands for a person */
static int pro_det(const qctx *c, span s) {
    return s.e == s.s + 1 && !teq(c, s.s, "the") && !teq(c, s.s, "a") && !teq(c, s.s, "an") &&
           !teq(c, s.s, "The") && !teq(c, s.s, "A") && !teq(c, s.s, "this") && !teq(c, s.s, "This");
}

static int all_dets(const qctx *c, span s) {
    if (pro_det(c, s))
        return 0;
    for (size_t k = s.s; k < s.e; k++)
        if (!sl_quote_is_det(ttxt(c, k), tlen(c, k)) && is_word(c, k))
            return 0;
    return 1;
}

/* The noun phrase ending at e (exclusive), no further left than lo. */
static span np_core(const qctx *c, size_t lo, size_t e) {
    size_t s = e;
    while (s > lo && e - s < NP_MAX && np_token(c, s - 1))
        s--;
    /* "Today the regional transport minister said": when, not who */
    while (s < e && (teq(c, s, "Today") || teq(c, s, "Yesterday") || teq(c, s, "Tonight") ||
                     teq(c, s, "Meanwhile") || teq(c, s, "Earlier") || teq(c, s, "Later")))
        s++;
    span r = {s, e};
    if (s == e || all_dets(c, r))
        r.s = r.e = e;
    return r;
}

/* The subject of a cue at hi: steps back over auxiliaries, adverbs and a
 * day ("has also said", "on Tuesday said"), then over an appositive set off
 * by commas ("Odell, who leads the union, said"). */
static span np_left(const qctx *c, size_t lo, size_t hi) {
    size_t j = hi;
    while (j > lo) {
        size_t k = j - 1;
        if (is_word(c, k) && is_lower(c, k) &&
            (sl_quote_is_aux(ttxt(c, k), tlen(c, k)) ||
             (tlen(c, k) > 4 && !memcmp(ttxt(c, k) + tlen(c, k) - 2, "ly", 2) &&
              !(k > lo && sl_quote_is_det(ttxt(c, k - 1), tlen(c, k - 1)))))) {
            /* an adverb, unless a determiner makes it a noun: "the daily" */
            j--;
        } else if (is_weekday(c, k)) {
            j -= (k > lo && teq(c, k - 1, "on")) ? 2 : 1;
        } else if (teq(c, k, "to") && k >= lo + 2 && teq(c, k - 1, "on")) {
            j -= 3; /* "went on to say" */
        } else {
            break;
        }
    }
    if (j > lo && (teq(c, j - 1, "who") || teq(c, j - 1, "which"))) {
        /* "Odell, who said …": the relative and what it stands for */
        span r = {j - 1, j};
        if (j - 1 > lo && teq(c, j - 2, ",")) {
            span h = np_core(c, lo, j - 2);
            if (h.s < h.e)
                r.s = h.s;
        }
        return r;
    }
    if (j > lo && teq(c, j - 1, ")")) { /* "Reid (D-Nev.) said" */
        size_t p = j - 1;
        while (p > lo && j - p < 10 && !teq(c, p, "("))
            p--;
        if (teq(c, p, "("))
            j = p;
    }
    if (j > lo && teq(c, j - 1, ",")) {
        size_t p = j - 1, lim = j > lo + SCAN_MAX ? j - SCAN_MAX : lo;
        while (p > lim && !teq(c, p - 1, ",") && !is_end(c, p - 1) &&
               !(c->fl[p - 1] & (F_QEND | F_QBEG)))
            p--;
        if (p > lim && teq(c, p - 1, ",")) {
            span r = np_core(c, lo, p - 1);
            if (r.s < r.e)
                r.e = j - 1;
            return r;
        }
        span r = {j, j};
        return r;
    }
    span r = np_core(c, lo, j);
    /* "A spokesman for the minister said", "Ferry workers in Marrow Bay
     * agreed": the phrase's head is the spokesman, the workers; a title
     * ("Secretary of State Blinken") is no head noun */
    if (r.s < r.e && r.s >= lo + 2 &&
        (teq(c, r.s - 1, "for") || teq(c, r.s - 1, "of") || teq(c, r.s - 1, "in") ||
         teq(c, r.s - 1, "at") || teq(c, r.s - 1, "from") || teq(c, r.s - 1, "with")) &&
        is_word(c, r.s - 2) && is_lower(c, r.s - 2) && !stop_at(c, r.s - 2)) {
        span h = np_core(c, lo, r.s - 1);
        if (h.s < h.e)
            r.s = h.s;
    }
    return r;
}

/* The noun phrase starting at s, no further right than hi: "said Odell,
 * the union's leader" gives "Odell". */
static span np_right(const qctx *c, size_t s, size_t hi) {
    span r = {s, s};
    if (s >= hi || !is_word(c, s) || stop_at(c, s) || cue_at(c, s))
        return r;
    size_t e = s;
    while (e < hi && e - s < NP_MAX &&
           (np_token(c, e) || (teq(c, e, "of") && e + 1 < hi && is_upper(c, e + 1))))
        e++;
    r.e = e;
    if (all_dets(c, r))
        r.e = r.s;
    return r;
}

/* The subject that opens the clause of [lo, hi): for a participle cue
 * ("…, adding that …") the speaker is the sentence's subject. */
static span subject(const qctx *c, size_t lo, size_t hi) {
    size_t s = lo;
    while (s < hi && !is_word(c, s))
        s++;
    if (s < hi && (teq(c, s, "But") || teq(c, s, "And") || teq(c, s, "So")))
        s++;
    while (s < hi && s - lo < 4 && is_word(c, s) && is_lower(c, s) &&
           sl_quote_is_aux(ttxt(c, s), tlen(c, s)))
        s++; /* "And then Odell …" */
    /* an opening phrase ("In March, …", "Asked about it, …") before the
     * subject; a name that merely ends like a participle is no opener */
    int opener = s < hi && is_word(c, s) && !sl_quote_is_pronoun(ttxt(c, s), tlen(c, s)) &&
                 (stop_at(c, s) || is_lower(c, s) ||
                  (tlen(c, s) > 4 && !cue_at(c, s + 1) &&
                   (!memcmp(ttxt(c, s) + tlen(c, s) - 2, "ed", 2) ||
                    !memcmp(ttxt(c, s) + tlen(c, s) - 3, "ing", 3))));
    if (opener) {
        /* an opening adverbial: the subject follows its comma */
        size_t k = s;
        while (k < hi && k - s < SCAN_MAX && !teq(c, k, ","))
            k++;
        s = k + 1;
    }
    span r = {s, s};
    if (s >= hi)
        return r;
    if (sl_quote_is_pronoun(ttxt(c, s), tlen(c, s))) {
        r.e = s + 1;
        return r;
    }
    size_t e = s;
    while (e < hi && e - s < NP_MAX && np_token(c, e)) {
        /* a lower-case word after a name is likely the verb */
        if (e > s && is_lower(c, e) && !sl_quote_is_det(ttxt(c, e), tlen(c, e)) &&
            tlen(c, e) > 3 && !memcmp(ttxt(c, e) + tlen(c, e) - 2, "ed", 2))
            break;
        /* "Odell went …": a name then a plain lower-case word; a possessive
         * name goes on ("Odell's deputy") */
        if (e > s && is_lower(c, e) && is_upper(c, e - 1) && !teq(c, e, "of") &&
            !sl_quote_is_det(ttxt(c, e), tlen(c, e)) && tlen(c, e - 1) > 2 &&
            memcmp(ttxt(c, e - 1) + tlen(c, e - 1) - 2, "'s", 2) &&
            (tlen(c, e - 1) < 4 || memcmp(ttxt(c, e - 1) + tlen(c, e - 1) - 4, "\xE2\x80\x99s", 4)))
            break;
        e++;
    }
    r.e = e;
    if (all_dets(c, r))
        r.e = r.s;
    return r;
}

/* The speaker of cue k inside [lo, hi). */
static span speaker_of(const qctx *c, size_t k, size_t lo, size_t hi, int flags) {
    if (flags & Q_ACCORDING)
        return np_right(c, k + 2, hi);
    span r = {k, k};
    if ((flags & Q_ING) && k > lo && teq(c, k - 1, ","))
        return subject(c, lo, k - 1);
    r = np_left(c, lo, k);
    if (r.s == r.e && k > lo && (teq(c, k - 1, "and") || teq(c, k - 1, "but")))
        return subject(c, lo, k - 1); /* "He … and stated, “…”" */
    if (r.s == r.e)
        r = np_right(c, k + 1, hi);
    return r;
}

/* ------------------------------------------------------------ output */

static sl_quote *emit(qctx *c, sl_quote_kind kind, size_t c0, size_t c1, span sp, long cue) {
    if (c0 >= c1)
        return NULL;
    if (c->nq == c->capq) {
        size_t cap = c->capq ? 2 * c->capq : 32;
        sl_quote *q = sl_arena_realloc(c->ar, c->q, c->capq * sizeof *q, cap * sizeof *q);
        span *qs = sl_arena_realloc(c->ar, NULL, 0, cap * sizeof *qs);
        if (!q || !qs)
            return NULL;
        if (c->nq)
            memcpy(qs, c->qsp, c->nq * sizeof *qs);
        c->q = q;
        c->qsp = qs;
        c->capq = cap;
    }
    sl_quote *q = &c->q[c->nq];
    c->qsp[c->nq++] = sp;
    memset(q, 0, sizeof *q);
    q->kind = kind;
    q->start = c->tk[c0].start;
    q->end = c->tk[c1 - 1].end;
    if (sp.s < sp.e) {
        q->speaker_start = c->tk[sp.s].start;
        q->speaker_end = c->tk[sp.e - 1].end;
    }
    if (cue >= 0) {
        size_t k = (size_t)cue;
        q->cue_start = c->tk[k].start;
        q->cue_end = c->tk[k].end;
        if (cue_at(c, k) & Q_ACCORDING)
            q->cue_end = c->tk[k + 1].end;
    }
    q->entity = -1;
    uint16_t mark = kind == SL_QUOTE_INDIRECT ? F_REP : kind == SL_QUOTE_DIRECT ? F_DQ : 0;
    for (size_t k = c0; mark && k < c1; k++)
        c->fl[k] |= mark;
    return q;
}

/* ------------------------------------------------------------ direct */

typedef struct attr {
    long cue;  /* cue token or -1 */
    span sp;   /* speaker */
    int mixed; /* tail words other than the attribution precede it */
} attr;

static int has_that(const qctx *c, size_t s, size_t e) {
    for (size_t k = s; k < e; k++)
        if (teq(c, k, "that"))
            return 1;
    return 0;
}

/* First cue of the words after a quote: ", Odell said", "said Odell, the …",
 * ", according to the ministry". */
static attr tail_attr(const qctx *c, size_t s, size_t e) {
    attr a = {-1, {0, 0}, 0};
    for (size_t k = s; k < e && k < s + 16; k++) {
        int f = cue_at(c, k);
        if (!f || (f & Q_STANCE) || (f & Q_BEL && !(f & Q_SAY)))
            continue;
        size_t lo = s;
        while (lo < k && !is_word(c, lo))
            lo++;
        a.cue = (long)k;
        if (f & Q_ACCORDING)
            a.sp = np_right(c, k + 2, e);
        else if (lo == k)
            a.sp = np_right(c, k + 1, e);
        else
            a.sp = np_left(c, lo, k);
        /* words before the speaker that are no part of it: the quote runs
         * on into the sentence ("“…” with the board by May, she said") */
        if (!(f & Q_ACCORDING) && lo < k && a.sp.s < a.sp.e)
            for (size_t j = lo; j < a.sp.s && !a.mixed; j++)
                a.mixed = is_word(c, j);
        return a;
    }
    return a;
}

/* A tail with a verb the lexicon lacks: ", Odell shot back", ", he
 * promises", ", remembered Ann Odell, the …". Only right after a quote,
 * where such a shape is nearly always attribution. */
static attr tail_generic(const qctx *c, size_t s, size_t e) {
    attr a = {-1, {0, 0}, 0};
    while (s < e && teq(c, s, ","))
        s++;
    if (s >= e || !is_word(c, s))
        return a;
    if (is_lower(c, s) && !stop_at(c, s) && !sl_quote_is_det(ttxt(c, s), tlen(c, s)) &&
        !sl_quote_is_pronoun(ttxt(c, s), tlen(c, s))) {
        span r = np_right(c, s + 1, e);
        if (r.s < r.e && (is_upper(c, r.s) || sl_quote_is_det(ttxt(c, r.s), tlen(c, r.s)))) {
            a.cue = (long)s;
            a.sp = r;
        }
        return a;
    }
    size_t k = s;
    if (sl_quote_is_pronoun(ttxt(c, s), tlen(c, s)) && !teq(c, s, "it")) {
        k = s + 1;
    } else {
        while (k < e && k - s < 6 && is_word(c, k) && is_upper(c, k))
            k++;
    }
    if (k == s || k >= e || !is_word(c, k) || !is_lower(c, k) || stop_at(c, k) ||
        sl_quote_is_det(ttxt(c, k), tlen(c, k)) || sl_quote_is_aux(ttxt(c, k), tlen(c, k)))
        return a;
    a.cue = (long)k;
    a.sp.s = s;
    a.sp.e = k;
    return a;
}

/* Last cue before a quote: "Odell said: “…", "As Odell put it, …". */
static attr head_attr(const qctx *c, size_t s, size_t e) {
    attr a = {-1, {0, 0}, 0};
    for (size_t k = e; k > s; k--) {
        int f = cue_at(c, k - 1);
        if (!f || (f & Q_STANCE))
            continue;
        a.cue = (long)(k - 1);
        a.sp = speaker_of(c, k - 1, s, e, f);
        return a;
    }
    return a;
}

/* A block that ends "… told reporters:" introduces the quote below it. */
static attr prev_block_attr(const qctx *c, int b) {
    attr a = {-1, {0, 0}, 0};
    if (b <= 0 || c->bfirst[b - 1] >= c->bend[b - 1])
        return a;
    size_t e = c->bend[b - 1], s = c->bfirst[b - 1];
    if (!teq(c, e - 1, ":"))
        return a;
    if (e - s > SCAN_MAX)
        s = e - SCAN_MAX;
    for (size_t k = e - 1; k > s; k--)
        if (is_end(c, k - 1) || (c->fl[k - 1] & F_QEND)) {
            s = k;
            break;
        }
    attr a2 = head_attr(c, s, e - 1);
    if (a2.cue < 0) /* "Ann Odell, a deckhand, echoed:" */
        a2 = tail_generic(c, s, e - 1);
    return a2;
}

/* Words in [s, e), counted up to max: callers ask "at least a few", and
 * a bound keeps repeated asks over one long sentence linear. */
static int words_upto(const qctx *c, size_t s, size_t e, int max) {
    int n = 0;
    for (size_t k = s; k < e && n < max; k++)
        n += is_word(c, k);
    return n;
}

static int words_in(const qctx *c, size_t s, size_t e) {
    return words_upto(c, s, e, PARTIAL_MAX + 1);
}

typedef struct dstate {
    long last;       /* last direct quote, index into c->q */
    long last_cue;   /* its cue token */
    int last_block;  /* its last block */
    span last_sp;    /* its speaker (token span) */
} dstate;

/* Partial quotes wait for the reported-speech pass, which may fold them. */
typedef struct partial {
    size_t c0, c1;
    attr at;
} partial;

/* A speaker phrase opens with a name, a determiner or a pronoun. */
static int sane_speaker(const qctx *c, span sp) {
    if (sp.s >= sp.e || !is_word(c, sp.s))
        return 0;
    return is_upper(c, sp.s) || sl_quote_is_det(ttxt(c, sp.s), tlen(c, sp.s)) ||
           sl_quote_is_pronoun(ttxt(c, sp.s), tlen(c, sp.s)) ||
           c->tk[sp.s].kind == SL_TOK_NUMBER;
}

/* Sane, or a bare plural like "officials", "polls". */
static int plural_or_sane(const qctx *c, span sp) {
    if (sane_speaker(c, sp))
        return 1;
    if (sp.s >= sp.e || !is_word(c, sp.s) || !is_word(c, sp.e - 1))
        return 0;
    size_t n = tlen(c, sp.e - 1);
    const char *w = ttxt(c, sp.e - 1);
    return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && !(tlen(c, sp.s) > 4 &&
           !memcmp(ttxt(c, sp.s) + tlen(c, sp.s) - 2, "ly", 2));
}

/* "Fox News Sunday": every word capitalized, a title rather than words said. */
static int title_case(const qctx *c, size_t s, size_t e) {
    for (size_t k = s; k < e; k++)
        if (c->tk[k].kind == SL_TOK_WORD && !is_upper(c, k) && tlen(c, k) > 3)
            return 0;
    return 1;
}

static int direct_unit(qctx *c, const unit *u, dstate *ds, partial *parts, size_t *n_parts) {
    if (u->c0 >= u->c1)
        return 0;
    size_t h0 = u->open;
    while (h0 > c->bfirst[u->b0] && u->open - h0 < SCAN_MAX && !(c->fl[h0] & F_SBEG) &&
           !(c->fl[h0 - 1] & (F_QEND | F_QBEG)) && !is_end(c, h0 - 1))
        h0--;
    /* the tail is the rest of the sentence after the closing mark; the
     * segmenter may start a sentence right there ("“Stop!” Odell said.") */
    size_t t1 = u->after, te = c->bend[u->b1];
    while (t1 < te && t1 - u->after < SCAN_MAX && !(c->fl[t1] & F_QBEG) &&
           !(t1 > u->after && (c->fl[t1] & F_SBEG)))
        t1++;
    int tail_intro = t1 < te && (c->fl[t1] & F_QBEG) && t1 > u->after && teq(c, t1 - 1, ":");
    attr ha = head_attr(c, h0, u->open);
    attr ta = {-1, {0, 0}, 0};
    /* a quote closed by a full stop ends its sentence: what follows is
     * attribution only when short ("“…” Odell said."), and only with a
     * known cue */
    int dot = u->c1 > u->c0 && teq(c, u->c1 - 1, ".");
    if (!dot || t1 - u->after <= 6) {
        ta = tail_attr(c, u->after, t1);
        if (ta.cue < 0 && u->closed && !dot && !tail_intro)
            ta = tail_generic(c, u->after, t1);
        if (tail_intro && ta.cue >= 0 && (size_t)ta.cue + 2 >= t1)
            ta.cue = -1; /* "He added: “…”" introduces the next quote */
    }
    size_t hn = u->open - h0;
    /* a stance verb right before a quote ("believed “in …”") quotes words
     * inside a report, never a whole utterance */
    int hsay = ha.cue >= 0 && !(cue_at(c, (size_t)ha.cue) & (Q_BEL | Q_STANCE));
    int intro = hn == 0 || teq(c, u->open - 1, ":") ||
                (hsay && ((size_t)ha.cue + 1 == u->open ||
                          ((size_t)ha.cue + 2 == u->open && teq(c, u->open - 1, ","))));
    if (hn > 0 && !intro && teq(c, u->open - 1, ",") && hsay &&
        words_in(c, u->c0, u->c1) >= 4 && !has_that(c, (size_t)ha.cue, u->open))
        intro = 1; /* "Odell said on Friday, “…”" but not "said that for …, “…”" */
    if (hn == 0 && ta.cue >= 0 && ta.mixed)
        intro = 0; /* "“…” with the board by May, she said": a mixed quotation */
    int nw = words_in(c, u->c0, u->c1);
    if (!intro || (hn == 0 && nw < 3 && ta.cue < 0 && t1 > u->after + 1)) {
        /* embedded: a partial quote, or a title / scare quote */
        if (ha.cue < 0 && ta.cue >= 0 && ta.sp.s < ta.sp.e && (hn > 0 || ta.mixed)) {
            /* "In past seasons, “we …,” she said": a mixed quotation, the
             * sentence is reported speech carrying quoted words */
            size_t me = u->c1;
            if (ta.mixed && ta.sp.s < (size_t)ta.cue)
                me = ta.sp.s > u->after && teq(c, ta.sp.s - 1, ",") ? ta.sp.s - 1 : ta.sp.s;
            if (!emit(c, SL_QUOTE_INDIRECT, h0, me, ta.sp, ta.cue))
                return -1;
            c->fl[ta.cue] |= F_USED;
        }
        attr at = ha.cue >= 0 ? ha : ta;
        if (at.cue >= 0 && sane_speaker(c, at.sp) && nw >= 2 && nw <= PARTIAL_MAX &&
            !title_case(c, u->c0, u->c1)) {
            partial *p = &parts[(*n_parts)++];
            p->c0 = u->c0;
            p->c1 = u->c1;
            p->at = at;
        }
        return 0;
    }
    if (ha.cue >= 0 && ha.sp.s == ha.sp.e && (cue_at(c, (size_t)ha.cue) & Q_ING) &&
        ds->last >= 0 && ds->last_block == u->b0)
        ha.sp = ds->last_sp; /* "“…,” she said, adding, “…”" */
    if (hn > 1 && ha.cue < 0 && teq(c, u->open - 1, ":")) {
        /* "Brenn: “…”": a bare name before a colon speaks */
        span r = np_core(c, h0, u->open - 1);
        if (r.s == h0 && r.e > r.s && sane_speaker(c, r)) {
            ha.cue = (long)(u->open - 1);
            ha.sp = r;
        }
    }
    attr at = hn > 0 && ha.cue >= 0 ? ha : ta;
    size_t c1 = u->c1;
    if (at.cue >= 0 && at.cue == ds->last_cue && ds->last >= 0) {
        c->q[ds->last].end = c->tk[c1 - 1].end;
        return 0;
    }
    if (at.cue < 0 && ds->last >= 0 && ds->last_block == u->b0) {
        c->q[ds->last].end = c->tk[c1 - 1].end;
        ds->last_block = u->b1;
        return 0;
    }
    if (at.cue < 0 && (nw < 3 || (nw <= 6 && title_case(c, u->c0, u->c1))))
        return 0; /* "''Taken'' and ''Cruel Intentions''": titles, not words said */
    if (at.cue < 0 && c->a->blocks[u->b0].kind == SL_BLOCK_HEADING)
        return 0; /* a subheading quoting a phrase: whose words, it does not say */
    if (at.cue < 0 && hn == 0)
        at = prev_block_attr(c, u->b0);
    if (at.cue < 0 && ds->last >= 0 && u->b0 - ds->last_block <= 1 && u->b0 > 0) {
        at.sp = ds->last_sp;
    }
    if (at.cue < 0 && at.sp.s == at.sp.e) {
        const sl_block *bl = &c->a->blocks[u->b0];
        if (bl->kind != SL_BLOCK_TURN && nw < 6)
            return 0;
    }
    sl_quote *q = emit(c, SL_QUOTE_DIRECT, u->c0, c1, at.sp, at.cue);
    if (!q)
        return -1;
    if (at.sp.s == at.sp.e && c->a->blocks[u->b0].kind == SL_BLOCK_TURN) {
        const sl_block *bl = &c->a->blocks[u->b0];
        q->speaker_start = (uint32_t)bl->start;
        q->speaker_end = (uint32_t)(bl->start + strlen(bl->speaker));
    }
    if (at.cue >= 0) {
        c->fl[at.cue] |= F_USED;
        c->cue_q[at.cue] = (int32_t)(c->nq - 1);
    }
    ds->last = (long)(c->nq - 1);
    ds->last_cue = at.cue;
    ds->last_block = u->b1;
    ds->last_sp = at.sp;
    return 0;
}

/* ------------------------------------------------------------ reported */

/* Steps over the hearer of "told reporters", "warned the crew". */
static size_t skip_hearer(const qctx *c, size_t k, size_t e) {
    /* "asked to talk to Biden": no hearer, what was asked starts here */
    if (k >= e || teq(c, k, "that") || teq(c, k, "to") || !is_word(c, k))
        return k;
    if (sl_quote_is_det(ttxt(c, k), tlen(c, k)))
        k++;
    size_t s = k;
    /* "urged both sides to keep talking", "told union members that": the
     * hearer runs to the "to" or "that" that opens what was said */
    for (size_t j = k; j < e && j - s < 4 && is_word(c, j); j++)
        if (j > s && (teq(c, j, "to") || teq(c, j, "that")))
            return j;
    /* "told reporters in the lobby that": where or when they were told,
     * a preposition and a few words, before the "that" */
    if (k + 1 < e && (teq(c, k + 1, "in") || teq(c, k + 1, "at") || teq(c, k + 1, "outside") ||
                      teq(c, k + 1, "after") || teq(c, k + 1, "during")))
        for (size_t j = k + 2; j < e && j - s < 7 && is_word(c, j); j++)
            if (teq(c, j, "that"))
                return j;
    while (k < e && k - s < 4 && is_word(c, k) && (is_upper(c, k) || k == s) && !stop_at(c, k))
        k++;
    return k;
}

/* The content's end without its closing punctuation, but with the quote
 * mark that closes one opened inside it: she would stay "as long as it
 * takes." keeps its closing mark, so a reader sees a whole quotation. */
static size_t trim_end(const qctx *c, size_t s, size_t e) {
    size_t e0 = e;
    while (e > s && e0 - e < SCAN_MAX && c->tk[e - 1].kind == SL_TOK_PUNCT)
        e--;
    int straight = 0, curly = 0;
    for (size_t k = s; k < e; k++) {
        straight ^= teq(c, k, "\"");
        curly += teq(c, k, "\xE2\x80\x9C") - teq(c, k, "\xE2\x80\x9D");
    }
    for (size_t k = e; (straight || curly > 0) && k < e0; k++)
        if ((straight && teq(c, k, "\"")) || (curly > 0 && teq(c, k, "\xE2\x80\x9D")))
            return k + 1;
    return e;
}

/* "“…,” Odell said, adding that …": the participle's subject is the
 * speaker of the quote before it in the sentence; a subject found inside
 * quoted words is none. */
static span quoted_subject(const qctx *c, size_t f, size_t k, span sp) {
    for (size_t j = k; j > f && k - j < SCAN_MAX; j--)
        if ((c->fl[j - 1] & F_USED) && c->cue_q[j - 1] >= 0)
            return c->qsp[c->cue_q[j - 1]];
    if (sp.s < sp.e && (c->fl[sp.s] & F_INQ))
        sp.s = sp.e;
    return sp;
}

/* "… and said …": a second report coordinated inside the content of the
 * first ends it. Returns the token the content stops at. */
static size_t coordinated_end(const qctx *c, size_t c0, size_t c1) {
    for (size_t j = c0; j + 1 < c1 && j - c0 < 4 * SCAN_MAX; j++) {
        if (!(teq(c, j, "and") || teq(c, j, "but")) || (c->fl[j] & F_INQ))
            continue;
        size_t v = j + 1;
        while (v < c1 && v - j < 4 && is_word(c, v) && is_lower(c, v) &&
               sl_quote_is_aux(ttxt(c, v), tlen(c, v)))
            v++;
        int f = v < c1 ? cue_at(c, v) : 0;
        if (f && !(f & (Q_DQ | Q_ING | Q_ACCORDING)))
            return j > c0 && teq(c, j - 1, ",") ? j - 1 : j;
    }
    return c1;
}

/* "asked not to be named", "asked not to be identified": why a source is
 * unnamed, not what it said; the report is the "said" that follows. */
static int anonymity(const qctx *c, size_t k, size_t e) {
    return k + 4 < e && (teq(c, k, "asked") || teq(c, k, "requested")) && teq(c, k + 1, "not") &&
           teq(c, k + 2, "to") && teq(c, k + 3, "be") &&
           (teq(c, k + 4, "named") || teq(c, k + 4, "identified"));
}

/* "called the meeting", "called off the strike": calling a gathering or an
 * end, not a stance ("called the plan a disgrace") */
static int convenes(const qctx *c, size_t k, size_t e) {
    static const char *const what[] = {"election", "elections", "halt",  "hearing", "meeting",
                                       "off",      "referendum", "session", "strike", "summit",
                                       "talks",    "truce",     "vote"};
    if (!(teq(c, k, "called") || teq(c, k, "calls") || teq(c, k, "calling")))
        return 0;
    size_t j = k + 1;
    if (j < e && sl_quote_is_det(ttxt(c, j), tlen(c, j)))
        j++;
    for (size_t i = 0; j < e && i < sizeof what / sizeof *what; i++)
        if (teq(c, j, what[i]))
            return 1;
    return 0;
}

/* A clause opening on a finite verb has no subject of its own: after
 * "that", the "that" is its subject ("said that was a mistake"). */
static int subjectless(const qctx *c, size_t k) {
    static const char *const fin[] = {"are",   "can", "could", "had", "has",    "have",
                                      "is",    "may", "might", "must", "should", "was",
                                      "were",  "will", "would"};
    for (size_t i = 0; i < sizeof fin / sizeof *fin; i++)
        if (teq(c, k, fin[i]))
            return 1;
    return 0;
}

/* "the man, who I think was one of the guests": a belief inside a
 * relative clause whose subject the content lacks is a parenthesis, not a
 * report ("which he said was a mistake" stays one). */
static int in_relative(const qctx *c, size_t f, size_t s) {
    return s > f && (teq(c, s - 1, "who") || teq(c, s - 1, "which"));
}

static int reported_sentence(qctx *c, size_t si) {
    const sl_sentence *se = &c->a->sentences[si];
    size_t f = se->token_first, e = se->token_end;
    for (size_t k = f; k < e; k++) {
        if (c->fl[k] & (F_INQ | F_USED))
            continue;
        int fl = cue_at(c, k);
        if (!fl || (fl & Q_DQ) || anonymity(c, k, e) || convenes(c, k, e))
            continue;
        span sp;
        size_t c0, c1, next = k + 1;
        if (fl & Q_ACCORDING) {
            sp = np_right(c, k + 2, e);
            if (sp.s == sp.e)
                continue;
            if (k > f && teq(c, k - 1, ",")) {
                c0 = f;
                c1 = k - 1;
            } else {
                c0 = sp.e;
                while (c0 < e && teq(c, c0, ","))
                    c0++;
                c1 = trim_end(c, c0, e);
                next = e;
            }
        } else {
            /* "figures first reported by Meridian Wire": a passive; what
             * follows is the agent, not what was said ("responded by
             * saying that" is no passive) */
            if (k + 1 < e && teq(c, k + 1, "by") && !(k + 2 < e && (cue_at(c, k + 2) & Q_ING)))
                continue;
            sp = speaker_of(c, k, f, e, fl);
            if ((fl & Q_ING) && k > f && teq(c, k - 1, ","))
                sp = quoted_subject(c, f, k, sp);
            if (sp.s == sp.e)
                continue;
            if (sp.s > k) { /* "…, said the company's chief executive" */
                if (k <= f || !teq(c, k - 1, ","))
                    continue;
                c0 = f;
                c1 = k - 1;
                next = e;
            } else {
                c0 = k + 1;
                if (fl & Q_TELL)
                    c0 = skip_hearer(c, c0, e);
                if (c0 < e && teq(c, c0, "on") && c0 + 1 < e && is_weekday(c, c0 + 1))
                    c0 += 2;
                /* "responded by saying that ..." */
                if (c0 + 1 < e && teq(c, c0, "by") && (cue_at(c, c0 + 1) & Q_ING))
                    c0 += 2;
                /* "said only that the company wanted ..." */
                if (c0 + 1 < e && teq(c, c0, "only") && teq(c, c0 + 1, "that"))
                    c0++;
                int comma_after = c0 < e && teq(c, c0, ",");
                while (c0 < e && (teq(c, c0, "that") || teq(c, c0, ",") || teq(c, c0, ":")))
                    c0++;
                if (c0 < e && teq(c, c0 - 1, "that") && subjectless(c, c0))
                    c0--; /* "said that was a mistake": "that" is the subject */
                c1 = trim_end(c, c0, e);
                int before = sp.s > f && teq(c, sp.s - 1, ",");
                if (before && (comma_after || words_in(c, c0, c1) < 3)) {
                    /* "The crossing stays shut, he said, and …" */
                    c0 = f;
                    c1 = sp.s - 1;
                    next = e;
                } else {
                    size_t ce = coordinated_end(c, c0, c1);
                    next = ce < c1 ? ce : e;
                    c1 = ce;
                }
            }
        }
        if (words_in(c, c0, c1) < 3 || ((c->fl[c0] | c->fl[c1 - 1]) & F_DQ) ||
            (subjectless(c, c0) && (fl & Q_BEL) && in_relative(c, f, sp.s)))
            continue;
        /* stance verbs are common outside reports: ask for a real subject,
         * and "you know," / "I think," are fillers */
        if ((fl & (Q_STANCE | Q_BEL)) && teq(c, k + 1, ","))
            continue;
        if ((fl & Q_STANCE) && !plural_or_sane(c, sp))
            continue;
        /* "how you know things are back to normal": anyone's knowing */
        if ((fl & (Q_BEL | Q_STANCE)) && sp.e == sp.s + 1 && (teq(c, sp.s, "you") || teq(c, sp.s, "You")))
            continue;
        if (!emit(c, SL_QUOTE_INDIRECT, c0, c1, sp, (long)k))
            return -1;
        c->fl[k] |= F_RCUE;
        /* cues inside the content are nested reports: the outer speaker
         * stays the source, so scanning goes on after it */
        k = next - 1;
    }
    return 0;
}

/* ------------------------------------------------------------ driver */

static int cmp_quote(const void *x, const void *y) {
    const sl_quote *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

/* 1 when a possessive follows the mention: "Putin's adviser" names the
 * adviser, not Putin. */
static int possessive_after(const char *t, size_t n, uint32_t end) {
    return (end + 1 < n && t[end] == '\'' && t[end + 1] == 's') ||
           (end + 3 < n && !memcmp(t + end, "\xe2\x80\x99s", 4));
}

/* Where a relative clause opens in the speaker span ("Bayline Ferries,
 * which runs six vessels between Marrow Bay and ..."), else its end. */
static uint32_t relative_clause(const char *text, uint32_t s, uint32_t e) {
    static const char *const rel[] = {", which ", ", who ", ", whose ", ", where ", NULL};
    for (uint32_t i = s; i < e; i++)
        for (size_t r = 0; text[i] == ',' && rel[r]; r++) {
            size_t n = strlen(rel[r]);
            if (i + n <= e && !memcmp(text + i, rel[r], n))
                return i;
        }
    return e;
}

/* The word of text ending at or before e (after spaces): its start, or e. */
static uint32_t word_before(const char *text, uint32_t lo, uint32_t e, uint32_t *end) {
    while (e > lo && text[e - 1] == ' ')
        e--;
    uint32_t s = e;
    while (s > lo && ((text[s - 1] | 32) >= 'a' && (text[s - 1] | 32) <= 'z'))
        s--;
    *end = e;
    return s;
}

static int word_is(const char *text, uint32_t s, uint32_t e, const char *w) {
    return e - s == strlen(w) && !memcmp(text + s, w, e - s);
}

/* A mention that follows a preposition after a lower-case noun ("a
 * spokesman for the minister", "the head of the union", "ferry workers in
 * Marrow Bay") modifies that noun: the speaker is the spokesman, not the
 * minister. */
static int of_head_noun(const char *text, uint32_t lo, uint32_t m) {
    uint32_t e, s = word_before(text, lo, m, &e);
    if (word_is(text, s, e, "the") || word_is(text, s, e, "a") || word_is(text, s, e, "an"))
        s = word_before(text, lo, s, &e);
    static const char *const prep[] = {"for", "of", "in", "at", "from", "with", NULL};
    int is_prep = 0;
    for (size_t k = 0; prep[k] && !is_prep; k++)
        is_prep = word_is(text, s, e, prep[k]);
    if (!is_prep)
        return 0;
    s = word_before(text, lo, s, &e);
    return s < e && text[s] >= 'a' && text[s] <= 'z';
}

/* A mention followed by a lower-case word of the phrase modifies that
 * word: "The Biden administration", "The Russian president", "Another
 * Administration official" are none of those names. */
static int adjunct(const char *text, uint32_t e, uint32_t end) {
    if (e >= end || text[e] != ' ')
        return 0;
    return e + 1 < end && text[e + 1] >= 'a' && text[e + 1] <= 'z';
}

/* A turn whose label names nobody in its text ("BANNISTER:" for a host
 * only ever called "Rory"): the entity of the label's own mention, the
 * last label mention at or before the turn's words. */
static int32_t turn_label_entity(const sl_mention *m, size_t nm, uint32_t at) {
    size_t lo = 0, hi = nm;
    while (lo < hi) { /* first mention starting after at */
        size_t mid = (lo + hi) / 2;
        if (m[mid].start <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t j = lo; j-- > 0 && lo - j <= 64;)
        if (m[j].kind == SL_MENTION_LABEL)
            return m[j].entity;
    return -1;
}

/* The speaker is the head of its noun phrase: the last mention inside the
 * span that modifies nothing ("Harbour Minister Tomas Vell" is Vell,
 * "Putin's adviser Yuri Ushakov" is Ushakov, "Putin's adviser" nobody
 * named), or a name the phrase opens with before an apposition, and never
 * one in a relative clause (whose names are what the speaker does, not
 * who it is). */
static void link_entities(sl_quote *q, size_t nq, const sl_mention *m, size_t nm,
                          const char *text, size_t len) {
    for (size_t i = 0; i < nq; i++) {
        if (q[i].speaker_start == q[i].speaker_end) {
            if (q[i].kind == SL_QUOTE_TRANSCRIPT)
                q[i].entity = turn_label_entity(m, nm, q[i].start);
            continue;
        }
        uint32_t end = relative_clause(text, q[i].speaker_start, q[i].speaker_end);
        size_t lo = 0, hi = nm;
        while (lo < hi) { /* first mention ending after the speaker starts */
            size_t mid = (lo + hi) / 2;
            if (m[mid].end <= q[i].speaker_start)
                lo = mid + 1;
            else
                hi = mid;
        }
        int32_t head = -1;
        for (size_t j = lo; j < nm && j < lo + 8 && m[j].start < end; j++) {
            if (m[j].end <= q[i].speaker_start || of_head_noun(text, q[i].speaker_start, m[j].start))
                continue;
            int opens = head < 0;
            if (possessive_after(text, len, m[j].end) || adjunct(text, m[j].end, end))
                continue;
            head = m[j].entity;
            /* "Simon Miles, an assistant professor at ...": a name the
             * phrase opens with is its head, the rest is apposition */
            if (opens && (m[j].kind == SL_MENTION_NAME || m[j].kind == SL_MENTION_SHORT) &&
                m[j].end < end && text[m[j].end] == ',')
                break;
        }
        if (head >= 0) /* "Putin's adviser" alone is nobody named */
            q[i].entity = head;
    }
}

/* "I", "we" said inside a transcript turn are the turn's speaker: quotes
 * are in text order, so the turn's own quote (which starts at the turn)
 * comes first. */
static void first_person_in_turns(sl_quote *q, size_t nq, const char *t) {
    const sl_quote *turn = NULL;
    for (size_t i = 0; i < nq; i++) {
        if (q[i].kind == SL_QUOTE_TRANSCRIPT) {
            turn = &q[i];
            continue;
        }
        if (!turn || q[i].start >= turn->end)
            continue;
        size_t n = q[i].speaker_end - q[i].speaker_start;
        const char *w = t + q[i].speaker_start;
        if ((n == 1 && w[0] == 'I') || (n == 2 && (w[0] == 'w' || w[0] == 'W') && w[1] == 'e'))
            q[i].entity = turn->entity;
    }
}

static int setup(qctx *c) {
    size_t nt = c->nt, nb = c->a->n_blocks;
    c->fl = sl_arena_calloc(c->ar, (nt + 1) * sizeof *c->fl);
    c->cue_q = sl_arena_alloc(c->ar, (nt + 1) * sizeof *c->cue_q);
    if (c->cue_q)
        for (size_t k = 0; k <= nt; k++)
            c->cue_q[k] = -1;
    c->blk = sl_arena_alloc(c->ar, (nt + 1) * sizeof *c->blk);
    c->bfirst = sl_arena_alloc(c->ar, (nb + 1) * sizeof *c->bfirst);
    c->bend = sl_arena_alloc(c->ar, (nb + 1) * sizeof *c->bend);
    if (!c->fl || !c->cue_q || !c->blk || !c->bfirst || !c->bend)
        return -1;
    for (size_t k = 0; k < nt; k++)
        c->blk[k] = -1;
    for (size_t b = 0; b < nb; b++)
        c->bfirst[b] = c->bend[b] = 0;
    for (size_t i = 0; i < c->a->n_sentences; i++) {
        const sl_sentence *se = &c->a->sentences[i];
        if (se->token_first < nt)
            c->fl[se->token_first] |= F_SBEG;
        for (size_t k = se->token_first; k < se->token_end && k < nt; k++)
            c->blk[k] = se->block;
    }
    /* blocks own contiguous token ranges */
    for (size_t k = nt; k > 0; k--) {
        int b = c->blk[k - 1];
        if (b < 0 || (size_t)b >= nb)
            continue;
        if (c->bend[b] == 0)
            c->bend[b] = k;
        c->bfirst[b] = k - 1;
    }
    return 0;
}

#define LABELS_MAX 16 /* distinct turn labels looked up in the text */

typedef struct label_seen {
    const char *label;
    span sp;
} label_seen;

/* Extracted transcripts drop the label from the text: the speaker is then
 * where the text names them ("KHALID" is "Asma Khalid" in the intro). One
 * scan per distinct label, at most LABELS_MAX of them. */
static span label_in_text(const qctx *c, const char *label, label_seen *seen, size_t *n_seen) {
    span none = {0, 0};
    for (size_t i = 0; i < *n_seen; i++)
        if (!strcmp(seen[i].label, label))
            return seen[i].sp;
    if (*n_seen >= LABELS_MAX)
        return none;
    const char *w = strrchr(label, ' ');
    w = w ? w + 1 : label;
    size_t wn = strlen(w);
    span r = none;
    for (size_t k = 0; k < c->nt && wn > 1; k++) {
        if (tlen(c, k) != wn || c->tk[k].kind != SL_TOK_WORD || !is_upper(c, k))
            continue;
        size_t j = 0;
        while (j < wn && (ttxt(c, k)[j] | 0x20) == (w[j] | 0x20))
            j++;
        if (j < wn)
            continue;
        r.s = k;
        r.e = k + 1;
        while (r.s > 0 && k - r.s < 6 && is_word(c, r.s - 1) && c->blk[r.s - 1] == c->blk[k] &&
               !(c->fl[r.s] & F_SBEG) &&
               (is_upper(c, r.s - 1) ||
                (teq(c, r.s - 1, "of") && r.s > 1 && is_upper(c, r.s - 2))))
            r.s--; /* "Secretary of State Antony Blinken" */
        break;
    }
    seen[*n_seen].label = label;
    seen[*n_seen].sp = r;
    (*n_seen)++;
    return r;
}

static int transcript_turns(qctx *c) {
    label_seen seen[LABELS_MAX];
    size_t n_seen = 0;
    for (size_t b = 0; b < c->a->n_blocks; b++) {
        const sl_block *bl = &c->a->blocks[b];
        if (bl->kind != SL_BLOCK_TURN || !bl->speaker || c->bfirst[b] >= c->bend[b])
            continue;
        size_t ln = strlen(bl->speaker), k = c->bfirst[b];
        int in_text = bl->start + ln <= c->a->text_len && ln > 0 &&
                      !memcmp(c->t + bl->start, bl->speaker, ln);
        span sp = {0, 0};
        if (in_text) {
            while (k < c->bend[b] && c->tk[k].end <= bl->start + ln)
                k++;
            while (k < c->bend[b] && c->tk[k].kind == SL_TOK_PUNCT && !(c->fl[k] & F_QBEG))
                k++;
        } else {
            sp = label_in_text(c, bl->speaker, seen, &n_seen);
        }
        sl_quote *q = emit(c, SL_QUOTE_TRANSCRIPT, k, c->bend[b], sp, -1);
        if (!q) {
            if (k < c->bend[b])
                return -1;
            continue;
        }
        if (in_text) {
            q->speaker_start = (uint32_t)bl->start;
            q->speaker_end = (uint32_t)(bl->start + ln);
        }
    }
    return 0;
}

static int find_all(qctx *c) {
    if (setup(c) < 0)
        return -1;
    long cont = -1;
    for (size_t b = 0; b < c->a->n_blocks; b++) {
        if (c->bfirst[b] >= c->bend[b])
            continue;
        if (pair_block(c, (int)b, &cont) < 0)
            return -1;
    }
    for (size_t i = 0; i < c->nu; i++)
        for (size_t k = c->u[i].c0; k < c->u[i].c1; k++)
            c->fl[k] |= F_INQ;
    if (transcript_turns(c) < 0)
        return -1;
    partial *parts = sl_arena_alloc(c->ar, (c->nu + 1) * sizeof *parts);
    if (!parts)
        return -1;
    size_t np = 0;
    dstate ds = {-1, -1, -1, {0, 0}};
    for (size_t i = 0; i < c->nu; i++)
        if (direct_unit(c, &c->u[i], &ds, parts, &np) < 0)
            return -1;
    for (size_t si = 0; si < c->a->n_sentences; si++)
        if (reported_sentence(c, si) < 0)
            return -1;
    /* a partial quote inside reported speech is part of that report */
    for (size_t i = 0; i < np; i++) {
        if ((c->fl[parts[i].c0] & F_REP) || (c->fl[parts[i].at.cue] & F_RCUE))
            continue;
        if (!emit(c, SL_QUOTE_PARTIAL, parts[i].c0, parts[i].c1, parts[i].at.sp, parts[i].at.cue))
            return -1;
    }
    return 0;
}

sl_status sl_find_quotes(const sl_article *a, const sl_mention *ments, size_t n_ments,
                         sl_arena *ar, sl_quote **out, size_t *n, sl_error *err) {
    *out = NULL;
    *n = 0;
    if (!a || !a->text || a->n_tokens == 0)
        return SL_OK;
    qctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.t = a->text;
    c.tk = a->tokens;
    c.nt = a->n_tokens;
    c.ar = ar;
    if (find_all(&c) < 0)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory for quotes");
    if (c.nq)
        qsort(c.q, c.nq, sizeof *c.q, cmp_quote);
    link_entities(c.q, c.nq, ments, n_ments, c.a->text, c.a->text_len);
    first_person_in_turns(c.q, c.nq, c.a->text);
    *out = c.q;
    *n = c.nq;
    return SL_OK;
}

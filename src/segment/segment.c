/* segment.c — sentences of the clean article text, over the tokens of
 * tokenize.c.
 *
 * Each block is tokenized and split on its own, so a sentence never
 * crosses a paragraph or transcript turn and every block yields at least
 * one sentence. A sentence ends after . ! ? or an ellipsis, plus any
 * closing quotes or brackets glued to it, when what follows looks like a
 * new sentence: a capital, a digit, an opening quote before a capital.
 * Abbreviations carry their own period inside the token; their class
 * (title, month, company suffix, acronym, initial) decides whether a
 * following capital starts a new sentence. One pass, constant look-ahead. */
#include "segment.h"

#include <string.h>

#include "seg_internal.h"

typedef struct sentvec {
    sl_sentence *v;
    size_t n, cap;
    sl_arena *a;
} sentvec;

typedef enum term_kind {
    T_NONE = 0,
    T_STOP,     /* . ! ? */
    T_ELLIPSIS, /* ... … */
    T_ABBR      /* a word token that carries its period: "U.S." "Mr." */
} term_kind;

typedef struct block_ctx {
    const char *text;
    const sl_token *t;
    size_t first, end; /* the block's tokens */
} block_ctx;

static int push_sentence(sentvec *sv, size_t start, size_t end, size_t tf, size_t te,
                         size_t block) {
    if (sv->n == sv->cap) {
        size_t cap = sv->cap ? sv->cap * 2 : 16;
        sl_sentence *v = sl_arena_realloc(sv->a, sv->v, sv->cap * sizeof *v, cap * sizeof *v);
        if (!v)
            return -1;
        sv->v = v;
        sv->cap = cap;
    }
    sv->v[sv->n++] = (sl_sentence){start, end, tf, te, (int)block};
    return 0;
}

static const char *tok_str(const block_ctx *b, size_t i) { return b->text + b->t[i].start; }
static size_t tok_len(const block_ctx *b, size_t i) { return b->t[i].end - b->t[i].start; }
static int glued(const block_ctx *b, size_t i) { return b->t[i].start == b->t[i - 1].end; }

/* 1 if token i is exactly the UTF-8 string s. */
static int tok_is(const block_ctx *b, size_t i, const char *s) {
    size_t n = strlen(s);
    return tok_len(b, i) == n && memcmp(tok_str(b, i), s, n) == 0;
}

static term_kind terminal(const block_ctx *b, size_t i) {
    const sl_token *t = &b->t[i];
    const char *s = tok_str(b, i);
    if (t->kind == SL_TOK_WORD)
        return s[tok_len(b, i) - 1] == '.' ? T_ABBR : T_NONE;
    if (t->kind != SL_TOK_PUNCT)
        return T_NONE;
    if (s[0] == '.')
        return tok_len(b, i) > 1 ? T_ELLIPSIS : T_STOP;
    if (s[0] == '!' || s[0] == '?')
        return T_STOP;
    return tok_len(b, i) >= 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0 ? T_ELLIPSIS : T_NONE;
}

static int is_closer(const block_ctx *b, size_t i) {
    static const char *const CLOSERS[] = {"\"", "'", ")", "]", "}", "\xE2\x80\x9D",
                                          "\xE2\x80\x99", "\xC2\xBB", "\xE2\x80\xBA"};
    if (b->t[i].kind != SL_TOK_PUNCT)
        return 0;
    for (size_t k = 0; k < sizeof CLOSERS / sizeof CLOSERS[0]; k++)
        if (tok_is(b, i, CLOSERS[k]))
            return 1;
    return 0;
}

static int is_opener(const block_ctx *b, size_t i) {
    static const char *const OPENERS[] = {"\"", "'", "(", "[", "\xE2\x80\x9C", "\xE2\x80\x98",
                                          "\xC2\xAB", "\xE2\x80\x9E", "\xE2\x80\xB9"};
    if (b->t[i].kind != SL_TOK_PUNCT)
        return 0;
    for (size_t k = 0; k < sizeof OPENERS / sizeof OPENERS[0]; k++)
        if (tok_is(b, i, OPENERS[k]))
            return 1;
    return 0;
}

/* Glued closers and further stops after a terminal: '."', '?)', '!"'. */
static size_t absorb_closers(const block_ctx *b, size_t j) {
    while (j < b->end && glued(b, j) && (is_closer(b, j) || terminal(b, j) == T_STOP))
        j++;
    return j;
}

static seg_abbr abbr_class(const block_ctx *b, size_t i) {
    const char *s = tok_str(b, i);
    size_t n = tok_len(b, i) - 1; /* without the period */
    seg_abbr ab = seg_abbr_lookup(s, n);
    if (ab != AB_NONE)
        return ab;
    if (memchr(s, '.', n))
        return AB_ACRONYM;
    return n == 1 ? AB_INITIAL : AB_END;
}

/* "remains.The": a period glued between a lower-case word and a
 * capitalized one, as left behind by lost paragraph markup. */
static int glued_boundary(const block_ctx *b, size_t i, size_t j) {
    if (b->t[i].kind != SL_TOK_PUNCT || tok_len(b, i) != 1 || b->t[i - 1].kind != SL_TOK_WORD ||
        !glued(b, i) || tok_len(b, i - 1) < 2 || b->t[j].kind != SL_TOK_WORD ||
        tok_len(b, j) < 2)
        return 0;
    const char *p = tok_str(b, i - 1) + tok_len(b, i - 1);
    const char *n = tok_str(b, j);
    return p[-1] >= 'a' && p[-1] <= 'z' && p[-2] >= 'a' && p[-2] <= 'z' && n[0] >= 'A' &&
           n[0] <= 'Z' && n[1] >= 'a' && n[1] <= 'z';
}

/* After an abbreviation's period, does the capitalized word w open a new
 * sentence? Titles never end one ("Sen. Ada Finch"); etc. always does;
 * the rest only before a typical sentence opener ("U.S. The ..."). */
static int abbr_boundary(const block_ctx *b, size_t i, size_t w, int opened) {
    switch (abbr_class(b, i)) {
    case AB_TITLE:
    case AB_NUMBER:
        return 0;
    case AB_ETC:
        return 1;
    default:
        return opened || seg_is_starter(tok_str(b, w), tok_len(b, w));
    }
}

/* Is there a sentence boundary between terminal i (with its closers up
 * to j) and token j? */
static int is_boundary(const block_ctx *b, size_t first, size_t i, size_t j, term_kind term) {
    if (glued(b, j))
        return term == T_STOP && glued_boundary(b, i, j);
    if (term == T_STOP && i == first + 1 && b->t[first].kind == SL_TOK_NUMBER &&
        tok_str(b, i)[0] == '.')
        return 0; /* "1. The first point" is a list marker */
    size_t w = j;
    int opened = 0; /* a quote opens; "(AP)" after "Calif." does not */
    while (w < b->end && w < j + 3 && is_opener(b, w)) {
        opened |= tok_str(b, w)[0] != '(' && tok_str(b, w)[0] != '[';
        w++;
    }
    if (w == b->end)
        return 0;
    int c = seg_case(tok_str(b, w), tok_len(b, w));
    if (c < 0)
        return 0;
    if (c == 0) {
        sl_token_kind k = b->t[w].kind;
        return term != T_ABBR && (k == SL_TOK_NUMBER || k == SL_TOK_SYMBOL ||
                                  (k == SL_TOK_WORD && tok_str(b, w)[0] >= '0' &&
                                   tok_str(b, w)[0] <= '9'));
    }
    return term != T_ABBR || abbr_boundary(b, i, w, opened);
}

static int is_space(unsigned char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/* Split the tokens [b->first, b->end) of block bi into sentences. */
static int split_block(const block_ctx *b, size_t bs, size_t be, size_t bi, sentvec *sv) {
    if (b->first == b->end) {
        while (bs < be && is_space((unsigned char)b->text[bs]))
            bs++;
        while (be > bs && is_space((unsigned char)b->text[be - 1]))
            be--;
        return push_sentence(sv, bs, be, b->first, b->first, bi);
    }
    size_t first = b->first, i = first;
    while (i < b->end) {
        term_kind term = terminal(b, i);
        if (term == T_NONE || i == first) {
            i++;
            continue;
        }
        size_t j = absorb_closers(b, i + 1);
        if (j >= b->end)
            break;
        if (is_boundary(b, first, i, j, term)) {
            if (push_sentence(sv, b->t[first].start, b->t[j - 1].end, first, j, bi))
                return -1;
            first = j;
        }
        i = j;
    }
    return push_sentence(sv, b->t[first].start, b->t[b->end - 1].end, first, b->end, bi);
}

/* Without block spans, blocks are the pieces between blank lines: sets
 * *pe to the end of the piece at p and returns where the next one starts. */
static size_t next_piece(const char *text, size_t n, size_t p, size_t *pe) {
    const char *nl;
    while (p < n && (nl = memchr(text + p, '\n', n - p))) {
        p = (size_t)(nl - text) + 1;
        if (p < n && text[p] == '\n') {
            *pe = p - 1;
            while (p < n && text[p] == '\n')
                p++;
            return p;
        }
    }
    *pe = n;
    return n;
}

static int do_block(const char *text, size_t bs, size_t be, size_t bi, seg_tokvec *tv,
                    sentvec *sv) {
    block_ctx b = {text, NULL, tv->n, 0};
    if (seg_tokenize(text, bs, be, tv))
        return -1;
    b.t = tv->v;
    b.end = tv->n;
    return split_block(&b, bs, be, bi, sv);
}

static int segment_blocks(const char *text, size_t n, const sl_block *blocks, size_t n_blocks,
                          seg_tokvec *tv, sentvec *sv) {
    size_t prev = 0;
    for (size_t i = 0; i < n_blocks; i++) {
        /* Clamp bad spans so the output stays sorted and in bounds. */
        size_t bs = blocks[i].start < prev ? prev : blocks[i].start;
        size_t be = blocks[i].end < n ? blocks[i].end : n;
        bs = bs < n ? bs : n;
        be = be < bs ? bs : be;
        if (do_block(text, bs, be, i, tv, sv))
            return -1;
        prev = be;
    }
    return 0;
}

static int segment_pieces(const char *text, size_t n, seg_tokvec *tv, sentvec *sv) {
    size_t p = 0, bi = 0;
    while (p < n) {
        size_t pe, next = next_piece(text, n, p, &pe);
        if (do_block(text, p, pe, bi++, tv, sv))
            return -1;
        p = next;
    }
    return 0;
}

/* Estimated array sizes from one cheap pass: a token per space or
 * punctuation mark, at most one sentence per byte that may end one (. ! ?,
 * the lead byte of …, a line feed). Capped so runs of dots stay small. */
static void estimate(const char *text, size_t n, size_t *toks, size_t *sents) {
    size_t spaces = 0, marks = 0, stops = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        int stop = c == '.' || c == '!' || c == '?' || c == '\n' || c == 0xE2;
        stops += stop;
        spaces += c == ' ';
        marks += stop || c == ',' || c == ';' || c == ':' || c == '"' || c == '(' || c == ')';
    }
    *toks = spaces + marks < n / 2 ? spaces + marks : n / 2;
    *sents = stops < n / 4 ? stops : n / 4;
}

sl_status sl_segment(const char *text, size_t n, const sl_block *blocks, size_t n_blocks,
                     sl_arena *a, sl_sentence **sents, size_t *n_sents, sl_token **toks,
                     size_t *n_toks) {
    *sents = NULL;
    *toks = NULL;
    *n_sents = *n_toks = 0;
    if ((!text && n) || (!blocks && n_blocks) || !a)
        return SL_ERR_ARG;
    if (n > UINT32_MAX)
        return SL_ERR_LIMIT; /* token offsets are 32-bit */
    seg_tokvec tv = {NULL, 0, 0, a};
    sentvec sv = {NULL, 0, 0, a};
    /* Start near the final sizes so most documents never grow an array. */
    estimate(text, n, &tv.cap, &sv.cap);
    tv.cap += 16;
    sv.cap += n_blocks + 4;
    tv.v = sl_arena_alloc(a, tv.cap * sizeof *tv.v);
    sv.v = sl_arena_alloc(a, sv.cap * sizeof *sv.v);
    if (!tv.v || !sv.v)
        return SL_ERR_NOMEM;
    int rc = n_blocks ? segment_blocks(text, n, blocks, n_blocks, &tv, &sv)
                      : segment_pieces(text, n, &tv, &sv);
    if (rc)
        return SL_ERR_NOMEM;
    *sents = sv.v;
    *n_sents = sv.n;
    *toks = tv.v;
    *n_toks = tv.n;
    return SL_OK;
}

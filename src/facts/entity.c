/* entity.c — named entities of one article and their mentions.
 *
 * Rules over the segmented tokens: capitalized runs (with name-internal
 * connectors "of", "de", "van") become candidate names; a sentence-initial
 * word that is a common lowercase English word is not a name on its own;
 * titles ("President", "Sen.") split a run into role and person. Types come
 * from the compiled-in WordNet lexicon, our suffix lists ("... Party",
 * "... River") and context ("in X", "X said"). Within the article, later
 * surnames, first names and acronyms link to the fuller name before them,
 * transcript speaker labels link to the person they abbreviate, and
 * subject pronouns of speech verbs resolve to the nearest person.
 * Everything is linear in the tokens: lookups go through hash tables. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "entity.h"
#include "entity_lex.h"
#include "../core/draft.h"
#include "../util/hash.h"
#include "../util/map64.h"

unsigned sl_words_lookup(const char *w, size_t n);
enum { WORD_COMMON = 1, WORD_NAME = 2 };

/* LONE_MIN: a lone capitalized common word ("Intel", "Apple") is a name
 * when written so more than LONE_MIN times inside sentences (measured:
 * 1 is best on wikigold dev, 0 gains little in cross-document recall). */
enum { MAX_NAME_TOKENS = 8, MAX_ROLE_TOKENS = 6, MAX_KEY = 128, LONE_MIN = 1 };

typedef struct ent {
    uint32_t name_s, name_e; /* fullest name span */
    const char *name_alt;    /* a name not in the text (label only), or NULL */
    sl_entity_type type;
    uint32_t role_s, role_e;
    int ntok;
    int weak;           /* typed by default only: context votes may retype it */
    int loc_v, per_v;   /* mentions in place / person contexts */
    int art_v;          /* mentions after "the", "a": a body or thing, rarely a person */
    int org_v;          /* mentions as a team or employer: "played for X", "joined X" */
    int its_v, his_v;   /* the next pronoun refers to a thing ("its") or a person ("his") */
    int title_v;        /* mentions after a title: a person whatever else is seen */
    int dict_name;      /* a one-word name the word list spells capitalized only ("Jeff") */
} ent;

typedef struct men {
    uint32_t s, e;
    sl_mention_kind kind;
    int32_t ent;
} men;


typedef struct ctx {
    const sl_article *a;
    const char *t;
    ent *ents;
    size_t n_ents, cap_ents;
    men *ms;
    size_t n_ms, cap_ms;
    sl_map64 names; /* "n" + full name, "l" + surname, "f" + first name, "a" + acronym */
    sl_map64 inside; /* capitalized words seen inside sentences: how often */
    int failed;
} ctx;

/* ------------------------------------------------------------ hash table */

static uint64_t key_hash(char kind, const char *s, size_t n) {
    char buf[MAX_KEY + 1];
    size_t m = 0;
    buf[m++] = kind;
    for (size_t i = 0; i < n && m < MAX_KEY; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c == '\n' || c == '\t')
            c = ' ';
        if (c == ' ' && buf[m - 1] == ' ')
            continue;
        buf[m++] = (char)c;
    }
    uint64_t h = sl_hash64(buf, m, 0x5eed);
    return h ? h : 1;
}

/* ---------------------------------------------------------------- tokens */

static const sl_token *tk(const ctx *c, size_t i) { return &c->a->tokens[i]; }

static int is_word(const ctx *c, size_t i) { return tk(c, i)->kind == SL_TOK_WORD; }

static int tok_is(const ctx *c, size_t i, const char *w) {
    const sl_token *k = tk(c, i);
    size_t n = strlen(w);
    if (k->end - k->start != n)
        return 0;
    for (size_t j = 0; j < n; j++) {
        char ch = c->t[k->start + j];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if (ch != w[j])
            return 0;
    }
    return 1;
}

/* End of the token without a possessive "'s" / "’s" / trailing "'". */
static uint32_t word_end(const ctx *c, size_t i) {
    const sl_token *k = tk(c, i);
    const char *s = c->t + k->start;
    uint32_t n = k->end - k->start;
    if (n > 3 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S'))
        return k->end - 2;
    if (n > 5 && !memcmp(s + n - 4, "\xE2\x80\x99", 3) && (s[n - 1] == 's' || s[n - 1] == 'S'))
        return k->end - 4;
    return k->end;
}

static int possessive(const ctx *c, size_t i) {
    if (word_end(c, i) != tk(c, i)->end)
        return 1;
    /* tokenized text: "Howe 's" */
    return i + 2 < c->a->n_tokens && tk(c, i + 1)->start == tk(c, i)->end + 1 &&
           c->t[tk(c, i + 1)->start] == '\'' && tok_is(c, i + 2, "s") &&
           tk(c, i + 2)->start == tk(c, i + 1)->end;
}

/* A token that is an apostrophe alone, straight or typographic. */
static int apostrophe(const ctx *c, size_t i) {
    const sl_token *k = tk(c, i);
    uint32_t n = k->end - k->start;
    return (n == 1 && c->t[k->start] == '\'') || (n == 3 && !memcmp(c->t + k->start, "\xE2\x80\x99", 3));
}

static int upper_cp(const char *s, size_t n) {
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp) <= 0)
        return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

static int is_cap(const ctx *c, size_t i) {
    const sl_token *k = tk(c, i);
    return k->kind == SL_TOK_WORD && upper_cp(c->t + k->start, k->end - k->start);
}

static int all_caps(const ctx *c, size_t i) {
    const sl_token *k = tk(c, i);
    int letters = 0;
    for (uint32_t j = k->start; j < word_end(c, i); j++) {
        char ch = c->t[j];
        if (ch >= 'a' && ch <= 'z')
            return 0;
        letters += ch >= 'A' && ch <= 'Z';
    }
    return letters > 0;
}

/* Lowercase ASCII copy of the word (without possessive); 0 if it does not fit. */
static size_t lower(const ctx *c, size_t i, char *out, size_t cap) {
    const sl_token *k = tk(c, i);
    size_t n = word_end(c, i) - k->start;
    if (n == 0 || n >= cap)
        return 0;
    for (size_t j = 0; j < n; j++) {
        char ch = c->t[k->start + j];
        out[j] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    out[n] = 0;
    return n;
}

static int common_word(const ctx *c, size_t i) {
    char w[64];
    size_t n = lower(c, i, w, sizeof w);
    return n && (sl_words_lookup(w, n) & WORD_COMMON);
}

typedef int (*list_fn)(const char *, size_t);

static int in(const ctx *c, size_t i, list_fn fn) {
    char w[64];
    size_t n = lower(c, i, w, sizeof w);
    return n && fn(w, n);
}

static unsigned lex_tok(const ctx *c, size_t i) {
    return sl_entlex_lookup(c->t + tk(c, i)->start, word_end(c, i) - tk(c, i)->start);
}

/* Lexicon flags of tokens [i, j] joined by single spaces. */
static unsigned lex_span(const ctx *c, size_t i, size_t j) {
    char buf[MAX_KEY];
    size_t m = 0;
    for (size_t k = i; k <= j; k++) {
        uint32_t s = tk(c, k)->start, e = k == j ? word_end(c, k) : tk(c, k)->end;
        if (m + (e - s) + 1 >= sizeof buf)
            return 0;
        if (k > i && tk(c, k)->start > tk(c, k - 1)->end)
            buf[m++] = ' ';
        memcpy(buf + m, c->t + s, e - s);
        m += e - s;
    }
    return sl_entlex_lookup(buf, m);
}

/* Word i, lowercased, is one of the NULL-terminated list (short words). */
static int word_in(const ctx *c, size_t i, const char *const *list) {
    char w[16];
    size_t n = lower(c, i, w, sizeof w);
    for (size_t k = 0; n && list[k]; k++)
        if (!strcmp(w, list[k]))
            return 1;
    return 0;
}

static int calendar_word(const ctx *c, size_t i) {
    static const char *const v[] = {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan.", "feb.", "mar.", "apr.",
        "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", NULL};
    return word_in(c, i, v);
}

/* "We're", "I've", "don't": a contraction is never a name ("O'Brien" is). */
static int contraction(const ctx *c, size_t i) {
    static const char *const tails[] = {"re", "ve", "d", "ll", "m", "t", NULL};
    const sl_token *k = tk(c, i);
    const char *e = c->t + k->end;
    for (size_t t = 0; tails[t]; t++) {
        size_t n = strlen(tails[t]);
        if (k->end - k->start < n + 2 || memcmp(e - n, tails[t], n))
            continue;
        if (e[-(long)n - 1] == '\'' ||
            (k->end - k->start >= n + 4 && !memcmp(e - n - 3, "\xE2\x80\x99", 3)))
            return 1;
    }
    return 0;
}

/* "US-Russia", "Biden-Putin": names joined by a hyphen make a modifier. */
static int hyphen_compound(const ctx *c, size_t i) {
    const sl_token *k = tk(c, i);
    for (uint32_t p = k->start + 1; p + 1 < k->end; p++)
        if (c->t[p] == '-' && upper_cp(c->t + p + 1, k->end - p - 1))
            return 1;
    return 0;
}

static int nationality_ending(const ctx *c, size_t i);
static int quote_tok(const ctx *c, size_t i);

/* "Russians", "Christians": the singular is a nationality or creed. */
static int demonym(const ctx *c, size_t i) {
    const sl_token *k = tk(c, i);
    uint32_t e = word_end(c, i);
    unsigned f = sl_entlex_lookup(c->t + k->start, e - k->start);
    size_t n = e - k->start;
    if ((f & SL_LEX_DEMONYM) && !(f & SL_LEX_FIRST) && n > 4 &&
        (nationality_ending(c, i) || !memcmp(c->t + e - 2, "an", 2) || !memcmp(c->t + e - 3, "ish", 3)))
        return 1; /* "Canadian", though a river is called so too */
    if (f & (SL_LEX_LOC | SL_LEX_ORG | SL_LEX_FIRST))
        return 0;
    if (f & SL_LEX_DEMONYM)
        return 1;
    if (e - k->start <= 3 || c->t[e - 1] != 's')
        return 0;
    f = sl_entlex_lookup(c->t + k->start, e - 1 - k->start);
    return (f & SL_LEX_DEMONYM) && !(f & (SL_LEX_LOC | SL_LEX_ORG));
}

static int speech_verb(const ctx *c, size_t i) {
    static const char *const v[] = {"said", "says", "say", "told", "tells", "added", "adds",
                                    "explained", "noted", "stated", "asked", "warned",
                                    "argued", "wrote", "writes", "replied", "insisted",
                                    "announced", "declared", "claimed", "continued", NULL};
    for (size_t k = 0; v[k]; k++)
        if (tok_is(c, i, v[k]))
            return 1;
    return 0;
}

static int opening_punct(const ctx *c, size_t i) {
    const sl_token *k = tk(c, i);
    if (k->kind != SL_TOK_PUNCT && k->kind != SL_TOK_SYMBOL)
        return 0;
    const char *s = c->t + k->start;
    size_t n = k->end - k->start;
    return (n == 1 && strchr("\"'(:[-`", s[0])) || (n == 2 && !memcmp(s, "``", 2)) ||
           (n == 3 && (!memcmp(s, "\xE2\x80\x9C", 3) || !memcmp(s, "\xE2\x80\x98", 3) ||
                       !memcmp(s, "\xE2\x80\x94", 3) || !memcmp(s, "\xE2\x80\x93", 3)));
}

/* Sentence-initial: first token of its sentence, or after opening punctuation. */
static int sentence_initial(const ctx *c, size_t i, size_t first) {
    size_t k = i;
    while (k > first && opening_punct(c, k - 1))
        k--;
    return k == first;
}

/* How often word i is written capitalized inside a sentence in this
 * article: "Apple" there makes a sentence-initial "Apple" a name too. */
static int capitalized_inside(const ctx *c, size_t i) {
    uint32_t s = tk(c, i)->start;
    int32_t n = sl_map64_get(&c->inside, key_hash('i', c->t + s, word_end(c, i) - s));
    return n > 0 ? n : 0;
}

/* The word is capitalized inside a sentence on its own somewhere in the
 * article ("the Union said"), not only as part of a name ("Workers' Union"). */
static int alone_inside(const ctx *c, size_t i) {
    uint32_t s = tk(c, i)->start;
    return sl_map64_get(&c->inside, key_hash('a', c->t + s, word_end(c, i) - s)) > 0;
}

/* The word also appears in lowercase in the article: a common noun. */
static int lowercase_seen(const ctx *c, size_t i) {
    uint32_t s = tk(c, i)->start;
    return sl_map64_get(&c->inside, key_hash('w', c->t + s, word_end(c, i) - s)) > 0;
}

static void count_inside(ctx *c) {
    for (size_t si = 0; si < c->a->n_sentences && !c->failed; si++) {
        const sl_sentence *st = &c->a->sentences[si];
        for (size_t i = st->token_first; i < st->token_end; i++) {
            char ch = c->t[tk(c, i)->start];
            if (is_word(c, i) && ch >= 'a' && ch <= 'z' &&
                sl_map64_put(&c->inside, key_hash('w', c->t + tk(c, i)->start,
                                               word_end(c, i) - tk(c, i)->start), 1))
                c->failed = 1;
            if (!is_cap(c, i) || sentence_initial(c, i, st->token_first) || all_caps(c, i))
                continue;
            uint32_t s = tk(c, i)->start;
            uint64_t k = key_hash('i', c->t + s, word_end(c, i) - s);
            int32_t n = sl_map64_get(&c->inside, k);
            if (sl_map64_put(&c->inside, k, n > 0 ? n + 1 : 1))
                c->failed = 1;
            /* on its own, not the last word of a longer name */
            if (!(i > st->token_first && (is_cap(c, i - 1) || apostrophe(c, i - 1))) &&
                sl_map64_put(&c->inside, key_hash('a', c->t + s, word_end(c, i) - s), 1))
                c->failed = 1;
        }
    }
}

/* ------------------------------------------------------------- collection */

static int32_t add_ent(ctx *c, uint32_t s, uint32_t e, sl_entity_type ty, int ntok) {
    if (c->n_ents == c->cap_ents) {
        size_t cap = c->cap_ents ? 2 * c->cap_ents : 32;
        ent *p = realloc(c->ents, cap * sizeof *p);
        if (!p) {
            c->failed = 1;
            return -1;
        }
        c->ents = p;
        c->cap_ents = cap;
    }
    c->ents[c->n_ents] = (ent){.name_s = s, .name_e = e, .type = ty, .ntok = ntok};
    return (int32_t)c->n_ents++;
}

static void add_men(ctx *c, uint32_t s, uint32_t e, sl_mention_kind k, int32_t en) {
    if (en < 0)
        return;
    if (c->n_ms == c->cap_ms) {
        size_t cap = c->cap_ms ? 2 * c->cap_ms : 64;
        men *p = realloc(c->ms, cap * sizeof *p);
        if (!p) {
            c->failed = 1;
            return;
        }
        c->ms = p;
        c->cap_ms = cap;
    }
    c->ms[c->n_ms++] = (men){s, e, k, en};
}

static void put(ctx *c, char kind, const char *s, size_t n, int32_t en) {
    if (n && sl_map64_put(&c->names, key_hash(kind, s, n), en))
        c->failed = 1;
}

/* Register the keys by which later mentions find entity en (tokens [i, j]). */
static void index_ent(ctx *c, int32_t en, size_t i, size_t j) {
    uint32_t s = tk(c, i)->start, e = word_end(c, j);
    put(c, 'n', c->t + s, e - s, en);
    sl_entity_type ty = c->ents[en].type;
    if (ty == SL_ENT_PERSON && j > i) {
        put(c, 'l', c->t + tk(c, j)->start, e - tk(c, j)->start, en);
        if (!strchr(".", c->t[tk(c, i)->end - 1]))
            put(c, 'f', c->t + s, tk(c, i)->end - s, en);
    }
    /* a phrase of common words left untyped ("Apple Computer") may still
     * be a company: its short name and acronym find it all the same */
    int body = ty == SL_ENT_ORG || (ty == SL_ENT_OTHER && c->ents[en].weak);
    if (body && j > i && !(lex_tok(c, i) & (SL_LEX_LOC | SL_LEX_PER | SL_LEX_DEMONYM | SL_LEX_CITY)) &&
        !in(c, i, sl_entlex_org_head) && !in(c, i, sl_entlex_loc_head))
        put(c, 'o', c->t + s, word_end(c, i) - s, en); /* "Apple" of "Apple Computer" */
    if (body && j > i) {
        char acr[MAX_NAME_TOKENS + 1];
        size_t m = 0;
        for (size_t k = i; k <= j && m < MAX_NAME_TOKENS; k++)
            if (is_cap(c, k))
                acr[m++] = c->t[tk(c, k)->start];
        if (m >= 2)
            put(c, 'a', acr, m, en);
    }
}

/* ----------------------------------------------------------------- typing */

static int loc_context(const ctx *c, size_t i, size_t first) {
    static const char *const kinds[] = {"town", "city", "village", "province", "county",
                                        "region", "district", "municipality", "capital",
                                        "suburb", "island", "port", "state", "parish", "towns",
                                        "cities", "villages", "provinces", "counties", "regions",
                                        "districts", "municipalities", "suburbs", "islands",
                                        "ports", "parishes", "commune", "communes", NULL};
    size_t n = i + 1;
    while (n < c->a->n_tokens && n < i + MAX_NAME_TOKENS && is_cap(c, n))
        n++;
    /* "in Bayline's jackets": the preposition governs the noun after it */
    if (i > first && in(c, i - 1, sl_entlex_loc_prep) && !possessive(c, n - 1))
        return 1;
    /* "the town of X", "the villages of X and Y" */
    size_t of = i;
    if (i >= first + 4 && tok_is(c, i - 1, "and") && is_cap(c, i - 2) && tok_is(c, i - 3, "of"))
        of = i - 3;
    else if (i >= first + 2)
        of = i - 1;
    if (of < i && tok_is(c, of, "of"))
        for (size_t k = 0; kinds[k]; k++)
            if (tok_is(c, of - 1, kinds[k]))
                return 1;
    /* "Tarnby is a village", "Tarnby, a small fishing port in": a name
     * the sentence says is a kind of place */
    size_t v = n;
    if (v < c->a->n_tokens && (tok_is(c, v, "is") || tok_is(c, v, "was") || tok_is(c, v, ",")))
        v++;
    if (v > n && v < c->a->n_tokens && (tok_is(c, v, "a") || tok_is(c, v, "an"))) {
        for (size_t k = v + 1; k < c->a->n_tokens && k <= v + 4 && is_word(c, k) && !is_cap(c, k); k++)
            for (size_t m = 0; kinds[m]; m++)
                if (tok_is(c, k, kinds[m])) /* the head noun: not "a state senator" */
                    return k + 1 >= c->a->n_tokens || !is_word(c, k + 1) || is_cap(c, k + 1) ||
                           in(c, k + 1, sl_entlex_function) || tok_is(c, k + 1, "and");
    }
    /* "Kenora, Ontario": a place followed by the larger place it lies in */
    return n + 1 < c->a->n_tokens && tok_is(c, n, ",") && is_cap(c, n + 1) &&
           (lex_tok(c, n + 1) & SL_LEX_LOC) && !(lex_tok(c, n + 1) & SL_LEX_PER);
}

/* "the Vics", "a Datsun": people's names take no article, unless they
 * modify a noun ("the Caloi family", "a Langejans guitar"). */
static int article_before(const ctx *c, size_t i, size_t j, size_t first, size_t end) {
    if (!(i > first && (tok_is(c, i - 1, "the") || tok_is(c, i - 1, "a") || tok_is(c, i - 1, "an"))))
        return 0;
    if (j + 1 >= end || !is_word(c, j + 1) || possessive(c, j) || is_cap(c, j + 1) ||
        in(c, j + 1, sl_entlex_function))
        return 1;
    const sl_token *k = tk(c, j + 1);
    return k->end - k->start > 3 && !memcmp(c->t + k->end - 2, "ed", 2);
}

/* Starts with one of the stems: "played", "signing", "coaches". */
static int stem_is(const ctx *c, size_t i, const char *const *stems) {
    char w[32];
    size_t n = lower(c, i, w, sizeof w);
    for (; n && *stems; stems++)
        if (!strncmp(w, *stems, strlen(*stems)))
            return 1;
    return 0;
}

/* "played for X", "signed with X", "joined X", "a loss to X": a team,
 * a club or an employer, even when it is named after its town. */
static int org_context(const ctx *c, size_t i, size_t first) {
    static const char *const direct[] = {"joined", "joining", "coached", "coaching", "signed",
                                         "vs", "vs.", "versus", "defeated", "beat", NULL};
    static const char *const verbs[] = {"play", "sign", "coach", "los", "transfer", "drafted",
                                        "traded", "loaned", "work", "employ", "release",
                                        "capped", "debut", "sold", NULL};
    if (i <= first || !is_word(c, i - 1))
        return 0;
    if (stem_is(c, i - 1, direct) && !tok_is(c, i - 1, "beating"))
        return 1;
    if (i < first + 2 || !(tok_is(c, i - 1, "for") || tok_is(c, i - 1, "with") || tok_is(c, i - 1, "to") ||
                           tok_is(c, i - 1, "by") || tok_is(c, i - 1, "against")))
        return 0;
    size_t v = i - 2;
    if (v > first && !is_cap(c, v) && (common_word(c, v) && !stem_is(c, v, verbs)))
        v--; /* "played briefly for", "signed again with" */
    return is_word(c, v) && (!is_cap(c, v) || v == first) && stem_is(c, v, verbs); /* not "Player returns to" */
}

/* The first pronoun after name [i, j] in its clause ("Bayline says its
 * offer stands", "Okafor said she"): +1 a thing, -1 a person, 0 none.
 * A new noun phrase or another name may be what it refers to: stop. */
static int next_pronoun(const ctx *c, size_t j, size_t end) {
    for (size_t k = j + 1; k < end && k <= j + 5; k++) {
        if (!is_word(c, k) || is_cap(c, k) || tok_is(c, k, "the") || tok_is(c, k, "a") ||
            tok_is(c, k, "an") || tok_is(c, k, "and") || tok_is(c, k, "or"))
            return 0;
        if (tok_is(c, k, "its") || tok_is(c, k, "itself"))
            return 1;
        if (tok_is(c, k, "his") || tok_is(c, k, "her") || tok_is(c, k, "he") || tok_is(c, k, "she") ||
            tok_is(c, k, "him") || tok_is(c, k, "himself") || tok_is(c, k, "herself"))
            return -1;
    }
    return 0;
}

static int per_context(const ctx *c, size_t i, size_t j, size_t first, size_t end) {
    return (j + 1 < end && speech_verb(c, j + 1)) ||
           (i > first && (in(c, i - 1, sl_entlex_title) ||
                          ((lex_tok(c, i - 1) & SL_LEX_ROLE) && !is_cap(c, i - 1) && !possessive(c, i - 1))));
}

/* "Crimean", "Congolese", "Bhutanese": an adjective of a place. */
static int nationality_ending(const ctx *c, size_t i) {
    const char *w = c->t + tk(c, i)->start;
    size_t n = word_end(c, i) - tk(c, i)->start;
    return n >= 6 && (!memcmp(w + n - 3, "ean", 3) || !memcmp(w + n - 3, "ese", 3) ||
                      !memcmp(w + n - 3, "ian", 3));
}

static int ends_with_any(const char *w, size_t n, const char *const *l) {
    for (; *l; l++) {
        size_t m = strlen(*l);
        if (n > m + 2 && !memcmp(w + n - m, *l, m))
            return 1;
    }
    return 0;
}

/* Word endings typical of place names ("-ville", "-burgh", "-pur") and of
 * family names ("-son", "-ski", "-enko"), for names no lexicon knows. */
static sl_entity_type ending_type(const ctx *c, size_t i) {
    static const char *const place[] = {
        "ville", "burg", "burgh", "shire", "stan", "polis", "grad", "abad", "pur", "mouth",
        "chester", "caster", "borough", "bury", "wick", "ford", "field", "dorf", "hausen",
        "heim", "bourg", "ton", "ington", "land", "sea", NULL};
    static const char *const person[] = {
        "son", "sen", "sson", "ez", "ski", "sky", "skyy", "skiy", "vich", "ovic", "evic", "enko",
        "ov", "ova", "ev", "eva", "yan", "ian", "escu", "idis", "opoulos", "akis", "oglu",
        "stein", "witz", "mann", "ley", "ini", "elli", "etti", "ucci", NULL};
    const char *w = c->t + tk(c, i)->start;
    size_t n = word_end(c, i) - tk(c, i)->start;
    if (ends_with_any(w, n, person))
        return SL_ENT_PERSON;
    if (ends_with_any(w, n, place))
        return SL_ENT_PLACE;
    return SL_ENT_OTHER;
}

/* "Ilse van der Meer", "Karim bin Salah": a given name (no common word)
 * and a family name joined by lowercase particles; no place or body. */
static int particle_name(const ctx *c, size_t i, size_t j) {
    int particles = 0;
    if (j - i > 4 || (common_word(c, i) && !(lex_tok(c, i) & SL_LEX_FIRST)))
        return 0;
    for (size_t k = i; k <= j; k++) {
        if (!is_cap(c, k)) {
            if (!in(c, k, sl_entlex_particle))
                return 0;
            particles++;
        } else if (lex_tok(c, k) & (SL_LEX_LOC | SL_LEX_ORG)) {
            return 0;
        }
    }
    return particles > 0;
}

/* "Ferries", "Rays": a lowercase plural word whose singular is a word too. */
static int plural_common(const ctx *c, size_t i) {
    char w[64];
    size_t n = lower(c, i, w, sizeof w);
    if (n < 4 || w[n - 1] != 's' || w[n - 2] == 's' || !(sl_words_lookup(w, n) & WORD_COMMON))
        return 0;
    if (sl_words_lookup(w, n - 1) & WORD_COMMON)
        return 1; /* rays */
    return n > 4 && w[n - 2] == 'e' && w[n - 3] == 'i' && (w[n - 3] = 'y', sl_words_lookup(w, n - 2) & WORD_COMMON);
}

/* A word the word list spells capitalized only: mostly given names and
 * surnames ("Francine", "Corey"). */
static int dict_name(const ctx *c, size_t i) {
    char w[64];
    size_t n = lower(c, i, w, sizeof w);
    return n && (sl_words_lookup(w, n) & (WORD_COMMON | WORD_NAME)) == WORD_NAME && !all_caps(c, i);
}

/* Every word of [i, j] a common word no lexicon names: "Special Events". */
static int all_common(const ctx *c, size_t i, size_t j) {
    for (size_t k = i; k <= j; k++)
        if (!common_word(c, k) || all_caps(c, k))
            return 0;
    return !lex_span(c, i, j);
}

/* "the album X", "the song 'X'", "a novel titled X": a work's name
 * follows a lowercase noun of its kind (an opening quote may come
 * between); the CoNLL convention types works MISC. */
static int work_context(const ctx *c, size_t i, size_t first) {
    static const char *const kinds[] = {
        "album", "albums", "song", "songs", "single", "singles", "film", "films", "movie",
        "novel", "novels", "book", "books", "serial", "episode", "opera", "poem", "painting",
        "symphony", "titled", "entitled", "track", "ep", "musical", "sitcom", "documentary",
        "anthology", "play", "ballad", "hymn", "anthem", "video", "game", NULL};
    size_t k = i;
    if (k > first && (quote_tok(c, k - 1) || tok_is(c, k - 1, "'")))
        k--;
    if (k <= first || !is_word(c, k - 1) || is_cap(c, k - 1))
        return 0;
    char w[16];
    size_t n = lower(c, k - 1, w, sizeof w);
    for (size_t m = 0; n && kinds[m]; m++)
        if (!strcmp(w, kinds[m]))
            return 1;
    return 0;
}

/* "the Tarrow people", "Tarrow is an endangered language", "the Quells
 * were a despised minority": a people or its language, typed other by the
 * CoNLL convention; a place the lexicon knows stays a place ("the
 * Yorkshire people"), checked by the caller. */
/* "spoken", "used", "settled": a verb form that ends a noun phrase */
static int participle(const ctx *c, size_t k) {
    const sl_token *t = tk(c, k);
    size_t n = t->end - t->start;
    const char *w = c->t + t->start;
    return !is_cap(c, k) && n > 4 && (!memcmp(w + n - 2, "ed", 2) || !memcmp(w + n - 2, "en", 2));
}

static int people_context(const ctx *c, size_t j, size_t end) {
    static const char *const kinds[] = {"people", "peoples", "language", "languages", "dialect",
                                        "dialects", "tribe", "tribes", "minority", "clan", NULL};
    size_t k = j + 1, stop = j + 2;
    if (k < end && (tok_is(c, k, "is") || tok_is(c, k, "was") || tok_is(c, k, "are") || tok_is(c, k, "were"))) {
        k++;
        if (k < end && (tok_is(c, k, "a") || tok_is(c, k, "an") || tok_is(c, k, "the")))
            k++;
        else if (k < end && !tok_is(c, k, "one"))
            return 0;
        else
            k++;
        stop = k + 5;
    }
    for (; k < end && k < stop && is_word(c, k) && (!is_cap(c, k) || demonym(c, k)); k++)
        for (size_t m = 0; kinds[m]; m++)
            if (tok_is(c, k, kinds[m])) /* the head noun: not "a language school" */
                return k + 1 >= end || !is_word(c, k + 1) || in(c, k + 1, sl_entlex_function) ||
                       tok_is(c, k + 1, "and") || tok_is(c, k + 1, "who") || participle(c, k + 1);
    return 0;
}

/* "the 1971 Pan American Games", "Asian Games", "Argentine War of
 * Independence": an event, typed other by the CoNLL convention, even
 * where its head word also ends company names ("Rockstar Games"). */
static int event_name(const ctx *c, size_t i, size_t j, size_t first) {
    static const char *const heads[] = {
        "games", "cup", "championship", "championships", "olympics", "festival", "war",
        "award", "awards", "prize", "expo", "series", "tournament", "open", "trophy",
        "classic", "bowl", "grand prix", "marathon", "derby", NULL};
    for (size_t k = i; k < j; k++) /* "War of Independence", "Battle of Marrow" */
        if (tok_is(c, k + 1, "of") && in(c, k, sl_entlex_misc_word) && !in(c, k, sl_entlex_org_suffix) &&
            !in(c, k, sl_entlex_org_head))
            return 1;
    char w[16];
    size_t n = lower(c, j, w, sizeof w), m = 0;
    while (n && heads[m] && strcmp(w, heads[m]))
        m++;
    if (!n || !heads[m])
        return 0;
    if (j == i) /* "the Cup", "the Olympics": short for the event */
        return !all_caps(c, i) && m <= 4;
    /* a season or edition before it, or a people or place it gathers */
    return (i > first && tk(c, i - 1)->kind == SL_TOK_NUMBER) ||
           (lex_tok(c, j - 1) & (SL_LEX_DEMONYM | SL_LEX_LOC)) || nationality_ending(c, j - 1) ||
           !in(c, j, sl_entlex_org_suffix);
}

/* *weak is set when the type is only the default guess. */
static sl_entity_type type_of(ctx *c, size_t i, size_t j, size_t first, size_t end, int *weak) {
    size_t n = j - i + 1;
    *weak = 0;
    if ((n == 1 && demonym(c, i)) || work_context(c, i, first) || (n == 1 && event_name(c, i, j, first)))
        return SL_ENT_OTHER;
    unsigned f = lex_span(c, i, j);
    /* "during the Middle Ages", "the Devonian": a named time, whatever article it takes */
    if ((f & SL_LEX_PERIOD) && !(f & (SL_LEX_PER | SL_LEX_LOC | SL_LEX_ORG)))
        return SL_ENT_OTHER;
    if (!(f & (SL_LEX_LOC | SL_LEX_CITY | SL_LEX_ORG)) && people_context(c, j, end))
        return SL_ENT_OTHER;
    int loc_ctx = loc_context(c, i, first);
    int per_ctx = per_context(c, i, j, first, end);
    if (f & (SL_LEX_PER | SL_LEX_LOC | SL_LEX_ORG | SL_LEX_MISC)) {
        if ((f & SL_LEX_PER) && per_ctx)
            return SL_ENT_PERSON;
        if (f & SL_LEX_LOC)
            return SL_ENT_PLACE;
        if ((f & SL_LEX_PER) && !(f & SL_LEX_ORG))
            return SL_ENT_PERSON;
        if (f & SL_LEX_ORG)
            return SL_ENT_ORG;
        if (f & SL_LEX_LOC)
            return SL_ENT_PLACE;
        if (n == 1 || !(f & SL_LEX_MISC))
            return SL_ENT_OTHER;
    }
    if (n > 1) {
        if (f & SL_LEX_CITY)
            return SL_ENT_PLACE;
        if (event_name(c, i, j, first))
            return SL_ENT_OTHER;
        if (n <= 3 && (tok_is(c, i, "dj") || tok_is(c, i, "mc")) && all_caps(c, i) && !in(c, j, sl_entlex_org_suffix))
            return SL_ENT_PERSON; /* "DJ KORVA", "MC Tidewater": a stage name */
        if (all_caps(c, i) && in(c, i, sl_entlex_org_suffix))
            return SL_ENT_ORG; /* "FC Basel", "TV Marrow": a club or station of its town */
        for (size_t k = i + 1; k < j; k++) {
            if (quote_tok(c, k))
                return SL_ENT_PERSON; /* William "Cowboy" Cowley */
            if (tok_is(c, k, ","))
                return SL_ENT_PLACE; /* Washington, D.C. */
        }
        if (in(c, j, sl_entlex_org_suffix))
            return SL_ENT_ORG;
        for (size_t k = i; k < j; k++) /* "Bulgarian Academy of Sciences" */
            if (tok_is(c, k + 1, "of") && (in(c, k, sl_entlex_org_suffix) || in(c, k, sl_entlex_org_head)))
                return SL_ENT_ORG;
        if (in(c, j, sl_entlex_misc_word) || in(c, i, sl_entlex_misc_word))
            return SL_ENT_OTHER;
        if (in(c, j, sl_entlex_loc_suffix))
            return SL_ENT_PLACE;
        if (in(c, i, sl_entlex_org_head) && tok_is(c, i + 1, "of"))
            return SL_ENT_ORG;
        if (in(c, i, sl_entlex_loc_head) && !common_word(c, j))
            return SL_ENT_PLACE;
        if (particle_name(c, i, j) || (n <= 3 && i > first && in(c, i - 1, sl_entlex_title)) ||
            (n <= 3 && i > first && (lex_tok(c, i - 1) & SL_LEX_ROLE) && !is_cap(c, i - 1)))
            return SL_ENT_PERSON;
        unsigned fi = lex_tok(c, i), fj = lex_tok(c, j);
        int art = article_before(c, i, j, first, end);
        if (art && (fj & SL_LEX_CITY))
            return SL_ENT_PLACE;
        if (art && !all_common(c, i, j))
            return SL_ENT_ORG;
        if (fi & SL_LEX_FIRST)
            return SL_ENT_PERSON;
        /* "Bayline Ferries", "Devil Rays": a plural common noun ends the
         * names of companies and teams, rarely of people */
        if (plural_common(c, j) && !(fj & (SL_LEX_LAST | SL_LEX_LOC)) &&
            ((i > first && tok_is(c, i - 1, "the")) || !all_common(c, i, j)))
            return SL_ENT_ORG;
        for (size_t k = i; k < j; k++) {
            uint32_t len = tk(c, k)->end - tk(c, k)->start;
            if (len == 2 && c->t[tk(c, k)->end - 1] == '.')
                return SL_ENT_PERSON; /* an initial: "Frederick H. Collier" */
        }
        if (fi & SL_LEX_DEMONYM)
            return SL_ENT_OTHER;
        if ((fj & SL_LEX_LAST) && !(fj & (SL_LEX_LOC | SL_LEX_ORG)))
            return SL_ENT_PERSON;
        if (fj & SL_LEX_LOC)
            return SL_ENT_PLACE;
        /* "Corin Partridge", "Tamsin Savage": a word the word list spells
         * capitalized only, then a surname that is also a common word */
        if (n == 2 && dict_name(c, i) && !(fi & (SL_LEX_LOC | SL_LEX_CITY | SL_LEX_ORG)) &&
            !plural_common(c, j) && !all_caps(c, j))
            return SL_ENT_PERSON;
        int common = 0, place = 0, caps = 0;
        for (size_t k = i; k <= j; k++) {
            common += common_word(c, k);
            place += (lex_tok(c, k) & SL_LEX_LOC) != 0;
            caps += all_caps(c, k);
        }
        if (place || caps)
            return SL_ENT_ORG; /* "Montreal HC", "FC Basel" */
        if (n <= 3 && !common)
            return SL_ENT_PERSON;
        /* "Special Events", "Business Developer": a phrase of common
         * words is a title, event or product more often than a body;
         * votes ("the", "played for", "its") still make it one */
        if (common == (int)n && !lex_span(c, i, j)) {
            *weak = 1;
            return SL_ENT_OTHER;
        }
        return SL_ENT_ORG;
    }
    unsigned fi = lex_tok(c, i);
    if (hyphen_compound(c, i) && !fi)
        return SL_ENT_OTHER;
    if (!fi && !common_word(c, i) && nationality_ending(c, i))
        return SL_ENT_OTHER;
    if (all_caps(c, i) && tk(c, i)->end - tk(c, i)->start <= 6)
        return SL_ENT_ORG;
    if (article_before(c, i, j, first, end))
        return (fi & SL_LEX_CITY) || loc_ctx ? SL_ENT_PLACE : SL_ENT_ORG;
    if (per_ctx)
        return SL_ENT_PERSON;
    if (loc_ctx)
        return SL_ENT_PLACE;
    if ((fi & SL_LEX_BIGCITY) || ((fi & SL_LEX_CITY) && !(fi & (SL_LEX_FIRST | SL_LEX_LAST))))
        return SL_ENT_PLACE;
    if (fi & (SL_LEX_FIRST | SL_LEX_LAST))
        return SL_ENT_PERSON;
    /* a common word used as a name ("Apple", "Falcons") is mostly a
     * company, team or band; people's names rarely are English words */
    if (common_word(c, i))
        return SL_ENT_ORG;
    *weak = 1;
    return ending_type(c, i) == SL_ENT_PLACE ? SL_ENT_PLACE : SL_ENT_PERSON;
}

/* ------------------------------------------------------------------ roles */

/* The role written just before a person's name: "White House press
 * secretary", "Putin's foreign affairs adviser". Its last word must be a
 * title or a person noun. */
static void find_role(ctx *c, int32_t en, size_t i, size_t first) {
    if (i <= first || c->ents[en].role_e)
        return;
    size_t k = i - 1;
    if (!is_word(c, k) || !(in(c, k, sl_entlex_title) || (lex_tok(c, k) & SL_LEX_ROLE)))
        return;
    /* "a senior Biden administration official": a surname alone takes
     * only a title-cased role ("President Biden") */
    if (c->ents[en].ntok == 1 && !is_cap(c, k))
        return;
    size_t s = k;
    while (s > first && i - s < MAX_ROLE_TOKENS) {
        size_t p = s - 1;
        uint32_t pe = word_end(c, p);
        if (!is_word(c, p) || in(c, p, sl_entlex_function) || (possessive(c, p) && !is_cap(c, p)) ||
            (!is_cap(c, p) && pe - tk(c, p)->start > 2 && !memcmp(c->t + pe - 2, "ly", 2)))
            break;
        if (tok_is(c, p, "of") && (p == first || !is_cap(c, p - 1)))
            break;
        s = p;
        if (possessive(c, p))
            break;
    }
    c->ents[en].role_s = tk(c, s)->start;
    c->ents[en].role_e = tk(c, k)->end;
}

/* -------------------------------------------------------------- mentions */

/* Link tokens [i, j] to an entity seen before, if they name it. */
static int32_t known(ctx *c, size_t i, size_t j, sl_mention_kind *kind) {
    uint32_t s = tk(c, i)->start, e = word_end(c, j);
    int32_t en = sl_map64_get(&c->names, key_hash('n', c->t + s, e - s));
    *kind = SL_MENTION_NAME;
    if (en >= 0)
        return en;
    *kind = SL_MENTION_SHORT;
    if (j - i > 1)
        return -1;
    if (i == j && (en = sl_map64_get(&c->names, key_hash('l', c->t + s, e - s))) >= 0)
        return en;
    if (i == j && (en = sl_map64_get(&c->names, key_hash('f', c->t + s, e - s))) >= 0)
        return en;
    if (i == j && all_caps(c, i) && (en = sl_map64_get(&c->names, key_hash('a', c->t + s, e - s))) >= 0)
        return en;
    if (i == j && (en = sl_map64_get(&c->names, key_hash('o', c->t + s, e - s))) >= 0)
        return en;
    /* "Putin" first, "Vladimir Putin" later: the full name takes over. */
    return -1;
}

/* "played for the Jets", "known as the Falcons": a capitalized plural
 * of a common word after a lowercase "the" names a team or band. */
static int team_plural(const ctx *c, size_t i, size_t first) {
    return i > first && tok_is(c, i - 1, "the") && !is_cap(c, i - 1) && plural_common(c, i) &&
           !(lex_tok(c, i) & (SL_LEX_DEMONYM | SL_LEX_MISC));
}

static void name_found(ctx *c, size_t i, size_t j, size_t first, size_t end, int titled) {
    if (j - i + 1 > MAX_NAME_TOKENS)
        i = j + 1 - MAX_NAME_TOKENS;
    uint32_t s = tk(c, i)->start, e = word_end(c, j);
    sl_mention_kind kind;
    int32_t en = known(c, i, j, &kind);
    if (en < 0 && j > i) {
        /* a fuller name for a person first met by surname alone */
        int32_t prev = sl_map64_get(&c->names, key_hash('n', c->t + tk(c, j)->start,
                                                     e - tk(c, j)->start));
        int weak = 0;
        sl_entity_type ty = titled ? SL_ENT_PERSON : type_of(c, i, j, first, end, &weak);
        /* "Bayline" first, "Bayline Ferries" later: the company's short name */
        int32_t head = ty == SL_ENT_ORG && !(lex_tok(c, i) & (SL_LEX_LOC | SL_LEX_CITY))
                           ? sl_map64_get(&c->names, key_hash('n', c->t + s, word_end(c, i) - s))
                           : -1;
        if (head >= 0 && c->ents[head].ntok == 1 && !c->ents[head].name_alt && !c->ents[head].title_v &&
            c->ents[head].weak && c->ents[head].type == SL_ENT_PERSON) {
            prev = head;
            c->ents[prev].type = SL_ENT_ORG;
            c->ents[prev].weak = 0;
        }
        if (prev >= 0 && c->ents[prev].ntok == 1 && c->ents[prev].type == ty &&
            (ty == SL_ENT_PERSON || prev == head)) {
            en = prev;
            c->ents[en].name_s = s;
            c->ents[en].name_e = e;
            c->ents[en].ntok = (int)(j - i + 1);
            index_ent(c, en, i, j);
        } else {
            en = add_ent(c, s, e, ty, (int)(j - i + 1));
            if (en >= 0) {
                c->ents[en].weak = !titled && weak;
                index_ent(c, en, i, j);
            }
        }
        kind = SL_MENTION_NAME;
    } else if (en < 0) {
        /* a lone capitalized common word ("Film", "Sales") is rarely a name */
        if (!titled && common_word(c, i) && !lex_tok(c, i) && !all_caps(c, i) &&
            (capitalized_inside(c, i) < 1 + LONE_MIN || lowercase_seen(c, i)) && !possessive(c, i) &&
            !per_context(c, i, j, first, end) && !team_plural(c, i, first))
            return;
        int weak = 0;
        en = add_ent(c, s, e, titled ? SL_ENT_PERSON : type_of(c, i, j, first, end, &weak), 1);
        if (en >= 0) {
            c->ents[en].dict_name = dict_name(c, i);
            c->ents[en].weak = weak;
            index_ent(c, en, i, j);
        }
        kind = SL_MENTION_NAME;
    }
    if (en < 0)
        return;
    c->ents[en].loc_v += loc_context(c, i, first);
    c->ents[en].per_v += per_context(c, i, j, first, end) + 2 * titled;
    c->ents[en].art_v += article_before(c, i, j, first, end);
    c->ents[en].org_v += org_context(c, i, first);
    /* "Sea Hawks manager X", later "for the Sea Hawks": common words
     * first met bare become a team once a lowercase 'the' names them so */
    if (c->ents[en].type == SL_ENT_OTHER && c->ents[en].weak && j > i && plural_common(c, j) &&
        i > first && tok_is(c, i - 1, "the") && !is_cap(c, i - 1))
        c->ents[en].org_v++;
    c->ents[en].title_v += titled;
    int pr = next_pronoun(c, j, end);
    c->ents[en].its_v += pr > 0;
    c->ents[en].his_v += pr < 0;
    if (c->ents[en].type == SL_ENT_PERSON)
        find_role(c, en, i, first);
    /* "a branch of The Scout Association": a capitalized "The" inside a
     * sentence is part of an organization's official name */
    if (i > first && c->ents[en].type == SL_ENT_ORG && tok_is(c, i - 1, "the") && is_cap(c, i - 1) &&
        !sentence_initial(c, i - 1, first))
        s = tk(c, i - 1)->start;
    add_men(c, s, e, kind, en);
}

/* A capitalized run [i, j]: drop what is no name, split off titles. */
/* "Chicago-based", "Kremlin-backed": a capitalized adjective, no name. */
static int hyphen_adjective(const ctx *c, size_t i) {
    const sl_token *k = tk(c, i);
    for (uint32_t p = k->end; p > k->start + 1; p--)
        if (c->t[p - 1] == '-')
            return p < k->end && c->t[p] >= 'a' && c->t[p] <= 'z';
    return 0;
}

static int has_digit(const ctx *c, size_t i) {
    for (uint32_t p = tk(c, i)->start; p < tk(c, i)->end; p++)
        if (c->t[p] >= '0' && c->t[p] <= '9')
            return 1;
    return 0;
}

/* "US", "GM", "NATO": short capitals are acronyms, not shouting. */
static int acronym(const ctx *c, size_t i) {
    uint32_t n = word_end(c, i) - tk(c, i)->start;
    return all_caps(c, i) && n >= 2 && n <= 5;
}

/* "A", "I", "O": one capital letter alone is an article, a pronoun or a
 * list mark, never a name ("J. Smith" keeps its period). */
static int lone_letter(const ctx *c, size_t i) {
    return word_end(c, i) - tk(c, i)->start == 1;
}

/* "Hi", "Oh", "Me": a one- or two-letter common word written in title
 * case opening a sentence is an interjection or pronoun, even when an
 * abbreviation in the lexicon spells it (HI, OH, ME are states). */
static int short_initial_word(const ctx *c, size_t i) {
    uint32_t n = word_end(c, i) - tk(c, i)->start;
    return n <= 2 && !all_caps(c, i) && common_word(c, i);
}

/* A sentence-initial common word that is no name: "After", "Chief".
 * Kept before a legal-form or place suffix: "Apple Inc.", "Sandy Hook". */
static int initial_common(const ctx *c, size_t i, size_t j, size_t first) {
    unsigned named = SL_LEX_PER | SL_LEX_LOC | SL_LEX_ORG;
    if (acronym(c, i))
        return 0;
    if (sentence_initial(c, i, first) && short_initial_word(c, i) && !capitalized_inside(c, i))
        return 1;
    /* "Union leader Dara Whelan", "Police said": a body's common word opening
     * a sentence names no body of its own unless the article writes it so
     * inside a sentence too, even where a gazetteer knows it as a place */
    if (i == j && sentence_initial(c, i, first) && common_word(c, i) &&
        in(c, i, sl_entlex_org_suffix) && !alone_inside(c, i))
        return 1;
    if (!sentence_initial(c, i, first) || !common_word(c, i) || (lex_tok(c, i) & named) ||
        capitalized_inside(c, i) || (i < j && ((lex_span(c, i, j) | lex_span(c, i, i + 1)) & named)))
        return 0;
    return !(i < j && (in(c, i + 1, sl_entlex_org_suffix) || in(c, i + 1, sl_entlex_loc_suffix)));
}

/* Left [i, le] of right [rs, j] are two bodies: the left ends in a body
 * word ("Corps") or is a team ("Vancouver Canucks"), the right is one by
 * its words ("Army", "League") or is an acronym. */
static int nested_org(const ctx *c, size_t i, size_t le, size_t rs, size_t j) {
    int right = rs == j && acronym(c, rs);
    for (size_t k = rs; k <= j && !right; k++)
        right = in(c, k, sl_entlex_org_suffix) || (k == rs && in(c, k, sl_entlex_org_head));
    if (!right || (lex_span(c, rs, j) & SL_LEX_LOC))
        return 0;
    if (in(c, le, sl_entlex_org_suffix))
        return 1;
    const sl_token *k = tk(c, le);
    return le > i && c->t[word_end(c, le) - 1] == 's' &&
           !(lex_span(c, i, le) & SL_LEX_LOC) && k->end - k->start > 3;
}

/* "Business Developer", "Actor": a job written in title case with no
 * name after it names no one (the CoNLL convention tags no entity). */
static int job_title(const ctx *c, size_t i, size_t j) {
    unsigned named = SL_LEX_PER | SL_LEX_LOC | SL_LEX_ORG | SL_LEX_FIRST | SL_LEX_LAST | SL_LEX_MISC;
    unsigned fj = lex_tok(c, j);
    if (!(fj & SL_LEX_JOB) || (fj & named) || plural_common(c, j) || (lex_span(c, i, j) & named))
        return 0;
    for (size_t k = i; k <= j; k++)
        if (!common_word(c, k) || all_caps(c, k) || (lex_tok(c, k) & named))
            return 0;
    return 1;
}

/* "Minnesotan", "Queenslander", "Parisienne": an unknown word with an
 * ending of inhabitants. */
static int in_people_word(const ctx *c, size_t i) {
    static const char *const ends[] = {"lander", "sotan", "ite", "onian", "ienne", NULL};
    const char *w = c->t + tk(c, i)->start;
    size_t n = word_end(c, i) - tk(c, i)->start;
    return !lex_tok(c, i) && !common_word(c, i) && ends_with_any(w, n, ends);
}

static int class_year(const ctx *c, size_t i) {
    static const char *const years[] = {"senior", "seniors", "junior", "juniors", "freshman",
                                        "freshmen", "sophomore", "sophomores", NULL};
    return word_in(c, i, years);
}

static void run_found(ctx *c, size_t i, size_t j, size_t first, size_t end) {
    while (i <= j && ((in(c, i, sl_entlex_function) && !acronym(c, i)) || calendar_word(c, i) ||
                      lone_letter(c, i) || initial_common(c, i, j, first))) {
        i++;
        while (i <= j && !is_cap(c, i))
            i++;
    }
    /* "fellow Minnesotan Ida Quarles", "Queenslander Ben Vell": a
     * people's word before a given name is no part of the name */
    if (i + 1 < j && (lex_tok(c, i + 1) & SL_LEX_FIRST) && !(lex_tok(c, i) & (SL_LEX_FIRST | SL_LEX_LOC)) &&
        !plural_common(c, j) && !in(c, j, sl_entlex_org_suffix) &&
        (demonym(c, i) || nationality_ending(c, i) || in_people_word(c, i)))
        i++;
    /* "Senior Ida Quarles", "Juniors Ben Vell and ...": a school year
     * before a full name is no part of it */
    if (i + 2 <= j && class_year(c, i) && !in(c, j, sl_entlex_org_suffix) && !plural_common(c, j))
        i++;
    /* a trailing title names no one: "Apple CEO", "Airbus President" */
    while (j > i && in(c, j, sl_entlex_title))
        j--;
    sl_mention_kind kind;
    if (i > j || (job_title(c, i, j) && known(c, i, j, &kind) < 0))
        return;
    /* "Bayline , Inc.", "Tern Holdings , LLC": a legal form after a comma
     * belongs to the name before it and names nothing alone */
    if (i == j && i > first && tok_is(c, i - 1, ",") && in(c, i, sl_entlex_org_suffix) &&
        (acronym(c, i) || c->t[tk(c, i)->end - 1] == '.'))
        return;
    /* "Apple Inc. Steve Jobs": an abbreviated legal form ends a name */
    for (size_t k = i + 1; k < j; k++)
        if (c->t[tk(c, k)->end - 1] == '.' && in(c, k, sl_entlex_org_suffix)) {
            run_found(c, i, k, first, end);
            run_found(c, k + 1, j, first, end);
            return;
        }
    /* the last title with a person-like rest splits role from name */
    for (size_t t = j; t-- > i;) {
        if (!in(c, t, sl_entlex_title) &&
            !((lex_tok(c, t) & SL_LEX_ROLE) && (lex_tok(c, t + 1) & SL_LEX_FIRST)))
            continue;
        /* "St. Louis", "Saint Helena": a saint names a place or church */
        if (tok_is(c, t, "st.") || tok_is(c, t, "st") || tok_is(c, t, "saint"))
            continue;
        /* "Major League Baseball": no person is named by common words */
        int rest_common = j > t + 1;
        for (size_t k = t + 1; k <= j && rest_common; k++)
            rest_common = common_word(c, k) && !lex_tok(c, k);
        if (rest_common)
            break;
        size_t ns = t + 1;
        if (tok_is(c, ns, "of")) {
            if (j < ns + 3)
                break;
            ns = j - 1; /* "Secretary of State Antony Blinken" */
        }
        /* "Professor Amos Frumkin of the Hebrew University": a titled
         * person, then the body they belong to */
        size_t of = ns + 1;
        while (of + 1 < j && of < ns + 4 && !tok_is(c, of, "of"))
            of++;
        if (of < j && tok_is(c, of, "of") && (lex_tok(c, ns) & (SL_LEX_FIRST | SL_LEX_PER)) && is_cap(c, of - 1) &&
            !(lex_span(c, ns, of - 1) & (SL_LEX_ORG | SL_LEX_LOC))) {
            name_found(c, ns, of - 1, first, end, 1);
            size_t k = of + 1;
            if (tok_is(c, k, "the") && k < j)
                k++;
            run_found(c, k, j, first, end);
            return;
        }
        if (j - ns >= 4 || in(c, j, sl_entlex_org_suffix) || in(c, j, sl_entlex_loc_suffix) ||
            (lex_span(c, ns, j) & (SL_LEX_ORG | SL_LEX_LOC)) || !is_cap(c, ns))
            break;
        size_t pe = t + 1;
        while (pe > i && (in(c, pe - 1, sl_entlex_title) || (lex_tok(c, pe - 1) & SL_LEX_ROLE)))
            pe--;
        /* "White House press secretary" keeps its body; a lone common
         * word before a title is part of it ("Harbour Minister") */
        if (pe > i + 1 || (pe == i + 1 && !(common_word(c, i) && !lex_tok(c, i))))
            run_found(c, i, pe - 1, first, end);
        name_found(c, ns, j, first, end, 1);
        return;
    }
    /* "Mayor of Brampton", "Chief Executive Officer of General Motors":
     * a title of a place or body, no name */
    size_t ti = i;
    while (ti < j && (in(c, ti, sl_entlex_title) || (lex_tok(c, ti) & SL_LEX_ROLE)))
        ti++;
    if (ti > i && ti + 1 <= j && tok_is(c, ti, "of")) {
        size_t k = ti + 1;
        if (tok_is(c, k, "the") && k < j)
            k++;
        run_found(c, k, j, first, end);
        return;
    }
    /* "IV Corps of the Army of the Potomac", "Ottawa Senators of the NHL":
     * a body of a larger body is two names */
    for (size_t o = i + 2; o + 1 <= j; o++) {
        if (!tok_is(c, o, "of"))
            continue;
        size_t r = o + 1;
        if (tok_is(c, r, "the") && r < j)
            r++;
        if (nested_org(c, i, o - 1, r, j)) {
            run_found(c, i, o - 1, first, end);
            run_found(c, r, j, first, end);
            return;
        }
    }
    /* "Amos Frumkin of the Hebrew University": a person, then where from */
    if (j > i + 2 && (lex_tok(c, i) & SL_LEX_FIRST) && !lex_span(c, i, j)) {
        for (size_t o = i + 1; o < j; o++)
            if (tok_is(c, o, "of")) {
                name_found(c, i, o - 1, first, end, 0);
                size_t k = o + 1;
                if (tok_is(c, k, "the") && k < j)
                    k++;
                run_found(c, k, j, first, end);
                return;
            }
    }
    if (i == j && (in(c, i, sl_entlex_title) || calendar_word(c, i) || (all_caps(c, i) && tk(c, i)->end - tk(c, i)->start > 3 && common_word(c, i))))
        return;
    name_found(c, i, j, first, end, 0);
}

static int connector_at(const ctx *c, size_t k, size_t end) {
    /* "Suite & Snatch", "Pierpont Community & Technical College" */
    if (k + 1 < end && tk(c, k)->end - tk(c, k)->start == 1 && c->t[tk(c, k)->start] == '&' &&
        is_cap(c, k + 1))
        return 1;
    if (k + 1 >= end || !is_word(c, k) || is_cap(c, k))
        return 0;
    if (!in(c, k, sl_entlex_connector) || tok_is(c, k, "and") || tok_is(c, k, "for") ||
        tok_is(c, k, "on") || tok_is(c, k, "the"))
        return 0;
    size_t n = k + 1;
    if (tok_is(c, n, "the") && n + 1 < end)
        n++;
    /* "van der", "de la", "von dem": a family-name particle pair */
    else if (n + 1 < end && in(c, k, sl_entlex_particle) && in(c, n, sl_entlex_particle) && !is_cap(c, n))
        n++;
    return is_cap(c, n) && !in(c, n, sl_entlex_function) ? (int)(n - k) : 0;
}

/* "Howe's Brigade", "Couch 's Division": a military unit named after its
 * commander keeps the possessive inside its name. The unit word's index,
 * 0 if none follows the possessive at j. */
static size_t unit_after_possessive(const ctx *c, size_t j, size_t end) {
    static const char *const units[] = {"brigade", "division", "corps", "regiment", "battalion",
                                        "battery", "legion", "rangers", "raiders", NULL};
    size_t p = word_end(c, j) != tk(c, j)->end ? j + 1 : j + 3;
    if (p >= end || !is_cap(c, p) || (lex_tok(c, j) & (SL_LEX_LOC | SL_LEX_CITY)))
        return 0;
    char w[16];
    size_t n = lower(c, p, w, sizeof w);
    for (size_t k = 0; n && units[k]; k++)
        if (!strcmp(w, units[k]))
            return p;
    return 0;
}

static int quote_tok(const ctx *c, size_t i) {
    const sl_token *k = tk(c, i);
    const char *s = c->t + k->start;
    size_t n = k->end - k->start;
    return (n == 1 && s[0] == '"') || (n == 2 && (!memcmp(s, "``", 2) || !memcmp(s, "''", 2))) ||
           (n == 3 && (!memcmp(s, "\xE2\x80\x9C", 3) || !memcmp(s, "\xE2\x80\x9D", 3)));
}

/* Names that run over punctuation or "and": "Washington, D.C.", a
 * nickname in quotes (William "Cowboy" Cowley), a country or place the
 * lexicon knows with "and" ("Trinidad and Tobago"). The new last token of
 * the run [i, j], 0 if none. */
static size_t name_tail(const ctx *c, size_t i, size_t j, size_t end) {
    if (j + 2 < end && tok_is(c, j + 1, ",") && (tok_is(c, j + 2, "d.c.") || tok_is(c, j + 2, "dc")))
        return j + 2;
    if (j + 1 < end && tok_is(c, j + 1, "and") && j + 2 < end && is_cap(c, j + 2)) {
        size_t e = j + 2;
        while (e + 1 < end && e < j + 4 && is_cap(c, e + 1))
            e++;
        for (size_t k = e; k >= j + 2; k--)
            if ((lex_span(c, i, k) | lex_span(c, j, k)) & (SL_LEX_LOC | SL_LEX_CITY))
                return k;
    }
    /* "Ferry Workers' Union", "Ratepayers ' Association" */
    if (j + 2 < end && c->t[word_end(c, j) - 1] == 's' && apostrophe(c, j + 1) && is_cap(c, j + 2) &&
        in(c, j + 2, sl_entlex_org_suffix))
        return j + 2;
    /* "the London and Western Railway", "the Harbor and Ferry Workers'
     * Union": after an article, "and" joins the words of one body; the
     * article may open the sentence and the run ("The Harbor and ...") */
    size_t b = i < j && tok_is(c, i, "the") ? i + 1 : i; /* the body's first word */
    int article = (i > 0 && tok_is(c, i - 1, "the") && !is_cap(c, i - 1)) || b > i;
    if (article && j + 2 < end && tok_is(c, j + 1, "and") &&
        is_cap(c, j + 2) && !in(c, j, sl_entlex_org_suffix) && !(b < j && in(c, j, sl_entlex_loc_suffix)) &&
        !(b < j && (lex_span(c, b, j) & SL_LEX_LOC))) {
        size_t e = j + 2;
        while (e + 1 < end && e < j + 6 && is_cap(c, e + 1))
            e++;
        if (e + 2 < end && c->t[word_end(c, e) - 1] == 's' && apostrophe(c, e + 1) && is_cap(c, e + 2) &&
            in(c, e + 2, sl_entlex_org_suffix))
            e += 2;
        if (in(c, e, sl_entlex_org_suffix))
            return e;
    }
    if (j + 4 < end && j < i + 3 && quote_tok(c, j + 1) && is_cap(c, j + 2)) {
        size_t q = j + 3;
        if (!quote_tok(c, q) && is_cap(c, q))
            q++;
        if (q + 1 < end && quote_tok(c, q) && is_cap(c, q + 1) && !has_digit(c, q + 1))
            return q + 1;
    }
    return 0;
}

/* "the Institute for Coastal Studies", "Society of Ferry Help for Widows":
 * 'for' joins what a body is for to the body's name, never a person's
 * ("Okafor for Marrow Bay"). 1 to skip 'for', 0 if no join. */
static int body_for(const ctx *c, size_t i, size_t j, size_t end) {
    if (j + 2 >= end || !tok_is(c, j + 1, "for") || is_cap(c, j + 1) || !is_cap(c, j + 2) ||
        in(c, j + 2, sl_entlex_function) || has_digit(c, j + 2))
        return 0;
    static const char *const bodies[] = {"institute", "society", "council", "committee", "commission",
                                         "centre", "center", "foundation", "association", "fund",
                                         "ministry", "office", "agency", "department", "school",
                                         "college", "academy", "alliance", "coalition", "campaign",
                                         "institution", "trust", "organization", "organisation", NULL};
    if (all_caps(c, j + 2))
        return 0; /* "the Council for FC Ostend": a body named by its acronym is another body */
    char w[16];
    for (size_t k = i; k <= j; k++)
        if (is_cap(c, k) && lower(c, k, w, sizeof w))
            for (size_t b = 0; bodies[b]; b++)
                if (!strcmp(w, bodies[b]))
                    return 1;
    return 0;
}

/* "All-American", "All-State", "All-Time": an honour or a ranking word
 * written before a noun, never part of the name beside it ("a Texas
 * All-State tackle" names Texas). */
static int all_honor(const ctx *c, size_t i) {
    const sl_token *t = tk(c, i);
    return t->end - t->start > 4 && !memcmp(c->t + t->start, "All-", 4);
}

static void scan_sentence(ctx *c, size_t first, size_t end, uint32_t skip_to) {
    for (size_t i = first; i < end && !c->failed; i++) {
        if (tk(c, i)->start < skip_to || !is_cap(c, i) || has_digit(c, i) || all_honor(c, i) ||
            hyphen_adjective(c, i) || contraction(c, i) || tok_is(c, i, "i") ||
            tok_is(c, i, "no.") || tok_is(c, i, "ok"))
            continue;
        size_t j = i;
        while (j + 1 < end && j - i < 4 * MAX_NAME_TOKENS) {
            if (possessive(c, j)) {
                size_t u = unit_after_possessive(c, j, end);
                if (!u)
                    break;
                j = u;
                continue;
            }
            if (is_cap(c, j + 1) && tk(c, j + 1)->start <= tk(c, j)->end + 1 &&
                !has_digit(c, j + 1) && !hyphen_adjective(c, j + 1) && !contraction(c, j + 1) &&
                !all_honor(c, j + 1)) {
                j++;
                continue;
            }
            size_t tail = name_tail(c, i, j, end);
            if (tail) {
                j = tail;
                continue;
            }
            int skip = connector_at(c, j + 1, end);
            if (!skip)
                skip = body_for(c, i, j, end);
            if (!skip)
                break;
            j += (size_t)skip + 1;
        }
        run_found(c, i, j, first, end);
        i = j;
    }
}

/* --------------------------------------------------------------- labels */

static int label_letter(char ch) { return (ch & 0x80) || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); }

/* The entity a transcript label ("KELEMEN", "NED PRICE, BYLINE") names. */
static int32_t label_entity(ctx *c, const char *lab, size_t n) {
    size_t ls = n;
    while (ls > 0 && lab[ls - 1] != ' ')
        ls--;
    int32_t en = sl_map64_get(&c->names, key_hash('n', lab, n));
    if (en < 0 && ls < n)
        en = sl_map64_get(&c->names, key_hash('l', lab + ls, n - ls));
    if (en >= 0 && c->ents[en].type != SL_ENT_PERSON)
        en = -1;
    if (en < 0 && ls == 0)
        en = sl_map64_get(&c->names, key_hash('l', lab, n));
    if (en >= 0 && c->ents[en].type == SL_ENT_PERSON)
        return en;
    return -1;
}

/* "Hi, Rory." before the label "RORY BANNISTER": a one-word person of
 * the text named by the label's first or last word is the speaker. */
static int32_t label_short_person(const ctx *c, const char *lab, size_t n) {
    size_t fe = 0, ls = n;
    while (fe < n && lab[fe] != ' ')
        fe++;
    while (ls > 0 && lab[ls - 1] != ' ')
        ls--;
    if (fe == n)
        return -1;
    int32_t en = sl_map64_get(&c->names, key_hash('n', lab + ls, n - ls));
    if (en < 0 || c->ents[en].ntok != 1 || c->ents[en].name_alt || c->ents[en].type != SL_ENT_PERSON)
        en = sl_map64_get(&c->names, key_hash('n', lab, fe));
    if (en < 0 || c->ents[en].ntok != 1 || c->ents[en].name_alt || c->ents[en].type != SL_ENT_PERSON)
        return -1;
    return en;
}

static void label_block(ctx *c, const sl_block *b, sl_arena *ar) {
    const char *sp = b->speaker;
    size_t n = strcspn(sp, ",(");
    while (n > 0 && sp[n - 1] == ' ')
        n--;
    if (n == 0 || n > MAX_KEY)
        return;
    uint32_t s = (uint32_t)b->start, e = (uint32_t)b->start;
    if (b->end - b->start >= n && !memcmp(c->t + b->start, sp, n))
        e = s + (uint32_t)n;
    int32_t en = label_entity(c, sp, n);
    if (en < 0) {
        /* a speaker never named in full in the text: the label is the name */
        char *nm = sl_arena_strndup(ar, sp, n);
        if (!nm) {
            c->failed = 1;
            return;
        }
        for (size_t k = 1; k < n; k++)
            if (label_letter(nm[k - 1]) && nm[k] >= 'A' && nm[k] <= 'Z')
                nm[k] = (char)(nm[k] + 32);
        en = label_short_person(c, sp, n);
        if (en < 0)
            en = add_ent(c, s, e, SL_ENT_PERSON, 1);
        if (en < 0)
            return;
        c->ents[en].name_alt = nm;
        put(c, 'n', sp, n, en);
        size_t ls = n;
        while (ls > 0 && sp[ls - 1] != ' ')
            ls--;
        put(c, 'l', sp + ls, n - ls, en);
    }
    add_men(c, s, e, SL_MENTION_LABEL, en);
}

/* ------------------------------------------------------------- pronouns */

/* An entity's type from all the votes of the text, once it is read. */
static sl_entity_type final_type(const ctx *c, size_t i) {
    const ent *x = &c->ents[i];
    sl_entity_type t = x->weak && x->loc_v > x->per_v ? SL_ENT_PLACE : x->type;
    if (t == SL_ENT_PERSON && x->art_v > x->per_v && !x->name_alt)
        t = SL_ENT_ORG;
    /* "a letter to Ivo", later "Ivo says he": a given name no gazetteer
     * knows, met first after a place preposition, is the person once
     * anything marks a person (a speech verb, a title, "his") */
    if (t == SL_ENT_PLACE && x->ntok == 1 && !x->name_alt && x->per_v + x->his_v > 0) {
        unsigned lf = sl_entlex_lookup(c->t + x->name_s, x->name_e - x->name_s);
        if ((lf & SL_LEX_FIRST) && !(lf & (SL_LEX_LOC | SL_LEX_CITY)))
            t = SL_ENT_PERSON;
    }
    /* a place that plays, signs and hires is its club */
    if ((t == SL_ENT_PLACE || (t == SL_ENT_PERSON && x->weak)) && x->org_v > 0 &&
        x->org_v >= x->per_v && !x->name_alt)
        t = SL_ENT_ORG;
    /* capitalized common words ("Blue Lantern") used as a body: "the
     * Blue Lanterns", "played for Blue Lantern", "Blue Lantern said its" */
    if (t == SL_ENT_OTHER && x->weak && (x->org_v || x->its_v))
        t = SL_ENT_ORG;
    /* news introduce people by full name: an unknown lone word never
     * given a first name, a title, a speech verb or "he"/"she" is
     * more often a company, band or team ("Konami", "Crobar") */
    if (t == SL_ENT_PERSON && x->weak && x->ntok == 1 && !x->per_v && !x->title_v &&
        !x->name_alt && !x->his_v && !x->dict_name)
        t = SL_ENT_ORG;
    /* "Bayline says its offer stands": a name referred to as a thing */
    if (t == SL_ENT_PERSON && x->its_v > x->his_v && !x->title_v && !x->name_alt)
        t = SL_ENT_ORG;
    return t;
}

static int cmp_men(const void *x, const void *y) {
    const men *a = x, *b = y;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    return a->e < b->e ? -1 : a->e > b->e;
}

/* The last word of the role of entity en ("president"), NULL if none. */
static const char *role_head(const ctx *c, int32_t en, size_t *n) {
    const ent *x = &c->ents[en];
    if (!x->role_e)
        return NULL;
    uint32_t s = x->role_e;
    while (s > x->role_s && c->t[s - 1] != ' ')
        s--;
    *n = x->role_e - s;
    return c->t + s;
}

/* "the union" after "the Harbor and Ferry Workers' Union": the kind of
 * body its name ends in is a role word for it, as a person's role is. */
static void body_head(ctx *c, int32_t en) {
    const ent *x = &c->ents[en];
    uint32_t s = x->name_e;
    while (s > x->name_s && c->t[s - 1] != ' ')
        s--;
    if (x->name_e > s && sl_entlex_org_suffix(c->t + s, x->name_e - s))
        put(c, 'r', c->t + s, x->name_e - s, en);
}

/* "the Russian president": a description ending in the role word of a
 * person with that role, the most recently mentioned one. The table maps
 * role words to entities as mentions are passed ('r' keys). */
static void nominal(ctx *c, size_t i, size_t end) {
    for (size_t k = i + 1; k < end && k <= i + 3; k++) {
        if (!is_word(c, k) || in(c, k, sl_entlex_function))
            return;
        if (is_cap(c, k) && !demonym(c, k) && !in(c, k, sl_entlex_title))
            continue;
        uint32_t s = tk(c, k)->start;
        int32_t en = sl_map64_get(&c->names, key_hash('r', c->t + s, word_end(c, k) - s));
        if (en >= 0 && (k + 1 >= end || !is_word(c, k + 1) || !is_cap(c, k + 1))) {
            add_men(c, tk(c, i)->start, word_end(c, k), SL_MENTION_NOMINAL, en);
            return;
        }
    }
}

/* He/she as subject of a speech verb or opening a sentence: the nearest
 * person mentioned before whose pronoun it may be. A person's pronoun is
 * learnt from the first one resolved to it: after "She declined to
 * comment" about Whelan, a "he said" is not Whelan's but the nearest of
 * the last few people that may be a "he", or nobody's (a spokesman with no
 * name). Mentions must be sorted; new ones are appended. */
enum { RECENT_PERSONS = 4, SUBJECT_TOKENS = 4 };

/* en (-1: a person with no name) becomes the most recent person. */
static void push_recent(int32_t *recent, size_t *n, int32_t en) {
    size_t k = 0;
    while (k < *n && recent[k] != en)
        k++;
    if (k == *n && *n < RECENT_PERSONS)
        (*n)++;
    for (k = k < *n ? k : *n - 1; k > 0; k--)
        recent[k] = recent[k - 1];
    recent[0] = en;
}

/* "A spokesman for the minister", "an aide": a person without a name, whom
 * a following "he" or "she" may be. */
static int unnamed_person(const ctx *c, size_t i, size_t end) {
    return (tok_is(c, i, "a") || tok_is(c, i, "A") || tok_is(c, i, "an") || tok_is(c, i, "An")) &&
           i + 1 < end && !is_cap(c, i + 1) && in(c, i + 1, sl_entlex_title);
}

static void pronouns(ctx *c) {
    size_t n_named = c->n_ms, m = 0;
    int32_t recent[RECENT_PERSONS]; /* most recent first */
    size_t n_recent = 0;
    uint8_t *gender = calloc(c->n_ents ? c->n_ents : 1, 1); /* 0 unknown, 1 he, 2 she */
    uint8_t *person = malloc(c->n_ents ? c->n_ents : 1);
    if (!gender || !person) {
        free(gender);
        free(person);
        c->failed = 1;
        return;
    }
    /* by the type the whole text gives: "Bayline says its offer stands"
     * makes Bayline no "she" however it first looked */
    for (size_t i = 0; i < c->n_ents; i++)
        person[i] = final_type(c, i) == SL_ENT_PERSON;
    int32_t subject = -1; /* the person opening the last sentence */
    for (size_t si = 0; si < c->a->n_sentences && !c->failed; si++) {
        const sl_sentence *st = &c->a->sentences[si];
        /* who the last sentence was about comes first for this one's "he":
         * "Sullivan stated that Biden and Putin had talked. ..., he added"
         * is Sullivan's */
        if (subject >= 0)
            push_recent(recent, &n_recent, subject);
        subject = -1;
        for (size_t i = st->token_first; i < st->token_end; i++) {
            while (m < n_named && c->ms[m].s < tk(c, i)->start) {
                int32_t en = c->ms[m].ent;
                size_t rn = 0;
                const char *rh = role_head(c, en, &rn);
                if (person[en] && c->ms[m].kind != SL_MENTION_LABEL) {
                    if (i <= st->token_first + SUBJECT_TOKENS && subject < 0)
                        subject = en;
                    push_recent(recent, &n_recent, en);
                    if (rh && rn)
                        put(c, 'r', rh, rn, en);
                } else if (!person[en]) {
                    body_head(c, en);
                }
                m++;
            }
            if (tok_is(c, i, "the")) {
                nominal(c, i, st->token_end);
                continue;
            }
            if (unnamed_person(c, i, st->token_end)) {
                push_recent(recent, &n_recent, -1);
                continue;
            }
            uint8_t g = tok_is(c, i, "he") ? 1 : tok_is(c, i, "she") ? 2 : 0;
            if (!n_recent || !g)
                continue;
            size_t nx = i + 1;
            if (nx < st->token_end && (tok_is(c, nx, "also") || tok_is(c, nx, "then")))
                nx++;
            int subj = sentence_initial(c, i, st->token_first) ||
                       (nx < st->token_end && speech_verb(c, nx));
            if (!subj)
                continue;
            size_t k = 0;
            while (k < n_recent && recent[k] >= 0 && gender[recent[k]] && gender[recent[k]] != g)
                k++;
            if (k == n_recent || recent[k] < 0)
                continue; /* the nearest may be a nameless spokesman */
            gender[recent[k]] = g;
            if (subject < 0 && i <= st->token_first + SUBJECT_TOKENS)
                subject = recent[k];
            add_men(c, tk(c, i)->start, tk(c, i)->end, SL_MENTION_PRONOUN, recent[k]);
        }
    }
    free(gender);
    free(person);
}

/* ----------------------------------------------------------------- output */

static sl_status finish(ctx *c, sl_arena *ar, sl_entity **ents, size_t *n_ents, sl_mention **ments,
                        size_t *n_ments, sl_error *err) {
    if (c->n_ms)
        qsort(c->ms, c->n_ms, sizeof *c->ms, cmp_men);
    sl_entity *E = c->n_ents ? sl_arena_calloc(ar, c->n_ents * sizeof *E) : NULL;
    sl_mention *M = c->n_ms ? sl_arena_alloc(ar, c->n_ms * sizeof *M) : NULL;
    if ((c->n_ents && !E) || (c->n_ms && !M))
        return sl_fail(err, SL_ERR_NOMEM, "out of memory for entities");
    for (size_t i = 0; i < c->n_ents; i++) {
        const ent *x = &c->ents[i];
        E[i].name = x->name_alt ? x->name_alt
                                : sl_arena_strndup(ar, c->t + x->name_s, x->name_e - x->name_s);
        E[i].type = final_type(c, i);
        if (x->role_e) {
            E[i].role = sl_arena_strndup(ar, c->t + x->role_s, x->role_e - x->role_s);
            E[i].role_start = x->role_s;
            E[i].role_end = x->role_e;
        }
        if (!E[i].name || (x->role_e && !E[i].role))
            return sl_fail(err, SL_ERR_NOMEM, "out of memory for entities");
    }
    for (size_t i = 0; i < c->n_ms; i++) {
        men m = c->ms[i];
        const ent *x = &c->ents[m.ent];
        /* a name mention shorter than the entity's final name is a short form */
        if (m.kind == SL_MENTION_NAME && !x->name_alt && m.e - m.s < x->name_e - x->name_s)
            m.kind = SL_MENTION_SHORT;
        if (m.kind == SL_MENTION_NAME && x->name_alt && m.e - m.s < strlen(x->name_alt))
            m.kind = SL_MENTION_SHORT;
        M[i] = (sl_mention){m.s, m.e, m.kind, m.ent};
        E[m.ent].n_mentions++;
    }
    *ents = E;
    *n_ents = c->n_ents;
    *ments = M;
    *n_ments = c->n_ms;
    return SL_OK;
}

sl_status sl_find_entities(const sl_article *a, sl_arena *ar, sl_entity **ents, size_t *n_ents,
                           sl_mention **ments, size_t *n_ments, sl_error *err) {
    *ents = NULL;
    *ments = NULL;
    *n_ents = *n_ments = 0;
    ctx c = {.a = a, .t = a->text};
    count_inside(&c);
    for (size_t si = 0; si < a->n_sentences && !c.failed; si++) {
        const sl_sentence *st = &a->sentences[si];
        uint32_t skip_to = 0;
        int b = st->block;
        if (b >= 0 && (size_t)b < a->n_blocks && a->blocks[b].kind == SL_BLOCK_TURN &&
            a->blocks[b].speaker) {
            size_t n = strlen(a->blocks[b].speaker);
            if (a->blocks[b].end - a->blocks[b].start >= n &&
                !memcmp(a->text + a->blocks[b].start, a->blocks[b].speaker, n))
                skip_to = (uint32_t)(a->blocks[b].start + n);
        }
        scan_sentence(&c, st->token_first, st->token_end, skip_to);
    }
    for (size_t b = 0; b < a->n_blocks && !c.failed; b++)
        if (a->blocks[b].kind == SL_BLOCK_TURN && a->blocks[b].speaker)
            label_block(&c, &a->blocks[b], ar);
    if (!c.failed && c.n_ms) {
        qsort(c.ms, c.n_ms, sizeof *c.ms, cmp_men);
        pronouns(&c);
    }
    sl_status st = c.failed ? sl_fail(err, SL_ERR_NOMEM, "out of memory for entities")
                            : finish(&c, ar, ents, n_ents, ments, n_ments, err);
    free(c.ents);
    free(c.ms);
    sl_map64_free(&c.names);
    sl_map64_free(&c.inside);
    return st;
}

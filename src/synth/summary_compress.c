/* summary_compress.c — shorter variants of a candidate sentence.
 *
 * A summary of 100 words should spend them on the story, not on asides a
 * reader can do without. Each rule here removes one kind of removable
 * piece and keeps the sentence a sentence: a bracketed or dashed aside, an
 * appositive after a name (", 45,", ", a spokesman for X,"), an
 * attribution in the middle (", police said,") or in front ("Officials
 * said Tuesday that ..."), a relative clause on a name (", who ...,"), a
 * trailing ", which ..." clause. The rules are surface patterns, cautious
 * on purpose: a pattern that does not clearly match leaves the sentence
 * alone. The selection then chooses among a sentence's variants, so a
 * cut is only taken when the words it frees buy more of the story.
 *
 * A variant is the source sentence's span (possibly moved in at its ends)
 * with a few byte ranges cut out of it; every cut starts at a comma or a
 * space and is followed by one, so the words left read as they are. Each
 * rule is one pass over the sentence's words. */
#include "summary_int.h"

#include <string.h>

enum { CW = 96 }; /* words looked at: rules reach no further in a long sentence */

typedef struct cwords {
    size_t n, total;
    uint32_t at[CW], end[CW]; /* end: after the word, its punctuation included */
} cwords;

static int sp(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int lower(char c) { return c >= 'a' && c <= 'z'; }
static int upper(char c) { return c >= 'A' && c <= 'Z'; }
static int digit(char c) { return c >= '0' && c <= '9'; }

static void split(const char *s, size_t a, size_t b, cwords *w)
{
    w->n = w->total = 0;
    for (size_t i = a; i < b;) {
        while (i < b && sp(s[i]))
            i++;
        if (i >= b)
            break;
        size_t j = i;
        while (j < b && !sp(s[j]))
            j++;
        if (w->n < CW) {
            w->at[w->n] = (uint32_t)i;
            w->end[w->n++] = (uint32_t)j;
        }
        w->total++;
        i = j;
    }
}

/* Whether word k ends with c (its last byte). */
static int ends(const char *s, const cwords *w, size_t k, char c) { return s[w->end[k] - 1] == c; }

/* Word k, trailing punctuation aside, is one of list (case-insensitive). */
static int is(const char *s, const cwords *w, size_t k, const char *const *list)
{
    size_t i = w->at[k], j = w->end[k];
    while (j > i && strchr(",.;:", s[j - 1]))
        j--;
    for (; *list; list++) {
        size_t n = strlen(*list), q = 0;
        if (n != j - i)
            continue;
        while (q < n && (s[i + q] | 0x20) == (*list)[q])
            q++;
        if (q == n)
            return 1;
    }
    return 0;
}

static const char *const said[] = {"said", "says", "say", "told", "reported", "added",
                                   "announced", "stated", "confirmed", "noted", "explained",
                                   "insisted", "warned", NULL};
static const char *const verbs[] = {"is", "are", "was", "were", "be", "been", "has", "have",
                                    "had", "will", "would", "can", "could", "should", "may",
                                    "might", "must", "do", "does", "did", "who", "which",
                                    "that", "whose", "whom", NULL};
static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                   "saturday", "sunday", "today", "yesterday", "tonight",
                                   "earlier", "later", "last", "this", "week", "month", "year",
                                   "on", "in", "a", "statement", "night", "morning",
                                   "afternoon", "evening", "reporters", "journalists", NULL};
static const char *const pronouns[] = {"he", "she", "it", "they", "this", "these", "those",
                                       "his", "her", "its", "their", "we", "i", "you", "our",
                                       "there", "such", NULL};
static const char *const time_names[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan",
    "feb", "march", "april", "may", "june", "july", "aug", "sept", "oct", "nov", "dec",
    "january", "february", "august", "september", "october", "november", "december", NULL};

/* What follows an aside decides how it goes. A verb ("Smith, 45, was
 * arrested"): both commas go with it. The start of a clause ("Last spring,
 * officials said, the army ..."): the comma before the clause stays. A
 * preposition, conjunction or participle: the aside may close something
 * else (a list, a fronted phrase); it stays. */
enum { NEXT_VERB, NEXT_CLAUSE, NEXT_OTHER };

static const char *const subjects[] = {
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our",
    "my", "he", "she", "it", "they", "we", "i", "you", "there", "some", "many", "most", "all",
    "no", "one", "two", "three", "several", "both", "each", "every", NULL};
static const char *const function_words[] = {
    "of", "in", "on", "at", "by", "for", "from", "to", "with", "into", "over", "under",
    "then", "and", "or", "nor", "but", "as", "so", "than", "after", "before", "while", "when",
    "where", "because", "if", "though", "although", "until", "since", "which", "who", "whom",
    "whose", "what", "not", "about", "against", "between", "through", "during", "near",
    "including", "like", "unlike", "via", "per", "around", "across", "along", "among", NULL};

static int ends_ing(const char *s, const cwords *w, size_t k)
{
    size_t i = w->at[k], j = w->end[k];
    while (j > i && strchr(",.;:", s[j - 1]))
        j--;
    return j - i > 4 && !memcmp(s + j - 3, "ing", 3);
}

static int ends_ed(const char *s, const cwords *w, size_t k)
{
    size_t i = w->at[k], j = w->end[k];
    while (j > i && strchr(",.;:", s[j - 1]))
        j--;
    return j - i > 3 && lower(s[i]) && !memcmp(s + j - 2, "ed", 2);
}

static int next_kind(const char *s, const cwords *w, size_t k)
{
    char c = s[w->at[k]];
    if (upper(c) || digit(c) || is(s, w, k, subjects))
        return NEXT_CLAUSE;
    if (!lower(c) || is(s, w, k, function_words) || ends_ing(s, w, k))
        return NEXT_OTHER;
    return NEXT_VERB;
}

/* A name word that an aside may follow: capitalized, not a month or day
 * (", Tuesday, ..."), not itself after a comma ("Tony Hall, D-Ohio,"). */
static int name_word(const char *s, const cwords *w, size_t k)
{
    return upper(s[w->at[k]]) && !is(s, w, k, time_names) && !(k && ends(s, w, k - 1, ','));
}

/* Whether the words after an aside ending at word e make it safe to cut
 * before a verb. A said-verb after an aside far into the sentence is an
 * inverted attribution ("..., the paper, said the agency"), its subject
 * after it. */
static int verb_follows(const char *s, const cwords *w, size_t k, size_t e)
{
    if (next_kind(s, w, e + 1) != NEXT_VERB)
        return 0;
    return !is(s, w, e + 1, said) || k < 6;
}

static int add_cut(sm_variant *v, size_t from, size_t to)
{
    if (v->n_cuts >= SM_MAX_CUTS || to <= from)
        return 0;
    v->cut[v->n_cuts++] = (sm_span){(uint32_t)from, (uint32_t)to};
    return 1;
}

/* The comma-delimited aside opened by the comma ending word k: the word
 * that ends it (its comma closes the aside) within max words, or -1. */
static long aside_end(const char *s, const cwords *w, size_t k, size_t max)
{
    for (size_t q = k + 1; q < w->n && q <= k + max; q++) {
        if (ends(s, w, q, '.') && q + 1 == w->n)
            return -1;
        if (strchr(";:", s[w->end[q] - 1]) || s[w->at[q]] == '"')
            return -1;
        if (ends(s, w, q, ','))
            return q + 1 < w->n ? (long)q : -1;
    }
    return -1;
}

/* Cut the aside of words k+1..e with the comma before it: "Smith, 45, was"
 * becomes "Smith was". */
static int cut_aside(sm_variant *v, const cwords *w, size_t k, size_t e)
{
    return add_cut(v, w->end[k] - 1, w->end[e]);
}

/* ( ... ) and [ ... ], one level, closed within the sentence. */
static int rule_paren(const char *s, const cwords *w, sm_variant *v)
{
    int did = 0;
    for (size_t k = 1; k < w->n; k++) {
        char o = s[w->at[k]];
        if (o != '(' && o != '[')
            continue;
        char c = o == '(' ? ')' : ']';
        for (size_t q = k; q < w->n && q < k + 20; q++) {
            const char *p = memchr(s + w->at[q] + (q == k), c, w->end[q] - w->at[q] - (q == k));
            if (!p)
                continue;
            /* What follows the bracket stays: "(AP)," keeps its comma. */
            size_t to = (size_t)(p - s) + 1;
            if (to == w->end[q] || strchr(",.;:", s[to])) {
                did |= add_cut(v, w->end[k - 1], to);
                k = q;
            }
            break;
        }
    }
    return did;
}

/* A dashed aside in the middle: " -- ... -- ". */
static int rule_dash(const char *s, const cwords *w, sm_variant *v)
{
    int did = 0;
    for (size_t k = 1; k + 1 < w->n; k++) {
        if (w->end[k] - w->at[k] != 2 || memcmp(s + w->at[k], "--", 2) != 0)
            continue;
        for (size_t q = k + 1; q + 1 < w->n && q < k + 16; q++) {
            if (w->end[q] - w->at[q] == 2 && memcmp(s + w->at[q], "--", 2) == 0) {
                if (q > k + 1)
                    did |= add_cut(v, w->end[k - 1], w->end[q]);
                k = q;
                break;
            }
        }
    }
    return did;
}

/* An appositive after a name: ", 45," or ", a/an/the ... ," followed by a
 * lowercase word (the verb): "Ona Pell, a spokeswoman for the port, said"
 * becomes "Ona Pell said". Not after the first word (an opener), not in a
 * list (", and"), not holding a verb. */
static int rule_appos(const char *s, const cwords *w, sm_variant *v)
{
    static const char *const det[] = {"a", "an", "the", NULL};
    int did = 0;
    for (size_t k = 1; k + 2 < w->n; k++) {
        if (!ends(s, w, k, ',') || !name_word(s, w, k))
            continue;
        long e = aside_end(s, w, k, 12);
        if (e < 0)
            continue;
        size_t f = k + 1, nx = (size_t)e + 1;
        int age = (size_t)e == f && digit(s[w->at[f]]) && w->end[f] - w->at[f] <= 4;
        int ok = age || is(s, w, f, det);
        for (size_t q = f; ok && q <= (size_t)e; q++)
            ok = !is(s, w, q, verbs) && !is(s, w, q, said) && !ends_ed(s, w, q);
        if (!ok || !verb_follows(s, w, k, nx - 1))
            continue;
        did |= cut_aside(v, w, k, (size_t)e);
        k = (size_t)e;
    }
    return did;
}

/* An attribution in the middle: ", police said," / ", according to
 * officials,". Before a verb both commas go ("The evidence, officials
 * said, shows" becomes "The evidence shows"); before a clause or a
 * participle the second stays ("Last spring, officials said, the army"
 * becomes "Last spring, the army"). ", said X," is left alone: it is
 * mostly a trailing attribution with an appositive after it. */
static int rule_attr_mid(const char *s, const cwords *w, sm_variant *v)
{
    static const char *const acc[] = {"according", NULL};
    int did = 0;
    for (size_t k = 1; k + 2 < w->n; k++) {
        if (!ends(s, w, k, ','))
            continue;
        long e = aside_end(s, w, k, 8);
        if (e < 0)
            continue;
        size_t f = k + 1, q = f;
        int ok = 1;
        if (is(s, w, f, acc)) {
            for (size_t r = f; ok && r <= (size_t)e; r++)
                ok = !is(s, w, r, verbs) && !is(s, w, r, said);
        } else {
            /* A subject of at most four words, the verb, a day. */
            while (q <= (size_t)e && q < f + 5 && !is(s, w, q, said) && !is(s, w, q, verbs))
                q++;
            ok = q > f && q <= (size_t)e && is(s, w, q, said);
            for (size_t r = q + 1; ok && r <= (size_t)e; r++)
                ok = is(s, w, r, days);
        }
        if (!ok)
            continue;
        size_t nx = (size_t)e + 1;
        int kind = next_kind(s, w, nx);
        if (kind == NEXT_VERB)
            did |= cut_aside(v, w, k, (size_t)e);
        else if (kind == NEXT_CLAUSE || ends_ing(s, w, nx))
            did |= add_cut(v, w->end[k] - 1, w->end[e] - 1);
        else
            continue;
        k = (size_t)e;
    }
    return did;
}

/* A relative clause on a name: "Smith, who led the talks, said" becomes
 * "Smith said". */
static int rule_rel(const char *s, const cwords *w, sm_variant *v)
{
    static const char *const who[] = {"who", "whose", NULL};
    int did = 0;
    for (size_t k = 1; k + 2 < w->n; k++) {
        if (!ends(s, w, k, ',') || !name_word(s, w, k) || !is(s, w, k + 1, who))
            continue;
        long e = aside_end(s, w, k, 20);
        if (e < 0 || !verb_follows(s, w, k, (size_t)e))
            continue;
        did |= cut_aside(v, w, k, (size_t)e);
        k = (size_t)e;
    }
    return did;
}

/* An attribution in front: "Officials said Tuesday that the ferry ..."
 * becomes "the ferry ..." (shown capitalized); also "According to X, ...".
 * The reported clause must be a sentence of its own: no pronoun opens it. */
static int rule_attr_lead(const char *s, const cwords *w, uint32_t min_words, sm_variant *v)
{
    static const char *const that[] = {"that", NULL};
    static const char *const acc[] = {"according", NULL};
    size_t r = 0; /* the first word kept */
    if (w->n > 3 && is(s, w, 0, acc)) {
        for (size_t k = 2; k < w->n && k < 9 && !r; k++)
            if (ends(s, w, k, ','))
                r = k + 1;
    } else {
        for (size_t k = 1; k < w->n && k < 8 && !r; k++) {
            if (ends(s, w, k - 1, ',') || is(s, w, k - 1, verbs))
                return 0;
            if (!is(s, w, k, said))
                continue;
            size_t q = k + 1;
            while (q < w->n && q < k + 4 && is(s, w, q, days) && !ends(s, w, q, ','))
                q++;
            if (q < w->n && is(s, w, q, that))
                r = q + 1;
            else
                return 0;
        }
    }
    if (!r || r >= w->n || w->total - r < min_words || is(s, w, r, pronouns) ||
        !(lower(s[w->at[r]]) || upper(s[w->at[r]])))
        return 0;
    v->start = w->at[r];
    return 1;
}

/* A day of the week, with "on", "late", "last" before it and "night",
 * "morning" after: "said Thursday that" becomes "said that", "On Monday,
 * the court" becomes "the court". In a summary of several days' reports
 * a bare weekday dates nothing, and the words buy more of the story. Only
 * where the day is an adverbial: not after a preposition ("since
 * Monday", "until at least Monday"), a form of "be" ("the vote is
 * Monday") or a determiner, nor after a comma unless a verb follows ("the
 * league, in a dispute with its players, Tuesday canceled"), nor in
 * a name ("Super Tuesday", "the Sunday Times"), a possessive ("Sunday's
 * attack") or a range ("Monday and Tuesday"). */
static int rule_day(const char *s, const cwords *w, uint32_t min_words, sm_variant *v)
{
    static const char *const wd[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                     "saturday", "sunday", NULL};
    static const char *const pre[] = {"on", "late", "early", "last", "this", "next", NULL};
    static const char *const post[] = {"night", "morning", "afternoon", "evening", NULL};
    static const char *const names[] = {"super", "black", "good", "easter", "bloody", "palm",
                                        "ash", "holy", "cyber", "whit", "shrove", NULL};
    static const char *const blocks[] = {
        "since", "until", "till", "by", "before", "after", "from", "through", "to", "for", "of",
        "between", "and", "or", "nor", "than", "as", "at", "in", "is", "are", "was", "were", "be",
        "been", "being", "the", "a", "an", "each", "every", "that", "which", "no", "whose",
        "least", "most", "earliest", "latest", NULL};
    static const char *const joins[] = {"and", "or", "to", "through", "-", "--", NULL};
    int did = 0;
    for (size_t k = 0; k < w->n; k++) {
        if (!is(s, w, k, wd) || memchr(s + w->at[k], '\'', w->end[k] - w->at[k]) ||
            memchr(s + w->at[k], 0xe2, w->end[k] - w->at[k]))
            continue;
        size_t a = k, e = k;
        if (k && is(s, w, k - 1, pre) && !ends(s, w, k - 1, ','))
            a = k - 1;
        if (!ends(s, w, e, ',') && !ends(s, w, e, '.') && e + 1 < w->n && is(s, w, e + 1, post))
            e++;
        char last = s[w->end[e] - 1];
        if (a && !ends(s, w, a - 1, ',') && (is(s, w, a - 1, blocks) || is(s, w, a - 1, names)))
            continue;
        if (e + 1 < w->n && !strchr(",.;:", last) &&
            (upper(s[w->at[e + 1]]) || is(s, w, e + 1, joins)))
            continue; /* "the Sunday Times", "Monday and Tuesday" */
        if (a == 0) {
            /* in front: "On Monday, the court ..." moves the start */
            if (last != ',' || e + 1 >= w->n || w->total - (e + 1) < min_words)
                continue;
            v->start = w->at[e + 1];
            did = 1;
        } else if (last == ',' && ends(s, w, a - 1, ',')) {
            /* ", on Monday," : one comma stays; ", Monday," may be in a list */
            if (a == k)
                continue;
            did |= add_cut(v, w->end[a - 1] - 1, w->end[e] - 1);
        } else if (ends(s, w, a - 1, ',')) {
            /* "The league, in a dispute with its players, Tuesday canceled":
             * before a verb it goes; else it ends something else */
            if (last == ',' || e + 1 >= w->n || next_kind(s, w, e + 1) != NEXT_VERB)
                continue;
            did |= add_cut(v, w->end[a - 1], w->end[e]);
        } else {
            size_t to = w->end[e];
            while (to > w->at[e] && strchr(",.;:", s[to - 1]))
                to--;
            did |= add_cut(v, w->end[a - 1], to);
        }
        k = e;
    }
    return did;
}

/* A trailing non-restrictive clause: "..., which ...." ends at the comma. */
static int rule_tail_rel(const char *s, const cwords *w, uint32_t min_words, sm_variant *v)
{
    static const char *const which[] = {"which", NULL};
    if (w->n != w->total || w->n < 3 || !ends(s, w, w->n - 1, '.'))
        return 0;
    for (size_t k = w->n - 2; k > 0; k--) {
        if (ends(s, w, k, ',') && is(s, w, k + 1, which)) {
            if (k + 1 < min_words)
                return 0;
            v->end = w->end[k] - 1;
            return 1;
        }
        if (strchr(",;:", s[w->end[k] - 1]) || w->n - k > 25)
            return 0;
    }
    return 0;
}

int sm_compress(const char *s, unsigned rules, uint32_t min_words, sm_variant *v)
{
    cwords w;
    split(s, v->start, v->end, &w);
    if (w.n < 3)
        return 0;
    int did = 0;
    /* The front and the end first: the middle rules see the words kept. */
    if ((rules & SM_C_ATTR_LEAD) && rule_attr_lead(s, &w, min_words, v)) {
        did = 1;
        split(s, v->start, v->end, &w);
    }
    if ((rules & SM_C_TAIL_REL) && rule_tail_rel(s, &w, min_words, v)) {
        did = 1;
        split(s, v->start, v->end, &w);
    }
    if (rules & SM_C_DAY)
        did |= rule_day(s, &w, min_words, v);
    if (rules & SM_C_PAREN)
        did |= rule_paren(s, &w, v);
    if (rules & SM_C_DASH)
        did |= rule_dash(s, &w, v);
    if (rules & SM_C_APPOS)
        did |= rule_appos(s, &w, v);
    if (rules & SM_C_ATTR_MID)
        did |= rule_attr_mid(s, &w, v);
    if (rules & SM_C_REL)
        did |= rule_rel(s, &w, v);
    if (!did)
        return 0;
    /* Cuts in text order, overlapping ones merged; too few words left: no
     * variant. */
    for (uint32_t i = 1; i < v->n_cuts; i++)
        for (uint32_t j = i; j > 0 && v->cut[j].start < v->cut[j - 1].start; j--) {
            sm_span t = v->cut[j];
            v->cut[j] = v->cut[j - 1];
            v->cut[j - 1] = t;
        }
    uint32_t o = 0;
    for (uint32_t i = 0; i < v->n_cuts; i++) {
        if (o && v->cut[i].start < v->cut[o - 1].end) {
            if (v->cut[i].end > v->cut[o - 1].end)
                v->cut[o - 1].end = v->cut[i].end;
        } else if (v->cut[i].start >= v->start && v->cut[i].end <= v->end) {
            v->cut[o++] = v->cut[i];
        }
    }
    v->n_cuts = o;
    return sm_variant_words(s, v) >= min_words;
}

uint32_t sm_variant_words(const char *s, const sm_variant *v)
{
    uint32_t n = 0;
    size_t i = v->start, c = 0;
    char prev = ' ';
    while (i < v->end) {
        if (c < v->n_cuts && i >= v->cut[c].start) {
            i = v->cut[c++].end;
            continue;
        }
        n += !sp(s[i]) && sp(prev);
        prev = s[i++];
    }
    return n;
}

size_t sm_variant_text(const char *s, const sm_variant *v, char *out)
{
    size_t o = 0, i = v->start, c = 0;
    while (i < v->end) {
        if (c < v->n_cuts && i >= v->cut[c].start) {
            i = v->cut[c++].end;
            continue;
        }
        out[o++] = s[i++];
    }
    return o;
}

/* quote_lex.c — the words that introduce speech: cue verbs with their tense
 * forms, speaker-ish pronouns, and the small closed classes the speaker
 * scanner stops at or steps over. Every list is sorted for bsearch. */
#include <stdlib.h>
#include <string.h>
#include "quote_lex.h"

typedef struct lex_entry {
    const char *w;
    int flags;
} lex_entry;

/* Third-person "-s" forms that are mostly nouns ("the claims", "states")
 * are left out on purpose: they cost more than they find. */
static const lex_entry cues[] = {
    {"according", Q_ACCORDING},
    {"accused", Q_STANCE},
    {"accusing", Q_STANCE | Q_ING},
    {"acknowledge", Q_SAY},
    {"acknowledged", Q_SAY},
    {"acknowledges", Q_SAY},
    {"acknowledging", Q_ING},
    {"add", Q_SAY},
    {"added", Q_SAY},
    {"adding", Q_ING},
    {"adds", Q_SAY},
    {"admits", Q_SAY},
    {"admitted", Q_SAY},
    {"admitting", Q_ING},
    {"agreed", Q_BEL},
    {"agrees", Q_BEL},
    {"alleges", Q_SAY},
    {"alleging", Q_ING},
    {"announce", Q_SAY},
    {"announced", Q_SAY},
    {"announces", Q_SAY},
    {"announcing", Q_ING},
    {"answered", Q_SAY},
    {"argue", Q_SAY},
    {"argued", Q_SAY},
    {"argues", Q_SAY},
    {"arguing", Q_ING},
    {"asked", Q_TELL},
    {"asking", Q_TELL | Q_ING},
    {"asks", Q_TELL},
    {"asserted", Q_SAY},
    {"asserting", Q_ING},
    {"asserts", Q_SAY},
    {"assured", Q_TELL},
    {"assures", Q_TELL},
    {"attacked", Q_STANCE},
    {"believe", Q_BEL},
    {"believed", Q_BEL},
    {"believes", Q_BEL},
    {"blamed", Q_STANCE},
    {"blasted", Q_STANCE},
    {"boasted", Q_SAY},
    {"boasting", Q_ING},
    {"boasts", Q_SAY},
    {"bragged", Q_SAY},
    {"called", Q_STANCE},
    {"calling", Q_STANCE | Q_ING},
    {"calls", Q_STANCE},
    {"cautioned", Q_SAY},
    {"cautioning", Q_ING},
    {"cautions", Q_SAY},
    {"chanted", Q_DQ},
    {"chanting", Q_DQ | Q_ING},
    {"charged", Q_SAY},
    {"cited", Q_STANCE},
    {"citing", Q_STANCE | Q_ING},
    {"claim", Q_SAY},
    {"claimed", Q_SAY},
    {"claiming", Q_ING},
    {"clarified", Q_SAY},
    {"commented", Q_SAY},
    {"complained", Q_SAY},
    {"complaining", Q_ING},
    {"complains", Q_SAY},
    {"conceded", Q_SAY},
    {"concedes", Q_SAY},
    {"conceding", Q_ING},
    {"concluded", Q_SAY},
    {"confided", Q_SAY},
    {"confirmed", Q_SAY},
    {"confirming", Q_ING},
    {"confirms", Q_SAY},
    {"contend", Q_SAY},
    {"contended", Q_SAY},
    {"contending", Q_ING},
    {"contends", Q_SAY},
    {"continued", Q_DQ},
    {"countered", Q_SAY},
    {"cried", Q_DQ},
    {"criticized", Q_STANCE},
    {"criticizing", Q_STANCE | Q_ING},
    {"declared", Q_SAY},
    {"declares", Q_SAY},
    {"declaring", Q_ING},
    {"declined", Q_STANCE},
    {"defended", Q_STANCE},
    {"demanded", Q_SAY},
    {"denied", Q_SAY},
    {"denies", Q_SAY},
    {"denying", Q_ING},
    {"described", Q_STANCE},
    {"describes", Q_STANCE},
    {"describing", Q_STANCE | Q_ING},
    {"disclosed", Q_SAY},
    {"emphasised", Q_SAY},
    {"emphasized", Q_SAY},
    {"emphasizes", Q_SAY},
    {"emphasizing", Q_ING},
    {"endorsed", Q_STANCE},
    {"estimated", Q_BEL},
    {"exclaimed", Q_DQ},
    {"expected", Q_STANCE},
    {"expects", Q_STANCE},
    {"explained", Q_SAY},
    {"explaining", Q_ING},
    {"explains", Q_SAY},
    {"expressed", Q_STANCE},
    {"feared", Q_BEL},
    {"feels", Q_BEL},
    {"finds", Q_STANCE},
    {"found", Q_STANCE},
    {"hinted", Q_BEL},
    {"hope", Q_STANCE},
    {"hopes", Q_STANCE},
    {"indicated", Q_BEL},
    {"indicating", Q_BEL | Q_ING},
    {"informed", Q_TELL},
    {"insist", Q_SAY},
    {"insisted", Q_SAY},
    {"insisting", Q_ING},
    {"insists", Q_SAY},
    {"interjected", Q_DQ},
    {"joked", Q_SAY},
    {"joking", Q_ING},
    {"know", Q_STANCE},
    {"knows", Q_STANCE},
    {"lamented", Q_SAY},
    {"laughed", Q_DQ},
    {"maintained", Q_SAY},
    {"maintains", Q_SAY},
    {"mused", Q_SAY},
    {"noted", Q_SAY},
    {"noting", Q_ING},
    {"observed", Q_SAY},
    {"opined", Q_SAY},
    {"plans", Q_STANCE},
    {"pledged", Q_SAY},
    {"pledging", Q_ING},
    {"posted", Q_DQ},
    {"praised", Q_STANCE},
    {"predicted", Q_BEL},
    {"predicting", Q_BEL | Q_ING},
    {"predicts", Q_BEL},
    {"proclaimed", Q_SAY},
    {"promised", Q_SAY},
    {"promising", Q_ING},
    {"proposed", Q_STANCE},
    {"questioned", Q_STANCE},
    {"quipped", Q_DQ},
    {"read", Q_DQ},
    {"recalled", Q_SAY},
    {"recalling", Q_ING},
    {"recalls", Q_SAY},
    {"recounted", Q_SAY},
    {"referring", Q_STANCE | Q_ING},
    {"reiterated", Q_SAY},
    {"reiterates", Q_SAY},
    {"reiterating", Q_ING},
    {"rejected", Q_STANCE},
    {"remarked", Q_SAY},
    {"reminded", Q_TELL},
    {"reminds", Q_TELL},
    {"replied", Q_SAY},
    {"replies", Q_SAY},
    {"replying", Q_ING},
    {"reported", Q_SAY},
    {"reporting", Q_ING},
    {"responded", Q_SAY},
    {"responding", Q_ING},
    {"responds", Q_SAY},
    {"retorted", Q_DQ},
    {"revealed", Q_SAY},
    {"said", Q_SAY},
    {"say", Q_SAY},
    {"saying", Q_ING},
    {"says", Q_SAY},
    {"screamed", Q_DQ},
    {"shouted", Q_DQ},
    {"shouting", Q_DQ | Q_ING},
    {"show", Q_STANCE},
    {"showed", Q_STANCE},
    {"showing", Q_STANCE | Q_ING},
    {"shows", Q_STANCE},
    {"sighed", Q_DQ},
    {"snapped", Q_DQ},
    {"speculated", Q_SAY},
    {"stated", Q_SAY},
    {"stating", Q_ING},
    {"stressed", Q_SAY},
    {"stresses", Q_SAY},
    {"stressing", Q_ING},
    {"suggested", Q_BEL},
    {"suggesting", Q_BEL | Q_ING},
    {"suggests", Q_BEL},
    {"supports", Q_STANCE},
    {"tell", Q_TELL},
    {"telling", Q_TELL | Q_ING},
    {"tells", Q_TELL},
    {"testified", Q_SAY},
    {"texted", Q_DQ},
    {"think", Q_BEL},
    {"thinks", Q_BEL},
    {"told", Q_TELL},
    {"tweeted", Q_SAY},
    {"tweeting", Q_ING},
    {"underscored", Q_SAY},
    {"urged", Q_TELL},
    {"urges", Q_TELL},
    {"urging", Q_TELL | Q_ING},
    {"vowed", Q_SAY},
    {"vowing", Q_ING},
    {"want", Q_STANCE},
    {"wants", Q_STANCE},
    {"warn", Q_TELL},
    {"warned", Q_TELL},
    {"warning", Q_TELL | Q_ING},
    {"warns", Q_TELL},
    {"whispered", Q_DQ},
    {"wondered", Q_BEL},
    {"writes", Q_SAY},
    {"wrote", Q_SAY},
    {"yelled", Q_DQ},
};

/* Words between a subject and its verb: "has also said", "on Tuesday said". */
static const char *const aux[] = {
    "again", "already", "also", "always", "are", "be", "been", "being", "did", "do", "does",
    "earlier", "even", "finally", "first", "further", "had", "has", "have", "initially",
    "instead", "is", "just", "later", "latest", "never", "not", "now", "often", "once", "only",
    "previously", "privately", "publicly", "quickly", "recently", "repeatedly", "reportedly",
    "simply", "soon", "still", "subsequently", "then", "thus", "too", "was", "were", "will",
    "would",
};

/* Words no speaker phrase runs across. */
static const char *const stops[] = {
    "after",  "against", "although", "and",    "as",      "at",     "because", "before",
    "but",    "by",      "during",   "for",    "from",    "how",    "however", "if",
    "in",     "into",    "is",       "it's",   "nor",     "on",     "or",      "over",
    "since",  "so",      "than",     "that",   "then",    "though", "to",      "under",
    "unless", "until",   "was",      "what",   "when",    "where",  "whether", "which",
    "while",  "who",     "whom",     "why",    "with",    "without", "yet",
};

static const char *const pronouns[] = {"he", "i", "it", "she", "they", "we", "you"};

static const char *const dets[] = {"a", "an", "another", "many", "most", "one", "some",
                                   "the", "these", "this", "those"};

static int cmp_lex(const void *k, const void *e) {
    return strcmp((const char *)k, ((const lex_entry *)e)->w);
}

static int cmp_str(const void *k, const void *e) {
    return strcmp((const char *)k, *(const char *const *)e);
}

/* Lower-cases an ASCII word into buf; 0 when it is too long or not ASCII. */
static int lower(const char *w, size_t n, char buf[24]) {
    if (n == 0 || n >= 24)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80)
            return 0;
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    buf[n] = 0;
    return 1;
}

int sl_quote_cue(const char *w, size_t n) {
    char buf[24];
    if (!lower(w, n, buf))
        return 0;
    const lex_entry *e = bsearch(buf, cues, sizeof cues / sizeof *cues, sizeof *cues, cmp_lex);
    return e ? e->flags : 0;
}

static int in_set(const char *const *set, size_t n_set, const char *w, size_t n) {
    char buf[24];
    return lower(w, n, buf) && bsearch(buf, set, n_set, sizeof *set, cmp_str) != NULL;
}

int sl_quote_is_aux(const char *w, size_t n) {
    return in_set(aux, sizeof aux / sizeof *aux, w, n);
}

int sl_quote_is_stop(const char *w, size_t n) {
    return in_set(stops, sizeof stops / sizeof *stops, w, n);
}

int sl_quote_is_pronoun(const char *w, size_t n) {
    return in_set(pronouns, sizeof pronouns / sizeof *pronouns, w, n);
}

int sl_quote_is_det(const char *w, size_t n) {
    return in_set(dets, sizeof dets / sizeof *dets, w, n);
}

/* stopwords.c — a sorted list searched by bisection. */
#include "stopwords.h"

#include <string.h>

/* Function words, auxiliaries, pronouns and the reporting verbs every news
 * article repeats; kept sorted (checked by the unit test). */
static const char *const words[] = {
    "a",       "about",   "above",   "after",   "again",   "against", "ago",     "all",
    "also",    "am",      "among",   "an",      "and",     "another", "any",     "are",
    "around",  "as",      "at",      "be",      "because", "been",    "before",  "being",
    "below",   "between", "both",    "but",     "by",      "can",     "could",   "did",
    "do",      "does",    "doing",   "down",    "during",  "each",    "even",    "ever",
    "few",     "for",     "from",    "further", "had",     "has",     "have",    "having",
    "he",      "her",     "here",    "hers",    "herself", "him",     "himself", "his",
    "how",     "however", "i",       "if",      "in",      "into",    "is",      "it",
    "its",     "itself",  "just",    "like",    "many",    "may",     "me",      "might",
    "more",    "most",    "mr",      "mrs",     "ms",      "much",    "must",    "my",
    "myself",  "no",      "nor",     "not",     "now",     "of",      "off",     "on",
    "once",    "one",     "only",    "or",      "other",   "others",  "our",     "ours",
    "out",     "over",    "own",     "per",     "said",    "same",    "say",     "says",
    "she",     "should",  "since",   "so",      "some",    "such",    "than",    "that",
    "the",     "their",   "theirs",  "them",    "then",    "there",   "these",   "they",
    "this",    "those",   "though",  "through", "to",      "too",     "under",   "until",
    "up",      "upon",    "us",      "very",    "was",     "we",      "were",    "what",
    "when",    "where",   "whether", "which",   "while",   "who",     "whom",    "whose",
    "why",     "will",    "with",    "within",  "without", "would",   "yet",     "you",
    "your",    "yours",
};

/* No word above is longer: most words are, and need no search. */
enum { LONGEST = 7 };

int sl_stopword(const char *w, size_t n) {
    if (n > LONGEST)
        return 0;
    size_t lo = 0, hi = sizeof words / sizeof words[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(words[mid], w, n);
        if (c == 0 && words[mid][n])
            c = 1;
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* lexicon.c — the fixed word lists of the segmenter: news abbreviations
 * with how their period behaves, words that open sentences, and the
 * top-level domains accepted in bare host names. Lists are kept sorted in
 * byte order so lookups are a binary search (a unit test checks it). */
#include <stdlib.h>
#include <string.h>

#include "seg_internal.h"

typedef struct abbr_entry {
    const char *word;
    seg_abbr cls;
} abbr_entry;

/* Without the final period; dotted forms keep their inner periods. */
static const abbr_entry ABBRS[] = {
    {"Adm", AB_TITLE},
    {"Ala", AB_END},
    {"Amb", AB_TITLE},
    {"Apr", AB_MONTH},
    {"Ariz", AB_END},
    {"Ark", AB_END},
    {"Art", AB_NUMBER},
    {"Assn", AB_END},
    {"Asst", AB_TITLE},
    {"Atty", AB_TITLE},
    {"Aug", AB_MONTH},
    {"Ave", AB_END},
    {"Blvd", AB_END},
    {"Brig", AB_TITLE},
    {"Bros", AB_END},
    {"Calif", AB_END},
    {"Capt", AB_TITLE},
    {"Cmdr", AB_TITLE},
    {"Co", AB_END},
    {"Col", AB_TITLE},
    {"Colo", AB_END},
    {"Cols", AB_TITLE},
    {"Conn", AB_END},
    {"Corp", AB_END},
    {"Cos", AB_END},
    {"Cpl", AB_TITLE},
    {"Dec", AB_MONTH},
    {"Del", AB_END},
    {"Dept", AB_END},
    {"Det", AB_TITLE},
    {"Dr", AB_TITLE},
    {"Drs", AB_TITLE},
    {"Feb", AB_MONTH},
    {"Fig", AB_NUMBER},
    {"Fla", AB_END},
    {"Fr", AB_TITLE},
    {"Ft", AB_TITLE},
    {"Ga", AB_END},
    {"Gen", AB_TITLE},
    {"Gens", AB_TITLE},
    {"Gov", AB_TITLE},
    {"Govs", AB_TITLE},
    {"Hon", AB_TITLE},
    {"Hwy", AB_END},
    {"Ill", AB_END},
    {"Inc", AB_END},
    {"Ind", AB_END},
    {"Insp", AB_TITLE},
    {"Jan", AB_MONTH},
    {"Jr", AB_END},
    {"Jul", AB_MONTH},
    {"Jun", AB_MONTH},
    {"Kan", AB_END},
    {"Ky", AB_END},
    {"La", AB_END},
    {"Lt", AB_TITLE},
    {"Ltd", AB_END},
    {"Maj", AB_TITLE},
    {"Mar", AB_MONTH},
    {"Mass", AB_END},
    {"Md", AB_END},
    {"Messrs", AB_TITLE},
    {"Mich", AB_END},
    {"Minn", AB_END},
    {"Mlle", AB_TITLE},
    {"Mme", AB_TITLE},
    {"Mmes", AB_TITLE},
    {"Mo", AB_END},
    {"Mont", AB_END},
    {"Mr", AB_TITLE},
    {"Mrs", AB_TITLE},
    {"Ms", AB_TITLE},
    {"Msgr", AB_TITLE},
    {"Mt", AB_TITLE},
    {"Neb", AB_END},
    {"Nev", AB_END},
    {"No", AB_NUMBER},
    {"Nos", AB_NUMBER},
    {"Nov", AB_MONTH},
    {"Oct", AB_MONTH},
    {"Okla", AB_END},
    {"Ore", AB_END},
    {"Pa", AB_END},
    {"Pfc", AB_TITLE},
    {"Ph.D", AB_TITLE},
    {"Plc", AB_END},
    {"Pres", AB_TITLE},
    {"Prof", AB_TITLE},
    {"Pvt", AB_TITLE},
    {"Rd", AB_END},
    {"Rep", AB_TITLE},
    {"Reps", AB_TITLE},
    {"Rev", AB_TITLE},
    {"Rt", AB_TITLE},
    {"Sec", AB_TITLE},
    {"Sen", AB_TITLE},
    {"Sens", AB_TITLE},
    {"Sep", AB_MONTH},
    {"Sept", AB_MONTH},
    {"Sgt", AB_TITLE},
    {"Sr", AB_END},
    {"St", AB_TITLE},
    {"Ste", AB_TITLE},
    {"Supt", AB_TITLE},
    {"Tenn", AB_END},
    {"Tex", AB_END},
    {"Univ", AB_END},
    {"Va", AB_END},
    {"Vol", AB_NUMBER},
    {"Vt", AB_END},
    {"Wash", AB_END},
    {"Wis", AB_END},
    {"Wyo", AB_END},
    {"al", AB_END},
    {"approx", AB_END},
    {"cf", AB_TITLE},
    {"e.g", AB_TITLE},
    {"etc", AB_ETC},
    {"i.e", AB_TITLE},
    {"pp", AB_NUMBER},
    {"v", AB_TITLE},
    {"vs", AB_TITLE},
};

/* Compared with the next token as written, so "Mr." keeps its period. */
static const char *const STARTERS[] = {
    "A", "After", "Also", "Although", "An", "And", "Another", "As", "At", "Because",
    "Before", "Both", "But", "By", "Despite", "During", "Each", "Earlier", "Even",
    "Every", "For", "From", "He", "Her", "Here", "His", "How", "However", "I", "If", "In",
    "Instead", "It", "Its", "Last", "Later", "Many", "Meanwhile", "More", "Most", "Mr.",
    "Mrs.", "Ms.", "My", "No", "Not", "Now", "On", "One", "Other", "Our", "She", "Since",
    "So", "Some", "Still", "Such", "That", "The", "Their", "Then", "There", "These",
    "They", "This", "Those", "Though", "Thus", "To", "Two", "Under", "Until", "We",
    "What", "When", "Where", "Which", "While", "Who", "Why", "With", "Yet", "You", "Your",
};

static const char *const TLDS[] = {
    "ai", "app", "au", "ca", "cn", "co", "com", "de", "edu", "eu", "fr", "gov", "info",
    "int", "io", "jp", "mil", "net", "news", "org", "ru", "tv", "uk", "us",
};

#define COUNT(x) (sizeof(x) / sizeof((x)[0]))

/* strcmp order between the counted key and a NUL-terminated entry. */
static int key_cmp(const char *s, size_t n, const char *w) {
    size_t wl = strlen(w);
    int c = memcmp(s, w, n < wl ? n : wl);
    if (c)
        return c;
    return n < wl ? -1 : n > wl;
}

static long find(const char *s, size_t n, const char *const *words, size_t stride, size_t count) {
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *w = *(const char *const *)((const char *)words + mid * stride);
        int c = key_cmp(s, n, w);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

seg_abbr seg_abbr_lookup(const char *s, size_t n) {
    if (n == 0 || n > 8)
        return AB_NONE;
    long i = find(s, n, &ABBRS[0].word, sizeof ABBRS[0], COUNT(ABBRS));
    return i < 0 ? AB_NONE : ABBRS[i].cls;
}

int seg_is_starter(const char *s, size_t n) {
    return n > 0 && n <= 9 && find(s, n, STARTERS, sizeof STARTERS[0], COUNT(STARTERS)) >= 0;
}

int seg_is_tld(const char *s, size_t n) {
    return n >= 2 && n <= 4 && find(s, n, TLDS, sizeof TLDS[0], COUNT(TLDS)) >= 0;
}

static int sorted(const char *const *words, size_t stride, size_t count) {
    for (size_t i = 1; i < count; i++) {
        const char *a = *(const char *const *)((const char *)words + (i - 1) * stride);
        const char *b = *(const char *const *)((const char *)words + i * stride);
        if (strcmp(a, b) >= 0)
            return 0;
    }
    return 1;
}

int sl_segment_lists_sorted(void) {
    return sorted(&ABBRS[0].word, sizeof ABBRS[0], COUNT(ABBRS)) &&
           sorted(STARTERS, sizeof STARTERS[0], COUNT(STARTERS)) &&
           sorted(TLDS, sizeof TLDS[0], COUNT(TLDS));
}

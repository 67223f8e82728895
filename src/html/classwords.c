/* classwords.c — what the words of class and id attributes say about an
 * element. Words are split at non-alphanumerics and camelCase humps and
 * looked up whole (so "header" never matches inside "subheader"), which is
 * both faster and more precise than substring patterns. */
#include <string.h>

#include "hx.h"

enum { D = SL_CW_DROP, N = SL_CW_NEG, P = SL_CW_POS, BY = SL_CW_BYLINE };

typedef struct cword {
    const char *w;
    unsigned f;
} cword;

/* Sorted (byte order) for binary search. */
static const cword WORDS[] = {
    {"ad", D},          {"adblock", D},     {"ads", D},           {"adslot", D},
    {"adunit", D},      {"advert", D},      {"advertisement", D}, {"advertising", D},
    {"article", P},     {"articlebody", P}, {"aside", D},         {"author", N | BY},
    {"banner", D},      {"bio", N},         {"blog", P},          {"body", P},
    {"breadcrumb", D},  {"breadcrumbs", D}, {"byline", N | BY},   {"caption", D},
    {"combx", D},       {"comment", D},     {"comments", D},      {"community", D},
    {"consent", D},     {"contact", N},     {"content", P},       {"cookie", D},
    {"credit", N},      {"disqus", D},      {"entry", P},         {"extra", N},
    {"feed", N},        {"foot", N},        {"footer", D},        {"footnote", N},
    {"gdpr", D},        {"header", N},      {"hentry", P},        {"hidden", N},
    {"login", D},       {"main", P},        {"masthead", D},      {"media", N},
    {"menu", D},        {"meta", N},        {"modal", D},         {"nav", D},
    {"navbar", D},      {"navigation", D},  {"newsletter", D},    {"outbrain", D},
    {"overlay", D},     {"page", P},        {"pager", D},         {"pagination", D},
    {"popular", D},     {"popup", D},       {"post", P},          {"promo", D},
    {"promoted", D},    {"prose", P},       {"rail", D},          {"recommend", D},
    {"recommendations", D},                 {"recommended", D},   {"related", D},
    {"rss", D},         {"scroll", N},      {"search", D},        {"share", D},
    {"sharebar", D},    {"sharing", D},     {"shopping", N},      {"shoutbox", D},
    {"sidebar", D},     {"signup", D},      {"skip", D},          {"skyscraper", D},
    {"social", D},      {"sponsor", D},     {"sponsored", D},     {"sticky", N},
    {"story", P},       {"storybody", P},   {"subscribe", D},     {"subscription", D},
    {"supplemental", D},{"taboola", D},     {"tag", N},           {"tags", N},
    {"tease", N},       {"teaser", N},      {"text", P},          {"tool", N},
    {"toolbar", D},     {"tools", N},       {"trending", D},      {"visuallyhidden", D},
    {"widget", N},
};

static unsigned lookup(const char *w, size_t n) {
    size_t lo = 0, hi = sizeof WORDS / sizeof WORDS[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *m = WORDS[mid].w;
        size_t ml = strlen(m);
        int c = memcmp(w, m, n < ml ? n : ml);
        if (c == 0)
            c = n < ml ? -1 : n > ml;
        if (c == 0)
            return WORDS[mid].f;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

unsigned sl_hx_class_words(const char *s, size_t n) {
    unsigned f = 0;
    char w[24];
    size_t wl = 0;
    int overlong = 0;
    for (size_t i = 0; i <= n; i++) {
        char c = i < n ? s[i] : ' ';
        int alnum = is_lower(c) || is_upper(c) || is_digit(c);
        int hump = is_upper(c) && i > 0 && is_lower(s[i - 1]);
        if ((!alnum || hump) && (wl || overlong)) {
            if (!overlong)
                f |= lookup(w, wl);
            wl = 0;
            overlong = 0;
        }
        if (!alnum)
            continue;
        if (wl == sizeof w) {
            overlong = 1;
            continue;
        }
        if (!overlong)
            w[wl++] = is_upper(c) ? (char)(c + 32) : c;
    }
    return f;
}

/* gen_words.c — build-time generator of the compiled-in English word list.
 *
 * Usage: gen_words WORDLIST OUT.c
 *
 * Reads a Debian word list (one word a line), keeps ASCII words without
 * possessives, lowercases them and writes a C file holding:
 *   - sl_words_blob: the words, sorted, NUL-separated;
 *   - sl_words_lookup(): an open-addressing hash table (load <= 1/2) of
 *     offsets into the blob, tagged with flags.
 * Words the list only has capitalized (names, acronyms) are kept with the
 * SL_WORD_NAME flag: the splitter must not cut "washington", but must not
 * use "ida" as a piece of a split either.
 *
 * A short list of everyday words missing from older word lists is added
 * here, so that the splitter does not cut them ("lockdown", "livestream").
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FLAG_WORD = 1, FLAG_NAME = 2, MAX_WORD = 48 };

/* Common modern words (news vocabulary) that wamerican lacks. */
static const char *const extra_words[] = {
    "blockchain", "blockchains", "broadband", "chatbot", "chatbots", "coronavirus",
    "coronaviruses", "covid", "crowdfunding", "crowdsourced", "cyberattack", "cyberattacks",
    "cybercrime", "cybersecurity", "deepfake", "deepfakes", "ebook", "ebooks", "ecommerce",
    "frontline", "frontlines", "geolocation", "hashtag", "hashtags", "healthcare",
    "livestream", "livestreamed", "livestreaming", "livestreams", "lockdown", "lockdowns",
    "malware", "metaverse", "microservices", "misinformation", "disinformation", "nonprofit",
    "nonprofits", "offline", "onboarding", "online", "pandemic", "podcast", "podcaster",
    "podcasters", "podcasts", "ransomware", "reopening", "reopenings", "selfie", "selfies",
    "smartphone", "smartphones", "smartwatch", "smartwatches", "spyware", "startup",
    "startups", "storyline", "storylines", "telehealth", "telework", "teleworking",
    "videogame", "videogames", "wearable", "wearables", "webcast", "webcasts", "website",
    "websites", "wildfire", "wildfires", "workforce", "workforces", "workflow", "workflows",
    "workplace", "workplaces", "worldwide", "nationwide", "statewide", "citywide",
    "countrywide", "companywide", "lawmaker", "lawmakers", "policymaker", "policymakers",
    "policymaking", "dealmaker", "dealmaking", "decisionmaking", "filmmaker", "filmmakers",
    "filmmaking", "newsroom", "newsrooms", "livelihoods", "nonaggression", "noncombat",
    "peacekeeping", "peacekeepers", "airstrike", "airstrikes", "drone", "drones",
    "gameplay", "playthrough", "esports", "streamer", "streamers", "subscriber",
    "subscribers", "username", "usernames", "login", "logins", "homepage", "smartwatch",
    "touchscreen", "touchscreens", "upskilling", "reskilling", "outsourcing", "crypto",
    "cryptocurrencies", "fintech", "biotech", "superfan", "superfans", "megacity",
    "megacities", "frontrunner", "frontrunners", "fundraiser", "fundraisers",
    "fundraising", "carmaker", "carmakers", "automaker", "automakers", "chipmaker",
    "chipmakers", "drugmaker", "drugmakers", "shipbuilding", "counterterrorism",
    "servicemember", "servicemembers",
};

typedef struct word {
    char *s;
    size_t n;
    unsigned flags;
} word;

typedef struct list {
    word *v;
    size_t n, cap;
} list;

static void die(const char *msg) {
    fprintf(stderr, "gen_words: %s\n", msg);
    exit(1);
}

static void push(list *l, const char *s, size_t n, unsigned flags) {
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 1 << 17;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            die("out of memory");
    }
    char *c = malloc(n + 1);
    if (!c)
        die("out of memory");
    memcpy(c, s, n);
    c[n] = 0;
    l->v[l->n++] = (word){c, n, flags};
}

/* Keep plain ASCII letter words; possessives and accented words are dropped. */
static void add_line(list *l, char *line) {
    size_t n = strcspn(line, "\r\n");
    if (n == 0 || n > MAX_WORD)
        return;
    unsigned flags = FLAG_WORD;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)line[i];
        if (!isascii(c) || !isalpha(c))
            return;
        if (isupper(c)) {
            flags = FLAG_NAME;
            line[i] = (char)tolower(c);
        }
    }
    push(l, line, n, flags);
}

static int cmp_word(const void *a, const void *b) {
    return strcmp(((const word *)a)->s, ((const word *)b)->s);
}

/* Sort and merge duplicates: a word that is both a name and a common word
 * ("bill", "Bill") is a common word. */
static void sort_unique(list *l) {
    qsort(l->v, l->n, sizeof *l->v, cmp_word);
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (k && strcmp(l->v[k - 1].s, l->v[i].s) == 0) {
            if (l->v[i].flags & FLAG_WORD)
                l->v[k - 1].flags = FLAG_WORD;
            free(l->v[i].s);
            continue;
        }
        l->v[k++] = l->v[i];
    }
    l->n = k;
}

/* Must match the hash emitted below (FNV-1a, 32 bit). */
static uint32_t hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static const char lookup_src[] =
    "/* Flags of word w (lowercase ASCII, n bytes), 0 when unknown. */\n"
    "unsigned sl_words_lookup(const char *w, size_t n) {\n"
    "    uint32_t h = 2166136261u;\n"
    "    for (size_t i = 0; i < n; i++)\n"
    "        h = (h ^ (unsigned char)w[i]) * 16777619u;\n"
    "    for (uint32_t i = h & SL_WORDS_MASK;; i = (i + 1) & SL_WORDS_MASK) {\n"
    "        uint32_t e = sl_words_table[i];\n"
    "        if (!e)\n"
    "            return 0;\n"
    "        const char *c = sl_words_blob + (e & 0xFFFFFFu) - 1;\n"
    "        /* Byte by byte up to the entry's NUL: a memcmp of n bytes would\n"
    "         * read past a shorter entry at the blob's end. */\n"
    "        size_t k = 0;\n"
    "        while (k < n && c[k] && c[k] == w[k])\n"
    "            k++;\n"
    "        if (k == n && c[n] == 0)\n"
    "            return e >> 24;\n"
    "    }\n"
    "}\n";

static void emit(FILE *o, const list *l) {
    size_t cap = 1;
    while (cap < l->n + l->n / 2)
        cap <<= 1;
    uint32_t *table = calloc(cap, sizeof *table);
    if (!table)
        die("out of memory");
    fprintf(o, "/* Generated by tools/gen_words.c: do not edit. */\n"
               "#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n\n"
               "unsigned sl_words_lookup(const char *w, size_t n);\n"
               "const size_t sl_words_count = %zu;\n"
               "#define SL_WORDS_MASK %zuu\n\n"
               "const char sl_words_blob[] =\n",
            l->n, cap - 1);
    size_t off = 0, col = 0;
    for (size_t i = 0; i < l->n; i++) {
        const word *w = &l->v[i];
        if (off + 1 >= 0xFFFFFF)
            die("word list too large");
        uint32_t j = hash(w->s, w->n) & (uint32_t)(cap - 1);
        while (table[j])
            j = (j + 1) & (uint32_t)(cap - 1);
        table[j] = (uint32_t)(off + 1) | (uint32_t)w->flags << 24;
        if (col == 0)
            fputs("    \"", o);
        fprintf(o, "%s\\0", w->s);
        off += w->n + 1;
        col += w->n + 2;
        if (col > 80 || i + 1 == l->n) {
            fputs("\"\n", o);
            col = 0;
        }
    }
    fprintf(o, "    ;\n\nstatic const uint32_t sl_words_table[%zu] = {\n", cap);
    for (size_t i = 0; i < cap; i++)
        fprintf(o, "%s%u,%s", i % 8 ? " " : "    ", table[i], i % 8 == 7 ? "\n" : "");
    fprintf(o, "};\n\n%s", lookup_src);
    free(table);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: gen_words WORDLIST OUT.c\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in)
        die("cannot open word list");
    list l = {0};
    char line[256];
    while (fgets(line, sizeof line, in))
        add_line(&l, line);
    fclose(in);
    for (size_t i = 0; i < sizeof extra_words / sizeof *extra_words; i++)
        push(&l, extra_words[i], strlen(extra_words[i]), FLAG_WORD);
    if (l.n == 0)
        die("empty word list");
    sort_unique(&l);
    FILE *o = fopen(argv[2], "w");
    if (!o)
        die("cannot write output");
    emit(o, &l);
    if (fclose(o))
        die("write failed");
    for (size_t i = 0; i < l.n; i++)
        free(l.v[i].s);
    free(l.v);
    return 0;
}

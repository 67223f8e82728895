/* gen_geolex.c — build-time generator of the place and language lists that
 * gen_entlex merges into the entity lexicon.
 *
 * Usage: gen_geolex ISO_CODES_JSON_DIR ZONEINFO_DIR WORDS_FILE OUT.tsv
 *
 * Writes "name<TAB>flags" lines (flags as in src/facts/entity_lex.h) from
 * Debian packages only:
 *   - iso-codes: countries (name, common and official names), the ~5,000
 *     country subdivisions, historic countries: places;
 *     ISO 639-2 language names: "other" (a language is no place or person);
 *   - tzdata: the cities that name time zones ("America/Sao_Paulo");
 *   - libgeonames (when built with SL_HAVE_GEONAMES): the ~24,000 cities of
 *     15,000 people or more, with their states and countries.
 * Cities and subdivisions are only a weak place cue (many are surnames or
 * first names too: "Jackson", "Florence"); a one-word name that the word
 * list knows as a lowercase word ("Reading", "Mobile", "Central") is left
 * out. Each name is written as given and, when it has accents, also
 * folded to ASCII ("Sao Paulo").
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef SL_HAVE_GEONAMES
#include <geonames.h>
#endif

enum { F_LOC = 2, F_DEMONYM = 64, F_CITY = 256, F_BIGCITY = 512 };

static FILE *out;
static char **words;
static size_t n_words;

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lowercase words of the word list, sorted, for common_word(). */
static void load_words(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[256];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || !islower((unsigned char)line[0]))
            continue;
        if (n_words == cap) {
            cap = cap ? 2 * cap : 65536;
            words = realloc(words, cap * sizeof *words);
            if (!words)
                exit(1);
        }
        words[n_words++] = strdup(line);
    }
    fclose(f);
    qsort(words, n_words, sizeof *words, cmp_str);
}

static int common_word(const char *s) {
    char low[256];
    size_t n = strlen(s);
    if (n >= sizeof low || strchr(s, ' '))
        return 0;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    const char *k = low;
    return bsearch(&k, words, n_words, sizeof *words, cmp_str) != NULL;
}

static void emit1(const char *s, unsigned f) {
    size_t n = strlen(s);
    if (n < 2 || n > 60 || strchr(s, '\t') || strchr(s, '\n'))
        return;
    for (const char *p = s; *p; p++)
        if (isdigit((unsigned char)*p) || *p == '(' || *p == '"')
            return;
    if ((f & F_CITY) && common_word(s))
        return;
    if (!(((unsigned char)s[0]) & 0x80) && !isupper((unsigned char)s[0]))
        return;
    fprintf(out, "%s\t%u\n", s, f);
}

/* The name, and its accent-free form when it differs. */
static void emit(const char *s, unsigned f) {
    emit1(s, f);
    utf8proc_uint8_t *fold = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &fold,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                          UTF8PROC_STRIPMARK);
    if (n > 0 && strcmp((const char *)fold, s)) {
        int ascii = 1;
        for (const utf8proc_uint8_t *p = fold; *p; p++)
            ascii &= *p < 0x80;
        if (ascii)
            emit1((const char *)fold, f);
    }
    free(fold);
}

/* "Bolivia, Plurinational State of" -> "Bolivia"; "Catalan; Valencian" -> both. */
static void emit_list(const char *s, unsigned f, int split_semicolon) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s", s);
    char *save = NULL;
    for (char *p = strtok_r(buf, split_semicolon ? ";" : "\x01", &save); p;
         p = strtok_r(NULL, split_semicolon ? ";" : "\x01", &save)) {
        while (*p == ' ')
            p++;
        char *comma = strchr(p, ',');
        if (comma)
            *comma = 0;
        emit(p, f);
    }
}

/* Every "KEY": "value" pair of a JSON file whose key is in keys. The
 * iso-codes files put one pair on a line, with no escaped quotes in names. */
static void json_values(const char *path, const char *const *keys, unsigned f, int semicolons) {
    FILE *in = fopen(path, "r");
    if (!in) {
        fprintf(stderr, "gen_geolex: %s missing, skipped\n", path);
        return;
    }
    char line[1024];
    while (fgets(line, sizeof line, in)) {
        char *q = strchr(line, '"');
        if (!q)
            continue;
        char *qe = strchr(q + 1, '"');
        if (!qe)
            continue;
        *qe = 0;
        int want = 0;
        for (const char *const *k = keys; *k; k++)
            want |= !strcmp(q + 1, *k);
        char *v = strchr(qe + 1, '"');
        char *ve = v ? strrchr(v + 1, '"') : NULL;
        if (!want || !ve)
            continue;
        *ve = 0;
        emit_list(v + 1, f, semicolons);
    }
    fclose(in);
}

static void iso_codes(const char *dir) {
    static const char *const names[] = {"name", "common_name", "official_name", NULL};
    static const char *const name[] = {"name", NULL};
    char path[4096];
    snprintf(path, sizeof path, "%s/iso_3166-1.json", dir);
    json_values(path, names, F_LOC, 0);
    snprintf(path, sizeof path, "%s/iso_3166-3.json", dir);
    json_values(path, name, F_LOC, 0);
    snprintf(path, sizeof path, "%s/iso_3166-2.json", dir);
    json_values(path, name, F_CITY, 0);
    snprintf(path, sizeof path, "%s/iso_639-2.json", dir);
    json_values(path, name, F_DEMONYM, 1);
}

/* tzdata: Region/City_Name and Region/Sub/City_Name files. */
static void zones(const char *dir, int depth) {
    static const char *const regions[] = {"Africa", "America", "Asia", "Atlantic", "Australia",
                                          "Europe", "Indian", "Pacific", "Argentina",
                                          "Indiana", "Kentucky", "North_Dakota", NULL};
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        int region = 0;
        for (const char *const *r = regions; *r; r++)
            region |= !strcmp(e->d_name, *r);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (region && depth < 2) {
            zones(path, depth + 1);
        } else if (depth > 0 && isupper((unsigned char)e->d_name[0])) {
            char name[256];
            snprintf(name, sizeof name, "%s", e->d_name);
            for (char *p = name; *p; p++)
                if (*p == '_')
                    *p = ' ';
            emit(name, F_CITY);
        }
    }
    closedir(d);
}

#ifdef SL_HAVE_GEONAMES
static void geonames(void) {
    int n = geonames_get_n_cities();
    for (int i = 0; i < n; i++) {
        GeonamesCity *c = geonames_get_city(i);
        if (!c)
            continue;
        unsigned pop = geonames_city_get_population(c);
        emit(geonames_city_get_name(c), F_CITY | (pop >= 500000 ? F_BIGCITY : 0));
        const char *st = geonames_city_get_state(c);
        if (st && strcmp(st, geonames_city_get_name(c)))
            emit(st, F_CITY);
        emit(geonames_city_get_country(c), F_LOC);
        geonames_city_free(c);
    }
}
#endif

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: gen_geolex ISO_CODES_JSON_DIR ZONEINFO_DIR WORDS OUT.tsv\n");
        return 2;
    }
    load_words(argv[3]);
    out = fopen(argv[4], "w");
    if (!out)
        return 1;
    iso_codes(argv[1]);
    zones(argv[2], 0);
#ifdef SL_HAVE_GEONAMES
    geonames();
#endif
    for (size_t i = 0; i < n_words; i++)
        free(words[i]);
    free(words);
    return fclose(out) ? 1 : 0;
}

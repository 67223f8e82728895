/* gen_entlex.c — build-time generator of the compiled-in entity lexicon.
 *
 * Usage: gen_entlex WORDNET_DIR OUT.c [EXTRA.tsv]
 *
 * Reads WordNet's noun and adjective data files (Debian wordnet-base) and
 * writes a C file with one sorted table of lowercase keys and type flags:
 *   - named instances (synsets with an instance-hypernym pointer) of
 *     persons, places (locations, natural objects), groups (organizations)
 *     and events/works/artifacts (other);
 *   - the first and last words of multi-word person names, as first-name
 *     and surname cues;
 *   - capitalized class nouns and adjectives (nationalities, languages,
 *     religions: "Russian", "Christian") as "other";
 *   - lowercase one-word person nouns ("spokesman", "adviser"), which
 *     close a role written before a name;
 *   - for named things, their WordNet synset, so that "US", "U.S." and
 *     "United States" are known as one place.
 * When WordNet is missing the table is empty and the tagger falls back on
 * its own short lists. Keys use spaces where WordNet has underscores.
 * EXTRA.tsv ("name<TAB>flags" lines, from tools/gen_geolex.c: places,
 * cities, languages) is merged in; its names carry no synset.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    F_PER = 1, F_LOC = 2, F_ORG = 4, F_MISC = 8, F_FIRST = 16, F_LAST = 32,
    F_DEMONYM = 64, F_ROLE = 128, F_JOB = 1024, F_PERIOD = 2048
};

typedef struct { char *k; unsigned f, syn, wc; } entry;
static unsigned cur_syn, cur_wc; /* synset of the line being read */
static entry *tab;
static size_t n_tab, cap_tab;

static void add(const char *k, size_t n, unsigned f) {
    if (n == 0 || n > 60)
        return;
    if (n_tab == cap_tab) {
        cap_tab = cap_tab ? 2 * cap_tab : 4096;
        tab = realloc(tab, cap_tab * sizeof *tab);
        if (!tab)
            exit(1);
    }
    char *c = malloc(n + 1);
    if (!c)
        exit(1);
    for (size_t i = 0; i < n; i++)
        c[i] = k[i] == '_' ? ' ' : (char)tolower((unsigned char)k[i]);
    c[n] = 0;
    tab[n_tab++] = (entry){c, f, (f & (F_PER | F_LOC | F_ORG | F_MISC)) ? cur_syn : 0, cur_wc};
}

/* WordNet lemmas may carry an adjective marker: "galore(ip)". */
static size_t lemma_len(const char *w) {
    size_t n = strlen(w);
    char *p = strchr(w, '(');
    return p ? (size_t)(p - w) : n;
}

static int has_upper(const char *w, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (isupper((unsigned char)w[i]))
            return 1;
    return 0;
}

static int all_alpha(const char *w, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!isalpha((unsigned char)w[i]))
            return 0;
    return 1;
}

static unsigned instance_type(int lex) {
    switch (lex) {
    case 18: return F_PER;
    case 15: case 17: return F_LOC;
    case 14: return F_ORG;
    case 6: case 10: case 11: return F_MISC;
    case 28: return F_PERIOD; /* "Middle Ages", "Renaissance": a time, never a body */
    default: return 0;
    }
}

/* Each noun synset's first hypernym, in file (= offset) order, so that a
 * capitalized group class can be told a people or creed ("Albigenses",
 * "Cherokee") rather than a body ("Democratic Party"). */
typedef struct { unsigned off, hyper, lex; } hyp;
static hyp *hyps;
static size_t n_hyps, cap_hyps;

static void hyper_line(char *line) {
    char *p = line;
    unsigned off = (unsigned)strtoul(p, &p, 10);
    char *at = strstr(p, " @ ");
    if (!at)
        at = strstr(p, " @i ");
    if (n_hyps == cap_hyps) {
        cap_hyps = cap_hyps ? 2 * cap_hyps : 1 << 17;
        hyps = realloc(hyps, cap_hyps * sizeof *hyps);
        if (!hyps)
            exit(1);
    }
    unsigned lex = (unsigned)strtoul(p, NULL, 10);
    hyps[n_hyps++] = (hyp){off, at ? (unsigned)strtoul(strchr(at + 1, ' ') + 1, NULL, 10) : 0, lex};
}

static const hyp *hyp_of(unsigned off) {
    size_t lo = 0, hi = n_hyps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (hyps[mid].off == off)
            return &hyps[mid];
        if (hyps[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* One index.noun line: lemma pos synset_cnt p_cnt ptr* sense_cnt
 * tagsense_cnt offset*, senses most frequent first. A word whose first
 * sense is a person ("developer", "actor"; not "computer") is a job. */
static void index_line(char *line) {
    char *save = NULL;
    char *lemma = strtok_r(line, " ", &save);
    if (!lemma || !strtok_r(NULL, " ", &save) || !strtok_r(NULL, " ", &save))
        return;
    char *t = strtok_r(NULL, " ", &save);
    if (!t)
        return;
    for (long p = strtol(t, NULL, 10); p > 0; p--)
        if (!strtok_r(NULL, " ", &save))
            return;
    if (!strtok_r(NULL, " ", &save) || !strtok_r(NULL, " ", &save) || !(t = strtok_r(NULL, " ", &save)))
        return;
    const hyp *h = hyp_of((unsigned)strtoul(t, NULL, 10));
    size_t n = strlen(lemma);
    if (h && h->lex == 18 && all_alpha(lemma, n)) {
        cur_syn = cur_wc = 0;
        add(lemma, n, F_JOB);
    }
}

static unsigned hyper_of(unsigned off) {
    size_t lo = 0, hi = n_hyps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (hyps[mid].off == off)
            return hyps[mid].hyper;
        if (hyps[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Peoples, ethnic groups, races, tribes, nations; creeds when strict is 0. */
static int people_class(unsigned off, int one_word) {
    static const unsigned people[] = {7942152, 7967382, 7967982, 8168531, 8372411, 8303692,
                                      8166552, 0};
    static const unsigned creed[] = {8081668, 8149781, 0};
    for (int depth = 0; off && depth < 16; depth++, off = hyper_of(off)) {
        for (const unsigned *p = people; *p; p++)
            if (off == *p)
                return 1;
        for (const unsigned *p = creed; one_word && *p; p++)
            if (off == *p)
                return 1;
    }
    return 0;
}

/* One synset line: offset lexfile pos w_cnt (word lex_id)* p_cnt pointers. */
static void noun_line(char *line) {
    char *save = NULL;
    char *tok[1024];
    size_t nt = 0;
    for (char *t = strtok_r(line, " ", &save); t && nt < 1024; t = strtok_r(NULL, " ", &save)) {
        if (*t == '|')
            break;
        tok[nt++] = t;
    }
    if (nt < 5)
        return;
    int lex = atoi(tok[1]);
    size_t wc = strtoul(tok[3], NULL, 16);
    cur_syn = (unsigned)strtoul(tok[0], NULL, 10);
    cur_wc = (unsigned)wc;
    if (4 + 2 * wc >= nt)
        return;
    int inst = 0;
    for (size_t i = 4 + 2 * wc + 1; i < nt; i++)
        if (!strcmp(tok[i], "@i"))
            inst = 1;
    for (size_t w = 0; w < wc; w++) {
        const char *s = tok[4 + 2 * w];
        size_t n = lemma_len(s);
        if (inst) {
            unsigned f = instance_type(lex);
            if (!f || !has_upper(s, n))
                continue;
            add(s, n, f);
            const char *sp = memchr(s, '_', n);
            if (f == F_PER && sp) {
                if (isupper((unsigned char)s[0]) && all_alpha(s, (size_t)(sp - s)))
                    add(s, (size_t)(sp - s), F_FIRST);
                const char *last = s + n;
                while (last > s && last[-1] != '_')
                    last--;
                if (isupper((unsigned char)*last) && all_alpha(last, (size_t)(s + n - last)))
                    add(last, (size_t)(s + n - last), F_LAST);
            }
        } else if (has_upper(s, n)) {
            /* WordNet files most organizations as classes, not instances. */
            if (lex == 14 && isupper((unsigned char)s[0]))
                add(s, n, people_class(cur_syn, !memchr(s, '_', n)) ? F_DEMONYM : F_ORG);
            else if ((lex == 18 || lex == 10) && isupper((unsigned char)s[0]) && all_alpha(s, n))
                add(s, n, F_DEMONYM);
            /* "Middle Ages", "Eucharist", "SUV": a capitalized class of
             * acts, artifacts, events, times is a thing, never a name */
            else if (isupper((unsigned char)s[0]) && strchr("\004\006\011\013\015\025\026\032\033\034", lex))
                add(s, n, F_MISC);
        } else if (lex == 18 && all_alpha(s, n)) {
            add(s, n, F_ROLE);
        }
    }
}

static void adj_line(char *line) {
    char *save = NULL;
    char *t[4 + 2 * 255];
    size_t nt = 0;
    for (char *p = strtok_r(line, " ", &save); p && nt < 4 + 2 * 255;
         p = strtok_r(NULL, " ", &save))
        t[nt++] = p;
    if (nt < 5)
        return;
    size_t wc = strtoul(t[3], NULL, 16);
    cur_syn = 0;
    for (size_t w = 0; w < wc && 4 + 2 * w < nt; w++) {
        const char *s = t[4 + 2 * w];
        size_t n = lemma_len(s);
        if (isupper((unsigned char)s[0]) && all_alpha(s, n))
            add(s, n, F_DEMONYM);
    }
}

static void read_file(const char *dir, const char *name, void (*fn)(char *)) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "gen_entlex: %s missing, lexicon left empty\n", path);
        return;
    }
    static char line[1 << 16];
    while (fgets(line, sizeof line, f))
        if (line[0] != ' ') {
            line[strcspn(line, "\n")] = 0;
            fn(line);
        }
    fclose(f);
}

static void read_extra(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "gen_entlex: %s missing, no place lists\n", path);
        return;
    }
    static char line[1024];
    cur_syn = cur_wc = 0;
    while (fgets(line, sizeof line, f)) {
        char *tab_at = strchr(line, '\t');
        if (!tab_at)
            continue;
        unsigned fl = (unsigned)strtoul(tab_at + 1, NULL, 10);
        add(line, (size_t)(tab_at - line), fl);
    }
    fclose(f);
}

static int cmp(const void *a, const void *b) {
    return strcmp(((const entry *)a)->k, ((const entry *)b)->k);
}

int main(int argc, char **argv) {
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: gen_entlex WORDNET_DIR OUT.c [EXTRA.tsv]\n");
        return 2;
    }
    read_file(argv[1], "data.noun", hyper_line);
    read_file(argv[1], "data.noun", noun_line);
    read_file(argv[1], "index.noun", index_line);
    read_file(argv[1], "data.adj", adj_line);
    if (argc == 4)
        read_extra(argv[3]);
    if (n_tab)
        qsort(tab, n_tab, sizeof *tab, cmp);
    size_t m = 0;
    for (size_t i = 0; i < n_tab; i++) {
        if (m && !strcmp(tab[m - 1].k, tab[i].k)) {
            tab[m - 1].f |= tab[i].f;
            /* a name of several synsets stands for the best-known one */
            if (tab[i].syn && (!tab[m - 1].syn || tab[i].wc > tab[m - 1].wc ||
                               (tab[i].wc == tab[m - 1].wc && tab[i].syn < tab[m - 1].syn))) {
                tab[m - 1].syn = tab[i].syn;
                tab[m - 1].wc = tab[i].wc;
            }
            free(tab[i].k);
        } else
            tab[m++] = tab[i];
    }
    FILE *o = fopen(argv[2], "w");
    if (!o)
        return 1;
    fprintf(o, "/* Generated by tools/gen_entlex.c from WordNet: do not edit. */\n"
               "#include <stddef.h>\n#include \"facts/entity_lex.h\"\n\n"
               "const size_t sl_entlex_count = %zu;\n"
               "const sl_entlex_entry sl_entlex[] = {\n", m);
    for (size_t i = 0; i < m; i++) {
        fputs("    {\"", o);
        for (const char *p = tab[i].k; *p; p++)
            fputc(*p == '"' || *p == '\\' ? '_' : *p, o);
        fprintf(o, "\", %u, %u},\n", tab[i].f, tab[i].syn);
    }
    if (!m)
        fputs("    {\"\", 0, 0},\n", o);
    fputs("};\n", o);
    for (size_t i = 0; i < m; i++)
        free(tab[i].k);
    free(tab);
    free(hyps);
    return fclose(o) ? 1 : 0;
}

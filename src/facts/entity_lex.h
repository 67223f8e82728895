/* entity_lex.h — word lexicons behind the entity tagger.
 *
 * The WordNet table (generated at build time by tools/gen_entlex.c) gives
 * named instances with their type and name-part cues; our own short lists
 * give titles, organization and place suffixes and function words. */
#ifndef SL_ENTITY_LEX_H
#define SL_ENTITY_LEX_H
#include <stddef.h>

enum {
    SL_LEX_PER = 1,      /* a person's name */
    SL_LEX_LOC = 2,      /* a place */
    SL_LEX_ORG = 4,      /* an organization */
    SL_LEX_MISC = 8,     /* an event, work, artifact */
    SL_LEX_FIRST = 16,   /* first word of a person's name */
    SL_LEX_LAST = 32,    /* last word of a person's name */
    SL_LEX_DEMONYM = 64, /* "Russian", "Christian": other, not a name */
    SL_LEX_ROLE = 128,   /* lowercase person noun: "spokesman" */
    SL_LEX_CITY = 256,   /* a city or region of the gazetteer: a weak place cue */
    SL_LEX_BIGCITY = 512, /* a city of 500,000 people or more */
    SL_LEX_JOB = 1024,    /* a noun whose first sense is a person: "developer" */
    SL_LEX_PERIOD = 2048  /* a named time: "Middle Ages", "Bronze Age" */
};

typedef struct sl_entlex_entry {
    const char *key; /* lowercase, words separated by one space */
    unsigned flags;
    unsigned synset; /* WordNet synset of a named thing, 0 if none */
} sl_entlex_entry;

extern const sl_entlex_entry sl_entlex[];
extern const size_t sl_entlex_count;

/* Flags of the phrase s (any case, n bytes, single spaces), 0 if unknown. */
unsigned sl_entlex_lookup(const char *s, size_t n);
/* The entry of phrase s, NULL if unknown. */
const sl_entlex_entry *sl_entlex_find(const char *s, size_t n);

/* Our own lists; each returns nonzero when lowercase word w (n bytes) is in it. */
int sl_entlex_title(const char *w, size_t n);      /* mr, president, sen */
int sl_entlex_org_suffix(const char *w, size_t n); /* inc, party, ministry */
int sl_entlex_org_head(const char *w, size_t n);   /* university (of), bank (of) */
int sl_entlex_loc_suffix(const char *w, size_t n); /* river, county, street */
int sl_entlex_loc_head(const char *w, size_t n);   /* mount, lake, camp */
int sl_entlex_misc_word(const char *w, size_t n);  /* war, battle, award */
int sl_entlex_connector(const char *w, size_t n);  /* of, de, van, al */
int sl_entlex_particle(const char *w, size_t n);   /* van, der, de, bin: inside family names */
int sl_entlex_function(const char *w, size_t n);   /* the, and, said: ends a role */
int sl_entlex_loc_prep(const char *w, size_t n);   /* in, near, at, from */
#endif

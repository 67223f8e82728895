/* entity_lex.c — lookups in the WordNet table and our own short word lists
 * (titles, organization/place suffixes, connectors, function words). */
#include <string.h>
#include "entity_lex.h"

/* Compare key with phrase s folded to lowercase ASCII. */
static int cmp_folded(const char *key, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        unsigned char k = (unsigned char)key[i];
        if (k != c)
            return k < c ? -1 : 1;
        if (!k)
            return -1;
    }
    return key[n] ? 1 : 0;
}

unsigned sl_entlex_lookup(const char *s, size_t n) {
    const sl_entlex_entry *e = sl_entlex_find(s, n);
    return e ? e->flags : 0;
}

const sl_entlex_entry *sl_entlex_find(const char *s, size_t n) {
    size_t lo = 0, hi = sl_entlex_count;
    if (n == 0 || n > 60)
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_folded(sl_entlex[mid].key, s, n);
        if (c == 0)
            return &sl_entlex[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Linear scan of a short NULL-terminated list; case-folded compare. */
static int in_list(const char *const *l, const char *w, size_t n) {
    for (; *l; l++)
        if (cmp_folded(*l, w, n) == 0)
            return 1;
    return 0;
}

int sl_entlex_title(const char *w, size_t n) {
    static const char *const l[] = {
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep.",
        "gov", "gov.", "gen", "gen.", "col", "col.", "lt", "lt.", "capt", "capt.", "sgt", "sgt.",
        "adm", "adm.", "rev", "rev.", "prof", "prof.", "pres.", "president", "senator",
        "governor", "minister", "secretary", "chancellor", "king", "queen", "prince", "princess",
        "pope", "sir", "dame", "lord", "lady", "judge", "justice", "general", "colonel",
        "captain", "admiral", "sergeant", "lieutenant", "major", "commander", "mayor",
        "ambassador", "spokesman", "spokeswoman", "spokesperson", "professor", "premier",
        "emperor", "empress", "sheikh", "ayatollah", "cardinal", "bishop", "archbishop",
        "father", "rabbi", "imam", "chairman", "chairwoman", "director", "coach", "councillor",
        "councilman", "councilwoman", "congressman", "congresswoman", "representative",
        "deputy", "vice", "prime", "foreign", "defense", "defence", "attorney", "chief",
        "correspondent", "reporter", "host", "anchor", "adviser", "advisor", "officer",
        "leader", "speaker", "commissioner", "inspector", "detective", "sheriff", "marshal",
        "count", "duke", "duchess", "ceo", "cfo", "coo", "founder", "co-founder", "cofounder",
        "chairperson", "president-elect", "analyst", "economist", "executive", "baron", "saint", "st.", "mp", "mpp", "mla", "mep", "mps", NULL};
    return in_list(l, w, n);
}

int sl_entlex_org_suffix(const char *w, size_t n) {
    static const char *const l[] = {
        "inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.",
        "llc", "l.l.c.", "l.p.", "llp", "plc", "ag", "gmbh", "sa", "s.a.", "n.v.", "party", "ministry", "university", "college",
        "council", "department", "agency", "association", "bank", "group", "committee",
        "commission", "institute", "institution", "army", "navy", "corps", "division",
        "brigade", "regiment", "battalion", "squadron", "club", "team", "fc", "airlines",
        "airline", "airways", "records", "band", "times", "news", "post", "service", "services",
        "administration", "union", "federation", "league", "organization", "organisation",
        "foundation", "society", "church", "school", "academy", "court", "senate", "congress",
        "parliament", "assembly", "office", "bureau", "authority", "board", "police",
        "forces", "guard", "fund", "network", "television", "tv", "radio", "studios",
        "studio", "entertainment", "motors", "systems", "technologies", "holdings",
        "partners", "industries", "labs", "pictures", "press", "journal", "magazine",
        "gazette", "herald", "tribune", "telegraph", "chronicle", "daily", "reporter",
        "channel", "broadcasting", "orchestra", "choir", "ensemble", "united", "city fc",
        "rovers", "athletic", "wanderers", "hospital", "museum", "library", "cabinet",
        "government", "alliance", "coalition", "movement", "front", "brotherhood",
        "conference", "trust", "foundation", "enterprises", "international", "railway",
        "railroad", "communications", "software", "electronics", "pharmaceuticals", "energy",
        "petroleum", "oil", "airport", "exchange", "kremlin", "secretariat", "tribunal",
        "directorate", "command", "fleet", "legion", "militia", "guards", "squad", "crew",
        "bancorp", "confederation", "capital", "securities", "insurance", "media", "publishing", "publishers",
        "books", "games", "sports", "stores", "foods", "brands", "hall", "center", "theatre",
        "theater", "hotel", "lounge", "shop", "lines", "cafe", "restaurant", NULL};
    return in_list(l, w, n);
}

int sl_entlex_org_head(const char *w, size_t n) {
    static const char *const l[] = {
        "university", "ministry", "department", "bank", "church", "council", "army", "party",
        "institute", "college", "school", "academy", "federation", "union", "league",
        "association", "society", "house", "board", "office", "court", "commission",
        "committee", "order", "bureau", "house of", "congress", "parliament", "government",
        "museum", "federal", "national", "royal", NULL};
    return in_list(l, w, n);
}

int sl_entlex_loc_suffix(const char *w, size_t n) {
    static const char *const l[] = {
        "city", "county", "river", "lake", "mountain", "mountains", "island", "islands",
        "street", "avenue", "road", "bay", "valley", "park", "province", "state", "region",
        "district", "ocean", "sea", "beach", "hills", "hill", "canyon", "peninsula", "desert",
        "square", "bridge", "station", "creek", "falls", "forest", "harbor", "harbour",
        "heights", "highway", "gulf", "strait", "straits", "coast", "township", "village",
        "town", "territory", "prefecture", "oblast", "parish", "borough", "archipelago",
        "glacier", "basin", "plateau", "ridge", "range", "reservoir", "springs", "point",
        "cape", "sound", "channel", "airport", "castle", "palace", "cathedral", "temple",
        "stadium", "arena", "tower", "center", "centre", "hall", "boulevard", "lane", "way",
        "land", "republic", "kingdom", "empire", "shire", "county", "pass", "cave", "caves", "rink",
        "field", "estate", "formation", "neighbourhood", "neighborhood", "courthouse", "canal",
        "trail", "gardens", "cemetery", "memorial", NULL};
    return in_list(l, w, n);
}

int sl_entlex_loc_head(const char *w, size_t n) {
    static const char *const l[] = {"mount", "mt.", "lake", "camp", "fort", "port", "cape",
                                    "isle", "gulf", "bay", "river", "sea", "san", "santa",
                                    "saint", "st.", "new", "north", "south", "east", "west",
                                    "upper", "lower", "greater", NULL};
    return in_list(l, w, n);
}

int sl_entlex_misc_word(const char *w, size_t n) {
    static const char *const l[] = {
        "war", "battle", "award", "awards", "cup", "championship", "championships", "games",
        "prize", "act", "treaty", "festival", "album", "tournament", "olympics", "series",
        "open", "grand prix", "medal", "trophy", "revolution", "crisis", "campaign",
        "operation", "siege", "massacre", "rebellion", "uprising", "expedition", "election",
        "elections", "summit", "agreement", "accord", "accords", "declaration", "doctrine",
        "constitution", "bill", "amendment", "show", "tour", "season", "bowl", "marathon",
        "race", "rally", "derby", "classic", "day", "week", "movement", "incident", "affair",
        "scandal", "plan", "program", "programme", "project", "language", "languages",
        "ii", "iii", "iv", "flight", "convention", "code", NULL};
    return in_list(l, w, n);
}

int sl_entlex_connector(const char *w, size_t n) {
    static const char *const l[] = {"of", "de", "del", "della", "der", "den", "van", "von",
                                    "da", "di", "du", "la", "le", "al", "el", "bin", "ibn",
                                    "y", "and", "&", "for", "on", "upon", "the", "des", "dos",
                                    "das", "zu", "ben", "bint", "abu", NULL};
    return in_list(l, w, n);
}

int sl_entlex_particle(const char *w, size_t n) {
    static const char *const l[] = {"de", "del", "della", "der", "den", "dem", "van", "von", "da",
                                    "di", "du", "la", "le", "los", "las", "des", "dos", "das",
                                    "zu", "ter", "ten", "bin", "ibn", "bint", "ben", "abu", NULL};
    return in_list(l, w, n);
}

int sl_entlex_function(const char *w, size_t n) {
    static const char *const l[] = {
        "the", "a", "an", "and", "or", "but", "nor", "said", "says", "say", "told", "tells",
        "with", "by", "to", "in", "on", "at", "for", "from", "as", "that", "which", "who",
        "whom", "whose", "when", "while", "if", "then", "than", "is", "was", "are", "were",
        "be", "been", "has", "have", "had", "do", "did", "does", "not", "also", "after",
        "before", "about", "into", "over", "under", "between", "during", "against", "like",
        "his", "her", "its", "their", "our", "my", "your", "this", "these", "those", "it",
        "he", "she", "they", "we", "i", "you", "him", "them", "us", "me", "where", "why",
        "how", "what", "there", "here", "so", "because", "although", "though", "via", "per",
        "according", "including", "added", "asked", "explained", "noted", "stated", "warned",
        "urged", "met", "called", "spoke", "speaking", "quoted", NULL};
    return in_list(l, w, n);
}

int sl_entlex_loc_prep(const char *w, size_t n) {
    static const char *const l[] = {"in", "near", "at", "from", "to", "into", "across",
                                    "outside", "inside", "toward", "towards", "throughout",
                                    "around", "within", "through", NULL};
    return in_list(l, w, n);
}

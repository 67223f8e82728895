/* meta.c — outlet host from a URL, and a cheap language guess.
 *
 * The language guess is a stopword count: in running text of any language
 * its commonest function words make up a large share of the tokens, so a
 * few dozen words per language tell European languages apart. Scripts
 * that identify a language on their own (Greek, Hebrew, Hangul, kana...)
 * are counted first. It is a label for filtering, not a classifier: when
 * the text is short or the top two languages are close, it says NULL.
 */
#include "meta.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "../util/utf8.h"

enum { MIN_WORDS = 20, MAX_WORDS = 3000, MAX_BYTES = 64 * 1024 };

/* ------------------------------------------------------------- host */

static char lower(char c) {
    return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

static int host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

int sl_url_host(const char *url, char *out, size_t cap) {
    if (!url || !out || cap == 0)
        return 0;
    out[0] = 0;
    while (*url == ' ' || *url == '\t')
        url++;
    const char *p = strstr(url, "://");
    const char *q = strpbrk(url, "/?#");
    if (p && (!q || p < q))
        p += 3;
    else if (url[0] == '/' && url[1] == '/')
        p = url + 2; /* scheme-relative */
    else
        p = url;     /* "example.com/path" */
    size_t end = strcspn(p, "/?#\\ \t\r\n");
    for (size_t i = end; i > 0; i--) /* userinfo: user:pw@host */
        if (p[i - 1] == '@') {
            p += i;
            end -= i;
            break;
        }
    if (end && p[0] == '[')
        return 0; /* IPv6 literal: no outlet name */
    const char *colon = memchr(p, ':', end);
    if (colon)
        end = (size_t)(colon - p);
    while (end && p[end - 1] == '.')
        end--;
    if (end >= 4 && lower(p[0]) == 'w' && lower(p[1]) == 'w' && lower(p[2]) == 'w' &&
        p[3] == '.') {
        p += 4;
        end -= 4;
    }
    if (end == 0 || end >= cap || !memchr(p, '.', end))
        return 0;
    for (size_t i = 0; i < end; i++) {
        out[i] = lower(p[i]);
        if (!host_char(out[i])) {
            out[0] = 0;
            return 0;
        }
    }
    out[end] = 0;
    return 1;
}

/* --------------------------------------------------------- language */

typedef struct lang {
    const char *code;
    const char *words; /* space-separated lowercase stopwords */
} lang;

static const lang langs[] = {
    {"en", "the and of to is that was for with on are this have from by it he she they not "
           "but said would which has been were will its their you your a in or"},
    {"de", "der die und das ist nicht mit den von ein eine sich auch auf dem des f\xC3\xBCr "
           "wird sind nach bei wie noch oder aber werden \xC3\xBC" "ber zu im"},
    {"fr", "le la les et des est une du dans pour que qui pas sur au avec ce il elle sont par "
           "mais ont \xC3\xA9t\xC3\xA9 aux cette plus ne"},
    {"es", "el la los las y que en del por con una es para se su como pero m\xC3\xA1s fue "
           "ha sus al este esta tambi\xC3\xA9n est\xC3\xA1"},
    {"it", "il di che la e per un una non sono della del con gli le nel alla ha \xC3\xA8 "
           "anche come pi\xC3\xB9 questo ma dei delle"},
    {"pt", "o os as e que de do da dos das em um uma para com n\xC3\xA3o por mais foi ao na "
           "no se seu sua tamb\xC3\xA9m est\xC3\xA1 s\xC3\xA3o"},
    {"nl", "de het een en van is dat niet op te met voor zijn er ook aan maar bij om wordt "
           "heeft naar dan nog worden deze die"},
    /* not asked for, but without it Indonesian ("dan", "di") reads as Dutch */
    {"id", "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena bisa "
           "ada mereka kita oleh sudah atau saat"},
    {"sv", "och att det som en \xC3\xA4r p\xC3\xA5 f\xC3\xB6r med inte har till av om var jag "
           "men ett sig ocks\xC3\xA5 efter kan hade skulle vid n\xC3\xA4r eller fr\xC3\xA5n"},
    {"da", "og at det er en af p\xC3\xA5 for med ikke har til som de den var jeg men et sig "
           "ogs\xC3\xA5 efter kan havde skulle ved n\xC3\xA5r eller fra blev hvad meget nu"},
    {"no", "og at det er en av p\xC3\xA5 for med ikke har til som de den var jeg men et seg "
           "ogs\xC3\xA5 etter kan hadde skulle ved n\xC3\xA5r eller fra ble hva mye n\xC3\xA5"},
    {"pl", "i w na z si\xC4\x99 nie do to \xC5\xBC" "e jest o jak a ale po od za przez dla "
           "jego ju\xC5\xBC tak czy s\xC4\x85 by\xC5\x82o mo\xC5\xBC" "e oraz tylko"},
    {"ru", "\xD0\xB8 \xD0\xB2 \xD0\xBD\xD0\xB5 \xD0\xBD\xD0\xB0 \xD1\x87\xD1\x82\xD0\xBE "
           "\xD0\xBE\xD0\xBD \xD1\x81 \xD0\xBA\xD0\xB0\xD0\xBA \xD1\x8D\xD1\x82\xD0\xBE "
           "\xD0\xBF\xD0\xBE \xD0\xBD\xD0\xBE \xD0\xB5\xD0\xB3\xD0\xBE \xD0\xBA "
           "\xD0\xB8\xD0\xB7 \xD1\x83 \xD0\xB7\xD0\xB0 \xD0\xBE\xD0\xBD\xD0\xB0 "
           "\xD0\xBE\xD1\x82 \xD1\x82\xD0\xB0\xD0\xBA \xD0\xB6\xD0\xB5 "
           "\xD0\xB1\xD1\x8B\xD0\xBB \xD0\xB4\xD0\xBB\xD1\x8F \xD0\xB2\xD1\x81\xD0\xB5 "
           "\xD0\xBE\xD0\xBD\xD0\xB8 \xD0\xBE \xD0\xBC\xD1\x8B \xD0\xBF\xD1\x80\xD0\xB8 "
           "\xD1\x83\xD0\xB6\xD0\xB5"},
};

enum { N_LANGS = sizeof langs / sizeof *langs };
_Static_assert(N_LANGS <= 16, "stop_slot.langs holds one bit per language");

/* Every stopword of every language in one open-addressing table, built
 * once: a word costs one hash and a probe or two instead of a scan of each
 * list (this runs on every article without a declared language). */
enum { STOP_SLOTS = 2048, STOP_MAXLEN = 15 };
typedef struct stop_slot {
    char w[STOP_MAXLEN + 1];
    uint8_t n;
    uint16_t langs; /* bit i: langs[i] has the word */
} stop_slot;
static stop_slot stop_table[STOP_SLOTS];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static uint32_t word_hash(const char *w, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

static stop_slot *stop_find(const char *w, size_t n, int insert) {
    if (n == 0 || n > STOP_MAXLEN)
        return NULL;
    for (uint32_t i = word_hash(w, n) & (STOP_SLOTS - 1);; i = (i + 1) & (STOP_SLOTS - 1)) {
        stop_slot *sl = &stop_table[i];
        if (sl->n == n && memcmp(sl->w, w, n) == 0)
            return sl;
        if (sl->n == 0) {
            if (!insert)
                return NULL;
            memcpy(sl->w, w, n);
            sl->n = (uint8_t)n;
            return sl;
        }
    }
}

static void stop_build(void) {
    for (int i = 0; i < N_LANGS; i++) {
        for (const char *p = langs[i].words; *p;) {
            size_t k = strcspn(p, " ");
            stop_slot *sl = stop_find(p, k, 1);
            if (sl)
                sl->langs |= (uint16_t)(1u << i);
            p += k + (p[k] == ' ');
        }
    }
}

typedef enum script { SC_OTHER, SC_LATIN, SC_CYRILLIC, SC_GREEK, SC_HEBREW, SC_ARABIC,
                      SC_HAN, SC_KANA, SC_HANGUL, SC_N } script;

static script script_of(int32_t cp) {
    if (cp < 0x80 || (cp >= 0xC0 && cp < 0x250))
        return SC_LATIN;
    if (cp >= 0x370 && cp < 0x400)
        return SC_GREEK;
    if (cp >= 0x400 && cp < 0x530)
        return SC_CYRILLIC;
    if (cp >= 0x590 && cp < 0x600)
        return SC_HEBREW;
    if ((cp >= 0x600 && cp < 0x780) || (cp >= 0xFB50 && cp < 0xFE00))
        return SC_ARABIC;
    if ((cp >= 0x3040 && cp < 0x3100) || (cp >= 0x31F0 && cp < 0x3200))
        return SC_KANA;
    if ((cp >= 0xAC00 && cp < 0xD7B0) || (cp >= 0x1100 && cp < 0x1200) ||
        (cp >= 0x3130 && cp < 0x3190))
        return SC_HANGUL;
    if ((cp >= 0x4E00 && cp < 0xA000) || (cp >= 0x3400 && cp < 0x4DC0))
        return SC_HAN;
    return SC_OTHER;
}

static int is_letter(int32_t cp) {
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_MC;
}

typedef struct counts {
    size_t words, letters, script[SC_N], score[N_LANGS], ukr;
} counts;

static void count_word(counts *c, const char *w, size_t n) {
    c->words++;
    const stop_slot *sl = stop_find(w, n, 0);
    if (!sl)
        return;
    for (int i = 0; i < N_LANGS; i++)
        c->score[i] += (sl->langs >> i) & 1;
}

static void scan(const char *s, size_t n, counts *c) {
    char w[48];
    size_t wn = 0, i = 0;
    while (i < n && c->words < MAX_WORDS) {
        int32_t cp;
        i += sl_utf8_decode(s + i, n - i, &cp);
        if (is_letter(cp)) {
            c->letters++;
            c->script[script_of(cp)]++;
            c->ukr += cp == 0x456 || cp == 0x457 || cp == 0x454 || cp == 0x491;
            char enc[4];
            size_t k = sl_utf8_encode(cp < 0x80 ? lower((char)cp) : utf8proc_tolower(cp), enc);
            if (wn + k <= sizeof w)
                memcpy(w + wn, enc, k);
            wn += k;
        } else if (wn) {
            if (wn <= sizeof w)
                count_word(c, w, wn);
            else
                c->words++;
            wn = 0;
        }
    }
    if (wn && wn <= sizeof w)
        count_word(c, w, wn);
}

/* Language of a script that names one, or NULL. */
static const char *by_script(const counts *c) {
    size_t cjk = c->script[SC_HAN] + c->script[SC_KANA];
    if (c->script[SC_HANGUL] * 2 > c->letters)
        return c->letters >= MIN_WORDS ? "ko" : NULL;
    if (cjk * 2 > c->letters) {
        if (c->letters < MIN_WORDS)
            return NULL;
        return c->script[SC_KANA] * 10 >= cjk ? "ja" : "zh";
    }
    if (c->words < MIN_WORDS)
        return NULL;
    if (c->script[SC_GREEK] * 2 > c->letters)
        return "el";
    if (c->script[SC_HEBREW] * 2 > c->letters)
        return "he";
    if (c->script[SC_ARABIC] * 2 > c->letters)
        return "ar";
    if (c->script[SC_CYRILLIC] * 2 > c->letters && c->ukr * 100 > c->script[SC_CYRILLIC])
        return "uk";
    return "";
}

const char *sl_lang_guess(const char *text, size_t n) {
    if (!text)
        return NULL;
    pthread_once(&stop_once, stop_build);
    counts c;
    memset(&c, 0, sizeof c);
    scan(text, n < MAX_BYTES ? n : MAX_BYTES, &c);
    const char *s = by_script(&c);
    if (!s || *s)
        return s;
    int best = -1;
    size_t second = 0;
    for (int i = 0; i < N_LANGS; i++) {
        if (best < 0 || c.score[i] > c.score[best]) {
            if (best >= 0)
                second = c.score[best];
            best = i;
        } else if (c.score[i] > second) {
            second = c.score[i];
        }
    }
    size_t top = c.score[best], gap = top - second;
    /* stopwords are a large share of any real text; a near tie is unclear */
    if (top < 5 || top * 40 < c.words || gap < 3 || gap * 20 < top)
        return NULL;
    return langs[best].code;
}

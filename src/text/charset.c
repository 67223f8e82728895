/* charset.c — decide a document's charset and transcode it to UTF-8.
 *
 * Evidence is weighed strongest first: byte-order mark, HTTP Content-Type,
 * <meta> prescan (HTML only), "the bytes are valid UTF-8", uchardet, and
 * finally windows-1252. A declaration is checked against the bytes: pages
 * often declare UTF-8 and send Latin-1, or declare Latin-1 and send UTF-8;
 * then the declaration is overruled and info->lied is set.
 *
 * Decoders: our own for UTF-8 (repairing bad bytes to U+FFFD), UTF-16 and
 * windows-1252 (the WHATWG mapping, which also stands for ISO-8859-1 and
 * ASCII labels); glibc iconv() for every other charset. Every pass is
 * linear; valid UTF-8 without a conflicting declaration is validated once
 * and copied.
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <uchardet/uchardet.h>

#include "../core/draft.h"
#include "../util/buf.h"
#include "../util/utf8.h"

enum { SNIFF_BYTES = 8192, PRESCAN_BYTES = 4096, DETECT_BYTES = 256 * 1024 };

typedef enum cs_kind { CS_NONE, CS_UTF8, CS_1252, CS_UTF16LE, CS_UTF16BE, CS_ICONV } cs_kind;

typedef struct charset {
    cs_kind kind;
    char name[32]; /* iconv name for CS_ICONV, canonical name otherwise */
} charset;

/* ------------------------------------------------------------ labels */

typedef struct alias {
    const char *label, *name;
} alias;

/* Labels that do not name themselves for iconv, or that WHATWG remaps. */
static const alias aliases[] = {
    {"utf-8", "utf-8"}, {"utf8", "utf-8"}, {"unicode-1-1-utf-8", "utf-8"},
    {"windows-1252", "windows-1252"}, {"cp1252", "windows-1252"},
    {"x-cp1252", "windows-1252"}, {"iso-8859-1", "windows-1252"},
    {"iso8859-1", "windows-1252"}, {"iso_8859-1", "windows-1252"},
    {"iso88591", "windows-1252"}, {"latin1", "windows-1252"}, {"l1", "windows-1252"},
    {"us-ascii", "windows-1252"}, {"ascii", "windows-1252"}, {"cp819", "windows-1252"},
    {"ibm819", "windows-1252"}, {"iso-ir-100", "windows-1252"},
    {"ansi_x3.4-1968", "windows-1252"}, {"csisolatin1", "windows-1252"},
    {"utf-16", "utf-16le"}, {"utf-16le", "utf-16le"}, {"unicode", "utf-16le"},
    {"utf-16be", "utf-16be"}, {"latin2", "ISO-8859-2"}, {"l2", "ISO-8859-2"},
    {"latin3", "ISO-8859-3"}, {"latin4", "ISO-8859-4"}, {"cyrillic", "ISO-8859-5"},
    {"arabic", "ISO-8859-6"}, {"greek", "ISO-8859-7"}, {"hebrew", "ISO-8859-8"},
    {"latin5", "ISO-8859-9"}, {"latin6", "ISO-8859-10"}, {"latin9", "ISO-8859-15"},
    {"koi8", "KOI8-R"}, {"koi8r", "KOI8-R"}, {"cskoi8r", "KOI8-R"}, {"koi", "KOI8-R"},
    {"koi8-ru", "KOI8-U"}, {"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"x-gbk", "GB18030"},
    {"cp936", "GB18030"}, {"euc-cn", "GB18030"}, {"csgb2312", "GB18030"},
    {"chinese", "GB18030"}, {"big5", "BIG5-HKSCS"}, {"x-x-big5", "BIG5-HKSCS"},
    {"cn-big5", "BIG5-HKSCS"}, {"csbig5", "BIG5-HKSCS"}, {"shift_jis", "CP932"},
    {"shift-jis", "CP932"}, {"sjis", "CP932"}, {"x-sjis", "CP932"}, {"ms_kanji", "CP932"},
    {"windows-31j", "CP932"}, {"csshiftjis", "CP932"}, {"x-euc-jp", "EUC-JP"},
    {"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"}, {"windows-949", "CP949"},
    {"ksc5601", "CP949"}, {"windows-874", "CP874"}, {"tis-620", "TIS-620"},
    {"x-mac-cyrillic", "MAC-CYRILLIC"}, {"mac-cyrillic", "MAC-CYRILLIC"},
};

/* Canonical charset for a label; CS_NONE when unknown to us and iconv. */
static charset resolve(const char *label) {
    charset cs = {CS_NONE, ""};
    char low[32];
    size_t n = 0;
    while (label[n] && n + 1 < sizeof low) {
        char c = label[n];
        low[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    low[n] = 0;
    if (n == 0 || label[n])
        return cs;
    const char *name = low;
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (strcmp(aliases[i].label, low) == 0)
            name = aliases[i].name;
    snprintf(cs.name, sizeof cs.name, "%s", name);
    if (strcmp(name, "utf-8") == 0)
        cs.kind = CS_UTF8;
    else if (strcmp(name, "windows-1252") == 0)
        cs.kind = CS_1252;
    else if (strcmp(name, "utf-16le") == 0)
        cs.kind = CS_UTF16LE;
    else if (strcmp(name, "utf-16be") == 0)
        cs.kind = CS_UTF16BE;
    else {
        for (char *p = cs.name; *p; p++)
            *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        iconv_t cd = iconv_open("UTF-8", cs.name);
        if (cd == (iconv_t)-1)
            return (charset){CS_NONE, ""};
        iconv_close(cd);
        cs.kind = CS_ICONV;
    }
    return cs;
}

static int lower_eq(const char *s, const char *end, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(end - s) < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != word[i])
            return 0;
    }
    return 1;
}

/* The value after "charset" [ws] = [ws] [quote] in [p, end), into out. */
static int charset_param(const char *p, const char *end, char *out, size_t cap) {
    for (; p < end; p++) {
        if (!lower_eq(p, end, "charset"))
            continue;
        const char *q = p + 7;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q == end || *q != '=')
            continue;
        q++;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '"' || *q == '\''))
            q++;
        size_t n = 0;
        while (q + n < end && n + 1 < cap &&
               (((q[n] | 0x20) >= 'a' && (q[n] | 0x20) <= 'z') || (q[n] >= '0' && q[n] <= '9') ||
                q[n] == '-' || q[n] == '_' || q[n] == '.' || q[n] == ':'))
            n++;
        if (n == 0)
            continue;
        memcpy(out, q, n);
        out[n] = 0;
        return 1;
    }
    return 0;
}

/* <meta charset=...> or <meta http-equiv content="...; charset=..."> in the
 * first bytes of an HTML page. */
static int meta_charset(const char *s, size_t len, char *out, size_t cap) {
    const char *end = s + (len < PRESCAN_BYTES ? len : PRESCAN_BYTES);
    for (const char *p = s; p < end; p++) {
        if (*p != '<' || !lower_eq(p + 1, end, "meta"))
            continue;
        const char *gt = memchr(p, '>', (size_t)(end - p));
        if (!gt)
            return 0;
        if (charset_param(p + 5, gt, out, cap))
            return 1;
        p = gt;
    }
    return 0;
}

/* ---------------------------------------------------------- sniffing */

typedef struct utf8_stats {
    size_t multi; /* valid non-ASCII sequences */
    size_t bad;   /* bytes that start no valid sequence */
} utf8_stats;

static utf8_stats scan_utf8(const char *s, size_t n) {
    utf8_stats st = {0, 0};
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ull)) {
                i += 8;
                continue;
            }
        }
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = sl_utf8_valid_seq(s + i, n - i);
        if (k) {
            st.multi++;
            i += k;
        } else {
            st.bad++;
            i++;
        }
    }
    return st;
}

/* Mostly UTF-8 with a few damaged bytes, rather than another charset. */
static int mostly_utf8(utf8_stats st) {
    return st.bad == 0 || st.multi >= 2 * st.bad;
}

/* UTF-16 without BOM: text in the Basic Latin range shows a zero in every
 * other byte. 0: no, else the kind. */
static cs_kind utf16_guess(const unsigned char *s, size_t n) {
    if (n > SNIFF_BYTES)
        n = SNIFF_BYTES;
    size_t pairs = n / 2, z[2] = {0, 0}, ctrl[2] = {0, 0};
    if (pairs < 2)
        return CS_NONE;
    for (size_t i = 0; i + 1 < n; i += 2)
        for (int k = 0; k < 2; k++)
            if (s[i + k] == 0) {
                z[k]++;
                unsigned char lo = s[i + 1 - k];
                ctrl[k] += lo < 0x20 && lo != '\n' && lo != '\r' && lo != '\t';
            }
    for (int k = 0; k < 2; k++) /* k = 1: high byte second, little-endian */
        if (z[k] * 10 >= pairs * 4 && z[1 - k] * 20 < pairs && ctrl[k] * 10 < z[k])
            return k ? CS_UTF16LE : CS_UTF16BE;
    return CS_NONE;
}

static const struct {
    const char *magic;
    size_t len;
    const char *what;
} signatures[] = {
    {"%PDF-", 5, "a PDF document"}, {"\x89PNG", 4, "a PNG image"},
    {"GIF8", 4, "a GIF image"},     {"\xFF\xD8\xFF", 3, "a JPEG image"},
    {"PK\x03\x04", 4, "a ZIP archive"}, {"\x1F\x8B", 2, "gzip data"},
    {"\x7F" "ELF", 4, "an executable"}, {"OggS", 4, "Ogg media"},
    {"ID3", 3, "MP3 audio"},        {"RIFF", 4, "RIFF media"},
    {"\0asm", 4, "WebAssembly"},
};

/* Reason why s is binary rather than text, or NULL. */
static const char *binary_reason(const unsigned char *s, size_t n) {
    for (size_t i = 0; i < sizeof signatures / sizeof *signatures; i++)
        if (n >= signatures[i].len && memcmp(s, signatures[i].magic, signatures[i].len) == 0)
            return signatures[i].what;
    if (n > SNIFF_BYTES)
        n = SNIFF_BYTES;
    size_t nul = 0, ctrl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == 0)
            nul++;
        else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
                  c != 0x1B) || c == 0x7F)
            ctrl++;
    }
    if (nul >= 16 || nul * 1000 > n)
        return "NUL bytes";
    if (ctrl * 10 > n)
        return "many control bytes";
    return NULL;
}

/* ---------------------------------------------------------- decoders */

static void put_cp(sl_buf *b, int32_t cp) {
    char enc[4];
    sl_buf_append(b, enc, sl_utf8_encode(cp, enc));
}

static void dec_utf8(const char *s, size_t n, sl_buf *b) {
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && (unsigned char)s[j] < 0x80)
            j++;
        sl_buf_append(b, s + i, j - i);
        i = j;
        while (i < n && (unsigned char)s[i] >= 0x80) {
            size_t k = sl_utf8_valid_seq(s + i, n - i);
            if (k) {
                sl_buf_append(b, s + i, k);
                i += k;
            } else {
                put_cp(b, 0xFFFD);
                i++;
            }
        }
    }
}

/* windows-1252 0x80..0x9F; the five unassigned bytes map to the C1 code
 * points as WHATWG does. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void dec_1252(const char *s, size_t n, sl_buf *b) {
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && (unsigned char)s[j] < 0x80)
            j++;
        sl_buf_append(b, s + i, j - i);
        for (i = j; i < n && (unsigned char)s[i] >= 0x80; i++) {
            unsigned char c = (unsigned char)s[i];
            put_cp(b, c < 0xA0 ? cp1252_high[c - 0x80] : c);
        }
    }
}

static void dec_utf16(const unsigned char *s, size_t n, int be, sl_buf *b) {
    size_t i = 0;
    while (i + 1 < n) {
        uint32_t u = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        i += 2;
        if (u >= 0xD800 && u < 0xDC00 && i + 1 < n) {
            uint32_t v = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
            if (v >= 0xDC00 && v < 0xE000) {
                i += 2;
                put_cp(b, (int32_t)(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00)));
                continue;
            }
        }
        put_cp(b, u >= 0xD800 && u < 0xE000 ? 0xFFFD : (int32_t)u);
    }
    if (i < n)
        put_cp(b, 0xFFFD); /* odd trailing byte */
}

/* Transcode with iconv; undecodable bytes become U+FFFD, counted in *bad.
 * Returns -1 when iconv cannot open the charset. */
static int dec_iconv(const char *name, const char *s, size_t n, sl_buf *b, size_t *bad) {
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return -1;
    char *in = (char *)s;
    size_t left = n;
    *bad = 0;
    while (left > 0 && !b->oom) {
        if (sl_buf_reserve(b, left * 2 + 16))
            break;
        char *o = b->data + b->len;
        size_t room = b->cap - b->len - 1, room0 = room;
        size_t r = iconv(cd, &in, &left, &o, &room);
        b->len += room0 - room;
        b->data[b->len] = 0;
        if (r != (size_t)-1 || errno == E2BIG)
            continue;
        put_cp(b, 0xFFFD);
        (*bad)++;
        if (errno == EINVAL)
            break; /* truncated sequence at the end */
        in++;
        left--;
    }
    iconv_close(cd);
    return 0;
}

/* Decode s as cs into b; *bad counts undecodable bytes (iconv only). */
static int decode_as(const charset *cs, const char *s, size_t n, sl_buf *b, size_t *bad) {
    *bad = 0;
    switch (cs->kind) {
    case CS_UTF8: dec_utf8(s, n, b); return 0;
    case CS_1252: dec_1252(s, n, b); return 0;
    case CS_UTF16LE: dec_utf16((const unsigned char *)s, n, 0, b); return 0;
    case CS_UTF16BE: dec_utf16((const unsigned char *)s, n, 1, b); return 0;
    case CS_ICONV: return dec_iconv(cs->name, s, n, b, bad);
    default: return -1;
    }
}

/* uchardet's guess over the first bytes; CS_NONE when it has none. */
static charset detect(const char *s, size_t n) {
    charset cs = {CS_NONE, ""};
    uchardet_t ud = uchardet_new();
    if (!ud)
        return cs;
    if (uchardet_handle_data(ud, s, n < DETECT_BYTES ? n : DETECT_BYTES) == 0) {
        uchardet_data_end(ud);
        const char *name = uchardet_get_charset(ud);
        if (name && *name)
            cs = resolve(name);
    }
    uchardet_delete(ud);
    return cs;
}

/* ------------------------------------------------------------ output */

/* Copy to the arena, NUL-terminated, without embedded NULs. */
static sl_status emit(const char *s, size_t n, sl_arena *a, char **out, size_t *out_len,
                      sl_error *err) {
    char *d = sl_arena_alloc(a, n + 1);
    if (!d)
        return sl_fail(err, SL_ERR_NOMEM, "out of memory decoding text");
    size_t k = 0;
    while (n) {
        const char *z = memchr(s, 0, n);
        size_t run = z ? (size_t)(z - s) : n;
        memcpy(d + k, s, run);
        k += run;
        s += run + (z != NULL);
        n -= run + (z != NULL);
    }
    d[k] = 0;
    *out = d;
    *out_len = k;
    return SL_OK;
}

static void set_info(sl_charset_info *info, const charset *cs, sl_charset_from from) {
    const char *name = cs->kind == CS_UTF8 ? "utf-8" : cs->kind == CS_1252 ? "windows-1252"
                     : cs->kind == CS_UTF16LE ? "utf-16le" : cs->kind == CS_UTF16BE ? "utf-16be"
                     : cs->name;
    snprintf(info->name, sizeof info->name, "%s", name);
    info->from = from;
}

/* Decode with cs through a scratch buffer into the arena. */
static sl_status finish(const charset *cs, const char *s, size_t n, sl_arena *a, char **out,
                        size_t *out_len, sl_error *err) {
    sl_buf b;
    sl_buf_init(&b);
    size_t bad;
    if (decode_as(cs, s, n, &b, &bad) < 0) { /* not reached: resolve() checked */
        sl_buf_free(&b);
        return sl_fail(err, SL_ERR_ENCODING, "cannot decode charset %s", cs->name);
    }
    sl_status st = b.oom ? sl_fail(err, SL_ERR_NOMEM, "out of memory decoding text")
                         : emit(b.data ? b.data : "", b.len, a, out, out_len, err);
    sl_buf_free(&b);
    return st;
}

/* A declared charset matches the bytes? Declared single-byte or CJK text
 * that is in fact valid, non-ASCII UTF-8 is mislabelled UTF-8 (decoding it
 * as declared would produce mojibake). */
static int declaration_holds(const charset *cs, const char *s, size_t n, utf8_stats st) {
    if (cs->kind == CS_UTF8)
        return mostly_utf8(st);
    if (cs->kind == CS_UTF16LE || cs->kind == CS_UTF16BE)
        return 0; /* real UTF-16 was recognised before: this is ASCII-based */
    if (st.bad == 0 && st.multi > 0)
        return 0;
    if (cs->kind != CS_ICONV)
        return 1;
    sl_buf b;
    sl_buf_init(&b);
    size_t bad = 0;
    int ok = dec_iconv(cs->name, s, n, &b, &bad) == 0 && bad <= 2 + n / 1000;
    sl_buf_free(&b);
    return ok;
}

/* The charset named by HTTP or <meta>; kind CS_NONE if none usable. */
static charset declared(const char *s, size_t n, const char *content_type, int is_html,
                        sl_charset_from *from) {
    char label[32];
    charset cs = {CS_NONE, ""};
    if (content_type &&
        charset_param(content_type, content_type + strlen(content_type), label, sizeof label)) {
        cs = resolve(label);
        *from = SL_CS_HTTP;
    }
    if (cs.kind == CS_NONE && is_html && meta_charset(s, n, label, sizeof label)) {
        cs = resolve(label);
        *from = SL_CS_META;
        /* a page that can say "utf-16" in ASCII is not UTF-16 (WHATWG) */
        if (cs.kind == CS_UTF16LE || cs.kind == CS_UTF16BE)
            cs = (charset){CS_UTF8, "utf-8"};
    }
    return cs;
}

static int bom(const unsigned char *s, size_t n, charset *cs) {
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        *cs = (charset){CS_UTF8, "utf-8"};
        return 3;
    }
    if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        *cs = (charset){s[0] == 0xFF ? CS_UTF16LE : CS_UTF16BE, ""};
        return 2;
    }
    return 0;
}

sl_status sl_charset_decode(const char *data, size_t len, const char *content_type, int is_html,
                            sl_arena *a, char **out, size_t *out_len, sl_charset_info *info,
                            sl_error *err) {
    const unsigned char *u = (const unsigned char *)data;
    charset cs;
    memset(info, 0, sizeof *info);
    if (!data)
        len = 0;
    int skip = bom(u, len, &cs);
    if (skip) {
        set_info(info, &cs, SL_CS_BOM);
        return finish(&cs, data + skip, len - skip, a, out, out_len, err);
    }
    cs.kind = utf16_guess(u, len);
    if (cs.kind != CS_NONE) {
        set_info(info, &cs, SL_CS_DETECTED);
        return finish(&cs, data, len, a, out, out_len, err);
    }
    const char *why = binary_reason(u, len);
    if (why)
        return sl_fail(err, SL_ERR_ENCODING, "binary content, not text (%s)", why);

    sl_charset_from from = SL_CS_HTTP;
    charset decl = declared(data, len, content_type, is_html, &from);
    utf8_stats st = scan_utf8(data, len);
    if (decl.kind != CS_NONE && declaration_holds(&decl, data, len, st)) {
        set_info(info, &decl, from);
        if (decl.kind == CS_UTF8 && st.bad == 0)
            return emit(data, len, a, out, out_len, err);
        return finish(&decl, data, len, a, out, out_len, err);
    }
    info->lied = decl.kind != CS_NONE;
    if (mostly_utf8(st)) {
        cs = (charset){CS_UTF8, "utf-8"};
        set_info(info, &cs, SL_CS_UTF8);
        if (st.bad == 0) /* the fast path: validated once, copied once */
            return emit(data, len, a, out, out_len, err);
        return finish(&cs, data, len, a, out, out_len, err);
    }
    cs = detect(data, len);
    if (cs.kind == CS_NONE || cs.kind == CS_UTF8 || cs.kind == CS_UTF16LE ||
        cs.kind == CS_UTF16BE) {
        cs = (charset){CS_1252, "windows-1252"};
        set_info(info, &cs, SL_CS_FALLBACK);
    } else {
        set_info(info, &cs, SL_CS_DETECTED);
    }
    return finish(&cs, data, len, a, out, out_len, err);
}

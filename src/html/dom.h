/* dom.h — a light, index-based DOM built by a non-recursive HTML tokenizer.
 *
 * Nodes live in one growable array in document order (a parent always has a
 * smaller index than its children), so bottom-up passes are a reverse loop
 * and top-down passes a forward loop: no recursion anywhere. Text and
 * attribute values are slices of the input with entities still encoded;
 * callers decode them when they need them (most text is never output).
 * Implied end tags (p, li, td, ...) are handled well enough for extraction;
 * nesting deeper than the depth limit is flattened onto the deepest node.
 */
#ifndef SL_HTML_DOM_H
#define SL_HTML_DOM_H

#include <stddef.h>
#include <stdint.h>

#include "storyline.h"
#include "../util/arena.h"
#include "../util/buf.h"

typedef enum sl_htag {
    SL_T_UNKNOWN = 0,
    SL_T_A, SL_T_ABBR, SL_T_ADDRESS, SL_T_AREA, SL_T_ARTICLE, SL_T_ASIDE, SL_T_AUDIO, SL_T_B,
    SL_T_BASE, SL_T_BDI, SL_T_BDO, SL_T_BIG, SL_T_BLOCKQUOTE, SL_T_BODY, SL_T_BR, SL_T_BUTTON,
    SL_T_CANVAS, SL_T_CAPTION, SL_T_CENTER, SL_T_CITE, SL_T_CODE, SL_T_COL, SL_T_COLGROUP,
    SL_T_DATALIST, SL_T_DD, SL_T_DEL, SL_T_DETAILS, SL_T_DFN, SL_T_DIALOG, SL_T_DIV, SL_T_DL,
    SL_T_DT, SL_T_EM, SL_T_EMBED, SL_T_FIELDSET, SL_T_FIGCAPTION, SL_T_FIGURE, SL_T_FONT,
    SL_T_FOOTER, SL_T_FORM, SL_T_FRAME, SL_T_FRAMESET, SL_T_H1, SL_T_H2, SL_T_H3, SL_T_H4,
    SL_T_H5, SL_T_H6, SL_T_HEAD, SL_T_HEADER, SL_T_HGROUP, SL_T_HR, SL_T_HTML, SL_T_I,
    SL_T_IFRAME, SL_T_IMG, SL_T_INPUT, SL_T_INS, SL_T_KBD, SL_T_LABEL, SL_T_LEGEND, SL_T_LI,
    SL_T_LINK, SL_T_MAIN, SL_T_MAP, SL_T_MARK, SL_T_MATH, SL_T_MENU, SL_T_META, SL_T_METER,
    SL_T_NAV, SL_T_NOEMBED, SL_T_NOFRAMES, SL_T_NOSCRIPT, SL_T_OBJECT, SL_T_OL, SL_T_OPTGROUP,
    SL_T_OPTION, SL_T_OUTPUT, SL_T_P, SL_T_PARAM, SL_T_PICTURE, SL_T_PLAINTEXT, SL_T_PRE,
    SL_T_PROGRESS, SL_T_Q, SL_T_RP, SL_T_RT, SL_T_RUBY, SL_T_S, SL_T_SAMP, SL_T_SCRIPT,
    SL_T_SEARCH, SL_T_SECTION, SL_T_SELECT, SL_T_SMALL, SL_T_SOURCE, SL_T_SPAN, SL_T_STRIKE,
    SL_T_STRONG, SL_T_STYLE, SL_T_SUB, SL_T_SUMMARY, SL_T_SUP, SL_T_SVG, SL_T_TABLE,
    SL_T_TBODY, SL_T_TD, SL_T_TEMPLATE, SL_T_TEXTAREA, SL_T_TFOOT, SL_T_TH, SL_T_THEAD,
    SL_T_TIME, SL_T_TITLE, SL_T_TR, SL_T_TRACK, SL_T_TT, SL_T_U, SL_T_UL, SL_T_VAR,
    SL_T_VIDEO, SL_T_WBR, SL_T_XMP,
    SL_T_COUNT
} sl_htag;

/* Per-tag properties. */
enum {
    SL_TF_VOID = 1 << 0,     /* never has children */
    SL_TF_RAW = 1 << 1,      /* content is raw text, skipped (script, style...) */
    SL_TF_BLOCK = 1 << 2,    /* breaks the inline flow of text */
    SL_TF_CLOSES_P = 1 << 3, /* its start tag closes an open <p> */
    SL_TF_SCOPE = 1 << 4,    /* implied-end searches stop here (table, td...) */
    SL_TF_HEADING = 1 << 5
};

unsigned sl_htag_flags(int tag);
/* Tag id of a lower- or mixed-case tag name; SL_T_UNKNOWN if not known. */
int sl_htag_lookup(const char *name, size_t n);
const char *sl_htag_name(int tag);

typedef struct sl_hattr {
    const char *name, *val; /* raw slices; val entities still encoded */
    uint32_t name_len, val_len;
} sl_hattr;

enum { SL_HN_ELEM = 0, SL_HN_TEXT = 1 };

typedef struct sl_hnode {
    int32_t parent, first, last, next; /* indices; -1 = none */
    const char *text;                  /* text node: raw slice */
    sl_hattr *attrs;                   /* element: attributes */
    uint32_t text_len;
    uint16_t n_attrs;
    uint8_t type, tag;
    uint32_t flags; /* scratch for the extractor */
} sl_hnode;

typedef struct sl_hdoc {
    sl_hnode *nodes;
    size_t n, cap;
    /* Raw text of <title> and of JSON-LD scripts, kept for metadata. */
    const char *title;
    size_t title_len;
    const char **jsonld;
    size_t *jsonld_len;
    size_t n_jsonld, cap_jsonld;
    int truncated_depth; /* 1 if nesting beyond the limit was flattened */
    int oom;
} sl_hdoc;

/* Parse html into doc (node 0 is the document root). max_depth 0 = 512.
 * Attributes are allocated from arena; the node array is malloc'ed. */
sl_status sl_hdoc_parse(sl_hdoc *doc, const char *html, size_t n, size_t max_depth,
                        sl_arena *arena, sl_error *err);
void sl_hdoc_free(sl_hdoc *doc);

/* Attribute value of element i by lowercase name, or NULL (len in *len). */
const char *sl_hattr_get(const sl_hnode *e, const char *name, size_t *len);

/* Append text with entities decoded to out. in_attr applies the attribute
 * rule for "&name" without ';' followed by '=' or an alphanumeric. */

int sl_html_decode(const char *s, size_t n, sl_buf *out, int in_attr);

#endif

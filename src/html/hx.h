/* hx.h — private interfaces between the parts of the HTML module. */
#ifndef SL_HTML_HX_H
#define SL_HTML_HX_H

#include "dom.h"
#include "../core/draft.h"

/* Add the main article's blocks to the draft. title (may be NULL) lets a
 * heading that repeats the page title be left out of the body. */
sl_status sl_hx_content(const sl_hdoc *doc, const char *title, sl_draft *d, sl_error *err);

/* Title, dates, authors, outlet, canonical URL and language into the draft.
 * max_depth bounds JSON-LD nesting. */
void sl_hx_meta(const sl_hdoc *doc, sl_draft *d, size_t max_depth);

/* Class/id words: each class or id word's effect on extraction. */
enum {
    SL_CW_DROP = 1,     /* boilerplate container: drop the subtree */
    SL_CW_NEG = 2,      /* lowers a container's score */
    SL_CW_POS = 4,      /* raises it */
    SL_CW_BYLINE = 8    /* author byline */
};
unsigned sl_hx_class_words(const char *s, size_t n);

#endif

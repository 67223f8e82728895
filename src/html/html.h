/* html.h — main-article extraction from an HTML page.
 *
 * Tokenizes and builds a light DOM (dom.h), scores content blocks, and adds
 * the article's headings and paragraphs to the draft, with metadata
 * (title, JSON-LD / meta dates, authors, site name, language). */
#ifndef SL_HTML_H
#define SL_HTML_H

#include "storyline.h"
#include "../core/draft.h"

sl_status sl_html_extract(const char *utf8, size_t n, const sl_extract_opts *opts, sl_draft *d,
                          sl_error *err);

#endif

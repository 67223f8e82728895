/* meta.h — small metadata helpers: outlet from URL, language guess. */
#ifndef SL_META_H
#define SL_META_H

#include <stddef.h>

/* Host of url without "www." into out (lowercase); 0 if none. */
int sl_url_host(const char *url, char *out, size_t cap);

/* ISO 639-1 guess from stopword frequencies ("en", "de", "fr", "es", "it",
 * "pt", "nl", "ru", ...); NULL when too little text to tell. */
const char *sl_lang_guess(const char *text, size_t n);

#endif

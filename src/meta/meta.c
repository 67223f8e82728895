/* STUB: replaced by the meta module. */
#include "meta.h"
int sl_url_host(const char *url, char *out, size_t cap) { (void)url; (void)out; (void)cap; return 0; }
const char *sl_lang_guess(const char *text, size_t n) { (void)text; (void)n; return 0; }

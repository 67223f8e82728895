/* STUB: replaced by the charset module. */
#include "charset.h"
#include <string.h>
#include "../core/draft.h"
sl_status sl_charset_decode(const char *data, size_t len, const char *content_type, int is_html,
                            sl_arena *a, char **out, size_t *out_len, sl_charset_info *info,
                            sl_error *err) {
    (void)content_type; (void)is_html; (void)err;
    memset(info, 0, sizeof *info);
    strcpy(info->name, "utf-8");
    info->from = SL_CS_UTF8;
    *out = sl_arena_strndup(a, data, len);
    *out_len = len;
    return *out ? SL_OK : SL_ERR_NOMEM;
}

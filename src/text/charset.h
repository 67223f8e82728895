/* charset.h — turn raw bytes in any common charset into valid UTF-8. */
#ifndef SL_CHARSET_H
#define SL_CHARSET_H

#include "storyline.h"
#include "../util/arena.h"

/* How the charset was decided, strongest first. */
typedef enum sl_charset_from {
    SL_CS_BOM = 0,
    SL_CS_HTTP,     /* Content-Type header charset= */
    SL_CS_META,     /* <meta charset> / http-equiv in the first bytes */
    SL_CS_UTF8,     /* bytes are valid UTF-8 */
    SL_CS_DETECTED, /* statistical detection */
    SL_CS_FALLBACK  /* windows-1252 */
} sl_charset_from;

typedef struct sl_charset_info {
    char name[32];        /* canonical name actually used, e.g. "windows-1252" */
    sl_charset_from from;
    int lied;             /* the declared charset did not decode; another was used */
} sl_charset_info;

/* Decode data to UTF-8 into arena memory (*out NUL-terminated).
 * content_type may be NULL; is_html enables the <meta> prescan.
 * Binary junk (NULs, control bytes) gives SL_ERR_ENCODING. */
sl_status sl_charset_decode(const char *data, size_t len, const char *content_type, int is_html,
                            sl_arena *a, char **out, size_t *out_len, sl_charset_info *info,
                            sl_error *err);

#endif

/* fuzz_extract.c — libFuzzer target for sl_extract: one raw document.
 * The first byte picks the format hint (unknown, html, text, headertext) so
 * every extractor sees every input, not only what detection would send it. */
#include <stddef.h>
#include <stdint.h>

#include "storyline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const sl_format hints[4] = {SL_FORMAT_UNKNOWN, SL_FORMAT_HTML, SL_FORMAT_TEXT,
                                       SL_FORMAT_HEADERTEXT};
    if (size < 1)
        return 0;
    sl_extract_opts o = {.format = hints[data[0] & 3]};
    /* The second bit pair exercises the url / content-type paths too. */
    if (data[0] & 4)
        o.url = "https://example.org/2021/12/30/marrow-bay-ferry";
    if (data[0] & 8)
        o.content_type = "text/html; charset=windows-1252";
    sl_article *a = NULL;
    sl_error e = {0};
    sl_status st = sl_extract((const char *)data + 1, size - 1, &o, &a, &e);
    if (st == SL_OK && !a)
        __builtin_trap();
    if (st != SL_OK && (a || e.msg[0] == '\0'))
        __builtin_trap(); /* an error must come with a reason and no article */
    sl_article_free(a);
    return 0;
}

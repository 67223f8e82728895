/* fuzz_segment.c — libFuzzer target for sl_segment on arbitrary bytes as one
 * block of text; checks that spans stay inside the text and in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "segment/segment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    sl_block b = {.kind = SL_BLOCK_PARAGRAPH, .start = 0, .end = size};
    sl_arena a;
    sl_arena_init(&a, 0);
    sl_sentence *s;
    sl_token *t;
    size_t ns, nt;
    if (sl_segment(text, size, &b, 1, &a, &s, &ns, &t, &nt) == SL_OK) {
        for (size_t i = 0; i < nt; i++)
            if (t[i].start >= t[i].end || t[i].end > size || (i && t[i].start < t[i - 1].end))
                __builtin_trap();
        for (size_t i = 0; i < ns; i++)
            if (s[i].start > s[i].end || s[i].end > size || s[i].token_first > s[i].token_end ||
                s[i].token_end > nt)
                __builtin_trap();
    }
    sl_arena_free(&a);
    free(text);
    return 0;
}

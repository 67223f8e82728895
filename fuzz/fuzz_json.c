/* fuzz_json.c — libFuzzer target for the JSONL record parser. */
#include <stddef.h>
#include <stdint.h>

#include "read/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walk the tree the way jsonl.c does, so a broken link shows up here. */
static size_t walk(const sl_json *v) {
    size_t n = 0;
    const sl_json *cur = v;
    while (cur) {
        n++;
        if (cur->type == SL_JSON_STRING && cur->str && cur->str[cur->len] != '\0')
            __builtin_trap();
        if (cur->child) {
            cur = cur->child;
            continue;
        }
        while (cur && cur != v && !cur->next)
            cur = cur->parent;
        if (!cur || cur == v)
            break;
        cur = cur->next;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sl_arena a;
    sl_arena_init(&a, 64u << 20);
    sl_json_error e = {0};
    sl_json *root = sl_json_parse((const char *)data, size, 512, &a, &e);
    if (root) {
        walk(root);
        (void)sl_json_get(root, "text");
    } else if (e.msg[0] == '\0') {
        __builtin_trap(); /* a failure always says why */
    }
    sl_arena_free(&a);
    return 0;
}

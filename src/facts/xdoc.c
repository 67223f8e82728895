/* xdoc.c — cross-document entities (stub: exact name match). */
#include <stdlib.h>
#include <string.h>
#include "xdoc.h"

struct sl_xdoc {
    char **names;
    size_t n, cap;
};

sl_xdoc *sl_xdoc_new(void) { return calloc(1, sizeof(sl_xdoc)); }

void sl_xdoc_free(sl_xdoc *x) {
    if (!x)
        return;
    for (size_t i = 0; i < x->n; i++)
        free(x->names[i]);
    free(x->names);
    free(x);
}

int sl_xdoc_add(sl_xdoc *x, uint64_t doc, const char *name, sl_entity_type t,
                uint32_t *cluster) {
    (void)doc, (void)t;
    for (size_t i = 0; i < x->n; i++)
        if (!strcmp(x->names[i], name)) {
            *cluster = (uint32_t)i;
            return 0;
        }
    if (x->n == x->cap) {
        size_t cap = x->cap ? 2 * x->cap : 64;
        char **p = realloc(x->names, cap * sizeof *p);
        if (!p)
            return -1;
        x->names = p;
        x->cap = cap;
    }
    if (!(x->names[x->n] = strdup(name)))
        return -1;
    *cluster = (uint32_t)x->n++;
    return 0;
}

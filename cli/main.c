/* STUB CLI: extract only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "storyline.h"
int main(int argc, char **argv) {
    if (argc < 3 || strcmp(argv[1], "extract")) { fprintf(stderr, "usage: storyline extract FILE\n"); return 2; }
    FILE *f = fopen(argv[2], "rb");
    if (!f) { perror(argv[2]); return 1; }
    char *buf = NULL; size_t len = 0, cap = 0; size_t k;
    char tmp[65536];
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (len + k > cap) { cap = (len + k) * 2; buf = realloc(buf, cap); }
        memcpy(buf + len, tmp, k); len += k;
    }
    fclose(f);
    sl_extract_opts o = {0}; o.path = argv[2];
    sl_article *a; sl_error e;
    if (sl_extract(buf, len, &o, &a, &e)) { fprintf(stderr, "%s: %s\n", argv[2], e.msg); return 1; }
    sl_article_write_json(a, stdout, 0); putchar('\n');
    sl_article_free(a); free(buf);
    return 0;
}

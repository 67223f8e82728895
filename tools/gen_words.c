/* STUB: replaced by the glue module's generator. */
#include <stdio.h>
int main(int argc, char **argv) {
    if (argc < 3) return 2;
    FILE *o = fopen(argv[2], "w");
    if (!o) return 1;
    fprintf(o, "const char sl_words_blob[] = \"\";\n");
    return fclose(o) ? 1 : 0;
}

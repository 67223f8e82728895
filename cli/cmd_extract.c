/* cmd_extract.c — `storyline extract`: one input to JSON or clean text,
 * without touching the store. The same reader as ingest is used, so what
 * extract shows is exactly what ingest would store.
 */
#include <string.h>

#include "cli.h"

typedef struct extract_opts {
    int all, segments, text;
    const char *path;
} extract_opts;

static int parse(cli_ctx *ctx, int argc, char **argv, extract_opts *o) {
    cli_args a;
    cli_args_init(&a, argc, argv, "extract");
    int kind, help = 0;
    while ((kind = cli_args_next(&a)) != 0) {
        if (kind == 2) {
            if (o->path) {
                cli_error("extract: one input only ('%s' and '%s')", o->path, a.arg);
                return CLI_USAGE;
            }
            o->path = a.arg;
        } else if (cli_flag(&a, "--all")) {
            o->all = 1;
        } else if (cli_flag(&a, "--segments")) {
            o->segments = 1;
        } else if (cli_flag(&a, "--text")) {
            o->text = 1;
        } else {
            int m = cli_common_opt(&a, ctx, &help);
            if (m < 0)
                return CLI_USAGE;
            if (m == 0)
                return cli_unknown(&a);
        }
    }
    if (help) {
        cli_usage(stdout, "extract");
        return -1;
    }
    if (!o->path) {
        cli_error("extract: which file? (see storyline extract --help)");
        return CLI_USAGE;
    }
    return CLI_OK;
}

static int print_article(const sl_article *art, const extract_opts *o, int n_printed) {
    if (o->text) {
        if (n_printed)
            fputc('\n', stdout); /* a blank line between articles */
        fwrite(art->text, 1, art->text_len, stdout);
        fputc('\n', stdout);
        return 0;
    }
    if (sl_article_write_json(art, stdout, o->segments) != 0)
        return -1;
    fputc('\n', stdout);
    return 0;
}

int cli_cmd_extract(cli_ctx *ctx, int argc, char **argv) {
    extract_opts o = {0};
    int rc = parse(ctx, argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;

    int from_stdin = strcmp(o.path, "-") == 0;
    const char *name = from_stdin ? "<stdin>" : o.path;
    sl_reader *r = NULL;
    sl_error err = {0};
    sl_status st = from_stdin ? sl_reader_open_file(stdin, name, NULL, &r, &err)
                              : sl_reader_open(o.path, NULL, &r, &err);
    if (st != SL_OK) {
        cli_error("%s: %s", name, err.msg);
        return CLI_FAILED;
    }
    int printed = 0, failed = 0, stuck = 0;
    uint64_t pos = 0;
    for (;;) {
        sl_article *art = NULL;
        st = sl_reader_next(r, &art, &err);
        if (st == SL_END)
            break;
        if (st != SL_OK) {
            cli_error("%s: %s", name, err.msg);
            failed = 1;
            /* A reader that fails again and again without moving on would
             * spin forever; otherwise go on, as the first readable article
             * is still wanted. */
            uint64_t now = sl_reader_bytes_read(r);
            stuck = now == pos ? stuck + 1 : 0;
            pos = now;
            if (stuck >= CLI_MAX_STUCK_ERRORS)
                break;
            continue;
        }
        int w = print_article(art, &o, printed);
        sl_article_free(art);
        printed++;
        if (w != 0 || !o.all)
            break;
    }
    sl_reader_close(r);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("extract: cannot write the output");
        return CLI_FAILED;
    }
    if (!printed && !failed) {
        cli_error("%s: no article found", name);
        failed = 1;
    }
    return failed ? CLI_FAILED : CLI_OK;
}

/* cmd_summarize.c — `storyline summarize --jsonl`: clusters in, cited summaries out. */
#include "cli.h"

int cli_cmd_summarize(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx; (void)argc; (void)argv;
    return 0;
}

/* cmd_report.c — `storyline report`: the synthesis of stored stories. */
#include "cli.h"

int cli_cmd_report(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx; (void)argc; (void)argv;
    return 0;
}

/* cmd_serve.c — `storyline serve`: the HTTP server until SIGINT or SIGTERM. */
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

static int parse(cli_ctx *ctx, int argc, char **argv, sl_server_options *o) {
    cli_args a;
    cli_args_init(&a, argc, argv, "serve");
    int kind, help = 0, m;
    int64_t v;
    while ((kind = cli_args_next(&a)) != 0) {
        if (kind == 2) {
            cli_error("serve: unexpected argument '%s'", a.arg);
            return CLI_USAGE;
        } else if (cli_flag(&a, "--allow-ingest")) {
            o->allow_ingest = 1;
        } else if ((m = cli_opt(&a, "--host")) != 0) {
            if (m < 0)
                return CLI_USAGE;
            o->host = a.val;
        } else if ((m = cli_opt(&a, "--port")) != 0) {
            if (m < 0 || cli_parse_count("serve", "--port", a.val, &v))
                return CLI_USAGE;
            if (v > 65535) {
                cli_error("serve: --port %lld is not a TCP port", (long long)v);
                return CLI_USAGE;
            }
            o->port = (uint16_t)v;
        } else if ((m = cli_opt(&a, "--query-ms")) != 0) {
            if (m < 0 || cli_parse_count("serve", "--query-ms", a.val, &v))
                return CLI_USAGE;
            if (v < 1 || v > 3600000) {
                cli_error("serve: --query-ms is 1 to 3600000 milliseconds");
                return CLI_USAGE;
            }
            o->query_ms = (unsigned)v;
        } else if ((m = cli_opt(&a, "--idle-seconds")) != 0) {
            if (m < 0 || cli_parse_count("serve", "--idle-seconds", a.val, &v))
                return CLI_USAGE;
            if (v < 1 || v > 86400) {
                cli_error("serve: --idle-seconds is 1 to 86400 seconds");
                return CLI_USAGE;
            }
            o->idle_seconds = (unsigned)v;
        } else if ((m = cli_common_opt(&a, ctx, &help)) <= 0) {
            return m < 0 ? CLI_USAGE : cli_unknown(&a);
        }
    }
    if (help) {
        cli_usage(stdout, "serve");
        return -1;
    }
    return CLI_OK;
}

/* Many idle connections need as many descriptors: take the hard limit. */
static void raise_fd_limit(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

int cli_cmd_serve(cli_ctx *ctx, int argc, char **argv) {
    sl_server_options o;
    sl_server_options_default(&o);
    int rc = parse(ctx, argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    /* Create the store if needed (and migrate it) before serving it. */
    sl_store *s = cli_open_store(ctx, 1);
    if (!s)
        return CLI_STORE;
    sl_store_close(s);
    o.db = ctx->db;
    raise_fd_limit();

    /* Block the stop signals before the server's thread starts, so only
     * sigwait below receives them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    sl_server *srv = NULL;
    sl_error err = {0};
    if (sl_server_start(&o, &srv, &err) != SL_OK) {
        cli_error("%s", err.msg);
        return CLI_FAILED;
    }
    fprintf(stderr, "storyline: serving %s on http://%s:%u/ (Ctrl-C stops)\n", ctx->db,
            o.host, (unsigned)sl_server_port(srv));
    fflush(stderr);
    int sig = 0;
    sigwait(&stop, &sig);
    sl_server_stop(srv);
    fprintf(stderr, "storyline: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return CLI_OK;
}

/* cmd_ingest.c — `storyline ingest`: files, directories and stdin into the
 * store, in batches.
 *
 * A batch is one transaction: a killed run loses at most the open batch,
 * and since adds are idempotent a re-run stores exactly what is missing.
 * Failures of one input or item are reported and skipped; only a store
 * failure stops the run. At the end the new articles are clustered into
 * events and storylines, in their own transaction (--no-cluster skips it;
 * an interrupted run leaves it to the next one).
 */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* A slow stream (stdin) still commits now and then, so that other readers
 * of the database see its articles. */
#define BATCH_MAX_SECONDS 5.0

typedef struct input {
    char *path; /* NULL: stdin */
    uint64_t size;
} input;

typedef struct ingest {
    cli_ctx *ctx;
    sl_store *store;
    input *in;
    size_t n_in, cap_in;
    cli_counts c;
    sl_cluster_stats cs;
    cli_progress p;
    int64_t batch_size, in_batch;
    double batch_t0;
    int json, quiet, store_failed, no_cluster;
} ingest;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig) {
    (void)sig;
    interrupted = 1;
}

/* The first ^C stops after saving finished work; a second one kills. */
static void catch_signals(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* One error line; the library's message may already name the file. */
static void item_error(ingest *g, const char *path, const char *msg) {
    cli_progress_clear(&g->p);
    if (path && !strstr(msg, path))
        cli_error("%s: %s", path, msg);
    else
        cli_error("%s", msg);
    g->c.errors++;
}

static void walk_error(void *ud, const char *path, const char *msg) {
    item_error(ud, path, msg);
}

static int push_input(ingest *g, char *path, uint64_t size) {
    if (g->n_in == g->cap_in) {
        size_t cap = g->cap_in ? 2 * g->cap_in : 64;
        input *n = realloc(g->in, cap * sizeof *n);
        if (!n)
            return -1;
        g->in = n;
        g->cap_in = cap;
    }
    g->in[g->n_in++] = (input){path, size};
    return 0;
}

/* Paths are made absolute so provenance does not depend on where the
 * command was run from. */
static int add_path(ingest *g, const char *arg) {
    char abs[PATH_MAX];
    const char *path = realpath(arg, abs) ? abs : arg;
    char **paths = NULL;
    size_t n = 0;
    sl_error err = {0};
    if (sl_walk(path, &paths, &n, walk_error, g, &err) != SL_OK) {
        item_error(g, arg, err.msg);
        return 0;
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct stat sb;
        char *copy = strdup(paths[i]);
        rc = copy ? push_input(g, copy, stat(paths[i], &sb) == 0 ? (uint64_t)sb.st_size : 0)
                  : -1;
        if (rc)
            free(copy);
    }
    sl_paths_free(paths, n);
    return rc;
}

static int parse(ingest *g, int argc, char **argv) {
    cli_args a;
    cli_args_init(&a, argc, argv, "ingest");
    int kind, help = 0, n_paths = 0, has_stdin = 0;
    while ((kind = cli_args_next(&a)) != 0) {
        int m;
        if (kind == 2) {
            n_paths++;
            if (strcmp(a.arg, "-") == 0) {
                if (!has_stdin && push_input(g, NULL, 0))
                    return CLI_STORE;
                has_stdin = 1;
            } else if (add_path(g, a.arg)) {
                cli_error("ingest: out of memory listing inputs");
                return CLI_STORE;
            }
        } else if (cli_flag(&a, "--json")) {
            g->json = 1;
        } else if (cli_flag(&a, "--no-cluster")) {
            g->no_cluster = 1;
        } else if (cli_flag(&a, "--quiet") || cli_flag(&a, "-q")) {
            g->quiet = 1;
        } else if ((m = cli_opt(&a, "--batch")) != 0) {
            if (m < 0 || cli_parse_count("ingest", "--batch", a.val, &g->batch_size))
                return CLI_USAGE;
            if (g->batch_size == 0)
                g->batch_size = 1;
        } else if ((m = cli_common_opt(&a, g->ctx, &help)) <= 0) {
            return m < 0 ? CLI_USAGE : cli_unknown(&a);
        }
    }
    if (help) {
        cli_usage(stdout, "ingest");
        return -1;
    }
    if (!n_paths) {
        cli_error("ingest: what should be read? give files, directories or - for stdin");
        return CLI_USAGE;
    }
    return CLI_OK;
}

static int store_error(ingest *g, const sl_error *err) {
    cli_progress_clear(&g->p);
    cli_error("%s", err->msg);
    g->store_failed = 1;
    return -1;
}

static int commit_batch(ingest *g, int reopen) {
    sl_error err = {0};
    if (sl_store_commit(g->store, &err) != SL_OK)
        return store_error(g, &err);
    g->in_batch = 0;
    g->batch_t0 = cli_now();
    if (reopen && sl_store_begin(g->store, &err) != SL_OK)
        return store_error(g, &err);
    return 0;
}

/* Stored, but the input was not clean (a truncated WARC record, nesting
 * flattened past the depth limit): the user hears of it, the run is not
 * failed for it. */
static void item_warning(ingest *g, const sl_article *art, const char *name) {
    cli_progress_clear(&g->p);
    const char *where = art->prov.path ? art->prov.path : name;
    if (art->prov.record_id)
        cli_error("%s: record %s: warning: %s", where, art->prov.record_id, art->warning);
    else
        cli_error("%s: warning: %s", where, art->warning);
    g->c.warnings++;
}

static int add_article(ingest *g, const sl_article *art, const char *name) {
    int64_t id;
    int is_new;
    sl_error err = {0};
    if (sl_store_add(g->store, art, &id, &is_new, &err) != SL_OK)
        return store_error(g, &err);
    if (art->warning[0])
        item_warning(g, art, name);
    g->c.articles++;
    if (is_new)
        g->c.added++;
    else
        g->c.duplicates++;
    if (++g->in_batch >= g->batch_size || cli_now() - g->batch_t0 >= BATCH_MAX_SECONDS)
        return commit_batch(g, 1);
    return 0;
}

/* Every item of one input; -1 only when the store failed. */
static int ingest_input(ingest *g, const input *in) {
    const char *name = in->path ? in->path : "<stdin>";
    sl_reader *r = NULL;
    sl_error err = {0};
    sl_status st = in->path ? sl_reader_open(in->path, NULL, &r, &err)
                            : sl_reader_open_file(stdin, name, NULL, &r, &err);
    if (st != SL_OK) {
        item_error(g, name, err.msg);
        return 0;
    }
    g->c.files++;
    int rc = 0, stuck = 0;
    uint64_t pos = 0;
    while (rc == 0 && !interrupted) {
        sl_article *art = NULL;
        st = sl_reader_next(r, &art, &err);
        if (st == SL_END)
            break;
        if (st == SL_OK) {
            rc = add_article(g, art, name);
            sl_article_free(art);
            stuck = 0;
        } else {
            item_error(g, name, err.msg);
            uint64_t now = sl_reader_bytes_read(r);
            stuck = now == pos ? stuck + 1 : 0;
            pos = now;
            if (stuck >= CLI_MAX_STUCK_ERRORS)
                break;
        }
        cli_counts shown = g->c;
        shown.bytes += sl_reader_bytes_read(r);
        cli_progress_update(&g->p, &shown, 0);
    }
    g->c.bytes += sl_reader_bytes_read(r);
    g->c.skipped += sl_reader_skipped(r);
    sl_reader_close(r);
    return rc;
}

static void summary(ingest *g, double seconds) {
    const cli_counts *c = &g->c;
    if (g->json || !isatty(STDERR_FILENO)) {
        printf("{\"files\":%zu,\"articles\":%llu,\"new\":%llu,\"duplicates\":%llu,"
               "\"errors\":%llu,\"warnings\":%llu,\"skipped\":%llu,\"bytes\":%llu,"
               "\"events\":%lld,\"storylines\":%lld,\"copies\":%lld,\"seconds\":%.3f}\n",
               c->files, (unsigned long long)c->articles, (unsigned long long)c->added,
               (unsigned long long)c->duplicates, (unsigned long long)c->errors,
               (unsigned long long)c->warnings,
               (unsigned long long)c->skipped,
               (unsigned long long)c->bytes, (long long)g->cs.events,
               (long long)g->cs.storylines, (long long)g->cs.copies, seconds);
        fflush(stdout);
        return;
    }
    fprintf(stderr,
            "%zu file%s, %llu articles: %llu new, %llu duplicates, %llu errors, "
            "%llu warnings; %.1f MB in %.1f s\n",
            c->files, c->files == 1 ? "" : "s", (unsigned long long)c->articles,
            (unsigned long long)c->added, (unsigned long long)c->duplicates,
            (unsigned long long)c->errors, (unsigned long long)c->warnings,
            (double)c->bytes / 1e6, seconds);
    if (g->cs.articles)
        fprintf(stderr, "stories: %lld new events, %lld new storylines, %lld copies\n",
                (long long)g->cs.events, (long long)g->cs.storylines, (long long)g->cs.copies);
}

/* Cluster what this run (or an earlier, interrupted one) stored. */
static void cluster(ingest *g) {
    if (g->no_cluster || g->store_failed || interrupted)
        return;
    sl_error err = {0};
    if (sl_store_cluster(g->store, 0, &g->cs, &err) != SL_OK)
        store_error(g, &err);
}

static void compact(ingest *g) {
    sl_error err = {0};
    if (!g->store_failed && !interrupted &&
        sl_store_compact_index(g->store, (int64_t)g->c.added, &err) != SL_OK)
        store_error(g, &err);
}

static int run(ingest *g) {
    uint64_t total = 0;
    for (size_t i = 0; i < g->n_in; i++)
        total += g->in[i].size;
    int has_stdin = 0;
    for (size_t i = 0; i < g->n_in; i++)
        has_stdin |= g->in[i].path == NULL;
    double t0 = cli_now();
    cli_progress_start(&g->p, !g->quiet && isatty(STDERR_FILENO), has_stdin ? 0 : total,
                       g->n_in);
    catch_signals();
    sl_error err = {0};
    if (sl_store_begin(g->store, &err) != SL_OK)
        return store_error(g, &err);
    g->batch_t0 = cli_now();
    int rc = 0;
    for (size_t i = 0; i < g->n_in && rc == 0 && !interrupted; i++) {
        rc = ingest_input(g, &g->in[i]);
        g->c.files_done = i + 1;
        cli_progress_update(&g->p, &g->c, 0);
    }
    /* Even after a store error, what was added before it is worth keeping. */
    if (commit_batch(g, 0) == 0 && rc == 0)
        cli_progress_update(&g->p, &g->c, 1);
    cli_progress_clear(&g->p);
    cluster(g);
    compact(g);
    summary(g, cli_now() - t0);
    return 0;
}

int cli_cmd_ingest(cli_ctx *ctx, int argc, char **argv) {
    ingest g;
    memset(&g, 0, sizeof g);
    g.ctx = ctx;
    g.batch_size = 500;
    int rc = parse(&g, argc, argv);
    if (rc == CLI_OK) {
        g.store = cli_open_store(ctx, 0);
        if (!g.store)
            rc = CLI_STORE;
    }
    if (rc == CLI_OK) {
        run(&g);
        rc = g.store_failed ? CLI_STORE
             : interrupted  ? CLI_INTERRUPTED
             : g.c.errors   ? CLI_FAILED
                            : CLI_OK;
    }
    sl_store_close(g.store);
    for (size_t i = 0; i < g.n_in; i++)
        free(g.in[i].path);
    free(g.in);
    return rc < 0 ? CLI_OK : rc;
}

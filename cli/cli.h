/* cli.h — what the storyline command's files share: exit codes, option
 * parsing, error lines, JSON strings, the progress line.
 *
 * The CLI is a client of the public header only (include/storyline.h).
 */
#ifndef SL_CLI_H
#define SL_CLI_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "storyline.h"

/* Exit codes, documented in docs/CLI.md and `storyline --help`. */
enum {
    CLI_OK = 0,          /* everything worked */
    CLI_FAILED = 1,      /* some input or item failed; the rest was done */
    CLI_USAGE = 2,       /* bad command line or search query */
    CLI_STORE = 3,       /* the database could not be opened, read or written */
    CLI_INTERRUPTED = 130 /* stopped by a signal after saving the finished work */
};

/* Errors in a row from a reader that does not advance: give up the input. */
enum { CLI_MAX_STUCK_ERRORS = 100 };

/* Settings shared by every command. */
typedef struct cli_ctx {
    const char *db; /* --db, else $STORYLINE_DB, else ./storyline.db */
} cli_ctx;

/* Walks a command's arguments: options (--name, --name=value, --name value)
 * and positionals; "--" ends the options, "-" is a positional. */
typedef struct cli_args {
    int argc;
    char **argv;
    int i;
    int opts_done;
    const char *arg; /* the current argument */
    const char *val; /* the value of the option just matched */
    const char *cmd; /* for messages */
} cli_args;

void cli_args_init(cli_args *a, int argc, char **argv, const char *cmd);
/* Next argument: 1 an option (in a->arg), 2 a positional, 0 at the end. */
int cli_args_next(cli_args *a);
/* 1 when the current option is name (a flag without value). */
int cli_flag(const cli_args *a, const char *name);
/* 1 when the current option is name and has a value (a->val); a missing
 * value is a usage error: -1 after printing it. */
int cli_opt(cli_args *a, const char *name);
/* Options every command accepts (--db, --help); 1 handled, 0 not mine,
 * -1 usage error. *help is set for --help. */
int cli_common_opt(cli_args *a, cli_ctx *ctx, int *help);
/* Print "storyline CMD: unknown option X" and return CLI_USAGE. */
int cli_unknown(const cli_args *a);
/* Parse a non-negative integer option value; -1 (after an error line) if bad. */
int cli_parse_count(const char *cmd, const char *opt, const char *s, int64_t *out);

/* "storyline: ..." on stderr, one line. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the usage text of cmd on f. */
void cli_usage(FILE *f, const char *cmd);

/* Open the database; read_only commands refuse a missing file rather than
 * create an empty one. Prints the error; NULL on failure (exit CLI_STORE). */
sl_store *cli_open_store(const cli_ctx *ctx, int must_exist);

/* Write s as a JSON string literal, escaped. */
void cli_json_str(FILE *f, const char *s);
/* Write ,"key":"value" (or null). */
void cli_json_field(FILE *f, const char *key, const char *val);

/* One line of in into *buf (grown as needed), at most max bytes kept: a
 * longer line is read to its end and dropped (*too_long), so a giant line
 * costs no more memory than the limit. The kept length, -1 at the end. */
ssize_t cli_read_line(FILE *in, char **buf, size_t *cap, size_t max, int *too_long);

/* Commands: each returns an exit code. */
int cli_cmd_ingest(cli_ctx *ctx, int argc, char **argv);
int cli_cmd_extract(cli_ctx *ctx, int argc, char **argv);
int cli_cmd_articles(cli_ctx *ctx, int argc, char **argv);
int cli_cmd_show(cli_ctx *ctx, int argc, char **argv);
int cli_cmd_search(cli_ctx *ctx, int argc, char **argv);
int cli_cmd_stats(cli_ctx *ctx, int argc, char **argv);
/* `storyline cluster --jsonl`: the clusterer as a stdin-to-stdout filter. */
int sl_cmd_cluster_jsonl(int argc, char **argv);
int cli_cmd_stories(cli_ctx *ctx, int argc, char **argv);
int cli_cmd_story(cli_ctx *ctx, int argc, char **argv);
int cli_cmd_cluster(cli_ctx *ctx, int argc, char **argv);
int cli_cmd_annotate(cli_ctx *ctx, int argc, char **argv);
int cli_cmd_report(cli_ctx *ctx, int argc, char **argv);
int cli_cmd_summarize(cli_ctx *ctx, int argc, char **argv);
int cli_cmd_serve(cli_ctx *ctx, int argc, char **argv);

/* An article's facts, readable (annotate, show --facts). */
void cli_print_facts(const sl_article *a, const sl_facts *f);

/* The progress line of ingest, redrawn at most 10 times a second on a
 * terminal. total_bytes 0 means unknown (stdin): no bar, no ETA. */
typedef struct cli_progress {
    int on;
    double t0, last;
    uint64_t total_bytes;
    size_t n_files;
    int drawn;
} cli_progress;

typedef struct cli_counts {
    size_t files, files_done;
    uint64_t articles, added, duplicates, errors, warnings, skipped;
    uint64_t bytes;
} cli_counts;

double cli_now(void);
void cli_progress_start(cli_progress *p, int on, uint64_t total_bytes, size_t n_files);
/* force: draw now whatever the rate limit. */
void cli_progress_update(cli_progress *p, const cli_counts *c, int force);
/* Erase the line, so error lines and the summary start clean. */
void cli_progress_clear(cli_progress *p);
/* For other progress lines: 1 when a redraw is due (at most 10 times a
 * second, always with force), with the seconds since the start; and the
 * "[####......]  40% ETA 1:05 " head for a fraction done. */
int cli_progress_due(cli_progress *p, int force, double *elapsed);
void cli_progress_bar(char *out, size_t cap, double frac, double elapsed);

#endif

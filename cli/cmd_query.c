/* cmd_query.c — the read-only commands: articles, show, search, stats.
 *
 * Tables are for people, --json (one object per line) is for programs.
 * None of these commands creates a database: a missing file is an error.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct query_opts {
    int64_t limit, offset, id;
    int json, facts;
    const char *query;
} query_opts;

/* Options and at most one positional (ID or QUERY), per command. -1 help. */
static int parse(cli_ctx *ctx, const char *cmd, int argc, char **argv, query_opts *o,
                 int want_positional) {
    cli_args a;
    cli_args_init(&a, argc, argv, cmd);
    int kind, help = 0, m;
    while ((kind = cli_args_next(&a)) != 0) {
        if (kind == 2) {
            if (!want_positional || o->query) {
                cli_error("%s: unexpected argument '%s' (quote a multi-word query)", cmd, a.arg);
                return CLI_USAGE;
            }
            o->query = a.arg;
        } else if (cli_flag(&a, "--json")) {
            o->json = 1;
        } else if (!strcmp(cmd, "show") && cli_flag(&a, "--facts")) {
            o->facts = 1;
        } else if ((m = cli_opt(&a, "--limit")) != 0) {
            if (m < 0 || cli_parse_count(cmd, "--limit", a.val, &o->limit))
                return CLI_USAGE;
        } else if ((m = cli_opt(&a, "--offset")) != 0) {
            if (m < 0 || cli_parse_count(cmd, "--offset", a.val, &o->offset))
                return CLI_USAGE;
        } else if ((m = cli_common_opt(&a, ctx, &help)) <= 0) {
            return m < 0 ? CLI_USAGE : cli_unknown(&a);
        }
    }
    if (help) {
        cli_usage(stdout, cmd);
        return -1;
    }
    if (want_positional && !o->query) {
        cli_error("%s: missing %s (see storyline %s --help)", cmd,
                  strcmp(cmd, "show") == 0 ? "ID" : "QUERY", cmd);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* Bytes of s that hold at most width characters (UTF-8 aware). */
static int fit(const char *s, int width) {
    int i = 0, chars = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == width)
            break;
    }
    return i;
}

static void print_cell(const char *s, int width) {
    if (!s || !*s)
        s = "-";
    int n = fit(s, width);
    int shown = 0;
    for (int i = 0; i < n; i++)
        shown += ((unsigned char)s[i] & 0xC0) != 0x80;
    printf("%.*s%*s", n, s, width - shown, "");
}

static void print_date(const char *published) {
    char d[11] = "-";
    if (published && *published)
        snprintf(d, sizeof d, "%s", published);
    printf("%-10s", d);
}

/* ------------------------------------------------------------ articles */

static int row_json(void *ud, const sl_article_row *r) {
    (void)ud;
    printf("{\"id\":%lld", (long long)r->id);
    cli_json_field(stdout, "title", r->title);
    cli_json_field(stdout, "published", r->published);
    cli_json_field(stdout, "published_from", r->published_from);
    cli_json_field(stdout, "outlet", r->outlet);
    cli_json_field(stdout, "url", r->url);
    cli_json_field(stdout, "authors", r->authors);
    cli_json_field(stdout, "language", r->language);
    cli_json_field(stdout, "format", r->format);
    printf(",\"sources\":%lld}\n", (long long)r->n_sources);
    return ferror(stdout) != 0;
}

/* One listing line: id, date, outlet, title (articles and search hits). */
static void print_head(int64_t id, const char *published, const char *outlet,
                       const char *title) {
    printf("%6lld  ", (long long)id);
    print_date(published);
    printf("  ");
    print_cell(outlet, 20);
    printf("  %s\n", *title ? title : "(untitled)");
}

static int row_table(void *ud, const sl_article_row *r) {
    (void)ud;
    print_head(r->id, r->published, r->outlet, r->title);
    return ferror(stdout) != 0;
}

static int finish_output(const char *cmd) {
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("%s: cannot write the output", cmd);
        return CLI_FAILED;
    }
    return CLI_OK;
}

int cli_cmd_articles(cli_ctx *ctx, int argc, char **argv) {
    query_opts o = {.limit = 50};
    int rc = parse(ctx, "articles", argc, argv, &o, 0);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    sl_store *s = cli_open_store(ctx, 1);
    if (!s)
        return CLI_STORE;
    if (!o.json)
        printf("%6s  %-10s  %-20s  %s\n", "ID", "PUBLISHED", "OUTLET", "TITLE");
    sl_error err = {0};
    sl_status st = sl_store_list(s, o.limit, o.offset, o.json ? row_json : row_table, NULL, &err);
    sl_store_close(s);
    if (st != SL_OK) {
        cli_error("%s", err.msg);
        return CLI_STORE;
    }
    return finish_output("articles");
}

/* ------------------------------------------------------------ show */

static int keep_sources(void *ud, const sl_article_row *r) {
    *(int64_t *)ud = r->n_sources;
    return 0;
}

static void print_field(const char *label, const char *v) {
    if (v && *v)
        printf("%-11s%s\n", label, v);
}

static void print_text(const sl_article *a) {
    if (a->n_blocks == 0) {
        printf("%.*s\n", (int)a->text_len, a->text);
        return;
    }
    for (size_t i = 0; i < a->n_blocks; i++) {
        const sl_block *b = &a->blocks[i];
        if (i)
            putchar('\n');
        /* A turn's paragraphs share its speaker: label the first only. */
        const sl_block *prev = i ? &a->blocks[i - 1] : NULL;
        int same = prev && prev->kind == SL_BLOCK_TURN && prev->speaker && b->speaker &&
                   strcmp(prev->speaker, b->speaker) == 0;
        if (b->kind == SL_BLOCK_TURN && b->speaker && !same)
            printf("%s: ", b->speaker);
        else if (b->kind == SL_BLOCK_LIST_ITEM)
            printf("- ");
        else if (b->kind == SL_BLOCK_QUOTE)
            printf("> ");
        printf("%.*s\n", (int)(b->end - b->start), a->text + b->start);
    }
}

static int print_source(void *ud, const sl_provenance *p) {
    int *k = ud;
    printf("%-11s%s (offset %llu, %llu bytes)%s%s\n", (*k)++ ? "" : "Sources:",
           p->path ? p->path : "-", (unsigned long long)p->offset, (unsigned long long)p->length,
           p->record_id ? " " : "", p->record_id ? p->record_id : "");
    return 0;
}

static void show_readable(sl_store *s, const sl_article *a, int64_t id) {
    printf("%s\n", *a->title ? a->title : "(untitled)");
    char when[96];
    if (a->published[0])
        snprintf(when, sizeof when, "%s (from %s)", a->published,
                 sl_date_source_name(a->published_from) ? sl_date_source_name(a->published_from)
                                                        : "?");
    else
        snprintf(when, sizeof when, "unknown");
    print_field("Published:", when);
    print_field("Outlet:", a->outlet);
    print_field("URL:", a->url);
    print_field("Authors:", a->authors);
    print_field("Language:", a->language);
    print_field("Format:", sl_format_name(a->format));
    int k = 0;
    sl_error err;
    sl_store_sources(s, id, print_source, &k, &err);
    print_field("Warning:", a->warning);
    char hex[33];
    sl_article_hash_hex(a, hex);
    printf("%-11s%lld (content %s)\n\n", "Id:", (long long)id, hex);
    print_text(a);
}

/* The article's own JSON with the store id and source count in front. */
static int show_json(const sl_article *a, int64_t id, int64_t n_sources) {
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return -1;
    int rc = sl_article_write_json(a, m, 0);
    fclose(m);
    if (rc == 0 && len > 1 && buf[0] == '{')
        printf("{\"article_id\":%lld,\"sources\":%lld,%s\n", (long long)id, (long long)n_sources,
               buf + 1);
    else
        rc = -1;
    free(buf);
    return rc;
}

static int parse_id(const char *s, int64_t *id) {
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0) {
        cli_error("show: ID is a number as listed by 'storyline articles', not '%s'", s);
        return -1;
    }
    *id = v;
    return 0;
}

/* The stored facts, readable or as the JSON of `annotate --json`. */
static int show_facts(sl_store *s, const sl_article *a, int64_t id, int json, sl_error *err) {
    sl_facts *f = NULL;
    sl_status st = sl_store_facts(s, id, &f, err);
    if (st != SL_OK) {
        cli_error("%s", err->msg);
        return st == SL_END ? CLI_FAILED : CLI_STORE;
    }
    if (json) {
        printf("{\"id\":%lld,\"facts\":", (long long)id);
        sl_facts_write_json(f, a, stdout);
        puts("}");
    } else {
        print_head(id, a->published, a->outlet, a->title);
        cli_print_facts(a, f);
    }
    sl_facts_free(f);
    return CLI_OK;
}

int cli_cmd_show(cli_ctx *ctx, int argc, char **argv) {
    query_opts o = {0};
    int rc = parse(ctx, "show", argc, argv, &o, 1);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (parse_id(o.query, &o.id))
        return CLI_USAGE;
    sl_store *s = cli_open_store(ctx, 1);
    if (!s)
        return CLI_STORE;
    sl_error err = {0};
    int64_t n_sources = 0;
    sl_article *a = NULL;
    sl_status st = sl_store_get(s, o.id, keep_sources, &n_sources, &err);
    if (st == SL_OK)
        st = sl_store_load(s, o.id, &a, &err);
    if (st != SL_OK) {
        sl_store_close(s);
        cli_error("%s", err.msg);
        return st == SL_END ? CLI_FAILED : CLI_STORE;
    }
    if (o.facts)
        rc = show_facts(s, a, o.id, o.json, &err);
    else if (o.json)
        rc = show_json(a, o.id, n_sources) ? CLI_FAILED : CLI_OK;
    else
        show_readable(s, a, o.id);
    sl_store_close(s);
    sl_article_free(a);
    return rc == CLI_OK ? finish_output("show") : rc;
}

/* ------------------------------------------------------------ search */

static int hit_json(void *ud, const sl_search_hit *h) {
    (void)ud;
    printf("{\"id\":%lld,\"rank\":%.4f", (long long)h->id, h->rank);
    cli_json_field(stdout, "title", h->title);
    cli_json_field(stdout, "published", h->published);
    cli_json_field(stdout, "outlet", h->outlet);
    cli_json_field(stdout, "snippet", h->snippet);
    printf("}\n");
    return ferror(stdout) != 0;
}

static int hit_table(void *ud, const sl_search_hit *h) {
    (void)ud;
    print_head(h->id, h->published, h->outlet, h->title);
    printf("        ");
    /* Snippets may span blocks: keep each hit on two lines. */
    for (const char *p = h->snippet; *p; p++)
        putchar(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
    putchar('\n');
    return ferror(stdout) != 0;
}

int cli_cmd_search(cli_ctx *ctx, int argc, char **argv) {
    query_opts o = {.limit = 20};
    int rc = parse(ctx, "search", argc, argv, &o, 1);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    sl_store *s = cli_open_store(ctx, 1);
    if (!s)
        return CLI_STORE;
    sl_error err = {0};
    sl_status st = sl_store_search(s, o.query, o.limit, o.json ? hit_json : hit_table, NULL, &err);
    sl_store_close(s);
    if (st != SL_OK) {
        cli_error("search: %s", err.msg);
        return st == SL_ERR_ARG ? CLI_USAGE : CLI_STORE;
    }
    return finish_output("search");
}

/* ------------------------------------------------------------ stats */

int cli_cmd_stats(cli_ctx *ctx, int argc, char **argv) {
    query_opts o = {0};
    int rc = parse(ctx, "stats", argc, argv, &o, 0);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    sl_store *s = cli_open_store(ctx, 1);
    if (!s)
        return CLI_STORE;
    sl_error err = {0};
    int64_t na = 0, ns = 0;
    sl_status st = sl_store_count(s, &na, &ns, &err);
    sl_store_close(s);
    if (st != SL_OK) {
        cli_error("%s", err.msg);
        return CLI_STORE;
    }
    if (o.json) {
        printf("{\"articles\":%lld,\"sources\":%lld", (long long)na, (long long)ns);
        cli_json_field(stdout, "database", ctx->db);
        printf("}\n");
    } else {
        printf("database  %s\narticles  %lld\nsources   %lld\n", ctx->db, (long long)na,
               (long long)ns);
    }
    return finish_output("stats");
}

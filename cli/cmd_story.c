/* cmd_story.c — the story commands: stories (storylines newest first),
 * story (one storyline or event, copies folded), cluster (cluster what is
 * new, or everything again with --rebuild).
 *
 * Storylines are named S<n>, events E<n>, articles by their bare id, so an
 * id on screen says what it is and can be pasted into `story` or `show`.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct story_opts {
    int64_t limit;
    int json, all, rebuild;
    const char *id;
} story_opts;

/* Options of the three commands; a flag another command has is refused
 * as unknown. -1 after --help. */
static int parse(cli_ctx *ctx, const char *cmd, int argc, char **argv, story_opts *o) {
    int is_story = strcmp(cmd, "story") == 0, is_stories = strcmp(cmd, "stories") == 0;
    int is_cluster = strcmp(cmd, "cluster") == 0;
    cli_args a;
    cli_args_init(&a, argc, argv, cmd);
    int kind, help = 0, m;
    while ((kind = cli_args_next(&a)) != 0) {
        if (kind == 2) {
            if (!is_story || o->id) {
                cli_error("%s: unexpected argument '%s'", cmd, a.arg);
                return CLI_USAGE;
            }
            o->id = a.arg;
        } else if (cli_flag(&a, "--json")) {
            o->json = 1;
        } else if (is_story && cli_flag(&a, "--all")) {
            o->all = 1;
        } else if (is_cluster && cli_flag(&a, "--rebuild")) {
            o->rebuild = 1;
        } else if (is_stories && (m = cli_opt(&a, "--limit")) != 0) {
            if (m < 0 || cli_parse_count(cmd, "--limit", a.val, &o->limit))
                return CLI_USAGE;
        } else if ((m = cli_common_opt(&a, ctx, &help)) <= 0) {
            return m < 0 ? CLI_USAGE : cli_unknown(&a);
        }
    }
    if (help) {
        cli_usage(stdout, cmd);
        return -1;
    }
    if (is_story && !o->id) {
        cli_error("story: missing ID: S12 (a storyline), E34 (an event) or 12 (a storyline)");
        return CLI_USAGE;
    }
    return CLI_OK;
}

static int finish_output(const char *cmd) {
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("%s: cannot write the output", cmd);
        return CLI_FAILED;
    }
    return CLI_OK;
}

static const char *day_or(const char *day, const char *none) {
    return day && *day ? day : none;
}

static void json_int(const char *key, int64_t v) {
    printf(",\"%s\":%lld", key, (long long)v);
}

/* ------------------------------------------------------------ stories */

static int storyline_json(void *ud, const sl_storyline_row *r) {
    (void)ud;
    printf("{\"id\":\"S%lld\"", (long long)r->id);
    json_int("storyline", r->id);
    cli_json_field(stdout, "title", r->title);
    cli_json_field(stdout, "first_day", r->first_day);
    cli_json_field(stdout, "last_day", r->last_day);
    json_int("events", r->n_events);
    json_int("articles", r->n_articles);
    json_int("copies", r->n_copies);
    json_int("outlets", r->n_outlets);
    printf("}\n");
    return ferror(stdout) != 0;
}

static int storyline_table(void *ud, const sl_storyline_row *r) {
    (void)ud;
    char id[24];
    snprintf(id, sizeof id, "S%lld", (long long)r->id);
    printf("%-6s  %-10s  %-10s  %6lld  %8lld  %6lld  %7lld  %s\n", id,
           day_or(r->first_day, "undated"), day_or(r->last_day, "undated"),
           (long long)r->n_events, (long long)r->n_articles, (long long)r->n_copies,
           (long long)r->n_outlets, *r->title ? r->title : "(untitled)");
    return ferror(stdout) != 0;
}

int cli_cmd_stories(cli_ctx *ctx, int argc, char **argv) {
    story_opts o = {.limit = 50};
    int rc = parse(ctx, "stories", argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    sl_store *s = cli_open_store(ctx, 1);
    if (!s)
        return CLI_STORE;
    if (!o.json)
        printf("%-6s  %-10s  %-10s  %6s  %8s  %6s  %7s  %s\n", "ID", "FIRST", "LAST", "EVENTS",
               "ARTICLES", "COPIES", "OUTLETS", "TITLE");
    sl_error err = {0};
    sl_status st = sl_store_stories(s, o.limit, 0, o.json ? storyline_json : storyline_table,
                                    NULL, &err);
    sl_store_close(s);
    if (st != SL_OK) {
        cli_error("%s", err.msg);
        return CLI_STORE;
    }
    return finish_output("stories");
}

/* ------------------------------------------------------------ story, text */

typedef struct story_view {
    int all;
    int json;
    /* JSON nesting: which arrays are open, and whether they hold items. */
    int top_open, event_open, article_open;
    int n_events, n_articles, n_copies;
} story_view;

static void plural(int64_t n, const char *one, const char *many) {
    printf("%lld %s", (long long)n, n == 1 ? one : many);
}

static void print_span(const sl_story_row *r) {
    const char *a = day_or(r->first_day, "undated"), *b = day_or(r->last_day, "undated");
    if (strcmp(a, b) == 0)
        printf("%s", a);
    else
        printf("%s .. %s", a, b);
}

static void text_storyline(const sl_story_row *r) {
    printf("S%lld  %s\n    ", (long long)r->id, *r->title ? r->title : "(untitled)");
    print_span(r);
    printf(", ");
    plural(r->n_events, "event", "events");
    printf(", ");
    plural(r->n_articles, "article", "articles");
    printf(", ");
    plural(r->n_copies, "copy", "copies");
    printf(", ");
    plural(r->n_outlets, "outlet", "outlets");
    printf("\n");
}

static void text_event(const sl_story_row *r) {
    printf("\nE%lld  ", (long long)r->id);
    print_span(r);
    printf("  %s (", *r->title ? r->title : "(untitled)");
    plural(r->n_articles, "article", "articles");
    if (r->n_copies) {
        printf(", ");
        plural(r->n_copies, "copy", "copies");
    }
    printf(")\n");
    if (r->link_terms && *r->link_terms)
        printf("      linked by: %s\n", r->link_terms);
    if (r->link_entities && *r->link_entities)
        printf("      shares: %s\n", r->link_entities);
}

/* id, date, outlet, title; a copy indented under its article. */
static void text_member(const story_view *v, const sl_story_row *r) {
    int copy = r->kind == SL_STORY_COPY;
    printf(copy ? "    = %4lld  %-10.10s  %-24.24s  %s" : "    %6lld  %-10.10s  %-24.24s  %s",
           (long long)r->id,
           r->undated ? "undated" : day_or(r->published, "undated"), day_or(r->outlet, "-"),
           *r->title ? r->title : "(untitled)");
    if (copy)
        printf("  [%s %.2f]", sl_dup_kind_name(r->dup_kind), r->dup_similarity);
    else if (r->n_folded && !v->all)
        printf("  +%lld %s", (long long)r->n_folded, r->n_folded == 1 ? "copy" : "copies");
    printf("\n");
}

/* ------------------------------------------------------------ story, JSON
 *
 * One object: the storyline with "events", each event with "articles",
 * each article with its "copies"; counts are n_* so as not to clash. */

/* Close the open copies array and article, then the event's. */
static void json_close_article(story_view *v) {
    if (v->article_open)
        printf("]}");
    v->article_open = 0;
}

static void json_close_event(story_view *v) {
    json_close_article(v);
    if (v->event_open)
        printf("]}");
    v->event_open = 0;
}

static void json_summary(const sl_story_row *r) {
    cli_json_field(stdout, "title", r->title);
    cli_json_field(stdout, "first_day", r->first_day);
    cli_json_field(stdout, "last_day", r->last_day);
    json_int("n_articles", r->n_articles);
    json_int("n_copies", r->n_copies);
    json_int("n_outlets", r->n_outlets);
}

static void json_storyline(story_view *v, const sl_story_row *r) {
    printf("{\"id\":\"S%lld\",\"kind\":\"storyline\"", (long long)r->id);
    json_int("storyline", r->id);
    json_summary(r);
    json_int("n_events", r->n_events);
    printf(",\"events\":[");
    v->top_open = 1;
}

/* "A; B" as a JSON array of names; [] when none. */
static void json_names(const char *key, const char *names) {
    printf(",\"%s\":[", key);
    for (const char *p = names; p && *p;) {
        const char *end = strstr(p, "; ");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), p);
        if (p != names)
            putchar(',');
        cli_json_str(stdout, name);
        p = end ? end + 2 : p + n;
    }
    putchar(']');
}

static void json_event(story_view *v, const sl_story_row *r) {
    json_close_event(v);
    printf("%s{\"id\":\"E%lld\",\"kind\":\"event\"", v->n_events++ ? "," : "", (long long)r->id);
    json_int("event", r->id);
    printf(",\"storyline\":\"S%lld\"", (long long)r->storyline);
    json_summary(r);
    cli_json_field(stdout, "link_terms", r->link_terms);
    json_names("link_entities", r->link_entities);
    printf(",\"articles\":[");
    v->event_open = 1;
    v->n_articles = 0;
}

static void json_member(story_view *v, const sl_story_row *r) {
    int copy = r->kind == SL_STORY_COPY;
    if (!copy) {
        json_close_article(v);
        printf("%s", v->n_articles++ ? "," : "");
        v->n_copies = 0;
    } else {
        printf("%s", v->n_copies++ ? "," : "");
    }
    printf("{\"id\":%lld", (long long)r->id);
    cli_json_field(stdout, "title", r->title);
    cli_json_field(stdout, "published", r->published);
    cli_json_field(stdout, "outlet", r->outlet);
    cli_json_field(stdout, "url", r->url);
    printf(",\"undated\":%s,\"similarity\":%.4f", r->undated ? "true" : "false", r->similarity);
    if (copy) {
        cli_json_field(stdout, "dup_kind", sl_dup_kind_name(r->dup_kind));
        printf(",\"dup_similarity\":%.4f}", r->dup_similarity);
    } else {
        printf(",\"copies\":[");
        v->article_open = 1;
    }
}

static int story_row(void *ud, const sl_story_row *r) {
    story_view *v = ud;
    if (v->json) {
        if (r->kind == SL_STORY_STORYLINE)
            json_storyline(v, r);
        else if (r->kind == SL_STORY_EVENT)
            json_event(v, r);
        else
            json_member(v, r);
    } else if (r->kind == SL_STORY_STORYLINE) {
        text_storyline(r);
    } else if (r->kind == SL_STORY_EVENT) {
        text_event(r);
    } else if (r->kind == SL_STORY_ARTICLE || v->all) {
        text_member(v, r);
    }
    return ferror(stdout) != 0;
}

/* S12 a storyline, E34 an event, 12 a storyline. */
static int parse_story_id(const char *s, sl_story_kind *kind, int64_t *id) {
    *kind = SL_STORY_STORYLINE;
    if (*s == 'S' || *s == 's' || *s == 'E' || *s == 'e') {
        *kind = (*s == 'E' || *s == 'e') ? SL_STORY_EVENT : SL_STORY_STORYLINE;
        s++;
    }
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0)
        return -1;
    *id = v;
    return 0;
}

int cli_cmd_story(cli_ctx *ctx, int argc, char **argv) {
    story_opts o = {0};
    int rc = parse(ctx, "story", argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    sl_story_kind kind;
    int64_t id;
    if (parse_story_id(o.id, &kind, &id)) {
        cli_error("story: ID is S12 (a storyline), E34 (an event) or 12, not '%s'", o.id);
        return CLI_USAGE;
    }
    sl_store *s = cli_open_store(ctx, 1);
    if (!s)
        return CLI_STORE;
    story_view v = {.all = o.all, .json = o.json};
    sl_error err = {0};
    sl_status st = sl_store_story(s, kind, id, story_row, &v, &err);
    sl_store_close(s);
    if (v.json && st == SL_OK) {
        json_close_event(&v);
        printf("%s\n", v.top_open ? "]}" : "");
    }
    if (st != SL_OK) {
        cli_error("%s", err.msg);
        return st == SL_END ? CLI_FAILED : CLI_STORE;
    }
    return finish_output("story");
}

/* ------------------------------------------------------------ cluster */

static int has_jsonl(int argc, char **argv) {
    for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--jsonl") == 0)
            return 1;
    return 0;
}

static void print_stats(const sl_cluster_stats *c, int json, double seconds) {
    if (json) {
        printf("{\"articles\":%lld,\"events\":%lld,\"storylines\":%lld,\"copies\":%lld,"
               "\"total_events\":%lld,\"total_storylines\":%lld,\"total_copies\":%lld,"
               "\"seconds\":%.3f}\n",
               (long long)c->articles, (long long)c->events, (long long)c->storylines,
               (long long)c->copies, (long long)c->total_events, (long long)c->total_storylines,
               (long long)c->total_copies, seconds);
        return;
    }
    printf("clustered %lld article%s: %lld new event%s, %lld new storyline%s, %lld cop%s\n",
           (long long)c->articles, c->articles == 1 ? "" : "s", (long long)c->events,
           c->events == 1 ? "" : "s", (long long)c->storylines, c->storylines == 1 ? "" : "s",
           (long long)c->copies, c->copies == 1 ? "y" : "ies");
    printf("store now has %lld events, %lld storylines, %lld copies (%.1f s)\n",
           (long long)c->total_events, (long long)c->total_storylines,
           (long long)c->total_copies, seconds);
}

int cli_cmd_cluster(cli_ctx *ctx, int argc, char **argv) {
    if (has_jsonl(argc, argv))
        return sl_cmd_cluster_jsonl(argc, argv); /* a filter: no store */
    story_opts o = {0};
    int rc = parse(ctx, "cluster", argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    sl_store *s = cli_open_store(ctx, 1);
    if (!s)
        return CLI_STORE;
    sl_cluster_stats c;
    sl_error err = {0};
    double t0 = cli_now();
    sl_status st = sl_store_cluster(s, o.rebuild, &c, &err);
    sl_store_close(s);
    if (st != SL_OK) {
        cli_error("%s", err.msg);
        return CLI_STORE;
    }
    print_stats(&c, o.json, cli_now() - t0);
    return finish_output("cluster");
}

/* cmd_cluster_jsonl.c — `storyline cluster --jsonl`: the clusterer as a
 * filter, JSONL articles in, one JSON line per article out, no store.
 *
 * Lines are written as articles arrive: ids never change afterwards, so the
 * output is final and the filter streams with bounded memory. The ids of
 * recent articles are kept (as many as the copy window) to name originals. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

typedef struct recent_ids {
    char **id;
    size_t n;
} recent_ids;

static const char *remember(recent_ids *r, uint64_t key, const char *id) {
    char **slot = &r->id[key % r->n];
    free(*slot);
    *slot = strdup(id ? id : "");
    return *slot;
}

static void print_result(const char *id, const sl_cluster_result *res, const recent_ids *r) {
    fputs("{\"id\":", stdout);
    cli_json_str(stdout, id);
    printf(",\"event\":%llu,\"storyline\":%llu,\"duplicate_of\":",
           (unsigned long long)res->event, (unsigned long long)res->storyline);
    if (res->dup_kind != SL_DUP_NONE) {
        cli_json_str(stdout, r->id[res->duplicate_of % r->n]);
        printf(",\"duplicate_kind\":\"%s\",\"duplicate_similarity\":%.3f",
               sl_dup_kind_name(res->dup_kind), res->dup_similarity);
    } else {
        fputs("null", stdout);
    }
    puts("}");
}

static int parse_threshold(const char *opt, const char *v, double *out) {
    char *end;
    double d = strtod(v, &end);
    if (*end || !(d > 0 && d <= 1)) {
        cli_error("cluster: %s wants a number in (0, 1], not %s", opt, v);
        return -1;
    }
    *out = d;
    return 0;
}

static int options(int argc, char **argv, sl_cluster_options *o, int *timing) {
    cli_args a;
    cli_args_init(&a, argc, argv, "cluster");
    int kind, m;
    while ((kind = cli_args_next(&a))) {
        if (kind == 2)
            return cli_unknown(&a);
        if (cli_flag(&a, "--jsonl"))
            continue;
        if (cli_flag(&a, "--timing")) {
            *timing = 1;
        } else if ((m = cli_opt(&a, "--event-threshold")) != 0) {
            if (m < 0 || parse_threshold(a.arg, a.val, &o->event_threshold) < 0)
                return CLI_USAGE;
        } else if ((m = cli_opt(&a, "--storyline-threshold")) != 0) {
            if (m < 0 || parse_threshold(a.arg, a.val, &o->storyline_threshold) < 0)
                return CLI_USAGE;
        } else {
            return cli_unknown(&a);
        }
    }
    return CLI_OK;
}

int sl_cmd_cluster_jsonl(int argc, char **argv) {
    sl_cluster_options o;
    sl_cluster_options_default(&o);
    int timing = 0;
    int rc = options(argc, argv, &o, &timing);
    if (rc != CLI_OK)
        return rc;
    sl_error err = {0};
    sl_clusterer *c = NULL;
    sl_reader *rd = NULL;
    if (sl_clusterer_new(&o, &c, &err) != SL_OK ||
        sl_reader_open_file(stdin, "-", NULL, &rd, &err) != SL_OK) {
        cli_error("cluster: %s", err.msg);
        sl_clusterer_free(c);
        return CLI_FAILED;
    }
    recent_ids ids = {calloc(o.max_recent_articles, sizeof(char *)), o.max_recent_articles};
    uint64_t key = 0, failed = 0;
    double spent = 0;
    sl_status st;
    sl_article *a;
    while ((st = sl_reader_next(rd, &a, &err)) != SL_END) {
        if (st != SL_OK) {
            cli_error("cluster: %s", err.msg);
            failed++;
            continue;
        }
        sl_cluster_input in = {
            .title = a->title, .title_len = a->title ? strlen(a->title) : 0,
            .text = a->text,   .text_len = a->text_len,
            .day = sl_day_from_iso(a->published[0] ? a->published : NULL),
            .lang = a->language,
        };
        sl_cluster_result res;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        st = sl_clusterer_add(c, key, &in, &res, &err);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        spent += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (st == SL_OK) {
            const char *id = remember(&ids, key++, a->prov.record_id);
            print_result(id, &res, &ids);
        } else {
            cli_error("cluster: %s: %s", a->prov.record_id ? a->prov.record_id : "?", err.msg);
            failed++;
        }
        sl_article_free(a);
    }
    if (timing)
        fprintf(stderr,
                "{\"articles\":%llu,\"cluster_seconds\":%.6f,\"articles_per_second\":%.0f,"
                "\"memory_bytes\":%zu}\n",
                (unsigned long long)key, spent, spent > 0 ? (double)key / spent : 0.0,
                sl_clusterer_memory(c));
    for (size_t i = 0; i < ids.n; i++)
        free(ids.id[i]);
    free(ids.id);
    sl_reader_close(rd);
    sl_clusterer_free(c);
    return failed ? CLI_FAILED : CLI_OK;
}


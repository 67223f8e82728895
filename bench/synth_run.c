/* synth_run.c — times sl_store_synthesis on one stored story (bench/synth.sh).
 * Usage: synth_run DB S1|E1 [REPEAT] — prints members, the size of each part
 * of the synthesis and the best wall time of REPEAT runs. */
#include "storyline.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (argv[2][0] != 'S' && argv[2][0] != 'E')) {
        fprintf(stderr, "usage: synth_run DB S1|E1 [REPEAT]\n");
        return 2;
    }
    sl_store *s;
    sl_error err = {0};
    if (sl_store_open(argv[1], &s, &err) != SL_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    sl_story_kind kind = argv[2][0] == 'S' ? SL_STORY_STORYLINE : SL_STORY_EVENT;
    int repeat = argc > 3 ? atoi(argv[3]) : 3;
    double best = 1e9;
    sl_synthesis *y = NULL;
    for (int r = 0; r < repeat; r++) {
        sl_synthesis_free(y);
        double t0 = now();
        if (sl_store_synthesis(s, kind, atoll(argv[2] + 1), NULL, &y, &err) != SL_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        double t = now() - t0;
        if (t < best)
            best = t;
    }
    /* The passes alone, on the members already loaded. */
    double passes = 1e9;
    for (int r = 0; r < repeat; r++) {
        sl_synthesis *y2 = NULL;
        double t0 = now();
        if (sl_synthesize(y->members, y->n_members, NULL, &y2, &err) != SL_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        double t = now() - t0;
        if (t < passes)
            passes = t;
        sl_synthesis_free(y2);
    }
    size_t copies = 0;
    for (size_t i = 0; i < y->n_members; i++)
        copies += y->members[i].copy_of >= 0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("members %zu copies %zu entities %zu quotes %zu slots %zu conflicts %zu "
           "timeline %zu summary %zu seconds %.3f (passes alone %.3f) rss_mb %ld\n",
           y->n_members, copies, y->n_entities, y->n_quotes, y->n_slots, y->n_conflicts,
           y->n_timeline, y->summary ? y->summary->n_sentences : 0, best, passes,
           ru.ru_maxrss / 1024);
    sl_synthesis_free(y);
    sl_store_close(s);
    return 0;
}

/* progress.c — the one-line progress display of ingest and report on a
 * terminal.
 *
 * Redrawn in place with \r at most 10 times a second, so drawing never
 * costs more than a sliver of the run. Rates are averages since the start:
 * steadier to read than instantaneous ones. The ETA follows bytes, the only
 * measure known in advance.
 */
#include <time.h>

#include "cli.h"

double cli_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, int on, uint64_t total_bytes, size_t n_files) {
    p->on = on;
    p->t0 = p->last = cli_now();
    p->total_bytes = total_bytes;
    p->n_files = n_files;
    p->drawn = 0;
}

static void eta_text(char *out, size_t cap, double seconds) {
    if (seconds < 0 || seconds > 359999) {
        snprintf(out, cap, "--:--");
        return;
    }
    unsigned s = (unsigned)(seconds + 0.5);
    if (s >= 3600)
        snprintf(out, cap, "%u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(out, cap, "%u:%02u", s / 60, s % 60);
}

int cli_progress_due(cli_progress *p, int force, double *elapsed) {
    if (!p->on)
        return 0;
    double now = cli_now();
    if (!force && now - p->last < 0.1)
        return 0;
    p->last = now;
    *elapsed = now - p->t0 > 1e-6 ? now - p->t0 : 1e-6;
    return 1;
}

void cli_progress_bar(char *out, size_t cap, double frac, double elapsed) {
    if (frac > 1)
        frac = 1;
    char bar[21];
    int fill = (int)(frac * 20);
    for (int i = 0; i < 20; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[20] = 0;
    char eta[24];
    eta_text(eta, sizeof eta, frac > 0 ? elapsed / frac - elapsed : -1);
    snprintf(out, cap, "[%s] %3d%% ETA %s ", bar, (int)(frac * 100), eta);
}

void cli_progress_update(cli_progress *p, const cli_counts *c, int force) {
    double el;
    if (!cli_progress_due(p, force, &el))
        return;
    double mbps = (double)c->bytes / 1e6 / el;
    double rate = (double)c->articles / el;
    char head[64] = "";
    if (p->total_bytes)
        cli_progress_bar(head, sizeof head, (double)c->bytes / (double)p->total_bytes, el);
    fprintf(stderr, "\r%sfiles %zu/%zu  articles %llu (%llu new)  %.1f MB/s  %.0f art/s\033[K",
            head, c->files_done, p->n_files, (unsigned long long)c->articles,
            (unsigned long long)c->added, mbps, rate);
    fflush(stderr);
    p->drawn = 1;
}

void cli_progress_clear(cli_progress *p) {
    if (!p->on || !p->drawn)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->drawn = 0;
}

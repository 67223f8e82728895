/* walk.c — sl_walk: the regular files under a path, in byte-wise order, so
 * that an ingest of the same tree always sees files in the same order.
 * Dot-files and dot-directories are skipped; a directory met twice through
 * symlinks (a loop) is not entered again. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "storyline.h"
#include "../core/draft.h"
#include "../util/buf.h"

typedef struct walk {
    char **paths;
    size_t n, cap;
    sl_walk_error_fn cb;
    void *ud;
    struct ancestor { dev_t dev; ino_t ino; } *up; /* directories being walked */
    size_t depth, cap_up;
    int oom;
} walk;

static void report(walk *w, const char *path, const char *msg) {
    if (w->cb)
        w->cb(w->ud, path, msg);
}

static void add_path(walk *w, const char *path) {
    char **p = sl_grow(w->paths, &w->cap, w->n + 1, sizeof *p, 64);
    if (!p) {
        w->oom = 1;
        return;
    }
    w->paths = p;
    char *s = strdup(path);
    if (!s) {
        w->oom = 1;
        return;
    }
    w->paths[w->n++] = s;
}

static char *join(const char *dir, const char *name) {
    size_t a = strlen(dir), b = strlen(name);
    int slash = a > 0 && dir[a - 1] != '/';
    char *s = malloc(a + slash + b + 1);
    if (!s)
        return NULL;
    memcpy(s, dir, a);
    if (slash)
        s[a] = '/';
    memcpy(s + a + slash, name, b + 1);
    return s;
}

static int on_stack(const walk *w, const struct stat *st) {
    for (size_t i = 0; i < w->depth; i++)
        if (w->up[i].dev == st->st_dev && w->up[i].ino == st->st_ino)
            return 1;
    return 0;
}

static void walk_dir(walk *w, const char *dir, const struct stat *dst);

static void visit(walk *w, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) {
        report(w, path, strerror(errno));
        return;
    }
    if (S_ISREG(st.st_mode))
        add_path(w, path);
    else if (S_ISDIR(st.st_mode) && !on_stack(w, &st))
        walk_dir(w, path, &st);
}

static void walk_dir(walk *w, const char *dir, const struct stat *dst) {
    DIR *d = opendir(dir);
    if (!d) {
        report(w, dir, strerror(errno));
        return;
    }
    if (w->depth == w->cap_up) {
        size_t cap = w->cap_up ? w->cap_up * 2 : 16;
        struct ancestor *up = realloc(w->up, cap * sizeof *up);
        if (!up) {
            w->oom = 1;
            closedir(d);
            return;
        }
        w->up = up;
        w->cap_up = cap;
    }
    w->up[w->depth].dev = dst->st_dev;
    w->up[w->depth].ino = dst->st_ino;
    w->depth++;
    struct dirent *e;
    while (!w->oom && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *path = join(dir, e->d_name);
        if (!path) {
            w->oom = 1;
            break;
        }
        visit(w, path);
        free(path);
    }
    w->depth--;
    closedir(d);
}

static int cmp_path(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

sl_status sl_walk(const char *path, char ***paths, size_t *n, sl_walk_error_fn cb, void *ud,
                  sl_error *err) {
    *paths = NULL;
    *n = 0;
    if (!path || !*path)
        return sl_fail(err, SL_ERR_ARG, "no path");
    struct stat st;
    if (stat(path, &st) != 0)
        return sl_fail(err, SL_ERR_IO, "%s: %s", path, strerror(errno));
    walk w = {.cb = cb, .ud = ud};
    if (S_ISDIR(st.st_mode)) {
        DIR *probe = opendir(path);
        if (!probe)
            return sl_fail(err, SL_ERR_IO, "%s: %s", path, strerror(errno));
        closedir(probe);
        walk_dir(&w, path, &st);
    } else {
        add_path(&w, path); /* a named file is read whatever its kind or name */
    }
    free(w.up);
    if (w.oom) {
        sl_paths_free(w.paths, w.n);
        return sl_fail(err, SL_ERR_NOMEM, "out of memory listing %s", path);
    }
    qsort(w.paths, w.n, sizeof *w.paths, cmp_path);
    *paths = w.paths;
    *n = w.n;
    return SL_OK;
}

void sl_paths_free(char **paths, size_t n) {
    if (!paths)
        return;
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}

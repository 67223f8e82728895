/* Fault injection over the ingest path and the store: the Nth allocation
 * (ours through the linker's --wrap, SQLite's through its own allocator
 * hook), the Nth SQLite write or sync (a VFS shim; a failing write first
 * tears the page, writing half of it), and the Nth fread of an input file
 * fail, for N swept over the whole run. After every injected failure the
 * run must end in an error status (never a crash: the sanitizer build runs
 * this too, with leak detection), the store must reopen cleanly, pass
 * integrity_check, hold only whole articles, and a clean re-run must finish
 * the job with every article exactly once. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storyline.h"

/* ------------------------------------------------------------ injection */

enum { F_ALLOC, F_WRITE, F_READ, F_KINDS };
static long countdown[F_KINDS]; /* 0: off; 1: the next call fails */
static long calls[F_KINDS];     /* counted while a sweep runs */
static int counting, fired;
static FILE *failed_stream;

static int due(int kind) {
    if (!counting)
        return 0;
    calls[kind]++;
    if (countdown[kind] > 0 && --countdown[kind] == 0) {
        fired = 1;
        return 1;
    }
    return 0;
}

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t k);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
size_t __real_fread(void *p, size_t n, size_t k, FILE *f);
int __real_ferror(FILE *f);

void *__wrap_malloc(size_t n) {
    if (due(F_ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_malloc(n);
}
void *__wrap_calloc(size_t n, size_t k) {
    if (due(F_ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_calloc(n, k);
}
void *__wrap_realloc(void *p, size_t n) {
    if (due(F_ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_realloc(p, n);
}
char *__wrap_strdup(const char *s) {
    if (due(F_ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_strdup(s);
}
/* A failed read returns nothing and leaves the stream in error, as a
 * device error would. */
size_t __wrap_fread(void *p, size_t n, size_t k, FILE *f) {
    if (due(F_READ)) {
        failed_stream = f;
        errno = EIO;
        return 0;
    }
    return __real_fread(p, n, k, f);
}
int __wrap_ferror(FILE *f) { return f == failed_stream || __real_ferror(f); }

/* SQLite's allocations go through the same countdown. */
static sqlite3_mem_methods sqlite_default;
static void *sq_malloc(int n) { return due(F_ALLOC) ? NULL : sqlite_default.xMalloc(n); }
static void *sq_realloc(void *p, int n) {
    return due(F_ALLOC) ? NULL : sqlite_default.xRealloc(p, n);
}

/* A VFS over the default one whose files fail the Nth write or sync. */
static sqlite3_vfs *base_vfs, fault_vfs;
static sqlite3_io_methods fault_io;
typedef struct fault_file {
    sqlite3_file base;
    sqlite3_file *real; /* allocated right after this struct */
} fault_file;

static int ff_close(sqlite3_file *f) {
    sqlite3_file *r = ((fault_file *)f)->real;
    return r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
}
static int ff_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off) {
    sqlite3_file *r = ((fault_file *)f)->real;
    return r->pMethods->xRead(r, p, n, off);
}
static int ff_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off) {
    sqlite3_file *r = ((fault_file *)f)->real;
    if (due(F_WRITE)) {
        r->pMethods->xWrite(r, p, n / 2, off); /* a torn page */
        return SQLITE_IOERR_WRITE;
    }
    return r->pMethods->xWrite(r, p, n, off);
}
static int ff_sync(sqlite3_file *f, int flags) {
    sqlite3_file *r = ((fault_file *)f)->real;
    return due(F_WRITE) ? SQLITE_IOERR_FSYNC : r->pMethods->xSync(r, flags);
}
#define PASS(name, args, call)                                                                 \
    static int name args {                                                                     \
        sqlite3_file *r = ((fault_file *)f)->real;                                             \
        return r->pMethods->call;                                                              \
    }
PASS(ff_truncate, (sqlite3_file * f, sqlite3_int64 n), xTruncate(r, n))
PASS(ff_size, (sqlite3_file * f, sqlite3_int64 *n), xFileSize(r, n))
PASS(ff_lock, (sqlite3_file * f, int l), xLock(r, l))
PASS(ff_unlock, (sqlite3_file * f, int l), xUnlock(r, l))
PASS(ff_reserved, (sqlite3_file * f, int *out), xCheckReservedLock(r, out))
PASS(ff_control, (sqlite3_file * f, int op, void *arg), xFileControl(r, op, arg))
PASS(ff_sector, (sqlite3_file * f), xSectorSize(r))
PASS(ff_devchar, (sqlite3_file * f), xDeviceCharacteristics(r))
PASS(ff_shmmap, (sqlite3_file * f, int pg, int sz, int ext, void volatile **p),
     xShmMap(r, pg, sz, ext, p))
PASS(ff_shmlock, (sqlite3_file * f, int off, int n, int fl), xShmLock(r, off, n, fl))
PASS(ff_shmunmap, (sqlite3_file * f, int del), xShmUnmap(r, del))
static void ff_shmbarrier(sqlite3_file *f) {
    sqlite3_file *r = ((fault_file *)f)->real;
    r->pMethods->xShmBarrier(r);
}

static int ff_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out) {
    (void)v;
    fault_file *ff = (fault_file *)f;
    ff->real = (sqlite3_file *)(ff + 1);
    int rc = base_vfs->xOpen(base_vfs, name, ff->real, flags, out);
    f->pMethods = rc == SQLITE_OK ? &fault_io : NULL;
    return rc;
}

static void install_faults(void) {
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_default);
    sqlite3_mem_methods m = sqlite_default;
    m.xMalloc = sq_malloc;
    m.xRealloc = sq_realloc;
    sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
    sqlite3_initialize();
    base_vfs = sqlite3_vfs_find(NULL);
    fault_vfs = *base_vfs;
    fault_vfs.zName = "faults";
    fault_vfs.szOsFile = (int)sizeof(fault_file) + base_vfs->szOsFile;
    fault_vfs.xOpen = ff_open;
    fault_io = (sqlite3_io_methods){
        .iVersion = 2, .xClose = ff_close, .xRead = ff_read, .xWrite = ff_write,
        .xTruncate = ff_truncate, .xSync = ff_sync, .xFileSize = ff_size, .xLock = ff_lock,
        .xUnlock = ff_unlock, .xCheckReservedLock = ff_reserved, .xFileControl = ff_control,
        .xSectorSize = ff_sector, .xDeviceCharacteristics = ff_devchar, .xShmMap = ff_shmmap,
        .xShmLock = ff_shmlock, .xShmBarrier = ff_shmbarrier, .xShmUnmap = ff_shmunmap};
    sqlite3_vfs_register(&fault_vfs, 1);
}

/* ------------------------------------------------------------ the run */

static char dir[64], db[96];
static int64_t expected_articles;

static void remove_store(void) {
    const char *suffix[] = {"", "-wal", "-shm", "-journal"};
    for (int i = 0; i < 4; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s%s", db, suffix[i]);
        unlink(p);
    }
}

/* The CLI's ingest, through the library: every fixture file, batches of
 * two, then clustering (which annotates). 0 when every step succeeded. */
static int ingest(void) {
    sl_error err = {0};
    char **paths = NULL;
    size_t n = 0;
    sl_store *s = NULL;
    int failed = 0;
    if (sl_walk(SL_SOURCE_DIR "/tests/fixtures/cli", &paths, &n, NULL, NULL, &err) != SL_OK)
        return -1;
    if (sl_store_open(db, &s, &err) != SL_OK) {
        sl_paths_free(paths, n);
        return -1;
    }
    int in_batch = sl_store_begin(s, &err) == SL_OK, added = 0;
    failed |= !in_batch;
    for (size_t i = 0; i < n && in_batch; i++) {
        sl_reader *r = NULL;
        if (sl_reader_open(paths[i], NULL, &r, &err) != SL_OK) {
            failed = 1;
            continue;
        }
        sl_article *a = NULL;
        sl_status st;
        int stuck = 0; /* as the CLI: errors that make no progress end the input */
        while ((st = sl_reader_next(r, &a, &err)) != SL_END) {
            if (st != SL_OK) {
                failed = 1;
                if (++stuck >= 3)
                    break;
                continue;
            }
            stuck = 0;
            int64_t id;
            int is_new;
            failed |= sl_store_add(s, a, &id, &is_new, &err) != SL_OK;
            sl_article_free(a);
            if (++added % 2 == 0) {
                in_batch = sl_store_commit(s, &err) == SL_OK && sl_store_begin(s, &err) == SL_OK;
                failed |= !in_batch;
            }
        }
        sl_reader_close(r);
    }
    if (in_batch)
        failed |= sl_store_commit(s, &err) != SL_OK;
    sl_cluster_stats cs;
    if (!failed)
        failed |= sl_store_cluster(s, 0, &cs, &err) != SL_OK;
    sl_store_close(s);
    sl_paths_free(paths, n);
    return failed ? -1 : 0;
}

static int64_t query_int(sqlite3 *q, const char *sql) {
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(q, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* What any failure must leave: a sound file and whole articles. */
static void check_store(long n, const char *what) {
    sqlite3 *q;
    assert_int_equal(sqlite3_open_v2(db, &q, SQLITE_OPEN_READONLY, "unix"), SQLITE_OK);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(q, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK) {
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        const char *r = (const char *)sqlite3_column_text(st, 0);
        if (strcmp(r, "ok") != 0)
            fail_msg("%s fault %ld: integrity_check says %s", what, n, r);
        sqlite3_finalize(st);
    }
    int64_t broken = query_int(q, "SELECT count(*) FROM article a WHERE"
                                  " NOT EXISTS (SELECT 1 FROM source s WHERE s.article_id = a.id)"
                                  " OR NOT EXISTS (SELECT 1 FROM sentence x WHERE x.article_id = a.id)");
    if (broken > 0)
        fail_msg("%s fault %ld: %lld articles without their source or sentences", what, n,
                 (long long)broken);
    sqlite3_close(q);
}

/* After a fault, a clean run must finish the job: every article once,
 * clustered and annotated. */
static void check_recovery(long n, const char *what) {
    if (ingest() != 0)
        fail_msg("%s fault %ld: the clean re-run failed", what, n);
    sqlite3 *q;
    assert_int_equal(sqlite3_open_v2(db, &q, SQLITE_OPEN_READONLY, "unix"), SQLITE_OK);
    int64_t got = query_int(q, "SELECT count(*) FROM article");
    int64_t unclustered =
        query_int(q, "SELECT count(*) FROM article WHERE id NOT IN (SELECT article FROM article_cluster)");
    int64_t unannotated =
        query_int(q, "SELECT count(*) FROM article WHERE id NOT IN (SELECT article FROM article_facts)");
    sqlite3_close(q);
    if (got != expected_articles || unclustered || unannotated)
        fail_msg("%s fault %ld: after recovery %lld articles (want %lld), %lld unclustered,"
                 " %lld unannotated",
                 what, n, (long long)got, (long long)expected_articles, (long long)unclustered,
                 (long long)unannotated);
}

/* The points to fail at: every one of the first 16 calls, then a
 * geometric sweep (x1.1) to the last, so that late steps (clustering,
 * the last commit) are covered without a run per call. */
static long next_point(long n) { return n < 16 ? n + 1 : n + n / 10; }

static void sweep(int kind, const char *what) {
    remove_store();
    counting = 1;
    memset(calls, 0, sizeof calls);
    assert_int_equal(ingest(), 0);
    counting = 0;
    long total = calls[kind];
    remove_store();
    assert_int_equal(ingest(), 0);
    sqlite3 *q;
    assert_int_equal(sqlite3_open_v2(db, &q, SQLITE_OPEN_READONLY, "unix"), SQLITE_OK);
    expected_articles = query_int(q, "SELECT count(*) FROM article");
    sqlite3_close(q);
    assert_true(expected_articles >= 4);

    long runs = 0, failures = 0;
    for (long n = 1; n <= total; n = next_point(n)) {
        remove_store();
        memset(countdown, 0, sizeof countdown);
        countdown[kind] = n;
        fired = 0;
        failed_stream = NULL;
        counting = 1;
        int rc = ingest();
        counting = 0;
        countdown[kind] = 0;
        failed_stream = NULL;
        runs++;
        if (fired && rc == 0) {
            /* A failure that the code may absorb (a retry, a cache that
             * grows later); the store must still be right. */
        } else if (fired) {
            failures++;
        }
        if (access(db, F_OK) == 0)
            check_store(n, what);
        check_recovery(n, what);
    }
    printf("# %s: %ld calls in a clean run, %ld runs with a fault, %ld reported an error\n", what,
           total, runs, failures);
    assert_true(failures > 0);
}

static void allocation_failures_leave_a_sound_store(void **state) {
    (void)state;
    sweep(F_ALLOC, "allocation");
}

static void write_and_sync_failures_leave_a_sound_store(void **state) {
    (void)state;
    sweep(F_WRITE, "write/sync");
}

static void input_read_failures_are_errors(void **state) {
    (void)state;
    sweep(F_READ, "input read");
}

int main(void) {
    install_faults();
    strcpy(dir, "/tmp/sl_faults_XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(db, sizeof db, "%s/store.db", dir);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(allocation_failures_leave_a_sound_store),
        cmocka_unit_test(write_and_sync_failures_leave_a_sound_store),
        cmocka_unit_test(input_read_failures_are_errors),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    remove_store();
    rmdir(dir);
    return rc;
}

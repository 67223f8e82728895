/* STUB: replaced by the reader module. */
#include "storyline.h"
#include "../core/draft.h"
sl_status sl_reader_open(const char *path, const sl_limits *lim, sl_reader **out, sl_error *err) {
    (void)path; (void)lim; *out = 0; return sl_fail(err, SL_ERR_IO, "not implemented"); }
sl_status sl_reader_open_file(FILE *f, const char *name, const sl_limits *lim, sl_reader **out,
                              sl_error *err) {
    (void)f; (void)name; (void)lim; *out = 0; return sl_fail(err, SL_ERR_IO, "not implemented"); }
sl_status sl_reader_next(sl_reader *r, sl_article **out, sl_error *err) {
    (void)r; (void)out; (void)err; return SL_END; }
sl_format sl_reader_format(const sl_reader *r) { (void)r; return SL_FORMAT_UNKNOWN; }
uint64_t sl_reader_bytes_read(const sl_reader *r) { (void)r; return 0; }
void sl_reader_close(sl_reader *r) { (void)r; }
sl_status sl_walk(const char *path, char ***paths, size_t *n, sl_walk_error_fn cb, void *ud,
                  sl_error *err) {
    (void)path; (void)cb; (void)ud; *paths = 0; *n = 0; return sl_fail(err, SL_ERR_IO, "not implemented"); }
void sl_paths_free(char **paths, size_t n) { (void)paths; (void)n; }

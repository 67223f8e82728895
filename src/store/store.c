/* STUB: replaced by the store module. */
#include "storyline.h"
#include "../core/draft.h"
sl_status sl_store_open(const char *path, sl_store **out, sl_error *err) {
    (void)path; *out = 0; return sl_fail(err, SL_ERR_STORE, "not implemented"); }
void sl_store_close(sl_store *s) { (void)s; }
sl_status sl_store_begin(sl_store *s, sl_error *err) { (void)s; (void)err; return SL_OK; }
sl_status sl_store_commit(sl_store *s, sl_error *err) { (void)s; (void)err; return SL_OK; }
sl_status sl_store_add(sl_store *s, const sl_article *a, int64_t *id, int *is_new, sl_error *err) {
    (void)s; (void)a; (void)id; (void)is_new; return sl_fail(err, SL_ERR_STORE, "not implemented"); }
sl_status sl_store_list(sl_store *s, int64_t limit, int64_t offset, sl_row_fn cb, void *ud,
                        sl_error *err) {
    (void)s; (void)limit; (void)offset; (void)cb; (void)ud; (void)err; return SL_OK; }
sl_status sl_store_get(sl_store *s, int64_t id, sl_row_fn cb, void *ud, sl_error *err) {
    (void)s; (void)id; (void)cb; (void)ud; (void)err; return SL_OK; }
sl_status sl_store_load(sl_store *s, int64_t id, sl_article **out, sl_error *err) {
    (void)s; (void)id; *out = 0; return sl_fail(err, SL_ERR_STORE, "not implemented"); }
sl_status sl_store_search(sl_store *s, const char *query, int64_t limit, sl_hit_fn cb, void *ud,
                          sl_error *err) {
    (void)s; (void)query; (void)limit; (void)cb; (void)ud; (void)err; return SL_OK; }
sl_status sl_store_count(sl_store *s, int64_t *a, int64_t *b, sl_error *err) {
    (void)s; (void)err; *a = *b = 0; return SL_OK; }

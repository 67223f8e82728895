/* STUB: replaced by the segmenter. */
#include "segment.h"
sl_status sl_segment(const char *text, size_t n, const sl_block *blocks, size_t n_blocks,
                     sl_arena *a, sl_sentence **sents, size_t *n_sents, sl_token **toks,
                     size_t *n_toks) {
    (void)text; (void)n; (void)blocks; (void)n_blocks; (void)a;
    *sents = 0; *n_sents = 0; *toks = 0; *n_toks = 0;
    return SL_OK;
}

/* gzstream.h — a sliding window of decoded bytes over a FILE*, plain or gzip.
 *
 * The readers (WARC, JSONL, single documents) parse from this window and
 * consume what they used; memory is the fixed window plus a small queue of
 * gzip member boundaries, whatever the input size. Gzip is detected from the
 * magic bytes, never from the name. Multi-member gzip (one member per WARC
 * record, as in Common Crawl) is inflated member after member, and the
 * compressed offset of each member start is kept so that a record starting
 * on a member boundary can be named by the offset CC index files use.
 */
#ifndef SL_GZSTREAM_H
#define SL_GZSTREAM_H

#include <stdint.h>
#include <stdio.h>
#include <zlib.h>

struct libdeflate_decompressor;

typedef struct sl_gz_member {
    uint64_t uoff; /* decoded stream offset where a member starts (or ends) */
    uint64_t coff; /* compressed file offset of the same point */
} sl_gz_member;

typedef struct sl_gz {
    FILE *f;
    int gzip;       /* input is gzip */
    int eof;        /* no more decoded bytes will come */
    int truncated;  /* gzip input ended inside a member */
    int corrupt;    /* gzip data error with no member after it (eof is set too) */
    uint64_t gap_at;/* decoded offset where the last damaged member was cut off
                       and the next member took over; UINT64_MAX: none */
    int io_error;   /* fread failed */
    z_stream z;
    int z_live;     /* z initialised */
    int in_member;  /* zlib is inside a gzip member */
    struct libdeflate_decompressor *ld;
    unsigned fast_fails, fast_pause; /* back off when members keep not fitting */

    unsigned char *raw; /* compressed input */
    size_t raw_pos, raw_len, raw_cap;
    uint64_t raw_base;  /* file offset of raw[0] */
    int raw_eof;

    char *win;          /* decoded bytes; [win_pos, win_len) not yet consumed */
    size_t win_pos, win_len, win_cap;
    uint64_t win_off;   /* stream offset of win[0] */

    sl_gz_member *mem;  /* boundaries not yet passed, ascending uoff */
    size_t mem_head, n_mem, cap_mem;
} sl_gz;

/* Start reading f (not closed by sl_gz_close). 0, or -1 on OOM. */
int sl_gz_open(sl_gz *g, FILE *f);
void sl_gz_close(sl_gz *g);

/* Make at least want bytes available unless the input ends first (want is
 * capped at the window size). Returns the number of bytes available; a
 * return below want means the end of the input. Pointers from sl_gz_data
 * are invalidated by a fill that has to read. */
size_t sl_gz_fill(sl_gz *g, size_t want);

static inline const char *sl_gz_data(const sl_gz *g) { return g->win + g->win_pos; }
static inline size_t sl_gz_avail(const sl_gz *g) { return g->win_len - g->win_pos; }
static inline void sl_gz_consume(sl_gz *g, size_t n) { g->win_pos += n; }
/* Decoded offset of the next unconsumed byte. */
static inline uint64_t sl_gz_tell(const sl_gz *g) { return g->win_off + g->win_pos; }
static inline size_t sl_gz_window(const sl_gz *g) { return g->win_cap; }

/* Bytes of the file consumed so far (compressed bytes for gzip). */
uint64_t sl_gz_raw_tell(const sl_gz *g);

/* 1 and *coff if decoded offset off lies on a gzip member boundary that is
 * already known (boundaries before the consumed position are forgotten). */
int sl_gz_member_at(sl_gz *g, uint64_t off, uint64_t *coff);

#endif

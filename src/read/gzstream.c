/* gzstream.c — the decoded-byte window over plain or gzip input (see .h). */
#include "gzstream.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

enum {
    WIN_CAP = 1u << 20, /* decoded window: the largest unit parsed in place */
    RAW_CAP = 1u << 20, /* compressed buffer: the largest member inflated whole */
};

static int push_member(sl_gz *g, uint64_t uoff, uint64_t coff) {
    if (g->mem_head > 0 && g->mem_head == g->n_mem)
        g->mem_head = g->n_mem = 0;
    if (g->n_mem == g->cap_mem) {
        if (g->mem_head > 0) { /* reuse the popped front before growing */
            memmove(g->mem, g->mem + g->mem_head, (g->n_mem - g->mem_head) * sizeof *g->mem);
            g->n_mem -= g->mem_head;
            g->mem_head = 0;
        } else {
            size_t cap = g->cap_mem ? g->cap_mem * 2 : 64;
            sl_gz_member *m = realloc(g->mem, cap * sizeof *m);
            if (!m)
                return -1;
            g->mem = m;
            g->cap_mem = cap;
        }
    }
    g->mem[g->n_mem].uoff = uoff;
    g->mem[g->n_mem].coff = coff;
    g->n_mem++;
    return 0;
}

/* Forget boundaries before the consumed position: they can no longer be a
 * record start, and dropping them keeps the queue as small as the window. */
static void drop_members(sl_gz *g, uint64_t before) {
    while (g->mem_head < g->n_mem && g->mem[g->mem_head].uoff < before)
        g->mem_head++;
}

int sl_gz_member_at(sl_gz *g, uint64_t off, uint64_t *coff) {
    drop_members(g, off);
    if (g->mem_head < g->n_mem && g->mem[g->mem_head].uoff == off) {
        *coff = g->mem[g->mem_head].coff;
        return 1;
    }
    return 0;
}

/* Make at least n compressed bytes available in raw unless the file ends. */
static void raw_ensure(sl_gz *g, size_t n) {
    if (g->raw_len - g->raw_pos >= n || g->raw_eof)
        return;
    size_t left = g->raw_len - g->raw_pos;
    memmove(g->raw, g->raw + g->raw_pos, left);
    g->raw_base += g->raw_pos;
    g->raw_pos = 0;
    g->raw_len = left;
    while (g->raw_len < n && !g->raw_eof) {
        size_t got = fread(g->raw + g->raw_len, 1, g->raw_cap - g->raw_len, g->f);
        g->raw_len += got;
        if (got == 0) {
            g->raw_eof = 1;
            g->io_error = ferror(g->f) != 0;
        }
    }
}

static int is_gzip_magic(const unsigned char *p) { return p[0] == 0x1f && p[1] == 0x8b; }

/* One whole member with libdeflate into the free window. On failure
 * nothing moved, and zlib takes the member from its start. */
static int member_fast(sl_gz *g) {
    if (!g->ld)
        return 0;
    if (g->fast_pause) {
        g->fast_pause--;
        return 0;
    }
    raw_ensure(g, g->raw_cap / 2); /* only members over half the buffer straddle */
    size_t used = 0, got = 0;
    enum libdeflate_result rc = libdeflate_gzip_decompress_ex(
        g->ld, g->raw + g->raw_pos, g->raw_len - g->raw_pos, g->win + g->win_len,
        g->win_cap - g->win_len, &used, &got);
    if (rc != LIBDEFLATE_SUCCESS) {
        /* Members too big for the window, one after another: the wasted
         * attempts would cost more than they save, so pause the fast path. */
        if (++g->fast_fails >= 4) {
            g->fast_fails = 0;
            g->fast_pause = 64;
        }
        return 0;
    }
    g->fast_fails = 0;
    g->raw_pos += used;
    g->win_len += got;
    if (push_member(g, g->win_off + g->win_len, g->raw_base + g->raw_pos))
        g->corrupt = g->eof = 1;
    return 1;
}

/* Between members: the next one whole, or start streaming it, or end
 * cleanly. Data after the last member that is not gzip (padding, garbage)
 * ends the stream. Returns 1 when a whole member was decoded. */
static int next_member(sl_gz *g) {
    raw_ensure(g, 2);
    if (g->raw_len - g->raw_pos < 2 || !is_gzip_magic(g->raw + g->raw_pos)) {
        g->eof = 1;
        return 0;
    }
    if (member_fast(g))
        return 1;
    if (inflateReset(&g->z) != Z_OK) {
        g->corrupt = g->eof = 1;
        return 0;
    }
    g->in_member = 1;
    return 0;
}

/* After a data error: find the next member header (magic, deflate, no
 * reserved flags) at or after the error point. A false match inside
 * compressed data fails in turn and the search goes on. */
static int skip_damaged(sl_gz *g) {
    for (;;) {
        raw_ensure(g, 4);
        size_t left = g->raw_len - g->raw_pos;
        if (left < 4)
            return 0;
        const unsigned char *s = g->raw + g->raw_pos, *end = s + left - 3;
        for (const unsigned char *p = s; p < end; p++) {
            p = memchr(p, 0x1f, (size_t)(end - p));
            if (!p)
                break;
            if (p[1] == 0x8b && p[2] == 8 && (p[3] & 0xE0) == 0) {
                g->raw_pos += (size_t)(p - s);
                g->gap_at = g->win_off + g->win_len;
                g->in_member = 0;
                return push_member(g, g->gap_at, g->raw_base + g->raw_pos) == 0;
            }
        }
        g->raw_pos = g->raw_len - 3; /* keep a header split across reads */
        if (g->raw_eof)
            return 0;
    }
}

/* Decode until want bytes are available (whole members) or the window is
 * full (streaming), or the input ends. */
static void inflate_more(sl_gz *g, size_t want) {
    while (g->win_len < g->win_cap && !g->eof) {
        if (!g->in_member) {
            if (next_member(g) && g->win_len - g->win_pos >= want)
                return;
            continue;
        }
        raw_ensure(g, 1);
        if (g->raw_pos == g->raw_len) {
            g->truncated = g->eof = 1;
            return;
        }
        g->z.next_in = g->raw + g->raw_pos;
        g->z.avail_in = (uInt)(g->raw_len - g->raw_pos);
        g->z.next_out = (Bytef *)g->win + g->win_len;
        g->z.avail_out = (uInt)(g->win_cap - g->win_len);
        int rc = inflate(&g->z, Z_NO_FLUSH);
        g->raw_pos = g->raw_len - g->z.avail_in;
        g->win_len = g->win_cap - g->z.avail_out;
        if (rc == Z_STREAM_END) {
            g->in_member = 0;
            if (push_member(g, g->win_off + g->win_len, g->raw_base + g->raw_pos)) {
                g->corrupt = g->eof = 1;
                return;
            }
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            if (!skip_damaged(g))
                g->corrupt = g->eof = 1;
        }
    }
}

static void read_plain(sl_gz *g) {
    while (g->win_len < g->win_cap && !g->eof) {
        size_t got = fread(g->win + g->win_len, 1, g->win_cap - g->win_len, g->f);
        g->win_len += got;
        if (got == 0) {
            g->eof = 1;
            g->io_error = ferror(g->f) != 0;
        }
    }
}

size_t sl_gz_fill(sl_gz *g, size_t want) {
    if (want > g->win_cap)
        want = g->win_cap;
    size_t avail = g->win_len - g->win_pos;
    if (avail >= want || g->eof)
        return avail;
    memmove(g->win, g->win + g->win_pos, avail);
    g->win_off += g->win_pos;
    g->win_len = avail;
    g->win_pos = 0;
    drop_members(g, g->win_off);
    if (g->gzip)
        inflate_more(g, want);
    else
        read_plain(g);
    return g->win_len;
}

uint64_t sl_gz_raw_tell(const sl_gz *g) {
    return g->gzip ? g->raw_base + g->raw_pos : sl_gz_tell(g);
}

int sl_gz_open(sl_gz *g, FILE *f) {
    memset(g, 0, sizeof *g);
    g->f = f;
    g->gap_at = UINT64_MAX;
    g->win_cap = WIN_CAP;
    g->win = malloc(g->win_cap);
    if (!g->win)
        return -1;
    /* Sniff the magic from a small first read, then either keep those bytes
     * as decoded data or hand them to inflate. */
    unsigned char head[2];
    size_t got = fread(head, 1, 2, f);
    if (got == 2 && is_gzip_magic(head)) {
        g->gzip = 1;
        g->raw_cap = RAW_CAP;
        g->raw = malloc(g->raw_cap);
        if (!g->raw || inflateInit2(&g->z, 16 + MAX_WBITS) != Z_OK)
            return -1;
        g->z_live = 1;
#ifndef SL_GZ_ZLIB_ONLY /* build option for comparing the two paths */
        g->ld = libdeflate_alloc_decompressor(); /* NULL: zlib alone */
#endif
        memcpy(g->raw, head, 2);
        g->raw_len = 2;
        if (push_member(g, 0, 0))
            return -1;
    } else {
        memcpy(g->win, head, got);
        g->win_len = got;
        if (got < 2) {
            g->eof = 1;
            g->io_error = ferror(f) != 0;
        }
    }
    return 0;
}

void sl_gz_close(sl_gz *g) {
    if (g->z_live)
        inflateEnd(&g->z);
    if (g->ld)
        libdeflate_free_decompressor(g->ld);
    free(g->raw);
    free(g->win);
    free(g->mem);
    memset(g, 0, sizeof *g);
}

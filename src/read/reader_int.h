/* reader_int.h — the reader object shared by reader.c, jsonl.c and warc.c.
 *
 * One sl_reader reads one input through a decoded-byte window (gzstream);
 * the format found in the first decoded bytes picks the item parser.
 *
 * Provenance offsets: a JSONL item is named by the decoded byte offset and
 * length of its line. A WARC record is named by the offset of its start:
 * in a plain .warc the file offset; in a .warc.gz with one gzip member per
 * record (Common Crawl) the compressed offset and length of its member, as
 * CC index files give them; in a .warc.gz compressed as one single stream,
 * the offset inside the decompressed stream.
 */
#ifndef SL_READER_INT_H
#define SL_READER_INT_H

#include "storyline.h"
#include "gzstream.h"
#include "../util/arena.h"
#include "../util/buf.h"

struct sl_reader {
    sl_gz in;
    FILE *f;
    int own_f;       /* opened by sl_reader_open: closed by sl_reader_close */
    char *name;      /* path or stream name, for provenance and errors */
    sl_limits lim;
    sl_format format;
    int done;        /* SL_END from now on */

    /* JSONL */
    uint64_t line_no;
    sl_buf line;     /* a line longer than the window, up to max_line_bytes */
    sl_arena scratch;/* JSON tree of the current line */

    /* WARC */
    sl_buf rec;      /* content block of the current record */
    sl_buf body;     /* decoded HTTP payload when it had to be transformed */
    uint64_t n_records, n_skipped;
};

/* Next item of each format: same contract as sl_reader_next. */
sl_status sl_jsonl_next(sl_reader *r, sl_article **out, sl_error *err);
sl_status sl_warc_next(sl_reader *r, sl_article **out, sl_error *err);

/* Records that held no article (warcinfo, requests, non-200, non-HTML). */

/* Copy s into the article's own arena (for provenance set after extraction). */
const char *sl_article_strdup(sl_article *a, const char *s);

#endif

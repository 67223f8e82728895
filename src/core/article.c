/* article.c — the public sl_article: names, freeing, JSON output. */
#include <stdio.h>
#include <string.h>

#include "draft.h"
#include "../util/buf.h"

const char *sl_status_name(sl_status s) {
    static const char *names[] = {"ok",        "end",        "io",       "nomem",
                                  "format",    "truncated",  "limit",    "encoding",
                                  "empty",     "store",      "argument"};
    return (unsigned)s < sizeof names / sizeof *names ? names[s] : "unknown";
}

const char *sl_date_source_name(sl_date_source s) {
    static const char *names[] = {NULL,     "field",    "jsonld",   "meta",
                                  "header", "url",      "dateline", "text"};
    return (unsigned)s < sizeof names / sizeof *names ? names[s] : NULL;
}

const char *sl_format_name(sl_format f) {
    static const char *names[] = {"unknown", "html", "text", "headertext", "jsonl", "warc"};
    return (unsigned)f < sizeof names / sizeof *names ? names[f] : "unknown";
}

const char *sl_block_kind_name(sl_block_kind k) {
    static const char *names[] = {"paragraph", "heading", "turn", "quote", "list_item", "pre"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "paragraph";
}

void sl_limits_default(sl_limits *lim) {
    lim->max_doc_bytes = 16u << 20;
    lim->max_line_bytes = 16u << 20;
    lim->max_depth = 512;
    lim->max_record_bytes = 64u << 20;
    lim->max_doc_seconds = 2.0;
}

void sl_article_free(sl_article *a) {
    if (!a)
        return;
    sl_arena arena = ((sl_article_owner *)a)->arena;
    sl_arena_free(&arena);
}

void sl_article_hash_hex(const sl_article *a, char out[33]) {
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[2 * i] = hex[a->hash[i] >> 4];
        out[2 * i + 1] = hex[a->hash[i] & 15];
    }
    out[32] = 0;
}

static void json_field(sl_buf *b, const char *key, const char *val) {
    sl_buf_printf(b, ",\"%s\":", key);
    if (val)
        sl_buf_json_str(b, val, strlen(val));
    else
        sl_buf_puts(b, "null");
}

int sl_article_write_json(const sl_article *a, FILE *out, int with_segments) {
    sl_buf b;
    sl_buf_init(&b);
    char hex[33];
    sl_article_hash_hex(a, hex);
    sl_buf_printf(&b, "{\"id\":\"%s\"", hex);
    json_field(&b, "title", a->title);
    json_field(&b, "published", a->published[0] ? a->published : NULL);
    json_field(&b, "published_from", sl_date_source_name(a->published_from));
    json_field(&b, "outlet", a->outlet);
    json_field(&b, "url", a->url);
    json_field(&b, "authors", a->authors);
    json_field(&b, "language", a->language);
    json_field(&b, "format", sl_format_name(a->format));
    sl_buf_puts(&b, ",\"source\":{");
    sl_buf_puts(&b, "\"path\":");
    if (a->prov.path)
        sl_buf_json_str(&b, a->prov.path, strlen(a->prov.path));
    else
        sl_buf_puts(&b, "null");
    sl_buf_printf(&b, ",\"offset\":%llu,\"length\":%llu", (unsigned long long)a->prov.offset,
                  (unsigned long long)a->prov.length);
    if (a->prov.record_id)
        json_field(&b, "record_id", a->prov.record_id);
    sl_buf_putc(&b, '}');
    if (a->warning[0])
        json_field(&b, "warning", a->warning);
    sl_buf_puts(&b, ",\"text\":");
    sl_buf_json_str(&b, a->text, a->text_len);
    sl_buf_puts(&b, ",\"blocks\":[");
    for (size_t i = 0; i < a->n_blocks; i++) {
        const sl_block *bl = &a->blocks[i];
        sl_buf_printf(&b, "%s{\"kind\":\"%s\",\"start\":%zu,\"end\":%zu", i ? "," : "",
                      sl_block_kind_name(bl->kind), bl->start, bl->end);
        if (bl->speaker)
            json_field(&b, "speaker", bl->speaker);
        sl_buf_putc(&b, '}');
    }
    sl_buf_putc(&b, ']');
    if (with_segments) {
        sl_buf_puts(&b, ",\"sentences\":[");
        for (size_t i = 0; i < a->n_sentences; i++)
            sl_buf_printf(&b, "%s[%zu,%zu]", i ? "," : "", a->sentences[i].start,
                          a->sentences[i].end);
        sl_buf_puts(&b, "],\"tokens\":[");
        for (size_t i = 0; i < a->n_tokens; i++)
            sl_buf_printf(&b, "%s[%u,%u]", i ? "," : "", a->tokens[i].start, a->tokens[i].end);
        sl_buf_putc(&b, ']');
    }
    sl_buf_putc(&b, '}');
    int rc = b.oom ? -1 : (fwrite(b.data, 1, b.len, out) == b.len ? 0 : -1);
    sl_buf_free(&b);
    return rc;
}

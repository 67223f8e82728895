/*
 * storyline.h — the public interface of libstoryline.
 *
 * libstoryline reads raw news (HTML pages, text scrapes, radio transcripts,
 * JSONL dumps, WARC streams), turns each document into a clean article with
 * dated metadata, segments it into sentences and tokens with byte offsets,
 * and keeps articles in a SQLite store.
 *
 * Conventions
 *   - Every function that can fail returns an sl_status; SL_OK is 0.
 *     A human-readable reason is written into the caller's sl_error when
 *     one is passed. The library never prints.
 *   - Strings are UTF-8 and NUL-terminated. Spans are byte offsets
 *     [start, end) into the article's clean text.
 *   - An sl_article is owned by whoever produced it (reader or sl_extract)
 *     and freed with sl_article_free(); everything it points to lives in
 *     the article's own arena.
 */
#ifndef STORYLINE_H
#define STORYLINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define SL_API __attribute__((visibility("default")))
#else
#define SL_API
#endif

#define SL_VERSION "0.1.0"

/* ---------------------------------------------------------------- status */

typedef enum sl_status {
    SL_OK = 0,
    SL_END,           /* no more items (not an error) */
    SL_ERR_IO,        /* cannot open/read/write */
    SL_ERR_NOMEM,     /* allocation failed */
    SL_ERR_FORMAT,    /* malformed input (bad JSON line, broken WARC record) */
    SL_ERR_TRUNCATED, /* input ends in the middle of an item */
    SL_ERR_LIMIT,     /* an explicit limit was hit (size, depth, time) */
    SL_ERR_ENCODING,  /* undecodable / binary content */
    SL_ERR_EMPTY,     /* nothing usable in the item */
    SL_ERR_STORE,     /* database error */
    SL_ERR_ARG        /* bad argument */
} sl_status;

typedef struct sl_error {
    sl_status status;
    char msg[256];
} sl_error;

SL_API const char *sl_status_name(sl_status s);

/* ---------------------------------------------------------------- limits */

/* Explicit bounds on every document; hitting one is an SL_ERR_LIMIT error
 * for that item, never unbounded memory or time. Zero fields mean default. */
typedef struct sl_limits {
    size_t max_doc_bytes;    /* one raw document (default 16 MiB) */
    size_t max_line_bytes;   /* one JSONL/text line (default 16 MiB) */
    size_t max_depth;        /* HTML/JSON nesting (default 512) */
    size_t max_record_bytes; /* one WARC record, decompressed (default 64 MiB) */
    double max_doc_seconds;  /* CPU time for one document (default 2 s) */
} sl_limits;

SL_API void sl_limits_default(sl_limits *lim);

/* --------------------------------------------------------------- article */

typedef enum sl_block_kind {
    SL_BLOCK_PARAGRAPH = 0,
    SL_BLOCK_HEADING,
    SL_BLOCK_TURN,      /* transcript turn: speaker + what they said */
    SL_BLOCK_QUOTE,     /* blockquote */
    SL_BLOCK_LIST_ITEM,
    SL_BLOCK_PRE
} sl_block_kind;

SL_API const char *sl_block_kind_name(sl_block_kind k);

typedef struct sl_block {
    sl_block_kind kind;
    size_t start, end;   /* span of the block's text in sl_article.text */
    const char *speaker; /* SL_BLOCK_TURN: speaker label as written, else NULL */
} sl_block;

typedef struct sl_sentence {
    size_t start, end;             /* byte span in text */
    size_t token_first, token_end; /* token index range [first, end) */
    int block;                     /* index of the enclosing block */
} sl_sentence;

typedef enum sl_token_kind {
    SL_TOK_WORD = 0,
    SL_TOK_NUMBER,
    SL_TOK_PUNCT,
    SL_TOK_SYMBOL,
    SL_TOK_URL
} sl_token_kind;

typedef struct sl_token {
    uint32_t start, end; /* byte span in text */
    sl_token_kind kind;
} sl_token;

/* Where the publication date came from, best first. */
typedef enum sl_date_source {
    SL_DATE_NONE = 0,
    SL_DATE_FIELD,    /* a structured field of the input (JSONL, WARC header) */
    SL_DATE_JSONLD,   /* schema.org datePublished */
    SL_DATE_META,     /* <meta> / <time> tags */
    SL_DATE_HEADER,   /* header-style text: YYYYMMDD line */
    SL_DATE_URL,      /* /2021/12/30/ in the URL */
    SL_DATE_DATELINE, /* a date line at the top of the body */
    SL_DATE_TEXT      /* a full date in the text itself */
} sl_date_source;

SL_API const char *sl_date_source_name(sl_date_source s);

typedef enum sl_format {
    SL_FORMAT_UNKNOWN = 0,
    SL_FORMAT_HTML,
    SL_FORMAT_TEXT,       /* plain text scrape (may hold transcript turns) */
    SL_FORMAT_HEADERTEXT, /* title line, YYYYMMDD line, URL line, body */
    SL_FORMAT_JSONL,
    SL_FORMAT_WARC
} sl_format;

SL_API const char *sl_format_name(sl_format f);

/* Where the raw bytes came from: file, byte offset and length of the
 * record inside it (a WARC record, a JSONL line; the whole file else). */
typedef struct sl_provenance {
    const char *path;
    uint64_t offset, length;
    const char *record_id; /* WARC-Record-ID or JSONL "id", may be NULL */
} sl_provenance;

typedef struct sl_article {
    const char *title;     /* may be "" */
    const char *url;       /* may be NULL */
    const char *outlet;    /* host name or outlet name, may be NULL */
    const char *authors;   /* "; "-joined, may be NULL */
    const char *language;  /* ISO 639-1, may be NULL */
    char published[32];    /* ISO 8601 date or date-time, "" if unknown */
    sl_date_source published_from;
    sl_format format;      /* the format of the raw item */

    const char *text;      /* clean article text, blocks joined by "\n\n" */
    size_t text_len;
    sl_block *blocks;
    size_t n_blocks;
    sl_sentence *sentences;
    size_t n_sentences;
    sl_token *tokens;
    size_t n_tokens;

    sl_provenance prov;
    uint8_t hash[16];      /* content hash of the normalized text */
    char warning[128];     /* non-fatal note ("truncated record"), "" if none */
} sl_article;

SL_API void sl_article_free(sl_article *a);

/* Serialize an article as one JSON object (no trailing newline).
 * with_segments adds sentences/tokens. Returns 0 or -1 on write error. */
SL_API int sl_article_write_json(const sl_article *a, FILE *out, int with_segments);

/* Hex string of the article's content hash (33 bytes with NUL). */
SL_API void sl_article_hash_hex(const sl_article *a, char out[33]);

/* -------------------------------------------------------------- extract */

typedef struct sl_extract_opts {
    const char *url;          /* known URL (WARC-Target-URI), may be NULL */
    const char *content_type; /* HTTP Content-Type, may carry charset */
    const char *path;         /* file name, a hint only */
    sl_format format;         /* SL_FORMAT_UNKNOWN: detect from content */
    const sl_limits *limits;  /* NULL: defaults */
} sl_extract_opts;

/* Detect the format of a document from its first bytes (the path is only a
 * tie-breaker). Compressed data gives SL_FORMAT_UNKNOWN: decompress first. */
SL_API sl_format sl_detect_format(const char *data, size_t len, const char *path);

/* Turn one raw document (HTML, text, header-style text) into an article.
 * JSONL and WARC hold many documents: use a reader for them. */
SL_API sl_status sl_extract(const char *data, size_t len, const sl_extract_opts *opts,
                            sl_article **out, sl_error *err);

/* --------------------------------------------------------------- reader */

/* A reader yields the articles of one input (file, stdin, memory) one by
 * one, streaming: a multi-GB WARC or JSONL never sits in memory. An item
 * that fails gives its error and the reader goes on with the next. */
typedef struct sl_reader sl_reader;

SL_API sl_status sl_reader_open(const char *path, const sl_limits *lim, sl_reader **out,
                                sl_error *err);
/* Read from an open stream (stdin); name is used in provenance/errors. */
SL_API sl_status sl_reader_open_file(FILE *f, const char *name, const sl_limits *lim,
                                     sl_reader **out, sl_error *err);
/* SL_OK with *out set (caller frees it), SL_END at end of input, or an
 * error for the current item (err names it); calling again continues. */
SL_API sl_status sl_reader_next(sl_reader *r, sl_article **out, sl_error *err);
SL_API sl_format sl_reader_format(const sl_reader *r);
SL_API uint64_t sl_reader_bytes_read(const sl_reader *r);
/* Items that held no article and are no error (non-HTML or non-200 WARC
 * records, warcinfo, requests). */
SL_API uint64_t sl_reader_skipped(const sl_reader *r);
SL_API void sl_reader_close(sl_reader *r);

/* List the regular files under path (itself if a file), recursively, in
 * byte-wise sorted order, skipping dot-files. *paths is malloc'ed; free with
 * sl_paths_free. Unreadable subdirectories are reported through cb. */
typedef void (*sl_walk_error_fn)(void *ud, const char *path, const char *msg);
SL_API sl_status sl_walk(const char *path, char ***paths, size_t *n, sl_walk_error_fn cb,
                         void *ud, sl_error *err);
SL_API void sl_paths_free(char **paths, size_t n);

/* ---------------------------------------------------------------- stories
 *
 * Copies, events and storylines, on a stream. Articles are added in
 * publication order; each is first checked against recent articles for a
 * copy (exact, near-duplicate, excerpt), then joins the closest open event of
 * its storyline or opens a new one. Events close after a time window without
 * new articles; storylines live longer and chain the events of one story.
 * Memory is bounded by the options, not by the length of the stream. Ids are
 * assigned in arrival order and never change. */

typedef enum sl_dup_kind {
    SL_DUP_NONE = 0,
    SL_DUP_EXACT,     /* the same words */
    SL_DUP_NEAR,      /* the same text with a changed lede, byline, ending */
    SL_DUP_CONTAINED, /* an excerpt of the earlier article */
    SL_DUP_CONTAINS   /* includes most of the earlier, shorter article */
} sl_dup_kind;
SL_API const char *sl_dup_kind_name(sl_dup_kind k);

#define SL_NO_DAY INT32_MIN /* an article without a publication date */
/* Days since 1970-01-01 of an ISO date ("2021-12-30", with or without a
 * time), SL_NO_DAY when NULL or not a date. */
SL_API int32_t sl_day_from_iso(const char *iso);

typedef struct sl_cluster_options {
    double event_threshold;     /* cosine to an event's centroid to join it */
    double storyline_threshold; /* cosine to a storyline's centroid to join it */
    int32_t event_window_days;     /* an event closes after this long idle */
    int32_t storyline_window_days; /* a storyline closes after this long idle */
    size_t max_open_events;     /* the least recently updated close first */
    size_t max_open_storylines;
    size_t max_recent_articles; /* the copy-detection window, in articles */
} sl_cluster_options;
SL_API void sl_cluster_options_default(sl_cluster_options *o);

typedef struct sl_cluster_input {
    const char *title;
    size_t title_len;
    const char *text;
    size_t text_len;
    int32_t day;      /* days since 1970-01-01, or SL_NO_DAY */
    const char *lang; /* ISO 639-1 code or NULL (English rules) */
} sl_cluster_input;

typedef struct sl_cluster_result {
    uint64_t event, storyline;   /* ids, from 1 */
    int new_event, new_storyline;
    float similarity;            /* to the event (1 for a copy, 0 when new) */
    sl_dup_kind dup_kind;
    uint64_t duplicate_of;       /* caller key of the canonical copy, when dup_kind */
    float dup_similarity;
} sl_cluster_result;

typedef struct sl_clusterer sl_clusterer;
SL_API sl_status sl_clusterer_new(const sl_cluster_options *o, sl_clusterer **out,
                                  sl_error *err);
SL_API void sl_clusterer_free(sl_clusterer *c);
/* Add one article under the caller's key (unique, e.g. the store id). */
SL_API sl_status sl_clusterer_add(sl_clusterer *c, uint64_t key, const sl_cluster_input *in,
                                  sl_cluster_result *out, sl_error *err);
/* Evidence for a storyline link: the terms an event and its storyline
 * share most, space-separated, into buf (always terminated). */
SL_API void sl_clusterer_link_terms(const sl_clusterer *c, uint64_t event, char *buf,
                                    size_t cap);
/* The whole state as bytes (malloc'ed) and back, so that incremental ingest
 * continues the same stream with the same ids. */
SL_API sl_status sl_clusterer_save(const sl_clusterer *c, unsigned char **buf, size_t *n,
                                   sl_error *err);
SL_API sl_status sl_clusterer_load(const unsigned char *buf, size_t n, sl_clusterer **out,
                                   sl_error *err);
SL_API size_t sl_clusterer_memory(const sl_clusterer *c);

/* ---------------------------------------------------------------- facts
 *
 * Who is involved, who said what, when, how many: per-article annotations,
 * each with its byte span in sl_article.text. Computed from the clean text,
 * its blocks (transcript turns carry speaker labels), sentences and tokens,
 * and the publication date (relative dates resolve against it). */

typedef enum sl_entity_type {
    SL_ENT_PERSON = 0,
    SL_ENT_ORG,
    SL_ENT_PLACE,
    SL_ENT_OTHER
} sl_entity_type;

SL_API const char *sl_entity_type_name(sl_entity_type t); /* PER ORG LOC MISC */

typedef enum sl_mention_kind {
    SL_MENTION_NAME = 0, /* a full name as written: "Yuri Ushakov" */
    SL_MENTION_SHORT,    /* a later short form: "Ushakov" */
    SL_MENTION_NOMINAL,  /* a description: "the Russian president" */
    SL_MENTION_PRONOUN,  /* "he", "she", where resolved */
    SL_MENTION_LABEL     /* a transcript speaker label: "PRICE" */
} sl_mention_kind;

typedef struct sl_mention {
    uint32_t start, end; /* byte span in text */
    sl_mention_kind kind;
    int32_t entity;      /* index into sl_facts.entities */
} sl_mention;

typedef struct sl_entity {
    const char *name;    /* the fullest name written in the article */
    sl_entity_type type;
    const char *role;    /* "White House press secretary", NULL if none */
    uint32_t role_start, role_end; /* where the role is stated; 0,0 if none */
    uint32_t n_mentions;
} sl_entity;

typedef enum sl_quote_kind {
    SL_QUOTE_DIRECT = 0, /* "…," Ushakov said */
    SL_QUOTE_INDIRECT,   /* Sullivan said the US believes … */
    SL_QUOTE_PARTIAL,    /* a few quoted words inside a sentence */
    SL_QUOTE_TRANSCRIPT  /* a transcript turn */
} sl_quote_kind;

SL_API const char *sl_quote_kind_name(sl_quote_kind k);

typedef struct sl_quote {
    uint32_t start, end;                 /* what was said, without the marks */
    sl_quote_kind kind;
    uint32_t speaker_start, speaker_end; /* the speaker as written; 0,0 if none */
    uint32_t cue_start, cue_end;         /* "said", "according to"; 0,0 if none */
    int32_t entity;                      /* speaker entity, -1 if none */
} sl_quote;

/* The transcript label ("PRICE") of the turn a quote lies in, as written,
 * or NULL: a label is not part of the text, so no span can point at it. */
SL_API const char *sl_quote_label(const sl_article *a, const sl_quote *q);

typedef enum sl_timex_type {
    SL_TIMEX_DATE = 0,
    SL_TIMEX_TIME,
    SL_TIMEX_DURATION,
    SL_TIMEX_SET
} sl_timex_type;

SL_API const char *sl_timex_type_name(sl_timex_type t); /* DATE TIME DURATION SET */

typedef struct sl_timex {
    uint32_t start, end;
    sl_timex_type type;
    char value[32]; /* TIMEX3 value: 2021-12-30, 2022-01, P2H, XXXX-WXX-4, PAST_REF */
    char mod[12];   /* TIMEX3 mod: MORE_THAN, APPROX, MID, START, ...; "" if none */
} sl_timex;

/* How a number is hedged; a hedged value keeps its bounds. */
typedef enum sl_bound {
    SL_BOUND_EXACT = 0,
    SL_BOUND_APPROX,    /* about, around, nearly, almost, close to */
    SL_BOUND_AT_LEAST,  /* at least, as many as ... from below */
    SL_BOUND_MORE_THAN, /* more than, over */
    SL_BOUND_AT_MOST,   /* up to, as many as, no more than */
    SL_BOUND_LESS_THAN  /* fewer than, under */
} sl_bound;

SL_API const char *sl_bound_name(sl_bound b);

typedef struct sl_quantity {
    uint32_t start, end;           /* the whole expression, hedge to unit */
    double value;                  /* normalized: "$650 million" gives 650000000 */
    double low, high;              /* a range ("9 to 10"); both = value otherwise */
    sl_bound bound;
    char change[8];                /* "up", "down" for a change, "" otherwise */
    const char *unit;              /* normalized singular unit: "dollar", "troop",
                                      "minute", "percent"; "" for a bare number */
    uint32_t unit_start, unit_end; /* 0,0 if no unit is written */
    uint32_t about_start, about_end; /* what it is about, where the sentence says */
} sl_quantity;

typedef struct sl_facts {
    sl_entity *entities;
    size_t n_entities;
    sl_mention *mentions; /* in text order */
    size_t n_mentions;
    sl_quote *quotes;     /* in text order */
    size_t n_quotes;
    sl_timex *timexes;    /* in text order */
    size_t n_timexes;
    sl_quantity *quantities;
    size_t n_quantities;
    char inferred_date[11]; /* YYYY-MM-DD when the article had no date, else "" */
    int32_t inferred_from;  /* the timex that date comes from, -1 if none */
    struct sl_facts_priv *priv;
} sl_facts;

/* Annotate one article. Its text must be segmented (every article from
 * sl_extract or a reader is; see sl_article_from_text for raw text). */
SL_API sl_status sl_annotate(const sl_article *a, sl_facts **out, sl_error *err);
SL_API void sl_facts_free(sl_facts *f);

/* An article over text taken as given (no cleaning, so spans are offsets
 * into exactly these bytes): one block per non-empty line, a transcript
 * turn where a line starts with a speaker label, segmented. published may
 * be NULL or "". The text is copied. */
SL_API sl_status sl_article_from_text(const char *text, size_t len, const char *published,
                                      sl_article **out, sl_error *err);

/* An article from one JSON object {"id"|"doc_id", "text", "date"|"dct"?,
 * "title"?}, its text taken as given as by sl_article_from_text; the id
 * goes to prov.record_id. */
SL_API sl_status sl_article_from_json(const char *line, size_t n, sl_article **out,
                                      sl_error *err);

/* One entity per real person (place, organization) across articles:
 * spelling and transliteration variants and short forms of one name meet,
 * two people who share only a surname do not. Online and stable: a name
 * keeps the cluster id it got. */
typedef struct sl_entity_index sl_entity_index;
SL_API sl_entity_index *sl_entity_index_new(void);
SL_API void sl_entity_index_free(sl_entity_index *x);
/* The cluster of entity name (type t) seen in document doc; 0, or -1
 * when out of memory. */
SL_API int sl_entity_index_add(sl_entity_index *x, uint64_t doc, const char *name,
                               sl_entity_type t, uint32_t *cluster);

/* One JSON object {"entities":[…],"quotes":[…],"timexes":[…],"quantities":[…]}
 * with byte spans and the spanned text; no trailing newline. */
SL_API int sl_facts_write_json(const sl_facts *f, const sl_article *a, FILE *out);

/* ---------------------------------------------------------------- store */

typedef struct sl_store sl_store;

SL_API sl_status sl_store_open(const char *path, sl_store **out, sl_error *err);
/* Closing with a batch open rolls that batch back. */
SL_API void sl_store_close(sl_store *s);

/* Articles are added inside batches; a batch is one transaction. */
SL_API sl_status sl_store_begin(sl_store *s, sl_error *err);
SL_API sl_status sl_store_commit(sl_store *s, sl_error *err);

/* After a run that added `added` articles (outside a batch): merges the
 * full-text index into one segment when that is a tenth of the store or
 * more, which makes searches faster; otherwise does nothing. */
SL_API sl_status sl_store_compact_index(sl_store *s, int64_t added, sl_error *err);

/* Add an article: *id receives its id; *is_new is 0 when the same content
 * was already stored (its provenance is added, nothing else). */
SL_API sl_status sl_store_add(sl_store *s, const sl_article *a, int64_t *id, int *is_new,
                              sl_error *err);

typedef struct sl_article_row {
    int64_t id;
    const char *title, *url, *outlet, *authors, *language;
    const char *published, *published_from, *format;
    const char *text; /* NULL in listings */
    int64_t n_sources;
} sl_article_row;

/* Callback-style iteration; returning non-zero from cb stops early. */
typedef int (*sl_row_fn)(void *ud, const sl_article_row *row);

SL_API sl_status sl_store_list(sl_store *s, int64_t limit, int64_t offset, sl_row_fn cb,
                               void *ud, sl_error *err);
/* Row and hit strings are valid during the callback only. */
SL_API sl_status sl_store_get(sl_store *s, int64_t id, sl_row_fn cb, void *ud, sl_error *err);
/* Rebuild the full article (blocks, sentences, first provenance) from the
 * store. sl_store_get and sl_store_load return SL_END when no article has
 * that id. */
SL_API sl_status sl_store_load(sl_store *s, int64_t id, sl_article **out, sl_error *err);
/* Every place the article was seen (file, offset, length, record id), in
 * the order they were ingested. */
typedef int (*sl_source_fn)(void *ud, const sl_provenance *p);
SL_API sl_status sl_store_sources(sl_store *s, int64_t id, sl_source_fn cb, void *ud,
                                  sl_error *err);

typedef struct sl_search_hit {
    int64_t id;
    const char *title, *published, *outlet;
    const char *snippet; /* with [ ] around matches */
    double rank; /* higher is better */
} sl_search_hit;
typedef int (*sl_hit_fn)(void *ud, const sl_search_hit *hit);

/* FTS5 query syntax (phrases, prefix*, AND/OR/NOT); a syntax error is
 * SL_ERR_ARG with the reason, never a crash. */
/* The facts stored with article id (computed when it was added); SL_END
 * when it has none. Free with sl_facts_free. */
SL_API sl_status sl_store_facts(sl_store *s, int64_t id, sl_facts **out, sl_error *err);

SL_API sl_status sl_store_search(sl_store *s, const char *query, int64_t limit, sl_hit_fn cb,
                                 void *ud, sl_error *err);

SL_API sl_status sl_store_count(sl_store *s, int64_t *n_articles, int64_t *n_sources,
                                sl_error *err);

/* Stories in the store. Clustering reads the articles not yet clustered in
 * publication order (undated last), continues the saved clusterer state and
 * records each article's event, storyline and copy relation, all in one
 * transaction (a savepoint when a batch is open). Articles are never
 * removed: copies stay loadable and are only folded in listings. rebuild
 * forgets every clustering row and the state and re-clusters the whole
 * store from scratch. */
typedef struct sl_cluster_stats {
    int64_t articles;             /* clustered by this call */
    int64_t copies;               /* of which copies of an earlier article */
    int64_t events, storylines;   /* opened by this call */
    int64_t total_events, total_storylines, total_copies; /* in the store after */
} sl_cluster_stats;

SL_API sl_status sl_store_cluster(sl_store *s, int rebuild, sl_cluster_stats *st,
                                  sl_error *err);

/* One storyline in a listing. Days are "YYYY-MM-DD", NULL when no member
 * is dated. Article counts exclude copies; outlets count distinct outlets
 * of every member, copies included. */
typedef struct sl_storyline_row {
    int64_t id;
    const char *title; /* may be "" */
    const char *first_day, *last_day;
    int64_t n_events, n_articles, n_copies, n_outlets;
} sl_storyline_row;
typedef int (*sl_storyline_fn)(void *ud, const sl_storyline_row *row);

/* Storylines newest first (last day, undated last, then id). */
SL_API sl_status sl_store_stories(sl_store *s, int64_t limit, int64_t offset,
                                  sl_storyline_fn cb, void *ud, sl_error *err);

/* The storyline and event an article belongs to, and the article it is a
 * copy of (0 if none); SL_END when the article is not clustered (yet). */
SL_API sl_status sl_store_article_story(sl_store *s, int64_t id, int64_t *storyline,
                                        int64_t *event, int64_t *copy_of, sl_error *err);

/* Which storylines to list; NULL or "" fields do not filter. */
typedef struct sl_story_filter {
    const char *from, *to; /* "YYYY-MM-DD": storylines overlapping these days */
    const char *outlet;    /* one of its articles is from this outlet (any case) */
    const char *entity;    /* one of its articles names this entity (any case) */
} sl_story_filter;
/* sl_store_stories with a filter (NULL: all). */
SL_API sl_status sl_store_stories_where(sl_store *s, const sl_story_filter *f, int64_t limit,
                                        int64_t offset, sl_storyline_fn cb, void *ud,
                                        sl_error *err);

typedef enum sl_story_kind {
    SL_STORY_STORYLINE = 1,
    SL_STORY_EVENT,
    SL_STORY_ARTICLE, /* a member shown in its own right: a family's canonical */
    SL_STORY_COPY     /* folded under the SL_STORY_ARTICLE row before it */
} sl_story_kind;

/* One row of a story walk. Storyline and event rows fill the summary
 * fields, article and copy rows the member fields. */
typedef struct sl_story_row {
    sl_story_kind kind;
    int64_t id; /* of the storyline, event or article */
    int64_t storyline, event;
    const char *title; /* may be "" */
    /* storyline, event */
    const char *first_day, *last_day;
    int64_t n_events, n_articles, n_copies, n_outlets;
    const char *link_terms; /* event: what ties it to its storyline, or NULL */
    const char *link_entities; /* event: names it shares with the storyline's other
                                * events, "; "-separated, or NULL */
    /* article, copy */
    const char *published, *outlet, *url; /* may be NULL */
    int undated;
    double similarity;      /* to its event when it joined (0 for an opener) */
    int64_t n_folded;       /* article: copies folded under it */
    sl_dup_kind dup_kind;   /* copy: how it relates to the article above */
    double dup_similarity;
} sl_story_row;
typedef int (*sl_story_fn)(void *ud, const sl_story_row *row);

/* Walk one storyline (kind SL_STORY_STORYLINE: its row, then its events
 * newest first, each followed by its members) or one event (its row, then
 * its members). Members come oldest first (undated last); each copy family
 * shows once, as its most complete member (the longest text, then the
 * earliest), followed by the others as copies. SL_END when no such id. */
SL_API sl_status sl_store_story(sl_store *s, sl_story_kind kind, int64_t id, sl_story_fn cb,
                                void *ud, sl_error *err);

/* ---------------------------------------------------------------- synthesis
 *
 * The story as a careful editor would write it from many reports: entities
 * merged across articles, quotes grouped by speaker with every outlet that
 * reports them, numbers and dates grouped by what they are about with the
 * sources that agree and those that differ, a timeline, and a short
 * extractive summary whose every sentence cites its articles. Every item
 * points at byte spans of the members' texts. */

typedef struct sl_evidence {
    uint32_t member;     /* index into the members (sl_summarize: into docs) */
    uint32_t start, end; /* byte span in that member's article text */
} sl_evidence;

/* ---- summary */

typedef struct sl_summary_sentence {
    /* sources[0] is the sentence shown; the others state the same thing
     * (other outlets, copies), each with its own span. */
    sl_evidence *sources;
    size_t n_sources;
    /* The words shown when pieces of sources[0]'s span were cut out (an
     * aside, an appositive, a clause: compression); NULL when the span's
     * text is shown as is. The span stays the evidence. */
    const char *text;
} sl_summary_sentence;

typedef struct sl_summary {
    sl_summary_sentence *sentences; /* in reading order */
    size_t n_sentences;
    struct sl_summary_priv *priv;
} sl_summary;

typedef struct sl_summary_options {
    size_t max_words; /* length bound in words (whitespace-separated); 100 */
    /* 1: a story told over several days ends with its latest development:
     * of the newest day that several documents report, the sentence saying
     * most of what no earlier document said is chosen first (in at most
     * half the budget), the rest by coverage. 0 (default): by coverage
     * alone, as for one cluster of documents. */
    int latest;
} sl_summary_options;
SL_API void sl_summary_options_default(sl_summary_options *o);

/* An extractive summary of n segmented articles about one story:
 * redundancy-aware, in chronological and reading order, at most max_words
 * words (the last sentence may not be cut, so a summary can be shorter). */
SL_API sl_status sl_summarize(const sl_article *const *docs, size_t n,
                              const sl_summary_options *o, sl_summary **out, sl_error *err);
SL_API void sl_summary_free(sl_summary *s);

/* ---- synthesis of a set of articles */

typedef struct sl_synth_member {
    const sl_article *article;
    const sl_facts *facts; /* NULL: the member only gives summary sentences */
    int64_t id;            /* store id, or the caller's key */
    int64_t event;         /* its event, 0 when not known */
    int32_t copy_of;       /* member index of the canonical copy, -1 if none */
    int32_t day;           /* publication (or inferred) day, SL_NO_DAY if none */
} sl_synth_member;

typedef struct sl_story_entity {
    const char *name;       /* the spelling most members use */
    sl_entity_type type;
    const char *role;       /* the role most often stated, NULL if none */
    const char **variants;  /* other spellings of the full name */
    size_t n_variants;
    sl_evidence *mentions;  /* every mention, by member then position */
    size_t n_mentions;
    uint32_t n_members;     /* members that mention it */
} sl_story_entity;

typedef struct sl_story_quote {
    int32_t speaker;        /* index into entities, -1 when unknown */
    sl_quote_kind kind;
    /* The same words in every member that reports them, the fullest
     * wording first. */
    sl_evidence *sources;
    size_t n_sources;
} sl_story_quote;

typedef enum sl_slot_kind { SL_SLOT_QUANTITY = 0, SL_SLOT_DATE } sl_slot_kind;

typedef struct sl_slot_value {
    const char *text;        /* as the first source writes it: "close to an hour" */
    char value[32];          /* normalized: TIMEX3 value, or the number ("50") */
    double low, high;        /* what the hedge allows: quantity in unit, date in days */
    const char *unit;        /* quantity unit ("minute"), "" for dates */
    int32_t first_day, last_day; /* publication days of its sources */
    sl_evidence *sources;
    size_t n_sources;
} sl_slot_value;

typedef struct sl_slot {
    sl_slot_kind kind;
    const char *about;       /* what the values measure, in the articles' words */
    sl_slot_value *values;   /* most sources first */
    size_t n_values;
} sl_slot;

typedef enum sl_conflict_kind {
    SL_CONFLICT_HARD = 0, /* cannot both be true: "January 9 and 10" vs "January 10" */
    SL_CONFLICT_SOFT,     /* differ, but hedges make them compatible */
    SL_CONFLICT_CHANGE,   /* differ because time passed between the reports */
    SL_CONFLICT_VARIANT   /* two spellings of one name */
} sl_conflict_kind;
SL_API const char *sl_conflict_kind_name(sl_conflict_kind k); /* hard soft change variant */

typedef struct sl_conflict_side {
    const char *text;        /* the value or spelling as written */
    sl_evidence *sources;
    size_t n_sources;
} sl_conflict_side;

typedef struct sl_conflict {
    sl_conflict_kind kind;
    int32_t slot;            /* index into slots, -1 for a spelling variant */
    int32_t entity;          /* variant: index into entities, else -1 */
    sl_conflict_side a, b;   /* a: more sources (for a change: the earlier) */
    const char *why;         /* one line for a reader */
} sl_conflict;

typedef struct sl_timeline_item {
    char value[32];          /* TIMEX3 date: 2022-01-10, 2021-12, 2014 */
    int32_t day;             /* its first day, for ordering */
    const char *what;        /* what happened then, in the first source's words */
    sl_evidence *sources;    /* the date's mention in each member that states it */
    size_t n_sources;
    int32_t conflict;        /* index into conflicts when disputed, else -1 */
} sl_timeline_item;

typedef struct sl_synthesis {
    const sl_synth_member *members;
    size_t n_members;
    sl_story_entity *entities;   /* most members first */
    size_t n_entities;
    sl_story_quote *quotes;      /* by speaker (most quoted first), then first report */
    size_t n_quotes;
    sl_slot *slots;
    size_t n_slots;
    sl_conflict *conflicts;      /* hard first, then soft, change, variant */
    size_t n_conflicts;
    sl_timeline_item *timeline;  /* by day */
    size_t n_timeline;
    sl_summary *summary;         /* evidence members index the members above */
    /* What it is, for reports: filled by sl_store_synthesis. */
    sl_story_kind kind;          /* SL_STORY_STORYLINE or SL_STORY_EVENT, 0 if neither */
    int64_t id;
    const char *title;           /* "" if none */
    struct sl_synthesis_priv *priv;
} sl_synthesis;

typedef struct sl_synth_options {
    size_t summary_words; /* 100 */
} sl_synth_options;
SL_API void sl_synth_options_default(sl_synth_options *o);

/* Synthesize members (the articles stay the caller's and must outlive the
 * result). Copies (copy_of >= 0) add citations, never new content. */
SL_API sl_status sl_synthesize(const sl_synth_member *m, size_t n, const sl_synth_options *o,
                               sl_synthesis **out, sl_error *err);
SL_API void sl_synthesis_free(sl_synthesis *s);

/* The synthesis of one storyline or event of the store, which owns the
 * members it loads. SL_END when no such id. */
SL_API sl_status sl_store_synthesis(sl_store *s, sl_story_kind kind, int64_t id,
                                    const sl_synth_options *o, sl_synthesis **out,
                                    sl_error *err);

/* ---- report */

typedef enum sl_report_format {
    SL_REPORT_JSON = 0, /* the whole structure, spans and texts */
    SL_REPORT_MD,       /* Markdown for a reader */
    SL_REPORT_HTML      /* one self-contained page, no network */
} sl_report_format;

SL_API sl_status sl_report_write(const sl_synthesis *s, sl_report_format f, FILE *out,
                                 sl_error *err);

/* ---------------------------------------------------------------- serve
 *
 * An HTTP server over one store: the JSON API under /api/v1/ and the web
 * pages. One internal thread with epoll serves every connection; the store
 * is read in WAL mode, so another process may ingest meanwhile. Every limit
 * is explicit; requests past one get a 4xx with a JSON error. */

typedef struct sl_server_options {
    const char *db;              /* the store's file */
    const char *host;            /* "127.0.0.1" */
    uint16_t port;               /* 8080; 0 picks a free port */
    int allow_ingest;            /* POST /api/v1/articles; off by default */
    size_t max_body_bytes;       /* one request body (8 MiB) */
    size_t max_header_bytes;     /* request line and headers (16 KiB) */
    unsigned max_connections;    /* at once (16,000) */
    unsigned idle_seconds;       /* a connection idle this long is closed (15) */
    unsigned max_page;           /* items per page (200) */
    unsigned query_ms;           /* one request's store time (2,000 ms) */
} sl_server_options;
SL_API void sl_server_options_default(sl_server_options *o);

typedef struct sl_server sl_server;
/* Open the store and start listening; returns once the socket is bound. */
SL_API sl_status sl_server_start(const sl_server_options *o, sl_server **out, sl_error *err);
SL_API uint16_t sl_server_port(const sl_server *s); /* the bound port */
/* Stop accepting, finish nothing further, close the store. */
SL_API void sl_server_stop(sl_server *s);

#ifdef __cplusplus
}
#endif
#endif /* STORYLINE_H */

/* story_json.h — a storyline or event as compact JSON for the API.
 *
 * The report JSON (sl_report_write) repeats every article's text and the
 * text of every span, which makes a storyline's answer many times larger
 * than what a client needs to draw it. This writer lists each article once
 * (id, title, outlet, dates, no text) and gives every span by reference:
 * [article id, start byte, end byte] into that article's text, which
 * GET /api/v1/articles/{id} returns. Summary sentences carry their words
 * (the compressed text when the summarizer cut pieces out), since they are
 * what a reader sees first. Output depends only on the synthesis. */
#ifndef SL_STORY_JSON_H
#define SL_STORY_JSON_H
#include "storyline.h"
#include "../util/buf.h"

/* Append the story's JSON (one line, "\n"-terminated) to b; 0, or -1 when
 * memory ran out (b->oom). */
int sl_story_json(const sl_synthesis *s, sl_buf *b);

#endif

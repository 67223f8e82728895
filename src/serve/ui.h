/* ui.h — the web pages: server-rendered HTML that reads without JavaScript.
 *
 * sl_ui_handle answers every path outside /api/: the storyline list with
 * search (/), a storyline or event (/s/ID, /e/ID: the report page), and an
 * article with its facts marked in the text (/a/ID, ?hl=START-END marks a
 * cited span). It fills the same sl_reply as the API. */
#ifndef SL_UI_H
#define SL_UI_H
#include "api.h"

void sl_ui_handle(sl_api *api, const sl_request *rq, sl_reply *r);

#endif

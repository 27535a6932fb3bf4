/* layout.h - the frame of every page: head, header with the site name and navigation, the
 * language switch, the main landmark and the footer, all in the request's language. */
#ifndef KL_WEB_LAYOUT_H
#define KL_WEB_LAYOUT_H

#include "render/html.h"

struct request;

enum nav_section {
    NAV_NONE = 0,
    NAV_HOME,
    NAV_REGIONS,
    NAV_CLUSTERS,
    NAV_MUNICIPALITIES,
    NAV_FORUMS,
    NAV_MEETINGS,
    NAV_PLANS,
    NAV_INDICATORS,
    NAV_PEOPLE,
    NAV_AUDIT,
    NAV_ACCOUNT,
};

/* Starts the page in r->res.body: writes everything up to and including <main> and the
 * page's <h1>title</h1>. h is initialised over the response body. */
void page_begin(struct request *r, struct html *h, const char *title, enum nav_section active);

/* Closes main and writes the footer. Returns 0, or the writer's error (with r->err set). */
int page_end(struct request *r, struct html *h);

#endif

/* plan_pages.h - the action-plan pages that the form handlers show again with the problems
 * of a form sent back (pages_initiative.c for posts_initiative.c). Private to src/web. */
#ifndef KL_WEB_PLAN_PAGES_H
#define KL_WEB_PLAN_PAGES_H

#include <stdint.h>

struct request;
struct field_errors;
struct form;

/* The page of initiative id; fe and sent (may be NULL) are a form sent back with problems,
 * named by its hidden "form" field ("milestone", "funds", "carry", "adopt", "order"). */
int initiative_page(struct request *r, int64_t id, const struct field_errors *fe,
                    const struct form *sent);

#endif

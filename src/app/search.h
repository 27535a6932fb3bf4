/* search.h - the search use case: agenda items found by Danish words in their title,
 * recommendation, case presentation and decision, as the principal may see them (the rule
 * of meeting_agenda.h: closed items and unpublished agendas only for PERM_FORUM_INTERNAL of
 * the forum, decisions and outcomes only once the minutes are published or for internal),
 * filtered by cluster, forum, year, room and outcome, a page at a time. */
#ifndef KL_APP_SEARCH_H
#define KL_APP_SEARCH_H

#include "store/search.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct principal;
struct kl_error;

#define SEARCH_PER_PAGE 20
#define SEARCH_PAGE_MAX 500

struct search_request {
    const char *q;           /* the user's text (search_query.h) */
    const char *cluster;     /* cluster code; NULL or "": any */
    int64_t forum_id;        /* 0: any */
    int year;                /* 0: any */
    const char *room;        /* room name ("informing", ...); NULL or "": any */
    const char *outcome;     /* outcome name ("approved", ...); NULL or "": any */
    int page;                /* 1 and up */
};

struct search_result {
    struct search_hit *hits; /* title and snippet carry SEARCH_MARK_START/END */
    size_t n;
    int more;                /* a further page exists */
    int page;
};

/* Runs the search r as who. Returns 0; KL_EINVAL with a message for the user (a msgid) when
 * the text or a filter is not valid (an unknown room, outcome or year, a page out of range, nothing
 * to look for); KL_ENOMEM or KL_EDB. */
int app_search(struct store *st, struct arena *a, const struct principal *who,
               const struct search_request *r, struct search_result *out, struct kl_error *err);

#endif

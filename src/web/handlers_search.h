/* handlers_search.h - the search handlers, named in the route table (route_table.c): the
 * search page and its JSON twin. Both are PERM_PUBLIC routes: app_search shows each
 * principal only what the meeting readers would (docs/search.md). Conventions as in
 * handlers.h. */
#ifndef KL_WEB_HANDLERS_SEARCH_H
#define KL_WEB_HANDLERS_SEARCH_H

struct request;

/* GET /search?q=&cluster=&forum=&year=&room=&outcome=&page=: the search form, and the hits
 * with highlighted snippets linking to /meetings/{id}#item-{item}. */
int page_search(struct request *r);

/* GET /api/v1/search?q=&cluster=&forum=&year=&room=&outcome=&page=: {"query", "page",
 * "more", "results": [{"item_id", "meeting_id", "forum_id", "forum", "meeting", "day",
 * "number", "title", "snippet", "rooms", "outcome", "url"}]}; title and snippet are plain
 * text with the matches between "[" "]"... see docs/search.md for the exact markers. */
int api_search(struct request *r);

#endif

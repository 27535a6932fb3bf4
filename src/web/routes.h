/* routes.h - the route table: each route names its method, path pattern, handler and the
 * permission a principal needs, so that access is decided in one place before any handler
 * runs. Patterns are literal segments and {name} segments that match one non-empty path
 * segment, handed to the handler as r->params in order. */
#ifndef KL_WEB_ROUTES_H
#define KL_WEB_ROUTES_H

#include "app/permission.h"

#include <stddef.h>

struct arena;
struct request;

typedef int (*route_handler)(struct request *r);

struct route {
    const char *method;  /* "GET" (also serves HEAD), "POST" */
    const char *pattern; /* "/clusters/{code}" */
    route_handler handler;
    enum permission perm;
    int flags;           /* ROUTE_... */
};

/* The handler checks the CSRF token itself (the login form, before there is a session);
 * every other state-changing route gets the session's CSRF token checked by the server. */
#define ROUTE_OWN_CSRF 1

/* The table, terminated by an entry with a NULL method. */
extern const struct route web_routes[];

enum route_match {
    ROUTE_FOUND = 0,
    ROUTE_NO_PATH = 1,   /* no route has this path: 404 */
    ROUTE_NO_METHOD = 2, /* the path exists, not with this method: 405 */
};

/* Finds the route for method and path in table. On ROUTE_FOUND, *out is the route and the
 * path parameters are copied (NUL-terminated, into arena a) to params/nparams (at most
 * max). On ROUTE_NO_METHOD, allow (at least 32 bytes) lists the methods the path has. */
enum route_match route_find(const struct route *table, const char *method, const char *path,
                            struct arena *a, const char **params, size_t max,
                            size_t *nparams, const struct route **out, char *allow,
                            size_t allow_size);

#endif

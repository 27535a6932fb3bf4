/* routes.c - path matching for the route table (the table itself is in route_table.c). */
#include "web/routes.h"
#include "core/arena.h"

#include <stdio.h>
#include <string.h>

/* Matches path against pattern; on success copies the {name} segments to params. */
static int match(const char *pattern, const char *path, struct arena *a, const char **params,
                 size_t max, size_t *nparams)
{
    size_t np = 0;

    while (*pattern && *path) {
        if (*pattern != '/' || *path != '/')
            return 0;
        pattern++;
        path++;
        size_t plen = strcspn(pattern, "/"), slen = strcspn(path, "/");
        if (plen >= 2 && pattern[0] == '{' && pattern[plen - 1] == '}') {
            if (slen == 0 || np >= max)
                return 0;
            if (params) {
                params[np] = arena_strndup(a, path, slen);
                if (!params[np])
                    return 0;
            }
            np++;
        } else if (plen != slen || memcmp(pattern, path, plen) != 0) {
            return 0;
        }
        pattern += plen;
        path += slen;
    }
    if (*pattern || *path)
        return 0;
    *nparams = np;
    return 1;
}

static int same_method(const char *route_method, const char *method)
{
    return strcmp(route_method, method) == 0 ||
           (strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0);
}

enum route_match route_find(const struct route *table, const char *method, const char *path,
                            struct arena *a, const char **params, size_t max,
                            size_t *nparams, const struct route **out, char *allow,
                            size_t allow_size)
{
    int path_known = 0;
    size_t used = 0;

    allow[0] = '\0';
    for (const struct route *rt = table; rt->method; rt++) {
        size_t np;
        if (!match(rt->pattern, path, a, NULL, max, &np))
            continue;
        if (same_method(rt->method, method)) {
            match(rt->pattern, path, a, params, max, nparams);
            *out = rt;
            return ROUTE_FOUND;
        }
        path_known = 1;
        if (!strstr(allow, rt->method)) {
            int w = snprintf(allow + used, allow_size - used, "%s%s%s", used ? ", " : "",
                             rt->method, strcmp(rt->method, "GET") == 0 ? ", HEAD" : "");
            if (w > 0 && (size_t)w < allow_size - used)
                used += (size_t)w;
        }
    }
    return path_known ? ROUTE_NO_METHOD : ROUTE_NO_PATH;
}

/* request.c - request accessors and response helpers for handlers (see request.h). */
#include "web/request.h"
#include "core/arena.h"

#include <microhttpd.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *req_query(struct request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(struct request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

int req_is_api(const struct request *r)
{
    return strncmp(r->path, "/api/", 5) == 0 || strcmp(r->path, "/api") == 0;
}

int res_header(struct request *r, const char *name, const char *value)
{
    if (r->res.nheaders >= RES_MAX_HEADERS)
        return kl_error_set(&r->err, KL_ELIMIT, "too many response headers");
    r->res.hname[r->res.nheaders] = name;
    r->res.hvalue[r->res.nheaders] = value;
    r->res.nheaders++;
    return 0;
}

int res_redirect(struct request *r, const char *location)
{
    if (!location || location[0] != '/' || location[1] == '/' || location[1] == '\\')
        return kl_error_set(&r->err, KL_EINVAL, "redirect to a non-local address refused");
    r->res.status = 303;
    return res_header(r, "Location", location);
}

int req_fail(struct request *r, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    kl_error_setv(&r->err, code, fmt, ap);
    va_end(ap);
    return code;
}

static int parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    long v;

    if (!s || !*s || *s == ' ' || *s == '+')
        return -1;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int req_param_int(struct request *r, size_t i, long min, long max, long *out)
{
    if (i >= r->nparams || parse_long(r->params[i], min, max, out))
        return req_fail(r, KL_ENOTFOUND, "%s", T_(r, "There is no page at this address."));
    return 0;
}

int req_query_int(struct request *r, const char *name, long min, long max, long *out)
{
    const char *v = req_query(r, name);

    if (!v || !*v)
        return 0;
    if (parse_long(v, min, max, out))
        return req_fail(r, KL_EINVAL, "%s '%s': %s %ld-%ld", T_(r, "The parameter"), name,
                        T_(r, "expected a whole number in"), min, max);
    return 0;
}

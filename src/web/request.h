/* request.h - one HTTP request as the handlers see it, and the response they fill.
 *
 * The server makes a struct request per request with its own arena (all per-request memory
 * comes from it and is released in one go when the response has been sent), a database
 * connection lent from the pool, the language of the interface and the principal behind the
 * request. A handler fills r->res (status, body, type, extra headers) and returns 0, or
 * returns a negative KL_E... code with r->err filled; the server then sends the matching
 * error page (HTML) or error object (JSON, for paths under /api/). */
#ifndef KL_WEB_REQUEST_H
#define KL_WEB_REQUEST_H

#include "app/principal.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/i18n.h"

#include <stddef.h>
#include <stdint.h>

struct MHD_Connection;
struct arena;
struct store;
struct server_config;

#define REQ_MAX_PARAMS 4
#define RES_MAX_HEADERS 8

struct response {
    int status;               /* HTTP status; 200 unless set */
    const char *content_type; /* "text/html; charset=utf-8" unless set */
    const char *cache;        /* Cache-Control value; "no-store" unless set */
    struct buf body;
    const char *hname[RES_MAX_HEADERS];
    const char *hvalue[RES_MAX_HEADERS];
    size_t nheaders;
};

struct request {
    struct MHD_Connection *conn;
    const struct server_config *cfg;
    const char *method;    /* "GET", "HEAD", "POST", ... */
    const char *path;      /* decoded path, "/clusters/RM-AARHUS" */
    const char *params[REQ_MAX_PARAMS]; /* path parameters, in pattern order */
    size_t nparams;
    struct arena *arena;
    struct store *store;
    enum i18n_language lang;
    struct principal who;
    int64_t now;           /* Unix seconds at the start of the request */
    const char *client;    /* client address as text */
    struct buf body;       /* request body (POST), capped by the configured limit */
    struct response res;
    struct kl_error err;
    int text_pending;      /* an upload left its text to the server's text worker */
};

/* The translated text of msgid in the request's language (static; never NULL). */
#define T_(r, msgid) i18n_get((r)->lang, (msgid))

/* Value of query argument name, or NULL. */
const char *req_query(struct request *r, const char *name);

/* Value of request header name (case-insensitive), or NULL. */
const char *req_header(struct request *r, const char *name);

/* Value of cookie name, or NULL. */
const char *req_cookie(struct request *r, const char *name);

/* True when the path is under /api/: errors are JSON, not HTML. */
int req_is_api(const struct request *r);

/* Adds a response header. name and value must live at least as long as the request (string
 * literals or arena memory). Returns 0 or KL_ELIMIT when too many headers were added. */
int res_header(struct request *r, const char *name, const char *value);

/* Sets a redirect (303 See Other) to the local path location (must start with '/'). */
int res_redirect(struct request *r, const char *location);

/* Path parameter i as an integer in [min, max]: 0, or KL_ENOTFOUND (a path that names
 * nothing) with r->err filled. */
int req_param_int(struct request *r, size_t i, long min, long max, long *out);

/* Query argument name as an integer in [min, max]; *out keeps its value when the argument
 * is absent or empty. 0, or KL_EINVAL with r->err naming the argument. */
int req_query_int(struct request *r, const char *name, long min, long max, long *out);

/* Sets r->err and returns code: the shorthand for handler failures. */
int req_fail(struct request *r, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif

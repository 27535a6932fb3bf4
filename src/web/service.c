/* service.c - the service routes: /healthz for monitoring and the static files (the
 * stylesheet) compiled into the binary. */
#include "web/handlers.h"
#include "web/json_out.h"
#include "web/request.h"
#include "core/embed.h"
#include "store/store.h"

#include <string.h>

extern const struct embedded_file static_files[];

int serve_health(struct request *r)
{
    struct kl_error err;
    int ok = store_ping(r->store, &err) == 0;

    r->res.status = ok ? 200 : 503;
    return res_json(r, json_pack("{s:s,s:i,s:s}", "status", ok ? "ok" : "database unavailable",
                                 "schema", store_schema_version(r->store), "version",
                                 KLYNGE_VERSION));
}

static const char *type_of(const char *name)
{
    const char *dot = strrchr(name, '.');

    if (dot && strcmp(dot, ".css") == 0)
        return "text/css; charset=utf-8";
    if (dot && strcmp(dot, ".svg") == 0)
        return "image/svg+xml";
    if (dot && strcmp(dot, ".js") == 0)
        return "text/javascript; charset=utf-8";
    return "application/octet-stream";
}

int serve_static(struct request *r)
{
    const struct embedded_file *f = embed_find(static_files, r->params[0]);

    if (!f)
        return req_fail(r, KL_ENOTFOUND, "%s", T_(r, "There is no page at this address."));
    r->res.content_type = type_of(f->name);
    r->res.cache = "public, max-age=3600";
    if (buf_append(&r->res.body, f->data, f->size))
        return req_fail(r, KL_ENOMEM, "out of memory");
    return 0;
}

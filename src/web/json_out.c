/* json_out.c - JSON responses (see json_out.h). */
#include "web/json_out.h"
#include "web/request.h"

/* jansson's dump callback: the text goes straight into the response body, not first into
 * a string of its own that is then copied. */
static int append(const char *text, size_t n, void *body)
{
    return buf_append(body, text, n) ? -1 : 0;
}

int res_json(struct request *r, json_t *body)
{
    int rc = 0;

    if (!body)
        return req_fail(r, KL_ENOMEM, "out of memory building the JSON response");
    if (json_dump_callback(body, append, &r->res.body, JSON_COMPACT) ||
        buf_putc(&r->res.body, '\n'))
        rc = req_fail(r, KL_ENOMEM, "out of memory writing the JSON response");
    json_decref(body);
    r->res.content_type = "application/json; charset=utf-8";
    return rc;
}

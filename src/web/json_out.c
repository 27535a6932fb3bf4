/* json_out.c - JSON responses (see json_out.h). */
#include "web/json_out.h"
#include "web/request.h"

#include <stdlib.h>

int res_json(struct request *r, json_t *body)
{
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    int rc = 0;

    json_decref(body);
    if (!text)
        return req_fail(r, KL_ENOMEM, "out of memory building the JSON response");
    if (buf_puts(&r->res.body, text) || buf_putc(&r->res.body, '\n'))
        rc = req_fail(r, KL_ENOMEM, "out of memory writing the JSON response");
    free(text);
    r->res.content_type = "application/json; charset=utf-8";
    return rc;
}

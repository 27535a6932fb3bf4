/* json_out.h - writing a JSON response: the tree built by a handler becomes the body. */
#ifndef KL_WEB_JSON_OUT_H
#define KL_WEB_JSON_OUT_H

#include <jansson.h>

struct request;

/* Serialises body (a new reference, always released here, may be NULL after a failed
 * build) as the response, status 200 and type application/json. Returns 0, or KL_ENOMEM
 * with r->err set when body is NULL or cannot be written. */
int res_json(struct request *r, json_t *body);

#endif

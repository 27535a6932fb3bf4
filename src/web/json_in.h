/* json_in.h - reading a JSON request body into the organisation's structs: each field is
 * checked for its type, and every problem is added to a field_errors under the field's name,
 * so that one response can name all of them. Strings are copied into the request's arena. */
#ifndef KL_WEB_JSON_IN_H
#define KL_WEB_JSON_IN_H

#include <jansson.h>
#include <stdint.h>

struct request;
struct field_errors;

/* Parses the request body as a JSON object into *out (a new reference). Returns 0, or
 * KL_EINVAL with r->err saying where the JSON is broken or that it is not an object. */
int req_json_object(struct request *r, json_t **out);

/* The members below leave *out alone when the field is absent (so an update changes only
 * what is sent), and add "must be ..." to fe when it has the wrong type. */
void json_get_text(struct request *r, json_t *o, const char *name, const char **out,
                   struct field_errors *fe);
void json_get_int(json_t *o, const char *name, long min, long max, long *out,
                  struct field_errors *fe);
void json_get_id(json_t *o, const char *name, int64_t *out, struct field_errors *fe);
void json_get_bool(json_t *o, const char *name, int *out, struct field_errors *fe);
/* A date "YYYY-MM-DD"; null gives DATE_OPEN when open_ok, else a problem. */
void json_get_date(json_t *o, const char *name, int open_ok, int32_t *out,
                   struct field_errors *fe);

#endif

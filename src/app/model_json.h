/* model_json.h - the organisation's structs as JSON objects, one shape for the audit log's
 * before/after values and for the JSON API. Each returns a new reference, or NULL when out
 * of memory. Dates are ISO strings, an open end is null, a missing reference is null. */
#ifndef KL_APP_MODEL_JSON_H
#define KL_APP_MODEL_JSON_H

#include <jansson.h>

struct forum;
struct organisation;
struct person;
struct membership;

json_t *forum_json(const struct forum *f, int with_mandate_text);
json_t *organisation_json(const struct organisation *o);
json_t *person_json(const struct person *p, int with_contact);
json_t *membership_json(const struct membership *m);

#endif

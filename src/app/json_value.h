/* json_value.h - the JSON values every shape of the API and the audit log writes the same
 * way: instants as UTC text, days as ISO dates, optional references; null when not set. Each
 * returns a new reference (NULL only when out of memory). */
#ifndef KL_APP_JSON_VALUE_H
#define KL_APP_JSON_VALUE_H

#include <jansson.h>
#include <stdint.h>

/* "YYYY-MM-DDTHH:MM:SSZ", or null for 0. */
json_t *json_instant(int64_t t);
/* "YYYY-MM-DD", or null for DATE_OPEN. */
json_t *json_day(int32_t d);
/* The id, or null for 0. */
json_t *json_ref(int64_t id);

#endif

/* plan_api.h - what the files of the action plans' JSON API (api_plans.c,
 * api_initiatives.c, api_spread.c, api_rounds.c) share: reading an initiative's fields and
 * lists of names from a request body, and the JSON of an initiative with everything the
 * principal may see of it. Private to src/web. */
#ifndef KL_WEB_PLAN_API_H
#define KL_WEB_PLAN_API_H

#include <jansson.h>
#include <stdint.h>

struct request;
struct field_errors;
struct initiative;

/* Reads the own fields of an initiative sent in in ("label", "title", "description",
 * "targets" as a list of names, "group_forum_id", "responsible_person_id", "process",
 * "status", "status_reason", "user_involvement", "involvement_how", "data_plan") into in_:
 * only those sent; each problem goes to fe under the field's name. */
void papi_read_initiative(struct request *r, json_t *in, struct initiative *in_,
                          struct field_errors *fe);

/* Reads field name of in as a list of names, each turned into its bit by parse (0 for an
 * unknown name), into *bits; *sent says whether it was there. */
void papi_read_bits(json_t *in, const char *name, unsigned (*parse)(const char *),
                    unsigned *bits, int *sent, struct field_errors *fe);

/* Reads field "indicators" of in, a list of indicator codes, into *codes and *n (arena);
 * *codes stays NULL when the field is not there. */
void papi_read_codes(struct request *r, json_t *in, const char ***codes, size_t *n,
                     struct field_errors *fe);

/* Initiative id as the principal sees it, with "indicators", "milestones", "funds",
 * "items" and "reports" when full; NULL with *rc set when it cannot be read (or out of
 * memory: KL_ENOMEM). */
json_t *papi_initiative(struct request *r, int64_t id, int full, int *rc);

/* {"funds": [...]} of initiative id with "totals"; NULL with *rc set on failure. */
json_t *papi_funds(struct request *r, int64_t id, int *rc);

/* A required id field name of in: "is required" when absent. */
void papi_required_id(json_t *in, const char *name, int64_t *out, struct field_errors *fe);

#endif

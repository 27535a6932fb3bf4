/* json_in.c - typed fields of JSON request bodies (see json_in.h). */
#include "web/json_in.h"
#include "web/request.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/utf8.h"
#include "model/fields.h"
#include "model/org.h"

#include <string.h>

int req_json_object(struct request *r, json_t **out)
{
    json_error_t je;
    json_t *o = json_loadb(r->body.data ? r->body.data : "", r->body.len,
                           JSON_REJECT_DUPLICATES, &je);

    if (!o)
        return req_fail(r, KL_EINVAL, "%s (%s %d, %s %d): %s", T_(r, "The body is not valid JSON"),
                        T_(r, "line"), je.line, T_(r, "column"), je.column, je.text);
    if (!json_is_object(o)) {
        json_decref(o);
        return req_fail(r, KL_EINVAL, "%s", T_(r, "The body must be a JSON object."));
    }
    *out = o;
    return 0;
}

void json_get_text(struct request *r, json_t *o, const char *name, const char **out,
                   struct field_errors *fe)
{
    json_t *v = json_object_get(o, name);

    if (!v)
        return;
    if (json_is_null(v)) {
        *out = "";
        return;
    }
    if (!json_is_string(v)) {
        fields_add(fe, name, N_("must be text"));
        return;
    }
    *out = arena_strndup(r->arena, json_string_value(v), json_string_length(v));
    if (!*out || strlen(*out) != json_string_length(v))
        fields_add(fe, name, N_("must be text without NUL characters"));
}

void json_get_int(json_t *o, const char *name, long min, long max, long *out,
                  struct field_errors *fe)
{
    json_t *v = json_object_get(o, name);

    if (!v)
        return;
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
        fields_add(fe, name, N_("must be a whole number in the allowed range"));
        return;
    }
    *out = (long)json_integer_value(v);
}

void json_get_id(json_t *o, const char *name, int64_t *out, struct field_errors *fe)
{
    json_t *v = json_object_get(o, name);

    if (!v)
        return;
    if (json_is_null(v)) {
        *out = 0;
        return;
    }
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        fields_add(fe, name, N_("must be the id of a record, or null"));
        return;
    }
    *out = json_integer_value(v);
}

void json_get_bool(json_t *o, const char *name, int *out, struct field_errors *fe)
{
    json_t *v = json_object_get(o, name);

    if (!v)
        return;
    if (!json_is_boolean(v)) {
        fields_add(fe, name, N_("must be true or false"));
        return;
    }
    *out = json_is_true(v);
}

void json_get_date(json_t *o, const char *name, int open_ok, int32_t *out,
                   struct field_errors *fe)
{
    json_t *v = json_object_get(o, name);
    int32_t d;

    if (!v)
        return;
    if (json_is_null(v) && open_ok) {
        *out = DATE_OPEN;
        return;
    }
    if (!json_is_string(v) ||
        date_parse_iso(json_string_value(v), json_string_length(v), &d, NULL)) {
        fields_add(fe, name, N_("must be a date as YYYY-MM-DD"));
        return;
    }
    *out = d;
}

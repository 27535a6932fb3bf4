/* model_json.c - JSON shapes of the organisation's structs (see model_json.h). */
#include "app/model_json.h"
#include "app/json_value.h"
#include "core/date.h"
#include "model/forum.h"
#include "model/meeting.h"
#include "model/org.h"
#include "model/people.h"

static json_t *date_or_null(int32_t d)
{
    char iso[11];

    if (d == DATE_OPEN)
        return json_null();
    date_format_iso(d, iso);
    return json_string(iso);
}

json_t *forum_json(const struct forum *f, int with_mandate_text)
{
    const struct mandate *m = &f->mandate;
    json_t *clusters = json_array(), *rotation = json_array(), *o;

    for (size_t i = 0; clusters && i < f->nclusters; i++)
        json_array_append_new(clusters, json_string(f->clusters[i]));
    for (size_t i = 0; rotation && i < f->nrotation; i++)
        json_array_append_new(rotation, json_integer(f->rotation_orgs[i]));
    o = json_pack("{s:I,s:s,s:s,s:b,s:o,s:o,s:o,s:s,s:o,s:{s:i,s:i,s:o,s:s,s:i,s:o,s:s,s:b,s:o}}",
                  "id", (json_int_t)f->id, "name", f->name, "kind", forum_kind_name(f->kind),
                  "is_public", f->is_public, "reports_to", json_ref(f->reports_to),
                  "region_code", f->region_code ? json_integer(f->region_code) : json_null(),
                  "clusters", clusters ? clusters : json_null(), "task", f->task ? f->task : "",
                  "ends_on", date_or_null(f->ends_on), "mandate", "publish_days",
                  m->publish_days, "min_meetings", m->min_meetings, "premeeting_days",
                  m->premeeting_days >= 0 ? json_integer(m->premeeting_days) : json_null(),
                  "chair_arrangement", m->chair_arrangement ? m->chair_arrangement : "",
                  "rotation_years", m->rotation_years, "rotation_start",
                  m->rotation_years ? date_or_null(m->rotation_start) : json_null(),
                  "secretariat", m->secretariat ? m->secretariat : "", "all_municipalities",
                  m->all_municipalities, "rotation_orgs", rotation ? rotation : json_null());
    if (o) {
        json_t *std = json_array();
        for (int i = STANDARD_APPROVE_AGENDA; std && i < STANDARD_COUNT; i++)
            if (!(m->omit_standard & (1u << i)))
                json_array_append_new(std, json_string(item_standard_name((enum item_standard)i)));
        json_object_set_new(json_object_get(o, "mandate"), "standard_items",
                            std ? std : json_null());
    }
    if (o && with_mandate_text)
        json_object_set_new(json_object_get(o, "mandate"), "text",
                            json_string(m->text ? m->text : ""));
    return o;
}

json_t *organisation_json(const struct organisation *o)
{
    return json_pack("{s:I,s:s,s:s,s:o,s:o}", "id", (json_int_t)o->id, "name", o->name, "kind",
                     org_kind_name(o->kind), "region_code",
                     o->region_code ? json_integer(o->region_code) : json_null(),
                     "municipality_code",
                     o->municipality_code ? json_integer(o->municipality_code) : json_null());
}

json_t *person_json(const struct person *p, int with_contact)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:o}", "id", (json_int_t)p->id, "name", p->name,
                          "title", p->title ? p->title : "", "organisation_id",
                          json_ref(p->organisation_id));
    if (o && with_contact) {
        json_object_set_new(o, "email", json_string(p->email ? p->email : ""));
        json_object_set_new(o, "phone", json_string(p->phone ? p->phone : ""));
        json_object_set_new(o, "login", json_string(p->login ? p->login : ""));
    }
    return o;
}

json_t *membership_json(const struct membership *m)
{
    return json_pack("{s:I,s:I,s:I,s:s,s:o,s:o,s:o,s:o}", "id", (json_int_t)m->id, "person_id",
                     (json_int_t)m->person_id, "forum_id", (json_int_t)m->forum_id, "role",
                     member_role_name(m->role), "organisation_id",
                     json_ref(m->organisation_id), "substitute_for",
                     json_ref(m->substitute_for), "starts_on", date_or_null(m->starts_on),
                     "ends_on", date_or_null(m->ends_on));
}

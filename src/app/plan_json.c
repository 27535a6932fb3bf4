/* plan_json.c - action plans, initiatives, milestones, funds, rounds and reports as JSON (see
 * the end of plan.h): one shape for the API and the audit log. */
#include "app/json_value.h"
#include "app/plan.h"

static const char *str(const char *s)
{
    return s ? s : "";
}

json_t *action_plan_json(const struct action_plan *p)
{
    return json_pack("{s:I,s:I,s:s,s:s,s:o,s:o,s:o,s:s,s:I,s:o}", "id", (json_int_t)p->id,
                     "forum_id", (json_int_t)p->forum_id, "forum_name", str(p->forum_name),
                     "title", str(p->title), "starts_on", json_day(p->starts_on), "ends_on",
                     json_day(p->ends_on), "approved_item_id", json_ref(p->approved_item_id),
                     "funds_rule", str(p->funds_rule), "initiatives",
                     (json_int_t)p->ninitiatives, "created_at", json_instant(p->created_at));
}

/* The names of the bits set in bits, from name(i) for i below count. */
static json_t *bit_names(unsigned bits, unsigned count, const char *(*name)(unsigned))
{
    json_t *a = json_array();

    for (unsigned i = 0; a && i < count; i++)
        if (bits & (1u << i))
            json_array_append_new(a, json_string(name(i)));
    return a;
}

json_t *initiative_json(const struct initiative *in)
{
    json_t *o = json_pack(
        "{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:s,s:o,s:s,s:s,s:s,s:s,s:b,s:s,s:s,s:o,s:o,s:o}",
        "id", (json_int_t)in->id, "plan_id", (json_int_t)in->plan_id, "plan_title",
        str(in->plan_title), "label", str(in->label), "title", str(in->title), "description",
        str(in->description), "targets", bit_names(in->targets, TARGET_COUNT, target_group_name),
        "group_forum_id", json_ref(in->group_forum_id), "group_name", str(in->group_name),
        "responsible_person_id", json_ref(in->responsible_person_id), "responsible_name",
        str(in->responsible_name), "process", str(initiative_process_name(in->process)),
        "status", str(initiative_status_name(in->status)), "status_reason",
        str(in->status_reason), "user_involvement", in->user_involvement, "involvement_how",
        str(in->involvement_how), "data_plan", str(in->data_plan), "origin_id",
        json_ref(in->origin_id), "offered_at", json_instant(in->offered_at), "created_at",
        json_instant(in->created_at));
    if (o && in->latest_light)
        json_object_set_new(o, "latest_light",
                            *in->latest_light ? json_string(in->latest_light) : json_null());
    if (o && in->cluster_codes)
        json_object_set_new(o, "clusters", json_string(in->cluster_codes));
    return o;
}

json_t *milestone_json(const struct milestone *m)
{
    return json_pack("{s:I,s:I,s:s,s:o,s:o}", "id", (json_int_t)m->id, "initiative_id",
                     (json_int_t)m->initiative_id, "title", str(m->title), "due_on",
                     json_day(m->due_on), "done_on", json_day(m->done_on));
}

json_t *funds_year_json(const struct funds_year *f)
{
    return json_pack("{s:I,s:i,s:I,s:I,s:I,s:I,s:I}", "initiative_id",
                     (json_int_t)f->initiative_id, "year", f->year, "allocated",
                     (json_int_t)f->allocated, "spent", (json_int_t)f->spent, "carried_in",
                     (json_int_t)f->carried_in, "carried_out", (json_int_t)f->carried_out,
                     "left", (json_int_t)funds_left(f));
}

json_t *status_round_json(const struct status_round *r)
{
    return json_pack("{s:I,s:I,s:s,s:o,s:o,s:o,s:o}", "id", (json_int_t)r->id, "plan_id",
                     (json_int_t)r->plan_id, "title", str(r->title), "opened_on",
                     json_day(r->opened_on), "due_on", json_day(r->due_on), "fields",
                     bit_names(r->fields, ROUND_FIELD_COUNT, round_field_name), "created_at",
                     json_instant(r->created_at));
}

json_t *status_report_json(const struct status_report *r, enum report_state state,
                           int with_text)
{
    json_t *o = json_pack(
        "{s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:s,s:o,s:s,s:s}", "id", (json_int_t)r->id,
        "round_id", (json_int_t)r->round_id, "initiative_id", (json_int_t)r->initiative_id,
        "label", str(r->label), "initiative_title", str(r->initiative_title), "round_title",
        str(r->round_title), "state", str(report_state_name(state)), "due_on",
        json_day(report_due(r)), "extended_to", json_day(r->extended_to), "extension_reason",
        str(r->extension_reason), "submitted_at", json_instant(r->submitted_at),
        "submitted_by", str(r->submitted_by_name), "light", str(status_light_name(r->light)));

    if (o && with_text) {
        json_t *t = json_pack("{s:s,s:s,s:s,s:s,s:s}", "scope", str(r->scope), "data",
                              str(r->data), "schedule", str(r->schedule), "funds",
                              str(r->funds), "involvement", str(r->involvement));
        if (!t || json_object_set_new(o, "text", t)) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

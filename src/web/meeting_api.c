/* meeting_api.c - what the files of the meetings' JSON API share (see meeting_api.h). */
#include "web/meeting_api.h"
#include "app/json_value.h"

#include "web/errors.h"
#include "web/json_out.h"
#include "web/request.h"
#include "app/meeting_agenda.h"
#include "app/meeting_json.h"
#include "app/meeting_minutes.h"
#include "core/date.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/people.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int mapi_param_id(struct request *r, size_t i, int64_t *id)
{
    long v = 0;
    int rc = req_param_int(r, i, 1, 2147483647L, &v);

    *id = v;
    return rc;
}

void mapi_query_id(struct request *r, const char *name, int64_t *out, struct field_errors *fe)
{
    const char *v = req_query(r, name);
    char *end;
    long long n;

    if (!v || !*v)
        return;
    errno = 0;
    n = strtoll(v, &end, 10);
    if (errno || *end || n <= 0 || n > 2147483647LL || v[0] == '+' || v[0] == ' ')
        fields_add(fe, name, N_("must be a whole number, 1 or more"));
    else
        *out = n;
}

void mapi_query_day(struct request *r, const char *name, int32_t *out, struct field_errors *fe)
{
    const char *v = req_query(r, name);
    int32_t d;

    if (!v || !*v)
        return;
    if (date_parse_iso(v, strlen(v), &d, NULL))
        fields_add(fe, name, N_("must be a date as YYYY-MM-DD"));
    else
        *out = d;
}

void mapi_query_choice(struct request *r, const char *name, const char *const *names, int *out,
                       struct field_errors *fe)
{
    const char *v = req_query(r, name);

    *out = -1;
    if (!v || !*v)
        return;
    for (int i = 0; names[i]; i++)
        if (strcmp(v, names[i]) == 0) {
            *out = i;
            return;
        }
    fields_add(fe, name, N_("is not one of the values allowed here"));
}

int mapi_invalid(struct request *r, const struct field_errors *fe)
{
    web_error_fields(r, fe);
    return 0;
}

int mapi_saved(struct request *r, int rc, const struct field_errors *fe, int status,
               json_t *record)
{
    if (rc == KL_EINVAL && fe->n) {
        json_decref(record);
        return mapi_invalid(r, fe);
    }
    if (rc) {
        json_decref(record);
        return rc;
    }
    r->res.status = status;
    return res_json(r, record);
}

int mapi_deleted(struct request *r)
{
    buf_reset(&r->res.body);
    r->res.status = 204;
    r->res.content_type = "application/json; charset=utf-8";
    return 0;
}

int mapi_push(json_t *list, json_t *item)
{
    return item ? json_array_append_new(list, item) : -1;
}

int mapi_send_list(struct request *r, const char *key, json_t *list, int bad)
{
    if (bad || !list) {
        json_decref(list);
        return res_json(r, NULL);
    }
    return res_json(r, json_pack("{s:o}", key, list));
}

json_t *mapi_entry_json(const struct agenda_entry *e)
{
    json_t *o = agenda_item_json(&e->item, 1, e->minutes_visible);
    json_t *att = json_array(), *fu = NULL, *ref = NULL;
    int bad = !o || !att;

    for (size_t i = 0; !bad && i < e->nattachments; i++)
        bad |= mapi_push(att, attachment_json(&e->attachments[i]));
    if (e->minutes_visible) {
        fu = json_array();
        ref = json_array();
        bad |= !fu || !ref;
        for (size_t i = 0; !bad && i < e->nfollowups; i++)
            bad |= mapi_push(fu, followup_json(&e->followups[i]));
        for (size_t i = 0; !bad && i < e->nreferrals; i++)
            bad |= mapi_push(ref, referral_json(&e->referrals[i]));
    }
    if (bad || json_object_set_new(o, "attachments", att)) {
        json_decref(o);
        json_decref(fu);
        json_decref(ref);
        if (bad)
            json_decref(att);
        return NULL;
    }
    if (e->minutes_visible &&
        (json_object_set_new(o, "followups", fu) || json_object_set_new(o, "referrals", ref))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *participant_json(const struct participant *p)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:s,s:o,s:s,s:o,s:s,s:o,s:s}",
                          "person_id", (json_int_t)p->person_id, "name", p->name ? p->name : "",
                          "kind", attendance_kind_name(p->kind), "status",
                          attendance_status_name(p->status), "role",
                          p->kind == ATTEND_MEMBER ? member_role_name(p->role) : "",
                          "organisation_id", json_ref(p->organisation_id),
                          "organisation_name", p->organisation_name ? p->organisation_name : "",
                          "substitute_for", json_ref(p->substitute_for),
                          "substitute_for_name",
                          p->substitute_for_name ? p->substitute_for_name : "",
                          "substitute_id", json_ref(p->substitute_id), "substitute_name",
                          p->substitute_name ? p->substitute_name : "", "item_id",
                          json_ref(p->item_id), "note", p->note ? p->note : "");

    if (o && p->item_id)
        json_object_set_new(o, "item_number", json_integer(p->item_number));
    return o;
}

static json_t *people_json(const struct participant *p, size_t n)
{
    json_t *list = json_array();
    int bad = !list;

    for (size_t i = 0; !bad && i < n; i++)
        bad |= mapi_push(list, participant_json(&p[i]));
    if (bad) {
        json_decref(list);
        return NULL;
    }
    return list;
}

static json_t *groups_json(const struct participant_group *g, size_t n)
{
    json_t *list = json_array();
    int bad = !list;

    for (size_t i = 0; !bad && i < n; i++) {
        json_t *people = people_json(g[i].people, g[i].n);
        bad |= mapi_push(list, people ? json_pack("{s:o,s:s,s:o}", "organisation_id",
                                                  json_ref(g[i].organisation_id),
                                                  "organisation_name",
                                                  g[i].organisation_name
                                                      ? g[i].organisation_name : "",
                                                  "people", people)
                                      : NULL);
    }
    if (bad) {
        json_decref(list);
        return NULL;
    }
    return list;
}

json_t *mapi_attendance_json(const struct attendance_report *rep)
{
    json_t *present = groups_json(rep->present, rep->npresent);
    json_t *absent = groups_json(rep->absent, rep->nabsent);
    json_t *guests = people_json(rep->guests, rep->nguests);
    json_t *sec = people_json(rep->secretariat, rep->nsecretariat);

    if (!present || !absent || !guests || !sec) {
        json_decref(present);
        json_decref(absent);
        json_decref(guests);
        json_decref(sec);
        return NULL;
    }
    return json_pack("{s:o,s:o,s:o,s:o}", "present", present, "absent", absent, "guests",
                     guests, "secretariat", sec);
}

/* api_attendance.c - the JSON API of attendance at a meeting and of minutes approved by
 * circulation: the secretary marks who was present, invites a guest to the meeting or to
 * one item, removes a guest or a substitute (or resets a member to expected), records who
 * approved the published minutes on which day, and anyone who may read the minutes sees
 * who approved them. Absences are in api_meetings.c. */
#include "web/handlers_api_meetings.h"
#include "web/json_in.h"
#include "web/json_out.h"
#include "web/meeting_api.h"
#include "web/request.h"
#include "app/meeting.h"
#include "app/meeting_minutes.h"
#include "app/permission.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"

#include <string.h>

/* 0 when who may change meeting id (so that a body it may not send is answered 400, not a
 * hint about the meeting); else the refusal. */
static int may_manage(struct request *r, int64_t id)
{
    struct meeting m;
    int rc = app_meeting_get(r->store, r->arena, &r->who, id, &m, &r->err);

    return rc ? rc : app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, m.forum_id, &r->err);
}

/* The answer to a change of meeting id's attendance: the attendance as the minutes list it. */
static int attendance_saved(struct request *r, int rc, const struct field_errors *fe,
                            int status, int64_t id)
{
    struct attendance_report rep;

    if (rc == 0)
        rc = app_attendance_get(r->store, r->arena, &r->who, id, &rep, &r->err);
    return mapi_saved(r, rc, fe, status, rc ? NULL : mapi_attendance_json(&rep));
}

/* Reads the required "person_id" of in. */
static void read_person(json_t *in, int64_t *person, struct field_errors *fe)
{
    if (!json_object_get(in, "person_id"))
        fields_add(fe, "person_id", N_("is required"));
    json_get_id(in, "person_id", person, fe);
}

int api_meeting_presence(struct request *r)
{
    struct field_errors fe = {0};
    int64_t id, person = 0;
    int present = 1, rc;
    json_t *in;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    read_person(in, &person, &fe);
    if (!json_object_get(in, "present"))
        fields_add(&fe, "present", N_("is required"));
    json_get_bool(in, "present", &present, &fe);
    json_decref(in);
    if (fe.n)
        return (rc = may_manage(r, id)) ? rc : mapi_invalid(r, &fe);
    rc = app_attendance_mark(r->store, &r->who, id, person, present, &r->err);
    if (rc == KL_EINVAL) {
        fields_add(&fe, "person_id", N_("is not invited to this meeting"));
        return mapi_invalid(r, &fe);
    }
    return attendance_saved(r, rc, &fe, 200, id);
}

int api_meeting_guest(struct request *r)
{
    struct field_errors fe = {0};
    int64_t id, person = 0, item = 0;
    const char *note = "";
    json_t *in;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    read_person(in, &person, &fe);
    json_get_id(in, "item_id", &item, &fe);
    json_get_text(r, in, "note", &note, &fe);
    json_decref(in);
    if (fe.n)
        return (rc = may_manage(r, id)) ? rc : mapi_invalid(r, &fe);
    rc = app_attendance_add_guest(r->store, &r->who, id, person, item, note, &fe, &r->err);
    return attendance_saved(r, rc, &fe, 201, id);
}

int api_attendee_remove(struct request *r)
{
    struct field_errors fe = {0};
    int64_t id, person;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = mapi_param_id(r, 1, &person)) ||
        (rc = app_attendance_remove(r->store, &r->who, id, person, &r->err)))
        return rc;
    return attendance_saved(r, 0, &fe, 200, id);
}

/* {"approvers": [{"person_id", "name", "approved_on"}]} of meeting id. */
static int send_approvers(struct request *r, int64_t id)
{
    struct minutes_approver *ap;
    size_t n;
    json_t *list;
    int rc, bad = 0;

    if ((rc = app_minutes_approvers(r->store, r->arena, &r->who, id, &ap, &n, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++) {
        char iso[11];
        date_format_iso(ap[i].approved_on, iso);
        bad |= mapi_push(list, json_pack("{s:I,s:s,s:o}", "person_id",
                                         (json_int_t)ap[i].person_id, "name",
                                         ap[i].name ? ap[i].name : "", "approved_on",
                                         ap[i].approved_on == DATE_OPEN ? json_null()
                                                                        : json_string(iso)));
    }
    return mapi_send_list(r, "approvers", list, bad);
}

int api_minutes_approval(struct request *r)
{
    struct field_errors fe = {0};
    int64_t id, *people = NULL;
    int32_t on = DATE_OPEN;
    size_t n = 0;
    json_t *in, *v;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    v = json_object_get(in, "person_ids");
    if (v && !json_is_array(v)) {
        fields_add(&fe, "person_ids", N_("must be a list of person ids"));
    } else if (v && json_array_size(v)) {
        n = json_array_size(v);
        people = arena_calloc(r->arena, n, sizeof(*people));
        if (!people) {
            json_decref(in);
            return req_fail(r, KL_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < n; i++) {
            json_t *e = json_array_get(v, i);
            if (!json_is_integer(e) || json_integer_value(e) <= 0 ||
                json_integer_value(e) > 2147483647) {
                fields_add(&fe, "person_ids", N_("must be a list of person ids"));
                break;
            }
            people[i] = json_integer_value(e);
        }
    }
    json_get_date(in, "approved_on", 0, &on, &fe);
    json_decref(in);
    if (fe.n)
        return (rc = may_manage(r, id)) ? rc : mapi_invalid(r, &fe);
    rc = app_minutes_approve_circulation(r->store, &r->who, id, people, n, on, r->now, &fe,
                                         &r->err);
    if (rc == 0)
        return send_approvers(r, id);
    return mapi_saved(r, rc, &fe, 200, NULL);
}

int api_minutes_approvers(struct request *r)
{
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)))
        return rc;
    return send_approvers(r, id);
}

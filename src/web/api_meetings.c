/* api_meetings.c - the JSON API of meetings under /api/v1/meetings: list, create, read (with
 * the agenda and the attendance as the principal may see them), change the fields sent,
 * every status change as an action, and absences. Invalid fields give 400 with each field
 * named; a change the meeting's status does not allow gives 409. Items are in api_items.c,
 * follow-ups and referrals in api_followups.c. */
#include "web/handlers_api_meetings.h"
#include "web/json_in.h"
#include "web/json_out.h"
#include "web/meeting_api.h"
#include "web/request.h"
#include "app/meeting.h"
#include "app/meeting_agenda.h"
#include "app/meeting_json.h"
#include "app/meeting_minutes.h"
#include "app/permission.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"

#include <string.h>

#define DEFAULT_MINUTES 120

int api_meetings(struct request *r)
{
    static const char *const statuses[] = {"planned", "agenda_draft", "agenda_published",
                                           "held", "minutes_draft", "minutes_published",
                                           "cancelled", NULL};
    struct meeting_query q = {.from_day = 0, .to_day = DATE_OPEN, .include_cancelled = 1,
                              .include_pre_meetings = 1};
    struct field_errors fe = {0};
    struct meeting *m;
    int64_t forum = 0;
    size_t n;
    json_t *list;
    int rc, status, bad = 0;

    mapi_query_id(r, "forum", &forum, &fe);
    mapi_query_day(r, "from", &q.from_day, &fe);
    mapi_query_day(r, "to", &q.to_day, &fe);
    mapi_query_choice(r, "status", statuses, &status, &fe);
    if (fe.n)
        return mapi_invalid(r, &fe);
    if (forum) {
        q.forum_ids = &forum;
        q.nforums = 1;
    }
    if ((rc = app_meeting_list(r->store, r->arena, &r->who, &q, &m, &n, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        if (status < 0 || (int)m[i].status == status)
            bad |= mapi_push(list, meeting_json(&m[i]));
    return mapi_send_list(r, "meetings", list, bad);
}

/* Reads the instant of field utc ("...Z") or of field local (Copenhagen wall-clock time)
 * into *t; *given is set when either was sent. */
static void read_instant(json_t *in, const char *utc, const char *local, int64_t *t, int *given,
                         struct field_errors *fe)
{
    json_t *v = json_object_get(in, utc);

    if (v) {
        *given = 1;
        if (!json_is_string(v) ||
            meeting_parse_utc(json_string_value(v), json_string_length(v), t))
            fields_add(fe, utc, N_("must be a time as YYYY-MM-DDTHH:MM:SSZ (UTC)"));
        return;
    }
    if ((v = json_object_get(in, local))) {
        *given = 1;
        if (!json_is_string(v) || meeting_parse_local(json_string_value(v), t))
            fields_add(fe, local, N_("must be a time as YYYY-MM-DD HH:MM (Copenhagen)"));
    }
}

/* A field that a change may not name with another value than stored. */
static void fixed_id(json_t *in, const char *name, int64_t stored, struct field_errors *fe)
{
    json_t *v = json_object_get(in, name);

    if (v && !(json_is_integer(v) && json_integer_value(v) == stored) &&
        !(json_is_null(v) && stored == 0))
        fields_add(fe, name, N_("cannot be changed"));
}

/* Reads the meeting fields of in into m: all of them when creating, else those a change may
 * make. A start without an end keeps the meeting's length (two hours for a new one). */
static void read_meeting(struct request *r, json_t *in, struct meeting *m, int creating,
                         struct field_errors *fe)
{
    int64_t starts = m->starts_at, ends = m->ends_at;
    int starts_given = 0, ends_given = 0;
    const char *kind = NULL;

    if (creating) {
        if (!json_object_get(in, "forum_id"))
            fields_add(fe, "forum_id", N_("is required"));
        json_get_id(in, "forum_id", &m->forum_id, fe);
        json_get_text(r, in, "kind", &kind, fe);
        if (kind) {
            int k = meeting_kind_parse(kind);
            if (k < 0)
                fields_add(fe, "kind", N_("is not a known kind of meeting"));
            else
                m->kind = (enum meeting_kind)k;
        }
        json_get_id(in, "parent_id", &m->parent_id, fe);
    } else {
        const char *stored = meeting_kind_name(m->kind);
        json_t *v = json_object_get(in, "kind");
        fixed_id(in, "forum_id", m->forum_id, fe);
        fixed_id(in, "parent_id", m->parent_id, fe);
        if (v && !(json_is_string(v) && strcmp(json_string_value(v), stored) == 0))
            fields_add(fe, "kind", N_("cannot be changed"));
    }
    json_get_text(r, in, "title", &m->title, fe);
    json_get_text(r, in, "place", &m->place, fe);
    json_get_text(r, in, "theme", &m->theme, fe);
    json_get_text(r, in, "site_visit", &m->site_visit, fe);
    json_get_id(in, "chair_person_id", &m->chair_person_id, fe);
    read_instant(in, "starts_at", "starts_local", &starts, &starts_given, fe);
    read_instant(in, "ends_at", "ends_local", &ends, &ends_given, fe);
    if (creating && !starts_given)
        fields_add(fe, "starts_at", N_("is required"));
    if (starts_given && !ends_given)
        ends = starts + (creating ? DEFAULT_MINUTES * 60 : m->ends_at - m->starts_at);
    m->starts_at = starts;
    m->ends_at = ends;
}

/* The meeting id as the principal sees it now, as JSON; NULL when it cannot be read. */
static json_t *reread(struct request *r, int64_t id, int *rc)
{
    struct meeting m;

    *rc = app_meeting_get(r->store, r->arena, &r->who, id, &m, &r->err);
    return *rc ? NULL : meeting_json(&m);
}

int api_meeting_create(struct request *r)
{
    struct field_errors fe = {0};
    struct meeting m = {0};
    json_t *in, *out;
    int rc;

    m.kind = MEETING_REGULAR;
    m.title = m.place = m.theme = m.site_visit = "";
    if ((rc = req_json_object(r, &in)))
        return rc;
    read_meeting(r, in, &m, 1, &fe);
    json_decref(in);
    rc = app_meeting_create(r->store, &r->who, &m, &fe, &r->err);
    out = rc ? NULL : reread(r, m.id, &rc);
    return mapi_saved(r, rc, &fe, 201, out);
}

int api_meeting(struct request *r)
{
    struct agenda ag;
    struct attendance_report rep;
    json_t *o, *items;
    int64_t id;
    int rc, bad = 0;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_agenda_get(r->store, r->arena, &r->who, id, &ag, &r->err)))
        return rc;
    o = meeting_json(&ag.meeting);
    items = json_array();
    for (size_t i = 0; items && i < ag.nitems; i++)
        bad |= mapi_push(items, mapi_entry_json(&ag.items[i]));
    if (!o || !items || bad) {
        json_decref(o);
        json_decref(items);
        return res_json(r, NULL);
    }
    json_object_set_new(o, "agenda_visible", json_boolean(ag.agenda_visible));
    json_object_set_new(o, "minutes_visible", json_boolean(ag.minutes_visible));
    json_object_set_new(o, "can_manage", json_boolean(ag.can_manage));
    json_object_set_new(o, "items", items);
    rc = app_attendance_get(r->store, r->arena, &r->who, id, &rep, &r->err);
    if (rc && rc != KL_EPERM && rc != KL_ENOTFOUND) {
        json_decref(o);
        return rc;
    }
    /* null while the caller may not see it */
    if (json_object_set_new(o, "attendance", rc ? json_null() : mapi_attendance_json(&rep))) {
        json_decref(o);
        return res_json(r, NULL);
    }
    if (ag.meeting.approval == APPROVAL_CIRCULATION) {
        struct minutes_approver *ap;
        size_t n;
        json_t *list = json_array();
        if ((rc = app_minutes_approvers(r->store, r->arena, &r->who, id, &ap, &n, &r->err))) {
            json_decref(o);
            json_decref(list);
            return rc;
        }
        for (size_t i = 0; list && i < n; i++)
            bad |= mapi_push(list, json_pack("{s:I,s:s}", "person_id",
                                             (json_int_t)ap[i].person_id, "name", ap[i].name));
        if (bad || !list) {
            json_decref(o);
            json_decref(list);
            return res_json(r, NULL);
        }
        json_object_set_new(o, "approvers", list);
    }
    return res_json(r, o);
}

int api_meeting_update(struct request *r)
{
    struct field_errors fe = {0};
    struct meeting m;
    json_t *in, *out;
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_meeting_get(r->store, r->arena, &r->who, id, &m, &r->err)) ||
        (rc = req_json_object(r, &in)))
        return rc;
    read_meeting(r, in, &m, 0, &fe);
    json_decref(in);
    rc = app_meeting_update(r->store, &r->who, &m, &fe, &r->err);
    out = rc ? NULL : reread(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

enum action { START_AGENDA, PUBLISH_AGENDA, MARK_HELD, START_MINUTES, PUBLISH_MINUTES, CANCEL };

/* 0 when who may change meeting id (so that a body it may not send is answered 400, not a
 * hint about the meeting); else the refusal. */
static int may_manage(struct request *r, int64_t id)
{
    struct meeting m;
    int rc = app_meeting_get(r->store, r->arena, &r->who, id, &m, &r->err);

    return rc ? rc : app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, m.forum_id, &r->err);
}

int api_meeting_status(struct request *r)
{
    static const char *const actions[] = {"start_agenda", "publish_agenda", "mark_held",
                                          "start_minutes", "publish_minutes", "cancel", NULL};
    struct field_errors fe = {0};
    const char *action = NULL, *reason = NULL;
    json_t *in, *out;
    int64_t id;
    int rc, which = -1;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    json_get_text(r, in, "action", &action, &fe);
    json_get_text(r, in, "reason", &reason, &fe);
    json_decref(in);
    for (int i = 0; action && actions[i]; i++)
        if (strcmp(action, actions[i]) == 0)
            which = i;
    if (which < 0 && !fields_get(&fe, "action"))
        fields_add(&fe, "action", action ? N_("is not a known action") : N_("is required"));
    if (fe.n)
        return (rc = may_manage(r, id)) ? rc : mapi_invalid(r, &fe);
    switch ((enum action)which) {
    case START_AGENDA:
        rc = app_meeting_start_agenda(r->store, &r->who, id, &r->err);
        break;
    case PUBLISH_AGENDA:
        rc = app_meeting_publish_agenda(r->store, &r->who, id, r->now, reason, &fe, &r->err);
        if (rc == KL_EINVAL && fields_get(&fe, "late_reason")) {
            /* the reason is sent as "reason"; name the field the client sent */
            struct field_errors named = {0};
            fields_add(&named, "reason", fields_get(&fe, "late_reason"));
            fe = named;
        }
        break;
    case MARK_HELD:
        rc = app_meeting_mark_held(r->store, &r->who, id, r->now, &r->err);
        break;
    case START_MINUTES:
        rc = app_meeting_start_minutes(r->store, &r->who, id, &r->err);
        break;
    case PUBLISH_MINUTES:
        rc = app_meeting_publish_minutes(r->store, &r->who, id, r->now, &r->err);
        break;
    case CANCEL:
        rc = app_meeting_cancel(r->store, &r->who, id, reason, &fe, &r->err);
        break;
    }
    out = rc ? NULL : reread(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

int api_meeting_absence(struct request *r)
{
    struct field_errors fe = {0};
    struct attendance_report rep;
    int64_t id, person = 0, substitute = 0;
    const char *note = "";
    int withdraw = 0, rc;
    json_t *in;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    if (!json_object_get(in, "person_id"))
        fields_add(&fe, "person_id", N_("is required"));
    json_get_id(in, "person_id", &person, &fe);
    json_get_id(in, "substitute_id", &substitute, &fe);
    json_get_text(r, in, "note", &note, &fe);
    json_get_bool(in, "withdraw", &withdraw, &fe);
    json_decref(in);
    if (withdraw && !fe.n)
        rc = app_attendance_withdraw_absence(r->store, &r->who, id, person, &r->err);
    else
        rc = app_attendance_absent(r->store, &r->who, id, person, substitute, note, r->now, &fe,
                                   &r->err);
    if (rc == 0)
        rc = app_attendance_get(r->store, r->arena, &r->who, id, &rep, &r->err);
    return mapi_saved(r, rc, &fe, 200, rc ? NULL : mapi_attendance_json(&rep));
}

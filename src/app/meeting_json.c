/* meeting_json.c - JSON shapes of meetings and what belongs to them (see meeting_json.h). */
#include "app/meeting_json.h"
#include "app/json_value.h"

#include "core/date.h"
#include "model/meeting.h"
#include "model/org.h"
#include "store/meeting.h"

static json_t *local_or_null(int64_t t)
{
    char text[17];

    if (!t)
        return json_null();
    date_format_cph(t, text);
    return json_string(text);
}

static json_t *name_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static const char *str(const char *s)
{
    return s ? s : "";
}

json_t *meeting_json(const struct meeting *m)
{
    json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:s,s:o,s:s,s:o}",
                          "id", (json_int_t)m->id, "forum_id", (json_int_t)m->forum_id,
                          "forum_name", str(m->forum_name), "kind", str(meeting_kind_name(m->kind)),
                          "status", str(meeting_status_name(m->status)), "title", str(m->title),
                          "starts_at", json_instant(m->starts_at), "ends_at",
                          json_instant(m->ends_at), "starts_local",
                          local_or_null(m->starts_at), "ends_local", local_or_null(m->ends_at),
                          "place", str(m->place), "chair_person_id",
                          json_ref(m->chair_person_id), "chair_name", str(m->chair_name),
                          "parent_id", json_ref(m->parent_id));
    if (!o)
        return NULL;
    json_object_set_new(o, "theme", json_string(str(m->theme)));
    json_object_set_new(o, "site_visit", json_string(str(m->site_visit)));
    json_object_set_new(o, "agenda_published_at", json_instant(m->agenda_published_at));
    json_object_set_new(o, "late_reason", json_string(str(m->late_reason)));
    json_object_set_new(o, "minutes_published_at", json_instant(m->minutes_published_at));
    json_object_set_new(o, "cancel_reason", json_string(str(m->cancel_reason)));
    json_object_set_new(o, "approval", json_string(str(minutes_approval_name(m->approval))));
    json_object_set_new(o, "approved_at", json_instant(m->approved_at));
    json_object_set_new(o, "approved_in", json_ref(m->approved_in));
    json_object_set_new(o, "approved_on", json_day(m->approved_on));
    json_object_set_new(o, "deadline", meeting_kind_has_deadline(m->kind) && m->starts_at
                                           ? json_day(meeting_publish_deadline(
                                                 m->starts_at, m->publish_days))
                                           : json_null());
    return o;
}

static json_t *rooms_json(unsigned rooms)
{
    json_t *a = json_array();

    for (unsigned bit = 1; a && bit <= ROOMS_ALL; bit <<= 1)
        if (rooms & bit)
            json_array_append_new(a, json_string(room_name(bit)));
    return a;
}

static json_t *lines_json(const char *text)
{
    json_t *a = json_array();
    const char *p = text ? text : "";

    while (a && *p) {
        const char *nl = p;
        while (*nl && *nl != '\n')
            nl++;
        json_array_append_new(a, json_stringn(p, (size_t)(nl - p)));
        p = *nl ? nl + 1 : nl;
    }
    return a;
}

json_t *agenda_item_json(const struct agenda_item *it, int with_text, int with_minutes)
{
    json_t *rooms = rooms_json(it->rooms), *lines = lines_json(it->recommendation);
    json_t *o = json_pack("{s:I,s:I,s:o,s:s,s:i,s:o,s:s,s:o,s:o,s:s,s:b,s:b,s:o,s:o,s:o}",
                          "id", (json_int_t)it->id, "forum_id", (json_int_t)it->forum_id,
                          "meeting_id", json_ref(it->meeting_id), "state",
                          str(item_state_name(it->state)), "number", it->number, "standard",
                          name_or_null(item_standard_name(it->standard)), "title", str(it->title),
                          "rooms", rooms ? rooms : json_null(), "recommendation",
                          lines ? lines : json_null(), "presenter", str(it->presenter),
                          "written_orientation", it->written_orientation, "closed", it->closed,
                          "approves_minutes_of", json_ref(it->approves_minutes_of),
                          "origin_followup_id", json_ref(it->origin_followup_id),
                          "origin_referral_id", json_ref(it->origin_referral_id));
    if (!o)
        return NULL;
    if (it->state == ITEM_PROPOSED || it->state == ITEM_DECLINED) {
        json_object_set_new(o, "proposed_by", json_string(str(it->proposed_by)));
        json_object_set_new(o, "decline_reason", json_string(str(it->decline_reason)));
    }
    if (with_text)
        json_object_set_new(o, "case_text", json_string(str(it->case_text)));
    if (with_minutes) {
        json_object_set_new(o, "decision", json_string(str(it->decision)));
        json_object_set_new(o, "outcome", name_or_null(item_outcome_name(it->outcome)));
    }
    return o;
}

json_t *attachment_json(const struct attachment_info *i)
{
    return json_pack("{s:I,s:I,s:s,s:i,s:i,s:s,s:s,s:I,s:s,s:o,s:s}", "id", (json_int_t)i->id,
                     "item_id", (json_int_t)i->item_id, "title", str(i->title), "version",
                     i->version, "versions", i->nversions, "filename", str(i->filename),
                     "content_type", str(i->content_type), "size", (json_int_t)i->size,
                     "sha256", str(i->sha256), "uploaded_at", json_instant(i->uploaded_at),
                     "uploaded_by", str(i->uploaded_by));
}

json_t *attendance_json(const struct attendance *a)
{
    return json_pack("{s:I,s:I,s:s,s:s,s:o,s:o,s:o,s:s,s:o}", "meeting_id",
                     (json_int_t)a->meeting_id, "person_id", (json_int_t)a->person_id, "kind",
                     str(attendance_kind_name(a->kind)), "status",
                     str(attendance_status_name(a->status)), "organisation_id",
                     json_ref(a->organisation_id), "substitute_for",
                     json_ref(a->substitute_for), "item_id", json_ref(a->item_id), "note",
                     str(a->note), "absence_registered_at",
                     json_instant(a->absence_registered_at));
}

json_t *followup_json(const struct followup *f)
{
    json_t *o = json_pack("{s:I,s:I,s:I,s:o,s:s,s:o,s:o,s:o,s:s,s:o,s:s,s:b,s:o,s:o,s:o}",
                          "id", (json_int_t)f->id, "item_id", (json_int_t)f->item_id,
                          "forum_id", (json_int_t)f->forum_id, "meeting_id",
                          json_ref(f->meeting_id), "what", str(f->what), "owner_person_id",
                          json_ref(f->owner_person_id), "owner_organisation_id",
                          json_ref(f->owner_organisation_id), "owner_forum_id",
                          json_ref(f->owner_forum_id), "owner_name", str(f->owner_name),
                          "due_on", json_day(f->due_on), "status",
                          str(followup_status_name(f->status)), "bring_back", f->bring_back,
                          "brought_back_item", json_ref(f->brought_back_item), "created_at",
                          json_instant(f->created_at), "closed_at",
                          json_instant(f->closed_at));
    if (o && f->item_title)
        json_object_set_new(o, "item_title", json_string(f->item_title));
    return o;
}

json_t *referral_json(const struct referral *r)
{
    json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:o,s:o,s:s}",
                          "id", (json_int_t)r->id, "item_id", (json_int_t)r->item_id,
                          "from_forum_id", (json_int_t)r->from_forum_id, "to_forum_id",
                          (json_int_t)r->to_forum_id, "from_forum_name", str(r->from_forum_name),
                          "to_forum_name", str(r->to_forum_name), "direction",
                          str(referral_direction_name(r->direction)), "title", str(r->title),
                          "note", str(r->note), "answer_by", json_day(r->answer_by),
                          "status", str(referral_status_name(r->status)), "answer",
                          str(r->answer), "answered_at", json_instant(r->answered_at),
                          "taken_up_item", json_ref(r->taken_up_item), "withdraw_reason",
                          str(r->withdraw_reason));
    if (o)
        json_object_set_new(o, "created_at", json_instant(r->created_at));
    return o;
}

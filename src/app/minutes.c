/* minutes.c - use cases of minutes: decisions per item with what follows from their
 * outcome, and the approval of minutes by circulation (see meeting_minutes.h). */
#include "app/meeting_minutes.h"
#include "app/meeting_impl.h"
#include "app/meeting_json.h"

#include "app/permission.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/meeting.h"
#include "store/people.h"
#include "store/store.h"

#include <string.h>

/* Outcome brought back: a bring-back follow-up owned by the forum and the item on the next
 * agenda, unless this item has brought itself back already. */
static int bring_back(struct store *st, struct arena *a, const struct principal *who,
                      const struct agenda_item *it, const struct meeting *m, int64_t now,
                      struct kl_error *err)
{
    struct followup_query q = {.item_id = it->id};
    struct followup *existing, f = {.item_id = it->id, .forum_id = it->forum_id,
                                    .owner_forum_id = it->forum_id, .due_on = DATE_OPEN,
                                    .status = FOLLOWUP_OPEN, .bring_back = 1, .created_at = now};
    size_t n;
    int rc = store_followup_list(st, a, &q, &existing, &n, err);

    for (size_t i = 0; rc == 0 && i < n; i++)
        if (existing[i].bring_back)
            return 0;
    if (rc)
        return rc;
    if (!(f.what = arena_printf(a, "Genoptages på et senere møde: %s", it->title)))
        return meeting_oom(err);
    rc = store_followup_insert(st, &f, &f.id, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "followup", f.id, "create", it->forum_id, NULL,
                           followup_json(&f), err);
    if (rc == 0)
        rc = meeting_bring_back(st, a, who, &f, it, m->starts_at, NULL, err);
    return rc;
}

/* On the standard item "approve minutes": records or withdraws the approval of the linked
 * meeting's minutes at meeting m. */
static int approve_linked(struct store *st, struct arena *a, const struct principal *who,
                          const struct agenda_item *it, const struct meeting *m, int64_t now,
                          struct kl_error *err)
{
    struct meeting prev, after;
    int approved = it->outcome == OUTCOME_APPROVED ||
                   it->outcome == OUTCOME_APPROVED_WITH_CHANGES;
    char day[11];
    int rc;

    if (it->standard != STANDARD_APPROVE_MINUTES || !it->approves_minutes_of)
        return 0;
    if ((rc = store_meeting_get(st, a, it->approves_minutes_of, &prev, err)))
        return rc;
    if (approved && prev.status != MEETING_MINUTES_PUBLISHED) {
        date_format_iso(meeting_cph_day(prev.starts_at), day);
        return kl_error_say(err, KL_ECONFLICT,
                            N_("Those minutes are not published yet: they cannot be approved."),
                            "the minutes of the meeting on %s are not "
                            "published: they cannot be approved yet", day);
    }
    if (approved)
        rc = store_meeting_set_approval(st, prev.id, APPROVAL_MEETING, now, m->id, DATE_OPEN, err);
    else if (prev.approval == APPROVAL_MEETING && prev.approved_in == m->id)
        rc = store_meeting_set_approval(st, prev.id, APPROVAL_NONE, 0, 0, DATE_OPEN, err);
    else
        return 0;
    if (rc == 0)
        rc = store_meeting_get(st, a, prev.id, &after, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "minutes", prev.id, approved ? "approve" : "withdraw_approval",
                           prev.forum_id, meeting_json(&prev), meeting_json(&after), err);
    return rc;
}

/* On an item brought back by a follow-up: a decision closes the follow-up. */
static int close_origin(struct store *st, struct arena *a, const struct principal *who,
                        const struct agenda_item *it, int64_t now, struct kl_error *err)
{
    struct followup f, done;
    int rc;

    if (!it->origin_followup_id || it->outcome == OUTCOME_NONE ||
        it->outcome == OUTCOME_POSTPONED)
        return 0;
    if ((rc = store_followup_get(st, a, it->origin_followup_id, &f, err)))
        return rc;
    if (f.status != FOLLOWUP_OPEN)
        return 0;
    done = f;
    done.status = FOLLOWUP_DONE;
    done.closed_at = now;
    rc = store_followup_update(st, &done, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "followup", f.id, "done", f.forum_id, followup_json(&f),
                           followup_json(&done), err);
    return rc;
}

int app_minutes_record(struct store *st, const struct principal *who, int64_t item_id,
                       const char *decision, enum item_outcome outcome, int64_t now,
                       struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct agenda_item it, after;
    struct meeting m;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_item_get(st, a, item_id, &it, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, it.forum_id, err);
    if (rc == 0 && it.state != ITEM_AGENDA)
        rc = kl_error_set(err, KL_ECONFLICT, "the item is not on an agenda");
    if (rc) {
        arena_free(a);
        return rc;
    }
    if (decision_check(decision, outcome, fe)) {
        arena_free(a);
        return meeting_invalid(fe, err);
    }
    if ((rc = store_begin(st, err))) {
        arena_free(a);
        return rc;
    }
    rc = store_meeting_get(st, a, it.meeting_id, &m, err);
    if (rc == 0 && !meeting_minutes_editable(m.status))
        rc = kl_error_say(err, KL_ECONFLICT,
                          N_("Decisions are recorded when the meeting is held and until its "
                             "minutes are published."),
                          "the meeting is %s: decisions are recorded when "
                          "it is held and until its minutes are published",
                          meeting_status_name(m.status));
    if (rc == 0)
        rc = store_item_set_decision(st, item_id, decision ? decision : "", outcome, err);
    if (rc == 0)
        rc = store_item_get(st, a, item_id, &after, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "agenda_item", item_id, "decide", it.forum_id,
                           agenda_item_json(&it, 0, 1), agenda_item_json(&after, 0, 1), err);
    if (rc == 0 && outcome == OUTCOME_BROUGHT_BACK)
        rc = bring_back(st, a, who, &after, &m, now, err);
    if (rc == 0)
        rc = approve_linked(st, a, who, &after, &m, now, err);
    if (rc == 0)
        rc = close_origin(st, a, who, &after, now, err);
    rc = meeting_finish(st, rc, err);
    arena_free(a);
    return rc;
}

int app_minutes_approve_circulation(struct store *st, const struct principal *who,
                                    int64_t meeting_id, const int64_t *person_ids, size_t n,
                                    int32_t on_day, int64_t now, struct field_errors *fe,
                                    struct kl_error *err)
{
    struct arena *a;
    struct meeting m, after;
    struct person p;
    struct kl_error ignored;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_meeting_get(st, a, meeting_id, &m, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, m.forum_id, err);
    if (rc == 0 && m.status != MEETING_MINUTES_PUBLISHED)
        rc = kl_error_say(err, KL_ECONFLICT, N_("Only published minutes are approved."),
                          "the meeting is %s: only published minutes are "
                          "approved", meeting_status_name(m.status));
    if (rc) {
        arena_free(a);
        return rc;
    }
    if (n == 0 || !person_ids)
        fields_add(fe, "person_ids", N_("name at least one person who approved"));
    for (size_t i = 0; i < n && person_ids; i++)
        if (store_person_get(st, a, person_ids[i], &p, &ignored))
            fields_add(fe, "person_ids", N_("names someone who is not a person"));
    if (on_day == DATE_OPEN)
        fields_add(fe, "approved_on", N_("is required"));
    else if (on_day > meeting_cph_day(now))
        fields_add(fe, "approved_on", N_("cannot be in the future"));
    else if (on_day < meeting_cph_day(m.starts_at))
        fields_add(fe, "approved_on", N_("cannot be before the meeting"));
    if (fe->n) {
        arena_free(a);
        return meeting_invalid(fe, err);
    }
    if ((rc = store_begin(st, err)) == 0) {
        json_t *people = json_array();
        for (size_t i = 0; rc == 0 && i < n; i++) {
            rc = store_approver_put(st, meeting_id, person_ids[i], on_day, err);
            json_array_append_new(people, json_integer(person_ids[i]));
        }
        if (rc == 0)
            rc = store_meeting_set_approval(st, meeting_id, APPROVAL_CIRCULATION, now, 0, on_day,
                                            err);
        if (rc == 0)
            rc = store_meeting_get(st, a, meeting_id, &after, err);
        if (rc == 0) {
            json_t *o = meeting_json(&after);
            if (o)
                json_object_set(o, "approved_by", people);
            rc = meeting_audit(st, who, "minutes", meeting_id, "approve", m.forum_id,
                               meeting_json(&m), o, err);
        }
        json_decref(people);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_minutes_approvers(struct store *st, struct arena *a, const struct principal *who,
                          int64_t meeting_id, struct minutes_approver **out, size_t *n,
                          struct kl_error *err)
{
    struct meeting_access acc;
    struct meeting m;
    int rc;

    *out = NULL;
    *n = 0;
    if ((rc = store_meeting_get(st, a, meeting_id, &m, err)) ||
        (rc = app_authorize(st, who, PERM_FORUM_PUBLISHED, m.forum_id, err)) ||
        (rc = meeting_access_of(st, who, m.forum_id, &acc, err)))
        return rc;
    if (!meeting_minutes_visible(&acc, m.status))
        return kl_error_set(err, KL_EPERM, "the minutes are not published");
    return store_approver_list(st, a, meeting_id, out, n, err);
}

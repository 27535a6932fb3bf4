/* meeting.c - use cases of meetings: reading, creating and changing them, every status
 * change, and the secretariat's overview of deadlines (see meeting.h). The year plan is in
 * yearplan.c. */
#include "app/meeting.h"
#include "app/meeting_impl.h"
#include "app/meeting_json.h"

#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/account.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/account.h"
#include "store/people.h"
#include "store/store.h"

#include <string.h>

/* Reading. */

/* Keeps the meetings of forums who may see; *n is updated. */
static int keep_visible(struct store *st, struct arena *a, const struct principal *who,
                        struct meeting *m, size_t *n, struct kl_error *err)
{
    int64_t *seen = arena_alloc(a, (*n + 1) * sizeof(*seen));
    int *ok = arena_alloc(a, (*n + 1) * sizeof(*ok));
    size_t nseen = 0, kept = 0;

    if (!seen || !ok)
        return meeting_oom(err);
    for (size_t i = 0; i < *n; i++) {
        size_t j = 0;
        while (j < nseen && seen[j] != m[i].forum_id)
            j++;
        if (j == nseen) {
            struct kl_error why;
            int rc = app_authorize(st, who, PERM_FORUM_PUBLISHED, m[i].forum_id, &why);
            if (rc && rc != KL_EPERM)
                return kl_error_set(err, rc, "%s", why.msg);
            seen[nseen] = m[i].forum_id;
            ok[nseen++] = rc == 0;
        }
        if (ok[j])
            m[kept++] = m[i];
    }
    *n = kept;
    return 0;
}

int app_meeting_list(struct store *st, struct arena *a, const struct principal *who,
                     const struct meeting_query *q, struct meeting **out, size_t *n,
                     struct kl_error *err)
{
    int rc = store_meeting_list(st, a, q, out, n, err);

    return rc ? rc : keep_visible(st, a, who, *out, n, err);
}

int app_meeting_plan(struct store *st, struct arena *a, const struct principal *who,
                     const char *cluster_code, int32_t from, int32_t to, struct meeting **out,
                     size_t *n, struct kl_error *err)
{
    struct meeting_query q = {.cluster_code = cluster_code, .from_day = from, .to_day = to,
                              .include_pre_meetings = 1};

    return app_meeting_list(st, a, who, &q, out, n, err);
}

int app_meeting_get(struct store *st, struct arena *a, const struct principal *who, int64_t id,
                    struct meeting *out, struct kl_error *err)
{
    int rc = store_meeting_get(st, a, id, out, err);

    return rc ? rc : app_authorize(st, who, PERM_FORUM_PUBLISHED, out->forum_id, err);
}

/* Creating and changing. */

/* Checks the references of m: its chair, and a pre-meeting's meeting. */
static void check_refs(struct store *st, struct arena *a, const struct meeting *m,
                       struct field_errors *fe)
{
    struct meeting parent;
    struct person p;
    struct kl_error err;

    if (m->chair_person_id > 0 && store_person_get(st, a, m->chair_person_id, &p, &err))
        fields_add(fe, "chair_person_id", N_("is not a person"));
    if (m->kind == MEETING_PRE && m->parent_id > 0) {
        if (store_meeting_get(st, a, m->parent_id, &parent, &err) ||
            parent.forum_id != m->forum_id)
            fields_add(fe, "parent_id", N_("is not a meeting of this forum"));
        else if (parent.kind == MEETING_PRE)
            fields_add(fe, "parent_id", N_("cannot be a pre-meeting"));
    }
}

int app_meeting_create(struct store *st, const struct principal *who, struct meeting *m,
                       struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct meeting stored;
    int rc = app_authorize(st, who, PERM_FORUM_MANAGE, m->forum_id, err);

    if (rc == KL_ENOTFOUND) {
        fields_add(fe, "forum_id", N_("is not a forum"));
        return meeting_invalid(fe, err);
    }
    if (rc)
        return rc;
    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    meeting_check(m, fe);
    check_refs(st, a, m, fe);
    if (!fe->n && (rc = store_begin(st, err)) == 0) {
        rc = store_meeting_insert(st, m, &m->id, err);
        if (rc == 0)
            rc = store_meeting_get(st, a, m->id, &stored, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "meeting", m->id, "create", m->forum_id, NULL,
                               meeting_json(&stored), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return fe->n ? meeting_invalid(fe, err) : rc;
}

int app_meeting_update(struct store *st, const struct principal *who, struct meeting *m,
                       struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct meeting old, now;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_meeting_get(st, a, m->id, &old, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, old.forum_id, err);
    if (rc == 0 && (old.status >= MEETING_HELD))
        rc = kl_error_say(err, KL_ECONFLICT, N_("The meeting can no longer be changed."),
                          "the meeting is %s: it can no longer be changed",
                          meeting_status_name(old.status));
    if (rc) {
        arena_free(a);
        return rc;
    }
    m->forum_id = old.forum_id;
    m->kind = old.kind;
    m->parent_id = old.parent_id;
    meeting_check(m, fe);
    check_refs(st, a, m, fe);
    if (!fe->n && (rc = store_begin(st, err)) == 0) {
        rc = store_meeting_update(st, m, err);
        if (rc == 0)
            rc = store_meeting_get(st, a, m->id, &now, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "meeting", m->id, "update", m->forum_id,
                               meeting_json(&old), meeting_json(&now), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return fe->n ? meeting_invalid(fe, err) : rc;
}

/* Status changes. */

/* Reads meeting id and authorises PERM_FORUM_MANAGE; then opens the transaction, reads it
 * again into *m and checks that it may move to `to`. On failure nothing is open. */
static int begin_change(struct store *st, struct arena *a, const struct principal *who,
                        int64_t id, enum meeting_status to, struct meeting *m,
                        struct kl_error *err)
{
    int rc = store_meeting_get(st, a, id, m, err);

    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, m->forum_id, err);
    if (rc == 0)
        rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = store_meeting_get(st, a, id, m, err);
    if (rc == 0 && !meeting_transition_allowed(m->status, to))
        rc = kl_error_say(err, KL_ECONFLICT,
                          N_("The meeting cannot change to that status from the one it has."),
                          "a meeting that is %s cannot become %s",
                          meeting_status_name(m->status), meeting_status_name(to));
    if (rc)
        store_rollback(st);
    return rc;
}

/* Sets the status, audits action with before and after, and ends the transaction. */
static int end_change(struct store *st, struct arena *a, const struct principal *who,
                      const struct meeting *before, enum meeting_status to, int64_t at,
                      const char *text, const char *action, int rc, struct kl_error *err)
{
    struct meeting after;

    if (rc == 0)
        rc = store_meeting_set_status(st, before->id, to, at, text, err);
    if (rc == 0)
        rc = store_meeting_get(st, a, before->id, &after, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "meeting", before->id, action, before->forum_id,
                           meeting_json(before), meeting_json(&after), err);
    return meeting_finish(st, rc, err);
}

static const char *const months_da[12] = {
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
};

/* Inserts a standard item of meeting m and appends its id to ids. */
static int add_standard(struct store *st, struct arena *a, const struct principal *who,
                        const struct meeting *m, enum item_standard std, int64_t prev,
                        int64_t *ids, size_t *n, struct kl_error *err)
{
    struct agenda_item it = {.forum_id = m->forum_id, .meeting_id = m->id,
                             .state = ITEM_AGENDA, .standard = std, .case_text = "",
                             .presenter = "", .proposed_by = "", .decline_reason = "",
                             .decision = ""};
    struct meeting pm;
    int rc = 0, y, mo, d;

    switch (std) {
    case STANDARD_APPROVE_AGENDA:
        it.title = "Godkendelse af dagsorden";
        it.rooms = ROOM_DECIDING;
        it.recommendation = arena_printf(a, "At %s godkender dagsordenen", m->forum_name);
        break;
    case STANDARD_APPROVE_MINUTES:
        if ((rc = store_meeting_get(st, a, prev, &pm, err)))
            return rc;
        date_to_ymd(meeting_cph_day(pm.starts_at), &y, &mo, &d);
        it.title = "Godkendelse af referat fra sidste møde";
        it.rooms = ROOM_DECIDING;
        it.approves_minutes_of = prev;
        it.recommendation = arena_printf(a, "At %s godkender referatet fra mødet den %d. %s %d",
                                         m->forum_name, d, months_da[mo - 1], y);
        break;
    case STANDARD_ROUND:
        it.title = "Runde: Hvad er vi optagede af?";
        it.rooms = ROOM_INFORMING;
        it.recommendation = "At medlemmerne giver en kort status på, hvilke udfordringer og "
                            "indsatser der i øjeblikket kræver opmærksomhed";
        break;
    default:
        it.title = "Eventuelt";
        it.recommendation = "";
        break;
    }
    if (!it.recommendation)
        return meeting_oom(err);
    it.number = (int)*n + 1;
    rc = store_item_insert(st, &it, &it.id, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "agenda_item", it.id, "create", m->forum_id, NULL,
                           agenda_item_json(&it, 1, 0), err);
    if (rc == 0)
        ids[(*n)++] = it.id;
    return rc;
}

int app_meeting_start_agenda(struct store *st, const struct principal *who, int64_t id,
                             struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    struct agenda_item *placed = NULL, *pending = NULL;
    struct forum forum;
    size_t nplaced = 0, npending = 0, n = 0;
    int64_t prev = 0, *ids;
    unsigned omit;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    if ((rc = begin_change(st, a, who, id, MEETING_AGENDA_DRAFT, &m, err))) {
        arena_free(a);
        return rc;
    }
    rc = store_item_list(st, a, id, &placed, &nplaced, err);
    if (rc == 0 && m.kind != MEETING_PRE)
        rc = store_item_list_state(st, a, m.forum_id, ITEM_PENDING, &pending, &npending, err);
    if (rc == 0 && m.kind != MEETING_PRE)
        rc = store_meeting_previous(st, m.forum_id, m.starts_at, &prev, err);
    ids = arena_alloc(a, (nplaced + npending + 4) * sizeof(*ids));
    if (rc == 0 && !ids)
        rc = meeting_oom(err);
    if (rc == 0 && m.kind != MEETING_PRE)
        rc = store_forum_get(st, a, m.forum_id, &forum, err);
    omit = rc == 0 && m.kind != MEETING_PRE ? forum.mandate.omit_standard : 0;
    if (rc == 0 && m.kind != MEETING_PRE) {
        if (!(omit & (1u << STANDARD_APPROVE_AGENDA)))
            rc = add_standard(st, a, who, &m, STANDARD_APPROVE_AGENDA, 0, ids, &n, err);
        if (rc == 0 && prev && !(omit & (1u << STANDARD_APPROVE_MINUTES)))
            rc = add_standard(st, a, who, &m, STANDARD_APPROVE_MINUTES, prev, ids, &n, err);
        if (rc == 0 && !(omit & (1u << STANDARD_ROUND)))
            rc = add_standard(st, a, who, &m, STANDARD_ROUND, 0, ids, &n, err);
    }
    for (size_t i = 0; rc == 0 && i < nplaced; i++)
        ids[n++] = placed[i].id;
    for (size_t i = 0; rc == 0 && i < npending; i++) {
        rc = store_item_place(st, pending[i].id, ITEM_AGENDA, id, (int)n + 1, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "agenda_item", pending[i].id, "place", m.forum_id,
                               agenda_item_json(&pending[i], 0, 0), json_pack("{s:I}",
                               "meeting_id", (json_int_t)id), err);
        ids[n++] = pending[i].id;
    }
    if (rc == 0 && m.kind != MEETING_PRE && !(omit & (1u << STANDARD_ANY_OTHER)))
        rc = add_standard(st, a, who, &m, STANDARD_ANY_OTHER, 0, ids, &n, err);
    if (rc == 0)
        rc = meeting_renumber(st, ids, n, err);
    rc = end_change(st, a, who, &m, MEETING_AGENDA_DRAFT, 0, NULL, "start_agenda", rc, err);
    arena_free(a);
    return rc;
}

int app_meeting_publish_agenda(struct store *st, const struct principal *who, int64_t id,
                               int64_t now, const char *late_reason, struct field_errors *fe,
                               struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    char *reason;
    int rc, late;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    if ((rc = begin_change(st, a, who, id, MEETING_AGENDA_PUBLISHED, &m, err))) {
        arena_free(a);
        return rc;
    }
    late = meeting_kind_has_deadline(m.kind) &&
           meeting_publish_late(now, meeting_publish_deadline(m.starts_at, m.publish_days));
    reason = recommendation_normalise(a, late ? late_reason : NULL);
    if (!reason)
        rc = meeting_oom(err);
    else if (late && !*reason)
        fields_add(fe, "late_reason", N_("is required: the deadline for publishing the agenda "
                                         "has passed"));
    else if (strlen(reason) > MEETING_NOTE_MAX)
        fields_add(fe, "late_reason", N_("is too long"));
    if (fe->n) {
        store_rollback(st);
        arena_free(a);
        return meeting_invalid(fe, err);
    }
    rc = end_change(st, a, who, &m, MEETING_AGENDA_PUBLISHED, now, reason, "publish_agenda", rc,
                    err);
    arena_free(a);
    return rc;
}

int app_meeting_mark_held(struct store *st, const struct principal *who, int64_t id,
                          int64_t now, struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    char day[11];
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    if ((rc = begin_change(st, a, who, id, MEETING_HELD, &m, err))) {
        arena_free(a);
        return rc;
    }
    if (meeting_cph_day(now) < meeting_cph_day(m.starts_at)) {
        date_format_iso(meeting_cph_day(m.starts_at), day);
        rc = kl_error_say(err, KL_ECONFLICT, N_("The meeting cannot be held before its day."),
                          "the meeting is on %s: it cannot be held before",
                          day);
    }
    rc = end_change(st, a, who, &m, MEETING_HELD, 0, NULL, "mark_held", rc, err);
    arena_free(a);
    return rc;
}

int app_meeting_start_minutes(struct store *st, const struct principal *who, int64_t id,
                              struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    if ((rc = begin_change(st, a, who, id, MEETING_MINUTES_DRAFT, &m, err)) == 0)
        rc = end_change(st, a, who, &m, MEETING_MINUTES_DRAFT, 0, NULL, "start_minutes", 0, err);
    arena_free(a);
    return rc;
}

/* Answers the open referrals taken up on meeting m's agenda with their decisions. */
static int answer_referrals(struct store *st, struct arena *a, const struct principal *who,
                            const struct meeting *m, int64_t now, struct kl_error *err)
{
    struct agenda_item *items;
    size_t n;
    int rc = store_item_list(st, a, m->id, &items, &n, err);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct agenda_item *it = &items[i];
        struct referral r, after;
        const char *answer;
        if (!it->origin_referral_id || it->outcome == OUTCOME_NONE ||
            it->outcome == OUTCOME_POSTPONED || it->outcome == OUTCOME_BROUGHT_BACK)
            continue;
        if ((rc = store_referral_get(st, a, it->origin_referral_id, &r, err)))
            break;
        if (r.status != REFERRAL_OPEN)
            continue;
        answer = *it->decision ? it->decision : item_outcome_name(it->outcome);
        rc = store_referral_set_status(st, r.id, REFERRAL_ANSWERED, answer, now, err);
        if (rc == 0)
            rc = store_referral_get(st, a, r.id, &after, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "referral", r.id, "answer", m->forum_id,
                               referral_json(&r), referral_json(&after), err);
    }
    return rc;
}

int app_meeting_publish_minutes(struct store *st, const struct principal *who, int64_t id,
                                int64_t now, struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    if ((rc = begin_change(st, a, who, id, MEETING_MINUTES_PUBLISHED, &m, err)) == 0) {
        rc = answer_referrals(st, a, who, &m, now, err);
        rc = end_change(st, a, who, &m, MEETING_MINUTES_PUBLISHED, now, NULL, "publish_minutes",
                        rc, err);
    }
    arena_free(a);
    return rc;
}

/* Cancels meeting m's pre-meetings that are not held, and sends the items of m's agenda
 * (but the standard ones, which are removed) to the forum's next agenda. */
static int cancel_dependents(struct store *st, struct arena *a, const struct principal *who,
                             const struct meeting *m, const char *reason, struct kl_error *err)
{
    struct meeting_query q = {.parent_id = m->id, .include_pre_meetings = 1, .to_day = DATE_OPEN};
    struct meeting *pre, after;
    struct agenda_item *items;
    size_t npre, n;
    int rc = m->kind == MEETING_PRE ? 0 : store_meeting_list(st, a, &q, &pre, &npre, err);

    for (size_t i = 0; rc == 0 && m->kind != MEETING_PRE && i < npre; i++) {
        if (!meeting_transition_allowed(pre[i].status, MEETING_CANCELLED))
            continue;
        rc = store_meeting_set_status(st, pre[i].id, MEETING_CANCELLED, 0, reason, err);
        if (rc == 0)
            rc = store_meeting_get(st, a, pre[i].id, &after, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "meeting", pre[i].id, "cancel", m->forum_id,
                               meeting_json(&pre[i]), meeting_json(&after), err);
    }
    if (rc == 0)
        rc = store_item_list(st, a, m->id, &items, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int64_t next = 0;
        if (items[i].standard != STANDARD_NONE) {
            rc = store_item_delete(st, items[i].id, err);
            if (rc == 0)
                rc = meeting_audit(st, who, "agenda_item", items[i].id, "delete", m->forum_id,
                                   agenda_item_json(&items[i], 0, 0), NULL, err);
            continue;
        }
        rc = meeting_place_next(st, a, m->forum_id, m->starts_at, items[i].id, &next, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "agenda_item", items[i].id, "place", m->forum_id,
                               agenda_item_json(&items[i], 0, 0),
                               next ? json_pack("{s:I}", "meeting_id", (json_int_t)next)
                                    : json_pack("{s:s}", "state", "pending"),
                               err);
    }
    return rc;
}

int app_meeting_cancel(struct store *st, const struct principal *who, int64_t id,
                       const char *reason, struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    char *why;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    if ((rc = begin_change(st, a, who, id, MEETING_CANCELLED, &m, err))) {
        arena_free(a);
        return rc;
    }
    if (!(why = recommendation_normalise(a, reason)))
        rc = meeting_oom(err);
    else if (!*why)
        fields_add(fe, "reason", N_("is required"));
    else if (strlen(why) > MEETING_NOTE_MAX)
        fields_add(fe, "reason", N_("is too long"));
    if (fe->n) {
        store_rollback(st);
        arena_free(a);
        return meeting_invalid(fe, err);
    }
    /* the status first, so that this meeting is not the next agenda of its own items */
    if (rc == 0)
        rc = store_meeting_set_status(st, id, MEETING_CANCELLED, 0, why, err);
    if (rc == 0)
        rc = cancel_dependents(st, a, who, &m, why, err);
    rc = end_change(st, a, who, &m, MEETING_CANCELLED, 0, why, "cancel", rc, err);
    arena_free(a);
    return rc;
}

/* The secretariat's overview. */

int app_meeting_overview(struct store *st, struct arena *a, const struct principal *who,
                         int64_t now, struct meeting_deadline **out, size_t *n,
                         struct kl_error *err)
{
    struct meeting_query q = {.from_day = meeting_cph_day(now), .to_day = DATE_OPEN,
                              .include_pre_meetings = 1};
    struct forum_role_grant *roles;
    struct meeting *m;
    size_t nroles = 0, nm;
    int64_t *ids = NULL;
    int32_t today = meeting_cph_day(now);
    int rc;

    *out = NULL;
    *n = 0;
    if ((rc = app_authorize(st, who, PERM_SIGNED_IN, 0, err)))
        return rc;
    if (!who->is_admin) {
        if ((rc = store_forum_roles_of(st, a, who->user_id, &roles, &nroles, err)))
            return rc;
        if (!(ids = arena_alloc(a, (nroles + 1) * sizeof(*ids))))
            return meeting_oom(err);
        for (size_t i = 0; i < nroles; i++)
            if (roles[i].role == ROLE_SECRETARY)
                ids[q.nforums++] = roles[i].forum_id;
        if (!q.nforums)
            return 0;
        q.forum_ids = ids;
    }
    if ((rc = store_meeting_list(st, a, &q, &m, &nm, err)))
        return rc;
    if (!(*out = arena_calloc(a, nm + 1, sizeof(**out))))
        return meeting_oom(err);
    for (size_t i = 0; i < nm; i++) {
        struct meeting_deadline *d = &(*out)[i];
        d->meeting = m[i];
        d->has_deadline = meeting_kind_has_deadline(m[i].kind);
        d->deadline = meeting_publish_deadline(m[i].starts_at, m[i].publish_days);
        d->days_left = d->deadline - today;
        d->urgency = d->has_deadline
                         ? meeting_urgency(d->deadline, today,
                                           m[i].status >= MEETING_AGENDA_PUBLISHED)
                         : URGENCY_FINE;
    }
    *n = nm;
    return 0;
}

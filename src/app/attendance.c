/* attendance.c - use cases of attendance: invited members from the memberships in force on
 * the meeting day, absences with substitutes, guests, presence, and the participants
 * grouped by organisation for the minutes (see meeting_minutes.h). */
#include "app/meeting_minutes.h"
#include "app/meeting_impl.h"
#include "app/meeting_json.h"

#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/collate.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "store/meeting.h"
#include "store/people.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

/* Invitations. */

static int invited_role(enum member_role r)
{
    return r == MEMBER_CHAIR || r == MEMBER_CO_CHAIR || r == MEMBER_MEMBER;
}

/* The organisation a membership represents, or else the person's own. */
static int64_t member_org(struct store *st, struct arena *a, const struct membership *ms,
                          const char **name)
{
    struct person p;
    struct kl_error err;

    *name = ms->organisation_name ? ms->organisation_name : "";
    if (ms->organisation_id)
        return ms->organisation_id;
    if (store_person_get(st, a, ms->person_id, &p, &err) || !p.organisation_id)
        return 0;
    *name = p.organisation_name;
    return p.organisation_id;
}

/* The membership by which person_id is invited to meeting m (its highest role in force on
 * the meeting day), or *found 0. */
static int invitation(struct store *st, struct arena *a, const struct meeting *m,
                      int64_t person_id, struct membership *out, int *found,
                      struct kl_error *err)
{
    struct membership *ms;
    size_t n;
    int32_t day = meeting_cph_day(m->starts_at);
    int rc = store_membership_list(st, a, m->forum_id, person_id, &ms, &n, err);

    *found = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (invited_role(ms[i].role) && membership_active(&ms[i], day) &&
            (!*found || ms[i].role < out->role)) {
            *out = ms[i];
            *found = 1;
        }
    return rc;
}

/* Reading. */

static int rank(const struct participant *p)
{
    return p->kind == ATTEND_MEMBER ? (int)p->role : p->kind == ATTEND_SUBSTITUTE ? 10 : 20;
}

static int by_name(const struct participant *a, const struct participant *b)
{
    return collate_da(a->name, strlen(a->name), b->name, strlen(b->name));
}

/* By organisation name (none last), then role, then name. */
static int by_group(const void *x, const void *y)
{
    const struct participant *a = x, *b = y;
    int c;

    if ((a->organisation_id == 0) != (b->organisation_id == 0))
        return a->organisation_id == 0 ? 1 : -1;
    c = collate_da(a->organisation_name, strlen(a->organisation_name), b->organisation_name,
                   strlen(b->organisation_name));
    if (c)
        return c;
    if (a->organisation_id != b->organisation_id)
        return a->organisation_id < b->organisation_id ? -1 : 1;
    if (rank(a) != rank(b))
        return rank(a) - rank(b);
    return by_name(a, b);
}

static int by_rank_name(const void *x, const void *y)
{
    const struct participant *a = x, *b = y;
    return rank(a) != rank(b) ? rank(a) - rank(b) : by_name(a, b);
}

/* The participants of all[0..n) for which absent matches, grouped by organisation. */
static int group(struct arena *a, const struct participant *all, size_t n, int absent,
                 struct participant_group **out, size_t *nout)
{
    struct participant *sel = arena_calloc(a, n + 1, sizeof(*sel));
    size_t k = 0;

    *out = arena_calloc(a, n + 1, sizeof(**out));
    *nout = 0;
    if (!sel || !*out)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (all[i].kind != ATTEND_GUEST && (all[i].status == ATTEND_ABSENT) == absent)
            sel[k++] = all[i];
    qsort(sel, k, sizeof(*sel), by_group);
    for (size_t i = 0; i < k; i++) {
        struct participant_group *g = *nout ? &(*out)[*nout - 1] : NULL;
        if (!g || g->organisation_id != sel[i].organisation_id) {
            g = &(*out)[(*nout)++];
            g->organisation_id = sel[i].organisation_id;
            g->organisation_name = sel[i].organisation_name;
            g->people = &sel[i];
        }
        g->n++;
    }
    return 0;
}

/* The participant of person_id in all[0..n), or NULL. */
static struct participant *find(struct participant *all, size_t n, int64_t person_id)
{
    for (size_t i = 0; i < n; i++)
        if (all[i].person_id == person_id)
            return &all[i];
    return NULL;
}

int app_attendance_get(struct store *st, struct arena *a, const struct principal *who,
                       int64_t meeting_id, struct attendance_report *out, struct kl_error *err)
{
    struct meeting_access acc;
    struct meeting m;
    struct membership *ms;
    struct attendance *rows;
    struct participant *all, *sec;
    size_t nms, nrows, n = 0, nsec = 0, ng = 0;
    int32_t day;
    int rc;

    memset(out, 0, sizeof(*out));
    if ((rc = store_meeting_get(st, a, meeting_id, &m, err)) ||
        (rc = app_authorize(st, who, PERM_FORUM_PUBLISHED, m.forum_id, err)) ||
        (rc = meeting_access_of(st, who, m.forum_id, &acc, err)))
        return rc;
    if (!meeting_minutes_visible(&acc, m.status))
        return kl_error_set(err, KL_EPERM, "attendance is shown with the published minutes");
    day = meeting_cph_day(m.starts_at);
    if ((rc = store_membership_list(st, a, m.forum_id, 0, &ms, &nms, err)) ||
        (rc = store_attendance_list(st, a, meeting_id, &rows, &nrows, err)))
        return rc;
    all = arena_calloc(a, nms + nrows + 1, sizeof(*all));
    sec = arena_calloc(a, nms + 1, sizeof(*sec));
    if (!all || !sec)
        return meeting_oom(err);
    /* invited members, once each in their highest role; the secretariat apart */
    for (size_t i = 0; i < nms; i++) {
        struct participant *p;
        if (!membership_active(&ms[i], day))
            continue;
        if (ms[i].role == MEMBER_SECRETARY) {
            if (!find(sec, nsec, ms[i].person_id)) {
                p = &sec[nsec++];
                p->person_id = ms[i].person_id;
                p->name = ms[i].person_name;
                p->kind = ATTEND_SECRETARY;
                p->role = MEMBER_SECRETARY;
                p->organisation_id = member_org(st, a, &ms[i], &p->organisation_name);
                p->note = p->substitute_for_name = p->substitute_name = "";
            }
            continue;
        }
        if (!invited_role(ms[i].role))
            continue;
        if ((p = find(all, n, ms[i].person_id))) {
            if (ms[i].role < p->role) {
                p->role = ms[i].role;
                p->organisation_id = member_org(st, a, &ms[i], &p->organisation_name);
            }
            continue;
        }
        p = &all[n++];
        p->person_id = ms[i].person_id;
        p->name = ms[i].person_name;
        p->kind = ATTEND_MEMBER;
        p->role = ms[i].role;
        p->status = ATTEND_EXPECTED;
        p->organisation_id = member_org(st, a, &ms[i], &p->organisation_name);
        p->note = p->substitute_for_name = p->substitute_name = "";
    }
    /* what is registered: absences and presence of members, substitutes, guests */
    for (size_t i = 0; i < nrows; i++) {
        struct attendance *r = &rows[i];
        struct participant *p = r->kind == ATTEND_MEMBER ? find(all, n, r->person_id) : NULL;
        if (!p) {
            p = &all[n++];
            p->person_id = r->person_id;
            p->name = r->person_name;
            p->kind = r->kind;
            p->role = MEMBER_MEMBER;
            p->organisation_id = r->organisation_id;
            p->organisation_name = r->organisation_name;
            p->substitute_for_name = p->substitute_name = "";
        }
        p->status = r->status;
        p->note = r->note;
        p->item_id = r->item_id;
        p->item_number = r->item_number;
        if (r->kind == ATTEND_SUBSTITUTE) {
            p->substitute_for = r->substitute_for;
            p->substitute_for_name = r->substitute_for_name;
        }
    }
    /* substitutes stand with the member they stand in for */
    for (size_t i = 0; i < n; i++) {
        struct participant *member;
        if (all[i].kind != ATTEND_SUBSTITUTE || !(member = find(all, n, all[i].substitute_for)))
            continue;
        member->substitute_id = all[i].person_id;
        member->substitute_name = all[i].name;
        all[i].organisation_id = member->organisation_id;
        all[i].organisation_name = member->organisation_name;
    }
    out->all = all;
    out->nall = n;
    out->secretariat = sec;
    out->nsecretariat = nsec;
    qsort(sec, nsec, sizeof(*sec), by_rank_name);
    if (!(out->guests = arena_calloc(a, n + 1, sizeof(*out->guests))))
        return meeting_oom(err);
    for (size_t i = 0; i < n; i++)
        if (all[i].kind == ATTEND_GUEST)
            out->guests[ng++] = all[i];
    out->nguests = ng;
    qsort(out->guests, ng, sizeof(*out->guests), by_rank_name);
    if (group(a, all, n, 0, &out->present, &out->npresent) ||
        group(a, all, n, 1, &out->absent, &out->nabsent))
        return meeting_oom(err);
    return 0;
}

/* Changing. */

/* Reads meeting id and the access of who; KL_ENOTFOUND, KL_EPERM (no right to see the
 * forum) or 0. */
static int load_meeting(struct store *st, struct arena *a, const struct principal *who,
                        int64_t id, struct meeting *m, struct meeting_access *acc,
                        struct kl_error *err)
{
    int rc = store_meeting_get(st, a, id, m, err);

    if (rc == 0)
        rc = meeting_access_of(st, who, m->forum_id, acc, err);
    if (rc == 0 && !acc->published)
        rc = app_authorize(st, who, PERM_FORUM_PUBLISHED, m->forum_id, err);
    return rc;
}

/* 0 when who is the secretary, or (self_ok) the person person_id itself; else KL_EPERM. */
static int may_register(struct store *st, const struct principal *who,
                        const struct meeting_access *acc, int64_t person_id, int self_ok,
                        struct kl_error *err)
{
    int64_t self = 0;
    int rc;

    if (acc->manage)
        return 0;
    if (self_ok && (rc = store_person_of_user(st, who->user_id, &self, err)))
        return rc;
    if (self_ok && self && self == person_id)
        return 0;
    return kl_error_set(err, KL_EPERM, self_ok ? "only the member themself or the secretary "
                                                 "registers an absence"
                                               : "only the forum's secretary records attendance");
}

/* KL_ECONFLICT unless absences may still be registered: before the meeting is held. */
static int before_meeting(const struct meeting *m, struct kl_error *err)
{
    if (m->status < MEETING_HELD)
        return 0;
    return kl_error_say(err, KL_ECONFLICT,
                        N_("Absences are registered before the meeting is held."),
                        "the meeting is %s: absences are registered before "
                        "it is held", meeting_status_name(m->status));
}

/* KL_ECONFLICT when attendance can no longer change: cancelled, or minutes published. */
static int attendance_open(const struct meeting *m, struct kl_error *err)
{
    if (m->status != MEETING_CANCELLED && m->status != MEETING_MINUTES_PUBLISHED)
        return 0;
    return kl_error_say(err, KL_ECONFLICT, N_("The meeting's attendance is closed."),
                        "the meeting is %s: its attendance is closed",
                        meeting_status_name(m->status));
}

static void check_note(const char *note, struct field_errors *fe)
{
    size_t n = note ? strlen(note) : 0;

    if (n > ATTENDANCE_NOTE_MAX)
        fields_add(fe, "note", N_("is too long"));
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)note[i] < ' ') {
            fields_add(fe, "note", N_("must be one line without control characters"));
            break;
        }
}

/* The substitute row that stands in for person_id at meeting_id, if any (*found). */
static int substitute_of(struct store *st, struct arena *a, int64_t meeting_id,
                         int64_t person_id, struct attendance *out, int *found,
                         struct kl_error *err)
{
    struct attendance *rows;
    size_t n;
    int rc = store_attendance_list(st, a, meeting_id, &rows, &n, err);

    *found = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (rows[i].kind == ATTEND_SUBSTITUTE && rows[i].substitute_for == person_id) {
            *out = rows[i];
            *found = 1;
        }
    return rc;
}

/* Audits the attendance of person_id at meeting m after a change. */
static int audit_row(struct store *st, struct arena *a, const struct principal *who,
                     const struct meeting *m, int64_t person_id, const char *action,
                     json_t *before, struct kl_error *err)
{
    struct attendance now;
    struct kl_error ignored;
    json_t *after = NULL;

    if (store_attendance_get(st, a, m->id, person_id, &now, &ignored) == 0)
        after = attendance_json(&now);
    else
        after = json_pack("{s:I,s:I,s:s}", "meeting_id", (json_int_t)m->id, "person_id",
                          (json_int_t)person_id, "status", "expected");
    return meeting_audit(st, who, "attendance", m->id, action, m->forum_id, before, after, err);
}

/* The row of person_id as JSON before a change, or NULL. */
static json_t *row_json(struct store *st, struct arena *a, int64_t meeting_id, int64_t person_id)
{
    struct attendance r;
    struct kl_error ignored;

    return store_attendance_get(st, a, meeting_id, person_id, &r, &ignored) == 0
               ? attendance_json(&r) : NULL;
}

int app_attendance_absent(struct store *st, const struct principal *who, int64_t meeting_id,
                          int64_t person_id, int64_t substitute_id, const char *note,
                          int64_t now, struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    struct meeting_access acc;
    struct membership ms, other;
    struct person sub;
    struct attendance old_sub, existing;
    struct kl_error ignored;
    const char *org_name;
    int rc, invited = 0, sub_invited = 0, has_old_sub = 0;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_meeting(st, a, who, meeting_id, &m, &acc, err);
    if (rc == 0)
        rc = may_register(st, who, &acc, person_id, 1, err);
    if (rc == 0)
        rc = before_meeting(&m, err);
    if (rc == 0)
        rc = attendance_open(&m, err);
    if (rc == 0)
        rc = invitation(st, a, &m, person_id, &ms, &invited, err);
    if (rc == 0 && substitute_id)
        rc = invitation(st, a, &m, substitute_id, &other, &sub_invited, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    if (!invited)
        fields_add(fe, "person_id", N_("is not invited to this meeting"));
    if (substitute_id) {
        if (substitute_id == person_id)
            fields_add(fe, "substitute_id", N_("cannot be the member themself"));
        else if (store_person_get(st, a, substitute_id, &sub, &ignored))
            fields_add(fe, "substitute_id", N_("is not a person"));
        else if (sub_invited)
            fields_add(fe, "substitute_id", N_("is already invited to this meeting"));
        else if (store_attendance_get(st, a, meeting_id, substitute_id, &existing, &ignored) == 0 &&
                 !(existing.kind == ATTEND_SUBSTITUTE && existing.substitute_for == person_id))
            fields_add(fe, "substitute_id", N_("already takes part in this meeting"));
    }
    check_note(note, fe);
    if (fe->n) {
        arena_free(a);
        return meeting_invalid(fe, err);
    }
    if ((rc = store_begin(st, err)) == 0) {
        struct attendance row = {.meeting_id = meeting_id, .person_id = person_id,
                                 .kind = ATTEND_MEMBER, .status = ATTEND_ABSENT,
                                 .organisation_id = member_org(st, a, &ms, &org_name),
                                 .note = note ? note : "", .absence_registered_at = now};
        json_t *before = row_json(st, a, meeting_id, person_id);
        rc = substitute_of(st, a, meeting_id, person_id, &old_sub, &has_old_sub, err);
        if (rc == 0 && has_old_sub && old_sub.person_id != substitute_id) {
            rc = store_attendance_delete(st, meeting_id, old_sub.person_id, err);
            if (rc == 0)
                rc = meeting_audit(st, who, "attendance", meeting_id, "remove", m.forum_id,
                                   attendance_json(&old_sub), NULL, err);
        }
        if (rc == 0)
            rc = store_attendance_put(st, &row, err);
        if (rc == 0 && substitute_id) {
            struct attendance s = {.meeting_id = meeting_id, .person_id = substitute_id,
                                   .kind = ATTEND_SUBSTITUTE, .status = ATTEND_EXPECTED,
                                   .organisation_id = row.organisation_id,
                                   .substitute_for = person_id, .note = ""};
            rc = store_attendance_put(st, &s, err);
            if (rc == 0)
                rc = audit_row(st, a, who, &m, substitute_id, "substitute", NULL, err);
        }
        if (rc == 0)
            rc = audit_row(st, a, who, &m, person_id, "absent", before, err);
        else
            json_decref(before);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

/* Deletes person_id's row on meeting m, and first, for a member (member != 0), the row of
 * the substitute standing in for them, audited as removed. Inside the caller's
 * transaction. Returns 0 or the store's error. */
static int delete_with_substitute(struct store *st, struct arena *a,
                                  const struct principal *who, const struct meeting *m,
                                  int64_t person_id, int member, struct kl_error *err)
{
    struct attendance sub;
    int rc = 0, has_sub = 0;

    if (member)
        rc = substitute_of(st, a, m->id, person_id, &sub, &has_sub, err);
    if (rc == 0 && has_sub && (rc = store_attendance_delete(st, m->id, sub.person_id, err)) == 0)
        rc = meeting_audit(st, who, "attendance", m->id, "remove", m->forum_id,
                           attendance_json(&sub), NULL, err);
    if (rc == 0)
        rc = store_attendance_delete(st, m->id, person_id, err);
    return rc;
}

int app_attendance_withdraw_absence(struct store *st, const struct principal *who,
                                    int64_t meeting_id, int64_t person_id,
                                    struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    struct meeting_access acc;
    struct attendance row;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_meeting(st, a, who, meeting_id, &m, &acc, err);
    if (rc == 0)
        rc = may_register(st, who, &acc, person_id, 1, err);
    if (rc == 0)
        rc = before_meeting(&m, err);
    if (rc == 0)
        rc = store_begin(st, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    rc = store_attendance_get(st, a, meeting_id, person_id, &row, err);
    if (rc == 0 && (row.kind != ATTEND_MEMBER || row.status != ATTEND_ABSENT))
        rc = kl_error_set(err, KL_ECONFLICT, "no absence is registered for this person");
    if (rc == 0)
        rc = delete_with_substitute(st, a, who, &m, person_id, 1, err);
    if (rc == 0)
        rc = audit_row(st, a, who, &m, person_id, "withdraw_absence", attendance_json(&row), err);
    rc = meeting_finish(st, rc, err);
    arena_free(a);
    return rc;
}

int app_attendance_add_guest(struct store *st, const struct principal *who, int64_t meeting_id,
                             int64_t person_id, int64_t item_id, const char *note,
                             struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    struct meeting_access acc;
    struct membership ms;
    struct person p;
    struct agenda_item it;
    struct attendance existing;
    struct kl_error ignored;
    int rc, invited = 0;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_meeting(st, a, who, meeting_id, &m, &acc, err);
    if (rc == 0)
        rc = may_register(st, who, &acc, person_id, 0, err);
    if (rc == 0)
        rc = attendance_open(&m, err);
    if (rc == 0)
        rc = invitation(st, a, &m, person_id, &ms, &invited, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    if (store_person_get(st, a, person_id, &p, &ignored))
        fields_add(fe, "person_id", N_("is not a person"));
    else if (invited)
        fields_add(fe, "person_id", N_("is already invited to this meeting"));
    else if (store_attendance_get(st, a, meeting_id, person_id, &existing, &ignored) == 0 &&
             existing.kind != ATTEND_GUEST)
        fields_add(fe, "person_id", N_("already takes part in this meeting"));
    if (item_id && (store_item_get(st, a, item_id, &it, &ignored) ||
                    it.meeting_id != meeting_id || it.state != ITEM_AGENDA))
        fields_add(fe, "item_id", N_("is not an item of this meeting's agenda"));
    check_note(note, fe);
    if (fe->n) {
        arena_free(a);
        return meeting_invalid(fe, err);
    }
    if ((rc = store_begin(st, err)) == 0) {
        struct attendance row = {.meeting_id = meeting_id, .person_id = person_id,
                                 .kind = ATTEND_GUEST, .status = ATTEND_EXPECTED,
                                 .organisation_id = p.organisation_id, .item_id = item_id,
                                 .note = note ? note : ""};
        json_t *before = row_json(st, a, meeting_id, person_id);
        rc = store_attendance_put(st, &row, err);
        if (rc == 0)
            rc = audit_row(st, a, who, &m, person_id, "guest", before, err);
        else
            json_decref(before);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_attendance_remove(struct store *st, const struct principal *who, int64_t meeting_id,
                          int64_t person_id, struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    struct meeting_access acc;
    struct attendance row;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_meeting(st, a, who, meeting_id, &m, &acc, err);
    if (rc == 0)
        rc = may_register(st, who, &acc, person_id, 0, err);
    if (rc == 0)
        rc = attendance_open(&m, err);
    if (rc == 0)
        rc = store_begin(st, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    rc = store_attendance_get(st, a, meeting_id, person_id, &row, err);
    if (rc == 0)
        rc = delete_with_substitute(st, a, who, &m, person_id, row.kind == ATTEND_MEMBER, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "attendance", meeting_id, "remove", m.forum_id,
                           attendance_json(&row), NULL, err);
    rc = meeting_finish(st, rc, err);
    arena_free(a);
    return rc;
}

int app_attendance_mark(struct store *st, const struct principal *who, int64_t meeting_id,
                        int64_t person_id, int present, struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    struct meeting_access acc;
    struct membership ms;
    struct attendance row;
    struct kl_error ignored;
    const char *org_name;
    int rc, invited = 0;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_meeting(st, a, who, meeting_id, &m, &acc, err);
    if (rc == 0)
        rc = may_register(st, who, &acc, person_id, 0, err);
    if (rc == 0)
        rc = attendance_open(&m, err);
    if (rc == 0)
        rc = invitation(st, a, &m, person_id, &ms, &invited, err);
    if (rc == 0)
        rc = store_begin(st, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    if (store_attendance_get(st, a, meeting_id, person_id, &row, &ignored) == 0) {
        json_t *before = attendance_json(&row);
        row.status = present ? ATTEND_PRESENT : ATTEND_ABSENT;
        rc = store_attendance_put(st, &row, err);
        if (rc == 0)
            rc = audit_row(st, a, who, &m, person_id, "mark", before, err);
        else
            json_decref(before);
    } else if (invited) {
        row = (struct attendance){.meeting_id = meeting_id, .person_id = person_id,
                                  .kind = ATTEND_MEMBER,
                                  .status = present ? ATTEND_PRESENT : ATTEND_ABSENT,
                                  .organisation_id = member_org(st, a, &ms, &org_name),
                                  .note = ""};
        rc = store_attendance_put(st, &row, err);
        if (rc == 0)
            rc = audit_row(st, a, who, &m, person_id, "mark", NULL, err);
    } else {
        rc = kl_error_set(err, KL_EINVAL, "person %lld is not invited to this meeting",
                          (long long)person_id);
    }
    rc = meeting_finish(st, rc, err);
    arena_free(a);
    return rc;
}

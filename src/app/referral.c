/* referral.c - use cases of referrals: handing an item to another forum, taking it up on
 * the receiving forum's agenda, answering and withdrawing, and the lists of each forum (see
 * meeting_followup.h). Every change is audited for both forums. */
#include "app/meeting_followup.h"
#include "app/meeting_impl.h"
#include "app/meeting_json.h"

#include "app/permission.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/forum.h"
#include "store/account.h"
#include "store/meeting.h"
#include "store/people.h"
#include "store/store.h"

#include <string.h>

#define LINE_MAX_HOPS 64

/* The forums that forum_id reports to, nearest first, into up (room for LINE_MAX_HOPS). */
static int reporting_line(struct store *st, struct arena *a, int64_t forum_id, int64_t *up,
                          size_t *n, struct kl_error *err)
{
    struct forum f;
    int rc = store_forum_get(st, a, forum_id, &f, err);

    *n = 0;
    while (rc == 0 && f.reports_to && *n < LINE_MAX_HOPS) {
        up[(*n)++] = f.reports_to;
        rc = store_forum_get(st, a, f.reports_to, &f, err);
    }
    return rc;
}

/* Audits a change of referral r for the sending and the receiving forum. */
static int audit_both(struct store *st, const struct principal *who, const struct referral *r,
                      const char *action, json_t *before, json_t *after, struct kl_error *err)
{
    json_t *b2 = before ? json_deep_copy(before) : NULL;
    json_t *a2 = after ? json_deep_copy(after) : NULL;
    int rc = meeting_audit(st, who, "referral", r->id, action, r->from_forum_id, before, after,
                           err);

    if (rc == 0)
        return meeting_audit(st, who, "referral", r->id, action, r->to_forum_id, b2, a2, err);
    json_decref(b2);
    json_decref(a2);
    return rc;
}

int app_referral_create(struct store *st, const struct principal *who, struct referral *r,
                        struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct agenda_item it;
    struct referral c, stored;
    int64_t up[LINE_MAX_HOPS], to_up[LINE_MAX_HOPS];
    size_t nup = 0, nto = 0;
    int rc, is_public;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_item_get(st, a, r->item_id, &it, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, it.forum_id, err);
    if (rc == 0 && it.state != ITEM_AGENDA)
        rc = kl_error_set(err, KL_ECONFLICT, "only an item on an agenda is handed to another "
                          "forum");
    if (rc) {
        arena_free(a);
        return rc;
    }
    r->from_forum_id = it.forum_id;
    r->status = REFERRAL_OPEN;
    c = *r;
    c.title = it.title;
    if (!c.note)
        c.note = "";
    referral_check(&c, fe);
    if (r->to_forum_id > 0 && r->to_forum_id != r->from_forum_id) {
        struct kl_error ignored;
        if (store_forum_visibility(st, r->to_forum_id, &is_public, &ignored))
            fields_add(fe, "to_forum_id", N_("is not a forum"));
        else if ((rc = reporting_line(st, a, r->from_forum_id, up, &nup, err)) == 0)
            rc = reporting_line(st, a, r->to_forum_id, to_up, &nto, err);
    }
    if (rc || fe->n) {
        arena_free(a);
        return rc ? rc : meeting_invalid(fe, err);
    }
    r->direction = c.direction =
        referral_direction_of(r->from_forum_id, up, nup, r->to_forum_id, to_up, nto);
    if ((rc = store_begin(st, err)) == 0) {
        rc = store_referral_insert(st, &c, &r->id, err);
        if (rc == 0)
            rc = store_referral_get(st, a, r->id, &stored, err);
        if (rc == 0)
            rc = audit_both(st, who, &stored, "create", NULL, referral_json(&stored), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

/* Reads referral id, authorises PERM_FORUM_MANAGE of the forum on `side` (0 sending, 1
 * receiving) and checks that it is open. */
static int load_open(struct store *st, struct arena *a, const struct principal *who, int64_t id,
                     int side, struct referral *r, struct kl_error *err)
{
    int rc = store_referral_get(st, a, id, r, err);

    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, side ? r->to_forum_id : r->from_forum_id,
                           err);
    if (rc == 0 && r->status != REFERRAL_OPEN)
        rc = kl_error_say(err, KL_ECONFLICT, N_("The referral is no longer open."),
                          "the referral is %s", referral_status_name(r->status));
    return rc;
}

int app_referral_take_up(struct store *st, const struct principal *who, int64_t referral_id,
                         int64_t meeting_id, int64_t *item_id, struct kl_error *err)
{
    struct arena *a;
    struct referral r;
    struct meeting m;
    struct agenda_item orig, it = {.recommendation = "", .presenter = "", .proposed_by = "",
                                   .decline_reason = "", .decision = ""};
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_open(st, a, who, referral_id, 1, &r, err);
    if (rc == 0)
        rc = store_meeting_get(st, a, meeting_id, &m, err);
    if (rc == 0 && m.forum_id != r.to_forum_id)
        rc = kl_error_set(err, KL_EINVAL, "meeting %lld is not a meeting of %s",
                          (long long)meeting_id, r.to_forum_name);
    if (rc == 0 && !meeting_agenda_editable(m.status))
        rc = kl_error_say(err, KL_ECONFLICT, N_("The meeting's agenda can no longer change."),
                          "the meeting is %s: its agenda can no longer "
                          "change", meeting_status_name(m.status));
    if (rc == 0)
        rc = store_item_get(st, a, r.item_id, &orig, err);
    if (rc == 0)
        rc = store_begin(st, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    it.forum_id = r.to_forum_id;
    it.state = ITEM_PENDING;
    it.title = r.title;
    it.rooms = orig.rooms;
    it.case_text = r.note;
    it.closed = orig.closed;
    it.origin_referral_id = r.id;
    rc = store_item_insert(st, &it, &it.id, err);
    if (rc == 0)
        rc = meeting_place_on(st, a, meeting_id, it.id, &it.number, err);
    if (rc == 0) {
        it.state = ITEM_AGENDA;
        it.meeting_id = meeting_id;
        rc = meeting_audit(st, who, "agenda_item", it.id, "take_up", r.to_forum_id, NULL,
                           agenda_item_json(&it, 1, 0), err);
    }
    if (rc == 0)
        rc = audit_both(st, who, &r, "take_up", NULL,
                        json_pack("{s:I,s:I}", "meeting_id", (json_int_t)meeting_id, "item_id",
                                  (json_int_t)it.id), err);
    if (rc == 0 && item_id)
        *item_id = it.id;
    rc = meeting_finish(st, rc, err);
    arena_free(a);
    return rc;
}

/* Closes referral id on `side` with status and text (required, fe `field`). */
static int close_referral(struct store *st, const struct principal *who, int64_t id, int side,
                          enum referral_status status, const char *text, int64_t now,
                          const char *field, size_t max, struct field_errors *fe,
                          struct kl_error *err)
{
    struct arena *a;
    struct referral r, after;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    if ((rc = load_open(st, a, who, id, side, &r, err))) {
        arena_free(a);
        return rc;
    }
    if (!text || !*text)
        fields_add(fe, field, N_("is required"));
    else if (strlen(text) > max)
        fields_add(fe, field, N_("is too long"));
    if (fe->n) {
        arena_free(a);
        return meeting_invalid(fe, err);
    }
    if ((rc = store_begin(st, err)) == 0) {
        rc = store_referral_set_status(st, id, status, text, now, err);
        if (rc == 0)
            rc = store_referral_get(st, a, id, &after, err);
        if (rc == 0)
            rc = audit_both(st, who, &r, status == REFERRAL_ANSWERED ? "answer" : "withdraw",
                            referral_json(&r), referral_json(&after), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_referral_answer(struct store *st, const struct principal *who, int64_t id,
                        const char *answer, int64_t now, struct field_errors *fe,
                        struct kl_error *err)
{
    return close_referral(st, who, id, 1, REFERRAL_ANSWERED, answer, now, "answer",
                          ITEM_TEXT_MAX, fe, err);
}

int app_referral_withdraw(struct store *st, const struct principal *who, int64_t id,
                          const char *reason, struct field_errors *fe, struct kl_error *err)
{
    return close_referral(st, who, id, 0, REFERRAL_WITHDRAWN, reason, 0, "reason",
                          MEETING_NOTE_MAX, fe, err);
}

int app_referral_get(struct store *st, struct arena *a, const struct principal *who,
                     int64_t id, struct referral *out, struct kl_error *err)
{
    struct meeting_access from, to;
    struct agenda_item it;
    struct meeting m;
    int rc = store_referral_get(st, a, id, out, err);

    if (rc == 0)
        rc = meeting_access_of(st, who, out->from_forum_id, &from, err);
    if (rc == 0)
        rc = meeting_access_of(st, who, out->to_forum_id, &to, err);
    if (rc || from.internal || to.internal)
        return rc;
    if (from.published && (rc = store_item_get(st, a, out->item_id, &it, err)) == 0 &&
        (rc = store_meeting_get(st, a, it.meeting_id, &m, err)) == 0 &&
        meeting_item_visible(&from, &it, m.status) && meeting_minutes_visible(&from, m.status))
        return 0;
    if (rc)
        return rc;
    return from.published ? kl_error_set(err, KL_ENOTFOUND, "referral %lld: not found",
                                         (long long)id)
                          : app_authorize(st, who, PERM_FORUM_PUBLISHED, out->from_forum_id, err);
}

int app_referral_inbox(struct store *st, struct arena *a, const struct principal *who,
                       int64_t forum_id, int only_open, struct referral **out, size_t *n,
                       struct kl_error *err)
{
    struct referral_query q = {.to_forum_id = forum_id, .only_open = only_open};
    int rc = app_authorize(st, who, PERM_FORUM_INTERNAL, forum_id, err);

    *out = NULL;
    *n = 0;
    return rc ? rc : store_referral_list(st, a, &q, out, n, err);
}

int app_referral_outbox(struct store *st, struct arena *a, const struct principal *who,
                        int64_t forum_id, int only_open, struct referral **out, size_t *n,
                        struct kl_error *err)
{
    struct referral_query q = {.from_forum_id = forum_id, .only_open = only_open};
    int rc = app_authorize(st, who, PERM_FORUM_INTERNAL, forum_id, err);

    *out = NULL;
    *n = 0;
    return rc ? rc : store_referral_list(st, a, &q, out, n, err);
}

int app_referral_next_level(struct store *st, struct arena *a, const struct principal *who,
                            int64_t forum_id, struct referral **out, size_t *n,
                            struct kl_error *err)
{
    struct referral_query q = {.from_forum_id = forum_id, .only_open = 1};
    struct forum f;
    int rc = app_authorize(st, who, PERM_FORUM_INTERNAL, forum_id, err);

    *out = NULL;
    *n = 0;
    if (rc || (rc = store_forum_get(st, a, forum_id, &f, err)) || !f.reports_to)
        return rc;
    q.to_forum_id = f.reports_to;
    return store_referral_list(st, a, &q, out, n, err);
}

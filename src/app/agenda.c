/* agenda.c - use cases of agenda items: reading an agenda as the principal may see it,
 * changing items, reordering, and proposals (see meeting_agenda.h). */
#include "app/meeting_agenda.h"
#include "app/meeting_impl.h"
#include "app/meeting_json.h"

#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "store/store.h"

#include <string.h>

/* Reading. */

/* Fills entry e for item it (visible to who with acc) of a meeting in status ms. */
static int fill_entry(struct store *st, struct arena *a, const struct meeting_access *acc,
                      const struct agenda_item *it, enum meeting_status ms,
                      struct agenda_entry *e, struct kl_error *err)
{
    struct followup_query fq = {.item_id = it->id};
    struct referral_query rq = {.item_id = it->id};
    int rc;

    memset(e, 0, sizeof(*e));
    e->item = *it;
    e->minutes_visible = it->state == ITEM_AGENDA && meeting_minutes_visible(acc, ms);
    if (!e->minutes_visible && !acc->internal) {
        e->item.decision = "";
        e->item.outcome = OUTCOME_NONE;
    }
    rc = store_attachment_list(st, a, it->id, &e->attachments, &e->nattachments, err);
    if (rc == 0 && e->minutes_visible)
        rc = store_followup_list(st, a, &fq, &e->followups, &e->nfollowups, err);
    if (rc == 0 && e->minutes_visible)
        rc = store_referral_list(st, a, &rq, &e->referrals, &e->nreferrals, err);
    return rc;
}

int app_agenda_get(struct store *st, struct arena *a, const struct principal *who,
                   int64_t meeting_id, struct agenda *out, struct kl_error *err)
{
    struct meeting_access acc;
    struct agenda_item *items;
    size_t n;
    int rc;

    memset(out, 0, sizeof(*out));
    if ((rc = store_meeting_get(st, a, meeting_id, &out->meeting, err)) ||
        (rc = app_authorize(st, who, PERM_FORUM_PUBLISHED, out->meeting.forum_id, err)) ||
        (rc = meeting_access_of(st, who, out->meeting.forum_id, &acc, err)))
        return rc;
    out->internal = acc.internal;
    out->can_manage = acc.manage;
    out->can_propose = acc.propose;
    out->agenda_visible = acc.internal || meeting_agenda_public(out->meeting.status);
    out->minutes_visible = meeting_minutes_visible(&acc, out->meeting.status);
    if (!out->agenda_visible)
        return 0;
    if ((rc = store_item_list(st, a, meeting_id, &items, &n, err)))
        return rc;
    if (!(out->items = arena_calloc(a, n + 1, sizeof(*out->items))))
        return meeting_oom(err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (!meeting_item_visible(&acc, &items[i], out->meeting.status))
            continue;
        rc = fill_entry(st, a, &acc, &items[i], out->meeting.status,
                        &out->items[out->nitems], err);
        out->nitems++;
    }
    return rc;
}

/* Reads item id, the access of who in its forum and the status of its meeting
 * (MEETING_PLANNED when it is not on an agenda). */
static int load_item(struct store *st, struct arena *a, const struct principal *who,
                     int64_t id, struct agenda_item *it, struct meeting_access *acc,
                     struct meeting *m, struct kl_error *err)
{
    int rc = store_item_get(st, a, id, it, err);

    memset(m, 0, sizeof(*m));
    m->status = MEETING_PLANNED;
    if (rc == 0)
        rc = meeting_access_of(st, who, it->forum_id, acc, err);
    if (rc == 0 && it->state == ITEM_AGENDA)
        rc = store_meeting_get(st, a, it->meeting_id, m, err);
    return rc;
}

/* KL_EPERM when who sees nothing of the forum, KL_ENOTFOUND when not this item. */
static int hidden(struct store *st, const struct principal *who, const struct agenda_item *it,
                  struct kl_error *err)
{
    int rc = app_authorize(st, who, PERM_FORUM_PUBLISHED, it->forum_id, err);

    return rc ? rc : kl_error_set(err, KL_ENOTFOUND, "agenda item %lld: not found",
                                  (long long)it->id);
}

int app_item_get(struct store *st, struct arena *a, const struct principal *who,
                 int64_t item_id, struct agenda_entry *out, struct kl_error *err)
{
    struct meeting_access acc;
    struct agenda_item it;
    struct meeting m;
    int rc = load_item(st, a, who, item_id, &it, &acc, &m, err);

    memset(out, 0, sizeof(*out));
    if (rc)
        return rc;
    if (!meeting_item_visible(&acc, &it, m.status))
        return hidden(st, who, &it, err);
    return fill_entry(st, a, &acc, &it, m.status, out, err);
}

/* Changing. */

/* A copy of the caller's item in out with its content normalised (recommendation lines,
 * strings in a) and checked into fe. The caller's struct keeps its own pointers. */
static int prepare_content(struct arena *a, const struct agenda_item *in,
                           struct agenda_item *out, struct field_errors *fe,
                           struct kl_error *err)
{
    *out = *in;
    if (!(out->recommendation = recommendation_normalise(a, in->recommendation)))
        return meeting_oom(err);
    if (!out->case_text)
        out->case_text = "";
    if (!out->presenter)
        out->presenter = "";
    item_check(out, fe);
    return 0;
}

/* KL_ECONFLICT unless meeting m's agenda may change. */
static int editable(const struct meeting *m, struct kl_error *err)
{
    if (meeting_agenda_editable(m->status))
        return 0;
    return kl_error_say(err, KL_ECONFLICT, N_("The meeting's agenda can no longer change."),
                        "the meeting is %s: its agenda can no longer change",
                        meeting_status_name(m->status));
}

int app_item_add(struct store *st, const struct principal *who, int64_t meeting_id,
                 struct agenda_item *it, struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct meeting m;
    struct agenda_item c, stored;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_meeting_get(st, a, meeting_id, &m, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, m.forum_id, err);
    if (rc == 0)
        rc = editable(&m, err);
    if (rc == 0)
        rc = prepare_content(a, it, &c, fe, err);
    if (rc || fe->n) {
        arena_free(a);
        return rc ? rc : meeting_invalid(fe, err);
    }
    c.forum_id = m.forum_id;
    c.meeting_id = 0;
    c.state = ITEM_PENDING;
    c.standard = STANDARD_NONE;
    c.approves_minutes_of = c.origin_followup_id = c.origin_referral_id = 0;
    c.proposed_by_user = 0;
    c.proposed_by = "";
    if ((rc = store_begin(st, err)) == 0) {
        rc = store_meeting_get(st, a, meeting_id, &m, err);
        if (rc == 0)
            rc = editable(&m, err);
        if (rc == 0)
            rc = store_item_insert(st, &c, &c.id, err);
        if (rc == 0)
            rc = meeting_place_on(st, a, meeting_id, c.id, &c.number, err);
        if (rc == 0)
            rc = store_item_get(st, a, c.id, &stored, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "agenda_item", c.id, "create", m.forum_id, NULL,
                               agenda_item_json(&stored, 1, 0), err);
        rc = meeting_finish(st, rc, err);
    }
    if (rc == 0) {
        it->id = c.id;
        it->number = c.number;
        it->forum_id = c.forum_id;
        it->meeting_id = meeting_id;
        it->state = ITEM_AGENDA;
        it->standard = STANDARD_NONE;
    }
    arena_free(a);
    return rc;
}

/* KL_EPERM unless who may change item it: the secretary, or the proposer while it is a
 * proposal. */
static int may_change(struct store *st, const struct principal *who,
                      const struct meeting_access *acc, const struct agenda_item *it,
                      struct kl_error *err)
{
    if (acc->manage)
        return 0;
    if (acc->propose && it->state == ITEM_PROPOSED && who->user_id > 0 &&
        it->proposed_by_user == who->user_id)
        return 0;
    return app_authorize(st, who, PERM_FORUM_MANAGE, it->forum_id, err);
}

int app_item_update(struct store *st, const struct principal *who, struct agenda_item *it,
                    struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct meeting_access acc;
    struct agenda_item old, now, c;
    struct meeting m;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_item(st, a, who, it->id, &old, &acc, &m, err);
    if (rc == 0)
        rc = may_change(st, who, &acc, &old, err);
    if (rc == 0 && old.state == ITEM_AGENDA)
        rc = editable(&m, err);
    if (rc == 0 && old.state == ITEM_DECLINED)
        rc = kl_error_set(err, KL_ECONFLICT, "a declined proposal can no longer change");
    if (rc == 0)
        rc = prepare_content(a, it, &c, fe, err);
    if (rc || fe->n) {
        arena_free(a);
        return rc ? rc : meeting_invalid(fe, err);
    }
    if ((rc = store_begin(st, err)) == 0) {
        rc = store_item_update(st, &c, err);
        if (rc == 0)
            rc = store_item_get(st, a, it->id, &now, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "agenda_item", it->id, "update", old.forum_id,
                               agenda_item_json(&old, 1, 0), agenda_item_json(&now, 1, 0), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

/* The ids of meeting_id's agenda in order, without skip (0: none). */
static int agenda_ids(struct store *st, struct arena *a, int64_t meeting_id, int64_t skip,
                      int64_t **ids, size_t *n, struct kl_error *err)
{
    struct agenda_item *items;
    size_t nitems;
    int rc = store_item_list(st, a, meeting_id, &items, &nitems, err);

    if (rc)
        return rc;
    if (!(*ids = arena_alloc(a, (nitems + 1) * sizeof(**ids))))
        return meeting_oom(err);
    *n = 0;
    for (size_t i = 0; i < nitems; i++)
        if (items[i].id != skip)
            (*ids)[(*n)++] = items[i].id;
    return 0;
}

int app_item_delete(struct store *st, const struct principal *who, int64_t item_id,
                    struct kl_error *err)
{
    struct arena *a;
    struct meeting_access acc;
    struct agenda_item it;
    struct meeting m;
    int64_t *ids;
    size_t n;
    int rc, links = 0;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_item(st, a, who, item_id, &it, &acc, &m, err);
    if (rc == 0)
        rc = may_change(st, who, &acc, &it, err);
    if (rc == 0 && it.state == ITEM_AGENDA && m.status >= MEETING_AGENDA_PUBLISHED)
        rc = kl_error_set(err, KL_ECONFLICT, "the agenda is published: an item on it cannot "
                          "be removed (record it as postponed at the meeting)");
    if (rc == 0)
        rc = store_begin(st, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    rc = store_item_links(st, item_id, &links, err);
    if (rc == 0 && links)
        rc = kl_error_set(err, KL_ECONFLICT, "the item has follow-ups or referrals: it stays");
    if (rc == 0)
        rc = store_item_delete(st, item_id, err);
    if (rc == 0 && it.state == ITEM_AGENDA && (rc = agenda_ids(st, a, it.meeting_id, 0, &ids, &n,
                                                                  err)) == 0)
        rc = meeting_renumber(st, ids, n, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "agenda_item", item_id, "delete", it.forum_id,
                           agenda_item_json(&it, 1, 0), NULL, err);
    rc = meeting_finish(st, rc, err);
    arena_free(a);
    return rc;
}

int app_item_move(struct store *st, const struct principal *who, int64_t item_id,
                  int position, struct kl_error *err)
{
    struct arena *a;
    struct meeting_access acc;
    struct agenda_item it;
    struct meeting m;
    int64_t *ids;
    size_t n, from = 0, to;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_item(st, a, who, item_id, &it, &acc, &m, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, it.forum_id, err);
    if (rc == 0 && it.state != ITEM_AGENDA)
        rc = kl_error_set(err, KL_ECONFLICT, "the item is not on an agenda");
    if (rc == 0)
        rc = editable(&m, err);
    if (rc == 0 && position < 1)
        rc = kl_error_set(err, KL_EINVAL, "position %d: items are numbered from 1", position);
    if (rc == 0)
        rc = store_begin(st, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    rc = agenda_ids(st, a, it.meeting_id, 0, &ids, &n, err);
    while (rc == 0 && from < n && ids[from] != item_id)
        from++;
    if (rc == 0 && from == n)
        rc = kl_error_set(err, KL_ENOTFOUND, "agenda item %lld: not found", (long long)item_id);
    if (rc == 0) {
        to = (size_t)position > n ? n - 1 : (size_t)position - 1;
        agenda_move(ids, n, from, to);
        rc = meeting_renumber(st, ids, n, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "agenda_item", item_id, "move", it.forum_id,
                               json_pack("{s:i}", "number", it.number),
                               json_pack("{s:i}", "number", (int)to + 1), err);
    }
    rc = meeting_finish(st, rc, err);
    arena_free(a);
    return rc;
}

/* Proposals. */

int app_item_propose(struct store *st, const struct principal *who, int64_t forum_id,
                     struct agenda_item *it, struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct agenda_item c, stored;
    int rc = app_authorize(st, who, PERM_FORUM_PROPOSE, forum_id, err);

    if (rc == KL_ENOTFOUND) {
        fields_add(fe, "forum_id", N_("is not a forum"));
        return meeting_invalid(fe, err);
    }
    if (rc)
        return rc;
    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    if ((rc = prepare_content(a, it, &c, fe, err)) || fe->n) {
        arena_free(a);
        return rc ? rc : meeting_invalid(fe, err);
    }
    c.forum_id = forum_id;
    c.meeting_id = 0;
    c.number = 0;
    c.state = ITEM_PROPOSED;
    c.standard = STANDARD_NONE;
    c.approves_minutes_of = c.origin_followup_id = c.origin_referral_id = 0;
    c.proposed_by_user = who->user_id > 0 ? who->user_id : 0;
    c.proposed_by = who->name && *who->name ? who->name : who->login ? who->login : "";
    if ((rc = store_begin(st, err)) == 0) {
        rc = store_item_insert(st, &c, &c.id, err);
        if (rc == 0)
            rc = store_item_get(st, a, c.id, &stored, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "agenda_item", c.id, "propose", forum_id, NULL,
                               agenda_item_json(&stored, 1, 0), err);
        rc = meeting_finish(st, rc, err);
    }
    if (rc == 0) {
        it->id = c.id;
        it->forum_id = forum_id;
        it->meeting_id = 0;
        it->number = 0;
        it->state = ITEM_PROPOSED;
        it->standard = STANDARD_NONE;
        it->proposed_by_user = c.proposed_by_user;
    }
    arena_free(a);
    return rc;
}

int app_forum_items(struct store *st, struct arena *a, const struct principal *who,
                    int64_t forum_id, enum item_state state, struct agenda_item **out,
                    size_t *n, struct kl_error *err)
{
    int rc;

    *out = NULL;
    *n = 0;
    if (state == ITEM_AGENDA || (unsigned)state >= ITEM_STATE_COUNT)
        return kl_error_set(err, KL_EINVAL, "list pending, proposed or declined items; an "
                            "agenda is read with its meeting");
    if ((rc = app_authorize(st, who, PERM_FORUM_INTERNAL, forum_id, err)))
        return rc;
    return store_item_list_state(st, a, forum_id, state, out, n, err);
}

int app_proposal_accept(struct store *st, const struct principal *who, int64_t item_id,
                        int64_t meeting_id, struct kl_error *err)
{
    struct arena *a;
    struct meeting_access acc;
    struct agenda_item it;
    struct meeting m, target;
    int rc, number = 0;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_item(st, a, who, item_id, &it, &acc, &m, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, it.forum_id, err);
    if (rc == 0 && it.state != ITEM_PROPOSED && it.state != ITEM_PENDING)
        rc = kl_error_say(err, KL_ECONFLICT,
                          N_("Only a proposal or a pending item is accepted onto an agenda."),
                          "the item is %s: only a proposal or a pending "
                          "item is accepted onto an agenda", item_state_name(it.state));
    if (rc == 0)
        rc = store_begin(st, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    rc = store_meeting_get(st, a, meeting_id, &target, err);
    if (rc == 0 && target.forum_id != it.forum_id)
        rc = kl_error_set(err, KL_EINVAL, "meeting %lld is not a meeting of the item's forum",
                          (long long)meeting_id);
    if (rc == 0)
        rc = editable(&target, err);
    if (rc == 0)
        rc = meeting_place_on(st, a, meeting_id, item_id, &number, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "agenda_item", item_id, "accept", it.forum_id,
                           agenda_item_json(&it, 0, 0),
                           json_pack("{s:I,s:i}", "meeting_id", (json_int_t)meeting_id,
                                     "number", number),
                           err);
    rc = meeting_finish(st, rc, err);
    arena_free(a);
    return rc;
}

int app_proposal_decline(struct store *st, const struct principal *who, int64_t item_id,
                         const char *reason, struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct meeting_access acc;
    struct agenda_item it, now;
    struct meeting m;
    char *why = NULL;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_item(st, a, who, item_id, &it, &acc, &m, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, it.forum_id, err);
    if (rc == 0 && it.state != ITEM_PROPOSED)
        rc = kl_error_say(err, KL_ECONFLICT, N_("Only a proposal is declined."),
                          "the item is %s: only a proposal is declined",
                          item_state_name(it.state));
    if (rc == 0 && !(why = recommendation_normalise(a, reason)))
        rc = meeting_oom(err);
    if (rc == 0 && !*why)
        fields_add(fe, "reason", N_("is required"));
    else if (rc == 0 && strlen(why) > MEETING_NOTE_MAX)
        fields_add(fe, "reason", N_("is too long"));
    if (rc || fe->n) {
        arena_free(a);
        return rc ? rc : meeting_invalid(fe, err);
    }
    if ((rc = store_begin(st, err)) == 0) {
        rc = store_item_decline(st, item_id, why, err);
        if (rc == 0)
            rc = store_item_get(st, a, item_id, &now, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "agenda_item", item_id, "decline", it.forum_id,
                               agenda_item_json(&it, 0, 0), agenda_item_json(&now, 0, 0), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

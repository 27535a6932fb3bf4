/* meeting_access.c - what the use cases of meetings share: access, visibility,
 * transactions, audit rows and placing items on agendas (see meeting_impl.h). */
#include "app/meeting_impl.h"

#include "app/audit.h"
#include "app/permission.h"
#include "core/arena.h"
#include "core/error.h"
#include "model/fields.h"
#include "store/meeting.h"
#include "store/store.h"

#include <stdio.h>

int meeting_access_of(struct store *st, const struct principal *who, int64_t forum_id,
                      struct meeting_access *acc, struct kl_error *err)
{
    static const enum permission perms[] = {PERM_FORUM_PUBLISHED, PERM_FORUM_INTERNAL,
                                            PERM_FORUM_PROPOSE, PERM_FORUM_MANAGE};
    int *flags[] = {&acc->published, &acc->internal, &acc->propose, &acc->manage};

    *acc = (struct meeting_access){0};
    for (size_t i = 0; i < sizeof(perms) / sizeof(perms[0]); i++) {
        struct kl_error why;
        int rc = app_authorize(st, who, perms[i], forum_id, &why);
        if (rc == 0)
            *flags[i] = 1;
        else if (rc != KL_EPERM)
            return kl_error_set(err, rc, "%s", why.msg);
        else if (i == 0)
            break; /* who sees nothing of the forum: nothing more to ask */
    }
    return 0;
}

int meeting_item_visible(const struct meeting_access *acc, const struct agenda_item *it,
                         enum meeting_status ms)
{
    if (acc->internal)
        return 1;
    return acc->published && it->state == ITEM_AGENDA && !it->closed &&
           meeting_agenda_public(ms);
}

int meeting_minutes_visible(const struct meeting_access *acc, enum meeting_status ms)
{
    return acc->internal || (acc->published && meeting_minutes_public(ms));
}

struct arena *meeting_arena(struct kl_error *err)
{
    struct arena *a = arena_new(0);

    if (!a)
        meeting_oom(err);
    return a;
}

int meeting_finish(struct store *st, int rc, struct kl_error *err)
{
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

int meeting_invalid(const struct field_errors *fe, struct kl_error *err)
{
    return kl_error_set(err, KL_EINVAL, "%zu field%s not valid: %s %s", fe->n,
                        fe->n == 1 ? " is" : "s are", fe->n ? fe->field[0] : "?",
                        fe->n ? fe->msg[0] : "");
}

int meeting_oom(struct kl_error *err)
{
    return kl_error_set(err, KL_ENOMEM, "out of memory");
}

int meeting_audit(struct store *st, const struct principal *who, const char *entity,
                  int64_t id, const char *action, int64_t forum_id, json_t *before,
                  json_t *after, struct kl_error *err)
{
    char idtext[24];
    int rc;

    snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
    rc = app_audit_record(st, who, entity, idtext, action, forum_id, before, after, err);
    json_decref(before);
    json_decref(after);
    return rc;
}

int meeting_renumber(struct store *st, const int64_t *ids, size_t n, struct kl_error *err)
{
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = store_item_set_number(st, ids[i], (int)i + 1, err);
    return rc;
}

int meeting_place_on(struct store *st, struct arena *a, int64_t meeting_id, int64_t item_id,
                     int *number, struct kl_error *err)
{
    struct agenda_item *items;
    enum item_standard *std;
    int64_t *ids;
    size_t n, pos;
    int rc = store_item_list(st, a, meeting_id, &items, &n, err);

    if (rc)
        return rc;
    std = arena_alloc(a, (n + 1) * sizeof(*std));
    ids = arena_alloc(a, (n + 1) * sizeof(*ids));
    if (!std || !ids)
        return meeting_oom(err);
    for (size_t i = 0; i < n; i++) {
        std[i] = items[i].standard;
        ids[i] = items[i].id;
    }
    pos = agenda_insert_at(std, n);
    for (size_t i = n; i > pos; i--)
        ids[i] = ids[i - 1];
    ids[pos] = item_id;
    rc = store_item_place(st, item_id, ITEM_AGENDA, meeting_id, (int)pos + 1, err);
    if (rc == 0)
        rc = meeting_renumber(st, ids, n + 1, err);
    if (rc == 0 && number)
        *number = (int)pos + 1;
    return rc;
}

int meeting_place_next(struct store *st, struct arena *a, int64_t forum_id, int64_t after,
                       int64_t item_id, int64_t *meeting_id, struct kl_error *err)
{
    int64_t next = 0;
    int rc = store_meeting_next_open(st, forum_id, after, &next, err);

    if (rc == 0)
        rc = next ? meeting_place_on(st, a, next, item_id, NULL, err)
                  : store_item_place(st, item_id, ITEM_PENDING, 0, 0, err);
    if (rc == 0 && meeting_id)
        *meeting_id = next;
    return rc;
}

int meeting_item_copy(struct store *st, const struct agenda_item *from, int64_t forum_id,
                      int64_t followup_id, int64_t referral_id, int64_t *id,
                      struct kl_error *err)
{
    struct agenda_item copy = *from;

    copy.id = 0;
    copy.forum_id = forum_id ? forum_id : from->forum_id;
    copy.meeting_id = 0;
    copy.state = ITEM_PENDING;
    copy.number = 0;
    copy.standard = STANDARD_NONE;
    copy.approves_minutes_of = 0;
    copy.origin_followup_id = followup_id;
    copy.origin_referral_id = referral_id;
    copy.proposed_by_user = 0;
    copy.proposed_by = "";
    copy.decline_reason = "";
    copy.decision = "";
    copy.outcome = OUTCOME_NONE;
    return store_item_insert(st, &copy, id, err);
}

/* followup.c - use cases of follow-ups: from a decision, who does what by when; bringing a
 * matter back to the forum's next agenda; the lists per person and per forum (see
 * meeting_followup.h). */
#include "app/meeting_followup.h"
#include "app/meeting_impl.h"
#include "app/meeting_json.h"

#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/account.h"
#include "store/meeting.h"
#include "store/people.h"
#include "store/store.h"

#include <string.h>

int meeting_bring_back(struct store *st, struct arena *a, const struct principal *who,
                       const struct followup *f, const struct agenda_item *from, int64_t after,
                       int64_t *item_id, struct kl_error *err)
{
    struct agenda_item copy;
    int64_t id = 0, meeting = 0;
    int rc = meeting_item_copy(st, from, 0, f->id, 0, &id, err);

    if (rc == 0)
        rc = meeting_place_next(st, a, from->forum_id, after, id, &meeting, err);
    if (rc == 0)
        rc = store_item_get(st, a, id, &copy, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "agenda_item", id, "bring_back", from->forum_id, NULL,
                           agenda_item_json(&copy, 1, 0), err);
    if (rc == 0 && item_id)
        *item_id = id;
    return rc;
}

/* 1 when who (acc in the follow-up's forum; self its person, 0 for none) may see f. */
static int visible(const struct meeting_access *acc, const struct followup *f, int64_t self)
{
    return acc->internal || (self && f->owner_person_id == self) ||
           (acc->published && !f->item_closed && f->minutes_public);
}

/* Checks the owner's reference and the due day into fe. */
static void check_refs(struct store *st, struct arena *a, const struct followup *f,
                       struct field_errors *fe)
{
    struct person p;
    struct organisation o;
    struct kl_error ignored;
    int is_public;

    followup_check(f, fe);
    if (f->owner_person_id && store_person_get(st, a, f->owner_person_id, &p, &ignored))
        fields_add(fe, "owner_person_id", N_("is not a person"));
    if (f->owner_organisation_id &&
        store_org_get(st, a, f->owner_organisation_id, &o, &ignored))
        fields_add(fe, "owner_organisation_id", N_("is not an organisation"));
    if (f->owner_forum_id && store_forum_visibility(st, f->owner_forum_id, &is_public, &ignored))
        fields_add(fe, "owner_forum_id", N_("is not a forum"));
}

int app_followup_add(struct store *st, const struct principal *who, struct followup *f,
                     int64_t now, struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct agenda_item it;
    struct meeting m;
    struct followup stored;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_item_get(st, a, f->item_id, &it, err);
    if (rc == KL_ENOTFOUND) {
        fields_add(fe, "item_id", N_("is not an agenda item"));
        arena_free(a);
        return meeting_invalid(fe, err);
    }
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, it.forum_id, err);
    if (rc == 0 && it.state != ITEM_AGENDA)
        rc = kl_error_set(err, KL_ECONFLICT, "follow-ups come from decisions on an agenda");
    if (rc == 0)
        rc = store_meeting_get(st, a, it.meeting_id, &m, err);
    if (rc == 0 && (m.status < MEETING_HELD || m.status == MEETING_CANCELLED))
        rc = kl_error_say(err, KL_ECONFLICT,
                          N_("Follow-ups come from the decisions of a meeting that is held."),
                          "the meeting is %s: follow-ups come from the "
                          "decisions of a meeting that is held", meeting_status_name(m.status));
    if (rc) {
        arena_free(a);
        return rc;
    }
    f->forum_id = it.forum_id;
    f->status = FOLLOWUP_OPEN;
    f->closed_at = 0;
    f->created_at = now;
    check_refs(st, a, f, fe);
    if (fe->n) {
        arena_free(a);
        return meeting_invalid(fe, err);
    }
    if ((rc = store_begin(st, err)) == 0) {
        rc = store_followup_insert(st, f, &f->id, err);
        if (rc == 0)
            rc = store_followup_get(st, a, f->id, &stored, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "followup", f->id, "create", f->forum_id, NULL,
                               followup_json(&stored), err);
        if (rc == 0 && f->bring_back)
            rc = meeting_bring_back(st, a, who, &stored, &it, m.starts_at, &f->brought_back_item,
                                    err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_followup_update(struct store *st, const struct principal *who, struct followup *f,
                        struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct followup old, now;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_followup_get(st, a, f->id, &old, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, old.forum_id, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    now = old;
    now.what = f->what;
    now.owner_person_id = f->owner_person_id;
    now.owner_organisation_id = f->owner_organisation_id;
    now.owner_forum_id = f->owner_forum_id;
    now.due_on = f->due_on;
    check_refs(st, a, &now, fe);
    if (fe->n) {
        arena_free(a);
        return meeting_invalid(fe, err);
    }
    if ((rc = store_begin(st, err)) == 0) {
        rc = store_followup_update(st, &now, err);
        if (rc == 0)
            rc = store_followup_get(st, a, f->id, &now, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "followup", f->id, "update", old.forum_id,
                               followup_json(&old), followup_json(&now), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_followup_set_status(struct store *st, const struct principal *who, int64_t id,
                            enum followup_status status, int64_t now, struct kl_error *err)
{
    struct arena *a;
    struct followup old, changed;
    struct meeting_access acc;
    int64_t self = 0;
    int rc;

    if ((unsigned)status >= FOLLOWUP_STATUS_COUNT)
        return kl_error_set(err, KL_EINVAL, "status %d: not a status of a follow-up", (int)status);
    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_followup_get(st, a, id, &old, err);
    if (rc == 0)
        rc = meeting_access_of(st, who, old.forum_id, &acc, err);
    if (rc == 0)
        rc = store_person_of_user(st, who->user_id, &self, err);
    if (rc == 0 && !acc.manage && !(self && old.owner_person_id == self))
        rc = kl_error_set(err, KL_EPERM, "only the forum's secretary and the owner change the "
                          "status of a follow-up");
    if (rc == 0)
        rc = store_begin(st, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    changed = old;
    changed.status = status;
    changed.closed_at = status == FOLLOWUP_OPEN ? 0 : now;
    rc = store_followup_update(st, &changed, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "followup", id, followup_status_name(status), old.forum_id,
                           followup_json(&old), followup_json(&changed), err);
    rc = meeting_finish(st, rc, err);
    arena_free(a);
    return rc;
}

int app_followup_bring_back(struct store *st, const struct principal *who, int64_t id,
                            int64_t *item_id, struct kl_error *err)
{
    struct arena *a;
    struct followup f, marked;
    struct agenda_item it;
    struct meeting m;
    int64_t existing = 0;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_followup_get(st, a, id, &f, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, f.forum_id, err);
    if (rc == 0 && f.status != FOLLOWUP_OPEN)
        rc = kl_error_say(err, KL_ECONFLICT, N_("Only an open follow-up brings its matter back."),
                          "the follow-up is %s: only an open one brings its "
                          "matter back", followup_status_name(f.status));
    if (rc == 0)
        rc = store_begin(st, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    rc = store_item_of_followup(st, id, &existing, err);
    if (rc == 0 && existing)
        rc = kl_error_set(err, KL_ECONFLICT, "the follow-up has brought its matter back already "
                          "(item %lld)", (long long)existing);
    if (rc == 0)
        rc = store_item_get(st, a, f.item_id, &it, err);
    if (rc == 0)
        rc = store_meeting_get(st, a, it.meeting_id, &m, err);
    if (rc == 0 && !f.bring_back) {
        marked = f;
        marked.bring_back = 1;
        rc = store_followup_update(st, &marked, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "followup", id, "bring_back", f.forum_id,
                               followup_json(&f), followup_json(&marked), err);
    }
    if (rc == 0)
        rc = meeting_bring_back(st, a, who, &f, &it, m.starts_at, item_id, err);
    rc = meeting_finish(st, rc, err);
    arena_free(a);
    return rc;
}

int app_followup_get(struct store *st, struct arena *a, const struct principal *who,
                     int64_t id, struct followup *out, struct kl_error *err)
{
    struct meeting_access acc;
    int64_t self = 0;
    int rc = store_followup_get(st, a, id, out, err);

    if (rc == 0)
        rc = meeting_access_of(st, who, out->forum_id, &acc, err);
    if (rc == 0)
        rc = store_person_of_user(st, who->user_id, &self, err);
    if (rc == 0 && !visible(&acc, out, self))
        rc = acc.published ? kl_error_set(err, KL_ENOTFOUND, "follow-up %lld: not found",
                                          (long long)id)
                           : app_authorize(st, who, PERM_FORUM_PUBLISHED, out->forum_id, err);
    return rc;
}

/* Keeps the follow-ups in f[0..*n) that who (self its person) may see. */
static int keep_visible(struct store *st, struct arena *a, const struct principal *who,
                        int64_t self, struct followup *f, size_t *n, struct kl_error *err)
{
    int64_t *forums = arena_alloc(a, (*n + 1) * sizeof(*forums));
    struct meeting_access *accs = arena_alloc(a, (*n + 1) * sizeof(*accs));
    size_t nforums = 0, kept = 0;

    if (!forums || !accs)
        return meeting_oom(err);
    for (size_t i = 0; i < *n; i++) {
        size_t j = 0;
        int rc;
        while (j < nforums && forums[j] != f[i].forum_id)
            j++;
        if (j == nforums) {
            if ((rc = meeting_access_of(st, who, f[i].forum_id, &accs[j], err)))
                return rc;
            forums[nforums++] = f[i].forum_id;
        }
        if (visible(&accs[j], &f[i], self))
            f[kept++] = f[i];
    }
    *n = kept;
    return 0;
}

int app_followup_list_owned(struct store *st, struct arena *a, const struct principal *who,
                            int64_t person_id, int only_open, struct followup **out,
                            size_t *n, struct kl_error *err)
{
    struct followup_query q = {.only_open = only_open};
    int64_t self = 0;
    int rc = store_person_of_user(st, who->user_id, &self, err);

    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    q.owner_person_id = person_id ? person_id : self;
    if (!q.owner_person_id)
        return 0;
    if ((rc = store_followup_list(st, a, &q, out, n, err)))
        return rc;
    return keep_visible(st, a, who, self, *out, n, err);
}

int app_followup_list_forum(struct store *st, struct arena *a, const struct principal *who,
                            int64_t forum_id, int only_open, struct followup **out,
                            size_t *n, struct kl_error *err)
{
    struct followup_query q = {.forum_id = forum_id, .only_open = only_open};
    int64_t self = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if ((rc = app_authorize(st, who, PERM_FORUM_PUBLISHED, forum_id, err)) ||
        (rc = store_person_of_user(st, who->user_id, &self, err)) ||
        (rc = store_followup_list(st, a, &q, out, n, err)))
        return rc;
    return keep_visible(st, a, who, self, *out, n, err);
}

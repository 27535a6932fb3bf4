/* plan.c - use cases of action plans and initiatives: plans, initiatives, their indicators,
 * agenda items, milestones and funds (see plan.h); rights shared through plan_impl.h. */
#include "app/plan.h"
#include "app/meeting_impl.h"
#include "app/plan_impl.h"

#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/meeting.h"
#include "model/org.h"
#include "model/people.h"
#include "store/account.h"
#include "store/indicator.h"
#include "store/meeting.h"
#include "store/people.h"
#include "store/plan.h"
#include "store/store.h"

#include <string.h>

/* Rights. */

int plan_access_of(struct store *st, const struct principal *who, int64_t plan_forum,
                   int64_t group_forum, struct plan_access *acc, struct kl_error *err)
{
    struct meeting_access pa, ga = {0};
    int rc = meeting_access_of(st, who, plan_forum, &pa, err);

    if (rc == 0 && group_forum)
        rc = meeting_access_of(st, who, group_forum, &ga, err);
    if (rc)
        return rc;
    acc->group = ga.internal;
    acc->manage = pa.manage;
    acc->read = pa.published || ga.internal;
    return 0;
}

int plan_require(struct store *st, const struct principal *who, int allowed,
                 enum permission p, int64_t forum_id, struct kl_error *err)
{
    int rc;

    if (allowed)
        return 0;
    rc = app_authorize(st, who, p, forum_id, err);
    return rc ? rc : kl_error_set(err, KL_EPERM, "not allowed");
}

int plan_initiative_read(struct store *st, struct arena *a, const struct principal *who,
                         int64_t id, struct initiative *out, struct plan_access *acc,
                         struct kl_error *err)
{
    int rc = store_initiative_get(st, a, id, out, err);

    if (rc == 0)
        rc = plan_access_of(st, who, out->plan_forum_id, out->group_forum_id, acc, err);
    if (rc == 0 && out->offered_at && who->method != AUTH_NONE)
        acc->read = 1; /* offered for spread: the region's catalogue of solutions */
    if (rc == 0)
        rc = plan_require(st, who, acc->read, PERM_FORUM_PUBLISHED, out->plan_forum_id, err);
    return rc;
}

int plan_initiative_managed(struct store *st, struct arena *a, const struct principal *who,
                            int64_t id, struct initiative *out, struct kl_error *err)
{
    int rc = store_initiative_get(st, a, id, out, err);

    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, out->plan_forum_id, err);
    return rc;
}

int plan_audit(struct store *st, const struct principal *who, const char *entity, int64_t id,
               const char *action, int64_t forum_id, json_t *before, json_t *after,
               struct kl_error *err)
{
    return meeting_audit(st, who, entity, id, action, forum_id, before, after, err);
}

/* Plans. */

/* Checks p and that its approving item belongs to its forum. */
static void check_plan(struct store *st, struct arena *a, const struct action_plan *p,
                       struct field_errors *fe)
{
    struct agenda_item it;
    struct kl_error ignored;

    action_plan_check(p, fe);
    if (p->approved_item_id &&
        (store_item_get(st, a, p->approved_item_id, &it, &ignored) ||
         it.forum_id != p->forum_id))
        fields_add(fe, "approved_item_id", N_("is not an agenda item of the plan's forum"));
}

int app_plan_create(struct store *st, const struct principal *who, struct action_plan *p,
                    struct field_errors *fe, struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct action_plan stored;
    int rc = app_authorize(st, who, PERM_FORUM_MANAGE, p->forum_id, err);

    if (rc)
        return rc;
    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    check_plan(st, a, p, fe);
    if (fe->n) {
        arena_free(a);
        return meeting_invalid(fe, err);
    }
    if ((rc = store_begin(st, err)) == 0) {
        rc = store_plan_insert(st, p, &p->id, err);
        if (rc == 0)
            rc = store_plan_get(st, a, p->id, &stored, err);
        if (rc == 0)
            rc = plan_audit(st, who, "action_plan", p->id, "create", p->forum_id, NULL,
                            action_plan_json(&stored), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_plan_update(struct store *st, const struct principal *who, struct action_plan *p,
                    struct field_errors *fe, struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct action_plan old, now;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_plan_get(st, a, p->id, &old, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, old.forum_id, err);
    if (rc == 0) {
        p->forum_id = old.forum_id;
        check_plan(st, a, p, fe);
        if (fe->n)
            rc = meeting_invalid(fe, err);
    }
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = store_plan_update(st, p, err);
        if (rc == 0)
            rc = store_plan_get(st, a, p->id, &now, err);
        if (rc == 0)
            rc = plan_audit(st, who, "action_plan", p->id, "update", p->forum_id,
                            action_plan_json(&old), action_plan_json(&now), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_plan_get(struct store *st, struct arena *a, const struct principal *who, int64_t id,
                 struct action_plan *out, struct kl_error *err)
{
    int rc = store_plan_get(st, a, id, out, err);

    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_PUBLISHED, out->forum_id, err);
    return rc;
}

int app_plan_list(struct store *st, struct arena *a, const struct principal *who,
                  int64_t forum_id, struct action_plan **out, size_t *n, struct kl_error *err)
{
    size_t kept = 0;
    int rc = store_plan_list(st, a, forum_id, out, n, err);

    for (size_t i = 0; rc == 0 && i < *n; i++) {
        struct kl_error why;
        int r = app_authorize(st, who, PERM_FORUM_PUBLISHED, (*out)[i].forum_id, &why);
        if (r == 0)
            (*out)[kept++] = (*out)[i];
        else if (r != KL_EPERM)
            rc = kl_error_set(err, r, "%s", why.msg);
    }
    if (rc == 0)
        *n = kept;
    return rc;
}

/* Initiatives. */

/* Checks in and its references: the group is a forum, the responsible a person. */
static void check_initiative(struct store *st, struct arena *a, const struct initiative *in,
                             struct field_errors *fe)
{
    struct kl_error ignored;
    struct person person;
    int is_public;

    initiative_check(in, fe);
    if (in->group_forum_id && store_forum_visibility(st, in->group_forum_id, &is_public, &ignored))
        fields_add(fe, "group_forum_id", N_("is not a forum"));
    if (in->responsible_person_id &&
        store_person_get(st, a, in->responsible_person_id, &person, &ignored))
        fields_add(fe, "responsible_person_id", N_("is not a person"));
}

int plan_insert_initiative(struct store *st, struct arena *a, const struct principal *who,
                           struct initiative *in, const char *action, struct field_errors *fe,
                           struct kl_error *err)
{
    struct initiative stored;
    int rc = store_initiative_insert(st, in, &in->id, err);

    if (rc == KL_ECONFLICT && fe) {
        fields_add(fe, "label", N_("is used by another initiative of the plan"));
        rc = meeting_invalid(fe, err);
    }
    if (rc == 0)
        rc = store_initiative_get(st, a, in->id, &stored, err);
    if (rc == 0)
        rc = plan_audit(st, who, "initiative", in->id, action, stored.plan_forum_id, NULL,
                        initiative_json(&stored), err);
    return rc;
}

/* Adds "indicators" to fe when one of codes[0..n) is not in the catalogue or is named twice. */
static int check_codes(struct store *st, struct arena *a, const char *const *codes, size_t n,
                       struct field_errors *fe, struct kl_error *err)
{
    for (size_t i = 0; i < n; i++) {
        struct indicator ind;
        struct kl_error why;
        int r = store_indicator_get(st, a, codes[i], &ind, &why);
        if (r == KL_ENOTFOUND)
            fields_add(fe, "indicators", N_("names an indicator that is not in the catalogue"));
        else if (r)
            return kl_error_set(err, r, "%s", why.msg);
        for (size_t j = 0; j < i; j++)
            if (strcmp(codes[i], codes[j]) == 0)
                fields_add(fe, "indicators", N_("names an indicator twice"));
    }
    return 0;
}

/* Replaces the indicators initiative id follows with codes[0..n), audited against what it
 * followed, inside the open transaction. */
static int write_codes(struct store *st, struct arena *a, const struct principal *who,
                       int64_t id, int64_t forum_id, const char *const *codes, size_t n,
                       struct kl_error *err)
{
    const char **old = NULL;
    size_t nold = 0;
    json_t *before, *after;
    int rc = store_initiative_indicators(st, a, id, &old, &nold, err);

    if (rc)
        return rc;
    before = json_array();
    after = json_array();
    for (size_t i = 0; before && i < nold; i++)
        json_array_append_new(before, json_string(old[i]));
    for (size_t i = 0; after && i < n; i++)
        json_array_append_new(after, json_string(codes[i]));
    if (json_equal(before, after)) {
        json_decref(before);
        json_decref(after);
        return 0;
    }
    rc = store_initiative_set_indicators(st, id, codes, n, err);
    if (rc == 0)
        return plan_audit(st, who, "initiative", id, "indicators", forum_id, before, after, err);
    json_decref(before);
    json_decref(after);
    return rc;
}

int app_initiative_create(struct store *st, const struct principal *who, struct initiative *in,
                          const char *const *codes, size_t ncodes, struct field_errors *fe,
                          struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct action_plan plan;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_plan_get(st, a, in->plan_id, &plan, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, plan.forum_id, err);
    if (rc == 0) {
        in->origin_id = 0;
        in->offered_at = 0;
        check_initiative(st, a, in, fe);
        if (in->status != INITIATIVE_PROPOSED && in->status != INITIATIVE_ACTIVE)
            fields_add(fe, "status", N_("a new initiative is proposed or active"));
        rc = check_codes(st, a, codes, ncodes, fe, err);
        if (rc == 0 && fe->n)
            rc = meeting_invalid(fe, err);
    }
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = plan_insert_initiative(st, a, who, in, "create", fe, err);
        if (rc == 0 && ncodes)
            rc = write_codes(st, a, who, in->id, plan.forum_id, codes, ncodes, err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_initiative_update(struct store *st, const struct principal *who, struct initiative *in,
                          const char *const *codes, size_t ncodes, struct field_errors *fe,
                          struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct initiative old, now;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = plan_initiative_managed(st, a, who, in->id, &old, err);
    if (rc == 0) {
        in->plan_id = old.plan_id;
        in->origin_id = old.origin_id;
        in->offered_at = old.offered_at;
        check_initiative(st, a, in, fe);
        if (in->status != old.status && (unsigned)in->status < INITIATIVE_STATUS_COUNT &&
            !initiative_transition_allowed(old.status, in->status))
            fields_add(fe, "status", N_("cannot change to this status from the current one"));
        rc = check_codes(st, a, codes, ncodes, fe, err);
        if (rc == 0 && fe->n)
            rc = meeting_invalid(fe, err);
    }
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = store_initiative_update(st, in, err);
        if (rc == KL_ECONFLICT) {
            fields_add(fe, "label", N_("is used by another initiative of the plan"));
            rc = meeting_invalid(fe, err);
        }
        if (rc == 0)
            rc = store_initiative_get(st, a, in->id, &now, err);
        if (rc == 0)
            rc = plan_audit(st, who, "initiative", in->id, "update", old.plan_forum_id,
                            initiative_json(&old), initiative_json(&now), err);
        if (rc == 0 && codes)
            rc = write_codes(st, a, who, in->id, old.plan_forum_id, codes, ncodes, err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_initiative_get(struct store *st, struct arena *a, const struct principal *who,
                       int64_t id, struct initiative *out, struct kl_error *err)
{
    struct plan_access acc;

    return plan_initiative_read(st, a, who, id, out, &acc, err);
}

int app_initiative_list(struct store *st, struct arena *a, const struct principal *who,
                        int64_t plan_id, struct initiative **out, size_t *n,
                        struct kl_error *err)
{
    struct initiative_query q = {.plan_id = plan_id};
    struct action_plan plan;
    int rc = app_plan_get(st, a, who, plan_id, &plan, err);

    *out = NULL;
    *n = 0;
    return rc ? rc : store_initiative_list(st, a, &q, out, n, err);
}

int app_initiative_list_group(struct store *st, struct arena *a, const struct principal *who,
                              int64_t forum_id, struct initiative **out, size_t *n,
                              struct kl_error *err)
{
    struct initiative_query q = {.group_forum_id = forum_id};
    size_t kept = 0;
    int rc = store_initiative_list(st, a, &q, out, n, err);

    for (size_t i = 0; rc == 0 && i < *n; i++) {
        struct plan_access acc;
        rc = plan_access_of(st, who, (*out)[i].plan_forum_id, forum_id, &acc, err);
        if (rc == 0 && acc.read)
            (*out)[kept++] = (*out)[i];
    }
    if (rc == 0)
        *n = kept;
    return rc;
}

int app_initiative_indicators(struct store *st, struct arena *a, const struct principal *who,
                              int64_t id, const char ***codes, size_t *n,
                              struct kl_error *err)
{
    struct initiative in;
    struct plan_access acc;
    int rc = plan_initiative_read(st, a, who, id, &in, &acc, err);

    *codes = NULL;
    *n = 0;
    return rc ? rc : store_initiative_indicators(st, a, id, codes, n, err);
}

int app_initiative_link_item(struct store *st, const struct principal *who, int64_t id,
                             int64_t item_id, struct kl_error *err)
{
    struct arena *a;
    struct initiative in;
    struct plan_access acc;
    struct agenda_item it;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = plan_initiative_read(st, a, who, id, &in, &acc, err);
    if (rc == 0)
        rc = store_item_get(st, a, item_id, &it, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, it.forum_id, err);
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = store_initiative_link_item(st, id, item_id, err);
        if (rc == KL_ECONFLICT)
            kl_error_set(err, rc, "agenda item %lld is linked to initiative %s already",
                         (long long)item_id, in.label);
        if (rc == 0)
            rc = plan_audit(st, who, "initiative", id, "link_item", it.forum_id, NULL,
                            json_pack("{s:I}", "item_id", (json_int_t)item_id), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_initiative_items(struct store *st, struct arena *a, const struct principal *who,
                         int64_t id, struct agenda_item **out, size_t *n,
                         struct kl_error *err)
{
    struct initiative in;
    struct plan_access acc;
    int64_t *ids = NULL;
    size_t nids = 0;
    int rc = plan_initiative_read(st, a, who, id, &in, &acc, err);

    *out = NULL;
    *n = 0;
    if (rc == 0)
        rc = store_initiative_items(st, a, id, &ids, &nids, err);
    if (rc == 0 && nids && !(*out = arena_alloc(a, nids * sizeof(**out))))
        rc = meeting_oom(err);
    for (size_t i = 0; rc == 0 && i < nids; i++) {
        struct agenda_item *it = &(*out)[*n];
        struct meeting_access ma;
        struct meeting m = {0};
        rc = store_item_get(st, a, ids[i], it, err);
        if (rc == 0)
            rc = meeting_access_of(st, who, it->forum_id, &ma, err);
        if (rc == 0 && it->meeting_id)
            rc = store_meeting_get(st, a, it->meeting_id, &m, err);
        if (rc || !meeting_item_visible(&ma, it, m.status))
            continue;
        if (!it->meeting_id || !meeting_minutes_visible(&ma, m.status)) {
            it->decision = "";
            it->outcome = OUTCOME_NONE;
        }
        (*n)++;
    }
    return rc;
}

int app_meeting_initiatives(struct store *st, struct arena *a, const struct principal *who,
                            int64_t meeting_id, struct item_initiative **out, size_t *n,
                            struct kl_error *err)
{
    struct initiative_link *links;
    size_t nlinks;
    int rc = store_meeting_initiative_links(st, a, meeting_id, &links, &nlinks, err);

    *out = NULL;
    *n = 0;
    if (rc || !nlinks)
        return rc;
    if (!(*out = arena_alloc(a, nlinks * sizeof(**out))))
        return meeting_oom(err);
    for (size_t i = 0; i < nlinks; i++) {
        struct plan_access acc;
        struct kl_error why;
        int r = plan_initiative_read(st, a, who, links[i].initiative_id, &(*out)[*n].initiative,
                                     &acc, &why);
        if (r == KL_EPERM || r == KL_ENOTFOUND)
            continue;
        if (r)
            return kl_error_set(err, r, "%s", why.msg);
        (*out)[(*n)++].item_id = links[i].item_id;
    }
    return 0;
}

/* Milestones. */

/* Reads milestone's initiative and requires the plan's secretary or a group member. */
static int milestone_keeper(struct store *st, struct arena *a, const struct principal *who,
                            int64_t initiative_id, struct initiative *in, struct kl_error *err)
{
    struct plan_access acc;
    int rc = plan_initiative_read(st, a, who, initiative_id, in, &acc, err);

    if (rc == 0 && !acc.manage && !acc.group)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, in->plan_forum_id, err);
    return rc;
}

int app_milestone_add(struct store *st, const struct principal *who, struct milestone *m,
                      struct field_errors *fe, struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct initiative in;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = milestone_keeper(st, a, who, m->initiative_id, &in, err);
    if (rc == 0 && milestone_check(m, fe))
        rc = meeting_invalid(fe, err);
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = store_milestone_insert(st, m, &m->id, err);
        if (rc == 0)
            rc = plan_audit(st, who, "milestone", m->id, "create", in.plan_forum_id, NULL,
                            milestone_json(m), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_milestone_update(struct store *st, const struct principal *who, struct milestone *m,
                         struct field_errors *fe, struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct initiative in;
    struct milestone old;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_milestone_get(st, a, m->id, &old, err);
    if (rc == 0)
        rc = milestone_keeper(st, a, who, old.initiative_id, &in, err);
    if (rc == 0) {
        m->initiative_id = old.initiative_id;
        if (milestone_check(m, fe))
            rc = meeting_invalid(fe, err);
    }
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = store_milestone_update(st, m, err);
        if (rc == 0)
            rc = plan_audit(st, who, "milestone", m->id, "update", in.plan_forum_id,
                            milestone_json(&old), milestone_json(m), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_milestone_get(struct store *st, struct arena *a, const struct principal *who,
                      int64_t id, struct milestone *out, struct kl_error *err)
{
    struct initiative in;
    struct plan_access acc;
    int rc = store_milestone_get(st, a, id, out, err);

    return rc ? rc : plan_initiative_read(st, a, who, out->initiative_id, &in, &acc, err);
}

int app_milestone_list(struct store *st, struct arena *a, const struct principal *who,
                       int64_t initiative_id, struct milestone **out, size_t *n,
                       struct kl_error *err)
{
    struct initiative in;
    struct plan_access acc;
    int rc = plan_initiative_read(st, a, who, initiative_id, &in, &acc, err);

    *out = NULL;
    *n = 0;
    return rc ? rc : store_milestone_list(st, a, initiative_id, out, n, err);
}

/* Funds. */

/* Stores the changed years (after[0..n)) inside a transaction, auditing each against
 * before[]. */
static int store_funds_change(struct store *st, const struct principal *who, int64_t forum,
                              const char *action, const struct funds_year *before,
                              const struct funds_year *after, size_t n, struct kl_error *err)
{
    int rc = store_begin(st, err);

    if (rc)
        return rc;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = store_funds_put(st, &after[i], err);
        if (rc == 0)
            rc = plan_audit(st, who, "funds", after[i].initiative_id, action, forum,
                            funds_year_json(&before[i]), funds_year_json(&after[i]), err);
    }
    return meeting_finish(st, rc, err);
}

int app_funds_set(struct store *st, const struct principal *who, int64_t initiative_id,
                  int year, int64_t allocated, int64_t spent, struct field_errors *fe,
                  struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct initiative in;
    struct funds_year old, f;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = plan_initiative_managed(st, a, who, initiative_id, &in, err);
    f = (struct funds_year){initiative_id, year, allocated, spent, 0, 0};
    if (rc == 0 && funds_check(&f, fe))
        rc = meeting_invalid(fe, err);
    if (rc == 0)
        rc = store_funds_get(st, initiative_id, year, &old, err);
    if (rc == 0) {
        f.carried_in = old.carried_in;
        f.carried_out = old.carried_out;
        rc = store_funds_change(st, who, in.plan_forum_id, "set", &old, &f, 1, err);
    }
    arena_free(a);
    return rc;
}

int app_funds_carry(struct store *st, const struct principal *who, int64_t initiative_id,
                    int year, int64_t amount, struct field_errors *fe, struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct initiative in;
    struct funds_year before[2], after[2];
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = plan_initiative_managed(st, a, who, initiative_id, &in, err);
    if (rc == 0 && (year < 2000 || year >= 2100)) {
        fields_add(fe, "year", N_("must be a year from 2000 to 2099"));
        rc = meeting_invalid(fe, err);
    }
    if (rc == 0)
        rc = store_funds_get(st, initiative_id, year, &before[0], err);
    if (rc == 0)
        rc = store_funds_get(st, initiative_id, year + 1, &before[1], err);
    if (rc == 0) {
        after[0] = before[0];
        after[1] = before[1];
        if (funds_carry(&after[0], &after[1], amount)) {
            fields_add(fe, "amount", N_("must be more than nothing and at most what is left"));
            rc = meeting_invalid(fe, err);
        }
    }
    if (rc == 0)
        rc = store_funds_change(st, who, in.plan_forum_id, "carry", before, after, 2, err);
    arena_free(a);
    return rc;
}

int app_funds_list(struct store *st, struct arena *a, const struct principal *who,
                   int64_t initiative_id, int64_t plan_id, struct funds_year **out, size_t *n,
                   struct kl_error *err)
{
    int rc;

    *out = NULL;
    *n = 0;
    if (initiative_id) {
        struct initiative in;
        struct plan_access acc;
        rc = plan_initiative_read(st, a, who, initiative_id, &in, &acc, err);
    } else {
        struct action_plan plan;
        rc = app_plan_get(st, a, who, plan_id, &plan, err);
    }
    return rc ? rc : store_funds_list(st, a, initiative_id, plan_id, out, n, err);
}

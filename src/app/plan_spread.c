/* plan_spread.c - use cases of spread between clusters (seed 004): offering a completed
 * type-A initiative, adopting it into another plan, ordering a type-B initiative into the
 * clusters' plans, and the view of where an initiative has spread (see plan.h). */
#include "app/plan.h"
#include "app/meeting_impl.h"
#include "app/plan_impl.h"

#include "app/permission.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/forum.h"
#include "model/org.h"
#include "store/org.h"
#include "store/people.h"
#include "store/plan.h"
#include "store/store.h"

#include <string.h>

int app_initiative_offer(struct store *st, const struct principal *who, int64_t id,
                         int64_t now, struct kl_error *err)
{
    struct arena *a;
    struct initiative old, next;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = plan_initiative_managed(st, a, who, id, &old, err);
    if (rc == 0 && (old.process != PROCESS_A || old.status != INITIATIVE_COMPLETED))
        rc = kl_error_say(err, KL_EINVAL,
                          N_("Only a completed type A initiative is offered for spread."),
                          "initiative %s: only a completed type-A initiative "
                          "is offered for spread", old.label);
    if (rc == 0 && old.offered_at)
        rc = kl_error_say(err, KL_ECONFLICT,
                          N_("The initiative is offered for spread already."),
                          "initiative %s is offered already", old.label);
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        next = old;
        next.offered_at = now;
        rc = store_initiative_update(st, &next, err);
        if (rc == 0)
            rc = plan_audit(st, who, "initiative", id, "offer", old.plan_forum_id,
                            initiative_json(&old), initiative_json(&next), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

/* A new proposed initiative of plan_id copied from origin with label and process, linked to
 * it. */
static struct initiative linked_copy(const struct initiative *origin, int64_t plan_id,
                                     const char *label, enum initiative_process process)
{
    struct initiative in = {0};

    in.plan_id = plan_id;
    in.label = label;
    in.title = origin->title;
    in.description = origin->description;
    in.targets = origin->targets;
    in.process = process;
    in.status = INITIATIVE_PROPOSED;
    in.status_reason = "";
    in.involvement_how = "";
    in.data_plan = origin->data_plan;
    in.origin_id = origin->id;
    return in;
}

/* 1 when plan_id holds an initiative linked to origin_id already (or rc on failure). */
static int linked_already(struct store *st, struct arena *a, int64_t origin_id, int64_t plan_id,
                          int *found, struct kl_error *err)
{
    struct initiative_query q = {.plan_id = plan_id, .origin_id = origin_id};
    struct initiative *list;
    size_t n;
    int rc = store_initiative_list(st, a, &q, &list, &n, err);

    *found = rc == 0 && n > 0;
    return rc;
}

int app_initiative_adopt(struct store *st, const struct principal *who, int64_t origin_id,
                         int64_t plan_id, const char *label, int64_t *id,
                         struct field_errors *fe, struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct initiative origin, in;
    struct plan_access acc;
    struct action_plan plan;
    int found = 0, rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = plan_initiative_read(st, a, who, origin_id, &origin, &acc, err);
    if (rc == 0 && !origin.offered_at)
        rc = kl_error_say(err, KL_EINVAL,
                          N_("The initiative is not offered for spread."),
                          "initiative %s is not offered for spread",
                          origin.label);
    if (rc == 0)
        rc = store_plan_get(st, a, plan_id, &plan, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, plan.forum_id, err);
    if (rc == 0 && plan.id == origin.plan_id)
        rc = kl_error_say(err, KL_EINVAL,
                          N_("The initiative is in this plan already."),
                          "initiative %s is in this plan already",
                          origin.label);
    if (rc == 0)
        rc = linked_already(st, a, origin_id, plan_id, &found, err);
    if (rc == 0 && found)
        rc = kl_error_say(err, KL_ECONFLICT,
                          N_("This plan has adopted the initiative already."),
                          "plan \"%s\" has adopted initiative %s already",
                          plan.title, origin.label);
    if (rc == 0) {
        in = linked_copy(&origin, plan_id, label && *label ? label : origin.label, PROCESS_A);
        if (initiative_check(&in, fe))
            rc = meeting_invalid(fe, err);
    }
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = plan_insert_initiative(st, a, who, &in, "adopt", fe, err);
        rc = meeting_finish(st, rc, err);
    }
    if (rc == 0 && id)
        *id = in.id;
    arena_free(a);
    return rc;
}

/* *yes 1 when forum_id serves region or belongs to a cluster of it. */
static int in_region(struct store *st, struct arena *a, int64_t forum_id, int region, int *yes,
                     struct kl_error *err)
{
    struct forum f;
    int rc = store_forum_get(st, a, forum_id, &f, err);

    *yes = rc == 0 && f.region_code == region;
    for (size_t i = 0; rc == 0 && !*yes && i < f.nclusters; i++) {
        struct cluster c;
        struct kl_error ignored;
        *yes = store_cluster_get(st, a, f.clusters[i], &c, &ignored) == 0 &&
               c.region_code == region;
    }
    return rc;
}

/* The orderable origin: a type-B initiative of a plan of a forum serving a whole region,
 * which who manages; its region in *region. */
static int orderer(struct store *st, struct arena *a, const struct principal *who,
                   int64_t origin_id, struct initiative *origin, int *region,
                   struct kl_error *err)
{
    struct forum f;
    int rc = plan_initiative_managed(st, a, who, origin_id, origin, err);

    if (rc == 0 && origin->process != PROCESS_B)
        rc = kl_error_say(err, KL_EINVAL,
                          N_("Only a type B initiative is ordered from the clusters."),
                          "initiative %s: only a type-B initiative is ordered "
                          "from the clusters", origin->label);
    if (rc == 0 && origin->origin_id)
        rc = kl_error_say(err, KL_EINVAL,
                          N_("The initiative is itself a copy of an order."),
                          "initiative %s is itself an order's copy",
                          origin->label);
    if (rc == 0)
        rc = store_forum_get(st, a, origin->plan_forum_id, &f, err);
    if (rc == 0 && !f.region_code)
        rc = kl_error_say(err, KL_EPERM,
                          N_("Only a forum serving a whole region orders initiatives from "
                             "the clusters."),
                          "%s does not serve a whole region and cannot order "
                          "initiatives from the clusters", f.name);
    if (rc == 0)
        *region = f.region_code;
    return rc;
}

int app_initiative_order_targets(struct store *st, struct arena *a,
                                 const struct principal *who, int64_t origin_id,
                                 struct action_plan **out, size_t *n, struct kl_error *err)
{
    struct initiative origin;
    struct action_plan *all;
    size_t nall, kept = 0;
    int region = 0, rc = orderer(st, a, who, origin_id, &origin, &region, err);

    *out = NULL;
    *n = 0;
    if (rc == 0)
        rc = store_plan_list(st, a, 0, &all, &nall, err);
    for (size_t i = 0; rc == 0 && i < nall; i++) {
        int yes = 0;
        if (all[i].id == origin.plan_id)
            continue;
        rc = in_region(st, a, all[i].forum_id, region, &yes, err);
        if (rc == 0 && yes)
            all[kept++] = all[i];
    }
    if (rc == 0) {
        *out = all;
        *n = kept;
    }
    return rc;
}

int app_initiative_order(struct store *st, const struct principal *who, int64_t origin_id,
                         const int64_t *plan_ids, size_t n, int64_t *ids,
                         struct kl_error *err)
{
    struct arena *a;
    struct initiative origin;
    int region = 0, rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = orderer(st, a, who, origin_id, &origin, &region, err);
    if (rc == 0 && n == 0)
        rc = kl_error_set(err, KL_EINVAL, "name at least one plan to order the initiative into");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct action_plan plan;
        int found = 0;
        rc = store_plan_get(st, a, plan_ids[i], &plan, err);
        if (rc == 0 && plan.id == origin.plan_id)
            rc = kl_error_set(err, KL_EINVAL, "the order's own plan cannot receive it");
        if (rc == 0 && (rc = in_region(st, a, plan.forum_id, region, &found, err)) == 0 &&
            !found)
            rc = kl_error_say(err, KL_EINVAL,
                              N_("One of the plans named is not in the region's clusters."),
                              "plan \"%s\" is not in the region's clusters",
                              plan.title);
        if (rc == 0)
            rc = linked_already(st, a, origin_id, plan.id, &found, err);
        if (rc == 0 && found)
            rc = kl_error_say(err, KL_ECONFLICT,
                              N_("One of the plans named has received this order already."),
                              "plan \"%s\" has received this order already",
                              plan.title);
        for (size_t j = 0; rc == 0 && j < i; j++)
            if (plan_ids[j] == plan_ids[i])
                rc = kl_error_say(err, KL_EINVAL,
                                  N_("A plan is named twice."),
                                  "plan \"%s\" is named twice", plan.title);
    }
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        for (size_t i = 0; rc == 0 && i < n; i++) {
            struct initiative in = linked_copy(&origin, plan_ids[i], origin.label, PROCESS_B);
            rc = plan_insert_initiative(st, a, who, &in, "order", NULL, err);
            if (rc == KL_ECONFLICT)
                kl_error_set(err, rc, "plan %lld has an initiative labelled %s already",
                             (long long)plan_ids[i], origin.label);
            if (rc == 0 && ids)
                ids[i] = in.id;
        }
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_initiative_spread(struct store *st, struct arena *a, const struct principal *who,
                          int64_t id, struct spread *out, struct kl_error *err)
{
    struct initiative in;
    struct plan_access acc;
    struct initiative_query q = {0};
    size_t kept = 0;
    int origin_read = 1;
    int rc = plan_initiative_read(st, a, who, id, &in, &acc, err);

    memset(out, 0, sizeof(*out));
    if (rc)
        return rc;
    out->origin = in;
    if (in.origin_id) {
        struct plan_access oacc;
        struct kl_error why;
        rc = plan_initiative_read(st, a, who, in.origin_id, &out->origin, &oacc, &why);
        if (rc == KL_EPERM) {
            out->origin = in; /* the origin is hidden from who: show its siblings */
            q.origin_id = in.origin_id;
            origin_read = 0;
        } else if (rc) {
            return kl_error_set(err, rc, "%s", why.msg);
        }
        rc = 0;
    }
    if (!q.origin_id)
        q.origin_id = out->origin.id;
    rc = store_initiative_list(st, a, &q, &out->linked, &out->n, err);
    for (size_t i = 0; rc == 0 && i < out->n; i++) {
        struct plan_access lacc;
        rc = plan_access_of(st, who, out->linked[i].plan_forum_id,
                            out->linked[i].group_forum_id, &lacc, err);
        if (rc == 0 && (lacc.read || origin_read))
            out->linked[kept++] = out->linked[i];
    }
    if (rc == 0)
        out->n = kept;
    return rc;
}

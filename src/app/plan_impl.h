/* plan_impl.h - what the use cases of action plans share (plan.c): a principal's rights on
 * an initiative, the checks of references, and reading an initiative or plan with a right
 * required. Private to src/app. */
#ifndef KL_APP_PLAN_IMPL_H
#define KL_APP_PLAN_IMPL_H

#include "app/permission.h"
#include "model/fields.h"
#include "model/plan.h"

#include <jansson.h>
#include <stdint.h>

struct arena;
struct store;
struct principal;
struct kl_error;
struct field_errors;

/* Lets a use case's fe be NULL (plan.h: problems go to fe "when fe is not NULL"): points fe
 * at a local list when it is NULL. */
#define PLAN_FIELDS(fe)                                                                      \
    struct field_errors plan_fields_local = {0};                                             \
    if (!(fe))                                                                               \
    (fe) = &plan_fields_local

/* What a principal may do with one initiative (or, with group 0, one plan). */
struct plan_access {
    int read;   /* PERM_FORUM_PUBLISHED of the plan's forum, or a member of the group */
    int manage; /* PERM_FORUM_MANAGE of the plan's forum */
    int group;  /* PERM_FORUM_INTERNAL of the initiative's group forum */
};

/* Fills acc for who on a plan of plan_forum run (for an initiative) by group_forum (0:
 * none). */
int plan_access_of(struct store *st, const struct principal *who, int64_t plan_forum,
                   int64_t group_forum, struct plan_access *acc, struct kl_error *err);

/* KL_EPERM (the plan forum's missing right, as app_authorize words it) unless allowed. */
int plan_require(struct store *st, const struct principal *who, int allowed,
                 enum permission p, int64_t forum_id, struct kl_error *err);

/* Reads initiative id into out and who's rights on it into acc; KL_EPERM/KL_ENOTFOUND
 * unless who may read it. */
int plan_initiative_read(struct store *st, struct arena *a, const struct principal *who,
                         int64_t id, struct initiative *out, struct plan_access *acc,
                         struct kl_error *err);

/* Reads initiative id and requires PERM_FORUM_MANAGE of its plan's forum. */
int plan_initiative_managed(struct store *st, struct arena *a, const struct principal *who,
                            int64_t id, struct initiative *out, struct kl_error *err);

/* Inserts in (in->id is set) inside the open transaction and audits it as action. A label
 * the plan has already is KL_EINVAL with fe "label" when fe is not NULL, else KL_ECONFLICT. */
int plan_insert_initiative(struct store *st, struct arena *a, const struct principal *who,
                           struct initiative *in, const char *action, struct field_errors *fe,
                           struct kl_error *err);

/* Audits a change of an action-plan entity (see meeting_audit). */
int plan_audit(struct store *st, const struct principal *who, const char *entity, int64_t id,
               const char *action, int64_t forum_id, json_t *before, json_t *after,
               struct kl_error *err);

#endif

/* organisation.h - use cases of the organisation: organisations (parties), people, forums
 * with their mandates, and memberships over time; and the rules the mandates set, computed
 * for a day: the co-chair rotation and the representation of every municipality.
 *
 * Readers fill structs in the caller's arena. Writers check every value and every reference
 * first: problems go to fe per field (API names) and the call returns KL_EINVAL with nothing
 * changed. Each change is audited in its own transaction and asks app_authorize:
 * organisations and people need PERM_DIRECTORY_EDIT; a forum's own record and its
 * memberships PERM_FORUM_MANAGE of that forum; a new forum, when the principal is not an
 * administrator, PERM_FORUM_MANAGE of the forum it reports to (and its creator becomes the
 * new forum's secretary). */
#ifndef KL_APP_ORGANISATION_H
#define KL_APP_ORGANISATION_H

#include "model/forum.h"
#include "model/people.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct principal;
struct kl_error;
struct field_errors;

int app_org_list(struct store *st, struct arena *a, struct organisation **out, size_t *n,
                 struct kl_error *err);
int app_org_get(struct store *st, struct arena *a, int64_t id, struct organisation *out,
                struct kl_error *err);
int app_org_save(struct store *st, const struct principal *who, struct organisation *o,
                 struct field_errors *fe, struct kl_error *err);

int app_person_list(struct store *st, struct arena *a, struct person **out, size_t *n,
                    struct kl_error *err);
int app_person_get(struct store *st, struct arena *a, int64_t id, struct person *out,
                   struct kl_error *err);
/* Saves p (a new person when p->id is 0; p->id is set). p->login, when not empty, links the
 * person to that account (fe "login" when there is no such account). */
int app_person_save(struct store *st, const struct principal *who, struct person *p,
                    struct field_errors *fe, struct kl_error *err);

/* Forums who may see: all for administrators, else the public ones and those where who
 * has a role. cluster_code (may be NULL) narrows to the forums of one cluster. */
int app_forum_list(struct store *st, struct arena *a, const struct principal *who,
                   const char *cluster_code, struct forum **out, size_t *n,
                   struct kl_error *err);
/* Every forum of cluster_code, visible or not, for the organisation chart: names, kinds and
 * reporting lines are the structure of a public collaboration and not confidential; what a
 * forum holds (mandate, members, items) stays behind PERM_FORUM_PUBLISHED. */
int app_forum_structure(struct store *st, struct arena *a, const char *cluster_code,
                        struct forum **out, size_t *n, struct kl_error *err);

int app_forum_get(struct store *st, struct arena *a, int64_t id, struct forum *out,
                  struct kl_error *err);
/* Saves f (a new forum when f->id is 0; f->id is set). */
int app_forum_save(struct store *st, const struct principal *who, struct forum *f,
                   struct field_errors *fe, struct kl_error *err);

/* Memberships of forum_id and/or person_id (0: any), every period. */
int app_membership_list(struct store *st, struct arena *a, int64_t forum_id, int64_t person_id,
                        struct membership **out, size_t *n, struct kl_error *err);
int app_membership_get(struct store *st, struct arena *a, int64_t id, struct membership *out,
                       struct kl_error *err);
/* Saves m (new when m->id is 0). Moving a membership to another forum needs the right in
 * both forums. */
int app_membership_save(struct store *st, const struct principal *who, struct membership *m,
                        struct field_errors *fe, struct kl_error *err);

/* What a forum's mandate rules say on a day. */
struct forum_status {
    int32_t day;
    struct membership *members;  /* memberships in force on day */
    size_t nmembers;
    int has_rotation;            /* the mandate sets a rotation that has started */
    const char *rotation_holder; /* organisation holding the co-chair on day */
    const char *rotation_next;   /* the one after it */
    int32_t rotation_period_end; /* last day of the current period */
    int rotation_due;            /* the change is at most 90 days away */
    int checks_representation;   /* the mandate requires every municipality */
    const struct municipality *missing; /* municipalities without a member on day */
    size_t nmissing;
};

/* Computes f's status on day. */
int app_forum_status(struct store *st, struct arena *a, const struct forum *f, int32_t day,
                     struct forum_status *out, struct kl_error *err);

#endif

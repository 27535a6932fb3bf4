/* people.h - SQL for organisations, people, memberships and the full forum record with its
 * mandate, clusters and rotation order.
 *
 * Readers fill structs whose strings live in the caller's arena. All return 0 or a negative
 * KL_E... code with err filled: KL_ENOTFOUND for a missing row, KL_ECONFLICT for a taken
 * unique name, KL_EINVAL for a reference to a row that does not exist. Writers run inside
 * the caller's transaction. */
#ifndef KL_STORE_PEOPLE_H
#define KL_STORE_PEOPLE_H

#include "model/forum.h"
#include "model/people.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct kl_error;

int store_org_insert(struct store *st, const struct organisation *o, int64_t *id,
                     struct kl_error *err);
int store_org_update(struct store *st, const struct organisation *o, struct kl_error *err);
int store_org_get(struct store *st, struct arena *a, int64_t id, struct organisation *out,
                  struct kl_error *err);
/* By exact name; KL_ENOTFOUND when there is none. */
int store_org_by_name(struct store *st, struct arena *a, const char *name,
                      struct organisation *out, struct kl_error *err);
/* All organisations by name. */
int store_org_list(struct store *st, struct arena *a, struct organisation **out, size_t *n,
                   struct kl_error *err);

int store_person_insert(struct store *st, const struct person *p, int64_t *id,
                        struct kl_error *err);
int store_person_update(struct store *st, const struct person *p, struct kl_error *err);
int store_person_get(struct store *st, struct arena *a, int64_t id, struct person *out,
                     struct kl_error *err);
/* The person with this e-mail address (case-insensitive), or KL_ENOTFOUND. */
int store_person_by_email(struct store *st, struct arena *a, const char *email,
                          struct person *out, struct kl_error *err);
/* All people by name. */
int store_person_list(struct store *st, struct arena *a, struct person **out, size_t *n,
                      struct kl_error *err);

int store_membership_insert(struct store *st, const struct membership *m, int64_t *id,
                            struct kl_error *err);
int store_membership_update(struct store *st, const struct membership *m,
                            struct kl_error *err);
int store_membership_get(struct store *st, struct arena *a, int64_t id, struct membership *out,
                         struct kl_error *err);
/* Memberships of forum_id (when not 0) and of person_id (when not 0), all periods, ordered
 * by forum, role, start and person name. */
int store_membership_list(struct store *st, struct arena *a, int64_t forum_id,
                          int64_t person_id, struct membership **out, size_t *n,
                          struct kl_error *err);

/* Forums with the full record. insert and update also write the cluster links and the
 * rotation order (replacing the old ones). */
int store_forum_create(struct store *st, const struct forum *f, int64_t *id,
                       struct kl_error *err);
int store_forum_update(struct store *st, const struct forum *f, struct kl_error *err);
int store_forum_get(struct store *st, struct arena *a, int64_t id, struct forum *out,
                    struct kl_error *err);
/* All forums by name, or only those linked to cluster_code (when not NULL) or serving
 * its region as a whole. Lists carry no mandate text and no rotation order. */
int store_forum_list(struct store *st, struct arena *a, const char *cluster_code,
                     struct forum **out, size_t *n, struct kl_error *err);

#endif

/* account.h - user accounts: adding, listing, changing passwords, disabling, and roles in
 * forums. Every change is written to the audit log in the same transaction.
 *
 * Validation failures return KL_EINVAL with err naming the field ("login: ..."). */
#ifndef KL_APP_ACCOUNT_H
#define KL_APP_ACCOUNT_H

#include "model/account.h"

#include <stddef.h>
#include <stdint.h>

struct principal;
struct store;
struct arena;
struct kl_error;

/* Adds u (login, name, email, is_admin) with password (NULL: no password login, e.g. for
 * single sign-on users). *id (may be NULL) gets the new id. KL_ECONFLICT when the login is
 * taken. */
int app_user_add(struct store *st, const struct principal *who, const struct user *u,
                 const char *password, int64_t *id, struct kl_error *err);

/* All users by login, in arena a. */
int app_user_list(struct store *st, struct arena *a, struct user **out, size_t *n,
                  struct kl_error *err);

/* Sets a new password for login and ends all of that user's sessions. */
int app_user_passwd(struct store *st, const struct principal *who, const char *login,
                    const char *password, struct kl_error *err);

/* Disables login (disabled = 1) or enables it again (0). Disabling ends its sessions. */
int app_user_disable(struct store *st, const struct principal *who, const char *login,
                     int disabled, struct kl_error *err);

/* Gives the user a role in a forum (ROLE_NONE takes it away). */
int app_forum_role_set(struct store *st, const struct principal *who, int64_t user_id,
                       int64_t forum_id, enum forum_role role, struct kl_error *err);

/* The forums where who has a role, with the role, in arena a. */
int app_forum_roles_of(struct store *st, struct arena *a, const struct principal *who,
                       struct forum_role_grant **out, size_t *n, struct kl_error *err);

#endif

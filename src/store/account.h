/* account.h - stored users, forums (their identity and visibility), forum roles, sessions,
 * API tokens and login throttling.
 *
 * Readers fill structs in the caller's arena. Writers run inside the caller's transaction
 * where several must land together (the app layer decides). Tokens are never stored: only
 * their 32-byte hashes. Times are Unix seconds (UTC) where they drive expiry, ISO text where
 * they are shown. All return 0 or a negative KL_E... code with err filled. */
#ifndef KL_STORE_ACCOUNT_H
#define KL_STORE_ACCOUNT_H

#include "model/account.h"

#include <stddef.h>
#include <stdint.h>

#define TOKEN_HASH_BYTES 32

struct arena;
struct store;
struct kl_error;

/* Users. KL_ECONFLICT when the login is taken. */
int store_user_insert(struct store *st, const struct user *u, const char *password_hash,
                      int64_t *id, struct kl_error *err);
/* By login (KL_ENOTFOUND when none); *hash (may be NULL) gets the password hash or NULL. */
int store_user_by_login(struct store *st, struct arena *a, const char *login, struct user *out,
                        const char **hash, struct kl_error *err);
int store_user_by_id(struct store *st, struct arena *a, int64_t id, struct user *out,
                     struct kl_error *err);
/* All users by login. */
int store_user_list(struct store *st, struct arena *a, struct user **out, size_t *n,
                    struct kl_error *err);
int store_user_set_password(struct store *st, int64_t id, const char *hash,
                            struct kl_error *err);
int store_user_set_disabled(struct store *st, int64_t id, int disabled, struct kl_error *err);

/* Forums: the identity and visibility that permissions need. */
int store_forum_insert(struct store *st, const char *name, int is_public, int64_t *id,
                       struct kl_error *err);
/* *is_public of forum id; KL_ENOTFOUND when there is no such forum. */
int store_forum_visibility(struct store *st, int64_t id, int *is_public, struct kl_error *err);

/* Sets user's role in forum; ROLE_NONE removes it. */
int store_forum_role_set(struct store *st, int64_t user_id, int64_t forum_id,
                         enum forum_role role, struct kl_error *err);
/* The role of user in forum (ROLE_NONE when none): the highest of a role granted directly
 * and the role that a membership in force today of the person linked to the user gives
 * (secretary; chair and co-chair: chair; member and substitute: member; guest: reader). */
int store_forum_role_get(struct store *st, int64_t user_id, int64_t forum_id,
                         enum forum_role *role, struct kl_error *err);
int store_forum_roles_of(struct store *st, struct arena *a, int64_t user_id,
                         struct forum_role_grant **out, size_t *n, struct kl_error *err);

/* A forum as the permission decision sees it: public or not, and one user's role in it. */
struct forum_standing {
    int64_t forum_id;
    int is_public;
    enum forum_role role; /* as store_forum_role_get; ROLE_NONE when user_id <= 0 */
};
/* Every forum (of the cluster cluster_code, chosen as store_forum_list chooses them, when
 * not NULL), ordered by id, with user_id's role in each: what store_forum_visibility and
 * store_forum_role_get give forum by forum, in one query. Fills *out (in a) and *n; 0 or
 * KL_ENOMEM or KL_EDB. */
int store_forum_standings(struct store *st, struct arena *a, int64_t user_id,
                          const char *cluster_code, struct forum_standing **out, size_t *n,
                          struct kl_error *err);

/* Sessions. */
struct session_row {
    int64_t user_id;
    const char *csrf_token;
    int64_t created_at, last_seen_at, expires_at;
};
int store_session_insert(struct store *st, const unsigned char hash[TOKEN_HASH_BYTES],
                         int64_t user_id, const char *csrf_token, int64_t now,
                         int64_t expires_at, struct kl_error *err);
/* KL_ENOTFOUND when no session has this hash. */
int store_session_get(struct store *st, struct arena *a, const unsigned char hash[TOKEN_HASH_BYTES],
                      struct session_row *out, struct kl_error *err);
int store_session_touch(struct store *st, const unsigned char hash[TOKEN_HASH_BYTES], int64_t now,
                        struct kl_error *err);
int store_session_delete(struct store *st, const unsigned char hash[TOKEN_HASH_BYTES],
                         struct kl_error *err);
/* Ends every session of a user (password change, disabling). */
int store_session_delete_user(struct store *st, int64_t user_id, struct kl_error *err);

/* API tokens. */
int store_api_token_insert(struct store *st, int64_t user_id, const char *name,
                           const unsigned char hash[TOKEN_HASH_BYTES], int64_t *id,
                           struct kl_error *err);
/* The owner of an unrevoked token; KL_ENOTFOUND when none. Marks it used. */
int store_api_token_use(struct store *st, const unsigned char hash[TOKEN_HASH_BYTES],
                        int64_t *user_id, struct kl_error *err);
int store_api_token_list(struct store *st, struct arena *a, int64_t user_id,
                         struct api_token_info **out, size_t *n, struct kl_error *err);
/* Deletes token id if user_id owns it; KL_ENOTFOUND otherwise. */
int store_api_token_revoke(struct store *st, int64_t user_id, int64_t id, struct kl_error *err);

/* Login throttling by key ("login:NAME" or "addr:ADDRESS"). */
int store_throttle_get(struct store *st, const char *key, int *failures, int64_t *locked_until,
                       struct kl_error *err);
int store_throttle_put(struct store *st, const char *key, int failures, int64_t locked_until,
                       struct kl_error *err);
int store_throttle_clear(struct store *st, const char *key, struct kl_error *err);

#endif

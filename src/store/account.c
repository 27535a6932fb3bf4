/* account.c - SQL for users, forum roles, sessions, API tokens and login throttling. */
#include "store/account.h"
#include "store/store_impl.h"

#include "core/arena.h"
#include "core/error.h"

#include <string.h>

/* Steps a statement that returns no rows and finalizes it. */
/* As store_step(), and KL_ENOTFOUND when no row changed. */
static int done_changed(struct store *st, sqlite3_stmt *s, struct kl_error *err,
                        const char *what)
{
    int rc = store_step(st, s, err, what);
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "%s: no such row", what);
    return rc;
}

static void bind_hash(sqlite3_stmt *s, int idx, const unsigned char hash[TOKEN_HASH_BYTES])
{
    sqlite3_bind_blob(s, idx, hash, TOKEN_HASH_BYTES, SQLITE_TRANSIENT);
}

int store_user_insert(struct store *st, const struct user *u, const char *password_hash,
                      int64_t *id, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "INSERT INTO app_user(login, name, email, password_hash, is_admin, "
                           "disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           &s, err, "adding a user");
    if (rc)
        return rc;
    store_bind_text(s, 1, u->login);
    store_bind_text(s, 2, u->name);
    store_bind_text(s, 3, u->email);
    store_bind_text(s, 4, password_hash);
    sqlite3_bind_int(s, 5, u->is_admin ? 1 : 0);
    rc = store_step(st, s, err, "adding a user");
    if (rc == KL_ECONFLICT)
        return kl_error_set(err, KL_ECONFLICT, "the login '%s' is taken", u->login);
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

#define USER_COLS "id, login, name, email, is_admin, disabled, password_hash, created_at"

static void read_user(sqlite3_stmt *s, struct arena *a, struct user *u, const char **hash)
{
    u->id = sqlite3_column_int64(s, 0);
    u->login = store_col_text(s, 1, a, 0);
    u->name = store_col_text(s, 2, a, 0);
    u->email = store_col_text(s, 3, a, 0);
    u->is_admin = sqlite3_column_int(s, 4);
    u->disabled = sqlite3_column_int(s, 5);
    u->has_password = sqlite3_column_type(s, 6) != SQLITE_NULL;
    if (hash)
        *hash = store_col_text(s, 6, a, 1);
    u->created_at = store_col_text(s, 7, a, 0);
}

/* Reads the one user a prepared statement selects; KL_ENOTFOUND when none. */
static int one_user(struct store *st, sqlite3_stmt *s, struct arena *a, struct user *out,
                    const char **hash, struct kl_error *err, const char *what)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        read_user(s, a, out, hash);
        rc = 0;
    } else if (rc == SQLITE_DONE) {
        rc = kl_error_set(err, KL_ENOTFOUND, "no such user");
    } else {
        rc = store_db_error(st, err, what);
    }
    sqlite3_finalize(s);
    return rc;
}

int store_user_by_login(struct store *st, struct arena *a, const char *login, struct user *out,
                        const char **hash, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " USER_COLS " FROM app_user WHERE login = ?", &s, err,
                           "reading a user");
    if (rc)
        return rc;
    store_bind_text(s, 1, login);
    return one_user(st, s, a, out, hash, err, "reading a user");
}

int store_user_by_id(struct store *st, struct arena *a, int64_t id, struct user *out,
                     struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " USER_COLS " FROM app_user WHERE id = ?", &s, err,
                           "reading a user");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return one_user(st, s, a, out, NULL, err, "reading a user");
}

int store_user_list(struct store *st, struct arena *a, struct user **out, size_t *n,
                    struct kl_error *err)
{
    sqlite3_stmt *s;
    size_t cap = 16;
    int rc = store_prepare(st, "SELECT " USER_COLS " FROM app_user ORDER BY login", &s, err,
                           "listing users");
    *n = 0;
    if (rc)
        return rc;
    *out = arena_calloc(a, cap, sizeof(**out));
    while (*out && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            struct user *p = arena_calloc(a, cap * 2, sizeof(*p));
            if (p)
                memcpy(p, *out, cap * sizeof(*p));
            *out = p;
            cap *= 2;
            if (!p)
                break;
        }
        read_user(s, a, &(*out)[(*n)++], NULL);
    }
    if (!*out)
        rc = kl_error_set(err, KL_ENOMEM, "out of memory listing users");
    else
        rc = rc == SQLITE_DONE ? 0 : store_db_error(st, err, "listing users");
    sqlite3_finalize(s);
    return rc;
}

int store_user_set_password(struct store *st, int64_t id, const char *hash,
                            struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "UPDATE app_user SET password_hash = ?, "
                           "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                           &s, err, "setting a password");
    if (rc)
        return rc;
    store_bind_text(s, 1, hash);
    sqlite3_bind_int64(s, 2, id);
    return done_changed(st, s, err, "setting a password");
}

int store_user_set_disabled(struct store *st, int64_t id, int disabled, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "UPDATE app_user SET disabled = ?, "
                           "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                           &s, err, "disabling a user");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, disabled ? 1 : 0);
    sqlite3_bind_int64(s, 2, id);
    return done_changed(st, s, err, "disabling a user");
}

int store_forum_insert(struct store *st, const char *name, int is_public, int64_t *id,
                       struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "INSERT INTO forum(name, is_public, created_at) VALUES (?, ?, "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           &s, err, "adding a forum");
    if (rc)
        return rc;
    store_bind_text(s, 1, name);
    sqlite3_bind_int(s, 2, is_public ? 1 : 0);
    rc = store_step(st, s, err, "adding a forum");
    if (rc == 0)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_forum_visibility(struct store *st, int64_t id, int *is_public, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT is_public FROM forum WHERE id = ?", &s, err,
                           "reading a forum");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *is_public = sqlite3_column_int(s, 0);
        rc = 0;
    } else {
        rc = rc == SQLITE_DONE ? kl_error_set(err, KL_ENOTFOUND, "no forum %lld", (long long)id)
                               : store_db_error(st, err, "reading a forum");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_forum_role_set(struct store *st, int64_t user_id, int64_t forum_id,
                         enum forum_role role, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc;

    if (role == ROLE_NONE) {
        rc = store_prepare(st, "DELETE FROM forum_role WHERE user_id = ? AND forum_id = ?", &s,
                           err, "removing a role");
        if (rc)
            return rc;
        sqlite3_bind_int64(s, 1, user_id);
        sqlite3_bind_int64(s, 2, forum_id);
        return store_step(st, s, err, "removing a role");
    }
    rc = store_prepare(st,
                       "INSERT INTO forum_role(user_id, forum_id, role) VALUES (?, ?, ?) "
                       "ON CONFLICT (user_id, forum_id) DO UPDATE SET role = excluded.role",
                       &s, err, "setting a role");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int64(s, 2, forum_id);
    store_bind_text(s, 3, forum_role_name(role));
    return store_step(st, s, err, "setting a role");
}

/* Orders a role column r.role (or role) from the least to the most rights. */
#define ROLE_RANK "CASE role WHEN 'secretary' THEN 4 WHEN 'chair' THEN 3 WHEN 'member' THEN 2 " \
                  "ELSE 1 END"

int store_forum_role_get(struct store *st, int64_t user_id, int64_t forum_id,
                         enum forum_role *role, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT role FROM forum_access WHERE user_id = ? AND forum_id = ? "
                           "ORDER BY " ROLE_RANK " DESC LIMIT 1",
                           &s, err, "reading a role");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int64(s, 2, forum_id);
    rc = sqlite3_step(s);
    *role = ROLE_NONE;
    if (rc == SQLITE_ROW)
        *role = forum_role_parse((const char *)sqlite3_column_text(s, 0));
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_error(st, err, "reading a role");
    sqlite3_finalize(s);
    return rc;
}

int store_forum_standings(struct store *st, struct arena *a, int64_t user_id,
                          const char *cluster_code, struct forum_standing **out, size_t *n,
                          struct kl_error *err)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    int rc = store_prepare_cached(st,
                           "SELECT f.id, f.is_public, (SELECT r.role FROM forum_access r WHERE "
                           "r.user_id = ?2 AND r.forum_id = f.id ORDER BY " ROLE_RANK
                           " DESC LIMIT 1) FROM forum f WHERE " STORE_FORUM_OF_CLUSTER
                           " ORDER BY f.id",
                           &s, err, "reading the forums' standing");
    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    store_bind_text(s, 1, cluster_code);
    sqlite3_bind_int64(s, 2, user_id > 0 ? user_id : 0);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct forum_standing *f;
        const char *role = (const char *)sqlite3_column_text(s, 2);

        if (store_grow(a, (void **)out, &cap, *n, sizeof(**out))) {
            store_finish(st, s);
            return store_oom(err);
        }
        f = &(*out)[(*n)++];
        f->forum_id = sqlite3_column_int64(s, 0);
        f->is_public = sqlite3_column_int(s, 1);
        f->role = user_id > 0 && role ? forum_role_parse(role) : ROLE_NONE;
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_error(st, err, "reading the forums' standing");
    store_finish(st, s);
    return rc;
}

static int fill_role_grant(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct forum_role_grant *g = out;

    g->forum_id = sqlite3_column_int64(s, 0);
    g->forum_name = store_col_text(s, 1, a, 0);
    g->role = forum_role_parse((const char *)sqlite3_column_text(s, 2));
    return g->forum_name ? 0 : -1;
}

int store_forum_roles_of(struct store *st, struct arena *a, int64_t user_id,
                         struct forum_role_grant **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT f.id, f.name, (SELECT r.role FROM forum_access r WHERE "
                           "r.user_id = ?1 AND r.forum_id = f.id ORDER BY " ROLE_RANK
                           " DESC LIMIT 1) FROM forum f WHERE f.id IN (SELECT forum_id FROM "
                           "forum_access WHERE user_id = ?1) ORDER BY f.name COLLATE da",
                           &s, err, "listing roles");
    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_role_grant, err,
                          "listing roles");
}

int store_session_insert(struct store *st, const unsigned char hash[TOKEN_HASH_BYTES],
                         int64_t user_id, const char *csrf_token, int64_t now,
                         int64_t expires_at, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "INSERT INTO session(token_hash, user_id, csrf_token, created_at, "
                           "last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                           &s, err, "starting a session");
    if (rc)
        return rc;
    bind_hash(s, 1, hash);
    sqlite3_bind_int64(s, 2, user_id);
    store_bind_text(s, 3, csrf_token);
    sqlite3_bind_int64(s, 4, now);
    sqlite3_bind_int64(s, 5, now);
    sqlite3_bind_int64(s, 6, expires_at);
    return store_step(st, s, err, "starting a session");
}

int store_session_get(struct store *st, struct arena *a, const unsigned char hash[TOKEN_HASH_BYTES],
                      struct session_row *out, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st,
                           "SELECT user_id, csrf_token, created_at, last_seen_at, expires_at "
                           "FROM session WHERE token_hash = ?",
                           &s, err, "reading a session");
    if (rc)
        return rc;
    bind_hash(s, 1, hash);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->user_id = sqlite3_column_int64(s, 0);
        out->csrf_token = store_col_text(s, 1, a, 0);
        out->created_at = sqlite3_column_int64(s, 2);
        out->last_seen_at = sqlite3_column_int64(s, 3);
        out->expires_at = sqlite3_column_int64(s, 4);
        rc = out->csrf_token ? 0 : kl_error_set(err, KL_ENOMEM, "out of memory");
    } else {
        rc = rc == SQLITE_DONE ? kl_error_set(err, KL_ENOTFOUND, "no such session")
                               : store_db_error(st, err, "reading a session");
    }
    store_finish(st, s);
    return rc;
}

int store_session_touch(struct store *st, const unsigned char hash[TOKEN_HASH_BYTES], int64_t now,
                        struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE session SET last_seen_at = ? WHERE token_hash = ?", &s,
                           err, "renewing a session");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, now);
    bind_hash(s, 2, hash);
    return store_step(st, s, err, "renewing a session");
}

int store_session_delete(struct store *st, const unsigned char hash[TOKEN_HASH_BYTES],
                         struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "DELETE FROM session WHERE token_hash = ?", &s, err,
                           "ending a session");
    if (rc)
        return rc;
    bind_hash(s, 1, hash);
    return store_step(st, s, err, "ending a session");
}

int store_session_delete_user(struct store *st, int64_t user_id, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "DELETE FROM session WHERE user_id = ?", &s, err,
                           "ending a user's sessions");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    return store_step(st, s, err, "ending a user's sessions");
}

int store_api_token_insert(struct store *st, int64_t user_id, const char *name,
                           const unsigned char hash[TOKEN_HASH_BYTES], int64_t *id,
                           struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "INSERT INTO api_token(user_id, name, token_hash, created_at) "
                           "VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           &s, err, "creating an API token");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    store_bind_text(s, 2, name);
    bind_hash(s, 3, hash);
    rc = store_step(st, s, err, "creating an API token");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_api_token_use(struct store *st, const unsigned char hash[TOKEN_HASH_BYTES],
                        int64_t *user_id, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "UPDATE api_token SET last_used_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE token_hash = ? "
                           "RETURNING user_id",
                           &s, err, "checking an API token");
    if (rc)
        return rc;
    bind_hash(s, 1, hash);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *user_id = sqlite3_column_int64(s, 0);
        rc = 0;
    } else {
        rc = rc == SQLITE_DONE ? kl_error_set(err, KL_ENOTFOUND, "no such API token")
                               : store_db_error(st, err, "checking an API token");
    }
    sqlite3_finalize(s);
    return rc;
}

static int fill_api_token(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct api_token_info *t = out;

    t->id = sqlite3_column_int64(s, 0);
    t->name = store_col_text(s, 1, a, 0);
    t->created_at = store_col_text(s, 2, a, 0);
    t->last_used_at = store_col_text(s, 3, a, 1);
    return t->name && t->created_at ? 0 : -1;
}

int store_api_token_list(struct store *st, struct arena *a, int64_t user_id,
                         struct api_token_info **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT id, name, created_at, last_used_at FROM api_token "
                           "WHERE user_id = ? ORDER BY id",
                           &s, err, "listing API tokens");
    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_api_token, err,
                          "listing API tokens");
}

int store_api_token_revoke(struct store *st, int64_t user_id, int64_t id, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "DELETE FROM api_token WHERE id = ? AND user_id = ?", &s, err,
                           "revoking an API token");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, user_id);
    return done_changed(st, s, err, "revoking an API token");
}

int store_throttle_get(struct store *st, const char *key, int *failures, int64_t *locked_until,
                       struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT failures, locked_until FROM login_throttle WHERE key = ?",
                           &s, err, "reading login attempts");
    if (rc)
        return rc;
    store_bind_text(s, 1, key);
    rc = sqlite3_step(s);
    *failures = 0;
    *locked_until = 0;
    if (rc == SQLITE_ROW) {
        *failures = sqlite3_column_int(s, 0);
        *locked_until = sqlite3_column_int64(s, 1);
    }
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
                                               : store_db_error(st, err, "reading login attempts");
    sqlite3_finalize(s);
    return rc;
}

int store_throttle_put(struct store *st, const char *key, int failures, int64_t locked_until,
                       struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "INSERT INTO login_throttle(key, failures, locked_until) "
                           "VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                           "failures = excluded.failures, locked_until = excluded.locked_until",
                           &s, err, "recording a login attempt");
    if (rc)
        return rc;
    store_bind_text(s, 1, key);
    sqlite3_bind_int(s, 2, failures);
    sqlite3_bind_int64(s, 3, locked_until);
    return store_step(st, s, err, "recording a login attempt");
}

int store_throttle_clear(struct store *st, const char *key, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "DELETE FROM login_throttle WHERE key = ?", &s, err,
                           "clearing login attempts");
    if (rc)
        return rc;
    store_bind_text(s, 1, key);
    return store_step(st, s, err, "clearing login attempts");
}

/* account.c - user accounts and forum roles, each change audited. */
#include "app/account.h"

#include "app/audit.h"
#include "app/permission.h"
#include "app/password.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/error.h"
#include "store/account.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* The user as the audit log shows it (never the password hash). */
static json_t *user_json(const struct user *u)
{
    return json_pack("{s:s, s:s, s:s, s:b, s:b}", "login", u->login, "name", u->name, "email",
                     u->email, "is_admin", u->is_admin, "disabled", u->disabled);
}

static int check_user(const struct user *u, const char *password, struct kl_error *err)
{
    const char *why;
    if ((why = login_check(u->login)))
        return kl_error_set(err, KL_EINVAL, "login: %s", why);
    if ((why = person_name_check(u->name)))
        return kl_error_set(err, KL_EINVAL, "name: %s", why);
    if ((why = email_check(u->email)))
        return kl_error_set(err, KL_EINVAL, "email: %s", why);
    if (password && (why = password_check(password)))
        return kl_error_set(err, KL_EINVAL, "password: %s", why);
    return 0;
}

/* Runs the audited change body inside one transaction. */
static int finish(struct store *st, int rc, struct kl_error *err)
{
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

int app_user_add(struct store *st, const struct principal *who, const struct user *u,
                 const char *password, int64_t *id, struct kl_error *err)
{
    char hash[PASSWORD_HASH_MAX], idtext[24];
    json_t *after;
    int64_t newid = 0;
    int rc;

    if ((rc = app_authorize(st, who, PERM_ADMIN, 0, err)))
        return rc;
    rc = check_user(u, password, err);
    if (rc == 0 && password)
        rc = password_init(err);
    if (rc == 0 && password)
        rc = password_hash(password, hash, err);
    if (rc)
        return rc;
    rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = store_user_insert(st, u, password ? hash : NULL, &newid, err);
    if (rc == 0) {
        snprintf(idtext, sizeof(idtext), "%lld", (long long)newid);
        after = user_json(u);
        rc = app_audit_record(st, who, "user", idtext, "create", 0, NULL, after, err);
        json_decref(after);
    }
    rc = finish(st, rc, err);
    if (rc == 0 && id)
        *id = newid;
    return rc;
}

int app_user_list(struct store *st, struct arena *a, struct user **out, size_t *n,
                  struct kl_error *err)
{
    return store_user_list(st, a, out, n, err);
}

/* Loads the user called login inside an open transaction. */
static int load(struct store *st, struct arena *a, const char *login, struct user *u,
                struct kl_error *err)
{
    int rc = store_user_by_login(st, a, login, u, NULL, err);
    if (rc == KL_ENOTFOUND)
        kl_error_set(err, KL_ENOTFOUND, "no user with login '%s'", login);
    return rc;
}

int app_user_passwd(struct store *st, const struct principal *who, const char *login,
                    const char *password, struct kl_error *err)
{
    char hash[PASSWORD_HASH_MAX], idtext[24];
    const char *why = password_check(password);
    struct arena *a;
    struct user u;
    json_t *j;
    int rc;

    if (why)
        return kl_error_set(err, KL_EINVAL, "password: %s", why);
    /* users change their own password; administrators anybody's */
    if (!(who->user_id > 0 && who->login && strcmp(who->login, login) == 0) &&
        (rc = app_authorize(st, who, PERM_ADMIN, 0, err)))
        return rc;
    rc = password_init(err);
    if (rc == 0)
        rc = password_hash(password, hash, err);
    if (rc)
        return rc;
    a = arena_new(0);
    if (!a)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    rc = store_begin(st, err);
    if (rc == 0) {
        rc = load(st, a, login, &u, err);
        if (rc == 0)
            rc = store_user_set_password(st, u.id, hash, err);
        if (rc == 0)
            rc = store_session_delete_user(st, u.id, err);
        if (rc == 0) {
            snprintf(idtext, sizeof(idtext), "%lld", (long long)u.id);
            j = json_pack("{s:s}", "password", "changed");
            rc = app_audit_record(st, who, "user", idtext, "set-password", 0, NULL, j, err);
            json_decref(j);
        }
        rc = finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_user_disable(struct store *st, const struct principal *who, const char *login,
                     int disabled, struct kl_error *err)
{
    char idtext[24];
    struct arena *a;
    struct user u;
    json_t *before, *after;
    int rc;

    if ((rc = app_authorize(st, who, PERM_ADMIN, 0, err)))
        return rc;
    a = arena_new(0);
    if (!a)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    rc = store_begin(st, err);
    if (rc == 0) {
        rc = load(st, a, login, &u, err);
        if (rc == 0)
            rc = store_user_set_disabled(st, u.id, disabled, err);
        if (rc == 0 && disabled)
            rc = store_session_delete_user(st, u.id, err);
        if (rc == 0) {
            snprintf(idtext, sizeof(idtext), "%lld", (long long)u.id);
            before = user_json(&u);
            u.disabled = disabled;
            after = user_json(&u);
            rc = app_audit_record(st, who, "user", idtext, disabled ? "disable" : "enable", 0,
                                  before, after, err);
            json_decref(before);
            json_decref(after);
        }
        rc = finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_forum_role_set(struct store *st, const struct principal *who, int64_t user_id,
                       int64_t forum_id, enum forum_role role, struct kl_error *err)
{
    char idtext[48];
    enum forum_role old;
    json_t *before = NULL, *after = NULL;
    int rc;

    if ((rc = app_authorize(st, who, PERM_FORUM_MANAGE, forum_id, err)) ||
        (rc = store_begin(st, err)))
        return rc;
    rc = store_forum_role_get(st, user_id, forum_id, &old, err);
    if (rc == 0)
        rc = store_forum_role_set(st, user_id, forum_id, role, err);
    if (rc == 0) {
        snprintf(idtext, sizeof(idtext), "%lld/%lld", (long long)user_id, (long long)forum_id);
        if (old != ROLE_NONE)
            before = json_pack("{s:s}", "role", forum_role_name(old));
        if (role != ROLE_NONE)
            after = json_pack("{s:s}", "role", forum_role_name(role));
        rc = app_audit_record(st, who, "forum_role", idtext,
                              role == ROLE_NONE ? "delete" : old ? "update" : "create", forum_id,
                              before, after, err);
        json_decref(before);
        json_decref(after);
    }
    return finish(st, rc, err);
}

int app_forum_roles_of(struct store *st, struct arena *a, const struct principal *who,
                       struct forum_role_grant **out, size_t *n, struct kl_error *err)
{
    *out = NULL;
    *n = 0;
    if (who->user_id <= 0)
        return 0;
    return store_forum_roles_of(st, a, who->user_id, out, n, err);
}

/* session.c - login, sessions, API tokens, proxy users and CSRF checks. */
#include "app/session.h"

#include "app/audit.h"
#include "app/password.h"
#include "core/arena.h"
#include "core/error.h"
#include "store/account.h"
#include "store/store.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define LOGIN_FREE_FAILURES 3   /* failures per login before delays start */
#define ADDR_FREE_FAILURES 20   /* failures per client address before delays start */
#define MAX_DELAY_SECONDS 900   /* the longest delay: 15 minutes */
#define FAILURE_MEMORY 3600     /* failures older than this are forgotten */

const char app_login_failed_msg[] =
    "wrong login or password, or too many attempts: wait a little and try again";

/* New random token: text for the client, hash for the database. */
static void new_token(char text[SESSION_TOKEN_CHARS + 1], unsigned char hash[TOKEN_HASH_BYTES])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(text, SESSION_TOKEN_CHARS + 1, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    crypto_generichash(hash, TOKEN_HASH_BYTES, raw, sizeof(raw), NULL, 0);
    sodium_memzero(raw, sizeof(raw));
}

/* Hash of a token from a client; -1 when the text is not a token at all. */
void app_random_token(char csrf[SESSION_TOKEN_CHARS + 1])
{
    unsigned char raw[32];

    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(csrf, SESSION_TOKEN_CHARS + 1, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static int token_hash(const char *text, unsigned char hash[TOKEN_HASH_BYTES])
{
    unsigned char raw[32];
    size_t len = 0;

    if (!text || strlen(text) != SESSION_TOKEN_CHARS ||
        sodium_base642bin(raw, sizeof(raw), text, SESSION_TOKEN_CHARS, NULL, &len, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        len != sizeof(raw))
        return -1;
    crypto_generichash(hash, TOKEN_HASH_BYTES, raw, sizeof(raw), NULL, 0);
    return 0;
}

static void fill_principal(struct principal *who, const struct user *u, enum auth_method m)
{
    who->method = m;
    who->user_id = u->id;
    who->login = u->login;
    who->name = u->name;
    who->is_admin = u->is_admin;
    who->csrf_token = NULL;
}

/* Delay after failures beyond the free ones: 1 s, 2 s, 4 s, ... up to the maximum. */
static int64_t delay_after(int failures, int free_failures)
{
    int over = failures - free_failures;
    if (over <= 0)
        return 0;
    if (over > 10)
        return MAX_DELAY_SECONDS;
    return (int64_t)1 << (over - 1) < MAX_DELAY_SECONDS ? (int64_t)1 << (over - 1)
                                                        : MAX_DELAY_SECONDS;
}

/* Reads a throttle key: its live failure count and whether it is delayed now. The stored
 * locked_until is also the time of the last failure while no delay applies. */
static int throttle_state(struct store *st, const char *key, int64_t now, int *failures,
                          int *delayed, struct kl_error *err)
{
    int64_t until;
    int rc = store_throttle_get(st, key, failures, &until, err);
    if (rc)
        return rc;
    if (*failures && now - until > FAILURE_MEMORY)
        *failures = 0;
    *delayed = *failures && until > now;
    return 0;
}

static int throttle_fail(struct store *st, const char *key, int failures, int free_failures,
                         int64_t now, struct kl_error *err)
{
    failures++;
    return store_throttle_put(st, key, failures, now + delay_after(failures, free_failures),
                              err);
}

int app_login(struct store *st, struct arena *a, const char *login, const char *password,
              const char *addr, int64_t now, const struct session_policy *policy,
              char token[SESSION_TOKEN_CHARS + 1], struct principal *who, struct kl_error *err)
{
    char login_key[LOGIN_MAX_LENGTH + 16], addr_key[80];
    unsigned char hash[TOKEN_HASH_BYTES];
    char csrf[SESSION_TOKEN_CHARS + 1];
    const char *stored_hash = NULL;
    int login_failures, addr_failures, login_delayed, addr_delayed, ok = 0, rc;
    struct user u;

    rc = password_init(err);
    if (rc)
        return rc;
    if (!login || !password || strlen(login) > LOGIN_MAX_LENGTH ||
        strlen(password) > PASSWORD_MAX_BYTES)
        return kl_error_set(err, KL_EPERM, "%s", app_login_failed_msg);
    snprintf(login_key, sizeof(login_key), "login:%s", login);
    snprintf(addr_key, sizeof(addr_key), "addr:%.70s", addr ? addr : "");

    rc = throttle_state(st, login_key, now, &login_failures, &login_delayed, err);
    if (rc == 0)
        rc = throttle_state(st, addr_key, now, &addr_failures, &addr_delayed, err);
    if (rc)
        return rc;
    rc = store_user_by_login(st, a, login, &u, &stored_hash, err);
    if (rc && rc != KL_ENOTFOUND)
        return rc;
    if (login_delayed || addr_delayed) {
        ok = 0;
    } else if (rc == KL_ENOTFOUND || !stored_hash) {
        password_verify_dummy(password);
    } else {
        ok = password_verify(stored_hash, password) && !u.disabled;
    }

    rc = store_begin(st, err);
    if (rc)
        return rc;
    if (!ok) {
        if (!login_delayed && !addr_delayed) {
            rc = throttle_fail(st, login_key, login_failures, LOGIN_FREE_FAILURES, now, err);
            if (rc == 0)
                rc = throttle_fail(st, addr_key, addr_failures, ADDR_FREE_FAILURES, now, err);
        }
        if (rc == 0)
            rc = store_commit(st, err);
        else
            store_rollback(st);
        return rc ? rc : kl_error_set(err, KL_EPERM, "%s", app_login_failed_msg);
    }
    new_token(token, hash);
    app_random_token(csrf);
    rc = store_throttle_clear(st, login_key, err);
    if (rc == 0)
        rc = store_session_insert(st, hash, u.id, csrf, now, now + policy->absolute_seconds,
                                  err);
    if (rc == 0 && password_needs_rehash(stored_hash)) {
        char fresh[PASSWORD_HASH_MAX];
        rc = password_hash(password, fresh, err);
        if (rc == 0)
            rc = store_user_set_password(st, u.id, fresh, err);
    }
    if (rc) {
        store_rollback(st);
        return rc;
    }
    rc = store_commit(st, err);
    if (rc)
        return rc;
    fill_principal(who, &u, AUTH_SESSION);
    who->csrf_token = arena_strdup(a, csrf);
    return 0;
}

int app_session_start(struct store *st, struct arena *a, const char *login, int64_t now,
                      const struct session_policy *policy, char token[SESSION_TOKEN_CHARS + 1],
                      struct principal *who, struct kl_error *err)
{
    unsigned char hash[TOKEN_HASH_BYTES];
    char csrf[SESSION_TOKEN_CHARS + 1];
    struct user u;
    int rc = store_user_by_login(st, a, login, &u, NULL, err);

    if (rc)
        return rc;
    if (u.disabled)
        return kl_error_set(err, KL_ENOTFOUND, "the user '%s' is disabled", login);
    new_token(token, hash);
    app_random_token(csrf);
    rc = store_session_insert(st, hash, u.id, csrf, now, now + policy->absolute_seconds, err);
    if (rc)
        return rc;
    fill_principal(who, &u, AUTH_PROXY);
    who->csrf_token = arena_strdup(a, csrf);
    return 0;
}

int app_session_resolve(struct store *st, struct arena *a, const char *token, int64_t now,
                        const struct session_policy *policy, struct principal *who,
                        struct kl_error *err)
{
    unsigned char hash[TOKEN_HASH_BYTES];
    struct session_row row;
    struct user u;
    int rc;

    if (token_hash(token, hash))
        return kl_error_set(err, KL_ENOTFOUND, "no such session");
    rc = store_session_get(st, a, hash, &row, err);
    if (rc)
        return rc;
    if (now >= row.expires_at || now - row.last_seen_at >= policy->idle_seconds ||
        now - row.created_at >= policy->absolute_seconds) {
        store_session_delete(st, hash, err);
        return kl_error_set(err, KL_ENOTFOUND, "the session has expired");
    }
    rc = store_user_by_id(st, a, row.user_id, &u, err);
    if (rc)
        return rc;
    if (u.disabled)
        return kl_error_set(err, KL_ENOTFOUND, "no such session");
    /* renew at most once a minute: one write per page would be wasted work */
    if (now - row.last_seen_at >= 60) {
        rc = store_session_touch(st, hash, now, err);
        if (rc)
            return rc;
    }
    fill_principal(who, &u, AUTH_SESSION);
    who->csrf_token = row.csrf_token;
    return 0;
}

int app_logout(struct store *st, const char *token, struct kl_error *err)
{
    unsigned char hash[TOKEN_HASH_BYTES];
    if (token_hash(token, hash))
        return 0;
    return store_session_delete(st, hash, err);
}

int app_api_token_create(struct store *st, const struct principal *who, const char *name,
                         char token[SESSION_TOKEN_CHARS + 1], int64_t *id, struct kl_error *err)
{
    unsigned char hash[TOKEN_HASH_BYTES];
    char idtext[24];
    json_t *after;
    int64_t newid = 0;
    int rc;

    if (!who->user_id)
        return kl_error_set(err, KL_EPERM, "only a signed-in user can create API tokens");
    if (!name || !*name || strlen(name) > 100)
        return kl_error_set(err, KL_EINVAL, "name: give the token a name of 1 to 100 bytes");
    rc = password_init(err);
    if (rc)
        return rc;
    new_token(token, hash);
    rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = store_api_token_insert(st, who->user_id, name, hash, &newid, err);
    if (rc == 0) {
        snprintf(idtext, sizeof(idtext), "%lld", (long long)newid);
        after = json_pack("{s:s, s:I}", "name", name, "user_id", (json_int_t)who->user_id);
        rc = app_audit_record(st, who, "api_token", idtext, "create", 0, NULL, after, err);
        json_decref(after);
    }
    if (rc) {
        store_rollback(st);
        return rc;
    }
    rc = store_commit(st, err);
    if (rc == 0 && id)
        *id = newid;
    return rc;
}

int app_api_token_resolve(struct store *st, struct arena *a, const char *token,
                          struct principal *who, struct kl_error *err)
{
    unsigned char hash[TOKEN_HASH_BYTES];
    struct user u;
    int64_t user_id;
    int rc;

    if (token_hash(token, hash))
        return kl_error_set(err, KL_ENOTFOUND, "no such API token");
    rc = store_api_token_use(st, hash, &user_id, err);
    if (rc == 0)
        rc = store_user_by_id(st, a, user_id, &u, err);
    if (rc)
        return rc;
    if (u.disabled)
        return kl_error_set(err, KL_ENOTFOUND, "no such API token");
    fill_principal(who, &u, AUTH_TOKEN);
    return 0;
}

int app_api_token_list(struct store *st, struct arena *a, const struct principal *who,
                       struct api_token_info **out, size_t *n, struct kl_error *err)
{
    if (!who->user_id)
        return kl_error_set(err, KL_EPERM, "only a signed-in user has API tokens");
    return store_api_token_list(st, a, who->user_id, out, n, err);
}

int app_api_token_revoke(struct store *st, const struct principal *who, int64_t id,
                         struct kl_error *err)
{
    char idtext[24];
    json_t *before;
    int rc;

    if (!who->user_id)
        return kl_error_set(err, KL_EPERM, "only a signed-in user has API tokens");
    rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = store_api_token_revoke(st, who->user_id, id, err);
    if (rc == 0) {
        snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
        before = json_pack("{s:I}", "user_id", (json_int_t)who->user_id);
        rc = app_audit_record(st, who, "api_token", idtext, "delete", 0, before, NULL, err);
        json_decref(before);
    }
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

int app_proxy_resolve(struct store *st, struct arena *a, const char *login,
                      struct principal *who, struct kl_error *err)
{
    struct user u;
    int rc = store_user_by_login(st, a, login, &u, NULL, err);
    if (rc)
        return rc;
    if (u.disabled)
        return kl_error_set(err, KL_ENOTFOUND, "the user '%s' is disabled", login);
    fill_principal(who, &u, AUTH_PROXY);
    return 0;
}

int app_csrf_ok(const struct principal *who, const char *sent)
{
    size_t n;
    /* a bearer token is not sent by browsers on their own, nor is the command line */
    if (who->method == AUTH_TOKEN || who->method == AUTH_LOCAL)
        return 1;
    if (!sent || !who->csrf_token)
        return 0;
    n = strlen(who->csrf_token);
    return strlen(sent) == n && sodium_memcmp(sent, who->csrf_token, n) == 0;
}

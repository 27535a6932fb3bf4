/* test_session.c - accounts and sign-in: passwords, sessions and their expiry, throttling,
 * API tokens, CSRF, disabled users, and the audit rows each change writes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "app/account.h"
#include "app/audit.h"
#include "app/principal.h"
#include "app/session.h"
#include "core/arena.h"
#include "core/error.h"
#include "store/account.h"
#include "store/store.h"
#include "testutil.h"

#define PW "correct horse battery"
#define T0 1800000000 /* a fixed "now" */

static const struct principal tester = {AUTH_LOCAL, 0, "cli:test", "test", 1, NULL};
static const struct session_policy policy = {3600, 8 * 3600};

struct fixture {
    struct tmpdb t;
    struct store *st;
    struct arena *a;
    int64_t anna;
};

static int setup(void **state)
{
    static struct fixture f;
    struct kl_error err;
    struct user u = {.login = "anna", .name = "Anna Testesen", .email = "anna@example.org"};

    if (tmpdb_make(&f.t) || store_open(f.t.path, STORE_CREATE | STORE_MIGRATE, &f.st, &err))
        return -1;
    f.a = arena_new(0);
    if (app_user_add(f.st, &tester, &u, PW, &f.anna, &err))
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    arena_free(f->a);
    store_close(f->st);
    tmpdb_remove(&f->t);
    return 0;
}

static int login(struct fixture *f, const char *user, const char *pw, const char *addr,
                 int64_t now, char token[SESSION_TOKEN_CHARS + 1], struct principal *who,
                 struct kl_error *err)
{
    return app_login(f->st, f->a, user, pw, addr, now, &policy, token, who, err);
}

static void test_login_starts_a_session_that_resolves(void **state)
{
    struct fixture *f = *state;
    char token[SESSION_TOKEN_CHARS + 1];
    struct principal who, again;
    struct kl_error err;

    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0, token, &who, &err), 0);
    assert_int_equal(strlen(token), SESSION_TOKEN_CHARS);
    assert_int_equal(who.user_id, f->anna);
    assert_int_equal(who.method, AUTH_SESSION);
    assert_non_null(who.csrf_token);
    assert_int_equal(app_session_resolve(f->st, f->a, token, T0 + 60, &policy, &again, &err), 0);
    assert_string_equal(again.login, "anna");
    assert_string_equal(again.csrf_token, who.csrf_token);
    assert_true(app_csrf_ok(&again, who.csrf_token));
    assert_false(app_csrf_ok(&again, "forged"));
    assert_false(app_csrf_ok(&again, NULL));
}

static void test_each_login_gets_a_new_token(void **state)
{
    struct fixture *f = *state;
    char t1[SESSION_TOKEN_CHARS + 1], t2[SESSION_TOKEN_CHARS + 1];
    struct principal who;
    struct kl_error err;

    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0, t1, &who, &err), 0);
    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0, t2, &who, &err), 0);
    assert_string_not_equal(t1, t2);
}

static void test_wrong_password_and_unknown_login_fail_alike(void **state)
{
    struct fixture *f = *state;
    char token[SESSION_TOKEN_CHARS + 1], m1[KL_ERROR_MSG_MAX];
    struct principal who;
    struct kl_error err;

    assert_int_equal(login(f, "anna", "wrong password!", "10.0.0.1", T0, token, &who, &err),
                     KL_EPERM);
    memcpy(m1, err.msg, sizeof(m1));
    assert_int_equal(login(f, "nobody", "wrong password!", "10.0.0.2", T0, token, &who, &err),
                     KL_EPERM);
    assert_string_equal(m1, err.msg);
    assert_string_equal(err.msg, app_login_failed_msg);
}

static void test_logout_ends_the_session(void **state)
{
    struct fixture *f = *state;
    char token[SESSION_TOKEN_CHARS + 1];
    struct principal who;
    struct kl_error err;

    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0, token, &who, &err), 0);
    assert_int_equal(app_logout(f->st, token, &err), 0);
    assert_int_equal(app_session_resolve(f->st, f->a, token, T0, &policy, &who, &err),
                     KL_ENOTFOUND);
    assert_int_equal(app_logout(f->st, "not a token", &err), 0);
}

static void test_idle_and_absolute_expiry(void **state)
{
    struct fixture *f = *state;
    char token[SESSION_TOKEN_CHARS + 1];
    struct principal who;
    struct kl_error err;
    int64_t t;

    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0, token, &who, &err), 0);
    assert_int_equal(app_session_resolve(f->st, f->a, token, T0 + 3599, &policy, &who, &err), 0);
    assert_int_equal(app_session_resolve(f->st, f->a, token, T0 + 3599 + 3600, &policy, &who,
                                         &err),
                     KL_ENOTFOUND);
    /* active every half hour, the session still ends 8 hours after login */
    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0, token, &who, &err), 0);
    for (t = T0 + 1800; t < T0 + 8 * 3600; t += 1800)
        assert_int_equal(app_session_resolve(f->st, f->a, token, t, &policy, &who, &err), 0);
    assert_int_equal(app_session_resolve(f->st, f->a, token, T0 + 8 * 3600, &policy, &who, &err),
                     KL_ENOTFOUND);
}

static void test_forged_and_malformed_tokens_resolve_to_nothing(void **state)
{
    struct fixture *f = *state;
    struct principal who;
    struct kl_error err;

    assert_int_equal(app_session_resolve(f->st, f->a, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                         T0, &policy, &who, &err),
                     KL_ENOTFOUND);
    assert_int_equal(app_session_resolve(f->st, f->a, "", T0, &policy, &who, &err), KL_ENOTFOUND);
    assert_int_equal(app_session_resolve(f->st, f->a, "'; DROP TABLE session; --", T0, &policy,
                                         &who, &err),
                     KL_ENOTFOUND);
    assert_int_equal(app_api_token_resolve(f->st, f->a, NULL, &who, &err), KL_ENOTFOUND);
}

static void test_throttling_delays_even_the_right_password(void **state)
{
    struct fixture *f = *state;
    char token[SESSION_TOKEN_CHARS + 1];
    struct principal who;
    struct kl_error err;

    for (int i = 0; i < 4; i++)
        assert_int_equal(login(f, "anna", "wrong password!", "10.0.0.9", T0, token, &who, &err),
                         KL_EPERM);
    /* 4 failures: one over the free three, so a delay of one second */
    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0, token, &who, &err), KL_EPERM);
    assert_string_equal(err.msg, app_login_failed_msg);
    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0 + 2, token, &who, &err), 0);
}

static void test_delays_grow_with_failures(void **state)
{
    struct fixture *f = *state;
    char token[SESSION_TOKEN_CHARS + 1];
    struct principal who;
    struct kl_error err;
    int64_t t = T0;

    /* each failure waits out the previous delay, so that it counts */
    for (int i = 0; i < 8; i++, t += 100)
        assert_int_equal(login(f, "anna", "wrong password!", "10.0.0.9", t, token, &who, &err),
                         KL_EPERM);
    /* 8 failures: 5 over, 16 seconds */
    t -= 100;
    assert_int_equal(login(f, "anna", PW, "10.0.0.1", t + 15, token, &who, &err), KL_EPERM);
    assert_int_equal(login(f, "anna", PW, "10.0.0.1", t + 17, token, &who, &err), 0);
}

static void test_disabled_user_cannot_sign_in_and_loses_sessions(void **state)
{
    struct fixture *f = *state;
    char token[SESSION_TOKEN_CHARS + 1];
    struct principal who;
    struct kl_error err;

    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0, token, &who, &err), 0);
    assert_int_equal(app_user_disable(f->st, &tester, "anna", 1, &err), 0);
    assert_int_equal(app_session_resolve(f->st, f->a, token, T0, &policy, &who, &err),
                     KL_ENOTFOUND);
    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0, token, &who, &err), KL_EPERM);
    assert_string_equal(err.msg, app_login_failed_msg);
    assert_int_equal(app_user_disable(f->st, &tester, "anna", 0, &err), 0);
    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0 + 100, token, &who, &err), 0);
}

static void test_new_password_ends_sessions_and_replaces_the_old(void **state)
{
    struct fixture *f = *state;
    char token[SESSION_TOKEN_CHARS + 1];
    struct principal who;
    struct kl_error err;

    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0, token, &who, &err), 0);
    assert_int_equal(app_user_passwd(f->st, &tester, "anna", "short", &err), KL_EINVAL);
    assert_non_null(strstr(err.msg, "at least 12 characters"));
    assert_int_equal(app_user_passwd(f->st, &tester, "anna", "a new passphrase æøå", &err), 0);
    assert_int_equal(app_session_resolve(f->st, f->a, token, T0, &policy, &who, &err),
                     KL_ENOTFOUND);
    assert_int_equal(login(f, "anna", "a new passphrase æøå", "10.0.0.1", T0, token, &who, &err),
                     0);
    assert_int_equal(app_user_passwd(f->st, &tester, "ghost", "long enough password", &err),
                     KL_ENOTFOUND);
}

static void test_user_fields_are_validated(void **state)
{
    struct fixture *f = *state;
    struct kl_error err;
    struct user u = {.login = "x", .name = "X", .email = "x@example.org"};

    assert_int_equal(app_user_add(f->st, &tester, &u, PW, NULL, &err), KL_EINVAL);
    assert_non_null(strstr(err.msg, "login:"));
    u.login = "Bad Login";
    assert_int_equal(app_user_add(f->st, &tester, &u, PW, NULL, &err), KL_EINVAL);
    u.login = "bo";
    u.email = "not-an-address";
    assert_int_equal(app_user_add(f->st, &tester, &u, PW, NULL, &err), KL_EINVAL);
    assert_non_null(strstr(err.msg, "email:"));
    u.email = "bo@example.org";
    assert_int_equal(app_user_add(f->st, &tester, &u, "elevenchars", NULL, &err), KL_EINVAL);
    assert_non_null(strstr(err.msg, "password:"));
    /* twelve characters, whatever their bytes */
    assert_int_equal(app_user_add(f->st, &tester, &u, "æøåæøåæøåæøå", NULL, &err), 0);
    u.name = "Someone Else";
    assert_int_equal(app_user_add(f->st, &tester, &u, PW, NULL, &err), KL_ECONFLICT);
}

static void test_api_tokens_are_listed_used_and_revoked(void **state)
{
    struct fixture *f = *state;
    char token[SESSION_TOKEN_CHARS + 1], api[SESSION_TOKEN_CHARS + 1];
    struct principal who, via;
    struct api_token_info *list;
    size_t n;
    int64_t id;
    struct kl_error err;

    assert_int_equal(login(f, "anna", PW, "10.0.0.1", T0, token, &who, &err), 0);
    assert_int_equal(app_api_token_create(f->st, &who, "nightly import", api, &id, &err), 0);
    assert_int_equal(app_api_token_resolve(f->st, f->a, api, &via, &err), 0);
    assert_int_equal(via.user_id, f->anna);
    assert_int_equal(via.method, AUTH_TOKEN);
    assert_true(app_csrf_ok(&via, NULL));
    assert_int_equal(app_api_token_list(f->st, f->a, &who, &list, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].name, "nightly import");
    assert_non_null(list[0].last_used_at);
    /* nobody else can revoke it */
    {
        struct principal other = who;
        other.user_id = f->anna + 1000;
        assert_int_equal(app_api_token_revoke(f->st, &other, id, &err), KL_ENOTFOUND);
    }
    assert_int_equal(app_api_token_revoke(f->st, &who, id, &err), 0);
    assert_int_equal(app_api_token_resolve(f->st, f->a, api, &via, &err), KL_ENOTFOUND);
}

static size_t count_audit(struct fixture *f, const char *entity, const struct principal *who)
{
    struct audit_filter filter = {.entity = entity, .limit = 1000};
    struct audit_entry *e;
    size_t n = 0;
    struct kl_error err;
    assert_int_equal(app_audit_list(f->st, f->a, who, &filter, &e, &n, &err), 0);
    return n;
}

static void test_audit_log_is_scoped_and_append_only(void **state)
{
    struct fixture *f = *state;
    struct kl_error err;
    struct principal sec = {AUTH_SESSION, 0, "sec", "Sec", 0, "x"};
    struct principal member = {AUTH_SESSION, 0, "mem", "Mem", 0, "x"};
    struct user s = {.login = "sec", .name = "Sec", .email = "sec@example.org"};
    struct user m = {.login = "mem", .name = "Mem", .email = "mem@example.org"};
    struct audit_entry *e;
    struct audit_filter all = {.limit = 1000};
    int64_t forum_a, forum_b;
    size_t n;
    sqlite3 *db;

    assert_int_equal(app_user_add(f->st, &tester, &s, PW, &sec.user_id, &err), 0);
    assert_int_equal(app_user_add(f->st, &tester, &m, PW, &member.user_id, &err), 0);
    assert_int_equal(store_begin(f->st, &err), 0);
    assert_int_equal(store_forum_insert(f->st, "Forum A", 0, &forum_a, &err), 0);
    assert_int_equal(store_forum_insert(f->st, "Forum B", 0, &forum_b, &err), 0);
    assert_int_equal(store_commit(f->st, &err), 0);
    assert_int_equal(app_forum_role_set(f->st, &tester, sec.user_id, forum_a, ROLE_SECRETARY,
                                        &err),
                     0);
    assert_int_equal(app_forum_role_set(f->st, &tester, member.user_id, forum_a, ROLE_MEMBER,
                                        &err),
                     0);
    assert_int_equal(app_forum_role_set(f->st, &tester, member.user_id, forum_b, ROLE_MEMBER,
                                        &err),
                     0);
    /* the administrator's view: 3 users created, 3 roles */
    assert_int_equal(count_audit(f, "user", &tester), 3);
    assert_int_equal(count_audit(f, "forum_role", &tester), 3);
    /* the secretary of forum A sees the two rows of forum A only */
    assert_int_equal(count_audit(f, NULL, &sec), 2);
    assert_int_equal(app_audit_list(f->st, f->a, &member, &all, &e, &n, &err), KL_EPERM);
    assert_int_equal(app_audit_list(f->st, f->a, &PRINCIPAL_ANONYMOUS, &all, &e, &n, &err),
                     KL_EPERM);

    assert_int_equal(sqlite3_open(f->t.path, &db), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "UPDATE audit_log SET actor = 'x'", 0, 0, 0),
                         SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit_log", 0, 0, 0), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(count_audit(f, "user", &tester), 3);
}

static void test_failed_change_writes_no_audit_row(void **state)
{
    struct fixture *f = *state;
    struct kl_error err;
    struct user dup = {.login = "anna", .name = "Anna Igen", .email = "a2@example.org"};
    size_t before = count_audit(f, "user", &tester);

    assert_int_equal(app_user_add(f->st, &tester, &dup, PW, NULL, &err), KL_ECONFLICT);
    assert_int_equal(app_user_disable(f->st, &tester, "ghost", 1, &err), KL_ENOTFOUND);
    assert_int_equal(count_audit(f, "user", &tester), before);
}

static void test_proxy_user_must_exist_and_be_enabled(void **state)
{
    struct fixture *f = *state;
    struct principal who;
    struct kl_error err;

    assert_int_equal(app_proxy_resolve(f->st, f->a, "anna", &who, &err), 0);
    assert_int_equal(who.method, AUTH_PROXY);
    assert_false(app_csrf_ok(&who, "anything"));
    assert_int_equal(app_proxy_resolve(f->st, f->a, "mallory", &who, &err), KL_ENOTFOUND);
    assert_int_equal(app_user_disable(f->st, &tester, "anna", 1, &err), 0);
    assert_int_equal(app_proxy_resolve(f->st, f->a, "anna", &who, &err), KL_ENOTFOUND);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_login_starts_a_session_that_resolves),
        T(test_each_login_gets_a_new_token),
        T(test_wrong_password_and_unknown_login_fail_alike),
        T(test_logout_ends_the_session),
        T(test_idle_and_absolute_expiry),
        T(test_forged_and_malformed_tokens_resolve_to_nothing),
        T(test_throttling_delays_even_the_right_password),
        T(test_delays_grow_with_failures),
        T(test_disabled_user_cannot_sign_in_and_loses_sessions),
        T(test_new_password_ends_sessions_and_replaces_the_old),
        T(test_user_fields_are_validated),
        T(test_api_tokens_are_listed_used_and_revoked),
        T(test_audit_log_is_scoped_and_append_only),
        T(test_failed_change_writes_no_audit_row),
        T(test_proxy_user_must_exist_and_be_enabled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

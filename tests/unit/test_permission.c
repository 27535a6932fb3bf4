/* test_permission.c - the one permission decision, app_authorize, over every permission
 * against anonymous, a reader, a member, a chair and a secretary of forum A, the secretary
 * of forum B and an administrator, on a private forum A and a public forum P; and the use
 * cases that ask it (roles, users, the audit log); app_forum_sight agreeing with it for
 * every forum. Forums are created here directly, as the forum use cases come in a later
 * issue. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/account.h"
#include "app/audit.h"
#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/error.h"
#include "store/account.h"
#include "store/audit.h"
#include "store/store.h"
#include "testutil.h"

enum who { ANON, READER, MEMBER, CHAIR, SEC_A, SEC_B, ADMIN, NWHO };

static struct tmpdb t;
static struct store *st;
static struct principal people[NWHO];
static int64_t forum_a, forum_b, forum_public;

static int setup(void **state)
{
    static const char *const logins[NWHO] = {"", "rikke", "morten", "carl", "sofie", "svend",
                                             "adm"};
    const struct principal local = {AUTH_LOCAL, 0, "cli:test", "test", 1, NULL};
    struct kl_error err;
    int64_t id;

    (void)state;
    if (tmpdb_make(&t) || store_open(t.path, STORE_CREATE | STORE_MIGRATE, &st, &err) ||
        store_forum_insert(st, "Forum A", 0, &forum_a, &err) ||
        store_forum_insert(st, "Forum B", 0, &forum_b, &err) ||
        store_forum_insert(st, "Public forum", 1, &forum_public, &err))
        return -1;
    people[ANON] = PRINCIPAL_ANONYMOUS;
    for (int w = READER; w < NWHO; w++) {
        struct user u = {.login = logins[w], .name = logins[w], .email = "x@example.org",
                         .is_admin = w == ADMIN};
        if (app_user_add(st, &local, &u, NULL, &id, &err))
            return -1;
        people[w] = (struct principal){AUTH_SESSION, id, logins[w], logins[w], w == ADMIN, "c"};
    }
    if (store_forum_role_set(st, people[READER].user_id, forum_a, ROLE_READER, &err) ||
        store_forum_role_set(st, people[MEMBER].user_id, forum_a, ROLE_MEMBER, &err) ||
        store_forum_role_set(st, people[CHAIR].user_id, forum_a, ROLE_CHAIR, &err) ||
        store_forum_role_set(st, people[SEC_A].user_id, forum_a, ROLE_SECRETARY, &err) ||
        store_forum_role_set(st, people[SEC_B].user_id, forum_b, ROLE_SECRETARY, &err))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    tmpdb_remove(&t);
    return 0;
}

/* expected[who] for permission p on forum f: 1 allowed, 0 denied. */
static void expect(enum permission p, int64_t f, const int expected[NWHO])
{
    for (int w = 0; w < NWHO; w++) {
        struct kl_error err;
        int rc = app_authorize(st, &people[w], p, f, &err);
        if ((rc == 0) != expected[w])
            fail_msg("%s on forum %lld as %s: expected %s, got %d (%s)", permission_name(p),
                     (long long)f, people[w].login[0] ? people[w].login : "anonymous",
                     expected[w] ? "allowed" : "denied", rc, err.msg);
        if (rc && rc != KL_EPERM)
            fail_msg("%s: unexpected error %d", permission_name(p), rc);
    }
}

static void global_permissions(void **state)
{
    /*                               anon rdr mbr chr secA secB adm */
    const int pub[NWHO] = {1, 1, 1, 1, 1, 1, 1};
    const int signed_in[NWHO] = {0, 1, 1, 1, 1, 1, 1};
    const int admin[NWHO] = {0, 0, 0, 0, 0, 0, 1};
    const int audit[NWHO] = {0, 0, 0, 0, 1, 1, 1};

    (void)state;
    expect(PERM_PUBLIC, 0, pub);
    expect(PERM_SIGNED_IN, 0, signed_in);
    expect(PERM_ADMIN, 0, admin);
    expect(PERM_AUDIT_READ, 0, audit);
}

static void private_forum(void **state)
{
    const int published[NWHO] = {0, 1, 1, 1, 1, 0, 1};
    const int internal[NWHO] = {0, 0, 1, 1, 1, 0, 1};
    const int manage[NWHO] = {0, 0, 0, 0, 1, 0, 1};

    (void)state;
    expect(PERM_FORUM_PUBLISHED, forum_a, published);
    expect(PERM_FORUM_INTERNAL, forum_a, internal);
    expect(PERM_FORUM_PROPOSE, forum_a, internal);
    expect(PERM_FORUM_MANAGE, forum_a, manage);
}

static void other_forum_sees_nothing_unpublished(void **state)
{
    /* forum B: only its secretary (and the administrator); A's people are strangers */
    const int b_only[NWHO] = {0, 0, 0, 0, 0, 1, 1};

    (void)state;
    expect(PERM_FORUM_PUBLISHED, forum_b, b_only);
    expect(PERM_FORUM_INTERNAL, forum_b, b_only);
    expect(PERM_FORUM_PROPOSE, forum_b, b_only);
    expect(PERM_FORUM_MANAGE, forum_b, b_only);
}

static void public_forum_publishes_to_everyone_only(void **state)
{
    const int everyone[NWHO] = {1, 1, 1, 1, 1, 1, 1};
    const int admin[NWHO] = {0, 0, 0, 0, 0, 0, 1};

    (void)state;
    expect(PERM_FORUM_PUBLISHED, forum_public, everyone);
    expect(PERM_FORUM_INTERNAL, forum_public, admin);
    expect(PERM_FORUM_MANAGE, forum_public, admin);
}

static void unknown_forum_is_not_found(void **state)
{
    struct kl_error err;

    (void)state;
    assert_int_equal(app_authorize(st, &people[ADMIN], PERM_FORUM_INTERNAL, 9999, &err),
                     KL_ENOTFOUND);
    assert_int_equal(app_authorize(st, &people[ANON], PERM_FORUM_PUBLISHED, 9999, &err),
                     KL_ENOTFOUND);
}

/* app_forum_sight answers for every forum what app_authorize answers forum by forum, for
 * each principal in turn (one principal's answer never shows in the next one's), and
 * follows a change of role at once (nothing is kept between calls). */
static void forum_sight_is_the_decision_for_every_forum(void **state)
{
    const int order[] = {ADMIN, ANON, SEC_A, READER, SEC_B, MEMBER, CHAIR, ANON, ADMIN};
    struct forum_sight *fs;
    struct kl_error err;
    size_t n;

    (void)state;
    for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
        const struct principal *who = &people[order[k]];
        struct arena *a = arena_new(0);

        assert_int_equal(app_forum_sight(st, a, who, NULL, &fs, &n, &err), 0);
        assert_int_equal(n, 3);
        for (size_t i = 0; i < n; i++) {
            int internal = app_authorize(st, who, PERM_FORUM_INTERNAL, fs[i].forum_id, &err);
            int published = app_authorize(st, who, PERM_FORUM_PUBLISHED, fs[i].forum_id, &err);
            if (fs[i].internal != (internal == 0) || fs[i].published != (published == 0))
                fail_msg("forum %lld as %s: sight %d/%d, app_authorize %d/%d",
                         (long long)fs[i].forum_id, who->login[0] ? who->login : "anonymous",
                         fs[i].internal, fs[i].published, internal, published);
        }
        arena_free(a);
    }
    /* a new role counts on the next call, and only for its user */
    {
        struct arena *a = arena_new(0);
        int seen = 0;

        assert_int_equal(store_forum_role_set(st, people[SEC_B].user_id, forum_a, ROLE_MEMBER,
                                              &err), 0);
        assert_int_equal(app_forum_sight(st, a, &people[SEC_B], NULL, &fs, &n, &err), 0);
        for (size_t i = 0; i < n; i++)
            if (fs[i].forum_id == forum_a)
                seen = fs[i].internal;
        assert_true(seen);
        assert_int_equal(app_forum_sight(st, a, &people[READER], NULL, &fs, &n, &err), 0);
        for (size_t i = 0; i < n; i++)
            if (fs[i].forum_id == forum_a)
                assert_false(fs[i].internal);
        assert_int_equal(store_forum_role_set(st, people[SEC_B].user_id, forum_a, ROLE_NONE,
                                              &err), 0);
        assert_int_equal(app_forum_sight(st, a, &people[SEC_B], NULL, &fs, &n, &err), 0);
        for (size_t i = 0; i < n; i++)
            if (fs[i].forum_id == forum_a)
                assert_false(fs[i].published);
        arena_free(a);
    }
}

static void use_cases_ask_the_decision(void **state)
{
    struct user u = {.login = "intruder", .name = "I", .email = "i@example.org", .is_admin = 1};
    struct audit_filter f = {0};
    struct audit_entry *e;
    struct kl_error err;
    struct arena *a = arena_new(0);
    size_t n;

    (void)state;
    /* only an administrator adds users or disables them */
    assert_int_equal(app_user_add(st, &people[SEC_A], &u, NULL, NULL, &err), KL_EPERM);
    assert_int_equal(app_user_disable(st, &people[MEMBER], "rikke", 1, &err), KL_EPERM);
    /* the secretary of A manages A's roles, not B's; nobody else does */
    assert_int_equal(app_forum_role_set(st, &people[SEC_A], people[READER].user_id, forum_a,
                                        ROLE_MEMBER, &err), 0);
    assert_int_equal(app_forum_role_set(st, &people[SEC_A], people[READER].user_id, forum_b,
                                        ROLE_MEMBER, &err), KL_EPERM);
    assert_int_equal(app_forum_role_set(st, &people[CHAIR], people[READER].user_id, forum_a,
                                        ROLE_SECRETARY, &err), KL_EPERM);
    assert_int_equal(app_forum_role_set(st, &people[SEC_A], people[READER].user_id, forum_a,
                                        ROLE_READER, &err), 0);
    /* the audit log: A's secretary sees A's rows only, a member nothing */
    assert_int_equal(app_audit_list(st, a, &people[SEC_A], &f, &e, &n, &err), 0);
    assert_true(n >= 2);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(e[i].forum_id, forum_a);
    assert_int_equal(app_audit_list(st, a, &people[SEC_B], &f, &e, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(app_audit_list(st, a, &people[MEMBER], &f, &e, &n, &err), KL_EPERM);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(global_permissions),
        cmocka_unit_test(private_forum),
        cmocka_unit_test(other_forum_sees_nothing_unpublished),
        cmocka_unit_test(public_forum_publishes_to_everyone_only),
        cmocka_unit_test(unknown_forum_is_not_found),
        cmocka_unit_test(forum_sight_is_the_decision_for_every_forum),
        cmocka_unit_test(use_cases_ask_the_decision),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

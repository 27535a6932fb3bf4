/* test_store.c - opening the SQLite store: creation, migrations, version and identity
 * checks, transactions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "core/error.h"
#include "store/store.h"
#include "testdb.h"
#include "testutil.h"

static int setup(void **state)
{
    static struct tmpdb t;
    if (tmpdb_make(&t))
        return -1;
    *state = &t;
    return 0;
}

static int teardown(void **state)
{
    tmpdb_remove(*state);
    return 0;
}

static void test_create_applies_every_migration(void **state)
{
    struct tmpdb *t = *state;
    struct store *st;
    struct kl_error err;

    assert_int_equal(store_open(t->path, STORE_CREATE | STORE_MIGRATE, &st, &err), 0);
    assert_int_equal(store_schema_version(st), store_schema_latest());
    assert_int_equal(store_ping(st, &err), 0);
    store_close(st);
    assert_int_equal(raw_int(t->path, "SELECT count(*) FROM schema_migrations"),
                     store_schema_latest());
    assert_int_equal(raw_int(t->path, "PRAGMA user_version"), store_schema_latest());
    assert_int_equal(
        raw_int(t->path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
}

static void test_reopen_needs_no_migration(void **state)
{
    struct tmpdb *t = *state;
    struct store *st;
    struct kl_error err;

    assert_int_equal(store_open(t->path, STORE_CREATE | STORE_MIGRATE, &st, &err), 0);
    store_close(st);
    assert_int_equal(store_open(t->path, 0, &st, &err), 0);
    assert_int_equal(store_schema_version(st), store_schema_latest());
    store_close(st);
}

static void test_missing_file_is_not_created_without_flag(void **state)
{
    struct tmpdb *t = *state;
    struct store *st;
    struct kl_error err;

    assert_int_equal(store_open(t->path, 0, &st, &err), KL_ENOTFOUND);
    assert_null(st);
    assert_non_null(strstr(err.msg, "klynge init"));
    assert_int_equal(access(t->path, F_OK), -1);
}

static void test_newer_schema_is_refused(void **state)
{
    struct tmpdb *t = *state;
    struct store *st;
    struct kl_error err;
    char sql[64];

    assert_int_equal(store_open(t->path, STORE_CREATE | STORE_MIGRATE, &st, &err), 0);
    store_close(st);
    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", store_schema_latest() + 1);
    raw_exec(t->path, sql);
    assert_int_equal(store_open(t->path, STORE_MIGRATE, &st, &err), KL_EVERSION);
    assert_null(st);
    assert_non_null(strstr(err.msg, "newer"));
}

static void test_older_schema_is_upgraded_only_when_asked(void **state)
{
    struct tmpdb *t = *state;
    struct store *st;
    struct kl_error err;

    /* an empty klynge database at version 0, as a crashed first start could leave */
    raw_exec(t->path, "PRAGMA application_id = 1263291975");
    assert_int_equal(store_open(t->path, 0, &st, &err), KL_EVERSION);
    assert_non_null(strstr(err.msg, "older"));
    assert_int_equal(store_open(t->path, STORE_MIGRATE, &st, &err), 0);
    assert_int_equal(store_schema_version(st), store_schema_latest());
    store_close(st);
}

static void test_foreign_database_is_refused_untouched(void **state)
{
    struct tmpdb *t = *state;
    struct store *st;
    struct kl_error err;

    raw_exec(t->path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    assert_int_equal(store_open(t->path, STORE_CREATE | STORE_MIGRATE, &st, &err), KL_EVERSION);
    assert_non_null(strstr(err.msg, "not a klynge database"));
    assert_int_equal(raw_int(t->path, "SELECT count(*) FROM sqlite_schema"), 1);
}

static void test_rollback_discards_the_transaction(void **state)
{
    struct tmpdb *t = *state;
    struct store *st;
    struct kl_error err;

    assert_int_equal(store_open(t->path, STORE_CREATE | STORE_MIGRATE, &st, &err), 0);
    assert_int_equal(store_begin(st, &err), 0);
    store_rollback(st);
    assert_int_equal(store_begin(st, &err), 0);
    assert_int_equal(store_commit(st, &err), 0);
    store_rollback(st); /* no transaction open: harmless */
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_applies_every_migration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen_needs_no_migration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file_is_not_created_without_flag, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_newer_schema_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_older_schema_is_upgraded_only_when_asked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_foreign_database_is_refused_untouched, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rollback_discards_the_transaction, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

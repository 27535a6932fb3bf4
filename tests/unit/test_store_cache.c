/* test_store_cache.c - the statements a connection keeps prepared (store_prepare_cached,
 * store_finish, store_reset_statements): lent again reset and unbound, never holding a
 * read snapshot once reset, and beyond the cache's size prepared and finalized as usual. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "core/error.h"
#include "store/store.h"
#include "store/store_impl.h"
#include "testutil.h"

static const char echo_sql[] = "SELECT ?1";
static const char count_sql[] = "SELECT count(*) FROM probe";
static const char rows_sql[] = "SELECT x FROM probe ORDER BY x";

static int setup(void **state)
{
    static struct tmpdb t;
    struct store *st;
    struct kl_error err;

    if (tmpdb_make(&t) || store_open(t.path, STORE_CREATE | STORE_MIGRATE, &st, &err))
        return -1;
    if (store_exec(st, "CREATE TABLE probe (x INTEGER); INSERT INTO probe VALUES (1), (2), (3);",
                   &err, "probe")) {
        store_close(st);
        return -1;
    }
    store_close(st);
    *state = &t;
    return 0;
}

static int teardown(void **state)
{
    tmpdb_remove(*state);
    return 0;
}

static int count(struct store *st)
{
    sqlite3_stmt *s;
    struct kl_error err;
    int n;

    assert_int_equal(store_prepare_cached(st, count_sql, &s, &err, "counting"), 0);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    n = sqlite3_column_int(s, 0);
    store_finish(st, s);
    return n;
}

static void test_a_cached_statement_is_lent_again_reset_and_unbound(void **state)
{
    struct tmpdb *t = *state;
    struct store *st;
    struct kl_error err;
    sqlite3_stmt *s, *again;

    assert_int_equal(store_open(t->path, 0, &st, &err), 0);
    assert_int_equal(store_prepare_cached(st, echo_sql, &s, &err, "echo"), 0);
    sqlite3_bind_int(s, 1, 42);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 42);
    store_finish(st, s);
    assert_int_equal(store_prepare_cached(st, echo_sql, &again, &err, "echo"), 0);
    assert_ptr_equal(again, s);
    assert_int_equal(sqlite3_step(again), SQLITE_ROW);
    assert_int_equal(sqlite3_column_type(again, 0), SQLITE_NULL); /* the 42 is gone */
    store_finish(st, again);
    store_close(st); /* finalizes it: LeakSanitizer would see it otherwise */
}

static void test_a_reset_statement_holds_no_snapshot(void **state)
{
    struct tmpdb *t = *state;
    struct store *st, *other;
    struct kl_error err;
    sqlite3_stmt *s;

    assert_int_equal(store_open(t->path, 0, &st, &err), 0);
    assert_int_equal(store_open(t->path, 0, &other, &err), 0);
    /* a handler that stopped half-way through its rows keeps the connection's snapshot */
    assert_int_equal(store_prepare_cached(st, rows_sql, &s, &err, "rows"), 0);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(store_exec(other, "INSERT INTO probe VALUES (4)", &err, "insert"), 0);
    assert_int_equal(count(st), 3);
    /* the pool resets it when the connection comes back: the next request sees the row */
    store_reset_statements(st);
    assert_int_equal(count(st), 4);
    assert_int_equal(store_prepare_cached(st, rows_sql, &s, &err, "rows"), 0);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 1); /* from the first row again */
    store_finish(st, s);
    store_close(other);
    store_close(st);
}

static void test_beyond_the_cache_statements_are_prepared_and_finalized(void **state)
{
    static const char sql[STORE_CACHED + 2][16] = {
        "SELECT 0", "SELECT 1", "SELECT 2", "SELECT 3", "SELECT 4", "SELECT 5", "SELECT 6",
        "SELECT 7", "SELECT 8", "SELECT 9", "SELECT 10", "SELECT 11", "SELECT 12", "SELECT 13"};
    struct tmpdb *t = *state;
    struct store *st;
    struct kl_error err;
    sqlite3_stmt *s, *first = NULL;

    assert_int_equal(store_open(t->path, 0, &st, &err), 0);
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < STORE_CACHED + 2; i++) {
            assert_int_equal(store_prepare_cached(st, sql[i], &s, &err, "select"), 0);
            assert_int_equal(sqlite3_step(s), SQLITE_ROW);
            assert_int_equal(sqlite3_column_int(s, 0), i);
            if (i == 0 && round == 0)
                first = s;
            if (i == 0 && round == 1)
                assert_ptr_equal(s, first); /* still cached */
            store_finish(st, s); /* beyond the cache: finalized, else a leak */
        }
    assert_int_equal(store_ping(st, &err), 0);
    store_finish(st, NULL);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_cached_statement_is_lent_again_reset_and_unbound,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_reset_statement_holds_no_snapshot, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_beyond_the_cache_statements_are_prepared_and_finalized, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

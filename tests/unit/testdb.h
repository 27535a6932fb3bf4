/* testdb.h - unit test helpers that reach the database file through a connection of their
 * own, as an older program or another tool would. Include after cmocka.h. */
#ifndef KL_TESTDB_H
#define KL_TESTDB_H

#include <sqlite3.h>

/* Runs sql (statements without rows) on the file at path; fails the test on an error. */
static inline void raw_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* The first column of the first row of sql on the file at path; fails the test when
 * there is no row. */
static inline int raw_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    int v;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

#endif

/* store_impl.h - what the SQLite store's files share: the connection struct and small
 * statement helpers. Private to src/store. */
#ifndef KL_STORE_IMPL_H
#define KL_STORE_IMPL_H

#include <sqlite3.h>
#include <stdint.h>

struct kl_error;
struct arena;

/* PRAGMA application_id of a klynge database: "KLNG". */
#define KLYNGE_APPLICATION_ID 0x4B4C4E47

struct store {
    sqlite3 *db;
    int version;
};

/* Fills err with KL_EDB: "WHAT: sqlite's message". Returns KL_EDB. */
int store_db_error(struct store *st, struct kl_error *err, const char *what);

/* Prepares sql. Returns 0 or KL_EDB naming what. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **out, struct kl_error *err,
                  const char *what);

/* A copy of column col of the current row in arena a ("" for NULL unless null_ok, then
 * NULL). Returns NULL only when the arena is exhausted. */
char *store_col_text(sqlite3_stmt *s, int col, struct arena *a, int null_ok);

/* Binds text (NULL binds SQL NULL). Returns sqlite's result code. */
int store_bind_text(sqlite3_stmt *s, int idx, const char *text);

/* Runs sql that returns no rows (for schema statements). Returns 0 or KL_EDB. */
int store_exec(struct store *st, const char *sql, struct kl_error *err, const char *what);

/* Migrations (migrations.c): applies pending ones in one transaction. */
int store_migrate(struct store *st, struct kl_error *err);

#endif

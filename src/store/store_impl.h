/* store_impl.h - what the SQLite store's files share: the connection struct and small
 * statement helpers. Private to src/store. */
#ifndef KL_STORE_IMPL_H
#define KL_STORE_IMPL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

struct kl_error;
struct arena;

/* PRAGMA application_id of a klynge database: "KLNG". */
#define KLYNGE_APPLICATION_ID 0x4B4C4E47

/* Statements a connection keeps prepared (store_prepare_cached). */
#define STORE_CACHED 12

struct store {
    sqlite3 *db;
    int version;
    struct {
        const char *sql;    /* the key: the address of a static string */
        sqlite3_stmt *stmt;
    } cached[STORE_CACHED];
    int ncached;
};

/* Fills err with KL_EDB: "WHAT: sqlite's message". Returns KL_EDB. */
int store_db_error(struct store *st, struct kl_error *err, const char *what);

/* Prepares sql. Returns 0 or KL_EDB naming what. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **out, struct kl_error *err,
                  const char *what);

/* Like store_prepare, for a hot statement: sql must have static storage duration (its
 * address is the key). Lends the connection's own prepared copy, kept from an earlier
 * call (reset, no bindings), or prepares one and keeps it; when STORE_CACHED are kept
 * already, a new one that store_finish finalizes. Preparing the search's statements took
 * a fifth of its CPU (docs/search.md, Speed). The caller ends the use with store_finish
 * (or a helper below that finishes), never sqlite3_finalize. Not for a statement that a
 * caller up the stack may be stepping through: both would be lent the same one. */
int store_prepare_cached(struct store *st, const char *sql, sqlite3_stmt **out,
                         struct kl_error *err, const char *what);

/* Ends the use of s: one of the connection's cached statements is reset and its bindings
 * cleared for the next caller; any other is finalized. NULL is ignored. */
void store_finish(struct store *st, sqlite3_stmt *s);

/* A copy of column col of the current row in arena a ("" for NULL unless null_ok, then
 * NULL). Returns NULL only when the arena is exhausted. */
char *store_col_text(sqlite3_stmt *s, int col, struct arena *a, int null_ok);

/* Binds text (NULL binds SQL NULL). Returns sqlite's result code. */
int store_bind_text(sqlite3_stmt *s, int idx, const char *text);

/* Runs sql that returns no rows (for schema statements). Returns 0 or KL_EDB. */
int store_exec(struct store *st, const char *sql, struct kl_error *err, const char *what);

/* The current time as stored text, in SQL. */
#define STORE_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* Row helpers (rows.c). */

/* Grows *arr (of elem bytes each, *cap slots) in arena a so that one more than n fits.
 * Returns 0 or KL_ENOMEM. */
int store_grow(struct arena *a, void **arr, size_t *cap, size_t n, size_t elem);

/* Column col as a day number; if_null when NULL or not an ISO date. */
int32_t store_col_date(sqlite3_stmt *s, int col, int32_t if_null);

/* Binds day d as ISO text, or NULL when d is DATE_OPEN. */
int store_bind_date(sqlite3_stmt *s, int idx, int32_t d);

/* Binds v, or NULL when v is 0 (an optional reference). */
int store_bind_ref(sqlite3_stmt *s, int idx, int64_t v);

/* Steps a statement that returns no rows and finishes it (store_finish). Returns 0;
 * KL_ECONFLICT for a unique or primary key violation ("WHAT: already exists"); KL_EINVAL
 * for a broken foreign key or check ("WHAT: refers to something that does not exist");
 * else KL_EDB. */
int store_step(struct store *st, sqlite3_stmt *s, struct kl_error *err, const char *what);

/* Fills one struct from the current row; -1 when out of memory. */
typedef int (*store_fill_fn)(sqlite3_stmt *s, struct arena *a, void *out);

/* Steps s (bound) expecting one row, read with fill into out, and finishes it;
 * KL_ENOTFOUND "WHAT: not found" when there is none. */
int store_rows_one(struct store *st, sqlite3_stmt *s, struct arena *a, void *out,
                   store_fill_fn fill, struct kl_error *err, const char *what);

/* Steps s to the end, collecting each row with fill into a new arena array of elem-sized
 * structs (*out, *n), and finalizes it. */
int store_rows_all(struct store *st, sqlite3_stmt *s, struct arena *a, void **out, size_t *n,
                   size_t elem, store_fill_fn fill, struct kl_error *err, const char *what);

/* "out of memory reading the database": KL_ENOMEM. */
int store_oom(struct kl_error *err);

/* The condition choosing the forums (alias f) of the cluster whose code is bound to ?1:
 * those linked to it, and those serving its whole region; every forum when ?1 is NULL. */
#define STORE_FORUM_OF_CLUSTER                                                               \
    "(?1 IS NULL OR EXISTS (SELECT 1 FROM forum_cluster fc JOIN cluster c ON c.id = "     \
    "fc.cluster_id WHERE fc.forum_id = f.id AND c.code = ?1) OR f.region_code = (SELECT " \
    "region_code FROM cluster WHERE code = ?1))"

/* Migrations (migrations.c): applies pending ones in one transaction. */
int store_migrate(struct store *st, struct kl_error *err);

#endif

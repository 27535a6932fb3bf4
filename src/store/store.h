/* store.h - the persistence interface: the only door to the database.
 *
 * SQL lives only below this header. The embedded backend is SQLite 3 in WAL mode with
 * foreign keys on and a busy timeout; a PostgreSQL backend will sit behind the same calls.
 * A struct store is one connection: use it from one thread at a time (the web server opens
 * one per worker thread). Write transactions start with BEGIN IMMEDIATE. */
#ifndef KL_STORE_H
#define KL_STORE_H

#include <stdint.h>

struct kl_error;
struct store;

enum store_flags {
    STORE_CREATE = 1 << 0,  /* create the file (and its directory) if it does not exist */
    STORE_MIGRATE = 1 << 1, /* apply pending schema migrations; without it an out-of-date
                               schema is refused with KL_EVERSION */
};

/* Opens the database at path. A database whose schema is newer than this program knows is
 * refused (KL_EVERSION) with a message naming both versions; so is a file that is not a
 * klynge database. On success *out is a new connection to free with store_close. */
int store_open(const char *path, int flags, struct store **out, struct kl_error *err);

/* Closes the connection. st may be NULL. */
void store_close(struct store *st);

/* The schema version of the open database and the newest this program knows. */
int store_schema_version(struct store *st);
int store_schema_latest(void);

/* Starts a write transaction (BEGIN IMMEDIATE). Returns 0 or KL_EDB. */
int store_begin(struct store *st, struct kl_error *err);

/* Commits the open transaction. Returns 0 or KL_EDB (the transaction is rolled back). */
int store_commit(struct store *st, struct kl_error *err);

/* Rolls back the open transaction, if any. Never fails. */
void store_rollback(struct store *st);

/* Resets the statements the connection keeps prepared, so that none left unfinished
 * holds a read snapshot or a binding into memory that is gone. Never fails. A connection
 * pool calls it when a connection is given back. */
void store_reset_statements(struct store *st);

/* A cheap liveness query for /healthz. Returns 0 or KL_EDB. */
int store_ping(struct store *st, struct kl_error *err);

#endif

/* meeting_impl.h - helpers the SQL files of meetings share (meeting_rows.c): rows into
 * structs, and instants as UTC text. Private to src/store. */
#ifndef KL_STORE_MEETING_IMPL_H
#define KL_STORE_MEETING_IMPL_H

#include "store/store_impl.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct kl_error;

/* Fills one struct from the current row; -1 when out of memory. */
typedef int (*store_fill_fn)(sqlite3_stmt *s, struct arena *a, void *out);

/* Steps s (bound) expecting one row, read with fill into out, and finalizes it;
 * KL_ENOTFOUND "WHAT: not found" when there is none. */
int store_rows_one(struct store *st, sqlite3_stmt *s, struct arena *a, void *out,
                   store_fill_fn fill, struct kl_error *err, const char *what);

/* Steps s to the end, collecting each row with fill into a new arena array of elem-sized
 * structs (*out, *n), and finalizes it. */
int store_rows_all(struct store *st, sqlite3_stmt *s, struct arena *a, void **out, size_t *n,
                   size_t elem, store_fill_fn fill, struct kl_error *err, const char *what);

/* Steps s expecting at most one row of one integer column (*v, 0 when no row or NULL), and
 * finalizes it. */
int store_rows_int(struct store *st, sqlite3_stmt *s, int64_t *v, struct kl_error *err,
                   const char *what);

/* Binds instant t as "YYYY-MM-DDTHH:MM:SSZ", or NULL when t is 0. */
int store_bind_instant(sqlite3_stmt *s, int idx, int64_t t);

/* Column col as an instant; 0 when NULL or malformed. */
int64_t store_col_instant(sqlite3_stmt *s, int col);

/* The current time as stored text, in SQL. */
#define STORE_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

#endif

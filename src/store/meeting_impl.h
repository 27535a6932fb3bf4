/* meeting_impl.h - helpers the SQL files of meetings share (meeting_rows.c): rows into
 * structs, and instants as UTC text. Private to src/store. */
#ifndef KL_STORE_MEETING_IMPL_H
#define KL_STORE_MEETING_IMPL_H

#include "store/store_impl.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct kl_error;

/* Steps s expecting at most one row of one integer column (*v, 0 when no row or NULL), and
 * finalizes it. */
int store_rows_int(struct store *st, sqlite3_stmt *s, int64_t *v, struct kl_error *err,
                   const char *what);

/* Binds instant t as "YYYY-MM-DDTHH:MM:SSZ", or NULL when t is 0. */
int store_bind_instant(sqlite3_stmt *s, int idx, int64_t t);

/* Column col as an instant; 0 when NULL or malformed. */
int64_t store_col_instant(sqlite3_stmt *s, int col);


#endif

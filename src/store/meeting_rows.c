/* meeting_rows.c - helpers the SQL files of meetings share (see meeting_impl.h). */
#include "store/meeting_impl.h"

#include "core/error.h"
#include "model/meeting.h"

int store_rows_one(struct store *st, sqlite3_stmt *s, struct arena *a, void *out,
                   store_fill_fn fill, struct kl_error *err, const char *what)
{
    int rc = sqlite3_step(s);

    if (rc == SQLITE_ROW)
        rc = fill(s, a, out) ? store_oom(err) : 0;
    else if (rc == SQLITE_DONE)
        rc = kl_error_set(err, KL_ENOTFOUND, "%s: not found", what);
    else
        rc = store_db_error(st, err, what);
    sqlite3_finalize(s);
    return rc;
}

int store_rows_all(struct store *st, sqlite3_stmt *s, struct arena *a, void **out, size_t *n,
                   size_t elem, store_fill_fn fill, struct kl_error *err, const char *what)
{
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (store_grow(a, out, &cap, *n, elem) || fill(s, a, (char *)*out + *n * elem)) {
            sqlite3_finalize(s);
            return store_oom(err);
        }
        (*n)++;
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_error(st, err, what);
    sqlite3_finalize(s);
    return rc;
}

int store_rows_int(struct store *st, sqlite3_stmt *s, int64_t *v, struct kl_error *err,
                   const char *what)
{
    int rc = sqlite3_step(s);

    *v = 0;
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int64(s, 0);
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_error(st, err, what);
    sqlite3_finalize(s);
    return rc;
}

int store_bind_instant(sqlite3_stmt *s, int idx, int64_t t)
{
    char text[21];

    if (!t)
        return sqlite3_bind_null(s, idx);
    meeting_format_utc(t, text);
    return sqlite3_bind_text(s, idx, text, -1, SQLITE_TRANSIENT);
}

int64_t store_col_instant(sqlite3_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    int64_t v;

    if (!t || meeting_parse_utc((const char *)t, (size_t)sqlite3_column_bytes(s, col), &v))
        return 0;
    return v;
}

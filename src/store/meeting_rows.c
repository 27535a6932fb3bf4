/* meeting_rows.c - helpers the SQL files of meetings share (see meeting_impl.h). */
#include "store/meeting_impl.h"

#include "core/error.h"
#include "model/meeting.h"

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

/* calendar.c - the SQL of calendar feed tokens (see calendar.h). */
#include "store/calendar.h"
#include "store/account.h"
#include "store/store_impl.h"
#include "core/error.h"

int store_calendar_token_set(struct store *st, int64_t user_id, const unsigned char *hash,
                             struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "INSERT OR REPLACE INTO calendar_token(user_id, token_hash, "
                           "created_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           &s, err, "creating a calendar token");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_blob(s, 2, hash, TOKEN_HASH_BYTES, SQLITE_TRANSIENT);
    return store_step(st, s, err, "creating a calendar token");
}

int store_calendar_token_delete(struct store *st, int64_t user_id, int *removed,
                                struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "DELETE FROM calendar_token WHERE user_id = ?", &s, err,
                           "revoking a calendar token");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    rc = store_step(st, s, err, "revoking a calendar token");
    if (rc == 0)
        *removed = sqlite3_changes(st->db) > 0;
    return rc;
}

int store_calendar_token_user(struct store *st, const unsigned char *hash, int64_t *user_id,
                              struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "UPDATE calendar_token SET last_used_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE token_hash = ? "
                           "RETURNING user_id",
                           &s, err, "checking a calendar token");
    if (rc)
        return rc;
    sqlite3_bind_blob(s, 1, hash, TOKEN_HASH_BYTES, SQLITE_TRANSIENT);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *user_id = sqlite3_column_int64(s, 0);
        rc = 0;
    } else {
        rc = rc == SQLITE_DONE ? kl_error_set(err, KL_ENOTFOUND, "no such calendar")
                               : store_db_error(st, err, "checking a calendar token");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_calendar_token_exists(struct store *st, int64_t user_id, int *has,
                                struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT 1 FROM calendar_token WHERE user_id = ?", &s, err,
                           "reading a calendar token");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    rc = sqlite3_step(s);
    *has = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = 0;
    else
        rc = store_db_error(st, err, "reading a calendar token");
    sqlite3_finalize(s);
    return rc;
}

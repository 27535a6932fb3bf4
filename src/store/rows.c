/* rows.c - small helpers the SQL files share: arrays in arenas, dates as ISO text,
 * optional references, and statements that return no rows. */
#include "store/store_impl.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "model/org.h"

#include <string.h>

int store_grow(struct arena *a, void **arr, size_t *cap, size_t n, size_t elem)
{
    void *p;
    size_t ncap;

    if (n < *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 16;
    p = arena_alloc(a, ncap * elem);
    if (!p)
        return KL_ENOMEM;
    if (n)
        memcpy(p, *arr, n * elem);
    *arr = p;
    *cap = ncap;
    return 0;
}

int32_t store_col_date(sqlite3_stmt *s, int col, int32_t if_null)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    int32_t d;

    if (!t)
        return if_null;
    if (date_parse_iso((const char *)t, (size_t)sqlite3_column_bytes(s, col), &d, NULL) != 0)
        return if_null;
    return d;
}

int store_bind_date(sqlite3_stmt *s, int idx, int32_t d)
{
    char iso[11];

    if (d == DATE_OPEN)
        return sqlite3_bind_null(s, idx);
    date_format_iso(d, iso);
    return sqlite3_bind_text(s, idx, iso, -1, SQLITE_TRANSIENT);
}

int store_bind_ref(sqlite3_stmt *s, int idx, int64_t v)
{
    return v ? sqlite3_bind_int64(s, idx, v) : sqlite3_bind_null(s, idx);
}

int store_step(struct store *st, sqlite3_stmt *s, struct kl_error *err, const char *what)
{
    int rc = sqlite3_step(s);

    if (rc == SQLITE_DONE)
        rc = 0;
    else if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        rc = kl_error_set(err, KL_ECONFLICT, "%s: already exists", what);
    else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY || rc == SQLITE_CONSTRAINT_CHECK)
        rc = kl_error_set(err, KL_EINVAL, "%s: refers to something that does not exist, or a "
                          "value is out of range", what);
    else
        rc = store_db_error(st, err, what);
    store_finish(st, s);
    return rc;
}

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
    store_finish(st, s);
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
            store_finish(st, s);
            return store_oom(err);
        }
        (*n)++;
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_error(st, err, what);
    store_finish(st, s);
    return rc;
}

int store_oom(struct kl_error *err)
{
    return kl_error_set(err, KL_ENOMEM, "out of memory reading the database");
}

/* attachment.c - SQL for attachments and their versions, the bytes kept in the database
 * (see meeting.h). */
#include "store/meeting.h"
#include "store/meeting_impl.h"
#include "store/store.h"

#include "core/arena.h"
#include "core/error.h"

#include <limits.h>
#include <string.h>

#define INFO_COLS                                                                            \
    "a.id, a.item_id, a.title, v.version, "                                                  \
    "(SELECT count(*) FROM attachment_version c WHERE c.attachment_id = a.id), "             \
    "v.filename, v.content_type, v.size, v.sha256, v.uploaded_at, v.uploaded_by"
#define LATEST                                                                               \
    "(SELECT max(l.version) FROM attachment_version l WHERE l.attachment_id = a.id)"

static int fill_info(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct attachment_info *i = out;

    memset(i, 0, sizeof(*i));
    i->id = sqlite3_column_int64(s, 0);
    i->item_id = sqlite3_column_int64(s, 1);
    i->title = store_col_text(s, 2, a, 0);
    i->version = sqlite3_column_int(s, 3);
    i->nversions = sqlite3_column_int(s, 4);
    i->filename = store_col_text(s, 5, a, 0);
    i->content_type = store_col_text(s, 6, a, 0);
    i->size = sqlite3_column_int64(s, 7);
    i->sha256 = store_col_text(s, 8, a, 0);
    i->uploaded_at = store_col_instant(s, 9);
    i->uploaded_by = store_col_text(s, 10, a, 0);
    return i->title && i->filename && i->content_type && i->sha256 && i->uploaded_by ? 0 : -1;
}

int store_attachment_insert(struct store *st, int64_t item_id, const char *title, int64_t *id,
                            struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO attachment (item_id, title, created_at) VALUES "
                               "(?, ?, " STORE_NOW ")",
                           &s, err, "adding an attachment");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, item_id);
    store_bind_text(s, 2, title);
    rc = store_step(st, s, err, "adding an attachment");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_attachment_add_version(struct store *st, int64_t attachment_id, const char *filename,
                                 const char *content_type, const void *data, size_t size,
                                 const char *sha256, const char *uploaded_by, int *version,
                                 struct kl_error *err)
{
    sqlite3_stmt *s;
    int64_t v;
    int rc;

    if (size > INT_MAX)
        return kl_error_set(err, KL_ELIMIT, "an attachment of %zu bytes is too large to store",
                            size);
    rc = store_prepare(st, "INSERT INTO attachment_version (attachment_id, version, filename, "
                           "content_type, size, sha256, content, uploaded_at, uploaded_by) "
                           "VALUES (?1, (SELECT COALESCE(max(version), 0) + 1 FROM "
                           "attachment_version WHERE attachment_id = ?1), ?2, ?3, ?4, ?5, ?6, "
                           STORE_NOW ", ?7)",
                       &s, err, "storing an attachment");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, attachment_id);
    store_bind_text(s, 2, filename);
    store_bind_text(s, 3, content_type);
    sqlite3_bind_int64(s, 4, (int64_t)size);
    store_bind_text(s, 5, sha256);
    sqlite3_bind_blob(s, 6, data, (int)size, SQLITE_STATIC);
    store_bind_text(s, 7, uploaded_by);
    if ((rc = store_step(st, s, err, "storing an attachment")))
        return rc;
    rc = store_prepare(st, "SELECT version FROM attachment_version WHERE id = ?", &s, err,
                       "storing an attachment");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, sqlite3_last_insert_rowid(st->db));
    rc = store_rows_int(st, s, &v, err, "storing an attachment");
    if (version)
        *version = (int)v;
    return rc;
}

int store_attachment_delete(struct store *st, int64_t id, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "DELETE FROM attachment_version WHERE attachment_id = ?", &s, err,
                           "deleting an attachment");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = store_step(st, s, err, "deleting an attachment")))
        return rc;
    if ((rc = store_prepare(st, "DELETE FROM attachment WHERE id = ?", &s, err,
                            "deleting an attachment")))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    rc = store_step(st, s, err, "deleting an attachment");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "attachment %lld: not found", (long long)id);
    return rc;
}

int store_attachment_get(struct store *st, struct arena *a, int64_t id, int version,
                         struct attachment_info *out, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " INFO_COLS " FROM attachment a JOIN attachment_version v "
                               "ON v.attachment_id = a.id WHERE a.id = ?1 AND v.version = "
                               "CASE WHEN ?2 = 0 THEN " LATEST " ELSE ?2 END",
                           &s, err, "reading an attachment");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, version);
    return store_rows_one(st, s, a, out, fill_info, err, "attachment");
}

int store_attachment_list(struct store *st, struct arena *a, int64_t item_id,
                          struct attachment_info **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " INFO_COLS " FROM attachment a JOIN attachment_version v "
                               "ON v.attachment_id = a.id AND v.version = " LATEST
                               " WHERE a.item_id = ? ORDER BY a.id",
                           &s, err, "listing attachments");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, item_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_info, err,
                          "listing attachments");
}

int store_attachment_versions(struct store *st, struct arena *a, int64_t id,
                              struct attachment_info **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " INFO_COLS " FROM attachment a JOIN attachment_version v "
                               "ON v.attachment_id = a.id WHERE a.id = ? ORDER BY v.version DESC",
                           &s, err, "listing versions of an attachment");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_info, err,
                          "listing versions of an attachment");
}

int store_attachment_content(struct store *st, struct arena *a, int64_t id, int version,
                             const unsigned char **data, size_t *size, struct kl_error *err)
{
    sqlite3_stmt *s;
    unsigned char *copy;
    int rc = store_prepare(st, "SELECT v.content FROM attachment a JOIN attachment_version v ON "
                               "v.attachment_id = a.id WHERE a.id = ?1 AND v.version = CASE WHEN "
                               "?2 = 0 THEN " LATEST " ELSE ?2 END",
                           &s, err, "reading an attachment");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, version);
    *data = NULL;
    *size = 0;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        const void *blob = sqlite3_column_blob(s, 0);
        size_t n = (size_t)sqlite3_column_bytes(s, 0);
        copy = arena_alloc(a, n ? n : 1);
        if (!copy) {
            rc = store_oom(err);
        } else {
            if (n)
                memcpy(copy, blob, n);
            *data = copy;
            *size = n;
            rc = 0;
        }
    } else if (rc == SQLITE_DONE) {
        rc = kl_error_set(err, KL_ENOTFOUND, "attachment %lld version %d: not found",
                          (long long)id, version);
    } else {
        rc = store_db_error(st, err, "reading an attachment");
    }
    sqlite3_finalize(s);
    return rc;
}

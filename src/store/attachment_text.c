/* attachment_text.c - SQL for the extracted text of attachments (see attachment_text.h). */
#include "store/attachment_text.h"

#include "store/store.h"
#include "store/store_impl.h"

#include "core/arena.h"
#include "core/error.h"

#include <stdint.h>

#include <sqlite3.h>

int store_attachment_text_set(struct store *st, int64_t attachment_id, int version,
                              const char *status, const char *text, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "INSERT INTO attachment_text (attachment_id, version, status, text,"
                           " extracted_at) SELECT id, ?2, ?3, ?4, " STORE_NOW
                           " FROM attachment WHERE id = ?1"
                           " ON CONFLICT (attachment_id) DO UPDATE SET version = excluded.version,"
                           " status = excluded.status, text = excluded.text,"
                           " extracted_at = excluded.extracted_at"
                           " WHERE excluded.version >= attachment_text.version",
                           &s, err, "storing an attachment's text");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, attachment_id);
    sqlite3_bind_int(s, 2, version);
    store_bind_text(s, 3, status);
    store_bind_text(s, 4, text);
    return store_step(st, s, err, "storing an attachment's text");
}

static int fill_id(sqlite3_stmt *s, struct arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = sqlite3_column_int64(s, 0);
    return 0;
}

int store_attachment_text_missing(struct store *st, struct arena *a, size_t max,
                                  int64_t **ids, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT a.id FROM attachment a JOIN attachment_version v"
                           " ON v.attachment_id = a.id AND v.version = (SELECT max(l.version)"
                           "  FROM attachment_version l WHERE l.attachment_id = a.id)"
                           " WHERE v.content_type = 'application/pdf' AND NOT EXISTS"
                           " (SELECT 1 FROM attachment_text t WHERE t.attachment_id = a.id"
                           "  AND t.version >= v.version)"
                           " ORDER BY a.id LIMIT ?1",
                           &s, err, "reading attachments without text");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)max);
    return store_rows_all(st, s, a, (void **)ids, n, sizeof **ids, fill_id, err,
                          "reading attachments without text");
}

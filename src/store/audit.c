/* audit.c - SQL of the audit log. */
#include "store/audit.h"
#include "store/store_impl.h"

#include "core/arena.h"
#include "core/error.h"

#include <string.h>

int store_audit_add(struct store *st, const struct audit_entry *e, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "INSERT INTO audit_log(at, actor_user_id, actor, entity, entity_id, "
                           "action, forum_id, before_json, after_json) VALUES ("
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?, ?, ?, ?, ?, ?)",
                           &s, err, "writing the audit log");
    if (rc)
        return rc;
    if (e->actor_user_id)
        sqlite3_bind_int64(s, 1, e->actor_user_id);
    else
        sqlite3_bind_null(s, 1);
    store_bind_text(s, 2, e->actor);
    store_bind_text(s, 3, e->entity);
    store_bind_text(s, 4, e->entity_id);
    store_bind_text(s, 5, e->action);
    if (e->forum_id)
        sqlite3_bind_int64(s, 6, e->forum_id);
    else
        sqlite3_bind_null(s, 6);
    store_bind_text(s, 7, e->before_json);
    store_bind_text(s, 8, e->after_json);
    rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_db_error(st, err, "writing the audit log");
    sqlite3_finalize(s);
    return rc;
}

int store_audit_list(struct store *st, struct arena *a, const struct audit_filter *f,
                     struct audit_entry **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    size_t limit = f->limit ? f->limit : 100, cap = limit < 1024 ? limit : 1024;
    int rc = store_prepare(
        st,
        "SELECT id, at, actor_user_id, actor, entity, entity_id, action, forum_id, "
        "before_json, after_json FROM audit_log "
        "WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR entity = ?2) "
        "AND (?3 = 0 OR forum_id IN (SELECT forum_id FROM forum_role "
        "                            WHERE user_id = ?3 AND role = 'secretary')) "
        "AND (?4 = 0 OR id < ?4) "
        "ORDER BY id DESC LIMIT ?5",
        &s, err, "reading the audit log");
    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    store_bind_text(s, 1, f->since);
    store_bind_text(s, 2, f->entity);
    sqlite3_bind_int64(s, 3, f->secretary_user_id);
    sqlite3_bind_int64(s, 4, f->before_id);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)limit);
    *out = arena_calloc(a, cap, sizeof(**out));
    if (!*out) {
        sqlite3_finalize(s);
        return kl_error_set(err, KL_ENOMEM, "out of memory reading the audit log");
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct audit_entry *e;
        if (*n == cap) {
            struct audit_entry *p = arena_calloc(a, cap * 2, sizeof(*p));
            if (!p) {
                sqlite3_finalize(s);
                return kl_error_set(err, KL_ENOMEM, "out of memory reading the audit log");
            }
            memcpy(p, *out, cap * sizeof(*p));
            *out = p;
            cap *= 2;
        }
        e = &(*out)[(*n)++];
        e->id = sqlite3_column_int64(s, 0);
        e->at = store_col_text(s, 1, a, 0);
        e->actor_user_id = sqlite3_column_int64(s, 2);
        e->actor = store_col_text(s, 3, a, 0);
        e->entity = store_col_text(s, 4, a, 0);
        e->entity_id = store_col_text(s, 5, a, 0);
        e->action = store_col_text(s, 6, a, 0);
        e->forum_id = sqlite3_column_int64(s, 7);
        e->before_json = store_col_text(s, 8, a, 1);
        e->after_json = store_col_text(s, 9, a, 1);
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_error(st, err, "reading the audit log");
    sqlite3_finalize(s);
    return rc;
}

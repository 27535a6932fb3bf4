/* meeting.c - SQL for meetings (see meeting.h). */
#include "store/meeting.h"
#include "store/meeting_impl.h"
#include "store/store.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "model/org.h"

#include <string.h>

#define MEETING_COLS                                                                         \
    "m.id, m.forum_id, f.name, m.kind, m.status, m.title, m.starts_at, m.ends_at, m.place, " \
    "m.chair_person_id, p.name, m.parent_id, m.theme, m.site_visit, m.agenda_published_at, " \
    "m.late_reason, m.minutes_published_at, m.cancel_reason, m.approval, m.approved_at, "    \
    "m.approved_in, m.approved_on, f.publish_days"
#define MEETING_FROM                                                                         \
    " FROM meeting m JOIN forum f ON f.id = m.forum_id"                                      \
    " LEFT JOIN person p ON p.id = m.chair_person_id"

/* A meeting that counts as one of the forum's meetings: not a pre-meeting, not cancelled. */
#define REAL_MEETING " m.kind <> 'pre_meeting' AND m.status <> 'cancelled' "

static int fill_meeting(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct meeting *m = out;

    memset(m, 0, sizeof(*m));
    m->id = sqlite3_column_int64(s, 0);
    m->forum_id = sqlite3_column_int64(s, 1);
    m->forum_name = store_col_text(s, 2, a, 0);
    m->kind = (enum meeting_kind)meeting_kind_parse((const char *)sqlite3_column_text(s, 3));
    m->status =
        (enum meeting_status)meeting_status_parse((const char *)sqlite3_column_text(s, 4));
    m->title = store_col_text(s, 5, a, 0);
    m->starts_at = store_col_instant(s, 6);
    m->ends_at = store_col_instant(s, 7);
    m->place = store_col_text(s, 8, a, 0);
    m->chair_person_id = sqlite3_column_int64(s, 9);
    m->chair_name = store_col_text(s, 10, a, 0);
    m->parent_id = sqlite3_column_int64(s, 11);
    m->theme = store_col_text(s, 12, a, 0);
    m->site_visit = store_col_text(s, 13, a, 0);
    m->agenda_published_at = store_col_instant(s, 14);
    m->late_reason = store_col_text(s, 15, a, 0);
    m->minutes_published_at = store_col_instant(s, 16);
    m->cancel_reason = store_col_text(s, 17, a, 0);
    m->approval =
        (enum minutes_approval)minutes_approval_parse((const char *)sqlite3_column_text(s, 18));
    m->approved_at = store_col_instant(s, 19);
    m->approved_in = sqlite3_column_int64(s, 20);
    m->approved_on = store_col_date(s, 21, DATE_OPEN);
    m->publish_days = sqlite3_column_int(s, 22);
    return m->forum_name && m->title && m->place && m->chair_name && m->theme &&
                   m->site_visit && m->late_reason && m->cancel_reason ? 0 : -1;
}

/* Binds the meeting's own fields from index 1: title, starts_at, ends_at, day, place,
 * chair, theme, site visit. */
static void bind_meeting(sqlite3_stmt *s, const struct meeting *m)
{
    store_bind_text(s, 1, m->title ? m->title : "");
    store_bind_instant(s, 2, m->starts_at);
    store_bind_instant(s, 3, m->ends_at);
    store_bind_date(s, 4, meeting_cph_day(m->starts_at));
    store_bind_text(s, 5, m->place ? m->place : "");
    store_bind_ref(s, 6, m->chair_person_id);
    store_bind_text(s, 7, m->theme ? m->theme : "");
    store_bind_text(s, 8, m->site_visit ? m->site_visit : "");
}

int store_meeting_insert(struct store *st, const struct meeting *m, int64_t *id,
                         struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO meeting (title, starts_at, ends_at, day, place, "
                               "chair_person_id, theme, site_visit, forum_id, kind, parent_id, "
                               "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " STORE_NOW
                               ")",
                           &s, err, "adding a meeting");
    if (rc)
        return rc;
    bind_meeting(s, m);
    sqlite3_bind_int64(s, 9, m->forum_id);
    store_bind_text(s, 10, meeting_kind_name(m->kind));
    store_bind_ref(s, 11, m->parent_id);
    rc = store_step(st, s, err, "adding a meeting");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_meeting_update(struct store *st, const struct meeting *m, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE meeting SET title = ?, starts_at = ?, ends_at = ?, "
                               "day = ?, place = ?, chair_person_id = ?, theme = ?, "
                               "site_visit = ? WHERE id = ?",
                           &s, err, "changing a meeting");
    if (rc)
        return rc;
    bind_meeting(s, m);
    sqlite3_bind_int64(s, 9, m->id);
    rc = store_step(st, s, err, "changing a meeting");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "meeting %lld: not found", (long long)m->id);
    return rc;
}

int store_meeting_set_status(struct store *st, int64_t id, enum meeting_status status,
                             int64_t at, const char *text, struct kl_error *err)
{
    const char *sql;
    sqlite3_stmt *s;
    int rc;

    switch (status) {
    case MEETING_AGENDA_PUBLISHED:
        sql = "UPDATE meeting SET status = ?1, agenda_published_at = ?2, late_reason = ?3 "
              "WHERE id = ?4";
        break;
    case MEETING_MINUTES_PUBLISHED:
        sql = "UPDATE meeting SET status = ?1, minutes_published_at = ?2 WHERE id = ?4";
        break;
    case MEETING_CANCELLED:
        sql = "UPDATE meeting SET status = ?1, cancel_reason = ?3 WHERE id = ?4";
        break;
    default:
        sql = "UPDATE meeting SET status = ?1 WHERE id = ?4";
        break;
    }
    if ((rc = store_prepare(st, sql, &s, err, "changing a meeting's status")))
        return rc;
    store_bind_text(s, 1, meeting_status_name(status));
    store_bind_instant(s, 2, at);
    store_bind_text(s, 3, text ? text : "");
    sqlite3_bind_int64(s, 4, id);
    rc = store_step(st, s, err, "changing a meeting's status");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "meeting %lld: not found", (long long)id);
    return rc;
}

int store_meeting_set_approval(struct store *st, int64_t id, enum minutes_approval how,
                               int64_t at, int64_t in_meeting, int32_t on_day,
                               struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE meeting SET approval = ?, approved_at = ?, "
                               "approved_in = ?, approved_on = ? WHERE id = ?",
                           &s, err, "recording the approval of minutes");
    if (rc)
        return rc;
    store_bind_text(s, 1, minutes_approval_name(how));
    store_bind_instant(s, 2, how == APPROVAL_NONE ? 0 : at);
    store_bind_ref(s, 3, how == APPROVAL_MEETING ? in_meeting : 0);
    store_bind_date(s, 4, how == APPROVAL_CIRCULATION ? on_day : DATE_OPEN);
    sqlite3_bind_int64(s, 5, id);
    rc = store_step(st, s, err, "recording the approval of minutes");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "meeting %lld: not found", (long long)id);
    return rc;
}

int store_meeting_get(struct store *st, struct arena *a, int64_t id, struct meeting *out,
                      struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " MEETING_COLS MEETING_FROM " WHERE m.id = ?", &s, err,
                           "reading a meeting");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_meeting, err, "meeting");
}

int store_meeting_list(struct store *st, struct arena *a, const struct meeting_query *q,
                       struct meeting **out, size_t *n, struct kl_error *err)
{
    struct buf sql;
    sqlite3_stmt *s;
    int rc, idx;

    *out = NULL;
    *n = 0;
    if (q->forum_ids && q->nforums == 0)
        return 0;
    if (q->nforums > 1000)
        return kl_error_set(err, KL_ELIMIT, "listing meetings: at most 1000 forums at a time");
    buf_init(&sql, 0);
    rc = buf_puts(&sql, "SELECT " MEETING_COLS MEETING_FROM
                        " WHERE (?1 = 0 OR m.day >= ?2) AND (?3 IS NULL OR m.day <= ?3)"
                        " AND (?4 = 1 OR m.status <> 'cancelled')"
                        " AND (?5 = 1 OR m.kind <> 'pre_meeting')"
                        " AND (?6 = 0 OR m.parent_id = ?6)"
                        " AND (?7 IS NULL OR EXISTS (SELECT 1 FROM forum_cluster fc JOIN cluster"
                        " c ON c.id = fc.cluster_id WHERE fc.forum_id = f.id AND c.code = ?7)"
                        " OR f.region_code = (SELECT region_code FROM cluster WHERE code = ?7))");
    if (rc == 0 && q->forum_ids) {
        rc = buf_puts(&sql, " AND m.forum_id IN (");
        for (size_t i = 0; rc == 0 && i < q->nforums; i++)
            rc = buf_puts(&sql, i ? ", ?" : "?");
        if (rc == 0)
            rc = buf_puts(&sql, ")");
    }
    if (rc == 0)
        rc = buf_puts(&sql, " ORDER BY m.starts_at, f.name COLLATE da, m.id");
    if (rc) {
        buf_free(&sql);
        return store_oom(err);
    }
    rc = store_prepare(st, buf_cstr(&sql), &s, err, "listing meetings");
    buf_free(&sql);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, q->from_day != DATE_OPEN && q->from_day != 0);
    store_bind_date(s, 2, q->from_day ? q->from_day : DATE_OPEN);
    store_bind_date(s, 3, q->to_day);
    sqlite3_bind_int(s, 4, q->include_cancelled ? 1 : 0);
    sqlite3_bind_int(s, 5, q->include_pre_meetings ? 1 : 0);
    sqlite3_bind_int64(s, 6, q->parent_id);
    store_bind_text(s, 7, q->cluster_code);
    idx = 8;
    for (size_t i = 0; q->forum_ids && i < q->nforums; i++)
        sqlite3_bind_int64(s, idx++, q->forum_ids[i]);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_meeting, err,
                          "listing meetings");
}

int store_meeting_next_open(struct store *st, int64_t forum_id, int64_t after, int64_t *id,
                            struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT m.id FROM meeting m WHERE m.forum_id = ? AND" REAL_MEETING
                               "AND m.starts_at > ? AND m.status IN ('planned', 'agenda_draft') "
                               "ORDER BY m.starts_at, m.id LIMIT 1",
                           &s, err, "finding the next meeting");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, forum_id);
    store_bind_instant(s, 2, after);
    return store_rows_int(st, s, id, err, "finding the next meeting");
}

int store_meeting_previous(struct store *st, int64_t forum_id, int64_t before, int64_t *id,
                           struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT m.id FROM meeting m WHERE m.forum_id = ? AND" REAL_MEETING
                               "AND m.starts_at < ? ORDER BY m.starts_at DESC, m.id DESC LIMIT 1",
                           &s, err, "finding the previous meeting");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, forum_id);
    store_bind_instant(s, 2, before);
    return store_rows_int(st, s, id, err, "finding the previous meeting");
}

int store_meeting_on_day(struct store *st, int64_t forum_id, enum meeting_kind kind,
                         int32_t day, int64_t *id, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT id FROM meeting WHERE forum_id = ? AND kind = ? AND "
                               "day = ? AND status <> 'cancelled' ORDER BY id LIMIT 1",
                           &s, err, "finding a meeting by day");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, forum_id);
    store_bind_text(s, 2, meeting_kind_name(kind));
    store_bind_date(s, 3, day);
    return store_rows_int(st, s, id, err, "finding a meeting by day");
}

int store_person_of_user(struct store *st, int64_t user_id, int64_t *person_id,
                         struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc;

    *person_id = 0;
    if (user_id <= 0)
        return 0;
    rc = store_prepare(st, "SELECT id FROM person WHERE user_id = ?", &s, err,
                       "finding a user's person");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    return store_rows_int(st, s, person_id, err, "finding a user's person");
}

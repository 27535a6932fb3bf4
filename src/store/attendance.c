/* attendance.c - SQL for attendance rows and for the approvers of minutes by circulation
 * (see meeting.h). */
#include "store/meeting.h"
#include "store/meeting_impl.h"
#include "store/store.h"

#include "core/arena.h"
#include "core/error.h"
#include "model/org.h"

#include <string.h>

#define ATTENDANCE_COLS                                                                      \
    "a.id, a.meeting_id, a.person_id, a.kind, a.status, a.organisation_id, a.substitute_for, " \
    "a.item_id, a.note, a.absence_registered_at, p.name, o.name, sp.name, i.number"
#define ATTENDANCE_FROM                                                                      \
    " FROM attendance a JOIN person p ON p.id = a.person_id"                                 \
    " LEFT JOIN organisation o ON o.id = a.organisation_id"                                  \
    " LEFT JOIN person sp ON sp.id = a.substitute_for"                                       \
    " LEFT JOIN agenda_item i ON i.id = a.item_id"

static int fill_attendance(sqlite3_stmt *s, struct arena *ar, void *out)
{
    struct attendance *a = out;

    memset(a, 0, sizeof(*a));
    a->id = sqlite3_column_int64(s, 0);
    a->meeting_id = sqlite3_column_int64(s, 1);
    a->person_id = sqlite3_column_int64(s, 2);
    a->kind = (enum attendance_kind)attendance_kind_parse((const char *)sqlite3_column_text(s, 3));
    a->status =
        (enum attendance_status)attendance_status_parse((const char *)sqlite3_column_text(s, 4));
    a->organisation_id = sqlite3_column_int64(s, 5);
    a->substitute_for = sqlite3_column_int64(s, 6);
    a->item_id = sqlite3_column_int64(s, 7);
    a->note = store_col_text(s, 8, ar, 0);
    a->absence_registered_at = store_col_instant(s, 9);
    a->person_name = store_col_text(s, 10, ar, 0);
    a->organisation_name = store_col_text(s, 11, ar, 0);
    a->substitute_for_name = store_col_text(s, 12, ar, 0);
    a->item_number = sqlite3_column_int(s, 13);
    return a->note && a->person_name && a->organisation_name && a->substitute_for_name ? 0 : -1;
}

int store_attendance_put(struct store *st, const struct attendance *a, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO attendance (meeting_id, person_id, kind, status, "
                               "organisation_id, substitute_for, item_id, note, "
                               "absence_registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                               "ON CONFLICT (meeting_id, person_id) DO UPDATE SET "
                               "kind = excluded.kind, status = excluded.status, "
                               "organisation_id = excluded.organisation_id, "
                               "substitute_for = excluded.substitute_for, "
                               "item_id = excluded.item_id, note = excluded.note, "
                               "absence_registered_at = excluded.absence_registered_at",
                           &s, err, "recording attendance");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, a->meeting_id);
    sqlite3_bind_int64(s, 2, a->person_id);
    store_bind_text(s, 3, attendance_kind_name(a->kind));
    store_bind_text(s, 4, attendance_status_name(a->status));
    store_bind_ref(s, 5, a->organisation_id);
    store_bind_ref(s, 6, a->substitute_for);
    store_bind_ref(s, 7, a->item_id);
    store_bind_text(s, 8, a->note ? a->note : "");
    store_bind_instant(s, 9, a->absence_registered_at);
    return store_step(st, s, err, "recording attendance");
}

int store_attendance_delete(struct store *st, int64_t meeting_id, int64_t person_id,
                            struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "DELETE FROM attendance WHERE meeting_id = ? AND person_id = ?",
                           &s, err, "removing attendance");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, meeting_id);
    sqlite3_bind_int64(s, 2, person_id);
    return store_step(st, s, err, "removing attendance");
}

int store_attendance_get(struct store *st, struct arena *ar, int64_t meeting_id,
                         int64_t person_id, struct attendance *out, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ATTENDANCE_COLS ATTENDANCE_FROM
                               " WHERE a.meeting_id = ? AND a.person_id = ?",
                           &s, err, "reading attendance");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, meeting_id);
    sqlite3_bind_int64(s, 2, person_id);
    return store_rows_one(st, s, ar, out, fill_attendance, err, "attendance");
}

int store_attendance_list(struct store *st, struct arena *ar, int64_t meeting_id,
                          struct attendance **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ATTENDANCE_COLS ATTENDANCE_FROM
                               " WHERE a.meeting_id = ? ORDER BY p.name COLLATE da, a.id",
                           &s, err, "listing attendance");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, meeting_id);
    return store_rows_all(st, s, ar, (void **)out, n, sizeof(**out), fill_attendance, err,
                          "listing attendance");
}

static int fill_approver(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct minutes_approver *m = out;

    m->person_id = sqlite3_column_int64(s, 0);
    m->name = store_col_text(s, 1, a, 0);
    m->approved_on = store_col_date(s, 2, DATE_OPEN);
    return m->name ? 0 : -1;
}

int store_approver_put(struct store *st, int64_t meeting_id, int64_t person_id, int32_t day,
                       struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO minutes_approver (meeting_id, person_id, "
                               "approved_on) VALUES (?, ?, ?) ON CONFLICT (meeting_id, "
                               "person_id) DO UPDATE SET approved_on = excluded.approved_on",
                           &s, err, "recording an approval");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, meeting_id);
    sqlite3_bind_int64(s, 2, person_id);
    store_bind_date(s, 3, day);
    return store_step(st, s, err, "recording an approval");
}

int store_approver_list(struct store *st, struct arena *a, int64_t meeting_id,
                        struct minutes_approver **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT p.id, p.name, m.approved_on FROM minutes_approver m "
                               "JOIN person p ON p.id = m.person_id WHERE m.meeting_id = ? "
                               "ORDER BY p.name COLLATE da, p.id",
                           &s, err, "listing approvals");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, meeting_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_approver, err,
                          "listing approvals");
}

/* followup.c - SQL for follow-ups and referrals (see meeting.h). */
#include "store/meeting.h"
#include "store/meeting_impl.h"
#include "store/store.h"

#include "core/arena.h"
#include "core/error.h"
#include "model/org.h"

#include <string.h>

/* Follow-ups. */

#define FOLLOWUP_COLS                                                                        \
    "f.id, f.item_id, f.forum_id, i.meeting_id, i.title, i.closed, f.what, "                 \
    "f.owner_person_id, f.owner_organisation_id, f.owner_forum_id, "                         \
    "COALESCE(op.name, oo.name, ofo.name), f.due_on, f.status, f.bring_back, "               \
    "(SELECT max(b.id) FROM agenda_item b WHERE b.origin_followup_id = f.id), "              \
    "f.created_at, f.closed_at, "                                                            \
    "(SELECT m.status FROM meeting m WHERE m.id = i.meeting_id) = 'minutes_published'"
#define FOLLOWUP_FROM                                                                        \
    " FROM followup f JOIN agenda_item i ON i.id = f.item_id"                                \
    " LEFT JOIN person op ON op.id = f.owner_person_id"                                      \
    " LEFT JOIN organisation oo ON oo.id = f.owner_organisation_id"                          \
    " LEFT JOIN forum ofo ON ofo.id = f.owner_forum_id"

static int fill_followup(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct followup *f = out;

    memset(f, 0, sizeof(*f));
    f->id = sqlite3_column_int64(s, 0);
    f->item_id = sqlite3_column_int64(s, 1);
    f->forum_id = sqlite3_column_int64(s, 2);
    f->meeting_id = sqlite3_column_int64(s, 3);
    f->item_title = store_col_text(s, 4, a, 0);
    f->item_closed = sqlite3_column_int(s, 5);
    f->what = store_col_text(s, 6, a, 0);
    f->owner_person_id = sqlite3_column_int64(s, 7);
    f->owner_organisation_id = sqlite3_column_int64(s, 8);
    f->owner_forum_id = sqlite3_column_int64(s, 9);
    f->owner_name = store_col_text(s, 10, a, 0);
    f->due_on = store_col_date(s, 11, DATE_OPEN);
    f->status =
        (enum followup_status)followup_status_parse((const char *)sqlite3_column_text(s, 12));
    f->bring_back = sqlite3_column_int(s, 13);
    f->brought_back_item = sqlite3_column_int64(s, 14);
    f->created_at = store_col_instant(s, 15);
    f->closed_at = store_col_instant(s, 16);
    f->minutes_public = sqlite3_column_int(s, 17);
    return f->item_title && f->what && f->owner_name ? 0 : -1;
}

/* Binds from index 1: what, the three owners, due day, status, bring_back, closed_at. */
static void bind_followup(sqlite3_stmt *s, const struct followup *f)
{
    store_bind_text(s, 1, f->what);
    store_bind_ref(s, 2, f->owner_person_id);
    store_bind_ref(s, 3, f->owner_organisation_id);
    store_bind_ref(s, 4, f->owner_forum_id);
    store_bind_date(s, 5, f->due_on);
    store_bind_text(s, 6, followup_status_name(f->status));
    sqlite3_bind_int(s, 7, f->bring_back ? 1 : 0);
    store_bind_instant(s, 8, f->closed_at);
}

int store_followup_insert(struct store *st, const struct followup *f, int64_t *id,
                          struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO followup (what, owner_person_id, "
                               "owner_organisation_id, owner_forum_id, due_on, status, "
                               "bring_back, closed_at, item_id, forum_id, created_at) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " STORE_NOW ")",
                           &s, err, "adding a follow-up");
    if (rc)
        return rc;
    bind_followup(s, f);
    sqlite3_bind_int64(s, 9, f->item_id);
    sqlite3_bind_int64(s, 10, f->forum_id);
    rc = store_step(st, s, err, "adding a follow-up");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_followup_update(struct store *st, const struct followup *f, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE followup SET what = ?, owner_person_id = ?, "
                               "owner_organisation_id = ?, owner_forum_id = ?, due_on = ?, "
                               "status = ?, bring_back = ?, closed_at = ? WHERE id = ?",
                           &s, err, "changing a follow-up");
    if (rc)
        return rc;
    bind_followup(s, f);
    sqlite3_bind_int64(s, 9, f->id);
    rc = store_step(st, s, err, "changing a follow-up");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "follow-up %lld: not found", (long long)f->id);
    return rc;
}

int store_followup_get(struct store *st, struct arena *a, int64_t id, struct followup *out,
                       struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " FOLLOWUP_COLS FOLLOWUP_FROM " WHERE f.id = ?", &s, err,
                           "reading a follow-up");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_followup, err, "follow-up");
}

int store_followup_list(struct store *st, struct arena *a, const struct followup_query *q,
                        struct followup **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " FOLLOWUP_COLS FOLLOWUP_FROM
                               " WHERE (?1 = 0 OR f.forum_id = ?1)"
                               " AND (?2 = 0 OR f.owner_person_id = ?2)"
                               " AND (?3 = 0 OR f.item_id = ?3)"
                               " AND (?4 = 0 OR f.status = 'open')"
                               " ORDER BY f.due_on IS NULL, f.due_on, f.id",
                           &s, err, "listing follow-ups");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, q->forum_id);
    sqlite3_bind_int64(s, 2, q->owner_person_id);
    sqlite3_bind_int64(s, 3, q->item_id);
    sqlite3_bind_int(s, 4, q->only_open ? 1 : 0);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_followup, err,
                          "listing follow-ups");
}

/* Referrals. */

#define REFERRAL_COLS                                                                        \
    "r.id, r.item_id, r.from_forum_id, r.to_forum_id, ff.name, tf.name, r.direction, "      \
    "r.title, r.note, r.answer_by, r.status, r.answer, r.answered_at, "                      \
    "(SELECT max(b.id) FROM agenda_item b WHERE b.origin_referral_id = r.id), "              \
    "r.withdraw_reason, r.created_at"
#define REFERRAL_FROM                                                                        \
    " FROM referral r JOIN forum ff ON ff.id = r.from_forum_id"                              \
    " JOIN forum tf ON tf.id = r.to_forum_id"

static int fill_referral(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct referral *r = out;

    memset(r, 0, sizeof(*r));
    r->id = sqlite3_column_int64(s, 0);
    r->item_id = sqlite3_column_int64(s, 1);
    r->from_forum_id = sqlite3_column_int64(s, 2);
    r->to_forum_id = sqlite3_column_int64(s, 3);
    r->from_forum_name = store_col_text(s, 4, a, 0);
    r->to_forum_name = store_col_text(s, 5, a, 0);
    r->direction = (enum referral_direction)referral_direction_parse(
        (const char *)sqlite3_column_text(s, 6));
    r->title = store_col_text(s, 7, a, 0);
    r->note = store_col_text(s, 8, a, 0);
    r->answer_by = store_col_date(s, 9, DATE_OPEN);
    r->status =
        (enum referral_status)referral_status_parse((const char *)sqlite3_column_text(s, 10));
    r->answer = store_col_text(s, 11, a, 0);
    r->answered_at = store_col_instant(s, 12);
    r->taken_up_item = sqlite3_column_int64(s, 13);
    r->withdraw_reason = store_col_text(s, 14, a, 0);
    r->created_at = store_col_instant(s, 15);
    return r->from_forum_name && r->to_forum_name && r->title && r->note && r->answer &&
                   r->withdraw_reason ? 0 : -1;
}

int store_referral_insert(struct store *st, const struct referral *r, int64_t *id,
                          struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO referral (item_id, from_forum_id, to_forum_id, "
                               "direction, title, note, answer_by, created_at) VALUES (?, ?, ?, "
                               "?, ?, ?, ?, " STORE_NOW ")",
                           &s, err, "adding a referral");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, r->item_id);
    sqlite3_bind_int64(s, 2, r->from_forum_id);
    sqlite3_bind_int64(s, 3, r->to_forum_id);
    store_bind_text(s, 4, referral_direction_name(r->direction));
    store_bind_text(s, 5, r->title);
    store_bind_text(s, 6, r->note ? r->note : "");
    store_bind_date(s, 7, r->answer_by);
    rc = store_step(st, s, err, "adding a referral");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_referral_set_status(struct store *st, int64_t id, enum referral_status status,
                              const char *text, int64_t at, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, status == REFERRAL_WITHDRAWN
                                   ? "UPDATE referral SET status = ?1, withdraw_reason = ?2 "
                                     "WHERE id = ?4"
                                   : "UPDATE referral SET status = ?1, answer = ?2, "
                                     "answered_at = ?3 WHERE id = ?4",
                           &s, err, "changing a referral");
    if (rc)
        return rc;
    store_bind_text(s, 1, referral_status_name(status));
    store_bind_text(s, 2, text ? text : "");
    store_bind_instant(s, 3, at);
    sqlite3_bind_int64(s, 4, id);
    rc = store_step(st, s, err, "changing a referral");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "referral %lld: not found", (long long)id);
    return rc;
}

int store_referral_get(struct store *st, struct arena *a, int64_t id, struct referral *out,
                       struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " REFERRAL_COLS REFERRAL_FROM " WHERE r.id = ?", &s, err,
                           "reading a referral");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_referral, err, "referral");
}

int store_referral_list(struct store *st, struct arena *a, const struct referral_query *q,
                        struct referral **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " REFERRAL_COLS REFERRAL_FROM
                               " WHERE (?1 = 0 OR r.to_forum_id = ?1)"
                               " AND (?2 = 0 OR r.from_forum_id = ?2)"
                               " AND (?3 = 0 OR r.item_id = ?3)"
                               " AND (?4 = 0 OR r.status = 'open')"
                               " ORDER BY r.answer_by IS NULL, r.answer_by, r.id",
                           &s, err, "listing referrals");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, q->to_forum_id);
    sqlite3_bind_int64(s, 2, q->from_forum_id);
    sqlite3_bind_int64(s, 3, q->item_id);
    sqlite3_bind_int(s, 4, q->only_open ? 1 : 0);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_referral, err,
                          "listing referrals");
}

/* plan_round.c - SQL for the milestones and funds of initiatives, and for status rounds and
 * their reports (see store/plan.h). */
#include "store/plan.h"
#include "store/meeting_impl.h"
#include "store/store.h"

#include "core/arena.h"
#include "core/error.h"
#include "model/org.h"

#include <stdlib.h>
#include <string.h>

/* Milestones. */

static int fill_milestone(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct milestone *m = out;

    memset(m, 0, sizeof(*m));
    m->id = sqlite3_column_int64(s, 0);
    m->initiative_id = sqlite3_column_int64(s, 1);
    m->title = store_col_text(s, 2, a, 0);
    m->due_on = store_col_date(s, 3, DATE_OPEN);
    m->done_on = store_col_date(s, 4, DATE_OPEN);
    return m->title ? 0 : -1;
}

int store_milestone_insert(struct store *st, const struct milestone *m, int64_t *id,
                           struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO milestone (title, due_on, done_on, initiative_id) "
                               "VALUES (?, ?, ?, ?)",
                           &s, err, "adding a milestone");
    if (rc)
        return rc;
    store_bind_text(s, 1, m->title);
    store_bind_date(s, 2, m->due_on);
    store_bind_date(s, 3, m->done_on);
    sqlite3_bind_int64(s, 4, m->initiative_id);
    rc = store_step(st, s, err, "adding a milestone");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_milestone_update(struct store *st, const struct milestone *m, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE milestone SET title = ?, due_on = ?, done_on = ? "
                               "WHERE id = ?",
                           &s, err, "changing a milestone");
    if (rc)
        return rc;
    store_bind_text(s, 1, m->title);
    store_bind_date(s, 2, m->due_on);
    store_bind_date(s, 3, m->done_on);
    sqlite3_bind_int64(s, 4, m->id);
    rc = store_step(st, s, err, "changing a milestone");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "milestone %lld: not found", (long long)m->id);
    return rc;
}

int store_milestone_get(struct store *st, struct arena *a, int64_t id, struct milestone *out,
                        struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT id, initiative_id, title, due_on, done_on FROM milestone "
                               "WHERE id = ?",
                           &s, err, "reading a milestone");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_milestone, err, "milestone");
}

int store_milestone_list(struct store *st, struct arena *a, int64_t initiative_id,
                         struct milestone **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT id, initiative_id, title, due_on, done_on FROM milestone "
                               "WHERE initiative_id = ? ORDER BY due_on, id",
                           &s, err, "listing milestones");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, initiative_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_milestone, err,
                          "listing milestones");
}

/* Funds. */

#define FUNDS_COLS "initiative_id, year, allocated, spent, carried_in, carried_out"

static void read_funds(sqlite3_stmt *s, struct funds_year *f)
{
    f->initiative_id = sqlite3_column_int64(s, 0);
    f->year = sqlite3_column_int(s, 1);
    f->allocated = sqlite3_column_int64(s, 2);
    f->spent = sqlite3_column_int64(s, 3);
    f->carried_in = sqlite3_column_int64(s, 4);
    f->carried_out = sqlite3_column_int64(s, 5);
}

static int fill_funds(sqlite3_stmt *s, struct arena *a, void *out)
{
    (void)a;
    read_funds(s, out);
    return 0;
}

int store_funds_get(struct store *st, int64_t initiative_id, int year, struct funds_year *out,
                    struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " FUNDS_COLS " FROM initiative_funds "
                               "WHERE initiative_id = ? AND year = ?",
                           &s, err, "reading funds");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, initiative_id);
    sqlite3_bind_int(s, 2, year);
    memset(out, 0, sizeof(*out));
    out->initiative_id = initiative_id;
    out->year = year;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_funds(s, out);
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_error(st, err, "reading funds");
    sqlite3_finalize(s);
    return rc;
}

int store_funds_put(struct store *st, const struct funds_year *f, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT OR REPLACE INTO initiative_funds (" FUNDS_COLS ") "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                           &s, err, "storing funds");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, f->initiative_id);
    sqlite3_bind_int(s, 2, f->year);
    sqlite3_bind_int64(s, 3, f->allocated);
    sqlite3_bind_int64(s, 4, f->spent);
    sqlite3_bind_int64(s, 5, f->carried_in);
    sqlite3_bind_int64(s, 6, f->carried_out);
    return store_step(st, s, err, "storing funds");
}

int store_funds_list(struct store *st, struct arena *a, int64_t initiative_id, int64_t plan_id,
                     struct funds_year **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " FUNDS_COLS " FROM initiative_funds WHERE "
                               "(?1 <> 0 AND initiative_id = ?1) OR (?1 = 0 AND initiative_id "
                               "IN (SELECT id FROM initiative WHERE plan_id = ?2)) "
                               "ORDER BY initiative_id, year",
                           &s, err, "listing funds");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, initiative_id);
    sqlite3_bind_int64(s, 2, plan_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_funds, err,
                          "listing funds");
}

/* Rounds. */

#define ROUND_COLS                                                                           \
    "r.id, r.plan_id, p.forum_id, r.title, r.opened_on, r.due_on, r.fields, r.created_at"
#define ROUND_FROM " FROM status_round r JOIN action_plan p ON p.id = r.plan_id"

static int fill_round(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct status_round *r = out;

    memset(r, 0, sizeof(*r));
    r->id = sqlite3_column_int64(s, 0);
    r->plan_id = sqlite3_column_int64(s, 1);
    r->plan_forum_id = sqlite3_column_int64(s, 2);
    r->title = store_col_text(s, 3, a, 0);
    r->opened_on = store_col_date(s, 4, DATE_OPEN);
    r->due_on = store_col_date(s, 5, DATE_OPEN);
    r->fields = (unsigned)sqlite3_column_int(s, 6);
    r->created_at = store_col_instant(s, 7);
    return r->title ? 0 : -1;
}

int store_status_round_insert(struct store *st, const struct status_round *r, int64_t *id,
                       struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO status_round (plan_id, title, opened_on, due_on, "
                               "fields, created_at) VALUES (?, ?, ?, ?, ?, " STORE_NOW ")",
                           &s, err, "opening a status round");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, r->plan_id);
    store_bind_text(s, 2, r->title);
    store_bind_date(s, 3, r->opened_on);
    store_bind_date(s, 4, r->due_on);
    sqlite3_bind_int(s, 5, (int)r->fields);
    rc = store_step(st, s, err, "opening a status round");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_status_round_get(struct store *st, struct arena *a, int64_t id, struct status_round *out,
                    struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ROUND_COLS ROUND_FROM " WHERE r.id = ?", &s, err,
                           "reading a status round");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_round, err, "status round");
}

int store_status_round_list(struct store *st, struct arena *a, int64_t plan_id,
                     struct status_round **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ROUND_COLS ROUND_FROM
                               " WHERE ?1 = 0 OR r.plan_id = ?1"
                               " ORDER BY r.due_on DESC, r.id DESC",
                           &s, err, "listing status rounds");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, plan_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_round, err,
                          "listing status rounds");
}

/* Reports. */

#define REPORT_COLS                                                                          \
    "s.id, s.round_id, s.initiative_id, i.label, i.title, i.status, i.group_forum_id, "      \
    "r.title, r.due_on, s.extended_to, s.extension_reason, s.submitted_at, s.submitted_by, " \
    "u.name, s.light, s.scope, s.data, s.schedule, s.funds, s.involvement"
#define REPORT_FROM                                                                          \
    " FROM status_report s JOIN status_round r ON r.id = s.round_id"                         \
    " JOIN initiative i ON i.id = s.initiative_id"                                           \
    " LEFT JOIN app_user u ON u.id = s.submitted_by"

static int fill_report(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct status_report *r = out;

    memset(r, 0, sizeof(*r));
    r->id = sqlite3_column_int64(s, 0);
    r->round_id = sqlite3_column_int64(s, 1);
    r->initiative_id = sqlite3_column_int64(s, 2);
    r->label = store_col_text(s, 3, a, 0);
    r->initiative_title = store_col_text(s, 4, a, 0);
    r->initiative_status = (enum initiative_status)initiative_status_parse(
        (const char *)sqlite3_column_text(s, 5));
    r->group_forum_id = sqlite3_column_int64(s, 6);
    r->round_title = store_col_text(s, 7, a, 0);
    r->round_due_on = store_col_date(s, 8, DATE_OPEN);
    r->extended_to = store_col_date(s, 9, DATE_OPEN);
    r->extension_reason = store_col_text(s, 10, a, 0);
    r->submitted_at = store_col_instant(s, 11);
    r->submitted_by = sqlite3_column_int64(s, 12);
    r->submitted_by_name = store_col_text(s, 13, a, 0);
    r->light = (enum status_light)status_light_parse((const char *)sqlite3_column_text(s, 14));
    r->scope = store_col_text(s, 15, a, 0);
    r->data = store_col_text(s, 16, a, 0);
    r->schedule = store_col_text(s, 17, a, 0);
    r->funds = store_col_text(s, 18, a, 0);
    r->involvement = store_col_text(s, 19, a, 0);
    return r->label && r->initiative_title && r->round_title && r->extension_reason &&
                   r->submitted_by_name && r->scope && r->data && r->schedule && r->funds &&
                   r->involvement
               ? 0
               : -1;
}

int store_report_insert(struct store *st, int64_t round_id, int64_t initiative_id,
                        struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO status_report (round_id, initiative_id) "
                               "VALUES (?, ?)",
                           &s, err, "asking for a status report");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, round_id);
    sqlite3_bind_int64(s, 2, initiative_id);
    return store_step(st, s, err, "asking for a status report");
}

int store_report_get(struct store *st, struct arena *a, int64_t id, struct status_report *out,
                     struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " REPORT_COLS REPORT_FROM " WHERE s.id = ?", &s, err,
                           "reading a status report");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_report, err, "status report");
}

static int cmp_report(const void *x, const void *y)
{
    const struct status_report *a = x, *b = y;
    return plan_label_cmp(a->label, b->label);
}

int store_report_list(struct store *st, struct arena *a, int64_t round_id,
                      int64_t initiative_id, struct status_report **out, size_t *n,
                      struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " REPORT_COLS REPORT_FROM
                               " WHERE (?1 <> 0 AND s.round_id = ?1)"
                               " OR (?1 = 0 AND s.initiative_id = ?2)"
                               " ORDER BY r.due_on, r.id",
                           &s, err, "listing status reports");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, round_id);
    sqlite3_bind_int64(s, 2, initiative_id);
    rc = store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_report, err,
                        "listing status reports");
    if (rc == 0 && round_id && *n > 1)
        qsort(*out, *n, sizeof(**out), cmp_report);
    return rc;
}

int store_report_extend(struct store *st, const struct status_report *r, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE status_report SET extended_to = ?, extension_reason = ? "
                               "WHERE id = ?",
                           &s, err, "extending a status report");
    if (rc)
        return rc;
    store_bind_date(s, 1, r->extended_to);
    store_bind_text(s, 2, r->extension_reason ? r->extension_reason : "");
    sqlite3_bind_int64(s, 3, r->id);
    rc = store_step(st, s, err, "extending a status report");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "status report %lld: not found", (long long)r->id);
    return rc;
}

int store_report_submit(struct store *st, const struct status_report *r, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE status_report SET light = ?, scope = ?, data = ?, "
                               "schedule = ?, funds = ?, involvement = ?, submitted_at = ?, "
                               "submitted_by = ? WHERE id = ?",
                           &s, err, "submitting a status report");
    if (rc)
        return rc;
    store_bind_text(s, 1, status_light_name(r->light));
    store_bind_text(s, 2, r->scope ? r->scope : "");
    store_bind_text(s, 3, r->data ? r->data : "");
    store_bind_text(s, 4, r->schedule ? r->schedule : "");
    store_bind_text(s, 5, r->funds ? r->funds : "");
    store_bind_text(s, 6, r->involvement ? r->involvement : "");
    store_bind_instant(s, 7, r->submitted_at);
    store_bind_ref(s, 8, r->submitted_by);
    sqlite3_bind_int64(s, 9, r->id);
    rc = store_step(st, s, err, "submitting a status report");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "status report %lld: not found", (long long)r->id);
    return rc;
}

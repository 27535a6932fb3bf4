/* forum.c - SQL for the full forum record: kind, reporting line, clusters, mandate and its
 * rules, and the order of the co-chair rotation (see people.h). */
#include "store/people.h"
#include "store/store.h"
#include "store/store_impl.h"

#include "core/arena.h"
#include "core/error.h"
#include "model/org.h"

#include <string.h>

#define FORUM_COLS                                                                           \
    "f.id, f.name, f.kind, f.is_public, f.reports_to, r.name, f.region_code, f.task, "      \
    "f.ends_on, f.publish_days, f.min_meetings, f.premeeting_days, f.chair_arrangement, "   \
    "f.rotation_years, f.rotation_start, f.secretariat, f.all_municipalities, "             \
    "f.omit_standard"
#define FORUM_FROM " FROM forum f LEFT JOIN forum r ON r.id = f.reports_to"

static int fill_forum(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct forum *f = out;

    memset(f, 0, sizeof(*f));
    f->id = sqlite3_column_int64(s, 0);
    f->name = store_col_text(s, 1, a, 0);
    f->kind = (enum forum_kind)forum_kind_parse((const char *)sqlite3_column_text(s, 2));
    f->is_public = sqlite3_column_int(s, 3);
    f->reports_to = sqlite3_column_int64(s, 4);
    f->reports_to_name = store_col_text(s, 5, a, 0);
    f->region_code = sqlite3_column_int(s, 6);
    f->task = store_col_text(s, 7, a, 0);
    f->ends_on = store_col_date(s, 8, DATE_OPEN);
    f->mandate.text = "";
    f->mandate.publish_days = sqlite3_column_int(s, 9);
    f->mandate.min_meetings = sqlite3_column_int(s, 10);
    f->mandate.premeeting_days =
        sqlite3_column_type(s, 11) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 11);
    f->mandate.chair_arrangement = store_col_text(s, 12, a, 0);
    f->mandate.rotation_years = sqlite3_column_int(s, 13);
    f->mandate.rotation_start = store_col_date(s, 14, 0);
    f->mandate.secretariat = store_col_text(s, 15, a, 0);
    f->mandate.all_municipalities = sqlite3_column_int(s, 16);
    f->mandate.omit_standard = (unsigned)sqlite3_column_int(s, 17);
    return f->name && f->reports_to_name && f->task && f->mandate.chair_arrangement &&
                   f->mandate.secretariat ? 0 : -1;
}

static void bind_forum(sqlite3_stmt *s, const struct forum *f)
{
    const struct mandate *m = &f->mandate;

    store_bind_text(s, 1, f->name);
    store_bind_text(s, 2, forum_kind_name(f->kind));
    sqlite3_bind_int(s, 3, f->is_public ? 1 : 0);
    store_bind_ref(s, 4, f->reports_to);
    store_bind_ref(s, 5, f->region_code);
    store_bind_text(s, 6, f->task ? f->task : "");
    store_bind_date(s, 7, f->ends_on);
    store_bind_text(s, 8, m->text ? m->text : "");
    sqlite3_bind_int(s, 9, m->publish_days);
    sqlite3_bind_int(s, 10, m->min_meetings);
    if (m->premeeting_days < 0)
        sqlite3_bind_null(s, 11);
    else
        sqlite3_bind_int(s, 11, m->premeeting_days);
    store_bind_text(s, 12, m->chair_arrangement ? m->chair_arrangement : "");
    sqlite3_bind_int(s, 13, m->rotation_years);
    if (m->rotation_years)
        store_bind_date(s, 14, m->rotation_start);
    else
        sqlite3_bind_null(s, 14);
    store_bind_text(s, 15, m->secretariat ? m->secretariat : "");
    sqlite3_bind_int(s, 16, m->all_municipalities ? 1 : 0);
    sqlite3_bind_int(s, 17, (int)(m->omit_standard & MANDATE_STANDARD_ALL));
}

/* Replaces the forum's cluster links and rotation order with f's. */
static int write_links(struct store *st, const struct forum *f, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc;

    if ((rc = store_prepare(st, "DELETE FROM forum_cluster WHERE forum_id = ?", &s, err,
                            "replacing a forum's clusters")))
        return rc;
    sqlite3_bind_int64(s, 1, f->id);
    if ((rc = store_step(st, s, err, "replacing a forum's clusters")))
        return rc;
    for (size_t i = 0; i < f->nclusters; i++) {
        if ((rc = store_prepare(st, "INSERT INTO forum_cluster (forum_id, cluster_id) "
                                    "SELECT ?, id FROM cluster WHERE code = ?",
                                &s, err, "linking a forum to a cluster")))
            return rc;
        sqlite3_bind_int64(s, 1, f->id);
        store_bind_text(s, 2, f->clusters[i]);
        if ((rc = store_step(st, s, err, "linking a forum to a cluster")))
            return rc;
        if (sqlite3_changes(st->db) == 0)
            return kl_error_set(err, KL_EINVAL, "clusters: there is no cluster '%s'",
                                f->clusters[i]);
    }
    if ((rc = store_prepare(st, "DELETE FROM forum_rotation WHERE forum_id = ?", &s, err,
                            "replacing a forum's rotation")))
        return rc;
    sqlite3_bind_int64(s, 1, f->id);
    if ((rc = store_step(st, s, err, "replacing a forum's rotation")))
        return rc;
    for (size_t i = 0; i < f->nrotation; i++) {
        if ((rc = store_prepare(st, "INSERT INTO forum_rotation (forum_id, position, "
                                    "organisation_id) VALUES (?, ?, ?)",
                                &s, err, "saving a forum's rotation")))
            return rc;
        sqlite3_bind_int64(s, 1, f->id);
        sqlite3_bind_int64(s, 2, (int64_t)i);
        sqlite3_bind_int64(s, 3, f->rotation_orgs[i]);
        if ((rc = store_step(st, s, err, "saving a forum's rotation")))
            return rc;
    }
    return 0;
}

int store_forum_create(struct store *st, const struct forum *f, int64_t *id,
                       struct kl_error *err)
{
    struct forum copy = *f;
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO forum (name, kind, is_public, reports_to, "
                               "region_code, task, ends_on, mandate, publish_days, "
                               "min_meetings, premeeting_days, chair_arrangement, "
                               "rotation_years, rotation_start, secretariat, "
                               "all_municipalities, omit_standard, created_at) VALUES (?, ?, "
                               "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                               "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           &s, err, "adding a forum");
    if (rc)
        return rc;
    bind_forum(s, f);
    if ((rc = store_step(st, s, err, "adding a forum")))
        return rc;
    copy.id = sqlite3_last_insert_rowid(st->db);
    if (id)
        *id = copy.id;
    return write_links(st, &copy, err);
}

int store_forum_update(struct store *st, const struct forum *f, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE forum SET name = ?, kind = ?, is_public = ?, "
                               "reports_to = ?, region_code = ?, task = ?, ends_on = ?, "
                               "mandate = ?, publish_days = ?, min_meetings = ?, "
                               "premeeting_days = ?, chair_arrangement = ?, rotation_years = ?, "
                               "rotation_start = ?, secretariat = ?, all_municipalities = ?, "
                               "omit_standard = ? WHERE id = ?",
                           &s, err, "changing a forum");
    if (rc)
        return rc;
    bind_forum(s, f);
    sqlite3_bind_int64(s, 18, f->id);
    if ((rc = store_step(st, s, err, "changing a forum")))
        return rc;
    if (sqlite3_changes(st->db) == 0)
        return kl_error_set(err, KL_ENOTFOUND, "forum %lld: not found", (long long)f->id);
    return write_links(st, f, err);
}

/* Reads the forum's cluster codes and rotation order into f. */
static int read_links(struct store *st, struct arena *a, struct forum *f, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT c.code FROM forum_cluster fc JOIN cluster c ON "
                               "c.id = fc.cluster_id WHERE fc.forum_id = ? ORDER BY c.code",
                           &s, err, "reading a forum's clusters");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, f->id);
    f->nclusters = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && f->nclusters < FORUM_MAX_CLUSTERS)
        if (!(f->clusters[f->nclusters++] = store_col_text(s, 0, a, 0))) {
            sqlite3_finalize(s);
            return store_oom(err);
        }
    sqlite3_finalize(s);
    if ((rc = store_prepare(st, "SELECT organisation_id FROM forum_rotation WHERE forum_id = ? "
                                "ORDER BY position",
                            &s, err, "reading a forum's rotation")))
        return rc;
    sqlite3_bind_int64(s, 1, f->id);
    f->nrotation = 0;
    while (sqlite3_step(s) == SQLITE_ROW && f->nrotation < FORUM_MAX_ROTATION)
        f->rotation_orgs[f->nrotation++] = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return 0;
}

int store_forum_get(struct store *st, struct arena *a, int64_t id, struct forum *out,
                    struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " FORUM_COLS ", f.mandate" FORUM_FROM " WHERE f.id = ?",
                           &s, err, "reading a forum");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        rc = fill_forum(s, a, out) ? store_oom(err) : 0;
        if (rc == 0 && !(out->mandate.text = store_col_text(s, 18, a, 0)))
            rc = store_oom(err);
    } else {
        rc = rc == SQLITE_DONE ? kl_error_set(err, KL_ENOTFOUND, "forum %lld: not found",
                                              (long long)id)
                               : store_db_error(st, err, "reading a forum");
    }
    sqlite3_finalize(s);
    return rc ? rc : read_links(st, a, out, err);
}

int store_forum_list(struct store *st, struct arena *a, const char *cluster_code,
                     struct forum **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " FORUM_COLS FORUM_FROM " WHERE " STORE_FORUM_OF_CLUSTER
                               " ORDER BY f.name COLLATE da, f.id",
                           &s, err, "listing forums");
    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    store_bind_text(s, 1, cluster_code);
    rc = store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_forum, err,
                        "listing forums");
    for (size_t i = 0; rc == 0 && i < *n; i++)
        rc = read_links(st, a, &(*out)[i], err);
    return rc;
}

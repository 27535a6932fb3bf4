/* plan.c - SQL for action plans, initiatives and their links to indicators and agenda items
 * (see store/plan.h; milestones, funds, rounds and reports are in plan_round.c). */
#include "store/plan.h"
#include "store/meeting_impl.h"
#include "store/store.h"

#include "core/arena.h"
#include "core/error.h"
#include "model/org.h"

#include <stdlib.h>
#include <string.h>

/* Plans. */

#define PLAN_COLS                                                                            \
    "p.id, p.forum_id, f.name, p.title, p.starts_on, p.ends_on, p.approved_item_id, "        \
    "p.funds_rule, p.created_at, (SELECT count(*) FROM initiative i WHERE i.plan_id = p.id)"
#define PLAN_FROM " FROM action_plan p JOIN forum f ON f.id = p.forum_id"

static int fill_plan(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct action_plan *p = out;

    memset(p, 0, sizeof(*p));
    p->id = sqlite3_column_int64(s, 0);
    p->forum_id = sqlite3_column_int64(s, 1);
    p->forum_name = store_col_text(s, 2, a, 0);
    p->title = store_col_text(s, 3, a, 0);
    p->starts_on = store_col_date(s, 4, DATE_OPEN);
    p->ends_on = store_col_date(s, 5, DATE_OPEN);
    p->approved_item_id = sqlite3_column_int64(s, 6);
    p->funds_rule = store_col_text(s, 7, a, 0);
    p->created_at = store_col_instant(s, 8);
    p->ninitiatives = (size_t)sqlite3_column_int64(s, 9);
    return p->forum_name && p->title && p->funds_rule ? 0 : -1;
}

/* Binds from index 1: title, starts_on, ends_on, approved item, funds rule. */
static void bind_plan(sqlite3_stmt *s, const struct action_plan *p)
{
    store_bind_text(s, 1, p->title);
    store_bind_date(s, 2, p->starts_on);
    store_bind_date(s, 3, p->ends_on);
    store_bind_ref(s, 4, p->approved_item_id);
    store_bind_text(s, 5, p->funds_rule ? p->funds_rule : "");
}

int store_plan_insert(struct store *st, const struct action_plan *p, int64_t *id,
                      struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO action_plan (title, starts_on, ends_on, "
                               "approved_item_id, funds_rule, forum_id, created_at) VALUES "
                               "(?, ?, ?, ?, ?, ?, " STORE_NOW ")",
                           &s, err, "adding an action plan");
    if (rc)
        return rc;
    bind_plan(s, p);
    sqlite3_bind_int64(s, 6, p->forum_id);
    rc = store_step(st, s, err, "adding an action plan");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_plan_update(struct store *st, const struct action_plan *p, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE action_plan SET title = ?, starts_on = ?, ends_on = ?, "
                               "approved_item_id = ?, funds_rule = ? WHERE id = ?",
                           &s, err, "changing an action plan");
    if (rc)
        return rc;
    bind_plan(s, p);
    sqlite3_bind_int64(s, 6, p->id);
    rc = store_step(st, s, err, "changing an action plan");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "action plan %lld: not found", (long long)p->id);
    return rc;
}

int store_plan_get(struct store *st, struct arena *a, int64_t id, struct action_plan *out,
                   struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " PLAN_COLS PLAN_FROM " WHERE p.id = ?", &s, err,
                           "reading an action plan");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_plan, err, "action plan");
}

int store_plan_list(struct store *st, struct arena *a, int64_t forum_id,
                    struct action_plan **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " PLAN_COLS PLAN_FROM
                               " WHERE ?1 = 0 OR p.forum_id = ?1"
                               " ORDER BY p.starts_on DESC, p.id DESC",
                           &s, err, "listing action plans");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, forum_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_plan, err,
                          "listing action plans");
}

/* Initiatives. */

#define INITIATIVE_COLS                                                                      \
    "i.id, i.plan_id, p.title, p.forum_id, i.label, i.title, i.description, i.targets, "     \
    "i.group_forum_id, g.name, i.responsible_person_id, r.name, i.process, i.status, "       \
    "i.status_reason, i.user_involvement, i.involvement_how, i.data_plan, i.origin_id, "     \
    "i.offered_at, i.created_at, "                                                           \
    "(SELECT s.light FROM status_report s JOIN status_round o ON o.id = s.round_id"          \
    "  WHERE s.initiative_id = i.id AND s.submitted_at IS NOT NULL"                          \
    "  ORDER BY o.due_on DESC, o.id DESC LIMIT 1), "                                         \
    "(SELECT group_concat(c.code, ',') FROM forum_cluster fc JOIN cluster c"                 \
    "  ON c.id = fc.cluster_id WHERE fc.forum_id = p.forum_id)"
#define INITIATIVE_FROM                                                                      \
    " FROM initiative i JOIN action_plan p ON p.id = i.plan_id"                              \
    " LEFT JOIN forum g ON g.id = i.group_forum_id"                                          \
    " LEFT JOIN person r ON r.id = i.responsible_person_id"

static int fill_initiative(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct initiative *in = out;

    memset(in, 0, sizeof(*in));
    in->id = sqlite3_column_int64(s, 0);
    in->plan_id = sqlite3_column_int64(s, 1);
    in->plan_title = store_col_text(s, 2, a, 0);
    in->plan_forum_id = sqlite3_column_int64(s, 3);
    in->label = store_col_text(s, 4, a, 0);
    in->title = store_col_text(s, 5, a, 0);
    in->description = store_col_text(s, 6, a, 0);
    in->targets = (unsigned)sqlite3_column_int(s, 7);
    in->group_forum_id = sqlite3_column_int64(s, 8);
    in->group_name = store_col_text(s, 9, a, 0);
    in->responsible_person_id = sqlite3_column_int64(s, 10);
    in->responsible_name = store_col_text(s, 11, a, 0);
    in->process = (enum initiative_process)initiative_process_parse(
        (const char *)sqlite3_column_text(s, 12));
    in->status = (enum initiative_status)initiative_status_parse(
        (const char *)sqlite3_column_text(s, 13));
    in->status_reason = store_col_text(s, 14, a, 0);
    in->user_involvement = sqlite3_column_int(s, 15);
    in->involvement_how = store_col_text(s, 16, a, 0);
    in->data_plan = store_col_text(s, 17, a, 0);
    in->origin_id = sqlite3_column_int64(s, 18);
    in->offered_at = store_col_instant(s, 19);
    in->created_at = store_col_instant(s, 20);
    in->latest_light = store_col_text(s, 21, a, 0);
    in->cluster_codes = store_col_text(s, 22, a, 0);
    return in->plan_title && in->label && in->title && in->description && in->group_name &&
                   in->responsible_name && in->status_reason && in->involvement_how &&
                   in->data_plan && in->latest_light && in->cluster_codes
               ? 0
               : -1;
}

/* Binds from index 1 the fields an update writes: label, title, description, targets,
 * group, responsible, process, status, reason, involvement, how, data plan, offered_at. */
static void bind_initiative(sqlite3_stmt *s, const struct initiative *in)
{
    store_bind_text(s, 1, in->label);
    store_bind_text(s, 2, in->title);
    store_bind_text(s, 3, in->description ? in->description : "");
    sqlite3_bind_int(s, 4, (int)in->targets);
    store_bind_ref(s, 5, in->group_forum_id);
    store_bind_ref(s, 6, in->responsible_person_id);
    store_bind_text(s, 7, initiative_process_name(in->process));
    store_bind_text(s, 8, initiative_status_name(in->status));
    store_bind_text(s, 9, in->status_reason ? in->status_reason : "");
    sqlite3_bind_int(s, 10, in->user_involvement ? 1 : 0);
    store_bind_text(s, 11, in->involvement_how ? in->involvement_how : "");
    store_bind_text(s, 12, in->data_plan ? in->data_plan : "");
    store_bind_instant(s, 13, in->offered_at);
}

int store_initiative_insert(struct store *st, const struct initiative *in, int64_t *id,
                            struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO initiative (label, title, description, targets, "
                               "group_forum_id, responsible_person_id, process, status, "
                               "status_reason, user_involvement, involvement_how, data_plan, "
                               "offered_at, plan_id, origin_id, created_at) VALUES (?, ?, ?, "
                               "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " STORE_NOW ")",
                           &s, err, "adding an initiative");
    if (rc)
        return rc;
    bind_initiative(s, in);
    sqlite3_bind_int64(s, 14, in->plan_id);
    store_bind_ref(s, 15, in->origin_id);
    rc = store_step(st, s, err, "adding an initiative");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_initiative_update(struct store *st, const struct initiative *in,
                            struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE initiative SET label = ?, title = ?, description = ?, "
                               "targets = ?, group_forum_id = ?, responsible_person_id = ?, "
                               "process = ?, status = ?, status_reason = ?, "
                               "user_involvement = ?, involvement_how = ?, data_plan = ?, "
                               "offered_at = ? WHERE id = ?",
                           &s, err, "changing an initiative");
    if (rc)
        return rc;
    bind_initiative(s, in);
    sqlite3_bind_int64(s, 14, in->id);
    rc = store_step(st, s, err, "changing an initiative");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "initiative %lld: not found", (long long)in->id);
    return rc;
}

int store_initiative_get(struct store *st, struct arena *a, int64_t id,
                         struct initiative *out, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " INITIATIVE_COLS INITIATIVE_FROM " WHERE i.id = ?", &s,
                           err, "reading an initiative");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_initiative, err, "initiative");
}

static int cmp_initiative(const void *x, const void *y)
{
    const struct initiative *a = x, *b = y;

    if (a->plan_id != b->plan_id)
        return a->plan_id < b->plan_id ? -1 : 1;
    return plan_label_cmp(a->label, b->label);
}

int store_initiative_list(struct store *st, struct arena *a, const struct initiative_query *q,
                          struct initiative **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " INITIATIVE_COLS INITIATIVE_FROM
                               " WHERE (?1 = 0 OR i.plan_id = ?1)"
                               " AND (?2 = 0 OR i.group_forum_id = ?2)"
                               " AND (?3 = 0 OR i.origin_id = ?3)"
                               " AND (?4 = 0 OR i.offered_at IS NOT NULL)",
                           &s, err, "listing initiatives");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, q->plan_id);
    sqlite3_bind_int64(s, 2, q->group_forum_id);
    sqlite3_bind_int64(s, 3, q->origin_id);
    sqlite3_bind_int(s, 4, q->offered_only ? 1 : 0);
    rc = store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_initiative, err,
                        "listing initiatives");
    if (rc == 0 && *n > 1)
        qsort(*out, *n, sizeof(**out), cmp_initiative);
    return rc;
}

/* Links. */

int store_initiative_set_indicators(struct store *st, int64_t id, const char *const *codes,
                                    size_t n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "DELETE FROM initiative_indicator WHERE initiative_id = ?", &s,
                           err, "changing an initiative's indicators");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    rc = store_step(st, s, err, "changing an initiative's indicators");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = store_prepare(st, "INSERT OR IGNORE INTO initiative_indicator (initiative_id, "
                               "indicator_code) VALUES (?, ?)",
                           &s, err, "changing an initiative's indicators");
        if (rc)
            break;
        sqlite3_bind_int64(s, 1, id);
        store_bind_text(s, 2, codes[i]);
        rc = store_step(st, s, err, "changing an initiative's indicators");
    }
    return rc;
}

static int fill_code(sqlite3_stmt *s, struct arena *a, void *out)
{
    const char **code = out;

    *code = store_col_text(s, 0, a, 0);
    return *code ? 0 : -1;
}

int store_initiative_indicators(struct store *st, struct arena *a, int64_t id,
                                const char ***codes, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT indicator_code FROM initiative_indicator WHERE "
                               "initiative_id = ? ORDER BY indicator_code",
                           &s, err, "reading an initiative's indicators");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_all(st, s, a, (void **)codes, n, sizeof(**codes), fill_code, err,
                          "reading an initiative's indicators");
}

int store_initiative_link_item(struct store *st, int64_t id, int64_t item_id,
                               struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO initiative_item (initiative_id, item_id) "
                               "VALUES (?, ?)",
                           &s, err, "linking an agenda item to an initiative");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, item_id);
    return store_step(st, s, err, "linking an agenda item to an initiative");
}

static int fill_id(sqlite3_stmt *s, struct arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = sqlite3_column_int64(s, 0);
    return 0;
}

int store_initiative_items(struct store *st, struct arena *a, int64_t id, int64_t **items,
                           size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT item_id FROM initiative_item WHERE initiative_id = ? "
                               "ORDER BY item_id",
                           &s, err, "reading an initiative's agenda items");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_all(st, s, a, (void **)items, n, sizeof(**items), fill_id, err,
                          "reading an initiative's agenda items");
}

static int fill_link(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct initiative_link *l = out;

    (void)a;
    l->item_id = sqlite3_column_int64(s, 0);
    l->initiative_id = sqlite3_column_int64(s, 1);
    return 0;
}

int store_meeting_initiative_links(struct store *st, struct arena *a, int64_t meeting_id,
                                   struct initiative_link **out, size_t *n,
                                   struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT l.item_id, l.initiative_id FROM initiative_item l "
                               "JOIN agenda_item i ON i.id = l.item_id WHERE i.meeting_id = ? "
                               "ORDER BY l.item_id, l.initiative_id",
                           &s, err, "reading the initiatives of an agenda");

    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, meeting_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_link, err,
                          "reading the initiatives of an agenda");
}

/* people.c - SQL for organisations, people and memberships (see people.h). */
#include "store/people.h"
#include "store/store.h"
#include "store/store_impl.h"

#include "core/arena.h"
#include "core/error.h"
#include "model/org.h"

#include <string.h>

/* Organisations. */

#define ORG_COLS "o.id, o.name, o.kind, o.region_code, o.municipality_code"

static int fill_org(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct organisation *o = out;
    o->id = sqlite3_column_int64(s, 0);
    o->name = store_col_text(s, 1, a, 0);
    o->kind = (enum org_kind)org_kind_parse((const char *)sqlite3_column_text(s, 2));
    o->region_code = sqlite3_column_int(s, 3);
    o->municipality_code = sqlite3_column_int(s, 4);
    return o->name ? 0 : -1;
}

static void bind_org(sqlite3_stmt *s, const struct organisation *o)
{
    store_bind_text(s, 1, o->name);
    store_bind_text(s, 2, org_kind_name(o->kind));
    store_bind_ref(s, 3, o->region_code);
    store_bind_ref(s, 4, o->municipality_code);
}

int store_org_insert(struct store *st, const struct organisation *o, int64_t *id,
                     struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO organisation (name, kind, region_code, "
                               "municipality_code, created_at) VALUES (?, ?, ?, ?, " STORE_NOW ")",
                           &s, err, "adding an organisation");
    if (rc)
        return rc;
    bind_org(s, o);
    rc = store_step(st, s, err, "adding an organisation");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_org_update(struct store *st, const struct organisation *o, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE organisation SET name = ?, kind = ?, region_code = ?, "
                               "municipality_code = ? WHERE id = ?",
                           &s, err, "changing an organisation");
    if (rc)
        return rc;
    bind_org(s, o);
    sqlite3_bind_int64(s, 5, o->id);
    rc = store_step(st, s, err, "changing an organisation");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "organisation %lld: not found", (long long)o->id);
    return rc;
}

int store_org_get(struct store *st, struct arena *a, int64_t id, struct organisation *out,
                  struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ORG_COLS " FROM organisation o WHERE o.id = ?", &s,
                           err, "reading an organisation");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_org, err, "organisation");
}

int store_org_by_name(struct store *st, struct arena *a, const char *name,
                      struct organisation *out, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ORG_COLS " FROM organisation o WHERE o.name = ?", &s,
                           err, "reading an organisation");
    if (rc)
        return rc;
    store_bind_text(s, 1, name);
    return store_rows_one(st, s, a, out, fill_org, err, "organisation");
}

int store_org_list(struct store *st, struct arena *a, struct organisation **out, size_t *n,
                   struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ORG_COLS " FROM organisation o "
                               "ORDER BY o.name COLLATE da, o.id",
                           &s, err, "listing organisations");
    if (rc)
        return rc;
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_org, err,
                    "listing organisations");
}

/* People. */

#define PERSON_COLS                                                                          \
    "p.id, p.name, p.title, p.organisation_id, o.name, p.email, p.phone, p.user_id, u.login"
#define PERSON_FROM                                                                          \
    " FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id"                    \
    " LEFT JOIN app_user u ON u.id = p.user_id"

static int fill_person(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct person *p = out;
    p->id = sqlite3_column_int64(s, 0);
    p->name = store_col_text(s, 1, a, 0);
    p->title = store_col_text(s, 2, a, 0);
    p->organisation_id = sqlite3_column_int64(s, 3);
    p->organisation_name = store_col_text(s, 4, a, 0);
    p->email = store_col_text(s, 5, a, 0);
    p->phone = store_col_text(s, 6, a, 0);
    p->user_id = sqlite3_column_int64(s, 7);
    p->login = store_col_text(s, 8, a, 0);
    return p->name && p->title && p->organisation_name && p->email && p->phone && p->login
               ? 0 : -1;
}

static void bind_person(sqlite3_stmt *s, const struct person *p)
{
    store_bind_text(s, 1, p->name);
    store_bind_text(s, 2, p->title ? p->title : "");
    store_bind_ref(s, 3, p->organisation_id);
    store_bind_text(s, 4, p->email ? p->email : "");
    store_bind_text(s, 5, p->phone ? p->phone : "");
    store_bind_ref(s, 6, p->user_id);
}

int store_person_insert(struct store *st, const struct person *p, int64_t *id,
                        struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO person (name, title, organisation_id, email, phone, "
                               "user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, " STORE_NOW ")",
                           &s, err, "adding a person");
    if (rc)
        return rc;
    bind_person(s, p);
    rc = store_step(st, s, err, "adding a person");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_person_update(struct store *st, const struct person *p, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE person SET name = ?, title = ?, organisation_id = ?, "
                               "email = ?, phone = ?, user_id = ? WHERE id = ?",
                           &s, err, "changing a person");
    if (rc)
        return rc;
    bind_person(s, p);
    sqlite3_bind_int64(s, 7, p->id);
    rc = store_step(st, s, err, "changing a person");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "person %lld: not found", (long long)p->id);
    return rc;
}

int store_person_get(struct store *st, struct arena *a, int64_t id, struct person *out,
                     struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " PERSON_COLS PERSON_FROM " WHERE p.id = ?", &s, err,
                           "reading a person");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_person, err, "person");
}

int store_person_by_email(struct store *st, struct arena *a, const char *email,
                          struct person *out, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " PERSON_COLS PERSON_FROM
                               " WHERE lower(p.email) = lower(?) AND p.email <> '' "
                               "ORDER BY p.id LIMIT 1",
                           &s, err, "reading a person");
    if (rc)
        return rc;
    store_bind_text(s, 1, email);
    return store_rows_one(st, s, a, out, fill_person, err, "person");
}

int store_person_list(struct store *st, struct arena *a, struct person **out, size_t *n,
                      struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " PERSON_COLS PERSON_FROM
                               " ORDER BY p.name COLLATE da, p.id",
                           &s, err, "listing people");
    if (rc)
        return rc;
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_person, err,
                    "listing people");
}

/* Memberships. */

#define MEMBERSHIP_COLS                                                                      \
    "m.id, m.person_id, m.forum_id, m.role, m.organisation_id, m.substitute_for, "          \
    "m.starts_on, m.ends_on, p.name, f.name, o.name, sp.name"
#define MEMBERSHIP_FROM                                                                      \
    " FROM membership m JOIN person p ON p.id = m.person_id JOIN forum f ON f.id = m.forum_id" \
    " LEFT JOIN organisation o ON o.id = m.organisation_id"                                  \
    " LEFT JOIN person sp ON sp.id = m.substitute_for"

static int fill_membership(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct membership *m = out;
    m->id = sqlite3_column_int64(s, 0);
    m->person_id = sqlite3_column_int64(s, 1);
    m->forum_id = sqlite3_column_int64(s, 2);
    m->role = (enum member_role)member_role_parse((const char *)sqlite3_column_text(s, 3));
    m->organisation_id = sqlite3_column_int64(s, 4);
    m->substitute_for = sqlite3_column_int64(s, 5);
    m->starts_on = store_col_date(s, 6, 0);
    m->ends_on = store_col_date(s, 7, DATE_OPEN);
    m->person_name = store_col_text(s, 8, a, 0);
    m->forum_name = store_col_text(s, 9, a, 0);
    m->organisation_name = store_col_text(s, 10, a, 0);
    m->substitute_for_name = store_col_text(s, 11, a, 0);
    return m->person_name && m->forum_name && m->organisation_name && m->substitute_for_name
               ? 0 : -1;
}

static void bind_membership(sqlite3_stmt *s, const struct membership *m)
{
    sqlite3_bind_int64(s, 1, m->person_id);
    sqlite3_bind_int64(s, 2, m->forum_id);
    store_bind_text(s, 3, member_role_name(m->role));
    store_bind_ref(s, 4, m->organisation_id);
    store_bind_ref(s, 5, m->substitute_for);
    store_bind_date(s, 6, m->starts_on);
    store_bind_date(s, 7, m->ends_on);
}

int store_membership_insert(struct store *st, const struct membership *m, int64_t *id,
                            struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO membership (person_id, forum_id, role, "
                               "organisation_id, substitute_for, starts_on, ends_on) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           &s, err, "adding a membership");
    if (rc)
        return rc;
    bind_membership(s, m);
    rc = store_step(st, s, err, "adding a membership");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_membership_update(struct store *st, const struct membership *m,
                            struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE membership SET person_id = ?, forum_id = ?, role = ?, "
                               "organisation_id = ?, substitute_for = ?, starts_on = ?, "
                               "ends_on = ? WHERE id = ?",
                           &s, err, "changing a membership");
    if (rc)
        return rc;
    bind_membership(s, m);
    sqlite3_bind_int64(s, 8, m->id);
    rc = store_step(st, s, err, "changing a membership");
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "membership %lld: not found", (long long)m->id);
    return rc;
}

int store_membership_get(struct store *st, struct arena *a, int64_t id, struct membership *out,
                         struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " MEMBERSHIP_COLS MEMBERSHIP_FROM " WHERE m.id = ?", &s,
                           err, "reading a membership");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_membership, err, "membership");
}

int store_membership_list(struct store *st, struct arena *a, int64_t forum_id,
                          int64_t person_id, struct membership **out, size_t *n,
                          struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " MEMBERSHIP_COLS MEMBERSHIP_FROM
                               " WHERE (?1 = 0 OR m.forum_id = ?1) AND (?2 = 0 OR m.person_id = ?2)"
                               " ORDER BY f.name COLLATE da, CASE m.role WHEN 'chair' THEN 0"
                               " WHEN 'co_chair' THEN 1 WHEN 'member' THEN 2 WHEN 'substitute'"
                               " THEN 3 WHEN 'guest' THEN 4 ELSE 5 END, m.starts_on,"
                               " p.name COLLATE da, m.id",
                           &s, err, "listing memberships");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, forum_id);
    sqlite3_bind_int64(s, 2, person_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_membership, err,
                    "listing memberships");
}

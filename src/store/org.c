/* org.c - SQL for the geography: regions, municipalities, hospitals and clusters. */
#include "store/org.h"
#include "store/store.h"
#include "store/store_impl.h"

#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"

#include <string.h>

/* Runs a prepared statement that returns no rows; finalizes it. */
static int step_done(struct store *st, sqlite3_stmt *s, struct kl_error *err, const char *what)
{
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_db_error(st, err, what);
    sqlite3_finalize(s);
    return rc;
}

static int fill_region(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct region *r = out;

    r->code = sqlite3_column_int(s, 0);
    r->name = store_col_text(s, 1, a, 0);
    return r->name ? 0 : -1;
}

int store_region_list(struct store *st, struct arena *a, struct region **out, size_t *n,
                      struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT code, name FROM region ORDER BY code", &s, err,
                           "listing regions");
    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_region, err,
                          "listing regions");
}

int store_region_get(struct store *st, struct arena *a, int code, struct region *out,
                     struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT code, name FROM region WHERE code = ?", &s, err,
                           "reading a region");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, code);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->code = sqlite3_column_int(s, 0);
        out->name = store_col_text(s, 1, a, 0);
        rc = 0;
    } else if (rc == SQLITE_DONE) {
        rc = kl_error_set(err, KL_ENOTFOUND, "no region with code %d", code);
    } else {
        rc = store_db_error(st, err, "reading a region");
    }
    sqlite3_finalize(s);
    return rc;
}

static int read_municipality(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct municipality *m = out;

    m->code = sqlite3_column_int(s, 0);
    m->name = store_col_text(s, 1, a, 0);
    m->region_code = sqlite3_column_int(s, 2);
    m->population = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 3);
    return m->name ? 0 : -1;
}

int store_municipality_list(struct store *st, struct arena *a, int region_code,
                            struct municipality **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT code, name, region_code, population FROM municipality "
                           "WHERE ?1 = 0 OR region_code = ?1 ORDER BY name COLLATE da, code",
                           &s, err, "listing municipalities");
    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, region_code);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), read_municipality, err,
                          "listing municipalities");
}

int store_municipality_get(struct store *st, struct arena *a, int code,
                           struct municipality *out, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT code, name, region_code, population FROM municipality "
                           "WHERE code = ?",
                           &s, err, "reading a municipality");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, code);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        rc = read_municipality(s, a, out) ? store_oom(err) : 0;
    } else if (rc == SQLITE_DONE) {
        rc = kl_error_set(err, KL_ENOTFOUND, "no municipality with code %d", code);
    } else {
        rc = store_db_error(st, err, "reading a municipality");
    }
    sqlite3_finalize(s);
    return rc;
}

#define CLUSTER_COLS "c.code, c.name, c.region_code, c.valid_from, c.valid_to"

/* One row of a cluster query (columns CLUSTER_COLS). */
static int read_cluster(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct cluster *c = out;

    c->code = store_col_text(s, 0, a, 0);
    c->name = store_col_text(s, 1, a, 0);
    c->region_code = sqlite3_column_int(s, 2);
    c->valid_from = store_col_date(s, 3, 0);
    c->valid_to = store_col_date(s, 4, DATE_OPEN);
    return c->code && c->name ? 0 : -1;
}

/* Runs a prepared cluster query (columns CLUSTER_COLS) and collects every row. */
static int collect_clusters(struct store *st, sqlite3_stmt *s, struct arena *a,
                            struct cluster **out, size_t *n, struct kl_error *err,
                            const char *what)
{
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), read_cluster, err, what);
}

int store_municipality_clusters(struct store *st, struct arena *a, int code,
                                struct cluster **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT " CLUSTER_COLS " FROM cluster c "
                           "JOIN cluster_municipality cm ON cm.cluster_id = c.id "
                           "WHERE cm.municipality_code = ? "
                           "ORDER BY c.valid_from, c.name COLLATE da",
                           &s, err, "listing a municipality's clusters");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, code);
    return collect_clusters(st, s, a, out, n, err, "listing a municipality's clusters");
}

int store_cluster_list(struct store *st, struct arena *a, int region_code,
                       struct cluster **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT " CLUSTER_COLS " FROM cluster c "
                           "WHERE ?1 = 0 OR c.region_code = ?1 "
                           "ORDER BY c.region_code, c.valid_from DESC, c.name COLLATE da",
                           &s, err, "listing clusters");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, region_code);
    return collect_clusters(st, s, a, out, n, err, "listing clusters");
}

int store_cluster_get(struct store *st, struct arena *a, const char *code, struct cluster *out,
                      struct kl_error *err)
{
    sqlite3_stmt *s;
    struct cluster *found;
    size_t n;
    int rc = store_prepare(st, "SELECT " CLUSTER_COLS " FROM cluster c WHERE c.code = ?", &s,
                           err, "reading a cluster");
    if (rc)
        return rc;
    store_bind_text(s, 1, code);
    rc = collect_clusters(st, s, a, &found, &n, err, "reading a cluster");
    if (rc)
        return rc;
    if (n == 0)
        return kl_error_set(err, KL_ENOTFOUND, "no cluster with code '%s'", code);
    *out = found[0];
    return 0;
}

/* One row of a hospital query (id, name, region_code). */
static int read_hospital(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct hospital *h = out;

    h->id = sqlite3_column_int64(s, 0);
    h->name = store_col_text(s, 1, a, 0);
    h->region_code = sqlite3_column_int(s, 2);
    return h->name ? 0 : -1;
}

/* Runs a prepared hospital query (id, name, region_code) and collects every row. */
static int collect_hospitals(struct store *st, sqlite3_stmt *s, struct arena *a,
                             struct hospital **out, size_t *n, struct kl_error *err,
                             const char *what)
{
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), read_hospital, err, what);
}

int store_cluster_hospitals(struct store *st, struct arena *a, const char *code,
                            struct hospital **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT h.id, h.name, h.region_code FROM hospital h "
                           "JOIN cluster_hospital ch ON ch.hospital_id = h.id "
                           "JOIN cluster c ON c.id = ch.cluster_id "
                           "WHERE c.code = ? ORDER BY h.name COLLATE da",
                           &s, err, "listing a cluster's hospitals");
    if (rc)
        return rc;
    store_bind_text(s, 1, code);
    return collect_hospitals(st, s, a, out, n, err, "listing a cluster's hospitals");
}

int store_hospital_list(struct store *st, struct arena *a, int region_code,
                        struct hospital **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT id, name, region_code FROM hospital "
                           "WHERE ?1 = 0 OR region_code = ?1 ORDER BY name COLLATE da",
                           &s, err, "listing hospitals");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, region_code);
    return collect_hospitals(st, s, a, out, n, err, "listing hospitals");
}

int store_cluster_members(struct store *st, struct arena *a, const char *code,
                          struct cluster_member **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    int rc = store_prepare(
        st,
        "SELECT m.code, m.name, m.population, EXISTS ("
        "    SELECT 1 FROM cluster_municipality cm2 JOIN cluster c2 ON c2.id = cm2.cluster_id"
        "    WHERE cm2.municipality_code = m.code AND c2.id <> c.id"
        "      AND c2.valid_from <= COALESCE(c.valid_to, '9999-12-31')"
        "      AND c.valid_from <= COALESCE(c2.valid_to, '9999-12-31'))"
        " FROM cluster c JOIN cluster_municipality cm ON cm.cluster_id = c.id"
        " JOIN municipality m ON m.code = cm.municipality_code"
        " WHERE c.code = ? ORDER BY m.name COLLATE da",
        &s, err, "listing a cluster's municipalities");
    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    store_bind_text(s, 1, code);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct cluster_member *m;
        if (store_grow(a, (void **)out, &cap, *n, sizeof(**out))) {
            sqlite3_finalize(s);
            return store_oom(err);
        }
        m = &(*out)[(*n)++];
        m->municipality_code = sqlite3_column_int(s, 0);
        m->municipality_name = store_col_text(s, 1, a, 0);
        m->population =
            sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 2);
        m->shared = sqlite3_column_int(s, 3);
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_error(st, err, "listing a cluster's municipalities");
    sqlite3_finalize(s);
    return rc;
}

int store_region_put(struct store *st, const struct region *r, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "INSERT INTO region(code, name) VALUES (?, ?) "
                           "ON CONFLICT (code) DO UPDATE SET name = excluded.name",
                           &s, err, "saving a region");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, r->code);
    store_bind_text(s, 2, r->name);
    return step_done(st, s, err, "saving a region");
}

int store_municipality_put(struct store *st, const struct municipality *m, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "INSERT INTO municipality(code, name, region_code, population) "
                           "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (code) DO UPDATE SET "
                           "name = excluded.name, region_code = excluded.region_code, "
                           "population = COALESCE(excluded.population, population)",
                           &s, err, "saving a municipality");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, m->code);
    store_bind_text(s, 2, m->name);
    sqlite3_bind_int(s, 3, m->region_code);
    if (m->population < 0)
        sqlite3_bind_null(s, 4);
    else
        sqlite3_bind_int64(s, 4, m->population);
    return step_done(st, s, err, "saving a municipality");
}

int store_hospital_ensure(struct store *st, int region_code, const char *name, int64_t *id,
                          struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "INSERT INTO hospital(region_code, name) VALUES (?, ?) "
                           "ON CONFLICT (region_code, name) DO UPDATE SET name = excluded.name "
                           "RETURNING id",
                           &s, err, "saving a hospital");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, region_code);
    store_bind_text(s, 2, name);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        rc = 0;
    } else {
        rc = store_db_error(st, err, "saving a hospital");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_cluster_put(struct store *st, const struct cluster *c, const int64_t *hospital_ids,
                      size_t nhospitals, const int *municipality_codes, size_t nmunicipalities,
                      struct kl_error *err)
{
    sqlite3_stmt *s;
    int64_t id;
    int rc = store_prepare(st,
                           "INSERT INTO cluster(code, name, region_code, valid_from, valid_to) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                           "name = excluded.name, region_code = excluded.region_code, "
                           "valid_from = excluded.valid_from, valid_to = excluded.valid_to "
                           "RETURNING id",
                           &s, err, "saving a cluster");
    if (rc)
        return rc;
    store_bind_text(s, 1, c->code);
    store_bind_text(s, 2, c->name);
    sqlite3_bind_int(s, 3, c->region_code);
    store_bind_date(s, 4, c->valid_from);
    store_bind_date(s, 5, c->valid_to);
    if (sqlite3_step(s) != SQLITE_ROW) {
        rc = store_db_error(st, err, "saving a cluster");
        sqlite3_finalize(s);
        return rc;
    }
    id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);

    static const char *const clear[] = {
        "DELETE FROM cluster_hospital WHERE cluster_id = ?",
        "DELETE FROM cluster_municipality WHERE cluster_id = ?",
    };
    for (size_t i = 0; i < 2; i++) {
        rc = store_prepare(st, clear[i], &s, err, "replacing a cluster's links");
        if (rc)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        rc = step_done(st, s, err, "replacing a cluster's links");
        if (rc)
            return rc;
    }
    rc = store_prepare(st, "INSERT INTO cluster_hospital(cluster_id, hospital_id) VALUES (?, ?)",
                       &s, err, "linking a hospital");
    if (rc)
        return rc;
    for (size_t i = 0; i < nhospitals && rc == 0; i++) {
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, hospital_ids[i]);
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = store_db_error(st, err, "linking a hospital");
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    if (rc)
        return rc;
    rc = store_prepare(st,
                       "INSERT INTO cluster_municipality(cluster_id, municipality_code) "
                       "VALUES (?, ?)",
                       &s, err, "linking a municipality");
    if (rc)
        return rc;
    for (size_t i = 0; i < nmunicipalities && rc == 0; i++) {
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int(s, 2, municipality_codes[i]);
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = store_db_error(st, err, "linking a municipality");
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    return rc;
}

/* indicator.c - SQL for indicators, their values, sources, cluster choices and reporting
 * rounds (see indicator.h). */
#include "store/indicator.h"
#include "store/store.h"
#include "store/store_impl.h"

#include "core/arena.h"
#include "core/error.h"
#include "model/org.h"

#include <string.h>

static int64_t col_opt_int(sqlite3_stmt *s, int col)
{
    return sqlite3_column_type(s, col) == SQLITE_NULL ? IND_NONE : sqlite3_column_int64(s, col);
}

static int bind_opt_int(sqlite3_stmt *s, int idx, int64_t v)
{
    return v < 0 ? sqlite3_bind_null(s, idx) : sqlite3_bind_int64(s, idx, v);
}

/* Indicators. */

#define IND_COLS                                                                             \
    "code, name_da, name_en, description, numerator, denominator, unit, better, "            \
    "source_kind, source, source_url, period_kind, min_count, signal_rule, tolerance, "      \
    "decimals, verified, verify_note"

static int fill_indicator(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct indicator *i = out;
    int v;

    i->code = store_col_text(s, 0, a, 0);
    i->name_da = store_col_text(s, 1, a, 0);
    i->name_en = store_col_text(s, 2, a, 0);
    i->description = store_col_text(s, 3, a, 0);
    i->numerator = store_col_text(s, 4, a, 0);
    i->denominator = store_col_text(s, 5, a, 0);
    v = ind_unit_parse((const char *)sqlite3_column_text(s, 6));
    i->unit = v < 0 ? IND_UNIT_COUNT : (enum ind_unit)v;
    v = ind_better_parse((const char *)sqlite3_column_text(s, 7));
    i->better = v < 0 ? IND_BETTER_NEITHER : (enum ind_better)v;
    v = ind_source_parse((const char *)sqlite3_column_text(s, 8));
    i->source_kind = v < 0 ? IND_SRC_OTHER_PUBLIC : (enum ind_source)v;
    i->source = store_col_text(s, 9, a, 0);
    i->source_url = store_col_text(s, 10, a, 0);
    v = period_kind_parse((const char *)sqlite3_column_text(s, 11));
    i->period_kind = v < 0 ? PERIOD_YEAR : (enum period_kind)v;
    i->min_count = sqlite3_column_int(s, 12);
    v = signal_rule_parse((const char *)sqlite3_column_text(s, 13));
    i->signal_rule = v < 0 ? SIGNAL_RULE_RELATIVE : (enum signal_rule)v;
    i->tolerance = sqlite3_column_double(s, 14);
    i->decimals = sqlite3_column_int(s, 15);
    i->verified = sqlite3_column_int(s, 16);
    i->verify_note = store_col_text(s, 17, a, 0);
    return i->code && i->name_da && i->name_en && i->description && i->numerator &&
                   i->denominator && i->source && i->source_url && i->verify_note
               ? 0 : -1;
}

int store_indicator_put(struct store *st, const struct indicator *ind, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT OR REPLACE INTO indicator (" IND_COLS ") VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           &s, err, "storing an indicator");
    if (rc)
        return rc;
    store_bind_text(s, 1, ind->code);
    store_bind_text(s, 2, ind->name_da);
    store_bind_text(s, 3, ind->name_en);
    store_bind_text(s, 4, ind->description ? ind->description : "");
    store_bind_text(s, 5, ind->numerator ? ind->numerator : "");
    store_bind_text(s, 6, ind->denominator ? ind->denominator : "");
    store_bind_text(s, 7, ind_unit_name(ind->unit));
    store_bind_text(s, 8, ind_better_name(ind->better));
    store_bind_text(s, 9, ind_source_name(ind->source_kind));
    store_bind_text(s, 10, ind->source ? ind->source : "");
    store_bind_text(s, 11, ind->source_url ? ind->source_url : "");
    store_bind_text(s, 12, period_kind_name(ind->period_kind));
    sqlite3_bind_int(s, 13, ind->min_count);
    store_bind_text(s, 14, signal_rule_name(ind->signal_rule));
    sqlite3_bind_double(s, 15, ind->tolerance);
    sqlite3_bind_int(s, 16, ind->decimals);
    sqlite3_bind_int(s, 17, ind->verified ? 1 : 0);
    store_bind_text(s, 18, ind->verify_note ? ind->verify_note : "");
    return store_step(st, s, err, "storing an indicator");
}

int store_indicator_get(struct store *st, struct arena *a, const char *code,
                        struct indicator *out, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " IND_COLS " FROM indicator WHERE code = ?", &s, err,
                           "reading an indicator");
    if (rc)
        return rc;
    store_bind_text(s, 1, code);
    return store_rows_one(st, s, a, out, fill_indicator, err, "indicator");
}

int store_indicator_list(struct store *st, struct arena *a, struct indicator **out, size_t *n,
                         struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " IND_COLS " FROM indicator ORDER BY code", &s, err,
                           "listing indicators");
    if (rc)
        return rc;
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_indicator, err,
                    "listing indicators");
}

/* Sources and values. */

int store_ind_source_add(struct store *st, const struct ind_batch *src, int64_t *id,
                         struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO indicator_source (kind, label, actor, created_at) "
                               "VALUES (?, ?, ?, " STORE_NOW ")",
                           &s, err, "recording where values came from");
    if (rc)
        return rc;
    store_bind_text(s, 1, value_source_name(src->kind));
    store_bind_text(s, 2, src->label);
    store_bind_text(s, 3, src->actor);
    rc = store_step(st, s, err, "recording where values came from");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

static int fill_value(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct ind_value *v = out;
    int k;

    v->indicator_code = store_col_text(s, 0, a, 0);
    k = geo_kind_parse((const char *)sqlite3_column_text(s, 1));
    v->geo_kind = k < 0 ? GEO_MUNICIPALITY : (enum geo_kind)k;
    v->geo_code = store_col_text(s, 2, a, 0);
    v->period = store_col_text(s, 3, a, 0);
    v->value = sqlite3_column_double(s, 4);
    v->numerator = col_opt_int(s, 5);
    v->denominator = col_opt_int(s, 6);
    v->source_id = sqlite3_column_int64(s, 7);
    k = value_source_parse((const char *)sqlite3_column_text(s, 8));
    v->source_kind = k < 0 ? VALUE_SRC_IMPORT : (enum source_kind)k;
    v->source_label = store_col_text(s, 9, a, 0);
    v->source_at = store_col_text(s, 10, a, 0);
    return v->indicator_code && v->geo_code && v->period && v->source_label && v->source_at
               ? 0 : -1;
}

int store_ind_values(struct store *st, struct arena *a, const char *code, const char *from,
                     const char *to, struct ind_value **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT v.indicator_code, v.geo_kind, v.geo_code, v.period, v.value, "
                           "v.numerator, v.denominator, v.source_id, s.kind, s.label, "
                           "s.created_at FROM indicator_value v "
                           "JOIN indicator_source s ON s.id = v.source_id "
                           "WHERE v.indicator_code = ? AND (?2 IS NULL OR v.period >= ?2) "
                           "AND (?3 IS NULL OR v.period <= ?3) "
                           "ORDER BY v.period, v.geo_kind, v.geo_code",
                           &s, err, "reading indicator values");
    if (rc)
        return rc;
    store_bind_text(s, 1, code);
    store_bind_text(s, 2, from);
    store_bind_text(s, 3, to);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_value, err,
                    "reading indicator values");
}

int store_ind_values_delete(struct store *st, const char *code, const char *period,
                            enum geo_kind kind, size_t *deleted, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "DELETE FROM indicator_value WHERE indicator_code = ? AND "
                               "period = ? AND geo_kind = ?",
                           &s, err, "replacing indicator values");
    if (rc)
        return rc;
    store_bind_text(s, 1, code);
    store_bind_text(s, 2, period);
    store_bind_text(s, 3, geo_kind_name(kind));
    rc = store_step(st, s, err, "replacing indicator values");
    if (rc == 0 && deleted)
        *deleted = (size_t)sqlite3_changes(st->db);
    return rc;
}

int store_ind_value_put(struct store *st, const struct ind_value *v, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT OR REPLACE INTO indicator_value (indicator_code, "
                               "geo_kind, geo_code, period, value, numerator, denominator, "
                               "source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           &s, err, "storing an indicator value");
    if (rc)
        return rc;
    store_bind_text(s, 1, v->indicator_code);
    store_bind_text(s, 2, geo_kind_name(v->geo_kind));
    store_bind_text(s, 3, v->geo_code);
    store_bind_text(s, 4, v->period);
    sqlite3_bind_double(s, 5, v->value);
    bind_opt_int(s, 6, v->numerator);
    bind_opt_int(s, 7, v->denominator);
    sqlite3_bind_int64(s, 8, v->source_id);
    return store_step(st, s, err, "storing an indicator value");
}

static int fill_count(sqlite3_stmt *s, struct arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = sqlite3_column_int64(s, 0);
    return 0;
}

int store_ind_value_counts(struct store *st, struct arena *a, int64_t **counts, size_t *n,
                           struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT (SELECT count(*) FROM indicator_value v "
                               "WHERE v.indicator_code = i.code) FROM indicator i ORDER BY code",
                           &s, err, "counting indicator values");
    if (rc)
        return rc;
    return store_rows_all(st, s, a, (void **)counts, n, sizeof(**counts), fill_count, err,
                    "counting indicator values");
}

/* Memberships. */

static int fill_membership(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct ind_membership *m = out;
    m->cluster_code = store_col_text(s, 0, a, 0);
    m->cluster_name = store_col_text(s, 1, a, 0);
    m->region_code = sqlite3_column_int(s, 2);
    m->municipality_code = sqlite3_column_int(s, 3);
    m->from = store_col_date(s, 4, 0);
    m->to = store_col_date(s, 5, DATE_OPEN);
    return m->cluster_code && m->cluster_name ? 0 : -1;
}

int store_ind_memberships(struct store *st, struct arena *a, struct ind_membership **out,
                          size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT c.code, c.name, c.region_code, cm.municipality_code, "
                               "c.valid_from, c.valid_to FROM cluster c "
                               "JOIN cluster_municipality cm ON cm.cluster_id = c.id "
                               "ORDER BY c.code, cm.municipality_code",
                           &s, err, "reading cluster memberships");
    if (rc)
        return rc;
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_membership, err,
                    "reading cluster memberships");
}

/* The clusters' choices. */

static int fill_code(sqlite3_stmt *s, struct arena *a, void *out)
{
    const char **c = out;
    *c = store_col_text(s, 0, a, 0);
    return *c ? 0 : -1;
}

/* Binds a choice's key at index idx: the text key when not NULL, else the number. */
static void bind_key(sqlite3_stmt *s, int idx, const char *text_key, int64_t int_key)
{
    if (text_key)
        store_bind_text(s, idx, text_key);
    else
        sqlite3_bind_int64(s, idx, int_key);
}

/* The codes of a choice (a cluster's or a forum's) read by sql with the key at ?1. */
static int choice_read(struct store *st, struct arena *a, const char *sql, const char *text_key,
                       int64_t int_key, const char ***codes, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, sql, &s, err, "reading a choice of indicators");

    if (rc)
        return rc;
    bind_key(s, 1, text_key, int_key);
    return store_rows_all(st, s, a, (void **)codes, n, sizeof(**codes), fill_code, err,
                          "reading a choice of indicators");
}

/* Replaces a choice: del (key at ?1), then ins (key, code, position) for each code. */
static int choice_write(struct store *st, const char *del, const char *ins,
                        const char *text_key, int64_t int_key, const char *const *codes,
                        size_t n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, del, &s, err, "choosing indicators");

    if (rc)
        return rc;
    bind_key(s, 1, text_key, int_key);
    rc = store_step(st, s, err, "choosing indicators");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if ((rc = store_prepare(st, ins, &s, err, "choosing indicators")))
            break;
        bind_key(s, 1, text_key, int_key);
        store_bind_text(s, 2, codes[i]);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
        rc = store_step(st, s, err, "choosing indicators");
    }
    return rc;
}

int store_cluster_indicators(struct store *st, struct arena *a, const char *cluster_code,
                             const char ***codes, size_t *n, struct kl_error *err)
{
    return choice_read(st, a, "SELECT indicator_code FROM cluster_indicator WHERE "
                              "cluster_code = ?1 ORDER BY position, indicator_code",
                       cluster_code, 0, codes, n, err);
}

int store_cluster_indicators_set(struct store *st, const char *cluster_code,
                                 const char *const *codes, size_t n, struct kl_error *err)
{
    return choice_write(st, "DELETE FROM cluster_indicator WHERE cluster_code = ?1",
                        "INSERT INTO cluster_indicator (cluster_code, indicator_code, position) "
                        "VALUES (?1, ?2, ?3)",
                        cluster_code, 0, codes, n, err);
}

int store_forum_indicators(struct store *st, struct arena *a, int64_t forum_id,
                           const char ***codes, size_t *n, struct kl_error *err)
{
    return choice_read(st, a, "SELECT indicator_code FROM forum_indicator WHERE forum_id = ?1 "
                              "ORDER BY position, indicator_code",
                       NULL, forum_id, codes, n, err);
}

int store_forum_indicators_set(struct store *st, int64_t forum_id, const char *const *codes,
                               size_t n, struct kl_error *err)
{
    return choice_write(st, "DELETE FROM forum_indicator WHERE forum_id = ?1",
                        "INSERT INTO forum_indicator (forum_id, indicator_code, position) "
                        "VALUES (?1, ?2, ?3)",
                        NULL, forum_id, codes, n, err);
}

/* Reporting rounds. */

#define ROUND_COLS "id, indicator_code, period, cluster_code, title, due_on, source_id, created_at"

static int fill_round(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct reporting_round *r = out;
    r->id = sqlite3_column_int64(s, 0);
    r->indicator_code = store_col_text(s, 1, a, 0);
    r->period = store_col_text(s, 2, a, 0);
    r->cluster_code = store_col_text(s, 3, a, 0);
    r->title = store_col_text(s, 4, a, 0);
    r->due_on = store_col_date(s, 5, DATE_OPEN);
    r->source_id = sqlite3_column_int64(s, 6);
    r->created_at = store_col_text(s, 7, a, 0);
    return r->indicator_code && r->period && r->cluster_code && r->title && r->created_at
               ? 0 : -1;
}

int store_round_insert(struct store *st, const struct reporting_round *rr, int64_t *id,
                       struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO reporting_round (indicator_code, period, "
                               "cluster_code, title, due_on, source_id, created_at) VALUES "
                               "(?, ?, ?, ?, ?, ?, " STORE_NOW ")",
                           &s, err, "creating a reporting round");
    if (rc)
        return rc;
    store_bind_text(s, 1, rr->indicator_code);
    store_bind_text(s, 2, rr->period);
    store_bind_text(s, 3, rr->cluster_code);
    store_bind_text(s, 4, rr->title);
    store_bind_date(s, 5, rr->due_on);
    sqlite3_bind_int64(s, 6, rr->source_id);
    rc = store_step(st, s, err, "creating a reporting round");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_round_get(struct store *st, struct arena *a, int64_t id, struct reporting_round *out,
                    struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ROUND_COLS " FROM reporting_round WHERE id = ?", &s,
                           err, "reading a reporting round");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_round, err, "reporting round");
}

int store_round_list(struct store *st, struct arena *a, struct reporting_round **out,
                     size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ROUND_COLS " FROM reporting_round ORDER BY id DESC",
                           &s, err, "listing reporting rounds");
    if (rc)
        return rc;
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_round, err,
                    "listing reporting rounds");
}

int store_round_entry_put(struct store *st, const struct reporting_entry *e,
                          struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT OR REPLACE INTO reporting_entry (round_id, "
                               "municipality_code, numerator, denominator, value, reported_by, "
                               "reported_at) VALUES (?, ?, ?, ?, ?, ?, " STORE_NOW ")",
                           &s, err, "storing a reported value");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, e->round_id);
    sqlite3_bind_int(s, 2, e->municipality_code);
    bind_opt_int(s, 3, e->numerator);
    bind_opt_int(s, 4, e->denominator);
    sqlite3_bind_double(s, 5, e->value);
    store_bind_text(s, 6, e->reported_by);
    return store_step(st, s, err, "storing a reported value");
}

static int fill_entry(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct reporting_entry *e = out;
    e->round_id = sqlite3_column_int64(s, 0);
    e->municipality_code = sqlite3_column_int(s, 1);
    e->numerator = col_opt_int(s, 2);
    e->denominator = col_opt_int(s, 3);
    e->value = sqlite3_column_double(s, 4);
    e->reported_by = store_col_text(s, 5, a, 0);
    e->reported_at = store_col_text(s, 6, a, 0);
    return e->reported_by && e->reported_at ? 0 : -1;
}

int store_round_entries(struct store *st, struct arena *a, int64_t round_id,
                        struct reporting_entry **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT round_id, municipality_code, numerator, denominator, "
                               "value, reported_by, reported_at FROM reporting_entry "
                               "WHERE round_id = ? ORDER BY municipality_code",
                           &s, err, "reading reported values");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, round_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_entry, err,
                    "reading reported values");
}

static int fill_int(sqlite3_stmt *s, struct arena *a, void *out)
{
    (void)a;
    *(int *)out = sqlite3_column_int(s, 0);
    return 0;
}

int store_user_municipalities(struct store *st, struct arena *a, int64_t user_id, int **out,
                              size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT DISTINCT o.municipality_code FROM person p "
                               "JOIN organisation o ON o.id = p.organisation_id "
                               "WHERE p.user_id = ? AND o.municipality_code IS NOT NULL "
                               "ORDER BY 1",
                           &s, err, "reading a user's municipalities");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_int, err,
                    "reading a user's municipalities");
}

/* refdata.c - loading the reference data compiled into the binary. */
#include "app/refdata.h"

#include "app/audit.h"
#include "app/cluster_import.h"
#include "app/indicator.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/embed.h"
#include "core/error.h"
#include "core/problems.h"
#include "model/org.h"
#include "store/org.h"
#include "store/store.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct embedded_file refdata_files[];

static int parse_int(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    *out = strtol(s, &end, 10);
    return errno == 0 && end != s && *end == '\0' && *out >= min && *out <= max ? 0 : -1;
}

/* Opens the shipped file name and checks that its header begins with the given columns. */
static struct csv_reader *open_file(const char *name, const char *const *cols, size_t ncols,
                                    struct kl_error *err)
{
    const struct embedded_file *f = embed_find(refdata_files, name);
    struct csv_reader *r;
    struct csv_record h;

    if (!f) {
        kl_error_set(err, KL_ENOTFOUND, "reference file %s is not in this build", name);
        return NULL;
    }
    r = csv_open_mem((const char *)f->data, f->size, ',', 0, err);
    if (!r)
        return NULL;
    if (csv_next(r, &h, err) != 1 || h.nfields < ncols) {
        kl_error_set(err, KL_EINVAL, "%s: bad header", name);
        csv_close(r);
        return NULL;
    }
    for (size_t i = 0; i < ncols; i++) {
        if (strcmp(h.fields[i], cols[i]) != 0) {
            kl_error_set(err, KL_EINVAL, "%s: column %zu must be %s", name, i + 1, cols[i]);
            csv_close(r);
            return NULL;
        }
    }
    return r;
}

/* Writes region r when it is new or differs from what is stored, with an audit row. */
static int put_region(struct store *st, const struct principal *who, struct arena *a,
                      const struct region *r, struct kl_error *err)
{
    struct region old;
    char id[16];
    json_t *before = NULL, *after;
    int rc = store_region_get(st, a, r->code, &old, err);

    if (rc && rc != KL_ENOTFOUND)
        return rc;
    if (rc == 0 && strcmp(old.name, r->name) == 0)
        return 0;
    if (rc == 0)
        before = json_pack("{s:i, s:s}", "code", old.code, "name", old.name);
    after = json_pack("{s:i, s:s}", "code", r->code, "name", r->name);
    snprintf(id, sizeof(id), "%d", r->code);
    rc = store_region_put(st, r, err);
    if (rc == 0)
        rc = app_audit_record(st, who, "region", id, before ? "update" : "create", 0, before,
                              after, err);
    json_decref(before);
    json_decref(after);
    return rc;
}

static json_t *municipality_json(const struct municipality *m)
{
    return json_pack("{s:i, s:s, s:i, s:o}", "code", m->code, "name", m->name, "region_code",
                     m->region_code, "population",
                     m->population < 0 ? json_null() : json_integer(m->population));
}

/* Writes municipality m when it is new or differs from what is stored, with an audit row.
 * An unknown population (-1) keeps the stored one. */
static int put_municipality(struct store *st, const struct principal *who, struct arena *a,
                            struct municipality m, struct kl_error *err)
{
    struct municipality old;
    char id[16];
    json_t *before = NULL, *after;
    int rc = store_municipality_get(st, a, m.code, &old, err);

    if (rc && rc != KL_ENOTFOUND)
        return rc;
    if (rc == 0 && m.population < 0)
        m.population = old.population;
    if (rc == 0 && strcmp(old.name, m.name) == 0 && old.region_code == m.region_code &&
        old.population == m.population)
        return 0;
    if (rc == 0)
        before = municipality_json(&old);
    after = municipality_json(&m);
    snprintf(id, sizeof(id), "%d", m.code);
    rc = store_municipality_put(st, &m, err);
    if (rc == 0)
        rc = app_audit_record(st, who, "municipality", id, before ? "update" : "create", 0,
                              before, after, err);
    json_decref(before);
    json_decref(after);
    return rc;
}

static int load_regions(struct store *st, const struct principal *who, struct arena *a,
                        int *count, struct kl_error *err)
{
    static const char *const cols[] = {"region_code", "name"};
    struct csv_reader *r = open_file("regions.csv", cols, 2, err);
    struct csv_record rec;
    int got = 0, rc = 0;
    long code;

    if (!r)
        return err->code;
    while (rc == 0 && (got = csv_next(r, &rec, err)) > 0) {
        struct region reg;
        if (rec.nfields != 2 || parse_int(rec.fields[0], 1081, 1085, &code))
            rc = kl_error_set(err, KL_EINVAL, "regions.csv:%zu: bad row", rec.line);
        reg.code = (int)code;
        reg.name = rec.fields[1];
        if (rc == 0)
            rc = put_region(st, who, a, &reg, err);
        if (rc == 0)
            (*count)++;
    }
    if (rc == 0 && got < 0)
        rc = err->code;
    csv_close(r);
    return rc;
}

static int load_municipalities(struct store *st, const struct principal *who,
                               struct arena *a, int *count, struct kl_error *err)
{
    static const char *const cols[] = {"municipality_code", "name", "region_code",
                                       "population"};
    struct csv_reader *r = open_file("municipalities.csv", cols, 4, err);
    struct csv_record rec;
    int got = 0, rc = 0;
    long code, region, pop = -1;

    if (!r)
        return err->code;
    while (rc == 0 && (got = csv_next(r, &rec, err)) > 0) {
        struct municipality m;
        if (rec.nfields != 4 || parse_int(rec.fields[0], 101, 999, &code) ||
            parse_int(rec.fields[2], 1081, 1085, &region) ||
            (rec.fields[3][0] && parse_int(rec.fields[3], 0, 100000000, &pop)))
            rc = kl_error_set(err, KL_EINVAL, "municipalities.csv:%zu: bad row", rec.line);
        m.code = (int)code;
        m.name = rec.fields[1];
        m.region_code = (int)region;
        m.population = rec.fields[3][0] ? pop : -1;
        if (rc == 0)
            rc = put_municipality(st, who, a, m, err);
        if (rc == 0)
            (*count)++;
    }
    if (rc == 0 && got < 0)
        rc = err->code;
    csv_close(r);
    return rc;
}

int app_refdata_load(struct store *st, const struct principal *who, struct problems *probs,
                     struct refdata_summary *sum, struct kl_error *err)
{
    struct arena *a;
    struct refdata_summary s = {0};
    struct cluster_import_summary cs;
    const struct embedded_file *clusters = embed_find(refdata_files, "clusters.csv");
    int rc;

    a = arena_new(0);
    if (!a)
        return kl_error_set(err, KL_ENOMEM, "out of memory loading reference data");
    rc = store_begin(st, err);
    if (rc == 0) {
        rc = load_regions(st, who, a, &s.regions, err);
        if (rc == 0)
            rc = load_municipalities(st, who, a, &s.municipalities, err);
        if (rc)
            store_rollback(st);
        else
            rc = store_commit(st, err);
    }
    arena_free(a);
    if (rc)
        return rc;
    if (!clusters)
        return kl_error_set(err, KL_ENOTFOUND, "reference file clusters.csv is not in this build");
    rc = app_cluster_import(st, who, (const char *)clusters->data, clusters->size, probs, &cs, err);
    if (rc)
        return rc;
    s.clusters_changed = (int)cs.clusters;
    s.clusters = (int)cs.rows;
    /* the indicator catalogue (data/indicators.csv), each changed definition audited */
    rc = app_indicator_catalogue_load(st, who, NULL, NULL, probs, err);
    if (rc)
        return rc;
    if (sum)
        *sum = s;
    return 0;
}

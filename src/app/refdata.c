/* refdata.c - loading the reference data compiled into the binary. */
#include "app/refdata.h"

#include "app/cluster_import.h"
#include "core/csv.h"
#include "core/embed.h"
#include "core/error.h"
#include "core/problems.h"
#include "model/org.h"
#include "store/org.h"
#include "store/store.h"

#include <errno.h>
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

static int load_regions(struct store *st, int *count, struct kl_error *err)
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
            rc = store_region_put(st, &reg, err);
        if (rc == 0)
            (*count)++;
    }
    if (rc == 0 && got < 0)
        rc = err->code;
    csv_close(r);
    return rc;
}

static int load_municipalities(struct store *st, int *count, struct kl_error *err)
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
            rc = store_municipality_put(st, &m, err);
        if (rc == 0)
            (*count)++;
    }
    if (rc == 0 && got < 0)
        rc = err->code;
    csv_close(r);
    return rc;
}

int app_refdata_load(struct store *st, struct problems *probs, struct refdata_summary *sum,
                     struct kl_error *err)
{
    struct refdata_summary s = {0};
    struct cluster_import_summary cs;
    const struct embedded_file *clusters = embed_find(refdata_files, "clusters.csv");
    int rc;

    rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = load_regions(st, &s.regions, err);
    if (rc == 0)
        rc = load_municipalities(st, &s.municipalities, err);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    rc = store_commit(st, err);
    if (rc)
        return rc;
    if (!clusters)
        return kl_error_set(err, KL_ENOTFOUND, "reference file clusters.csv is not in this build");
    rc = app_cluster_import(st, (const char *)clusters->data, clusters->size, probs, &cs, err);
    if (rc)
        return rc;
    s.clusters = (int)cs.clusters;
    if (sum)
        *sum = s;
    return 0;
}

/* org.c - reading the geography: regions, municipalities, hospitals and clusters. */
#include "app/org.h"

#include "core/arena.h"
#include "core/error.h"
#include "store/org.h"

int app_region_list(struct store *st, struct arena *a, struct region **out, size_t *n,
                    struct kl_error *err)
{
    return store_region_list(st, a, out, n, err);
}

int app_region_get(struct store *st, struct arena *a, int code, struct region *out,
                   struct kl_error *err)
{
    return store_region_get(st, a, code, out, err);
}

int app_municipality_list(struct store *st, struct arena *a, int region_code,
                          struct municipality **out, size_t *n, struct kl_error *err)
{
    return store_municipality_list(st, a, region_code, out, n, err);
}

int app_municipality_get(struct store *st, struct arena *a, int code,
                         struct municipality_detail *out, struct kl_error *err)
{
    struct region r;
    struct cluster *cl;
    size_t n;
    int rc;

    rc = store_municipality_get(st, a, code, &out->municipality, err);
    if (rc == 0)
        rc = store_region_get(st, a, out->municipality.region_code, &r, err);
    if (rc == 0)
        rc = store_municipality_clusters(st, a, code, &cl, &n, err);
    if (rc)
        return rc;
    out->region_name = r.name;
    out->nclusters = n;
    out->clusters = arena_calloc(a, n ? n : 1, sizeof(*out->clusters));
    if (!out->clusters)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        out->clusters[i].cluster = cl[i];
    return 0;
}

int app_cluster_list(struct store *st, struct arena *a, int region_code, struct cluster **out,
                     size_t *n, struct kl_error *err)
{
    return store_cluster_list(st, a, region_code, out, n, err);
}

int app_cluster_get(struct store *st, struct arena *a, const char *code,
                    struct cluster_detail *out, struct kl_error *err)
{
    struct region r;
    int rc;

    rc = store_cluster_get(st, a, code, &out->cluster, err);
    if (rc == 0)
        rc = store_region_get(st, a, out->cluster.region_code, &r, err);
    if (rc == 0)
        rc = store_cluster_hospitals(st, a, code, &out->hospitals, &out->nhospitals, err);
    if (rc == 0)
        rc = store_cluster_members(st, a, code, &out->members, &out->nmembers, err);
    if (rc == 0)
        out->region_name = r.name;
    return rc;
}

int app_hospital_list(struct store *st, struct arena *a, int region_code,
                      struct hospital **out, size_t *n, struct kl_error *err)
{
    return store_hospital_list(st, a, region_code, out, n, err);
}

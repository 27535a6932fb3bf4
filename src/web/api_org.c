/* api_org.c - the JSON API of the geography under /api/v1/: regions, municipalities and
 * clusters. Dates are ISO 8601 strings; an open end is null; an unknown population is
 * null. Lists can be narrowed with ?region=CODE. */
#include "web/handlers.h"
#include "web/json_out.h"
#include "web/request.h"
#include "app/org.h"
#include "core/date.h"
#include "model/org.h"

static json_t *date_json(int32_t day)
{
    char iso[11];

    if (day == DATE_OPEN)
        return json_null();
    date_format_iso(day, iso);
    return json_string(iso);
}

static json_t *population_json(int64_t p)
{
    return p >= 0 ? json_integer(p) : json_null();
}

static json_t *region_json(const struct region *g)
{
    return json_pack("{s:i,s:s}", "code", g->code, "name", g->name);
}

static json_t *municipality_json(const struct municipality *m)
{
    return json_pack("{s:i,s:s,s:i,s:o}", "code", m->code, "name", m->name, "region_code",
                     m->region_code, "population", population_json(m->population));
}

static json_t *cluster_json(const struct cluster *c)
{
    return json_pack("{s:s,s:s,s:i,s:o,s:o}", "code", c->code, "name", c->name, "region_code",
                     c->region_code, "valid_from", date_json(c->valid_from), "valid_to",
                     date_json(c->valid_to));
}

/* Appends item to array; on a NULL item (a failed build) marks the array failed. */
static int push(json_t *array, json_t *item)
{
    return item ? json_array_append_new(array, item) : -1;
}

int api_regions(struct request *r)
{
    struct region *g;
    size_t n;
    json_t *list;
    int rc = app_region_list(r->store, r->arena, &g, &n, &r->err), bad = 0;

    if (rc)
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= push(list, region_json(&g[i]));
    return res_json(r, bad ? (json_decref(list), NULL) : json_pack("{s:o}", "regions", list));
}

int api_region(struct request *r)
{
    struct region g;
    long code;
    int rc;

    if ((rc = req_param_int(r, 0, 1000, 9999, &code)) ||
        (rc = app_region_get(r->store, r->arena, (int)code, &g, &r->err)))
        return rc;
    return res_json(r, region_json(&g));
}

int api_municipalities(struct request *r)
{
    struct municipality *m;
    long region = 0;
    size_t n;
    json_t *list;
    int rc, bad = 0;

    if ((rc = req_query_int(r, "region", 1000, 9999, &region)) ||
        (rc = app_municipality_list(r->store, r->arena, (int)region, &m, &n, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= push(list, municipality_json(&m[i]));
    return res_json(r, bad ? (json_decref(list), NULL)
                           : json_pack("{s:o}", "municipalities", list));
}

int api_municipality(struct request *r)
{
    struct municipality_detail d;
    json_t *o, *list;
    long code;
    int rc, bad = 0;

    if ((rc = req_param_int(r, 0, 100, 999, &code)) ||
        (rc = app_municipality_get(r->store, r->arena, (int)code, &d, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < d.nclusters; i++)
        bad |= push(list, cluster_json(&d.clusters[i].cluster));
    o = municipality_json(&d.municipality);
    if (bad || !o || !list ||
        json_object_set_new(o, "region_name", json_string(d.region_name)) ||
        json_object_set(o, "clusters", list)) {
        json_decref(o);
        o = NULL;
    }
    json_decref(list);
    return res_json(r, o);
}

int api_clusters(struct request *r)
{
    struct cluster *c;
    long region = 0;
    size_t n;
    json_t *list;
    int rc, bad = 0;

    if ((rc = req_query_int(r, "region", 1000, 9999, &region)) ||
        (rc = app_cluster_list(r->store, r->arena, (int)region, &c, &n, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= push(list, cluster_json(&c[i]));
    return res_json(r, bad ? (json_decref(list), NULL) : json_pack("{s:o}", "clusters", list));
}

int api_cluster(struct request *r)
{
    struct cluster_detail d;
    json_t *o, *hospitals, *members;
    int rc, bad = 0;

    if (!cluster_code_valid(r->params[0]))
        return req_fail(r, KL_ENOTFOUND, "there is no cluster with this code");
    rc = app_cluster_get(r->store, r->arena, r->params[0], &d, &r->err);
    if (rc)
        return rc;
    hospitals = json_array();
    members = json_array();
    for (size_t i = 0; hospitals && i < d.nhospitals; i++)
        bad |= push(hospitals, json_pack("{s:s}", "name", d.hospitals[i].name));
    for (size_t i = 0; members && i < d.nmembers; i++)
        bad |= push(members, json_pack("{s:i,s:s,s:o,s:b}", "code",
                                       d.members[i].municipality_code, "name",
                                       d.members[i].municipality_name, "population",
                                       population_json(d.members[i].population), "shared",
                                       d.members[i].shared));
    o = cluster_json(&d.cluster);
    if (bad || !o || !hospitals || !members ||
        json_object_set_new(o, "region_name", json_string(d.region_name)) ||
        json_object_set(o, "hospitals", hospitals) || json_object_set(o, "municipalities", members)) {
        json_decref(o);
        o = NULL;
    }
    json_decref(hospitals);
    json_decref(members);
    return res_json(r, o);
}

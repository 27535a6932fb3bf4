/* pages_org.c - the HTML pages of the geography: the front page, regions, clusters and
 * municipalities, with their links to each other. */
#include "web/format.h"
#include "web/handlers.h"
#include "web/layout.h"
#include "web/request.h"
#include "app/org.h"
#include "core/arena.h"
#include "model/org.h"

#include <string.h>

static const char *region_href(struct request *r, int code)
{
    return arena_printf(r->arena, "/regions/%d", code);
}

static const char *cluster_href(struct request *r, const char *code)
{
    return arena_printf(r->arena, "/clusters/%s", code);
}

static const char *municipality_href(struct request *r, int code)
{
    return arena_printf(r->arena, "/municipalities/%d", code);
}

static void a_link(struct html *h, const char *href, const char *text)
{
    html_open(h, "a", "href", href, NULL);
    html_text(h, text);
    html_close(h, "a");
}

static int is_current(struct request *r, const struct cluster *c)
{
    int32_t today = req_today(r);
    return c->valid_from <= today && today <= c->valid_to;
}

/* <thead> with the given column labels (msgids, translated here), all scope="col". */
static void table_head(struct request *r, struct html *h, const char *const *labels, size_t n)
{
    html_lit(h, "<thead><tr>");
    for (size_t i = 0; i < n; i++) {
        html_open(h, "th", "scope", "col", NULL);
        html_text(h, T_(r, labels[i]));
        html_close(h, "th");
    }
    html_lit(h, "</tr></thead>");
}

static void caption(struct request *r, struct html *h, const char *msgid)
{
    html_elem(h, "caption", T_(r, msgid));
}

static void cluster_status(struct request *r, struct html *h, const struct cluster *c)
{
    int cur = is_current(r, c);
    html_open(h, "span", "class", cur ? "status current" : "status past", NULL);
    html_text(h, cur ? T_(r, "current") : (c->valid_from > req_today(r) ? T_(r, "future")
                                                                        : T_(r, "ended")));
    html_close(h, "span");
}

/* A table of clusters: name (linked), region (optional), period, status. */
static void cluster_table(struct request *r, struct html *h, const char *caption_msgid,
                          const struct cluster *cl, size_t n, const struct region *regions,
                          size_t nregions)
{
    static const char *const with_region[] = {N_("Cluster"), N_("Region"), N_("Period"),
                                              N_("Status")};
    static const char *const without[] = {N_("Cluster"), N_("Period"), N_("Status")};

    html_lit(h, "<table>");
    caption(r, h, caption_msgid);
    if (regions)
        table_head(r, h, with_region, 4);
    else
        table_head(r, h, without, 3);
    html_lit(h, "<tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<tr><th scope=\"row\">");
        a_link(h, cluster_href(r, cl[i].code), cl[i].name);
        html_lit(h, "</th>");
        if (regions) {
            html_lit(h, "<td>");
            for (size_t j = 0; j < nregions; j++)
                if (regions[j].code == cl[i].region_code)
                    a_link(h, region_href(r, regions[j].code), regions[j].name);
            html_lit(h, "</td>");
        }
        html_elem(h, "td", fmt_period(r, cl[i].valid_from, cl[i].valid_to));
        html_lit(h, "<td>");
        cluster_status(r, h, &cl[i]);
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table>\n");
}

int page_front(struct request *r)
{
    struct region *regions;
    struct municipality *ms;
    struct cluster *cl;
    size_t nr, nm, nc, current = 0;
    struct html h;
    int rc;

    if ((rc = app_region_list(r->store, r->arena, &regions, &nr, &r->err)) ||
        (rc = app_municipality_list(r->store, r->arena, 0, &ms, &nm, &r->err)) ||
        (rc = app_cluster_list(r->store, r->arena, 0, &cl, &nc, &r->err)))
        return rc;
    for (size_t i = 0; i < nc; i++)
        current += (size_t)is_current(r, &cl[i]);

    page_begin(r, &h, T_(r, "The health cluster's shared workspace"), NAV_HOME);
    html_open(&h, "p", "class", "lead", NULL);
    html_text(&h, T_(r, "klynge is where the region, its hospitals, the municipalities and "
                        "general practice run their joint work in the health clusters: the "
                        "organisation, meetings, action plans and data."));
    html_close(&h, "p");
    html_lit(&h, "<ul class=\"facts\">");
    html_lit(&h, "<li>");
    a_link(&h, "/regions", arena_printf(r->arena, "%zu %s", nr, T_(r, "regions")));
    html_lit(&h, "</li><li>");
    a_link(&h, "/municipalities", arena_printf(r->arena, "%zu %s", nm, T_(r, "municipalities")));
    html_lit(&h, "</li><li>");
    a_link(&h, "/clusters", arena_printf(r->arena, "%zu %s", current, T_(r, "current clusters")));
    html_lit(&h, "</li></ul>\n");

    html_elem(&h, "h2", T_(r, "Regions and their clusters"));
    for (size_t i = 0; i < nr; i++) {
        size_t shown = 0;
        html_lit(&h, "<section class=\"region\">");
        html_open(&h, "h3", NULL);
        a_link(&h, region_href(r, regions[i].code), regions[i].name);
        html_close(&h, "h3");
        for (size_t j = 0; j < nc; j++) {
            if (cl[j].region_code != regions[i].code || !is_current(r, &cl[j]))
                continue;
            if (!shown++)
                html_lit(&h, "<ul>");
            html_lit(&h, "<li>");
            a_link(&h, cluster_href(r, cl[j].code), cl[j].name);
            html_lit(&h, "</li>");
        }
        if (shown)
            html_lit(&h, "</ul>");
        else
            html_elem(&h, "p", T_(r, "No clusters are registered for this region yet."));
        html_lit(&h, "</section>\n");
    }
    return page_end(r, &h);
}

int page_regions(struct request *r)
{
    static const char *const cols[] = {N_("Region"), N_("Code"), N_("Current clusters"),
                                       N_("Municipalities")};
    struct region *regions;
    struct municipality *ms;
    struct cluster *cl;
    size_t nr, nm, nc;
    struct html h;
    int rc;

    if ((rc = app_region_list(r->store, r->arena, &regions, &nr, &r->err)) ||
        (rc = app_municipality_list(r->store, r->arena, 0, &ms, &nm, &r->err)) ||
        (rc = app_cluster_list(r->store, r->arena, 0, &cl, &nc, &r->err)))
        return rc;
    page_begin(r, &h, T_(r, "Regions"), NAV_REGIONS);
    html_lit(&h, "<table>");
    caption(r, &h, N_("The five regions of Denmark"));
    table_head(r, &h, cols, 4);
    html_lit(&h, "<tbody>");
    for (size_t i = 0; i < nr; i++) {
        size_t ncur = 0, nmun = 0;
        for (size_t j = 0; j < nc; j++)
            ncur += (size_t)(cl[j].region_code == regions[i].code && is_current(r, &cl[j]));
        for (size_t j = 0; j < nm; j++)
            nmun += (size_t)(ms[j].region_code == regions[i].code);
        html_lit(&h, "<tr><th scope=\"row\">");
        a_link(&h, region_href(r, regions[i].code), regions[i].name);
        html_lit(&h, "</th>");
        html_elem(&h, "td", arena_printf(r->arena, "%d", regions[i].code));
        html_open(&h, "td", "class", "num", NULL);
        html_text(&h, fmt_int(r, (int64_t)ncur));
        html_close(&h, "td");
        html_open(&h, "td", "class", "num", NULL);
        html_text(&h, fmt_int(r, (int64_t)nmun));
        html_close(&h, "td");
        html_lit(&h, "</tr>");
    }
    html_lit(&h, "</tbody></table>\n");
    return page_end(r, &h);
}

int page_region(struct request *r)
{
    struct region reg;
    struct municipality *ms;
    struct cluster *cl, *cur, *past;
    size_t nm, nc, ncur = 0, npast = 0;
    struct html h;
    long code;
    int rc;

    if ((rc = req_param_int(r, 0, 1000, 9999, &code)) ||
        (rc = app_region_get(r->store, r->arena, (int)code, &reg, &r->err)) ||
        (rc = app_cluster_list(r->store, r->arena, (int)code, &cl, &nc, &r->err)) ||
        (rc = app_municipality_list(r->store, r->arena, (int)code, &ms, &nm, &r->err)))
        return rc;
    cur = arena_calloc(r->arena, nc + 1, sizeof(*cur));
    past = arena_calloc(r->arena, nc + 1, sizeof(*past));
    if (!cur || !past)
        return req_fail(r, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < nc; i++) {
        if (is_current(r, &cl[i]))
            cur[ncur++] = cl[i];
        else
            past[npast++] = cl[i];
    }
    page_begin(r, &h, reg.name, NAV_REGIONS);
    html_open(&h, "p", "class", "meta", NULL);
    html_textf(&h, "%s %d", T_(r, "Region code"), reg.code);
    html_close(&h, "p");
    if (ncur)
        cluster_table(r, &h, N_("Current clusters"), cur, ncur, NULL, 0);
    else
        html_elem(&h, "p", T_(r, "No current clusters are registered for this region."));
    if (npast)
        cluster_table(r, &h, N_("Earlier cluster divisions"), past, npast, NULL, 0);

    html_elem(&h, "h2", T_(r, "Municipalities"));
    html_lit(&h, "<ul class=\"columns\">");
    for (size_t i = 0; i < nm; i++) {
        html_lit(&h, "<li>");
        a_link(&h, municipality_href(r, ms[i].code), ms[i].name);
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>\n");
    return page_end(r, &h);
}

int page_clusters(struct request *r)
{
    struct region *regions;
    struct cluster *cl;
    size_t nr, nc;
    long region = 0;
    struct html h;
    int rc;

    if ((rc = req_query_int(r, "region", 1000, 9999, &region)) ||
        (rc = app_region_list(r->store, r->arena, &regions, &nr, &r->err)) ||
        (rc = app_cluster_list(r->store, r->arena, (int)region, &cl, &nc, &r->err)))
        return rc;
    page_begin(r, &h, T_(r, "Clusters"), NAV_CLUSTERS);
    html_elem(&h, "p", T_(r, "A health cluster joins a hospital's catchment area with its "
                             "municipalities and general practice. A municipality can belong "
                             "to more than one cluster."));
    cluster_table(r, &h, N_("All clusters, current and earlier"), cl, nc, regions, nr);
    return page_end(r, &h);
}

int page_cluster(struct request *r)
{
    static const char *const cols[] = {N_("Municipality"), N_("Code"), N_("Population"),
                                       N_("Also in another cluster")};
    struct cluster_detail d;
    struct html h;
    size_t nshared = 0;
    int rc;

    if (!cluster_code_valid(r->params[0]))
        return req_fail(r, KL_ENOTFOUND, "%s", T_(r, "There is no cluster with this code."));
    rc = app_cluster_get(r->store, r->arena, r->params[0], &d, &r->err);
    if (rc == KL_ENOTFOUND)
        return req_fail(r, rc, "%s", T_(r, "There is no cluster with this code."));
    if (rc)
        return rc;
    page_begin(r, &h, d.cluster.name, NAV_CLUSTERS);
    html_lit(&h, "<dl class=\"facts\">");
    html_elem(&h, "dt", T_(r, "Region"));
    html_lit(&h, "<dd>");
    a_link(&h, region_href(r, d.cluster.region_code), d.region_name);
    html_lit(&h, "</dd>");
    html_elem(&h, "dt", T_(r, "Period"));
    html_lit(&h, "<dd>");
    html_text(&h, fmt_period(r, d.cluster.valid_from, d.cluster.valid_to));
    html_lit(&h, " ");
    cluster_status(r, &h, &d.cluster);
    html_lit(&h, "</dd>");
    html_elem(&h, "dt", T_(r, "Code"));
    html_elem(&h, "dd", d.cluster.code);
    html_lit(&h, "</dl>\n");
    html_lit(&h, "<p class=\"actions\">");
    a_link(&h, cluster_href(r, arena_printf(r->arena, "%s/organisation", d.cluster.code)),
           T_(r, "Organisation chart"));
    a_link(&h, cluster_href(r, arena_printf(r->arena, "%s/plan", d.cluster.code)),
           T_(r, "Year plan"));
    a_link(&h, cluster_href(r, arena_printf(r->arena, "%s/indicators", d.cluster.code)),
           T_(r, "Indicators"));
    html_lit(&h, "</p>\n");

    html_elem(&h, "h2", T_(r, "Hospitals"));
    if (d.nhospitals) {
        html_lit(&h, "<ul>");
        for (size_t i = 0; i < d.nhospitals; i++)
            html_elem(&h, "li", d.hospitals[i].name);
        html_lit(&h, "</ul>\n");
    } else {
        html_elem(&h, "p", T_(r, "No hospital is registered for this cluster."));
    }

    html_elem(&h, "h2", T_(r, "Municipalities"));
    html_lit(&h, "<table>");
    caption(r, &h, N_("Member municipalities"));
    table_head(r, &h, cols, 4);
    html_lit(&h, "<tbody>");
    for (size_t i = 0; i < d.nmembers; i++) {
        const struct cluster_member *m = &d.members[i];
        nshared += (size_t)(m->shared != 0);
        html_lit(&h, "<tr><th scope=\"row\">");
        a_link(&h, municipality_href(r, m->municipality_code), m->municipality_name);
        html_lit(&h, "</th>");
        html_elem(&h, "td", arena_printf(r->arena, "%03d", m->municipality_code));
        html_open(&h, "td", "class", "num", NULL);
        html_text(&h, m->population >= 0 ? fmt_int(r, m->population) : T_(r, "not known"));
        html_close(&h, "td");
        html_lit(&h, "<td>");
        if (m->shared) {
            html_open(&h, "strong", "class", "shared", NULL);
            html_text(&h, T_(r, "Shared"));
            html_close(&h, "strong");
        } else {
            html_text(&h, T_(r, "No"));
        }
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table>\n");
    if (nshared)
        html_elem(&h, "p", T_(r, "A shared municipality also belongs to another cluster in "
                                 "the same period; its joint work is split between them."));
    return page_end(r, &h);
}

int page_municipalities(struct request *r)
{
    static const char *const cols[] = {N_("Municipality"), N_("Code"), N_("Region")};
    struct region *regions;
    struct municipality *ms;
    size_t nr, nm;
    long region = 0;
    struct html h;
    int rc;

    if ((rc = req_query_int(r, "region", 1000, 9999, &region)) ||
        (rc = app_region_list(r->store, r->arena, &regions, &nr, &r->err)) ||
        (rc = app_municipality_list(r->store, r->arena, (int)region, &ms, &nm, &r->err)))
        return rc;
    page_begin(r, &h, T_(r, "Municipalities"), NAV_MUNICIPALITIES);
    html_lit(&h, "<table>");
    caption(r, &h, N_("The municipalities of Denmark"));
    table_head(r, &h, cols, 3);
    html_lit(&h, "<tbody>");
    for (size_t i = 0; i < nm; i++) {
        html_lit(&h, "<tr><th scope=\"row\">");
        a_link(&h, municipality_href(r, ms[i].code), ms[i].name);
        html_lit(&h, "</th>");
        html_elem(&h, "td", arena_printf(r->arena, "%03d", ms[i].code));
        html_lit(&h, "<td>");
        for (size_t j = 0; j < nr; j++)
            if (regions[j].code == ms[i].region_code)
                a_link(&h, region_href(r, regions[j].code), regions[j].name);
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table>\n");
    return page_end(r, &h);
}

int page_municipality(struct request *r)
{
    struct municipality_detail d;
    struct cluster *cl;
    struct html h;
    long code;
    int rc;

    if ((rc = req_param_int(r, 0, 100, 999, &code)))
        return rc;
    rc = app_municipality_get(r->store, r->arena, (int)code, &d, &r->err);
    if (rc == KL_ENOTFOUND)
        return req_fail(r, rc, "%s", T_(r, "There is no municipality with this code."));
    if (rc)
        return rc;
    page_begin(r, &h, d.municipality.name, NAV_MUNICIPALITIES);
    html_lit(&h, "<dl class=\"facts\">");
    html_elem(&h, "dt", T_(r, "Region"));
    html_lit(&h, "<dd>");
    a_link(&h, region_href(r, d.municipality.region_code), d.region_name);
    html_lit(&h, "</dd>");
    html_elem(&h, "dt", T_(r, "Municipality code"));
    html_elem(&h, "dd", arena_printf(r->arena, "%03d", d.municipality.code));
    html_elem(&h, "dt", T_(r, "Population"));
    html_elem(&h, "dd", d.municipality.population >= 0 ? fmt_int(r, d.municipality.population)
                                                       : T_(r, "not known"));
    html_lit(&h, "</dl>\n");
    cl = arena_calloc(r->arena, d.nclusters + 1, sizeof(*cl));
    if (!cl)
        return req_fail(r, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < d.nclusters; i++)
        cl[i] = d.clusters[i].cluster;
    if (d.nclusters)
        cluster_table(r, &h, N_("Clusters over time"), cl, d.nclusters, NULL, 0);
    else
        html_elem(&h, "p", T_(r, "The municipality is not registered in any cluster."));
    return page_end(r, &h);
}

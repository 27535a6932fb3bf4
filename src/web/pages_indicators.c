/* pages_indicators.c - indicators as pages: the catalogue, one indicator for the whole
 * country, a cluster's dashboard (each municipality and the cluster against the country
 * over time, with signals, a table behind every chart, a period filter, downloads and the
 * choice of indicators), a municipality's series of one indicator, and the downloads. */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/format.h"
#include "web/handlers.h"
#include "web/indicator_export.h"
#include "web/indicator_ui.h"
#include "web/layout.h"
#include "web/request.h"
#include "app/datapakke.h"
#include "app/indicator.h"
#include "app/org.h"
#include "app/permission.h"
#include "core/arena.h"
#include "core/buf.h"
#include "model/org.h"
#include "render/chart.h"

#include <math.h>
#include <string.h>

#define MAX_DASHBOARD_INDICATORS 40

static void a_link(struct html *h, const char *href, const char *text)
{
    html_open(h, "a", "href", href, NULL);
    html_text(h, text);
    html_close(h, "a");
}

static int allowed(struct request *r, enum permission p)
{
    struct kl_error err;
    return app_authorize(r->store, &r->who, p, 0, &err) == 0;
}

/* A chart id from an indicator code: lower case, [a-z0-9-]. */
static const char *chart_id(struct request *r, const char *prefix, const char *code)
{
    char *id = arena_printf(r->arena, "%s-%s", prefix, code);
    for (char *p = id; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
        else if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            *p = '-';
    return id;
}

static const char *query_or_null(struct request *r, const char *name)
{
    const char *v = req_query(r, name);
    return v && *v ? v : NULL;
}

/* ---- the catalogue --------------------------------------------------------------------- */

int page_indicators(struct request *r)
{
    static const char *const cols[] = {N_("Indicator"), N_("Code"), N_("Unit"), N_("Period"),
                                       N_("Values"), N_("Verified")};
    struct indicator *inds;
    int64_t *counts;
    struct cluster *cl;
    size_t n, ncl;
    struct html h;
    int32_t today = req_today(r);
    int rc;

    if ((rc = app_indicator_list(r->store, r->arena, &inds, &n, &counts, &r->err)) ||
        (rc = app_cluster_list(r->store, r->arena, 0, &cl, &ncl, &r->err)))
        return rc;
    page_begin(r, &h, T_(r, "Indicators"), NAV_INDICATORS);
    html_elem(&h, "p", T_(r, "The indicators the clusters follow, with their definitions and "
                            "sources. Definitions not yet checked against their source are "
                            "marked."));
    if (allowed(r, PERM_SIGNED_IN)) {
        html_lit(&h, "<p class=\"actions\">");
        if (allowed(r, PERM_INDICATOR_EDIT))
            a_link(&h, "/indicators/import", T_(r, "Import values"));
        a_link(&h, "/reporting", T_(r, "Reporting rounds"));
        html_lit(&h, "</p>");
    }
    html_elem(&h, "h2", T_(r, "Cluster dashboards"));
    html_lit(&h, "<ul class=\"columns\">");
    for (size_t i = 0; i < ncl; i++) {
        if (!(cl[i].valid_from <= today && today <= cl[i].valid_to))
            continue;
        html_lit(&h, "<li>");
        a_link(&h, arena_printf(r->arena, "/clusters/%s/indicators", cl[i].code), cl[i].name);
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>\n");
    html_elem(&h, "h2", T_(r, "Catalogue"));
    html_lit(&h, "<table><caption>");
    html_text(&h, T_(r, "Indicators and their definitions"));
    html_lit(&h, "</caption><thead><tr>");
    for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
        html_open(&h, "th", "scope", "col", NULL);
        html_text(&h, T_(r, cols[i]));
        html_close(&h, "th");
    }
    html_lit(&h, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<tr><th scope=\"row\">");
        a_link(&h, arena_printf(r->arena, "/indicators/%s", inds[i].code), iu_name(r, &inds[i]));
        html_lit(&h, "</th>");
        html_elem(&h, "td", inds[i].code);
        html_elem(&h, "td", iu_unit(r, &inds[i]));
        html_elem(&h, "td", T_(r, inds[i].period_kind == PERIOD_YEAR      ? N_("year")
                                  : inds[i].period_kind == PERIOD_QUARTER ? N_("quarter")
                                                                          : N_("month")));
        html_open(&h, "td", "class", "num", NULL);
        html_text(&h, fmt_int(r, counts[i]));
        html_close(&h, "td");
        html_lit(&h, "<td>");
        if (inds[i].verified) {
            html_text(&h, T_(r, "yes"));
        } else {
            html_open(&h, "strong", "class", "verify", NULL);
            html_text(&h, T_(r, "To verify against the source"));
            html_close(&h, "strong");
        }
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table>\n");
    return page_end(r, &h);
}

/* ---- one indicator for the whole country -------------------------------------------- */

/* The period asked for (?period=), else the latest with a value for the whole country,
 * else the latest; -1 when there is none. */
static int chosen_period(struct request *r, const struct ind_grid *g)
{
    const char *want = query_or_null(r, "period");
    int p = want ? ind_grid_period(g, want) : -1;
    int country = ind_grid_geo(g, GEO_COUNTRY, GEO_COUNTRY_CODE);

    if (p >= (int)g->first_period)
        return p;
    for (size_t i = g->nperiods; country >= 0 && i-- > g->first_period;) {
        const struct ind_cell *c = ind_grid_cell(g, i, (size_t)country);
        if (c->has_value || c->hidden != CELL_SHOWN)
            return (int)i;
    }
    return g->nperiods > g->first_period ? (int)g->nperiods - 1 : -1;
}

/* One row of a latest-period table. */
static void value_row(struct request *r, struct html *h, const struct ind_grid *g, size_t p,
                      size_t geo, const char *href, int strong)
{
    const struct ind_cell *c = ind_grid_cell(g, p, geo);
    const char *why = iu_missing(r, g, c);

    html_lit(h, "<tr>");
    html_open(h, "th", "scope", "row", "class", strong ? "total" : NULL, NULL);
    if (href)
        a_link(h, href, iu_geo(r, &g->geos[geo]));
    else
        html_text(h, iu_geo(r, &g->geos[geo]));
    if (c->shared && g->geos[geo].kind == GEO_MUNICIPALITY) {
        html_text(h, " ");
        html_open(h, "strong", "class", "shared", NULL);
        html_text(h, T_(r, "(also in another cluster)"));
        html_close(h, "strong");
    }
    html_close(h, "th");
    html_open(h, "td", "class", "num", NULL);
    html_text(h, iu_cell(r, g, c));
    if (g->sees_small && c->would_hide)
        html_text(h, "*");
    if (why) {
        html_open(h, "span", "class", "why", NULL);
        html_text(h, why);
        html_close(h, "span");
    }
    html_close(h, "td");
    html_open(h, "td", "class", "num", NULL);
    html_text(h, iu_count(r, c->numerator));
    html_close(h, "td");
    html_open(h, "td", "class", "num", NULL);
    html_text(h, iu_count(r, c->denominator));
    html_close(h, "td");
    html_lit(h, "<td>");
    iu_signal(r, h, c->vs_prev, 0);
    html_lit(h, "</td><td>");
    iu_signal(r, h, c->vs_country, 1);
    html_lit(h, "</td></tr>");
}

static void value_table_head(struct request *r, struct html *h, const char *caption,
                             const struct indicator *ind)
{
    static const char *const cols[] = {N_("Value"), N_("Numerator"), N_("Denominator"),
                                       N_("Against the previous period"),
                                       N_("Against the country")};
    html_lit(h, "<div class=\"table-scroll\"><table class=\"values\"><caption>");
    html_text(h, caption);
    html_lit(h, "</caption><thead><tr>");
    html_open(h, "th", "scope", "col", NULL);
    html_text(h, T_(r, "Geography"));
    html_close(h, "th");
    for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
        html_open(h, "th", "scope", "col", NULL);
        html_text(h, T_(r, cols[i]));
        if (i == 0)
            html_textf(h, " (%s)", iu_unit(r, ind));
        html_close(h, "th");
    }
    html_lit(h, "</tr></thead><tbody>");
}

int page_indicator(struct request *r)
{
    struct ind_grid g;
    struct html h;
    int p, rc;

    rc = app_indicator_grid(r->store, r->arena, &r->who, r->params[0], NULL, NULL, &g, &r->err);
    if (rc == KL_ENOTFOUND)
        return req_fail(r, rc, "%s", T_(r, "There is no indicator with this code."));
    if (rc)
        return rc;
    page_begin(r, &h, iu_name(r, &g.ind), NAV_INDICATORS);
    iu_definition(r, &h, &g.ind);
    p = chosen_period(r, &g);
    if (p < 0) {
        html_elem(&h, "p", T_(r, "No values are stored for this indicator yet."));
        return page_end(r, &h);
    }
    html_lit(&h, "<p class=\"actions\">");
    a_link(&h, arena_printf(r->arena, "/indicators/%s/csv", g.ind.code),
           T_(r, "Download all values (CSV)"));
    html_lit(&h, "</p>");
    iu_legend(r, &h, &g);
    html_open(&h, "form", "method", "get", "class", "filters", NULL);
    html_lit(&h, "<label>");
    html_text(&h, T_(r, "Period"));
    html_open(&h, "select", "name", "period", NULL);
    for (size_t i = g.nperiods; i-- > g.first_period;) {
        char text[PERIOD_TEXT_MAX];
        period_format(&g.periods[i], text);
        html_open(&h, "option", "value", arena_strdup(r->arena, text), "selected",
                  (int)i == p ? "" : NULL, NULL);
        html_text(&h, iu_period(r, &g.periods[i]));
        html_close(&h, "option");
    }
    html_close(&h, "select");
    html_lit(&h, "</label>");
    html_open(&h, "button", "type", "submit", NULL);
    html_text(&h, T_(r, "Show"));
    html_close(&h, "button");
    html_close(&h, "form");
    for (int pass = 0; pass < 2; pass++) {
        value_table_head(r, &h, arena_printf(r->arena, "%s, %s",
                                             pass ? T_(r, "Municipalities")
                                                  : T_(r, "The country, regions and clusters"),
                                             iu_period(r, &g.periods[p])),
                         &g.ind);
        for (size_t geo = 0; geo < g.ngeo; geo++) {
            enum geo_kind k = g.geos[geo].kind;
            const struct ind_cell *c = ind_grid_cell(&g, (size_t)p, geo);
            if ((k == GEO_MUNICIPALITY) != (pass == 1))
                continue;
            if (k == GEO_CLUSTER && c->missing == MISSING_NO_MEMBERS)
                continue;
            value_row(r, &h, &g, (size_t)p, geo,
                      k == GEO_CLUSTER
                          ? arena_printf(r->arena, "/clusters/%s/indicators", g.geos[geo].code)
                      : k == GEO_MUNICIPALITY
                          ? arena_printf(r->arena, "/municipalities/%s/indicators/%s",
                                         g.geos[geo].code, g.ind.code)
                          : NULL,
                      k != GEO_MUNICIPALITY);
        }
        html_lit(&h, "</tbody></table></div>\n");
    }
    return page_end(r, &h);
}

/* ---- a cluster's dashboard ------------------------------------------------------------ */

/* The grid geographies shown for cluster code: the cluster, each municipality counted in it
 * in any shown period, and the country. *n is 0 when the cluster is not in the grid. */
static int cluster_geos(struct request *r, const struct ind_grid *g, const char *code,
                        int **out, size_t *n)
{
    int cg = ind_grid_geo(g, GEO_CLUSTER, code);
    int *geos = arena_calloc(r->arena, g->ngeo + 2, sizeof(*geos));
    char *seen = arena_calloc(r->arena, g->ngeo + 1, 1);
    size_t k = 0;

    *out = geos;
    *n = 0;
    if (!geos || !seen)
        return req_fail(r, KL_ENOMEM, "out of memory");
    if (cg < 0)
        return 0;
    geos[k++] = cg;
    for (size_t p = g->first_period; p < g->nperiods; p++) {
        size_t nm;
        const int *m = ind_grid_members(g, p, (size_t)cg, &nm);
        for (size_t i = 0; i < nm; i++)
            seen[m[i]] = 1;
    }
    for (size_t geo = 0; geo < g->ngeo; geo++)
        if (seen[geo])
            geos[k++] = (int)geo;
    geos[k++] = ind_grid_geo(g, GEO_COUNTRY, GEO_COUNTRY_CODE);
    *n = k;
    return 0;
}

/* The note on the municipalities munis[0..nm) that count in two clusters in a shown period:
 * the clusters (other than except, a geography index or -1) each also belongs to. */
static void shared_note(struct request *r, struct html *h, const struct ind_grid *g,
                        const int *munis, size_t nm, int except)
{
    int any = 0;

    for (size_t i = 0; i < nm; i++) {
        int shared = 0;
        struct buf others;
        for (size_t p = g->first_period; p < g->nperiods && !shared; p++)
            shared = ind_grid_cell(g, p, (size_t)munis[i])->shared;
        if (!shared)
            continue;
        buf_init(&others, 4096);
        for (size_t geo = 0; geo < g->ngeo; geo++) {
            int in = 0;
            if (g->geos[geo].kind != GEO_CLUSTER || (int)geo == except)
                continue;
            for (size_t p = g->first_period; p < g->nperiods && !in; p++) {
                size_t n;
                const int *m = ind_grid_members(g, p, geo, &n);
                for (size_t k = 0; k < n && !in; k++)
                    in = m[k] == munis[i];
            }
            if (in)
                buf_printf(&others, "%s%s", others.len ? ", " : "", g->geos[geo].name);
        }
        if (!any)
            html_open(h, "div", "class", "notice shared-note", NULL);
        any = 1;
        html_open(h, "p", NULL);
        html_textf(h, T_(r, "%s belongs to more than one cluster (%s). A municipality in two "
                            "clusters counts fully in both, so the clusters' values do not add "
                            "up to the region's."),
                   g->geos[munis[i]].name, buf_cstr(&others));
        html_close(h, "p");
        buf_free(&others);
    }
    if (any)
        html_close(h, "div");
}

/* The bar chart of the last period: cluster and municipalities against the country. */
static int latest_bars(struct request *r, struct html *h, const struct ind_grid *g,
                       const int *geos, size_t n, size_t p)
{
    struct chart_bar *bars = arena_calloc(r->arena, n + 1, sizeof(*bars));
    const struct ind_cell *cc = ind_grid_cell(g, p, (size_t)geos[n - 1]);
    struct chart_bars c = {0};
    struct buf svg;
    int rc;

    if (!bars)
        return req_fail(r, KL_ENOMEM, "out of memory");
    if (n - 1 > CHART_MAX_BARS)
        return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        const struct ind_cell *cell = ind_grid_cell(g, p, (size_t)geos[i]);
        enum signal s = cell->vs_country;
        bars[i].name = iu_geo(r, &g->geos[geos[i]]);
        bars[i].value = cell->has_value ? cell->value : NAN;
        bars[i].label = s != SIGNAL_NONE ? arena_printf(r->arena, "%s %s", iu_cell(r, g, cell),
                                                        iu_signal_shape(s))
                                         : iu_cell(r, g, cell);
        bars[i].tone = s == SIGNAL_GOOD ? CHART_TONE_GOOD : s == SIGNAL_SAME ? CHART_TONE_SAME
                       : s == SIGNAL_BAD ? CHART_TONE_BAD : CHART_TONE_NEUTRAL;
        bars[i].emphasis = i == 0;
    }
    c.id = chart_id(r, "bars", g->ind.code);
    c.title = arena_printf(r->arena, "%s, %s", iu_name(r, &g->ind), iu_period(r, &g->periods[p]));
    c.desc = T_(r, "The cluster and each municipality against the whole country (the dashed "
                   "line), coloured and marked by their signal against the country; the table "
                   "below holds the same numbers and signals in words.");
    c.bars = bars;
    c.n = n - 1;
    c.reference = cc->has_value ? cc->value : NAN;
    c.reference_label = cc->has_value ? arena_printf(r->arena, "%s: %s",
                                                     T_(r, "The whole country"),
                                                     iu_cell(r, g, cc))
                                      : NULL;
    buf_init(&svg, (size_t)4 << 20);
    rc = chart_bar_svg(&c, &svg, &r->err);
    if (rc == 0) {
        html_lit(h, "<figure class=\"chart\">");
        html_rendered(h, svg.data, svg.len);
        html_lit(h, "</figure>");
    }
    buf_free(&svg);
    return rc;
}

/* One indicator's section of a cluster dashboard. */
static int dashboard_section(struct request *r, struct html *h, const struct ind_grid *g,
                             const char *cluster)
{
    int *geos;
    size_t n, p;
    int rc;

    html_open(h, "section", "class", "indicator", "aria-labelledby",
              chart_id(r, "h", g->ind.code), NULL);
    html_open(h, "h2", "id", chart_id(r, "h", g->ind.code), NULL);
    html_text(h, iu_name(r, &g->ind));
    html_close(h, "h2");
    html_lit(h, "<p class=\"meta\">");
    html_textf(h, "%s · %s · ", g->ind.code, iu_unit(r, &g->ind));
    a_link(h, arena_printf(r->arena, "/indicators/%s", g->ind.code),
           T_(r, "definition and source"));
    if (!g->ind.verified) {
        html_text(h, " · ");
        html_open(h, "strong", "class", "verify", NULL);
        html_text(h, T_(r, "To verify against the source"));
        html_close(h, "strong");
    }
    html_lit(h, "</p>");
    if ((rc = cluster_geos(r, g, cluster, &geos, &n)))
        return rc;
    if (n == 0 || g->nperiods == g->first_period) {
        html_elem(h, "p", T_(r, "No values for this cluster in the periods shown."));
        html_close(h, "section");
        return 0;
    }
    shared_note(r, h, g, geos + 1, n - 2, geos[0]);
    p = ind_grid_latest(g, geos, n - 1);
    html_elem(h, "h3", arena_printf(r->arena, "%s: %s", T_(r, "Latest period"),
                                    iu_period(r, &g->periods[p])));
    if ((rc = latest_bars(r, h, g, geos, n, p)))
        return rc;
    value_table_head(r, h, arena_printf(r->arena, "%s, %s", iu_name(r, &g->ind),
                                        iu_period(r, &g->periods[p])),
                     &g->ind);
    for (size_t i = 0; i < n; i++) {
        enum geo_kind k = g->geos[geos[i]].kind;
        value_row(r, h, g, p, (size_t)geos[i],
                  k == GEO_MUNICIPALITY
                      ? arena_printf(r->arena, "/municipalities/%s/indicators/%s",
                                     g->geos[geos[i]].code, g->ind.code)
                      : NULL,
                  k != GEO_MUNICIPALITY);
    }
    html_lit(h, "</tbody></table></div>\n");
    html_elem(h, "h3", T_(r, "Over time"));
    rc = iu_series(r, h, g, geos, n, 1, chart_id(r, "line", g->ind.code),
                   arena_printf(r->arena, "%s: %s", iu_name(r, &g->ind),
                                g->geos[geos[0]].name));
    html_close(h, "section");
    return rc;
}

/* The grids of the indicators cluster code shows, for the request's period filter. */
static int dashboard_grids(struct request *r, const char *code, struct ind_grid **grids,
                           size_t *n, int *chosen)
{
    const char **codes;
    size_t nc;
    int rc = app_cluster_indicators(r->store, r->arena, code, &codes, &nc, chosen, &r->err);

    if (rc)
        return rc;
    if (nc > MAX_DASHBOARD_INDICATORS)
        nc = MAX_DASHBOARD_INDICATORS;
    *grids = arena_calloc(r->arena, nc + 1, sizeof(**grids));
    if (!*grids)
        return req_fail(r, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < nc; i++) {
        rc = app_indicator_grid(r->store, r->arena, &r->who, codes[i], query_or_null(r, "from"),
                                query_or_null(r, "to"), &(*grids)[i], &r->err);
        if (rc == KL_EINVAL)
            return req_fail(r, rc, "%s", r->err.msg);
        if (rc)
            return rc;
    }
    *n = nc;
    return 0;
}

static int cluster_of(struct request *r, struct cluster_detail *cd)
{
    int rc;

    if (!cluster_code_valid(r->params[0]))
        return req_fail(r, KL_ENOTFOUND, "%s", T_(r, "There is no cluster with this code."));
    rc = app_cluster_get(r->store, r->arena, r->params[0], cd, &r->err);
    if (rc == KL_ENOTFOUND)
        return req_fail(r, rc, "%s", T_(r, "There is no cluster with this code."));
    return rc;
}

/* The form that chooses the cluster's indicators. */
static int choice_form(struct request *r, struct html *h, const char *cluster,
                       const struct ind_grid *grids, size_t n, int chosen)
{
    struct indicator *all;
    size_t nall;
    int rc = app_indicator_list(r->store, r->arena, &all, &nall, NULL, &r->err);

    if (rc)
        return rc;
    html_elem(h, "h2", T_(r, "The cluster's indicators"));
    html_elem(h, "p", chosen ? T_(r, "The dashboard shows the indicators chosen below.")
                             : T_(r, "No indicators are chosen yet: the dashboard shows every "
                                     "indicator with values."));
    ui_form_begin(r, h, arena_printf(r->arena, "/clusters/%s/indicators", cluster));
    html_lit(h, "<fieldset><legend>");
    html_text(h, T_(r, "Indicators on the dashboard"));
    html_lit(h, "</legend>");
    for (size_t i = 0; i < nall; i++) {
        int on = 0;
        for (size_t k = 0; chosen && k < n; k++)
            on |= strcmp(grids[k].ind.code, all[i].code) == 0;
        html_lit(h, "<label class=\"check\">");
        html_open(h, "input", "type", "checkbox", "name", "indicator", "value", all[i].code,
                  "checked", on ? "" : NULL, NULL);
        html_textf(h, "%s (%s)", iu_name(r, &all[i]), all[i].code);
        html_lit(h, "</label>");
    }
    html_lit(h, "</fieldset>");
    ui_form_end(r, h, N_("Save the choice"));
    return 0;
}

/* The overview of the dashboard: the data package's small-multiples table as SVG (the
 * sections below hold the same numbers in tables). */
static int overview(struct request *r, struct html *h, const char *cluster,
                    const struct ind_grid *grids, size_t n)
{
    const struct chart_table *t;
    struct buf svg;
    int rc;

    if (n == 0)
        return 0;
    if (app_indicator_overview(r->arena, r->lang, cluster, grids, n, &t) || !t)
        return req_fail(r, KL_ENOMEM, "out of memory");
    buf_init(&svg, (size_t)4 << 20);
    rc = chart_table_svg(t, &svg, &r->err);
    if (rc == 0) {
        html_elem(h, "h2", t->title);
        html_lit(h, "<figure class=\"chart\">");
        html_rendered(h, svg.data, svg.len);
        html_lit(h, "</figure>");
    }
    buf_free(&svg);
    return rc;
}

int page_cluster_indicators(struct request *r)
{
    struct cluster_detail cd;
    struct ind_grid *grids;
    size_t n;
    int chosen, rc;
    struct html h;
    const char *from = query_or_null(r, "from"), *to = query_or_null(r, "to");
    const char *q;

    if ((rc = cluster_of(r, &cd)) || (rc = dashboard_grids(r, cd.cluster.code, &grids, &n,
                                                           &chosen)))
        return rc;
    page_begin(r, &h, arena_printf(r->arena, "%s: %s", cd.cluster.name, T_(r, "indicators")),
               NAV_INDICATORS);
    html_lit(&h, "<p>");
    a_link(&h, arena_printf(r->arena, "/clusters/%s", cd.cluster.code), cd.cluster.name);
    html_text(&h, " · ");
    a_link(&h, "/indicators", T_(r, "All indicators"));
    html_lit(&h, "</p>");
    html_elem(&h, "p", T_(r, "Each municipality and the cluster against the whole country, "
                            "with signals. The cluster's values are computed from its "
                            "municipalities' values through the membership in force in each "
                            "period."));
    html_open(&h, "form", "method", "get", "class", "filters", NULL);
    html_lit(&h, "<label>");
    html_text(&h, T_(r, "From period"));
    html_open(&h, "input", "type", "text", "name", "from", "value", from ? from : "",
              "placeholder", "2020", "size", "10", NULL);
    html_lit(&h, "</label><label>");
    html_text(&h, T_(r, "To period"));
    html_open(&h, "input", "type", "text", "name", "to", "value", to ? to : "", "placeholder",
              "2024", "size", "10", NULL);
    html_lit(&h, "</label>");
    html_open(&h, "button", "type", "submit", NULL);
    html_text(&h, T_(r, "Show"));
    html_close(&h, "button");
    html_close(&h, "form");
    q = arena_printf(r->arena, "%s%s%s%s%s", from || to ? "?" : "", from ? "from=" : "",
                     from ? from : "", from && to ? "&to=" : to ? "to=" : "", to ? to : "");
    if (q && strpbrk(q, " \"<>#%"))
        q = "";
    html_lit(&h, "<p class=\"actions\">");
    a_link(&h, arena_printf(r->arena, "/clusters/%s/indicators/csv%s", cd.cluster.code, q),
           T_(r, "Download (CSV)"));
    html_text(&h, " ");
    a_link(&h, arena_printf(r->arena, "/clusters/%s/indicators/xlsx%s", cd.cluster.code, q),
           T_(r, "Download (Excel)"));
    html_lit(&h, "</p>");
    if (n == 0)
        html_elem(&h, "p", T_(r, "No indicator has values yet."));
    else
        iu_legend(r, &h, &grids[0]);
    if ((rc = overview(r, &h, cd.cluster.code, grids, n)))
        return rc;
    for (size_t i = 0; i < n; i++)
        if ((rc = dashboard_section(r, &h, &grids[i], cd.cluster.code)))
            return rc;
    if (allowed(r, PERM_INDICATOR_EDIT) &&
        (rc = choice_form(r, &h, cd.cluster.code, grids, n, chosen)))
        return rc;
    return page_end(r, &h);
}

int post_cluster_indicators(struct request *r)
{
    const char *codes[FORM_MAX_FIELDS];
    struct form f;
    size_t n = 0;
    int rc;

    if ((rc = req_form(r, &f)))
        return rc;
    for (size_t i = 0; i < f.n; i++)
        if (strcmp(f.name[i], "indicator") == 0)
            codes[n++] = f.value[i];
    rc = app_cluster_indicators_set(r->store, &r->who, r->params[0], codes, n, &r->err);
    if (rc == KL_EINVAL || rc == KL_ENOTFOUND)
        return req_fail(r, rc, "%s", r->err.msg);
    if (rc)
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/clusters/%s/indicators", r->params[0]));
}

/* The downloads of a cluster's dashboard. */
static int cluster_download(struct request *r, int xlsx)
{
    struct cluster_detail cd;
    struct ind_grid *grids;
    struct iu_export *parts;
    size_t n;
    int chosen, rc;

    if ((rc = cluster_of(r, &cd)) || (rc = dashboard_grids(r, cd.cluster.code, &grids, &n,
                                                           &chosen)))
        return rc;
    parts = arena_calloc(r->arena, n + 1, sizeof(*parts));
    if (!parts)
        return req_fail(r, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        int *geos;
        size_t ng;
        if ((rc = cluster_geos(r, &grids[i], cd.cluster.code, &geos, &ng)))
            return rc;
        parts[i] = (struct iu_export){&grids[i], geos, ng};
    }
    if (xlsx)
        return iu_send_xlsx(r, arena_printf(r->arena, "klynge-%s.xlsx", cd.cluster.code), parts,
                            n);
    return iu_send_csv(r, arena_printf(r->arena, "klynge-%s.csv", cd.cluster.code), parts, n);
}

int get_cluster_indicators_csv(struct request *r)
{
    return cluster_download(r, 0);
}

int get_cluster_indicators_xlsx(struct request *r)
{
    return cluster_download(r, 1);
}

/* ---- a municipality's series -------------------------------------------------------------- */

/* The municipality, its clusters in any shown period, and the country. */
static int series_geos(struct request *r, const struct ind_grid *g, int mg, int **out,
                       size_t *n)
{
    int *geos = arena_calloc(r->arena, g->ngeo + 2, sizeof(*geos));
    size_t k = 0;

    if (!geos)
        return req_fail(r, KL_ENOMEM, "out of memory");
    geos[k++] = mg;
    for (size_t geo = 0; geo < g->ngeo; geo++) {
        int in = 0;
        if (g->geos[geo].kind != GEO_CLUSTER)
            continue;
        for (size_t p = g->first_period; p < g->nperiods && !in; p++) {
            size_t nm;
            const int *m = ind_grid_members(g, p, geo, &nm);
            for (size_t i = 0; i < nm && !in; i++)
                in = m[i] == mg;
        }
        if (in)
            geos[k++] = (int)geo;
    }
    geos[k++] = ind_grid_geo(g, GEO_COUNTRY, GEO_COUNTRY_CODE);
    *out = geos;
    *n = k;
    return 0;
}

/* Reads the municipality and indicator of the path into the grid; *mg its geography. */
static int series_grid(struct request *r, struct ind_grid *g, int *mg,
                       struct municipality_detail *md)
{
    long code;
    int rc;

    if ((rc = req_param_int(r, 0, 100, 999, &code)))
        return rc;
    rc = app_municipality_get(r->store, r->arena, (int)code, md, &r->err);
    if (rc == KL_ENOTFOUND)
        return req_fail(r, rc, "%s", T_(r, "There is no municipality with this code."));
    if (rc)
        return rc;
    rc = app_indicator_grid(r->store, r->arena, &r->who, r->params[1], query_or_null(r, "from"),
                            query_or_null(r, "to"), g, &r->err);
    if (rc == KL_ENOTFOUND)
        return req_fail(r, rc, "%s", T_(r, "There is no indicator with this code."));
    if (rc == KL_EINVAL)
        return req_fail(r, rc, "%s", r->err.msg);
    if (rc)
        return rc;
    *mg = ind_grid_geo(g, GEO_MUNICIPALITY, arena_printf(r->arena, "%d", (int)code));
    if (*mg < 0)
        return req_fail(r, KL_ENOTFOUND, "%s", T_(r, "There is no municipality with this code."));
    return 0;
}

int page_muni_indicator(struct request *r)
{
    static const char *const cols[] = {N_("Period"), N_("Value"), N_("Numerator"),
                                       N_("Denominator"), N_("Against the previous period"),
                                       N_("Against the country"), N_("Source")};
    struct municipality_detail md;
    struct ind_grid g;
    struct indicator *all;
    size_t nall, n;
    int *geos, mg, rc;
    struct html h;

    if ((rc = series_grid(r, &g, &mg, &md)) || (rc = series_geos(r, &g, mg, &geos, &n)) ||
        (rc = app_indicator_list(r->store, r->arena, &all, &nall, NULL, &r->err)))
        return rc;
    page_begin(r, &h, arena_printf(r->arena, "%s: %s", md.municipality.name, iu_name(r, &g.ind)),
               NAV_INDICATORS);
    html_lit(&h, "<p>");
    a_link(&h, arena_printf(r->arena, "/municipalities/%d", md.municipality.code),
           md.municipality.name);
    for (size_t i = 1; i + 1 < n; i++) {
        html_text(&h, " · ");
        a_link(&h, arena_printf(r->arena, "/clusters/%s/indicators", g.geos[geos[i]].code),
               arena_printf(r->arena, "%s: %s", g.geos[geos[i]].name, T_(r, "indicators")));
    }
    html_lit(&h, "</p>");
    iu_definition(r, &h, &g.ind);
    if (g.nperiods == g.first_period) {
        html_elem(&h, "p", T_(r, "No values are stored for this indicator yet."));
        return page_end(r, &h);
    }
    html_lit(&h, "<p class=\"actions\">");
    a_link(&h, arena_printf(r->arena, "/municipalities/%d/indicators/%s/csv",
                            md.municipality.code, g.ind.code),
           T_(r, "Download the series (CSV)"));
    html_text(&h, " ");
    a_link(&h, arena_printf(r->arena, "/municipalities/%d/indicators/%s/xlsx",
                            md.municipality.code, g.ind.code),
           T_(r, "Download the series (Excel)"));
    html_lit(&h, "</p>");
    iu_legend(r, &h, &g);
    shared_note(r, &h, &g, &mg, 1, -1);
    if ((rc = iu_series(r, &h, &g, geos, n, 0, chart_id(r, "series", g.ind.code),
                        arena_printf(r->arena, "%s: %s", iu_name(r, &g.ind),
                                     md.municipality.name))))
        return rc;
    html_elem(&h, "h2", arena_printf(r->arena, "%s: %s", md.municipality.name,
                                     T_(r, "values with signals and sources")));
    html_lit(&h, "<div class=\"table-scroll\"><table class=\"values\"><caption>");
    html_text(&h, arena_printf(r->arena, "%s, %s (%s)", md.municipality.name, iu_name(r, &g.ind),
                               iu_unit(r, &g.ind)));
    html_lit(&h, "</caption><thead><tr>");
    for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
        html_open(&h, "th", "scope", "col", NULL);
        html_text(&h, T_(r, cols[i]));
        html_close(&h, "th");
    }
    html_lit(&h, "</tr></thead><tbody>");
    for (size_t p = g.nperiods; p-- > g.first_period;) {
        const struct ind_cell *c = ind_grid_cell(&g, p, (size_t)mg);
        html_lit(&h, "<tr>");
        html_open(&h, "th", "scope", "row", NULL);
        html_text(&h, iu_period(r, &g.periods[p]));
        html_close(&h, "th");
        html_open(&h, "td", "class", "num", NULL);
        html_text(&h, iu_cell(r, &g, c));
        if (g.sees_small && c->would_hide)
            html_text(&h, "*");
        html_close(&h, "td");
        html_open(&h, "td", "class", "num", NULL);
        html_text(&h, iu_count(r, c->numerator));
        html_close(&h, "td");
        html_open(&h, "td", "class", "num", NULL);
        html_text(&h, iu_count(r, c->denominator));
        html_close(&h, "td");
        html_lit(&h, "<td>");
        iu_signal(r, &h, c->vs_prev, 0);
        html_lit(&h, "</td><td>");
        iu_signal(r, &h, c->vs_country, 1);
        html_lit(&h, "</td>");
        html_elem(&h, "td", c->has_value && c->source_label ? c->source_label : "");
        html_lit(&h, "</tr>");
    }
    html_lit(&h, "</tbody></table></div>\n");
    html_elem(&h, "h2", T_(r, "Other indicators"));
    html_lit(&h, "<ul class=\"columns\">");
    for (size_t i = 0; i < nall; i++) {
        if (strcmp(all[i].code, g.ind.code) == 0)
            continue;
        html_lit(&h, "<li>");
        a_link(&h, arena_printf(r->arena, "/municipalities/%d/indicators/%s",
                                md.municipality.code, all[i].code),
               iu_name(r, &all[i]));
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>\n");
    return page_end(r, &h);
}

static int series_download(struct request *r, int xlsx)
{
    struct municipality_detail md;
    struct ind_grid g;
    struct iu_export part;
    int *geos, mg, rc;
    size_t n;

    if ((rc = series_grid(r, &g, &mg, &md)) || (rc = series_geos(r, &g, mg, &geos, &n)))
        return rc;
    part = (struct iu_export){&g, geos, n};
    if (xlsx)
        return iu_send_xlsx(r, arena_printf(r->arena, "klynge-%d-%s.xlsx", md.municipality.code,
                                            g.ind.code), &part, 1);
    return iu_send_csv(r, arena_printf(r->arena, "klynge-%d-%s.csv", md.municipality.code,
                                       g.ind.code), &part, 1);
}

int get_muni_ind_csv(struct request *r)
{
    return series_download(r, 0);
}

int get_muni_ind_xlsx(struct request *r)
{
    return series_download(r, 1);
}

int get_indicator_csv(struct request *r)
{
    struct ind_grid g;
    struct iu_export part;
    int *geos, rc;

    rc = app_indicator_grid(r->store, r->arena, &r->who, r->params[0], query_or_null(r, "from"),
                            query_or_null(r, "to"), &g, &r->err);
    if (rc == KL_ENOTFOUND)
        return req_fail(r, rc, "%s", T_(r, "There is no indicator with this code."));
    if (rc == KL_EINVAL)
        return req_fail(r, rc, "%s", r->err.msg);
    if (rc)
        return rc;
    geos = arena_calloc(r->arena, g.ngeo + 1, sizeof(*geos));
    if (!geos)
        return req_fail(r, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < g.ngeo; i++)
        geos[i] = (int)i;
    part = (struct iu_export){&g, geos, g.ngeo};
    return iu_send_csv(r, arena_printf(r->arena, "klynge-%s.csv", g.ind.code), &part, 1);
}

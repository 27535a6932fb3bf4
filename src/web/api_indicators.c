/* api_indicators.c - the JSON API of indicators under /api/v1/: the catalogue with each
 * definition, and an indicator's values per geography and period with signals, as the
 * caller may see them (discretion applied by app_indicator_grid: a hidden value has
 * "value": null and "display": "<5" or "x"). */
#include "web/handlers.h"
#include "web/indicator_ui.h"
#include "web/json_out.h"
#include "web/request.h"
#include "app/discretion.h"
#include "app/indicator.h"
#include "app/org.h"
#include "core/arena.h"
#include "core/number.h"
#include "model/org.h"

#include <jansson.h>
#include <string.h>

static json_t *definition_json(const struct indicator *i, int64_t count)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, "
                          "s:s, s:f, s:i, s:b, s:s}",
                          "code", i->code, "name_da", i->name_da, "name_en", i->name_en,
                          "description", i->description, "numerator", i->numerator,
                          "denominator", i->denominator, "unit", ind_unit_name(i->unit),
                          "better", ind_better_name(i->better), "source_kind",
                          ind_source_name(i->source_kind), "source", i->source, "source_url",
                          i->source_url, "period_kind", period_kind_name(i->period_kind),
                          "min_count", i->min_count, "signal_rule",
                          signal_rule_name(i->signal_rule), "tolerance", i->tolerance,
                          "decimals", i->decimals, "verified", i->verified, "verify_note",
                          i->verify_note);
    if (o && count >= 0)
        json_object_set_new(o, "values", json_integer(count));
    return o;
}

int api_indicators(struct request *r)
{
    struct indicator *inds;
    int64_t *counts;
    size_t n;
    json_t *list;
    int rc = app_indicator_list(r->store, r->arena, &inds, &n, &counts, &r->err), bad = 0;

    if (rc)
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++) {
        json_t *d = definition_json(&inds[i], counts[i]);
        bad |= d ? json_array_append_new(list, d) : -1;
    }
    if (!list || bad) {
        json_decref(list);
        return res_json(r, NULL);
    }
    return res_json(r, json_pack("{s:o}", "indicators", list));
}

static json_t *opt_int(int64_t v)
{
    return v < 0 ? json_null() : json_integer(v);
}

static json_t *opt_signal(enum signal s)
{
    return s == SIGNAL_NONE ? json_null() : json_string(signal_name(s));
}

static json_t *cell_json(const struct ind_grid *g, size_t p, size_t geo)
{
    const struct ind_cell *c = ind_grid_cell(g, p, geo);
    const struct ind_geo *gg = &g->geos[geo];
    char period[PERIOD_TEXT_MAX], display[48];
    json_t *o;

    period_format(&g->periods[p], period);
    if (c->hidden != CELL_SHOWN)
        discretion_text(g, c->hidden, display);
    else
        number_format(c->value, g->ind.decimals, '.', 0, display, sizeof(display));
    o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:b, s:b, s:o, s:o}",
                  "period", period, "geo_kind", geo_kind_name(gg->kind), "geo_code", gg->code,
                  "geo_name", gg->kind == GEO_COUNTRY ? "Danmark" : gg->name, "value",
                  c->hidden == CELL_SHOWN ? json_real(c->value) : json_null(), "numerator",
                  opt_int(c->numerator), "denominator", opt_int(c->denominator), "hidden",
                  c->hidden == CELL_SMALL       ? json_string("small")
                  : c->hidden == CELL_SECONDARY ? json_string("secondary")
                                                : json_null(),
                  "display", display, "computed", c->computed, "shared", c->shared,
                  "vs_previous", opt_signal(c->vs_prev), "vs_country",
                  opt_signal(c->vs_country));
    if (o && g->sees_small)
        json_object_set_new(o, "hidden_from_others",
                            c->would_hide == CELL_SMALL       ? json_string("small")
                            : c->would_hide == CELL_SECONDARY ? json_string("secondary")
                                                              : json_null());
    if (o && c->has_value && !c->computed && c->source_label)
        json_object_set_new(o, "source",
                            json_pack("{s:s, s:s}", "kind", value_source_name(c->source_kind),
                                      "label", c->source_label));
    return o;
}

/* Which geographies ?geo= asks for: all (-2), a kind (*kind), or one (*one). 0, or the
 * request's error for a code that names nothing. */
static int geo_filter(struct request *r, const struct ind_grid *g, const char *geo, int *kind,
                      int *one)
{
    struct cluster_detail cd;
    size_t n = geo ? strlen(geo) : 0, digits = geo ? strspn(geo, "0123456789") : 0;

    *kind = -1;
    *one = -1;
    if (!geo || !*geo)
        return 0;
    if ((*kind = geo_kind_parse(geo)) >= 0)
        return 0;
    if (strcmp(geo, GEO_COUNTRY_CODE) == 0)
        *one = ind_grid_geo(g, GEO_COUNTRY, GEO_COUNTRY_CODE);
    else if (digits == n && n <= 3)
        *one = ind_grid_geo(g, GEO_MUNICIPALITY, geo);
    else if (digits == n && n == 4)
        *one = ind_grid_geo(g, GEO_REGION, geo);
    else if (cluster_code_valid(geo)) {
        *one = ind_grid_geo(g, GEO_CLUSTER, geo);
        if (*one < 0 && app_cluster_get(r->store, r->arena, geo, &cd, &r->err) == 0)
            *one = -3; /* a cluster without values in these periods */
    }
    if (*one == -1)
        return req_fail(r, KL_EINVAL, "geo '%s' is not a municipality, cluster or region code, "
                        "DK, or one of municipality, cluster, region, country", geo);
    return 0;
}

int api_indicator_values(struct request *r)
{
    const char *period = req_query(r, "period"), *from = req_query(r, "from");
    const char *to = req_query(r, "to");
    struct ind_grid g;
    json_t *list, *out;
    int kind, one, rc, bad = 0;

    if (period && *period)
        from = to = period;
    rc = app_indicator_grid(r->store, r->arena, &r->who, r->params[0], from, to, &g, &r->err);
    if (rc == KL_ENOTFOUND)
        return req_fail(r, rc, "there is no indicator with this code");
    if (rc == KL_EINVAL)
        return req_fail(r, rc, "%s", r->err.msg);
    if (rc || (rc = geo_filter(r, &g, req_query(r, "geo"), &kind, &one)))
        return rc;
    list = json_array();
    for (size_t p = g.first_period; list && p < g.nperiods; p++)
        for (size_t geo = 0; geo < g.ngeo; geo++) {
            const struct ind_cell *c = ind_grid_cell(&g, p, geo);
            json_t *cj;
            if ((kind >= 0 && (int)g.geos[geo].kind != kind) || (one != -1 && (int)geo != one))
                continue;
            if (!c->has_value && c->hidden == CELL_SHOWN)
                continue;
            cj = cell_json(&g, p, geo);
            bad |= cj ? json_array_append_new(list, cj) : -1;
        }
    if (!list || bad) {
        json_decref(list);
        return res_json(r, NULL);
    }
    out = json_pack("{s:o, s:b, s:o}", "indicator", definition_json(&g.ind, -1),
                    "small_numbers_shown", g.sees_small, "values", list);
    return res_json(r, out);
}

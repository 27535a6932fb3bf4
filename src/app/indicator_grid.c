/* indicator_grid.c - building an indicator's grid of values: periods, geographies, stored
 * cells, sums for clusters, regions and the country, and signals (see indicator_grid.h). */
#include "app/indicator_grid.h"
#include "core/arena.h"
#include "core/error.h"
#include "model/org.h"
#include "store/indicator.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct ind_cell *ind_grid_cell(const struct ind_grid *g, size_t p, size_t geo)
{
    return &g->cells[p * g->ngeo + geo];
}

int ind_grid_geo(const struct ind_grid *g, enum geo_kind kind, const char *code)
{
    for (size_t i = 0; code && i < g->ngeo; i++)
        if (g->geos[i].kind == kind && strcmp(g->geos[i].code, code) == 0)
            return (int)i;
    return -1;
}

int ind_grid_period(const struct ind_grid *g, const char *text)
{
    struct period p;
    if (period_parse(text, &p) || p.kind != g->ind.period_kind)
        return -1;
    for (size_t i = 0; i < g->nperiods; i++)
        if (period_cmp(&g->periods[i], &p) == 0)
            return (int)i;
    return -1;
}

const int *ind_grid_members(const struct ind_grid *g, size_t p, size_t geo, size_t *n)
{
    size_t k = p * g->ngeo + geo;
    *n = g->member_start[k + 1] - g->member_start[k];
    return *n ? &g->member_idx[g->member_start[k]] : NULL;
}

size_t ind_grid_latest(const struct ind_grid *g, const int *geos, size_t n)
{
    for (size_t p = g->nperiods; p-- > g->first_period;)
        for (size_t i = 0; i < n; i++) {
            const struct ind_cell *c = ind_grid_cell(g, p, (size_t)geos[i]);
            if (c->has_value || c->hidden != CELL_SHOWN)
                return p;
        }
    return g->nperiods - 1;
}

int64_t ind_cell_count(const struct indicator *ind, const struct ind_cell *c)
{
    if (!c->has_value)
        return -1;
    if (c->numerator >= 0)
        return c->numerator;
    if (ind->unit == IND_UNIT_COUNT)
        return (int64_t)llround(c->value);
    return -1;
}

static int cmp_period(const void *a, const void *b)
{
    return period_cmp(a, b);
}

int ind_period_bound(const char *text, enum period_kind kind, int upper, struct period *out)
{
    struct period p;
    if (period_parse(text, &p))
        return -1;
    if (p.kind == kind) {
        *out = p;
        return 0;
    }
    out->kind = kind;
    out->year = p.year;
    if (p.kind == PERIOD_YEAR)
        out->part = upper ? (kind == PERIOD_QUARTER ? 4 : 12) : 1;
    else if (p.kind == PERIOD_QUARTER && kind == PERIOD_MONTH)
        out->part = upper ? 3 * p.part : 3 * p.part - 2;
    else if (p.kind == PERIOD_MONTH && kind == PERIOD_QUARTER)
        out->part = (p.part + 2) / 3;
    else
        out->part = 0; /* a quarter or month bounding a yearly indicator: its year */
    return 0;
}

/* Distinct periods of the values, within the range (and the one before `from`). */
static int collect_periods(struct arena *a, const struct ind_grid_input *in, struct ind_grid *g)
{
    struct period from, to, before;
    int has_from = in->from && ind_period_bound(in->from, in->ind->period_kind, 0, &from) == 0;
    int has_to = in->to && ind_period_bound(in->to, in->ind->period_kind, 1, &to) == 0;
    size_t n = 0;

    g->periods = arena_calloc(a, in->nvalues + 1, sizeof(*g->periods));
    if (!g->periods)
        return KL_ENOMEM;
    if (has_from)
        before = period_prev(&from);
    for (size_t i = 0; i < in->nvalues; i++) {
        struct period p;
        int seen = 0;
        if (period_parse(in->values[i].period, &p) || p.kind != in->ind->period_kind)
            continue;
        if (has_from && period_cmp(&p, &from) < 0 && period_cmp(&p, &before) != 0)
            continue;
        if (has_to && period_cmp(&p, &to) > 0)
            continue;
        for (size_t j = n; j-- > 0 && !seen;)
            seen = period_cmp(&g->periods[j], &p) == 0;
        if (!seen)
            g->periods[n++] = p;
    }
    qsort(g->periods, n, sizeof(*g->periods), cmp_period);
    g->nperiods = n;
    g->first_period = 0;
    if (has_from && n && period_cmp(&g->periods[0], &from) < 0)
        g->first_period = 1;
    return 0;
}

static int overlaps(const struct ind_membership *m, const struct period *p)
{
    return period_overlaps(m->from, m->to, period_first_day(p), period_last_day(p));
}

/* Municipalities, clusters with members in force in any period, regions, the country. */
static int collect_geos(struct arena *a, const struct ind_grid_input *in, struct ind_grid *g)
{
    size_t cap = in->nmunicipalities + in->nmemberships + in->nregions + 1, n = 0;

    g->geos = arena_calloc(a, cap, sizeof(*g->geos));
    if (!g->geos)
        return KL_ENOMEM;
    for (size_t i = 0; i < in->nmunicipalities; i++)
        g->geos[n++] = in->municipalities[i];
    for (size_t i = 0; i < in->nmemberships; i++) {
        const struct ind_membership *m = &in->memberships[i];
        int used = 0, known = 0;
        for (size_t p = 0; p < g->nperiods && !used; p++)
            used = overlaps(m, &g->periods[p]);
        for (size_t j = in->nmunicipalities; j < n && !known; j++)
            known = strcmp(g->geos[j].code, m->cluster_code) == 0;
        if (used && !known)
            g->geos[n++] = (struct ind_geo){GEO_CLUSTER, m->cluster_code, m->cluster_name,
                                            m->region_code};
    }
    for (size_t i = 0; i < in->nregions; i++)
        g->geos[n++] = in->regions[i];
    g->geos[n++] = (struct ind_geo){GEO_COUNTRY, GEO_COUNTRY_CODE, "", 0};
    g->ngeo = n;
    return 0;
}

/* Appends v to the member list. */
static int push_member(struct arena *a, struct ind_grid *g, size_t *n, size_t *cap, int v)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 1024;
        int *q = arena_alloc(a, ncap * sizeof(*q));
        if (!q)
            return KL_ENOMEM;
        if (*n)
            memcpy(q, g->member_idx, *n * sizeof(*q));
        g->member_idx = q;
        *cap = ncap;
    }
    g->member_idx[(*n)++] = v;
    return 0;
}

/* The code of a municipality geography as a number (0 when it is not one). */
static int muni_code(const struct ind_geo *geo)
{
    int v = 0;
    for (const char *c = geo->code; *c; c++) {
        if (*c < '0' || *c > '9' || v > 999)
            return 0;
        v = v * 10 + (*c - '0');
    }
    return v;
}

/* Member lists of every total in every period. */
static int collect_members(struct arena *a, const struct ind_grid_input *in, struct ind_grid *g)
{
    size_t ncells = g->nperiods * g->ngeo, cap = 0, n = 0;
    int index[1000];

    for (size_t i = 0; i < 1000; i++)
        index[i] = -1;
    for (size_t m = 0; m < in->nmunicipalities; m++) {
        int code = muni_code(&g->geos[m]);
        if (code > 0 && code < 1000)
            index[code] = (int)m;
    }
    g->member_start = arena_calloc(a, ncells + 1, sizeof(*g->member_start));
    if (!g->member_start)
        return KL_ENOMEM;
    for (size_t p = 0; p < g->nperiods; p++) {
        for (size_t geo = 0; geo < g->ngeo; geo++) {
            const struct ind_geo *t = &g->geos[geo];
            g->member_start[p * g->ngeo + geo] = n;
            if (t->kind == GEO_CLUSTER) {
                for (size_t k = 0; k < in->nmemberships; k++) {
                    const struct ind_membership *ms = &in->memberships[k];
                    int code = ms->municipality_code;
                    if (code <= 0 || code >= 1000 || index[code] < 0 ||
                        strcmp(ms->cluster_code, t->code) != 0 || !overlaps(ms, &g->periods[p]))
                        continue;
                    if (push_member(a, g, &n, &cap, index[code]))
                        return KL_ENOMEM;
                }
            } else if (t->kind != GEO_MUNICIPALITY) {
                for (size_t m = 0; m < in->nmunicipalities; m++)
                    if ((t->kind == GEO_COUNTRY || g->geos[m].region_code == t->region_code) &&
                        push_member(a, g, &n, &cap, (int)m))
                        return KL_ENOMEM;
            }
        }
    }
    g->member_start[ncells] = n;
    return 0;
}

/* Places the stored values in their cells. */
static void place_values(const struct ind_grid_input *in, struct ind_grid *g)
{
    for (size_t i = 0; i < in->nvalues; i++) {
        const struct ind_value *v = &in->values[i];
        int p = ind_grid_period(g, v->period);
        int geo = ind_grid_geo(g, v->geo_kind, v->geo_code);
        struct ind_cell *c;
        if (p < 0 || geo < 0 || v->geo_kind == GEO_CLUSTER)
            continue;
        c = ind_grid_cell(g, (size_t)p, (size_t)geo);
        c->has_value = 1;
        c->value = v->value;
        c->numerator = v->numerator;
        c->denominator = v->denominator;
        c->source_kind = v->source_kind;
        c->source_label = v->source_label;
    }
}

/* Marks municipalities counted in two clusters in a period, and the clusters holding one. */
static void mark_shared(struct ind_grid *g)
{
    for (size_t p = 0; p < g->nperiods; p++) {
        for (size_t geo = 0; geo < g->ngeo; geo++) {
            const int *m;
            size_t n;
            if (g->geos[geo].kind != GEO_CLUSTER)
                continue;
            m = ind_grid_members(g, p, geo, &n);
            for (size_t i = 0; i < n; i++) {
                struct ind_cell *c = ind_grid_cell(g, p, (size_t)m[i]);
                c->members++; /* clusters counting this municipality, for now */
            }
        }
        for (size_t geo = 0; geo < g->ngeo; geo++) {
            struct ind_cell *c = ind_grid_cell(g, p, geo);
            if (g->geos[geo].kind == GEO_MUNICIPALITY) {
                c->shared = c->members > 1;
                c->members = 0;
            }
        }
        for (size_t geo = 0; geo < g->ngeo; geo++) {
            const int *m;
            size_t n;
            if (g->geos[geo].kind != GEO_CLUSTER)
                continue;
            m = ind_grid_members(g, p, geo, &n);
            for (size_t i = 0; i < n; i++)
                ind_grid_cell(g, p, geo)->shared |= ind_grid_cell(g, p, (size_t)m[i])->shared;
        }
    }
}

/* Sums the members of total geography geo in period p into its cell, unless it has a
 * stored value. */
static void sum_total(struct ind_grid *g, size_t p, size_t geo)
{
    const struct indicator *ind = &g->ind;
    struct ind_cell *c = ind_grid_cell(g, p, geo);
    const int *m;
    size_t n;
    double sum = 0;
    int64_t num = 0, den = 0;
    int all_num = 1, all_den = 1;

    m = ind_grid_members(g, p, geo, &n);
    c->members = (int)n;
    if (c->has_value)
        return;
    if (n == 0) {
        c->missing = g->geos[geo].kind == GEO_CLUSTER ? MISSING_NO_MEMBERS : MISSING_NO_VALUES;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const struct ind_cell *mc = ind_grid_cell(g, p, (size_t)m[i]);
        if (!mc->has_value) {
            c->missing = MISSING_MEMBER;
            c->missing_code = g->geos[m[i]].code;
            return;
        }
        sum += mc->value;
        if (mc->numerator < 0)
            all_num = 0;
        else
            num += mc->numerator;
        if (mc->denominator < 0)
            all_den = 0;
        else
            den += mc->denominator;
    }
    if (ind->unit == IND_UNIT_COUNT) {
        c->value = sum;
        c->numerator = all_num ? num : IND_NONE;
        c->denominator = IND_NONE;
    } else if (all_num && all_den && den > 0) {
        c->value = ind_unit_scale(ind->unit) * (double)num / (double)den;
        c->numerator = num;
        c->denominator = den;
    } else {
        c->missing = MISSING_NOT_SUMMED;
        return;
    }
    c->has_value = 1;
    c->computed = 1;
}

int ind_grid_build(struct arena *a, const struct ind_grid_input *in, struct ind_grid *out)
{
    int rc;

    memset(out, 0, sizeof(*out));
    out->ind = *in->ind;
    if ((rc = collect_periods(a, in, out)) || (rc = collect_geos(a, in, out)))
        return rc;
    out->cells = arena_calloc(a, out->nperiods * out->ngeo + 1, sizeof(*out->cells));
    if (!out->cells)
        return KL_ENOMEM;
    for (size_t i = 0; i < out->nperiods * out->ngeo; i++) {
        out->cells[i].numerator = IND_NONE;
        out->cells[i].denominator = IND_NONE;
    }
    if ((rc = collect_members(a, in, out)))
        return rc;
    place_values(in, out);
    mark_shared(out);
    for (size_t p = 0; p < out->nperiods; p++)
        for (size_t geo = 0; geo < out->ngeo; geo++)
            if (out->geos[geo].kind != GEO_MUNICIPALITY)
                sum_total(out, p, geo);
            else if (!ind_grid_cell(out, p, geo)->has_value)
                ind_grid_cell(out, p, geo)->missing = MISSING_NO_VALUES;
    return 0;
}

void ind_grid_signals(struct ind_grid *g)
{
    int country = ind_grid_geo(g, GEO_COUNTRY, GEO_COUNTRY_CODE);

    for (size_t p = 0; p < g->nperiods; p++) {
        struct period prev = period_prev(&g->periods[p]);
        int has_prev = p > 0 && period_cmp(&g->periods[p - 1], &prev) == 0;
        const struct ind_cell *cc = country >= 0 ? ind_grid_cell(g, p, (size_t)country) : NULL;
        for (size_t geo = 0; geo < g->ngeo; geo++) {
            struct ind_cell *c = ind_grid_cell(g, p, geo);
            c->vs_prev = SIGNAL_NONE;
            c->vs_country = SIGNAL_NONE;
            if (!c->has_value || c->hidden != CELL_SHOWN)
                continue;
            if (has_prev) {
                const struct ind_cell *pc = ind_grid_cell(g, p - 1, geo);
                if (pc->has_value && pc->hidden == CELL_SHOWN)
                    c->vs_prev = indicator_signal(&g->ind, c->value, pc->value);
            }
            if (cc && (int)geo != country && cc->has_value && cc->hidden == CELL_SHOWN)
                c->vs_country = indicator_signal(&g->ind, c->value, cc->value);
        }
    }
}

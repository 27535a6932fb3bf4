/* discretion.c - primary and secondary suppression of indicator values, and the decision
 * who sees them (see discretion.h). */
#include "app/discretion.h"
#include "app/indicator_grid.h"
#include "app/permission.h"
#include "core/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

static int small(int64_t v, int min)
{
    return v >= 1 && v < min;
}

/* 1 when the denominator of unit u counts people or events (not a population). */
static int denominator_counts(enum ind_unit u)
{
    return u == IND_UNIT_PERCENT || u == IND_UNIT_DAYS || u == IND_UNIT_SCORE;
}

static void primary(struct ind_grid *g, size_t p)
{
    for (size_t geo = 0; geo < g->ngeo; geo++) {
        struct ind_cell *c = ind_grid_cell(g, p, geo);
        int64_t count = ind_cell_count(&g->ind, c);
        if (!c->has_value)
            continue;
        if (small(count, g->ind.min_count) ||
            (denominator_counts(g->ind.unit) && small(c->denominator, g->ind.min_count)))
            c->would_hide = CELL_SMALL;
    }
}

/* 1 when geography geo of period p is a sum of its members that gives an equation: a
 * cluster, region or country value with a count (a stored value without a numerator, such
 * as a standardised rate, is not a sum). */
static int is_sum(const struct ind_grid *g, size_t p, size_t geo)
{
    const struct ind_cell *c = ind_grid_cell(g, p, geo);
    return g->geos[geo].kind != GEO_MUNICIPALITY && c->has_value &&
           ind_cell_count(&g->ind, c) >= 0;
}

/* One pass of complementary suppression over the shown sums of period p; returns how many
 * cells it hid. */
static int complement(struct ind_grid *g, size_t p)
{
    int changed = 0;

    for (size_t geo = 0; geo < g->ngeo; geo++) {
        struct ind_cell *t = ind_grid_cell(g, p, geo);
        const int *m;
        size_t n, hidden = 0, missing = 0;
        int best = -1;
        int64_t best_count = 0;

        if (!is_sum(g, p, geo) || t->would_hide)
            continue;
        m = ind_grid_members(g, p, geo, &n);
        for (size_t i = 0; i < n; i++) {
            const struct ind_cell *c = ind_grid_cell(g, p, (size_t)m[i]);
            if (!c->has_value)
                missing++;
            else if (c->would_hide)
                hidden++;
        }
        if (hidden != 1 || missing)
            continue;
        for (size_t i = 0; i < n; i++) {
            const struct ind_cell *c = ind_grid_cell(g, p, (size_t)m[i]);
            int64_t count = ind_cell_count(&g->ind, c);
            if (!c->has_value || c->would_hide)
                continue;
            /* the smallest positive count first, then zeros */
            if (best < 0 || (count > 0 && (best_count <= 0 || count < best_count))) {
                best = m[i];
                best_count = count;
            }
        }
        if (best >= 0)
            ind_grid_cell(g, p, (size_t)best)->would_hide = CELL_SECONDARY;
        else
            t->would_hide = CELL_SECONDARY; /* the sum is its one hidden member */
        changed++;
    }
    return changed;
}

/* Divides the n entries of row by d. */
static void scale_row(double *row, size_t n, double d)
{
    for (size_t j = 0; j < n; j++)
        row[j] /= d;
}

/* 1 when some small cell of period p can be worked out from the sums, 0 when none can,
 * KL_ENOMEM. Unknowns: hidden cells and cells without a value; one equation per sum
 * (sum - members = 0, known terms dropped). */
static int disclosed(struct ind_grid *g, size_t p)
{
    size_t nu = 0, nr = 0, rank = 0;
    int *col = calloc(g->ngeo, sizeof(*col));
    double *rows = NULL, *v = NULL;
    int result = 0;

    if (!col)
        return KL_ENOMEM;
    for (size_t geo = 0; geo < g->ngeo; geo++) {
        const struct ind_cell *c = ind_grid_cell(g, p, geo);
        col[geo] = !c->has_value || c->would_hide ? (int)nu++ : -1;
        if (is_sum(g, p, geo))
            nr++;
    }
    if (nu == 0 || nr == 0)
        goto out;
    rows = calloc(nr * nu, sizeof(*rows));
    v = calloc(nu, sizeof(*v));
    if (!rows || !v) {
        result = KL_ENOMEM;
        goto out;
    }
    nr = 0;
    for (size_t geo = 0; geo < g->ngeo; geo++) {
        double *r = &rows[nr * nu];
        const int *m;
        size_t n;
        int any = 0;
        if (!is_sum(g, p, geo))
            continue;
        if (col[geo] >= 0) {
            r[col[geo]] -= 1;
            any = 1;
        }
        m = ind_grid_members(g, p, geo, &n);
        for (size_t i = 0; i < n; i++) {
            if (col[m[i]] >= 0) {
                r[col[m[i]]] += 1;
                any = 1;
            }
        }
        if (any)
            nr++;
    }
    /* reduced row echelon form, partial pivoting */
    for (size_t c = 0; c < nu && rank < nr; c++) {
        size_t piv = rank;
        for (size_t i = rank + 1; i < nr; i++)
            if (fabs(rows[i * nu + c]) > fabs(rows[piv * nu + c]))
                piv = i;
        if (fabs(rows[piv * nu + c]) < EPS)
            continue;
        for (size_t j = 0; j < nu; j++) {
            double tmp = rows[piv * nu + j];
            rows[piv * nu + j] = rows[rank * nu + j];
            rows[rank * nu + j] = tmp;
        }
        scale_row(&rows[rank * nu], nu, rows[rank * nu + c]);
        for (size_t i = 0; i < nr; i++) {
            double f = rows[i * nu + c];
            if (i == rank || fabs(f) < EPS)
                continue;
            for (size_t j = 0; j < nu; j++)
                rows[i * nu + j] -= f * rows[rank * nu + j];
        }
        rank++;
    }
    /* a small cell is disclosed when its unit vector lies in the row space */
    for (size_t geo = 0; geo < g->ngeo && !result; geo++) {
        int all_zero = 1;
        if (ind_grid_cell(g, p, geo)->would_hide != CELL_SMALL)
            continue;
        memset(v, 0, nu * sizeof(*v));
        v[col[geo]] = 1;
        for (size_t i = 0; i < rank; i++) {
            size_t pc = 0;
            while (pc < nu && fabs(rows[i * nu + pc]) < EPS)
                pc++;
            if (pc == nu || fabs(v[pc]) < EPS)
                continue;
            {
                double f = v[pc];
                for (size_t j = 0; j < nu; j++)
                    v[j] -= f * rows[i * nu + j];
            }
        }
        for (size_t j = 0; j < nu && all_zero; j++)
            all_zero = fabs(v[j]) < 1e-7;
        result = all_zero;
    }
out:
    free(col);
    free(rows);
    free(v);
    return result;
}

/* The fallback: hides every sum with a hidden member. */
static void hide_sums(struct ind_grid *g, size_t p)
{
    for (size_t geo = 0; geo < g->ngeo; geo++) {
        struct ind_cell *t = ind_grid_cell(g, p, geo);
        const int *m;
        size_t n;
        if (!is_sum(g, p, geo) || t->would_hide)
            continue;
        m = ind_grid_members(g, p, geo, &n);
        for (size_t i = 0; i < n; i++)
            if (ind_grid_cell(g, p, (size_t)m[i])->would_hide) {
                t->would_hide = CELL_SECONDARY;
                break;
            }
    }
}

int discretion_decide(struct ind_grid *g)
{
    for (size_t p = 0; p < g->nperiods; p++) {
        int rounds = 0, rc;
        for (size_t geo = 0; geo < g->ngeo; geo++)
            ind_grid_cell(g, p, geo)->would_hide = CELL_SHOWN;
        primary(g, p);
        while (complement(g, p) > 0 && ++rounds < 1000)
            ;
        rc = disclosed(g, p);
        if (rc < 0)
            return rc;
        if (rc)
            hide_sums(g, p);
    }
    return 0;
}

int app_discretion_apply(struct store *st, const struct principal *who, struct ind_grid *g,
                         struct kl_error *err)
{
    struct kl_error denied;
    int rc = discretion_decide(g);

    if (rc)
        return kl_error_set(err, rc, "out of memory deciding discretion");
    rc = app_authorize(st, who, PERM_SMALL_NUMBERS, 0, &denied);
    if (rc && rc != KL_EPERM)
        return kl_error_set(err, rc, "%s", denied.msg);
    g->sees_small = rc == 0;
    for (size_t i = 0; i < g->nperiods * g->ngeo; i++) {
        struct ind_cell *c = &g->cells[i];
        c->hidden = g->sees_small ? CELL_SHOWN : c->would_hide;
        if (c->hidden == CELL_SHOWN)
            continue;
        c->has_value = 0;
        c->value = 0;
        c->numerator = IND_NONE;
        c->denominator = IND_NONE;
    }
    return 0;
}

void discretion_text(const struct ind_grid *g, int hidden, char *out)
{
    if (hidden == CELL_SMALL)
        snprintf(out, 8, "<%d", g->ind.min_count);
    else
        snprintf(out, 8, "x");
}

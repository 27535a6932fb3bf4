/* indicator_grid.h - one indicator's values for every geography and period, as every output
 * (pages, charts, downloads, API) shows them: stored values of municipalities, regions and
 * the country; cluster values computed from their municipalities through the membership in
 * force in each period; region and country values computed the same way where none is
 * stored; statistical discretion (discretion.h); and each value's signals against the
 * previous period and against the country.
 *
 * The functions here are pure (no database): app_indicator_grid (indicator.h) loads what they
 * need and calls them in order: ind_grid_build, app_discretion_apply, ind_grid_signals.
 *
 * How sums are made. A municipality counts in a cluster for a period when its membership is
 * in force on at least one day of the period (as in `klynge compute --cluster-file`); a
 * municipality in two clusters counts fully in both, so cluster values do not add up to a
 * region's. A cluster, a region (without a stored value) or the country (likewise) gets a
 * value only when every municipality counted has one: for a count the sum of the values; for
 * a rate the sums of numerators and denominators, and scale x numerator / denominator, which
 * needs every municipality's numerator and denominator. Values without them (standardised
 * rates) are never summed. */
#ifndef KL_APP_INDICATOR_GRID_H
#define KL_APP_INDICATOR_GRID_H

#include "model/indicator.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct ind_membership;

/* One geography of the grid. */
struct ind_geo {
    enum geo_kind kind;
    const char *code; /* "751", "RM-AARHUS", "1082", "DK" */
    const char *name; /* "Aarhus", "Aarhusklyngen", "Region Midtjylland"; "" for the country */
    int region_code;  /* the region of a municipality or cluster; 0 for the country */
};

/* Why a cell is hidden from those who may not see small numbers. */
enum cell_hidden {
    CELL_SHOWN = 0,
    CELL_SMALL,     /* its count is 1 to min_count-1: shown as "<5" */
    CELL_SECONDARY, /* hidden so that a small one cannot be worked out from a sum: "x" */
};

/* Why a cluster, region or country has no value. */
enum cell_missing {
    MISSING_NONE = 0,    /* it has a value */
    MISSING_NO_VALUES,   /* nothing stored */
    MISSING_MEMBER,      /* a municipality counted has no value (missing_code names it) */
    MISSING_NOT_SUMMED,  /* the values have no numerator and denominator: not summed */
    MISSING_NO_MEMBERS,  /* the cluster has no members in force in the period */
};

struct ind_cell {
    int has_value;
    double value;            /* 0 when hidden (and has_value is then 0) */
    int64_t numerator;       /* IND_NONE when absent or hidden */
    int64_t denominator;     /* IND_NONE when absent or hidden */
    int computed;            /* summed from municipalities, not stored */
    enum cell_hidden would_hide; /* what discretion decided (also for those who see it) */
    enum cell_hidden hidden;     /* what this principal gets: would_hide, or CELL_SHOWN */
    enum cell_missing missing;
    const char *missing_code;    /* MISSING_MEMBER: the municipality without a value */
    int members;                 /* municipalities counted (clusters, regions, country) */
    int shared;                  /* a municipality counted in two clusters in this period */
    enum signal vs_prev;         /* against the previous period of the same geography */
    enum signal vs_country;      /* against the country in the same period */
    enum source_kind source_kind;/* stored values: where they came from */
    const char *source_label;
};

struct ind_grid {
    struct indicator ind;
    struct ind_geo *geos;     /* municipalities (by code), clusters (by code), regions, country */
    size_t ngeo;
    struct period *periods;   /* ascending, every period that has a stored value */
    size_t nperiods;
    struct ind_cell *cells;   /* nperiods x ngeo: cells[p * ngeo + g] */
    /* members[p][c]: for cluster geo c in period p, the municipality geo indexes counted */
    int *member_idx;          /* flattened lists, see ind_grid_members */
    size_t *member_start;     /* nperiods x ngeo + 1 offsets into member_idx */
    int sees_small;           /* the principal may see small numbers */
    size_t first_period;      /* periods before this index are there only for signals */
};

/* What ind_grid_build needs. Arrays are borrowed for the call; strings are referenced by
 * the grid, so they must live as long as it. */
struct ind_grid_input {
    const struct indicator *ind;
    const struct ind_geo *municipalities; /* every municipality: kind, code, name, region */
    size_t nmunicipalities;
    const struct ind_geo *regions;
    size_t nregions;
    const struct ind_membership *memberships; /* every cluster membership with its period */
    size_t nmemberships;
    const struct ind_value *values;       /* stored values of ind (any order) */
    size_t nvalues;
    const char *from, *to;                /* canonical periods, or NULL: the shown range */
};

/* Builds the grid in arena a: periods from the values (those before `from` only as the
 * period just before it, for signals), geographies (clusters with members in force in any
 * of the periods), stored cells, and computed sums. Discretion and signals are not applied
 * yet (every cell is CELL_SHOWN, signals SIGNAL_NONE). Returns 0 or KL_ENOMEM. */
int ind_grid_build(struct arena *a, const struct ind_grid_input *in, struct ind_grid *out);

/* The cell of period p and geography g. */
struct ind_cell *ind_grid_cell(const struct ind_grid *g, size_t p, size_t geo);

/* The geography with kind and code, or -1. */
int ind_grid_geo(const struct ind_grid *g, enum geo_kind kind, const char *code);

/* The index of period text (canonical) in the grid, or -1. */
int ind_grid_period(const struct ind_grid *g, const char *text);

/* The municipality geographies counted in total geography `geo` (cluster, region, country)
 * in period p: *n indexes at the returned pointer. NULL with *n 0 for a municipality. */
const int *ind_grid_members(const struct ind_grid *g, size_t p, size_t geo, size_t *n);

/* The last shown period (from first_period) in which one of the n geographies at geos has
 * a value, shown or hidden; the last period when none has. */
size_t ind_grid_latest(const struct ind_grid *g, const int *geos, size_t n);

/* The count that discretion looks at: the numerator, else a count's value; -1 when the
 * cell has neither (then it is never hidden for being small). */
int64_t ind_cell_count(const struct indicator *ind, const struct ind_cell *c);

/* The lower (upper 0) or upper (upper 1) period of kind that text bounds: a year read for a
 * monthly indicator is its January or December; a month read for a yearly one, its year.
 * 0, or -1 when text is not a period. */
int ind_period_bound(const char *text, enum period_kind kind, int upper, struct period *out);

/* Fills vs_prev and vs_country of every cell from the cells shown to the principal: a
 * signal needs both values, and neither hidden. */
void ind_grid_signals(struct ind_grid *g);

#endif

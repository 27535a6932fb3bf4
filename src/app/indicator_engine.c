/* indicator_engine.c - loading the results of `klynge compute` into the database as values
 * of the engine's four indicators, with the run as their provenance (see
 * indicator_engine.h). */
#include "app/indicator_engine.h"
#include "app/indicator_import.h"
#include "app/permission.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/error.h"
#include "core/number.h"
#include "store/indicator.h"

#include <stdio.h>
#include <string.h>

enum { F_MONTHLY, F_READMISSIONS, F_PREVENTABLE, F_BED_DAYS, NFILES };

static const char *const file_names[NFILES] = {"admissions_monthly.csv", "readmissions_65.csv",
                                               "preventable_65.csv",
                                               "bed_days_per_1000_65.csv"};
static const char *const codes[NFILES] = {"ENG-INDL-MD", "ENG-GENIND-65", "ENG-FOREBYG-65",
                                          "ENG-SENGEDAGE-65"};

/* The columns read from each file (at most 4). */
static const char *const columns[NFILES][4] = {
    {"municipality_code", "year", "month", "admissions"},
    {"municipality_code", "year", "index_admissions", "readmissions_30d"},
    {"municipality_code", "year", "preventable_admissions", NULL},
    {"municipality_code", "year", "bed_days_65", "pop65"},
};

struct loader {
    struct arena *a;
    struct indicator inds[NFILES];
    struct ind_import_row *rows;
    size_t nrows, cap;
    /* pop65 by municipality code and year - 1990 (years 1990-2089), 0 when unknown */
    int64_t *pop;
};

static int push(struct loader *l, const struct ind_import_row *row)
{
    if (l->nrows == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 1024;
        struct ind_import_row *p = arena_alloc(l->a, ncap * sizeof(*p));
        if (!p)
            return KL_ENOMEM;
        if (l->nrows)
            memcpy(p, l->rows, l->nrows * sizeof(*p));
        l->rows = p;
        l->cap = ncap;
    }
    l->rows[l->nrows++] = *row;
    return 0;
}

/* Reads file f of dir: each row's numbers into v[0..3] (the columns above), then calls
 * take. Problems name the file, line and column. */
static int read_file(struct loader *l, const char *dir, int f,
                     int (*take)(struct loader *, int, const int64_t *, struct kl_error *),
                     struct kl_error *err)
{
    struct buf path;
    struct csv_reader *r;
    struct csv_record rec;
    int idx[4], got, rc = 0;

    buf_init(&path, 4096);
    if (buf_printf(&path, "%s/%s", dir, file_names[f]))
        return kl_error_set(err, KL_ELIMIT, "output directory name too long");
    r = csv_open_file(buf_cstr(&path), ',', 0, err);
    if (!r) {
        buf_free(&path);
        return err->code;
    }
    got = csv_next(r, &rec, err);
    for (int c = 0; got > 0 && c < 4; c++)
        if (columns[f][c] && (idx[c] = csv_header_index(&rec, columns[f][c])) < 0) {
            rc = kl_error_set(err, KL_EINVAL, "%s: no column %s", buf_cstr(&path), columns[f][c]);
            break;
        }
    if (got <= 0 && rc == 0)
        rc = got < 0 ? err->code : kl_error_set(err, KL_EINVAL, "%s is empty", buf_cstr(&path));
    while (rc == 0 && (got = csv_next(r, &rec, err)) > 0) {
        int64_t v[4] = {0};
        for (int c = 0; rc == 0 && c < 4; c++) {
            struct kl_error e;
            if (!columns[f][c])
                continue;
            if ((size_t)idx[c] >= rec.nfields ||
                number_parse_count(rec.fields[idx[c]], '.', (int64_t)1 << 50, &v[c], &e))
                rc = kl_error_set(err, KL_EINVAL, "%s:%zu:%d: %s is not a whole number (was "
                                  "the file written with --public?)",
                                  buf_cstr(&path), rec.line, idx[c] + 1, columns[f][c]);
        }
        if (rc == 0)
            rc = take(l, f, v, err);
    }
    if (rc == 0 && got < 0)
        rc = err->code;
    csv_close(r);
    buf_free(&path);
    return rc;
}

static int muni_year_ok(const int64_t *v)
{
    return v[0] >= 101 && v[0] <= 999 && v[1] >= 1990 && v[1] <= 2089;
}

static int take_pop(struct loader *l, int f, const int64_t *v, struct kl_error *err)
{
    (void)f;
    if (!muni_year_ok(v))
        return kl_error_set(err, KL_EINVAL, "bed_days_per_1000_65.csv: municipality %lld, year "
                            "%lld out of range", (long long)v[0], (long long)v[1]);
    l->pop[v[0] * 100 + (v[1] - 1990)] = v[3];
    return 0;
}

/* One value from a row of file f. */
static int take(struct loader *l, int f, const int64_t *v, struct kl_error *err)
{
    struct ind_import_row row = {0};
    struct period p = {f == F_MONTHLY ? PERIOD_MONTH : PERIOD_YEAR, (int)v[1],
                       f == F_MONTHLY ? (int)v[2] : 0};
    int64_t pop;

    if (!muni_year_ok(v) || (f == F_MONTHLY && (v[2] < 1 || v[2] > 12)))
        return kl_error_set(err, KL_EINVAL, "%s: municipality %lld, year %lld out of range",
                            file_names[f], (long long)v[0], (long long)v[1]);
    row.ind = &l->inds[f];
    period_format(&p, row.period);
    row.geo_kind = GEO_MUNICIPALITY;
    snprintf(row.geo_code, sizeof(row.geo_code), "%d", (int)v[0]);
    row.numerator = IND_NONE;
    row.denominator = IND_NONE;
    pop = l->pop[v[0] * 100 + (v[1] - 1990)];
    switch (f) {
    case F_MONTHLY:
        row.numerator = v[3];
        row.value = (double)v[3];
        break;
    case F_READMISSIONS:
        if (v[2] == 0)
            return 0;
        row.numerator = v[3];
        row.denominator = v[2];
        row.value = 100.0 * (double)v[3] / (double)v[2];
        break;
    case F_PREVENTABLE:
        if (pop <= 0)
            return 0; /* no population: no rate */
        row.numerator = v[2];
        row.denominator = pop;
        row.value = 1000.0 * (double)v[2] / (double)pop;
        break;
    default:
        if (v[3] <= 0)
            return 0;
        row.numerator = v[2];
        row.denominator = v[3];
        row.value = 1000.0 * (double)v[2] / (double)v[3];
        break;
    }
    return push(l, &row);
}

int app_indicator_load_engine(struct store *st, const struct principal *who, const char *dir,
                              const char *label, struct ind_import_summary *sum,
                              struct kl_error *err)
{
    struct loader l = {0};
    int rc;

    if (sum)
        memset(sum, 0, sizeof(*sum));
    if ((rc = app_authorize(st, who, PERM_INDICATOR_EDIT, 0, err)))
        return rc;
    if (!(l.a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory loading the results");
    l.pop = arena_calloc(l.a, 1000 * 100, sizeof(*l.pop));
    if (!l.pop) {
        rc = kl_error_set(err, KL_ENOMEM, "out of memory loading the results");
        goto out;
    }
    for (int f = 0; f < NFILES; f++) {
        rc = store_indicator_get(st, l.a, codes[f], &l.inds[f], err);
        if (rc == KL_ENOTFOUND)
            rc = kl_error_set(err, KL_ENOTFOUND, "the database has no indicator %s: run "
                              "klynge init on it first", codes[f]);
        if (rc)
            goto out;
    }
    rc = read_file(&l, dir, F_BED_DAYS, take_pop, err);
    for (int f = 0; rc == 0 && f < NFILES; f++)
        rc = read_file(&l, dir, f, take, err);
    if (rc == 0 && l.nrows == 0)
        rc = kl_error_set(err, KL_EINVAL, "the results hold no values to load");
    if (rc == 0)
        rc = app_indicator_store_rows(st, who, VALUE_SRC_ENGINE, label, l.rows, l.nrows, sum,
                                      err);
out:
    arena_free(l.a);
    return rc;
}

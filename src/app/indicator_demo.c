/* indicator_demo.c - synthetic indicator values for the demonstration (see
 * indicator_demo.h). */
#include "app/indicator_demo.h"
#include "app/indicator.h"
#include "app/indicator_import.h"
#include "app/reporting.h"
#include "core/date.h"
#include "model/fields.h"
#include "core/arena.h"
#include "core/error.h"
#include "model/org.h"
#include "store/indicator.h"
#include "store/org.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Approximate populations (round figures), only to make the synthetic values plausible. */
static const struct {
    int code;
    int population;
} sizes[] = {
    {101, 650000}, {147, 104000}, {151, 49000},  {153, 36000},  {155, 14500},  {157, 75000},
    {159, 70000},  {161, 23500},  {163, 29000},  {165, 28000},  {167, 54000},  {169, 52000},
    {173, 56000},  {175, 41000},  {183, 24000},  {185, 43500},  {187, 17000},  {190, 41500},
    {201, 26500},  {210, 41000},  {217, 63000},  {219, 52000},  {223, 25500},  {230, 57000},
    {240, 44000},  {250, 46000},  {253, 51000},  {259, 62000},  {260, 31500},  {265, 90000},
    {269, 23500},  {270, 41500},  {306, 33000},  {316, 72500},  {320, 37000},  {326, 48500},
    {329, 35500},  {330, 79500},  {336, 23500},  {340, 30000},  {350, 28500},  {360, 40500},
    {370, 84000},  {376, 60000},  {390, 45500},  {400, 39000},  {410, 39500},  {420, 41000},
    {430, 51500},  {440, 24000},  {450, 32000},  {461, 207000}, {479, 59000},  {480, 29500},
    {482, 12000},  {492, 6000},   {510, 56000},  {530, 27000},  {540, 74000},  {550, 37000},
    {561, 116000}, {563, 3500},   {573, 50000},  {575, 43000},  {580, 59000},  {607, 52000},
    {615, 97000},  {621, 94500},  {630, 120000}, {657, 90000},  {661, 59000},  {665, 19500},
    {671, 20500},  {706, 43000},  {707, 37500},  {710, 49500},  {727, 23500},  {730, 99000},
    {740, 97000},  {741, 3700},   {746, 64000},  {751, 365000}, {756, 42000},  {760, 56500},
    {766, 47000},  {773, 20000},  {779, 46000},  {787, 43500},  {791, 98000},  {810, 36500},
    {813, 59000},  {820, 36000},  {825, 1800},   {840, 30500},  {846, 41500},  {849, 38500},
    {851, 221000}, {860, 64000},
};

#define FIRST_YEAR 2020
#define YEARS 5

static const char *const chosen[] = {"FOREBYG-65", "GENIND-SOM-30", "FAERDIG-SOM",
                                     "GENOPTR-VENTE", "TILFREDS-UDSKRIV", "PLEJEHJEMSLAEGE"};
#define NCHOSEN (sizeof(chosen) / sizeof(chosen[0]))

/* A deterministic number in [0, 1) from three keys (splitmix64). */
static double noise(unsigned a, unsigned b, unsigned c)
{
    uint64_t z = ((uint64_t)a << 40) ^ ((uint64_t)b << 20) ^ c;
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

static int population_of(int code)
{
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
        if (sizes[i].code == code)
            return sizes[i].population;
    return 40000;
}

/* One value of indicator k for municipality m in period (year, part). */
static void synthesise(size_t k, int code, int year, int part, struct ind_import_row *row)
{
    double pop = population_of(code);
    double share65 = 0.27 - 0.045 * log10(pop / 3000.0) + 0.03 * (noise(code, 1, 0) - 0.5);
    double pop65 = floor(pop * share65);
    double t = (double)(year - FIRST_YEAR) + (part ? (part - 1) / 4.0 : 0);
    double base = noise(code, (unsigned)k + 7, 0), jitter = noise(code, (unsigned)k + 7,
                                                                  (unsigned)(year * 10 + part));
    double rate, den;

    switch (k) {
    case 0: /* preventable stays per 1,000 65+: 50-80, falling slowly */
        den = pop65;
        rate = 52 + 25 * base - 1.2 * t + 6 * (jitter - 0.5);
        row->numerator = (int64_t)llround(rate * den / 1000);
        row->denominator = (int64_t)den;
        row->value = 1000.0 * (double)row->numerator / den;
        break;
    case 1: /* readmissions: 8-12 % of about 0.12 admissions per citizen a year */
        den = floor(pop * (0.11 + 0.02 * base));
        rate = 0.085 + 0.03 * base + 0.002 * t + 0.015 * (jitter - 0.5);
        row->numerator = (int64_t)llround(rate * den);
        row->denominator = (int64_t)den;
        row->value = 100.0 * (double)row->numerator / den;
        break;
    case 2: /* days ready for discharge per 1,000 citizens: 5-60 */
        den = pop;
        rate = 5 + 50 * base * base + 8 * (jitter - 0.5) - 1.5 * t;
        if (rate < 1)
            rate = 1;
        row->numerator = (int64_t)llround(rate * den / 1000);
        row->denominator = (int64_t)den;
        row->value = 1000.0 * (double)row->numerator / den;
        break;
    case 3: /* waiting days for rehabilitation: 8-20 on average */
        den = floor(pop * 0.018);
        rate = 8 + 12 * base + 3 * (jitter - 0.5);
        row->numerator = (int64_t)llround(rate * den);
        row->denominator = (int64_t)den;
        row->value = (double)row->numerator / den;
        break;
    case 4: /* satisfaction with the discharge, 1-5, from about 1 answer per 400 aged 65+ */
        den = floor(pop65 / 400);
        rate = 3.7 + 0.4 * base + 0.02 * t + 0.2 * (jitter - 0.5);
        row->numerator = (int64_t)llround(rate * den);
        row->denominator = (int64_t)den;
        row->value = den > 0 ? (double)row->numerator / den : 0;
        break;
    default: /* nursing homes with a permanent doctor: from about half to nearly all */
        den = floor(pop / 9000) + 1;
        rate = 0.45 + 0.12 * t + 0.2 * (base - 0.5) + 0.1 * (jitter - 0.5);
        rate = rate < 0 ? 0 : rate > 1 ? 1 : rate;
        row->numerator = (int64_t)llround(rate * den);
        row->denominator = (int64_t)den;
        row->value = 100.0 * (double)row->numerator / den;
        break;
    }
}

/* A reporting round of Klynge MIDT for the first quarter of 2025: Aalborg has reported,
 * Jammerbugt not yet. */
static int demo_round(struct store *st, const struct principal *who, struct kl_error *err)
{
    struct reporting_round rr = {0, "PLEJEHJEMSLAEGE", "2025-Q1", "RN-MIDT",
                                 "Plejehjemsl\xC3\xA6ger, 1. kvartal 2025", 0, 0, NULL};
    struct field_errors fe = {0};
    int rc;

    rr.due_on = date_from_ymd(2025, 4, 15);
    rc = app_round_create(st, who, &rr, &fe, err);
    if (rc == 0)
        rc = app_round_report(st, who, rr.id, 851, 22, 25, 0, &fe, err);
    return rc;
}

int app_demo_indicators(struct store *st, const struct principal *who, struct kl_error *err)
{
    struct arena *a = arena_new(0);
    struct indicator inds[NCHOSEN];
    struct municipality *munis;
    struct ind_value *existing;
    struct ind_import_row *rows;
    size_t nm, nexisting, n = 0;
    int rc;

    if (!a)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    rc = store_ind_values(st, a, chosen[0], NULL, NULL, &existing, &nexisting, err);
    if (rc || nexisting)
        goto out;
    for (size_t k = 0; rc == 0 && k < NCHOSEN; k++)
        rc = store_indicator_get(st, a, chosen[k], &inds[k], err);
    if (rc == 0)
        rc = store_municipality_list(st, a, 0, &munis, &nm, err);
    if (rc)
        goto out;
    rows = arena_calloc(a, nm * YEARS * (NCHOSEN + 3) + 1, sizeof(*rows));
    if (!rows) {
        rc = kl_error_set(err, KL_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t k = 0; k < NCHOSEN; k++) {
        int parts = inds[k].period_kind == PERIOD_QUARTER ? 4 : 1;
        for (size_t m = 0; m < nm; m++)
            for (int y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++)
                for (int q = 1; q <= parts; q++) {
                    struct ind_import_row *row = &rows[n];
                    struct period p = {inds[k].period_kind, y, parts > 1 ? q : 0};
                    row->ind = &inds[k];
                    row->geo_kind = GEO_MUNICIPALITY;
                    snprintf(row->geo_code, sizeof(row->geo_code), "%d", munis[m].code);
                    period_format(&p, row->period);
                    synthesise(k, munis[m].code, y, parts > 1 ? q : 0, row);
                    if (row->denominator > 0)
                        n++;
                }
    }
    rc = app_indicator_store_rows(st, who, VALUE_SRC_SYNTHETIC, DEMO_VALUES_LABEL, rows, n,
                                  NULL, err);
    if (rc == 0)
        rc = app_cluster_indicators_set(st, who, "RN-MIDT", chosen, NCHOSEN, err);
    if (rc == 0)
        rc = app_cluster_indicators_set(st, who, "RM-VEST", chosen, NCHOSEN, err);
    if (rc == 0)
        rc = demo_round(st, who, err);
out:
    arena_free(a);
    return rc;
}

/* indicator_import.c - checking and storing indicator values from CSV files (see
 * indicator_import.h). */
#include "app/indicator_import.h"
#include "app/audit.h"
#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/error.h"
#include "core/number.h"
#include "core/problems.h"
#include "store/indicator.h"
#include "store/org.h"
#include "store/store.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_IMPORT_BYTES ((size_t)32 << 20)
#define MAX_COUNT ((int64_t)1000000000000LL)

enum col { C_INDICATOR, C_PERIOD, C_GEO, C_VALUE, C_NUMERATOR, C_DENOMINATOR, NCOLS };

static const char *const col_names[NCOLS] = {"indicator", "period", "geography", "value",
                                             "numerator", "denominator"};

/* Header names of each column, the canonical one first. */
static const char *const aliases[NCOLS][8] = {
    {"indicator", "indicator_code", "indikator", NULL},
    {"period", "periode", "år", "aar", NULL},
    {"geography", "geo", "område", "omraade", "municipality_code", "kommunekode", "kommune",
     NULL},
    {"value", "værdi", "vaerdi", NULL},
    {"numerator", "tæller", "taeller", NULL},
    {"denominator", "nævner", "naevner", NULL},
};

static const char *const ignored_cols[] = {"name", "navn", "kommunenavn", "municipality_name",
                                           "note", "bemærkning", "bemaerkning", NULL};

struct check {
    const struct ind_import_context *ctx;
    struct arena *a;
    struct problems *probs;
    char decimal;
    int idx[NCOLS];
    int *period_col;       /* wide shape: the period of each column, or -1 */
    struct period *col_period;
    int wide;
    struct ind_import_row *rows;
    size_t nrows, cap;
    size_t skipped;
};

/* A copy of s without spaces at either end. */
static char *trim(struct arena *a, const char *s)
{
    size_t n;
    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return arena_strndup(a, s, n);
}

/* 1 when the cell holds no value: empty, or a mark sources use for one not published. */
static int no_value(const char *s)
{
    static const char *const marks[] = {"", ".", "..", "...", "-", "\xE2\x80\x93", "x", "X",
                                        "n/a", "*", NULL};
    for (size_t i = 0; marks[i]; i++)
        if (strcmp(s, marks[i]) == 0)
            return 1;
    if (s[0] == '<' && s[1]) {
        for (const char *p = s + 1; *p; p++)
            if (*p < '0' || *p > '9')
                return 0;
        return 1;
    }
    return 0;
}

static int read_header(struct check *c, const struct csv_record *h)
{
    int ok = 1, periods = 0;

    for (int k = 0; k < NCOLS; k++)
        c->idx[k] = -1;
    c->col_period = arena_calloc(c->a, h->nfields + 1, sizeof(*c->col_period));
    c->period_col = arena_calloc(c->a, h->nfields + 1, sizeof(*c->period_col));
    if (!c->col_period || !c->period_col)
        return KL_ENOMEM;
    for (size_t i = 0; i < h->nfields; i++) {
        char *name = trim(c->a, h->fields[i]);
        int found = -1, ignored = 0;
        if (!name)
            return KL_ENOMEM;
        c->period_col[i] = -1;
        if (!*name)
            continue;
        for (int k = 0; k < NCOLS && found < 0; k++)
            for (int j = 0; aliases[k][j] && found < 0; j++)
                if (strcasecmp(name, aliases[k][j]) == 0)
                    found = k;
        for (int j = 0; ignored_cols[j] && !ignored; j++)
            ignored = strcasecmp(name, ignored_cols[j]) == 0;
        if (found >= 0) {
            if (c->idx[found] >= 0) {
                problems_add(c->probs, h->line, i + 1, "column %s appears twice (also column "
                             "%d)", col_names[found], c->idx[found] + 1);
                ok = 0;
            }
            c->idx[found] = (int)i;
        } else if (period_parse(name, &c->col_period[i]) == 0) {
            c->period_col[i] = 1;
            periods++;
        } else if (!ignored) {
            problems_add(c->probs, h->line, i + 1,
                         "unknown column '%s' (the columns are indicator, period, geography, "
                         "value, numerator and denominator, or one column per period such as "
                         "2023)",
                         name);
            ok = 0;
        }
    }
    c->wide = periods > 0;
    if (c->wide && (c->idx[C_PERIOD] >= 0 || c->idx[C_VALUE] >= 0 ||
                    c->idx[C_NUMERATOR] >= 0 || c->idx[C_DENOMINATOR] >= 0)) {
        problems_add(c->probs, h->line, 0, "a file with a column per period has only a "
                     "geography column (and optionally indicator) besides them");
        ok = 0;
    }
    if (!c->wide && c->idx[C_PERIOD] < 0) {
        problems_add(c->probs, h->line, 0, "missing column 'period' (or one column per "
                     "period such as 2023)");
        ok = 0;
    }
    if (c->idx[C_GEO] < 0) {
        problems_add(c->probs, h->line, 0, "missing column 'geography' (a municipality, "
                     "region or the whole country on each row)");
        ok = 0;
    }
    if (!c->wide && c->idx[C_VALUE] < 0 &&
        (c->idx[C_NUMERATOR] < 0 || c->idx[C_DENOMINATOR] < 0)) {
        problems_add(c->probs, h->line, 0, "missing column 'value' (or both 'numerator' and "
                     "'denominator')");
        ok = 0;
    }
    if (c->idx[C_INDICATOR] < 0 && !c->ctx->default_indicator) {
        problems_add(c->probs, h->line, 0, "missing column 'indicator' (or choose the "
                     "indicator for the whole file)");
        ok = 0;
    }
    return ok ? 0 : 1;
}

static const struct indicator *find_indicator(const struct ind_import_context *ctx,
                                              const char *code)
{
    for (size_t i = 0; i < ctx->nindicators; i++)
        if (strcasecmp(ctx->indicators[i].code, code) == 0)
            return &ctx->indicators[i];
    return NULL;
}

/* True when written names stored: case-insensitive, optionally followed by " Kommune". */
static int name_matches(const char *written, const char *stored, const char *suffix)
{
    size_t n = strlen(stored);
    if (strncasecmp(written, stored, n) != 0)
        return 0;
    return written[n] == '\0' || (suffix && strcasecmp(written + n, suffix) == 0);
}

/* Resolves a geography; on failure adds the problem and returns 1. */
static int resolve_geo(struct check *c, const char *s, size_t line, size_t col,
                       struct ind_import_row *row)
{
    static const char *const country[] = {"dk", "danmark", "denmark", "hele landet", "landet",
                                          "country", "i alt", NULL};
    const struct ind_import_context *ctx = c->ctx;
    size_t n = strlen(s), digits = strspn(s, "0123456789");

    if (n == 0) {
        problems_add(c->probs, line, col, "geography is empty");
        return 1;
    }
    if (digits == n && n <= 4) {
        int v = 0;
        for (size_t i = 0; i < n; i++)
            v = v * 10 + (s[i] - '0');
        for (size_t i = 0; i < ctx->nmunicipalities; i++)
            if (ctx->municipalities[i].code == v && v < 1000) {
                row->geo_kind = GEO_MUNICIPALITY;
                snprintf(row->geo_code, sizeof(row->geo_code), "%d", v);
                return 0;
            }
        for (size_t i = 0; i < ctx->nregions; i++)
            if (ctx->regions[i].code == v) {
                row->geo_kind = GEO_REGION;
                snprintf(row->geo_code, sizeof(row->geo_code), "%d", v);
                return 0;
            }
        problems_add(c->probs, line, col, "'%s' is not the code of a Danish municipality or "
                     "region", s);
        return 1;
    }
    for (size_t i = 0; country[i]; i++)
        if (strcasecmp(s, country[i]) == 0) {
            row->geo_kind = GEO_COUNTRY;
            snprintf(row->geo_code, sizeof(row->geo_code), "%s", GEO_COUNTRY_CODE);
            return 0;
        }
    for (size_t i = 0; i < ctx->nmunicipalities; i++)
        if (name_matches(s, ctx->municipalities[i].name, " kommune")) {
            row->geo_kind = GEO_MUNICIPALITY;
            snprintf(row->geo_code, sizeof(row->geo_code), "%d", ctx->municipalities[i].code);
            return 0;
        }
    for (size_t i = 0; i < ctx->nregions; i++) {
        const char *name = ctx->regions[i].name;
        if (strcasecmp(s, name) == 0 ||
            (strncmp(name, "Region ", 7) == 0 && strcasecmp(s, name + 7) == 0)) {
            row->geo_kind = GEO_REGION;
            snprintf(row->geo_code, sizeof(row->geo_code), "%d", ctx->regions[i].code);
            return 0;
        }
    }
    for (size_t i = 0; i < ctx->nclusters; i++)
        if (strcasecmp(s, ctx->clusters[i].code) == 0 ||
            strcasecmp(s, ctx->clusters[i].name) == 0) {
            problems_add(c->probs, line, col, "'%s' is a cluster: cluster values are computed "
                         "from their municipalities' values, import those", s);
            return 1;
        }
    problems_add(c->probs, line, col, "'%s' is not a Danish municipality, region or the whole "
                 "country (write a code such as 751, a name, or Hele landet)", s);
    return 1;
}

/* Checks a value against its indicator's unit; 1 with a problem added when it is wrong. */
static int check_range(struct check *c, const struct indicator *ind, double v, size_t line,
                       size_t col, const char *text)
{
    const char *why = NULL;

    if (v < 0)
        why = "is negative";
    else if (ind->unit == IND_UNIT_PERCENT && v > 100)
        why = "is over 100 (a percentage)";
    else if (ind->unit == IND_UNIT_COUNT && v != floor(v))
        why = "is not a whole number (a count)";
    else if (v > 1e12)
        why = "is too large";
    if (!why)
        return 0;
    problems_add(c->probs, line, col, "value '%s' %s", text, why);
    return 1;
}

/* Appends a row. */
static int push(struct check *c, const struct ind_import_row *row)
{
    if (c->nrows >= IND_IMPORT_MAX_VALUES)
        return 1;
    if (c->nrows == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 256;
        struct ind_import_row *p = arena_alloc(c->a, ncap * sizeof(*p));
        if (!p)
            return KL_ENOMEM;
        if (c->nrows)
            memcpy(p, c->rows, c->nrows * sizeof(*p));
        c->rows = p;
        c->cap = ncap;
    }
    c->rows[c->nrows++] = *row;
    return 0;
}

/* Checks the value, numerator and denominator texts of one value (any may be NULL: the
 * column is absent) and fills row; 1 on a problem, 2 when the cell holds no value. */
static int read_numbers(struct check *c, const struct indicator *ind, const char *vt,
                        const char *nt, const char *dt, size_t line, const int *colno,
                        struct ind_import_row *row)
{
    struct kl_error e;
    struct number num = {0};
    int has_v = vt && !no_value(vt), has_n = nt && *nt, has_d = dt && *dt, bad = 0;

    row->numerator = IND_NONE;
    row->denominator = IND_NONE;
    if (!has_v && !has_n && !has_d)
        return 2;
    if (has_v && number_parse(vt, c->decimal, &num, &e)) {
        problems_add(c->probs, line, (size_t)colno[C_VALUE], "value %s", e.msg);
        bad = 1;
    } else if (has_v && num.percent && ind->unit != IND_UNIT_PERCENT) {
        problems_add(c->probs, line, (size_t)colno[C_VALUE], "value '%s' has a percent sign, "
                     "but %s is not a percentage", vt, ind->code);
        bad = 1;
    } else if (has_v) {
        bad = check_range(c, ind, num.value, line, (size_t)colno[C_VALUE], vt);
    }
    if (has_n && number_parse_count(nt, c->decimal, MAX_COUNT, &row->numerator, &e)) {
        problems_add(c->probs, line, (size_t)colno[C_NUMERATOR], "numerator %s", e.msg);
        bad = 1;
    }
    if (has_d && number_parse_count(dt, c->decimal, MAX_COUNT, &row->denominator, &e)) {
        problems_add(c->probs, line, (size_t)colno[C_DENOMINATOR], "denominator %s", e.msg);
        bad = 1;
    }
    if (bad)
        return 1;
    if (!ind_unit_is_rate(ind->unit)) {
        if (has_d) {
            problems_add(c->probs, line, (size_t)colno[C_DENOMINATOR], "%s is a count: it "
                         "has no denominator", ind->code);
            return 1;
        }
        if (has_v && has_n && (double)row->numerator != num.value) {
            problems_add(c->probs, line, (size_t)colno[C_NUMERATOR], "numerator %s differs "
                         "from the value %s (for a count they are the same)", nt, vt);
            return 1;
        }
        row->value = has_v ? num.value : (double)row->numerator;
        return 0;
    }
    if (has_n != has_d) {
        problems_add(c->probs, line, (size_t)colno[has_n ? C_DENOMINATOR : C_NUMERATOR],
                     "give both numerator and denominator, or neither");
        return 1;
    }
    if (has_n) {
        double calc, slack;
        if (row->denominator == 0) {
            problems_add(c->probs, line, (size_t)colno[C_DENOMINATOR], "denominator is 0");
            return 1;
        }
        if (ind->unit == IND_UNIT_PERCENT && row->numerator > row->denominator) {
            problems_add(c->probs, line, (size_t)colno[C_NUMERATOR], "numerator %s is larger "
                         "than the denominator %s (a percentage)", nt, dt);
            return 1;
        }
        calc = ind_unit_scale(ind->unit) * (double)row->numerator / (double)row->denominator;
        slack = 0.5 * pow(10, -num.decimals) + 1e-9 * (calc > 1 ? calc : 1);
        if (has_v && fabs(num.value - calc) > slack) {
            char want[32];
            number_format(calc, num.decimals > 2 ? num.decimals : 2, c->decimal,
                          0, want, sizeof(want));
            problems_add(c->probs, line, (size_t)colno[C_VALUE], "value %s does not match "
                         "numerator / denominator (%s / %s gives %s)", vt, nt, dt, want);
            return 1;
        }
        row->value = has_v ? num.value : calc;
        if (!has_v && check_range(c, ind, calc, line, (size_t)colno[C_NUMERATOR], nt))
            return 1;
        return 0;
    }
    row->value = num.value;
    return 0;
}

/* Checks one record; 0, or KL_ENOMEM. */
static int check_record(struct check *c, const struct csv_record *rec, size_t nheader)
{
    struct ind_import_row row = {.line = rec->line};
    const struct indicator *ind = NULL;
    int colno[NCOLS];
    const char *f[NCOLS] = {0};
    int bad = 0, empty = 1, rc;

    if (rec->nfields != nheader) {
        for (size_t i = 0; i < rec->nfields && empty; i++)
            empty = strspn(rec->fields[i], " \t") == strlen(rec->fields[i]);
        if (!empty)
            problems_add(c->probs, rec->line, 0, "%zu fields, but the header has %zu",
                         rec->nfields, nheader);
        return 0;
    }
    for (size_t i = 0; i < rec->nfields && empty; i++)
        empty = strspn(rec->fields[i], " \t") == strlen(rec->fields[i]);
    if (empty)
        return 0;
    for (int k = 0; k < NCOLS; k++) {
        colno[k] = c->idx[k] + 1;
        if (c->idx[k] >= 0 && !(f[k] = trim(c->a, rec->fields[c->idx[k]])))
            return KL_ENOMEM;
    }
    if (f[C_INDICATOR] && *f[C_INDICATOR]) {
        if (!(ind = find_indicator(c->ctx, f[C_INDICATOR]))) {
            problems_add(c->probs, rec->line, (size_t)colno[C_INDICATOR],
                         "'%s' is not an indicator of the catalogue", f[C_INDICATOR]);
            bad = 1;
        }
    } else if (c->ctx->default_indicator) {
        if (!(ind = find_indicator(c->ctx, c->ctx->default_indicator))) {
            problems_add(c->probs, 0, 0, "'%s' is not an indicator of the catalogue",
                         c->ctx->default_indicator);
            return 1;
        }
    } else {
        problems_add(c->probs, rec->line, (size_t)colno[C_INDICATOR], "indicator is empty");
        bad = 1;
    }
    row.ind = ind;
    bad |= resolve_geo(c, f[C_GEO], rec->line, (size_t)colno[C_GEO], &row);
    if (!c->wide) {
        struct period p;
        if (period_parse(f[C_PERIOD], &p)) {
            problems_add(c->probs, rec->line, (size_t)colno[C_PERIOD], "period '%s' is not a "
                         "year, quarter or month (write 2023, 2023-Q2 or 2023-05)",
                         f[C_PERIOD]);
            bad = 1;
        } else if (ind && p.kind != ind->period_kind) {
            problems_add(c->probs, rec->line, (size_t)colno[C_PERIOD], "period '%s' is a %s, "
                         "but %s has a value per %s", f[C_PERIOD], period_kind_name(p.kind),
                         ind->code, period_kind_name(ind->period_kind));
            bad = 1;
        } else {
            period_format(&p, row.period);
        }
        if (bad || !ind)
            return 0;
        rc = read_numbers(c, ind, f[C_VALUE], f[C_NUMERATOR], f[C_DENOMINATOR], rec->line,
                          colno, &row);
        if (rc == 2)
            c->skipped++;
        else if (rc == 0 && (rc = push(c, &row)) != 0)
            return rc == KL_ENOMEM ? rc : 0;
        return 0;
    }
    for (size_t i = 0; i < nheader; i++) {
        char *cell;
        if (c->period_col[i] < 0)
            continue;
        if (ind && c->col_period[i].kind != ind->period_kind) {
            problems_add(c->probs, rec->line, i + 1, "column %s is a %s, but %s has a value "
                         "per %s", rec->fields[i], period_kind_name(c->col_period[i].kind),
                         ind->code, period_kind_name(ind->period_kind));
            bad = 1;
            continue;
        }
        if (bad || !ind)
            continue;
        if (!(cell = trim(c->a, rec->fields[i])))
            return KL_ENOMEM;
        colno[C_VALUE] = (int)i + 1;
        period_format(&c->col_period[i], row.period);
        rc = read_numbers(c, ind, cell, NULL, NULL, rec->line, colno, &row);
        if (rc == 2)
            c->skipped++;
        else if (rc == 0 && (rc = push(c, &row)) == KL_ENOMEM)
            return rc;
    }
    return 0;
}

static int cmp_row(const void *pa, const void *pb)
{
    const struct ind_import_row *a = pa, *b = pb;
    int d = strcmp(a->ind->code, b->ind->code);
    if (!d)
        d = strcmp(a->period, b->period);
    if (!d)
        d = (int)a->geo_kind - (int)b->geo_kind;
    if (!d)
        d = strcmp(a->geo_code, b->geo_code);
    if (!d)
        d = a->line < b->line ? -1 : a->line > b->line;
    return d;
}

/* Adds the CSV reader's message "line L, column C: what" as a problem at L:C. */
static void csv_problem(struct problems *probs, const char *msg)
{
    size_t line, col;
    int used = 0;

    if (sscanf(msg, "line %zu, column %zu: %n", &line, &col, &used) == 2 && used > 0)
        problems_add(probs, line, col, "%s", msg + used);
    else
        problems_add(probs, 0, 0, "%s", msg);
}

int ind_import_check(const char *data, size_t size, const struct ind_import_context *ctx,
                     struct arena *a, struct problems *probs, struct ind_import_row **rows,
                     size_t *nrows, size_t *skipped, struct kl_error *err)
{
    struct check c = {.ctx = ctx, .a = a, .probs = probs};
    struct csv_reader *r;
    struct csv_record rec;
    size_t known = probs->count, nheader, found;
    int got, rc = 0;

    *rows = NULL;
    *nrows = 0;
    if (skipped)
        *skipped = 0;
    r = csv_open_mem(data, size, 0, MAX_IMPORT_BYTES, err);
    if (!r) {
        if (err->code == KL_EINVAL) {
            problems_add(probs, 0, 0, "%s", err->msg);
            return KL_EINVAL;
        }
        return err->code ? err->code : KL_ENOMEM;
    }
    c.decimal = csv_separator(r) == ';' ? ',' : '.';
    got = csv_next(r, &rec, err);
    if (got <= 0) {
        if (got < 0)
            csv_problem(probs, err->msg);
        else
            problems_add(probs, 0, 0, "the file is empty (expected a header line)");
        csv_close(r);
        return kl_error_set(err, KL_EINVAL, "1 problem found; nothing was imported");
    }
    nheader = rec.nfields;
    rc = read_header(&c, &rec);
    if (rc == 0) {
        while ((got = csv_next(r, &rec, err)) > 0) {
            if ((rc = check_record(&c, &rec, nheader)) == KL_ENOMEM)
                break;
            if (c.nrows >= IND_IMPORT_MAX_VALUES) {
                problems_add(probs, rec.line, 0, "more than %d values: split the file",
                             IND_IMPORT_MAX_VALUES);
                break;
            }
        }
        if (got < 0)
            csv_problem(probs, err->msg);
    }
    csv_close(r);
    if (rc == KL_ENOMEM)
        return kl_error_set(err, KL_ENOMEM, "out of memory checking the file");
    if (rc == 0 && probs->count == known && c.nrows == 0)
        problems_add(probs, 0, 0, "no values after the header");
    if (c.nrows > 1) {
        qsort(c.rows, c.nrows, sizeof(*c.rows), cmp_row);
        for (size_t i = 1; i < c.nrows; i++) {
            const struct ind_import_row *p = &c.rows[i - 1], *q = &c.rows[i];
            if (p->ind == q->ind && strcmp(p->period, q->period) == 0 &&
                p->geo_kind == q->geo_kind && strcmp(p->geo_code, q->geo_code) == 0)
                problems_add(probs, q->line, 0, "duplicate: %s %s %s %s is already on line %zu",
                             q->ind->code, q->period, geo_kind_name(q->geo_kind), q->geo_code,
                             p->line);
        }
    }
    found = probs->count - known;
    if (found)
        return kl_error_set(err, KL_EINVAL, "%zu problem%s found; nothing was imported", found,
                            found == 1 ? "" : "s");
    *rows = c.rows;
    *nrows = c.nrows;
    if (skipped)
        *skipped = c.skipped;
    return 0;
}

/* One value as the audit log shows it: [value, numerator, denominator], the value as text
 * with at most 15 significant digits (4.1, not 4.0999999999999996). */
static json_t *value_json(double v, int64_t num, int64_t den)
{
    char text[32];
    snprintf(text, sizeof(text), "%.15g", v);
    return json_pack("[s, o, o]", text, num < 0 ? json_null() : json_integer(num),
                     den < 0 ? json_null() : json_integer(den));
}

/* The values of one group as the audit log shows them: {"751": ["12.5", 125, 1000], ...}. */
static json_t *group_json(const struct ind_value *v, size_t n, const struct ind_import_row *r,
                          size_t nr)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < n; i++)
        json_object_set_new(o, v[i].geo_code,
                            value_json(v[i].value, v[i].numerator, v[i].denominator));
    for (size_t i = 0; o && i < nr; i++)
        json_object_set_new(o, r[i].geo_code,
                            value_json(r[i].value, r[i].numerator, r[i].denominator));
    return o;
}

/* Replaces one group (rows[0..n), same indicator, period and kind) inside the transaction. */
static int write_group(struct store *st, struct arena *a, const struct principal *who,
                       int64_t source, const char *label, const struct ind_import_row *rows,
                       size_t n, struct ind_import_summary *sum, struct kl_error *err)
{
    struct ind_value *old, *keep;
    size_t nold, nkeep = 0, deleted = 0;
    char id[96];
    json_t *before = NULL, *after = NULL;
    int rc = store_ind_values(st, a, rows[0].ind->code, rows[0].period, rows[0].period, &old,
                              &nold, err);

    if (rc)
        return rc;
    keep = arena_calloc(a, nold + 1, sizeof(*keep));
    if (!keep)
        return kl_error_set(err, KL_ENOMEM, "out of memory storing values");
    for (size_t i = 0; i < nold; i++)
        if (old[i].geo_kind == rows[0].geo_kind)
            keep[nkeep++] = old[i];
    if (nkeep)
        before = json_pack("{s:s, s:o}", "source", keep[0].source_label,
                           "values", group_json(keep, nkeep, NULL, 0));
    after = json_pack("{s:s, s:o}", "source", label, "values", group_json(NULL, 0, rows, n));
    if (!after || (nkeep && !before)) {
        rc = kl_error_set(err, KL_ENOMEM, "out of memory storing values");
        goto out;
    }
    rc = store_ind_values_delete(st, rows[0].ind->code, rows[0].period, rows[0].geo_kind,
                                 &deleted, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct ind_value v = {rows[i].ind->code, rows[i].geo_kind, rows[i].geo_code,
                              rows[i].period, rows[i].value, rows[i].numerator,
                              rows[i].denominator, source, VALUE_SRC_IMPORT, NULL, NULL};
        rc = store_ind_value_put(st, &v, err);
    }
    snprintf(id, sizeof(id), "%s/%s/%s", rows[0].ind->code, rows[0].period,
             geo_kind_name(rows[0].geo_kind));
    if (rc == 0)
        rc = app_audit_record(st, who, "indicator_values", id, nkeep ? "replace" : "create", 0,
                              before, after, err);
    if (rc == 0 && sum) {
        sum->values += n;
        sum->groups++;
        sum->replaced += deleted;
    }
out:
    json_decref(before);
    json_decref(after);
    return rc;
}

int app_indicator_store_rows(struct store *st, const struct principal *who,
                             enum source_kind kind, const char *label,
                             struct ind_import_row *rows, size_t nrows,
                             struct ind_import_summary *sum, struct kl_error *err)
{
    struct ind_batch src = {0, kind, label, who->login && *who->login ? who->login : "unknown",
                            NULL};
    struct arena *a = arena_new(0);
    int64_t source = 0;
    int rc;

    if (!a)
        return kl_error_set(err, KL_ENOMEM, "out of memory storing values");
    qsort(rows, nrows, sizeof(*rows), cmp_row);
    rc = store_begin(st, err);
    if (rc == 0)
        rc = store_ind_source_add(st, &src, &source, err);
    for (size_t i = 0; rc == 0 && i < nrows;) {
        size_t j = i + 1;
        while (j < nrows && rows[j].ind == rows[i].ind &&
               strcmp(rows[j].period, rows[i].period) == 0 &&
               rows[j].geo_kind == rows[i].geo_kind)
            j++;
        rc = write_group(st, a, who, source, label, &rows[i], j - i, sum, err);
        i = j;
    }
    if (rc == 0)
        rc = store_commit(st, err);
    else
        store_rollback(st);
    if (rc == 0 && sum)
        sum->source_id = source;
    arena_free(a);
    return rc;
}

int app_indicator_import(struct store *st, const struct principal *who, const char *label,
                         const char *default_indicator, const char *data, size_t size,
                         struct problems *probs, struct ind_import_summary *sum,
                         struct kl_error *err)
{
    struct ind_import_context ctx = {0};
    struct indicator *inds;
    struct municipality *munis;
    struct region *regions;
    struct cluster *clusters;
    struct ind_import_row *rows;
    size_t nrows, skipped;
    struct arena *a;
    int rc;

    if (sum)
        memset(sum, 0, sizeof(*sum));
    if ((rc = app_authorize(st, who, PERM_INDICATOR_EDIT, 0, err)))
        return rc;
    if (!(a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory importing values");
    if ((rc = store_indicator_list(st, a, &inds, &ctx.nindicators, err)) ||
        (rc = store_municipality_list(st, a, 0, &munis, &ctx.nmunicipalities, err)) ||
        (rc = store_region_list(st, a, &regions, &ctx.nregions, err)) ||
        (rc = store_cluster_list(st, a, 0, &clusters, &ctx.nclusters, err)))
        goto out;
    ctx.indicators = inds;
    ctx.municipalities = munis;
    ctx.regions = regions;
    ctx.clusters = clusters;
    ctx.default_indicator = default_indicator && *default_indicator ? default_indicator : NULL;
    rc = ind_import_check(data, size, &ctx, a, probs, &rows, &nrows, &skipped, err);
    if (rc)
        goto out;
    rc = app_indicator_store_rows(st, who, VALUE_SRC_IMPORT, label, rows, nrows, sum, err);
    if (rc == 0 && sum)
        sum->skipped = skipped;
out:
    arena_free(a);
    return rc;
}

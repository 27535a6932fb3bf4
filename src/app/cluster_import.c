/* cluster_import.c - validation and all-or-nothing import of a cluster structure file. */
#include "app/cluster_import.h"

#include "app/audit.h"
#include "app/principal.h"

#include "core/arena.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/error.h"
#include "core/problems.h"
#include "model/org.h"
#include "store/org.h"
#include "store/store.h"

#include <jansson.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_IMPORT_BYTES ((size_t)32 << 20)
/* A region's structure is a few hundred rows; the checks across rows are quadratic. */
#define MAX_IMPORT_ROWS 20000

enum col {
    COL_REGION, COL_CODE, COL_NAME, COL_FROM, COL_TO, COL_HOSPITAL, COL_MUNI, COL_MUNI_NAME,
    NCOLS
};

static const char *const col_names[NCOLS] = {
    "region_code", "cluster_code", "cluster_name", "valid_from", "valid_to",
    "acute_hospital", "municipality_code", "municipality_name",
};

/* One valid row, kept for the checks across rows and for writing. */
struct row {
    size_t line;
    int region;
    const char *code;
    const char *name;
    int32_t from, to;
    const char *hospital;
    int muni;
};

struct import {
    struct store *st;
    struct arena *a;
    struct problems *probs;
    int idx[NCOLS];
    struct row *rows;
    size_t nrows, cap;
    struct region *regions;
    size_t nregions;
    struct municipality *munis;
    size_t nmunis;
};

/* A copy of s in arena a without spaces at either end; NULL when out of memory. */
static const char *trim(struct arena *a, const char *s)
{
    size_t n;
    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return arena_strndup(a, s, n);
}

/* A whole decimal number of at most 9 digits, or -1. */
static int parse_code(const char *s)
{
    char *end;
    long v;
    if (!*s || strlen(s) > 9)
        return -1;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    errno = 0;
    v = strtol(s, &end, 10);
    return errno || *end ? -1 : (int)v;
}

static const struct municipality *find_muni(const struct import *im, int code)
{
    for (size_t i = 0; i < im->nmunis; i++)
        if (im->munis[i].code == code)
            return &im->munis[i];
    return NULL;
}

static int region_known(const struct import *im, int code)
{
    for (size_t i = 0; i < im->nregions; i++)
        if (im->regions[i].code == code)
            return 1;
    return 0;
}

/* True when a written municipality name means the stored one: case-insensitive, with an
 * optional " Kommune" after it. */
static int muni_name_matches(const char *written, const char *stored)
{
    size_t n = strlen(stored);
    if (strncasecmp(written, stored, n) != 0)
        return 0;
    return written[n] == '\0' || strcasecmp(written + n, " kommune") == 0;
}

static int read_header(struct import *im, const struct csv_record *h)
{
    int ok = 1;
    for (int c = 0; c < NCOLS; c++) {
        im->idx[c] = csv_header_index(h, col_names[c]);
        if (im->idx[c] < 0 && c != COL_MUNI_NAME) {
            problems_add(im->probs, h->line, 0, "missing column '%s' in the header",
                         col_names[c]);
            ok = 0;
        }
    }
    return ok;
}

/* Validates one record: 0 when valid (appended to im->rows), 1 when not (its problems
 * recorded), KL_ENOMEM. */
static int check_row(struct import *im, const struct csv_record *rec, size_t nheader)
{
    struct row r = {.line = rec->line, .to = DATE_OPEN};
    const char *f[NCOLS] = {0};
    struct kl_error e;
    int bad = 0;

    if (rec->nfields != nheader) {
        problems_add(im->probs, rec->line, 0, "%zu fields, but the header has %zu",
                     rec->nfields, nheader);
        return 1;
    }
    for (int c = 0; c < NCOLS; c++) {
        if (im->idx[c] < 0)
            continue;
        f[c] = trim(im->a, rec->fields[im->idx[c]]);
        if (!f[c])
            return KL_ENOMEM;
    }
#define COLNO(c) ((size_t)im->idx[c] + 1)
    r.region = parse_code(f[COL_REGION]);
    if (r.region < 0 || !region_code_valid(r.region) || !region_known(im, r.region)) {
        problems_add(im->probs, r.line, COLNO(COL_REGION),
                     "region_code '%s' is not a region (1081-1085)", f[COL_REGION]);
        bad = 1;
    }
    r.code = f[COL_CODE];
    if (!cluster_code_valid(r.code)) {
        problems_add(im->probs, r.line, COLNO(COL_CODE),
                     "cluster_code '%s' must be 1-40 capital letters, digits or '-', "
                     "starting with a letter",
                     r.code);
        bad = 1;
    }
    r.name = f[COL_NAME];
    if (!*r.name) {
        problems_add(im->probs, r.line, COLNO(COL_NAME), "cluster_name is empty");
        bad = 1;
    }
    if (!*f[COL_FROM]) {
        problems_add(im->probs, r.line, COLNO(COL_FROM), "valid_from is empty");
        bad = 1;
    } else if (date_parse_text(f[COL_FROM], &r.from, &e)) {
        problems_add(im->probs, r.line, COLNO(COL_FROM), "valid_from %s", e.msg);
        bad = 1;
    }
    if (*f[COL_TO] && date_parse_text(f[COL_TO], &r.to, &e)) {
        problems_add(im->probs, r.line, COLNO(COL_TO), "valid_to %s", e.msg);
        bad = 1;
    } else if (!bad && r.to < r.from) {
        problems_add(im->probs, r.line, COLNO(COL_TO), "valid_to %s is before valid_from %s",
                     f[COL_TO], f[COL_FROM]);
        bad = 1;
    }
    r.hospital = f[COL_HOSPITAL];
    if (!*r.hospital) {
        problems_add(im->probs, r.line, COLNO(COL_HOSPITAL), "acute_hospital is empty");
        bad = 1;
    }
    r.muni = parse_code(f[COL_MUNI]);
    if (r.muni < 0 || !find_muni(im, r.muni)) {
        problems_add(im->probs, r.line, COLNO(COL_MUNI),
                     "municipality_code '%s' is not a Danish municipality", f[COL_MUNI]);
        bad = 1;
    } else if (f[COL_MUNI_NAME] && *f[COL_MUNI_NAME] &&
               !muni_name_matches(f[COL_MUNI_NAME], find_muni(im, r.muni)->name)) {
        problems_add(im->probs, r.line, COLNO(COL_MUNI_NAME),
                     "municipality %d is %s, not '%s'", r.muni, find_muni(im, r.muni)->name,
                     f[COL_MUNI_NAME]);
        bad = 1;
    }
#undef COLNO
    if (bad)
        return 1;
    if (im->nrows == im->cap) {
        size_t ncap = im->cap ? im->cap * 2 : 64;
        struct row *p = arena_alloc(im->a, ncap * sizeof(*p));
        if (!p)
            return KL_ENOMEM;
        if (im->nrows)
            memcpy(p, im->rows, im->nrows * sizeof(*p));
        im->rows = p;
        im->cap = ncap;
    }
    im->rows[im->nrows++] = r;
    return 0;
}

static void format_period(int32_t from, int32_t to, char *out, size_t n)
{
    char a[11], b[11];
    date_format_iso(from, a);
    if (to == DATE_OPEN)
        snprintf(out, n, "%s onwards", a);
    else {
        date_format_iso(to, b);
        snprintf(out, n, "%s to %s", a, b);
    }
}

/* Checks across rows: duplicates, one definition per cluster code, and no two clusters of
 * one name in one region with overlapping periods (in the file, or in the file against
 * clusters already stored and not replaced). */
static void check_across(struct import *im, const struct cluster *stored, size_t nstored)
{
    char p1[40], p2[40];

    for (size_t i = 0; i < im->nrows; i++) {
        const struct row *r = &im->rows[i];
        for (size_t j = 0; j < i; j++) {
            const struct row *q = &im->rows[j];
            if (strcmp(r->code, q->code) == 0) {
                if (r->muni == q->muni) {
                    problems_add(im->probs, r->line, 0,
                                 "duplicate row: municipality %d is already in cluster %s on "
                                 "line %zu",
                                 r->muni, r->code, q->line);
                    break;
                }
                if (r->region != q->region || strcmp(r->name, q->name) != 0 ||
                    r->from != q->from || r->to != q->to) {
                    problems_add(im->probs, r->line, 0,
                                 "cluster %s is defined differently on line %zu (region, "
                                 "name and period must be the same on all its rows)",
                                 r->code, q->line);
                    break;
                }
            } else if (r->region == q->region && strcasecmp(r->name, q->name) == 0 &&
                       period_overlaps(r->from, r->to, q->from, q->to)) {
                format_period(r->from, r->to, p1, sizeof(p1));
                format_period(q->from, q->to, p2, sizeof(p2));
                problems_add(im->probs, r->line, 0,
                             "overlapping periods: %s (%s) here and %s (%s) on line %zu are "
                             "both called '%s'",
                             r->code, p1, q->code, p2, q->line, r->name);
                break;
            }
        }
        for (size_t k = 0; k < nstored; k++) {
            const struct cluster *c = &stored[k];
            int replaced = 0;
            for (size_t j = 0; j < im->nrows && !replaced; j++)
                replaced = strcmp(im->rows[j].code, c->code) == 0;
            if (replaced || c->region_code != r->region || strcasecmp(c->name, r->name) != 0 ||
                !period_overlaps(r->from, r->to, c->valid_from, c->valid_to))
                continue;
            format_period(r->from, r->to, p1, sizeof(p1));
            format_period(c->valid_from, c->valid_to, p2, sizeof(p2));
            problems_add(im->probs, r->line, 0,
                         "overlapping periods: %s (%s) and the stored cluster %s (%s) are both "
                         "called '%s'",
                         r->code, p1, c->code, p2, r->name);
        }
    }
}

/* The cluster as the audit log shows it: its fields, hospital names and member codes. */
static json_t *cluster_json(const struct cluster *c, const char *const *hospitals, size_t nh,
                            const int *munis, size_t nm)
{
    char from[11], to[11];
    json_t *h = json_array(), *m = json_array(), *j;

    date_format_iso(c->valid_from, from);
    if (c->valid_to != DATE_OPEN)
        date_format_iso(c->valid_to, to);
    for (size_t i = 0; i < nh; i++)
        json_array_append_new(h, json_string(hospitals[i]));
    for (size_t i = 0; i < nm; i++)
        json_array_append_new(m, json_integer(munis[i]));
    j = json_pack("{s:s, s:s, s:i, s:s, s:s?, s:o, s:o}", "code", c->code, "name", c->name,
                  "region_code", c->region_code, "valid_from", from, "valid_to",
                  c->valid_to == DATE_OPEN ? NULL : to, "hospitals", h, "municipalities", m);
    return j;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The stored definition of code as JSON (hospitals and members sorted), or NULL when the
 * cluster does not exist yet. */
static int stored_json(struct import *im, const char *code, json_t **out, struct kl_error *err)
{
    struct cluster c;
    struct hospital *h;
    struct cluster_member *m;
    const char **hn;
    int *mc;
    size_t nh, nm;
    int rc = store_cluster_get(im->st, im->a, code, &c, err);

    *out = NULL;
    if (rc == KL_ENOTFOUND)
        return 0;
    if (rc == 0)
        rc = store_cluster_hospitals(im->st, im->a, code, &h, &nh, err);
    if (rc == 0)
        rc = store_cluster_members(im->st, im->a, code, &m, &nm, err);
    if (rc)
        return rc;
    hn = arena_calloc(im->a, nh + 1, sizeof(*hn));
    mc = arena_calloc(im->a, nm + 1, sizeof(*mc));
    if (!hn || !mc)
        return kl_error_set(err, KL_ENOMEM, "out of memory importing clusters");
    for (size_t i = 0; i < nh; i++)
        hn[i] = h[i].name;
    for (size_t i = 0; i < nm; i++)
        mc[i] = m[i].municipality_code;
    qsort(hn, nh, sizeof(*hn), cmp_str);
    qsort(mc, nm, sizeof(*mc), cmp_int);
    *out = cluster_json(&c, hn, nh, mc, nm);
    return *out ? 0 : kl_error_set(err, KL_ENOMEM, "out of memory importing clusters");
}

/* Writes one cluster (rows i.. with its code, marked in done) unless the stored definition
 * is already the same, and records the change in the audit log. */
static int write_cluster(struct import *im, const struct principal *who, size_t i, char *done,
                         struct cluster_import_summary *sum, struct kl_error *err)
{
    const struct row *r = &im->rows[i];
    struct cluster c = {r->code, r->name, r->region, r->from, r->to};
    const char **hnames = arena_calloc(im->a, im->nrows, sizeof(*hnames));
    int *munis = arena_calloc(im->a, im->nrows, sizeof(*munis));
    int64_t *hids = arena_calloc(im->a, im->nrows, sizeof(*hids));
    size_t nh = 0, nm = 0;
    json_t *before = NULL, *after = NULL;
    int rc;

    if (!hnames || !munis || !hids)
        return kl_error_set(err, KL_ENOMEM, "out of memory importing clusters");
    for (size_t j = i; j < im->nrows; j++) {
        const struct row *q = &im->rows[j];
        int seen = 0;
        if (strcmp(q->code, r->code) != 0)
            continue;
        done[j] = 1;
        munis[nm++] = q->muni;
        for (size_t k = 0; k < nh; k++)
            seen |= strcmp(hnames[k], q->hospital) == 0;
        if (!seen)
            hnames[nh++] = q->hospital;
    }
    qsort(hnames, nh, sizeof(*hnames), cmp_str);
    qsort(munis, nm, sizeof(*munis), cmp_int);
    rc = stored_json(im, r->code, &before, err);
    if (rc)
        return rc;
    after = cluster_json(&c, hnames, nh, munis, nm);
    if (!after) {
        json_decref(before);
        return kl_error_set(err, KL_ENOMEM, "out of memory importing clusters");
    }
    if (before && json_equal(before, after))
        goto out;
    for (size_t k = 0; k < nh && rc == 0; k++)
        rc = store_hospital_ensure(im->st, r->region, hnames[k], &hids[k], err);
    if (rc == 0)
        rc = store_cluster_put(im->st, &c, hids, nh, munis, nm, err);
    if (rc == 0)
        rc = app_audit_record(im->st, who, "cluster", r->code, before ? "update" : "create", 0,
                              before, after, err);
    if (rc == 0 && sum) {
        sum->clusters++;
        sum->hospitals += nh;
    }
out:
    json_decref(before);
    json_decref(after);
    return rc;
}

/* Writes every cluster of the file (rows grouped by code). Inside a transaction. */
static int write_clusters(struct import *im, const struct principal *who,
                          struct cluster_import_summary *sum, struct kl_error *err)
{
    char *done = arena_calloc(im->a, im->nrows, 1);
    int rc = 0;

    if (!done)
        return kl_error_set(err, KL_ENOMEM, "out of memory importing clusters");
    for (size_t i = 0; i < im->nrows && rc == 0; i++)
        if (!done[i])
            rc = write_cluster(im, who, i, done, sum, err);
    return rc;
}

/* KL_EINVAL with err saying how many problems the file has (those added to probs since it
 * held known): the import stops and writes nothing. */
static int refused(const struct problems *probs, size_t known, struct kl_error *err)
{
    size_t found = probs->count - known;

    return kl_error_set(err, KL_EINVAL, "%zu problem%s found; nothing was imported", found,
                        found == 1 ? "" : "s");
}

int app_cluster_import(struct store *st, const struct principal *who, const char *data,
                       size_t n, struct problems *probs, struct cluster_import_summary *sum,
                       struct kl_error *err)
{
    struct import im = {.st = st, .probs = probs};
    struct csv_reader *r = NULL;
    struct csv_record rec;
    struct cluster *stored = NULL;
    size_t nheader = 0, nstored = 0, known = probs->count;
    int rc, got;

    if (sum)
        memset(sum, 0, sizeof(*sum));
    im.a = arena_new(0);
    if (!im.a)
        return kl_error_set(err, KL_ENOMEM, "out of memory importing clusters");
    rc = store_region_list(st, im.a, &im.regions, &im.nregions, err);
    if (rc == 0)
        rc = store_municipality_list(st, im.a, 0, &im.munis, &im.nmunis, err);
    if (rc == 0)
        rc = store_cluster_list(st, im.a, 0, &stored, &nstored, err);
    if (rc)
        goto out;
    r = csv_open_mem(data, n, 0, MAX_IMPORT_BYTES, err);
    if (!r) {
        rc = err->code ? err->code : KL_ENOMEM;
        goto out;
    }
    got = csv_next(r, &rec, err);
    if (got <= 0) {
        problems_add(probs, got < 0 ? 1 : 0, 0, "%s",
                     got < 0 ? err->msg : "the file is empty (expected a header line)");
        rc = refused(probs, known, err);
        goto out;
    }
    nheader = rec.nfields;
    if (!read_header(&im, &rec)) {
        rc = refused(probs, known, err);
        goto out;
    }
    while ((got = csv_next(r, &rec, err)) > 0) {
        if (sum)
            sum->rows++;
        if (im.nrows >= MAX_IMPORT_ROWS) {
            problems_add(probs, rec.line, 0, "more than %d rows: split the file by region",
                         MAX_IMPORT_ROWS);
            break;
        }
        rc = check_row(&im, &rec, nheader);
        if (rc == KL_ENOMEM) {
            kl_error_set(err, KL_ENOMEM, "out of memory importing clusters");
            goto out;
        }
    }
    if (got < 0)
        problems_add(probs, 0, 0, "%s", err->msg);
    if (probs->count == known && im.nrows == 0)
        problems_add(probs, 0, 0, "no data rows after the header");
    check_across(&im, stored, nstored);
    if (probs->count > known) {
        rc = refused(probs, known, err);
        goto out;
    }
    rc = store_begin(st, err);
    if (rc)
        goto out;
    rc = write_clusters(&im, who, sum, err);
    if (rc == 0)
        rc = store_commit(st, err);
    else
        store_rollback(st);
out:
    csv_close(r);
    arena_free(im.a);
    return rc;
}

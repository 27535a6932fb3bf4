/* refs.c - the small files beside the extract: the population (pop65 per municipality and
 * year), the diagnosis groups of preventable admissions, and cluster memberships. Read with
 * the core CSV reader; every problem names file:line:column. */
#include "engine/internal.h"

#include "core/csv.h"
#include "core/embed.h"
#include "core/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct embedded_file engine_files[];

#define REF_MAX_BYTES ((size_t)64 << 20)

/* Parses a whole decimal number in [min, max]. 0 or -1. */
static int parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    if (!*s || *s == ' ' || *s == '+' || *s == '-')
        return -1;
    *out = strtol(s, &end, 10);
    return errno == 0 && *end == '\0' && *out >= min && *out <= max ? 0 : -1;
}

/* Finds the columns names[i] in the header of r; KL_EINVAL naming a missing one unless
 * optional[i]. */
static int header(struct csv_reader *r, const char *path, const char *const *names,
                  const int *optional, int *col, size_t n, struct kl_error *err)
{
    struct csv_record h;
    int rc = csv_next(r, &h, err);
    if (rc < 0) {
        kl_error_prefix(err, "%s", path);
        return rc;
    }
    if (rc == 0)
        return kl_error_set(err, KL_EINVAL, "%s:1: the file is empty", path);
    for (size_t i = 0; i < n; i++) {
        col[i] = csv_header_index(&h, names[i]);
        if (col[i] < 0 && !(optional && optional[i]))
            return kl_error_set(err, KL_EINVAL, "%s:1: the header has no column %s", path,
                                names[i]);
    }
    return 0;
}

/* The field of column c in rec ("" when the row is short). */
static const char *field(const struct csv_record *rec, int c)
{
    return c >= 0 && (size_t)c < rec->nfields ? rec->fields[c] : "";
}

static int code_of(const struct engine_munis *m, const char *s)
{
    long v;
    if (parse_long(s, 1, ENGINE_MUNI_CODES - 1, &v) || m->index[v] < 0)
        return -1;
    return (int)v;
}

/* ---- population ------------------------------------------------------------------------ */

static int pop_cmp(const void *a, const void *b)
{
    const struct engine_pop *x = a, *y = b;
    if (x->code != y->code)
        return x->code < y->code ? -1 : 1;
    return x->year < y->year ? -1 : x->year > y->year;
}

int engine_population_load(const char *path, const struct engine_munis *m,
                           struct engine_population *p, struct kl_error *err)
{
    static const char *const names[] = {"municipality_code", "year", "pop65"};
    struct csv_reader *r;
    struct csv_record rec;
    int col[3], rc;
    size_t cap = 0;
    size_t *lines = NULL;

    memset(p, 0, sizeof(*p));
    r = csv_open_file(path, 0, REF_MAX_BYTES, err);
    if (!r)
        return err ? err->code : KL_EIO;
    rc = header(r, path, names, NULL, col, 3, err);
    while (rc == 0 && (rc = csv_next(r, &rec, err)) == 1) {
        long year, pop;
        int code = code_of(m, field(&rec, col[0]));
        rc = 0;
        if (code < 0) {
            rc = kl_error_set(err, KL_EINVAL, "%s:%zu:%d: municipality_code '%s' is not a "
                              "Danish municipality code", path, rec.line, col[0] + 1,
                              field(&rec, col[0]));
        } else if (parse_long(field(&rec, col[1]), 1, 9999, &year)) {
            rc = kl_error_set(err, KL_EINVAL, "%s:%zu:%d: year '%s' is not a year", path,
                              rec.line, col[1] + 1, field(&rec, col[1]));
        } else if (parse_long(field(&rec, col[2]), 0, 1000000000L, &pop)) {
            rc = kl_error_set(err, KL_EINVAL, "%s:%zu:%d: pop65 '%s' is not a count", path,
                              rec.line, col[2] + 1, field(&rec, col[2]));
        } else if (p->n == cap) {
            size_t nc = cap ? cap * 2 : 256;
            struct engine_pop *np = realloc(p->row, nc * sizeof(*np));
            size_t *nl = realloc(lines, nc * sizeof(*nl));
            if (np)
                p->row = np;
            if (nl)
                lines = nl;
            if (!np || !nl)
                rc = kl_error_set(err, KL_ENOMEM, "%s: out of memory", path);
            cap = nc;
        }
        if (rc == 0) {
            lines[p->n] = rec.line;
            p->row[p->n++] = (struct engine_pop){(uint16_t)code, (int16_t)year, pop};
        }
    }
    if (rc < 0 && err && strncmp(err->msg, path, strlen(path)) != 0)
        kl_error_prefix(err, "%s", path);
    csv_close(r);
    if (rc == 0) {
        /* a repeated (municipality, year) is an error: find it before sorting loses lines */
        struct engine_pop *copy = malloc((p->n ? p->n : 1) * sizeof(*copy));
        if (!copy) {
            rc = kl_error_set(err, KL_ENOMEM, "%s: out of memory", path);
        } else {
            memcpy(copy, p->row, p->n * sizeof(*copy));
            qsort(copy, p->n, sizeof(*copy), pop_cmp);
            for (size_t i = 1; i < p->n && rc == 0; i++) {
                if (pop_cmp(&copy[i - 1], &copy[i]) != 0)
                    continue;
                /* report the second occurrence in file order */
                size_t seen = 0;
                for (size_t j = 0; j < p->n; j++) {
                    if (pop_cmp(&p->row[j], &copy[i]) == 0 && ++seen == 2) {
                        rc = kl_error_set(err, KL_EINVAL, "%s:%zu: municipality %u has a "
                                          "second pop65 for %d", path, lines[j],
                                          (unsigned)copy[i].code, (int)copy[i].year);
                        break;
                    }
                }
            }
            free(p->row);
            p->row = copy;
        }
    }
    free(lines);
    if (rc)
        engine_population_free(p);
    return rc;
}

void engine_population_free(struct engine_population *p)
{
    free(p->row);
    memset(p, 0, sizeof(*p));
}

/* ---- diagnosis groups ------------------------------------------------------------------ */

int engine_dxgroups_load(const char *path, struct engine_dxgroups *g, struct kl_error *err)
{
    static const char *const names[] = {"group", "prefix"};
    const char *name = path ? path : "diagnosis_groups_preventable.csv (built in)";
    struct csv_reader *r;
    struct csv_record rec;
    int col[2], rc;
    size_t cap = 0;

    memset(g, 0, sizeof(*g));
    if (path) {
        r = csv_open_file(path, 0, REF_MAX_BYTES, err);
    } else {
        const struct embedded_file *f = embed_find(engine_files,
                                                   "diagnosis_groups_preventable.csv");
        r = f ? csv_open_mem((const char *)f->data, f->size, 0, 0, err) : NULL;
        if (!f)
            return kl_error_set(err, KL_EINVAL, "%s is not in this build", name);
    }
    if (!r)
        return err ? err->code : KL_EIO;
    rc = header(r, name, names, NULL, col, 2, err);
    while (rc == 0 && (rc = csv_next(r, &rec, err)) == 1) {
        const char *pre = field(&rec, col[1]), *grp = field(&rec, col[0]);
        size_t n = strlen(pre);
        rc = 0;
        if (n == 0 || n >= sizeof(*g->prefix)) {
            rc = kl_error_set(err, KL_EINVAL, "%s:%zu:%d: prefix '%s' must be 1 to 15 "
                              "characters", name, rec.line, col[1] + 1, pre);
            break;
        }
        if (g->n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char(*np)[16] = realloc(g->prefix, nc * sizeof(*np));
            char(*ng)[64] = np ? realloc(g->group, nc * sizeof(*ng)) : NULL;
            if (np)
                g->prefix = np;
            if (!np || !ng) {
                rc = kl_error_set(err, KL_ENOMEM, "%s: out of memory", name);
                break;
            }
            g->group = ng;
            cap = nc;
        }
        for (size_t i = 0; i <= n; i++)
            g->prefix[g->n][i] = (char)(pre[i] >= 'a' && pre[i] <= 'z' ? pre[i] - 32 : pre[i]);
        snprintf(g->group[g->n], sizeof(*g->group), "%s", grp);
        g->n++;
    }
    if (rc < 0 && err && strncmp(err->msg, name, strlen(name)) != 0)
        kl_error_prefix(err, "%s", name);
    csv_close(r);
    if (rc)
        engine_dxgroups_free(g);
    return rc;
}

void engine_dxgroups_free(struct engine_dxgroups *g)
{
    free(g->prefix);
    free(g->group);
    memset(g, 0, sizeof(*g));
}

int engine_dxgroups_match(const struct engine_dxgroups *g, const char *code, size_t n)
{
    for (size_t i = 0; i < g->n; i++) {
        const char *p = g->prefix[i];
        size_t k = 0;
        while (p[k] && k < n) {
            char c = code[k];
            if (c >= 'a' && c <= 'z')
                c = (char)(c - 32);
            if (c != p[k])
                break;
            k++;
        }
        if (p[k] == '\0')
            return 1;
    }
    return 0;
}

int engine_dict_flag(struct engine_dict *d, const struct engine_dxgroups *g)
{
    free(d->flag);
    d->flag = calloc(d->n ? d->n : 1, 1);
    if (!d->flag)
        return KL_ENOMEM;
    for (uint32_t id = 0; id < d->n; id++) {
        size_t n;
        const char *s = engine_dict_get(d, id, &n);
        d->flag[id] = (uint8_t)engine_dxgroups_match(g, s, n);
    }
    return 0;
}

/* ---- clusters -------------------------------------------------------------------------- */

static int code_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Parses an optional date field: empty gives dflt. 0 or -1. */
static int opt_date(const char *s, int32_t dflt, int32_t *out)
{
    if (!*s) {
        *out = dflt;
        return 0;
    }
    return engine_parse_date(s, strlen(s), out);
}

int engine_clusters_load(const char *path, const struct engine_munis *m,
                         struct engine_clusters *c, struct kl_error *err)
{
    static const char *const names[] = {"cluster_code", "municipality_code", "valid_from",
                                        "valid_to"};
    static const int optional[] = {0, 0, 1, 1};
    struct csv_reader *r;
    struct csv_record rec;
    int col[4], rc;
    size_t cap = 0;
    char(*codes)[64] = NULL;

    memset(c, 0, sizeof(*c));
    r = csv_open_file(path, 0, REF_MAX_BYTES, err);
    if (!r)
        return err ? err->code : KL_EIO;
    rc = header(r, path, names, optional, col, 4, err);
    while (rc == 0 && (rc = csv_next(r, &rec, err)) == 1) {
        const char *code = field(&rec, col[0]);
        int muni = code_of(m, field(&rec, col[1]));
        int32_t from, to;
        rc = 0;
        if (!*code || strlen(code) >= 64) {
            rc = kl_error_set(err, KL_EINVAL, "%s:%zu:%d: cluster_code '%s' must be 1 to 63 "
                              "characters", path, rec.line, col[0] + 1, code);
        } else if (muni < 0) {
            rc = kl_error_set(err, KL_EINVAL, "%s:%zu:%d: municipality_code '%s' is not a "
                              "Danish municipality code", path, rec.line, col[1] + 1,
                              field(&rec, col[1]));
        } else if (opt_date(field(&rec, col[2]), INT32_MIN, &from)) {
            rc = kl_error_set(err, KL_EINVAL, "%s:%zu:%d: valid_from '%s' is not a date", path,
                              rec.line, col[2] + 1, field(&rec, col[2]));
        } else if (opt_date(field(&rec, col[3]), INT32_MAX, &to) || to < from) {
            rc = kl_error_set(err, KL_EINVAL, "%s:%zu:%d: valid_to '%s' is not a date on or "
                              "after valid_from", path, rec.line, col[3] + 1,
                              field(&rec, col[3]));
        } else if (c->n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            struct engine_member *nm = realloc(c->member, nc * sizeof(*nm));
            char(*ncodes)[64] = nm ? realloc(codes, nc * sizeof(*ncodes)) : NULL;
            if (nm)
                c->member = nm;
            if (ncodes)
                codes = ncodes;
            if (!nm || !ncodes)
                rc = kl_error_set(err, KL_ENOMEM, "%s: out of memory", path);
            cap = nc;
        }
        if (rc)
            break;
        snprintf(codes[c->n], sizeof(*codes), "%s", code);
        c->member[c->n++] = (struct engine_member){0, (uint8_t)m->index[muni], from, to};
    }
    if (rc < 0 && err && strncmp(err->msg, path, strlen(path)) != 0)
        kl_error_prefix(err, "%s", path);
    csv_close(r);
    if (rc == 0) {
        /* the distinct codes, sorted; members point at them */
        c->code = malloc((c->n ? c->n : 1) * sizeof(*c->code));
        if (!c->code) {
            rc = kl_error_set(err, KL_ENOMEM, "%s: out of memory", path);
        } else {
            memcpy(c->code, codes, c->n * sizeof(*codes));
            qsort(c->code, c->n, sizeof(*c->code), code_cmp);
            for (size_t i = 0; i < c->n; i++)
                if (c->ncodes == 0 || strcmp(c->code[c->ncodes - 1], c->code[i]) != 0)
                    memmove(c->code[c->ncodes++], c->code[i], sizeof(*c->code));
            for (size_t i = 0; i < c->n; i++) {
                char(*hit)[64] = bsearch(codes[i], c->code, c->ncodes, sizeof(*c->code),
                                         code_cmp);
                c->member[i].cluster = (uint32_t)(hit - c->code);
            }
        }
    }
    free(codes);
    if (rc)
        engine_clusters_free(c);
    return rc;
}

void engine_clusters_free(struct engine_clusters *c)
{
    free(c->code);
    free(c->member);
    memset(c, 0, sizeof(*c));
}

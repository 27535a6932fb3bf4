/* clusters.c - the indicators per cluster, added up from the municipalities' rows, and
 * statistical discretion on both: counts 1-4 hidden as "<5", the values that would give a
 * hidden count away hidden with it, and a cluster value hidden ("x") when one of the
 * municipality values it adds up is hidden. */
#include "engine/internal.h"

#include "core/date.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

struct contrib {
    uint32_t cluster;
    int16_t year;
    int8_t month;
    uint32_t row; /* municipality row */
};

static int contrib_cmp(const void *a, const void *b)
{
    const struct contrib *x = a, *y = b;
    if (x->cluster != y->cluster)
        return x->cluster < y->cluster ? -1 : 1;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    if (x->month != y->month)
        return x->month < y->month ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The first and last day of the row's month (or year). */
static void period(const struct engine_row *r, int32_t *from, int32_t *to)
{
    if (r->month) {
        *from = date_from_ymd(r->year, r->month, 1);
        *to = *from + date_days_in_month(r->year, r->month) - 1;
    } else {
        *from = date_from_ymd(r->year, 1, 1);
        *to = date_from_ymd(r->year, 12, 31);
    }
}

static int rollup_kind(int k, const struct engine_clusters *cl, const struct engine_munis *m,
                       const struct engine_rows *muni, struct engine_rows *out,
                       uint32_t **links, size_t *nlinks)
{
    struct contrib *c = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;

    for (size_t j = 0; j < muni->n && rc == 0; j++) {
        const struct engine_row *r = &muni->row[j];
        int mi = m->index[r->geo];
        int32_t from, to;
        period(r, &from, &to);
        for (size_t i = 0; i < cl->n; i++) {
            const struct engine_member *mb = &cl->member[i];
            if (mb->muni != mi || mb->to < from || mb->from > to)
                continue;
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 256;
                struct contrib *p = realloc(c, nc * sizeof(*p));
                if (!p) {
                    rc = KL_ENOMEM;
                    break;
                }
                c = p;
                cap = nc;
            }
            c[n++] = (struct contrib){mb->cluster, r->year, r->month, (uint32_t)j};
        }
    }
    if (rc)
        goto out;
    qsort(c, n, sizeof(*c), contrib_cmp);
    *links = malloc((n ? n : 1) * 2 * sizeof(**links));
    if (!*links) {
        rc = KL_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        const struct engine_row *src = &muni->row[c[i].row];
        /* the same municipality twice in one cluster (two rows of the file) counts once */
        if (i > 0 && contrib_cmp(&c[i - 1], &c[i]) == 0)
            continue;
        if (i == 0 || c[i - 1].cluster != c[i].cluster || c[i - 1].year != c[i].year ||
            c[i - 1].month != c[i].month) {
            struct engine_row r = {(int32_t)c[i].cluster, c[i].year, c[i].month, 0, {0}};
            if ((rc = engine_rows_add(out, &r)) != 0)
                break;
        }
        struct engine_row *dst = &out->row[out->n - 1];
        for (int v = 0; v < 4; v++)
            dst->v[v] += src->v[v];
        (*links)[*nlinks * 2] = (uint32_t)(out->n - 1);
        (*links)[*nlinks * 2 + 1] = c[i].row;
        (*nlinks)++;
    }
    if (k == ENGINE_BED_DAYS)
        for (size_t i = 0; i < out->n; i++) {
            struct engine_row *r = &out->row[i];
            r->v[2] = r->v[1] > 0 ? (200000 * r->v[0] + r->v[1]) / (2 * r->v[1]) : -1;
        }
out:
    free(c);
    return rc;
}

int engine_cluster_rollup(const struct engine_clusters *cl, const struct engine_munis *m,
                          struct engine_rows muni[ENGINE_NKINDS],
                          struct engine_rows out[ENGINE_NKINDS],
                          uint32_t *links[ENGINE_NKINDS], size_t nlinks[ENGINE_NKINDS],
                          struct kl_error *err)
{
    for (int k = 0; k < ENGINE_NKINDS; k++) {
        memset(&out[k], 0, sizeof(out[k]));
        links[k] = NULL;
        nlinks[k] = 0;
    }
    for (int k = 0; k < ENGINE_NKINDS; k++) {
        int rc = rollup_kind(k, cl, m, &muni[k], &out[k], &links[k], &nlinks[k]);
        if (rc) {
            for (int j = 0; j < ENGINE_NKINDS; j++) {
                engine_rows_free(&out[j]);
                free(links[j]);
                links[j] = NULL;
                nlinks[j] = 0;
            }
            return kl_error_set(err, rc, "clusters: %s", kl_status_name(rc));
        }
    }
    return 0;
}

/* ---- discretion ------------------------------------------------------------------------ */

static int small(int64_t v)
{
    return v >= 1 && v <= 4;
}

/* The value slots of kind k that are counts subject to discretion, and their dependants. */
static void dependants(int k, struct engine_row *r)
{
    int hid0 = (r->hidden & (ENGINE_HIDE_PRIMARY(0) | ENGINE_HIDE_SECONDARY(0))) != 0;
    int sec0 = (r->hidden & ENGINE_HIDE_SECONDARY(0)) != 0;
    if (!hid0)
        return;
    int dep = k == ENGINE_BED_DAYS ? 2 : k == ENGINE_PREVENTABLE ? -1 : 1;
    if (dep < 0 || (r->hidden & (ENGINE_HIDE_PRIMARY(dep) | ENGINE_HIDE_SECONDARY(dep))))
        return;
    r->hidden |= (uint8_t)(sec0 ? ENGINE_HIDE_SECONDARY(dep) : ENGINE_HIDE_PRIMARY(dep));
}

void engine_discretion_primary(int k, struct engine_rows *rows)
{
    for (size_t i = 0; i < rows->n; i++) {
        struct engine_row *r = &rows->row[i];
        switch (k) {
        case ENGINE_MONTHLY:
        case ENGINE_READMISSIONS:
            if (small(r->v[0]))
                r->hidden |= ENGINE_HIDE_PRIMARY(0);
            if (small(r->v[1]))
                r->hidden |= ENGINE_HIDE_PRIMARY(1);
            break;
        case ENGINE_PREVENTABLE:
            if (small(r->v[0]))
                r->hidden |= ENGINE_HIDE_PRIMARY(0);
            break;
        case ENGINE_BED_DAYS:
            if (small(r->v[0]) || small(r->v[3]))
                r->hidden |= ENGINE_HIDE_PRIMARY(0);
            break;
        default:
            break;
        }
        dependants(k, r);
    }
}

void engine_discretion_secondary(int k, struct engine_rows *cluster,
                                 const struct engine_rows *muni, const uint32_t *links,
                                 size_t nlinks)
{
    static const uint8_t any0 = ENGINE_HIDE_PRIMARY(0) | ENGINE_HIDE_SECONDARY(0);
    static const uint8_t any1 = ENGINE_HIDE_PRIMARY(1) | ENGINE_HIDE_SECONDARY(1);

    for (size_t i = 0; i < nlinks; i++) {
        struct engine_row *c = &cluster->row[links[2 * i]];
        const struct engine_row *m = &muni->row[links[2 * i + 1]];
        if ((m->hidden & any0) && !(c->hidden & any0))
            c->hidden |= ENGINE_HIDE_SECONDARY(0);
        if ((k == ENGINE_MONTHLY || k == ENGINE_READMISSIONS) && (m->hidden & any1) &&
            !(c->hidden & any1))
            c->hidden |= ENGINE_HIDE_SECONDARY(1);
    }
    for (size_t i = 0; i < cluster->n; i++)
        dependants(k, &cluster->row[i]);
}

/* chain.c - contacts to admissions, as Sundhedsdatastyrelsen defines them: a person's
 * physical contacts that overlap or lie at most 4 hours apart are one hospital stay
 * (sygehusophold), and a stay of at least 12 hours is an admission (indlæggelse). Both
 * thresholds are options. */
#include "engine/internal.h"

#include "core/error.h"

#include <stdlib.h>
#include <string.h>

size_t engine_chain(const struct engine_contact *c, size_t n, int64_t gap, int64_t min_stay,
                    struct engine_stay *out)
{
    size_t k = 0;
    struct engine_stay cur;

    if (n == 0)
        return 0;
    cur.start = c[0].start;
    cur.end = c[0].end;
    cur.first_row = c[0].row;
    for (size_t i = 1; i < n; i++) {
        if (c[i].start - cur.end <= gap) {
            if (c[i].end > cur.end)
                cur.end = c[i].end;
            continue;
        }
        if (cur.end - cur.start >= min_stay)
            out[k++] = cur;
        cur.start = c[i].start;
        cur.end = c[i].end;
        cur.first_row = c[i].row;
    }
    if (cur.end - cur.start >= min_stay)
        out[k++] = cur;
    return k;
}

/* One contact gathered in row order. */
struct gathered {
    uint64_t person, adm;
    int64_t start, end;
    size_t seg, local;
};

static int gathered_before(const struct gathered *a, const struct gathered *b, uint64_t ra,
                           uint64_t rb)
{
    if (a->adm != b->adm)
        return a->adm < b->adm;
    return ra < rb;
}

int engine_chain_table(struct engine_table *ct, int64_t gap, int64_t min_stay, int nthreads,
                       struct engine_table *at, struct engine_report *rep,
                       struct kl_error *err)
{
    size_t n = ct->nrows, k = 0;
    struct gathered *g = NULL;
    struct engine_item *items = NULL, *tmp = NULL, *sorted;
    struct engine_contact *pc = NULL;
    struct engine_stay *stays = NULL;
    struct engine_segment *out;
    int64_t min_start = INT64_MAX, max_start = INT64_MIN;
    int rc = KL_ENOMEM;

    memset(at, 0, sizeof(*at));
    g = malloc((n ? n : 1) * sizeof(*g));
    items = malloc((n ? n : 1) * sizeof(*items));
    tmp = malloc((n ? n : 1) * sizeof(*tmp));
    pc = malloc((n ? n : 1) * sizeof(*pc));
    stays = malloc((n ? n : 1) * sizeof(*stays));
    at->seg = calloc(1, sizeof(*at->seg));
    if (!g || !items || !tmp || !pc || !stays || !at->seg)
        goto out;
    for (size_t s = 0; s < ct->nseg; s++) {
        const struct engine_segment *seg = &ct->seg[s];
        for (size_t r = 0; r < seg->n; r++, k++) {
            g[k] = (struct gathered){seg->person[r], seg->adm_id[r], seg->cstart[r],
                                     seg->cend[r], s, r};
            if (g[k].start < min_start)
                min_start = g[k].start;
            if (g[k].start > max_start)
                max_start = g[k].start;
        }
    }
    /* by start, then (stably) by person: (person, start, row order) */
    for (size_t i = 0; i < n; i++)
        items[i] = (struct engine_item){(uint64_t)(g[i].start - min_start), i};
    sorted = engine_radix_sort(items, tmp, n, 0, 0,
                               n ? engine_bits((uint64_t)(max_start - min_start)) : 0, nthreads);
    if (!sorted)
        goto out;
    for (size_t i = 0; i < n; i++)
        sorted[i].key = g[sorted[i].val].person - ct->min_person;
    sorted = engine_radix_sort(sorted, sorted == items ? tmp : items, n, 0, 0,
                               engine_bits(ct->max_person - ct->min_person), nthreads);
    if (!sorted)
        goto out;
    /* equal (person, start): by admission id */
    for (size_t i = 1; i < n; i++) {
        struct engine_item x = sorted[i];
        size_t j = i;
        while (j > 0) {
            const struct gathered *a = &g[sorted[j - 1].val], *b = &g[x.val];
            if (a->person != b->person || a->start != b->start ||
                !gathered_before(b, a, x.val, sorted[j - 1].val))
                break;
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = x;
    }
    if (engine_segment_reserve(&at->seg[0], n, 0))
        goto out;
    at->nseg = 1;
    out = &at->seg[0];
    for (size_t i = 0; i < n;) {
        size_t j = i, ns;
        while (j < n && g[sorted[j].val].person == g[sorted[i].val].person) {
            const struct gathered *c = &g[sorted[j].val];
            pc[j - i] = (struct engine_contact){c->start, c->end, sorted[j].val};
            j++;
        }
        ns = engine_chain(pc, j - i, gap, min_stay, stays);
        rep->stays += ns;
        for (size_t s = 0; s < ns; s++) {
            const struct gathered *c = &g[stays[s].first_row];
            const struct engine_segment *src = &ct->seg[c->seg];
            size_t r = c->local, o = out->n++;
            int64_t e = stays[s].end;
            out->adm_id[o] = c->adm;
            out->person[o] = c->person;
            out->admit[o] = (int32_t)(stays[s].start / 86400 - (stays[s].start % 86400 < 0));
            out->discharge[o] = (int32_t)(e / 86400 - (e % 86400 < 0));
            out->birth[o] = src->birth[r];
            out->muni[o] = src->muni[r];
            out->acute[o] = src->acute[r];
            out->diag[o] = src->diag[r];
        }
        i = j;
    }
    at->dict = ct->dict;
    engine_dict_init(&ct->dict);
    rc = engine_table_index(at);
out:
    if (rc) {
        kl_error_set(err, rc, "chaining contacts: %s", kl_status_name(rc));
        engine_table_free(at);
    }
    free(g);
    free(items);
    free(tmp);
    free(pc);
    free(stays);
    return rc;
}

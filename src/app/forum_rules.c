/* forum_rules.c - what a forum's mandate rules say on a given day: who sits in it, where the
 * co-chair rotation stands, and which municipalities have no member (see organisation.h). */
#include "app/organisation.h"
#include "app/org.h"
#include "core/arena.h"
#include "core/error.h"
#include "model/org.h"
#include "store/people.h"

#include <string.h>

#define ROTATION_WARN_DAYS 90

static int rotation(struct store *st, struct arena *a, const struct forum *f, int32_t day,
                    struct forum_status *out, struct kl_error *err)
{
    struct rotation_rule rule = {f->mandate.rotation_years, f->mandate.rotation_start,
                                 f->nrotation};
    struct rotation_state rs;
    struct organisation holder, next;
    int rc;

    if (rotation_at(&rule, day, ROTATION_WARN_DAYS, &rs) != 0)
        return 0;
    if ((rc = store_org_get(st, a, f->rotation_orgs[rs.current], &holder, err)) ||
        (rc = store_org_get(st, a, f->rotation_orgs[rs.next], &next, err)))
        return rc;
    out->has_rotation = 1;
    out->rotation_holder = holder.name;
    out->rotation_next = next.name;
    out->rotation_period_end = rs.period_end;
    out->rotation_due = rs.due;
    return 0;
}

/* Appends the municipalities that f must have represented on day to req (room for 128). */
static int required_municipalities(struct store *st, struct arena *a, const struct forum *f,
                                   int32_t day, struct municipality *req, size_t *nreq,
                                   struct kl_error *err)
{
    struct municipality *ms;
    struct cluster_detail cd;
    size_t n;
    int rc;

    *nreq = 0;
    if (f->region_code) {
        if ((rc = app_municipality_list(st, a, f->region_code, &ms, &n, err)))
            return rc;
        for (size_t i = 0; i < n && *nreq < 128; i++)
            req[(*nreq)++] = ms[i];
    }
    for (size_t c = 0; c < f->nclusters; c++) {
        if ((rc = app_cluster_get(st, a, f->clusters[c], &cd, err)))
            return rc;
        if (day < cd.cluster.valid_from || day > cd.cluster.valid_to)
            continue;
        for (size_t i = 0; i < cd.nmembers && *nreq < 128; i++) {
            size_t j = 0;
            while (j < *nreq && req[j].code != cd.members[i].municipality_code)
                j++;
            if (j == *nreq)
                req[(*nreq)++] = (struct municipality){cd.members[i].municipality_code,
                                                       cd.members[i].municipality_name,
                                                       cd.cluster.region_code,
                                                       cd.members[i].population};
        }
    }
    return 0;
}

static int representation(struct store *st, struct arena *a, const struct forum *f,
                          struct forum_status *out, struct kl_error *err)
{
    struct municipality *req = arena_calloc(a, 128, sizeof(*req)), *missing;
    int *codes = arena_calloc(a, 128, sizeof(int)), *present, *gone;
    size_t nreq, npresent = 0, nmissing;
    struct organisation o;
    int rc;

    present = arena_calloc(a, out->nmembers + 1, sizeof(int));
    gone = arena_calloc(a, 128, sizeof(int));
    missing = arena_calloc(a, 128, sizeof(*missing));
    if (!req || !codes || !present || !gone || !missing)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    if ((rc = required_municipalities(st, a, f, out->day, req, &nreq, err)))
        return rc;
    for (size_t i = 0; i < out->nmembers; i++) {
        const struct membership *m = &out->members[i];
        if (m->role == MEMBER_GUEST || m->role == MEMBER_SECRETARY || !m->organisation_id)
            continue;
        if ((rc = store_org_get(st, a, m->organisation_id, &o, err)))
            return rc;
        if (o.municipality_code)
            present[npresent++] = o.municipality_code;
    }
    for (size_t i = 0; i < nreq; i++)
        codes[i] = req[i].code;
    nmissing = representation_missing(codes, nreq, present, npresent, gone);
    for (size_t i = 0; i < nmissing; i++)
        for (size_t j = 0; j < nreq; j++)
            if (req[j].code == gone[i])
                missing[i] = req[j];
    out->checks_representation = 1;
    out->missing = missing;
    out->nmissing = nmissing;
    return 0;
}

int app_forum_status(struct store *st, struct arena *a, const struct forum *f, int32_t day,
                     struct forum_status *out, struct kl_error *err)
{
    struct membership *all;
    size_t n;
    int rc;

    memset(out, 0, sizeof(*out));
    out->day = day;
    if ((rc = store_membership_list(st, a, f->id, 0, &all, &n, err)))
        return rc;
    out->members = arena_calloc(a, n + 1, sizeof(*all));
    if (!out->members)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (membership_active(&all[i], day))
            out->members[out->nmembers++] = all[i];
    if (f->mandate.rotation_years > 0 && f->nrotation &&
        (rc = rotation(st, a, f, day, out, err)))
        return rc;
    if (f->mandate.all_municipalities && (rc = representation(st, a, f, out, err)))
        return rc;
    return 0;
}

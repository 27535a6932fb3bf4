/* demo_org.c - the demonstration organisation for `klynge init --demo`: one cluster of each
 * template (Klynge MIDT in Region Nordjylland as a 2022 health cluster, Gødstrupklyngen as a
 * 2019 steering group with focus groups, Region Midtjylland's health agreement), populated
 * with fictional people, some of them linked to the demo accounts. */
#include "app/demo.h"
#include "app/indicator_demo.h"
#include "app/org.h"
#include "app/organisation.h"
#include "app/templates.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/people.h"

#include <stdio.h>
#include <string.h>

static const char *const first_names[] = {
    "Anne", "Bo", "Camilla", "Dennis", "Eva", "Frederik", "Gitte", "Hans", "Ida", "Jens",
    "Karen", "Lasse", "Maja", "Niels", "Oline", "Peter", "Rikke", "Søren", "Tove", "Ulrik",
};
static const char *const last_names[] = {
    "Andersen", "Bech", "Christiansen", "Dahl", "Eskildsen", "Friis", "Gregersen", "Holm",
    "Iversen", "Juhl", "Kjær", "Lund", "Mortensen", "Nygaard", "Overgaard", "Poulsen",
    "Quist", "Rask", "Skov", "Thygesen",
};

struct demo_state {
    struct store *st;
    struct arena *a;
    const struct principal *who;
    unsigned next_name;
    int32_t start;
};

/* A new fictional person of organisation org, with title. */
static int new_person(struct demo_state *d, int64_t org, const char *title, const char *login,
                      int64_t *id, struct kl_error *err)
{
    unsigned k = d->next_name++;
    const char *first = first_names[k % 20], *last = last_names[(k / 20 + k * 7) % 20];
    struct field_errors fe = {0};
    struct person p = {0};
    int rc;

    p.name = arena_printf(d->a, "%s %s", first, last);
    p.title = title;
    p.organisation_id = org;
    p.email = arena_printf(d->a, "demo%u@klynge.example", k + 1);
    p.phone = "";
    p.login = login;
    rc = app_person_save(d->st, d->who, &p, &fe, err);
    *id = p.id;
    return rc;
}

static int add_member(struct demo_state *d, int64_t forum, int64_t person, enum member_role role,
                      int64_t org, struct kl_error *err)
{
    struct field_errors fe = {0};
    struct membership m = {0, person, forum, role, org, 0, d->start, DATE_OPEN,
                           NULL, NULL, NULL, NULL};
    return app_membership_save(d->st, d->who, &m, &fe, err);
}

/* Seats the forum: a regional chair, one member per municipality (the first municipality's
 * as co-chair), one from general practice, and a secretary. Demo accounts are linked to the
 * people of the first forum filled (logins, when not NULL: secretary, chair, member, guest). */
static int seat(struct demo_state *d, int64_t forum, int64_t region_org, int64_t plo_org,
                const int64_t *muni, size_t nmuni, const char *const *logins,
                struct kl_error *err)
{
    int64_t p;
    int rc;

    if ((rc = new_person(d, region_org, "Vicedirektør", logins ? logins[1] : NULL, &p, err)) ||
        (rc = add_member(d, forum, p, MEMBER_CHAIR, region_org, err)))
        return rc;
    for (size_t i = 0; i < nmuni; i++) {
        if ((rc = new_person(d, muni[i], "Sundhedschef", i == 1 && logins ? logins[2] : NULL,
                             &p, err)) ||
            (rc = add_member(d, forum, p, i == 0 ? MEMBER_CO_CHAIR : MEMBER_MEMBER, muni[i],
                             err)))
            return rc;
    }
    if ((rc = new_person(d, plo_org, "Praktiserende læge", NULL, &p, err)) ||
        (rc = add_member(d, forum, p, MEMBER_MEMBER, plo_org, err)) ||
        (rc = new_person(d, region_org, "Konsulent", logins ? logins[0] : NULL, &p, err)) ||
        (rc = add_member(d, forum, p, MEMBER_SECRETARY, region_org, err)))
        return rc;
    if (logins && logins[3] &&
        ((rc = new_person(d, plo_org, "Praksiskonsulent", logins[3], &p, err)) ||
         (rc = add_member(d, forum, p, MEMBER_GUEST, plo_org, err))))
        return rc;
    return 0;
}

static int org_id(struct demo_state *d, const char *name, int64_t *id, struct kl_error *err)
{
    struct organisation o;
    int rc = store_org_by_name(d->st, d->a, name, &o, err);
    *id = o.id;
    return rc;
}

/* Applies template to cluster and seats each of its forums. */
static int build(struct demo_state *d, const char *template_id, const char *cluster,
                 const char *region_name, const char *plo_name, const char *const *logins,
                 struct kl_error *err)
{
    int64_t ids[TEMPLATE_MAX_FORUMS], region_org, plo_org, muni[FORUM_MAX_ROTATION];
    struct cluster_detail cd;
    size_t n, nmuni = 0;
    int rc;

    if ((rc = app_template_apply(d->st, d->who, template_id, cluster, ids, &n, err)) ||
        (rc = org_id(d, region_name, &region_org, err)) ||
        (rc = org_id(d, plo_name, &plo_org, err)) ||
        (rc = app_cluster_get(d->st, d->a, cluster, &cd, err)))
        return rc;
    for (size_t i = 0; i < cd.nmembers && nmuni < FORUM_MAX_ROTATION; i++) {
        struct organisation o;
        const char *name = arena_printf(d->a, "%s Kommune", cd.members[i].municipality_name);
        if (store_org_by_name(d->st, d->a, name, &o, err) == 0)
            muni[nmuni++] = o.id;
    }
    for (size_t i = 0; i < n; i++)
        if ((rc = seat(d, ids[i], region_org, plo_org, muni, nmuni,
                       i == 2 ? logins : NULL, err)))
            return rc;
    return 0;
}

int app_demo_organisation(struct store *st, const struct principal *who, struct kl_error *err)
{
    static const char *const logins[] = {"mette", "lars", "birgitte", "jonas"};
    struct demo_state d = {st, NULL, who, 0, 0};
    struct forum *existing;
    size_t n;
    int rc;

    if (!(d.a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    d.start = date_from_ymd(2024, 1, 1);
    rc = store_forum_list(st, d.a, "RN-MIDT", &existing, &n, err);
    if (rc == 0 && n == 0)
        rc = build(&d, "cluster-2022", "RN-MIDT", "Region Nordjylland", "PLO-Nordjylland",
                   logins, err);
    if (rc == 0 && n == 0)
        rc = build(&d, "steering-2019", "RM-VEST", "Region Midtjylland", "PLO-Midtjylland",
                   NULL, err);
    if (rc == 0 && n == 0)
        rc = build(&d, "regional-2019", "RM-AARHUS", "Region Midtjylland", "PLO-Midtjylland",
                   NULL, err);
    arena_free(d.a);
    /* synthetic indicator values for every municipality (indicator_demo.h) */
    if (rc == 0)
        rc = app_demo_indicators(st, who, err);
    if (rc == 0)
        rc = app_demo_meetings(st, who, 0, err); /* a year of meetings (demo_meetings.c) */
    if (rc == 0)
        rc = app_demo_plans(st, who, 0, err); /* the action plans (demo_plans.c) */
    return rc;
}

int demo_forum_by_name(struct store *st, struct arena *a, const struct principal *who,
                       const char *cluster, const char *name, int64_t *id,
                       struct kl_error *err)
{
    struct forum *f;
    size_t n;
    int rc = app_forum_list(st, a, who, cluster, &f, &n, err);

    *id = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (strcmp(f[i].name, name) == 0)
            *id = f[i].id;
    return rc;
}

/* test_refdata.c - the shipped reference data: 5 regions, 98 municipalities, each
 * cluster's members, shared municipalities, Danish order, and loading twice. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/org.h"
#include "app/principal.h"
#include "app/refdata.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "core/problems.h"
#include "store/store.h"
#include "testutil.h"

static const struct principal tester = {AUTH_LOCAL, 0, "cli:test", "test", 1, NULL};

struct fixture {
    struct tmpdb t;
    struct store *st;
    struct arena *a;
};

static int setup(void **state)
{
    static struct fixture f;
    struct kl_error err;
    struct problems probs;
    int rc;

    if (tmpdb_make(&f.t))
        return -1;
    if (store_open(f.t.path, STORE_CREATE | STORE_MIGRATE, &f.st, &err))
        return -1;
    problems_init(&probs, "refdata", 0);
    rc = app_refdata_load(f.st, &tester, &probs, NULL, &err);
    if (rc)
        fprintf(stderr, "%s%s\n", problems_text(&probs), err.msg);
    problems_free(&probs);
    f.a = arena_new(0);
    *state = &f;
    return rc;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    arena_free(f->a);
    store_close(f->st);
    tmpdb_remove(&f->t);
    return 0;
}

/* The member codes of cluster code, in the order listed, as "751,741". */
static const char *members(struct fixture *f, const char *code)
{
    struct cluster_detail d;
    struct kl_error err;
    char *s = arena_strdup(f->a, "");

    assert_int_equal(app_cluster_get(f->st, f->a, code, &d, &err), 0);
    for (size_t i = 0; i < d.nmembers; i++)
        s = arena_printf(f->a, "%s%s%d", s, i ? "," : "", d.members[i].municipality_code);
    return s;
}

static void test_five_regions(void **state)
{
    struct fixture *f = *state;
    struct region *r;
    size_t n;
    struct kl_error err;

    assert_int_equal(app_region_list(f->st, f->a, &r, &n, &err), 0);
    assert_int_equal(n, 5);
    assert_int_equal(r[0].code, 1081);
    assert_string_equal(r[0].name, "Region Nordjylland");
    assert_int_equal(r[4].code, 1085);
    assert_string_equal(r[4].name, "Region Sjælland");
}

static void test_98_municipalities_in_danish_order(void **state)
{
    struct fixture *f = *state;
    struct municipality *m;
    size_t n;
    struct kl_error err;
    int per_region[5] = {0};

    assert_int_equal(app_municipality_list(f->st, f->a, 0, &m, &n, &err), 0);
    assert_int_equal(n, 98);
    for (size_t i = 0; i < n; i++)
        per_region[m[i].region_code - 1081]++;
    assert_int_equal(per_region[0], 11); /* Nordjylland */
    assert_int_equal(per_region[1], 19); /* Midtjylland */
    assert_int_equal(per_region[2], 22); /* Syddanmark */
    assert_int_equal(per_region[3], 29); /* Hovedstaden */
    assert_int_equal(per_region[4], 17); /* Sjælland */
    assert_string_equal(m[n - 1].name, "Ærø");
    assert_string_equal(m[0].name, "Aabenraa");
    for (size_t i = 0; i + 1 < n; i++) {
        /* ø before å: Tønder comes before Tårnby */
        if (strcmp(m[i].name, "Tårnby") == 0)
            assert_string_equal(m[i - 1].name, "Tønder");
    }
    for (size_t i = 0; i < n; i++)
        assert_int_equal(m[i].population, -1);
}

static void test_midtjylland_2022_clusters(void **state)
{
    struct fixture *f = *state;
    struct cluster_detail d;
    struct kl_error err;

    assert_string_equal(members(f, "RM-AARHUS"), "751,741");
    assert_string_equal(members(f, "RM-HORSENS"), "766,615,727,746");
    assert_string_equal(members(f, "RM-MIDT"), "740,779,791");
    assert_string_equal(members(f, "RM-RANDERS"), "710,707,730,706");
    assert_string_equal(members(f, "RM-VEST"), "657,661,756,665,760,671");
    assert_int_equal(app_cluster_get(f->st, f->a, "RM-VEST", &d, &err), 0);
    assert_string_equal(d.cluster.name, "Gødstrupklyngen");
    assert_int_equal(d.cluster.valid_from, date_from_ymd(2022, 7, 1));
    assert_int_equal(d.cluster.valid_to, DATE_OPEN);
    assert_int_equal(d.nhospitals, 1);
    assert_string_equal(d.hospitals[0].name, "Regionshospitalet Gødstrup");
    for (size_t i = 0; i < d.nmembers; i++)
        assert_false(d.members[i].shared);
}

static void test_2007_division_shares_favrskov_and_ikast_brande(void **state)
{
    struct fixture *f = *state;
    struct cluster_detail d;
    struct municipality_detail md;
    struct kl_error err;

    assert_string_equal(members(f, "RM2007-SILKEBORG"), "710,740,746");
    assert_string_equal(members(f, "RM2007-RANDERS"), "710,707,730,706");
    assert_string_equal(members(f, "RM2007-VEST"), "657,661,756,665,760,671");
    assert_string_equal(members(f, "RM2007-HORSENS"), "766,615,756,727");
    assert_string_equal(members(f, "RM2007-VIBORG"), "779,791");
    assert_string_equal(members(f, "RM2007-AARHUS"), "751,741");
    assert_int_equal(app_cluster_get(f->st, f->a, "RM2007-SILKEBORG", &d, &err), 0);
    assert_int_equal(d.members[0].municipality_code, 710);
    assert_true(d.members[0].shared);
    assert_false(d.members[1].shared);
    assert_int_equal(d.cluster.valid_to, date_from_ymd(2011, 3, 31));

    assert_int_equal(app_municipality_get(f->st, f->a, 710, &md, &err), 0);
    assert_string_equal(md.municipality.name, "Favrskov");
    assert_int_equal(md.nclusters, 3); /* two in 2007, one from 2022 */
    assert_int_equal(md.clusters[2].cluster.valid_from, date_from_ymd(2022, 7, 1));
}

static void test_nordjylland_four_clusters(void **state)
{
    struct fixture *f = *state;
    struct cluster *c;
    size_t n;
    struct kl_error err;

    assert_int_equal(app_cluster_list(f->st, f->a, 1081, &c, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_string_equal(members(f, "RN-NORD"), "810,813,860,825");
    assert_string_equal(members(f, "RN-MIDT"), "851,849");
    assert_string_equal(members(f, "RN-SYD"), "846,840,820");
    assert_string_equal(members(f, "RN-VEST"), "773,787");
}

static void test_copenhagen_is_shared_between_byen_and_syd(void **state)
{
    struct fixture *f = *state;
    struct cluster_detail d;
    struct kl_error err;

    assert_int_equal(app_cluster_get(f->st, f->a, "RH-BYEN", &d, &err), 0);
    assert_int_equal(d.nmembers, 2);
    assert_int_equal(d.members[0].municipality_code, 147); /* Frederiksberg */
    assert_false(d.members[0].shared);
    assert_int_equal(d.members[1].municipality_code, 101); /* København */
    assert_true(d.members[1].shared);
}

static void test_unknown_cluster_is_not_found(void **state)
{
    struct fixture *f = *state;
    struct cluster_detail d;
    struct kl_error err;

    assert_int_equal(app_cluster_get(f->st, f->a, "RM-NOWHERE", &d, &err), KL_ENOTFOUND);
    assert_non_null(strstr(err.msg, "RM-NOWHERE"));
}

static void test_loading_twice_changes_nothing(void **state)
{
    struct fixture *f = *state;
    struct problems probs;
    struct refdata_summary sum;
    struct cluster *c;
    size_t n;
    struct kl_error err;

    problems_init(&probs, "refdata", 0);
    assert_int_equal(app_refdata_load(f->st, &tester, &probs, &sum, &err), 0);
    problems_free(&probs);
    assert_int_equal(sum.regions, 5);
    assert_int_equal(sum.municipalities, 98);
    assert_int_equal(sum.clusters, 68);
    assert_int_equal(sum.clusters_changed, 0);
    assert_int_equal(app_cluster_list(f->st, f->a, 0, &c, &n, &err), 0);
    assert_int_equal(n, 19);
    assert_string_equal(members(f, "RM-AARHUS"), "751,741");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_five_regions),
        cmocka_unit_test(test_98_municipalities_in_danish_order),
        cmocka_unit_test(test_midtjylland_2022_clusters),
        cmocka_unit_test(test_2007_division_shares_favrskov_and_ikast_brande),
        cmocka_unit_test(test_nordjylland_four_clusters),
        cmocka_unit_test(test_copenhagen_is_shared_between_byen_and_syd),
        cmocka_unit_test(test_unknown_cluster_is_not_found),
        cmocka_unit_test(test_loading_twice_changes_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

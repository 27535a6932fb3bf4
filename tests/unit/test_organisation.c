/* test_organisation.c - the organisation's rules and use cases: value checks of forums,
 * people and memberships; the representation rule; a forum's status on a day (members in
 * force, where the co-chair rotation stands, which municipalities have no member); rights
 * that follow from a linked person's memberships; templates; and that every change is
 * audited while a refused one changes nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/audit.h"
#include "app/organisation.h"
#include "app/permission.h"
#include "app/principal.h"
#include "app/templates.h"
#include "app/account.h"
#include "app/refdata.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "core/problems.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/audit.h"
#include "store/people.h"
#include "store/store.h"
#include "testutil.h"

static const struct principal admin = {AUTH_LOCAL, 0, "cli:test", "test", 1, NULL};

struct fixture {
    struct tmpdb t;
    struct store *st;
    struct arena *a;
};

static int setup(void **state)
{
    static struct fixture f;
    struct refdata_summary sum;
    struct problems probs;
    struct kl_error err;

    if (tmpdb_make(&f.t) || store_open(f.t.path, STORE_CREATE | STORE_MIGRATE, &f.st, &err))
        return -1;
    problems_init(&probs, "reference data", 0);
    if (app_refdata_load(f.st, &admin, &probs, &sum, &err))
        return -1;
    problems_free(&probs);
    f.a = arena_new(0);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    arena_free(f->a);
    store_close(f->st);
    tmpdb_remove(&f->t);
    return 0;
}

static void test_representation_rule(void **state)
{
    const int required[] = {657, 661, 665, 671, 756, 760};
    const int present[] = {661, 756, 999, 661};
    int missing[6];
    size_t n;

    (void)state;
    n = representation_missing(required, 6, present, 4, missing);
    assert_int_equal(n, 4);
    assert_int_equal(missing[0], 657);
    assert_int_equal(missing[1], 665);
    assert_int_equal(missing[2], 671);
    assert_int_equal(missing[3], 760);
    assert_int_equal(representation_missing(required, 6, required, 6, missing), 0);
    assert_int_equal(representation_missing(required, 0, present, 4, missing), 0);
}

static void test_forum_checks(void **state)
{
    struct field_errors fe = {0};
    struct forum f = {0};

    (void)state;
    f.name = "";
    f.kind = FORUM_AD_HOC;
    f.ends_on = DATE_OPEN;
    f.task = "";
    mandate_defaults(&f.mandate);
    f.mandate.publish_days = 91;
    f.mandate.premeeting_days = -2;
    f.mandate.rotation_years = 2;
    f.rotation_orgs[0] = 5;
    f.rotation_orgs[1] = 5;
    f.nrotation = 2;
    f.clusters[0] = "not a code";
    f.nclusters = 1;
    forum_check(&f, &fe);
    assert_string_equal(fields_get(&fe, "name"), "is required");
    assert_string_equal(fields_get(&fe, "task"), "is required for an ad hoc group");
    assert_string_equal(fields_get(&fe, "ends_on"), "is required for an ad hoc group");
    assert_string_equal(fields_get(&fe, "publish_days"), "must be 0 to 90 days");
    assert_non_null(fields_get(&fe, "premeeting_days"));
    assert_string_equal(fields_get(&fe, "rotation_orgs"), "names an organisation twice");
    assert_non_null(fields_get(&fe, "clusters"));

    fields_clear(&fe);
    f.name = "Chefforum";
    f.kind = FORUM_CHIEF;
    f.mandate.publish_days = 14;
    f.mandate.premeeting_days = 7;
    f.rotation_orgs[1] = 6;
    f.clusters[0] = "RN-MIDT";
    assert_int_equal(forum_check(&f, &fe), 0);
}

static void test_person_and_membership_checks(void **state)
{
    struct field_errors fe = {0};
    struct person p = {0, "Anna", "", 0, "", "a@b", "12 34 ab", 0, ""};
    struct membership m = {0, 3, 4, MEMBER_SUBSTITUTE, 0, 0, 100, 50, NULL, NULL, NULL, NULL};

    (void)state;
    assert_int_equal(person_check(&p, &fe), 2);
    assert_non_null(fields_get(&fe, "email"));
    assert_non_null(fields_get(&fe, "phone"));
    fields_clear(&fe);
    assert_int_equal(membership_check(&m, &fe), 2);
    assert_non_null(fields_get(&fe, "substitute_for"));
    assert_string_equal(fields_get(&fe, "ends_on"), "is before the start");
    assert_true(membership_active(&(struct membership){.starts_on = 10, .ends_on = DATE_OPEN}, 10));
    assert_false(membership_active(&(struct membership){.starts_on = 10, .ends_on = 20}, 21));
}

/* Builds organisations for the six municipalities of Gødstrupklyngen and a steering group
 * with a two-year rotation among them from 2022-07-01 that requires every municipality. */
static int64_t steering_group(struct fixture *f, int64_t orgs[6])
{
    static const int codes[6] = {657, 661, 665, 671, 756, 760};
    static const char *const names[6] = {"Herning Kommune", "Holstebro Kommune",
                                         "Lemvig Kommune", "Struer Kommune",
                                         "Ikast-Brande Kommune", "Ringkøbing-Skjern Kommune"};
    struct field_errors fe = {0};
    struct kl_error err;
    struct forum fo = {0};

    for (int i = 0; i < 6; i++) {
        struct organisation o = {0, names[i], ORG_MUNICIPALITY, 1082, codes[i]};
        assert_int_equal(app_org_save(f->st, &admin, &o, &fe, &err), 0);
        orgs[i] = o.id;
    }
    fo.name = "Klyngestyregruppe";
    fo.kind = FORUM_STEERING;
    fo.task = "";
    fo.ends_on = DATE_OPEN;
    fo.clusters[0] = "RM-VEST";
    fo.nclusters = 1;
    mandate_defaults(&fo.mandate);
    fo.mandate.rotation_years = 2;
    fo.mandate.rotation_start = date_from_ymd(2022, 7, 1);
    fo.mandate.all_municipalities = 1;
    memcpy(fo.rotation_orgs, orgs, 6 * sizeof(*orgs));
    fo.nrotation = 6;
    assert_int_equal(app_forum_save(f->st, &admin, &fo, &fe, &err), 0);
    return fo.id;
}

static void test_forum_status_rotation_and_representation(void **state)
{
    struct fixture *f = *state;
    struct field_errors fe = {0};
    struct forum_status s;
    struct kl_error err;
    struct forum fo;
    int64_t orgs[6], forum = steering_group(f, orgs);

    assert_int_equal(app_forum_get(f->st, f->a, forum, &fo, &err), 0);
    assert_int_equal(app_forum_status(f->st, f->a, &fo, date_from_ymd(2025, 3, 1), &s, &err), 0);
    assert_true(s.has_rotation);
    assert_string_equal(s.rotation_holder, "Holstebro Kommune"); /* second period, 2024-2026 */
    assert_string_equal(s.rotation_next, "Lemvig Kommune");
    assert_int_equal(s.rotation_period_end, date_from_ymd(2026, 6, 30));
    assert_false(s.rotation_due);
    assert_int_equal(app_forum_status(f->st, f->a, &fo, date_from_ymd(2026, 5, 1), &s, &err), 0);
    assert_true(s.rotation_due);
    assert_true(s.checks_representation);
    assert_int_equal(s.nmissing, 6);

    /* members from three municipalities, one of them only until 2025 */
    for (int i = 0; i < 3; i++) {
        struct person p = {0};
        struct membership m = {0};
        p.name = i == 0 ? "Anne Holm" : i == 1 ? "Bo Lund" : "Eva Rask";
        p.title = p.email = p.phone = p.login = "";
        p.organisation_id = orgs[i];
        assert_int_equal(app_person_save(f->st, &admin, &p, &fe, &err), 0);
        m = (struct membership){0, p.id, forum, i == 0 ? MEMBER_CO_CHAIR : MEMBER_MEMBER, orgs[i],
                                0, date_from_ymd(2024, 1, 1),
                                i == 2 ? date_from_ymd(2025, 12, 31) : DATE_OPEN,
                                NULL, NULL, NULL, NULL};
        assert_int_equal(app_membership_save(f->st, &admin, &m, &fe, &err), 0);
    }
    assert_int_equal(app_forum_status(f->st, f->a, &fo, date_from_ymd(2025, 6, 1), &s, &err), 0);
    assert_int_equal(s.nmembers, 3);
    assert_int_equal(s.nmissing, 3);
    assert_int_equal(app_forum_status(f->st, f->a, &fo, date_from_ymd(2026, 6, 1), &s, &err), 0);
    assert_int_equal(s.nmembers, 2);
    assert_int_equal(s.nmissing, 4);
    /* in the cluster's order (by name): Lemvig is missing again since its member left */
    assert_string_equal(s.missing[0].name, "Ikast-Brande");
    assert_string_equal(s.missing[1].name, "Lemvig");
    assert_int_equal(app_forum_status(f->st, f->a, &fo, date_from_ymd(2023, 6, 1), &s, &err), 0);
    assert_int_equal(s.nmembers, 0);
}

static void test_rights_follow_memberships(void **state)
{
    struct fixture *f = *state;
    struct field_errors fe = {0};
    struct kl_error err;
    struct user u = {.login = "sofie", .name = "Sofie", .email = "s@example.org"};
    struct forum fo = {0};
    struct person p = {0};
    struct membership m = {0};
    struct principal sofie;
    int64_t uid;

    assert_int_equal(app_user_add(f->st, &admin, &u, NULL, &uid, &err), 0);
    sofie = (struct principal){AUTH_SESSION, uid, "sofie", "Sofie", 0, "x"};
    fo.name = "Driftsforum";
    fo.kind = FORUM_OPERATIONS;
    fo.task = "";
    fo.ends_on = DATE_OPEN;
    mandate_defaults(&fo.mandate);
    assert_int_equal(app_forum_save(f->st, &admin, &fo, &fe, &err), 0);
    assert_int_equal(app_authorize(f->st, &sofie, PERM_FORUM_MANAGE, fo.id, &err), KL_EPERM);

    p.name = "Sofie";
    p.title = p.email = p.phone = "";
    p.login = "sofie";
    assert_int_equal(app_person_save(f->st, &admin, &p, &fe, &err), 0);
    m = (struct membership){0, p.id, fo.id, MEMBER_SECRETARY, 0, 0, date_from_ymd(2020, 1, 1),
                            DATE_OPEN, NULL, NULL, NULL, NULL};
    assert_int_equal(app_membership_save(f->st, &admin, &m, &fe, &err), 0);
    assert_int_equal(app_authorize(f->st, &sofie, PERM_FORUM_MANAGE, fo.id, &err), 0);
    /* a secretary may create a group under her forum, and becomes its secretary */
    {
        struct forum g = fo;
        g.id = 0;
        g.name = "Ad hoc-gruppe";
        g.kind = FORUM_AD_HOC;
        g.task = "Kortlægning";
        g.ends_on = date_from_ymd(2030, 1, 1);
        g.reports_to = fo.id;
        assert_int_equal(app_forum_save(f->st, &sofie, &g, &fe, &err), 0);
        assert_int_equal(app_authorize(f->st, &sofie, PERM_FORUM_MANAGE, g.id, &err), 0);
        g.id = 0;
        g.reports_to = 0;
        assert_int_equal(app_forum_save(f->st, &sofie, &g, &fe, &err), KL_EPERM);
    }
    /* when the membership ends, so does the right */
    m.ends_on = date_from_ymd(2021, 1, 1);
    assert_int_equal(app_membership_save(f->st, &admin, &m, &fe, &err), 0);
    assert_int_equal(app_authorize(f->st, &sofie, PERM_FORUM_MANAGE, fo.id, &err), KL_EPERM);
}

static void test_refused_changes_change_nothing(void **state)
{
    struct fixture *f = *state;
    struct field_errors fe = {0};
    struct kl_error err;
    struct audit_filter af = {0};
    struct audit_entry *e;
    struct organisation *orgs;
    size_t before, after, na, nb;
    struct organisation o = {0, "Ny forvaltning", ORG_MUNICIPALITY, 0, 0};
    struct membership m = {0, 999, 999, MEMBER_MEMBER, 0, 0, 0, DATE_OPEN, NULL, NULL, NULL, NULL};

    assert_int_equal(app_org_list(f->st, f->a, &orgs, &before, &err), 0);
    af.limit = 10000;
    assert_int_equal(store_audit_list(f->st, f->a, &af, &e, &na, &err), 0);
    assert_int_equal(app_org_save(f->st, &admin, &o, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "municipality_code"));
    fields_clear(&fe);
    assert_int_equal(app_membership_save(f->st, &admin, &m, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "forum_id"));
    assert_non_null(fields_get(&fe, "person_id"));
    assert_int_equal(app_org_list(f->st, f->a, &orgs, &after, &err), 0);
    assert_int_equal(after, before);
    assert_int_equal(store_audit_list(f->st, f->a, &af, &e, &nb, &err), 0);
    assert_int_equal(nb, na);
}

static void test_templates_build_the_seed_organisations(void **state)
{
    struct fixture *f = *state;
    int64_t ids[TEMPLATE_MAX_FORUMS];
    struct forum fo;
    struct kl_error err;
    size_t n;
    struct principal nobody = {AUTH_SESSION, 4242, "x", "x", 0, "x"};

    assert_int_equal(app_template_apply(f->st, &nobody, "cluster-2022", "RN-MIDT", ids, &n, &err),
                     KL_EPERM);
    assert_int_equal(app_template_apply(f->st, &admin, "cluster-2022", "RN-MIDT", ids, &n, &err), 0);
    assert_int_equal(n, 6);
    assert_int_equal(app_forum_get(f->st, f->a, ids[2], &fo, &err), 0);
    assert_string_equal(fo.name, "Chefforum – Klynge MIDT");
    assert_int_equal(fo.reports_to, ids[1]);
    assert_int_equal(fo.mandate.premeeting_days, 7);
    assert_int_equal(fo.nrotation, 2);
    assert_int_equal(app_template_apply(f->st, &admin, "regional-2019", "RM-AARHUS", ids, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_int_equal(app_forum_get(f->st, f->a, ids[0], &fo, &err), 0);
    assert_int_equal(fo.region_code, 1082);
    assert_int_equal(app_template_apply(f->st, &admin, "nope", "RM-AARHUS", ids, &n, &err),
                     KL_ENOTFOUND);
    assert_int_equal(app_template_apply(f->st, &admin, "steering-2019", "NOPE", ids, &n, &err),
                     KL_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_representation_rule),
        cmocka_unit_test(test_forum_checks),
        cmocka_unit_test(test_person_and_membership_checks),
        cmocka_unit_test_setup_teardown(test_forum_status_rotation_and_representation, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rights_follow_memberships, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_changes_change_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_templates_build_the_seed_organisations, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_cluster_import.c - importing a cluster structure: the Danish Excel variants, every
 * kind of bad row reported with line and column, and all-or-nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/cluster_import.h"
#include "app/org.h"
#include "app/principal.h"
#include "app/refdata.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "core/problems.h"
#include "store/audit.h"
#include "store/store.h"
#include "testutil.h"

static const struct principal tester = {AUTH_LOCAL, 0, "cli:test", "test", 1, NULL};

struct fixture {
    struct tmpdb t;
    struct store *st;
    struct arena *a;
    struct problems probs;
};

#define HEADER "region_code;cluster_code;cluster_name;valid_from;valid_to;acute_hospital;" \
               "municipality_code;municipality_name\n"

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
    problems_free(&probs);
    f.a = arena_new(0);
    problems_init(&f.probs, "in.csv", 0);
    *state = &f;
    return rc;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    problems_free(&f->probs);
    arena_free(f->a);
    store_close(f->st);
    tmpdb_remove(&f->t);
    return 0;
}

static int import(struct fixture *f, const char *csv, struct cluster_import_summary *sum)
{
    struct kl_error err;
    return app_cluster_import(f->st, &tester, csv, strlen(csv), &f->probs, sum, &err);
}

static size_t count_clusters(struct fixture *f)
{
    struct cluster *c;
    size_t n;
    struct kl_error err;
    assert_int_equal(app_cluster_list(f->st, f->a, 0, &c, &n, &err), 0);
    return n;
}

/* Asserts that the problem text holds needle. */
static void assert_problem(struct fixture *f, const char *needle)
{
    const char *text = problems_text(&f->probs);
    if (!strstr(text, needle))
        fail_msg("expected problem '%s' in:\n%s", needle, text);
}

static void test_semicolon_file_with_bom_imports(void **state)
{
    struct fixture *f = *state;
    struct cluster_import_summary sum;
    struct cluster_detail d;
    struct kl_error err;
    size_t before = count_clusters(f);

    assert_int_equal(import(f, "\xEF\xBB\xBF" HEADER
                               "1085;RSJ-HOLBAEK;Sundhedsklyngen Holbæk;01-07-2022;;"
                               "Holbæk Sygehus;316;Holbæk Kommune\n"
                               "1085;RSJ-HOLBAEK;Sundhedsklyngen Holbæk;01-07-2022;;"
                               "Holbæk Sygehus;326;Kalundborg\n",
                            &sum),
                     0);
    assert_int_equal(sum.rows, 2);
    assert_int_equal(sum.clusters, 1);
    assert_int_equal(count_clusters(f), before + 1);
    assert_int_equal(app_cluster_get(f->st, f->a, "RSJ-HOLBAEK", &d, &err), 0);
    assert_string_equal(d.cluster.name, "Sundhedsklyngen Holbæk");
    assert_int_equal(d.cluster.valid_from, date_from_ymd(2022, 7, 1));
    assert_int_equal(d.nmembers, 2);
    assert_string_equal(d.hospitals[0].name, "Holbæk Sygehus");
}

static void test_windows_1252_file_imports(void **state)
{
    struct fixture *f = *state;
    struct cluster_detail d;
    struct kl_error err;

    /* "Sundhedsklynge Næstved" and "Næstved Sygehus" with æ as the byte 0xE6 */
    assert_int_equal(import(f, HEADER "1085;RSJ-TEST;Sundhedsklynge N\xE6stved;2022-07-01;;"
                                      "N\xE6stved Sygehus;370;N\xE6stved\n",
                            NULL),
                     0);
    assert_int_equal(app_cluster_get(f->st, f->a, "RSJ-TEST", &d, &err), 0);
    assert_string_equal(d.cluster.name, "Sundhedsklynge Næstved");
    assert_string_equal(d.hospitals[0].name, "Næstved Sygehus");
}

static void test_comma_file_with_columns_in_another_order_imports(void **state)
{
    struct fixture *f = *state;
    struct cluster_detail d;
    struct kl_error err;

    assert_int_equal(import(f, "municipality_code,cluster_code,region_code,cluster_name,"
                               "acute_hospital,valid_from,valid_to\n"
                               "400,RH-BORNHOLM,1084,Sundhedsklynge Bornholm,"
                               "Bornholms Hospital,2022-07-01,2030-12-31\n",
                            NULL),
                     0);
    assert_int_equal(app_cluster_get(f->st, f->a, "RH-BORNHOLM", &d, &err), 0);
    assert_int_equal(d.cluster.valid_to, date_from_ymd(2030, 12, 31));
}

static void test_reimport_replaces_the_named_cluster_only(void **state)
{
    struct fixture *f = *state;
    struct cluster_detail d;
    struct kl_error err;
    size_t before = count_clusters(f);

    assert_int_equal(import(f, HEADER "1082;RM-AARHUS;Aarhusklyngen;2022-07-01;;"
                                      "Aarhus Universitetshospital;751;Aarhus\n",
                            NULL),
                     0);
    assert_int_equal(app_cluster_get(f->st, f->a, "RM-AARHUS", &d, &err), 0);
    assert_int_equal(d.nmembers, 1);
    assert_int_equal(count_clusters(f), before);
    assert_int_equal(app_cluster_get(f->st, f->a, "RM-RANDERS", &d, &err), 0);
    assert_int_equal(d.nmembers, 4);
}

static void test_unknown_municipality_is_reported_with_line_and_column(void **state)
{
    struct fixture *f = *state;
    size_t before = count_clusters(f);

    assert_int_equal(import(f, HEADER "1085;RSJ-X;Klynge X;2022-07-01;;Sygehus X;316;Holbæk\n"
                                      "1085;RSJ-X;Klynge X;2022-07-01;;Sygehus X;999;\n",
                            NULL),
                     KL_EINVAL);
    assert_problem(f, "in.csv:3:7: municipality_code '999' is not a Danish municipality");
    assert_int_equal(f->probs.count, 1);
    assert_int_equal(count_clusters(f), before);
}

static void test_every_bad_field_is_reported(void **state)
{
    struct fixture *f = *state;
    size_t before = count_clusters(f);

    assert_int_equal(import(f, HEADER "1090;rsj-x;;2022-13-01;;;abc;\n", NULL), KL_EINVAL);
    assert_problem(f, "in.csv:2:1: region_code '1090' is not a region");
    assert_problem(f, "in.csv:2:2: cluster_code 'rsj-x' must be");
    assert_problem(f, "in.csv:2:3: cluster_name is empty");
    assert_problem(f, "in.csv:2:4: valid_from '2022-13-01' is not a date");
    assert_problem(f, "in.csv:2:6: acute_hospital is empty");
    assert_problem(f, "in.csv:2:7: municipality_code 'abc' is not a Danish municipality");
    assert_int_equal(count_clusters(f), before);
}

static void test_period_ending_before_it_starts_is_refused(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(import(f, HEADER "1085;RSJ-X;Klynge X;2022-07-01;2021-12-31;Sygehus;316;\n",
                            NULL),
                     KL_EINVAL);
    assert_problem(f, "in.csv:2:5: valid_to 2021-12-31 is before valid_from 2022-07-01");
}

static void test_wrong_municipality_name_is_refused(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(import(f, HEADER "1082;RM-X;Klynge X;2022-07-01;;Sygehus;751;Aalborg\n",
                            NULL),
                     KL_EINVAL);
    assert_problem(f, "in.csv:2:8: municipality 751 is Aarhus, not 'Aalborg'");
}

static void test_duplicate_row_is_refused(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(import(f, HEADER "1085;RSJ-X;Klynge X;2022-07-01;;Sygehus;316;\n"
                                      "1085;RSJ-X;Klynge X;2022-07-01;;Sygehus;326;\n"
                                      "1085;RSJ-X;Klynge X;2022-07-01;;Sygehus;316;\n",
                            NULL),
                     KL_EINVAL);
    assert_problem(f, "in.csv:4: duplicate row: municipality 316 is already in cluster RSJ-X "
                      "on line 2");
}

static void test_inconsistent_cluster_rows_are_refused(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(import(f, HEADER "1085;RSJ-X;Klynge X;2022-07-01;;Sygehus;316;\n"
                                      "1085;RSJ-X;Klynge X;2023-01-01;;Sygehus;326;\n",
                            NULL),
                     KL_EINVAL);
    assert_problem(f, "in.csv:3: cluster RSJ-X is defined differently on line 2");
}

static void test_overlapping_periods_in_the_file_are_refused(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(import(f, HEADER "1085;RSJ-A;Klynge Vest;2020-01-01;2022-12-31;S;316;\n"
                                      "1085;RSJ-B;Klynge Vest;2022-07-01;;S;326;\n",
                            NULL),
                     KL_EINVAL);
    assert_problem(f, "in.csv:3: overlapping periods: RSJ-B (2022-07-01 onwards) here and "
                      "RSJ-A (2020-01-01 to 2022-12-31) on line 2");
}

static void test_overlap_with_a_stored_cluster_is_refused(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(import(f, HEADER "1082;RM-AARHUS-2;Aarhusklyngen;2024-01-01;;AUH;751;\n",
                            NULL),
                     KL_EINVAL);
    assert_problem(f, "overlapping periods: RM-AARHUS-2 (2024-01-01 onwards) and the stored "
                      "cluster RM-AARHUS (2022-07-01 onwards)");
}

static void test_missing_column_and_short_row_are_refused(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(import(f, "region_code;cluster_code;cluster_name\n1085;RSJ-X;X\n", NULL),
                     KL_EINVAL);
    assert_problem(f, "in.csv:1: missing column 'valid_from' in the header");
    assert_problem(f, "in.csv:1: missing column 'municipality_code' in the header");
    problems_free(&f->probs);
    problems_init(&f->probs, "in.csv", 0);
    assert_int_equal(import(f, HEADER "1085;RSJ-X;Klynge X;2022-07-01\n", NULL), KL_EINVAL);
    assert_problem(f, "in.csv:2: 4 fields, but the header has 8");
}

static void test_empty_and_malformed_files_are_refused(void **state)
{
    struct fixture *f = *state;
    struct kl_error err;

    /* the error says why, as after any other problem (the command line prints it) */
    assert_int_equal(app_cluster_import(f->st, &tester, "", 0, &f->probs, NULL, &err),
                     KL_EINVAL);
    assert_string_equal(err.msg, "1 problem found; nothing was imported");
    assert_problem(f, "the file is empty");
    problems_free(&f->probs);
    problems_init(&f->probs, "in.csv", 0);
    assert_int_equal(import(f, HEADER, NULL), KL_EINVAL);
    assert_problem(f, "no data rows after the header");
    problems_free(&f->probs);
    problems_init(&f->probs, "in.csv", 0);
    assert_int_equal(import(f, HEADER "1085;\"RSJ-X;Klynge X;2022-07-01;;S;316;\n", NULL),
                     KL_EINVAL);
    assert_problem(f, "unterminated");
}

static void test_one_bad_row_among_many_changes_nothing(void **state)
{
    struct fixture *f = *state;
    struct cluster_detail d;
    struct kl_error err;

    assert_int_equal(import(f, HEADER "1082;RM-AARHUS;Aarhusklyngen;2022-07-01;;AUH;751;\n"
                                      "1082;RM-NEW;Ny klynge;2022-07-01;;AUH;741;\n"
                                      "1082;RM-NEW;Ny klynge;2022-07-01;;AUH;12;\n",
                            NULL),
                     KL_EINVAL);
    assert_int_equal(app_cluster_get(f->st, f->a, "RM-AARHUS", &d, &err), 0);
    assert_int_equal(d.nmembers, 2);
    assert_int_equal(app_cluster_get(f->st, f->a, "RM-NEW", &d, &err), KL_ENOTFOUND);
}

static size_t audit_rows(struct fixture *f, const char *entity)
{
    struct audit_filter filter = {.entity = entity, .limit = 100000};
    struct audit_entry *e;
    size_t n;
    struct kl_error err;
    assert_int_equal(store_audit_list(f->st, f->a, &filter, &e, &n, &err), 0);
    return n;
}

static void test_changes_are_audited_and_failures_leave_no_trace(void **state)
{
    struct fixture *f = *state;
    struct audit_filter filter = {.entity = "cluster", .limit = 1};
    struct audit_entry *e;
    size_t n, before = audit_rows(f, "cluster");
    struct kl_error err;

    assert_int_equal(before, 19); /* every shipped cluster was created once */
    assert_int_equal(audit_rows(f, "municipality"), 98);
    assert_int_equal(import(f, HEADER "1082;RM-X;Klynge X;2022-07-01;;S;751;\n"
                                      "1082;RM-Y;Klynge Y;2022-07-01;;S;9999;\n",
                            NULL),
                     KL_EINVAL);
    assert_int_equal(audit_rows(f, "cluster"), before);
    assert_int_equal(import(f, HEADER "1082;RM-AARHUS;Aarhusklyngen;2022-07-01;;"
                                      "Aarhus Universitetshospital;751;\n",
                            NULL),
                     0);
    assert_int_equal(audit_rows(f, "cluster"), before + 1);
    assert_int_equal(store_audit_list(f->st, f->a, &filter, &e, &n, &err), 0);
    assert_string_equal(e[0].action, "update");
    assert_string_equal(e[0].entity_id, "RM-AARHUS");
    assert_string_equal(e[0].actor, "cli:test");
    assert_non_null(strstr(e[0].before_json, "\"municipalities\":[741,751]"));
    assert_non_null(strstr(e[0].after_json, "\"municipalities\":[751]"));
    /* the same file again changes nothing and writes no row */
    assert_int_equal(import(f, HEADER "1082;RM-AARHUS;Aarhusklyngen;2022-07-01;;"
                                      "Aarhus Universitetshospital;751;\n",
                            NULL),
                     0);
    assert_int_equal(audit_rows(f, "cluster"), before + 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_semicolon_file_with_bom_imports),
        T(test_windows_1252_file_imports),
        T(test_comma_file_with_columns_in_another_order_imports),
        T(test_reimport_replaces_the_named_cluster_only),
        T(test_unknown_municipality_is_reported_with_line_and_column),
        T(test_every_bad_field_is_reported),
        T(test_period_ending_before_it_starts_is_refused),
        T(test_wrong_municipality_name_is_refused),
        T(test_duplicate_row_is_refused),
        T(test_inconsistent_cluster_rows_are_refused),
        T(test_overlapping_periods_in_the_file_are_refused),
        T(test_overlap_with_a_stored_cluster_is_refused),
        T(test_missing_column_and_short_row_are_refused),
        T(test_empty_and_malformed_files_are_refused),
        T(test_one_bad_row_among_many_changes_nothing),
        T(test_changes_are_audited_and_failures_leave_no_trace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

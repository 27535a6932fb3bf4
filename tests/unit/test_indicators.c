/* test_indicators.c - indicators: the spreadsheet number parser, periods, signals, sums to
 * clusters (shared municipalities, membership changing in the middle of a period),
 * discretion (small values, secondary suppression, its fallback, who sees what), the
 * catalogue, and the import against a real database (all or nothing, replacement with
 * an audit trail). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/discretion.h"
#include "app/indicator.h"
#include "app/indicator_grid.h"
#include "app/indicator_import.h"
#include "app/permission.h"
#include "app/principal.h"
#include "app/refdata.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "core/number.h"
#include "core/problems.h"
#include "model/indicator.h"
#include "model/org.h"
#include "store/audit.h"
#include "store/indicator.h"
#include "store/store.h"
#include "testutil.h"

#include <math.h>

static const struct principal admin = {AUTH_LOCAL, 0, "cli:test", "test", 1, NULL};
static const struct principal anonymous = {AUTH_NONE, 0, "", "", 0, NULL};

/* ---- numbers ------------------------------------------------------------------------ */

static double parse_ok(const char *s, char decimal)
{
    struct number n;
    struct kl_error err;
    int rc = number_parse(s, decimal, &n, &err);
    if (rc)
        fail_msg("'%s': %s", s, err.msg);
    return n.value;
}

static void parse_bad(const char *s, char decimal, const char *why)
{
    struct number n;
    struct kl_error err;
    assert_int_equal(number_parse(s, decimal, &n, &err), KL_EINVAL);
    if (!strstr(err.msg, why))
        fail_msg("'%s': expected '%s' in '%s'", s, why, err.msg);
}

static void danish_numbers_are_read(void **state)
{
    struct number n;
    struct kl_error err;

    (void)state;
    assert_true(parse_ok("1.234,5", ',') == 1234.5);
    assert_true(parse_ok("12,5", ',') == 12.5);
    assert_true(parse_ok(" 7 ", ',') == 7);
    assert_true(parse_ok("-3,25", ',') == -3.25);
    assert_true(parse_ok("\xE2\x88\x92" "2", ',') == -2);
    assert_true(parse_ok("1\xC2\xA0" "234\xC2\xA0" "567", ',') == 1234567);
    assert_true(parse_ok("12.345.678", ',') == 12345678);
    assert_true(parse_ok("1,234.5", '.') == 1234.5);
    assert_int_equal(number_parse("12,5 %", ',', &n, &err), 0);
    assert_true(n.value == 12.5 && n.percent && n.decimals == 1);
    assert_int_equal(number_parse("-0", ',', &n, &err), 0);
    assert_false(signbit(n.value));
}

static void malformed_numbers_say_why(void **state)
{
    (void)state;
    parse_bad("12.5", ',', "'.' separates thousands");
    parse_bad("12,5", '.', "',' separates thousands");
    parse_bad("1.23,4", ',', "groups of three");
    parse_bad("1234.567", ',', "groups of three");
    parse_bad("1,2,3", ',', "two decimal separators");
    parse_bad("abc", ',', "only digits");
    parse_bad("", ',', "empty");
    parse_bad("12,", ',', "no digits after");
    parse_bad(",5", ',', "no digit before");
    parse_bad("1.234 567", ',', "two different thousands separators");
    parse_bad("1234567890123456", ',', "more than 15 digits");
    parse_bad("12,5.0", ',', "'.' separates thousands");
}

static void counts_are_whole(void **state)
{
    int64_t v;
    struct kl_error err;

    (void)state;
    assert_int_equal(number_parse_count("1.000", ',', 100000, &v, &err), 0);
    assert_int_equal(v, 1000);
    assert_int_equal(number_parse_count("2,5", ',', 100, &v, &err), KL_EINVAL);
    assert_non_null(strstr(err.msg, "whole number"));
    assert_int_equal(number_parse_count("-2", ',', 100, &v, &err), KL_EINVAL);
    assert_int_equal(number_parse_count("101", ',', 100, &v, &err), KL_EINVAL);
    assert_int_equal(number_parse_count("5%", ',', 100, &v, &err), KL_EINVAL);
}

static void numbers_are_formatted_with_groups(void **state)
{
    char out[32];

    (void)state;
    number_format(1234567.25, 1, ',', '.', out, sizeof(out));
    assert_string_equal(out, "1.234.567,2");
    number_format(-0.04, 1, ',', '.', out, sizeof(out));
    assert_string_equal(out, "0,0");
    number_format(999, 0, '.', ',', out, sizeof(out));
    assert_string_equal(out, "999");
    number_format(-1000, 0, ',', '.', out, sizeof(out));
    assert_string_equal(out, "-1.000");
}

/* ---- periods and signals ------------------------------------------------------------- */

static void periods_are_read_as_sources_write_them(void **state)
{
    static const struct {
        const char *in, *out;
    } ok[] = {{"2023", "2023"},       {"2023-Q2", "2023-Q2"}, {"2023K2", "2023-Q2"},
              {"2023q2", "2023-Q2"},  {"K2 2023", "2023-Q2"}, {"2. kvt. 2023", "2023-Q2"},
              {"2023-05", "2023-05"}, {"2023M05", "2023-05"}, {"05-2023", "2023-05"}};
    static const char *const bad[] = {"23", "2023-13", "2023Q5", "2023-1", "2023-Q", "x2023",
                                      "5. kvt. 2023", "1899", ""};
    struct period p, q;
    char text[PERIOD_TEXT_MAX];

    (void)state;
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        if (period_parse(ok[i].in, &p))
            fail_msg("'%s' not read", ok[i].in);
        period_format(&p, text);
        assert_string_equal(text, ok[i].out);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (period_parse(bad[i], &p) == 0)
            fail_msg("'%s' read as a period", bad[i]);
    assert_int_equal(period_parse("2023-Q1", &p), 0);
    q = period_prev(&p);
    period_format(&q, text);
    assert_string_equal(text, "2022-Q4");
    assert_int_equal(period_first_day(&p), date_from_ymd(2023, 1, 1));
    assert_int_equal(period_last_day(&p), date_from_ymd(2023, 3, 31));
    assert_int_equal(period_parse("2024-02", &p), 0);
    assert_int_equal(period_last_day(&p), date_from_ymd(2024, 2, 29));
    q = period_next(&p);
    period_format(&q, text);
    assert_string_equal(text, "2024-03");
}

static void signals_follow_direction_and_tolerance(void **state)
{
    struct indicator ind = {.better = IND_BETTER_LOWER, .signal_rule = SIGNAL_RULE_RELATIVE,
                            .tolerance = 5};

    (void)state;
    assert_int_equal(indicator_signal(&ind, 104, 100), SIGNAL_SAME);
    assert_int_equal(indicator_signal(&ind, 105, 100), SIGNAL_SAME);
    assert_int_equal(indicator_signal(&ind, 106, 100), SIGNAL_BAD);
    assert_int_equal(indicator_signal(&ind, 94, 100), SIGNAL_GOOD);
    assert_int_equal(indicator_signal(&ind, 0, 0), SIGNAL_SAME);
    assert_int_equal(indicator_signal(&ind, 1, 0), SIGNAL_BAD);
    ind.better = IND_BETTER_HIGHER;
    assert_int_equal(indicator_signal(&ind, 106, 100), SIGNAL_GOOD);
    ind.signal_rule = SIGNAL_RULE_ABSOLUTE;
    ind.tolerance = 1;
    assert_int_equal(indicator_signal(&ind, 12.3, 11.3), SIGNAL_SAME); /* exactly 1 apart */
    assert_int_equal(indicator_signal(&ind, 12.4, 11.3), SIGNAL_GOOD);
    ind.better = IND_BETTER_NEITHER;
    assert_int_equal(indicator_signal(&ind, 9, 11), SIGNAL_DOWN);
    assert_int_equal(indicator_signal(&ind, 13, 11), SIGNAL_UP);
    assert_int_equal(indicator_signal(&ind, NAN, 11), SIGNAL_NONE);
}

/* ---- grids: sums and discretion --------------------------------------------------------- */

/* Municipalities A=101, B=147, C=153, D=155 in region 1084. Clusters: X = {A, B} from
 * 1 July 2022; Y = {A, C} always; Z = {B} until 31 March 2022 (B moves from Z to X in the
 * middle of 2022); W = {B, C, D} always. */
static const struct ind_geo munis[] = {
    {GEO_MUNICIPALITY, "101", "A", 1084}, {GEO_MUNICIPALITY, "147", "B", 1084},
    {GEO_MUNICIPALITY, "153", "C", 1084}, {GEO_MUNICIPALITY, "155", "D", 1084},
};
static const struct ind_geo regions[] = {{GEO_REGION, "1084", "Region Hovedstaden", 1084}};

static struct ind_membership memberships[] = {
    {"X", "Klynge X", 1084, 101, 0, DATE_OPEN}, {"X", "Klynge X", 1084, 147, 0, DATE_OPEN},
    {"Y", "Klynge Y", 1084, 101, 0, DATE_OPEN}, {"Y", "Klynge Y", 1084, 153, 0, DATE_OPEN},
    {"Z", "Klynge Z", 1084, 147, 0, 0},
};

static void set_dates(void)
{
    memberships[0].from = memberships[1].from = date_from_ymd(2022, 7, 1);
    memberships[2].from = memberships[3].from = memberships[4].from = date_from_ymd(2000, 1, 1);
    memberships[4].to = date_from_ymd(2022, 3, 31);
}

static struct ind_value val(const char *period, const char *geo, double v, int64_t num,
                            int64_t den)
{
    return (struct ind_value){"T", GEO_MUNICIPALITY, geo, period, v, num, den, 1,
                              VALUE_SRC_IMPORT, "test", "2026-01-01T00:00:00Z"};
}

static void build(struct arena *a, const struct indicator *ind, const struct ind_value *v,
                  size_t nv, const struct ind_membership *ms, size_t nms, struct ind_grid *g)
{
    struct ind_grid_input in = {ind, munis, 4, regions, 1, ms, nms, v, nv, NULL, NULL};
    assert_int_equal(ind_grid_build(a, &in, g), 0);
}

static const struct ind_cell *cell(const struct ind_grid *g, const char *period,
                                   enum geo_kind kind, const char *code)
{
    int p = ind_grid_period(g, period), geo = ind_grid_geo(g, kind, code);
    if (p < 0 || geo < 0)
        fail_msg("no cell %s %s", period, code);
    return ind_grid_cell(g, (size_t)p, (size_t)geo);
}

static const struct indicator pct = {.code = "T", .unit = IND_UNIT_PERCENT,
                                     .better = IND_BETTER_LOWER, .period_kind = PERIOD_YEAR,
                                     .min_count = 5, .signal_rule = SIGNAL_RULE_ABSOLUTE,
                                     .tolerance = 1, .decimals = 1};

static void clusters_sum_members_in_force_and_shared_ones_count_twice(void **state)
{
    struct arena *a = arena_new(0);
    struct ind_value v[] = {
        val("2021", "101", 10, 10, 100), val("2021", "147", 10, 20, 200),
        val("2021", "153", 10, 5, 50),   val("2021", "155", 10, 30, 300),
        val("2022", "101", 10, 10, 100), val("2022", "147", 10, 20, 200),
        val("2022", "153", 20, 10, 50),  val("2022", "155", 10, 30, 300),
        val("2023", "101", 10, 10, 100), val("2023", "147", 10, 20, 200),
    };
    struct ind_grid g;
    const struct ind_cell *c;

    (void)state;
    set_dates();
    build(a, &pct, v, 10, memberships, 5, &g);
    assert_int_equal(g.nperiods, 3);
    /* 2022: B counts in Z (until March) and in X (from July); A in X and Y */
    c = cell(&g, "2022", GEO_CLUSTER, "X");
    assert_true(c->has_value && c->computed && c->members == 2);
    assert_int_equal(c->numerator, 30);
    assert_int_equal(c->denominator, 300);
    assert_true(fabs(c->value - 10.0) < 1e-9);
    c = cell(&g, "2022", GEO_CLUSTER, "Z");
    assert_true(c->has_value && c->members == 1 && c->numerator == 20);
    c = cell(&g, "2022", GEO_CLUSTER, "Y");
    assert_int_equal(c->numerator, 20);
    assert_int_equal(c->denominator, 150);
    assert_true(cell(&g, "2022", GEO_MUNICIPALITY, "101")->shared);
    assert_true(cell(&g, "2022", GEO_MUNICIPALITY, "147")->shared);
    assert_false(cell(&g, "2022", GEO_MUNICIPALITY, "153")->shared);
    assert_false(cell(&g, "2022", GEO_MUNICIPALITY, "155")->shared);
    assert_true(cell(&g, "2022", GEO_CLUSTER, "X")->shared);
    /* 2021: X has not started; A only in Y */
    c = cell(&g, "2021", GEO_CLUSTER, "X");
    assert_false(c->has_value);
    assert_int_equal(c->missing, MISSING_NO_MEMBERS);
    assert_false(cell(&g, "2021", GEO_MUNICIPALITY, "101")->shared);
    /* region and country summed from all four */
    c = cell(&g, "2021", GEO_COUNTRY, "DK");
    assert_true(c->computed && c->numerator == 65 && c->denominator == 650);
    assert_true(cell(&g, "2021", GEO_REGION, "1084")->numerator == 65);
    /* 2023: C has no value, so Y and the country get none, naming C */
    c = cell(&g, "2023", GEO_CLUSTER, "Y");
    assert_false(c->has_value);
    assert_int_equal(c->missing, MISSING_MEMBER);
    assert_string_equal(c->missing_code, "153");
    assert_false(cell(&g, "2023", GEO_COUNTRY, "DK")->has_value);
    assert_true(cell(&g, "2023", GEO_CLUSTER, "X")->has_value);
    arena_free(a);
}

static void counts_sum_and_standardised_rates_do_not(void **state)
{
    struct arena *a = arena_new(0);
    struct indicator count = pct, std = pct;
    struct ind_value v[] = {val("2022", "101", 7, IND_NONE, IND_NONE),
                            val("2022", "153", 9, IND_NONE, IND_NONE)};
    struct ind_grid g;
    const struct ind_cell *c;

    (void)state;
    set_dates();
    count.unit = IND_UNIT_COUNT;
    build(a, &count, v, 2, memberships + 2, 2, &g);
    c = cell(&g, "2022", GEO_CLUSTER, "Y");
    assert_true(c->has_value && c->value == 16 && c->numerator == IND_NONE);
    build(a, &std, v, 2, memberships + 2, 2, &g);
    c = cell(&g, "2022", GEO_CLUSTER, "Y");
    assert_false(c->has_value);
    assert_int_equal(c->missing, MISSING_NOT_SUMMED);
    arena_free(a);
}

static void stored_country_value_wins_over_the_sum(void **state)
{
    struct arena *a = arena_new(0);
    struct ind_value v[] = {val("2022", "101", 10, 10, 100), val("2022", "DK", 12.5, IND_NONE,
                                                                 IND_NONE)};
    struct ind_grid g;
    const struct ind_cell *c;

    (void)state;
    v[1].geo_kind = GEO_COUNTRY;
    build(a, &pct, v, 2, memberships, 0, &g);
    c = cell(&g, "2022", GEO_COUNTRY, "DK");
    assert_true(c->has_value && !c->computed && c->value == 12.5);
    arena_free(a);
}

static void small_counts_are_hidden_and_zero_is_not(void **state)
{
    struct arena *a = arena_new(0);
    struct ind_value v[] = {
        val("2022", "101", 3, 3, 100),  /* small numerator */
        val("2022", "147", 0, 0, 200),  /* zero: shown */
        val("2022", "153", 50, 2, 4),   /* small denominator of a percentage */
        val("2022", "155", 10, 30, 300),
    };
    struct ind_grid g;

    (void)state;
    build(a, &pct, v, 4, memberships, 0, &g);
    assert_int_equal(discretion_decide(&g), 0);
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "101")->would_hide, CELL_SMALL);
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "153")->would_hide, CELL_SMALL);
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "155")->would_hide, CELL_SHOWN);
    arena_free(a);
}

static void one_hidden_member_gets_a_complement(void **state)
{
    /* W = {B, C, D}: B small; the smallest positive other member, C, is hidden too */
    static struct ind_membership w[] = {{"W", "Klynge W", 1084, 147, 0, DATE_OPEN},
                                        {"W", "Klynge W", 1084, 153, 0, DATE_OPEN},
                                        {"W", "Klynge W", 1084, 155, 0, DATE_OPEN}};
    struct arena *a = arena_new(0);
    struct ind_value v[] = {val("2022", "101", 0, 0, 10), val("2022", "147", 2, 2, 100),
                            val("2022", "153", 10, 8, 80), val("2022", "155", 10, 30, 300)};
    struct ind_grid g;

    (void)state;
    build(a, &pct, v, 4, w, 3, &g);
    assert_int_equal(discretion_decide(&g), 0);
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "147")->would_hide, CELL_SMALL);
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "153")->would_hide, CELL_SECONDARY);
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "155")->would_hide, CELL_SHOWN);
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "101")->would_hide, CELL_SHOWN);
    /* the sums stay shown: W, the region and the country have two hidden members each */
    assert_int_equal(cell(&g, "2022", GEO_CLUSTER, "W")->would_hide, CELL_SHOWN);
    assert_int_equal(cell(&g, "2022", GEO_COUNTRY, "DK")->would_hide, CELL_SHOWN);
    arena_free(a);
}

static void overlapping_sums_that_would_disclose_are_hidden(void **state)
{
    /* X = {A, B}, Y = {A, C} and the country {A, B, C, D}: A small. Complements B (in X) and
     * C (in Y) leave three sums over A, B, C with D known: A could be solved, so every sum
     * holding a hidden member is hidden too. */
    static struct ind_membership xy[] = {
        {"X", "Klynge X", 1084, 101, 0, DATE_OPEN}, {"X", "Klynge X", 1084, 147, 0, DATE_OPEN},
        {"Y", "Klynge Y", 1084, 101, 0, DATE_OPEN}, {"Y", "Klynge Y", 1084, 153, 0, DATE_OPEN},
    };
    struct arena *a = arena_new(0);
    struct ind_value v[] = {val("2022", "101", 3, 3, 100), val("2022", "147", 10, 20, 200),
                            val("2022", "153", 10, 5, 50), val("2022", "155", 10, 30, 300)};
    struct ind_grid g;

    (void)state;
    build(a, &pct, v, 4, xy, 4, &g);
    assert_int_equal(discretion_decide(&g), 0);
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "101")->would_hide, CELL_SMALL);
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "147")->would_hide, CELL_SECONDARY);
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "153")->would_hide, CELL_SECONDARY);
    assert_int_equal(cell(&g, "2022", GEO_CLUSTER, "X")->would_hide, CELL_SECONDARY);
    assert_int_equal(cell(&g, "2022", GEO_CLUSTER, "Y")->would_hide, CELL_SECONDARY);
    assert_int_equal(cell(&g, "2022", GEO_COUNTRY, "DK")->would_hide, CELL_SECONDARY);
    assert_int_equal(cell(&g, "2022", GEO_REGION, "1084")->would_hide, CELL_SECONDARY);
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "155")->would_hide, CELL_SHOWN);
    arena_free(a);
}

static void a_sum_of_one_hidden_member_is_hidden(void **state)
{
    static struct ind_membership z[] = {{"Z", "Klynge Z", 1084, 147, 0, DATE_OPEN}};
    struct arena *a = arena_new(0);
    struct ind_value v[] = {val("2022", "147", 4, 4, 100)};
    struct ind_grid g;

    (void)state;
    build(a, &pct, v, 1, z, 1, &g);
    assert_int_equal(discretion_decide(&g), 0);
    /* Z's own count is 4: small itself */
    assert_int_equal(cell(&g, "2022", GEO_CLUSTER, "Z")->would_hide, CELL_SMALL);
    arena_free(a);
}

static void only_administrators_see_small_numbers(void **state)
{
    struct arena *a = arena_new(0);
    struct ind_value v[] = {val("2021", "101", 10, 10, 100), val("2021", "147", 10, 20, 200),
                            val("2021", "153", 10, 5, 50),   val("2021", "155", 10, 30, 300),
                            val("2022", "101", 3, 3, 100),   val("2022", "147", 10, 20, 200),
                            val("2022", "153", 10, 5, 50),   val("2022", "155", 10, 30, 300)};
    struct ind_grid g;
    struct kl_error err;
    const struct ind_cell *c;
    char text[8];

    (void)state;
    build(a, &pct, v, 8, memberships, 0, &g);
    assert_int_equal(app_discretion_apply(NULL, &anonymous, &g, &err), 0);
    ind_grid_signals(&g);
    assert_false(g.sees_small);
    c = cell(&g, "2022", GEO_MUNICIPALITY, "101");
    assert_int_equal(c->hidden, CELL_SMALL);
    assert_false(c->has_value);
    assert_true(c->value == 0 && c->numerator == IND_NONE && c->denominator == IND_NONE);
    assert_int_equal(c->vs_prev, SIGNAL_NONE);
    discretion_text(&g, c->hidden, text);
    assert_string_equal(text, "<5");
    discretion_text(&g, CELL_SECONDARY, text);
    assert_string_equal(text, "x");
    /* shown cells get signals: D 10% both years, level with itself */
    assert_int_equal(cell(&g, "2022", GEO_MUNICIPALITY, "155")->vs_prev, SIGNAL_SAME);
    build(a, &pct, v, 8, memberships, 0, &g);
    assert_int_equal(app_discretion_apply(NULL, &admin, &g, &err), 0);
    assert_true(g.sees_small);
    c = cell(&g, "2022", GEO_MUNICIPALITY, "101");
    assert_int_equal(c->hidden, CELL_SHOWN);
    assert_int_equal(c->would_hide, CELL_SMALL);
    assert_int_equal(c->numerator, 3);
    arena_free(a);
}

static void indicator_permissions(void **state)
{
    struct principal user = {AUTH_SESSION, 5, "x", "x", 0, "c"};
    struct kl_error err;

    (void)state;
    assert_int_equal(app_authorize(NULL, &admin, PERM_SMALL_NUMBERS, 0, &err), 0);
    assert_int_equal(app_authorize(NULL, &user, PERM_SMALL_NUMBERS, 0, &err), KL_EPERM);
    assert_int_equal(app_authorize(NULL, &anonymous, PERM_SMALL_NUMBERS, 0, &err), KL_EPERM);
    assert_int_equal(app_authorize(NULL, &anonymous, PERM_INDICATOR_EDIT, 0, &err), KL_EPERM);
    assert_int_equal(app_authorize(NULL, &admin, PERM_INDICATOR_EDIT, 0, &err), 0);
    assert_string_equal(permission_name(PERM_SMALL_NUMBERS), "small-numbers");
}

/* ---- the database: catalogue and import --------------------------------------------- */

struct fixture {
    struct tmpdb t;
    struct store *st;
    struct arena *a;
    struct problems probs;
};

static int db_setup(void **state)
{
    static struct fixture f;
    struct kl_error err;
    struct problems probs;
    int rc;

    if (tmpdb_make(&f.t) || store_open(f.t.path, STORE_CREATE | STORE_MIGRATE, &f.st, &err))
        return -1;
    problems_init(&probs, "refdata", 0);
    rc = app_refdata_load(f.st, &admin, &probs, NULL, &err);
    problems_free(&probs);
    f.a = arena_new(0);
    problems_init(&f.probs, "in.csv", 0);
    *state = &f;
    return rc;
}

static int db_teardown(void **state)
{
    struct fixture *f = *state;
    problems_free(&f->probs);
    arena_free(f->a);
    store_close(f->st);
    tmpdb_remove(&f->t);
    return 0;
}

static void the_shipped_catalogue_is_loaded_and_marked(void **state)
{
    struct fixture *f = *state;
    struct indicator *inds, ind;
    size_t n, verified = 0;
    struct kl_error err;
    int loaded, changed;

    assert_int_equal(app_indicator_list(f->st, f->a, &inds, &n, NULL, &err), 0);
    assert_true(n >= 12);
    for (size_t i = 0; i < n; i++) {
        verified += inds[i].verified;
        if (!inds[i].verified)
            assert_true(inds[i].verify_note[0] != '\0');
        assert_int_equal(inds[i].min_count, 5);
    }
    assert_true(verified >= 1 && verified < n);
    assert_int_equal(app_indicator_get(f->st, f->a, "FOREBYG-65", &ind, &err), 0);
    assert_int_equal(ind.unit, IND_UNIT_PER_1000);
    assert_int_equal(ind.better, IND_BETTER_LOWER);
    assert_non_null(strstr(ind.source_url, "esundhed.dk"));
    assert_int_equal(app_indicator_catalogue_load(f->st, &admin, &loaded, &changed, &f->probs,
                                                  &err), 0);
    assert_int_equal(changed, 0);
    assert_int_equal((size_t)loaded, n);
}

static int import(struct fixture *f, const char *csv, struct ind_import_summary *sum)
{
    struct kl_error err;
    problems_free(&f->probs);
    problems_init(&f->probs, "in.csv", 0);
    return app_indicator_import(f->st, &admin, "in.csv", NULL, csv, strlen(csv), &f->probs, sum,
                                &err);
}

static size_t count_values(struct fixture *f, const char *code)
{
    struct ind_value *v;
    size_t n;
    struct kl_error err;
    assert_int_equal(store_ind_values(f->st, f->a, code, NULL, NULL, &v, &n, &err), 0);
    return n;
}

static void a_danish_excel_file_is_imported(void **state)
{
    struct fixture *f = *state;
    struct ind_import_summary sum;
    struct ind_grid g;
    struct kl_error err;
    const char *csv = "\xEF\xBB\xBFindikator;periode;omr\xC3\xA5" "de;v\xC3\xA6rdi;t\xC3\xA6ller;"
                      "n\xC3\xA6vner\r\n"
                      "GENIND-SOM-30;2023;Aarhus Kommune;12,5;125;1.000\r\n"
                      "GENIND-SOM-30;2023;741;;2;20\r\n"
                      "GENIND-SOM-30;2023;Hele landet;11,9;;\r\n"
                      "GENIND-SOM-30;2023;Region Midtjylland;..;;\r\n";

    assert_int_equal(import(f, csv, &sum), 0);
    assert_int_equal(sum.values, 3);
    assert_int_equal(sum.skipped, 1);
    assert_int_equal(sum.groups, 2);
    assert_int_equal(count_values(f, "GENIND-SOM-30"), 3);
    /* Samsø's 2 readmissions are small: hidden from the anonymous, and Aarhus with it so
     * that the cluster RM-AARHUS (Samsø and Aarhus) can still be shown */
    assert_int_equal(app_indicator_grid(f->st, f->a, &anonymous, "GENIND-SOM-30", NULL, NULL,
                                        &g, &err), 0);
    assert_int_equal(cell(&g, "2023", GEO_MUNICIPALITY, "741")->hidden, CELL_SMALL);
    assert_int_equal(cell(&g, "2023", GEO_MUNICIPALITY, "751")->hidden, CELL_SECONDARY);
    assert_int_equal(cell(&g, "2023", GEO_CLUSTER, "RM-AARHUS")->hidden, CELL_SHOWN);
    assert_int_equal(cell(&g, "2023", GEO_CLUSTER, "RM-AARHUS")->numerator, 127);
    assert_true(cell(&g, "2023", GEO_COUNTRY, "DK")->value == 11.9);
}

static void windows_1252_wide_files_are_read(void **state)
{
    struct fixture *f = *state;
    struct ind_import_summary sum;
    struct kl_error err;
    /* "Område" and "København" in Windows-1252, one column per year */
    const char *csv = "Omr\xE5" "de;2021;2022\n"
                      "K\xF8" "benhavn;71,2;70,1\n"
                      "Frederiksberg;65,0;.\n";

    problems_free(&f->probs);
    problems_init(&f->probs, "wide.csv", 0);
    assert_int_equal(app_indicator_import(f->st, &admin, "wide.csv", "FOREBYG-65", csv,
                                          strlen(csv), &f->probs, &sum, &err), 0);
    assert_int_equal(sum.values, 3);
    assert_int_equal(sum.skipped, 1);
}

static void bad_rows_are_all_reported_and_nothing_is_imported(void **state)
{
    struct fixture *f = *state;
    size_t before = count_values(f, "FAERDIG-SOM");
    const char *csv = "indicator;period;geography;value;numerator;denominator\n"
                      "FAERDIG-SOM;2023;Aarhus;12,5;;\n"
                      "FAERDIG-SOM;2023-Q1;Aarhus;12,5;;\n"
                      "FAERDIG-SOM;2023;RM-AARHUS;1;;\n"
                      "FAERDIG-SOM;2023;Atlantis;1;;\n"
                      "FAERDIG-SOM;2023;751;1;;\n"
                      "GENIND-SOM-30;2023;751;150;;\n"
                      "GENIND-SOM-30;2023;751;12,5;13;100\n"
                      "GENIND-SOM-30;2022;751;;13;\n"
                      "NOPE;2023;751;1;;\n";

    assert_int_equal(import(f, csv, NULL), KL_EINVAL);
    assert_string_equal(problems_text(&f->probs),
        "in.csv:3:2: period '2023-Q1' is a quarter, but FAERDIG-SOM has a value per year\n"
        "in.csv:4:3: 'RM-AARHUS' is a cluster: cluster values are computed from their "
        "municipalities' values, import those\n"
        "in.csv:5:3: 'Atlantis' is not a Danish municipality, region or the whole country "
        "(write a code such as 751, a name, or Hele landet)\n"
        "in.csv:7:4: value '150' is over 100 (a percentage)\n"
        "in.csv:8:4: value 12,5 does not match numerator / denominator (13 / 100 gives "
        "13,00)\n"
        "in.csv:9:6: give both numerator and denominator, or neither\n"
        "in.csv:10:1: 'NOPE' is not an indicator of the catalogue\n"
        "in.csv:6: duplicate: FAERDIG-SOM 2023 municipality 751 is already on line 2\n");
    assert_int_equal(count_values(f, "FAERDIG-SOM"), before);
}

static void a_reimport_replaces_the_period_with_an_audit_trail(void **state)
{
    struct fixture *f = *state;
    struct ind_import_summary sum;
    struct audit_entry *log;
    struct audit_filter flt = {0};
    struct ind_value *v;
    struct kl_error err;
    size_t n;

    assert_int_equal(import(f, "indicator;period;geography;value\n"
                               "TILFREDS-UDSKRIV;2019;Herning;4,1\n"
                               "TILFREDS-UDSKRIV;2019;Struer;4,1\n"
                               "TILFREDS-UDSKRIV;2020;Struer;4,0\n", &sum), 0);
    assert_int_equal(import(f, "indicator;period;geography;value\n"
                               "TILFREDS-UDSKRIV;2019;Herning;3,9\n", &sum), 0);
    assert_int_equal(sum.replaced, 2);
    assert_int_equal(store_ind_values(f->st, f->a, "TILFREDS-UDSKRIV", "2019", "2019", &v, &n,
                                      &err), 0);
    assert_int_equal(n, 1);
    assert_true(v[0].value == 3.9);
    assert_int_equal(count_values(f, "TILFREDS-UDSKRIV"), 2); /* 2020 untouched */
    flt.entity = "indicator_values";
    assert_int_equal(store_audit_list(f->st, f->a, &flt, &log, &n, &err), 0);
    for (size_t i = 0; i < n; i++)
        if (strcmp(log[i].entity_id, "TILFREDS-UDSKRIV/2019/municipality") == 0 &&
            strcmp(log[i].action, "replace") == 0) {
            if (!strstr(log[i].before_json, "\"657\":[\"4.1\"") ||
                !strstr(log[i].after_json, "\"657\":[\"3.9\""))
                fail_msg("before %s after %s", log[i].before_json, log[i].after_json);
            return;
        }
    fail_msg("no audit row of the replacement");
}

static void importing_needs_the_right(void **state)
{
    struct fixture *f = *state;
    struct kl_error err;
    assert_int_equal(app_indicator_import(f->st, &anonymous, "x.csv", NULL, "a", 1, &f->probs,
                                          NULL, &err), KL_EPERM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(danish_numbers_are_read),
        cmocka_unit_test(malformed_numbers_say_why),
        cmocka_unit_test(counts_are_whole),
        cmocka_unit_test(numbers_are_formatted_with_groups),
        cmocka_unit_test(periods_are_read_as_sources_write_them),
        cmocka_unit_test(signals_follow_direction_and_tolerance),
        cmocka_unit_test(clusters_sum_members_in_force_and_shared_ones_count_twice),
        cmocka_unit_test(counts_sum_and_standardised_rates_do_not),
        cmocka_unit_test(stored_country_value_wins_over_the_sum),
        cmocka_unit_test(small_counts_are_hidden_and_zero_is_not),
        cmocka_unit_test(one_hidden_member_gets_a_complement),
        cmocka_unit_test(overlapping_sums_that_would_disclose_are_hidden),
        cmocka_unit_test(a_sum_of_one_hidden_member_is_hidden),
        cmocka_unit_test(only_administrators_see_small_numbers),
        cmocka_unit_test(indicator_permissions),
        cmocka_unit_test(the_shipped_catalogue_is_loaded_and_marked),
        cmocka_unit_test(a_danish_excel_file_is_imported),
        cmocka_unit_test(windows_1252_wide_files_are_read),
        cmocka_unit_test(bad_rows_are_all_reported_and_nothing_is_imported),
        cmocka_unit_test(a_reimport_replaces_the_period_with_an_audit_trail),
        cmocka_unit_test(importing_needs_the_right),
    };
    return cmocka_run_group_tests_name("indicators", tests, db_setup, db_teardown);
}

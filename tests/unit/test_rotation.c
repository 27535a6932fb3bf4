/* test_rotation.c - the co-chair rotation of a mandate (seed 001: two years at a time among
 * the six municipalities of the cluster). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"
#include "model/forum.h"

static void test_first_period_and_next_holder(void **state)
{
    struct rotation_rule r = {2, date_from_ymd(2020, 1, 1), 6};
    struct rotation_state s;
    (void)state;
    assert_int_equal(rotation_at(&r, date_from_ymd(2020, 1, 1), 90, &s), 0);
    assert_int_equal(s.current, 0);
    assert_int_equal(s.next, 1);
    assert_int_equal(s.period_start, date_from_ymd(2020, 1, 1));
    assert_int_equal(s.period_end, date_from_ymd(2021, 12, 31));
    assert_false(s.due);
}

static void test_change_is_due_near_the_end(void **state)
{
    struct rotation_rule r = {2, date_from_ymd(2020, 1, 1), 6};
    struct rotation_state s;
    (void)state;
    assert_int_equal(rotation_at(&r, date_from_ymd(2021, 10, 15), 90, &s), 0);
    assert_true(s.due);
    assert_int_equal(rotation_at(&r, date_from_ymd(2021, 9, 1), 90, &s), 0);
    assert_false(s.due);
}

static void test_wraps_around_after_the_last_organisation(void **state)
{
    struct rotation_rule r = {2, date_from_ymd(2020, 1, 1), 6};
    struct rotation_state s;
    (void)state;
    /* six periods of two years: 2032 starts the second round with the first again */
    assert_int_equal(rotation_at(&r, date_from_ymd(2031, 12, 31), 0, &s), 0);
    assert_int_equal(s.current, 5);
    assert_int_equal(s.next, 0);
    assert_int_equal(rotation_at(&r, date_from_ymd(2032, 1, 1), 0, &s), 0);
    assert_int_equal(s.current, 0);
    assert_int_equal(s.period_start, date_from_ymd(2032, 1, 1));
}

static void test_leap_day_start(void **state)
{
    struct rotation_rule r = {1, date_from_ymd(2024, 2, 29), 2};
    struct rotation_state s;
    (void)state;
    assert_int_equal(rotation_at(&r, date_from_ymd(2025, 2, 28), 0, &s), 0);
    assert_int_equal(s.current, 1);
    assert_int_equal(s.period_start, date_from_ymd(2025, 2, 28));
}

static void test_no_rotation_before_start_or_without_rule(void **state)
{
    struct rotation_rule r = {2, date_from_ymd(2020, 1, 1), 6};
    struct rotation_rule none = {0, date_from_ymd(2020, 1, 1), 6};
    struct rotation_state s;
    (void)state;
    assert_int_equal(rotation_at(&r, date_from_ymd(2019, 12, 31), 0, &s), -1);
    assert_int_equal(rotation_at(&none, date_from_ymd(2021, 1, 1), 0, &s), -1);
    r.norgs = 0;
    assert_int_equal(rotation_at(&r, date_from_ymd(2021, 1, 1), 0, &s), -1);
}

static void test_kind_names_round_trip(void **state)
{
    (void)state;
    for (int k = 0; k < FORUM_KIND_COUNT; k++)
        assert_int_equal(forum_kind_parse(forum_kind_name((enum forum_kind)k)), k);
    assert_int_equal(forum_kind_parse("parliament"), -1);
    assert_null(forum_kind_name(FORUM_KIND_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_period_and_next_holder),
        cmocka_unit_test(test_change_is_due_near_the_end),
        cmocka_unit_test(test_wraps_around_after_the_last_organisation),
        cmocka_unit_test(test_leap_day_start),
        cmocka_unit_test(test_no_rotation_before_start_or_without_rule),
        cmocka_unit_test(test_kind_names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

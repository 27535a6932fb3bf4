/* test_error.c - error values: kl_error_say's sentence for the people using klynge beside
 * the detailed message, and nothing of it left behind by a later error or a clear. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/error.h"

static void test_said_beside_the_details(void **state)
{
    struct kl_error err;

    (void)state;
    assert_int_equal(kl_error_say(&err, KL_ECONFLICT, "The meeting can no longer be changed.",
                                  "the meeting is %s: it can no longer be changed", "held"),
                     KL_ECONFLICT);
    assert_int_equal(err.code, KL_ECONFLICT);
    assert_string_equal(err.msg, "the meeting is held: it can no longer be changed");
    assert_string_equal(err.said, "The meeting can no longer be changed.");
    kl_error_prefix(&err, "meeting %d", 7);
    assert_string_equal(err.msg, "meeting 7: the meeting is held: it can no longer be changed");
    assert_string_equal(err.said, "The meeting can no longer be changed.");
    assert_int_equal(kl_error_say(NULL, KL_EPERM, "x", "y"), KL_EPERM);
}

static void test_a_later_error_or_a_clear_leaves_nothing_said(void **state)
{
    struct kl_error err;

    (void)state;
    kl_error_say(&err, KL_ECONFLICT, "Said.", "details");
    kl_error_set(&err, KL_EINVAL, "another problem");
    assert_null(err.said);
    kl_error_say(&err, KL_ECONFLICT, "Said.", "details");
    kl_error_clear(&err);
    assert_null(err.said);
    assert_int_equal(err.code, KL_OK);
    assert_string_equal(err.msg, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_said_beside_the_details),
        cmocka_unit_test(test_a_later_error_or_a_clear_leaves_nothing_said),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

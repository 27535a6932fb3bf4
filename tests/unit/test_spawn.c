/* test_spawn.c - core/spawn.h: a helper's output read back, its exit status, the deadline
 * and the output cap kill it, a missing program is KL_EIO, and a helper that exits without
 * reading a large input does not raise SIGPIPE in us. */
#include "core/buf.h"
#include "core/error.h"
#include "core/spawn.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

static int run(const char *const *argv, const void *in, size_t nin, size_t cap, int ms,
               struct buf *out, int *status)
{
    struct spawn_opts o = {argv, in, nin, cap, ms, 0};
    struct kl_error err;

    buf_init(out, 0);
    return spawn_run(&o, out, status, &err);
}

static void test_output_and_status(void **state)
{
    static const char *const cat[] = {"cat", NULL};
    static const char *const fail[] = {"sh", "-c", "exit 3", NULL};
    static const char text[] = "Ældre får\n";
    struct buf out;
    int status;

    (void)state;
    assert_int_equal(run(cat, text, strlen(text), 1000, 5000, &out, &status), 0);
    assert_int_equal(status, 0);
    assert_string_equal(buf_cstr(&out), "Ældre får\n");
    buf_free(&out);
    assert_int_equal(run(fail, NULL, 0, 1000, 5000, &out, &status), 0);
    assert_int_equal(status, 3);
    buf_free(&out);
}

static void test_deadline_and_cap(void **state)
{
    static const char *const sleep_[] = {"sleep", "10", NULL};
    static const char *const yes[] = {"yes", NULL};
    struct buf out;
    int status;
    time_t t0 = time(NULL);

    (void)state;
    assert_int_equal(run(sleep_, NULL, 0, 1000, 300, &out, &status), KL_ELIMIT);
    assert_int_equal(status, SPAWN_TIMED_OUT);
    assert_true(time(NULL) - t0 < 5);
    buf_free(&out);
    assert_int_equal(run(yes, NULL, 0, 100000, 5000, &out, &status), KL_ELIMIT);
    assert_int_equal(status, SPAWN_TOO_MUCH);
    assert_int_equal(out.len, 100000);
    buf_free(&out);
}

static void test_missing_program_and_early_exit(void **state)
{
    static const char *const none[] = {"klynge-no-such-helper", NULL};
    static const char *const true_[] = {"true", NULL};
    size_t n = (size_t)8 << 20;
    char *big = calloc(1, n);
    struct buf out;
    int status;

    (void)state;
    assert_non_null(big);
    assert_int_equal(run(none, NULL, 0, 10, 1000, &out, &status), KL_EIO);
    buf_free(&out);
    assert_int_equal(run(true_, big, n, 10, 5000, &out, &status), 0); /* no SIGPIPE */
    assert_int_equal(status, 0);
    buf_free(&out);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_output_and_status),
        cmocka_unit_test(test_deadline_and_cap),
        cmocka_unit_test(test_missing_program_and_early_exit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

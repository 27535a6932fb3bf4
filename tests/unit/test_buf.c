/* test_buf.c - the growable buffer: appends, formatting, the cap, detach. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"

static void test_append_and_cstr(void **state)
{
    struct buf b;
    (void)state;
    buf_init(&b, 0);
    assert_string_equal(buf_cstr(&b), "");
    assert_int_equal(buf_puts(&b, "Region "), 0);
    assert_int_equal(buf_printf(&b, "%s %d", "Midtjylland", 1082), 0);
    assert_int_equal(buf_putc(&b, '!'), 0);
    assert_string_equal(buf_cstr(&b), "Region Midtjylland 1082!");
    assert_int_equal(b.len, strlen("Region Midtjylland 1082!"));
    buf_free(&b);
}

static void test_cap_refuses_and_keeps_contents(void **state)
{
    struct buf b;
    (void)state;
    buf_init(&b, 8);
    assert_int_equal(buf_puts(&b, "12345678"), 0);
    assert_int_equal(buf_putc(&b, '9'), KL_ELIMIT);
    assert_int_equal(buf_printf(&b, "%d", 1), KL_ELIMIT);
    assert_string_equal(buf_cstr(&b), "12345678");
    buf_free(&b);
}

static void test_grows_past_many_blocks(void **state)
{
    struct buf b;
    (void)state;
    buf_init(&b, 0);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(buf_putc(&b, (char)('a' + i % 26)), 0);
    assert_int_equal(b.len, 100000);
    assert_int_equal(b.data[99999], 'a' + 99999 % 26);
    assert_int_equal(b.data[100000], '\0');
    buf_free(&b);
}

static void test_detach_hands_over_memory(void **state)
{
    struct buf b;
    char *s;
    (void)state;
    buf_init(&b, 0);
    s = buf_detach(&b);
    assert_string_equal(s, "");
    free(s);
    buf_puts(&b, "æøå");
    s = buf_detach(&b);
    assert_string_equal(s, "æøå");
    assert_int_equal(b.len, 0);
    assert_null(b.data);
    free(s);
}

static void test_reset_keeps_memory(void **state)
{
    struct buf b;
    (void)state;
    buf_init(&b, 0);
    buf_puts(&b, "hello");
    buf_reset(&b);
    assert_string_equal(buf_cstr(&b), "");
    assert_non_null(b.data);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_cstr),
        cmocka_unit_test(test_cap_refuses_and_keeps_contents),
        cmocka_unit_test(test_grows_past_many_blocks),
        cmocka_unit_test(test_detach_hands_over_memory),
        cmocka_unit_test(test_reset_keeps_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

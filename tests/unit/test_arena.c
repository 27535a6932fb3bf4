/* test_arena.c - the region allocator: alignment, large blocks, the cap, reset. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"

static void test_allocations_are_aligned_and_distinct(void **state)
{
    struct arena *a = arena_new(0);
    char *p, *q;
    (void)state;
    assert_non_null(a);
    p = arena_alloc(a, 3);
    q = arena_alloc(a, 5);
    assert_true(((uintptr_t)p % _Alignof(max_align_t)) == 0);
    assert_true(((uintptr_t)q % _Alignof(max_align_t)) == 0);
    assert_true(q >= p + 3 || p >= q + 5);
    arena_free(a);
}

static void test_large_allocation_gets_own_block(void **state)
{
    struct arena *a = arena_new(0);
    char *big;
    (void)state;
    big = arena_alloc(a, 1 << 20);
    assert_non_null(big);
    memset(big, 'x', 1 << 20);
    assert_non_null(arena_alloc(a, 16));
    arena_free(a);
}

static void test_cap_makes_allocation_fail(void **state)
{
    struct arena *a = arena_new(1024);
    (void)state;
    assert_non_null(arena_alloc(a, 512));
    assert_null(arena_alloc(a, 1024));
    assert_non_null(arena_alloc(a, 256));
    arena_free(a);
}

static void test_strings(void **state)
{
    struct arena *a = arena_new(0);
    (void)state;
    assert_string_equal(arena_strdup(a, "Gødstrup"), "Gødstrup");
    assert_string_equal(arena_strndup(a, "Randersklyngen", 7), "Randers");
    assert_string_equal(arena_printf(a, "%d-%s", 1082, "RM"), "1082-RM");
    assert_null(arena_strdup(a, NULL));
    arena_free(a);
}

static void test_reset_releases_all(void **state)
{
    struct arena *a = arena_new(4096);
    (void)state;
    for (int i = 0; i < 3; i++)
        assert_non_null(arena_alloc(a, 1000));
    assert_null(arena_alloc(a, 2000));
    arena_reset(a);
    assert_int_equal(arena_used(a), 0);
    assert_non_null(arena_alloc(a, 2000));
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allocations_are_aligned_and_distinct),
        cmocka_unit_test(test_large_allocation_gets_own_block),
        cmocka_unit_test(test_cap_makes_allocation_fail),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_reset_releases_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_collate.c - Danish alphabetical order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/collate.h"

static int cmp(const char *a, const char *b)
{
    return collate_da(a, strlen(a), b, strlen(b));
}

static void test_ae_oe_aa_come_after_z_in_that_order(void **state)
{
    (void)state;
    assert_true(cmp("Zealand", "Ærø") < 0);
    assert_true(cmp("Ærø", "Ørsted") < 0);
    assert_true(cmp("Ørsted", "Århus") < 0);
    assert_true(cmp("tønder", "tårnby") < 0);
}

static void test_case_and_accents_fold_but_order_stays_total(void **state)
{
    (void)state;
    assert_true(cmp("aarhus", "Aarhus") != 0);
    assert_true(cmp("Aarhus", "aarhus") == -cmp("aarhus", "Aarhus"));
    assert_true(cmp("Café", "Cafz") < 0);  /* é sorts as e */
    assert_true(cmp("Herning", "herning") != 0);
    assert_true(cmp("Herning", "Holstebro") < 0);
    assert_int_equal(cmp("Odder", "Odder"), 0);
}

static void test_prefix_sorts_first(void **state)
{
    (void)state;
    assert_true(cmp("Lemvig", "Lemvigs") < 0);
    assert_true(cmp("", "A") < 0);
}

static void test_invalid_utf8_sorts_after_letters(void **state)
{
    (void)state;
    assert_true(cmp("\xff", "å") > 0);
    assert_true(cmp("a\xc3", "ab") > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ae_oe_aa_come_after_z_in_that_order),
        cmocka_unit_test(test_case_and_accents_fold_but_order_stays_total),
        cmocka_unit_test(test_prefix_sorts_first),
        cmocka_unit_test(test_invalid_utf8_sorts_after_letters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

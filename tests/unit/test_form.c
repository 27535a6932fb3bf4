/* test_form.c - the urlencoded form parser: decoding, empty and repeated fields, and every
 * kind of malformed body refused with a message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/error.h"
#include "web/form.h"

static int parse(struct arena *a, const char *body, struct form *f, struct kl_error *err)
{
    return form_parse(body, strlen(body), a, f, err);
}

static void decodes_fields(void **state)
{
    struct arena *a = arena_new(0);
    struct kl_error err;
    struct form f;

    (void)state;
    assert_int_equal(parse(a, "login=anna&password=a+b%26c%3D&next=%2Fregions&flag&&x=", &f,
                           &err), 0);
    assert_int_equal(f.n, 5);
    assert_string_equal(form_get(&f, "login"), "anna");
    assert_string_equal(form_get(&f, "password"), "a b&c=");
    assert_string_equal(form_get(&f, "next"), "/regions");
    assert_string_equal(form_get(&f, "flag"), "");
    assert_string_equal(form_get(&f, "x"), "");
    assert_null(form_get(&f, "missing"));
    assert_int_equal(parse(a, "name=%C3%86r%C3%B8&name=second", &f, &err), 0);
    assert_string_equal(form_get(&f, "name"), "Ærø");
    assert_int_equal(parse(a, "", &f, &err), 0);
    assert_int_equal(f.n, 0);
    arena_free(a);
}

static void refuses_malformed(void **state)
{
    static const struct {
        const char *body, *msg;
    } bad[] = {
        {"a=%zz", "bad %-escape at byte 3 of the form"},
        {"a=%4", "bad %-escape at byte 3 of the form"},
        {"a=%", "bad %-escape at byte 3 of the form"},
        {"a=%00", "bad %-escape at byte 3 of the form"},
        {"a=%ff%fe", "the form holds text that is not UTF-8"},
    };
    struct arena *a = arena_new(0);
    struct kl_error err;
    struct form f;
    char many[FORM_MAX_FIELDS * 4 + 8] = "";

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(parse(a, bad[i].body, &f, &err), KL_EINVAL);
        assert_string_equal(err.msg, bad[i].msg);
    }
    assert_int_equal(form_parse("a=b\0c", 5, a, &f, &err), KL_EINVAL);
    assert_string_equal(err.msg, "NUL byte at byte 4 of the form");
    for (int i = 0; i <= FORM_MAX_FIELDS; i++)
        memcpy(many + 4 * i, "a=1&", 5);
    assert_int_equal(parse(a, many, &f, &err), KL_EINVAL);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decodes_fields),
        cmocka_unit_test(refuses_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_html.c - the escape-by-default HTML writer: text and attribute escaping, URL
 * checks, refused tag and attribute names, and sticky errors at the output cap. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "render/html.h"

static void text_is_escaped(void **state)
{
    struct buf b;
    struct html h;

    (void)state;
    buf_init(&b, 0);
    html_init(&h, &b);
    html_text(&h, "<script>alert('x') & \"y\"</script>");
    assert_string_equal(buf_cstr(&b),
                        "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    buf_reset(&b);
    html_textf(&h, "%d < %s", 3, "<b>");
    assert_string_equal(buf_cstr(&b), "3 &lt; &lt;b&gt;");
    buf_reset(&b);
    html_text(&h, "Ærø og Søby – ingen ændring");
    html_text(&h, NULL);
    assert_string_equal(buf_cstr(&b), "Ærø og Søby – ingen ændring");
    assert_int_equal(html_status(&h), 0);
    buf_free(&b);
}

static void long_formatted_text(void **state)
{
    char big[2000];
    struct buf b;
    struct html h;

    (void)state;
    memset(big, '<', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    buf_init(&b, 0);
    html_init(&h, &b);
    html_textf(&h, "%s", big);
    assert_int_equal(b.len, 4 * (sizeof(big) - 1));
    buf_free(&b);
}

static void attributes_are_escaped(void **state)
{
    struct buf b;
    struct html h;

    (void)state;
    buf_init(&b, 0);
    html_init(&h, &b);
    html_open(&h, "input", "type", "text", "value", "\" onmouseover=\"alert(1)", "required", "",
              "title", NULL, NULL);
    assert_string_equal(buf_cstr(&b),
                        "<input type=\"text\" value=\"&quot; onmouseover=&quot;alert(1)\" required>");
    buf_reset(&b);
    html_open(&h, "a", "href", "/clusters/RM-AARHUS?x=1&y=2", NULL);
    html_text(&h, "Aarhus");
    html_close(&h, "a");
    assert_string_equal(buf_cstr(&b), "<a href=\"/clusters/RM-AARHUS?x=1&amp;y=2\">Aarhus</a>");
    buf_free(&b);
}

static void dangerous_urls_become_fragments(void **state)
{
    static const char *const bad[] = {"javascript:alert(1)", "JavaScript:alert(1)",
                                      " javascript:x", "java\tscript:x", "data:text/html,x",
                                      "vbscript:x", "file:///etc/passwd"};
    static const char *const good[] = {"/regions", "regions/1082", "#content", "?lang=en",
                                       "https://www.sst.dk/", "http://example.org",
                                       "mailto:a@example.org", "//cdn.example.org/x"};
    struct buf b;
    struct html h;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_false(html_url_safe(bad[i]));
        buf_init(&b, 0);
        html_init(&h, &b);
        html_open(&h, "a", "href", bad[i], NULL);
        assert_string_equal(buf_cstr(&b), "<a href=\"#\">");
        buf_free(&b);
    }
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        assert_true(html_url_safe(good[i]));
}

static void bad_names_are_refused(void **state)
{
    struct buf b;
    struct html h;

    (void)state;
    buf_init(&b, 0);
    html_init(&h, &b);
    html_open(&h, "script type=x", NULL);
    assert_int_equal(html_status(&h), KL_EINVAL);
    html_init(&h, &b);
    html_open(&h, "div", "onclick", "x", NULL);
    assert_int_equal(html_status(&h), KL_EINVAL);
    html_init(&h, &b);
    html_open(&h, "div", "data-x\"", "x", NULL);
    assert_int_equal(html_status(&h), KL_EINVAL);
    html_init(&h, &b);
    html_close(&h, "/div");
    assert_int_equal(html_status(&h), KL_EINVAL);
    buf_free(&b);
}

static void errors_are_sticky(void **state)
{
    struct buf b;
    struct html h;

    (void)state;
    buf_init(&b, 16);
    html_init(&h, &b);
    html_text(&h, "0123456789");
    html_text(&h, "0123456789");
    assert_int_equal(html_status(&h), KL_ELIMIT);
    html_lit(&h, "<p>");
    assert_string_equal(buf_cstr(&b), "0123456789");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_is_escaped),
        cmocka_unit_test(long_formatted_text),
        cmocka_unit_test(attributes_are_escaped),
        cmocka_unit_test(dangerous_urls_become_fragments),
        cmocka_unit_test(bad_names_are_refused),
        cmocka_unit_test(errors_are_sticky),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_chart.c - the charts drawn through the canvas (render/canvas.h): the SVG backend keeps
 * chart.h's promises (role="img" with its title and description, presentation attributes
 * only, no <style>, no style attribute, no script, all text escaped, invalid UTF-8 shown as
 * U+FFFD), the small-multiples table draws its marks as shapes with words, bad input is
 * refused with the output left as it was, and the cairo backend draws the same charts into
 * a PDF surface without error. With CHART_EXAMPLE=/path set, that PDF is also written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include "core/buf.h"
#include "core/error.h"
#include "render/canvas_cairo.h"
#include "render/chart.h"
#include "render/pdf_doc.h"

static const char *const periods[] = {"2020", "2021", "2022", "2023", "2024"};
static const double cluster_v[] = {20.1, 19.5, NAN, 18.2, 17.9};
static const double muni_v[] = {25.0, 24.1, 23.3, 22.0, 21.5};
static const double country_v[] = {21.0, 20.8, 20.5, 20.2, 19.9};

static void line_example(struct chart_line *c, struct chart_series *s)
{
    memset(c, 0, sizeof *c);
    s[0] = (struct chart_series){"Klynge <MIDT> & \"co\"", cluster_v, 0, 1, 0};
    s[1] = (struct chart_series){"Læsø \xff\x01", muni_v, 1, 0, 0};
    s[2] = (struct chart_series){"Hele landet", country_v, CHART_STYLES - 1, 0, 1};
    c->id = "line-x";
    c->title = "Forebyggelige <script>";
    c->desc = "Værdierne over tid";
    c->labels = periods;
    c->npoints = 5;
    c->series = s;
    c->nseries = 3;
    c->decimal = ',';
    c->group = '.';
    c->unit = "pr. 1.000 borgere";
}

static const struct chart_bar bars[] = {
    {"Klynge MIDT", 18.2, "18,2 \xE2\x97\x8F", CHART_TONE_GOOD, 1},
    {"Læsø", NAN, "<5", CHART_TONE_NEUTRAL, 0},
    {"Aalborg", 22.0, "22,0 \xE2\x96\xA0", CHART_TONE_BAD, 0},
};

static void bar_example(struct chart_bars *c)
{
    memset(c, 0, sizeof *c);
    c->id = "bars-x";
    c->title = "Seneste periode";
    c->desc = "Mod landet";
    c->bars = bars;
    c->n = 3;
    c->reference = 20.2;
    c->reference_label = "Hele landet: 20,2";
}

static const char *const cols[] = {"Værdi", "Mod landet"};
static const char *const rows[] = {"Klynge MIDT", "Læsø", "Hele landet"};
static const int emph[] = {1, 0, 0};

static void table_example(struct chart_table *t, struct chart_cell *cells)
{
    memset(t, 0, sizeof *t);
    memset(cells, 0, 6 * sizeof *cells);
    cells[0] = (struct chart_cell){"18,2", CHART_MARK_GOOD, "bedre end landet", cluster_v, 5};
    cells[1] = (struct chart_cell){NULL, CHART_MARK_SAME, "på niveau", NULL, 0};
    cells[2] = (struct chart_cell){"<5", CHART_MARK_NONE, NULL, muni_v, 5};
    cells[3] = (struct chart_cell){NULL, CHART_MARK_BAD, "dårligere", NULL, 0};
    cells[4] = (struct chart_cell){"20,2", CHART_MARK_UP, "højere", country_v, 4};
    cells[5] = (struct chart_cell){NULL, CHART_MARK_DOWN, "lavere", NULL, 0};
    t->id = "table-x";
    t->title = "Overblik";
    t->desc = "Signaler";
    t->corner = "Geografi";
    t->columns = cols;
    t->ncols = 2;
    t->rows = rows;
    t->emphasis = emph;
    t->nrows = 3;
    t->cells = cells;
    t->sparks = 1;
    t->legend = "● bedre ▲ uændret ■ dårligere";
}

/* The promises of chart.h for one SVG. */
static void svg_promises(const char *s, const char *id)
{
    char want[80];

    assert_true(strncmp(s, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
    assert_non_null(strstr(s, "role=\"img\""));
    snprintf(want, sizeof want, "aria-labelledby=\"%s-title\"", id);
    assert_non_null(strstr(s, want));
    snprintf(want, sizeof want, "aria-describedby=\"%s-desc\"", id);
    assert_non_null(strstr(s, want));
    snprintf(want, sizeof want, "<title id=\"%s-title\">", id);
    assert_non_null(strstr(s, want));
    assert_null(strstr(s, "<style"));
    assert_null(strstr(s, "style="));
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "href"));
    assert_null(strstr(s, " on"));
    assert_int_equal(strcmp(s + strlen(s) - 6, "</svg>"), 0);
}

static void line_svg_keeps_its_promises(void **state)
{
    struct chart_line c;
    struct chart_series s[3];
    struct buf b;

    (void)state;
    line_example(&c, s);
    buf_init(&b, 0);
    assert_int_equal(chart_line_svg(&c, &b, NULL), 0);
    svg_promises(buf_cstr(&b), "line-x");
    assert_non_null(strstr(buf_cstr(&b), "Forebyggelige &lt;script&gt;"));
    assert_non_null(strstr(buf_cstr(&b), "Klynge &lt;MIDT&gt; &amp; &quot;co&quot;"));
    assert_non_null(strstr(buf_cstr(&b), "Læsø \xEF\xBF\xBD "));   /* U+FFFD, a space */
    assert_non_null(strstr(buf_cstr(&b), "stroke-dasharray=\"7 4\"")); /* the country */
    assert_non_null(strstr(buf_cstr(&b), "stroke-width=\"3.5\""));     /* the cluster */
    assert_non_null(strstr(buf_cstr(&b), ">2024</text>"));
    assert_non_null(strstr(buf_cstr(&b), ">pr. 1.000 borgere</text>"));
    /* the gap splits the cluster's line in two subpaths */
    {
        const char *p = strstr(buf_cstr(&b), "L227.5 ");
        assert_non_null(p);
        p = strstr(p, "M542.5 ");
        assert_non_null(p);
        assert_non_null(strstr(p, "L700.0 "));
    }
    buf_free(&b);
}

static void bar_svg_keeps_its_promises(void **state)
{
    struct chart_bars c;
    struct buf b;

    (void)state;
    bar_example(&c);
    buf_init(&b, 0);
    assert_int_equal(chart_bar_svg(&c, &b, NULL), 0);
    svg_promises(buf_cstr(&b), "bars-x");
    assert_non_null(strstr(buf_cstr(&b), ">&lt;5</text>"));
    assert_non_null(strstr(buf_cstr(&b), "fill=\"#1e6b34\""));
    assert_non_null(strstr(buf_cstr(&b), "font-weight=\"bold\">Klynge MIDT</text>"));
    buf_free(&b);
}

static void table_marks_are_shapes_with_words(void **state)
{
    struct chart_table t;
    struct chart_cell cells[6];
    struct buf b;
    const char *s;

    (void)state;
    table_example(&t, cells);
    buf_init(&b, 0);
    assert_int_equal(chart_table_svg(&t, &b, NULL), 0);
    s = buf_cstr(&b);
    svg_promises(s, "table-x");
    /* a circle, a triangle (path), a square (rect) in the signals' colours, and words */
    assert_non_null(strstr(s, "r=\"5\" fill=\"#1e6b34\""));
    assert_non_null(strstr(s, "Z\" fill=\"#8a6d00\""));
    assert_non_null(strstr(s, "width=\"10.0\" height=\"10.0\" fill=\"#b3261e\""));
    assert_non_null(strstr(s, ">bedre end landet</text>"));
    assert_non_null(strstr(s, ">dårligere</text>"));
    assert_non_null(strstr(s, ">&lt;5</text>"));
    assert_non_null(strstr(s, "font-weight=\"bold\">Klynge MIDT</text>"));
    assert_non_null(strstr(s, ">Geografi</text>"));
    buf_free(&b);
}

static void bad_input_leaves_the_output(void **state)
{
    struct chart_line c;
    struct chart_series s[3];
    struct chart_table t;
    struct chart_cell cells[6];
    struct kl_error err = {0};
    struct buf b;

    (void)state;
    buf_init(&b, 0);
    buf_puts(&b, "before");
    line_example(&c, s);
    c.id = "Bad Id";
    assert_int_equal(chart_line_svg(&c, &b, &err), KL_EINVAL);
    c.id = "ok";
    c.title = "";
    assert_int_equal(chart_line_svg(&c, &b, &err), KL_EINVAL);
    table_example(&t, cells);
    t.ncols = CHART_MAX_COLUMNS + 1;
    assert_int_equal(chart_table_svg(&t, &b, &err), KL_EINVAL);
    assert_string_equal(buf_cstr(&b), "before");
    buf_free(&b);
    /* a full buffer: the chart is left out entirely */
    buf_init(&b, 300);
    buf_puts(&b, "before");
    line_example(&c, s);
    assert_int_equal(chart_line_svg(&c, &b, &err), KL_ELIMIT);
    assert_string_equal(buf_cstr(&b), "before");
    buf_free(&b);
}

static void cairo_backend_draws_into_a_pdf(void **state)
{
    struct chart_line lc;
    struct chart_series s[3];
    struct chart_bars bc;
    struct chart_table t;
    struct chart_cell cells[6];
    struct kl_error err = {0};
    struct canvas cv;
    struct buf out;
    cairo_surface_t *surf;
    cairo_t *cr;
    PangoContext *pc;
    double scale = 470.0 / CHART_WIDTH, y = 40;
    const char *example = getenv("CHART_EXAMPLE");

    (void)state;
    assert_int_equal(pdf_fonts_ready(&err), 0);
    line_example(&lc, s);
    bar_example(&bc);
    table_example(&t, cells);
    buf_init(&out, 0);
    pdf_doc_lock();
    surf = cairo_pdf_surface_create_for_stream(pdf_stream_buf, &out, PDF_PAGE_W, PDF_PAGE_H);
    cr = cairo_create(surf);
    pc = pdf_doc_context(cr);
    canvas_cairo_init(&cv, cr, pc, 60, y, scale);
    assert_int_equal(chart_line_draw(&lc, &cv, &err), 0);
    assert_int_equal(canvas_done(&cv), 0);
    y += chart_line_height(&lc) * scale + 10;
    canvas_cairo_init(&cv, cr, pc, 60, y, scale);
    assert_int_equal(chart_bar_draw(&bc, &cv, &err), 0);
    assert_int_equal(canvas_done(&cv), 0);
    y += chart_bar_height(&bc) * scale + 10;
    canvas_cairo_init(&cv, cr, pc, 60, y, scale);
    assert_int_equal(chart_table_draw(&t, &cv, &err), 0);
    assert_int_equal(canvas_done(&cv), 0);
    /* a refused chart draws nothing and leaves cairo's state balanced */
    lc.id = "Bad Id";
    canvas_cairo_init(&cv, cr, pc, 60, 700, scale);
    assert_int_equal(chart_line_draw(&lc, &cv, &err), KL_EINVAL);
    canvas_done(&cv);
    g_object_unref(pc);
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    assert_int_equal(cairo_surface_status(surf), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(surf);
    pdf_doc_unlock();
    assert_true(out.len > 1000);
    assert_true(memcmp(out.data, "%PDF-", 5) == 0);
    if (example) {
        FILE *f = fopen(example, "wb");
        assert_non_null(f);
        fwrite(out.data, 1, out.len, f);
        fclose(f);
    }
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(line_svg_keeps_its_promises),
        cmocka_unit_test(bar_svg_keeps_its_promises),
        cmocka_unit_test(table_marks_are_shapes_with_words),
        cmocka_unit_test(bad_input_leaves_the_output),
        cmocka_unit_test(cairo_backend_draws_into_a_pdf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_pdf_datapakke.c - the data package renderer with hand-made input: a package of one
 * indicator (bars, table, line) comes out as a PDF with a page for the front, the overview
 * when it does not fit, the indicator and the definitions; an empty package still has its
 * front page and definitions; hostile text (invalid UTF-8, control characters, markup)
 * renders without a crash; a chart the chart code refuses is KL_EINVAL; a too small output
 * cap is KL_ELIMIT. With DATAPAKKE_EXAMPLE=/path set, the example is written there. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "render/pdf_datapakke.h"

static const char *const periods[] = {"2022", "2023", "2024"};
static const double cluster_v[] = {12.1, NAN, 11.4};
static const double country_v[] = {11.0, 10.9, 10.8};
static const struct chart_series series[] = {{"Klynge <b>MIDT</b>", cluster_v, 0, 1, 0},
                                             {"Hele landet", country_v, 7, 0, 1}};
static const struct chart_bar bars[] = {{"Klynge MIDT", 11.4, "11,4 \xE2\x97\x8F", 1, 1},
                                        {"L\xE6s\xF8", NAN, "<5", 0, 0}};
static const char *const cols[] = {"Værdi", "Mod landet"};
static const char *const rows[] = {"Klynge MIDT", "Læsø \x01"};
static const struct chart_cell cells[] = {{"11,4", CHART_MARK_NONE, NULL, NULL, 0},
                                          {NULL, CHART_MARK_GOOD, "bedre end landet", NULL, 0},
                                          {"<5", CHART_MARK_NONE, NULL, NULL, 0},
                                          {NULL, CHART_MARK_NONE, NULL, NULL, 0}};
static const struct pdf_dp_fact facts[] = {{"Definition", "Andelen <af> & \"de\" \xff"},
                                           {"Kilde", "eSundhed https://www.esundhed.dk/"},
                                           {"Tæller", ""}};

static void example(struct pdf_datapakke *d, struct pdf_dp_indicator *in, struct chart_line *l,
                    struct chart_bars *b, struct chart_table *t)
{
    memset(d, 0, sizeof *d);
    memset(in, 0, sizeof *in);
    *l = (struct chart_line){"line-0", "Over tid", NULL, periods, 3, series, 2, ',', '.', "%"};
    *b = (struct chart_bars){"bars-0", "Seneste", NULL, bars, 2, 10.8, "Hele landet: 10,8"};
    *t = (struct chart_table){"values-0", "Værdier", NULL, "Område", cols, NULL, 2, rows, NULL,
                              2, cells, 0, NULL};
    in->name = "Akutte <genindlæggelser> \xc3\x28";
    in->meta = "GENIND-SOM-30 · % · eSundhed";
    in->notes = "Skal kontrolleres mod kilden: alt\nLæsø (også i en anden klynge)";
    in->bars_heading = "Seneste periode: 2024";
    in->bars = b;
    in->table = t;
    in->line_heading = "Over tid";
    in->line = l;
    in->facts = facts;
    in->nfacts = 3;
    d->lang = LANG_DA;
    d->forum = "Chefforum – Klynge MIDT";
    d->meeting = "Møde 16.12.2026 kl. 13.00";
    d->date = "16.12.2026";
    d->clusters = "Klynge MIDT";
    d->warning = "Syntetiske data";
    d->legend = "<5 ...";
    d->overview = t;
    d->indicators = in;
    d->n = 1;
}

static int pdf_ok(const struct buf *b)
{
    return b->len > 1000 && memcmp(b->data, "%PDF-", 5) == 0 &&
           memmem(b->data, b->len, "%%EOF", 5) != NULL;
}

static void one_indicator(void **state)
{
    struct pdf_datapakke d;
    struct pdf_dp_indicator in;
    struct chart_line l;
    struct chart_bars b;
    struct chart_table t;
    struct kl_error err = {0};
    struct buf out;
    int pages = 0;
    const char *path = getenv("DATAPAKKE_EXAMPLE");

    (void)state;
    example(&d, &in, &l, &b, &t);
    buf_init(&out, 0);
    assert_int_equal(pdf_datapakke_render(&d, &out, &pages, &err), 0);
    assert_true(pdf_ok(&out));
    assert_int_equal(pages, 3); /* front with overview, the indicator, definitions */
    if (path) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fwrite(out.data, 1, out.len, f);
        fclose(f);
    }
    buf_free(&out);
}

static void empty_package(void **state)
{
    struct pdf_datapakke d;
    struct kl_error err = {0};
    struct buf out;
    int pages = 0;

    (void)state;
    memset(&d, 0, sizeof d);
    d.lang = LANG_EN;
    buf_init(&out, 0);
    assert_int_equal(pdf_datapakke_render(&d, &out, &pages, &err), 0);
    assert_true(pdf_ok(&out));
    assert_int_equal(pages, 2);
    buf_free(&out);
}

static void refused_chart_and_small_cap(void **state)
{
    struct pdf_datapakke d;
    struct pdf_dp_indicator in;
    struct chart_line l;
    struct chart_bars b;
    struct chart_table t;
    struct kl_error err = {0};
    struct buf out;

    (void)state;
    example(&d, &in, &l, &b, &t);
    l.id = "Not An Id";
    buf_init(&out, 0);
    assert_int_equal(pdf_datapakke_render(&d, &out, NULL, &err), KL_EINVAL);
    buf_free(&out);
    l.id = "line-0";
    buf_init(&out, 2000);
    assert_int_equal(pdf_datapakke_render(&d, &out, NULL, &err), KL_ELIMIT);
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_indicator),
        cmocka_unit_test(empty_package),
        cmocka_unit_test(refused_chart_and_small_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

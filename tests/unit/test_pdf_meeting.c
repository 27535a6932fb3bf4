/* test_pdf_meeting.c - the PDF renderer of agendas and minutes with hand-made meetings: a
 * PDF comes out (%PDF ... %%EOF) with the page count of its second pass, one page per item
 * after the front page and participants, an outline and links, closed items left out of the
 * public version, and no crash on empty, huge, deeply nested or hostile text (invalid
 * UTF-8, control characters, markup characters). With PDF_EXAMPLE=/path set, the example
 * minutes are also written to that file for viewing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "render/pdf_meeting.h"

static const struct pdf_person region[] = {
    {"Daniel Kjærgaard Simonsen", "medformand"}, {"Maja Lynderup Behrmann", ""}};
static const struct pdf_person kommune[] = {
    {"Henrik Ravn", "medformand"}, {"Tina Maria Larsen", "stedfortræder for Alice Aagaard"}};
static const struct pdf_group present[] = {{"Region Nordjylland", region, 2},
                                           {"Jammerbugt Kommune", kommune, 2}};
static const struct pdf_person away[] = {{"Torben Krogh Kjeldgaard", ""}};
static const struct pdf_group absent[] = {{"Aalborg Kommune", away, 1}};
static const struct pdf_person guests[] = {{"Diane Aarestrup", "Driftsforum Børn og Unge"}};
static const char *const files[] = {"Udkast til kommissorium.docx", "Organisering 2023.pdf"};

static void example(struct pdf_meeting *m, struct pdf_item *items, size_t n)
{
    size_t i;

    memset(m, 0, sizeof *m);
    m->kind = PDF_MINUTES;
    m->lang = LANG_DA;
    m->forum = "Chefforum Sundhedsklynge Midt";
    m->starts_at = date_cph_to_utc(2023, 8, 30, 13, 0);
    m->ends_at = date_cph_to_utc(2023, 8, 30, 16, 0);
    m->place = "Mødelokale K, Regionshuset";
    m->chair = "Daniel Kjærgaard Simonsen";
    m->present = present;
    m->npresent = 2;
    m->absent = absent;
    m->nabsent = 1;
    m->guests = guests;
    m->nguests = 1;
    m->show_participants = 1;
    for (i = 0; i < n; i++) {
        memset(&items[i], 0, sizeof items[i]);
        items[i].number = (int)i + 1;
        items[i].title = i == 1 ? "Sammenhæng mellem de 3 (4) Driftsfora samt organisering"
                         : i == 2 ? "Dagsordenspunkter til Direktørforum samt Politisk Niveau, "
                                    "herunder opfølgning på sundhedsaftalen og handleplanen"
                                  : "Brug af data i klyngesamarbejdet";
        items[i].rooms = i % 2 ? 2u : 9u;
        items[i].recommendation = "At Chefforum drøfter punkterne\nAt formandskabet følger op";
        items[i].case_text = "Arbejdet i klyngen skal være **datadrevet** og *fælles*.\n\n"
                             "- Direktørforum\n- Chefforum\n  1. driftsfora\n  2. fokusgrupper\n";
        items[i].attachments = files;
        items[i].nattachments = 2;
        items[i].decision = "Punktet blev drøftet, og oplægget blev **godkendt**.";
        items[i].outcome = OUTCOME_APPROVED;
    }
    m->items = items;
    m->nitems = n;
}

static int count(const struct buf *b, const char *needle)
{
    int n = 0;
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= b->len; i++)
        if (memcmp(b->data + i, needle, k) == 0)
            n++;
    return n;
}

static void render_ok(const struct pdf_meeting *m, struct buf *b, int *pages)
{
    struct kl_error err = {0};
    int rc = pdf_meeting_render(m, b, pages, &err);
    if (rc)
        fail_msg("render: %s", err.msg);
    assert_true(b->len > 200);
    assert_memory_equal(b->data, "%PDF-", 5);
    assert_non_null(strstr(b->data + b->len - 8, "%%EOF"));
}

static void minutes_have_a_page_per_item(void **state)
{
    struct pdf_meeting m;
    struct pdf_item items[5];
    struct buf b;
    int pages = 0;

    buf_init(&b, 0);
    example(&m, items, 5);
    render_ok(&m, &b, &pages);
    assert_int_equal(pages, 1 + 1 + 5); /* front page, participants, one page per item */
    assert_int_equal(count(&b, "/Type /Page\n") + count(&b, "/Type /Page "), pages);
    assert_true(count(&b, "/Outlines") >= 1);
    assert_true(count(&b, "/Link") >= 6);
    if (getenv("PDF_EXAMPLE")) {
        FILE *f = fopen(getenv("PDF_EXAMPLE"), "wb");
        assert_non_null(f);
        fwrite(b.data, 1, b.len, f);
        fclose(f);
    }
    buf_free(&b);
}

static void public_version_leaves_out_closed_items(void **state)
{
    struct pdf_meeting m;
    struct pdf_item items[3];
    struct buf b;
    int full = 0, pub = 0;

    buf_init(&b, 0);
    example(&m, items, 3);
    items[1].closed = 1;
    render_ok(&m, &b, &full);
    buf_reset(&b);
    m.public_version = 1;
    render_ok(&m, &b, &pub);
    assert_int_equal(pub, full - 1);
    buf_free(&b);
}

static void empty_meeting(void **state)
{
    struct pdf_meeting m;
    struct buf b;
    int pages = 0;

    memset(&m, 0, sizeof m);
    buf_init(&b, 0);
    render_ok(&m, &b, &pages); /* NULL strings everywhere, no items */
    assert_int_equal(pages, 1);
    buf_reset(&b);
    m.kind = PDF_MINUTES;
    m.lang = LANG_EN;
    m.draft = 1;
    m.show_participants = 1; /* but nobody: no section */
    render_ok(&m, &b, &pages);
    assert_int_equal(pages, 1);
    buf_free(&b);
}

static void hostile_and_huge_text(void **state)
{
    struct pdf_meeting m;
    struct pdf_item items[2];
    struct buf b, big, nest;
    int pages = 0, i;

    buf_init(&b, 0);
    buf_init(&big, 0);
    buf_init(&nest, 0);
    example(&m, items, 2);
    /* invalid UTF-8, control characters, markup and entities */
    items[0].title = "<b>&amp; \x01\x7f \xff\xfe \xC3 </span> ' \" æøå";
    items[0].recommendation = "\n\n<i>\n\xe2\x82\n";
    items[0].presenter = "<span size=\"99999\">";
    items[0].decision = "<script>alert(1)</script>\n\n<b>raw</b> &#0; &#xD800;";
    /* more than the cut of 256 KiB, one long word and many paragraphs */
    for (i = 0; i < 30000; i++)
        assert_int_equal(buf_puts(&big, i % 500 ? "æøå " : "\n\nord "), 0);
    for (i = 0; i < 3000; i++)
        assert_int_equal(buf_puts(&big, "x"), 0);
    items[1].case_text = big.data;
    /* deep nesting of quotes, lists and emphasis */
    for (i = 0; i < 2000; i++)
        assert_int_equal(buf_puts(&nest, "> - 1. *"), 0);
    assert_int_equal(buf_puts(&nest, "bottom"), 0);
    items[1].decision = nest.data;
    render_ok(&m, &b, &pages);
    assert_true(pages > 10);
    buf_free(&b);
    buf_free(&big);
    buf_free(&nest);
}

static void output_cap_is_an_error(void **state)
{
    struct pdf_meeting m;
    struct pdf_item items[2];
    struct buf b;
    struct kl_error err = {0};

    example(&m, items, 2);
    buf_init(&b, 1000);
    assert_int_equal(pdf_meeting_render(&m, &b, NULL, &err), KL_ELIMIT);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(minutes_have_a_page_per_item),
        cmocka_unit_test(public_version_leaves_out_closed_items),
        cmocka_unit_test(empty_meeting),
        cmocka_unit_test(hostile_and_huge_text),
        cmocka_unit_test(output_cap_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

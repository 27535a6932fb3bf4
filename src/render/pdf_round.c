/* pdf_round.c - a status round's overview as an A4 PDF (see plan_docs.h): a heading, the
 * plan and due day, the Chefforum's sentences, the counts per state and a table with one
 * row per report, its header repeated on every page. Rendered twice like pdf_meeting.c:
 * pass 1 only measures to count the pages, pass 2 draws with "Side X af Y". */
#include "render/plan_docs.h"
#include "render/pdf_doc.h"

#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/meeting.h"
#include "model/org.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define LEFT 56.0
#define RIGHT 48.0
#define TOP 60.0
#define BOTTOM (PDF_PAGE_H - 60.0)
#define WIDTH (PDF_PAGE_W - LEFT - RIGHT)
#define PAD 4.0

/* The table's columns: label, title, report state, due day, light. */
static const double col_w[] = {60, 190, 88, 76, 0};
#define NCOLS 5

struct ctx {
    const struct round_doc *d;
    enum i18n_language lang;
    cairo_t *cr;
    PangoLayout *lay;
    PangoFontDescription *body, *bold, *small, *title;
    struct buf mk;
    int pass, page, pages;
    double y;
};

static const char *tr(const struct ctx *c, const char *msgid)
{
    return i18n_get(c->lang, msgid);
}

/* Lays out text (plain, escaped here) in font f at width w; returns its height. */
static double layout(struct ctx *c, const char *text, PangoFontDescription *f, double w)
{
    int h;

    buf_reset(&c->mk);
    pdf_markup_str(&c->mk, text);
    pango_layout_set_font_description(c->lay, f);
    pango_layout_set_width(c->lay, (int)(w * PANGO_SCALE));
    pango_layout_set_markup(c->lay, buf_cstr(&c->mk), -1);
    pango_layout_get_size(c->lay, NULL, &h);
    return (double)h / PANGO_SCALE;
}

/* Draws the layout last made at (x, y) in pass 2. */
static void show(struct ctx *c, double x, double y)
{
    if (c->pass != 2)
        return;
    cairo_move_to(c->cr, x, y);
    pango_cairo_show_layout(c->cr, c->lay);
}

static void day_text(int32_t day, char out[16])
{
    int y, m, d;

    if (day == DATE_OPEN) {
        out[0] = '\0';
        return;
    }
    date_to_ymd(day, &y, &m, &d);
    snprintf(out, 16, "%02d.%02d.%04d", d % 100, m % 100, y % 10000);
}

/* The foot of the page: the round and "Side X af Y". */
static void foot(struct ctx *c)
{
    char text[96];

    if (c->pass != 2)
        return;
    cairo_set_source_rgb(c->cr, 0.38, 0.42, 0.48);
    layout(c, c->d->round->title, c->small, WIDTH / 2);
    show(c, LEFT, BOTTOM + 18);
    snprintf(text, sizeof(text), tr(c, N_("Page %d of %d")), c->page, c->pages);
    layout(c, text, c->small, WIDTH);
    pango_layout_set_alignment(c->lay, PANGO_ALIGN_RIGHT);
    show(c, LEFT, BOTTOM + 18);
    pango_layout_set_alignment(c->lay, PANGO_ALIGN_LEFT);
    cairo_set_source_rgb(c->cr, 0.11, 0.14, 0.19);
}

static void table_header(struct ctx *c);

static void new_page(struct ctx *c, int with_header)
{
    if (c->page > 0) {
        foot(c);
        cairo_show_page(c->cr);
    }
    c->page++;
    c->y = TOP;
    if (with_header)
        table_header(c);
}

static double column_x(int col)
{
    double x = LEFT;

    for (int i = 0; i < col; i++)
        x += col_w[i];
    return x;
}

static double column_w(int col)
{
    return col_w[col] ? col_w[col] - PAD : WIDTH - (column_x(col) - LEFT);
}

static void table_header(struct ctx *c)
{
    const char *heads[NCOLS] = {tr(c, N_("Initiative")), tr(c, N_("Title")),
                                tr(c, N_("Report")), tr(c, N_("Due")), tr(c, N_("Light"))};
    double h = 0;

    for (int i = 0; i < NCOLS; i++) {
        double hi = layout(c, heads[i], c->bold, column_w(i));
        show(c, column_x(i), c->y);
        h = hi > h ? hi : h;
    }
    c->y += h + 3;
    if (c->pass == 2) {
        cairo_set_line_width(c->cr, 0.8);
        cairo_move_to(c->cr, LEFT, c->y);
        cairo_line_to(c->cr, LEFT + WIDTH, c->y);
        cairo_stroke(c->cr);
    }
    c->y += 4;
}

/* The light's mark: a filled circle for green, a triangle for yellow, a square for red, so
 * that the shape tells as well as the colour; then its word. */
static void light_mark(struct ctx *c, enum status_light l, double x, double y)
{
    if (c->pass != 2 || l <= LIGHT_NONE)
        return;
    if (l == LIGHT_GREEN) {
        cairo_set_source_rgb(c->cr, 0.10, 0.50, 0.22);
        cairo_arc(c->cr, x + 4, y + 6, 4, 0, 2 * G_PI);
    } else if (l == LIGHT_YELLOW) {
        cairo_set_source_rgb(c->cr, 0.80, 0.58, 0.0);
        cairo_move_to(c->cr, x + 4, y + 1.5);
        cairo_line_to(c->cr, x + 8.5, y + 10);
        cairo_line_to(c->cr, x - 0.5, y + 10);
        cairo_close_path(c->cr);
    } else {
        cairo_set_source_rgb(c->cr, 0.75, 0.12, 0.12);
        cairo_rectangle(c->cr, x, y + 2, 8, 8);
    }
    cairo_fill(c->cr);
    cairo_set_source_rgb(c->cr, 0.11, 0.14, 0.19);
}

static void row(struct ctx *c, size_t i)
{
    const struct status_report *r = &c->d->reports[i];
    char due[16];
    const char *cells[NCOLS];
    double h = 0, hs[NCOLS];

    day_text(report_due(r), due);
    cells[0] = r->label;
    cells[1] = r->initiative_title;
    cells[2] = tr(c, report_state_label(c->d->states[i]));
    cells[3] = due;
    cells[4] = r->light > LIGHT_NONE ? tr(c, status_light_label(r->light)) : "";
    for (int k = 0; k < NCOLS; k++) {
        hs[k] = layout(c, cells[k], c->body, column_w(k) - (k == 4 ? 12 : 0));
        h = hs[k] > h ? hs[k] : h;
    }
    if (c->y + h > BOTTOM)
        new_page(c, 1);
    for (int k = 0; k < NCOLS; k++) {
        layout(c, cells[k], k == 2 && (c->d->states[i] == REPORT_MISSING) ? c->bold : c->body,
               column_w(k) - (k == 4 ? 12 : 0));
        show(c, column_x(k) + (k == 4 ? 12 : 0), c->y);
    }
    light_mark(c, r->light, column_x(4), c->y);
    c->y += h + 5;
}

/* Lays out text in font f across the width, draws it at the current line and moves down
 * by its height and gap. */
static void para(struct ctx *c, const char *text, PangoFontDescription *f, double gap)
{
    double h = layout(c, text, f, WIDTH);

    show(c, LEFT, c->y);
    c->y += h + gap;
}

/* The heading, the plan and the sentences on the first page. */
static void front(struct ctx *c)
{
    const struct round_doc *d = c->d;
    char due[16], line[256];
    struct buf counts;

    para(c, tr(c, N_("Status round")), c->small, 2);
    para(c, d->round->title, c->title, 4);
    para(c, d->plan->title, c->bold, 2);
    day_text(d->round->due_on, due);
    snprintf(line, sizeof(line), "%s %s", tr(c, N_("Due:")), due);
    para(c, line, c->body, 12);
    para(c, d->summary, c->body, 8);
    buf_init(&counts, 1024);
    for (int s = 0; s < REPORT_STATE_COUNT; s++) {
        size_t n = 0;
        for (size_t i = 0; i < d->n; i++)
            n += d->states[i] == (enum report_state)s;
        if (n)
            buf_printf(&counts, "%s%s: %zu", counts.len ? " \xC2\xB7 " : "",
                       tr(c, report_state_label((enum report_state)s)), n);
    }
    para(c, buf_cstr(&counts), c->small, 14);
    buf_free(&counts);
}

static int pass(struct ctx *c, int which, struct buf *out, struct kl_error *err)
{
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(
        which == 2 ? pdf_stream_buf : pdf_stream_discard, out, PDF_PAGE_W, PDF_PAGE_H);
    PangoContext *pc;
    cairo_status_t st;

    c->pass = which;
    c->page = 0;
    c->cr = cairo_create(surf);
    pc = pdf_doc_context(c->cr);
    c->lay = pango_layout_new(pc);
    pango_layout_set_wrap(c->lay, PANGO_WRAP_WORD_CHAR);
    if (which == 2) {
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, c->d->round->title);
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "klynge");
    }
    cairo_set_source_rgb(c->cr, 0.11, 0.14, 0.19);
    new_page(c, 0);
    front(c);
    table_header(c);
    for (size_t i = 0; i < c->d->n; i++)
        row(c, i);
    foot(c);
    g_object_unref(c->lay);
    g_object_unref(pc);
    cairo_destroy(c->cr);
    cairo_surface_finish(surf);
    st = cairo_surface_status(surf);
    cairo_surface_destroy(surf);
    if (st == CAIRO_STATUS_WRITE_ERROR)
        return kl_error_set(err, KL_ELIMIT, "PDF: the document is larger than allowed");
    if (st != CAIRO_STATUS_SUCCESS)
        return kl_error_set(err, KL_EIO, "PDF: %s", cairo_status_to_string(st));
    return 0;
}

int round_pdf(const struct round_doc *d, enum i18n_language lang, struct buf *out,
              struct kl_error *err)
{
    struct ctx c = {.d = d, .lang = lang};
    int rc = pdf_fonts_ready(err);

    if (rc)
        return rc;
    buf_init(&c.mk, 0);
    c.body = pango_font_description_from_string(PDF_FAMILY " 9.5");
    c.bold = pango_font_description_from_string(PDF_FAMILY " Bold 9.5");
    c.small = pango_font_description_from_string(PDF_FAMILY " 7.5");
    c.title = pango_font_description_from_string(PDF_FAMILY " Bold 18");
    pdf_doc_lock();
    rc = pass(&c, 1, NULL, err);
    c.pages = c.page;
    if (rc == 0)
        rc = pass(&c, 2, out, err);
    pdf_doc_unlock();
    pango_font_description_free(c.body);
    pango_font_description_free(c.bold);
    pango_font_description_free(c.small);
    pango_font_description_free(c.title);
    buf_free(&c.mk);
    return rc;
}

/* pdf_datapakke.c - the data package as A4 PDF (see pdf_datapakke.h). A small flow layout
 * like pdf_meeting.c's: text blocks laid out by pango line by line, charts placed whole
 * (scaled down when taller than a page) through a cairo canvas. Two passes: the first only
 * measures and records where each section starts and how many pages there are; the second
 * draws with the contents' page numbers and "Page X of Y". */
#include "render/pdf_datapakke.h"

#include "core/buf.h"
#include "core/error.h"
#include "render/canvas_cairo.h"
#include "render/pdf_doc.h"
#include "render/pdf_flow.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W PDF_PAGE_W
#define PAGE_H PDF_PAGE_H
#define LEFT 62.0
#define RIGHT 52.0
#define TOP 74.0
#define BOTTOM (PAGE_H - 62.0)
#define CONTENT_W (PAGE_W - LEFT - RIGHT)

static const struct pdf_area area = {LEFT, TOP, BOTTOM, CONTENT_W};
#define INK 0.11, 0.14, 0.19
#define GREY 0.38, 0.42, 0.48
#define ACCENT 0.0, 0.30, 0.53

enum font { F_BODY, F_BOLD, F_SMALL, F_H1, F_H2, F_TITLE, F_SUBTITLE, F_COUNT };

static const char *const font_specs[F_COUNT] = {
    [F_BODY] = PDF_FAMILY " 9.5", [F_BOLD] = PDF_FAMILY " Bold 9.5",
    [F_SMALL] = PDF_FAMILY " 7.5", [F_H1] = PDF_FAMILY " Bold 15",
    [F_H2] = PDF_FAMILY " Bold 11", [F_TITLE] = PDF_FAMILY " Bold 30",
    [F_SUBTITLE] = PDF_FAMILY " 15",
};
_Static_assert(F_COUNT <= PDF_FLOW_FONTS, "pdf_flow holds this many fonts");

struct dpc {
    const struct pdf_datapakke *d;
    struct pdf_flow f; /* the position, pages, and page breaks; its reserve: points kept
                          free right of flowed text (the contents' numbers) */
    int *starts;      /* n + 1 section start pages (indicators, then the definitions) */
    struct buf mk;
    int rc;           /* the first error */
    struct kl_error *err;
};

static const char *tr(const struct dpc *c, const char *msgid)
{
    return i18n_get(c->d->lang, msgid);
}

static void rgb(struct dpc *c, double r, double g, double b)
{
    if (c->f.pass == 2)
        cairo_set_source_rgb(c->f.cr, r, g, b);
}

static const char *markup(struct dpc *c, const char *text)
{
    buf_reset(&c->mk);
    if (pdf_markup_str(&c->mk, text ? text : "") || buf_puts(&c->mk, "")) {
        if (!c->rc)
            c->rc = kl_error_set(c->err, KL_ENOMEM, "PDF: out of memory");
    }
    return buf_cstr(&c->mk);
}

/* The header and footer of a new page (pdf_flow's decorate). */
static void page_decor(void *doc)
{
    struct dpc *c = doc;
    char foot[96], head[200];

    if (c->f.pass != 2)
        return;
    rgb(c, GREY);
    if (c->f.page > 1) {
        pdf_flow_draw_at(&c->f, markup(c, c->d->forum), F_SMALL, LEFT, 32, CONTENT_W * 0.6,
                         PANGO_ALIGN_LEFT);
        snprintf(head, sizeof head, "%s %s", tr(c, N_("Data package")),
                 c->d->date ? c->d->date : "");
        pdf_flow_draw_at(&c->f, markup(c, head), F_SMALL, LEFT, 32, CONTENT_W, PANGO_ALIGN_RIGHT);
        cairo_set_line_width(c->f.cr, 0.5);
        cairo_move_to(c->f.cr, LEFT, 48);
        cairo_line_to(c->f.cr, PAGE_W - RIGHT, 48);
        cairo_stroke(c->f.cr);
    }
    snprintf(foot, sizeof foot, tr(c, N_("Page %d of %d")), c->f.page, c->f.pages);
    pdf_flow_draw_at(&c->f, markup(c, foot), F_SMALL, LEFT, PAGE_H - 42, CONTENT_W,
                     PANGO_ALIGN_CENTER);
    rgb(c, INK);
}

static void para(struct dpc *c, const char *text, enum font f, double indent)
{
    if (text && *text)
        pdf_flow_lines(&c->f, markup(c, text), f, indent, NULL);
}

static void heading(struct dpc *c, const char *text, enum font f, double before, double keep)
{
    if (!c->f.at_top)
        c->f.y += before;
    pdf_flow_need(&c->f, keep);
    rgb(c, ACCENT);
    para(c, text, f, 0);
    rgb(c, INK);
    c->f.y += 4;
}

/* Places a chart: draw(chart, canvas) at the full width, or smaller to fit a page. */
typedef int (*draw_fn)(const void *chart, struct canvas *cv, struct kl_error *err);

static int draw_line(const void *ch, struct canvas *cv, struct kl_error *err)
{
    return chart_line_draw(ch, cv, err);
}

static int draw_bars(const void *ch, struct canvas *cv, struct kl_error *err)
{
    return chart_bar_draw(ch, cv, err);
}

static int draw_table(const void *ch, struct canvas *cv, struct kl_error *err)
{
    return chart_table_draw(ch, cv, err);
}

static void chart(struct dpc *c, const void *ch, draw_fn draw, int height)
{
    double scale = CONTENT_W / CHART_WIDTH, h;
    struct canvas cv;
    int rc;

    /* after an error the layout goes on (without drawing), so that the pages of pass 2 stay
     * those of pass 1, which the contents' links and the outline point to */
    if (!ch)
        return;
    if (height * scale > BOTTOM - TOP)
        scale = (BOTTOM - TOP) / height;
    h = height * scale;
    pdf_flow_need(&c->f, h);
    if (c->f.pass == 2 && !c->rc) {
        canvas_cairo_init(&cv, c->f.cr, c->f.pc, LEFT, c->f.y, scale);
        rc = draw(ch, &cv, c->err);
        if (canvas_done(&cv) && !rc)
            rc = kl_error_set(c->err, canvas_status(&cv), "PDF: a chart could not be drawn");
        if (rc && !c->rc)
            c->rc = rc;
    }
    c->f.y += h + 6;
    c->f.at_top = 0;
}

/* Where a section starts: pass 1 records its page, pass 2 adds its outline entry. */
static void section_start(struct dpc *c, size_t i, const char *label)
{
    if (c->f.pass == 1) {
        c->starts[i] = c->f.page;
    } else {
        char attrs[64];
        gchar *valid = g_utf8_make_valid(label ? label : "", -1);
        snprintf(attrs, sizeof attrs, "page=%d pos=[%d %d]", c->f.page, (int)LEFT,
                 (int)(c->f.y > 12 ? c->f.y - 12 : 0));
        cairo_pdf_surface_add_outline(c->f.surf, CAIRO_PDF_OUTLINE_ROOT, valid, attrs, 0);
        g_free(valid);
    }
}

static void fact_row(struct dpc *c, const char *term, const char *text)
{
    double y0;

    if (!text || !*text)
        return;
    pdf_flow_need(&c->f, 14);
    y0 = c->f.y;
    pdf_flow_draw_at(&c->f, markup(c, term), F_BOLD, LEFT, y0, 110, PANGO_ALIGN_LEFT);
    pdf_flow_lines(&c->f, markup(c, text), F_BODY, 120, NULL);
    c->f.y += 3;
}

static void contents(struct dpc *c)
{
    const struct pdf_datapakke *d = c->d;

    heading(c, tr(c, N_("Contents")), F_H2, 18, 60);
    for (size_t i = 0; i <= d->n; i++) {
        const char *label = i < d->n ? d->indicators[i].name : tr(c, N_("Definitions and sources"));
        char num[16];
        double y0;

        pdf_flow_need(&c->f, 14);
        y0 = c->f.y;
        snprintf(num, sizeof num, "%d", c->starts[i]);
        pdf_flow_draw_at(&c->f, markup(c, num), F_BODY, LEFT, y0, CONTENT_W, PANGO_ALIGN_RIGHT);
        c->f.reserve = 30;
        pdf_flow_lines(&c->f, markup(c, label), F_BODY, 0, NULL);
        c->f.reserve = 0;
        if (c->f.pass == 2) {
            char attrs[96];
            snprintf(attrs, sizeof attrs, "rect=[%d %d %d %d] page=%d pos=[%d %d]", (int)LEFT,
                     (int)y0, (int)CONTENT_W, (int)(c->f.y - y0 + 1), c->starts[i], (int)LEFT,
                     (int)TOP - 12);
            cairo_tag_begin(c->f.cr, CAIRO_TAG_LINK, attrs);
            cairo_tag_end(c->f.cr, CAIRO_TAG_LINK);
        }
        c->f.y += 2;
    }
}

static void front_page(struct dpc *c)
{
    const struct pdf_datapakke *d = c->d;

    c->f.y = 120;
    c->f.at_top = 0;
    if (c->f.pass == 2) {
        rgb(c, ACCENT);
        cairo_rectangle(c->f.cr, LEFT, 96, 60, 5);
        cairo_fill(c->f.cr);
    }
    rgb(c, INK);
    para(c, tr(c, N_("Data package")), F_TITLE, 0);
    c->f.y += 6;
    para(c, d->forum, F_SUBTITLE, 0);
    c->f.y += 16;
    fact_row(c, tr(c, N_("Meeting")), d->meeting);
    fact_row(c, tr(c, N_("Clusters")), d->clusters);
    if (d->warning && *d->warning) {
        double y0;
        c->f.y += 10;
        y0 = c->f.y;
        c->f.y += 6;
        rgb(c, 0.70, 0.10, 0.10);
        para(c, d->warning, F_BOLD, 10);
        if (c->f.pass == 2) {
            cairo_set_line_width(c->f.cr, 1.5);
            cairo_rectangle(c->f.cr, LEFT, y0, CONTENT_W, c->f.y - y0 + 6);
            cairo_stroke(c->f.cr);
        }
        rgb(c, INK);
        c->f.y += 10;
    }
    if (d->intro) {
        c->f.y += 6;
        para(c, d->intro, F_BODY, 0);
    }
    if (d->legend) {
        c->f.y += 6;
        rgb(c, GREY);
        para(c, d->legend, F_SMALL, 0);
        rgb(c, INK);
    }
    contents(c);
    if (d->overview) {
        double h = chart_table_height(d->overview) * CONTENT_W / CHART_WIDTH;
        heading(c, d->overview->title, F_H2, 14, 30 + (h < BOTTOM - TOP - 40 ? h : 80));
        chart(c, d->overview, draw_table, chart_table_height(d->overview));
    }
}

static void notes(struct dpc *c, const char *text)
{
    const char *p = text;

    while (p && *p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        gchar *line = g_strndup(p, len);
        para(c, line, F_SMALL, 0);
        g_free(line);
        p += len + (e ? 1 : 0);
    }
}

static void indicator(struct dpc *c, size_t i)
{
    const struct pdf_dp_indicator *in = &c->d->indicators[i];

    pdf_flow_new_page(&c->f);
    section_start(c, i, in->name);
    heading(c, in->name, F_H1, 0, 40);
    rgb(c, GREY);
    para(c, in->meta, F_SMALL, 0);
    rgb(c, INK);
    notes(c, in->notes);
    c->f.y += 6;
    if (in->empty) {
        para(c, in->empty, F_BODY, 0);
        return;
    }
    if (in->bars) {
        heading(c, in->bars_heading, F_H2, 6, 60);
        chart(c, in->bars, draw_bars, chart_bar_height(in->bars));
    }
    chart(c, in->table, draw_table, in->table ? chart_table_height(in->table) : 0);
    if (in->line) {
        heading(c, in->line_heading, F_H2, 8, 160);
        chart(c, in->line, draw_line, chart_line_height(in->line));
    }
}

static void definitions(struct dpc *c)
{
    const struct pdf_datapakke *d = c->d;

    pdf_flow_new_page(&c->f);
    section_start(c, d->n, tr(c, N_("Definitions and sources")));
    heading(c, tr(c, N_("Definitions and sources")), F_H1, 0, 40);
    for (size_t i = 0; i < d->n; i++) {
        const struct pdf_dp_indicator *in = &d->indicators[i];
        heading(c, in->name, F_H2, 12, 60);
        for (size_t k = 0; k < in->nfacts; k++)
            fact_row(c, in->facts[k].term, in->facts[k].text);
    }
}

static int pass(struct dpc *c, int which, struct buf *out)
{
    char title[300];
    int rc;

    pdf_flow_begin(&c->f, which, out, font_specs, F_COUNT, &area, page_decor, c);
    if (which == 2) {
        snprintf(title, sizeof title, "%s \xE2\x80\x93 %s %s", c->d->forum ? c->d->forum : "",
                 tr(c, N_("Data package")), c->d->date ? c->d->date : "");
        cairo_pdf_surface_set_metadata(c->f.surf, CAIRO_PDF_METADATA_TITLE, title);
        cairo_pdf_surface_set_metadata(c->f.surf, CAIRO_PDF_METADATA_CREATOR, "klynge");
    }
    cairo_set_source_rgb(c->f.cr, INK);
    pdf_flow_new_page(&c->f);
    front_page(c);
    for (size_t i = 0; i < c->d->n; i++)
        indicator(c, i);
    definitions(c);
    rc = pdf_flow_end(&c->f, c->rc ? NULL : c->err);
    return c->rc ? c->rc : rc;
}

int pdf_datapakke_render(const struct pdf_datapakke *d, struct buf *out, int *pages,
                         struct kl_error *err)
{
    struct dpc c;
    struct buf doc;
    int rc;

    if ((rc = pdf_fonts_ready(err)))
        return rc;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.err = err;
    c.starts = calloc(d->n + 1, sizeof *c.starts);
    if (!c.starts)
        return kl_error_set(err, KL_ENOMEM, "PDF: out of memory");
    buf_init(&c.mk, 0);
    /* pass 2 writes into a buffer of our own: cairo 1.16 asserts when a stream with links
     * fails part way, so out's cap is applied after the document is complete */
    buf_init(&doc, 0);
    pdf_doc_lock();
    rc = pass(&c, 1, NULL);
    c.f.pages = c.f.page;
    if (!rc)
        rc = pass(&c, 2, &doc);
    pdf_doc_unlock();
    if (!rc && buf_append(out, doc.data, doc.len))
        rc = kl_error_set(err, out->len + doc.len > out->max ? KL_ELIMIT : KL_ENOMEM,
                          "PDF: the document is larger than allowed");
    buf_free(&doc);
    if (!rc && pages)
        *pages = c.f.pages;
    free(c.starts);
    buf_free(&c.mk);
    return rc;
}

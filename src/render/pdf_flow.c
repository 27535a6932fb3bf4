/* pdf_flow.c - the flow of pdf_flow.h: pango lays a paragraph out at the text width, and
 * its lines are drawn one by one so that a page can break between any two. */
#include "render/pdf_flow.h"
#include "render/pdf_doc.h"

#include "core/error.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

void pdf_flow_begin(struct pdf_flow *f, int pass, struct buf *out, const char *const *specs,
                    int nfonts, const struct pdf_area *area, void (*decorate)(void *doc),
                    void *doc)
{
    f->pass = pass;
    f->page = 0;
    f->surf = cairo_pdf_surface_create_for_stream(pass == 2 ? pdf_stream_buf
                                                            : pdf_stream_discard,
                                                  out, PDF_PAGE_W, PDF_PAGE_H);
    f->cr = cairo_create(f->surf);
    f->pc = pdf_doc_context(f->cr);
    f->lay = pango_layout_new(f->pc);
    f->aux = pango_layout_new(f->pc);
    pango_layout_set_wrap(f->lay, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_wrap(f->aux, PANGO_WRAP_WORD_CHAR);
    f->nfonts = nfonts < PDF_FLOW_FONTS ? nfonts : PDF_FLOW_FONTS;
    for (int i = 0; i < f->nfonts; i++)
        f->fonts[i] = pango_font_description_from_string(specs[i]);
    f->area = *area;
    f->decorate = decorate;
    f->doc = doc;
}

int pdf_flow_end(struct pdf_flow *f, struct kl_error *err)
{
    cairo_status_t st;

    for (int i = 0; i < f->nfonts; i++)
        pango_font_description_free(f->fonts[i]);
    g_object_unref(f->lay);
    g_object_unref(f->aux);
    g_object_unref(f->pc);
    cairo_destroy(f->cr);
    cairo_surface_finish(f->surf);
    st = cairo_surface_status(f->surf);
    cairo_surface_destroy(f->surf);
    if (st == CAIRO_STATUS_WRITE_ERROR)
        return kl_error_set(err, KL_ELIMIT, "PDF: the document is larger than allowed");
    if (st != CAIRO_STATUS_SUCCESS)
        return kl_error_set(err, KL_EIO, "PDF: %s", cairo_status_to_string(st));
    return 0;
}

void pdf_flow_draw_at(struct pdf_flow *f, const char *markup, int font, double x, double y,
                      double w, PangoAlignment align)
{
    if (f->pass != 2)
        return;
    pango_layout_set_font_description(f->aux, f->fonts[font]);
    pango_layout_set_width(f->aux, w > 0 ? (int)(w * PANGO_SCALE) : -1);
    pango_layout_set_alignment(f->aux, align);
    pango_layout_set_markup(f->aux, markup, -1);
    cairo_move_to(f->cr, x, y);
    pango_cairo_show_layout(f->cr, f->aux);
}

void pdf_flow_new_page(struct pdf_flow *f)
{
    if (f->page > 0 && f->pass == 2)
        cairo_show_page(f->cr);
    f->page++;
    f->y = f->area.top;
    f->at_top = 1;
    if (f->decorate)
        f->decorate(f->doc);
}

void pdf_flow_need(struct pdf_flow *f, double h)
{
    if (!f->at_top && f->y + h > f->area.bottom)
        pdf_flow_new_page(f);
}

void pdf_flow_gap(struct pdf_flow *f, double h)
{
    if (!f->at_top)
        f->y += h;
}

/* The quote's bar beside a line from top, h points high. */
static void bar(struct pdf_flow *f, double top, double h)
{
    cairo_save(f->cr);
    cairo_set_source_rgb(f->cr, 0.75, 0.78, 0.82);
    cairo_set_line_width(f->cr, 2);
    cairo_move_to(f->cr, f->bar_x, top);
    cairo_line_to(f->cr, f->bar_x, top + h);
    cairo_stroke(f->cr);
    cairo_restore(f->cr);
}

void pdf_flow_lines(struct pdf_flow *f, const char *markup, int font, double indent,
                    const char *marker)
{
    PangoLayoutIter *it;
    int first = 1;

    if (indent > f->area.width / 2)
        indent = f->area.width / 2;
    pango_layout_set_font_description(f->lay, f->fonts[font]);
    pango_layout_set_width(f->lay, (int)((f->area.width - indent - f->reserve) * PANGO_SCALE));
    pango_layout_set_markup(f->lay, markup, -1);
    it = pango_layout_get_iter(f->lay);
    do {
        PangoRectangle logical;
        int baseline = pango_layout_iter_get_baseline(it);
        double h, base;

        pango_layout_iter_get_line_extents(it, NULL, &logical);
        h = (double)logical.height / PANGO_SCALE;
        base = (double)(baseline - logical.y) / PANGO_SCALE;
        if (!f->at_top && f->y + h > f->area.bottom)
            pdf_flow_new_page(f);
        if (f->pass == 2) {
            cairo_move_to(f->cr, f->area.left + indent + (double)logical.x / PANGO_SCALE,
                          f->y + base);
            pango_cairo_show_layout_line(f->cr, pango_layout_iter_get_line_readonly(it));
            if (first && marker)
                pdf_flow_draw_at(f, marker, font, f->area.left + indent - 16, f->y, 0,
                                 PANGO_ALIGN_LEFT);
            if (f->bar_x > 0)
                bar(f, f->y, h);
        }
        first = 0;
        f->last_top = f->y;
        f->y += h;
        f->at_top = 0;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

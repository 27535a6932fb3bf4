/* canvas_cairo.c - the cairo backend of the drawing surface (see canvas_cairo.h). The chart's
 * units become cairo user units through a translation and a scale; text is laid out by pango
 * in a context of its own (from the caller's font map), so the caller's layouts keep their
 * matrix. */
#include "render/canvas_cairo.h"

#include "core/error.h"

#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#define FAMILY "DejaVu Sans,Liberation Sans,Noto Sans"

static void rgb(cairo_t *cr, const char *s)
{
    unsigned long v = 0;

    if (s && s[0] == '#' && strlen(s) == 7 && strspn(s + 1, "0123456789abcdefABCDEF") == 6)
        v = strtoul(s + 1, NULL, 16);
    cairo_set_source_rgb(cr, (double)((v >> 16) & 0xFF) / 255, (double)((v >> 8) & 0xFF) / 255,
                         (double)(v & 0xFF) / 255);
}

static void check(struct canvas *c)
{
    if (!c->rc && cairo_status(c->cr) != CAIRO_STATUS_SUCCESS)
        c->rc = cairo_status(c->cr) == CAIRO_STATUS_NO_MEMORY ? KL_ENOMEM : KL_EIO;
}

/* Fills and/or strokes the current path with pen, then clears it. */
static void paint(struct canvas *c, const struct canvas_pen *pen)
{
    cairo_t *cr = c->cr;

    if (pen->fill) {
        rgb(cr, pen->fill);
        if (pen->stroke)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (pen->stroke) {
        rgb(cr, pen->stroke);
        cairo_set_line_width(cr, pen->width > 0 ? pen->width : 1);
        if (pen->dash_on > 0) {
            double d[2] = {pen->dash_on, pen->dash_off > 0 ? pen->dash_off : pen->dash_on};
            cairo_set_dash(cr, d, 2, 0);
        } else {
            cairo_set_dash(cr, NULL, 0, 0);
        }
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
    check(c);
}

static void cr_begin(struct canvas *c, const char *id, const char *title, const char *desc,
                     const char *cls, int width, int height)
{
    cairo_t *cr = c->cr;
    PangoContext *own;
    cairo_font_options_t *fo;

    (void)id, (void)title, (void)desc, (void)cls;
    cairo_save(cr);
    cairo_translate(cr, c->x0, c->y0);
    cairo_scale(cr, c->scale, c->scale);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_rectangle(cr, 0, 0, width, height);
    rgb(cr, "#ffffff");
    cairo_fill(cr);
    own = pango_font_map_create_context(pango_context_get_font_map(c->pc));
    fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(own, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_update_context(cr, own);
    c->layout = pango_layout_new(own);
    g_object_unref(own);
    check(c);
}

static void cr_end(struct canvas *c)
{
    if (c->layout) {
        g_object_unref(c->layout);
        c->layout = NULL;
    }
    cairo_restore(c->cr);
    check(c);
}

static void cr_line(struct canvas *c, double x1, double y1, double x2, double y2,
                    const struct canvas_pen *pen)
{
    cairo_move_to(c->cr, x1, y1);
    cairo_line_to(c->cr, x2, y2);
    paint(c, &(struct canvas_pen){NULL, pen->stroke ? pen->stroke : "#000000", pen->width,
                                  pen->dash_on, pen->dash_off});
}

static void cr_rect(struct canvas *c, double x, double y, double w, double h,
                    const struct canvas_pen *pen)
{
    cairo_rectangle(c->cr, x, y, w, h);
    paint(c, pen);
}

static void cr_circle(struct canvas *c, double cx, double cy, double r,
                      const struct canvas_pen *pen)
{
    cairo_new_sub_path(c->cr);
    cairo_arc(c->cr, cx, cy, r, 0, 2 * G_PI);
    paint(c, pen);
}

static void cr_path_move(struct canvas *c, double x, double y)
{
    if (!c->path_open)
        cairo_new_path(c->cr);
    cairo_move_to(c->cr, x, y);
}

static void cr_path_line(struct canvas *c, double x, double y)
{
    cairo_line_to(c->cr, x, y);
}

static void cr_path_close(struct canvas *c)
{
    cairo_close_path(c->cr);
}

static void cr_path_end(struct canvas *c, const struct canvas_pen *pen)
{
    paint(c, pen);
}

static void cr_text(struct canvas *c, double x, double y, enum canvas_anchor anchor, int bold,
                    double size, const char *colour, const char *text)
{
    PangoLayout *lay = c->layout;
    PangoFontDescription *fd;
    PangoRectangle logical;
    double w, base;

    if (!lay)
        return;
    fd = pango_font_description_from_string(FAMILY);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_layout_set_font_description(lay, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(lay, text, -1);
    pango_layout_get_extents(lay, NULL, &logical);
    w = (double)logical.width / PANGO_SCALE;
    base = (double)pango_layout_get_baseline(lay) / PANGO_SCALE;
    if (anchor == CANVAS_MIDDLE)
        x -= w / 2;
    else if (anchor == CANVAS_END)
        x -= w;
    rgb(c->cr, colour);
    cairo_move_to(c->cr, x, y - base);
    pango_cairo_show_layout(c->cr, lay);
    cairo_new_path(c->cr);
    check(c);
}

static const struct canvas_ops cairo_ops = {
    cr_begin, cr_end,        cr_line,        cr_rect,     cr_circle,
    cr_path_move, cr_path_line, cr_path_close, cr_path_end, cr_text,
};

void canvas_cairo_init(struct canvas *c, cairo_t *cr, PangoContext *pc, double x, double y,
                       double scale)
{
    memset(c, 0, sizeof *c);
    c->ops = &cairo_ops;
    c->cr = cr;
    c->pc = pc;
    c->x0 = x;
    c->y0 = y;
    c->scale = scale > 0 ? scale : 1;
    buf_init(&c->scratch, 0);
}

/* canvas_cairo.h - the cairo backend of the drawing surface (canvas.h): a chart drawn as
 * vectors into a cairo context, such as a page of a PDF, with its text laid out by pango.
 * Kept apart from canvas.h so that only the PDF code sees cairo's and pango's headers. */
#ifndef KL_RENDER_CANVAS_CAIRO_H
#define KL_RENDER_CANVAS_CAIRO_H

#include "render/canvas.h"

#include <cairo.h>
#include <pango/pango.h>

/* A canvas that draws into cr with the chart's origin at (x, y) of cr's user space and every
 * chart unit `scale` units of it; pc is the pango context whose fonts the text uses (the
 * one of render/pdf_doc.h). cr's state is saved at canvas_begin and restored at canvas_end;
 * nothing is drawn outside those. Call canvas_done when finished. */
void canvas_cairo_init(struct canvas *c, cairo_t *cr, PangoContext *pc, double x, double y,
                       double scale);

#endif

/* canvas.h - the drawing surface behind the charts: one set of drawing calls (lines, paths,
 * rectangles, circles, text) that two backends turn into output, so that a chart is drawn by
 * one code path whether it ends up as inline SVG on a page or as vectors inside a PDF.
 *
 * - The SVG backend (canvas_svg_init) appends an <svg> element to a buffer under the rules
 *   of chart.h: role="img" with aria-labelledby/aria-describedby naming its <title> and
 *   <desc>, presentation attributes only (no <style>, no style attribute, no scripts, no
 *   external references), all text XML-escaped.
 * - The cairo backend (canvas_cairo_init, render/canvas_cairo.h) draws into a cairo context
 *   (a PDF page) at a given place and scale, with text laid out by pango.
 *
 * Coordinates are user units of the chart (pixels for SVG, y downwards); text is drawn at
 * its baseline in the font family DejaVu Sans (Liberation Sans, Arial as fallbacks) at 12
 * units unless a size is given. Colours are "#rrggbb". Errors are sticky: after the first
 * failure every call does nothing and canvas_status reports it. Text is taken as UTF-8;
 * invalid bytes are shown as U+FFFD and control characters as spaces by both backends. */
#ifndef KL_RENDER_CANVAS_H
#define KL_RENDER_CANVAS_H

#include "core/buf.h"

#include <stddef.h>

enum canvas_anchor {
    CANVAS_START = 0,
    CANVAS_MIDDLE,
    CANVAS_END,
};

struct canvas_pen {
    const char *fill;   /* "#rrggbb", or NULL: not filled */
    const char *stroke; /* "#rrggbb", or NULL: no outline */
    double width;       /* of the outline; 0: 1 unit */
    double dash_on;     /* > 0: dashed, this long on ... */
    double dash_off;    /* ... and this long off */
};

struct canvas;

/* A backend's drawing calls; the front end (canvas.c) has already cleaned the text. */
struct canvas_ops {
    void (*begin)(struct canvas *c, const char *id, const char *title, const char *desc,
                  const char *cls, int width, int height);
    void (*end)(struct canvas *c);
    void (*line)(struct canvas *c, double x1, double y1, double x2, double y2,
                 const struct canvas_pen *pen);
    void (*rect)(struct canvas *c, double x, double y, double w, double h,
                 const struct canvas_pen *pen);
    void (*circle)(struct canvas *c, double cx, double cy, double r,
                   const struct canvas_pen *pen);
    void (*path_move)(struct canvas *c, double x, double y);
    void (*path_line)(struct canvas *c, double x, double y);
    void (*path_close)(struct canvas *c);
    void (*path_end)(struct canvas *c, const struct canvas_pen *pen);
    void (*text)(struct canvas *c, double x, double y, enum canvas_anchor anchor, int bold,
                 double size, const char *colour, const char *text);
};

/* The state of a canvas; fill it with one of the init functions. */
struct canvas {
    const struct canvas_ops *ops;
    int rc;             /* the first error (KL_ENOMEM, KL_ELIMIT, KL_EIO), or 0 */
    int path_open;      /* between the first path_move and path_end */
    int begun;          /* between canvas_begin and canvas_end */
    struct buf scratch; /* cleaned text */
    /* SVG */
    struct buf *out;
    size_t start;       /* out's length before the chart, to restore on failure */
    /* cairo (render/canvas_cairo.h) */
    void *cr;           /* cairo_t */
    void *pc;           /* PangoContext */
    void *layout;       /* PangoLayout */
    double x0, y0, scale;
};

/* A canvas that appends SVG to out. Call canvas_done when finished. */
void canvas_svg_init(struct canvas *c, struct buf *out);

/* Starts the drawing: an <svg> of width x height units with its accessible name title (not
 * NULL) and description desc (may be NULL); id ([a-z0-9-]+, checked by the caller) names
 * them; cls is the SVG's class. The background is white. */
void canvas_begin(struct canvas *c, const char *id, const char *title, const char *desc,
                  const char *cls, int width, int height);

/* Ends the drawing started by canvas_begin (also after an error, so that a backend can
 * release what it holds). */
void canvas_end(struct canvas *c);

/* A straight line in pen's stroke. */
void canvas_line(struct canvas *c, double x1, double y1, double x2, double y2,
                 const struct canvas_pen *pen);

/* A rectangle, filled and/or outlined by pen. */
void canvas_rect(struct canvas *c, double x, double y, double w, double h,
                 const struct canvas_pen *pen);

/* A circle, filled and/or outlined by pen. */
void canvas_circle(struct canvas *c, double cx, double cy, double r,
                   const struct canvas_pen *pen);

/* A path: canvas_move starts a subpath, canvas_lineto extends it, canvas_close closes it;
 * canvas_path ends the path and paints it with pen. A path with no point paints nothing. */
void canvas_move(struct canvas *c, double x, double y);
void canvas_lineto(struct canvas *c, double x, double y);
void canvas_close(struct canvas *c);
void canvas_path(struct canvas *c, const struct canvas_pen *pen);

/* Text with its baseline at y, anchored at x (start, middle or end), bold or not, at size
 * (0: 12) in colour; at most max code points (0: all), then "…". */
void canvas_text(struct canvas *c, double x, double y, enum canvas_anchor anchor, int bold,
                 double size, const char *colour, const char *text, size_t max);

/* The first error of the canvas, or 0. */
int canvas_status(const struct canvas *c);

/* Frees what the canvas holds (not its output). For an SVG canvas that failed, out is
 * restored to its length before canvas_svg_init. Returns canvas_status. */
int canvas_done(struct canvas *c);

#endif

/* chart.h - line and bar charts and a small-multiples table with traffic-light marks: an
 * indicator over time for several geographies, one period's values side by side against a
 * reference (the country), and a table of values with their signals (and small series).
 *
 * Each chart is drawn by one function onto a canvas (render/canvas.h): the *_svg functions
 * give inline SVG for HTML pages, and the *_draw functions with a cairo canvas
 * (render/canvas_cairo.h) give vectors inside a PDF, from the same drawing code.
 *
 * Pure: no database, no I/O; the caller passes numbers and labels and gets SVG text. Safe
 * under the strict Content-Security-Policy like orgchart.h: no XML prolog, no scripts, no
 * <style> element or style attribute, no event handlers, no external references, styling
 * by presentation attributes only; all text XML-escaped (invalid UTF-8 becomes U+FFFD,
 * control characters spaces). Accessible: the <svg> has role="img" with aria-labelledby
 * naming its <title> and aria-describedby its <desc>; the page must put the data table next
 * to it, since a chart is never the only way to read the numbers. Series differ by colour,
 * marker shape and dash pattern, so that they can be told apart without colour and in
 * black-and-white printouts; all colours have a contrast of at least 3:1 on white. */
#ifndef KL_CHART_H
#define KL_CHART_H

#include <stddef.h>

struct buf;
struct canvas;
struct kl_error;

#define CHART_WIDTH 720      /* every chart is this many units wide */
#define CHART_STYLES 8       /* distinct series styles; style numbers wrap around */
#define CHART_MAX_POINTS 400
#define CHART_MAX_SERIES 40
#define CHART_MAX_BARS 120

struct chart_series {
    const char *name;      /* legend text, not NULL */
    const double *values;  /* npoints values; NAN: no point (missing, or hidden) */
    int style;             /* colour, marker and dash: 0..CHART_STYLES-1 (wraps) */
    int emphasis;          /* drawn thicker (the cluster) */
    int dashed;            /* drawn dashed (the country) */
};

struct chart_line {
    const char *id;              /* [a-z0-9-]+, unique on the page: ids of title and desc */
    const char *title;           /* not NULL or empty */
    const char *desc;            /* may be NULL */
    const char *const *labels;   /* npoints labels of the x axis (periods) */
    size_t npoints;
    const struct chart_series *series;
    size_t nseries;
    char decimal, group;         /* ',' and '.' for Danish */
    const char *unit;            /* written above the y axis; may be NULL */
};

/* Appends an <svg> line chart to out: y axis from 0 (or the lowest value when negative)
 * to a round number above the highest, gridlines, x labels (thinned when many), one
 * polyline per series broken at NAN, markers at the points, and a legend under the plot.
 * Returns 0; KL_EINVAL for a missing title, a bad id, too many points or series, or a
 * NULL name or values; KL_ENOMEM/KL_ELIMIT from the buffer (out restored on failure). */
int chart_line_svg(const struct chart_line *c, struct buf *out, struct kl_error *err);

/* Draws the same chart onto cv (begun and ended here). Returns as chart_line_svg; the
 * canvas's own error otherwise. */
int chart_line_draw(const struct chart_line *c, struct canvas *cv, struct kl_error *err);

/* The height of the chart in units (its width is CHART_WIDTH). */
int chart_line_height(const struct chart_line *c);

/* The tone of a bar: its signal against the reference. */
enum chart_tone {
    CHART_TONE_NEUTRAL = 0,
    CHART_TONE_GOOD,
    CHART_TONE_SAME,
    CHART_TONE_BAD,
};

struct chart_bar {
    const char *name;  /* the category, written left of the bar */
    double value;      /* NAN: no bar (missing or hidden) */
    const char *label; /* written after the bar: the value as shown ("12,5", "<5") */
    enum chart_tone tone;
    int emphasis;      /* the cluster: bold name and darker bar */
};

struct chart_bars {
    const char *id;
    const char *title;
    const char *desc;
    const struct chart_bar *bars;
    size_t n;
    double reference;            /* NAN: none; else a vertical line (the country) */
    const char *reference_label; /* written at the line */
};

/* Appends an <svg> chart of horizontal bars from 0, one per entry in the order given, with
 * the reference line. Tones fill the bars (good green, same ochre, bad red, neutral blue);
 * the caller writes the signal into the label too, so colour is never the only cue.
 * Returns as chart_line_svg (at most CHART_MAX_BARS bars). */
int chart_bar_svg(const struct chart_bars *c, struct buf *out, struct kl_error *err);

/* Draws the same chart onto cv; returns as chart_line_draw. */
int chart_bar_draw(const struct chart_bars *c, struct canvas *cv, struct kl_error *err);

/* The height of the chart in units. */
int chart_bar_height(const struct chart_bars *c);

/* A traffic-light mark: a signal's colour and shape (green circle, ochre triangle, red
 * square; blue arrows for an indicator without a better direction). */
enum chart_mark {
    CHART_MARK_NONE = 0,
    CHART_MARK_GOOD,
    CHART_MARK_SAME,
    CHART_MARK_BAD,
    CHART_MARK_UP,
    CHART_MARK_DOWN,
    CHART_MARK_COUNT_
};

#define CHART_MAX_COLUMNS 12
#define CHART_MAX_ROWS 200

struct chart_cell {
    const char *text;      /* the value as shown ("12,5", "<5", "–"); NULL: empty */
    enum chart_mark mark;  /* drawn after the text */
    const char *words;     /* the mark in words ("bedre end landet"); NULL: none */
    const double *spark;   /* NULL, or nspark values over time (NAN: a gap) */
    size_t nspark;         /* at most CHART_MAX_POINTS */
};

struct chart_table {
    const char *id;
    const char *title;
    const char *desc;
    const char *corner;             /* the header of the row names' column; may be NULL */
    const char *const *columns;     /* ncols headers */
    const double *widths;           /* NULL, or ncols widths in units (the rest goes to the
                                       row names) */
    size_t ncols;
    const char *const *rows;        /* nrows row names */
    const int *emphasis;            /* NULL, or nrows flags: bold row (the cluster) */
    size_t nrows;
    const struct chart_cell *cells; /* nrows x ncols: cells[row * ncols + col] */
    int sparks;                     /* rows are tall enough for the cells' small series and
                                       two lines of row name; 0: no small series */
    const char *legend;             /* a line under the table (what the marks mean) */
};

/* Appends a small-multiples table as <svg>: a header row, then per row its name and per
 * column the cell's text, its mark as colour and shape, its words, and (sparks) a small
 * line of its series scaled to the column's own range, so that rows of different units
 * can stand side by side. Marks are never colour only: shape and words go with them.
 * Returns as chart_line_svg (at most CHART_MAX_COLUMNS columns, CHART_MAX_ROWS rows,
 * CHART_MAX_POINTS points per series). */
int chart_table_svg(const struct chart_table *t, struct buf *out, struct kl_error *err);

/* Draws the same table onto cv; returns as chart_line_draw. */
int chart_table_draw(const struct chart_table *t, struct canvas *cv, struct kl_error *err);

/* The height of the table in units. */
int chart_table_height(const struct chart_table *t);

/* The fill colour of a mark ("#rrggbb"). */
const char *chart_mark_colour(enum chart_mark m);

/* Draws mark m centred at (x, y), about 10 units across, onto cv. */
void chart_mark_draw(struct canvas *cv, enum chart_mark m, double x, double y);

#endif

/* chart.h - line and bar charts as inline SVG for HTML pages: an indicator over time for
 * several geographies, and one period's values side by side against a reference (the
 * country).
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
struct kl_error;

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

#endif

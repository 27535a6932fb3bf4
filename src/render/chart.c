/* chart.c - line and bar charts as inline SVG (see chart.h). Geometry in pixels; text
 * widths estimated at 7 px per character at font-size 12. */
#include "render/chart.h"

#include "core/buf.h"
#include "core/error.h"
#include "core/number.h"
#include "core/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum {
    WIDTH = 720,
    PLOT_LEFT = 70,
    PLOT_RIGHT = 20,
    PLOT_TOP = 30,
    PLOT_H = 240,
    XLABEL_H = 34,
    LEGEND_ROW = 22,
    LEGEND_COLS = 3,
    BAR_ROW = 26,
    BAR_NAME_W = 210,
    BAR_LABEL_W = 110,
    BAR_TOP = 34,
    NAME_CHARS = 28,
};

#define TEXT_FILL "#1d2430"
#define GRID "#d5dae1"
#define AXIS "#4a5565"
#define FONTS "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
#define COUNTRY_COLOUR "#1d2430"

/* Colour-blind-friendly hues darkened to at least 3:1 on white. */
static const char *const colours[CHART_STYLES] = {
    "#0072b2", "#b34700", "#00795c", "#a2336f", "#5d4a9c", "#6f5f00", "#007c91", "#8c4a2f",
};

static const char *const tone_fill[] = {"#0b5394", "#1e6b34", "#8a6d00", "#b3261e"};

struct out {
    struct buf *b;
    int rc;
};

static void put(struct out *o, const char *s)
{
    if (!o->rc)
        o->rc = buf_puts(o->b, s);
}

static void putf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct out *o, const char *fmt, ...)
{
    va_list ap;

    if (o->rc)
        return;
    va_start(ap, fmt);
    o->rc = buf_vprintf(o->b, fmt, ap);
    va_end(ap);
}

/* Writes s XML-escaped, at most max code points (then "…"; max 0: all). Invalid UTF-8
 * bytes become U+FFFD, control characters spaces. */
static void text(struct out *o, const char *s, size_t max)
{
    size_t n = strlen(s), cps = 0;

    for (size_t i = 0; i < n && !o->rc;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        if (max && cps == max) {
            put(o, "\xE2\x80\xA6");
            return;
        }
        cps++;
        if (len == 0 || i + len > n || !utf8_valid(s + i, len, NULL)) {
            put(o, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        switch (c) {
        case '&': put(o, "&amp;"); break;
        case '<': put(o, "&lt;"); break;
        case '>': put(o, "&gt;"); break;
        case '"': put(o, "&quot;"); break;
        case '\'': put(o, "&#39;"); break;
        default:
            if (c < 0x20 || c == 0x7F)
                put(o, " ");
            else if (!o->rc)
                o->rc = buf_append(o->b, s + i, len);
        }
        i += len;
    }
}

static int id_ok(const char *id)
{
    if (!id || !*id || strlen(id) > 60)
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return 0;
    return 1;
}

/* The opening <svg> with its accessible name and description. */
static void open_svg(struct out *o, const char *id, const char *title, const char *desc,
                     int width, int height, const char *cls)
{
    putf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"%s\" role=\"img\" "
            "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" aria-labelledby=\"%s-title\"",
         cls, width, height, width, height, id);
    if (desc)
        putf(o, " aria-describedby=\"%s-desc\"", id);
    putf(o, " font-family=\"%s\" font-size=\"12\"><title id=\"%s-title\">", FONTS, id);
    text(o, title, 0);
    put(o, "</title>");
    if (desc) {
        putf(o, "<desc id=\"%s-desc\">", id);
        text(o, desc, 0);
        put(o, "</desc>");
    }
    putf(o, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", width,
         height);
}

/* A round step for an axis to max with about five ticks. */
static double nice_step(double span)
{
    double raw = span / 5, mag, f;

    if (!(raw > 0))
        return 1;
    mag = pow(10, floor(log10(raw)));
    f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

/* Decimals that show the step exactly, at least min. */
static int step_decimals(double step, int min)
{
    int d = 0;
    while (d < 4 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-9)
        d++;
    return d > min ? d : min;
}

/* A marker of style s centred at (x, y). */
static void marker(struct out *o, int s, double x, double y, const char *colour)
{
    switch (s % CHART_STYLES) {
    case 0:
        putf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", x, y, colour);
        break;
    case 1:
        putf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>", x - 4,
             y - 4, colour);
        break;
    case 2:
        putf(o, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"/>", x, y - 5, x + 5,
             y + 4, x - 5, y + 4, colour);
        break;
    case 3:
        putf(o, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"/>", x, y - 5,
             x + 5, y, x, y + 5, x - 5, y, colour);
        break;
    case 4:
        putf(o, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"/>", x, y + 5, x + 5,
             y - 4, x - 5, y - 4, colour);
        break;
    case 5:
        putf(o, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"%s\" "
                "stroke-width=\"2.5\" fill=\"none\"/>",
             x - 4, y - 4, x + 4, y + 4, x - 4, y + 4, x + 4, y - 4, colour);
        break;
    case 6:
        putf(o, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"%s\" "
                "stroke-width=\"2.5\" fill=\"none\"/>",
             x - 5, y, x + 5, y, x, y - 5, x, y + 5, colour);
        break;
    default:
        putf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#ffffff\" stroke=\"%s\" "
                "stroke-width=\"2\"/>",
             x, y, colour);
        break;
    }
}

static const char *series_colour(const struct chart_series *s)
{
    return s->dashed ? COUNTRY_COLOUR : colours[(unsigned)s->style % CHART_STYLES];
}

int chart_line_svg(const struct chart_line *c, struct buf *out, struct kl_error *err)
{
    struct out o = {out, 0};
    size_t start = out->len, legend_rows;
    double lo = 0, hi = 0, step, span, plot_w, dx;
    int any = 0, height, decimals;
    char num[48];

    if (!c->title || !*c->title)
        return kl_error_set(err, KL_EINVAL, "a chart needs a title");
    if (!id_ok(c->id))
        return kl_error_set(err, KL_EINVAL, "chart id '%s' is not [a-z0-9-]+",
                            c->id ? c->id : "");
    if (c->npoints > CHART_MAX_POINTS || c->nseries > CHART_MAX_SERIES ||
        (c->npoints && !c->labels) || (c->nseries && !c->series))
        return kl_error_set(err, KL_EINVAL, "a chart of %zu points and %zu series is too large",
                            c->npoints, c->nseries);
    for (size_t s = 0; s < c->nseries; s++) {
        if (!c->series[s].name || (c->npoints && !c->series[s].values))
            return kl_error_set(err, KL_EINVAL, "series %zu has no name or values", s);
        for (size_t i = 0; i < c->npoints; i++) {
            double v = c->series[s].values[i];
            if (!isfinite(v))
                continue;
            if (!any || v > hi)
                hi = v;
            if (!any || v < lo)
                lo = v;
            any = 1;
        }
    }
    for (size_t i = 0; i < c->npoints; i++)
        if (!c->labels[i])
            return kl_error_set(err, KL_EINVAL, "label %zu is missing", i);
    if (lo > 0)
        lo = 0;
    if (hi <= lo)
        hi = lo + 1;
    step = nice_step(hi - lo);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step - 1e-9) * step;
    if (hi <= lo)
        hi = lo + step;
    span = hi - lo;
    decimals = step_decimals(step, 0);
    legend_rows = (c->nseries + LEGEND_COLS - 1) / LEGEND_COLS;
    height = PLOT_TOP + PLOT_H + XLABEL_H + (int)legend_rows * LEGEND_ROW + 8;
    plot_w = WIDTH - PLOT_LEFT - PLOT_RIGHT;
    dx = c->npoints > 1 ? plot_w / (double)(c->npoints - 1) : 0;

    open_svg(&o, c->id, c->title, c->desc, WIDTH, height, "chart chart-line");
    if (c->unit) {
        putf(&o, "<text x=\"%d\" y=\"%d\" fill=\"%s\">", 8, PLOT_TOP - 14, TEXT_FILL);
        text(&o, c->unit, 80);
        put(&o, "</text>");
    }
    /* gridlines and y labels */
    for (double v = lo; v <= hi + step / 2; v += step) {
        double y = PLOT_TOP + PLOT_H - (v - lo) / span * PLOT_H;
        number_format(v, decimals, c->decimal, c->group, num, sizeof(num));
        putf(&o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
                 "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\">",
             PLOT_LEFT, y, WIDTH - PLOT_RIGHT, y, v == 0 ? AXIS : GRID, PLOT_LEFT - 6, y + 4,
             TEXT_FILL);
        text(&o, num, 0);
        put(&o, "</text>");
    }
    /* x labels, thinned to about twelve */
    if (c->npoints) {
        size_t every = (c->npoints + 11) / 12;
        for (size_t i = 0; i < c->npoints; i += every) {
            double x = c->npoints > 1 ? PLOT_LEFT + dx * (double)i : PLOT_LEFT + plot_w / 2;
            putf(&o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>"
                     "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">",
                 x, PLOT_TOP + PLOT_H, x, PLOT_TOP + PLOT_H + 5, AXIS, x,
                 PLOT_TOP + PLOT_H + 20, TEXT_FILL);
            text(&o, c->labels[i], 12);
            put(&o, "</text>");
        }
    }
    /* series: lines broken at gaps, then markers; the emphasised one last, on top */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t s = 0; s < c->nseries; s++) {
            const struct chart_series *se = &c->series[s];
            const char *colour = series_colour(se);
            int pen = 0;
            if ((se->emphasis != 0) != (pass == 1))
                continue;
            putf(&o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s d=\"", colour,
                 se->emphasis ? "3.5" : "1.8",
                 se->dashed ? " stroke-dasharray=\"7 4\"" : "");
            for (size_t i = 0; i < c->npoints; i++) {
                double v = se->values[i];
                double x = c->npoints > 1 ? PLOT_LEFT + dx * (double)i : PLOT_LEFT + plot_w / 2;
                if (!isfinite(v)) {
                    pen = 0;
                    continue;
                }
                putf(&o, "%s%.1f %.1f", pen ? "L" : "M", x,
                     PLOT_TOP + PLOT_H - (v - lo) / span * PLOT_H);
                pen = 1;
            }
            put(&o, "\"/>");
            for (size_t i = 0; i < c->npoints; i++) {
                double v = se->values[i];
                double x = c->npoints > 1 ? PLOT_LEFT + dx * (double)i : PLOT_LEFT + plot_w / 2;
                if (isfinite(v))
                    marker(&o, se->style, x, PLOT_TOP + PLOT_H - (v - lo) / span * PLOT_H,
                           colour);
            }
        }
    }
    /* legend */
    for (size_t s = 0; s < c->nseries; s++) {
        const struct chart_series *se = &c->series[s];
        int col = (int)(s % LEGEND_COLS), row = (int)(s / LEGEND_COLS);
        double x = 12 + col * ((WIDTH - 24) / LEGEND_COLS);
        double y = PLOT_TOP + PLOT_H + XLABEL_H + row * LEGEND_ROW + 8;
        putf(&o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                 "stroke-width=\"%s\"%s/>",
             x, y, x + 26, y, series_colour(se), se->emphasis ? "3.5" : "1.8",
             se->dashed ? " stroke-dasharray=\"7 4\"" : "");
        marker(&o, se->style, x + 13, y, series_colour(se));
        putf(&o, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\"%s>", x + 34, y + 4, TEXT_FILL,
             se->emphasis ? " font-weight=\"bold\"" : "");
        text(&o, se->name, NAME_CHARS);
        put(&o, "</text>");
    }
    put(&o, "</svg>");
    if (o.rc) {
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
        return kl_error_set(err, o.rc, "the chart could not be written");
    }
    return 0;
}

int chart_bar_svg(const struct chart_bars *c, struct buf *out, struct kl_error *err)
{
    struct out o = {out, 0};
    size_t start = out->len;
    double hi = 0, step, bar_w = WIDTH - BAR_NAME_W - BAR_LABEL_W - 10;
    int height;

    if (!c->title || !*c->title)
        return kl_error_set(err, KL_EINVAL, "a chart needs a title");
    if (!id_ok(c->id))
        return kl_error_set(err, KL_EINVAL, "chart id '%s' is not [a-z0-9-]+",
                            c->id ? c->id : "");
    if (c->n > CHART_MAX_BARS || (c->n && !c->bars))
        return kl_error_set(err, KL_EINVAL, "a chart of %zu bars is too large", c->n);
    for (size_t i = 0; i < c->n; i++) {
        if (!c->bars[i].name || !c->bars[i].label)
            return kl_error_set(err, KL_EINVAL, "bar %zu has no name or label", i);
        if (isfinite(c->bars[i].value) && c->bars[i].value > hi)
            hi = c->bars[i].value;
    }
    if (isfinite(c->reference) && c->reference > hi)
        hi = c->reference;
    if (hi <= 0)
        hi = 1;
    step = nice_step(hi);
    hi = ceil(hi / step - 1e-9) * step;
    height = BAR_TOP + (int)c->n * BAR_ROW + 12;
    open_svg(&o, c->id, c->title, c->desc, WIDTH, height, "chart chart-bar");
    for (size_t i = 0; i < c->n; i++) {
        const struct chart_bar *b = &c->bars[i];
        double y = BAR_TOP + (double)i * BAR_ROW;
        double w = isfinite(b->value) && b->value > 0 ? b->value / hi * bar_w : 0;
        unsigned tone = (unsigned)b->tone < 4 ? (unsigned)b->tone : 0;
        putf(&o, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\"%s>", BAR_NAME_W - 8,
             y + 17, TEXT_FILL, b->emphasis ? " font-weight=\"bold\"" : "");
        text(&o, b->name, NAME_CHARS);
        put(&o, "</text>");
        if (isfinite(b->value))
            putf(&o, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                 BAR_NAME_W, y + 4, w < 1 ? 1 : w, BAR_ROW - 8, tone_fill[tone]);
        putf(&o, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">", BAR_NAME_W + w + 6, y + 17,
             TEXT_FILL);
        text(&o, b->label, 20);
        put(&o, "</text>");
    }
    putf(&o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>", BAR_NAME_W,
         BAR_TOP, BAR_NAME_W, height - 8, AXIS);
    if (isfinite(c->reference)) {
        double x = BAR_NAME_W + (c->reference > 0 ? c->reference / hi * bar_w : 0);
        putf(&o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                 "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
             x, BAR_TOP - 6, x, height - 8, COUNTRY_COLOUR);
        if (c->reference_label) {
            putf(&o, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">", x,
                 BAR_TOP - 12, TEXT_FILL);
            text(&o, c->reference_label, 40);
            put(&o, "</text>");
        }
    }
    put(&o, "</svg>");
    if (o.rc) {
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
        return kl_error_set(err, o.rc, "the chart could not be written");
    }
    return 0;
}

/* chart.c - line and bar charts and the small-multiples table (see chart.h), drawn once onto
 * a canvas (render/canvas.h) that gives SVG or cairo vectors. Geometry in units (pixels in
 * SVG); text widths estimated at 7 units per character at font-size 12. */
#include "render/chart.h"

#include "core/buf.h"
#include "render/canvas.h"
#include "core/error.h"
#include "core/number.h"

#include <math.h>
#include <string.h>

enum {
    WIDTH = CHART_WIDTH,
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

static int id_ok(const char *id)
{
    if (!id || !*id || strlen(id) > 60)
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return 0;
    return 1;
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
static void marker(struct canvas *cv, int s, double x, double y, const char *colour)
{
    struct canvas_pen fill = {colour, NULL, 0, 0, 0};
    struct canvas_pen cross = {NULL, colour, 2.5, 0, 0};

    switch (s % CHART_STYLES) {
    case 0:
        canvas_circle(cv, x, y, 4, &fill);
        break;
    case 1:
        canvas_rect(cv, x - 4, y - 4, 8, 8, &fill);
        break;
    case 2:
        canvas_move(cv, x, y - 5);
        canvas_lineto(cv, x + 5, y + 4);
        canvas_lineto(cv, x - 5, y + 4);
        canvas_close(cv);
        canvas_path(cv, &fill);
        break;
    case 3:
        canvas_move(cv, x, y - 5);
        canvas_lineto(cv, x + 5, y);
        canvas_lineto(cv, x, y + 5);
        canvas_lineto(cv, x - 5, y);
        canvas_close(cv);
        canvas_path(cv, &fill);
        break;
    case 4:
        canvas_move(cv, x, y + 5);
        canvas_lineto(cv, x + 5, y - 4);
        canvas_lineto(cv, x - 5, y - 4);
        canvas_close(cv);
        canvas_path(cv, &fill);
        break;
    case 5:
        canvas_move(cv, x - 4, y - 4);
        canvas_lineto(cv, x + 4, y + 4);
        canvas_move(cv, x - 4, y + 4);
        canvas_lineto(cv, x + 4, y - 4);
        canvas_path(cv, &cross);
        break;
    case 6:
        canvas_move(cv, x - 5, y);
        canvas_lineto(cv, x + 5, y);
        canvas_move(cv, x, y - 5);
        canvas_lineto(cv, x, y + 5);
        canvas_path(cv, &cross);
        break;
    default:
        canvas_circle(cv, x, y, 4, &(struct canvas_pen){"#ffffff", colour, 2, 0, 0});
        break;
    }
}

static const char *series_colour(const struct chart_series *s)
{
    return s->dashed ? COUNTRY_COLOUR : colours[(unsigned)s->style % CHART_STYLES];
}

static int check_head(const char *id, const char *title, struct kl_error *err)
{
    if (!title || !*title)
        return kl_error_set(err, KL_EINVAL, "a chart needs a title");
    if (!id_ok(id))
        return kl_error_set(err, KL_EINVAL, "chart id '%s' is not [a-z0-9-]+", id ? id : "");
    return 0;
}

/* Ends the drawing and turns the canvas's error into the caller's. */
static int finish(struct canvas *cv, struct kl_error *err)
{
    canvas_end(cv);
    if (canvas_status(cv))
        return kl_error_set(err, canvas_status(cv), "the chart could not be written");
    return 0;
}

/* ---- line chart ---------------------------------------------------------------------- */

static int line_check(const struct chart_line *c, struct kl_error *err)
{
    int rc = check_head(c->id, c->title, err);

    if (rc)
        return rc;
    if (c->npoints > CHART_MAX_POINTS || c->nseries > CHART_MAX_SERIES ||
        (c->npoints && !c->labels) || (c->nseries && !c->series))
        return kl_error_set(err, KL_EINVAL, "a chart of %zu points and %zu series is too large",
                            c->npoints, c->nseries);
    for (size_t s = 0; s < c->nseries; s++)
        if (!c->series[s].name || (c->npoints && !c->series[s].values))
            return kl_error_set(err, KL_EINVAL, "series %zu has no name or values", s);
    for (size_t i = 0; i < c->npoints; i++)
        if (!c->labels[i])
            return kl_error_set(err, KL_EINVAL, "label %zu is missing", i);
    return 0;
}

int chart_line_height(const struct chart_line *c)
{
    size_t legend_rows = (c->nseries + LEGEND_COLS - 1) / LEGEND_COLS;
    return PLOT_TOP + PLOT_H + XLABEL_H + (int)legend_rows * LEGEND_ROW + 8;
}

int chart_line_draw(const struct chart_line *c, struct canvas *cv, struct kl_error *err)
{
    double lo = 0, hi = 0, step, span, plot_w, dx;
    int any = 0, decimals, rc;
    char num[48];

    if ((rc = line_check(c, err)))
        return rc;
    for (size_t s = 0; s < c->nseries; s++)
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
    plot_w = WIDTH - PLOT_LEFT - PLOT_RIGHT;
    dx = c->npoints > 1 ? plot_w / (double)(c->npoints - 1) : 0;

    canvas_begin(cv, c->id, c->title, c->desc, "chart chart-line", WIDTH, chart_line_height(c));
    if (c->unit)
        canvas_text(cv, 8, PLOT_TOP - 14, CANVAS_START, 0, 0, TEXT_FILL, c->unit, 80);
    /* gridlines and y labels */
    for (double v = lo; v <= hi + step / 2; v += step) {
        double y = PLOT_TOP + PLOT_H - (v - lo) / span * PLOT_H;
        number_format(v, decimals, c->decimal, c->group, num, sizeof(num));
        canvas_line(cv, PLOT_LEFT, y, WIDTH - PLOT_RIGHT, y,
                    &(struct canvas_pen){NULL, v == 0 ? AXIS : GRID, 0, 0, 0});
        canvas_text(cv, PLOT_LEFT - 6, y + 4, CANVAS_END, 0, 0, TEXT_FILL, num, 0);
    }
    /* x labels, thinned to about twelve */
    if (c->npoints) {
        size_t every = (c->npoints + 11) / 12;
        for (size_t i = 0; i < c->npoints; i += every) {
            double x = c->npoints > 1 ? PLOT_LEFT + dx * (double)i : PLOT_LEFT + plot_w / 2;
            canvas_line(cv, x, PLOT_TOP + PLOT_H, x, PLOT_TOP + PLOT_H + 5,
                        &(struct canvas_pen){NULL, AXIS, 0, 0, 0});
            canvas_text(cv, x, PLOT_TOP + PLOT_H + 20, CANVAS_MIDDLE, 0, 0, TEXT_FILL,
                        c->labels[i], 12);
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
            for (size_t i = 0; i < c->npoints; i++) {
                double v = se->values[i];
                double x = c->npoints > 1 ? PLOT_LEFT + dx * (double)i : PLOT_LEFT + plot_w / 2;
                double y = PLOT_TOP + PLOT_H - (v - lo) / span * PLOT_H;
                if (!isfinite(v)) {
                    pen = 0;
                    continue;
                }
                if (pen)
                    canvas_lineto(cv, x, y);
                else
                    canvas_move(cv, x, y);
                pen = 1;
            }
            canvas_path(cv, &(struct canvas_pen){NULL, colour, se->emphasis ? 3.5 : 1.8,
                                                 se->dashed ? 7 : 0, se->dashed ? 4 : 0});
            for (size_t i = 0; i < c->npoints; i++) {
                double v = se->values[i];
                double x = c->npoints > 1 ? PLOT_LEFT + dx * (double)i : PLOT_LEFT + plot_w / 2;
                if (isfinite(v))
                    marker(cv, se->style, x, PLOT_TOP + PLOT_H - (v - lo) / span * PLOT_H,
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
        canvas_line(cv, x, y, x + 26, y,
                    &(struct canvas_pen){NULL, series_colour(se), se->emphasis ? 3.5 : 1.8,
                                         se->dashed ? 7 : 0, se->dashed ? 4 : 0});
        marker(cv, se->style, x + 13, y, series_colour(se));
        canvas_text(cv, x + 34, y + 4, CANVAS_START, se->emphasis, 0, TEXT_FILL, se->name,
                    NAME_CHARS);
    }
    return finish(cv, err);
}

int chart_line_svg(const struct chart_line *c, struct buf *out, struct kl_error *err)
{
    struct canvas cv;
    int rc;

    canvas_svg_init(&cv, out);
    rc = chart_line_draw(c, &cv, err);
    canvas_done(&cv);
    return rc;
}

/* ---- bar chart ----------------------------------------------------------------------- */

int chart_bar_height(const struct chart_bars *c)
{
    return BAR_TOP + (int)c->n * BAR_ROW + 12;
}

int chart_bar_draw(const struct chart_bars *c, struct canvas *cv, struct kl_error *err)
{
    double hi = 0, step, bar_w = WIDTH - BAR_NAME_W - BAR_LABEL_W - 10;
    int height, rc;

    if ((rc = check_head(c->id, c->title, err)))
        return rc;
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
    height = chart_bar_height(c);
    canvas_begin(cv, c->id, c->title, c->desc, "chart chart-bar", WIDTH, height);
    for (size_t i = 0; i < c->n; i++) {
        const struct chart_bar *b = &c->bars[i];
        double y = BAR_TOP + (double)i * BAR_ROW;
        double w = isfinite(b->value) && b->value > 0 ? b->value / hi * bar_w : 0;
        unsigned tone = (unsigned)b->tone < 4 ? (unsigned)b->tone : 0;
        canvas_text(cv, BAR_NAME_W - 8, y + 17, CANVAS_END, b->emphasis, 0, TEXT_FILL, b->name,
                    NAME_CHARS);
        if (isfinite(b->value))
            canvas_rect(cv, BAR_NAME_W, y + 4, w < 1 ? 1 : w, BAR_ROW - 8,
                        &(struct canvas_pen){tone_fill[tone], NULL, 0, 0, 0});
        canvas_text(cv, BAR_NAME_W + w + 6, y + 17, CANVAS_START, 0, 0, TEXT_FILL, b->label, 20);
    }
    canvas_line(cv, BAR_NAME_W, BAR_TOP, BAR_NAME_W, height - 8,
                &(struct canvas_pen){NULL, AXIS, 0, 0, 0});
    if (isfinite(c->reference)) {
        double x = BAR_NAME_W + (c->reference > 0 ? c->reference / hi * bar_w : 0);
        canvas_line(cv, x, BAR_TOP - 6, x, height - 8,
                    &(struct canvas_pen){NULL, COUNTRY_COLOUR, 2, 6, 4});
        if (c->reference_label)
            canvas_text(cv, x, BAR_TOP - 12, CANVAS_MIDDLE, 0, 0, TEXT_FILL, c->reference_label,
                        40);
    }
    return finish(cv, err);
}

int chart_bar_svg(const struct chart_bars *c, struct buf *out, struct kl_error *err)
{
    struct canvas cv;
    int rc;

    canvas_svg_init(&cv, out);
    rc = chart_bar_draw(c, &cv, err);
    canvas_done(&cv);
    return rc;
}

/* ---- marks and the small-multiples table --------------------------------------------- */

static const char *const mark_fill[CHART_MARK_COUNT_] = {
    "#ffffff", "#1e6b34", "#8a6d00", "#b3261e", "#0b5394", "#0b5394",
};

const char *chart_mark_colour(enum chart_mark m)
{
    return mark_fill[(unsigned)m < CHART_MARK_COUNT_ ? m : 0];
}

void chart_mark_draw(struct canvas *cv, enum chart_mark m, double x, double y)
{
    struct canvas_pen fill = {chart_mark_colour(m), NULL, 0, 0, 0};

    switch (m) {
    case CHART_MARK_GOOD: /* a circle */
        canvas_circle(cv, x, y, 5, &fill);
        break;
    case CHART_MARK_SAME: /* a triangle */
        canvas_move(cv, x, y - 6);
        canvas_lineto(cv, x + 6, y + 5);
        canvas_lineto(cv, x - 6, y + 5);
        canvas_close(cv);
        canvas_path(cv, &fill);
        break;
    case CHART_MARK_BAD: /* a square */
        canvas_rect(cv, x - 5, y - 5, 10, 10, &fill);
        break;
    case CHART_MARK_UP:
    case CHART_MARK_DOWN: { /* an arrow */
        double d = m == CHART_MARK_UP ? -1 : 1;
        canvas_move(cv, x, y + 6 * d);
        canvas_lineto(cv, x, y - 5 * d);
        canvas_path(cv, &(struct canvas_pen){NULL, chart_mark_colour(m), 2, 0, 0});
        canvas_move(cv, x, y - 6 * d);
        canvas_lineto(cv, x + 4, y - 1 * d);
        canvas_lineto(cv, x - 4, y - 1 * d);
        canvas_close(cv);
        canvas_path(cv, &fill);
        break;
    }
    default:
        break;
    }
}

enum {
    TABLE_HEAD = 30,
    TABLE_ROW = 24,
    TABLE_SPARK_ROW = 46,
    TABLE_NAME_MIN = 120,
    TABLE_LEGEND = 24,
};

static int table_row_h(const struct chart_table *t)
{
    return t->sparks ? TABLE_SPARK_ROW : TABLE_ROW;
}

int chart_table_height(const struct chart_table *t)
{
    return TABLE_HEAD + (int)t->nrows * table_row_h(t) + (t->legend ? TABLE_LEGEND : 0) + 8;
}

/* The widths of the columns (units) into w; returns the width of the row names. */
static double table_widths(const struct chart_table *t, double *w)
{
    double used = 0, name;

    for (size_t i = 0; i < t->ncols; i++) {
        w[i] = t->widths && t->widths[i] > 0 ? t->widths[i] : 0;
        used += w[i];
    }
    name = WIDTH - 16 - used;
    if (!t->widths || name < TABLE_NAME_MIN) {
        /* equal shares after a name column of a third at most */
        name = t->ncols ? (WIDTH - 16) / 3.0 : WIDTH - 16;
        if (t->ncols && (WIDTH - 16 - name) / (double)t->ncols > 160)
            name = WIDTH - 16 - 160.0 * (double)t->ncols;
        for (size_t i = 0; i < t->ncols; i++)
            w[i] = (WIDTH - 16 - name) / (double)t->ncols;
    }
    return name;
}

/* A small line of n values in the box (x, y, w, h), scaled to [lo, hi]. */
static void spark(struct canvas *cv, const double *v, size_t n, double lo, double hi, double x,
                  double y, double w, double h)
{
    int pen = 0;
    double span = hi > lo ? hi - lo : 1;

    for (size_t i = 0; i < n; i++) {
        double px = n > 1 ? x + w * (double)i / (double)(n - 1) : x + w / 2;
        double py = y + h - (v[i] - lo) / span * h;
        if (!isfinite(v[i])) {
            pen = 0;
            continue;
        }
        if (pen)
            canvas_lineto(cv, px, py);
        else
            canvas_move(cv, px, py);
        pen = 1;
    }
    canvas_path(cv, &(struct canvas_pen){NULL, colours[0], 1.5, 0, 0});
    for (size_t i = n; i-- > 0;)
        if (isfinite(v[i])) {
            double px = n > 1 ? x + w * (double)i / (double)(n - 1) : x + w / 2;
            canvas_circle(cv, px, y + h - (v[i] - lo) / span * h, 2.5,
                          &(struct canvas_pen){colours[0], NULL, 0, 0, 0});
            break;
        }
}

/* The code points of s (UTF-8 continuation bytes not counted). */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* A row's name at baseline y: with two_lines, broken at the last space that fits the first
 * line of max code points, the rest on a second line (cut with "…"). */
static void row_name(struct canvas *cv, const char *name, int bold, double y, size_t max,
                     int two_lines)
{
    size_t cut = 0, cps = 0, i;
    char first[400];

    if (!two_lines || chars(name) <= max || strlen(name) >= sizeof first) {
        canvas_text(cv, 8, y, CANVAS_START, bold, 0, TEXT_FILL, name, max);
        return;
    }
    for (i = 0; name[i] && cps <= max; i++) {
        if (((unsigned char)name[i] & 0xC0) != 0x80)
            cps++;
        if (name[i] == ' ' && cps <= max)
            cut = i;
    }
    if (!cut) {
        canvas_text(cv, 8, y, CANVAS_START, bold, 0, TEXT_FILL, name, max);
        return;
    }
    memcpy(first, name, cut);
    first[cut] = '\0';
    canvas_text(cv, 8, y, CANVAS_START, bold, 0, TEXT_FILL, first, 0);
    canvas_text(cv, 8, y + 15, CANVAS_START, bold, 0, TEXT_FILL, name + cut + 1, max);
}

int chart_table_draw(const struct chart_table *t, struct canvas *cv, struct kl_error *err)
{
    double w[CHART_MAX_COLUMNS], name_w, x, row_h = table_row_h(t);
    int rc, height = chart_table_height(t);

    if ((rc = check_head(t->id, t->title, err)))
        return rc;
    if (t->ncols > CHART_MAX_COLUMNS || t->nrows > CHART_MAX_ROWS || (t->ncols && !t->columns) ||
        (t->nrows && (!t->rows || (t->ncols && !t->cells))))
        return kl_error_set(err, KL_EINVAL, "a table of %zu rows and %zu columns is too large",
                            t->nrows, t->ncols);
    for (size_t i = 0; i < t->ncols; i++)
        if (!t->columns[i])
            return kl_error_set(err, KL_EINVAL, "column %zu has no header", i);
    for (size_t r = 0; r < t->nrows; r++)
        if (!t->rows[r])
            return kl_error_set(err, KL_EINVAL, "row %zu has no name", r);
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        if (t->cells[i].spark && t->cells[i].nspark > CHART_MAX_POINTS)
            return kl_error_set(err, KL_EINVAL, "a small series of %zu points is too long",
                                t->cells[i].nspark);
    name_w = table_widths(t, w);
    canvas_begin(cv, t->id, t->title, t->desc, "chart chart-table", WIDTH, height);
    /* header */
    if (t->corner)
        canvas_text(cv, 8, TABLE_HEAD - 10, CANVAS_START, 1, 0, TEXT_FILL, t->corner,
                    (size_t)(name_w / 7.5));
    x = 8 + name_w;
    for (size_t i = 0; i < t->ncols; i++) {
        canvas_text(cv, x + 4, TABLE_HEAD - 10, CANVAS_START, 1, 0, TEXT_FILL, t->columns[i],
                    (size_t)((w[i] - 6) / 8));
        x += w[i];
    }
    canvas_line(cv, 8, TABLE_HEAD - 2, WIDTH - 8, TABLE_HEAD - 2,
                &(struct canvas_pen){NULL, AXIS, 1.5, 0, 0});
    /* rows: name, then per column text, mark, words and the small line (scaled to the
     * column's own range) */
    for (size_t r = 0; r < t->nrows; r++) {
        double y = TABLE_HEAD + (double)r * row_h, base = y + (t->sparks ? 17 : 16);
        int bold = t->emphasis && t->emphasis[r];
        row_name(cv, t->rows[r], bold, base, (size_t)(name_w / 7.5), t->sparks);
        x = 8 + name_w;
        for (size_t i = 0; i < t->ncols; i++) {
            const struct chart_cell *cell = &t->cells[r * t->ncols + i];
            double tx = x + 4;
            if (cell->text) {
                size_t max = (size_t)(w[i] / 8);
                canvas_text(cv, tx, base, CANVAS_START, bold, 0, TEXT_FILL, cell->text,
                            max > 3 ? max : 3);
                tx += 8.0 * (double)(chars(cell->text) < 12 ? chars(cell->text) : 12) + 4;
            }
            if (cell->mark != CHART_MARK_NONE && (unsigned)cell->mark < CHART_MARK_COUNT_) {
                if (tx + 12 > x + w[i])
                    tx = x + w[i] - 12;
                chart_mark_draw(cv, cell->mark, tx + 6, base - 4);
                tx += 16;
            }
            if (cell->words && x + w[i] - tx > 20)
                canvas_text(cv, tx, base, CANVAS_START, 0, 11, TEXT_FILL, cell->words,
                            (size_t)((x + w[i] - tx) / 6.5));
            if (t->sparks && cell->spark) {
                /* one range for the row, so its cells compare (the cluster, the country) */
                double lo = 0, hi = 0;
                int any = 0;
                for (size_t cc = 0; cc < t->ncols; cc++) {
                    const struct chart_cell *o = &t->cells[r * t->ncols + cc];
                    for (size_t k = 0; o->spark && k < o->nspark; k++)
                        if (isfinite(o->spark[k])) {
                            if (!any || o->spark[k] < lo)
                                lo = o->spark[k];
                            if (!any || o->spark[k] > hi)
                                hi = o->spark[k];
                            any = 1;
                        }
                }
                spark(cv, cell->spark, cell->nspark, lo, hi, x + 6, y + 24, w[i] - 16, 15);
            }
            x += w[i];
        }
        canvas_line(cv, 8, y + row_h, WIDTH - 8, y + row_h,
                    &(struct canvas_pen){NULL, GRID, 0, 0, 0});
    }
    if (t->legend)
        canvas_text(cv, 8, TABLE_HEAD + (double)t->nrows * row_h + 18, CANVAS_START, 0, 11,
                    TEXT_FILL, t->legend, 110);
    return finish(cv, err);
}

int chart_table_svg(const struct chart_table *t, struct buf *out, struct kl_error *err)
{
    struct canvas cv;
    int rc;

    canvas_svg_init(&cv, out);
    rc = chart_table_draw(t, &cv, err);
    canvas_done(&cv);
    return rc;
}

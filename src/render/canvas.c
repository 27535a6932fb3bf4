/* canvas.c - the front end of the drawing surface (text cleaning, sticky errors) and its SVG
 * backend (see canvas.h). The cairo backend is in canvas_cairo.c. */
#include "render/canvas.h"

#include "core/error.h"
#include "core/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define FONTS "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"

/* ---- front end ------------------------------------------------------------------------ */

/* Cleans s into c->scratch: at most max code points (0: all) then "…", invalid UTF-8 as
 * U+FFFD, control characters as spaces. */
static const char *clean(struct canvas *c, const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0, cps = 0;

    buf_reset(&c->scratch);
    for (size_t i = 0; i < n && !c->rc;) {
        unsigned char ch = (unsigned char)s[i];
        size_t len = ch < 0x80 ? 1 : ch >= 0xF5 ? 0 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3
                     : ch >= 0xC2 ? 2 : 0;
        if (max && cps == max) {
            c->rc = buf_puts(&c->scratch, "\xE2\x80\xA6");
            break;
        }
        cps++;
        if (len == 0 || i + len > n || !utf8_valid(s + i, len, NULL)) {
            c->rc = buf_puts(&c->scratch, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        if (ch < 0x20 || ch == 0x7F)
            c->rc = buf_putc(&c->scratch, ' ');
        else
            c->rc = buf_append(&c->scratch, s + i, len);
        i += len;
    }
    if (!c->rc && !c->scratch.data)
        c->rc = buf_puts(&c->scratch, "");
    return buf_cstr(&c->scratch);
}

void canvas_begin(struct canvas *c, const char *id, const char *title, const char *desc,
                  const char *cls, int width, int height)
{
    const char *t, *d = NULL;
    struct buf keep;

    if (c->rc)
        return;
    t = clean(c, title, 0);
    /* the title is kept while the description is cleaned */
    buf_init(&keep, 0);
    if (!c->rc)
        c->rc = buf_puts(&keep, t);
    if (desc && !c->rc)
        d = clean(c, desc, 0);
    if (!c->rc) {
        c->ops->begin(c, id, buf_cstr(&keep), d, cls, width, height);
        c->begun = 1;
    }
    buf_free(&keep);
}

void canvas_end(struct canvas *c)
{
    if (c->begun)
        c->ops->end(c);
    c->begun = 0;
}

void canvas_line(struct canvas *c, double x1, double y1, double x2, double y2,
                 const struct canvas_pen *pen)
{
    if (!c->rc)
        c->ops->line(c, x1, y1, x2, y2, pen);
}

void canvas_rect(struct canvas *c, double x, double y, double w, double h,
                 const struct canvas_pen *pen)
{
    if (!c->rc)
        c->ops->rect(c, x, y, w, h, pen);
}

void canvas_circle(struct canvas *c, double cx, double cy, double r,
                   const struct canvas_pen *pen)
{
    if (!c->rc)
        c->ops->circle(c, cx, cy, r, pen);
}

void canvas_move(struct canvas *c, double x, double y)
{
    if (!c->rc) {
        c->ops->path_move(c, x, y);
        c->path_open = 1;
    }
}

void canvas_lineto(struct canvas *c, double x, double y)
{
    if (!c->rc && c->path_open)
        c->ops->path_line(c, x, y);
}

void canvas_close(struct canvas *c)
{
    if (!c->rc && c->path_open)
        c->ops->path_close(c);
}

void canvas_path(struct canvas *c, const struct canvas_pen *pen)
{
    if (!c->rc && c->path_open)
        c->ops->path_end(c, pen);
    c->path_open = 0;
}

void canvas_text(struct canvas *c, double x, double y, enum canvas_anchor anchor, int bold,
                 double size, const char *colour, const char *text, size_t max)
{
    const char *t;

    if (c->rc)
        return;
    t = clean(c, text, max);
    if (!c->rc)
        c->ops->text(c, x, y, anchor, bold, size > 0 ? size : 12, colour, t);
}

int canvas_status(const struct canvas *c)
{
    return c->rc;
}

int canvas_done(struct canvas *c)
{
    canvas_end(c);
    buf_free(&c->scratch);
    if (c->rc && c->out) {
        c->out->len = c->start;
        if (c->out->data)
            c->out->data[c->start] = '\0';
    }
    return c->rc;
}

/* ---- SVG ------------------------------------------------------------------------------ */

static void put(struct canvas *c, const char *s)
{
    if (!c->rc)
        c->rc = buf_puts(c->out, s);
}

static void putf(struct canvas *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct canvas *c, const char *fmt, ...)
{
    va_list ap;

    if (c->rc)
        return;
    va_start(ap, fmt);
    c->rc = buf_vprintf(c->out, fmt, ap);
    va_end(ap);
}

/* Appends clean text XML-escaped. */
static void escaped(struct canvas *c, const char *s)
{
    for (const char *p = s; *p && !c->rc; p++) {
        switch (*p) {
        case '&': put(c, "&amp;"); break;
        case '<': put(c, "&lt;"); break;
        case '>': put(c, "&gt;"); break;
        case '"': put(c, "&quot;"); break;
        case '\'': put(c, "&#39;"); break;
        default: c->rc = buf_putc(c->out, *p);
        }
    }
}

/* A colour attribute's value: only "#" and hex digits pass, anything else is black. */
static const char *colour(const char *s)
{
    size_t n = s ? strlen(s) : 0;

    if (n != 7 || s[0] != '#' || strspn(s + 1, "0123456789abcdefABCDEF") != 6)
        return "#000000";
    return s;
}

static void pen_attrs(struct canvas *c, const struct canvas_pen *pen)
{
    putf(c, " fill=\"%s\"", pen->fill ? colour(pen->fill) : "none");
    if (pen->stroke) {
        putf(c, " stroke=\"%s\"", colour(pen->stroke));
        if (pen->width > 0 && pen->width != 1)
            putf(c, " stroke-width=\"%g\"", pen->width);
        if (pen->dash_on > 0)
            putf(c, " stroke-dasharray=\"%g %g\"", pen->dash_on, pen->dash_off);
    }
}

static void svg_begin(struct canvas *c, const char *id, const char *title, const char *desc,
                      const char *cls, int width, int height)
{
    putf(c, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"%s\" role=\"img\" "
            "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" aria-labelledby=\"%s-title\"",
         cls, width, height, width, height, id);
    if (desc)
        putf(c, " aria-describedby=\"%s-desc\"", id);
    putf(c, " font-family=\"%s\" font-size=\"12\"><title id=\"%s-title\">", FONTS, id);
    escaped(c, title);
    put(c, "</title>");
    if (desc) {
        putf(c, "<desc id=\"%s-desc\">", id);
        escaped(c, desc);
        put(c, "</desc>");
    }
    putf(c, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", width,
         height);
}

static void svg_end(struct canvas *c)
{
    put(c, "</svg>");
}

static void svg_line(struct canvas *c, double x1, double y1, double x2, double y2,
                     const struct canvas_pen *pen)
{
    putf(c, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"", x1, y1, x2, y2);
    pen_attrs(c, &(struct canvas_pen){NULL, pen->stroke ? pen->stroke : "#000000",
                                      pen->width, pen->dash_on, pen->dash_off});
    put(c, "/>");
}

static void svg_rect(struct canvas *c, double x, double y, double w, double h,
                     const struct canvas_pen *pen)
{
    putf(c, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"", x, y, w, h);
    pen_attrs(c, pen);
    put(c, "/>");
}

static void svg_circle(struct canvas *c, double cx, double cy, double r,
                       const struct canvas_pen *pen)
{
    putf(c, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%g\"", cx, cy, r);
    pen_attrs(c, pen);
    put(c, "/>");
}

static void svg_path_move(struct canvas *c, double x, double y)
{
    putf(c, "%sM%.1f %.1f", c->path_open ? "" : "<path d=\"", x, y);
}

static void svg_path_line(struct canvas *c, double x, double y)
{
    putf(c, "L%.1f %.1f", x, y);
}

static void svg_path_close(struct canvas *c)
{
    put(c, "Z");
}

static void svg_path_end(struct canvas *c, const struct canvas_pen *pen)
{
    put(c, "\"");
    pen_attrs(c, pen);
    put(c, "/>");
}

static void svg_text(struct canvas *c, double x, double y, enum canvas_anchor anchor, int bold,
                     double size, const char *col, const char *text)
{
    putf(c, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
    if (anchor == CANVAS_MIDDLE)
        put(c, " text-anchor=\"middle\"");
    else if (anchor == CANVAS_END)
        put(c, " text-anchor=\"end\"");
    putf(c, " fill=\"%s\"", colour(col));
    if (bold)
        put(c, " font-weight=\"bold\"");
    if (size != 12)
        putf(c, " font-size=\"%g\"", size);
    put(c, ">");
    escaped(c, text);
    put(c, "</text>");
}

static const struct canvas_ops svg_ops = {
    svg_begin, svg_end,       svg_line,       svg_rect,     svg_circle,
    svg_path_move, svg_path_line, svg_path_close, svg_path_end, svg_text,
};

void canvas_svg_init(struct canvas *c, struct buf *out)
{
    memset(c, 0, sizeof *c);
    c->ops = &svg_ops;
    c->out = out;
    c->start = out->len;
    buf_init(&c->scratch, 0);
}

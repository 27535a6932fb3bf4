/* pdf_flow.h - text flowed down the pages of a klynge PDF document (the agenda and minutes
 * of pdf_meeting.c, the data package of pdf_datapakke.c), in two passes: the first
 * measures (how many pages, where each section starts), the second draws with those
 * known. Holds a pass's A4 PDF surface with its pango layouts and fonts, the text area,
 * the position, the page breaks between lines, and the placing of text; the document
 * draws each new page's header and footer in its decorate callback. */
#ifndef KL_RENDER_PDF_FLOW_H
#define KL_RENDER_PDF_FLOW_H

#include <cairo.h>
#include <pango/pango.h>

struct buf;
struct kl_error;

/* The most fonts a document describes. */
#define PDF_FLOW_FONTS 8

/* The text area of a page: lines start at top and end above bottom. */
struct pdf_area {
    double left, top, bottom, width;
};

struct pdf_flow {
    cairo_surface_t *surf;
    cairo_t *cr;
    PangoContext *pc;
    PangoLayout *lay;                   /* flowed text */
    PangoLayout *aux;                   /* text placed while a flow is under way */
    PangoFontDescription *fonts[PDF_FLOW_FONTS]; /* by the document's font numbers */
    int nfonts;
    struct pdf_area area;
    double reserve;                     /* points kept free right of flowed text */
    double bar_x;                       /* > 0: a quote's bar left of each line, at this x */
    double last_top;                    /* the top of the last line flowed */
    double y;                           /* the next line's top */
    int pass;                           /* 1: measure, 2: draw */
    int page;                           /* the current page, from 1 */
    int pages;                          /* the total, known in pass 2 */
    int at_top;                         /* nothing on this page yet */
    void (*decorate)(void *doc);        /* a new page's header and footer */
    void *doc;
};

/* Starts pass (1: measure, 2: draw) of a document at page 0 (the first pdf_flow_new_page
 * makes page 1): an A4 PDF surface that writes into out in pass 2 (pdf_stream_buf) and
 * nowhere in pass 1, its pango context and two layouts, and the fonts of specs[0..nfonts)
 * (pango descriptions, nfonts at most PDF_FLOW_FONTS), text within area; decorate(doc)
 * draws each new page's header and footer. Keeps pages, reserve and bar_x. Under
 * pdf_doc_lock, after pdf_fonts_ready; end it with pdf_flow_end. */
void pdf_flow_begin(struct pdf_flow *f, int pass, struct buf *out, const char *const *specs,
                    int nfonts, const struct pdf_area *area, void (*decorate)(void *doc),
                    void *doc);

/* Ends the pass: frees what pdf_flow_begin made and finishes the document. Returns 0;
 * KL_ELIMIT when the document grew larger than out allows; KL_EIO for another cairo
 * failure (err says which). */
int pdf_flow_end(struct pdf_flow *f, struct kl_error *err);

/* Draws markup at (x, y top) in font, width w (0: no wrapping), aligned; pass 2 only. */
void pdf_flow_draw_at(struct pdf_flow *f, const char *markup, int font, double x, double y,
                      double w, PangoAlignment align);

/* Ends the page (pass 2), starts the next at the top and has it decorated. */
void pdf_flow_new_page(struct pdf_flow *f);

/* Starts a new page unless h points fit below the position (or the page is empty). */
void pdf_flow_need(struct pdf_flow *f, double h);

/* h points of space, unless at the top of a page. */
void pdf_flow_gap(struct pdf_flow *f, double h);

/* Lays out markup in font at indent (at most half the width), line by line: a line that
 * does not fit goes to the next page. marker (markup, may be NULL) is drawn left of the
 * first line; with bar_x set, a bar left of every line. */
void pdf_flow_lines(struct pdf_flow *f, const char *markup, int font, double indent,
                    const char *marker);

#endif

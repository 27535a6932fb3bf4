/* pdf_datapakke.h - a forum's data package (datapakke) for a meeting as an A4 PDF, drawn with
 * cairo and pango like the agenda (render/pdf_doc.h), with its charts drawn by the same code
 * as the pages' SVG charts (render/chart.h through a cairo canvas).
 *
 * The document: a front page (the title, forum, meeting, clusters, a warning when the
 * values are synthetic demo data, the legend of "<5", "x" and the signals, the contents with
 * page numbers, and the overview table: every indicator's latest value with its marks and
 * small series); then per indicator its section (name, code, unit, source, the bar chart of
 * the latest period, the table of values with both signals as shape and words, the line
 * chart over time); then "Definitions and sources" with every indicator's definition and
 * where its values came from. Every page has "Page X of Y" and every page but the first a
 * header (forum, "Datapakke", date); the PDF has an outline with one entry per section.
 *
 * Input is a plain struct of texts and charts the caller has prepared: this module decides
 * nothing about discretion; every number it gets is written as given. */
#ifndef KL_RENDER_PDF_DATAPAKKE_H
#define KL_RENDER_PDF_DATAPAKKE_H

#include "core/i18n.h"
#include "render/chart.h"

#include <stddef.h>

struct buf;
struct kl_error;

struct pdf_dp_fact {
    const char *term;   /* "Definition", "Tæller", ... */
    const char *text;   /* "" or NULL: the fact is left out */
};

struct pdf_dp_indicator {
    const char *name;              /* the heading */
    const char *meta;              /* under it: "FOREBYG-65 · pr. 1.000 borgere · ..." */
    const char *notes;             /* lines separated by '\n' ("To verify ...", shared
                                      municipalities); "" or NULL: none */
    const char *empty;             /* shown instead of charts and table; NULL: there are some */
    const char *bars_heading;      /* "Seneste periode: 2024" */
    const struct chart_bars *bars; /* NULL: none */
    const struct chart_table *table;  /* values and signals; NULL: none */
    const char *line_heading;      /* "Over tid" */
    const struct chart_line *line; /* NULL: none */
    const struct pdf_dp_fact *facts;  /* the definition, at the back */
    size_t nfacts;
};

struct pdf_datapakke {
    enum i18n_language lang;
    const char *forum;
    const char *meeting;           /* the meeting: kind, date, time, place, title */
    const char *date;              /* "30.08.2023", for the page headers and the title */
    const char *clusters;          /* "Klynge MIDT" */
    const char *warning;           /* a warning in a box on the front page (synthetic
                                      values); NULL: none */
    const char *intro;             /* a paragraph under the facts; NULL: none */
    const char *legend;            /* what "<5", "x", "–" and the marks mean */
    const struct chart_table *overview; /* NULL: none */
    const struct pdf_dp_indicator *indicators;
    size_t n;
};

/* Appends the PDF of d to out and sets *pages (may be NULL) to its page count. Text is
 * taken as UTF-8 (invalid bytes shown as U+FFFD). 0; KL_EINVAL when a chart is refused
 * (chart.h); KL_ENOMEM/KL_ELIMIT (out's cap); KL_EIO when the fonts or cairo fail. */
int pdf_datapakke_render(const struct pdf_datapakke *d, struct buf *out, int *pages,
                         struct kl_error *err);

#endif

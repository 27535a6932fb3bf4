/* indicator_ui.h - indicator values as the pages, downloads and API of klynge write them, in
 * the request's language: names, units, periods, numbers with Danish or English separators,
 * hidden values ("<5", "x"), signals as colour, shape and words, the legend, the definition,
 * and the charts and tables of a grid. Every output path takes its numbers from an
 * ind_grid made by app_indicator_grid, where discretion has already removed what the
 * principal may not see. Strings are in the request's arena. */
#ifndef KL_WEB_INDICATOR_UI_H
#define KL_WEB_INDICATOR_UI_H

#include "app/indicator_grid.h"

#include <stddef.h>

struct html;
struct request;

/* The indicator's name in the request's language. */
const char *iu_name(struct request *r, const struct indicator *ind);

/* A fieldset with legend (a msgid) of checkboxes, one per indicator of all[0..n) called
 * "ind_CODE", ticked when the code is in chosen[0..nchosen). */
void iu_indicator_checkboxes(struct request *r, struct html *h, const char *legend,
                             const struct indicator *all, size_t n, const char *const *chosen,
                             size_t nchosen);

/* The codes ticked in such a form (fields "ind_CODE" with value "1") in the request's arena,
 * in the form's order; *n of them. NULL when out of memory. */
struct form;
const char **iu_checked_indicators(struct request *r, const struct form *f, size_t *n);

/* The unit as a column header: "%", "pr. 1.000 borgere", "antal", ... */
const char *iu_unit(struct request *r, const struct indicator *ind);

/* "2023", "2. kvt. 2023" / "Q2 2023", "maj 2023" / "May 2023". */
const char *iu_period(struct request *r, const struct period *p);

/* A geography's name; the country's in the request's language. */
const char *iu_geo(struct request *r, const struct ind_geo *g);

/* v with decimals and the language's separators ("1.234,5"). */
const char *iu_number(struct request *r, double v, int decimals);

/* What a cell shows: its value, "<5" or "x" when hidden, "–" when it has none. */
const char *iu_cell(struct request *r, const struct ind_grid *g, const struct ind_cell *c);

/* A count with thousands separators, or "" for IND_NONE. */
const char *iu_count(struct request *r, int64_t v);

/* The words of a signal ("improving", "better than the country", ...); "" for none. */
const char *iu_signal_text(struct request *r, enum signal s, int vs_country);

/* The stable name of a signal's colour ("good", "same", "bad", "neutral"; "" for none). */
const char *iu_signal_class(enum signal s);

/* The shape of a signal (UTF-8): a circle for good, a triangle for the same, a square for
 * bad, arrows for indicators without a better direction; "" for none. */
const char *iu_signal_shape(enum signal s);

/* A signal as a badge: colour, a shape (circle good, triangle same, square bad, arrows for
 * indicators without a better direction) hidden from screen readers, and the words. */
void iu_signal(struct request *r, struct html *h, enum signal s, int vs_country);

/* Why a sum has no value, in words ("not computed: Samsø has no value"); NULL when it has
 * one. */
const char *iu_missing(struct request *r, const struct ind_grid *g, const struct ind_cell *c);

/* The legend: what "<5" and "x" mean (with the indicator's minimum), the signals, and for
 * those who see small numbers that the marked ones are hidden from others. */
void iu_legend(struct request *r, struct html *h, const struct ind_grid *g);

/* The definition as a description list: description, numerator, denominator, unit, better
 * direction, period, source with its link, minimum count, signal rule, and whether it was
 * verified against its source (what is still to verify). */
void iu_definition(struct request *r, struct html *h, const struct indicator *ind);

/* A line chart of the geographies geos[0..n) over the grid's shown periods: the first is
 * emphasised when emphasise_first, the country drawn dashed; hidden and missing values are
 * gaps. Followed by the table of the same numbers. id: unique on the page ([a-z0-9-]). */
int iu_series(struct request *r, struct html *h, const struct ind_grid *g, const int *geos,
              size_t n, int emphasise_first, const char *id, const char *title);

#endif

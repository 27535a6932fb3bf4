/* indicator_export.h - indicator values as downloads: CSV for Excel (Danish: semicolon,
 * decimal comma, UTF-8 with BOM; English: comma and decimal point) and XLSX (libxlsxwriter,
 * written to a file in a private temporary directory and read back). Both carry exactly
 * what the pages show: hidden values as "<5" or "x" with no numerator or denominator, and
 * the signals in words. */
#ifndef KL_WEB_INDICATOR_EXPORT_H
#define KL_WEB_INDICATOR_EXPORT_H

#include <stddef.h>

struct ind_grid;
struct request;

/* The geographies geos[0..ngeo) of one grid (its shown periods). */
struct iu_export {
    const struct ind_grid *g;
    const int *geos;
    size_t ngeo;
};

/* Sends the parts as a CSV download named filename ([A-Za-z0-9._-]). One row per indicator,
 * period and geography. */
int iu_send_csv(struct request *r, const char *filename, const struct iu_export *parts,
                size_t n);

/* Sends the parts as an XLSX workbook named filename: one sheet of values (numbers as
 * numbers, hidden ones as text) and one of the indicators' definitions. */
int iu_send_xlsx(struct request *r, const char *filename, const struct iu_export *parts,
                 size_t n);

#endif

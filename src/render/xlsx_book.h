/* xlsx_book.h - an Excel workbook (libxlsxwriter) written into a buffer: a header row in
 * bold with frozen panes, text, numbers, days as Excel dates and amounts in øre as kroner
 * with two decimals. Debian's libxlsxwriter (1.1.4) writes only to a file, so each book
 * lives in a private temporary directory (mkdtemp, 0700) that xlsx_book_close removes. */
#ifndef KL_RENDER_XLSX_BOOK_H
#define KL_RENDER_XLSX_BOOK_H

#include <stddef.h>
#include <stdint.h>
#include <xlsxwriter.h>

struct buf;
struct kl_error;

#define XLSX_MAX_BYTES ((size_t)32 << 20)
#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

struct xlsx_book {
    lxw_workbook *wb;
    lxw_format *bold, *date, *datetime, *money, *wrap;
    char dir[32];
    char path[64];
};

/* Starts a book. 0, or KL_EIO (no temporary directory, no workbook) with nothing left. */
int xlsx_book_open(struct xlsx_book *b, struct kl_error *err);

/* Adds a sheet called name (at most 31 characters, no []:*?/\) with headers[0..n) in bold
 * in row 0, column widths widths[0..n) (characters), the header row frozen. NULL when out
 * of memory. */
lxw_worksheet *xlsx_book_sheet(struct xlsx_book *b, const char *name,
                               const char *const *headers, const double *widths, size_t n);

/* Cells; text NULL or "" and day DATE_OPEN write nothing. */
void xlsx_text(struct xlsx_book *b, lxw_worksheet *ws, size_t row, size_t col,
               const char *text);
void xlsx_number(lxw_worksheet *ws, size_t row, size_t col, double v);
void xlsx_day(struct xlsx_book *b, lxw_worksheet *ws, size_t row, size_t col, int32_t day);
/* A UTC instant as a Copenhagen local Excel date and time; nothing for 0. */
void xlsx_instant(struct xlsx_book *b, lxw_worksheet *ws, size_t row, size_t col, int64_t t);
void xlsx_money(struct xlsx_book *b, lxw_worksheet *ws, size_t row, size_t col, int64_t ore);

/* Writes the book, appends its bytes to out and removes the temporary files. 0; KL_EIO
 * when it could not be written or read back, KL_ELIMIT past XLSX_MAX_BYTES (out as it
 * was). The book is finished either way. */
int xlsx_book_close(struct xlsx_book *b, struct buf *out, struct kl_error *err);

/* Finishes a book without output (after a failure), removing its files. */
void xlsx_book_abandon(struct xlsx_book *b);

#endif

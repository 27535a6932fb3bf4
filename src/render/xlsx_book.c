/* xlsx_book.c - Excel workbooks into a buffer through a private temporary file (see
 * xlsx_book.h). */
#include "render/xlsx_book.h"

#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "model/org.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int xlsx_book_open(struct xlsx_book *b, struct kl_error *err)
{
    lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = NULL};

    memset(b, 0, sizeof(*b));
    snprintf(b->dir, sizeof(b->dir), "/tmp/klynge-xlsx-XXXXXX");
    if (!mkdtemp(b->dir))
        return kl_error_set(err, KL_EIO, "no private temporary directory: %s", strerror(errno));
    snprintf(b->path, sizeof(b->path), "%s/book.xlsx", b->dir);
    opts.tmpdir = b->dir;
    if (!(b->wb = workbook_new_opt(b->path, &opts))) {
        rmdir(b->dir);
        return kl_error_set(err, KL_EIO, "the workbook could not be created");
    }
    b->bold = workbook_add_format(b->wb);
    format_set_bold(b->bold);
    b->date = workbook_add_format(b->wb);
    format_set_num_format(b->date, "dd-mm-yyyy");
    b->datetime = workbook_add_format(b->wb);
    format_set_num_format(b->datetime, "dd-mm-yyyy hh:mm");
    b->money = workbook_add_format(b->wb);
    format_set_num_format(b->money, "#,##0.00");
    b->wrap = workbook_add_format(b->wb);
    format_set_text_wrap(b->wrap);
    format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
    return 0;
}

lxw_worksheet *xlsx_book_sheet(struct xlsx_book *b, const char *name,
                               const char *const *headers, const double *widths, size_t n)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);

    for (size_t c = 0; ws && c < n; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, headers[c], b->bold);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c],
                             widths[c] > 30 ? b->wrap : NULL);
    }
    if (ws)
        worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

void xlsx_text(struct xlsx_book *b, lxw_worksheet *ws, size_t row, size_t col,
               const char *text)
{
    (void)b;
    if (text && *text)
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text, NULL);
}

void xlsx_number(lxw_worksheet *ws, size_t row, size_t col, double v)
{
    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, NULL);
}

void xlsx_day(struct xlsx_book *b, lxw_worksheet *ws, size_t row, size_t col, int32_t day)
{
    lxw_datetime dt = {0};

    if (day == DATE_OPEN)
        return;
    date_to_ymd(day, &dt.year, &dt.month, &dt.day);
    worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt, b->date);
}

void xlsx_instant(struct xlsx_book *b, lxw_worksheet *ws, size_t row, size_t col, int64_t t)
{
    lxw_datetime dt = {0};
    int64_t local = t + date_cph_offset(t);
    int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int64_t rest = local - day * 86400;

    if (!t)
        return;
    date_to_ymd((int32_t)day, &dt.year, &dt.month, &dt.day);
    dt.hour = (int)(rest / 3600);
    dt.min = (int)(rest / 60 % 60);
    worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt, b->datetime);
}

void xlsx_money(struct xlsx_book *b, lxw_worksheet *ws, size_t row, size_t col, int64_t ore)
{
    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)ore / 100.0, b->money);
}

static int read_back(const char *path, struct buf *out, struct kl_error *err)
{
    FILE *f = fopen(path, "rb");
    size_t mark = out->len, got;
    char chunk[65536];
    int rc = 0;

    if (!f)
        return kl_error_set(err, KL_EIO, "the workbook could not be read back: %s",
                            strerror(errno));
    while (rc == 0 && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (out->len - mark + got > XLSX_MAX_BYTES || buf_append(out, chunk, got))
            rc = kl_error_set(err, KL_ELIMIT, "the workbook is too large");
    if (rc == 0 && ferror(f))
        rc = kl_error_set(err, KL_EIO, "the workbook could not be read back");
    fclose(f);
    if (rc) {
        out->len = mark;
        if (out->data)
            out->data[mark] = '\0';
    }
    return rc;
}

int xlsx_book_close(struct xlsx_book *b, struct buf *out, struct kl_error *err)
{
    int rc = workbook_close(b->wb) == LXW_NO_ERROR
                 ? read_back(b->path, out, err)
                 : kl_error_set(err, KL_EIO, "the workbook could not be written");

    unlink(b->path);
    rmdir(b->dir);
    b->wb = NULL;
    return rc;
}

void xlsx_book_abandon(struct xlsx_book *b)
{
    if (b->wb)
        workbook_close(b->wb);
    unlink(b->path);
    rmdir(b->dir);
    b->wb = NULL;
}

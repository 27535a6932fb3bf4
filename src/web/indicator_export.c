/* indicator_export.c - CSV and XLSX downloads of indicator values (see
 * indicator_export.h). */
#include "web/indicator_export.h"
#include "web/indicator_ui.h"
#include "web/request.h"
#include "app/discretion.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/number.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define MAX_XLSX_BYTES ((size_t)32 << 20)

static const char *const columns[] = {
    N_("indicator"), N_("indicator_name"), N_("period"), N_("geography_kind"),
    N_("geography_code"), N_("geography"), N_("value"), N_("numerator"), N_("denominator"),
    N_("unit"), N_("vs_previous_period"), N_("vs_country"), N_("computed_from_municipalities"),
    N_("source"),
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

static const char *kind_text(struct request *r, enum geo_kind k)
{
    switch (k) {
    case GEO_CLUSTER: return T_(r, "cluster");
    case GEO_REGION: return T_(r, "region");
    case GEO_COUNTRY: return T_(r, "country");
    default: return T_(r, "municipality");
    }
}

/* The fields of one row, as text (numbers without thousands separators, so that a
 * spreadsheet reads them back). */
static void row_fields(struct request *r, const struct ind_grid *g, size_t p, size_t geo,
                       char decimal, const char **f)
{
    const struct ind_cell *c = ind_grid_cell(g, p, geo);
    const struct ind_geo *gg = &g->geos[geo];
    char period[PERIOD_TEXT_MAX], num[48];

    period_format(&g->periods[p], period);
    f[0] = g->ind.code;
    f[1] = iu_name(r, &g->ind);
    f[2] = arena_strdup(r->arena, period);
    f[3] = kind_text(r, gg->kind);
    f[4] = gg->code;
    f[5] = iu_geo(r, gg);
    if (c->hidden != CELL_SHOWN) {
        char t[8];
        discretion_text(g, c->hidden, t);
        f[6] = arena_strdup(r->arena, t);
    } else if (c->has_value) {
        number_format(c->value, g->ind.decimals, decimal, 0, num, sizeof(num));
        f[6] = arena_strdup(r->arena, num);
    } else {
        f[6] = "";
    }
    f[7] = c->numerator >= 0 ? arena_printf(r->arena, "%lld", (long long)c->numerator) : "";
    f[8] = c->denominator >= 0 ? arena_printf(r->arena, "%lld", (long long)c->denominator) : "";
    f[9] = iu_unit(r, &g->ind);
    f[10] = iu_signal_text(r, c->vs_prev, 0);
    f[11] = iu_signal_text(r, c->vs_country, 1);
    f[12] = c->computed ? T_(r, "yes") : "";
    f[13] = c->source_label && c->hidden == CELL_SHOWN && c->has_value ? c->source_label : "";
}

static int put_field(struct buf *b, const char *s, char sep)
{
    if (!s)
        s = "";
    if (!strchr(s, sep) && !strchr(s, '"') && !strchr(s, '\n') && !strchr(s, '\r'))
        return buf_puts(b, s);
    if (buf_putc(b, '"'))
        return KL_ENOMEM;
    for (; *s; s++)
        if ((*s == '"' && buf_putc(b, '"')) || buf_putc(b, *s))
            return KL_ENOMEM;
    return buf_putc(b, '"');
}

static int attachment(struct request *r, const char *filename, const char *type)
{
    r->res.content_type = type;
    return res_header(r, "Content-Disposition",
                      arena_printf(r->arena, "attachment; filename=\"%s\"", filename));
}

int iu_send_csv(struct request *r, const char *filename, const struct iu_export *parts,
                size_t n)
{
    const int da = r->lang == LANG_DA;
    const char sep = da ? ';' : ',';
    struct buf *b = &r->res.body;
    const char *f[NCOLUMNS];
    int rc = 0;

    buf_reset(b);
    if (da)
        rc |= buf_puts(b, "\xEF\xBB\xBF");
    for (size_t i = 0; i < NCOLUMNS; i++)
        rc |= (i ? buf_putc(b, sep) : 0) | put_field(b, T_(r, columns[i]), sep);
    rc |= buf_puts(b, "\r\n");
    for (size_t k = 0; k < n && rc == 0; k++) {
        const struct ind_grid *g = parts[k].g;
        for (size_t p = g->first_period; p < g->nperiods && rc == 0; p++)
            for (size_t i = 0; i < parts[k].ngeo && rc == 0; i++) {
                row_fields(r, g, p, (size_t)parts[k].geos[i], da ? ',' : '.', f);
                for (size_t c = 0; c < NCOLUMNS; c++)
                    rc |= (c ? buf_putc(b, sep) : 0) | put_field(b, f[c], sep);
                rc |= buf_puts(b, "\r\n");
            }
    }
    if (rc)
        return req_fail(r, KL_ENOMEM, "out of memory writing the download");
    return attachment(r, filename, "text/csv; charset=utf-8");
}

/* Reads the file at path into the response body. */
static int read_back(struct request *r, const char *path)
{
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t got;
    int rc = 0;

    if (!f)
        return req_fail(r, KL_EIO, "the workbook could not be read back: %s", strerror(errno));
    buf_reset(&r->res.body);
    while (rc == 0 && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (r->res.body.len + got > MAX_XLSX_BYTES || buf_append(&r->res.body, chunk, got))
            rc = req_fail(r, KL_ELIMIT, "the workbook is too large");
    fclose(f);
    return rc;
}

/* Writes the workbook into path. */
static int write_workbook(struct request *r, const char *path, const struct iu_export *parts,
                          size_t n)
{
    lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    lxw_workbook *wb;
    lxw_worksheet *ws, *defs;
    lxw_format *bold;
    const char *f[NCOLUMNS];
    lxw_row_t row = 0;
    char *dir = arena_strdup(r->arena, path);
    char *slash = dir ? strrchr(dir, '/') : NULL;

    if (slash)
        *slash = '\0';
    opts.tmpdir = dir;
    wb = workbook_new_opt(path, &opts);
    if (!wb)
        return req_fail(r, KL_EIO, "the workbook could not be created");
    ws = workbook_add_worksheet(wb, T_(r, "Values"));
    defs = workbook_add_worksheet(wb, T_(r, "Definitions"));
    bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (size_t c = 0; c < NCOLUMNS; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, T_(r, columns[c]), bold);
    for (size_t k = 0; k < n; k++) {
        const struct ind_grid *g = parts[k].g;
        for (size_t p = g->first_period; p < g->nperiods; p++)
            for (size_t i = 0; i < parts[k].ngeo; i++) {
                const struct ind_cell *c = ind_grid_cell(g, p, (size_t)parts[k].geos[i]);
                row++;
                row_fields(r, g, p, (size_t)parts[k].geos[i], '.', f);
                for (size_t col = 0; col < NCOLUMNS; col++) {
                    if (col == 6 && c->hidden == CELL_SHOWN && c->has_value)
                        worksheet_write_number(ws, row, (lxw_col_t)col, c->value, NULL);
                    else if ((col == 7 && c->numerator >= 0) ||
                             (col == 8 && c->denominator >= 0))
                        worksheet_write_number(ws, row, (lxw_col_t)col,
                                               (double)(col == 7 ? c->numerator
                                                                 : c->denominator), NULL);
                    else if (*f[col])
                        worksheet_write_string(ws, row, (lxw_col_t)col, f[col], NULL);
                }
            }
    }
    worksheet_write_string(defs, 0, 0, T_(r, "indicator"), bold);
    worksheet_write_string(defs, 0, 1, T_(r, "indicator_name"), bold);
    worksheet_write_string(defs, 0, 2, T_(r, "Definition"), bold);
    worksheet_write_string(defs, 0, 3, T_(r, "Numerator"), bold);
    worksheet_write_string(defs, 0, 4, T_(r, "Denominator"), bold);
    worksheet_write_string(defs, 0, 5, T_(r, "Source"), bold);
    worksheet_write_string(defs, 0, 6, T_(r, "To verify against the source"), bold);
    for (size_t k = 0; k < n; k++) {
        const struct indicator *ind = &parts[k].g->ind;
        lxw_row_t dr = (lxw_row_t)k + 1;
        worksheet_write_string(defs, dr, 0, ind->code, NULL);
        worksheet_write_string(defs, dr, 1, iu_name(r, ind), NULL);
        worksheet_write_string(defs, dr, 2, ind->description, NULL);
        worksheet_write_string(defs, dr, 3, ind->numerator, NULL);
        worksheet_write_string(defs, dr, 4, ind->denominator, NULL);
        worksheet_write_string(defs, dr, 5, arena_printf(r->arena, "%s %s", ind->source,
                                                         ind->source_url), NULL);
        worksheet_write_string(defs, dr, 6, ind->verified ? "" : ind->verify_note, NULL);
    }
    if (workbook_close(wb) != LXW_NO_ERROR)
        return req_fail(r, KL_EIO, "the workbook could not be written");
    return 0;
}

int iu_send_xlsx(struct request *r, const char *filename, const struct iu_export *parts,
                 size_t n)
{
    char dir[] = "/tmp/klynge-xlsx-XXXXXX";
    char *path;
    int rc;

    if (!mkdtemp(dir))
        return req_fail(r, KL_EIO, "no private temporary directory: %s", strerror(errno));
    path = arena_printf(r->arena, "%s/values.xlsx", dir);
    rc = path ? write_workbook(r, path, parts, n) : req_fail(r, KL_ENOMEM, "out of memory");
    if (rc == 0)
        rc = read_back(r, path);
    if (path)
        unlink(path);
    rmdir(dir);
    if (rc == 0)
        rc = attachment(r, filename,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return rc;
}

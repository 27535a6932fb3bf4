/* exports_meeting.c - XLSX downloads of a forum's year plan, of open follow-ups and of
 * referrals (see handlers_docs.h): dates as Excel dates, numbers as numbers, headers in the
 * visitor's language. The app layer's readers decide what the visitor may see. Debian's
 * libxlsxwriter writes to a file, so each workbook is written in a private temporary
 * directory and read back into the response. */
#include "web/handlers_docs.h"
#include "web/labels.h"
#include "web/request.h"
#include "app/meeting.h"
#include "app/meeting_followup.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "model/meeting.h"
#include "model/org.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define MAX_XLSX_BYTES ((size_t)32 << 20)
#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

struct sheet {
    struct request *r;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold, *date, *datetime;
    char dir[32];
    char *path;
};

/* Opens a workbook with one sheet called title (msgid) and its header row (msgids). */
static int sheet_open(struct request *r, struct sheet *s, const char *title,
                      const char *const *headers, size_t n)
{
    lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = NULL};

    memset(s, 0, sizeof(*s));
    s->r = r;
    snprintf(s->dir, sizeof(s->dir), "/tmp/klynge-xlsx-XXXXXX");
    if (!mkdtemp(s->dir))
        return req_fail(r, KL_EIO, "no private temporary directory: %s", strerror(errno));
    s->path = arena_printf(r->arena, "%s/export.xlsx", s->dir);
    opts.tmpdir = s->dir;
    s->wb = s->path ? workbook_new_opt(s->path, &opts) : NULL;
    if (!s->wb) {
        rmdir(s->dir);
        return req_fail(r, KL_EIO, "the workbook could not be created");
    }
    s->ws = workbook_add_worksheet(s->wb, T_(r, title));
    s->bold = workbook_add_format(s->wb);
    format_set_bold(s->bold);
    s->date = workbook_add_format(s->wb);
    format_set_num_format(s->date, "dd-mm-yyyy");
    s->datetime = workbook_add_format(s->wb);
    format_set_num_format(s->datetime, "dd-mm-yyyy hh:mm");
    for (size_t c = 0; c < n; c++) {
        worksheet_write_string(s->ws, 0, (lxw_col_t)c, T_(r, headers[c]), s->bold);
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, 18, NULL);
    }
    worksheet_freeze_panes(s->ws, 1, 0);
    return 0;
}

static void cell_text(struct sheet *s, lxw_row_t row, lxw_col_t col, const char *text)
{
    if (text && *text)
        worksheet_write_string(s->ws, row, col, text, NULL);
}

static void cell_number(struct sheet *s, lxw_row_t row, lxw_col_t col, double v)
{
    worksheet_write_number(s->ws, row, col, v, NULL);
}

/* A day number as an Excel date; nothing for DATE_OPEN. */
static void cell_day(struct sheet *s, lxw_row_t row, lxw_col_t col, int32_t day)
{
    lxw_datetime dt = {0};

    if (day == DATE_OPEN)
        return;
    date_to_ymd(day, &dt.year, &dt.month, &dt.day);
    worksheet_write_datetime(s->ws, row, col, &dt, s->date);
}

/* A UTC instant as a Copenhagen local Excel date and time; nothing for 0. */
static void cell_instant(struct sheet *s, lxw_row_t row, lxw_col_t col, int64_t t)
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
    worksheet_write_datetime(s->ws, row, col, &dt, s->datetime);
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

/* Closes the workbook, sends it as filename and removes the temporary files. */
static int sheet_send(struct sheet *s, const char *filename)
{
    struct request *r = s->r;
    int rc = workbook_close(s->wb) == LXW_NO_ERROR
                 ? read_back(r, s->path)
                 : req_fail(r, KL_EIO, "the workbook could not be written");

    unlink(s->path);
    rmdir(s->dir);
    if (rc)
        return rc;
    r->res.content_type = XLSX_TYPE;
    return res_header(r, "Content-Disposition",
                      arena_printf(r->arena, "attachment; filename=\"%s\"", filename));
}

static int forum_param(struct request *r, int64_t *id)
{
    long v;
    int rc = req_param_int(r, 0, 1, 2147483647L, &v);
    *id = v;
    return rc;
}

/* The year plan. */

static const char *const meeting_columns[] = {
    N_("Start"), N_("End"), N_("Kind"), N_("Title"), N_("Place"), N_("Status"), N_("Chair"),
    N_("Meeting number"),
};
#define NMEETING_COLUMNS (sizeof(meeting_columns) / sizeof(meeting_columns[0]))

int export_forum_meetings_xlsx(struct request *r)
{
    struct meeting_query q = {0};
    struct meeting *m;
    struct sheet s;
    int64_t fid;
    size_t n;
    int y, mo, d, rc;
    long year;

    date_to_ymd(meeting_cph_day(r->now), &y, &mo, &d);
    year = y;
    if ((rc = forum_param(r, &fid)) || (rc = req_query_int(r, "year", 1900, 9999, &year)))
        return rc;
    q.forum_ids = &fid;
    q.nforums = 1;
    q.from_day = date_from_ymd((int)year, 1, 1);
    q.to_day = date_from_ymd((int)year, 12, 31);
    q.include_cancelled = 1;
    q.include_pre_meetings = 1;
    if ((rc = app_meeting_list(r->store, r->arena, &r->who, &q, &m, &n, &r->err)) ||
        (rc = sheet_open(r, &s, N_("Year plan"), meeting_columns, NMEETING_COLUMNS)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        lxw_row_t row = (lxw_row_t)i + 1;
        cell_instant(&s, row, 0, m[i].starts_at);
        cell_instant(&s, row, 1, m[i].ends_at);
        cell_text(&s, row, 2, T_(r, meeting_kind_labels[m[i].kind]));
        cell_text(&s, row, 3, m[i].title);
        cell_text(&s, row, 4, m[i].place);
        cell_text(&s, row, 5, T_(r, meeting_status_labels[m[i].status]));
        cell_text(&s, row, 6, m[i].chair_name);
        cell_number(&s, row, 7, (double)m[i].id);
    }
    return sheet_send(&s, arena_printf(r->arena, "meetings-%lld-%ld.xlsx", (long long)fid,
                                       year));
}

/* Follow-ups. */

static const char *const followup_columns[] = {
    N_("Follow-up"), N_("Item"), N_("Owner"), N_("Due"), N_("Status"), N_("Created"),
    N_("Meeting number"), N_("Follow-up number"),
};
#define NFOLLOWUP_COLUMNS (sizeof(followup_columns) / sizeof(followup_columns[0]))

static int send_followups(struct request *r, const struct followup *f, size_t n,
                          const char *filename)
{
    struct sheet s;
    lxw_row_t row = 0;
    int rc = sheet_open(r, &s, N_("Follow-ups"), followup_columns, NFOLLOWUP_COLUMNS);

    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (f[i].status != FOLLOWUP_OPEN)
            continue;
        row++;
        cell_text(&s, row, 0, f[i].what);
        cell_text(&s, row, 1, f[i].item_title);
        cell_text(&s, row, 2, f[i].owner_name);
        cell_day(&s, row, 3, f[i].due_on);
        cell_text(&s, row, 4, T_(r, followup_status_labels[f[i].status]));
        cell_instant(&s, row, 5, f[i].created_at);
        if (f[i].meeting_id)
            cell_number(&s, row, 6, (double)f[i].meeting_id);
        cell_number(&s, row, 7, (double)f[i].id);
    }
    return sheet_send(&s, filename);
}

int export_forum_followups_xlsx(struct request *r)
{
    struct followup *f;
    int64_t fid;
    size_t n;
    int rc;

    if ((rc = forum_param(r, &fid)) ||
        (rc = app_followup_list_forum(r->store, r->arena, &r->who, fid, 1, &f, &n, &r->err)))
        return rc;
    return send_followups(r, f, n, arena_printf(r->arena, "followups-%lld.xlsx",
                                                (long long)fid));
}

int export_own_followups_xlsx(struct request *r)
{
    struct followup *f;
    size_t n;
    int rc = app_followup_list_owned(r->store, r->arena, &r->who, 0, 1, &f, &n, &r->err);

    return rc ? rc : send_followups(r, f, n, "followups.xlsx");
}

/* Referrals. */

static const char *const referral_columns[] = {
    N_("Title"), N_("Received or sent"), N_("From forum"), N_("To forum"), N_("Status"),
    N_("Answer by"), N_("Created"), N_("Answer"), N_("Referral number"),
};
#define NREFERRAL_COLUMNS (sizeof(referral_columns) / sizeof(referral_columns[0]))

static void referral_row(struct request *r, struct sheet *s, lxw_row_t row,
                         const struct referral *x, const char *way)
{
    cell_text(s, row, 0, x->title);
    cell_text(s, row, 1, T_(r, way));
    cell_text(s, row, 2, x->from_forum_name);
    cell_text(s, row, 3, x->to_forum_name);
    cell_text(s, row, 4, T_(r, referral_status_labels[x->status]));
    cell_day(s, row, 5, x->answer_by);
    cell_instant(s, row, 6, x->created_at);
    cell_text(s, row, 7, x->answer);
    cell_number(s, row, 8, (double)x->id);
}

int export_forum_referrals_xlsx(struct request *r)
{
    struct referral *in, *out;
    size_t nin, nout;
    struct sheet s;
    lxw_row_t row = 0;
    int64_t fid;
    int rc;

    if ((rc = forum_param(r, &fid)) ||
        (rc = app_referral_inbox(r->store, r->arena, &r->who, fid, 0, &in, &nin, &r->err)) ||
        (rc = app_referral_outbox(r->store, r->arena, &r->who, fid, 0, &out, &nout,
                                  &r->err)) ||
        (rc = sheet_open(r, &s, N_("Referrals"), referral_columns, NREFERRAL_COLUMNS)))
        return rc;
    for (size_t i = 0; i < nin; i++)
        referral_row(r, &s, ++row, &in[i], N_("Received"));
    for (size_t i = 0; i < nout; i++)
        referral_row(r, &s, ++row, &out[i], N_("Sent"));
    return sheet_send(&s, arena_printf(r->arena, "referrals-%lld.xlsx", (long long)fid));
}

/* exports_meeting.c - XLSX downloads of a forum's year plan, of open follow-ups and of
 * referrals (see handlers_docs.h): dates as Excel dates, numbers as numbers, headers in the
 * visitor's language, written through render/xlsx_book.h. The app layer's readers decide
 * what the visitor may see. */
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
#include "render/xlsx_book.h"

#include <string.h>
#include <xlsxwriter.h>

struct sheet {
    struct request *r;
    struct xlsx_book bk;
    lxw_worksheet *ws;
};

/* Opens a workbook with one sheet called title (msgid) and its header row (msgids). */
static int sheet_open(struct request *r, struct sheet *s, const char *title,
                      const char *const *headers, size_t n)
{
    const char *names[16];
    double widths[16];
    int rc;

    s->r = r;
    for (size_t c = 0; c < n && c < 16; c++) {
        names[c] = T_(r, headers[c]);
        widths[c] = 18;
    }
    if ((rc = xlsx_book_open(&s->bk, &r->err)))
        return req_fail(r, rc, "%s", r->err.msg);
    if (!(s->ws = xlsx_book_sheet(&s->bk, T_(r, title), names, widths, n < 16 ? n : 16))) {
        xlsx_book_abandon(&s->bk);
        return req_fail(r, KL_ENOMEM, "out of memory writing the workbook");
    }
    return 0;
}

static void cell_text(struct sheet *s, lxw_row_t row, lxw_col_t col, const char *text)
{
    xlsx_text(&s->bk, s->ws, row, col, text);
}

static void cell_number(struct sheet *s, lxw_row_t row, lxw_col_t col, double v)
{
    xlsx_number(s->ws, row, col, v);
}

static void cell_day(struct sheet *s, lxw_row_t row, lxw_col_t col, int32_t day)
{
    xlsx_day(&s->bk, s->ws, row, col, day);
}

static void cell_instant(struct sheet *s, lxw_row_t row, lxw_col_t col, int64_t t)
{
    xlsx_instant(&s->bk, s->ws, row, col, t);
}

/* Closes the workbook and sends it as filename. */
static int sheet_send(struct sheet *s, const char *filename)
{
    struct request *r = s->r;
    int rc;

    buf_reset(&r->res.body);
    if ((rc = xlsx_book_close(&s->bk, &r->res.body, &r->err)))
        return req_fail(r, rc, "%s", r->err.msg);
    r->res.content_type = XLSX_MIME;
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

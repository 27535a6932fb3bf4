/* pages_meetings.c - meetings in lists: the secretariat's overview of deadlines, a forum's
 * meetings of a year with the forms that plan them, a cluster's plans side by side, a
 * forum's work tray (proposals, pending items, referrals in and out, open follow-ups) and
 * the visitor's own follow-ups; and the small forms of the work tray. */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/format.h"
#include "web/handlers.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/meeting_ui.h"
#include "web/request.h"
#include "app/meeting.h"
#include "app/org.h"
#include "app/meeting_agenda.h"
#include "app/meeting_followup.h"
#include "app/organisation.h"
#include "app/permission.h"
#include "core/arena.h"
#include "core/date.h"
#include "model/fields.h"
#include "model/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void a_link(struct html *h, const char *href, const char *text)
{
    html_open(h, "a", "href", href, NULL);
    html_text(h, text);
    html_close(h, "a");
}

static const char *meeting_href(struct request *r, int64_t id)
{
    return arena_printf(r->arena, "/meetings/%lld", (long long)id);
}

static void head_row(struct request *r, struct html *h, const char *caption,
                     const char *const *cols, size_t n)
{
    html_lit(h, "<table><caption>");
    html_text(h, T_(r, caption));
    html_lit(h, "</caption><thead><tr>");
    for (size_t i = 0; i < n; i++) {
        html_open(h, "th", "scope", "col", NULL);
        html_text(h, T_(r, cols[i]));
        html_close(h, "th");
    }
    html_lit(h, "</tr></thead><tbody>");
}

static void meeting_row(struct request *r, struct html *h, const struct meeting *m, int forum)
{
    html_lit(h, "<tr><th scope=\"row\">");
    a_link(h, meeting_href(r, m->id), fmt_when(r, m->starts_at));
    html_lit(h, "</th>");
    if (forum)
        html_elem(h, "td", m->forum_name);
    html_elem(h, "td", T_(r, meeting_kind_labels[m->kind]));
    html_lit(h, "<td>");
    meeting_status_badge(r, h, m->status);
    html_lit(h, "</td></tr>");
}

int page_meetings(struct request *r)
{
    static const char *const dcols[] = {N_("Meeting"), N_("Forum"), N_("Status"),
                                        N_("Agenda due"), N_("Urgency")};
    static const char *const cols[] = {N_("Meeting"), N_("Forum"), N_("Kind"), N_("Status")};
    struct meeting_query q = {0};
    struct meeting_deadline *d = NULL;
    struct meeting *m;
    size_t nd = 0, n;
    struct html h;
    int rc;

    if (r->who.method != AUTH_NONE &&
        (rc = app_meeting_overview(r->store, r->arena, &r->who, r->now, &d, &nd, &r->err)))
        return rc;
    q.from_day = req_today(r);
    q.to_day = q.from_day + 120;
    q.include_pre_meetings = 1; /* as in the deadlines above, and with their kind */
    if ((rc = app_meeting_list(r->store, r->arena, &r->who, &q, &m, &n, &r->err)))
        return rc;
    page_begin(r, &h, T_(r, "Meetings"), NAV_MEETINGS);
    if (nd) {
        head_row(r, &h, N_("Deadlines of your forums' agendas"), dcols, 5);
        for (size_t i = 0; i < nd; i++) {
            const struct meeting_deadline *x = &d[i];
            html_open(&h, "tr", "class", arena_printf(r->arena, "urgency-%s",
                                                      publish_urgency_name(x->urgency)), NULL);
            html_lit(&h, "<th scope=\"row\">");
            a_link(&h, meeting_href(r, x->meeting.id), fmt_when(r, x->meeting.starts_at));
            html_lit(&h, "</th>");
            html_elem(&h, "td", x->meeting.forum_name);
            html_lit(&h, "<td>");
            meeting_status_badge(r, &h, x->meeting.status);
            html_lit(&h, "</td>");
            html_elem(&h, "td", x->has_deadline ? fmt_date(r, x->deadline) : "");
            html_lit(&h, "<td>");
            if (x->has_deadline) {
                html_open(&h, "span", "class", arena_printf(r->arena, "urgency %s",
                                                            publish_urgency_name(x->urgency)),
                          NULL);
                html_text(&h, T_(r, urgency_labels[x->urgency]));
                html_close(&h, "span");
            }
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table>\n");
    }
    if (!n) {
        html_elem(&h, "p", T_(r, "No meetings you can see in the next four months."));
        return page_end(r, &h);
    }
    head_row(r, &h, N_("Meetings in the next four months"), cols, 4);
    for (size_t i = 0; i < n; i++)
        meeting_row(r, &h, &m[i], 1);
    html_lit(&h, "</tbody></table>\n");
    if (r->who.method != AUTH_NONE) {
        html_lit(&h, "<p>");
        a_link(&h, "/followups", T_(r, "Your follow-ups"));
        html_lit(&h, "</p>");
    }
    return page_end(r, &h);
}

static int year_of(struct request *r, long *year)
{
    int y, mo, d;

    date_to_ymd(req_today(r), &y, &mo, &d);
    *year = y;
    return req_query_int(r, "year", 2000, 2100, year);
}

/* The forum's meetings of a year, and for its secretary the planning forms. */
static int forum_meetings_page(struct request *r, int64_t forum_id, const struct field_errors *fe,
                               const struct form *sent)
{
    static const char *const cols[] = {N_("Meeting"), N_("Kind"), N_("Status")};
    struct meeting_query q = {0};
    struct forum f;
    struct meeting *m;
    struct kl_error err;
    size_t n;
    long year;
    struct html h;
    int rc, manage;

    if ((rc = year_of(r, &year)) || (rc = app_forum_get(r->store, r->arena, forum_id, &f, &r->err)))
        return rc;
    q.forum_ids = &forum_id;
    q.nforums = 1;
    q.from_day = date_from_ymd((int)year, 1, 1);
    q.to_day = date_from_ymd((int)year, 12, 31);
    q.include_pre_meetings = 1;
    q.include_cancelled = 1;
    if ((rc = app_meeting_list(r->store, r->arena, &r->who, &q, &m, &n, &r->err)))
        return rc;
    manage = app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, forum_id, &err) == 0;
    page_begin(r, &h, arena_printf(r->arena, "%s: %s %ld", f.name, T_(r, "meetings"), year),
               NAV_MEETINGS);
    html_lit(&h, "<p class=\"actions\">");
    a_link(&h, arena_printf(r->arena, "/forums/%lld/meetings?year=%ld", (long long)forum_id,
                            year - 1), arena_printf(r->arena, "%ld", year - 1));
    a_link(&h, arena_printf(r->arena, "/forums/%lld/meetings?year=%ld", (long long)forum_id,
                            year + 1), arena_printf(r->arena, "%ld", year + 1));
    a_link(&h, arena_printf(r->arena, "/forums/%lld", (long long)forum_id), f.name);
    if (app_authorize(r->store, &r->who, PERM_FORUM_INTERNAL, forum_id, &err) == 0)
        a_link(&h, arena_printf(r->arena, "/forums/%lld/work", (long long)forum_id),
               T_(r, "Work tray"));
    a_link(&h, arena_printf(r->arena, "/forums/%lld/calendar.ics", (long long)forum_id),
           T_(r, "Calendar (iCalendar)"));
    a_link(&h, arena_printf(r->arena, "/forums/%lld/meetings.xlsx?year=%ld", (long long)forum_id,
                            year), T_(r, "Year plan as Excel"));
    html_lit(&h, "</p>");
    if (n) {
        head_row(r, &h, N_("The year plan"), cols, 3);
        for (size_t i = 0; i < n; i++)
            meeting_row(r, &h, &m[i], 0);
        html_lit(&h, "</tbody></table>\n");
    } else {
        html_elem(&h, "p", T_(r, "No meetings are planned this year."));
    }
    if (manage) {
        char y[8];
        snprintf(y, sizeof(y), "%ld", year);
        html_elem(&h, "h2", T_(r, "Plan the year"));
        html_elem(&h, "p", T_(r, "One meeting on each date; pre-meetings are added as the "
                                 "mandate says."));
        ui_problems(r, &h, fe);
        ui_form_begin(r, &h, arena_printf(r->arena, "/forums/%lld/yearplan", (long long)forum_id));
        ui_input(r, &h, N_("Year"), "year", "number", sent ? form_get(sent, "year") : y, 1, fe);
        ui_textarea(r, &h, N_("Dates, one a line (YYYY-MM-DD)"), "days",
                    sent ? form_get(sent, "days") : NULL, fe);
        ui_input(r, &h, N_("Starts at (HH:MM)"), "start", "text",
                 sent ? form_get(sent, "start") : "13:00", 1, fe);
        ui_input(r, &h, N_("Duration in minutes"), "duration", "number",
                 sent ? form_get(sent, "duration") : "120", 1, fe);
        ui_input(r, &h, N_("Place"), "place", "text", sent ? form_get(sent, "place") : NULL, 0,
                 fe);
        ui_form_end(r, &h, N_("Create the meetings"));
    }
    return page_end(r, &h);
}

int page_forum_meetings(struct request *r)
{
    long id;
    int rc = req_param_int(r, 0, 1, 2147483647L, &id);
    return rc ? rc : forum_meetings_page(r, id, NULL, NULL);
}

/* "HH:MM" as minutes after midnight, or -1. */
static int clock_minutes(const char *s)
{
    int hh, mm;
    char tail;

    if (!s || sscanf(s, "%2d:%2d%c", &hh, &mm, &tail) != 2 || hh < 0 || hh > 23 || mm < 0 ||
        mm > 59)
        return -1;
    return hh * 60 + mm;
}

int post_forum_yearplan(struct request *r)
{
    struct field_errors fe = {0};
    struct yearplan_result res;
    struct yearplan p = {0};
    int32_t days[60];
    const char *text, *at;
    struct form f;
    long id;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)) || (rc = req_form(r, &f)))
        return rc;
    p.forum_id = id;
    p.year = (int)strtol(form_get(&f, "year") ? form_get(&f, "year") : "", NULL, 10);
    p.start_minute = clock_minutes(form_get(&f, "start"));
    if (p.start_minute < 0)
        fields_add(&fe, "start", N_("must be a time as HH:MM"));
    p.duration_minutes = (int)strtol(form_get(&f, "duration") ? form_get(&f, "duration") : "",
                                     NULL, 10);
    p.kind = MEETING_REGULAR;
    p.place = form_get(&f, "place");
    p.pre_start_minute = -1;
    text = form_get(&f, "days");
    for (at = text ? text : ""; *at;) {
        size_t n = strcspn(at, "\r\n");
        if (n) {
            if (p.ndays == 60 || date_parse_iso(at, n, &days[p.ndays], NULL))
                fields_add(&fe, "days", N_("must be dates as YYYY-MM-DD, one a line, at most 60"));
            else
                p.ndays++;
        }
        at += n;
        at += strspn(at, "\r\n");
    }
    p.days = days;
    rc = fe.n ? KL_EINVAL
              : app_yearplan_create(r->store, r->arena, &r->who, &p, &res, &fe, &r->err);
    if (rc == KL_EINVAL && fe.n) {
        r->res.status = 400;
        kl_error_clear(&r->err);
        return forum_meetings_page(r, id, &fe, &f);
    }
    if (rc)
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/forums/%ld/meetings?year=%d", id, p.year));
}

int page_cluster_plan(struct request *r)
{
    struct meeting *m;
    struct cluster_detail cd;
    size_t n;
    long year;
    struct html h;
    int rc;

    if (!cluster_code_valid(r->params[0]))
        return req_fail(r, KL_ENOTFOUND, "%s", T_(r, "There is no cluster with this code."));
    if ((rc = year_of(r, &year)) ||
        (rc = app_cluster_get(r->store, r->arena, r->params[0], &cd, &r->err)) ||
        (rc = app_meeting_plan(r->store, r->arena, &r->who, r->params[0],
                               date_from_ymd((int)year, 1, 1), date_from_ymd((int)year, 12, 31),
                               &m, &n, &r->err)))
        return rc;
    page_begin(r, &h, arena_printf(r->arena, "%s: %s %ld", cd.cluster.name, T_(r, "year plan"),
                                   year), NAV_MEETINGS);
    if (!n) {
        html_elem(&h, "p", T_(r, "No meetings you can see are planned this year."));
        return page_end(r, &h);
    }
    /* one column per forum, one row per month: the plans side by side */
    {
        int64_t forums[32];
        const char *names[32];
        size_t nf = 0;
        for (size_t i = 0; i < n && nf < 32; i++) {
            size_t j = 0;
            while (j < nf && forums[j] != m[i].forum_id)
                j++;
            if (j == nf) {
                forums[nf] = m[i].forum_id;
                names[nf++] = m[i].forum_name;
            }
        }
        html_lit(&h, "<div class=\"wide\"><table class=\"plan\"><caption>");
        html_text(&h, T_(r, "Meetings by month and forum"));
        html_lit(&h, "</caption><thead><tr><th scope=\"col\">");
        html_text(&h, T_(r, "Month"));
        html_lit(&h, "</th>");
        for (size_t j = 0; j < nf; j++) {
            html_open(&h, "th", "scope", "col", NULL);
            html_text(&h, names[j]);
            html_close(&h, "th");
        }
        html_lit(&h, "</tr></thead><tbody>");
        for (int month = 1; month <= 12; month++) {
            int32_t first = date_from_ymd((int)year, month, 1);
            int32_t last = first + date_days_in_month((int)year, month) - 1;
            html_lit(&h, "<tr><th scope=\"row\">");
            html_text(&h, fmt_month(r, (int)year, month));
            html_lit(&h, "</th>");
            for (size_t j = 0; j < nf; j++) {
                html_lit(&h, "<td>");
                for (size_t i = 0; i < n; i++) {
                    int32_t day = meeting_cph_day(m[i].starts_at);
                    if (m[i].forum_id != forums[j] || day < first || day > last)
                        continue;
                    html_lit(&h, "<div>");
                    a_link(&h, meeting_href(r, m[i].id),
                           arena_printf(r->arena, "%s%s", fmt_date(r, day),
                                        m[i].kind == MEETING_PRE
                                            ? arena_printf(r->arena, " (%s)",
                                                           T_(r, "pre-meeting"))
                                            : ""));
                    html_lit(&h, "</div>");
                }
                html_lit(&h, "</td>");
            }
            html_lit(&h, "</tr>");
        }
        html_lit(&h, "</tbody></table></div>\n");
    }
    return page_end(r, &h);
}

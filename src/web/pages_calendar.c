/* pages_calendar.c - calendar feeds (RFC 5545) of a forum and of a person, and the account
 * section that creates and revokes a person's secret calendar link (see handlers_docs.h). */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/handlers_docs.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/request.h"
#include "web/server.h"
#include "app/calendar.h"
#include "app/meeting.h"
#include "app/organisation.h"
#include "core/arena.h"
#include "core/date.h"
#include "model/meeting.h"
#include "model/org.h"
#include "render/html.h"
#include "render/ical.h"

#include <string.h>

#define PAST_DAYS 366

/* "http(s)://host" of this request, for links that leave the site; "" without a sane
 * Host header. */
static const char *base_url(struct request *r)
{
    const char *host = req_header(r, "Host");

    if (!host || !*host || strlen(host) > 255 ||
        strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
            strlen(host))
        return "";
    return arena_printf(r->arena, "%s://%s", r->cfg && r->cfg->cookie_secure ? "https" : "http",
                        host);
}

static int send_feed(struct request *r, const char *name, const struct meeting *m, size_t n)
{
    const char *base = base_url(r);
    struct buf *b = &r->res.body;
    int rc;

    buf_reset(b);
    rc = ical_begin(b, name);
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *link = arena_printf(r->arena, "%s/meetings/%lld", base, (long long)m[i].id);
        const char *kind = T_(r, meeting_kind_labels[m[i].kind]);
        struct ical_event e = {0};
        if (!link)
            return req_fail(r, KL_ENOMEM, "out of memory writing the calendar");
        e.uid = arena_printf(r->arena, "meeting-%lld@klynge", (long long)m[i].id);
        e.stamp = r->now;
        e.starts_at = m[i].starts_at;
        e.ends_at = m[i].ends_at;
        e.summary = m[i].title && *m[i].title
                        ? arena_printf(r->arena, "%s: %s (%s)", m[i].forum_name, kind,
                                       m[i].title)
                        : arena_printf(r->arena, "%s: %s", m[i].forum_name, kind);
        e.location = m[i].place;
        e.description = arena_printf(r->arena, "%s: %s\n%s: %s", T_(r, "Status"),
                                     T_(r, meeting_status_labels[m[i].status]),
                                     T_(r, "Meeting page and agenda"), link);
        e.url = *base ? link : NULL;
        e.cancelled = m[i].status == MEETING_CANCELLED;
        if (!e.uid || !e.summary || !e.description)
            return req_fail(r, KL_ENOMEM, "out of memory writing the calendar");
        rc = ical_event(b, &e);
    }
    if (rc == 0)
        rc = ical_end(b);
    if (rc)
        return req_fail(r, KL_ENOMEM, "out of memory writing the calendar");
    r->res.content_type = "text/calendar; charset=utf-8";
    return res_header(r, "Content-Disposition", "inline; filename=\"klynge.ics\"");
}

int feed_forum_calendar(struct request *r)
{
    struct meeting_query q = {0};
    struct meeting *m;
    struct forum f;
    int64_t fid;
    size_t n;
    long id;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)))
        return rc;
    fid = id;
    q.forum_ids = &fid;
    q.nforums = 1;
    q.from_day = meeting_cph_day(r->now) - PAST_DAYS;
    q.to_day = DATE_OPEN;
    q.include_cancelled = 1;
    q.include_pre_meetings = 1;
    if ((rc = app_forum_get(r->store, r->arena, fid, &f, &r->err)) ||
        (rc = app_meeting_list(r->store, r->arena, &r->who, &q, &m, &n, &r->err)))
        return rc;
    return send_feed(r, f.name, m, n);
}

int feed_person_calendar(struct request *r)
{
    const char *p = r->params[0];
    size_t len = strlen(p);
    struct principal who;
    struct meeting *m;
    int32_t today = meeting_cph_day(r->now);
    size_t n;
    int rc;

    if (len <= 4 || strcmp(p + len - 4, ".ics") != 0)
        return req_fail(r, KL_ENOTFOUND, "no such calendar");
    if ((rc = app_calendar_resolve(r->store, r->arena, arena_strndup(r->arena, p, len - 4),
                                   &who, &r->err)) ||
        (rc = app_calendar_person_meetings(r->store, r->arena, &who, today - PAST_DAYS, today,
                                           &m, &n, &r->err)))
        return rc;
    return send_feed(r, arena_printf(r->arena, "klynge: %s", who.name), m, n);
}

int post_account_calendar(struct request *r)
{
    char token[SESSION_TOKEN_CHARS + 1];
    const char *url;
    struct html h;
    struct form f;
    int rc;

    if ((rc = req_form(r, &f)) ||
        (rc = app_calendar_token_create(r->store, &r->who, token, &r->err)))
        return rc;
    url = arena_printf(r->arena, "%s/calendar/%s.ics", base_url(r), token);
    page_begin(r, &h, T_(r, "Your calendar link"), NAV_NONE);
    html_elem(&h, "p", T_(r, "Paste this address into Outlook or Google Calendar as a "
                              "subscribed calendar. It is shown only now; anyone who has it "
                              "can read your meetings, so keep it to yourself. Making a new "
                              "link stops the old one."));
    html_open(&h, "p", NULL);
    html_open(&h, "code", "id", "calendar-url", NULL);
    html_text(&h, url);
    html_close(&h, "code");
    html_close(&h, "p");
    ui_form_begin(r, &h, "/account/calendar/revoke");
    ui_form_end(r, &h, N_("Revoke the calendar link"));
    return page_end(r, &h);
}

int post_account_calendar_revoke(struct request *r)
{
    struct html h;
    struct form f;
    int rc;

    if ((rc = req_form(r, &f)) || (rc = app_calendar_token_revoke(r->store, &r->who, &r->err)))
        return rc;
    page_begin(r, &h, T_(r, "Your calendar link"), NAV_NONE);
    html_elem(&h, "p", T_(r, "The calendar link is revoked: calendars that use it get no "
                              "more meetings."));
    ui_form_begin(r, &h, "/account/calendar");
    ui_form_end(r, &h, N_("Make a new calendar link"));
    return page_end(r, &h);
}

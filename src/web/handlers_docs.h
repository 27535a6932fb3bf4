/* handlers_docs.h - handlers of documents out: calendar feeds (pages_calendar.c) and
 * spreadsheets of meetings, follow-ups and referrals (exports_meeting.c). Each follows the
 * handler contract of request.h; visibility is decided by the app layer's readers. */
#ifndef KL_WEB_HANDLERS_DOCS_H
#define KL_WEB_HANDLERS_DOCS_H

struct request;

/* GET /forums/{id}/calendar.ics: the forum's meetings the visitor may see, a year back and
 * all ahead, as iCalendar. */
int feed_forum_calendar(struct request *r);

/* GET /calendar/{token}.ics: the personal feed behind a calendar token (404 when the token
 * is unknown or revoked). The token is the credential: no session is needed. */
int feed_person_calendar(struct request *r);

/* POST /account/calendar: creates (or replaces) the visitor's calendar link and shows its
 * URL once. POST /account/calendar/revoke: revokes it. */
int post_account_calendar(struct request *r);
int post_account_calendar_revoke(struct request *r);

/* GET /forums/{id}/meetings.xlsx?year=: the forum's year plan (default: this year). */
int export_forum_meetings_xlsx(struct request *r);

/* GET /forums/{id}/followups.xlsx and GET /followups.xlsx: open follow-ups of a forum's
 * decisions, and those the visitor owns. */
int export_forum_followups_xlsx(struct request *r);
int export_own_followups_xlsx(struct request *r);

/* GET /forums/{id}/referrals.xlsx: referrals to and from the forum. */
int export_forum_referrals_xlsx(struct request *r);

/* Action plans (exports_plan.c): GET /plans/{id}/plan.xlsx, the plan with its initiatives
 * and funds; GET /status-rounds/{id}/overview.pdf and overview.xlsx, a round's overview as
 * the visitor may read it. */
int export_plan_xlsx(struct request *r);
int export_round_pdf(struct request *r);
int export_round_xlsx(struct request *r);

/* The round page's "Documents" section: links to the overview and the plan's workbook, and
 * for the plan forum's secretary (manage) a form that puts the overview on an item of one of
 * the forum's agendas that may still change; fe and sent are that form sent back (NULL when
 * it was not). */
struct html;
struct form;
struct field_errors;
struct round_overview;
void plan_round_documents(struct request *r, struct html *h, const struct round_overview *ov,
                          int manage, const struct field_errors *fe, const struct form *sent);

/* POST /status-rounds/{id}/attach (pages_round.c): item_id and format (pdf or xlsx); puts the
 * overview on the item (app_status_round_attach) and goes to it on the meeting's page. */
int post_status_round_attach(struct request *r);

#endif

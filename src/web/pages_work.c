/* pages_work.c - a forum's work tray, for the people inside the forum: proposals waiting for
 * the secretariat, items waiting for the next agenda, referrals received and sent, the items
 * for the next level, and the forum's open follow-ups; the visitor's own follow-ups; and the
 * small forms that act on them. */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/format.h"
#include "web/handlers.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/plan_ui.h"
#include "web/request.h"
#include "app/meeting.h"
#include "app/meeting_agenda.h"
#include "app/meeting_followup.h"
#include "app/organisation.h"
#include "core/arena.h"
#include "model/fields.h"
#include "model/org.h"

#include <stdlib.h>
#include <string.h>

/* The forum's meetings whose agenda may still change, as choices. */
static int open_meetings(struct request *r, int64_t forum_id, struct choice **out, size_t *n)
{
    struct meeting_query q = {0};
    struct meeting *m;
    size_t nm;
    int rc;

    q.forum_ids = &forum_id;
    q.nforums = 1;
    q.from_day = req_today(r);
    q.to_day = DATE_OPEN;
    if ((rc = app_meeting_list(r->store, r->arena, &r->who, &q, &m, &nm, &r->err)))
        return rc;
    *out = arena_calloc(r->arena, nm + 1, sizeof(**out));
    if (!*out)
        return req_fail(r, KL_ENOMEM, "out of memory");
    *n = 0;
    for (size_t i = 0; i < nm; i++)
        if (meeting_agenda_editable(m[i].status) && m[i].kind != MEETING_PRE)
            (*out)[(*n)++] = (struct choice){arena_printf(r->arena, "%lld", (long long)m[i].id),
                                             fmt_when(r, m[i].starts_at)};
    return 0;
}

static void items_section(struct request *r, struct html *h, const char *title,
                          const struct agenda_item *it, size_t n, const struct choice *meetings,
                          size_t nmeetings, int proposals)
{
    html_elem(h, "h2", T_(r, title));
    if (!n) {
        html_elem(h, "p", T_(r, "None."));
        return;
    }
    html_lit(h, "<ul class=\"tray\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<li>");
        html_open(h, "strong", NULL);
        html_text(h, it[i].title);
        html_close(h, "strong");
        if (*it[i].proposed_by)
            html_textf(h, " – %s %s", T_(r, "proposed by"), it[i].proposed_by);
        if (nmeetings) {
            ui_form_begin(r, h, arena_printf(r->arena, "/items/%lld/accept", (long long)it[i].id));
            ui_select(r, h, N_("Onto the agenda of"), "meeting_id", meetings, nmeetings, NULL, 1,
                      NULL);
            ui_form_end(r, h, N_("Place on agenda"));
        }
        if (proposals) {
            ui_form_begin(r, h, arena_printf(r->arena, "/items/%lld/decline", (long long)it[i].id));
            ui_input(r, h, N_("Reason for declining"), "reason", "text", NULL, 1, NULL);
            ui_form_end(r, h, N_("Decline"));
        }
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
}

static void referrals_section(struct request *r, struct html *h, const char *title,
                              const struct referral *rf, size_t n, int inbox,
                              const struct choice *meetings, size_t nmeetings)
{
    html_elem(h, "h2", T_(r, title));
    if (!n) {
        html_elem(h, "p", T_(r, "None."));
        return;
    }
    html_lit(h, "<ul class=\"tray\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<li>");
        html_open(h, "strong", NULL);
        html_text(h, rf[i].title);
        html_close(h, "strong");
        html_textf(h, " – %s %s → %s. %s", T_(r, "from"), rf[i].from_forum_name,
                   rf[i].to_forum_name, rf[i].note);
        if (rf[i].answer_by != DATE_OPEN)
            html_textf(h, " (%s %s)", T_(r, "answer by"), fmt_date(r, rf[i].answer_by));
        html_textf(h, " [%s]", T_(r, referral_status_labels[rf[i].status]));
        if (*rf[i].answer)
            html_textf(h, " %s: %s", T_(r, "Answer"), rf[i].answer);
        if (inbox && rf[i].status == REFERRAL_OPEN) {
            if (nmeetings) {
                ui_form_begin(r, h, arena_printf(r->arena, "/referrals/%lld/take-up",
                                                 (long long)rf[i].id));
                ui_select(r, h, N_("Onto the agenda of"), "meeting_id", meetings, nmeetings, NULL,
                          1, NULL);
                ui_form_end(r, h, N_("Take up"));
            }
            ui_form_begin(r, h, arena_printf(r->arena, "/referrals/%lld/answer",
                                             (long long)rf[i].id));
            ui_input(r, h, N_("Answer"), "answer", "text", NULL, 1, NULL);
            ui_form_end(r, h, N_("Send answer"));
        }
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
}

static void followups_table(struct request *r, struct html *h, const char *caption,
                            const struct followup *f, size_t n, int can_close)
{
    static const char *const cols[] = {N_("What"), N_("Owner"), N_("Due"), N_("Status"),
                                       N_("From")};

    if (!n) {
        html_elem(h, "p", T_(r, "No open follow-ups."));
        return;
    }
    html_lit(h, "<table><caption>");
    html_text(h, T_(r, caption));
    html_lit(h, "</caption><thead><tr>");
    for (size_t i = 0; i < 5; i++) {
        html_open(h, "th", "scope", "col", NULL);
        html_text(h, T_(r, cols[i]));
        html_close(h, "th");
    }
    html_lit(h, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<tr>");
        html_open(h, "th", "scope", "row", NULL);
        html_text(h, f[i].what);
        html_close(h, "th");
        html_elem(h, "td", f[i].owner_name);
        html_elem(h, "td", f[i].due_on == DATE_OPEN ? "" : fmt_date(r, f[i].due_on));
        html_lit(h, "<td>");
        html_text(h, T_(r, followup_status_labels[f[i].status]));
        if (can_close && f[i].status == FOLLOWUP_OPEN) {
            ui_form_begin(r, h, arena_printf(r->arena, "/followups/%lld/status",
                                             (long long)f[i].id));
            html_open(h, "input", "type", "hidden", "name", "status", "value", "done", NULL);
            html_open(h, "button", "type", "submit", "class", "small", "aria-label",
                      arena_printf(r->arena, "%s: %s", T_(r, "Mark done"), f[i].what), NULL);
            html_text(h, T_(r, "Mark done"));
            html_close(h, "button");
            html_close(h, "form");
        }
        html_lit(h, "</td><td>");
        html_open(h, "a", "href", arena_printf(r->arena, "/meetings/%lld#item-%lld",
                                               (long long)f[i].meeting_id,
                                               (long long)f[i].item_id), NULL);
        html_text(h, f[i].item_title);
        html_close(h, "a");
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table>\n");
}

int page_forum_work(struct request *r)
{
    struct agenda_item *proposed, *pending;
    struct referral *in, *out, *next;
    struct followup *fu;
    struct choice *meetings;
    size_t np, npend, nin, nout, nnext, nfu, nmeet = 0;
    struct forum f;
    struct html h;
    long id;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)) ||
        (rc = app_forum_get(r->store, r->arena, id, &f, &r->err)) ||
        (rc = app_forum_items(r->store, r->arena, &r->who, id, ITEM_PROPOSED, &proposed, &np,
                              &r->err)) ||
        (rc = app_forum_items(r->store, r->arena, &r->who, id, ITEM_PENDING, &pending, &npend,
                              &r->err)) ||
        (rc = app_referral_inbox(r->store, r->arena, &r->who, id, 0, &in, &nin, &r->err)) ||
        (rc = app_referral_outbox(r->store, r->arena, &r->who, id, 0, &out, &nout, &r->err)) ||
        (rc = app_referral_next_level(r->store, r->arena, &r->who, id, &next, &nnext, &r->err)) ||
        (rc = app_followup_list_forum(r->store, r->arena, &r->who, id, 1, &fu, &nfu, &r->err)) ||
        (rc = open_meetings(r, id, &meetings, &nmeet)))
        return rc;
    page_begin(r, &h, arena_printf(r->arena, "%s: %s", f.name, T_(r, "work tray")), NAV_MEETINGS);
    html_lit(&h, "<p class=\"actions\">");
    html_open(&h, "a", "href", arena_printf(r->arena, "/forums/%ld/meetings", id), NULL);
    html_text(&h, T_(r, "Meetings"));
    html_close(&h, "a");
    html_open(&h, "a", "href", arena_printf(r->arena, "/forums/%ld/followups.xlsx", id), NULL);
    html_text(&h, T_(r, "Open follow-ups as Excel"));
    html_close(&h, "a");
    html_open(&h, "a", "href", arena_printf(r->arena, "/forums/%ld/referrals.xlsx", id), NULL);
    html_text(&h, T_(r, "Referrals as Excel"));
    html_close(&h, "a");
    html_lit(&h, "</p>");
    items_section(r, &h, N_("Proposed items"), proposed, np, meetings, nmeet, 1);
    items_section(r, &h, N_("Items waiting for the next agenda"), pending, npend, meetings, nmeet,
                  0);
    referrals_section(r, &h, N_("Referrals received"), in, nin, 1, meetings, nmeet);
    referrals_section(r, &h, N_("Referrals sent"), out, nout, 0, NULL, 0);
    referrals_section(r, &h, N_("Items for the next level"), next, nnext, 0, NULL, 0);
    html_elem(&h, "h2", T_(r, "Open follow-ups"));
    followups_table(r, &h, N_("Open follow-ups of the forum's decisions"), fu, nfu, 1);
    plan_overdue_section(r, &h, id);
    return page_end(r, &h);
}

int page_followups(struct request *r)
{
    struct followup *fu;
    size_t n;
    struct html h;
    int rc = app_followup_list_owned(r->store, r->arena, &r->who, 0, 0, &fu, &n, &r->err);

    if (rc)
        return rc;
    page_begin(r, &h, T_(r, "Your follow-ups"), NAV_MEETINGS);
    html_lit(&h, "<p class=\"actions\">");
    html_open(&h, "a", "href", "/followups.xlsx", NULL);
    html_text(&h, T_(r, "As Excel"));
    html_close(&h, "a");
    html_lit(&h, "</p>");
    followups_table(r, &h, N_("Follow-ups you own"), fu, n, 1);
    return page_end(r, &h);
}

static int param(struct request *r, int64_t *id, struct form *f)
{
    long v;
    int rc = req_param_int(r, 0, 1, 2147483647L, &v);
    *id = v;
    return rc ? rc : req_form(r, f);
}

static int64_t form_id(const struct form *f, const char *name)
{
    const char *v = form_get(f, name);
    return v ? strtoll(v, NULL, 10) : 0;
}

int post_item_accept(struct request *r)
{
    struct form f;
    int64_t id, meeting;
    int rc;

    if ((rc = param(r, &id, &f)))
        return rc;
    meeting = form_id(&f, "meeting_id");
    if ((rc = app_proposal_accept(r->store, &r->who, id, meeting, &r->err)))
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/meetings/%lld", (long long)meeting));
}

int post_item_decline(struct request *r)
{
    struct field_errors fe = {0};
    struct agenda_entry e;
    struct form f;
    int64_t id;
    int rc;

    if ((rc = param(r, &id, &f)) || (rc = app_item_get(r->store, r->arena, &r->who, id, &e,
                                                       &r->err)))
        return rc;
    rc = app_proposal_decline(r->store, &r->who, id, form_get(&f, "reason"), &fe, &r->err);
    if (rc == KL_EINVAL && fe.n)
        return req_fail(r, rc, "%s", T_(r, "Give a reason for declining."));
    if (rc)
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/forums/%lld/work", (long long)e.item.forum_id));
}

int post_referral_take_up(struct request *r)
{
    struct form f;
    int64_t id, meeting, item;
    int rc;

    if ((rc = param(r, &id, &f)))
        return rc;
    meeting = form_id(&f, "meeting_id");
    if ((rc = app_referral_take_up(r->store, &r->who, id, meeting, &item, &r->err)))
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/meetings/%lld#item-%lld", (long long)meeting,
                                (long long)item));
}

int post_referral_answer(struct request *r)
{
    struct field_errors fe = {0};
    struct referral rf;
    struct form f;
    int64_t id;
    int rc;

    if ((rc = param(r, &id, &f)) ||
        (rc = app_referral_get(r->store, r->arena, &r->who, id, &rf, &r->err)))
        return rc;
    rc = app_referral_answer(r->store, &r->who, id, form_get(&f, "answer"), r->now, &fe, &r->err);
    if (rc == KL_EINVAL && fe.n)
        return req_fail(r, rc, "%s", T_(r, "Write the answer."));
    if (rc)
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/forums/%lld/work", (long long)rf.to_forum_id));
}

int post_followup_status(struct request *r)
{
    struct form f;
    int64_t id;
    int rc, status;

    if ((rc = param(r, &id, &f)))
        return rc;
    status = followup_status_parse(form_get(&f, "status"));
    if (status < 0)
        return req_fail(r, KL_EINVAL, "%s", T_(r, "is not a valid choice"));
    if ((rc = app_followup_set_status(r->store, &r->who, id, (enum followup_status)status, r->now,
                                      &r->err)))
        return rc;
    return res_redirect(r, "/followups");
}

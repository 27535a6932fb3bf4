/* pages_meeting.c - one meeting as a page: its record and status with the secretariat's
 * actions, the agenda as the visitor may see it (closed items and drafts only inside the
 * forum), decisions, follow-ups and referrals once the minutes are out, attendance grouped
 * by organisation, and the forms that build the agenda, record the minutes and register an
 * absence. What the visitor may see and do comes from the app layer (struct agenda). */
#include "web/form_ui.h"
#include "web/format.h"
#include "web/handlers.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/meeting_ui.h"
#include "web/handlers_datapakke.h"
#include "web/request.h"
#include "app/meeting.h"
#include "app/meeting_agenda.h"
#include "app/meeting_minutes.h"
#include "app/organisation.h"
#include "app/plan.h"
#include "core/arena.h"
#include "model/fields.h"
#include "model/org.h"
#include "render/markdown.h"

#include <string.h>

static void a_link(struct html *h, const char *href, const char *text)
{
    html_open(h, "a", "href", href, NULL);
    html_text(h, text);
    html_close(h, "a");
}

/* A one-button form posting action (and optional hidden fields) to path. */
static void button_form(struct request *r, struct html *h, const char *path, const char *action,
                        const char *label)
{
    ui_form_begin(r, h, path);
    if (action)
        html_open(h, "input", "type", "hidden", "name", "action", "value", action, NULL);
    ui_form_end(r, h, label);
}

static void facts(struct request *r, struct html *h, const struct agenda *ag)
{
    const struct meeting *m = &ag->meeting;

    html_lit(h, "<dl class=\"facts\">");
    html_elem(h, "dt", T_(r, "Forum"));
    html_lit(h, "<dd>");
    a_link(h, arena_printf(r->arena, "/forums/%lld", (long long)m->forum_id), m->forum_name);
    html_lit(h, "</dd>");
    html_elem(h, "dt", T_(r, "Kind"));
    html_elem(h, "dd", T_(r, meeting_kind_labels[m->kind]));
    html_elem(h, "dt", T_(r, "Time"));
    html_elem(h, "dd", arena_printf(r->arena, "%s–%s", fmt_when(r, m->starts_at),
                                    fmt_clock(r, m->ends_at)));
    if (*m->place) {
        html_elem(h, "dt", T_(r, "Place"));
        html_elem(h, "dd", m->place);
    }
    if (*m->chair_name) {
        html_elem(h, "dt", T_(r, "Chair"));
        html_elem(h, "dd", m->chair_name);
    }
    if (*m->theme) {
        html_elem(h, "dt", T_(r, "Theme"));
        html_elem(h, "dd", m->theme);
    }
    if (*m->site_visit) {
        html_elem(h, "dt", T_(r, "Site visit"));
        html_elem(h, "dd", m->site_visit);
    }
    html_elem(h, "dt", T_(r, "Status"));
    html_lit(h, "<dd>");
    meeting_status_badge(r, h, m->status);
    html_lit(h, "</dd>");
    if (meeting_kind_has_deadline(m->kind)) {
        html_elem(h, "dt", T_(r, "Agenda due"));
        html_elem(h, "dd", fmt_date(r, meeting_publish_deadline(m->starts_at, m->publish_days)));
    }
    if (m->agenda_published_at) {
        html_elem(h, "dt", T_(r, "Agenda sent out"));
        html_elem(h, "dd", fmt_when(r, m->agenda_published_at));
    }
    if (*m->late_reason) {
        html_elem(h, "dt", T_(r, "Published late because"));
        html_elem(h, "dd", m->late_reason);
    }
    if (*m->cancel_reason) {
        html_elem(h, "dt", T_(r, "Cancelled because"));
        html_elem(h, "dd", m->cancel_reason);
    }
    if (m->approval != APPROVAL_NONE) {
        html_elem(h, "dt", T_(r, "Minutes approved"));
        html_lit(h, "<dd>");
        if (m->approval == APPROVAL_MEETING && m->approved_in) {
            html_text(h, T_(r, "at the meeting"));
            html_lit(h, " ");
            a_link(h, arena_printf(r->arena, "/meetings/%lld", (long long)m->approved_in),
                   arena_printf(r->arena, "#%lld", (long long)m->approved_in));
        } else {
            html_textf(h, "%s %s", T_(r, "by circulation on"), fmt_date(r, m->approved_on));
        }
        html_lit(h, "</dd>");
    }
    html_lit(h, "</dl>\n");
}

/* The secretariat's next step for the meeting's status. */
static void actions(struct request *r, struct html *h, const struct agenda *ag)
{
    const struct meeting *m = &ag->meeting;
    const char *path = arena_printf(r->arena, "/meetings/%lld/status", (long long)m->id);
    int late = meeting_kind_has_deadline(m->kind) &&
               meeting_publish_late(r->now, meeting_publish_deadline(m->starts_at,
                                                                     m->publish_days));

    if (!ag->can_manage || m->status == MEETING_MINUTES_PUBLISHED || m->status == MEETING_CANCELLED)
        return;
    html_lit(h, "<section class=\"actions\" aria-labelledby=\"actions-h\">");
    html_open(h, "h2", "id", "actions-h", NULL);
    html_text(h, T_(r, "Next step"));
    html_close(h, "h2");
    switch (m->status) {
    case MEETING_PLANNED:
        button_form(r, h, path, "start_agenda", N_("Start the agenda"));
        break;
    case MEETING_AGENDA_DRAFT:
        ui_form_begin(r, h, path);
        html_open(h, "input", "type", "hidden", "name", "action", "value", "publish_agenda", NULL);
        if (late)
            ui_input(r, h, N_("The deadline has passed: why is the agenda late?"), "late_reason",
                     "text", NULL, 1, NULL);
        ui_form_end(r, h, N_("Publish the agenda"));
        break;
    case MEETING_AGENDA_PUBLISHED:
        button_form(r, h, path, "mark_held", N_("Mark the meeting as held"));
        break;
    case MEETING_HELD:
        button_form(r, h, path, "start_minutes", N_("Start the minutes"));
        break;
    case MEETING_MINUTES_DRAFT:
        button_form(r, h, path, "publish_minutes", N_("Publish the minutes"));
        break;
    default:
        break;
    }
    if (meeting_transition_allowed(m->status, MEETING_CANCELLED)) {
        ui_form_begin(r, h, path);
        html_open(h, "input", "type", "hidden", "name", "action", "value", "cancel", NULL);
        ui_input(r, h, N_("Reason for cancelling"), "reason", "text", NULL, 1, NULL);
        ui_form_end(r, h, N_("Cancel the meeting"));
    }
    html_lit(h, "</section>\n");
}

static void rooms(struct request *r, struct html *h, unsigned bits)
{
    int any = 0;

    for (int i = 0; i < 4; i++) {
        if (!(bits & (1u << i)))
            continue;
        html_open(h, "span", "class", "room", NULL);
        html_text(h, T_(r, room_labels[i]));
        html_close(h, "span");
        any = 1;
    }
    if (any)
        html_lit(h, " ");
}

static void recommendation(struct request *r, struct html *h, const char *text)
{
    const char *p = text;

    if (!text || !*text)
        return;
    html_elem(h, "h4", T_(r, "Recommendation"));
    html_lit(h, "<ul class=\"recommendation\">");
    while (*p) {
        size_t n = strcspn(p, "\n");
        if (n)
            html_elem(h, "li", arena_strndup(r->arena, p, n));
        p += n;
        if (*p == '\n')
            p++;
    }
    html_lit(h, "</ul>");
}

static void item_minutes(struct request *r, struct html *h, const struct agenda_entry *e)
{
    const struct agenda_item *it = &e->item;

    if (!e->minutes_visible || (it->outcome == OUTCOME_NONE && !*it->decision &&
                                !e->nfollowups && !e->nreferrals))
        return;
    html_lit(h, "<div class=\"decision\">");
    html_elem(h, "h4", T_(r, "Decision"));
    if (*it->decision)
        html_markdown(h, it->decision, strlen(it->decision));
    html_open(h, "p", "class", "outcome", NULL);
    html_text(h, T_(r, item_outcome_labels[it->outcome]));
    html_close(h, "p");
    for (size_t i = 0; i < e->nfollowups; i++) {
        const struct followup *f = &e->followups[i];
        html_open(h, "p", "class", "followup", NULL);
        html_textf(h, "%s: %s (%s%s%s) – %s", T_(r, "Follow-up"), f->what, f->owner_name,
                   f->due_on != DATE_OPEN ? ", " : "",
                   f->due_on != DATE_OPEN ? fmt_date(r, f->due_on) : "",
                   T_(r, followup_status_labels[f->status]));
        html_close(h, "p");
    }
    for (size_t i = 0; i < e->nreferrals; i++) {
        const struct referral *rf = &e->referrals[i];
        html_open(h, "p", "class", "referral", NULL);
        html_textf(h, "%s %s (%s)", T_(r, "Referred to"), rf->to_forum_name,
                   T_(r, referral_status_labels[rf->status]));
        if (*rf->answer)
            html_textf(h, ": %s", rf->answer);
        html_close(h, "p");
    }
    html_lit(h, "</div>");
}

/* "Concerns: initiative 1b – title" for each initiative of links[0..n) on item_id. */
static void concerns(struct request *r, struct html *h, int64_t item_id,
                     const struct item_initiative *links, size_t n)
{
    size_t shown = 0;

    for (size_t i = 0; i < n; i++) {
        const struct initiative *in = &links[i].initiative;
        if (links[i].item_id != item_id)
            continue;
        if (!shown++) {
            html_open(h, "p", "class", "concerns", NULL);
            html_textf(h, "%s ", T_(r, "Concerns:"));
        } else {
            html_text(h, ", ");
        }
        a_link(h, arena_printf(r->arena, "/initiatives/%lld", (long long)in->id),
               arena_printf(r->arena, "%s %s – %s", T_(r, "initiative"), in->label, in->title));
    }
    if (shown)
        html_close(h, "p");
}

static void item_block(struct request *r, struct html *h, const struct agenda *ag,
                       const struct agenda_entry *e, const struct meeting_forms *forms,
                       const struct item_initiative *links, size_t nlinks)
{
    const struct agenda_item *it = &e->item;

    html_open(h, "section", "class", it->closed ? "item closed" : "item", "id",
              arena_printf(r->arena, "item-%lld", (long long)it->id), NULL);
    html_open(h, "h3", NULL);
    html_textf(h, "%d. %s", it->number, it->title);
    html_close(h, "h3");
    html_lit(h, "<p class=\"item-meta\">");
    rooms(r, h, it->rooms);
    if (it->closed) {
        html_open(h, "strong", "class", "closed-mark", NULL);
        html_text(h, T_(r, "Closed item"));
        html_close(h, "strong");
        html_lit(h, " ");
    }
    if (it->written_orientation)
        html_textf(h, "%s ", T_(r, "Written orientation"));
    if (*it->presenter)
        html_textf(h, "%s: %s", T_(r, "Presented by"), it->presenter);
    html_lit(h, "</p>");
    concerns(r, h, it->id, links, nlinks);
    recommendation(r, h, it->recommendation);
    if (*it->case_text) {
        html_elem(h, "h4", T_(r, "Case"));
        html_lit(h, "<div class=\"case\">");
        html_markdown(h, it->case_text, strlen(it->case_text));
        html_lit(h, "</div>");
    }
    if (e->nattachments) {
        html_elem(h, "h4", T_(r, "Attachments"));
        html_lit(h, "<ul class=\"attachments\">");
        for (size_t i = 0; i < e->nattachments; i++) {
            const struct attachment_info *a = &e->attachments[i];
            html_lit(h, "<li>");
            a_link(h, arena_printf(r->arena, "/attachments/%lld", (long long)a->id), a->title);
            html_textf(h, " (%s, %s %d)", a->filename, T_(r, "version"), a->version);
            html_lit(h, "</li>");
        }
        html_lit(h, "</ul>");
    }
    item_minutes(r, h, e);
    if (ag->can_manage)
        meeting_item_forms(r, h, ag, e, forms);
    html_close(h, "section");
    html_lit(h, "\n");
}

static void participant_line(struct request *r, struct html *h, const struct participant *p)
{
    html_lit(h, "<li>");
    html_text(h, p->name);
    if (p->kind == ATTEND_SUBSTITUTE && *p->substitute_for_name)
        html_textf(h, " (%s %s)", T_(r, "for"), p->substitute_for_name);
    if (p->kind == ATTEND_MEMBER && p->role != MEMBER_MEMBER)
        html_textf(h, ", %s", T_(r, member_role_labels[p->role]));
    if (p->status == ATTEND_ABSENT && *p->substitute_name)
        html_textf(h, " – %s %s", T_(r, "substitute:"), p->substitute_name);
    if (p->item_number)
        html_textf(h, " (%s %d)", T_(r, "item"), p->item_number);
    html_lit(h, "</li>");
}

static void groups(struct request *r, struct html *h, const char *title,
                   const struct participant_group *g, size_t n)
{
    if (!n)
        return;
    html_elem(h, "h3", T_(r, title));
    for (size_t i = 0; i < n; i++) {
        html_elem(h, "h4", *g[i].organisation_name ? g[i].organisation_name
                                                    : T_(r, "No organisation"));
        html_lit(h, "<ul>");
        for (size_t j = 0; j < g[i].n; j++)
            participant_line(r, h, &g[i].people[j]);
        html_lit(h, "</ul>");
    }
}

static void people_list(struct request *r, struct html *h, const char *title,
                        const struct participant *p, size_t n)
{
    if (!n)
        return;
    html_elem(h, "h3", T_(r, title));
    html_lit(h, "<ul>");
    for (size_t i = 0; i < n; i++)
        participant_line(r, h, &p[i]);
    html_lit(h, "</ul>");
}

static int attendance(struct request *r, struct html *h, const struct agenda *ag)
{
    struct attendance_report rep;
    struct kl_error err;
    int rc = app_attendance_get(r->store, r->arena, &r->who, ag->meeting.id, &rep, &err);

    if (rc == KL_EPERM || rc == KL_ENOTFOUND)
        return 0;
    if (rc)
        return req_fail(r, rc, "%s", err.msg);
    html_open(h, "section", "class", "attendance", "aria-labelledby", "attendance-h", NULL);
    html_open(h, "h2", "id", "attendance-h", NULL);
    html_text(h, T_(r, "Participants"));
    html_close(h, "h2");
    groups(r, h, N_("Present"), rep.present, rep.npresent);
    groups(r, h, N_("Absent (afbud)"), rep.absent, rep.nabsent);
    people_list(r, h, N_("Guests"), rep.guests, rep.nguests);
    people_list(r, h, N_("Secretariat"), rep.secretariat, rep.nsecretariat);
    meeting_attendance_forms(r, h, ag, &rep);
    html_close(h, "section");
    return 0;
}

int meeting_page(struct request *r, int64_t id, const struct meeting_forms *forms)
{
    struct agenda ag;
    struct item_initiative *links = NULL;
    size_t nlinks = 0;
    struct html h;
    int rc = app_agenda_get(r->store, r->arena, &r->who, id, &ag, &r->err);

    if (rc == 0 && ag.agenda_visible)
        rc = app_meeting_initiatives(r->store, r->arena, &r->who, id, &links, &nlinks, &r->err);
    if (rc)
        return rc;
    page_begin(r, &h, arena_printf(r->arena, "%s, %s", ag.meeting.forum_name,
                                   fmt_date(r, meeting_cph_day(ag.meeting.starts_at))),
               NAV_MEETINGS);
    if (forms && forms->fe && forms->fe->n)
        ui_problems(r, &h, forms->fe);
    facts(r, &h, &ag);
    if (ag.agenda_visible) {
        html_lit(&h, "<p class=\"actions\">");
        a_link(&h, arena_printf(r->arena, "/meetings/%lld/agenda.pdf", (long long)id),
               T_(r, "Agenda as PDF"));
        a_link(&h, arena_printf(r->arena, "/meetings/%lld/agenda-bilag.pdf", (long long)id),
               T_(r, "Agenda with attachments as PDF"));
        if (ag.minutes_visible && ag.meeting.status == MEETING_MINUTES_PUBLISHED)
            a_link(&h, arena_printf(r->arena, "/meetings/%lld/minutes.pdf", (long long)id),
                   T_(r, "Minutes as PDF"));
        a_link(&h, arena_printf(r->arena, "/meetings/%lld/datapakke.pdf", (long long)id),
               T_(r, "Data package as PDF"));
        html_lit(&h, "</p>");
        datapakke_attach_form(r, &h, &ag);
    }
    actions(r, &h, &ag);
    html_elem(&h, "h2", T_(r, "Agenda"));
    if (!ag.agenda_visible)
        html_elem(&h, "p", T_(r, "The agenda is not published yet."));
    else if (!ag.nitems)
        html_elem(&h, "p", T_(r, "The agenda has no items yet."));
    for (size_t i = 0; i < ag.nitems; i++)
        item_block(r, &h, &ag, &ag.items[i], forms, links, nlinks);
    if (ag.can_manage && meeting_agenda_editable(ag.meeting.status))
        meeting_add_item_form(r, &h, &ag, forms);
    else if (ag.can_propose && !ag.can_manage)
        meeting_propose_form(r, &h, &ag);
    if ((rc = attendance(r, &h, &ag)))
        return rc;
    return page_end(r, &h);
}

int page_meeting(struct request *r)
{
    long id;
    int rc = req_param_int(r, 0, 1, 2147483647L, &id);
    return rc ? rc : meeting_page(r, id, NULL);
}

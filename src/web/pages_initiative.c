/* pages_initiative.c - one initiative (indsats) as a page: its facts, the indicators it
 * follows, milestones, funds per year, the agenda items about it, the timeline of its
 * status reports across rounds and where it has spread (origin and linked initiatives of
 * other clusters side by side), with the forms of those who may change them: milestones,
 * funds and carry-over, offer, adopt and order. The forms arrive in posts_initiative.c. */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/format.h"
#include "web/handlers_plans.h"
#include "web/layout.h"
#include "web/plan_ui.h"
#include "web/plan_pages.h"
#include "web/request.h"
#include "app/meeting.h"
#include "app/meeting_agenda.h"
#include "app/organisation.h"
#include "app/plan.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/forum.h"
#include "model/meeting.h"
#include "model/org.h"

#include <string.h>

/* The problems of form `which` when it is the one sent back, else none. */
static const struct field_errors *problems_of(const struct field_errors *fe,
                                              const struct form *sent, const char *which)
{
    return fe && sent && strcmp(plan_form_text(sent, "form"), which) == 0 ? fe : NULL;
}

/* The value of name when form `which` came back, else dflt. */
static const char *sent_value(const struct form *sent, const char *which, const char *name,
                              const char *dflt)
{
    return sent && strcmp(plan_form_text(sent, "form"), which) == 0
               ? plan_form_text(sent, name) : dflt;
}

static void which_form(struct html *h, const char *which)
{
    html_open(h, "input", "type", "hidden", "name", "form", "value", which, NULL);
}

static void facts(struct request *r, struct html *h, const struct initiative *in)
{
    html_lit(h, "<dl class=\"facts\">");
    html_elem(h, "dt", T_(r, "Action plan"));
    html_lit(h, "<dd>");
    plan_link(h, plan_href(r, "plans", in->plan_id), in->plan_title);
    html_lit(h, "</dd>");
    html_elem(h, "dt", T_(r, "Label"));
    html_elem(h, "dd", in->label);
    html_elem(h, "dt", T_(r, "Status"));
    html_lit(h, "<dd>");
    plan_status(r, h, in->status);
    if (in->status_reason && *in->status_reason)
        html_textf(h, " – %s", in->status_reason);
    html_lit(h, "</dd>");
    html_elem(h, "dt", T_(r, "Latest traffic light"));
    html_lit(h, "<dd>");
    plan_light(r, h, plan_light_of(in->latest_light));
    html_lit(h, "</dd>");
    html_elem(h, "dt", T_(r, "Group"));
    html_lit(h, "<dd>");
    if (in->group_forum_id)
        plan_link(h, plan_href(r, "forums", in->group_forum_id), in->group_name);
    else
        html_text(h, T_(r, "No group yet"));
    html_lit(h, "</dd>");
    html_elem(h, "dt", T_(r, "Responsible"));
    html_elem(h, "dd", in->responsible_person_id ? in->responsible_name : T_(r, "Not named"));
    html_elem(h, "dt", T_(r, "Type"));
    html_elem(h, "dd", in->process == PROCESS_A
                           ? T_(r, "A: developed locally, then offered for spread")
                           : T_(r, "B: ordered centrally, implemented locally"));
    html_elem(h, "dt", T_(r, "Target groups"));
    html_lit(h, "<dd>");
    for (unsigned i = 0, k = 0; i < TARGET_COUNT; i++)
        if (in->targets & (1u << i)) {
            if (k++)
                html_text(h, ", ");
            html_text(h, T_(r, target_group_labels[i]));
        }
    if (!in->targets)
        html_text(h, T_(r, "None named"));
    html_lit(h, "</dd>");
    html_elem(h, "dt", T_(r, "User involvement"));
    html_elem(h, "dd", in->user_involvement
                           ? (in->involvement_how && *in->involvement_how
                                  ? arena_printf(r->arena, "%s: %s", T_(r, "Yes"),
                                                 in->involvement_how)
                                  : T_(r, "Yes"))
                           : T_(r, "No"));
    if (in->data_plan && *in->data_plan) {
        html_elem(h, "dt", T_(r, "Data plan"));
        html_elem(h, "dd", in->data_plan);
    }
    if (in->origin_id) {
        html_elem(h, "dt", T_(r, "Spread from"));
        html_lit(h, "<dd>");
        plan_link(h, plan_href(r, "initiatives", in->origin_id), T_(r, "the original initiative"));
        html_lit(h, "</dd>");
    }
    if (in->offered_at) {
        html_elem(h, "dt", T_(r, "Offered for spread"));
        html_elem(h, "dd", fmt_when(r, in->offered_at));
    }
    html_lit(h, "</dl>\n");
    if (in->description && *in->description) {
        html_open(h, "p", "class", "description", NULL);
        html_text(h, in->description);
        html_close(h, "p");
    }
}

static void indicators_section(struct request *r, struct html *h, const char **codes, size_t n)
{
    html_elem(h, "h2", T_(r, "Indicators followed"));
    if (!n) {
        html_elem(h, "p", T_(r, "No indicators are linked."));
        return;
    }
    html_lit(h, "<ul>");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<li>");
        plan_link(h, arena_printf(r->arena, "/indicators/%s", codes[i]), codes[i]);
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
}

/* The form that changes milestone m: title, due day, day reached (empty: not yet); the form
 * named "milestone-ID" so that its problems come back to it. */
static void milestone_edit(struct request *r, struct html *h, const struct milestone *m,
                           const struct field_errors *fe, const struct form *sent)
{
    const char *which = arena_printf(r->arena, "milestone-%lld", (long long)m->id);
    const struct field_errors *p = problems_of(fe, sent, which);
    char due[11], done[11] = "";

    date_format_iso(m->due_on, due);
    if (m->done_on != DATE_OPEN)
        date_format_iso(m->done_on, done);
    html_open(h, "details", "open", p ? "" : NULL, NULL);
    html_open(h, "summary", NULL);
    html_text(h, T_(r, "Change"));
    html_open(h, "span", "class", "visually-hidden", NULL);
    html_textf(h, " – %s", m->title);
    html_close(h, "span");
    html_close(h, "summary");
    ui_problems(r, h, p);
    ui_form_begin(r, h, arena_printf(r->arena, "/milestones/%lld/edit", (long long)m->id));
    which_form(h, which);
    ui_input(r, h, N_("Milestone"), "title", "text", sent_value(sent, which, "title", m->title),
             1, p);
    ui_input(r, h, N_("Due on"), "due_on", "date", sent_value(sent, which, "due_on", due), 1, p);
    ui_input(r, h, N_("Reached on (empty: not yet)"), "done_on", "date",
             sent_value(sent, which, "done_on", done), 0, p);
    ui_form_end(r, h, N_("Save milestone"));
    html_close(h, "details");
}

static void milestones_section(struct request *r, struct html *h, const struct initiative *in,
                               const struct milestone *m, size_t n, int keep,
                               const struct field_errors *fe, const struct form *sent)
{
    const struct field_errors *mine = problems_of(fe, sent, "milestone");

    html_open(h, "h2", "id", "milestones", NULL);
    html_text(h, T_(r, "Milestones"));
    html_close(h, "h2");
    if (!n)
        html_elem(h, "p", T_(r, "No milestones yet."));
    else {
        html_lit(h, "<table><caption>");
        html_text(h, T_(r, "Milestones"));
        html_lit(h, "</caption><thead><tr>");
        plan_th(r, h, N_("Milestone"), 0);
        plan_th(r, h, N_("Due"), 0);
        plan_th(r, h, N_("Reached"), 0);
        if (keep)
            plan_th(r, h, N_("Change"), 0);
        html_lit(h, "</tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
            html_lit(h, "<tr>");
            html_open(h, "th", "scope", "row", NULL);
            html_text(h, m[i].title);
            html_close(h, "th");
            html_elem(h, "td", fmt_date(r, m[i].due_on));
            html_lit(h, "<td>");
            if (m[i].done_on != DATE_OPEN)
                html_text(h, fmt_date(r, m[i].done_on));
            else if (keep) {
                ui_form_begin(r, h, arena_printf(r->arena, "/milestones/%lld/done",
                                                 (long long)m[i].id));
                html_open(h, "button", "type", "submit", "class", "small", "aria-label",
                          arena_printf(r->arena, "%s: %s", T_(r, "Mark reached"), m[i].title),
                          NULL);
                html_text(h, T_(r, "Mark reached"));
                html_close(h, "button");
                html_close(h, "form");
            } else
                html_text(h, T_(r, "Not yet"));
            html_lit(h, "</td>");
            if (keep) {
                html_lit(h, "<td>");
                milestone_edit(r, h, &m[i], fe, sent);
                html_lit(h, "</td>");
            }
            html_lit(h, "</tr>");
        }
        html_lit(h, "</tbody></table>");
    }
    if (!keep)
        return;
    html_open(h, "details", "open", mine ? "" : NULL, NULL);
    html_elem(h, "summary", T_(r, "Add a milestone"));
    ui_problems(r, h, mine);
    ui_form_begin(r, h, arena_printf(r->arena, "/initiatives/%lld/milestones",
                                     (long long)in->id));
    which_form(h, "milestone");
    ui_input(r, h, N_("Milestone"), "title", "text", sent_value(sent, "milestone", "title", ""),
             1, mine);
    ui_input(r, h, N_("Due on"), "due_on", "date", sent_value(sent, "milestone", "due_on", ""),
             1, mine);
    ui_form_end(r, h, N_("Add milestone"));
    html_close(h, "details");
}

static void funds_section(struct request *r, struct html *h, const struct initiative *in,
                          const struct funds_year *f, size_t n, int manage,
                          const struct field_errors *fe, const struct form *sent)
{
    const struct field_errors *set = problems_of(fe, sent, "funds");
    const struct field_errors *carry = problems_of(fe, sent, "carry");

    html_open(h, "h2", "id", "funds", NULL);
    html_text(h, T_(r, "Cluster funds"));
    html_close(h, "h2");
    if (!n)
        html_elem(h, "p", T_(r, "No funds have been allocated yet."));
    else
        plan_funds_table(r, h, N_("Funds per year"), f, n);
    if (!manage)
        return;
    html_open(h, "details", "open", set ? "" : NULL, NULL);
    html_elem(h, "summary", T_(r, "Set the funds of a year"));
    ui_problems(r, h, set);
    ui_form_begin(r, h, arena_printf(r->arena, "/initiatives/%lld/funds", (long long)in->id));
    which_form(h, "funds");
    ui_input(r, h, N_("Year"), "year", "number", sent_value(sent, "funds", "year", ""), 1, set);
    ui_input(r, h, N_("Allocated (kr.)"), "allocated", "text",
             sent_value(sent, "funds", "allocated", ""), 1, set);
    ui_input(r, h, N_("Spent (kr.)"), "spent", "text", sent_value(sent, "funds", "spent", ""), 0,
             set);
    ui_form_end(r, h, N_("Save funds"));
    html_close(h, "details");
    if (!n)
        return;
    html_open(h, "details", "open", carry ? "" : NULL, NULL);
    html_elem(h, "summary", T_(r, "Carry funds over to the next year"));
    ui_problems(r, h, carry);
    ui_form_begin(r, h, arena_printf(r->arena, "/initiatives/%lld/carry", (long long)in->id));
    which_form(h, "carry");
    ui_input(r, h, N_("From year"), "year", "number", sent_value(sent, "carry", "year", ""), 1,
             carry);
    ui_input(r, h, N_("Amount (kr.)"), "amount", "text", sent_value(sent, "carry", "amount", ""),
             1, carry);
    ui_form_end(r, h, N_("Carry over"));
    html_close(h, "details");
}

/* The agenda items of forum_id's meetings from a year back to four months ahead, newest
 * meeting first, as choices "12. marts 2026 kl. 13:00: 4. Title" (the secretary links one
 * to the initiative). */
static int item_choices(struct request *r, int64_t forum_id, struct choice **out, size_t *n)
{
    struct meeting_query q = {.forum_ids = &forum_id, .nforums = 1};
    struct meeting *m;
    size_t nm, cap = 0;
    int32_t today = req_today(r);
    int rc;

    q.from_day = today - 400;
    q.to_day = today + 120;
    *n = 0;
    *out = NULL;
    if ((rc = app_meeting_list(r->store, r->arena, &r->who, &q, &m, &nm, &r->err)))
        return rc;
    for (size_t i = nm; i-- > 0;) { /* newest first */
        struct agenda ag;
        if (app_agenda_get(r->store, r->arena, &r->who, m[i].id, &ag, &r->err)) {
            kl_error_clear(&r->err);
            continue;
        }
        for (size_t j = 0; j < ag.nitems; j++) {
            if (*n == cap) {
                struct choice *more = arena_calloc(r->arena, cap = cap ? 2 * cap : 32,
                                                   sizeof(*more));
                if (!more)
                    return req_fail(r, KL_ENOMEM, "out of memory");
                if (*n)
                    memcpy(more, *out, *n * sizeof(*more));
                *out = more;
            }
            (*out)[(*n)++] = (struct choice){
                arena_printf(r->arena, "%lld", (long long)ag.items[j].item.id),
                arena_printf(r->arena, "%s: %d. %s", fmt_when(r, m[i].starts_at),
                             ag.items[j].item.number, ag.items[j].item.title)};
        }
    }
    return 0;
}

static int items_section(struct request *r, struct html *h, const struct initiative *in,
                         const struct agenda_item *it, size_t n, const struct field_errors *fe,
                         const struct form *sent)
{
    const struct field_errors *link = problems_of(fe, sent, "item");
    struct choice *items;
    size_t nitems;
    int rc;

    html_open(h, "h2", "id", "items", NULL);
    html_text(h, T_(r, "Agenda items and decisions"));
    html_close(h, "h2");
    if (!n)
        html_elem(h, "p", T_(r, "No agenda items are linked to the initiative."));
    else {
        html_lit(h, "<ul class=\"tray\">");
        for (size_t i = 0; i < n; i++) {
            html_lit(h, "<li>");
            if (it[i].meeting_id)
                plan_link(h, arena_printf(r->arena, "/meetings/%lld#item-%lld",
                                          (long long)it[i].meeting_id, (long long)it[i].id),
                          it[i].title);
            else
                html_text(h, it[i].title);
            if (it[i].decision && *it[i].decision) {
                html_lit(h, "<br>");
                html_textf(h, "%s: %s", T_(r, "Decision"), it[i].decision);
            }
            html_lit(h, "</li>");
        }
        html_lit(h, "</ul>");
    }
    /* the secretary of the plan's forum links the forum's items */
    if (!plan_may(r, PERM_FORUM_MANAGE, in->plan_forum_id))
        return 0;
    if ((rc = item_choices(r, in->plan_forum_id, &items, &nitems)))
        return rc;
    if (!nitems)
        return 0;
    html_open(h, "details", "open", link ? "" : NULL, NULL);
    html_elem(h, "summary", T_(r, "Link an agenda item"));
    ui_problems(r, h, link);
    ui_form_begin(r, h, arena_printf(r->arena, "/initiatives/%lld/items", (long long)in->id));
    which_form(h, "item");
    ui_select(r, h, N_("Agenda item"), "item_id", items, nitems,
              sent_value(sent, "item", "item_id", NULL), 1, link);
    ui_form_end(r, h, N_("Link item"));
    html_close(h, "details");
    return 0;
}

static void timeline_section(struct request *r, struct html *h, const struct initiative *in,
                             const struct status_report *rep, size_t n)
{
    int32_t today = req_today(r);
    int rounds = plan_may(r, PERM_FORUM_PUBLISHED, in->plan_forum_id);

    html_elem(h, "h2", T_(r, "Status reports over time"));
    if (!n) {
        html_elem(h, "p", T_(r, "The initiative has not been asked for a status report yet."));
        return;
    }
    html_lit(h, "<ol class=\"timeline\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<li>");
        html_open(h, "strong", NULL);
        if (rounds) /* a group member outside the plan's forum reads no round overview */
            plan_link(h, plan_href(r, "status-rounds", rep[i].round_id), rep[i].round_title);
        else
            html_text(h, rep[i].round_title);
        html_close(h, "strong");
        html_text(h, " ");
        plan_light(r, h, rep[i].light);
        html_text(h, " ");
        plan_state(r, h, report_state_of(&rep[i], today));
        html_textf(h, " %s %s. ", T_(r, "due"), fmt_date(r, report_due(&rep[i])));
        if (rep[i].submitted_at)
            html_textf(h, "%s %s. ", T_(r, "Submitted"), fmt_when(r, rep[i].submitted_at));
        plan_link(h, plan_href(r, "status-reports", rep[i].id), T_(r, "Read the report"));
        html_lit(h, "</li>");
    }
    html_lit(h, "</ol>");
}

/* One row of the spread table. */
static void spread_row(struct request *r, struct html *h, const struct initiative *in, int self)
{
    html_lit(h, "<tr>");
    html_open(h, "th", "scope", "row", NULL);
    if (self)
        html_text(h, in->title);
    else
        plan_link(h, plan_href(r, "initiatives", in->id), in->title);
    if (!in->origin_id) {
        html_text(h, " ");
        html_elem(h, "small", T_(r, "(origin)"));
    }
    html_close(h, "th");
    html_elem(h, "td", in->cluster_codes && *in->cluster_codes ? in->cluster_codes : "–");
    html_lit(h, "<td>");
    plan_link(h, plan_href(r, "plans", in->plan_id), in->plan_title);
    html_lit(h, "</td>");
    html_elem(h, "td", in->label);
    html_lit(h, "<td>");
    plan_status(r, h, in->status);
    html_lit(h, "</td><td>");
    plan_light(r, h, plan_light_of(in->latest_light));
    html_lit(h, "</td></tr>");
}

/* The plans whose secretary the visitor is, but plan `not`, as choices. */
static int own_plans(struct request *r, int64_t not, struct choice **out, size_t *n)
{
    struct action_plan *p;
    size_t np;
    int rc = app_plan_list(r->store, r->arena, &r->who, 0, &p, &np, &r->err);

    if (rc)
        return rc;
    *out = arena_calloc(r->arena, np + 1, sizeof(**out));
    if (!*out)
        return req_fail(r, KL_ENOMEM, "out of memory");
    *n = 0;
    for (size_t i = 0; i < np; i++)
        if (p[i].id != not && plan_may(r, PERM_FORUM_MANAGE, p[i].forum_id))
            (*out)[(*n)++] = (struct choice){
                arena_printf(r->arena, "%lld", (long long)p[i].id),
                arena_printf(r->arena, "%s (%s)", p[i].title, p[i].forum_name)};
    return 0;
}

static int spread_section(struct request *r, struct html *h, const struct initiative *in,
                          int manage, const struct field_errors *fe, const struct form *sent)
{
    const struct field_errors *adopt = problems_of(fe, sent, "adopt");
    struct spread sp;
    struct choice *mine;
    size_t nmine = 0;
    int rc;

    if ((rc = app_initiative_spread(r->store, r->arena, &r->who, in->id, &sp, &r->err)))
        return rc;
    html_elem(h, "h2", T_(r, "Spread to other clusters"));
    if (!sp.n && !in->origin_id)
        html_elem(h, "p", T_(r, "No other cluster has taken up the initiative."));
    else {
        html_lit(h, "<div class=\"wide\"><table class=\"spread\"><caption>");
        html_text(h, T_(r, "The initiative and where it has spread, side by side"));
        html_lit(h, "</caption><thead><tr>");
        plan_th(r, h, N_("Initiative"), 0);
        plan_th(r, h, N_("Clusters"), 0);
        plan_th(r, h, N_("Action plan"), 0);
        plan_th(r, h, N_("Label"), 0);
        plan_th(r, h, N_("Status"), 0);
        plan_th(r, h, N_("Latest traffic light"), 0);
        html_lit(h, "</tr></thead><tbody>");
        spread_row(r, h, &sp.origin, sp.origin.id == in->id);
        for (size_t i = 0; i < sp.n; i++)
            spread_row(r, h, &sp.linked[i], sp.linked[i].id == in->id);
        html_lit(h, "</tbody></table></div>");
    }
    if (manage && in->process == PROCESS_A && in->status == INITIATIVE_COMPLETED &&
        !in->offered_at) {
        ui_form_begin(r, h, arena_printf(r->arena, "/initiatives/%lld/offer", (long long)in->id));
        ui_form_end(r, h, N_("Offer for spread to other clusters"));
    }
    if (in->offered_at && r->who.method != AUTH_NONE) {
        if ((rc = own_plans(r, in->plan_id, &mine, &nmine)))
            return rc;
        if (nmine) {
            html_open(h, "details", "open", adopt ? "" : NULL, NULL);
            html_elem(h, "summary", T_(r, "Adopt into one of your action plans"));
            ui_problems(r, h, adopt);
            ui_form_begin(r, h, arena_printf(r->arena, "/initiatives/%lld/adopt",
                                             (long long)in->id));
            which_form(h, "adopt");
            ui_select(r, h, N_("Action plan"), "plan_id", mine, nmine,
                      sent_value(sent, "adopt", "plan_id", NULL), 1, adopt);
            ui_input(r, h, N_("Label in that plan (empty: the same)"), "label", "text",
                     sent_value(sent, "adopt", "label", ""), 0, adopt);
            ui_form_end(r, h, N_("Adopt"));
            html_close(h, "details");
        }
    }
    if (manage && in->process == PROCESS_B && !in->origin_id) {
        struct action_plan *p = NULL;
        size_t np = 0;
        /* the region's clusters' plans; none when the forum does not serve a region */
        if (app_initiative_order_targets(r->store, r->arena, &r->who, in->id, &p, &np,
                                         &r->err))
            kl_error_clear(&r->err);
        if (np) {
            html_open(h, "details", "open", problems_of(fe, sent, "order") ? "" : NULL, NULL);
            html_elem(h, "summary", T_(r, "Order the initiative in the clusters' plans"));
            ui_problems(r, h, problems_of(fe, sent, "order"));
            ui_form_begin(r, h, arena_printf(r->arena, "/initiatives/%lld/order",
                                             (long long)in->id));
            which_form(h, "order");
            html_open(h, "fieldset", NULL);
            html_elem(h, "legend", T_(r, "Action plans to implement it"));
            for (size_t i = 0; i < np; i++)
                ui_checkbox(r, h, arena_printf(r->arena, "%s (%s)", p[i].title,
                                               p[i].forum_name),
                            arena_printf(r->arena, "plan_%lld", (long long)p[i].id), 0);
            html_close(h, "fieldset");
            ui_form_end(r, h, N_("Order"));
            html_close(h, "details");
        }
    }
    return 0;
}

int initiative_page(struct request *r, int64_t id, const struct field_errors *fe,
                    const struct form *sent)
{
    struct initiative in;
    const char **codes;
    struct milestone *m;
    struct funds_year *f;
    struct agenda_item *items;
    struct status_report *rep;
    size_t nc, nm, nf, ni, nr;
    struct html h;
    int rc, manage, keep;

    if ((rc = app_initiative_get(r->store, r->arena, &r->who, id, &in, &r->err)) ||
        (rc = app_initiative_indicators(r->store, r->arena, &r->who, id, &codes, &nc,
                                        &r->err)) ||
        (rc = app_milestone_list(r->store, r->arena, &r->who, id, &m, &nm, &r->err)) ||
        (rc = app_funds_list(r->store, r->arena, &r->who, id, 0, &f, &nf, &r->err)) ||
        (rc = app_initiative_items(r->store, r->arena, &r->who, id, &items, &ni, &r->err)) ||
        (rc = app_report_timeline(r->store, r->arena, &r->who, id, &rep, &nr, &r->err)))
        return rc;
    manage = plan_may(r, PERM_FORUM_MANAGE, in.plan_forum_id);
    keep = manage || plan_may(r, PERM_FORUM_INTERNAL, in.group_forum_id);
    page_begin(r, &h, arena_printf(r->arena, "%s %s: %s", T_(r, "Initiative"), in.label,
                                   in.title), NAV_PLANS);
    facts(r, &h, &in);
    if (manage) {
        html_lit(&h, "<p class=\"actions\">");
        plan_link(&h, arena_printf(r->arena, "/initiatives/%lld/edit", (long long)id),
                  T_(r, "Edit initiative"));
        html_lit(&h, "</p>");
    }
    timeline_section(r, &h, &in, rep, nr);
    milestones_section(r, &h, &in, m, nm, keep, fe, sent);
    funds_section(r, &h, &in, f, nf, manage, fe, sent);
    indicators_section(r, &h, codes, nc);
    if ((rc = items_section(r, &h, &in, items, ni, fe, sent)) ||
        (rc = spread_section(r, &h, &in, manage, fe, sent)))
        return rc;
    return page_end(r, &h);
}

int page_initiative(struct request *r)
{
    int64_t id;
    int rc = plan_param(r, 0, &id);

    return rc ? rc : initiative_page(r, id, NULL, NULL);
}

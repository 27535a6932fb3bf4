/* pages_plan.c - action plans (handleplaner) as pages: the plans a visitor may see per
 * forum, one plan with its initiatives and their latest traffic lights, its funds per year
 * and its status rounds, and the secretary's forms to create and change a plan and open a
 * round. app/plan.h decides who sees and changes what. */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/format.h"
#include "web/handlers_plans.h"
#include "web/layout.h"
#include "web/plan_ui.h"
#include "web/request.h"
#include "app/meeting_agenda.h"
#include "app/organisation.h"
#include "app/plan.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/forum.h"
#include "model/org.h"

#include <stdio.h>
#include <string.h>

int page_plans(struct request *r)
{
    struct action_plan *p;
    long forum = 0;
    size_t n;
    struct html h;
    int rc;

    if ((rc = req_query_int(r, "forum", 1, 2147483647L, &forum)) ||
        (rc = app_plan_list(r->store, r->arena, &r->who, forum, &p, &n, &r->err)))
        return rc;
    page_begin(r, &h, T_(r, "Action plans"), NAV_PLANS);
    html_open(&h, "p", "class", "lead", NULL);
    html_text(&h, T_(r, "The action plans of the forums, with their initiatives, funds and "
                        "status rounds."));
    html_close(&h, "p");
    if (r->who.method != AUTH_NONE) {
        html_lit(&h, "<p class=\"actions\">");
        plan_link(&h, forum ? arena_printf(r->arena, "/plans/new?forum=%ld", forum)
                            : "/plans/new", T_(r, "New action plan"));
        html_lit(&h, "</p>");
    }
    if (!n) {
        html_elem(&h, "p", T_(r, "There are no action plans to show."));
        return page_end(r, &h);
    }
    html_lit(&h, "<table><caption>");
    html_text(&h, T_(r, "Action plans"));
    html_lit(&h, "</caption><thead><tr>");
    html_open(&h, "th", "scope", "col", NULL);
    html_text(&h, T_(r, "Plan"));
    html_close(&h, "th");
    html_open(&h, "th", "scope", "col", NULL);
    html_text(&h, T_(r, "Forum"));
    html_close(&h, "th");
    html_open(&h, "th", "scope", "col", NULL);
    html_text(&h, T_(r, "Period"));
    html_close(&h, "th");
    html_open(&h, "th", "scope", "col", "class", "num", NULL);
    html_text(&h, T_(r, "Number of initiatives"));
    html_close(&h, "th");
    html_lit(&h, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<tr>");
        html_open(&h, "th", "scope", "row", NULL);
        plan_link(&h, plan_href(r, "plans", p[i].id), p[i].title);
        html_close(&h, "th");
        html_lit(&h, "<td>");
        plan_link(&h, arena_printf(r->arena, "/plans?forum=%lld", (long long)p[i].forum_id),
                  p[i].forum_name);
        html_lit(&h, "</td>");
        html_elem(&h, "td", fmt_period(r, p[i].starts_on, p[i].ends_on));
        html_open(&h, "td", "class", "num", NULL);
        html_text(&h, fmt_int(r, (int64_t)p[i].ninitiatives));
        html_close(&h, "td");
        html_lit(&h, "</tr>");
    }
    html_lit(&h, "</tbody></table>\n");
    return page_end(r, &h);
}

/* The forums whose secretary the visitor is, as choices. */
static int managed_forums(struct request *r, struct choice **out, size_t *n)
{
    struct forum *f;
    size_t nf;
    int rc = app_forum_list(r->store, r->arena, &r->who, NULL, &f, &nf, &r->err);

    if (rc)
        return rc;
    *out = arena_calloc(r->arena, nf + 1, sizeof(**out));
    if (!*out)
        return req_fail(r, KL_ENOMEM, "out of memory");
    *n = 0;
    for (size_t i = 0; i < nf; i++)
        if (plan_may(r, PERM_FORUM_MANAGE, f[i].id))
            (*out)[(*n)++] = (struct choice){arena_printf(r->arena, "%lld", (long long)f[i].id),
                                             f[i].name};
    return 0;
}

static const char *day_value(struct request *r, int32_t d)
{
    char iso[16];

    if (d == DATE_OPEN)
        return "";
    date_format_iso(d, iso);
    return arena_strdup(r->arena, iso);
}

/* The fields of a plan; values from sent when the form came back, else from p. */
static void plan_fields(struct request *r, struct html *h, const struct action_plan *p,
                        const struct field_errors *fe, const struct form *sent)
{
#define V(name, stored) (sent ? plan_form_text(sent, name) : (stored))
    ui_input(r, h, N_("Title"), "title", "text", V("title", p->title), 1, fe);
    ui_input(r, h, N_("Starts on"), "starts_on", "date", V("starts_on", day_value(r, p->starts_on)),
             1, fe);
    ui_input(r, h, N_("Ends on"), "ends_on", "date", V("ends_on", day_value(r, p->ends_on)), 1,
             fe);
    ui_textarea(r, h, N_("What the funds may be used for"), "funds_rule",
                V("funds_rule", p->funds_rule), fe);
    ui_input(r, h, N_("Approved by agenda item (number)"), "approved_item_id", "number",
             V("approved_item_id", p->approved_item_id
                                        ? arena_printf(r->arena, "%lld",
                                                       (long long)p->approved_item_id)
                                        : ""), 0, fe);
#undef V
}

/* Reads a plan's fields from a form. */
static void read_plan(const struct form *f, struct action_plan *p, struct field_errors *fe)
{
    p->title = plan_form_text(f, "title");
    p->starts_on = plan_form_day(f, "starts_on", fe);
    p->ends_on = plan_form_day(f, "ends_on", fe);
    p->funds_rule = plan_form_text(f, "funds_rule");
    p->approved_item_id = plan_form_id(f, "approved_item_id", fe);
}

static int show_new(struct request *r, int64_t forum, const struct field_errors *fe,
                    const struct form *sent)
{
    struct action_plan p = {.title = "", .funds_rule = "", .starts_on = DATE_OPEN,
                            .ends_on = DATE_OPEN};
    struct choice *forums;
    size_t n = 0;
    struct html h;
    int rc;

    if ((rc = managed_forums(r, &forums, &n)))
        return rc;
    page_begin(r, &h, T_(r, "New action plan"), NAV_PLANS);
    if (!n) {
        html_elem(&h, "p", T_(r, "Only the secretary of a forum can create its action plan."));
        return page_end(r, &h);
    }
    ui_problems(r, &h, fe);
    ui_form_begin(r, &h, "/plans/new");
    ui_select(r, &h, N_("Forum"), "forum_id", forums, n,
              sent ? plan_form_text(sent, "forum_id")
                   : arena_printf(r->arena, "%lld", (long long)forum), 1, fe);
    plan_fields(r, &h, &p, fe, sent);
    ui_form_end(r, &h, N_("Create action plan"));
    return page_end(r, &h);
}

int page_plan_new(struct request *r)
{
    long forum = 0;
    int rc = req_query_int(r, "forum", 1, 2147483647L, &forum);

    return rc ? rc : show_new(r, forum, NULL, NULL);
}

int post_plan_new(struct request *r)
{
    struct field_errors fe = {0};
    struct action_plan p = {0};
    struct form f;
    int rc;

    if ((rc = req_form(r, &f)))
        return rc;
    p.forum_id = plan_form_id(&f, "forum_id", &fe);
    read_plan(&f, &p, &fe);
    if (!p.forum_id && !fields_get(&fe, "forum_id"))
        fields_add(&fe, "forum_id", N_("is required"));
    if (fe.n)
        rc = KL_EINVAL;
    else
        rc = app_plan_create(r->store, &r->who, &p, &fe, &r->err);
    return plan_outcome(r, rc, rc ? "" : plan_href(r, "plans", p.id), show_new, p.forum_id,
                        &fe, &f);
}

static void initiatives_table(struct request *r, struct html *h, const struct initiative *in,
                              size_t n)
{
    html_elem(h, "h2", T_(r, "The plan's initiatives"));
    if (!n) {
        html_elem(h, "p", T_(r, "The plan has no initiatives yet."));
        return;
    }
    html_lit(h, "<div class=\"wide\"><table class=\"initiatives\"><caption>");
    html_text(h, T_(r, "Initiatives and their latest status"));
    html_lit(h, "</caption><thead><tr>");
    plan_th(r, h, N_("Label"), 0);
    plan_th(r, h, N_("Initiative"), 0);
    plan_th(r, h, N_("Group"), 0);
    plan_th(r, h, N_("Type"), 0);
    plan_th(r, h, N_("Status"), 0);
    plan_th(r, h, N_("Latest traffic light"), 0);
    html_lit(h, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_open(h, "tr", "id", arena_printf(r->arena, "initiative-%lld", (long long)in[i].id),
                  NULL);
        html_elem(h, "td", in[i].label);
        html_open(h, "th", "scope", "row", NULL);
        plan_link(h, plan_href(r, "initiatives", in[i].id), in[i].title);
        html_close(h, "th");
        html_lit(h, "<td>");
        if (in[i].group_forum_id)
            plan_link(h, plan_href(r, "forums", in[i].group_forum_id), in[i].group_name);
        else
            html_text(h, T_(r, "No group yet"));
        html_lit(h, "</td>");
        html_elem(h, "td", initiative_process_name(in[i].process));
        html_lit(h, "<td>");
        plan_status(r, h, in[i].status);
        html_lit(h, "</td><td>");
        plan_light(r, h, plan_light_of(in[i].latest_light));
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>\n");
}

/* Funds per year over every initiative of the plan. */
static void funds_summary(struct request *r, struct html *h, const struct funds_year *f,
                          size_t n)
{
    struct funds_year totals[FUNDS_YEARS_MAX];
    size_t ny = funds_totals(f, n, totals, FUNDS_YEARS_MAX);

    html_elem(h, "h2", T_(r, "Cluster funds"));
    if (!ny)
        html_elem(h, "p", T_(r, "No funds have been allocated yet."));
    else
        plan_funds_table(r, h, N_("Funds of all initiatives per year"), totals, ny);
}

static void rounds_section(struct request *r, struct html *h, const struct action_plan *p,
                           const struct status_round *ro, size_t n, int manage,
                           const struct field_errors *fe, const struct form *sent)
{
    html_elem(h, "h2", T_(r, "Status rounds"));
    if (!n)
        html_elem(h, "p", T_(r, "No status round has been opened."));
    else {
        html_lit(h, "<ul class=\"rounds\">");
        for (size_t i = 0; i < n; i++) {
            html_lit(h, "<li>");
            plan_link(h, plan_href(r, "status-rounds", ro[i].id), ro[i].title);
            html_textf(h, " – %s %s", T_(r, "due"), fmt_date(r, ro[i].due_on));
            html_lit(h, "</li>");
        }
        html_lit(h, "</ul>");
    }
    if (!manage)
        return;
    html_open(h, "details", "open", fe ? "" : NULL, NULL);
    html_open(h, "summary", NULL);
    html_text(h, T_(r, "Open a status round"));
    html_close(h, "summary");
    ui_problems(r, h, fe);
    ui_form_begin(r, h, arena_printf(r->arena, "/plans/%lld/rounds", (long long)p->id));
    ui_input(r, h, N_("Title"), "title", "text", sent ? plan_form_text(sent, "title") : "", 1,
             fe);
    ui_input(r, h, N_("Due on"), "due_on", "date", sent ? plan_form_text(sent, "due_on") : "",
             1, fe);
    html_open(h, "fieldset", "aria-describedby",
              fe && fields_get(fe, "fields") ? "problem-fields" : NULL, NULL);
    html_elem(h, "legend", T_(r, "What the groups must report"));
    if (fe && fields_get(fe, "fields")) {
        html_open(h, "span", "class", "field-problem", "id", "problem-fields", NULL);
        html_text(h, T_(r, fields_get(fe, "fields")));
        html_close(h, "span");
    }
    for (unsigned i = 0; i < ROUND_FIELD_COUNT; i++) {
        const char *name = arena_printf(r->arena, "field_%s", round_field_name(i));
        ui_checkbox(r, h, round_field_labels[i], name, sent ? form_get(sent, name) != NULL : 1);
    }
    html_close(h, "fieldset");
    ui_form_end(r, h, N_("Open round"));
    html_close(h, "details");
}

/* The agenda item that approved a plan: a link to it on its meeting when the visitor may
 * see it, else its number. */
static void approved_by(struct request *r, struct html *h, int64_t item_id)
{
    struct agenda_entry e;
    struct kl_error err;

    if (!item_id) {
        html_text(h, T_(r, "Not yet"));
        return;
    }
    if (app_item_get(r->store, r->arena, &r->who, item_id, &e, &err) == 0 && e.item.meeting_id) {
        html_textf(h, "%s: ", T_(r, "Yes"));
        plan_link(h, arena_printf(r->arena, "/meetings/%lld#item-%lld",
                                  (long long)e.item.meeting_id, (long long)item_id),
                  e.item.title);
        return;
    }
    html_textf(h, "%s (%s %lld)", T_(r, "Yes"), T_(r, "agenda item"), (long long)item_id);
}

/* The plan page, with the round form sent back with its problems (fe, sent may be NULL). */
static int show_plan(struct request *r, int64_t id, const struct field_errors *fe,
                     const struct form *sent)
{
    struct action_plan p;
    struct initiative *in;
    struct status_round *ro;
    struct funds_year *f;
    size_t ni, nr, nf;
    struct html h;
    int rc, manage;

    if ((rc = app_plan_get(r->store, r->arena, &r->who, id, &p, &r->err)) ||
        (rc = app_initiative_list(r->store, r->arena, &r->who, id, &in, &ni, &r->err)) ||
        (rc = app_status_round_list(r->store, r->arena, &r->who, id, &ro, &nr, &r->err)) ||
        (rc = app_funds_list(r->store, r->arena, &r->who, 0, id, &f, &nf, &r->err)))
        return rc;
    manage = plan_may(r, PERM_FORUM_MANAGE, p.forum_id);
    page_begin(r, &h, p.title, NAV_PLANS);
    html_lit(&h, "<dl class=\"facts\">");
    html_elem(&h, "dt", T_(r, "Forum"));
    html_lit(&h, "<dd>");
    plan_link(&h, plan_href(r, "forums", p.forum_id), p.forum_name);
    html_lit(&h, "</dd>");
    html_elem(&h, "dt", T_(r, "Period"));
    html_elem(&h, "dd", fmt_period(r, p.starts_on, p.ends_on));
    html_elem(&h, "dt", T_(r, "Approved"));
    html_lit(&h, "<dd>");
    approved_by(r, &h, p.approved_item_id);
    html_lit(&h, "</dd>");
    if (p.funds_rule && *p.funds_rule) {
        html_elem(&h, "dt", T_(r, "Funds may be used for"));
        html_elem(&h, "dd", p.funds_rule);
    }
    html_lit(&h, "</dl>\n<p class=\"actions\">");
    plan_link(&h, arena_printf(r->arena, "/plans?forum=%lld", (long long)p.forum_id),
              T_(r, "The forum's plans"));
    if (manage) {
        plan_link(&h, arena_printf(r->arena, "/plans/%lld/edit", (long long)id),
                  T_(r, "Edit plan"));
        plan_link(&h, arena_printf(r->arena, "/plans/%lld/initiatives/new", (long long)id),
                  T_(r, "Add initiative"));
    }
    html_lit(&h, "</p>");
    initiatives_table(r, &h, in, ni);
    funds_summary(r, &h, f, nf);
    rounds_section(r, &h, &p, ro, nr, manage, fe, sent);
    return page_end(r, &h);
}

int page_plan(struct request *r)
{
    int64_t id;
    int rc = plan_param(r, 0, &id);

    return rc ? rc : show_plan(r, id, NULL, NULL);
}

static int show_edit(struct request *r, int64_t id, const struct field_errors *fe,
                     const struct form *sent)
{
    struct action_plan p;
    struct html h;
    int rc;

    if ((rc = app_plan_get(r->store, r->arena, &r->who, id, &p, &r->err)))
        return rc;
    if (!plan_may(r, PERM_FORUM_MANAGE, p.forum_id))
        return app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, p.forum_id, &r->err);
    page_begin(r, &h, arena_printf(r->arena, "%s: %s", T_(r, "Edit plan"), p.title), NAV_PLANS);
    ui_problems(r, &h, fe);
    ui_form_begin(r, &h, arena_printf(r->arena, "/plans/%lld/edit", (long long)id));
    plan_fields(r, &h, &p, fe, sent);
    ui_form_end(r, &h, N_("Save"));
    return page_end(r, &h);
}

int page_plan_edit(struct request *r)
{
    int64_t id;
    int rc = plan_param(r, 0, &id);

    return rc ? rc : show_edit(r, id, NULL, NULL);
}

int post_plan_edit(struct request *r)
{
    struct field_errors fe = {0};
    struct action_plan p;
    struct form f;
    int64_t id;
    int rc;

    if ((rc = plan_param(r, 0, &id)) || (rc = req_form(r, &f)) ||
        (rc = app_plan_get(r->store, r->arena, &r->who, id, &p, &r->err)))
        return rc;
    read_plan(&f, &p, &fe);
    if (fe.n && !plan_may(r, PERM_FORUM_MANAGE, p.forum_id))
        return app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, p.forum_id, &r->err);
    rc = fe.n ? KL_EINVAL : app_plan_update(r->store, &r->who, &p, &fe, &r->err);
    return plan_outcome(r, rc, plan_href(r, "plans", id), show_edit, id, &fe, &f);
}

int post_plan_round(struct request *r)
{
    struct field_errors fe = {0};
    struct status_round ro = {0};
    struct action_plan p;
    struct form f;
    int64_t id;
    int rc;

    if ((rc = plan_param(r, 0, &id)) || (rc = req_form(r, &f)) ||
        (rc = app_plan_get(r->store, r->arena, &r->who, id, &p, &r->err)))
        return rc;
    ro.plan_id = id;
    ro.title = plan_form_text(&f, "title");
    ro.opened_on = DATE_OPEN;
    ro.due_on = plan_form_day(&f, "due_on", &fe);
    for (unsigned i = 0; i < ROUND_FIELD_COUNT; i++)
        if (form_get(&f, arena_printf(r->arena, "field_%s", round_field_name(i))))
            ro.fields |= 1u << i;
    if (fe.n && !plan_may(r, PERM_FORUM_MANAGE, p.forum_id))
        return app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, p.forum_id, &r->err);
    rc = fe.n ? KL_EINVAL
              : app_status_round_open(r->store, &r->who, &ro, req_today(r), NULL, &fe, &r->err);
    return plan_outcome(r, rc, rc ? "" : plan_href(r, "status-rounds", ro.id), show_plan, id,
                        &fe, &f);
}

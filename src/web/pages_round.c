/* pages_round.c - status rounds and reports as pages: the round overview the secretariat
 * and the Chefforum read (counts per state, the summary sentences, a row per initiative
 * with its state, due day and traffic light, and the secretary's extension form per
 * report), one report, and the form in which a member of the initiative's group submits
 * it. app/plan.h decides who sees and does what: only the group submits. */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/format.h"
#include "web/handlers_docs.h"
#include "web/handlers_plans.h"
#include "web/layout.h"
#include "web/plan_ui.h"
#include "web/request.h"
#include "app/meeting_agenda.h"
#include "app/plan.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"

#include <stdlib.h>
#include <string.h>

static void fields_asked(struct request *r, struct html *h, unsigned fields)
{
    for (unsigned i = 0, k = 0; i < ROUND_FIELD_COUNT; i++)
        if (fields & (1u << i)) {
            if (k++)
                html_text(h, ", ");
            html_text(h, T_(r, round_field_labels[i]));
        }
}

static void extension_form(struct request *r, struct html *h, const struct status_report *rep,
                           const struct field_errors *fe, const struct form *sent)
{
    int mine = sent && plan_form_id(sent, "report", NULL) == rep->id;
    const struct field_errors *p = mine ? fe : NULL;

    html_open(h, "details", "open", p ? "" : NULL, NULL);
    html_open(h, "summary", NULL);
    html_text(h, T_(r, "Grant extension"));
    html_open(h, "span", "class", "visually-hidden", NULL);
    html_textf(h, " – %s %s", T_(r, "Initiative"), rep->label);
    html_close(h, "span");
    html_close(h, "summary");
    ui_problems(r, h, p);
    ui_form_begin(r, h, arena_printf(r->arena, "/status-reports/%lld/extension",
                                     (long long)rep->id));
    html_open(h, "input", "type", "hidden", "name", "report", "value",
              arena_printf(r->arena, "%lld", (long long)rep->id), NULL);
    ui_input(r, h, N_("New due day"), "extended_to", "date",
             mine ? plan_form_text(sent, "extended_to") : "", 1, p);
    ui_input(r, h, N_("Reason"), "extension_reason", "text",
             mine ? plan_form_text(sent, "extension_reason") : "", 1, p);
    ui_form_end(r, h, N_("Grant extension"));
    html_close(h, "details");
}

/* The overview of round id; fe and sent (may be NULL) are an extension form sent back. */
static int show_round(struct request *r, int64_t id, const struct field_errors *fe,
                      const struct form *sent)
{
    static const enum report_state order[] = {REPORT_SUBMITTED, REPORT_LATE, REPORT_EXTENDED,
                                              REPORT_AWAITING, REPORT_MISSING, REPORT_EXCUSED};
    struct round_overview ov;
    struct buf sum;
    struct html h;
    int rc, manage, attach;

    if ((rc = app_status_round_overview(r->store, r->arena, &r->who, id, req_today(r), &ov, &r->err)))
        return rc;
    manage = plan_may(r, PERM_FORUM_MANAGE, ov.plan.forum_id);
    page_begin(r, &h, ov.round.title, NAV_PLANS);
    html_lit(&h, "<dl class=\"facts\">");
    html_elem(&h, "dt", T_(r, "Action plan"));
    html_lit(&h, "<dd>");
    plan_link(&h, plan_href(r, "plans", ov.plan.id), ov.plan.title);
    html_lit(&h, "</dd>");
    html_elem(&h, "dt", T_(r, "Opened"));
    html_elem(&h, "dd", ov.round.opened_on == DATE_OPEN ? "" : fmt_date(r, ov.round.opened_on));
    html_elem(&h, "dt", T_(r, "Due"));
    html_elem(&h, "dd", fmt_date(r, ov.round.due_on));
    html_elem(&h, "dt", T_(r, "The groups report on"));
    html_lit(&h, "<dd>");
    fields_asked(r, &h, ov.round.fields);
    html_lit(&h, "</dd></dl>\n");

    html_elem(&h, "h2", T_(r, "Where the reports stand"));
    html_open(&h, "ul", "class", "facts counts", NULL);
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        html_open(&h, "li", "id", arena_printf(r->arena, "count-%s",
                                               report_state_name(order[i])), NULL);
        html_open(&h, "strong", "class", "count", NULL);
        html_textf(&h, "%zu", ov.count[order[i]]);
        html_close(&h, "strong");
        html_textf(&h, " %s", T_(r, report_state_labels[order[i]]));
        html_close(&h, "li");
    }
    html_close(&h, "ul");
    buf_init(&sum, 64 * 1024);
    if (app_status_round_summary(&ov, i18n_code(r->lang), &sum, &r->err) == 0 && sum.len) {
        html_open(&h, "div", "class", "notice summary", "id", "summary", NULL);
        html_elem(&h, "h3", T_(r, "For the Chefforum"));
        html_elem(&h, "p", arena_strndup(r->arena, sum.data, sum.len));
        html_close(&h, "div");
    }
    buf_free(&sum);
    kl_error_clear(&r->err);

    html_elem(&h, "h2", T_(r, "Reports"));
    html_lit(&h, "<div class=\"wide\"><table class=\"reports\"><caption>");
    html_text(&h, T_(r, "One report per initiative"));
    html_lit(&h, "</caption><thead><tr>");
    plan_th(r, &h, N_("Label"), 0);
    plan_th(r, &h, N_("Initiative"), 0);
    plan_th(r, &h, N_("State"), 0);
    plan_th(r, &h, N_("Due"), 0);
    plan_th(r, &h, N_("Traffic light"), 0);
    plan_th(r, &h, N_("Submitted"), 0);
    if (manage)
        plan_th(r, &h, N_("Extension"), 0);
    html_lit(&h, "</tr></thead><tbody>");
    for (size_t i = 0; i < ov.n; i++) {
        const struct status_report *rep = &ov.reports[i];
        html_open(&h, "tr", "id", arena_printf(r->arena, "report-%lld", (long long)rep->id),
                  "data-state", report_state_name(ov.states[i]), NULL);
        html_elem(&h, "td", rep->label);
        html_open(&h, "th", "scope", "row", NULL);
        plan_link(&h, plan_href(r, "status-reports", rep->id), rep->initiative_title);
        html_close(&h, "th");
        html_lit(&h, "<td>");
        plan_state(r, &h, ov.states[i]);
        html_lit(&h, "</td>");
        html_open(&h, "td", NULL);
        html_text(&h, fmt_date(r, report_due(rep)));
        if (rep->extended_to != DATE_OPEN && *rep->extension_reason) {
            html_open(&h, "span", "class", "why", NULL);
            html_text(&h, rep->extension_reason);
            html_close(&h, "span");
        }
        html_close(&h, "td");
        html_lit(&h, "<td>");
        plan_light(r, &h, rep->light);
        html_lit(&h, "</td>");
        html_elem(&h, "td", rep->submitted_at ? fmt_when(r, rep->submitted_at) : "–");
        if (manage) {
            html_lit(&h, "<td>");
            if (!rep->submitted_at && initiative_reports(rep->initiative_status))
                extension_form(r, &h, rep, fe, sent);
            html_lit(&h, "</td>");
        }
        html_lit(&h, "</tr>");
    }
    html_lit(&h, "</tbody></table></div>\n");
    attach = sent && form_get(sent, "format");
    plan_round_documents(r, &h, &ov, manage, attach ? fe : NULL, attach ? sent : NULL);
    return page_end(r, &h);
}

int page_status_round(struct request *r)
{
    int64_t id;
    int rc = plan_param(r, 0, &id);

    return rc ? rc : show_round(r, id, NULL, NULL);
}

/* The text of report field i of rep. */
static const char *report_text(const struct status_report *rep, unsigned i)
{
    const char *t[ROUND_FIELD_COUNT] = {rep->scope, rep->data, rep->schedule, rep->funds,
                                        rep->involvement};
    return i < ROUND_FIELD_COUNT && t[i] ? t[i] : "";
}

int page_status_report(struct request *r)
{
    struct status_report rep;
    struct status_round ro;
    struct html h;
    int64_t id;
    int rc;

    if ((rc = plan_param(r, 0, &id)) ||
        (rc = app_report_get(r->store, r->arena, &r->who, id, &rep, &r->err)) ||
        (rc = plan_report_round(r, &rep, &ro)))
        return rc;
    page_begin(r, &h, arena_printf(r->arena, "%s %s: %s", T_(r, "Status report"), rep.label,
                                   rep.initiative_title), NAV_PLANS);
    html_lit(&h, "<dl class=\"facts\">");
    html_elem(&h, "dt", T_(r, "Initiative"));
    html_lit(&h, "<dd>");
    plan_link(&h, plan_href(r, "initiatives", rep.initiative_id),
              arena_printf(r->arena, "%s %s", rep.label, rep.initiative_title));
    html_lit(&h, "</dd>");
    html_elem(&h, "dt", T_(r, "Round"));
    html_lit(&h, "<dd>");
    if (plan_may(r, PERM_FORUM_PUBLISHED, ro.plan_forum_id)) /* the group may not see it */
        plan_link(&h, plan_href(r, "status-rounds", rep.round_id), rep.round_title);
    else
        html_text(&h, rep.round_title);
    html_lit(&h, "</dd>");
    html_elem(&h, "dt", T_(r, "State"));
    html_lit(&h, "<dd>");
    plan_state(r, &h, report_state_of(&rep, req_today(r)));
    html_lit(&h, "</dd>");
    html_elem(&h, "dt", T_(r, "Due"));
    html_elem(&h, "dd", fmt_date(r, report_due(&rep)));
    if (rep.extended_to != DATE_OPEN) {
        html_elem(&h, "dt", T_(r, "Extension"));
        html_elem(&h, "dd", arena_printf(r->arena, "%s: %s", fmt_date(r, rep.extended_to),
                                         rep.extension_reason));
    }
    html_elem(&h, "dt", T_(r, "Traffic light"));
    html_lit(&h, "<dd>");
    plan_light(r, &h, rep.light);
    html_lit(&h, "</dd>");
    if (rep.submitted_at) {
        html_elem(&h, "dt", T_(r, "Submitted"));
        html_elem(&h, "dd", arena_printf(r->arena, "%s %s %s", fmt_when(r, rep.submitted_at),
                                         T_(r, "by"), rep.submitted_by_name));
    }
    html_lit(&h, "</dl>\n");
    if (plan_may(r, PERM_FORUM_INTERNAL, rep.group_forum_id) &&
        initiative_reports(rep.initiative_status)) {
        html_lit(&h, "<p class=\"actions\">");
        plan_link(&h, arena_printf(r->arena, "/status-reports/%lld/edit", (long long)id),
                  rep.submitted_at ? T_(r, "Amend the report") : T_(r, "Fill in the report"));
        html_lit(&h, "</p>");
    }
    if (rep.submitted_at)
        for (unsigned i = 0; i < ROUND_FIELD_COUNT; i++)
            if (ro.fields & (1u << i)) {
                html_elem(&h, "h2", T_(r, round_field_labels[i]));
                html_open(&h, "p", "class", "report-text", NULL);
                html_text(&h, report_text(&rep, i));
                html_close(&h, "p");
            }
    return page_end(r, &h);
}

/* The submission form of report id; fe and sent (may be NULL) when it came back. */
static int show_report_form(struct request *r, int64_t id, const struct field_errors *fe,
                            const struct form *sent)
{
    struct status_report rep;
    struct status_round ro;
    const char *light, *problem;
    struct html h;
    int rc;

    if ((rc = app_report_get(r->store, r->arena, &r->who, id, &rep, &r->err)) ||
        (rc = plan_report_round(r, &rep, &ro)))
        return rc;
    if (!plan_may(r, PERM_FORUM_INTERNAL, rep.group_forum_id))
        return rep.group_forum_id
                   ? app_authorize(r->store, &r->who, PERM_FORUM_INTERNAL, rep.group_forum_id,
                                   &r->err)
                   : req_fail(r, KL_EPERM, "%s", T_(r, "Only the initiative's group submits "
                                                       "its status report."));
    page_begin(r, &h, arena_printf(r->arena, "%s %s: %s", T_(r, "Status report"), rep.label,
                                   rep.initiative_title), NAV_PLANS);
    html_open(&h, "p", "class", "lead", NULL);
    html_textf(&h, "%s: %s. %s %s.", T_(r, "Round"), rep.round_title, T_(r, "Due"),
               fmt_date(r, report_due(&rep)));
    html_close(&h, "p");
    ui_problems(r, &h, fe);
    ui_form_begin(r, &h, arena_printf(r->arena, "/status-reports/%lld", (long long)id));
    light = sent ? plan_form_text(sent, "light")
                 : (rep.light != LIGHT_NONE ? status_light_name(rep.light) : "");
    problem = fe ? fields_get(fe, "light") : NULL;
    html_open(&h, "fieldset", "class", "lights", "aria-describedby",
              problem ? "problem-light" : NULL, NULL);
    html_elem(&h, "legend", T_(r, "Traffic light: how is the initiative doing?"));
    if (problem) {
        html_open(&h, "span", "class", "field-problem", "id", "problem-light", NULL);
        html_text(&h, T_(r, problem));
        html_close(&h, "span");
    }
    for (int l = LIGHT_GREEN; l < LIGHT_COUNT; l++) {
        const char *name = status_light_name((enum status_light)l);
        html_lit(&h, "<label class=\"check\">");
        html_open(&h, "input", "type", "radio", "name", "light", "value", name, "required", "",
                  "checked", strcmp(light, name) == 0 ? "" : NULL, NULL);
        plan_light(r, &h, (enum status_light)l);
        html_lit(&h, "</label>");
    }
    html_close(&h, "fieldset");
    for (unsigned i = 0; i < ROUND_FIELD_COUNT; i++)
        if (ro.fields & (1u << i)) {
            const char *name = round_field_name(i);
            ui_textarea(r, &h, round_field_labels[i], name,
                        sent ? plan_form_text(sent, name) : report_text(&rep, i), fe);
        }
    ui_form_end(r, &h, rep.submitted_at ? N_("Submit the amended report")
                                        : N_("Submit the report"));
    return page_end(r, &h);
}

int page_status_report_edit(struct request *r)
{
    int64_t id;
    int rc = plan_param(r, 0, &id);

    return rc ? rc : show_report_form(r, id, NULL, NULL);
}

int post_status_report(struct request *r)
{
    struct field_errors fe = {0};
    struct status_report rep;
    struct form f;
    int64_t id;
    int rc, k;

    if ((rc = plan_param(r, 0, &id)) || (rc = req_form(r, &f)) ||
        (rc = app_report_get(r->store, r->arena, &r->who, id, &rep, &r->err)))
        return rc;
    if (!plan_may(r, PERM_FORUM_INTERNAL, rep.group_forum_id) && rep.group_forum_id)
        return app_authorize(r->store, &r->who, PERM_FORUM_INTERNAL, rep.group_forum_id,
                             &r->err);
    rep.light = LIGHT_NONE;
    k = status_light_parse(plan_form_text(&f, "light"));
    if (k > 0)
        rep.light = (enum status_light)k;
    else if (*plan_form_text(&f, "light"))
        fields_add(&fe, "light", N_("is not a valid choice"));
    rep.scope = plan_form_text(&f, "scope");
    rep.data = plan_form_text(&f, "data");
    rep.schedule = plan_form_text(&f, "schedule");
    rep.funds = plan_form_text(&f, "funds");
    rep.involvement = plan_form_text(&f, "involvement");
    rc = fe.n ? KL_EINVAL : app_report_submit(r->store, &r->who, &rep, r->now, &fe, &r->err);
    return plan_outcome(r, rc, plan_href(r, "status-reports", id), show_report_form, id, &fe,
                        &f);
}

int post_status_report_extension(struct request *r)
{
    struct field_errors fe = {0};
    struct status_report rep;
    struct form f;
    int32_t to;
    int64_t id;
    int rc;

    if ((rc = plan_param(r, 0, &id)) || (rc = req_form(r, &f)) ||
        (rc = app_report_get(r->store, r->arena, &r->who, id, &rep, &r->err)))
        return rc;
    to = plan_form_day(&f, "extended_to", &fe);
    if (to == DATE_OPEN && !fe.n)
        fields_add(&fe, "extended_to", N_("is required"));
    rc = fe.n ? KL_EINVAL
              : app_report_extend(r->store, &r->who, id, to,
                                  plan_form_text(&f, "extension_reason"), &fe, &r->err);
    if (rc == KL_EINVAL && fe.n) {
        /* the secretary's right first: who may not extend learns nothing more */
        struct status_round ro;
        int prc;
        if ((prc = plan_report_round(r, &rep, &ro)) ||
            (prc = app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, ro.plan_forum_id,
                                 &r->err)))
            return prc;
    }
    return plan_outcome(r, rc,
                        arena_printf(r->arena, "/status-rounds/%lld#report-%lld",
                                     (long long)rep.round_id, (long long)id),
                        show_round, rep.round_id, &fe, &f);
}

int post_status_round_attach(struct request *r)
{
    struct field_errors fe = {0};
    struct status_round round;
    struct agenda_entry it;
    const char *format;
    struct form f;
    int64_t id, item, made = 0;
    int rc;

    if ((rc = plan_param(r, 0, &id)) || (rc = req_form(r, &f)) ||
        (rc = app_status_round_get(r->store, r->arena, &r->who, id, &round, &r->err)))
        return rc;
    item = plan_form_id(&f, "item_id", &fe);
    format = plan_form_text(&f, "format");
    if (!item && !fe.n)
        fields_add(&fe, "item_id", N_("is required"));
    if (strcmp(format, "pdf") != 0 && strcmp(format, "xlsx") != 0)
        fields_add(&fe, "format", N_("choose PDF or Excel"));
    rc = fe.n ? KL_EINVAL
              : app_status_round_attach(r->store, r->arena, &r->who, id, item, req_today(r),
                                        strcmp(format, "xlsx") == 0 ? PLAN_DOC_XLSX
                                                                    : PLAN_DOC_PDF,
                                        i18n_code(r->lang), &made, &fe, &r->err);
    if (rc == 0 && (rc = app_item_get(r->store, r->arena, &r->who, item, &it, &r->err)))
        return rc;
    return plan_outcome(r, rc,
                        rc ? "" : arena_printf(r->arena, "/meetings/%lld#item-%lld",
                                               (long long)it.item.meeting_id, (long long)item),
                        show_round, id, &fe, &f);
}

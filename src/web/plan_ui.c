/* plan_ui.c - the pieces the action-plan pages share (see plan_ui.h). */
#include "web/plan_ui.h"

#include "web/form.h"
#include "web/format.h"
#include "web/request.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/i18n.h"
#include "app/plan.h"
#include "model/fields.h"
#include "model/org.h"
#include "render/html.h"

#include <stdlib.h>
#include <string.h>

const char *const initiative_status_labels[INITIATIVE_STATUS_COUNT] = {
    [INITIATIVE_PROPOSED] = N_("Proposed"), [INITIATIVE_ACTIVE] = N_("Active"),
    [INITIATIVE_PAUSED] = N_("Paused"),     [INITIATIVE_DROPPED] = N_("Dropped"),
    [INITIATIVE_COMPLETED] = N_("Completed"),
};

const char *const report_state_labels[REPORT_STATE_COUNT] = {
    [REPORT_AWAITING] = N_("Awaiting"), [REPORT_EXTENDED] = N_("Extended"),
    [REPORT_SUBMITTED] = N_("Submitted"), [REPORT_LATE] = N_("Submitted late"),
    [REPORT_MISSING] = N_("Missing"),   [REPORT_EXCUSED] = N_("Excused"),
};

const char *const target_group_labels[TARGET_COUNT] = {
    N_("Elderly medical patients"), N_("Citizens with chronic illness"),
    N_("Citizens with mental illness"), N_("Children and young people"),
    N_("The whole population"),
};

const char *const round_field_labels[ROUND_FIELD_COUNT] = {
    N_("Scope"), N_("Data"), N_("Schedule and milestones"), N_("Use of funds"),
    N_("User involvement"),
};

const char *const light_labels[LIGHT_COUNT] = {
    [LIGHT_NONE] = N_("No report"), [LIGHT_GREEN] = N_("Green: on track"),
    [LIGHT_YELLOW] = N_("Yellow: challenges"), [LIGHT_RED] = N_("Red: off track"),
};

void plan_light(struct request *r, struct html *h, enum status_light l)
{
    static const char *const cls[LIGHT_COUNT] = {"light none", "light green", "light yellow",
                                                 "light red"};
    static const char *const shape[LIGHT_COUNT] = {"○", "●", "▲", "■"};

    if ((int)l < 0 || l >= LIGHT_COUNT)
        l = LIGHT_NONE;
    html_open(h, "span", "class", cls[l], NULL);
    html_open(h, "span", "class", "shape", "aria-hidden", "true", NULL);
    html_text(h, shape[l]);
    html_close(h, "span");
    html_text(h, " ");
    html_text(h, T_(r, light_labels[l]));
    html_close(h, "span");
}

enum status_light plan_light_of(const char *name)
{
    int k = name && *name ? status_light_parse(name) : -1;
    return k > 0 ? (enum status_light)k : LIGHT_NONE;
}

void plan_state(struct request *r, struct html *h, enum report_state s)
{
    const char *name = report_state_name(s);

    html_open(h, "span", "class", arena_printf(r->arena, "status report-%s", name ? name : ""),
              NULL);
    if ((int)s >= 0 && s < REPORT_STATE_COUNT)
        html_text(h, T_(r, report_state_labels[s]));
    html_close(h, "span");
}

void plan_status(struct request *r, struct html *h, enum initiative_status s)
{
    const char *name = initiative_status_name(s);

    html_open(h, "span", "class",
              arena_printf(r->arena, "status initiative-%s", name ? name : ""), NULL);
    if ((int)s >= 0 && s < INITIATIVE_STATUS_COUNT)
        html_text(h, T_(r, initiative_status_labels[s]));
    html_close(h, "span");
}

const char *plan_money(struct request *r, int64_t ore)
{
    char out[32];

    money_format(ore, out);
    return arena_printf(r->arena, "%s kr.", out);
}

void plan_link(struct html *h, const char *href, const char *text)
{
    html_open(h, "a", "href", href, NULL);
    html_text(h, text);
    html_close(h, "a");
}

const char *plan_href(struct request *r, const char *what, int64_t id)
{
    return arena_printf(r->arena, "/%s/%lld", what, (long long)id);
}

int plan_may(struct request *r, enum permission p, int64_t forum)
{
    struct kl_error err;

    return forum && app_authorize(r->store, &r->who, p, forum, &err) == 0;
}

int64_t plan_form_id(const struct form *f, const char *name, struct field_errors *fe)
{
    const char *v = form_get(f, name);
    char *end;
    long long id;

    if (!v || !*v)
        return 0;
    id = strtoll(v, &end, 10);
    if (*end || id <= 0 || id > 2147483647LL) {
        if (fe)
            fields_add(fe, name, N_("is not a valid choice"));
        return 0;
    }
    return id;
}

int32_t plan_form_day(const struct form *f, const char *name, struct field_errors *fe)
{
    const char *v = form_get(f, name);
    int32_t d;

    if (!v || !*v)
        return DATE_OPEN;
    if (date_parse_iso(v, strlen(v), &d, NULL)) {
        fields_add(fe, name, N_("must be a date as YYYY-MM-DD"));
        return DATE_OPEN;
    }
    return d;
}

const char *plan_form_text(const struct form *f, const char *name)
{
    const char *v = form_get(f, name);
    return v ? v : "";
}

void plan_form_money(const struct form *f, const char *name, int64_t *ore,
                     struct field_errors *fe)
{
    const char *v = form_get(f, name);

    if (!v || !*v) {
        *ore = 0;
        return;
    }
    if (money_parse(v, ore))
        fields_add(fe, name, N_("must be an amount in kroner, such as 12.500,50"));
}

int plan_param(struct request *r, size_t i, int64_t *id)
{
    long v = 0;
    int rc = req_param_int(r, i, 1, 2147483647L, &v);

    *id = v;
    return rc;
}

int plan_outcome(struct request *r, int rc, const char *back,
                 int (*show)(struct request *r, int64_t id, const struct field_errors *fe,
                             const struct form *sent),
                 int64_t id, const struct field_errors *fe, const struct form *sent)
{
    if (rc == 0)
        return res_redirect(r, back);
    if ((rc == KL_EINVAL || rc == KL_ECONFLICT) && fe->n) {
        kl_error_clear(&r->err);
        if ((rc = show(r, id, fe, sent)))
            return rc;
        r->res.status = 400;
        return 0;
    }
    return rc;
}

int plan_report_round(struct request *r, const struct status_report *rep,
                      struct status_round *out)
{
    return app_report_round(r->store, r->arena, &r->who, rep->id, out, &r->err);
}

void plan_overdue_section(struct request *r, struct html *h, int64_t forum_id)
{
    struct status_report *rep;
    struct kl_error err;
    size_t n;

    if (!plan_may(r, PERM_FORUM_MANAGE, forum_id) ||
        app_reports_overdue(r->store, r->arena, &r->who, forum_id, req_today(r), &rep, &n,
                            &err) ||
        !n)
        return;
    html_elem(h, "h2", T_(r, "Overdue status reports"));
    html_lit(h, "<ul class=\"tray\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<li>");
        plan_link(h, plan_href(r, "status-reports", rep[i].id),
                  arena_printf(r->arena, "%s %s", rep[i].label, rep[i].initiative_title));
        html_textf(h, " – %s, %s %s. ", rep[i].round_title, T_(r, "due"),
                   fmt_date(r, report_due(&rep[i])));
        plan_link(h, arena_printf(r->arena, "/status-rounds/%lld#report-%lld",
                                  (long long)rep[i].round_id, (long long)rep[i].id),
                  T_(r, "Grant extension"));
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
}

void plan_th(struct request *r, struct html *h, const char *label, int num)
{
    html_open(h, "th", "scope", "col", "class", num ? "num" : NULL, NULL);
    html_text(h, T_(r, label));
    html_close(h, "th");
}

void plan_funds_table(struct request *r, struct html *h, const char *caption,
                      const struct funds_year *f, size_t n)
{
    static const char *const cols[] = {N_("Allocated"), N_("Carried in"), N_("Spent"),
                                       N_("Carried over"), N_("Left")};

    html_lit(h, "<table class=\"funds\"><caption>");
    html_text(h, T_(r, caption));
    html_lit(h, "</caption><thead><tr>");
    plan_th(r, h, N_("Year"), 0);
    for (size_t k = 0; k < 5; k++)
        plan_th(r, h, cols[k], 1);
    html_lit(h, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        int64_t v[5] = {f[i].allocated, f[i].carried_in, f[i].spent, f[i].carried_out,
                        funds_left(&f[i])};
        html_lit(h, "<tr>");
        html_open(h, "th", "scope", "row", NULL);
        html_textf(h, "%d", f[i].year);
        html_close(h, "th");
        for (int k = 0; k < 5; k++) {
            html_open(h, "td", "class", "num", NULL);
            html_text(h, plan_money(r, v[k]));
            html_close(h, "td");
        }
        html_lit(h, "</tr>");
    }
    html_lit(h, "</tbody></table>\n");
}

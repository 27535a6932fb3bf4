/* pages_reporting.c - manual reporting rounds as pages: the list of rounds with the form
 * that starts one (the secretariat), and a round's overview of who has reported and who
 * has not, with a form per municipality for those who may enter its value (its contact,
 * the secretariat). */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/format.h"
#include "web/handlers.h"
#include "web/indicator_ui.h"
#include "web/layout.h"
#include "web/request.h"
#include "app/indicator.h"
#include "app/org.h"
#include "app/permission.h"
#include "app/reporting.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/number.h"
#include "model/fields.h"
#include "model/org.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void a_link(struct html *h, const char *href, const char *text)
{
    html_open(h, "a", "href", href, NULL);
    html_text(h, text);
    html_close(h, "a");
}

static int rounds_page(struct request *r, const struct field_errors *fe, const struct form *sent)
{
    static const char *const cols[] = {N_("Round"), N_("Indicator"), N_("Period"),
                                       N_("Cluster"), N_("Due")};
    struct reporting_round *rr;
    struct indicator *inds;
    struct cluster *cl;
    size_t n, ni, ncl;
    struct html h;
    struct kl_error denied;
    int32_t today = req_today(r);
    int rc;

    if ((rc = app_round_list(r->store, r->arena, &rr, &n, &r->err)) ||
        (rc = app_indicator_list(r->store, r->arena, &inds, &ni, NULL, &r->err)) ||
        (rc = app_cluster_list(r->store, r->arena, 0, &cl, &ncl, &r->err)))
        return rc;
    page_begin(r, &h, T_(r, "Reporting rounds"), NAV_INDICATORS);
    html_elem(&h, "p", T_(r, "The secretariat asks each municipality of a cluster for its "
                            "value of an indicator; each municipality's contact enters its "
                            "own number, and the overview shows who has not reported yet."));
    if (n) {
        html_lit(&h, "<table><caption>");
        html_text(&h, T_(r, "Rounds, newest first"));
        html_lit(&h, "</caption><thead><tr>");
        for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
            html_open(&h, "th", "scope", "col", NULL);
            html_text(&h, T_(r, cols[i]));
            html_close(&h, "th");
        }
        html_lit(&h, "</tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<tr><th scope=\"row\">");
            a_link(&h, arena_printf(r->arena, "/reporting/%lld", (long long)rr[i].id),
                   rr[i].title);
            html_lit(&h, "</th>");
            html_elem(&h, "td", rr[i].indicator_code);
            html_elem(&h, "td", rr[i].period);
            html_elem(&h, "td", rr[i].cluster_code);
            html_elem(&h, "td", fmt_date(r, rr[i].due_on));
            html_lit(&h, "</tr>");
        }
        html_lit(&h, "</tbody></table>\n");
    } else {
        html_elem(&h, "p", T_(r, "No rounds yet."));
    }
    if (app_authorize(r->store, &r->who, PERM_INDICATOR_EDIT, 0, &denied) == 0) {
        struct choice *ic = arena_calloc(r->arena, ni + 1, sizeof(*ic));
        struct choice *cc = arena_calloc(r->arena, ncl + 1, sizeof(*cc));
        size_t nc = 0;
        if (!ic || !cc)
            return req_fail(r, KL_ENOMEM, "out of memory");
        for (size_t i = 0; i < ni; i++)
            ic[i] = (struct choice){inds[i].code,
                                    arena_printf(r->arena, "%s (%s)", iu_name(r, &inds[i]),
                                                 inds[i].code)};
        for (size_t i = 0; i < ncl; i++)
            if (cl[i].valid_from <= today && today <= cl[i].valid_to)
                cc[nc++] = (struct choice){cl[i].code, cl[i].name};
        html_elem(&h, "h2", T_(r, "Start a round"));
        ui_problems(r, &h, fe);
        ui_form_begin(r, &h, "/reporting");
        ui_input(r, &h, N_("Title"), "title", "text", sent ? form_get(sent, "title") : NULL, 1,
                 fe);
        ui_select(r, &h, N_("Indicator"), "indicator", ic, ni,
                  sent ? form_get(sent, "indicator") : "PLEJEHJEMSLAEGE", 1, fe);
        ui_input(r, &h, N_("Period (2025, 2025-Q1 or 2025-01)"), "period", "text",
                 sent ? form_get(sent, "period") : NULL, 1, fe);
        ui_select(r, &h, N_("Cluster"), "cluster", cc, nc,
                  sent ? form_get(sent, "cluster") : NULL, 1, fe);
        ui_input(r, &h, N_("Due"), "due_on", "date", sent ? form_get(sent, "due_on") : NULL, 1,
                 fe);
        ui_form_end(r, &h, N_("Start the round"));
    }
    return page_end(r, &h);
}

int page_reporting(struct request *r)
{
    return rounds_page(r, NULL, NULL);
}

int post_reporting(struct request *r)
{
    struct field_errors fe = {0};
    struct reporting_round rr = {0};
    const char *due;
    struct form f;
    int rc;

    if ((rc = req_form(r, &f)))
        return rc;
    rr.title = form_get(&f, "title");
    rr.indicator_code = form_get(&f, "indicator");
    rr.period = form_get(&f, "period");
    rr.cluster_code = form_get(&f, "cluster");
    rr.due_on = DATE_OPEN;
    due = form_get(&f, "due_on");
    if (due && *due && date_parse_text(due, &rr.due_on, NULL))
        fields_add(&fe, "due_on", N_("is not a date (write YYYY-MM-DD)"));
    if (!fe.n && (rc = app_round_create(r->store, &r->who, &rr, &fe, &r->err)) && !fe.n)
        return rc;
    if (fe.n) {
        r->res.status = 400;
        return rounds_page(r, &fe, &f);
    }
    return res_redirect(r, arena_printf(r->arena, "/reporting/%lld", (long long)rr.id));
}

/* The value the overview shows for a municipality: from the grid, with discretion. */
static const char *shown_value(struct request *r, const struct ind_grid *g,
                               const struct round_status *rs, int code)
{
    int p = ind_grid_period(g, rs->round.period);
    int geo = ind_grid_geo(g, GEO_MUNICIPALITY, arena_printf(r->arena, "%d", code));
    if (p < 0 || geo < 0)
        return "–";
    return iu_cell(r, g, ind_grid_cell(g, (size_t)p, (size_t)geo));
}

static int round_page(struct request *r, const struct field_errors *fe, int failed_code)
{
    static const char *const cols[] = {N_("Municipality"), N_("Reported"), N_("By"),
                                       N_("Value"), N_("Enter")};
    struct round_status rs;
    struct ind_grid g;
    struct html h;
    long id;
    int rc, rate;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)))
        return rc;
    rc = app_round_status(r->store, r->arena, &r->who, id, &rs, &r->err);
    if (rc == KL_ENOTFOUND)
        return req_fail(r, rc, "%s", T_(r, "There is no such reporting round."));
    if (rc || (rc = app_indicator_grid(r->store, r->arena, &r->who, rs.ind.code,
                                       rs.round.period, rs.round.period, &g, &r->err)))
        return rc;
    rate = ind_unit_is_rate(rs.ind.unit);
    page_begin(r, &h, rs.round.title, NAV_INDICATORS);
    html_lit(&h, "<dl class=\"facts\">");
    html_elem(&h, "dt", T_(r, "Indicator"));
    html_lit(&h, "<dd>");
    a_link(&h, arena_printf(r->arena, "/indicators/%s", rs.ind.code), iu_name(r, &rs.ind));
    html_lit(&h, "</dd>");
    html_elem(&h, "dt", T_(r, "Period"));
    html_elem(&h, "dd", rs.round.period);
    html_elem(&h, "dt", T_(r, "Cluster"));
    html_lit(&h, "<dd>");
    a_link(&h, arena_printf(r->arena, "/clusters/%s/indicators", rs.round.cluster_code),
           rs.cluster_name);
    html_lit(&h, "</dd>");
    html_elem(&h, "dt", T_(r, "Due"));
    html_elem(&h, "dd", fmt_date(r, rs.round.due_on));
    html_elem(&h, "dt", T_(r, "Reported"));
    html_elem(&h, "dd", arena_printf(r->arena, T_(r, "%zu of %zu municipalities"), rs.reported,
                                     rs.nlines));
    html_lit(&h, "</dl>\n");
    if (fe && fe->n)
        ui_problems(r, &h, fe);
    html_lit(&h, "<table class=\"values\"><caption>");
    html_text(&h, T_(r, "Who has reported"));
    html_lit(&h, "</caption><thead><tr>");
    for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
        html_open(&h, "th", "scope", "col", NULL);
        html_text(&h, T_(r, cols[i]));
        html_close(&h, "th");
    }
    html_lit(&h, "</tr></thead><tbody>");
    for (size_t i = 0; i < rs.nlines; i++) {
        const struct round_line *l = &rs.lines[i];
        html_lit(&h, "<tr><th scope=\"row\">");
        html_text(&h, l->name);
        html_lit(&h, "</th><td>");
        if (l->entry) {
            html_text(&h, fmt_stamp(r, l->entry->reported_at));
        } else {
            html_open(&h, "strong", "class", "missing", NULL);
            html_text(&h, T_(r, "not reported"));
            html_close(&h, "strong");
        }
        html_lit(&h, "</td>");
        html_elem(&h, "td", l->entry ? l->entry->reported_by : "");
        html_open(&h, "td", "class", "num", NULL);
        html_text(&h, l->entry ? shown_value(r, &g, &rs, l->municipality_code) : "");
        html_close(&h, "td");
        html_lit(&h, "<td>");
        if (l->may_report) {
            const struct field_errors *mine = failed_code == l->municipality_code ? fe : NULL;
            /* the numbers entered are shown again only to the municipality's own contact
             * and to those who may see small numbers; the secretariat gets empty fields */
            const struct reporting_entry *shown = l->own || g.sees_small ? l->entry : NULL;
            const char *label = arena_printf(r->arena, "%s, %s", l->name, rs.ind.code);
            html_open(&h, "form", "method", "post", "class", "inline report", "action",
                      arena_printf(r->arena, "/reporting/%ld", id), "aria-label", label, NULL);
            html_open(&h, "input", "type", "hidden", "name", "csrf", "value",
                      r->who.csrf_token ? r->who.csrf_token : "", NULL);
            html_open(&h, "input", "type", "hidden", "name", "municipality", "value",
                      arena_printf(r->arena, "%d", l->municipality_code), NULL);
            if (rate) {
                ui_input(r, &h, rs.ind.numerator, "numerator", "number",
                         shown ? arena_printf(r->arena, "%lld", (long long)shown->numerator)
                               : NULL,
                         1, mine);
                ui_input(r, &h, rs.ind.denominator, "denominator", "number",
                         shown ? arena_printf(r->arena, "%lld", (long long)shown->denominator)
                               : NULL,
                         1, mine);
            } else {
                ui_input(r, &h, N_("Value"), "value", "number",
                         shown ? arena_printf(r->arena, "%.0f", shown->value) : NULL, 1, mine);
            }
            html_open(&h, "button", "type", "submit", NULL);
            html_text(&h, T_(r, l->entry ? "Correct" : "Report"));
            html_close(&h, "button");
            html_close(&h, "form");
        }
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table>\n");
    html_lit(&h, "<p>");
    a_link(&h, "/reporting", T_(r, "All reporting rounds"));
    html_lit(&h, "</p>");
    return page_end(r, &h);
}

int page_reporting_round(struct request *r)
{
    return round_page(r, NULL, 0);
}

/* A whole number from a form field, or -1 (empty or not a number). */
static int64_t form_count(const struct form *f, const char *name)
{
    const char *v = form_get(f, name);
    struct kl_error err;
    int64_t n;
    if (!v || !*v || number_parse_count(v, ',', (int64_t)1000000000000LL, &n, &err))
        return -1;
    return n;
}

int post_reporting_round(struct request *r)
{
    struct field_errors fe = {0};
    struct form f;
    const char *m;
    long id;
    int rc, code = 0;
    char *end;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)) || (rc = req_form(r, &f)))
        return rc;
    m = form_get(&f, "municipality");
    if (m && *m)
        code = (int)strtol(m, &end, 10);
    rc = app_round_report(r->store, &r->who, id, code, form_count(&f, "numerator"),
                          form_count(&f, "denominator"),
                          form_get(&f, "value") ? (double)form_count(&f, "value") : NAN, &fe,
                          &r->err);
    if (rc == KL_EINVAL && fe.n) {
        r->res.status = 400;
        return round_page(r, &fe, code);
    }
    if (rc == KL_ENOTFOUND)
        return req_fail(r, rc, "%s", T_(r, "There is no such reporting round."));
    if (rc)
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/reporting/%ld", id));
}

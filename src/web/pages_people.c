/* pages_people.c - people and organisations as pages: the list of organisations (with a
 * form to add one), the list of people, a person with every membership over time (and a
 * form to change the person), and a cluster's organisation chart with the form that builds
 * a cluster's organisation from a template. */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/format.h"
#include "web/handlers.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/request.h"
#include "app/org.h"
#include "app/organisation.h"
#include "app/permission.h"
#include "app/templates.h"
#include "core/arena.h"
#include "model/fields.h"
#include "model/org.h"
#include "render/orgchart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void a_link(struct html *h, const char *href, const char *text)
{
    html_open(h, "a", "href", href, NULL);
    html_text(h, text);
    html_close(h, "a");
}

static int allowed(struct request *r, enum permission p)
{
    struct kl_error err;
    return app_authorize(r->store, &r->who, p, 0, &err) == 0;
}

static void table_head(struct request *r, struct html *h, const char *caption,
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

static int organisations_page(struct request *r, const struct field_errors *fe,
                              const struct form *sent)
{
    static const char *const cols[] = {N_("Organisation"), N_("Kind"), N_("Municipality code")};
    struct organisation *o;
    struct choice kinds[ORG_KIND_COUNT];
    size_t n;
    struct html h;
    int rc = app_org_list(r->store, r->arena, &o, &n, &r->err);

    if (rc)
        return rc;
    page_begin(r, &h, T_(r, "Organisations"), NAV_PEOPLE);
    if (allowed(r, PERM_SIGNED_IN)) {
        html_lit(&h, "<p>");
        a_link(&h, "/people", T_(r, "People in the forums"));
        html_lit(&h, "</p>");
    }
    if (n) {
        table_head(r, &h, N_("The parties of the collaboration"), cols, 3);
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<tr>");
            html_open(&h, "th", "scope", "row", NULL);
            html_text(&h, o[i].name);
            html_close(&h, "th");
            html_elem(&h, "td", T_(r, org_kind_labels[o[i].kind]));
            html_elem(&h, "td", o[i].municipality_code
                                    ? arena_printf(r->arena, "%03d", o[i].municipality_code)
                                    : "");
            html_lit(&h, "</tr>");
        }
        html_lit(&h, "</tbody></table>\n");
    } else {
        html_elem(&h, "p", T_(r, "No organisations are registered yet."));
    }
    if (allowed(r, PERM_DIRECTORY_EDIT)) {
        for (int i = 0; i < ORG_KIND_COUNT; i++)
            kinds[i] = (struct choice){org_kind_name((enum org_kind)i), org_kind_labels[i]};
        html_elem(&h, "h2", T_(r, "Add an organisation"));
        ui_problems(r, &h, fe);
        ui_form_begin(r, &h, "/organisations");
        ui_input(r, &h, N_("Name"), "name", "text", sent ? form_get(sent, "name") : NULL, 1, fe);
        ui_select(r, &h, N_("Kind"), "kind", kinds, ORG_KIND_COUNT,
                  sent ? form_get(sent, "kind") : NULL, 0, fe);
        ui_input(r, &h, N_("Region code"), "region_code", "number",
                 sent ? form_get(sent, "region_code") : NULL, 0, fe);
        ui_input(r, &h, N_("Municipality code"), "municipality_code", "number",
                 sent ? form_get(sent, "municipality_code") : NULL, 0, fe);
        ui_form_end(r, &h, N_("Add organisation"));
    }
    return page_end(r, &h);
}

int page_organisations(struct request *r)
{
    return organisations_page(r, NULL, NULL);
}

static int form_code(const struct form *f, const char *name, struct field_errors *fe)
{
    const char *v = form_get(f, name);
    char *end;
    long n;

    if (!v || !*v)
        return 0;
    n = strtol(v, &end, 10);
    if (*end || n <= 0 || n > 9999) {
        fields_add(fe, name, N_("must be a whole number in the allowed range"));
        return 0;
    }
    return (int)n;
}

int post_organisation(struct request *r)
{
    struct field_errors fe = {0};
    struct organisation o = {0};
    struct form f;
    int rc, k;

    if ((rc = req_form(r, &f)))
        return rc;
    o.name = form_get(&f, "name");
    k = org_kind_parse(form_get(&f, "kind"));
    if (k < 0)
        fields_add(&fe, "kind", N_("is not a known kind of organisation"));
    o.kind = k < 0 ? ORG_OTHER : (enum org_kind)k;
    o.region_code = form_code(&f, "region_code", &fe);
    o.municipality_code = form_code(&f, "municipality_code", &fe);
    if (!fe.n && (rc = app_org_save(r->store, &r->who, &o, &fe, &r->err)) && !fe.n)
        return rc;
    if (fe.n) {
        r->res.status = 400;
        return organisations_page(r, &fe, &f);
    }
    return res_redirect(r, "/organisations");
}

int page_people(struct request *r)
{
    static const char *const cols[] = {N_("Name"), N_("Title"), N_("Organisation")};
    struct person *p;
    size_t n;
    struct html h;
    int rc = app_person_list(r->store, r->arena, &p, &n, &r->err);

    if (rc)
        return rc;
    page_begin(r, &h, T_(r, "People"), NAV_PEOPLE);
    if (!n) {
        html_elem(&h, "p", T_(r, "No people are registered yet."));
        return page_end(r, &h);
    }
    table_head(r, &h, N_("People in the forums"), cols, 3);
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<tr><th scope=\"row\">");
        a_link(&h, arena_printf(r->arena, "/people/%lld", (long long)p[i].id), p[i].name);
        html_lit(&h, "</th>");
        html_elem(&h, "td", p[i].title);
        html_elem(&h, "td", p[i].organisation_name);
        html_lit(&h, "</tr>");
    }
    html_lit(&h, "</tbody></table>\n");
    return page_end(r, &h);
}

/* The form that changes person p (values from sent when it came back with problems fe). */
static int person_form(struct request *r, struct html *h, const struct person *p,
                       const struct field_errors *fe, const struct form *sent)
{
    struct organisation *o;
    struct choice *orgs;
    size_t n;
    int rc = app_org_list(r->store, r->arena, &o, &n, &r->err);

    if (rc)
        return rc;
    if (!(orgs = arena_calloc(r->arena, n + 1, sizeof(*orgs))))
        return req_fail(r, KL_ENOMEM, "out of memory");
    orgs[0] = (struct choice){"", N_("No organisation")};
    for (size_t i = 0; i < n; i++)
        orgs[i + 1] = (struct choice){arena_printf(r->arena, "%lld", (long long)o[i].id),
                                      o[i].name};
#define V(name, stored) (sent ? form_get(sent, name) : (stored))
    html_elem(h, "h2", T_(r, "Change the details"));
    ui_problems(r, h, fe);
    ui_form_begin(r, h, arena_printf(r->arena, "/people/%lld", (long long)p->id));
    ui_input(r, h, N_("Name"), "name", "text", V("name", p->name), 1, fe);
    ui_input(r, h, N_("Title"), "title", "text", V("title", p->title), 0, fe);
    ui_select(r, h, N_("Organisation"), "organisation_id", orgs, n + 1,
              V("organisation_id", p->organisation_id
                                       ? arena_printf(r->arena, "%lld",
                                                      (long long)p->organisation_id)
                                       : ""),
              1, fe);
    ui_input(r, h, N_("E-mail"), "email", "email", V("email", p->email), 0, fe);
    ui_input(r, h, N_("Phone"), "phone", "text", V("phone", p->phone), 0, fe);
    ui_input(r, h, N_("Login of the person's account"), "login", "text", V("login", p->login), 0,
             fe);
#undef V
    ui_form_end(r, h, N_("Save the details"));
    return 0;
}

/* The person page of id; fe and sent are the change form sent back with problems. */
static int person_page(struct request *r, int64_t id, const struct field_errors *fe,
                       const struct form *sent)
{
    static const char *const cols[] = {N_("Forum"), N_("Role"), N_("Represents"), N_("From"),
                                       N_("To")};
    struct membership *m;
    struct person p;
    size_t n;
    struct html h;
    int rc;

    if ((rc = app_person_get(r->store, r->arena, id, &p, &r->err)) ||
        (rc = app_membership_list(r->store, r->arena, 0, id, &m, &n, &r->err)))
        return rc;
    page_begin(r, &h, p.name, NAV_PEOPLE);
    html_lit(&h, "<dl class=\"facts\">");
    html_elem(&h, "dt", T_(r, "Title"));
    html_elem(&h, "dd", p.title);
    html_elem(&h, "dt", T_(r, "Organisation"));
    html_elem(&h, "dd", p.organisation_name);
    html_elem(&h, "dt", T_(r, "E-mail"));
    html_elem(&h, "dd", p.email);
    html_elem(&h, "dt", T_(r, "Phone"));
    html_elem(&h, "dd", p.phone);
    html_lit(&h, "</dl>\n");
    html_elem(&h, "h2", T_(r, "Memberships over time"));
    if (!n) {
        html_elem(&h, "p", T_(r, "No memberships."));
    } else {
        table_head(r, &h, N_("Every forum this person has sat in"), cols, 5);
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<tr><th scope=\"row\">");
            a_link(&h, arena_printf(r->arena, "/forums/%lld", (long long)m[i].forum_id),
                   m[i].forum_name);
            html_lit(&h, "</th>");
            html_elem(&h, "td", T_(r, member_role_labels[m[i].role]));
            html_elem(&h, "td", m[i].organisation_name);
            html_elem(&h, "td", fmt_date(r, m[i].starts_on));
            html_elem(&h, "td", m[i].ends_on == DATE_OPEN ? "" : fmt_date(r, m[i].ends_on));
            html_lit(&h, "</tr>");
        }
        html_lit(&h, "</tbody></table>\n");
    }
    if (allowed(r, PERM_DIRECTORY_EDIT) && (rc = person_form(r, &h, &p, fe, sent)))
        return rc;
    return page_end(r, &h);
}

int page_person(struct request *r)
{
    long id;
    int rc = req_param_int(r, 0, 1, 2147483647L, &id);

    return rc ? rc : person_page(r, id, NULL, NULL);
}

int post_person(struct request *r)
{
    struct field_errors fe = {0};
    struct person p;
    struct form f;
    const char *org;
    long id;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)) || (rc = req_form(r, &f)) ||
        (rc = app_person_get(r->store, r->arena, id, &p, &r->err)))
        return rc;
    p.name = form_get(&f, "name");
    p.title = form_get(&f, "title");
    p.email = form_get(&f, "email");
    p.phone = form_get(&f, "phone");
    p.login = form_get(&f, "login");
    org = form_get(&f, "organisation_id");
    p.organisation_id = 0;
    if (org && *org) {
        char *end;
        long long v = strtoll(org, &end, 10);
        if (*end || v <= 0)
            fields_add(&fe, "organisation_id", N_("is not a valid choice"));
        else
            p.organisation_id = v;
    }
    /* the use case checks every field too, and stores nothing while any has a problem */
    if ((rc = app_person_save(r->store, &r->who, &p, &fe, &r->err)) && !fe.n)
        return rc;
    if (fe.n) {
        r->res.status = 400;
        return person_page(r, id, &fe, &f);
    }
    return res_redirect(r, arena_printf(r->arena, "/people/%ld", id));
}

static int may_open(struct request *r, int64_t forum_id)
{
    struct kl_error err;
    return app_authorize(r->store, &r->who, PERM_FORUM_PUBLISHED, forum_id, &err) == 0;
}

/* The chart of the forums of cluster cd; those the principal may open are links. */
static int chart(struct request *r, struct html *h, const struct cluster_detail *cd)
{
    struct orgchart_node *nodes;
    struct forum *f;
    size_t n;
    struct buf svg;
    int rc = app_forum_structure(r->store, r->arena, cd->cluster.code, &f, &n, &r->err);

    if (rc)
        return rc;
    if (!n) {
        html_elem(h, "p", T_(r, "No forums are registered for this cluster yet."));
        return 0;
    }
    if (n > ORGCHART_MAX_NODES)
        n = ORGCHART_MAX_NODES;
    if (!(nodes = arena_calloc(r->arena, n, sizeof(*nodes))))
        return req_fail(r, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        nodes[i].id = f[i].id;
        nodes[i].name = f[i].name;
        nodes[i].level = forum_kind_level(f[i].kind);
        nodes[i].reports_to = f[i].reports_to;
        nodes[i].href = may_open(r, f[i].id)
                            ? arena_printf(r->arena, "/forums/%lld", (long long)f[i].id)
                            : NULL;
        nodes[i].note = f[i].kind == FORUM_AD_HOC && f[i].ends_on != DATE_OPEN
                            ? arena_printf(r->arena, "%s %s", T_(r, "until"),
                                           fmt_date(r, f[i].ends_on))
                            : T_(r, forum_kind_labels[f[i].kind]);
    }
    buf_init(&svg, (size_t)4 << 20);
    rc = orgchart_svg(nodes, n, arena_printf(r->arena, "%s: %s", T_(r, "Organisation chart"),
                                             cd->cluster.name),
                      T_(r, "The cluster's forums by level, with lines to the forum each "
                            "reports to."),
                      &svg, &r->err);
    if (rc == 0) {
        html_lit(h, "<figure class=\"orgchart\">");
        html_rendered(h, svg.data, svg.len);
        html_lit(h, "</figure>");
        html_lit(h, "<ul class=\"orgchart-list\">");
        for (size_t i = 0; i < n; i++) {
            html_lit(h, "<li>");
            if (nodes[i].href)
                a_link(h, nodes[i].href, f[i].name);
            else
                html_text(h, f[i].name);
            if (f[i].reports_to_name && *f[i].reports_to_name)
                html_textf(h, " (%s %s)", T_(r, "reports to"), f[i].reports_to_name);
            html_lit(h, "</li>");
        }
        html_lit(h, "</ul>\n");
    }
    buf_free(&svg);
    return rc;
}

int page_cluster_organisation(struct request *r)
{
    struct cluster_detail cd;
    struct html h;
    int rc;

    if (!cluster_code_valid(r->params[0]))
        return req_fail(r, KL_ENOTFOUND, "%s", T_(r, "There is no cluster with this code."));
    if ((rc = app_cluster_get(r->store, r->arena, r->params[0], &cd, &r->err)))
        return rc;
    page_begin(r, &h, arena_printf(r->arena, "%s: %s", cd.cluster.name, T_(r, "organisation")),
               NAV_CLUSTERS);
    html_lit(&h, "<p>");
    a_link(&h, arena_printf(r->arena, "/clusters/%s", cd.cluster.code), cd.cluster.name);
    html_lit(&h, "</p>");
    if ((rc = chart(r, &h, &cd)))
        return rc;
    if (allowed(r, PERM_ADMIN)) {
        struct choice c[8];
        size_t nc = 0;
        for (const struct org_template *t = org_templates; t->id && nc < 8; t++)
            c[nc++] = (struct choice){t->id, t->name};
        html_elem(&h, "h2", T_(r, "Build the organisation from a template"));
        html_lit(&h, "<ul>");
        for (const struct org_template *t = org_templates; t->id; t++) {
            html_open(&h, "li", NULL);
            html_textf(&h, "%s: %s", T_(r, t->name), T_(r, t->description));
            html_close(&h, "li");
        }
        html_lit(&h, "</ul>");
        ui_form_begin(r, &h, arena_printf(r->arena, "/clusters/%s/organisation", cd.cluster.code));
        ui_select(r, &h, N_("Template"), "template", c, nc, NULL, 0, NULL);
        ui_form_end(r, &h, N_("Create the forums"));
    }
    return page_end(r, &h);
}

int post_cluster_organisation(struct request *r)
{
    int64_t ids[TEMPLATE_MAX_FORUMS];
    struct form f;
    size_t n;
    int rc;

    if ((rc = req_form(r, &f)))
        return rc;
    rc = app_template_apply(r->store, &r->who, form_get(&f, "template"), r->params[0], ids, &n,
                            &r->err);
    if (rc)
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/clusters/%s/organisation", r->params[0]));
}

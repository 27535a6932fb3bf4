/* pages_forum.c - the forums as pages: the list, a forum with its mandate, the rules its
 * mandate sets (computed for a day), its members grouped by organisation and its history;
 * and the forms that create and edit forums and memberships, for those allowed. */
#include "web/handlers_datapakke.h"
#include "web/errors.h"
#include "web/form.h"
#include "web/form_ui.h"
#include "web/format.h"
#include "web/handlers.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/request.h"
#include "app/organisation.h"
#include "app/permission.h"
#include "core/arena.h"
#include "core/date.h"
#include "model/fields.h"
#include "model/meeting.h"
#include "model/org.h"
#include "render/markdown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The words for the standard items, by enum item_standard (msgids). */
static const char *const standard_item_labels[STANDARD_COUNT] = {
    "", N_("Approval of the agenda"), N_("Approval of the minutes of the last meeting"),
    N_("Round: what are we occupied with?"), N_("Any other business")};

static void a_link(struct html *h, const char *href, const char *text)
{
    html_open(h, "a", "href", href, NULL);
    html_text(h, text);
    html_close(h, "a");
}

static const char *forum_href(struct request *r, int64_t id)
{
    return arena_printf(r->arena, "/forums/%lld", (long long)id);
}

static int may_manage(struct request *r, int64_t forum_id)
{
    struct kl_error err;
    return app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, forum_id, &err) == 0;
}

static const char *iso(struct request *r, int32_t d)
{
    char *out = arena_alloc(r->arena, 11);
    if (out && d != DATE_OPEN)
        date_format_iso(d, out);
    else if (out)
        out[0] = '\0';
    return out;
}

int page_forums(struct request *r)
{
    static const char *const cols[] = {N_("Forum"), N_("Kind"), N_("Reports to")};
    struct forum *f;
    size_t n;
    struct html h;
    int rc = app_forum_list(r->store, r->arena, &r->who, NULL, &f, &n, &r->err);

    if (rc)
        return rc;
    page_begin(r, &h, T_(r, "Forums"), NAV_FORUMS);
    if (!n) {
        html_elem(&h, "p", T_(r, "There are no forums you can see yet."));
        return page_end(r, &h);
    }
    html_lit(&h, "<table><caption>");
    html_text(&h, T_(r, "Forums you can see"));
    html_lit(&h, "</caption><thead><tr>");
    for (size_t i = 0; i < 3; i++) {
        html_open(&h, "th", "scope", "col", NULL);
        html_text(&h, T_(r, cols[i]));
        html_close(&h, "th");
    }
    html_lit(&h, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<tr><th scope=\"row\">");
        a_link(&h, forum_href(r, f[i].id), f[i].name);
        html_lit(&h, "</th>");
        html_elem(&h, "td", T_(r, forum_kind_labels[f[i].kind]));
        html_lit(&h, "<td>");
        if (f[i].reports_to)
            a_link(&h, forum_href(r, f[i].reports_to), f[i].reports_to_name);
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table>\n");
    return page_end(r, &h);
}

/* The rules of the mandate as they stand on st->day. */
static void rules_section(struct request *r, struct html *h, const struct forum *f,
                          const struct forum_status *st)
{
    const struct mandate *m = &f->mandate;

    html_elem(h, "h2", T_(r, "Rules of the mandate"));
    html_lit(h, "<dl class=\"facts\">");
    html_elem(h, "dt", T_(r, "Agenda published"));
    html_open(h, "dd", NULL);
    html_textf(h, "%d %s", m->publish_days, T_(r, "days before the meeting at the latest"));
    html_close(h, "dd");
    html_elem(h, "dt", T_(r, "Meetings a year"));
    html_elem(h, "dd", m->min_meetings ? arena_printf(r->arena, "%s %d", T_(r, "at least"),
                                                      m->min_meetings)
                                       : T_(r, "no rule"));
    html_elem(h, "dt", T_(r, "Pre-meeting"));
    html_elem(h, "dd", m->premeeting_days >= 0
                           ? arena_printf(r->arena, "%d %s", m->premeeting_days,
                                          T_(r, "days before each meeting"))
                           : T_(r, "none"));
    html_elem(h, "dt", T_(r, "Standard items on the agenda"));
    html_open(h, "dd", NULL);
    for (int i = STANDARD_APPROVE_AGENDA, k = 0; i < STANDARD_COUNT; i++)
        if (!(m->omit_standard & (1u << i)))
            html_textf(h, "%s%s", k++ ? ", " : "", T_(r, standard_item_labels[i]));
    if ((m->omit_standard & MANDATE_STANDARD_ALL) == MANDATE_STANDARD_ALL)
        html_text(h, T_(r, "none"));
    html_close(h, "dd");
    if (m->chair_arrangement && *m->chair_arrangement) {
        html_elem(h, "dt", T_(r, "Chair and co-chair"));
        html_elem(h, "dd", m->chair_arrangement);
    }
    if (m->secretariat && *m->secretariat) {
        html_elem(h, "dt", T_(r, "Secretariat"));
        html_elem(h, "dd", m->secretariat);
    }
    html_lit(h, "</dl>\n");
    if (st->has_rotation) {
        html_open(h, "p", "class", st->rotation_due ? "notice warning" : "notice", "role",
                  st->rotation_due ? "status" : NULL, NULL);
        html_textf(h, "%s %s %s %s; %s %s.", T_(r, "The co-chair is held by"),
                   st->rotation_holder, T_(r, "until"), fmt_date(r, st->rotation_period_end),
                   T_(r, "next is"), st->rotation_next);
        if (st->rotation_due) {
            html_lit(h, " ");
            html_open(h, "strong", NULL);
            html_text(h, T_(r, "The rotation is due: prepare the handover."));
            html_close(h, "strong");
        }
        html_close(h, "p");
    }
    if (st->checks_representation) {
        if (!st->nmissing) {
            html_open(h, "p", "class", "notice", NULL);
            html_text(h, T_(r, "Every municipality of the cluster is represented."));
            html_close(h, "p");
        } else {
            html_open(h, "div", "class", "notice warning", "role", "status", NULL);
            html_elem(h, "p", T_(r, "The mandate requires every municipality to be represented. "
                                    "Without a member:"));
            html_lit(h, "<ul>");
            for (size_t i = 0; i < st->nmissing; i++)
                html_elem(h, "li", st->missing[i].name);
            html_lit(h, "</ul>");
            html_close(h, "div");
        }
    }
}

static void member_line(struct request *r, struct html *h, const struct membership *m,
                        int signed_in)
{
    html_lit(h, "<li>");
    if (signed_in)
        a_link(h, arena_printf(r->arena, "/people/%lld", (long long)m->person_id), m->person_name);
    else
        html_text(h, m->person_name);
    html_textf(h, ", %s", T_(r, member_role_labels[m->role]));
    if (m->role == MEMBER_SUBSTITUTE && *m->substitute_for_name)
        html_textf(h, " %s %s", T_(r, "for"), m->substitute_for_name);
    html_lit(h, "</li>");
}

/* Members on the day, grouped by the organisation they represent. */
static void members_section(struct request *r, struct html *h, const struct forum *f,
                            const struct forum_status *st)
{
    int signed_in = r->who.method != AUTH_NONE;
    char day[11];

    date_format_iso(st->day, day);
    html_elem(h, "h2", T_(r, "Members"));
    html_open(h, "form", "method", "get", "action", forum_href(r, f->id), "class", "filters",
              NULL);
    html_lit(h, "<label>");
    html_text(h, T_(r, "Members on"));
    html_open(h, "input", "type", "date", "name", "on", "value", day, NULL);
    html_lit(h, "</label> ");
    html_open(h, "button", "type", "submit", NULL);
    html_text(h, T_(r, "Show"));
    html_close(h, "button");
    html_close(h, "form");
    if (!st->nmembers) {
        html_elem(h, "p", T_(r, "Nobody sat in the forum on this day."));
        return;
    }
    for (size_t i = 0; i < st->nmembers; i++) {
        const char *org = st->members[i].organisation_name;
        int seen = 0;
        for (size_t j = 0; j < i; j++)
            seen |= strcmp(st->members[j].organisation_name, org) == 0;
        if (seen)
            continue;
        html_elem(h, "h3", *org ? org : T_(r, "No organisation"));
        html_lit(h, "<ul class=\"members\">");
        for (size_t j = i; j < st->nmembers; j++)
            if (strcmp(st->members[j].organisation_name, org) == 0)
                member_line(r, h, &st->members[j], signed_in);
        html_lit(h, "</ul>\n");
    }
}

static void history_section(struct request *r, struct html *h, const struct forum *f,
                            const struct membership *all, size_t n, int manage)
{
    static const char *const cols[] = {N_("Person"), N_("Role"), N_("Represents"), N_("From"),
                                       N_("To"), N_("Action")};

    html_elem(h, "h2", T_(r, "History"));
    html_lit(h, "<table><caption>");
    html_text(h, T_(r, "Every membership, past and present"));
    html_lit(h, "</caption><thead><tr>");
    for (size_t i = 0; i < (manage ? 6u : 5u); i++) {
        html_open(h, "th", "scope", "col", NULL);
        html_text(h, T_(r, cols[i]));
        html_close(h, "th");
    }
    html_lit(h, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<tr>");
        html_open(h, "th", "scope", "row", NULL);
        html_text(h, all[i].person_name);
        html_close(h, "th");
        html_elem(h, "td", T_(r, member_role_labels[all[i].role]));
        html_elem(h, "td", all[i].organisation_name);
        html_elem(h, "td", fmt_date(r, all[i].starts_on));
        html_elem(h, "td", all[i].ends_on == DATE_OPEN ? "" : fmt_date(r, all[i].ends_on));
        if (manage) {
            html_lit(h, "<td>");
            if (all[i].ends_on == DATE_OPEN) {
                ui_form_begin(r, h, arena_printf(r->arena, "/forums/%lld/members/%lld/end",
                                                 (long long)f->id, (long long)all[i].id));
                html_open(h, "button", "type", "submit", "aria-label",
                          arena_printf(r->arena, "%s: %s", T_(r, "End today"),
                                       all[i].person_name), NULL);
                html_text(h, T_(r, "End today"));
                html_close(h, "button");
                html_close(h, "form");
            }
            html_lit(h, "</td>");
        }
        html_lit(h, "</tr>");
    }
    html_lit(h, "</tbody></table>\n");
}

/* The form that adds a member: an existing person, or a new one. */
static int add_member_form(struct request *r, struct html *h, const struct forum *f,
                           const struct field_errors *fe, const struct form *sent)
{
    struct person *people;
    struct organisation *orgs;
    struct choice *pc, *oc, roles[MEMBER_ROLE_COUNT];
    size_t np, no;
    int rc;

    if ((rc = app_person_list(r->store, r->arena, &people, &np, &r->err)) ||
        (rc = app_org_list(r->store, r->arena, &orgs, &no, &r->err)))
        return rc;
    pc = arena_calloc(r->arena, np + 1, sizeof(*pc));
    oc = arena_calloc(r->arena, no + 1, sizeof(*oc));
    if (!pc || !oc)
        return req_fail(r, KL_ENOMEM, "out of memory");
    pc[0] = (struct choice){"", T_(r, "(a new person, named below)")};
    for (size_t i = 0; i < np; i++)
        pc[i + 1] = (struct choice){arena_printf(r->arena, "%lld", (long long)people[i].id),
                                    *people[i].organisation_name
                                        ? arena_printf(r->arena, "%s (%s)", people[i].name,
                                                       people[i].organisation_name)
                                        : people[i].name};
    oc[0] = (struct choice){"", T_(r, "(none)")};
    for (size_t i = 0; i < no; i++)
        oc[i + 1] = (struct choice){arena_printf(r->arena, "%lld", (long long)orgs[i].id),
                                    orgs[i].name};
    for (int i = 0; i < MEMBER_ROLE_COUNT; i++)
        roles[i] = (struct choice){member_role_name((enum member_role)i), member_role_labels[i]};

    html_elem(h, "h2", T_(r, "Add a member"));
    ui_problems(r, h, fe);
    ui_form_begin(r, h, arena_printf(r->arena, "/forums/%lld/members", (long long)f->id));
    ui_select(r, h, N_("Person"), "person_id", pc, np + 1, sent ? form_get(sent, "person_id") : NULL,
              1, fe);
    ui_input(r, h, N_("Name of a new person"), "name", "text",
             sent ? form_get(sent, "name") : NULL, 0, fe);
    ui_input(r, h, N_("Title"), "title", "text", sent ? form_get(sent, "title") : NULL, 0, fe);
    ui_input(r, h, N_("E-mail"), "email", "email", sent ? form_get(sent, "email") : NULL, 0, fe);
    ui_select(r, h, N_("Role"), "role", roles, MEMBER_ROLE_COUNT,
              sent ? form_get(sent, "role") : "member", 0, fe);
    ui_select(r, h, N_("Represents"), "organisation_id", oc, no + 1,
              sent ? form_get(sent, "organisation_id") : NULL, 1, fe);
    ui_input(r, h, N_("From"), "starts_on", "date",
             sent ? form_get(sent, "starts_on") : iso(r, req_today(r)), 1, fe);
    ui_input(r, h, N_("To (empty: open)"), "ends_on", "date",
             sent ? form_get(sent, "ends_on") : NULL, 0, fe);
    ui_form_end(r, h, N_("Add member"));
    return 0;
}

/* The forum page, with fe/sent when the add-member form comes back with problems. */
static int forum_page(struct request *r, int64_t id, const struct field_errors *fe,
                      const struct form *sent)
{
    struct forum f;
    struct forum_status st;
    struct membership *all;
    struct forum *subs;
    size_t nall, nsubs;
    int32_t day = req_today(r);
    const char *on = req_query(r, "on");
    int manage, rc;
    struct html h;

    if (on && *on && date_parse_iso(on, strlen(on), &day, NULL))
        return req_fail(r, KL_EINVAL, "%s (on)", T_(r, "Not a date"));
    if ((rc = app_forum_get(r->store, r->arena, id, &f, &r->err)) ||
        (rc = app_forum_status(r->store, r->arena, &f, day, &st, &r->err)) ||
        (rc = app_membership_list(r->store, r->arena, id, 0, &all, &nall, &r->err)) ||
        (rc = app_forum_list(r->store, r->arena, &r->who, NULL, &subs, &nsubs, &r->err)))
        return rc;
    manage = may_manage(r, id);
    page_begin(r, &h, f.name, NAV_FORUMS);
    html_lit(&h, "<dl class=\"facts\">");
    html_elem(&h, "dt", T_(r, "Kind"));
    html_elem(&h, "dd", T_(r, forum_kind_labels[f.kind]));
    if (f.reports_to) {
        html_elem(&h, "dt", T_(r, "Reports to"));
        html_lit(&h, "<dd>");
        a_link(&h, forum_href(r, f.reports_to), f.reports_to_name);
        html_lit(&h, "</dd>");
    }
    if (f.nclusters) {
        html_elem(&h, "dt", T_(r, "Clusters"));
        html_lit(&h, "<dd>");
        for (size_t i = 0; i < f.nclusters; i++) {
            if (i)
                html_lit(&h, ", ");
            a_link(&h, arena_printf(r->arena, "/clusters/%s/organisation", f.clusters[i]),
                   f.clusters[i]);
        }
        html_lit(&h, "</dd>");
    }
    if (f.region_code) {
        html_elem(&h, "dt", T_(r, "Serves the whole region"));
        html_lit(&h, "<dd>");
        a_link(&h, arena_printf(r->arena, "/regions/%d", f.region_code),
               arena_printf(r->arena, "%d", f.region_code));
        html_lit(&h, "</dd>");
    }
    if (f.kind == FORUM_AD_HOC) {
        html_elem(&h, "dt", T_(r, "Task"));
        html_elem(&h, "dd", f.task);
        html_elem(&h, "dt", T_(r, "Ends"));
        html_elem(&h, "dd", f.ends_on == DATE_OPEN ? "" : fmt_date(r, f.ends_on));
    }
    html_elem(&h, "dt", T_(r, "Public"));
    html_elem(&h, "dd", f.is_public ? T_(r, "Yes") : T_(r, "No"));
    html_lit(&h, "</dl>\n");
    html_lit(&h, "<p class=\"actions\">");
    a_link(&h, arena_printf(r->arena, "/forums/%lld/meetings", (long long)id), T_(r, "Meetings"));
    a_link(&h, arena_printf(r->arena, "/plans?forum=%lld", (long long)id), T_(r, "Action plans"));
    if (app_authorize(r->store, &r->who, PERM_FORUM_INTERNAL, id, &r->err) == 0)
        a_link(&h, arena_printf(r->arena, "/forums/%lld/work", (long long)id), T_(r, "Work tray"));
    html_lit(&h, "</p>");
    kl_error_clear(&r->err);
    if (manage) {
        html_lit(&h, "<p class=\"actions\">");
        a_link(&h, arena_printf(r->arena, "/forums/%lld/edit", (long long)id), T_(r, "Edit forum"));
        html_lit(&h, " ");
        a_link(&h, arena_printf(r->arena, "/forums/new?reports_to=%lld", (long long)id),
               T_(r, "New group under this forum"));
        html_lit(&h, "</p>");
    }
    {
        size_t shown = 0;
        for (size_t i = 0; i < nsubs; i++) {
            if (subs[i].reports_to != id)
                continue;
            if (!shown++) {
                html_elem(&h, "h2", T_(r, "Groups reporting to this forum"));
                html_lit(&h, "<ul>");
            }
            html_lit(&h, "<li>");
            a_link(&h, forum_href(r, subs[i].id), subs[i].name);
            html_lit(&h, "</li>");
        }
        if (shown)
            html_lit(&h, "</ul>\n");
    }
    rules_section(r, &h, &f, &st);
    members_section(r, &h, &f, &st);
    if (f.mandate.text && *f.mandate.text) {
        html_elem(&h, "h2", T_(r, "Mandate"));
        html_lit(&h, "<div class=\"mandate\">");
        html_markdown(&h, f.mandate.text, strlen(f.mandate.text));
        html_lit(&h, "</div>\n");
    }
    forum_datapakke_section(r, &h, &f, manage);
    if (r->who.method != AUTH_NONE && nall)
        history_section(r, &h, &f, all, nall, manage);
    if (manage && (rc = add_member_form(r, &h, &f, fe, sent)))
        return rc;
    return page_end(r, &h);
}

int page_forum(struct request *r)
{
    long id;
    int rc = req_param_int(r, 0, 1, 2147483647L, &id);
    return rc ? rc : forum_page(r, id, NULL, NULL);
}

static int64_t form_id(const struct form *f, const char *name, struct field_errors *fe)
{
    const char *v = form_get(f, name);
    char *end;
    long long id;

    if (!v || !*v)
        return 0;
    id = strtoll(v, &end, 10);
    if (*end || id <= 0) {
        fields_add(fe, name, N_("is not a valid choice"));
        return 0;
    }
    return id;
}

static int32_t form_date(const struct form *f, const char *name, int required,
                         struct field_errors *fe)
{
    const char *v = form_get(f, name);
    int32_t d;

    if (!v || !*v) {
        if (required)
            fields_add(fe, name, N_("is required"));
        return DATE_OPEN;
    }
    if (date_parse_iso(v, strlen(v), &d, NULL)) {
        fields_add(fe, name, N_("must be a date as YYYY-MM-DD"));
        return DATE_OPEN;
    }
    return d;
}

int post_forum_member(struct request *r)
{
    struct field_errors fe = {0};
    struct membership m = {0};
    struct form f;
    const char *role;
    long id;
    int rc, k;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)) || (rc = req_form(r, &f)))
        return rc;
    m.forum_id = id;
    m.person_id = form_id(&f, "person_id", &fe);
    m.organisation_id = form_id(&f, "organisation_id", &fe);
    role = form_get(&f, "role");
    k = member_role_parse(role);
    if (k < 0)
        fields_add(&fe, "role", N_("is not a known role"));
    m.role = k < 0 ? MEMBER_MEMBER : (enum member_role)k;
    m.starts_on = form_date(&f, "starts_on", 1, &fe);
    m.ends_on = form_date(&f, "ends_on", 0, &fe);
    if (!m.person_id && !fe.n) {
        struct person p = {0};
        p.name = form_get(&f, "name");
        p.title = form_get(&f, "title");
        p.email = form_get(&f, "email");
        p.phone = "";
        p.login = "";
        p.organisation_id = m.organisation_id;
        if (!p.name || !*p.name)
            fields_add(&fe, "person_id", N_("choose a person or name a new one"));
        else if ((rc = app_person_save(r->store, &r->who, &p, &fe, &r->err)) && rc != KL_EINVAL)
            return rc;
        m.person_id = p.id;
    }
    if (!fe.n && (rc = app_membership_save(r->store, &r->who, &m, &fe, &r->err)) && !fe.n)
        return rc;
    if (fe.n) {
        r->res.status = 400;
        return forum_page(r, id, &fe, &f);
    }
    return res_redirect(r, arena_printf(r->arena, "/forums/%ld", id));
}

int post_forum_member_end(struct request *r)
{
    struct field_errors fe = {0};
    struct membership m;
    long forum, mid;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &forum)) ||
        (rc = req_param_int(r, 1, 1, 2147483647L, &mid)) ||
        (rc = app_membership_get(r->store, r->arena, mid, &m, &r->err)))
        return rc;
    if (m.forum_id != forum)
        return req_fail(r, KL_ENOTFOUND, "%s", T_(r, "There is no page at this address."));
    m.ends_on = req_today(r) < m.starts_on ? m.starts_on : req_today(r);
    if ((rc = app_membership_save(r->store, &r->who, &m, &fe, &r->err)))
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/forums/%ld", forum));
}

/* The forum form: new (f->id 0, under reports_to) or edit. */
static int forum_form_page(struct request *r, const struct forum *f,
                           const struct field_errors *fe)
{
    struct choice kinds[FORUM_KIND_COUNT];
    char num[3][16];
    struct html h;

    for (int i = 0; i < FORUM_KIND_COUNT; i++)
        kinds[i] = (struct choice){forum_kind_name((enum forum_kind)i), forum_kind_labels[i]};
    snprintf(num[0], sizeof(num[0]), "%d", f->mandate.publish_days);
    snprintf(num[1], sizeof(num[1]), "%d", f->mandate.min_meetings);
    if (f->mandate.premeeting_days >= 0)
        snprintf(num[2], sizeof(num[2]), "%d", f->mandate.premeeting_days);
    else
        num[2][0] = '\0';
    page_begin(r, &h, f->id ? f->name : T_(r, "New forum"), NAV_FORUMS);
    ui_problems(r, &h, fe);
    ui_form_begin(r, &h, f->id ? arena_printf(r->arena, "/forums/%lld/edit", (long long)f->id)
                               : "/forums/new");
    if (!f->id)
        html_open(&h, "input", "type", "hidden", "name", "reports_to", "value",
                  arena_printf(r->arena, "%lld", (long long)f->reports_to), NULL);
    ui_input(r, &h, N_("Name"), "name", "text", f->name, 1, fe);
    ui_select(r, &h, N_("Kind"), "kind", kinds, FORUM_KIND_COUNT, forum_kind_name(f->kind), 0,
              fe);
    ui_input(r, &h, N_("Task (ad hoc groups)"), "task", "text", f->task, 0, fe);
    ui_input(r, &h, N_("Ends (ad hoc groups)"), "ends_on", "date", iso(r, f->ends_on), 0, fe);
    ui_checkbox(r, &h, N_("Public: anonymous visitors see what it publishes"), "is_public",
                f->is_public);
    ui_input(r, &h, N_("Agenda published, days before the meeting"), "publish_days", "number",
             num[0], 1, fe);
    ui_input(r, &h, N_("Meetings a year, at least"), "min_meetings", "number", num[1], 0, fe);
    ui_input(r, &h, N_("Pre-meeting, days before (empty: none)"), "premeeting_days", "number",
             num[2], 0, fe);
    ui_input(r, &h, N_("Chair and co-chair"), "chair_arrangement", "text",
             f->mandate.chair_arrangement, 0, fe);
    ui_input(r, &h, N_("Secretariat"), "secretariat", "text", f->mandate.secretariat, 0, fe);
    ui_checkbox(r, &h, N_("Every municipality of the cluster must be represented"),
                "all_municipalities", f->mandate.all_municipalities);
    html_open(&h, "fieldset", NULL);
    html_elem(&h, "legend", T_(r, "Standard items on the agenda"));
    for (int i = STANDARD_APPROVE_AGENDA; i < STANDARD_COUNT; i++)
        ui_checkbox(r, &h, standard_item_labels[i],
                    arena_printf(r->arena, "std_%s", item_standard_name((enum item_standard)i)),
                    !(f->mandate.omit_standard & (1u << i)));
    html_close(&h, "fieldset");
    ui_textarea(r, &h, N_("Mandate (Markdown)"), "mandate", f->mandate.text, fe);
    ui_form_end(r, &h, f->id ? N_("Save") : N_("Create forum"));
    return page_end(r, &h);
}

static long form_number(const struct form *f, const char *name, long min, long max, long empty,
                        struct field_errors *fe)
{
    const char *v = form_get(f, name);
    char *end;
    long n;

    if (!v || !*v)
        return empty;
    n = strtol(v, &end, 10);
    if (*end || n < min || n > max) {
        fields_add(fe, name, N_("must be a whole number in the allowed range"));
        return empty;
    }
    return n;
}

/* Reads the forum form into f (keeping what the form does not carry). */
static void read_forum_form(const struct form *in, struct forum *f, struct field_errors *fe)
{
    const char *kind = form_get(in, "kind");
    int k = forum_kind_parse(kind);

    f->name = form_get(in, "name");
    if (k < 0)
        fields_add(fe, "kind", N_("is not a known kind of forum"));
    else
        f->kind = (enum forum_kind)k;
    f->task = form_get(in, "task") ? form_get(in, "task") : "";
    f->ends_on = form_date(in, "ends_on", 0, fe);
    f->is_public = form_get(in, "is_public") != NULL;
    f->mandate.publish_days = (int)form_number(in, "publish_days", 0, 90, 14, fe);
    f->mandate.min_meetings = (int)form_number(in, "min_meetings", 0, 52, 0, fe);
    f->mandate.premeeting_days = (int)form_number(in, "premeeting_days", 0, 60, -1, fe);
    f->mandate.chair_arrangement = form_get(in, "chair_arrangement") ? form_get(in, "chair_arrangement") : "";
    f->mandate.secretariat = form_get(in, "secretariat") ? form_get(in, "secretariat") : "";
    f->mandate.all_municipalities = form_get(in, "all_municipalities") != NULL;
    f->mandate.omit_standard = 0;
    for (int i = STANDARD_APPROVE_AGENDA; i < STANDARD_COUNT; i++) {
        char name[40];
        snprintf(name, sizeof(name), "std_%s", item_standard_name((enum item_standard)i));
        if (!form_get(in, name))
            f->mandate.omit_standard |= 1u << i;
    }
    f->mandate.text = form_get(in, "mandate") ? form_get(in, "mandate") : "";
}

int page_forum_new(struct request *r)
{
    struct forum f = {0}, parent;
    long parent_id = 0;
    int rc;

    if ((rc = req_query_int(r, "reports_to", 1, 2147483647L, &parent_id)))
        return rc;
    f.kind = FORUM_AD_HOC;
    f.name = "";
    f.task = "";
    f.ends_on = DATE_OPEN;
    f.reports_to = parent_id;
    mandate_defaults(&f.mandate);
    if (parent_id && (rc = app_forum_get(r->store, r->arena, parent_id, &parent, &r->err)))
        return rc;
    if (parent_id) {
        memcpy(f.clusters, parent.clusters, sizeof(f.clusters));
        f.nclusters = parent.nclusters;
        f.region_code = parent.region_code;
    }
    return forum_form_page(r, &f, NULL);
}

int post_forum_new(struct request *r)
{
    struct field_errors fe = {0};
    struct forum f = {0}, parent;
    struct form in;
    int rc;

    if ((rc = req_form(r, &in)))
        return rc;
    mandate_defaults(&f.mandate);
    f.reports_to = form_id(&in, "reports_to", &fe);
    read_forum_form(&in, &f, &fe);
    if (f.reports_to && app_forum_get(r->store, r->arena, f.reports_to, &parent, &r->err) == 0) {
        memcpy(f.clusters, parent.clusters, sizeof(f.clusters));
        f.nclusters = parent.nclusters;
        f.region_code = parent.region_code;
    }
    if (!fe.n && (rc = app_forum_save(r->store, &r->who, &f, &fe, &r->err)) && !fe.n)
        return rc;
    if (fe.n) {
        r->res.status = 400;
        return forum_form_page(r, &f, &fe);
    }
    return res_redirect(r, forum_href(r, f.id));
}

int page_forum_edit(struct request *r)
{
    struct forum f;
    long id;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)) ||
        (rc = app_forum_get(r->store, r->arena, id, &f, &r->err)))
        return rc;
    return forum_form_page(r, &f, NULL);
}

int post_forum_edit(struct request *r)
{
    struct field_errors fe = {0};
    struct forum f;
    struct form in;
    long id;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)) || (rc = req_form(r, &in)) ||
        (rc = app_forum_get(r->store, r->arena, id, &f, &r->err)))
        return rc;
    read_forum_form(&in, &f, &fe);
    if (!fe.n && (rc = app_forum_save(r->store, &r->who, &f, &fe, &r->err)) && !fe.n)
        return rc;
    if (fe.n) {
        r->res.status = 400;
        return forum_form_page(r, &f, &fe);
    }
    return res_redirect(r, forum_href(r, f.id));
}

/* posts_initiative.c - the forms of initiatives: create and edit one (a page of its own),
 * and the forms of the initiative page: funds of a year, carry-over, milestones, offer,
 * adopt and order. Each reads its form, asks app/plan.h (which decides the right and checks
 * the values) and goes back to the page, or shows it again with the problems next to the
 * fields. */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/indicator_ui.h"
#include "web/format.h"
#include "web/handlers_plans.h"
#include "web/layout.h"
#include "web/plan_pages.h"
#include "web/plan_api.h"
#include "web/plan_ui.h"
#include "web/request.h"
#include "app/organisation.h"
#include "app/indicator.h"
#include "app/plan.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/forum.h"
#include "model/org.h"
#include "model/people.h"

#include <stdlib.h>
#include <string.h>

/* Choices of every visible forum (for the group) or person, with an empty first one. */
static int forum_choices(struct request *r, struct choice **out, size_t *n)
{
    struct forum *f;
    size_t nf;
    int rc = app_forum_list(r->store, r->arena, &r->who, NULL, &f, &nf, &r->err);

    if (rc)
        return rc;
    if (!(*out = arena_calloc(r->arena, nf + 1, sizeof(**out))))
        return req_fail(r, KL_ENOMEM, "out of memory");
    (*out)[0] = (struct choice){"", "–"};
    for (size_t i = 0; i < nf; i++)
        (*out)[i + 1] = (struct choice){arena_printf(r->arena, "%lld", (long long)f[i].id),
                                        f[i].name};
    *n = nf + 1;
    return 0;
}

static int person_choices(struct request *r, struct choice **out, size_t *n)
{
    struct person *p;
    size_t np;
    int rc = app_person_list(r->store, r->arena, &p, &np, &r->err);

    if (rc)
        return rc;
    if (!(*out = arena_calloc(r->arena, np + 1, sizeof(**out))))
        return req_fail(r, KL_ENOMEM, "out of memory");
    (*out)[0] = (struct choice){"", "–"};
    for (size_t i = 0; i < np; i++)
        (*out)[i + 1] = (struct choice){arena_printf(r->arena, "%lld", (long long)p[i].id),
                                        p[i].name};
    *n = np + 1;
    return 0;
}

static const char *id_text(struct request *r, int64_t id)
{
    return id ? arena_printf(r->arena, "%lld", (long long)id) : "";
}

/* The initiative's form: values from sent when it came back, else from in. */
static int initiative_form(struct request *r, struct html *h, const char *action,
                           const struct initiative *in, const char *const *codes,
                           size_t ncodes, const struct field_errors *fe,
                           const struct form *sent)
{
    static const struct choice processes[] = {
        {"A", N_("A: developed locally, then offered for spread")},
        {"B", N_("B: ordered centrally, implemented locally")}};
    struct choice statuses[INITIATIVE_STATUS_COUNT], *forums, *people;
    struct indicator *all;
    int64_t *counts;
    size_t nforums = 0, npeople = 0, nall = 0;
    int rc;

    if ((rc = forum_choices(r, &forums, &nforums)) ||
        (rc = person_choices(r, &people, &npeople)) ||
        (rc = app_indicator_list(r->store, r->arena, &all, &nall, &counts, &r->err)))
        return rc;
    if (sent && !(codes = iu_checked_indicators(r, sent, &ncodes)))
        return req_fail(r, KL_ENOMEM, "out of memory");
    for (int i = 0; i < INITIATIVE_STATUS_COUNT; i++)
        statuses[i] = (struct choice){initiative_status_name((enum initiative_status)i),
                                      initiative_status_labels[i]};
#define V(name, stored) (sent ? plan_form_text(sent, name) : (stored))
    ui_problems(r, h, fe);
    ui_form_begin(r, h, action);
    ui_input(r, h, N_("Label"), "label", "text", V("label", in->label), 1, fe);
    ui_input(r, h, N_("Title"), "title", "text", V("title", in->title), 1, fe);
    ui_textarea(r, h, N_("Description"), "description", V("description", in->description), fe);
    html_open(h, "fieldset", NULL);
    html_elem(h, "legend", T_(r, "Target groups"));
    for (unsigned i = 0; i < TARGET_COUNT; i++) {
        const char *name = arena_printf(r->arena, "target_%s", target_group_name(i));
        ui_checkbox(r, h, target_group_labels[i], name,
                    sent ? form_get(sent, name) != NULL : (in->targets & (1u << i)) != 0);
    }
    html_close(h, "fieldset");
    ui_select(r, h, N_("Group that runs it"), "group_forum_id", forums, nforums,
              V("group_forum_id", id_text(r, in->group_forum_id)), 1, fe);
    ui_select(r, h, N_("Responsible"), "responsible_person_id", people, npeople,
              V("responsible_person_id", id_text(r, in->responsible_person_id)), 1, fe);
    ui_select(r, h, N_("Type"), "process", processes, 2,
              V("process", initiative_process_name(in->process)), 0, fe);
    ui_select(r, h, N_("Status"), "status", statuses, INITIATIVE_STATUS_COUNT,
              V("status", initiative_status_name(in->status)), 0, fe);
    ui_input(r, h, N_("Reason for the status (required when dropped)"), "status_reason", "text",
             V("status_reason", in->status_reason), 0, fe);
    ui_checkbox(r, h, N_("Users are involved"), "user_involvement",
                sent ? form_get(sent, "user_involvement") != NULL : in->user_involvement);
    ui_textarea(r, h, N_("How users are involved"), "involvement_how",
                V("involvement_how", in->involvement_how), fe);
    ui_textarea(r, h, N_("Data plan: the data used to follow the effect"), "data_plan",
                V("data_plan", in->data_plan), fe);
    iu_indicator_checkboxes(r, h, N_("Indicators followed"), all, nall, codes, ncodes);
#undef V
    ui_form_end(r, h, N_("Save initiative"));
    return 0;
}

/* Reads the initiative's fields from form f into in; the indicator codes into codes. */
static void read_initiative(struct request *r, const struct form *f, struct initiative *in,
                            const char ***codes, size_t *ncodes, struct field_errors *fe)
{
    int k;

    in->label = plan_form_text(f, "label");
    in->title = plan_form_text(f, "title");
    in->description = plan_form_text(f, "description");
    in->targets = 0;
    for (unsigned i = 0; i < TARGET_COUNT; i++)
        if (form_get(f, arena_printf(r->arena, "target_%s", target_group_name(i))))
            in->targets |= 1u << i;
    in->group_forum_id = plan_form_id(f, "group_forum_id", fe);
    in->responsible_person_id = plan_form_id(f, "responsible_person_id", fe);
    if ((k = initiative_process_parse(plan_form_text(f, "process"))) < 0)
        fields_add(fe, "process", N_("is not a valid choice"));
    else
        in->process = (enum initiative_process)k;
    if ((k = initiative_status_parse(plan_form_text(f, "status"))) < 0)
        fields_add(fe, "status", N_("is not a valid choice"));
    else
        in->status = (enum initiative_status)k;
    in->status_reason = plan_form_text(f, "status_reason");
    in->user_involvement = form_get(f, "user_involvement") != NULL;
    in->involvement_how = plan_form_text(f, "involvement_how");
    in->data_plan = plan_form_text(f, "data_plan");
    if (!(*codes = iu_checked_indicators(r, f, ncodes)))
        fields_add(fe, "indicators", N_("could not be read"));
}

/* The indicator codes initiative id follows (none when they cannot be read). */
static const char **codes_of(struct request *r, int64_t id, size_t *n)
{
    const char **codes = NULL;

    *n = 0;
    if (app_initiative_indicators(r->store, r->arena, &r->who, id, &codes, n, &r->err)) {
        kl_error_clear(&r->err);
        *n = 0;
        return NULL;
    }
    return codes;
}

static int show_new(struct request *r, int64_t plan, const struct field_errors *fe,
                    const struct form *sent)
{
    struct initiative in = {.label = "", .title = "", .description = "", .status_reason = "",
                            .involvement_how = "", .data_plan = ""};
    struct action_plan p;
    struct html h;
    int rc;

    if ((rc = app_plan_get(r->store, r->arena, &r->who, plan, &p, &r->err)))
        return rc;
    if (!plan_may(r, PERM_FORUM_MANAGE, p.forum_id))
        return app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, p.forum_id, &r->err);
    page_begin(r, &h, arena_printf(r->arena, "%s: %s", T_(r, "New initiative"), p.title),
               NAV_PLANS);
    if ((rc = initiative_form(r, &h, arena_printf(r->arena, "/plans/%lld/initiatives",
                                                  (long long)plan), &in, NULL, 0, fe, sent)))
        return rc;
    return page_end(r, &h);
}

static int show_edit(struct request *r, int64_t id, const struct field_errors *fe,
                     const struct form *sent)
{
    struct initiative in;
    const char **codes;
    size_t ncodes;
    struct html h;
    int rc;

    if ((rc = app_initiative_get(r->store, r->arena, &r->who, id, &in, &r->err)))
        return rc;
    codes = codes_of(r, id, &ncodes);
    if (!plan_may(r, PERM_FORUM_MANAGE, in.plan_forum_id))
        return app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, in.plan_forum_id, &r->err);
    page_begin(r, &h, arena_printf(r->arena, "%s %s: %s", T_(r, "Edit initiative"), in.label,
                                   in.title), NAV_PLANS);
    if ((rc = initiative_form(r, &h, arena_printf(r->arena, "/initiatives/%lld/edit",
                                                  (long long)id), &in, codes, ncodes, fe,
                              sent)))
        return rc;
    return page_end(r, &h);
}

int page_initiative_new(struct request *r)
{
    int64_t id;
    int rc = plan_param(r, 0, &id);

    return rc ? rc : show_new(r, id, NULL, NULL);
}

int page_initiative_edit(struct request *r)
{
    int64_t id;
    int rc = plan_param(r, 0, &id);

    return rc ? rc : show_edit(r, id, NULL, NULL);
}

/* KL_EPERM (or why the forum cannot be read) unless the visitor is the secretary of
 * plan_forum: asked before a form's problems are shown. */
static int require_manage(struct request *r, int64_t plan_forum)
{
    return plan_may(r, PERM_FORUM_MANAGE, plan_forum)
               ? 0 : app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, plan_forum, &r->err);
}

int post_initiative_new(struct request *r)
{
    struct field_errors fe = {0};
    struct initiative in = {0};
    struct action_plan p;
    const char **codes;
    size_t ncodes;
    struct form f;
    int64_t plan;
    int rc;

    if ((rc = plan_param(r, 0, &plan)) || (rc = req_form(r, &f)) ||
        (rc = app_plan_get(r->store, r->arena, &r->who, plan, &p, &r->err)) ||
        (rc = require_manage(r, p.forum_id)))
        return rc;
    in.plan_id = plan;
    read_initiative(r, &f, &in, &codes, &ncodes, &fe);
    rc = app_initiative_create(r->store, &r->who, &in, (const char *const *)codes, ncodes, &fe,
                               &r->err);
    return plan_outcome(r, rc, rc ? "" : plan_href(r, "initiatives", in.id), show_new, plan,
                        &fe, &f);
}

int post_initiative_edit(struct request *r)
{
    struct field_errors fe = {0};
    struct initiative in;
    const char **codes;
    size_t ncodes;
    struct form f;
    int64_t id;
    int rc;

    if ((rc = plan_param(r, 0, &id)) || (rc = req_form(r, &f)) ||
        (rc = app_initiative_get(r->store, r->arena, &r->who, id, &in, &r->err)) ||
        (rc = require_manage(r, in.plan_forum_id)))
        return rc;
    read_initiative(r, &f, &in, &codes, &ncodes, &fe);
    rc = app_initiative_update(r->store, &r->who, &in, (const char *const *)codes, ncodes, &fe,
                               &r->err);
    return plan_outcome(r, rc, plan_href(r, "initiatives", id), show_edit, id, &fe, &f);
}

/* Reads path parameter 0 and the form. */
static int id_and_form(struct request *r, int64_t *id, struct form *f)
{
    int rc = plan_param(r, 0, id);
    return rc ? rc : req_form(r, f);
}

/* A year field of the form (2000..2100). */
static int form_year(const struct form *f, const char *name, struct field_errors *fe)
{
    const char *v = plan_form_text(f, name);
    char *end;
    long y = strtol(v, &end, 10);

    if (!*v || *end || y < 2000 || y > 2100) {
        fields_add(fe, name, N_("must be a year from 2000 to 2100"));
        return 0;
    }
    return (int)y;
}

static const char *funds_anchor(struct request *r, int64_t id)
{
    return arena_printf(r->arena, "/initiatives/%lld#funds", (long long)id);
}

int post_initiative_funds(struct request *r)
{
    struct field_errors fe = {0};
    struct initiative in;
    int64_t id, allocated = 0, spent = 0;
    struct form f;
    int rc, year;

    if ((rc = id_and_form(r, &id, &f)) ||
        (rc = app_initiative_get(r->store, r->arena, &r->who, id, &in, &r->err)) ||
        (rc = require_manage(r, in.plan_forum_id)))
        return rc;
    year = form_year(&f, "year", &fe);
    plan_form_money(&f, "allocated", &allocated, &fe);
    plan_form_money(&f, "spent", &spent, &fe);
    rc = fe.n ? KL_EINVAL
              : app_funds_set(r->store, &r->who, id, year, allocated, spent, &fe, &r->err);
    return plan_outcome(r, rc, funds_anchor(r, id), initiative_page, id, &fe, &f);
}

int post_initiative_carry(struct request *r)
{
    struct field_errors fe = {0};
    struct initiative in;
    int64_t id, amount = 0;
    struct form f;
    int rc, year;

    if ((rc = id_and_form(r, &id, &f)) ||
        (rc = app_initiative_get(r->store, r->arena, &r->who, id, &in, &r->err)) ||
        (rc = require_manage(r, in.plan_forum_id)))
        return rc;
    year = form_year(&f, "year", &fe);
    plan_form_money(&f, "amount", &amount, &fe);
    rc = fe.n ? KL_EINVAL
              : app_funds_carry(r->store, &r->who, id, year, amount, &fe, &r->err);
    return plan_outcome(r, rc, funds_anchor(r, id), initiative_page, id, &fe, &f);
}

int post_initiative_milestone(struct request *r)
{
    struct field_errors fe = {0};
    struct milestone m = {0};
    struct form f;
    int64_t id;
    int rc;

    if ((rc = id_and_form(r, &id, &f)))
        return rc;
    m.initiative_id = id;
    m.title = plan_form_text(&f, "title");
    m.due_on = plan_form_day(&f, "due_on", &fe);
    m.done_on = DATE_OPEN;
    rc = app_milestone_add(r->store, &r->who, &m, &fe, &r->err);
    return plan_outcome(r, rc, arena_printf(r->arena, "/initiatives/%lld#milestones",
                                            (long long)id), initiative_page, id, &fe, &f);
}

int post_milestone_done(struct request *r)
{
    struct field_errors fe = {0};
    struct milestone m;
    struct form f;
    int64_t id;
    int rc;

    if ((rc = id_and_form(r, &id, &f)) ||
        (rc = app_milestone_get(r->store, r->arena, &r->who, id, &m, &r->err)))
        return rc;
    m.done_on = req_today(r);
    if ((rc = app_milestone_update(r->store, &r->who, &m, &fe, &r->err)))
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/initiatives/%lld#milestones",
                                        (long long)m.initiative_id));
}

int post_milestone_edit(struct request *r)
{
    struct field_errors fe = {0};
    struct milestone m;
    struct form f;
    int64_t id;
    int rc;

    if ((rc = id_and_form(r, &id, &f)) ||
        (rc = app_milestone_get(r->store, r->arena, &r->who, id, &m, &r->err)))
        return rc;
    m.title = plan_form_text(&f, "title");
    m.due_on = plan_form_day(&f, "due_on", &fe);
    m.done_on = plan_form_day(&f, "done_on", &fe);
    rc = fe.n ? KL_EINVAL : app_milestone_update(r->store, &r->who, &m, &fe, &r->err);
    return plan_outcome(r, rc,
                        arena_printf(r->arena, "/initiatives/%lld#milestones",
                                     (long long)m.initiative_id),
                        initiative_page, m.initiative_id, &fe, &f);
}

int post_initiative_item(struct request *r)
{
    struct field_errors fe = {0};
    struct form f;
    int64_t id, item;
    int rc;

    if ((rc = id_and_form(r, &id, &f)))
        return rc;
    item = plan_form_id(&f, "item_id", &fe);
    if (!item && !fe.n)
        fields_add(&fe, "item_id", N_("is required"));
    /* with a bad item the use case still decides the right first: item 0 is none */
    rc = app_initiative_link_item(r->store, &r->who, id, item, &r->err);
    if (rc == KL_ECONFLICT) {
        fields_add(&fe, "item_id", N_("is linked to the initiative already"));
        rc = KL_EINVAL;
    } else if ((rc == KL_ENOTFOUND || rc == KL_EINVAL) && fe.n) {
        rc = KL_EINVAL;
    }
    return plan_outcome(r, rc, arena_printf(r->arena, "/initiatives/%lld#items", (long long)id),
                        initiative_page, id, &fe, &f);
}

int post_initiative_offer(struct request *r)
{
    struct form f;
    int64_t id;
    int rc;

    if ((rc = id_and_form(r, &id, &f)) ||
        (rc = app_initiative_offer(r->store, &r->who, id, r->now, &r->err)))
        return rc;
    return res_redirect(r, plan_href(r, "initiatives", id));
}

int post_initiative_adopt(struct request *r)
{
    struct field_errors fe = {0};
    const char *label;
    int64_t id, plan, made = 0;
    struct form f;
    int rc;

    if ((rc = id_and_form(r, &id, &f)))
        return rc;
    plan = plan_form_id(&f, "plan_id", &fe);
    label = plan_form_text(&f, "label");
    if (!plan && !fe.n)
        fields_add(&fe, "plan_id", N_("is required"));
    rc = fe.n ? KL_EINVAL
              : app_initiative_adopt(r->store, &r->who, id, plan, *label ? label : NULL, &made,
                                     &fe, &r->err);
    if (rc == KL_ECONFLICT && !fe.n)
        fields_add(&fe, "plan_id", N_("has adopted the initiative already"));
    return plan_outcome(r, rc, rc ? "" : plan_href(r, "initiatives", made), initiative_page, id,
                        &fe, &f);
}

int post_initiative_order(struct request *r)
{
    struct field_errors fe = {0};
    struct initiative in;
    int64_t id, *plans;
    size_t n = 0;
    struct form f;
    int rc;

    if ((rc = id_and_form(r, &id, &f)) ||
        (rc = app_initiative_get(r->store, r->arena, &r->who, id, &in, &r->err)) ||
        (rc = require_manage(r, in.plan_forum_id)))
        return rc;
    if (!(plans = arena_calloc(r->arena, f.n + 1, sizeof(*plans))))
        return req_fail(r, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < f.n; i++)
        if (strncmp(f.name[i], "plan_", 5) == 0) {
            char *end;
            long long v = strtoll(f.name[i] + 5, &end, 10);
            if (!*end && v > 0)
                plans[n++] = v;
        }
    if (!n)
        fields_add(&fe, "plan_ids", N_("choose at least one action plan"));
    rc = fe.n ? KL_EINVAL : app_initiative_order(r->store, &r->who, id, plans, n, NULL, &r->err);
    if (rc == KL_ECONFLICT) {
        fields_add(&fe, "plan_ids", N_("one of the plans has the initiative already"));
        rc = KL_EINVAL;
    }
    return plan_outcome(r, rc, plan_href(r, "initiatives", id), initiative_page, id, &fe, &f);
}

/* api_initiatives.c - the JSON API of one initiative (indsats): read it with everything the
 * principal may see of it, change the fields sent (and the indicators it follows), its
 * milestones, its funds per year with carry-over to the next year, and the agenda items
 * about it. app/plan.h decides who may do what. */
#include "web/handlers_plans.h"
#include "web/json_in.h"
#include "web/json_out.h"
#include "web/meeting_api.h"
#include "web/plan_api.h"
#include "web/request.h"
#include "app/meeting_json.h"
#include "app/permission.h"
#include "app/plan.h"
#include "core/date.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"
#include "model/meeting.h"

#include <string.h>

int api_initiative(struct request *r)
{
    int64_t id;
    int rc;
    json_t *o;

    if ((rc = mapi_param_id(r, 0, &id)) || !(o = papi_initiative(r, id, 1, &rc)))
        return rc;
    return res_json(r, o);
}

/* A field that a change may not name with another value than stored. */
static void fixed_id(json_t *in, const char *name, int64_t stored, struct field_errors *fe)
{
    int64_t v = stored;

    json_get_id(in, name, &v, fe);
    if (v != stored && !fields_get(fe, name))
        fields_add(fe, name, N_("cannot be changed"));
}

int api_initiative_update(struct request *r)
{
    struct field_errors fe = {0};
    struct initiative it;
    const char **codes = NULL;
    size_t ncodes = 0;
    json_t *in, *out;
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_initiative_get(r->store, r->arena, &r->who, id, &it, &r->err)) ||
        (rc = req_json_object(r, &in)))
        return rc;
    fixed_id(in, "plan_id", it.plan_id, &fe);
    fixed_id(in, "origin_id", it.origin_id, &fe);
    papi_read_initiative(r, in, &it, &fe);
    papi_read_codes(r, in, &codes, &ncodes, &fe);
    json_decref(in);
    /* the use case asks for the right first, then reports these problems with its own */
    rc = app_initiative_update(r->store, &r->who, &it, (const char *const *)codes, ncodes, &fe,
                               &r->err);
    out = rc ? NULL : papi_initiative(r, id, 1, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

/* 0 when the principal may change initiative id (the plan forum's secretary), else why not;
 * asked before answering 400, so that who may not change it learns nothing of the fields. */
static int may_manage(struct request *r, int64_t id)
{
    struct initiative it;
    int rc = app_initiative_get(r->store, r->arena, &r->who, id, &it, &r->err);

    return rc ? rc : app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, it.plan_forum_id,
                                   &r->err);
}

/* 0 when the principal may keep the milestones of initiative id: the plan's secretary and
 * the members of its group (app/plan.h). */
static int may_keep_milestones(struct request *r, int64_t id)
{
    struct initiative it;
    struct kl_error err;
    int rc = app_initiative_get(r->store, r->arena, &r->who, id, &it, &r->err);

    if (rc || (it.group_forum_id &&
               app_authorize(r->store, &r->who, PERM_FORUM_INTERNAL, it.group_forum_id,
                             &err) == 0))
        return rc;
    return app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, it.plan_forum_id, &r->err);
}

/* Reads the fields of a milestone sent in in. */
static void read_milestone(struct request *r, json_t *in, struct milestone *m,
                           struct field_errors *fe)
{
    json_get_text(r, in, "title", &m->title, fe);
    json_get_date(in, "due_on", 0, &m->due_on, fe);
    json_get_date(in, "done_on", 1, &m->done_on, fe);
}

int api_milestone_create(struct request *r)
{
    struct field_errors fe = {0};
    struct milestone m = {.title = "", .due_on = DATE_OPEN, .done_on = DATE_OPEN};
    json_t *in;
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    m.initiative_id = id;
    read_milestone(r, in, &m, &fe);
    json_decref(in);
    if (fe.n) {
        milestone_check(&m, &fe); /* name every problem at once */
        return (rc = may_keep_milestones(r, id)) ? rc : mapi_invalid(r, &fe);
    }
    rc = app_milestone_add(r->store, &r->who, &m, &fe, &r->err);
    return mapi_saved(r, rc, &fe, 201, rc ? NULL : milestone_json(&m));
}

/* Milestone id as the principal sees it. */
static int milestone_get(struct request *r, int64_t id, struct milestone *out)
{
    return app_milestone_get(r->store, r->arena, &r->who, id, out, &r->err);
}

int api_milestone_update(struct request *r)
{
    struct field_errors fe = {0};
    struct milestone m;
    json_t *in;
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = milestone_get(r, id, &m)) ||
        (rc = req_json_object(r, &in)))
        return rc;
    fixed_id(in, "initiative_id", m.initiative_id, &fe);
    read_milestone(r, in, &m, &fe);
    json_decref(in);
    if (fe.n)
        return (rc = may_keep_milestones(r, m.initiative_id)) ? rc : mapi_invalid(r, &fe);
    rc = app_milestone_update(r->store, &r->who, &m, &fe, &r->err);
    return mapi_saved(r, rc, &fe, 200, rc ? NULL : milestone_json(&m));
}

/* Path parameters 0 (initiative) and 1 (year). */
static int funds_params(struct request *r, int64_t *id, int *year)
{
    long y;
    int rc;

    if ((rc = mapi_param_id(r, 0, id)) || (rc = req_param_int(r, 1, 2000, 2100, &y)))
        return rc;
    *year = (int)y;
    return 0;
}

/* Reads the amount in øre of field name (required when required is set). */
static void read_ore(json_t *in, const char *name, int required, int64_t *out,
                     struct field_errors *fe)
{
    long v = (long)*out;

    if (!json_object_get(in, name)) {
        if (required)
            fields_add(fe, name, N_("is required"));
        return;
    }
    json_get_int(in, name, 0, (long)PLAN_MONEY_MAX, &v, fe);
    *out = v;
}

int api_funds_put(struct request *r)
{
    struct field_errors fe = {0};
    struct funds_year *f;
    int64_t id, allocated = 0, spent = 0;
    size_t n;
    json_t *in, *out;
    int rc, year;

    if ((rc = funds_params(r, &id, &year)) ||
        (rc = app_funds_list(r->store, r->arena, &r->who, id, 0, &f, &n, &r->err)) ||
        (rc = req_json_object(r, &in)))
        return rc;
    for (size_t i = 0; i < n; i++)
        if (f[i].year == year) {
            allocated = f[i].allocated;
            spent = f[i].spent;
        }
    read_ore(in, "allocated", 0, &allocated, &fe);
    read_ore(in, "spent", 0, &spent, &fe);
    json_decref(in);
    if (fe.n)
        return (rc = may_manage(r, id)) ? rc : mapi_invalid(r, &fe);
    rc = app_funds_set(r->store, &r->who, id, year, allocated, spent, &fe, &r->err);
    out = rc ? NULL : papi_funds(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

int api_funds_carry(struct request *r)
{
    struct field_errors fe = {0};
    int64_t id, amount = 0;
    json_t *in, *out;
    int rc, year;

    if ((rc = funds_params(r, &id, &year)) || (rc = req_json_object(r, &in)))
        return rc;
    read_ore(in, "amount", 1, &amount, &fe);
    json_decref(in);
    if (fe.n)
        return (rc = may_manage(r, id)) ? rc : mapi_invalid(r, &fe);
    rc = app_funds_carry(r->store, &r->who, id, year, amount, &fe, &r->err);
    out = rc ? NULL : papi_funds(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

int api_initiative_item_link(struct request *r)
{
    struct field_errors fe = {0};
    struct agenda_item *items;
    int64_t id, item = 0;
    size_t n;
    json_t *in, *list;
    int rc, bad = 0;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    papi_required_id(in, "item_id", &item, &fe);
    json_decref(in);
    if (fe.n) {
        json_decref(papi_initiative(r, id, 0, &rc));
        return rc ? rc : mapi_invalid(r, &fe);
    }
    if ((rc = app_initiative_link_item(r->store, &r->who, id, item, &r->err)) ||
        (rc = app_initiative_items(r->store, r->arena, &r->who, id, &items, &n, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= mapi_push(list, agenda_item_json(&items[i], 0, *items[i].decision != '\0'));
    r->res.status = 201;
    return mapi_send_list(r, "items", list, bad);
}

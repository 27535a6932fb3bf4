/* api_plans.c - the JSON API of action plans under /api/v1/action-plans: list, create, read
 * (with its initiatives, rounds and funds), change the fields sent, and the plan's
 * initiatives: list and create. app/plan.h decides who may do what; invalid fields give 400
 * with each field named. */
#include "web/handlers_plans.h"
#include "web/json_in.h"
#include "web/json_out.h"
#include "web/meeting_api.h"
#include "web/plan_api.h"
#include "web/request.h"
#include "app/permission.h"
#include "app/plan.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"

#include <string.h>

int api_plans(struct request *r)
{
    struct field_errors fe = {0};
    struct action_plan *p;
    int64_t forum = 0;
    size_t n;
    json_t *list;
    int rc, bad = 0;

    mapi_query_id(r, "forum", &forum, &fe);
    if (fe.n)
        return mapi_invalid(r, &fe);
    if ((rc = app_plan_list(r->store, r->arena, &r->who, forum, &p, &n, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= mapi_push(list, action_plan_json(&p[i]));
    return mapi_send_list(r, "action_plans", list, bad);
}

/* Reads the fields of a plan sent in in. */
static void read_plan(struct request *r, json_t *in, struct action_plan *p,
                      struct field_errors *fe)
{
    json_get_text(r, in, "title", &p->title, fe);
    json_get_date(in, "starts_on", 0, &p->starts_on, fe);
    json_get_date(in, "ends_on", 0, &p->ends_on, fe);
    json_get_text(r, in, "funds_rule", &p->funds_rule, fe);
    json_get_id(in, "approved_item_id", &p->approved_item_id, fe);
}

/* Plan id as the principal sees it, with its initiatives, rounds and funds when full. */
static json_t *plan_json(struct request *r, int64_t id, int full, int *rc)
{
    struct action_plan p;
    struct initiative *in;
    struct status_round *ro;
    struct funds_year *f;
    size_t ni, nr, nf;
    json_t *o, *li, *lr, *lf;
    int bad;

    if ((*rc = app_plan_get(r->store, r->arena, &r->who, id, &p, &r->err)))
        return NULL;
    o = action_plan_json(&p);
    if (full && o) {
        if ((*rc = app_initiative_list(r->store, r->arena, &r->who, id, &in, &ni, &r->err)) ||
            (*rc = app_status_round_list(r->store, r->arena, &r->who, id, &ro, &nr, &r->err)) ||
            (*rc = app_funds_list(r->store, r->arena, &r->who, 0, id, &f, &nf, &r->err))) {
            json_decref(o);
            return NULL;
        }
        li = json_array(), lr = json_array(), lf = json_array();
        bad = !li || !lr || !lf;
        for (size_t i = 0; !bad && i < ni; i++)
            bad |= mapi_push(li, initiative_json(&in[i]));
        for (size_t i = 0; !bad && i < nr; i++)
            bad |= mapi_push(lr, status_round_json(&ro[i]));
        for (size_t i = 0; !bad && i < nf; i++)
            bad |= mapi_push(lf, funds_year_json(&f[i]));
        bad |= json_object_set_new(o, "initiatives", li);
        bad |= json_object_set_new(o, "rounds", lr);
        bad |= json_object_set_new(o, "funds", lf);
        if (bad) {
            json_decref(o);
            o = NULL;
        }
    }
    if (!o)
        *rc = req_fail(r, KL_ENOMEM, "out of memory");
    return o;
}

int api_plan_create(struct request *r)
{
    struct field_errors fe = {0};
    struct action_plan p = {.starts_on = DATE_OPEN, .ends_on = DATE_OPEN, .title = "",
                            .funds_rule = ""};
    json_t *in, *out;
    int rc;

    if ((rc = req_json_object(r, &in)))
        return rc;
    papi_required_id(in, "forum_id", &p.forum_id, &fe);
    read_plan(r, in, &p, &fe);
    json_decref(in);
    if (fields_get(&fe, "forum_id"))
        return mapi_invalid(r, &fe);
    if (fe.n) { /* the right first, then every problem at once; nothing is made */
        action_plan_check(&p, &fe);
        return (rc = app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, p.forum_id,
                                   &r->err)) ? rc : mapi_invalid(r, &fe);
    }
    rc = app_plan_create(r->store, &r->who, &p, &fe, &r->err);
    out = rc ? NULL : plan_json(r, p.id, 0, &rc);
    return mapi_saved(r, rc, &fe, 201, out);
}

int api_plan(struct request *r)
{
    int64_t id;
    int rc;
    json_t *o;

    if ((rc = mapi_param_id(r, 0, &id)) || !(o = plan_json(r, id, 1, &rc)))
        return rc;
    return res_json(r, o);
}

int api_plan_update(struct request *r)
{
    struct field_errors fe = {0};
    struct action_plan p;
    int64_t id, forum;
    json_t *in, *out;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_plan_get(r->store, r->arena, &r->who, id, &p, &r->err)) ||
        (rc = req_json_object(r, &in)))
        return rc;
    forum = p.forum_id;
    json_get_id(in, "forum_id", &forum, &fe);
    if (forum != p.forum_id && !fields_get(&fe, "forum_id"))
        fields_add(&fe, "forum_id", N_("cannot be changed"));
    read_plan(r, in, &p, &fe);
    json_decref(in);
    if (fe.n) { /* the right first, then every problem at once; nothing is changed */
        action_plan_check(&p, &fe);
        return (rc = app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, p.forum_id,
                                   &r->err)) ? rc : mapi_invalid(r, &fe);
    }
    rc = app_plan_update(r->store, &r->who, &p, &fe, &r->err);
    out = rc ? NULL : plan_json(r, id, 0, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

int api_plan_initiatives(struct request *r)
{
    struct initiative *in;
    int64_t id;
    size_t n;
    json_t *list;
    int rc, bad = 0;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_initiative_list(r->store, r->arena, &r->who, id, &in, &n, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= mapi_push(list, initiative_json(&in[i]));
    return mapi_send_list(r, "initiatives", list, bad);
}

int api_initiative_create(struct request *r)
{
    struct field_errors fe = {0};
    struct initiative it = {.label = "", .title = "", .description = "", .status_reason = "",
                            .involvement_how = "", .data_plan = "", .process = PROCESS_A,
                            .status = INITIATIVE_PROPOSED};
    struct action_plan p;
    const char **codes = NULL;
    size_t ncodes = 0;
    json_t *in, *out;
    int64_t plan;
    int rc;

    if ((rc = mapi_param_id(r, 0, &plan)) ||
        (rc = app_plan_get(r->store, r->arena, &r->who, plan, &p, &r->err)) ||
        (rc = req_json_object(r, &in)))
        return rc;
    it.plan_id = plan;
    papi_read_initiative(r, in, &it, &fe);
    papi_read_codes(r, in, &codes, &ncodes, &fe);
    json_decref(in);
    /* the use case asks for the right first, then reports these problems with its own */
    rc = app_initiative_create(r->store, &r->who, &it, (const char *const *)codes, ncodes, &fe,
                               &r->err);
    out = rc ? NULL : papi_initiative(r, it.id, 1, &rc);
    return mapi_saved(r, rc, &fe, 201, out);
}

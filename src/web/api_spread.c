/* api_spread.c - the JSON API of spread between clusters: a completed type-A initiative is
 * offered, another cluster's plan adopts it, a region-wide forum orders a type-B initiative
 * into several clusters' plans, and where an initiative has spread, side by side. */
#include "web/handlers_plans.h"
#include "web/json_in.h"
#include "web/json_out.h"
#include "web/meeting_api.h"
#include "web/plan_api.h"
#include "web/request.h"
#include "app/permission.h"
#include "app/plan.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "model/fields.h"

int api_initiative_offer(struct request *r)
{
    struct field_errors fe = {0};
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_initiative_offer(r->store, &r->who, id, r->now, &r->err)))
        return rc;
    return mapi_saved(r, 0, &fe, 200, papi_initiative(r, id, 0, &rc));
}

int api_initiative_adopt(struct request *r)
{
    struct field_errors fe = {0};
    const char *label = NULL;
    int64_t id, plan = 0, made = 0;
    json_t *in, *out;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    papi_required_id(in, "plan_id", &plan, &fe);
    json_get_text(r, in, "label", &label, &fe);
    json_decref(in);
    if (label && !*label)
        label = NULL;
    if (fe.n) {
        json_decref(papi_initiative(r, id, 0, &rc));
        return rc ? rc : mapi_invalid(r, &fe);
    }
    rc = app_initiative_adopt(r->store, &r->who, id, plan, label, &made, &fe, &r->err);
    out = rc ? NULL : papi_initiative(r, made, 0, &rc);
    return mapi_saved(r, rc, &fe, 201, out);
}

int api_initiative_order(struct request *r)
{
    struct field_errors fe = {0};
    json_t *in, *v, *e, *list;
    int64_t id, *plans = NULL, *made = NULL;
    size_t n = 0, i;
    int rc, bad = 0;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    v = json_object_get(in, "plan_ids");
    if (!v)
        fields_add(&fe, "plan_ids", N_("is required"));
    else if (!json_is_array(v) || !json_array_size(v))
        fields_add(&fe, "plan_ids", N_("must be a list of record ids"));
    else {
        plans = arena_calloc(r->arena, json_array_size(v), sizeof(*plans));
        made = arena_calloc(r->arena, json_array_size(v), sizeof(*made));
        if (!plans || !made) {
            json_decref(in);
            return req_fail(r, KL_ENOMEM, "out of memory");
        }
        json_array_foreach(v, i, e) {
            if (!json_is_integer(e) || json_integer_value(e) <= 0) {
                fields_add(&fe, "plan_ids", N_("must be a list of record ids"));
                break;
            }
            plans[n++] = json_integer_value(e);
        }
    }
    json_decref(in);
    if (fe.n) { /* the orderer's right first */
        struct initiative it;
        if ((rc = app_initiative_get(r->store, r->arena, &r->who, id, &it, &r->err)) ||
            (rc = app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, it.plan_forum_id,
                                &r->err)))
            return rc;
        return mapi_invalid(r, &fe);
    }
    if ((rc = app_initiative_order(r->store, &r->who, id, plans, n, made, &r->err)))
        return rc;
    list = json_array();
    for (i = 0; list && i < n; i++) {
        json_t *o = papi_initiative(r, made[i], 0, &rc);
        if (rc && rc != KL_ENOMEM) { /* made in a plan the principal may not read */
            kl_error_clear(&r->err);
            continue;
        }
        bad |= mapi_push(list, o);
    }
    r->res.status = 201;
    return mapi_send_list(r, "initiatives", list, bad);
}

int api_initiative_spread(struct request *r)
{
    struct spread sp;
    json_t *list, *o;
    int64_t id;
    int rc, bad = 0;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_initiative_spread(r->store, r->arena, &r->who, id, &sp, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < sp.n; i++)
        bad |= mapi_push(list, initiative_json(&sp.linked[i]));
    o = initiative_json(&sp.origin);
    if (bad || !list || !o) {
        json_decref(list);
        json_decref(o);
        return res_json(r, NULL);
    }
    return res_json(r, json_pack("{s:o,s:o}", "origin", o, "linked", list));
}

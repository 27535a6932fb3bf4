/* api_rounds.c - the JSON API of status rounds and reports: a plan's rounds and opening one,
 * the round overview with its counts and the sentences a Chefforum reads, one report, its
 * submission by the initiative's group and the secretary's extension. */
#include "web/format.h"
#include "web/handlers_plans.h"
#include "web/json_in.h"
#include "web/json_out.h"
#include "web/meeting_api.h"
#include "web/plan_api.h"
#include "web/plan_ui.h"
#include "web/request.h"
#include "app/permission.h"
#include "app/plan.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"

#include <string.h>

int api_plan_rounds(struct request *r)
{
    struct status_round *ro;
    int64_t id;
    size_t n;
    json_t *list;
    int rc, bad = 0;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_status_round_list(r->store, r->arena, &r->who, id, &ro, &n, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= mapi_push(list, status_round_json(&ro[i]));
    return mapi_send_list(r, "status_rounds", list, bad);
}

int api_round_open(struct request *r)
{
    struct field_errors fe = {0};
    struct status_round ro = {.title = "", .opened_on = DATE_OPEN, .due_on = DATE_OPEN};
    struct action_plan p;
    size_t asked = 0;
    json_t *in, *out;
    int64_t id;
    int rc, sent = 0;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_plan_get(r->store, r->arena, &r->who, id, &p, &r->err)) ||
        (rc = req_json_object(r, &in)))
        return rc;
    ro.plan_id = id;
    json_get_text(r, in, "title", &ro.title, &fe);
    if (!json_object_get(in, "due_on"))
        fields_add(&fe, "due_on", N_("is required"));
    json_get_date(in, "due_on", 0, &ro.due_on, &fe);
    json_get_date(in, "opened_on", 1, &ro.opened_on, &fe);
    papi_read_bits(in, "fields", round_field_parse, &ro.fields, &sent, &fe);
    if (!sent)
        ro.fields = ROUND_FIELDS_ALL;
    json_decref(in);
    if (fe.n)
        return (rc = app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, p.forum_id,
                                   &r->err)) ? rc : mapi_invalid(r, &fe);
    rc = app_status_round_open(r->store, &r->who, &ro, req_today(r), &asked, &fe, &r->err);
    out = rc ? NULL : status_round_json(&ro);
    if (out)
        json_object_set_new(out, "asked", json_integer((json_int_t)asked));
    return mapi_saved(r, rc, &fe, 201, out);
}

/* The sentences of ov in lang as a JSON string; NULL when out of memory. */
static json_t *summary(const struct round_overview *ov, const char *lang)
{
    struct buf b;
    struct kl_error err;
    json_t *s = NULL;

    buf_init(&b, 64 * 1024);
    if (app_status_round_summary(ov, lang, &b, &err) == 0)
        s = json_stringn(b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

int api_round(struct request *r)
{
    struct round_overview ov;
    int32_t today = req_today(r);
    json_t *o, *counts, *list;
    int64_t id;
    int rc, bad;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_status_round_overview(r->store, r->arena, &r->who, id, today, &ov, &r->err)))
        return rc;
    o = status_round_json(&ov.round);
    counts = json_object();
    list = json_array();
    bad = !o || !counts || !list;
    for (int s = 0; !bad && s < REPORT_STATE_COUNT; s++)
        bad |= json_object_set_new(counts, report_state_name((enum report_state)s),
                                   json_integer((json_int_t)ov.count[s]));
    for (size_t i = 0; !bad && i < ov.n; i++)
        bad |= mapi_push(list, status_report_json(&ov.reports[i], ov.states[i], 0));
    if (!bad) {
        bad |= json_object_set_new(o, "plan", action_plan_json(&ov.plan));
        bad |= json_object_set_new(o, "counts", counts);
        counts = NULL;
        bad |= json_object_set_new(o, "reports", list);
        list = NULL;
        bad |= json_object_set_new(o, "summary", summary(&ov, i18n_code(r->lang)));
        bad |= json_object_set_new(o, "summary_da", summary(&ov, "da"));
        bad |= json_object_set_new(o, "summary_en", summary(&ov, "en"));
    }
    json_decref(counts);
    json_decref(list);
    if (bad) {
        json_decref(o);
        o = NULL;
    }
    return res_json(r, o);
}

/* Report id as the principal sees it now, with its texts. */
static json_t *report_json(struct request *r, int64_t id, int *rc)
{
    struct status_report rep;

    if ((*rc = app_report_get(r->store, r->arena, &r->who, id, &rep, &r->err)))
        return NULL;
    return status_report_json(&rep, report_state_of(&rep, req_today(r)), 1);
}

int api_report(struct request *r)
{
    int64_t id;
    int rc;
    json_t *o;

    if ((rc = mapi_param_id(r, 0, &id)) || !(o = report_json(r, id, &rc)))
        return rc ? rc : res_json(r, NULL);
    return res_json(r, o);
}

int api_report_submit(struct request *r)
{
    static const char *const texts[] = {"scope", "data", "schedule", "funds", "involvement"};
    struct field_errors fe = {0};
    struct status_report rep;
    const char *light = NULL, **field[5];
    json_t *in, *out;
    int64_t id;
    int rc, k;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_report_get(r->store, r->arena, &r->who, id, &rep, &r->err)) ||
        (rc = req_json_object(r, &in)))
        return rc;
    field[0] = &rep.scope, field[1] = &rep.data, field[2] = &rep.schedule;
    field[3] = &rep.funds, field[4] = &rep.involvement;
    /* a submission is whole: what is not sent is empty */
    for (int i = 0; i < 5; i++) {
        *field[i] = "";
        json_get_text(r, in, texts[i], field[i], &fe);
    }
    json_get_text(r, in, "light", &light, &fe);
    json_decref(in);
    rep.light = LIGHT_NONE;
    if (light && !fields_get(&fe, "light")) {
        if ((k = status_light_parse(light)) <= 0)
            fields_add(&fe, "light", N_("is not one of the values allowed here"));
        else
            rep.light = (enum status_light)k;
    }
    if (fe.n) { /* only the group learns what is wrong with a submission */
        struct status_round ro;
        if (rep.group_forum_id &&
            (rc = app_authorize(r->store, &r->who, PERM_FORUM_INTERNAL, rep.group_forum_id,
                                &r->err)))
            return rc;
        /* name every problem at once: the fields the round asks for and those it does not */
        if (plan_report_round(r, &rep, &ro) == 0)
            status_report_check(&rep, ro.fields, &fe);
        kl_error_clear(&r->err);
        return mapi_invalid(r, &fe);
    }
    rc = app_report_submit(r->store, &r->who, &rep, r->now, &fe, &r->err);
    out = rc ? NULL : report_json(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

int api_report_extension(struct request *r)
{
    struct field_errors fe = {0};
    struct status_report rep;
    const char *reason = "";
    int32_t to = DATE_OPEN;
    json_t *in, *out;
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_report_get(r->store, r->arena, &r->who, id, &rep, &r->err)) ||
        (rc = req_json_object(r, &in)))
        return rc;
    if (!json_object_get(in, "extended_to"))
        fields_add(&fe, "extended_to", N_("is required"));
    json_get_date(in, "extended_to", 0, &to, &fe);
    json_get_text(r, in, "reason", &reason, &fe);
    if (fields_get(&fe, "reason"))
        fields_add(&fe, "extension_reason", fields_get(&fe, "reason"));
    json_decref(in);
    if (fe.n) { /* the secretary's right first */
        struct status_round ro;
        if ((rc = plan_report_round(r, &rep, &ro)) ||
            (rc = app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, ro.plan_forum_id,
                                &r->err)))
            return rc;
        return mapi_invalid(r, &fe);
    }
    rc = app_report_extend(r->store, &r->who, id, to, reason, &fe, &r->err);
    out = rc ? NULL : report_json(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

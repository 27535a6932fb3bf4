/* plan_api.c - what the files of the action plans' JSON API share (see plan_api.h). */
#include "web/plan_api.h"

#include "web/format.h"
#include "web/json_in.h"
#include "web/meeting_api.h"
#include "web/request.h"
#include "app/indicator.h"
#include "app/meeting_json.h"
#include "app/plan.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/meeting.h"

#include <string.h>

/* A text field that names one of a few values: parse gives its number or -1. */
static void read_choice(struct request *r, json_t *in, const char *name, int (*parse)(const char *),
                        int *out, struct field_errors *fe)
{
    const char *v = NULL;
    int k;

    json_get_text(r, in, name, &v, fe);
    if (!v || fields_get(fe, name))
        return;
    if ((k = parse(v)) < 0)
        fields_add(fe, name, N_("is not one of the values allowed here"));
    else
        *out = k;
}

void papi_read_bits(json_t *in, const char *name, unsigned (*parse)(const char *),
                    unsigned *bits, int *sent, struct field_errors *fe)
{
    json_t *v = json_object_get(in, name), *e;
    unsigned b = 0;
    size_t i;

    *sent = v != NULL;
    if (!v)
        return;
    if (!json_is_array(v)) {
        fields_add(fe, name, N_("must be a list of names"));
        return;
    }
    json_array_foreach(v, i, e) {
        unsigned one = json_is_string(e) ? parse(json_string_value(e)) : 0;
        if (!one) {
            fields_add(fe, name, N_("names a value that is not allowed here"));
            return;
        }
        b |= one;
    }
    *bits = b;
}

void papi_read_codes(struct request *r, json_t *in, const char ***codes, size_t *n,
                     struct field_errors *fe)
{
    json_t *v = json_object_get(in, "indicators"), *e;
    size_t i;

    *codes = NULL;
    *n = 0;
    if (!v)
        return;
    if (!json_is_array(v)) {
        fields_add(fe, "indicators", N_("must be a list of names"));
        return;
    }
    *codes = arena_calloc(r->arena, json_array_size(v) + 1, sizeof(**codes));
    if (!*codes) {
        fields_add(fe, "indicators", N_("is too long"));
        return;
    }
    json_array_foreach(v, i, e) {
        if (!json_is_string(e) || !json_string_length(e) ||
            strlen(json_string_value(e)) != json_string_length(e)) {
            fields_add(fe, "indicators", N_("must be a list of names"));
            return;
        }
        (*codes)[(*n)++] = arena_strdup(r->arena, json_string_value(e));
    }
}

void papi_read_initiative(struct request *r, json_t *in, struct initiative *it,
                          struct field_errors *fe)
{
    int k, sent = 0;

    json_get_text(r, in, "label", &it->label, fe);
    json_get_text(r, in, "title", &it->title, fe);
    json_get_text(r, in, "description", &it->description, fe);
    papi_read_bits(in, "targets", target_group_parse, &it->targets, &sent, fe);
    json_get_id(in, "group_forum_id", &it->group_forum_id, fe);
    json_get_id(in, "responsible_person_id", &it->responsible_person_id, fe);
    k = (int)it->process;
    read_choice(r, in, "process", initiative_process_parse, &k, fe);
    it->process = (enum initiative_process)k;
    k = (int)it->status;
    read_choice(r, in, "status", initiative_status_parse, &k, fe);
    it->status = (enum initiative_status)k;
    json_get_text(r, in, "status_reason", &it->status_reason, fe);
    json_get_bool(in, "user_involvement", &it->user_involvement, fe);
    json_get_text(r, in, "involvement_how", &it->involvement_how, fe);
    json_get_text(r, in, "data_plan", &it->data_plan, fe);
}

void papi_required_id(json_t *in, const char *name, int64_t *out, struct field_errors *fe)
{
    if (!json_object_get(in, name))
        fields_add(fe, name, N_("is required"));
    json_get_id(in, name, out, fe);
}

json_t *papi_funds(struct request *r, int64_t id, int *rc)
{
    struct funds_year *f;
    size_t n;
    int64_t allocated = 0, spent = 0, left = 0;
    json_t *list;
    int bad = 0;

    if ((*rc = app_funds_list(r->store, r->arena, &r->who, id, 0, &f, &n, &r->err)))
        return NULL;
    list = json_array();
    for (size_t i = 0; list && i < n; i++) {
        bad |= mapi_push(list, funds_year_json(&f[i]));
        allocated += f[i].allocated;
        spent += f[i].spent;
        left += funds_left(&f[i]);
    }
    if (bad || !list) {
        json_decref(list);
        *rc = req_fail(r, KL_ENOMEM, "out of memory");
        return NULL;
    }
    return json_pack("{s:o,s:{s:I,s:I,s:I}}", "funds", list, "totals", "allocated",
                     (json_int_t)allocated, "spent", (json_int_t)spent, "left",
                     (json_int_t)left);
}

/* Adds the details of initiative id to o: indicators, milestones, funds, items, reports. */
static int add_details(struct request *r, int64_t id, json_t *o)
{
    const char **codes;
    struct milestone *m;
    struct agenda_item *items;
    struct status_report *rep;
    size_t nc, nm, ni, nr;
    json_t *ind = json_array(), *ms = json_array(), *it = json_array(), *tl = json_array();
    json_t *funds;
    int32_t today = req_today(r);
    int rc, bad = !ind || !ms || !it || !tl;

    if ((rc = app_initiative_indicators(r->store, r->arena, &r->who, id, &codes, &nc,
                                        &r->err)) ||
        (rc = app_milestone_list(r->store, r->arena, &r->who, id, &m, &nm, &r->err)) ||
        (rc = app_initiative_items(r->store, r->arena, &r->who, id, &items, &ni, &r->err)) ||
        (rc = app_report_timeline(r->store, r->arena, &r->who, id, &rep, &nr, &r->err)) ||
        !(funds = papi_funds(r, id, &rc))) {
        json_decref(ind), json_decref(ms), json_decref(it), json_decref(tl);
        return rc ? rc : req_fail(r, KL_ENOMEM, "out of memory");
    }
    for (size_t i = 0; !bad && i < nc; i++)
        bad |= mapi_push(ind, json_string(codes[i]));
    for (size_t i = 0; !bad && i < nm; i++)
        bad |= mapi_push(ms, milestone_json(&m[i]));
    for (size_t i = 0; !bad && i < ni; i++)
        bad |= mapi_push(it, agenda_item_json(&items[i], 0, *items[i].decision != '\0'));
    for (size_t i = 0; !bad && i < nr; i++)
        bad |= mapi_push(tl, status_report_json(&rep[i], report_state_of(&rep[i], today), 1));
    bad |= json_object_set_new(o, "indicators", ind) | json_object_set_new(o, "milestones", ms) |
           json_object_set_new(o, "items", it) | json_object_set_new(o, "reports", tl) |
           json_object_update(o, funds);
    json_decref(funds);
    return bad ? req_fail(r, KL_ENOMEM, "out of memory") : 0;
}

json_t *papi_initiative(struct request *r, int64_t id, int full, int *rc)
{
    struct initiative in;
    json_t *o;

    if ((*rc = app_initiative_get(r->store, r->arena, &r->who, id, &in, &r->err)))
        return NULL;
    if (!(o = initiative_json(&in))) {
        *rc = req_fail(r, KL_ENOMEM, "out of memory");
        return NULL;
    }
    if (full && (*rc = add_details(r, id, o))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

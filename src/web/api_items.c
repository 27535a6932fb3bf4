/* api_items.c - the JSON API of agenda items: add an item to a meeting's agenda, read one
 * as the principal may see it, change the content fields sent, and record its decision
 * (the minutes of the item). The rooms are a list of room names; the recommendation is a
 * list of lines or one text with a line per "At ...". */
#include "web/handlers_api_meetings.h"
#include "web/json_in.h"
#include "web/json_out.h"
#include "web/meeting_api.h"
#include "web/request.h"
#include "app/meeting_agenda.h"
#include "app/meeting_minutes.h"
#include "app/permission.h"
#include "core/buf.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "model/fields.h"

#include <string.h>

/* Reads "rooms": a list of room names. */
static void read_rooms(json_t *in, unsigned *rooms, struct field_errors *fe)
{
    json_t *v = json_object_get(in, "rooms");
    unsigned set = 0;

    if (!v)
        return;
    if (!json_is_array(v)) {
        fields_add(fe, "rooms", N_("must be a list of rooms"));
        return;
    }
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_t *e = json_array_get(v, i);
        unsigned bit = json_is_string(e) ? room_parse(json_string_value(e)) : 0;
        if (!bit) {
            fields_add(fe, "rooms", N_("names a room that does not exist"));
            return;
        }
        set |= bit;
    }
    *rooms = set;
}

/* Reads "recommendation": one text, or a list of lines joined by '\n'. */
static void read_recommendation(struct request *r, json_t *in, const char **out,
                                struct field_errors *fe)
{
    json_t *v = json_object_get(in, "recommendation");
    struct buf b;

    if (!v || !json_is_array(v)) {
        json_get_text(r, in, "recommendation", out, fe);
        return;
    }
    buf_init(&b, ITEM_RECOMMENDATION_MAX * 2);
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_t *e = json_array_get(v, i);
        if (!json_is_string(e) || strlen(json_string_value(e)) != json_string_length(e)) {
            fields_add(fe, "recommendation", N_("must be text or a list of lines"));
            buf_free(&b);
            return;
        }
        if ((i && buf_putc(&b, '\n')) || buf_append(&b, json_string_value(e),
                                                    json_string_length(e))) {
            fields_add(fe, "recommendation", N_("is too long"));
            buf_free(&b);
            return;
        }
    }
    *out = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    if (!*out)
        fields_add(fe, "recommendation", N_("is too long"));
}

void mapi_read_item(struct request *r, json_t *in, struct agenda_item *it,
                    struct field_errors *fe)
{
    json_get_text(r, in, "title", &it->title, fe);
    read_rooms(in, &it->rooms, fe);
    read_recommendation(r, in, &it->recommendation, fe);
    json_get_text(r, in, "case_text", &it->case_text, fe);
    json_get_text(r, in, "presenter", &it->presenter, fe);
    json_get_bool(in, "written_orientation", &it->written_orientation, fe);
    json_get_bool(in, "closed", &it->closed, fe);
}

/* Item id as the principal sees it now, as JSON; NULL with *rc set when it cannot be read. */
static json_t *reread(struct request *r, int64_t id, int *rc)
{
    struct agenda_entry e;

    *rc = app_item_get(r->store, r->arena, &r->who, id, &e, &r->err);
    return *rc ? NULL : mapi_entry_json(&e);
}

int api_item_create(struct request *r)
{
    struct field_errors fe = {0};
    struct agenda_item it = {0};
    json_t *in, *out;
    int64_t meeting;
    int rc;

    it.title = it.recommendation = it.case_text = it.presenter = "";
    if ((rc = mapi_param_id(r, 0, &meeting)) || (rc = req_json_object(r, &in)))
        return rc;
    mapi_read_item(r, in, &it, &fe);
    json_decref(in);
    rc = app_item_add(r->store, &r->who, meeting, &it, &fe, &r->err);
    out = rc ? NULL : reread(r, it.id, &rc);
    return mapi_saved(r, rc, &fe, 201, out);
}

int api_item(struct request *r)
{
    int64_t id;
    int rc;
    json_t *out;

    if ((rc = mapi_param_id(r, 0, &id)))
        return rc;
    out = reread(r, id, &rc);
    return rc ? rc : res_json(r, out);
}

int api_item_update(struct request *r)
{
    struct field_errors fe = {0};
    struct agenda_entry e;
    json_t *in, *out;
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_item_get(r->store, r->arena, &r->who, id, &e, &r->err)) ||
        (rc = req_json_object(r, &in)))
        return rc;
    mapi_read_item(r, in, &e.item, &fe);
    json_decref(in);
    rc = app_item_update(r->store, &r->who, &e.item, &fe, &r->err);
    out = rc ? NULL : reread(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

int api_item_decision(struct request *r)
{
    struct field_errors fe = {0};
    struct agenda_entry e;
    const char *decision = "", *outcome = NULL;
    enum item_outcome o = OUTCOME_NONE;
    json_t *in, *out;
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    json_get_text(r, in, "decision", &decision, &fe);
    json_get_text(r, in, "outcome", &outcome, &fe);
    json_decref(in);
    if (outcome && *outcome) {
        int k = item_outcome_parse(outcome);
        if (k <= 0)
            fields_add(&fe, "outcome", N_("is not a known outcome"));
        else
            o = (enum item_outcome)k;
    }
    if (fe.n) {
        /* answer 400 only to who may record the decision */
        if ((rc = app_item_get(r->store, r->arena, &r->who, id, &e, &r->err)) ||
            (rc = app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, e.item.forum_id,
                                &r->err)))
            return rc;
        return mapi_invalid(r, &fe);
    }
    rc = app_minutes_record(r->store, &r->who, id, decision, o, r->now, &fe, &r->err);
    out = rc ? NULL : reread(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

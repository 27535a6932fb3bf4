/* api_agenda.c - the JSON API of the agenda's order and of members' proposals: remove an
 * item, move it to another number, propose an item to a forum, list a forum's proposals,
 * pending and declined items, accept a proposal (or a pending item) onto an agenda, and
 * decline one with a reason. Adding and changing items is in api_items.c. */
#include "web/handlers_api_meetings.h"
#include "web/json_in.h"
#include "web/json_out.h"
#include "web/meeting_api.h"
#include "web/request.h"
#include "app/meeting_agenda.h"
#include "app/meeting_json.h"
#include "app/permission.h"
#include "core/i18n.h"
#include "model/fields.h"

#include <string.h>

/* Item id as the principal sees it now, as JSON; NULL with *rc set when it cannot be read. */
static json_t *reread(struct request *r, int64_t id, int *rc)
{
    struct agenda_entry e;

    *rc = app_item_get(r->store, r->arena, &r->who, id, &e, &r->err);
    return *rc ? NULL : mapi_entry_json(&e);
}

/* 0 when who may see item id, else the refusal. */
static int visible(struct request *r, int64_t id)
{
    struct agenda_entry e;

    return app_item_get(r->store, r->arena, &r->who, id, &e, &r->err);
}

/* 0 when who may manage item id's forum (so that a body it may not send is answered 400,
 * not with a hint about the item); else the refusal. */
static int may_manage(struct request *r, int64_t id)
{
    struct agenda_entry e;
    int rc = app_item_get(r->store, r->arena, &r->who, id, &e, &r->err);

    return rc ? rc : app_authorize(r->store, &r->who, PERM_FORUM_MANAGE, e.item.forum_id,
                                   &r->err);
}

int api_item_delete(struct request *r)
{
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_item_delete(r->store, &r->who, id, &r->err)))
        return rc;
    return mapi_deleted(r);
}

int api_item_move(struct request *r)
{
    struct field_errors fe = {0};
    long position = 0;
    json_t *in, *out;
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    if (!json_object_get(in, "position"))
        fields_add(&fe, "position", N_("is required"));
    json_get_int(in, "position", 1, 1000, &position, &fe);
    json_decref(in);
    if (fe.n)
        return (rc = may_manage(r, id)) ? rc : mapi_invalid(r, &fe);
    rc = app_item_move(r->store, &r->who, id, (int)position, &r->err);
    out = rc ? NULL : reread(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

int api_proposal_create(struct request *r)
{
    struct field_errors fe = {0};
    struct agenda_item it = {0};
    json_t *in, *out;
    int64_t forum;
    int rc;

    it.title = it.recommendation = it.case_text = it.presenter = "";
    if ((rc = mapi_param_id(r, 0, &forum)) || (rc = req_json_object(r, &in)))
        return rc;
    mapi_read_item(r, in, &it, &fe);
    json_decref(in);
    rc = app_item_propose(r->store, &r->who, forum, &it, &fe, &r->err);
    out = rc ? NULL : reread(r, it.id, &rc);
    return mapi_saved(r, rc, &fe, 201, out);
}

int api_forum_items(struct request *r)
{
    static const char *const states[] = {"agenda", "pending", "proposed", "declined", NULL};
    struct field_errors fe = {0};
    struct agenda_item *it;
    int64_t forum;
    size_t n;
    json_t *list;
    int rc, state, bad = 0;

    if ((rc = mapi_param_id(r, 0, &forum)))
        return rc;
    mapi_query_choice(r, "state", states, &state, &fe);
    if (state == ITEM_AGENDA)
        fields_add(&fe, "state", N_("must be proposed, pending or declined"));
    if (fe.n)
        return mapi_invalid(r, &fe);
    if ((rc = app_forum_items(r->store, r->arena, &r->who, forum,
                              state < 0 ? ITEM_PROPOSED : (enum item_state)state, &it, &n,
                              &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= mapi_push(list, agenda_item_json(&it[i], 1, 0));
    return mapi_send_list(r, "items", list, bad);
}

int api_item_accept(struct request *r)
{
    struct field_errors fe = {0};
    int64_t id, meeting = 0;
    json_t *in, *out;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    if (!json_object_get(in, "meeting_id"))
        fields_add(&fe, "meeting_id", N_("is required"));
    json_get_id(in, "meeting_id", &meeting, &fe);
    json_decref(in);
    if (fe.n)
        return (rc = may_manage(r, id)) ? rc : mapi_invalid(r, &fe);
    if ((rc = visible(r, id)))
        return rc;
    rc = app_proposal_accept(r->store, &r->who, id, meeting, &r->err);
    if (rc == KL_ENOTFOUND || (rc == KL_EINVAL && !fe.n)) {
        /* the item was found above: the meeting is the problem */
        fields_add(&fe, "meeting_id", N_("is not a meeting of the item's forum"));
        return mapi_invalid(r, &fe);
    }
    out = rc ? NULL : reread(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

int api_item_decline(struct request *r)
{
    struct field_errors fe = {0};
    const char *reason = "";
    json_t *in, *out;
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    json_get_text(r, in, "reason", &reason, &fe);
    json_decref(in);
    if (fe.n)
        return (rc = may_manage(r, id)) ? rc : mapi_invalid(r, &fe);
    rc = app_proposal_decline(r->store, &r->who, id, reason, &fe, &r->err);
    out = rc ? NULL : reread(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

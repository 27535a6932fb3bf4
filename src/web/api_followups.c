/* api_followups.c - the JSON API of follow-ups and referrals: a forum's follow-ups or a
 * person's own, a follow-up of a decision (optionally bringing the matter back to the
 * forum's next agenda), a forum's referral inbox, outbox and "items for the next level",
 * handing an item to another forum, and the receiving forum's answer. */
#include "web/handlers_api_meetings.h"
#include "web/json_in.h"
#include "web/json_out.h"
#include "web/meeting_api.h"
#include "web/request.h"
#include "app/meeting_followup.h"
#include "app/meeting_json.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"

#include <string.h>

static const char *const followup_statuses[] = {"open", "done", "cancelled", NULL};
static const char *const referral_statuses[] = {"open", "answered", "withdrawn", NULL};

int api_followups(struct request *r)
{
    struct field_errors fe = {0};
    struct followup *f;
    int64_t forum = 0, person = 0;
    size_t n;
    json_t *list;
    int rc, status, bad = 0;

    mapi_query_id(r, "forum", &forum, &fe);
    mapi_query_id(r, "person", &person, &fe);
    mapi_query_choice(r, "status", followup_statuses, &status, &fe);
    if (fe.n)
        return mapi_invalid(r, &fe);
    if (forum)
        rc = app_followup_list_forum(r->store, r->arena, &r->who, forum,
                                     status == FOLLOWUP_OPEN, &f, &n, &r->err);
    else
        rc = app_followup_list_owned(r->store, r->arena, &r->who, person,
                                     status == FOLLOWUP_OPEN, &f, &n, &r->err);
    if (rc)
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        if ((status < 0 || (int)f[i].status == status) &&
            (!forum || !person || f[i].owner_person_id == person))
            bad |= mapi_push(list, followup_json(&f[i]));
    return mapi_send_list(r, "followups", list, bad);
}

int api_followup_create(struct request *r)
{
    struct field_errors fe = {0};
    struct followup f = {0}, stored;
    json_t *in, *out = NULL;
    int rc;

    f.what = "";
    f.due_on = DATE_OPEN;
    if ((rc = req_json_object(r, &in)))
        return rc;
    if (!json_object_get(in, "item_id"))
        fields_add(&fe, "item_id", N_("is required"));
    json_get_id(in, "item_id", &f.item_id, &fe);
    json_get_text(r, in, "what", &f.what, &fe);
    json_get_id(in, "owner_person_id", &f.owner_person_id, &fe);
    json_get_id(in, "owner_organisation_id", &f.owner_organisation_id, &fe);
    json_get_id(in, "owner_forum_id", &f.owner_forum_id, &fe);
    json_get_date(in, "due_on", 1, &f.due_on, &fe);
    json_get_bool(in, "bring_back", &f.bring_back, &fe);
    json_decref(in);
    rc = app_followup_add(r->store, &r->who, &f, r->now, &fe, &r->err);
    if (rc == 0 && (rc = app_followup_get(r->store, r->arena, &r->who, f.id, &stored,
                                          &r->err)) == 0)
        out = followup_json(&stored);
    return mapi_saved(r, rc, &fe, 201, out);
}

int api_referrals(struct request *r)
{
    static const char *const boxes[] = {"inbox", "outbox", "next_level", NULL};
    struct field_errors fe = {0};
    struct referral *ref;
    int64_t forum = 0;
    size_t n;
    json_t *list;
    int rc, box, status, bad = 0;

    mapi_query_id(r, "forum", &forum, &fe);
    if (!forum && !fields_get(&fe, "forum"))
        fields_add(&fe, "forum", N_("is required"));
    mapi_query_choice(r, "box", boxes, &box, &fe);
    mapi_query_choice(r, "status", referral_statuses, &status, &fe);
    if (fe.n)
        return mapi_invalid(r, &fe);
    if (box == 2)
        rc = app_referral_next_level(r->store, r->arena, &r->who, forum, &ref, &n, &r->err);
    else if (box == 1)
        rc = app_referral_outbox(r->store, r->arena, &r->who, forum, status == REFERRAL_OPEN,
                                 &ref, &n, &r->err);
    else
        rc = app_referral_inbox(r->store, r->arena, &r->who, forum, status == REFERRAL_OPEN,
                                &ref, &n, &r->err);
    if (rc)
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        if (status < 0 || (int)ref[i].status == status)
            bad |= mapi_push(list, referral_json(&ref[i]));
    return mapi_send_list(r, "referrals", list, bad);
}

/* The referral id as the principal sees it now, as JSON; NULL with *rc set on failure. */
static json_t *reread(struct request *r, int64_t id, int *rc)
{
    struct referral ref;

    *rc = app_referral_get(r->store, r->arena, &r->who, id, &ref, &r->err);
    return *rc ? NULL : referral_json(&ref);
}

int api_referral_create(struct request *r)
{
    struct field_errors fe = {0};
    struct referral ref = {0};
    json_t *in, *out;
    int rc;

    ref.note = "";
    ref.answer_by = DATE_OPEN;
    if ((rc = req_json_object(r, &in)))
        return rc;
    json_get_id(in, "item_id", &ref.item_id, &fe);
    json_get_id(in, "to_forum_id", &ref.to_forum_id, &fe);
    json_get_text(r, in, "note", &ref.note, &fe);
    json_get_date(in, "answer_by", 1, &ref.answer_by, &fe);
    json_decref(in);
    if (!ref.item_id && !fields_get(&fe, "item_id")) {
        /* nothing to hand over: no forum to ask about rights either */
        fields_add(&fe, "item_id", N_("is required"));
        return mapi_invalid(r, &fe);
    }
    rc = app_referral_create(r->store, &r->who, &ref, &fe, &r->err);
    if (rc == KL_ENOTFOUND) {
        fields_add(&fe, "item_id", N_("is not an agenda item"));
        return mapi_invalid(r, &fe);
    }
    out = rc ? NULL : reread(r, ref.id, &rc);
    return mapi_saved(r, rc, &fe, 201, out);
}

int api_referral_answer(struct request *r)
{
    struct field_errors fe = {0};
    const char *answer = "";
    json_t *in, *out;
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    json_get_text(r, in, "answer", &answer, &fe);
    json_decref(in);
    rc = app_referral_answer(r->store, &r->who, id, answer, r->now, &fe, &r->err);
    out = rc ? NULL : reread(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

/* api_followup_changes.c - the JSON API of what happens to a follow-up or a referral after
 * it was made: change a follow-up's what, owner and due day, set its status, bring its
 * matter back to the forum's next agenda; the receiving forum takes a referral onto one of
 * its agendas, the sending forum withdraws it with a reason. Listing and creating are in
 * api_followups.c. */
#include "web/handlers_api_meetings.h"
#include "web/json_in.h"
#include "web/json_out.h"
#include "web/meeting_api.h"
#include "web/request.h"
#include "app/meeting_agenda.h"
#include "app/meeting_followup.h"
#include "app/meeting_json.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"

#include <string.h>

/* Follow-up id as the principal sees it now; NULL with *rc set when it cannot be read. */
static json_t *reread_followup(struct request *r, int64_t id, int *rc)
{
    struct followup f;

    *rc = app_followup_get(r->store, r->arena, &r->who, id, &f, &r->err);
    return *rc ? NULL : followup_json(&f);
}

/* Referral id as the principal sees it now; NULL with *rc set when it cannot be read. */
static json_t *reread_referral(struct request *r, int64_t id, int *rc)
{
    struct referral ref;

    *rc = app_referral_get(r->store, r->arena, &r->who, id, &ref, &r->err);
    return *rc ? NULL : referral_json(&ref);
}

/* Item id (new) as the principal sees it; NULL with *rc set when it cannot be read. */
static json_t *reread_item(struct request *r, int64_t id, int *rc)
{
    struct agenda_entry e;

    *rc = app_item_get(r->store, r->arena, &r->who, id, &e, &r->err);
    return *rc ? NULL : mapi_entry_json(&e);
}

int api_followup_update(struct request *r)
{
    static const char *const owners[] = {"owner_person_id", "owner_organisation_id",
                                         "owner_forum_id", NULL};
    struct field_errors fe = {0};
    struct followup f;
    json_t *in, *out;
    int64_t id;
    int rc, owner_sent = 0;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_followup_get(r->store, r->arena, &r->who, id, &f, &r->err)) ||
        (rc = req_json_object(r, &in)))
        return rc;
    json_get_text(r, in, "what", &f.what, &fe);
    for (int i = 0; owners[i]; i++)
        owner_sent |= json_object_get(in, owners[i]) != NULL;
    if (owner_sent) {
        /* one owner: the one sent replaces the stored one */
        f.owner_person_id = f.owner_organisation_id = f.owner_forum_id = 0;
        json_get_id(in, "owner_person_id", &f.owner_person_id, &fe);
        json_get_id(in, "owner_organisation_id", &f.owner_organisation_id, &fe);
        json_get_id(in, "owner_forum_id", &f.owner_forum_id, &fe);
    }
    json_get_date(in, "due_on", 1, &f.due_on, &fe);
    json_decref(in);
    rc = app_followup_update(r->store, &r->who, &f, &fe, &r->err);
    out = rc ? NULL : reread_followup(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

int api_followup_status(struct request *r)
{
    struct field_errors fe = {0};
    const char *status = NULL;
    int64_t id;
    json_t *in, *out;
    int rc, k = -1;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    json_get_text(r, in, "status", &status, &fe);
    json_decref(in);
    if (status)
        k = followup_status_parse(status);
    if (k < 0 && !fields_get(&fe, "status"))
        fields_add(&fe, "status", status ? N_("is not one of the values allowed here")
                                         : N_("is required"));
    if (fe.n) {
        /* answer 400 only to who may see the follow-up */
        json_decref(reread_followup(r, id, &rc));
        return rc ? rc : mapi_invalid(r, &fe);
    }
    rc = app_followup_set_status(r->store, &r->who, id, (enum followup_status)k, r->now,
                                 &r->err);
    out = rc ? NULL : reread_followup(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

int api_followup_bring_back(struct request *r)
{
    struct field_errors fe = {0};
    int64_t id, item = 0;
    json_t *out;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_followup_bring_back(r->store, &r->who, id, &item, &r->err)))
        return rc;
    out = reread_item(r, item, &rc);
    return mapi_saved(r, rc, &fe, 201, out);
}

/* Reads the required id field name of in. */
static void read_required_id(json_t *in, const char *name, int64_t *out,
                             struct field_errors *fe)
{
    if (!json_object_get(in, name))
        fields_add(fe, name, N_("is required"));
    json_get_id(in, name, out, fe);
}

int api_referral_take_up(struct request *r)
{
    struct field_errors fe = {0};
    int64_t id, meeting = 0, item = 0;
    json_t *in, *out;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) || (rc = req_json_object(r, &in)))
        return rc;
    read_required_id(in, "meeting_id", &meeting, &fe);
    json_decref(in);
    /* who may not see the referral learns nothing of it */
    json_decref(reread_referral(r, id, &rc));
    if (rc)
        return rc;
    /* with a bad meeting_id the use case still decides the right first: meeting 0 is none */
    rc = app_referral_take_up(r->store, &r->who, id, fe.n ? 0 : meeting, &item, &r->err);
    if (rc == KL_ENOTFOUND || rc == KL_EINVAL) {
        if (!fe.n)
            fields_add(&fe, "meeting_id", N_("is not a meeting of the receiving forum"));
        return mapi_invalid(r, &fe);
    }
    out = rc ? NULL : reread_item(r, item, &rc);
    return mapi_saved(r, rc, &fe, 201, out);
}

int api_referral_withdraw(struct request *r)
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
    rc = app_referral_withdraw(r->store, &r->who, id, reason, &fe, &r->err);
    out = rc ? NULL : reread_referral(r, id, &rc);
    return mapi_saved(r, rc, &fe, 200, out);
}

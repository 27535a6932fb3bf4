/* api_directory.c - the JSON API of the organisation under /api/v1/: organisations, people,
 * forums and memberships; list, get, create (POST) and update (PUT, changing only the fields
 * sent). Invalid fields give 400 with every field named. Contact details of people are shown
 * to signed-in users only (the routes for people need sign-in). */
#include "web/errors.h"
#include "web/handlers.h"
#include "web/json_in.h"
#include "web/json_out.h"
#include "web/request.h"
#include "app/model_json.h"
#include "app/organisation.h"
#include "core/arena.h"
#include "model/fields.h"
#include "model/meeting.h"
#include "model/org.h"

#include <string.h>

/* Appends item to list; a NULL item marks the list failed. */
static int push(json_t *list, json_t *item)
{
    return item ? json_array_append_new(list, item) : -1;
}

/* Wraps list as {"key": list}; releases list on failure. */
static int send_list(struct request *r, const char *key, json_t *list, int bad)
{
    if (bad || !list) {
        json_decref(list);
        return res_json(r, NULL);
    }
    return res_json(r, json_pack("{s:o}", key, list));
}

/* The outcome of a save: 201/200 with the record, the field errors, or the failure. */
static int saved(struct request *r, int rc, const struct field_errors *fe, int created,
                 json_t *record)
{
    if (rc == KL_EINVAL && fe->n) {
        json_decref(record);
        web_error_fields(r, fe);
        return 0;
    }
    if (rc) {
        json_decref(record);
        return rc;
    }
    r->res.status = created ? 201 : 200;
    return res_json(r, record);
}

static int param_id(struct request *r, int64_t *id)
{
    long v;
    int rc = req_param_int(r, 0, 1, 2147483647L, &v);
    *id = v;
    return rc;
}

/* Organisations. */

int api_organisations(struct request *r)
{
    struct organisation *o;
    size_t n;
    json_t *list;
    int rc = app_org_list(r->store, r->arena, &o, &n, &r->err), bad = 0;

    if (rc)
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= push(list, organisation_json(&o[i]));
    return send_list(r, "organisations", list, bad);
}

int api_organisation(struct request *r)
{
    struct organisation o;
    int64_t id;
    int rc;

    if ((rc = param_id(r, &id)) || (rc = app_org_get(r->store, r->arena, id, &o, &r->err)))
        return rc;
    return res_json(r, organisation_json(&o));
}

static void read_org(struct request *r, json_t *in, struct organisation *o,
                     struct field_errors *fe)
{
    const char *kind = NULL;
    long region = o->region_code, municipality = o->municipality_code;

    json_get_text(r, in, "name", &o->name, fe);
    json_get_text(r, in, "kind", &kind, fe);
    if (kind) {
        int k = org_kind_parse(kind);
        if (k < 0)
            fields_add(fe, "kind", N_("is not a known kind of organisation"));
        o->kind = k < 0 ? ORG_OTHER : (enum org_kind)k;
    }
    if (json_is_null(json_object_get(in, "region_code")))
        region = 0;
    else
        json_get_int(in, "region_code", 1081, 1085, &region, fe);
    if (json_is_null(json_object_get(in, "municipality_code")))
        municipality = 0;
    else
        json_get_int(in, "municipality_code", 101, 999, &municipality, fe);
    o->region_code = (int)region;
    o->municipality_code = (int)municipality;
}

static int save_org(struct request *r, int64_t id)
{
    struct field_errors fe = {0};
    struct organisation o = {0, NULL, ORG_OTHER, 0, 0};
    json_t *in;
    int rc;

    if (id && (rc = app_org_get(r->store, r->arena, id, &o, &r->err)))
        return rc;
    if ((rc = req_json_object(r, &in)))
        return rc;
    if (!id && !json_object_get(in, "kind"))
        fields_add(&fe, "kind", N_("is required"));
    read_org(r, in, &o, &fe);
    json_decref(in);
    rc = app_org_save(r->store, &r->who, &o, &fe, &r->err);
    return saved(r, rc, &fe, !id, rc ? NULL : organisation_json(&o));
}

int api_organisation_create(struct request *r)
{
    return save_org(r, 0);
}

int api_organisation_update(struct request *r)
{
    int64_t id;
    int rc = param_id(r, &id);
    return rc ? rc : save_org(r, id);
}

/* People. */

int api_people(struct request *r)
{
    struct person *p;
    size_t n;
    json_t *list;
    int rc = app_person_list(r->store, r->arena, &p, &n, &r->err), bad = 0;

    if (rc)
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= push(list, person_json(&p[i], 1));
    return send_list(r, "people", list, bad);
}

int api_person(struct request *r)
{
    struct person p;
    int64_t id;
    int rc;

    if ((rc = param_id(r, &id)) || (rc = app_person_get(r->store, r->arena, id, &p, &r->err)))
        return rc;
    return res_json(r, person_json(&p, 1));
}

static int save_person(struct request *r, int64_t id)
{
    struct field_errors fe = {0};
    struct person p = {0};
    json_t *in;
    int rc;

    p.title = p.email = p.phone = p.login = "";
    if (id && (rc = app_person_get(r->store, r->arena, id, &p, &r->err)))
        return rc;
    if ((rc = req_json_object(r, &in)))
        return rc;
    json_get_text(r, in, "name", &p.name, &fe);
    json_get_text(r, in, "title", &p.title, &fe);
    json_get_text(r, in, "email", &p.email, &fe);
    json_get_text(r, in, "phone", &p.phone, &fe);
    json_get_text(r, in, "login", &p.login, &fe);
    json_get_id(in, "organisation_id", &p.organisation_id, &fe);
    json_decref(in);
    rc = app_person_save(r->store, &r->who, &p, &fe, &r->err);
    if (rc == 0 && (rc = app_person_get(r->store, r->arena, p.id, &p, &r->err)))
        return rc;
    return saved(r, rc, &fe, !id, rc ? NULL : person_json(&p, 1));
}

int api_person_create(struct request *r)
{
    return save_person(r, 0);
}

int api_person_update(struct request *r)
{
    int64_t id;
    int rc = param_id(r, &id);
    return rc ? rc : save_person(r, id);
}

/* Forums. */

int api_forums(struct request *r)
{
    const char *cluster = req_query(r, "cluster");
    struct forum *f;
    size_t n;
    json_t *list;
    int rc, bad = 0;

    if (cluster && *cluster && !cluster_code_valid(cluster))
        return req_fail(r, KL_EINVAL, "%s", T_(r, "The parameter 'cluster' is not a cluster code."));
    rc = app_forum_list(r->store, r->arena, &r->who, cluster && *cluster ? cluster : NULL, &f, &n,
                        &r->err);
    if (rc)
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= push(list, forum_json(&f[i], 0));
    return send_list(r, "forums", list, bad);
}

int api_forum(struct request *r)
{
    struct forum f;
    int64_t id;
    int rc;

    if ((rc = param_id(r, &id)) || (rc = app_forum_get(r->store, r->arena, id, &f, &r->err)))
        return rc;
    return res_json(r, forum_json(&f, 1));
}

/* Reads the forum fields of in into f. */
static void read_forum(struct request *r, json_t *in, struct forum *f, struct field_errors *fe)
{
    json_t *m = json_object_get(in, "mandate"), *list;
    const char *kind = NULL;
    long region = f->region_code, v;

    json_get_text(r, in, "name", &f->name, fe);
    json_get_text(r, in, "kind", &kind, fe);
    if (kind) {
        int k = forum_kind_parse(kind);
        if (k < 0)
            fields_add(fe, "kind", N_("is not a known kind of forum"));
        f->kind = k < 0 ? FORUM_STANDING : (enum forum_kind)k;
    }
    json_get_bool(in, "is_public", &f->is_public, fe);
    json_get_id(in, "reports_to", &f->reports_to, fe);
    if (json_is_null(json_object_get(in, "region_code")))
        region = 0;
    else
        json_get_int(in, "region_code", 1081, 1085, &region, fe);
    f->region_code = (int)region;
    json_get_text(r, in, "task", &f->task, fe);
    json_get_date(in, "ends_on", 1, &f->ends_on, fe);
    if ((list = json_object_get(in, "clusters"))) {
        if (!json_is_array(list) || json_array_size(list) > FORUM_MAX_CLUSTERS) {
            fields_add(fe, "clusters", N_("must be a list of at most 16 cluster codes"));
        } else {
            f->nclusters = 0;
            for (size_t i = 0; i < json_array_size(list); i++) {
                json_t *c = json_array_get(list, i);
                if (!json_is_string(c))
                    fields_add(fe, "clusters", N_("must be a list of at most 16 cluster codes"));
                else
                    f->clusters[f->nclusters++] = arena_strdup(r->arena, json_string_value(c));
            }
        }
    }
    if (!m)
        return;
    if (!json_is_object(m)) {
        fields_add(fe, "mandate", N_("must be an object"));
        return;
    }
    json_get_text(r, m, "text", &f->mandate.text, fe);
    v = f->mandate.publish_days;
    json_get_int(m, "publish_days", 0, 90, &v, fe);
    f->mandate.publish_days = (int)v;
    v = f->mandate.min_meetings;
    json_get_int(m, "min_meetings", 0, 52, &v, fe);
    f->mandate.min_meetings = (int)v;
    v = f->mandate.premeeting_days;
    if (json_is_null(json_object_get(m, "premeeting_days")))
        v = -1;
    else
        json_get_int(m, "premeeting_days", 0, 60, &v, fe);
    f->mandate.premeeting_days = (int)v;
    json_get_text(r, m, "chair_arrangement", &f->mandate.chair_arrangement, fe);
    json_get_text(r, m, "secretariat", &f->mandate.secretariat, fe);
    v = f->mandate.rotation_years;
    json_get_int(m, "rotation_years", 0, 10, &v, fe);
    f->mandate.rotation_years = (int)v;
    json_get_date(m, "rotation_start", 0, &f->mandate.rotation_start, fe);
    json_get_bool(m, "all_municipalities", &f->mandate.all_municipalities, fe);
    if ((list = json_object_get(m, "standard_items"))) {
        size_t i;
        json_t *v2;
        unsigned keep = 0;
        if (!json_is_array(list))
            fields_add(fe, "standard_items", N_("must be a list of standard item names"));
        json_array_foreach(list, i, v2) {
            int k = json_is_string(v2) ? item_standard_parse(json_string_value(v2)) : -1;
            if (k <= STANDARD_NONE)
                fields_add(fe, "standard_items", N_("names a standard item that does not exist"));
            else
                keep |= 1u << k;
        }
        if (json_is_array(list))
            f->mandate.omit_standard = MANDATE_STANDARD_ALL & ~keep;
    }
    if ((list = json_object_get(m, "rotation_orgs"))) {
        if (!json_is_array(list) || json_array_size(list) > FORUM_MAX_ROTATION) {
            fields_add(fe, "rotation_orgs", N_("must be a list of at most 16 organisation ids"));
        } else {
            f->nrotation = 0;
            for (size_t i = 0; i < json_array_size(list); i++) {
                json_t *o = json_array_get(list, i);
                if (!json_is_integer(o) || json_integer_value(o) <= 0)
                    fields_add(fe, "rotation_orgs", N_("must be a list of organisation ids"));
                else
                    f->rotation_orgs[f->nrotation++] = json_integer_value(o);
            }
        }
    }
}

static int save_forum(struct request *r, int64_t id)
{
    struct field_errors fe = {0};
    struct forum f = {0};
    json_t *in;
    int rc;

    f.task = "";
    f.ends_on = DATE_OPEN;
    f.kind = FORUM_STANDING;
    mandate_defaults(&f.mandate);
    if (id && (rc = app_forum_get(r->store, r->arena, id, &f, &r->err)))
        return rc;
    if ((rc = req_json_object(r, &in)))
        return rc;
    if (!id && !json_object_get(in, "kind"))
        fields_add(&fe, "kind", N_("is required"));
    read_forum(r, in, &f, &fe);
    json_decref(in);
    rc = app_forum_save(r->store, &r->who, &f, &fe, &r->err);
    if (rc == 0 && (rc = app_forum_get(r->store, r->arena, f.id, &f, &r->err)))
        return rc;
    return saved(r, rc, &fe, !id, rc ? NULL : forum_json(&f, 1));
}

int api_forum_create(struct request *r)
{
    return save_forum(r, 0);
}

int api_forum_update(struct request *r)
{
    int64_t id;
    int rc = param_id(r, &id);
    return rc ? rc : save_forum(r, id);
}

/* Memberships. */

int api_memberships(struct request *r)
{
    struct membership *m;
    long forum = 0, person = 0;
    size_t n;
    json_t *list;
    int rc, bad = 0;

    if ((rc = req_query_int(r, "forum", 1, 2147483647L, &forum)) ||
        (rc = req_query_int(r, "person", 1, 2147483647L, &person)) ||
        (rc = app_membership_list(r->store, r->arena, forum, person, &m, &n, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++)
        bad |= push(list, membership_json(&m[i]));
    return send_list(r, "memberships", list, bad);
}

int api_membership(struct request *r)
{
    struct membership m;
    int64_t id;
    int rc;

    if ((rc = param_id(r, &id)) ||
        (rc = app_membership_get(r->store, r->arena, id, &m, &r->err)))
        return rc;
    return res_json(r, membership_json(&m));
}

static int save_membership(struct request *r, int64_t id)
{
    struct field_errors fe = {0};
    struct membership m = {0};
    const char *role = NULL;
    json_t *in;
    int rc;

    m.role = MEMBER_MEMBER;
    m.ends_on = DATE_OPEN;
    if (id && (rc = app_membership_get(r->store, r->arena, id, &m, &r->err)))
        return rc;
    if ((rc = req_json_object(r, &in)))
        return rc;
    json_get_id(in, "person_id", &m.person_id, &fe);
    json_get_id(in, "forum_id", &m.forum_id, &fe);
    json_get_text(r, in, "role", &role, &fe);
    if (role) {
        int k = member_role_parse(role);
        if (k < 0)
            fields_add(&fe, "role", N_("is not a known role"));
        m.role = k < 0 ? MEMBER_MEMBER : (enum member_role)k;
    }
    json_get_id(in, "organisation_id", &m.organisation_id, &fe);
    json_get_id(in, "substitute_for", &m.substitute_for, &fe);
    if (!id && !json_object_get(in, "starts_on"))
        fields_add(&fe, "starts_on", N_("is required"));
    json_get_date(in, "starts_on", 0, &m.starts_on, &fe);
    json_get_date(in, "ends_on", 1, &m.ends_on, &fe);
    json_decref(in);
    rc = app_membership_save(r->store, &r->who, &m, &fe, &r->err);
    return saved(r, rc, &fe, !id, rc ? NULL : membership_json(&m));
}

int api_membership_create(struct request *r)
{
    return save_membership(r, 0);
}

int api_membership_update(struct request *r)
{
    int64_t id;
    int rc = param_id(r, &id);
    return rc ? rc : save_membership(r, id);
}

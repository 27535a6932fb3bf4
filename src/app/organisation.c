/* organisation.c - use cases of organisations, people, forums and memberships, each change
 * checked, authorised and audited (see organisation.h). */
#include "app/organisation.h"
#include "app/audit.h"
#include "app/model_json.h"
#include "app/org.h"
#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/account.h"
#include "store/people.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

/* Commits when rc is 0, else rolls back; returns the outcome. */
static int finish(struct store *st, int rc, struct kl_error *err)
{
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

static int invalid(struct field_errors *fe, struct kl_error *err)
{
    return kl_error_set(err, KL_EINVAL, "%zu field%s not valid: %s %s", fe->n,
                        fe->n == 1 ? " is" : "s are", fe->field[0], fe->msg[0]);
}

/* Audits a change of entity id with before (may be NULL) and after, in the open transaction. */
static int audit(struct store *st, const struct principal *who, const char *entity, int64_t id,
                 int64_t forum_id, json_t *before, json_t *after, struct kl_error *err)
{
    char idtext[24];
    int rc;

    snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
    rc = app_audit_record(st, who, entity, idtext, before ? "update" : "create", forum_id,
                          before, after, err);
    json_decref(before);
    json_decref(after);
    return rc;
}

/* Organisations. */

int app_org_list(struct store *st, struct arena *a, struct organisation **out, size_t *n,
                 struct kl_error *err)
{
    return store_org_list(st, a, out, n, err);
}

int app_org_get(struct store *st, struct arena *a, int64_t id, struct organisation *out,
                struct kl_error *err)
{
    return store_org_get(st, a, id, out, err);
}

int app_org_save(struct store *st, const struct principal *who, struct organisation *o,
                 struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct organisation old;
    struct municipality_detail md;
    json_t *before = NULL;
    int rc;

    if ((rc = app_authorize(st, who, PERM_DIRECTORY_EDIT, 0, err)))
        return rc;
    if (organisation_check(o, fe))
        return invalid(fe, err);
    if (!(a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    if (o->municipality_code &&
        app_municipality_get(st, a, o->municipality_code, &md, err) == KL_ENOTFOUND)
        fields_add(fe, "municipality_code", N_("is not a municipality code"));
    if (!fe->n && (rc = store_begin(st, err)) == 0) {
        if (o->id) {
            rc = store_org_get(st, a, o->id, &old, err);
            if (rc == 0 && !(before = organisation_json(&old)))
                rc = kl_error_set(err, KL_ENOMEM, "out of memory");
            if (rc == 0)
                rc = store_org_update(st, o, err);
        } else {
            rc = store_org_insert(st, o, &o->id, err);
        }
        if (rc == KL_ECONFLICT)
            fields_add(fe, "name", N_("is taken by another organisation"));
        if (rc == 0)
            rc = audit(st, who, "organisation", o->id, 0, before, organisation_json(o), err);
        else
            json_decref(before);
        rc = finish(st, rc, err);
    }
    arena_free(a);
    return fe->n ? invalid(fe, err) : rc;
}

/* People. */

int app_person_list(struct store *st, struct arena *a, struct person **out, size_t *n,
                    struct kl_error *err)
{
    return store_person_list(st, a, out, n, err);
}

int app_person_get(struct store *st, struct arena *a, int64_t id, struct person *out,
                   struct kl_error *err)
{
    return store_person_get(st, a, id, out, err);
}

int app_person_save(struct store *st, const struct principal *who, struct person *p,
                    struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct organisation org;
    struct person old;
    struct user u;
    json_t *before = NULL;
    int rc;

    if ((rc = app_authorize(st, who, PERM_DIRECTORY_EDIT, 0, err)))
        return rc;
    if (!(a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    person_check(p, fe);
    if (p->organisation_id && store_org_get(st, a, p->organisation_id, &org, err))
        fields_add(fe, "organisation_id", N_("is not an organisation"));
    p->user_id = 0;
    if (p->login && *p->login) {
        if (store_user_by_login(st, a, p->login, &u, NULL, err))
            fields_add(fe, "login", N_("is not the login of an account"));
        else
            p->user_id = u.id;
    }
    if (!fe->n && (rc = store_begin(st, err)) == 0) {
        if (p->id) {
            rc = store_person_get(st, a, p->id, &old, err);
            if (rc == 0 && !(before = person_json(&old, 1)))
                rc = kl_error_set(err, KL_ENOMEM, "out of memory");
            if (rc == 0)
                rc = store_person_update(st, p, err);
        } else {
            rc = store_person_insert(st, p, &p->id, err);
        }
        if (rc == KL_ECONFLICT)
            fields_add(fe, "login", N_("is already linked to another person"));
        if (rc == 0)
            rc = audit(st, who, "person", p->id, 0, before, person_json(p, 1), err);
        else
            json_decref(before);
        rc = finish(st, rc, err);
    }
    arena_free(a);
    return fe->n ? invalid(fe, err) : rc;
}

/* Forums. */

int app_forum_list(struct store *st, struct arena *a, const struct principal *who,
                   const char *cluster_code, struct forum **out, size_t *n,
                   struct kl_error *err)
{
    struct forum *all;
    size_t nall, kept = 0;
    int rc = store_forum_list(st, a, cluster_code, &all, &nall, err);

    if (rc)
        return rc;
    for (size_t i = 0; i < nall; i++) {
        struct kl_error ignored;
        rc = app_authorize(st, who, PERM_FORUM_PUBLISHED, all[i].id, &ignored);
        if (rc == 0)
            all[kept++] = all[i];
        else if (rc != KL_EPERM)
            return kl_error_set(err, rc, "%s", ignored.msg);
    }
    *out = all;
    *n = kept;
    return 0;
}

int app_forum_structure(struct store *st, struct arena *a, const char *cluster_code,
                        struct forum **out, size_t *n, struct kl_error *err)
{
    return store_forum_list(st, a, cluster_code, out, n, err);
}

int app_forum_get(struct store *st, struct arena *a, int64_t id, struct forum *out,
                  struct kl_error *err)
{
    return store_forum_get(st, a, id, out, err);
}

/* Checks the references of f: the forum it reports to, its clusters, the rotation's
 * organisations. */
static void check_forum_refs(struct store *st, struct arena *a, const struct forum *f,
                             struct field_errors *fe)
{
    struct cluster_detail cd;
    struct organisation o;
    struct kl_error err;
    int is_public;

    if (f->reports_to && store_forum_visibility(st, f->reports_to, &is_public, &err))
        fields_add(fe, "reports_to", N_("is not a forum"));
    for (size_t i = 0; i < f->nclusters; i++)
        if (cluster_code_valid(f->clusters[i]) &&
            app_cluster_get(st, a, f->clusters[i], &cd, &err))
            fields_add(fe, "clusters", N_("names a cluster that does not exist"));
    for (size_t i = 0; i < f->nrotation; i++)
        if (store_org_get(st, a, f->rotation_orgs[i], &o, &err))
            fields_add(fe, "rotation_orgs", N_("names an organisation that does not exist"));
}

/* A forum may not report to itself through a chain. */
static int reporting_cycle(struct store *st, struct arena *a, const struct forum *f)
{
    int64_t at = f->reports_to;
    struct forum up;
    struct kl_error err;

    for (int hops = 0; at && hops < 64; hops++) {
        if (at == f->id)
            return 1;
        if (store_forum_get(st, a, at, &up, &err))
            return 0;
        at = up.reports_to;
    }
    return at != 0;
}

int app_forum_save(struct store *st, const struct principal *who, struct forum *f,
                   struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct forum old;
    json_t *before = NULL;
    int rc, creating = f->id == 0;

    if (creating)
        rc = who->is_admin ? 0
             : f->reports_to ? app_authorize(st, who, PERM_FORUM_MANAGE, f->reports_to, err)
                             : kl_error_set(err, KL_EPERM, "only administrators create a forum "
                                            "that reports to no other forum");
    else
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, f->id, err);
    if (rc)
        return rc == KL_ENOTFOUND && creating ? (fields_add(fe, "reports_to", N_("is not a forum")),
                                                 invalid(fe, err))
                                              : rc;
    if (!(a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    forum_check(f, fe);
    check_forum_refs(st, a, f, fe);
    if (!creating && reporting_cycle(st, a, f))
        fields_add(fe, "reports_to", N_("would make the forum report to itself"));
    if (!fe->n && (rc = store_begin(st, err)) == 0) {
        if (!creating) {
            rc = store_forum_get(st, a, f->id, &old, err);
            if (rc == 0 && !(before = forum_json(&old, 1)))
                rc = kl_error_set(err, KL_ENOMEM, "out of memory");
            if (rc == 0)
                rc = store_forum_update(st, f, err);
        } else {
            rc = store_forum_create(st, f, &f->id, err);
            if (rc == 0 && !who->is_admin && who->user_id > 0)
                rc = store_forum_role_set(st, who->user_id, f->id, ROLE_SECRETARY, err);
        }
        if (rc == 0)
            rc = audit(st, who, "forum", f->id, f->id, before, forum_json(f, 1), err);
        else
            json_decref(before);
        rc = finish(st, rc, err);
    }
    arena_free(a);
    return fe->n ? invalid(fe, err) : rc;
}

/* Memberships. */

int app_membership_list(struct store *st, struct arena *a, int64_t forum_id, int64_t person_id,
                        struct membership **out, size_t *n, struct kl_error *err)
{
    return store_membership_list(st, a, forum_id, person_id, out, n, err);
}

int app_membership_get(struct store *st, struct arena *a, int64_t id, struct membership *out,
                       struct kl_error *err)
{
    return store_membership_get(st, a, id, out, err);
}

int app_membership_save(struct store *st, const struct principal *who, struct membership *m,
                        struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct membership old;
    struct person p;
    struct organisation o;
    json_t *before = NULL;
    int rc, is_public;

    if (!(a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    rc = m->id ? store_membership_get(st, a, m->id, &old, err) : 0;
    if (rc == 0 && m->id && old.forum_id != m->forum_id)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, old.forum_id, err);
    if (rc == 0 && m->forum_id > 0 && store_forum_visibility(st, m->forum_id, &is_public, err))
        fields_add(fe, "forum_id", N_("is not a forum"));
    else if (rc == 0 && m->forum_id > 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, m->forum_id, err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    membership_check(m, fe);
    if (m->person_id > 0 && store_person_get(st, a, m->person_id, &p, err))
        fields_add(fe, "person_id", N_("is not a person"));
    if (m->substitute_for > 0 && store_person_get(st, a, m->substitute_for, &p, err))
        fields_add(fe, "substitute_for", N_("is not a person"));
    if (m->organisation_id && store_org_get(st, a, m->organisation_id, &o, err))
        fields_add(fe, "organisation_id", N_("is not an organisation"));
    if (!fe->n && (rc = store_begin(st, err)) == 0) {
        if (m->id) {
            if (!(before = membership_json(&old)))
                rc = kl_error_set(err, KL_ENOMEM, "out of memory");
            if (rc == 0)
                rc = store_membership_update(st, m, err);
        } else {
            rc = store_membership_insert(st, m, &m->id, err);
        }
        if (rc == 0)
            rc = audit(st, who, "membership", m->id, m->forum_id, before, membership_json(m), err);
        else
            json_decref(before);
        rc = finish(st, rc, err);
    }
    arena_free(a);
    return fe->n ? invalid(fe, err) : rc;
}

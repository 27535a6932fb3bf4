/* permission.c - the permission decision (see permission.h). */
#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/account.h"
#include "store/account.h"

static const char *const names[PERM_COUNT] = {
    [PERM_PUBLIC] = "public",
    [PERM_SIGNED_IN] = "signed-in",
    [PERM_ADMIN] = "admin",
    [PERM_AUDIT_READ] = "audit-read",
    [PERM_DIRECTORY_EDIT] = "directory-edit",
    [PERM_FORUM_PUBLISHED] = "forum-published",
    [PERM_FORUM_INTERNAL] = "forum-internal",
    [PERM_FORUM_PROPOSE] = "forum-propose",
    [PERM_FORUM_MANAGE] = "forum-manage",
    [PERM_INDICATOR_EDIT] = "indicator-edit",
    [PERM_SMALL_NUMBERS] = "small-numbers",
};

const char *permission_name(enum permission p)
{
    return (unsigned)p < PERM_COUNT ? names[p] : "unknown";
}

int permission_needs_forum(enum permission p)
{
    return p == PERM_FORUM_PUBLISHED || p == PERM_FORUM_INTERNAL || p == PERM_FORUM_PROPOSE ||
           p == PERM_FORUM_MANAGE;
}

static int signed_in(const struct principal *who)
{
    return who->method != AUTH_NONE;
}

/* The least role in a forum that permission p asks for. */
static enum forum_role least_role(enum permission p)
{
    switch (p) {
    case PERM_FORUM_PUBLISHED: return ROLE_READER;
    case PERM_FORUM_INTERNAL:
    case PERM_FORUM_PROPOSE: return ROLE_MEMBER;
    default: return ROLE_SECRETARY;
    }
}

/* The rule of the forum permissions: 1 when who may act under p on a forum that is public
 * or not and in which who has role, else 0. Both forum_decision and app_forum_sight decide
 * by it alone. */
static int forum_allows(const struct principal *who, enum permission p, int is_public,
                        enum forum_role role)
{
    if (who->is_admin)
        return 1;
    if (p == PERM_FORUM_PUBLISHED && is_public)
        return 1;
    if (!signed_in(who) || who->user_id <= 0)
        return 0;
    return role >= least_role(p);
}

static int forum_decision(struct store *st, const struct principal *who, enum permission p,
                          int64_t forum_id, struct kl_error *err)
{
    enum forum_role role = ROLE_NONE;
    int is_public = 0, rc;

    if (!st)
        return kl_error_set(err, KL_EPERM, "no database to decide on forum %lld",
                            (long long)forum_id);
    rc = store_forum_visibility(st, forum_id, &is_public, err);
    if (rc)
        return rc;
    if (forum_allows(who, p, is_public, ROLE_NONE))
        return 0;
    if (!signed_in(who) || who->user_id <= 0)
        return kl_error_set(err, KL_EPERM, "%s", N_("Sign in to see this forum."));
    rc = store_forum_role_get(st, who->user_id, forum_id, &role, err);
    if (rc)
        return rc;
    if (forum_allows(who, p, is_public, role))
        return 0;
    return kl_error_set(err, KL_EPERM, "%s", N_("Your role in this forum does not allow this."));
}

/* 1 when who is secretary of at least one forum, 0 when not, or a negative KL_E... code. */
static int secretary_somewhere(struct store *st, const struct principal *who,
                               struct kl_error *err)
{
    struct forum_role_grant *roles;
    struct arena *a = arena_new(0);
    size_t n = 0;
    int rc, found = 0;

    if (!a)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    rc = store_forum_roles_of(st, a, who->user_id, &roles, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        found |= roles[i].role == ROLE_SECRETARY;
    arena_free(a);
    return rc ? rc : found;
}

/* Allowed for administrators and for secretaries of at least one forum; denied with why. */
static int admin_or_secretary(struct store *st, const struct principal *who, const char *why,
                              struct kl_error *err)
{
    int rc;

    if (who->is_admin)
        return 0;
    rc = signed_in(who) && who->user_id > 0 && st ? secretary_somewhere(st, who, err) : 0;
    if (rc < 0)
        return rc;
    return rc ? 0 : kl_error_set(err, KL_EPERM, "%s", why);
}

int app_forum_sight(struct store *st, struct arena *a, const struct principal *who,
                    const char *cluster_code, struct forum_sight **out, size_t *n,
                    struct kl_error *err)
{
    struct forum_standing *fs;
    size_t nfs;
    int rc;

    *out = NULL;
    *n = 0;
    if (!st)
        return kl_error_set(err, KL_EPERM, "no database to decide on forums");
    rc = store_forum_standings(st, a, signed_in(who) ? who->user_id : 0, cluster_code, &fs,
                               &nfs, err);
    if (rc)
        return rc;
    if (nfs && !(*out = arena_calloc(a, nfs, sizeof(**out))))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < nfs; i++) {
        struct forum_sight *s = &(*out)[i];

        s->forum_id = fs[i].forum_id;
        s->internal = forum_allows(who, PERM_FORUM_INTERNAL, fs[i].is_public, fs[i].role);
        s->published = s->internal ||
                       forum_allows(who, PERM_FORUM_PUBLISHED, fs[i].is_public, fs[i].role);
    }
    *n = nfs;
    return 0;
}

int app_authorize(struct store *st, const struct principal *who, enum permission p,
                  int64_t forum_id, struct kl_error *err)
{
    switch (p) {
    case PERM_PUBLIC:
        return 0;
    case PERM_SIGNED_IN:
        return signed_in(who) ? 0 : kl_error_set(err, KL_EPERM, "sign in first");
    case PERM_ADMIN:
        return who->is_admin ? 0 : kl_error_set(err, KL_EPERM, "only administrators may do this");
    case PERM_AUDIT_READ:
        return admin_or_secretary(st, who, "only administrators and secretaries see the audit log",
                                  err);
    case PERM_DIRECTORY_EDIT:
        return admin_or_secretary(st, who, "only administrators and secretaries change the "
                                  "organisation", err);
    case PERM_INDICATOR_EDIT:
        return admin_or_secretary(st, who, "only administrators and secretaries load indicator "
                                  "values", err);
    case PERM_SMALL_NUMBERS:
        return who->is_admin ? 0 : kl_error_set(err, KL_EPERM, "only administrators see "
                                                "values based on small counts");
    case PERM_FORUM_PUBLISHED:
    case PERM_FORUM_INTERNAL:
    case PERM_FORUM_PROPOSE:
    case PERM_FORUM_MANAGE:
        return forum_decision(st, who, p, forum_id, err);
    case PERM_COUNT:
        break;
    }
    return kl_error_set(err, KL_EPERM, "unknown permission %d", (int)p);
}

/* audit.c - the audit log's use cases: recording a change, and reading with scoping. */
#include "app/audit.h"

#include "app/permission.h"
#include "app/principal.h"
#include "core/error.h"
#include "store/account.h"

#include <stdlib.h>

int app_audit_record(struct store *st, const struct principal *who, const char *entity,
                     const char *entity_id, const char *action, int64_t forum_id,
                     const json_t *before, const json_t *after, struct kl_error *err)
{
    struct audit_entry e = {
        .actor_user_id = who->user_id,
        .actor = who->login && *who->login ? who->login : "system",
        .entity = entity,
        .entity_id = entity_id,
        .action = action,
        .forum_id = forum_id,
    };
    char *b = NULL, *a = NULL;
    int rc;

    if (before)
        b = json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS);
    if (after)
        a = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
    if ((before && !b) || (after && !a)) {
        free(b);
        free(a);
        return kl_error_set(err, KL_ENOMEM, "out of memory writing the audit log");
    }
    e.before_json = b;
    e.after_json = a;
    rc = store_audit_add(st, &e, err);
    free(b);
    free(a);
    return rc;
}

int app_audit_list(struct store *st, struct arena *a, const struct principal *who,
                   const struct audit_filter *f, struct audit_entry **out, size_t *n,
                   struct kl_error *err)
{
    struct audit_filter scoped = *f;
    int rc;

    *out = NULL;
    *n = 0;
    rc = app_authorize(st, who, PERM_AUDIT_READ, 0, err);
    if (rc)
        return rc;
    /* a secretary who is not an administrator sees the rows of their own forums only */
    if (!who->is_admin)
        scoped.secretary_user_id = who->user_id;
    return store_audit_list(st, a, &scoped, out, n, err);
}

/* audit.h - writing and reading the audit log at the use-case level: every change to shared
 * data records who, when, which entity, which action, and the values before and after as
 * JSON, in the same transaction as the change. */
#ifndef KL_APP_AUDIT_H
#define KL_APP_AUDIT_H

#include "store/audit.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct principal;
struct store;
struct arena;
struct kl_error;

/* Records one change by who. before and after (either may be NULL) are serialised with
 * sorted keys; the caller keeps its references. Call inside the change's transaction. */
int app_audit_record(struct store *st, const struct principal *who, const char *entity,
                     const char *entity_id, const char *action, int64_t forum_id,
                     const json_t *before, const json_t *after, struct kl_error *err);

/* The rows of the log that who may see: administrators and the command line see all,
 * secretaries the rows of their forums, everybody else nothing (KL_EPERM). */
int app_audit_list(struct store *st, struct arena *a, const struct principal *who,
                   const struct audit_filter *f, struct audit_entry **out, size_t *n,
                   struct kl_error *err);

#endif

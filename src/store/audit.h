/* audit.h - the audit log: who changed what, when, with the values before and after.
 *
 * Rows are only ever added (triggers refuse UPDATE and DELETE). A row is written inside the
 * transaction of the change it records, so that both land or neither does. */
#ifndef KL_STORE_AUDIT_H
#define KL_STORE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct kl_error;

struct audit_entry {
    int64_t id;
    const char *at;          /* UTC "YYYY-MM-DDTHH:MM:SSZ"; set by store_audit_add */
    int64_t actor_user_id;   /* 0 when the actor is not a user (the command line, the system) */
    const char *actor;       /* login, or "cli:USER", or "system" */
    const char *entity;      /* "cluster", "user", ... */
    const char *entity_id;   /* the entity's public id */
    const char *action;      /* "create", "update", "delete", "import", ... */
    int64_t forum_id;        /* the forum the entity belongs to, 0 for none */
    const char *before_json; /* NULL for a creation */
    const char *after_json;  /* NULL for a deletion */
};

struct audit_filter {
    const char *since;          /* "YYYY-MM-DD" or NULL: rows at or after that day (UTC) */
    const char *entity;         /* NULL: all */
    int64_t secretary_user_id;  /* not 0: only rows of forums where this user is secretary */
    int64_t before_id;          /* not 0: only rows older than this id (paging) */
    size_t limit;               /* 0: 100 */
};

/* Appends e (e->id and e->at are ignored and set by the database). Must run inside the
 * caller's transaction. */
int store_audit_add(struct store *st, const struct audit_entry *e, struct kl_error *err);

/* Newest rows first that pass f; strings live in arena a. */
int store_audit_list(struct store *st, struct arena *a, const struct audit_filter *f,
                     struct audit_entry **out, size_t *n, struct kl_error *err);

#endif

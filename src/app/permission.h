/* permission.h - the one place where klynge decides who may do what.
 *
 * Every route of the web server and every use case that needs a right names a permission
 * from this list; app_authorize turns (principal, permission, forum) into allowed or denied.
 * Nothing else decides access: handlers and commands only ask.
 *
 * The roles: a system administrator may do everything. In a forum, a secretary may change
 * everything of that forum, a chair and a member read its drafts and closed items and
 * propose items, a reader reads what the forum shares with its readers. Anonymous visitors
 * read only the public reference pages and what a forum marked public has published. */
#ifndef KL_APP_PERMISSION_H
#define KL_APP_PERMISSION_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct principal;
struct store;
struct kl_error;

enum permission {
    PERM_PUBLIC = 0,      /* anyone, signed in or not: reference data, the login page */
    PERM_SIGNED_IN,       /* any signed-in user: own account, own API tokens, logout */
    PERM_ADMIN,           /* system administrators only */
    PERM_AUDIT_READ,      /* administrators, and secretaries of at least one forum (who see
                             only the rows of their forums) */
    PERM_DIRECTORY_EDIT,  /* add and change organisations, people and forums: administrators
                             and secretaries of at least one forum (a new forum must report
                             to one of theirs) */
    PERM_FORUM_PUBLISHED, /* what forum F published: anyone when F is public, else its readers
                             and up */
    PERM_FORUM_INTERNAL,  /* drafts and closed items of forum F: members, chair, secretary */
    PERM_FORUM_PROPOSE,   /* propose an item to forum F: members, chair, secretary */
    PERM_FORUM_MANAGE,    /* change anything of forum F: its secretary */
    PERM_INDICATOR_EDIT,  /* load indicator values (imports, reporting rounds) and choose a
                             cluster's indicators: administrators and secretaries of at least
                             one forum */
    PERM_SMALL_NUMBERS,   /* see indicator values based on counts under the indicator's
                             minimum (statistical discretion): administrators only, who load
                             the data and hold the database anyway; everybody else sees "<5" */
    PERM_COUNT
};

/* A short stable name of p ("public", "forum-manage", ...), for logs and tests. */
const char *permission_name(enum permission p);

/* 1 when p is checked against a forum (the forum_id argument of app_authorize). */
int permission_needs_forum(enum permission p);

/* Decides whether who may act under permission p, on forum forum_id for the forum
 * permissions (ignored otherwise). Returns 0 when allowed, KL_EPERM with a message saying
 * which right is missing when denied, KL_ENOTFOUND when the forum does not exist, or KL_EDB.
 * st may be NULL for permissions that need no forum. */
int app_authorize(struct store *st, const struct principal *who, enum permission p,
                  int64_t forum_id, struct kl_error *err);

/* What who sees of one forum: internal is PERM_FORUM_INTERNAL allowed, published is
 * PERM_FORUM_PUBLISHED allowed or internal. */
struct forum_sight {
    int64_t forum_id;
    int internal, published;
};

/* For every forum (only those of the cluster cluster_code when not NULL), ordered by id,
 * what who sees of it: exactly what app_authorize would answer forum by forum for the two
 * permissions (the same rule decides), read with one query instead of one or two per
 * forum, for pages that list many forums (search). Nothing is kept after the call. Fills
 * *out (in arena a) and *n; returns 0, KL_ENOMEM or KL_EDB. */
int app_forum_sight(struct store *st, struct arena *a, const struct principal *who,
                    const char *cluster_code, struct forum_sight **out, size_t *n,
                    struct kl_error *err);

#endif

/* meeting_impl.h - what the use cases of meetings share (meeting_access.c): the
 * principal's access to a forum, the visibility rule, transactions, audit rows, and placing
 * items on agendas. Private to src/app. */
#ifndef KL_APP_MEETING_IMPL_H
#define KL_APP_MEETING_IMPL_H

#include "model/meeting.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct principal;
struct kl_error;
struct field_errors;

/* What a principal may do in one forum. */
struct meeting_access {
    int published;  /* PERM_FORUM_PUBLISHED */
    int internal;   /* PERM_FORUM_INTERNAL */
    int propose;    /* PERM_FORUM_PROPOSE */
    int manage;     /* PERM_FORUM_MANAGE */
};

/* Fills acc for who in forum_id. KL_ENOTFOUND when there is no such forum, KL_EDB. */
int meeting_access_of(struct store *st, const struct principal *who, int64_t forum_id,
                      struct meeting_access *acc, struct kl_error *err);

/* 1 when who (with acc in the item's forum) may see item it; ms is the status of the
 * item's meeting (ignored for items not on an agenda). */
int meeting_item_visible(const struct meeting_access *acc, const struct agenda_item *it,
                         enum meeting_status ms);

/* 1 when decisions and outcomes of a meeting in status ms are visible with acc. */
int meeting_minutes_visible(const struct meeting_access *acc, enum meeting_status ms);

/* An arena for one use case; NULL with err set when out of memory. */
struct arena *meeting_arena(struct kl_error *err);

/* Commits when rc is 0, else rolls back; returns the outcome. */
int meeting_finish(struct store *st, int rc, struct kl_error *err);

/* KL_EINVAL naming the first problem in fe. */
int meeting_invalid(const struct field_errors *fe, struct kl_error *err);

/* KL_ENOMEM "out of memory". */
int meeting_oom(struct kl_error *err);

/* Audits action on entity id of forum_id with before and after (either may be NULL; both
 * are released here), inside the open transaction. */
int meeting_audit(struct store *st, const struct principal *who, const char *entity,
                  int64_t id, const char *action, int64_t forum_id, json_t *before,
                  json_t *after, struct kl_error *err);

/* Puts item_id (of forum_id, not on an agenda) onto the forum's next agenda after instant
 * `after`: the first later meeting whose agenda is not published, before its "Eventuelt";
 * with none it is left pending. *meeting_id (may be NULL) gets the meeting or 0. */
int meeting_place_next(struct store *st, struct arena *a, int64_t forum_id, int64_t after,
                       int64_t item_id, int64_t *meeting_id, struct kl_error *err);

/* Puts item_id onto meeting_id's agenda before "Eventuelt" and renumbers; *number (may be
 * NULL) gets its number. */
int meeting_place_on(struct store *st, struct arena *a, int64_t meeting_id, int64_t item_id,
                     int *number, struct kl_error *err);

/* Numbers the items of meeting_id's agenda 1..n in the order of ids (n of them). */
int meeting_renumber(struct store *st, const int64_t *ids, size_t n, struct kl_error *err);

/* A copy of item `from` as a pending item of its forum, linked to followup_id (0: none) or
 * referral_id (0: none), in forum_id (0: from's forum). Sets *id. */
int meeting_item_copy(struct store *st, const struct agenda_item *from, int64_t forum_id,
                      int64_t followup_id, int64_t referral_id, int64_t *id,
                      struct kl_error *err);

/* Brings follow-up f's matter back: a pending copy of item `from` (see meeting_item_copy)
 * linked to f, placed on the forum's next agenda after instant `after` (meeting_place_next),
 * audited. *item_id (may be NULL) gets the new item. */
struct followup;
int meeting_bring_back(struct store *st, struct arena *a, const struct principal *who,
                       const struct followup *f, const struct agenda_item *from, int64_t after,
                       int64_t *item_id, struct kl_error *err);

#endif

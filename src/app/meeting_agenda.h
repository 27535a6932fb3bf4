/* meeting_agenda.h - use cases of agenda items: reading an agenda as a principal may see
 * it, adding, changing, removing and reordering items, and members' proposals.
 * Conventions as in meeting.h.
 *
 * What a principal sees (the rule docs/meetings.md calls visibility):
 * - PERM_FORUM_INTERNAL of the forum (members, chair, secretary, administrators): every
 *   item, closed or not, in any status, with decisions as drafted.
 * - otherwise PERM_FORUM_PUBLISHED (readers; anyone for a public forum): the items of an
 *   agenda once it is published, never a closed item, and decisions, outcomes and
 *   follow-ups only once the minutes are published.
 * - nothing else: pending items and proposals are internal. */
#ifndef KL_APP_MEETING_AGENDA_H
#define KL_APP_MEETING_AGENDA_H

#include "model/meeting.h"
#include "store/meeting.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct principal;
struct kl_error;
struct field_errors;

/* One item as a principal sees it, with what hangs on it. */
struct agenda_entry {
    struct agenda_item item;          /* decision and outcome blanked unless minutes_visible */
    struct attachment_info *attachments; /* latest versions */
    size_t nattachments;
    struct followup *followups;       /* only when minutes_visible */
    size_t nfollowups;
    struct referral *referrals;       /* handed to other forums, with their answers; only
                                         when minutes_visible */
    size_t nreferrals;
    int minutes_visible;
};

struct agenda {
    struct meeting meeting;
    int internal;          /* who sees drafts and closed items of the forum */
    int can_manage;        /* who may change the meeting (the forum's secretary, admins) */
    int can_propose;       /* who may propose items to the forum */
    int agenda_visible;    /* items holds the agenda; 0 when it is not published and who is
                              not internal (items is then empty) */
    int minutes_visible;   /* decisions, outcomes, follow-ups and referrals are filled */
    struct agenda_entry *items;   /* by number; closed items only when internal */
    size_t nitems;
};

/* The meeting with its agenda as who may see it (PERM_FORUM_PUBLISHED). */
int app_agenda_get(struct store *st, struct arena *a, const struct principal *who,
                   int64_t meeting_id, struct agenda *out, struct kl_error *err);

/* One item (on an agenda, pending or proposed) as who may see it; KL_ENOTFOUND when who
 * may not see it. */
int app_item_get(struct store *st, struct arena *a, const struct principal *who,
                 int64_t item_id, struct agenda_entry *out, struct kl_error *err);

/* Adds an item to meeting_id's agenda before "Eventuelt", its content from it (title,
 * rooms, recommendation lines, case text, presenter, written orientation, closed), while
 * the agenda may change (meeting_agenda_editable). it->id, number, forum_id, meeting_id and
 * state are set; it's strings are left as they are (read the stored item back for the
 * normalised recommendation). */
int app_item_add(struct store *st, const struct principal *who, int64_t meeting_id,
                 struct agenda_item *it, struct field_errors *fe, struct kl_error *err);

/* Changes the content of item it->id (as for app_item_add) while its agenda may change or
 * while it is pending or proposed: the secretary, or the proposer while it is a proposal.
 * it itself is not changed. */
int app_item_update(struct store *st, const struct principal *who, struct agenda_item *it,
                    struct field_errors *fe, struct kl_error *err);

/* Removes an item with its attachments: from an agenda that is not published yet (the rest
 * renumbered), or a pending item, proposal or declined proposal. An item with follow-ups or
 * referrals stays (KL_ECONFLICT). */
int app_item_delete(struct store *st, const struct principal *who, int64_t item_id,
                    struct kl_error *err);

/* Moves an item to number position (1..n; beyond n: last) and renumbers the agenda. */
int app_item_move(struct store *st, const struct principal *who, int64_t item_id,
                  int position, struct kl_error *err);

/* Proposals. */

/* A member proposes an item to forum_id (PERM_FORUM_PROPOSE): state proposed, the
 * proposer's account and name kept. it->id, forum_id, state and proposed_by_user are set;
 * it's strings are left as they are. */
int app_item_propose(struct store *st, const struct principal *who, int64_t forum_id,
                     struct agenda_item *it, struct field_errors *fe, struct kl_error *err);

/* The forum's items in state (ITEM_PROPOSED, ITEM_DECLINED or ITEM_PENDING), oldest first
 * (PERM_FORUM_INTERNAL). */
int app_forum_items(struct store *st, struct arena *a, const struct principal *who,
                    int64_t forum_id, enum item_state state, struct agenda_item **out,
                    size_t *n, struct kl_error *err);

/* The secretariat accepts a proposal (or places a pending item) onto meeting_id's agenda,
 * a meeting of the same forum whose agenda may change, before "Eventuelt". */
int app_proposal_accept(struct store *st, const struct principal *who, int64_t item_id,
                        int64_t meeting_id, struct kl_error *err);

/* The secretariat declines a proposal with a reason (required, fe "reason"). */
int app_proposal_decline(struct store *st, const struct principal *who, int64_t item_id,
                         const char *reason, struct field_errors *fe, struct kl_error *err);

#endif

/* meeting_followup.h - use cases of follow-ups (opfølgning) and referrals between forums.
 * Conventions as in meeting.h.
 *
 * A follow-up comes from a decision: what, one owner (a person, an organisation or a
 * forum), when, and its status (open, done, cancelled). A follow-up that brings the matter
 * back puts a copy of its item on the forum's next agenda: the first later meeting of the
 * forum whose agenda is not published yet, before "Eventuelt"; with none, the item waits as
 * pending and the next agenda started picks it up. The copy keeps title, rooms,
 * recommendation, case text, presenter and the closed flag, and links to the follow-up.
 *
 * A referral hands an item to another forum: up the reporting line, down as an order
 * (bestilling), or across. It is open until the receiving forum answers it or the sending
 * forum withdraws it; the answer shows on the original item. */
#ifndef KL_APP_MEETING_FOLLOWUP_H
#define KL_APP_MEETING_FOLLOWUP_H

#include "model/meeting.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct principal;
struct kl_error;
struct field_errors;

/* Follow-ups. */

/* Adds f for item f->item_id (an item on the agenda of a meeting that is held; f->forum_id
 * is taken from it; f->id is set). With f->bring_back the item is brought back at once
 * (f->brought_back_item is set). fe: "what", "owner", "owner_person_id",
 * "owner_organisation_id", "owner_forum_id", "due_on". */
int app_followup_add(struct store *st, const struct principal *who, struct followup *f,
                     int64_t now, struct field_errors *fe, struct kl_error *err);

/* Changes what, owner and due day of f->id. */
int app_followup_update(struct store *st, const struct principal *who, struct followup *f,
                        struct field_errors *fe, struct kl_error *err);

/* Sets the status (closed_at is now for done and cancelled). Allowed to the forum's
 * secretary and to the person who owns the follow-up. */
int app_followup_set_status(struct store *st, const struct principal *who, int64_t id,
                            enum followup_status status, int64_t now, struct kl_error *err);

/* Brings an open follow-up's matter back to the forum's next agenda (see above) and marks
 * it bring_back; *item_id (may be NULL) gets the new item. Once per follow-up
 * (KL_ECONFLICT when it has brought an item back already). */
int app_followup_bring_back(struct store *st, const struct principal *who, int64_t id,
                            int64_t *item_id, struct kl_error *err);

/* One follow-up, when who may see it: PERM_FORUM_INTERNAL of its forum, its owner, or
 * PERM_FORUM_PUBLISHED once the minutes are published and the item is not closed. */
int app_followup_get(struct store *st, struct arena *a, const struct principal *who,
                     int64_t id, struct followup *out, struct kl_error *err);

/* The follow-ups owned by person_id (0: the person linked to who), those who may see
 * (a person always sees their own). By due day. */
int app_followup_list_owned(struct store *st, struct arena *a, const struct principal *who,
                            int64_t person_id, int only_open, struct followup **out,
                            size_t *n, struct kl_error *err);

/* The follow-ups of forum_id's decisions that who may see. By due day. */
int app_followup_list_forum(struct store *st, struct arena *a, const struct principal *who,
                            int64_t forum_id, int only_open, struct followup **out,
                            size_t *n, struct kl_error *err);

/* Referrals. */

/* Hands item r->item_id (on an agenda) to forum r->to_forum_id with r->note and
 * r->answer_by (DATE_OPEN: none); the sending forum's secretary only. The referral's title
 * is the item's; r->id, r->from_forum_id, r->status and r->direction (from the reporting
 * lines) are set; r's strings are left as they are. */
int app_referral_create(struct store *st, const struct principal *who, struct referral *r,
                        struct field_errors *fe, struct kl_error *err);

/* The receiving forum's secretary takes an open referral onto meeting_id's agenda (a
 * meeting of the receiving forum whose agenda may change): a new item with the referral's
 * title, the note as case text, closed when the original item is, linked to the referral.
 * When that meeting's minutes are published with a decision, the referral is answered. */
int app_referral_take_up(struct store *st, const struct principal *who, int64_t referral_id,
                         int64_t meeting_id, int64_t *item_id, struct kl_error *err);

/* The receiving forum's secretary answers an open referral (answer required, fe "answer"). */
int app_referral_answer(struct store *st, const struct principal *who, int64_t id,
                        const char *answer, int64_t now, struct field_errors *fe,
                        struct kl_error *err);

/* The sending forum's secretary withdraws an open referral (reason required, fe "reason"). */
int app_referral_withdraw(struct store *st, const struct principal *who, int64_t id,
                          const char *reason, struct field_errors *fe, struct kl_error *err);

/* One referral: PERM_FORUM_INTERNAL of the sending or the receiving forum, or when who may
 * see the original item with its minutes. */
int app_referral_get(struct store *st, struct arena *a, const struct principal *who,
                     int64_t id, struct referral *out, struct kl_error *err);

/* The receiving forum's inbox (PERM_FORUM_INTERNAL of forum_id). */
int app_referral_inbox(struct store *st, struct arena *a, const struct principal *who,
                       int64_t forum_id, int only_open, struct referral **out, size_t *n,
                       struct kl_error *err);

/* What forum_id has handed on (PERM_FORUM_INTERNAL of forum_id). */
int app_referral_outbox(struct store *st, struct arena *a, const struct principal *who,
                        int64_t forum_id, int only_open, struct referral **out, size_t *n,
                        struct kl_error *err);

/* "Items for the next level": the open referrals from forum_id to the forum it reports to
 * (empty when it reports to none). PERM_FORUM_INTERNAL of forum_id. */
int app_referral_next_level(struct store *st, struct arena *a, const struct principal *who,
                            int64_t forum_id, struct referral **out, size_t *n,
                            struct kl_error *err);

#endif

/* meeting_minutes.h - use cases of attendance and minutes: who is invited, absences
 * (afbud) with substitutes, guests, presence at the meeting, the participants grouped by
 * organisation as minutes list them, decisions per item, and the approval of minutes.
 * Conventions as in meeting.h.
 *
 * Who is invited: the people with a membership of the forum in force on the meeting's day
 * (Copenhagen) in the role chair, co-chair or member. Secretaries are listed apart as the
 * secretariat and are not invited; guests are invited per meeting or per item; a standing
 * substitute (role substitute) comes only when named for an absence. A person is counted
 * once, in their highest role. A member is grouped under the organisation the membership
 * represents, a substitute under the organisation of the member stood in for. */
#ifndef KL_APP_MEETING_MINUTES_H
#define KL_APP_MEETING_MINUTES_H

#include "model/meeting.h"
#include "model/people.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct principal;
struct kl_error;
struct field_errors;

struct participant {
    int64_t person_id;
    const char *name;
    enum attendance_kind kind;
    enum member_role role;          /* for members: chair, co_chair or member */
    enum attendance_status status;
    int64_t organisation_id;        /* 0 when none */
    const char *organisation_name;  /* "" when none */
    int64_t substitute_for;         /* a substitute: the member stood in for */
    const char *substitute_for_name;
    int64_t substitute_id;          /* an absent member: who stands in; 0 */
    const char *substitute_name;
    int64_t item_id;                /* a guest for one item; 0: the whole meeting */
    int item_number;
    const char *note;
};

struct participant_group {
    int64_t organisation_id;        /* 0: no organisation (last) */
    const char *organisation_name;
    struct participant *people;     /* chair, co-chair, member, substitute; then by name */
    size_t n;
};

struct attendance_report {
    struct participant *all;        /* everybody: members, substitutes, guests */
    size_t nall;
    struct participant_group *present; /* deltagere: members and substitutes not absent */
    size_t npresent;
    struct participant_group *absent;  /* afbud: members absent */
    size_t nabsent;
    struct participant *guests;     /* gæster */
    size_t nguests;
    struct participant *secretariat; /* sekretariat */
    size_t nsecretariat;
};

/* The meeting's attendance: PERM_FORUM_INTERNAL, or PERM_FORUM_PUBLISHED once the minutes
 * are published (KL_EPERM before). Groups by organisation name (Danish order). */
int app_attendance_get(struct store *st, struct arena *a, const struct principal *who,
                       int64_t meeting_id, struct attendance_report *out,
                       struct kl_error *err);

/* Registers the absence (afbud) of invited member person_id, with substitute_id (0: none)
 * standing in, before the meeting is held. Allowed to the member themself (the person
 * linked to who's account) and to the secretary. A new registration replaces the old one
 * and its substitute. fe: "person_id" not invited, "substitute_id" not a person or already
 * invited, "note" too long. */
int app_attendance_absent(struct store *st, const struct principal *who, int64_t meeting_id,
                          int64_t person_id, int64_t substitute_id, const char *note,
                          int64_t now, struct field_errors *fe, struct kl_error *err);

/* Withdraws a registered absence (and its substitute): the member is expected again. Same
 * rights and time as app_attendance_absent. */
int app_attendance_withdraw_absence(struct store *st, const struct principal *who,
                                    int64_t meeting_id, int64_t person_id,
                                    struct kl_error *err);

/* Invites person_id as a guest to the meeting, or to item item_id of its agenda (not 0),
 * with a note (e.g. the forum or role they come from). Until the minutes are published. */
int app_attendance_add_guest(struct store *st, const struct principal *who, int64_t meeting_id,
                             int64_t person_id, int64_t item_id, const char *note,
                             struct field_errors *fe, struct kl_error *err);

/* Removes a guest or a substitute, or resets a member to expected. */
int app_attendance_remove(struct store *st, const struct principal *who, int64_t meeting_id,
                          int64_t person_id, struct kl_error *err);

/* At the meeting the secretary marks an invited member, a substitute or a guest present
 * (present 1) or absent (0). Not for a cancelled meeting or published minutes. */
int app_attendance_mark(struct store *st, const struct principal *who, int64_t meeting_id,
                        int64_t person_id, int present, struct kl_error *err);

/* Minutes. */

/* Records the decision (Markdown) and outcome of item_id while the meeting is held or its
 * minutes are in draft. What follows from the outcome, in the same transaction:
 * - OUTCOME_BROUGHT_BACK: a follow-up owned by the forum (bring_back) and a copy of the item
 *   on the forum's next agenda (see app_followup_bring_back), once per item;
 * - on the standard item "approve minutes": approved or approved with changes records that
 *   the linked meeting's minutes (which must be published, else KL_ECONFLICT) were approved
 *   at this meeting; another outcome withdraws such an approval;
 * - on an item brought back by a follow-up: any outcome but none or postponed closes that
 *   follow-up as done. */
int app_minutes_record(struct store *st, const struct principal *who, int64_t item_id,
                       const char *decision, enum item_outcome outcome, int64_t now,
                       struct field_errors *fe, struct kl_error *err);

/* Records that the published minutes of meeting_id were approved by circulation by the
 * people person_ids (n >= 1) on day on_day (not after today). Replaces an approval at a
 * meeting. fe: "person_ids", "approved_on". */
int app_minutes_approve_circulation(struct store *st, const struct principal *who,
                                    int64_t meeting_id, const int64_t *person_ids, size_t n,
                                    int32_t on_day, int64_t now, struct field_errors *fe,
                                    struct kl_error *err);

/* Who approved meeting_id's minutes by circulation, by name (readable with the minutes). */
int app_minutes_approvers(struct store *st, struct arena *a, const struct principal *who,
                          int64_t meeting_id, struct minutes_approver **out, size_t *n,
                          struct kl_error *err);

#endif

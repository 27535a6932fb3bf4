/* meeting.h - SQL for meetings, agenda items, attendance, approvals of minutes, follow-ups,
 * referrals and attachments (the model is model/meeting.h and model/attachment.h).
 *
 * Readers fill structs whose strings live in the caller's arena. Writers run inside the
 * caller's transaction; they check nothing but what the schema checks (the app layer owns
 * the rules). All return 0 or a negative KL_E... code with err filled: KL_ENOTFOUND for a
 * missing row, KL_ECONFLICT for a duplicate, KL_EINVAL for a reference to a row that does
 * not exist or a value the schema refuses. */
#ifndef KL_STORE_MEETING_H
#define KL_STORE_MEETING_H

#include "model/meeting.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct kl_error;

/* Meetings. */

struct meeting_query {
    const int64_t *forum_ids;  /* only these forums (nforums of them); NULL: any forum */
    size_t nforums;
    const char *cluster_code;  /* only forums linked to this cluster; NULL: any */
    int32_t from_day;          /* Copenhagen days, inclusive; DATE_OPEN: no bound. Use 0 */
    int32_t to_day;            /*   for from_day and DATE_OPEN for to_day for no bounds */
    int64_t parent_id;         /* only the pre-meetings of this meeting; 0: any */
    int include_cancelled;
    int include_pre_meetings;
};

/* Inserts m (status planned; the day column from starts_at) and sets *id. */
int store_meeting_insert(struct store *st, const struct meeting *m, int64_t *id,
                         struct kl_error *err);
/* Writes m's own fields: title, times, place, chair, theme, site visit. */
int store_meeting_update(struct store *st, const struct meeting *m, struct kl_error *err);
/* Sets the status, and with it (when not 0 / NULL) the time stamp and text that the status
 * records: agenda_published_at and late_reason for agenda_published, minutes_published_at
 * for minutes_published, cancel_reason for cancelled. */
int store_meeting_set_status(struct store *st, int64_t id, enum meeting_status status,
                             int64_t at, const char *text, struct kl_error *err);
/* Records (or with APPROVAL_NONE clears) how the minutes of meeting id were approved. */
int store_meeting_set_approval(struct store *st, int64_t id, enum minutes_approval how,
                               int64_t at, int64_t in_meeting, int32_t on_day,
                               struct kl_error *err);
int store_meeting_get(struct store *st, struct arena *a, int64_t id, struct meeting *out,
                      struct kl_error *err);
/* Meetings that match q, by start time. */
int store_meeting_list(struct store *st, struct arena *a, const struct meeting_query *q,
                       struct meeting **out, size_t *n, struct kl_error *err);
/* The first meeting of forum_id (not a pre-meeting, not cancelled) that starts after
 * `after` and whose agenda is not published yet (planned or agenda draft); *id 0 when none. */
int store_meeting_next_open(struct store *st, int64_t forum_id, int64_t after, int64_t *id,
                            struct kl_error *err);
/* The last meeting of forum_id (not a pre-meeting, not cancelled) that starts before
 * `before`; *id 0 when none. */
int store_meeting_previous(struct store *st, int64_t forum_id, int64_t before, int64_t *id,
                           struct kl_error *err);
/* The id of a meeting of forum_id and kind on Copenhagen day `day` that is not cancelled,
 * or 0. */
int store_meeting_on_day(struct store *st, int64_t forum_id, enum meeting_kind kind,
                         int32_t day, int64_t *id, struct kl_error *err);

/* The person linked to account user_id, or 0. */
int store_person_of_user(struct store *st, int64_t user_id, int64_t *person_id,
                         struct kl_error *err);

/* Agenda items. */

int store_item_insert(struct store *st, const struct agenda_item *it, int64_t *id,
                      struct kl_error *err);
/* Writes the content: title, rooms, recommendation, case text, presenter, written
 * orientation, closed. */
int store_item_update(struct store *st, const struct agenda_item *it, struct kl_error *err);
/* Puts item id in state on meeting_id (0: none) with number. */
int store_item_place(struct store *st, int64_t id, enum item_state state, int64_t meeting_id,
                     int number, struct kl_error *err);
int store_item_set_number(struct store *st, int64_t id, int number, struct kl_error *err);
int store_item_set_decision(struct store *st, int64_t id, const char *decision,
                            enum item_outcome outcome, struct kl_error *err);
/* Declines proposal id with reason. */
int store_item_decline(struct store *st, int64_t id, const char *reason, struct kl_error *err);
/* Deletes item id with its attachments and guest invitations. */
int store_item_delete(struct store *st, int64_t id, struct kl_error *err);
int store_item_get(struct store *st, struct arena *a, int64_t id, struct agenda_item *out,
                   struct kl_error *err);
/* The items on meeting_id's agenda by number. */
int store_item_list(struct store *st, struct arena *a, int64_t meeting_id,
                    struct agenda_item **out, size_t *n, struct kl_error *err);
/* The items of forum_id in state (pending, proposed or declined), oldest first. */
int store_item_list_state(struct store *st, struct arena *a, int64_t forum_id,
                          enum item_state state, struct agenda_item **out, size_t *n,
                          struct kl_error *err);
/* How many follow-ups and referrals come from item id. */
int store_item_links(struct store *st, int64_t id, int *count, struct kl_error *err);
/* The id of an item brought back by followup_id, or 0. */
int store_item_of_followup(struct store *st, int64_t followup_id, int64_t *id,
                           struct kl_error *err);

/* Attendance. */

/* Inserts or replaces the row of (a->meeting_id, a->person_id). */
int store_attendance_put(struct store *st, const struct attendance *a, struct kl_error *err);
int store_attendance_delete(struct store *st, int64_t meeting_id, int64_t person_id,
                            struct kl_error *err);
/* The row of person_id at meeting_id; KL_ENOTFOUND when none. */
int store_attendance_get(struct store *st, struct arena *ar, int64_t meeting_id,
                         int64_t person_id, struct attendance *out, struct kl_error *err);
int store_attendance_list(struct store *st, struct arena *ar, int64_t meeting_id,
                          struct attendance **out, size_t *n, struct kl_error *err);

/* Approvers of minutes by circulation. */
int store_approver_put(struct store *st, int64_t meeting_id, int64_t person_id, int32_t day,
                       struct kl_error *err);
int store_approver_list(struct store *st, struct arena *a, int64_t meeting_id,
                        struct minutes_approver **out, size_t *n, struct kl_error *err);

/* Follow-ups. */

struct followup_query {
    int64_t forum_id;         /* 0: any */
    int64_t owner_person_id;  /* 0: any */
    int64_t item_id;          /* 0: any */
    int only_open;
};

int store_followup_insert(struct store *st, const struct followup *f, int64_t *id,
                          struct kl_error *err);
/* Writes what, owner, due day, status, bring_back and closed_at. */
int store_followup_update(struct store *st, const struct followup *f, struct kl_error *err);
int store_followup_get(struct store *st, struct arena *a, int64_t id, struct followup *out,
                       struct kl_error *err);
/* By due day (none last), then id. */
int store_followup_list(struct store *st, struct arena *a, const struct followup_query *q,
                        struct followup **out, size_t *n, struct kl_error *err);

/* Referrals. */

struct referral_query {
    int64_t to_forum_id;      /* 0: any */
    int64_t from_forum_id;    /* 0: any */
    int64_t item_id;          /* 0: any */
    int only_open;
};

int store_referral_insert(struct store *st, const struct referral *r, int64_t *id,
                          struct kl_error *err);
/* Sets status with its answer and answered_at, or its withdraw reason. */
int store_referral_set_status(struct store *st, int64_t id, enum referral_status status,
                              const char *text, int64_t at, struct kl_error *err);
int store_referral_get(struct store *st, struct arena *a, int64_t id, struct referral *out,
                       struct kl_error *err);
/* By answer-by day (none last), then id. */
int store_referral_list(struct store *st, struct arena *a, const struct referral_query *q,
                        struct referral **out, size_t *n, struct kl_error *err);

/* Attachments. */

struct attachment_info {
    int64_t id;
    int64_t item_id;
    const char *title;
    int version;              /* the latest version (or the one asked for) */
    int nversions;
    const char *filename;
    const char *content_type;
    int64_t size;
    const char *sha256;       /* 64 lowercase hex digits */
    int64_t uploaded_at;
    const char *uploaded_by;
};

int store_attachment_insert(struct store *st, int64_t item_id, const char *title, int64_t *id,
                            struct kl_error *err);
/* Adds the next version of attachment_id (1 for the first) and sets *version. */
int store_attachment_add_version(struct store *st, int64_t attachment_id, const char *filename,
                                 const char *content_type, const void *data, size_t size,
                                 const char *sha256, const char *uploaded_by, int *version,
                                 struct kl_error *err);
int store_attachment_delete(struct store *st, int64_t id, struct kl_error *err);
/* Attachment id at version (0: the latest). */
int store_attachment_get(struct store *st, struct arena *a, int64_t id, int version,
                         struct attachment_info *out, struct kl_error *err);
/* The attachments of item_id with their latest versions, oldest attachment first. */
int store_attachment_list(struct store *st, struct arena *a, int64_t item_id,
                          struct attachment_info **out, size_t *n, struct kl_error *err);
/* Every version of attachment id, newest first. */
int store_attachment_versions(struct store *st, struct arena *a, int64_t id,
                              struct attachment_info **out, size_t *n, struct kl_error *err);
/* The bytes of attachment id at version (0: latest), copied into arena a. */
int store_attachment_content(struct store *st, struct arena *a, int64_t id, int version,
                             const unsigned char **data, size_t *size, struct kl_error *err);

#endif

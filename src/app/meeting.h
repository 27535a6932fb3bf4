/* meeting.h - use cases of meetings: the year plan, one meeting's record and every change
 * of its status, and the secretariat's overview of publication deadlines.
 * Agenda items are in meeting_agenda.h, attendance and minutes in meeting_minutes.h,
 * follow-ups and referrals in meeting_followup.h, attachments in meeting_attachment.h, the
 * JSON shapes in meeting_json.h. docs/meetings.md explains the rules.
 *
 * Conventions of every meeting use case:
 * - Readers take the principal and return only what it may see: a meeting's record needs
 *   PERM_FORUM_PUBLISHED of its forum; what it may not see is left out of lists, and a
 *   single thing it may not see is KL_ENOTFOUND (or the KL_EPERM of app_authorize when it
 *   may see nothing of the forum at all). Structs and strings are filled in the caller's
 *   arena.
 * - Writers authorise first (PERM_FORUM_MANAGE of the forum unless said otherwise; KL_EPERM),
 *   then check values: problems go to fe per field (API names) and the call returns
 *   KL_EINVAL with nothing changed. A change that the meeting's status does not allow is
 *   KL_ECONFLICT with a message saying why. Each change is one transaction with its audit
 *   row(s) (entities "meeting", "agenda_item", ...; forum_id set).
 * - `now` is the current instant (UTC seconds); it decides deadlines and is recorded as the
 *   time of the change.
 * - Times cross this interface as UTC instants; meeting_parse_local (model/meeting.h) reads
 *   the Copenhagen wall-clock time people type. */
#ifndef KL_APP_MEETING_H
#define KL_APP_MEETING_H

#include "model/meeting.h"
#include "store/meeting.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct principal;
struct kl_error;
struct field_errors;

/* Reading. */

/* Meetings matching q (see store/meeting.h) of the forums who may see; forums in
 * q->forum_ids that who may not see are left out. By start time. */
int app_meeting_list(struct store *st, struct arena *a, const struct principal *who,
                     const struct meeting_query *q, struct meeting **out, size_t *n,
                     struct kl_error *err);

/* A cluster's plans side by side: the meetings and pre-meetings (not cancelled) of every
 * forum of cluster_code (linked to it, or serving its whole region) that who may see, on
 * Copenhagen days from..to inclusive. By start time. */
int app_meeting_plan(struct store *st, struct arena *a, const struct principal *who,
                     const char *cluster_code, int32_t from, int32_t to, struct meeting **out,
                     size_t *n, struct kl_error *err);

/* One meeting's record (PERM_FORUM_PUBLISHED). */
int app_meeting_get(struct store *st, struct arena *a, const struct principal *who, int64_t id,
                    struct meeting *out, struct kl_error *err);

/* Creating and changing. */

/* Adds m (status planned; m->id is set). A pre-meeting names its meeting in parent_id (of
 * the same forum). The chair, when given, must be a person. */
int app_meeting_create(struct store *st, const struct principal *who, struct meeting *m,
                       struct field_errors *fe, struct kl_error *err);

/* Changes m->id's own fields from m: title, starts_at/ends_at (moving the meeting), place,
 * chair, theme, site visit. Forum, kind and parent stay as stored. Only before the meeting
 * is held (KL_ECONFLICT after). Moving a meeting does not move its pre-meeting. */
int app_meeting_update(struct store *st, const struct principal *who, struct meeting *m,
                       struct field_errors *fe, struct kl_error *err);

/* Status changes, each its own action (meeting_transition_allowed decides; KL_ECONFLICT
 * when the meeting is not in the status before). */

/* planned → agenda_draft: the agenda starts from the standard items — "Godkendelse af
 * dagsorden", "Godkendelse af referat fra sidste møde" (linked to the forum's previous
 * meeting; left out when there is none), "Runde: Hvad er vi optagede af?", then the items
 * already placed on this meeting, then every pending item of the forum (brought back or
 * released from a cancelled meeting), and "Eventuelt" last. Pre-meetings get no standard
 * items. */
int app_meeting_start_agenda(struct store *st, const struct principal *who, int64_t id,
                             struct kl_error *err);

/* agenda_draft → agenda_published. Publishing on a Copenhagen day after the deadline
 * (meeting_publish_deadline with the forum's mandate.publish_days) needs a reason: without
 * one, KL_EINVAL with fe "late_reason". The reason is kept on the meeting (late_reason) and
 * in the audit row. A reason given when on time is ignored. */
int app_meeting_publish_agenda(struct store *st, const struct principal *who, int64_t id,
                               int64_t now, const char *late_reason, struct field_errors *fe,
                               struct kl_error *err);

/* agenda_published → held; not before the meeting's day (KL_ECONFLICT). */
int app_meeting_mark_held(struct store *st, const struct principal *who, int64_t id,
                          int64_t now, struct kl_error *err);

/* held → minutes_draft. */
int app_meeting_start_minutes(struct store *st, const struct principal *who, int64_t id,
                              struct kl_error *err);

/* minutes_draft → minutes_published. Open referrals that were taken up on this meeting's
 * agenda and have a decision (any outcome but postponed or brought back) are answered with
 * that decision, which then shows on the referring forum's item. */
int app_meeting_publish_minutes(struct store *st, const struct principal *who, int64_t id,
                                int64_t now, struct kl_error *err);

/* Any status before held → cancelled, with a reason (required, fe "reason"). The meeting's
 * pre-meetings that are not held are cancelled with it. The items on its agenda that are
 * not standard items go back to the forum's next agenda (as bring-back does) so nothing is
 * lost; the standard items are removed. */
int app_meeting_cancel(struct store *st, const struct principal *who, int64_t id,
                       const char *reason, struct field_errors *fe, struct kl_error *err);

/* The year plan. */

struct yearplan {
    int64_t forum_id;
    int year;                   /* every day must be in this year (fe "days") */
    const int32_t *days;        /* the meeting days (day numbers), any order */
    size_t ndays;               /* 1 to 60 */
    int start_minute;           /* local start, minutes after midnight (0-1439) */
    int duration_minutes;       /* 1 to 1440 */
    enum meeting_kind kind;     /* MEETING_REGULAR, SEMINAR or POLITICAL */
    const char *place;          /* may be NULL */
    int pre_start_minute;       /* pre-meetings' local start; -1: as the meeting */
    int pre_duration_minutes;   /* 0: one hour */
};

struct yearplan_result {
    int64_t *meeting_ids;       /* in the order of the days */
    int64_t *pre_ids;           /* the pre-meeting of each, or 0 */
    size_t n;
    int below_minimum;          /* the forum now has fewer meetings that year than its
                                   mandate's min_meetings */
};

/* Creates a meeting on each day, and when the forum's mandate asks for pre-meetings
 * (premeeting_days >= 0) a pre-meeting that many days before each. A day on which the forum
 * already has a meeting of that kind is refused (fe "days"), so running a plan twice adds
 * nothing. All or nothing; one audit row per meeting. */
int app_yearplan_create(struct store *st, struct arena *a, const struct principal *who,
                        const struct yearplan *p, struct yearplan_result *out,
                        struct field_errors *fe, struct kl_error *err);

/* The secretariat's overview. */

struct meeting_deadline {
    struct meeting meeting;
    int has_deadline;           /* 0 for pre-meetings */
    int32_t deadline;           /* last day to publish the agenda on time (Copenhagen) */
    int days_left;              /* deadline - today (negative when overdue) */
    enum publish_urgency urgency;
};

/* Every upcoming meeting (from today, Copenhagen, not cancelled) of the forums where who
 * is secretary, or of all forums for administrators, by start time, with its deadline and
 * urgency. Empty for everybody else; KL_EPERM when not signed in. */
int app_meeting_overview(struct store *st, struct arena *a, const struct principal *who,
                         int64_t now, struct meeting_deadline **out, size_t *n,
                         struct kl_error *err);

#endif

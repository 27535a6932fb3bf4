/* meeting_json.h - meetings, agenda items, attachments, attendance, follow-ups and
 * referrals as JSON objects: one shape for the audit log's before/after values and for the
 * JSON API. Each returns a new reference, or NULL when out of memory.
 *
 * Instants are UTC strings "YYYY-MM-DDTHH:MM:SSZ" (null when not set), with the Copenhagen
 * wall-clock time beside the meeting's start and end ("starts_local": "2019-11-27 12:30");
 * a meeting's "deadline" is the last day to publish its agenda on time (null for a
 * pre-meeting; computed from the publish_days that readers fill);
 * days are "YYYY-MM-DD" (null when none); a missing reference is null; enums are their
 * stored names; rooms is a list of room names. These functions do not filter: give them
 * only what the principal may see (the readers of meeting_agenda.h do that). */
#ifndef KL_APP_MEETING_JSON_H
#define KL_APP_MEETING_JSON_H

#include <jansson.h>

struct meeting;
struct agenda_item;
struct attachment_info;
struct attendance;
struct followup;
struct referral;

json_t *meeting_json(const struct meeting *m);
/* with_text: the case text; with_minutes: decision and outcome. */
json_t *agenda_item_json(const struct agenda_item *it, int with_text, int with_minutes);
json_t *attachment_json(const struct attachment_info *i);
json_t *attendance_json(const struct attendance *a);
json_t *followup_json(const struct followup *f);
json_t *referral_json(const struct referral *r);

#endif

/* handlers_api_meetings.h - the handlers of the JSON API of meetings under /api/v1/, named in
 * the route table (route_table.c): meetings with their agendas and attendance, status
 * changes, agenda items and decisions, absences, follow-ups and referrals. Each takes the
 * request, fills r->res with JSON and returns 0, or returns a negative KL_E... code with
 * r->err filled (see request.h). The readers of the app layer decide what the principal may
 * see, so the routes need at most a signed-in user; docs/meetings.md lists the endpoints. */
#ifndef KL_WEB_HANDLERS_API_MEETINGS_H
#define KL_WEB_HANDLERS_API_MEETINGS_H

struct request;

/* Meetings (api_meetings.c). */

/* GET /api/v1/meetings?forum=ID&from=YYYY-MM-DD&to=YYYY-MM-DD&status=NAME: the meetings and
 * pre-meetings the principal may see, by start time: {"meetings": [...]}. */
int api_meetings(struct request *r);
/* POST /api/v1/meetings: creates a planned meeting; 201 with it. */
int api_meeting_create(struct request *r);
/* GET /api/v1/meetings/{id}: the meeting with "items" (its agenda as the principal may see
 * it) and "attendance" (null when the principal may not see it yet). */
int api_meeting(struct request *r);
/* PUT /api/v1/meetings/{id}: changes the fields sent (time, place, chair, title, theme, site
 * visit); 200 with the meeting. */
int api_meeting_update(struct request *r);
/* POST /api/v1/meetings/{id}/status {"action": ..., "reason": ...}: one status change;
 * 200 with the meeting. */
int api_meeting_status(struct request *r);
/* POST /api/v1/meetings/{id}/absence {"person_id", "substitute_id", "note", "withdraw"}:
 * registers (or withdraws) an absence; 200 with the attendance. */
int api_meeting_absence(struct request *r);

/* Agenda items (api_items.c). */

/* POST /api/v1/meetings/{id}/items: adds an item before "Eventuelt"; 201 with it. */
int api_item_create(struct request *r);
/* GET /api/v1/items/{id}: one item as the principal may see it. */
int api_item(struct request *r);
/* PUT /api/v1/items/{id}: changes the content fields sent; 200 with the item. */
int api_item_update(struct request *r);
/* POST /api/v1/items/{id}/decision {"decision", "outcome"}: records the minutes of the item;
 * 200 with the item. */
int api_item_decision(struct request *r);

/* Follow-ups and referrals (api_followups.c). */

/* GET /api/v1/followups?forum=ID|person=ID&status=NAME: a forum's follow-ups, or a person's
 * (the principal's own without either): {"followups": [...]}. */
int api_followups(struct request *r);
/* POST /api/v1/followups: a follow-up of a decision; 201 with it. */
int api_followup_create(struct request *r);
/* GET /api/v1/referrals?forum=ID&box=inbox|outbox|next_level&status=NAME:
 * {"referrals": [...]}. */
int api_referrals(struct request *r);
/* POST /api/v1/referrals: hands an item to another forum; 201 with the referral. */
int api_referral_create(struct request *r);
/* POST /api/v1/referrals/{id}/answer {"answer"}: the receiving forum answers; 200. */
int api_referral_answer(struct request *r);

/* Attachments (api_attachments.c); the bytes stay at GET /attachments/{id}?version=N. */

/* POST /api/v1/items/{id}/attachments (multipart/form-data: "file", optional "title"):
 * 201 with the attachment and its "history" of versions; 413 over the size limit. */
int api_attachment_create(struct request *r);
/* POST /api/v1/attachments/{id}/versions (multipart/form-data: "file"): a new version; the
 * older stay. 201 with the attachment. */
int api_attachment_version(struct request *r);
/* GET /api/v1/attachments/{id}: the latest version with "history" (newest first) and each
 * version's "url". */
int api_attachment(struct request *r);
/* DELETE /api/v1/attachments/{id}: removes it with every version; 204. */
int api_attachment_delete(struct request *r);

/* The agenda's order and proposals (api_agenda.c). */

/* DELETE /api/v1/items/{id}: removes an item (not from a published agenda); 204. */
int api_item_delete(struct request *r);
/* POST /api/v1/items/{id}/move {"position"}: renumbers the agenda; 200 with the item. */
int api_item_move(struct request *r);
/* POST /api/v1/forums/{id}/proposals: a member proposes an item; 201 with it. */
int api_proposal_create(struct request *r);
/* GET /api/v1/forums/{id}/items?state=proposed|pending|declined: {"items": [...]}. */
int api_forum_items(struct request *r);
/* POST /api/v1/items/{id}/accept {"meeting_id"}: a proposal or pending item onto that
 * meeting's agenda; 200 with the item. */
int api_item_accept(struct request *r);
/* POST /api/v1/items/{id}/decline {"reason"}: 200 with the declined proposal. */
int api_item_decline(struct request *r);

/* Attendance and approval by circulation (api_attendance.c). */

/* POST /api/v1/meetings/{id}/presence {"person_id", "present"}: 200 with the attendance. */
int api_meeting_presence(struct request *r);
/* POST /api/v1/meetings/{id}/guests {"person_id", "item_id", "note"}: 201 with the
 * attendance. */
int api_meeting_guest(struct request *r);
/* DELETE /api/v1/meetings/{id}/attendance/{person}: removes a guest or a substitute, or
 * resets a member to expected; 200 with the attendance. */
int api_attendee_remove(struct request *r);
/* POST /api/v1/meetings/{id}/approval {"person_ids", "approved_on"}: the published minutes
 * approved by circulation; 200 with {"approvers": [...]}. */
int api_minutes_approval(struct request *r);
/* GET /api/v1/meetings/{id}/approvers: {"approvers": [{"person_id", "name",
 * "approved_on"}]}. */
int api_minutes_approvers(struct request *r);

/* Changes of follow-ups and referrals (api_followup_changes.c). */

/* PUT /api/v1/followups/{id} {"what", "owner_person_id" | "owner_organisation_id" |
 * "owner_forum_id", "due_on"}: 200 with the follow-up. */
int api_followup_update(struct request *r);
/* POST /api/v1/followups/{id}/status {"status"}: 200 with the follow-up. */
int api_followup_status(struct request *r);
/* POST /api/v1/followups/{id}/bring-back: 201 with the item put on the next agenda. */
int api_followup_bring_back(struct request *r);
/* POST /api/v1/referrals/{id}/take-up {"meeting_id"}: 201 with the new item. */
int api_referral_take_up(struct request *r);
/* POST /api/v1/referrals/{id}/withdraw {"reason"}: 200 with the referral. */
int api_referral_withdraw(struct request *r);

#endif

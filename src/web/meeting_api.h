/* meeting_api.h - what the files of the meetings' JSON API (api_meetings.c, api_items.c,
 * api_followups.c) share: path and query parameters read into field errors, the answer to a
 * save, lists, and the JSON of an agenda entry and of attendance. Private to src/web. */
#ifndef KL_WEB_MEETING_API_H
#define KL_WEB_MEETING_API_H

#include <jansson.h>
#include <stdint.h>

struct request;
struct field_errors;
struct agenda_entry;
struct attendance_report;
struct agenda_item;

/* Path parameter i as a record id: 0, or KL_ENOTFOUND with r->err filled. */
int mapi_param_id(struct request *r, size_t i, int64_t *id);

/* Query argument name as a record id into *out (left alone when absent or empty); a
 * problem goes to fe under name. */
void mapi_query_id(struct request *r, const char *name, int64_t *out, struct field_errors *fe);

/* Query argument name as a day "YYYY-MM-DD" into *out (left alone when absent or empty); a
 * problem goes to fe under name. */
void mapi_query_day(struct request *r, const char *name, int32_t *out, struct field_errors *fe);

/* Query argument name as one of names (NULL-terminated): *out is its index, -1 when absent
 * or empty; anything else goes to fe under name. */
void mapi_query_choice(struct request *r, const char *name, const char *const *names, int *out,
                       struct field_errors *fe);

/* The answer to a change: the 400 naming each field of fe when rc is KL_EINVAL with fields,
 * rc when it failed otherwise, else status (201 or 200) with record. record (a new
 * reference, may be NULL) is always released or sent. */
int mapi_saved(struct request *r, int rc, const struct field_errors *fe, int status,
               json_t *record);

/* The 400 naming each field of fe (which must have problems). Returns 0. */
int mapi_invalid(struct request *r, const struct field_errors *fe);

/* The answer to a removal: 204 without a body. Returns 0. */
int mapi_deleted(struct request *r);

/* Appends item (a new reference) to list; returns -1 when item is NULL (out of memory). */
int mapi_push(json_t *list, json_t *item);

/* Sends {"key": list}; bad (a failed push) or a NULL list is out of memory. */
int mapi_send_list(struct request *r, const char *key, json_t *list, int bad);

/* Reads the content fields of an agenda item sent in in (title, rooms as a list of room
 * names, recommendation as one text or a list of lines, case_text, presenter,
 * written_orientation, closed) into it: only those sent (api_items.c). */
void mapi_read_item(struct request *r, json_t *in, struct agenda_item *it,
                    struct field_errors *fe);

/* An agenda entry: the item (case text; decision and outcome when the minutes are visible)
 * with "attachments", and "followups" and "referrals" when the minutes are visible. */
json_t *mapi_entry_json(const struct agenda_entry *e);

/* Attendance as the minutes list it: {"present": [{"organisation_id", "organisation_name",
 * "people": [...]}], "absent": [...], "guests": [...], "secretariat": [...]}. */
json_t *mapi_attendance_json(const struct attendance_report *rep);

#endif

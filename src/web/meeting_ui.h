/* meeting_ui.h - the forms and small pieces of the meeting pages, shared by the meeting page
 * (pages_meeting.c) and the handlers that receive the forms (posts_meeting.c), which show
 * the page again with the problems when a form comes back invalid. */
#ifndef KL_WEB_MEETING_UI_H
#define KL_WEB_MEETING_UI_H

#include "model/meeting.h"

#include <stdint.h>

struct html;
struct request;
struct agenda;
struct agenda_entry;
struct attendance_report;
struct field_errors;
struct form;

/* A form sent back with problems: which form (the item it was about, 0 for the meeting's
 * own forms), its problems and what was sent. */
struct meeting_forms {
    int64_t item_id;
    const struct field_errors *fe;
    const struct form *sent;
};

/* The status as a badge with its words. */
void meeting_status_badge(struct request *r, struct html *h, enum meeting_status s);

/* The secretary's forms on one item: move, remove, attach a file, record the decision, add a
 * follow-up, refer it to another forum (each shown when the meeting's status allows it). */
void meeting_item_forms(struct request *r, struct html *h, const struct agenda *ag,
                        const struct agenda_entry *e, const struct meeting_forms *forms);

/* The form that adds an item to the agenda. */
void meeting_add_item_form(struct request *r, struct html *h, const struct agenda *ag,
                           const struct meeting_forms *forms);

/* A member's form that proposes an item to the forum. */
void meeting_propose_form(struct request *r, struct html *h, const struct agenda *ag);

/* Registering an absence with a substitute (the member herself or the secretary), and the
 * secretary's marks of who was present. */
void meeting_attendance_forms(struct request *r, struct html *h, const struct agenda *ag,
                              const struct attendance_report *rep);

/* The meeting page with forms (may be NULL) sent back with their problems. */
int meeting_page(struct request *r, int64_t id, const struct meeting_forms *forms);

#endif

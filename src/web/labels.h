/* labels.h - the words the interface uses for stored names: forum kinds, organisation kinds,
 * membership roles (msgids, translated with T_). */
#ifndef KL_WEB_LABELS_H
#define KL_WEB_LABELS_H

#include "model/forum.h"
#include "model/meeting.h"
#include "model/people.h"

extern const char *const forum_kind_labels[FORUM_KIND_COUNT];
extern const char *const org_kind_labels[ORG_KIND_COUNT];
extern const char *const member_role_labels[MEMBER_ROLE_COUNT];

extern const char *const meeting_kind_labels[MEETING_KIND_COUNT];
extern const char *const meeting_status_labels[MEETING_STATUS_COUNT];
extern const char *const item_outcome_labels[OUTCOME_COUNT];
extern const char *const urgency_labels[4];
extern const char *const followup_status_labels[FOLLOWUP_STATUS_COUNT];
extern const char *const referral_status_labels[REFERRAL_STATUS_COUNT];

/* The four rooms of an item (orienterende, udviklende, forhandlende, beslutning): the msgid
 * of room bit i (0..3). */
extern const char *const room_labels[4];

/* The row of the organisation chart a kind of forum sits in (0: top). */
int forum_kind_level(enum forum_kind k);

#endif

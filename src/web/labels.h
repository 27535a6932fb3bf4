/* labels.h - the words the interface uses for stored names: forum kinds, organisation kinds,
 * membership roles (msgids, translated with T_). */
#ifndef KL_WEB_LABELS_H
#define KL_WEB_LABELS_H

#include "model/forum.h"
#include "model/people.h"

extern const char *const forum_kind_labels[FORUM_KIND_COUNT];
extern const char *const org_kind_labels[ORG_KIND_COUNT];
extern const char *const member_role_labels[MEMBER_ROLE_COUNT];

/* The row of the organisation chart a kind of forum sits in (0: top). */
int forum_kind_level(enum forum_kind k);

#endif

/* templates.h - standard organisations: one action creates a cluster's forums from a
 * template, with reporting lines and mandates filled in (and editable afterwards), and the
 * organisations they need (the region, the acute hospitals, each municipality, general
 * practice, psychiatry and the patient panel) when they are missing.
 *
 * The templates are the three generations of the seeds: "Sundhedsklynge (2022 law)",
 * "Klyngestyregruppe (2019)" and "Regional sundhedsaftale". */
#ifndef KL_APP_TEMPLATES_H
#define KL_APP_TEMPLATES_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct principal;
struct kl_error;

struct org_template {
    const char *id;          /* "cluster-2022" */
    const char *name;        /* "Sundhedsklynge (2022 law)" (msgid) */
    const char *description; /* one sentence (msgid) */
    int regional;            /* applies to a cluster's whole region, not to the cluster */
};

/* The templates, terminated by a NULL id. */
extern const struct org_template org_templates[];

/* The template called id, or NULL. */
const struct org_template *org_template_find(const char *id);

#define TEMPLATE_MAX_FORUMS 8

/* Creates template id's forums for the cluster cluster_code (the regional template: for the
 * cluster's region), all in one transaction, each audited. Only administrators may (KL_EPERM).
 * KL_ENOTFOUND for an unknown template or cluster. The new forums' ids go to ids (room for
 * TEMPLATE_MAX_FORUMS) and their number to *n, top of the hierarchy first. */
int app_template_apply(struct store *st, const struct principal *who, const char *id,
                       const char *cluster_code, int64_t *ids, size_t *n, struct kl_error *err);

#endif

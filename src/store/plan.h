/* plan.h - SQL for action plans, initiatives, their milestones, funds, indicator and agenda
 * links, status rounds and status reports (the model is model/plan.h).
 *
 * Conventions as in store/meeting.h: readers fill structs whose strings live in the caller's
 * arena; writers run inside the caller's transaction and check nothing but what the schema
 * checks. All return 0 or a negative KL_E... code with err filled: KL_ENOTFOUND for a
 * missing row, KL_ECONFLICT for a duplicate (a label used twice in a plan), KL_EINVAL for a
 * reference to a row that does not exist or a value the schema refuses. */
#ifndef KL_STORE_PLAN_H
#define KL_STORE_PLAN_H

#include "model/plan.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct kl_error;

/* Action plans. */

int store_plan_insert(struct store *st, const struct action_plan *p, int64_t *id,
                      struct kl_error *err);
/* Writes title, period, approving item and funds rule of p->id. */
int store_plan_update(struct store *st, const struct action_plan *p, struct kl_error *err);
int store_plan_get(struct store *st, struct arena *a, int64_t id, struct action_plan *out,
                   struct kl_error *err);
/* The plans of forum_id (0: every forum), newest period first, with ninitiatives. */
int store_plan_list(struct store *st, struct arena *a, int64_t forum_id,
                    struct action_plan **out, size_t *n, struct kl_error *err);

/* Initiatives. */

struct initiative_query {
    int64_t plan_id;        /* 0: any */
    int64_t group_forum_id; /* 0: any */
    int64_t origin_id;      /* 0: any; else the initiatives adopted from or ordered by it */
    int offered_only;       /* only initiatives offered for spread */
};

/* Inserts in (all its own fields) and sets *id. */
int store_initiative_insert(struct store *st, const struct initiative *in, int64_t *id,
                            struct kl_error *err);
/* Writes every own field of in->id but plan and origin. */
int store_initiative_update(struct store *st, const struct initiative *in,
                            struct kl_error *err);
int store_initiative_get(struct store *st, struct arena *a, int64_t id,
                         struct initiative *out, struct kl_error *err);
/* Initiatives matching q in natural label order within each plan (the plans by id). */
int store_initiative_list(struct store *st, struct arena *a, const struct initiative_query *q,
                          struct initiative **out, size_t *n, struct kl_error *err);

/* Replaces the indicators initiative id follows with codes[0..n). */
int store_initiative_set_indicators(struct store *st, int64_t id, const char *const *codes,
                                    size_t n, struct kl_error *err);
/* The indicator codes initiative id follows, by code. */
int store_initiative_indicators(struct store *st, struct arena *a, int64_t id,
                                const char ***codes, size_t *n, struct kl_error *err);

/* Links agenda item item_id to initiative id (KL_ECONFLICT when linked already). */
int store_initiative_link_item(struct store *st, int64_t id, int64_t item_id,
                               struct kl_error *err);
/* The agenda items linked to initiative id, by item id. */
int store_initiative_items(struct store *st, struct arena *a, int64_t id, int64_t **items,
                           size_t *n, struct kl_error *err);

/* An agenda item and an initiative it concerns. */
struct initiative_link {
    int64_t item_id, initiative_id;
};

/* The links between the items on meeting_id's agenda and initiatives, by item and
 * initiative. */
int store_meeting_initiative_links(struct store *st, struct arena *a, int64_t meeting_id,
                                   struct initiative_link **out, size_t *n,
                                   struct kl_error *err);

/* Milestones. */

int store_milestone_insert(struct store *st, const struct milestone *m, int64_t *id,
                           struct kl_error *err);
/* Writes title, due and done days of m->id. */
int store_milestone_update(struct store *st, const struct milestone *m, struct kl_error *err);
int store_milestone_get(struct store *st, struct arena *a, int64_t id, struct milestone *out,
                        struct kl_error *err);
/* The milestones of initiative_id by due day. */
int store_milestone_list(struct store *st, struct arena *a, int64_t initiative_id,
                         struct milestone **out, size_t *n, struct kl_error *err);

/* Funds. */

/* The funds of initiative_id in year; a zero row (allocated, spent and carries 0) when none
 * was stored. */
int store_funds_get(struct store *st, int64_t initiative_id, int year, struct funds_year *out,
                    struct kl_error *err);
/* Stores f (insert or replace of its initiative and year). */
int store_funds_put(struct store *st, const struct funds_year *f, struct kl_error *err);
/* The stored years of initiative_id (0: of every initiative of plan_id), by initiative and
 * year. */
int store_funds_list(struct store *st, struct arena *a, int64_t initiative_id, int64_t plan_id,
                     struct funds_year **out, size_t *n, struct kl_error *err);

/* Status rounds and reports. */

int store_status_round_insert(struct store *st, const struct status_round *r, int64_t *id,
                       struct kl_error *err);
int store_status_round_get(struct store *st, struct arena *a, int64_t id, struct status_round *out,
                    struct kl_error *err);
/* The rounds of plan_id (0: every plan), newest first. */
int store_status_round_list(struct store *st, struct arena *a, int64_t plan_id,
                     struct status_round **out, size_t *n, struct kl_error *err);

/* An empty report of initiative_id in round_id. */
int store_report_insert(struct store *st, int64_t round_id, int64_t initiative_id,
                        struct kl_error *err);
int store_report_get(struct store *st, struct arena *a, int64_t id, struct status_report *out,
                     struct kl_error *err);
/* The reports of round_id (in natural label order), or with round_id 0 those of
 * initiative_id (the initiative's timeline, oldest round first). */
int store_report_list(struct store *st, struct arena *a, int64_t round_id,
                      int64_t initiative_id, struct status_report **out, size_t *n,
                      struct kl_error *err);
/* Writes the extension of r->id (extended_to, extension_reason). */
int store_report_extend(struct store *st, const struct status_report *r, struct kl_error *err);
/* Writes the submission of r->id: light, the five texts, submitted_at and submitted_by. */
int store_report_submit(struct store *st, const struct status_report *r, struct kl_error *err);

#endif

/* plan.h - use cases of action plans (handleplaner) and their initiatives (indsatser):
 * plans, initiatives with milestones, funds and links to indicators and agenda items, status
 * rounds with one report per initiative, and spread between clusters (process types A and
 * B of seed 004). The rules themselves are in model/plan.h.
 *
 * Who may do what (decided through app_authorize):
 * - a plan, its initiatives, rounds, the round overview and submitted reports are read by
 *   those who may read what the plan's forum publishes (PERM_FORUM_PUBLISHED); the members
 *   of an initiative's group (PERM_FORUM_INTERNAL of the group) read their initiative and its
 *   reports as well; an initiative offered for spread is read by every signed-in user (the
 *   region's catalogue of solutions other clusters may adopt);
 * - the plan forum's secretary (PERM_FORUM_MANAGE) creates and changes plans and
 *   initiatives, funds, opens rounds and grants extensions, offers an initiative for spread
 *   and adopts one into its plan;
 * - milestones are kept by the plan's secretary and by the group's members;
 * - only the members of an initiative's group (PERM_FORUM_INTERNAL of the group) submit its
 *   status report; nobody else, the plan's secretary included (administrators may do all);
 * - an agenda item is linked to an initiative by the secretary of the item's forum;
 * - a type-B order is placed by the secretary of a forum that serves a whole region.
 *
 * Every change is audited with before and after. All functions return 0 or a negative
 * KL_E... code with err filled (KL_EPERM, KL_ENOTFOUND, KL_EINVAL with the field problems in
 * fe when fe is not NULL, KL_ECONFLICT, KL_EDB); on failure nothing is changed. Results are
 * allocated in the caller's arena a. `now` is the current instant (UTC), `today` the
 * current Copenhagen day: callers pass them so that tests can fix time. */
#ifndef KL_APP_PLAN_H
#define KL_APP_PLAN_H

#include "model/plan.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct buf;
struct store;
struct principal;
struct kl_error;
struct field_errors;
struct agenda_item;

/* Plans. */

/* Creates p (p->forum_id's secretary; p->id is set). fe: "title", "starts_on", "ends_on",
 * "funds_rule", "approved_item_id" (must be an item of the plan's forum). */
int app_plan_create(struct store *st, const struct principal *who, struct action_plan *p,
                    struct field_errors *fe, struct kl_error *err);
/* Changes title, period, approving item and funds rule of p->id (its forum is kept). */
int app_plan_update(struct store *st, const struct principal *who, struct action_plan *p,
                    struct field_errors *fe, struct kl_error *err);
int app_plan_get(struct store *st, struct arena *a, const struct principal *who, int64_t id,
                 struct action_plan *out, struct kl_error *err);
/* The plans of forum_id (0: all) that who may read, newest first. */
int app_plan_list(struct store *st, struct arena *a, const struct principal *who,
                  int64_t forum_id, struct action_plan **out, size_t *n, struct kl_error *err);

/* Initiatives. */

/* Creates in (in plan in->plan_id; status proposed or active; origin and offered_at are
 * not set here, see spread below; in->id is set), following the indicators codes[0..ncodes)
 * (codes of the catalogue, each once), in one transaction. Problems already in fe (a caller's
 * own, such as a field of the wrong type) count as well, after the right is checked: then
 * nothing is stored. fe: "label" (also when the plan has the label already), "title",
 * "description", "targets", "group_forum_id", "responsible_person_id", "process", "status",
 * "status_reason", "involvement_how", "data_plan", "indicators". */
int app_initiative_create(struct store *st, const struct principal *who, struct initiative *in,
                          const char *const *codes, size_t ncodes, struct field_errors *fe,
                          struct kl_error *err);
/* Changes the own fields of in->id (plan, origin and offered_at are kept) and, when codes is
 * not NULL, the indicators it follows to codes[0..ncodes) (none when ncodes is 0); a status
 * change must follow initiative_transition_allowed ("status": "cannot change from X to Y").
 * As creating: the right first, then every problem, then all or nothing. */
int app_initiative_update(struct store *st, const struct principal *who, struct initiative *in,
                          const char *const *codes, size_t ncodes, struct field_errors *fe,
                          struct kl_error *err);
int app_initiative_get(struct store *st, struct arena *a, const struct principal *who,
                       int64_t id, struct initiative *out, struct kl_error *err);
/* The initiatives of plan_id (PERM_FORUM_PUBLISHED of its forum), in label order. */
int app_initiative_list(struct store *st, struct arena *a, const struct principal *who,
                        int64_t plan_id, struct initiative **out, size_t *n,
                        struct kl_error *err);
/* The initiatives run by group forum_id that who may see (a group's own page). */
int app_initiative_list_group(struct store *st, struct arena *a, const struct principal *who,
                              int64_t forum_id, struct initiative **out, size_t *n,
                              struct kl_error *err);

/* The indicator codes initiative id follows, by code, when who may read it. */
int app_initiative_indicators(struct store *st, struct arena *a, const struct principal *who,
                              int64_t id, const char ***codes, size_t *n,
                              struct kl_error *err);

/* Records that agenda item item_id concerns initiative id (the item forum's secretary, who
 * must be able to read the initiative; KL_ECONFLICT when linked already). */
int app_initiative_link_item(struct store *st, const struct principal *who, int64_t id,
                             int64_t item_id, struct kl_error *err);
/* The agenda items about initiative id that who may see, oldest first; their decisions are
 * blanked unless who may read the minutes. */
int app_initiative_items(struct store *st, struct arena *a, const struct principal *who,
                         int64_t id, struct agenda_item **out, size_t *n,
                         struct kl_error *err);

/* An agenda item and an initiative it concerns. */
struct item_initiative {
    int64_t item_id;
    struct initiative initiative;
};

/* The initiatives the items on meeting_id's agenda concern, those who may read (the others
 * are left out), by item. The caller shows them only on items it shows. */
int app_meeting_initiatives(struct store *st, struct arena *a, const struct principal *who,
                            int64_t meeting_id, struct item_initiative **out, size_t *n,
                            struct kl_error *err);

/* Milestones. */

/* Adds m to initiative m->initiative_id (m->id is set). fe: "title", "due_on". */
int app_milestone_add(struct store *st, const struct principal *who, struct milestone *m,
                      struct field_errors *fe, struct kl_error *err);
/* Changes title, due and done days of m->id. */
int app_milestone_update(struct store *st, const struct principal *who, struct milestone *m,
                         struct field_errors *fe, struct kl_error *err);
/* One milestone, when who may read its initiative. */
int app_milestone_get(struct store *st, struct arena *a, const struct principal *who,
                      int64_t id, struct milestone *out, struct kl_error *err);
int app_milestone_list(struct store *st, struct arena *a, const struct principal *who,
                       int64_t initiative_id, struct milestone **out, size_t *n,
                       struct kl_error *err);

/* Funds. */

/* Sets what was allocated to and spent by initiative_id in year (øre; the carries are kept).
 * fe: "year", "allocated", "spent". The plan's secretary. */
int app_funds_set(struct store *st, const struct principal *who, int64_t initiative_id,
                  int year, int64_t allocated, int64_t spent, struct field_errors *fe,
                  struct kl_error *err);
/* Carries amount øre of what is left of initiative_id's year over to year + 1 (fe "amount"
 * when it is not positive or more than is left). */
int app_funds_carry(struct store *st, const struct principal *who, int64_t initiative_id,
                    int year, int64_t amount, struct field_errors *fe, struct kl_error *err);
/* The funds years of initiative_id, or with initiative_id 0 of every initiative of plan_id. */
int app_funds_list(struct store *st, struct arena *a, const struct principal *who,
                   int64_t initiative_id, int64_t plan_id, struct funds_year **out, size_t *n,
                   struct kl_error *err);

/* Status rounds. */

/* Opens round r for plan r->plan_id (opened_on today when DATE_OPEN), asking every
 * initiative that reports (model: initiative_reports) for a report. r->id is set; *asked
 * (may be NULL) gets how many reports were asked for. fe: "title", "due_on", "fields". */
int app_status_round_open(struct store *st, const struct principal *who, struct status_round *r,
                   int32_t today, size_t *asked, struct field_errors *fe, struct kl_error *err);
int app_status_round_get(struct store *st, struct arena *a, const struct principal *who, int64_t id,
                  struct status_round *out, struct kl_error *err);
/* The rounds of plan_id, newest first. */
int app_status_round_list(struct store *st, struct arena *a, const struct principal *who,
                   int64_t plan_id, struct status_round **out, size_t *n,
                   struct kl_error *err);

/* A round as the secretariat and the Chefforum see it. */
struct round_overview {
    struct status_round round;
    struct action_plan plan;
    struct status_report *reports; /* in label order */
    enum report_state *states;     /* one per report, on `today` */
    size_t n;
    size_t count[REPORT_STATE_COUNT];
};

/* The overview of round id on day today. */
int app_status_round_overview(struct store *st, struct arena *a, const struct principal *who,
                       int64_t id, int32_t today, struct round_overview *out,
                       struct kl_error *err);

/* Appends the sentences a Chefforum reads about ov, in lang ("da" or "en"): which
 * initiatives have not submitted ("Indsats 1b, 3 og 13 har ikke indgivet status."), which
 * were late, and which have an extension; or that every report is in. Returns 0 or
 * KL_ENOMEM. */
int app_status_round_summary(const struct round_overview *ov, const char *lang, struct buf *out,
                      struct kl_error *err);

/* The reports behind the overdue work of the forums whose secretary who is (with forum_id
 * not 0: of that forum only): reports that are missing on day today in rounds of their
 * plans, oldest due first. */
int app_reports_overdue(struct store *st, struct arena *a, const struct principal *who,
                        int64_t forum_id, int32_t today, struct status_report **out, size_t *n,
                        struct kl_error *err);

/* Reports. */

/* One report: readable as the initiative is (see above). */
int app_report_get(struct store *st, struct arena *a, const struct principal *who, int64_t id,
                   struct status_report *out, struct kl_error *err);
/* The round of report id, when who may read the report: a member of the initiative's group
 * learns what the round asks even when the plan's forum is not theirs to read. */
int app_report_round(struct store *st, struct arena *a, const struct principal *who,
                     int64_t id, struct status_round *out, struct kl_error *err);
/* The reports of initiative id, oldest round first: its timeline. */
int app_report_timeline(struct store *st, struct arena *a, const struct principal *who,
                        int64_t initiative_id, struct status_report **out, size_t *n,
                        struct kl_error *err);
/* The plan's secretary moves report id's due day to `to` (after the round's due day) with a
 * reason. fe: "extended_to", "extension_reason". */
int app_report_extend(struct store *st, const struct principal *who, int64_t id, int32_t to,
                      const char *reason, struct field_errors *fe, struct kl_error *err);
/* A member of the initiative's group submits (or amends) report r->id: r->light and the
 * texts the round asks for (status_report_check). The first submission's time is kept, so
 * an amendment does not make a report late. fe: "light", "scope", "data", "schedule",
 * "funds", "involvement". */
int app_report_submit(struct store *st, const struct principal *who,
                      const struct status_report *r, int64_t now, struct field_errors *fe,
                      struct kl_error *err);

/* Spread. */

/* Offers completed type-A initiative id for spread to other clusters (the plan's
 * secretary; KL_EINVAL when it is not type A or not completed, KL_ECONFLICT when offered). */
int app_initiative_offer(struct store *st, const struct principal *who, int64_t id,
                         int64_t now, struct kl_error *err);
/* Adopts offered initiative origin_id into plan plan_id (that plan's secretary; another
 * plan than the origin's): a new proposed type-A initiative with the origin's title,
 * description, target groups and data plan, label `label` (NULL: the origin's), linked to
 * the origin. *id gets it. KL_ECONFLICT when the plan adopted it already. fe: "label". */
int app_initiative_adopt(struct store *st, const struct principal *who, int64_t origin_id,
                         int64_t plan_id, const char *label, int64_t *id,
                         struct field_errors *fe, struct kl_error *err);
/* Orders type-B initiative origin_id (of a plan of a forum serving a whole region; that
 * forum's secretary) to be implemented in the plans plan_ids[0..n), each a plan of a forum of
 * that region's clusters (KL_EINVAL naming one that is not): in each a new proposed
 * type-B initiative with the origin's label, title, description, target groups and data
 * plan, linked to the origin. ids (room for n; may be NULL) get them. All or nothing:
 * KL_ECONFLICT naming the plan that has the label or the order already. */
int app_initiative_order(struct store *st, const struct principal *who, int64_t origin_id,
                         const int64_t *plan_ids, size_t n, int64_t *ids,
                         struct kl_error *err);

/* The plans type-B initiative origin_id may be ordered into: every plan of a forum of the
 * region's clusters (or serving the region), but its own; for the ordering forum's
 * secretary, who need not be able to read them otherwise. Newest first. */
int app_initiative_order_targets(struct store *st, struct arena *a,
                                 const struct principal *who, int64_t origin_id,
                                 struct action_plan **out, size_t *n, struct kl_error *err);

/* Where an initiative has spread: its origin (itself when it has none) and the initiatives
 * linked to that origin, each with its latest light and clusters. Who may read the origin
 * sees the whole trail (the steering group sees every cluster's implementation of its
 * order side by side); otherwise only the linked initiatives who may read. */
struct spread {
    struct initiative origin;
    struct initiative *linked;
    size_t n;
};
int app_initiative_spread(struct store *st, struct arena *a, const struct principal *who,
                          int64_t id, struct spread *out, struct kl_error *err);

/* Documents (plan_docs.c): the plan's workbook and a round's overview as PDF or workbook,
 * with what who may read, in lang; appended to out, with a file name for the download in
 * *filename (arena a; may be NULL). */

enum plan_doc_format { PLAN_DOC_PDF = 0, PLAN_DOC_XLSX };

/* The plan with its initiatives and funds as a workbook ("handleplan-ID.xlsx"). */
int app_plan_xlsx(struct store *st, struct arena *a, const struct principal *who,
                  int64_t plan_id, const char *lang, struct buf *out, const char **filename,
                  struct kl_error *err);
/* The overview of round id on day today ("statusrunde-ID.pdf" or ".xlsx"). */
int app_status_round_doc(struct store *st, struct arena *a, const struct principal *who,
                         int64_t id, int32_t today, enum plan_doc_format format,
                         const char *lang, struct buf *out, const char **filename,
                         struct kl_error *err);
/* Puts the overview of round id (as on day today) on agenda item item_id as an attachment
 * titled "Statusoversigt: ROUND" (app_attachment_add's rights and checks: the item forum's
 * secretary, while the agenda may change). *attachment_id (may be NULL) is set. */
int app_status_round_attach(struct store *st, struct arena *a, const struct principal *who,
                            int64_t id, int64_t item_id, int32_t today,
                            enum plan_doc_format format, const char *lang,
                            int64_t *attachment_id, struct field_errors *fe,
                            struct kl_error *err);

/* JSON of the model (new references; NULL when out of memory), for the API and the audit
 * log. Money as integers in øre, days as "YYYY-MM-DD", instants as UTC text. */
json_t *action_plan_json(const struct action_plan *p);
json_t *initiative_json(const struct initiative *in);
json_t *milestone_json(const struct milestone *m);
json_t *funds_year_json(const struct funds_year *f);
json_t *status_round_json(const struct status_round *r);
/* with_text: include the five texts (who may read the report). */
json_t *status_report_json(const struct status_report *r, enum report_state state,
                           int with_text);

#endif

/* handlers_plans.h - the handlers of action plans (handleplaner), their initiatives
 * (indsatser) and status rounds, as pages and forms and as the JSON API under /api/v1/,
 * named in the route table (route_table.c). Each takes the request, fills r->res and
 * returns 0, or returns a negative KL_E... code with r->err filled (see request.h). The use
 * cases of app/plan.h decide who may see and change what, so the routes need at most a
 * signed-in user. */
#ifndef KL_WEB_HANDLERS_PLANS_H
#define KL_WEB_HANDLERS_PLANS_H

struct request;

/* Pages (pages_plan.c): the plans a visitor may see, one plan with its initiatives and
 * rounds, and the secretary's forms to create and change a plan. */
int page_plans(struct request *r);
int page_plan_new(struct request *r);
int post_plan_new(struct request *r);
int page_plan(struct request *r);
int page_plan_edit(struct request *r);
int post_plan_edit(struct request *r);
/* POST /plans/{id}/rounds: the secretary opens a status round. */
int post_plan_round(struct request *r);

/* Initiatives (pages_initiative.c, posts_initiative.c): the page with milestones, funds,
 * indicators, agenda items, the timeline of reports and the spread; the forms. */
int page_initiative(struct request *r);
int page_initiative_new(struct request *r);
int post_initiative_new(struct request *r);
int page_initiative_edit(struct request *r);
int post_initiative_edit(struct request *r);
int post_initiative_funds(struct request *r);
int post_initiative_carry(struct request *r);
int post_initiative_milestone(struct request *r);
int post_milestone_done(struct request *r);
/* POST /milestones/{id}/edit: title, due_on and done_on (empty: not reached) of a milestone,
 * for the plan's secretary and the group's members; problems next to the fields. */
int post_milestone_edit(struct request *r);
/* POST /initiatives/{id}/items: the secretary links an agenda item of the plan's forum. */
int post_initiative_item(struct request *r);
int post_initiative_offer(struct request *r);
int post_initiative_adopt(struct request *r);
int post_initiative_order(struct request *r);

/* Rounds and reports (pages_round.c): the round overview, a report, the group's form and
 * the secretary's extension. */
int page_status_round(struct request *r);
int page_status_report(struct request *r);
int page_status_report_edit(struct request *r);
int post_status_report(struct request *r);
int post_status_report_extension(struct request *r);

/* JSON API of plans, initiatives, milestones and funds (api_plans.c, api_initiatives.c). */

/* GET /api/v1/action-plans?forum=ID: {"action_plans": [...]}, the plans the principal may
 * read. */
int api_plans(struct request *r);
/* POST /api/v1/action-plans {"forum_id", "title", "starts_on", "ends_on", "funds_rule",
 * "approved_item_id"}: 201 with the plan. */
int api_plan_create(struct request *r);
/* GET /api/v1/action-plans/{id}: the plan with "initiatives", "rounds" and "funds" (every
 * funds year of its initiatives). */
int api_plan(struct request *r);
/* PUT /api/v1/action-plans/{id}: changes the fields sent; 200 with the plan. */
int api_plan_update(struct request *r);
/* GET /api/v1/action-plans/{id}/initiatives: {"initiatives": [...]} in label order. */
int api_plan_initiatives(struct request *r);
/* POST /api/v1/action-plans/{id}/initiatives {"label", "title", "description", "targets":
 * [names], "group_forum_id", "responsible_person_id", "process", "status", "status_reason",
 * "user_involvement", "involvement_how", "data_plan", "indicators": [codes]}: 201. */
int api_initiative_create(struct request *r);
/* GET /api/v1/initiatives/{id}: the initiative with "indicators", "milestones", "funds",
 * "items" and "reports" (its timeline). */
int api_initiative(struct request *r);
/* PUT /api/v1/initiatives/{id}: changes the fields sent (as for create); 200. */
int api_initiative_update(struct request *r);
/* POST /api/v1/initiatives/{id}/milestones {"title", "due_on", "done_on"}: 201. */
int api_milestone_create(struct request *r);
/* PUT /api/v1/milestones/{id} {"title", "due_on", "done_on"}: the fields sent; 200. */
int api_milestone_update(struct request *r);
/* PUT /api/v1/initiatives/{id}/funds/{year} {"allocated", "spent"} (øre): 200 with
 * {"funds": [...]} of the initiative. */
int api_funds_put(struct request *r);
/* POST /api/v1/initiatives/{id}/funds/{year}/carry {"amount"} (øre) to the next year: 200
 * with {"funds": [...]}. */
int api_funds_carry(struct request *r);
/* POST /api/v1/initiatives/{id}/items {"item_id"}: links an agenda item; 201 with
 * {"items": [...]}. */
int api_initiative_item_link(struct request *r);

/* Spread (api_spread.c). */

/* POST /api/v1/initiatives/{id}/offer: 200 with the initiative. */
int api_initiative_offer(struct request *r);
/* POST /api/v1/initiatives/{id}/adopt {"plan_id", "label"}: 201 with the new initiative. */
int api_initiative_adopt(struct request *r);
/* POST /api/v1/initiatives/{id}/order {"plan_ids": [...]}: 201 with {"initiatives": [...]}. */
int api_initiative_order(struct request *r);
/* GET /api/v1/initiatives/{id}/spread: {"origin": {...}, "linked": [...]}. */
int api_initiative_spread(struct request *r);

/* Status rounds and reports (api_rounds.c). */

/* GET /api/v1/action-plans/{id}/status-rounds: {"status_rounds": [...]}, newest first. */
int api_plan_rounds(struct request *r);
/* POST /api/v1/action-plans/{id}/status-rounds {"title", "due_on", "fields": [names],
 * "opened_on"}: 201 with the round and "asked". */
int api_round_open(struct request *r);
/* GET /api/v1/status-rounds/{id}: the round with "plan", "counts" per state, "summary" (in
 * the request's language, and "summary_da"/"summary_en") and "reports" with their states. */
int api_round(struct request *r);
/* GET /api/v1/status-reports/{id}: the report with its state and texts. */
int api_report(struct request *r);
/* PUT /api/v1/status-reports/{id} {"light", "scope", "data", "schedule", "funds",
 * "involvement"}: a group member submits (or amends) it; 200. */
int api_report_submit(struct request *r);
/* POST /api/v1/status-reports/{id}/extension {"extended_to", "reason"}: 200. */
int api_report_extension(struct request *r);

#endif

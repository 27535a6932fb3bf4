/* handlers.h - every request handler of the web server, named in the route table
 * (route_table.c). Each takes the request, fills r->res and returns 0, or returns a
 * negative KL_E... code with r->err filled (see request.h). */
#ifndef KL_WEB_HANDLERS_H
#define KL_WEB_HANDLERS_H

struct request;

/* Pages of the geography (pages_org.c). */
int page_front(struct request *r);
int page_regions(struct request *r);
int page_region(struct request *r);
int page_clusters(struct request *r);
int page_cluster(struct request *r);
int page_municipalities(struct request *r);
int page_municipality(struct request *r);

/* JSON API of the geography (api_org.c). */
int api_regions(struct request *r);
int api_region(struct request *r);
int api_municipalities(struct request *r);
int api_municipality(struct request *r);
int api_clusters(struct request *r);
int api_cluster(struct request *r);

/* JSON API of the organisation (api_directory.c). */
int api_organisations(struct request *r);
int api_organisation(struct request *r);
int api_organisation_create(struct request *r);
int api_organisation_update(struct request *r);
int api_people(struct request *r);
int api_person(struct request *r);
int api_person_create(struct request *r);
int api_person_update(struct request *r);
int api_forums(struct request *r);
int api_forum(struct request *r);
int api_forum_create(struct request *r);
int api_forum_update(struct request *r);
int api_memberships(struct request *r);
int api_membership(struct request *r);
int api_membership_create(struct request *r);
int api_membership_update(struct request *r);

/* Forum pages and forms (pages_forum.c). */
int page_forums(struct request *r);
int page_forum(struct request *r);
int page_forum_new(struct request *r);
int post_forum_new(struct request *r);
int page_forum_edit(struct request *r);
int post_forum_edit(struct request *r);
int post_forum_member(struct request *r);
int post_forum_member_end(struct request *r);

/* Organisations, people and the organisation chart (pages_people.c). */
int page_organisations(struct request *r);
int post_organisation(struct request *r);
int page_people(struct request *r);
int page_person(struct request *r);
int post_person(struct request *r);
int page_cluster_organisation(struct request *r);
int post_cluster_organisation(struct request *r);

/* Indicators: catalogue, dashboards, series, downloads (pages_indicators.c), the upload
 * form (pages_indicator_import.c), the JSON API (api_indicators.c) and manual reporting
 * rounds (pages_reporting.c). */
int page_indicators(struct request *r);
int page_indicator(struct request *r);
int get_indicator_csv(struct request *r);
int page_indicator_import(struct request *r);
int post_indicator_import(struct request *r);
int page_cluster_indicators(struct request *r);
int post_cluster_indicators(struct request *r);
int get_cluster_indicators_csv(struct request *r);
int get_cluster_indicators_xlsx(struct request *r);
int page_muni_indicator(struct request *r);
int get_muni_ind_csv(struct request *r);
int get_muni_ind_xlsx(struct request *r);
int api_indicators(struct request *r);
int api_indicator_values(struct request *r);
int page_reporting(struct request *r);
int post_reporting(struct request *r);
int page_reporting_round(struct request *r);
int post_reporting_round(struct request *r);

/* Meetings as pages (pages_meeting.c, pages_meetings.c, pages_work.c) and the forms they
 * send (posts_meeting.c, pages_work.c). */
int page_meetings(struct request *r);
int page_meeting(struct request *r);
int page_forum_meetings(struct request *r);
int post_forum_yearplan(struct request *r);
int page_cluster_plan(struct request *r);
int page_forum_work(struct request *r);
int page_followups(struct request *r);
int post_meeting_status(struct request *r);
int post_meeting_item(struct request *r);
int post_forum_proposal(struct request *r);
int post_item_move(struct request *r);
int post_item_delete(struct request *r);
int post_item_decision(struct request *r);
int post_item_followup(struct request *r);
int post_item_referral(struct request *r);
int post_item_attachment(struct request *r);
int post_item_accept(struct request *r);
int post_item_decline(struct request *r);
int post_meeting_absence(struct request *r);
int post_meeting_presence(struct request *r);
int post_meeting_guest(struct request *r);
int post_meeting_approval(struct request *r);
int post_referral_take_up(struct request *r);
int post_referral_answer(struct request *r);
int post_followup_status(struct request *r);
int serve_attachment(struct request *r);

/* Service (service.c): /healthz and the embedded static files. */
int serve_health(struct request *r);
int serve_static(struct request *r);

/* Signing in and out, the own account and API tokens (pages_account.c). */
int page_login(struct request *r);
int post_login(struct request *r);
int post_logout(struct request *r);
int page_account(struct request *r);
int post_token_create(struct request *r);
int post_token_revoke(struct request *r);
int api_me(struct request *r);

/* The audit log (pages_audit.c). */
int page_audit(struct request *r);
int api_audit(struct request *r);

#endif

/* plan_ui.h - the small pieces the action-plan pages share (pages_plan.c,
 * pages_initiative.c, posts_initiative.c, pages_round.c): the words for stored names, the
 * traffic light shown with a shape and words (never colour alone), money in kroner, links,
 * reading form fields, and whether the visitor holds a right. Private to src/web. */
#ifndef KL_WEB_PLAN_UI_H
#define KL_WEB_PLAN_UI_H

#include "app/permission.h"
#include "model/plan.h"

#include <stdint.h>

struct html;
struct request;
struct form;
struct field_errors;

/* msgids of the stored names. */
extern const char *const initiative_status_labels[INITIATIVE_STATUS_COUNT];
extern const char *const report_state_labels[REPORT_STATE_COUNT];
extern const char *const target_group_labels[TARGET_COUNT];
extern const char *const round_field_labels[ROUND_FIELD_COUNT];
extern const char *const light_labels[LIGHT_COUNT];

/* The light l as a badge: a shape (● green, ▲ yellow, ■ red, ○ none) and its words. */
void plan_light(struct request *r, struct html *h, enum status_light l);

/* The light of a stored name ("green"; "" or NULL: none). */
enum status_light plan_light_of(const char *name);

/* A report's state as a badge with its words. */
void plan_state(struct request *r, struct html *h, enum report_state s);

/* An initiative's status as a badge with its words. */
void plan_status(struct request *r, struct html *h, enum initiative_status s);

/* ore as "12.500,50 kr." (arena). */
const char *plan_money(struct request *r, int64_t ore);

/* <a href="href">text</a>. */
void plan_link(struct html *h, const char *href, const char *text);

/* "/initiatives/12" and the like (arena). */
const char *plan_href(struct request *r, const char *what, int64_t id);

/* 1 when the visitor holds permission p on forum (errors count as no). */
int plan_may(struct request *r, enum permission p, int64_t forum);

/* Form field name as a record id (0 when empty; a problem in fe, when not NULL, when not a
 * number). */
int64_t plan_form_id(const struct form *f, const char *name, struct field_errors *fe);

/* Form field name as a day (DATE_OPEN when empty; a problem in fe when not a date). */
int32_t plan_form_day(const struct form *f, const char *name, struct field_errors *fe);

/* Form field name as text ("" when absent). */
const char *plan_form_text(const struct form *f, const char *name);

/* Form field name as an amount in kroner ("12.500,50") into *ore; a problem in fe. */
void plan_form_money(const struct form *f, const char *name, int64_t *ore,
                     struct field_errors *fe);

/* The round of report rep, which the principal may read (app_report_round): a member of the
 * initiative's group learns what the round asks. */
int plan_report_round(struct request *r, const struct status_report *rep,
                      struct status_round *out);

/* For the secretary of forum_id: the status reports of the forum's plans that are missing
 * today (app_reports_overdue), as a section of the forum's work tray. Nothing for others;
 * errors leave the section out. */
void plan_overdue_section(struct request *r, struct html *h, int64_t forum_id);

/* A table of funds years f[0..n) (one initiative's, or totals) with caption (a msgid): year,
 * allocated, carried in, spent, carried over and left, in kroner. */
struct funds_year;
void plan_funds_table(struct request *r, struct html *h, const char *caption,
                      const struct funds_year *f, size_t n);

/* A column header (label a msgid), right-aligned for numbers. */
void plan_th(struct request *r, struct html *h, const char *label, int num);

/* Path parameter i as a record id: 0, or KL_ENOTFOUND. */
int plan_param(struct request *r, size_t i, int64_t *id);

/* After a form's use case: 303 to back when rc is 0; the page again (show(r, id, fe,
 * sent), status 400) when the form had problems; else rc. */
int plan_outcome(struct request *r, int rc, const char *back,
                 int (*show)(struct request *r, int64_t id, const struct field_errors *fe,
                             const struct form *sent),
                 int64_t id, const struct field_errors *fe, const struct form *sent);

#endif

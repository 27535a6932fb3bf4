/* handlers_datapakke.h - a meeting's data package (app/datapakke.h) on the web
 * (pages_datapakke.c): the PDF download, the secretary's form on the meeting page, and the
 * POST that attaches the PDF to an agenda item. */
#ifndef KL_WEB_HANDLERS_DATAPAKKE_H
#define KL_WEB_HANDLERS_DATAPAKKE_H

struct agenda;
struct html;
struct request;

/* GET /meetings/{id}/datapakke.pdf: the data package as the principal may see it
 * (application/pdf, inline; discretion as on the pages). 404 when the meeting is not
 * visible; 400 when its forum belongs to no cluster. */
int serve_meeting_datapakke_pdf(struct request *r);

/* POST /meetings/{id}/datapakke (form field "item_id"): makes the data package and attaches
 * it to that item of the meeting (the forum's secretary, while the agenda may change), then
 * back to the item on the meeting page. 403 for anyone but the secretary (checked first);
 * 404 for an item not on the meeting's agenda. */
int post_meeting_datapakke(struct request *r);

/* The secretary's form on the meeting page: an item of the agenda and "Attach the data
 * package". Writes nothing for others, or when the agenda may not change or has no item. */
void datapakke_attach_form(struct request *r, struct html *h, const struct agenda *ag);

/* The forum page's "Data package" section (pages_forum_datapakke.c): which indicators the
 * forum's package shows, and for the secretary (manage) the form that chooses them. Nothing
 * for a forum in no cluster. */
struct forum;
void forum_datapakke_section(struct request *r, struct html *h, const struct forum *f,
                             int manage);

/* POST /forums/{id}/datapakke: fields "ind_CODE" = "1" for each chosen indicator (none: back
 * to the cluster's choice); the forum's secretary only; then back to the forum's page. */
int post_forum_datapakke(struct request *r);

#endif

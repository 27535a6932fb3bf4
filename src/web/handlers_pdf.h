/* handlers_pdf.h - handlers of the PDF documents of a meeting (pages_meeting_pdf.c). */
#ifndef KL_WEB_HANDLERS_PDF_H
#define KL_WEB_HANDLERS_PDF_H

struct request;

/* GET /meetings/{id}/agenda.pdf: the agenda as the principal may see it (application/pdf,
 * inline). 404 when the meeting or its agenda is not visible. */
int serve_meeting_agenda_pdf(struct request *r);

/* GET /meetings/{id}/agenda-bilag.pdf: the agenda followed by the pages of its items' PDF
 * attachments (dagsorden med bilag), as the principal may see them. 404 as the agenda. */
int serve_meeting_agenda_bilag_pdf(struct request *r);

/* GET /meetings/{id}/minutes.pdf: the minutes, once published (the forum's members: once
 * started, marked as a draft). 404 before. */
int serve_meeting_minutes_pdf(struct request *r);

#endif

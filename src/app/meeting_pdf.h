/* meeting_pdf.h - the use case behind the PDF agenda and minutes of a meeting: gathers the
 * meeting, its agenda and attendance through the readers of meeting_agenda.h and
 * meeting_minutes.h as the principal may see them, and renders them with
 * render/pdf_meeting.h. Who gets what follows from those readers: the forum's members,
 * secretary and administrators get every item (closed ones too, drafts marked "Udkast");
 * readers and, for a public forum, anyone get the published version without closed items. */
#ifndef KL_APP_MEETING_PDF_H
#define KL_APP_MEETING_PDF_H

#include "core/i18n.h"

#include <stdint.h>

struct arena;
struct buf;
struct kl_error;
struct principal;
struct store;

enum meeting_pdf_kind {
    MEETING_PDF_AGENDA = 0,
    MEETING_PDF_MINUTES,
    MEETING_PDF_AGENDA_ATTACHMENTS, /* dagsorden med bilag: the agenda, then its PDF
                                       attachments (meeting_bilag.h) */
};

/* Appends the agenda or minutes of meeting_id as who may see them, in lang, to out, and sets
 * *filename (arena a) to a name for the download ("dagsorden-2023-08-30-12.pdf").
 * MEETING_PDF_AGENDA_ATTACHMENTS: the agenda followed by the pages of every PDF attachment
 * of its items in agenda order, each listed under its item with the page it starts on; an
 * attachment that is not a PDF, or a PDF that cannot be read, is listed with a note saying
 * it is not included ("dagsorden-med-bilag-2023-08-30-12.pdf").
 * KL_ENOTFOUND when who may not see the meeting, when the agenda is not published (unless
 * who is internal to the forum), and for minutes before they are published (internal: before
 * they are started); KL_EPERM as app_authorize says; the renderer's errors otherwise. */
int app_meeting_pdf(struct store *st, struct arena *a, const struct principal *who,
                    int64_t meeting_id, enum meeting_pdf_kind kind, enum i18n_language lang,
                    struct buf *out, const char **filename, struct kl_error *err);

#endif

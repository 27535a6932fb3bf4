/* pages_meeting_pdf.c - the agenda (alone or with its PDF attachments) and minutes of a
 * meeting as PDF downloads. The route
 * lets everyone through (PERM_PUBLIC); app_meeting_pdf decides what the principal sees, so
 * the public gets the published version without closed items and members the full one. */
#include "web/handlers_pdf.h"

#include "app/meeting_pdf.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "web/request.h"

#include <stdint.h>

static int serve(struct request *r, enum meeting_pdf_kind kind)
{
    const char *filename = NULL, *disposition;
    long id;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)))
        return rc;
    if ((rc = app_meeting_pdf(r->store, r->arena, &r->who, id, kind, r->lang, &r->res.body,
                              &filename, &r->err))) {
        buf_reset(&r->res.body);
        return rc;
    }
    disposition = arena_printf(r->arena, "inline; filename=\"%s\"", filename);
    if (!disposition || res_header(r, "Content-Disposition", disposition))
        return req_fail(r, KL_ENOMEM, "out of memory");
    r->res.content_type = "application/pdf";
    r->res.cache = "private, no-store";
    return 0;
}

int serve_meeting_agenda_pdf(struct request *r)
{
    return serve(r, MEETING_PDF_AGENDA);
}

int serve_meeting_agenda_bilag_pdf(struct request *r)
{
    return serve(r, MEETING_PDF_AGENDA_ATTACHMENTS);
}

int serve_meeting_minutes_pdf(struct request *r)
{
    return serve(r, MEETING_PDF_MINUTES);
}

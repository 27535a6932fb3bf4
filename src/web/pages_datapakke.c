/* pages_datapakke.c - the data package of a meeting on the web (see handlers_datapakke.h).
 * The download's route lets everyone through (PERM_PUBLIC) and app_datapakke_pdf decides:
 * whoever may see the meeting gets the package, with discretion applied for the principal;
 * attaching needs a signed-in principal and app_attachment_add's rights (the secretary). */
#include "web/handlers_datapakke.h"

#include "app/datapakke.h"
#include "app/meeting_agenda.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "model/meeting.h"
#include "render/html.h"
#include "web/form.h"
#include "web/form_ui.h"
#include "web/request.h"

#include <stdint.h>
#include <stdlib.h>

int serve_meeting_datapakke_pdf(struct request *r)
{
    const char *filename = NULL, *disposition;
    long id;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)))
        return rc;
    if ((rc = app_datapakke_pdf(r->store, r->arena, &r->who, id, r->lang, &r->res.body,
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

int post_meeting_datapakke(struct request *r)
{
    struct form f;
    const char *item_text;
    char *end;
    long id;
    long long item;
    int64_t att = 0;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)) || (rc = req_form(r, &f)))
        return rc;
    /* a number or 0: the use case checks the rights before the item */
    item_text = form_get(&f, "item_id");
    item = item_text && *item_text ? strtoll(item_text, &end, 10) : 0;
    if (!item_text || !*item_text || *end || item <= 0 || item > 2147483647LL)
        item = 0;
    rc = app_datapakke_attach(r->store, r->arena, &r->who, id, item, r->lang, NULL, &att,
                              &r->err);
    if (rc)
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/meetings/%ld#item-%lld", id, item));
}

void datapakke_attach_form(struct request *r, struct html *h, const struct agenda *ag)
{
    struct choice *ic;

    if (!ag->can_manage || !ag->nitems || !meeting_agenda_editable(ag->meeting.status))
        return;
    ic = arena_calloc(r->arena, ag->nitems, sizeof *ic);
    if (!ic)
        return;
    for (size_t i = 0; i < ag->nitems; i++)
        ic[i] = (struct choice){
            arena_printf(r->arena, "%lld", (long long)ag->items[i].item.id),
            arena_printf(r->arena, "%d. %s", ag->items[i].item.number, ag->items[i].item.title)};
    html_lit(h, "<details class=\"datapakke\"><summary>");
    html_text(h, T_(r, "Attach the data package to an item"));
    html_lit(h, "</summary>");
    html_elem(h, "p", T_(r, "The data package (the indicators the forum's cluster follows, with "
                           "charts, signals, definitions and sources) is made as PDF now and "
                           "added to the item's attachments."));
    ui_form_begin(r, h, arena_printf(r->arena, "/meetings/%lld/datapakke",
                                     (long long)ag->meeting.id));
    ui_select(r, h, N_("Item"), "item_id", ic, ag->nitems, NULL, 1, NULL);
    ui_form_end(r, h, N_("Attach the data package"));
    html_lit(h, "</details>");
}

/* exports_plan.c - action plans as documents on the web (see handlers_docs.h): the plan with
 * its initiatives and funds as an Excel workbook, a status round's overview as PDF and
 * workbook, and the round page's section that links them and lets the plan forum's
 * secretary put the overview on an item of one of the forum's open agendas. What the
 * visitor may see is decided by the app layer (app/plan.h). */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/format.h"
#include "web/handlers_docs.h"
#include "render/html.h"
#include "web/request.h"
#include "app/meeting.h"
#include "app/meeting_agenda.h"
#include "app/plan.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/meeting.h"
#include "model/org.h"
#include "render/xlsx_book.h"

#include <string.h>

/* Path parameter 0 as a record id. */
static int id_param(struct request *r, int64_t *id)
{
    long v;
    int rc = req_param_int(r, 0, 1, 2147483647L, &v);

    *id = v;
    return rc;
}

/* Sends r->res.body as a download called filename of type mime. */
static int send(struct request *r, const char *mime, const char *filename)
{
    r->res.content_type = mime;
    return res_header(r, "Content-Disposition",
                      arena_printf(r->arena, "attachment; filename=\"%s\"", filename));
}

int export_plan_xlsx(struct request *r)
{
    const char *name = "handleplan.xlsx";
    int64_t id;
    int rc;

    if ((rc = id_param(r, &id)))
        return rc;
    buf_reset(&r->res.body);
    rc = app_plan_xlsx(r->store, r->arena, &r->who, id, i18n_code(r->lang), &r->res.body, &name,
                       &r->err);
    return rc ? rc : send(r, XLSX_MIME, name);
}

/* The overview of the round in path parameter 0 as format. */
static int export_round(struct request *r, enum plan_doc_format format)
{
    const char *name = "statusrunde";
    int64_t id;
    int rc;

    if ((rc = id_param(r, &id)))
        return rc;
    buf_reset(&r->res.body);
    rc = app_status_round_doc(r->store, r->arena, &r->who, id, req_today(r), format,
                              i18n_code(r->lang), &r->res.body, &name, &r->err);
    return rc ? rc : send(r, format == PLAN_DOC_PDF ? "application/pdf" : XLSX_MIME, name);
}

int export_round_pdf(struct request *r)
{
    return export_round(r, PLAN_DOC_PDF);
}

int export_round_xlsx(struct request *r)
{
    return export_round(r, PLAN_DOC_XLSX);
}

/* The items of the forum's agendas that may still change, from today on, as choices
 * ("02.12.2026 – 5. Handleplan, status for indsatserne"); *n 0 when there are none. */
static int open_items(struct request *r, int64_t forum_id, struct choice **out, size_t *n)
{
    struct meeting_query q = {.forum_ids = &forum_id, .nforums = 1, .from_day = req_today(r),
                              .to_day = DATE_OPEN};
    struct meeting *m;
    size_t nm, cap = 0;
    int rc = app_meeting_list(r->store, r->arena, &r->who, &q, &m, &nm, &r->err);

    *out = NULL;
    *n = 0;
    for (size_t i = 0; rc == 0 && i < nm; i++) {
        struct agenda ag;
        if (m[i].kind == MEETING_PRE || !meeting_agenda_editable(m[i].status))
            continue;
        if ((rc = app_agenda_get(r->store, r->arena, &r->who, m[i].id, &ag, &r->err)))
            break;
        for (size_t k = 0; k < ag.nitems; k++) {
            if (*n == cap) {
                struct choice *grown = arena_calloc(r->arena, cap * 2 + 8, sizeof(*grown));
                if (!grown)
                    return req_fail(r, KL_ENOMEM, "out of memory");
                if (*n)
                    memcpy(grown, *out, *n * sizeof(*grown));
                *out = grown;
                cap = cap * 2 + 8;
            }
            (*out)[(*n)++] = (struct choice){
                arena_printf(r->arena, "%lld", (long long)ag.items[k].item.id),
                arena_printf(r->arena, "%s – %d. %s", fmt_date(r, meeting_cph_day(m[i].starts_at)),
                             ag.items[k].item.number, ag.items[k].item.title)};
        }
    }
    return rc;
}

/* <li><a href="href">label</a></li>, label a msgid. */
static void download(struct request *r, struct html *h, const char *href, const char *label)
{
    html_open(h, "li", NULL);
    html_open(h, "a", "href", href, NULL);
    html_text(h, T_(r, label));
    html_close(h, "a");
    html_close(h, "li");
}

void plan_round_documents(struct request *r, struct html *h, const struct round_overview *ov,
                          int manage, const struct field_errors *fe, const struct form *sent)
{
    static const struct choice formats[] = {{"pdf", N_("PDF")}, {"xlsx", N_("Excel")}};
    struct choice *items = NULL;
    size_t n = 0;

    html_elem(h, "h2", T_(r, "Documents"));
    html_open(h, "ul", "class", "downloads", NULL);
    download(r, h, arena_printf(r->arena, "/status-rounds/%lld/overview.pdf",
                                (long long)ov->round.id), N_("The overview as PDF"));
    download(r, h, arena_printf(r->arena, "/status-rounds/%lld/overview.xlsx",
                                (long long)ov->round.id), N_("The overview as Excel"));
    download(r, h, arena_printf(r->arena, "/plans/%lld/plan.xlsx", (long long)ov->plan.id),
             N_("The action plan with its funds as Excel"));
    html_close(h, "ul");
    if (!manage || open_items(r, ov->plan.forum_id, &items, &n) || !n) {
        kl_error_clear(&r->err);
        return;
    }
    html_open(h, "details", "class", "attach", "open", fe && fe->n ? "" : NULL, NULL);
    html_open(h, "summary", NULL);
    html_text(h, T_(r, "Put the overview on an agenda item"));
    html_close(h, "summary");
    html_elem(h, "p", T_(r, "The overview is made now, as it stands today, and added to the "
                            "item's attachments."));
    ui_problems(r, h, fe);
    ui_form_begin(r, h, arena_printf(r->arena, "/status-rounds/%lld/attach",
                                     (long long)ov->round.id));
    ui_select(r, h, N_("Item"), "item_id", items, n,
              sent ? form_get(sent, "item_id") : NULL, 1, fe);
    ui_select(r, h, N_("Format"), "format", formats, 2, sent ? form_get(sent, "format") : NULL,
              0, fe);
    ui_form_end(r, h, N_("Attach the overview"));
    html_close(h, "details");
}

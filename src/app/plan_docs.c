/* plan_docs.c - the documents of action plans: the plan's workbook, a round's overview as
 * PDF or workbook, and that overview put on an agenda item (see plan.h). */
#include "app/plan.h"
#include "app/plan_impl.h"
#include "app/meeting_attachment.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "render/plan_docs.h"

#include <string.h>

int app_plan_xlsx(struct store *st, struct arena *a, const struct principal *who,
                  int64_t plan_id, const char *lang, struct buf *out, const char **filename,
                  struct kl_error *err)
{
    struct action_plan plan;
    struct initiative *ins;
    struct funds_year *funds;
    size_t n, nf;
    int rc = app_plan_get(st, a, who, plan_id, &plan, err);

    if (rc == 0)
        rc = app_initiative_list(st, a, who, plan_id, &ins, &n, err);
    if (rc == 0)
        rc = app_funds_list(st, a, who, 0, plan_id, &funds, &nf, err);
    if (rc == 0)
        rc = plan_xlsx(&plan, ins, n, funds, nf, i18n_pick(lang), out, err);
    if (rc == 0 && filename)
        *filename = arena_printf(a, "handleplan-%lld.xlsx", (long long)plan_id);
    return rc;
}

int app_status_round_doc(struct store *st, struct arena *a, const struct principal *who,
                         int64_t id, int32_t today, enum plan_doc_format format,
                         const char *lang, struct buf *out, const char **filename,
                         struct kl_error *err)
{
    struct round_overview ov;
    struct buf summary;
    struct round_doc d;
    int rc = app_status_round_overview(st, a, who, id, today, &ov, err);

    if (rc)
        return rc;
    buf_init(&summary, 64 * 1024);
    rc = app_status_round_summary(&ov, lang, &summary, err);
    d = (struct round_doc){&ov.plan, &ov.round, ov.reports, ov.states, ov.n,
                           buf_cstr(&summary), today};
    if (rc == 0)
        rc = format == PLAN_DOC_XLSX ? round_xlsx(&d, i18n_pick(lang), out, err)
                                     : round_pdf(&d, i18n_pick(lang), out, err);
    buf_free(&summary);
    if (rc == 0 && filename)
        *filename = arena_printf(a, "statusrunde-%lld.%s", (long long)id,
                                 format == PLAN_DOC_XLSX ? "xlsx" : "pdf");
    return rc;
}

int app_status_round_attach(struct store *st, struct arena *a, const struct principal *who,
                            int64_t id, int64_t item_id, int32_t today,
                            enum plan_doc_format format, const char *lang,
                            int64_t *attachment_id, struct field_errors *fe,
                            struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct status_round round;
    struct attachment_upload u = {0};
    struct buf doc;
    const char *filename = NULL;
    int rc = app_status_round_get(st, a, who, id, &round, err);

    if (rc)
        return rc;
    buf_init(&doc, 0);
    rc = app_status_round_doc(st, a, who, id, today, format, lang, &doc, &filename, err);
    if (rc == 0) {
        u.title = arena_printf(a, "%s: %s", i18n_get(i18n_pick(lang), N_("Status overview")),
                               round.title);
        u.filename = filename;
        u.data = (const unsigned char *)doc.data;
        u.size = doc.len;
        if (!u.title)
            rc = kl_error_set(err, KL_ENOMEM, "out of memory");
    }
    if (rc == 0)
        rc = app_attachment_add(st, who, item_id, &u, attachment_id, fe, err);
    buf_free(&doc);
    return rc;
}

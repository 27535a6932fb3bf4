/* plan_docs.h - documents of action plans for download and for agendas: a plan with its
 * initiatives and funds as an Excel workbook, and a status round's overview (the
 * Chefforum's sentences and one row per report) as a workbook and as an A4 PDF.
 *
 * Pure apart from the workbook's temporary file (xlsx_book.h): the caller passes what the
 * reader may see, and gets the bytes appended to out. Text in lang; days as Excel dates in
 * workbooks and "dd.mm.yyyy" in the PDF; amounts in øre, shown as kroner; a traffic light
 * always with its word, never by colour alone. All return 0 or KL_E... with err filled
 * (KL_EIO, KL_ELIMIT, KL_ENOMEM; KL_EIO when no font is found for the PDF). */
#ifndef KL_RENDER_PLAN_DOCS_H
#define KL_RENDER_PLAN_DOCS_H

#include "core/i18n.h"
#include "model/plan.h"

#include <stddef.h>

struct buf;
struct kl_error;

/* A round as the documents show it. */
struct round_doc {
    const struct action_plan *plan;
    const struct status_round *round;
    const struct status_report *reports;   /* n, in label order */
    const enum report_state *states;       /* n */
    size_t n;
    const char *summary;                   /* the Chefforum's sentences */
    int32_t today;                         /* the day the states are from */
};

/* The plan as a workbook: a sheet of initiatives (label, title, status, process, group,
 * responsible, target groups, user involvement, latest light) and a sheet of funds (one row
 * per initiative and year: allocated, carried in, spent, carried out, left, in kroner, and
 * a total row per year). funds[0..nf) belong to initiatives[0..n). */
int plan_xlsx(const struct action_plan *p, const struct initiative *initiatives, size_t n,
              const struct funds_year *funds, size_t nf, enum i18n_language lang,
              struct buf *out, struct kl_error *err);

/* The round's overview as a workbook: the sentences on top, then one row per report. */
int round_xlsx(const struct round_doc *d, enum i18n_language lang, struct buf *out,
               struct kl_error *err);

/* The round's overview as an A4 PDF: title, plan and due day, the sentences, the counts per
 * state, and the table; "Side X af Y" on every page. */
int round_pdf(const struct round_doc *d, enum i18n_language lang, struct buf *out,
              struct kl_error *err);

/* The words for report states and lights, as msgids (translate with i18n_get). */
const char *report_state_label(enum report_state s);
const char *status_light_label(enum status_light l);

#endif

/* plan_xlsx.c - an action plan and a status round's overview as Excel workbooks (see
 * plan_docs.h). */
#include "render/plan_docs.h"
#include "render/xlsx_book.h"

#include "core/buf.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/meeting.h"
#include "model/plan.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *report_state_label(enum report_state s)
{
    static const char *const labels[REPORT_STATE_COUNT] = {
        N_("Awaited"), N_("Extended"), N_("Submitted"), N_("Submitted late"), N_("Missing"),
        N_("Not required")};
    return (unsigned)s < REPORT_STATE_COUNT ? labels[s] : "";
}

const char *status_light_label(enum status_light l)
{
    static const char *const labels[LIGHT_COUNT] = {N_("No light"), N_("Green"), N_("Yellow"),
                                                    N_("Red")};
    return (unsigned)l < LIGHT_COUNT ? labels[l] : "";
}

static const char *initiative_status_label(enum initiative_status s)
{
    static const char *const labels[INITIATIVE_STATUS_COUNT] = {
        N_("Proposed"), N_("Active"), N_("Paused"), N_("Dropped"), N_("Completed")};
    return (unsigned)s < INITIATIVE_STATUS_COUNT ? labels[s] : "";
}

/* The Danish or English names of the target groups in bits, comma-separated, in b. */
static const char *targets_text(struct buf *b, unsigned bits, enum i18n_language lang)
{
    static const char *const names[TARGET_COUNT] = {
        N_("Elderly medical patients"), N_("Chronic illness"), N_("Mental illness"),
        N_("Children and young people"), N_("Whole population")};

    buf_reset(b);
    for (unsigned i = 0; i < TARGET_COUNT; i++)
        if (bits & (1u << i)) {
            if (b->len)
                buf_puts(b, ", ");
            buf_puts(b, i18n_get(lang, names[i]));
        }
    return buf_cstr(b);
}

static const char *T(enum i18n_language lang, const char *msgid)
{
    return i18n_get(lang, msgid);
}

/* The sheet of initiatives. */
static int initiatives_sheet(struct xlsx_book *bk, const struct initiative *in, size_t n,
                             enum i18n_language lang)
{
    const char *headers[] = {T(lang, N_("Initiative")), T(lang, N_("Title")),
                             T(lang, N_("Status")), T(lang, N_("Process type")),
                             T(lang, N_("Group")), T(lang, N_("Responsible")),
                             T(lang, N_("Target groups")), T(lang, N_("User involvement")),
                             T(lang, N_("Latest light"))};
    static const double widths[] = {10, 44, 12, 10, 36, 24, 36, 14, 12};
    lxw_worksheet *ws = xlsx_book_sheet(bk, T(lang, N_("List of initiatives")), headers, widths,
                                        COUNT(headers));
    struct buf tmp;

    if (!ws)
        return -1;
    buf_init(&tmp, 4096);
    for (size_t i = 0; i < n; i++) {
        size_t row = i + 1;
        int light = status_light_parse(in[i].latest_light);
        xlsx_text(bk, ws, row, 0, in[i].label);
        xlsx_text(bk, ws, row, 1, in[i].title);
        xlsx_text(bk, ws, row, 2, T(lang, initiative_status_label(in[i].status)));
        xlsx_text(bk, ws, row, 3, initiative_process_name(in[i].process));
        xlsx_text(bk, ws, row, 4, in[i].group_name);
        xlsx_text(bk, ws, row, 5, in[i].responsible_name);
        xlsx_text(bk, ws, row, 6, targets_text(&tmp, in[i].targets, lang));
        xlsx_text(bk, ws, row, 7, T(lang, in[i].user_involvement ? N_("Yes") : N_("No")));
        if (light > LIGHT_NONE)
            xlsx_text(bk, ws, row, 8, T(lang, status_light_label((enum status_light)light)));
    }
    buf_free(&tmp);
    return 0;
}

/* The label of the initiative that funds row f belongs to. */
static const char *label_of(const struct initiative *in, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (in[i].id == id)
            return in[i].label;
    return "";
}

/* The sheet of funds, with a total row per year after the years' rows. */
static int funds_sheet(struct xlsx_book *bk, const struct initiative *in, size_t n,
                       const struct funds_year *f, size_t nf, enum i18n_language lang)
{
    const char *headers[] = {T(lang, N_("Initiative")), T(lang, N_("Year")),
                             T(lang, N_("Allocated (kr.)")), T(lang, N_("Carried in (kr.)")),
                             T(lang, N_("Spent (kr.)")), T(lang, N_("Carried out (kr.)")),
                             T(lang, N_("Left (kr.)"))};
    static const double widths[] = {10, 8, 16, 16, 16, 16, 16};
    lxw_worksheet *ws = xlsx_book_sheet(bk, T(lang, N_("Funds")), headers, widths,
                                        COUNT(headers));
    struct funds_year totals[FUNDS_YEARS_MAX];
    size_t row = 1, ntotals = funds_totals(f, nf, totals, FUNDS_YEARS_MAX);

    if (!ws)
        return -1;
    for (size_t i = 0; i < nf; i++) {
        xlsx_text(bk, ws, row, 0, label_of(in, n, f[i].initiative_id));
        xlsx_number(ws, row, 1, f[i].year);
        xlsx_money(bk, ws, row, 2, f[i].allocated);
        xlsx_money(bk, ws, row, 3, f[i].carried_in);
        xlsx_money(bk, ws, row, 4, f[i].spent);
        xlsx_money(bk, ws, row, 5, f[i].carried_out);
        xlsx_money(bk, ws, row, 6, funds_left(&f[i]));
        row++;
    }
    for (size_t t = 0; t < ntotals; t++) {
        const struct funds_year *sum = &totals[t];
        worksheet_write_string(ws, (lxw_row_t)row, 0, T(lang, N_("Total")), bk->bold);
        xlsx_number(ws, row, 1, sum->year);
        xlsx_money(bk, ws, row, 2, sum->allocated);
        xlsx_money(bk, ws, row, 3, sum->carried_in);
        xlsx_money(bk, ws, row, 4, sum->spent);
        xlsx_money(bk, ws, row, 5, sum->carried_out);
        xlsx_money(bk, ws, row, 6, funds_left(sum));
        row++;
    }
    return 0;
}

int plan_xlsx(const struct action_plan *p, const struct initiative *initiatives, size_t n,
              const struct funds_year *funds, size_t nf, enum i18n_language lang,
              struct buf *out, struct kl_error *err)
{
    struct xlsx_book bk;
    int rc = xlsx_book_open(&bk, err);

    if (rc)
        return rc;
    workbook_set_properties(bk.wb, &(lxw_doc_properties){.title = (char *)p->title});
    if (initiatives_sheet(&bk, initiatives, n, lang) ||
        funds_sheet(&bk, initiatives, n, funds, nf, lang)) {
        xlsx_book_abandon(&bk);
        return kl_error_set(err, KL_ENOMEM, "out of memory writing the workbook");
    }
    return xlsx_book_close(&bk, out, err);
}

int round_xlsx(const struct round_doc *d, enum i18n_language lang, struct buf *out,
               struct kl_error *err)
{
    const char *headers[] = {T(lang, N_("Initiative")), T(lang, N_("Title")),
                             T(lang, N_("Report")), T(lang, N_("Due")), T(lang, N_("Light")),
                             T(lang, N_("Submitted")), T(lang, N_("Extension reason"))};
    static const double widths[] = {10, 44, 16, 12, 10, 12, 36};
    struct xlsx_book bk;
    lxw_worksheet *ws;
    int rc = xlsx_book_open(&bk, err);

    if (rc)
        return rc;
    workbook_set_properties(bk.wb, &(lxw_doc_properties){.title = (char *)d->round->title});
    ws = xlsx_book_sheet(&bk, T(lang, N_("Status round")), headers, widths, COUNT(headers));
    if (!ws) {
        xlsx_book_abandon(&bk);
        return kl_error_set(err, KL_ENOMEM, "out of memory writing the workbook");
    }
    /* the header row is row 0; the sentences go under the table's last row */
    for (size_t i = 0; i < d->n; i++) {
        const struct status_report *r = &d->reports[i];
        size_t row = i + 1;
        xlsx_text(&bk, ws, row, 0, r->label);
        xlsx_text(&bk, ws, row, 1, r->initiative_title);
        xlsx_text(&bk, ws, row, 2, T(lang, report_state_label(d->states[i])));
        xlsx_day(&bk, ws, row, 3, report_due(r));
        if (r->light > LIGHT_NONE)
            xlsx_text(&bk, ws, row, 4, T(lang, status_light_label(r->light)));
        if (r->submitted_at)
            xlsx_day(&bk, ws, row, 5, meeting_cph_day(r->submitted_at));
        xlsx_text(&bk, ws, row, 6, r->extension_reason);
    }
    worksheet_write_string(ws, (lxw_row_t)(d->n + 2), 0, d->round->title, bk.bold);
    xlsx_text(&bk, ws, d->n + 3, 0, d->summary);
    return xlsx_book_close(&bk, out, err);
}

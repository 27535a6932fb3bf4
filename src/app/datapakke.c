/* datapakke.c - a forum's data package for a meeting (see datapakke.h): the meeting as who
 * may see it, the indicators the forum chose (or else those its clusters chose), each
 * indicator's grid per cluster as who may see it, mapped onto the charts and texts of
 * render/pdf_datapakke.h in the document's language; and attaching the PDF to an agenda
 * item. The charts are built (datapakke_charts.c) from grids only, never from stored
 * values. */
#include "app/datapakke.h"
#include "app/datapakke_impl.h"

#include "app/indicator.h"
#include "app/meeting_agenda.h"
#include "app/meeting_attachment.h"
#include "app/organisation.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "model/fields.h"
#include "model/forum.h"
#include "model/meeting.h"
#include "render/pdf_datapakke.h"

#include <stdio.h>
#include <string.h>

static const char *meeting_kind_text(enum i18n_language lang, enum meeting_kind k)
{
    static const char *const names[MEETING_KIND_COUNT] = {
        [MEETING_REGULAR] = N_("Meeting"), [MEETING_PRE] = N_("Pre-meeting"),
        [MEETING_SEMINAR] = N_("Seminar"), [MEETING_POLITICAL] = N_("Political meeting"),
    };
    return i18n_get(lang, names[(unsigned)k < MEETING_KIND_COUNT ? k : 0]);
}

/* The grids of the indicators the forum chose (*forum_chosen 1), or else of those its
 * clusters chose, for each of the forum's clusters, as (cluster, grid) sections. */
static int sections(struct store *st, struct arena *a, const struct principal *who,
                    const struct forum *f, struct dp_section **out, size_t *n,
                    int *forum_chosen, struct kl_error *err)
{
    struct dp_section *s = arena_calloc(a, DATAPAKKE_MAX_SECTIONS + 1, sizeof *s);
    const char **own;
    size_t k = 0, nown;
    int rc;

    if (!s)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    if ((rc = app_forum_indicators(st, a, who, f->id, &own, &nown, err)))
        return rc;
    *forum_chosen = nown > 0;
    for (size_t c = 0; c < f->nclusters; c++) {
        const char **codes = own;
        size_t nc = nown;
        int chosen;
        if (!nown &&
            (rc = app_cluster_indicators(st, a, f->clusters[c], &codes, &nc, &chosen, err)))
            return rc;
        for (size_t i = 0; i < nc && k < DATAPAKKE_MAX_SECTIONS; i++) {
            s[k].cluster = f->clusters[c];
            rc = app_indicator_grid(st, a, who, codes[i], NULL, NULL, &s[k].grid, err);
            if (rc == KL_ENOTFOUND) { /* removed from the catalogue since it was chosen */
                kl_error_clear(err);
                continue;
            }
            if (rc)
                return rc;
            k++;
        }
    }
    *out = s;
    *n = k;
    return 0;
}

/* app_datapakke_pdf, also giving the meeting's date as shown ("30.08.2023") in *date. */
static int render(struct store *st, struct arena *a, const struct principal *who,
                  int64_t meeting_id, enum i18n_language lang, struct buf *out,
                  const char **filename, const char **date, struct kl_error *err)
{
    struct agenda ag;
    struct forum f;
    struct dp_section *sec = NULL;
    struct pdf_datapakke d;
    size_t n = 0;
    char day[11], local[17], clock[8];
    int rc, y, m, dd, forum_chosen = 0;

    if ((rc = app_agenda_get(st, a, who, meeting_id, &ag, err)))
        return rc;
    if ((rc = app_forum_get(st, a, ag.meeting.forum_id, &f, err)))
        return rc;
    if (f.nclusters == 0)
        return kl_error_set(err, KL_EINVAL,
                            "the forum '%s' belongs to no cluster, so it has no data package",
                            f.name ? f.name : "");
    if ((rc = sections(st, a, who, &f, &sec, &n, &forum_chosen, err)))
        return rc;
    memset(&d, 0, sizeof d);
    d.lang = lang;
    d.forum = ag.meeting.forum_name ? ag.meeting.forum_name : f.name;
    date_to_ymd(meeting_cph_day(ag.meeting.starts_at), &y, &m, &dd);
    date_format_cph(ag.meeting.starts_at, local);
    d.date = arena_printf(a, "%02d.%02d.%04d", dd % 100, m % 100, y % 10000);
    /* "Møde 16.12.2026 kl. 13.00, Mødelokale K: title" */
    snprintf(clock, sizeof clock, "%.5s", local + 11);
    if (lang == LANG_DA)
        clock[2] = '.';
    d.meeting = arena_printf(a, "%s %s %s %s%s%s%s", meeting_kind_text(lang, ag.meeting.kind),
                             d.date ? d.date : "", lang == LANG_DA ? "kl." : "at", clock,
                             ag.meeting.place && *ag.meeting.place ? ", " : "",
                             ag.meeting.place ? ag.meeting.place : "",
                             ag.meeting.title && *ag.meeting.title
                                 ? arena_printf(a, ": %s", ag.meeting.title) : "");
    if (!d.date || !d.meeting || (rc = dp_build(a, lang, sec, n, &d)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    if (forum_chosen)
        d.intro = i18n_get(lang, N_("The forum's fixed selection: the indicators the forum "
                                    "chose for its data package. Values based on few people "
                                    "or events are hidden as on klynge's pages."));
    if ((rc = pdf_datapakke_render(&d, out, NULL, err)))
        return rc;
    if (date)
        *date = d.date;
    if (filename) {
        date_format_iso(meeting_cph_day(ag.meeting.starts_at), day);
        *filename = arena_printf(a, "%s-%s-%lld.pdf", i18n_get(lang, N_("datapakke")), day,
                                 (long long)meeting_id);
        if (!*filename)
            return kl_error_set(err, KL_ENOMEM, "out of memory");
    }
    return 0;
}

int app_datapakke_pdf(struct store *st, struct arena *a, const struct principal *who,
                      int64_t meeting_id, enum i18n_language lang, struct buf *out,
                      const char **filename, struct kl_error *err)
{
    return render(st, a, who, meeting_id, lang, out, filename, NULL, err);
}

int app_datapakke_attach(struct store *st, struct arena *a, const struct principal *who,
                         int64_t meeting_id, int64_t item_id, enum i18n_language lang,
                         struct buf *out, int64_t *attachment_id, struct kl_error *err)
{
    struct agenda ag;
    struct agenda_entry e;
    struct attachment_upload u;
    struct field_errors fe;
    struct buf pdf;
    const char *filename = NULL, *date = NULL;
    int rc;

    /* who may change the meeting first, so that nobody else learns about its items */
    if ((rc = app_agenda_get(st, a, who, meeting_id, &ag, err)))
        return rc;
    if (!ag.can_manage)
        return kl_error_set(err, KL_EPERM, "only the forum's secretary may attach the data "
                                           "package");
    if (item_id <= 0 || (rc = app_item_get(st, a, who, item_id, &e, err)) ||
        e.item.state != ITEM_AGENDA || e.item.meeting_id != meeting_id)
        return kl_error_set(err, KL_ENOTFOUND, "item %lld is not on the agenda of meeting %lld",
                            (long long)item_id, (long long)meeting_id);
    buf_init(&pdf, ATTACHMENT_MAX_DEFAULT);
    rc = render(st, a, who, e.item.meeting_id, lang, &pdf, &filename, &date, err);
    if (rc == 0) {
        memset(&u, 0, sizeof u);
        fields_clear(&fe);
        u.filename = filename;
        u.title = arena_printf(a, "%s %s", i18n_get(lang, N_("Data package")), date);
        u.data = (const unsigned char *)pdf.data;
        u.size = pdf.len;
        rc = app_attachment_add(st, who, item_id, &u, attachment_id, &fe, err);
        if (rc && fe.n && err && !err->msg[0])
            kl_error_set(err, rc, "%s: %s", fe.field[0], fe.msg[0]);
    }
    if (rc == 0 && out && buf_append(out, pdf.data, pdf.len))
        rc = kl_error_set(err, KL_ENOMEM, "out of memory");
    buf_free(&pdf);
    return rc;
}

int app_indicator_overview(struct arena *a, enum i18n_language lang, const char *cluster,
                           const struct ind_grid *grids, size_t n,
                           const struct chart_table **out)
{
    struct dp_section *sec = arena_calloc(a, n + 1, sizeof *sec);
    struct pdf_datapakke d;

    *out = NULL;
    if (!sec)
        return KL_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        sec[i].cluster = cluster;
        sec[i].grid = grids[i];
    }
    memset(&d, 0, sizeof d);
    if (dp_build(a, lang, sec, n, &d))
        return KL_ENOMEM;
    *out = d.overview;
    return 0;
}

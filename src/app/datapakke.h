/* datapakke.h - the use case behind a forum's data package (datapakke) for a meeting: the
 * fixed selection of indicators with charts, tables, signals, definitions and sources, as
 * a PDF (render/pdf_datapakke.h), downloaded or attached to an agenda item.
 *
 * The fixed selection is the chosen indicators of the forum's cluster(s) (the choice on
 * /clusters/{code}/indicators, app_cluster_indicators): a forum follows its cluster's
 * indicators, so there is no separate per-forum choice to keep in step. A forum of several
 * clusters gets one section per cluster and indicator; a forum without a cluster (a whole
 * region's) has no data package (KL_EINVAL).
 *
 * Every number comes from app_indicator_grid with the principal, so statistical discretion
 * is applied exactly as on the pages: "<5" and "x" for anyone without PERM_SMALL_NUMBERS,
 * every value (marked *) for those with it. The values are public, so whoever may see the
 * meeting may have its data package. */
#ifndef KL_APP_DATAPAKKE_H
#define KL_APP_DATAPAKKE_H

#include "core/i18n.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct buf;
struct chart_table;
struct ind_grid;
struct kl_error;
struct principal;
struct store;

/* The most sections (cluster x indicator) in one package. */
#define DATAPAKKE_MAX_SECTIONS 40

/* Appends the data package of meeting_id as who may see it, in lang, to out, and sets
 * *filename (arena a; may be NULL) to a name for the download
 * ("datapakke-2023-08-30-12.pdf"). KL_ENOTFOUND when who may not see the meeting;
 * KL_EINVAL when the forum belongs to no cluster (err says so); the renderer's errors
 * otherwise. */
int app_datapakke_pdf(struct store *st, struct arena *a, const struct principal *who,
                      int64_t meeting_id, enum i18n_language lang, struct buf *out,
                      const char **filename, struct kl_error *err);

/* Makes the data package of meeting_id as who may see it and adds it as an attachment to
 * item_id, an item on that meeting's agenda (app_attachment_add: the forum's secretary or an
 * administrator, while the agenda may change), titled "Datapakke DD.MM.YYYY" in lang. The
 * PDF is also appended to out (may be NULL); *attachment_id (may be NULL) is set.
 * KL_ENOTFOUND when who may not see the meeting; KL_EPERM when who may not change it
 * (checked before the item); KL_ENOTFOUND when item_id is not on its agenda; otherwise app_datapakke_pdf's and app_attachment_add's errors (a field problem in err's
 * message). */
int app_datapakke_attach(struct store *st, struct arena *a, const struct principal *who,
                         int64_t meeting_id, int64_t item_id, enum i18n_language lang,
                         struct buf *out, int64_t *attachment_id, struct kl_error *err);

/* The overview of the data package for a page: one row per grid (made by app_indicator_grid
 * for the principal) with the latest period, cluster's and country's values with their small
 * lines, and the cluster's signals, in lang, in arena a; *out is NULL when n is 0. The same
 * table the PDF shows, for chart_table_svg. 0, or KL_ENOMEM. */
int app_indicator_overview(struct arena *a, enum i18n_language lang, const char *cluster,
                           const struct ind_grid *grids, size_t n,
                           const struct chart_table **out);

#endif

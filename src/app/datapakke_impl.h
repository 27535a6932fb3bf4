/* datapakke_impl.h - between the data package's use case (datapakke.c) and the file that
 * turns its grids into the renderer's charts and texts (datapakke_charts.c). Internal to
 * app/. */
#ifndef KL_APP_DATAPAKKE_IMPL_H
#define KL_APP_DATAPAKKE_IMPL_H

#include "app/indicator_grid.h"
#include "core/i18n.h"

#include <stddef.h>

struct arena;
struct pdf_datapakke;

/* One section of the package: an indicator's grid (as the principal may see it) for one of
 * the forum's clusters. */
struct dp_section {
    const char *cluster;   /* the cluster's code */
    struct ind_grid grid;
};

/* Fills d's clusters, warning, intro, legend, overview and indicators from the n sections,
 * in lang, in arena a (d's other fields are the caller's). 0, or KL_ENOMEM. */
int dp_build(struct arena *a, enum i18n_language lang, const struct dp_section *s, size_t n,
             struct pdf_datapakke *d);

#endif

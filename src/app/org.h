/* org.h - use cases of the organisation's geography: reading regions, municipalities,
 * hospitals and clusters, and importing a region's cluster structure from CSV.
 *
 * Every reader fills structs whose strings and arrays live in the caller's arena `a`; the
 * caller frees nothing but the arena. All return 0, or a negative KL_E... code with err
 * filled (KL_ENOTFOUND when the named thing does not exist). */
#ifndef KL_APP_ORG_H
#define KL_APP_ORG_H

#include "model/org.h"

#include <stddef.h>

struct arena;
struct store;
struct kl_error;

/* All regions, ordered by code. */
int app_region_list(struct store *st, struct arena *a, struct region **out, size_t *n,
                    struct kl_error *err);

/* One region. */
int app_region_get(struct store *st, struct arena *a, int code, struct region *out,
                   struct kl_error *err);

/* All municipalities, ordered by name (Danish collation: æ, ø, å last), or only those of
 * region_code when it is not 0. */
int app_municipality_list(struct store *st, struct arena *a, int region_code,
                          struct municipality **out, size_t *n, struct kl_error *err);

/* One municipality with the clusters it has belonged to, over time. */
int app_municipality_get(struct store *st, struct arena *a, int code,
                         struct municipality_detail *out, struct kl_error *err);

/* Clusters, ordered by region, then newest period first, then name; only those of
 * region_code when it is not 0. */
int app_cluster_list(struct store *st, struct arena *a, int region_code, struct cluster **out,
                     size_t *n, struct kl_error *err);

/* One cluster with its hospitals and member municipalities (shared ones marked). */
int app_cluster_get(struct store *st, struct arena *a, const char *code,
                    struct cluster_detail *out, struct kl_error *err);

/* Hospitals of a region (0: all), ordered by name. */
int app_hospital_list(struct store *st, struct arena *a, int region_code,
                      struct hospital **out, size_t *n, struct kl_error *err);

#endif

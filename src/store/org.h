/* org.h - stored geography: regions, municipalities, hospitals, clusters and their links.
 *
 * Readers fill arrays and strings in the caller's arena `a`. Writers must run inside a
 * transaction the caller opened with store_begin. All return 0 or a negative KL_E... code
 * with err filled; KL_ENOTFOUND when a named row does not exist. Dates cross this interface
 * as day numbers (core/date.h); DATE_OPEN for an open end. */
#ifndef KL_STORE_ORG_H
#define KL_STORE_ORG_H

#include "model/org.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct kl_error;

int store_region_list(struct store *st, struct arena *a, struct region **out, size_t *n,
                      struct kl_error *err);
int store_region_get(struct store *st, struct arena *a, int code, struct region *out,
                     struct kl_error *err);

/* Municipalities in Danish name order; region_code 0 means all regions. */
int store_municipality_list(struct store *st, struct arena *a, int region_code,
                            struct municipality **out, size_t *n, struct kl_error *err);
int store_municipality_get(struct store *st, struct arena *a, int code,
                           struct municipality *out, struct kl_error *err);

/* Clusters a municipality has belonged to, oldest period first. */
int store_municipality_clusters(struct store *st, struct arena *a, int code,
                                struct cluster **out, size_t *n, struct kl_error *err);

/* Clusters by region, newest period first, then name; region_code 0 means all. */
int store_cluster_list(struct store *st, struct arena *a, int region_code,
                       struct cluster **out, size_t *n, struct kl_error *err);
int store_cluster_get(struct store *st, struct arena *a, const char *code, struct cluster *out,
                      struct kl_error *err);
int store_cluster_hospitals(struct store *st, struct arena *a, const char *code,
                            struct hospital **out, size_t *n, struct kl_error *err);
/* Members in Danish name order, each marked shared when it also belongs to another cluster
 * whose period overlaps this one's. */
int store_cluster_members(struct store *st, struct arena *a, const char *code,
                          struct cluster_member **out, size_t *n, struct kl_error *err);

/* Hospitals by name; region_code 0 means all. */
int store_hospital_list(struct store *st, struct arena *a, int region_code,
                        struct hospital **out, size_t *n, struct kl_error *err);

/* Writers (inside a transaction). */
int store_region_put(struct store *st, const struct region *r, struct kl_error *err);
/* Inserts or updates by code; population -1 leaves a stored population as it is. */
int store_municipality_put(struct store *st, const struct municipality *m, struct kl_error *err);
/* The id of the hospital called name in region_code, created when missing. */
int store_hospital_ensure(struct store *st, int region_code, const char *name, int64_t *id,
                          struct kl_error *err);
/* Inserts or replaces the cluster with c->code: its name, region and period, and all its
 * hospital and municipality links. */
int store_cluster_put(struct store *st, const struct cluster *c, const int64_t *hospital_ids,
                      size_t nhospitals, const int *municipality_codes, size_t nmunicipalities,
                      struct kl_error *err);

#endif

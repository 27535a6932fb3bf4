/* cluster_import.h - importing a region's cluster structure from CSV: the columns of
 * data/clusters.csv, one row per cluster and member municipality, as written by Danish Excel
 * (semicolon or comma, UTF-8 with or without BOM, or Windows-1252).
 *
 * Columns, found by their header names in any order: region_code, cluster_code,
 * cluster_name, valid_from, valid_to (empty: still in force), acute_hospital,
 * municipality_code, and optionally municipality_name (checked against the code). Dates are
 * YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY. Every cluster named in the file is replaced whole by
 * what the file says; clusters not named are left alone. */
#ifndef KL_APP_CLUSTER_IMPORT_H
#define KL_APP_CLUSTER_IMPORT_H

#include <stddef.h>

struct principal;
struct store;
struct problems;
struct kl_error;

struct cluster_import_summary {
    size_t rows;      /* data rows read */
    size_t clusters;  /* clusters created or changed (an unchanged cluster is not written) */
    size_t hospitals; /* hospital links of those clusters */
};

/* Validates the n bytes at data and, only when every row is valid, writes all of it in one
 * transaction, with an audit row by who for each cluster created or changed. Each problem found is added to probs with its line
 * and column; then the result is KL_EINVAL and the database is unchanged. Other failures
 * (database, memory) return their code with err filled, also leaving the database as it
 * was. On success fills sum (may be NULL) and returns 0. */
int app_cluster_import(struct store *st, const struct principal *who, const char *data,
                       size_t n, struct problems *probs, struct cluster_import_summary *sum,
                       struct kl_error *err);

#endif

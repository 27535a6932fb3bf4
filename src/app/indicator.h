/* indicator.h - use cases of indicators: the catalogue shipped in data/indicators.csv, the
 * indicators a cluster follows, and an indicator's grid of values as every output shows it
 * (indicator_grid.h), with discretion applied for the principal (discretion.h).
 *
 * Readers fill structs in the caller's arena. Writers check, authorise, change and audit in
 * one transaction. All return 0 or a negative KL_E... code with err filled. */
#ifndef KL_APP_INDICATOR_H
#define KL_APP_INDICATOR_H

#include "app/indicator_grid.h"
#include "model/indicator.h"

#include <stddef.h>

struct arena;
struct store;
struct principal;
struct problems;
struct kl_error;

/* Parses a catalogue in the columns of data/indicators.csv (pure): every row is checked
 * with indicator_check, each problem added to probs with line and column ("verified" or
 * "to verify" in the verified column). On success *out holds *n definitions in arena a.
 * Returns 0, KL_EINVAL when probs got problems, or KL_ENOMEM. */
int app_indicator_catalogue_parse(const char *data, size_t size, struct arena *a,
                                  struct problems *probs, struct indicator **out, size_t *n,
                                  struct kl_error *err);

/* Loads the shipped catalogue: each definition that is new or differs from the stored one
 * is written, with an audit row by who. Loading twice changes nothing. Fills *loaded and
 * *changed (either may be NULL). */
int app_indicator_catalogue_load(struct store *st, const struct principal *who, int *loaded,
                                 int *changed, struct problems *probs, struct kl_error *err);

/* Every indicator by code; counts (may be NULL) gets each one's number of stored values. */
int app_indicator_list(struct store *st, struct arena *a, struct indicator **out, size_t *n,
                       int64_t **counts, struct kl_error *err);

/* One indicator; KL_ENOTFOUND when there is none with code. */
int app_indicator_get(struct store *st, struct arena *a, const char *code,
                      struct indicator *out, struct kl_error *err);

/* The grid of indicator code for periods from..to (canonical or any text period_parse
 * reads, of the indicator's kind or a coarser one: "2019" for a monthly indicator means
 * from January 2019; NULL: open), as who may see it: discretion applied and signals
 * computed. KL_ENOTFOUND for an unknown indicator, KL_EINVAL for a period that is not one
 * (err names it). */
int app_indicator_grid(struct store *st, struct arena *a, const struct principal *who,
                       const char *code, const char *from, const char *to,
                       struct ind_grid *out, struct kl_error *err);

/* The indicators cluster_code follows: its choice, in order (*chosen 1), or when it has
 * made none every indicator with values (*chosen 0). */
int app_cluster_indicators(struct store *st, struct arena *a, const char *cluster_code,
                           const char ***codes, size_t *n, int *chosen, struct kl_error *err);

/* Replaces the choice of cluster_code with the n codes (each an existing indicator, no
 * duplicates; n 0 clears the choice). Needs PERM_INDICATOR_EDIT; audited. */
int app_cluster_indicators_set(struct store *st, const struct principal *who,
                               const char *cluster_code, const char *const *codes, size_t n,
                               struct kl_error *err);

/* The indicators forum_id chose for its data package, in order; none (n 0) when it has not
 * chosen (the package then shows its clusters' choice). PERM_FORUM_PUBLISHED of the forum. */
int app_forum_indicators(struct store *st, struct arena *a, const struct principal *who,
                         int64_t forum_id, const char ***codes, size_t *n, struct kl_error *err);

/* Replaces forum_id's choice with the n codes (each an indicator of the catalogue, once; n 0
 * goes back to the clusters' choice). The forum's secretary (PERM_FORUM_MANAGE); audited. */
int app_forum_indicators_set(struct store *st, const struct principal *who, int64_t forum_id,
                             const char *const *codes, size_t n, struct kl_error *err);

#endif

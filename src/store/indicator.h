/* indicator.h - SQL for indicators: the catalogue, batches of values with their provenance,
 * the values per geography and period, the indicators each cluster follows, the cluster
 * memberships over time that cluster values are computed through, and reporting rounds.
 *
 * Readers fill structs whose strings live in the caller's arena. Writers run inside the
 * caller's transaction (store_begin). All return 0 or a negative KL_E... code with err
 * filled: KL_ENOTFOUND for a missing row, KL_EINVAL for a reference to nothing. */
#ifndef KL_STORE_INDICATOR_H
#define KL_STORE_INDICATOR_H

#include "model/indicator.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct kl_error;

/* Inserts the indicator, or replaces the stored definition with the same code. */
int store_indicator_put(struct store *st, const struct indicator *ind, struct kl_error *err);
int store_indicator_get(struct store *st, struct arena *a, const char *code,
                        struct indicator *out, struct kl_error *err);
/* All indicators by code. */
int store_indicator_list(struct store *st, struct arena *a, struct indicator **out, size_t *n,
                         struct kl_error *err);

/* Records a new batch; *id is its number. */
int store_ind_source_add(struct store *st, const struct ind_batch *src, int64_t *id,
                         struct kl_error *err);

/* Values of code whose period text lies in [from, to] (either may be NULL: open), ordered
 * by period, geography kind and code. Period texts of one kind sort in time order. */
int store_ind_values(struct store *st, struct arena *a, const char *code, const char *from,
                     const char *to, struct ind_value **out, size_t *n, struct kl_error *err);

/* Deletes the values of code, period and geography kind; *deleted (may be NULL) is how
 * many there were. */
int store_ind_values_delete(struct store *st, const char *code, const char *period,
                            enum geo_kind kind, size_t *deleted, struct kl_error *err);

/* Inserts one value (v->source_id must name a batch); replaces a value with the same key. */
int store_ind_value_put(struct store *st, const struct ind_value *v, struct kl_error *err);

/* How many values each indicator has, in the order of store_indicator_list; counts[] gets
 * n entries in the arena. */
int store_ind_value_counts(struct store *st, struct arena *a, int64_t **counts, size_t *n,
                           struct kl_error *err);

/* One municipality's membership of one cluster, over the cluster's period. */
struct ind_membership {
    const char *cluster_code;
    const char *cluster_name;
    int region_code;
    int municipality_code;
    int32_t from, to; /* day numbers; to is DATE_OPEN while in force */
};

/* Every cluster membership, by cluster code and municipality code. */
int store_ind_memberships(struct store *st, struct arena *a, struct ind_membership **out,
                          size_t *n, struct kl_error *err);

/* The indicators cluster_code follows, in the chosen order. */
int store_cluster_indicators(struct store *st, struct arena *a, const char *cluster_code,
                             const char ***codes, size_t *n, struct kl_error *err);
/* Replaces the choice of cluster_code with the n codes, in that order. */
int store_cluster_indicators_set(struct store *st, const char *cluster_code,
                                 const char *const *codes, size_t n, struct kl_error *err);

/* The indicators forum_id chose for its data package, in the chosen order. */
int store_forum_indicators(struct store *st, struct arena *a, int64_t forum_id,
                           const char ***codes, size_t *n, struct kl_error *err);
/* Replaces forum_id's choice with the n codes, in that order. */
int store_forum_indicators_set(struct store *st, int64_t forum_id, const char *const *codes,
                               size_t n, struct kl_error *err);

/* A reporting round: the secretariat asks each municipality of a cluster for its value of
 * an indicator for a period. */
struct reporting_round {
    int64_t id;
    const char *indicator_code;
    const char *period;
    const char *cluster_code;
    const char *title;
    int32_t due_on;
    int64_t source_id; /* the batch its values are stored under */
    const char *created_at;
};

/* What one municipality reported in a round. */
struct reporting_entry {
    int64_t round_id;
    int municipality_code;
    int64_t numerator;   /* IND_NONE when not given */
    int64_t denominator; /* IND_NONE when not given */
    double value;
    const char *reported_by;
    const char *reported_at;
};

int store_round_insert(struct store *st, const struct reporting_round *rr, int64_t *id,
                       struct kl_error *err);
int store_round_get(struct store *st, struct arena *a, int64_t id, struct reporting_round *out,
                    struct kl_error *err);
/* All rounds, newest first. */
int store_round_list(struct store *st, struct arena *a, struct reporting_round **out,
                     size_t *n, struct kl_error *err);
/* Inserts or replaces the entry of (e->round_id, e->municipality_code). */
int store_round_entry_put(struct store *st, const struct reporting_entry *e,
                          struct kl_error *err);
/* The entries of round_id by municipality code. */
int store_round_entries(struct store *st, struct arena *a, int64_t round_id,
                        struct reporting_entry **out, size_t *n, struct kl_error *err);

/* The municipality codes whose organisations the account user_id's person belongs to
 * (through person.organisation_id), each once. */
int store_user_municipalities(struct store *st, struct arena *a, int64_t user_id, int **out,
                              size_t *n, struct kl_error *err);

#endif

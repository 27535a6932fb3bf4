/* reporting.h - manual reporting rounds: the secretariat asks each municipality of a cluster
 * for its value of an indicator for a period (nursing-home doctors, say), each
 * municipality's contact enters its own number, and the overview shows who has not
 * reported. The values entered are stored as indicator values of the round's batch (kind
 * manual), so they appear on the dashboards like any other, under the same discretion.
 *
 * Who may do what: creating a round needs PERM_INDICATOR_EDIT. A municipality's value may
 * be entered by its contact - a user whose person belongs to an organisation with that
 * municipality's code - and by anyone with PERM_INDICATOR_EDIT (the secretariat entering a
 * number sent by e-mail). Everyone signed in sees the rounds and who has reported; the
 * values in the overview come from the indicator's grid, with discretion applied. */
#ifndef KL_APP_REPORTING_H
#define KL_APP_REPORTING_H

#include "store/indicator.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct principal;
struct field_errors;
struct kl_error;

/* Creates the round rr (indicator_code, period, cluster_code, title, due_on; rr->id and
 * rr->source_id are set) with a batch of kind manual named after its title, audited.
 * Problems go to fe per field: indicator (not in the catalogue), period (not a period of
 * the indicator's kind), cluster (unknown, or without municipalities in the period),
 * title (empty), due_on. */
int app_round_create(struct store *st, const struct principal *who, struct reporting_round *rr,
                     struct field_errors *fe, struct kl_error *err);

/* Every round, newest first. */
int app_round_list(struct store *st, struct arena *a, struct reporting_round **out, size_t *n,
                   struct kl_error *err);

/* One municipality's line of a round's overview. */
struct round_line {
    int municipality_code;
    const char *name;
    const struct reporting_entry *entry; /* NULL: not reported yet */
    int may_report;                      /* who may enter this municipality's value */
    int own;                             /* who is this municipality's contact */
};

struct round_status {
    struct reporting_round round;
    struct indicator ind;
    const char *cluster_name;
    struct round_line *lines; /* the cluster's municipalities in force in the period */
    size_t nlines;
    size_t reported;
};

/* The round id with the municipalities asked and what each has reported; KL_ENOTFOUND for
 * no such round. */
int app_round_status(struct store *st, struct arena *a, const struct principal *who,
                     int64_t id, struct round_status *out, struct kl_error *err);

/* Enters municipality's value in round id: numerator and denominator for a rate (value
 * computed), or value for a count (numerator IND_NONE; pass NAN as value for a rate).
 * KL_EPERM when who may not report for it (before anything is checked), else problems per
 * field (municipality, numerator, denominator, value) with KL_EINVAL. Replaces an earlier
 * entry and the stored value, audited. */
int app_round_report(struct store *st, const struct principal *who, int64_t id,
                     int municipality, int64_t numerator, int64_t denominator, double value,
                     struct field_errors *fe, struct kl_error *err);

#endif

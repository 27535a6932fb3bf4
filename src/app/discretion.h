/* discretion.h - statistical discretion: the one place that decides which indicator values
 * a principal may see. Every output of values (pages, charts, CSV and XLSX downloads, the
 * JSON API, the command line) gets its cells through app_discretion_apply, and hidden cells
 * carry no number at all, so no path can show what was decided away.
 *
 * The rules, for each period of an indicator:
 * - Primary: a value whose count (its numerator, or a count's value) is 1 to min_count-1 is
 *   small and shown as "<5" (the indicator's minimum). For a percentage, an average of days
 *   or a mean score the denominator counts people or events too, and a denominator of 1 to
 *   min_count-1 makes the value small as well. 0 is shown: it identifies no one. Values
 *   without a count (standardised rates) are never small.
 * - Secondary: every cluster, region and country value is a sum of municipalities. Where a
 *   shown sum has exactly one hidden member and every other member is known, the member
 *   with the smallest positive count (else the smallest) is hidden too ("x"), and so on
 *   until no sum has one hidden member alone; a sum whose only members are hidden is hidden.
 *   Then the sums are solved as a system of linear equations over every unknown (hidden
 *   cells, hidden sums and members without a value): when any small value can still be
 *   worked out, every sum with a hidden member is hidden as well, which always suffices
 *   (each hidden sum adds an unknown of its own).
 * Only exact values are protected: bounds (a small value is at most the sum minus the
 * others) may narrow. Relations between different indicators are not considered.
 *
 * Who sees small numbers: PERM_SMALL_NUMBERS (app/permission.h), administrators. They get
 * every value, with would_hide telling them what others see. */
#ifndef KL_APP_DISCRETION_H
#define KL_APP_DISCRETION_H

struct ind_grid;
struct principal;
struct store;
struct kl_error;

/* Decides would_hide for every cell of g (pure): primary, then secondary suppression as
 * above. Returns 0 or KL_ENOMEM. */
int discretion_decide(struct ind_grid *g);

/* Applies discretion to g for who: decides (discretion_decide), then, unless who holds
 * PERM_SMALL_NUMBERS, hides every cell that would be hidden: hidden is set, has_value 0,
 * value 0, numerator and denominator IND_NONE. Sets g->sees_small. Call before
 * ind_grid_signals. Returns 0, KL_ENOMEM, or the error of the permission decision. */
int app_discretion_apply(struct store *st, const struct principal *who, struct ind_grid *g,
                         struct kl_error *err);

/* What a hidden cell is shown as: "<5" for a small one (with the indicator's minimum),
 * "x" for a secondary one, into out (at least 8 bytes). */
void discretion_text(const struct ind_grid *g, int hidden, char *out);

#endif

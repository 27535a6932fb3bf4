/* indicator_demo.h - synthetic indicator values for `klynge init --demo`: every municipality,
 * five years (2020-2024), plausible in size and clearly marked as synthetic (their batch is
 * labelled "synthetic demo data", of kind synthetic). */
#ifndef KL_APP_INDICATOR_DEMO_H
#define KL_APP_INDICATOR_DEMO_H

struct principal;
struct store;
struct kl_error;

#define DEMO_VALUES_LABEL "synthetic demo data"

/* Stores the synthetic values of FOREBYG-65, GENIND-SOM-30, FAERDIG-SOM, GENOPTR-VENTE and
 * TILFREDS-UDSKRIV (yearly) and PLEJEHJEMSLAEGE (quarterly) for all 98 municipalities,
 * 2020-2024, and chooses them for the demo clusters RN-MIDT and RM-VEST. Numerators and
 * denominators are derived from approximate municipal populations (round figures, for
 * plausibility only, not reference data); small municipalities get small counts, so the
 * dashboards show discretion at work. Also starts a reporting round of Klynge MIDT for the
 * first quarter of 2025, with Aalborg reported and Jammerbugt not yet. Does nothing when
 * FOREBYG-65 already has values.
 * Deterministic: the same values on every machine. */
int app_demo_indicators(struct store *st, const struct principal *who, struct kl_error *err);

#endif

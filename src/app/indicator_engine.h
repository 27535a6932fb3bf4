/* indicator_engine.h - `klynge compute --load DB`: the engine's four result files become
 * values of the catalogue's engine indicators, stored with the run as their provenance:
 *
 *   admissions_monthly.csv    -> ENG-INDL-MD      admissions per municipality and month
 *   readmissions_65.csv       -> ENG-GENIND-65    100 x readmissions_30d / index_admissions
 *   preventable_65.csv        -> ENG-FOREBYG-65   1000 x preventable_admissions / pop65
 *   bed_days_per_1000_65.csv  -> ENG-SENGEDAGE-65 1000 x bed_days_65 / pop65
 *
 * with numerator and denominator, so that clusters, regions and the country are summed and
 * discretion applied when the values are shown. Rows with a zero denominator give no value;
 * preventable admissions take pop65 from the bed-days file (no pop65, no value). */
#ifndef KL_APP_INDICATOR_ENGINE_H
#define KL_APP_INDICATOR_ENGINE_H

struct store;
struct principal;
struct ind_import_summary;
struct kl_error;

/* Reads the four files in dir (as written without --public: whole numbers) and stores
 * their values as one batch of kind engine labelled label, replacing per indicator, period
 * and geography kind, audited. who needs PERM_INDICATOR_EDIT. Problems name the file, line
 * and column; on any the database is unchanged. sum may be NULL. */
int app_indicator_load_engine(struct store *st, const struct principal *who, const char *dir,
                              const char *label, struct ind_import_summary *sum,
                              struct kl_error *err);

#endif

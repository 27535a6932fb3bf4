/* refdata.h - the reference data shipped in the binary (the CSV files in data/): the 5 regions, the 98
 * municipalities and the clusters whose facts were checked, loaded by `klynge init`. */
#ifndef KL_APP_REFDATA_H
#define KL_APP_REFDATA_H

struct principal;
struct store;
struct problems;
struct kl_error;

struct refdata_summary {
    int regions;          /* rows in the shipped files */
    int municipalities;
    int clusters;         /* cluster membership rows */
    int clusters_changed; /* clusters created or changed by this load */
};

/* Loads (inserts or updates) all reference data, each change audited as done by who. Regions and municipalities are written in
 * one transaction, the clusters in a second, through the same import as
 * `klynge org import clusters`. Loading twice changes nothing. A problem in the shipped files
 * is reported through probs with KL_EINVAL. Fills sum (may be NULL). */
int app_refdata_load(struct store *st, const struct principal *who, struct problems *probs,
                     struct refdata_summary *sum, struct kl_error *err);

#endif

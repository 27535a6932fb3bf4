/* refdata.h - the reference data shipped in the binary (the CSV files in data/): the 5 regions, the 98
 * municipalities and the clusters whose facts were checked, loaded by `klynge init`. */
#ifndef KL_APP_REFDATA_H
#define KL_APP_REFDATA_H

struct store;
struct problems;
struct kl_error;

struct refdata_summary {
    int regions;
    int municipalities;
    int clusters;
};

/* Loads (inserts or updates) all reference data. Regions and municipalities are written in
 * one transaction, the clusters in a second, through the same import as
 * `klynge org import clusters`. Loading twice changes nothing. A problem in the shipped files
 * is reported through probs with KL_EINVAL. Fills sum (may be NULL). */
int app_refdata_load(struct store *st, struct problems *probs, struct refdata_summary *sum,
                     struct kl_error *err);

#endif

/* indicator_import.h - importing indicator values from CSV as sources publish them and as
 * Danish Excel writes them: semicolon (then decimal comma, '.' between thousands) or comma
 * (then decimal point), UTF-8 with or without BOM, or Windows-1252.
 *
 * Two shapes, told apart by the header:
 * - long: one value per row, columns indicator, period, geography, value, numerator,
 *   denominator (Danish names too: indikator, periode, område, værdi, tæller, nævner);
 *   value may be left out where numerator and denominator are given;
 * - wide: a geography column and one column per period (headers such as 2021, 2022 or
 *   2023K1), values in the cells, as eSundhed's tables are laid out.
 * The indicator comes from an indicator column, else from the caller (the --indicator
 * option, the form's choice). Columns name, navn, kommunenavn, municipality_name, note and
 * bemærkning are ignored, and so are columns without a name; any other column is an error,
 * so that a misspelt one is not silently ignored.
 *
 * A geography is a municipality (code such as 751 or 0751, or name, with or without
 * " Kommune"), a region (1081-1085 or its name) or the whole country (DK, Danmark, Hele
 * landet). Clusters are refused: their values are computed from their municipalities'.
 * A cell of ".", "..", "-", "x" or "<5" (a value the source did not publish) is skipped and
 * counted. Every row is checked: the period must be of the indicator's kind, the value in
 * the unit's range (0-100 for a percentage, whole for a count), numerator and denominator
 * whole and both given or neither, a value given with them equal to scale x numerator /
 * denominator as rounded to the decimals written; the same indicator, period and geography
 * may appear only once. */
#ifndef KL_APP_INDICATOR_IMPORT_H
#define KL_APP_INDICATOR_IMPORT_H

#include "model/indicator.h"
#include "model/org.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct principal;
struct problems;
struct kl_error;

/* What the checks look values up in. */
struct ind_import_context {
    const struct indicator *indicators;
    size_t nindicators;
    const struct municipality *municipalities;
    size_t nmunicipalities;
    const struct region *regions;
    size_t nregions;
    const struct cluster *clusters; /* only to say that clusters are computed */
    size_t nclusters;
    const char *default_indicator;  /* the indicator of a file without that column, or NULL */
};

/* One valid value of the file. */
struct ind_import_row {
    size_t line;
    const struct indicator *ind;
    char period[PERIOD_TEXT_MAX];
    enum geo_kind geo_kind;
    char geo_code[16];
    double value;
    int64_t numerator;   /* IND_NONE when not given */
    int64_t denominator; /* IND_NONE when not given */
};

/* At most this many values in one file. */
#define IND_IMPORT_MAX_VALUES 500000

/* Checks the size bytes at data (pure). Each problem goes to probs with its line and column.
 * On success *rows holds *nrows values in arena a, sorted by indicator, period, geography
 * kind and code, and *skipped (may be NULL) counts the cells without a value. Returns 0,
 * KL_EINVAL when problems were found (err says how many), or KL_ENOMEM. */
int ind_import_check(const char *data, size_t size, const struct ind_import_context *ctx,
                     struct arena *a, struct problems *probs, struct ind_import_row **rows,
                     size_t *nrows, size_t *skipped, struct kl_error *err);

struct ind_import_summary {
    size_t values;   /* values stored */
    size_t skipped;  /* cells without a value */
    size_t groups;   /* indicator, period and geography kind combinations written */
    size_t replaced; /* stored values those combinations held before */
    int64_t source_id;
};

/* Imports the file: who needs PERM_INDICATOR_EDIT (else KL_EPERM before the file is read).
 * Validates everything with ind_import_check and, only when all is valid, writes in one
 * transaction: a new batch (kind import, label, who), and for every indicator, period and
 * geography kind in the file the old values are replaced by the file's, with one audit row
 * each holding the values before and after. On KL_EINVAL the problems are in probs and
 * nothing changed. label is the file's name (for the provenance). sum may be NULL. */
int app_indicator_import(struct store *st, const struct principal *who, const char *label,
                         const char *default_indicator, const char *data, size_t size,
                         struct problems *probs, struct ind_import_summary *sum,
                         struct kl_error *err);

/* Writes already valid rows as one batch of kind (with label and who as its provenance),
 * replacing per indicator, period and geography kind, audited as above. Runs its own
 * transaction. For imports, the engine's results and the demo data. */
int app_indicator_store_rows(struct store *st, const struct principal *who,
                             enum source_kind kind, const char *label,
                             struct ind_import_row *rows, size_t nrows,
                             struct ind_import_summary *sum, struct kl_error *err);

#endif

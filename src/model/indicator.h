/* indicator.h - indicators as plain structs with their value checks: the definition of an
 * indicator (what is counted, per what, which direction is better, where it comes from, how
 * often, below which count a value is hidden, and how its signal is read), the periods
 * values belong to, the geographies values are given for, one value, and the signal rule.
 *
 * Pure: no database, no I/O. Strings point into memory owned by whoever filled the struct
 * (usually an arena). */
#ifndef KL_MODEL_INDICATOR_H
#define KL_MODEL_INDICATOR_H

#include <stddef.h>
#include <stdint.h>

struct field_errors;

/* The unit of a value, and how values of several municipalities add up. */
enum ind_unit {
    IND_UNIT_COUNT = 0, /* a number of events; a cluster's value is the sum */
    IND_UNIT_PERCENT,   /* 100 x numerator / denominator */
    IND_UNIT_PER_1000,  /* 1000 x numerator / denominator (per 1,000 citizens of a group) */
    IND_UNIT_DAYS,      /* numerator / denominator: days per patient, an average */
    IND_UNIT_SCORE,     /* numerator / denominator: a mean score */
    IND_UNIT_COUNT_
};

enum ind_better {
    IND_BETTER_LOWER = 0,
    IND_BETTER_HIGHER,
    IND_BETTER_NEITHER, /* the direction depends on the context: signals are neutral */
    IND_BETTER_COUNT_
};

enum ind_source {
    IND_SRC_SDS = 0,        /* Sundhedsdatastyrelsen: eSundhed, the clusters' data packages */
    IND_SRC_NATIONAL_GOALS, /* Nationale mål for sundhedsvæsenet */
    IND_SRC_OTHER_PUBLIC,   /* another public source (Benchmarkingenheden, ...) */
    IND_SRC_OWN_DATA,       /* the cluster's own data, reported by its municipalities */
    IND_SRC_ENGINE,         /* computed by klynge's engine from event-level extracts */
    IND_SRC_COUNT_
};

enum period_kind {
    PERIOD_YEAR = 0,
    PERIOD_QUARTER,
    PERIOD_MONTH,
    PERIOD_KIND_COUNT_
};

enum signal_rule {
    SIGNAL_RULE_RELATIVE = 0, /* within tolerance percent of the value compared with */
    SIGNAL_RULE_ABSOLUTE,     /* within tolerance units (percentage points for %) */
    SIGNAL_RULE_COUNT_
};

#define IND_CODE_MAX 40
#define IND_MIN_COUNT_DEFAULT 5

struct indicator {
    const char *code;        /* "FOREBYG-65": 1-40 of A-Z, 0-9, '-', starting with a letter */
    const char *name_da;
    const char *name_en;
    const char *description; /* Danish, as the sources write it */
    const char *numerator;   /* what is counted; "" when values have none */
    const char *denominator; /* per what; "" when values have none */
    enum ind_unit unit;
    enum ind_better better;
    enum ind_source source_kind;
    const char *source;      /* "eSundhed: Sundhedsaftaler" */
    const char *source_url;  /* https://...; "" when none */
    enum period_kind period_kind;
    int min_count;           /* values counting 1 to min_count-1 are hidden; 1..100 */
    enum signal_rule signal_rule;
    double tolerance;        /* >= 0 */
    int decimals;            /* shown after the decimal separator, 0..3 */
    int verified;            /* 1: the definition was checked against its source */
    const char *verify_note; /* what is still to verify against the source; "" if verified */
};

/* Stable names used in files, the database and the API ("count", "percent", ...). Each
 * _parse returns the enum value, or -1 for NULL or an unknown name. */
const char *ind_unit_name(enum ind_unit u);
int ind_unit_parse(const char *s);
const char *ind_better_name(enum ind_better b);
int ind_better_parse(const char *s);
const char *ind_source_name(enum ind_source s);
int ind_source_parse(const char *s);
const char *period_kind_name(enum period_kind k);
int period_kind_parse(const char *s);
const char *signal_rule_name(enum signal_rule r);
int signal_rule_parse(const char *s);

/* The factor of numerator / denominator for unit u (100, 1000 or 1), or 0 for a count. */
double ind_unit_scale(enum ind_unit u);

/* 1 when the unit's values are numerator / denominator times a scale (all but count). */
int ind_unit_is_rate(enum ind_unit u);

/* 1 when code is a valid indicator code. */
int indicator_code_valid(const char *code);

/* Checks every field of ind; each problem goes to fe under the field's name. Returns the
 * number of problems added. */
int indicator_check(const struct indicator *ind, struct field_errors *fe);

/* A period of an indicator: a year, a quarter or a month. */
struct period {
    enum period_kind kind;
    int year; /* 1900..2999 */
    int part; /* quarter 1-4, month 1-12; 0 for a year */
};

#define PERIOD_TEXT_MAX 12

/* Parses a period as sources write it: "2023"; "2023-Q2", "2023Q2", "2023K2", "2023-K2",
 * "Q2 2023", "K2 2023", "2. kvt. 2023"; "2023-05", "2023M05", "05-2023". ASCII case is
 * ignored. Returns 0, or -1 when s is none of these. */
int period_parse(const char *s, struct period *out);

/* The canonical text "2023", "2023-Q2" or "2023-05" (at least PERIOD_TEXT_MAX bytes). */
void period_format(const struct period *p, char *out);

/* First and last day (day numbers) of p. */
int32_t period_first_day(const struct period *p);
int32_t period_last_day(const struct period *p);

/* The period before p, and after p, of the same kind. */
struct period period_prev(const struct period *p);
struct period period_next(const struct period *p);

/* Orders periods of one kind: <0, 0, >0. */
int period_cmp(const struct period *a, const struct period *b);

/* Where a value belongs. Clusters are computed, never stored. */
enum geo_kind {
    GEO_MUNICIPALITY = 0,
    GEO_CLUSTER,
    GEO_REGION,
    GEO_COUNTRY,
    GEO_KIND_COUNT_
};

const char *geo_kind_name(enum geo_kind k);
int geo_kind_parse(const char *s);

/* The code of the country as a geography. */
#define GEO_COUNTRY_CODE "DK"

/* Where a stored value came from. */
enum source_kind {
    VALUE_SRC_IMPORT = 0, /* an imported file */
    VALUE_SRC_MANUAL,     /* entered by hand in a reporting round */
    VALUE_SRC_ENGINE,     /* loaded from a run of klynge compute */
    VALUE_SRC_SYNTHETIC,  /* synthetic demo data */
    VALUE_SRC_COUNT_
};

const char *value_source_name(enum source_kind k);
int value_source_parse(const char *s);

#define IND_NONE (-1) /* an absent numerator or denominator */

/* One value of an indicator for a geography and period, as stored (clusters are computed
 * and never stored). */
struct ind_value {
    const char *indicator_code;
    enum geo_kind geo_kind;       /* municipality, region or country */
    const char *geo_code;         /* "751", "1082" or "DK" */
    const char *period;           /* canonical period text */
    double value;
    int64_t numerator;            /* IND_NONE when absent */
    int64_t denominator;          /* IND_NONE when absent */
    int64_t source_id;            /* the batch it came with */
    enum source_kind source_kind; /* filled by readers */
    const char *source_label;     /* filled by readers: file name, run, round */
    const char *source_at;        /* filled by readers: when the batch was stored (UTC) */
};

/* A batch of values and where it came from. */
struct ind_batch {
    int64_t id;
    enum source_kind kind;
    const char *label; /* "forebyg.csv", "klynge compute admissions.csv", ... */
    const char *actor; /* who stored it */
    const char *created_at;
};

/* The signal of a value compared with another: the previous period's value of the same
 * geography, or the country's value of the same period. */
enum signal {
    SIGNAL_NONE = 0, /* nothing to compare with (or hidden) */
    SIGNAL_GOOD,     /* improving / better than the country */
    SIGNAL_SAME,     /* unchanged / level with the country, within the tolerance */
    SIGNAL_BAD,      /* worsening / worse than the country */
    SIGNAL_UP,       /* higher, for an indicator without a better direction */
    SIGNAL_DOWN,     /* lower, likewise */
    SIGNAL_COUNT_
};

/* Compares value with reference by ind's rule: within the tolerance (inclusive; relative
 * to |reference|, or absolute) is SIGNAL_SAME; otherwise GOOD or BAD by the better
 * direction, or UP or DOWN when there is none. A relative rule with a reference of 0 is
 * SAME only for a value of 0. */
enum signal indicator_signal(const struct indicator *ind, double value, double reference);

/* The stable name of a signal ("good", "same", ...; "" for none). */
const char *signal_name(enum signal s);

#endif

/* engine.h - `klynge compute`: indicators from a region's own event-level extract, without a
 * database. Person-level data is read from the extract (and, opt-in, from the engine's own
 * binary cache next to it); only aggregates leave the engine, as CSV files.
 *
 * The four indicators, their inputs and the discretion rules are documented in
 * docs/engine.md. The library never prints: progress goes through a callback and the report
 * of skipped rows and timings is returned to the caller. */
#ifndef KL_ENGINE_H
#define KL_ENGINE_H

#include <stddef.h>
#include <stdint.h>

struct kl_error;

/* Why a row of the extract was refused. */
enum engine_reason {
    ENGINE_R_CSV = 0,         /* broken quoting */
    ENGINE_R_FIELDS,          /* wrong number of fields */
    ENGINE_R_ADMISSION_ID,    /* admission_id not a number */
    ENGINE_R_PERSON_ID,       /* person_id not a number */
    ENGINE_R_MUNICIPALITY,    /* not a Danish municipality code */
    ENGINE_R_BIRTH_YEAR,      /* not a four-digit year */
    ENGINE_R_AGE,             /* birth year after the year of admission */
    ENGINE_R_ADMIT,           /* admit_date (or contact_start) unparseable */
    ENGINE_R_DISCHARGE,       /* discharge_date (or contact_end) unparseable */
    ENGINE_R_ORDER,           /* discharge before admit (or contact end before start) */
    ENGINE_R_ACUTE,           /* acute not a yes/no value */
    ENGINE_R_DIAGNOSIS,       /* primary_diagnosis longer than ENGINE_DIAG_MAX bytes */
    ENGINE_NREASONS
};

#define ENGINE_DIAG_MAX 64

/* Called from the calling thread about four times a second while the extract is read.
 * phase is "reading"; rows is how many rows were read so far; seconds is the time since the
 * run started. */
typedef void (*engine_progress_fn)(void *ctx, const char *phase, uint64_t rows, double seconds);

struct engine_options {
    const char *input;            /* the extract: admissions, or contacts with timestamps */
    const char *population;       /* municipality_code, year, pop65 */
    const char *diagnosis_groups; /* group,prefix file; NULL for the list shipped in klynge */
    const char *cluster_file;     /* cluster memberships (data/clusters.csv columns); or NULL */
    const char *columns;          /* "canonical=name,..." renames, or NULL */
    const char *out_dir;          /* where the files go (created if missing) */
    int public_output;            /* apply statistical discretion */
    int skip_invalid;             /* count and skip bad rows instead of stopping */
    int use_cache;                /* read or write INPUT.klynge-cache */
    int threads;                  /* 0: every online CPU */
    int64_t chain_gap_seconds;    /* contacts at most this far apart are one stay (4 h) */
    int64_t min_stay_seconds;     /* a stay this long is an admission (12 h) */
    engine_progress_fn progress;  /* may be NULL */
    void *progress_ctx;
};

/* Fills o with the defaults: 4 h gap, 12 h minimum stay, all CPUs, output in ".". */
void engine_options_default(struct engine_options *o);

enum engine_phase {
    ENGINE_T_READ = 0,  /* parsing the extract, or mapping the cache */
    ENGINE_T_MONTHLY,   /* indicator 1 */
    ENGINE_T_READMISSIONS,
    ENGINE_T_PREVENTABLE,
    ENGINE_T_BED_DAYS,
    ENGINE_T_WRITE,     /* clusters, discretion and the files */
    ENGINE_T_TOTAL,
    ENGINE_NPHASES
};

struct engine_report {
    uint64_t rows_read;                     /* data records in the extract */
    uint64_t rows_used;                     /* admissions the indicators were computed from */
    uint64_t contacts;                      /* contact mode: contacts read (else 0) */
    uint64_t stays;                         /* contact mode: stays chained (else 0) */
    int contact_mode;
    int from_cache;                         /* the extract was not parsed: the cache was used */
    int cache_written;
    uint64_t skipped[ENGINE_NREASONS];      /* rows skipped, by reason */
    char first[ENGINE_NREASONS][320];       /* "FILE:LINE:COLUMN: message" of the first one */
    uint64_t first_line[ENGINE_NREASONS];   /* its line */
    char cache_note[320];                   /* why the cache was not written, or "" */
    int files_written;
    double seconds[ENGINE_NPHASES];
};

/* Computes the indicators of o and writes them into o->out_dir. Returns 0, or a negative
 * KL_E... code with err naming the file, line, column and value at fault; on failure no
 * output file is left behind (files are written under temporary names and renamed at the
 * end). rep (caller-owned) is filled in either case as far as the run got. */
int engine_run(const struct engine_options *o, struct engine_report *rep, struct kl_error *err);

/* A short English description of reason r, for the report of skipped rows. */
const char *engine_reason_text(int r);

#endif

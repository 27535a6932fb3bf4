/* internal.h - the engine's parts, shared between its files and its tests: the columnar
 * table, the diagnosis dictionary, the row parser, the radix sort, contact chaining, the
 * indicator computations, discretion, the reference files, the cache and the writers.
 *
 * Nothing here prints. Functions that can fail return 0 or a negative KL_E... code and
 * fill a struct kl_error. */
#ifndef KL_ENGINE_INTERNAL_H
#define KL_ENGINE_INTERNAL_H

#include "engine/engine.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct kl_error;

/* ---- municipalities -------------------------------------------------------------------- */

#define ENGINE_MUNI_CODES 1000 /* codes are 1..999 */
#define ENGINE_MUNI_MAX 255    /* at most this many known municipalities (8-bit index) */

/* The Danish municipalities known to klynge (data/municipalities.csv, compiled in), indexed
 * 0..n-1 in ascending code order. */
struct engine_munis {
    int n;
    uint16_t code[ENGINE_MUNI_MAX];       /* index -> code */
    int16_t index[ENGINE_MUNI_CODES];     /* code -> index, or -1 */
};

/* Fills m from the reference data compiled into the binary. KL_EINVAL when it is missing. */
int engine_munis_load(struct engine_munis *m, struct kl_error *err);

/* ---- the diagnosis dictionary ---------------------------------------------------------- */

/* Distinct primary diagnosis codes, each with a dense id. Not thread-safe: one per thread
 * while parsing, merged afterwards. */
struct engine_dict {
    uint32_t n;          /* entries */
    uint32_t cap;
    uint32_t *off;       /* n + 1 offsets into bytes */
    char *bytes;
    size_t nbytes, bytes_cap;
    uint32_t *slot;      /* open addressing: id + 1, 0 = empty; nslot is a power of two */
    uint32_t nslot;
    uint8_t *flag;       /* per id: 1 when preventable (filled by engine_dict_flag) */
};

/* Prepares an empty dictionary. Free with engine_dict_free. */
void engine_dict_init(struct engine_dict *d);

/* Releases the dictionary's memory; d is empty afterwards. */
void engine_dict_free(struct engine_dict *d);

/* Sets *id to the id of the n bytes at s, adding them when new. 0 or KL_ENOMEM. */
int engine_dict_intern(struct engine_dict *d, const char *s, size_t n, uint32_t *id);

/* The bytes of entry id and their length. */
const char *engine_dict_get(const struct engine_dict *d, uint32_t id, size_t *n);

/* ---- the columnar table ---------------------------------------------------------------- */

/* One part of the table: the rows one parser chunk produced, or the whole cache. Columns
 * live in one mapping (anonymous, reserved for the worst case and touched as rows come; or
 * the cache file). */
struct engine_segment {
    size_t n, cap;
    uint64_t *adm_id;
    uint64_t *person;
    int32_t *admit;      /* day numbers (core/date.h) */
    int32_t *discharge;
    uint16_t *birth;     /* birth year */
    uint8_t *muni;       /* index into struct engine_munis */
    uint8_t *acute;      /* 0 or 1 */
    uint32_t *diag;      /* dictionary id */
    int64_t *cstart;     /* contact mode only: seconds since 1970, local wall-clock time */
    int64_t *cend;
    void *map;
    size_t map_len;
    int dict_owner;      /* which worker's dictionary diag ids refer to while parsing */
};

/* Reserves room for cap rows (with the contact columns when contacts is set). 0 or
 * KL_ENOMEM. Release with engine_segment_free. */
int engine_segment_reserve(struct engine_segment *s, size_t cap, int contacts);

/* Unmaps the segment's columns; s is empty afterwards. */
void engine_segment_free(struct engine_segment *s);

struct engine_table {
    size_t nseg;
    struct engine_segment *seg;
    size_t *base;        /* nseg + 1 prefix sums of the segments' row counts */
    size_t nrows;
    struct engine_dict dict;
    int32_t min_admit, max_admit;
    uint64_t min_person, max_person;
};

/* Computes base, nrows and the ranges (min/max admit and person) of t's segments. 0 or
 * KL_ENOMEM. */
int engine_table_index(struct engine_table *t);

/* Releases t's segments and dictionary. */
void engine_table_free(struct engine_table *t);

/* n bytes of zeroed memory for a large array, mapped on its own so that it goes back to the
 * system when released; NULL when out of memory. Release with engine_big_free(p, n). */
void *engine_big_alloc(size_t n);

/* Releases memory from engine_big_alloc (p may be NULL). */
void engine_big_free(void *p, size_t n);

/* The segment and local index of global row r. */
void engine_table_locate(const struct engine_table *t, size_t r, size_t *seg, size_t *local);

/* ---- running work on threads ----------------------------------------------------------- */

typedef void (*engine_task_fn)(void *arg, size_t task, int worker);
typedef void (*engine_tick_fn)(void *arg);

/* Runs fn(arg, i, worker) for every i in 0..ntasks-1 on nthreads threads (tasks taken in
 * order; worker is 0..nthreads-1), calling tick(tick_arg) from the caller's thread about
 * every 250 ms until all are done (tick may be NULL). When no thread can be started the
 * work runs on the caller's thread. */
void engine_parallel(int nthreads, size_t ntasks, engine_task_fn fn, void *arg,
                     engine_tick_fn tick, void *tick_arg);

/* Seconds on a monotonic clock. */
double engine_now(void);

/* ---- the extract's header and the row parser ------------------------------------------- */

enum engine_role {
    ROLE_SKIP = 0,
    ROLE_ADMISSION_ID,
    ROLE_PERSON_ID,
    ROLE_MUNICIPALITY,
    ROLE_BIRTH_YEAR,
    ROLE_SEX,
    ROLE_ADMIT,
    ROLE_DISCHARGE,
    ROLE_ACUTE,
    ROLE_SPECIALTY,
    ROLE_DIAGNOSIS,
    ROLE_HOSPITAL,
    ROLE_CONTACT_START,
    ROLE_CONTACT_END,
    ROLE_N
};

#define ENGINE_COLS_MAX 256

/* How the extract's columns map onto what the engine reads. */
struct engine_layout {
    char sep;
    size_t data_start;          /* offset of the first data record */
    size_t header_lines;        /* physical lines before it */
    size_t ncols;
    int contacts;               /* 1: contact_start/contact_end instead of dates */
    uint8_t role[ENGINE_COLS_MAX];
    int col[ROLE_N];            /* column of each role, or -1 */
    int order[ROLE_N];          /* the roles read, in column order */
    int norder;
    char name[ROLE_N][64];      /* the header's name of each role, for messages */
    uint8_t special[256];       /* bytes that end an unquoted field */
    const char *file;           /* for messages (not owned) */
};

/* The canonical name of role r ("admission_id", ...). */
const char *engine_role_name(int r);

/* Reads the header at the start of the n bytes at data (UTF-8, BOM allowed; ',' or ';'),
 * applies the renames in columns ("canonical=name,..."; may be NULL) and fills lay. KL_EINVAL
 * with err saying which column is missing or which rename is wrong. */
int engine_layout_read(const char *data, size_t n, const char *columns, const char *file,
                       struct engine_layout *lay, struct kl_error *err);

struct engine_row_error {
    int set;
    size_t line;      /* chunk-relative (0-based) while parsing; absolute (1-based) after */
    unsigned col;     /* 1-based field number */
    char msg[240];
};

/* One stretch of the file parsed by one worker. */
struct engine_chunk {
    size_t begin, end;         /* the records that start in [begin, end) are this chunk's */
    size_t stop;               /* where parsing stopped (== end when it ran through) */
    size_t lines;              /* newlines consumed */
    uint64_t rows;             /* records seen */
    int failed;                /* stopped at a bad row (not skipping) */
    uint64_t skipped[ENGINE_NREASONS];
    struct engine_row_error first[ENGINE_NREASONS];
    struct engine_segment seg;
};

/* What the chunk parsers share. */
struct engine_parse_ctx {
    const char *data;          /* the whole file */
    size_t size;
    const struct engine_layout *lay;
    const struct engine_munis *munis;
    int skip_invalid;
    _Atomic uint64_t *rows_done;   /* progress: rows parsed so far */
    _Atomic uint64_t rows_local;
    _Atomic size_t failed_chunk;   /* lowest chunk that stopped at a bad row, SIZE_MAX if none */
    int release_pages;             /* drop parsed pages of a file mapping from memory */
};

/* Parses the records of chunk number idx of ctx (appending to ch->seg, which must be
 * reserved by the caller with engine_chunk_capacity rows, and interning diagnoses into
 * dict). Row errors are recorded in ch (and stop the chunk unless ctx->skip_invalid).
 * Returns 0, or KL_ENOMEM. */
int engine_parse_chunk(struct engine_parse_ctx *ctx, size_t idx, struct engine_chunk *ch,
                       struct engine_dict *dict);

/* The most rows that can start in a stretch of len bytes of an extract with layout lay. */
size_t engine_chunk_capacity(const struct engine_layout *lay, size_t len);

/* Parses the extract held in the n bytes at data (a file mapping when release_pages is set:
 * parsed pages are then dropped from memory) into t (empty) using nthreads workers. Fills
 * rep's rows_read, skipped and first (messages prefixed with file:line:column). On a bad row
 * without skip_invalid returns KL_EINVAL with err holding that row's message; t stays empty
 * on failure. While it runs, *rows_done (may be NULL) counts the rows parsed and tick (may
 * be NULL) is called from the caller's thread. */
int engine_parse(const char *data, size_t n, const struct engine_layout *lay,
                 const struct engine_munis *munis, int skip_invalid, int release_pages,
                 int nthreads, struct engine_table *t, struct engine_report *rep,
                 engine_tick_fn tick, void *tick_arg, _Atomic uint64_t *rows_done,
                 struct kl_error *err);

/* Parses a date "YYYY-MM-DD" or "DD-MM-YYYY" (exactly n = 10 bytes). 0 and *day, or -1. */
int engine_parse_date(const char *s, size_t n, int32_t *day);

/* Parses a timestamp: a date as above, ' ' or 'T', "HH:MM" and optionally ":SS". 0 and
 * *secs (seconds since 1970 of that wall-clock time), or -1. */
int engine_parse_timestamp(const char *s, size_t n, int64_t *secs);

/* Parses an acute flag: 1/0, true/false, t/f, yes/no, y/n, ja/nej, j/n (any ASCII case).
 * 0 and *v, or -1. */
int engine_parse_acute(const char *s, size_t n, uint8_t *v);

/* ---- radix sort ------------------------------------------------------------------------ */

struct engine_item {
    uint64_t key;
    uint64_t val;
};

/* Sorts the n items stably by bits [lo, lo + bits) of the key (word 0) or of val (word 1)
 * with a least-significant-digit radix sort on nthreads threads, using tmp (n items) as
 * scratch. Returns the array that holds the result (items or tmp), or NULL when out of
 * memory (items unchanged). */
struct engine_item *engine_radix_sort(struct engine_item *items, struct engine_item *tmp,
                                      size_t n, int word, unsigned lo, unsigned bits,
                                      int nthreads);

/* Number of bits needed to hold values 0..v. */
unsigned engine_bits(uint64_t v);

/* ---- contact chaining ------------------------------------------------------------------ */

struct engine_contact {
    int64_t start, end;  /* seconds */
    size_t row;          /* the contact's row in the contact table */
};

struct engine_stay {
    int64_t start, end;
    size_t first_row;    /* row of the stay's first contact */
};

/* Chains one person's n contacts, sorted by start (then contact id), into stays: a contact
 * belongs to the stay before it when it starts at most gap seconds after the latest end so
 * far (overlapping contacts have a negative distance). Writes the stays that last at least
 * min_stay seconds (latest end minus earliest start) to out (room for n) and returns how
 * many. */
size_t engine_chain(const struct engine_contact *c, size_t n, int64_t gap, int64_t min_stay,
                    struct engine_stay *out);

/* Turns the contact table ct into an admissions table at (one segment): sorts contacts by
 * (person, start, admission_id), chains them, and keeps each stay of at least min_stay
 * seconds as an admission that takes its id, municipality, birth year, acute flag and
 * diagnosis from its first contact. ct's dictionary moves to at. Fills rep->stays. */
int engine_chain_table(struct engine_table *ct, int64_t gap, int64_t min_stay, int nthreads,
                       struct engine_table *at, struct engine_report *rep,
                       struct kl_error *err);

/* ---- results --------------------------------------------------------------------------- */

enum engine_kind {
    ENGINE_MONTHLY = 0,      /* v0 admissions, v1 bed_days */
    ENGINE_READMISSIONS,     /* v0 index_admissions, v1 readmissions_30d */
    ENGINE_PREVENTABLE,      /* v0 preventable_admissions, v1 admissions 65+ (not written) */
    ENGINE_BED_DAYS,         /* v0 bed_days_65, v1 pop65, v2 per 1000 x 100 (-1: none),
                                v3 admissions 65+ (not written) */
    ENGINE_NKINDS
};

#define ENGINE_HIDE_PRIMARY(i) (1u << (i))          /* written as <5 */
#define ENGINE_HIDE_SECONDARY(i) (1u << ((i) + 4))  /* written as x */

struct engine_row {
    int32_t geo;       /* municipality code, or index into the cluster list */
    int16_t year;
    int8_t month;      /* 1..12; 0 in yearly tables */
    uint8_t hidden;    /* ENGINE_HIDE_... bits */
    int64_t v[4];
};

struct engine_rows {
    size_t n, cap;
    struct engine_row *row;
};

/* Appends a copy of r. 0 or KL_ENOMEM. */
int engine_rows_add(struct engine_rows *rs, const struct engine_row *r);

/* Releases the rows. */
void engine_rows_free(struct engine_rows *rs);

/* ---- reference files ------------------------------------------------------------------- */

struct engine_pop {
    uint16_t code;
    int16_t year;
    int64_t pop65;
};

struct engine_population {
    size_t n;
    struct engine_pop *row;  /* sorted by (code, year) */
};

/* Reads the population file (municipality_code, year, pop65; any column order, ',' or ';').
 * KL_EINVAL with err naming file:line:column for an unknown municipality, a bad year or
 * count, or a repeated (municipality, year). Free with engine_population_free. */
int engine_population_load(const char *path, const struct engine_munis *m,
                           struct engine_population *p, struct kl_error *err);

/* Releases p. */
void engine_population_free(struct engine_population *p);

/* Diagnosis prefixes that make an acute admission of a person 65+ preventable. */
struct engine_dxgroups {
    size_t n;
    char (*prefix)[16];
    char (*group)[64];
};

/* Reads a diagnosis-group file (columns group and prefix; path NULL: the file shipped with
 * klynge). Prefixes are stored in upper case. Free with engine_dxgroups_free. */
int engine_dxgroups_load(const char *path, struct engine_dxgroups *g, struct kl_error *err);

/* Releases g. */
void engine_dxgroups_free(struct engine_dxgroups *g);

/* 1 when the n bytes at code start with one of g's prefixes (ASCII case-insensitive). */
int engine_dxgroups_match(const struct engine_dxgroups *g, const char *code, size_t n);

/* Sets d->flag for every entry from g. 0 or KL_ENOMEM. */
int engine_dict_flag(struct engine_dict *d, const struct engine_dxgroups *g);

struct engine_member {
    uint32_t cluster;          /* index into codes */
    uint8_t muni;              /* municipality index */
    int32_t from, to;          /* valid days, inclusive; INT32_MIN / INT32_MAX when open */
};

struct engine_clusters {
    size_t ncodes;
    char (*code)[64];          /* sorted */
    size_t n;
    struct engine_member *member;
};

/* Reads a cluster file with the columns cluster_code and municipality_code and, optionally,
 * valid_from and valid_to (the format of `klynge org import clusters`). Free with
 * engine_clusters_free. */
int engine_clusters_load(const char *path, const struct engine_munis *m,
                         struct engine_clusters *c, struct kl_error *err);

/* Releases c. */
void engine_clusters_free(struct engine_clusters *c);

/* ---- the indicators -------------------------------------------------------------------- */

/* What the computations share: the table and the lookups built once. */
struct engine_calc {
    const struct engine_table *t;
    const struct engine_munis *munis;
    int nthreads;
    int32_t min_day;           /* t->min_admit */
    size_t ndays;
    int32_t *month_of;         /* day - min_day -> year * 12 + month - 1 */
    int16_t *year_of;          /* day - min_day -> year - min_year */
    int min_year, nyears;
    const uint8_t *prev_flag;  /* per dictionary id */
};

/* Prepares c for t (no rows: an empty calculation). 0 or KL_ENOMEM. */
int engine_calc_init(struct engine_calc *c, const struct engine_table *t,
                     const struct engine_munis *m, int nthreads);

/* Releases c's lookups (c may have failed to initialise). */
void engine_calc_free(struct engine_calc *c);

/* Indicator 1: rows (code, year, month, admissions, bed_days) sorted by their key. */
int engine_monthly(const struct engine_calc *c, struct engine_rows *out, struct kl_error *err);

/* Indicator 2: rows (code, year, index_admissions, readmissions_30d). */
int engine_readmissions(const struct engine_calc *c, struct engine_rows *out,
                        struct kl_error *err);

/* Indicator 3: rows (code, year, preventable, admissions 65+) for every municipality and
 * year with an admission of a person 65+. */
int engine_preventable(const struct engine_calc *c, struct engine_rows *out,
                       struct kl_error *err);

/* Indicator 4: one row per population row (code, year, bed_days_65, pop65, rate x 100,
 * admissions 65+). */
int engine_bed_days(const struct engine_calc *c, const struct engine_population *p,
                    struct engine_rows *out, struct kl_error *err);

/* The same indicators per cluster: out[k] from muni[k], with geo the cluster's index. A
 * municipality counts in a cluster for a month or year when its membership is in force on
 * at least one day of it; a municipality in two clusters counts fully in both. links[k]
 * (pairs cluster row, municipality row; free()) record which rows were added up. */
int engine_cluster_rollup(const struct engine_clusters *cl, const struct engine_munis *m,
                          struct engine_rows muni[ENGINE_NKINDS],
                          struct engine_rows out[ENGINE_NKINDS],
                          uint32_t *links[ENGINE_NKINDS], size_t nlinks[ENGINE_NKINDS],
                          struct kl_error *err);

/* Statistical discretion on rows of kind k: counts 1-4 hidden (<5), with the values that
 * would give them away (bed days of hidden admissions, readmissions of hidden index
 * admissions, the rate of hidden bed days). */
void engine_discretion_primary(int k, struct engine_rows *rows);

/* Secondary suppression: a cluster value is hidden (x) when any municipality value added
 * into it is hidden, so that the hidden one cannot be worked out from the total. */
void engine_discretion_secondary(int k, struct engine_rows *cluster,
                                 const struct engine_rows *muni, const uint32_t *links,
                                 size_t nlinks);

/* ---- output ---------------------------------------------------------------------------- */

/* The file name of kind k ("admissions_monthly.csv"), with the "cluster_" prefix when
 * cluster is set. */
const char *engine_file_name(int k, int cluster);

/* Appends the CSV text of rows of kind k (header and rows) to out. For cluster rows, geo
 * is an index into codes. 0 or the buffer's error. */
struct buf;
int engine_format(int k, const struct engine_rows *rows, const char (*codes)[64],
                  struct buf *out);

/* ---- the cache ------------------------------------------------------------------------- */

/* The cache path for input ("INPUT.klynge-cache") in out (size bytes). KL_ELIMIT if long. */
int engine_cache_path(const char *input, char *out, size_t size, struct kl_error *err);

/* Maps the cache at path into t when it belongs to the extract as it is now (size, mtime,
 * inode) and to the same options (fingerprint). Returns 1 when loaded, 0 when there is no
 * usable cache (t untouched), or a negative code on a read error. Fills rep's rows_read,
 * skipped and first from what the parse that made it found. */
int engine_cache_load(const char *path, const char *input, uint64_t fingerprint,
                      struct engine_table *t, struct engine_report *rep, struct kl_error *err);

/* Writes t to path (through a temporary file renamed into place, mode 0600) with the
 * identity of input and the fingerprint. */
int engine_cache_save(const char *path, const char *input, uint64_t fingerprint,
                      const struct engine_table *t, const struct engine_report *rep,
                      struct kl_error *err);

/* FNV-1a 64 of the n bytes at p, continuing from h (start with ENGINE_FNV_INIT). */
#define ENGINE_FNV_INIT 0xcbf29ce484222325ull
uint64_t engine_fnv(uint64_t h, const void *p, size_t n);

#endif

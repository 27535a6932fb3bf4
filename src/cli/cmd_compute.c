/* cmd_compute.c - `klynge compute`: the four indicators from a region's own event-level
 * extract, written as CSV files and, with --load DB, stored as indicator values in a klynge
 * database with the run as their provenance (see docs/engine.md). */
#include "cli/args.h"
#include "cli/cli.h"

#include "app/indicator_engine.h"
#include "app/indicator_import.h"
#include "app/principal.h"
#include "core/buf.h"
#include "core/error.h"
#include "engine/engine.h"
#include "store/store.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: klynge compute EXTRACT --population FILE [--out DIR] [options]\n"
    "\n"
    "Computes four indicators from an extract with one row per admission (or per hospital\n"
    "contact, with start and end timestamps) and writes them as CSV files into DIR:\n"
    "admissions_monthly.csv, readmissions_65.csv, preventable_65.csv and\n"
    "bed_days_per_1000_65.csv. Person-level data is written nowhere, except the opt-in\n"
    "cache next to the extract. A bad row stops the run with its file, line, column and\n"
    "value, and no output file is left behind.\n"
    "\n"
    "  --population FILE        municipality_code, year, pop65 (required)\n"
    "  --out DIR                where the files go (default: the current directory)\n"
    "  --diagnosis-groups FILE  group,prefix list of preventable diagnoses (default: the\n"
    "                           list shipped with klynge, marked for verification)\n"
    "  --cluster-file FILE      also write the indicators per cluster (cluster_*.csv);\n"
    "                           columns cluster_code, municipality_code[, valid_from, valid_to]\n"
    "  --public                 statistical discretion: counts 1-4 written as <5, and the\n"
    "                           values that would reveal them hidden too\n"
    "  --load DB                also store the results as values of the indicators\n"
    "                           ENG-INDL-MD, ENG-GENIND-65, ENG-FOREBYG-65 and\n"
    "                           ENG-SENGEDAGE-65 in the klynge database DB, with this run as\n"
    "                           their source (not with --public: klynge applies discretion\n"
    "                           when it shows them)\n"
    "  --skip-invalid           skip bad rows, and report how many of each kind\n"
    "  --columns MAP            rename columns: admit_date=indlaeggelsesdato,person_id=pid\n"
    "  --cache                  keep the parsed extract in EXTRACT.klynge-cache (person-level\n"
    "                           data, mode 0600) and use it while the extract is unchanged\n"
    "  --threads N              worker threads (default: all CPUs)\n"
    "  --chain-gap-hours H      contacts at most H hours apart are one stay (default 4)\n"
    "  --min-stay-hours H       a stay of at least H hours is an admission (default 12)\n"
    "  --quiet                  no progress and no summary\n"
    "  --timings                print the time of each phase on stderr\n";

struct progress_state {
    int tty;
    int shown;
    double last;
};

static void progress(void *ctx, const char *phase, uint64_t rows, double seconds)
{
    struct progress_state *ps = ctx;
    if (seconds < 1.0 || (!ps->tty && seconds - ps->last < 5.0))
        return;
    ps->last = seconds;
    fprintf(stderr, "%sklynge compute: %s: %.1f M rows (%.1f M rows/s)%s",
            ps->tty ? "\r" : "", phase, (double)rows / 1e6, (double)rows / 1e6 / seconds,
            ps->tty ? "   " : "\n");
    fflush(stderr);
    ps->shown = 1;
}

/* Parses hours (a decimal number from 0 to 10000) into seconds. */
static int parse_hours(const char *s, int64_t *secs)
{
    char *end;
    double h;
    errno = 0;
    h = strtod(s, &end);
    if (errno || end == s || *end || !(h >= 0 && h <= 10000))
        return -1;
    *secs = (int64_t)llround(h * 3600.0);
    return 0;
}

static void print_skipped(const struct engine_report *rep)
{
    uint64_t total = 0;
    for (int r = 0; r < ENGINE_NREASONS; r++)
        total += rep->skipped[r];
    if (total == 0)
        return;
    fprintf(stderr, "klynge compute: skipped %llu of %llu rows:\n", (unsigned long long)total,
            (unsigned long long)rep->rows_read);
    for (int r = 0; r < ENGINE_NREASONS; r++)
        if (rep->skipped[r])
            fprintf(stderr, "  %10llu  %s (first: %s)\n", (unsigned long long)rep->skipped[r],
                    engine_reason_text(r), rep->first[r]);
}

/* Stores the results in out_dir into the database at db; prints what was loaded. */
static int load(const char *db, const struct engine_options *o, const struct engine_report *rep,
                int quiet)
{
    struct principal who = cli_principal();
    struct ind_import_summary sum;
    struct store *st = NULL;
    struct kl_error err;
    struct buf label;
    const char *slash = strrchr(o->input, '/');
    int rc;

    kl_error_clear(&err);
    buf_init(&label, 1024);
    buf_printf(&label, "klynge compute %s (%llu admissions)", slash ? slash + 1 : o->input,
               (unsigned long long)rep->rows_used);
    rc = store_open(db, STORE_MIGRATE, &st, &err);
    if (rc == 0)
        rc = app_indicator_load_engine(st, &who, o->out_dir, buf_cstr(&label), &sum, &err);
    store_close(st);
    buf_free(&label);
    if (rc)
        return cli_fail("compute --load", &err);
    if (!quiet)
        printf("%zu values of 4 indicators stored in %s (batch %lld; %zu replaced)\n",
               sum.values, db, (long long)sum.source_id, sum.replaced);
    return 0;
}

static void print_timings(const struct engine_report *rep)
{
    static const char *const names[ENGINE_NPHASES] = {
        "read", "admissions_monthly", "readmissions_65", "preventable_65",
        "bed_days_per_1000_65", "write", "total"};
    for (int i = 0; i < ENGINE_NPHASES; i++)
        fprintf(stderr, "timing %s %.4f\n", names[i], rep->seconds[i]);
}

int cmd_compute(int argc, char **argv)
{
    static const char *const flags[] = {"--public", "--skip-invalid", "--cache", "--quiet",
                                        "--timings", NULL};
    static const char *const valued[] = {"--population", "--out", "--diagnosis-groups",
                                         "--cluster-file", "--columns", "--threads",
                                         "--chain-gap-hours", "--min-stay-hours", "--load",
                                         NULL};
    struct engine_options o;
    struct engine_report rep;
    struct progress_state ps = {isatty(2), 0, 0};
    struct kl_error err;
    struct args a;
    const char *opt, *val, *load_db = NULL;
    int got, quiet = 0, timings = 0, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    engine_options_default(&o);
    args_init(&a, "compute", argc, argv);
    while ((got = args_next(&a, flags, valued, &opt, &val)) > 0) {
        if (!opt) {
            if (o.input)
                return cli_usage_error("compute", "unexpected argument '%s'", val);
            o.input = val;
        } else if (strcmp(opt, "--population") == 0) {
            o.population = val;
        } else if (strcmp(opt, "--out") == 0) {
            o.out_dir = val;
        } else if (strcmp(opt, "--diagnosis-groups") == 0) {
            o.diagnosis_groups = val;
        } else if (strcmp(opt, "--cluster-file") == 0) {
            o.cluster_file = val;
        } else if (strcmp(opt, "--load") == 0) {
            load_db = val;
        } else if (strcmp(opt, "--columns") == 0) {
            o.columns = val;
        } else if (strcmp(opt, "--threads") == 0) {
            char *end;
            long n = strtol(val, &end, 10);
            if (*val == '\0' || *end || n < 1 || n > 64)
                return cli_usage_error("compute", "--threads must be 1 to 64");
            o.threads = (int)n;
        } else if (strcmp(opt, "--chain-gap-hours") == 0) {
            if (parse_hours(val, &o.chain_gap_seconds))
                return cli_usage_error("compute", "--chain-gap-hours must be 0 to 10000");
        } else if (strcmp(opt, "--min-stay-hours") == 0) {
            if (parse_hours(val, &o.min_stay_seconds))
                return cli_usage_error("compute", "--min-stay-hours must be 0 to 10000");
        } else if (strcmp(opt, "--public") == 0) {
            o.public_output = 1;
        } else if (strcmp(opt, "--skip-invalid") == 0) {
            o.skip_invalid = 1;
        } else if (strcmp(opt, "--cache") == 0) {
            o.use_cache = 1;
        } else if (strcmp(opt, "--quiet") == 0) {
            quiet = 1;
        } else {
            timings = 1;
        }
    }
    if (got < 0)
        return EXIT_USAGE;
    if (!o.input)
        return cli_usage_error("compute", "no extract given");
    if (!o.population)
        return cli_usage_error("compute", "--population FILE is needed");
    if (load_db && o.public_output)
        return cli_usage_error("compute", "--load stores the exact figures and cannot be "
                               "combined with --public (klynge applies discretion when it "
                               "shows them)");
    if (!quiet) {
        o.progress = progress;
        o.progress_ctx = &ps;
    }
    kl_error_clear(&err);
    rc = engine_run(&o, &rep, &err);
    if (ps.shown && ps.tty)
        fputc('\n', stderr);
    if (timings)
        print_timings(&rep);
    if (rc)
        return cli_fail("compute", &err);
    if (!quiet) {
        print_skipped(&rep);
        if (rep.cache_note[0])
            fprintf(stderr, "klynge compute: cache not written: %s\n", rep.cache_note);
        if (rep.contact_mode)
            printf("%llu contacts chained into %llu stays; ", (unsigned long long)rep.contacts,
                   (unsigned long long)rep.stays);
        printf("%llu admissions from %llu rows%s; %d files written to %s (%.2f s)\n",
               (unsigned long long)rep.rows_used, (unsigned long long)rep.rows_read,
               rep.from_cache ? " (from the cache)" : "", rep.files_written, o.out_dir,
               rep.seconds[ENGINE_T_TOTAL]);
    }
    return load_db ? load(load_db, &o, &rep, quiet) : 0;
}

/* cmd_indicator.c - `klynge indicator`: the indicator catalogue and loading values.
 * `klynge indicator list` prints the catalogue with how many values each indicator has;
 * `klynge indicator import FILE` loads values from a CSV file, all of it or nothing (see
 * app/indicator_import.h and docs/indicators.md). */
#include "cli/args.h"
#include "cli/cli.h"

#include "app/indicator.h"
#include "app/indicator_import.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/error.h"

#include <stdio.h>
#include <string.h>


static const char usage[] =
    "usage: klynge indicator list [--db FILE]\n"
    "       klynge indicator import FILE [--indicator CODE] [--db FILE]\n"
    "\n"
    "'list' prints the indicator catalogue: code, period, unit, number of values stored,\n"
    "whether the definition was verified against its source, and the Danish name.\n"
    "\n"
    "'import' loads indicator values from a CSV file as sources publish it and Danish\n"
    "Excel saves it (semicolon and decimal comma, or comma and decimal point; UTF-8 with or\n"
    "without BOM, or Windows-1252). One value per row with the columns indicator, period,\n"
    "geography, value and optionally numerator and denominator; or a geography column and\n"
    "one column per period (2021;2022;2023). A geography is a municipality (code or name),\n"
    "a region (1081-1085 or name) or the whole country (Hele landet). Every row is checked\n"
    "and each problem printed with its line and column; nothing is imported unless the whole\n"
    "file is valid. The values of an indicator, period and kind of geography in the file\n"
    "replace those stored before, and the audit log keeps both. See docs/indicators.md.\n"
    "\n"
    "  --indicator CODE  the indicator of a file without an indicator column\n"
    "  --db FILE         the database file (default: $KLYNGE_DB, else ./var/klynge.db)\n";

/* The file's name without its directories, for the provenance. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

struct import_run {
    const char *source;    /* the file's name, for the provenance */
    const char *indicator; /* --indicator, or NULL */
    struct ind_import_summary sum;
};

static int run_import(struct store *st, const struct principal *who, const char *data,
                      size_t n, struct problems *probs, void *ctx, struct kl_error *err)
{
    struct import_run *run = ctx;

    return app_indicator_import(st, who, run->source, run->indicator, data, n, probs,
                                &run->sum, err);
}

static int import(const char *db, const char *path, const char *indicator)
{
    struct import_run run = {base_name(path), indicator, {0}};
    int rc = cli_import("indicator import", db, path, run_import, &run);

    if (rc == 0)
        printf("%s: %zu values stored (%zu cells without a value skipped); %zu stored values "
               "replaced in %zu indicator-period groups (%s, batch %lld)\n",
               path, run.sum.values, run.sum.skipped, run.sum.replaced, run.sum.groups, db,
               (long long)run.sum.source_id);
    return rc;
}

static int list(const char *db)
{
    struct store *st;
    struct arena *a;
    struct indicator *inds;
    int64_t *counts;
    struct kl_error err;
    size_t n;
    int rc;

    if (cli_open_store("indicator list", db, &st, &a))
        return 1;
    kl_error_clear(&err);
    rc = app_indicator_list(st, a, &inds, &n, &counts, &err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        printf("%-18s %-8s %-9s %8lld  %-10s %s\n", inds[i].code,
               period_kind_name(inds[i].period_kind), ind_unit_name(inds[i].unit),
               (long long)counts[i], inds[i].verified ? "verified" : "to verify",
               inds[i].name_da);
    cli_close_store(st, a);
    return rc ? cli_fail("indicator list", &err) : 0;
}

int cmd_indicator(int argc, char **argv)
{
    static const char *const valued[] = {"--db", "--indicator", NULL};
    const char *db = NULL, *indicator = NULL, *opt, *val, *pos[3] = {0};
    struct args a;
    int got, npos = 0;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    args_init(&a, "indicator", argc, argv);
    while ((got = args_next(&a, NULL, valued, &opt, &val)) > 0) {
        if (opt && strcmp(opt, "--db") == 0)
            db = val;
        else if (opt)
            indicator = val;
        else if (npos < 2)
            pos[npos++] = val;
        else
            return cli_usage_error("indicator", "unexpected argument '%s'", val);
    }
    if (got < 0)
        return EXIT_USAGE;
    if (npos == 1 && strcmp(pos[0], "list") == 0)
        return list(cli_db_path(db));
    if (npos == 2 && strcmp(pos[0], "import") == 0)
        return import(cli_db_path(db), pos[1], indicator);
    if (npos >= 1 && strcmp(pos[0], "import") == 0)
        return cli_usage_error("indicator", "expected 'import FILE'");
    if (npos >= 1 && strcmp(pos[0], "list") != 0)
        return cli_usage_error("indicator", "unknown action '%s' (try 'list' or 'import FILE')",
                               pos[0]);
    return cli_usage_error("indicator", "expected 'list' or 'import FILE'");
}

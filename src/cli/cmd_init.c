/* cmd_init.c - `klynge init`: create or upgrade the database and load the reference data. */
#include "cli/args.h"
#include "cli/cli.h"

#include "app/principal.h"
#include "app/refdata.h"
#include "core/error.h"
#include "core/problems.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: klynge init [--db FILE] [--demo]\n"
    "\n"
    "Creates the database (or upgrades an older one to this version's schema) and loads the\n"
    "reference data: the 5 regions, the 98 municipalities and the clusters shipped with\n"
    "klynge. Running it again is safe: it changes nothing that is already right.\n"
    "\n"
    "  --db FILE   the database file (default: $KLYNGE_DB, else ./var/klynge.db)\n"
    "  --demo      also load demonstration content (fictional people and organisations);\n"
    "              this version has no demonstration content beyond the reference data\n";

int cmd_init(int argc, char **argv)
{
    static const char *const flags[] = {"--demo", NULL};
    static const char *const valued[] = {"--db", NULL};
    const char *db = NULL, *opt, *val;
    struct args a;
    struct store *st = NULL;
    struct kl_error err;
    struct problems probs;
    struct refdata_summary sum;
    struct principal who;
    int got, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    args_init(&a, "init", argc, argv);
    while ((got = args_next(&a, flags, valued, &opt, &val)) > 0) {
        if (opt && strcmp(opt, "--db") == 0)
            db = val;
        else if (!opt)
            return cli_usage_error("init", "unexpected argument '%s'", val);
    }
    if (got < 0)
        return EXIT_USAGE;
    db = cli_db_path(db);

    kl_error_clear(&err);
    rc = store_open(db, STORE_CREATE | STORE_MIGRATE, &st, &err);
    if (rc)
        return cli_fail("init", &err);
    problems_init(&probs, "reference data", 0);
    who = cli_principal();
    rc = app_refdata_load(st, &who, &probs, &sum, &err);
    if (rc) {
        fputs(problems_text(&probs), stderr);
        problems_free(&probs);
        store_close(st);
        return cli_fail("init", &err);
    }
    problems_free(&probs);
    printf("%s: schema version %d; reference data: %d regions, %d municipalities, %d cluster "
           "memberships (%d clusters created or changed)\n",
           db, store_schema_version(st), sum.regions, sum.municipalities, sum.clusters,
           sum.clusters_changed);
    store_close(st);
    return 0;
}

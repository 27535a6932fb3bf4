/* cmd_init.c - `klynge init`: create or upgrade the database and load the reference data. */
#include "cli/args.h"
#include "cli/cli.h"

#include "app/attachment_text.h"
#include "app/demo.h"
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
    "  --demo      also create demonstration users (fictional people) and print their\n"
    "              logins and passwords, once: they are not shown again\n";

/* Creates the demo users and prints the new ones' passwords. */
static int print_demo(struct store *st, const struct principal *who)
{
    struct demo_login logins[8];
    struct kl_error err;

    if (app_demo_load(st, who, logins, &err) || app_demo_organisation(st, who, &err))
        return cli_fail("init --demo", &err);
    printf("demo logins (fictional people; the passwords are shown only now):\n");
    for (size_t i = 0; i < demo_login_count(); i++)
        printf("  %-10s %-18s %-24s %s\n", logins[i].login,
               logins[i].password[0] ? logins[i].password : "(exists already)", logins[i].name,
               logins[i].role);
    return 0;
}

int cmd_init(int argc, char **argv)
{
    static const char *const flags[] = {"--demo", NULL};
    static const char *const valued[] = {"--db", NULL};
    const char *db = NULL, *opt, *val;
    int demo = 0;
    struct args a;
    struct store *st = NULL;
    struct kl_error err;
    struct problems probs;
    struct refdata_summary sum;
    struct principal who;
    size_t extracted = 0;
    int got, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    args_init(&a, "init", argc, argv);
    while ((got = args_next(&a, flags, valued, &opt, &val)) > 0) {
        if (opt && strcmp(opt, "--db") == 0)
            db = val;
        else if (opt)
            demo = 1;
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
    /* PDF attachments stored before their text was searched get it now (docs/search.md) */
    if (app_attachment_text_backfill(st, (size_t)-1 / 2, &extracted, &err)) {
        store_close(st);
        return cli_fail("init", &err);
    }
    if (extracted)
        printf("%s: text of %zu PDF attachments extracted for the search\n", db, extracted);
    rc = demo ? print_demo(st, &who) : 0;
    store_close(st);
    return rc;
}

/* cmd_audit.c - `klynge audit`: print the audit log, newest first. */
#include "cli/args.h"
#include "cli/cli.h"

#include "app/audit.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: klynge audit [--since YYYY-MM-DD] [--entity NAME] [--limit N] [--db FILE]\n"
    "\n"
    "Prints the audit log, newest first: when (UTC), who, what entity, which action, and\n"
    "the values before and after as JSON. Entities: region, municipality, cluster, user,\n"
    "forum_role, api_token.\n"
    "\n"
    "  --since DATE   only changes on or after DATE\n"
    "  --entity NAME  only changes to that kind of entity\n"
    "  --limit N      at most N rows (default 100)\n"
    "  --db FILE      the database file (default: $KLYNGE_DB, else ./var/klynge.db)\n";

int cmd_audit(int argc, char **argv)
{
    static const char *const valued[] = {"--db", "--since", "--entity", "--limit", NULL};
    struct audit_filter f = {.limit = 100};
    const char *db = NULL, *opt, *val;
    struct principal who = cli_principal();
    struct audit_entry *e;
    struct store *st = NULL;
    struct arena *a;
    struct kl_error err;
    struct args args;
    size_t n;
    int got, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    args_init(&args, "audit", argc, argv);
    while ((got = args_next(&args, NULL, valued, &opt, &val)) > 0) {
        if (!opt)
            return cli_usage_error("audit", "unexpected argument '%s'", val);
        if (strcmp(opt, "--db") == 0) {
            db = val;
        } else if (strcmp(opt, "--since") == 0) {
            int32_t d;
            if (date_parse_iso(val, strlen(val), &d, &err))
                return cli_usage_error("audit", "--since: %s", err.msg);
            f.since = val;
        } else if (strcmp(opt, "--entity") == 0) {
            f.entity = val;
        } else {
            char *end;
            long v;
            errno = 0;
            v = strtol(val, &end, 10);
            if (errno || *end || end == val || v < 1 || v > 1000000)
                return cli_usage_error("audit", "--limit takes a number from 1 to 1000000");
            f.limit = (size_t)v;
        }
    }
    if (got < 0)
        return EXIT_USAGE;
    db = cli_db_path(db);
    if (store_open(db, 0, &st, &err))
        return cli_fail("audit", &err);
    a = arena_new(0);
    rc = a ? app_audit_list(st, a, &who, &f, &e, &n, &err)
           : kl_error_set(&err, KL_ENOMEM, "out of memory");
    if (rc == 0) {
        for (size_t i = 0; i < n; i++)
            printf("%s  %-16s %-8s %s %s\n    before: %s\n    after:  %s\n", e[i].at,
                   e[i].actor, e[i].action, e[i].entity, e[i].entity_id,
                   e[i].before_json ? e[i].before_json : "-",
                   e[i].after_json ? e[i].after_json : "-");
    }
    arena_free(a);
    store_close(st);
    return rc ? cli_fail("audit", &err) : 0;
}

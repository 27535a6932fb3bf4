/* cmd_org.c - `klynge org`: organisation data from files and templates. `klynge org import
 * clusters FILE` validates a region's cluster file, `klynge org import members FILE` a file
 * of forum memberships (each imports all of its file or nothing); `klynge org template`
 * builds a cluster's standard forums; `klynge org forums` lists forums with the state of
 * their mandate's rules. */
#include "cli/args.h"
#include "cli/cli.h"

#include "app/cluster_import.h"
#include "app/member_import.h"
#include "app/organisation.h"
#include "app/principal.h"
#include "app/templates.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <time.h>


static const char usage[] =
    "usage: klynge org import clusters FILE [--db FILE]\n"
    "       klynge org import members FILE [--db FILE]\n"
    "       klynge org template TEMPLATE CLUSTER [--db FILE]\n"
    "       klynge org forums [CLUSTER] [--db FILE]\n"
    "\n"
    "Imports a region's cluster structure from a CSV file with the columns of\n"
    "data/clusters.csv: region_code, cluster_code, cluster_name, valid_from, valid_to,\n"
    "acute_hospital, municipality_code and optionally municipality_name, one row per cluster\n"
    "and member municipality. Semicolon or comma, UTF-8 (with or without BOM) or\n"
    "Windows-1252, as Danish Excel writes it. Dates YYYY-MM-DD or DD-MM-YYYY; an empty\n"
    "valid_to means the cluster is still in force.\n"
    "\n"
    "Every row is checked first; each problem is printed with its line and column, and then\n"
    "nothing is imported. Clusters named in the file are replaced whole; others are kept.\n"
    "\n"
    "'import members' adds forum memberships, one row each, with the columns forum (exact\n"
    "name or number), name, role and starts_on, and optionally email, title, phone,\n"
    "organisation, represents, substitute_for and ends_on. People are matched by e-mail,\n"
    "else by name and organisation; those not found are created. Roles: chair, co_chair,\n"
    "member, secretary, guest, substitute, or formand, medformand, medlem, sekretær, gæst,\n"
    "stedfortræder. All rows are checked first, and nothing is imported unless all are\n"
    "valid. Rows already stored are skipped. See docs/organisation.md.\n"
    "\n"
    "'template' creates the standard forums of TEMPLATE for the cluster with code CLUSTER,\n"
    "with reporting lines and mandates filled in: cluster-2022 (Sundhedsklynge, 2022 law),\n"
    "steering-2019 (Klyngestyregruppe with focus groups) or regional-2019 (the regional\n"
    "health agreement, for the cluster's whole region). 'forums' lists the forums (of\n"
    "CLUSTER, or all) with today's co-chair and the municipalities without a member.\n"
    "\n"
    "  --db FILE   the database file (default: $KLYNGE_DB, else ./var/klynge.db)\n";

static int run_clusters(struct store *st, const struct principal *who, const char *data,
                        size_t n, struct problems *probs, void *sum, struct kl_error *err)
{
    return app_cluster_import(st, who, data, n, probs, sum, err);
}

static int import_clusters(const char *db, const char *path)
{
    struct cluster_import_summary sum;
    int rc = cli_import("org import clusters", db, path, run_clusters, &sum);

    if (rc == 0)
        printf("%s: %zu rows valid; %zu clusters created or changed, the rest already as "
               "the file says (%s)\n",
               path, sum.rows, sum.clusters, db);
    return rc;
}

static int run_members(struct store *st, const struct principal *who, const char *data,
                       size_t n, struct problems *probs, void *sum, struct kl_error *err)
{
    return app_member_import(st, who, data, n, probs, sum, err);
}

static int import_members(const char *db, const char *path)
{
    struct member_import_summary sum;
    int rc = cli_import("org import members", db, path, run_members, &sum);

    if (rc == 0)
        printf("%s: %zu rows valid; %zu people created, %zu already known; %zu memberships "
               "created, %zu already there (%s)\n",
               path, sum.rows, sum.people_created, sum.people_found, sum.memberships_created,
               sum.memberships_kept, db);
    return rc;
}

static int apply_template(const char *db, const char *template_id, const char *cluster)
{
    struct principal who = cli_principal();
    int64_t ids[TEMPLATE_MAX_FORUMS];
    struct store *st;
    struct kl_error err;
    size_t n;
    int rc;

    kl_error_clear(&err);
    if (store_open(db, STORE_MIGRATE, &st, &err))
        return cli_fail("org template", &err);
    rc = app_template_apply(st, &who, template_id, cluster, ids, &n, &err);
    store_close(st);
    if (rc)
        return cli_fail("org template", &err);
    printf("%s: created %zu forums for %s from template %s (numbers %lld-%lld)\n", db, n,
           cluster, template_id, n ? (long long)ids[0] : 0LL, n ? (long long)ids[n - 1] : 0LL);
    return 0;
}

static int list_forums(const char *db, const char *cluster)
{
    struct principal who = cli_principal();
    struct forum *f;
    struct store *st;
    struct arena *a;
    struct kl_error err;
    time_t now = time(NULL);
    int32_t today = (int32_t)((now + date_cph_offset(now)) / 86400);
    size_t n;
    int rc;

    if (cli_open_store("org forums", db, &st, &a))
        return 1;
    kl_error_clear(&err);
    rc = app_forum_list(st, a, &who, cluster, &f, &n, &err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct forum full;
        struct forum_status s;
        if ((rc = app_forum_get(st, a, f[i].id, &full, &err)) ||
            (rc = app_forum_status(st, a, &full, today, &s, &err)))
            break;
        printf("%5lld  %-12s %-50s %3zu members", (long long)f[i].id, forum_kind_name(f[i].kind),
               f[i].name, s.nmembers);
        if (s.has_rotation)
            printf("  co-chair: %s%s", s.rotation_holder, s.rotation_due ? " (rotation due)" : "");
        if (s.checks_representation && s.nmissing)
            printf("  without a member: %zu municipalities", s.nmissing);
        putchar('\n');
    }
    cli_close_store(st, a);
    return rc ? cli_fail("org forums", &err) : 0;
}

int cmd_org(int argc, char **argv)
{
    static const char *const valued[] = {"--db", NULL};
    const char *db = NULL, *opt, *val, *pos[3] = {0};
    struct args a;
    int got, npos = 0;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    args_init(&a, "org", argc, argv);
    while ((got = args_next(&a, NULL, valued, &opt, &val)) > 0) {
        if (opt)
            db = val;
        else if (npos < 3)
            pos[npos++] = val;
        else
            return cli_usage_error("org", "unexpected argument '%s'", val);
    }
    if (got < 0)
        return EXIT_USAGE;
    if (npos == 3 && strcmp(pos[0], "import") == 0 && strcmp(pos[1], "clusters") == 0)
        return import_clusters(cli_db_path(db), pos[2]);
    if (npos == 3 && strcmp(pos[0], "import") == 0 && strcmp(pos[1], "members") == 0)
        return import_members(cli_db_path(db), pos[2]);
    if (npos == 3 && strcmp(pos[0], "template") == 0)
        return apply_template(cli_db_path(db), pos[1], pos[2]);
    if (npos <= 2 && npos >= 1 && strcmp(pos[0], "forums") == 0)
        return list_forums(cli_db_path(db), npos == 2 ? pos[1] : NULL);
    if (npos >= 1 && strcmp(pos[0], "import") != 0)
        return cli_usage_error("org", "unknown action '%s' (try 'import clusters FILE', "
                               "'import members FILE', 'template TEMPLATE CLUSTER' or "
                               "'forums')", pos[0]);
    if (npos >= 2 && strcmp(pos[1], "clusters") != 0 && strcmp(pos[1], "members") != 0)
        return cli_usage_error("org", "cannot import '%s' (try 'clusters' or 'members')",
                               pos[1]);
    return cli_usage_error("org", "expected 'import clusters FILE' or 'import members FILE'");
}

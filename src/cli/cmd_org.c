/* cmd_org.c - `klynge org`: organisation data from files. `klynge org import clusters FILE`
 * validates a region's cluster file, `klynge org import members FILE` a file of forum
 * memberships; each imports all of its file or nothing. */
#include "cli/args.h"
#include "cli/cli.h"

#include "app/cluster_import.h"
#include "app/member_import.h"
#include "app/principal.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/problems.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define MAX_FILE_BYTES ((size_t)32 << 20)

static const char usage[] =
    "usage: klynge org import clusters FILE [--db FILE]\n"
    "       klynge org import members FILE [--db FILE]\n"
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
    "  --db FILE   the database file (default: $KLYNGE_DB, else ./var/klynge.db)\n";

/* Reads the whole file at path into b (at most MAX_FILE_BYTES). */
static int read_file(const char *path, struct buf *b, struct kl_error *err)
{
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t n;

    if (!f)
        return kl_error_set(err, KL_EIO, "%s: %s", path, strerror(errno));
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (buf_append(b, chunk, n)) {
            fclose(f);
            return kl_error_set(err, KL_ELIMIT, "%s: larger than %zu MiB", path,
                                MAX_FILE_BYTES >> 20);
        }
    }
    if (ferror(f)) {
        fclose(f);
        return kl_error_set(err, KL_EIO, "%s: read error", path);
    }
    fclose(f);
    return 0;
}

static int import_clusters(const char *db, const char *path)
{
    struct buf data;
    struct store *st = NULL;
    struct kl_error err;
    struct problems probs;
    struct cluster_import_summary sum;
    struct principal who = cli_principal();
    int rc;

    kl_error_clear(&err);
    buf_init(&data, MAX_FILE_BYTES);
    problems_init(&probs, path, 0);
    rc = read_file(path, &data, &err);
    if (rc == 0)
        rc = store_open(db, 0, &st, &err);
    if (rc == 0)
        rc = app_cluster_import(st, &who, data.data ? data.data : "", data.len, &probs, &sum, &err);
    if (rc == 0)
        printf("%s: %zu rows valid; %zu clusters created or changed, the rest already as "
               "the file says (%s)\n",
               path, sum.rows, sum.clusters, db);
    else if (probs.count)
        fputs(problems_text(&probs), stderr);
    store_close(st);
    problems_free(&probs);
    buf_free(&data);
    return rc ? cli_fail("org import clusters", &err) : 0;
}

static int import_members(const char *db, const char *path)
{
    struct buf data;
    struct store *st = NULL;
    struct kl_error err;
    struct problems probs;
    struct member_import_summary sum;
    struct principal who = cli_principal();
    int rc;

    kl_error_clear(&err);
    buf_init(&data, MAX_FILE_BYTES);
    problems_init(&probs, path, 0);
    rc = read_file(path, &data, &err);
    if (rc == 0)
        rc = store_open(db, 0, &st, &err);
    if (rc == 0)
        rc = app_member_import(st, &who, data.data ? data.data : "", data.len, &probs, &sum,
                               &err);
    if (rc == 0)
        printf("%s: %zu rows valid; %zu people created, %zu already known; %zu memberships "
               "created, %zu already there (%s)\n",
               path, sum.rows, sum.people_created, sum.people_found, sum.memberships_created,
               sum.memberships_kept, db);
    else if (probs.count)
        fputs(problems_text(&probs), stderr);
    store_close(st);
    problems_free(&probs);
    buf_free(&data);
    return rc ? cli_fail("org import members", &err) : 0;
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
    if (npos >= 1 && strcmp(pos[0], "import") != 0)
        return cli_usage_error("org", "unknown action '%s' (try 'import clusters FILE' or "
                               "'import members FILE')", pos[0]);
    if (npos >= 2 && strcmp(pos[1], "clusters") != 0 && strcmp(pos[1], "members") != 0)
        return cli_usage_error("org", "cannot import '%s' (try 'clusters' or 'members')",
                               pos[1]);
    return cli_usage_error("org", "expected 'import clusters FILE' or 'import members FILE'");
}

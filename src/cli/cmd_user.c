/* cmd_user.c - `klynge user`: add, list, passwd, disable and enable user accounts. */
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/prompt.h"

#include "app/account.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/error.h"
#include "store/store.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: klynge user add LOGIN --name NAME --email EMAIL [--admin] [--db FILE]\n"
    "       klynge user list [--db FILE]\n"
    "       klynge user passwd LOGIN [--db FILE]\n"
    "       klynge user disable LOGIN [--db FILE]\n"
    "       klynge user enable LOGIN [--db FILE]\n"
    "\n"
    "add and passwd ask for the password twice on a terminal, or read it as one line from\n"
    "standard input. A password has at least 12 characters; there are no other rules.\n"
    "Changing a password or disabling a user ends all of that user's sessions.\n"
    "\n"
    "  --db FILE   the database file (default: $KLYNGE_DB, else ./var/klynge.db)\n";

#define PW_MAX 1100

/* Reads the new password (twice on a terminal). Returns 0 or prints why and returns 1. */
static int read_new_password(char pw[PW_MAX])
{
    char again[PW_MAX];
    int tty = isatty(0);

    if (prompt_password("New password: ", pw, PW_MAX)) {
        fprintf(stderr, "klynge user: no password given\n");
        return 1;
    }
    if (tty) {
        if (prompt_password("Again: ", again, sizeof(again)) || strcmp(pw, again) != 0) {
            sodium_memzero(again, sizeof(again));
            fprintf(stderr, "klynge user: the passwords differ; nothing was changed\n");
            return 1;
        }
        sodium_memzero(again, sizeof(again));
    }
    return 0;
}

static int do_add(struct store *st, const char *login, const char *name, const char *email,
                  int admin)
{
    struct principal who = cli_principal();
    struct user u = {.login = login, .name = name, .email = email, .is_admin = admin};
    struct kl_error err;
    char pw[PW_MAX];
    int rc;

    if (read_new_password(pw))
        return 1;
    rc = app_user_add(st, &who, &u, pw, NULL, &err);
    sodium_memzero(pw, sizeof(pw));
    if (rc)
        return cli_fail("user add", &err);
    printf("added user %s%s\n", login, admin ? " (administrator)" : "");
    return 0;
}

static int do_list(struct store *st)
{
    struct arena *a = arena_new(0);
    struct user *u;
    size_t n;
    struct kl_error err;
    int rc = a ? app_user_list(st, a, &u, &n, &err)
               : kl_error_set(&err, KL_ENOMEM, "out of memory");

    if (rc == 0) {
        printf("%-24s %-30s %-32s %s\n", "LOGIN", "NAME", "E-MAIL", "STATUS");
        for (size_t i = 0; i < n; i++)
            printf("%-24s %-30s %-32s %s%s\n", u[i].login, u[i].name, u[i].email,
                   u[i].disabled ? "disabled" : "active", u[i].is_admin ? ", admin" : "");
    }
    arena_free(a);
    return rc ? cli_fail("user list", &err) : 0;
}

static int do_passwd(struct store *st, const char *login)
{
    struct principal who = cli_principal();
    struct kl_error err;
    char pw[PW_MAX];
    int rc;

    if (read_new_password(pw))
        return 1;
    rc = app_user_passwd(st, &who, login, pw, &err);
    sodium_memzero(pw, sizeof(pw));
    if (rc)
        return cli_fail("user passwd", &err);
    printf("password of %s changed; its sessions have ended\n", login);
    return 0;
}

static int do_disable(struct store *st, const char *login, int disabled)
{
    struct principal who = cli_principal();
    struct kl_error err;
    int rc = app_user_disable(st, &who, login, disabled, &err);
    if (rc)
        return cli_fail(disabled ? "user disable" : "user enable", &err);
    printf("%s %s\n", login, disabled ? "disabled; its sessions have ended" : "enabled");
    return 0;
}

int cmd_user(int argc, char **argv)
{
    static const char *const flags[] = {"--admin", NULL};
    static const char *const valued[] = {"--db", "--name", "--email", NULL};
    const char *db = NULL, *name = NULL, *email = NULL, *opt, *val, *pos[2] = {0};
    struct args a;
    struct store *st = NULL;
    struct kl_error err;
    int got, npos = 0, admin = 0, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    args_init(&a, "user", argc, argv);
    while ((got = args_next(&a, flags, valued, &opt, &val)) > 0) {
        if (!opt && npos < 2)
            pos[npos++] = val;
        else if (!opt)
            return cli_usage_error("user", "unexpected argument '%s'", val);
        else if (strcmp(opt, "--db") == 0)
            db = val;
        else if (strcmp(opt, "--name") == 0)
            name = val;
        else if (strcmp(opt, "--email") == 0)
            email = val;
        else
            admin = 1;
    }
    if (got < 0)
        return EXIT_USAGE;
    if (npos == 0)
        return cli_usage_error("user", "expected an action: add, list, passwd, disable, enable");
    if (strcmp(pos[0], "list") == 0 ? npos != 1 : npos != 2)
        return cli_usage_error("user", "wrong number of arguments for '%s'", pos[0]);
    if (strcmp(pos[0], "add") == 0 && (!name || !email))
        return cli_usage_error("user", "add needs --name and --email");
    if (strcmp(pos[0], "add") != 0 && (name || email || admin))
        return cli_usage_error("user", "--name, --email and --admin go with add");
    if (strcmp(pos[0], "add") != 0 && strcmp(pos[0], "list") != 0 &&
        strcmp(pos[0], "passwd") != 0 && strcmp(pos[0], "disable") != 0 &&
        strcmp(pos[0], "enable") != 0)
        return cli_usage_error("user", "unknown action '%s'", pos[0]);

    db = cli_db_path(db);
    if (store_open(db, 0, &st, &err))
        return cli_fail("user", &err);
    if (strcmp(pos[0], "add") == 0)
        rc = do_add(st, pos[1], name, email, admin);
    else if (strcmp(pos[0], "list") == 0)
        rc = do_list(st);
    else if (strcmp(pos[0], "passwd") == 0)
        rc = do_passwd(st, pos[1]);
    else
        rc = do_disable(st, pos[1], strcmp(pos[0], "disable") == 0);
    store_close(st);
    return rc;
}

/* main.c - the klynge program: git-style dispatch to the subcommands. */
#include "cli/cli.h"
#include "app/principal.h"
#include "core/error.h"

#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"init", cmd_init, "create or upgrade the database and load reference data"},
    {"serve", cmd_serve, "serve the web application"},
    {"org", cmd_org, "organisation data: import clusters"},
    {"user", cmd_user, "user accounts: add, list, passwd, disable, enable"},
    {"audit", cmd_audit, "print the audit log"},
    {"compute", cmd_compute, "compute indicators from an event-level extract"},
    {"indicator", cmd_indicator, "indicator catalogue and values: list, import"},
    {"meeting", cmd_meeting, "meetings: list, show, new, publish"},
    {"datapakke", cmd_datapakke, "a meeting's data package as PDF, attached to an item"},
    {"plan", cmd_plan, "action plans: list, show, round, export, attach"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: klynge [--version] [--help] <command> [<args>]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'klynge <command> --help' for the options of a command.\n");
}

const char *cli_db_path(const char *opt)
{
    const char *env = getenv("KLYNGE_DB");
    if (opt && *opt)
        return opt;
    if (env && *env)
        return env;
    return "./var/klynge.db";
}

struct principal cli_principal(void)
{
    static char login[64];
    const struct passwd *pw = getpwuid(getuid());

    snprintf(login, sizeof(login), "cli:%s", pw && pw->pw_name ? pw->pw_name : "unknown");
    return (struct principal){AUTH_LOCAL, 0, login, login, 1, NULL};
}

int cli_fail(const char *context, const struct kl_error *err)
{
    fprintf(stderr, "klynge: %s: %s\n", context, err->msg[0] ? err->msg : kl_status_name(err->code));
    return 1;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "klynge %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nRun 'klynge %s --help' for usage.\n", cmd);
    return EXIT_USAGE;
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("klynge %s\n", KLYNGE_VERSION);
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "klynge: '%s' is not a klynge command. See 'klynge --help'.\n", argv[1]);
    return EXIT_USAGE;
}

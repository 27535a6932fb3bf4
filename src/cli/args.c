/* args.c - the subcommands' option reader. */
#include "cli/args.h"
#include "cli/cli.h"

#include <string.h>

void args_init(struct args *a, const char *cmd, int argc, char **argv)
{
    a->argc = argc;
    a->argv = argv;
    a->i = 1;
    a->cmd = cmd;
}

/* The entry of list equal to the n bytes at name, or NULL. */
static const char *listed(const char *const *list, const char *name, size_t n)
{
    for (; list && *list; list++)
        if (strlen(*list) == n && strncmp(*list, name, n) == 0)
            return *list;
    return NULL;
}

/* The value of option arg (its first n bytes): after its '=' (eq), else the next
 * argument. 1, or -1 after a usage error when there is none. */
static int value_of(struct args *a, const char *arg, size_t n, const char *eq,
                    const char **val)
{
    if (eq) {
        *val = eq + 1;
    } else if (a->i < a->argc) {
        *val = a->argv[a->i++];
    } else {
        cli_usage_error(a->cmd, "option %.*s needs a value", (int)n, arg);
        return -1;
    }
    return 1;
}

int args_next(struct args *a, const char *const *known, const char *const *with_value,
              const char **opt, const char **val)
{
    const char *arg, *eq;
    size_t n;

    *opt = NULL;
    *val = NULL;
    if (a->i >= a->argc)
        return 0;
    arg = a->argv[a->i++];
    if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
        n = strlen(arg);
        if (arg[0] == '-' && n > 1 && (*opt = listed(with_value, arg, n)))
            return value_of(a, arg, n, NULL, val);
        if (arg[0] == '-' && n > 1 && (*opt = listed(known, arg, n)))
            return 1;
        *val = arg;
        return 1;
    }
    eq = strchr(arg, '=');
    n = eq ? (size_t)(eq - arg) : strlen(arg);
    *opt = listed(with_value, arg, n);
    if (*opt)
        return value_of(a, arg, n, eq, val);
    *opt = eq ? NULL : listed(known, arg, n);
    if (*opt)
        return 1;
    cli_usage_error(a->cmd, "unknown option '%s'", arg);
    return -1;
}

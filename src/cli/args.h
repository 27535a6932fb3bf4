/* args.h - a small option reader for the subcommands: "--name VALUE", "--name=VALUE",
 * short options listed as such ("-o FILE"), flags, and positional arguments, with no
 * global state. */
#ifndef KL_CLI_ARGS_H
#define KL_CLI_ARGS_H

struct args {
    int argc;
    char **argv;
    int i;           /* next index to read */
    const char *cmd; /* for messages */
};

/* Starts reading argv after argv[0]. */
void args_init(struct args *a, const char *cmd, int argc, char **argv);

/* Reads the next argument. Returns 1 with *opt set to the option's entry in known or
 * with_value (so it can be compared by pointer or strcmp) and *val to
 * its value when the option takes one (listed in with_value, a NULL-terminated list), or
 * with *opt NULL and *val the positional argument; 0 at the end; -1 after printing a usage
 * error (an option missing its value, or an unknown "--" option not in known). A short
 * option ("-o") is one only when listed exactly (no "=" form); any other argument that
 * does not begin with "--" is positional ("-" among them). */
int args_next(struct args *a, const char *const *known, const char *const *with_value,
              const char **opt, const char **val);

#endif

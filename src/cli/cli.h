/* cli.h - the subcommands of the klynge program and the helpers they share.
 *
 * Each subcommand is one function `int cmd_NAME(int argc, char **argv)` in its own file,
 * named in the table in main.c. argv[0] is the subcommand's name. It returns the process
 * exit status: 0 on success, 1 on an error (after printing one clear line on stderr saying
 * what failed and where), 2 on wrong usage. */
#ifndef KL_CLI_H
#define KL_CLI_H


#include <stdint.h>
#include <stdio.h>

#define EXIT_USAGE 2

struct kl_error;
struct principal;

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_compute(int argc, char **argv);
int cmd_indicator(int argc, char **argv);
int cmd_meeting(int argc, char **argv);
int cmd_datapakke(int argc, char **argv);
int cmd_plan(int argc, char **argv);

/* The database path: the --db value if given, else $KLYNGE_DB, else "./var/klynge.db". */
const char *cli_db_path(const char *opt);

/* The actor of a command run on the server: "cli:" and the Unix user's name, with the rights
 * of an administrator (who runs the binary on the database file has them anyway). The
 * login string is static. */
struct principal cli_principal(void);

/* Prints "klynge: CONTEXT: MESSAGE" for err on stderr and returns 1. */
int cli_fail(const char *context, const struct kl_error *err);

/* Prints "klynge CMD: MESSAGE" and a hint to --help on stderr and returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads the whole file at path into b, up to b's cap (buf_init's max). Returns 0; KL_EIO
 * with err "PATH: reason" when it cannot be read; KL_ELIMIT when it is larger than the cap. */
struct buf;
int cli_read_file(const char *path, struct buf *b, struct kl_error *err);

/* Writes b to the file at path ("-": standard output), replacing it. Returns 0; KL_EIO with
 * err "PATH: reason" when it cannot be written. */
int cli_write_file(const char *path, const struct buf *b, struct kl_error *err);

/* A record number (1 .. 2^31-1) in s; 0 when s is not one. */
int64_t cli_parse_id(const char *s);

/* Opens the database at db (migrating it) and a new arena for one command. 0; or 1 after
 * printing "klynge: ACTION: why" (nothing is left open). */
struct store;
struct arena;
int cli_open_store(const char *action, const char *db, struct store **st, struct arena **a);
/* Closes what cli_open_store opened. */
void cli_close_store(struct store *st, struct arena *a);

/* The largest file an import command reads. */
#define CLI_IMPORT_MAX ((size_t)32 << 20)

/* An import command's own work on the file's n bytes at data, as who: the problems it
 * finds in the file go to probs, its summary to ctx. Returns 0 or an error in err. */
struct problems;
struct kl_error;
typedef int (*cli_import_fn)(struct store *st, const struct principal *who, const char *data,
                             size_t n, struct problems *probs, void *ctx,
                             struct kl_error *err);

/* Reads the file at path (at most CLI_IMPORT_MAX bytes), opens the database at db (not
 * migrating it) and runs run on them. Returns 0, after which the caller prints its summary;
 * or 1 after printing the problems found in the file (with their lines) and "klynge:
 * ACTION: why" on stderr. */
int cli_import(const char *action, const char *db, const char *path, cli_import_fn run,
               void *ctx);

/* True when argv holds -h or --help. */
int cli_wants_help(int argc, char **argv);

#endif

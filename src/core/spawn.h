/* spawn.h - running a helper program (such as pdftotext) on untrusted input without a
 * shell: input from memory on its standard input, standard output read back up to a cap,
 * a deadline after which it is killed, and limits on its memory and CPU time. Safe to call
 * from the server's threads: the child only calls async-signal-safe functions between
 * fork and exec, closes every inherited descriptor and gets an empty environment but
 * PATH=/usr/bin:/bin and LC_ALL=C.UTF-8. Writing to a helper that exits early cannot
 * raise SIGPIPE (its input is a socket written with MSG_NOSIGNAL). */
#ifndef KL_CORE_SPAWN_H
#define KL_CORE_SPAWN_H

#include <stddef.h>

struct buf;
struct kl_error;

struct spawn_opts {
    const char *const *argv;   /* argv[0]: an absolute path, else looked up in PATH */
    const void *in;            /* standard input (may be NULL: empty) */
    size_t nin;
    size_t out_max;            /* bytes of standard output kept; more kills the helper */
    int timeout_ms;            /* wall-clock deadline; then the helper is killed */
    size_t mem_max;            /* RLIMIT_AS of the helper in bytes; 0: none */
};

#define SPAWN_TIMED_OUT (-2)  /* *status: killed at the deadline */
#define SPAWN_TOO_MUCH (-3)   /* *status: killed for more output than out_max */

/* Runs o->argv with the input, appending its standard output to out (standard error is
 * discarded), and sets *status to its exit status (0-255; 128+N when killed by signal N).
 * Returns 0 when it ran to its end; KL_ELIMIT when it was killed for the deadline
 * (*status SPAWN_TIMED_OUT) or the output cap (SPAWN_TOO_MUCH; out then holds what came
 * before, at most out_max bytes); KL_EIO when it could not be started; KL_ENOMEM at out's
 * own cap. The helper is always waited for. */
int spawn_run(const struct spawn_opts *o, struct buf *out, int *status, struct kl_error *err);

#endif

/* error.h - error values: status codes and a human message naming what and where.
 *
 * Every function that can fail returns int: 0 on success or a negative KL_E... code, and
 * fills a caller-owned struct kl_error. Nothing in a library layer prints or exits. */
#ifndef KL_ERROR_H
#define KL_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum kl_status {
    KL_OK = 0,
    KL_ENOMEM = -1,    /* allocation failed or a size cap was reached */
    KL_EINVAL = -2,    /* bad input: the message says what and where */
    KL_EIO = -3,       /* file or socket error */
    KL_ENOTFOUND = -4, /* a named thing does not exist */
    KL_ECONFLICT = -5, /* the change conflicts with what is stored */
    KL_EDB = -6,       /* the database failed */
    KL_EVERSION = -7,  /* data from a newer or unknown version */
    KL_EPERM = -8,     /* not allowed */
    KL_ELIMIT = -9,    /* a configured limit was exceeded */
};

#define KL_ERROR_MSG_MAX 1024

struct kl_error {
    int code;
    char msg[KL_ERROR_MSG_MAX];
    const char *said; /* NULL, or kl_error_say's sentence for the people using klynge */
};

/* Clears err (code KL_OK, empty message). err may be NULL. */
void kl_error_clear(struct kl_error *err);

/* Sets err's code and printf-style message (truncated to fit) and returns code, so that a
 * caller can write `return kl_error_set(err, KL_EINVAL, "...")`. err may be NULL. */
int kl_error_set(struct kl_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* As kl_error_set, and with said: the same refusal as one whole sentence for the people
 * using klynge, an N_() message id of static storage that the web shows translated in
 * place of msg (which keeps its details, such as a status's name, for the command line
 * and the log). Returns code. */
int kl_error_say(struct kl_error *err, int code, const char *said, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* As kl_error_set, with a va_list. */
int kl_error_setv(struct kl_error *err, int code, const char *fmt, va_list ap);

/* Prefixes err's message with "prefix: " (for example a file name). Keeps the code. */
void kl_error_prefix(struct kl_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A short English name of a status code ("out of memory", "invalid input", ...). */
const char *kl_status_name(int code);

#endif

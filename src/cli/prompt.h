/* prompt.h - reading a password: from the terminal without echo, or as one line of standard
 * input when it is not a terminal (for scripts: `echo "$PW" | klynge user passwd anna`). */
#ifndef KL_CLI_PROMPT_H
#define KL_CLI_PROMPT_H

#include <stddef.h>

/* Reads one line into out (size n, NUL-terminated, without the line end). Shows prompt on
 * stderr when reading from a terminal. Returns 0, or -1 at end of input or when the line is
 * longer than n - 1 bytes. */
int prompt_password(const char *prompt, char *out, size_t n);

#endif

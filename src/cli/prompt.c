/* prompt.c - password input without echo. */
#include "cli/prompt.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

int prompt_password(const char *prompt, char *out, size_t n)
{
    struct termios old, quiet;
    int tty = isatty(STDIN_FILENO);
    size_t len;
    char *got;

    if (tty) {
        fputs(prompt, stderr);
        fflush(stderr);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    got = fgets(out, (int)n, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!got)
        return -1;
    len = strlen(out);
    if (len && out[len - 1] == '\n')
        out[--len] = '\0';
    else if (!feof(stdin))
        return -1;
    if (len && out[len - 1] == '\r')
        out[--len] = '\0';
    return 0;
}

/* spawn.c - a helper program on untrusted input with a deadline and caps (see spawn.h):
 * fork, then in the child only dup2, setrlimit, close_range and execve; the parent feeds
 * standard input and reads standard output with poll until both are done or time is up. */
#include "core/spawn.h"

#include "core/buf.h"
#include "core/error.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The absolute path of name: itself when it holds a '/', else the first executable in
 * /usr/bin or /bin (a fixed PATH: the server's environment does not decide what runs). */
static int find_program(const char *name, char *path, size_t cap)
{
    static const char *const dirs[] = {"/usr/bin", "/bin"};

    if (strchr(name, '/')) {
        if ((size_t)snprintf(path, cap, "%s", name) >= cap)
            return -1;
        return access(path, X_OK);
    }
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        int n = snprintf(path, cap, "%s/%s", dirs[i], name);
        if (n > 0 && (size_t)n < cap && access(path, X_OK) == 0)
            return 0;
    }
    return -1;
}

/* In the child: wire up the descriptors, limit, exec. Never returns. */
static void child(const char *path, const struct spawn_opts *o, int in, int out, int null)
{
    static char *const envp[] = {"PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8", NULL};
    struct rlimit cpu;

    if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(null, 2) < 0)
        _exit(127);
    if (o->mem_max) {
        struct rlimit as = {o->mem_max, o->mem_max};
        setrlimit(RLIMIT_AS, &as);
    }
    cpu.rlim_cur = cpu.rlim_max = (rlim_t)(o->timeout_ms / 1000 + 1);
    setrlimit(RLIMIT_CPU, &cpu);
    close_range(3, UINT_MAX, 0);
    execve(path, (char *const *)o->argv, envp);
    _exit(127);
}

/* Feeds the input and collects the output until both ends are done, the deadline or the
 * cap. Returns 0, KL_ELIMIT or KL_ENOMEM. */
static int pump(const struct spawn_opts *o, int in, int out, struct buf *dst, int *why,
                struct kl_error *err)
{
    const char *p = o->in;
    size_t left = o->in ? o->nin : 0, got = 0;
    long long deadline = now_ms() + o->timeout_ms;
    char chunk[16384];

    if (!left) {
        close(in);
        in = -1;
    }
    while (out >= 0) {
        struct pollfd fds[2] = {{out, POLLIN, 0}, {in, POLLOUT, 0}};
        long long wait = deadline - now_ms();
        int r;

        if (wait <= 0) {
            if (in >= 0)
                close(in);
            *why = SPAWN_TIMED_OUT;
            return kl_error_set(err, KL_ELIMIT, "%s: no answer within %d ms", o->argv[0],
                                o->timeout_ms);
        }
        r = poll(fds, in >= 0 ? 2 : 1, (int)wait);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        if (in >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = send(in, p, left < sizeof chunk ? left : sizeof chunk,
                             MSG_NOSIGNAL | MSG_DONTWAIT);
            if (w > 0) {
                p += w;
                left -= (size_t)w;
            }
            if (left == 0 || (w < 0 && errno != EAGAIN && errno != EINTR)) {
                close(in); /* done, or the helper stopped reading */
                in = -1;
            }
        }
        if (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) {
            ssize_t n = read(out, chunk, sizeof chunk);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
                break;
            if (n > 0) {
                if (got + (size_t)n > o->out_max) {
                    size_t room = o->out_max - got;
                    if (in >= 0)
                        close(in);
                    *why = SPAWN_TOO_MUCH;
                    if (buf_append(dst, chunk, room))
                        return kl_error_set(err, KL_ENOMEM, "out of memory");
                    return kl_error_set(err, KL_ELIMIT, "%s: more than %zu bytes of output",
                                        o->argv[0], o->out_max);
                }
                if (buf_append(dst, chunk, (size_t)n)) {
                    if (in >= 0)
                        close(in);
                    return kl_error_set(err, KL_ENOMEM, "out of memory");
                }
                got += (size_t)n;
            }
        }
    }
    if (in >= 0)
        close(in);
    return 0;
}

int spawn_run(const struct spawn_opts *o, struct buf *out, int *status, struct kl_error *err)
{
    char path[512];
    int sv[2], pp[2], null, rc, ws = 0, why = 0;
    pid_t pid;

    *status = -1;
    if (find_program(o->argv[0], path, sizeof path))
        return kl_error_set(err, KL_EIO, "%s: not found (install it: scripts/bootstrap)",
                            o->argv[0]);
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
        return kl_error_set(err, KL_EIO, "%s: socketpair: %s", o->argv[0], strerror(errno));
    if (pipe2(pp, O_CLOEXEC)) {
        close(sv[0]);
        close(sv[1]);
        return kl_error_set(err, KL_EIO, "%s: pipe: %s", o->argv[0], strerror(errno));
    }
    if ((null = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0 || (pid = fork()) < 0) {
        rc = kl_error_set(err, KL_EIO, "%s: cannot start: %s", o->argv[0], strerror(errno));
        if (null >= 0)
            close(null);
        close(sv[0]);
        close(sv[1]);
        close(pp[0]);
        close(pp[1]);
        return rc;
    }
    if (pid == 0)
        child(path, o, sv[1], pp[1], null);
    close(sv[1]);
    close(pp[1]);
    close(null);
    rc = pump(o, sv[0], pp[0], out, &why, err);
    close(pp[0]);
    if (rc)
        kill(pid, SIGKILL);
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
        ;
    *status = why                ? why
              : WIFEXITED(ws)   ? WEXITSTATUS(ws)
              : WIFSIGNALED(ws) ? 128 + WTERMSIG(ws)
                                : -1;
    return rc;
}

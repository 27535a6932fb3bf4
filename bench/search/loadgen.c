/* loadgen.c - the search benchmark's HTTP load (see run and load.py): CLIENTS threads, each
 * with one keep-alive connection to 127.0.0.1:PORT, send GET requests for paths drawn from
 * PATHS (one a line, each thread its own seeded sequence) for SECONDS seconds, optionally
 * with a Cookie header, and time each from the first byte written to the last byte of the
 * body read. A C program rather than Python threads, so that the load generator takes as
 * little as possible of the cores the server runs on. Prints one line:
 *   requests N errors E seconds S p50 X p99 Y max Z    (milliseconds)
 * usage: loadgen PORT CLIENTS SECONDS PATHS [COOKIE] */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_PATHS 4096
#define BUF_CAP (1 << 20)

static int port;
static double seconds;
static const char *cookie;
static char *paths[MAX_PATHS];
static size_t npaths;

struct client {
    pthread_t thread;
    unsigned seed;
    double *lat; /* milliseconds */
    size_t n, cap;
    long errors;
};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int connect_to_server(void)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

    if (fd < 0)
        return -1;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads one response into buf: the status, and whether the server closes the connection.
 * 0, or -1 when the connection broke or the answer is not HTTP with a Content-Length. */
static int read_response(int fd, char *buf, int *status, int *closes)
{
    size_t len = 0, want = 0;
    char *end = NULL;

    for (;;) {
        ssize_t r = recv(fd, buf + len, BUF_CAP - 1 - len, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        len += (size_t)r;
        buf[len] = '\0';
        if (!end && (end = strstr(buf, "\r\n\r\n"))) {
            const char *cl = strcasestr(buf, "\r\nContent-Length:");
            const char *conn = strcasestr(buf, "\r\nConnection: close");
            if (!cl || cl > end || sscanf(buf, "HTTP/1.%*d %d", status) != 1)
                return -1;
            *closes = conn && conn < end;
            want = (size_t)(end + 4 - buf) + strtoul(cl + 17, NULL, 10);
            if (want >= BUF_CAP)
                return -1;
        }
        if (end && len >= want)
            return 0;
        if (len >= BUF_CAP - 1)
            return -1;
    }
}

static void *run_client(void *p)
{
    struct client *c = p;
    char *buf = malloc(BUF_CAP), req[8192];
    double stop = now() + seconds;
    int fd = -1;

    if (!buf)
        return NULL;
    while (now() < stop) {
        const char *path = paths[rand_r(&c->seed) % npaths];
        int n = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%s%s\r\n",
                         path, cookie ? "Cookie: " : "", cookie ? cookie : "",
                         cookie ? "\r\n" : "");
        int status = 0, closes = 0, ok;
        double t0;

        if (n < 0 || (size_t)n >= sizeof(req))
            break;
        if (fd < 0 && (fd = connect_to_server()) < 0) {
            c->errors++;
            usleep(10000);
            continue;
        }
        t0 = now();
        ok = write_all(fd, req, (size_t)n) == 0 && read_response(fd, buf, &status, &closes) == 0;
        if (c->n == c->cap) {
            size_t cap = c->cap ? c->cap * 2 : 4096;
            double *lat = realloc(c->lat, cap * sizeof(*lat));
            if (!lat)
                break;
            c->lat = lat;
            c->cap = cap;
        }
        c->lat[c->n++] = (now() - t0) * 1000.0;
        if (!ok || status != 200)
            c->errors++;
        if (!ok || closes) {
            close(fd);
            fd = -1;
        }
    }
    if (fd >= 0)
        close(fd);
    free(buf);
    return NULL;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double percentile(const double *v, size_t n, double p)
{
    size_t i = (size_t)((double)n * p);
    return n ? v[i < n ? i : n - 1] : 0.0;
}

int main(int argc, char **argv)
{
    static char line[8192];
    struct client *cs;
    double *all;
    size_t total = 0, k = 0;
    long errors = 0;
    int nclients;
    FILE *f;

    if (argc < 5 || argc > 6) {
        fprintf(stderr, "usage: loadgen PORT CLIENTS SECONDS PATHS [COOKIE]\n");
        return 2;
    }
    port = (int)strtol(argv[1], NULL, 10);
    nclients = (int)strtol(argv[2], NULL, 10);
    seconds = strtod(argv[3], NULL);
    cookie = argc == 6 && *argv[5] ? argv[5] : NULL;
    if (!(f = fopen(argv[4], "r"))) {
        perror(argv[4]);
        return 1;
    }
    while (npaths < MAX_PATHS && fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (*line && !(paths[npaths++] = strdup(line)))
            return 1;
    }
    fclose(f);
    if (!npaths || nclients < 1 || nclients > 1024 || seconds <= 0) {
        fprintf(stderr, "loadgen: no paths, or a bad number of clients or seconds\n");
        return 2;
    }
    cs = calloc((size_t)nclients, sizeof(*cs));
    if (!cs)
        return 1;
    for (int i = 0; i < nclients; i++) {
        cs[i].seed = 1000u + (unsigned)i;
        if (pthread_create(&cs[i].thread, NULL, run_client, &cs[i]) != 0)
            return 1;
    }
    for (int i = 0; i < nclients; i++) {
        pthread_join(cs[i].thread, NULL);
        total += cs[i].n;
        errors += cs[i].errors;
    }
    all = malloc((total ? total : 1) * sizeof(*all));
    if (!all)
        return 1;
    for (int i = 0; i < nclients; i++) {
        memcpy(all + k, cs[i].lat, cs[i].n * sizeof(*all));
        k += cs[i].n;
        free(cs[i].lat);
    }
    qsort(all, total, sizeof(*all), by_value);
    printf("requests %zu errors %ld seconds %.1f p50 %.2f p99 %.2f max %.2f\n", total, errors,
           seconds, percentile(all, total, 0.50), percentile(all, total, 0.99),
           total ? all[total - 1] : 0.0);
    free(all);
    free(cs);
    for (size_t i = 0; i < npaths; i++)
        free(paths[i]);
    return 0;
}

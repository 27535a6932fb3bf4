/* cmd_serve.c - `klynge serve`: run the web server until SIGINT or SIGTERM. */
#include "cli/args.h"
#include "cli/cli.h"

#include "core/error.h"
#include "web/server.h"

#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "usage: klynge serve [--db FILE] [--listen ADDR:PORT] [--threads N] [--secure-cookies]\n"
    "                    [--max-attachment MIB] [--proxy-header NAME --proxy-from ADDR[,...]]\n"
    "\n"
    "Serves the web application and its JSON API. The database is upgraded to this version's\n"
    "schema on start. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM. One line per request is\n"
    "logged on stderr.\n"
    "\n"
    "  --db FILE            the database (default: $KLYNGE_DB, else ./var/klynge.db)\n"
    "  --listen ADDR:PORT   where to listen (default: $KLYNGE_LISTEN, else 127.0.0.1:8080);\n"
    "                       port 0 picks a free port, printed on stdout\n"
    "  --threads N          requests worked on at once, the others waiting in line\n"
    "                       (default: one a CPU core, at least 2)\n"
    "  --max-attachment MIB the largest attachment accepted, in MiB (default 25, at most\n"
    "                       256); uploads may be that and 1 MiB more\n"
    "  --secure-cookies     mark the session cookie Secure: use it behind TLS\n"
    "  --proxy-header NAME  single sign-on: trust header NAME (for example X-Remote-User) to\n"
    "                       name the user, but only from the addresses of --proxy-from\n"
    "  --proxy-from ADDRS   comma-separated addresses of the trusted proxy\n";

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void log_line(void *ctx, const char *line)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;

    (void)ctx;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
    pthread_mutex_lock(&log_lock);
    fprintf(stderr, "%s %s\n", stamp, line);
    fflush(stderr);
    pthread_mutex_unlock(&log_lock);
}

static int parse_threads(const char *v, unsigned *out)
{
    char *end;
    long n = strtol(v, &end, 10);

    if (!*v || *end || n < 1 || n > 64)
        return -1;
    *out = (unsigned)n;
    return 0;
}

/* A size in MiB from 1 to 256 into bytes. */
static int parse_mib(const char *v, size_t *out)
{
    char *end;
    long n = strtol(v, &end, 10);

    if (!*v || *end || n < 1 || n > 256)
        return -1;
    *out = (size_t)n << 20;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    static const char *const flags[] = {"--secure-cookies", NULL};
    static const char *const valued[] = {"--db", "--listen", "--threads", "--proxy-header",
                                         "--proxy-from", "--max-attachment", NULL};
    struct server_config cfg = {0};
    const char *db = NULL, *listen = getenv("KLYNGE_LISTEN"), *opt, *val;
    struct server *srv;
    struct kl_error err;
    struct args a;
    sigset_t stop;
    int got, sig;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    args_init(&a, "serve", argc, argv);
    while ((got = args_next(&a, flags, valued, &opt, &val)) > 0) {
        if (!opt)
            return cli_usage_error("serve", "unexpected argument '%s'", val);
        if (strcmp(opt, "--db") == 0)
            db = val;
        else if (strcmp(opt, "--listen") == 0)
            listen = val;
        else if (strcmp(opt, "--threads") == 0 && parse_threads(val, &cfg.threads))
            return cli_usage_error("serve", "--threads: expected a number from 1 to 64, not '%s'",
                                   val);
        else if (strcmp(opt, "--max-attachment") == 0 && parse_mib(val, &cfg.max_attachment))
            return cli_usage_error("serve", "--max-attachment: expected MiB from 1 to 256, "
                                            "not '%s'", val);
        else if (strcmp(opt, "--secure-cookies") == 0)
            cfg.cookie_secure = 1;
        else if (strcmp(opt, "--proxy-header") == 0)
            cfg.proxy_header = val;
        else if (strcmp(opt, "--proxy-from") == 0)
            cfg.proxy_from = val;
    }
    if (got < 0)
        return EXIT_USAGE;
    if (!cfg.proxy_header != !cfg.proxy_from)
        return cli_usage_error("serve", "--proxy-header and --proxy-from go together");
    cfg.db_path = cli_db_path(db);
    cfg.listen = listen && *listen ? listen : "127.0.0.1:8080";
    cfg.log = log_line;

    /* Block the stop signals before the server's threads start, so they inherit the mask
     * and only this thread receives them, in sigwait. */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* glibc gives the top of a thread's heap back to the kernel as soon as 128 KiB are
     * free there, so each request's memory was returned and faulted in again: a tenth of
     * a search's CPU (docs/search.md, Speed). Up to 64 MiB free stays for the next one. */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);

    kl_error_clear(&err);
    if (server_start(&cfg, &srv, &err))
        return cli_fail("serve", &err);
    printf("klynge: serving http://%.*s:%u/ (database %s)\n",
           (int)(strrchr(cfg.listen, ':') - cfg.listen), cfg.listen, server_port(srv),
           cfg.db_path);
    fflush(stdout);
    sigwait(&stop, &sig);
    fprintf(stderr, "klynge: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    server_stop(srv);
    return 0;
}

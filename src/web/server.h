/* server.h - the HTTP server: libmicrohttpd with explicit limits, a pool of database
 * connections (one per worker thread at most), and dispatch through the route table.
 *
 * The server runs in its own threads after server_start returns; server_stop shuts it down
 * gracefully (requests in flight finish) and closes every database connection. */
#ifndef KL_WEB_SERVER_H
#define KL_WEB_SERVER_H

#include <stddef.h>
#include <stdint.h>

struct kl_error;
struct server;

struct server_config {
    const char *db_path;
    const char *listen;            /* "ADDR:PORT"; port 0 picks a free port */
    unsigned threads;              /* requests worked on at once; 0: one a core, 2 to 64 */
    unsigned max_connections;      /* 0 means 256 */
    unsigned max_per_ip;           /* connections from one address; 0 means 32 */
    unsigned timeout_seconds;      /* idle connection timeout; 0 means 30 */
    size_t max_body;               /* request body cap in bytes; 0 means 1 MiB */
    size_t max_attachment;         /* the largest attachment accepted; 0 means 25 MiB
                                      (ATTACHMENT_MAX_DEFAULT) */
    size_t max_upload;             /* body cap of multipart/form-data (file uploads); 0 means
                                      max_attachment and 1 MiB for the form around it */
    size_t max_request_memory;     /* per-request arena cap; 0 means 32 MiB */
    int cookie_secure;             /* mark the session cookie Secure (behind TLS) */
    int64_t session_idle_seconds;  /* 0 means 2 hours */
    int64_t session_max_seconds;   /* 0 means 12 hours */
    /* Single sign-on: trust header proxy_header (e.g. "X-Remote-User") naming an existing
     * login, but only on connections from one of the comma-separated addresses in
     * proxy_from. Off when either is NULL or empty. */
    const char *proxy_header;
    const char *proxy_from;
    /* Called with one line per request and for server errors; may be NULL. Must be
     * thread-safe: it is called from the worker threads. */
    void (*log)(void *ctx, const char *line);
    void *log_ctx;
};

/* Parses "ADDR:PORT" (IPv4 dotted quad, or "[IPv6]:PORT", or "localhost:PORT") into the
 * socket address at sa (of size *salen on entry, the used size on return). KL_EINVAL with
 * err naming what is wrong. */
struct sockaddr;
int server_parse_listen(const char *listen, struct sockaddr *sa, unsigned *salen,
                        struct kl_error *err);

/* Checks the database (opened once with migrations applied, so an older schema is upgraded
 * and a newer one refused) and starts listening. On success *out is the running server. */
int server_start(const struct server_config *cfg, struct server **out, struct kl_error *err);

/* The port the server listens on (useful with port 0). */
unsigned server_port(const struct server *s);

/* Stops the server and frees it. s may be NULL. */
void server_stop(struct server *s);

#endif

/* server.c - libmicrohttpd glue: limits, the connection pool, the per-request arena,
 * language and principal, routing with the permission check, and the response with its
 * security headers (see server.h). */
#include "web/server.h"
#include "web/auth.h"
#include "web/errors.h"
#include "web/request.h"
#include "web/routes.h"
#include "web/text_worker.h"
#include "app/permission.h"
#include "app/session.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/gate.h"
#include "core/utf8.h"
#include "model/attachment.h"
#include "store/store.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define POOL_MAX 64

struct server {
    struct server_config cfg;
    struct MHD_Daemon *daemon;
    pthread_mutex_t lock;
    struct store *idle[POOL_MAX]; /* connections not lent out */
    size_t nidle;
    struct text_worker *text;     /* extracts uploaded PDFs' text */
    struct gate cores;            /* requests worked on at once (cfg.threads), in turn */
};

static void logf_(struct server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(struct server *s, const char *fmt, ...)
{
    char line[1024];
    va_list ap;

    if (!s->cfg.log)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    s->cfg.log(s->cfg.log_ctx, line);
}

/* Lends a database connection: an idle one, or a new one (no migrations: server_start
 * applied them). Returns NULL with err filled when the database cannot be opened. */
static struct store *pool_get(struct server *s, struct kl_error *err)
{
    struct store *st = NULL;

    pthread_mutex_lock(&s->lock);
    if (s->nidle)
        st = s->idle[--s->nidle];
    pthread_mutex_unlock(&s->lock);
    if (!st && store_open(s->cfg.db_path, 0, &st, err))
        return NULL;
    return st;
}

static void pool_put(struct server *s, struct store *st)
{
    if (!st)
        return;
    store_reset_statements(st);
    store_rollback(st);
    pthread_mutex_lock(&s->lock);
    if (s->nidle < POOL_MAX) {
        s->idle[s->nidle++] = st;
        st = NULL;
    }
    pthread_mutex_unlock(&s->lock);
    store_close(st);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct request_state {
    struct request r;
    struct server *server;
    int64_t started_ms;
    int body_too_large;
};

static const char *client_address(struct MHD_Connection *c, struct arena *a)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "unknown";

    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
                      text, sizeof(text));
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                      text, sizeof(text));
    }
    return arena_strdup(a, text);
}

/* The language: ?lang= (remembered in a cookie), else the cookie, else Accept-Language. */
static void pick_language(struct request *r)
{
    const char *q = req_query(r, "lang"), *c = req_cookie(r, "lang");

    if (q && (strcmp(q, "da") == 0 || strcmp(q, "en") == 0)) {
        r->lang = i18n_pick(q);
        res_header(r, "Set-Cookie", strcmp(q, "en") == 0
                                        ? "lang=en; Path=/; Max-Age=31536000; SameSite=Lax"
                                        : "lang=da; Path=/; Max-Age=31536000; SameSite=Lax");
    } else if (c && (strcmp(c, "da") == 0 || strcmp(c, "en") == 0)) {
        r->lang = i18n_pick(c);
    } else {
        r->lang = i18n_pick(req_header(r, "Accept-Language"));
    }
}

static int status_of(int code)
{
    switch (code) {
    case KL_EINVAL: return 400;
    case KL_EPERM: return 403;
    case KL_ENOTFOUND: return 404;
    case KL_ECONFLICT: return 409;
    case KL_ELIMIT: return 413;
    default: return 500;
    }
}

/* Routes the request, checks the permission and runs the handler; on failure the response
 * becomes the matching error page. */
static void dispatch(struct request *r)
{
    const struct route *rt = NULL;
    char allow[64];
    int64_t forum_id = 0;
    int rc;

    if (!utf8_valid(r->path, strlen(r->path), NULL)) {
        web_error(r, 400, T_(r, "The address is not valid text."));
        return;
    }
    switch (route_find(web_routes, r->method, r->path, r->arena, r->params, REQ_MAX_PARAMS,
                       &r->nparams, &rt, allow, sizeof(allow))) {
    case ROUTE_NO_PATH:
        web_error(r, 404, T_(r, "There is no page at this address."));
        return;
    case ROUTE_NO_METHOD:
        res_header(r, "Allow", arena_strdup(r->arena, allow));
        web_error(r, 405, T_(r, "This address does not accept that kind of request."));
        return;
    case ROUTE_FOUND:
        break;
    }
    if (permission_needs_forum(rt->perm)) {
        char *end;
        forum_id = r->nparams ? strtoll(r->params[0], &end, 10) : 0;
        if (forum_id <= 0 || *end) {
            web_error(r, 404, T_(r, "There is no page at this address."));
            return;
        }
    }
    rc = app_authorize(r->store, &r->who, rt->perm, forum_id, &r->err);
    if (rc == KL_EPERM && r->who.method == AUTH_NONE && !req_is_api(r) &&
        strcmp(r->method, "GET") == 0) {
        web_redirect_to_login(r);
        return;
    }
    if (rc == 0 && strcmp(rt->method, "GET") != 0 && !(rt->flags & ROUTE_OWN_CSRF) &&
        !app_csrf_ok(&r->who, web_sent_csrf(r))) {
        web_error(r, 403, T_(r, "The form has expired or did not come from klynge. Reload the "
                                "page and try again."));
        return;
    }
    if (rc == 0)
        rc = rt->handler(r);
    if (rc == 0)
        return;
    buf_reset(&r->res.body);
    r->res.nheaders = 0;
    if (status_of(rc) == 500) {
        struct server *s = ((struct request_state *)(void *)r)->server;
        logf_(s, "error: %s %s: %s", r->method, r->path, r->err.msg);
        web_error(r, 500, T_(r, "Something went wrong on our side. Try again in a moment."));
        return;
    }
    if (rc == KL_EPERM && r->who.method == AUTH_NONE && !req_is_api(r) &&
        strcmp(r->method, "GET") == 0) {
        /* the use case refused the anonymous visitor: signing in may help */
        web_redirect_to_login(r);
        return;
    }
    if (rc == KL_EPERM && r->who.method == AUTH_NONE && req_is_api(r)) {
        web_error(r, 401, T_(r, "Sign in or send an API token."));
        return;
    }
    web_error(r, status_of(rc), r->err.said     ? T_(r, r->err.said)
                                : r->err.msg[0] ? T_(r, r->err.msg)
                                                : NULL);
}

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                          "form-action 'self'; frame-ancestors 'none'";

static enum MHD_Result send_response(struct request_state *rs)
{
    struct request *r = &rs->r;
    struct MHD_Response *res;
    enum MHD_Result ok;

    res = MHD_create_response_from_buffer(r->res.body.len, r->res.body.data ? r->res.body.data : (void *)"",
                                          MHD_RESPMEM_MUST_COPY);
    if (!res)
        return MHD_NO;
    MHD_add_response_header(res, "Content-Type",
                            r->res.content_type ? r->res.content_type : "text/html; charset=utf-8");
    MHD_add_response_header(res, "Cache-Control", r->res.cache ? r->res.cache : "no-store");
    MHD_add_response_header(res, "Content-Security-Policy", csp);
    MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(res, "X-Frame-Options", "DENY");
    MHD_add_response_header(res, "Referrer-Policy", "same-origin");
    MHD_add_response_header(res, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(res, "Content-Language", i18n_code(r->lang));
    MHD_add_response_header(res, "Vary", "Accept-Language, Cookie");
    for (size_t i = 0; i < r->res.nheaders; i++)
        MHD_add_response_header(res, r->res.hname[i], r->res.hvalue[i]);
    ok = MHD_queue_response(r->conn, (unsigned)r->res.status, res);
    MHD_destroy_response(res);
    logf_(rs->server, "%s %s %d %zu %s %lldms", r->method, r->path, r->res.status,
          r->res.body.len, r->client, (long long)(now_ms() - rs->started_ms));
    return ok;
}

static struct request_state *request_new(struct server *s, struct MHD_Connection *c,
                                         const char *url, const char *method)
{
    struct arena *a = arena_new(s->cfg.max_request_memory);
    struct request_state *rs = a ? arena_calloc(a, 1, sizeof(*rs)) : NULL;

    if (!rs) {
        arena_free(a);
        return NULL;
    }
    rs->server = s;
    rs->started_ms = now_ms();
    rs->r.conn = c;
    rs->r.cfg = &s->cfg;
    rs->r.arena = a;
    rs->r.method = arena_strdup(a, method);
    rs->r.path = arena_strdup(a, url);
    rs->r.now = (int64_t)time(NULL);
    rs->r.who = PRINCIPAL_ANONYMOUS;
    rs->r.client = client_address(c, a);
    rs->r.res.status = 200;
    {
        const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
        int upload = type && strncasecmp(type, "multipart/form-data", 19) == 0;
        buf_init(&rs->r.body, upload ? s->cfg.max_upload : s->cfg.max_body);
    }
    buf_init(&rs->r.res.body, 0);
    if (!rs->r.method || !rs->r.path || !rs->r.client) {
        arena_free(a);
        return NULL;
    }
    return rs;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    struct server *s = cls;
    struct request_state *rs = *con_cls;
    struct request *r;

    (void)version;
    if (!rs) {
        rs = request_new(s, c, url, method);
        if (!rs)
            return MHD_NO;
        *con_cls = rs;
        return MHD_YES;
    }
    r = &rs->r;
    if (*upload_size) {
        if (!rs->body_too_large && buf_append(&r->body, upload_data, *upload_size))
            rs->body_too_large = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    pick_language(r);
    if (rs->body_too_large) {
        web_error(r, 413, T_(r, "The request is too large."));
        return send_response(rs);
    }
    /* Each connection has a thread of its own, which reads the request; the work on it
     * waits its turn for one of cfg.threads places (default_threads) */
    gate_enter(&s->cores);
    r->store = pool_get(s, &r->err);
    if (!r->store) {
        logf_(s, "error: database: %s", r->err.msg);
        web_error(r, 503, T_(r, "The database is not available right now."));
    } else if (web_identify(r) == 0) {
        dispatch(r);
    }
    gate_leave(&s->cores);
    return send_response(rs);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct server *s = cls;
    struct request_state *rs = *con_cls;

    (void)c;
    (void)toe;
    if (!rs)
        return;
    if (rs->r.text_pending)
        text_worker_wake(s->text);
    pool_put(s, rs->r.store);
    buf_free(&rs->r.body);
    buf_free(&rs->r.res.body);
    arena_free(rs->r.arena);
    *con_cls = NULL;
}

static void text_log(void *cls, const char *line)
{
    logf_(cls, "%s", line);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    struct server *s = cls;
    char line[512];

    vsnprintf(line, sizeof(line), fmt, ap);
    line[strcspn(line, "\n")] = '\0';
    logf_(s, "http: %s", line);
}

int server_parse_listen(const char *listen, struct sockaddr *sa, unsigned *salen,
                        struct kl_error *err)
{
    char host[64];
    const char *colon, *port_text;
    char *end;
    long port;
    size_t hn;

    if (!listen || !*listen)
        return kl_error_set(err, KL_EINVAL, "empty listen address (expected ADDR:PORT)");
    if (listen[0] == '[') {
        const char *close = strchr(listen, ']');
        if (!close || close[1] != ':')
            return kl_error_set(err, KL_EINVAL, "listen address '%s': expected [IPv6]:PORT", listen);
        hn = (size_t)(close - listen - 1);
        if (hn >= sizeof(host))
            return kl_error_set(err, KL_EINVAL, "listen address '%s': address too long", listen);
        memcpy(host, listen + 1, hn);
        port_text = close + 2;
    } else {
        colon = strrchr(listen, ':');
        if (!colon)
            return kl_error_set(err, KL_EINVAL, "listen address '%s': expected ADDR:PORT", listen);
        hn = (size_t)(colon - listen);
        if (hn >= sizeof(host))
            return kl_error_set(err, KL_EINVAL, "listen address '%s': address too long", listen);
        memcpy(host, listen, hn);
        port_text = colon + 1;
    }
    host[hn] = '\0';
    port = strtol(port_text, &end, 10);
    if (!*port_text || *end || port < 0 || port > 65535)
        return kl_error_set(err, KL_EINVAL, "listen address '%s': port must be 0-65535", listen);
    if (strcmp(host, "localhost") == 0)
        memcpy(host, "127.0.0.1", sizeof("127.0.0.1"));
    if (listen[0] == '[') {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)sa;
        if (*salen < sizeof(*s6) || inet_pton(AF_INET6, host, &s6->sin6_addr) != 1)
            return kl_error_set(err, KL_EINVAL, "listen address '%s': not an IPv6 address", listen);
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        *salen = sizeof(*s6);
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)sa;
        memset(s4, 0, sizeof(*s4));
        if (*salen < sizeof(*s4) || inet_pton(AF_INET, host, &s4->sin_addr) != 1)
            return kl_error_set(err, KL_EINVAL, "listen address '%s': '%s' is not an IPv4 address",
                                listen, host);
        s4->sin_family = AF_INET;
        s4->sin_port = htons((uint16_t)port);
        *salen = sizeof(*s4);
    }
    return 0;
}

/* Requests worked on at once by default: one a core, at least 2 and at most 64. A request
 * is work for a core from start to end (the database is local and memory-mapped;
 * pdftotext runs in the text worker, not in a request), so more at once only slice them
 * against each other and lengthen the slowest; and as the others wait in one line for
 * the first free place, none waits behind a busy thread while another is idle, as when
 * libmicrohttpd's thread pool bound each connection to one thread (docs/search.md,
 * Speed). */
static unsigned default_threads(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);

    return cores < 2 ? 2 : cores > 64 ? 64 : (unsigned)cores;
}

static void apply_defaults(struct server_config *c)
{
    if (!c->threads)
        c->threads = default_threads();
    if (!c->max_connections)
        c->max_connections = 256;
    if (!c->max_per_ip)
        c->max_per_ip = 32;
    if (!c->timeout_seconds)
        c->timeout_seconds = 30;
    if (!c->max_body)
        c->max_body = (size_t)1 << 20;
    if (!c->max_attachment)
        c->max_attachment = ATTACHMENT_MAX_DEFAULT;
    if (!c->max_upload)
        c->max_upload = c->max_attachment + ((size_t)1 << 20);
    if (!c->session_idle_seconds)
        c->session_idle_seconds = 2 * 3600;
    if (!c->session_max_seconds)
        c->session_max_seconds = 12 * 3600;
    if (!c->max_request_memory)
        c->max_request_memory = (size_t)32 << 20;
}

int server_start(const struct server_config *cfg, struct server **out, struct kl_error *err)
{
    struct sockaddr_storage ss;
    unsigned salen = sizeof(ss);
    struct server *s;
    struct store *st;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_POLL | MHD_USE_ERROR_LOG;
    int rc;

    memset(&ss, 0, sizeof(ss));
    rc = server_parse_listen(cfg->listen, (struct sockaddr *)&ss, &salen, err);
    if (rc)
        return rc;
    rc = store_open(cfg->db_path, STORE_MIGRATE, &st, err);
    if (rc)
        return rc;
    s = calloc(1, sizeof(*s));
    if (!s) {
        store_close(st);
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    }
    s->cfg = *cfg;
    apply_defaults(&s->cfg);
    pthread_mutex_init(&s->lock, NULL);
    if (gate_init(&s->cores, s->cfg.threads)) {
        pthread_mutex_destroy(&s->lock);
        free(s);
        store_close(st);
        return kl_error_set(err, KL_EIO, "cannot set up the server's threads");
    }
    s->idle[s->nidle++] = st;
    rc = text_worker_start(s->cfg.db_path, text_log, s, &s->text, err);
    if (rc) {
        server_stop(s);
        return rc;
    }
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    s->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)s->cfg.max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)s->cfg.max_per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)s->cfg.timeout_seconds,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
        MHD_OPTION_END);
    if (!s->daemon) {
        rc = kl_error_set(err, KL_EIO, "cannot listen on %s (in use, or not an address of this "
                          "machine)", cfg->listen);
        server_stop(s);
        return rc;
    }
    *out = s;
    return 0;
}

unsigned server_port(const struct server *s)
{
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return di ? di->port : 0;
}

void server_stop(struct server *s)
{
    if (!s)
        return;
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    text_worker_stop(s->text);
    for (size_t i = 0; i < s->nidle; i++)
        store_close(s->idle[i]);
    gate_destroy(&s->cores);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

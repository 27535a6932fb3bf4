/* auth.c - identifying the principal behind a request (see auth.h). */
#include "web/auth.h"
#include "web/errors.h"
#include "web/form.h"
#include "web/multipart.h"
#include "web/request.h"
#include "web/server.h"
#include "core/arena.h"

#include <string.h>
#include <strings.h>

struct session_policy web_session_policy(const struct request *r)
{
    return (struct session_policy){r->cfg->session_idle_seconds, r->cfg->session_max_seconds};
}

int web_session_cookie(struct request *r, const char *token)
{
    const char *secure = r->cfg->cookie_secure ? "; Secure" : "";
    const char *v = token ? arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s",
                                         SESSION_COOKIE, token, secure)
                          : arena_printf(r->arena, "%s=; Path=/; HttpOnly; SameSite=Lax; "
                                         "Max-Age=0%s", SESSION_COOKIE, secure);
    if (!v)
        return req_fail(r, KL_ENOMEM, "out of memory");
    return res_header(r, "Set-Cookie", v);
}

const char *web_sent_csrf(struct request *r)
{
    const char *h = req_header(r, "X-CSRF-Token");
    struct form f;
    struct kl_error err;
    const char *type = req_header(r, "Content-Type");

    if (h)
        return h;
    if (type && strncasecmp(type, "multipart/form-data", 19) == 0) {
        struct multipart m = {0};
        const char *v = req_multipart(r, &m) == 0 ? multipart_field(&m, "csrf") : NULL;
        v = v ? arena_strdup(r->arena, v) : NULL;
        multipart_free(&m);
        kl_error_clear(&r->err);
        return v;
    }
    if (!type || strncasecmp(type, "application/x-www-form-urlencoded", 33) != 0)
        return NULL;
    if (form_parse(r->body.data ? r->body.data : "", r->body.len, r->arena, &f, &err))
        return NULL;
    return form_get(&f, "csrf");
}

/* True when addr is one of the comma-separated addresses in list. */
static int address_listed(const char *list, const char *addr)
{
    size_t n = strlen(addr);

    while (list && *list) {
        size_t len;
        while (*list == ' ' || *list == ',')
            list++;
        len = strcspn(list, ", ");
        if (len == n && n && strncmp(list, addr, n) == 0)
            return 1;
        list += len;
    }
    return 0;
}

static int from_bearer(struct request *r, const char *authz)
{
    const char *token = authz + 7;
    int rc;

    while (*token == ' ')
        token++;
    rc = app_api_token_resolve(r->store, r->arena, token, &r->who, &r->err);
    if (rc == 0)
        return 0;
    r->who = PRINCIPAL_ANONYMOUS;
    if (rc == KL_ENOTFOUND) {
        res_header(r, "WWW-Authenticate", "Bearer");
        web_error(r, 401, T_(r, "The API token is not valid (unknown, revoked, or its user is "
                                "disabled)."));
    } else {
        web_error(r, 500, NULL);
    }
    return -1;
}

/* A user named by the trusted proxy: reuse the session cookie when it belongs to the same
 * user, else start a session so that forms get a CSRF token. */
static int from_proxy(struct request *r, const char *login, const char *cookie)
{
    struct session_policy policy = web_session_policy(r);
    struct principal from_cookie;
    char token[SESSION_TOKEN_CHARS + 1];
    int rc;

    if (cookie && app_session_resolve(r->store, r->arena, cookie, r->now, &policy,
                                      &from_cookie, &r->err) == 0 &&
        strcmp(from_cookie.login, login) == 0) {
        r->who = from_cookie;
        r->who.method = AUTH_PROXY;
        return 0;
    }
    rc = app_session_start(r->store, r->arena, login, r->now, &policy, token, &r->who, &r->err);
    if (rc == 0)
        return web_session_cookie(r, token) ? (web_error(r, 500, NULL), -1) : 0;
    r->who = PRINCIPAL_ANONYMOUS;
    web_error(r, rc == KL_ENOTFOUND ? 403 : 500,
              rc == KL_ENOTFOUND ? T_(r, "Your single sign-on user has no active account in "
                                         "klynge. Ask an administrator to create it.")
                                 : NULL);
    return -1;
}

int web_identify(struct request *r)
{
    const char *authz = req_header(r, "Authorization");
    const char *cookie = req_cookie(r, SESSION_COOKIE);
    const struct server_config *c = r->cfg;
    struct session_policy policy = web_session_policy(r);

    r->who = PRINCIPAL_ANONYMOUS;
    if (authz && strncasecmp(authz, "Bearer ", 7) == 0)
        return from_bearer(r, authz);
    if (c->proxy_header && *c->proxy_header && c->proxy_from && *c->proxy_from &&
        address_listed(c->proxy_from, r->client)) {
        const char *login = req_header(r, c->proxy_header);
        if (login && *login)
            return from_proxy(r, login, cookie);
    }
    if (!cookie)
        return 0;
    if (app_session_resolve(r->store, r->arena, cookie, r->now, &policy, &r->who, &r->err)) {
        r->who = PRINCIPAL_ANONYMOUS;
        kl_error_clear(&r->err);
        web_session_cookie(r, NULL);
    }
    return 0;
}

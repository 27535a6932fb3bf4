/* pages_account.c - signing in and out, the own account page with API tokens, and
 * /api/v1/me. The login form carries its own CSRF token (a cookie and a hidden field that
 * must match) because there is no session yet; every other form is checked by the server
 * against the session's token. */
#include "web/auth.h"
#include "web/errors.h"
#include "web/form.h"
#include "web/format.h"
#include "web/handlers.h"
#include "web/form_ui.h"
#include "web/json_out.h"
#include "web/layout.h"
#include "web/request.h"
#include "web/server.h"
#include "app/account.h"
#include "app/calendar.h"
#include "app/session.h"
#include "core/arena.h"
#include "model/account.h"

#include <stdlib.h>
#include <string.h>

#define LOGIN_COOKIE "klynge_login"

/* next if it is a local path to go back to after signing in, else "/". */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
        return "/";
    for (const char *p = next; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return "/";
    return next;
}

static int same_secret(const char *a, const char *b)
{
    size_t n;
    unsigned char diff = 0;

    if (!a || !b || (n = strlen(a)) != strlen(b) || n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

static int login_form(struct request *r, const char *message, const char *login,
                      const char *next)
{
    char nonce[SESSION_TOKEN_CHARS + 1];
    const char *cookie;
    struct html h;

    app_random_token(nonce);
    cookie = arena_printf(r->arena, "%s=%s; Path=/login; HttpOnly; SameSite=Strict; "
                          "Max-Age=3600%s", LOGIN_COOKIE, nonce,
                          r->cfg->cookie_secure ? "; Secure" : "");
    if (!cookie || res_header(r, "Set-Cookie", cookie))
        return req_fail(r, KL_ENOMEM, "out of memory");
    page_begin(r, &h, T_(r, "Sign in"), NAV_NONE);
    if (r->who.method != AUTH_NONE) {
        html_open(&h, "p", "class", "notice", NULL);
        html_textf(&h, "%s %s.", T_(r, "You are signed in as"), r->who.login);
        html_close(&h, "p");
    }
    if (message) {
        html_open(&h, "p", "class", "notice error", "role", "alert", NULL);
        html_text(&h, message);
        html_close(&h, "p");
    }
    html_open(&h, "form", "method", "post", "action", "/login", "class", "stacked", NULL);
    html_open(&h, "input", "type", "hidden", "name", "csrf", "value", nonce, NULL);
    html_open(&h, "input", "type", "hidden", "name", "next", "value", safe_next(next), NULL);
    html_lit(&h, "<label>");
    html_text(&h, T_(r, "Login"));
    html_open(&h, "input", "type", "text", "name", "login", "autocomplete", "username",
              "required", "", "value", login ? login : "", NULL);
    html_lit(&h, "</label><label>");
    html_text(&h, T_(r, "Password"));
    html_open(&h, "input", "type", "password", "name", "password", "autocomplete",
              "current-password", "required", "", NULL);
    html_lit(&h, "</label>");
    html_open(&h, "button", "type", "submit", NULL);
    html_text(&h, T_(r, "Sign in"));
    html_close(&h, "button");
    html_close(&h, "form");
    return page_end(r, &h);
}

int page_login(struct request *r)
{
    return login_form(r, NULL, NULL, req_query(r, "next"));
}

int post_login(struct request *r)
{
    struct session_policy policy = web_session_policy(r);
    char token[SESSION_TOKEN_CHARS + 1];
    const char *login, *old = req_cookie(r, SESSION_COOKIE);
    struct principal who;
    struct kl_error err;
    struct form f;
    int rc;

    if ((rc = req_form(r, &f)))
        return rc;
    login = form_get(&f, "login");
    if (!same_secret(form_get(&f, "csrf"), req_cookie(r, LOGIN_COOKIE))) {
        r->res.status = 403;
        return login_form(r, T_(r, "The sign-in form had expired. Try again."), login,
                          form_get(&f, "next"));
    }
    rc = app_login(r->store, r->arena, login ? login : "", form_get(&f, "password"), r->client,
                   r->now, &policy, token, &who, &r->err);
    if (rc == KL_EPERM) {
        r->res.status = 403;
        return login_form(r, T_(r, "Wrong login or password, or too many attempts: wait a "
                                   "little and try again."),
                          login, form_get(&f, "next"));
    }
    if (rc)
        return rc;
    /* a session that existed before the login is ended: a new token at every login */
    if (old)
        app_logout(r->store, old, &err);
    if ((rc = web_session_cookie(r, token)) ||
        (rc = res_header(r, "Set-Cookie", "klynge_login=; Path=/login; Max-Age=0")))
        return rc;
    return res_redirect(r, safe_next(form_get(&f, "next")));
}

int post_logout(struct request *r)
{
    const char *token = req_cookie(r, SESSION_COOKIE);
    int rc;

    if (token && (rc = app_logout(r->store, token, &r->err)))
        return rc;
    if ((rc = web_session_cookie(r, NULL)))
        return rc;
    return res_redirect(r, "/");
}

static void token_table(struct request *r, struct html *h, const struct api_token_info *t,
                        size_t n)
{
    static const char *const cols[] = {N_("Name"), N_("Created"), N_("Last used"), N_("Action")};

    if (!n) {
        html_elem(h, "p", T_(r, "You have no API tokens."));
        return;
    }
    html_lit(h, "<table><caption>");
    html_text(h, T_(r, "Your API tokens"));
    html_lit(h, "</caption><thead><tr>");
    for (size_t i = 0; i < 4; i++) {
        html_open(h, "th", "scope", "col", NULL);
        html_text(h, T_(r, cols[i]));
        html_close(h, "th");
    }
    html_lit(h, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<tr>");
        html_open(h, "th", "scope", "row", NULL);
        html_text(h, t[i].name);
        html_close(h, "th");
        html_elem(h, "td", t[i].created_at);
        html_elem(h, "td", t[i].last_used_at ? t[i].last_used_at : T_(r, "never"));
        html_lit(h, "<td>");
        html_open(h, "form", "method", "post", "class", "inline", "action",
                  arena_printf(r->arena, "/account/tokens/%lld/revoke", (long long)t[i].id),
                  NULL);
        html_open(h, "input", "type", "hidden", "name", "csrf", "value", r->who.csrf_token, NULL);
        html_open(h, "button", "type", "submit", "aria-label",
                  arena_printf(r->arena, "%s %s", T_(r, "Revoke"), t[i].name), NULL);
        html_text(h, T_(r, "Revoke"));
        html_close(h, "button");
        html_close(h, "form");
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table>\n");
}

/* The personal calendar link: make one (shown once, by /account/calendar), or revoke it. */
static void calendar_section(struct request *r, struct html *h)
{
    struct kl_error err;
    int has = 0;

    if (app_calendar_token_has(r->store, &r->who, &has, &err))
        return;
    html_elem(h, "h2", T_(r, "Calendar"));
    html_elem(h, "p", T_(r, "A private link to your forums' meetings that Outlook or Google "
                           "Calendar can subscribe to."));
    ui_form_begin(r, h, "/account/calendar");
    ui_form_end(r, h, N_("Make a new calendar link"));
    if (has) {
        ui_form_begin(r, h, "/account/calendar/revoke");
        ui_form_end(r, h, N_("Revoke the calendar link"));
    }
}

/* The account page; new_token (may be NULL) is a token just created, shown this once. */
static int account_page(struct request *r, const char *new_token)
{
    struct api_token_info *tokens;
    struct forum_role_grant *roles;
    size_t ntokens, nroles;
    struct html h;
    int rc;

    if ((rc = app_api_token_list(r->store, r->arena, &r->who, &tokens, &ntokens, &r->err)) ||
        (rc = app_forum_roles_of(r->store, r->arena, &r->who, &roles, &nroles, &r->err)))
        return rc;
    page_begin(r, &h, T_(r, "Your account"), NAV_ACCOUNT);
    html_lit(&h, "<dl class=\"facts\">");
    html_elem(&h, "dt", T_(r, "Login"));
    html_elem(&h, "dd", r->who.login);
    html_elem(&h, "dt", T_(r, "Name"));
    html_elem(&h, "dd", r->who.name);
    html_elem(&h, "dt", T_(r, "System administrator"));
    html_elem(&h, "dd", r->who.is_admin ? T_(r, "Yes") : T_(r, "No"));
    html_lit(&h, "</dl>\n");

    html_elem(&h, "h2", T_(r, "Roles in forums"));
    if (nroles) {
        html_lit(&h, "<ul>");
        for (size_t i = 0; i < nroles; i++) {
            html_open(&h, "li", NULL);
            html_textf(&h, "%s: %s", roles[i].forum_name,
                       T_(r, forum_role_name(roles[i].role)));
            html_close(&h, "li");
        }
        html_lit(&h, "</ul>\n");
    } else {
        html_elem(&h, "p", T_(r, "You have no role in any forum yet."));
    }

    html_elem(&h, "h2", T_(r, "API tokens"));
    html_elem(&h, "p", T_(r, "A token lets a script use the JSON API as you: send it as "
                             "'Authorization: Bearer TOKEN'. Revoke a token you no longer use."));
    if (new_token) {
        html_open(&h, "div", "class", "notice", "role", "status", NULL);
        html_elem(&h, "p", T_(r, "Your new token. Copy it now: it is not shown again."));
        html_open(&h, "code", "class", "token", NULL);
        html_text(&h, new_token);
        html_close(&h, "code");
        html_close(&h, "div");
    }
    token_table(r, &h, tokens, ntokens);
    calendar_section(r, &h);
    html_open(&h, "form", "method", "post", "action", "/account/tokens", "class", "stacked", NULL);
    html_open(&h, "input", "type", "hidden", "name", "csrf", "value", r->who.csrf_token, NULL);
    html_lit(&h, "<label>");
    html_text(&h, T_(r, "Name of the new token"));
    html_open(&h, "input", "type", "text", "name", "name", "required", "", "maxlength", "100",
              NULL);
    html_lit(&h, "</label>");
    html_open(&h, "button", "type", "submit", NULL);
    html_text(&h, T_(r, "Create token"));
    html_close(&h, "button");
    html_close(&h, "form");
    return page_end(r, &h);
}

int page_account(struct request *r)
{
    return account_page(r, NULL);
}

int post_token_create(struct request *r)
{
    char token[SESSION_TOKEN_CHARS + 1];
    const char *name;
    struct form f;
    int64_t id;
    int rc;

    if ((rc = req_form(r, &f)))
        return rc;
    name = form_get(&f, "name");
    if (!name || !*name || strlen(name) > 100)
        return req_fail(r, KL_EINVAL, "%s", T_(r, "Give the token a name of 1 to 100 characters."));
    if ((rc = app_api_token_create(r->store, &r->who, name, token, &id, &r->err)))
        return rc;
    r->res.status = 201;
    return account_page(r, token);
}

int post_token_revoke(struct request *r)
{
    long id;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)))
        return rc;
    rc = app_api_token_revoke(r->store, &r->who, id, &r->err);
    if (rc == KL_ENOTFOUND)
        return req_fail(r, rc, "%s", T_(r, "You have no API token with this number."));
    if (rc)
        return rc;
    return res_redirect(r, "/account");
}

int api_me(struct request *r)
{
    static const char *const methods[] = {"none", "session", "token", "proxy", "local"};

    return res_json(r, json_pack("{s:I,s:s,s:s,s:b,s:s}", "id", (json_int_t)r->who.user_id,
                                 "login", r->who.login, "name", r->who.name ? r->who.name : "",
                                 "is_admin", r->who.is_admin, "auth", methods[r->who.method]));
}

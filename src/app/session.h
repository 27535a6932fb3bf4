/* session.h - signing in and out: password login with throttling, browser sessions with
 * idle and absolute expiry and a CSRF token, API tokens for scripts, and users named by a
 * trusted single sign-on proxy.
 *
 * Tokens are 256 random bits, handed to the client once as base64url text (43 characters)
 * and stored only as their BLAKE2b hash. Every failed login gives the same KL_EPERM message,
 * whether the login exists or not. Times are Unix seconds passed in by the caller, so that
 * tests can move the clock. */
#ifndef KL_APP_SESSION_H
#define KL_APP_SESSION_H

#include "app/principal.h"
#include "model/account.h"

#include <stddef.h>
#include <stdint.h>

#define SESSION_TOKEN_CHARS 43 /* base64url of 32 bytes, without padding */

struct store;
struct arena;
struct kl_error;

struct session_policy {
    int64_t idle_seconds;     /* a session unused this long has ended */
    int64_t absolute_seconds; /* a session this old has ended, however active */
};

#define SESSION_POLICY_DEFAULT ((struct session_policy){2 * 3600, 12 * 3600})

/* The message of every failed login. */
extern const char app_login_failed_msg[];

/* Checks login and password; on success starts a new session and writes its token (NUL-
 * terminated) into token, and fills who (strings in arena a). Failures are counted per login
 * and per client address (addr), with growing delays once they pile up; while delayed, even
 * the right password is refused. A hash made with old parameters is replaced. */
int app_login(struct store *st, struct arena *a, const char *login, const char *password,
              const char *addr, int64_t now, const struct session_policy *policy,
              char token[SESSION_TOKEN_CHARS + 1], struct principal *who, struct kl_error *err);

/* Writes 256 fresh random bits as base64url text (a nonce, e.g. the login form's CSRF
 * token before there is a session). */
void app_random_token(char text[SESSION_TOKEN_CHARS + 1]);

/* Starts a session for the user with login, without a password: for a user a trusted
 * single sign-on proxy has vouched for (the web layer checks that). KL_ENOTFOUND when the
 * login is unknown or disabled. Fills token and who as app_login does. */
int app_session_start(struct store *st, struct arena *a, const char *login, int64_t now,
                      const struct session_policy *policy, char token[SESSION_TOKEN_CHARS + 1],
                      struct principal *who, struct kl_error *err);

/* Resolves a session token. KL_ENOTFOUND when it is unknown, expired (idle or absolute; the
 * session is then deleted) or its user is disabled. Renews the idle timer. */
int app_session_resolve(struct store *st, struct arena *a, const char *token, int64_t now,
                        const struct session_policy *policy, struct principal *who,
                        struct kl_error *err);

/* Ends the session of token (unknown tokens are fine). */
int app_logout(struct store *st, const char *token, struct kl_error *err);

/* Creates an API token called name for who and writes it into token. */
int app_api_token_create(struct store *st, const struct principal *who, const char *name,
                         char token[SESSION_TOKEN_CHARS + 1], int64_t *id, struct kl_error *err);

/* Resolves an API token (KL_ENOTFOUND when unknown or its user is disabled). */
int app_api_token_resolve(struct store *st, struct arena *a, const char *token,
                          struct principal *who, struct kl_error *err);

/* who's own tokens, and revoking one of them (KL_ENOTFOUND when it is not theirs). */
int app_api_token_list(struct store *st, struct arena *a, const struct principal *who,
                       struct api_token_info **out, size_t *n, struct kl_error *err);
int app_api_token_revoke(struct store *st, const struct principal *who, int64_t id,
                         struct kl_error *err);

/* The user a trusted proxy named in its header: must exist and be enabled (KL_ENOTFOUND). */
int app_proxy_resolve(struct store *st, struct arena *a, const char *login,
                      struct principal *who, struct kl_error *err);

/* 1 when the CSRF token sent with a form or API call matches who's session (constant time).
 * Always 1 for API tokens and the command line, which a browser does not send by itself;
 * always 0 for a principal without a CSRF token (anonymous, or a proxy user the web layer
 * has not yet given a session). */
int app_csrf_ok(const struct principal *who, const char *sent);

#endif

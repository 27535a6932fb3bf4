/* auth.h - who is behind a request: an API token (Authorization: Bearer), a user named by a
 * trusted single sign-on proxy, or a session cookie; else the anonymous visitor. */
#ifndef KL_WEB_AUTH_H
#define KL_WEB_AUTH_H

#include "app/session.h"

struct request;

#define SESSION_COOKIE "klynge_session"

/* Sets r->who. Returns 0 to go on, or -1 when the response is already an error (an invalid
 * API token: 401; a proxy user without an account: 403). An unknown or expired session
 * cookie is cleared and the visitor is anonymous. */
int web_identify(struct request *r);

/* Adds the Set-Cookie header for a new session token, or clears the cookie when token is
 * NULL. Returns 0 or KL_ENOMEM/KL_ELIMIT with r->err set. */
int web_session_cookie(struct request *r, const char *token);

/* The session policy of the server's configuration. */
struct session_policy web_session_policy(const struct request *r);

/* The CSRF token the client sent: the "csrf" form field or the X-CSRF-Token header. */
const char *web_sent_csrf(struct request *r);

#endif

/* errors.h - error responses: an HTML page in the site layout, or a JSON error object for
 * paths under /api/, and the redirect of anonymous visitors to the login page. */
#ifndef KL_WEB_ERRORS_H
#define KL_WEB_ERRORS_H

struct request;

/* Replaces the response with an error of HTTP status (400, 401, 403, 404, 405, 413, 500,
 * 503): a page titled after the status, or {"error":{"status":N,"message":"..."}} for the
 * API. message may be NULL (the status's own text is used); it is shown to the user, so it
 * must not carry internal details. Headers already added (Allow) are kept. */
void web_error(struct request *r, int status, const char *message);

/* A 400 for the API naming each invalid field:
 * {"error":{"status":400,"message":"...","fields":{"name":"is required",...}}}, messages in
 * the request's language. */
struct field_errors;
void web_error_fields(struct request *r, const struct field_errors *fe);

/* Sends an anonymous visitor to /login, with the page asked for as ?next=. */
void web_redirect_to_login(struct request *r);

#endif

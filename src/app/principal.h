/* principal.h - who is acting: the identity behind a request or a command, used both to
 * decide permissions and to name the actor in the audit log. */
#ifndef KL_APP_PRINCIPAL_H
#define KL_APP_PRINCIPAL_H

#include <stdint.h>

enum auth_method {
    AUTH_NONE = 0,    /* anonymous visitor */
    AUTH_SESSION = 1, /* session cookie: state changes need the CSRF token */
    AUTH_TOKEN = 2,   /* API token in Authorization: Bearer */
    AUTH_PROXY = 3,   /* user named by a trusted single sign-on proxy */
    AUTH_LOCAL = 4,   /* the command line on the server itself */
};

struct principal {
    enum auth_method method;
    int64_t user_id;        /* 0 for anonymous and for the command line */
    const char *login;      /* "" for anonymous; "cli:USER" for the command line */
    const char *name;
    int is_admin;
    const char *csrf_token; /* the session's CSRF token, AUTH_SESSION only */
};

/* The anonymous visitor. */
#define PRINCIPAL_ANONYMOUS ((struct principal){AUTH_NONE, 0, "", "", 0, NULL})

#endif

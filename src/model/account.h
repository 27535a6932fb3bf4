/* account.h - users, forum roles, sessions and API tokens as plain structs, with the value
 * checks that every entry path shares.
 *
 * Strings point into memory owned by whoever filled the struct (usually an arena). */
#ifndef KL_MODEL_ACCOUNT_H
#define KL_MODEL_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#define PASSWORD_MIN_LENGTH 12 /* characters (code points), no other composition rules */
#define PASSWORD_MAX_BYTES 1024
#define LOGIN_MAX_LENGTH 64
#define NAME_MAX_BYTES 200
#define EMAIL_MAX_BYTES 254

struct user {
    int64_t id;
    const char *login;
    const char *name;
    const char *email;
    int is_admin;
    int disabled;
    int has_password;
    const char *created_at; /* UTC, ISO 8601 */
};

/* A role in one forum, from the least to the most rights. */
enum forum_role {
    ROLE_NONE = 0,
    ROLE_READER = 1,    /* reads what the forum shares with its readers */
    ROLE_MEMBER = 2,    /* reads drafts and closed items, proposes items */
    ROLE_CHAIR = 3,     /* a member who leads the forum */
    ROLE_SECRETARY = 4, /* may change everything of the forum */
};

struct forum_role_grant {
    int64_t forum_id;
    const char *forum_name;
    enum forum_role role;
};

struct api_token_info {
    int64_t id;
    const char *name;
    const char *created_at;
    const char *last_used_at; /* NULL when never used */
};

/* The name of a role as stored and shown in English ("secretary"), or NULL for ROLE_NONE. */
const char *forum_role_name(enum forum_role r);

/* Parses a stored role name; ROLE_NONE for anything else. */
enum forum_role forum_role_parse(const char *s);

/* Value checks: return NULL when valid, else a short English reason (a static string). */
const char *login_check(const char *login);
const char *email_check(const char *email);
const char *person_name_check(const char *name);
const char *password_check(const char *password);

#endif

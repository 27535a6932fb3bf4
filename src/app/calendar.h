/* calendar.h - calendar feeds: the secret-token URL a person pastes into Outlook or Google
 * Calendar, and which meetings such a personal feed lists.
 *
 * A user has at most one calendar token: 256 random bits handed out once as base64url text
 * (SESSION_TOKEN_CHARS), stored only as their BLAKE2b hash. Creating a new one replaces the
 * old one; revoking makes the URL answer 404. The token stands for its user with no more
 * rights than the user has, and only for reading meetings. Both changes are audited (entity
 * "calendar_token"). */
#ifndef KL_APP_CALENDAR_H
#define KL_APP_CALENDAR_H

#include "app/principal.h"
#include "app/session.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct meeting;
struct kl_error;

/* Creates (or replaces) who's calendar token and writes it into token. KL_EPERM when who is
 * not a signed-in user. */
int app_calendar_token_create(struct store *st, const struct principal *who,
                              char token[SESSION_TOKEN_CHARS + 1], struct kl_error *err);

/* Revokes who's calendar token; KL_ENOTFOUND when there is none. */
int app_calendar_token_revoke(struct store *st, const struct principal *who,
                              struct kl_error *err);

/* *has is 1 when who has a calendar token. */
int app_calendar_token_has(struct store *st, const struct principal *who, int *has,
                           struct kl_error *err);

/* The user behind a calendar token as a principal (strings in a). KL_ENOTFOUND when the
 * token is malformed, unknown, revoked or its user is disabled. */
int app_calendar_resolve(struct store *st, struct arena *a, const char *token,
                         struct principal *who, struct kl_error *err);

/* The meetings (with pre-meetings and cancelled ones) from Copenhagen day from_day on of
 * every forum where who's person has a membership in force on day today, or where who has
 * a forum role, as far as who may see them (app_meeting_list). By start time. */
int app_calendar_person_meetings(struct store *st, struct arena *a,
                                 const struct principal *who, int32_t from_day,
                                 int32_t today, struct meeting **out, size_t *n,
                                 struct kl_error *err);

#endif

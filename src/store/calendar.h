/* calendar.h - stored calendar feed tokens: at most one per user, kept only as the BLAKE2b
 * hash of the secret (TOKEN_HASH_BYTES, store/account.h). */
#ifndef KL_STORE_CALENDAR_H
#define KL_STORE_CALENDAR_H

#include <stdint.h>

struct store;
struct kl_error;

/* Sets user_id's token to hash, replacing any token it had. */
int store_calendar_token_set(struct store *st, int64_t user_id, const unsigned char *hash,
                             struct kl_error *err);

/* Removes user_id's token; *removed is 1 when there was one. */
int store_calendar_token_delete(struct store *st, int64_t user_id, int *removed,
                                struct kl_error *err);

/* The user whose token has hash (and records its use); KL_ENOTFOUND when none. */
int store_calendar_token_user(struct store *st, const unsigned char *hash, int64_t *user_id,
                              struct kl_error *err);

/* *has is 1 when user_id has a token. */
int store_calendar_token_exists(struct store *st, int64_t user_id, int *has,
                                struct kl_error *err);

#endif

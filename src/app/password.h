/* password.h - password hashing with argon2id (libsodium's crypto_pwhash_str).
 *
 * Each hash takes 64 MiB and real time, so at most PASSWORD_MAX_CONCURRENT hashes run at
 * once; further callers wait their turn, which bounds memory however many logins arrive. */
#ifndef KL_APP_PASSWORD_H
#define KL_APP_PASSWORD_H

#include <stddef.h>

#define PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
#define PASSWORD_MAX_CONCURRENT 2

struct kl_error;

/* Initialises libsodium and the concurrency bound; call once before any other call here
 * (calling again is harmless). Returns 0 or KL_EIO when libsodium cannot start. */
int password_init(struct kl_error *err);

/* Hashes password into out (NUL-terminated, at most PASSWORD_HASH_MAX bytes). Returns 0, or
 * KL_ENOMEM when the hash could not get its memory. */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX], struct kl_error *err);

/* 1 when password matches hash, 0 when not (or hash is malformed). Constant-time compare. */
int password_verify(const char *hash, const char *password);

/* 1 when hash was made with other parameters than today's and should be replaced at the
 * next successful login. */
int password_needs_rehash(const char *hash);

/* Spends the time of one verification without a real hash, so that a login attempt for a
 * login that does not exist takes as long as one that does. */
void password_verify_dummy(const char *password);

#endif

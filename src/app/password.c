/* password.c - argon2id hashing with a bound on concurrent hashes. */
#include "app/password.h"

#include "core/error.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#define OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE /* 64 MiB */

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static int running;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void gate_enter(void)
{
    pthread_mutex_lock(&gate_lock);
    while (running >= PASSWORD_MAX_CONCURRENT)
        pthread_cond_wait(&gate_cond, &gate_lock);
    running++;
    pthread_mutex_unlock(&gate_lock);
}

static void gate_leave(void)
{
    pthread_mutex_lock(&gate_lock);
    running--;
    pthread_cond_signal(&gate_cond);
    pthread_mutex_unlock(&gate_lock);
}

int password_init(struct kl_error *err)
{
    static int ok;

    if (sodium_init() < 0)
        return kl_error_set(err, KL_EIO, "libsodium could not start");
    if (!ok) {
        pthread_mutex_lock(&gate_lock);
        if (!ok) {
            unsigned char random_pw[16];
            randombytes_buf(random_pw, sizeof(random_pw));
            if (crypto_pwhash_str(dummy_hash, (const char *)random_pw, sizeof(random_pw),
                                  OPSLIMIT, MEMLIMIT) == 0)
                ok = 1;
        }
        pthread_mutex_unlock(&gate_lock);
    }
    return ok ? 0 : kl_error_set(err, KL_ENOMEM, "not enough memory for password hashing");
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX], struct kl_error *err)
{
    int rc;
    gate_enter();
    rc = crypto_pwhash_str(out, password, strlen(password), OPSLIMIT, MEMLIMIT);
    gate_leave();
    return rc == 0 ? 0 : kl_error_set(err, KL_ENOMEM, "not enough memory to hash a password");
}

int password_verify(const char *hash, const char *password)
{
    int rc;
    if (!hash || !password)
        return 0;
    gate_enter();
    rc = crypto_pwhash_str_verify(hash, password, strlen(password));
    gate_leave();
    return rc == 0;
}

int password_needs_rehash(const char *hash)
{
    return crypto_pwhash_str_needs_rehash(hash, OPSLIMIT, MEMLIMIT) != 0;
}

void password_verify_dummy(const char *password)
{
    (void)password_verify(dummy_hash, password ? password : "");
}

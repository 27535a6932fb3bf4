/* demo.c - demonstration content: fictional users with random passwords. */
#include "app/demo.h"

#include "app/account.h"
#include "app/password.h"
#include "core/error.h"

#include <sodium.h>
#include <string.h>

static const struct {
    const char *login, *name, *email, *role;
    int admin;
} people[] = {
    {"admin", "Demo Administrator", "admin@klynge.example", "administrator", 1},
    {"mette", "Mette Skovgaard", "mette@klynge.example", "secretary", 0},
    {"lars", "Lars Brønnum", "lars@klynge.example", "chair", 0},
    {"birgitte", "Birgitte Aagaard", "birgitte@klynge.example", "member", 0},
    {"jonas", "Jonas Kjærsgaard", "jonas@klynge.example", "reader", 0},
};

#define NPEOPLE (sizeof(people) / sizeof(people[0]))

size_t demo_login_count(void)
{
    return NPEOPLE;
}

/* A random password from letters and digits that are hard to mistake for each other. */
static void random_password(char out[DEMO_PASSWORD_CHARS + 1])
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < DEMO_PASSWORD_CHARS; i++)
        out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
    out[DEMO_PASSWORD_CHARS] = '\0';
}

int app_demo_load(struct store *st, const struct principal *who, struct demo_login *logins,
                  struct kl_error *err)
{
    int rc = password_init(err);
    if (rc)
        return rc;
    for (size_t i = 0; i < NPEOPLE; i++) {
        struct user u = {.login = people[i].login, .name = people[i].name,
                         .email = people[i].email, .is_admin = people[i].admin};
        logins[i].login = people[i].login;
        logins[i].name = people[i].name;
        logins[i].role = people[i].role;
        random_password(logins[i].password);
        rc = app_user_add(st, who, &u, logins[i].password, NULL, err);
        if (rc == KL_ECONFLICT) {
            logins[i].password[0] = '\0';
            rc = 0;
        }
        if (rc)
            return rc;
    }
    return 0;
}

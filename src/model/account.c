/* account.c - value checks and role names of the account model. */
#include "model/account.h"
#include "core/i18n.h"

#include <string.h>

/* Stored as they are, and msgids for the interface. */
static const char *const role_names[] = {NULL, N_("reader"), N_("member"), N_("chair"),
                                         N_("secretary")};

const char *forum_role_name(enum forum_role r)
{
    return r >= ROLE_READER && r <= ROLE_SECRETARY ? role_names[r] : NULL;
}

enum forum_role forum_role_parse(const char *s)
{
    for (int r = ROLE_READER; s && r <= ROLE_SECRETARY; r++)
        if (strcmp(s, role_names[r]) == 0)
            return (enum forum_role)r;
    return ROLE_NONE;
}

const char *login_check(const char *login)
{
    size_t n = login ? strlen(login) : 0;

    if (n < 2 || n > LOGIN_MAX_LENGTH)
        return "a login is 2 to 64 characters";
    for (size_t i = 0; i < n; i++) {
        char c = login[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_' || c == '@'))
            return "a login holds only a-z, 0-9, '.', '-', '_' and '@'";
    }
    if (login[0] == '.' || login[0] == '-')
        return "a login starts with a letter or digit";
    return NULL;
}

const char *email_check(const char *email)
{
    size_t n = email ? strlen(email) : 0;
    const char *at = email ? strchr(email, '@') : NULL;

    if (n < 3 || n > EMAIL_MAX_BYTES || !at || at == email || !at[1] || strchr(at + 1, '@') ||
        !strchr(at + 1, '.'))
        return "not an e-mail address";
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)email[i] <= ' ' || email[i] == '<' || email[i] == '>' ||
            email[i] == '"' || email[i] == ',')
            return "not an e-mail address";
    return NULL;
}

const char *person_name_check(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0)
        return "the name is empty";
    if (n > NAME_MAX_BYTES)
        return "the name is longer than 200 bytes";
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < ' ')
            return "the name holds control characters";
    return NULL;
}

const char *password_check(const char *password)
{
    size_t n = password ? strlen(password) : 0, chars = 0;

    if (n > PASSWORD_MAX_BYTES)
        return "the password is longer than 1024 bytes";
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)password[i] & 0xC0) != 0x80;
    if (chars < PASSWORD_MIN_LENGTH)
        return "the password must be at least 12 characters";
    return NULL;
}

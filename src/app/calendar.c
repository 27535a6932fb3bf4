/* calendar.c - calendar feed tokens and the meetings of a personal feed (see calendar.h). */
#include "app/calendar.h"

#include "app/audit.h"
#include "app/meeting.h"
#include "app/organisation.h"
#include "core/arena.h"
#include "core/error.h"
#include "model/account.h"
#include "model/org.h"
#include "model/people.h"
#include "store/account.h"
#include "store/calendar.h"
#include "store/meeting.h"
#include "store/store.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int audited(struct store *st, const struct principal *who, const char *action,
                   struct kl_error *err)
{
    char idtext[24];
    json_t *row = json_pack("{s:I}", "user_id", (json_int_t)who->user_id);
    int create = strcmp(action, "create") == 0;
    int rc;

    snprintf(idtext, sizeof(idtext), "%lld", (long long)who->user_id);
    rc = app_audit_record(st, who, "calendar_token", idtext, action, 0, create ? NULL : row,
                          create ? row : NULL, err);
    json_decref(row);
    return rc;
}

int app_calendar_token_create(struct store *st, const struct principal *who,
                              char token[SESSION_TOKEN_CHARS + 1], struct kl_error *err)
{
    unsigned char raw[32], hash[TOKEN_HASH_BYTES];
    int rc;

    if (!who->user_id)
        return kl_error_set(err, KL_EPERM, "only a signed-in user can have a calendar");
    if (sodium_init() < 0)
        return kl_error_set(err, KL_EIO, "the random number source could not start");
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(token, SESSION_TOKEN_CHARS + 1, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    crypto_generichash(hash, sizeof(hash), raw, sizeof(raw), NULL, 0);
    sodium_memzero(raw, sizeof(raw));
    if ((rc = store_begin(st, err)))
        return rc;
    rc = store_calendar_token_set(st, who->user_id, hash, err);
    if (rc == 0)
        rc = audited(st, who, "create", err);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

int app_calendar_token_revoke(struct store *st, const struct principal *who,
                              struct kl_error *err)
{
    int removed = 0, rc;

    if (!who->user_id)
        return kl_error_set(err, KL_EPERM, "only a signed-in user can have a calendar");
    if ((rc = store_begin(st, err)))
        return rc;
    rc = store_calendar_token_delete(st, who->user_id, &removed, err);
    if (rc == 0 && !removed)
        rc = kl_error_set(err, KL_ENOTFOUND, "you have no calendar link to revoke");
    if (rc == 0)
        rc = audited(st, who, "delete", err);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

int app_calendar_token_has(struct store *st, const struct principal *who, int *has,
                           struct kl_error *err)
{
    *has = 0;
    return who->user_id ? store_calendar_token_exists(st, who->user_id, has, err) : 0;
}

int app_calendar_resolve(struct store *st, struct arena *a, const char *token,
                         struct principal *who, struct kl_error *err)
{
    unsigned char raw[32], hash[TOKEN_HASH_BYTES];
    size_t len = 0;
    int64_t user_id;
    struct user u;
    int rc;

    if (!token || strlen(token) != SESSION_TOKEN_CHARS ||
        sodium_base642bin(raw, sizeof(raw), token, SESSION_TOKEN_CHARS, NULL, &len, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        len != sizeof(raw))
        return kl_error_set(err, KL_ENOTFOUND, "no such calendar");
    crypto_generichash(hash, sizeof(hash), raw, sizeof(raw), NULL, 0);
    rc = store_calendar_token_user(st, hash, &user_id, err);
    if (rc == 0)
        rc = store_user_by_id(st, a, user_id, &u, err);
    if (rc)
        return rc;
    if (u.disabled)
        return kl_error_set(err, KL_ENOTFOUND, "no such calendar");
    *who = PRINCIPAL_ANONYMOUS;
    who->method = AUTH_TOKEN;
    who->user_id = u.id;
    who->login = u.login;
    who->name = u.name;
    who->is_admin = u.is_admin;
    return 0;
}

static int add_id(struct arena *a, int64_t **ids, size_t *n, size_t *cap, int64_t id)
{
    for (size_t i = 0; i < *n; i++)
        if ((*ids)[i] == id)
            return 0;
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        int64_t *p = arena_calloc(a, ncap, sizeof(*p));
        if (!p)
            return KL_ENOMEM;
        if (*n)
            memcpy(p, *ids, *n * sizeof(*p));
        *ids = p;
        *cap = ncap;
    }
    (*ids)[(*n)++] = id;
    return 0;
}

int app_calendar_person_meetings(struct store *st, struct arena *a,
                                 const struct principal *who, int32_t from_day,
                                 int32_t today, struct meeting **out, size_t *n,
                                 struct kl_error *err)
{
    struct forum_role_grant *roles;
    struct membership *ms = NULL;
    size_t nroles, nms = 0, nids = 0, cap = 0;
    int64_t *ids = NULL, person = 0;
    struct meeting_query q = {0};
    int rc;

    *out = NULL;
    *n = 0;
    if (!who->user_id)
        return kl_error_set(err, KL_EPERM, "only a signed-in user has a calendar");
    rc = store_forum_roles_of(st, a, who->user_id, &roles, &nroles, err);
    if (rc == 0)
        rc = store_person_of_user(st, who->user_id, &person, err);
    if (rc == 0 && person)
        rc = app_membership_list(st, a, 0, person, &ms, &nms, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < nroles && rc == 0; i++)
        if (roles[i].role != ROLE_NONE)
            rc = add_id(a, &ids, &nids, &cap, roles[i].forum_id);
    for (size_t i = 0; i < nms && rc == 0; i++)
        if (ms[i].starts_on <= today && (ms[i].ends_on == DATE_OPEN || ms[i].ends_on >= today))
            rc = add_id(a, &ids, &nids, &cap, ms[i].forum_id);
    if (rc)
        return kl_error_set(err, KL_ENOMEM, "out of memory gathering a calendar's forums");
    if (nids == 0)
        return 0;
    q.forum_ids = ids;
    q.nforums = nids;
    q.from_day = from_day;
    q.to_day = DATE_OPEN;
    q.include_cancelled = 1;
    q.include_pre_meetings = 1;
    return app_meeting_list(st, a, who, &q, out, n, err);
}

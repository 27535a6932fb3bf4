/* search.c - the search use case (search.h): which forums who sees internally and which
 * only as published, decided by app_forum_sight (app_authorize's rule, one query for every
 * forum), handed to the store's one query together with the parsed expression and the
 * filters. */
#include "app/search.h"

#include "app/meeting_impl.h"
#include "app/permission.h"
#include "app/search_query.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/forum.h"
#include "model/meeting.h"
#include "store/people.h"

#include <string.h>

static int validate(const struct search_request *r, unsigned *room, struct kl_error *err)
{
    *room = 0;
    if (r->room && *r->room) {
        *room = room_parse(r->room);
        if (!*room || room_name(*room) == NULL)
            return kl_error_set(err, KL_EINVAL, "%s", N_("Choose a room from the list."));
    }
    if (r->outcome && *r->outcome && item_outcome_parse(r->outcome) <= 0)
        return kl_error_set(err, KL_EINVAL, "%s", N_("Choose an outcome from the list."));
    if (r->year != 0 && (r->year < 1900 || r->year > 9999))
        return kl_error_set(err, KL_EINVAL, "%s", N_("Write the year with four digits."));
    if (r->page < 1 || r->page > SEARCH_PAGE_MAX)
        return kl_error_set(err, KL_EINVAL, "%s", N_("There is no such page of results."));
    return 0;
}

/* The forums who sees, as two JSON arrays of ids: internal and published only, decided by
 * app_forum_sight (the rule of app_authorize, with one query for all forums). */
static int forums_of(struct store *st, struct arena *a, const struct principal *who,
                     const struct search_request *r, char **internal, char **published,
                     struct kl_error *err)
{
    struct forum_sight *forums;
    size_t nforums;
    struct buf in, pub;
    int rc, nin = 0, npub = 0;

    rc = app_forum_sight(st, a, who, r->cluster && *r->cluster ? r->cluster : NULL, &forums,
                         &nforums, err);
    if (rc)
        return rc;
    buf_init(&in, 0);
    buf_init(&pub, 0);
    rc = buf_putc(&in, '[') || buf_putc(&pub, '[') ? KL_ENOMEM : 0;
    for (size_t i = 0; i < nforums && !rc; i++) {
        if (r->forum_id && forums[i].forum_id != r->forum_id)
            continue;
        if (forums[i].internal)
            rc = buf_printf(&in, "%s%lld", nin++ ? "," : "", (long long)forums[i].forum_id);
        else if (forums[i].published)
            rc = buf_printf(&pub, "%s%lld", npub++ ? "," : "", (long long)forums[i].forum_id);
        if (rc)
            rc = KL_ENOMEM;
    }
    if (!rc && (buf_putc(&in, ']') || buf_putc(&pub, ']')))
        rc = KL_ENOMEM;
    if (!rc) {
        *internal = arena_strdup(a, buf_cstr(&in));
        *published = arena_strdup(a, buf_cstr(&pub));
        if (!*internal || !*published)
            rc = KL_ENOMEM;
    }
    buf_free(&in);
    buf_free(&pub);
    if (rc == KL_ENOMEM)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    return rc;
}

int app_search(struct store *st, struct arena *a, const struct principal *who,
               const struct search_request *r, struct search_result *out, struct kl_error *err)
{
    struct search_query *q;
    struct search_filter f = {0};
    char *internal = NULL, *published = NULL;
    unsigned room;
    int rc;

    *out = (struct search_result){0};
    out->page = r->page;
    rc = validate(r, &room, err);
    if (rc)
        return rc;
    q = arena_alloc(a, sizeof(*q));
    if (!q)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    rc = search_query_parse(r->q ? r->q : "", r->q ? strlen(r->q) : 0, q, err);
    if (rc)
        return rc;
    rc = store_search_sync(st, err);
    if (rc)
        return rc;
    rc = forums_of(st, a, who, r, &internal, &published, err);
    if (rc)
        return rc;
    f.match = q->match;
    f.positive = q->positive;
    f.excluded_decision = q->excluded_decision;
    f.internal_json = internal;
    f.published_json = published;
    f.year = r->year;
    f.room = room;
    f.outcome = r->outcome;
    f.limit = SEARCH_PER_PAGE;
    f.offset = (r->page - 1) * SEARCH_PER_PAGE;
    return store_search(st, a, &f, &out->hits, &out->n, &out->more, err);
}

/* open_store.c - what the record commands (meeting, plan, ...) share: reading a record
 * number from the command line, and opening the database with an arena for one command
 * (see cli.h). */
#include "cli/cli.h"

#include "core/arena.h"
#include "core/error.h"
#include "store/store.h"

#include <errno.h>
#include <stdlib.h>

int64_t cli_parse_id(const char *s)
{
    char *end;
    long long v;

    if (!s || !*s || *s == '+' || *s == '-' || *s == ' ')
        return 0;
    errno = 0;
    v = strtoll(s, &end, 10);
    return errno || *end || v <= 0 || v > 2147483647LL ? 0 : (int64_t)v;
}

int cli_open_store(const char *action, const char *db, struct store **st, struct arena **a)
{
    struct kl_error err;

    kl_error_clear(&err);
    *st = NULL;
    if (!(*a = arena_new(0)))
        return cli_fail(action, &(struct kl_error){KL_ENOMEM, "out of memory", NULL});
    if (store_open(db, STORE_MIGRATE, st, &err)) {
        arena_free(*a);
        return cli_fail(action, &err);
    }
    return 0;
}

void cli_close_store(struct store *st, struct arena *a)
{
    store_close(st);
    arena_free(a);
}

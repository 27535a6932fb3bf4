/* import_file.c - the frame of the import commands (see cli.h): the file read whole, the
 * database opened, the problems the import found printed with where they are. */
#include "cli/cli.h"
#include "app/principal.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/problems.h"
#include "store/store.h"

#include <stdio.h>

int cli_import(const char *action, const char *db, const char *path, cli_import_fn run,
               void *ctx)
{
    struct buf data;
    struct store *st = NULL;
    struct kl_error err;
    struct problems probs;
    struct principal who = cli_principal();
    int rc;

    kl_error_clear(&err);
    buf_init(&data, CLI_IMPORT_MAX);
    problems_init(&probs, path, 0);
    rc = cli_read_file(path, &data, &err);
    if (rc == 0)
        rc = store_open(db, 0, &st, &err);
    if (rc == 0)
        rc = run(st, &who, data.data ? data.data : "", data.len, &probs, ctx, &err);
    if (rc && probs.count)
        fputs(problems_text(&probs), stderr);
    store_close(st);
    problems_free(&probs);
    buf_free(&data);
    return rc ? cli_fail(action, &err) : 0;
}

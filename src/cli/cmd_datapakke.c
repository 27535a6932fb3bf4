/* cmd_datapakke.c - `klynge datapakke MEETING -o FILE [--item ITEM] [--lang da|en]
 * [--db FILE]`: writes a meeting's data package (app/datapakke.h) as PDF, and with --item
 * also attaches it to that agenda item, as an administrator (cli_principal). */
#include "cli/args.h"
#include "cli/cli.h"

#include "app/datapakke.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/i18n.h"
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: klynge datapakke MEETING -o FILE [--item ITEM] [--lang da|en] [--db FILE]\n"
    "\n"
    "Writes the data package of meeting MEETING as PDF to FILE (-o - : standard output):\n"
    "the indicators its forum's cluster follows, with charts, tables, signals, definitions\n"
    "and sources. With --item ITEM the package is also attached to agenda item ITEM of the\n"
    "meeting, so that it appears on the agenda. Runs as an administrator: every value is\n"
    "shown, marked * where others see <5 or x.\n";

int cmd_datapakke(int argc, char **argv)
{
    static const char *const flags[] = {NULL};
    static const char *const valued[] = {"--db", "--lang", "--output", "-o", "--item", NULL};
    const char *opt, *val, *id_text = NULL, *file = NULL, *db = NULL, *lang = NULL;
    const char *item_text = NULL;
    struct principal who = cli_principal();
    struct kl_error err;
    struct store *st = NULL;
    struct arena *a;
    struct buf out;
    struct args ar;
    int got, rc;
    int64_t id, item = 0, att = 0;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    args_init(&ar, "datapakke", argc, argv);
    while ((got = args_next(&ar, flags, valued, &opt, &val)) > 0) {
        if (!opt && !id_text) {
            id_text = val;
        } else if (!opt) {
            return cli_usage_error("datapakke", "unexpected argument '%s'", val);
        } else if (strcmp(opt, "--db") == 0) {
            db = val;
        } else if (strcmp(opt, "--lang") == 0) {
            lang = val;
        } else if (strcmp(opt, "--item") == 0) {
            item_text = val;
        } else {
            file = val;
        }
    }
    if (got < 0)
        return EXIT_USAGE;
    if (!id_text || !file)
        return cli_usage_error("datapakke", "needs the meeting's number and -o FILE");
    if (!(id = cli_parse_id(id_text)))
        return cli_usage_error("datapakke", "'%s' is not a meeting number", id_text);
    if (item_text && !(item = cli_parse_id(item_text)))
        return cli_usage_error("datapakke", "'%s' is not an item number", item_text);
    if (cli_open_store("datapakke", cli_db_path(db), &st, &a))
        return 1;
    kl_error_clear(&err);
    buf_init(&out, 0);
    if (item)
        rc = app_datapakke_attach(st, a, &who, id, item, i18n_pick(lang), &out, &att, &err);
    else
        rc = app_datapakke_pdf(st, a, &who, id, i18n_pick(lang), &out, NULL, &err);
    cli_close_store(st, a);
    if (rc) {
        buf_free(&out);
        return cli_fail("datapakke", &err);
    }
    rc = cli_write_file(file, &out, &err);
    buf_free(&out);
    if (rc)
        return cli_fail("datapakke", &err);
    if (item)
        fprintf(stderr, "attached to item %lld as attachment %lld\n", (long long)item,
                (long long)att);
    return 0;
}

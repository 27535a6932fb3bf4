/* cmd_plan.c - `klynge plan`: action plans for scripting and for the secretariat's desk.
 * `list` prints the plans, `show` one plan with its initiatives and their latest lights,
 * `round` a status round's overview with the Chefforum's sentences, `export` the plan or a
 * round as a file (XLSX, or PDF for a round), and `attach` puts a round's overview on an
 * agenda item. Runs as an administrator (cli_principal) through the app layer's use cases,
 * which check and audit every change. */
#include "cli/args.h"
#include "cli/cli.h"

#include "app/plan.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "model/fields.h"
#include "model/meeting.h"
#include "model/org.h"
#include "model/plan.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "usage: klynge plan list [--forum ID] [--db FILE]\n"
    "       klynge plan show ID [--db FILE]\n"
    "       klynge plan round ROUND [--lang da|en] [--db FILE]\n"
    "       klynge plan export ID -o FILE [--db FILE]\n"
    "       klynge plan export --round ROUND [--format pdf|xlsx] [--lang da|en] -o FILE\n"
    "                          [--db FILE]\n"
    "       klynge plan attach ROUND --item ITEM [--format pdf|xlsx] [--lang da|en]\n"
    "                          [--db FILE]\n"
    "\n"
    "'list' prints the action plans (of forum ID): number, period, forum, title and how many\n"
    "initiatives. 'show' prints plan ID with each initiative's label, status, process type,\n"
    "latest traffic light and group, the funds per year, and the plan's status rounds.\n"
    "'round' prints the overview of status round ROUND as of today: the sentences for the\n"
    "Chefforum and one line per report with its state, due day and light.\n"
    "'export' writes plan ID with its initiatives and funds as an Excel workbook, or with\n"
    "--round the overview of round ROUND as PDF (default) or XLSX, to FILE ('-': standard\n"
    "output). 'attach' puts that overview on agenda item ITEM as an attachment.\n"
    "Amounts are kroner; days Copenhagen days. See docs/action-plans.md.\n"
    "\n"
    "  --db FILE   the database file (default: $KLYNGE_DB, else ./var/klynge.db)\n";

struct options {
    const char *db, *forum, *lang, *file, *round, *format, *item;
    const char *pos[2];
    int npos;
};

static int32_t today(void)
{
    return meeting_cph_day((int64_t)time(NULL));
}

static void day(int32_t d, char out[11])
{
    if (d == DATE_OPEN)
        snprintf(out, 11, "-");
    else
        date_format_iso(d, out);
}

static int do_list(const struct options *o)
{
    struct principal who = cli_principal();
    struct action_plan *p;
    struct kl_error err;
    struct store *st;
    struct arena *a;
    size_t n;
    int64_t forum = 0;
    int rc;

    if (o->forum && !(forum = cli_parse_id(o->forum)))
        return cli_usage_error("plan", "'%s' is not a forum number", o->forum);
    if (cli_open_store("plan list", cli_db_path(o->db), &st, &a))
        return 1;
    kl_error_clear(&err);
    rc = app_plan_list(st, a, &who, forum, &p, &n, &err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char from[11], to[11];
        day(p[i].starts_on, from);
        day(p[i].ends_on, to);
        printf("%5lld  %s..%s  %s – %s (%zu initiatives)\n", (long long)p[i].id, from, to,
               p[i].forum_name, p[i].title, p[i].ninitiatives);
    }
    cli_close_store(st, a);
    return rc ? cli_fail("plan list", &err) : 0;
}

/* The funds per year of plan_id: allocated, carried in, spent and left, in kroner. */
static int print_funds(struct store *st, struct arena *a, const struct principal *who,
                       int64_t plan_id, struct kl_error *err)
{
    struct funds_year *f, totals[FUNDS_YEARS_MAX];
    size_t n, ny;
    int rc = app_funds_list(st, a, who, 0, plan_id, &f, &n, err);

    if (rc)
        return rc;
    ny = funds_totals(f, n, totals, FUNDS_YEARS_MAX);
    for (size_t i = 0; i < ny; i++) {
        char alloc[32], spent[32], left[32], in[32];
        money_format(totals[i].allocated, alloc);
        money_format(totals[i].carried_in, in);
        money_format(totals[i].spent, spent);
        money_format(funds_left(&totals[i]), left);
        printf("funds %d: allocated %s kr., carried in %s kr., spent %s kr., left %s kr.\n",
               totals[i].year, alloc, in, spent, left);
    }
    return 0;
}

static int do_show(const struct options *o)
{
    struct principal who = cli_principal();
    struct action_plan p;
    struct initiative *in;
    struct status_round *r;
    struct kl_error err;
    struct store *st;
    struct arena *a;
    size_t n, nr;
    int64_t id = cli_parse_id(o->pos[0]);
    int rc;

    if (!id)
        return cli_usage_error("plan", "'show' needs a plan number");
    if (cli_open_store("plan show", cli_db_path(o->db), &st, &a))
        return 1;
    kl_error_clear(&err);
    rc = app_plan_get(st, a, &who, id, &p, &err);
    if (rc == 0)
        rc = app_initiative_list(st, a, &who, id, &in, &n, &err);
    if (rc == 0) {
        char from[11], to[11];
        day(p.starts_on, from);
        day(p.ends_on, to);
        printf("%s\n%s, %s..%s\n\n", p.title, p.forum_name, from, to);
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        printf("%-5s %-10s %s  %-7s %s%s%s\n", in[i].label,
               initiative_status_name(in[i].status), initiative_process_name(in[i].process),
               *in[i].latest_light ? in[i].latest_light : "-", in[i].title,
               *in[i].group_name ? " – " : "", in[i].group_name);
    if (rc == 0) {
        putchar('\n');
        rc = print_funds(st, a, &who, id, &err);
    }
    if (rc == 0)
        rc = app_status_round_list(st, a, &who, id, &r, &nr, &err);
    for (size_t i = 0; rc == 0 && i < nr; i++) {
        char due[11];
        day(r[i].due_on, due);
        printf("round %lld: %s, due %s\n", (long long)r[i].id, r[i].title, due);
    }
    cli_close_store(st, a);
    return rc ? cli_fail("plan show", &err) : 0;
}

static int do_round(const struct options *o)
{
    struct principal who = cli_principal();
    struct round_overview ov;
    struct kl_error err;
    struct store *st;
    struct arena *a;
    struct buf b;
    int64_t id = cli_parse_id(o->pos[0]);
    int rc;

    if (!id)
        return cli_usage_error("plan", "'round' needs a status round's number");
    if (cli_open_store("plan round", cli_db_path(o->db), &st, &a))
        return 1;
    kl_error_clear(&err);
    buf_init(&b, 0);
    rc = app_status_round_overview(st, a, &who, id, today(), &ov, &err);
    if (rc == 0)
        rc = app_status_round_summary(&ov, o->lang, &b, &err);
    if (rc == 0) {
        char due[11];
        day(ov.round.due_on, due);
        printf("%s (%s), due %s\n%s\n\n", ov.round.title, ov.plan.title, due, buf_cstr(&b));
    }
    for (size_t i = 0; rc == 0 && i < ov.n; i++) {
        char due[11];
        day(report_due(&ov.reports[i]), due);
        printf("%-5s %-9s %s  %-6s %s\n", ov.reports[i].label, report_state_name(ov.states[i]),
               due, ov.reports[i].light ? status_light_name(ov.reports[i].light) : "-",
               ov.reports[i].initiative_title);
    }
    buf_free(&b);
    cli_close_store(st, a);
    return rc ? cli_fail("plan round", &err) : 0;
}

/* The --format value; -1 after a usage error. */
static int format_of(const struct options *o)
{
    if (!o->format || strcmp(o->format, "pdf") == 0)
        return PLAN_DOC_PDF;
    if (strcmp(o->format, "xlsx") == 0)
        return PLAN_DOC_XLSX;
    cli_usage_error("plan", "--format '%s' is not pdf or xlsx", o->format);
    return -1;
}

static int do_export(const struct options *o)
{
    struct principal who = cli_principal();
    struct kl_error err;
    struct store *st;
    struct arena *a;
    struct buf out;
    int64_t round = o->round ? cli_parse_id(o->round) : 0, plan = o->npos ? cli_parse_id(o->pos[0]) : 0;
    int format = format_of(o), rc;

    if (format < 0)
        return EXIT_USAGE;
    if (!o->file)
        return cli_usage_error("plan", "'export' needs -o FILE");
    if (o->round ? !round || o->npos : !plan)
        return cli_usage_error("plan", "'export' needs a plan number or --round ROUND");
    if (cli_open_store("plan export", cli_db_path(o->db), &st, &a))
        return 1;
    kl_error_clear(&err);
    buf_init(&out, 0);
    rc = round ? app_status_round_doc(st, a, &who, round, today(),
                                      (enum plan_doc_format)format, o->lang, &out, NULL, &err)
               : app_plan_xlsx(st, a, &who, plan, o->lang, &out, NULL, &err);
    cli_close_store(st, a);
    if (rc == 0)
        rc = cli_write_file(o->file, &out, &err);
    buf_free(&out);
    return rc ? cli_fail("plan export", &err) : 0;
}

static int do_attach(const struct options *o)
{
    struct principal who = cli_principal();
    struct field_errors fe = {0};
    struct kl_error err;
    struct store *st;
    struct arena *a;
    int64_t round = cli_parse_id(o->pos[0]), item = o->item ? cli_parse_id(o->item) : 0, id = 0;
    int format = format_of(o), rc;

    if (format < 0)
        return EXIT_USAGE;
    if (!round || !item)
        return cli_usage_error("plan", "'attach' needs a round's number and --item ITEM");
    if (cli_open_store("plan attach", cli_db_path(o->db), &st, &a))
        return 1;
    kl_error_clear(&err);
    rc = app_status_round_attach(st, a, &who, round, item, today(),
                                 (enum plan_doc_format)format, o->lang, &id, &fe, &err);
    cli_close_store(st, a);
    if (rc) {
        for (size_t i = 0; i < fe.n; i++)
            fprintf(stderr, "klynge plan attach: %s: %s\n", fe.field[i], fe.msg[i]);
        return fe.n ? 1 : cli_fail("plan attach", &err);
    }
    printf("attached the overview of round %lld to item %lld as attachment %lld\n",
           (long long)round, (long long)item, (long long)id);
    return 0;
}

int cmd_plan(int argc, char **argv)
{
    static const char *const valued[] = {"--db", "--forum", "--lang", "--output", "--round",
                                         "--format", "--item", "-o", NULL};
    static const char *const none[] = {NULL};
    struct options o = {0};
    const char *opt, *val, *action;
    struct args ar;
    int got;

    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    action = argv[1];
    args_init(&ar, "plan", argc - 1, argv + 1);
    while ((got = args_next(&ar, none, valued, &opt, &val)) > 0) {
        if (!opt) {
            if (o.npos == 2)
                return cli_usage_error("plan", "unexpected argument '%s'", val);
            o.pos[o.npos++] = val;
        } else {
            const char **slot[] = {&o.db, &o.forum, &o.lang, &o.file, &o.round, &o.format,
                                   &o.item, &o.file};
            for (size_t i = 0; i < sizeof(slot) / sizeof(slot[0]); i++)
                if (strcmp(opt, valued[i]) == 0)
                    *slot[i] = val;
        }
    }
    if (got < 0)
        return EXIT_USAGE;
    if (strcmp(action, "list") == 0 && !o.npos)
        return do_list(&o);
    if (strcmp(action, "show") == 0 && o.npos == 1)
        return do_show(&o);
    if (strcmp(action, "round") == 0 && o.npos == 1)
        return do_round(&o);
    if (strcmp(action, "export") == 0 && o.npos <= 1)
        return do_export(&o);
    if (strcmp(action, "attach") == 0 && o.npos == 1)
        return do_attach(&o);
    return cli_usage_error("plan", "unknown action or wrong arguments: '%s'", action);
}

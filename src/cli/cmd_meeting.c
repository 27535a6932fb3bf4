/* cmd_meeting.c - `klynge meeting`: meetings for scripting. `list` prints the meetings of a
 * forum or of all forums in a date range, `show` one meeting's agenda as text (numbers,
 * titles, rooms, recommendation lines and decisions), `new` plans a meeting and `publish`
 * starts its agenda when needed and publishes it, refusing to be late without a reason.
 * Runs as an administrator (cli_principal) through the app layer's use cases, which check
 * and audit every change. */
#include "cli/args.h"
#include "cli/cli.h"

#include "app/meeting.h"
#include "app/meeting_agenda.h"
#include "app/meeting_pdf.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "usage: klynge meeting list [--forum ID] [--from DATE] [--to DATE] [--db FILE]\n"
    "       klynge meeting show ID [--db FILE]\n"
    "       klynge meeting new --forum ID --start \"YYYY-MM-DD HH:MM\"\n"
    "                          [--end \"YYYY-MM-DD HH:MM\" | --minutes N] [--place TEXT]\n"
    "                          [--kind KIND] [--title TEXT] [--db FILE]\n"
    "       klynge meeting publish ID [--reason TEXT] [--db FILE]\n"
    "       klynge meeting pdf ID [--minutes | --with-attachments] [--lang da|en] -o FILE\n"
    "                          [--db FILE]\n"
    "\n"
    "'list' prints the meetings and pre-meetings (of forum ID, on Copenhagen days DATE to\n"
    "DATE, YYYY-MM-DD) by start: number, start, kind, status, forum and place.\n"
    "'show' prints meeting ID with its agenda: each item's number, title, rooms and\n"
    "recommendation lines, and its decision and outcome when recorded.\n"
    "'new' plans a meeting of forum ID starting at the Copenhagen time given; it ends at\n"
    "--end, or --minutes after the start (default 120). KIND is meeting (default), seminar\n"
    "or political.\n"
    "'publish' publishes the agenda of meeting ID, starting it from the forum's standard\n"
    "items first when the meeting is only planned. After the deadline (the forum's mandate:\n"
    "publish_days before the meeting) it needs --reason, which is kept with the agenda.\n"
    "'pdf' writes the agenda of meeting ID (with --minutes: its minutes, once started; with\n"
    "--with-attachments: the agenda followed by its items' PDF attachments) as PDF to FILE\n"
    "('-': standard output), the full version with closed items. See docs/documents.md.\n"
    "Times are Copenhagen wall-clock times. See docs/meetings.md.\n"
    "\n"
    "  --db FILE   the database file (default: $KLYNGE_DB, else ./var/klynge.db)\n";

struct options {
    const char *db, *forum, *from, *to, *start, *end, *minutes, *place, *kind, *title, *reason;
};

/* Prints each field problem of fe as "klynge meeting ACTION: FIELD: MESSAGE"; returns 1. */
static int field_problems(const char *action, const struct field_errors *fe,
                          const struct kl_error *err)
{
    if (!fe->n)
        return cli_fail(action, err);
    for (size_t i = 0; i < fe->n; i++)
        fprintf(stderr, "klynge %s: %s: %s\n", action, fe->field[i], fe->msg[i]);
    return 1;
}

/* Opens the database and an arena; prints why not and returns 1. */
/* "2026-11-28 12:30–14:00" (or with the end's date when it is another day). */
static void print_span(const struct meeting *m)
{
    char s[17], e[17];

    date_format_cph(m->starts_at, s);
    date_format_cph(m->ends_at, e);
    if (strncmp(s, e, 10) == 0)
        printf("%s–%s", s, e + 11);
    else
        printf("%s – %s", s, e);
}

static int do_list(const struct options *o)
{
    struct principal who = cli_principal();
    struct meeting_query q = {.from_day = 0, .to_day = DATE_OPEN, .include_cancelled = 1,
                              .include_pre_meetings = 1};
    struct kl_error err;
    struct meeting *m;
    struct store *st;
    struct arena *a;
    int64_t forum = 0;
    size_t n;
    int rc;

    if (o->forum && !(forum = cli_parse_id(o->forum)))
        return cli_usage_error("meeting", "--forum '%s' is not a forum number", o->forum);
    if (o->from && date_parse_iso(o->from, strlen(o->from), &q.from_day, NULL))
        return cli_usage_error("meeting", "--from '%s' is not a date as YYYY-MM-DD", o->from);
    if (o->to && date_parse_iso(o->to, strlen(o->to), &q.to_day, NULL))
        return cli_usage_error("meeting", "--to '%s' is not a date as YYYY-MM-DD", o->to);
    if (forum) {
        q.forum_ids = &forum;
        q.nforums = 1;
    }
    if (cli_open_store("meeting list", cli_db_path(o->db), &st, &a))
        return 1;
    kl_error_clear(&err);
    rc = app_meeting_list(st, a, &who, &q, &m, &n, &err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char s[17];
        date_format_cph(m[i].starts_at, s);
        printf("%5lld  %s  %-11s %-17s %s", (long long)m[i].id, s,
               meeting_kind_name(m[i].kind), meeting_status_name(m[i].status), m[i].forum_name);
        if (m[i].place && *m[i].place)
            printf(" – %s", m[i].place);
        putchar('\n');
    }
    cli_close_store(st, a);
    return rc ? cli_fail("meeting list", &err) : 0;
}

/* Prints text with each line after the first indented by indent spaces. */
static void print_indented(const char *text, int indent)
{
    for (const char *p = text; *p; p++) {
        putchar(*p);
        if (*p == '\n' && p[1])
            printf("%*s", indent, "");
    }
    putchar('\n');
}

static void print_item(const struct agenda_entry *e)
{
    const struct agenda_item *it = &e->item;
    const char *sep = " [";

    printf("%d. %s", it->number, it->title);
    for (unsigned bit = 1; bit <= ROOMS_ALL; bit <<= 1)
        if (it->rooms & bit) {
            printf("%s%s", sep, room_name(bit));
            sep = ", ";
        }
    if (strcmp(sep, ", ") == 0)
        putchar(']');
    if (it->closed)
        printf(" (closed)");
    if (it->written_orientation)
        printf(" (written orientation)");
    putchar('\n');
    if (it->presenter && *it->presenter)
        printf("   Presenter: %s\n", it->presenter);
    if (it->recommendation && *it->recommendation) {
        printf("   ");
        print_indented(it->recommendation, 3);
    }
    if (e->nattachments)
        printf("   Attachments: %zu\n", e->nattachments);
    if (e->minutes_visible && (it->outcome != OUTCOME_NONE || (it->decision && *it->decision))) {
        printf("   Decision");
        if (it->outcome != OUTCOME_NONE)
            printf(" (%s)", item_outcome_name(it->outcome));
        printf(": ");
        print_indented(it->decision ? it->decision : "", 5);
    }
    for (size_t i = 0; e->minutes_visible && i < e->nfollowups; i++) {
        const struct followup *f = &e->followups[i];
        char due[11] = "";
        if (f->due_on != DATE_OPEN)
            date_format_iso(f->due_on, due);
        printf("   Follow-up (%s): %s – %s%s%s%s\n", followup_status_name(f->status), f->what,
               f->owner_name ? f->owner_name : "", *due ? ", by " : "", due,
               f->bring_back ? ", brought back" : "");
    }
    for (size_t i = 0; e->minutes_visible && i < e->nreferrals; i++) {
        const struct referral *r = &e->referrals[i];
        printf("   Referred %s to %s (%s)%s%s\n", referral_direction_name(r->direction),
               r->to_forum_name ? r->to_forum_name : "", referral_status_name(r->status),
               r->answer && *r->answer ? ": " : "", r->answer ? r->answer : "");
    }
}

static int do_show(const struct options *o, const char *id_text)
{
    struct principal who = cli_principal();
    struct kl_error err;
    struct agenda ag;
    struct store *st;
    struct arena *a;
    int64_t id = cli_parse_id(id_text);
    int rc;

    if (!id)
        return cli_usage_error("meeting", "'%s' is not a meeting number", id_text);
    if (cli_open_store("meeting show", cli_db_path(o->db), &st, &a))
        return 1;
    kl_error_clear(&err);
    rc = app_agenda_get(st, a, &who, id, &ag, &err);
    if (rc == 0) {
        const struct meeting *m = &ag.meeting;
        printf("%s: %s %lld%s%s\n", m->forum_name, meeting_kind_name(m->kind), (long long)m->id,
               *m->title ? " – " : "", m->title);
        print_span(m);
        printf("%s%s\n", *m->place ? ", " : "", m->place);
        printf("Status: %s", meeting_status_name(m->status));
        if (meeting_kind_has_deadline(m->kind)) {
            char d[11];
            date_format_iso(meeting_publish_deadline(m->starts_at, m->publish_days), d);
            printf("; agenda deadline %s", d);
        }
        putchar('\n');
        if (*m->late_reason)
            printf("Published late: %s\n", m->late_reason);
        if (*m->cancel_reason)
            printf("Cancelled: %s\n", m->cancel_reason);
        if (m->approval != APPROVAL_NONE)
            printf("Minutes approved (%s)\n", minutes_approval_name(m->approval));
        for (size_t i = 0; i < ag.nitems; i++) {
            putchar('\n');
            print_item(&ag.items[i]);
        }
        if (ag.nitems == 0)
            printf("\nNo agenda yet.\n");
    }
    cli_close_store(st, a);
    return rc ? cli_fail("meeting show", &err) : 0;
}

static int do_new(const struct options *o)
{
    struct principal who = cli_principal();
    struct field_errors fe = {0};
    struct meeting m = {0};
    struct kl_error err;
    struct store *st;
    struct arena *a;
    long minutes = 120;
    int rc;

    m.title = o->title ? o->title : "";
    m.place = o->place ? o->place : "";
    m.theme = m.site_visit = "";
    if (!o->forum || !o->start)
        return cli_usage_error("meeting", "'new' needs --forum ID and --start \"YYYY-MM-DD HH:MM\"");
    if (!(m.forum_id = cli_parse_id(o->forum)))
        return cli_usage_error("meeting", "--forum '%s' is not a forum number", o->forum);
    if (meeting_parse_local(o->start, &m.starts_at))
        return cli_usage_error("meeting", "--start '%s' is not a time as \"YYYY-MM-DD HH:MM\"",
                               o->start);
    if (o->end && o->minutes)
        return cli_usage_error("meeting", "give --end or --minutes, not both");
    if (o->minutes) {
        char *end;
        errno = 0;
        minutes = strtol(o->minutes, &end, 10);
        if (errno || *end || minutes < 1 || minutes > MEETING_MAX_SECONDS / 60)
            return cli_usage_error("meeting", "--minutes '%s' is not a number of minutes from 1 "
                                   "to %d", o->minutes, MEETING_MAX_SECONDS / 60);
    }
    m.ends_at = m.starts_at + minutes * 60;
    if (o->end && meeting_parse_local(o->end, &m.ends_at))
        return cli_usage_error("meeting", "--end '%s' is not a time as \"YYYY-MM-DD HH:MM\"", o->end);
    if (o->kind) {
        int k = meeting_kind_parse(o->kind);
        if (k < 0 || k == MEETING_PRE)
            return cli_usage_error("meeting", "--kind '%s' is not meeting, seminar or political",
                                   o->kind);
        m.kind = (enum meeting_kind)k;
    }
    if (cli_open_store("meeting new", cli_db_path(o->db), &st, &a))
        return 1;
    kl_error_clear(&err);
    rc = app_meeting_create(st, &who, &m, &fe, &err);
    if (rc == 0 && (rc = app_meeting_get(st, a, &who, m.id, &m, &err)) == 0) {
        printf("created meeting %lld of %s: ", (long long)m.id, m.forum_name);
        print_span(&m);
        printf(" (%s)\n", meeting_status_name(m.status));
    }
    cli_close_store(st, a);
    return rc ? field_problems("meeting new", &fe, &err) : 0;
}

static int do_publish(const struct options *o, const char *id_text)
{
    struct principal who = cli_principal();
    struct field_errors fe = {0};
    struct kl_error err;
    struct meeting m;
    struct store *st;
    struct arena *a;
    int64_t id = cli_parse_id(id_text), now = (int64_t)time(NULL);
    int rc;

    if (!id)
        return cli_usage_error("meeting", "'%s' is not a meeting number", id_text);
    if (cli_open_store("meeting publish", cli_db_path(o->db), &st, &a))
        return 1;
    kl_error_clear(&err);
    rc = app_meeting_get(st, a, &who, id, &m, &err);
    if (rc == 0 && meeting_kind_has_deadline(m.kind) && m.status <= MEETING_AGENDA_DRAFT &&
        meeting_publish_late(now, meeting_publish_deadline(m.starts_at, m.publish_days)) &&
        (!o->reason || !*o->reason)) {
        char d[11];
        date_format_iso(meeting_publish_deadline(m.starts_at, m.publish_days), d);
        fprintf(stderr, "klynge meeting publish: the deadline for publishing the agenda of "
                        "meeting %lld was %s; give --reason TEXT to publish it late\n",
                (long long)id, d);
        cli_close_store(st, a);
        return 1;
    }
    if (rc == 0 && m.status == MEETING_PLANNED)
        rc = app_meeting_start_agenda(st, &who, id, &err);
    if (rc == 0)
        rc = app_meeting_publish_agenda(st, &who, id, now, o->reason, &fe, &err);
    if (rc == 0 && (rc = app_meeting_get(st, a, &who, id, &m, &err)) == 0) {
        printf("published the agenda of meeting %lld (%s, ", (long long)id, m.forum_name);
        print_span(&m);
        printf(")%s%s\n", *m.late_reason ? "; late: " : "", m.late_reason);
    }
    cli_close_store(st, a);
    return rc ? field_problems("meeting publish", &fe, &err) : 0;
}

/* `meeting pdf ID [--minutes | --with-attachments] [--lang L] -o FILE`: its own options,
 * as --minutes is a flag here and a value for `new`. */
static int do_pdf(int argc, char **argv)
{
    static const char *const flags[] = {"--minutes", "--with-attachments", NULL};
    static const char *const valued[] = {"--db", "--lang", "--output", "-o", NULL};
    const char *opt, *val, *id_text = NULL, *file = NULL, *db = NULL, *lang = NULL, *name;
    struct principal who = cli_principal();
    struct kl_error err;
    struct store *st;
    struct arena *a;
    struct buf out;
    struct args ar;
    int got, minutes = 0, bilag = 0, rc;
    int64_t id;

    args_init(&ar, "meeting", argc, argv);
    while ((got = args_next(&ar, flags, valued, &opt, &val)) > 0) {
        if (!opt && !id_text) {
            id_text = val;
        } else if (!opt) {
            return cli_usage_error("meeting", "unexpected argument '%s'", val);
        } else if (strcmp(opt, "--minutes") == 0) {
            minutes = 1;
        } else if (strcmp(opt, "--with-attachments") == 0) {
            bilag = 1;
        } else {
            *(strcmp(opt, "--db") == 0 ? &db : strcmp(opt, "--lang") == 0 ? &lang : &file) = val;
        }
    }
    if (got < 0)
        return EXIT_USAGE;
    if (!id_text || !file)
        return cli_usage_error("meeting", "'pdf' needs the meeting's number and -o FILE");
    if (minutes && bilag)
        return cli_usage_error("meeting", "--with-attachments is for the agenda, not --minutes");
    if (!(id = cli_parse_id(id_text)))
        return cli_usage_error("meeting", "'%s' is not a meeting number", id_text);
    if (cli_open_store("meeting pdf", cli_db_path(db), &st, &a))
        return 1;
    kl_error_clear(&err);
    buf_init(&out, 0);
    rc = app_meeting_pdf(st, a, &who, id,
                         minutes ? MEETING_PDF_MINUTES
                         : bilag ? MEETING_PDF_AGENDA_ATTACHMENTS : MEETING_PDF_AGENDA,
                         i18n_pick(lang), &out, &name, &err);
    cli_close_store(st, a);
    if (rc == 0)
        rc = cli_write_file(file, &out, &err);
    buf_free(&out);
    return rc ? cli_fail("meeting pdf", &err) : 0;
}

/* The options each action takes besides --db. */
static int option_allowed(const char *action, const char *opt)
{
    static const char *const allowed[][2] = {
        {"list", "--forum --from --to"},
        {"show", ""},
        {"new", "--forum --start --end --minutes --place --kind --title"},
        {"publish", "--reason"},
    };
    size_t n = strlen(opt);

    if (strcmp(opt, "--db") == 0)
        return 1;
    for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
        const char *p = allowed[i][1];
        if (strcmp(allowed[i][0], action) != 0)
            continue;
        while ((p = strstr(p, opt)) != NULL) {
            if (p[n] == ' ' || p[n] == '\0')
                return 1;
            p += n;
        }
    }
    return 0;
}

int cmd_meeting(int argc, char **argv)
{
    static const char *const valued[] = {"--db", "--forum", "--from", "--to", "--start", "--end",
                                         "--minutes", "--place", "--kind", "--title", "--reason",
                                         NULL};
    struct options o = {0};
    const char **slot[] = {&o.db, &o.forum, &o.from, &o.to, &o.start, &o.end, &o.minutes,
                           &o.place, &o.kind, &o.title, &o.reason};
    const char *opt, *val, *pos[2] = {0};
    struct args a;
    int got, npos = 0;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "pdf") == 0)
        return do_pdf(argc - 1, argv + 1);
    args_init(&a, "meeting", argc, argv);
    while ((got = args_next(&a, NULL, valued, &opt, &val)) > 0) {
        if (!opt) {
            if (npos == 2)
                return cli_usage_error("meeting", "unexpected argument '%s'", val);
            pos[npos++] = val;
            continue;
        }
        for (size_t i = 0; valued[i]; i++)
            if (strcmp(opt, valued[i]) == 0)
                *slot[i] = val;
    }
    if (got < 0)
        return EXIT_USAGE;
    if (npos == 0)
        return cli_usage_error("meeting", "expected 'list', 'show ID', 'new' or 'publish ID'");
    if (strcmp(pos[0], "list") != 0 && strcmp(pos[0], "show") != 0 &&
        strcmp(pos[0], "new") != 0 && strcmp(pos[0], "publish") != 0)
        return cli_usage_error("meeting", "unknown action '%s' (try 'list', 'show ID', 'new' "
                               "or 'publish ID')", pos[0]);
    for (size_t i = 0; valued[i]; i++)
        if (*slot[i] && !option_allowed(pos[0], valued[i]))
            return cli_usage_error("meeting", "'%s' takes no %s", pos[0], valued[i]);
    if (strcmp(pos[0], "list") == 0 || strcmp(pos[0], "new") == 0) {
        if (npos != 1)
            return cli_usage_error("meeting", "unexpected argument '%s'", pos[1]);
        return strcmp(pos[0], "list") == 0 ? do_list(&o) : do_new(&o);
    }
    if (npos != 2)
        return cli_usage_error("meeting", "'%s' needs the meeting's number", pos[0]);
    return strcmp(pos[0], "show") == 0 ? do_show(&o, pos[1]) : do_publish(&o, pos[1]);
}

/* test_plan.c - action plans: the pure rules (natural label order, amounts in øre, the
 * carry-over that neither loses nor creates money, initiative transitions, report states
 * and the Chefforum's sentence) and the use cases against a temporary database (plans and
 * initiatives, a status round after seed 002 with reports in, late, extended and missing,
 * who may submit, funds, and spread by process types A and B after seed 004).
 *
 * The forums: Sundhedsstyregruppen (S, serves the region) ← Chefforum Midt (A, cluster
 * RN-MIDT) and Chefforum Syd (B, cluster RN-SYD); the indsatsgruppe G runs initiative 1b. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/account.h"
#include "app/organisation.h"
#include "app/plan.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "model/fields.h"
#include "model/org.h"
#include "model/plan.h"
#include "store/org.h"
#include "store/store.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#define OK(call) assert_int_equal((call), 0)

static const struct principal admin = {AUTH_LOCAL, 0, "cli:test", "test", 1, NULL};

/* The pure rules. */

static void labels_sort_naturally(void **state)
{
    (void)state;
    assert_true(plan_label_cmp("2", "10") < 0);
    assert_true(plan_label_cmp("1b", "3") < 0);
    assert_true(plan_label_cmp("1a", "1b") < 0);
    assert_true(plan_label_cmp("10", "9") > 0);
    assert_true(plan_label_cmp("1", "1a") < 0);
    assert_int_equal(plan_label_cmp("4", "4"), 0);
    assert_true(plan_label_cmp("04", "4") != 0);
}

static void label_lists_read_as_danish(void **state)
{
    const char *labels[] = {"13", "3", "1b", "10", "4", "11"};
    struct buf b;

    (void)state;
    buf_init(&b, 0);
    OK(plan_label_list(&b, labels, 6, "da"));
    assert_string_equal(buf_cstr(&b), "1b, 3, 4, 10, 11 og 13");
    buf_reset(&b);
    OK(plan_label_list(&b, labels, 2, "en"));
    assert_string_equal(buf_cstr(&b), "3 and 13");
    buf_reset(&b);
    OK(plan_label_list(&b, labels, 1, "da"));
    assert_string_equal(buf_cstr(&b), "13");
    buf_free(&b);
}

static void money_reads_danish_amounts(void **state)
{
    int64_t o = -1;
    char text[32];

    (void)state;
    OK(money_parse("12.500", &o));
    assert_int_equal(o, 1250000);
    OK(money_parse("12500,5", &o));
    assert_int_equal(o, 1250050);
    OK(money_parse("1 250 000,75 kr.", &o));
    assert_int_equal(o, 125000075);
    OK(money_parse("0", &o));
    assert_int_equal(o, 0);
    assert_int_equal(money_parse("1.5", &o), -1);      /* not a thousands group */
    assert_int_equal(money_parse("12,505", &o), -1);   /* three decimals */
    assert_int_equal(money_parse("-5", &o), -1);
    assert_int_equal(money_parse("", &o), -1);
    assert_int_equal(money_parse("12,", &o), -1);
    assert_int_equal(money_parse("1e6", &o), -1);
    assert_int_equal(money_parse("99999999999999999999", &o), -1);
    money_format(125000075, text);
    assert_string_equal(text, "1.250.000,75");
    money_format(50000000, text);
    assert_string_equal(text, "500.000");
    money_format(-120000, text);
    assert_string_equal(text, "-1.200");
    money_format(0, text);
    assert_string_equal(text, "0");
}

static void carry_over_neither_loses_nor_creates(void **state)
{
    struct funds_year y23 = {7, 2023, 50000000, 12345678, 0, 0};
    struct funds_year y24 = {7, 2024, 10000000, 0, 0, 0};
    struct funds_year other = {8, 2024, 0, 0, 0, 0};
    struct funds_year y25 = {7, 2025, 0, 0, 0, 0};
    int64_t total = y23.allocated + y24.allocated - y23.spent - y24.spent;

    (void)state;
    assert_int_equal(funds_left(&y23), 37654322);
    assert_int_equal(funds_carry(&y23, &y24, 37654323), -1);  /* more than is left */
    assert_int_equal(funds_carry(&y23, &y24, 0), -1);
    assert_int_equal(funds_carry(&y23, &other, 100), -1);     /* another initiative */
    assert_int_equal(funds_carry(&y23, &y25, 100), -1);       /* not the next year */
    assert_int_equal(funds_left(&y23), 37654322);             /* nothing moved */
    OK(funds_carry(&y23, &y24, 30000000));
    OK(funds_carry(&y23, &y24, 7654322));
    assert_int_equal(funds_left(&y23), 0);
    assert_int_equal(funds_left(&y24), 10000000 + 37654322);
    assert_int_equal(funds_left(&y23) + funds_left(&y24), total);
    assert_int_equal(funds_carry(&y23, &y24, 1), -1);
}

static void funds_add_up_per_year(void **state)
{
    const struct funds_year f[] = {{1, 2024, 100, 10, 5, 0}, {2, 2023, 50, 20, 0, 5},
                                   {1, 2023, 30, 0, 0, 5},   {2, 2024, 7, 1, 5, 0},
                                   {3, 2025, 1, 0, 0, 0}};
    struct funds_year t[3];

    (void)state;
    assert_int_equal(funds_totals(f, 5, t, 3), 3);
    assert_int_equal(t[0].year, 2023);
    assert_int_equal(t[0].allocated, 80);
    assert_int_equal(t[0].carried_out, 10);
    assert_int_equal(t[1].year, 2024);
    assert_int_equal(t[1].carried_in, 10);
    assert_int_equal(funds_left(&t[1]), 107 + 10 - 11);
    assert_int_equal(t[2].year, 2025);
    assert_int_equal(funds_totals(f, 5, t, 2), 2);     /* room for two years: the third left out */
    assert_int_equal(funds_totals(f, 0, t, 3), 0);
}

static void initiative_status_moves(void **state)
{
    (void)state;
    assert_true(initiative_transition_allowed(INITIATIVE_PROPOSED, INITIATIVE_ACTIVE));
    assert_true(initiative_transition_allowed(INITIATIVE_ACTIVE, INITIATIVE_PAUSED));
    assert_true(initiative_transition_allowed(INITIATIVE_PAUSED, INITIATIVE_ACTIVE));
    assert_true(initiative_transition_allowed(INITIATIVE_ACTIVE, INITIATIVE_COMPLETED));
    assert_true(initiative_transition_allowed(INITIATIVE_PROPOSED, INITIATIVE_DROPPED));
    assert_false(initiative_transition_allowed(INITIATIVE_PROPOSED, INITIATIVE_COMPLETED));
    assert_false(initiative_transition_allowed(INITIATIVE_COMPLETED, INITIATIVE_DROPPED));
    assert_false(initiative_transition_allowed(INITIATIVE_DROPPED, INITIATIVE_ACTIVE));
    assert_false(initiative_transition_allowed(INITIATIVE_ACTIVE, INITIATIVE_PROPOSED));
}

static void report_states_follow_the_calendar(void **state)
{
    int32_t due = date_from_ymd(2023, 8, 15);
    struct status_report r = {.round_due_on = due, .extended_to = DATE_OPEN,
                              .initiative_status = INITIATIVE_ACTIVE};

    (void)state;
    assert_int_equal(report_state_of(&r, due), REPORT_AWAITING);
    assert_int_equal(report_state_of(&r, due + 1), REPORT_MISSING);
    r.extended_to = due + 14;
    assert_int_equal(report_state_of(&r, due + 1), REPORT_EXTENDED);
    assert_int_equal(report_state_of(&r, due + 15), REPORT_MISSING);
    r.submitted_at = date_cph_to_utc(2023, 8, 29, 23, 30);  /* the extension's last day */
    assert_int_equal(report_state_of(&r, due + 30), REPORT_SUBMITTED);
    r.extended_to = DATE_OPEN;
    assert_int_equal(report_state_of(&r, due + 30), REPORT_LATE);
    r.submitted_at = 0;
    r.initiative_status = INITIATIVE_DROPPED;
    assert_int_equal(report_state_of(&r, due + 30), REPORT_EXCUSED);
}

static void checks_name_the_fields(void **state)
{
    struct initiative in = {.label = "1 b", .title = "", .process = PROCESS_A,
                            .status = INITIATIVE_DROPPED, .targets = 64};
    struct status_report r = {.light = LIGHT_NONE, .scope = "x", .data = "y"};
    struct status_round round = {.title = "Status", .opened_on = 10, .due_on = 9, .fields = 0};
    struct field_errors fe = {0};

    (void)state;
    initiative_check(&in, &fe);
    assert_non_null(fields_get(&fe, "label"));
    assert_non_null(fields_get(&fe, "title"));
    assert_non_null(fields_get(&fe, "status_reason"));
    assert_non_null(fields_get(&fe, "targets"));
    fields_clear(&fe);
    status_report_check(&r, ROUND_SCOPE | ROUND_FUNDS, &fe);
    assert_non_null(fields_get(&fe, "light"));
    assert_null(fields_get(&fe, "scope"));
    assert_non_null(fields_get(&fe, "funds"));      /* asked, empty */
    assert_non_null(fields_get(&fe, "data"));       /* not asked, written */
    fields_clear(&fe);
    status_round_check(&round, &fe);
    assert_non_null(fields_get(&fe, "due_on"));
    assert_non_null(fields_get(&fe, "fields"));
}

/* The use cases. */

enum who { ANON, MEMBER_G, SEC_A, SEC_B, SEC_S, OUTSIDER, NWHO };

struct fixture {
    struct tmpdb t;
    struct store *st;
    struct arena *a;
    struct principal p[NWHO];
    int64_t forum_s, forum_a, forum_b, forum_g;
    int64_t plan_a, plan_b, plan_s;
};

static struct fixture *F;

static int64_t forum(const char *name, enum forum_kind kind, int64_t reports_to,
                     const char *cluster, int region)
{
    struct forum f = {.name = name, .kind = kind, .reports_to = reports_to, .task = "",
                      .ends_on = DATE_OPEN, .region_code = region};
    struct field_errors fe = {0};
    struct kl_error err;

    mandate_defaults(&f.mandate);
    if (kind == FORUM_AD_HOC) {
        f.task = "Driver indsats 1b";
        f.ends_on = date_from_ymd(2025, 12, 31);
    }
    if (cluster) {
        f.clusters[0] = cluster;
        f.nclusters = 1;
    }
    if (app_forum_save(F->st, &admin, &f, &fe, &err))
        fail_msg("forum %s: %s (%s)", name, err.msg, fe.n ? fe.field[0] : "");
    return f.id;
}

static int64_t plan(int64_t forum_id, const char *title)
{
    struct action_plan p = {.forum_id = forum_id, .title = title, .funds_rule = "",
                            .starts_on = date_from_ymd(2023, 1, 1),
                            .ends_on = date_from_ymd(2024, 12, 31)};
    struct field_errors fe = {0};
    struct kl_error err;

    if (app_plan_create(F->st, &admin, &p, &fe, &err))
        fail_msg("plan: %s", err.msg);
    return p.id;
}

static int64_t initiative(int64_t plan_id, const char *label, int64_t group,
                          enum initiative_process process)
{
    struct initiative in = {.plan_id = plan_id, .label = label, .title = "Indsats",
                            .description = "", .targets = TARGET_ELDERLY,
                            .group_forum_id = group, .process = process,
                            .status = INITIATIVE_ACTIVE, .status_reason = "",
                            .involvement_how = "", .data_plan = ""};
    struct field_errors fe = {0};
    struct kl_error err;

    in.title = label;
    if (app_initiative_create(F->st, &admin, &in, NULL, 0, &fe, &err))
        fail_msg("initiative %s: %s", label, err.msg);
    return in.id;
}

static int setup(void **state)
{
    static struct fixture f;
    static const char *const logins[NWHO] = {"", "gitte", "sofie", "svend", "sara", "otto"};
    struct region r = {1081, "Region Nordjylland"};
    struct cluster c1 = {"RN-MIDT", "Sundhedsklynge Midt", 1081, 0, DATE_OPEN};
    struct cluster c2 = {"RN-SYD", "Sundhedsklynge Syd", 1081, 0, DATE_OPEN};
    struct kl_error err;
    int64_t ids[NWHO] = {0};

    memset(&f, 0, sizeof(f));
    F = &f;
    if (tmpdb_make(&f.t) || store_open(f.t.path, STORE_CREATE | STORE_MIGRATE, &f.st, &err))
        return -1;
    f.a = arena_new(0);
    c1.valid_from = c2.valid_from = date_from_ymd(2023, 1, 1);
    if (store_begin(f.st, &err) || store_region_put(f.st, &r, &err) ||
        store_cluster_put(f.st, &c1, NULL, 0, NULL, 0, &err) ||
        store_cluster_put(f.st, &c2, NULL, 0, NULL, 0, &err) || store_commit(f.st, &err))
        return -1;
    for (int w = MEMBER_G; w < NWHO; w++) {
        struct user u = {.login = logins[w], .name = logins[w], .email = "x@example.org"};
        if (app_user_add(f.st, &admin, &u, NULL, &ids[w], &err))
            return -1;
        f.p[w] = (struct principal){AUTH_SESSION, ids[w], logins[w], logins[w], 0, "c"};
    }
    f.p[ANON] = PRINCIPAL_ANONYMOUS;
    f.forum_s = forum("Sundhedsstyregruppen", FORUM_STEERING, 0, NULL, 1081);
    f.forum_a = forum("Chefforum Midt", FORUM_CHIEF, f.forum_s, "RN-MIDT", 0);
    f.forum_b = forum("Chefforum Syd", FORUM_CHIEF, f.forum_s, "RN-SYD", 0);
    f.forum_g = forum("Indsatsgruppe 1b", FORUM_AD_HOC, f.forum_a, "RN-MIDT", 0);
    if (app_forum_role_set(f.st, &admin, ids[MEMBER_G], f.forum_g, ROLE_MEMBER, &err) ||
        app_forum_role_set(f.st, &admin, ids[SEC_A], f.forum_a, ROLE_SECRETARY, &err) ||
        app_forum_role_set(f.st, &admin, ids[SEC_B], f.forum_b, ROLE_SECRETARY, &err) ||
        app_forum_role_set(f.st, &admin, ids[SEC_S], f.forum_s, ROLE_SECRETARY, &err))
        return -1;
    f.plan_a = plan(f.forum_a, "Handleplan for Sundhedsklynge Midt 2023-2024");
    f.plan_b = plan(f.forum_b, "Handleplan for Sundhedsklynge Syd 2023-2024");
    f.plan_s = plan(f.forum_s, "Sundhedsaftalens implementering");
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    arena_free(f->a);
    store_close(f->st);
    tmpdb_remove(&f->t);
    return 0;
}

static const struct principal *P(enum who w)
{
    return &F->p[w];
}

static void only_the_secretary_makes_initiatives(void **state)
{
    struct initiative in = {.plan_id = F->plan_a, .label = "2", .title = "Akutpladser",
                            .process = PROCESS_A, .status = INITIATIVE_PROPOSED};
    struct field_errors fe = {0};
    struct kl_error err;
    int64_t first;

    (void)state;
    const char *unknown[] = {"NO-SUCH"};

    assert_int_equal(app_initiative_create(F->st, P(SEC_B), &in, NULL, 0, &fe, &err),
                     KL_EPERM);
    assert_int_equal(app_initiative_create(F->st, P(MEMBER_G), &in, NULL, 0, &fe, &err),
                     KL_EPERM);
    /* an unknown indicator: refused with the field named, and nothing is made */
    assert_int_equal(app_initiative_create(F->st, P(SEC_A), &in, unknown, 1, &fe, &err),
                     KL_EINVAL);
    assert_non_null(fields_get(&fe, "indicators"));
    assert_int_equal(in.id, 0);
    fields_clear(&fe);
    /* a problem the caller found (a field of the wrong type) stops it too, after the right */
    fields_add(&fe, "targets", "must be a list");
    assert_int_equal(app_initiative_create(F->st, P(SEC_B), &in, NULL, 0, &fe, &err),
                     KL_EPERM);
    assert_int_equal(app_initiative_create(F->st, P(SEC_A), &in, NULL, 0, &fe, &err),
                     KL_EINVAL);
    assert_int_equal(in.id, 0);
    fields_clear(&fe);
    OK(app_initiative_create(F->st, P(SEC_A), &in, NULL, 0, &fe, &err));
    first = in.id;
    in.id = 0;
    fields_clear(&fe);
    assert_int_equal(app_initiative_create(F->st, P(SEC_A), &in, NULL, 0, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "label"));   /* the plan has "2" already */
    in.id = first;
    in.status = INITIATIVE_COMPLETED;
    fields_clear(&fe);
    assert_int_equal(app_initiative_update(F->st, P(SEC_A), &in, NULL, 0, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "status"));  /* proposed cannot be completed */
    in.status = INITIATIVE_DROPPED;
    in.status_reason = "Kapacitetsudfordringer";
    fields_clear(&fe);
    OK(app_initiative_update(F->st, P(SEC_A), &in, NULL, 0, &fe, &err));
}

/* The round of seed 002: 1b (group G) reports on time, 3 and 4 get an extension, 10 is
 * late, 11 and 13 send nothing. */
static void a_round_after_seed_002(void **state)
{
    int64_t plan_id = plan(F->forum_a, "Handleplan (runde)");
    int64_t i1b = initiative(plan_id, "1b", F->forum_g, PROCESS_A);
    const char *labels[] = {"3", "4", "10", "11", "13"};
    int64_t ids[5];
    int32_t due = date_from_ymd(2023, 8, 15);
    struct status_round r = {.plan_id = plan_id, .title = "Status august 2023",
                             .opened_on = date_from_ymd(2023, 6, 1), .due_on = due,
                             .fields = ROUND_FIELDS_ALL};
    struct field_errors fe = {0};
    struct kl_error err;
    struct round_overview ov;
    struct status_report rep = {0};
    struct buf b;
    size_t asked = 0;

    (void)state;
    for (int i = 0; i < 5; i++)
        ids[i] = initiative(plan_id, labels[i], F->forum_g, PROCESS_A);
    assert_int_equal(app_status_round_open(F->st, P(SEC_B), &r, due - 60, &asked, &fe, &err),
                     KL_EPERM);
    OK(app_status_round_open(F->st, P(SEC_A), &r, due - 60, &asked, &fe, &err));
    assert_int_equal(asked, 6);
    OK(app_status_round_overview(F->st, F->a, P(SEC_A), r.id, due - 10, &ov, &err));
    assert_int_equal(ov.count[REPORT_AWAITING], 6);

    /* 1b's report: the group member may, the plan's secretary and an outsider may not */
    for (size_t i = 0; i < ov.n; i++)
        if (ov.reports[i].initiative_id == i1b)
            rep.id = ov.reports[i].id;
    rep.light = LIGHT_GREEN;
    rep.scope = "Ældre medicinske patienter i Aalborg Øst";
    rep.data = "Egne data: antal forløb";
    rep.schedule = "Første indtag i september";
    rep.funds = "Projektleder 0,5 årsværk";
    rep.involvement = "Ja: brugerpanel";
    assert_int_equal(app_report_submit(F->st, P(SEC_A), &rep, 0, &fe, &err), KL_EPERM);
    assert_int_equal(app_report_submit(F->st, P(OUTSIDER), &rep, 0, &fe, &err), KL_EPERM);
    rep.involvement = "";
    assert_int_equal(app_report_submit(F->st, P(MEMBER_G), &rep,
                                       date_cph_to_utc(2023, 8, 10, 12, 0), &fe, &err),
                     KL_EINVAL);
    assert_non_null(fields_get(&fe, "involvement"));
    rep.involvement = "Ja: brugerpanel";
    fields_clear(&fe);
    OK(app_report_submit(F->st, P(MEMBER_G), &rep, date_cph_to_utc(2023, 8, 10, 12, 0), &fe,
                         &err));

    /* the group learns what the round asks, though the plan's forum is not theirs to read */
    {
        struct status_round seen;
        assert_int_equal(app_status_round_get(F->st, F->a, P(MEMBER_G), r.id, &seen, &err),
                         KL_EPERM);
        OK(app_report_round(F->st, F->a, P(MEMBER_G), rep.id, &seen, &err));
        assert_int_equal(seen.fields, ROUND_FIELDS_ALL);
        assert_int_equal(app_report_round(F->st, F->a, P(OUTSIDER), rep.id, &seen, &err),
                         KL_EPERM);
    }

    /* extensions for 3 and 4 (the secretary only, after the due day) */
    OK(app_status_round_overview(F->st, F->a, P(SEC_A), r.id, due - 5, &ov, &err));
    for (size_t i = 0; i < ov.n; i++) {
        if (ov.reports[i].initiative_id != ids[0] && ov.reports[i].initiative_id != ids[1])
            continue;
        fields_clear(&fe);
        assert_int_equal(app_report_extend(F->st, P(MEMBER_G), ov.reports[i].id, due + 14,
                                           "Ny projektleder", &fe, &err),
                         KL_EPERM);
        assert_int_equal(app_report_extend(F->st, P(SEC_A), ov.reports[i].id, due, "", &fe,
                                           &err),
                         KL_EINVAL);
        fields_clear(&fe);
        OK(app_report_extend(F->st, P(SEC_A), ov.reports[i].id, due + 14, "Ny projektleder",
                             &fe, &err));
    }
    /* 10 comes in late */
    for (size_t i = 0; i < ov.n; i++)
        if (ov.reports[i].initiative_id == ids[2]) {
            struct status_report late = rep;
            late.id = ov.reports[i].id;
            late.light = LIGHT_RED;
            fields_clear(&fe);
            OK(app_report_submit(F->st, P(MEMBER_G), &late,
                                 date_cph_to_utc(2023, 8, 20, 9, 0), &fe, &err));
        }

    OK(app_status_round_overview(F->st, F->a, P(SEC_A), r.id, due + 7, &ov, &err));
    assert_int_equal(ov.count[REPORT_SUBMITTED], 1);
    assert_int_equal(ov.count[REPORT_LATE], 1);
    assert_int_equal(ov.count[REPORT_EXTENDED], 2);
    assert_int_equal(ov.count[REPORT_MISSING], 2);
    buf_init(&b, 0);
    OK(app_status_round_summary(&ov, "da", &b, &err));
    assert_non_null(strstr(buf_cstr(&b), "3, 4, 11 og 13"));
    assert_non_null(strstr(buf_cstr(&b), "3 og 4"));
    buf_reset(&b);
    OK(app_status_round_summary(&ov, "en", &b, &err));
    assert_non_null(strstr(buf_cstr(&b), "Initiatives 3, 4, 11 and 13 have not submitted"));
    assert_non_null(strstr(buf_cstr(&b), "Initiative 10 submitted its report after"));
    buf_free(&b);

    /* the overview is readable by the plan's readers only; overdue work for the secretary */
    assert_int_equal(app_status_round_overview(F->st, F->a, P(OUTSIDER), r.id, due, &ov, &err),
                     KL_EPERM);
    {
        struct status_report *over;
        size_t n;
        OK(app_reports_overdue(F->st, F->a, P(SEC_A), 0, due + 7, &over, &n, &err));
        assert_int_equal(n, 2);
        OK(app_reports_overdue(F->st, F->a, P(SEC_A), F->forum_a, due + 7, &over, &n, &err));
        assert_int_equal(n, 2);
        OK(app_reports_overdue(F->st, F->a, P(SEC_A), F->forum_b, due + 7, &over, &n, &err));
        assert_int_equal(n, 0);
        OK(app_reports_overdue(F->st, F->a, P(SEC_B), 0, due + 7, &over, &n, &err));
        assert_int_equal(n, 0);
        OK(app_report_timeline(F->st, F->a, P(MEMBER_G), i1b, &over, &n, &err));
        assert_int_equal(n, 1);
        assert_int_equal(over[0].light, LIGHT_GREEN);
    }
}

static void funds_carry_through_the_use_case(void **state)
{
    int64_t id = initiative(F->plan_a, "20", 0, PROCESS_A);
    struct field_errors fe = {0};
    struct kl_error err;
    struct funds_year *f;
    size_t n;

    (void)state;
    assert_int_equal(app_funds_set(F->st, P(MEMBER_G), id, 2023, 50000000, 0, &fe, &err),
                     KL_EPERM);
    OK(app_funds_set(F->st, P(SEC_A), id, 2023, 50000000, 20000000, &fe, &err));
    assert_int_equal(app_funds_carry(F->st, P(SEC_A), id, 2023, 30000001, &fe, &err),
                     KL_EINVAL);
    assert_non_null(fields_get(&fe, "amount"));
    fields_clear(&fe);
    OK(app_funds_carry(F->st, P(SEC_A), id, 2023, 30000000, &fe, &err));
    OK(app_funds_set(F->st, P(SEC_A), id, 2024, 0, 1000000, &fe, &err));
    {
        struct milestone m = {.initiative_id = id, .title = "Første borgere i forløb",
                              .due_on = date_from_ymd(2023, 9, 1), .done_on = DATE_OPEN};
        struct milestone seen;
        OK(app_milestone_add(F->st, P(SEC_A), &m, &fe, &err));
        OK(app_milestone_get(F->st, F->a, P(SEC_A), m.id, &seen, &err));
        assert_string_equal(seen.title, "Første borgere i forløb");
        assert_int_equal(app_milestone_get(F->st, F->a, P(OUTSIDER), m.id, &seen, &err),
                         KL_EPERM);
        assert_int_equal(app_milestone_get(F->st, F->a, P(SEC_A), 999999, &seen, &err),
                         KL_ENOTFOUND);
        seen.title = "";   /* a problem with no list to put it in: still refused, no crash */
        assert_int_equal(app_milestone_update(F->st, P(SEC_A), &seen, NULL, &err), KL_EINVAL);
    }
    OK(app_funds_list(F->st, F->a, P(SEC_A), id, 0, &f, &n, &err));
    assert_int_equal(n, 2);
    assert_int_equal(f[0].carried_out, 30000000);
    assert_int_equal(f[1].carried_in, 30000000);   /* kept when the year was set */
    assert_int_equal(funds_left(&f[0]) + funds_left(&f[1]), 50000000 - 20000000 - 1000000);
}

static void spread_leaves_a_trail(void **state)
{
    int64_t a = initiative(F->plan_a, "5", 0, PROCESS_A);
    int64_t b = initiative(F->plan_s, "B1", 0, PROCESS_B);
    int64_t plans[2] = {F->plan_a, F->plan_b}, made[2], adopted = 0;
    struct initiative in;
    struct field_errors fe = {0};
    struct kl_error err;
    struct spread sp;

    (void)state;
    assert_int_equal(app_initiative_offer(F->st, P(SEC_A), a, 1700000000, &err), KL_EINVAL);
    OK(app_initiative_get(F->st, F->a, P(SEC_A), a, &in, &err));
    in.status = INITIATIVE_COMPLETED;
    OK(app_initiative_update(F->st, P(SEC_A), &in, NULL, 0, &fe, &err));
    OK(app_initiative_offer(F->st, P(SEC_A), a, 1700000000, &err));
    assert_int_equal(app_initiative_offer(F->st, P(SEC_A), a, 1700000000, &err), KL_ECONFLICT);
    assert_int_equal(app_initiative_adopt(F->st, P(SEC_A), a, F->plan_b, NULL, &adopted, &fe,
                                          &err),
                     KL_EPERM);
    OK(app_initiative_adopt(F->st, P(SEC_B), a, F->plan_b, NULL, &adopted, &fe, &err));
    assert_int_equal(app_initiative_adopt(F->st, P(SEC_B), a, F->plan_b, "5x", &adopted, &fe,
                                          &err),
                     KL_ECONFLICT);
    OK(app_initiative_spread(F->st, F->a, P(SEC_B), adopted, &sp, &err));
    assert_int_equal(sp.origin.id, a);
    assert_int_equal(sp.n, 1);
    assert_string_equal(sp.linked[0].cluster_codes, "RN-SYD");
    OK(app_initiative_spread(F->st, F->a, P(SEC_S), a, &sp, &err));   /* from the origin */
    assert_int_equal(sp.n, 1);

    /* type B: only the region-wide forum orders, into both clusters, all or nothing */
    assert_int_equal(app_initiative_order(F->st, P(SEC_A), b, plans, 2, made, &err), KL_EPERM);
    OK(app_initiative_order(F->st, P(SEC_S), b, plans, 2, made, &err));
    assert_int_equal(app_initiative_order(F->st, P(SEC_S), b, plans + 1, 1, made, &err),
                     KL_ECONFLICT);
    OK(app_initiative_spread(F->st, F->a, P(SEC_S), b, &sp, &err));
    assert_int_equal(sp.n, 2);
    assert_int_equal(sp.linked[0].process, PROCESS_B);
    assert_int_equal(sp.linked[0].origin_id, b);
    /* the steering group sees the region's plans to order into, but no other region's */
    {
        struct region r2 = {1082, "Region Midtjylland"};
        struct cluster c3 = {"RM-VEST", "Vestklyngen", 1082, 0, DATE_OPEN};
        struct action_plan *targets;
        size_t nt;
        int64_t other, far;
        c3.valid_from = date_from_ymd(2023, 1, 1);
        OK(store_begin(F->st, &err));
        OK(store_region_put(F->st, &r2, &err));
        OK(store_cluster_put(F->st, &c3, NULL, 0, NULL, 0, &err));
        OK(store_commit(F->st, &err));
        other = forum("Klyngestyregruppe Vest", FORUM_STEERING, 0, "RM-VEST", 0);
        far = plan(other, "Handleplan for Vestklyngen");
        OK(app_initiative_order_targets(F->st, F->a, P(SEC_S), b, &targets, &nt, &err));
        assert_true(nt >= 2);
        for (size_t i = 0; i < nt; i++) {
            assert_int_not_equal(targets[i].id, far);
            assert_int_not_equal(targets[i].id, F->plan_s);
        }
        assert_int_equal(app_initiative_order(F->st, P(SEC_S), b, &far, 1, made, &err),
                         KL_EINVAL);
        assert_int_equal(app_initiative_order_targets(F->st, F->a, P(SEC_A), b, &targets, &nt,
                                                      &err),
                         KL_EPERM);
    }
    /* a type-A initiative cannot be ordered */
    assert_int_equal(app_initiative_order(F->st, P(SEC_A), a, plans + 1, 1, made, &err),
                     KL_EINVAL);
}

static void readers_see_what_the_plan_forum_publishes(void **state)
{
    struct action_plan p;
    struct initiative *list;
    size_t n;
    struct kl_error err;

    (void)state;
    assert_int_equal(app_plan_get(F->st, F->a, P(ANON), F->plan_a, &p, &err), KL_EPERM);
    assert_int_equal(app_initiative_list(F->st, F->a, P(OUTSIDER), F->plan_a, &list, &n, &err),
                     KL_EPERM);
    OK(app_plan_get(F->st, F->a, P(SEC_A), F->plan_a, &p, &err));
    /* the group member reads the initiatives the group runs, not the whole plan */
    OK(app_initiative_list_group(F->st, F->a, P(MEMBER_G), F->forum_g, &list, &n, &err));
    assert_true(n >= 1);
    assert_int_equal(app_plan_get(F->st, F->a, P(MEMBER_G), F->plan_a, &p, &err), KL_EPERM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(labels_sort_naturally),
        cmocka_unit_test(label_lists_read_as_danish),
        cmocka_unit_test(money_reads_danish_amounts),
        cmocka_unit_test(carry_over_neither_loses_nor_creates),
        cmocka_unit_test(funds_add_up_per_year),
        cmocka_unit_test(initiative_status_moves),
        cmocka_unit_test(report_states_follow_the_calendar),
        cmocka_unit_test(checks_name_the_fields),
        cmocka_unit_test(only_the_secretary_makes_initiatives),
        cmocka_unit_test(a_round_after_seed_002),
        cmocka_unit_test(funds_carry_through_the_use_case),
        cmocka_unit_test(spread_leaves_a_trail),
        cmocka_unit_test(readers_see_what_the_plan_forum_publishes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

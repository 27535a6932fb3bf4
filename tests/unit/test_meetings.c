/* test_meetings.c - the use cases of meetings against a temporary database: the year plan
 * with pre-meetings and the cluster's plans side by side, publishing on time and late,
 * the secretariat's overview, standard items, reordering, proposals, who sees what (closed
 * items, unpublished agendas and minutes, for anonymous, a reader, a member, the secretary,
 * another forum's secretary and an administrator), attendance grouped by organisation,
 * minutes and their approval at the next meeting or by circulation, bringing matters back,
 * referrals up and down, attachments with versions, and the audit rows of it all.
 *
 * The forums, after seed 002: Direktørforum (D) ← Chefforum (A, private, agenda 14 days
 * before, pre-meeting 7 days before, 6 meetings a year) ← Driftsforum (B); a public
 * forum (P) also reports to D. A, B and D belong to the cluster RN-MIDT. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/account.h"
#include "app/audit.h"
#include "app/meeting.h"
#include "app/meeting_agenda.h"
#include "app/meeting_attachment.h"
#include "app/meeting_followup.h"
#include "app/meeting_json.h"
#include "app/meeting_minutes.h"
#include "app/organisation.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/audit.h"
#include "store/org.h"
#include "store/store.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

static const struct principal admin = {AUTH_LOCAL, 0, "cli:test", "test", 1, NULL};

enum who { ANON, READER, MEMBER, CHAIR, SEC_A, SEC_B, ADMIN, NWHO };

struct fixture {
    struct tmpdb t;
    struct store *st;
    struct arena *a;
    struct principal p[NWHO];
    int64_t forum_d, forum_a, forum_b, forum_p;
    int64_t org_region, org_aalborg, org_plo;
    /* people: daniel chair, mia member (user MEMBER), torben member, rikke member, sofie
     * secretary (user SEC_A), tina and diane outside the forum, olga a former member */
    int64_t daniel, mia, torben, rikke, sofie, tina, diane, olga;
};

static struct fixture *F;

#define OK(call) assert_int_equal((call), 0)

static int64_t local(int y, int mo, int d, int h, int mi)
{
    return date_cph_to_utc(y, mo, d, h, mi);
}

static int64_t user(const char *login, int is_admin)
{
    struct user u = {.login = login, .name = login, .email = "x@example.org",
                     .is_admin = is_admin};
    struct kl_error err;
    int64_t id = 0;

    OK(app_user_add(F->st, &admin, &u, NULL, &id, &err));
    return id;
}

static int64_t org(const char *name, enum org_kind kind)
{
    struct organisation o = {.name = name, .kind = kind};
    struct field_errors fe = {0};
    struct kl_error err;

    OK(app_org_save(F->st, &admin, &o, &fe, &err));
    return o.id;
}

static int64_t person(const char *name, int64_t organisation, const char *login)
{
    struct person p = {.name = name, .title = "", .organisation_id = organisation,
                       .email = "", .phone = "", .login = login};
    struct field_errors fe = {0};
    struct kl_error err;

    if (app_person_save(F->st, &admin, &p, &fe, &err))
        fail_msg("person %s: %s", name, err.msg);
    return p.id;
}

static void member(int64_t who, int64_t forum, enum member_role role, int64_t organisation,
                   int32_t from, int32_t to)
{
    struct membership m = {.person_id = who, .forum_id = forum, .role = role,
                           .organisation_id = organisation, .starts_on = from, .ends_on = to};
    struct field_errors fe = {0};
    struct kl_error err;

    if (app_membership_save(F->st, &admin, &m, &fe, &err))
        fail_msg("membership: %s", err.msg);
}

static int64_t forum(const char *name, enum forum_kind kind, int64_t reports_to, int is_public,
                     int in_cluster)
{
    struct forum f = {.name = name, .kind = kind, .is_public = is_public,
                      .reports_to = reports_to, .task = "", .ends_on = DATE_OPEN};
    struct field_errors fe = {0};
    struct kl_error err;

    mandate_defaults(&f.mandate);
    if (in_cluster) {
        f.clusters[0] = "RN-MIDT";
        f.nclusters = 1;
    }
    if (kind == FORUM_CHIEF) {
        f.mandate.premeeting_days = 7;
        f.mandate.min_meetings = 6;
    }
    if (app_forum_save(F->st, &admin, &f, &fe, &err))
        fail_msg("forum %s: %s", name, err.msg);
    return f.id;
}

static int setup(void **state)
{
    static struct fixture f;
    static const char *const logins[NWHO] = {"", "rikke.reader", "mia", "daniel", "sofie",
                                             "svend", "adm"};
    struct region r = {1081, "Region Nordjylland"};
    struct cluster c = {"RN-MIDT", "Sundhedsklynge Midt", 1081, 0, DATE_OPEN};
    struct kl_error err;
    int64_t ids[NWHO] = {0};
    int32_t from = date_from_ymd(2020, 1, 1);

    memset(&f, 0, sizeof(f));
    F = &f;
    if (tmpdb_make(&f.t) || store_open(f.t.path, STORE_CREATE | STORE_MIGRATE, &f.st, &err))
        return -1;
    f.a = arena_new(0);
    c.valid_from = date_from_ymd(2023, 1, 1);
    if (store_begin(f.st, &err) || store_region_put(f.st, &r, &err) ||
        store_cluster_put(f.st, &c, NULL, 0, NULL, 0, &err) || store_commit(f.st, &err))
        return -1;
    for (int w = READER; w < NWHO; w++) {
        ids[w] = user(logins[w], w == ADMIN);
        f.p[w] = (struct principal){AUTH_SESSION, ids[w], logins[w], logins[w], w == ADMIN, "c"};
    }
    f.p[ANON] = PRINCIPAL_ANONYMOUS;
    f.p[MEMBER].name = "Mia Nicolaisen";
    f.forum_d = forum("Direktørforum", FORUM_DIRECTOR, 0, 0, 1);
    f.forum_a = forum("Chefforum", FORUM_CHIEF, f.forum_d, 0, 1);
    f.forum_b = forum("Driftsforum Voksen Somatik", FORUM_OPERATIONS, f.forum_a, 0, 1);
    f.forum_p = forum("Politisk niveau", FORUM_POLITICAL, f.forum_d, 1, 0);
    f.org_region = org("Region Nordjylland", ORG_OTHER);
    f.org_aalborg = org("Aalborg Kommune", ORG_OTHER);
    f.org_plo = org("PLO", ORG_GENERAL_PRACTICE);
    f.daniel = person("Daniel Kjærgaard Simonsen", f.org_region, "daniel");
    f.mia = person("Mia Nicolaisen", f.org_aalborg, "mia");
    f.torben = person("Torben Krogh Kjeldgaard", f.org_aalborg, NULL);
    f.rikke = person("Rikke Svendstrup", f.org_plo, NULL);
    f.sofie = person("Sofie Bording", f.org_aalborg, "sofie");
    f.tina = person("Tina Maria Larsen", f.org_aalborg, NULL);
    f.diane = person("Diane Aarestrup", 0, NULL);
    f.olga = person("Olga Former", f.org_plo, NULL);
    member(f.daniel, f.forum_a, MEMBER_CHAIR, f.org_region, from, DATE_OPEN);
    member(f.mia, f.forum_a, MEMBER_MEMBER, f.org_aalborg, from, DATE_OPEN);
    member(f.torben, f.forum_a, MEMBER_MEMBER, 0, from, DATE_OPEN);
    member(f.rikke, f.forum_a, MEMBER_MEMBER, f.org_plo, from, DATE_OPEN);
    member(f.sofie, f.forum_a, MEMBER_SECRETARY, f.org_aalborg, from, DATE_OPEN);
    member(f.olga, f.forum_a, MEMBER_MEMBER, f.org_plo, from, date_from_ymd(2025, 12, 31));
    if (app_forum_role_set(f.st, &admin, ids[READER], f.forum_a, ROLE_READER, &err) ||
        app_forum_role_set(f.st, &admin, ids[SEC_B], f.forum_b, ROLE_SECRETARY, &err) ||
        app_forum_role_set(f.st, &admin, ids[SEC_A], f.forum_p, ROLE_SECRETARY, &err))
        return -1;
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

/* Helpers for the tests. */

static const struct principal *P(enum who w)
{
    return &F->p[w];
}

/* A meeting of forum on the day, 13:00-16:00 Copenhagen time. */
static int64_t meeting_on(int64_t forum_id, int y, int mo, int d)
{
    struct meeting m = {.forum_id = forum_id, .kind = MEETING_REGULAR, .title = "",
                        .place = "Mødelokale K, Regionshuset", .theme = "", .site_visit = ""};
    struct field_errors fe = {0};
    struct kl_error err;

    m.starts_at = local(y, mo, d, 13, 0);
    m.ends_at = local(y, mo, d, 16, 0);
    if (app_meeting_create(F->st, &admin, &m, &fe, &err))
        fail_msg("meeting: %s", err.msg);
    return m.id;
}

static struct meeting get_meeting(int64_t id)
{
    struct meeting m;
    struct kl_error err;

    OK(app_meeting_get(F->st, F->a, &admin, id, &m, &err));
    return m;
}

/* Takes meeting id forward to status `to` as the administrator, at the meeting's start. */
static void advance(int64_t id, enum meeting_status to)
{
    struct meeting m = get_meeting(id);
    struct field_errors fe = {0};
    struct kl_error err;
    int64_t at = m.starts_at;

    while (m.status < to) {
        int rc = 0;
        switch (m.status) {
        case MEETING_PLANNED: rc = app_meeting_start_agenda(F->st, &admin, id, &err); break;
        case MEETING_AGENDA_DRAFT:
            rc = app_meeting_publish_agenda(F->st, &admin, id, at - 30 * 86400, NULL, &fe, &err);
            break;
        case MEETING_AGENDA_PUBLISHED: rc = app_meeting_mark_held(F->st, &admin, id, at, &err); break;
        case MEETING_HELD: rc = app_meeting_start_minutes(F->st, &admin, id, &err); break;
        case MEETING_MINUTES_DRAFT:
            rc = app_meeting_publish_minutes(F->st, &admin, id, at + 86400, &err);
            break;
        default: fail_msg("cannot advance from %s", meeting_status_name(m.status));
        }
        if (rc)
            fail_msg("advance %s: %s", meeting_status_name(m.status), err.msg);
        m = get_meeting(id);
    }
}

/* Adds an item to meeting id as the administrator. */
static int64_t add_item(int64_t meeting_id, const char *title, int closed)
{
    struct agenda_item it = {.title = title, .rooms = ROOM_INFORMING | ROOM_DECIDING,
                             .recommendation = "At Chefforum drøfter sagen\nAt Chefforum beslutter",
                             .case_text = "Sagsfremstilling i **Markdown**.", .presenter = "",
                             .closed = closed};
    struct field_errors fe = {0};
    struct kl_error err;

    if (app_item_add(F->st, &admin, meeting_id, &it, &fe, &err))
        fail_msg("item %s: %s", title, err.msg);
    return it.id;
}

static void decide(int64_t item_id, const char *text, enum item_outcome outcome)
{
    struct field_errors fe = {0};
    struct kl_error err;

    if (app_minutes_record(F->st, &admin, item_id, text, outcome, local(2031, 6, 1, 12, 0), &fe,
                           &err))
        fail_msg("decide: %s", err.msg);
}

static struct agenda agenda_as(enum who w, int64_t meeting_id)
{
    struct agenda ag;
    struct kl_error err;

    if (app_agenda_get(F->st, F->a, P(w), meeting_id, &ag, &err))
        fail_msg("agenda as %d: %s", (int)w, err.msg);
    return ag;
}

/* The entry of item_id in ag, or NULL. */
static const struct agenda_entry *entry(const struct agenda *ag, int64_t item_id)
{
    for (size_t i = 0; i < ag->nitems; i++)
        if (ag->items[i].item.id == item_id)
            return &ag->items[i];
    return NULL;
}

static size_t audit_count(const char *entity)
{
    struct audit_filter f = {.entity = entity, .limit = 10000};
    struct audit_entry *e;
    struct kl_error err;
    size_t n;

    OK(app_audit_list(F->st, F->a, &admin, &f, &e, &n, &err));
    for (size_t i = 0; i < n; i++)
        if (!e[i].forum_id)
            fail_msg("audit row %s %s without forum", e[i].entity, e[i].action);
    return n;
}

/* The year plan. */

static void test_year_plan_with_pre_meetings(void **state)
{
    /* seed 001: Klyngestyregruppen 2020, with a pre-meeting before each meeting */
    const int32_t days[] = {date_from_ymd(2031, 2, 24), date_from_ymd(2031, 5, 18),
                            date_from_ymd(2031, 8, 27), date_from_ymd(2031, 11, 12)};
    struct yearplan plan = {.forum_id = F->forum_a, .year = 2031, .days = days, .ndays = 4,
                            .start_minute = 13 * 60, .duration_minutes = 180,
                            .kind = MEETING_REGULAR, .place = "Regionshuset",
                            .pre_start_minute = 9 * 60, .pre_duration_minutes = 0};
    struct yearplan_result res;
    struct field_errors fe = {0};
    struct kl_error err;
    struct meeting *list, m;
    size_t n;
    char text[17];

    (void)state;
    OK(app_yearplan_create(F->st, F->a, P(SEC_A), &plan, &res, &fe, &err));
    assert_int_equal(res.n, 4);
    assert_true(res.below_minimum); /* the mandate asks for 6 */
    for (size_t i = 0; i < 4; i++) {
        struct meeting pre;
        m = get_meeting(res.meeting_ids[i]);
        pre = get_meeting(res.pre_ids[i]);
        assert_int_equal(m.kind, MEETING_REGULAR);
        assert_int_equal(m.status, MEETING_PLANNED);
        assert_int_equal(meeting_cph_day(m.starts_at), days[i]);
        assert_int_equal(m.ends_at - m.starts_at, 3 * 3600);
        assert_string_equal(m.place, "Regionshuset");
        assert_int_equal(pre.kind, MEETING_PRE);
        assert_int_equal(pre.parent_id, m.id);
        assert_int_equal(meeting_cph_day(pre.starts_at), days[i] - 7);
        assert_int_equal(pre.ends_at - pre.starts_at, 3600);
    }
    /* 13:00 in Copenhagen in winter and in summer */
    date_format_cph(get_meeting(res.meeting_ids[0]).starts_at, text);
    assert_string_equal(text, "2031-02-24 13:00");
    date_format_cph(get_meeting(res.meeting_ids[2]).starts_at, text);
    assert_string_equal(text, "2031-08-27 13:00");
    date_format_cph(get_meeting(res.pre_ids[2]).starts_at, text);
    assert_string_equal(text, "2031-08-20 09:00");

    /* running the plan again adds nothing; a day outside the year is refused */
    assert_int_equal(app_yearplan_create(F->st, F->a, P(SEC_A), &plan, &res, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "days"));
    fields_clear(&fe);
    plan.year = 2030;
    plan.ndays = 1;
    assert_int_equal(app_yearplan_create(F->st, F->a, P(SEC_A), &plan, &res, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "days"));
    fields_clear(&fe);
    /* only the forum's secretary plans */
    plan.year = 2031;
    plan.days = days + 1;
    assert_int_equal(app_yearplan_create(F->st, F->a, P(MEMBER), &plan, &res, &fe, &err), KL_EPERM);
    assert_int_equal(app_yearplan_create(F->st, F->a, P(SEC_B), &plan, &res, &fe, &err), KL_EPERM);
    {
        struct meeting_query q = {.forum_ids = &F->forum_a, .nforums = 1, .to_day = DATE_OPEN,
                                  .include_pre_meetings = 1, .include_cancelled = 1};
        OK(app_meeting_list(F->st, F->a, &admin, &q, &list, &n, &err));
        assert_int_equal(n, 8);
    }

    /* a forum without pre-meetings in its mandate gets none */
    plan.forum_id = F->forum_b;
    plan.days = days;
    plan.ndays = 2;
    OK(app_yearplan_create(F->st, F->a, P(SEC_B), &plan, &res, &fe, &err));
    assert_int_equal(res.pre_ids[0], 0);
    assert_int_equal(res.pre_ids[1], 0);
    assert_false(res.below_minimum);

    /* move one: a new time, the pre-meeting stays */
    m = get_meeting(res.meeting_ids[1]);
    m.starts_at = local(2031, 5, 19, 9, 0);
    m.ends_at = local(2031, 5, 19, 12, 0);
    OK(app_meeting_update(F->st, P(SEC_B), &m, &fe, &err));
    date_format_cph(get_meeting(res.meeting_ids[1]).starts_at, text);
    assert_string_equal(text, "2031-05-19 09:00");
    m.ends_at = m.starts_at;
    assert_int_equal(app_meeting_update(F->st, P(SEC_B), &m, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "ends_at"));
    fields_clear(&fe);

    /* the cluster's plans side by side: A and B (D has none), not the public forum */
    {
        const int32_t pday[] = {date_from_ymd(2031, 3, 1)};
        struct yearplan pp = {.forum_id = F->forum_p, .year = 2031, .days = pday, .ndays = 1,
                              .start_minute = 600, .duration_minutes = 120,
                              .kind = MEETING_POLITICAL, .pre_start_minute = -1};
        OK(app_yearplan_create(F->st, F->a, &admin, &pp, &res, &fe, &err));
    }
    OK(app_meeting_plan(F->st, F->a, &admin, "RN-MIDT", date_from_ymd(2031, 1, 1),
                        date_from_ymd(2031, 12, 31), &list, &n, &err));
    assert_int_equal(n, 10);
    for (size_t i = 1; i < n; i++)
        assert_true(list[i - 1].starts_at <= list[i].starts_at);
    for (size_t i = 0; i < n; i++)
        assert_true(list[i].forum_id == F->forum_a || list[i].forum_id == F->forum_b);
    /* B's secretary sees B's plan only; the reader of A sees A's */
    OK(app_meeting_plan(F->st, F->a, P(SEC_B), "RN-MIDT", 0, DATE_OPEN, &list, &n, &err));
    assert_int_equal(n, 2);
    OK(app_meeting_plan(F->st, F->a, P(READER), "RN-MIDT", date_from_ymd(2031, 6, 1),
                        date_from_ymd(2031, 12, 31), &list, &n, &err));
    assert_int_equal(n, 4); /* August and November with their pre-meetings */
    OK(app_meeting_plan(F->st, F->a, P(ANON), "RN-MIDT", 0, DATE_OPEN, &list, &n, &err));
    assert_int_equal(n, 0);
}

static void test_cancel_takes_pre_meeting_and_keeps_items(void **state)
{
    struct meeting m = {.forum_id = F->forum_a, .kind = MEETING_PRE, .title = "", .place = "",
                        .theme = "", .site_visit = ""};
    struct field_errors fe = {0};
    struct kl_error err;
    struct agenda_item *pending;
    size_t n;
    int64_t m1 = meeting_on(F->forum_a, 2031, 3, 12), item;

    (void)state;
    m.parent_id = m1;
    m.starts_at = local(2031, 3, 5, 9, 0);
    m.ends_at = local(2031, 3, 5, 10, 0);
    OK(app_meeting_create(F->st, P(SEC_A), &m, &fe, &err));
    /* a pre-meeting of a meeting of another forum is refused */
    m.parent_id = meeting_on(F->forum_b, 2031, 3, 13);
    assert_int_equal(app_meeting_create(F->st, P(SEC_A), &m, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "parent_id"));
    fields_clear(&fe);
    advance(m1, MEETING_AGENDA_DRAFT);
    item = add_item(m1, "Brug af data i klyngesamarbejdet", 0);
    assert_int_equal(app_meeting_cancel(F->st, P(SEC_A), m1, "  ", &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "reason"));
    fields_clear(&fe);
    assert_int_equal(app_meeting_cancel(F->st, P(MEMBER), m1, "Aflyst", &fe, &err), KL_EPERM);
    OK(app_meeting_cancel(F->st, P(SEC_A), m1, "Aflyst pga. sygdom", &fe, &err));
    assert_int_equal(get_meeting(m1).status, MEETING_CANCELLED);
    assert_string_equal(get_meeting(m1).cancel_reason, "Aflyst pga. sygdom");
    assert_int_equal(get_meeting(m.id).status, MEETING_CANCELLED);
    /* the item waits for the next agenda; the standard items are gone */
    OK(app_forum_items(F->st, F->a, P(SEC_A), F->forum_a, ITEM_PENDING, &pending, &n, &err));
    assert_int_equal(n, 1);
    assert_int_equal(pending[0].id, item);
    assert_int_equal(agenda_as(ADMIN, m1).nitems, 0);
    /* cancelled is final, and a held meeting cannot be cancelled */
    assert_int_equal(app_meeting_cancel(F->st, P(SEC_A), m1, "igen", &fe, &err), KL_ECONFLICT);
    {
        int64_t m2 = meeting_on(F->forum_a, 2031, 4, 1);
        advance(m2, MEETING_HELD);
        assert_int_equal(app_meeting_cancel(F->st, P(SEC_A), m2, "for sent", &fe, &err),
                         KL_ECONFLICT);
        /* and the pending item went onto m2's agenda when it started */
        {
            struct agenda ag = agenda_as(ADMIN, m2);
            assert_non_null(entry(&ag, item));
        }
    }
}

/* Publication. */

static void test_publish_late_needs_a_reason(void **state)
{
    int64_t m1 = meeting_on(F->forum_a, 2031, 3, 12), m2 = meeting_on(F->forum_a, 2031, 4, 23);
    struct field_errors fe = {0};
    struct kl_error err;
    struct meeting m;
    size_t before;

    (void)state;
    /* deadline: 12 March - 14 days = 26 February */
    m = get_meeting(m1);
    assert_int_equal(meeting_publish_deadline(m.starts_at, m.publish_days),
                     date_from_ymd(2031, 2, 26));
    assert_int_equal(app_meeting_publish_agenda(F->st, P(SEC_A), m1, local(2031, 2, 1, 9, 0),
                                                NULL, &fe, &err), KL_ECONFLICT); /* no draft */
    OK(app_meeting_start_agenda(F->st, P(SEC_A), m1, &err));
    assert_int_equal(app_meeting_start_agenda(F->st, P(SEC_A), m1, &err), KL_ECONFLICT);
    assert_int_equal(app_meeting_publish_agenda(F->st, P(MEMBER), m1, local(2031, 2, 27, 9, 0),
                                                "x", &fe, &err), KL_EPERM);
    before = audit_count("meeting");
    assert_int_equal(app_meeting_publish_agenda(F->st, P(SEC_A), m1, local(2031, 2, 27, 9, 0),
                                                " \n", &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "late_reason"));
    fields_clear(&fe);
    assert_int_equal(get_meeting(m1).status, MEETING_AGENDA_DRAFT);
    assert_int_equal(audit_count("meeting"), before);
    OK(app_meeting_publish_agenda(F->st, P(SEC_A), m1, local(2031, 2, 27, 9, 0),
                                  "Sagsfremstillingen til punkt 4 kom sent", &fe, &err));
    m = get_meeting(m1);
    assert_int_equal(m.status, MEETING_AGENDA_PUBLISHED);
    assert_string_equal(m.late_reason, "Sagsfremstillingen til punkt 4 kom sent");
    assert_int_equal(m.agenda_published_at, local(2031, 2, 27, 9, 0));
    assert_int_equal(audit_count("meeting"), before + 1);
    {
        struct audit_filter f = {.entity = "meeting", .limit = 1};
        struct audit_entry *e;
        size_t n;
        OK(app_audit_list(F->st, F->a, &admin, &f, &e, &n, &err));
        assert_string_equal(e[0].action, "publish_agenda");
        assert_int_equal(e[0].forum_id, F->forum_a);
        assert_non_null(strstr(e[0].after_json, "kom sent"));
    }
    /* on time: 23:59 on the deadline day; a reason given is not kept */
    OK(app_meeting_start_agenda(F->st, P(SEC_A), m2, &err));
    OK(app_meeting_publish_agenda(F->st, P(SEC_A), m2, local(2031, 4, 9, 23, 59), "unødvendig",
                                  &fe, &err));
    assert_string_equal(get_meeting(m2).late_reason, "");
    assert_int_equal(app_meeting_publish_agenda(F->st, P(SEC_A), m2, local(2031, 4, 9, 23, 59),
                                                NULL, &fe, &err), KL_ECONFLICT);
}

static void test_secretariat_overview(void **state)
{
    int64_t soon = meeting_on(F->forum_a, 2031, 3, 12);   /* deadline 26 Feb */
    int64_t week = meeting_on(F->forum_a, 2031, 3, 17);   /* deadline 3 March */
    int64_t later = meeting_on(F->forum_a, 2031, 5, 20);  /* deadline 6 May */
    int64_t late = meeting_on(F->forum_a, 2031, 3, 5);    /* deadline 19 Feb: overdue */
    int64_t b = meeting_on(F->forum_b, 2031, 3, 6);
    int64_t past = meeting_on(F->forum_a, 2031, 2, 1);
    int64_t now = local(2031, 2, 23, 10, 0);
    struct meeting_deadline *rows;
    struct kl_error err;
    size_t n;

    (void)state;
    (void)past;
    advance(week, MEETING_AGENDA_PUBLISHED);
    OK(app_meeting_overview(F->st, F->a, P(SEC_A), now, &rows, &n, &err));
    assert_int_equal(n, 4); /* A's upcoming meetings; not B's, not the past one */
    assert_int_equal(rows[0].meeting.id, late);
    assert_int_equal(rows[0].urgency, URGENCY_OVERDUE);
    assert_int_equal(rows[0].days_left, -4);
    assert_int_equal(rows[1].meeting.id, soon);
    assert_int_equal(rows[1].deadline, date_from_ymd(2031, 2, 26));
    assert_int_equal(rows[1].days_left, 3);
    assert_int_equal(rows[1].urgency, URGENCY_SOON);
    assert_int_equal(rows[2].meeting.id, week);
    assert_int_equal(rows[2].urgency, URGENCY_FINE); /* published */
    assert_int_equal(rows[2].meeting.status, MEETING_AGENDA_PUBLISHED);
    assert_int_equal(rows[3].meeting.id, later);
    assert_int_equal(rows[3].urgency, URGENCY_FINE);
    OK(app_meeting_overview(F->st, F->a, P(SEC_B), now, &rows, &n, &err));
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].meeting.id, b);
    assert_int_equal(rows[0].urgency, URGENCY_OVERDUE);
    OK(app_meeting_overview(F->st, F->a, P(ADMIN), now, &rows, &n, &err));
    assert_int_equal(n, 5);
    OK(app_meeting_overview(F->st, F->a, P(MEMBER), now, &rows, &n, &err));
    assert_int_equal(n, 0);
    assert_int_equal(app_meeting_overview(F->st, F->a, P(ANON), now, &rows, &n, &err), KL_EPERM);
    /* a week out */
    OK(app_meeting_overview(F->st, F->a, P(SEC_A), local(2031, 4, 29, 8, 0), &rows, &n, &err));
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].urgency, URGENCY_WEEK);
}

/* The agenda. */

/* A forum whose mandate leaves out the round and the approval of the agenda starts its
 * agendas with what is left. */
static void test_mandate_leaves_out_standard_items(void **state)
{
    struct forum f;
    struct field_errors fe = {0};
    struct kl_error err;
    struct agenda ag;
    int64_t m1, m2;

    (void)state;
    OK(app_forum_get(F->st, F->a, F->forum_b, &f, &err));
    f.mandate.omit_standard = (1u << STANDARD_ROUND) | (1u << STANDARD_APPROVE_AGENDA);
    OK(app_forum_save(F->st, &admin, &f, &fe, &err));
    m1 = meeting_on(F->forum_b, 2031, 2, 3);
    m2 = meeting_on(F->forum_b, 2031, 4, 7);
    advance(m1, MEETING_AGENDA_DRAFT);
    ag = agenda_as(ADMIN, m1);
    assert_int_equal(ag.nitems, 1);
    assert_int_equal(ag.items[0].item.standard, STANDARD_ANY_OTHER);
    OK(app_meeting_start_agenda(F->st, &admin, m2, &err));
    ag = agenda_as(ADMIN, m2);
    assert_int_equal(ag.nitems, 2);
    assert_int_equal(ag.items[0].item.standard, STANDARD_APPROVE_MINUTES);
    assert_int_equal(ag.items[1].item.standard, STANDARD_ANY_OTHER);
    f.mandate.omit_standard = 1u << 7; /* no such item */
    fields_clear(&fe);
    assert_int_equal(app_forum_save(F->st, &admin, &f, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "standard_items"));
}

static void test_standard_items_and_reorder(void **state)
{
    int64_t m1 = meeting_on(F->forum_a, 2031, 1, 15), m2 = meeting_on(F->forum_a, 2031, 3, 12);
    struct agenda ag;
    struct kl_error err;
    int64_t data, plan, extra;

    (void)state;
    advance(m1, MEETING_AGENDA_DRAFT);
    ag = agenda_as(SEC_A, m1);
    assert_int_equal(ag.nitems, 3); /* no earlier meeting: no minutes to approve */
    assert_string_equal(ag.items[0].item.title, "Godkendelse af dagsorden");
    assert_string_equal(ag.items[0].item.recommendation, "At Chefforum godkender dagsordenen");
    assert_int_equal(ag.items[0].item.rooms, ROOM_DECIDING);
    assert_string_equal(ag.items[1].item.title, "Runde: Hvad er vi optagede af?");
    assert_string_equal(ag.items[2].item.title, "Eventuelt");
    assert_int_equal(ag.items[2].item.standard, STANDARD_ANY_OTHER);

    OK(app_meeting_start_agenda(F->st, P(SEC_A), m2, &err));
    ag = agenda_as(SEC_A, m2);
    assert_int_equal(ag.nitems, 4);
    assert_int_equal(ag.items[1].item.standard, STANDARD_APPROVE_MINUTES);
    assert_int_equal(ag.items[1].item.approves_minutes_of, m1);
    assert_string_equal(ag.items[1].item.recommendation,
                        "At Chefforum godkender referatet fra mødet den 15. januar 2031");
    for (size_t i = 0; i < ag.nitems; i++)
        assert_int_equal(ag.items[i].item.number, (int)i + 1);

    data = add_item(m2, "Brug af data i klyngesamarbejdet", 0);
    plan = add_item(m2, "Handleplan, status for indsatserne", 0);
    ag = agenda_as(SEC_A, m2);
    assert_int_equal(ag.nitems, 6);
    assert_int_equal(entry(&ag, data)->item.number, 4);
    assert_int_equal(entry(&ag, plan)->item.number, 5);
    assert_string_equal(ag.items[5].item.title, "Eventuelt");
    assert_string_equal(entry(&ag, data)->item.recommendation,
                        "At Chefforum drøfter sagen\nAt Chefforum beslutter");

    /* reorder: the plan first after the standard items, then past the end */
    OK(app_item_move(F->st, P(SEC_A), plan, 2, &err));
    ag = agenda_as(SEC_A, m2);
    assert_int_equal(ag.items[1].item.id, plan);
    for (size_t i = 0; i < ag.nitems; i++)
        assert_int_equal(ag.items[i].item.number, (int)i + 1);
    assert_int_equal(entry(&ag, data)->item.number, 5);
    OK(app_item_move(F->st, P(SEC_A), plan, 99, &err));
    ag = agenda_as(SEC_A, m2);
    assert_int_equal(ag.items[5].item.id, plan);
    assert_int_equal(app_item_move(F->st, P(SEC_A), plan, 0, &err), KL_EINVAL);
    assert_int_equal(app_item_move(F->st, P(MEMBER), plan, 1, &err), KL_EPERM);

    /* removing renumbers; a published agenda keeps its items */
    extra = add_item(m2, "Fejl", 0);
    OK(app_item_delete(F->st, P(SEC_A), data, &err));
    ag = agenda_as(SEC_A, m2);
    assert_int_equal(ag.nitems, 6);
    assert_null(entry(&ag, data));
    for (size_t i = 0; i < ag.nitems; i++)
        assert_int_equal(ag.items[i].item.number, (int)i + 1);
    advance(m2, MEETING_AGENDA_PUBLISHED);
    assert_int_equal(app_item_delete(F->st, P(SEC_A), extra, &err), KL_ECONFLICT);
    /* a supplementary item on a published agenda is allowed; reordering too */
    add_item(m2, "Supplerende punkt", 0);
    OK(app_item_move(F->st, P(SEC_A), extra, 1, &err));
    advance(m2, MEETING_HELD);
    assert_int_equal(app_item_move(F->st, P(SEC_A), extra, 2, &err), KL_ECONFLICT);
}

static void test_item_content_checks(void **state)
{
    int64_t m = meeting_on(F->forum_a, 2031, 3, 12);
    static char big[ITEM_TEXT_MAX + 10];
    struct agenda_item it = {.title = "", .rooms = 32, .recommendation = "", .case_text = big};
    struct field_errors fe = {0};
    struct kl_error err;

    (void)state;
    memset(big, 'a', sizeof(big) - 1);
    assert_int_equal(app_item_add(F->st, P(SEC_A), m, &it, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "title"));
    assert_non_null(fields_get(&fe, "rooms"));
    assert_non_null(fields_get(&fe, "case_text"));
    assert_int_equal(agenda_as(ADMIN, m).nitems, 0);
}

static void test_proposals(void **state)
{
    int64_t m = meeting_on(F->forum_a, 2031, 3, 12);
    struct agenda_item p1 = {.title = "Rekruttering af praksislæger", .rooms = ROOM_INFORMING,
                             .recommendation = "At Chefforum drøfter rekruttering"};
    struct agenda_item p2 = {.title = "Et forslag", .rooms = ROOM_DEVELOPING};
    struct agenda_item *list;
    struct field_errors fe = {0};
    struct kl_error err;
    struct agenda ag;
    size_t n;

    (void)state;
    advance(m, MEETING_AGENDA_DRAFT);
    OK(app_item_propose(F->st, P(MEMBER), F->forum_a, &p1, &fe, &err));
    OK(app_item_propose(F->st, P(CHAIR), F->forum_a, &p2, &fe, &err));
    assert_int_equal(app_item_propose(F->st, P(READER), F->forum_a, &p2, &fe, &err), KL_EPERM);
    assert_int_equal(app_item_propose(F->st, P(SEC_B), F->forum_a, &p2, &fe, &err), KL_EPERM);
    OK(app_forum_items(F->st, F->a, P(MEMBER), F->forum_a, ITEM_PROPOSED, &list, &n, &err));
    assert_int_equal(n, 2);
    assert_string_equal(list[0].proposed_by, "Mia Nicolaisen");
    assert_int_equal(list[0].proposed_by_user, P(MEMBER)->user_id);
    assert_int_equal(app_forum_items(F->st, F->a, P(READER), F->forum_a, ITEM_PROPOSED, &list,
                                     &n, &err), KL_EPERM);
    /* the proposer may change their proposal, another member may not */
    p1.title = "Rekruttering af praktiserende læger";
    OK(app_item_update(F->st, P(MEMBER), &p1, &fe, &err));
    assert_int_equal(app_item_update(F->st, P(CHAIR), &p1, &fe, &err), KL_EPERM);
    /* the secretary accepts one into the meeting, declines the other with a reason */
    assert_int_equal(app_proposal_accept(F->st, P(MEMBER), p1.id, m, &err), KL_EPERM);
    OK(app_proposal_accept(F->st, P(SEC_A), p1.id, m, &err));
    ag = agenda_as(SEC_A, m);
    assert_int_equal(entry(&ag, p1.id)->item.number, 3);
    assert_string_equal(entry(&ag, p1.id)->item.title, "Rekruttering af praktiserende læger");
    assert_string_equal(ag.items[ag.nitems - 1].item.title, "Eventuelt");
    assert_int_equal(app_proposal_decline(F->st, P(SEC_A), p2.id, "", &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "reason"));
    fields_clear(&fe);
    OK(app_proposal_decline(F->st, P(SEC_A), p2.id, "Behandles i driftsforum", &fe, &err));
    OK(app_forum_items(F->st, F->a, P(SEC_A), F->forum_a, ITEM_DECLINED, &list, &n, &err));
    assert_int_equal(n, 1);
    assert_string_equal(list[0].decline_reason, "Behandles i driftsforum");
    assert_int_equal(app_proposal_accept(F->st, P(SEC_A), p2.id, m, &err), KL_ECONFLICT);
    assert_int_equal(app_proposal_decline(F->st, P(SEC_A), p1.id, "x", &fe, &err), KL_ECONFLICT);
    /* into another forum's meeting: refused */
    {
        struct agenda_item p3 = {.title = "Tredje"};
        int64_t mb = meeting_on(F->forum_b, 2031, 3, 13);
        OK(app_item_propose(F->st, P(MEMBER), F->forum_a, &p3, &fe, &err));
        assert_int_equal(app_proposal_accept(F->st, P(SEC_A), p3.id, mb, &err), KL_EINVAL);
    }
}

/* Visibility. */

/* What w sees of meeting m's agenda: -1 when refused, else the number of items (with
 * *closed_seen set when the closed item is among them). */
static int sees(enum who w, int64_t m, int64_t closed_item, int *closed_seen)
{
    struct agenda ag;
    struct kl_error err;
    int rc = app_agenda_get(F->st, F->a, P(w), m, &ag, &err);

    *closed_seen = 0;
    if (rc)
        return -1;
    *closed_seen = entry(&ag, closed_item) != NULL;
    return (int)ag.nitems;
}

static void test_visibility_of_closed_items_and_drafts(void **state)
{
    int64_t m = meeting_on(F->forum_a, 2031, 3, 12), open, closed;
    struct agenda_entry e;
    struct attachment_file file;
    struct attachment_upload up = {.filename = "bilag.pdf",
                                   .data = (const unsigned char *)"%PDF-1.4\n%test\n",
                                   .size = 15};
    struct field_errors fe = {0};
    struct kl_error err;
    struct agenda ag;
    int64_t att;
    int closed_seen;

    (void)state;
    advance(m, MEETING_AGENDA_DRAFT);
    open = add_item(m, "Brug af data", 0);
    closed = add_item(m, "Personalesag", 1);
    OK(app_attachment_add(F->st, P(SEC_A), closed, &up, &att, &fe, &err));

    /* a draft: the forum's members see everything, readers see no items, strangers nothing */
    assert_int_equal(sees(MEMBER, m, closed, &closed_seen), 5);
    assert_true(closed_seen);
    assert_int_equal(sees(CHAIR, m, closed, &closed_seen), 5);
    assert_int_equal(sees(SEC_A, m, closed, &closed_seen), 5);
    assert_int_equal(sees(ADMIN, m, closed, &closed_seen), 5);
    assert_int_equal(sees(READER, m, closed, &closed_seen), 0);
    assert_int_equal(sees(SEC_B, m, closed, &closed_seen), -1);
    assert_int_equal(sees(ANON, m, closed, &closed_seen), -1);
    ag = agenda_as(READER, m);
    assert_false(ag.agenda_visible);
    assert_false(ag.internal);
    assert_int_equal(app_item_get(F->st, F->a, P(READER), open, &e, &err), KL_ENOTFOUND);
    assert_int_equal(app_item_get(F->st, F->a, P(ANON), open, &e, &err), KL_EPERM);
    assert_int_equal(app_item_get(F->st, F->a, P(SEC_B), closed, &e, &err), KL_EPERM);
    OK(app_item_get(F->st, F->a, P(MEMBER), closed, &e, &err));

    /* published: readers see the agenda without the closed item, ever */
    advance(m, MEETING_AGENDA_PUBLISHED);
    assert_int_equal(sees(READER, m, closed, &closed_seen), 4);
    assert_false(closed_seen);
    assert_int_equal(sees(MEMBER, m, closed, &closed_seen), 5);
    assert_true(closed_seen);
    assert_int_equal(sees(SEC_B, m, closed, &closed_seen), -1);
    assert_int_equal(sees(ANON, m, closed, &closed_seen), -1);
    OK(app_item_get(F->st, F->a, P(READER), open, &e, &err));
    assert_int_equal(app_item_get(F->st, F->a, P(READER), closed, &e, &err), KL_ENOTFOUND);
    assert_int_equal(app_attachment_get(F->st, F->a, P(READER), att, 0, &file, &err),
                     KL_ENOTFOUND);
    assert_int_equal(app_attachment_get(F->st, F->a, P(ANON), att, 0, &file, &err), KL_EPERM);
    OK(app_attachment_get(F->st, F->a, P(MEMBER), att, 0, &file, &err));

    /* decisions: drafts only inside the forum, then published without the closed item */
    advance(m, MEETING_HELD);
    decide(open, "Der var enighed om at følge data i klyngepakkerne.", OUTCOME_NOTED);
    decide(closed, "Fortroligt.", OUTCOME_APPROVED);
    advance(m, MEETING_MINUTES_DRAFT);
    ag = agenda_as(READER, m);
    assert_false(ag.minutes_visible);
    assert_string_equal(entry(&ag, open)->item.decision, "");
    assert_int_equal(entry(&ag, open)->item.outcome, OUTCOME_NONE);
    ag = agenda_as(MEMBER, m);
    assert_true(ag.minutes_visible);
    assert_string_equal(entry(&ag, open)->item.decision,
                        "Der var enighed om at følge data i klyngepakkerne.");
    advance(m, MEETING_MINUTES_PUBLISHED);
    ag = agenda_as(READER, m);
    assert_true(ag.minutes_visible);
    assert_int_equal(entry(&ag, open)->item.outcome, OUTCOME_NOTED);
    assert_null(entry(&ag, closed));
    assert_int_equal(sees(SEC_B, m, closed, &closed_seen), -1);

    /* a public forum: anyone sees what it published, nothing closed, no drafts */
    {
        int64_t mp = meeting_on(F->forum_p, 2031, 3, 20), popen, pclosed;
        struct meeting_query q = {.forum_ids = &F->forum_p, .nforums = 1, .to_day = DATE_OPEN};
        struct meeting *list;
        size_t n;
        advance(mp, MEETING_AGENDA_DRAFT);
        popen = add_item(mp, "Tema: IPS for unge", 0);
        pclosed = add_item(mp, "Lukket punkt", 1);
        (void)popen;
        OK(app_meeting_list(F->st, F->a, P(ANON), &q, &list, &n, &err));
        assert_int_equal(n, 1);
        assert_int_equal(sees(ANON, mp, pclosed, &closed_seen), 0);
        advance(mp, MEETING_AGENDA_PUBLISHED);
        assert_int_equal(sees(ANON, mp, pclosed, &closed_seen), 4);
        assert_false(closed_seen);
        assert_int_equal(sees(SEC_A, mp, pclosed, &closed_seen), 5); /* P's secretary */
        assert_true(closed_seen);
    }
    /* lists leave out forums who may not see */
    {
        struct meeting_query q = {.to_day = DATE_OPEN};
        struct meeting *list;
        size_t n;
        OK(app_meeting_list(F->st, F->a, P(SEC_B), &q, &list, &n, &err));
        assert_int_equal(n, 1); /* the public forum's only */
        assert_int_equal(list[0].forum_id, F->forum_p);
        OK(app_meeting_list(F->st, F->a, P(READER), &q, &list, &n, &err));
        assert_int_equal(n, 2); /* A's meeting and the public forum's */
    }
}

/* Attendance. */

static void test_attendance_grouped_by_organisation(void **state)
{
    int64_t m = meeting_on(F->forum_a, 2031, 3, 12), item;
    struct attendance_report r;
    struct field_errors fe = {0};
    struct kl_error err;
    int64_t now = local(2031, 3, 1, 9, 0);

    (void)state;
    advance(m, MEETING_AGENDA_PUBLISHED);
    item = add_item(m, "Sammenhæng mellem driftsfora", 0);
    /* the member herself, with a substitute */
    OK(app_attendance_absent(F->st, P(MEMBER), m, F->mia, F->tina, "", now, &fe, &err));
    /* not for somebody else, and not as a reader */
    assert_int_equal(app_attendance_absent(F->st, P(MEMBER), m, F->torben, 0, "", now, &fe, &err),
                     KL_EPERM);
    assert_int_equal(app_attendance_absent(F->st, P(READER), m, F->mia, 0, "", now, &fe, &err),
                     KL_EPERM);
    /* a substitute already invited, a person not invited, the former member */
    assert_int_equal(app_attendance_absent(F->st, P(SEC_A), m, F->torben, F->daniel, "", now, &fe,
                                           &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "substitute_id"));
    fields_clear(&fe);
    assert_int_equal(app_attendance_absent(F->st, P(SEC_A), m, F->diane, 0, "", now, &fe, &err),
                     KL_EINVAL);
    assert_non_null(fields_get(&fe, "person_id"));
    fields_clear(&fe);
    assert_int_equal(app_attendance_absent(F->st, P(SEC_A), m, F->olga, 0, "", now, &fe, &err),
                     KL_EINVAL);
    fields_clear(&fe);
    /* the secretary registers Torben's absence; Diane is a guest for one item */
    OK(app_attendance_absent(F->st, P(SEC_A), m, F->torben, 0, "Ferie", now, &fe, &err));
    OK(app_attendance_add_guest(F->st, P(SEC_A), m, F->diane, item,
                                "Driftsforum Børn og Unge Somatik", &fe, &err));
    assert_int_equal(app_attendance_add_guest(F->st, P(SEC_A), m, F->rikke, 0, "", &fe, &err),
                     KL_EINVAL);
    fields_clear(&fe);

    /* readers see attendance with the minutes, not before */
    assert_int_equal(app_attendance_get(F->st, F->a, P(READER), m, &r, &err), KL_EPERM);
    OK(app_attendance_get(F->st, F->a, P(MEMBER), m, &r, &err));
    /* present: Aalborg Kommune (Tina for Mia), PLO (Rikke), Region Nordjylland (Daniel);
     * Torben represents nobody in particular: his own organisation, Aalborg Kommune */
    assert_int_equal(r.npresent, 3);
    assert_string_equal(r.present[0].organisation_name, "Aalborg Kommune");
    assert_int_equal(r.present[0].n, 1);
    assert_string_equal(r.present[0].people[0].name, "Tina Maria Larsen");
    assert_int_equal(r.present[0].people[0].kind, ATTEND_SUBSTITUTE);
    assert_string_equal(r.present[0].people[0].substitute_for_name, "Mia Nicolaisen");
    assert_string_equal(r.present[1].organisation_name, "PLO");
    assert_string_equal(r.present[1].people[0].name, "Rikke Svendstrup");
    assert_string_equal(r.present[2].organisation_name, "Region Nordjylland");
    assert_int_equal(r.present[2].people[0].role, MEMBER_CHAIR);
    /* afbud: Mia and Torben under Aalborg Kommune, by name */
    assert_int_equal(r.nabsent, 1);
    assert_string_equal(r.absent[0].organisation_name, "Aalborg Kommune");
    assert_int_equal(r.absent[0].n, 2);
    assert_string_equal(r.absent[0].people[0].name, "Mia Nicolaisen");
    assert_string_equal(r.absent[0].people[0].substitute_name, "Tina Maria Larsen");
    assert_string_equal(r.absent[0].people[1].name, "Torben Krogh Kjeldgaard");
    assert_string_equal(r.absent[0].people[1].note, "Ferie");
    assert_int_equal(r.nguests, 1);
    assert_string_equal(r.guests[0].name, "Diane Aarestrup");
    assert_int_equal(r.guests[0].item_number, 3);
    assert_string_equal(r.guests[0].note, "Driftsforum Børn og Unge Somatik");
    assert_int_equal(r.nsecretariat, 1);
    assert_string_equal(r.secretariat[0].name, "Sofie Bording");

    /* Mia changes her mind: her substitute goes too */
    OK(app_attendance_withdraw_absence(F->st, P(MEMBER), m, F->mia, &err));
    OK(app_attendance_get(F->st, F->a, P(SEC_A), m, &r, &err));
    assert_int_equal(r.absent[0].n, 1);
    assert_int_equal(r.present[0].n, 1);
    assert_string_equal(r.present[0].people[0].name, "Mia Nicolaisen");
    /* and when the secretary removes her row instead, the substitute's goes with it */
    OK(app_attendance_absent(F->st, P(MEMBER), m, F->mia, F->tina, "", now, &fe, &err));
    OK(app_attendance_remove(F->st, P(SEC_A), m, F->mia, &err));
    OK(app_attendance_get(F->st, F->a, P(SEC_A), m, &r, &err));
    assert_int_equal(r.absent[0].n, 1);
    assert_int_equal(r.present[0].n, 1);
    assert_string_equal(r.present[0].people[0].name, "Mia Nicolaisen");
    /* at the meeting: marked present and absent; no more absences once held */
    advance(m, MEETING_HELD);
    OK(app_attendance_mark(F->st, P(SEC_A), m, F->daniel, 1, &err));
    OK(app_attendance_mark(F->st, P(SEC_A), m, F->rikke, 0, &err));
    assert_int_equal(app_attendance_mark(F->st, P(MEMBER), m, F->rikke, 1, &err), KL_EPERM);
    assert_int_equal(app_attendance_mark(F->st, P(SEC_A), m, F->tina, 1, &err), KL_EINVAL);
    assert_int_equal(app_attendance_absent(F->st, P(MEMBER), m, F->mia, 0, "", now, &fe, &err),
                     KL_ECONFLICT);
    advance(m, MEETING_MINUTES_PUBLISHED);
    OK(app_attendance_get(F->st, F->a, P(READER), m, &r, &err));
    assert_int_equal(r.nabsent, 2); /* Aalborg (Torben) and PLO (Rikke) */
    assert_string_equal(r.absent[1].people[0].name, "Rikke Svendstrup");
    assert_int_equal(r.present[1].people[0].status, ATTEND_PRESENT);
    assert_int_equal(app_attendance_mark(F->st, P(SEC_A), m, F->daniel, 0, &err), KL_ECONFLICT);
}

/* Minutes. */

static void test_minutes_approved_at_the_next_meeting(void **state)
{
    int64_t m1 = meeting_on(F->forum_a, 2031, 1, 15), m2 = meeting_on(F->forum_a, 2031, 3, 12);
    int64_t m3 = meeting_on(F->forum_a, 2031, 5, 20), item, approve = 0, approve3 = 0;
    struct minutes_approver *appr;
    struct field_errors fe = {0};
    struct kl_error err;
    struct agenda ag;
    struct meeting m;
    size_t n;
    int64_t people[] = {F->daniel, F->rikke};

    (void)state;
    advance(m1, MEETING_AGENDA_PUBLISHED);
    item = add_item(m1, "Hjerterehabilitering", 0);
    assert_int_equal(app_minutes_record(F->st, P(SEC_A), item, "Godkendt.", OUTCOME_APPROVED, 0,
                                        &fe, &err), KL_ECONFLICT); /* not held */
    advance(m1, MEETING_HELD);
    assert_int_equal(app_minutes_record(F->st, P(MEMBER), item, "x", OUTCOME_APPROVED, 0, &fe,
                                        &err), KL_EPERM);
    assert_int_equal(app_minutes_record(F->st, P(SEC_A), item, "x", OUTCOME_COUNT, 0, &fe, &err),
                     KL_EINVAL);
    fields_clear(&fe);
    decide(item, "Indstillingerne er godkendt.", OUTCOME_APPROVED);
    advance(m1, MEETING_MINUTES_PUBLISHED);
    assert_int_equal(app_minutes_record(F->st, P(SEC_A), item, "x", OUTCOME_NOTED, 0, &fe, &err),
                     KL_ECONFLICT); /* published */

    advance(m2, MEETING_HELD);
    ag = agenda_as(SEC_A, m2);
    for (size_t i = 0; i < ag.nitems; i++)
        if (ag.items[i].item.standard == STANDARD_APPROVE_MINUTES)
            approve = ag.items[i].item.id;
    assert_true(approve);
    decide(approve, "Godkendt.", OUTCOME_APPROVED);
    m = get_meeting(m1);
    assert_int_equal(m.approval, APPROVAL_MEETING);
    assert_int_equal(m.approved_in, m2);
    /* changing the outcome withdraws the approval */
    decide(approve, "Ikke godkendt; rettes.", OUTCOME_REJECTED);
    assert_int_equal(get_meeting(m1).approval, APPROVAL_NONE);
    decide(approve, "Godkendt med en rettelse.", OUTCOME_APPROVED_WITH_CHANGES);
    assert_int_equal(get_meeting(m1).approval, APPROVAL_MEETING);

    /* m3 links m2, whose minutes are not published: its approval must wait */
    advance(m3, MEETING_HELD);
    ag = agenda_as(SEC_A, m3);
    for (size_t i = 0; i < ag.nitems; i++)
        if (ag.items[i].item.standard == STANDARD_APPROVE_MINUTES)
            approve3 = ag.items[i].item.id;
    assert_int_equal(entry(&ag, approve3)->item.approves_minutes_of, m2);
    assert_int_equal(app_minutes_record(F->st, P(SEC_A), approve3, "Godkendt.", OUTCOME_APPROVED,
                                        0, &fe, &err), KL_ECONFLICT);

    /* by circulation: who and when */
    assert_int_equal(app_minutes_approve_circulation(F->st, P(SEC_A), m2, people, 2,
                                                     date_from_ymd(2031, 3, 20),
                                                     local(2031, 3, 21, 9, 0), &fe, &err),
                     KL_ECONFLICT); /* not published */
    advance(m2, MEETING_MINUTES_PUBLISHED);
    assert_int_equal(app_minutes_approve_circulation(F->st, P(SEC_A), m2, people, 0,
                                                     date_from_ymd(2031, 3, 20),
                                                     local(2031, 3, 21, 9, 0), &fe, &err),
                     KL_EINVAL);
    fields_clear(&fe);
    assert_int_equal(app_minutes_approve_circulation(F->st, P(SEC_A), m2, people, 2,
                                                     date_from_ymd(2031, 3, 25),
                                                     local(2031, 3, 21, 9, 0), &fe, &err),
                     KL_EINVAL); /* in the future */
    assert_non_null(fields_get(&fe, "approved_on"));
    fields_clear(&fe);
    OK(app_minutes_approve_circulation(F->st, P(SEC_A), m2, people, 2, date_from_ymd(2031, 3, 20),
                                       local(2031, 3, 21, 9, 0), &fe, &err));
    m = get_meeting(m2);
    assert_int_equal(m.approval, APPROVAL_CIRCULATION);
    assert_int_equal(m.approved_on, date_from_ymd(2031, 3, 20));
    OK(app_minutes_approvers(F->st, F->a, P(READER), m2, &appr, &n, &err));
    assert_int_equal(n, 2);
    assert_string_equal(appr[0].name, "Daniel Kjærgaard Simonsen");
    assert_string_equal(appr[1].name, "Rikke Svendstrup");
    assert_int_equal(app_minutes_approvers(F->st, F->a, P(SEC_B), m2, &appr, &n, &err), KL_EPERM);
}

/* Follow-ups and bringing matters back. */

static void test_bring_back_to_the_next_agenda(void **state)
{
    int64_t m1 = meeting_on(F->forum_a, 2031, 1, 15), m2 = meeting_on(F->forum_a, 2031, 3, 12);
    int64_t m3 = meeting_on(F->forum_a, 2031, 5, 20), item, back, explicit_item = 0;
    struct followup *list, f = {.what = "Herning følger op på udviklingen",
                                .due_on = DATE_OPEN};
    struct agenda_item *pending;
    struct field_errors fe = {0};
    struct kl_error err;
    struct agenda ag;
    size_t n, nback = 0;

    (void)state;
    advance(m1, MEETING_AGENDA_PUBLISHED);
    item = add_item(m1, "Status på Krop og Kræft i HE Vest", 1);
    advance(m1, MEETING_HELD);
    /* m2's agenda is published already: the matter goes to m3, which is only planned */
    advance(m2, MEETING_AGENDA_PUBLISHED);
    decide(item, "Sagen genfremsættes på næstkommende møde.", OUTCOME_BROUGHT_BACK);
    decide(item, "Sagen genfremsættes på næstkommende møde, med jura.", OUTCOME_BROUGHT_BACK);
    OK(app_followup_list_forum(F->st, F->a, P(SEC_A), F->forum_a, 1, &list, &n, &err));
    assert_int_equal(n, 1); /* once per item */
    assert_true(list[0].bring_back);
    assert_int_equal(list[0].owner_forum_id, F->forum_a);
    assert_true(list[0].brought_back_item);
    back = list[0].brought_back_item;
    ag = agenda_as(SEC_A, m2);
    assert_null(entry(&ag, back));
    advance(m3, MEETING_AGENDA_DRAFT);
    ag = agenda_as(SEC_A, m3);
    assert_non_null(entry(&ag, back));
    assert_int_equal(entry(&ag, back)->item.origin_followup_id, list[0].id);
    assert_true(entry(&ag, back)->item.closed); /* a closed matter stays closed */
    assert_string_equal(entry(&ag, back)->item.title, "Status på Krop og Kræft i HE Vest");
    assert_int_equal(entry(&ag, back)->item.number, 4); /* after the standard items */
    assert_string_equal(ag.items[ag.nitems - 1].item.title, "Eventuelt");
    /* readers never see the closed follow-up */
    advance(m1, MEETING_MINUTES_PUBLISHED);
    OK(app_followup_list_forum(F->st, F->a, P(READER), F->forum_a, 0, &list, &n, &err));
    assert_int_equal(n, 0);

    /* an explicit follow-up owned by a person, brought back on request */
    f.item_id = item;
    f.owner_person_id = F->mia;
    f.due_on = date_from_ymd(2031, 4, 1);
    assert_int_equal(app_followup_add(F->st, P(MEMBER), &f, 0, &fe, &err), KL_EPERM);
    OK(app_followup_add(F->st, P(SEC_A), &f, local(2031, 1, 16, 9, 0), &fe, &err));
    OK(app_followup_list_owned(F->st, F->a, P(MEMBER), 0, 1, &list, &n, &err));
    assert_int_equal(n, 1);
    assert_string_equal(list[0].owner_name, "Mia Nicolaisen");
    assert_int_equal(list[0].due_on, date_from_ymd(2031, 4, 1));
    OK(app_followup_bring_back(F->st, P(SEC_A), f.id, &explicit_item, &err));
    assert_int_equal(app_followup_bring_back(F->st, P(SEC_A), f.id, NULL, &err), KL_ECONFLICT);
    ag = agenda_as(SEC_A, m3);
    assert_non_null(entry(&ag, explicit_item));
    /* the owner marks it done; another member may not */
    assert_int_equal(app_followup_set_status(F->st, P(CHAIR), f.id, FOLLOWUP_DONE, 0, &err),
                     KL_EPERM);
    OK(app_followup_set_status(F->st, P(MEMBER), f.id, FOLLOWUP_DONE,
                               local(2031, 3, 30, 9, 0), &err));
    OK(app_followup_list_owned(F->st, F->a, P(MEMBER), 0, 1, &list, &n, &err));
    assert_int_equal(n, 0);
    {
        struct followup one;
        OK(app_followup_get(F->st, F->a, P(MEMBER), f.id, &one, &err));
        assert_int_equal(one.status, FOLLOWUP_DONE);
        assert_int_equal(one.closed_at, local(2031, 3, 30, 9, 0));
    }
    /* deciding the brought-back item closes its follow-up */
    advance(m3, MEETING_HELD);
    decide(back, "Arbejdsgruppen nedsættes.", OUTCOME_APPROVED);
    OK(app_followup_list_forum(F->st, F->a, P(SEC_A), F->forum_a, 1, &list, &n, &err));
    for (size_t i = 0; i < n; i++)
        nback += list[i].bring_back;
    assert_int_equal(nback, 0);

    /* with no later meeting, the matter waits as pending for the next agenda started */
    {
        int64_t b1 = meeting_on(F->forum_b, 2031, 2, 2), b2, bi, bb;
        advance(b1, MEETING_AGENDA_PUBLISHED);
        bi = add_item(b1, "Genoptræningsplaner", 0);
        advance(b1, MEETING_HELD);
        decide(bi, "Bringes op igen.", OUTCOME_BROUGHT_BACK);
        OK(app_forum_items(F->st, F->a, P(SEC_B), F->forum_b, ITEM_PENDING, &pending, &n, &err));
        assert_int_equal(n, 1);
        bb = pending[0].id;
        assert_int_equal(pending[0].state, ITEM_PENDING);
        b2 = meeting_on(F->forum_b, 2031, 6, 2);
        advance(b2, MEETING_AGENDA_DRAFT);
        ag = agenda_as(SEC_B, b2);
        assert_non_null(entry(&ag, bb));
        OK(app_forum_items(F->st, F->a, P(SEC_B), F->forum_b, ITEM_PENDING, &pending, &n, &err));
        assert_int_equal(n, 0);
    }
}

/* Referrals. */

static void test_referral_up_and_answer(void **state)
{
    int64_t mb = meeting_on(F->forum_b, 2031, 2, 2), ma = meeting_on(F->forum_a, 2031, 3, 12);
    struct referral r = {.note = "Chefforum bedes tage stilling til finansieringen",
                         .answer_by = DATE_OPEN}, *list, got;
    struct field_errors fe = {0};
    struct kl_error err;
    struct agenda_entry e;
    int64_t item, taken = 0;
    size_t n;

    (void)state;
    advance(mb, MEETING_AGENDA_DRAFT);
    item = add_item(mb, "Tilbagemelding om glukosemålere", 0);
    r.item_id = item;
    r.to_forum_id = F->forum_a;
    r.answer_by = date_from_ymd(2031, 4, 1);
    assert_int_equal(app_referral_create(F->st, P(SEC_A), &r, &fe, &err), KL_EPERM);
    r.to_forum_id = F->forum_b;
    assert_int_equal(app_referral_create(F->st, P(SEC_B), &r, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "to_forum_id"));
    fields_clear(&fe);
    r.to_forum_id = F->forum_a;
    OK(app_referral_create(F->st, P(SEC_B), &r, &fe, &err));
    OK(app_referral_get(F->st, F->a, P(SEC_B), r.id, &got, &err));
    assert_int_equal(got.direction, REFERRAL_UP);
    assert_int_equal(got.status, REFERRAL_OPEN);
    assert_string_equal(got.title, "Tilbagemelding om glukosemålere");
    /* the receiving forum's inbox; "items for the next level" of B */
    OK(app_referral_inbox(F->st, F->a, P(MEMBER), F->forum_a, 1, &list, &n, &err));
    assert_int_equal(n, 1);
    assert_string_equal(list[0].from_forum_name, "Driftsforum Voksen Somatik");
    OK(app_referral_next_level(F->st, F->a, P(SEC_B), F->forum_b, &list, &n, &err));
    assert_int_equal(n, 1);
    assert_int_equal(app_referral_inbox(F->st, F->a, P(READER), F->forum_a, 1, &list, &n, &err),
                     KL_EPERM);
    assert_int_equal(app_referral_next_level(F->st, F->a, P(SEC_A), F->forum_b, &list, &n, &err),
                     KL_EPERM);
    /* A takes it up on its agenda and decides; publishing the minutes answers it */
    advance(ma, MEETING_AGENDA_DRAFT);
    assert_int_equal(app_referral_take_up(F->st, P(SEC_B), r.id, ma, &taken, &err), KL_EPERM);
    OK(app_referral_take_up(F->st, P(SEC_A), r.id, ma, &taken, &err));
    {
        struct agenda ag = agenda_as(SEC_A, ma);
        assert_non_null(entry(&ag, taken));
        assert_int_equal(entry(&ag, taken)->item.origin_referral_id, r.id);
        assert_string_equal(entry(&ag, taken)->item.case_text,
                            "Chefforum bedes tage stilling til finansieringen");
    }
    advance(ma, MEETING_HELD);
    decide(taken, "Chefforum godkender finansieringen.", OUTCOME_APPROVED);
    OK(app_referral_get(F->st, F->a, P(SEC_B), r.id, &got, &err));
    assert_int_equal(got.status, REFERRAL_OPEN); /* a draft answers nothing */
    advance(ma, MEETING_MINUTES_PUBLISHED);
    OK(app_referral_get(F->st, F->a, P(SEC_B), r.id, &got, &err));
    assert_int_equal(got.status, REFERRAL_ANSWERED);
    assert_string_equal(got.answer, "Chefforum godkender finansieringen.");
    assert_int_equal(got.taken_up_item, taken);
    /* the answer shows on the original item */
    OK(app_item_get(F->st, F->a, P(SEC_B), item, &e, &err));
    assert_int_equal(e.nreferrals, 1);
    assert_int_equal(e.referrals[0].status, REFERRAL_ANSWERED);
    OK(app_referral_next_level(F->st, F->a, P(SEC_B), F->forum_b, &list, &n, &err));
    assert_int_equal(n, 0);
    assert_int_equal(app_referral_withdraw(F->st, P(SEC_B), r.id, "x", &fe, &err), KL_ECONFLICT);

    /* down: an order to the driftsforum, answered by hand, or withdrawn */
    {
        int64_t ma2 = meeting_on(F->forum_a, 2031, 4, 23), order;
        struct referral down = {.note = "Bestilling: afdæk data", .answer_by = DATE_OPEN};
        struct referral across = {.note = "Til orientering", .answer_by = DATE_OPEN};
        advance(ma2, MEETING_AGENDA_DRAFT);
        order = add_item(ma2, "Afdækning af data", 0);
        down.item_id = order;
        down.to_forum_id = F->forum_b;
        OK(app_referral_create(F->st, P(SEC_A), &down, &fe, &err));
        OK(app_referral_get(F->st, F->a, P(SEC_B), down.id, &got, &err));
        assert_int_equal(got.direction, REFERRAL_DOWN);
        assert_int_equal(app_referral_answer(F->st, P(SEC_A), down.id, "svar", 0, &fe, &err),
                         KL_EPERM);
        assert_int_equal(app_referral_answer(F->st, P(SEC_B), down.id, "", 0, &fe, &err),
                         KL_EINVAL);
        fields_clear(&fe);
        OK(app_referral_answer(F->st, P(SEC_B), down.id, "Data er afdækket, se bilag.",
                               local(2031, 5, 1, 9, 0), &fe, &err));
        OK(app_referral_get(F->st, F->a, P(SEC_A), down.id, &got, &err));
        assert_int_equal(got.status, REFERRAL_ANSWERED);
        assert_int_equal(got.answered_at, local(2031, 5, 1, 9, 0));
        across.item_id = order;
        across.to_forum_id = F->forum_p;
        OK(app_referral_create(F->st, P(SEC_A), &across, &fe, &err));
        OK(app_referral_get(F->st, F->a, P(SEC_A), across.id, &got, &err));
        assert_int_equal(got.direction, REFERRAL_ACROSS);
        assert_int_equal(app_referral_withdraw(F->st, P(SEC_A), across.id, "", &fe, &err),
                         KL_EINVAL);
        fields_clear(&fe);
        OK(app_referral_withdraw(F->st, P(SEC_A), across.id, "Ikke relevant", &fe, &err));
        OK(app_referral_outbox(F->st, F->a, P(MEMBER), F->forum_a, 0, &list, &n, &err));
        assert_int_equal(n, 2);
        OK(app_referral_outbox(F->st, F->a, P(MEMBER), F->forum_a, 1, &list, &n, &err));
        assert_int_equal(n, 0);
        /* a stranger sees neither */
        assert_int_equal(app_referral_get(F->st, F->a, P(ANON), down.id, &got, &err), KL_EPERM);
    }
}

/* Attachments. */

static void test_attachments(void **state)
{
    static const char pdf[] = "%PDF-1.4\n%test\n";
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    int64_t m = meeting_on(F->forum_a, 2031, 3, 12), item, att = 0;
    struct attachment_upload up = {.title = "Udkast til kommissorium",
                                   .filename = "Udkast kommissorium.docx",
                                   .data = (const unsigned char *)pdf, .size = sizeof(pdf) - 1};
    struct attachment_info *list;
    struct attachment_file file;
    struct field_errors fe = {0};
    struct kl_error err;
    unsigned char *big;
    size_t n, big_size;
    int version = 0;

    (void)state;
    advance(m, MEETING_AGENDA_DRAFT);
    item = add_item(m, "Sammenhæng mellem driftsfora", 0);
    OK(app_attachment_add(F->st, P(SEC_A), item, &up, &att, &fe, &err));
    OK(app_attachment_get(F->st, F->a, P(SEC_A), att, 0, &file, &err));
    assert_string_equal(file.info.content_type, "application/pdf");
    assert_string_equal(file.info.filename, "Udkast kommissorium.pdf"); /* content decides */
    assert_string_equal(file.info.title, "Udkast til kommissorium");
    assert_string_equal(file.info.sha256,
                        "9d636b97713c8962c840e079a81f4805526bd2e3a1333bde969230f392a410f7");
    assert_int_equal(file.info.size, sizeof(pdf) - 1);
    assert_int_equal(file.size, sizeof(pdf) - 1);
    assert_memory_equal(file.data, pdf, sizeof(pdf) - 1);
    assert_string_equal(file.info.uploaded_by, "sofie");

    /* a new version keeps the old */
    up.filename = "diagram.png";
    up.data = png;
    up.size = sizeof(png);
    OK(app_attachment_add_version(F->st, P(SEC_A), att, &up, &version, &fe, &err));
    assert_int_equal(version, 2);
    OK(app_attachment_versions(F->st, F->a, P(MEMBER), att, &list, &n, &err));
    assert_int_equal(n, 2);
    assert_int_equal(list[0].version, 2);
    assert_string_equal(list[0].content_type, "image/png");
    assert_int_equal(list[1].version, 1);
    OK(app_attachment_get(F->st, F->a, P(MEMBER), att, 1, &file, &err));
    assert_memory_equal(file.data, pdf, sizeof(pdf) - 1);
    OK(app_attachment_get(F->st, F->a, P(MEMBER), att, 0, &file, &err));
    assert_int_equal(file.info.version, 2);
    assert_int_equal(file.info.nversions, 2);
    assert_memory_equal(file.data, png, sizeof(png));
    assert_int_equal(app_attachment_get(F->st, F->a, P(MEMBER), att, 3, &file, &err),
                     KL_ENOTFOUND);

    /* wrong content is refused, whatever its name; so is nothing */
    up.filename = "referat.pdf";
    up.data = (const unsigned char *)"<html><script>alert(1)</script></html>";
    up.size = 38;
    assert_int_equal(app_attachment_add(F->st, P(SEC_A), item, &up, NULL, &fe, &err), KL_EINVAL);
    assert_non_null(fields_get(&fe, "file"));
    fields_clear(&fe);
    up.size = 0;
    assert_int_equal(app_attachment_add(F->st, P(SEC_A), item, &up, NULL, &fe, &err), KL_EINVAL);
    fields_clear(&fe);
    OK(app_attachment_list(F->st, F->a, P(SEC_A), item, &list, &n, &err));
    assert_int_equal(n, 1);

    /* the size limit: configurable, 25 MiB by default */
    up.data = (const unsigned char *)pdf;
    up.size = sizeof(pdf) - 1;
    up.limit = 8;
    assert_int_equal(app_attachment_add(F->st, P(SEC_A), item, &up, NULL, &fe, &err), KL_ELIMIT);
    assert_non_null(fields_get(&fe, "file"));
    fields_clear(&fe);
    big_size = ATTACHMENT_MAX_DEFAULT + 1;
    big = calloc(1, big_size);
    assert_non_null(big);
    memcpy(big, "%PDF-1.7\n", 9);
    up.data = big;
    up.size = big_size;
    up.limit = 0;
    assert_int_equal(app_attachment_add(F->st, P(SEC_A), item, &up, NULL, &fe, &err), KL_ELIMIT);
    fields_clear(&fe);
    up.size = big_size - 1; /* exactly 25 MiB is accepted and read back whole */
    up.filename = "stor.pdf";
    OK(app_attachment_add(F->st, P(SEC_A), item, &up, &att, &fe, &err));
    {
        char hex[SHA256_HEX_LEN + 1];
        attachment_sha256_hex(big, big_size - 1, hex);
        OK(app_attachment_get(F->st, F->a, P(SEC_A), att, 0, &file, &err));
        assert_int_equal(file.size, big_size - 1);
        assert_string_equal(file.info.sha256, hex);
        assert_memory_equal(file.data, big, big_size - 1);
    }
    free(big);

    /* who may attach: the secretary; a member only to her own proposal */
    up.data = (const unsigned char *)pdf;
    up.size = sizeof(pdf) - 1;
    assert_int_equal(app_attachment_add(F->st, P(MEMBER), item, &up, NULL, &fe, &err), KL_EPERM);
    {
        struct agenda_item prop = {.title = "Forslag med bilag"};
        OK(app_item_propose(F->st, P(MEMBER), F->forum_a, &prop, &fe, &err));
        OK(app_attachment_add(F->st, P(MEMBER), prop.id, &up, NULL, &fe, &err));
        assert_int_equal(app_attachment_add(F->st, P(CHAIR), prop.id, &up, NULL, &fe, &err),
                         KL_EPERM);
        OK(app_attachment_list(F->st, F->a, P(CHAIR), prop.id, &list, &n, &err));
        assert_int_equal(n, 1);
        assert_int_equal(app_attachment_list(F->st, F->a, P(READER), prop.id, &list, &n, &err),
                         KL_ENOTFOUND);
    }
    /* readers read attachments with the published agenda */
    assert_int_equal(app_attachment_list(F->st, F->a, P(READER), item, &list, &n, &err),
                     KL_ENOTFOUND);
    advance(m, MEETING_AGENDA_PUBLISHED);
    OK(app_attachment_list(F->st, F->a, P(READER), item, &list, &n, &err));
    assert_int_equal(n, 2);
    /* removing: not once the agenda is held */
    advance(m, MEETING_HELD);
    assert_int_equal(app_attachment_delete(F->st, P(SEC_A), att, &err), KL_ECONFLICT);
}

/* The JSON shapes the API and the audit log share. */

static void test_json_shapes(void **state)
{
    int64_t m = meeting_on(F->forum_a, 2019, 11, 27), item;
    struct agenda ag;
    json_t *o, *it;

    (void)state;
    advance(m, MEETING_AGENDA_DRAFT);
    item = add_item(m, "Hjerterehabilitering", 1);
    ag = agenda_as(SEC_A, m);
    o = meeting_json(&ag.meeting);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "starts_at")), "2019-11-27T12:00:00Z");
    assert_string_equal(json_string_value(json_object_get(o, "starts_local")), "2019-11-27 13:00");
    assert_string_equal(json_string_value(json_object_get(o, "deadline")), "2019-11-13");
    assert_string_equal(json_string_value(json_object_get(o, "status")), "agenda_draft");
    assert_true(json_is_null(json_object_get(o, "agenda_published_at")));
    json_decref(o);
    it = agenda_item_json(&entry(&ag, item)->item, 1, 0);
    assert_non_null(it);
    assert_int_equal(json_array_size(json_object_get(it, "recommendation")), 2);
    assert_string_equal(json_string_value(json_array_get(json_object_get(it, "rooms"), 0)),
                        "informing");
    assert_string_equal(json_string_value(json_array_get(json_object_get(it, "rooms"), 1)),
                        "deciding");
    assert_true(json_is_true(json_object_get(it, "closed")));
    assert_non_null(json_object_get(it, "case_text"));
    assert_null(json_object_get(it, "decision"));
    json_decref(it);
}

/* The audit log. */

static void test_every_change_is_audited(void **state)
{
    static const char *const entities[] = {"meeting", "agenda_item", "attachment", "attendance",
                                           "minutes", "followup", "referral"};
    size_t before[7], after;

    for (size_t i = 0; i < 7; i++)
        before[i] = audit_count(entities[i]);
    test_attachments(state);
    test_attendance_grouped_by_organisation(state);
    test_minutes_approved_at_the_next_meeting(state);
    test_bring_back_to_the_next_agenda(state);
    test_referral_up_and_answer(state);
    for (size_t i = 0; i < 7; i++) {
        after = audit_count(entities[i]);
        if (after <= before[i])
            fail_msg("no audit rows for %s", entities[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_year_plan_with_pre_meetings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cancel_takes_pre_meeting_and_keeps_items, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_publish_late_needs_a_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(test_secretariat_overview, setup, teardown),
        cmocka_unit_test_setup_teardown(test_standard_items_and_reorder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mandate_leaves_out_standard_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_item_content_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_proposals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_visibility_of_closed_items_and_drafts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_attendance_grouped_by_organisation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_minutes_approved_at_the_next_meeting, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bring_back_to_the_next_agenda, setup, teardown),
        cmocka_unit_test_setup_teardown(test_referral_up_and_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attachments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_shapes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_change_is_audited, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

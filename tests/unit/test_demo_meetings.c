/* test_demo_meetings.c - the demo's year of meetings (app_demo_meetings) on a database with
 * the demo clusters' forums, seen on days in the middle, at the start and at the end of a
 * year: which meetings are planned, which have taken place with published agendas (one
 * late, with its reason) and minutes approved at the next meeting, the matter brought back,
 * the referral up answered and the order down open, absences with a substitute, the next
 * meeting's agenda draft; running it twice adds nothing; missing forums are skipped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/demo.h"
#include "app/meeting.h"
#include "app/meeting_agenda.h"
#include "app/meeting_followup.h"
#include "app/meeting_minutes.h"
#include "app/organisation.h"
#include "app/principal.h"
#include "app/refdata.h"
#include "app/templates.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "core/problems.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/store.h"
#include "testutil.h"

#include <string.h>

static const struct principal admin = {AUTH_LOCAL, 0, "cli:test", "test", 1, NULL};

struct fixture {
    struct tmpdb t;
    struct store *st;
    struct arena *a;
    int64_t chef, direktor, styre, fokus;
};

#define OK(call) assert_int_equal((call), 0)

static int64_t forum_named(struct fixture *f, const char *cluster, const char *name)
{
    struct forum *list;
    struct kl_error err;
    size_t n;

    OK(app_forum_list(f->st, f->a, &admin, cluster, &list, &n, &err));
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].name, name) == 0)
            return list[i].id;
    fail_msg("no forum %s", name);
    return 0;
}

/* A chair and three members of forum, from 2020. */
static void seat(struct fixture *f, int64_t forum, const char *prefix)
{
    static const char *const names[] = {"Anna", "Bent", "Cecilie", "Dorte"};
    struct kl_error err;

    for (int i = 0; i < 4; i++) {
        struct field_errors fe = {0};
        struct person p = {.name = arena_printf(f->a, "%s %s", names[i], prefix), .title = "",
                           .email = "", .phone = ""};
        struct membership m = {.forum_id = forum, .role = i ? MEMBER_MEMBER : MEMBER_CHAIR,
                               .starts_on = date_from_ymd(2020, 1, 1), .ends_on = DATE_OPEN};
        OK(app_person_save(f->st, &admin, &p, &fe, &err));
        m.person_id = p.id;
        OK(app_membership_save(f->st, &admin, &m, &fe, &err));
    }
}

static int setup(void **state)
{
    static struct fixture f;
    struct problems probs;
    struct kl_error err;
    int64_t ids[TEMPLATE_MAX_FORUMS];
    size_t n;
    int rc;

    memset(&f, 0, sizeof(f));
    if (tmpdb_make(&f.t) || store_open(f.t.path, STORE_CREATE | STORE_MIGRATE, &f.st, &err))
        return -1;
    f.a = arena_new(0);
    problems_init(&probs, "refdata", 0);
    rc = app_refdata_load(f.st, &admin, &probs, NULL, &err);
    problems_free(&probs);
    if (rc || app_template_apply(f.st, &admin, "cluster-2022", "RN-MIDT", ids, &n, &err) ||
        app_template_apply(f.st, &admin, "steering-2019", "RM-VEST", ids, &n, &err))
        return -1;
    f.chef = forum_named(&f, "RN-MIDT", "Chefforum – Klynge MIDT");
    f.direktor = forum_named(&f, "RN-MIDT", "Direktørforum – Klynge MIDT");
    f.styre = forum_named(&f, "RM-VEST", "Klyngestyregruppe – Gødstrupklyngen");
    f.fokus = forum_named(&f, "RM-VEST", "Fokusgruppe Sundhed for voksne – Gødstrupklyngen");
    seat(&f, f.chef, "Midt");
    seat(&f, f.styre, "Vest");
    *state = &f;
    return 0;
}

static int setup_empty(void **state)
{
    static struct fixture f;
    struct kl_error err;

    memset(&f, 0, sizeof(f));
    if (tmpdb_make(&f.t) || store_open(f.t.path, STORE_CREATE | STORE_MIGRATE, &f.st, &err))
        return -1;
    f.a = arena_new(0);
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

static int64_t noon(int y, int mo, int d)
{
    return date_cph_to_utc(y, mo, d, 12, 0);
}

/* The forum's meetings (kind regular, or the pre-meetings) by start time. */
static size_t meetings(struct fixture *f, int64_t forum, int pre, struct meeting **out)
{
    struct meeting_query q = {.forum_ids = &forum, .nforums = 1, .to_day = DATE_OPEN,
                              .include_cancelled = 1, .include_pre_meetings = 1};
    struct meeting *m;
    struct kl_error err;
    size_t n, kept = 0;

    OK(app_meeting_list(f->st, f->a, &admin, &q, &m, &n, &err));
    for (size_t i = 0; i < n; i++)
        if ((m[i].kind == MEETING_PRE) == pre)
            m[kept++] = m[i];
    *out = m;
    return kept;
}

static int year_of(const struct meeting *m)
{
    int y, mo, d;

    date_to_ymd(meeting_cph_day(m->starts_at), &y, &mo, &d);
    return y;
}

/* Checks that the first npast of the n meetings have published minutes, the next has an
 * agenda draft and the rest are planned; and that each meeting's minutes but the last
 * published ones were approved at the next meeting. */
static void check_statuses(const struct meeting *m, size_t n, size_t npast)
{
    for (size_t i = 0; i < n; i++) {
        enum meeting_status want = i < npast ? MEETING_MINUTES_PUBLISHED
                                   : i == npast ? MEETING_AGENDA_DRAFT : MEETING_PLANNED;
        assert_int_equal(m[i].status, want);
        if (i + 1 < npast) {
            assert_int_equal(m[i].approval, APPROVAL_MEETING);
            assert_int_equal(m[i].approved_in, m[i + 1].id);
        } else {
            assert_int_equal(m[i].approval, APPROVAL_NONE);
        }
    }
}

static int has_item(struct fixture *f, int64_t meeting, const char *title, int64_t *origin)
{
    struct agenda ag;
    struct kl_error err;

    OK(app_agenda_get(f->st, f->a, &admin, meeting, &ag, &err));
    for (size_t i = 0; i < ag.nitems; i++)
        if (strcmp(ag.items[i].item.title, title) == 0) {
            if (origin)
                *origin = ag.items[i].item.origin_followup_id;
            return 1;
        }
    return 0;
}

static void test_demo_meetings_in_the_middle_of_the_year(void **state)
{
    struct fixture *f = *state;
    struct meeting *m, *pre, *vest;
    struct referral *r;
    struct followup fu;
    struct attendance_report rep;
    struct kl_error err;
    size_t n, npre, nvest, nr, absent = 0, substitutes = 0;
    int64_t origin = 0;

    OK(app_demo_meetings(f->st, &admin, noon(2026, 7, 15), &err));
    /* Chefforum: Feb, Apr, Jun held; Aug the next; pre-meetings 7 days before */
    n = meetings(f, f->chef, 0, &m);
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(year_of(&m[i]), 2026);
    check_statuses(m, n, 3);
    assert_string_equal(m[1].late_reason, "Dagsordenen blev udsendt en dag efter fristen, da "
                                          "formandskabet først godkendte den på formødet.");
    assert_string_equal(m[0].late_reason, "");
    npre = meetings(f, f->chef, 1, &pre);
    assert_int_equal(npre, 6);
    assert_int_equal(pre[0].status, MEETING_HELD);
    assert_int_equal(pre[3].status, MEETING_PLANNED);
    assert_int_equal(meeting_cph_day(pre[0].starts_at) + 7, meeting_cph_day(m[0].starts_at));
    /* brought back in April, decided in June, which closes its follow-up */
    assert_true(has_item(f, m[2].id, "Handleplan, status for indsatserne", &origin));
    assert_true(origin > 0);
    OK(app_followup_get(f->st, f->a, &admin, origin, &fu, &err));
    assert_int_equal(fu.status, FOLLOWUP_DONE);
    assert_true(fu.bring_back);
    /* the next agenda approves June's minutes */
    assert_true(has_item(f, m[3].id, "Godkendelse af referat fra sidste møde", NULL));
    assert_true(has_item(f, m[3].id, "Brug af data i klyngesamarbejdet", NULL));
    /* the referral up to the Direktørforum, answered */
    OK(app_referral_inbox(f->st, f->a, &admin, f->direktor, 0, &r, &nr, &err));
    assert_int_equal(nr, 1);
    assert_int_equal(r[0].direction, REFERRAL_UP);
    assert_int_equal(r[0].status, REFERRAL_ANSWERED);
    assert_int_equal(r[0].from_forum_id, f->chef);
    /* absences, one with a substitute, in February */
    OK(app_attendance_get(f->st, f->a, &admin, m[0].id, &rep, &err));
    for (size_t i = 0; i < rep.nall; i++) {
        absent += rep.all[i].status == ATTEND_ABSENT;
        substitutes += rep.all[i].kind == ATTEND_SUBSTITUTE;
    }
    assert_int_equal(absent, 2);
    assert_int_equal(substitutes, 1);
    /* Gødstrup: Feb, Mar, May, Jun held, Sep next; the order down to the focus group open */
    nvest = meetings(f, f->styre, 0, &vest);
    assert_int_equal(nvest, 6);
    check_statuses(vest, nvest, 4);
    OK(app_referral_inbox(f->st, f->a, &admin, f->fokus, 0, &r, &nr, &err));
    assert_int_equal(nr, 1);
    assert_int_equal(r[0].direction, REFERRAL_DOWN);
    assert_int_equal(r[0].status, REFERRAL_OPEN);
    /* twice: nothing more */
    OK(app_demo_meetings(f->st, &admin, noon(2026, 7, 15), &err));
    assert_int_equal(meetings(f, f->chef, 0, &m), 6);
    assert_int_equal(meetings(f, f->styre, 1, &pre), 6);
}

static void test_demo_meetings_early_in_the_year_include_last_year(void **state)
{
    struct fixture *f = *state;
    struct meeting *m;
    struct kl_error err;
    size_t n;

    OK(app_demo_meetings(f->st, &admin, noon(2027, 1, 20), &err));
    n = meetings(f, f->chef, 0, &m);
    assert_int_equal(n, 12);
    assert_int_equal(year_of(&m[0]), 2026);
    assert_int_equal(year_of(&m[6]), 2027);
    check_statuses(m, n, 6);
    n = meetings(f, f->styre, 0, &m);
    assert_int_equal(n, 12);
    check_statuses(m, n, 6);
}

static void test_demo_meetings_late_in_the_year_include_next_year(void **state)
{
    struct fixture *f = *state;
    struct meeting *m;
    struct kl_error err;
    size_t n;

    OK(app_demo_meetings(f->st, &admin, noon(2026, 12, 30), &err));
    n = meetings(f, f->chef, 0, &m);
    assert_int_equal(n, 12);
    check_statuses(m, n, 6);
    assert_int_equal(year_of(&m[6]), 2027);
}

static void test_demo_meetings_skip_missing_forums(void **state)
{
    struct fixture *f = *state;
    struct meeting_query q = {.to_day = DATE_OPEN, .include_cancelled = 1,
                              .include_pre_meetings = 1};
    struct meeting *m;
    struct kl_error err;
    size_t n;

    OK(app_demo_meetings(f->st, &admin, noon(2026, 7, 15), &err));
    OK(app_meeting_list(f->st, f->a, &admin, &q, &m, &n, &err));
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_demo_meetings_in_the_middle_of_the_year, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_demo_meetings_early_in_the_year_include_last_year,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_meetings_late_in_the_year_include_next_year,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_meetings_skip_missing_forums, setup_empty,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

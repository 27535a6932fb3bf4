/* demo_plans.c - the demonstration action plans for `klynge init --demo`: Klynge MIDT's
 * handleplan with 14 initiatives (labels 1a to 13, after seed 002) run by four
 * indsatsgrupper, their funds over two years with a carry-over, milestones, and two status
 * rounds (last year's after seed 002: 1b, 11 and 13 missing, 3, 4 and 10 extended, 10 then
 * dropped; this year's due a week ago with reports in, late, extended and missing); and the
 * spread of seed 004: initiative 5 completed and adopted by Gødstrupklyngen, and a type-B
 * order from Region Midtjylland's Sundhedsstyregruppe to Gødstrupklyngen. All fictional. */
#include "app/demo.h"
#include "app/meeting.h"
#include "app/organisation.h"
#include "app/plan.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "model/fields.h"
#include "model/meeting.h"
#include "model/org.h"
#include "model/people.h"
#include "store/account.h"
#include "store/meeting.h"
#include "store/people.h"
#include "store/plan.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define NGROUPS 4
#define NINIT 14

static const char *const group_names[NGROUPS] = {
    "Indsatsgruppe Ældre medicinske patienter – Klynge MIDT",
    "Indsatsgruppe Kronisk sygdom – Klynge MIDT",
    "Indsatsgruppe Psykiatri – Klynge MIDT",
    "Indsatsgruppe Børn og unge – Klynge MIDT",
};

struct demo_initiative {
    const char *label, *title;
    unsigned targets;
    int group;                    /* index into group_names */
    enum initiative_status status;
    const char *reason;           /* dropped or paused */
    int involvement;
    int kr_last, spent_last, kr_now; /* funds in thousands of kroner */
    /* the two rounds: 's' on time, 'l' late, 'x' extended and in on time, 'e' extended and
     * not in, 'm' missing; with the light 'g', 'y' or 'r' */
    char round1, light1, round2, light2;
    const char *indicators[2];    /* the catalogue's indicators it follows; NULL: none */
};

static const struct demo_initiative initiatives[NINIT] = {
    {"1a", "Akutpladser i kommunerne", TARGET_ELDERLY, 0, INITIATIVE_ACTIVE, "", 1,
     900, 610, 600, 's', 'g', 's', 'g', {"FOREBYG-65", "SENGEDAGE-MED-65"}},
    {"1b", "Opsporing af den ældre medicinske patient", TARGET_ELDERLY, 0, INITIATIVE_ACTIVE,
     "", 0, 750, 380, 500, 'm', 0, 'e', 0, {"FOREBYG-65", "GENIND-SOM-30"}},
    {"2", "Fælles forløb for borgere med KOL", TARGET_CHRONIC, 1, INITIATIVE_ACTIVE, "", 1,
     600, 600, 400, 's', 'y', 's', 'g', {NULL, NULL}},
    {"3", "Hjerterehabilitering tættere på borgeren", TARGET_CHRONIC, 1, INITIATIVE_ACTIVE, "",
     1, 500, 210, 300, 'x', 'y', 's', 'y', {NULL, NULL}},
    {"4", "Samarbejde om borgere med psykisk sygdom i akut krise", TARGET_MENTAL, 2,
     INITIATIVE_ACTIVE, "", 1, 700, 420, 450, 'l', 'r', 'l', 'y',
     {"GENIND-PSYK-30", "FAERDIG-PSYK"}},
    {"5", "Fælles udskrivningskoordination", TARGET_ELDERLY | TARGET_CHRONIC, 0,
     INITIATIVE_COMPLETED, "", 1, 400, 400, 0, 's', 'g', 0, 0, {"FAERDIG-SOM", "TILFREDS-UDSKRIV"}},
    {"6", "Sårbare gravide: sundhedsplejerske og almen praksis", TARGET_CHILDREN, 3,
     INITIATIVE_ACTIVE, "", 1, 450, 150, 350, 's', 'g', 's', 'g', {NULL, NULL}},
    {"7", "Tidlig opsporing af mistrivsel hos børn og unge", TARGET_CHILDREN | TARGET_MENTAL,
     3, INITIATIVE_PROPOSED, "", 0, 0, 0, 250, 's', 'y', 's', 'y', {NULL, NULL}},
    {"8", "Konsulentlæge på plejehjem", TARGET_ELDERLY, 0, INITIATIVE_ACTIVE, "", 0, 650, 90,
     500, 's', 'r', 'e', 0, {"PLEJEHJEMSLAEGE", NULL}},
    {"9", "Medicinhåndtering ved sektorovergange", TARGET_ELDERLY | TARGET_CHRONIC, 0,
     INITIATIVE_PAUSED, "Afventer den nationale medicinkortløsning.", 0, 300, 120, 0, 's',
     'y', 's', 'y', {NULL, NULL}},
    {"10", "Delegerede ordninger i hjemmesygeplejen", TARGET_CHRONIC, 1, INITIATIVE_DROPPED,
     "Udgår grundet kapacitetsudfordringer.", 0, 350, 40, 0, 'e', 0, 0, 0, {NULL, NULL}},
    {"11", "Fælles forebyggelse: rygestop på tværs af sektorer", TARGET_POPULATION, 1,
     INITIATIVE_ACTIVE, "", 1, 400, 260, 300, 'm', 0, 'm', 0, {NULL, NULL}},
    {"12", "Fysisk aktivitet for børn med overvægt", TARGET_CHILDREN, 3, INITIATIVE_ACTIVE, "",
     1, 300, 180, 250, 's', 'g', 's', 'g', {NULL, NULL}},
    {"13", "Digital understøttelse af tværsektorielle forløb", TARGET_MENTAL | TARGET_CHRONIC,
     2, INITIATIVE_ACTIVE, "", 0, 550, 230, 400, 'm', 0, 'm', 0, {NULL, NULL}},
};

struct demo_run {
    struct store *st;
    struct arena *a;
    const struct principal *who;
    int64_t now;
    int32_t today;
    int year;
    int64_t region_org;
    int64_t groups[NGROUPS];
    int64_t ids[NINIT];
};

static int add_member(struct demo_run *d, int64_t forum, int64_t person, enum member_role role,
                      struct kl_error *err)
{
    struct field_errors fe = {0};
    struct membership m = {.person_id = person, .forum_id = forum, .role = role,
                           .organisation_id = d->region_org,
                           .starts_on = date_from_ymd(d->year - 1, 3, 1), .ends_on = DATE_OPEN};
    return app_membership_save(d->st, d->who, &m, &fe, err);
}

/* The four indsatsgrupper under the Chefforum, each with a chair and two members; the demo
 * member birgitte sits in the first, so that she can submit its reports. */
static int make_groups(struct demo_run *d, int64_t chefforum, struct kl_error *err)
{
    static const char *const people[NGROUPS][3] = {
        {"Agnete Lauridsen", "Bjarne Kjeldsen", "Connie Vestergaard"},
        {"Dorthe Bisgaard", "Erik Sloth", "Flemming Ravn"},
        {"Grethe Munk", "Henrik Dam", "Inge Fog"},
        {"Jette Brink", "Kasper Hvid", "Lone Ager"},
    };
    struct user u;
    int64_t birgitte = 0;
    int rc = 0;

    if (store_user_by_login(d->st, d->a, "birgitte", &u, NULL, err) == 0)
        rc = store_person_of_user(d->st, u.id, &birgitte, err);
    for (int g = 0; rc == 0 && g < NGROUPS; g++) {
        struct forum f = {.name = group_names[g], .kind = FORUM_AD_HOC, .reports_to = chefforum,
                          .task = "Driver klyngens indsatser på området og indsender status til "
                                  "Chefforum.",
                          .ends_on = date_from_ymd(d->year + 1, 12, 31)};
        struct field_errors fe = {0};
        mandate_defaults(&f.mandate);
        f.clusters[0] = "RN-MIDT";
        f.nclusters = 1;
        if ((rc = app_forum_save(d->st, d->who, &f, &fe, err)))
            break;
        d->groups[g] = f.id;
        for (int i = 0; rc == 0 && i < 3; i++) {
            struct person p = {.name = people[g][i], .title = i ? "Projektleder" : "Leder",
                               .organisation_id = d->region_org, .email = "", .phone = ""};
            rc = app_person_save(d->st, d->who, &p, &fe, err);
            if (rc == 0)
                rc = add_member(d, f.id, p.id, i ? MEMBER_MEMBER : MEMBER_CHAIR, err);
        }
        if (rc == 0 && g == 0 && birgitte)
            rc = add_member(d, f.id, birgitte, MEMBER_MEMBER, err);
    }
    return rc;
}

/* The first agenda item of forum_id titled title; 0 when none. */
static int64_t item_titled(struct demo_run *d, int64_t forum_id, const char *title)
{
    struct meeting_query q = {.forum_ids = &forum_id, .nforums = 1, .from_day = 0,
                              .to_day = DATE_OPEN};
    struct meeting *m;
    struct kl_error ignored;
    size_t n;

    if (app_meeting_list(d->st, d->a, d->who, &q, &m, &n, &ignored))
        return 0;
    for (size_t i = 0; i < n; i++) {
        struct agenda_item *it;
        size_t ni;
        if (store_item_list(d->st, d->a, m[i].id, &it, &ni, &ignored))
            continue;
        for (size_t j = 0; j < ni; j++)
            if (strcmp(it[j].title, title) == 0)
                return it[j].id;
    }
    return 0;
}

static int64_t kr(int thousands)
{
    return (int64_t)thousands * 1000 * 100;
}

/* One initiative with its funds and milestones. */
static int make_initiative(struct demo_run *d, int64_t plan_id, int k, struct kl_error *err)
{
    const struct demo_initiative *di = &initiatives[k];
    struct initiative in = {.plan_id = plan_id, .label = di->label, .title = di->title,
                            .targets = di->targets, .group_forum_id = d->groups[di->group],
                            .process = PROCESS_A, .status = INITIATIVE_ACTIVE,
                            .status_reason = "", .user_involvement = di->involvement};
    struct field_errors fe = {0};
    int rc;

    in.description = arena_printf(d->a, "%s. Indsatsen er en del af handleplanen for "
                                  "Sundhedsklynge MIDT og drives af %s.", di->title,
                                  group_names[di->group]);
    in.involvement_how = di->involvement ? "Brugerpanel med borgere og pårørende." : "";
    in.data_plan = "Egne data fra indsatsgruppen; klyngens indikatorer for genindlæggelser "
                   "og forebyggelige indlæggelser som baggrund.";
    if (di->status == INITIATIVE_PROPOSED)
        in.status = INITIATIVE_PROPOSED;
    if ((rc = app_initiative_create(d->st, d->who, &in, di->indicators,
                                    di->indicators[0] ? (di->indicators[1] ? 2 : 1) : 0, &fe,
                                    err)))
        return rc;
    d->ids[k] = in.id;
    if (di->kr_last)
        rc = app_funds_set(d->st, d->who, in.id, d->year - 1, kr(di->kr_last),
                           kr(di->spent_last), &fe, err);
    if (rc == 0 && di->kr_last > di->spent_last && di->kr_now)
        rc = app_funds_carry(d->st, d->who, in.id, d->year - 1,
                             kr(di->kr_last - di->spent_last), &fe, err);
    if (rc == 0 && di->kr_now)
        rc = app_funds_set(d->st, d->who, in.id, d->year, kr(di->kr_now),
                           kr(di->kr_now / 3), &fe, err);
    for (int i = 0; rc == 0 && i < 2; i++) {
        struct milestone m = {.initiative_id = in.id,
                              .title = i ? "Evaluering og beslutning om drift"
                                         : "Første borgere i forløb",
                              .due_on = date_from_ymd(d->year - 1 + i, i ? 11 : 9, 1),
                              .done_on = DATE_OPEN};
        if (!i && di->status != INITIATIVE_PROPOSED)
            m.done_on = m.due_on + 12;
        rc = app_milestone_add(d->st, d->who, &m, &fe, err);
    }
    return rc;
}

/* Moves initiative k to its final status. */
static int settle(struct demo_run *d, int k, struct kl_error *err)
{
    struct initiative in;
    struct field_errors fe = {0};
    int rc = app_initiative_get(d->st, d->a, d->who, d->ids[k], &in, err);

    if (rc || initiatives[k].status == in.status)
        return rc;
    in.status = initiatives[k].status;
    in.status_reason = initiatives[k].reason;
    return app_initiative_update(d->st, d->who, &in, NULL, 0, &fe, err);
}

static enum status_light light_of(char c)
{
    return c == 'g' ? LIGHT_GREEN : c == 'y' ? LIGHT_YELLOW : LIGHT_RED;
}

/* Opens a round due on `due` and plays the reports after initiatives[].round1 or round2. */
static int play_round(struct demo_run *d, int64_t plan_id, const char *title, int32_t opened,
                      int32_t due, int second, struct kl_error *err)
{
    struct status_round r = {.plan_id = plan_id, .title = title, .opened_on = opened,
                             .due_on = due, .fields = ROUND_FIELDS_ALL};
    struct field_errors fe = {0};
    struct round_overview ov;
    int rc = app_status_round_open(d->st, d->who, &r, opened, NULL, &fe, err);

    if (rc == 0)
        rc = app_status_round_overview(d->st, d->a, d->who, r.id, d->today, &ov, err);
    for (size_t i = 0; rc == 0 && i < ov.n; i++) {
        const struct demo_initiative *di = NULL;
        char what, light;
        for (int k = 0; k < NINIT; k++)
            if (d->ids[k] == ov.reports[i].initiative_id)
                di = &initiatives[k];
        if (!di)
            continue;
        what = second ? di->round2 : di->round1;
        light = second ? di->light2 : di->light1;
        if (what == 'x' || what == 'e')
            rc = app_report_extend(d->st, d->who, ov.reports[i].id, due + 14,
                                   "Indsatsgruppen har fået ny projektleder.", &fe, err);
        if (rc == 0 && light) {
            int32_t day = what == 'l' ? due + 5 : what == 'x' ? due + 10 : due - 3;
            struct status_report rep = {.id = ov.reports[i].id, .light = light_of(light)};
            rep.scope = arena_printf(d->a, "%s: målgruppen og de deltagende kommuner er "
                                     "afgrænset.", di->title);
            rep.data = "Antal borgere i forløb og egne registreringer; genindlæggelser følges "
                       "i klyngens indikatorer.";
            rep.schedule = light == 'r' ? "Forsinket: aftale med samarbejdspartner mangler."
                                        : "Tidsplanen holder; næste milepæl er evalueringen.";
            rep.funds = "Midlerne anvendes til projektledelse og udvikling af forløbet.";
            rep.involvement = di->involvement ? "Ja: brugerpanel med borgere og pårørende."
                                              : "Nej: besluttes ved næste status.";
            rc = app_report_submit(d->st, d->who, &rep, meeting_local_instant(day, 10 * 60), &fe,
                                   err);
        }
    }
    return rc;
}

/* The spread of seed 004 in Region Midtjylland: Gødstrupklyngen's plan adopts initiative 5,
 * and the Sundhedsstyregruppe orders revised disease programmes into it. */
static int spread(struct demo_run *d, struct kl_error *err)
{
    struct action_plan gp = {.title = "Handleplan for Gødstrupklyngen", .funds_rule = "",
                             .starts_on = date_from_ymd(d->year - 1, 1, 1),
                             .ends_on = date_from_ymd(d->year + 1, 12, 31)};
    struct action_plan sp = {.title = "Implementering af sundhedsaftalen", .funds_rule = "",
                             .starts_on = date_from_ymd(d->year - 1, 1, 1),
                             .ends_on = date_from_ymd(d->year + 2, 12, 31)};
    struct initiative order = {.label = "B1",
                               .title = "Reviderede forløbsprogrammer for kronisk sygdom",
                               .description = "Sundhedsstyregruppen har godkendt de reviderede "
                                              "forløbsprogrammer; klyngerne implementerer dem.",
                               .targets = TARGET_CHRONIC, .process = PROCESS_B,
                               .status = INITIATIVE_ACTIVE, .status_reason = "",
                               .involvement_how = "", .data_plan = ""};
    struct field_errors fe = {0};
    int64_t adopted, made;
    int rc = demo_forum_by_name(d->st, d->a, d->who, "RM-VEST",
                                "Klyngestyregruppe – Gødstrupklyngen", &gp.forum_id, err);

    if (rc == 0)
        rc = demo_forum_by_name(d->st, d->a, d->who, NULL,
                                "Sundhedsstyregruppen – Region Midtjylland", &sp.forum_id, err);
    if (rc || !gp.forum_id || !sp.forum_id)
        return rc;
    if ((rc = app_plan_create(d->st, d->who, &gp, &fe, err)) ||
        (rc = app_plan_create(d->st, d->who, &sp, &fe, err)) ||
        (rc = app_initiative_offer(d->st, d->who, d->ids[5], d->now - 200 * 86400, err)) ||
        (rc = app_initiative_adopt(d->st, d->who, d->ids[5], gp.id, "1", &adopted, &fe, err)))
        return rc;
    order.plan_id = sp.id;
    if ((rc = app_initiative_create(d->st, d->who, &order, NULL, 0, &fe, err)))
        return rc;
    return app_initiative_order(d->st, d->who, order.id, &gp.id, 1, &made, err);
}

static int build(struct demo_run *d, int64_t chefforum, struct kl_error *err)
{
    struct action_plan p = {.forum_id = chefforum,
                            .title = "Handleplan for Sundhedsklynge MIDT",
                            .funds_rule = "Klyngemidlerne skal primært anvendes til "
                                          "udviklingsinitiativer og ikke til "
                                          "sekretariatsbetjening eller drift. Ubrugte midler "
                                          "kan overføres til næste år efter beslutning i "
                                          "Chefforum.",
                            .starts_on = date_from_ymd(d->year - 1, 1, 1),
                            .ends_on = date_from_ymd(d->year + 1, 12, 31)};
    struct field_errors fe = {0};
    int rc;

    p.approved_item_id = item_titled(d, chefforum, "Handleplan, status for indsatserne");
    if ((rc = make_groups(d, chefforum, err)) ||
        (rc = app_plan_create(d->st, d->who, &p, &fe, err)))
        return rc;
    for (int k = 0; rc == 0 && k < NINIT; k++)
        rc = make_initiative(d, p.id, k, err);
    if (rc == 0 && p.approved_item_id)
        for (int k = 0; rc == 0 && k < 2; k++)
            rc = app_initiative_link_item(d->st, d->who, d->ids[k], p.approved_item_id, err);
    if (rc == 0)
        rc = play_round(d, p.id, arena_printf(d->a, "Status august %d", d->year - 1),
                        date_from_ymd(d->year - 1, 6, 1), date_from_ymd(d->year - 1, 8, 15), 0,
                        err);
    for (int k = 0; rc == 0 && k < NINIT; k++)
        rc = settle(d, k, err);
    if (rc == 0)
        rc = play_round(d, p.id, arena_printf(d->a, "Status %d", d->year), d->today - 45,
                        d->today - 7, 1, err);
    if (rc == 0)
        rc = spread(d, err);
    return rc;
}

int app_demo_plans(struct store *st, const struct principal *who, int64_t now,
                   struct kl_error *err)
{
    struct demo_run d = {.st = st, .who = who, .now = now ? now : (int64_t)time(NULL)};
    struct action_plan *plans;
    struct organisation region;
    int64_t chefforum;
    size_t n;
    int month, day, rc;

    if (!(d.a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    d.today = meeting_cph_day(d.now);
    date_to_ymd(d.today, &d.year, &month, &day);
    rc = demo_forum_by_name(d.st, d.a, d.who, "RN-MIDT", "Chefforum – Klynge MIDT", &chefforum,
                            err);
    if (rc == 0 && chefforum)
        rc = store_plan_list(st, d.a, chefforum, &plans, &n, err);
    if (rc == 0 && chefforum && n == 0 &&
        (rc = store_org_by_name(st, d.a, "Region Nordjylland", &region, err)) == 0) {
        d.region_org = region.id;
        rc = build(&d, chefforum, err);
    }
    arena_free(d.a);
    return rc;
}

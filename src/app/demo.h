/* demo.h - demonstration content for `klynge init --demo`: fictional people only. */
#ifndef KL_APP_DEMO_H
#define KL_APP_DEMO_H

#include <stddef.h>
#include <stdint.h>

struct principal;
struct store;
struct kl_error;

#define DEMO_PASSWORD_CHARS 16

struct demo_login {
    const char *login;
    const char *name;
    const char *role;                       /* what the account shows off */
    char password[DEMO_PASSWORD_CHARS + 1]; /* "" when the user existed already */
};

/* Creates the demo users that do not exist yet, each with a new random password written
 * into logins (an array of at least demo_login_count() entries) so that the caller can show
 * it once. Users that already exist are left alone (their password stays ""). */
int app_demo_load(struct store *st, const struct principal *who, struct demo_login *logins,
                  struct kl_error *err);

/* Builds the demonstration organisation when it is not there yet: one cluster of each
 * template with fictional people, the demo accounts linked to people of the 2022 cluster's
 * Chefforum (mette its secretary, lars its chair, birgitte a member, jonas a guest). */
int app_demo_organisation(struct store *st, const struct principal *who, struct kl_error *err);

/* Adds a year of meetings (demo_meetings.c) to Chefforum – Klynge MIDT and
 * Klyngestyregruppe – Gødstrupklyngen, each skipped when it is missing or has meetings
 * already: the current year's plan (last year's too early in the year, next year's late in
 * it), the meetings before `now` (0: the clock's time) with agendas, absences, decisions,
 * follow-ups, referrals and published minutes, and the next meeting's agenda draft. */
int app_demo_meetings(struct store *st, const struct principal *who, int64_t now,
                      struct kl_error *err);

/* Adds the demonstration action plans (demo_plans.c) when Chefforum – Klynge MIDT exists and
 * has none: its handleplan with 14 initiatives run by four indsatsgrupper (the demo member
 * birgitte sits in the first), funds, milestones and two status rounds with reports in,
 * late, extended and missing on the day of `now` (0: the clock's time); and the spread of
 * seed 004 between Region Midtjylland's Sundhedsstyregruppe and Gødstrupklyngen. */
int app_demo_plans(struct store *st, const struct principal *who, int64_t now,
                   struct kl_error *err);

/* The forum called name among those of cluster (NULL: among all forums) as who sees them;
 * *id 0 when there is none. For the demo builders, which find forums by their names. */
struct arena;
int demo_forum_by_name(struct store *st, struct arena *a, const struct principal *who,
                       const char *cluster, const char *name, int64_t *id,
                       struct kl_error *err);

/* How many demo logins app_demo_load fills. */
size_t demo_login_count(void);

#endif

/* yearplan.c - the year plan: a forum's meetings of a year, each with its pre-meeting when
 * the mandate asks for one (see meeting.h). */
#include "app/meeting.h"
#include "app/meeting_impl.h"
#include "app/meeting_json.h"

#include "app/permission.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/forum.h"
#include "model/org.h"
#include "store/people.h"
#include "store/store.h"

#define YEARPLAN_MAX_DAYS 60

static void check_plan(const struct yearplan *p, struct field_errors *fe)
{
    if (p->year < 1 || p->year > 9999)
        fields_add(fe, "year", N_("is not a year"));
    if (p->ndays == 0 || !p->days)
        fields_add(fe, "days", N_("name at least one day"));
    else if (p->ndays > YEARPLAN_MAX_DAYS)
        fields_add(fe, "days", N_("name at most 60 days"));
    for (size_t i = 0; p->days && i < p->ndays && i < YEARPLAN_MAX_DAYS; i++) {
        int y, m, d;
        date_to_ymd(p->days[i], &y, &m, &d);
        if (y != p->year)
            fields_add(fe, "days", N_("must all be in the plan's year"));
        for (size_t j = 0; j < i; j++)
            if (p->days[j] == p->days[i])
                fields_add(fe, "days", N_("name a day twice"));
    }
    if (p->start_minute < 0 || p->start_minute >= 1440)
        fields_add(fe, "start_minute", N_("must be a time of day"));
    if (p->duration_minutes < 1 || p->duration_minutes > 1440)
        fields_add(fe, "duration_minutes", N_("must be 1 minute to 24 hours"));
    if (p->kind == MEETING_PRE || (unsigned)p->kind >= MEETING_KIND_COUNT)
        fields_add(fe, "kind", N_("must be meeting, seminar or political"));
    if (p->pre_start_minute < -1 || p->pre_start_minute >= 1440)
        fields_add(fe, "pre_start_minute", N_("must be a time of day"));
    if (p->pre_duration_minutes < 0 || p->pre_duration_minutes > 1440)
        fields_add(fe, "pre_duration_minutes", N_("must be at most 24 hours"));
}

/* Inserts m, audits it, and sets *id. */
static int add_meeting(struct store *st, struct arena *a, const struct principal *who,
                       struct meeting *m, struct field_errors *fe, int64_t *id,
                       struct kl_error *err)
{
    struct meeting stored;
    int rc;

    if (meeting_check(m, fe))
        return meeting_invalid(fe, err);
    rc = store_meeting_insert(st, m, id, err);
    if (rc == 0)
        rc = store_meeting_get(st, a, *id, &stored, err);
    if (rc == 0)
        rc = meeting_audit(st, who, "meeting", *id, "create", m->forum_id, NULL,
                           meeting_json(&stored), err);
    return rc;
}

int app_yearplan_create(struct store *st, struct arena *a, const struct principal *who,
                        const struct yearplan *p, struct yearplan_result *out,
                        struct field_errors *fe, struct kl_error *err)
{
    struct meeting_query q = {.nforums = 1};
    struct meeting *year;
    struct forum f;
    size_t nyear;
    int rc = app_authorize(st, who, PERM_FORUM_MANAGE, p->forum_id, err);

    *out = (struct yearplan_result){0};
    if (rc == KL_ENOTFOUND) {
        fields_add(fe, "forum_id", N_("is not a forum"));
        return meeting_invalid(fe, err);
    }
    if (rc)
        return rc;
    check_plan(p, fe);
    if (fe->n)
        return meeting_invalid(fe, err);
    if ((rc = store_forum_get(st, a, p->forum_id, &f, err)))
        return rc;
    out->meeting_ids = arena_calloc(a, p->ndays, sizeof(*out->meeting_ids));
    out->pre_ids = arena_calloc(a, p->ndays, sizeof(*out->pre_ids));
    if (!out->meeting_ids || !out->pre_ids)
        return meeting_oom(err);
    if ((rc = store_begin(st, err)))
        return rc;
    for (size_t i = 0; rc == 0 && i < p->ndays; i++) {
        struct meeting m = {.forum_id = p->forum_id, .kind = p->kind, .title = "",
                            .place = p->place ? p->place : "", .theme = "", .site_visit = ""};
        int64_t taken = 0;
        if ((rc = store_meeting_on_day(st, p->forum_id, p->kind, p->days[i], &taken, err)))
            break;
        if (taken) {
            fields_add(fe, "days", N_("name a day on which the forum already has a meeting"));
            rc = meeting_invalid(fe, err);
            break;
        }
        m.starts_at = meeting_local_instant(p->days[i], p->start_minute);
        m.ends_at = m.starts_at + (int64_t)p->duration_minutes * 60;
        rc = add_meeting(st, a, who, &m, fe, &out->meeting_ids[i], err);
        if (rc == 0 && f.mandate.premeeting_days >= 0) {
            struct meeting pre = m;
            int start = p->pre_start_minute >= 0 ? p->pre_start_minute : p->start_minute;
            int minutes = p->pre_duration_minutes ? p->pre_duration_minutes : 60;
            pre.kind = MEETING_PRE;
            pre.parent_id = out->meeting_ids[i];
            pre.starts_at = meeting_local_instant(p->days[i] - f.mandate.premeeting_days, start);
            pre.ends_at = pre.starts_at + (int64_t)minutes * 60;
            rc = add_meeting(st, a, who, &pre, fe, &out->pre_ids[i], err);
        }
        out->n = i + 1;
    }
    q.forum_ids = &p->forum_id;
    q.from_day = date_from_ymd(p->year, 1, 1);
    q.to_day = date_from_ymd(p->year, 12, 31);
    if (rc == 0 && (rc = store_meeting_list(st, a, &q, &year, &nyear, err)) == 0)
        out->below_minimum = (int)nyear < f.mandate.min_meetings;
    rc = meeting_finish(st, rc, err);
    if (rc)
        *out = (struct yearplan_result){0};
    return rc;
}

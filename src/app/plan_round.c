/* plan_round.c - use cases of status rounds: opening a round, the overview and its
 * sentences, extensions, submitting reports, an initiative's timeline and the secretariat's
 * overdue list (see plan.h). */
#include "app/plan.h"
#include "app/meeting_impl.h"
#include "app/plan_impl.h"

#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/meeting.h"
#include "model/org.h"
#include "store/account.h"
#include "store/plan.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

int app_status_round_open(struct store *st, const struct principal *who, struct status_round *r,
                   int32_t today, size_t *asked, struct field_errors *fe, struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct action_plan plan;
    struct initiative *ins = NULL;
    struct initiative_query q = {.plan_id = r->plan_id};
    size_t n = 0, count = 0;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_plan_get(st, a, r->plan_id, &plan, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, plan.forum_id, err);
    if (rc == 0) {
        if (r->opened_on == DATE_OPEN)
            r->opened_on = today;
        if (status_round_check(r, fe))
            rc = meeting_invalid(fe, err);
    }
    if (rc == 0)
        rc = store_initiative_list(st, a, &q, &ins, &n, err);
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = store_status_round_insert(st, r, &r->id, err);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            if (!initiative_reports(ins[i].status))
                continue;
            rc = store_report_insert(st, r->id, ins[i].id, err);
            count++;
        }
        if (rc == 0) {
            json_t *after = status_round_json(r);
            if (after)
                json_object_set_new(after, "reports_asked", json_integer((json_int_t)count));
            rc = plan_audit(st, who, "status_round", r->id, "open", plan.forum_id, NULL, after,
                            err);
        }
        rc = meeting_finish(st, rc, err);
    }
    if (rc == 0 && asked)
        *asked = count;
    arena_free(a);
    return rc;
}

int app_status_round_get(struct store *st, struct arena *a, const struct principal *who, int64_t id,
                  struct status_round *out, struct kl_error *err)
{
    int rc = store_status_round_get(st, a, id, out, err);

    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_PUBLISHED, out->plan_forum_id, err);
    return rc;
}

int app_status_round_list(struct store *st, struct arena *a, const struct principal *who,
                   int64_t plan_id, struct status_round **out, size_t *n,
                   struct kl_error *err)
{
    struct action_plan plan;
    int rc = app_plan_get(st, a, who, plan_id, &plan, err);

    *out = NULL;
    *n = 0;
    return rc ? rc : store_status_round_list(st, a, plan_id, out, n, err);
}

int app_status_round_overview(struct store *st, struct arena *a, const struct principal *who,
                       int64_t id, int32_t today, struct round_overview *out,
                       struct kl_error *err)
{
    int rc;

    memset(out, 0, sizeof(*out));
    rc = app_status_round_get(st, a, who, id, &out->round, err);
    if (rc == 0)
        rc = store_plan_get(st, a, out->round.plan_id, &out->plan, err);
    if (rc == 0)
        rc = store_report_list(st, a, id, 0, &out->reports, &out->n, err);
    if (rc == 0 && out->n && !(out->states = arena_alloc(a, out->n * sizeof(*out->states))))
        rc = meeting_oom(err);
    for (size_t i = 0; rc == 0 && i < out->n; i++) {
        out->states[i] = report_state_of(&out->reports[i], today);
        out->count[out->states[i]]++;
    }
    return rc;
}

/* Appends one sentence about the reports whose state passes `pick`: text[0] (one report) or
 * text[1] (several), a format with one %s for their labels in natural order. Nothing when
 * none. */
static int sentence(const struct round_overview *ov, int (*pick)(const struct status_report *,
                                                                 enum report_state),
                    enum i18n_language lang, const char *const text[2], struct buf *out)
{
    const char **labels = malloc((ov->n + 1) * sizeof(*labels));
    struct buf list;
    size_t n = 0;
    int rc = 0;

    if (!labels)
        return -1;
    for (size_t i = 0; i < ov->n; i++)
        if (pick(&ov->reports[i], ov->states[i]))
            labels[n++] = ov->reports[i].label;
    buf_init(&list, 0);
    if (n) {
        if (out->len)
            rc = buf_putc(out, ' ');
        if (rc == 0)
            rc = plan_label_list(&list, labels, n, i18n_code(lang));
        if (rc == 0)
            rc = buf_printf(out, i18n_get(lang, text[n > 1]), buf_cstr(&list));
    }
    buf_free(&list);
    free(labels);
    return rc;
}

static int not_in(const struct status_report *r, enum report_state s)
{
    (void)r;
    return s == REPORT_AWAITING || s == REPORT_EXTENDED || s == REPORT_MISSING;
}

static int extended(const struct status_report *r, enum report_state s)
{
    return r->extended_to != DATE_OPEN && not_in(r, s);
}

static int came_late(const struct status_report *r, enum report_state s)
{
    (void)r;
    return s == REPORT_LATE;
}

int app_status_round_summary(const struct round_overview *ov, const char *lang, struct buf *out,
                      struct kl_error *err)
{
    static const char *const missing[2] = {
        N_("Initiative %s has not submitted a status report."),
        N_("Initiatives %s have not submitted a status report.")};
    static const char *const later[2] = {N_("Initiative %s has had the deadline extended."),
                                         N_("Initiatives %s have had the deadline extended.")};
    static const char *const late[2] = {
        N_("Initiative %s submitted its report after the deadline."),
        N_("Initiatives %s submitted their reports after the deadline.")};
    enum i18n_language l = i18n_pick(lang);
    size_t mark = out->len;
    int rc = 0;

    if (ov->n == 0)
        rc = buf_puts(out, i18n_get(l, N_("No initiative was asked for a status report.")));
    else if (ov->count[REPORT_AWAITING] + ov->count[REPORT_EXTENDED] +
                 ov->count[REPORT_MISSING] ==
             0)
        rc = buf_puts(out, i18n_get(l, N_("Every initiative asked has submitted its status "
                                           "report.")));
    if (rc == 0)
        rc = sentence(ov, not_in, l, missing, out);
    if (rc == 0)
        rc = sentence(ov, extended, l, later, out);
    if (rc == 0)
        rc = sentence(ov, came_late, l, late, out);
    if (rc) {
        out->len = mark;
        if (out->data)
            out->data[mark] = '\0';
        return kl_error_set(err, KL_ENOMEM, "out of memory writing the round's summary");
    }
    return 0;
}

static int cmp_due(const void *x, const void *y)
{
    int32_t a = report_due(x), b = report_due(y);

    if (a != b)
        return a < b ? -1 : 1;
    return plan_label_cmp(((const struct status_report *)x)->label,
                          ((const struct status_report *)y)->label);
}

int app_reports_overdue(struct store *st, struct arena *a, const struct principal *who,
                        int64_t forum_id, int32_t today, struct status_report **out, size_t *n,
                        struct kl_error *err)
{
    struct status_round *rounds = NULL;
    struct status_report **lists;
    size_t nrounds = 0, *counts, total = 0;
    int rc = store_status_round_list(st, a, 0, &rounds, &nrounds, err);

    *out = NULL;
    *n = 0;
    if (rc || nrounds == 0)
        return rc;
    lists = arena_alloc(a, nrounds * sizeof(*lists));
    counts = arena_alloc(a, nrounds * sizeof(*counts));
    if (!lists || !counts)
        return meeting_oom(err);
    for (size_t i = 0; rc == 0 && i < nrounds; i++) {
        struct kl_error why;
        int allowed;
        lists[i] = NULL;
        counts[i] = 0;
        if (forum_id && rounds[i].plan_forum_id != forum_id)
            continue;
        allowed = app_authorize(st, who, PERM_FORUM_MANAGE, rounds[i].plan_forum_id, &why);
        if (allowed == KL_EPERM)
            continue;
        if (allowed)
            return kl_error_set(err, allowed, "%s", why.msg);
        rc = store_report_list(st, a, rounds[i].id, 0, &lists[i], &counts[i], err);
        total += counts[i];
    }
    if (rc || total == 0)
        return rc;
    if (!(*out = arena_alloc(a, total * sizeof(**out))))
        return meeting_oom(err);
    for (size_t i = 0; i < nrounds; i++)
        for (size_t j = 0; j < counts[i]; j++)
            if (report_state_of(&lists[i][j], today) == REPORT_MISSING)
                (*out)[(*n)++] = lists[i][j];
    if (*n > 1)
        qsort(*out, *n, sizeof(**out), cmp_due);
    return 0;
}

/* Reports. */

/* Reads report id and who's rights on its initiative; KL_EPERM unless who may read it. */
static int read_report(struct store *st, struct arena *a, const struct principal *who,
                       int64_t id, struct status_report *out, struct initiative *in,
                       struct plan_access *acc, struct kl_error *err)
{
    int rc = store_report_get(st, a, id, out, err);

    if (rc == 0)
        rc = plan_initiative_read(st, a, who, out->initiative_id, in, acc, err);
    return rc;
}

int app_report_get(struct store *st, struct arena *a, const struct principal *who, int64_t id,
                   struct status_report *out, struct kl_error *err)
{
    struct initiative in;
    struct plan_access acc;

    return read_report(st, a, who, id, out, &in, &acc, err);
}

int app_report_round(struct store *st, struct arena *a, const struct principal *who,
                     int64_t id, struct status_round *out, struct kl_error *err)
{
    struct status_report rep;
    struct initiative in;
    struct plan_access acc;
    int rc = read_report(st, a, who, id, &rep, &in, &acc, err);

    return rc ? rc : store_status_round_get(st, a, rep.round_id, out, err);
}

int app_report_timeline(struct store *st, struct arena *a, const struct principal *who,
                        int64_t initiative_id, struct status_report **out, size_t *n,
                        struct kl_error *err)
{
    struct initiative in;
    struct plan_access acc;
    int rc = plan_initiative_read(st, a, who, initiative_id, &in, &acc, err);

    *out = NULL;
    *n = 0;
    return rc ? rc : store_report_list(st, a, 0, initiative_id, out, n, err);
}

int app_report_extend(struct store *st, const struct principal *who, int64_t id, int32_t to,
                      const char *reason, struct field_errors *fe, struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct status_report old, now;
    struct initiative in;
    struct plan_access acc;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = read_report(st, a, who, id, &old, &in, &acc, err);
    if (rc == 0)
        rc = plan_require(st, who, acc.manage, PERM_FORUM_MANAGE, in.plan_forum_id, err);
    if (rc == 0 && old.submitted_at)
        rc = kl_error_set(err, KL_ECONFLICT, "the report of initiative %s is in already",
                          old.label);
    if (rc == 0) {
        if (to == DATE_OPEN)
            fields_add(fe, "extended_to", N_("is required"));
        else if (to <= old.round_due_on)
            fields_add(fe, "extended_to", N_("must be after the round's due day"));
        fields_check_text(fe, "extension_reason", reason, PLAN_NOTE_MAX, 0, 0);
        if (fe->n)
            rc = meeting_invalid(fe, err);
    }
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        now = old;
        now.extended_to = to;
        now.extension_reason = reason ? reason : "";
        rc = store_report_extend(st, &now, err);
        if (rc == 0)
            rc = plan_audit(st, who, "status_report", id, "extend", in.plan_forum_id,
                            status_report_json(&old, REPORT_AWAITING, 0),
                            status_report_json(&now, REPORT_EXTENDED, 0), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_report_submit(struct store *st, const struct principal *who,
                      const struct status_report *r, int64_t now, struct field_errors *fe,
                      struct kl_error *err)
{
    PLAN_FIELDS(fe);
    struct arena *a;
    struct status_report old, next;
    struct status_round round;
    struct initiative in;
    struct plan_access acc;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = read_report(st, a, who, r->id, &old, &in, &acc, err);
    if (rc == 0 && !acc.group && !who->is_admin)
        rc = in.group_forum_id
                 ? app_authorize(st, who, PERM_FORUM_INTERNAL, in.group_forum_id, err)
                 : kl_error_set(err, KL_EPERM, "initiative %s has no group to report for it",
                                in.label);
    if (rc == 0)
        rc = store_status_round_get(st, a, old.round_id, &round, err);
    if (rc == 0 && status_report_check(r, round.fields, fe))
        rc = meeting_invalid(fe, err);
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        next = old;
        next.light = r->light;
        next.scope = r->scope;
        next.data = r->data;
        next.schedule = r->schedule;
        next.funds = r->funds;
        next.involvement = r->involvement;
        next.submitted_at = old.submitted_at ? old.submitted_at : now;
        next.submitted_by = who->user_id;
        next.submitted_by_name = who->name;
        rc = store_report_submit(st, &next, err);
        if (rc == 0)
            rc = plan_audit(st, who, "status_report", r->id,
                            old.submitted_at ? "amend" : "submit", in.plan_forum_id,
                            status_report_json(&old, report_state_of(&old, 0), 1),
                            status_report_json(&next, report_state_of(&next, 0), 1), err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

/* reporting.c - manual reporting rounds (see reporting.h). */
#include "app/reporting.h"
#include "app/audit.h"
#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/indicator.h"
#include "store/org.h"
#include "store/store.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static int invalid(struct field_errors *fe, struct kl_error *err)
{
    return kl_error_set(err, KL_EINVAL, "%zu field%s not valid: %s %s", fe->n,
                        fe->n == 1 ? " is" : "s are", fe->field[0], fe->msg[0]);
}

/* The municipality codes of cluster in force on at least one day of period (text), in
 * code order, into *out (arena). */
static int members_in(struct store *st, struct arena *a, const char *cluster,
                      const char *period, int **out, size_t *n, struct kl_error *err)
{
    struct ind_membership *ms;
    struct period p;
    size_t nms;
    int rc = store_ind_memberships(st, a, &ms, &nms, err);

    *n = 0;
    if (rc)
        return rc;
    *out = arena_calloc(a, nms + 1, sizeof(**out));
    if (!*out)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    if (period_parse(period, &p))
        return 0;
    for (size_t i = 0; i < nms; i++)
        if (strcmp(ms[i].cluster_code, cluster) == 0 &&
            period_overlaps(ms[i].from, ms[i].to, period_first_day(&p), period_last_day(&p)))
            (*out)[(*n)++] = ms[i].municipality_code;
    return 0;
}

static json_t *round_json(const struct reporting_round *rr)
{
    char due[11];
    date_format_iso(rr->due_on, due);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)rr->id, "indicator",
                     rr->indicator_code, "period", rr->period, "cluster", rr->cluster_code,
                     "title", rr->title, "due_on", due);
}

int app_round_create(struct store *st, const struct principal *who, struct reporting_round *rr,
                     struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct indicator ind;
    struct cluster c;
    struct period p;
    struct ind_batch src = {0, VALUE_SRC_MANUAL, NULL, NULL, NULL};
    char canonical[PERIOD_TEXT_MAX], id[24];
    const char *given;
    int *munis;
    size_t nmunis;
    json_t *after;
    int rc;

    if ((rc = app_authorize(st, who, PERM_INDICATOR_EDIT, 0, err)))
        return rc;
    if (!(a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    if (!rr->indicator_code || !indicator_code_valid(rr->indicator_code) ||
        store_indicator_get(st, a, rr->indicator_code, &ind, err))
        fields_add(fe, "indicator", N_("is not an indicator of the catalogue"));
    else if (!rr->period || period_parse(rr->period, &p) || p.kind != ind.period_kind)
        fields_add(fe, "period", N_("is not a period of the indicator's kind (2025, 2025-Q1 "
                                    "or 2025-01)"));
    if (!rr->cluster_code || !cluster_code_valid(rr->cluster_code) ||
        store_cluster_get(st, a, rr->cluster_code, &c, err))
        fields_add(fe, "cluster", N_("is not a cluster"));
    if (!rr->title || !*rr->title || strlen(rr->title) > 200)
        fields_add(fe, "title", N_("is required (at most 200 characters)"));
    if (rr->due_on == DATE_OPEN)
        fields_add(fe, "due_on", N_("is required"));
    if (!fe->n) {
        period_format(&p, canonical);
        rc = members_in(st, a, rr->cluster_code, canonical, &munis, &nmunis, err);
        if (rc == 0 && nmunis == 0)
            fields_add(fe, "cluster", N_("has no municipalities in this period"));
    }
    if (rc || fe->n) {
        arena_free(a);
        return rc ? rc : invalid(fe, err);
    }
    given = rr->period;
    rr->period = canonical; /* stored in its canonical form */
    src.label = rr->title;
    src.actor = who->login && *who->login ? who->login : "unknown";
    rc = store_begin(st, err);
    if (rc == 0)
        rc = store_ind_source_add(st, &src, &rr->source_id, err);
    if (rc == 0)
        rc = store_round_insert(st, rr, &rr->id, err);
    if (rc == 0) {
        after = round_json(rr);
        snprintf(id, sizeof(id), "%lld", (long long)rr->id);
        rc = after ? app_audit_record(st, who, "reporting_round", id, "create", 0, NULL, after,
                                      err)
                   : kl_error_set(err, KL_ENOMEM, "out of memory");
        json_decref(after);
    }
    if (rc == 0)
        rc = store_commit(st, err);
    else
        store_rollback(st);
    rr->period = given;
    arena_free(a);
    return rc;
}

int app_round_list(struct store *st, struct arena *a, struct reporting_round **out, size_t *n,
                   struct kl_error *err)
{
    return store_round_list(st, a, out, n, err);
}

/* 1 when who may enter values for every municipality (the secretariat), 0 when not, or a
 * negative KL_E... code. */
static int is_editor(struct store *st, const struct principal *who, struct kl_error *err)
{
    struct kl_error denied;
    int rc = app_authorize(st, who, PERM_INDICATOR_EDIT, 0, &denied);
    if (rc == 0)
        return 1;
    return rc == KL_EPERM ? 0 : kl_error_set(err, rc, "%s", denied.msg);
}

/* The municipalities whose contact who is (store_user_municipalities), or none. */
static int own_munis(struct store *st, struct arena *a, const struct principal *who, int **out,
                     size_t *n, struct kl_error *err)
{
    *out = NULL;
    *n = 0;
    if (who->method == AUTH_NONE || who->user_id <= 0)
        return 0;
    return store_user_municipalities(st, a, who->user_id, out, n, err);
}

static int contains(const int *v, size_t n, int x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

int app_round_status(struct store *st, struct arena *a, const struct principal *who,
                     int64_t id, struct round_status *out, struct kl_error *err)
{
    struct cluster c;
    struct municipality *all;
    struct reporting_entry *entries;
    int *munis, *own;
    size_t nmunis, nall, nentries, nown;
    int editor, rc;

    memset(out, 0, sizeof(*out));
    if ((rc = store_round_get(st, a, id, &out->round, err)) ||
        (rc = store_indicator_get(st, a, out->round.indicator_code, &out->ind, err)) ||
        (rc = store_cluster_get(st, a, out->round.cluster_code, &c, err)) ||
        (rc = members_in(st, a, c.code, out->round.period, &munis, &nmunis, err)) ||
        (rc = store_municipality_list(st, a, 0, &all, &nall, err)) ||
        (rc = store_round_entries(st, a, id, &entries, &nentries, err)) ||
        (rc = own_munis(st, a, who, &own, &nown, err)))
        return rc;
    if ((editor = is_editor(st, who, err)) < 0)
        return editor;
    out->cluster_name = c.name;
    out->lines = arena_calloc(a, nmunis + 1, sizeof(*out->lines));
    if (!out->lines)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    /* in the municipalities' name order */
    for (size_t i = 0; i < nall; i++) {
        struct round_line *l;
        if (!contains(munis, nmunis, all[i].code))
            continue;
        l = &out->lines[out->nlines++];
        l->municipality_code = all[i].code;
        l->name = all[i].name;
        l->own = contains(own, nown, all[i].code);
        l->may_report = editor || l->own;
        for (size_t k = 0; k < nentries; k++)
            if (entries[k].municipality_code == all[i].code)
                l->entry = &entries[k];
        out->reported += l->entry != NULL;
    }
    return 0;
}

int app_round_report(struct store *st, const struct principal *who, int64_t id,
                     int municipality, int64_t numerator, int64_t denominator, double value,
                     struct field_errors *fe, struct kl_error *err)
{
    struct arena *a = arena_new(0);
    struct round_status rs;
    struct reporting_entry e;
    struct ind_value v, *old;
    size_t nold;
    char eid[96], mtext[8], vtext[32];
    const struct round_line *line = NULL;
    json_t *before = NULL, *after = NULL;
    int rc;

    if (!a)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    if ((rc = app_round_status(st, a, who, id, &rs, err)))
        goto out;
    for (size_t i = 0; i < rs.nlines; i++)
        if (rs.lines[i].municipality_code == municipality)
            line = &rs.lines[i];
    if (!line || !line->may_report) {
        int editor = is_editor(st, who, err), *own;
        size_t nown;
        if (editor < 0) {
            rc = editor;
            goto out;
        }
        if ((rc = own_munis(st, a, who, &own, &nown, err)))
            goto out;
        if (!editor && !contains(own, nown, municipality)) {
            rc = kl_error_set(err, KL_EPERM, "only the municipality's own contact and the "
                              "secretariat enter its value");
            goto out;
        }
        if (!line)
            fields_add(fe, "municipality", N_("is not asked in this round"));
    }
    if (ind_unit_is_rate(rs.ind.unit)) {
        if (numerator < 0)
            fields_add(fe, "numerator", N_("must be a whole number, 0 or more"));
        if (denominator <= 0)
            fields_add(fe, "denominator", N_("must be a whole number, 1 or more"));
        else if (rs.ind.unit == IND_UNIT_PERCENT && numerator > denominator)
            fields_add(fe, "numerator", N_("cannot be larger than the denominator"));
        value = fe->n ? 0 : ind_unit_scale(rs.ind.unit) * (double)numerator / (double)denominator;
    } else {
        if (!(value >= 0) || value != floor(value) || value > 1e12)
            fields_add(fe, "value", N_("must be a whole number, 0 or more"));
        numerator = fe->n ? IND_NONE : (int64_t)value;
        denominator = IND_NONE;
    }
    if (fe->n) {
        rc = invalid(fe, err);
        goto out;
    }
    e = (struct reporting_entry){id, municipality, numerator, denominator, value,
                                 who->login && *who->login ? who->login : "unknown", NULL};
    snprintf(mtext, sizeof(mtext), "%d", municipality);
    v = (struct ind_value){rs.ind.code, GEO_MUNICIPALITY, mtext, rs.round.period, value,
                           numerator, denominator, rs.round.source_id, VALUE_SRC_MANUAL, NULL,
                           NULL};
    if ((rc = store_begin(st, err)))
        goto out;
    rc = store_ind_values(st, a, rs.ind.code, rs.round.period, rs.round.period, &old, &nold,
                          err);
    for (size_t i = 0; rc == 0 && i < nold; i++)
        if (old[i].geo_kind == GEO_MUNICIPALITY && strcmp(old[i].geo_code, mtext) == 0) {
            snprintf(vtext, sizeof(vtext), "%.15g", old[i].value);
            before = json_pack("{s:s, s:s}", "value", vtext, "source", old[i].source_label);
        }
    snprintf(vtext, sizeof(vtext), "%.15g", value);
    after = json_pack("{s:s, s:o, s:o, s:s}", "value", vtext, "numerator",
                      numerator < 0 ? json_null() : json_integer(numerator), "denominator",
                      denominator < 0 ? json_null() : json_integer(denominator), "source",
                      rs.round.title);
    if (rc == 0 && !after)
        rc = kl_error_set(err, KL_ENOMEM, "out of memory");
    if (rc == 0)
        rc = store_round_entry_put(st, &e, err);
    if (rc == 0)
        rc = store_ind_value_put(st, &v, err);
    snprintf(eid, sizeof(eid), "%s/%s/municipality/%d", rs.ind.code, rs.round.period,
             municipality);
    if (rc == 0)
        rc = app_audit_record(st, who, "indicator_value", eid, "report", 0, before, after, err);
    if (rc == 0)
        rc = store_commit(st, err);
    else
        store_rollback(st);
out:
    json_decref(before);
    json_decref(after);
    arena_free(a);
    return rc;
}

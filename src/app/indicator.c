/* indicator.c - the indicator catalogue, the clusters' choices and the grid of values as a
 * principal may see it (see indicator.h). */
#include "app/indicator.h"
#include "app/audit.h"
#include "app/discretion.h"
#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/embed.h"
#include "core/error.h"
#include "core/i18n.h"
#include "core/number.h"
#include "core/problems.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/indicator.h"
#include "store/org.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

extern const struct embedded_file refdata_files[];

enum cat_col {
    CC_CODE, CC_NAME_DA, CC_NAME_EN, CC_DESCRIPTION, CC_NUMERATOR, CC_DENOMINATOR, CC_UNIT,
    CC_BETTER, CC_SOURCE_KIND, CC_SOURCE, CC_SOURCE_URL, CC_PERIOD_KIND, CC_MIN_COUNT,
    CC_SIGNAL_RULE, CC_TOLERANCE, CC_DECIMALS, CC_VERIFIED, CC_VERIFY_NOTE, CC_COUNT
};

static const char *const cat_cols[CC_COUNT] = {
    "code", "name_da", "name_en", "description", "numerator", "denominator", "unit", "better",
    "source_kind", "source", "source_url", "period_kind", "min_count", "signal_rule",
    "tolerance", "decimals", "verified", "verify_note",
};

/* Reads one catalogue record into ind (strings copied to a); problems go to probs. */
static int catalogue_row(const struct csv_record *rec, const int *idx, struct arena *a,
                         struct problems *probs, struct indicator *ind)
{
    const char *f[CC_COUNT];
    struct field_errors fe = {0};
    struct kl_error e;
    struct number num;
    int64_t count;
    int v;

    for (int c = 0; c < CC_COUNT; c++) {
        f[c] = arena_strdup(a, rec->fields[idx[c]]);
        if (!f[c])
            return KL_ENOMEM;
    }
    memset(ind, 0, sizeof(*ind));
    ind->code = f[CC_CODE];
    ind->name_da = f[CC_NAME_DA];
    ind->name_en = f[CC_NAME_EN];
    ind->description = f[CC_DESCRIPTION];
    ind->numerator = f[CC_NUMERATOR];
    ind->denominator = f[CC_DENOMINATOR];
    ind->unit = (enum ind_unit)((v = ind_unit_parse(f[CC_UNIT])) < 0 ? IND_UNIT_COUNT_ : v);
    ind->better = (enum ind_better)((v = ind_better_parse(f[CC_BETTER])) < 0 ? IND_BETTER_COUNT_
                                                                             : v);
    ind->source_kind =
        (enum ind_source)((v = ind_source_parse(f[CC_SOURCE_KIND])) < 0 ? IND_SRC_COUNT_ : v);
    ind->source = f[CC_SOURCE];
    ind->source_url = f[CC_SOURCE_URL];
    ind->period_kind =
        (enum period_kind)((v = period_kind_parse(f[CC_PERIOD_KIND])) < 0 ? PERIOD_KIND_COUNT_
                                                                          : v);
    ind->min_count = IND_MIN_COUNT_DEFAULT;
    if (*f[CC_MIN_COUNT] && number_parse_count(f[CC_MIN_COUNT], '.', 1000, &count, &e) == 0)
        ind->min_count = (int)count;
    else if (*f[CC_MIN_COUNT])
        ind->min_count = 0;
    ind->signal_rule =
        (enum signal_rule)((v = signal_rule_parse(f[CC_SIGNAL_RULE])) < 0 ? SIGNAL_RULE_COUNT_
                                                                          : v);
    ind->tolerance = number_parse(f[CC_TOLERANCE], '.', &num, &e) == 0 ? num.value : -1;
    ind->decimals = number_parse_count(f[CC_DECIMALS], '.', 9, &count, &e) == 0 ? (int)count
                                                                               : -1;
    ind->verified = strcmp(f[CC_VERIFIED], "verified") == 0;
    if (!ind->verified && strcmp(f[CC_VERIFIED], "to verify") != 0)
        fields_add(&fe, "verified", N_("must be 'verified' or 'to verify'"));
    ind->verify_note = f[CC_VERIFY_NOTE];
    indicator_check(ind, &fe);
    for (size_t i = 0; i < fe.n; i++) {
        size_t col = 0;
        for (int c = 0; c < CC_COUNT; c++)
            if (strcmp(cat_cols[c], fe.field[i]) == 0)
                col = (size_t)idx[c] + 1;
        problems_add(probs, rec->line, col, "%s %s", fe.field[i], fe.msg[i]);
    }
    return fe.n ? 1 : 0;
}

int app_indicator_catalogue_parse(const char *data, size_t size, struct arena *a,
                                  struct problems *probs, struct indicator **out, size_t *n,
                                  struct kl_error *err)
{
    struct csv_reader *r = csv_open_mem(data, size, 0, (size_t)4 << 20, err);
    struct csv_record rec;
    int idx[CC_COUNT], got, rc = 0;
    size_t cap = 0, known = probs->count, nh;

    *out = NULL;
    *n = 0;
    if (!r)
        return err->code ? err->code : KL_ENOMEM;
    got = csv_next(r, &rec, err);
    if (got <= 0) {
        problems_add(probs, 0, 0, "%s", got < 0 ? err->msg : "the catalogue is empty");
        csv_close(r);
        return kl_error_set(err, KL_EINVAL, "the catalogue cannot be read");
    }
    nh = rec.nfields;
    for (int c = 0; c < CC_COUNT; c++)
        if ((idx[c] = csv_header_index(&rec, cat_cols[c])) < 0)
            problems_add(probs, rec.line, 0, "missing column '%s'", cat_cols[c]);
    while (probs->count == known && (got = csv_next(r, &rec, err)) > 0) {
        struct indicator ind;
        if (rec.nfields != nh) {
            problems_add(probs, rec.line, 0, "%zu fields, but the header has %zu", rec.nfields,
                         nh);
            continue;
        }
        rc = catalogue_row(&rec, idx, a, probs, &ind);
        if (rc < 0)
            break;
        for (size_t i = 0; rc == 0 && i < *n; i++)
            if (strcmp((*out)[i].code, ind.code) == 0) {
                problems_add(probs, rec.line, (size_t)idx[CC_CODE] + 1,
                             "code %s is already on another row", ind.code);
                rc = 1;
            }
        if (rc == 0) {
            if (*n == cap) {
                size_t ncap = cap ? cap * 2 : 32;
                struct indicator *p = arena_alloc(a, ncap * sizeof(*p));
                if (!p) {
                    rc = KL_ENOMEM;
                    break;
                }
                if (*n)
                    memcpy(p, *out, *n * sizeof(*p));
                *out = p;
                cap = ncap;
            }
            (*out)[(*n)++] = ind;
        }
        rc = 0;
    }
    if (got < 0)
        problems_add(probs, 0, 0, "%s", err->msg);
    csv_close(r);
    if (rc == KL_ENOMEM)
        return kl_error_set(err, KL_ENOMEM, "out of memory reading the catalogue");
    if (probs->count != known)
        return kl_error_set(err, KL_EINVAL, "%zu problems in the indicator catalogue",
                            probs->count - known);
    return 0;
}

/* The definition as the audit log shows it. */
static json_t *indicator_json(const struct indicator *i)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, "
                     "s:f, s:i, s:b, s:s}",
                     "code", i->code, "name_da", i->name_da, "name_en", i->name_en,
                     "description", i->description, "numerator", i->numerator, "denominator",
                     i->denominator, "unit", ind_unit_name(i->unit), "better",
                     ind_better_name(i->better), "source_kind", ind_source_name(i->source_kind),
                     "source", i->source, "source_url", i->source_url, "period_kind",
                     period_kind_name(i->period_kind), "min_count", i->min_count,
                     "signal_rule", signal_rule_name(i->signal_rule), "tolerance", i->tolerance,
                     "decimals", i->decimals, "verified", i->verified, "verify_note",
                     i->verify_note);
}

int app_indicator_catalogue_load(struct store *st, const struct principal *who, int *loaded,
                                 int *changed, struct problems *probs, struct kl_error *err)
{
    const struct embedded_file *f = embed_find(refdata_files, "indicators.csv");
    struct arena *a = arena_new(0);
    struct indicator *inds;
    size_t n;
    int rc, nchanged = 0;

    if (!a)
        return kl_error_set(err, KL_ENOMEM, "out of memory loading the indicator catalogue");
    if (!f) {
        arena_free(a);
        return kl_error_set(err, KL_ENOTFOUND, "indicators.csv is not in this build");
    }
    rc = app_indicator_catalogue_parse((const char *)f->data, f->size, a, probs, &inds, &n, err);
    if (rc == 0)
        rc = store_begin(st, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct indicator old;
        json_t *before = NULL, *after = indicator_json(&inds[i]);
        int got = store_indicator_get(st, a, inds[i].code, &old, err);
        if (got == 0)
            before = indicator_json(&old);
        if (!after || (got == 0 && !before))
            rc = kl_error_set(err, KL_ENOMEM, "out of memory loading the indicator catalogue");
        else if (got && got != KL_ENOTFOUND)
            rc = got;
        else if (!before || !json_equal(before, after)) {
            rc = store_indicator_put(st, &inds[i], err);
            if (rc == 0)
                rc = app_audit_record(st, who, "indicator", inds[i].code,
                                      before ? "update" : "create", 0, before, after, err);
            nchanged++;
        }
        json_decref(before);
        json_decref(after);
    }
    if (rc == 0)
        rc = store_commit(st, err);
    else
        store_rollback(st);
    if (rc == 0 && loaded)
        *loaded = (int)n;
    if (rc == 0 && changed)
        *changed = nchanged;
    arena_free(a);
    return rc;
}

int app_indicator_list(struct store *st, struct arena *a, struct indicator **out, size_t *n,
                       int64_t **counts, struct kl_error *err)
{
    size_t nc;
    int rc = store_indicator_list(st, a, out, n, err);

    if (rc == 0 && counts) {
        rc = store_ind_value_counts(st, a, counts, &nc, err);
        if (rc == 0 && nc != *n)
            rc = kl_error_set(err, KL_EDB, "the indicators changed while they were read");
    }
    return rc;
}

int app_indicator_get(struct store *st, struct arena *a, const char *code,
                      struct indicator *out, struct kl_error *err)
{
    if (!indicator_code_valid(code))
        return kl_error_set(err, KL_ENOTFOUND, "there is no indicator with this code");
    return store_indicator_get(st, a, code, out, err);
}

/* The canonical text of the bound of text for kind, in a: the period before it for a lower
 * bound (so that its signal can be computed). *out NULL when text is NULL or empty. */
static int bound_text(struct arena *a, const char *text, enum period_kind kind, int upper,
                      const char **out, struct kl_error *err)
{
    struct period p;
    char *t;

    *out = NULL;
    if (!text || !*text)
        return 0;
    if (ind_period_bound(text, kind, upper, &p))
        return kl_error_set(err, KL_EINVAL, "'%s' is not a period (write 2023, 2023-Q2 or "
                            "2023-05)", text);
    if (!upper)
        p = period_prev(&p);
    if (!(t = arena_alloc(a, PERIOD_TEXT_MAX)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    period_format(&p, t);
    *out = t;
    return 0;
}

int app_indicator_grid(struct store *st, struct arena *a, const struct principal *who,
                       const char *code, const char *from, const char *to,
                       struct ind_grid *out, struct kl_error *err)
{
    struct indicator ind;
    struct municipality *munis;
    struct region *regions;
    struct ind_membership *ms;
    struct ind_value *values;
    struct ind_geo *mg, *rg;
    size_t nm, nr, nms, nv;
    const char *lo, *hi;
    struct ind_grid_input in;
    int rc;

    if ((rc = app_indicator_get(st, a, code, &ind, err)) ||
        (rc = bound_text(a, from, ind.period_kind, 0, &lo, err)) ||
        (rc = bound_text(a, to, ind.period_kind, 1, &hi, err)) ||
        (rc = store_municipality_list(st, a, 0, &munis, &nm, err)) ||
        (rc = store_region_list(st, a, &regions, &nr, err)) ||
        (rc = store_ind_memberships(st, a, &ms, &nms, err)) ||
        (rc = store_ind_values(st, a, code, lo, hi, &values, &nv, err)))
        return rc;
    mg = arena_calloc(a, nm + 1, sizeof(*mg));
    rg = arena_calloc(a, nr + 1, sizeof(*rg));
    if (!mg || !rg)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < nm; i++) {
        mg[i] = (struct ind_geo){GEO_MUNICIPALITY, arena_printf(a, "%d", munis[i].code),
                                 munis[i].name, munis[i].region_code};
        if (!mg[i].code)
            return kl_error_set(err, KL_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < nr; i++) {
        rg[i] = (struct ind_geo){GEO_REGION, arena_printf(a, "%d", regions[i].code),
                                 regions[i].name, regions[i].code};
        if (!rg[i].code)
            return kl_error_set(err, KL_ENOMEM, "out of memory");
    }
    in = (struct ind_grid_input){&ind, mg, nm, rg, nr, ms, nms, values, nv, from, to};
    if (ind_grid_build(a, &in, out))
        return kl_error_set(err, KL_ENOMEM, "out of memory building the indicator's values");
    if ((rc = app_discretion_apply(st, who, out, err)))
        return rc;
    ind_grid_signals(out);
    return 0;
}

int app_cluster_indicators(struct store *st, struct arena *a, const char *cluster_code,
                           const char ***codes, size_t *n, int *chosen, struct kl_error *err)
{
    struct indicator *all;
    int64_t *counts;
    size_t nall, k = 0;
    int rc = store_cluster_indicators(st, a, cluster_code, codes, n, err);

    if (rc)
        return rc;
    *chosen = *n > 0;
    if (*n)
        return 0;
    if ((rc = app_indicator_list(st, a, &all, &nall, &counts, err)))
        return rc;
    *codes = arena_calloc(a, nall + 1, sizeof(**codes));
    if (!*codes)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    for (size_t i = 0; i < nall; i++)
        if (counts[i] > 0)
            (*codes)[k++] = all[i].code;
    *n = k;
    return 0;
}

/* KL_EINVAL unless each of codes[0..n) is an indicator of the catalogue, once. */
static int check_choice(struct store *st, struct arena *a, const char *const *codes, size_t n,
                        struct kl_error *err)
{
    for (size_t i = 0; i < n; i++) {
        struct indicator ind;
        if (app_indicator_get(st, a, codes[i], &ind, err))
            return kl_error_set(err, KL_EINVAL, "'%s' is not an indicator", codes[i]);
        for (size_t j = 0; j < i; j++)
            if (strcmp(codes[i], codes[j]) == 0)
                return kl_error_set(err, KL_EINVAL, "%s is chosen twice", codes[i]);
    }
    return 0;
}

static json_t *codes_json(const char *const *codes, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++)
        json_array_append_new(list, json_string(codes[i]));
    return list;
}

int app_cluster_indicators_set(struct store *st, const struct principal *who,
                               const char *cluster_code, const char *const *codes, size_t n,
                               struct kl_error *err)
{
    struct arena *a;
    struct cluster c;
    const char **old;
    size_t nold;
    json_t *before = NULL, *after = NULL;
    int rc;

    if ((rc = app_authorize(st, who, PERM_INDICATOR_EDIT, 0, err)))
        return rc;
    if (!(a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    if (!cluster_code_valid(cluster_code) ||
        store_cluster_get(st, a, cluster_code, &c, err) == KL_ENOTFOUND) {
        rc = kl_error_set(err, KL_ENOTFOUND, "there is no cluster with this code");
        goto out;
    }
    if ((rc = check_choice(st, a, codes, n, err)) || (rc = store_begin(st, err)))
        goto out;
    rc = store_cluster_indicators(st, a, cluster_code, &old, &nold, err);
    if (rc == 0) {
        before = codes_json(old, nold);
        after = codes_json(codes, n);
        if (!before || !after)
            rc = kl_error_set(err, KL_ENOMEM, "out of memory");
    }
    if (rc == 0 && !json_equal(before, after)) {
        rc = store_cluster_indicators_set(st, cluster_code, codes, n, err);
        if (rc == 0)
            rc = app_audit_record(st, who, "cluster_indicators", cluster_code, "update", 0,
                                  before, after, err);
    }
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

int app_forum_indicators(struct store *st, struct arena *a, const struct principal *who,
                         int64_t forum_id, const char ***codes, size_t *n, struct kl_error *err)
{
    int rc = app_authorize(st, who, PERM_FORUM_PUBLISHED, forum_id, err);

    *codes = NULL;
    *n = 0;
    return rc ? rc : store_forum_indicators(st, a, forum_id, codes, n, err);
}

int app_forum_indicators_set(struct store *st, const struct principal *who, int64_t forum_id,
                             const char *const *codes, size_t n, struct kl_error *err)
{
    struct arena *a;
    const char **old;
    size_t nold;
    json_t *before = NULL, *after = NULL;
    char key[24];
    int rc;

    if ((rc = app_authorize(st, who, PERM_FORUM_MANAGE, forum_id, err)))
        return rc;
    if (!(a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    if ((rc = check_choice(st, a, codes, n, err)) || (rc = store_begin(st, err)))
        goto out;
    rc = store_forum_indicators(st, a, forum_id, &old, &nold, err);
    if (rc == 0 && (!(before = codes_json(old, nold)) || !(after = codes_json(codes, n))))
        rc = kl_error_set(err, KL_ENOMEM, "out of memory");
    if (rc == 0 && !json_equal(before, after)) {
        snprintf(key, sizeof(key), "%lld", (long long)forum_id);
        rc = store_forum_indicators_set(st, forum_id, codes, n, err);
        if (rc == 0)
            rc = app_audit_record(st, who, "forum_indicators", key, "update", forum_id, before,
                                  after, err);
    }
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

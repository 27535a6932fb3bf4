/* forum.c - forum kinds and the co-chair rotation rule. */
#include "model/forum.h"

#include "core/date.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/org.h"

#include <string.h>

static const char *const kind_names[FORUM_KIND_COUNT] = {
    "political", "director", "chief", "steering", "operations",
    "focus_group", "ad_hoc", "standing", "secretariat",
};

const char *forum_kind_name(enum forum_kind k)
{
    return (unsigned)k < FORUM_KIND_COUNT ? kind_names[k] : NULL;
}

int forum_kind_parse(const char *s)
{
    for (int k = 0; s && k < FORUM_KIND_COUNT; k++)
        if (strcmp(s, kind_names[k]) == 0)
            return k;
    return -1;
}

/* The day `years` years after day d (29 February becomes 28 February in common years). */
static int32_t add_years(int32_t d, int years)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    y += years;
    if (m == 2 && day == 29 && date_days_in_month(y, 2) == 28)
        day = 28;
    return date_from_ymd(y, m, day);
}

int rotation_at(const struct rotation_rule *rule, int32_t on, int warn_days,
                struct rotation_state *out)
{
    int32_t start;
    size_t k = 0;

    if (!rule->norgs || rule->period_years <= 0 || on < rule->start)
        return -1;
    /* walk period by period: a rotation lasts decades at most, so this is a short loop */
    start = rule->start;
    while (add_years(start, rule->period_years) <= on) {
        start = add_years(start, rule->period_years);
        k++;
    }
    out->current = k % rule->norgs;
    out->next = (k + 1) % rule->norgs;
    out->period_start = start;
    out->period_end = add_years(start, rule->period_years) - 1;
    out->due = out->period_end - on < warn_days;
    return 0;
}

void mandate_defaults(struct mandate *m)
{
    *m = (struct mandate){"", 14, 0, -1, "", 0, 0, "", 0, 0};
}

static int line_ok(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    if (n > max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < ' ')
            return 0;
    return 1;
}

int forum_check(const struct forum *f, struct field_errors *fe)
{
    size_t before = fe->n;
    const struct mandate *m = &f->mandate;

    if (!f->name || !*f->name)
        fields_add(fe, "name", N_("is required"));
    else if (!line_ok(f->name, 200))
        fields_add(fe, "name", N_("must be one line of at most 200 bytes"));
    if ((unsigned)f->kind >= FORUM_KIND_COUNT)
        fields_add(fe, "kind", N_("is not a known kind of forum"));
    if (f->region_code && !region_code_valid(f->region_code))
        fields_add(fe, "region_code", N_("is not a region code (1081-1085)"));
    for (size_t i = 0; i < f->nclusters; i++)
        if (!cluster_code_valid(f->clusters[i]))
            fields_add(fe, "clusters", N_("holds something that is not a cluster code"));
    if (f->id && f->reports_to == f->id)
        fields_add(fe, "reports_to", N_("cannot be the forum itself"));
    if (f->kind == FORUM_AD_HOC) {
        if (!f->task || !*f->task)
            fields_add(fe, "task", N_("is required for an ad hoc group"));
        if (f->ends_on == DATE_OPEN)
            fields_add(fe, "ends_on", N_("is required for an ad hoc group"));
    }
    if (f->task && strlen(f->task) > 2000)
        fields_add(fe, "task", N_("is too long"));
    if (m->text && strlen(m->text) > MANDATE_TEXT_MAX)
        fields_add(fe, "mandate", N_("is longer than 64 KiB"));
    if (m->publish_days < 0 || m->publish_days > 90)
        fields_add(fe, "publish_days", N_("must be 0 to 90 days"));
    if (m->min_meetings < 0 || m->min_meetings > 52)
        fields_add(fe, "min_meetings", N_("must be 0 to 52"));
    if (m->premeeting_days < -1 || m->premeeting_days > 60)
        fields_add(fe, "premeeting_days", N_("must be 0 to 60 days, or none"));
    if (!line_ok(m->chair_arrangement, 2000))
        fields_add(fe, "chair_arrangement", N_("must be one line of at most 2000 bytes"));
    if (!line_ok(m->secretariat, 2000))
        fields_add(fe, "secretariat", N_("must be one line of at most 2000 bytes"));
    if (m->rotation_years < 0 || m->rotation_years > 10)
        fields_add(fe, "rotation_years", N_("must be 0 to 10 years"));
    if (m->rotation_years > 0 && f->nrotation < 2)
        fields_add(fe, "rotation_orgs", N_("a rotation needs at least two organisations"));
    for (size_t i = 0; i < f->nrotation; i++)
        for (size_t j = 0; j < i; j++)
            if (f->rotation_orgs[i] == f->rotation_orgs[j])
                fields_add(fe, "rotation_orgs", N_("names an organisation twice"));
    if (m->omit_standard & ~MANDATE_STANDARD_ALL)
        fields_add(fe, "standard_items", N_("names a standard item that does not exist"));
    return (int)(fe->n - before);
}

size_t representation_missing(const int *required, size_t nrequired, const int *present,
                              size_t npresent, int *missing)
{
    size_t n = 0;

    for (size_t i = 0; i < nrequired; i++) {
        size_t j = 0;
        while (j < npresent && present[j] != required[i])
            j++;
        if (j == npresent)
            missing[n++] = required[i];
    }
    return n;
}

/* forum.c - forum kinds and the co-chair rotation rule. */
#include "model/forum.h"

#include "core/date.h"

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

/* indicator.c - indicator definitions, periods, geographies and signals (see indicator.h). */
#include "model/indicator.h"
#include "core/date.h"
#include "core/i18n.h"
#include "model/fields.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const unit_names[IND_UNIT_COUNT_] = {"count", "percent", "per_1000", "days",
                                                         "score"};
static const char *const better_names[IND_BETTER_COUNT_] = {"lower", "higher", "neither"};
static const char *const source_names[IND_SRC_COUNT_] = {"sds", "national_goals",
                                                          "other_public", "own_data", "engine"};
static const char *const period_names[PERIOD_KIND_COUNT_] = {"year", "quarter", "month"};
static const char *const rule_names[SIGNAL_RULE_COUNT_] = {"relative", "absolute"};
static const char *const geo_names[GEO_KIND_COUNT_] = {"municipality", "cluster", "region",
                                                        "country"};
static const char *const value_source_names[VALUE_SRC_COUNT_] = {"import", "manual", "engine",
                                                                  "synthetic"};
static const char *const signal_names[SIGNAL_COUNT_] = {"", "good", "same", "bad", "up",
                                                         "down"};

static int lookup(const char *const *names, int n, const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

#define NAME_OF(table, count, v) ((unsigned)(v) < (count) ? (table)[v] : "")

const char *ind_unit_name(enum ind_unit u)
{
    return NAME_OF(unit_names, IND_UNIT_COUNT_, u);
}

int ind_unit_parse(const char *s)
{
    return lookup(unit_names, IND_UNIT_COUNT_, s);
}

const char *ind_better_name(enum ind_better b)
{
    return NAME_OF(better_names, IND_BETTER_COUNT_, b);
}

int ind_better_parse(const char *s)
{
    return lookup(better_names, IND_BETTER_COUNT_, s);
}

const char *ind_source_name(enum ind_source s)
{
    return NAME_OF(source_names, IND_SRC_COUNT_, s);
}

int ind_source_parse(const char *s)
{
    return lookup(source_names, IND_SRC_COUNT_, s);
}

const char *period_kind_name(enum period_kind k)
{
    return NAME_OF(period_names, PERIOD_KIND_COUNT_, k);
}

int period_kind_parse(const char *s)
{
    return lookup(period_names, PERIOD_KIND_COUNT_, s);
}

const char *signal_rule_name(enum signal_rule r)
{
    return NAME_OF(rule_names, SIGNAL_RULE_COUNT_, r);
}

int signal_rule_parse(const char *s)
{
    return lookup(rule_names, SIGNAL_RULE_COUNT_, s);
}

const char *geo_kind_name(enum geo_kind k)
{
    return NAME_OF(geo_names, GEO_KIND_COUNT_, k);
}

int geo_kind_parse(const char *s)
{
    return lookup(geo_names, GEO_KIND_COUNT_, s);
}

const char *value_source_name(enum source_kind k)
{
    return NAME_OF(value_source_names, VALUE_SRC_COUNT_, k);
}

int value_source_parse(const char *s)
{
    return lookup(value_source_names, VALUE_SRC_COUNT_, s);
}

const char *signal_name(enum signal s)
{
    return NAME_OF(signal_names, SIGNAL_COUNT_, s);
}

double ind_unit_scale(enum ind_unit u)
{
    switch (u) {
    case IND_UNIT_PERCENT: return 100.0;
    case IND_UNIT_PER_1000: return 1000.0;
    case IND_UNIT_DAYS:
    case IND_UNIT_SCORE: return 1.0;
    default: return 0.0;
    }
}

int ind_unit_is_rate(enum ind_unit u)
{
    return ind_unit_scale(u) > 0;
}

int indicator_code_valid(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n == 0 || n > IND_CODE_MAX || !(code[0] >= 'A' && code[0] <= 'Z'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9') ||
              code[i] == '-'))
            return 0;
    return 1;
}

static int text_ok(const char *s, size_t max)
{
    return s && strlen(s) <= max;
}

int indicator_check(const struct indicator *ind, struct field_errors *fe)
{
    size_t before = fe->n;

    if (!indicator_code_valid(ind->code))
        fields_add(fe, "code", N_("must be 1-40 capital letters, digits or '-', starting "
                                  "with a letter"));
    if (!ind->name_da || !*ind->name_da || strlen(ind->name_da) > 200)
        fields_add(fe, "name_da", N_("is required (at most 200 characters)"));
    if (!ind->name_en || !*ind->name_en || strlen(ind->name_en) > 200)
        fields_add(fe, "name_en", N_("is required (at most 200 characters)"));
    if (!text_ok(ind->description, 4000))
        fields_add(fe, "description", N_("is too long"));
    if (!text_ok(ind->numerator, 1000))
        fields_add(fe, "numerator", N_("is too long"));
    if (!text_ok(ind->denominator, 1000))
        fields_add(fe, "denominator", N_("is too long"));
    if ((unsigned)ind->unit >= IND_UNIT_COUNT_)
        fields_add(fe, "unit", N_("is not a known unit"));
    else if (ind_unit_is_rate(ind->unit) && ind->numerator && ind->denominator &&
             (!*ind->numerator) != (!*ind->denominator))
        fields_add(fe, "denominator", N_("a rate has both a numerator and a denominator, or "
                                         "neither"));
    if ((unsigned)ind->better >= IND_BETTER_COUNT_)
        fields_add(fe, "better", N_("must be lower, higher or neither"));
    if ((unsigned)ind->source_kind >= IND_SRC_COUNT_)
        fields_add(fe, "source_kind", N_("is not a known kind of source"));
    if (!text_ok(ind->source, 400))
        fields_add(fe, "source", N_("is too long"));
    if (!ind->source_url || strlen(ind->source_url) > 400 ||
        (*ind->source_url && strncmp(ind->source_url, "https://", 8) != 0 &&
         strncmp(ind->source_url, "http://", 7) != 0))
        fields_add(fe, "source_url", N_("must be an http(s) address or empty"));
    if ((unsigned)ind->period_kind >= PERIOD_KIND_COUNT_)
        fields_add(fe, "period_kind", N_("must be year, quarter or month"));
    if (ind->min_count < 1 || ind->min_count > 100)
        fields_add(fe, "min_count", N_("must be a whole number from 1 to 100"));
    if ((unsigned)ind->signal_rule >= SIGNAL_RULE_COUNT_)
        fields_add(fe, "signal_rule", N_("must be relative or absolute"));
    if (!(ind->tolerance >= 0 && ind->tolerance <= 1000))
        fields_add(fe, "tolerance", N_("must be a number from 0 to 1000"));
    if (ind->decimals < 0 || ind->decimals > 3)
        fields_add(fe, "decimals", N_("must be a whole number from 0 to 3"));
    if (!ind->verified && (!ind->verify_note || !*ind->verify_note))
        fields_add(fe, "verify_note", N_("says what is still to verify against the source"));
    else if (!text_ok(ind->verify_note, 1000))
        fields_add(fe, "verify_note", N_("is too long"));
    return (int)(fe->n - before);
}

/* Periods. */

/* Reads exactly n digits at *p into *v and moves *p past them; 0 or -1. */
static int digits(const char **p, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        *v = *v * 10 + ((*p)[i] - '0');
    }
    if (isdigit((unsigned char)(*p)[n]))
        return -1;
    *p += n;
    return 0;
}

static int make(struct period *out, enum period_kind k, int year, int part)
{
    if (year < 1900 || year > 2999)
        return -1;
    if ((k == PERIOD_QUARTER && (part < 1 || part > 4)) ||
        (k == PERIOD_MONTH && (part < 1 || part > 12)))
        return -1;
    out->kind = k;
    out->year = year;
    out->part = k == PERIOD_YEAR ? 0 : part;
    return 0;
}

int period_parse(const char *s, struct period *out)
{
    char t[24];
    size_t n = 0;
    const char *p;
    int year, part;

    if (!s)
        return -1;
    while (*s == ' ')
        s++;
    for (; *s && n + 1 < sizeof(t); s++)
        t[n++] = (char)tolower((unsigned char)*s);
    if (*s)
        return -1;
    while (n && t[n - 1] == ' ')
        n--;
    t[n] = '\0';
    p = t;
    /* "2. kvt. 2023" */
    if (isdigit((unsigned char)p[0]) && strncmp(p + 1, ". kvt. ", 7) == 0) {
        const char *q = p + 8;
        if (digits(&q, 4, &year) == 0 && !*q)
            return make(out, PERIOD_QUARTER, year, p[0] - '0');
        return -1;
    }
    /* "q2 2023", "k2 2023" */
    if ((p[0] == 'q' || p[0] == 'k') && isdigit((unsigned char)p[1]) && p[2] == ' ') {
        const char *q = p + 3;
        if (digits(&q, 4, &year) == 0 && !*q)
            return make(out, PERIOD_QUARTER, year, p[1] - '0');
        return -1;
    }
    /* "05-2023" */
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && p[2] == '-' &&
        n == 7) {
        const char *q = p + 3;
        if (digits(&p, 2, &part) == 0 && digits(&q, 4, &year) == 0)
            return make(out, PERIOD_MONTH, year, part);
        return -1;
    }
    if (digits(&p, 4, &year))
        return -1;
    if (!*p)
        return make(out, PERIOD_YEAR, year, 0);
    if (*p == '-')
        p++;
    if (*p == 'q' || *p == 'k') {
        p++;
        if (digits(&p, 1, &part) == 0 && !*p)
            return make(out, PERIOD_QUARTER, year, part);
        return -1;
    }
    if (*p == 'm')
        p++;
    if (digits(&p, 2, &part) == 0 && !*p)
        return make(out, PERIOD_MONTH, year, part);
    return -1;
}

/* Writes v (0 <= v < 10^n) as n decimal digits. */
static char *put_digits(char *out, int v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return out + n;
}

void period_format(const struct period *p, char *out)
{
    int y = p->year < 0 ? 0 : p->year > 9999 ? 9999 : p->year;
    int part = p->part < 0 ? 0 : p->part > 12 ? 12 : p->part;
    char *at = put_digits(out, y, 4);

    /* digits by hand: gcc cannot see the clamped ranges at -O0 and warns on snprintf */
    if (p->kind == PERIOD_QUARTER) {
        *at++ = '-';
        *at++ = 'Q';
        at = put_digits(at, part % 10, 1);
    } else if (p->kind == PERIOD_MONTH) {
        *at++ = '-';
        at = put_digits(at, part, 2);
    }
    *at = '\0';
}

int32_t period_first_day(const struct period *p)
{
    switch (p->kind) {
    case PERIOD_QUARTER: return date_from_ymd(p->year, 3 * p->part - 2, 1);
    case PERIOD_MONTH: return date_from_ymd(p->year, p->part, 1);
    default: return date_from_ymd(p->year, 1, 1);
    }
}

int32_t period_last_day(const struct period *p)
{
    struct period next = period_next(p);
    return period_first_day(&next) - 1;
}

struct period period_prev(const struct period *p)
{
    struct period q = *p;
    if (p->kind == PERIOD_YEAR) {
        q.year--;
    } else if (p->part > 1) {
        q.part--;
    } else {
        q.year--;
        q.part = p->kind == PERIOD_QUARTER ? 4 : 12;
    }
    return q;
}

struct period period_next(const struct period *p)
{
    struct period q = *p;
    int last = p->kind == PERIOD_QUARTER ? 4 : 12;
    if (p->kind == PERIOD_YEAR) {
        q.year++;
    } else if (p->part < last) {
        q.part++;
    } else {
        q.year++;
        q.part = 1;
    }
    return q;
}

int period_cmp(const struct period *a, const struct period *b)
{
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->part != b->part)
        return a->part < b->part ? -1 : 1;
    return 0;
}

/* Signals. */

enum signal indicator_signal(const struct indicator *ind, double value, double reference)
{
    double diff = value - reference, limit;

    if (!isfinite(value) || !isfinite(reference))
        return SIGNAL_NONE;
    if (ind->signal_rule == SIGNAL_RULE_RELATIVE)
        limit = ind->tolerance / 100.0 * fabs(reference);
    else
        limit = ind->tolerance;
    /* a little slack for decimal values that binary floating point cannot hold exactly */
    limit += 1e-9 * (fabs(reference) > 1 ? fabs(reference) : 1);
    if (fabs(diff) <= limit)
        return SIGNAL_SAME;
    switch (ind->better) {
    case IND_BETTER_LOWER: return diff < 0 ? SIGNAL_GOOD : SIGNAL_BAD;
    case IND_BETTER_HIGHER: return diff > 0 ? SIGNAL_GOOD : SIGNAL_BAD;
    default: return diff > 0 ? SIGNAL_UP : SIGNAL_DOWN;
    }
}

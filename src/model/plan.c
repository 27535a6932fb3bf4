/* plan.c - action plans, initiatives, funds and status rounds: names, value checks and the
 * pure rules (see plan.h). */
#include "model/plan.h"

#include "core/buf.h"
#include "core/date.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "model/meeting.h"
#include "model/org.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const target_names[TARGET_COUNT] = {
    "elderly", "chronic", "mental", "children", "population",
};
static const char *const process_names[PROCESS_COUNT] = {"A", "B"};
static const char *const initiative_names[INITIATIVE_STATUS_COUNT] = {
    "proposed", "active", "paused", "dropped", "completed",
};
static const char *const round_field_names[ROUND_FIELD_COUNT] = {
    "scope", "data", "schedule", "funds", "involvement",
};
static const char *const light_names[LIGHT_COUNT] = {"none", "green", "yellow", "red"};
static const char *const report_names[REPORT_STATE_COUNT] = {
    "awaiting", "extended", "submitted", "late", "missing", "excused",
};

static int parse_name(const char *const *names, int count, const char *s)
{
    for (int i = 0; s && i < count; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

static const char *name_of(const char *const *names, int count, int v)
{
    return v >= 0 && v < count ? names[v] : NULL;
}

const char *target_group_name(unsigned i)
{
    return i < TARGET_COUNT ? target_names[i] : NULL;
}

unsigned target_group_parse(const char *s)
{
    int i = parse_name(target_names, TARGET_COUNT, s);
    return i < 0 ? 0 : 1u << i;
}

const char *initiative_process_name(enum initiative_process p)
{
    return name_of(process_names, COUNT(process_names), (int)p);
}

int initiative_process_parse(const char *s)
{
    return parse_name(process_names, COUNT(process_names), s);
}

const char *initiative_status_name(enum initiative_status s)
{
    return name_of(initiative_names, COUNT(initiative_names), (int)s);
}

int initiative_status_parse(const char *s)
{
    return parse_name(initiative_names, COUNT(initiative_names), s);
}

const char *round_field_name(unsigned i)
{
    return i < ROUND_FIELD_COUNT ? round_field_names[i] : NULL;
}

unsigned round_field_parse(const char *s)
{
    int i = parse_name(round_field_names, ROUND_FIELD_COUNT, s);
    return i < 0 ? 0 : 1u << i;
}

const char *status_light_name(enum status_light l)
{
    return name_of(light_names, COUNT(light_names), (int)l);
}

int status_light_parse(const char *s)
{
    return parse_name(light_names, COUNT(light_names), s);
}

const char *report_state_name(enum report_state s)
{
    return name_of(report_names, COUNT(report_names), (int)s);
}

/* Rules. */

int initiative_transition_allowed(enum initiative_status from, enum initiative_status to)
{
    switch (to) {
    case INITIATIVE_ACTIVE:
        return from == INITIATIVE_PROPOSED || from == INITIATIVE_PAUSED;
    case INITIATIVE_PAUSED:
        return from == INITIATIVE_ACTIVE;
    case INITIATIVE_COMPLETED:
        return from == INITIATIVE_ACTIVE || from == INITIATIVE_PAUSED;
    case INITIATIVE_DROPPED:
        return from != INITIATIVE_DROPPED && from != INITIATIVE_COMPLETED;
    default:
        return 0;
    }
}

int initiative_reports(enum initiative_status s)
{
    return s == INITIATIVE_PROPOSED || s == INITIATIVE_ACTIVE || s == INITIATIVE_PAUSED;
}

int32_t report_due(const struct status_report *r)
{
    return r->extended_to != DATE_OPEN ? r->extended_to : r->round_due_on;
}

enum report_state report_state_of(const struct status_report *r, int32_t today)
{
    int32_t due = report_due(r);

    if (r->submitted_at)
        return meeting_cph_day(r->submitted_at) > due ? REPORT_LATE : REPORT_SUBMITTED;
    if (!initiative_reports(r->initiative_status))
        return REPORT_EXCUSED;
    if (today > due)
        return REPORT_MISSING;
    return r->extended_to != DATE_OPEN ? REPORT_EXTENDED : REPORT_AWAITING;
}

int64_t funds_left(const struct funds_year *f)
{
    return f->allocated + f->carried_in - f->spent - f->carried_out;
}

size_t funds_totals(const struct funds_year *f, size_t n, struct funds_year *out, size_t max)
{
    size_t ny = 0;

    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < ny && out[j].year != f[i].year)
            j++;
        if (j == ny) {
            if (ny == max)
                continue;
            /* keep out sorted by year: shift the later years up */
            while (j > 0 && out[j - 1].year > f[i].year) {
                out[j] = out[j - 1];
                j--;
            }
            out[j] = (struct funds_year){0, f[i].year, 0, 0, 0, 0};
            ny++;
        }
        out[j].allocated += f[i].allocated;
        out[j].spent += f[i].spent;
        out[j].carried_in += f[i].carried_in;
        out[j].carried_out += f[i].carried_out;
    }
    return ny;
}

int funds_carry(struct funds_year *from, struct funds_year *to, int64_t amount)
{
    if (from->initiative_id != to->initiative_id || to->year != from->year + 1 || amount <= 0 ||
        amount > funds_left(from) || to->carried_in > PLAN_MONEY_MAX - amount ||
        from->carried_out > PLAN_MONEY_MAX - amount)
        return -1;
    from->carried_out += amount;
    to->carried_in += amount;
    return 0;
}

/* Splits s at its first digit run: *num gets the run's value (saturating), *len the run's
 * length; 0 when s does not start with a digit. */
static size_t digit_run(const char *s, unsigned long long *num)
{
    size_t n = 0;

    *num = 0;
    while (isdigit((unsigned char)s[n])) {
        if (*num < 1000000000000ULL)
            *num = *num * 10 + (unsigned)(s[n] - '0');
        n++;
    }
    return n;
}

int plan_label_cmp(const char *a, const char *b)
{
    const char *p = a ? a : "", *q = b ? b : "";

    while (*p && *q) {
        unsigned long long x, y;
        size_t n = digit_run(p, &x), m = digit_run(q, &y);
        if (n && m) {
            if (x != y)
                return x < y ? -1 : 1;
            p += n;
            q += m;
            continue;
        }
        int cp = tolower((unsigned char)*p), cq = tolower((unsigned char)*q);
        if (cp != cq)
            return cp < cq ? -1 : 1;
        p++;
        q++;
    }
    if (*p || *q)
        return *p ? 1 : -1;
    return strcmp(a ? a : "", b ? b : "");
}

/* Checks. */

static void check_day(struct field_errors *fe, const char *field, int32_t day)
{
    if (day == DATE_OPEN)
        fields_add(fe, field, N_("is required"));
}

int action_plan_check(const struct action_plan *p, struct field_errors *fe)
{
    size_t before = fe->n;

    fields_check_text(fe, "title", p->title, PLAN_TEXT_MAX, 1, 1);
    fields_check_text(fe, "funds_rule", p->funds_rule, PLAN_NOTE_MAX, 0, 0);
    check_day(fe, "starts_on", p->starts_on);
    check_day(fe, "ends_on", p->ends_on);
    if (p->starts_on != DATE_OPEN && p->ends_on != DATE_OPEN && p->ends_on < p->starts_on)
        fields_add(fe, "ends_on", N_("must not be before the start"));
    return (int)(fe->n - before);
}

static int label_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;

    if (n == 0 || n > PLAN_LABEL_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '-')
            return 0;
    return 1;
}

int initiative_check(const struct initiative *in, struct field_errors *fe)
{
    size_t before = fe->n;

    if (!in->label || !*in->label)
        fields_add(fe, "label", N_("is required"));
    else if (!label_ok(in->label))
        fields_add(fe, "label", N_("use at most 16 letters, digits, dots and hyphens"));
    fields_check_text(fe, "title", in->title, PLAN_TEXT_MAX, 1, 1);
    fields_check_text(fe, "description", in->description, PLAN_NOTE_MAX, 0, 0);
    fields_check_text(fe, "involvement_how", in->involvement_how, PLAN_NOTE_MAX, 0, 0);
    fields_check_text(fe, "data_plan", in->data_plan, PLAN_NOTE_MAX, 0, 0);
    fields_check_text(fe, "status_reason", in->status_reason, PLAN_NOTE_MAX, 0,
                      in->status == INITIATIVE_DROPPED);
    if (in->targets & ~TARGET_ALL)
        fields_add(fe, "targets", N_("is not a known target group"));
    if ((unsigned)in->process >= PROCESS_COUNT)
        fields_add(fe, "process", N_("must be A or B"));
    if ((unsigned)in->status >= INITIATIVE_STATUS_COUNT)
        fields_add(fe, "status", N_("is not a known status"));
    return (int)(fe->n - before);
}

int milestone_check(const struct milestone *m, struct field_errors *fe)
{
    size_t before = fe->n;

    fields_check_text(fe, "title", m->title, PLAN_TEXT_MAX, 1, 1);
    check_day(fe, "due_on", m->due_on);
    return (int)(fe->n - before);
}

int funds_check(const struct funds_year *f, struct field_errors *fe)
{
    size_t before = fe->n;

    if (f->year < 2000 || f->year > 2100)
        fields_add(fe, "year", N_("must be a year from 2000 to 2100"));
    if (f->allocated < 0 || f->allocated > PLAN_MONEY_MAX)
        fields_add(fe, "allocated", N_("is not an amount"));
    if (f->spent < 0 || f->spent > PLAN_MONEY_MAX)
        fields_add(fe, "spent", N_("is not an amount"));
    return (int)(fe->n - before);
}

int status_round_check(const struct status_round *r, struct field_errors *fe)
{
    size_t before = fe->n;

    fields_check_text(fe, "title", r->title, PLAN_TEXT_MAX, 1, 1);
    check_day(fe, "due_on", r->due_on);
    if (r->due_on != DATE_OPEN && r->opened_on != DATE_OPEN && r->due_on < r->opened_on)
        fields_add(fe, "due_on", N_("must not be before the round opens"));
    if (!r->fields || (r->fields & ~ROUND_FIELDS_ALL))
        fields_add(fe, "fields", N_("choose at least one known field"));
    return (int)(fe->n - before);
}

int status_report_check(const struct status_report *r, unsigned fields,
                        struct field_errors *fe)
{
    size_t before = fe->n;
    const char *text[ROUND_FIELD_COUNT] = {r->scope, r->data, r->schedule, r->funds,
                                           r->involvement};

    if (r->light <= LIGHT_NONE || r->light >= LIGHT_COUNT)
        fields_add(fe, "light", N_("choose green, yellow or red"));
    for (unsigned i = 0; i < ROUND_FIELD_COUNT; i++) {
        if (fields & (1u << i))
            fields_check_text(fe, round_field_names[i], text[i], PLAN_NOTE_MAX, 0, 1);
        else if (text[i] && *text[i])
            fields_add(fe, round_field_names[i], N_("is not asked for in this round"));
    }
    return (int)(fe->n - before);
}

/* Money. */

int money_parse(const char *s, int64_t *ore)
{
    int64_t kr = 0, frac = 0;
    int digits = 0, group = -1, fdigits = -1;
    const char *p = s;

    if (!s)
        return -1;
    while (*p == ' ')
        p++;
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (isdigit(c) && fdigits >= 0) {
            if (++fdigits > 2)
                return -1;
            frac = frac * 10 + (c - '0');
        } else if (isdigit(c)) {
            if (kr > PLAN_MONEY_MAX / 100)
                return -1;
            kr = kr * 10 + (c - '0');
            digits++;
            if (group >= 0 && ++group > 3)
                return -1;
        } else if ((c == '.' || c == ' ') && fdigits < 0 && digits &&
                   isdigit((unsigned char)p[1])) {
            if (group >= 0 && group != 3)
                return -1;        /* thousands come in groups of three: "1.5" is no amount */
            if (group < 0 && digits > 3)
                return -1;
            group = 0;
        } else if (c == ',' && fdigits < 0 && digits) {
            fdigits = 0;
        } else {
            break;
        }
    }
    if (group >= 0 && group != 3)
        return -1;
    while (*p == ' ')
        p++;
    if (strcmp(p, "kr.") == 0 || strcmp(p, "kr") == 0)
        p += strlen(p);
    if (*p || !digits || fdigits == 0)
        return -1;
    if (fdigits == 1)
        frac *= 10;
    if (kr > (PLAN_MONEY_MAX - frac) / 100)
        return -1;
    *ore = kr * 100 + (fdigits > 0 ? frac : 0);
    return 0;
}

void money_format(int64_t ore, char out[32])
{
    char digits[24];
    uint64_t v = ore < 0 ? (uint64_t)0 - (uint64_t)ore : (uint64_t)ore;
    uint64_t kr = v / 100, o = v % 100;
    int n = 0, k = 0;

    do {
        digits[n++] = (char)('0' + kr % 10);
        kr /= 10;
    } while (kr);
    if (ore < 0)
        out[k++] = '-';
    for (; n > 0; n--) {
        out[k++] = digits[n - 1];
        if (n > 1 && (n - 1) % 3 == 0)
            out[k++] = '.';
    }
    if (o) {
        out[k++] = ',';
        out[k++] = (char)('0' + o / 10);
        out[k++] = (char)('0' + o % 10);
    }
    out[k] = '\0';
}

/* Lists. */

static int cmp_labels(const void *x, const void *y)
{
    return plan_label_cmp(*(const char *const *)x, *(const char *const *)y);
}

int plan_label_list(struct buf *out, const char **labels, size_t n, const char *lang)
{
    size_t mark = out->len;
    const char **sorted;
    int rc = 0;

    if (n == 0)
        return 0;
    sorted = malloc(n * sizeof(*sorted));
    if (!sorted)
        return -1;
    memcpy(sorted, labels, n * sizeof(*sorted));
    qsort(sorted, n, sizeof(*sorted), cmp_labels);
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (i > 0)
            rc = buf_puts(out, i + 1 < n ? ", "
                               : (lang && strcmp(lang, "en") == 0 ? " and " : " og "));
        if (rc == 0)
            rc = buf_puts(out, sorted[i]);
    }
    free(sorted);
    if (rc) {
        out->len = mark;
        if (out->data)
            out->data[mark] = '\0';
        return -1;
    }
    return 0;
}

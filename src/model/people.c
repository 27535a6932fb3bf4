/* people.c - organisation kinds, membership roles and the value checks of parties, people
 * and memberships (see people.h). */
#include "model/people.h"
#include "core/i18n.h"
#include "model/account.h"
#include "model/fields.h"
#include "model/org.h"

#include <string.h>

static const char *const kind_names[ORG_KIND_COUNT] = {
    "region", "hospital", "municipality", "general_practice", "practice_coordinator",
    "psychiatry", "patient_panel", "other",
};

static const char *const role_names[MEMBER_ROLE_COUNT] = {
    "chair", "co_chair", "member", "secretary", "guest", "substitute",
};

const char *org_kind_name(enum org_kind k)
{
    return (unsigned)k < ORG_KIND_COUNT ? kind_names[k] : NULL;
}

int org_kind_parse(const char *s)
{
    for (int k = 0; s && k < ORG_KIND_COUNT; k++)
        if (strcmp(s, kind_names[k]) == 0)
            return k;
    return -1;
}

const char *member_role_name(enum member_role r)
{
    return (unsigned)r < MEMBER_ROLE_COUNT ? role_names[r] : NULL;
}

int member_role_parse(const char *s)
{
    for (int r = 0; s && r < MEMBER_ROLE_COUNT; r++)
        if (strcmp(s, role_names[r]) == 0)
            return r;
    return -1;
}

/* A single-line text of at most max bytes; NULL counts as empty. */
static const char *line_check(const char *s, size_t max, int required)
{
    size_t n = s ? strlen(s) : 0;

    if (n == 0)
        return required ? N_("is required") : NULL;
    if (n > max)
        return N_("is too long");
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < ' ')
            return N_("must be one line without control characters");
    return NULL;
}

int organisation_check(const struct organisation *o, struct field_errors *fe)
{
    size_t before = fe->n;
    const char *why;

    if ((why = line_check(o->name, 200, 1)))
        fields_add(fe, "name", why);
    if ((unsigned)o->kind >= ORG_KIND_COUNT)
        fields_add(fe, "kind", N_("is not a known kind of organisation"));
    if (o->region_code && !region_code_valid(o->region_code))
        fields_add(fe, "region_code", N_("is not a region code (1081-1085)"));
    if (o->municipality_code && !municipality_code_valid(o->municipality_code))
        fields_add(fe, "municipality_code", N_("is not a municipality code"));
    if (o->kind == ORG_MUNICIPALITY && !o->municipality_code)
        fields_add(fe, "municipality_code", N_("is required for a municipality"));
    if (o->kind == ORG_REGION && !o->region_code)
        fields_add(fe, "region_code", N_("is required for a region"));
    return (int)(fe->n - before);
}

int person_check(const struct person *p, struct field_errors *fe)
{
    size_t before = fe->n;
    const char *why;

    if ((why = line_check(p->name, 200, 1)))
        fields_add(fe, "name", why);
    if ((why = line_check(p->title, 200, 0)))
        fields_add(fe, "title", why);
    if (p->email && *p->email && email_check(p->email))
        fields_add(fe, "email", N_("is not an e-mail address"));
    if ((why = line_check(p->phone, 40, 0)))
        fields_add(fe, "phone", why);
    for (const char *c = p->phone; c && *c; c++)
        if (!strchr("0123456789 +-()", *c)) {
            fields_add(fe, "phone", N_("may hold only digits, spaces and + - ( )"));
            break;
        }
    return (int)(fe->n - before);
}

int membership_check(const struct membership *m, struct field_errors *fe)
{
    size_t before = fe->n;

    if (m->person_id <= 0)
        fields_add(fe, "person_id", N_("is required"));
    if (m->forum_id <= 0)
        fields_add(fe, "forum_id", N_("is required"));
    if ((unsigned)m->role >= MEMBER_ROLE_COUNT)
        fields_add(fe, "role", N_("is not a known role"));
    if (m->role == MEMBER_SUBSTITUTE && m->substitute_for <= 0)
        fields_add(fe, "substitute_for", N_("names the member a substitute stands in for"));
    if (m->role != MEMBER_SUBSTITUTE && m->substitute_for)
        fields_add(fe, "substitute_for", N_("is only for substitutes"));
    if (m->substitute_for && m->substitute_for == m->person_id)
        fields_add(fe, "substitute_for", N_("cannot be the person themself"));
    if (m->ends_on != DATE_OPEN && m->ends_on < m->starts_on)
        fields_add(fe, "ends_on", N_("is before the start"));
    return (int)(fe->n - before);
}

int membership_active(const struct membership *m, int32_t day)
{
    return m->starts_on <= day && day <= m->ends_on;
}

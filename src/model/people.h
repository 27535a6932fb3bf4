/* people.h - the parties of the collaboration (organisations), the people who sit in its
 * forums, and their memberships over time, as plain structs with their value checks.
 *
 * Strings point into memory owned by whoever filled the struct (usually an arena). Dates are
 * day numbers (core/date.h); DATE_OPEN (model/org.h) marks a membership without an end. */
#ifndef KL_MODEL_PEOPLE_H
#define KL_MODEL_PEOPLE_H

#include <stddef.h>
#include <stdint.h>

struct field_errors;

enum org_kind {
    ORG_REGION = 0,          /* the region's administration */
    ORG_HOSPITAL,            /* a hospital unit */
    ORG_MUNICIPALITY,        /* a municipal administration */
    ORG_GENERAL_PRACTICE,    /* almen praksis / PLO */
    ORG_PRACTICE_COORDINATOR,/* praksiskoordinator, PLO-K */
    ORG_PSYCHIATRY,          /* psykiatrien */
    ORG_PATIENT_PANEL,       /* patientinddragelsesudvalg, patient panel */
    ORG_OTHER,
    ORG_KIND_COUNT
};

struct organisation {
    int64_t id;
    const char *name;        /* "Aalborg Kommune" */
    enum org_kind kind;
    int region_code;         /* 0 when not linked */
    int municipality_code;   /* 0 when not linked */
};

struct person {
    int64_t id;
    const char *name;
    const char *title;           /* "" when not known */
    int64_t organisation_id;     /* 0 when not known */
    const char *organisation_name; /* filled by readers */
    const char *email;           /* "" when not known */
    const char *phone;           /* "" when not known */
    int64_t user_id;             /* the account of this person, whose rights in a forum
                                    follow from the person's memberships; 0: none */
    const char *login;           /* that account's login, filled by readers ("" if none) */
};

enum member_role {
    MEMBER_CHAIR = 0,     /* formand */
    MEMBER_CO_CHAIR,      /* medformand, næstformand */
    MEMBER_MEMBER,
    MEMBER_SECRETARY,     /* sekretariat */
    MEMBER_GUEST,
    MEMBER_SUBSTITUTE,    /* stedfortræder for a named member */
    MEMBER_ROLE_COUNT
};

struct membership {
    int64_t id;
    int64_t person_id;
    int64_t forum_id;
    enum member_role role;
    int64_t organisation_id;     /* the organisation represented; 0 when none */
    int64_t substitute_for;      /* person id of the member substituted; 0 unless SUBSTITUTE */
    int32_t starts_on;
    int32_t ends_on;             /* last day, or DATE_OPEN */
    /* filled by readers */
    const char *person_name;
    const char *forum_name;
    const char *organisation_name;
    const char *substitute_for_name;
};

/* Stored names of kinds and roles ("municipality", "co_chair") and back (-1 when unknown). */
const char *org_kind_name(enum org_kind k);
int org_kind_parse(const char *s);
const char *member_role_name(enum member_role r);
int member_role_parse(const char *s);

/* Value checks: each problem is added to fe under the field's API name. Return the number
 * of problems found. */
int organisation_check(const struct organisation *o, struct field_errors *fe);
int person_check(const struct person *p, struct field_errors *fe);
int membership_check(const struct membership *m, struct field_errors *fe);

/* True when the membership is in force on day. */
int membership_active(const struct membership *m, int32_t day);

#endif

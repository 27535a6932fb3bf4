/* plan.h - action plans (handleplaner), their initiatives (indsatser) with milestones and
 * cluster funds, and status rounds (statusrunder) with one report per initiative, as plain
 * structs with their value checks; and the rules as pure functions: which status changes
 * an initiative may make, the state of a report on a given day, the funds arithmetic of a
 * carry-over, the natural order of labels ("1b" before "10") and the sentence a Chefforum
 * reads ("Indsats 1b, 3 og 13 har ikke indgivet status").
 *
 * Conventions as in meeting.h: strings point into memory owned by whoever filled the struct
 * (usually an arena); instants are seconds since the Unix epoch (UTC); days are day numbers
 * (core/date.h), DATE_OPEN for "no date". Money is in øre as int64_t, never floating point. */
#ifndef KL_MODEL_PLAN_H
#define KL_MODEL_PLAN_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct field_errors;

#define PLAN_TEXT_MAX 200    /* titles, labels' context: one line */
#define PLAN_NOTE_MAX 8000   /* descriptions and report fields: paragraphs */
#define PLAN_LABEL_MAX 16    /* "1b", "10.2" */
#define PLAN_MONEY_MAX INT64_C(100000000000000) /* one trillion kroner in øre: a sanity cap */

/* Action plans. */

struct action_plan {
    int64_t id;
    int64_t forum_id;              /* the forum whose plan it is (the cluster's Chefforum) */
    const char *forum_name;        /* filled by readers */
    const char *title;
    int32_t starts_on;             /* the period it covers */
    int32_t ends_on;
    int64_t approved_item_id;      /* the agenda item that approved it; 0 while not approved */
    const char *funds_rule;        /* what the forum decided funds may be used for; "" */
    int64_t created_at;
    size_t ninitiatives;           /* filled by list readers */
};

/* Value checks: title (required, one line), period (both days, start not after end),
 * funds_rule (paragraphs). Returns the number of problems added to fe. */
int action_plan_check(const struct action_plan *p, struct field_errors *fe);

/* Initiatives. */

/* Target groups (målgrupper), a bit set. */
enum target_group {
    TARGET_ELDERLY = 1u << 0,    /* "elderly": ældre medicinske patienter */
    TARGET_CHRONIC = 1u << 1,    /* "chronic": borgere med kronisk sygdom */
    TARGET_MENTAL = 1u << 2,     /* "mental": borgere med psykisk sygdom */
    TARGET_CHILDREN = 1u << 3,   /* "children": børn og unge */
    TARGET_POPULATION = 1u << 4, /* "population": hele befolkningen */
};
#define TARGET_COUNT 5
#define TARGET_ALL ((1u << TARGET_COUNT) - 1)

/* The stored name of target group bit number i (0..TARGET_COUNT-1), NULL past the end. */
const char *target_group_name(unsigned i);
/* The bit of a stored name, 0 when unknown. */
unsigned target_group_parse(const char *s);

/* Process types of seed 004. */
enum initiative_process {
    PROCESS_A = 0, /* "A": developed locally, then offered for spread */
    PROCESS_B,     /* "B": ordered centrally, implemented locally */
    PROCESS_COUNT
};

/* proposed → active ⇄ paused; active or paused → completed; any but completed → dropped
 * (udgår, with a reason). */
enum initiative_status {
    INITIATIVE_PROPOSED = 0,
    INITIATIVE_ACTIVE,
    INITIATIVE_PAUSED,
    INITIATIVE_DROPPED,
    INITIATIVE_COMPLETED,
    INITIATIVE_STATUS_COUNT
};

struct initiative {
    int64_t id;
    int64_t plan_id;
    const char *plan_title;        /* filled by readers */
    int64_t plan_forum_id;         /* filled by readers */
    const char *label;             /* "1b": unique within its plan */
    const char *title;
    const char *description;       /* "" */
    unsigned targets;              /* enum target_group bits */
    int64_t group_forum_id;        /* the forum that runs it (an indsatsgruppe); 0: none yet */
    const char *group_name;        /* filled by readers */
    int64_t responsible_person_id; /* 0: none */
    const char *responsible_name;  /* filled by readers */
    enum initiative_process process;
    enum initiative_status status;
    const char *status_reason;     /* required when dropped; "" */
    int user_involvement;          /* brugerinddragelse: 1 yes, 0 no */
    const char *involvement_how;   /* "" */
    const char *data_plan;         /* the data it will use to follow its effect; "" */
    int64_t origin_id;             /* spread: the initiative it was adopted from or ordered
                                      by; 0 for an original */
    int64_t offered_at;            /* a completed type-A initiative offered for spread; 0 */
    int64_t created_at;
    /* filled by list readers */
    const char *latest_light;      /* the last submitted report's light; "" when none */
    const char *cluster_codes;     /* the plan forum's clusters, comma-separated; "" */
};

const char *initiative_process_name(enum initiative_process p);
int initiative_process_parse(const char *s);
const char *initiative_status_name(enum initiative_status s);
int initiative_status_parse(const char *s);

/* 1 when an initiative in status `from` may move to `to` (see the enum). */
int initiative_transition_allowed(enum initiative_status from, enum initiative_status to);

/* 1 when initiatives in status s owe a status report in a round (proposed, active,
 * paused). */
int initiative_reports(enum initiative_status s);

/* Value checks: label (required, [0-9A-Za-z.-], at most PLAN_LABEL_MAX), title, texts,
 * targets (known bits), process, status, a reason when dropped. Returns the count added. */
int initiative_check(const struct initiative *in, struct field_errors *fe);

/* Orders labels naturally: digit runs by value, so "2" < "10" and "1b" < "3"; ties by
 * bytes. Returns <0, 0, >0. NULL sorts as "". */
int plan_label_cmp(const char *a, const char *b);

/* Milestones. */

struct milestone {
    int64_t id;
    int64_t initiative_id;
    const char *title;
    int32_t due_on;                /* required */
    int32_t done_on;               /* DATE_OPEN while not reached */
};

/* Value checks: title (required, one line), due_on (required). */
int milestone_check(const struct milestone *m, struct field_errors *fe);

/* Funds (klyngemidler) of one initiative in one year. What is left of a year is
 * allocated + carried_in - spent - carried_out; a carry-over moves an amount from what is
 * left of year Y to carried_in of year Y+1, so that no øre is lost or created. */
struct funds_year {
    int64_t initiative_id;
    int year;
    int64_t allocated;             /* øre */
    int64_t spent;                 /* øre */
    int64_t carried_in;            /* øre, from the year before */
    int64_t carried_out;           /* øre, to the year after */
};

/* What is left of f's year (negative when overspent). */
int64_t funds_left(const struct funds_year *f);

/* Value checks of the amounts a user enters: year 2000..2100, allocated and spent from 0 to
 * PLAN_MONEY_MAX. */
int funds_check(const struct funds_year *f, struct field_errors *fe);

/* Moves amount øre from `from` (year Y) to `to` (year Y+1, same initiative). Returns 0; -1
 * without changing either when the years or initiatives do not match, amount is not
 * positive or more than what is left of `from`, or a sum would pass PLAN_MONEY_MAX. */
int funds_carry(struct funds_year *from, struct funds_year *to, int64_t amount);

/* The totals per year of f[0..n) (any initiatives), by year, into out (room for max); the
 * count written. Years past max are left out. */
#define FUNDS_YEARS_MAX 101 /* the years funds may have: 2000 to 2100 */
size_t funds_totals(const struct funds_year *f, size_t n, struct funds_year *out, size_t max);

/* Parses an amount in kroner as Danes write it ("12.500", "12500,50", "12 500 kr.") into
 * øre. Returns 0, or -1 when it is not an amount from 0 to PLAN_MONEY_MAX. */
int money_parse(const char *s, int64_t *ore);

/* Writes ore as kroner Danish style ("12.500,50"; whole kroner without decimals) with a
 * NUL into out (at least 32 bytes). */
void money_format(int64_t ore, char out[32]);

/* Status rounds. */

/* What each initiative's group must write in a round, a bit set (seed 002). */
enum round_field {
    ROUND_SCOPE = 1u << 0,       /* "scope": afgrænsning */
    ROUND_DATA = 1u << 1,        /* "data": the data used to follow the effect */
    ROUND_SCHEDULE = 1u << 2,    /* "schedule": tidsplan og milepæle */
    ROUND_FUNDS = 1u << 3,       /* "funds": use of funds */
    ROUND_INVOLVEMENT = 1u << 4, /* "involvement": brugerinddragelse */
};
#define ROUND_FIELD_COUNT 5
#define ROUND_FIELDS_ALL ((1u << ROUND_FIELD_COUNT) - 1)

/* The stored name of round field bit number i, NULL past the end; the bit of a name, 0. */
const char *round_field_name(unsigned i);
unsigned round_field_parse(const char *s);

struct status_round {
    int64_t id;
    int64_t plan_id;
    int64_t plan_forum_id;         /* filled by readers */
    const char *title;             /* "Status august 2023" */
    int32_t opened_on;
    int32_t due_on;
    unsigned fields;               /* enum round_field bits the groups must fill in */
    int64_t created_at;
};

/* Value checks: title (required), due_on (required, not before opened_on), fields (at
 * least one, known bits). */
int status_round_check(const struct status_round *r, struct field_errors *fe);

/* The self-assessment of a report. */
enum status_light {
    LIGHT_NONE = 0,
    LIGHT_GREEN,                   /* "green": on track */
    LIGHT_YELLOW,                  /* "yellow": challenges */
    LIGHT_RED,                     /* "red": off track */
    LIGHT_COUNT
};
const char *status_light_name(enum status_light l);
int status_light_parse(const char *s);

struct status_report {
    int64_t id;
    int64_t round_id;
    int64_t initiative_id;
    const char *label;             /* filled by readers: the initiative's */
    const char *initiative_title;  /* filled by readers */
    enum initiative_status initiative_status; /* filled by readers */
    int64_t group_forum_id;        /* filled by readers */
    const char *round_title;       /* filled by readers */
    int32_t round_due_on;          /* filled by readers */
    int32_t extended_to;           /* a granted extension; DATE_OPEN when none */
    const char *extension_reason;  /* "" */
    int64_t submitted_at;          /* 0 while not submitted */
    int64_t submitted_by;          /* the user; 0 */
    const char *submitted_by_name; /* filled by readers; "" */
    enum status_light light;
    const char *scope, *data, *schedule, *funds, *involvement; /* "" when not written */
};

/* A report's state in the round overview. */
enum report_state {
    REPORT_AWAITING = 0, /* "awaiting": not in, its due day not passed */
    REPORT_EXTENDED,     /* "extended": not in, an extension not passed */
    REPORT_SUBMITTED,    /* "submitted": in on or before its due day */
    REPORT_LATE,         /* "late": in, after its due day */
    REPORT_MISSING,      /* "missing": not in and its due day has passed */
    REPORT_EXCUSED,      /* "excused": not in, the initiative was dropped or completed */
    REPORT_STATE_COUNT
};
const char *report_state_name(enum report_state s);

/* The day a report is due: its extension, else the round's. */
int32_t report_due(const struct status_report *r);

/* The state of r on Copenhagen day `today` (submission day from submitted_at). */
enum report_state report_state_of(const struct status_report *r, int32_t today);

/* Value checks of a submission for a round asking for `fields`: the light is required,
 * each asked field required (at most PLAN_NOTE_MAX), fields not asked must be empty. */
int status_report_check(const struct status_report *r, unsigned fields,
                        struct field_errors *fe);

/* Appends to out the labels[0..n) as a Danish or English enumeration in natural label
 * order: "1b, 3, 4 og 13" (lang "da") or "1b, 3, 4 and 13". Nothing when n is 0. Returns 0,
 * or -1 when out of memory (out restored). */
int plan_label_list(struct buf *out, const char **labels, size_t n, const char *lang);

#endif

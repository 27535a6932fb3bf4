/* forum.h - forums (mødefora), their mandates (kommissorium) and the rules the system
 * enforces from them: the co-chair rotation among member organisations and the
 * representation of every municipality of a cluster.
 *
 * The rule functions are pure: they take plain values and return plain values, so that the
 * same code serves pages, the API and tests. Dates are day numbers (core/date.h). */
#ifndef KL_MODEL_FORUM_H
#define KL_MODEL_FORUM_H

#include <stddef.h>
#include <stdint.h>

enum forum_kind {
    FORUM_POLITICAL = 0,   /* politisk niveau, sundhedskoordinationsudvalg */
    FORUM_DIRECTOR,        /* direktørforum */
    FORUM_CHIEF,           /* chefforum */
    FORUM_STEERING,        /* sundhedsstyregruppe, klyngestyregruppe */
    FORUM_OPERATIONS,      /* driftsforum */
    FORUM_FOCUS_GROUP,     /* fokusgruppe */
    FORUM_AD_HOC,          /* time-limited group with a task and an end date */
    FORUM_STANDING,        /* fast gruppe */
    FORUM_SECRETARIAT,     /* sekretariat, fællessekretariat */
    FORUM_KIND_COUNT
};

/* The mandate (kommissorium): Markdown text and the rules the system enforces from it. */
struct mandate {
    const char *text;              /* Markdown; "" when none */
    int publish_days;              /* the agenda is published this many days before a
                                      meeting at the latest (default 14) */
    int min_meetings;              /* meetings a year at least; 0: no rule */
    int premeeting_days;           /* a pre-meeting (formøde) this many days before each
                                      meeting; -1: no pre-meeting */
    const char *chair_arrangement; /* how chair and co-chair are found, in words */
    int rotation_years;            /* the co-chair passes among rotation_orgs this many
                                      years at a time; 0: no rotation */
    int32_t rotation_start;        /* first day of the first rotation period */
    const char *secretariat;       /* the secretariat arrangement, in words */
    int all_municipalities;        /* every municipality of the forum's clusters must be
                                      represented by a member */
    unsigned omit_standard;        /* standard items its agendas leave out: bits
                                      1u << enum item_standard (model/meeting.h); 0: all */
};

/* The standard items a mandate may leave out (approve agenda, approve minutes, round, any
 * other business: bits 1 to 4). */
#define MANDATE_STANDARD_ALL 0x1eu

#define FORUM_MAX_CLUSTERS 16
#define FORUM_MAX_ROTATION 16
#define MANDATE_TEXT_MAX (64 * 1024)

struct forum {
    int64_t id;
    const char *name;
    enum forum_kind kind;
    int is_public;
    int64_t reports_to;            /* the forum it reports to; 0: none */
    const char *reports_to_name;   /* filled by readers */
    int region_code;               /* serves a whole region; 0: see clusters */
    const char *clusters[FORUM_MAX_CLUSTERS]; /* codes of the clusters it belongs to */
    size_t nclusters;
    const char *task;              /* an ad hoc group's task; "" otherwise */
    int32_t ends_on;               /* an ad hoc group's last day; DATE_OPEN otherwise */
    struct mandate mandate;
    int64_t rotation_orgs[FORUM_MAX_ROTATION]; /* organisations in rotation order */
    size_t nrotation;
};

/* The defaults of a new forum's mandate: agenda 14 days before, no other rule. */
void mandate_defaults(struct mandate *m);

/* Value checks of a forum and its mandate; each problem is added to fe under the field's
 * API name. Returns the number of problems found. */
struct field_errors;
int forum_check(const struct forum *f, struct field_errors *fe);

/* The municipalities in required[] (nrequired) that are not in present[] (npresent) are
 * written to missing[] (room for nrequired), in the order of required. Returns how many. */
size_t representation_missing(const int *required, size_t nrequired, const int *present,
                              size_t npresent, int *missing);

/* The stored name of a kind ("ad_hoc") and back (-1 for an unknown name). */
const char *forum_kind_name(enum forum_kind k);
int forum_kind_parse(const char *s);

/* The co-chair rotation of a mandate: the chair passes among the organisations in order,
 * period_years at a time, from start (the first day of the first holder's period). */
struct rotation_rule {
    int period_years;       /* 0: no rotation */
    int32_t start;          /* first day of the first period */
    size_t norgs;           /* organisations in the order of rotation */
};

struct rotation_state {
    size_t current;         /* index of the organisation holding the co-chair on the day */
    size_t next;            /* index of the one after it */
    int32_t period_start;   /* first day of the current period */
    int32_t period_end;     /* last day of the current period */
    int due;                /* 1 when the change is at most warn_days away */
};

/* Where the rotation stands on day `on` (on >= rule->start, norgs > 0, period_years > 0;
 * returns -1 otherwise). due is set when period_end - on < warn_days. */
int rotation_at(const struct rotation_rule *rule, int32_t on, int warn_days,
                struct rotation_state *out);

#endif

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

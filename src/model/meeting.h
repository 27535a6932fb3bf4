/* meeting.h - meetings (møder), their agenda items (dagsordenspunkter), attendance, minutes
 * (referat), follow-ups (opfølgning) and referrals between forums, as plain structs with
 * their value checks; and the workflow rules as pure functions: which status changes are
 * allowed, the publication deadline and its urgency, the order of an agenda.
 *
 * Strings point into memory owned by whoever filled the struct (usually an arena). Instants
 * are seconds since the Unix epoch, UTC (stored as "YYYY-MM-DDTHH:MM:SSZ"); days are day
 * numbers (core/date.h), DATE_OPEN (model/org.h) for "no date". Rules that depend on the
 * calendar use Copenhagen local time, as the people in the forums do. */
#ifndef KL_MODEL_MEETING_H
#define KL_MODEL_MEETING_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct field_errors;

/* Meetings. */

enum meeting_kind {
    MEETING_REGULAR = 0, /* "meeting": an ordinary meeting of the forum */
    MEETING_PRE,         /* "pre_meeting": formøde before a meeting (parent_id) */
    MEETING_SEMINAR,     /* "seminar" */
    MEETING_POLITICAL,   /* "political": a political meeting with a theme and a site visit */
    MEETING_KIND_COUNT
};

/* planned → agenda_draft → agenda_published → held → minutes_draft → minutes_published;
 * cancelled from any status before held. */
enum meeting_status {
    MEETING_PLANNED = 0,
    MEETING_AGENDA_DRAFT,
    MEETING_AGENDA_PUBLISHED,
    MEETING_HELD,
    MEETING_MINUTES_DRAFT,
    MEETING_MINUTES_PUBLISHED,
    MEETING_CANCELLED,
    MEETING_STATUS_COUNT
};

/* How a meeting's minutes were approved. */
enum minutes_approval {
    APPROVAL_NONE = 0,
    APPROVAL_MEETING,     /* "meeting": at a later meeting, through its standard item */
    APPROVAL_CIRCULATION, /* "circulation": by the members in writing (skriftlig godkendelse) */
};

#define MEETING_TEXT_MAX 200        /* title, place, theme: one line */
#define MEETING_NOTE_MAX 2000       /* site visit, reasons: one paragraph */
#define MEETING_MAX_SECONDS (7 * 86400)

struct meeting {
    int64_t id;
    int64_t forum_id;
    const char *forum_name;        /* filled by readers */
    enum meeting_kind kind;
    enum meeting_status status;
    const char *title;             /* optional ("" when none), e.g. a seminar's subject */
    int64_t starts_at;             /* UTC instant */
    int64_t ends_at;               /* UTC instant, after starts_at */
    const char *place;             /* "" when not decided */
    int64_t chair_person_id;       /* mødeleder; 0 when none */
    const char *chair_name;        /* filled by readers */
    int64_t parent_id;             /* a pre-meeting's meeting; 0 otherwise */
    const char *theme;             /* political meetings only; "" otherwise */
    const char *site_visit;        /* political meetings only (virksomhedsbesøg); "" otherwise */
    /* set by the workflow, read-only for callers */
    int64_t agenda_published_at;   /* 0 until published */
    const char *late_reason;       /* why the agenda was published after its deadline; "" */
    int64_t minutes_published_at;  /* 0 until published */
    const char *cancel_reason;     /* "" unless cancelled */
    enum minutes_approval approval;
    int64_t approved_at;           /* when the approval was recorded; 0 when not approved */
    int64_t approved_in;           /* APPROVAL_MEETING: the meeting that approved them */
    int32_t approved_on;           /* APPROVAL_CIRCULATION: the day the last approval came */
    int publish_days;              /* filled by readers: the forum's mandate.publish_days */
};

const char *meeting_kind_name(enum meeting_kind k);
int meeting_kind_parse(const char *s);
const char *meeting_status_name(enum meeting_status s);
int meeting_status_parse(const char *s);
const char *minutes_approval_name(enum minutes_approval a);
int minutes_approval_parse(const char *s);

/* 1 when a meeting in status `from` may move to `to` by one deliberate action: the next
 * status in the chain, or cancelled from any status before held. */
int meeting_transition_allowed(enum meeting_status from, enum meeting_status to);

/* 1 while agenda items may be added, changed and reordered: planned, agenda draft and
 * agenda published (a supplementary item on a published agenda is allowed and audited). */
int meeting_agenda_editable(enum meeting_status s);

/* 1 when the agenda has been published and so may be read by the forum's readers. */
int meeting_agenda_public(enum meeting_status s);

/* 1 when the minutes have been published (decisions readable by the forum's readers). */
int meeting_minutes_public(enum meeting_status s);

/* 1 while decisions may be recorded: held and minutes draft. */
int meeting_minutes_editable(enum meeting_status s);

/* 1 when a publication deadline applies to meetings of kind k (not to pre-meetings, whose
 * agenda is the chair's working paper). */
int meeting_kind_has_deadline(enum meeting_kind k);

/* Value checks of a meeting's own fields; each problem goes to fe under the API name.
 * Returns the number of problems found. */
int meeting_check(const struct meeting *m, struct field_errors *fe);

/* Time. */

/* The Copenhagen calendar day of instant t. */
int32_t meeting_cph_day(int64_t t);

/* The UTC instant of `minute` minutes after local midnight of day in Copenhagen
 * (0 <= minute < 1440). */
int64_t meeting_local_instant(int32_t day, int minute);

/* Parses a Copenhagen wall-clock time "YYYY-MM-DD HH:MM" (or with 'T' between date and
 * time) into a UTC instant. Returns 0, or -1 when the text is not such a time. */
int meeting_parse_local(const char *s, int64_t *out);

/* Writes instant t as UTC "YYYY-MM-DDTHH:MM:SSZ" and a NUL into out (21 bytes). */
void meeting_format_utc(int64_t t, char out[21]);

/* Parses "YYYY-MM-DDTHH:MM:SSZ" (the n bytes at s). Returns 0, or -1 when malformed. */
int meeting_parse_utc(const char *s, size_t n, int64_t *out);

/* The publication rule. */

/* The last day (Copenhagen) on which the agenda of a meeting starting at starts_at is on
 * time: the meeting's day minus publish_days. */
int32_t meeting_publish_deadline(int64_t starts_at, int publish_days);

/* 1 when publishing at instant now is after deadline (a later Copenhagen day). */
int meeting_publish_late(int64_t now, int32_t deadline);

enum publish_urgency {
    URGENCY_FINE = 0,  /* "fine": published, or more than 7 days to the deadline */
    URGENCY_WEEK,      /* "due_week": the deadline is 4 to 7 days away */
    URGENCY_SOON,      /* "due_soon": the deadline is today or at most 3 days away */
    URGENCY_OVERDUE,   /* "overdue": the deadline has passed and the agenda is not out */
};

/* The urgency of publishing an agenda due on deadline, seen on day today. */
enum publish_urgency meeting_urgency(int32_t deadline, int32_t today, int agenda_published);
const char *publish_urgency_name(enum publish_urgency u);

/* Agenda items. */

/* The "four rooms" (de fire rum) an item belongs to, a bit set; several may apply. */
#define ROOM_INFORMING 1u   /* orienterende */
#define ROOM_DEVELOPING 2u  /* udviklende */
#define ROOM_NEGOTIATING 4u /* forhandlende */
#define ROOM_DECIDING 8u    /* beslutning */
#define ROOMS_ALL 15u

/* The name of a single room bit ("informing", ...), NULL for anything else. */
const char *room_name(unsigned bit);
/* The bit of a room name, 0 when unknown. */
unsigned room_parse(const char *s);

enum item_state {
    ITEM_AGENDA = 0, /* "agenda": on a meeting's agenda, numbered */
    ITEM_PENDING,    /* "pending": waiting for the forum's next agenda (no meeting yet) */
    ITEM_PROPOSED,   /* "proposed": a member's proposal awaiting the secretariat */
    ITEM_DECLINED,   /* "declined": a proposal the secretariat declined, with a reason */
    ITEM_STATE_COUNT
};

/* The standard items every new agenda starts from. */
enum item_standard {
    STANDARD_NONE = 0,
    STANDARD_APPROVE_AGENDA,   /* "approve_agenda": Godkendelse af dagsorden */
    STANDARD_APPROVE_MINUTES,  /* "approve_minutes": Godkendelse af referat fra sidste møde */
    STANDARD_ROUND,            /* "round": Runde: Hvad er vi optagede af? */
    STANDARD_ANY_OTHER,        /* "any_other_business": Eventuelt */
    STANDARD_COUNT
};

enum item_outcome {
    OUTCOME_NONE = 0,
    OUTCOME_APPROVED,              /* "approved": godkendt */
    OUTCOME_APPROVED_WITH_CHANGES, /* "approved_with_changes": godkendt med ændringer */
    OUTCOME_NOTED,                 /* "noted": taget til efterretning */
    OUTCOME_POSTPONED,             /* "postponed": udsat */
    OUTCOME_REJECTED,              /* "rejected": afvist */
    OUTCOME_BROUGHT_BACK,          /* "brought_back": genoptages på et senere møde */
    OUTCOME_COUNT
};

#define ITEM_TITLE_MAX 300
#define ITEM_RECOMMENDATION_MAX 8192
#define ITEM_RECOMMENDATION_LINES 30
#define ITEM_TEXT_MAX (64 * 1024)  /* case text and decision: Markdown's cap */

struct agenda_item {
    int64_t id;
    int64_t forum_id;
    int64_t meeting_id;            /* 0 unless state is ITEM_AGENDA */
    enum item_state state;
    int number;                    /* 1..n on an agenda; 0 otherwise */
    enum item_standard standard;
    const char *title;
    unsigned rooms;                /* ROOM_... bits */
    const char *recommendation;    /* indstilling: lines ("At ...") separated by '\n' */
    const char *case_text;         /* sagsfremstilling, Markdown, at most ITEM_TEXT_MAX */
    const char *presenter;         /* "" when none */
    int written_orientation;       /* skriftlig orientering: not presented at the meeting */
    int closed;                    /* lukket punkt: never shown outside the forum */
    int64_t approves_minutes_of;   /* STANDARD_APPROVE_MINUTES: the meeting whose minutes */
    int64_t origin_followup_id;    /* brought back by this follow-up; 0 when not */
    int64_t origin_referral_id;    /* taken up from this referral; 0 when not */
    /* proposals */
    int64_t proposed_by_user;      /* the member who proposed it; 0 when the secretariat */
    const char *proposed_by;       /* that member's name; "" */
    const char *decline_reason;    /* "" unless declined */
    /* minutes */
    const char *decision;          /* beslutning / referat, Markdown; "" until recorded */
    enum item_outcome outcome;
};

const char *item_state_name(enum item_state s);
int item_state_parse(const char *s);
const char *item_standard_name(enum item_standard s);
int item_standard_parse(const char *s);
const char *item_outcome_name(enum item_outcome o);
int item_outcome_parse(const char *s);

/* Value checks of an item's content (title, rooms, recommendation, case text, presenter).
 * Returns the number of problems added to fe. */
int item_check(const struct agenda_item *it, struct field_errors *fe);

/* Value checks of a decision: text (Markdown, at most ITEM_TEXT_MAX, UTF-8) and outcome. */
int decision_check(const char *decision, enum item_outcome outcome, struct field_errors *fe);

/* The recommendation text as stored: lines trimmed of spaces and carriage returns, empty
 * lines dropped, joined by '\n'. NULL text gives "". Returns NULL when out of memory. */
char *recommendation_normalise(struct arena *a, const char *text);

/* Moves the element at index from to index to (both < n) in ids, shifting the ones between;
 * after the move, ids[i] is the item numbered i + 1. */
void agenda_move(int64_t *ids, size_t n, size_t from, size_t to);

/* Where a new item goes among n items whose standard kinds are std[0..n-1] in agenda order:
 * before a last "any other business" item, else at the end (n). */
size_t agenda_insert_at(const enum item_standard *std, size_t n);

/* Attendance. */

enum attendance_kind {
    ATTEND_MEMBER = 0, /* "member": invited by a membership in force on the meeting day */
    ATTEND_SUBSTITUTE, /* "substitute": stands in for an absent member */
    ATTEND_GUEST,      /* "guest": invited to the meeting or to one item */
    ATTEND_SECRETARY,  /* "secretary": the forum's secretariat (listed, not invited) */
    ATTEND_KIND_COUNT
};

enum attendance_status {
    ATTEND_EXPECTED = 0, /* "expected": invited, nothing registered */
    ATTEND_ABSENT,       /* "absent": afbud, sent ahead or marked at the meeting */
    ATTEND_PRESENT,      /* "present": marked present at the meeting */
    ATTEND_STATUS_COUNT
};

/* One stored attendance row: an invited member with something registered, a substitute or
 * a guest. Members with nothing registered have no row; readers of the app layer merge the
 * rows with the memberships in force on the meeting day. */
struct attendance {
    int64_t id;
    int64_t meeting_id;
    int64_t person_id;
    enum attendance_kind kind;     /* member, substitute or guest */
    enum attendance_status status;
    int64_t organisation_id;       /* represented; 0 when none */
    int64_t substitute_for;        /* ATTEND_SUBSTITUTE: the absent member's person id */
    int64_t item_id;               /* ATTEND_GUEST for one item only; 0: the whole meeting */
    const char *note;              /* e.g. a guest's forum or role; "" */
    int64_t absence_registered_at; /* when the afbud was registered; 0 */
    /* filled by readers */
    const char *person_name;
    const char *organisation_name;
    const char *substitute_for_name;
    int item_number;
};

/* A person who approved minutes by circulation, and the day. */
struct minutes_approver {
    int64_t person_id;
    const char *name;
    int32_t approved_on;
};

#define ATTENDANCE_NOTE_MAX 200

const char *attendance_kind_name(enum attendance_kind k);
int attendance_kind_parse(const char *s);
const char *attendance_status_name(enum attendance_status s);
int attendance_status_parse(const char *s);

/* Follow-ups. */

enum followup_status {
    FOLLOWUP_OPEN = 0,
    FOLLOWUP_DONE,
    FOLLOWUP_CANCELLED,
    FOLLOWUP_STATUS_COUNT
};

#define FOLLOWUP_WHAT_MAX 2000

struct followup {
    int64_t id;
    int64_t item_id;               /* the decision it comes from */
    int64_t forum_id;              /* the item's forum */
    int64_t meeting_id;            /* filled by readers: the item's meeting */
    const char *item_title;        /* filled by readers */
    int item_closed;               /* filled by readers */
    int minutes_public;            /* filled by readers: the item's minutes are published */
    const char *what;
    int64_t owner_person_id;       /* exactly one owner: a person, */
    int64_t owner_organisation_id; /* an organisation */
    int64_t owner_forum_id;        /* or a forum */
    const char *owner_name;        /* filled by readers */
    int32_t due_on;                /* DATE_OPEN when none */
    enum followup_status status;
    int bring_back;                /* it brings the matter back to the forum's agenda */
    int64_t brought_back_item;     /* filled by readers: the item it brought back; 0 */
    int64_t created_at;
    int64_t closed_at;             /* 0 while open */
};

const char *followup_status_name(enum followup_status s);
int followup_status_parse(const char *s);

/* Value checks: what (required), exactly one owner, status. */
int followup_check(const struct followup *f, struct field_errors *fe);

/* Referrals. */

enum referral_direction {
    REFERRAL_UP = 0, /* "up": to a forum this one reports to, directly or further up */
    REFERRAL_DOWN,   /* "down": an order (bestilling) to a forum that reports to this one */
    REFERRAL_ACROSS, /* "across": to a forum outside the reporting line */
    REFERRAL_DIRECTION_COUNT
};

enum referral_status {
    REFERRAL_OPEN = 0,
    REFERRAL_ANSWERED,
    REFERRAL_WITHDRAWN,
    REFERRAL_STATUS_COUNT
};

#define REFERRAL_NOTE_MAX 8192

struct referral {
    int64_t id;
    int64_t item_id;               /* the item handed over */
    int64_t from_forum_id;         /* the item's forum */
    int64_t to_forum_id;
    const char *from_forum_name;   /* filled by readers */
    const char *to_forum_name;     /* filled by readers */
    enum referral_direction direction;
    const char *title;             /* the item's title when handed over */
    const char *note;              /* what the receiving forum is asked to do */
    int32_t answer_by;             /* DATE_OPEN when none */
    enum referral_status status;
    const char *answer;            /* "" until answered */
    int64_t answered_at;           /* 0 until answered */
    int64_t taken_up_item;         /* filled by readers: the receiving forum's latest item
                                      taken up from it; 0 when none */
    const char *withdraw_reason;   /* "" unless withdrawn */
    int64_t created_at;
};

const char *referral_direction_name(enum referral_direction d);
int referral_direction_parse(const char *s);
const char *referral_status_name(enum referral_status s);
int referral_status_parse(const char *s);

/* The direction from forum `from` to forum `to`, given the reporting line of `from` upwards
 * (up[0] is what from reports to, up[1] what that reports to, ...; nup entries) and of `to`
 * upwards (to_up, nto_up). */
enum referral_direction referral_direction_of(int64_t from, const int64_t *up, size_t nup,
                                              int64_t to, const int64_t *to_up,
                                              size_t nto_up);

/* Value checks: to_forum_id, title, note, answer_by. */
int referral_check(const struct referral *r, struct field_errors *fe);

#endif

/* meeting.c - names, value checks and the workflow rules of meetings, agenda items,
 * attendance, follow-ups and referrals (see meeting.h). */
#include "model/meeting.h"

#include "core/arena.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "model/fields.h"
#include "model/org.h"

#include <string.h>

/* Names. */

static const char *const kind_names[MEETING_KIND_COUNT] = {
    "meeting", "pre_meeting", "seminar", "political",
};
static const char *const status_names[MEETING_STATUS_COUNT] = {
    "planned", "agenda_draft", "agenda_published", "held", "minutes_draft",
    "minutes_published", "cancelled",
};
static const char *const approval_names[] = {"none", "meeting", "circulation"};
static const char *const state_names[ITEM_STATE_COUNT] = {
    "agenda", "pending", "proposed", "declined",
};
static const char *const standard_names[STANDARD_COUNT] = {
    "", "approve_agenda", "approve_minutes", "round", "any_other_business",
};
static const char *const outcome_names[OUTCOME_COUNT] = {
    "", "approved", "approved_with_changes", "noted", "postponed", "rejected", "brought_back",
};
static const char *const attend_kind_names[ATTEND_KIND_COUNT] = {
    "member", "substitute", "guest", "secretary",
};
static const char *const attend_status_names[ATTEND_STATUS_COUNT] = {
    "expected", "absent", "present",
};
static const char *const followup_names[FOLLOWUP_STATUS_COUNT] = {"open", "done", "cancelled"};
static const char *const direction_names[REFERRAL_DIRECTION_COUNT] = {"up", "down", "across"};
static const char *const referral_names[REFERRAL_STATUS_COUNT] = {
    "open", "answered", "withdrawn",
};
static const char *const urgency_names[] = {"fine", "due_week", "due_soon", "overdue"};
static const char *const room_names[] = {"informing", "developing", "negotiating", "deciding"};

static const char *name_of(const char *const *names, int count, int v)
{
    return v >= 0 && v < count ? names[v] : NULL;
}

static int parse_name(const char *const *names, int count, const char *s)
{
    for (int i = 0; s && i < count; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

const char *meeting_kind_name(enum meeting_kind k) { return name_of(kind_names, COUNT(kind_names), (int)k); }
int meeting_kind_parse(const char *s) { return parse_name(kind_names, COUNT(kind_names), s); }
const char *meeting_status_name(enum meeting_status s) { return name_of(status_names, COUNT(status_names), (int)s); }
int meeting_status_parse(const char *s) { return parse_name(status_names, COUNT(status_names), s); }
const char *minutes_approval_name(enum minutes_approval a) { return name_of(approval_names, COUNT(approval_names), (int)a); }
int minutes_approval_parse(const char *s) { return parse_name(approval_names, COUNT(approval_names), s); }
const char *item_state_name(enum item_state s) { return name_of(state_names, COUNT(state_names), (int)s); }
int item_state_parse(const char *s) { return parse_name(state_names, COUNT(state_names), s); }
const char *item_standard_name(enum item_standard s) { return name_of(standard_names, COUNT(standard_names), (int)s); }
int item_standard_parse(const char *s) { return parse_name(standard_names, COUNT(standard_names), s); }
const char *item_outcome_name(enum item_outcome o) { return name_of(outcome_names, COUNT(outcome_names), (int)o); }
int item_outcome_parse(const char *s) { return parse_name(outcome_names, COUNT(outcome_names), s); }
const char *attendance_kind_name(enum attendance_kind k) { return name_of(attend_kind_names, COUNT(attend_kind_names), (int)k); }
int attendance_kind_parse(const char *s) { return parse_name(attend_kind_names, COUNT(attend_kind_names), s); }
const char *attendance_status_name(enum attendance_status s) { return name_of(attend_status_names, COUNT(attend_status_names), (int)s); }
int attendance_status_parse(const char *s) { return parse_name(attend_status_names, COUNT(attend_status_names), s); }
const char *followup_status_name(enum followup_status s) { return name_of(followup_names, COUNT(followup_names), (int)s); }
int followup_status_parse(const char *s) { return parse_name(followup_names, COUNT(followup_names), s); }
const char *referral_direction_name(enum referral_direction d) { return name_of(direction_names, COUNT(direction_names), (int)d); }
int referral_direction_parse(const char *s) { return parse_name(direction_names, COUNT(direction_names), s); }
const char *referral_status_name(enum referral_status s) { return name_of(referral_names, COUNT(referral_names), (int)s); }
int referral_status_parse(const char *s) { return parse_name(referral_names, COUNT(referral_names), s); }
const char *publish_urgency_name(enum publish_urgency u) { return name_of(urgency_names, COUNT(urgency_names), (int)u); }

const char *room_name(unsigned bit)
{
    for (int i = 0; i < COUNT(room_names); i++)
        if (bit == 1u << i)
            return room_names[i];
    return NULL;
}

unsigned room_parse(const char *s)
{
    int i = parse_name(room_names, COUNT(room_names), s);
    return i < 0 ? 0 : 1u << i;
}

/* The workflow. */

int meeting_transition_allowed(enum meeting_status from, enum meeting_status to)
{
    if ((unsigned)from >= MEETING_STATUS_COUNT || (unsigned)to >= MEETING_STATUS_COUNT)
        return 0;
    if (to == MEETING_CANCELLED)
        return from < MEETING_HELD;
    return from < MEETING_MINUTES_PUBLISHED && to == from + 1;
}

int meeting_agenda_editable(enum meeting_status s)
{
    return s == MEETING_PLANNED || s == MEETING_AGENDA_DRAFT || s == MEETING_AGENDA_PUBLISHED;
}

int meeting_agenda_public(enum meeting_status s)
{
    return s >= MEETING_AGENDA_PUBLISHED && s <= MEETING_MINUTES_PUBLISHED;
}

int meeting_minutes_public(enum meeting_status s)
{
    return s == MEETING_MINUTES_PUBLISHED;
}

int meeting_minutes_editable(enum meeting_status s)
{
    return s == MEETING_HELD || s == MEETING_MINUTES_DRAFT;
}

int meeting_kind_has_deadline(enum meeting_kind k)
{
    return k != MEETING_PRE;
}

/* Checks. */

int meeting_check(const struct meeting *m, struct field_errors *fe)
{
    size_t before = fe->n;

    if (m->forum_id <= 0)
        fields_add(fe, "forum_id", N_("is required"));
    if ((unsigned)m->kind >= MEETING_KIND_COUNT)
        fields_add(fe, "kind", N_("is not a known kind of meeting"));
    if (m->starts_at <= 0)
        fields_add(fe, "starts_at", N_("is required"));
    if (m->ends_at <= m->starts_at)
        fields_add(fe, "ends_at", N_("must be after the start"));
    else if (m->ends_at - m->starts_at > MEETING_MAX_SECONDS)
        fields_add(fe, "ends_at", N_("must be at most 7 days after the start"));
    fields_check_text(fe, "title", m->title, MEETING_TEXT_MAX, 1, 0);
    fields_check_text(fe, "place", m->place, MEETING_TEXT_MAX, 1, 0);
    fields_check_text(fe, "theme", m->theme, MEETING_TEXT_MAX, 1, 0);
    fields_check_text(fe, "site_visit", m->site_visit, MEETING_NOTE_MAX, 0, 0);
    if (m->kind != MEETING_POLITICAL && m->theme && *m->theme)
        fields_add(fe, "theme", N_("is only for political meetings"));
    if (m->kind != MEETING_POLITICAL && m->site_visit && *m->site_visit)
        fields_add(fe, "site_visit", N_("is only for political meetings"));
    if (m->kind == MEETING_PRE && m->parent_id <= 0)
        fields_add(fe, "parent_id", N_("is required for a pre-meeting"));
    if (m->kind != MEETING_PRE && m->parent_id)
        fields_add(fe, "parent_id", N_("is only for pre-meetings"));
    if (m->id && m->parent_id == m->id)
        fields_add(fe, "parent_id", N_("cannot be the meeting itself"));
    if (m->chair_person_id < 0)
        fields_add(fe, "chair_person_id", N_("is not a person"));
    return (int)(fe->n - before);
}

int item_check(const struct agenda_item *it, struct field_errors *fe)
{
    size_t before = fe->n, lines = 0, len = 0;
    const char *r = it->recommendation ? it->recommendation : "";

    fields_check_text(fe, "title", it->title, ITEM_TITLE_MAX, 1, 1);
    if (it->rooms & ~ROOMS_ALL)
        fields_add(fe, "rooms", N_("names a room that does not exist"));
    fields_check_text(fe, "recommendation", r, ITEM_RECOMMENDATION_MAX, 0, 0);
    for (const char *p = r; *p; p++) {
        if (*p == '\n') {
            lines++;
            len = 0;
        } else if (++len > 1000) {
            fields_add(fe, "recommendation", N_("has a line longer than 1000 bytes"));
            break;
        }
    }
    if (*r && lines + 1 > ITEM_RECOMMENDATION_LINES)
        fields_add(fe, "recommendation", N_("has more than 30 lines"));
    fields_check_text(fe, "case_text", it->case_text, ITEM_TEXT_MAX, 0, 0);
    fields_check_text(fe, "presenter", it->presenter, MEETING_TEXT_MAX, 1, 0);
    return (int)(fe->n - before);
}

int decision_check(const char *decision, enum item_outcome outcome, struct field_errors *fe)
{
    size_t before = fe->n;

    fields_check_text(fe, "decision", decision, ITEM_TEXT_MAX, 0, 0);
    if ((unsigned)outcome >= OUTCOME_COUNT)
        fields_add(fe, "outcome", N_("is not a known outcome"));
    return (int)(fe->n - before);
}

int followup_check(const struct followup *f, struct field_errors *fe)
{
    size_t before = fe->n;
    int owners = (f->owner_person_id != 0) + (f->owner_organisation_id != 0) +
                 (f->owner_forum_id != 0);

    fields_check_text(fe, "what", f->what, FOLLOWUP_WHAT_MAX, 0, 1);
    if (owners != 1)
        fields_add(fe, "owner", N_("name exactly one owner: a person, an organisation or a forum"));
    if ((unsigned)f->status >= FOLLOWUP_STATUS_COUNT)
        fields_add(fe, "status", N_("is not a known status"));
    return (int)(fe->n - before);
}

int referral_check(const struct referral *r, struct field_errors *fe)
{
    size_t before = fe->n;

    if (r->to_forum_id <= 0)
        fields_add(fe, "to_forum_id", N_("is required"));
    else if (r->to_forum_id == r->from_forum_id)
        fields_add(fe, "to_forum_id", N_("must be another forum"));
    fields_check_text(fe, "note", r->note, REFERRAL_NOTE_MAX, 0, 0);
    return (int)(fe->n - before);
}

enum referral_direction referral_direction_of(int64_t from, const int64_t *up, size_t nup,
                                              int64_t to, const int64_t *to_up,
                                              size_t nto_up)
{
    for (size_t i = 0; i < nup; i++)
        if (up[i] == to)
            return REFERRAL_UP;
    for (size_t i = 0; i < nto_up; i++)
        if (to_up[i] == from)
            return REFERRAL_DOWN;
    return REFERRAL_ACROSS;
}

char *recommendation_normalise(struct arena *a, const char *text)
{
    size_t n = text ? strlen(text) : 0, o = 0;
    char *out = arena_alloc(a, n + 1);
    const char *p = text, *end = text + n;

    if (!out)
        return NULL;
    while (p && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
        const char *s = p;
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        if (e > s) {
            if (o)
                out[o++] = '\n';
            memcpy(out + o, s, (size_t)(e - s));
            o += (size_t)(e - s);
        }
        p = nl ? nl + 1 : end;
    }
    out[o] = '\0';
    return out;
}

void agenda_move(int64_t *ids, size_t n, size_t from, size_t to)
{
    int64_t v;

    if (from >= n || to >= n || from == to)
        return;
    v = ids[from];
    if (from < to)
        memmove(ids + from, ids + from + 1, (to - from) * sizeof(*ids));
    else
        memmove(ids + to + 1, ids + to, (from - to) * sizeof(*ids));
    ids[to] = v;
}

size_t agenda_insert_at(const enum item_standard *std, size_t n)
{
    return n && std[n - 1] == STANDARD_ANY_OTHER ? n - 1 : n;
}

/* Time. */

int32_t meeting_cph_day(int64_t t)
{
    int64_t local = t + date_cph_offset(t);
    int64_t d = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    return (int32_t)d;
}

int64_t meeting_local_instant(int32_t day, int minute)
{
    int y, mo, d;

    date_to_ymd(day, &y, &mo, &d);
    return date_cph_to_utc(y, mo, d, minute / 60, minute % 60);
}

/* The n digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Parses "YYYY-MM-DD?HH:MM" at s (16 bytes, sep any of seps). */
static int parse_ymdhm(const char *s, const char *seps, int *y, int *mo, int *d, int *h,
                       int *mi)
{
    if (s[4] != '-' || s[7] != '-' || !s[10] || !strchr(seps, s[10]) || s[13] != ':')
        return -1;
    *y = digits(s, 4);
    *mo = digits(s + 5, 2);
    *d = digits(s + 8, 2);
    *h = digits(s + 11, 2);
    *mi = digits(s + 14, 2);
    if (*y < 1 || *mo < 1 || *d < 1 || *h < 0 || *mi < 0 || !date_valid(*y, *mo, *d) ||
        *h > 23 || *mi > 59)
        return -1;
    return 0;
}

int meeting_parse_local(const char *s, int64_t *out)
{
    int y, mo, d, h, mi;

    if (!s || strlen(s) != 16 || parse_ymdhm(s, " T", &y, &mo, &d, &h, &mi))
        return -1;
    *out = date_cph_to_utc(y, mo, d, h, mi);
    return 0;
}

void meeting_format_utc(int64_t t, char out[21])
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    char iso[11];

    date_format_iso((int32_t)days, iso);
    memcpy(out, iso, 10);
    out[10] = 'T';
    out[11] = (char)('0' + secs / 36000);
    out[12] = (char)('0' + secs / 3600 % 10);
    out[13] = ':';
    out[14] = (char)('0' + secs % 3600 / 600);
    out[15] = (char)('0' + secs % 3600 / 60 % 10);
    out[16] = ':';
    out[17] = (char)('0' + secs % 60 / 10);
    out[18] = (char)('0' + secs % 10);
    out[19] = 'Z';
    out[20] = '\0';
}

int meeting_parse_utc(const char *s, size_t n, int64_t *out)
{
    int y, mo, d, h, mi, sec;

    if (!s || n != 20 || s[19] != 'Z' || s[16] != ':' ||
        parse_ymdhm(s, "T", &y, &mo, &d, &h, &mi) || (sec = digits(s + 17, 2)) < 0 || sec > 59)
        return -1;
    *out = (int64_t)date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    return 0;
}

/* The publication rule. */

int32_t meeting_publish_deadline(int64_t starts_at, int publish_days)
{
    return meeting_cph_day(starts_at) - publish_days;
}

int meeting_publish_late(int64_t now, int32_t deadline)
{
    return meeting_cph_day(now) > deadline;
}

enum publish_urgency meeting_urgency(int32_t deadline, int32_t today, int agenda_published)
{
    int32_t left = deadline - today;

    if (agenda_published)
        return URGENCY_FINE;
    if (left < 0)
        return URGENCY_OVERDUE;
    if (left <= 3)
        return URGENCY_SOON;
    if (left <= 7)
        return URGENCY_WEEK;
    return URGENCY_FINE;
}

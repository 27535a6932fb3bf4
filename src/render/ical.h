/* ical.h - a small iCalendar (RFC 5545) writer: one VCALENDAR with the Europe/Copenhagen
 * time zone and its events, written into a buffer with CRLF line ends, text values escaped
 * (backslash, semicolon, comma, newline) and content lines folded at 75 octets without
 * splitting a UTF-8 sequence. Times are UTC instants; events carry Copenhagen local times
 * with TZID=Europe/Copenhagen, stamps are UTC. Knows nothing of meetings. */
#ifndef KL_RENDER_ICAL_H
#define KL_RENDER_ICAL_H

#include <stdint.h>

struct buf;

#define ICAL_TZID "Europe/Copenhagen"
#define ICAL_LINE_OCTETS 75

struct ical_event {
    const char *uid;         /* stable over time for the same thing */
    int64_t stamp;           /* DTSTAMP: when this copy of the event was written (UTC) */
    int64_t starts_at;       /* UTC instants, shown in Copenhagen local time */
    int64_t ends_at;
    const char *summary;     /* any of these text fields may be NULL or "": left out */
    const char *location;
    const char *description;
    const char *url;         /* an absolute URI, written as it is (no text escaping) */
    int cancelled;           /* STATUS:CANCELLED, else STATUS:CONFIRMED */
};

/* Starts a calendar called name (X-WR-CALNAME; may be NULL) with its VTIMEZONE. Returns 0 or
 * KL_ENOMEM (as every function here). */
int ical_begin(struct buf *b, const char *name);

/* Writes one VEVENT. */
int ical_event(struct buf *b, const struct ical_event *e);

/* Ends the calendar. */
int ical_end(struct buf *b);

/* Writes one content line "NAME:VALUE" folded and ended by CRLF; name may carry parameters
 * ("DTSTART;TZID=..."). With escape, value is a TEXT value and gets escaped. */
int ical_line(struct buf *b, const char *name, const char *value, int escape);

/* Writes instant t as Copenhagen local "YYYYMMDDTHHMMSS" and a NUL into out. */
void ical_local_time(int64_t t, char out[16]);

/* Writes instant t as UTC "YYYYMMDDTHHMMSSZ" and a NUL into out. */
void ical_utc_time(int64_t t, char out[17]);

#endif

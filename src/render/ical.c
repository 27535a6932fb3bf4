/* ical.c - the iCalendar writer (see ical.h). */
#include "render/ical.h"

#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"

#include <string.h>

/* Length of the UTF-8 sequence that starts with byte c (1 for anything unexpected). */
static size_t seq_len(unsigned char c)
{
    if (c >= 0xF0 && c < 0xF8)
        return 4;
    if (c >= 0xE0 && c < 0xF0)
        return 3;
    if (c >= 0xC0 && c < 0xE0)
        return 2;
    return 1;
}

/* Appends the n bytes at s to the line being folded; *col counts its octets so far. */
static int put_folded(struct buf *b, const char *s, size_t n, size_t *col)
{
    size_t i = 0;

    while (i < n) {
        size_t k = seq_len((unsigned char)s[i]);
        if (k > n - i)
            k = n - i;
        if (*col + k > ICAL_LINE_OCTETS) {
            if (buf_puts(b, "\r\n "))
                return KL_ENOMEM;
            *col = 1;
        }
        if (buf_append(b, s + i, k))
            return KL_ENOMEM;
        *col += k;
        i += k;
    }
    return 0;
}

int ical_line(struct buf *b, const char *name, const char *value, int escape)
{
    size_t col = 0;
    const char *s = value ? value : "";
    int rc = put_folded(b, name, strlen(name), &col) | put_folded(b, ":", 1, &col);

    if (!escape) {
        rc |= put_folded(b, s, strlen(s), &col);
    } else {
        for (; *s && rc == 0; s++) {
            unsigned char c = (unsigned char)*s;
            if (c == '\\' || c == ';' || c == ',') {
                char e[2] = {'\\', (char)c};
                rc = put_folded(b, e, 2, &col);
            } else if (c == '\n') {
                rc = put_folded(b, "\\n", 2, &col);
            } else if (c == '\r' || (c < 0x20 && c != '\t') || c == 0x7F) {
                continue; /* CRLF becomes \n; other control characters are not allowed */
            } else {
                size_t k = seq_len(c), len = strnlen(s, k);
                rc = put_folded(b, s, len, &col);
                s += len - 1;
            }
        }
    }
    return rc || buf_puts(b, "\r\n") ? KL_ENOMEM : 0;
}

static void split(int64_t t, int *y, int *mo, int *d, int *h, int *mi, int *sec)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t rest = t - days * 86400;

    date_to_ymd((int32_t)days, y, mo, d);
    *h = (int)(rest / 3600);
    *mi = (int)(rest / 60 % 60);
    *sec = (int)(rest % 60);
}

/* Writes the n digits of v (zero-padded) at out. */
static char *digits(char *out, int v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return out + n;
}

static void stamp_text(int64_t t, char *out)
{
    int y, mo, d, h, mi, s;
    char *p = out;

    split(t, &y, &mo, &d, &h, &mi, &s);
    p = digits(p, y, 4);
    p = digits(p, mo, 2);
    p = digits(p, d, 2);
    *p++ = 'T';
    p = digits(p, h, 2);
    p = digits(p, mi, 2);
    p = digits(p, s, 2);
    *p = '\0';
}

void ical_local_time(int64_t t, char out[16])
{
    stamp_text(t + date_cph_offset(t), out);
}

void ical_utc_time(int64_t t, char out[17])
{
    stamp_text(t, out);
    out[15] = 'Z';
    out[16] = '\0';
}

static const char vtimezone[] =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:" ICAL_TZID "\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

int ical_begin(struct buf *b, const char *name)
{
    int rc = buf_puts(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                         "PRODID:-//klynge//klynge//DA\r\n"
                         "CALSCALE:GREGORIAN\r\n");
    if (rc == 0 && name && *name)
        rc = ical_line(b, "X-WR-CALNAME", name, 1);
    if (rc == 0)
        rc = ical_line(b, "X-WR-TIMEZONE", ICAL_TZID, 0);
    return rc || buf_puts(b, vtimezone) ? KL_ENOMEM : 0;
}

static int optional(struct buf *b, const char *name, const char *value, int escape)
{
    return value && *value ? ical_line(b, name, value, escape) : 0;
}

int ical_event(struct buf *b, const struct ical_event *e)
{
    char stamp[17], start[16], end[16];
    int rc;

    ical_utc_time(e->stamp, stamp);
    ical_local_time(e->starts_at, start);
    ical_local_time(e->ends_at, end);
    rc = buf_puts(b, "BEGIN:VEVENT\r\n");
    rc |= ical_line(b, "UID", e->uid, 0);
    rc |= ical_line(b, "DTSTAMP", stamp, 0);
    rc |= ical_line(b, "DTSTART;TZID=" ICAL_TZID, start, 0);
    rc |= ical_line(b, "DTEND;TZID=" ICAL_TZID, end, 0);
    rc |= optional(b, "SUMMARY", e->summary, 1);
    rc |= optional(b, "LOCATION", e->location, 1);
    rc |= optional(b, "DESCRIPTION", e->description, 1);
    rc |= optional(b, "URL", e->url, 0);
    rc |= ical_line(b, "STATUS", e->cancelled ? "CANCELLED" : "CONFIRMED", 0);
    rc |= ical_line(b, "TRANSP", e->cancelled ? "TRANSPARENT" : "OPAQUE", 0);
    rc |= buf_puts(b, "END:VEVENT\r\n");
    return rc ? KL_ENOMEM : 0;
}

int ical_end(struct buf *b)
{
    return buf_puts(b, "END:VCALENDAR\r\n") ? KL_ENOMEM : 0;
}

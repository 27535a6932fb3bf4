/* test_ical.c - the iCalendar writer (render/ical.c), its output parsed back with libical:
 * escaping of backslash, semicolon, comma and newline, folding at 75 octets on UTF-8
 * boundaries, CRLF line ends, cancelled status, and local times with the Copenhagen zone
 * on both sides of the summer-time changes. libical is used here only, never in the
 * program. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "render/ical.h"

static int64_t utc(int y, int mo, int d, int h, int mi)
{
    return (int64_t)date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

/* A whole calendar with the one event e, NUL-terminated in b. */
static void calendar(struct buf *b, const struct ical_event *e)
{
    buf_init(b, 1 << 20);
    assert_int_equal(ical_begin(b, "Chefforum, Klynge; MIDT"), 0);
    assert_int_equal(ical_event(b, e), 0);
    assert_int_equal(ical_end(b), 0);
    assert_int_equal(buf_putc(b, '\0'), 0);
}

/* Every line ends in CRLF, is at most 75 octets and does not start inside a UTF-8
 * sequence (after the folding space). */
static void check_lines(const char *s)
{
    while (*s) {
        const char *crlf = strstr(s, "\r\n");
        assert_non_null(crlf);
        assert_true(crlf - s <= ICAL_LINE_OCTETS);
        assert_null(memchr(s, '\n', (size_t)(crlf - s)));
        if (*s == ' ')
            assert_false(((unsigned char)s[1] & 0xC0) == 0x80);
        assert_false(((unsigned char)s[0] & 0xC0) == 0x80);
        s = crlf + 2;
    }
}

static icalcomponent *parse_event(const char *text, icalcomponent **cal)
{
    icalcomponent *ev;

    *cal = icalparser_parse_string(text);
    assert_non_null(*cal);
    assert_int_equal(icalcomponent_isa(*cal), ICAL_VCALENDAR_COMPONENT);
    assert_int_equal(icalcomponent_count_errors(*cal), 0);
    ev = icalcomponent_get_first_component(*cal, ICAL_VEVENT_COMPONENT);
    assert_non_null(ev);
    return ev;
}

static struct ical_event sample(void)
{
    struct ical_event e = {0};
    e.uid = "meeting-7@klynge";
    e.stamp = utc(2026, 11, 25, 12, 0);
    e.starts_at = utc(2026, 1, 14, 8, 0);
    e.ends_at = utc(2026, 1, 14, 10, 0);
    e.summary = "Chefforum: Møde";
    e.location = "Regionshuset, Viborg";
    e.url = "http://localhost/meetings/7";
    return e;
}

static void test_escaping(void **state)
{
    const char *text = "a\\b;c,d\ne\r\nf";
    struct ical_event e = sample();
    icalcomponent *cal, *ev;
    struct buf b, line;

    (void)state;
    buf_init(&line, 4096);
    assert_int_equal(ical_line(&line, "SUMMARY", text, 1), 0);
    assert_int_equal(buf_putc(&line, '\0'), 0);
    assert_string_equal(line.data, "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\r\n");
    buf_free(&line);

    e.summary = text;
    e.description = "Status: Dagsorden offentliggjort\nMødeside: http://x/meetings/7";
    calendar(&b, &e);
    check_lines(b.data);
    ev = parse_event(b.data, &cal);
    assert_string_equal(icalcomponent_get_summary(ev), "a\\b;c,d\ne\nf");
    assert_string_equal(icalcomponent_get_location(ev), "Regionshuset, Viborg");
    assert_string_equal(icalcomponent_get_description(ev), e.description);
    assert_string_equal(icalcomponent_get_uid(ev), "meeting-7@klynge");
    icalcomponent_free(cal);
    buf_free(&b);
}

static void test_folding_on_utf8_boundaries(void **state)
{
    char text[1200];
    struct ical_event e = sample();
    icalcomponent *cal, *ev;
    struct buf b;

    (void)state;
    /* 0 to 3 ASCII bytes first, so that two- and three-byte sequences meet every fold point */
    for (size_t shift = 0; shift < 4; shift++) {
        size_t n = 0;
        while (n < shift)
            text[n++] = 'x';
        while (n < sizeof(text) - 10) {
            memcpy(text + n, "æøå€", 9);
            n += 9;
        }
        text[n] = '\0';
        e.summary = text;
        e.location = text + shift;
        calendar(&b, &e);
        check_lines(b.data);
        ev = parse_event(b.data, &cal);
        assert_string_equal(icalcomponent_get_summary(ev), text);
        assert_string_equal(icalcomponent_get_location(ev), text + shift);
        icalcomponent_free(cal);
        buf_free(&b);
    }
}

static void test_cancelled_status(void **state)
{
    struct ical_event e = sample();
    icalcomponent *cal, *ev;
    struct buf b;

    (void)state;
    calendar(&b, &e);
    ev = parse_event(b.data, &cal);
    assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CONFIRMED);
    icalcomponent_free(cal);
    buf_free(&b);

    e.cancelled = 1;
    calendar(&b, &e);
    ev = parse_event(b.data, &cal);
    assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
    icalcomponent_free(cal);
    buf_free(&b);
}

/* start (UTC) is written as local, and libical with our VTIMEZONE reads it back as start. */
static void check_time(int64_t start, const char *local)
{
    struct ical_event e = sample();
    icalcomponent *cal, *ev;
    icaltimezone *zone;
    struct icaltimetype dt;
    char want[64];
    struct buf b;

    e.starts_at = start;
    e.ends_at = start + 7200;
    calendar(&b, &e);
    snprintf(want, sizeof(want), "DTSTART;TZID=Europe/Copenhagen:%s\r\n", local);
    assert_non_null(strstr(b.data, want));
    ev = parse_event(b.data, &cal);
    zone = icalcomponent_get_timezone(cal, "Europe/Copenhagen");
    assert_non_null(zone);
    dt = icalcomponent_get_dtstart(ev);
    assert_int_equal((int64_t)icaltime_as_timet_with_zone(dt, zone), start);
    dt = icalcomponent_get_dtend(ev);
    assert_int_equal((int64_t)icaltime_as_timet_with_zone(dt, zone), start + 7200);
    icalcomponent_free(cal);
    buf_free(&b);
}

static void test_times_around_summer_time(void **state)
{
    (void)state;
    check_time(utc(2026, 1, 14, 8, 0), "20260114T090000");   /* CET */
    check_time(utc(2026, 3, 28, 9, 0), "20260328T100000");   /* the day before CEST */
    check_time(utc(2026, 3, 29, 8, 0), "20260329T100000");   /* the first CEST day */
    check_time(utc(2026, 10, 24, 8, 0), "20261024T100000");  /* the last CEST day */
    check_time(utc(2026, 10, 25, 9, 0), "20261025T100000");  /* CET again */
    check_time(utc(2027, 6, 30, 22, 30), "20270701T003000"); /* past local midnight */
}

static void test_stamp_is_utc(void **state)
{
    char out[17];
    (void)state;
    ical_utc_time(utc(2026, 7, 1, 23, 5), out);
    assert_string_equal(out, "20260701T230500Z");
    ical_local_time(utc(2026, 7, 1, 23, 5), out);
    assert_string_equal(out, "20260702T010500");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_folding_on_utf8_boundaries),
        cmocka_unit_test(test_cancelled_status),
        cmocka_unit_test(test_times_around_summer_time),
        cmocka_unit_test(test_stamp_is_utc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_date.c - day numbers, calendar checks, strict ISO parsing, weekdays and the
 * Europe/Copenhagen offset around the 2026 summer-time changes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/error.h"

/* Instant of a UTC wall-clock time. */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
    return (int64_t)date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static void test_known_day_numbers(void **state)
{
    int y, m, d;
    (void)state;
    assert_int_equal(date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(date_from_ymd(1970, 1, 2), 1);
    assert_int_equal(date_from_ymd(1969, 12, 31), -1);
    assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
    assert_int_equal(date_from_ymd(2026, 11, 25), 20782);
    assert_int_equal(date_from_ymd(1900, 1, 1), -25567);
    assert_int_equal(date_from_ymd(1, 1, 1), -719162);
    date_to_ymd(-719162, &y, &m, &d);
    assert_int_equal(y, 1);
    assert_int_equal(m, 1);
    assert_int_equal(d, 1);
    date_to_ymd(date_from_ymd(9999, 12, 31), &y, &m, &d);
    assert_int_equal(y, 9999);
    assert_int_equal(m, 12);
    assert_int_equal(d, 31);
}

static void test_round_trip_every_day(void **state)
{
    int32_t prev = date_from_ymd(1899, 12, 31);
    (void)state;
    for (int y = 1900; y <= 2100; y++) {
        for (int m = 1; m <= 12; m++) {
            for (int d = 1; d <= date_days_in_month(y, m); d++) {
                int32_t n = date_from_ymd(y, m, d);
                int yy, mm, dd;
                assert_true(date_valid(y, m, d));
                /* consecutive days have consecutive numbers */
                assert_int_equal(n, prev + 1);
                prev = n;
                date_to_ymd(n, &yy, &mm, &dd);
                if (yy != y || mm != m || dd != d)
                    fail_msg("%04d-%02d-%02d came back as %04d-%02d-%02d", y, m, d, yy, mm, dd);
            }
        }
    }
    assert_int_equal(prev, date_from_ymd(2100, 12, 31));
    assert_int_equal(date_from_ymd(2101, 1, 1) - date_from_ymd(1900, 1, 1), 73414);
}

static void test_round_trip_sampled_range(void **state)
{
    (void)state;
    /* every 97th day from year 1 to 9999, and the days around 0 */
    for (int32_t n = date_from_ymd(1, 1, 1); n <= date_from_ymd(9999, 12, 31); n += 97) {
        int y, m, d;
        date_to_ymd(n, &y, &m, &d);
        assert_true(date_valid(y, m, d));
        assert_int_equal(date_from_ymd(y, m, d), n);
    }
    for (int32_t n = -800; n <= 800; n++) {
        int y, m, d;
        date_to_ymd(n, &y, &m, &d);
        assert_int_equal(date_from_ymd(y, m, d), n);
    }
}

static void test_leap_years(void **state)
{
    (void)state;
    assert_int_equal(date_days_in_month(2000, 2), 29);
    assert_int_equal(date_days_in_month(1900, 2), 28);
    assert_int_equal(date_days_in_month(2024, 2), 29);
    assert_int_equal(date_days_in_month(2026, 2), 28);
    assert_int_equal(date_days_in_month(2100, 2), 28);
    assert_int_equal(date_days_in_month(2400, 2), 29);
    assert_true(date_valid(2000, 2, 29));
    assert_false(date_valid(1900, 2, 29));
    assert_true(date_valid(2024, 2, 29));
    assert_false(date_valid(2026, 2, 29));
    assert_int_equal(date_from_ymd(2001, 1, 1) - date_from_ymd(2000, 1, 1), 366);
    assert_int_equal(date_from_ymd(1901, 1, 1) - date_from_ymd(1900, 1, 1), 365);
    assert_int_equal(date_from_ymd(2025, 1, 1) - date_from_ymd(2024, 1, 1), 366);
}

static void test_days_in_month(void **state)
{
    static const int want[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    (void)state;
    for (int m = 1; m <= 12; m++)
        assert_int_equal(date_days_in_month(2026, m), want[m - 1]);
    assert_int_equal(date_days_in_month(2026, 0), 0);
    assert_int_equal(date_days_in_month(2026, 13), 0);
}

static void test_valid_edges(void **state)
{
    (void)state;
    assert_true(date_valid(1, 1, 1));
    assert_true(date_valid(9999, 12, 31));
    assert_false(date_valid(0, 1, 1));
    assert_false(date_valid(-1, 1, 1));
    assert_false(date_valid(10000, 1, 1));
    assert_false(date_valid(2026, 0, 1));
    assert_false(date_valid(2026, 13, 1));
    assert_false(date_valid(2026, 1, 0));
    assert_false(date_valid(2026, 1, 32));
    assert_true(date_valid(2026, 4, 30));
    assert_false(date_valid(2026, 4, 31));
    assert_true(date_valid(2026, 12, 31));
    assert_false(date_valid(2026, -1, 1));
    assert_false(date_valid(2026, 1, -1));
}

/* Parses s and expects success with the given date. */
static void expect_parse(const char *s, int y, int m, int d)
{
    struct kl_error err;
    int32_t n = -12345;
    kl_error_clear(&err);
    if (date_parse_iso(s, strlen(s), &n, &err) != 0)
        fail_msg("'%s': %s", s, err.msg);
    assert_int_equal(n, date_from_ymd(y, m, d));
}

/* Parses the n bytes at s and expects KL_EINVAL with exactly msg; *out is left alone. */
static void expect_parse_error(const char *s, size_t n, const char *msg)
{
    struct kl_error err;
    int32_t out = -12345;
    kl_error_clear(&err);
    assert_int_equal(date_parse_iso(s, n, &out, &err), KL_EINVAL);
    assert_int_equal(err.code, KL_EINVAL);
    assert_string_equal(err.msg, msg);
    assert_int_equal(out, -12345);
}

static void test_parse_iso_good(void **state)
{
    (void)state;
    expect_parse("2026-11-25", 2026, 11, 25);
    expect_parse("1970-01-01", 1970, 1, 1);
    expect_parse("2000-02-29", 2000, 2, 29);
    expect_parse("2024-02-29", 2024, 2, 29);
    expect_parse("0001-01-01", 1, 1, 1);
    expect_parse("9999-12-31", 9999, 12, 31);
    /* only the n bytes count */
    {
        struct kl_error err;
        int32_t n;
        assert_int_equal(date_parse_iso("2026-03-29T01:00", 10, &n, &err), 0);
        assert_int_equal(n, date_from_ymd(2026, 3, 29));
    }
}

static void test_parse_iso_bad(void **state)
{
    static const char long_text[] =
        "this is not a date, and it goes on for quite a while after that";
    (void)state;
    expect_parse_error("2026-1-25", 9, "expected a date as YYYY-MM-DD, got '2026-1-25'");
    expect_parse_error("25-11-2026", 10, "expected a date as YYYY-MM-DD, got '25-11-2026'");
    expect_parse_error("2026/11/25", 10, "expected a date as YYYY-MM-DD, got '2026/11/25'");
    expect_parse_error("2026-11-2x", 10, "expected a date as YYYY-MM-DD, got '2026-11-2x'");
    expect_parse_error(" 026-11-25", 10, "expected a date as YYYY-MM-DD, got ' 026-11-25'");
    expect_parse_error("+026-11-25", 10, "expected a date as YYYY-MM-DD, got '+026-11-25'");
    expect_parse_error("2026-11-25 ", 11, "expected a date as YYYY-MM-DD, got '2026-11-25 '");
    expect_parse_error("", 0, "expected a date as YYYY-MM-DD, got ''");
    /* long text is cut at 40 bytes */
    expect_parse_error(long_text, sizeof(long_text) - 1,
                       "expected a date as YYYY-MM-DD, got "
                       "'this is not a date, and it goes on for q'");
    expect_parse_error("0000-01-01", 10, "'0000-01-01' is not a date: there is no year 0");
    expect_parse_error("2026-00-10", 10, "'2026-00-10' is not a date: there is no month 0");
    expect_parse_error("2026-13-10", 10, "'2026-13-10' is not a date: there is no month 13");
    expect_parse_error("2026-02-29", 10, "'2026-02-29' is not a date: February 2026 has 28 days");
    expect_parse_error("1900-02-29", 10, "'1900-02-29' is not a date: February 1900 has 28 days");
    expect_parse_error("2026-04-31", 10, "'2026-04-31' is not a date: April 2026 has 30 days");
    expect_parse_error("2026-01-00", 10, "'2026-01-00' is not a date: January 2026 has 31 days");
    expect_parse_error("2026-12-32", 10, "'2026-12-32' is not a date: December 2026 has 31 days");
}

static void test_format_iso(void **state)
{
    char out[11];
    (void)state;
    date_format_iso(date_from_ymd(2026, 11, 25), out);
    assert_string_equal(out, "2026-11-25");
    date_format_iso(date_from_ymd(1, 1, 1), out);
    assert_string_equal(out, "0001-01-01");
    date_format_iso(0, out);
    assert_string_equal(out, "1970-01-01");
    date_format_iso(date_from_ymd(9999, 12, 31), out);
    assert_string_equal(out, "9999-12-31");
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(date_weekday(0), 3);                            /* Thursday */
    assert_int_equal(date_weekday(date_from_ymd(2026, 11, 25)), 2);  /* Wednesday */
    assert_int_equal(date_weekday(date_from_ymd(2026, 3, 29)), 6);   /* Sunday */
    assert_int_equal(date_weekday(date_from_ymd(2026, 10, 25)), 6);  /* Sunday */
    assert_int_equal(date_weekday(date_from_ymd(2000, 1, 1)), 5);    /* Saturday */
    assert_int_equal(date_weekday(date_from_ymd(1969, 12, 29)), 0);  /* Monday */
    assert_int_equal(date_weekday(date_from_ymd(1900, 1, 1)), 0);    /* Monday */
    assert_int_equal(date_weekday(-1), 2);
    assert_int_equal(date_weekday(-7), 3);
    for (int32_t n = -1000; n < 1000; n++)
        assert_int_equal(date_weekday(n + 1), (date_weekday(n) + 1) % 7);
}

static void test_cph_offset_2026(void **state)
{
    int64_t spring = utc(2026, 3, 29, 1, 0), autumn = utc(2026, 10, 25, 1, 0);
    (void)state;
    assert_int_equal(date_cph_offset(utc(2026, 1, 15, 12, 0)), 3600);
    assert_int_equal(date_cph_offset(utc(2026, 7, 1, 12, 0)), 7200);
    assert_int_equal(date_cph_offset(utc(2026, 12, 31, 23, 59)), 3600);
    /* summer time starts at 01:00 UTC on 29 March */
    assert_int_equal(date_cph_offset(spring - 1), 3600);
    assert_int_equal(date_cph_offset(spring), 7200);
    assert_int_equal(date_cph_offset(utc(2026, 3, 28, 1, 0)), 3600);
    /* and ends at 01:00 UTC on 25 October */
    assert_int_equal(date_cph_offset(autumn - 1), 7200);
    assert_int_equal(date_cph_offset(autumn), 3600);
    assert_int_equal(date_cph_offset(utc(2026, 10, 24, 23, 0)), 7200);
    /* other years: 2024 changed on 31 March and 27 October */
    assert_int_equal(date_cph_offset(utc(2024, 3, 31, 0, 59)), 3600);
    assert_int_equal(date_cph_offset(utc(2024, 3, 31, 1, 0)), 7200);
    assert_int_equal(date_cph_offset(utc(2024, 10, 27, 0, 59)), 7200);
    assert_int_equal(date_cph_offset(utc(2024, 10, 27, 1, 0)), 3600);
    /* before 1970 too */
    assert_int_equal(date_cph_offset(utc(1969, 12, 31, 23, 0)), 3600);
}

static void test_cph_to_utc(void **state)
{
    (void)state;
    /* normal winter and summer times */
    assert_int_equal(date_cph_to_utc(2026, 1, 15, 12, 0), utc(2026, 1, 15, 11, 0));
    assert_int_equal(date_cph_to_utc(2026, 7, 1, 12, 30), utc(2026, 7, 1, 10, 30));
    assert_int_equal(date_cph_to_utc(2026, 1, 1, 0, 30), utc(2025, 12, 31, 23, 30));
    /* 29 March: 01:59 is winter time, 03:00 summer time */
    assert_int_equal(date_cph_to_utc(2026, 3, 29, 1, 59), utc(2026, 3, 29, 0, 59));
    assert_int_equal(date_cph_to_utc(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0));
    /* 02:00-02:59 do not exist: read as winter time, i.e. an hour later on the clock */
    assert_int_equal(date_cph_to_utc(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0));
    assert_int_equal(date_cph_to_utc(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 30));
    /* 25 October: 02:00-02:59 happen twice; the first pass (summer time) is taken */
    assert_int_equal(date_cph_to_utc(2026, 10, 25, 1, 59), utc(2026, 10, 24, 23, 59));
    assert_int_equal(date_cph_to_utc(2026, 10, 25, 2, 0), utc(2026, 10, 25, 0, 0));
    assert_int_equal(date_cph_to_utc(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30));
    assert_int_equal(date_cph_to_utc(2026, 10, 25, 2, 59), utc(2026, 10, 25, 0, 59));
    assert_int_equal(date_cph_to_utc(2026, 10, 25, 3, 0), utc(2026, 10, 25, 2, 0));
}

static void test_cph_round_trip(void **state)
{
    char out[17], want[17];
    (void)state;
    /* every quarter hour of 2026 that exists on the Copenhagen clock comes back */
    for (int32_t day = date_from_ymd(2026, 1, 1); day <= date_from_ymd(2026, 12, 31); day++) {
        int y, m, d;
        date_to_ymd(day, &y, &m, &d);
        for (int h = 0; h < 24; h++) {
            for (int mi = 0; mi < 60; mi += 15) {
                if (m == 3 && d == 29 && h == 2)
                    continue;
                date_format_cph(date_cph_to_utc(y, m, d, h, mi), out);
                snprintf(want, sizeof(want), "%04d-%02d-%02d %02d:%02d", y, m, d, h, mi);
                assert_string_equal(out, want);
            }
        }
    }
}

static void test_format_cph(void **state)
{
    char out[17];
    (void)state;
    date_format_cph(0, out);
    assert_string_equal(out, "1970-01-01 01:00");
    date_format_cph(utc(2026, 11, 25, 13, 5), out);
    assert_string_equal(out, "2026-11-25 14:05");
    date_format_cph(utc(2026, 7, 1, 22, 30), out);
    assert_string_equal(out, "2026-07-02 00:30");
    date_format_cph(utc(2026, 12, 31, 23, 0), out);
    assert_string_equal(out, "2027-01-01 00:00");
    /* the spring change: 01:59 is followed by 03:00 */
    date_format_cph(utc(2026, 3, 29, 0, 59), out);
    assert_string_equal(out, "2026-03-29 01:59");
    date_format_cph(utc(2026, 3, 29, 1, 0), out);
    assert_string_equal(out, "2026-03-29 03:00");
    /* the autumn change: 02:00-02:59 are shown twice */
    date_format_cph(utc(2026, 10, 25, 0, 30), out);
    assert_string_equal(out, "2026-10-25 02:30");
    date_format_cph(utc(2026, 10, 25, 1, 30), out);
    assert_string_equal(out, "2026-10-25 02:30");
    date_format_cph(utc(2026, 10, 25, 2, 0), out);
    assert_string_equal(out, "2026-10-25 03:00");
    /* an instant before 1970 */
    date_format_cph(-3600, out);
    assert_string_equal(out, "1970-01-01 00:00");
    date_format_cph(-3601, out);
    assert_string_equal(out, "1969-12-31 23:59");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_day_numbers),
        cmocka_unit_test(test_round_trip_every_day),
        cmocka_unit_test(test_round_trip_sampled_range),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_valid_edges),
        cmocka_unit_test(test_parse_iso_good),
        cmocka_unit_test(test_parse_iso_bad),
        cmocka_unit_test(test_format_iso),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_cph_offset_2026),
        cmocka_unit_test(test_cph_to_utc),
        cmocka_unit_test(test_cph_round_trip),
        cmocka_unit_test(test_format_cph),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

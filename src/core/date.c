/* date.c - civil dates as day numbers (Howard Hinnant's algorithms), strict ISO parsing and
 * the day-first forms of spreadsheets, and the Europe/Copenhagen offset computed from the EU
 * summer-time rule. */
#include "core/date.h"

#include "core/error.h"

#include <stdio.h>
#include <string.h>

int32_t date_from_ymd(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

void date_to_ymd(int32_t days, int *year, int *month, int *day)
{
    int32_t z = days + 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)yoe + era * 400 + (m <= 2);
    *month = (int)m;
    *day = (int)d;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int date_valid(int year, int month, int day)
{
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= date_days_in_month(year, month);
}

static const char *const month_names[] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
};

/* Reads exactly n decimal digits at s; -1 when any is not a digit. */
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

int date_parse_iso(const char *s, size_t n, int32_t *out, struct kl_error *err)
{
    int y, m, d;

    if (n != 10 || s[4] != '-' || s[7] != '-' || (y = digits(s, 4)) < 0 ||
        (m = digits(s + 5, 2)) < 0 || (d = digits(s + 8, 2)) < 0)
        return kl_error_set(err, KL_EINVAL, "expected a date as YYYY-MM-DD, got '%.*s'",
                            (int)(n > 40 ? 40 : n), s);
    if (y < 1)
        return kl_error_set(err, KL_EINVAL, "'%.10s' is not a date: there is no year 0", s);
    if (m < 1 || m > 12)
        return kl_error_set(err, KL_EINVAL, "'%.10s' is not a date: there is no month %d", s, m);
    if (d < 1 || d > date_days_in_month(y, m))
        return kl_error_set(err, KL_EINVAL, "'%.10s' is not a date: %s %d has %d days", s,
                            month_names[m - 1], y, date_days_in_month(y, m));
    *out = date_from_ymd(y, m, d);
    return 0;
}

int date_parse_text(const char *s, int32_t *out, struct kl_error *err)
{
    size_t len = strlen(s);

    if (len == 10 && (s[2] == '-' || s[2] == '.') && s[5] == s[2]) {
        char iso[11];
        memcpy(iso, s + 6, 4);
        iso[4] = '-';
        memcpy(iso + 5, s + 3, 2);
        iso[7] = '-';
        memcpy(iso + 8, s, 2);
        iso[10] = '\0';
        if (date_parse_iso(iso, 10, out, NULL) == 0)
            return 0;
    } else if (date_parse_iso(s, len, out, NULL) == 0) {
        return 0;
    }
    return kl_error_set(err, KL_EINVAL, "'%s' is not a date (write YYYY-MM-DD or DD-MM-YYYY)",
                        s);
}

void date_format_iso(int32_t days, char out[11])
{
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    if (y < 0 || y > 9999)
        y = y < 0 ? 0 : 9999;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

int date_weekday(int32_t days)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0) */
    int32_t w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* The day number of the last Sunday of month in year. */
static int32_t last_sunday(int year, int month)
{
    int32_t last = date_from_ymd(year, month, date_days_in_month(year, month));
    return last - (date_weekday(last) + 1) % 7;
}

int date_cph_offset(int64_t t)
{
    int64_t day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int y, m, d;
    int64_t start, end;

    date_to_ymd((int32_t)day, &y, &m, &d);
    /* summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
     * Sunday of October */
    start = (int64_t)last_sunday(y, 3) * 86400 + 3600;
    end = (int64_t)last_sunday(y, 10) * 86400 + 3600;
    return t >= start && t < end ? 7200 : 3600;
}

int64_t date_cph_to_utc(int year, int month, int day, int hour, int minute)
{
    int64_t local = (int64_t)date_from_ymd(year, month, day) * 86400 + hour * 3600 + minute * 60;
    /* a time that summer time explains comes first: in the repeated hour of October that
     * is the first of the two passes */
    int64_t summer = local - 7200, winter = local - 3600;
    if (date_cph_offset(summer) == 7200)
        return summer;
    if (date_cph_offset(winter) == 3600)
        return winter;
    /* the skipped hour in March: read as if the clock had not yet moved forward */
    return winter;
}

void date_format_cph(int64_t t, char out[17])
{
    int64_t local = t + date_cph_offset(t);
    int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int64_t secs = local - day * 86400;
    int y, m, d;

    date_to_ymd((int32_t)day, &y, &m, &d);
    snprintf(out, 17, "%04u-%02u-%02u %02u:%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u, (unsigned)(secs / 3600) % 100u, (unsigned)(secs % 3600 / 60) % 100u);
}

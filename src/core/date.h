/* date.h - calendar dates and instants: parsing, arithmetic and the Europe/Copenhagen zone.
 *
 * A date is a day number: days since 1970-01-01 in the proleptic Gregorian calendar. An
 * instant is seconds since the Unix epoch in UTC. Times are stored in UTC and shown in
 * Europe/Copenhagen (CET, UTC+1, and CEST, UTC+2, from the last Sunday of March 01:00 UTC to
 * the last Sunday of October 01:00 UTC), computed here so that no process-wide TZ setting is
 * needed. */
#ifndef KL_DATE_H
#define KL_DATE_H

#include <stddef.h>
#include <stdint.h>

struct kl_error;

/* Day number of year-month-day. The caller checks validity with date_valid first. */
int32_t date_from_ymd(int year, int month, int day);

/* Splits a day number into year, month (1-12) and day (1-31). */
void date_to_ymd(int32_t days, int *year, int *month, int *day);

/* True when year-month-day is a real calendar date with 1 <= year <= 9999. */
int date_valid(int year, int month, int day);

/* Days in month (1-12) of year. */
int date_days_in_month(int year, int month);

/* Parses "YYYY-MM-DD" (exactly; the n bytes at s). Returns 0 and sets *out, or KL_EINVAL
 * with err saying what is wrong with the text. */
int date_parse_iso(const char *s, size_t n, int32_t *out, struct kl_error *err);

/* Parses a date as people write it in a spreadsheet: "YYYY-MM-DD", "DD-MM-YYYY" or
 * "DD.MM.YYYY" (the NUL-terminated s). Returns 0 and sets *out, or KL_EINVAL with err
 * (may be NULL) saying "'TEXT' is not a date (write YYYY-MM-DD or DD-MM-YYYY)". */
int date_parse_text(const char *s, int32_t *out, struct kl_error *err);

/* Writes "YYYY-MM-DD" and a NUL into out (at least 11 bytes). */
void date_format_iso(int32_t days, char out[11]);

/* Day of the week of a day number: 0 = Monday ... 6 = Sunday. */
int date_weekday(int32_t days);

/* Offset of Europe/Copenhagen from UTC at instant t, in seconds (3600 or 7200). */
int date_cph_offset(int64_t t);

/* Converts a local Copenhagen wall-clock time to a UTC instant. A time that does not exist
 * (the hour skipped in March) is read as if the clock had not yet moved forward; a repeated
 * time (October) takes the first of the two. */
int64_t date_cph_to_utc(int year, int month, int day, int hour, int minute);

/* Writes instant t as Copenhagen local "YYYY-MM-DD HH:MM" and a NUL into out (17 bytes). */
void date_format_cph(int64_t t, char out[17]);

#endif

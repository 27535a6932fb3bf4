/* format.h - values as people read them, in the request's language: dates, periods and
 * numbers. Every result is a NUL-terminated string in the request's arena (NULL only when
 * the arena is exhausted; html_text writes nothing for NULL). */
#ifndef KL_WEB_FORMAT_H
#define KL_WEB_FORMAT_H

#include <stdint.h>

struct request;

/* "1. januar 2022" / "1 January 2022". */
const char *fmt_date(struct request *r, int32_t day);

/* "januar 2026" / "January 2026". */
const char *fmt_month(struct request *r, int year, int month);

/* "1. januar 2007 – 31. marts 2011", or "fra 1. januar 2022" when to is DATE_OPEN. */
const char *fmt_period(struct request *r, int32_t from, int32_t to);

/* 352751 as "352.751" (Danish) or "352,751" (English). */
const char *fmt_int(struct request *r, int64_t n);

/* A stored UTC time "YYYY-MM-DDTHH:MM:SSZ" as Copenhagen local time "25. november 2026
 * 16:40"; the text itself when it is not in that form. */
const char *fmt_stamp(struct request *r, const char *utc);

/* An instant as Copenhagen local time: "12. marts 2026 kl. 13:00" / "12 March 2026, 13:00". */
const char *fmt_when(struct request *r, int64_t t);

/* An instant's Copenhagen time of day "13:00". */
const char *fmt_clock(struct request *r, int64_t t);

/* Today's day number in Copenhagen, from r->now. */
int32_t req_today(const struct request *r);

#endif

/* format.c - dates, periods and numbers for people (see format.h). */
#include "web/format.h"
#include "web/request.h"
#include "core/arena.h"
#include "core/date.h"
#include "model/org.h"

#include <stdio.h>
#include <string.h>

static const char *const months[12] = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December"),
};

const char *fmt_date(struct request *r, int32_t day)
{
    int y, m, d;

    date_to_ymd(day, &y, &m, &d);
    if (r->lang == LANG_DA)
        return arena_printf(r->arena, "%d. %s %d", d, T_(r, months[m - 1]), y);
    return arena_printf(r->arena, "%d %s %d", d, months[m - 1], y);
}

const char *fmt_month(struct request *r, int year, int month)
{
    return arena_printf(r->arena, "%s %d", T_(r, months[month - 1]), year);
}

const char *fmt_period(struct request *r, int32_t from, int32_t to)
{
    if (to == DATE_OPEN)
        return arena_printf(r->arena, "%s %s", T_(r, "from"), fmt_date(r, from));
    return arena_printf(r->arena, "%s – %s", fmt_date(r, from), fmt_date(r, to));
}

const char *fmt_int(struct request *r, int64_t n)
{
    char digits[32], out[48];
    char sep = r->lang == LANG_DA ? '.' : ',';
    size_t len, o = 0;
    int neg = n < 0;

    snprintf(digits, sizeof(digits), "%llu",
             neg ? 0ULL - (unsigned long long)n : (unsigned long long)n);
    len = 0;
    while (digits[len])
        len++;
    if (neg)
        out[o++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = sep;
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return arena_strdup(r->arena, out);
}

const char *fmt_stamp(struct request *r, const char *utc)
{
    int32_t day;
    int hh, mm, ss;
    char tail;
    int64_t t, local;

    if (!utc || strlen(utc) != 20 || date_parse_iso(utc, 10, &day, NULL) ||
        sscanf(utc + 10, "T%2d:%2d:%2d%c", &hh, &mm, &ss, &tail) != 4 || tail != 'Z' ||
        hh > 23 || mm > 59 || ss > 60)
        return utc;
    t = (int64_t)day * 86400 + hh * 3600 + mm * 60 + ss;
    local = t + date_cph_offset(t);
    return arena_printf(r->arena, "%s %02d:%02d", fmt_date(r, (int32_t)(local / 86400)),
                        (int)(local % 86400 / 3600), (int)(local % 3600 / 60));
}

const char *fmt_when(struct request *r, int64_t t)
{
    int64_t local = t + date_cph_offset(t);
    int32_t day = (int32_t)(local / 86400 - (local % 86400 < 0));
    const char *clock = fmt_clock(r, t);

    return arena_printf(r->arena, "%s%s%s", fmt_date(r, day),
                        r->lang == LANG_DA ? " kl. " : ", ", clock ? clock : "");
}

const char *fmt_clock(struct request *r, int64_t t)
{
    int64_t local = t + date_cph_offset(t);
    int64_t secs = local % 86400;

    if (secs < 0)
        secs += 86400;
    return arena_printf(r->arena, "%02d:%02d", (int)(secs / 3600), (int)(secs % 3600 / 60));
}

int32_t req_today(const struct request *r)
{
    int64_t local = r->now + date_cph_offset(r->now);
    return (int32_t)(local / 86400 - (local % 86400 < 0));
}

/* number.c - spreadsheet numbers: strict parsing and grouped formatting (see number.h). */
#include "core/number.h"
#include "core/error.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The length of a space at p (' ', tab, U+00A0, U+202F), or 0. */
static size_t space_at(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == ' ' || u[0] == '\t')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
        return 3;
    return 0;
}

/* The length of a space that ends just before end (start <= end), or 0. */
static size_t space_before(const char *start, const char *end)
{
    const unsigned char *u = (const unsigned char *)end;
    size_t n = (size_t)(end - start);
    if (n >= 1 && (u[-1] == ' ' || u[-1] == '\t'))
        return 1;
    if (n >= 2 && u[-2] == 0xC2 && u[-1] == 0xA0)
        return 2;
    if (n >= 3 && u[-3] == 0xE2 && u[-2] == 0x80 && u[-1] == 0xAF)
        return 3;
    return 0;
}

/* Fills err with "'TEXT' is not a number: why", TEXT cut to 40 bytes at a character
 * boundary. Returns KL_EINVAL. */
static int refuse(struct kl_error *err, const char *s, const char *why)
{
    size_t n = strlen(s);
    if (n > 40) {
        n = 40;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        return kl_error_set(err, KL_EINVAL, "'%.*s…' is not a number: %s", (int)n, s, why);
    }
    return kl_error_set(err, KL_EINVAL, "'%s' is not a number: %s", s, why);
}

int number_parse(const char *s, char decimal, struct number *out, struct kl_error *err)
{
    const char other = decimal == ',' ? '.' : ',';
    const char *grouping = decimal == ','
                               ? "'.' separates thousands in groups of three digits; write "
                                 "decimals with a comma, as Danish Excel does"
                               : "',' separates thousands in groups of three digits; write "
                                 "decimals with a point";
    char norm[NUMBER_MAX_DIGITS + 8];
    const char *p = s, *end = s + strlen(s);
    size_t nn = 0, sp;
    int ndig = 0, frac = 0, seen_dec = 0, sep_kind = 0, group_len = 0, first_group = 1;

    memset(out, 0, sizeof(*out));
    while ((sp = space_at(p)) != 0)
        p += sp;
    while (end > p && (sp = space_before(p, end)) != 0)
        end -= sp;
    if (end > p && end[-1] == '%') {
        out->percent = 1;
        end--;
        while (end > p && (sp = space_before(p, end)) != 0)
            end -= sp;
    }
    if (p == end)
        return refuse(err, s, "it is empty");
    if (*p == '-' || *p == '+') {
        if (*p == '-')
            norm[nn++] = '-';
        p++;
    } else if (end - p >= 3 && memcmp(p, "\xE2\x88\x92", 3) == 0) {
        norm[nn++] = '-';
        p += 3;
    }
    while (p < end) {
        if (*p >= '0' && *p <= '9') {
            if (++ndig > NUMBER_MAX_DIGITS)
                return refuse(err, s, "more than 15 digits");
            norm[nn++] = *p++;
            if (seen_dec)
                frac++;
            else
                group_len++;
        } else if (*p == decimal) {
            if (seen_dec)
                return refuse(err, s, "two decimal separators");
            if (ndig == 0)
                return refuse(err, s, "no digit before the decimal separator");
            if (sep_kind && group_len != 3)
                return refuse(err, s, sep_kind == 1 ? grouping
                                                    : "thousands go in groups of three digits");
            seen_dec = 1;
            norm[nn++] = '.';
            p++;
        } else if (*p == other || (sp = space_at(p)) != 0) {
            int kind = *p == other ? 1 : 2;
            if (seen_dec)
                return refuse(err, s, kind == 1 ? grouping
                                                : "a space after the decimal separator");
            if (ndig == 0)
                return refuse(err, s, "no digit before the thousands separator");
            if (sep_kind && sep_kind != kind)
                return refuse(err, s, "two different thousands separators");
            if (first_group ? group_len > 3 : group_len != 3)
                return refuse(err, s, kind == 1 ? grouping
                                                : "thousands go in groups of three digits");
            sep_kind = kind;
            first_group = 0;
            group_len = 0;
            p += kind == 1 ? 1 : sp;
        } else {
            return refuse(err, s, "only digits, a sign, separators and '%' may be written");
        }
    }
    if (ndig == 0)
        return refuse(err, s, "no digits");
    if (seen_dec && frac == 0)
        return refuse(err, s, "no digits after the decimal separator");
    if (sep_kind && !seen_dec && group_len != 3)
        return refuse(err, s, sep_kind == 1 ? grouping : "thousands go in groups of three digits");
    norm[nn] = '\0';
    errno = 0;
    out->value = strtod(norm, NULL);
    if (errno || !isfinite(out->value))
        return refuse(err, s, "out of range");
    if (out->value == 0)
        out->value = 0; /* no negative zero */
    out->decimals = frac;
    return 0;
}

int number_parse_count(const char *s, char decimal, int64_t max, int64_t *out,
                       struct kl_error *err)
{
    struct number n;
    int rc = number_parse(s, decimal, &n, err);

    if (rc)
        return rc;
    if (n.percent)
        return refuse(err, s, "a count has no percent sign");
    if (n.decimals)
        return refuse(err, s, "a count is a whole number");
    if (n.value < 0)
        return refuse(err, s, "a count is not negative");
    if (n.value > (double)max)
        return refuse(err, s, "too large");
    *out = (int64_t)n.value;
    return 0;
}

void number_format(double v, int decimals, char decimal, char group, char *out, size_t size)
{
    char raw[64], *dot;
    size_t o = 0, intlen, start;
    int neg;

    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(v))
        v = 0;
    snprintf(raw, sizeof(raw), "%.*f", decimals, v);
    neg = raw[0] == '-';
    if (neg && strspn(raw + 1, "0.") == strlen(raw + 1))
        neg = 0; /* "-0.0" */
    start = raw[0] == '-' ? 1 : 0;
    dot = strchr(raw + start, '.');
    intlen = dot ? (size_t)(dot - raw) - start : strlen(raw + start);
    if (size < 2) {
        if (size)
            out[0] = '\0';
        return;
    }
#define PUT(c)                                                                               \
    do {                                                                                     \
        if (o + 1 < size)                                                                    \
            out[o++] = (c);                                                                  \
    } while (0)
    if (neg)
        PUT('-');
    for (size_t i = 0; i < intlen; i++) {
        if (group && i > 0 && (intlen - i) % 3 == 0)
            PUT(group);
        PUT(raw[start + i]);
    }
    if (dot) {
        PUT(decimal);
        for (const char *q = dot + 1; *q; q++)
            PUT(*q);
    }
#undef PUT
    out[o] = '\0';
}

/* utf8.c - UTF-8 validation and Windows-1252 conversion. */
#include "core/utf8.h"

#include "core/buf.h"
#include "core/error.h"

#include <stdint.h>

int utf8_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        unsigned char c = p[i];
        size_t len;
        uint32_t cp, min;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            goto invalid;
        }
        if (n - i < len)
            goto invalid;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                goto invalid;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto invalid;
        i += len;
    }
    return 1;
invalid:
    if (bad)
        *bad = i;
    return 0;
}

/* Code points of 0x80-0x9F in Windows-1252; 0 where it defines none. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

int cp1252_to_utf8(const char *s, size_t n, struct buf *out, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t start = 0;
    int rc;

    for (size_t i = 0; i < n; i++) {
        uint32_t cp;
        char enc[3];
        size_t len;

        if (p[i] < 0x80)
            continue;
        rc = buf_append(out, s + start, i - start);
        if (rc)
            return rc;
        cp = p[i] < 0xA0 ? cp1252_high[p[i] - 0x80] : p[i];
        if (!cp) {
            if (bad)
                *bad = i;
            return KL_EINVAL;
        }
        if (cp < 0x800) {
            enc[0] = (char)(0xC0 | (cp >> 6));
            enc[1] = (char)(0x80 | (cp & 0x3F));
            len = 2;
        } else {
            enc[0] = (char)(0xE0 | (cp >> 12));
            enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            enc[2] = (char)(0x80 | (cp & 0x3F));
            len = 3;
        }
        rc = buf_append(out, enc, len);
        if (rc)
            return rc;
        start = i + 1;
    }
    return buf_append(out, s + start, n - start);
}

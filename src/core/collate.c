/* collate.c - Danish alphabetical order (see collate.h). */
#include "core/collate.h"

#include <stdint.h>
#include <string.h>

/* Decodes one UTF-8 code point at s[*i] (advancing *i); invalid bytes come back as
 * 0x110000 + byte so that they sort after every letter. */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[*i];
    uint32_t cp;
    size_t len;

    if (c < 0x80) {
        (*i)++;
        return c;
    }
    if ((c & 0xE0) == 0xC0) {
        cp = c & 0x1F;
        len = 2;
    } else if ((c & 0xF0) == 0xE0) {
        cp = c & 0x0F;
        len = 3;
    } else if ((c & 0xF8) == 0xF0) {
        cp = c & 0x07;
        len = 4;
    } else {
        (*i)++;
        return 0x110000u + c;
    }
    if (*i + len > n) {
        (*i)++;
        return 0x110000u + c;
    }
    for (size_t k = 1; k < len; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return 0x110000u + c;
        }
        cp = (cp << 6) | (s[*i + k] & 0x3F);
    }
    *i += len;
    return cp;
}

/* The primary weight of a code point: letters by their Danish place, other characters
 * after space and digits by value. */
static uint32_t weight(uint32_t cp)
{
    static const char latin1[] = /* base letters of U+00C0..U+00FF; '1'..'3' = æ ø å */
        "aaaaa" "3" "1" "c" "eeee" "iiii" "dn" "ooooo" "*" "2" "uuuu" "y" "ts"
        "aaaaa" "3" "1" "c" "eeee" "iiii" "dn" "ooooo" "/" "2" "uuuu" "y" "ty";
    char base;

    if (cp >= 'A' && cp <= 'Z')
        cp += 'a' - 'A';
    if (cp >= 0xC0 && cp <= 0xFF) {
        base = latin1[cp - 0xC0];
        if (base == '1')
            return 1000 + 27; /* æ */
        if (base == '2')
            return 1000 + 28; /* ø */
        if (base == '3')
            return 1000 + 29; /* å */
        if (base >= 'a' && base <= 'z')
            cp = (uint32_t)base;
    }
    if (cp >= 'a' && cp <= 'z')
        return 1000 + (cp - 'a' + 1);
    if (cp < 0x80)
        return cp; /* space, digits, punctuation before letters */
    return 2000 + cp;
}

int collate_da(const char *a, size_t na, const char *b, size_t nb)
{
    const unsigned char *sa = (const unsigned char *)a, *sb = (const unsigned char *)b;
    size_t i = 0, j = 0;
    int c;

    while (i < na && j < nb) {
        uint32_t wa = weight(next_cp(sa, na, &i));
        uint32_t wb = weight(next_cp(sb, nb, &j));
        if (wa != wb)
            return wa < wb ? -1 : 1;
    }
    if (i < na || j < nb)
        return i < na ? 1 : -1;
    c = memcmp(a, b, na < nb ? na : nb);
    if (c)
        return c;
    return na < nb ? -1 : na > nb;
}

/* utf8.h - UTF-8 validation and conversion from Windows-1252, the encoding Danish Excel
 * writes when it does not write UTF-8. */
#ifndef KL_UTF8_H
#define KL_UTF8_H

#include <stddef.h>

struct buf;

/* 1 when the n bytes at s are valid UTF-8 (no overlong forms, no surrogates, nothing past
 * U+10FFFF), else 0 with *bad (may be NULL) set to the offset of the first bad byte. */
int utf8_valid(const char *s, size_t n, size_t *bad);

/* Appends the n Windows-1252 bytes at s to out as UTF-8. Returns 0; KL_EINVAL with *bad set
 * to the offset of a byte that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
 * 0x9D); or the buffer's error (KL_ENOMEM, KL_ELIMIT). */
int cp1252_to_utf8(const char *s, size_t n, struct buf *out, size_t *bad);

#endif

/* buf.h - growable byte buffer with a hard cap: the one way to build strings.
 *
 * A buffer is always NUL-terminated once anything was appended (data may be NULL while
 * empty; use buf_cstr for a safe view). Appending past the cap fails with KL_ELIMIT and
 * leaves the buffer as it was. */
#ifndef KL_BUF_H
#define KL_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max; /* largest len allowed */
};

#define BUF_MAX_DEFAULT ((size_t)64 << 20)

/* Prepares an empty buffer that may grow to max bytes (0 means BUF_MAX_DEFAULT). */
void buf_init(struct buf *b, size_t max);

/* Releases the memory; the buffer is empty and reusable afterwards. */
void buf_free(struct buf *b);

/* Empties the buffer, keeping its memory. */
void buf_reset(struct buf *b);

/* Appends n bytes. Returns 0, KL_ENOMEM or KL_ELIMIT (buffer unchanged on failure). */
int buf_append(struct buf *b, const void *p, size_t n);

/* Appends a NUL-terminated string. */
int buf_puts(struct buf *b, const char *s);

/* Appends one byte. */
int buf_putc(struct buf *b, char c);

/* Appends printf-formatted text. */
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* As buf_printf with a va_list. */
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* A NUL-terminated view of the contents ("" when empty); valid until the next change. */
const char *buf_cstr(const struct buf *b);

/* Hands the contents to the caller (free() them) and empties the buffer. Returns NULL
 * when allocation fails. An empty buffer gives an allocated "". */
char *buf_detach(struct buf *b);

#endif

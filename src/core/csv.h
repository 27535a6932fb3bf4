/* csv.h - CSV reader for the files people actually have: RFC 4180 quoting, the comma or the
 * semicolon that Danish Excel writes (detected from the header line), UTF-8 with or without
 * a byte-order mark, or Windows-1252 (detected when the bytes are not valid UTF-8, and
 * converted to UTF-8), CRLF or LF line ends.
 *
 * The reader works on a whole file in memory and hands out one record at a time. Every
 * field is NUL-terminated UTF-8, owned by the reader and valid until the next call. Errors
 * name the line and column (1-based; the column counts fields). */
#ifndef KL_CSV_H
#define KL_CSV_H

#include <stddef.h>

struct kl_error;

enum csv_encoding {
    CSV_ENC_UTF8 = 0,
    CSV_ENC_UTF8_BOM = 1,
    CSV_ENC_CP1252 = 2,
};

struct csv_reader;

struct csv_record {
    size_t line;         /* line number where the record starts */
    size_t nfields;
    const char **fields; /* nfields NUL-terminated UTF-8 strings */
};

/* Creates a reader over the n bytes at data (copied; the caller keeps its own). sep is ','
 * or ';', or 0 to detect it from the first non-blank line (the one of the two that occurs more often
 * outside quotes; ',' on a tie). Returns NULL and fills err on failure (KL_ENOMEM, or
 * KL_EINVAL for input larger than max_bytes). Free with csv_close. */
struct csv_reader *csv_open_mem(const char *data, size_t n, char sep, size_t max_bytes,
                                struct kl_error *err);

/* Reads the whole file at path and opens a reader over it (at most max_bytes; 0 means
 * 256 MiB). NULL with err filled ("FILE: ...") on failure. */
struct csv_reader *csv_open_file(const char *path, char sep, size_t max_bytes,
                                 struct kl_error *err);

/* Releases the reader. r may be NULL. */
void csv_close(struct csv_reader *r);

/* The encoding found in the input. */
enum csv_encoding csv_encoding(const struct csv_reader *r);

/* The separator in use. */
char csv_separator(const struct csv_reader *r);

/* Reads the next record into rec. Returns 1 when a record was read, 0 at the end of the
 * input, or a negative KL_E... code with err naming line and column (an unterminated quoted
 * field, a quote inside an unquoted field, text after a closing quote, a NUL byte, a field
 * or record over the limits). Blank lines are skipped. After an error the reader stays at
 * the end. */
int csv_next(struct csv_reader *r, struct csv_record *rec, struct kl_error *err);

/* Finds name in the header record (exact match after trimming spaces, ASCII case
 * insensitive). Returns its index or -1. */
int csv_header_index(const struct csv_record *header, const char *name);

#endif

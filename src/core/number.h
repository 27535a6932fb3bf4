/* number.h - numbers as spreadsheets write them: Danish Excel's decimal comma with '.'
 * between thousands ("1.234,5"), English Excel's decimal point with ',' between thousands
 * ("1,234.5"), spaces or no-break spaces between thousands ("1 234,5"), a sign, and an
 * optional trailing percent sign. Strict: a separator that could mean either thing is read
 * only one way, decided by the caller (from the file's field separator), and anything that
 * does not fit that reading is refused with a message that says how to write it. */
#ifndef KL_NUMBER_H
#define KL_NUMBER_H

#include <stddef.h>
#include <stdint.h>

struct kl_error;

/* At most this many digits in a number (more cannot be represented exactly). */
#define NUMBER_MAX_DIGITS 15

struct number {
    double value;
    int decimals; /* digits written after the decimal separator */
    int percent;  /* 1 when the text ended with '%' (the value is as written: "12,5 %" is
                     12.5) */
};

/* Parses the NUL-terminated s with decimal ('.' or ',') as the decimal separator; the other
 * of the two, a space, U+00A0 or U+202F may separate thousands, in groups of exactly three
 * digits after a first group of one to three. Spaces at either end are ignored; a leading
 * '-', '+' or U+2212 gives the sign. Returns 0 with *out filled, or KL_EINVAL with err (may
 * be NULL) saying "'TEXT' is not a number ..." with the reason; the text is quoted cut to 40
 * bytes. Never reads past the NUL. */
int number_parse(const char *s, char decimal, struct number *out, struct kl_error *err);

/* As number_parse, for a whole number from 0 to max (thousands separators allowed, no
 * decimals, no sign, no percent). */
int number_parse_count(const char *s, char decimal, int64_t max, int64_t *out,
                       struct kl_error *err);

/* Writes v with decimals digits after decimal ('.' or ',') and thousands grouped with
 * group (0: none) into out (size bytes, at least 2; cut short when too small, always
 * NUL-terminated). Rounds half away from zero; "-0" is written "0". */
void number_format(double v, int decimals, char decimal, char group, char *out, size_t size);

#endif

/* collate.h - Danish alphabetical order for names: letters compare case-insensitively with
 * accents folded (é as e, ü as u), and æ, ø, å come after z in that order. */
#ifndef KL_COLLATE_H
#define KL_COLLATE_H

#include <stddef.h>

/* Compares the UTF-8 strings a (na bytes) and b (nb bytes) in Danish order. Returns <0, 0
 * or >0; strings that differ only in case or accents are ordered by their bytes, so that the
 * order is total. Invalid UTF-8 bytes sort by their value after all letters. */
int collate_da(const char *a, size_t na, const char *b, size_t nb);

#endif

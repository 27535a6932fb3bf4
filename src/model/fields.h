/* fields.h - validation problems per named field, so that a form can mark each field and
 * the JSON API can name each one ({"fields": {"name": "is required"}}).
 *
 * Messages are English msgids (static strings), translated where they are shown. */
#ifndef KL_MODEL_FIELDS_H
#define KL_MODEL_FIELDS_H

#include <stddef.h>

#define FIELDS_MAX 24

struct field_errors {
    size_t n;
    const char *field[FIELDS_MAX];
    const char *msg[FIELDS_MAX];
};

/* Empties fe. */
void fields_clear(struct field_errors *fe);

/* Records that field is wrong: msg is a static English string. The first problem of a
 * field wins; past FIELDS_MAX problems the rest are dropped (the count still shows some). */
void fields_add(struct field_errors *fe, const char *field, const char *msg);

/* The problem recorded for field, or NULL. */
const char *fields_get(const struct field_errors *fe, const char *field);

/* Checks text s of field: at most max bytes of valid UTF-8 (NULL counts as empty), with
 * one_line also free of control characters, and with required not empty. Adds the first
 * problem to fe. */
void fields_check_text(struct field_errors *fe, const char *field, const char *s, size_t max,
                       int one_line, int required);

#endif

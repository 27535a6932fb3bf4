/* fields.c - validation problems per field (see fields.h). */
#include "model/fields.h"

#include "core/i18n.h"
#include "core/utf8.h"

#include <string.h>

void fields_clear(struct field_errors *fe)
{
    fe->n = 0;
}

void fields_add(struct field_errors *fe, const char *field, const char *msg)
{
    if (fields_get(fe, field) || fe->n >= FIELDS_MAX)
        return;
    fe->field[fe->n] = field;
    fe->msg[fe->n] = msg;
    fe->n++;
}

const char *fields_get(const struct field_errors *fe, const char *field)
{
    for (size_t i = 0; i < fe->n; i++)
        if (strcmp(fe->field[i], field) == 0)
            return fe->msg[i];
    return NULL;
}

/* NULL when s (NULL counts as empty) is at most max bytes of UTF-8; with one_line, also
 * without control characters; else the problem. */
static const char *text_problem(const char *s, size_t max, int one_line)
{
    size_t n = s ? strlen(s) : 0;

    if (n > max)
        return N_("is too long");
    if (n && !utf8_valid(s, n, NULL))
        return N_("is not valid UTF-8 text");
    for (size_t i = 0; one_line && i < n; i++)
        if ((unsigned char)s[i] < ' ' || s[i] == 0x7f)
            return N_("must be one line without control characters");
    return NULL;
}

void fields_check_text(struct field_errors *fe, const char *field, const char *s, size_t max,
                       int one_line, int required)
{
    const char *why = text_problem(s, max, one_line);

    if (!why && required && (!s || !*s))
        why = N_("is required");
    if (why)
        fields_add(fe, field, why);
}

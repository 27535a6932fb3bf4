/* fields.c - validation problems per field (see fields.h). */
#include "model/fields.h"

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

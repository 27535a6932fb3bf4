/* problems.c - a capped list of input problems with line and column. */
#include "core/problems.h"

#include <stdarg.h>

void problems_init(struct problems *p, const char *file, size_t max)
{
    buf_init(&p->text, 0);
    p->count = 0;
    p->max = max ? max : 100;
    p->file = file;
}

void problems_free(struct problems *p)
{
    buf_free(&p->text);
}

void problems_add(struct problems *p, size_t line, size_t column, const char *fmt, ...)
{
    va_list ap;

    p->count++;
    if (p->count > p->max)
        return;
    if (line && column)
        buf_printf(&p->text, "%s:%zu:%zu: ", p->file, line, column);
    else if (line)
        buf_printf(&p->text, "%s:%zu: ", p->file, line);
    else
        buf_printf(&p->text, "%s: ", p->file);
    va_start(ap, fmt);
    buf_vprintf(&p->text, fmt, ap);
    va_end(ap);
    buf_putc(&p->text, '\n');
}

const char *problems_text(struct problems *p)
{
    if (p->count > p->max) {
        struct buf out;
        buf_init(&out, 0);
        buf_append(&out, p->text.data, p->text.len);
        buf_printf(&out, "%s: ... and %zu more problems\n", p->file, p->count - p->max);
        buf_free(&p->text);
        p->text = out;
        p->max = p->count;
    }
    return buf_cstr(&p->text);
}

/* form.c - urlencoded form parsing (see form.h). */
#include "web/form.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/utf8.h"
#include "web/request.h"

#include <string.h>

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the n bytes at s, which start at byte offset at of the body (for messages), into
 * a new arena string. */
static const char *decode(const char *s, size_t n, size_t at, struct arena *a,
                          struct kl_error *err)
{
    char *out = arena_alloc(a, n + 1);
    size_t o = 0;

    if (!out) {
        kl_error_set(err, KL_ENOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            out[o++] = ' ';
        } else if (s[i] == '%') {
            int hi = i + 1 < n ? hex(s[i + 1]) : -1;
            int lo = i + 2 < n ? hex(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                kl_error_set(err, KL_EINVAL, "bad %%-escape at byte %zu of the form", at + i + 1);
                return NULL;
            }
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (s[i] == '\0') {
            kl_error_set(err, KL_EINVAL, "NUL byte at byte %zu of the form", at + i + 1);
            return NULL;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    if (!utf8_valid(out, o, NULL)) {
        kl_error_set(err, KL_EINVAL, "the form holds text that is not UTF-8");
        return NULL;
    }
    return out;
}

int form_parse(const char *body, size_t n, struct arena *a, struct form *out,
               struct kl_error *err)
{
    size_t i = 0;

    kl_error_clear(err);
    out->n = 0;
    while (i < n) {
        size_t end = i, eq;
        while (end < n && body[end] != '&')
            end++;
        if (end > i) {
            if (out->n == FORM_MAX_FIELDS)
                return kl_error_set(err, KL_EINVAL, "the form has more than %d fields",
                                    FORM_MAX_FIELDS);
            eq = i;
            while (eq < end && body[eq] != '=')
                eq++;
            out->name[out->n] = decode(body + i, eq - i, i, a, err);
            out->value[out->n] = eq < end ? decode(body + eq + 1, end - eq - 1, eq + 1, a, err)
                                          : arena_strdup(a, "");
            if (!out->name[out->n] || !out->value[out->n])
                return err->code < 0 ? err->code : kl_error_set(err, KL_ENOMEM, "out of memory");
            out->n++;
        }
        i = end + 1;
    }
    return 0;
}

const char *form_get(const struct form *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->name[i], name) == 0)
            return f->value[i];
    return NULL;
}

int req_form(struct request *r, struct form *out)
{
    struct kl_error err;

    if (form_parse(r->body.data ? r->body.data : "", r->body.len, r->arena, out, &err))
        return req_fail(r, err.code == KL_ENOMEM ? KL_ENOMEM : KL_EINVAL, "%s: %s",
                        T_(r, "The form could not be read"), err.msg);
    return 0;
}

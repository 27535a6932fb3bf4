/* form.h - HTML form bodies (application/x-www-form-urlencoded): parsing and lookup.
 *
 * Names and values are percent-decoded ('+' is a space) into NUL-terminated strings in the
 * arena. Input that is not well-formed is refused, not guessed at. */
#ifndef KL_WEB_FORM_H
#define KL_WEB_FORM_H

#include <stddef.h>

struct arena;
struct kl_error;

#define FORM_MAX_FIELDS 64

struct form {
    size_t n;
    const char *name[FORM_MAX_FIELDS];
    const char *value[FORM_MAX_FIELDS];
};

/* Parses the n bytes at body into out. Returns 0; KL_EINVAL with err saying what is wrong
 * (a bad %-escape, a NUL byte, text that is not UTF-8, more than FORM_MAX_FIELDS fields);
 * or KL_ENOMEM. */
int form_parse(const char *body, size_t n, struct arena *a, struct form *out,
               struct kl_error *err);

/* Parses the request's body as a form. 0, or KL_EINVAL/KL_ENOMEM with r->err set. */
struct request;
int req_form(struct request *r, struct form *out);

/* The value of the first field called name, or NULL. */
const char *form_get(const struct form *f, const char *name);

#endif

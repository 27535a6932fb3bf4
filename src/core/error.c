/* error.c - error values: setting, prefixing and naming status codes. */
#include "core/error.h"
#include "core/buf.h"

#include <stdio.h>
#include <string.h>

void kl_error_clear(struct kl_error *err)
{
    if (!err)
        return;
    err->code = KL_OK;
    err->msg[0] = '\0';
    err->said = NULL;
}

int kl_error_setv(struct kl_error *err, int code, const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    err->said = NULL;
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    return code;
}

int kl_error_say(struct kl_error *err, int code, const char *said, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kl_error_setv(err, code, fmt, ap);
    va_end(ap);
    if (err)
        err->said = said;
    return code;
}

int kl_error_set(struct kl_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kl_error_setv(err, code, fmt, ap);
    va_end(ap);
    return code;
}

void kl_error_prefix(struct kl_error *err, const char *fmt, ...)
{
    char prefix[256];
    char old[KL_ERROR_MSG_MAX];
    va_list ap;

    if (!err)
        return;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof(prefix), fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof(old));
    struct buf b;
    buf_init(&b, sizeof(err->msg) - 1);
    /* buf refuses what does not fit: add as much of the old message as there is room for */
    if (buf_printf(&b, "%s: ", prefix) == 0) {
        size_t room = b.max - b.len, n = strlen(old);
        buf_append(&b, old, n < room ? n : room);
        memcpy(err->msg, buf_cstr(&b), b.len + 1);
    }
    buf_free(&b);
}

const char *kl_status_name(int code)
{
    switch (code) {
    case KL_OK: return "ok";
    case KL_ENOMEM: return "out of memory";
    case KL_EINVAL: return "invalid input";
    case KL_EIO: return "input/output error";
    case KL_ENOTFOUND: return "not found";
    case KL_ECONFLICT: return "conflict";
    case KL_EDB: return "database error";
    case KL_EVERSION: return "version mismatch";
    case KL_EPERM: return "not allowed";
    case KL_ELIMIT: return "limit exceeded";
    default: return "unknown error";
    }
}

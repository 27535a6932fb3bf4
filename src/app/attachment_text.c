/* attachment_text.c - the text of PDF attachments for the search (see attachment_text.h):
 * pdftotext through core/spawn.h, its output made clean UTF-8, recorded through
 * store/attachment_text.h. */
#include "app/attachment_text.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/spawn.h"
#include "store/attachment_text.h"
#include "store/meeting.h"
#include "store/store.h"

#include <string.h>

/* The length of the valid UTF-8 sequence at p (n bytes left), 0 when it is not one. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    size_t len, i;
    unsigned c = p[0];

    if (c < 0x80)
        return 1;
    len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4
                                                                                         : 0;
    if (!len || len > n)
        return 0;
    for (i = 1; i < len; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) || (c == 0xf0 && p[1] < 0x90) ||
        (c == 0xf4 && p[1] > 0x8f))
        return 0;
    return len;
}

/* The n bytes at p as clean text in place: invalid bytes dropped, control characters but
 * newline made spaces (pdftotext ends pages with a form feed). Returns the new length. */
static size_t clean_text(char *p, size_t n)
{
    size_t i = 0, o = 0;

    while (i < n) {
        size_t len = utf8_seq((const unsigned char *)p + i, n - i);
        if (!len) {
            i++;
            continue;
        }
        if (len == 1 && (unsigned char)p[i] < ' ' && p[i] != '\n')
            p[o++] = ' ';
        else if (len == 1 && p[i] == 0x7f)
            p[o++] = ' ';
        else {
            memmove(p + o, p + i, len);
            o += len;
        }
        i += len;
    }
    return o;
}

int app_attachment_text_extract(struct store *st, int64_t id, int version,
                                const char *content_type, const unsigned char *data, size_t n,
                                struct kl_error *err)
{
    static const char *const argv[] = {"pdftotext", "-q", "-enc", "UTF-8", "-eol", "unix",
                                       "-", "-", NULL};
    struct spawn_opts o = {argv, data, n, ATTACHMENT_TEXT_MAX, ATTACHMENT_TEXT_TIMEOUT_MS,
                           ATTACHMENT_TEXT_MEMORY};
    const char *status = "ok";
    struct kl_error why;
    struct buf text;
    int rc, exit_status = 0;

    if (!content_type || strcmp(content_type, "application/pdf") != 0)
        return store_attachment_text_set(st, id, version, ATTACHMENT_TEXT_NONE, "", err);
    buf_init(&text, 0);
    rc = spawn_run(&o, &text, &exit_status, &why);
    if (rc == KL_EIO) {
        buf_free(&text);
        return kl_error_set(err, KL_EIO, "%s", why.msg);
    }
    if (rc == KL_ENOMEM) {
        buf_free(&text);
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    }
    if (exit_status != 0 && exit_status != SPAWN_TOO_MUCH) {
        status = ATTACHMENT_TEXT_FAILED; /* the deadline, or pdftotext refused the file */
        buf_reset(&text);
    }
    if (text.data) { /* kept up to the cap: cut where a character ends */
        text.len = clean_text(text.data, text.len);
        text.data[text.len] = '\0';
    }
    rc = store_attachment_text_set(st, id, version, status, buf_cstr(&text), err);
    buf_free(&text);
    return rc;
}

int app_attachment_text_backfill(struct store *st, size_t max, size_t *done,
                                 struct kl_error *err)
{
    struct arena *a = arena_new(0);
    int64_t *ids = NULL;
    size_t n = 0, i;
    int rc;

    *done = 0;
    if (!a)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    rc = store_attachment_text_missing(st, a, max, &ids, &n, err);
    for (i = 0; rc == 0 && i < n; i++) {
        struct arena *one = arena_new(0);
        struct attachment_info info;
        const unsigned char *data = NULL;
        size_t size = 0;

        if (!one) {
            rc = kl_error_set(err, KL_ENOMEM, "out of memory");
            break;
        }
        rc = store_attachment_get(st, one, ids[i], 0, &info, err);
        if (rc == 0)
            rc = store_attachment_content(st, one, ids[i], info.version, &data, &size, err);
        if (rc == 0)
            rc = app_attachment_text_extract(st, ids[i], info.version, info.content_type, data,
                                             size, err);
        if (rc == 0)
            (*done)++;
        arena_free(one);
    }
    arena_free(a);
    return rc;
}

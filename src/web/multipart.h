/* multipart.h - file uploads: a multipart/form-data body (the one HTML form that sends
 * files) parsed into its fields and files. The parsing is libmicrohttpd's post processor,
 * run over the body the server has already read (and capped). */
#ifndef KL_WEB_MULTIPART_H
#define KL_WEB_MULTIPART_H

#include "core/buf.h"

#include <stddef.h>

struct request;

#define MULTIPART_MAX_PARTS 16

struct upload_part {
    const char *name;         /* the form field's name */
    const char *filename;     /* NULL for a plain field */
    const char *content_type; /* as the browser said; never trusted for the file's type */
    const char *data;         /* size bytes and a NUL (owned by the multipart) */
    size_t size;
    struct buf content;       /* private: where data lives */
};

struct multipart {
    size_t n;
    struct upload_part parts[MULTIPART_MAX_PARTS];
};

/* Parses the request body (Content-Type multipart/form-data) into out, which the caller
 * releases with multipart_free (also after a failure). Returns 0, or
 * KL_EINVAL with r->err saying the body is not a well-formed multipart form or has more
 * than MULTIPART_MAX_PARTS parts; KL_ENOMEM when the arena is exhausted. */
int req_multipart(struct request *r, struct multipart *out);

/* Releases the parts' memory. */
void multipart_free(struct multipart *m);

/* The text of plain field name (NULL when absent or not valid UTF-8 text). */
const char *multipart_field(const struct multipart *m, const char *name);

/* The file sent as name, or NULL. */
const struct upload_part *multipart_file(const struct multipart *m, const char *name);

#endif

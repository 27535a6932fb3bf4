/* meeting_attachment.h - use cases of attachments (bilag) of agenda items: upload with
 * the type decided from the content, a size limit and SHA-256; new versions that keep the
 * old; reading, which follows the item's visibility. Conventions as in meeting.h.
 *
 * Serving: use info.content_type as Content-Type and info.filename in
 * Content-Disposition: attachment (never inline); every accepted type is a document or an
 * image that a browser does not run as HTML. */
#ifndef KL_APP_MEETING_ATTACHMENT_H
#define KL_APP_MEETING_ATTACHMENT_H

#include "model/attachment.h"
#include "store/meeting.h"

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct principal;
struct kl_error;
struct field_errors;

struct attachment_upload {
    const char *title;           /* shown on the agenda; NULL or "": the file name */
    const char *filename;        /* as the uploader's browser named it */
    const unsigned char *data;
    size_t size;
    size_t limit;                /* largest size accepted; 0: ATTACHMENT_MAX_DEFAULT */
    int text_later;              /* 1: a PDF's text is left to app_attachment_text_backfill
                                    (the server's text worker) instead of extracted before
                                    the call returns */
};

/* Adds an attachment to item_id (the forum's secretary, or the member who proposed the
 * item while it is a proposal); *id (may be NULL) is set. The content decides the type
 * (file_type_sniff); the stored name is attachment_filename's. Refused with nothing
 * stored: an empty file (fe "file", KL_EINVAL), a type that is not accepted (fe "file",
 * KL_EINVAL), a file larger than the limit (fe "file", KL_ELIMIT), a title that is not one
 * line of at most 200 bytes (fe "title"). */
int app_attachment_add(struct store *st, const struct principal *who, int64_t item_id,
                       const struct attachment_upload *u, int64_t *id, struct field_errors *fe,
                       struct kl_error *err);

/* Adds the next version of attachment id; the older versions stay. *version (may be NULL)
 * is set. The title stays; u->title is ignored. Same checks and rights as adding. */
int app_attachment_add_version(struct store *st, const struct principal *who, int64_t id,
                               const struct attachment_upload *u, int *version,
                               struct field_errors *fe, struct kl_error *err);

/* Removes attachment id with every version, while its item's agenda may change or the item
 * is not on an agenda (the secretary only). */
int app_attachment_delete(struct store *st, const struct principal *who, int64_t id,
                          struct kl_error *err);

/* The attachments of item_id (latest versions), when who may see the item. */
int app_attachment_list(struct store *st, struct arena *a, const struct principal *who,
                        int64_t item_id, struct attachment_info **out, size_t *n,
                        struct kl_error *err);

/* Every version of attachment id, newest first. */
int app_attachment_versions(struct store *st, struct arena *a, const struct principal *who,
                            int64_t id, struct attachment_info **out, size_t *n,
                            struct kl_error *err);

struct attachment_file {
    struct attachment_info info;
    const unsigned char *data;   /* info.size bytes, in the caller's arena */
    size_t size;
};

/* Attachment id at version (0: the latest) with its bytes, when who may see the item. */
int app_attachment_get(struct store *st, struct arena *a, const struct principal *who,
                       int64_t id, int version, struct attachment_file *out,
                       struct kl_error *err);

/* Writes the SHA-256 of the n bytes at p as 64 lowercase hex digits and a NUL into hex. */
void attachment_sha256_hex(const unsigned char *p, size_t n, char hex[SHA256_HEX_LEN + 1]);

#endif

/* attachment_text.h - SQL for the text extracted from attachments (table attachment_text,
 * migration 9), which the search indexes with the attachment's item (store/search.h). */
#ifndef KL_STORE_ATTACHMENT_TEXT_H
#define KL_STORE_ATTACHMENT_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct kl_error;

/* How the text of an attachment's version came about. */
#define ATTACHMENT_TEXT_OK "ok"         /* extracted (may be empty: a scanned PDF) */
#define ATTACHMENT_TEXT_FAILED "failed" /* the extractor refused or failed */
#define ATTACHMENT_TEXT_NONE "none"     /* not a type we extract text from */

/* Records text (UTF-8) for attachment_id at version with status, replacing what an older
 * version had; a record of a newer version stays. Queues the item for re-indexing
 * (trigger). 0, KL_ENOTFOUND (no such attachment) or KL_EDB. */
int store_attachment_text_set(struct store *st, int64_t attachment_id, int version,
                              const char *status, const char *text, struct kl_error *err);

/* Up to max attachments (ids, oldest first) whose latest version is a PDF and has no text
 * recorded: what is left to extract after an upgrade. *ids in arena a. */
int store_attachment_text_missing(struct store *st, struct arena *a, size_t max,
                                  int64_t **ids, size_t *n, struct kl_error *err);

#endif

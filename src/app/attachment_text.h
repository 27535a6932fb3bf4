/* attachment_text.h - the text of PDF attachments for the search: extracted with pdftotext
 * (Debian poppler-utils) in a separate process without a shell, with a deadline, a memory
 * limit and a cap on the text, when a version is uploaded; recorded in the store, where the
 * search indexes it with the attachment's item (docs/search.md). A file that yields no
 * text never makes its upload fail. */
#ifndef KL_APP_ATTACHMENT_TEXT_H
#define KL_APP_ATTACHMENT_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct kl_error;

#define ATTACHMENT_TEXT_MAX ((size_t)1 << 20)   /* bytes of text kept per attachment */
#define ATTACHMENT_TEXT_TIMEOUT_MS 20000        /* pdftotext's deadline */
#define ATTACHMENT_TEXT_MEMORY ((size_t)1 << 30) /* pdftotext's address space */

/* Extracts and records the text of version `version` of attachment id, whose content_type
 * and n bytes at data are given: a PDF through pdftotext (status "ok" with the text, cut at
 * ATTACHMENT_TEXT_MAX on a character boundary; "failed" when pdftotext refuses the file,
 * dies or misses the deadline); other types are recorded as having no text ("none").
 * The text is valid UTF-8 with control characters made spaces (newlines kept). Returns 0,
 * or the store's error (KL_EDB, KL_ENOMEM); KL_EIO only when pdftotext is not installed. */
int app_attachment_text_extract(struct store *st, int64_t id, int version,
                                const char *content_type, const unsigned char *data, size_t n,
                                struct kl_error *err);

/* Extracts the text of up to max PDF attachments whose latest version has none recorded
 * (those uploaded before klynge searched attachments) and sets *done to how many. */
int app_attachment_text_backfill(struct store *st, size_t max, size_t *done,
                                 struct kl_error *err);

#endif

/* pdf_merge.h - one PDF out of several: a document of ours (the agenda, drawn by
 * pdf_meeting.h) followed by the pages of PDF files from outside (the attachments), with
 * qpdf's C API (Debian libqpdf-dev).
 *
 * Attachments are untrusted: each is first read and rewritten on its own by
 * pdf_attachment_check, which also tells whether it can be used at all; only what that
 * rewrite produced is merged, so one broken attachment never breaks the document. qpdf
 * reads hostile input without trusting it (its own fuzzing); pdf_attachment_check is
 * fuzzed here too (fuzz/pdf_merge_fuzz.c).
 *
 * The merged document keeps the agenda's outline and links and adds one outline entry
 * "Bilag" (the caller's title) with a child per attachment, pointing at its first page. The
 * attachments' pages keep their content, annotations and page size; their own outlines,
 * named destinations and forms do not come along (only pages are copied). */
#ifndef KL_RENDER_PDF_MERGE_H
#define KL_RENDER_PDF_MERGE_H

#include <stddef.h>

struct buf;
struct kl_error;

/* The most pages one attachment may bring; more is refused by pdf_attachment_check. */
#define PDF_ATTACHMENT_MAX_PAGES 2000

/* Reads the n bytes at p as a PDF and appends a clean rewrite of it to out (qpdf repairs
 * what it can, such as a damaged cross-reference table); *pages is set to its page count.
 * KL_EINVAL with err saying why when it cannot be read, needs a password, has no pages or
 * more than PDF_ATTACHMENT_MAX_PAGES; KL_ENOMEM when out's cap is reached. Nothing is
 * printed. Safe from any thread (nothing shared). */
int pdf_attachment_check(const unsigned char *p, size_t n, struct buf *out, int *pages,
                         struct kl_error *err);

struct pdf_merge_part {
    const char *title;          /* the outline entry (UTF-8) */
    const unsigned char *data;  /* a PDF made by pdf_attachment_check */
    size_t size;
};

/* Appends to out the PDF base (nbase bytes, ours) followed by every page of each part in
 * order, with an outline entry named group_title whose children are the parts' titles, each
 * pointing at the part's first page (no entry when n is 0). KL_EINVAL when base or a part
 * cannot be read (err names the part), KL_ENOMEM at out's cap. */
int pdf_merge(const unsigned char *base, size_t nbase, const char *group_title,
              const struct pdf_merge_part *parts, size_t n, struct buf *out,
              struct kl_error *err);

#endif

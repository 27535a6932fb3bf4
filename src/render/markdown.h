/* markdown.h - Markdown (CommonMark) to HTML for the texts people write in klynge: mandates,
 * agenda items, minutes. Raw HTML in the text is not passed through and unsafe link schemes
 * (javascript:, data:, ...) are dropped (cmark's safe default), so the result may go into a
 * page as it is. The input is capped, since cmark 0.30.2 has known quadratic cases. */
#ifndef KL_MARKDOWN_H
#define KL_MARKDOWN_H

#include <stddef.h>

struct html;

#define MARKDOWN_MAX_BYTES (64 * 1024)

/* Writes text (n bytes of UTF-8 Markdown) as HTML through h. Input over MARKDOWN_MAX_BYTES
 * is written as escaped plain text instead. Errors are h's sticky errors. */
void html_markdown(struct html *h, const char *text, size_t n);

#endif

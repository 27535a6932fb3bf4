/* markdown.c - CommonMark through cmark in its safe mode (see markdown.h). */
#include "render/markdown.h"
#include "render/html.h"
#include "core/buf.h"
#include "core/error.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

void html_markdown(struct html *h, const char *text, size_t n)
{
    char *out;

    if (h->status || !text || !n)
        return;
    if (n > MARKDOWN_MAX_BYTES) {
        html_lit(h, "<pre>");
        html_text(h, text);
        html_lit(h, "</pre>");
        return;
    }
    /* CMARK_OPT_SAFE is the default of 0.30 (raw HTML and unsafe URLs suppressed); it is
     * named here so that an older library behaves the same. */
    out = cmark_markdown_to_html(text, n, CMARK_OPT_SAFE | CMARK_OPT_SMART);
    if (!out) {
        h->status = KL_ENOMEM;
        return;
    }
    if (buf_append(h->out, out, strlen(out)))
        h->status = KL_ELIMIT;
    free(out);
}

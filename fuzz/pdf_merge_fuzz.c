/* pdf_merge_fuzz.c - libFuzzer target for reading untrusted PDF attachments
 * (render/pdf_merge.c): any bytes give either a clean refusal from pdf_attachment_check or a
 * rewrite that pdf_merge appends to a small agenda of ours, which must then succeed. */
#include "core/buf.h"
#include "core/error.h"
#include "render/pdf_merge.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A one-page PDF (qpdf reconstructs its cross-reference table, as it has none). */
static const char AGENDA[] =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    "trailer << /Root 1 0 R /Size 4 >>\n%%EOF\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pdf_merge_part part = {"Bilag", NULL, 0};
    struct buf clean, merged;
    struct kl_error err;
    int pages = 0, rc;

    buf_init(&clean, (size_t)64 << 20);
    buf_init(&merged, (size_t)128 << 20);
    rc = pdf_attachment_check(data, size, &clean, &pages, &err);
    if (rc == 0) {
        if (pages <= 0 || pages > PDF_ATTACHMENT_MAX_PAGES || clean.len == 0)
            abort();
        part.data = (const unsigned char *)clean.data;
        part.size = clean.len;
        if (pdf_merge((const unsigned char *)AGENDA, strlen(AGENDA), "Bilag", &part, 1, &merged,
                      &err) != 0 && err.code != KL_ENOMEM)
            abort();
    } else if (rc != KL_EINVAL && rc != KL_ENOMEM) {
        abort();
    }
    buf_free(&clean);
    buf_free(&merged);
    return 0;
}

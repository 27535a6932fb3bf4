/* csv_fuzz.c - libFuzzer target for the CSV reader. The first input byte is a mode: byte % 3
 * picks the separator (0 detect, 1 ';', 2 ','; the seeds in fuzz/corpus/csv start with the
 * digit '0', '1' or '2'), and when its high bit is set its low six bits are a size cap. The
 * rest is the file. Every record is read until the end or an error, and the reader's
 * promises are checked: fields are NUL-terminated UTF-8, record lines only go forward, the
 * header finds its own names, and an error leaves the reader at the end. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/error.h"
#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run with a crash the fuzzer reports when a promise of csv.h is broken. */
#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (!(cond))                                                                         \
            abort();                                                                         \
    } while (0)

/* Looks up every header name that has no surrounding spaces: it must be found at its own
 * index or at an earlier one with the same name in another case. */
static void check_header(const struct csv_record *h)
{
    for (size_t i = 0; i < h->nfields; i++) {
        const char *f = h->fields[i];
        size_t len = strlen(f);
        int at;
        if (len == 0 || f[0] == ' ' || f[len - 1] == ' ')
            continue;
        at = csv_header_index(h, f);
        CHECK(at >= 0 && (size_t)at <= i);
    }
    (void)csv_header_index(h, "");
    (void)csv_header_index(h, "kommunekode");
}

/* Contract: returns 0; the fuzzer keeps inputs that reach new code. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char seps[] = {0, ';', ','};
    struct kl_error err;
    struct csv_reader *r;
    struct csv_record rec;
    size_t last_line = 0, nrec = 0;
    size_t max_bytes;
    char sep;
    int got;

    if (size < 1)
        return 0;
    sep = seps[data[0] % 3];
    /* mostly no cap; sometimes a small one so that the size check runs too */
    max_bytes = (data[0] & 0x80) ? (size_t)(data[0] & 0x3F) : 0;
    data++;
    size--;

    kl_error_clear(&err);
    r = csv_open_mem((const char *)data, size, sep, max_bytes, &err);
    if (!r) {
        CHECK(err.code != 0 && err.msg[0] != '\0');
        return 0;
    }
    CHECK(!sep || csv_separator(r) == sep);
    CHECK(csv_separator(r) == ',' || csv_separator(r) == ';');
    CHECK(csv_encoding(r) >= CSV_ENC_UTF8 && csv_encoding(r) <= CSV_ENC_CP1252);

    while ((got = csv_next(r, &rec, &err)) > 0) {
        CHECK(rec.nfields >= 1);
        CHECK(rec.line > last_line);
        last_line = rec.line;
        for (size_t i = 0; i < rec.nfields; i++)
            CHECK(utf8_valid(rec.fields[i], strlen(rec.fields[i]), NULL));
        if (nrec++ == 0)
            check_header(&rec);
    }
    if (got < 0) {
        CHECK(err.code == got);
        CHECK(got != KL_EINVAL || strncmp(err.msg, "line ", 5) == 0);
        /* after an error the reader stays at the end */
        CHECK(csv_next(r, &rec, &err) == 0);
    }
    CHECK(csv_next(r, &rec, &err) == 0);
    csv_close(r);
    return 0;
}

/* csv.c - the CSV reader: encoding and separator detection, then RFC 4180 records with
 * line and column in every error. */
#include "core/csv.h"

#include "core/buf.h"
#include "core/error.h"
#include "core/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CSV_FIELD_MAX ((size_t)1 << 20)
#define CSV_FIELDS_MAX 1024
#define CSV_FILE_DEFAULT_MAX ((size_t)256 << 20)

struct csv_reader {
    char *text;         /* the whole input as UTF-8 */
    size_t len;
    size_t pos;
    size_t line;        /* line of text[pos] */
    char sep;
    enum csv_encoding enc;
    struct buf field;   /* the record's fields, each followed by a NUL */
    size_t *offsets;    /* start of each field in field.data */
    const char **fields;
    size_t cap;
    int failed;
};

/* Counts separators on the header line (the first one that is not blank, as csv_next skips
 * blank lines) outside quotes and picks the more frequent. */
static char detect_separator(const char *s, size_t n)
{
    size_t commas = 0, semis = 0, i = 0;
    int quoted = 0;

    while (i < n && (s[i] == '\n' || s[i] == '\r'))
        i++;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            commas++;
        else if (!quoted && c == ';')
            semis++;
    }
    return semis > commas ? ';' : ',';
}

struct csv_reader *csv_open_mem(const char *data, size_t n, char sep, size_t max_bytes,
                                struct kl_error *err)
{
    struct csv_reader *r;
    struct buf conv;
    size_t bad = 0;
    int rc;

    if (max_bytes && n > max_bytes) {
        kl_error_set(err, KL_EINVAL, "the file is larger than %zu bytes", max_bytes);
        return NULL;
    }
    if (sep && sep != ',' && sep != ';') {
        kl_error_set(err, KL_EINVAL, "the separator must be ',' or ';'");
        return NULL;
    }
    r = calloc(1, sizeof(*r));
    if (!r) {
        kl_error_set(err, KL_ENOMEM, "out of memory reading CSV");
        return NULL;
    }
    /* a record may hold CSV_FIELDS_MAX fields of CSV_FIELD_MAX bytes, each with its NUL, so
     * that the field limits and not the buffer's default cap decide */
    buf_init(&r->field, (size_t)CSV_FIELDS_MAX * (CSV_FIELD_MAX + 1));
    /* room for the whole text: Windows-1252 takes at most three UTF-8 bytes for one byte */
    buf_init(&conv, n < ((size_t)-1 / 2 - 1) / 3 ? 3 * n + 1 : (size_t)-1 / 2);
    r->line = 1;
    if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        r->enc = CSV_ENC_UTF8_BOM;
        data += 3;
        n -= 3;
    }
    if (utf8_valid(data, n, NULL)) {
        rc = buf_append(&conv, data, n);
    } else if (r->enc == CSV_ENC_UTF8_BOM) {
        utf8_valid(data, n, &bad);
        rc = KL_EINVAL;
    } else {
        r->enc = CSV_ENC_CP1252;
        rc = cp1252_to_utf8(data, n, &conv, &bad);
    }
    if (rc) {
        if (rc == KL_EINVAL) {
            size_t line = 1;
            for (size_t i = 0; i < bad; i++)
                line += data[i] == '\n';
            kl_error_set(err, KL_EINVAL,
                         "line %zu: byte 0x%02X is neither UTF-8 nor Windows-1252 text", line,
                         (unsigned char)data[bad]);
        } else {
            kl_error_set(err, rc, "out of memory reading CSV");
        }
        buf_free(&conv);
        csv_close(r);
        return NULL;
    }
    r->len = conv.len;
    r->text = buf_detach(&conv);
    if (!r->text) {
        kl_error_set(err, KL_ENOMEM, "out of memory reading CSV");
        csv_close(r);
        return NULL;
    }
    r->sep = sep ? sep : detect_separator(r->text, r->len);
    return r;
}

struct csv_reader *csv_open_file(const char *path, char sep, size_t max_bytes,
                                 struct kl_error *err)
{
    FILE *f = fopen(path, "rb");
    struct buf b;
    char chunk[65536];
    size_t got;
    struct csv_reader *r;

    if (!f) {
        kl_error_set(err, KL_EIO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    buf_init(&b, max_bytes ? max_bytes : CSV_FILE_DEFAULT_MAX);
    while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (buf_append(&b, chunk, got)) {
            kl_error_set(err, KL_EINVAL, "%s: larger than %zu bytes", path, b.max);
            fclose(f);
            buf_free(&b);
            return NULL;
        }
    }
    if (ferror(f)) {
        kl_error_set(err, KL_EIO, "%s: read error", path);
        fclose(f);
        buf_free(&b);
        return NULL;
    }
    fclose(f);
    r = csv_open_mem(b.data ? b.data : "", b.len, sep, 0, err);
    buf_free(&b);
    if (!r)
        kl_error_prefix(err, "%s", path);
    return r;
}

void csv_close(struct csv_reader *r)
{
    if (!r)
        return;
    free(r->text);
    buf_free(&r->field);
    free(r->offsets);
    free(r->fields);
    free(r);
}

enum csv_encoding csv_encoding(const struct csv_reader *r)
{
    return r->enc;
}

char csv_separator(const struct csv_reader *r)
{
    return r->sep;
}

static int fail(struct csv_reader *r, struct kl_error *err, size_t line, size_t col,
                const char *msg)
{
    r->failed = 1;
    r->pos = r->len;
    return kl_error_set(err, KL_EINVAL, "line %zu, column %zu: %s", line, col, msg);
}

/* Ends the current field: NUL-terminates it and records where it starts. */
static int end_field(struct csv_reader *r, size_t *nfields, size_t start, size_t line,
                     struct kl_error *err)
{
    if (r->field.len - start > CSV_FIELD_MAX)
        return fail(r, err, line, *nfields + 1, "field longer than 1 MiB");
    if (*nfields >= CSV_FIELDS_MAX)
        return fail(r, err, line, *nfields + 1, "more than 1024 fields in a record");
    if (*nfields == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 16;
        size_t *o = realloc(r->offsets, ncap * sizeof(*o));
        if (!o)
            return kl_error_set(err, KL_ENOMEM, "out of memory reading CSV");
        r->offsets = o;
        r->cap = ncap;
    }
    if (buf_putc(&r->field, '\0'))
        return kl_error_set(err, KL_ENOMEM, "out of memory reading CSV");
    r->offsets[(*nfields)++] = start;
    return 0;
}

int csv_next(struct csv_reader *r, struct csv_record *rec, struct kl_error *err)
{
    const char *t = r->text;
    size_t nfields = 0, start, line;
    int rc;

    if (r->failed)
        return 0;
    /* skip blank lines */
    while (r->pos < r->len && (t[r->pos] == '\n' || t[r->pos] == '\r')) {
        if (t[r->pos] == '\n')
            r->line++;
        r->pos++;
    }
    if (r->pos >= r->len)
        return 0;
    buf_reset(&r->field);
    line = r->line;
    start = 0;
    for (;;) {
        char c = r->pos < r->len ? t[r->pos] : '\n';
        if (r->pos < r->len && c == '\0')
            return fail(r, err, r->line, nfields + 1, "NUL byte in the input");
        if (c == '"' && r->field.len == start) {
            /* a quoted field */
            size_t qline = r->line;
            r->pos++;
            for (;;) {
                if (r->pos >= r->len)
                    return fail(r, err, qline, nfields + 1, "unterminated quoted field");
                c = t[r->pos];
                if (c == '\0')
                    return fail(r, err, r->line, nfields + 1, "NUL byte in the input");
                if (c == '"') {
                    if (r->pos + 1 < r->len && t[r->pos + 1] == '"') {
                        rc = buf_putc(&r->field, '"');
                        r->pos += 2;
                    } else {
                        r->pos++;
                        break;
                    }
                } else {
                    if (c == '\n')
                        r->line++;
                    rc = buf_putc(&r->field, c);
                    r->pos++;
                }
                if (rc)
                    return kl_error_set(err, KL_ENOMEM, "out of memory reading CSV");
                if (r->field.len - start > CSV_FIELD_MAX)
                    return fail(r, err, qline, nfields + 1, "field longer than 1 MiB");
            }
            c = r->pos < r->len ? t[r->pos] : '\n';
            if (c != r->sep && c != '\n' && c != '\r')
                return fail(r, err, r->line, nfields + 1, "text after a closing quote");
            continue;
        }
        if (c == r->sep) {
            rc = end_field(r, &nfields, start, line, err);
            if (rc)
                return rc;
            start = r->field.len;
            r->pos++;
            continue;
        }
        if (c == '\n' || c == '\r') {
            rc = end_field(r, &nfields, start, line, err);
            if (rc)
                return rc;
            if (r->pos < r->len && c == '\r')
                r->pos++;
            if (r->pos < r->len && t[r->pos] == '\n') {
                r->pos++;
            }
            r->line++;
            break;
        }
        if (c == '"')
            return fail(r, err, r->line, nfields + 1, "quote character inside an unquoted field");
        rc = buf_putc(&r->field, c);
        if (rc)
            return kl_error_set(err, KL_ENOMEM, "out of memory reading CSV");
        if (r->field.len - start > CSV_FIELD_MAX)
            return fail(r, err, line, nfields + 1, "field longer than 1 MiB");
        r->pos++;
    }
    {
        const char **f = realloc(r->fields, nfields * sizeof(*f));
        if (!f)
            return kl_error_set(err, KL_ENOMEM, "out of memory reading CSV");
        r->fields = f;
        for (size_t i = 0; i < nfields; i++)
            f[i] = r->field.data + r->offsets[i];
    }
    rec->line = line;
    rec->nfields = nfields;
    rec->fields = r->fields;
    return 1;
}

int csv_header_index(const struct csv_record *header, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < header->nfields; i++) {
        const char *f = header->fields[i];
        size_t len;
        while (*f == ' ')
            f++;
        len = strlen(f);
        while (len && f[len - 1] == ' ')
            len--;
        if (len == n && strncasecmp(f, name, n) == 0)
            return (int)i;
    }
    return -1;
}

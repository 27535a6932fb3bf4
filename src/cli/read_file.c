/* read_file.c - reading a whole input file for the import commands, and writing a
 * command's output file (see cli.h). */
#include "cli/cli.h"
#include "core/buf.h"
#include "core/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int cli_read_file(const char *path, struct buf *b, struct kl_error *err)
{
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t n;

    if (!f)
        return kl_error_set(err, KL_EIO, "%s: %s", path, strerror(errno));
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (buf_append(b, chunk, n)) {
            fclose(f);
            return kl_error_set(err, KL_ELIMIT, "%s: larger than %zu MiB", path, b->max >> 20);
        }
    }
    if (ferror(f)) {
        fclose(f);
        return kl_error_set(err, KL_EIO, "%s: read error", path);
    }
    fclose(f);
    return 0;
}

int cli_write_file(const char *path, const struct buf *b, struct kl_error *err)
{
    FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
    int bad;

    if (!f)
        return kl_error_set(err, KL_EIO, "%s: %s", path, strerror(errno));
    bad = b->len && fwrite(b->data, 1, b->len, f) != b->len;
    bad |= f == stdout ? fflush(f) != 0 : fclose(f) != 0;
    return bad ? kl_error_set(err, KL_EIO, "%s: %s", path, strerror(errno)) : 0;
}

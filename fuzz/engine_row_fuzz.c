/* engine_row_fuzz.c - libFuzzer target for the engine's row parser: the input is parsed as
 * the body of an admissions extract behind the canonical header (or, when it starts with
 * "admission_id", as a whole extract with its own header), with and without skipping bad
 * rows, on one and on two threads. */
#include "core/error.h"
#include "engine/internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char header[] =
    "admission_id,person_id,municipality_code,birth_year,sex,admit_date,discharge_date,acute,"
    "department_specialty,primary_diagnosis,hospital_code\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct engine_munis munis;
    static int ready;
    struct engine_layout lay;
    struct kl_error err;
    size_t hn = sizeof(header) - 1, n;
    int own = size >= 12 && memcmp(data, "admission_id", 12) == 0;
    char *buf;

    if (!ready) {
        if (engine_munis_load(&munis, &err))
            abort();
        ready = 1;
    }
    n = own ? size : hn + size;
    buf = malloc(n ? n : 1);
    if (!buf)
        return 0;
    if (!own)
        memcpy(buf, header, hn);
    memcpy(buf + (own ? 0 : hn), data, size);
    if (engine_layout_read(buf, n, NULL, "fuzz.csv", &lay, &err) == 0) {
        for (int mode = 0; mode < 4; mode++) {
            struct engine_table t;
            struct engine_report rep;
            memset(&t, 0, sizeof(t));
            memset(&rep, 0, sizeof(rep));
            if (engine_parse(buf, n, &lay, &munis, mode & 1, 0, mode & 2 ? 2 : 1, &t, &rep,
                             NULL, NULL, NULL, &err) == 0)
                engine_table_free(&t);
        }
    }
    free(buf);
    return 0;
}

/* plan_fuzz.c - libFuzzer target for what action plans read from forms and the API: amounts
 * in kroner as Danes write them (money_parse, checked to read back what money_format
 * writes), labels in natural order (plan_label_cmp must be a consistent order), and the
 * value checks of initiatives and reports on arbitrary text. The input is split at its
 * first newline into two strings. */
#include "core/buf.h"
#include "model/fields.h"
#include "model/plan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), *t;
    struct field_errors fe = {0};
    int64_t ore, again;
    char text[32];

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    t = strchr(s, '\n');
    if (t)
        *t++ = '\0';
    else
        t = s + strlen(s);
    if (money_parse(s, &ore) == 0) {
        if (ore < 0 || ore > PLAN_MONEY_MAX)
            abort();
        money_format(ore, text);
        if (money_parse(text, &again) != 0 || again != ore)
            abort();
    }
    {
        int ab = plan_label_cmp(s, t), ba = plan_label_cmp(t, s);
        if ((ab < 0) != (ba > 0) || (ab == 0) != (ba == 0) || plan_label_cmp(s, s) != 0)
            abort();
    }
    {
        struct initiative in = {.label = s, .title = t, .description = t, .status_reason = s,
                                .involvement_how = t, .data_plan = s,
                                .status = INITIATIVE_DROPPED};
        struct status_report r = {.light = LIGHT_RED, .scope = s, .data = t, .schedule = s,
                                  .funds = t, .involvement = s};
        const char *labels[2] = {s, t};
        struct buf b;
        initiative_check(&in, &fe);
        fields_clear(&fe);
        status_report_check(&r, (unsigned)size & ROUND_FIELDS_ALL, &fe);
        buf_init(&b, 1 << 16);
        plan_label_list(&b, labels, 2, size & 1 ? "en" : "da");
        buf_free(&b);
    }
    free(s);
    return 0;
}

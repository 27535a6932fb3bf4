/* org.c - value checks of the geography model. */
#include "model/org.h"

#include <string.h>

int region_code_valid(int code)
{
    return code >= 1081 && code <= 1085;
}

int municipality_code_valid(int code)
{
    return code >= 101 && code <= 999;
}

int cluster_code_valid(const char *code)
{
    size_t n = code ? strlen(code) : 0;

    if (n == 0 || n > 40 || !(code[0] >= 'A' && code[0] <= 'Z'))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return 0;
    }
    return 1;
}

int period_overlaps(int32_t a_from, int32_t a_to, int32_t b_from, int32_t b_to)
{
    return a_from <= b_to && b_from <= a_to;
}

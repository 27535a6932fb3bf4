/* indicator_row_fuzz.c - libFuzzer target for the indicator import's parsing: the spreadsheet
 * number parser (both decimal separators, and counts), the period parser, and whole files
 * through ind_import_check against a fixed catalogue and geography. An input that starts
 * with a header of its own is checked as it is; any other input is the body behind the long
 * header (indicator;period;geography;value;numerator;denominator). */
#include "app/indicator.h"
#include "app/indicator_import.h"
#include "core/arena.h"
#include "core/embed.h"
#include "core/error.h"
#include "core/number.h"
#include "core/problems.h"
#include "model/indicator.h"
#include "model/org.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

extern const struct embedded_file refdata_files[];

static const char header[] = "indicator;period;geography;value;numerator;denominator\n";

static const struct municipality munis[] = {
    {101, "København", 1084, -1}, {741, "Samsø", 1082, -1}, {751, "Aarhus", 1082, -1},
    {825, "Læsø", 1081, -1},      {492, "Ærø", 1083, -1},
};
static const struct region regions[] = {
    {1081, "Region Nordjylland"}, {1082, "Region Midtjylland"}, {1083, "Region Syddanmark"},
    {1084, "Region Hovedstaden"}, {1085, "Region Sjælland"},
};
static const struct cluster clusters[] = {{"RM-AARHUS", "Aarhusklyngen", 1082, 0, 0}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct arena *catalogue;
    static struct indicator *inds;
    static size_t ninds;
    struct ind_import_context ctx = {0};
    struct ind_import_row *rows;
    struct problems probs;
    struct kl_error err;
    struct arena *a;
    struct number num;
    struct period p;
    int64_t count;
    size_t nrows, skipped, hn = sizeof(header) - 1, n;
    int own = size >= 9 && (memcmp(data, "indicator", 9) == 0 ||
                            memcmp(data, "indikator", 9) == 0 ||
                            memcmp(data, "geography", 9) == 0);
    char *text, *buf;

    if (!catalogue) {
        const struct embedded_file *f = embed_find(refdata_files, "indicators.csv");
        catalogue = arena_new(0);
        problems_init(&probs, "indicators.csv", 0);
        if (!f || !catalogue ||
            app_indicator_catalogue_parse((const char *)f->data, f->size, catalogue, &probs,
                                          &inds, &ninds, &err))
            abort();
        problems_free(&probs);
    }
    /* the small parsers, on the input as one NUL-terminated text */
    text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    number_parse(text, ',', &num, &err);
    number_parse(text, '.', &num, &err);
    number_parse_count(text, ',', 1000000, &count, &err);
    period_parse(text, &p);
    free(text);
    /* a whole file */
    n = own ? size : hn + size;
    buf = malloc(n ? n : 1);
    if (!buf)
        return 0;
    if (!own)
        memcpy(buf, header, hn);
    memcpy(buf + (own ? 0 : hn), data, size);
    ctx.indicators = inds;
    ctx.nindicators = ninds;
    ctx.municipalities = munis;
    ctx.nmunicipalities = sizeof(munis) / sizeof(munis[0]);
    ctx.regions = regions;
    ctx.nregions = sizeof(regions) / sizeof(regions[0]);
    ctx.clusters = clusters;
    ctx.nclusters = 1;
    ctx.default_indicator = "FOREBYG-65";
    a = arena_new(0);
    problems_init(&probs, "fuzz.csv", 0);
    if (a)
        ind_import_check(buf, n, &ctx, a, &probs, &rows, &nrows, &skipped, &err);
    problems_free(&probs);
    arena_free(a);
    free(buf);
    return 0;
}

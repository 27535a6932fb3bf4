/* sort.c - a stable least-significant-digit radix sort of (key, value) items on several
 * threads: each pass counts digits per thread slice, then every thread scatters its slice
 * to the places the counts give it. Passes over a digit that all items share are skipped. */
#include "engine/internal.h"

#include <stdlib.h>
#include <string.h>

#define DIGIT_MAX_BITS 11
#define MAX_THREADS 64

unsigned engine_bits(uint64_t v)
{
    unsigned b = 0;
    while (v) {
        b++;
        v >>= 1;
    }
    return b;
}

struct pass {
    const struct engine_item *src;
    struct engine_item *dst;
    size_t n;
    int word;
    unsigned shift;
    uint64_t mask;
    int nt;
    size_t *count; /* nt x (mask + 1) */
};

static inline uint64_t digit(const struct engine_item *it, int word, unsigned shift,
                             uint64_t mask)
{
    return ((word ? it->val : it->key) >> shift) & mask;
}

static void slice(const struct pass *p, size_t t, size_t *lo, size_t *hi)
{
    *lo = p->n * t / (size_t)p->nt;
    *hi = p->n * (t + 1) / (size_t)p->nt;
}

static void count_task(void *arg, size_t t, int worker)
{
    struct pass *p = arg;
    size_t lo, hi, *c = p->count + t * (p->mask + 1);
    (void)worker;
    slice(p, t, &lo, &hi);
    memset(c, 0, (p->mask + 1) * sizeof(*c));
    for (size_t i = lo; i < hi; i++)
        c[digit(&p->src[i], p->word, p->shift, p->mask)]++;
}

static void scatter_task(void *arg, size_t t, int worker)
{
    struct pass *p = arg;
    size_t lo, hi, *c = p->count + t * (p->mask + 1);
    (void)worker;
    slice(p, t, &lo, &hi);
    for (size_t i = lo; i < hi; i++)
        p->dst[c[digit(&p->src[i], p->word, p->shift, p->mask)]++] = p->src[i];
}

struct engine_item *engine_radix_sort(struct engine_item *items, struct engine_item *tmp,
                                      size_t n, int word, unsigned lo, unsigned bits,
                                      int nthreads)
{
    struct engine_item *src = items, *dst = tmp;
    unsigned passes, dbits;
    size_t *count;
    int nt = nthreads < 1 ? 1 : nthreads > MAX_THREADS ? MAX_THREADS : nthreads;

    if (n < 2 || bits == 0)
        return items;
    if (n < 65536)
        nt = 1;
    passes = (bits + DIGIT_MAX_BITS - 1) / DIGIT_MAX_BITS;
    dbits = (bits + passes - 1) / passes;
    count = malloc((size_t)nt * ((size_t)1 << dbits) * sizeof(*count));
    if (!count)
        return NULL;
    for (unsigned k = 0; k < passes; k++) {
        unsigned shift = lo + k * dbits, w = bits - k * dbits < dbits ? bits - k * dbits : dbits;
        size_t buckets = (size_t)1 << w, sum = 0;
        size_t onebucket = 0;
        struct pass p = {src, dst, n, word, shift, buckets - 1, nt, count};

        engine_parallel(nt, (size_t)nt, count_task, &p, NULL, NULL);
        for (size_t d = 0; d < buckets; d++) {
            size_t total = 0;
            for (int t = 0; t < nt; t++) {
                size_t c = p.count[(size_t)t * buckets + d];
                p.count[(size_t)t * buckets + d] = sum;
                sum += c;
                total += c;
            }
            if (total == n)
                onebucket = 1;
        }
        if (onebucket)
            continue;
        engine_parallel(nt, (size_t)nt, scatter_task, &p, NULL, NULL);
        struct engine_item *x = src;
        src = dst;
        dst = x;
    }
    free(count);
    return src;
}

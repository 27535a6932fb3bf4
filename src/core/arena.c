/* arena.c - region allocator built from a chain of malloc'd blocks. */
#include "core/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 8192
#define ARENA_ALIGN _Alignof(max_align_t)

struct block {
    struct block *next;
    size_t size;
    size_t used;
    _Alignas(max_align_t) unsigned char data[];
};

struct arena {
    struct block *head;
    size_t max;
    size_t total;
};

struct arena *arena_new(size_t max)
{
    struct arena *a = calloc(1, sizeof(*a));
    if (a)
        a->max = max;
    return a;
}

void arena_free(struct arena *a)
{
    if (!a)
        return;
    arena_reset(a);
    free(a->head);
    free(a);
}

void arena_reset(struct arena *a)
{
    struct block *b, *next;

    if (!a || !a->head)
        return;
    for (b = a->head->next; b; b = next) {
        next = b->next;
        free(b);
    }
    /* keep the most recently added block: it is the largest */
    a->head->next = NULL;
    a->head->used = 0;
    a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
    struct block *b;
    size_t need, size;
    void *p;

    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / 2)
        return NULL;
    need = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (a->max && (need > a->max || a->total > a->max - need))
        return NULL;
    b = a->head;
    if (!b || b->size - b->used < need) {
        size = need > ARENA_BLOCK ? need : ARENA_BLOCK;
        b = malloc(sizeof(*b) + size);
        if (!b)
            return NULL;
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    p = b->data + b->used;
    b->used += need;
    a->total += need;
    return p;
}

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
    void *p;
    if (size && count > SIZE_MAX / size)
        return NULL;
    p = arena_alloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    p = arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_used(const struct arena *a)
{
    return a->total;
}

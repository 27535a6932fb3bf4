/* arena.h - region allocator: many allocations, released together in one call.
 *
 * Used as the per-request memory pool of the web server and for parse results. Memory from
 * an arena is never freed piecemeal. An arena may be capped; allocation past the cap fails
 * (returns NULL) instead of growing without bound. Not thread-safe: one arena per thread. */
#ifndef KL_ARENA_H
#define KL_ARENA_H

#include <stddef.h>

struct arena;

/* Creates an arena that may hold at most max bytes in all (0 means no cap). NULL on ENOMEM.
 * Free it with arena_free. */
struct arena *arena_new(size_t max);

/* Releases every allocation and the arena itself. a may be NULL. */
void arena_free(struct arena *a);

/* Releases every allocation but keeps the arena (and its first block) for reuse. */
void arena_reset(struct arena *a);

/* n bytes aligned for any type, or NULL when out of memory or past the cap. */
void *arena_alloc(struct arena *a, size_t n);

/* As arena_alloc, zero-filled. */
void *arena_calloc(struct arena *a, size_t count, size_t size);

/* A NUL-terminated copy of s (NULL gives NULL). */
char *arena_strdup(struct arena *a, const char *s);

/* A NUL-terminated copy of the n bytes at s. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* printf into arena memory. NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Bytes handed out so far (for limits and tests). */
size_t arena_used(const struct arena *a);

#endif

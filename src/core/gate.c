/* gate.c - the line of gate.h: a waiter is a condition variable on its own stack, linked
 * at the tail; a leaving thread hands its place to the head and wakes only that one (a
 * broadcast to all would wake every waiter for each place, and cost more than the wait). */
#include "core/gate.h"

#include <stddef.h>

struct gate_waiter {
    pthread_cond_t wake;
    int handed; /* the place is this waiter's */
    struct gate_waiter *next;
};

int gate_init(struct gate *g, unsigned places)
{
    g->free = places ? places : 1;
    g->head = g->tail = NULL;
    return pthread_mutex_init(&g->lock, NULL) == 0 ? 0 : -1;
}

void gate_enter(struct gate *g)
{
    struct gate_waiter w = {.handed = 0, .next = NULL};

    pthread_mutex_lock(&g->lock);
    if (g->free > 0) {
        g->free--;
        pthread_mutex_unlock(&g->lock);
        return;
    }
    pthread_cond_init(&w.wake, NULL);
    if (g->tail)
        g->tail->next = &w;
    else
        g->head = &w;
    g->tail = &w;
    while (!w.handed)
        pthread_cond_wait(&w.wake, &g->lock);
    pthread_mutex_unlock(&g->lock);
    pthread_cond_destroy(&w.wake);
}

void gate_leave(struct gate *g)
{
    struct gate_waiter *w;

    pthread_mutex_lock(&g->lock);
    w = g->head;
    if (w) {
        g->head = w->next;
        if (!g->head)
            g->tail = NULL;
        w->handed = 1;
        pthread_cond_signal(&w->wake);
    } else {
        g->free++;
    }
    pthread_mutex_unlock(&g->lock);
}

unsigned gate_waiting(struct gate *g)
{
    unsigned n = 0;

    pthread_mutex_lock(&g->lock);
    for (struct gate_waiter *w = g->head; w; w = w->next)
        n++;
    pthread_mutex_unlock(&g->lock);
    return n;
}

void gate_destroy(struct gate *g)
{
    pthread_mutex_destroy(&g->lock);
}

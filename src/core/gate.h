/* gate.h - lets at most a given number of threads through at once, and the ones that wait
 * through in the order they came, each woken alone when its turn comes: the web server's
 * requests take their turn at the CPU cores through one. */
#ifndef KL_CORE_GATE_H
#define KL_CORE_GATE_H

#include <pthread.h>

struct gate_waiter;

struct gate {
    pthread_mutex_t lock;
    unsigned free;                   /* places nobody holds or is being handed */
    struct gate_waiter *head, *tail; /* the line, first come first */
};

/* A gate with places (at least 1) open. Returns 0, or -1 when the system refuses a
 * mutex. */
int gate_init(struct gate *g, unsigned places);

/* Takes a free place, or waits in line until gate_leave hands one to the caller. */
void gate_enter(struct gate *g);

/* Gives the caller's place to the first in line, or frees it when nobody waits. */
void gate_leave(struct gate *g);

/* How many threads wait in line now (for tests and monitoring). */
unsigned gate_waiting(struct gate *g);

/* Frees what gate_init made; no thread may be inside or waiting. */
void gate_destroy(struct gate *g);

#endif

/* test_gate.c - the gate the web server's requests pass to reach a core: never more
 * inside than its places, and the waiting let in first come, first served. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/gate.h"

#include <pthread.h>
#include <sched.h>

#define LINE 6

struct line {
    struct gate g;
    pthread_mutex_t lock;
    int order[LINE];
    int n;
};

struct comer {
    struct line *l;
    int id;
};

static void *come(void *p)
{
    struct comer *c = p;

    gate_enter(&c->l->g);
    pthread_mutex_lock(&c->l->lock);
    c->l->order[c->l->n++] = c->id;
    pthread_mutex_unlock(&c->l->lock);
    gate_leave(&c->l->g);
    return NULL;
}

static void test_the_waiting_pass_in_the_order_they_came(void **state)
{
    struct line l = {.n = 0};
    struct comer c[LINE];
    pthread_t t[LINE];

    (void)state;
    assert_int_equal(gate_init(&l.g, 1), 0);
    pthread_mutex_init(&l.lock, NULL);
    gate_enter(&l.g); /* the one place is taken: everyone after waits */
    for (int i = 0; i < LINE; i++) {
        c[i] = (struct comer){&l, i};
        assert_int_equal(pthread_create(&t[i], NULL, come, &c[i]), 0);
        while (gate_waiting(&l.g) != (unsigned)i + 1) /* in line before the next comes */
            sched_yield();
    }
    assert_int_equal(l.n, 0);
    gate_leave(&l.g);
    for (int i = 0; i < LINE; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(l.n, LINE);
    for (int i = 0; i < LINE; i++)
        assert_int_equal(l.order[i], i);
    assert_int_equal(gate_waiting(&l.g), 0);
    pthread_mutex_destroy(&l.lock);
    gate_destroy(&l.g);
}

#define PLACES 3
#define THREADS 8
#define ROUNDS 2000

struct crowd {
    struct gate g;
    pthread_mutex_t lock;
    int inside, most;
};

static void *crowd_in(void *p)
{
    struct crowd *c = p;

    for (int i = 0; i < ROUNDS; i++) {
        gate_enter(&c->g);
        pthread_mutex_lock(&c->lock);
        if (++c->inside > c->most)
            c->most = c->inside;
        pthread_mutex_unlock(&c->lock);
        sched_yield();
        pthread_mutex_lock(&c->lock);
        c->inside--;
        pthread_mutex_unlock(&c->lock);
        gate_leave(&c->g);
    }
    return NULL;
}

static void test_never_more_inside_than_its_places(void **state)
{
    struct crowd c = {.inside = 0, .most = 0};
    pthread_t t[THREADS];

    (void)state;
    assert_int_equal(gate_init(&c.g, PLACES), 0);
    pthread_mutex_init(&c.lock, NULL);
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, crowd_in, &c), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    assert_true(c.most >= 1 && c.most <= PLACES);
    assert_int_equal(c.inside, 0);
    assert_int_equal(gate_waiting(&c.g), 0);
    /* every place is free again: PLACES enter without waiting */
    for (int i = 0; i < PLACES; i++)
        gate_enter(&c.g);
    for (int i = 0; i < PLACES; i++)
        gate_leave(&c.g);
    pthread_mutex_destroy(&c.lock);
    gate_destroy(&c.g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_waiting_pass_in_the_order_they_came),
        cmocka_unit_test(test_never_more_inside_than_its_places),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* text_worker.c - the thread behind text_worker.h: sleeps on a condition variable, and on
 * each wake extracts a few PDF attachments at a time until none is left without text. */
#include "web/text_worker.h"

#include "app/attachment_text.h"
#include "core/error.h"
#include "store/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* Attachments extracted in one go before the worker looks whether it is asked to stop. */
#define TEXT_BATCH 4

struct text_worker {
    struct store *st;
    void (*log)(void *, const char *);
    void *log_ctx;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int wanted;   /* a round is asked for */
    int stopping;
};

/* One round: batches until a batch comes back short (nothing more is missing) or the
 * server stops. An error is logged and ends the round. */
static void extract_missing(struct text_worker *w)
{
    struct kl_error err;
    size_t done = TEXT_BATCH;
    int stopping = 0;

    while (done == TEXT_BATCH && !stopping) {
        kl_error_clear(&err);
        if (app_attachment_text_backfill(w->st, TEXT_BATCH, &done, &err)) {
            char line[sizeof(err.msg) + 32];

            snprintf(line, sizeof(line), "error: attachment text: %s", err.msg);
            w->log(w->log_ctx, line);
            return;
        }
        pthread_mutex_lock(&w->lock);
        stopping = w->stopping;
        pthread_mutex_unlock(&w->lock);
    }
}

static void *run(void *p)
{
    struct text_worker *w = p;

    pthread_mutex_lock(&w->lock);
    while (!w->stopping) {
        if (!w->wanted) {
            pthread_cond_wait(&w->wake, &w->lock);
            continue;
        }
        w->wanted = 0;
        pthread_mutex_unlock(&w->lock);
        extract_missing(w);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

int text_worker_start(const char *db_path, void (*log)(void *, const char *), void *log_ctx,
                      struct text_worker **out, struct kl_error *err)
{
    struct text_worker *w = calloc(1, sizeof(*w));
    int rc;

    *out = NULL;
    if (!w)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    rc = store_open(db_path, 0, &w->st, err);
    if (rc) {
        free(w);
        return rc;
    }
    w->log = log;
    w->log_ctx = log_ctx;
    w->wanted = 1;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, run, w) != 0) {
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        store_close(w->st);
        free(w);
        return kl_error_set(err, KL_EIO, "cannot start the attachment text thread");
    }
    *out = w;
    return 0;
}

void text_worker_wake(struct text_worker *w)
{
    pthread_mutex_lock(&w->lock);
    w->wanted = 1;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
}

void text_worker_stop(struct text_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = 1;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    store_close(w->st);
    free(w);
}
